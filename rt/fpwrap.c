/*
 * fpwrap.c: the F/D instructions as rt.wasm exports, for translated code
 * and the interpreter.  Each wrapper is glue only: resolve the rounding
 * mode, unbox single operands, call fpu.c, box or sign-extend the result,
 * accrue the flags into rt_cpu.fflags.  The list of wrappers and their
 * shapes is FPU_RT_OPS in fpu.h; this file expands it once per shape.
 *
 * NaN-boxing (unprivileged ISA, "NaN Boxing of Narrower Values"): a single
 * operand whose upper 32 bits are not all ones reads as the canonical NaN;
 * that holds for fsgnj*, fmin/fmax, compares and fclass too.
 */
#include "fpu.h"
#include "rt.h"

/* The instruction's rm field to a rounding mode: 7 is frm; 5, 6 and a
 * dynamic frm above 4 are reserved, so the instruction is illegal. */
static unsigned rm_mode(uint32_t rm)
{
	if (rm == FPU_DYN)
		rm = rt_cpu.frm;
	if (rm > FPU_RMM) {
		rt_illegal();
		return FPU_RNE; /* not reached */
	}
	return rm;
}

/* Every wrapper: the rounding mode resolved first (an illegal instruction
 * must not touch fflags), then the result computed with the flags in fl,
 * then the flags accrued. */
#define WRAP(sig, rmexpr, expr)                                                                    \
	RT_EXPORT uint64_t sig                                                                     \
	{                                                                                          \
		unsigned m = (rmexpr), fl = 0;                                                     \
		uint64_t r = (expr);                                                               \
		(void)m;                                                                           \
		rt_cpu.fflags |= fl;                                                               \
		return r;                                                                          \
	}

#define U32 fpu_unbox32
#define BOX fpu_box32
#define SEXT32(v) ((uint64_t)(int64_t)(int32_t)(uint32_t)(v))
#define RM rm_mode(rm)
#define NO_RM 0

/* the signatures */
#define P_A(n) rt_##n(uint64_t a)
#define P_AB(n) rt_##n(uint64_t a, uint64_t b)
#define P_A_RM(n) rt_##n(uint64_t a, uint32_t rm)
#define P_AB_RM(n) rt_##n(uint64_t a, uint64_t b, uint32_t rm)
#define P_ABC_RM(n) rt_##n(uint64_t a, uint64_t b, uint64_t c, uint32_t rm)

#define DEF_ARITH_S(n, fn) WRAP(P_AB_RM(n), RM, BOX(fn(U32(a), U32(b), m, &fl)))
#define DEF_ARITH_D(n, fn) WRAP(P_AB_RM(n), RM, fn(a, b, m, &fl))
#define DEF_SQRT_S(n, fn) WRAP(P_A_RM(n), RM, BOX(fn(U32(a), m, &fl)))
#define DEF_SQRT_D(n, fn) WRAP(P_A_RM(n), RM, fn(a, m, &fl))
#define DEF_FMA_S(n, neg) WRAP(P_ABC_RM(n), RM, BOX(fpu_f32_fma(U32(a), U32(b), U32(c), neg, m, &fl)))
#define DEF_FMA_D(n, neg) WRAP(P_ABC_RM(n), RM, fpu_f64_fma(a, b, c, neg, m, &fl))
#define DEF_SGNJ_S(n, fn) WRAP(P_AB(n), NO_RM, BOX(fn(U32(a), U32(b))))
#define DEF_SGNJ_D(n, fn) WRAP(P_AB(n), NO_RM, fn(a, b))
#define DEF_MINMAX_S(n, fn) WRAP(P_AB(n), NO_RM, BOX(fn(U32(a), U32(b), &fl)))
#define DEF_MINMAX_D(n, fn) WRAP(P_AB(n), NO_RM, fn(a, b, &fl))
#define DEF_CMP_S(n, fn) WRAP(P_AB(n), NO_RM, (uint64_t)fn(U32(a), U32(b), &fl))
#define DEF_CMP_D(n, fn) WRAP(P_AB(n), NO_RM, (uint64_t)fn(a, b, &fl))
#define DEF_CLASS_S(n, fn) WRAP(P_A(n), NO_RM, fn(U32(a)))
#define DEF_CLASS_D(n, fn) WRAP(P_A(n), NO_RM, fn(a))
#define DEF_TOW_S(n, fn) WRAP(P_A_RM(n), RM, SEXT32(fn(U32(a), m, &fl)))
#define DEF_TOW_D(n, fn) WRAP(P_A_RM(n), RM, SEXT32(fn(a, m, &fl)))
#define DEF_TOL_S(n, fn) WRAP(P_A_RM(n), RM, (uint64_t)fn(U32(a), m, &fl))
#define DEF_TOL_D(n, fn) WRAP(P_A_RM(n), RM, (uint64_t)fn(a, m, &fl))
/* a is the integer register; fn's prototype narrows it (mod 2^32) for w/wu */
#define DEF_FROMX_S(n, fn) WRAP(P_A_RM(n), RM, BOX(fn(a, m, &fl)))
#define DEF_FROMX_D(n, fn) WRAP(P_A_RM(n), RM, fn(a, m, &fl))
#define DEF_S_D(n, fn) WRAP(P_A_RM(n), RM, BOX(fn(a, m, &fl)))
#define DEF_D_S(n, fn) WRAP(P_A_RM(n), RM, fn(U32(a), &fl))

#define DEF(shape, name, arg) DEF_##shape(name, arg)
FPU_RT_OPS(DEF)
