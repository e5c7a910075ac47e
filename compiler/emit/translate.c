/*
 * translate.c: one guest function -> one Wasm function.
 *
 * Signature (param $entry i32): the dispatcher enters a function at its
 * entry number (0 = start, then return sites ...; see cfg.h).  Guest
 * registers live in Wasm locals; rt_cpu in linear memory is the truth only
 * outside translated code, so registers are loaded at entry and after
 * every call out, and stored ("spilled") before every call out and exit.
 *
 * Control flow goes through Binaryen's Relooper: a synthetic first block
 * loads the registers and switches on $entry; guest blocks follow; every
 * exit branches to one shared block that spills and returns with
 * rt_cpu.pc = $next.  A caller that sees rt_cpu.pc differ from the return
 * address it expects returns too, so unexpected control flow (longjmp, a
 * deep call stack cut short) unwinds to the dispatcher, never stalls.
 *
 * Guest memory accesses are checked against the mapped ranges rt keeps in
 * rt_cpu (rt.h), cached in locals and refreshed after every call out.
 */
#include <stdlib.h>
#include <string.h>

#include "emitint.h"

/* Local variable numbers. */
enum {
	L_ENTRY = 0,
	L_X = 0, /* x1..x31 are locals 1..31 */
	L_F = 32,
	L_ADDR = 64,
	L_NEXT,
	L_CNT,
	L_TMP,
	L_TMP2,
	L_LABEL, /* i32, the Relooper's helper */
	L_NLOCALS
};

struct tx {
	struct emit *e;
	BinaryenModuleRef m;
	const struct cfg_func *fn;
	uint64_t *live_in;     /* per block: registers read before written (bits 0-31 x, 32-63 f) */
	VEC(BinaryenExpressionRef) s; /* statements of the block being built */
};

#define I64 BinaryenTypeInt64()
#define I32 BinaryenTypeInt32()
#define NONE BinaryenTypeNone()

static BinaryenExpressionRef c64(struct tx *t, uint64_t v) { return BinaryenConst(t->m, BinaryenLiteralInt64((int64_t)v)); }
static BinaryenExpressionRef c32(struct tx *t, uint32_t v) { return BinaryenConst(t->m, BinaryenLiteralInt32((int32_t)v)); }
static BinaryenExpressionRef get(struct tx *t, int l) { return BinaryenLocalGet(t->m, l, l == L_LABEL ? I32 : I64); }
static BinaryenExpressionRef set(struct tx *t, int l, BinaryenExpressionRef v) { return BinaryenLocalSet(t->m, l, v); }
static BinaryenExpressionRef bin(struct tx *t, BinaryenOp op, BinaryenExpressionRef a, BinaryenExpressionRef b) { return BinaryenBinary(t->m, op, a, b); }
static BinaryenExpressionRef un(struct tx *t, BinaryenOp op, BinaryenExpressionRef a) { return BinaryenUnary(t->m, op, a); }
static void emit(struct tx *t, BinaryenExpressionRef e) { vpush(&t->s, e); }

static BinaryenExpressionRef X(struct tx *t, int r) { return r ? get(t, L_X + r) : c64(t, 0); }
static BinaryenExpressionRef F(struct tx *t, int r) { return get(t, L_F + r); }
static void setX(struct tx *t, int r, BinaryenExpressionRef v)
{
	emit(t, r ? set(t, L_X + r, v) : BinaryenDrop(t->m, v));
}
static void setF(struct tx *t, int r, BinaryenExpressionRef v) { emit(t, set(t, L_F + r, v)); }

/* rt_cpu fields: the base address is folded into the access offset. */
static BinaryenExpressionRef cpu_ld(struct tx *t, uint32_t off)
{
	return BinaryenLoad(t->m, 8, 0, t->e->cpu + off, 8, I64, c32(t, 0));
}
static BinaryenExpressionRef cpu_st(struct tx *t, uint32_t off, BinaryenExpressionRef v)
{
	return BinaryenStore(t->m, 8, t->e->cpu + off, 8, c32(t, 0), v, I64);
}

static BinaryenExpressionRef call(struct tx *t, const char *rtname, BinaryenExpressionRef *args, int n,
				  BinaryenType res)
{
	return BinaryenCall(t->m, emit_rt_func(t->e, rtname), args, n, res);
}

static BinaryenExpressionRef sext32(struct tx *t, BinaryenExpressionRef v32)
{
	return un(t, BinaryenExtendSInt32(), v32);
}
static BinaryenExpressionRef wrap(struct tx *t, BinaryenExpressionRef v64)
{
	return un(t, BinaryenWrapInt64(), v64);
}
static BinaryenExpressionRef zext(struct tx *t, BinaryenExpressionRef v32)
{
	return un(t, BinaryenExtendUInt32(), v32);
}
static BinaryenExpressionRef block(struct tx *t, BinaryenExpressionRef *v, size_t n)
{
	return BinaryenBlock(t->m, NULL, v, n, BinaryenTypeAuto());
}

/* ---- register file <-> locals ---- */

/* Load the registers in `live` from rt_cpu. */
static void reload(struct tx *t, uint64_t live)
{
	for (int r = 1; r < 32; r++)
		if (live >> r & 1)
			emit(t, set(t, L_X + r, cpu_ld(t, RT_CPU_X(r))));
	for (int r = 0; r < 32; r++)
		if (live >> (32 + r) & 1)
			emit(t, set(t, L_F + r, cpu_ld(t, RT_CPU_F(r))));
}

/* Store the registers in `dirty` (bits 0-31 x, 32-63 f) and the count of
 * retired instructions.  See regsets() for why every register in `dirty`
 * holds its current value in its local. */
static void spill(struct tx *t, uint64_t dirty)
{
	for (int r = 1; r < 32; r++)
		if (dirty >> r & 1)
			emit(t, cpu_st(t, RT_CPU_X(r), get(t, L_X + r)));
	for (int r = 0; r < 32; r++)
		if (dirty >> (32 + r) & 1)
			emit(t, cpu_st(t, RT_CPU_F(r), get(t, L_F + r)));
	emit(t, cpu_st(t, RT_CPU_N_TX, bin(t, BinaryenAddInt64(), cpu_ld(t, RT_CPU_N_TX), get(t, L_CNT))));
	emit(t, set(t, L_CNT, c64(t, 0)));
}

/* ---- guest memory ---- */

/* Every way out of a translated function: undo the depth count, return. */
static BinaryenExpressionRef leave(struct tx *t)
{
	BinaryenModuleRef m = t->m;
	BinaryenExpressionRef v[2] = {
		BinaryenGlobalSet(m, DEPTH_GLOBAL, BinaryenBinary(m, BinaryenSubInt32(), BinaryenGlobalGet(m, DEPTH_GLOBAL, I32), c32(t, 1))),
		BinaryenReturn(m, NULL),
	};

	return BinaryenBlock(m, NULL, v, 2, NONE);
}

/*
 * $addr = rs1 + imm, checked; returns the Wasm pointer to access.  The
 * check reads rt's page map (a byte per guest page, rt/rtint.h): an
 * address at or above RT_GUEST_SIZE, or on a page without the permission,
 * faults through FAULT_FUNC(address, pc | is_store).  The page index is
 * masked so the map lookup itself can never leave the map.
 */
static BinaryenExpressionRef guest_addr(struct tx *t, const struct rv_insn *in, int store)
{
	BinaryenExpressionRef fault[2];

	emit(t, set(t, L_ADDR, bin(t, BinaryenAddInt64(), X(t, in->rs1), c64(t, in->imm))));
	BinaryenExpressionRef beyond = bin(t, BinaryenGeUInt64(), get(t, L_ADDR), c64(t, RT_GUEST_SIZE));
	BinaryenExpressionRef page = bin(t, BinaryenAndInt32(),
					 wrap(t, bin(t, BinaryenShrUInt64(), get(t, L_ADDR), c64(t, 12))),
					 c32(t, RT_GUEST_SIZE / RT_PAGE - 1));
	BinaryenExpressionRef perm = bin(t, BinaryenAndInt32(),
					 BinaryenLoad(t->m, 1, 0, t->e->pagemap, 1, I32, page),
					 c32(t, store ? RT_PG_W : RT_PG_R));
	fault[0] = BinaryenCall(t->m, FAULT_FUNC, (BinaryenExpressionRef[]){get(t, L_ADDR), c64(t, in->pc | store)}, 2, NONE);
	fault[1] = BinaryenUnreachable(t->m);
	emit(t, BinaryenIf(t->m, bin(t, BinaryenOrInt32(), beyond, un(t, BinaryenEqZInt32(), perm)),
			   block(t, fault, 2), NULL));
	return wrap(t, get(t, L_ADDR));
}

static void load(struct tx *t, const struct rv_insn *in, int bytes, int sign, int fp)
{
	BinaryenExpressionRef p = guest_addr(t, in, 0);
	BinaryenExpressionRef v = BinaryenLoad(t->m, bytes, sign, RT_ARENA_BASE, 1, I64, p);

	if (fp) {
		if (bytes == 4) /* NaN-box */
			v = bin(t, BinaryenOrInt64(), v, c64(t, 0xffffffff00000000ull));
		setF(t, in->rd, v);
	} else {
		setX(t, in->rd, v);
	}
}

static void store(struct tx *t, const struct rv_insn *in, int bytes, int fp)
{
	BinaryenExpressionRef p = guest_addr(t, in, 1);

	emit(t, BinaryenStore(t->m, bytes, RT_ARENA_BASE, 1, p, fp ? F(t, in->rs2) : X(t, in->rs2), I64));
}

/* ---- M extension: RISC-V defines every case Wasm traps on ---- */

static BinaryenExpressionRef divide(struct tx *t, const struct rv_insn *in)
{
	int w = in->op == RV_DIVW || in->op == RV_DIVUW || in->op == RV_REMW || in->op == RV_REMUW;
	int rem = in->op == RV_REM || in->op == RV_REMU || in->op == RV_REMW || in->op == RV_REMUW;
	int sgn = in->op == RV_DIV || in->op == RV_REM || in->op == RV_DIVW || in->op == RV_REMW;
	BinaryenExpressionRef a, b, zero_case, ovf, q;

	if (w) {
		a = wrap(t, X(t, in->rs1));
		b = wrap(t, X(t, in->rs2));
		BinaryenOp op = rem ? (sgn ? BinaryenRemSInt32() : BinaryenRemUInt32())
				    : (sgn ? BinaryenDivSInt32() : BinaryenDivUInt32());
		zero_case = rem ? wrap(t, X(t, in->rs1)) : c32(t, -1);
		q = bin(t, op, a, b);
		if (sgn) {
			ovf = bin(t, BinaryenAndInt32(),
				  bin(t, BinaryenEqInt32(), wrap(t, X(t, in->rs1)), c32(t, 0x80000000u)),
				  bin(t, BinaryenEqInt32(), wrap(t, X(t, in->rs2)), c32(t, -1)));
			q = BinaryenIf(t->m, ovf, rem ? c32(t, 0) : c32(t, 0x80000000u), q);
		}
		q = BinaryenIf(t->m, un(t, BinaryenEqZInt32(), wrap(t, X(t, in->rs2))), zero_case, q);
		return sext32(t, q);
	}
	a = X(t, in->rs1);
	b = X(t, in->rs2);
	BinaryenOp op = rem ? (sgn ? BinaryenRemSInt64() : BinaryenRemUInt64())
			    : (sgn ? BinaryenDivSInt64() : BinaryenDivUInt64());
	zero_case = rem ? X(t, in->rs1) : c64(t, ~0ull);
	q = bin(t, op, a, b);
	if (sgn) {
		ovf = bin(t, BinaryenAndInt32(),
			  bin(t, BinaryenEqInt64(), X(t, in->rs1), c64(t, 1ull << 63)),
			  bin(t, BinaryenEqInt64(), X(t, in->rs2), c64(t, ~0ull)));
		q = BinaryenIf(t->m, ovf, rem ? c64(t, 0) : c64(t, 1ull << 63), q);
	}
	return BinaryenIf(t->m, un(t, BinaryenEqZInt64(), X(t, in->rs2)), zero_case, q);
}

/* ---- F and D: everything with rounding or flags goes to rt's exact helpers ---- */

static int is_int_type(const char *s) { return s[0] == 'w' || s[0] == 'l'; }

static void fp_op(struct tx *t, const struct rv_insn *in)
{
	const struct rv_opinfo *oi = &rv_ops[in->op];
	const char *mn = oi->mnem;
	char name[32];
	BinaryenExpressionRef args[4];
	int n = 0, nsrc, rd_x = 0, rs1_x = 0;

	switch (in->op) {
	case RV_FMV_X_W:
		setX(t, in->rd, sext32(t, wrap(t, F(t, in->rs1))));
		return;
	case RV_FMV_W_X:
		setF(t, in->rd, bin(t, BinaryenOrInt64(), zext(t, wrap(t, X(t, in->rs1))),
				    c64(t, 0xffffffff00000000ull)));
		return;
	case RV_FMV_X_D:
		setX(t, in->rd, F(t, in->rs1));
		return;
	case RV_FMV_D_X:
		setF(t, in->rd, X(t, in->rs1));
		return;
	default:
		break;
	}
	snprintf(name, sizeof name, "rt_%s", mn);
	for (char *p = name; *p; p++)
		if (*p == '.')
			*p = '_';
	if (!strncmp(mn, "fmadd", 5) || !strncmp(mn, "fmsub", 5) || !strncmp(mn, "fnm", 3))
		nsrc = 3;
	else if (!strncmp(mn, "fsqrt", 5) || !strncmp(mn, "fclass", 6) || !strncmp(mn, "fcvt", 4))
		nsrc = 1;
	else
		nsrc = 2;
	if (!strncmp(mn, "fcvt.", 5))
		rs1_x = is_int_type(strchr(mn + 5, '.') + 1);
	rd_x = !(rv_writes(in) >> 32);
	args[n++] = rs1_x ? X(t, in->rs1) : F(t, in->rs1);
	if (nsrc > 1)
		args[n++] = F(t, in->rs2);
	if (nsrc > 2)
		args[n++] = F(t, in->rs3);
	if (oi->flags & RV_F_RM)
		args[n++] = c32(t, in->rm); /* 7: the helper reads frm */
	BinaryenExpressionRef r = call(t, name, args, n, I64);

	if (rd_x)
		setX(t, in->rd, r);
	else
		setF(t, in->rd, r);
}

/* ---- one instruction (terminators only contribute their link write) ---- */

static void insn(struct tx *t, const struct rv_insn *in)
{
	BinaryenModuleRef m = t->m;
	BinaryenExpressionRef a = X(t, in->rs1), b = X(t, in->rs2), imm = c64(t, in->imm);
	int sh = in->imm & 63;

#define B64(op, l, r) setX(t, in->rd, bin(t, Binaryen##op##Int64(), l, r))
#define B32(op, l, r) setX(t, in->rd, sext32(t, bin(t, Binaryen##op##Int32(), wrap(t, l), wrap(t, r))))
#define CMP(op, l, r) setX(t, in->rd, zext(t, bin(t, Binaryen##op##Int64(), l, r)))
	switch (in->op) {
	case RV_LUI: setX(t, in->rd, imm); break;
	case RV_AUIPC: setX(t, in->rd, c64(t, in->pc + in->imm)); break;
	case RV_ADDI: B64(Add, a, imm); break;
	case RV_SLTI: CMP(LtS, a, imm); break;
	case RV_SLTIU: CMP(LtU, a, imm); break;
	case RV_XORI: B64(Xor, a, imm); break;
	case RV_ORI: B64(Or, a, imm); break;
	case RV_ANDI: B64(And, a, imm); break;
	case RV_SLLI: B64(Shl, a, c64(t, sh)); break;
	case RV_SRLI: B64(ShrU, a, c64(t, sh)); break;
	case RV_SRAI: B64(ShrS, a, c64(t, sh)); break;
	case RV_ADD: B64(Add, a, b); break;
	case RV_SUB: B64(Sub, a, b); break;
	case RV_SLL: B64(Shl, a, b); break;
	case RV_SLT: CMP(LtS, a, b); break;
	case RV_SLTU: CMP(LtU, a, b); break;
	case RV_XOR: B64(Xor, a, b); break;
	case RV_SRL: B64(ShrU, a, b); break;
	case RV_SRA: B64(ShrS, a, b); break;
	case RV_OR: B64(Or, a, b); break;
	case RV_AND: B64(And, a, b); break;
	case RV_ADDIW: B32(Add, a, imm); break;
	case RV_SLLIW: B32(Shl, a, c64(t, sh & 31)); break;
	case RV_SRLIW: B32(ShrU, a, c64(t, sh & 31)); break;
	case RV_SRAIW: B32(ShrS, a, c64(t, sh & 31)); break;
	case RV_ADDW: B32(Add, a, b); break;
	case RV_SUBW: B32(Sub, a, b); break;
	case RV_SLLW: B32(Shl, a, b); break;
	case RV_SRLW: B32(ShrU, a, b); break;
	case RV_SRAW: B32(ShrS, a, b); break;

	case RV_LB: load(t, in, 1, 1, 0); break;
	case RV_LH: load(t, in, 2, 1, 0); break;
	case RV_LW: load(t, in, 4, 1, 0); break;
	case RV_LD: load(t, in, 8, 0, 0); break;
	case RV_LBU: load(t, in, 1, 0, 0); break;
	case RV_LHU: load(t, in, 2, 0, 0); break;
	case RV_LWU: load(t, in, 4, 0, 0); break;
	case RV_SB: store(t, in, 1, 0); break;
	case RV_SH: store(t, in, 2, 0); break;
	case RV_SW: store(t, in, 4, 0); break;
	case RV_SD: store(t, in, 8, 0); break;
	case RV_FLW: load(t, in, 4, 0, 1); break;
	case RV_FLD: load(t, in, 8, 0, 1); break;
	case RV_FSW: store(t, in, 4, 1); break;
	case RV_FSD: store(t, in, 8, 1); break;

	case RV_MUL: B64(Mul, a, b); break;
	case RV_MULW: B32(Mul, a, b); break;
	case RV_MULH:
		setX(t, in->rd, call(t, "rt_mulh", (BinaryenExpressionRef[]){a, b}, 2, I64));
		break;
	case RV_MULHU:
		setX(t, in->rd, call(t, "rt_mulhu", (BinaryenExpressionRef[]){a, b}, 2, I64));
		break;
	case RV_MULHSU:
		setX(t, in->rd, call(t, "rt_mulhsu", (BinaryenExpressionRef[]){a, b}, 2, I64));
		break;
	case RV_DIV: case RV_DIVU: case RV_REM: case RV_REMU:
	case RV_DIVW: case RV_DIVUW: case RV_REMW: case RV_REMUW:
		setX(t, in->rd, divide(t, in));
		break;

	/* Zba */
	case RV_SH1ADD: B64(Add, bin(t, BinaryenShlInt64(), a, c64(t, 1)), b); break;
	case RV_SH2ADD: B64(Add, bin(t, BinaryenShlInt64(), a, c64(t, 2)), b); break;
	case RV_SH3ADD: B64(Add, bin(t, BinaryenShlInt64(), a, c64(t, 3)), b); break;
	case RV_ADD_UW: B64(Add, zext(t, wrap(t, a)), b); break;
	case RV_SH1ADD_UW: B64(Add, bin(t, BinaryenShlInt64(), zext(t, wrap(t, a)), c64(t, 1)), b); break;
	case RV_SH2ADD_UW: B64(Add, bin(t, BinaryenShlInt64(), zext(t, wrap(t, a)), c64(t, 2)), b); break;
	case RV_SH3ADD_UW: B64(Add, bin(t, BinaryenShlInt64(), zext(t, wrap(t, a)), c64(t, 3)), b); break;
	case RV_SLLI_UW: B64(Shl, zext(t, wrap(t, a)), c64(t, sh)); break;
	/* Zbb */
	case RV_ANDN: B64(And, a, bin(t, BinaryenXorInt64(), b, c64(t, ~0ull))); break;
	case RV_ORN: B64(Or, a, bin(t, BinaryenXorInt64(), b, c64(t, ~0ull))); break;
	case RV_XNOR: B64(Xor, bin(t, BinaryenXorInt64(), a, b), c64(t, ~0ull)); break;
	case RV_CLZ: setX(t, in->rd, un(t, BinaryenClzInt64(), a)); break;
	case RV_CTZ: setX(t, in->rd, un(t, BinaryenCtzInt64(), a)); break;
	case RV_CPOP: setX(t, in->rd, un(t, BinaryenPopcntInt64(), a)); break;
	case RV_CLZW: setX(t, in->rd, zext(t, un(t, BinaryenClzInt32(), wrap(t, a)))); break;
	case RV_CTZW: setX(t, in->rd, zext(t, un(t, BinaryenCtzInt32(), wrap(t, a)))); break;
	case RV_CPOPW: setX(t, in->rd, zext(t, un(t, BinaryenPopcntInt32(), wrap(t, a)))); break;
	case RV_MAX: setX(t, in->rd, BinaryenSelect(m, bin(t, BinaryenGtSInt64(), a, b), X(t, in->rs1), X(t, in->rs2), I64)); break;
	case RV_MIN: setX(t, in->rd, BinaryenSelect(m, bin(t, BinaryenLtSInt64(), a, b), X(t, in->rs1), X(t, in->rs2), I64)); break;
	case RV_MAXU: setX(t, in->rd, BinaryenSelect(m, bin(t, BinaryenGtUInt64(), a, b), X(t, in->rs1), X(t, in->rs2), I64)); break;
	case RV_MINU: setX(t, in->rd, BinaryenSelect(m, bin(t, BinaryenLtUInt64(), a, b), X(t, in->rs1), X(t, in->rs2), I64)); break;
	case RV_SEXT_B: setX(t, in->rd, un(t, BinaryenExtendS8Int64(), a)); break;
	case RV_SEXT_H: setX(t, in->rd, un(t, BinaryenExtendS16Int64(), a)); break;
	case RV_ZEXT_H: B64(And, a, c64(t, 0xffff)); break;
	case RV_ROL: B64(RotL, a, b); break;
	case RV_ROR: B64(RotR, a, b); break;
	case RV_RORI: B64(RotR, a, c64(t, sh)); break;
	case RV_ROLW: B32(RotL, a, b); break;
	case RV_RORW: B32(RotR, a, b); break;
	case RV_RORIW: B32(RotR, a, c64(t, sh & 31)); break;
	case RV_ORC_B: setX(t, in->rd, call(t, "rt_orc_b", &a, 1, I64)); break;
	case RV_REV8: setX(t, in->rd, call(t, "rt_rev8", &a, 1, I64)); break;
	/* Zbs */
	case RV_BCLR: B64(And, a, bin(t, BinaryenXorInt64(), bin(t, BinaryenShlInt64(), c64(t, 1), b), c64(t, ~0ull))); break;
	case RV_BSET: B64(Or, a, bin(t, BinaryenShlInt64(), c64(t, 1), b)); break;
	case RV_BINV: B64(Xor, a, bin(t, BinaryenShlInt64(), c64(t, 1), b)); break;
	case RV_BEXT: B64(And, bin(t, BinaryenShrUInt64(), a, b), c64(t, 1)); break;
	case RV_BCLRI: B64(And, a, c64(t, ~(1ull << sh))); break;
	case RV_BSETI: B64(Or, a, c64(t, 1ull << sh)); break;
	case RV_BINVI: B64(Xor, a, c64(t, 1ull << sh)); break;
	case RV_BEXTI: B64(And, bin(t, BinaryenShrUInt64(), a, c64(t, sh)), c64(t, 1)); break;

	case RV_FENCE: break;

	case RV_CSRRW: case RV_CSRRS: case RV_CSRRC:
	case RV_CSRRWI: case RV_CSRRSI: case RV_CSRRCI: {
		int immf = in->op == RV_CSRRWI || in->op == RV_CSRRSI || in->op == RV_CSRRCI;
		int kind = (in->op == RV_CSRRW || in->op == RV_CSRRWI) ? 0
			   : (in->op == RV_CSRRS || in->op == RV_CSRRSI) ? 1 : 2;
		int write = kind == 0 || in->rs1 != 0;
		BinaryenExpressionRef args[4] = {c32(t, (uint32_t)in->imm), c32(t, kind),
						 immf ? c64(t, in->rs1) : X(t, in->rs1), c32(t, write)};

		/* rt_csr may raise SIGILL: it needs the pc */
		emit(t, cpu_st(t, RT_CPU_PC, c64(t, in->pc)));
		setX(t, in->rd, call(t, "rt_csr", args, 4, I64));
		break;
	}
	default:
		if (rv_ops[in->op].flags & RV_F_ATOMIC) {
			BinaryenExpressionRef args[3] = {c32(t, in->op), X(t, in->rs1), X(t, in->rs2)};

			emit(t, cpu_st(t, RT_CPU_PC, c64(t, in->pc)));
			setX(t, in->rd, call(t, "rt_amo", args, 3, I64));
			break;
		}
		if (rv_ops[in->op].flags & RV_F_FP) {
			emit(t, cpu_st(t, RT_CPU_PC, c64(t, in->pc)));
			fp_op(t, in);
			break;
		}
		die("no translation for %s at %#llx", rv_ops[in->op].mnem, (unsigned long long)in->pc);
	}
#undef B64
#undef B32
#undef CMP
}

/* Can insn() translate it, or must the block leave for the interpreter? */
static int translatable(const struct rv_insn *in)
{
	switch (in->op) {
	case RV_ILLEGAL:
	case RV_EBREAK:
		return 0;
	default:
		return 1;
	}
}

/* ---- blocks ---- */

static BinaryenExpressionRef take(struct tx *t)
{
	BinaryenExpressionRef b = block(t, t->s.v, t->s.n);

	t->s.n = 0;
	return b;
}

static BinaryenExpressionRef branch_cond(struct tx *t, const struct rv_insn *in)
{
	BinaryenExpressionRef a = X(t, in->rs1), b = X(t, in->rs2);

	switch (in->op) {
	case RV_BEQ: return bin(t, BinaryenEqInt64(), a, b);
	case RV_BNE: return bin(t, BinaryenNeInt64(), a, b);
	case RV_BLT: return bin(t, BinaryenLtSInt64(), a, b);
	case RV_BGE: return bin(t, BinaryenGeSInt64(), a, b);
	case RV_BLTU: return bin(t, BinaryenLtUInt64(), a, b);
	case RV_BGEU: return bin(t, BinaryenGeUInt64(), a, b);
	default: die("not a branch: %s", rv_ops[in->op].mnem);
	}
}

/* Index of the translated function starting at pc, or -1. */
static int func_at(const struct cfg_prog *cp, uint64_t pc)
{
	size_t lo = 0, hi = cp->nfuncs;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cp->funcs[mid].start < pc)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < cp->nfuncs && cp->funcs[lo].start == pc ? (int)lo : -1;
}

/*
 * A guest call that returns to `ret`: spill, call (directly when `callee`
 * is translated, else through rt_run_one), reload, and unwind unless
 * control came back to `ret`.  rt_cpu.pc holds the target during the call:
 * a callee nested too deep returns at once (see add_function), and the
 * unwinding brings the dispatcher to the target.  A tail call (`tail`)
 * returns right after the callee: our caller does the check.
 */
static void guest_call(struct tx *t, uint64_t dirty, uint64_t live_after, int callee,
		       uint64_t target_const, int dynamic, uint64_t ret, int tail)
{
	BinaryenModuleRef m = t->m;

	spill(t, dirty);
	emit(t, cpu_st(t, RT_CPU_PC, dynamic ? get(t, L_NEXT) : c64(t, target_const)));
	if (callee >= 0) {
		emit(t, BinaryenCall(m, t->e->fname[callee], (BinaryenExpressionRef[]){c32(t, 0)}, 1, NONE));
	} else {
		emit(t, call(t, "rt_run_one", NULL, 0, NONE));
	}
	if (tail) {
		emit(t, leave(t));
		return;
	}
	reload(t, live_after);
	emit(t, BinaryenIf(m, bin(t, BinaryenNeInt64(), cpu_ld(t, RT_CPU_PC), c64(t, ret)),
			   leave(t), NULL));
}

/* Registers an instruction may read (bits 0-31 x, 32-63 f): more is safe. */
static uint64_t reads(const struct rv_insn *in)
{
	uint64_t r = 1ull << in->rs1 | 1ull << in->rs2;

	if (rv_ops[in->op].flags & RV_F_FP)
		r |= 1ull << (32 + in->rs1) | 1ull << (32 + in->rs2) | 1ull << (32 + in->rs3);
	return r & ~1ull;
}

/*
 * What a block does, once instructions the translator leaves to the
 * interpreter have cut it short: `nbody` instructions translated in line,
 * then the terminator `term` (carried out by `last`, when it is an
 * instruction: branch, jal, jalr, ecall, fence.i).
 */
struct plan {
	int term;
	uint32_t nbody;
	const struct rv_insn *last;
	uint64_t end;     /* pc after the block */
	uint64_t exit_pc; /* static exit target when last == NULL */
};

static void plan_block(struct plan *p, const struct cfg_func *fn, const struct cfg_block *b)
{
	const struct rv_insn *in = b->n ? &fn->insns[b->first + b->n - 1] : NULL;

	p->term = b->term;
	p->nbody = b->n;
	p->end = in ? in->pc + in->len : b->start;
	p->exit_pc = b->target;
	p->last = NULL;
	if (in && b->term != CFG_FALL && !(b->term == CFG_EXIT && in->op != RV_JALR) &&
	    !(b->term == CFG_TAIL && in->op != RV_JAL)) {
		p->last = in;
		p->nbody--;
	}
	for (uint32_t k = 0; k < p->nbody; k++)
		if (!translatable(&fn->insns[b->first + k])) {
			p->nbody = k;
			p->term = CFG_EXIT;
			p->last = NULL;
			p->exit_pc = fn->insns[b->first + k].pc;
			break;
		}
	if (p->term == CFG_IJUMP && (b->table[b->ntable - 1] - b->table[0]) / 2 >= 65536)
		p->term = CFG_EXIT; /* too sparse for a br_table */
	if (p->term == CFG_BRANCH && b->fall < 0)
		die("branch at %#llx without fallthrough block", (unsigned long long)in->pc);
}

static BinaryenExpressionRef jalr_target(struct tx *t, const struct rv_insn *in)
{
	return bin(t, BinaryenAndInt64(), bin(t, BinaryenAddInt64(), X(t, in->rs1), c64(t, in->imm)),
		   c64(t, ~1ull));
}

static int ends_clean(int term) { return term == CFG_CALL || term == CFG_ICALL || term == CFG_ECALL; }

/*
 * Register sets, in two dataflow passes over the blocks:
 *
 *  dirty (forward, "may"): registers written since the last spill or
 *  reload.  Entries start clean; blocks ending in a call or ecall spill and
 *  reload, so they end clean.  Every spill stores exactly the dirty set.
 *
 *  live (backward): registers whose local may be read before it is
 *  written -- by an instruction, or by a later spill of the dirty set.
 *  The head loads live-in of the entry blocks and a call reloads live-in
 *  of its continuation: so a register that some path may spill was loaded
 *  or written on every path to that spill, and locals never spill stale
 *  values.
 */
static void regsets(const struct cfg_func *fn, const struct plan *pl, uint64_t *din, uint64_t *defs,
		    uint64_t *live)
{
	uint64_t *use = xcalloc(fn->nblocks, sizeof *use);
	int changed = 1;

	for (size_t bi = 0; bi < fn->nblocks; bi++) {
		const struct cfg_block *b = &fn->blocks[bi];
		uint64_t d = 0, u = 0;

		for (uint32_t k = 0; k < pl[bi].nbody; k++) {
			const struct rv_insn *in = &fn->insns[b->first + k];

			u |= reads(in) & ~d;
			d |= rv_writes(in);
		}
		if (pl[bi].last) {
			u |= reads(pl[bi].last) & ~d;
			if (pl[bi].last->rd)
				d |= 1ull << pl[bi].last->rd; /* link registers */
		}
		use[bi] = u;
		defs[bi] = d;
	}
	while (changed) {
		changed = 0;
		for (size_t bi = 0; bi < fn->nblocks; bi++) {
			const struct cfg_block *b = &fn->blocks[bi];
			int t = pl[bi].term;
			uint64_t out = ends_clean(t) ? 0 : din[bi] | defs[bi];
			int succ[2] = {-1, -1};

			if (t == CFG_BRANCH || t == CFG_JUMP)
				succ[0] = b->succ;
			if (t == CFG_BRANCH || t == CFG_FALL || ends_clean(t))
				succ[1] = b->fall;
			for (int k = 0; k < 2; k++)
				if (succ[k] >= 0 && (din[succ[k]] | out) != din[succ[k]]) {
					din[succ[k]] |= out;
					changed = 1;
				}
			if (t == CFG_IJUMP)
				for (uint32_t k = 0; k < b->ntable; k++)
					if ((din[b->table_blk[k]] | out) != din[b->table_blk[k]]) {
						din[b->table_blk[k]] |= out;
						changed = 1;
					}
		}
	}
	changed = 1;
	while (changed) {
		changed = 0;
		for (size_t bi = fn->nblocks; bi-- > 0;) {
			const struct cfg_block *b = &fn->blocks[bi];
			int t = pl[bi].term;
			uint64_t spilled = din[bi] | defs[bi], end = 0;

			switch (t) {
			case CFG_BRANCH:
				end = live[b->succ];
				/* fallthrough */
			case CFG_FALL:
				end |= b->fall >= 0 ? live[b->fall] : spilled;
				break;
			case CFG_JUMP:
				end = live[b->succ];
				break;
			case CFG_IJUMP:
				end = spilled;
				for (uint32_t k = 0; k < b->ntable; k++)
					end |= live[b->table_blk[k]];
				break;
			default: /* calls, ecall, tail calls, exits: spill, then reload */
				end = spilled;
				break;
			}
			uint64_t in = use[bi] | (end & ~defs[bi]);

			if ((live[bi] | in) != live[bi]) {
				live[bi] |= in;
				changed = 1;
			}
		}
	}
	free(use);
}

/* Code on an edge into the shared exit: spill what may be dirty. */
static BinaryenExpressionRef exit_code(struct tx *t, uint64_t dirty, BinaryenExpressionRef first)
{
	if (first)
		emit(t, first);
	spill(t, dirty);
	return take(t);
}

static void add_function(struct emit *e, const struct cfg_func *fn)
{
	struct tx tx = {.e = e, .m = e->mod, .fn = fn}, *t = &tx;
	BinaryenModuleRef m = e->mod;
	RelooperRef rl = RelooperCreate(m);
	RelooperBlockRef *rb = xcalloc(fn->nblocks, sizeof *rb);
	RelooperBlockRef head, exit_blk;
	struct plan *pl = xcalloc(fn->nblocks, sizeof *pl);
	uint64_t *defs = xcalloc(fn->nblocks, sizeof *defs);
	uint64_t *din = xcalloc(fn->nblocks, sizeof *din);
	uint64_t *live = xcalloc(fn->nblocks, sizeof *live), live_fall;

	for (size_t bi = 0; bi < fn->nblocks; bi++)
		plan_block(&pl[bi], fn, &fn->blocks[bi]);
	regsets(fn, pl, din, defs, live);

	/* the shared exit: leave with rt_cpu.pc = $next (edges spill) */
	emit(t, cpu_st(t, RT_CPU_PC, get(t, L_NEXT)));
	emit(t, leave(t));
	exit_blk = RelooperAddBlock(rl, take(t));

	for (size_t bi = 0; bi < fn->nblocks; bi++) {
		const struct cfg_block *b = &fn->blocks[bi];
		const struct plan *p = &pl[bi];
		const struct rv_insn *last = p->last;
		uint64_t dirty = din[bi] | defs[bi];

		live_fall = b->fall >= 0 ? live[b->fall] : 0;
		emit(t, set(t, L_CNT, bin(t, BinaryenAddInt64(), get(t, L_CNT), c64(t, p->nbody + !!last))));
		for (uint32_t k = 0; k < p->nbody; k++)
			insn(t, &fn->insns[b->first + k]);
		switch (p->term) {
		case CFG_FALL:
		case CFG_BRANCH:
			break;
		case CFG_JUMP:
			setX(t, last->rd, c64(t, p->end));
			break;
		case CFG_CALL:
			setX(t, last->rd, c64(t, p->end));
			guest_call(t, dirty, live_fall, func_at(e->cp, b->target), b->target, 0, p->end, 0);
			break;
		case CFG_ICALL:
			emit(t, set(t, L_NEXT, jalr_target(t, last)));
			setX(t, last->rd, c64(t, p->end));
			guest_call(t, dirty, live_fall, -1, 0, 1, p->end, 0);
			break;
		case CFG_TAIL: {
			int callee = func_at(e->cp, b->target);

			if (callee >= 0)
				guest_call(t, dirty, 0, callee, b->target, 0, 0, 1);
			else
				emit(t, set(t, L_NEXT, c64(t, b->target)));
			break;
		}
		case CFG_RET:
		case CFG_IJUMP:
		case CFG_EXIT:
			if (last) { /* jalr: the target is computed before the link write */
				emit(t, set(t, L_NEXT, jalr_target(t, last)));
				setX(t, last->rd, c64(t, p->end));
			} else {
				/* an instruction we leave to the interpreter: run it
				 * from here (the dispatcher would find this very entry
				 * again if the block starts one) */
				spill(t, dirty);
				emit(t, cpu_st(t, RT_CPU_PC, c64(t, p->exit_pc)));
				emit(t, call(t, "rt_interp_run", NULL, 0, NONE));
				emit(t, leave(t));
			}
			break;
		case CFG_ECALL:
			spill(t, dirty);
			emit(t, cpu_st(t, RT_CPU_PC, c64(t, last->pc)));
			emit(t, call(t, "rt_ecall", NULL, 0, NONE));
			reload(t, live_fall);
			emit(t, BinaryenIf(m, bin(t, BinaryenNeInt64(), cpu_ld(t, RT_CPU_PC), c64(t, p->end)),
					   leave(t), NULL));
			break;
		case CFG_FENCEI:
			spill(t, dirty);
			emit(t, call(t, "rt_fence_i", NULL, 0, NONE));
			emit(t, set(t, L_NEXT, c64(t, p->end)));
			break;
		}
		if (p->term == CFG_IJUMP) {
			/* br_table on (target - lowest) / 2; other targets leave */
			uint64_t lo = b->table[0], span = b->table[b->ntable - 1] - lo;
			BinaryenExpressionRef d = bin(t, BinaryenSubInt64(), get(t, L_NEXT), c64(t, lo));
			BinaryenExpressionRef idx = BinaryenSelect(
				m, bin(t, BinaryenLeUInt64(), d, c64(t, span)),
				wrap(t, bin(t, BinaryenShrUInt64(),
					    bin(t, BinaryenSubInt64(), get(t, L_NEXT), c64(t, lo)), c64(t, 1))),
				c32(t, 0xffffffffu), I32);

			rb[bi] = RelooperAddBlockWithSwitch(rl, take(t), idx);
		} else {
			rb[bi] = RelooperAddBlock(rl, take(t));
		}
	}

	/* edges, once every block exists */
	for (size_t bi = 0; bi < fn->nblocks; bi++) {
		const struct cfg_block *b = &fn->blocks[bi];
		const struct plan *p = &pl[bi];
		uint64_t dirty = din[bi] | defs[bi];
		RelooperBlockRef fall = b->fall >= 0 ? rb[b->fall] : exit_blk;
		int clean = p->term == CFG_CALL || p->term == CFG_ICALL || p->term == CFG_ECALL;
		BinaryenExpressionRef fall_code =
			b->fall >= 0 ? NULL : exit_code(t, clean ? 0 : dirty, set(t, L_NEXT, c64(t, p->end)));

		switch (p->term) {
		case CFG_BRANCH:
			RelooperAddBranch(rb[bi], rb[b->succ], branch_cond(t, p->last), NULL);
			/* fallthrough */
		case CFG_FALL:
		case CFG_CALL:
		case CFG_ICALL:
		case CFG_ECALL:
			RelooperAddBranch(rb[bi], fall, NULL, fall_code);
			break;
		case CFG_JUMP:
			RelooperAddBranch(rb[bi], rb[b->succ], NULL, NULL);
			break;
		case CFG_TAIL:
			if (func_at(e->cp, b->target) < 0)
				RelooperAddBranch(rb[bi], exit_blk, NULL, exit_code(t, dirty, NULL));
			break;
		case CFG_IJUMP: {
			uint64_t lo = b->table[0];

			for (uint32_t k = 0; k < b->ntable; k++) {
				BinaryenIndex ix = (BinaryenIndex)((b->table[k] - lo) / 2);

				RelooperAddBranchForSwitch(rb[bi], rb[b->table_blk[k]], &ix, 1, NULL);
			}
			RelooperAddBranchForSwitch(rb[bi], exit_blk, NULL, 0, exit_code(t, dirty, NULL));
			break;
		}
		case CFG_FENCEI: /* spilled already */
			RelooperAddBranch(rb[bi], exit_blk, NULL, NULL);
			break;
		case CFG_EXIT:
			if (!p->last)
				break; /* the interpreter took over in the block */
			RelooperAddBranch(rb[bi], exit_blk, NULL, exit_code(t, dirty, NULL));
			break;
		default: /* RET */
			RelooperAddBranch(rb[bi], exit_blk, NULL, exit_code(t, dirty, NULL));
			break;
		}
	}

	/* the head: load registers, then go to the entry asked for */
	uint64_t live_entry = 0;

	for (size_t k = 0; k < fn->nentries; k++)
		live_entry |= live[fn->entry_blk[k]];
	emit(t, set(t, L_CNT, c64(t, 0)));
	reload(t, live_entry);
	if (fn->nentries == 1) {
		head = RelooperAddBlock(rl, take(t));
		RelooperAddBranch(head, rb[fn->entry_blk[0]], NULL, NULL);
	} else {
		head = RelooperAddBlockWithSwitch(rl, take(t), BinaryenLocalGet(m, L_ENTRY, I32));
		for (size_t k = 1; k < fn->nentries; k++) {
			BinaryenIndex ix = k;

			if (fn->entry_blk[k] != fn->entry_blk[0])
				RelooperAddBranchForSwitch(head, rb[fn->entry_blk[k]], &ix, 1, NULL);
		}
		RelooperAddBranchForSwitch(head, rb[fn->entry_blk[0]], NULL, 0, NULL);
	}

	/* too deep a nesting returns at once: rt_cpu.pc names where to go on */
	BinaryenExpressionRef body[3];

	body[0] = BinaryenIf(m, bin(t, BinaryenGeUInt32(), BinaryenGlobalGet(m, DEPTH_GLOBAL, I32), c32(t, DEPTH_LIMIT)),
			     BinaryenReturn(m, NULL), NULL);
	body[1] = BinaryenGlobalSet(m, DEPTH_GLOBAL, bin(t, BinaryenAddInt32(), BinaryenGlobalGet(m, DEPTH_GLOBAL, I32), c32(t, 1)));
	body[2] = RelooperRenderAndDispose(rl, head, L_LABEL);
	BinaryenType vars[L_NLOCALS - 1];

	for (int i = 0; i < L_NLOCALS - 1; i++)
		vars[i] = i + 1 == L_LABEL ? I32 : I64;
	BinaryenAddFunction(m, e->fname[fn->index], I32, NONE, vars, L_NLOCALS - 1, block(t, body, 3));
	free(rb);
	free(pl);
	free(defs);
	free(din);
	free(live);
	vfree(&t->s);
}

/* Module-wide parts of translated code: the call depth and the fault path. */
static void add_globals(struct emit *e)
{
	struct tx tx = {.e = e, .m = e->mod}, *t = &tx;
	BinaryenModuleRef m = e->mod;

	BinaryenAddGlobal(m, DEPTH_GLOBAL, I32, 1, c32(t, 0));

	/* FAULT_FUNC(addr, pc | is_store): the one cold path of every access */
	BinaryenType p2[2] = {I64, I64};
	BinaryenExpressionRef pc = BinaryenLocalGet(m, 1, I64);

	emit(t, BinaryenStore(m, 8, e->cpu + RT_CPU_PC, 8, c32(t, 0), bin(t, BinaryenAndInt64(), pc, c64(t, ~1ull)), I64));
	emit(t, call(t, "rt_fault", (BinaryenExpressionRef[]){BinaryenLocalGet(m, 0, I64),
			wrap(t, bin(t, BinaryenAndInt64(), BinaryenLocalGet(m, 1, I64), c64(t, 1)))}, 2, NONE));
	BinaryenAddFunction(m, FAULT_FUNC, BinaryenTypeCreate(p2, 2), NONE, NULL, 0, take(t));
	vfree(&t->s);
}

void emit_translate(struct emit *e, const struct cfg_prog *cp)
{
	e->cp = cp;
	e->nfuncs = cp->nfuncs;
	e->fname = xcalloc(cp->nfuncs ? cp->nfuncs : 1, sizeof *e->fname);
	for (size_t i = 0; i < cp->nfuncs; i++) {
		char buf[64];

		snprintf(buf, sizeof buf, "g_%llx", (unsigned long long)cp->funcs[i].start);
		e->fname[i] = xstrdup(buf);
	}
	add_globals(e);
	for (size_t i = 0; i < cp->nfuncs; i++)
		add_function(e, &cp->funcs[i]);
}
