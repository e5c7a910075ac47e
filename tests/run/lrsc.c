/* The A extension by hand: lr.w/sc.w and lr.d/sc.d loops (sc returns 0 on
 * success), sc without a reservation, amoswap/amoadd/amoand/amoor/amoxor/
 * amomin/amomax/amominu/amomaxu in .w and .d forms with sign extension of the
 * 32-bit old value into rd. */
#include <stdint.h>
#include <stdio.h>

#define AMO(name, insn, T)                                                              \
    static int64_t name(T *p, int64_t v)                                                \
    {                                                                                   \
        int64_t old;                                                                    \
        __asm__ volatile(insn " %0, %2, (%1)" : "=r"(old) : "r"(p), "r"(v) : "memory"); \
        return old;                                                                     \
    }
AMO(swap_w, "amoswap.w", int32_t)
AMO(add_w, "amoadd.w", int32_t)
AMO(and_w, "amoand.w", int32_t)
AMO(or_w, "amoor.w", int32_t)
AMO(xor_w, "amoxor.w", int32_t)
AMO(min_w, "amomin.w", int32_t)
AMO(max_w, "amomax.w", int32_t)
AMO(minu_w, "amominu.w", int32_t)
AMO(maxu_w, "amomaxu.w", int32_t)
AMO(swap_d, "amoswap.d.aqrl", int64_t)
AMO(add_d, "amoadd.d", int64_t)
AMO(min_d, "amomin.d", int64_t)
AMO(maxu_d, "amomaxu.d.aq", int64_t)
AMO(minu_d, "amominu.d.rl", int64_t)

static int64_t lrsc_add_w(int32_t *p, int32_t v)
{
    int64_t old;
    int32_t tmp;
    __asm__ volatile("1: lr.w %0, (%2)\n"
                     "   addw %1, %0, %3\n"
                     "   sc.w %1, %1, (%2)\n"
                     "   bnez %1, 1b\n"
                     : "=&r"(old), "=&r"(tmp)
                     : "r"(p), "r"(v)
                     : "memory");
    return old;
}

static int64_t lrsc_cas_d(int64_t *p, int64_t expect, int64_t desired)
{
    int64_t old, fail;
    __asm__ volatile("1: lr.d.aq %0, (%2)\n"
                     "   bne %0, %3, 2f\n"
                     "   sc.d.rl %1, %4, (%2)\n"
                     "   bnez %1, 1b\n"
                     "2:\n"
                     : "=&r"(old), "=&r"(fail)
                     : "r"(p), "r"(expect), "r"(desired)
                     : "memory");
    return old;
}

int main(void)
{
    int32_t w = -7;
    int64_t d = 100;
    printf("%lld ", (long long)swap_w(&w, 0x7ffffff0)); /* -7 sign-extended */
    printf("%lld ", (long long)add_w(&w, 0x20));        /* wraps to negative */
    printf("%lld ", (long long)w);
    printf("%lld ", (long long)and_w(&w, 0xff00ff00));
    printf("%lld ", (long long)or_w(&w, 0x0f));
    printf("%lld ", (long long)xor_w(&w, -1));
    printf("%lld\n", (long long)w);
    w = -1;
    printf("min %lld ", (long long)min_w(&w, 5)); printf("%d ", w);
    printf("max %lld ", (long long)max_w(&w, 5)); printf("%d ", w);
    printf("minu %lld ", (long long)minu_w(&w, -2)); printf("%d ", w);
    printf("maxu %lld ", (long long)maxu_w(&w, -3)); printf("%d\n", w);
    printf("d: %lld ", (long long)swap_d(&d, -1));
    printf("%lld ", (long long)add_d(&d, 0x100000000LL));
    printf("%lld ", (long long)min_d(&d, -5));
    printf("%lld ", (long long)maxu_d(&d, 3));
    printf("%lld ", (long long)minu_d(&d, 0x8000000000000000LL));
    printf("%lld\n", (long long)d);

    int32_t c = 0;
    for (int i = 0; i < 1000; i++)
        lrsc_add_w(&c, i);
    printf("lrsc sum %d\n", c);
    int64_t v = 10;
    printf("cas %lld ", (long long)lrsc_cas_d(&v, 11, 99));
    printf("%lld ", (long long)v);
    printf("cas %lld ", (long long)lrsc_cas_d(&v, 10, 99));
    printf("%lld\n", (long long)v);
    return 0;
}
