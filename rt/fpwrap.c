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

/* f: the rounding mode resolved first (an illegal instruction must not
 * touch fflags), then the result computed with the flags in fl. */
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

#define DEF_ARITH_S(n, fn) WRAP(rt_##n(uint64_t a, uint64_t b, uint32_t rm), rm_mode(rm), BOX(fn(U32(a), U32(b), m, &fl)))
#define DEF_ARITH_D(n, fn) WRAP(rt_##n(uint64_t a, uint64_t b, uint32_t rm), rm_mode(rm), fn(a, b, m, &fl))
#define DEF_SQRT_S(n, fn) WRAP(rt_##n(uint64_t a, uint32_t rm), rm_mode(rm), BOX(fn(U32(a), m, &fl)))
#define DEF_SQRT_D(n, fn) WRAP(rt_##n(uint64_t a, uint32_t rm), rm_mode(rm), fn(a, m, &fl))
#define DEF_FMA_S(n, neg) WRAP(rt_##n(uint64_t a, uint64_t b, uint64_t c, uint32_t rm), rm_mode(rm), BOX(fpu_f32_fma(U32(a), U32(b), U32(c), neg, m, &fl)))
#define DEF_FMA_D(n, neg) WRAP(rt_##n(uint64_t a, uint64_t b, uint64_t c, uint32_t rm), rm_mode(rm), fpu_f64_fma(a, b, c, neg, m, &fl))
#define DEF_SGNJ_S(n, fn) WRAP(rt_##n(uint64_t a, uint64_t b), 0, BOX(fn(U32(a), U32(b))))
#define DEF_SGNJ_D(n, fn) WRAP(rt_##n(uint64_t a, uint64_t b), 0, fn(a, b))
#define DEF_MINMAX_S(n, fn) WRAP(rt_##n(uint64_t a, uint64_t b), 0, BOX(fn(U32(a), U32(b), &fl)))
#define DEF_MINMAX_D(n, fn) WRAP(rt_##n(uint64_t a, uint64_t b), 0, fn(a, b, &fl))
#define DEF_CMP_S(n, fn) WRAP(rt_##n(uint64_t a, uint64_t b), 0, (uint64_t)fn(U32(a), U32(b), &fl))
#define DEF_CMP_D(n, fn) WRAP(rt_##n(uint64_t a, uint64_t b), 0, (uint64_t)fn(a, b, &fl))
#define DEF_CLASS_S(n, fn) WRAP(rt_##n(uint64_t a), 0, fn(U32(a)))
#define DEF_CLASS_D(n, fn) WRAP(rt_##n(uint64_t a), 0, fn(a))
#define DEF_TOW_S(n, fn) WRAP(rt_##n(uint64_t a, uint32_t rm), rm_mode(rm), SEXT32(fn(U32(a), m, &fl)))
#define DEF_TOW_D(n, fn) WRAP(rt_##n(uint64_t a, uint32_t rm), rm_mode(rm), SEXT32(fn(a, m, &fl)))
#define DEF_TOL_S(n, fn) WRAP(rt_##n(uint64_t a, uint32_t rm), rm_mode(rm), (uint64_t)fn(U32(a), m, &fl))
#define DEF_TOL_D(n, fn) WRAP(rt_##n(uint64_t a, uint32_t rm), rm_mode(rm), (uint64_t)fn(a, m, &fl))
/* the prototype of fn narrows x (mod 2^32) for the w/wu forms */
#define DEF_FROMX_S(n, fn) WRAP(rt_##n(uint64_t x, uint32_t rm), rm_mode(rm), BOX(fn(x, m, &fl)))
#define DEF_FROMX_D(n, fn) WRAP(rt_##n(uint64_t x, uint32_t rm), rm_mode(rm), fn(x, m, &fl))
#define DEF_S_D(n, fn) WRAP(rt_##n(uint64_t a, uint32_t rm), rm_mode(rm), BOX(fn(a, m, &fl)))
#define DEF_D_S(n, fn) WRAP(rt_##n(uint64_t a, uint32_t rm), rm_mode(rm), fn(U32(a), &fl))

#define DEF(shape, name, arg) DEF_##shape(name, arg)
FPU_RT_OPS(DEF)
