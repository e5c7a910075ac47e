/*
 * rtint.h: interfaces shared between the files of rt/ (never seen by
 * rv2wasm or the host; rt.h is that contract).
 *
 * Owners: main.c (process start/exit, entry table), mem.c (guest address
 * space), alloc.c (the rt heap: plain malloc/free/calloc/realloc from
 * <stdlib.h>), cpu.c (rt_cpu, CSRs, atomics, traps); syscall.c/vfs.c
 * provide vfs_pread below.
 *
 * Conventions: guest addresses are uint64_t; every rt_sys_* returns what
 * the Linux syscall returns to the guest (a value, or -LX_E* of sys_abi.h:
 * never <errno.h>'s values, which are WASI's).
 */
#ifndef RTINT_H
#define RTINT_H

#include <stddef.h>
#include <stdint.h>

#include "rt.h"

/* ---- process (main.c) ---- */

/* Switches read from the host environment at start-up. */
extern int rt_strace; /* FRISCY_STRACE=1: the syscall layer traces calls */
extern int rt_debug;  /* FRISCY_DEBUG=1: faults print pc and address, the interpreter where it starts */
extern int rt_stats;  /* FRISCY_STATS=1: instruction counts and time at exit */
uint64_t rt_now_ns(void); /* the host's monotonic clock (cpu.c) */
/* The guest's clock `id` (a WASI clock id) in ns: the host's, or under
 * FRISCY_SEED a counter (sys_proc.c). */
uint64_t rt_clock_ns(uint32_t id);
/* The guest's random bytes (AT_RANDOM, getrandom, /dev/random): the host's,
 * or after rt_random_seed (FRISCY_SEED) a fixed sequence.  0 or -1 (sys_proc.c). */
void rt_random_seed(uint64_t seed);
int rt_random(void *buf, uint64_t len);

/* The guest's argv/envp as built for its initial stack (NULL-terminated,
 * in the rt heap): argv[0] is the image's program name. */
extern int rt_guest_argc;
extern char **rt_guest_argv;
extern char **rt_guest_envp;
/* The program name stored in the image (also AT_EXECFN). */
extern const char *rt_exe_name;

/* The image descriptor (blob 0) as loaded. */
extern struct rt_image rt_img;

/* Credentials the guest sees: AT_UID & co. and get*id() must agree. */
#define RT_GUEST_UID 0
#define RT_GUEST_GID 0

/* Drop every translated entry: from now on the interpreter runs all code
 * (rt_entry_find returns NULL).  Used by rt_fence_i after text became
 * writable. */
void rt_entries_drop(void);

/* ---- guest address space (mem.c) ---- */

/* Linux mmap/mprotect/mremap constants (asm-generic, as riscv64 uses). */
#define RT_PROT_READ 0x1
#define RT_PROT_WRITE 0x2
#define RT_PROT_EXEC 0x4
#define RT_MAP_SHARED 0x01
#define RT_MAP_PRIVATE 0x02
#define RT_MAP_SHARED_VALIDATE 0x03
#define RT_MAP_TYPE 0x0f
#define RT_MAP_FIXED 0x10
#define RT_MAP_ANONYMOUS 0x20
#define RT_MAP_FIXED_NOREPLACE 0x100000
#define RT_MREMAP_MAYMOVE 1
#define RT_MREMAP_FIXED 2
#define RT_MREMAP_DONTUNMAP 4

/*
 * Memory syscalls, Linux semantics (mm/mmap.c, mm/mremap.c, mm/mprotect.c).
 * They keep rt_cpu.rd_lo/wr_lo/brk/mmap_lo in step.  Memory that becomes
 * mapped always reads as zero (file-backed mmap then copies file bytes in
 * through vfs_pread).  MAP_SHARED is accepted but behaves as private: there
 * is one process and writes never reach the file.
 */
uint64_t rt_sys_brk(uint64_t addr); /* returns the new (or unchanged) brk */
int64_t rt_sys_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd, int64_t off);
int64_t rt_sys_munmap(uint64_t addr, uint64_t len);
int64_t rt_sys_mprotect(uint64_t addr, uint64_t len, int prot);
int64_t rt_sys_mremap(uint64_t old_addr, uint64_t old_len, uint64_t new_len, int flags,
		      uint64_t new_addr);

/*
 * Copies between guest memory and rt memory for syscall arguments: they
 * check the whole range with rt_mapped first and return 0, or -LX_EFAULT
 * without copying anything, as the kernel's copy_{from,to}_user do.
 */
int rt_copy_from_guest(void *dst, uint64_t src, uint64_t len);
int rt_copy_to_guest(uint64_t dst, const void *src, uint64_t len);
/* Length of the NUL-terminated guest string at addr, at most max (returns
 * max when no NUL is within max bytes), or -LX_EFAULT if it runs into an
 * unmapped page first. */
int64_t rt_guest_strnlen(uint64_t addr, uint64_t max);

/*
 * The page map: a byte per guest page, 0 when unmapped, else RT_PG_MAPPED
 * plus the access it allows (writable and executable pages are readable
 * too; a PROT_NONE mapping is just RT_PG_MAPPED).  rt_cpu's ranges are
 * coarse: a hole munmapped inside the mmap area lies within them.  An exact
 * check, as Linux gives, is
 *     rt_pagemap[a >> 12] & RT_PG_W  (and the same for the access's last byte).
 * Only mem.c writes it.
 */
/* RT_PG_* and rt_pagemap are in rt.h: translated code reads the map. */

/* Start-up only (main.c): make the wasm memory cover the guest arena, and
 * map [addr, addr+len) with prot (page-rounded outwards; no zeroing);
 * -1 when the range does not fit below the mmap area. */
void rt_mem_init(void);
int rt_mem_map_image(uint64_t addr, uint64_t len, int prot);
/* After the image segments are mapped: set the initial brk and publish
 * rd_lo/wr_lo/brk/mmap_lo; maps the stack at the top of the guest space. */
void rt_mem_image_done(uint64_t brk);

/* Set when part of [rt_img.text_lo, text_hi) became writable (mprotect,
 * mmap) or was unmapped: translated code may be stale from then on, and the
 * next rt_fence_i drops it all.  The riscv_flush_icache syscall (259), which
 * Linux programs use instead of fence.i, must call rt_fence_i too. */
extern int rt_text_writable;

/* Translated code off for good (cpu.c): fence.i after text became
 * writable, and text unmapped or no longer executable, whose next fetch
 * must fault in the interpreter. */
void rt_tx_off(void);

/* Pages [a, b) were unmapped or changed permissions: the interpreter
 * drops decoded code it has from there (interp.c). */
void rt_interp_map_change(uint64_t a, uint64_t b);

/* ---- provided by vfs.c ---- */

/* Read up to len bytes of open file fd at offset off (the file position is
 * untouched), like pread(2): bytes read, 0 at EOF, or -errno (e.g. -EBADF,
 * -EACCES, -ENODEV for something that cannot be mapped).  mmap uses it. */
int64_t vfs_pread(int fd, void *buf, uint64_t len, int64_t off);

/* ---- CPU (cpu.c) ---- */

/*
 * LR/SC: a syscall (and anything else that is not the guest's own
 * instruction stream, e.g. a signal delivery) must invalidate the
 * reservation, as the kernel does on every trap return.  rt_ecall calls
 * this on entry.
 */
static inline void rt_reservation_clear(void)
{
	rt_cpu.reservation = ~(uint64_t)0;
}

/*
 * Bumped by every fence.i.  A component that caches decoded guest code
 * (the interpreter) compares it with the value it saw when it filled its
 * cache and flushes the cache when it changed.
 */
extern uint32_t rt_code_epoch;

#endif
