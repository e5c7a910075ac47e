/*
 * decode.c: instruction bytes -> struct rv_insn, driven by rv64.def.
 *
 * Compiled natively into rv2wasm and by emcc into rt.wasm, whose fallback
 * interpreter decodes at run time: plain C11, no allocation, no stdio.
 *
 * Decoding is fetch -> find the row -> read the operands -> expand a
 * compressed row into its base instruction.  Rows are found by their major
 * opcode: rv64.def is sorted by it (see RV_KEY), so a binary search over
 * the constant row_keys[] gives the few rows that can match, and the first
 * of those whose MATCH/MASK fits decides.
 */
#include <string.h>

#include "rv.h"

const struct rv_opinfo rv_ops[RV_NOPS] = {
	[RV_ILLEGAL] = {"illegal", 0, 0, RV_FMT_NONE, 0, RV_ILLEGAL},
#define RV_INSN(name, mnem, match, mask, fmt, flags) \
	[RV_##name] = {mnem, match, mask, RV_FMT_##fmt, flags, RV_##name},
#define RV_CINSN(name, mnem, match, mask, cfmt, base, flags) \
	[RV_##name] = {mnem, match, mask, RV_FMT_##cfmt, flags, RV_##base},
#include "rv64.def"
};

const char *const rv_xname[32] = {
	"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
	"s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
	"a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
	"s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

const char *const rv_fname[32] = {
	"ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7",
	"fs0", "fs1", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5",
	"fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7",
	"fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
};

/*
 * The lookup key of an encoding: 32-bit ones by their major opcode
 * (bits [6:2]), 0..31; compressed ones by quadrant and funct3, 32..55.
 * Every row's MASK covers the bits the key is made of.
 */
#define RV_KEY(bits) \
	(((bits) & 3) == 3 ? ((bits) >> 2) & 31 \
			   : 32 + ((bits) & 3) * 8 + (((bits) >> 13) & 7))

static const unsigned char row_keys[RV_NOPS] = {
	[RV_ILLEGAL] = 0,
#define RV_INSN(name, mnem, match, mask, fmt, flags) [RV_##name] = RV_KEY(match),
#define RV_CINSN(name, mnem, match, mask, cfmt, base, flags) [RV_##name] = RV_KEY(match),
#include "rv64.def"
};

/* Reads 2 or 4 bytes into in->raw and in->len; 0 if they are not all there. */
static int fetch(struct rv_insn *in, const uint8_t *p, size_t avail)
{
	in->len = avail == 0 || (p[0] & 3) != 3 ? 2 : 4;
	if (avail < in->len)
		return 0;
	in->raw = p[0] | (uint32_t)p[1] << 8;
	if (in->len == 4)
		in->raw |= (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
	return 1;
}

/* The first row (after RV_ILLEGAL) whose MATCH/MASK fits raw, or RV_ILLEGAL. */
static unsigned find_row(uint32_t raw)
{
	unsigned key = RV_KEY(raw), lo = 1, hi = RV_NOPS;

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;

		if (row_keys[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < RV_NOPS && row_keys[lo] == key; lo++)
		if ((raw & rv_ops[lo].mask) == rv_ops[lo].match)
			return lo;
	return RV_ILLEGAL;
}

/* Immediates of the 32-bit formats (ISA vol. I, 2.3), sign-extended. */
static int64_t imm_i(uint32_t x) { return (int32_t)x >> 20; }
static int64_t imm_u(uint32_t x) { return (int32_t)(x & 0xfffff000u); }

static int64_t imm_s(uint32_t x)
{
	return (int64_t)((int32_t)x >> 25) * 32 | (x >> 7 & 31);
}

static int64_t imm_b(uint32_t x)
{
	return (int64_t)((int32_t)x >> 31) * 4096 | (x >> 7 & 1) << 11 |
	       (x >> 25 & 63) << 5 | (x >> 8 & 15) << 1;
}

static int64_t imm_j(uint32_t x)
{
	return (int64_t)((int32_t)x >> 31) * 1048576 | (x & 0xff000) |
	       (x >> 20 & 1) << 11 | (x >> 21 & 1023) << 1;
}

/* Sign-extends the low `bits` bits of v. */
static int64_t sext(uint32_t v, int bits)
{
	return (int64_t)((uint64_t)v << (64 - bits)) >> (64 - bits);
}

/* Immediates of the compressed formats (ISA vol. I, 16.2-16.5). */
static uint32_t c_uimm6(uint32_t x) { return (x >> 7 & 0x20) | (x >> 2 & 0x1f); }
static int64_t c_imm6(uint32_t x) { return sext(c_uimm6(x), 6); }

static int64_t c_addi16sp(uint32_t x)
{
	return sext((x >> 3 & 0x200) | (x >> 2 & 0x10) | (x << 1 & 0x40) |
			    (x << 4 & 0x180) | (x << 3 & 0x20), 10);
}

static uint32_t c_addi4spn(uint32_t x)
{
	return (x >> 7 & 0x30) | (x >> 1 & 0x3c0) | (x >> 4 & 0x4) | (x >> 2 & 0x8);
}

static uint32_t c_lw(uint32_t x) { return (x >> 7 & 0x38) | (x >> 4 & 0x4) | (x << 1 & 0x40); }
static uint32_t c_ld(uint32_t x) { return (x >> 7 & 0x38) | (x << 1 & 0xc0); }
static uint32_t c_lwsp(uint32_t x) { return (x >> 7 & 0x20) | (x >> 2 & 0x1c) | (x << 4 & 0xc0); }
static uint32_t c_ldsp(uint32_t x) { return (x >> 7 & 0x20) | (x >> 2 & 0x18) | (x << 4 & 0x1c0); }
static uint32_t c_swsp(uint32_t x) { return (x >> 7 & 0x3c) | (x >> 1 & 0xc0); }
static uint32_t c_sdsp(uint32_t x) { return (x >> 7 & 0x38) | (x >> 1 & 0x1c0); }

static int64_t c_b(uint32_t x)
{
	return sext((x >> 4 & 0x100) | (x >> 7 & 0x18) | (x << 1 & 0xc0) |
			    (x >> 2 & 0x6) | (x << 3 & 0x20), 9);
}

static int64_t c_j(uint32_t x)
{
	return sext((x >> 1 & 0x800) | (x >> 7 & 0x10) | (x >> 1 & 0x300) |
			    (x << 2 & 0x400) | (x >> 1 & 0x40) | (x << 1 & 0x80) |
			    (x >> 2 & 0xe) | (x << 3 & 0x20), 12);
}

/* Fills the fields a 32-bit row's format names; the rest stay 0. */
static void operands(struct rv_insn *in, unsigned row)
{
	uint32_t x = in->raw;
	unsigned fmt = rv_ops[row].fmt;
	uint8_t rd = x >> 7 & 31, rs1 = x >> 15 & 31, rs2 = x >> 20 & 31;

	switch (fmt) {
	case RV_FMT_F_R4_RM:
		in->rs3 = x >> 27;
		/* fall through */
	case RV_FMT_R:
	case RV_FMT_F_R:
	case RV_FMT_F_R_RM:
	case RV_FMT_F_CMP:
		in->rd = rd, in->rs1 = rs1, in->rs2 = rs2;
		break;
	case RV_FMT_R1:
	case RV_FMT_F_R1_RM:
	case RV_FMT_X_F:
	case RV_FMT_X_F_RM:
	case RV_FMT_F_X:
	case RV_FMT_F_X_RM:
		in->rd = rd, in->rs1 = rs1;
		break;
	case RV_FMT_I:
	case RV_FMT_LOAD:
	case RV_FMT_F_LOAD:
		in->rd = rd, in->rs1 = rs1, in->imm = imm_i(x);
		break;
	case RV_FMT_SHIFT:
		in->rd = rd, in->rs1 = rs1, in->imm = x >> 20 & 63;
		break;
	case RV_FMT_STORE:
	case RV_FMT_F_STORE:
		in->rs1 = rs1, in->rs2 = rs2, in->imm = imm_s(x);
		break;
	case RV_FMT_B:
		in->rs1 = rs1, in->rs2 = rs2, in->imm = imm_b(x);
		break;
	case RV_FMT_U:
		in->rd = rd, in->imm = imm_u(x);
		break;
	case RV_FMT_J:
		in->rd = rd, in->imm = imm_j(x);
		break;
	case RV_FMT_FENCE:
		in->imm = x >> 20;
		break;
	case RV_FMT_CSR:
	case RV_FMT_CSRI: /* the uimm of csrr?i sits in rs1 */
		in->rd = rd, in->rs1 = rs1, in->imm = x >> 20;
		break;
	case RV_FMT_AMO:
		in->rs2 = rs2;
		/* fall through */
	case RV_FMT_LR:
		in->rd = rd, in->rs1 = rs1;
		in->aq = x >> 26 & 1, in->rl = x >> 25 & 1;
		break;
	}
	if (rv_ops[row].flags & RV_F_RM)
		in->rm = x >> 12 & 7;
}

/*
 * Fills the fields of the base instruction a compressed row expands to:
 * rd' and rs1'/rs2' are x8..x15, the implied registers (sp, x0, ra) are
 * made explicit, immediates are scaled as the base instruction wants them.
 */
static void expand(struct rv_insn *in, unsigned row)
{
	uint32_t x = in->raw;
	uint8_t rd = x >> 7 & 31, rs2 = x >> 2 & 31;
	uint8_t rs1p = 8 + (x >> 7 & 7), rs2p = 8 + (x >> 2 & 7);

	switch (rv_ops[row].fmt) {
	case RV_FMT_C_NONE:
		break;
	case RV_FMT_CIW:
		in->rd = rs2p, in->rs1 = 2, in->imm = c_addi4spn(x);
		break;
	case RV_FMT_CL_W:
		in->rd = rs2p, in->rs1 = rs1p, in->imm = c_lw(x);
		break;
	case RV_FMT_CL_D:
	case RV_FMT_CL_FD:
		in->rd = rs2p, in->rs1 = rs1p, in->imm = c_ld(x);
		break;
	case RV_FMT_CS_W:
		in->rs2 = rs2p, in->rs1 = rs1p, in->imm = c_lw(x);
		break;
	case RV_FMT_CS_D:
	case RV_FMT_CS_FD:
		in->rs2 = rs2p, in->rs1 = rs1p, in->imm = c_ld(x);
		break;
	case RV_FMT_CI_NOP:
	case RV_FMT_CI:
		in->rd = in->rs1 = rd, in->imm = c_imm6(x);
		break;
	case RV_FMT_CI_LI:
		in->rd = rd, in->imm = c_imm6(x);
		break;
	case RV_FMT_CI_16SP:
		in->rd = in->rs1 = 2, in->imm = c_addi16sp(x);
		break;
	case RV_FMT_CI_LUI:
		in->rd = rd, in->imm = c_imm6(x) * 4096;
		break;
	case RV_FMT_CI_SH:
	case RV_FMT_CI_SH0:
		in->rd = in->rs1 = rd, in->imm = c_uimm6(x);
		break;
	case RV_FMT_CI_LWSP:
		in->rd = rd, in->rs1 = 2, in->imm = c_lwsp(x);
		break;
	case RV_FMT_CI_LDSP:
	case RV_FMT_CI_FLDSP:
		in->rd = rd, in->rs1 = 2, in->imm = c_ldsp(x);
		break;
	case RV_FMT_CSS_SWSP:
		in->rs2 = rs2, in->rs1 = 2, in->imm = c_swsp(x);
		break;
	case RV_FMT_CSS_SDSP:
	case RV_FMT_CSS_FSDSP:
		in->rs2 = rs2, in->rs1 = 2, in->imm = c_sdsp(x);
		break;
	case RV_FMT_CB_SH:
	case RV_FMT_CB_SH0:
		in->rd = in->rs1 = rs1p, in->imm = c_uimm6(x);
		break;
	case RV_FMT_CB_ANDI:
		in->rd = in->rs1 = rs1p, in->imm = c_imm6(x);
		break;
	case RV_FMT_CA:
		in->rd = in->rs1 = rs1p, in->rs2 = rs2p;
		break;
	case RV_FMT_CB:
		in->rs1 = rs1p, in->imm = c_b(x);
		break;
	case RV_FMT_CJ:
		in->imm = c_j(x);
		break;
	case RV_FMT_CR_JR:
		in->rs1 = rd;
		break;
	case RV_FMT_CR_JALR:
		in->rd = 1, in->rs1 = rd;
		break;
	case RV_FMT_CR_MV:
		in->rd = rd, in->rs2 = rs2;
		break;
	case RV_FMT_CR_ADD:
		in->rd = in->rs1 = rd, in->rs2 = rs2;
		break;
	}
}

/* The ISA's reserved compressed encodings, as rv64.def's flags mark them. */
static int reserved(const struct rv_insn *in, unsigned row)
{
	unsigned flags = rv_ops[row].flags;

	return ((flags & RV_F_RD_NZ) && (in->raw >> 7 & 31) == 0) ||
	       ((flags & RV_F_IMM_NZ) && in->imm == 0);
}

int rv_decode(struct rv_insn *in, const uint8_t *p, size_t avail, uint64_t pc)
{
	static const struct rv_insn zero;
	unsigned row;

	*in = zero;
	in->pc = pc;
	if (!fetch(in, p, avail))
		return 0;
	row = find_row(in->raw);
	if (row == RV_ILLEGAL)
		return 0;
	if (in->len == 4) {
		operands(in, row);
		in->op = row;
		return 4;
	}
	expand(in, row);
	in->cop = row;
	if (reserved(in, row))
		return 0;
	in->op = rv_ops[row].base;
	return 2;
}

/* F/D rows write an f register unless they produce an integer: moves to
 * x, compares, fclass, and conversions to w/wu/l/lu. */
static int fp_writes_x(const char *mn)
{
	if (!strncmp(mn, "fcvt.", 5))
		return mn[5] == 'w' || mn[5] == 'l';
	return !strncmp(mn, "fmv.x.", 6) || !strncmp(mn, "feq", 3) || !strncmp(mn, "flt", 3) ||
	       !strncmp(mn, "fle", 3) || !strncmp(mn, "fclass", 6);
}

uint64_t rv_writes(const struct rv_insn *in)
{
	uint16_t fl = rv_ops[in->op].flags;

	if ((fl & RV_F_BRANCH) || ((fl & RV_F_STORE) && !(fl & RV_F_ATOMIC)))
		return 0; /* AMOs and SC store and write rd; fsw/fsd do not */
	if ((fl & RV_F_FP) && !fp_writes_x(rv_ops[in->op].mnem))
		return 1ull << (32 + in->rd);
	return in->rd ? 1ull << in->rd : 0;
}

/* Operand templates of the formats (rv64fmt.def): which fields are
 * registers of which file. */
static const char *const reg_template[RV_NFMT] = {
#define RV_FMT(name, template) [RV_FMT_##name] = template,
#include "rv64fmt.def"
};

uint64_t rv_reads(const struct rv_insn *in)
{
	uint64_t r = 0;

	for (const char *c = reg_template[rv_ops[in->op].fmt]; *c; c++)
		switch (*c) {
		case 's': r |= 1ull << in->rs1; break;
		case 't': r |= 1ull << in->rs2; break;
		case 'S': r |= 1ull << (32 + in->rs1); break;
		case 'T': r |= 1ull << (32 + in->rs2); break;
		case 'R': r |= 1ull << (32 + in->rs3); break;
		default: break;
		}
	return r & ~1ull;
}
