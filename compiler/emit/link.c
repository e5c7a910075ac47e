/*
 * link.c: the output module is rt.wasm, read with Binaryen, plus
 *  - the translated functions (translate.c) in their own table,
 *  - the guest image as passive data segments ("blobs", see rt.h),
 *  - bodies for the functions rt imports from `env` (rt_gen_*): each
 *    import is removed and re-added as a defined function of the same
 *    internal name, so rt's calls to it now reach generated code.
 * then optimized, validated and written atomically (temp file + rename),
 * so a failed run never leaves a partial output behind.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emitint.h"

#define RT_INITIAL_PAGES 2048u /* rt.wasm is linked with 128 MiB initial memory */
#define MAX_PAGES 65536u

static BinaryenExpressionRef c32(BinaryenModuleRef m, uint32_t v) { return BinaryenConst(m, BinaryenLiteralInt32((int32_t)v)); }

/* The address of an exported data symbol: an exported global whose init is
 * a constant. */
static uint32_t data_symbol(BinaryenModuleRef m, const char *rt_path, const char *name)
{
	BinaryenExportRef ex = BinaryenGetExport(m, name);

	if (!ex || BinaryenExportGetKind(ex) != BinaryenExternalGlobal())
		err(rt_path, "not a friscy runtime (no %s)", name);
	BinaryenGlobalRef g = BinaryenGetGlobal(m, BinaryenExportGetValue(ex));
	BinaryenExpressionRef init = BinaryenGlobalGetInitExpr(g);

	if (BinaryenExpressionGetId(init) != BinaryenConstId())
		die("%s's address is not a constant", name);
	return (uint32_t)BinaryenConstGetValueI32(init);
}

struct emit *emit_open(const char *rt_path)
{
	struct emit *e = xcalloc(1, sizeof *e);
	FILE *f = fopen(rt_path, "rb");
	char *buf;
	long n;

	if (!f)
		err(rt_path, "cannot open the runtime: %s (is friscy installed completely?)", strerror(errno));
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET))
		err(rt_path, "cannot read the runtime");
	buf = xmalloc(n);
	if (fread(buf, 1, n, f) != (size_t)n)
		err(rt_path, "cannot read the runtime");
	fclose(f);
	e->mod = BinaryenModuleRead(buf, n);
	free(buf);
	if (!e->mod)
		err(rt_path, "not a valid runtime module");
	BinaryenModuleSetFeatures(e->mod, BinaryenFeatureMVP() | BinaryenFeatureMutableGlobals() |
						  BinaryenFeatureSignExt() | BinaryenFeatureBulkMemory() |
						  BinaryenFeatureNontrappingFPToInt() |
						  BinaryenFeatureReferenceTypes() | BinaryenFeatureTailCall() |
						  BinaryenFeatureSIMD128());

	e->cpu = data_symbol(e->mod, rt_path, "rt_cpu");
	e->pagemap = data_symbol(e->mod, rt_path, "rt_pagemap");
	e->icache = data_symbol(e->mod, rt_path, "rt_icache");
	return e;
}

const char *emit_rt_func(struct emit *e, const char *name)
{
	BinaryenExportRef ex = BinaryenGetExport(e->mod, name);

	if (!ex || BinaryenExportGetKind(ex) != BinaryenExternalFunction())
		die("the runtime does not export %s", name);
	return BinaryenExportGetValue(ex);
}

void emit_close(struct emit *e)
{
	if (!e)
		return;
	BinaryenModuleDispose(e->mod);
	for (size_t i = 0; i < e->nfuncs; i++)
		free(e->fname[i]);
	free(e->fname);
	free(e->fma_used);
	free(e);
}

/* ---- blobs ---- */

struct blob {
	uint8_t *data; /* owned */
	uint32_t size;
};
typedef VEC(struct blob) blobvec;

static uint32_t add_blob(blobvec *bl, const void *data, size_t n)
{
	struct blob b = {xmalloc(n), (uint32_t)n};

	if (n > UINT32_MAX)
		die("blob too large");
	memcpy(b.data, data, n);
	vpush(bl, b);
	return bl->n - 1;
}

/* The entry table (rt.h): function starts first, so a pc that is both a
 * start and some other function's return site enters at the start.
 * Entry numbers get the bits the function count leaves (32 - its bits):
 * an entry numbered beyond them (a function with thousands of entries in
 * a program with a million functions) is left out, and the interpreter
 * runs from that pc until it reaches an entry that is in. */
static void entry_table(blobvec *bl, const struct cfg_prog *cp, int interp_only)
{
	size_t n = 0, nslots = 16, most = 1;
	uint32_t ebits = 0, fbits = 0;

	if (interp_only) {
		add_blob(bl, "", 0);
		return;
	}
	for (size_t i = 0; i < cp->nfuncs; i++) {
		n += cp->funcs[i].nentries;
		if (cp->funcs[i].nentries > most)
			most = cp->funcs[i].nentries;
	}
	while (nslots < n + n / 2 + 1)
		nslots *= 2;
	while ((1ull << fbits) < cp->nfuncs)
		fbits++;
	while ((1ull << ebits) < most && ebits + fbits < 32)
		ebits++;
	size_t size = 8 + nslots * sizeof(struct rt_entry);
	uint8_t *buf = xcalloc(1, size);
	struct rt_entry *slot = (struct rt_entry *)(buf + 8);

	memcpy(buf, &(uint32_t){nslots}, 4);
	memcpy(buf + 4, &ebits, 4);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < cp->nfuncs; i++) {
			const struct cfg_func *fn = &cp->funcs[i];

			for (size_t k = pass ? 1 : 0; k < (pass ? fn->nentries : 1); k++) {
				uint64_t pc = fn->entries[k];
				uint32_t h = rt_entry_hash(pc) & (nslots - 1);

				if (k >> ebits || pc >= RT_GUEST_SIZE)
					continue;
				while (slot[h].pc && slot[h].pc != pc)
					h = (h + 1) & (nslots - 1);
				if (slot[h].pc)
					continue;
				slot[h] = (struct rt_entry){(uint32_t)pc, (uint32_t)fn->index << ebits | (uint32_t)k};
			}
		}
	struct blob b = {buf, (uint32_t)size};

	vpush(bl, b);
}

static void image_blobs(blobvec *bl, const struct elf_file *ef, const struct cfg_prog *cp,
			int interp_only, int count)
{
	struct rt_image im = {.magic = RT_IMAGE_MAGIC, .version = RT_IMAGE_VERSION,
			      .counted = interp_only || count};
	size_t nlen = strlen(ef->name);
	size_t hsize = sizeof im + ef->nsegs * sizeof(struct rt_image_seg);
	uint8_t *h = xcalloc(1, hsize + nlen);
	struct rt_image_seg *seg = (struct rt_image_seg *)(h + sizeof im);

	add_blob(bl, "", 0); /* blob 0, filled below */
	im.entry = ef->entry;
	im.phdr = ef->phdr;
	im.phnum = ef->phnum;
	im.phent = ef->phent;
	im.brk = ef->brk;
	im.nseg = ef->nsegs;
	im.name_off = hsize;
	im.name_len = nlen;
	im.text_lo = UINT64_MAX;
	for (size_t i = 0; i < ef->nsegs; i++) {
		const struct elf_seg *s = &ef->segs[i];

		seg[i] = (struct rt_image_seg){s->vaddr, s->memsz, s->filesz, s->prot,
					       add_blob(bl, s->data, s->filesz)};
		if (s->prot & 4) {
			if (s->vaddr < im.text_lo)
				im.text_lo = s->vaddr;
			if (s->vaddr + s->memsz > im.text_hi)
				im.text_hi = s->vaddr + s->memsz;
		}
	}
	im.entries_blob = bl->n;
	entry_table(bl, cp, interp_only);
	memcpy(h, &im, sizeof im);
	memcpy(h + hsize, ef->name, nlen);
	free(bl->v[0].data);
	bl->v[0] = (struct blob){h, (uint32_t)(hsize + nlen)};
}

/* ---- generated bodies of rt's env imports ---- */

static const char *import_name(BinaryenModuleRef m, const char *base)
{
	for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(m); i++) {
		BinaryenFunctionRef f = BinaryenGetFunctionByIndex(m, i);
		const char *mod = BinaryenFunctionImportGetModule(f);

		if (mod && !strcmp(mod, "env") && !strcmp(BinaryenFunctionImportGetBase(f), base))
			return BinaryenFunctionGetName(f);
	}
	return NULL;
}

static void define_import(BinaryenModuleRef m, const char *base, BinaryenType params,
			  BinaryenType results, BinaryenExpressionRef body)
{
	const char *name = import_name(m, base);
	char *copy;

	if (!name)
		return; /* rt never calls it */
	copy = xstrdup(name);
	BinaryenRemoveFunction(m, copy);
	BinaryenAddFunction(m, copy, params, results, NULL, 0, body);
	free(copy);
}

static void gen_imports(struct emit *e, uint32_t first_seg, const blobvec *bl)
{
	BinaryenModuleRef m = e->mod;
	BinaryenType i32 = BinaryenTypeInt32();
	BinaryenType ii[2] = {i32, i32};
	BinaryenType p2 = BinaryenTypeCreate(ii, 2);
	BinaryenExpressionRef size = c32(m, 0), copy[64];
	size_t ncopy = 0;

	if (bl->n > 64)
		die("too many blobs");
	for (size_t i = bl->n; i-- > 0;) {
		BinaryenExpressionRef is = BinaryenBinary(m, BinaryenEqInt32(), BinaryenLocalGet(m, 0, i32), c32(m, i));

		size = BinaryenSelect(m, is, c32(m, bl->v[i].size), size, i32);
		copy[ncopy++] = BinaryenIf(m, BinaryenBinary(m, BinaryenEqInt32(), BinaryenLocalGet(m, 0, i32), c32(m, i)),
					   BinaryenMemoryInit(m, first_seg + i, BinaryenLocalGet(m, 1, i32),
							      c32(m, 0), c32(m, bl->v[i].size)),
					   NULL);
	}
	define_import(m, "rt_gen_blob_size", i32, i32, size);
	define_import(m, "rt_gen_blob_copy", p2, BinaryenTypeNone(),
		      BinaryenBlock(m, NULL, copy, ncopy, BinaryenTypeNone()));

	/* the translated functions' table and the call into it */
	const char **names = xcalloc(e->nfuncs + 1, sizeof *names);

	for (size_t i = 0; i < e->nfuncs; i++)
		names[i] = e->fname[i];
	BinaryenAddTable(m, TX_TABLE, e->nfuncs, e->nfuncs, BinaryenTypeFuncref());
	if (e->nfuncs)
		BinaryenAddActiveElementSegment(m, TX_TABLE, "friscy_tx_elems", names, e->nfuncs, c32(m, 0));
	free(names);
	/* rt_gen_call(func, entry, depth): a translated function's parameters
	 * are (entry, depth), the same pair of types as p2 */
	BinaryenType iii[3] = {i32, i32, i32};
	BinaryenExpressionRef args[2] = {BinaryenLocalGet(m, 1, i32), BinaryenLocalGet(m, 2, i32)};

	define_import(m, "rt_gen_call", BinaryenTypeCreate(iii, 3), BinaryenTypeNone(),
		      BinaryenCallIndirect(m, TX_TABLE, BinaryenLocalGet(m, 0, i32), args, 2, p2,
					   BinaryenTypeNone()));
	/* translated code off for good: every translated function returns at
	 * once, as one nested too deep does (translate.c) */
	define_import(m, "rt_gen_stop", BinaryenTypeNone(), BinaryenTypeNone(),
		      BinaryenGlobalSet(m, LIMIT_GLOBAL, c32(m, 0)));
}

/* rt's own data segments stay first (their indices don't move); blobs follow
 * as passive segments.  Binaryen 108's BinaryenSetMemory appends the
 * segments it is given to the existing ones. */
static uint32_t set_memory(BinaryenModuleRef m, const blobvec *bl)
{
	uint32_t nold = BinaryenGetNumMemorySegments(m), n = bl->n;
	const char **data = xcalloc(n, sizeof *data);
	bool *passive = xcalloc(n, sizeof *passive);
	BinaryenExpressionRef *off = xcalloc(n, sizeof *off);
	BinaryenIndex *sizes = xcalloc(n, sizeof *sizes);

	for (uint32_t i = 0; i < n; i++) {
		data[i] = (const char *)bl->v[i].data;
		sizes[i] = bl->v[i].size;
		passive[i] = true;
	}
	BinaryenSetMemory(m, RT_INITIAL_PAGES, MAX_PAGES, NULL, data, passive, off, sizes, n, false);
	if (BinaryenGetNumMemorySegments(m) != nold + n)
		die("unexpected memory segment count after BinaryenSetMemory");
	free(data);
	free(passive);
	free(off);
	free(sizes);
	return nold;
}

static char *tmp_path;
static FILE *tmp_file;

static void remove_tmp(void)
{
	if (tmp_path)
		unlink(tmp_path);
}

void emit_output_open(const char *out)
{
	size_t len = strlen(out);
	struct stat st;

	/* Not a regular file (/dev/null, a pipe): write it in place; renaming
	 * over a device would replace it. */
	if (!stat(out, &st) && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode))
			err(out, "is a directory");
		tmp_file = fopen(out, "wb");
		if (!tmp_file)
			err(out, "cannot write: %s", strerror(errno));
		return;
	}

	tmp_path = xmalloc(len + 32);
	snprintf(tmp_path, len + 32, "%s.tmp%ld", out, (long)getpid());
	tmp_file = fopen(tmp_path, "wb");
	if (!tmp_file) {
		int e = errno;

		free(tmp_path);
		tmp_path = NULL;
		err(out, "cannot write: %s", strerror(e));
	}
	atexit(remove_tmp);
}

static void write_atomically(const char *out, const void *buf, size_t n)
{
	if (!tmp_file)
		emit_output_open(out);
	if (fwrite(buf, 1, n, tmp_file) != n || fclose(tmp_file)) {
		tmp_file = NULL;
		err(out, "cannot write: %s", strerror(errno));
	}
	tmp_file = NULL;
	if (tmp_path && rename(tmp_path, out))
		err(out, "cannot write: %s", strerror(errno));
	free(tmp_path);
	tmp_path = NULL;
}

/*
 * Optimisation levels.  Measured on busybox (6k functions) and the bench
 * kernels: only optimize-instructions changes run time (it folds the
 * translator's NaN-boxing and float-flag patterns; n-body runs 1.5-2x slower
 * without it).  precompute folds constants the translator left (`addi rd,
 * x0, imm` as 0 + imm): 2 % off busybox's module for 0.05 s.  The other
 * function-local passes make the module smaller for much more time and no
 * measurable speed, since V8's optimizing tier does its own register
 * allocation and block layout: merge-blocks 5.5 % for 1.8 s more than
 * busybox's 5.4 s, vacuum 2.5 % for 1.4 s, simplify-locals 1.5 % for 2.1 s,
 * remove-unused-brs 0.9 % for 1 s; Binaryen's whole -O pipeline costs
 * minutes on a static glibc program.  So -O1 and the default -O2 run those
 * two, and -O3 adds the size passes.
 */
static void optimize(BinaryenModuleRef m, int level)
{
	static const char *o2[] = {"optimize-instructions", "precompute"};
	static const char *size[] = {"simplify-locals-nostructure", "vacuum", "remove-unused-brs", "merge-blocks",
				     "reorder-locals"};

	BinaryenSetOptimizeLevel(level < 3 ? level : 2);
	BinaryenSetShrinkLevel(0);
	if (level >= 1)
		BinaryenModuleRunPasses(m, o2, sizeof o2 / sizeof *o2);
	if (level >= 3)
		BinaryenModuleRunPasses(m, size, sizeof size / sizeof *size);
}

/*
 * FMA_SECTION (see add_fma in translate.c and fmasites.c): the functions
 * whose calls of the fma functions a host may replace, and those two, by
 * their index in the written module: Binaryen writes imported functions
 * first, then the defined ones, each in module order.  Returns how many
 * users; 0 when the program has none (the host then need not touch it).
 */
static int cmp_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static size_t fma_users(struct emit *e, uint32_t **users, uint32_t *fma64, uint32_t *fma32)
{
	BinaryenModuleRef m = e->mod;
	BinaryenIndex n = BinaryenGetNumFunctions(m), nimp = 0, idx;
	size_t nused = 0;
	const char **used = xcalloc(e->nfuncs + 2, sizeof *used);

	*users = NULL;
	for (size_t i = 0; i < e->nfuncs; i++)
		if (e->fma_used[i])
			used[nused++] = e->fname[i];
	if (!nused) {
		free(used);
		return 0;
	}
	used[nused++] = FMA64_PROBE;
	used[nused++] = FMA32_PROBE;
	qsort(used, nused, sizeof *used, cmp_name);
	for (BinaryenIndex i = 0; i < n; i++) {
		const char *mod = BinaryenFunctionImportGetModule(BinaryenGetFunctionByIndex(m, i));

		nimp += mod && *mod;
	}
	uint32_t *found = xcalloc(nused, sizeof *found), nfound = 0;

	*fma64 = *fma32 = UINT32_MAX;
	idx = nimp;
	for (BinaryenIndex i = 0; i < n; i++) {
		BinaryenFunctionRef f = BinaryenGetFunctionByIndex(m, i);
		const char *mod = BinaryenFunctionImportGetModule(f), *name = BinaryenFunctionGetName(f);

		if (mod && *mod)
			continue;
		if (nfound < nused && bsearch(&name, used, nused, sizeof *used, cmp_name))
			found[nfound++] = idx;
		if (!strcmp(name, FMA64_FUNC))
			*fma64 = idx;
		if (!strcmp(name, FMA32_FUNC))
			*fma32 = idx;
		idx++;
	}
	check(*fma64 != UINT32_MAX && *fma32 != UINT32_MAX);
	free(used);
	*users = found;
	return nfound;
}

size_t emit_finish(struct emit *e, const struct elf_file *ef, const struct cfg_prog *cp,
		   const struct opts *o)
{
	blobvec bl = {0};
	BinaryenModuleRef m = e->mod;

	if (!e->fname) { /* --interp-only: no translated functions */
		struct cfg_prog none = {0};

		emit_translate(e, &none, 0);
	}
	image_blobs(&bl, ef, cp, o->interp_only, e->count);
	uint32_t first = set_memory(m, &bl);

	gen_imports(e, first, &bl);
	for (size_t i = 0; i < bl.n; i++)
		free(bl.v[i].data);
	vfree(&bl);

	if (!BinaryenModuleValidate(m))
		die("the generated module does not validate");
	optimize(m, o->opt_level);
	uint32_t *users, fma64 = 0, fma32 = 0;
	size_t nusers = fma_users(e, &users, &fma64, &fma32);

	BinaryenSetDebugInfo(o->names);
	BinaryenModuleAllocateAndWriteResult r = BinaryenModuleAllocateAndWrite(m, NULL);
	size_t n = r.binaryBytes;
	uint8_t *sites = NULL;
	size_t nsites = nusers ? emit_fma_sites(r.binary, n, users, nusers, fma64, fma32, &sites) : 0;

	if (nsites) { /* appended: no offset before it moves */
		r.binary = xrealloc(r.binary, n + nsites);
		memcpy((uint8_t *)r.binary + n, sites, nsites);
		n += nsites;
	}
	write_atomically(o->out, r.binary, n);
	free(r.binary);
	free(sites);
	free(users);
	return n;
}
