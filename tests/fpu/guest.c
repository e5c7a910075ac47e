/*
 * guest.c: the reference side of the qemu differential test.  A static
 * RISC-V program that runs every case of cases.h as a real instruction
 * (inline asm: operands moved in with fmv.d.x, fflags cleared, the op
 * under each static rm and under dyn with frm set, fflags read back) and
 * prints the lines run.sh diffs against host.c.  Built with
 * riscv64-linux-gnu-gcc -static -O2 and run under qemu-riscv64.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"

/* fflags before each operation: 0, or NX (1) with `guest N nx`, which
 * is what lets translated code take its inline fast paths (see
 * compiler/emit/translate.c). */
static uint64_t preset;

/* One asm per (op, rm): the rounding mode is part of the encoding.
 * Built with -DVALUES_ONLY, the program never touches fcsr (frm stays
 * nearest-even, flags are neither set nor read), which lets rv2wasm drop
 * the flags (compiler/cfg/fenv.c): results alone are compared. */
#ifdef VALUES_ONLY
#define PRE "fmv.d.x ft1, %[a]\n\tfmv.d.x ft2, %[b]\n\tfmv.d.x ft3, %[c]\n\t"
#define FLAGS_OUT "li %[fl], 0"
#else
#define PRE                                                                                        \
	"fsrm %[frm]\n\tfmv.d.x ft1, %[a]\n\tfmv.d.x ft2, %[b]\n\tfmv.d.x ft3, %[c]\n\t"           \
	"csrw fflags, %[fl0]\n\t"
#define FLAGS_OUT "frflags %[fl]"
#endif
#define IO                                                                                         \
	[r] "=&r"(r), [fl] "=&r"(f)                                                                \
	: [a] "r"(a), [b] "r"(b), [c] "r"(c), [frm] "r"(frm), [fl0] "r"(preset)                    \
	: "ft0", "ft1", "ft2", "ft3"
#define RUN(body) __asm__ volatile(PRE body "\n\t" FLAGS_OUT : IO)

#define A_FFF_RM(mn, rm) RUN(mn " ft0, ft1, ft2, " rm "\n\tfmv.x.d %[r], ft0")
#define A_FF_RM(mn, rm) RUN(mn " ft0, ft1, " rm "\n\tfmv.x.d %[r], ft0")
#define A_FFFF_RM(mn, rm) RUN(mn " ft0, ft1, ft2, ft3, " rm "\n\tfmv.x.d %[r], ft0")
#define A_XF_RM(mn, rm) RUN(mn " %[r], ft1, " rm)
#define A_FX_RM(mn, rm) RUN(mn " ft0, %[a], " rm "\n\tfmv.x.d %[r], ft0")
#define A_FFF(mn) RUN(mn " ft0, ft1, ft2\n\tfmv.x.d %[r], ft0")
#define A_XFF(mn) RUN(mn " %[r], ft1, ft2")
#define A_XF(mn) RUN(mn " %[r], ft1")

#define EXEC_HEAD(name)                                                                            \
	static uint64_t exec_##name(unsigned rm, unsigned frm, uint64_t a, uint64_t b, uint64_t c, \
	                            unsigned *fl)                                                  \
	{                                                                                          \
		uint64_t r = 0, f = 0;                                                             \
		(void)rm;
#define EXEC_TAIL                                                                                  \
	*fl = (unsigned)f;                                                                         \
	return r;                                                                                  \
	}
#define SWITCH_RM(A, mn)                                                                           \
	switch (rm) {                                                                              \
	case 0: A(mn, "rne"); break;                                                               \
	case 1: A(mn, "rtz"); break;                                                               \
	case 2: A(mn, "rdn"); break;                                                               \
	case 3: A(mn, "rup"); break;                                                               \
	case 4: A(mn, "rmm"); break;                                                               \
	case 7: A(mn, "dyn"); break;                                                               \
	default: abort();                                                                          \
	}

#define EXEC_FFF_RM(name, mn) EXEC_HEAD(name) SWITCH_RM(A_FFF_RM, mn) EXEC_TAIL
#define EXEC_FF_RM(name, mn) EXEC_HEAD(name) SWITCH_RM(A_FF_RM, mn) EXEC_TAIL
#define EXEC_FFFF_RM(name, mn) EXEC_HEAD(name) SWITCH_RM(A_FFFF_RM, mn) EXEC_TAIL
#define EXEC_XF_RM(name, mn) EXEC_HEAD(name) SWITCH_RM(A_XF_RM, mn) EXEC_TAIL
#define EXEC_FX_RM(name, mn) EXEC_HEAD(name) SWITCH_RM(A_FX_RM, mn) EXEC_TAIL
#define EXEC_FFF(name, mn) EXEC_HEAD(name) A_FFF(mn); EXEC_TAIL
#define EXEC_XFF(name, mn) EXEC_HEAD(name) A_XFF(mn); EXEC_TAIL
#define EXEC_XF(name, mn) EXEC_HEAD(name) A_XF(mn); EXEC_TAIL
/* binutils 2.40 takes no rm operand on the exact conversions: .insn,
 * OP-FP (0x53) with funct7, rd, rs1, rs2 spelled out */
#define I_RM(ops, rm) RUN(".insn r 0x53, " rm ", " ops "\n\tfmv.x.d %[r], ft0")
#define SWITCH_RM_NUM(ops)                                                                         \
	switch (rm) {                                                                              \
	case 0: I_RM(ops, "0"); break;                                                             \
	case 1: I_RM(ops, "1"); break;                                                             \
	case 2: I_RM(ops, "2"); break;                                                             \
	case 3: I_RM(ops, "3"); break;                                                             \
	case 4: I_RM(ops, "4"); break;                                                             \
	case 5: I_RM(ops, "5"); break;                                                             \
	case 6: I_RM(ops, "6"); break;                                                             \
	default: I_RM(ops, "7"); break;                                                            \
	}
#define EXEC_FF_RM0(name, mn) EXEC_HEAD(name) SWITCH_RM_NUM(INSN_##name) EXEC_TAIL
#define EXEC_FX_RM0 EXEC_FF_RM0
#define INSN_fcvt_d_s "0x21, ft0, ft1, f0"
#define INSN_fcvt_d_w "0x69, ft0, %[a], x0"
#define INSN_fcvt_d_wu "0x69, ft0, %[a], x1"

#define DEF_EXEC(shape, prec, name, mn, xw) EXEC_##shape(name, mn)
FPU_CASES(DEF_EXEC)

static const struct case_op case_ops[] = {FPU_CASES(CASE_OP_ROW)};

/* ---- reserved rounding modes: SIGILL ---- */

static sigjmp_buf ill_jmp;
static void on_sigill(int sig)
{
	(void)sig;
	siglongjmp(ill_jmp, 1);
}

/* static rm 5 and 6 need .insn; fadd.s, fsqrt.d, fcvt.w.d, fmadd.d */
static void illegal_static(unsigned which, unsigned rm, uint64_t a)
{
	uint64_t b = a, c = a, r = 0, f = 0;
	unsigned frm = 0;
#define R_ILL(insn) RUN(insn "\n\tfmv.x.d %[r], ft0")
	if (rm == 5) {
		switch (which) {
		case 0: R_ILL(".insn r 0x53, 5, 0x00, ft0, ft1, ft2"); break;
		case 1: R_ILL(".insn r 0x53, 5, 0x2d, ft0, ft1, f0"); break;
		case 2: RUN(".insn r 0x53, 5, 0x61, %[r], ft1, x0"); break;
		default: R_ILL(".insn r4 0x43, 5, 1, ft0, ft1, ft2, ft3"); break;
		}
	} else {
		switch (which) {
		case 0: R_ILL(".insn r 0x53, 6, 0x00, ft0, ft1, ft2"); break;
		case 1: R_ILL(".insn r 0x53, 6, 0x2d, ft0, ft1, f0"); break;
		case 2: RUN(".insn r 0x53, 6, 0x61, %[r], ft1, x0"); break;
		default: R_ILL(".insn r4 0x43, 6, 1, ft0, ft1, ft2, ft3"); break;
		}
	}
	printf("illegal %u rm%u -> %016llx %02x\n", which, rm, (unsigned long long)r, (unsigned)f);
}

static void illegal_cases(void)
{
	static const char *const dyn_ops[] = {"fadd.s", "fsqrt.d", "fcvt.w.d", "fmadd.d",
	                                      "fcvt.d.s", "fcvt.d.w", "fcvt.s.l", "fcvt.s.d"};
	struct sigaction sa;
	volatile unsigned i, rm;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigill;
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGILL, &sa, NULL);
	for (i = 0; i < 4; i++)
		for (rm = 5; rm <= 6; rm++)
			if (sigsetjmp(ill_jmp, 1))
				printf("illegal %u rm%u -> SIGILL\n", i, rm);
			else
				illegal_static(i, rm, 0x3ff0000000000000ull);
	for (i = 0; i < sizeof dyn_ops / sizeof dyn_ops[0]; i++)
		for (rm = 5; rm <= 7; rm++) {
				const struct case_op *volatile op = 0;
			for (unsigned k = 0; k < sizeof case_ops / sizeof case_ops[0]; k++)
				if (!strcmp(case_ops[k].mn, dyn_ops[i]))
					op = &case_ops[k];
			if (sigsetjmp(ill_jmp, 1)) {
				printf("illegal %s frm%u -> SIGILL\n", dyn_ops[i], rm);
			} else {
				case_line(op, 7, rm, 0xffffffff3f800000ull, 0xffffffff3f800000ull,
				          0xffffffff3f800000ull);
			}
		}
	/* the exact conversions with a static reserved rm */
	for (rm = 5; rm <= 6; rm++)
		for (i = 0; i < sizeof case_ops / sizeof case_ops[0]; i++)
			if (case_ops[i].shape == SH_FF_RM0 || case_ops[i].shape == SH_FX_RM0) {
				if (sigsetjmp(ill_jmp, 1))
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
	/* a second argument: translated runs, which have no signal handlers */
	if (argc > 2)
		preset = !strcmp(argv[2], "nx");
	for (i = 0; i < sizeof case_ops / sizeof case_ops[0]; i++)
		case_run(&case_ops[i], n);
	if (argc <= 2)
		illegal_cases();
	return 0;
}
