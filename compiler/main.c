/*
 * main.c: the rv2wasm command line and the one visible pass list.
 *
 *   read ELF -> discover code and build the CFG -> translate
 *   -> link with the runtime, optimize, validate, write
 *
 * Each pass's header (elf.h, cfg.h, emit.h) says what it needs and what it
 * leaves behind.  With --dump, each pass's output goes to stderr.
 */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cfg.h"
#include "disasm.h"
#include "elfread.h"
#include "emit.h"
#include "friscy.h"
#include "rv.h"

static const char usage[] =
	"usage: rv2wasm PROGRAM [-o OUT.wasm] [options]\n"
	"Translate a static RV64GC Linux ELF into one WebAssembly module that\n"
	"`friscy run` executes.\n"
	"\n"
	"  -o FILE        output file (default: PROGRAM.wasm)\n"
	"  -O0 .. -O3     Binaryen optimisation level (default -O2)\n"
	"  --interp-only  translate nothing: everything runs on the interpreter\n"
	"  --count        translated code counts the instructions it retires, for\n"
	"                 FRISCY_STATS (always so when the program reads cycle or instret)\n"
	"  --disasm       print the disassembly (as objdump -d -M no-aliases) and exit\n"
	"  --stats        print functions, blocks, instructions, size and pass times\n"
	"  -g             keep function names (g_ADDR) for profilers\n"
	"  --dump         debug: print each pass's output on stderr\n"
	"  --runtime FILE use this rt.wasm instead of the installed one\n"
	"  --help, --version\n";

static _Noreturn void usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "rv2wasm: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, " (see rv2wasm --help)\n");
	exit(2);
}

/* rt.wasm lives in ../share/friscy/ next to the directory of this binary,
 * in the build tree and after `cmake --install` alike. */
static char *find_runtime(void)
{
	char self[PATH_MAX], *path;
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	const char *env = getenv("FRISCY_RT");

	if (env && *env)
		return xstrdup(env);
	if (n <= 0)
		return xstrdup("rt.wasm");
	self[n] = 0;
	char *dir = dirname(self);

	path = xmalloc(strlen(dir) + 32);
	sprintf(path, "%s/../share/friscy/rt.wasm", dir);
	return path;
}

static void parse_args(struct opts *o, int argc, char **argv)
{
	o->opt_level = 2;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage, stdout);
			exit(0);
		} else if (!strcmp(a, "--version")) {
			printf("rv2wasm (friscy) %s\n", FRISCY_VERSION);
			exit(0);
		} else if (!strcmp(a, "-o")) {
			if (++i >= argc)
				usage_error("%s needs a file name", "-o");
			o->out = argv[i];
		} else if (a[0] == '-' && a[1] == 'O' && a[2] >= '0' && a[2] <= '3' && !a[3]) {
			o->opt_level = a[2] - '0';
		} else if (!strcmp(a, "--interp-only")) {
			o->interp_only = 1;
		} else if (!strcmp(a, "--count")) {
			o->count = 1;
		} else if (!strcmp(a, "--disasm")) {
			o->disasm = 1;
		} else if (!strcmp(a, "--stats")) {
			o->stats = 1;
		} else if (!strcmp(a, "-g")) {
			o->names = 1;
		} else if (!strcmp(a, "--dump")) {
			o->dump = 1;
		} else if (!strcmp(a, "--runtime")) {
			if (++i >= argc)
				usage_error("%s needs a file name", "--runtime");
			o->rt_path = argv[i];
		} else if (a[0] == '-' && a[1]) {
			usage_error("unknown option '%s'", a);
		} else if (o->in) {
			usage_error("more than one input ('%s')", a);
		} else {
			o->in = a;
		}
	}
	if (!o->in)
		usage_error("%s", "no input file");
}

static void disasm(const struct elf_file *ef)
{
	disasm_print(stdout, ef);
}

static int run(struct opts *op);

/* Binaryen's Relooper recurses once per block: give the passes a stack
 * that the largest guest functions cannot exhaust. */
static void *run_thread(void *arg)
{
	return (void *)(intptr_t)run(arg);
}

int main(int argc, char **argv)
{
	struct opts o = {0};
	pthread_attr_t attr;
	pthread_t th;
	void *rc;

	parse_args(&o, argc, argv);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, (size_t)1 << 30);
	if (pthread_create(&th, &attr, run_thread, &o))
		return run(&o);
	pthread_join(th, &rc);
	return (int)(intptr_t)rc;
}

static int run(struct opts *op)
{
	struct opts o = *op;
	struct elf_file ef;
	struct cfg_prog cp = {0};
	struct emit *e;
	double t0 = now_seconds(), t1, t2, t3, t4;
	char *rt, *defout = NULL;

	elf_read(&ef, o.in);
	t1 = now_seconds();
	if (o.disasm) {
		disasm(&ef);
		elf_free(&ef);
		return 0;
	}
	if (!o.out) {
		defout = xmalloc(strlen(o.in) + 6);
		sprintf(defout, "%s.wasm", o.in);
		o.out = defout;
	}
	rt = o.rt_path ? xstrdup(o.rt_path) : find_runtime();
	emit_output_open(o.out); /* fail now, not after translating */

	if (!o.interp_only) {
		cfg_discover(&cp, &ef);
		cfg_inline(&cp);
		cfg_split(&cp);
#ifndef NDEBUG
		cfg_check(&cp);
#endif
		if (o.dump)
			cfg_dump(stderr, &cp);
	}
	t2 = now_seconds();
	e = emit_open(rt);
	if (!o.interp_only)
		emit_translate(e, &cp, o.count || cp.counters_read);
	t3 = now_seconds();
	size_t size = emit_finish(e, &ef, &cp, &o);

	t4 = now_seconds();
	if (o.stats) {
		size_t text = 0;

		for (size_t i = 0; i < ef.nsegs; i++)
			if (ef.segs[i].prot & 4)
				text += ef.segs[i].filesz;
		fprintf(stderr,
			"rv2wasm: %s: %zu functions (%zu skipped), %zu blocks, %zu instructions translated"
			" (%zu distinct), %zu jump tables (%zu switched on the index), %zu exits to the dispatcher,"
			" %zu calls inlined (%zu instructions copied), %zu instructions copied to give cycles one way in\n",
			o.in, cp.nfuncs, cp.nskipped, cp.nblocks, cp.ninsns, cp.nunique, cp.ntables, cp.ndirect, cp.nexits,
			cp.ninlined, cp.ninlined_insns, cp.nsplit_insns);
		size_t code = 0;

		for (size_t i = 0; i < ef.nsecs; i++)
			if ((ef.secs[i].flags & 4) && ef.secs[i].data)
				code += ef.secs[i].size;
		if (!code)
			code = text;
		fprintf(stderr,
			"rv2wasm: %s: translated code covers %zu of %zu bytes of executable sections"
			" (%.1f%%); the rest is left to the interpreter\n",
			o.in, cp.covered, code, code ? 100.0 * cp.covered / code : 0.0);
		fprintf(stderr, "rv2wasm: %s: floating point: fflags %s, frm %s\n", o.in,
			cp.flags_read ? "may be read (kept exact)" : "never read (not kept)",
			cp.frm_written ? "may change (checked)" : "never changes (always nearest-even)");
		fprintf(stderr, "rv2wasm: %s: %zu bytes of code in, %zu bytes of Wasm out (%.2fx)\n", o.in,
			text, size, text ? (double)size / text : 0.0);
		fprintf(stderr,
			"rv2wasm: times: read %.3fs, cfg %.3fs, translate %.3fs, link+optimize+write %.3fs,"
			" total %.3fs\n",
			t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0);
	}
	emit_close(e);
	cfg_free(&cp);
	elf_free(&ef);
	free(rt);
	free(defout);
	return 0;
}
