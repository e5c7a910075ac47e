/* Float -> integer conversions at their limits through inline asm fcvt, which
 * saturates (and gives the maximum for NaN) instead of being undefined as in
 * C, with static rounding modes in the rm field; and int -> float at limits. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#define CVT(name, insn, rm, T, F, cons)                                                  \
    static T name(F x)                                                                   \
    {                                                                                    \
        T r;                                                                             \
        __asm__ volatile(insn " %0, %1, " rm : "=r"(r) : cons(x));                       \
        return r;                                                                        \
    }
CVT(d_w, "fcvt.w.d", "rtz", int64_t, double, "f")
CVT(d_wu, "fcvt.wu.d", "rtz", int64_t, double, "f")
CVT(d_l, "fcvt.l.d", "rtz", int64_t, double, "f")
CVT(d_lu, "fcvt.lu.d", "rtz", uint64_t, double, "f")
CVT(s_w, "fcvt.w.s", "rtz", int64_t, float, "f")
CVT(s_lu, "fcvt.lu.s", "rtz", uint64_t, float, "f")
CVT(d_l_rne, "fcvt.l.d", "rne", int64_t, double, "f")
CVT(d_l_rdn, "fcvt.l.d", "rdn", int64_t, double, "f")
CVT(d_l_rup, "fcvt.l.d", "rup", int64_t, double, "f")
CVT(d_l_rmm, "fcvt.l.d", "rmm", int64_t, double, "f")
CVT(d_w_rmm, "fcvt.w.d", "rmm", int64_t, double, "f")

static unsigned long flags(void)
{
    unsigned long f;
    __asm__ volatile("frflags %0\n\tfsflags zero" : "=r"(f));
    return f;
}

int main(void)
{
    static const double v[] = {0.0, -0.0, 0.9, -0.9, 1.5, -1.5, 2.5, -2.5, 2147483647.0, 2147483647.5,
                               2147483648.0, -2147483648.0, -2147483649.0, 4294967295.0, 4294967296.0,
                               9223372036854775807.0, -9223372036854775808.0, 18446744073709551615.0,
                               1e30, -1e30, INFINITY, -INFINITY, NAN, -NAN};
    flags();
    for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
        double x = v[i];
        volatile float xf = (float)x; /* may itself raise OF/NX: converted before flags are cleared */
        int64_t r[6];
        unsigned long f[6];
        flags();
        r[0] = d_w(x); f[0] = flags();
        r[1] = d_wu(x); f[1] = flags();
        r[2] = d_l(x); f[2] = flags();
        r[3] = (int64_t)d_lu(x); f[3] = flags();
        r[4] = s_w(xf); f[4] = flags();
        r[5] = (int64_t)s_lu(xf); f[5] = flags();
        printf("%-22.17g w=%lld/%lx wu=%llx/%lx l=%lld/%lx lu=%llu/%lx s.w=%lld/%lx s.lu=%llu/%lx\n", x,
               (long long)r[0], f[0], (unsigned long long)r[1], f[1], (long long)r[2], f[2],
               (unsigned long long)r[3], f[3], (long long)r[4], f[4], (unsigned long long)r[5], f[5]);
        printf("    rne=%lld rdn=%lld rup=%lld rmm=%lld wrmm=%lld\n", (long long)d_l_rne(x),
               (long long)d_l_rdn(x), (long long)d_l_rup(x), (long long)d_l_rmm(x), (long long)d_w_rmm(x));
    }
    /* integer -> float conversions at the limits (rounding of large values) */
    volatile int64_t lmax = INT64_MAX, lmin = INT64_MIN;
    volatile uint64_t umax = UINT64_MAX, odd = 0x20000000000001ULL;
    volatile int32_t wmin = INT32_MIN;
    volatile uint32_t wumax = UINT32_MAX;
    printf("%a %a %a %a %a %a\n", (double)lmax, (double)lmin, (double)umax, (double)odd, (double)wmin,
           (double)wumax);
    printf("%a %a %a %a\n", (double)(float)lmax, (double)(float)umax, (double)(float)odd, (double)(float)wumax);
    /* in-range C conversions */
    volatile double d = -123456789.987;
    printf("%d %u %lld %llu\n", (int)d, (unsigned)(-d), (long long)(d * 1e6), (unsigned long long)(-d * 1e9));
    return 0;
}
