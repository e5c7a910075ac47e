/*
 * split.c: cycles with several ways in made single-entry, by copying.
 *
 * A cycle of blocks that control can enter at more than one block is
 * irreducible: no block dominates the others, and the Relooper then
 * dispatches every iteration through its label variable (a chain of
 * compares at the loop's head, the label stored at each block's end).
 * glibc's _wordcopy_fwd_dest_aligned, a Duff's device that jumps into its
 * unrolled loop at one of four points, spent a dozen instructions an
 * iteration on that in the strings kernel.
 *
 * Node splitting: of a strongly connected component's entries, one stays
 * the head H (the outermost loop header cfg.c chose, when there is one,
 * which is an entry for the loop budget); for every other entry E, the
 * blocks reachable from E inside the component without passing H are
 * copied, and the edges from outside the component into E go to the
 * copy.  The copy runs the partial iteration once and joins the cycle at
 * H.  Nothing changes meaning: a copy runs the same instructions with the
 * same successors.  Skipped: a component whose other entries are entries
 * of the function (the dispatcher may enter them), and one whose copies
 * would exceed SPLIT_MAX instructions: with no limit busybox copied 38k
 * instructions (its module 7 % larger); with 64, 7.8k (1.3 %), and the
 * strings kernel gained as much (1.24x) as with no limit.
 */
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "friscy.h"

enum { SPLIT_MAX = 64 };

/* Successor k of block b (the taken branch or jump, the fall-through,
 * then the jump table's), or -1 past the last. */
static int succ_at(const struct cfg_block *b, size_t k)
{
	if ((b->term == CFG_BRANCH || b->term == CFG_JUMP) && b->succ >= 0 && k-- == 0)
		return b->succ;
	if (b->fall >= 0 && k-- == 0)
		return b->fall;
	return k < b->ntable ? b->table_blk[k] : -1;
}

/* Tarjan's strongly connected components, iteratively: comp[b].  The
 * depth-first stack holds, per level, the block and how many of its
 * successors were looked at. */
struct scc {
	const struct cfg_func *fn;
	int *index, *low, *comp, *stack, *onstack;
	int next, sp, ncomp;
	size_t depth;
	int *fv;
	size_t *fk;
};

static void push(struct scc *s, int w)
{
	size_t d = s->depth++;

	s->fv[d] = w;
	s->fk[d] = 0;
	s->index[w] = s->low[w] = s->next++;
	s->stack[s->sp++] = w;
	s->onstack[w] = 1;
}

static void strong(struct scc *s, int v0)
{
	push(s, v0);
	while (s->depth) {
		size_t d = s->depth - 1;
		int v = s->fv[d], w = succ_at(&s->fn->blocks[v], s->fk[d]);

		if (w >= 0) {
			s->fk[d]++;
			if (s->index[w] < 0)
				push(s, w);
			else if (s->onstack[w] && s->index[w] < s->low[v])
				s->low[v] = s->index[w];
			continue;
		}
		if (s->low[v] == s->index[v]) {
			do {
				w = s->stack[--s->sp];
				s->onstack[w] = 0;
				s->comp[w] = s->ncomp;
			} while (w != v);
			s->ncomp++;
		}
		s->depth--;
		if (s->depth && s->low[v] < s->low[s->fv[s->depth - 1]])
			s->low[s->fv[s->depth - 1]] = s->low[v];
	}
}

/* Appends a copy of block bi (instructions too); returns its index. */
static int copy_block(struct cfg_func *fn, int bi)
{
	struct cfg_block c = fn->blocks[bi];
	size_t ib = fn->ninsns;

	fn->insns = xrealloc(fn->insns, (ib + c.n ? ib + c.n : 1) * sizeof *fn->insns);
	memcpy(fn->insns + ib, fn->insns + c.first, c.n * sizeof *fn->insns);
	fn->ninsns += c.n;
	c.first = (uint32_t)ib;
	c.entry = -1;
	c.loop = 0;
	c.table = NULL;
	c.table_blk = NULL;
	if (c.jt) { /* each block owns its table (cfg_free) */
		const struct cfg_jtab *o = fn->blocks[bi].jt;
		struct cfg_jtab *j = xmalloc(sizeof *j);

		*j = *o;
		j->to = xmalloc((o->n ? o->n : 1) * sizeof *j->to);
		memcpy(j->to, o->to, o->n * sizeof *j->to);
		c.jt = j;
	}
	if (c.ntable) {
		c.table = xmalloc(c.ntable * sizeof *c.table);
		memcpy(c.table, fn->blocks[bi].table, c.ntable * sizeof *c.table);
		c.table_blk = xmalloc(c.ntable * sizeof *c.table_blk);
		memcpy(c.table_blk, fn->blocks[bi].table_blk, c.ntable * sizeof *c.table_blk);
	}
	fn->blocks = xrealloc(fn->blocks, (fn->nblocks + 1) * sizeof *fn->blocks);
	fn->blocks[fn->nblocks] = c;
	return (int)fn->nblocks++;
}

/* Points the edges of block b that go to `from` at `to`. */
static void retarget(struct cfg_block *b, int from, int to)
{
	if ((b->term == CFG_BRANCH || b->term == CFG_JUMP) && b->succ == from)
		b->succ = to;
	if (b->fall == from)
		b->fall = to;
	for (uint32_t k = 0; k < b->ntable; k++)
		if (b->table_blk[k] == from)
			b->table_blk[k] = to;
}

/* Splits the component c of fn (comp[] over its first n0 blocks);
 * returns the instructions copied, 0 when it was left alone. */
static size_t split_one(struct cfg_func *fn, const int *comp, size_t n0, int c, const uint8_t *isentry)
{
	int head = -1, nent = 0;
	uint8_t *entry = xcalloc(n0, 1), *seen = xmalloc(n0);
	int *reach = xmalloc(n0 * sizeof *reach), *copy = xmalloc(n0 * sizeof *copy);
	size_t copied = 0, need = 0;

	/* its entries: reached from outside it, or by the dispatcher */
	for (size_t bi = 0; bi < n0; bi++) {
		int w;

		for (size_t k = 0; (w = succ_at(&fn->blocks[bi], k)) >= 0; k++)
			if (w < (int)n0 && comp[w] == c && comp[bi] != c)
				entry[w] = 1;
		if (comp[bi] == c && isentry[bi])
			entry[bi] = 1;
	}
	for (size_t bi = 0; bi < n0; bi++) {
		const struct cfg_block *b = &fn->blocks[bi];

		if (!entry[bi])
			continue;
		nent++;
		if (head < 0 || b->loop > fn->blocks[head].loop ||
		    (b->loop == fn->blocks[head].loop && b->start < fn->blocks[head].start))
			head = (int)bi;
	}
	for (size_t bi = 0; bi < n0; bi++)
		if (entry[bi] && (int)bi != head && isentry[bi])
			nent = 0; /* the dispatcher may enter there: leave it */

	/* pass 0 measures, pass 1 copies: for each other entry e, the
	 * blocks it reaches inside the component without passing the head */
	for (int pass = 0; pass < 2 && nent >= 2; pass++) {
		for (size_t e = 0; e < n0; e++) {
			if (!entry[e] || (int)e == head)
				continue;
			size_t nr = 0;

			memset(seen, 0, n0);
			seen[e] = 1;
			reach[nr++] = (int)e;
			for (size_t k = 0; k < nr; k++) {
				int w;

				for (size_t j = 0; (w = succ_at(&fn->blocks[reach[k]], j)) >= 0; j++)
					if (w < (int)n0 && comp[w] == c && w != head && !seen[w]) {
						seen[w] = 1;
						reach[nr++] = w;
					}
			}
			if (pass == 0) {
				for (size_t k = 0; k < nr; k++)
					need += fn->blocks[reach[k]].n;
				continue;
			}
			for (size_t k = 0; k < nr; k++)
				copy[reach[k]] = copy_block(fn, reach[k]);
			/* inside the copy, its own blocks; originals are below n0
			 * and copies above, so no edge is moved twice */
			for (size_t k = 0; k < nr; k++)
				for (size_t r = 0; r < nr; r++)
					retarget(&fn->blocks[copy[reach[k]]], reach[r], copy[reach[r]]);
			/* the ways in from outside the component take the copy */
			for (size_t bi = 0; bi < fn->nblocks; bi++)
				if (bi >= n0 || comp[bi] != c)
					retarget(&fn->blocks[bi], (int)e, copy[e]);
			for (size_t k = 0; k < nr; k++)
				copied += fn->blocks[reach[k]].n;
		}
		if (need > SPLIT_MAX)
			break;
	}
	free(entry);
	free(seen);
	free(reach);
	free(copy);
	return copied;
}

void cfg_split(struct cfg_prog *cp)
{
	for (size_t i = 0; i < cp->nfuncs; i++) {
		struct cfg_func *fn = &cp->funcs[i];
		size_t n0 = fn->nblocks;

		if (n0 < 2)
			continue;
		struct scc s = {.fn = fn};

		s.fv = xmalloc(n0 * sizeof *s.fv);
		s.fk = xmalloc(n0 * sizeof *s.fk);
		s.index = xmalloc(n0 * sizeof(int));
		s.low = xmalloc(n0 * sizeof(int));
		s.comp = xmalloc(n0 * sizeof(int));
		s.stack = xmalloc(n0 * sizeof(int));
		s.onstack = xcalloc(n0, sizeof(int));
		for (size_t bi = 0; bi < n0; bi++)
			s.index[bi] = -1;
		for (size_t bi = 0; bi < n0; bi++)
			if (s.index[bi] < 0)
				strong(&s, (int)bi);

		uint8_t *isentry = xcalloc(n0, 1);
		size_t *size = xcalloc((size_t)s.ncomp, sizeof *size);

		for (size_t k = 0; k < fn->nentries; k++)
			isentry[fn->entry_blk[k]] = 1;
		for (size_t bi = 0; bi < n0; bi++) {
			if (fn->blocks[bi].entry >= 0)
				isentry[bi] = 1;
			size[s.comp[bi]]++;
		}
		for (int c = 0; c < s.ncomp; c++) {
			if (size[c] < 2)
				continue;
			cp->nsplit_insns += split_one(fn, s.comp, n0, c, isentry);
		}
		free(isentry);
		free(size);
		free(s.index);
		free(s.low);
		free(s.comp);
		free(s.stack);
		free(s.onstack);
		free(s.fv);
		free(s.fk);
	}
}
