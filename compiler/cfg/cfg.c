/*
 * cfg.c: find the guest's functions and split them into basic blocks.
 *
 * Discovery is recursive descent from seeds, because stripped binaries
 * carry no function list and RISC-V code may hold bytes that are not
 * instructions.  Seeds, strongest first: the ELF entry point, function
 * symbols, .eh_frame FDE start addresses (present in stripped binaries:
 * the unwinder needs them), targets of jal with a link register, and
 * address constants -- auipc/lui + addi pairs in code and 8-byte words in
 * data that point into executable sections (function pointers).
 *
 * A function is everything reachable from its start through branches and
 * jumps that do not land on another function's start (those are tail
 * calls).  Shared code reachable from two starts is simply in both.
 */
#include <stdlib.h>
#include <sys/types.h>
#include <string.h>

#include "cfg.h"
#include "friscy.h"
#include "rt.h"

#define MAX_FUNC_INSNS 60000 /* keeps a Wasm function well inside V8's limits */
#define MAX_TABLE 4096

/* ---- a hash set / map of guest addresses ---- */

struct amap {
	uint64_t *key; /* 0 = free (address 0 is never code) */
	int32_t *val;
	size_t cap, n;
};

static size_t amap_slot(const struct amap *m, uint64_t k)
{
	size_t i = (size_t)((k >> 1) * 0x9E3779B97F4A7C15ull >> 20) & (m->cap - 1);

	while (m->key[i] && m->key[i] != k)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void amap_put(struct amap *m, uint64_t k, int32_t v);

static void amap_grow(struct amap *m)
{
	struct amap o = *m;

	m->cap = o.cap ? o.cap * 2 : 64;
	m->key = xcalloc(m->cap, sizeof *m->key);
	m->val = xcalloc(m->cap, sizeof *m->val);
	m->n = 0;
	for (size_t i = 0; i < o.cap; i++)
		if (o.key[i])
			amap_put(m, o.key[i], o.val[i]);
	free(o.key);
	free(o.val);
}

static void amap_put(struct amap *m, uint64_t k, int32_t v)
{
	if (2 * (m->n + 1) > m->cap)
		amap_grow(m);
	size_t i = amap_slot(m, k);

	if (!m->key[i])
		m->n++;
	m->key[i] = k;
	m->val[i] = v;
}

/* Value for k, or -1. */
static int32_t amap_get(const struct amap *m, uint64_t k)
{
	if (!m->cap)
		return -1;
	size_t i = amap_slot(m, k);

	return m->key[i] ? m->val[i] : -1;
}

static void amap_free(struct amap *m)
{
	free(m->key);
	free(m->val);
	memset(m, 0, sizeof *m);
}

/* ---- discovery state ---- */

typedef VEC(uint64_t) u64vec;

struct disc {
	const struct elf_file *ef;
	struct amap funcs;      /* start -> 1 once known as a function start */
	VEC(uint64_t) work;     /* function starts to explore */
	VEC(uint64_t) weak;     /* address constants: starts, or entries inside a function */
	struct amap extra;      /* function start -> index+1 into extras */
	VEC(u64vec) extras; /* extra entries per function */
	u64vec starts;          /* sorted function starts, for bounds (see fn_bounds) */
};

/* Address constants are weaker evidence than calls: a code address taken by
 * `la` or stored in data may be a function, or a label inside one (computed
 * goto, a hand-made jump table).  They are sorted out after the first
 * exploration, see cfg_discover(). */
static void add_weak(struct disc *d, uint64_t pc)
{
	if (!(pc & 1) && elf_is_code(d->ef, pc))
		vpush(&d->weak, pc);
}

/* How a function start is known (the values of d->funcs), weakest
 * first. */
enum {
	F_DROPPED = -2, /* was F_JUMP: back when jumped to again */
	F_GONE = 0, /* was F_CONST or F_CALL, then turned out to be inside an instruction */
	F_JUMP,  /* control jumped there from another function */
	F_CONST, /* an address constant outside the code known so far */
	F_CALL,  /* a call */
	F_SEED,  /* the entry point, a symbol, an FDE */
};

/* A function starts at pc, known as `how`.  Stronger evidence upgrades
 * weaker; a start that is gone comes back only as a seed. */
static void add_func_at(struct disc *d, uint64_t pc, int how)
{
	int32_t v;

	if (pc & 1 || !elf_is_code(d->ef, pc))
		return;
	v = amap_get(&d->funcs, pc);
	if (v > 0 || (v == F_GONE && how != F_SEED)) {
		if (how > v && v != F_GONE)
			amap_put(&d->funcs, pc, how);
		return;
	}
	amap_put(&d->funcs, pc, how);
	if (v != F_GONE)
		vpush(&d->work, pc); /* a dropped start may be behind the round's place in it */
}

static void add_func(struct disc *d, uint64_t pc) { add_func_at(d, pc, F_SEED); }

static int is_func(const struct disc *d, uint64_t pc) { return amap_get(&d->funcs, pc) > 0; }

/* ---- .eh_frame: FDE start addresses ---- */

static int eh_read(const uint8_t **p, const uint8_t *end, int enc, uint64_t field_addr,
		   uint64_t *out)
{
	const uint8_t *q = *p;
	uint64_t v = 0;
	int sz;

	if (enc == 0xff)
		return 0;
	switch (enc & 0x0f) {
	case 0x00: case 0x04: case 0x0c: sz = 8; break;
	case 0x03: case 0x0b: sz = 4; break;
	case 0x02: case 0x0a: sz = 2; break;
	default: return -1; /* leb128 pointers: not produced for code addresses */
	}
	if (end - q < sz)
		return -1;
	for (int i = sz - 1; i >= 0; i--)
		v = v << 8 | q[i];
	if ((enc & 0x0f) == 0x0b)
		v = (uint64_t)(int64_t)(int32_t)v;
	if ((enc & 0x0f) == 0x0a)
		v = (uint64_t)(int64_t)(int16_t)v;
	if ((enc & 0x70) == 0x10)
		v += field_addr;
	else if (enc & 0x70)
		return -1;
	*p = q + sz;
	*out = v;
	return 0;
}

/* R-encoding of the CIE at `cie`, or -1. */
static int cie_fde_enc(const uint8_t *cie, const uint8_t *end)
{
	const uint8_t *p = cie + 4; /* past length: at the id */
	const char *aug;
	int enc = 0;

	if (end - p < 6)
		return -1;
	p += 4; /* id */
	uint8_t version = *p++;

	aug = (const char *)p;
	while (p < end && *p)
		p++;
	if (p >= end)
		return -1;
	p++;
	uleb128(&p, end); /* code alignment */
	uleb128(&p, end); /* data alignment (sleb, skipped alike) */
	if (version == 1)
		p++;
	else
		uleb128(&p, end);
	if (aug[0] != 'z')
		return 0;
	uleb128(&p, end);
	for (const char *a = aug + 1; *a && p < end; a++) {
		if (*a == 'R') {
			enc = *p++;
		} else if (*a == 'L') {
			p++;
		} else if (*a == 'P') {
			uint64_t dummy;
			int penc = *p++;

			if (eh_read(&p, end, penc & 0x7f, 0, &dummy))
				return -1;
		} else if (*a != 'S' && *a != 'B') {
			return -1;
		}
	}
	return enc;
}

static void seed_eh_frame(struct disc *d)
{
	const struct elf_sec *s = elf_section(d->ef, ".eh_frame");

	if (!s || !s->data)
		return;
	const uint8_t *base = s->data, *end = s->data + s->size, *p = base;

	while (end - p >= 8) {
		uint32_t len = p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;

		if (len == 0 || len == 0xffffffffu || len > (uint64_t)(end - p - 4))
			break;
		const uint8_t *rec = p, *rend = p + 4 + len;
		uint32_t id = p[4] | p[5] << 8 | p[6] << 16 | (uint32_t)p[7] << 24;

		if (id) {
			const uint8_t *cie = rec + 4 - id;
			uint64_t start;

			if (cie >= base && cie < rec) {
				int enc = cie_fde_enc(cie, end);
				const uint8_t *q = rec + 8;

				if (enc >= 0 && !eh_read(&q, rend, enc, s->addr + (q - base), &start))
					add_func(d, start);
			}
		}
		p = rend;
	}
}

/* Function pointers stored in data: 8-byte aligned words pointing into
 * executable sections. */
static void seed_data_words(struct disc *d)
{
	for (size_t i = 0; i < d->ef->nsecs; i++) {
		const struct elf_sec *s = &d->ef->secs[i];

		if (!s->data || (s->flags & 4 /* SHF_EXECINSTR */) || !strcmp(s->name, ".eh_frame"))
			continue;
		for (uint64_t off = (8 - (s->addr & 7)) & 7; off + 8 <= s->size; off += 8) {
			uint64_t v;

			memcpy(&v, s->data + off, 8);
			v += d->ef->is_dyn && v ? d->ef->bias : 0;
			if (v && elf_is_code(d->ef, v))
				add_weak(d, v);
		}
	}
}

/* ---- one function ---- */

struct fstate {
	struct disc *d;
	uint64_t start;
	VEC(struct rv_insn) insns; /* decoded, in discovery order */
	struct amap at;            /* pc -> index in insns */
	struct amap leaders;       /* block starts -> 1 */
	struct amap tables;        /* pc of an ijump insn -> index in tabs */
	VEC(uint64_t) work;
	VEC(uint64_t) entries;
	struct tab { uint64_t *t; uint32_t n; uint64_t addr, base; int width, sign, rel; } tabs[256];
	int ntabs;
	int too_big;
	uint64_t lo, hi;           /* the function's own address range */
	VEC(uint64_t) ijumps;      /* indirect jumps still without a table */
	struct amap stubs;         /* targets outside [lo, hi): tail calls */
	struct amap rets;          /* entries that are only return sites -> 1 */
};

/*
 * Compiled functions are contiguous: a function ends where the next known
 * one starts.  Control that leaves that range (a jump, a branch, falling
 * off the end) goes to another function -- a tail call, or the cold part
 * gcc split off -- and is translated as a tail call of a function there,
 * instead of copying that code into this one.
 */
static void fn_bounds(struct fstate *f)
{
	const u64vec *s = &f->d->starts;
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (s->v[mid] <= f->start)
			lo = mid + 1;
		else
			hi = mid;
	}
	f->lo = f->start;
	f->hi = lo < s->n ? s->v[lo] : UINT64_MAX;
}

/* A control transfer to pc: inside the function, a block; outside, a
 * tail call of the function there. */
static int inside(struct fstate *f, uint64_t pc)
{
	if (pc >= f->lo && pc < f->hi)
		return 1;
	add_func_at(f->d, pc, F_JUMP);
	amap_put(&f->stubs, pc, 1);
	return 0;
}

static void leader(struct fstate *f, uint64_t pc)
{
	if (amap_get(&f->leaders, pc) < 0) {
		amap_put(&f->leaders, pc, 1);
		vpush(&f->work, pc);
	}
}

static void add_entry(struct fstate *f, uint64_t pc)
{
	inside(f, pc);
	for (size_t i = 0; i < f->entries.n; i++)
		if (f->entries.v[i] == pc)
			return;
	vpush(&f->entries, pc);
	leader(f, pc);
}

/*
 * The instruction after a call or ecall: a block start, and an entry the
 * dispatcher resumes at after an unwinding (longjmp, the depth limit, a
 * loop leaving to tier up) -- unless it lies inside a loop, see
 * build_blocks().
 */
static void add_ret(struct fstate *f, uint64_t pc)
{
	size_t n = f->entries.n;

	add_entry(f, pc);
	if (f->entries.n > n)
		amap_put(&f->rets, pc, 1);
}

/*
 * Register constants along one straight-line run, enough to see
 * auipc/lui + addi (addresses) and the pieces of a jump table dispatch.
 */
struct kreg {
	uint64_t known; /* bit r: v[r] is a known constant */
	uint64_t v[32];
};

static void k_step(struct kreg *k, const struct rv_insn *in, struct disc *d)
{
	uint64_t mask = in->rd ? ~(1ull << in->rd) : ~0ull;

	switch (in->op) {
	case RV_AUIPC:
		k->known |= 1ull << in->rd;
		k->v[in->rd] = in->pc + in->imm;
		break;
	case RV_LUI:
		k->known |= 1ull << in->rd;
		k->v[in->rd] = in->imm;
		break;
	case RV_ADDI:
		if (in->rs1 && (k->known >> in->rs1 & 1)) {
			uint64_t v = k->v[in->rs1] + in->imm;

			k->known |= 1ull << in->rd;
			k->v[in->rd] = v;
			if (elf_is_code(d->ef, v))
				add_weak(d, v);
		} else if (!in->rs1) {
			k->known |= 1ull << in->rd;
			k->v[in->rd] = in->imm;
		} else {
			k->known &= mask;
		}
		break;
	default:
		k->known &= mask;
	}
	k->known &= ~1ull;
}

/* The constants known before run[i], from the run's start. */
static struct kreg k_before(struct fstate *f, const struct rv_insn *run, ssize_t i)
{
	struct kreg k = {0};

	for (ssize_t m = 0; m < i; m++)
		k_step(&k, &run[m], f->d);
	return k;
}

/*
 * The value of register r when it holds one address for the whole
 * function: gcc hoists a jump table's base (`lla s6, .L4`) out of the
 * loop around a switch.  True when r's only writes in the function are
 * `auipc/lui r; addi r, r, lo` back to back, or one `li r, imm` (a
 * switch's bound, hoisted the same way).
 */
static int func_const(struct fstate *f, int r, uint64_t *val)
{
	const struct rv_insn *hi = NULL, *lo = NULL;

	if (!r)
		return 0;
	for (size_t i = 0; i < f->insns.n; i++) {
		const struct rv_insn *in = &f->insns.v[i];

		if (!(rv_writes(in) >> r & 1))
			continue;
		if (in->op == RV_LD && in->rs1 == 2)
			continue; /* the epilogue's restore; a wrong guess only costs speed,
				   * since the br_table is keyed by the actual target */
		if ((in->op == RV_AUIPC || in->op == RV_LUI || (in->op == RV_ADDI && !in->rs1)) && !hi)
			hi = in;
		else if (in->op == RV_ADDI && in->rs1 == r && !lo)
			lo = in;
		else
			return 0;
	}
	if (hi && hi->op == RV_ADDI && !lo) { /* li r, imm */
		*val = (uint64_t)hi->imm;
		return 1;
	}
	if (!hi || !lo || hi->op == RV_ADDI || lo->pc != hi->pc + hi->len)
		return 0;
	*val = (hi->op == RV_AUIPC ? hi->pc : 0) + hi->imm + lo->imm;
	return 1;
}

/* The writer of x before run[s], or -1. */
static ssize_t writer(const struct rv_insn *run, ssize_t s, int x)
{
	for (ssize_t m = s - 1; m >= 0; m--)
		if (rv_writes(&run[m]) >> x & 1)
			return m;
	return -1;
}

/* Whether w holds `sext.w y` (addiw w, y, 0) at run[i], y unchanged since. */
static int sext_of(const struct rv_insn *run, ssize_t i, int w, int y)
{
	ssize_t m = writer(run, i, w);

	return m >= 0 && run[m].op == RV_ADDIW && run[m].imm == 0 && run[m].rs1 == y && y != w &&
	       writer(run, i, y) < m;
}

/*
 * How many entries the bounds check before a dispatch lets through: the
 * index y, before it is scaled at run[s], compared with a constant B by
 * `bltu B, y, default` or `bgeu B, y, table` (y <= B: B + 1 entries), or
 * `bgeu y, B, default` or `bltu y, B, table` (y < B: B entries), y
 * unchanged in between; B may be a register the function sets once.  0
 * when there is none.
 * Without a bound, entries are read while they look like code, and past
 * the table's end those are other data: an even address inside the
 * function but in the middle of an instruction decodes as garbage, whose
 * `jal`s then make false function starts that split real functions (a
 * busybox switch's neighbour split gzip's deflate loop into a dozen).
 * A path reaching the dispatch with a bigger index still runs: a target
 * outside the table leaves for the dispatcher.
 */
static uint64_t table_bound(struct fstate *f, const struct rv_insn *run, ssize_t s, int y, int zx)
{
	for (ssize_t i = s - 1; i >= 0 && y; i--) {
		const struct rv_insn *in = &run[i];
		int b = -1, le = 0, taken = run[i + 1].pc != in->pc + in->len;
		/* y itself, or when only its low 32 bits are used (zx), a
		 * sign-extended copy: gcc checks `sext.w` of a switch's int */
		int y1 = in->rs1 == y || (zx && sext_of(run, i, in->rs1, y)),
		    y2 = in->rs2 == y || (zx && sext_of(run, i, in->rs2, y));

		/* the edge to the table lets through y <= B (le) or y < B */
		if (in->op == (taken ? RV_BGEU : RV_BLTU) && y2)
			b = in->rs1, le = 1;
		else if (in->op == (taken ? RV_BLTU : RV_BGEU) && y1)
			b = in->rs2;
		if (b >= 0) {
			if (in->imm == in->len)
				return 0; /* both ways lead on */
			struct kreg k = k_before(f, run, i);
			uint64_t v = 0;

			if (b && (k.known >> b & 1))
				v = k.v[b];
			else if (b && !func_const(f, b, &v))
				return 0;

			return v < MAX_TABLE ? v + (uint64_t)le : 0;
		}
		if (rv_writes(in) >> y & 1)
			return 0;
	}
	return 0;
}

/* The bound of an index scaled by `sh` into x before run[s]: x is
 * `slli x, i, sh`, or `srli x, (slli y, i, 32), 32 - sh` (the index
 * zero-extended from 32 bits, then scaled; an i below the bound is below
 * 2^32 already, so the extension changes nothing).  0 if unknown. */
static uint64_t scaled_bound(struct fstate *f, const struct rv_insn *run, ssize_t s, int x, int sh)
{
	ssize_t m = writer(run, s, x), n;

	if (m < 0)
		return 0;
	if (run[m].op == RV_SLLI && run[m].imm == sh)
		return table_bound(f, run, m, run[m].rs1, 0);
	if (run[m].op == RV_SRLI && run[m].imm == 32 - sh && (n = writer(run, m, run[m].rs1)) >= 0 &&
	    run[n].op == RV_SLLI && run[n].imm == 32)
		return table_bound(f, run, n, run[n].rs1, 1);
	return 0;
}

/*
 * Jump tables: gcc's `switch` dispatch ends a run with
 *     slli i,i,2 ; (auipc|lui) b ; addi b,b,lo ; add p,i,b ; lw t,0(p) ; [add t,t,b] ; jr t
 * Walk back from the jr over the run's instructions to find the table
 * address, the entry width and whether entries are relative to the base;
 * read entries while they point to code near the function.
 */
static void find_table(struct fstate *f, const struct rv_insn *run, size_t n, struct tab *tab)
{
	const struct rv_insn *jr = &run[n - 1];
	int t = jr->rs1, rel = 0;
	uint64_t relbase = 0, tbl = 0, bound = 0;
	int width = 0, sign = 0;
	struct kreg k = {0};
	ssize_t i;

	tab->n = 0;
	/* constants at each point are needed: recompute while walking back */
	for (i = n - 2; i >= 0; i--) {
		const struct rv_insn *in = &run[i];

		if (in->rd != t)
			continue;
		if ((in->op == RV_ADDI || in->op == RV_ADDIW) && in->imm == 0 && in->rs1) {
			t = in->rs1; /* mv / sext.w of the loaded entry */
			continue;
		}
		if (in->op == RV_ADD && !rel) {
			/* t = loaded + base: find which operand is a constant */
			k = k_before(f, run, i);
			if (k.known >> in->rs2 & 1) {
				relbase = k.v[in->rs2];
				t = in->rs1;
			} else if (k.known >> in->rs1 & 1) {
				relbase = k.v[in->rs1];
				t = in->rs2;
			} else if (func_const(f, in->rs2, &relbase)) {
				t = in->rs1;
			} else if (func_const(f, in->rs1, &relbase)) {
				t = in->rs2;
			} else {
				return;
			}
			rel = 1;
			continue;
		}
		if (in->op == RV_LW || in->op == RV_LWU || in->op == RV_LD) {
			width = in->op == RV_LD ? 8 : 4;
			sign = in->op == RV_LW;
			int p = in->rs1;
			int64_t off = in->imm;

			for (ssize_t j = i - 1; j >= 0; j--) {
				const struct rv_insn *a = &run[j];

				if (a->rd != p)
					continue;
				if (a->op != RV_ADD && a->op != RV_SH2ADD && a->op != RV_SH3ADD)
					return;
				k = k_before(f, run, j);
				uint64_t c;
				int x; /* the scaled index */

				if (k.known >> a->rs2 & 1)
					tbl = k.v[a->rs2] + off, x = a->rs1;
				else if (a->op == RV_ADD && (k.known >> a->rs1 & 1))
					tbl = k.v[a->rs1] + off, x = a->rs2;
				else if (func_const(f, a->rs2, &c))
					tbl = c + off, x = a->rs1;
				else if (a->op == RV_ADD && func_const(f, a->rs1, &c))
					tbl = c + off, x = a->rs2;
				else
					return;
				if (a->op != RV_ADD) { /* sh2add/sh3add scale x themselves */
					bound = table_bound(f, run, j, x, 0);
					break;
				}
				bound = scaled_bound(f, run, j, x, width == 8 ? 3 : 2);
				break;
			}
			break;
		}
		return;
	}
	if (!width || !tbl)
		return;
	uint64_t *out = xmalloc(MAX_TABLE * sizeof *out);
	int cnt = 0;

	for (int e = 0; e < (bound ? (int)bound : MAX_TABLE); e++) {
		size_t avail;
		const uint8_t *b = elf_bytes(f->d->ef, tbl + (uint64_t)e * width, &avail);
		uint64_t v = 0;

		if (!b || avail < (size_t)width)
			break;
		for (int j = width - 1; j >= 0; j--)
			v = v << 8 | b[j];
		if (width == 4 && sign)
			v = (uint64_t)(int64_t)(int32_t)v;
		if (rel)
			v += relbase;
		else if (f->d->ef->is_dyn)
			break; /* absolute tables in a PIE would need relocations */
		if (v & 1 || !elf_is_code(f->d->ef, v) || v < f->lo || v >= f->hi)
			break; /* a table only leads into its own function */
		out[cnt++] = v;
	}
	if (!cnt) {
		free(out);
		return;
	}
	*tab = (struct tab){.t = out, .n = cnt, .addr = tbl, .base = relbase, .width = width, .sign = sign, .rel = rel};
}

/* Decode a straight-line run from pc; record leaders and new functions. */
static void explore_run(struct fstate *f, uint64_t pc)
{
	VEC(struct rv_insn) run = {0};
	struct kreg k = {0};

	for (;;) {
		struct rv_insn in;
		size_t avail;
		const uint8_t *b;

		if (amap_get(&f->at, pc) >= 0 || amap_get(&f->stubs, pc) >= 0)
			break; /* joined code seen before, or another function */
		if (f->insns.n >= MAX_FUNC_INSNS) {
			f->too_big = 1;
			break;
		}
		b = elf_is_code(f->d->ef, pc) ? elf_bytes(f->d->ef, pc, &avail) : NULL;
		if (!b || !rv_decode(&in, b, avail, pc))
			break; /* ends the block with an exit to the dispatcher */
		amap_put(&f->at, pc, f->insns.n);
		vpush(&f->insns, in);
		vpush(&run, in);
		uint64_t next = pc + in.len, tgt = pc + in.imm;
		const struct rv_opinfo *oi = &rv_ops[in.op];

		if (oi->flags & RV_F_BRANCH) {
			inside(f, tgt);
			leader(f, tgt);
			inside(f, next);
			leader(f, next);
			break;
		}
		if (in.op == RV_JAL) {
			if (in.rd) {
				add_func_at(f->d, tgt, F_CALL);
				/* after a recursive call, even inside a loop: deep
				 * recursion unwinds at the depth limit, and every
				 * frame then comes back here */
				if (tgt == f->start)
					add_entry(f, next);
				else
					add_ret(f, next);
			} else if (tgt == f->start || !is_func(f->d, tgt)) {
				if (inside(f, tgt))
					leader(f, tgt);
			}
			break;
		}
		if (in.op == RV_JALR) {
			int known = in.rs1 && (k.known >> in.rs1 & 1);
			uint64_t kt = known ? (k.v[in.rs1] + in.imm) & ~1ull : 0;

			if (in.rd) {
				if (known)
					add_func_at(f->d, kt, F_CALL);
				add_ret(f, next);
			} else if (known) {
				add_func_at(f->d, kt, F_CALL);
			} else if (in.rs1 != 1) {
				vpush(&f->ijumps, pc); /* tables are looked for once all is explored */
			}
			break;
		}
		if (in.op == RV_ECALL) {
			add_ret(f, next);
			break;
		}
		if (in.op == RV_FENCE_I) {
			add_entry(f, next);
			break;
		}
		if (in.op == RV_EBREAK)
			break;
		k_step(&k, &in, f->d);
		pc = next;
		if (!inside(f, pc)) {
			leader(f, pc); /* falls into the next function */
			break;
		}
		if (amap_get(&f->leaders, pc) >= 0)
			break;
	}
	vfree(&run);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The c-th successor of a block: taken branch or jump, fallthrough (also
 * after calls), then jump-table targets; -1 past the last.  A successor
 * that is not a block of the function is skipped as -2. */
static int succ_at(const struct cfg_block *b, size_t c)
{
	int t = b->term;

	if (c == 0)
		return (t == CFG_BRANCH || t == CFG_JUMP) && b->succ >= 0 ? b->succ : -2;
	if (c == 1)
		return (t == CFG_BRANCH || t == CFG_FALL || t == CFG_CALL || t == CFG_ICALL || t == CFG_ECALL) &&
				       b->fall >= 0
			       ? b->fall
			       : -2;
	if (t == CFG_IJUMP && c - 2 < b->ntable)
		return b->table_blk[c - 2] >= 0 ? b->table_blk[c - 2] : -2;
	return -1;
}

/*
 * Marks loop headers (blocks[h].loop = 1, or 2 for one inside no other
 * loop) and every block of a loop (in_loop).  Back edges are those a
 * depth-first walk from block 0 finds to a block on its stack; a loop is
 * the header plus the blocks that reach the latch without passing it.
 *
 * When that walk reaches block 0, the header does not dominate the latch:
 * the cycle has a second way in (gcc lays out some loops so; a Duff's
 * device jumps into one), and its "loop" is everything from the start to
 * the latch, so every other header counts as inner.  A function can then
 * be left with no outermost header, and a long loop in it with no way to
 * its optimized code (lz's main ran all its rounds in V8's baseline
 * code).  Such a function's headers of loops they dominate become
 * outermost when no such loop holds them.  Functions that have an
 * outermost header keep theirs: giving every such header of glibc's
 * functions one (466 more in a kernel) made busybox sha256sum 1.8x
 * slower, as entries and exits landed in hot loops of functions called
 * often enough to reach optimized code by their calls.
 */
static void find_loops(struct cfg_block *bl, size_t n, uint8_t *in_loop)
{
	uint8_t *state = xcalloc(n ? n : 1, 1); /* 0 new, 1 on the stack, 2 done */
	size_t *next = xcalloc(n ? n : 1, sizeof *next); /* successor cursor */
	int *stack = xmalloc((n ? n : 1) * sizeof *stack), sp = 0;
	uint8_t *inner = xcalloc(n ? n : 1, 1); /* a header inside another loop: 1, a proper one: 2 */
	uint8_t *proper = xcalloc(n ? n : 1, 1); /* the header of a back edge it dominates */
	VEC(int) edges = {0}; /* latch, header pairs */
	int *pred, *pfirst = xcalloc(n + 1, sizeof *pfirst), *fill = xcalloc(n ? n : 1, sizeof *fill), v;

	/* predecessor lists (CSR form) */
	for (size_t i = 0; i < n; i++)
		for (size_t c = 0; (v = succ_at(&bl[i], c)) != -1; c++)
			if (v >= 0)
				pfirst[v + 1]++;
	for (size_t i = 0; i < n; i++)
		pfirst[i + 1] += pfirst[i];
	pred = xmalloc((pfirst[n] ? pfirst[n] : 1) * sizeof *pred);
	for (size_t i = 0; i < n; i++)
		for (size_t c = 0; (v = succ_at(&bl[i], c)) != -1; c++)
			if (v >= 0)
				pred[pfirst[v] + fill[v]++] = (int)i;
	/* depth-first walk: back edges */
	if (n) {
		stack[sp++] = 0;
		state[0] = 1;
	}
	while (sp) {
		int u = stack[sp - 1];

		v = succ_at(&bl[u], next[u]++);
		if (v == -1) {
			state[u] = 2;
			sp--;
		} else if (v >= 0 && state[v] == 1) {
			vpush(&edges, u);
			vpush(&edges, v);
		} else if (v >= 0 && state[v] == 0) {
			state[v] = 1;
			stack[sp++] = v;
		}
	}
	/* natural loops, walking predecessors back from each latch */
	for (size_t e = 0; e < edges.n; e += 2)
		bl[edges.v[e + 1]].loop = 1;
	for (size_t e = 0; e < edges.n; e += 2) {
		int latch = edges.v[e], h = edges.v[e + 1];

		memset(state, 0, n);
		state[h] = 1;
		sp = 0;
		if (!state[latch]) {
			state[latch] = 1;
			stack[sp++] = latch;
		}
		while (sp) {
			int u = stack[--sp];

			for (int j = pfirst[u]; j < pfirst[u + 1]; j++)
				if (!state[pred[j]]) {
					state[pred[j]] = 1;
					stack[sp++] = pred[j];
				}
		}
		int dominated = h == 0 || !state[0];

		proper[h] |= dominated;
		for (size_t i = 0; i < n; i++)
			if (state[i]) {
				in_loop[i] = 1;
				if ((int)i != h && bl[i].loop)
					inner[i] |= 1 | dominated << 1;
			}
	}
	int outer = 0;

	for (size_t e = 0; e < edges.n; e += 2)
		if (!inner[edges.v[e + 1]]) {
			bl[edges.v[e + 1]].loop = 2;
			outer = 1;
		}
	for (size_t e = 0; !outer && e < edges.n; e += 2)
		if (proper[edges.v[e + 1]] && !(inner[edges.v[e + 1]] & 2))
			bl[edges.v[e + 1]].loop = 2;
	vfree(&edges);
	free(pred);
	free(pfirst);
	free(fill);
	free(inner);
	free(proper);
	free(stack);
	free(next);
	free(state);
}

/* Turn the explored instructions into blocks. */
/*
 * The table a block ending in ins[0..n) jumps through, when the block
 * reads it itself in the form struct cfg_jtab describes, or NULL.  A
 * writable page under the table (a segment of its own, or one it shares)
 * would let the guest change an entry, so such tables load as before.
 */
static struct cfg_jtab *direct_table(const struct fstate *f, const struct rv_insn *ins, size_t n,
				     const struct tab *tab)
{
	const struct rv_insn *jr = &ins[n - 1], *ld = NULL, *add = NULL;
	int rt, rb = 0;
	size_t i = n - 1;
	uint64_t touched = 0; /* by the instructions scheduled among the three */

	if (n < 2 || jr->op != RV_JALR || jr->rd || jr->imm || !jr->rs1)
		return NULL;
	rt = jr->rs1;
	while (i-- > 0 && !ld) {
		const struct rv_insn *in = &ins[i];

		if (tab->rel && !add && in->op == RV_ADD && in->rd == jr->rs1) {
			add = in;
			rb = in->rs1 == jr->rs1 ? in->rs2 : in->rs1;
			rt = rb == in->rs1 ? in->rs2 : in->rs1;
			if (!rb || rb == jr->rs1 || rt == rb)
				return NULL;
		} else if ((!tab->rel || add) && in->rd == rt) {
			ld = in;
		} else if (rv_ops[in->op].flags & (RV_F_BRANCH | RV_F_JUMP | RV_F_LOAD | RV_F_STORE | RV_F_FP |
						    RV_F_ATOMIC | RV_F_SYSTEM | RV_F_CSR)) {
			return NULL; /* only register arithmetic runs both ways */
		} else {
			touched |= rv_reads(in) | rv_writes(in);
		}
	}
	if (!ld || (tab->width == 8 ? ld->op != RV_LD : ld->op != (tab->sign ? RV_LW : RV_LWU)))
		return NULL;
	if (touched & ((uint64_t)1 << rt | (uint64_t)1 << jr->rs1 | (uint64_t)1 << rb) & ~(uint64_t)1)
		return NULL;
	uint64_t len = (uint64_t)tab->n * tab->width;
	const struct elf_seg *seg = elf_seg_at(f->d->ef, tab->addr, len);

	if (!seg || (seg->prot & 2))
		return NULL;
	uint64_t plo = tab->addr & ~(uint64_t)(RT_PAGE - 1), phi = (tab->addr + len + RT_PAGE - 1) & ~(uint64_t)(RT_PAGE - 1);

	for (size_t i = 0; i < f->d->ef->nsegs; i++) {
		const struct elf_seg *w = &f->d->ef->segs[i];

		if ((w->prot & 2) && w->vaddr < phi && w->vaddr + w->memsz > plo)
			return NULL;
	}
	struct cfg_jtab *jt = xmalloc(sizeof *jt);

	*jt = (struct cfg_jtab){.addr = tab->addr, .rb = rb, .base = tab->base, .n = tab->n,
				.tail = (uint32_t)(&ins[n] - ld), .to = xmalloc(tab->n * sizeof *jt->to)};
	memcpy(jt->to, tab->t, tab->n * sizeof *jt->to);
	return jt;
}

static void jtab_free(struct cfg_jtab *jt)
{
	if (jt)
		free(jt->to);
	free(jt);
}

static void build_blocks(struct fstate *f, struct cfg_func *fn)
{
	VEC(uint64_t) lead = {0};
	VEC(struct rv_insn) out = {0};
	VEC(struct cfg_block) blocks = {0};
	struct amap bidx = {0};

	for (size_t i = 0; i < f->leaders.cap; i++)
		if (f->leaders.key[i])
			vpush(&lead, f->leaders.key[i]);
	qsort(lead.v, lead.n, sizeof *lead.v, cmp_u64);
	for (size_t li = 0; li < lead.n; li++) {
		struct cfg_block b = {.start = lead.v[li], .first = out.n, .succ = -1, .fall = -1,
				      .entry = -1};
		uint64_t pc = b.start;
		int32_t ix;

		amap_put(&bidx, b.start, blocks.n);
		for (;;) {
			if (amap_get(&f->stubs, pc) >= 0 && pc != f->start) {
				/* another function's code: go there */
				b.term = CFG_TAIL;
				b.target = pc;
				break;
			}
			ix = amap_get(&f->at, pc);
			if (ix < 0) {
				b.term = CFG_EXIT;
				b.target = pc;
				break;
			}
			const struct rv_insn *in = &f->insns.v[ix];
			const struct rv_opinfo *oi = &rv_ops[in->op];
			uint64_t next = pc + in->len;

			vpush(&out, *in);
			b.n++;
			if (oi->flags & RV_F_BRANCH) {
				b.term = CFG_BRANCH;
				b.target = pc + in->imm;
			} else if (in->op == RV_JAL) {
				b.target = pc + in->imm;
				b.term = in->rd ? CFG_CALL
					 : (b.target != f->start && is_func(f->d, b.target)) ? CFG_TAIL
										       : CFG_JUMP;
			} else if (in->op == RV_JALR) {
				int32_t t = amap_get(&f->tables, pc);

				b.term = in->rd ? CFG_ICALL : in->rs1 == 1 && in->imm == 0 ? CFG_RET
					 : t >= 0 ? CFG_IJUMP : CFG_EXIT;
				if (t >= 0 && !in->rd) {
					b.ntable = f->tabs[t].n;
					b.table = xmalloc(b.ntable * sizeof *b.table);
					memcpy(b.table, f->tabs[t].t, b.ntable * sizeof *b.table);
					b.jt = direct_table(f, &out.v[b.first], b.n, &f->tabs[t]);
				}
				if (b.term == CFG_EXIT)
					b.target = 0; /* computed at run time */
			} else if (in->op == RV_ECALL) {
				b.term = CFG_ECALL;
			} else if (in->op == RV_FENCE_I) {
				b.term = CFG_FENCEI;
				b.target = next;
			} else if (in->op == RV_EBREAK) {
				/* the interpreter raises SIGTRAP at this pc */
				out.n--;
				b.n--;
				b.term = CFG_EXIT;
				b.target = pc;
			} else if (amap_get(&f->leaders, next) >= 0) {
				b.term = CFG_FALL;
			} else {
				pc = next;
				continue;
			}
			break;
		}
		vpush(&blocks, b);
	}
	/* resolve successors */
	for (size_t i = 0; i < blocks.n; i++) {
		struct cfg_block *b = &blocks.v[i];
		uint64_t end = b->n ? out.v[b->first + b->n - 1].pc + out.v[b->first + b->n - 1].len : b->start;

		if (b->term == CFG_BRANCH || b->term == CFG_JUMP)
			b->succ = amap_get(&bidx, b->target);
		if (b->term == CFG_BRANCH || b->term == CFG_FALL || b->term == CFG_CALL ||
		    b->term == CFG_ICALL || b->term == CFG_ECALL)
			b->fall = amap_get(&bidx, end);
		if (b->term == CFG_IJUMP) {
			/* unique targets */
			qsort(b->table, b->ntable, sizeof *b->table, cmp_u64);
			uint32_t u = 0;

			for (uint32_t j = 0; j < b->ntable; j++)
				if (!u || b->table[u - 1] != b->table[j])
					b->table[u++] = b->table[j];
			b->ntable = u;
			b->table_blk = xmalloc(u * sizeof *b->table_blk);
			for (uint32_t j = 0; j < u; j++)
				b->table_blk[j] = amap_get(&bidx, b->table[j]);
		}
	}
	/*
	 * Targets with no block here: code the exploration left out, e.g. a
	 * function whose exploration failed.  A jump there leaves as a tail
	 * call, a branch there through a block of its own that does; a table
	 * forgets them and its default (leave for the computed target)
	 * covers them.
	 */
	for (size_t i = 0; i < blocks.n; i++) {
		struct cfg_block *b = &blocks.v[i];

		if (b->term == CFG_JUMP && b->succ < 0)
			b->term = CFG_TAIL;
		if (b->term == CFG_BRANCH && b->succ < 0) {
			struct cfg_block t = {.start = b->target, .first = out.n, .term = CFG_TAIL, .target = b->target,
					      .succ = -1, .fall = -1, .entry = -1};

			b->succ = (int)blocks.n;
			vpush(&blocks, t);
			b = &blocks.v[i];
		}
		if (b->term == CFG_IJUMP) {
			uint32_t u = 0;

			for (uint32_t j = 0; j < b->ntable; j++)
				if (b->table_blk[j] >= 0) {
					b->table[u] = b->table[j];
					b->table_blk[u++] = b->table_blk[j];
				}
			/* dispatch on the index only if every entry leads here */
			if (b->jt && u != b->ntable) {
				jtab_free(b->jt);
				b->jt = NULL;
			}
			b->ntable = u;
			if (!u) {
				b->term = CFG_EXIT;
				b->target = 0; /* computed at run time */
			}
		}
	}
	/*
	 * Loops: natural loops of the back edges a depth-first walk from the
	 * start finds (gcc moves cold blocks after the function's end, so
	 * address order says little).  Loop headers become entries:
	 * translated code leaves a loop now and then and comes back through
	 * the dispatcher, the only way a Wasm engine without on-stack
	 * replacement moves a running loop to its optimized code (see
	 * emit/translate.c).  Only outermost headers (loop = 2) do, and
	 * return sites inside a loop stop being entries: a second way into a
	 * loop makes it irreducible, and the Relooper then dispatches every
	 * iteration through its label variable.  After an unwinding the
	 * interpreter runs the rest of that iteration, up to a header.
	 */
	uint8_t *in_loop = xcalloc(blocks.n ? blocks.n : 1, 1);

	find_loops(blocks.v, blocks.n, in_loop);
	size_t kept = 1;

	for (size_t e = 1; e < f->entries.n; e++) {
		uint64_t pc = f->entries.v[e];
		int32_t bi = amap_get(&bidx, pc);

		if (bi >= 0 && in_loop[bi] && blocks.v[bi].loop != 2 && amap_get(&f->rets, pc) >= 0)
			continue;
		f->entries.v[kept++] = pc;
	}
	f->entries.n = kept;
	for (size_t i = 0; i < blocks.n; i++) {
		size_t e = 0;

		if (blocks.v[i].loop != 2)
			continue;
		while (e < f->entries.n && f->entries.v[e] != blocks.v[i].start)
			e++;
		if (e == f->entries.n)
			vpush(&f->entries, blocks.v[i].start);
	}
	free(in_loop);
	fn->start = f->start;
	fn->insns = out.v;
	fn->ninsns = out.n;
	fn->blocks = blocks.v;
	fn->nblocks = blocks.n;
	fn->nentries = f->entries.n;
	fn->entries = f->entries.v;
	fn->entry_blk = xmalloc(fn->nentries * sizeof *fn->entry_blk);
	for (size_t e = 0; e < fn->nentries; e++) {
		int32_t bi = amap_get(&bidx, fn->entries[e]);

		check(bi >= 0);
		fn->entry_blk[e] = bi;
		if (blocks.v[bi].entry < 0)
			blocks.v[bi].entry = e;
	}
	amap_free(&bidx);
	vfree(&lead);
}

/*
 * Jump tables of the indirect jumps found so far.  The dispatch sequence
 * is looked for in the straight-line code before the jump, walking back
 * over the instructions that end where the next begins: the sequence can
 * span blocks (other tables' targets or a bounds check split it).
 */
static void find_tables(struct fstate *f)
{
	struct amap ends = {0}; /* pc + len -> index */
	struct amap to = {0};   /* branch target -> index of the one branch there, or -2 */
	struct rv_insn win[24];

	for (size_t i = 0; i < f->insns.n; i++) {
		const struct rv_insn *in = &f->insns.v[i];

		amap_put(&ends, in->pc + in->len, i);
		if (rv_ops[in->op].flags & RV_F_BRANCH)
			amap_put(&to, in->pc + in->imm, amap_get(&to, in->pc + in->imm) < 0 ? (int32_t)i : -2);
	}
	for (size_t j = 0; j < f->ijumps.n; j++) {
		uint64_t pc = f->ijumps.v[j];
		int32_t ix = amap_get(&f->at, pc);
		int n = 0;
		struct tab tab;

		if (ix < 0 || f->ntabs >= 256 || amap_get(&f->tables, pc) >= 0)
			continue;
		win[23] = f->insns.v[ix];
		for (uint64_t cur = pc; n < 23; n++) {
			int32_t p = amap_get(&ends, cur);
			const struct rv_insn *in = p >= 0 ? &f->insns.v[p] : NULL;

			unsigned fl = in ? rv_ops[in->op].flags : 0;

			if ((fl & RV_F_SYSTEM) || ((fl & RV_F_JUMP) && in->rd))
				break; /* a call or a syscall comes back here */
			if (!in || (fl & RV_F_JUMP)) {
				/* no way in but one branch's taken edge (a bounds
				 * check jumping to the dispatch): go on before it */
				p = amap_get(&to, cur);
				in = p >= 0 ? &f->insns.v[p] : NULL;
				if (!in)
					break;
			}
			win[22 - n] = *in;
			cur = in->pc;
		}
		find_table(f, win + 22 - n + 1, n + 1, &tab);
		if (!tab.n)
			continue;
		amap_put(&f->tables, pc, f->ntabs);
		f->tabs[f->ntabs++] = tab;
		for (uint32_t k = 0; k < tab.n; k++)
			leader(f, tab.t[k]);
	}
	f->ijumps.n = 0;
	amap_free(&ends);
	amap_free(&to);
}

static int explore_func(struct disc *d, uint64_t start, struct cfg_func *fn)
{
	struct fstate f = {.d = d, .start = start};
	int32_t x = amap_get(&d->extra, start);

	fn_bounds(&f);
	vpush(&f.entries, start);
	leader(&f, start);
	if (x > 0)
		for (size_t i = 0; i < d->extras.v[x - 1].n; i++)
			add_entry(&f, d->extras.v[x - 1].v[i]);
	for (;;) {
		while (f.work.n) {
			uint64_t pc = f.work.v[--f.work.n];

			if (amap_get(&f.at, pc) < 0)
				explore_run(&f, pc);
		}
		if (!f.ijumps.n || f.too_big)
			break;
		find_tables(&f);
	}
	int ok = !f.too_big;

	if (ok)
		build_blocks(&f, fn);
	else
		vfree(&f.entries);
	for (int i = 0; i < f.ntabs; i++)
		free(f.tabs[i].t);
	amap_free(&f.at);
	amap_free(&f.leaders);
	amap_free(&f.tables);
	amap_free(&f.stubs);
	amap_free(&f.rets);
	vfree(&f.ijumps);
	vfree(&f.insns);
	vfree(&f.work);
	return ok;
}

static int cmp_func(const void *a, const void *b)
{
	const struct cfg_func *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static void free_funcs(struct cfg_func *v, size_t n);
static void sort_starts(struct disc *d);

/* Whether the straight line of code from pc reaches bytes that do not
 * decode before any jump, branch or system instruction: then pc is an
 * integer that happens to fall in .text, not code. */
static int runs_into_garbage(const struct disc *d, uint64_t pc)
{
	for (int n = 0; n < 64; n++) {
		struct rv_insn in;
		size_t avail;
		const uint8_t *b = elf_is_code(d->ef, pc) ? elf_bytes(d->ef, pc, &avail) : NULL;

		if (!b || !rv_decode(&in, b, avail, pc))
			return 1;
		if (rv_ops[in.op].flags & (RV_F_BRANCH | RV_F_JUMP | RV_F_SYSTEM))
			return 0;
		pc += in.len;
	}
	return 0;
}

/* An address constant taken for a function start before the code around
 * it was decoded can turn out to be inside a 4-byte instruction of a
 * function before it; so can a call target in code decoded from such a
 * start.  As a start it cut that function short, and what followed
 * became functions of their own, reached by jumps off its new end: drop
 * it for good, and those until something jumps to them again.  Returns
 * how many starts were dropped. */
static size_t revoke(struct disc *d, const struct amap *mid)
{
	size_t n = 0;

	sort_starts(d);
	for (size_t i = 0; i < d->starts.n; i++) {
		int32_t v = amap_get(&d->funcs, d->starts.v[i]);

		if ((v != F_CONST && v != F_CALL) || amap_get(mid, d->starts.v[i]) < 0)
			continue;
		amap_put(&d->funcs, d->starts.v[i], F_GONE);
		n++;
		while (i + 1 < d->starts.n && amap_get(&d->funcs, d->starts.v[i + 1]) == F_JUMP)
			amap_put(&d->funcs, d->starts.v[++i], F_DROPPED), n++;
	}
	return n;
}

/* Address constants seen while exploring: an extra entry of the function
 * whose code they point into, else a function of their own.  Returns the
 * number of new extra entries (new functions join d->work). */
static size_t assign_weak(struct disc *d, const struct cfg_func *funcs, size_t nfuncs)
{
	struct amap owner = {0}; /* insn pc -> index+1 of the first function holding it */
	struct amap any = {0};    /* pcs in the middle of a decoded 4-byte insn -> 1 */
	struct amap mid = {0};    /* the same, of functions that do not start in one */
	size_t added = 0;

	for (size_t i = 0; i < nfuncs; i++)
		for (size_t k = 0; k < funcs[i].ninsns; k++) {
			const struct rv_insn *in = &funcs[i].insns[k];

			if (amap_get(&owner, in->pc) < 0)
				amap_put(&owner, in->pc, i + 1);
			if (in->len == 4)
				amap_put(&any, in->pc + 2, 1);
		}
	/* A function that starts inside an instruction decodes garbage, whose
	 * instructions may in turn cover a real start: only the others count. */
	for (size_t i = 0; i < nfuncs; i++)
		if (amap_get(&any, funcs[i].start) < 0)
			for (size_t k = 0; k < funcs[i].ninsns; k++)
				if (funcs[i].insns[k].len == 4)
					amap_put(&mid, funcs[i].insns[k].pc + 2, 1);
	amap_free(&any);
	added += revoke(d, &mid);
	for (size_t i = 0; i < d->weak.n; i++) {
		uint64_t pc = d->weak.v[i];
		int32_t o = amap_get(&owner, pc);

		if (is_func(d, pc))
			continue;
		/* An integer that happens to fall in .text (`li a0, 0x10700`)
		 * points into the middle of an instruction more often than not;
		 * code the program can reach never starts there. */
		if (o <= 0 && (amap_get(&mid, pc) > 0 || runs_into_garbage(d, pc)))
			continue;
		if (o <= 0) {
			add_func_at(d, pc, F_CONST);
			continue;
		}
		uint64_t fs = funcs[o - 1].start;
		int32_t x = amap_get(&d->extra, fs);

		if (x < 0) {
			u64vec none = {0};

			vpush(&d->extras, none);
			x = d->extras.n;
			amap_put(&d->extra, fs, x);
		}
		u64vec *ex = &d->extras.v[x - 1];
		size_t j = 0;

		while (j < ex->n && ex->v[j] != pc)
			j++;
		if (j == ex->n) {
			vpush(ex, pc);
			added++;
		}
	}
	d->weak.n = 0;
	amap_free(&owner);
	amap_free(&mid);
	return added;
}

static void sort_starts(struct disc *d)
{
	d->starts.n = 0;
	for (size_t i = 0; i < d->funcs.cap; i++)
		if (d->funcs.key[i] && d->funcs.val[i] > 0)
			vpush(&d->starts, d->funcs.key[i]);
	qsort(d->starts.v, d->starts.n, sizeof *d->starts.v, cmp_u64);
}

/*
 * Three rounds: explore from the strong seeds (collecting address
 * constants on the way); then give each address constant to the function
 * whose code it points into as an extra entry, or make it a function of
 * its own; then explore everything again, now that every function start
 * is known (so a jump to another function's start is seen as a tail call,
 * not as a reason to copy that function's body).
 */
void cfg_discover(struct cfg_prog *cp, const struct elf_file *ef)
{
	struct disc d = {.ef = ef};
	VEC(struct cfg_func) funcs = {0};
	size_t prev = 0; /* functions known when the last exploration began */

	memset(cp, 0, sizeof *cp);
	add_func(&d, ef->entry);
	for (size_t i = 0; i < ef->nsyms; i++)
		if (ef->syms[i].is_func)
			add_func(&d, ef->syms[i].addr);
	seed_eh_frame(&d);
	seed_data_words(&d);
	sort_starts(&d);
	prev = d.work.n;
	for (size_t w = 0; w < d.work.n; w++) {
		struct cfg_func fn = {0};

		if (explore_func(&d, d.work.v[w], &fn))
			vpush(&funcs, fn);
	}
	/* Explore again until no new function or entry turns up (each round's
	 * new starts bound the functions before them in the next), at most 6. */
	for (int round = 0;; round++) {
		size_t nextra = assign_weak(&d, funcs.v, funcs.n);

		if (round > 0 && ((d.work.n == prev && !nextra) || round == 6))
			break;
		prev = d.work.n;
		free_funcs(funcs.v, funcs.n);
		funcs.v = NULL;
		funcs.n = funcs.cap = 0;
		sort_starts(&d);
		cp->nskipped = 0;
		struct amap done = {0}; /* a start can be in d.work twice */

		for (size_t w = 0; w < d.work.n; w++) {
			struct cfg_func fn = {0};

			if (!is_func(&d, d.work.v[w]) || amap_get(&done, d.work.v[w]) >= 0)
				continue;
			amap_put(&done, d.work.v[w], 1);
			if (explore_func(&d, d.work.v[w], &fn))
				vpush(&funcs, fn);
			else
				cp->nskipped++;
		}
		amap_free(&done);
	}
	for (size_t i = 0; i < d.extras.n; i++)
		vfree(&d.extras.v[i]);
	vfree(&d.extras);
	vfree(&d.weak);
	vfree(&d.starts);
	amap_free(&d.extra);
	qsort(funcs.v, funcs.n, sizeof *funcs.v, cmp_func);
	size_t si = 0;

	for (size_t i = 0; i < funcs.n; i++) {
		struct cfg_func *fn = &funcs.v[i];

		fn->index = i;
		while (si < ef->nsyms && ef->syms[si].addr < fn->start)
			si++;
		for (size_t j = si; j < ef->nsyms && ef->syms[j].addr == fn->start; j++)
			if (ef->syms[j].is_func || !fn->name)
				fn->name = ef->syms[j].name;
		cp->ninsns += fn->ninsns;
		cp->nblocks += fn->nblocks;
		for (size_t b = 0; b < fn->nblocks; b++) {
			cp->ntables += fn->blocks[b].term == CFG_IJUMP;
			cp->ndirect += fn->blocks[b].jt != NULL;
			cp->nexits += fn->blocks[b].term == CFG_EXIT;
		}
	}
	{
		struct amap all = {0};

		for (size_t i = 0; i < funcs.n; i++)
			for (size_t k = 0; k < funcs.v[i].ninsns; k++)
				if (amap_get(&all, funcs.v[i].insns[k].pc) < 0) {
					amap_put(&all, funcs.v[i].insns[k].pc, 1);
					cp->covered += funcs.v[i].insns[k].len;
				}
		cp->nunique = all.n;
		amap_free(&all);
	}
	cp->funcs = funcs.v;
	cp->nfuncs = funcs.n;
	amap_free(&d.funcs);
	vfree(&d.work);
	cfg_fenv(cp, ef);
}

void cfg_free(struct cfg_prog *cp)
{
	free_funcs(cp->funcs, cp->nfuncs);
	memset(cp, 0, sizeof *cp);
}

static void free_funcs(struct cfg_func *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct cfg_func *fn = &v[i];

		for (size_t b = 0; b < fn->nblocks; b++) {
			free(fn->blocks[b].table);
			free(fn->blocks[b].table_blk);
			jtab_free(fn->blocks[b].jt);
		}
		free(fn->blocks);
		free(fn->insns);
		free(fn->entries);
		free(fn->entry_blk);
	}
	free(v);
}

static const char *const term_name[] = {
	"fall", "branch", "jump", "call", "icall", "tail", "ret", "ijump", "exit", "ecall", "fence.i",
};

void cfg_dump(FILE *out, const struct cfg_prog *cp)
{
	char buf[128];

	for (size_t i = 0; i < cp->nfuncs; i++) {
		const struct cfg_func *fn = &cp->funcs[i];

		fprintf(out, "func %zu %#llx <%s> %zu blocks %zu entries\n", i,
			(unsigned long long)fn->start, fn->name ? fn->name : "?", fn->nblocks,
			fn->nentries);
		for (size_t b = 0; b < fn->nblocks; b++) {
			const struct cfg_block *bl = &fn->blocks[b];

			fprintf(out, "  B%zu %#llx: %s target=%#llx succ=%d fall=%d entry=%d\n", b,
				(unsigned long long)bl->start, term_name[bl->term],
				(unsigned long long)bl->target, bl->succ, bl->fall, bl->entry);
			for (uint32_t k = 0; k < bl->n; k++) {
				rv_disasm(buf, sizeof buf, &fn->insns[bl->first + k]);
				fprintf(out, "    %llx: %s\n", (unsigned long long)fn->insns[bl->first + k].pc, buf);
			}
			for (uint32_t k = 0; k < bl->ntable; k++)
				fprintf(out, "    case %#llx -> B%d\n", (unsigned long long)bl->table[k],
					bl->table_blk[k]);
			if (bl->jt)
				fprintf(out, "    table %#llx, %u entries, on the index\n",
					(unsigned long long)bl->jt->addr, bl->jt->n);
		}
	}
}

void cfg_check(const struct cfg_prog *cp)
{
	for (size_t i = 0; i < cp->nfuncs; i++) {
		const struct cfg_func *fn = &cp->funcs[i];

		check(fn->nentries >= 1 && fn->entries[0] == fn->start);
		for (size_t b = 0; b < fn->nblocks; b++) {
			const struct cfg_block *bl = &fn->blocks[b];

			check(bl->first + bl->n <= fn->ninsns);
			check(bl->succ < (int)fn->nblocks && bl->fall < (int)fn->nblocks);
			if (bl->term == CFG_BRANCH || bl->term == CFG_JUMP)
				check(bl->succ >= 0);
			for (uint32_t k = 0; k < bl->ntable; k++)
				check(bl->table_blk[k] >= 0);
		}
	}
}
