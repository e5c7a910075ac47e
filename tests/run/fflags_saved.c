/* fflags saved around a comparison the way gcc does it (frflags, flt,
 * fsflags), but the saved copy is then used: rv2wasm must see the read
 * (compiler/cfg/fenv.c) and keep the flags exact, so the copy holds NX
 * from the inexact division before it. */
#include <stdio.h>

static volatile double one = 1.0, three = 3.0;

int main(void)
{
    double q = one / three; /* inexact: NX */
    long saved;
    int less;

    __asm__ volatile("frflags %0\n\tflt.d %1, %2, %3\n\tfsflags %0"
                     : "=&r"(saved), "=&r"(less) : "f"(q), "f"(one));
    printf("q %.17g less %d saved flags %ld\n", q, less, saved * 3 + 1);
    return 0;
}
