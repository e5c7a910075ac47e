/*
 * cases.h: the operations of the qemu differential test, shared by the
 * guest program (guest.c, RISC-V, runs under qemu-riscv64) and the native
 * harness (host.c, runs rt/fpwrap.c + rt/fpu.c).  Both walk the same
 * deterministic sequence and print one line per operation:
 *
 *   mnemonic rm a b c -> result flags
 *
 * so run.sh can diff the two outputs.  Operands are whole 64-bit register
 * values: singles are NaN-boxed except for a few deliberately unboxed ones,
 * and 32-bit integer sources carry random upper halves.  The generator
 * uses integers only, so it gives the same sequence on both machines.
 *
 * FPU_CASES(X): X(shape, prec, name, "mnemonic")
 *   shape  operands -> result
 *   FFF_RM   fs1 fs2 rm -> fd       FF_RM   fs1 rm -> fd
 *   FFFF_RM  fs1 fs2 fs3 rm -> fd   FFF     fs1 fs2 -> fd
 *   XFF      fs1 fs2 -> xd          XF      fs1 -> xd
 *   XF_RM    fs1 rm -> xd           FX_RM   xs1 rm -> fd
 *   FF_RM0 / FX_RM0: like FF_RM / FX_RM, for the exact conversions the
 *   assembler accepts no rm on (fcvt.d.s, fcvt.d.w, fcvt.d.wu): they are
 *   emitted with .insn and their funct7/rs2 in the last column.
 *   prec   S or D: the format of the f operands (FX: of the result; the
 *          x operand is 32-bit for w/wu, chosen by `xw`).
 */
#ifndef CASES_H
#define CASES_H

#include <stdint.h>
#include <stdio.h>

#define FPU_CASES(X)                                                                               \
	X(FFF_RM, S, fadd_s, "fadd.s", 0)                                                          \
	X(FFF_RM, S, fsub_s, "fsub.s", 0)                                                          \
	X(FFF_RM, S, fmul_s, "fmul.s", 0)                                                          \
	X(FFF_RM, S, fdiv_s, "fdiv.s", 0)                                                          \
	X(FF_RM, S, fsqrt_s, "fsqrt.s", 0)                                                         \
	X(FFFF_RM, S, fmadd_s, "fmadd.s", 0)                                                       \
	X(FFFF_RM, S, fmsub_s, "fmsub.s", 0)                                                       \
	X(FFFF_RM, S, fnmsub_s, "fnmsub.s", 0)                                                     \
	X(FFFF_RM, S, fnmadd_s, "fnmadd.s", 0)                                                     \
	X(FFF, S, fsgnj_s, "fsgnj.s", 0)                                                           \
	X(FFF, S, fsgnjn_s, "fsgnjn.s", 0)                                                         \
	X(FFF, S, fsgnjx_s, "fsgnjx.s", 0)                                                         \
	X(FFF, S, fmin_s, "fmin.s", 0)                                                             \
	X(FFF, S, fmax_s, "fmax.s", 0)                                                             \
	X(XFF, S, feq_s, "feq.s", 0)                                                               \
	X(XFF, S, flt_s, "flt.s", 0)                                                               \
	X(XFF, S, fle_s, "fle.s", 0)                                                               \
	X(XF, S, fclass_s, "fclass.s", 0)                                                          \
	X(XF_RM, S, fcvt_w_s, "fcvt.w.s", 0)                                                       \
	X(XF_RM, S, fcvt_wu_s, "fcvt.wu.s", 0)                                                     \
	X(XF_RM, S, fcvt_l_s, "fcvt.l.s", 0)                                                       \
	X(XF_RM, S, fcvt_lu_s, "fcvt.lu.s", 0)                                                     \
	X(FX_RM, S, fcvt_s_w, "fcvt.s.w", 1)                                                       \
	X(FX_RM, S, fcvt_s_wu, "fcvt.s.wu", 1)                                                     \
	X(FX_RM, S, fcvt_s_l, "fcvt.s.l", 0)                                                       \
	X(FX_RM, S, fcvt_s_lu, "fcvt.s.lu", 0)                                                     \
	X(FF_RM, D, fcvt_s_d, "fcvt.s.d", 0)                                                       \
	X(FFF_RM, D, fadd_d, "fadd.d", 0)                                                          \
	X(FFF_RM, D, fsub_d, "fsub.d", 0)                                                          \
	X(FFF_RM, D, fmul_d, "fmul.d", 0)                                                          \
	X(FFF_RM, D, fdiv_d, "fdiv.d", 0)                                                          \
	X(FF_RM, D, fsqrt_d, "fsqrt.d", 0)                                                         \
	X(FFFF_RM, D, fmadd_d, "fmadd.d", 0)                                                       \
	X(FFFF_RM, D, fmsub_d, "fmsub.d", 0)                                                       \
	X(FFFF_RM, D, fnmsub_d, "fnmsub.d", 0)                                                     \
	X(FFFF_RM, D, fnmadd_d, "fnmadd.d", 0)                                                     \
	X(FFF, D, fsgnj_d, "fsgnj.d", 0)                                                           \
	X(FFF, D, fsgnjn_d, "fsgnjn.d", 0)                                                         \
	X(FFF, D, fsgnjx_d, "fsgnjx.d", 0)                                                         \
	X(FFF, D, fmin_d, "fmin.d", 0)                                                             \
	X(FFF, D, fmax_d, "fmax.d", 0)                                                             \
	X(XFF, D, feq_d, "feq.d", 0)                                                               \
	X(XFF, D, flt_d, "flt.d", 0)                                                               \
	X(XFF, D, fle_d, "fle.d", 0)                                                               \
	X(XF, D, fclass_d, "fclass.d", 0)                                                          \
	X(XF_RM, D, fcvt_w_d, "fcvt.w.d", 0)                                                       \
	X(XF_RM, D, fcvt_wu_d, "fcvt.wu.d", 0)                                                     \
	X(XF_RM, D, fcvt_l_d, "fcvt.l.d", 0)                                                       \
	X(XF_RM, D, fcvt_lu_d, "fcvt.lu.d", 0)                                                     \
	X(FX_RM0, D, fcvt_d_w, "fcvt.d.w", 1)                                                      \
	X(FX_RM0, D, fcvt_d_wu, "fcvt.d.wu", 1)                                                    \
	X(FX_RM, D, fcvt_d_l, "fcvt.d.l", 0)                                                       \
	X(FX_RM, D, fcvt_d_lu, "fcvt.d.lu", 0)                                                     \
	X(FF_RM0, S, fcvt_d_s, "fcvt.d.s", 0)

/* the rm values exercised: the five static modes and dynamic (frm) */
static const unsigned case_rms[] = {0, 1, 2, 3, 4, 7};
static const char *const case_rm_names[] = {"rne", "rtz", "rdn", "rup", "rmm", "", "", "dyn"};
#define CASE_NRM 6

/* ---- the generator: integers only ---- */

static uint64_t case_seed = 0x6a09e667f3bcc908ull;

static uint64_t case_rnd(void)
{
	uint64_t z = (case_seed += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static const uint64_t case_special64[] = {
	0x0000000000000000, 0x0000000000000001, 0x000fffffffffffff, 0x0008000000000000,
	0x0010000000000000, 0x0010000000000001, 0x001fffffffffffff, 0x7fefffffffffffff,
	0x7fe0000000000000, 0x7ff0000000000000, 0x7ff8000000000000, 0x7ff0000000000001,
	0x7ff4000000000000, 0x7ffc000000000001, 0x3ff0000000000000, 0x3ff0000000000001,
	0x3fefffffffffffff, 0x3ff8000000000000, 0x4000000000000000, 0x3fe0000000000000,
	0x3fdfffffffffffff, 0x4004000000000000, 0x41dfffffffc00000, 0x41dfffffffe00000,
	0x41e0000000000000, 0x41e0000000100000, 0x41efffffffe00000, 0x41effffffff00000,
	0x41f0000000000000, 0x43dfffffffffffff, 0x43e0000000000000, 0x43efffffffffffff,
	0x43f0000000000000, 0x4340000000000000, 0x433fffffffffffff, 0x3ca0000000000000,
	0x380fffffe0000000, 0x3810000000000000, 0x36a0000000000000, 0x36a8000000000000,
	0x47efffffe0000000, 0x47efffff00000000, 0xc1e0000000100000, 0xc3e0000000000001,
};
static const uint64_t case_special32[] = {
	0x00000000, 0x00000001, 0x007fffff, 0x00400000, 0x00800000, 0x00800001, 0x00ffffff,
	0x7f7fffff, 0x7f000000, 0x7f800000, 0x7fc00000, 0x7f800001, 0x7fa00000, 0x7fe00001,
	0x3f800000, 0x3f800001, 0x3f7fffff, 0x3fc00000, 0x40000000, 0x3f000000, 0x3effffff,
	0x40200000, 0x4effffff, 0x4f000000, 0x4f000001, 0x4f7fffff, 0x4f800000, 0x5effffff,
	0x5f000000, 0x5f7fffff, 0x5f800000, 0x4b800000, 0x4b7fffff, 0x33800000, 0xcf000001,
};
#define CASE_N64 (sizeof case_special64 / sizeof case_special64[0])
#define CASE_N32 (sizeof case_special32 / sizeof case_special32[0])

/* a float of m fraction and e exponent bits, in the low bits */
static uint64_t case_float(unsigned m, unsigned e)
{
	uint64_t r = case_rnd(), sign = (r & 1) << (m + e), fmask = (1ull << m) - 1, frac;
	unsigned emax = (1u << e) - 1, bias = emax >> 1, ex;
	switch ((r >> 1) % 10) {
	case 0:
	case 1:
		if (m == 52)
			return case_special64[(r >> 8) % CASE_N64] | sign;
		return case_special32[(r >> 8) % CASE_N32] | sign;
	case 2:
		return case_rnd() & ((sign << 1) - 1);
	case 3:
		ex = bias - 40 + (unsigned)((r >> 8) % 110);
		return sign | (uint64_t)ex << m | (case_rnd() & fmask);
	case 4: /* short significands: exact results and ties */
		ex = bias - 30 + (unsigned)((r >> 8) % 100);
		frac = case_rnd() & fmask & ~(fmask >> ((r >> 20) % 14));
		return sign | (uint64_t)ex << m | frac;
	case 5: /* the ends of the exponent range */
		ex = (r >> 8) & 1 ? (unsigned)((r >> 9) % 70) : emax - 1 - (unsigned)((r >> 9) % 70);
		frac = case_rnd() & fmask;
		if ((r >> 20) & 1)
			frac &= ~(fmask >> ((r >> 21) % 10));
		return sign | (uint64_t)ex << m | frac;
	case 6:
		ex = bias - 64 + (unsigned)((r >> 8) % 130);
		frac = (r >> 20) & 1 ? fmask - (case_rnd() & 7) : case_rnd() & 7;
		return sign | (uint64_t)ex << m | frac;
	case 7: /* integers and half-integers */
	{
		unsigned bits = 1 + (unsigned)((r >> 8) % (m == 52 ? 66 : 34));
		unsigned vb = bits < 60 ? bits : 60; /* significant bits, the rest zeros */
		uint64_t v = case_rnd() >> (64 - vb) | 1ull << (vb - 1), half = (r >> 20) & 1;
		ex = bias + bits - 1;
		frac = vb - 1 > m ? (v >> (vb - 1 - m)) & fmask : (v << (m - (vb - 1))) & fmask;
		return sign | (uint64_t)(ex - half) << m | frac;
	}
	default:
		return sign | (case_rnd() & fmask >> ((r >> 8) % (m / 2)));
	}
}

/* b near a: cancellation, ties, equal magnitudes */
static uint64_t case_near(uint64_t a, unsigned m, unsigned e)
{
	uint64_t r = case_rnd(), signb = 1ull << (m + e), all = (signb << 1) - 1;
	switch (r % 4) {
	case 0:
		return a ^ signb;
	case 1:
		return ((a + ((r >> 8) & 7) - 3) ^ ((r >> 16) & 1 ? signb : 0)) & all;
	case 2:
		return ((a + ((((r >> 8) % 64) - 32) << m)) ^ ((r >> 16) & 1 ? signb : 0)) & all;
	default:
		return (((a & ~((1ull << m) - 1)) - ((uint64_t)(m + 1 + (r >> 8) % 4) << m)) |
		        ((r >> 16) & 7) | ((r >> 19) & 1 ? signb : 0)) & all;
	}
}

/* roughly a * b, from the exponents alone: an addend that cancels */
static uint64_t case_prod_like(uint64_t a, uint64_t b, unsigned m, unsigned e)
{
	unsigned emask = (1u << e) - 1;
	int bias = (int)(emask >> 1);
	int ex = (int)((a >> m) & emask) + (int)((b >> m) & emask) - bias;
	uint64_t sign = ((a ^ b) >> (m + e)) & 1;
	if (ex <= 0 || ex >= (int)emask)
		return case_float(m, e);
	return case_near(sign << (m + e) | (uint64_t)ex << m | (a & ((1ull << m) - 1)), m, e);
}

/* an f register holding a single: NaN-boxed, rarely not */
static uint64_t case_box(uint64_t f)
{
	uint64_t r = case_rnd();
	if (r % 32 == 0)
		return (r & 0xffffffff00000000ull & ~(1ull << 40)) | f; /* upper half not all ones */
	return 0xffffffff00000000ull | f;
}

static uint64_t case_f(int is_double)
{
	return is_double ? case_float(52, 11) : case_box(case_float(23, 8));
}

static uint64_t case_f_near(int is_double, uint64_t a)
{
	if (is_double)
		return case_near(a, 52, 11);
	return case_box(case_near((uint32_t)a, 23, 8));
}

static uint64_t case_int(int w)
{
	uint64_t r = case_rnd(), v;
	unsigned bits = 1 + (unsigned)((r >> 8) % (w ? 32 : 64));
	switch (r % 6) {
	case 0:
		v = (r >> 16) % 2048;
		break;
	case 1:
		v = case_rnd();
		break;
	case 2: /* a tie or an exact value after conversion */
	{
		unsigned k = (unsigned)((r >> 16) % (bits + 1));
		v = case_rnd() >> (64 - bits) | 1ull << (bits - 1);
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
		v = case_rnd() >> (64 - bits);
		break;
	}
	if ((r >> 40) & 1)
		v = 0 - v;
	if (w) /* the upper half of the register must not matter */
		v = (uint32_t)v | (case_rnd() & 0xffffffff00000000ull);
	return v;
}

/* the special operands of a format, as register values */
static uint64_t case_special(int is_double, unsigned i)
{
	unsigned n = is_double ? (unsigned)CASE_N64 : (unsigned)CASE_N32;
	uint64_t neg = i >= n ? (is_double ? 1ull << 63 : 1ull << 31) : 0;
	uint64_t v = (is_double ? case_special64[i % n] : case_special32[i % n]) | neg;
	return is_double ? v : 0xffffffff00000000ull | v;
}

static unsigned case_nspecial(int is_double)
{
	return 2 * (is_double ? (unsigned)CASE_N64 : (unsigned)CASE_N32);
}

/* ---- the sequence, and the line format ---- */

enum {
	SH_FFF_RM, SH_FF_RM, SH_FFFF_RM, SH_FFF, SH_XFF,
	SH_XF, SH_XF_RM, SH_FX_RM, SH_FF_RM0, SH_FX_RM0,
};

/* Runs one operation: rm is the instruction's field (0..7), frm the
 * dynamic mode in force; returns the destination register, the fflags
 * the instruction raised in *fl. */
typedef uint64_t case_exec_fn(unsigned rm, unsigned frm, uint64_t a, uint64_t b, uint64_t c,
                              unsigned *fl);

struct case_op {
	const char *mn;
	int shape, is_double, xw;
	case_exec_fn *exec;
};

#define CASE_OP_ROW(shape, prec, name, mn, xw) {mn, SH_##shape, CASE_IS_##prec, xw, exec_##name},
#define CASE_IS_S 0
#define CASE_IS_D 1

static void case_line(const struct case_op *op, unsigned rm, unsigned frm, uint64_t a, uint64_t b,
                      uint64_t c)
{
	unsigned fl = 0;
	uint64_t r = op->exec(rm, frm, a, b, c, &fl);
	if (rm == 7)
		printf("%-10s dyn%u %016llx %016llx %016llx -> %016llx %02x\n", op->mn, frm,
		       (unsigned long long)a, (unsigned long long)b, (unsigned long long)c,
		       (unsigned long long)r, fl);
	else
		printf("%-10s %-4s %016llx %016llx %016llx -> %016llx %02x\n", op->mn,
		       case_rm_names[rm], (unsigned long long)a, (unsigned long long)b,
		       (unsigned long long)c, (unsigned long long)r, fl);
}

static int case_has_rm(const struct case_op *op)
{
	return op->shape != SH_FFF && op->shape != SH_XFF && op->shape != SH_XF;
}

static unsigned case_nf(const struct case_op *op)
{
	switch (op->shape) {
	case SH_FFFF_RM:
		return 3;
	case SH_FFF_RM:
	case SH_FFF:
	case SH_XFF:
		return 2;
	case SH_FX_RM:
	case SH_FX_RM0:
		return 0;
	default:
		return 1;
	}
}

/* one operand tuple under every rounding mode (or once, without rm) */
static void case_all_rms(const struct case_op *op, uint64_t a, uint64_t b, uint64_t c)
{
	unsigned frm = (unsigned)(case_rnd() % 5), i;
#ifdef VALUES_ONLY
	frm = 0; /* guest.c leaves frm alone */
#endif
	if (!case_has_rm(op)) {
		case_line(op, 0, frm, a, b, c);
		return;
	}
	for (i = 0; i < CASE_NRM; i++)
		case_line(op, case_rms[i], frm, a, b, c);
}

/* Every op: all special operands (pairs for binary ops, random special
 * triples for fused ones), then `nrandom` random tuples. */
static void case_run(const struct case_op *op, unsigned nrandom)
{
	unsigned nf = case_nf(op), ns = case_nspecial(op->is_double), i, j;
	int dbl = op->is_double; /* the format of the f operands */
	if (nf == 0) {
		for (i = 0; i < nrandom; i++)
			case_all_rms(op, case_int(op->xw), 0, 0);
		return;
	}
	if (nf == 1) {
		for (i = 0; i < ns; i++)
			case_all_rms(op, case_special(dbl, i), 0, 0);
	} else if (nf == 2) {
		for (i = 0; i < ns; i++)
			for (j = 0; j < ns; j++)
				case_all_rms(op, case_special(dbl, i), case_special(dbl, j), 0);
	} else {
		for (i = 0; i < ns * ns; i++) {
			uint64_t r = case_rnd();
			case_all_rms(op, case_special(dbl, (unsigned)(r % ns)),
			             case_special(dbl, (unsigned)((r >> 16) % ns)),
			             case_special(dbl, (unsigned)((r >> 32) % ns)));
		}
	}
	for (i = 0; i < nrandom; i++) {
		uint64_t a = case_f(dbl), b = 0, c = 0;
		if (nf >= 2)
			b = case_rnd() % 3 == 0 ? case_f_near(dbl, a) : case_f(dbl);
		if (nf >= 3) {
			if (case_rnd() % 3 == 0) {
				c = dbl ? case_prod_like(a, b, 52, 11)
				        : case_box(case_prod_like((uint32_t)a, (uint32_t)b, 23, 8));
			} else {
				c = case_f(dbl);
			}
		}
		case_all_rms(op, a, b, c);
	}
}

#endif
