/*
 * inline.c: small leaf functions copied into their callers.
 *
 * A call between translated functions costs a spill of the caller's dirty
 * registers to rt_cpu, the callee's loads of what it reads and stores of
 * what it writes, the caller's reloads and its check of the return
 * address: for a leaf of twenty instructions (hash's load_le64, called
 * twice per 16 bytes) that is more than the leaf's own work.  A copy of
 * the callee's blocks inside the caller keeps the registers in the
 * caller's locals throughout.
 *
 * The copy stays exact without trusting the callee.  The call's jal still
 * writes ra; the callee's return (jalr x0, 0(ra)) becomes a one-entry
 * jump table whose entry is the return site, so a callee that changed ra
 * leaves for the dispatcher at the address it computed, as a return that
 * does not come back does today.  The copied blocks count their
 * instructions as the callee's own do, and a fault or an instruction left
 * to the interpreter leaves at the callee's pc with ra set, from where the
 * interpreter returns into the caller as it would from the callee.
 *
 * What is copied: a function of at most INLINE_MAX instructions whose
 * blocks only fall through, branch, jump inside it and return, with no
 * cycle (a loop's header would have to be an entry, for the loop budget,
 * and a copy has none), called by jal ra at its start.  A caller grows by
 * at most its own size or INLINE_GROW instructions, whichever is more.
 * One level: calls inside a copy are not looked at (a leaf has none).
 * Functions that call themselves get no copies (see self_recursive).
 */
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "friscy.h"

enum { INLINE_MAX = 48, INLINE_GROW = 256 };

static int func_index(const struct cfg_prog *cp, uint64_t pc)
{
	size_t lo = 0, hi = cp->nfuncs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp->funcs[mid].start < pc)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < cp->nfuncs && cp->funcs[lo].start == pc ? (int)lo : -1;
}

/* Depth-first search for a cycle: 1 on the stack, 2 done. */
static int cyclic(const struct cfg_func *g, int bi, uint8_t *mark)
{
	const struct cfg_block *b = &g->blocks[bi];
	int next[2] = {b->term == CFG_FALL ? -1 : b->succ, b->fall};

	if (mark[bi])
		return mark[bi] == 1;
	mark[bi] = 1;
	for (int k = 0; k < 2; k++)
		if (next[k] >= 0 && cyclic(g, next[k], mark))
			return 1;
	mark[bi] = 2;
	return 0;
}

static int inlinable(const struct cfg_func *g)
{
	if (g->ninsns > INLINE_MAX || !g->nblocks)
		return 0;
	for (size_t bi = 0; bi < g->nblocks; bi++) {
		const struct cfg_block *b = &g->blocks[bi];

		if (b->loop || b->n == 0)
			return 0;
		if (b->term != CFG_FALL && b->term != CFG_BRANCH && b->term != CFG_JUMP && b->term != CFG_RET)
			return 0;
	}
	uint8_t *mark = xcalloc(g->nblocks, 1);
	int cyc = 0;

	for (size_t bi = 0; bi < g->nblocks && !cyc; bi++)
		cyc = cyclic(g, (int)bi, mark);
	free(mark);
	return !cyc;
}

/* Whether some instruction of g may write ra. */
static int writes_ra(const struct cfg_func *g)
{
	for (size_t k = 0; k < g->ninsns; k++)
		if (rv_writes(&g->insns[k]) & 2)
			return 1;
	return 0;
}

/* Appends a copy of g to fn for the call ending block ci; returns the
 * number of instructions copied. */
static size_t copy_into(struct cfg_func *fn, size_t ci, const struct cfg_func *g)
{
	size_t ib = fn->ninsns, bb = fn->nblocks;
	int cont = fn->blocks[ci].fall, keeps_ra = !writes_ra(g);

	fn->insns = xrealloc(fn->insns, (ib + g->ninsns) * sizeof *fn->insns);
	memcpy(fn->insns + ib, g->insns, g->ninsns * sizeof *g->insns);
	fn->ninsns += g->ninsns;
	fn->blocks = xrealloc(fn->blocks, (bb + g->nblocks) * sizeof *fn->blocks);
	for (size_t k = 0; k < g->nblocks; k++) {
		struct cfg_block c = g->blocks[k];

		c.first += (uint32_t)ib;
		c.succ = c.succ >= 0 ? c.succ + (int)bb : -1;
		c.fall = c.fall >= 0 ? c.fall + (int)bb : -1;
		c.entry = -1;
		c.table = NULL;
		c.table_blk = NULL;
		c.ntable = 0;
		c.jt = NULL; /* the copy loads its entries */
		if (c.term == CFG_RET && keeps_ra) {
			/* nothing in the copy writes ra and nothing enters the
			 * copy but the call, so ra is the return site */
			c.term = CFG_JUMP;
			c.target = fn->blocks[cont].start;
			c.succ = cont;
		} else if (c.term == CFG_RET) {
			c.term = CFG_IJUMP;
			c.iret = 1;
			c.ntable = 1;
			c.table = xmalloc(sizeof *c.table);
			c.table[0] = fn->blocks[cont].start;
			c.table_blk = xmalloc(sizeof *c.table_blk);
			c.table_blk[0] = cont;
		}
		fn->blocks[bb + k] = c;
	}
	fn->nblocks += g->nblocks;

	struct cfg_block *call = &fn->blocks[ci];

	call->term = CFG_JUMP;
	call->succ = (int)bb + g->entry_blk[0];
	call->fall = -1;
	return g->ninsns;
}

/*
 * Joins each block that falls or jumps to a block nothing else reaches
 * (one predecessor, not an entry, not a loop header) with that block, so
 * that a loop calling a leaf becomes one block again, which countdowns
 * and span caches serve best.  A jal or an inlined return that ended a
 * joined block becomes an instruction of the body (translate.c: the link
 * write; the return, proven, does nothing).
 */
static void join(struct cfg_func *fn)
{
	size_t n = fn->nblocks;
	int *npred = xcalloc(n, sizeof *npred), *next = xmalloc(n * sizeof *next), *head = xmalloc(n * sizeof *head);
	int *newi = xmalloc(n * sizeof *newi);

	for (size_t bi = 0; bi < n; bi++) {
		const struct cfg_block *b = &fn->blocks[bi];

		if (b->succ >= 0)
			npred[b->succ]++;
		if (b->fall >= 0)
			npred[b->fall]++;
		for (uint32_t k = 0; k < b->ntable; k++)
			npred[b->table_blk[k]]++;
	}
	for (size_t k = 0; k < fn->nentries; k++)
		npred[fn->entry_blk[k]] += 2;
	for (size_t bi = 0; bi < n; bi++) {
		const struct cfg_block *b = &fn->blocks[bi];
		int s = b->term == CFG_JUMP ? b->succ : b->term == CFG_FALL ? b->fall : -1;

		next[bi] = -1;
		if (s >= 0 && s != (int)bi && npred[s] == 1 && fn->blocks[s].entry < 0 && !fn->blocks[s].loop)
			next[bi] = s;
		head[bi] = 1;
	}
	for (size_t bi = 0; bi < n; bi++)
		if (next[bi] >= 0)
			head[next[bi]] = 0;

	/* new order: each run from its head; a run with no head is a cycle
	 * of joins, which one predecessor each and no entry make unreachable */
	struct rv_insn *insns = xmalloc((fn->ninsns ? fn->ninsns : 1) * sizeof *insns);
	struct cfg_block *blocks = xmalloc(n * sizeof *blocks);
	size_t ni = 0, nb = 0;

	for (size_t bi = 0; bi < n; bi++)
		newi[bi] = -1;
	for (size_t bi = 0; bi < n; bi++) {
		if (!head[bi])
			continue;
		struct cfg_block nbk = fn->blocks[bi];
		int last = (int)bi;

		nbk.first = (uint32_t)ni;
		nbk.n = 0;
		for (int c = (int)bi; c >= 0; c = next[c]) {
			const struct cfg_block *cb = &fn->blocks[c];

			memcpy(insns + ni, fn->insns + cb->first, cb->n * sizeof *insns);
			ni += cb->n;
			nbk.n += cb->n;
			newi[c] = (int)nb;
			last = c; /* only the last can have a table: the others fall or jump */
		}
		const struct cfg_block *lb = &fn->blocks[last];

		nbk.term = lb->term;
		nbk.target = lb->target;
		nbk.succ = lb->succ;
		nbk.fall = lb->fall;
		nbk.table = lb->table;
		nbk.table_blk = lb->table_blk;
		nbk.ntable = lb->ntable;
		nbk.iret = lb->iret;
		nbk.jt = lb->jt;
		blocks[nb++] = nbk;
	}
	for (size_t bi = 0; bi < nb; bi++) {
		struct cfg_block *b = &blocks[bi];

		b->succ = b->succ >= 0 ? newi[b->succ] : -1;
		b->fall = b->fall >= 0 ? newi[b->fall] : -1;
		for (uint32_t k = 0; k < b->ntable; k++)
			b->table_blk[k] = newi[b->table_blk[k]];
	}
	for (size_t k = 0; k < fn->nentries; k++)
		fn->entry_blk[k] = newi[fn->entry_blk[k]];
	free(fn->insns);
	free(fn->blocks);
	fn->insns = insns;
	fn->ninsns = ni;
	fn->blocks = blocks;
	fn->nblocks = nb;
	free(npred);
	free(next);
	free(head);
	free(newi);
}

/*
 * Whether fn calls itself.  Copies into such a function made it slower:
 * busybox awk's evaluator (945 instructions, seven calls of itself) ran
 * 18 % slower with two copies of a nine-instruction leaf, and as fast as
 * before with none.  A self call's return site is an entry inside a loop
 * (cfg.c), which may be what makes the copies cost; not pinned down.
 */
static int self_recursive(const struct cfg_func *fn)
{
	for (size_t bi = 0; bi < fn->nblocks; bi++)
		if (fn->blocks[bi].term == CFG_CALL && fn->blocks[bi].target == fn->start)
			return 1;
	return 0;
}

void cfg_inline(struct cfg_prog *cp)
{
	uint8_t *ok = xcalloc(cp->nfuncs ? cp->nfuncs : 1, 1);

	for (size_t i = 0; i < cp->nfuncs; i++)
		ok[i] = (uint8_t)inlinable(&cp->funcs[i]);
	for (size_t i = 0; i < cp->nfuncs; i++) {
		struct cfg_func *fn = &cp->funcs[i];
		size_t budget = fn->ninsns > INLINE_GROW ? fn->ninsns : INLINE_GROW, n0 = fn->nblocks;
		size_t before = cp->ninlined;

		if (self_recursive(fn))
			continue;

		for (size_t bi = 0; bi < n0; bi++) {
			const struct cfg_block *b = &fn->blocks[bi];

			if (b->term != CFG_CALL || b->fall < 0 || b->n == 0)
				continue;
			const struct rv_insn *jal = &fn->insns[b->first + b->n - 1];
			int gi = func_index(cp, b->target);

			if (jal->op != RV_JAL || jal->rd != 1 || gi < 0 || gi == (int)i || !ok[gi] ||
			    cp->funcs[gi].ninsns > budget)
				continue;
			size_t n = copy_into(fn, bi, &cp->funcs[gi]);

			budget -= n;
			cp->ninlined++;
			cp->ninlined_insns += n;
		}
		if (cp->ninlined != before)
			join(fn);
	}
	free(ok);
}
