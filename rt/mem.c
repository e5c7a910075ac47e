/*
 * mem.c: the guest address space [0, RT_GUEST_SIZE), a byte of protection
 * per 4 KiB page, and the memory syscalls over it (brk, mmap, munmap,
 * mprotect, mremap: Linux semantics of mm/mmap.c and mm/mremap.c).
 *
 * Invariant: every page that is not mapped reads as zero.  The arena
 * starts zeroed (fresh wasm memory) and unmapping zero-fills, so mapping
 * never has to clear anything, and pages the guest never touched are never
 * written by us (V8 commits wasm pages lazily; untouched memory costs no
 * RSS).
 *
 * Layout: the image at the bottom with the brk heap above it; the stack in
 * the top RT_STACK_SIZE bytes with an unmapped guard gap below it; mmap
 * allocates top-down below the gap, first fit, like Linux's default
 * (legacy bottom-up off) layout.  rt_cpu.rd_lo/wr_lo/brk/mmap_lo publish
 * the coarse ranges translated code checks inline (rt.h); rt_load/rt_store
 * check the page map exactly.
 */
#include <stdio.h>
#include <string.h>

#include "rtint.h"
#include "sys_abi.h"

#define NPAGES (RT_GUEST_SIZE / RT_PAGE)
#define STACK_LO (RT_GUEST_SIZE - RT_STACK_SIZE)
#define GUARD (1u << 20) /* Linux's stack_guard_gap is 256 pages too */
#define MMAP_TOP (STACK_LO - GUARD)

uint8_t rt_pagemap[NPAGES + 1]; /* the last byte stays 0 (rt.h) */

int rt_text_writable;
static uint64_t ro_lo, ro_hi; /* pages of the image's read-only segments (rt_cpu.ro_same) */
static uint64_t cur_brk;   /* exact brk as the guest set it */
static uint64_t start_brk; /* initial brk: brk never goes below */

static uint64_t page_up(uint64_t a)
{
	return (a + RT_PAGE - 1) & ~(uint64_t)(RT_PAGE - 1);
}
static uint64_t page_down(uint64_t a)
{
	return a & ~(uint64_t)(RT_PAGE - 1);
}

/* What a page holds for a mapping with Linux prot p.  RISC-V has no
 * write-only or (for Linux user space) execute-only pages: both read. */
static uint8_t page_bits(int prot)
{
	uint8_t b = RT_PG_MAPPED | (prot & (RT_PG_R | RT_PG_W | RT_PG_X));
	if (b & (RT_PG_W | RT_PG_X))
		b |= RT_PG_R;
	return b;
}

/* Zero [a, b) (page aligned) reading first, so untouched pages stay
 * uncommitted. */
static void zero_pages(uint64_t a, uint64_t b)
{
	for (; a < b; a += RT_PAGE) {
		const uint64_t *w = (const uint64_t *)rt_g2h(a);
		for (unsigned i = 0; i < RT_PAGE / 8; i++)
			if (w[i]) {
				memset(rt_g2h(a), 0, RT_PAGE);
				break;
			}
	}
}

static int range_free(uint64_t a, uint64_t b)
{
	for (uint64_t p = a / RT_PAGE; p < b / RT_PAGE; p++)
		if (rt_pagemap[p])
			return 0;
	return 1;
}

static int range_mapped(uint64_t a, uint64_t b)
{
	for (uint64_t p = a / RT_PAGE; p < b / RT_PAGE; p++)
		if (!rt_pagemap[p])
			return 0;
	return 1;
}

/* Recompute mmap_lo, the lowest mapped page at or above the brk end, by
 * scanning up from `from` (every page below it is known free). */
static void rescan_mmap_lo(uint64_t from)
{
	uint64_t p = from / RT_PAGE;
	while (p < NPAGES && !rt_pagemap[p])
		p++;
	rt_cpu.mmap_lo = p * RT_PAGE;
}

/*
 * wr_lo: lowest writable page of the image/brk part.  Only mprotect and
 * fixed mappings below brk change which pages there are writable, so it is
 * recomputed after those.
 */
static void rescan_wr_lo(void)
{
	uint64_t p = rt_cpu.rd_lo / RT_PAGE, end = rt_cpu.brk / RT_PAGE;
	while (p < end && !(rt_pagemap[p] & RT_PG_W))
		p++;
	rt_cpu.wr_lo = p * RT_PAGE;
}

/* Set [a, b) to bits; keep the published ranges right. */
static void set_pages(uint64_t a, uint64_t b, uint8_t bits)
{
	if (a < ro_hi && b > ro_lo)
		rt_cpu.ro_same = 0;
	memset(rt_pagemap + a / RT_PAGE, bits, (b - a) / RT_PAGE);
	uint64_t above = a > rt_cpu.brk ? a : rt_cpu.brk; /* the part above brk */
	if (b > above && above < rt_cpu.mmap_lo)
		rt_cpu.mmap_lo = above;
	if (a < rt_cpu.rd_lo)
		rt_cpu.rd_lo = a; /* a fixed mapping below the image */
	if (a < rt_cpu.brk) {
		rescan_wr_lo();
		if ((bits & RT_PG_W) && a < rt_img.text_hi && b > rt_img.text_lo)
			rt_text_writable = 1;
	}
	if (!(bits & RT_PG_X) && a < rt_img.text_hi && b > rt_img.text_lo)
		rt_tx_off();
}

static void unmap_pages(uint64_t a, uint64_t b)
{
	if (a < ro_hi && b > ro_lo)
		rt_cpu.ro_same = 0;
	rt_interp_map_change(a, b);
	if (a < rt_img.text_hi && b > rt_img.text_lo) {
		rt_text_writable = 1; /* whatever gets mapped here is new code */
		rt_tx_off();
	}
	zero_pages(a, b);
	memset(rt_pagemap + a / RT_PAGE, 0, (b - a) / RT_PAGE);
	if (a <= rt_cpu.mmap_lo && b > rt_cpu.mmap_lo)
		rescan_mmap_lo(b);
	if (a < rt_cpu.brk)
		rescan_wr_lo();
}

void rt_mem_init(void)
{
	size_t have = __builtin_wasm_memory_size(0);
	size_t need = ((size_t)RT_ARENA_BASE + RT_GUEST_SIZE) / 65536;
	if (have < need && __builtin_wasm_memory_grow(0, need - have) == (size_t)-1) {
		fprintf(stderr, "friscy: the host refused %u MiB of memory for the guest\n",
			(unsigned)(need * 64 / 1024));
		rt_exit(1);
	}
	rt_cpu.mmap_lo = RT_GUEST_SIZE;
}

int rt_mem_map_image(uint64_t addr, uint64_t len, int prot)
{
	if (addr < RT_GUEST_MIN || addr >= MMAP_TOP || len > MMAP_TOP - addr)
		return -1;
	for (uint64_t p = page_down(addr) / RT_PAGE; p < page_up(addr + len) / RT_PAGE; p++)
		rt_pagemap[p] |= page_bits(prot);
	if (!(prot & RT_PROT_WRITE) && len) { /* the hull of them: a change anywhere in it counts */
		if (ro_lo == ro_hi || page_down(addr) < ro_lo)
			ro_lo = page_down(addr);
		if (page_up(addr + len) > ro_hi)
			ro_hi = page_up(addr + len);
	}
	return 0;
}

void rt_mem_image_done(uint64_t brk)
{
	uint64_t p = RT_GUEST_MIN / RT_PAGE;
	while (p < NPAGES && !rt_pagemap[p])
		p++;
	rt_cpu.rd_lo = p * RT_PAGE;
	start_brk = cur_brk = page_up(brk);
	rt_cpu.brk = cur_brk;
	rescan_wr_lo();
	memset(rt_pagemap + STACK_LO / RT_PAGE, page_bits(RT_PROT_READ | RT_PROT_WRITE),
	       RT_STACK_SIZE / RT_PAGE);
	rt_cpu.mmap_lo = STACK_LO;
	rt_cpu.ro_same = 1;
}

/* ---- checked access ---- */

int rt_mapped(uint64_t addr, uint64_t len, int write)
{
	uint8_t need = write ? RT_PG_W : RT_PG_R;
	if (addr >= RT_GUEST_SIZE || len > RT_GUEST_SIZE - addr)
		return 0;
	if (len == 0)
		return 1;
	for (uint64_t p = addr / RT_PAGE; p <= (addr + len - 1) / RT_PAGE; p++)
		if (!(rt_pagemap[p] & need))
			return 0;
	return 1;
}

uint64_t rt_load(uint64_t addr, unsigned size)
{
	uint64_t v = 0;
	if (!rt_mapped(addr, size, 0)) {
		rt_fault(addr, 0);
		return 0;
	}
	memcpy(&v, rt_g2h(addr), size); /* wasm is little endian, like RISC-V */
	return v;
}

void rt_store(uint64_t addr, uint64_t val, unsigned size)
{
	if (!rt_mapped(addr, size, 1)) {
		rt_fault(addr, 1);
		return;
	}
	memcpy(rt_g2h(addr), &val, size);
}

int rt_copy_from_guest(void *dst, uint64_t src, uint64_t len)
{
	if (!rt_mapped(src, len, 0))
		return -LX_EFAULT;
	memcpy(dst, rt_g2h(src), len);
	return 0;
}

int rt_copy_to_guest(uint64_t dst, const void *src, uint64_t len)
{
	if (!rt_mapped(dst, len, 1))
		return -LX_EFAULT;
	memcpy(rt_g2h(dst), src, len);
	return 0;
}

int64_t rt_guest_strnlen(uint64_t addr, uint64_t max)
{
	uint64_t n = 0;
	while (n < max) {
		uint64_t a = addr + n, chunk = page_up(a + 1) - a;
		if (chunk > max - n)
			chunk = max - n;
		if (!rt_mapped(a, chunk, 0))
			return -LX_EFAULT;
		const uint8_t *z = memchr(rt_g2h(a), 0, chunk);
		if (z)
			return n + (uint64_t)(z - rt_g2h(a));
		n += chunk;
	}
	return max;
}

/* ---- brk ---- */

/*
 * Linux brk(2): moving below the initial brk, into a mapping, or past the
 * address space leaves it where it was; the raw syscall returns the
 * (possibly unchanged) brk, and libc reports failure from that.
 */
uint64_t rt_sys_brk(uint64_t addr)
{
	uint64_t old_end = page_up(cur_brk), new_end = page_up(addr);
	if (addr < start_brk || addr > MMAP_TOP)
		return cur_brk;
	if (new_end > old_end) {
		/* Linux keeps a page between the heap and the next mapping. */
		if (new_end + RT_PAGE > rt_cpu.mmap_lo || !range_free(old_end, new_end))
			return cur_brk;
		memset(rt_pagemap + old_end / RT_PAGE, page_bits(RT_PROT_READ | RT_PROT_WRITE),
		       (new_end - old_end) / RT_PAGE);
	} else if (new_end < old_end) {
		zero_pages(new_end, old_end);
		memset(rt_pagemap + new_end / RT_PAGE, 0, (old_end - new_end) / RT_PAGE);
	}
	cur_brk = addr;
	rt_cpu.brk = new_end;
	if (rt_cpu.wr_lo > new_end || new_end > old_end)
		rescan_wr_lo();
	return cur_brk;
}

/* ---- mmap ---- */

/*
 * Top-down first fit for len bytes in [brk + a page, MMAP_TOP); 0 if none.
 * Walks the page map eight entries at a time where they are all mapped or
 * all free, since long mapped stretches are the common case.
 */
static uint64_t find_free(uint64_t len)
{
	uint64_t floor = rt_cpu.brk / RT_PAGE + 1, run = 0, need = len / RT_PAGE;
	uint64_t p = MMAP_TOP / RT_PAGE; /* pages [p, top) are scanned */
	while (p > floor) {
		if (p % 8 == 0 && p - 8 >= floor) {
			uint64_t w;
			memcpy(&w, rt_pagemap + p - 8, 8);
			uint64_t has_zero =
			    (w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull;
			if (!has_zero) {
				run = 0;
				p -= 8;
				continue;
			}
			if (!w && run + 8 < need) {
				run += 8;
				p -= 8;
				continue;
			}
		}
		p--;
		run = rt_pagemap[p] ? 0 : run + 1;
		if (run == need)
			return p * RT_PAGE;
	}
	return 0;
}

/* A place for len bytes: the hint if it is free and usable, else the
 * top-down search (Linux's get_unmapped_area). */
static uint64_t place(uint64_t hint, uint64_t len)
{
	hint = page_down(hint);
	if (hint >= page_up(rt_cpu.brk) && hint < MMAP_TOP && len <= MMAP_TOP - hint &&
	    range_free(hint, hint + len))
		return hint;
	return find_free(len);
}

int64_t rt_sys_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd, int64_t off)
{
	int type = flags & RT_MAP_TYPE;
	int fixed = flags & (RT_MAP_FIXED | RT_MAP_FIXED_NOREPLACE);
	if (len == 0 || (off & (RT_PAGE - 1)) ||
	    (type != RT_MAP_SHARED && type != RT_MAP_PRIVATE && type != RT_MAP_SHARED_VALIDATE))
		return -LX_EINVAL;
	if (len > RT_GUEST_SIZE)
		return -LX_ENOMEM;
	len = page_up(len);

	if (fixed) {
		if (addr & (RT_PAGE - 1))
			return -LX_EINVAL;
		if (addr < RT_GUEST_MIN)
			return -LX_EPERM; /* below vm.mmap_min_addr */
		if (addr >= RT_GUEST_SIZE || len > RT_GUEST_SIZE - addr)
			return -LX_ENOMEM;
		if ((flags & RT_MAP_FIXED_NOREPLACE) && !range_free(addr, addr + len))
			return -LX_EEXIST;
		unmap_pages(addr, addr + len);
	} else {
		addr = place(addr, len);
		if (!addr)
			return -LX_ENOMEM;
	}
	set_pages(addr, addr + len, page_bits(prot));

	if (!(flags & RT_MAP_ANONYMOUS)) {
		/* MAP_PRIVATE copy of the file: bytes past EOF stay zero. */
		uint64_t done = 0;
		while (done < len) {
			int64_t n =
			    vfs_pread(fd, rt_g2h(addr + done), len - done, off + (int64_t)done);
			if (n < 0) {
				unmap_pages(addr, addr + len);
				return n == -LX_EISDIR || n == -LX_ESPIPE ? -LX_ENODEV : n;
			}
			if (n == 0)
				break;
			done += (uint64_t)n;
		}
	}
	return (int64_t)addr;
}

int64_t rt_sys_munmap(uint64_t addr, uint64_t len)
{
	if ((addr & (RT_PAGE - 1)) || len == 0 || addr >= RT_GUEST_SIZE ||
	    len > RT_GUEST_SIZE - addr)
		return -LX_EINVAL;
	unmap_pages(addr, page_up(addr + len));
	return 0;
}

int64_t rt_sys_mprotect(uint64_t addr, uint64_t len, int prot)
{
	/* PROT_GROWSDOWN/GROWSUP (0x01000000/0x02000000) are accepted and
	 * ignored: nothing here grows on its own. */
	if ((addr & (RT_PAGE - 1)) ||
	    (prot & ~(RT_PROT_READ | RT_PROT_WRITE | RT_PROT_EXEC | 0x03000000)))
		return -LX_EINVAL;
	if (addr >= RT_GUEST_SIZE || len > RT_GUEST_SIZE - addr)
		return -LX_ENOMEM;
	len = page_up(len);
	if (len == 0)
		return 0;
	if (!range_mapped(addr, addr + len))
		return -LX_ENOMEM;
	rt_interp_map_change(addr, addr + len); /* (mmap and mremap make fresh pages: no decoded code there) */
	set_pages(addr, addr + len, page_bits(prot));
	return 0;
}

/*
 * mremap(2): shrink in place; grow in place when the pages after the
 * mapping are free; else move (MREMAP_MAYMOVE) by copying, since guest
 * memory is one flat array.  MREMAP_FIXED moves to new_addr.
 */
int64_t rt_sys_mremap(uint64_t old_addr, uint64_t old_len, uint64_t new_len, int flags,
		      uint64_t new_addr)
{
	if ((flags & ~(RT_MREMAP_MAYMOVE | RT_MREMAP_FIXED | RT_MREMAP_DONTUNMAP)) ||
	    (old_addr & (RT_PAGE - 1)) || new_len == 0 || old_len == 0 ||
	    ((flags & RT_MREMAP_FIXED) && !(flags & RT_MREMAP_MAYMOVE)) ||
	    (flags & RT_MREMAP_DONTUNMAP))
		return -LX_EINVAL;
	if (old_addr >= RT_GUEST_SIZE || old_len > RT_GUEST_SIZE - old_addr ||
	    new_len > RT_GUEST_SIZE)
		return -LX_EFAULT;
	old_len = page_up(old_len);
	new_len = page_up(new_len);
	uint64_t old_end = old_addr + old_len;
	if (!range_mapped(old_addr, old_end))
		return -LX_EFAULT;
	uint8_t bits = rt_pagemap[(old_end - 1) / RT_PAGE];

	if (flags & RT_MREMAP_FIXED) {
		if ((new_addr & (RT_PAGE - 1)) || new_addr < RT_GUEST_MIN)
			return -LX_EINVAL;
		if (new_addr >= RT_GUEST_SIZE || new_len > RT_GUEST_SIZE - new_addr)
			return -LX_ENOMEM;
		if (new_addr < old_end && old_addr < new_addr + new_len)
			return -LX_EINVAL; /* overlapping */
		unmap_pages(new_addr, new_addr + new_len);
	} else {
		if (new_len <= old_len) {
			unmap_pages(old_addr + new_len, old_end);
			return (int64_t)old_addr;
		}
		if (old_addr + new_len <= MMAP_TOP && range_free(old_end, old_addr + new_len)) {
			set_pages(old_end, old_addr + new_len, bits);
			return (int64_t)old_addr;
		}
		if (!(flags & RT_MREMAP_MAYMOVE))
			return -LX_ENOMEM;
		new_addr = find_free(new_len);
		if (!new_addr)
			return -LX_ENOMEM;
	}
	uint64_t keep = old_len < new_len ? old_len : new_len;
	set_pages(new_addr, new_addr + new_len, bits);
	memcpy(rt_pagemap + new_addr / RT_PAGE, rt_pagemap + old_addr / RT_PAGE, keep / RT_PAGE);
	memcpy(rt_g2h(new_addr), rt_g2h(old_addr), keep);
	unmap_pages(old_addr, old_end);
	return (int64_t)new_addr;
}
