/* Every dynamic rounding mode (fesetround -> frm CSR) applied to float and
 * double add/mul/div/sqrt/conversions and to rint/lrint/llrint/nearbyint,
 * plus the static-rounding functions round/trunc/floor/ceil which must not
 * care about the mode. */
#include <fenv.h>
#include <math.h>
#include <stdio.h>

static const struct { int mode; const char *name; } modes[] = {
    {FE_TONEAREST, "nearest"}, {FE_UPWARD, "upward"}, {FE_DOWNWARD, "downward"}, {FE_TOWARDZERO, "towardzero"}};

int main(void)
{
    volatile double one = 1.0, three = 3.0, ten = 10.0, two = 2.0, big = 0x1p53;
    volatile float fone = 1.0f, fthree = 3.0f;
    volatile long long ll = 0x7ffffffffffffdffLL;
    static const double rv[] = {0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4999999, -3.7, 1e15 + 0.5, 0x1p52 + 0.5};
    for (int m = 0; m < 4; m++) {
        if (fesetround(modes[m].mode) != 0) {
            printf("fesetround failed\n");
            return 1;
        }
        printf("%s (fegetround ok=%d)\n", modes[m].name, fegetround() == modes[m].mode);
        printf("  1/3=%a -1/3=%a 1/3f=%a -1/3f=%a\n", one / three, -one / three, (double)(fone / fthree),
               (double)(-fone / fthree));
        printf("  sqrt2=%a sqrt2f=%a 2^53+1=%a 0.1*3=%a\n", sqrt(two), (double)sqrtf((float)two),
               big + one, one / ten * three);
        printf("  ll->d=%a ll->f=%a d->f=%a\n", (double)ll, (double)(float)ll, (double)(float)(one / three));
        printf("  ");
        for (unsigned i = 0; i < sizeof rv / sizeof rv[0]; i++) {
            volatile double x = rv[i];
            printf("[%g %g %ld %lld %g %g] ", rint(x), nearbyint(x), lrint(x), llrint(x), (double)rintf((float)x),
                   (double)lrintf((float)x));
        }
        printf("\n  static: ");
        for (unsigned i = 0; i < sizeof rv / sizeof rv[0]; i++) {
            volatile double x = rv[i];
            printf("[%g %g %g %g %ld] ", round(x), trunc(x), floor(x), ceil(x), lround(x));
        }
        printf("\n  int conv (C truncates): %d %d %lld\n", (int)(-one / three * 7), (int)(2.99 * one),
               (long long)(-1e10 * one - 0.5));
        double fm = fma(one / three, three, -one);
        printf("  fma(1/3,3,-1)=%a\n", fm);
    }
    fesetround(FE_TONEAREST);
    return 0;
}
