/*
 * fenv.c: what the program can do with its floating-point environment,
 * decided once for the whole program.  Translated code keeps fflags exact
 * only when some instruction may read them, and checks frm only when some
 * instruction may change it; otherwise the fast path of an FP operation
 * only has to catch a NaN result (compiler/emit/translate.c).
 *
 * Every instruction of the executable sections counts, in a linear sweep
 * as objdump makes it, not only the code the CFG reached.  One kind of
 * read is harmless: gcc brackets a quiet comparison with frflags and
 * fsflags (isless() and friends, the errno test before sqrt) to save the
 * flags and put them back.  The saved copy must then be dead after the
 * restore.  Liveness decides that over the functions holding the code:
 * anything unknown (an unpredicted jump, code outside every function)
 * reads every register; a return leaves live the results and the
 * callee-saved registers; a call reads none of the others.  That last
 * rule is where the shape matters: a call does read the arguments its
 * caller set, and only gcc's own expansion guarantees that the saved
 * copy is not one of them (it is a temporary of the builtin, which an
 * argument for a later call is written over).  Hand-written code that
 * saves the flags this way and then passes them to a call untouched
 * would be misjudged.
 *
 * What escapes: a program generating code at run time that reads fflags,
 * while its own text never does, would read stale flags.
 *
 * The same sweep notes whether the program reads the cycle or instret
 * counter: rt answers both with the count of retired instructions, which
 * translated code then has to keep (emit_translate).  Code generated at
 * run time runs on the interpreter, which always counts, but would see
 * translated code's instructions missing from the count.
 */
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "friscy.h"

#define ALL (~0ull)
#define XR(i) (1ull << (i))
#define FR(i) (1ull << (32 + (i)))

enum { CSR_FFLAGS = 1, CSR_FRM = 2, CSR_FCSR = 3 };
/* cycle 0xC00 and instret 0xC02; cycleh and instreth (0xC80, 0xC82) only
 * exist on RV32, where a read raises SIGILL, but they are caught too */
enum { CSR_CYCLE = 0xC00 };

/* Kept by a callee: sp, gp, tp, s0-s11, fs0-fs11. */
static uint64_t preserved(void)
{
	uint64_t m = XR(2) | XR(3) | XR(4) | XR(8) | XR(9) | FR(8) | FR(9);

	for (int i = 18; i <= 27; i++)
		m |= XR(i) | FR(i);
	return m;
}

/* Live when a function returns: those, ra and the results a0, a1, fa0, fa1. */
static uint64_t ret_live(void)
{
	return preserved() | XR(1) | XR(10) | XR(11) | FR(10) | FR(11);
}

static int is_csr(const struct rv_insn *in)
{
	return rv_ops[in->op].flags & RV_F_CSR;
}

/* The CSR is written: csrrw/csrrwi always, the set/clear forms when rs1
 * (or the immediate, kept in rs1) is not zero. */
static int csr_writes(const struct rv_insn *in)
{
	return in->op == RV_CSRRW || in->op == RV_CSRRWI || in->rs1 != 0;
}

/* Registers live after block b's instructions, given live[] of the blocks. */
static uint64_t block_out(const struct cfg_block *b, const uint64_t *live)
{
	uint64_t fall = b->fall >= 0 ? live[b->fall] : ALL;

	switch (b->term) {
	case CFG_FALL:
	case CFG_FENCEI:
		return fall;
	case CFG_BRANCH:
		return (b->succ >= 0 ? live[b->succ] : ALL) | fall;
	case CFG_JUMP:
		return b->succ >= 0 ? live[b->succ] : ALL;
	case CFG_CALL:
	case CFG_ICALL:
		return fall & preserved();
	case CFG_TAIL:
	case CFG_RET:
		return ret_live();
	case CFG_ECALL: /* the kernel reads a0-a7 */
		return (XR(10) | XR(11) | XR(12) | XR(13) | XR(14) | XR(15) | XR(16) | XR(17)) | fall;
	case CFG_IJUMP: {
		uint64_t m = 0;

		for (uint32_t k = 0; k < b->ntable; k++)
			m |= b->table_blk[k] >= 0 ? live[b->table_blk[k]] : ALL;
		return m;
	}
	default: /* EXIT */
		return ALL;
	}
}

/* Registers live before insns [from, n) of block b, given those live
 * after it. */
static uint64_t live_back(const struct cfg_func *fn, const struct cfg_block *b, uint32_t from, uint64_t l)
{
	for (uint32_t k = b->n; k-- > from;) {
		const struct rv_insn *in = &fn->insns[b->first + k];

		l = (l & ~rv_writes(in)) | rv_reads(in);
	}
	return l;
}

/* live[] of fn's blocks (their live-in sets), by the usual fixed point. */
static void func_live(const struct cfg_func *fn, uint64_t *live)
{
	int changed = 1;

	memset(live, 0, fn->nblocks * sizeof *live);
	while (changed) {
		changed = 0;
		for (size_t bi = fn->nblocks; bi-- > 0;) {
			const struct cfg_block *b = &fn->blocks[bi];
			uint64_t l = live_back(fn, b, 0, block_out(b, live));

			if ((live[bi] | l) != live[bi]) {
				live[bi] |= l;
				changed = 1;
			}
		}
	}
}

/* Register r is dead right after the instruction at pc in every function
 * holding it (and some function holds it). */
static int dead_after(const struct cfg_prog *cp, uint64_t pc, int r)
{
	int found = 0, dead = 1;

	for (size_t f = 0; f < cp->nfuncs && dead; f++) {
		const struct cfg_func *fn = &cp->funcs[f];
		uint64_t *live = NULL;

		for (size_t bi = 0; bi < fn->nblocks && dead; bi++) {
			const struct cfg_block *b = &fn->blocks[bi];

			for (uint32_t k = 0; k < b->n; k++) {
				if (fn->insns[b->first + k].pc != pc)
					continue;
				if (!live) {
					live = xcalloc(fn->nblocks, sizeof *live);
					func_live(fn, live);
				}
				found = 1;
				dead = !(live_back(fn, b, k + 1, block_out(b, live)) >> r & 1);
			}
		}
		free(live);
	}
	return found && dead;
}

/* One quiet comparison between saving and restoring the flags. */
static int is_compare(const struct rv_insn *in)
{
	switch (in->op) {
	case RV_FEQ_S: case RV_FLT_S: case RV_FLE_S:
	case RV_FEQ_D: case RV_FLT_D: case RV_FLE_D:
		return 1;
	default:
		return 0;
	}
}

/*
 * The read of a CSR into rd at `rd_in` is gcc's save around a quiet
 * comparison: one feq/flt/fle not touching rd, then `csrrw x0, csr, rd`
 * putting the CSR back.  Returns the restore's address, or 0.
 */
static uint64_t save_restore(const struct elf_file *ef, const struct rv_insn *rd_in)
{
	struct rv_insn in[2];
	uint64_t pc = rd_in->pc + rd_in->len;

	for (int k = 0; k < 2; k++) {
		size_t avail;
		const uint8_t *p = elf_bytes(ef, pc, &avail);

		if (!p || !rv_decode(&in[k], p, avail, pc))
			return 0;
		pc += in[k].len;
	}
	if (!is_compare(&in[0]) || ((rv_reads(&in[0]) | rv_writes(&in[0])) >> rd_in->rd & 1))
		return 0;
	if (in[1].op != RV_CSRRW || in[1].rd != 0 || in[1].imm != rd_in->imm || in[1].rs1 != rd_in->rd)
		return 0;
	return in[1].pc;
}

/* The instructions of code[0, n), at guest address pc0, in a linear sweep. */
static void sweep(struct cfg_prog *cp, const struct elf_file *ef, const uint8_t *code, uint64_t n, uint64_t pc0)
{
	for (uint64_t off = 0; off + 2 <= n;) {
		struct rv_insn in;
		uint64_t restore;

		if (!rv_decode(&in, code + off, n - off, pc0 + off)) {
			off += 2;
			continue;
		}
		off += in.len;
		if (!is_csr(&in))
			continue;
		if ((in.imm & ~0x82) == CSR_CYCLE && in.rd != 0)
			cp->counters_read = 1;
		if ((in.imm == CSR_FRM || in.imm == CSR_FCSR) && csr_writes(&in))
			cp->frm_written = 1;
		if ((in.imm != CSR_FFLAGS && in.imm != CSR_FCSR) || in.rd == 0 || cp->flags_read)
			continue;
		restore = save_restore(ef, &in);
		if (!restore || !dead_after(cp, restore, in.rd))
			cp->flags_read = 1;
	}
}

void cfg_fenv(struct cfg_prog *cp, const struct elf_file *ef)
{
	int secs = 0;

	cp->flags_read = cp->frm_written = cp->counters_read = 0;
	/* the executable sections, as objdump -d shows them; without section
	 * headers, the executable segments */
	for (size_t s = 0; s < ef->nsecs; s++)
		if ((ef->secs[s].flags & 4) && ef->secs[s].data) {
			sweep(cp, ef, ef->secs[s].data, ef->secs[s].size, ef->secs[s].addr);
			secs = 1;
		}
	for (size_t s = 0; !secs && s < ef->nsegs; s++)
		if (ef->segs[s].prot & 4)
			sweep(cp, ef, ef->segs[s].data, ef->segs[s].filesz, ef->segs[s].vaddr);
}
