/*
 * interp.c: the fallback interpreter.  It runs every guest instruction the
 * translator did not translate (with `rv2wasm --interp-only`, all of them)
 * and is the reference mode of the differential tests, so it must give
 * exactly the architectural results of RV64GC + Zba/Zbb/Zbs (unprivileged
 * ISA, chapters RV32I/RV64I, M, A, F, D, Zicsr, Zifencei, B).
 *
 * Design.  Guest code is decoded once into blocks: straight-line runs of
 * compact instructions (struct ins) that end at the first instruction
 * rv64.def flags as a control transfer (branch, jump, system), before a
 * translated entry, at a page end, or after MAX_BLOCK instructions.  Blocks live in a bump arena and a
 * hash table keyed by guest pc; each block remembers the blocks it was last
 * followed by (taken, fallthrough, indirect) so the hot path neither hashes
 * nor asks rt_entry_find.  Caching "no translated entry at pc" is safe
 * because the entry table only ever loses entries (rt_entries_drop).  The
 * whole cache is dropped when rt_code_epoch moves (every fence.i, and the
 * riscv_flush_icache syscall) and when a syscall unmaps or remaps pages
 * that blocks were decoded from.
 *
 * The dispatch switch is generated from rv64.def: every RV_INSN row jumps
 * to the label op_<NAME>, so the semantics of each op are written once,
 * below, and a row without semantics does not compile.
 *
 * Guest memory is checked exactly, against the page map (see page_ok below), and
 * misaligned accesses work, as on Linux.  Faults raise their signal with
 * rt_cpu.pc at the faulting instruction.
 *
 * V8 matters to the shape of the code: see run_chunk.
 */
#include <stdint.h>
#include <string.h>

#include "fpu.h" /* the rt_f* wrappers of fpwrap.c */
#include "rtint.h"
#include "rv.h"

/* ---- the decoded-code cache ---- */

static int has_entry(uint64_t pc)
{
	uint32_t func, entry;
	return rt_entry_find(pc, &func, &entry);
}

/* One pre-decoded instruction.  Guest pcs are below RT_GUEST_SIZE (1 GiB),
 * so 32 bits hold them; every RV64GC immediate fits 32 bits too. */
struct ins {
	int32_t imm;
	uint32_t pc;
	uint16_t op; /* enum rv_op, or an IOP_* below */
	uint8_t rd, rs1, rs2, rs3, rm, len;
};

/* Interpreter-only ops, numbered after the table's. */
enum {
	IOP_NEXT = RV_NOPS, /* end of a block cut short: continue at .pc */
};

enum { SUCC_TAKEN, SUCC_FALL, SUCC_INDIRECT, NSUCC };

struct blk {
	uint32_t pc;
	uint32_t n;            /* instructions, not counting the closing IOP_NEXT */
	struct blk *hnext;     /* hash chain */
	struct blk *succ[NSUCC]; /* blocks last seen following this one */
	struct ins insn[];     /* n instructions, then one IOP_NEXT */
};

#define MAX_BLOCK 256
#define ARENA_SIZE (8u << 20)
#define HASH_BITS 15

static _Alignas(16) uint8_t arena[ARENA_SIZE];
static uint32_t arena_used;
static struct blk *htab[1u << HASH_BITS];
static uint32_t cache_epoch; /* rt_code_epoch the cache was filled under */
static uint32_t cache_gen;   /* bumped by every flush: invalidates struct blk pointers */
static uint64_t code_lo = ~(uint64_t)0, code_hi; /* guest range the blocks were decoded from */

static uint32_t hash_pc(uint64_t pc) { return (uint32_t)((pc >> 1) * 0x9E3779B1u) >> (32 - HASH_BITS); }

/*
 * Blocks reached by a jump whose remembered successor did not match (a
 * return to another caller, a call through a pointer), direct-mapped by
 * pc.  Like the successors, an entry also says that its pc has no
 * translated entry: it is filled only after rt_entry_find said so.
 */
#define JUMP_BITS 12
static struct blk *jump_cache[1u << JUMP_BITS];

static uint32_t jump_slot(uint64_t pc) { return (uint32_t)(pc >> 1) & ((1u << JUMP_BITS) - 1); }

static void cache_flush(void) {
	memset(htab, 0, sizeof htab);
	memset(jump_cache, 0, sizeof jump_cache);
	arena_used = 0;
	cache_gen++;
	cache_epoch = rt_code_epoch;
	code_lo = ~(uint64_t)0;
	code_hi = 0;
}

static struct blk *cache_find(uint64_t pc) {
	struct blk *b = htab[hash_pc(pc)];
	while (b && b->pc != pc)
		b = b->hnext;
	return b;
}

/* Operand templates of the formats (rv64fmt.def): one starting with 'd'
 * writes x[rd]. */
static const char *const fmt_template[RV_NFMT] = {
#define RV_FMT(name, template) [RV_FMT_##name] = template,
#include "rv64fmt.def"
};

/* Where an instruction writing x0 writes instead (see xreg below). */
#define X_DISCARD 32

static void from_decoded(struct ins *o, const struct rv_insn *d) {
	o->op = d->op;
	o->pc = (uint32_t)d->pc;
	o->imm = (int32_t)d->imm;
	o->rd = d->rd;
	o->rs1 = d->rs1;
	o->rs2 = d->rs2;
	o->rs3 = d->rs3;
	o->rm = d->rm;
	o->len = d->len;
	if (d->rd == 0 && fmt_template[rv_ops[d->op].fmt][0] == 'd')
		o->rd = X_DISCARD;
}

/*
 * Decode the block at pc, which control is about to reach.  Fetching its
 * first instruction from unmapped memory faults here; later instructions
 * that would need another page start the next block instead, so every
 * fault happens when execution gets there.  An undecodable instruction
 * becomes RV_ILLEGAL, which raises SIGILL when executed.
 */
static struct blk *build(uint64_t pc) {
	const uint32_t worst = sizeof(struct blk) + (MAX_BLOCK + 1) * sizeof(struct ins);
	uint64_t page_end = (pc | (RT_PAGE - 1)) + 1, cur = pc;
	struct blk *b;
	uint32_t n = 0, h;

	if (!rt_mapped(pc, 2, 0)) {
		rt_cpu.pc = pc;
		rt_fault(pc, 0);
	}
	if (arena_used + worst > ARENA_SIZE)
		cache_flush();
	b = (struct blk *)(arena + arena_used);
	b->pc = (uint32_t)pc;
	while (n < MAX_BLOCK && cur < page_end) {
		struct rv_insn d;
		const uint8_t *p = rt_g2h(cur);
		unsigned len = (p[0] & 3) == 3 ? 4 : 2;

		/* a translated entry ends the block, so that control goes back
		 * to translated code there: an outermost loop's header reached
		 * by falling into it would otherwise keep the whole loop here */
		if (n > 0 && has_entry(cur))
			break;
		if (cur + len > page_end && !rt_mapped(cur, len, 0)) {
			if (n > 0)
				break;
			rt_cpu.pc = cur;
			rt_fault(page_end, 0);
		}
		if (!rv_decode(&d, p, len, cur)) {
			struct ins *o = &b->insn[n++];
			memset(o, 0, sizeof *o);
			o->op = RV_ILLEGAL;
			o->pc = (uint32_t)cur;
			break;
		}
		from_decoded(&b->insn[n++], &d);
		cur += d.len;
		if (rv_ops[d.op].flags & (RV_F_BRANCH | RV_F_JUMP | RV_F_SYSTEM))
			break;
	}
	/* Also closes blocks whose last op falls through after all. */
	memset(&b->insn[n], 0, sizeof b->insn[n]);
	b->insn[n].op = IOP_NEXT;
	b->insn[n].pc = (uint32_t)cur;
	b->n = n;
	memset(b->succ, 0, sizeof b->succ);
	if (pc < code_lo)
		code_lo = pc;
	if (cur + 4 > code_hi)
		code_hi = cur + 4; /* covers a last instruction's bytes */
	arena_used += (sizeof(struct blk) + (n + 1) * sizeof(struct ins) + 15) & ~15u;
	h = hash_pc(pc);
	b->hnext = htab[h];
	htab[h] = b;
	return b;
}

/* ---- guest memory ---- */

/*
 * The interpreter checks guest accesses exactly, as the reference it is:
 * an access within one page reads that page's byte of rt_pagemap (the map
 * translated code checks too), one load and a test, so no cache of good
 * pages is kept that a syscall would have to drop or a large working set
 * would thrash.  Accesses that cross a page, and every fault, take the
 * slow path, rt_load/rt_store.
 */
static inline int page_ok(uint64_t a, unsigned size, uint8_t need) {
	return a < RT_GUEST_SIZE && a % RT_PAGE <= RT_PAGE - size && (rt_pagemap[a / RT_PAGE] & need);
}

static uint64_t load_slow(uint64_t a, unsigned size, uint32_t pc) {
	rt_cpu.pc = pc;
	return rt_load(a, size);
}

static void store_slow(uint64_t a, uint64_t val, unsigned size, uint32_t pc) {
	rt_cpu.pc = pc;
	rt_store(a, val, size);
}

#define LOAD_FN(name, T)                                                    \
	static inline uint64_t name(uint64_t a, uint32_t pc) {                  \
		T v;                                                                \
		if (__builtin_expect(page_ok(a, sizeof(T), RT_PG_R), 1)) {           \
			memcpy(&v, rt_g2h(a), sizeof(T));                              \
			return (uint64_t)(int64_t)v; /* sign- or zero-extends by T */    \
		}                                                                   \
		return (uint64_t)(int64_t)(T)load_slow(a, sizeof(T), pc);           \
	}
LOAD_FN(ld_i8, int8_t)
LOAD_FN(ld_u8, uint8_t)
LOAD_FN(ld_i16, int16_t)
LOAD_FN(ld_u16, uint16_t)
LOAD_FN(ld_i32, int32_t)
LOAD_FN(ld_u32, uint32_t)
LOAD_FN(ld_64, uint64_t)

#define STORE_FN(name, T)                                                   \
	static inline void name(uint64_t a, uint64_t val, uint32_t pc) {        \
		T v = (T)val;                                                       \
		if (__builtin_expect(page_ok(a, sizeof(T), RT_PG_W), 1)) {           \
			memcpy(rt_g2h(a), &v, sizeof(T));                               \
			return;                                                         \
		}                                                                   \
		store_slow(a, val, sizeof(T), pc);                                  \
	}
STORE_FN(st_8, uint8_t)
STORE_FN(st_16, uint16_t)
STORE_FN(st_32, uint32_t)
STORE_FN(st_64, uint64_t)

/* ---- integer helpers (M and B extensions) ---- */

static inline uint64_t sext32(uint64_t v) { return (uint64_t)(int64_t)(int32_t)v; }

/* M, chapter "Division Operations": x/0 = all ones, x%0 = x, and the
 * signed overflow MIN/-1 = MIN with remainder 0. */
static inline uint64_t div_s(int64_t a, int64_t b) {
	return b == 0 ? ~(uint64_t)0 : (a == INT64_MIN && b == -1) ? (uint64_t)a : (uint64_t)(a / b);
}
static inline uint64_t rem_s(int64_t a, int64_t b) {
	return b == 0 ? (uint64_t)a : (a == INT64_MIN && b == -1) ? 0 : (uint64_t)(a % b);
}
static inline uint64_t div_u(uint64_t a, uint64_t b) { return b == 0 ? ~(uint64_t)0 : a / b; }
static inline uint64_t rem_u(uint64_t a, uint64_t b) { return b == 0 ? a : a % b; }
static inline uint64_t div_w(int32_t a, int32_t b) {
	return sext32(b == 0 ? ~0u : (a == INT32_MIN && b == -1) ? (uint32_t)a : (uint32_t)(a / b));
}
static inline uint64_t rem_w(int32_t a, int32_t b) {
	return sext32(b == 0 ? (uint32_t)a : (a == INT32_MIN && b == -1) ? 0 : (uint32_t)(a % b));
}
static inline uint64_t divu_w(uint32_t a, uint32_t b) { return sext32(b == 0 ? ~0u : a / b); }
static inline uint64_t remu_w(uint32_t a, uint32_t b) { return sext32(b == 0 ? a : a % b); }

static inline uint64_t rol64(uint64_t a, unsigned s) { s &= 63; return (a << s) | (a >> ((64 - s) & 63)); }
static inline uint64_t ror64(uint64_t a, unsigned s) { s &= 63; return (a >> s) | (a << ((64 - s) & 63)); }
static inline uint64_t rol32(uint32_t a, unsigned s) {
	s &= 31;
	return sext32((a << s) | (a >> ((32 - s) & 31)));
}
static inline uint64_t ror32(uint32_t a, unsigned s) {
	s &= 31;
	return sext32((a >> s) | (a << ((32 - s) & 31)));
}
static inline uint64_t orc_b(uint64_t a) {
	uint64_t r = 0;
	for (int i = 0; i < 64; i += 8)
		if ((a >> i) & 0xff)
			r |= (uint64_t)0xff << i;
	return r;
}

/* ---- the interpreter ---- */

/*
 * The integer registers while the interpreter runs, copied from and back
 * to rt_cpu.x around everything that may read or change them (entry and
 * exit, ecall, traps).  The extra slot takes the writes to x0 (build
 * redirects them there), so x0 stays zero without a store per
 * instruction.
 */
static uint64_t xreg[33];

static void x_load(void) {
	memcpy(xreg, rt_cpu.x, sizeof rt_cpu.x);
	xreg[0] = 0;
}
static void x_save(void) { memcpy(rt_cpu.x, xreg, sizeof rt_cpu.x); }

/* Register access in the handlers below; `in` is the current instruction. */
#define X xreg
#define F rt_cpu.f
#define X1 X[in->rs1]
#define X2 X[in->rs2]
#define F1 F[in->rs1]
#define F2 F[in->rs2]
#define F3 F[in->rs3]
#define IMM ((int64_t)in->imm)
#define PC ((uint64_t)in->pc)
#define XW(v) (X[in->rd] = (v))
#define FW(v) (F[in->rd] = (v))
#define NEXT continue /* to the loop's in++ */
/* Leave the block for npc, remembering the successor in slot s. */
#define GOTO(target, s) do { npc = (target); slot = (s); goto leave; } while (0)
#define BRANCH(cond)                          \
	do {                                      \
		if (cond)                             \
			GOTO(PC + IMM, SUCC_TAKEN);       \
		GOTO(PC + in->len, SUCC_FALL);        \
	} while (0)

/* FP through the wrappers of fpwrap.c (NaN-boxing, rm and fflags live
 * there); those with a rounding mode may raise SIGILL, so pc is set. */
#define FP_RRR(name, fn) op_##name: rt_cpu.pc = in->pc; FW(fn(F1, F2, in->rm)); NEXT;
#define FP_R4(name, fn) op_##name: rt_cpu.pc = in->pc; FW(fn(F1, F2, F3, in->rm)); NEXT;
#define FP_R1(name, fn) op_##name: rt_cpu.pc = in->pc; FW(fn(F1, in->rm)); NEXT;   /* f <- f */
#define FP_TOX(name, fn) op_##name: rt_cpu.pc = in->pc; XW(fn(F1, in->rm)); NEXT;  /* x <- f */
#define FP_FROMX(name, fn) op_##name: rt_cpu.pc = in->pc; FW(fn(X1, in->rm)); NEXT; /* f <- x */
#define FP_RR(name, fn) op_##name: FW(fn(F1, F2)); NEXT;
#define FP_CMP(name, fn) op_##name: XW(fn(F1, F2)); NEXT;
/* CSR forms: op 0/1/2 = rw/rs/rc; set/clear with a zero source do not write. */
#define CSR(name, op, src, w) op_##name: XW(csr_op(in, b, op, src, w)); NEXT;
#define AMO(name) op_##name: rt_cpu.pc = in->pc; XW(rt_amo(RV_##name, X1, X2)); NEXT;

/* Zicsr with instret exact: the block's count was added on entry, so take
 * back the instructions from this one on while the CSR is read. */
static uint64_t csr_op(const struct ins *in, struct blk *b, uint32_t op, uint64_t val, int write) {
	uint64_t later = (uint64_t)(b->insn + b->n - in);
	uint64_t old;
	rt_cpu.pc = in->pc;
	rt_cpu.n_interp -= later;
	old = rt_csr((uint32_t)in->imm & 0xfff, op, val, write);
	rt_cpu.n_interp += later;
	return old;
}

/*
 * Pages [a, b) were unmapped or changed permissions (mem.c, whoever made
 * the syscall: interpreted or translated code): when they cover decoded
 * code, the cache goes at the next check_epoch, so that fetching from code
 * that is gone faults and code mapped in its place gets decoded.  Not
 * flushed here: a block may be executing.
 */
void rt_interp_map_change(uint64_t a, uint64_t b) {
	if (a < code_hi && b > code_lo)
		cache_epoch = rt_code_epoch - 1;
}

/* Drop the cache if code may have changed since it was filled. */
static inline void check_epoch(void) {
	if (cache_epoch != rt_code_epoch)
		cache_flush();
}

/* A trap handler that returns must have moved pc (signal delivery);
 * returning to the same instruction would loop forever. */
static uint64_t after_trap(uint64_t pc, int sig) {
	if (rt_cpu.pc == pc)
		rt_kill(sig);
	return rt_cpu.pc;
}

/*
 * Run from rt_cpu.pc for about CHUNK instructions.  Returns 0 when control
 * reached a translated entry (rt_cpu.pc is it), 1 when the budget ran out
 * (rt_cpu.pc is the next block).  The budget exists for the Wasm engine:
 * V8 runs a function first as baseline code and uses its optimized
 * version only from the next call on (there is no on-stack replacement
 * for Wasm), so a loop that never returned would stay in baseline code,
 * about four times slower.
 */
#define CHUNK (1u << 20)

static int run_chunk(void) {
	const uint64_t stop = rt_cpu.n_interp + CHUNK;
	const struct ins *in;
	struct blk *b;
	uint64_t npc;
	int slot;

	check_epoch();
	x_load();
	npc = rt_cpu.pc;
	b = cache_find(npc);
	if (!b)
		b = build(npc);

enter:
	if (__builtin_expect(rt_cpu.n_interp >= stop, 0)) {
		rt_cpu.pc = b->pc;
		x_save();
		return 1;
	}
	rt_cpu.n_interp += b->n;
	for (in = b->insn;; in++) {
		switch (in->op) {
#define RV_INSN(name, mnem, match, mask, fmt, flags) \
	case RV_##name:                                  \
		goto op_##name;
#define RV_CINSN(name, mnem, match, mask, cfmt, base, flags)
#include "rv64.def"
		case IOP_NEXT:
			GOTO(in->pc, SUCC_FALL);
		default: /* RV_ILLEGAL; compressed rows never reach here */
			rt_cpu.pc = in->pc;
			x_save();
			rt_illegal();
			x_load();
			GOTO(after_trap(in->pc, RT_SIGILL), -1);
		}

		/* RV64I: upper immediates, jumps, branches */
	op_LUI: XW((uint64_t)IMM); NEXT;
	op_AUIPC: XW(PC + IMM); NEXT;
	op_JAL: {
		uint64_t link = PC + in->len;
		XW(link);
		GOTO(PC + IMM, SUCC_TAKEN);
	}
	op_JALR: {
		uint64_t target = (X1 + IMM) & ~(uint64_t)1, link = PC + in->len;
		XW(link);
		GOTO(target, SUCC_INDIRECT);
	}
	op_BEQ: BRANCH(X1 == X2);
	op_BNE: BRANCH(X1 != X2);
	op_BLT: BRANCH((int64_t)X1 < (int64_t)X2);
	op_BGE: BRANCH((int64_t)X1 >= (int64_t)X2);
	op_BLTU: BRANCH(X1 < X2);
	op_BGEU: BRANCH(X1 >= X2);

		/* loads and stores */
	op_LB: XW(ld_i8(X1 + IMM, in->pc)); NEXT;
	op_LH: XW(ld_i16(X1 + IMM, in->pc)); NEXT;
	op_LW: XW(ld_i32(X1 + IMM, in->pc)); NEXT;
	op_LD: XW(ld_64(X1 + IMM, in->pc)); NEXT;
	op_LBU: XW(ld_u8(X1 + IMM, in->pc)); NEXT;
	op_LHU: XW(ld_u16(X1 + IMM, in->pc)); NEXT;
	op_LWU: XW(ld_u32(X1 + IMM, in->pc)); NEXT;
	op_SB: st_8(X1 + IMM, X2, in->pc); NEXT;
	op_SH: st_16(X1 + IMM, X2, in->pc); NEXT;
	op_SW: st_32(X1 + IMM, X2, in->pc); NEXT;
	op_SD: st_64(X1 + IMM, X2, in->pc); NEXT;

		/* register-immediate */
	op_ADDI: XW(X1 + IMM); NEXT;
	op_SLTI: XW((int64_t)X1 < IMM); NEXT;
	op_SLTIU: XW(X1 < (uint64_t)IMM); NEXT;
	op_XORI: XW(X1 ^ IMM); NEXT;
	op_ORI: XW(X1 | IMM); NEXT;
	op_ANDI: XW(X1 & IMM); NEXT;
	op_SLLI: XW(X1 << (IMM & 63)); NEXT;
	op_SRLI: XW(X1 >> (IMM & 63)); NEXT;
	op_SRAI: XW((uint64_t)((int64_t)X1 >> (IMM & 63))); NEXT;
	op_ADDIW: XW(sext32(X1 + IMM)); NEXT;
	op_SLLIW: XW(sext32((uint32_t)X1 << (IMM & 31))); NEXT;
	op_SRLIW: XW(sext32((uint32_t)X1 >> (IMM & 31))); NEXT;
	op_SRAIW: XW((uint64_t)(int64_t)((int32_t)X1 >> (IMM & 31))); NEXT;

		/* register-register */
	op_ADD: XW(X1 + X2); NEXT;
	op_SUB: XW(X1 - X2); NEXT;
	op_SLL: XW(X1 << (X2 & 63)); NEXT;
	op_SLT: XW((int64_t)X1 < (int64_t)X2); NEXT;
	op_SLTU: XW(X1 < X2); NEXT;
	op_XOR: XW(X1 ^ X2); NEXT;
	op_SRL: XW(X1 >> (X2 & 63)); NEXT;
	op_SRA: XW((uint64_t)((int64_t)X1 >> (X2 & 63))); NEXT;
	op_OR: XW(X1 | X2); NEXT;
	op_AND: XW(X1 & X2); NEXT;
	op_ADDW: XW(sext32(X1 + X2)); NEXT;
	op_SUBW: XW(sext32(X1 - X2)); NEXT;
	op_SLLW: XW(sext32((uint32_t)X1 << (X2 & 31))); NEXT;
	op_SRLW: XW(sext32((uint32_t)X1 >> (X2 & 31))); NEXT;
	op_SRAW: XW((uint64_t)(int64_t)((int32_t)X1 >> (X2 & 31))); NEXT;

		/* system */
	op_FENCE: NEXT;
	op_FENCE_I:
		rt_cpu.pc = in->pc;
		rt_fence_i();
		check_epoch();
		GOTO(PC + in->len, -1);
	op_ECALL: {
		rt_cpu.pc = in->pc;
		x_save();
		rt_ecall();
		x_load();
		check_epoch();
		GOTO(rt_cpu.pc, -1);
	}
	op_EBREAK:
		rt_cpu.pc = in->pc;
		x_save();
		rt_ebreak();
		x_load();
		GOTO(after_trap(in->pc, RT_SIGTRAP), -1);

		/* Zicsr */
	CSR(CSRRW, 0, X1, 1)
	CSR(CSRRS, 1, X1, in->rs1 != 0)
	CSR(CSRRC, 2, X1, in->rs1 != 0)
	CSR(CSRRWI, 0, in->rs1, 1)
	CSR(CSRRSI, 1, in->rs1, in->rs1 != 0)
	CSR(CSRRCI, 2, in->rs1, in->rs1 != 0)

		/* M */
	op_MUL: XW(X1 * X2); NEXT;
	op_MULH: XW((uint64_t)(((__int128)(int64_t)X1 * (__int128)(int64_t)X2) >> 64)); NEXT;
	op_MULHSU: XW((uint64_t)(((__int128)(int64_t)X1 * (__int128)X2) >> 64)); NEXT;
	op_MULHU: XW((uint64_t)(((unsigned __int128)X1 * X2) >> 64)); NEXT;
	op_DIV: XW(div_s((int64_t)X1, (int64_t)X2)); NEXT;
	op_DIVU: XW(div_u(X1, X2)); NEXT;
	op_REM: XW(rem_s((int64_t)X1, (int64_t)X2)); NEXT;
	op_REMU: XW(rem_u(X1, X2)); NEXT;
	op_MULW: XW(sext32(X1 * X2)); NEXT;
	op_DIVW: XW(div_w((int32_t)X1, (int32_t)X2)); NEXT;
	op_DIVUW: XW(divu_w((uint32_t)X1, (uint32_t)X2)); NEXT;
	op_REMW: XW(rem_w((int32_t)X1, (int32_t)X2)); NEXT;
	op_REMUW: XW(remu_w((uint32_t)X1, (uint32_t)X2)); NEXT;

		/* A: all in rt_amo (cpu.c) */
	AMO(LR_W) AMO(SC_W) AMO(AMOSWAP_W) AMO(AMOADD_W) AMO(AMOXOR_W) AMO(AMOAND_W)
	AMO(AMOOR_W) AMO(AMOMIN_W) AMO(AMOMAX_W) AMO(AMOMINU_W) AMO(AMOMAXU_W)
	AMO(LR_D) AMO(SC_D) AMO(AMOSWAP_D) AMO(AMOADD_D) AMO(AMOXOR_D) AMO(AMOAND_D)
	AMO(AMOOR_D) AMO(AMOMIN_D) AMO(AMOMAX_D) AMO(AMOMINU_D) AMO(AMOMAXU_D)

		/* F and D: memory and bit moves here, arithmetic in fpwrap.c */
	op_FLW: FW(fpu_box32((uint32_t)ld_u32(X1 + IMM, in->pc))); NEXT;
	op_FLD: FW(ld_64(X1 + IMM, in->pc)); NEXT;
	op_FSW: st_32(X1 + IMM, F2, in->pc); NEXT;
	op_FSD: st_64(X1 + IMM, F2, in->pc); NEXT;
	op_FMV_X_W: XW(sext32(F1)); NEXT;
	op_FMV_W_X: FW(fpu_box32((uint32_t)X1)); NEXT;
	op_FMV_X_D: XW(F1); NEXT;
	op_FMV_D_X: FW(X1); NEXT;

	FP_RRR(FADD_S, rt_fadd_s) FP_RRR(FSUB_S, rt_fsub_s)
	FP_RRR(FMUL_S, rt_fmul_s) FP_RRR(FDIV_S, rt_fdiv_s)
	FP_R1(FSQRT_S, rt_fsqrt_s)
	FP_R4(FMADD_S, rt_fmadd_s) FP_R4(FMSUB_S, rt_fmsub_s)
	FP_R4(FNMSUB_S, rt_fnmsub_s) FP_R4(FNMADD_S, rt_fnmadd_s)
	FP_RR(FSGNJ_S, rt_fsgnj_s) FP_RR(FSGNJN_S, rt_fsgnjn_s) FP_RR(FSGNJX_S, rt_fsgnjx_s)
	FP_RR(FMIN_S, rt_fmin_s) FP_RR(FMAX_S, rt_fmax_s)
	FP_CMP(FEQ_S, rt_feq_s) FP_CMP(FLT_S, rt_flt_s) FP_CMP(FLE_S, rt_fle_s)
	op_FCLASS_S: XW(rt_fclass_s(F1)); NEXT;
	FP_TOX(FCVT_W_S, rt_fcvt_w_s) FP_TOX(FCVT_WU_S, rt_fcvt_wu_s)
	FP_TOX(FCVT_L_S, rt_fcvt_l_s) FP_TOX(FCVT_LU_S, rt_fcvt_lu_s)
	FP_FROMX(FCVT_S_W, rt_fcvt_s_w) FP_FROMX(FCVT_S_WU, rt_fcvt_s_wu)
	FP_FROMX(FCVT_S_L, rt_fcvt_s_l) FP_FROMX(FCVT_S_LU, rt_fcvt_s_lu)

	FP_RRR(FADD_D, rt_fadd_d) FP_RRR(FSUB_D, rt_fsub_d)
	FP_RRR(FMUL_D, rt_fmul_d) FP_RRR(FDIV_D, rt_fdiv_d)
	FP_R1(FSQRT_D, rt_fsqrt_d)
	FP_R4(FMADD_D, rt_fmadd_d) FP_R4(FMSUB_D, rt_fmsub_d)
	FP_R4(FNMSUB_D, rt_fnmsub_d) FP_R4(FNMADD_D, rt_fnmadd_d)
	FP_RR(FSGNJ_D, rt_fsgnj_d) FP_RR(FSGNJN_D, rt_fsgnjn_d) FP_RR(FSGNJX_D, rt_fsgnjx_d)
	FP_RR(FMIN_D, rt_fmin_d) FP_RR(FMAX_D, rt_fmax_d)
	FP_CMP(FEQ_D, rt_feq_d) FP_CMP(FLT_D, rt_flt_d) FP_CMP(FLE_D, rt_fle_d)
	op_FCLASS_D: XW(rt_fclass_d(F1)); NEXT;
	FP_TOX(FCVT_W_D, rt_fcvt_w_d) FP_TOX(FCVT_WU_D, rt_fcvt_wu_d)
	FP_TOX(FCVT_L_D, rt_fcvt_l_d) FP_TOX(FCVT_LU_D, rt_fcvt_lu_d)
	FP_FROMX(FCVT_D_W, rt_fcvt_d_w) FP_FROMX(FCVT_D_WU, rt_fcvt_d_wu)
	FP_FROMX(FCVT_D_L, rt_fcvt_d_l) FP_FROMX(FCVT_D_LU, rt_fcvt_d_lu)
	FP_R1(FCVT_S_D, rt_fcvt_s_d) FP_R1(FCVT_D_S, rt_fcvt_d_s)

		/* Zba */
	op_ADD_UW: XW((uint64_t)(uint32_t)X1 + X2); NEXT;
	op_SH1ADD: XW((X1 << 1) + X2); NEXT;
	op_SH2ADD: XW((X1 << 2) + X2); NEXT;
	op_SH3ADD: XW((X1 << 3) + X2); NEXT;
	op_SH1ADD_UW: XW(((uint64_t)(uint32_t)X1 << 1) + X2); NEXT;
	op_SH2ADD_UW: XW(((uint64_t)(uint32_t)X1 << 2) + X2); NEXT;
	op_SH3ADD_UW: XW(((uint64_t)(uint32_t)X1 << 3) + X2); NEXT;
	op_SLLI_UW: XW((uint64_t)(uint32_t)X1 << (IMM & 63)); NEXT;

		/* Zbb */
	op_ANDN: XW(X1 & ~X2); NEXT;
	op_ORN: XW(X1 | ~X2); NEXT;
	op_XNOR: XW(~(X1 ^ X2)); NEXT;
	op_CLZ: XW(X1 ? (uint64_t)__builtin_clzll(X1) : 64); NEXT;
	op_CLZW: XW((uint32_t)X1 ? (uint64_t)__builtin_clz((uint32_t)X1) : 32); NEXT;
	op_CTZ: XW(X1 ? (uint64_t)__builtin_ctzll(X1) : 64); NEXT;
	op_CTZW: XW((uint32_t)X1 ? (uint64_t)__builtin_ctz((uint32_t)X1) : 32); NEXT;
	op_CPOP: XW((uint64_t)__builtin_popcountll(X1)); NEXT;
	op_CPOPW: XW((uint64_t)__builtin_popcount((uint32_t)X1)); NEXT;
	op_MAX: XW((int64_t)X1 > (int64_t)X2 ? X1 : X2); NEXT;
	op_MAXU: XW(X1 > X2 ? X1 : X2); NEXT;
	op_MIN: XW((int64_t)X1 < (int64_t)X2 ? X1 : X2); NEXT;
	op_MINU: XW(X1 < X2 ? X1 : X2); NEXT;
	op_SEXT_B: XW((uint64_t)(int64_t)(int8_t)X1); NEXT;
	op_SEXT_H: XW((uint64_t)(int64_t)(int16_t)X1); NEXT;
	op_ZEXT_H: XW((uint16_t)X1); NEXT;
	op_ROL: XW(rol64(X1, (unsigned)X2)); NEXT;
	op_ROR: XW(ror64(X1, (unsigned)X2)); NEXT;
	op_RORI: XW(ror64(X1, (unsigned)IMM)); NEXT;
	op_ROLW: XW(rol32((uint32_t)X1, (unsigned)X2)); NEXT;
	op_RORW: XW(ror32((uint32_t)X1, (unsigned)X2)); NEXT;
	op_RORIW: XW(ror32((uint32_t)X1, (unsigned)IMM)); NEXT;
	op_ORC_B: XW(orc_b(X1)); NEXT;
	op_REV8: XW(__builtin_bswap64(X1)); NEXT;

		/* Zbs */
	op_BCLR: XW(X1 & ~((uint64_t)1 << (X2 & 63))); NEXT;
	op_BEXT: XW((X1 >> (X2 & 63)) & 1); NEXT;
	op_BINV: XW(X1 ^ ((uint64_t)1 << (X2 & 63))); NEXT;
	op_BSET: XW(X1 | ((uint64_t)1 << (X2 & 63))); NEXT;
	op_BCLRI: XW(X1 & ~((uint64_t)1 << (IMM & 63))); NEXT;
	op_BEXTI: XW((X1 >> (IMM & 63)) & 1); NEXT;
	op_BINVI: XW(X1 ^ ((uint64_t)1 << (IMM & 63))); NEXT;
	op_BSETI: XW(X1 | ((uint64_t)1 << (IMM & 63))); NEXT;
	}

leave:
	/*
	 * Block end: follow the remembered successor when it still matches,
	 * else return to translated code if it has npc, else find or decode
	 * the block (which may flush the cache, and `b` with it).
	 */
	if (slot >= 0) {
		struct blk *nb = b->succ[slot];
		if (nb && nb->pc == npc) {
			b = nb;
			goto enter;
		}
		nb = jump_cache[jump_slot(npc)];
		if (nb && nb->pc == npc) {
			b->succ[slot] = nb;
			b = nb;
			goto enter;
		}
	}
	if (has_entry(npc)) {
		rt_cpu.pc = npc;
		x_save();
		return 0;
	}
	{
		struct blk *nb = cache_find(npc);
		uint32_t gen = cache_gen;
		if (!nb)
			nb = build(npc);
		if (slot >= 0 && gen == cache_gen)
			b->succ[slot] = nb;
		jump_cache[jump_slot(npc)] = nb;
		b = nb;
		goto enter;
	}
}

/* Called through a pointer the optimizer cannot see through: inlined into
 * its caller (Binaryen inlines functions called once), run_chunk would
 * never return. */
static int (*volatile run_chunk_ptr)(void) = run_chunk;

void rt_interp_run(void) {
	if (rt_debug)
		fprintf(stderr, "friscy: interpreting from 0x%llx\n", (unsigned long long)rt_cpu.pc);
	while (run_chunk_ptr())
		;
}

