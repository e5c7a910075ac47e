/*
 * main.c: the WASI command.  Loads the guest image the module carries
 * (blob 0, rt.h), builds the initial stack the way Linux's execve does for
 * a static riscv64 ELF (fs/exec.c, fs/binfmt_elf.c create_elf_tables), and
 * runs the guest: translated code where the entry table has the pc, the
 * interpreter elsewhere.  Also the process's end (rt_exit, rt_kill).
 *
 * Host contract (rt/host/friscy.cjs): args = [path of the .wasm, guest
 * args...], env = the host environment, fds 0/1/2 = host stdio.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

#include "rtint.h"

int rt_strace, rt_debug, rt_stats;
static uint64_t start_ns; /* when the guest started, for FRISCY_STATS */
int rt_guest_argc;
char **rt_guest_argv, **rt_guest_envp;
const char *rt_exe_name;
struct rt_image rt_img;

extern char **environ;

static struct rt_entry *entries; /* the open-addressed table of rt.h */
static uint32_t entry_mask, entry_bits;

static _Noreturn void fatal(const char *msg)
{
	fprintf(stderr, "friscy: %s\n", msg);
	rt_exit(1);
}

static int env_on(const char *name)
{
	const char *v = getenv(name);
	return v && *v && strcmp(v, "0") != 0;
}

/* ---- the image ---- */

static void *copy_blob(uint32_t id, uint32_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		fatal("out of memory loading the image");
	if (size)
		rt_gen_blob_copy(id, (uint32_t)(uintptr_t)p);
	return p;
}

static void load_image(void)
{
	uint32_t size = rt_gen_blob_size(0);
	if (size == 0)
		fatal("no guest program in this module");
	if (size < sizeof rt_img)
		fatal("corrupt image descriptor (blob 0 too short)");
	uint8_t *blob = copy_blob(0, size);
	memcpy(&rt_img, blob, sizeof rt_img);
	if (rt_img.magic != RT_IMAGE_MAGIC)
		fatal("corrupt image descriptor (bad magic)");
	if (rt_img.version != RT_IMAGE_VERSION)
		fatal("image descriptor version mismatch: rebuild the module with this friscy");
	if (rt_img.nseg == 0 ||
	    rt_img.nseg > (size - sizeof rt_img) / sizeof(struct rt_image_seg) ||
	    rt_img.name_off > size || rt_img.name_len > size - rt_img.name_off)
		fatal("corrupt image descriptor (sizes)");

	char *name = malloc(rt_img.name_len + 1);
	if (!name)
		fatal("out of memory loading the image");
	memcpy(name, blob + rt_img.name_off, rt_img.name_len);
	name[rt_img.name_len] = 0;
	rt_exe_name = name;

	rt_mem_init();
	uint64_t end = rt_img.brk;
	for (uint32_t i = 0; i < rt_img.nseg; i++) {
		struct rt_image_seg s;
		memcpy(&s, blob + sizeof rt_img + i * sizeof s, sizeof s);
		if (s.filesz > s.memsz || rt_mem_map_image(s.vaddr, s.memsz, (int)s.prot) < 0)
			fatal("corrupt image descriptor (segment outside the guest space)");
		if (s.filesz) {
			if (rt_gen_blob_size(s.blob) != s.filesz)
				fatal("corrupt image (segment blob size)");
			rt_gen_blob_copy(s.blob, (uint32_t)(uintptr_t)rt_g2h(s.vaddr));
		}
		/* The rest of memsz (bss) is zero: the arena starts zeroed. */
		if (s.vaddr + s.memsz > end)
			end = s.vaddr + s.memsz;
	}
	rt_mem_image_done(end);
	free(blob);
}

/*
 * The entry table blob: nslots (a power of two) and padding, then the
 * slots.  At least one slot must be free, or a miss would probe forever.
 */
static void load_entries(void)
{
	uint32_t size = rt_gen_blob_size(rt_img.entries_blob);
	if (size == 0)
		return;
	if (size < 8)
		fatal("corrupt entry table");
	uint8_t *blob = copy_blob(rt_img.entries_blob, size);
	uint32_t n;
	memcpy(&n, blob, 4);
	memcpy(&entry_bits, blob + 4, 4);
	if (n == 0 || (n & (n - 1)) || (size - 8) / sizeof(struct rt_entry) != n || entry_bits > 31)
		fatal("corrupt entry table");
	entries = (struct rt_entry *)(blob + 8);
	entry_mask = n - 1;
	uint32_t nfree = 0;
	for (uint32_t i = 0; i < n; i++)
		nfree += entries[i].pc == 0;
	if (!nfree)
		fatal("corrupt entry table (full)");
}

int rt_entry_find(uint64_t pc, uint32_t *func, uint32_t *entry)
{
	if (!entries || pc == 0 || pc >= RT_GUEST_SIZE) /* pc 0 would match a free slot */
		return 0;
	for (uint32_t i = rt_entry_hash(pc) & entry_mask;; i = (i + 1) & entry_mask) {
		if (entries[i].pc == pc) {
			*func = entries[i].fe >> entry_bits;
			*entry = entries[i].fe & ((1u << entry_bits) - 1);
			return 1;
		}
		if (entries[i].pc == 0)
			return 0;
	}
}

void rt_entries_drop(void)
{
	if (entries)
		free((uint8_t *)entries - 8);
	entries = NULL;
	memset(rt_icache, 0, sizeof rt_icache);
}

/* ---- the initial stack ---- */

enum {
	AT_NULL = 0,
	AT_PHDR = 3,
	AT_PHENT = 4,
	AT_PHNUM = 5,
	AT_PAGESZ = 6,
	AT_BASE = 7,
	AT_FLAGS = 8,
	AT_ENTRY = 9,
	AT_UID = 11,
	AT_EUID = 12,
	AT_GID = 13,
	AT_EGID = 14,
	AT_HWCAP = 16,
	AT_CLKTCK = 17,
	AT_SECURE = 23,
	AT_RANDOM = 25,
	AT_EXECFN = 31,
};

#define HWCAP_BIT(c) (1ull << ((c) - 'A'))
#define RV64GC_HWCAP                                                                               \
	(HWCAP_BIT('I') | HWCAP_BIT('M') | HWCAP_BIT('A') | HWCAP_BIT('F') | HWCAP_BIT('D') |      \
	 HWCAP_BIT('C'))

static void build_args(int argc, char **argv)
{
	rt_guest_argc = argc > 1 ? argc : 1;
	rt_guest_argv = calloc((size_t)rt_guest_argc + 1, sizeof(char *));
	size_t nenv = 0;
	for (char **e = environ; e && *e; e++)
		nenv++;
	rt_guest_envp = calloc(nenv + 1, sizeof(char *));
	if (!rt_guest_argv || !rt_guest_envp)
		fatal("out of memory");
	rt_guest_argv[0] = (char *)rt_exe_name;
	for (int i = 1; i < argc; i++)
		rt_guest_argv[i] = argv[i];
	nenv = 0;
	for (char **e = environ; e && *e; e++)
		if (strncmp(*e, "FRISCY_", 7) != 0)
			rt_guest_envp[nenv++] = *e;
}

/*
 * Linux's layout, from the top: an 8-byte zero word, the exec file name,
 * the env strings, the arg strings (in ascending order argv[0] first);
 * then, 16-aligned, the 16 AT_RANDOM bytes; then, so that sp ends
 * 16-aligned, argc, argv[], NULL, envp[], NULL, auxv pairs, AT_NULL.
 * riscv has no ELF_PLATFORM, so no AT_PLATFORM string.
 */
static uint64_t build_stack(void)
{
	uint64_t top = RT_GUEST_SIZE - 8, p;
	size_t strsz = strlen(rt_exe_name) + 1, nenv = 0;
	for (int i = 0; i < rt_guest_argc; i++)
		strsz += strlen(rt_guest_argv[i]) + 1;
	for (char **e = rt_guest_envp; *e; e++, nenv++)
		strsz += strlen(*e) + 1;
	/* Linux caps strings at a quarter of the stack rlimit. */
	if (strsz + (rt_guest_argc + nenv) * 8 > RT_STACK_SIZE / 4)
		fatal("argument list too long");

	p = top - strsz;
	uint64_t *argp = malloc(sizeof(uint64_t) * ((size_t)rt_guest_argc + nenv));
	if (!argp)
		fatal("out of memory");
	for (size_t i = 0; i < (size_t)rt_guest_argc + nenv; i++) {
		const char *s =
		    i < (size_t)rt_guest_argc ? rt_guest_argv[i] : rt_guest_envp[i - rt_guest_argc];
		size_t n = strlen(s) + 1;
		argp[i] = p;
		memcpy(rt_g2h(p), s, n);
		p += n;
	}
	uint64_t execfn = p;
	memcpy(rt_g2h(p), rt_exe_name, strlen(rt_exe_name) + 1);

	p = (top - strsz) & ~(uint64_t)15;
	p -= 16;
	uint64_t random = p;
	if (rt_random(rt_g2h(random), 16) != 0)
		fatal("the host gave no random bytes");

	uint64_t aux[][2] = {
	    {AT_HWCAP, RV64GC_HWCAP},
	    {AT_PAGESZ, RT_PAGE},
	    {AT_CLKTCK, 100},
	    {AT_PHDR, rt_img.phdr},
	    {AT_PHENT, rt_img.phent},
	    {AT_PHNUM, rt_img.phnum},
	    {AT_BASE, 0},
	    {AT_FLAGS, 0},
	    {AT_ENTRY, rt_img.entry},
	    {AT_UID, RT_GUEST_UID},
	    {AT_EUID, RT_GUEST_UID},
	    {AT_GID, RT_GUEST_GID},
	    {AT_EGID, RT_GUEST_GID},
	    {AT_SECURE, 0},
	    {AT_RANDOM, random},
	    {AT_EXECFN, execfn},
	    {AT_NULL, 0},
	};
	size_t nwords = 1 + (size_t)rt_guest_argc + 1 + nenv + 1 + 2 * (sizeof aux / sizeof aux[0]);
	uint64_t sp = (p - nwords * 8) & ~(uint64_t)15;

	uint64_t *w = (uint64_t *)rt_g2h(sp);
	*w++ = (uint64_t)rt_guest_argc;
	for (int i = 0; i < rt_guest_argc; i++)
		*w++ = argp[i];
	*w++ = 0;
	for (size_t i = 0; i < nenv; i++)
		*w++ = argp[rt_guest_argc + i];
	*w++ = 0;
	memcpy(w, aux, sizeof aux);
	free(argp);
	return sp;
}

/* ---- the end ---- */

static void print_stats(void)
{
	if (!rt_stats)
		return;
	unsigned long long tx = rt_cpu.n_tx, in = rt_cpu.n_interp, all = tx + in;
	/* the guest's own time, without the host's start-up and compilation */
	double sec = (double)(rt_now_ns() - start_ns) / 1e9;

	if (!rt_img.counted) {
		fprintf(stderr, "friscy: %llu instructions interpreted; translated code does not count"
			" (rv2wasm --count)\n", in);
		fprintf(stderr, "friscy: %.3f s in the guest\n", sec);
		return;
	}
	fprintf(
	    stderr,
	    "friscy: %llu instructions: %llu translated, %llu interpreted (%.2f%% translated)\n",
	    all, tx, in, all ? 100.0 * (double)tx / (double)all : 0.0);
	fprintf(stderr, "friscy: %.3f s in the guest, %.1f M instructions/s\n", sec,
		sec > 0 ? (double)all / sec / 1e6 : 0.0);
}

_Noreturn void rt_exit(int status)
{
	print_stats();
	__wasi_proc_exit((__wasi_exitcode_t)(status & 0xff));
}

static const char *const signame[32] = {
    [1] = "Hangup",
    [2] = "Interrupt",
    [3] = "Quit",
    [4] = "Illegal instruction",
    [5] = "Trace/breakpoint trap",
    [6] = "Aborted",
    [7] = "Bus error",
    [8] = "Floating point exception",
    [9] = "Killed",
    [10] = "User defined signal 1",
    [11] = "Segmentation fault",
    [12] = "User defined signal 2",
    [13] = "Broken pipe",
    [14] = "Alarm clock",
    [15] = "Terminated",
    [16] = "Stack fault",
    [17] = "Child exited",
    [18] = "Continued",
    [19] = "Stopped (signal)",
    [20] = "Stopped",
    [21] = "Stopped (tty input)",
    [22] = "Stopped (tty output)",
    [23] = "Urgent I/O condition",
    [24] = "CPU time limit exceeded",
    [25] = "File size limit exceeded",
    [26] = "Virtual timer expired",
    [27] = "Profiling timer expired",
    [28] = "Window changed",
    [29] = "I/O possible",
    [30] = "Power failure",
    [31] = "Bad system call",
};

_Noreturn void rt_kill(int sig)
{
	const char *name = sig > 0 && sig < 32 && signame[sig] ? signame[sig] : "Unknown signal";
	fprintf(stderr, "friscy: guest terminated by signal %d (%s)\n", sig, name);
	print_stats();
	__wasi_proc_exit((__wasi_exitcode_t)(128 + sig));
}

int main(int argc, char **argv)
{
	rt_strace = env_on("FRISCY_STRACE");
	rt_debug = env_on("FRISCY_DEBUG");
	rt_stats = env_on("FRISCY_STATS");
	const char *seed = getenv("FRISCY_SEED");
	if (seed && *seed) {
		char *end;
		unsigned long long n = strtoull(seed, &end, 0);
		if (*end)
			fatal("FRISCY_SEED is not a number");
		rt_random_seed(n);
	}
	start_ns = rt_now_ns();

	load_image();
	load_entries();
	build_args(argc, argv);

	rt_cpu.x[2] = build_stack();
	rt_cpu.pc = rt_img.entry;
	for (;;) {
		uint32_t func, entry;
		if (rt_entry_find(rt_cpu.pc, &func, &entry))
			rt_gen_call(func, entry, 0);
		else
			rt_interp_run();
	}
}
