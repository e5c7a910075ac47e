/*
 * rt.h: the contract between translated code, the runtime and the host.
 *
 * rt/ is compiled to Wasm (emcc -sSTANDALONE_WASM: its only host imports
 * are WASI) into rt.wasm.  rv2wasm reads rt.wasm with Binaryen, adds one
 * Wasm function per guest function, and writes everything as one module.
 * The two halves meet in three ways, all listed here:
 *
 *  1. Data: `rt_cpu`, the guest's architectural state, at a fixed linear
 *     address that rv2wasm reads from rt.wasm's export of the symbol.
 *     Translated code keeps registers in Wasm locals and spills them here
 *     at calls out, syscalls and exits.
 *  2. Functions rt exports for translated code (RT_EXPORT below): the
 *     syscall gate, faults, CSRs, atomics, and the floating-point helpers
 *     of fpu.h.  rv2wasm calls them directly by their internal names.
 *  3. Functions translated code provides to rt (RT_GEN below): rt declares
 *     them and leaves them undefined, so they become `env` imports of
 *     rt.wasm; rv2wasm replaces each import by a generated body.  A plain
 *     rt.wasm (no program) therefore still loads: rt_gen_* are imports.
 *
 * Memory layout of the one linear memory:
 *
 *   0 .. RT_ARENA_BASE            runtime: data, C stack, rt heap (rt_alloc)
 *   RT_ARENA_BASE .. + RT_GUEST_SIZE   the guest arena
 *
 * Guest address g lives at linear address RT_ARENA_BASE + g, for
 * 0 <= g < RT_GUEST_SIZE.  Translated code folds RT_ARENA_BASE into the
 * offset of each load/store.  Every guest access is first checked against
 * the mapped ranges published in rt_cpu (see rt_mapped below), so a guest
 * address outside them, including any >= 4 GiB, raises SIGSEGV and can
 * never reach runtime memory.
 *
 * Guest address space:
 *   [RT_GUEST_MIN, ...)           the ELF image, then the brk heap
 *   [cpu.mmap_lo, RT_GUEST_SIZE)  mmap regions (growing down), then the
 *                                 stack at the top
 */
#ifndef RT_H
#define RT_H

#include <stdint.h>

#define RT_ARENA_BASE 0x08000000u /* 128 MiB for the runtime itself */
#define RT_GUEST_SIZE 0x40000000u /* 1 GiB of guest address space */
#define RT_GUEST_MIN 0x10000u     /* never mapped below: catches NULL */
#define RT_STACK_SIZE (8u << 20)
#define RT_PAGE 4096u

struct rt_entry;

#define RT_EXPORT __attribute__((used, visibility("default")))

/*
 * The guest CPU.  Field order and sizes are ABI: rv2wasm addresses them as
 * RT_CPU_* byte offsets from the exported rt_cpu address.  Keep both in
 * step (a static assert in rt/cpu.c checks the offsets).
 */
struct rt_cpu {
	uint64_t x[32];  /* x0 is kept 0 */
	uint64_t f[32];  /* raw bits; singles are NaN-boxed */
	uint64_t pc;     /* next guest pc whenever control is outside translated code */
	uint32_t fflags; /* accrued exceptions NV|DZ|OF|UF|NX (bits 4..0) */
	uint32_t frm;    /* dynamic rounding mode */

	/*
	 * Mapped ranges for the inline access check.  An access at guest
	 * address a is allowed when
	 *     (a - lo) <u (brk - lo)        -- image and brk heap
	 *  || (a - mmap_lo) <u (RT_GUEST_SIZE - mmap_lo)   -- mmap + stack
	 * with lo = rd_lo for loads and wr_lo for stores (wr_lo lies above
	 * the read-only/text segments, so a store into code faults as it does
	 * on Linux).  rt keeps these in step with brk/mmap/munmap.
	 */
	uint64_t rd_lo;
	uint64_t wr_lo;
	uint64_t brk;     /* page-rounded end of the brk heap */
	uint64_t mmap_lo; /* lowest mmap address; RT_GUEST_SIZE when none */

	uint64_t reservation; /* LR/SC reserved address, or ~0 when none */
	uint64_t n_tx;        /* guest instructions retired in translated code */
	uint64_t n_interp;    /* ... and on the interpreter */
	/* 1 while the image's read-only segments are as loaded: no munmap,
	 * mprotect or fixed mmap has touched them.  While it is, translated
	 * code takes a jump table's entries there as rv2wasm read them from
	 * the file (compiler/cfg/cfg.h, cfg_jtab). */
	uint64_t ro_same;
};

#define RT_CPU_X(i) ((i) * 8u)
#define RT_CPU_F(i) (256u + (i) * 8u)
#define RT_CPU_PC 512u
#define RT_CPU_FFLAGS 520u
#define RT_CPU_FRM 524u
#define RT_CPU_RD_LO 528u
#define RT_CPU_WR_LO 536u
#define RT_CPU_BRK 544u
#define RT_CPU_MMAP_LO 552u
#define RT_CPU_RESERVATION 560u
#define RT_CPU_N_TX 568u
#define RT_CPU_N_INTERP 576u
#define RT_CPU_RO_SAME 584u

extern struct rt_cpu rt_cpu;

/*
 * The page map: a byte per guest page, 0 when unmapped, else RT_PG_MAPPED
 * plus the permissions.  Translated code checks every access against it
 * (the page of the access's first byte), so it is exact per page: holes
 * left by munmap, PROT_NONE guards and read-only pages all fault.  rv2wasm
 * finds it through rt.wasm's export of the symbol.  One byte more than
 * the guest has pages stays 0: translated code looks an address at or
 * above RT_GUEST_SIZE up there, so one test covers both ways to fault.
 */
enum { RT_PG_R = 1, RT_PG_W = 2, RT_PG_X = 4, RT_PG_MAPPED = 8 };
extern uint8_t rt_pagemap[RT_GUEST_SIZE / RT_PAGE + 1];

/* Signals the runtime raises itself (Linux numbering). */
enum {
	RT_SIGILL = 4,
	RT_SIGTRAP = 5,
	RT_SIGABRT = 6,
	RT_SIGBUS = 7,
	RT_SIGFPE = 8,
	RT_SIGKILL = 9,
	RT_SIGSEGV = 11,
};

/* ---- exported to translated code (and used by the interpreter) ---- */

/*
 * Syscall gate.  The caller has spilled every register to rt_cpu and set
 * rt_cpu.pc to the address of the ecall.  On return rt_cpu.pc is the next
 * pc (normally ecall + 4) and registers in rt_cpu are current; a syscall
 * that ends the process does not return.
 */
RT_EXPORT void rt_ecall(void);
/* ebreak at rt_cpu.pc: SIGTRAP. */
RT_EXPORT void rt_ebreak(void);
/* Illegal instruction at rt_cpu.pc: SIGILL. */
RT_EXPORT void rt_illegal(void);
/* Access to unmapped guest address `addr` at rt_cpu.pc: SIGSEGV. */
RT_EXPORT void rt_fault(uint64_t addr, uint32_t is_store);

/*
 * Zicsr: performs csrrw/csrrs/csrrc (op = 0, 1, 2) of `val` on CSR `csr`
 * and returns the old value.  `write` is 0 when the instruction must not
 * write (csrrs/csrrc with rs1 = x0 or uimm = 0).  Unknown CSRs: SIGILL.
 */
RT_EXPORT uint64_t rt_csr(uint32_t csr, uint32_t op, uint64_t val, uint32_t write);

/*
 * A extension.  `op` is the enum rv_op of the instruction (RV_LR_W,
 * RV_SC_D, RV_AMOADD_W, ...); addresses are guest addresses and are
 * checked: unmapped raises SIGSEGV, misaligned raises SIGBUS (as Linux
 * does for AMOs).  Returns the value for rd.  SC returns 0 on success.
 */
RT_EXPORT uint64_t rt_amo(uint32_t op, uint64_t addr, uint64_t val);

/*
 * fence.i (and any other point where code may have changed): drops every
 * translated entry whose guest code bytes differ from what was
 * translated, so the interpreter runs the new bytes.
 */
RT_EXPORT void rt_fence_i(void);

/* Slow-path guest memory access for the interpreter and helpers:
 * checked, little endian, any alignment.  Fault = SIGSEGV. */
uint64_t rt_load(uint64_t addr, unsigned size);
void rt_store(uint64_t addr, uint64_t val, unsigned size);
/* 1 when [addr, addr+len) is mapped (readable, or writable if `write`). */
int rt_mapped(uint64_t addr, uint64_t len, int write);
/* Linear-memory pointer of guest address `addr` (no check). */
static inline uint8_t *rt_g2h(uint64_t addr) {
	return (uint8_t *)(uintptr_t)(RT_ARENA_BASE + (uint32_t)addr);
}

/* End the guest as if killed by `sig`: one line on stderr, exit 128+sig. */
_Noreturn void rt_kill(int sig);
/* End the guest with exit status `status`. */
_Noreturn void rt_exit(int status);

/* Is there a translated entry at guest address pc?  Then *func and
 * *entry say which (rt/main.c). */
int rt_entry_find(uint64_t pc, uint32_t *func, uint32_t *entry);

/*
 * The call cache: translated code looks the target of an indirect call or
 * jump up here before it calls rt_run_one, and on a hit calls the entry
 * through the function table itself.  Slot (pc >> 1) & (RT_ICACHE - 1)
 * holds (pc | 1) << 32 | func << RT_ICACHE_EBITS | entry (0 when empty:
 * no pc matches it); rt_run_one fills it, for entries that fit.  Emptied
 * with the entry table when translated code goes off.
 */
#define RT_ICACHE 4096u
#define RT_ICACHE_EBITS 12
extern uint64_t rt_icache[RT_ICACHE];

/* Run the interpreter from rt_cpu.pc until control reaches an address that
 * has a translated entry (or the guest exits).  It runs at least one
 * instruction, so translated code calls it for an instruction it leaves
 * to the interpreter without looping back into its own entry. */
RT_EXPORT void rt_interp_run(void);

/* ---- provided by rv2wasm-generated code (env imports of plain rt.wasm) ---- */

/*
 * Blobs: read-only data rv2wasm embeds as passive data segments.
 * Blob 0 is the image descriptor (struct rt_image below); it names the
 * other blobs.  rt_gen_blob_size returns 0 for an unknown id.
 */
uint32_t rt_gen_blob_size(uint32_t id);
void rt_gen_blob_copy(uint32_t id, uint32_t dst_linear);

/*
 * Run translated function `func` starting at its entry number `entry`
 * (0 = the function's start; others are return sites and indirect
 * targets), as listed in the entry table, `depth` guest calls deep on the
 * Wasm stack (0 from the dispatcher): one entered too deep (DEPTH_LIMIT
 * in compiler/emit/emitint.h) returns at once, with rt_cpu.pc its entry's
 * address, so that the host stack stays bounded however deep the guest
 * recurses.  Returns when the
 * translated code leaves for an address it does not handle itself, with
 * rt_cpu (registers and pc) up to date.
 */
void rt_gen_call(uint32_t func, uint32_t entry, uint32_t depth);

/* Turn translated code off for good: from now on a translated function
 * returns as soon as it is called, with rt_cpu.pc its entry's address, and
 * the code after an ecall leaves too; rt_tx_off (rtint.h) is the one
 * caller. */
void rt_gen_stop(void);

/* ---- the image descriptor (blob 0), little endian ---- */

#define RT_IMAGE_MAGIC 0x79637366u /* "fscy" */
#define RT_IMAGE_VERSION 3u

struct rt_image {
	uint32_t magic, version;
	uint64_t entry;     /* guest entry point */
	uint64_t phdr;      /* guest address of the program headers (AT_PHDR) */
	uint32_t phnum, phent;
	uint64_t brk;       /* first address after the highest segment */
	uint32_t nseg;      /* struct rt_image_seg entries follow the header */
	uint32_t name_off;  /* program name (argv[0]): offset in this blob, */
	uint32_t name_len;  /* its length, no NUL */
	uint32_t entries_blob; /* blob id of the entry table */
	uint64_t text_lo, text_hi; /* range of translated code */
	uint32_t counted;   /* translated code counts what it retires (rt_cpu.n_tx) */
	uint32_t pad;
};

struct rt_image_seg {
	uint64_t vaddr, memsz, filesz;
	uint32_t prot; /* PROT_READ 1 | PROT_WRITE 2 | PROT_EXEC 4 */
	uint32_t blob; /* blob holding the filesz bytes of file data */
};

/*
 * Entry table blob: open-addressed hash of guest pc -> translated entry.
 * Header uint32_t nslots (a power of two), uint32_t ebits, then nslots
 * struct rt_entry, each (func << ebits | entry) for the function's index
 * and the entry's number; guest pcs fit 32 bits (RT_GUEST_SIZE).  A free
 * slot has pc == 0.  Probing: slot = rt_entry_hash(pc) & (nslots - 1),
 * then linear.  Eight bytes a slot and a table at most two thirds full:
 * rt copies it at every start, a page fault per 4 KiB on a VM.
 */
struct rt_entry {
	uint32_t pc;
	uint32_t fe;
};

static inline uint32_t rt_entry_hash(uint64_t pc) {
	return (uint32_t)(((pc >> 1) * 0x9E3779B97F4A7C15ull) >> 40);
}

#endif
