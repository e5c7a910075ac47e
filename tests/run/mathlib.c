/* libm: sin/cos/tan/exp/log/pow/sqrt/cbrt/atan2/hypot/... over a grid of
 * arguments, including special arguments (pow(-8,1/3), log(0), exp(1000)),
 * printed with %.17g so every bit of the result is compared. */
#include <math.h>
#include <stdio.h>

int main(void)
{
    double sum = 0;
    for (int i = -20; i <= 20; i++) {
        double x = i * 0.37;
        double r[] = {sin(x), cos(x), tan(x), exp(x), log(fabs(x) + 0.5), pow(fabs(x), 1.7), sqrt(fabs(x)),
                      cbrt(x), atan2(x, 1.3), hypot(x, 2.0), sinh(x / 4), tanh(x), asin(x / 8), log1p(fabs(x)),
                      expm1(x / 3), log10(fabs(x) + 1), log2(fabs(x) + 1), erf(x / 4), tgamma(fabs(x) + 0.5),
                      fmod(x, 0.7), remainder(x, 0.7)};
        printf("%6.2f", x);
        for (unsigned k = 0; k < sizeof r / sizeof r[0]; k++) {
            printf(" %.17g", r[k]);
            sum += r[k];
        }
        printf("\n");
        float xf = (float)x;
        printf("   f: %.9g %.9g %.9g %.9g %.9g\n", (double)sinf(xf), (double)expf(xf), (double)logf(fabsf(xf) + 1),
               (double)powf(fabsf(xf), 0.5f), (double)sqrtf(fabsf(xf)));
    }
    printf("special: %g %g %g %g %g %g %g %g\n", pow(-8, 1.0 / 3), log(0.0), exp(1000), exp(-1000), pow(0, -1),
           pow(-1, INFINITY), atan2(0.0, -0.0), sqrt(-0.0));
    int ex;
    double m = frexp(1234.5, &ex);
    double ip;
    double fp = modf(-3.75, &ip);
    printf("frexp=%g,%d ldexp=%g modf=%g,%g ilogb=%d logb=%g scalbn=%g nextafter=%a\n", m, ex, ldexp(0.75, 11), fp,
           ip, ilogb(1e100), logb(1e-300), scalbn(1.0, -1074), nextafter(1.0, 2.0));
    printf("sum=%.17g\n", sum);
    return 0;
}
