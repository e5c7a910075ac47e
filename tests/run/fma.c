/* Fused multiply-add: fma()/fmaf() and gcc's contraction into fmadd/fmsub/
 * fnmadd/fnmsub, chosen so the single rounding differs from mul-then-add;
 * signs of zero results, NaN and infinity inputs (inf*0 + qNaN). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <stdint.h>

static uint64_t bits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }

static double fmadd(double a, double b, double c) { double r; __asm__("fmadd.d %0,%1,%2,%3" : "=f"(r) : "f"(a), "f"(b), "f"(c)); return r; }
static double fmsub(double a, double b, double c) { double r; __asm__("fmsub.d %0,%1,%2,%3" : "=f"(r) : "f"(a), "f"(b), "f"(c)); return r; }
static double fnmadd(double a, double b, double c) { double r; __asm__("fnmadd.d %0,%1,%2,%3" : "=f"(r) : "f"(a), "f"(b), "f"(c)); return r; }
static double fnmsub(double a, double b, double c) { double r; __asm__("fnmsub.d %0,%1,%2,%3" : "=f"(r) : "f"(a), "f"(b), "f"(c)); return r; }
static float fmadds(float a, float b, float c) { float r; __asm__("fmadd.s %0,%1,%2,%3" : "=f"(r) : "f"(a), "f"(b), "f"(c)); return r; }
static float fnmsubs(float a, float b, float c) { float r; __asm__("fnmsub.s %0,%1,%2,%3" : "=f"(r) : "f"(a), "f"(b), "f"(c)); return r; }

int main(void)
{
    volatile double a = 1.0 + 0x1p-30, b = 1.0 - 0x1p-30, c = -1.0;
    volatile float fa = 1.0f + 0x1p-13f, fb = 1.0f - 0x1p-13f, fc = -1.0f;
    volatile double x = 0.1, y = 10.0, z = -1.0;
    /* a*b = 1 - 2^-60: lost by the separate multiply, kept by fma */
    volatile double sep = a * b;
    printf("separate %a fused %a\n", sep + c, fma(a, b, c));
    volatile float sepf = fa * fb;
    printf("float separate %a fused %a\n", (double)(sepf + fc), (double)fmaf(fa, fb, fc));
    printf("0.1*10-1 fma=%a\n", fma(x, y, z));
    printf("asm: %a %a %a %a\n", fmadd(a, b, c), fmsub(a, b, -c), fnmadd(a, b, c), fnmsub(a, b, -c));
    printf("asm float: %a %a\n", (double)fmadds(fa, fb, fc), (double)fnmsubs(fa, fb, -fc));
    /* zero signs: (+0*-1) + +0 = +0 ; -(x*y)-z forms */
    volatile double pz = 0.0, nz = -0.0, one = 1.0;
    printf("zeros: %016llx %016llx %016llx %016llx\n", (unsigned long long)bits(fma(pz, -one, pz)),
           (unsigned long long)bits(fma(nz, one, nz)), (unsigned long long)bits(fnmadd(pz, one, pz)),
           (unsigned long long)bits(fnmsub(pz, one, pz)));
    volatile double inf = INFINITY, qn = NAN;
    printf("inf*0+nan=%016llx inf*1-inf=%016llx nan=%016llx\n", (unsigned long long)bits(fma(inf, pz, qn)),
           (unsigned long long)bits(fma(inf, one, -inf)), (unsigned long long)bits(fmadd(qn, one, one)));
    /* a dot product with and without fma */
    double s1 = 0, s2 = 0;
    for (int i = 1; i <= 1000; i++) {
        double u = 1.0 / i, v = i * 0.3;
        s1 = fma(u, v, s1);
        s2 += u * v;
    }
    printf("dot fma=%.17g plain=%.17g\n", s1, s2);
    return 0;
}
