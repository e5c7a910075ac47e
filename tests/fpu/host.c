/*
 * host.c: the friscy side of the qemu differential test.  Runs every case
 * of cases.h through the runtime wrappers (rt/fpwrap.c over rt/fpu.c), the
 * very functions translated code calls, and prints the lines guest.c
 * prints under qemu.  rt_cpu and rt_illegal are stubbed here: the wrappers
 * only read frm, accrue fflags and call rt_illegal for reserved modes.
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "fpu.h"
#include "rt.h"

struct rt_cpu rt_cpu;
static jmp_buf ill_jmp;
void rt_illegal(void)
{
	longjmp(ill_jmp, 1);
}

/* each wrapper with the operands its shape takes */
#define CALL_FFF_RM(name) rt_##name(a, b, rm)
#define CALL_FF_RM(name) rt_##name(a, rm)
#define CALL_FFFF_RM(name) rt_##name(a, b, c, rm)
#define CALL_FFF(name) rt_##name(a, b)
#define CALL_XFF(name) rt_##name(a, b)
#define CALL_XF(name) rt_##name(a)
#define CALL_XF_RM(name) rt_##name(a, rm)
#define CALL_FX_RM(name) rt_##name(a, rm)
#define CALL_FF_RM0(name) rt_##name(a, rm)
#define CALL_FX_RM0(name) rt_##name(a, rm)

#define DEF_EXEC(shape, prec, name, mn, xw)                                                        \
	static uint64_t exec_##name(unsigned rm, unsigned frm, uint64_t a, uint64_t b, uint64_t c, \
	                            unsigned *fl)                                                  \
	{                                                                                          \
		uint64_t r;                                                                        \
		(void)b;                                                                           \
		(void)c;                                                                           \
		(void)rm;                                                                          \
		rt_cpu.frm = frm;                                                                  \
		rt_cpu.fflags = 0;                                                                 \
		r = CALL_##shape(name);                                                            \
		*fl = rt_cpu.fflags;                                                               \
		return r;                                                                          \
	}
FPU_CASES(DEF_EXEC)

static const struct case_op case_ops[] = {FPU_CASES(CASE_OP_ROW)};

/* the same reserved-mode cases as guest.c */
static void illegal_static(unsigned which, unsigned rm, uint64_t a)
{
	uint64_t r;
	rt_cpu.fflags = 0;
	switch (which) {
	case 0: r = rt_fadd_s(a, a, rm); break;
	case 1: r = rt_fsqrt_d(a, rm); break;
	case 2: r = rt_fcvt_w_d(a, rm); break;
	default: r = rt_fmadd_d(a, a, a, rm); break;
	}
	printf("illegal %u rm%u -> %016llx %02x\n", which, rm, (unsigned long long)r, rt_cpu.fflags);
}

static void illegal_cases(void)
{
	static const char *const dyn_ops[] = {"fadd.s", "fsqrt.d", "fcvt.w.d", "fmadd.d",
	                                      "fcvt.d.s", "fcvt.d.w", "fcvt.s.l", "fcvt.s.d"};
	volatile unsigned i, rm;
	for (i = 0; i < 4; i++)
		for (rm = 5; rm <= 6; rm++)
			if (setjmp(ill_jmp))
				printf("illegal %u rm%u -> SIGILL\n", i, rm);
			else
				illegal_static(i, rm, 0x3ff0000000000000ull);
	for (i = 0; i < sizeof dyn_ops / sizeof dyn_ops[0]; i++)
		for (rm = 5; rm <= 7; rm++) {
			const struct case_op *volatile op = 0;
			for (unsigned k = 0; k < sizeof case_ops / sizeof case_ops[0]; k++)
				if (!strcmp(case_ops[k].mn, dyn_ops[i]))
					op = &case_ops[k];
			if (setjmp(ill_jmp)) {
				printf("illegal %s frm%u -> SIGILL\n", dyn_ops[i], rm);
			} else {
				case_line(op, 7, rm, 0xffffffff3f800000ull, 0xffffffff3f800000ull,
				          0xffffffff3f800000ull);
			}
		}
	for (rm = 5; rm <= 6; rm++)
		for (i = 0; i < sizeof case_ops / sizeof case_ops[0]; i++)
			if (case_ops[i].shape == SH_FF_RM0 || case_ops[i].shape == SH_FX_RM0) {
				if (setjmp(ill_jmp))
					printf("illegal %s rm%u -> SIGILL\n", case_ops[i].mn, rm);
				else
					case_line(&case_ops[i], rm, 0, 1, 0, 0);
			}
}

int main(int argc, char **argv)
{
	static char buf[1 << 20];
	unsigned n = argc > 1 ? (unsigned)atoi(argv[1]) : 3000, i;
	setvbuf(stdout, buf, _IOFBF, sizeof buf);
	for (i = 0; i < sizeof case_ops / sizeof case_ops[0]; i++)
		case_run(&case_ops[i], n);
	illegal_cases();
	return 0;
}
