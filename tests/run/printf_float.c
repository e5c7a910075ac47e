/* printf of doubles and floats in %a %e %f %g %.17g and with widths, flags
 * and precisions, over values that stress glibc's exact decimal conversion:
 * halfway cases, powers of ten, DBL_MAX/DBL_MIN/denormals, inf/nan. */
#include <float.h>
#include <math.h>
#include <stdio.h>

int main(void)
{
    static const double v[] = {0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1.0 / 3, 2.0 / 3, 100.0, 1e21, 1e22, 1e23,
                               123456789.125, 0.000123456, 5e-324, 2.2250738585072014e-308, DBL_MAX,
                               DBL_EPSILON, 9007199254740993.0, 0.125, 2.5, 3.5, 1e-5, 12345.6789e10,
                               INFINITY, -INFINITY, NAN};
    for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
        double x = v[i];
        printf("%a|%e|%.17g|%g|%.3f|%+.0f|%#.3g|%12.4e|%-10.2g|%La\n", x, x, x, x, x, x, x, x, x, (long double)x);
    }
    printf("%.0f %.0f %.0f %.0f %.1f %.1f %.2f\n", 0.5, 1.5, 2.5, -0.5, 0.25, 0.35, 1.005);
    printf("%.20f\n%.60e\n", 0.1, 1.0 / 3);
    printf("%f\n", DBL_MAX);
    printf("%.40g\n", 5e-324);
    float f = 16777217.0f, g = 0.1f;
    printf("%a %.9g %a %.9g %e\n", (double)f, (double)f, (double)g, (double)g, (double)FLT_MAX);
    /* long double is IEEE binary128 on RV64 (software emulated) */
    long double ld = 1.0L / 3;
    printf("%.36Lg %La\n", ld, ld);
    printf("%.30Lf\n", (long double)0.1 * 10 - 1);
    printf("[%*.*f] [%-*d] [%05.1f] [% .2e]\n", 10, 3, 3.14159, 6, 42, -2.25, 12345.0);
    return 0;
}
