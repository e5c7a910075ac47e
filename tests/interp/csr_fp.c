/* Zicsr on fflags/frm/fcsr and the counters (incl. the no-write forms
 * csrrs/csrrsi with x0/0 on read-only counters, which must not trap), and
 * the F/D instructions whose NaN-boxing the interpreter does itself: flw,
 * fmv.x.w (sign-extends), fmv.w.x, fmv.d.x, plus single ops on unboxed
 * inputs, and fflags accrued by arithmetic. */
#include "common.h"

static uint64_t csr_rw(void) {
	uint64_t a, b, c, d, e, f;
	__asm__ volatile("csrw fcsr, zero\n\t"
	                 "csrrwi %0, frm, 3\n\t"   /* old frm 0 */
	                 "csrrsi %1, fflags, 5\n\t"  /* old 0, now 5 */
	                 "csrrci %2, fcsr, 1\n\t"    /* old 0x65, now 0x64 */
	                 "csrrs %3, fcsr, zero\n\t"  /* read only */
	                 "li %4, 0xff\n\tcsrrw %4, fcsr, %4\n\t"
	                 "csrrc %5, fcsr, zero\n\t"
	                 : "=&r"(a), "=&r"(b), "=&r"(c), "=&r"(d), "=&r"(e), "=&r"(f));
	printf("csr %llx %llx %llx %llx %llx %llx\n", (unsigned long long)a, (unsigned long long)b,
	       (unsigned long long)c, (unsigned long long)d, (unsigned long long)e,
	       (unsigned long long)f);
	__asm__ volatile("li %0, 0xfff\n\tcsrrw zero, fcsr, %0\n\tfrflags %1\n\tfrrm %2\n\t"
	                 "csrrc %3, frm, %0\n\tcsrr %0, fcsr\n\tfscsr zero"
	                 : "=&r"(a), "=&r"(b), "=&r"(c), "=&r"(d));
	printf("csr2 %llx %llx %llx %llx\n", (unsigned long long)a, (unsigned long long)b,
	       (unsigned long long)c, (unsigned long long)d);
	return 0;
}

static void counters(void) {
	uint64_t c0, c1, i0, i1, t0;
	__asm__ volatile("csrrs %0, cycle, zero\n\tcsrrsi %1, instret, 0\n\trdtime %4\n\t"
	                 "addi %2, zero, 100\n1:\taddi %2, %2, -1\n\tbnez %2, 1b\n\t"
	                 "rdcycle %2\n\trdinstret %3"
	                 : "=&r"(c0), "=&r"(i0), "=&r"(c1), "=&r"(i1), "=&r"(t0));
	printf("counters advance: %d %d\n", c1 > c0, i1 > i0);
}

static void fp_boxing(void) {
	uint64_t r[8];
	float one = 1.0f;
	double two = 2.0;
	__asm__ volatile("flw ft0, 0(%8)\n\tfmv.x.d %0, ft0\n\t"      /* boxed 1.0f */
	                 "fmv.x.w %1, ft0\n\t"                            /* 0x3f800000 */
	                 "li t0, 0xbf800000\n\tfmv.w.x ft1, t0\n\tfmv.x.d %2, ft1\n\t"
	                 "fmv.x.w %3, ft1\n\t"                            /* sign-extended */
	                 "fld ft2, 0(%9)\n\tfadd.s ft3, ft2, ft0\n\tfmv.x.d %4, ft3\n\t" /* unboxed in: NaN */
	                 "fsgnj.s ft4, ft0, ft2\n\tfmv.x.d %5, ft4\n\t"
	                 "fcvt.d.s ft5, ft2\n\tfmv.x.d %6, ft5\n\t"
	                 "li t0, 0x00000000bf800000\n\tfmv.d.x ft6, t0\n\tfsgnjx.s ft6, ft0, ft6\n\t"
	                 "fmv.x.d %7, ft6"
	                 : "=&r"(r[0]), "=&r"(r[1]), "=&r"(r[2]), "=&r"(r[3]), "=&r"(r[4]),
	                   "=&r"(r[5]), "=&r"(r[6]), "=&r"(r[7])
	                 : "r"(&one), "r"(&two)
	                 : "t0", "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6");
	for (int i = 0; i < 8; i++)
		printf("box%d %llx\n", i, (unsigned long long)r[i]);
}

static void fp_flags(void) {
	volatile double a = 1.0, b = 3.0, z = 0.0, big = 1e308;
	volatile float fa = 1.0f, fb = 3.0f;
	uint64_t fl[6];
	__asm__ volatile("fsflags zero");
	volatile double q = a / b;
	__asm__ volatile("frflags %0\n\tfsflags zero" : "=r"(fl[0]));
	q = a / z;
	__asm__ volatile("frflags %0\n\tfsflags zero" : "=r"(fl[1]));
	q = big * big;
	__asm__ volatile("frflags %0\n\tfsflags zero" : "=r"(fl[2]));
	q = z / z;
	__asm__ volatile("frflags %0\n\tfsflags zero" : "=r"(fl[3]));
	volatile float fq = fa / fb;
	__asm__ volatile("frflags %0\n\tfsflags zero" : "=r"(fl[4]));
	volatile long l = (long)(big * 1.0);
	__asm__ volatile("frflags %0\n\tfsflags zero" : "=r"(fl[5]));
	(void)q; (void)fq; (void)l;
	for (int i = 0; i < 6; i++)
		printf("flags%d %llx\n", i, (unsigned long long)fl[i]);
	/* static and dynamic rounding modes */
	uint64_t rr[5];
	__asm__ volatile("fcvt.w.d %0, %5, rtz\n\tfcvt.w.d %1, %5, rdn\n\tfcvt.w.d %2, %5, rup\n\t"
	                 "fcvt.w.d %3, %5, rmm\n\tfsrmi 2\n\tfcvt.w.d %4, %5, dyn\n\tfsrmi 0"
	                 : "=&r"(rr[0]), "=&r"(rr[1]), "=&r"(rr[2]), "=&r"(rr[3]), "=&r"(rr[4])
	                 : "f"(-2.5));
	printf("rm %lld %lld %lld %lld %lld\n", (long long)rr[0], (long long)rr[1], (long long)rr[2],
	       (long long)rr[3], (long long)rr[4]);
}

int main(void) {
	csr_rw();
	counters();
	fp_boxing();
	fp_flags();
	return 0;
}
