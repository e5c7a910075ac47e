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
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emitint.h"

enum { NSPAN = 8 }; /* span caches per function (see span_check) */
enum { NSAFE = 8 };  /* countdowns per function (see plan_countdown) */
enum { NCOVER = 8 }; /* base registers a countdown covers */
enum { NV = 3 };     /* v128 locals for loaded fma operands (see fld_vec) */

/* Local variable numbers. */
enum {
	L_ENTRY = 0, /* i32 parameter: where the function is entered */
	L_DEPTH = 1, /* i32 parameter: guest calls nested on the Wasm stack */
	L_X = 1,     /* x1..x31 are locals 2..32 (x0's slot is L_DEPTH) */
	L_F = 33,
	L_ADDR = 65,
	L_NEXT,
	L_CNT,
	L_TMP,
	L_TMP2,
	L_SPAN,   /* span caches, pairs (lo, lim): see span_check */
	L_LABEL = L_SPAN + 2 * NSPAN,  /* i32, the Relooper's helper */
	L_BUDGET, /* i32, loop iterations left before this call re-enters */
	L_FOK,    /* i32, fcsr allows the FP fast paths (see fp_fast) */
	L_D0,     /* f64 temporaries of the FP fast paths, L_D0..L_D0+8 */
	L_SAFE = L_D0 + 9, /* i32 countdowns, L_SAFE..L_SAFE+NSAFE-1 */
	L_SEL = L_SAFE + NSAFE, /* i32, the case a table jump takes (direct_dispatch) */
	L_PAGE,   /* i64, the page index of a checked access (page_sat) */
	L_V0,     /* v128, doubles loaded for a fused multiply-add (fld_vec), L_V0..L_V0+NV-1 */
	L_NLOCALS = L_V0 + NV
};

typedef VEC(BinaryenExpressionRef) exprvec;

struct tx {
	struct emit *e;
	BinaryenModuleRef m;
	const struct cfg_func *fn;
	uint64_t *live_in;     /* per block: registers read before written (bits 0-31 x, 32-63 f) */
	exprvec s; /* statements of the block being built */
	int fok_valid; /* L_FOK holds fcsr's state for this point of the block (see fok) */
	int unchecked; /* the access being translated was checked by its group */
	int span; /* the span cache of the access being translated, or -1 */
	int loose; /* its double result need not be a canonical NaN (plan_loose) */
	uint8_t span_perm[NSPAN]; /* per span cache: the accesses it verifies */
	uint32_t span_w[NSPAN];   /* and their widest window */
	uint32_t span_key[NSPAN]; /* and whose they are (see plan_spans) */
	int nspan;
	int nsafe; /* countdowns given out */
	const struct rv_insn *body_end; /* past the block's last body insn, for looking ahead */
	uint8_t vreg[NV]; /* 1 + the f register each L_V0 local holds, or 0 (fld_vec) */
	int vnext;       /* the L_V0 local to take next */
};

#define I64 BinaryenTypeInt64()
#define I32 BinaryenTypeInt32()
#define NONE BinaryenTypeNone()
#define F64 BinaryenTypeFloat64()

static BinaryenExpressionRef c64(struct tx *t, uint64_t v) { return BinaryenConst(t->m, BinaryenLiteralInt64((int64_t)v)); }
static BinaryenExpressionRef c32(struct tx *t, uint32_t v) { return BinaryenConst(t->m, BinaryenLiteralInt32((int32_t)v)); }
static BinaryenExpressionRef cf64(struct tx *t, double v) { return BinaryenConst(t->m, BinaryenLiteralFloat64(v)); }
static BinaryenType ltype(int l)
{
	if (l >= L_V0 && l < L_V0 + NV)
		return BinaryenTypeVec128();
	if (l == L_ENTRY || l == L_DEPTH || l == L_LABEL || l == L_BUDGET || l == L_FOK || (l >= L_SAFE && l <= L_SEL))
		return I32;
	if (l == L_PAGE)
		return I64;
	return l >= L_D0 || (l >= L_F && l < L_F + 32) ? F64 : I64;
}
static BinaryenExpressionRef get(struct tx *t, int l) { return BinaryenLocalGet(t->m, l, ltype(l)); }
static BinaryenExpressionRef set(struct tx *t, int l, BinaryenExpressionRef v) { return BinaryenLocalSet(t->m, l, v); }
static BinaryenExpressionRef bin(struct tx *t, BinaryenOp op, BinaryenExpressionRef a, BinaryenExpressionRef b) { return BinaryenBinary(t->m, op, a, b); }
static BinaryenExpressionRef un(struct tx *t, BinaryenOp op, BinaryenExpressionRef a) { return BinaryenUnary(t->m, op, a); }
static void emit(struct tx *t, BinaryenExpressionRef e) { vpush(&t->s, e); }

static BinaryenExpressionRef X(struct tx *t, int r) { return r ? get(t, L_X + r) : c64(t, 0); }
/* FP registers live in f64 locals (raw bits: NaN-boxed singles and NaN
 * payloads pass through local moves unchanged); F() and setF() speak bits,
 * FD() and setFD() doubles. */
static BinaryenExpressionRef FD(struct tx *t, int r) { return get(t, L_F + r); }
static BinaryenExpressionRef F(struct tx *t, int r) { return un(t, BinaryenReinterpretFloat64(), FD(t, r)); }
static void setX(struct tx *t, int r, BinaryenExpressionRef v)
{
	emit(t, r ? set(t, L_X + r, v) : BinaryenDrop(t->m, v));
}
static void setFD(struct tx *t, int r, BinaryenExpressionRef v)
{
	for (int k = 0; k < NV; k++)
		if (t->vreg[k] == r + 1)
			t->vreg[k] = 0;
	emit(t, set(t, L_F + r, v));
}
static void setF(struct tx *t, int r, BinaryenExpressionRef v) { setFD(t, r, un(t, BinaryenReinterpretInt64(), v)); }

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

/* Statements built aside (the arm of an if), then the block's list back. */
static exprvec aside(struct tx *t)
{
	exprvec saved = t->s;

	t->s = (exprvec){0};
	return saved;
}
static exprvec back(struct tx *t, exprvec saved)
{
	exprvec side = t->s;

	t->s = saved;
	return side;
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
			setFD(t, r, BinaryenLoad(t->m, 8, 0, t->e->cpu + RT_CPU_F(r), 8, F64, c32(t, 0)));
}

/* Add the instructions counted in L_CNT to rt_cpu's count of those
 * retired in translated code, when the module counts (emit_translate). */
static void flush_count(struct tx *t)
{
	if (!t->e->count)
		return;
	emit(t, cpu_st(t, RT_CPU_N_TX, bin(t, BinaryenAddInt64(), cpu_ld(t, RT_CPU_N_TX), get(t, L_CNT))));
	emit(t, set(t, L_CNT, c64(t, 0)));
}

/* L_CNT += n, when the module counts. */
static void tally(struct tx *t, BinaryenExpressionRef n)
{
	if (t->e->count)
		emit(t, set(t, L_CNT, bin(t, BinaryenAddInt64(), get(t, L_CNT), n)));
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
			emit(t, BinaryenStore(t->m, 8, t->e->cpu + RT_CPU_F(r), 8, c32(t, 0), get(t, L_F + r), F64));
	flush_count(t);
}

/* ---- guest memory ---- */

/* Every way out of a translated function. */
static BinaryenExpressionRef leave(struct tx *t) { return BinaryenReturn(t->m, NULL); }

/* A callee's depth: ours plus one. */
static BinaryenExpressionRef deeper(struct tx *t) { return bin(t, BinaryenAddInt32(), get(t, L_DEPTH), c32(t, 1)); }

/* The page-map byte of guest address `a` (i64), any address: one at or
 * above RT_GUEST_SIZE reads the map's last byte, which is 0 (rt.h), so a
 * check is one test of one byte.  V8 makes the select a cmov; the former
 * `beyond || !perm` became two setcc and an or before the branch. */
static BinaryenExpressionRef page_sat(struct tx *t, BinaryenExpressionRef a)
{
	BinaryenExpressionRef pg = BinaryenLocalTee(t->m, L_PAGE, bin(t, BinaryenShrUInt64(), a, c64(t, 12)), I64);
	/* Wasm evaluates a select's arms before its condition: the tee is first */
	BinaryenExpressionRef page = BinaryenSelect(t->m, bin(t, BinaryenLtUInt64(), get(t, L_PAGE), c64(t, RT_GUEST_SIZE / RT_PAGE)),
						    wrap(t, pg), c32(t, RT_GUEST_SIZE / RT_PAGE), I32);

	return BinaryenLoad(t->m, 1, 0, t->e->pagemap, 1, I32, page);
}

/*
 * Span caches.  In a block that loops to itself, a base register that the
 * block only steps by addi walks through memory, and its accesses stay on
 * the page the previous iteration checked until they cross into the next.
 * Such a register gets a cache of two locals, lo and lim: every access the
 * block makes through it (at most `w` bytes, its widest window) is known
 * good when ($addr - lo) <u lim -- one subtraction and one comparison
 * instead of the page-map lookups.  On a miss the usual check runs, and
 * then, if $addr's page allows every access the block makes through the
 * register, lo = that page and lim = RT_PAGE - w + 1.  The page map
 * changes only in rt, so every call out (calls, syscalls) forgets the
 * caches: lim = 0 misses everything, and a function starts with its
 * locals 0.
 */
static BinaryenExpressionRef span_check(struct tx *t, int c, BinaryenExpressionRef slow)
{
	int lo = L_SPAN + 2 * c, lim = lo + 1, perm = t->span_perm[c];
	BinaryenExpressionRef ok = bin(t, BinaryenEqInt32(), bin(t, BinaryenAndInt32(), page_sat(t, get(t, L_ADDR)), c32(t, perm)),
				       c32(t, perm));
	BinaryenExpressionRef fill[2] = {
		set(t, lo, bin(t, BinaryenAndInt64(), get(t, L_ADDR), c64(t, ~(uint64_t)(RT_PAGE - 1)))),
		set(t, lim, c64(t, RT_PAGE - t->span_w[c] + 1)),
	};
	BinaryenExpressionRef miss[2] = {slow, BinaryenIf(t->m, ok, block(t, fill, 2), NULL)};
	BinaryenExpressionRef hit = bin(t, BinaryenLtUInt64(), bin(t, BinaryenSubInt64(), get(t, L_ADDR), get(t, lo)), get(t, lim));

	return BinaryenIf(t->m, un(t, BinaryenEqZInt32(), hit), block(t, miss, 2), NULL);
}

/* After a call out: the page map may have changed. */
static void forget_spans(struct tx *t)
{
	for (int c = 0; c < t->nspan; c++)
		emit(t, set(t, L_SPAN + 2 * c + 1, c64(t, 0)));
}

/*
 * $addr = rs1 + imm, checked; returns the Wasm pointer to access, which
 * the access offsets by arena_off(in).  The check reads rt's page map (a
 * byte per guest page, rt/rt.h): an address at or above RT_GUEST_SIZE, or
 * on a page without the permission, faults through FAULT_FUNC(address,
 * pc | is_store).
 *
 * The pointer is rs1 alone and imm goes into the access's constant
 * offset, so a load through a loaded pointer waits for one load, not for
 * an add as well (a list walk's `ld a0, 8(a0)`).  It is exact for every
 * address that passed the check (here, or a group's or countdown's
 * window), A = rs1 + imm in [RT_GUEST_MIN, RT_GUEST_SIZE): then rs1 =
 * A - imm lies in [0, 2^32) whatever imm's sign, as RT_GUEST_MIN > 2047,
 * so its wrap is itself.  The arena base keeps the offset positive.
 */
_Static_assert(RT_GUEST_MIN > 2047 && RT_ARENA_BASE >= 2048, "imm folds into the offset");
_Static_assert((uint64_t)RT_ARENA_BASE + RT_GUEST_SIZE + 2048 <= 1ull << 32, "arena within wasm32");

static uint32_t arena_off(const struct rv_insn *in) { return RT_ARENA_BASE + (uint32_t)in->imm; }

static BinaryenExpressionRef guest_addr(struct tx *t, const struct rv_insn *in, int store)
{
	BinaryenExpressionRef fault[2];

	if (t->unchecked)
		return wrap(t, X(t, in->rs1));
	emit(t, set(t, L_ADDR, bin(t, BinaryenAddInt64(), X(t, in->rs1), c64(t, in->imm))));
	BinaryenExpressionRef perm = bin(t, BinaryenAndInt32(), page_sat(t, get(t, L_ADDR)),
					 c32(t, store ? RT_PG_W : RT_PG_R));
	fault[0] = BinaryenCall(t->m, FAULT_FUNC, (BinaryenExpressionRef[]){get(t, L_ADDR), c64(t, in->pc | store)}, 2, NONE);
	fault[1] = BinaryenUnreachable(t->m);
	BinaryenExpressionRef check = BinaryenIf(t->m, un(t, BinaryenEqZInt32(), perm), block(t, fault, 2), NULL);
	emit(t, t->span >= 0 ? span_check(t, t->span, check) : check);
	return wrap(t, X(t, in->rs1));
}

/*
 * Whether the double `in` loads is an operand of a fused multiply-add
 * later in its block.  The fma runs as relaxed SIMD's madd on lane 0 of
 * three vectors (see add_fma), and V8 does not fold a load and a splat
 * into one instruction: a v128.load64_zero gives the fma its operand
 * directly, and the f register lane 0 of it, which costs nothing.
 */
static int fld_vec(struct tx *t, const struct rv_insn *in)
{
	if (!t->body_end || t->e->cp->flags_read)
		return 0;
	for (const struct rv_insn *n = in + 1; n < t->body_end; n++) {
		/* the operands fma_d passes unnegated */
		int a = n->op == RV_FMADD_D || n->op == RV_FMSUB_D, c = n->op == RV_FMADD_D || n->op == RV_FNMSUB_D;

		if ((a || c || n->op == RV_FNMADD_D) && ((a && n->rs1 == in->rd) || n->rs2 == in->rd || (c && n->rs3 == in->rd)))
			return 1;
		if (rv_writes(n) >> 32 && n->rd == in->rd)
			return 0;
	}
	return 0;
}

static void load(struct tx *t, const struct rv_insn *in, int bytes, int sign, int fp)
{
	BinaryenExpressionRef p = guest_addr(t, in, 0);

	if (fp && bytes == 8) {
		if (fld_vec(t, in)) {
			int k = t->vnext;

			t->vnext = (k + 1) % NV;
			emit(t, set(t, L_V0 + k, BinaryenSIMDLoad(t->m, BinaryenLoad64ZeroVec128(), arena_off(in), 1, p)));
			setFD(t, in->rd, BinaryenSIMDExtract(t->m, BinaryenExtractLaneVecF64x2(), get(t, L_V0 + k), 0));
			t->vreg[k] = (uint8_t)(in->rd + 1);
			return;
		}
		setFD(t, in->rd, BinaryenLoad(t->m, 8, 0, arena_off(in), 1, F64, p));
		return;
	}
	BinaryenExpressionRef v = BinaryenLoad(t->m, bytes, sign, arena_off(in), 1, I64, p);

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

	if (fp && bytes == 8)
		emit(t, BinaryenStore(t->m, 8, arena_off(in), 1, p, FD(t, in->rs2), F64));
	else
		emit(t, BinaryenStore(t->m, bytes, arena_off(in), 1, p, fp ? F(t, in->rs2) : X(t, in->rs2), I64));
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

/*
 * ---- F and D ----
 *
 * rt's helpers (rt/fpu.c) are the exact reference for every F/D operation:
 * all rounding modes, all five flags, NaN rules.  Most operations also get
 * an inline fast path built on Wasm's own float instructions, taken only
 * when its result is provably what the helper would give:
 *
 *  - the rounding is to nearest-even (static rm 0, or dyn with frm 0):
 *    Wasm rounds no other way;
 *  - NX is already set in fflags (flags are sticky: once a program has
 *    done one inexact operation, later inexact ones change nothing) or,
 *    for double add, sub, mul, div and the fused ops, the result is
 *    proven exact (TwoSum, Dekker's product), so that it raises nothing;
 *  - the result is finite and normal with an exponent above the least (or
 *    a zero that cannot hide an underflow), so that no other flag can
 *    arise: NaN, infinity, overflow, underflow (tininess after rounding)
 *    and division by zero all show in the result's class, and an input
 *    NaN or infinity always gives such a result;
 *  - single-precision inputs are properly NaN-boxed.
 *
 * Anything else -- the first inexact operation, a special result, another
 * rounding mode -- calls the helper, which computes it and the flags.
 * Wasm has no fused multiply-add: fmadd and friends are emulated exactly
 * (Boldo and Melquiond, "Emulation of FMA and correctly rounded sums:
 * proved algorithms using rounding to odd", IEEE TC 2008: the product
 * split exactly with Dekker's algorithm, the sum with TwoSum, the low part
 * rounded to odd, one final rounding), on inputs whose exponents keep
 * every intermediate clear of overflow and underflow.
 */

/* The v128 local into which fld_vec loaded f register r (r -1: none), or -1. */
static int vec_of(struct tx *t, int r)
{
	for (int k = 0; k < NV; k++)
		if (r >= 0 && t->vreg[k] == r + 1)
			return L_V0 + k;
	return -1;
}

/* lane 0 of fn(splat a, splat b, splat c): see add_fma.  An operand an
 * fld of the block loaded as a vector (vreg[k] >= 0) is passed as it is. */
static BinaryenExpressionRef fma_call(struct tx *t, const char *fn, BinaryenExpressionRef *abc, const int *vreg, BinaryenOp splat,
				      BinaryenOp lane)
{
	BinaryenExpressionRef v[3];

	for (int k = 0; k < 3; k++) {
		int l = vreg ? vec_of(t, vreg[k]) : -1;

		v[k] = l >= 0 ? get(t, l) : un(t, splat, abc[k]);
	}
	t->e->fma_used[t->fn->index] = 1;
	return BinaryenSIMDExtract(t->m, lane, BinaryenCall(t->m, fn, v, 3, BinaryenTypeVec128()), 0);
}

static int is_int_type(const char *s) { return s[0] == 'w' || s[0] == 'l'; }

#define SIGN64 0x8000000000000000ull
#define BOX 0xffffffff00000000ull

static BinaryenExpressionRef fbits(struct tx *t, BinaryenExpressionRef d) { return un(t, BinaryenReinterpretFloat64(), d); }
static BinaryenExpressionRef dval(struct tx *t, BinaryenExpressionRef i) { return un(t, BinaryenReinterpretInt64(), i); }
/* the low 32 bits of a boxed single as f32, and an f32 boxed back */
static BinaryenExpressionRef sval(struct tx *t, BinaryenExpressionRef i)
{
	return un(t, BinaryenReinterpretInt32(), wrap(t, i));
}
static BinaryenExpressionRef sbox(struct tx *t, BinaryenExpressionRef f)
{
	return bin(t, BinaryenOrInt64(), zext(t, un(t, BinaryenReinterpretFloat32(), f)), c64(t, BOX));
}
static BinaryenExpressionRef dget(struct tx *t, int k) { return get(t, L_D0 + k); }
static BinaryenExpressionRef and32(struct tx *t, BinaryenExpressionRef a, BinaryenExpressionRef b)
{
	return bin(t, BinaryenAndInt32(), a, b);
}

/*
 * L_FOK: bit 0 NX is set in fflags, bit 1 frm is round-to-nearest-even.
 * Computed once per block: inside a block only a CSR instruction can
 * clear NX or change frm (the helpers only ever add flags), and it resets
 * fok_valid.  A stale NX bit of 0 only costs an exactness test.
 */
static BinaryenExpressionRef fok(struct tx *t)
{
	if (!t->fok_valid) {
		/* fflags and frm are adjacent u32s: one load */
		emit(t, set(t, L_TMP, cpu_ld(t, RT_CPU_FFLAGS)));
		emit(t, set(t, L_FOK, bin(t, BinaryenOrInt32(),
					  and32(t, wrap(t, get(t, L_TMP)), c32(t, 1)),
					  bin(t, BinaryenShlInt32(),
					      un(t, BinaryenEqZInt64(), bin(t, BinaryenShrUInt64(), get(t, L_TMP), c64(t, 32))),
					      c32(t, 1)))));
		t->fok_valid = 1;
	}
	return get(t, L_FOK);
}

/* the rounding is to nearest-even (static rm 0 or 7 only reach here) */
static BinaryenExpressionRef rne_ok(struct tx *t, int rm)
{
	if (rm == 0 || !t->e->cp->frm_written)
		return c32(t, 1);
	return and32(t, bin(t, BinaryenShrUInt32(), fok(t), c32(t, 1)), c32(t, 1));
}

/* rounding to nearest-even, and NX already set */
static BinaryenExpressionRef fcsr_ok(struct tx *t, int rm)
{
	if (!t->e->cp->flags_read)
		return rne_ok(t, rm);
	if (rm == 0 || !t->e->cp->frm_written)
		return and32(t, fok(t), c32(t, 1));
	return bin(t, BinaryenEqInt32(), fok(t), c32(t, 3));
}

/* NX already set, or (only then evaluated) `exact`, a statement list
 * ending in an i32 */
static BinaryenExpressionRef nx_or(struct tx *t, exprvec *exact)
{
	if (!t->e->cp->flags_read)
		return c32(t, 1);
	return BinaryenIf(t->m, and32(t, fok(t), c32(t, 1)), c32(t, 1), block(t, exact->v, exact->n));
}

/* D[k] is finite, normal, above the least exponent: |x| in [2^-1021, max] */
static BinaryenExpressionRef dnormal(struct tx *t, int k)
{
	BinaryenExpressionRef lo = cf64(t, 0x1p-1021);
	BinaryenExpressionRef hi = cf64(t, 0x1.fffffffffffffp+1023);

	return bin(t, BinaryenAndInt32(), bin(t, BinaryenGeFloat64(), un(t, BinaryenAbsFloat64(), get(t, L_D0 + k)), lo),
		   bin(t, BinaryenLeFloat64(), un(t, BinaryenAbsFloat64(), get(t, L_D0 + k)), hi));
}

/* (bits >> shift) & mask lies in [2, mask - 1]: finite, normal, above the least exponent */
static BinaryenExpressionRef exp_ok(struct tx *t, BinaryenExpressionRef bits, int shift, uint64_t mask)
{
	BinaryenExpressionRef e = bin(t, BinaryenAndInt64(), bin(t, BinaryenShrUInt64(), bits, c64(t, shift)), c64(t, mask));

	return bin(t, BinaryenLtUInt64(), bin(t, BinaryenSubInt64(), e, c64(t, 2)), c64(t, mask - 2));
}
/* The single in L_TMP is a result that raised no flag but NX (finite,
 * normal, nonzero: exp_ok), or, when no flag is ever read, just not a
 * NaN (Wasm's NaNs are not RISC-V's canonical one). */
static BinaryenExpressionRef single_ok(struct tx *t)
{
	if (t->e->cp->flags_read)
		return exp_ok(t, get(t, L_TMP), 23, 0xff);
	return bin(t, BinaryenEqFloat32(), sval(t, get(t, L_TMP)), sval(t, get(t, L_TMP)));
}

/* |x| lies within 2^-450 .. 2^450 (NaN fails) */
static BinaryenExpressionRef dmid(struct tx *t, BinaryenExpressionRef x, BinaryenExpressionRef x2)
{
	return bin(t, BinaryenAndInt32(),
		   bin(t, BinaryenGeFloat64(), un(t, BinaryenAbsFloat64(), x), cf64(t, 0x1p-450)),
		   bin(t, BinaryenLeFloat64(), un(t, BinaryenAbsFloat64(), x2), cf64(t, 0x1p450)));
}
/* The fused a*b+c of the doubles in locals la, lb, lc: a or b is zero
 * (the product is an exact signed zero, the sum rounds once, as fused) */
static BinaryenExpressionRef zero_factor(struct tx *t, int la, int lb)
{
	return bin(t, BinaryenOrInt32(), bin(t, BinaryenEqFloat64(), get(t, la), cf64(t, 0)),
		   bin(t, BinaryenEqFloat64(), get(t, lb), cf64(t, 0)));
}
/* ... or a and b are mid-range and c mid-range or zero: fma_d's range */
static BinaryenExpressionRef fma_mid(struct tx *t, int la, int lb, int lc)
{
	return and32(t, and32(t, dmid(t, get(t, la), get(t, la)), dmid(t, get(t, lb), get(t, lb))),
		     bin(t, BinaryenOrInt32(), dmid(t, get(t, lc), get(t, lc)), bin(t, BinaryenEqFloat64(), get(t, lc), cf64(t, 0))));
}
/* a*b + c, rounded twice */
static BinaryenExpressionRef unfused(struct tx *t, int la, int lb, int lc)
{
	return bin(t, BinaryenAddFloat64(), bin(t, BinaryenMulFloat64(), get(t, la), get(t, lb)), get(t, lc));
}

static BinaryenExpressionRef boxed(struct tx *t, BinaryenExpressionRef v)
{
	return bin(t, BinaryenGeUInt64(), v, c64(t, BOX));
}

/* The exact error of D[s] = RN(D[a] + D[b]) (Knuth's TwoSum), using D[tmp] */
static BinaryenExpressionRef sum_err(struct tx *t, int a, int b, int s, int tmp)
{
	emit(t, set(t, L_D0 + tmp, bin(t, BinaryenSubFloat64(), dget(t, s), dget(t, a))));
	return bin(t, BinaryenAddFloat64(), bin(t, BinaryenSubFloat64(), dget(t, a), bin(t, BinaryenSubFloat64(), dget(t, s), dget(t, tmp))),
		   bin(t, BinaryenSubFloat64(), dget(t, b), dget(t, tmp)));
}

/* TwoSum: D[s] = RN(a + b), D[e] = the exact error */
static void two_sum(struct tx *t, int a, int b, int s, int e, int tmp)
{
	emit(t, set(t, L_D0 + s, bin(t, BinaryenAddFloat64(), dget(t, a), dget(t, b))));
	emit(t, set(t, L_D0 + e, sum_err(t, a, b, s, tmp)));
}

/* D[s] rounded to odd, given the exact error D[e] of the sum that made it */
static void round_odd(struct tx *t, int s, int e)
{
	BinaryenExpressionRef sb = fbits(t, dget(t, s));
	BinaryenExpressionRef fix = bin(t, BinaryenAndInt32(),
					bin(t, BinaryenNeFloat64(), dget(t, e), cf64(t, 0)),
					un(t, BinaryenEqZInt64(), bin(t, BinaryenAndInt64(), fbits(t, dget(t, s)), c64(t, 1))));
	/* toward the error: one more ulp of magnitude when it has s's sign */
	BinaryenExpressionRef step = BinaryenSelect(
		t->m, bin(t, BinaryenLtSInt64(), bin(t, BinaryenXorInt64(), fbits(t, dget(t, e)), fbits(t, dget(t, s))), c64(t, 0)),
		c64(t, ~0ull), c64(t, 1), I64);

	emit(t, set(t, L_D0 + s, dval(t, BinaryenSelect(t->m, fix, bin(t, BinaryenAddInt64(), sb, step), fbits(t, dget(t, s)), I64))));
}

/* Dekker's split of D[x] into D[hi] + D[lo], 26 bits each */
static void split(struct tx *t, int x, int hi, int lo, int tmp)
{
	emit(t, set(t, L_D0 + tmp, bin(t, BinaryenMulFloat64(), cf64(t, 134217729.0), dget(t, x))));
	emit(t, set(t, L_D0 + hi, bin(t, BinaryenSubFloat64(), dget(t, tmp), bin(t, BinaryenSubFloat64(), dget(t, tmp), dget(t, x)))));
	emit(t, set(t, L_D0 + lo, bin(t, BinaryenSubFloat64(), dget(t, x), dget(t, hi))));
}

/* The exact error of D[p] = RN(a * b), from Dekker's splits of a and b */
static BinaryenExpressionRef prod_err(struct tx *t, int ah, int al, int bh, int bl, int p)
{
	return bin(t, BinaryenAddFloat64(),
		   bin(t, BinaryenAddFloat64(),
		       bin(t, BinaryenAddFloat64(),
			   bin(t, BinaryenSubFloat64(), bin(t, BinaryenMulFloat64(), dget(t, ah), dget(t, bh)), dget(t, p)),
			   bin(t, BinaryenMulFloat64(), dget(t, ah), dget(t, bl))),
		       bin(t, BinaryenMulFloat64(), dget(t, al), dget(t, bh))),
		   bin(t, BinaryenMulFloat64(), dget(t, al), dget(t, bl)));
}

/* D0 * D1 == D6 exactly (both operands mid-range) */
static BinaryenExpressionRef product_exact(struct tx *t)
{
	split(t, 0, 2, 3, 8);
	split(t, 1, 4, 5, 8);
	return bin(t, BinaryenEqFloat64(), prod_err(t, 2, 3, 4, 5, 6), cf64(t, 0));
}

/*
 * The fused a*b+c of doubles D0, D1, D2 (signs already applied), correctly
 * rounded to nearest-even, left in D0: see the comment above.
 */
static void fma_d(struct tx *t)
{
	enum { A, B, C, AH, AL, BH, BL, T };

	split(t, A, AH, AL, T);
	split(t, B, BH, BL, T);
	/* uh = a*b into T, ul its exact error into A (a no longer needed) */
	emit(t, set(t, L_D0 + T, bin(t, BinaryenMulFloat64(), dget(t, A), dget(t, B))));
	emit(t, set(t, L_D0 + A, prod_err(t, AH, AL, BH, BL, T)));
	/* (th, tl) = TwoSum(c, uh): th in B, tl in AH */
	two_sum(t, C, T, B, AH, BL);
	/* v = RO(tl + ul): sum in C, error in AL */
	two_sum(t, AH, A, C, AL, BL);
	round_odd(t, C, AL);
	emit(t, set(t, L_D0 + A, bin(t, BinaryenAddFloat64(), dget(t, B), dget(t, C))));
}

/* The same for singles: the product is exact in double, the sum rounded
 * to odd in double, then once to single (53 >= 2 * 24 + 2). */
static void fma_s(struct tx *t)
{
	emit(t, set(t, L_D0 + 3, bin(t, BinaryenMulFloat64(), dget(t, 0), dget(t, 1))));
	two_sum(t, 3, 2, 4, 5, 6);
	round_odd(t, 4, 5);
}

/* mul: an operand is zero; div: the dividend is zero or the divisor
 * infinite.  The result is then an exact zero (or a NaN, which fails the
 * other tests). */
static BinaryenExpressionRef dzero_ok(struct tx *t, const struct rv_insn *in)
{
	BinaryenExpressionRef z = cf64(t, 0);
	BinaryenExpressionRef a0 = bin(t, BinaryenEqFloat64(), FD(t, in->rs1), z);

	if (in->op == RV_FDIV_D)
		return bin(t, BinaryenOrInt32(), a0,
			   bin(t, BinaryenEqFloat64(), un(t, BinaryenAbsFloat64(), FD(t, in->rs2)),
			       cf64(t, __builtin_inf())));
	return bin(t, BinaryenOrInt32(), a0,
		   bin(t, BinaryenEqFloat64(), FD(t, in->rs2), cf64(t, 0)));
}

/*
 * The fast path of `in`, or NULL: sets *guard to the condition under
 * which the value is right, after emitting what it needs.  The value is
 * the register's new raw bits (i64).
 */
static BinaryenExpressionRef fp_fast(struct tx *t, const struct rv_insn *in, BinaryenExpressionRef *guard, int *canon)
{
	int rm = (rv_ops[in->op].flags & RV_F_RM) ? in->rm : 0;
	int rne = rm == 0 || rm == 7;
	/* no flags kept and nearest-even known: the guard then fails only on
	 * a NaN result (or an unboxed single input, which makes one), and a
	 * NaN result is the canonical NaN */
	int nan_only = !t->e->cp->flags_read && (rm == 0 || !t->e->cp->frm_written);

	*canon = 0;
	BinaryenExpressionRef a = F(t, in->rs1), b = F(t, in->rs2);
	BinaryenOp op;
	int neg_a = 0, neg_c = 0;

	switch (in->op) {
	/* always exact, no flags, no rounding */
	case RV_FSGNJ_D: *guard = NULL;
		return bin(t, BinaryenOrInt64(), bin(t, BinaryenAndInt64(), a, c64(t, ~SIGN64)), bin(t, BinaryenAndInt64(), b, c64(t, SIGN64)));
	case RV_FSGNJN_D: *guard = NULL;
		return bin(t, BinaryenOrInt64(), bin(t, BinaryenAndInt64(), a, c64(t, ~SIGN64)),
			   bin(t, BinaryenAndInt64(), bin(t, BinaryenXorInt64(), b, c64(t, ~0ull)), c64(t, SIGN64)));
	case RV_FSGNJX_D: *guard = NULL;
		return bin(t, BinaryenXorInt64(), a, bin(t, BinaryenAndInt64(), b, c64(t, SIGN64)));
	case RV_FSGNJ_S: case RV_FSGNJN_S: case RV_FSGNJX_S: {
		uint64_t sg = 1ull << 31;

		*guard = boxed(t, bin(t, BinaryenAndInt64(), F(t, in->rs1), F(t, in->rs2)));
		if (in->op == RV_FSGNJ_S)
			return bin(t, BinaryenOrInt64(), bin(t, BinaryenAndInt64(), a, c64(t, ~sg)), bin(t, BinaryenAndInt64(), b, c64(t, sg)));
		if (in->op == RV_FSGNJN_S)
			return bin(t, BinaryenOrInt64(), bin(t, BinaryenAndInt64(), a, c64(t, ~sg)),
				   bin(t, BinaryenAndInt64(), bin(t, BinaryenXorInt64(), b, c64(t, ~0ull)), c64(t, sg)));
		return bin(t, BinaryenXorInt64(), a, bin(t, BinaryenAndInt64(), b, c64(t, sg)));
	}
	case RV_FCVT_D_W: *guard = NULL;
		return fbits(t, un(t, BinaryenConvertSInt32ToFloat64(), wrap(t, X(t, in->rs1))));
	case RV_FCVT_D_WU: *guard = NULL;
		return fbits(t, un(t, BinaryenConvertUInt32ToFloat64(), wrap(t, X(t, in->rs1))));

	/* no flags unless an input is NaN */
	case RV_FEQ_D: op = BinaryenEqFloat64(); goto cmp_d;
	case RV_FLT_D: op = BinaryenLtFloat64(); goto cmp_d;
	case RV_FLE_D: op = BinaryenLeFloat64();
	cmp_d:
		*guard = and32(t, bin(t, BinaryenEqFloat64(), dval(t, F(t, in->rs1)), dval(t, F(t, in->rs1))),
			       bin(t, BinaryenEqFloat64(), dval(t, F(t, in->rs2)), dval(t, F(t, in->rs2))));
		return zext(t, bin(t, op, dval(t, a), dval(t, b)));
	case RV_FEQ_S: op = BinaryenEqFloat32(); goto cmp_s;
	case RV_FLT_S: op = BinaryenLtFloat32(); goto cmp_s;
	case RV_FLE_S: op = BinaryenLeFloat32();
	cmp_s:
		*guard = and32(t, and32(t, bin(t, BinaryenEqFloat32(), sval(t, F(t, in->rs1)), sval(t, F(t, in->rs1))),
					bin(t, BinaryenEqFloat32(), sval(t, F(t, in->rs2)), sval(t, F(t, in->rs2)))),
			       boxed(t, bin(t, BinaryenAndInt64(), F(t, in->rs1), F(t, in->rs2))));
		return zext(t, bin(t, op, sval(t, a), sval(t, b)));
	case RV_FMIN_D: op = BinaryenMinFloat64(); goto minmax;
	case RV_FMAX_D: op = BinaryenMaxFloat64();
	minmax: /* Wasm's min and max order -0 below +0, as RISC-V does */
		*guard = and32(t, bin(t, BinaryenEqFloat64(), dval(t, F(t, in->rs1)), dval(t, F(t, in->rs1))),
			       bin(t, BinaryenEqFloat64(), dval(t, F(t, in->rs2)), dval(t, F(t, in->rs2))));
		return fbits(t, bin(t, op, dval(t, a), dval(t, b)));
	case RV_FCVT_D_S: /* exact unless NaN */
		*canon = !t->e->cp->flags_read;
		*guard = and32(t, boxed(t, F(t, in->rs1)), bin(t, BinaryenEqFloat32(), sval(t, F(t, in->rs1)), sval(t, F(t, in->rs1))));
		return fbits(t, un(t, BinaryenPromoteFloat32(), sval(t, a)));
	default:
		break;
	}
	if (!rne)
		return NULL;
	switch (in->op) {
	case RV_FADD_D: op = BinaryenAddFloat64(); goto arith_d;
	case RV_FSUB_D: op = BinaryenSubFloat64(); goto arith_d;
	case RV_FMUL_D: op = BinaryenMulFloat64(); goto arith_d;
	case RV_FDIV_D: op = BinaryenDivFloat64();
	arith_d: {
		BinaryenExpressionRef near = rne_ok(t, rm); /* before the side list: it may emit */
		exprvec saved, side;

		emit(t, set(t, L_D0 + 7, bin(t, op, FD(t, in->rs1), FD(t, in->rs2))));
		/* exact?  Only evaluated while NX is clear: an exact result
		 * raises no flag, an inexact one must set NX (the helper does) */
		saved = aside(t);
		if (in->op == RV_FADD_D || in->op == RV_FSUB_D) {
			emit(t, set(t, L_D0, FD(t, in->rs1)));
			emit(t, set(t, L_D0 + 1, in->op == RV_FSUB_D ? un(t, BinaryenNegFloat64(), FD(t, in->rs2)) : FD(t, in->rs2)));
			two_sum(t, 0, 1, 2, 3, 4);
			emit(t, bin(t, BinaryenEqFloat64(), dget(t, 3), cf64(t, 0)));
		} else {
			/* mul: a*b == D7 exactly; div: D7*b == a exactly */
			int div = in->op == RV_FDIV_D;

			emit(t, set(t, L_D0, div ? dget(t, 7) : FD(t, in->rs1)));
			emit(t, set(t, L_D0 + 1, FD(t, in->rs2)));
			emit(t, set(t, L_D0 + 6, div ? bin(t, BinaryenMulFloat64(), dget(t, 0), dget(t, 1)) : dget(t, 7)));
			emit(t, bin(t, BinaryenOrInt32(), dzero_ok(t, in),
				    and32(t, and32(t, dmid(t, dget(t, 0), dget(t, 0)), dmid(t, dget(t, 1), dget(t, 1))),
					  and32(t, product_exact(t),
						div ? bin(t, BinaryenEqFloat64(), dget(t, 6), FD(t, in->rs1)) : c32(t, 1)))));
		}
		side = back(t, saved);
		/* a zero result is exact when it comes from a zero operand (or,
		 * for add and sub, always): no underflow to hide */
		*canon = nan_only;
		if (!t->e->cp->flags_read) /* only the value counts: right unless NaN */
			*guard = and32(t, near, bin(t, BinaryenEqFloat64(), dget(t, 7), dget(t, 7)));
		else
			*guard = and32(t, and32(t, near, bin(t, BinaryenOrInt32(), dnormal(t, 7),
							    and32(t, bin(t, BinaryenEqFloat64(), dget(t, 7), cf64(t, 0)),
								  in->op == RV_FADD_D || in->op == RV_FSUB_D ? c32(t, 1) : dzero_ok(t, in)))),
				       nx_or(t, &side));
		vfree(&side);
		return fbits(t, dget(t, 7));
	}
	case RV_FSQRT_D:
		emit(t, set(t, L_D0 + 7, un(t, BinaryenSqrtFloat64(), FD(t, in->rs1))));
		*canon = nan_only;
		*guard = and32(t, fcsr_ok(t, rm), t->e->cp->flags_read ? dnormal(t, 7) : bin(t, BinaryenEqFloat64(), dget(t, 7), dget(t, 7)));
		return fbits(t, dget(t, 7));
	case RV_FADD_S: op = BinaryenAddFloat32(); goto arith_s;
	case RV_FSUB_S: op = BinaryenSubFloat32(); goto arith_s;
	case RV_FMUL_S: op = BinaryenMulFloat32(); goto arith_s;
	case RV_FDIV_S: op = BinaryenDivFloat32();
	arith_s:
		emit(t, set(t, L_TMP, sbox(t, bin(t, op, sval(t, a), sval(t, b)))));
		*canon = nan_only;
		*guard = and32(t, and32(t, fcsr_ok(t, rm), single_ok(t)),
			       boxed(t, bin(t, BinaryenAndInt64(), F(t, in->rs1), F(t, in->rs2))));
		return get(t, L_TMP);
	case RV_FSQRT_S:
		emit(t, set(t, L_TMP, sbox(t, un(t, BinaryenSqrtFloat32(), sval(t, a)))));
		*canon = nan_only;
		*guard = and32(t, and32(t, fcsr_ok(t, rm), single_ok(t)), boxed(t, F(t, in->rs1)));
		return get(t, L_TMP);
	case RV_FCVT_S_D:
		emit(t, set(t, L_TMP, sbox(t, un(t, BinaryenDemoteFloat64(), dval(t, a)))));
		*canon = nan_only;
		*guard = and32(t, fcsr_ok(t, rm), single_ok(t));
		return get(t, L_TMP);
	case RV_FCVT_D_L:
		*guard = fcsr_ok(t, rm);
		return fbits(t, un(t, BinaryenConvertSInt64ToFloat64(), X(t, in->rs1)));
	case RV_FMADD_D: goto fma_d;
	case RV_FMSUB_D: neg_c = 1; goto fma_d;
	case RV_FNMSUB_D: neg_a = 1; goto fma_d;
	case RV_FNMADD_D: neg_a = neg_c = 1;
	fma_d: {
		BinaryenExpressionRef near = rne_ok(t, rm);
		BinaryenExpressionRef abc[3] = {neg_a ? un(t, BinaryenNegFloat64(), FD(t, in->rs1)) : FD(t, in->rs1), FD(t, in->rs2),
						neg_c ? un(t, BinaryenNegFloat64(), FD(t, in->rs3)) : FD(t, in->rs3)};
		exprvec saved, side;

		if (!t->e->cp->flags_read) { /* only the value counts: right unless NaN */
			int vreg[3] = {neg_a ? -1 : in->rs1, in->rs2, neg_c ? -1 : in->rs3};

			emit(t, set(t, L_D0, fma_call(t, FMA64_FUNC, abc, vreg, BinaryenSplatVecF64x2(), BinaryenExtractLaneVecF64x2())));
			*canon = nan_only;
			*guard = and32(t, near, bin(t, BinaryenEqFloat64(), dget(t, 0), dget(t, 0)));
			return fbits(t, dget(t, 0));
		}
		for (int k = 0; k < 3; k++)
			emit(t, set(t, L_D0 + k, abc[k]));
		fma_d(t);
		/* exact: the low part was (D4 == 0), and th + v (D1 + D2) was */
		saved = aside(t);
		emit(t, and32(t, bin(t, BinaryenEqFloat64(), dget(t, 4), cf64(t, 0)),
			      bin(t, BinaryenEqFloat64(), sum_err(t, 1, 2, 0, 5), cf64(t, 0))));
		side = back(t, saved);
		/* operands: a or b zero (the product is an exact zero, c any),
		 * else a and b mid-range and c mid-range or zero */
		BinaryenExpressionRef pz = zero_factor(t, L_F + in->rs1, L_F + in->rs2);
		BinaryenExpressionRef mids = fma_mid(t, L_F + in->rs1, L_F + in->rs2, L_F + in->rs3);

		*guard = and32(t, and32(t, and32(t, near, dnormal(t, 0)), nx_or(t, &side)), bin(t, BinaryenOrInt32(), pz, mids));
		vfree(&side);
		return fbits(t, dget(t, 0));
	}
	case RV_FMADD_S: goto fma_s;
	case RV_FMSUB_S: neg_c = 1; goto fma_s;
	case RV_FNMSUB_S: neg_a = 1; goto fma_s;
	case RV_FNMADD_S: neg_a = neg_c = 1;
	fma_s: {
		BinaryenExpressionRef abc[3] = {sval(t, neg_a ? bin(t, BinaryenXorInt64(), a, c64(t, 1ull << 31)) : a), sval(t, b),
						sval(t, neg_c ? bin(t, BinaryenXorInt64(), F(t, in->rs3), c64(t, 1ull << 31)) : F(t, in->rs3))};

		if (!t->e->cp->flags_read) {
			emit(t, set(t, L_TMP, sbox(t, fma_call(t, FMA32_FUNC, abc, NULL, BinaryenSplatVecF32x4(), BinaryenExtractLaneVecF32x4()))));
			*canon = nan_only;
			*guard = and32(t, and32(t, rne_ok(t, rm), single_ok(t)),
				       boxed(t, bin(t, BinaryenAndInt64(), bin(t, BinaryenAndInt64(), F(t, in->rs1), F(t, in->rs2)), F(t, in->rs3))));
			return get(t, L_TMP);
		}
		for (int k = 0; k < 3; k++)
			emit(t, set(t, L_D0 + k, un(t, BinaryenPromoteFloat32(), abc[k])));
		fma_s(t);
		emit(t, set(t, L_TMP, sbox(t, un(t, BinaryenDemoteFloat64(), dget(t, 4)))));
		*guard = and32(t, and32(t, fcsr_ok(t, rm), exp_ok(t, get(t, L_TMP), 23, 0xff)),
			       boxed(t, bin(t, BinaryenAndInt64(), bin(t, BinaryenAndInt64(), F(t, in->rs1), F(t, in->rs2)), F(t, in->rs3))));
		return get(t, L_TMP);
	}
	case RV_FCVT_W_D: case RV_FCVT_L_D: {
		int w = in->op == RV_FCVT_W_D;
		BinaryenExpressionRef x = dval(t, a);

		if (rm != 1 && rm != 0 && rm != 7)
			return NULL;
		if (rm != 1)
			x = un(t, BinaryenNearestFloat64(), x);
		emit(t, set(t, L_D0, x));
		/* in range (NaN fails both), NX set (a fraction is inexact), nearest-even if not rtz */
		BinaryenExpressionRef lo = cf64(t, w ? -2147483648.0 : -9223372036854775808.0);
		BinaryenExpressionRef hi = cf64(t, w ? 2147483648.0 : 9223372036854775808.0);
		BinaryenExpressionRef range = and32(t, bin(t, BinaryenGeFloat64(), dget(t, 0), lo), bin(t, BinaryenLtFloat64(), dget(t, 0), hi));
		*guard = and32(t, range, rm == 1 ? fcsr_ok(t, 0) : fcsr_ok(t, rm));
		/* saturating: never traps, and the guard picks the slow path outside the range */
		if (w)
			return sext32(t, un(t, BinaryenTruncSatSFloat64ToInt32(), dget(t, 0)));
		return un(t, BinaryenTruncSatSFloat64ToInt64(), dget(t, 0));
	}
	default:
		return NULL;
	}
}

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
	case RV_FSGNJ_D: /* fmv.d */
		if (in->rs1 != in->rs2)
			break;
		setFD(t, in->rd, FD(t, in->rs1));
		return;
	default:
		break;
	}
	rd_x = !(rv_writes(in) >> 32);

	int canon;
	BinaryenExpressionRef guard = NULL, fast = fp_fast(t, in, &guard, &canon), r;

	if (fast && !guard) {
		r = fast;
		goto done;
	}
	if (fast && canon) { /* the guard fails only on a NaN result: canonical */
		const char *mn = rv_ops[in->op].mnem; /* fcvt.DEST.SRC, else OP.TYPE */
		int single = (!strncmp(mn, "fcvt.", 5) ? mn[5] : mn[strlen(mn) - 1]) == 's';

		if (single) {
			r = BinaryenSelect(t->m, guard, fast, c64(t, 0xffffffff7fc00000ull), I64);
			goto done;
		}
		if (t->loose) {
			setFD(t, in->rd, dval(t, fast));
			return;
		}
		setFD(t, in->rd, BinaryenSelect(t->m, guard, dval(t, fast),
						BinaryenConst(t->m, BinaryenLiteralFloat64Bits(0x7ff8000000000000ll)), F64));
		return;
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
	args[n++] = rs1_x ? X(t, in->rs1) : F(t, in->rs1);
	if (nsrc > 1)
		args[n++] = F(t, in->rs2);
	if (nsrc > 2)
		args[n++] = F(t, in->rs3);
	if (oi->flags & RV_F_RM)
		args[n++] = c32(t, in->rm); /* 7: the helper reads frm */
	/* the helper may raise SIGILL (a reserved rounding mode): it needs the pc */
	BinaryenExpressionRef slow[2] = {cpu_st(t, RT_CPU_PC, c64(t, in->pc)), call(t, name, args, n, I64)};

	r = BinaryenBlock(t->m, NULL, slow, 2, I64);
	if (fast && !rd_x) { /* choose between doubles: no round trip through bits */
		setFD(t, in->rd, BinaryenIf(t->m, guard, dval(t, fast), dval(t, r)));
		return;
	}
	if (fast)
		r = BinaryenIf(t->m, guard, fast, r);
done:
	if (rd_x)
		setX(t, in->rd, r);
	else
		setF(t, in->rd, r);
}

/*
 * csrrw/csrrs/csrrc (kind 0, 1, 2) of fflags (1), frm (2) or fcsr (3),
 * as rt_csr does them: fcsr is frm << 5 | fflags, a write keeps only the
 * bits a field has.  gcc saves and restores fflags around every quiet
 * comparison (frflags, flt, fsflags): these run in hot loops.
 */
static void fcsr_access(struct tx *t, const struct rv_insn *in, int kind, int write, BinaryenExpressionRef val)
{
	BinaryenModuleRef m = t->m;
	uint32_t csr = (uint32_t)in->imm, base = t->e->cpu;
	BinaryenExpressionRef fl = bin(t, BinaryenAndInt64(), BinaryenLoad(m, 4, 0, base + RT_CPU_FFLAGS, 4, I64, c32(t, 0)), c64(t, 0x1f));
	BinaryenExpressionRef rm = bin(t, BinaryenAndInt64(), BinaryenLoad(m, 4, 0, base + RT_CPU_FRM, 4, I64, c32(t, 0)), c64(t, 7));
	BinaryenExpressionRef old = csr == 1 ? fl : csr == 2 ? rm : bin(t, BinaryenOrInt64(), bin(t, BinaryenShlInt64(), rm, c64(t, 5)), fl);

	emit(t, set(t, L_TMP, old));
	if (write) {
		BinaryenExpressionRef nv = kind == 0   ? val
					   : kind == 1 ? bin(t, BinaryenOrInt64(), get(t, L_TMP), val)
						       : bin(t, BinaryenAndInt64(), get(t, L_TMP), bin(t, BinaryenXorInt64(), val, c64(t, ~0ull)));

		emit(t, set(t, L_TMP2, nv));
		if (csr != 2)
			emit(t, BinaryenStore(m, 4, base + RT_CPU_FFLAGS, 4, c32(t, 0), bin(t, BinaryenAndInt64(), get(t, L_TMP2), c64(t, 0x1f)), I64));
		if (csr != 1)
			emit(t, BinaryenStore(m, 4, base + RT_CPU_FRM, 4, c32(t, 0),
					      bin(t, BinaryenAndInt64(), csr == 3 ? bin(t, BinaryenShrUInt64(), get(t, L_TMP2), c64(t, 5)) : get(t, L_TMP2), c64(t, 7)),
					      I64));
	}
	setX(t, in->rd, get(t, L_TMP));
	t->fok_valid = 0;
}

/* ---- A extension ---- */

/*
 * LR, SC and the AMOs in line when the address is aligned and its page has
 * the permissions the helper would check (read for LR, read and write for
 * the rest); anything else -- a misaligned address (SIGBUS), a fault, an
 * SC whose failure must not touch an unmapped page -- calls rt_amo, which
 * the interpreter shares.  One hart: the reservation is an address that
 * SC, syscalls and signals clear, as in rt/cpu.c.
 */
/* rs2 as an AMO uses it: sign-extended from 32 bits for the .w forms */
static BinaryenExpressionRef amo_src(struct tx *t, const struct rv_insn *in, int w)
{
	return w ? sext32(t, wrap(t, X(t, in->rs2))) : X(t, in->rs2);
}

static void atomic(struct tx *t, const struct rv_insn *in)
{
	BinaryenModuleRef m = t->m;
	int op = in->op, w = rv_ops[op].mnem[strlen(rv_ops[op].mnem) - 1] == 'w';
	int size = w ? 4 : 8, lr = op == RV_LR_W || op == RV_LR_D, sc = op == RV_SC_W || op == RV_SC_D;
	int need = lr ? RT_PG_R : RT_PG_R | RT_PG_W;
	BinaryenExpressionRef ok = and32(t, un(t, BinaryenEqZInt32(), and32(t, wrap(t, get(t, L_ADDR)), c32(t, size - 1))),
				      bin(t, BinaryenEqInt32(), and32(t, page_sat(t, get(t, L_ADDR)), c32(t, need)), c32(t, need)));
	BinaryenExpressionRef p = wrap(t, get(t, L_ADDR));
	BinaryenExpressionRef v = amo_src(t, in, w);
	BinaryenExpressionRef mem = BinaryenLoad(m, size, 1, RT_ARENA_BASE, size, I64, p);
	BinaryenExpressionRef fast, r;
	exprvec saved = aside(t), slow;

	emit(t, cpu_st(t, RT_CPU_PC, c64(t, in->pc)));
	emit(t, set(t, L_TMP, call(t, "rt_amo", (BinaryenExpressionRef[]){c32(t, op), get(t, L_ADDR), X(t, in->rs2)}, 3, I64)));
	slow = back(t, saved);
	saved = aside(t);
	if (lr) {
		emit(t, set(t, L_TMP, mem));
		emit(t, cpu_st(t, RT_CPU_RESERVATION, get(t, L_ADDR)));
	} else if (sc) {
		BinaryenExpressionRef st[2] = {BinaryenStore(m, size, RT_ARENA_BASE, size, wrap(t, get(t, L_ADDR)), X(t, in->rs2), I64),
					       set(t, L_TMP, c64(t, 0))};

		emit(t, BinaryenIf(m, bin(t, BinaryenEqInt64(), cpu_ld(t, RT_CPU_RESERVATION), get(t, L_ADDR)),
				   block(t, st, 2), set(t, L_TMP, c64(t, 1))));
		emit(t, cpu_st(t, RT_CPU_RESERVATION, c64(t, ~0ull)));
	} else {
		BinaryenExpressionRef o = get(t, L_TMP);

		emit(t, set(t, L_TMP, mem));
		switch (op) {
		case RV_AMOSWAP_W: case RV_AMOSWAP_D: r = v; break;
		case RV_AMOADD_W: case RV_AMOADD_D: r = bin(t, BinaryenAddInt64(), o, v); break;
		case RV_AMOXOR_W: case RV_AMOXOR_D: r = bin(t, BinaryenXorInt64(), o, v); break;
		case RV_AMOAND_W: case RV_AMOAND_D: r = bin(t, BinaryenAndInt64(), o, v); break;
		case RV_AMOOR_W: case RV_AMOOR_D: r = bin(t, BinaryenOrInt64(), o, v); break;
		case RV_AMOMIN_W: case RV_AMOMIN_D: case RV_AMOMAX_W: case RV_AMOMAX_D: {
			int min = op == RV_AMOMIN_W || op == RV_AMOMIN_D;

			r = BinaryenSelect(m, bin(t, min ? BinaryenLtSInt64() : BinaryenGtSInt64(), get(t, L_TMP), v),
					   get(t, L_TMP), amo_src(t, in, w), I64);
			break;
		}
		case RV_AMOMINU_W: case RV_AMOMAXU_W: {
			int min = op == RV_AMOMINU_W;

			r = BinaryenSelect(m, bin(t, min ? BinaryenLtUInt32() : BinaryenGtUInt32(), wrap(t, get(t, L_TMP)), wrap(t, X(t, in->rs2))),
					   get(t, L_TMP), X(t, in->rs2), I64);
			break;
		}
		case RV_AMOMINU_D: case RV_AMOMAXU_D: {
			int min = op == RV_AMOMINU_D;

			r = BinaryenSelect(m, bin(t, min ? BinaryenLtUInt64() : BinaryenGtUInt64(), get(t, L_TMP), X(t, in->rs2)),
					   get(t, L_TMP), X(t, in->rs2), I64);
			break;
		}
		default:
			die("not an AMO: %s", rv_ops[op].mnem);
		}
		emit(t, BinaryenStore(m, size, RT_ARENA_BASE, size, wrap(t, get(t, L_ADDR)), r, I64));
	}
	exprvec body = back(t, saved);

	fast = block(t, body.v, body.n);
	emit(t, set(t, L_ADDR, X(t, in->rs1)));
	emit(t, BinaryenIf(m, ok, fast, block(t, slow.v, slow.n)));
	vfree(&body);
	vfree(&slow);
	setX(t, in->rd, get(t, L_TMP));
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

		if (in->imm >= 1 && in->imm <= 3) { /* fflags, frm, fcsr: in line */
			fcsr_access(t, in, kind, write, args[2]);
			break;
		}
		/* rt_csr may raise SIGILL: it needs the pc */
		emit(t, cpu_st(t, RT_CPU_PC, c64(t, in->pc)));
		if (in->imm >= 0xC00 && in->imm <= 0xC02) /* the counters count what ran so far */
			flush_count(t);
		setX(t, in->rd, call(t, "rt_csr", args, 4, I64));
		t->fok_valid = 0;
		break;
	}
	case RV_JAL: /* inside a block only where cfg_inline joined a call to its copy */
		setX(t, in->rd, c64(t, in->pc + in->len));
		break;
	case RV_JALR: /* inside a block only as an inlined return proven to come back */
		if (in->rd)
			die("jalr with a link inside a block at %#llx", (unsigned long long)in->pc);
		break;
	default:
		if (rv_ops[in->op].flags & RV_F_ATOMIC) {
			atomic(t, in);
			break;
		}
		if (rv_ops[in->op].flags & RV_F_FP) {
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
 * control came back to `ret`.  A callee nested too deep returns at once
 * with rt_cpu.pc naming the target (see build_function; a direct callee
 * stores its own start, the other ways in find the target there), and the
 * unwinding brings the dispatcher to it.  A tail call (`tail`) returns
 * right after the callee: our caller does the check.
 */
static void guest_call(struct tx *t, uint64_t dirty, uint64_t live_after, int callee,
		       uint64_t target_const, int dynamic, uint64_t ret, int tail)
{
	BinaryenModuleRef m = t->m;

	spill(t, dirty);
	if (callee < 0)
		emit(t, cpu_st(t, RT_CPU_PC, dynamic ? get(t, L_NEXT) : c64(t, target_const)));
	if (callee >= 0) {
		emit(t, BinaryenCall(m, t->e->fname[callee], (BinaryenExpressionRef[]){c32(t, 0), deeper(t)}, 2, NONE));
	} else if (!dynamic) {
		emit(t, call(t, "rt_run_one", (BinaryenExpressionRef[]){deeper(t)}, 1, NONE));
	} else {
		/* the call cache first (rt.h, rt_icache): a hit calls the entry */
		BinaryenExpressionRef slot = bin(t, BinaryenShlInt32(), bin(t, BinaryenAndInt32(), wrap(t, bin(t, BinaryenShrUInt64(), get(t, L_NEXT), c64(t, 1))),
								       c32(t, RT_ICACHE - 1)), c32(t, 3));
		BinaryenExpressionRef args[2] = {bin(t, BinaryenAndInt32(), wrap(t, get(t, L_TMP)), c32(t, (1u << RT_ICACHE_EBITS) - 1)), deeper(t)};
		BinaryenExpressionRef hit = BinaryenCallIndirect(m, TX_TABLE, bin(t, BinaryenShrUInt32(), wrap(t, get(t, L_TMP)), c32(t, RT_ICACHE_EBITS)),
								 args, 2, t->e->tx_params, NONE);

		emit(t, set(t, L_TMP, BinaryenLoad(m, 8, 0, t->e->icache, 8, I64, slot)));
		emit(t, BinaryenIf(m, bin(t, BinaryenEqInt64(), bin(t, BinaryenShrUInt64(), get(t, L_TMP), c64(t, 32)),
					  bin(t, BinaryenOrInt64(), get(t, L_NEXT), c64(t, 1))),
				   hit, call(t, "rt_run_one", (BinaryenExpressionRef[]){deeper(t)}, 1, NONE)));
	}
	if (tail) {
		emit(t, leave(t));
		return;
	}
	reload(t, live_after);
	forget_spans(t);
	emit(t, BinaryenIf(m, bin(t, BinaryenNeInt64(), cpu_ld(t, RT_CPU_PC), c64(t, ret)),
			   leave(t), NULL));
}

/*
 * What a block does, once instructions the translator leaves to the
 * interpreter have cut it short: `nbody` instructions translated in line,
 * then the terminator `term` (carried out by `last`, when it is an
 * instruction: branch, jal, jalr, ecall, fence.i).
 */
/* The bytes a group of accesses touches, as offsets from its base
 * register's value at the group's first access, and the permissions it
 * needs (RT_PG_R, RT_PG_W). */
struct window {
	int64_t lo, hi;
	int perm;
};

struct plan {
	int term;
	uint32_t nbody;
	const struct rv_insn *last;
	uint64_t end;     /* pc after the block */
	uint64_t exit_pc; /* static exit target when last == NULL */
	int8_t *grp;      /* per body insn: see mem_groups() */
	struct window *win; /* per body insn: at a group's first access, the group's window */
	int gexit;        /* some group check may leave for the interpreter */
	uint8_t *cov;     /* per body insn: its access is covered by the countdown */
	int safe;         /* the block's countdown (L_SAFE + safe), or -1 */
	int ahead;        /* it counts the iterations ahead (see countdown) */
	int ncov;
	struct cover {    /* accesses the countdown covers: */
		int r, r2;      /* through x[r] (+ x[r2]) as at the block's start, */
		int perm;
		int64_t lo, hi; /* within this window of it */
		int64_t step;   /* which moves by this much an iteration */
	} cv[NCOVER];
	int8_t *spn;      /* per body insn: its access's span cache, or -1 */
	uint8_t *loose;   /* per body insn: see plan_loose() */
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

/* The instructions one run of the block retires in translated code: what
 * L_CNT counts, and what a countdown charges ahead and gives back. */
static uint64_t retired(const struct plan *p) { return p->nbody + !!p->last; }

static BinaryenExpressionRef jalr_target(struct tx *t, const struct rv_insn *in)
{
	return bin(t, BinaryenAndInt64(), bin(t, BinaryenAddInt64(), X(t, in->rs1), c64(t, in->imm)),
		   c64(t, ~1ull));
}

static int ends_clean(int term) { return term == CFG_CALL || term == CFG_ICALL || term == CFG_ECALL; }

/* A table jump's target in L_NEXT, as br_table keys it: whether it lies
 * within the span of the targets b->table lists, and (target - lowest) / 2. */
static BinaryenExpressionRef target_in_span(struct tx *t, const struct cfg_block *b)
{
	uint64_t lo = b->table[0], span = b->table[b->ntable - 1] - lo;

	return bin(t, BinaryenLeUInt64(), bin(t, BinaryenSubInt64(), get(t, L_NEXT), c64(t, lo)), c64(t, span));
}
static BinaryenExpressionRef target_index(struct tx *t, const struct cfg_block *b)
{
	return wrap(t, bin(t, BinaryenShrUInt64(), bin(t, BinaryenSubInt64(), get(t, L_NEXT), c64(t, b->table[0])), c64(t, 1)));
}

/*
 * A table jump whose table the block reads itself (struct cfg_jtab):
 *     l[wd|w|wu] rT, off(rA); [add rJ, rT, rB;] jalr x0, 0(rJ)
 * While rt_cpu.ro_same says the image's read-only segments are as the
 * file had them, entry i still holds what rv2wasm read, so when
 * rA + off is entry i's address (and rB the base the entries are relative
 * to), the block switches on i at once: case i sets rT and rJ to the
 * entry and its target, no load, no page check, no address arithmetic.
 * Otherwise the statements from the load on (`slow`, built aside by the
 * caller) run as they would without the table, and the case is njt +
 * (target - lowest) / 2; a target that is odd, unknown, or reached with
 * another base leaves through the default.  Both ways share the cases'
 * code, which sets what the slow way computed anyway.
 */
static void direct_dispatch(struct tx *t, const struct cfg_func *fn, const struct cfg_block *b,
			    const struct plan *p, uint32_t kld, exprvec before)
{
	const struct cfg_jtab *jt = b->jt;
	const struct rv_insn *ld = &fn->insns[b->first + kld], *jr = p->last;
	int sh = ld->op == RV_LD ? 3 : 2, rb = jt->rb;
	BinaryenModuleRef m = t->m;
	exprvec fast, slow;

	/* t->s holds the slow way so far (aside): it ends in its target's case */
	BinaryenExpressionRef ok = bin(t, BinaryenAndInt32(), target_in_span(t, b),
				       un(t, BinaryenEqZInt64(), bin(t, BinaryenAndInt64(), X(t, jr->rs1), c64(t, 1))));

	if (rb)
		ok = bin(t, BinaryenAndInt32(), ok, bin(t, BinaryenEqInt64(), X(t, rb), c64(t, jt->base)));
	emit(t, set(t, L_SEL, BinaryenSelect(m, ok, bin(t, BinaryenAddInt32(), target_index(t, b), c32(t, jt->n)),
					     c32(t, 0xffffffffu), I32)));
	slow = back(t, before);

	/* the fast way: i = (rA + off - table) rotated right by log2(width), which
	 * is below njt only for an entry's address */
	emit(t, set(t, L_TMP, bin(t, BinaryenRotRInt64(), bin(t, BinaryenSubInt64(), bin(t, BinaryenAddInt64(), X(t, ld->rs1), c64(t, ld->imm)), c64(t, jt->addr)), c64(t, sh))));
	BinaryenExpressionRef fastok = bin(t, BinaryenAndInt32(), bin(t, BinaryenLtUInt64(), get(t, L_TMP), c64(t, jt->n)),
					   wrap(t, cpu_ld(t, RT_CPU_RO_SAME)));

	if (rb)
		fastok = bin(t, BinaryenAndInt32(), fastok, bin(t, BinaryenEqInt64(), X(t, rb), c64(t, jt->base)));
	/* the arithmetic scheduled among the load, the add and the jump
	 * runs both ways (cfg.c, direct_table: it touches none of theirs) */
	exprvec outer = aside(t);

	emit(t, set(t, L_SEL, wrap(t, get(t, L_TMP))));
	for (const struct rv_insn *in = ld + 1; in < jr; in++)
		if (!rb || in->rd != jr->rs1) /* not the add: nothing else writes rJ */
			insn(t, in);
	fast = back(t, outer);
	emit(t, BinaryenIf(m, fastok, block(t, fast.v, fast.n), block(t, slow.v, slow.n)));
	vfree(&fast);
	vfree(&slow);
}

/* The case of target k of a direct_dispatch block: its entries' indices
 * and the slow way's, with rT and rJ set as the jump left them. */
static void direct_case(struct tx *t, const struct cfg_block *b, const struct plan *p, const struct cfg_jtab *jt,
			uint32_t k, RelooperBlockRef from, RelooperBlockRef to)
{
	uint64_t target = b->table[k], lo = b->table[0];
	const struct rv_insn *jr = p->last, *ld = jr - (jt->tail - 1);
	BinaryenIndex *ix = xmalloc((jt->n + 1) * sizeof *ix);
	BinaryenExpressionRef code[2];
	BinaryenIndex n = 0;
	int nc = 0;

	for (uint32_t e = 0; e < jt->n; e++)
		if (jt->to[e] == target)
			ix[n++] = e;
	ix[n++] = jt->n + (BinaryenIndex)((target - lo) / 2);
	code[nc++] = set(t, L_X + ld->rd, c64(t, jt->rb ? target - jt->base : target));
	if (jt->rb)
		code[nc++] = set(t, L_X + jr->rs1, c64(t, target));
	RelooperAddBranchForSwitch(from, to, ix, n, block(t, code, nc));
	free(ix);
}

/*
 * Guest liveness (backward): registers the guest program may read before
 * writing them, from a point on.  A side exit that hands the block to the
 * interpreter or the dispatcher at pc X (a group or countdown check that
 * failed, a spent loop budget) need only spill the dirty registers live
 * at X: the guest runs on from X and writes the others before it reads
 * them.  Without this, every value a loop computes stayed live around the
 * back edge for the exits at its header, one more value for TurboFan to
 * keep in a register or spill.  Anything that leaves the function (calls,
 * returns, syscalls, jumps through registers, code we do not translate)
 * may read every register, so nothing is assumed of the calling
 * convention.  gin[bi] and gout[bi] are what is live before block bi's
 * first instruction and after its last.
 */
#define ALL_REGS (~1ull) /* x1-x31, f0-f31 */

static uint64_t glive_step(const struct rv_insn *in, uint64_t after)
{
	return rv_reads(in) | (after & ~rv_writes(in));
}

/* Live before body insn k of block bi (k == nbody: before its last). */
static uint64_t glive_at(const struct cfg_func *fn, const struct plan *p, const struct cfg_block *b,
			 const uint64_t *gout, size_t bi, uint32_t k)
{
	uint64_t g = gout[bi];

	if (p->last)
		g = glive_step(p->last, g);
	for (uint32_t j = p->nbody; j-- > k;)
		g = glive_step(&fn->insns[b->first + j], g);
	return g;
}

static void glive_sets(const struct cfg_func *fn, const struct plan *pl, uint64_t *gin, uint64_t *gout)
{
	int changed = 1;

	while (changed) {
		changed = 0;
		for (size_t bi = fn->nblocks; bi-- > 0;) {
			const struct cfg_block *b = &fn->blocks[bi];
			uint64_t out;

			switch (pl[bi].term) {
			case CFG_BRANCH:
				out = gin[b->succ] | (b->fall >= 0 ? gin[b->fall] : ALL_REGS);
				break;
			case CFG_FALL:
				out = b->fall >= 0 ? gin[b->fall] : ALL_REGS;
				break;
			case CFG_JUMP:
				out = gin[b->succ];
				break;
			default: /* leaves the function, or may */
				out = ALL_REGS;
				break;
			}
			gout[bi] = out;
			uint64_t in = glive_at(fn, &pl[bi], b, gout, bi, 0);

			if ((gin[bi] | in) != gin[bi]) {
				gin[bi] |= in;
				changed = 1;
			}
		}
	}
}

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
static void regsets(const struct cfg_func *fn, const struct plan *pl, const uint64_t *gin, uint64_t *din,
		    uint64_t *defs, uint64_t *live)
{
	uint64_t *use = xcalloc(fn->nblocks, sizeof *use);
	int changed = 1;

	for (size_t bi = 0; bi < fn->nblocks; bi++) {
		const struct cfg_block *b = &fn->blocks[bi];
		uint64_t d = 0, u = 0;

		for (uint32_t k = 0; k < pl[bi].nbody; k++) {
			const struct rv_insn *in = &fn->insns[b->first + k];

			u |= rv_reads(in) & ~d;
			d |= rv_writes(in);
		}
		if (pl[bi].last) {
			u |= rv_reads(pl[bi].last) & ~d;
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

			if (pl[bi].gexit) /* a group check may spill mid-block what is dirty and live */
				in |= din[bi] & gin[bi];

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

/* A way out from inside a block, built aside: spill `dirty`, leave with
 * rt_cpu.pc = pc, after interpreting from there when `interp`. */
static BinaryenExpressionRef side_exit(struct tx *t, uint64_t dirty, uint64_t pc, int interp)
{
	exprvec saved = aside(t), side;

	spill(t, dirty);
	emit(t, cpu_st(t, RT_CPU_PC, c64(t, pc)));
	if (interp)
		emit(t, call(t, "rt_interp_run", NULL, 0, NONE));
	emit(t, leave(t));
	side = back(t, saved);
	BinaryenExpressionRef out = block(t, side.v, side.n);

	vfree(&side);
	return out;
}

/* Bytes and direction of a plain load or store, or 0. */
static int access_size(const struct rv_insn *in, int *is_store)
{
	*is_store = 0;
	switch (in->op) {
	case RV_LB: case RV_LBU: return 1;
	case RV_LH: case RV_LHU: return 2;
	case RV_LW: case RV_LWU: case RV_FLW: return 4;
	case RV_LD: case RV_FLD: return 8;
	case RV_SB: *is_store = 1; return 1;
	case RV_SH: *is_store = 1; return 2;
	case RV_SW: case RV_FSW: *is_store = 1; return 4;
	case RV_SD: case RV_FSD: *is_store = 1; return 8;
	default: return 0;
	}
}

/*
 * Accesses of a block through the same base register, with no write to it
 * in between other than addi stepping it, within one 4 KiB window, share
 * one check: at the first of them, both ends of the window are checked (so
 * two pages at most) for the permissions all of them need.  grp[k] is 1 at
 * such a group's first access (win[k] is its window), 2 at the others, 0
 * where an access checks itself.  When a group check fails the block
 * leaves for the interpreter at the first access, which then faults
 * exactly where the program does.
 */
static void mem_groups(const struct cfg_func *fn, const struct cfg_block *b, struct plan *p)
{
	int open[32]; /* open group's first insn per base register, or -1 */
	int64_t delta[32]; /* addi's to the base since the group's first access */

	p->grp = xcalloc(p->nbody ? p->nbody : 1, 1);
	p->win = xcalloc(p->nbody ? p->nbody : 1, sizeof *p->win);
	for (int r = 0; r < 32; r++)
		open[r] = -1;
	for (uint32_t k = 0; k < p->nbody; k++) {
		const struct rv_insn *in = &fn->insns[b->first + k];
		int st, size = access_size(in, &st), r = in->rs1;

		if (size && r) {
			int g = open[r];
			int64_t l = in->imm + (g >= 0 ? delta[r] : 0), h = l + size;
			struct window *w = g >= 0 ? &p->win[g] : NULL;

			if (w && (h > w->hi ? h : w->hi) - (l < w->lo ? l : w->lo) <= RT_PAGE) {
				p->grp[k] = 2;
				p->grp[g] = 1;
				p->gexit = 1;
				w->lo = l < w->lo ? l : w->lo;
				w->hi = h > w->hi ? h : w->hi;
				w->perm |= st ? RT_PG_W : RT_PG_R;
			} else {
				open[r] = (int)k;
				delta[r] = 0;
				p->win[k] = (struct window){in->imm, in->imm + size, st ? RT_PG_W : RT_PG_R};
			}
		}
		/* a pointer stepped by addi keeps its group */
		if (in->op == RV_ADDI && in->rd == in->rs1 && in->rd && open[in->rd] >= 0) {
			delta[in->rd] += in->imm;
			continue;
		}
		uint64_t w = rv_writes(in);

		for (int q = 1; q < 32; q++)
			if (w >> q & 1)
				open[q] = -1;
	}
}

/* Whether the `len` bytes from L_ADDR are not all below the top of the
 * arena on pages with `perm` (two pages at most: len <= RT_PAGE); L_TMP
 * is the last byte.  An end that wrapped is caught by being below the
 * start, one beyond the arena by page_sat. */
static BinaryenExpressionRef window_bad(struct tx *t, int64_t len, int perm)
{
	BinaryenExpressionRef page_bad[2];

	emit(t, set(t, L_TMP, bin(t, BinaryenAddInt64(), get(t, L_ADDR), c64(t, (uint64_t)(len - 1)))));
	for (int i = 0; i < 2; i++)
		page_bad[i] = bin(t, BinaryenNeInt32(),
				  bin(t, BinaryenAndInt32(), page_sat(t, get(t, i ? L_TMP : L_ADDR)), c32(t, perm)),
				  c32(t, perm));
	return bin(t, BinaryenOrInt32(), bin(t, BinaryenGtUInt64(), get(t, L_ADDR), get(t, L_TMP)),
		   bin(t, BinaryenOrInt32(), page_bad[0], page_bad[1]));
}

/* The check of the group starting at body insn k: its window's ends and
 * permissions; on failure spill, and interpret from the first access. */
static void group_check(struct tx *t, const struct cfg_func *fn, const struct cfg_block *b, const struct plan *p,
			uint32_t k, uint64_t dirty, uint64_t glive)
{
	const struct rv_insn *first = &fn->insns[b->first + k];
	int c = p->spn[k]; /* its span cache */
	exprvec saved;

	emit(t, set(t, L_ADDR, bin(t, BinaryenAddInt64(), X(t, first->rs1), c64(t, (uint64_t)p->win[k].lo))));
	saved = aside(t);
	BinaryenExpressionRef bad = window_bad(t, p->win[k].hi - p->win[k].lo, p->win[k].perm);

	emit(t, BinaryenIf(t->m, bad, side_exit(t, dirty & glive, first->pc, 1), NULL));
	exprvec slow = back(t, saved);
	BinaryenExpressionRef check = block(t, slow.v, slow.n);

	vfree(&slow);
	emit(t, c >= 0 ? span_check(t, c, check) : check);
}

/*
 * Whether rd = f(sources) moves by a constant step per iteration when its
 * sources do: then a base register computed by it walks through memory,
 * and a span cache pays.  Loads, masks, products do not walk.
 */
static int walks(const struct rv_insn *in)
{
	switch (in->op) {
	case RV_ADDI: case RV_ADDIW: case RV_ADD: case RV_ADDW: case RV_SUB: case RV_SUBW:
	case RV_SLLI: case RV_SLLIW: case RV_SLLI_UW: case RV_ADD_UW:
	case RV_SH1ADD: case RV_SH2ADD: case RV_SH3ADD:
	case RV_SH1ADD_UW: case RV_SH2ADD_UW: case RV_SH3ADD_UW:
	case RV_LUI: case RV_AUIPC:
		return 1;
	default:
		return 0;
	}
}

/* The k-th flow successor of block bi as translated (p->term), leaving
 * out the returns from calls; as cfg.c's succ_at: -1 past the last, -2
 * for one that is not a block. */
static int succ_of(const struct cfg_func *fn, const struct plan *p, size_t bi, uint32_t k)
{
	const struct cfg_block *b = &fn->blocks[bi];
	int t = p->term, s;
	uint32_t n = t == CFG_BRANCH ? 2 : t == CFG_JUMP || t == CFG_FALL ? 1 : t == CFG_IJUMP ? b->ntable : 0;

	if (k >= n)
		return -1;
	s = t == CFG_IJUMP ? b->table_blk[k] : k == 0 && t != CFG_FALL ? b->succ : b->fall;
	return s >= 0 ? s : -2;
}

/*
 * Blocks on a cycle of the function's flow, by Tarjan's strongly connected
 * components.  Edges out of calls do not count: a call forgets the span
 * caches, so a loop through one refills them every time round.
 */
static uint8_t *loop_blocks(const struct cfg_func *fn, const struct plan *pl)
{
	size_t n = fn->nblocks, cap = n ? n : 1, top = 0, nst = 0;
	int idx = 0;
	uint8_t *in = xcalloc(cap, 1), *on = xcalloc(cap, 1);
	int *num = xcalloc(cap, sizeof *num), *low = xcalloc(cap, sizeof *low);
	size_t *st = xcalloc(cap, sizeof *st), *dfs = xcalloc(cap, sizeof *dfs);
	uint32_t *edge = xcalloc(cap, sizeof *edge); /* next successor to visit */

	for (size_t r = 0; r < n; r++) {
		if (num[r])
			continue;
		dfs[top++] = r;
		num[r] = low[r] = ++idx;
		st[nst++] = r;
		on[r] = 1;
		while (top) {
			size_t v = dfs[top - 1];
			int w = succ_of(fn, &pl[v], v, edge[v]);

			if (w != -1) {
				edge[v]++;
				if (w < 0)
					continue;
				if (!num[w]) {
					num[w] = low[w] = ++idx;
					st[nst++] = (size_t)w;
					on[w] = 1;
					dfs[top++] = (size_t)w;
				} else if (on[w] && num[w] < low[v]) {
					low[v] = num[w];
				}
				if (w == (int)v)
					in[v] = 1;
				continue;
			}
			top--;
			if (top && low[v] < low[dfs[top - 1]])
				low[dfs[top - 1]] = low[v];
			if (low[v] == num[v]) { /* v roots a component */
				size_t first = nst;

				do
					on[st[--first]] = 0;
				while (st[first] != v);
				if (nst - first > 1)
					for (size_t i = first; i < nst; i++)
						in[st[i]] = 1;
				nst = first;
			}
		}
	}
	free(on);
	free(num);
	free(low);
	free(st);
	free(dfs);
	free(edge);
	return in;
}

/*
 * The span caches of block bi (see span_check), when it is on a loop.
 * A cache belongs to a value of a base register: a write to the register
 * starts a new value, except addi stepping it, so `a3 = a5 + a0` twice in
 * a block (two rows of a stencil) gets two caches.  Only registers whose
 * every write in the block walks (walks(), from walking or loop-invariant
 * sources) get caches.  A cache is one of NSPAN slots of the function,
 * keyed by register, permissions and the value's rank in its block, so
 * that the blocks of one loop reaching through the same register (the
 * handlers of an interpreter popping its stack) share one; its window is
 * the widest of theirs.  Any hit is sound whatever value filled the slot:
 * the key only decides which accesses are likely to hit together.
 */
static void plan_spans(struct tx *t, const struct cfg_func *fn, size_t bi, struct plan *p)
{
	const struct cfg_block *b = &fn->blocks[bi];
	uint32_t varying = 0, wild = 0, grew;
	int cur[32], nver = 0, rank[32] = {0};
	struct { uint8_t need; uint32_t w, key; } *ver;

	for (uint32_t k = 0; k < p->nbody; k++)
		varying |= (uint32_t)rv_writes(&fn->insns[b->first + k]);
	do { /* a register is wild when a write to it does not walk */
		grew = 0;
		for (uint32_t k = 0; k < p->nbody; k++) {
			const struct rv_insn *in = &fn->insns[b->first + k];
			uint32_t w = (uint32_t)rv_writes(in), src = (uint32_t)rv_reads(in);
			int st, still = src && !(src & varying) && !access_size(in, &st); /* loop-invariant */

			if (w & ~wild && (src & wild || !(walks(in) || still))) {
				wild |= w;
				grew = 1;
			}
		}
	} while (grew);
	ver = xcalloc(p->nbody ? p->nbody : 1, sizeof *ver);
	for (int r = 0; r < 32; r++)
		cur[r] = -1;
	for (uint32_t k = 0; k < p->nbody; k++) {
		const struct rv_insn *in = &fn->insns[b->first + k];
		int st, size = access_size(in, &st), r = in->rs1;

		if (size && r && p->grp[k] != 2 && !p->cov[k] && !(wild >> r & 1)) {
			uint32_t wk = p->grp[k] == 1 ? (uint32_t)(p->win[k].hi - p->win[k].lo) : (uint32_t)size;

			if (cur[r] < 0) {
				ver[cur[r] = nver++] = (typeof(*ver)){0, 0, (uint32_t)r | (uint32_t)rank[r] << 5};
				rank[r]++;
			}
			ver[cur[r]].need |= st ? RT_PG_W : RT_PG_R;
			if (wk > ver[cur[r]].w)
				ver[cur[r]].w = wk;
			p->spn[k] = (int8_t)cur[r];
		}
		if (!(in->op == RV_ADDI && in->rd == in->rs1))
			for (int q = 1; q < 32; q++)
				if (rv_writes(in) >> q & 1)
					cur[q] = -1;
	}
	int slot[nver ? nver : 1];

	for (int v = 0; v < nver; v++) {
		uint32_t key = ver[v].key | (uint32_t)ver[v].need << 16;
		int c = 0;

		while (c < t->nspan && t->span_key[c] != key)
			c++;
		if (c == t->nspan && t->nspan < NSPAN) {
			t->span_key[t->nspan] = key;
			t->span_perm[t->nspan] = ver[v].need;
			t->span_w[t->nspan++] = 0;
		}
		slot[v] = c < t->nspan ? c : -1;
		if (slot[v] >= 0 && ver[v].w > t->span_w[c])
			t->span_w[c] = ver[v].w;
	}
	for (uint32_t k = 0; k < p->nbody; k++)
		if (p->spn[k] >= 0)
			p->spn[k] = (int8_t)slot[p->spn[k]];
	free(ver);
}

/* Plans the span caches of every block: blocks that loop to themselves
 * first (the innermost loops, where caches pay most), then the rest of
 * the loops, while slots last. */
static void plan_all_spans(struct tx *t, const struct cfg_func *fn, struct plan *pl)
{
	uint8_t *in = loop_blocks(fn, pl);

	for (size_t bi = 0; bi < fn->nblocks; bi++) {
		pl[bi].spn = xcalloc(pl[bi].nbody ? pl[bi].nbody : 1, 1);
		memset(pl[bi].spn, -1, pl[bi].nbody ? pl[bi].nbody : 1);
	}
	for (int pass = 0; pass < 2; pass++)
		for (size_t bi = 0; bi < fn->nblocks; bi++) {
			int self = (pl[bi].term == CFG_BRANCH || pl[bi].term == CFG_JUMP) &&
				   fn->blocks[bi].succ == (int)bi;

			if (in[bi] && self == !pass)
				plan_spans(t, fn, bi, &pl[bi]);
		}
	free(in);
}

/*
 * Whether `in` reads its double operands only as numbers: any NaN in
 * gives the same result whatever its payload (a NaN out, canonical once
 * it is stored or moved; false from a comparison; the saturated integer
 * from a conversion).  Bit moves, stores and single-precision reads see
 * the bits.
 */
static int nan_blind(const struct rv_insn *in)
{
	switch (in->op) {
	case RV_FADD_D: case RV_FSUB_D: case RV_FMUL_D: case RV_FDIV_D: case RV_FSQRT_D:
	case RV_FMADD_D: case RV_FMSUB_D: case RV_FNMADD_D: case RV_FNMSUB_D:
	case RV_FEQ_D: case RV_FLT_D: case RV_FLE_D: case RV_FMIN_D: case RV_FMAX_D:
	case RV_FCVT_W_D: case RV_FCVT_WU_D: case RV_FCVT_L_D: case RV_FCVT_LU_D: case RV_FCVT_S_D:
		return 1;
	default:
		return 0;
	}
}

/*
 * A double result that is NaN must hold the canonical NaN (Wasm makes
 * any), which costs a compare and a select on the value's dependency
 * chain.  loose[k] says body insn k's result need not: nothing sees its
 * bits before it dies, it is only read by nan_blind instructions.  Which
 * f registers someone may see is a backward dataflow over the function
 * (fseen_end); within a block, fmv.d passes its destination's need on to
 * its source.  A side exit mid-block hands the registers to the
 * interpreter, which follows the same paths with the same instructions.
 * Returns the registers seen at the block's entry; fills loose when
 * asked.
 */
static uint32_t fseen_block(const struct cfg_func *fn, size_t bi, const struct plan *p, uint32_t seen,
			    uint8_t *loose)
{
	const struct cfg_block *b = &fn->blocks[bi];

	if (p->last)
		seen |= (uint32_t)(rv_reads(p->last) >> 32);
	for (uint32_t k = p->nbody; k-- > 0;) {
		const struct rv_insn *in = &fn->insns[b->first + k];
		uint32_t src = (uint32_t)(rv_reads(in) >> 32), was = 0;

		if (rv_writes(in) >> 32) {
			was = seen >> in->rd & 1;
			if (loose)
				loose[k] = !was;
			seen &= ~(1u << in->rd);
		}
		if (in->op == RV_FSGNJ_D && in->rs1 == in->rs2)
			seen |= was << in->rs1;
		else if (!nan_blind(in))
			seen |= src;
	}
	return seen;
}

/*
 * The f registers someone may see after block bi, given what each block
 * sees at entry (in).  Calls, returns and tail calls trust the calling
 * convention, as compiler/cfg/fenv.c does: a callee sees fa0-fa7 and
 * fs0-fs11 (its caller's, when it returns), a caller fa0-fa1 returned.
 * Whatever is seen after a call was seen before it: gcc's -fipa-ra keeps
 * values in temporaries across calls of functions that leave them alone.
 * Anything else leaving the function sees everything.
 */
enum {
	F_ARGS = 0xffu << 10,                 /* fa0-fa7 */
	F_RETS = 0x3u << 10,                  /* fa0-fa1 */
	F_SAVED = 0x3u << 8 | 0x3ffu << 18,   /* fs0-fs1, fs2-fs11 */
};

static uint32_t fseen_end(const struct cfg_block *b, const struct plan *p, const uint32_t *in)
{
	uint32_t end = 0;

	switch (p->term) {
	case CFG_BRANCH:
		end = in[b->succ];
		/* fallthrough */
	case CFG_FALL:
		return end | (b->fall >= 0 ? in[b->fall] : ~0u);
	case CFG_JUMP:
		return in[b->succ];
	case CFG_IJUMP:
		for (uint32_t k = 0; k < b->ntable; k++)
			end |= in[b->table_blk[k]];
		/* an inlined return leaves, if ra changed, as a return does */
		return end | (b->iret ? F_RETS | F_SAVED : 0);
	case CFG_CALL:
	case CFG_ICALL:
		return F_ARGS | (b->fall >= 0 ? in[b->fall] : ~0u);
	case CFG_RET:
		return F_RETS | F_SAVED;
	case CFG_TAIL:
		return F_ARGS | F_SAVED;
	default:
		return ~0u;
	}
}

static void plan_loose(const struct cfg_func *fn, struct plan *pl)
{
	uint32_t *in = xcalloc(fn->nblocks, sizeof *in);
	int changed = 1;

	while (changed) {
		changed = 0;
		for (size_t bi = fn->nblocks; bi-- > 0;) {
			uint32_t s = fseen_block(fn, bi, &pl[bi], fseen_end(&fn->blocks[bi], &pl[bi], in), NULL);

			if ((in[bi] | s) != in[bi]) {
				in[bi] |= s;
				changed = 1;
			}
		}
	}
	for (size_t bi = 0; bi < fn->nblocks; bi++) {
		pl[bi].loose = xcalloc(pl[bi].nbody ? pl[bi].nbody : 1, 1);
		fseen_block(fn, bi, &pl[bi], fseen_end(&fn->blocks[bi], &pl[bi], in), pl[bi].loose);
	}
	free(in);
}

/*
 * A register as the countdown sees it: x[r1] + x[r2] as at the block's
 * start, plus some d in [lo, hi].  r1 = r2 = 0 is a plain range: a mask,
 * a zero-extending load, a right shift or a constant, so that a table
 * indexed by it (crc_table[(c ^ *p) & 0xff], K[i & 63]) is a window
 * around the table's base.  The ranges stay within +-2^40, so no sum of
 * two of them overflows.
 */
struct form {
	int known, r1, r2;
	int64_t lo, hi;
};

#define FORM_LIM ((int64_t)1 << 40)

static struct form form_range(int64_t lo, int64_t hi)
{
	int ok = lo >= -FORM_LIM && hi <= FORM_LIM && lo <= hi;

	return (struct form){ok, 0, 0, lo, hi};
}

static int form_abs(struct form f) { return f.known && !f.r1 && !f.r2; }

/* x + y; one of them a plain range, or x's r1 with y's r1 the loop does
 * not write (`written`) as the second register */
static struct form form_add(struct form x, struct form y, uint32_t written)
{
	struct form t, r;

	if (!x.known || !y.known)
		return (struct form){0};
	if (form_abs(x) || (!form_abs(y) && written >> y.r1 & 1))
		t = x, x = y, y = t; /* y: the plain range, or the unwritten register */
	if (!form_abs(y) && (x.r2 || y.r2 || written >> y.r1 & 1))
		return (struct form){0};
	r = form_range(x.lo + y.lo, x.hi + y.hi);
	r.r1 = x.r1, r.r2 = form_abs(y) ? x.r2 : y.r1;
	return r;
}

/* x << sh, for a plain range of non-negative values */
static struct form form_shl(struct form x, int sh)
{
	if (!form_abs(x) || x.lo < 0 || x.hi > FORM_LIM >> sh)
		return (struct form){0};
	return form_range(x.lo << sh, x.hi << sh);
}

/* What rd holds after `in`, from the forms of its sources. */
static struct form form_of(const struct rv_insn *in, const struct form *f, uint32_t written)
{
	struct form a = f[in->rs1], z = f[in->rs2];
	int sh = in->imm & 63;

	switch (in->op) {
	case RV_ADDI: return form_add(a, form_range(in->imm, in->imm), written);
	case RV_ADD: return form_add(a, z, written);
	case RV_SH1ADD: return form_add(form_shl(a, 1), z, written);
	case RV_SH2ADD: return form_add(form_shl(a, 2), z, written);
	case RV_SH3ADD: return form_add(form_shl(a, 3), z, written);
	case RV_SLLI: return form_shl(a, sh);
	case RV_LUI: return form_range(in->imm, in->imm);
	case RV_AUIPC: return form_range((int64_t)(in->pc + in->imm), (int64_t)(in->pc + in->imm));
	case RV_LBU: return form_range(0, 0xff);
	case RV_LHU: case RV_ZEXT_H: return form_range(0, 0xffff);
	case RV_ANDI:
		if (in->imm < 0)
			return (struct form){0};
		return form_range(0, form_abs(a) && a.lo >= 0 && a.hi < in->imm ? a.hi : in->imm);
	case RV_SRLI:
		if (form_abs(a) && a.lo >= 0)
			return form_range(a.lo >> sh, a.hi >> sh);
		return form_range(0, (int64_t)(UINT64_MAX >> sh));
	case RV_SRLIW: /* a positive 32-bit result once it shifts at all */
		if (form_abs(a) && a.lo >= 0 && a.hi <= INT32_MAX)
			return form_range(a.lo >> (sh & 31), a.hi >> (sh & 31));
		if (!(sh & 31))
			return (struct form){0};
		return form_range(0, (int64_t)(UINT32_MAX >> (sh & 31)));
	default:
		return (struct form){0};
	}
}

/*
 * Countdowns.  In a block that loops to itself, a register that the block
 * writes only by addi stepping it moves by the same `step` every
 * iteration; so does one computed in the block as such a register plus an
 * offset, or plus a register the block does not write (the rows of a
 * stencil, a3 = a5 + a0).  Accesses through them are covers: the sum of
 * one or two registers as they are at the block's start (the cover's
 * base), and the window [lo, hi) around it that the iteration's accesses
 * touch.  When an iteration's windows are good, so are those of the
 * iterations after it that stay on the same pages: at most (what is left
 * of the page past the window) / step of them.  So the block checks every
 * window at the start of an iteration only when its countdown has run
 * out, and then sets the countdown to the smallest such number; the
 * covered accesses check nothing.  The countdown is 0 whenever control is
 * outside the block: the function's locals start at 0, and the edge out
 * of the loop clears it (calls end blocks, so none happens inside).  A bad
 * window leaves for the interpreter at the block's start, before anything
 * of the iteration ran, and the interpreter faults exactly where the
 * program does.  When the covers are all of the block's accesses, nothing
 * leaves the block mid-iteration, so the countdown also charges the
 * iterations ahead (at most 4096) to the instruction count and the loop
 * budget at once, and the edge out gives back those not run: the loop
 * carries one counter instead of three (`ahead`).
 */
static void plan_countdown(struct tx *t, const struct cfg_func *fn, size_t bi, struct plan *p)
{
	const struct cfg_block *b = &fn->blocks[bi];
	uint32_t written = 0, other = 0; /* registers written; written otherwise than by stepping */
	int64_t step[32] = {0};
	struct form f[32]; /* each register, as it is at the instruction */
	int8_t *which; /* per access: its cover + 1 */
	struct cover cv[NCOVER];
	int ncv = 0, naccess = 0, ncovered = 0;
	const int64_t page = RT_PAGE;

	p->cov = xcalloc(p->nbody ? p->nbody : 1, 1);
	p->safe = -1;
	p->ahead = 0;
	p->ncov = 0;
	if (!(p->term == CFG_BRANCH || p->term == CFG_JUMP) || b->succ != (int)bi || b->fall == (int)bi || t->nsafe == NSAFE)
		return;
	which = xcalloc(p->nbody ? p->nbody : 1, 1);
	for (uint32_t k = 0; k <= p->nbody; k++) {
		const struct rv_insn *in = k < p->nbody ? &fn->insns[b->first + k] : p->last;
		uint32_t w = in ? (uint32_t)rv_writes(in) : 0;

		written |= w;
		if (in && in->op == RV_ADDI && in->rd == in->rs1 && in->rd)
			step[in->rd] += in->imm;
		else
			other |= w;
	}
	written &= ~1u;
	for (int r = 0; r < 32; r++)
		f[r] = (struct form){!(other >> r & 1), r, 0, 0, 0};
	for (uint32_t k = 0; k < p->nbody; k++) {
		const struct rv_insn *in = &fn->insns[b->first + k];
		int st, size = access_size(in, &st), q = in->rs1, c;

		naccess += size != 0;
		if (size && f[q].known) {
			int64_t l = in->imm + f[q].lo, h = in->imm + f[q].hi + size;

			/* the first cover of this base that stays within a page with it */
			for (c = 0; c < ncv && !(cv[c].r == f[q].r1 && cv[c].r2 == f[q].r2 &&
						 (h > cv[c].hi ? h : cv[c].hi) - (l < cv[c].lo ? l : cv[c].lo) <= page); c++)
				;
			if (c == ncv && ncv < NCOVER)
				cv[ncv++] = (struct cover){f[q].r1, f[q].r2, 0, l, h, step[f[q].r1]};
			if (c < ncv) {
				cv[c].lo = l < cv[c].lo ? l : cv[c].lo;
				cv[c].hi = h > cv[c].hi ? h : cv[c].hi;
				cv[c].perm |= st ? RT_PG_W : RT_PG_R;
				which[k] = (int8_t)(c + 1);
			}
		}
		uint32_t w = (uint32_t)rv_writes(in);
		int rd = in->rd;

		if (!(w >> rd & 1) || !rd) {
			for (int r = 1; r < 32; r++) /* writes no x register, or others too */
				if (w >> r & 1)
					f[r].known = 0;
			continue;
		}
		f[rd] = form_of(in, f, written);
	}
	/* a second register must stay as it was; windows within a page */
	for (int c = 0; c < ncv; c++) {
		int ok = !(cv[c].r2 && written >> cv[c].r2 & 1) && cv[c].hi - cv[c].lo <= page &&
			 cv[c].step >= -page / 2 && cv[c].step <= page / 2;

		if (ok)
			p->cv[p->ncov] = cv[c];
		for (uint32_t k = 0; k < p->nbody; k++)
			if (which[k] == c + 1) {
				p->cov[k] = ok;
				p->grp[k] = ok ? 0 : p->grp[k];
				ncovered += ok;
			}
		p->ncov += ok;
	}
	free(which);
	if (!p->ncov)
		return;
	p->safe = t->nsafe++;
	p->ahead = ncovered == naccess; /* no access's own check may leave mid-iteration */
	p->gexit = 1; /* the countdown's check spills the dirty set */
}

static BinaryenExpressionRef cover_base(struct tx *t, const struct cover *cv)
{
	return cv->r2 ? bin(t, BinaryenAddInt64(), X(t, cv->r), X(t, cv->r2)) : X(t, cv->r);
}

/* The refill of a countdown (see plan_countdown), run at the start of an
 * iteration when the countdown has run out: checks the windows and sets
 * the countdown anew.  build_function puts it outside the block's inner
 * loop. */
static BinaryenExpressionRef countdown(struct tx *t, const struct plan *p, const struct cfg_block *b, uint64_t dirty)
{
	BinaryenModuleRef m = t->m;
	int ls = L_SAFE + p->safe;
	uint64_t pc = b->start, k = retired(p);
	exprvec saved = aside(t), slow;

	if (p->ahead && b->loop == 2) /* an outermost loop: its budget, as in loop_check */
		emit(t, BinaryenIf(m, bin(t, BinaryenLtSInt32(), get(t, L_BUDGET), c32(t, 0)), side_exit(t, dirty, pc, 0), NULL));

	/* every window good, or leave: the countdown collects the bad ones */
	emit(t, set(t, ls, c32(t, 0)));
	for (int c = 0; c < p->ncov; c++) {
		const struct cover *cv = &p->cv[c];

		emit(t, set(t, L_ADDR, bin(t, BinaryenAddInt64(), cover_base(t, cv), c64(t, (uint64_t)cv->lo))));
		BinaryenExpressionRef bad = window_bad(t, cv->hi - cv->lo, cv->perm);

		emit(t, set(t, ls, bin(t, BinaryenOrInt32(), get(t, ls), bad)));
	}
	emit(t, BinaryenIf(m, get(t, ls), side_exit(t, dirty, pc, 1), NULL));
	/* how many iterations after this one stay on these pages: the least
	 * over the covers, in L_TMP */
	for (int c = 0; c < p->ncov; c++) {
		const struct cover *cv = &p->cv[c];
		BinaryenExpressionRef off = bin(t, BinaryenAndInt64(),
						bin(t, BinaryenAddInt64(), cover_base(t, cv),
						    c64(t, (uint64_t)(cv->step > 0 ? cv->hi - 1 : cv->lo))),
						c64(t, RT_PAGE - 1));
		BinaryenExpressionRef n = cv->step > 0 ? bin(t, BinaryenDivUInt64(), bin(t, BinaryenSubInt64(), c64(t, RT_PAGE - 1), off),
							     c64(t, (uint64_t)cv->step))
				  : cv->step < 0 ? bin(t, BinaryenDivUInt64(), off, c64(t, (uint64_t)-cv->step))
						 : c64(t, 1u << 30);

		emit(t, set(t, c ? L_TMP2 : L_TMP, n));
		if (c)
			emit(t, set(t, L_TMP, BinaryenSelect(m, bin(t, BinaryenLtUInt64(), get(t, L_TMP2), get(t, L_TMP)),
							     get(t, L_TMP2), get(t, L_TMP), I64)));
	}
	if (p->ahead) {
		/* charge this iteration and those ahead to the instruction count
		 * and the loop budget at once: nothing leaves the block in between,
		 * and the edge out gives back what was not run */
		emit(t, set(t, L_TMP, BinaryenSelect(m, bin(t, BinaryenLtUInt64(), get(t, L_TMP), c64(t, 4096)), get(t, L_TMP),
						     c64(t, 4096), I64)));
		tally(t, bin(t, BinaryenMulInt64(), bin(t, BinaryenAddInt64(), get(t, L_TMP), c64(t, 1)), c64(t, k)));
		if (b->loop)
			emit(t, set(t, L_BUDGET, bin(t, BinaryenSubInt32(), get(t, L_BUDGET),
						     bin(t, BinaryenAddInt32(), wrap(t, get(t, L_TMP)), c32(t, 1)))));
	}
	/* this iteration and those after it: the loop's head takes one */
	emit(t, set(t, ls, bin(t, BinaryenAddInt32(), wrap(t, get(t, L_TMP)), c32(t, 1))));
	slow = back(t, saved);
	BinaryenExpressionRef r = block(t, slow.v, slow.n);

	vfree(&slow);
	return r;
}

/*
 * V8 (and other engines) run a function's optimized code only from its
 * next call on: there is no on-stack replacement for Wasm, so a loop in a
 * function called once would run on the baseline compiler's code forever.
 * So after LOOP_BUDGET iterations of its loops, counted at every loop
 * header, translated code leaves at an outermost loop header for the
 * dispatcher, which calls the function again at the header's entry -- by
 * then in its optimized tier.  Callers on the way
 * out unwind as for longjmp and are re-entered at their return sites.
 */
#define LOOP_BUDGET 1000000

static void loop_check(struct tx *t, uint64_t pc, uint64_t dirty, int outer)
{
	BinaryenExpressionRef dec = bin(t, BinaryenSubInt32(), get(t, L_BUDGET), c32(t, 1));

	if (!outer) { /* inner loops count; only an outermost header is an entry */
		emit(t, set(t, L_BUDGET, dec));
		return;
	}
	emit(t, BinaryenIf(t->m, bin(t, BinaryenLtSInt32(), BinaryenLocalTee(t->m, L_BUDGET, dec, I32), c32(t, 0)),
			   side_exit(t, dirty, pc, 0), NULL));
}

/* Builds the body of guest function fn; called by several threads at once
 * (see emit_translate): it only allocates in the module, adds nothing to it. */
static BinaryenExpressionRef build_function(struct emit *e, const struct cfg_func *fn)
{
	struct tx tx = {.e = e, .m = e->mod, .fn = fn, .span = -1}, *t = &tx;
	BinaryenModuleRef m = e->mod;
	RelooperRef rl = RelooperCreate(m);
	RelooperBlockRef *rb = xcalloc(fn->nblocks, sizeof *rb);
	RelooperBlockRef head, exit_blk;
	struct plan *pl = xcalloc(fn->nblocks, sizeof *pl);
	uint64_t *defs = xcalloc(fn->nblocks, sizeof *defs);
	uint64_t *din = xcalloc(fn->nblocks, sizeof *din);
	uint64_t *live = xcalloc(fn->nblocks, sizeof *live), live_fall;
	uint64_t *gin = xcalloc(fn->nblocks, sizeof *gin), *gout = xcalloc(fn->nblocks, sizeof *gout);

	for (size_t bi = 0; bi < fn->nblocks; bi++) {
		plan_block(&pl[bi], fn, &fn->blocks[bi]);
		mem_groups(fn, &fn->blocks[bi], &pl[bi]);
		plan_countdown(t, fn, bi, &pl[bi]);
	}
	plan_all_spans(t, fn, pl);
	glive_sets(fn, pl, gin, gout);
	regsets(fn, pl, gin, din, defs, live);
	plan_loose(fn, pl);

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
		BinaryenExpressionRef refill = NULL;
		char nm[4][32]; /* a countdown loop's labels: loop, refill, done, again */

		t->fok_valid = 0;
		if (p->safe >= 0) {
			int ls = L_SAFE + p->safe;

			for (int k = 0; k < 4; k++)
				snprintf(nm[k], sizeof nm[k], "cd%zu$%c", bi, "lrda"[k]);
			refill = countdown(t, p, b, din[bi] & gin[bi]);
			emit(t, BinaryenBreak(m, nm[1], bin(t, BinaryenLtSInt32(),
							    BinaryenLocalTee(m, ls, bin(t, BinaryenSubInt32(), get(t, ls), c32(t, 1)), I32),
							    c32(t, 0)), NULL));
		}
		if (b->loop && !p->ahead)
			loop_check(t, b->start, din[bi] & gin[bi], b->loop == 2);
		if (!p->ahead)
			tally(t, c64(t, retired(p)));
		uint64_t d = din[bi];
		/* a table the block reads itself: from its load on, the block's
		 * code is the slow way (direct_dispatch) */
		const struct cfg_jtab *jt = p->term == CFG_IJUMP && p->last ? b->jt : NULL;
		uint32_t kld = jt ? p->nbody + 1 - jt->tail : UINT32_MAX;
		exprvec saved = {0};

		t->body_end = &fn->insns[b->first + p->nbody];
		memset(t->vreg, 0, sizeof t->vreg);
		for (uint32_t k = 0; k < p->nbody; k++) {
			const struct rv_insn *in = &fn->insns[b->first + k];

			if (k == kld)
				saved = aside(t);
			t->span = p->spn[k];
			t->loose = p->loose[k];
			if (p->grp[k] == 1)
				group_check(t, fn, b, p, k, d, glive_at(fn, p, b, gout, bi, k));
			t->unchecked = p->grp[k] != 0 || p->cov[k];
			insn(t, in);
			t->unchecked = 0;
			t->span = -1;
			t->loose = 0;
			d |= rv_writes(in);
		}
		t->body_end = NULL;
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
				/* a jump nothing predicted (mostly a tail call through
				 * a pointer): dispatch it from here, as a tail call, so
				 * that our caller's check finds its return address and
				 * goes on instead of unwinding */
				if (p->term == CFG_EXIT)
					guest_call(t, dirty, 0, -1, 0, 1, 0, 1);
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
			forget_spans(t);
			/* on, unless the syscall went elsewhere or turned translated
			 * code off (rt_gen_stop: our own text may be gone) */
			emit(t, BinaryenIf(m, bin(t, BinaryenOrInt32(), bin(t, BinaryenNeInt64(), cpu_ld(t, RT_CPU_PC), c64(t, p->end)),
						  un(t, BinaryenEqZInt32(), BinaryenGlobalGet(m, LIMIT_GLOBAL, I32))),
					   leave(t), NULL));
			break;
		case CFG_FENCEI:
			spill(t, dirty);
			emit(t, call(t, "rt_fence_i", NULL, 0, NONE));
			emit(t, set(t, L_NEXT, c64(t, p->end)));
			break;
		}
		if (refill) {
			/*
			 * The block loops to itself in its own code, its refill
			 * outside the inner loop:
			 *   done: { again: loop { refill: { loop: loop { if (--cnt < 0) br refill;
			 *           body; br_if loop cond } br done } refill code; br again } }
			 * so that the inner loop holds no call and V8 can unroll it
			 * (it leaves alone loops with calls in them).
			 */
			emit(t, BinaryenBreak(m, nm[0], p->term == CFG_BRANCH ? branch_cond(t, last) : NULL, NULL));
			BinaryenExpressionRef inner[2] = {BinaryenLoop(m, nm[0], take(t)), BinaryenBreak(m, nm[2], NULL, NULL)};
			BinaryenExpressionRef again[3] = {BinaryenBlock(m, nm[1], inner, 2, BinaryenTypeNone()), refill,
							  BinaryenBreak(m, nm[3], NULL, NULL)};
			BinaryenExpressionRef outer = BinaryenLoop(m, nm[3], block(t, again, 3));

			emit(t, BinaryenBlock(m, nm[2], &outer, 1, BinaryenTypeNone()));
		}
		if (jt) {
			direct_dispatch(t, fn, b, p, kld, saved);
			rb[bi] = RelooperAddBlockWithSwitch(rl, take(t), get(t, L_SEL));
		} else if (p->term == CFG_IJUMP) {
			/* br_table on (target - lowest) / 2; other targets leave */
			BinaryenExpressionRef idx = BinaryenSelect(m, target_in_span(t, b), target_index(t, b),
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

		if (p->safe >= 0 && b->fall != (int)bi) { /* out of the loop: the countdown is void */
			int ls = L_SAFE + p->safe;
			BinaryenExpressionRef v[3];
			size_t nv = 0;

			if (p->ahead && t->e->count) /* give back the iterations charged ahead and not run */
				v[nv++] = set(t, L_CNT, bin(t, BinaryenSubInt64(), get(t, L_CNT),
							    bin(t, BinaryenMulInt64(), un(t, BinaryenExtendUInt32(), get(t, ls)),
								c64(t, retired(p)))));
			v[nv++] = set(t, ls, c32(t, 0));
			if (fall_code)
				v[nv++] = fall_code;
			fall_code = block(t, v, nv);
		}

		switch (p->term) {
		case CFG_BRANCH:
			if (p->safe < 0) /* a countdown's loop is in its block's code */
				RelooperAddBranch(rb[bi], rb[b->succ], branch_cond(t, p->last), NULL);
			/* fallthrough */
		case CFG_FALL:
		case CFG_CALL:
		case CFG_ICALL:
		case CFG_ECALL:
			RelooperAddBranch(rb[bi], fall, NULL, fall_code);
			break;
		case CFG_JUMP:
			if (p->safe < 0)
				RelooperAddBranch(rb[bi], rb[b->succ], NULL, NULL);
			break;
		case CFG_TAIL:
			if (func_at(e->cp, b->target) < 0)
				RelooperAddBranch(rb[bi], exit_blk, NULL, exit_code(t, dirty, NULL));
			break;
		case CFG_IJUMP: {
			uint64_t lo = b->table[0];
			const struct cfg_jtab *jt = p->last ? b->jt : NULL;

			for (uint32_t k = 0; k < b->ntable; k++) {
				BinaryenIndex ix = (BinaryenIndex)((b->table[k] - lo) / 2);

				if (jt)
					direct_case(t, b, p, jt, k, rb[bi], rb[b->table_blk[k]]);
				else
					RelooperAddBranchForSwitch(rb[bi], rb[b->table_blk[k]], &ix, 1, NULL);
			}
			RelooperAddBranchForSwitch(rb[bi], exit_blk, NULL, 0, exit_code(t, dirty, NULL));
			break;
		}
		case CFG_FENCEI: /* spilled already */
			RelooperAddBranch(rb[bi], exit_blk, NULL, NULL);
			break;
		case CFG_EXIT: /* the interpreter or a dispatched tail call ended the block */
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
	if (t->e->count)
		emit(t, set(t, L_CNT, c64(t, 0)));
	emit(t, set(t, L_BUDGET, c32(t, LOOP_BUDGET)));
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

	/* too deep a nesting (or translated code turned off: the limit is 0)
	 * returns at once, with rt_cpu.pc naming where to go on: entry 0 is
	 * our start, and whoever enters elsewhere has put the pc there */
	BinaryenExpressionRef body[2], deep[2] = {
		BinaryenIf(m, un(t, BinaryenEqZInt32(), get(t, L_ENTRY)), cpu_st(t, RT_CPU_PC, c64(t, fn->start)), NULL),
		BinaryenReturn(m, NULL),
	};

	body[0] = BinaryenIf(m, bin(t, BinaryenGeUInt32(), get(t, L_DEPTH), BinaryenGlobalGet(m, LIMIT_GLOBAL, I32)), block(t, deep, 2), NULL);
	body[1] = RelooperRenderAndDispose(rl, head, L_LABEL);
	free(rb);
	for (size_t bi = 0; bi < fn->nblocks; bi++)
		free(pl[bi].grp), free(pl[bi].win), free(pl[bi].spn), free(pl[bi].loose), free(pl[bi].cov);
	free(pl);
	free(defs);
	free(din);
	free(live);
	free(gin);
	free(gout);
	vfree(&t->s);
	return block(t, body, 2);
}

/*
 * The fused multiply-adds as two module functions, FMA64_FUNC and
 * FMA32_FUNC, shaped as relaxed SIMD's madd is: (v128 a, b, c) -> a*b+c in
 * lane 0 (f64x2, f32x4), and called as lane 0 of fn(splat a, splat b,
 * splat c).  What rv2wasm writes computes them in software, exactly
 * (fma_d, fma_s above; outside fma_d's range, rt's softfloat), so the
 * module needs nothing beyond Wasm 2.0 and SIMD.  A host whose madd is
 * fused (rt/host/hwfma.cjs probes it once) replaces each call by the madd
 * instruction itself before compiling: the fused operation becomes one
 * hardware instruction in line, with no call that would make V8 spill the
 * loop's registers around it.  The custom section FMA_SECTION lists the
 * functions with such calls.  Two of them, FMA64_PROBE and FMA32_PROBE
 * ((f64 or f32) a, b, c -> a*b+c, exported), let the host ask the instance
 * it made whether its madd is fused: compiling a second module to find out
 * makes Node 20 crash now and then at exit.  Only translated code that
 * keeps no flags calls the fma functions: hardware says nothing about
 * inexactness.
 */
static void add_fma(struct emit *e)
{
	struct tx tx = {.e = e, .m = e->mod, .span = -1}, *t = &tx;
	BinaryenModuleRef m = e->mod;
	BinaryenType vars[L_NLOCALS - 3], V128 = BinaryenTypeVec128();
	BinaryenType p[3] = {V128, V128, V128};

	/* locals as in a translated function, so that the D temporaries are
	 * where fma_d and fma_s expect them; the three parameters sit below */
	for (int i = 3; i < L_NLOCALS; i++)
		vars[i - 3] = ltype(i);
	for (int k = 0; k < 3; k++)
		emit(t, set(t, L_D0 + k, BinaryenSIMDExtract(m, BinaryenExtractLaneVecF64x2(), BinaryenLocalGet(m, k, V128), 0)));
	BinaryenExpressionRef mids = fma_mid(t, L_D0, L_D0 + 1, L_D0 + 2);
	BinaryenExpressionRef pz = zero_factor(t, L_D0, L_D0 + 1), plain = unfused(t, L_D0, L_D0 + 1, L_D0 + 2);
	BinaryenExpressionRef soft = dval(t, call(t, "rt_fmadd_d", (BinaryenExpressionRef[]){fbits(t, dget(t, 0)), fbits(t, dget(t, 1)),
							fbits(t, dget(t, 2)), c32(t, 0)}, 4, I64));
	exprvec saved = aside(t), exact;

	fma_d(t);
	emit(t, dget(t, 0));
	exact = back(t, saved);
	emit(t, un(t, BinaryenSplatVecF64x2(), BinaryenIf(m, mids, block(t, exact.v, exact.n), BinaryenIf(m, pz, plain, soft))));
	vfree(&exact);
	BinaryenAddFunction(m, FMA64_FUNC, BinaryenTypeCreate(p, 3), V128, vars, L_NLOCALS - 3, take(t));
	BinaryenAddFunctionExport(m, FMA64_FUNC, FMA64_FUNC);

	for (int k = 0; k < 3; k++)
		emit(t, set(t, L_D0 + k, un(t, BinaryenPromoteFloat32(),
					    BinaryenSIMDExtract(m, BinaryenExtractLaneVecF32x4(), BinaryenLocalGet(m, k, V128), 0))));
	/* an infinite or NaN operand: the plain operations give the fused
	 * result (an infinity or a NaN) where TwoSum would make NaNs */
	BinaryenExpressionRef finite = c32(t, 1);

	for (int k = 0; k < 3; k++)
		finite = and32(t, finite, bin(t, BinaryenLtFloat64(), un(t, BinaryenAbsFloat64(), dget(t, k)), cf64(t, __builtin_inf())));

	saved = aside(t);
	fma_s(t);
	emit(t, dget(t, 4));
	exact = back(t, saved);
	emit(t, un(t, BinaryenSplatVecF32x4(),
		   un(t, BinaryenDemoteFloat64(), BinaryenIf(m, finite, block(t, exact.v, exact.n), unfused(t, L_D0, L_D0 + 1, L_D0 + 2)))));
	vfree(&exact);
	BinaryenAddFunction(m, FMA32_FUNC, BinaryenTypeCreate(p, 3), V128, vars, L_NLOCALS - 3, take(t));
	BinaryenAddFunctionExport(m, FMA32_FUNC, FMA32_FUNC);

	/* the probes: lane 0 of fn(splat a, splat b, splat c), as every call */
	for (int k = 0; k < 2; k++) {
		BinaryenType ty = k ? BinaryenTypeFloat32() : F64, pt[3] = {ty, ty, ty};
		BinaryenExpressionRef v[3];

		for (int i = 0; i < 3; i++)
			v[i] = un(t, k ? BinaryenSplatVecF32x4() : BinaryenSplatVecF64x2(), BinaryenLocalGet(m, i, ty));
		BinaryenExpressionRef body = BinaryenSIMDExtract(m, k ? BinaryenExtractLaneVecF32x4() : BinaryenExtractLaneVecF64x2(),
								 BinaryenCall(m, k ? FMA32_FUNC : FMA64_FUNC, v, 3, V128), 0);

		BinaryenAddFunction(m, k ? FMA32_PROBE : FMA64_PROBE, BinaryenTypeCreate(pt, 3), ty, NULL, 0, body);
		BinaryenAddFunctionExport(m, k ? FMA32_PROBE : FMA64_PROBE, k ? FMA32_PROBE : FMA64_PROBE);
	}
	vfree(&t->s);
}

enum { MAX_THREADS = 8 };

struct builder {
	struct emit *e;
	const struct cfg_prog *cp;
	atomic_size_t next; /* the next function to build */
	BinaryenExpressionRef *body;
};

static void *build_some(void *arg)
{
	struct builder *b = arg;

	for (size_t i; (i = atomic_fetch_add(&b->next, 1)) < b->cp->nfuncs;)
		b->body[i] = build_function(b->e, &b->cp->funcs[i]);
	return NULL;
}

/* Module-wide parts of translated code: the call depth and the fault path. */
static void add_globals(struct emit *e)
{
	struct tx tx = {.e = e, .m = e->mod, .span = -1}, *t = &tx;
	BinaryenModuleRef m = e->mod;

	BinaryenAddGlobal(m, LIMIT_GLOBAL, I32, 1, c32(t, DEPTH_LIMIT));

	/* FAULT_FUNC(addr, pc | is_store): the one cold path of every access */
	BinaryenType p2[2] = {I64, I64};
	BinaryenExpressionRef pc = BinaryenLocalGet(m, 1, I64);

	emit(t, BinaryenStore(m, 8, e->cpu + RT_CPU_PC, 8, c32(t, 0), bin(t, BinaryenAndInt64(), pc, c64(t, ~1ull)), I64));
	emit(t, call(t, "rt_fault", (BinaryenExpressionRef[]){BinaryenLocalGet(m, 0, I64),
			wrap(t, bin(t, BinaryenAndInt64(), BinaryenLocalGet(m, 1, I64), c64(t, 1)))}, 2, NONE));
	BinaryenAddFunction(m, FAULT_FUNC, BinaryenTypeCreate(p2, 2), NONE, NULL, 0, take(t));
	vfree(&t->s);
	add_fma(e);
}

void emit_translate(struct emit *e, const struct cfg_prog *cp, int count)
{
	e->cp = cp;
	e->count = count;
	e->tx_params = BinaryenTypeCreate((BinaryenType[]){I32, I32}, 2);
	e->nfuncs = cp->nfuncs;
	e->fname = xcalloc(cp->nfuncs ? cp->nfuncs : 1, sizeof *e->fname);
	e->fma_used = xcalloc(cp->nfuncs ? cp->nfuncs : 1, 1);
	for (size_t i = 0; i < cp->nfuncs; i++) {
		char buf[64];

		snprintf(buf, sizeof buf, "g_%llx", (unsigned long long)cp->funcs[i].start);
		e->fname[i] = xstrdup(buf);
	}
	add_globals(e);

	/* Building a body (the Relooper above all) is most of rv2wasm's time
	 * after Binaryen's passes; bodies are built in parallel and added in
	 * address order, so that the output does not depend on the threads. */
	struct builder b = {.e = e, .cp = cp, .body = xcalloc(cp->nfuncs ? cp->nfuncs : 1, sizeof *b.body)};
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	size_t nthr = ncpu < 1 ? 1 : ncpu > MAX_THREADS ? MAX_THREADS : (size_t)ncpu;
	pthread_t thr[MAX_THREADS];

	atomic_init(&b.next, 0);
	if (nthr > cp->nfuncs / 64 + 1) /* few functions: not worth a thread */
		nthr = cp->nfuncs / 64 + 1;
	for (size_t k = 1; k < nthr; k++)
		if (pthread_create(&thr[k], NULL, build_some, &b))
			die("cannot start a thread");
	build_some(&b);
	for (size_t k = 1; k < nthr; k++)
		pthread_join(thr[k], NULL);

	BinaryenType vars[L_NLOCALS - 2];

	for (int i = 0; i < L_NLOCALS - 2; i++)
		vars[i] = ltype(i + 2);
	for (size_t i = 0; i < cp->nfuncs; i++)
		BinaryenAddFunction(e->mod, e->fname[i], e->tx_params, NONE, vars, L_NLOCALS - 2, b.body[i]);
	free(b.body);
}
