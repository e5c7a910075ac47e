/*
 * test_fpu.c: rt/fpu.c against the x86-64 host FPU, and rt/fpwrap.c's glue.
 *
 * The oracle is SSE: like RISC-V it detects tininess after rounding,
 * raises underflow only for tiny *and* inexact results (exceptions
 * masked), and has the four directed-or-even rounding modes.  Every host
 * operation is an `asm volatile` with a memory clobber so the compiler can
 * neither fold it nor move it across fesetround/fetestexcept; fma() is
 * glibc's correctly rounded one, called through a volatile pointer for the
 * same reason.  NaN results are mapped to the canonical NaN.  x86's
 * "denormal operand" flag is not among the five and is never read.
 *
 * RMM has no host mode.  It differs from RNE only on an exact tie, where
 * it gives the directed rounding away from zero (result and flags alike:
 * at a tie NX is set in every mode, OF and tininess do not depend on the
 * choice).  So each op has a tie detector that decides from exact host
 * arithmetic (a wider format, TwoSum, an fma residual, integer maths)
 * whether the exact result is a midpoint; where that is not provable
 * (f64 fma, or error terms that may underflow) only properties are
 * checked.  tests/fpu/run.sh compares everything against qemu as well.
 *
 * fpwrap.c is glue, so it is compiled into this test with stubs for
 * rt_cpu and rt_illegal (the real ones live in rt/ and need Wasm).
 */
#include <criterion/criterion.h>
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include "fpu.h"
#include "rt.h"

struct rt_cpu rt_cpu;
static jmp_buf illegal_jmp;
static int illegal_calls;
void rt_illegal(void)
{
	illegal_calls++;
	longjmp(illegal_jmp, 1);
}
#include "fpwrap.c"

#if defined(__x86_64__)

/* ---- bits ---- */

static double d_of(uint64_t u)
{
	double d;
	memcpy(&d, &u, 8);
	return d;
}
static uint64_t u_of_d(double d)
{
	uint64_t u;
	memcpy(&u, &d, 8);
	return u;
}
static float f_of(uint64_t u)
{
	uint32_t w = (uint32_t)u;
	float f;
	memcpy(&f, &w, 4);
	return f;
}
static uint64_t u_of_f(float f)
{
	uint32_t w;
	memcpy(&w, &f, 4);
	return w;
}

static uint64_t rng_state = 0x243f6a8885a308d3ull;
static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* ---- the host ---- */

static const int host_mode[4] = {FE_TONEAREST, FE_TOWARDZERO, FE_DOWNWARD, FE_UPWARD};

static unsigned host_flags(void)
{
	int e = fetestexcept(FE_ALL_EXCEPT);
	return (e & FE_INVALID ? FPU_NV : 0) | (e & FE_DIVBYZERO ? FPU_DZ : 0) |
	       (e & FE_OVERFLOW ? FPU_OF : 0) | (e & FE_UNDERFLOW ? FPU_UF : 0) |
	       (e & FE_INEXACT ? FPU_NX : 0);
}

#define H_BIN(name, insn, T)                                                                       \
	static T name(T a, T b)                                                                    \
	{                                                                                          \
		__asm__ volatile(insn " %1, %0" : "+x"(a) : "x"(b) : "memory");                   \
		return a;                                                                          \
	}
H_BIN(h_addd, "addsd", double)
H_BIN(h_subd, "subsd", double)
H_BIN(h_muld, "mulsd", double)
H_BIN(h_divd, "divsd", double)
H_BIN(h_adds, "addss", float)
H_BIN(h_subs, "subss", float)
H_BIN(h_muls, "mulss", float)
H_BIN(h_divs, "divss", float)

#define H_UN(name, insn, TR, TA, cons)                                                             \
	static TR name(TA a)                                                                       \
	{                                                                                          \
		TR r;                                                                              \
		__asm__ volatile(insn " %1, %0" : "=x"(r) : cons(a) : "memory");                  \
		return r;                                                                          \
	}
H_UN(h_sqrtd, "sqrtsd", double, double, "x")
H_UN(h_sqrts, "sqrtss", float, float, "x")
H_UN(h_d2s, "cvtsd2ss", float, double, "x")
H_UN(h_s2d, "cvtss2sd", double, float, "x")
H_UN(h_i2d, "cvtsi2sdq", double, int64_t, "r")
H_UN(h_i2s, "cvtsi2ssq", float, int64_t, "r")

/* roundsd $4: round to an integer in the MXCSR mode, signalling inexact */
static double h_rint(double a)
{
	double r;
	__asm__ volatile("roundsd $4, %1, %0" : "=x"(r) : "x"(a) : "memory");
	return r;
}

static double h_u2d(uint64_t x)
{
	double d;
	if ((int64_t)x >= 0)
		return h_i2d((int64_t)x);
	d = h_i2d((int64_t)((x >> 1) | (x & 1))); /* round to odd, then exact doubling */
	return h_addd(d, d);
}
static float h_u2s(uint64_t x)
{
	float f;
	if ((int64_t)x >= 0)
		return h_i2s((int64_t)x);
	f = h_i2s((int64_t)((x >> 1) | (x & 1)));
	return h_adds(f, f);
}

#define H_CMP(name, insn, set, T)                                                                  \
	static int name(T a, T b)                                                                  \
	{                                                                                          \
		unsigned char r;                                                                   \
		__asm__ volatile(insn " %1, %2\n\t" set " %0" : "=q"(r) : "x"(a), "x"(b)          \
		                 : "memory", "cc");                                                \
		return r;                                                                          \
	}
/* "comisd a, b" compares b with a: a < b is b above a (unordered: CF=ZF=1) */
H_CMP(h_ltd, "comisd", "seta", double)
H_CMP(h_led, "comisd", "setae", double)
H_CMP(h_lts, "comiss", "seta", float)
H_CMP(h_les, "comiss", "setae", float)
static int h_eqd(double a, double b)
{
	unsigned char z, np;
	__asm__ volatile("ucomisd %2, %3\n\tsete %0\n\tsetnp %1" : "=q"(z), "=q"(np) : "x"(a), "x"(b)
	                 : "memory", "cc");
	return z && np;
}
static int h_eqs(float a, float b)
{
	unsigned char z, np;
	__asm__ volatile("ucomiss %2, %3\n\tsete %0\n\tsetnp %1" : "=q"(z), "=q"(np) : "x"(a), "x"(b)
	                 : "memory", "cc");
	return z && np;
}

static double (*volatile h_fma)(double, double, double) = fma;
static float (*volatile h_fmaf)(float, float, float) = fmaf;

/* RISC-V, unlike x86, makes inf * 0 + qNaN invalid */
static double h_fma_rv(double a, double b, double c)
{
	if ((isinf(a) && b == 0) || (a == 0 && isinf(b)))
		feraiseexcept(FE_INVALID);
	return h_fma(a, b, c);
}
static float h_fmaf_rv(float a, float b, float c)
{
	if ((isinf(a) && b == 0) || (a == 0 && isinf(b)))
		feraiseexcept(FE_INVALID);
	return h_fmaf(a, b, c);
}

/* ---- operand generators ---- */

static const uint64_t special64[] = {
	0x0000000000000000, 0x0000000000000001, 0x0000000000000002, 0x000fffffffffffff,
	0x0008000000000000, 0x0010000000000000, 0x0010000000000001, 0x001fffffffffffff,
	0x7fefffffffffffff, 0x7fe0000000000000, 0x7fdfffffffffffff, 0x7ff0000000000000,
	0x7ff8000000000000, 0x7ff0000000000001, 0x7ff4000000000000, 0x7ffc000000000001,
	0x7ff7ffffffffffff, 0x3ff0000000000000, 0x3ff0000000000001, 0x3fefffffffffffff,
	0x3ff8000000000000, 0x4000000000000000, 0x3fe0000000000000, 0x3fdfffffffffffff,
	0x4004000000000000, 0x400c000000000000, 0x41dfffffffc00000, 0x41dfffffffe00000,
	0x41e0000000000000, 0x41e0000000100000, 0x41efffffffe00000, 0x41effffffff00000,
	0x41f0000000000000, 0x41dfffffffffffff, 0x43dfffffffffffff, 0x43e0000000000000,
	0x43e0000000000001, 0x43efffffffffffff, 0x43f0000000000000, 0x4340000000000000,
	0x4340000000000001, 0x433fffffffffffff, 0x4330000000000000, 0x3cb0000000000000,
	0x3ca0000000000000, 0x0000000000000003, 0x00000000ffffffff, 0x001ffffffffffffe,
	0x3690000000000000, 0x3680000000000000, 0x47efffffe0000000, 0x47efffff00000000,
	0x47f0000000000000, 0x380fffffe0000000, 0x3810000000000000, 0x380ffffff0000000,
	0x36a0000000000000, 0x36a8000000000000, 0xc1e0000000000000, 0xc1e0000000100000,
	0xc1e0000000200000, 0xc3e0000000000000, 0xc3e0000000000001,
};
static const uint32_t special32[] = {
	0x00000000, 0x00000001, 0x00000002, 0x007fffff, 0x00400000, 0x00800000, 0x00800001,
	0x00ffffff, 0x7f7fffff, 0x7f000000, 0x7effffff, 0x7f800000, 0x7fc00000, 0x7f800001,
	0x7fa00000, 0x7fe00001, 0x7fbfffff, 0x3f800000, 0x3f800001, 0x3f7fffff, 0x3fc00000,
	0x40000000, 0x3f000000, 0x3effffff, 0x40200000, 0x40600000, 0x4effffff, 0x4f000000,
	0x4f000001, 0x4f7fffff, 0x4f800000, 0x5effffff, 0x5f000000, 0x5f000001, 0x5f7fffff,
	0x5f800000, 0x4b800000, 0x4b800001, 0x4b7fffff, 0x4b000000, 0x34000000, 0x33800000,
	0x00000003, 0x00fffffe, 0xcf000000, 0xcf000001, 0xdf000000, 0xdf000001, 0x4b000001,
};

#define NSPEC(a) (sizeof(a) / sizeof((a)[0]))

/* A generic binary float: m fraction bits, e exponent bits. */
static uint64_t gen_float(unsigned m, unsigned e)
{
	uint64_t r = rnd(), sign = (r & 1) << (m + e), fmask = (1ull << m) - 1;
	unsigned emax = (1u << e) - 1, bias = emax >> 1, ex;
	uint64_t frac;
	switch ((r >> 1) % 10) {
	case 0:
	case 1:
		if (m == 52)
			return special64[(r >> 8) % NSPEC(special64)] | sign;
		return special32[(r >> 8) % NSPEC(special32)] | sign;
	case 2: /* anything */
		return rnd() & ((sign << 1) - 1);
	case 3: /* moderate magnitude: conversions to integers, ordinary sums */
		ex = bias - 40 + (unsigned)((r >> 8) % 110);
		return sign | ((uint64_t)ex << m) | (rnd() & fmask);
	case 4: /* short significand, so exact results and ties are common */
		ex = bias - 30 + (unsigned)((r >> 8) % 100);
		frac = rnd() & fmask & ~(fmask >> ((r >> 20) % 14));
		return sign | ((uint64_t)ex << m) | frac;
	case 5: /* near the ends of the exponent range */
		ex = (r >> 8) & 1 ? (unsigned)((r >> 9) % 70) : emax - 1 - (unsigned)((r >> 9) % 70);
		frac = rnd() & fmask;
		if ((r >> 20) & 1)
			frac &= ~(fmask >> ((r >> 21) % 10));
		return sign | ((uint64_t)ex << m) | frac;
	case 6: /* fraction all ones or nearly zero */
		ex = bias - 64 + (unsigned)((r >> 8) % 130);
		frac = (r >> 20) & 1 ? fmask - (rnd() & 7) : rnd() & 7;
		return sign | ((uint64_t)ex << m) | frac;
	case 7: /* an integer or half-integer of moderate size */
	{
		unsigned bits = 1 + (unsigned)((r >> 8) % (m == 52 ? 66 : 34));
		unsigned vb = bits < 60 ? bits : 60; /* significant bits, the rest zeros */
		uint64_t v = rnd() >> (64 - vb) | 1ull << (vb - 1), half = (r >> 20) & 1;
		ex = bias + bits - 1;
		/* v * 2^(half ? -1 : 0); exponents beyond the integer range are fine too */
		frac = vb - 1 > m ? (v >> (vb - 1 - m)) & fmask : (v << (m - (vb - 1))) & fmask;
		return sign | ((uint64_t)(ex - half) << m) | frac;
	}
	default: /* subnormal */
		return sign | (rnd() & fmask >> ((r >> 8) % (m / 2)));
	}
}

static uint64_t gen_f64(void)
{
	return gen_float(52, 11);
}
static uint64_t gen_f32(void)
{
	return gen_float(23, 8);
}

/* b related to a: same or nearby exponent, for cancellation and ties */
static uint64_t near_float(uint64_t a, unsigned m, unsigned e)
{
	uint64_t r = rnd(), signb = 1ull << (m + e);
	switch (r % 4) {
	case 0:
		return a ^ signb;
	case 1:
		return (a + ((r >> 8) & 7) - 3) ^ ((r >> 16) & 1 ? signb : 0);
	case 2: /* exponent shifted by a little */
		return (a + ((((r >> 8) % 64) - 32) << m)) ^ ((r >> 16) & 1 ? signb : 0);
	default: /* only the last few fraction bits set: ties with a */
		return ((a & ~((1ull << m) - 1)) - ((uint64_t)(m + 1 + (r >> 8) % 4) << m)) |
		       ((r >> 16) & 7) | ((r >> 19) & 1 ? signb : 0);
	}
}

static uint64_t gen_int(void)
{
	uint64_t r = rnd(), v;
	unsigned bits = 1 + (unsigned)((r >> 8) % 64);
	switch (r % 6) {
	case 0:
		v = (r >> 16) % 2048;
		break;
	case 1:
		v = rnd();
		break;
	case 2: /* random length, low bits cleared then maybe a single tie bit */
	{
		unsigned k = (unsigned)((r >> 16) % (bits + 1));
		v = (rnd() >> (64 - bits)) | 1ull << (bits - 1);
		if (k && k < 64) {
			v &= ~((1ull << k) - 1);
			if ((r >> 24) & 1)
				v |= 1ull << (k - 1);
		}
		break;
	}
	case 3:
		v = (1ull << (bits - 1)) + ((r >> 16) % 9) - 4;
		break;
	default:
		v = rnd() >> (64 - bits);
		break;
	}
	return (r >> 40) & 1 ? 0 - v : v;
}

/* ---- ops: mine, the host, and the tie detector for RMM ---- */

enum { K_F32, K_F64, K_INT };
enum { TIE_SKIP = -1, TIE_PROPERTY = -2 };

struct op {
	const char *name;
	int nargs, arg, res; /* arg: kind of the operands; res: kind of the result */
	uint64_t (*mine)(const uint64_t *v, unsigned rm, unsigned *fl);
	uint64_t (*host)(const uint64_t *v); /* in the current host mode */
	/* For RMM: TIE_SKIP, TIE_PROPERTY, 0 (= RNE), or FPU_RDN / FPU_RUP
	 * (the away mode at a tie).  hr[] are the host results per mode. */
	int (*tie)(const uint64_t *v, const uint64_t *hr);
};

/* the away-from-zero directed mode for a result with sign s */
static int away(int s)
{
	return s ? FPU_RDN : FPU_RUP;
}

/* Exact x (a double) and the RTZ/away single results: tie iff x is their
 * midpoint.  Inexact x means more than 53 bits: not a tie of 25. */
static int tie_via_double32(double x, int exact, const uint64_t *hr)
{
	uint64_t rz = hr[FPU_RTZ];
	int s = (int)(rz >> 31) & 1, md = away(s);
	if (!exact || isnan(x) || rz == hr[md])
		return 0;
	return x == (h_s2d(f_of(rz)) + h_s2d(f_of(hr[md]))) / 2 ? md : 0;
}

/* x - rz exactly in two pieces for doubles: tie iff the error e of the
 * RNE result s satisfies e == +-half the gap (the gap is exact). */
static int tie_from_err64(double e, const uint64_t *hr, double scale)
{
	uint64_t rz = hr[FPU_RTZ];
	int s = (int)(rz >> 63), md = away(s);
	double gap, half;
	if (rz == hr[md] || isinf(d_of(hr[md])))
		return 0;
	gap = d_of(hr[md]) - d_of(rz);
	half = gap / 2;
	if (hr[FPU_RNE] != rz)
		half = -half;
	return e == half * scale ? md : 0;
}

/* host exactness of a double expression, in RNE */
#define EXACT_D(expr, out)                                                                         \
	do {                                                                                       \
		feclearexcept(FE_ALL_EXCEPT);                                                      \
		out = (expr);                                                                      \
		exact = !fetestexcept(FE_INEXACT);                                                 \
	} while (0)

#define A32 f_of(v[0])
#define B32 f_of(v[1])
#define C32 f_of(v[2])
#define A64 d_of(v[0])
#define B64 d_of(v[1])
#define C64 d_of(v[2])

/* single ops: exact value in double, when there is one */
#define OP32(nm, fpuexpr, hostexpr, dexpr)                                                         \
	static uint64_t m_##nm(const uint64_t *v, unsigned rm, unsigned *fl)                       \
	{                                                                                          \
		return fpuexpr;                                                                    \
	}                                                                                          \
	static uint64_t h_##nm(const uint64_t *v)                                                  \
	{                                                                                          \
		return u_of_f(hostexpr);                                                           \
	}                                                                                          \
	static int t_##nm(const uint64_t *v, const uint64_t *hr)                                   \
	{                                                                                          \
		int exact;                                                                         \
		double x;                                                                          \
		EXACT_D(dexpr, x);                                                                 \
		return tie_via_double32(x, exact, hr);                                             \
	}
OP32(fadd_s, fpu_f32_add((uint32_t)v[0], (uint32_t)v[1], rm, fl), h_adds(A32, B32),
     h_addd(h_s2d(A32), h_s2d(B32)))
OP32(fsub_s, fpu_f32_sub((uint32_t)v[0], (uint32_t)v[1], rm, fl), h_subs(A32, B32),
     h_subd(h_s2d(A32), h_s2d(B32)))
OP32(fmul_s, fpu_f32_mul((uint32_t)v[0], (uint32_t)v[1], rm, fl), h_muls(A32, B32),
     h_muld(h_s2d(A32), h_s2d(B32)))
OP32(fdiv_s, fpu_f32_div((uint32_t)v[0], (uint32_t)v[1], rm, fl), h_divs(A32, B32),
     h_divd(h_s2d(A32), h_s2d(B32)))
OP32(fsqrt_s, fpu_f32_sqrt((uint32_t)v[0], rm, fl), h_sqrts(A32), h_sqrtd(h_s2d(A32)))
OP32(fmadd_s, fpu_f32_fma((uint32_t)v[0], (uint32_t)v[1], (uint32_t)v[2], 0, rm, fl),
     h_fmaf_rv(A32, B32, C32), h_fma(h_s2d(A32), h_s2d(B32), h_s2d(C32)))
OP32(fmsub_s, fpu_f32_fma((uint32_t)v[0], (uint32_t)v[1], (uint32_t)v[2], FPU_NEG_C, rm, fl),
     h_fmaf_rv(A32, B32, -C32), h_fma(h_s2d(A32), h_s2d(B32), -h_s2d(C32)))
OP32(fnmsub_s, fpu_f32_fma((uint32_t)v[0], (uint32_t)v[1], (uint32_t)v[2], FPU_NEG_PROD, rm, fl),
     h_fmaf_rv(-A32, B32, C32), h_fma(-h_s2d(A32), h_s2d(B32), h_s2d(C32)))
OP32(fnmadd_s,
     fpu_f32_fma((uint32_t)v[0], (uint32_t)v[1], (uint32_t)v[2], FPU_NEG_PROD | FPU_NEG_C, rm, fl),
     h_fmaf_rv(-A32, B32, -C32), h_fma(-h_s2d(A32), h_s2d(B32), -h_s2d(C32)))
OP32(fcvt_s_d, fpu_f64_to_f32(v[0], rm, fl), h_d2s(A64), A64)

/* double ops: the RMM tie from an exact error term */
#define OP64(nm, fpuexpr, hostexpr)                                                                \
	static uint64_t m_##nm(const uint64_t *v, unsigned rm, unsigned *fl)                       \
	{                                                                                          \
		return fpuexpr;                                                                    \
	}                                                                                          \
	static uint64_t h_##nm(const uint64_t *v)                                                  \
	{                                                                                          \
		return u_of_d(hostexpr);                                                           \
	}
OP64(fadd_d, fpu_f64_add(v[0], v[1], rm, fl), h_addd(A64, B64))
OP64(fsub_d, fpu_f64_sub(v[0], v[1], rm, fl), h_subd(A64, B64))
OP64(fmul_d, fpu_f64_mul(v[0], v[1], rm, fl), h_muld(A64, B64))
OP64(fdiv_d, fpu_f64_div(v[0], v[1], rm, fl), h_divd(A64, B64))
OP64(fsqrt_d, fpu_f64_sqrt(v[0], rm, fl), h_sqrtd(A64))
OP64(fmadd_d, fpu_f64_fma(v[0], v[1], v[2], 0, rm, fl), h_fma_rv(A64, B64, C64))
OP64(fmsub_d, fpu_f64_fma(v[0], v[1], v[2], FPU_NEG_C, rm, fl), h_fma_rv(A64, B64, -C64))
OP64(fnmsub_d, fpu_f64_fma(v[0], v[1], v[2], FPU_NEG_PROD, rm, fl), h_fma_rv(-A64, B64, C64))
OP64(fnmadd_d, fpu_f64_fma(v[0], v[1], v[2], FPU_NEG_PROD | FPU_NEG_C, rm, fl),
     h_fma_rv(-A64, B64, -C64))
OP64(fcvt_d_s, fpu_f32_to_f64((uint32_t)v[0], fl), h_s2d(A32))

static int in_range(double x, double lo, double hi)
{
	return fabs(x) >= lo && fabs(x) <= hi;
}

/* TwoSum: a + b = s + e exactly, for s the RNE sum */
static int t_addsub(double a, double b, const uint64_t *hr)
{
	double s = d_of(hr[FPU_RNE]), bb, e;
	if (!in_range(a, 0, 0x1p1020) || !in_range(b, 0, 0x1p1020) || isnan(s))
		return TIE_SKIP;
	bb = h_subd(s, a);
	e = h_addd(h_subd(a, h_subd(s, bb)), h_subd(b, bb));
	return tie_from_err64(e, hr, 1);
}
static int t_fadd_d(const uint64_t *v, const uint64_t *hr)
{
	return t_addsub(A64, B64, hr);
}
static int t_fsub_d(const uint64_t *v, const uint64_t *hr)
{
	return t_addsub(A64, -B64, hr);
}
/* a * b - s is exact in an fma when it cannot underflow */
static int t_fmul_d(const uint64_t *v, const uint64_t *hr)
{
	double s = d_of(hr[FPU_RNE]);
	if (!in_range(s, 0x1p-900, 0x1p1000))
		return TIE_SKIP;
	return tie_from_err64(h_fma(A64, B64, -s), hr, 1);
}
/* a - s * b is exact; x - s = (a - s * b) / b */
static int t_fdiv_d(const uint64_t *v, const uint64_t *hr)
{
	double s = d_of(hr[FPU_RNE]);
	if (!in_range(s, 0x1p-900, 0x1p900) || !in_range(A64, 0x1p-900, 0x1p900) ||
	    !in_range(B64, 0x1p-900, 0x1p900))
		return TIE_SKIP;
	return tie_from_err64(h_fma(-s, B64, A64), hr, B64);
}
static int t_none(const uint64_t *v, const uint64_t *hr)
{
	return 0; /* never a tie: square roots, exact conversions */
}
static int t_property(const uint64_t *v, const uint64_t *hr)
{
	return TIE_PROPERTY;
}
#define t_fsqrt_d t_none
#define t_fcvt_d_s t_none
#define t_fmadd_d t_property
#define t_fmsub_d t_property
#define t_fnmsub_d t_property
#define t_fnmadd_d t_property

/* float -> integer: the host rounds to an integral double (roundsd),
 * then RISC-V's range rules apply. */
static uint64_t host_to_int(double x, int is_signed, unsigned bits)
{
	double lo = is_signed ? -ldexp(1, (int)bits - 1) : 0;
	double hi = is_signed ? ldexp(1, (int)bits - 1) : ldexp(1, (int)bits); /* exclusive */
	uint64_t max = is_signed ? (1ull << (bits - 1)) - 1 : ~0ull >> (64 - bits);
	uint64_t min = is_signed ? 0 - (1ull << (bits - 1)) : 0;
	double r;
	if (isnan(x)) {
		feraiseexcept(FE_INVALID);
		return max;
	}
	r = h_rint(x);
	if (r < lo || r >= hi) {
		feclearexcept(FE_INEXACT);
		feraiseexcept(FE_INVALID);
		return x < 0 ? min : max;
	}
	if (r >= 0x1p63)
		return (uint64_t)(r - 0x1p63) + (1ull << 63);
	return (uint64_t)(int64_t)r;
}
static int t_to_int(double x)
{
	double ip;
	double fr = modf(x, &ip);
	return fabs(fr) == 0.5 ? away(x < 0) : 0;
}

#define OPTOI(nm, fpufn, T, src, is_signed, bits)                                                  \
	static uint64_t m_##nm(const uint64_t *v, unsigned rm, unsigned *fl)                       \
	{                                                                                          \
		return (uint64_t)fpufn((T)v[0], rm, fl);                                           \
	}                                                                                          \
	static uint64_t h_##nm(const uint64_t *v)                                                  \
	{                                                                                          \
		uint64_t r = host_to_int(src, is_signed, bits);                                    \
		return bits == 32 && is_signed ? (uint64_t)(int64_t)(int32_t)r : r;                \
	}                                                                                          \
	static int t_##nm(const uint64_t *v, const uint64_t *hr)                                   \
	{                                                                                          \
		return t_to_int(src);                                                              \
	}
OPTOI(fcvt_w_s, fpu_f32_to_i32, uint32_t, h_s2d(A32), 1, 32)
OPTOI(fcvt_wu_s, fpu_f32_to_u32, uint32_t, h_s2d(A32), 0, 32)
OPTOI(fcvt_l_s, fpu_f32_to_i64, uint32_t, h_s2d(A32), 1, 64)
OPTOI(fcvt_lu_s, fpu_f32_to_u64, uint32_t, h_s2d(A32), 0, 64)
OPTOI(fcvt_w_d, fpu_f64_to_i32, uint64_t, A64, 1, 32)
OPTOI(fcvt_wu_d, fpu_f64_to_u32, uint64_t, A64, 0, 32)
OPTOI(fcvt_l_d, fpu_f64_to_i64, uint64_t, A64, 1, 64)
OPTOI(fcvt_lu_d, fpu_f64_to_u64, uint64_t, A64, 0, 64)

/* integer -> float: tie iff 2x = rz + ra, in 128-bit integers */
static int t_from_int(__int128 x, double rz, double ra)
{
	int md = away(x < 0);
	if (rz == ra)
		return 0;
	return 2 * x == (__int128)rz + (__int128)ra ? md : 0;
}
#define OPFROMI(nm, fpufn, T, res, hostexpr, tocast)                                               \
	static uint64_t m_##nm(const uint64_t *v, unsigned rm, unsigned *fl)                       \
	{                                                                                          \
		return fpufn((T)v[0], rm, fl);                                                     \
	}                                                                                          \
	static uint64_t h_##nm(const uint64_t *v)                                                  \
	{                                                                                          \
		return res(hostexpr);                                                              \
	}                                                                                          \
	static int t_##nm(const uint64_t *v, const uint64_t *hr)                                   \
	{                                                                                          \
		int md = away((__int128)(T)v[0] < 0);                                              \
		return t_from_int((T)v[0], tocast(hr[FPU_RTZ]), tocast(hr[md]));                   \
	}
#define D_OF_F(u) h_s2d(f_of(u))
OPFROMI(fcvt_s_w, fpu_i32_to_f32, int32_t, u_of_f, h_i2s((int32_t)v[0]), D_OF_F)
OPFROMI(fcvt_s_wu, fpu_u32_to_f32, uint32_t, u_of_f, h_i2s((uint32_t)v[0]), D_OF_F)
OPFROMI(fcvt_s_l, fpu_i64_to_f32, int64_t, u_of_f, h_i2s((int64_t)v[0]), D_OF_F)
OPFROMI(fcvt_s_lu, fpu_u64_to_f32, uint64_t, u_of_f, h_u2s(v[0]), D_OF_F)
OPFROMI(fcvt_d_w, fpu_i32_to_f64, int32_t, u_of_d, h_i2d((int32_t)v[0]), d_of)
OPFROMI(fcvt_d_wu, fpu_u32_to_f64, uint32_t, u_of_d, h_i2d((uint32_t)v[0]), d_of)
OPFROMI(fcvt_d_l, fpu_i64_to_f64, int64_t, u_of_d, h_i2d((int64_t)v[0]), d_of)
OPFROMI(fcvt_d_lu, fpu_u64_to_f64, uint64_t, u_of_d, h_u2d(v[0]), d_of)

/* compares: the host's comisd/ucomisd give the result and NV */
#define OPCMP(nm, fpufn, T, hostexpr)                                                              \
	static uint64_t m_##nm(const uint64_t *v, unsigned rm, unsigned *fl)                       \
	{                                                                                          \
		return (uint64_t)fpufn((T)v[0], (T)v[1], fl);                                      \
	}                                                                                          \
	static uint64_t h_##nm(const uint64_t *v)                                                  \
	{                                                                                          \
		return (uint64_t)(hostexpr);                                                       \
	}
OPCMP(feq_s, fpu_f32_eq, uint32_t, h_eqs(A32, B32))
OPCMP(flt_s, fpu_f32_lt, uint32_t, h_lts(A32, B32))
OPCMP(fle_s, fpu_f32_le, uint32_t, h_les(A32, B32))
OPCMP(feq_d, fpu_f64_eq, uint64_t, h_eqd(A64, B64))
OPCMP(flt_d, fpu_f64_lt, uint64_t, h_ltd(A64, B64))
OPCMP(fle_d, fpu_f64_le, uint64_t, h_led(A64, B64))

/* fmin/fmax: minimumNumber/maximumNumber written out from the spec */
static int is_snan64(uint64_t x)
{
	return isnan(d_of(x)) && !(x & (1ull << 51));
}
static int is_snan32(uint64_t x)
{
	return isnan(f_of(x)) && !(x & (1u << 22));
}
static uint64_t spec_minmax(uint64_t a, uint64_t b, int is64, int want_max)
{
	double x = is64 ? d_of(a) : (double)f_of(a), y = is64 ? d_of(b) : (double)f_of(b);
	int xs = signbit(x) != 0, ys = signbit(y) != 0;
	if (is64 ? is_snan64(a) || is_snan64(b) : is_snan32(a) || is_snan32(b))
		feraiseexcept(FE_INVALID);
	if (isnan(x) && isnan(y))
		return is64 ? FPU_F64_QNAN : FPU_F32_QNAN;
	if (isnan(x))
		return b;
	if (isnan(y))
		return a;
	if (x == y && xs != ys) /* +0 and -0 */
		return want_max ? (xs ? b : a) : (xs ? a : b);
	if (want_max)
		return x > y ? a : b;
	return x < y ? a : b;
}
#define OPMM(nm, fpufn, T, is64, want_max)                                                         \
	static uint64_t m_##nm(const uint64_t *v, unsigned rm, unsigned *fl)                       \
	{                                                                                          \
		return fpufn((T)v[0], (T)v[1], fl);                                                \
	}                                                                                          \
	static uint64_t h_##nm(const uint64_t *v)                                                  \
	{                                                                                          \
		return spec_minmax(v[0], v[1], is64, want_max);                                    \
	}
OPMM(fmin_s, fpu_f32_min, uint32_t, 0, 0)
OPMM(fmax_s, fpu_f32_max, uint32_t, 0, 1)
OPMM(fmin_d, fpu_f64_min, uint64_t, 1, 0)
OPMM(fmax_d, fpu_f64_max, uint64_t, 1, 1)

/* fclass from the C classification macros */
static uint64_t spec_class(double x, int snan)
{
	int s = signbit(x) != 0;
	if (isnan(x))
		return snan ? FPU_CLASS_SNAN : FPU_CLASS_QNAN;
	switch (fpclassify(x)) {
	case FP_INFINITE:
		return s ? FPU_CLASS_NEG_INF : FPU_CLASS_POS_INF;
	case FP_ZERO:
		return s ? FPU_CLASS_NEG_ZERO : FPU_CLASS_POS_ZERO;
	case FP_SUBNORMAL:
		return s ? FPU_CLASS_NEG_SUBNORMAL : FPU_CLASS_POS_SUBNORMAL;
	default:
		return s ? FPU_CLASS_NEG_NORMAL : FPU_CLASS_POS_NORMAL;
	}
}
static uint64_t m_fclass_s(const uint64_t *v, unsigned rm, unsigned *fl)
{
	return fpu_f32_class((uint32_t)v[0]);
}
static uint64_t fclass_s_of(const uint64_t *v)
{
	/* a float's class, asked in float: fpclassify((float)) */
	float f = A32;
	int s = signbit(f) != 0;
	if (isnan(f))
		return is_snan32(v[0]) ? FPU_CLASS_SNAN : FPU_CLASS_QNAN;
	switch (fpclassify(f)) {
	case FP_INFINITE:
		return s ? FPU_CLASS_NEG_INF : FPU_CLASS_POS_INF;
	case FP_ZERO:
		return s ? FPU_CLASS_NEG_ZERO : FPU_CLASS_POS_ZERO;
	case FP_SUBNORMAL:
		return s ? FPU_CLASS_NEG_SUBNORMAL : FPU_CLASS_POS_SUBNORMAL;
	default:
		return s ? FPU_CLASS_NEG_NORMAL : FPU_CLASS_POS_NORMAL;
	}
}
static uint64_t m_fclass_d(const uint64_t *v, unsigned rm, unsigned *fl)
{
	return fpu_f64_class(v[0]);
}
/* classifying may touch the host's flags (sNaN); fclass raises none */
static uint64_t h_fclass_s(const uint64_t *v)
{
	uint64_t r = fclass_s_of(v);
	feclearexcept(FE_ALL_EXCEPT);
	return r;
}
static uint64_t h_fclass_d(const uint64_t *v)
{
	uint64_t r = spec_class(A64, is_snan64(v[0]));
	feclearexcept(FE_ALL_EXCEPT);
	return r;
}

#define t_feq_s 0
#define t_flt_s 0
#define t_fle_s 0
#define t_feq_d 0
#define t_flt_d 0
#define t_fle_d 0
#define t_fmin_s 0
#define t_fmax_s 0
#define t_fmin_d 0
#define t_fmax_d 0
#define t_fclass_s 0
#define t_fclass_d 0

#define OP(nm, nargs, arg, res) {#nm, nargs, arg, res, m_##nm, h_##nm, t_##nm}
static const struct op ops[] = {
	OP(fadd_s, 2, K_F32, K_F32),    OP(fsub_s, 2, K_F32, K_F32),    OP(fmul_s, 2, K_F32, K_F32),
	OP(fdiv_s, 2, K_F32, K_F32),    OP(fsqrt_s, 1, K_F32, K_F32),   OP(fmadd_s, 3, K_F32, K_F32),
	OP(fmsub_s, 3, K_F32, K_F32),   OP(fnmsub_s, 3, K_F32, K_F32),  OP(fnmadd_s, 3, K_F32, K_F32),
	OP(fadd_d, 2, K_F64, K_F64),    OP(fsub_d, 2, K_F64, K_F64),    OP(fmul_d, 2, K_F64, K_F64),
	OP(fdiv_d, 2, K_F64, K_F64),    OP(fsqrt_d, 1, K_F64, K_F64),   OP(fmadd_d, 3, K_F64, K_F64),
	OP(fmsub_d, 3, K_F64, K_F64),   OP(fnmsub_d, 3, K_F64, K_F64),  OP(fnmadd_d, 3, K_F64, K_F64),
	OP(fcvt_s_d, 1, K_F64, K_F32),  OP(fcvt_d_s, 1, K_F32, K_F64),  OP(fcvt_w_s, 1, K_F32, K_INT),
	OP(fcvt_wu_s, 1, K_F32, K_INT), OP(fcvt_l_s, 1, K_F32, K_INT),  OP(fcvt_lu_s, 1, K_F32, K_INT),
	OP(fcvt_w_d, 1, K_F64, K_INT),  OP(fcvt_wu_d, 1, K_F64, K_INT), OP(fcvt_l_d, 1, K_F64, K_INT),
	OP(fcvt_lu_d, 1, K_F64, K_INT), OP(fcvt_s_w, 1, K_INT, K_F32),  OP(fcvt_s_wu, 1, K_INT, K_F32),
	OP(fcvt_s_l, 1, K_INT, K_F32),  OP(fcvt_s_lu, 1, K_INT, K_F32), OP(fcvt_d_w, 1, K_INT, K_F64),
	OP(fcvt_d_wu, 1, K_INT, K_F64), OP(fcvt_d_l, 1, K_INT, K_F64),  OP(fcvt_d_lu, 1, K_INT, K_F64),
	OP(feq_s, 2, K_F32, K_INT),     OP(flt_s, 2, K_F32, K_INT),     OP(fle_s, 2, K_F32, K_INT),
	OP(feq_d, 2, K_F64, K_INT),     OP(flt_d, 2, K_F64, K_INT),     OP(fle_d, 2, K_F64, K_INT),
	OP(fmin_s, 2, K_F32, K_F32),    OP(fmax_s, 2, K_F32, K_F32),    OP(fmin_d, 2, K_F64, K_F64),
	OP(fmax_d, 2, K_F64, K_F64),    OP(fclass_s, 1, K_F32, K_INT),  OP(fclass_d, 1, K_F64, K_INT),
};

static const struct op *find_op(const char *name)
{
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (!strcmp(ops[i].name, name))
			return &ops[i];
	cr_assert_fail("no op %s", name);
	return NULL;
}

static uint64_t canon(uint64_t r, int kind)
{
	if (kind == K_F32 && isnan(f_of(r)))
		return FPU_F32_QNAN;
	if (kind == K_F64 && isnan(d_of(r)))
		return FPU_F64_QNAN;
	return r;
}

struct tally {
	long cases, compared, rmm_exact, rmm_property, rmm_skipped, rmm_ties, fails;
};

static void report(const struct op *op, const uint64_t *v, int rm, uint64_t want, unsigned wfl,
                   uint64_t got, unsigned gfl, struct tally *t)
{
	if (t->fails++ < 12)
		cr_log_error("%s rm=%d a=%016llx b=%016llx c=%016llx: want %016llx/%02x got %016llx/%02x",
		             op->name, rm, (unsigned long long)v[0], (unsigned long long)v[1],
		             (unsigned long long)v[2], (unsigned long long)want, wfl,
		             (unsigned long long)got, gfl);
}

/* one operand tuple, all five modes */
static void check(const struct op *op, const uint64_t *v, struct tally *t)
{
	uint64_t hr[4], got;
	unsigned hf[4], fl;
	int rm, modes = op->tie ? 4 : 1, md;
	for (rm = 0; rm < modes; rm++) {
		fesetround(host_mode[rm]);
		feclearexcept(FE_ALL_EXCEPT);
		hr[rm] = canon(op->host(v), op->res);
		hf[rm] = host_flags();
	}
	fesetround(FE_TONEAREST);
	for (rm = 0; rm < modes; rm++) {
		fl = 0;
		got = op->mine(v, (unsigned)rm, &fl);
		t->compared++;
		if (got != hr[rm] || fl != hf[rm])
			report(op, v, rm, hr[rm], hf[rm], got, fl, t);
	}
	if (!op->tie)
		return;
	fl = 0;
	got = op->mine(v, FPU_RMM, &fl);
	md = op->tie(v, hr);
	fesetround(FE_TONEAREST);
	if (md >= 0) {
		t->rmm_exact++;
		t->compared++;
		t->rmm_ties += hr[md] != hr[FPU_RNE];
		if (got != hr[md] || fl != hf[md])
			report(op, v, FPU_RMM, hr[md], hf[md], got, fl, t);
	} else if (md == TIE_PROPERTY) {
		/* RMM is RNE, or at a tie where RNE chose the even one toward
		 * zero, the result away from zero; flags as RNE's */
		int away_md = away((int)(hr[FPU_RTZ] >> (op->res == K_F32 ? 31 : 63)) & 1);
		t->rmm_property++;
		t->rmm_ties += got != hr[FPU_RNE];
		if (!(got == hr[FPU_RNE] || (got == hr[away_md] && !(hr[FPU_RNE] & 1))) ||
		    fl != hf[FPU_RNE])
			report(op, v, FPU_RMM, hr[FPU_RNE], hf[FPU_RNE], got, fl, t);
	} else {
		t->rmm_skipped++;
	}
}

static uint64_t gen_arg(int kind)
{
	return kind == K_F32 ? gen_f32() : kind == K_F64 ? gen_f64() : gen_int();
}

static void run_random(const char *name, long n)
{
	const struct op *op = find_op(name);
	struct tally t = {0};
	unsigned m = op->arg == K_F32 ? 23 : 52, e = op->arg == K_F32 ? 8 : 11;
	/* a sequence of its own per op (FNV-1a of the name) */
	rng_state = 0xcbf29ce484222325ull;
	for (const char *c = name; *c; c++)
		rng_state = (rng_state ^ (unsigned char)*c) * 0x100000001b3ull;
	for (long i = 0; i < n; i++) {
		uint64_t v[3] = {gen_arg(op->arg), 0, 0};
		if (op->nargs > 1)
			v[1] = op->arg != K_INT && rnd() % 3 == 0 ? near_float(v[0], m, e) : gen_arg(op->arg);
		if (op->nargs > 2) {
			v[2] = gen_arg(op->arg);
			/* an addend close to the product: cancellation, ties */
			if (rnd() % 3 == 0 && op->arg == K_F64)
				v[2] = near_float(u_of_d(d_of(v[0]) * d_of(v[1])), m, e);
			if (rnd() % 3 == 0 && op->arg == K_F32)
				v[2] = near_float(u_of_f(f_of(v[0]) * f_of(v[1])), m, e);
		}
		if (op->arg == K_F32)
			for (int j = 0; j < 3; j++)
				v[j] &= 0xffffffffu;
		t.cases++;
		check(op, v, &t);
	}
	cr_log_info("%-10s %ld cases, %ld compared (+%ld RMM by property, %ld RMM skipped, "
	            "%ld RMM != RNE), %ld bad",
	            op->name, t.cases, t.compared, t.rmm_property, t.rmm_skipped, t.rmm_ties, t.fails);
	cr_expect_eq(t.fails, 0, "%s: %ld mismatches (first ones logged above)", op->name, t.fails);
	if (op->tie && op->tie != t_property)
		cr_expect_gt(t.rmm_exact, n / 4, "%s: RMM decided exactly in only %ld cases", op->name,
	             t.rmm_exact);
}

#define RANDOM_TEST(nm, n)                                                                         \
	Test(fpu_host, nm)                                                                         \
	{                                                                                          \
		run_random(#nm, n);                                                                \
	}

RANDOM_TEST(fadd_s, 200000)
RANDOM_TEST(fsub_s, 200000)
RANDOM_TEST(fmul_s, 200000)
RANDOM_TEST(fdiv_s, 200000)
RANDOM_TEST(fsqrt_s, 200000)
RANDOM_TEST(fmadd_s, 150000)
RANDOM_TEST(fmsub_s, 100000)
RANDOM_TEST(fnmsub_s, 100000)
RANDOM_TEST(fnmadd_s, 100000)
RANDOM_TEST(fadd_d, 200000)
RANDOM_TEST(fsub_d, 200000)
RANDOM_TEST(fmul_d, 200000)
RANDOM_TEST(fdiv_d, 200000)
RANDOM_TEST(fsqrt_d, 200000)
RANDOM_TEST(fmadd_d, 150000)
RANDOM_TEST(fmsub_d, 100000)
RANDOM_TEST(fnmsub_d, 100000)
RANDOM_TEST(fnmadd_d, 100000)
RANDOM_TEST(fcvt_s_d, 100000)
RANDOM_TEST(fcvt_d_s, 100000)
RANDOM_TEST(fcvt_w_s, 100000)
RANDOM_TEST(fcvt_wu_s, 100000)
RANDOM_TEST(fcvt_l_s, 100000)
RANDOM_TEST(fcvt_lu_s, 100000)
RANDOM_TEST(fcvt_w_d, 100000)
RANDOM_TEST(fcvt_wu_d, 100000)
RANDOM_TEST(fcvt_l_d, 100000)
RANDOM_TEST(fcvt_lu_d, 100000)
RANDOM_TEST(fcvt_s_w, 100000)
RANDOM_TEST(fcvt_s_wu, 100000)
RANDOM_TEST(fcvt_s_l, 100000)
RANDOM_TEST(fcvt_s_lu, 100000)
RANDOM_TEST(fcvt_d_w, 100000)
RANDOM_TEST(fcvt_d_wu, 100000)
RANDOM_TEST(fcvt_d_l, 100000)
RANDOM_TEST(fcvt_d_lu, 100000)
RANDOM_TEST(feq_s, 100000)
RANDOM_TEST(flt_s, 100000)
RANDOM_TEST(fle_s, 100000)
RANDOM_TEST(feq_d, 100000)
RANDOM_TEST(flt_d, 100000)
RANDOM_TEST(fle_d, 100000)
RANDOM_TEST(fmin_s, 100000)
RANDOM_TEST(fmax_s, 100000)
RANDOM_TEST(fmin_d, 100000)
RANDOM_TEST(fmax_d, 100000)
RANDOM_TEST(fclass_s, 50000)
RANDOM_TEST(fclass_d, 50000)

/* fma f64 under RMM is only property-checked above; these hand-derived
 * ties pin it down. */
Test(fpu_host, fma_f64_rmm_ties)
{
	unsigned fl = 0;
	/* 1 * (1 + 2^-52) + 2^-53: exactly halfway, RNE picks the even 1 + 2^-51 */
	uint64_t r =
	    fpu_f64_fma(0x3ff0000000000000, 0x3ff0000000000001, 0x3ca0000000000000, 0, FPU_RMM, &fl);
	cr_expect_eq(r, 0x3ff0000000000002ull);
	cr_expect_eq(fl, FPU_NX);
	/* 1 * 1 + 2^-53: halfway between 1 and 1 + 2^-52: RNE 1, RMM away */
	fl = 0;
	r = fpu_f64_fma(0x3ff0000000000000, 0x3ff0000000000000, 0x3ca0000000000000, 0, FPU_RMM, &fl);
	cr_expect_eq(r, 0x3ff0000000000001ull);
	fl = 0;
	r = fpu_f64_fma(0x3ff0000000000000, 0x3ff0000000000000, 0x3ca0000000000000, 0, FPU_RNE, &fl);
	cr_expect_eq(r, 0x3ff0000000000000ull);
	/* negated: -(1 * 1) - 2^-53 -> -(1 + 2^-52) */
	fl = 0;
	r = fpu_f64_fma(0x3ff0000000000000, 0x3ff0000000000000, 0x3ca0000000000000,
	                FPU_NEG_PROD | FPU_NEG_C, FPU_RMM, &fl);
	cr_expect_eq(r, 0xbff0000000000001ull);
	/* (1 + 2^-27)^2 + 2^-54 = 1 + 2^-26 + 2^-53 exactly: a tie, RNE even
	 * (1 + 2^-26), RMM away */
	fl = 0;
	r = fpu_f64_fma(0x3ff0000002000000, 0x3ff0000002000000, 0x3c90000000000000, 0, FPU_RMM, &fl);
	cr_expect_eq(r, 0x3ff0000004000001ull);
	fl = 0;
	r = fpu_f64_fma(0x3ff0000002000000, 0x3ff0000002000000, 0x3c90000000000000, 0, FPU_RNE, &fl);
	cr_expect_eq(r, 0x3ff0000004000000ull);
	/* a subnormal tie: 2^-1074 * 0.5 -> RMM 2^-1074 with UF|NX, RNE +0 */
	fl = 0;
	r = fpu_f64_fma(0x0000000000000001, 0x3fe0000000000000, 0, 0, FPU_RMM, &fl);
	cr_expect_eq(r, 1ull);
	cr_expect_eq(fl, FPU_UF | FPU_NX);
	fl = 0;
	r = fpu_f64_fma(0x0000000000000001, 0x3fe0000000000000, 0, 0, FPU_RNE, &fl);
	cr_expect_eq(r, 0ull);
	cr_expect_eq(fl, FPU_UF | FPU_NX);
}

/* Special operand grids: every pair of specials, every mode. */
static void run_grid(const char *name)
{
	const struct op *op = find_op(name);
	struct tally t = {0};
	size_t n = op->arg == K_F32 ? NSPEC(special32) : NSPEC(special64);
	for (size_t i = 0; i < 2 * n; i++)
		for (size_t j = 0; j < (op->nargs > 1 ? 2 * n : 1); j++)
			for (size_t k = 0; k < (op->nargs > 2 ? 2 * n : 1); k += (op->nargs > 2 ? 7 : 1)) {
				uint64_t v[3];
				size_t idx[3] = {i, j, k};
				for (int q = 0; q < 3; q++) {
					size_t x = idx[q] % n;
					int neg = idx[q] >= n;
					v[q] = op->arg == K_F32 ? special32[x] | (neg ? 0x80000000u : 0)
					                        : special64[x] | (neg ? 1ull << 63 : 0);
				}
				t.cases++;
				check(op, v, &t);
			}
	cr_log_info("%-10s grid: %ld cases, %ld bad", op->name, t.cases, t.fails);
	cr_expect_eq(t.fails, 0, "%s: %ld mismatches", op->name, t.fails);
}

Test(fpu_host, special_grids)
{
	static const char *const names[] = {
		"fadd_s", "fsub_s",   "fmul_s",   "fdiv_s",   "fsqrt_s",   "fmadd_s",  "fnmadd_s",
		"fadd_d", "fsub_d",   "fmul_d",   "fdiv_d",   "fsqrt_d",   "fmadd_d",  "fnmsub_d",
		"fcvt_s_d", "fcvt_d_s", "fcvt_w_s", "fcvt_wu_s", "fcvt_l_s", "fcvt_lu_s", "fcvt_w_d",
		"fcvt_wu_d", "fcvt_l_d", "fcvt_lu_d", "feq_s", "flt_s", "fle_s", "feq_d", "flt_d",
		"fle_d", "fmin_s", "fmax_s", "fmin_d", "fmax_d", "fclass_s", "fclass_d",
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		run_grid(names[i]);
}

/* Integer conversion edges, by hand (RISC-V's table, not the host's). */
Test(fpu_host, to_int_edges)
{
	unsigned fl;
#define CVT(expr, want, wantfl)                                                                    \
	do {                                                                                       \
		fl = 0;                                                                            \
		cr_expect_eq((uint64_t)(expr), (uint64_t)(want), "%s", #expr);                     \
		cr_expect_eq(fl, (unsigned)(wantfl), "%s flags %02x", #expr, fl);                  \
	} while (0)
	/* NaN reads as +inf: the maximum */
	CVT(fpu_f64_to_i32(FPU_F64_QNAN | 1ull << 63, FPU_RNE, &fl), INT32_MAX, FPU_NV);
	CVT(fpu_f64_to_u64(FPU_F64_QNAN, FPU_RNE, &fl), UINT64_MAX, FPU_NV);
	CVT(fpu_f32_to_i64(0xff800000u, FPU_RNE, &fl), INT64_MIN, FPU_NV);
	CVT(fpu_f32_to_u32(0xff800000u, FPU_RNE, &fl), 0, FPU_NV);
	/* -2^31 - 0.5: RNE -> -2^31 (even), RMM -> -2^31 - 1 (out of range) */
	CVT(fpu_f64_to_i32(u_of_d(-0x1p31 - 0.5), FPU_RNE, &fl), (uint64_t)(int64_t)INT32_MIN, FPU_NX);
	CVT(fpu_f64_to_i32(u_of_d(-0x1p31 - 0.5), FPU_RMM, &fl), (uint64_t)(int64_t)INT32_MIN, FPU_NV);
	CVT(fpu_f64_to_i32(u_of_d(-0x1p31 - 0.5), FPU_RUP, &fl), (uint64_t)(int64_t)INT32_MIN, FPU_NX);
	CVT(fpu_f64_to_i32(u_of_d(0x1p31 - 0.5), FPU_RTZ, &fl), INT32_MAX, FPU_NX);
	CVT(fpu_f64_to_i32(u_of_d(0x1p31 - 0.5), FPU_RMM, &fl), INT32_MAX, FPU_NV);
	CVT(fpu_f64_to_u32(u_of_d(-0.5), FPU_RNE, &fl), 0, FPU_NX);
	CVT(fpu_f64_to_u32(u_of_d(-0.5), FPU_RMM, &fl), 0, FPU_NV);
	CVT(fpu_f64_to_u32(u_of_d(-0.9), FPU_RTZ, &fl), 0, FPU_NX);
	CVT(fpu_f64_to_u32(u_of_d(-1.0), FPU_RTZ, &fl), 0, FPU_NV);
	CVT(fpu_f64_to_u64(u_of_d(-0.0), FPU_RDN, &fl), 0, 0);
	CVT(fpu_f64_to_i64(u_of_d(0x1p63), FPU_RNE, &fl), INT64_MAX, FPU_NV);
	CVT(fpu_f64_to_i64(u_of_d(-0x1p63), FPU_RNE, &fl), INT64_MIN, 0);
	CVT(fpu_f64_to_u64(u_of_d(0x1p64), FPU_RNE, &fl), UINT64_MAX, FPU_NV);
	CVT(fpu_f64_to_u64(u_of_d(0x1p64 - 2048), FPU_RNE, &fl), 0xfffffffffffff800ull, 0);
	CVT(fpu_f64_to_u32(u_of_d(4294967295.5), FPU_RDN, &fl), UINT32_MAX, FPU_NX);
	CVT(fpu_f64_to_u32(u_of_d(4294967295.5), FPU_RMM, &fl), UINT32_MAX, FPU_NV);
	CVT(fpu_f64_to_i64(u_of_d(2.5), FPU_RMM, &fl), 3, FPU_NX);
	CVT(fpu_f64_to_i64(u_of_d(-2.5), FPU_RMM, &fl), -3, FPU_NX);
	CVT(fpu_f64_to_i64(u_of_d(-2.5), FPU_RNE, &fl), -2, FPU_NX);
	CVT(fpu_f64_to_i64(1, FPU_RUP, &fl), 1, FPU_NX); /* the smallest subnormal */
	CVT(fpu_f64_to_i64(1ull | 1ull << 63, FPU_RDN, &fl), -1, FPU_NX);
#undef CVT
}

#endif /* __x86_64__ */

/* ---- the wrappers ---- */

/* run stmt; trapped = whether it called rt_illegal (which longjmps back) */
#define GUARD(trapped, stmt)                                                                       \
	do {                                                                                       \
		if (setjmp(illegal_jmp)) {                                                         \
			trapped = 1;                                                               \
		} else {                                                                           \
			trapped = 0;                                                               \
			stmt;                                                                      \
		}                                                                                  \
	} while (0)

Test(fpwrap, rounding_mode_field)
{
	volatile int trapped;
	volatile uint64_t r = 0;
	uint64_t one = fpu_box32(0x3f800000u), tiny = fpu_box32(0x33800000u); /* 1, 2^-24 */
	memset(&rt_cpu, 0, sizeof rt_cpu);
	/* static RUP: 1 + 2^-24 -> 1 + 2^-23 */
	GUARD(trapped, r = rt_fadd_s(one, tiny, FPU_RUP));
	cr_expect(!trapped);
	cr_expect_eq(r, fpu_box32(0x3f800001u));
	cr_expect_eq(rt_cpu.fflags, FPU_NX);
	/* dynamic: frm = RUP, then RNE */
	rt_cpu.frm = FPU_RUP;
	cr_expect_eq(rt_fadd_s(one, tiny, FPU_DYN), fpu_box32(0x3f800001u));
	rt_cpu.frm = FPU_RNE;
	cr_expect_eq(rt_fadd_s(one, tiny, FPU_DYN), one);
	rt_cpu.frm = FPU_RMM;
	cr_expect_eq(rt_fadd_d(0x3ff0000000000000ull, 0x3ca0000000000000ull, FPU_DYN),
	             0x3ff0000000000001ull);
	/* reserved rm 5 and 6, and a dynamic frm of 5..7: illegal, fflags untouched */
	for (volatile uint32_t rm = 5; rm <= 6; rm++) {
		rt_cpu.fflags = 0;
		illegal_calls = 0;
		GUARD(trapped, r = rt_fadd_s(one, tiny, rm));
		cr_expect(trapped && illegal_calls == 1, "rm %u must be illegal", rm);
		cr_expect_eq(rt_cpu.fflags, 0);
	}
	for (volatile uint32_t frm = 5; frm <= 7; frm++) {
		rt_cpu.frm = frm;
		rt_cpu.fflags = 0;
		GUARD(trapped, r = rt_fdiv_d(0, 0, FPU_DYN));
		cr_expect(trapped, "frm %u must be illegal", frm);
		cr_expect_eq(rt_cpu.fflags, 0);
		/* the exact conversions check the field as well */
		GUARD(trapped, r = rt_fcvt_d_s(one, FPU_DYN));
		cr_expect(trapped, "fcvt.d.s with frm %u must be illegal", frm);
		GUARD(trapped, r = rt_fcvt_d_w(1, FPU_DYN));
		cr_expect(trapped, "fcvt.d.w with frm %u must be illegal", frm);
	}
	GUARD(trapped, r = rt_fmadd_d(0, 0, 0, 6));
	cr_expect(trapped);
	GUARD(trapped, r = rt_fcvt_w_s(one, 5));
	cr_expect(trapped);
	/* ops without an rm field never trap */
	rt_cpu.frm = 7;
	GUARD(trapped, r = rt_fmin_d(0, 0));
	cr_expect(!trapped);
	GUARD(trapped, r = rt_fsgnj_s(one, one));
	cr_expect(!trapped);
	(void)r;
}

Test(fpwrap, nan_boxing)
{
	uint64_t unboxed = 0x000000003f800000ull; /* 1.0f, not boxed */
	uint64_t two = fpu_box32(0x40000000u), neg = fpu_box32(0xc0000000u);
	memset(&rt_cpu, 0, sizeof rt_cpu);
	cr_expect_eq(rt_fadd_s(unboxed, two, 0), fpu_box32(FPU_F32_QNAN));
	cr_expect_eq(rt_cpu.fflags, 0, "the canonical NaN is quiet");
	cr_expect_eq(rt_fadd_s(two, two, 0), fpu_box32(0x40800000u));
	/* sign injection on an unboxed operand: the canonical NaN's bits */
	cr_expect_eq(rt_fsgnj_s(unboxed, neg), fpu_box32(0xffc00000u));
	cr_expect_eq(rt_fsgnjn_s(two, unboxed), fpu_box32(0xc0000000u));
	cr_expect_eq(rt_fsgnjx_s(neg, unboxed), neg);
	cr_expect_eq(rt_fsgnj_d(0x3ff0000000000000ull, 1ull << 63), 0xbff0000000000000ull);
	/* fmin/fmax treat it as a quiet NaN: the other operand */
	cr_expect_eq(rt_fmin_s(unboxed, neg), neg);
	cr_expect_eq(rt_fmax_s(two, 0x7fc00000ull), two);
	cr_expect_eq(rt_fclass_s(unboxed), FPU_CLASS_QNAN);
	cr_expect_eq(rt_fclass_s(fpu_box32(0x80000000u)), FPU_CLASS_NEG_ZERO);
	cr_expect_eq(rt_feq_s(unboxed, unboxed), 0);
	cr_expect_eq(rt_cpu.fflags, 0);
	cr_expect_eq(rt_fcvt_d_s(unboxed, 0), FPU_F64_QNAN);
	cr_expect_eq(rt_fcvt_d_s(two, 0), 0x4000000000000000ull);
	cr_expect_eq(rt_fcvt_s_d(0x4000000000000000ull, 0), two);
	cr_expect_eq(rt_fsqrt_s(fpu_box32(0x40800000u), 0), two);
	cr_expect_eq(rt_fmadd_s(two, two, fpu_box32(0x3f800000u), 0), fpu_box32(0x40a00000u));
	cr_expect_eq(rt_fnmadd_d(0x4000000000000000ull, 0x4000000000000000ull, 0x3ff0000000000000ull, 0),
	             0xc014000000000000ull);
}

Test(fpwrap, integer_registers)
{
	memset(&rt_cpu, 0, sizeof rt_cpu);
	/* 32-bit results are sign-extended, the unsigned ones too */
	cr_expect_eq(rt_fcvt_wu_d(0x41e65a0bc0000000ull /* 3e9 */, 1), 0xffffffffb2d05e00ull);
	cr_expect_eq(rt_fcvt_w_d(0xc000000000000000ull, 1), 0xfffffffffffffffeull);
	cr_expect_eq(rt_fcvt_wu_s(fpu_box32(0x4f800000u) /* 2^32 */, 1), 0xffffffffffffffffull);
	cr_expect_eq(rt_cpu.fflags, FPU_NV);
	cr_expect_eq(rt_fcvt_lu_s(fpu_box32(0x5f800000u) /* 2^64 */, 1), ~0ull);
	cr_expect_eq(rt_fcvt_l_d(0xc3e0000000000000ull, 0), 1ull << 63);
	/* w/wu sources use the low 32 bits of x */
	cr_expect_eq(rt_fcvt_s_w(0x12345678ffffffffull, 0), fpu_box32(0xbf800000u));
	cr_expect_eq(rt_fcvt_s_wu(0x12345678ffffffffull, 1), fpu_box32(0x4f7fffffu));
	cr_expect_eq(rt_fcvt_d_wu(0xffffffff00000001ull, 0), 0x3ff0000000000000ull);
	cr_expect_eq(rt_fcvt_d_l(~0ull, 0), 0xbff0000000000000ull);
	cr_expect_eq(rt_fcvt_d_lu(~0ull, 0), 0x43f0000000000000ull);
	/* compares and fclass give 0/1 and a mask */
	cr_expect_eq(rt_flt_d(0x8000000000000000ull, 0), 0);
	cr_expect_eq(rt_fle_d(0x8000000000000000ull, 0), 1);
	cr_expect_eq(rt_fclass_d(0x7ff0000000000001ull), FPU_CLASS_SNAN);
	/* flags accrue */
	rt_cpu.fflags = FPU_DZ;
	rt_fdiv_d(0x3ff0000000000000ull, 0x4008000000000000ull, 0);
	cr_expect_eq(rt_cpu.fflags, FPU_DZ | FPU_NX);
}
