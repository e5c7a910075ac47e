/* Floating comparisons and conversions used for control flow: feq/flt/fle
 * with NaN, -0 == +0, the isgreater family, float<->double round trips, and
 * branch-heavy code over doubles (bisection root finder, min/max search). */
#include <math.h>
#include <stdio.h>

static double f(double x) { return x * x * x - 2 * x - 5; }

int main(void)
{
    volatile double vals[] = {-INFINITY, -1.0, -0.0, 0.0, 1e-320, 1.0, INFINITY, NAN};
    int n = sizeof vals / sizeof vals[0];
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            double a = vals[i], b = vals[j];
            printf("%d%d%d%d%d%d%d ", a == b, a != b, a < b, a <= b, a > b, a >= b, isunordered(a, b));
        }
        printf("\n");
    }
    /* bisection: root of x^3-2x-5 */
    double lo = 2, hi = 3;
    int it = 0;
    while (hi - lo > 1e-15 && it < 200) {
        double mid = (lo + hi) / 2;
        if ((f(mid) < 0) == (f(lo) < 0))
            lo = mid;
        else
            hi = mid;
        it++;
    }
    printf("root=%.17g after %d iterations\n", lo, it);
    /* float/double round trips */
    volatile double d = 0.1;
    float fl = (float)d;
    double back = fl;
    printf("%.17g %.9g %.17g %d\n", d, (double)fl, back, back == d);
    float fsum = 0;
    double dsum = 0;
    for (int i = 1; i <= 10000; i++) {
        fsum += 1.0f / (float)i;
        dsum += 1.0 / i;
    }
    printf("harmonic float=%.9g double=%.17g\n", (double)fsum, dsum);
    double mx = -INFINITY, mn = INFINITY;
    for (int i = 0; i < 1000; i++) {
        double x = sin(i * 0.1) * (i % 17);
        if (x > mx) mx = x;
        if (x < mn) mn = x;
    }
    printf("max=%.17g min=%.17g\n", mx, mn);
    return it == 0;
}
