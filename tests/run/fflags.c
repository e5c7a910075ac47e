/* Accrued exception flags (fflags CSR) read via fetestexcept after specific
 * operations: inexact, underflow, overflow, divide-by-zero, invalid (0/0,
 * sqrt(-1), inf-inf, signaling compare, out-of-range conversion), and that
 * exact operations and quiet comparisons raise nothing. */
#include <fenv.h>
#include <math.h>
#include <stdio.h>

static void show(const char *what)
{
    int e = fetestexcept(FE_ALL_EXCEPT);
    printf("%-22s %s%s%s%s%s%s\n", what, e & FE_INVALID ? "NV " : "", e & FE_DIVBYZERO ? "DZ " : "",
           e & FE_OVERFLOW ? "OF " : "", e & FE_UNDERFLOW ? "UF " : "", e & FE_INEXACT ? "NX" : "",
           e ? "" : "-");
    feclearexcept(FE_ALL_EXCEPT);
}

int main(void)
{
    volatile double one = 1.0, three = 3.0, zero = 0.0, big = 1e308, tiny = 1e-308, inf = INFINITY;
    volatile double qnan = NAN, r;
    volatile float fbig = 3e38f, f;
    volatile long l;
    volatile int i;
    feclearexcept(FE_ALL_EXCEPT);
    show("start");
    r = one + one; show("1+1");
    r = one / three; show("1/3");
    r = one / zero; show("1/0");
    r = zero / zero; show("0/0");
    r = big * big; show("1e308*1e308");
    r = tiny * tiny; show("1e-308*1e-308");
    r = tiny / 4; show("1e-308/4");
    r = sqrt(-one); show("sqrt(-1)");
    r = sqrt(4 * one); show("sqrt(4)");
    r = inf - inf; show("inf-inf");
    r = inf * zero; show("inf*0");
    r = inf + one; show("inf+1");
    f = fbig * 10; show("3e38f*10");
    f = (float)big; show("(float)1e308");
    f = (float)(one / three); show("(float)(1/3)");
    i = (int)(3.5 * one); show("(int)3.5");
    i = (int)(3.0 * one); show("(int)3.0");
    l = lrint(2.5 * one); show("lrint(2.5)");
    l = lrint(1e30 * one); show("lrint(1e30)");
    i = (qnan == one); show("nan==1 (quiet)");
    i = (qnan < one); show("nan<1 (signaling)");
    i = isless(qnan, one); show("isless(nan,1)");
    i = isunordered(qnan, one); show("isunordered");
    r = fmax(qnan, one); show("fmax(qnan,1)");
    r = qnan + one; show("qnan+1");
    feraiseexcept(FE_OVERFLOW | FE_INEXACT); show("feraiseexcept(OF|NX)");
    fexcept_t saved;
    r = one / zero;
    fegetexceptflag(&saved, FE_ALL_EXCEPT);
    feclearexcept(FE_ALL_EXCEPT);
    fesetexceptflag(&saved, FE_DIVBYZERO); show("restored DZ");
    unsigned long raw;
    r = one / three;
    __asm__ volatile("frflags %0" : "=r"(raw));
    printf("frflags=%lx\n", raw);
    __asm__ volatile("csrw fflags, %0" ::"r"(0x1fUL));
    __asm__ volatile("frcsr %0" : "=r"(raw));
    printf("fcsr=%lx\n", raw);
    __asm__ volatile("fsflags zero");
    __asm__ volatile("frcsr %0" : "=r"(raw));
    printf("fcsr=%lx\n", raw);
    (void)r; (void)f; (void)l; (void)i;
    return 0;
}
