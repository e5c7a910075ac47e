/* IEEE special values through RV64 F/D: NaN payloads (arithmetic returns the
 * canonical NaN 0x7ff8000000000000 / 0x7fc00000, while moves, fsgnj and
 * loads/stores keep the payload), NaN-boxing of floats, infinities, signed
 * zeros, subnormals, fmin/fmax with NaN and -0/+0, fclass via fpclassify. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t bits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static uint32_t bitsf(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static double dbl(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }
static float flt(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }

static const char *cls(double d)
{
    switch (fpclassify(d)) {
    case FP_NAN: return "nan";
    case FP_INFINITE: return "inf";
    case FP_ZERO: return "zero";
    case FP_SUBNORMAL: return "sub";
    default: return "norm";
    }
}

static unsigned long fclass_d(double d) { unsigned long r; __asm__("fclass.d %0,%1" : "=r"(r) : "f"(d)); return r; }
static unsigned long fclass_s(float f) { unsigned long r; __asm__("fclass.s %0,%1" : "=r"(r) : "f"(f)); return r; }

int main(void)
{
    volatile double qnan_payload = dbl(0x7ff80000deadbeefULL);
    volatile double snan = dbl(0x7ff0000000000001ULL);
    volatile double one = 1.0, zero = 0.0, nzero = -0.0, inf = INFINITY;
    volatile float fsnan = flt(0x7f800001u), fpay = flt(0x7fc12345u), fone = 1.0f;

    printf("payload kept by move:  %016llx\n", (unsigned long long)bits(qnan_payload));
    printf("nan+1:                 %016llx\n", (unsigned long long)bits(qnan_payload + one));
    printf("snan*1:                %016llx\n", (unsigned long long)bits(snan * one));
    printf("-nan (fsgnjn):         %016llx\n", (unsigned long long)bits(-qnan_payload));
    printf("fabs(-nan):            %016llx\n", (unsigned long long)bits(fabs(-qnan_payload)));
    printf("copysign(nan,-1):      %016llx\n", (unsigned long long)bits(copysign(qnan_payload, -one)));
    printf("0/0:                   %016llx\n", (unsigned long long)bits(zero / zero));
    printf("inf-inf:               %016llx\n", (unsigned long long)bits(inf - inf));
    printf("sqrt(-1):              %016llx\n", (unsigned long long)bits(sqrt(-one)));
    printf("float nan+1:           %08x\n", bitsf(fpay + fone));
    printf("float snan payload:    %08x\n", bitsf(fsnan));
    printf("float->double of nan:  %016llx\n", (unsigned long long)bits((double)fpay));
    printf("double->float of nan:  %08x\n", bitsf((float)qnan_payload));

    printf("1/0=%g -1/0=%g 1/-0=%g 0*-1=%g bits=%016llx\n", one / zero, -one / zero, one / nzero,
           zero * -one, (unsigned long long)bits(zero * -one));
    printf("-0+0=%016llx -0-0=%016llx -0+-0=%016llx\n", (unsigned long long)bits(nzero + zero),
           (unsigned long long)bits(nzero - zero), (unsigned long long)bits(nzero + nzero));

    volatile double tiny = DBL_MIN, dmin = dbl(1);
    printf("DBL_MIN/2=%a %s denorm_min=%a %s half=%a\n", tiny / 2, cls(tiny / 2), dmin, cls(dmin), dmin / 2);
    printf("FLT_MIN/8=%a FLT_TRUE_MIN=%a\n", (double)(FLT_MIN / 8.0f), (double)FLT_TRUE_MIN);
    printf("DBL_MAX*2=%g %s\n", DBL_MAX * (one + one), cls(DBL_MAX * (one + one)));

    /* fmin/fmax: IEEE 754-2008 minNum: a quiet NaN operand is ignored; -0 < +0 */
    printf("fmin(nan,1)=%g fmax(1,nan)=%g fmin(nan,nan)=%016llx\n", fmin(qnan_payload, one),
           fmax(one, qnan_payload), (unsigned long long)bits(fmin(qnan_payload, qnan_payload)));
    printf("fmin(-0,0)=%016llx fmax(-0,0)=%016llx fmin(0,-0)=%016llx\n",
           (unsigned long long)bits(fmin(nzero, zero)), (unsigned long long)bits(fmax(nzero, zero)),
           (unsigned long long)bits(fmin(zero, nzero)));
    printf("fminf(snan,1)=%g\n", (double)fminf(fsnan, fone));

    double vals[] = {-INFINITY, -1.5, -DBL_MIN / 4, -0.0, 0.0, DBL_MIN / 4, 1.5, INFINITY, snan, qnan_payload};
    for (int i = 0; i < 10; i++)
        printf("fclass.d(%g)=%03lx %s  fclass.s=%03lx\n", vals[i], fclass_d(vals[i]), cls(vals[i]),
               fclass_s((float)vals[i]));
    printf("fclass.s(snan)=%03lx\n", fclass_s(fsnan));
    printf("isnan=%d isinf=%d signbit(-0)=%d signbit(-nan)=%d\n", isnan(qnan_payload), isinf(-inf),
           signbit(nzero) != 0, signbit(-qnan_payload) != 0);
    return 0;
}
