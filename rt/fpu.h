/*
 * fpu.h: bit-exact RISC-V F and D arithmetic on raw bits (integers only).
 *
 * WebAssembly rounds to nearest-even, has no exception flags and no fused
 * multiply-add, yet the guest may ask for any of RISC-V's five rounding
 * modes and reads the accrued flags back.  So every F/D operation that is
 * not a plain bit move is computed here, in integer arithmetic, with the
 * exact results RISC-V specifies (unprivileged ISA, chapters "F" and "D"):
 *
 *  - rounding modes FPU_RNE .. FPU_RMM (`rm` arguments must already be
 *    resolved: 0..4; the dynamic mode and the reserved values are the
 *    caller's business, see rt/fpwrap.c);
 *  - the accrued flags NV DZ OF UF NX, OR-ed into *flags; tininess is
 *    detected after rounding and UF is raised only when the result is
 *    both tiny and inexact;
 *  - every NaN result is the canonical NaN (no payload propagation);
 *  - fmin/fmax are IEEE 754-2019 minimumNumber/maximumNumber (-0 < +0,
 *    a signalling NaN operand raises NV);
 *  - conversions to integers saturate (NaN reads as +infinity) and raise
 *    NV, never NX, when the rounded value does not fit;
 *  - fused multiply-add rounds once, and raises NV for inf * 0 even when
 *    the addend is a quiet NaN.
 *
 * Singles travel as uint32_t here; NaN-boxing in 64-bit registers is done
 * by fpu_unbox32/fpu_box32 below (the runtime wrappers in fpwrap.c use
 * them).  The code is pure C11, needs no libm and never touches the host's
 * floating-point unit, so it gives the same bits natively and in Wasm.
 */
#ifndef FPU_H
#define FPU_H

#include <stdint.h>

/* Rounding modes: the values of the instructions' rm field and of frm. */
enum {
	FPU_RNE = 0, /* to nearest, ties to even */
	FPU_RTZ = 1, /* toward zero */
	FPU_RDN = 2, /* down, toward -infinity */
	FPU_RUP = 3, /* up, toward +infinity */
	FPU_RMM = 4, /* to nearest, ties away from zero (max magnitude) */
	FPU_DYN = 7, /* instruction field only: use frm */
};

/* Accrued exception flags: the bits of fflags. */
enum {
	FPU_NX = 1 << 0, /* inexact */
	FPU_UF = 1 << 1, /* underflow */
	FPU_OF = 1 << 2, /* overflow */
	FPU_DZ = 1 << 3, /* divide by zero */
	FPU_NV = 1 << 4, /* invalid operation */
};

/* fclass result bits. */
enum {
	FPU_CLASS_NEG_INF = 1 << 0,
	FPU_CLASS_NEG_NORMAL = 1 << 1,
	FPU_CLASS_NEG_SUBNORMAL = 1 << 2,
	FPU_CLASS_NEG_ZERO = 1 << 3,
	FPU_CLASS_POS_ZERO = 1 << 4,
	FPU_CLASS_POS_SUBNORMAL = 1 << 5,
	FPU_CLASS_POS_NORMAL = 1 << 6,
	FPU_CLASS_POS_INF = 1 << 7,
	FPU_CLASS_SNAN = 1 << 8,
	FPU_CLASS_QNAN = 1 << 9,
};

/* Negation choices of fpu_*_fma: fmadd 0, fmsub FPU_NEG_C,
 * fnmsub FPU_NEG_PROD, fnmadd FPU_NEG_PROD | FPU_NEG_C. */
enum {
	FPU_NEG_PROD = 1, /* use -(a * b) */
	FPU_NEG_C = 2,    /* use -c */
};

#define FPU_F32_QNAN 0x7fc00000u
#define FPU_F64_QNAN 0x7ff8000000000000ull

/* A single held in a 64-bit register: valid only when NaN-boxed (upper
 * 32 bits all ones); anything else reads as the canonical NaN. */
static inline uint32_t fpu_unbox32(uint64_t r) {
	return (r >> 32) == 0xffffffffu ? (uint32_t)r : FPU_F32_QNAN;
}
static inline uint64_t fpu_box32(uint32_t f) {
	return 0xffffffff00000000ull | f;
}

/* ---- single precision ---- */
uint32_t fpu_f32_add(uint32_t a, uint32_t b, unsigned rm, unsigned *flags);
uint32_t fpu_f32_sub(uint32_t a, uint32_t b, unsigned rm, unsigned *flags);
uint32_t fpu_f32_mul(uint32_t a, uint32_t b, unsigned rm, unsigned *flags);
uint32_t fpu_f32_div(uint32_t a, uint32_t b, unsigned rm, unsigned *flags);
uint32_t fpu_f32_sqrt(uint32_t a, unsigned rm, unsigned *flags);
/* (±(a * b)) ± c, rounded once; `neg` is FPU_NEG_PROD | FPU_NEG_C. */
uint32_t fpu_f32_fma(uint32_t a, uint32_t b, uint32_t c, unsigned neg, unsigned rm,
                     unsigned *flags);
uint32_t fpu_f32_min(uint32_t a, uint32_t b, unsigned *flags);
uint32_t fpu_f32_max(uint32_t a, uint32_t b, unsigned *flags);
int fpu_f32_eq(uint32_t a, uint32_t b, unsigned *flags); /* quiet */
int fpu_f32_lt(uint32_t a, uint32_t b, unsigned *flags); /* signalling */
int fpu_f32_le(uint32_t a, uint32_t b, unsigned *flags); /* signalling */
unsigned fpu_f32_class(uint32_t a);
uint32_t fpu_f32_sgnj(uint32_t a, uint32_t b);
uint32_t fpu_f32_sgnjn(uint32_t a, uint32_t b);
uint32_t fpu_f32_sgnjx(uint32_t a, uint32_t b);
int32_t fpu_f32_to_i32(uint32_t a, unsigned rm, unsigned *flags);
uint32_t fpu_f32_to_u32(uint32_t a, unsigned rm, unsigned *flags);
int64_t fpu_f32_to_i64(uint32_t a, unsigned rm, unsigned *flags);
uint64_t fpu_f32_to_u64(uint32_t a, unsigned rm, unsigned *flags);
uint32_t fpu_i32_to_f32(int32_t x, unsigned rm, unsigned *flags);
uint32_t fpu_u32_to_f32(uint32_t x, unsigned rm, unsigned *flags);
uint32_t fpu_i64_to_f32(int64_t x, unsigned rm, unsigned *flags);
uint32_t fpu_u64_to_f32(uint64_t x, unsigned rm, unsigned *flags);

/* ---- double precision ---- */
uint64_t fpu_f64_add(uint64_t a, uint64_t b, unsigned rm, unsigned *flags);
uint64_t fpu_f64_sub(uint64_t a, uint64_t b, unsigned rm, unsigned *flags);
uint64_t fpu_f64_mul(uint64_t a, uint64_t b, unsigned rm, unsigned *flags);
uint64_t fpu_f64_div(uint64_t a, uint64_t b, unsigned rm, unsigned *flags);
uint64_t fpu_f64_sqrt(uint64_t a, unsigned rm, unsigned *flags);
uint64_t fpu_f64_fma(uint64_t a, uint64_t b, uint64_t c, unsigned neg, unsigned rm,
                     unsigned *flags);
uint64_t fpu_f64_min(uint64_t a, uint64_t b, unsigned *flags);
uint64_t fpu_f64_max(uint64_t a, uint64_t b, unsigned *flags);
int fpu_f64_eq(uint64_t a, uint64_t b, unsigned *flags);
int fpu_f64_lt(uint64_t a, uint64_t b, unsigned *flags);
int fpu_f64_le(uint64_t a, uint64_t b, unsigned *flags);
unsigned fpu_f64_class(uint64_t a);
uint64_t fpu_f64_sgnj(uint64_t a, uint64_t b);
uint64_t fpu_f64_sgnjn(uint64_t a, uint64_t b);
uint64_t fpu_f64_sgnjx(uint64_t a, uint64_t b);
int32_t fpu_f64_to_i32(uint64_t a, unsigned rm, unsigned *flags);
uint32_t fpu_f64_to_u32(uint64_t a, unsigned rm, unsigned *flags);
int64_t fpu_f64_to_i64(uint64_t a, unsigned rm, unsigned *flags);
uint64_t fpu_f64_to_u64(uint64_t a, unsigned rm, unsigned *flags);
uint64_t fpu_i32_to_f64(int32_t x, unsigned rm, unsigned *flags);
uint64_t fpu_u32_to_f64(uint32_t x, unsigned rm, unsigned *flags);
uint64_t fpu_i64_to_f64(int64_t x, unsigned rm, unsigned *flags);
uint64_t fpu_u64_to_f64(uint64_t x, unsigned rm, unsigned *flags);

/* ---- between the formats ---- */
uint64_t fpu_f32_to_f64(uint32_t a, unsigned *flags); /* exact */
uint32_t fpu_f64_to_f32(uint64_t a, unsigned rm, unsigned *flags);

/*
 * The runtime wrappers (rt/fpwrap.c, exported from rt.wasm): one per RISC-V
 * F/D instruction that is not a plain move, load or store, named rt_ + the
 * mnemonic with '.' -> '_'.  Register values travel as uint64_t (singles
 * NaN-boxed, 32-bit integer results sign-extended); `rm` is the
 * instruction's raw 3-bit field: 7 reads rt_cpu.frm, and 5, 6 or a
 * dynamic frm above 4 call rt_illegal().  Flags are OR-ed into
 * rt_cpu.fflags.
 *
 * FPU_RT_OPS(X) lists them as X(shape, name, arg): the shape fixes the
 * signature and the glue, arg is the fpu_ function (for fused
 * multiply-adds the FPU_NEG_* choice).  The shapes:
 *
 *   ARITH_S/D   (a, b, rm)    -> f       fadd fsub fmul fdiv
 *   SQRT_S/D    (a, rm)       -> f
 *   FMA_S/D     (a, b, c, rm) -> f       arg = FPU_NEG_* bits
 *   SGNJ_S/D    (a, b)        -> f       no flags
 *   MINMAX_S/D  (a, b)        -> f
 *   CMP_S/D     (a, b)        -> 0/1
 *   CLASS_S/D   (a)           -> mask
 *   TOW_S/D     (a, rm)       -> 32-bit integer, sign-extended
 *   TOL_S/D     (a, rm)       -> 64-bit integer
 *   FROMX_S/D   (x, rm)       -> f       w/wu take the low 32 bits of x
 *   S_D         (a, rm)       -> single  fcvt.s.d
 *   D_S         (a, rm)       -> double  fcvt.d.s (exact, rm still checked)
 */
#define FPU_RT_OPS(X)                                                                              \
	X(ARITH_S, fadd_s, fpu_f32_add)                                                            \
	X(ARITH_S, fsub_s, fpu_f32_sub)                                                            \
	X(ARITH_S, fmul_s, fpu_f32_mul)                                                            \
	X(ARITH_S, fdiv_s, fpu_f32_div)                                                            \
	X(SQRT_S, fsqrt_s, fpu_f32_sqrt)                                                           \
	X(FMA_S, fmadd_s, 0)                                                                       \
	X(FMA_S, fmsub_s, FPU_NEG_C)                                                               \
	X(FMA_S, fnmsub_s, FPU_NEG_PROD)                                                           \
	X(FMA_S, fnmadd_s, FPU_NEG_PROD | FPU_NEG_C)                                               \
	X(SGNJ_S, fsgnj_s, fpu_f32_sgnj)                                                           \
	X(SGNJ_S, fsgnjn_s, fpu_f32_sgnjn)                                                         \
	X(SGNJ_S, fsgnjx_s, fpu_f32_sgnjx)                                                         \
	X(MINMAX_S, fmin_s, fpu_f32_min)                                                           \
	X(MINMAX_S, fmax_s, fpu_f32_max)                                                           \
	X(CMP_S, feq_s, fpu_f32_eq)                                                                \
	X(CMP_S, flt_s, fpu_f32_lt)                                                                \
	X(CMP_S, fle_s, fpu_f32_le)                                                                \
	X(CLASS_S, fclass_s, fpu_f32_class)                                                        \
	X(TOW_S, fcvt_w_s, fpu_f32_to_i32)                                                         \
	X(TOW_S, fcvt_wu_s, fpu_f32_to_u32)                                                        \
	X(TOL_S, fcvt_l_s, fpu_f32_to_i64)                                                         \
	X(TOL_S, fcvt_lu_s, fpu_f32_to_u64)                                                        \
	X(FROMX_S, fcvt_s_w, fpu_i32_to_f32)                                                       \
	X(FROMX_S, fcvt_s_wu, fpu_u32_to_f32)                                                      \
	X(FROMX_S, fcvt_s_l, fpu_i64_to_f32)                                                       \
	X(FROMX_S, fcvt_s_lu, fpu_u64_to_f32)                                                      \
	X(S_D, fcvt_s_d, fpu_f64_to_f32)                                                           \
	X(ARITH_D, fadd_d, fpu_f64_add)                                                            \
	X(ARITH_D, fsub_d, fpu_f64_sub)                                                            \
	X(ARITH_D, fmul_d, fpu_f64_mul)                                                            \
	X(ARITH_D, fdiv_d, fpu_f64_div)                                                            \
	X(SQRT_D, fsqrt_d, fpu_f64_sqrt)                                                           \
	X(FMA_D, fmadd_d, 0)                                                                       \
	X(FMA_D, fmsub_d, FPU_NEG_C)                                                               \
	X(FMA_D, fnmsub_d, FPU_NEG_PROD)                                                           \
	X(FMA_D, fnmadd_d, FPU_NEG_PROD | FPU_NEG_C)                                               \
	X(SGNJ_D, fsgnj_d, fpu_f64_sgnj)                                                           \
	X(SGNJ_D, fsgnjn_d, fpu_f64_sgnjn)                                                         \
	X(SGNJ_D, fsgnjx_d, fpu_f64_sgnjx)                                                         \
	X(MINMAX_D, fmin_d, fpu_f64_min)                                                           \
	X(MINMAX_D, fmax_d, fpu_f64_max)                                                           \
	X(CMP_D, feq_d, fpu_f64_eq)                                                                \
	X(CMP_D, flt_d, fpu_f64_lt)                                                                \
	X(CMP_D, fle_d, fpu_f64_le)                                                                \
	X(CLASS_D, fclass_d, fpu_f64_class)                                                        \
	X(TOW_D, fcvt_w_d, fpu_f64_to_i32)                                                         \
	X(TOW_D, fcvt_wu_d, fpu_f64_to_u32)                                                        \
	X(TOL_D, fcvt_l_d, fpu_f64_to_i64)                                                         \
	X(TOL_D, fcvt_lu_d, fpu_f64_to_u64)                                                        \
	X(FROMX_D, fcvt_d_w, fpu_i32_to_f64)                                                       \
	X(FROMX_D, fcvt_d_wu, fpu_u32_to_f64)                                                      \
	X(FROMX_D, fcvt_d_l, fpu_i64_to_f64)                                                       \
	X(FROMX_D, fcvt_d_lu, fpu_u64_to_f64)                                                      \
	X(D_S, fcvt_d_s, fpu_f32_to_f64)

#define FPU_RT_DECL_ARITH_S(n) uint64_t rt_##n(uint64_t a, uint64_t b, uint32_t rm);
#define FPU_RT_DECL_ARITH_D FPU_RT_DECL_ARITH_S
#define FPU_RT_DECL_SQRT_S(n) uint64_t rt_##n(uint64_t a, uint32_t rm);
#define FPU_RT_DECL_SQRT_D FPU_RT_DECL_SQRT_S
#define FPU_RT_DECL_FMA_S(n) uint64_t rt_##n(uint64_t a, uint64_t b, uint64_t c, uint32_t rm);
#define FPU_RT_DECL_FMA_D FPU_RT_DECL_FMA_S
#define FPU_RT_DECL_SGNJ_S(n) uint64_t rt_##n(uint64_t a, uint64_t b);
#define FPU_RT_DECL_SGNJ_D FPU_RT_DECL_SGNJ_S
#define FPU_RT_DECL_MINMAX_S FPU_RT_DECL_SGNJ_S
#define FPU_RT_DECL_MINMAX_D FPU_RT_DECL_SGNJ_S
#define FPU_RT_DECL_CMP_S FPU_RT_DECL_SGNJ_S
#define FPU_RT_DECL_CMP_D FPU_RT_DECL_SGNJ_S
#define FPU_RT_DECL_CLASS_S(n) uint64_t rt_##n(uint64_t a);
#define FPU_RT_DECL_CLASS_D FPU_RT_DECL_CLASS_S
#define FPU_RT_DECL_TOW_S FPU_RT_DECL_SQRT_S
#define FPU_RT_DECL_TOW_D FPU_RT_DECL_SQRT_S
#define FPU_RT_DECL_TOL_S FPU_RT_DECL_SQRT_S
#define FPU_RT_DECL_TOL_D FPU_RT_DECL_SQRT_S
#define FPU_RT_DECL_FROMX_S FPU_RT_DECL_SQRT_S
#define FPU_RT_DECL_FROMX_D FPU_RT_DECL_SQRT_S
#define FPU_RT_DECL_S_D FPU_RT_DECL_SQRT_S
#define FPU_RT_DECL_D_S FPU_RT_DECL_SQRT_S
#define FPU_RT_DECL(shape, name, arg) FPU_RT_DECL_##shape(name)
FPU_RT_OPS(FPU_RT_DECL)
#undef FPU_RT_DECL

#endif
