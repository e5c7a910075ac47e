/* long double on RV64 is IEEE binary128 done in software (libgcc's
 * __addtf3/__multf3/__divtf3/conversions): arithmetic, conversions to and
 * from integers and doubles, comparisons, and printing with %Lg/%La. */
#include <float.h>
#include <stdio.h>

int main(void)
{
    long double x, e = 1.0L, term = 1.0L;
    for (int i = 1; i < 40; i++) { term /= i; e += term; }
    printf("e=%.33Lg\n", e);
    /* Bailey-Borwein-Plouffe: 30 terms are plenty for 113 bits */
    long double pi = 0, p16 = 1;
    for (int k = 0; k < 30; k++, p16 /= 16) {
        long double kk = k;
        pi += p16 * (4.0L / (8 * kk + 1) - 2.0L / (8 * kk + 4) - 1.0L / (8 * kk + 5) - 1.0L / (8 * kk + 6));
    }
    printf("pi=%.33Lg\n", pi);
    printf("eps=%La max=%Lg min=%Lg digits=%d\n", LDBL_EPSILON, LDBL_MAX, LDBL_MIN, LDBL_MANT_DIG);
    volatile long long big = 0x7fffffffffffffffLL;
    long double lb = big;
    printf("ll->ld exact=%d back=%lld\n", (long long)lb == big, (long long)(lb - 1));
    volatile unsigned long long ub = ~0ULL;
    long double lu = ub;
    printf("ull->ld=%.0Lf back=%llu\n", lu, (unsigned long long)lu);
    double d = (double)(1.0L / 3);
    float f = (float)(2.0L / 3);
    printf("ld->d=%a ld->f=%a d->ld=%La\n", d, (double)f, (long double)0.1);
    x = 1e4000L;
    printf("1e4000=%Lg *1e1000=%Lg 1/x=%Lg cmp=%d %d\n", x, x * 1e1000L, 1 / x, x > 1e308L, (x - x) == 0);
    long double s = 0;
    for (int i = 1; i <= 1000; i++) s += 1.0L / ((long double)i * i);
    printf("basel=%.33Lg\n", s);
    return 0;
}
