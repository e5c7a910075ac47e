/*
 * fpu.c: RISC-V F and D arithmetic in integers; see fpu.h for the contract.
 *
 * Structure (the classic one of software floating point): unpack an
 * operand into class, sign, exponent and a 64-bit significand; do the
 * operation exactly on integers, folding whatever falls off the right end
 * into a "sticky" bit 0; then round_pack() rounds once in the requested
 * mode and raises the flags.  One generic body per operation serves both
 * formats: `struct fmt` describes the format and every generic function is
 * inlined into its f32 and f64 entry points, where it folds to constants.
 *
 * An unpacked finite nonzero value is sig * 2^(exp - 62) with sig in
 * [2^62, 2^63): the leading one sits at bit 62 so a sum of two can carry
 * into bit 63.  exp is the unbiased exponent.  A double's 53 significant
 * bits leave 10 zero bits at the bottom, a single's 24 leave 39; those
 * guard bits are what keep jammed (sticky) shifts exact enough: a sticky
 * bit never reaches a rounding boundary (a multiple of half an ulp).
 *
 * Sources: RISC-V unprivileged ISA, "F" and "D" chapters (rounding modes,
 * flags, canonical NaN, fmin/fmax, fcvt saturation table, fclass); IEEE
 * 754-2019 sections 4.3 (rounding), 6.3 (signed zeros), 7 (exceptions,
 * underflow after rounding); integer square root by Newton's method from a
 * table start, then one long-division step for the remaining bits.
 */
#include "fpu.h"

#include <stdint.h>

struct fmt {
	unsigned m;    /* stored fraction bits: 23 or 52; precision p = m + 1 */
	unsigned e;    /* exponent bits: 8 or 11 */
	int bias;      /* 127 or 1023 */
	uint64_t qnan; /* the canonical NaN */
};

static const struct fmt F32 = {23, 8, 127, FPU_F32_QNAN};
static const struct fmt F64 = {52, 11, 1023, FPU_F64_QNAN};

#if defined(__GNUC__)
#define INLINE static inline __attribute__((always_inline))
#else
#define INLINE static inline
#endif

/* ---- small integer helpers ---- */

INLINE int clz64(uint64_t x) /* x != 0 */
{
#if defined(__GNUC__)
	return __builtin_clzll(x);
#else
	int n = 0;
	while (!(x >> 63)) {
		x <<= 1;
		n++;
	}
	return n;
#endif
}

/* x >> n, with every bit shifted out OR-ed into bit 0. */
INLINE uint64_t shr_jam(uint64_t x, unsigned n)
{
	if (n == 0)
		return x;
	if (n >= 64)
		return x != 0;
	return (x >> n) | ((x << (64 - n)) != 0);
}

struct u128 {
	uint64_t hi, lo;
};

/* Full 64 x 64 -> 128 product from 32-bit halves (Wasm has no mulhi). */
INLINE struct u128 mul64(uint64_t a, uint64_t b)
{
	uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
	uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
	struct u128 r;
	r.lo = (mid << 32) | (uint32_t)ll;
	r.hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
	return r;
}

INLINE struct u128 shr128_jam(struct u128 x, unsigned n)
{
	struct u128 r;
	if (n == 0)
		return x;
	if (n < 64) {
		r.lo = (x.hi << (64 - n)) | (x.lo >> n) | ((x.lo << (64 - n)) != 0);
		r.hi = x.hi >> n;
	} else if (n < 128) {
		r.lo = shr_jam(x.hi, n - 64) | (x.lo != 0);
		r.hi = 0;
	} else {
		r.lo = (x.hi | x.lo) != 0;
		r.hi = 0;
	}
	return r;
}

INLINE struct u128 add128(struct u128 a, struct u128 b)
{
	struct u128 r;
	r.lo = a.lo + b.lo;
	r.hi = a.hi + b.hi + (r.lo < a.lo);
	return r;
}

INLINE struct u128 sub128(struct u128 a, struct u128 b)
{
	struct u128 r;
	r.lo = a.lo - b.lo;
	r.hi = a.hi - b.hi - (a.lo < b.lo);
	return r;
}

INLINE int lt128(struct u128 a, struct u128 b)
{
	return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo);
}

/* ---- format bits ---- */

INLINE uint64_t sign_bit(const struct fmt *f)
{
	return 1ull << (f->m + f->e);
}

INLINE unsigned emask(const struct fmt *f)
{
	return (1u << f->e) - 1;
}

INLINE uint64_t inf_bits(const struct fmt *f, unsigned sign)
{
	return (sign ? sign_bit(f) : 0) | ((uint64_t)emask(f) << f->m);
}

INLINE uint64_t zero_bits(const struct fmt *f, unsigned sign)
{
	return sign ? sign_bit(f) : 0;
}

INLINE int is_nan(const struct fmt *f, uint64_t x)
{
	return (x & ~sign_bit(f)) > inf_bits(f, 0);
}

INLINE int is_snan(const struct fmt *f, uint64_t x)
{
	return is_nan(f, x) && !((x >> (f->m - 1)) & 1);
}

/* ---- unpack ---- */

enum { C_ZERO, C_FINITE, C_INF, C_QNAN, C_SNAN };

struct unp {
	int cls;
	unsigned sign;
	int exp;      /* C_FINITE: value = sig * 2^(exp - 62) */
	uint64_t sig; /* C_FINITE: in [2^62, 2^63) */
};

INLINE struct unp unpack(const struct fmt *f, uint64_t x)
{
	struct unp u;
	unsigned be = (unsigned)(x >> f->m) & emask(f);
	uint64_t frac = x & ((1ull << f->m) - 1);
	u.sign = (unsigned)(x >> (f->m + f->e)) & 1;
	u.exp = 0;
	u.sig = 0;
	if (be == emask(f)) {
		if (frac == 0)
			u.cls = C_INF;
		else
			u.cls = (frac >> (f->m - 1)) & 1 ? C_QNAN : C_SNAN;
	} else if (be == 0) {
		if (frac == 0) {
			u.cls = C_ZERO;
		} else {
			int sh = clz64(frac) - 1;
			u.cls = C_FINITE;
			u.sig = frac << sh;
			u.exp = 1 - f->bias - (int)f->m + 62 - sh;
		}
	} else {
		u.cls = C_FINITE;
		u.sig = ((1ull << f->m) | frac) << (62 - f->m);
		u.exp = (int)be - f->bias;
	}
	return u;
}

/* Any NaN operand: NV when one is signalling; the result is canonical. */
INLINE uint64_t nan_result(const struct fmt *f, const struct unp *a, const struct unp *b,
                           unsigned *flags)
{
	if (a->cls == C_SNAN || (b && b->cls == C_SNAN))
		*flags |= FPU_NV;
	return f->qnan;
}

INLINE uint64_t invalid(const struct fmt *f, unsigned *flags)
{
	*flags |= FPU_NV;
	return f->qnan;
}

/* The sign of an exact zero sum of operands with signs sa, sb (IEEE 754
 * 6.3): their common sign, else +0 except when rounding down. */
INLINE unsigned zero_sum_sign(unsigned sa, unsigned sb, unsigned rm)
{
	return sa == sb ? sa : rm == FPU_RDN;
}

/* ---- rounding ---- */

/* Whether to add one ulp to a truncated magnitude with lowest kept bit
 * `lsb` and discarded bits `rest`, compared against `half`. */
INLINE int round_up(unsigned rm, unsigned sign, uint64_t lsb, uint64_t rest, uint64_t half)
{
	switch (rm) {
	case FPU_RTZ:
		return 0;
	case FPU_RDN:
		return rest != 0 && sign;
	case FPU_RUP:
		return rest != 0 && !sign;
	case FPU_RMM:
		return rest >= half;
	default: /* FPU_RNE */
		return rest > half || (rest == half && lsb);
	}
}

/*
 * Round sig * 2^(exp - 62) (sig in [2^62, 2^63), bit 0 sticky) to format
 * f in mode rm and pack it with sign.  Raises NX, UF (tiny after rounding
 * and inexact), OF.
 */
INLINE uint64_t round_pack(const struct fmt *f, unsigned sign, int exp, uint64_t sig, unsigned rm,
                           unsigned *flags)
{
	const unsigned p = f->m + 1, sh = 63 - p; /* sh discarded bits at full precision */
	const uint64_t mask = (1ull << sh) - 1, half = 1ull << (sh - 1);
	int be = exp + f->bias; /* biased exponent if the result is normal */
	int tiny = 0;
	uint64_t q, rest, mag;

	if (be >= (int)emask(f))
		goto overflow;
	if (be <= 0) {
		/* Tiny after rounding: below 2^emin even when rounded to p bits
		 * with an unbounded exponent.  be == 0 is [2^(emin-1), 2^emin):
		 * only a carry out of p all-ones bits reaches 2^emin. */
		if (be < 0) {
			tiny = 1;
		} else {
			q = sig >> sh;
			q += round_up(rm, sign, q & 1, sig & mask, half);
			tiny = !(q >> p);
		}
		sig = shr_jam(sig, (unsigned)(1 - be));
		be = 0;
	}
	q = sig >> sh;
	rest = sig & mask;
	q += round_up(rm, sign, q & 1, rest, half);
	/* Normal: q in [2^m, 2^p], the implicit bit adds one to be - 1, and a
	 * carry to 2^p bumps the exponent.  Subnormal: q < 2^m, or a carry to
	 * exactly 2^m, which is the smallest normal. */
	mag = (be > 0 ? (uint64_t)(be - 1) << f->m : 0) + q;
	if (mag >= inf_bits(f, 0))
		goto overflow;
	if (rest) {
		*flags |= FPU_NX;
		if (tiny)
			*flags |= FPU_UF;
	}
	return zero_bits(f, sign) | mag;

overflow:
	*flags |= FPU_OF | FPU_NX;
	if (rm == FPU_RTZ || (rm == FPU_RDN && !sign) || (rm == FPU_RUP && sign))
		return zero_bits(f, sign) | (inf_bits(f, 0) - 1); /* largest finite */
	return inf_bits(f, sign);
}

/* Normalize a nonzero 128-bit x, valued x * 2^(base - 124), to sig with
 * its leading one at bit 62 (jamming) and round. */
INLINE uint64_t round_pack128(const struct fmt *f, unsigned sign, int base, struct u128 x,
                              unsigned rm, unsigned *flags)
{
	int k = x.hi ? 127 - clz64(x.hi) : 63 - clz64(x.lo); /* leading one */
	uint64_t sig;
	if (k > 62) {
		x = shr128_jam(x, (unsigned)(k - 62));
		sig = x.lo;
	} else {
		sig = x.lo << (62 - k);
	}
	return round_pack(f, sign, base - 124 + k, sig, rm, flags);
}

/* ---- add, sub ---- */

INLINE uint64_t op_add(const struct fmt *f, uint64_t a, uint64_t b, unsigned negb, unsigned rm,
                       unsigned *flags)
{
	struct unp x = unpack(f, a), y = unpack(f, b);
	uint64_t s;
	y.sign ^= negb;
	if (x.cls >= C_QNAN || y.cls >= C_QNAN)
		return nan_result(f, &x, &y, flags);
	if (x.cls == C_INF) {
		if (y.cls == C_INF && x.sign != y.sign)
			return invalid(f, flags);
		return inf_bits(f, x.sign);
	}
	if (y.cls == C_INF)
		return inf_bits(f, y.sign);
	if (y.cls == C_ZERO) {
		if (x.cls == C_ZERO)
			return zero_bits(f, zero_sum_sign(x.sign, y.sign, rm));
		return a;
	}
	if (x.cls == C_ZERO)
		return negb ? b ^ sign_bit(f) : b;

	if (x.exp < y.exp || (x.exp == y.exp && x.sig < y.sig)) {
		struct unp t = x;
		x = y;
		y = t;
	}
	/* |x| >= |y|; align y to x */
	y.sig = shr_jam(y.sig, (unsigned)(x.exp - y.exp) < 64 ? (unsigned)(x.exp - y.exp) : 64);
	if (x.sign == y.sign) {
		s = x.sig + y.sig;
		if (s >> 63) {
			s = (s >> 1) | (s & 1);
			x.exp++;
		}
	} else {
		int n;
		s = x.sig - y.sig;
		if (s == 0)
			return zero_bits(f, rm == FPU_RDN);
		/* A cancellation of more than one bit happens only for
		 * exponents at most one apart, where the shift lost nothing. */
		n = clz64(s) - 1;
		s <<= n;
		x.exp -= n;
	}
	return round_pack(f, x.sign, x.exp, s, rm, flags);
}

/* ---- mul ---- */

INLINE uint64_t op_mul(const struct fmt *f, uint64_t a, uint64_t b, unsigned rm, unsigned *flags)
{
	struct unp x = unpack(f, a), y = unpack(f, b);
	unsigned sign = x.sign ^ y.sign;
	struct u128 pr;
	if (x.cls >= C_QNAN || y.cls >= C_QNAN)
		return nan_result(f, &x, &y, flags);
	if (x.cls == C_INF || y.cls == C_INF) {
		if (x.cls == C_ZERO || y.cls == C_ZERO)
			return invalid(f, flags);
		return inf_bits(f, sign);
	}
	if (x.cls == C_ZERO || y.cls == C_ZERO)
		return zero_bits(f, sign);
	if (f->m < 32) {
		/* singles: the product of the 24-bit significands is exact in
		 * 64 bits, value = prod * 2^(exp_x + exp_y - 2m) */
		uint64_t prod = (x.sig >> (62 - f->m)) * (y.sig >> (62 - f->m));
		int k = 63 - clz64(prod);
		return round_pack(f, sign, x.exp + y.exp - 2 * (int)f->m + k, prod << (62 - k), rm,
		                  flags);
	}
	pr = mul64(x.sig, y.sig); /* in [2^124, 2^126) */
	return round_pack128(f, sign, x.exp + y.exp, pr, rm, flags);
}

/* ---- div ---- */

INLINE uint64_t op_div(const struct fmt *f, uint64_t a, uint64_t b, unsigned rm, unsigned *flags)
{
	struct unp x = unpack(f, a), y = unpack(f, b);
	unsigned sign = x.sign ^ y.sign;
	const unsigned p = f->m + 1, chunk = 64 - p;
	uint64_t n, d, q, r;
	unsigned bits;
	int exp;
	if (x.cls >= C_QNAN || y.cls >= C_QNAN)
		return nan_result(f, &x, &y, flags);
	if (x.cls == C_INF) {
		if (y.cls == C_INF)
			return invalid(f, flags);
		return inf_bits(f, sign);
	}
	if (y.cls == C_INF)
		return zero_bits(f, sign);
	if (y.cls == C_ZERO) {
		if (x.cls == C_ZERO)
			return invalid(f, flags);
		*flags |= FPU_DZ;
		return inf_bits(f, sign);
	}
	if (x.cls == C_ZERO)
		return zero_bits(f, sign);

	/* Long division of the p-bit significands, `chunk` quotient bits
	 * per hardware division (the remainder stays below d < 2^p), until
	 * there are p + 2 bits: enough for the round bit, plus sticky. */
	n = x.sig >> (62 - f->m);
	d = y.sig >> (62 - f->m);
	exp = x.exp - y.exp;
	if (n < d) {
		n <<= 1;
		exp--;
	}
	q = 1; /* n / d in [1, 2) */
	r = n - d;
	for (bits = 1; bits < p + 2; bits += chunk) {
		uint64_t t = r << chunk, qd = t / d;
		q = (q << chunk) | qd;
		r = t - qd * d;
	}
	/* q has `bits` bits, value n / d = q / 2^(bits - 1) (+ r) */
	q = (q << (63 - bits)) | (r != 0);
	return round_pack(f, sign, exp, q, rm, flags);
}

/* ---- sqrt ---- */

/* sqrt(i + 64.5) * 2^12, rounded: sqrt(x) for x in [2^62, 2^64) to about
 * 8 bits from the top 8 bits of x, to start Newton's method. */
static const uint16_t sqrt_start[192] = {
	32896, 33150, 33402, 33652, 33900, 34147, 34392, 34635, 34876, 35116, 35354, 35590,
	35825, 36059, 36291, 36521, 36750, 36978, 37204, 37429, 37652, 37874, 38095, 38315,
	38533, 38750, 38966, 39181, 39394, 39606, 39818, 40028, 40237, 40445, 40652, 40857,
	41062, 41266, 41469, 41671, 41871, 42071, 42270, 42468, 42665, 42861, 43057, 43251,
	43445, 43637, 43829, 44020, 44210, 44400, 44588, 44776, 44963, 45149, 45334, 45519,
	45703, 45886, 46069, 46250, 46431, 46612, 46791, 46970, 47149, 47326, 47503, 47679,
	47855, 48030, 48204, 48378, 48551, 48723, 48895, 49067, 49237, 49407, 49577, 49746,
	49914, 50082, 50249, 50416, 50582, 50747, 50912, 51077, 51241, 51404, 51567, 51730,
	51892, 52053, 52214, 52374, 52534, 52694, 52853, 53011, 53169, 53327, 53484, 53640,
	53797, 53952, 54108, 54262, 54417, 54571, 54724, 54877, 55030, 55182, 55334, 55485,
	55636, 55787, 55937, 56087, 56236, 56385, 56534, 56682, 56830, 56977, 57124, 57271,
	57417, 57563, 57709, 57854, 57999, 58143, 58287, 58431, 58574, 58717, 58860, 59002,
	59144, 59286, 59427, 59568, 59709, 59849, 59989, 60129, 60268, 60407, 60546, 60684,
	60822, 60960, 61098, 61235, 61372, 61508, 61644, 61780, 61916, 62051, 62186, 62321,
	62456, 62590, 62724, 62857, 62991, 63124, 63256, 63389, 63521, 63653, 63785, 63916,
	64047, 64178, 64309, 64439, 64569, 64699, 64828, 64957, 65086, 65215, 65344, 65472,
};

/* floor(sqrt(x)) for x in [2^62, 2^64), so in [2^31, 2^32).  Two Newton
 * steps s = (s + x / s) / 2 take the 8-bit start to about 35 bits; from
 * the first step on s is never below the root (AM-GM, with floored
 * division), so the final correction only steps down. */
INLINE uint64_t isqrt64(uint64_t x)
{
	uint64_t s = (uint64_t)sqrt_start[(x >> 56) - 64] << 16;
	s = (s + x / s) >> 1;
	s = (s + x / s) >> 1;
	if (s > 0xffffffffu)
		s = 0xffffffffu;
	while (s * s > x)
		s--;
	return s;
}

INLINE uint64_t op_sqrt(const struct fmt *f, uint64_t a, unsigned rm, unsigned *flags)
{
	struct unp u = unpack(f, a);
	const unsigned p = f->m + 1, k = p + 2 > 32 ? p + 2 - 32 : 0; /* root bits past 32 */
	uint64_t mant, x, t, r;
	unsigned c;
	int sticky;
	if (u.cls >= C_QNAN)
		return nan_result(f, &u, 0, flags);
	if (u.cls == C_ZERO)
		return a;
	if (u.sign)
		return invalid(f, flags);
	if (u.cls == C_INF)
		return a;
	/* value = mant * 2^(exp - m) = x * 2^(2 * e2), with x = mant << c in
	 * [2^62, 2^64) and c (63 - p or 64 - p) making the exponent even */
	mant = u.sig >> (62 - f->m);
	c = 63 - p + (unsigned)((u.exp - (int)f->m - (int)(63 - p)) & 1);
	x = mant << c;
	t = isqrt64(x);
	if (k == 0) {
		/* 32 root bits are enough (singles need p + 2 = 26) */
		r = t;
		sticky = t * t != x;
	} else {
		/* k more bits: r = floor(sqrt(x * 2^2k)) = t * 2^k + q.  With
		 * R = x - t^2, (x * 2^2k - t^2 2^2k) / (2t 2^k) bounds q from
		 * above and exceeds it by a few at most: step down until r^2
		 * fits (the loop, not the bound, is what makes it exact). */
		uint64_t rem = x - t * t, q = (rem << (k - 1)) / t;
		struct u128 sq, xx;
		if (q >> k)
			q = (1ull << k) - 1;
		r = (t << k) + q;
		xx.hi = x >> (64 - 2 * k);
		xx.lo = x << (2 * k);
		sq = mul64(r, r);
		while (lt128(xx, sq)) {
			r--;
			sq = mul64(r, r);
		}
		sticky = sq.hi != xx.hi || sq.lo != xx.lo;
	}
	/* sqrt(value) = r * 2^(e2 - k), r in [2^(31 + k), 2^(32 + k)) */
	r = (r << (31 - k)) | (uint64_t)sticky;
	return round_pack(f, 0, (u.exp - (int)f->m - (int)c) / 2 + 31, r, rm, flags);
}

/* ---- fused multiply-add ---- */

INLINE uint64_t op_fma(const struct fmt *f, uint64_t a, uint64_t b, uint64_t c, unsigned neg,
                       unsigned rm, unsigned *flags)
{
	struct unp x = unpack(f, a), y = unpack(f, b), z = unpack(f, c);
	unsigned ps = x.sign ^ y.sign ^ ((neg & FPU_NEG_PROD) != 0);
	int inf_zero = (x.cls == C_INF && y.cls == C_ZERO) || (x.cls == C_ZERO && y.cls == C_INF);
	struct u128 pr, cz, s;
	int ep, base;
	unsigned sign;
	z.sign ^= (neg & FPU_NEG_C) != 0;

	if (x.cls >= C_QNAN || y.cls >= C_QNAN || z.cls >= C_QNAN) {
		/* RISC-V: inf * 0 is invalid even when c is a quiet NaN */
		if (inf_zero || x.cls == C_SNAN || y.cls == C_SNAN || z.cls == C_SNAN)
			*flags |= FPU_NV;
		return f->qnan;
	}
	if (inf_zero)
		return invalid(f, flags);
	if (x.cls == C_INF || y.cls == C_INF) {
		if (z.cls == C_INF && z.sign != ps)
			return invalid(f, flags);
		return inf_bits(f, ps);
	}
	if (z.cls == C_INF)
		return inf_bits(f, z.sign);
	if (x.cls == C_ZERO || y.cls == C_ZERO) {
		if (z.cls == C_ZERO)
			return zero_bits(f, zero_sum_sign(ps, z.sign, rm));
		return (c & ~sign_bit(f)) | zero_bits(f, z.sign);
	}
	pr = mul64(x.sig, y.sig); /* value pr * 2^(ep - 124), pr in [2^124, 2^126) */
	ep = x.exp + y.exp;
	if (z.cls == C_ZERO)
		return round_pack128(f, ps, ep, pr, rm, flags);

	cz.hi = z.sig >> 2; /* value cz * 2^(z.exp - 124), cz in [2^124, 2^125) */
	cz.lo = z.sig << 62;
	if (ep >= z.exp) {
		base = ep;
		cz = shr128_jam(cz, (unsigned)(ep - z.exp) < 128 ? (unsigned)(ep - z.exp) : 128);
	} else {
		base = z.exp;
		pr = shr128_jam(pr, (unsigned)(z.exp - ep) < 128 ? (unsigned)(z.exp - ep) : 128);
	}
	if (ps == z.sign) {
		s = add128(pr, cz);
		sign = ps;
	} else if (lt128(pr, cz)) {
		s = sub128(cz, pr);
		sign = z.sign;
	} else {
		s = sub128(pr, cz);
		sign = ps;
		if ((s.hi | s.lo) == 0)
			return zero_bits(f, rm == FPU_RDN);
	}
	return round_pack128(f, sign, base, s, rm, flags);
}

/* ---- min, max, compare, classify ---- */

/* A key whose unsigned order is the numeric order of non-NaN values,
 * with -0 below +0. */
INLINE uint64_t order_key(const struct fmt *f, uint64_t x)
{
	uint64_t all = (sign_bit(f) << 1) - 1;
	return (x & sign_bit(f)) ? ~x & all : x | sign_bit(f);
}

INLINE uint64_t op_minmax(const struct fmt *f, uint64_t a, uint64_t b, int want_max,
                          unsigned *flags)
{
	int an = is_nan(f, a), bn = is_nan(f, b);
	if (is_snan(f, a) || is_snan(f, b))
		*flags |= FPU_NV;
	if (an && bn)
		return f->qnan;
	if (an)
		return b;
	if (bn)
		return a;
	if (want_max)
		return order_key(f, a) > order_key(f, b) ? a : b;
	return order_key(f, a) < order_key(f, b) ? a : b;
}

INLINE int both_zero(const struct fmt *f, uint64_t a, uint64_t b)
{
	return ((a | b) & ~sign_bit(f)) == 0;
}

INLINE int op_eq(const struct fmt *f, uint64_t a, uint64_t b, unsigned *flags)
{
	if (is_nan(f, a) || is_nan(f, b)) {
		if (is_snan(f, a) || is_snan(f, b))
			*flags |= FPU_NV;
		return 0;
	}
	return a == b || both_zero(f, a, b);
}

INLINE int op_lt(const struct fmt *f, uint64_t a, uint64_t b, unsigned *flags)
{
	if (is_nan(f, a) || is_nan(f, b)) {
		*flags |= FPU_NV;
		return 0;
	}
	return !both_zero(f, a, b) && order_key(f, a) < order_key(f, b);
}

INLINE int op_le(const struct fmt *f, uint64_t a, uint64_t b, unsigned *flags)
{
	if (is_nan(f, a) || is_nan(f, b)) {
		*flags |= FPU_NV;
		return 0;
	}
	return both_zero(f, a, b) || order_key(f, a) <= order_key(f, b);
}

INLINE unsigned op_class(const struct fmt *f, uint64_t a)
{
	struct unp u = unpack(f, a);
	unsigned be = (unsigned)(a >> f->m) & emask(f);
	switch (u.cls) {
	case C_ZERO:
		return u.sign ? FPU_CLASS_NEG_ZERO : FPU_CLASS_POS_ZERO;
	case C_INF:
		return u.sign ? FPU_CLASS_NEG_INF : FPU_CLASS_POS_INF;
	case C_QNAN:
		return FPU_CLASS_QNAN;
	case C_SNAN:
		return FPU_CLASS_SNAN;
	default:
		if (be == 0)
			return u.sign ? FPU_CLASS_NEG_SUBNORMAL : FPU_CLASS_POS_SUBNORMAL;
		return u.sign ? FPU_CLASS_NEG_NORMAL : FPU_CLASS_POS_NORMAL;
	}
}

/* ---- conversions ---- */

/* Round to an integer of `nbits` bits (signed or not), saturating:
 * NaN and +inf give the maximum, -inf the minimum, NV for out of range. */
INLINE uint64_t to_int(const struct fmt *f, uint64_t a, unsigned rm, int is_signed,
                       unsigned nbits, unsigned *flags)
{
	struct unp u = unpack(f, a);
	uint64_t max = is_signed ? (1ull << (nbits - 1)) - 1 : ~0ull >> (64 - nbits);
	uint64_t min = is_signed ? (uint64_t)0 - (1ull << (nbits - 1)) : 0; /* two's complement */
	uint64_t mag, frac, lim;
	int sh;
	if (u.cls >= C_QNAN) {
		*flags |= FPU_NV;
		return max;
	}
	if (u.cls == C_ZERO)
		return 0;
	if (u.cls == C_INF || u.exp >= 64)
		goto out_of_range;
	/* split sig * 2^(exp - 62) into an integer and a 64-bit fraction
	 * whose top bit weighs one half */
	sh = 62 - u.exp;
	if (sh <= 0) {
		mag = u.sig << -sh;
		frac = 0;
	} else if (sh < 64) {
		mag = u.sig >> sh;
		frac = u.sig << (64 - sh);
	} else if (sh == 64) {
		mag = 0;
		frac = u.sig;
	} else {
		mag = 0;
		frac = 1;
	}
	mag += round_up(rm, u.sign, mag & 1, frac, 1ull << 63);
	if (is_signed)
		lim = u.sign ? 1ull << (nbits - 1) : max;
	else
		lim = u.sign ? 0 : max;
	if (mag > lim)
		goto out_of_range;
	if (frac)
		*flags |= FPU_NX;
	return u.sign ? (uint64_t)0 - mag : mag;

out_of_range:
	*flags |= FPU_NV;
	return u.sign ? min : max;
}

/* A signed magnitude integer to format f. */
INLINE uint64_t from_int(const struct fmt *f, unsigned sign, uint64_t mag, unsigned rm,
                         unsigned *flags)
{
	int k;
	if (mag == 0)
		return 0;
	k = 63 - clz64(mag);
	if (k == 63)
		return round_pack(f, sign, 63, (mag >> 1) | (mag & 1), rm, flags);
	return round_pack(f, sign, k, mag << (62 - k), rm, flags);
}

INLINE uint64_t op_convert(const struct fmt *to, const struct fmt *from, uint64_t a, unsigned rm,
                           unsigned *flags)
{
	struct unp u = unpack(from, a);
	if (u.cls >= C_QNAN) {
		if (u.cls == C_SNAN)
			*flags |= FPU_NV;
		return to->qnan;
	}
	if (u.cls == C_INF)
		return inf_bits(to, u.sign);
	if (u.cls == C_ZERO)
		return zero_bits(to, u.sign);
	return round_pack(to, u.sign, u.exp, u.sig, rm, flags);
}

/* ---- the entry points ---- */

uint32_t fpu_f32_add(uint32_t a, uint32_t b, unsigned rm, unsigned *flags)
{
	return (uint32_t)op_add(&F32, a, b, 0, rm, flags);
}
uint32_t fpu_f32_sub(uint32_t a, uint32_t b, unsigned rm, unsigned *flags)
{
	return (uint32_t)op_add(&F32, a, b, 1, rm, flags);
}
uint32_t fpu_f32_mul(uint32_t a, uint32_t b, unsigned rm, unsigned *flags)
{
	return (uint32_t)op_mul(&F32, a, b, rm, flags);
}
uint32_t fpu_f32_div(uint32_t a, uint32_t b, unsigned rm, unsigned *flags)
{
	return (uint32_t)op_div(&F32, a, b, rm, flags);
}
uint32_t fpu_f32_sqrt(uint32_t a, unsigned rm, unsigned *flags)
{
	return (uint32_t)op_sqrt(&F32, a, rm, flags);
}
uint32_t fpu_f32_fma(uint32_t a, uint32_t b, uint32_t c, unsigned neg, unsigned rm,
                     unsigned *flags)
{
	return (uint32_t)op_fma(&F32, a, b, c, neg, rm, flags);
}
uint32_t fpu_f32_min(uint32_t a, uint32_t b, unsigned *flags)
{
	return (uint32_t)op_minmax(&F32, a, b, 0, flags);
}
uint32_t fpu_f32_max(uint32_t a, uint32_t b, unsigned *flags)
{
	return (uint32_t)op_minmax(&F32, a, b, 1, flags);
}
int fpu_f32_eq(uint32_t a, uint32_t b, unsigned *flags)
{
	return op_eq(&F32, a, b, flags);
}
int fpu_f32_lt(uint32_t a, uint32_t b, unsigned *flags)
{
	return op_lt(&F32, a, b, flags);
}
int fpu_f32_le(uint32_t a, uint32_t b, unsigned *flags)
{
	return op_le(&F32, a, b, flags);
}
unsigned fpu_f32_class(uint32_t a)
{
	return op_class(&F32, a);
}
uint32_t fpu_f32_sgnj(uint32_t a, uint32_t b)
{
	return (a & 0x7fffffffu) | (b & 0x80000000u);
}
uint32_t fpu_f32_sgnjn(uint32_t a, uint32_t b)
{
	return (a & 0x7fffffffu) | (~b & 0x80000000u);
}
uint32_t fpu_f32_sgnjx(uint32_t a, uint32_t b)
{
	return a ^ (b & 0x80000000u);
}
int32_t fpu_f32_to_i32(uint32_t a, unsigned rm, unsigned *flags)
{
	return (int32_t)(uint32_t)to_int(&F32, a, rm, 1, 32, flags);
}
uint32_t fpu_f32_to_u32(uint32_t a, unsigned rm, unsigned *flags)
{
	return (uint32_t)to_int(&F32, a, rm, 0, 32, flags);
}
int64_t fpu_f32_to_i64(uint32_t a, unsigned rm, unsigned *flags)
{
	return (int64_t)to_int(&F32, a, rm, 1, 64, flags);
}
uint64_t fpu_f32_to_u64(uint32_t a, unsigned rm, unsigned *flags)
{
	return to_int(&F32, a, rm, 0, 64, flags);
}
uint32_t fpu_i32_to_f32(int32_t x, unsigned rm, unsigned *flags)
{
	return (uint32_t)from_int(&F32, x < 0, x < 0 ? 0u - (uint64_t)x : (uint64_t)x, rm, flags);
}
uint32_t fpu_u32_to_f32(uint32_t x, unsigned rm, unsigned *flags)
{
	return (uint32_t)from_int(&F32, 0, x, rm, flags);
}
uint32_t fpu_i64_to_f32(int64_t x, unsigned rm, unsigned *flags)
{
	return (uint32_t)from_int(&F32, x < 0, x < 0 ? 0u - (uint64_t)x : (uint64_t)x, rm, flags);
}
uint32_t fpu_u64_to_f32(uint64_t x, unsigned rm, unsigned *flags)
{
	return (uint32_t)from_int(&F32, 0, x, rm, flags);
}

uint64_t fpu_f64_add(uint64_t a, uint64_t b, unsigned rm, unsigned *flags)
{
	return op_add(&F64, a, b, 0, rm, flags);
}
uint64_t fpu_f64_sub(uint64_t a, uint64_t b, unsigned rm, unsigned *flags)
{
	return op_add(&F64, a, b, 1, rm, flags);
}
uint64_t fpu_f64_mul(uint64_t a, uint64_t b, unsigned rm, unsigned *flags)
{
	return op_mul(&F64, a, b, rm, flags);
}
uint64_t fpu_f64_div(uint64_t a, uint64_t b, unsigned rm, unsigned *flags)
{
	return op_div(&F64, a, b, rm, flags);
}
uint64_t fpu_f64_sqrt(uint64_t a, unsigned rm, unsigned *flags)
{
	return op_sqrt(&F64, a, rm, flags);
}
uint64_t fpu_f64_fma(uint64_t a, uint64_t b, uint64_t c, unsigned neg, unsigned rm,
                     unsigned *flags)
{
	return op_fma(&F64, a, b, c, neg, rm, flags);
}
uint64_t fpu_f64_min(uint64_t a, uint64_t b, unsigned *flags)
{
	return op_minmax(&F64, a, b, 0, flags);
}
uint64_t fpu_f64_max(uint64_t a, uint64_t b, unsigned *flags)
{
	return op_minmax(&F64, a, b, 1, flags);
}
int fpu_f64_eq(uint64_t a, uint64_t b, unsigned *flags)
{
	return op_eq(&F64, a, b, flags);
}
int fpu_f64_lt(uint64_t a, uint64_t b, unsigned *flags)
{
	return op_lt(&F64, a, b, flags);
}
int fpu_f64_le(uint64_t a, uint64_t b, unsigned *flags)
{
	return op_le(&F64, a, b, flags);
}
unsigned fpu_f64_class(uint64_t a)
{
	return op_class(&F64, a);
}
uint64_t fpu_f64_sgnj(uint64_t a, uint64_t b)
{
	return (a & ~(1ull << 63)) | (b & (1ull << 63));
}
uint64_t fpu_f64_sgnjn(uint64_t a, uint64_t b)
{
	return (a & ~(1ull << 63)) | (~b & (1ull << 63));
}
uint64_t fpu_f64_sgnjx(uint64_t a, uint64_t b)
{
	return a ^ (b & (1ull << 63));
}
int32_t fpu_f64_to_i32(uint64_t a, unsigned rm, unsigned *flags)
{
	return (int32_t)(uint32_t)to_int(&F64, a, rm, 1, 32, flags);
}
uint32_t fpu_f64_to_u32(uint64_t a, unsigned rm, unsigned *flags)
{
	return (uint32_t)to_int(&F64, a, rm, 0, 32, flags);
}
int64_t fpu_f64_to_i64(uint64_t a, unsigned rm, unsigned *flags)
{
	return (int64_t)to_int(&F64, a, rm, 1, 64, flags);
}
uint64_t fpu_f64_to_u64(uint64_t a, unsigned rm, unsigned *flags)
{
	return to_int(&F64, a, rm, 0, 64, flags);
}
uint64_t fpu_i32_to_f64(int32_t x, unsigned rm, unsigned *flags)
{
	return from_int(&F64, x < 0, x < 0 ? 0u - (uint64_t)x : (uint64_t)x, rm, flags);
}
uint64_t fpu_u32_to_f64(uint32_t x, unsigned rm, unsigned *flags)
{
	return from_int(&F64, 0, x, rm, flags);
}
uint64_t fpu_i64_to_f64(int64_t x, unsigned rm, unsigned *flags)
{
	return from_int(&F64, x < 0, x < 0 ? 0u - (uint64_t)x : (uint64_t)x, rm, flags);
}
uint64_t fpu_u64_to_f64(uint64_t x, unsigned rm, unsigned *flags)
{
	return from_int(&F64, 0, x, rm, flags);
}

uint64_t fpu_f32_to_f64(uint32_t a, unsigned *flags)
{
	return op_convert(&F64, &F32, a, FPU_RNE, flags);
}
uint32_t fpu_f64_to_f32(uint64_t a, unsigned rm, unsigned *flags)
{
	return (uint32_t)op_convert(&F32, &F64, a, rm, flags);
}
