/* NaN payloads through chains of double operations.  A NaN result must
 * read as RISC-V's canonical NaN (0x7ff8000000000000) wherever its bits
 * can be seen: moved to an integer register, stored, copied by fmv.d or
 * fsgnj*, converted to single.  Translated code skips making a NaN
 * canonical when the value only feeds arithmetic, comparisons or
 * conversions to integer before it dies; each chain below is in assembly
 * (so every -O level keeps it) and ends where the bits show. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define SHOW(name, v) printf("%-10s %016" PRIx64 "\n", name, (uint64_t)(v))

static uint64_t bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}

/* Touches no f register: gcc's -fipa-ra lets a caller keep a value in a
 * temporary across a call of such a function, as the last chain does. */
__attribute__((noinline, used)) long nan_leaf(long x)
{
    return x * 3 + 1;
}

int main(int argc, char **argv)
{
    volatile double inf_v = __builtin_inf(), zero_v = 0.0, one_v = 1.5;
    double inf = inf_v, zero = zero_v, one = one_v * (argc > 5 ? 3 : 1);
    uint64_t r, r2;
    double x, y, mem[2];

    /* inf * 0 is NaN; the add sees only a NaN; its result shows */
    __asm__ volatile("fmul.d %[x], %[a], %[b]\n\t"
                     "fadd.d %[y], %[x], %[c]\n\t"
                     "fmv.x.d %[r], %[y]"
                     : [r] "=r"(r), [x] "=&f"(x), [y] "=&f"(y)
                     : [a] "f"(inf), [b] "f"(zero), [c] "f"(one));
    SHOW("mul-add", r);

    /* the NaN itself shows: copied with a sign by fsgnj.d */
    __asm__ volatile("fmul.d %[x], %[a], %[b]\n\t"
                     "fsgnj.d %[y], %[x], %[c]\n\t"
                     "fmv.x.d %[r], %[y]"
                     : [r] "=r"(r), [x] "=&f"(x), [y] "=&f"(y)
                     : [a] "f"(inf), [b] "f"(zero), [c] "f"(one));
    SHOW("fsgnj", r);

    /* fsgnjx.d, then fsgnjn.d */
    __asm__ volatile("fsub.d %[x], %[a], %[a]\n\t"
                     "fsgnjx.d %[y], %[x], %[c]\n\t"
                     "fmv.x.d %[r], %[y]\n\t"
                     "fsub.d %[x], %[a], %[a]\n\t"
                     "fsgnjn.d %[y], %[x], %[x]\n\t"
                     "fmv.x.d %[r2], %[y]"
                     : [r] "=&r"(r), [r2] "=&r"(r2), [x] "=&f"(x), [y] "=&f"(y)
                     : [a] "f"(inf), [c] "f"(one));
    SHOW("fsgnjx", r);
    SHOW("fsgnjn", r2);

    /* fmv.d copies the bits: the copy shows, so the original must be canonical */
    __asm__ volatile("fdiv.d %[x], %[b], %[b]\n\t"
                     "fmv.d %[y], %[x]\n\t"
                     "fmv.x.d %[r], %[y]"
                     : [r] "=r"(r), [x] "=&f"(x), [y] "=&f"(y)
                     : [b] "f"(zero));
    SHOW("fmv.d", r);

    /* stored */
    __asm__ volatile("fmul.d %[x], %[a], %[b]\n\t"
                     "fmul.d %[y], %[x], %[c]\n\t"
                     "fsd %[y], 0(%[m])\n\t"
                     "fsqrt.d %[x], %[x]\n\t"
                     "fsd %[x], 8(%[m])"
                     : [x] "=&f"(x), [y] "=&f"(y)
                     : [a] "f"(inf), [b] "f"(zero), [c] "f"(one), [m] "r"(mem)
                     : "memory");
    SHOW("stored", bits(mem[0]));
    SHOW("sqrt", bits(mem[1]));

    /* to single, seen as a single */
    __asm__ volatile("fmul.d %[x], %[a], %[b]\n\t"
                     "fadd.d %[x], %[x], %[c]\n\t"
                     "fcvt.s.d %[y], %[x]\n\t"
                     "fmv.x.w %[r], %[y]"
                     : [r] "=r"(r), [x] "=&f"(x), [y] "=&f"(y)
                     : [a] "f"(inf), [b] "f"(zero), [c] "f"(one));
    SHOW("to single", r);

    /* blind uses only: a comparison, a conversion, min and max */
    __asm__ volatile("fmul.d %[x], %[a], %[b]\n\t"
                     "feq.d %[r], %[x], %[x]\n\t"
                     "fcvt.l.d %[r2], %[x], rtz\n\t"
                     "fmax.d %[y], %[x], %[c]\n\t"
                     "fmin.d %[x], %[y], %[x]"
                     : [r] "=&r"(r), [r2] "=&r"(r2), [x] "=&f"(x), [y] "=&f"(y)
                     : [a] "f"(inf), [b] "f"(zero), [c] "f"(one));
    SHOW("feq", r);
    SHOW("fcvt.l.d", r2);
    SHOW("min/max", bits(x));

    /* fma: the NaN comes in as the addend, the result is stored */
    __asm__ volatile("fmul.d %[x], %[a], %[b]\n\t"
                     "fmadd.d %[y], %[c], %[c], %[x]\n\t"
                     "fmv.x.d %[r], %[y]"
                     : [r] "=r"(r), [x] "=&f"(x), [y] "=&f"(y)
                     : [a] "f"(inf), [b] "f"(zero), [c] "f"(one));
    SHOW("fmadd", r);

    /* a loop: the NaN is made on the last trip and lives past the loop */
    long n = 5 + (argc > 5);
    x = one;
    __asm__ volatile("1: fmul.d %[x], %[x], %[a]\n\t"
                     "   fsub.d %[y], %[x], %[x]\n\t"
                     "   addi %[n], %[n], -1\n\t"
                     "   bnez %[n], 1b\n\t"
                     "fmv.x.d %[r], %[y]"
                     : [r] "=r"(r), [x] "+f"(x), [y] "=&f"(y), [n] "+r"(n)
                     : [a] "f"(inf));
    SHOW("loop", r);

    /* kept in a temporary across a call, seen after it */
    __asm__ volatile("fmul.d ft5, %[a], %[b]\n\t"
                     "li a0, 7\n\t"
                     "call nan_leaf\n\t"
                     "fmv.x.d %[r], ft5\n\t"
                     "mv %[r2], a0"
                     : [r] "=r"(r), [r2] "=r"(r2)
                     : [a] "f"(inf), [b] "f"(zero)
                     : "ra", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "a0", "a1", "a2", "a3", "a4", "a5", "a6",
                       "a7", "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "ft8", "ft9", "ft10", "ft11",
                       "fa0", "fa1", "fa2", "fa3", "fa4", "fa5", "fa6", "fa7", "memory");
    SHOW("call", r);
    SHOW("leaf", r2);
    SHOW("loop x", bits(x));
    return 0;
}
