/*
 * alloc.c: the runtime's heap (malloc, free, calloc, realloc and the
 * aligned variants): rt.wasm is linked with -sMALLOC=none.
 *
 * One fixed pool, [__heap_base, RT_ARENA_BASE): the guest arena starts
 * right above it, so the heap can never grow.  Boundary-tag allocator in
 * the manner of dlmalloc: each chunk starts with its size and two flags
 * (in use, previous in use); a free chunk also keeps its size in the next
 * chunk's prev_size word, so free() merges with both neighbours in O(1).
 * Free chunks sit in segregated doubly linked lists: exact 16-byte classes
 * below 1 KiB, four classes per power of two above, with a bitmap of
 * non-empty lists.  Malloc takes the first fitting chunk of the smallest
 * non-empty class that can hold the request and splits off the rest.
 *
 * Internally nothing calls malloc/free by name: the compiler knows what
 * those names mean and would, say, drop the header writes made just before
 * a free() of the same chunk, or turn malloc+memset into a call to calloc.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rt.h"

struct chunk {
	size_t prev_size;	   /* size of the previous chunk, valid when it is free */
	size_t head;		   /* size | INUSE | PINUSE */
	struct chunk *next, *prev; /* free list links (payload of a free chunk) */
};

#define INUSE ((size_t)1)
#define PINUSE ((size_t)2)
#define HDR (2 * sizeof(size_t))
#define ALIGN ((size_t)16)
#define MIN_CHUNK ((sizeof(struct chunk) + ALIGN - 1) & ~(ALIGN - 1))
#define NSMALL 64 /* classes of 16-byte steps: sizes < 1024 */
#define NBINS (NSMALL + 4 * 24)

static struct chunk *bins[NBINS];
static uint32_t binmap[(NBINS + 31) / 32];
static char *pool_lo, *pool_hi;

extern unsigned char __heap_base;

static size_t csize(const struct chunk *c)
{
	return c->head & ~(ALIGN - 1);
}
static struct chunk *next_chunk(struct chunk *c)
{
	return (struct chunk *)((char *)c + csize(c));
}
static void *payload(struct chunk *c)
{
	return (char *)c + HDR;
}
static struct chunk *of_payload(void *p)
{
	return (struct chunk *)((char *)p - HDR);
}

static unsigned bin_of(size_t size)
{
	if (size < NSMALL * ALIGN)
		return (unsigned)(size / ALIGN);
	unsigned lg =
	    31 - (unsigned)__builtin_clz((unsigned)(size > 0xffffffffu ? 0xffffffffu : size));
	unsigned sub = (unsigned)(size >> (lg - 2)) & 3;
	unsigned b = NSMALL + (lg - 10) * 4 + sub;
	return b < NBINS ? b : NBINS - 1;
}

static void bin_insert(struct chunk *c)
{
	unsigned b = bin_of(csize(c));
	c->prev = NULL;
	c->next = bins[b];
	if (c->next)
		c->next->prev = c;
	bins[b] = c;
	binmap[b / 32] |= 1u << (b % 32);
}

static void bin_remove(struct chunk *c)
{
	unsigned b = bin_of(csize(c));
	if (c->prev)
		c->prev->next = c->next;
	else
		bins[b] = c->next;
	if (c->next)
		c->next->prev = c->prev;
	if (!bins[b])
		binmap[b / 32] &= ~(1u << (b % 32));
}

/* Mark c (size sz) free: footer, the next chunk's PINUSE, its list. */
static void make_free(struct chunk *c, size_t sz)
{
	c->head = sz | (c->head & PINUSE);
	struct chunk *n = next_chunk(c);
	n->prev_size = sz;
	n->head &= ~PINUSE;
	bin_insert(c);
}

/*
 * The pool: payloads 16-aligned, so chunks start HDR before a multiple of
 * 16.  A permanent in-use header at the end stops merging there.
 */
static void init(void)
{
	uintptr_t lo = ((uintptr_t)&__heap_base + HDR + ALIGN - 1) & ~(ALIGN - 1);
	uintptr_t hi = RT_ARENA_BASE - HDR;
	pool_lo = (char *)(lo - HDR);
	pool_hi = (char *)hi;
	struct chunk *c = (struct chunk *)pool_lo, *end = (struct chunk *)pool_hi;
	end->head = INUSE;
	c->head = PINUSE;
	make_free(c, (size_t)(pool_hi - pool_lo));
}

static void release(struct chunk *c);

/* Cut the in-use chunk c down to sz; the rest is freed (and merged with
 * a free successor). */
static void split(struct chunk *c, size_t sz)
{
	size_t total = csize(c);
	if (total - sz < MIN_CHUNK) {
		next_chunk(c)->head |= PINUSE;
		return;
	}
	c->head = sz | (c->head & (PINUSE | INUSE));
	struct chunk *rest = next_chunk(c);
	rest->head = (total - sz) | INUSE | PINUSE;
	next_chunk(rest)->head |= PINUSE;
	release(rest);
}

static size_t request(size_t n)
{
	if (n > ((size_t)1 << 30))
		return 0;
	size_t sz = (n + HDR + ALIGN - 1) & ~(ALIGN - 1);
	return sz < MIN_CHUNK ? MIN_CHUNK : sz;
}

static void *alloc(size_t n)
{
	if (!pool_lo)
		init();
	size_t sz = request(n);
	if (!sz) {
		errno = ENOMEM;
		return NULL;
	}
	unsigned b = bin_of(sz);
	/* The request's own class may hold smaller chunks: first fit there. */
	for (struct chunk *c = bins[b]; c; c = c->next)
		if (csize(c) >= sz) {
			bin_remove(c);
			c->head |= INUSE;
			split(c, sz);
			return payload(c);
		}
	/* Any chunk of a higher class fits. */
	for (unsigned w = (b + 1) / 32; w < sizeof binmap / sizeof binmap[0]; w++) {
		uint32_t m = binmap[w];
		if (w == (b + 1) / 32)
			m &= ~0u << ((b + 1) % 32);
		if (!m)
			continue;
		struct chunk *c = bins[w * 32 + (unsigned)__builtin_ctz(m)];
		bin_remove(c);
		c->head |= INUSE;
		split(c, sz);
		return payload(c);
	}
	errno = ENOMEM;
	return NULL;
}

/* Free the in-use chunk c, merging it with free neighbours. */
static void release(struct chunk *c)
{
	size_t sz = csize(c);
	c->head &= ~INUSE;
	if (!(c->head & PINUSE)) {
		struct chunk *prev = (struct chunk *)((char *)c - c->prev_size);
		bin_remove(prev);
		sz += csize(prev);
		c = prev;
	}
	struct chunk *n = (struct chunk *)((char *)c + sz);
	if (!(n->head & INUSE)) {
		bin_remove(n);
		sz += csize(n);
	}
	make_free(c, sz);
}

void *calloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	void *p = alloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *realloc(void *p, size_t n)
{
	if (!p)
		return alloc(n);
	if (n == 0) {
		release(of_payload(p));
		return NULL;
	}
	size_t sz = request(n);
	if (!sz) {
		errno = ENOMEM;
		return NULL;
	}
	struct chunk *c = of_payload(p);
	size_t have = csize(c);
	if (have < sz) {
		/* Grow into a free successor when it is big enough. */
		struct chunk *nx = next_chunk(c);
		if (nx->head & INUSE || have + csize(nx) < sz) {
			void *q = alloc(n);
			if (q) {
				memcpy(q, p, have - HDR);
				release(c);
			}
			return q;
		}
		bin_remove(nx);
		c->head += csize(nx);
	}
	split(c, sz);
	return p;
}

/* Over-allocate, then give back the misaligned front as a free chunk. */
static void *alloc_aligned(size_t align, size_t n)
{
	if (align <= ALIGN)
		return alloc(n);
	if (align & (align - 1) || n > ((size_t)1 << 30)) {
		errno = EINVAL;
		return NULL;
	}
	char *p = alloc(n + align + MIN_CHUNK);
	if (!p)
		return NULL;
	struct chunk *c = of_payload(p);
	uintptr_t a = ((uintptr_t)p + MIN_CHUNK + align - 1) & ~(uintptr_t)(align - 1);
	if ((uintptr_t)p % align == 0)
		a = (uintptr_t)p;
	if (a != (uintptr_t)p) {
		struct chunk *ac = of_payload((void *)a);
		size_t front = (size_t)((char *)ac - (char *)c), total = csize(c);
		ac->head = (total - front) | INUSE | PINUSE;
		c->head = front | INUSE | (c->head & PINUSE);
		release(c);
		c = ac;
	}
	split(c, request(n));
	return payload(c);
}

void *malloc(size_t n)
{
	return alloc(n);
}

void free(void *p)
{
	if (p)
		release(of_payload(p));
}

int posix_memalign(void **out, size_t align, size_t n)
{
	if (align < sizeof(void *) || (align & (align - 1)))
		return EINVAL;
	void *p = alloc_aligned(align, n);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

void *aligned_alloc(size_t align, size_t n)
{
	return alloc_aligned(align, n);
}
void *memalign(size_t align, size_t n)
{
	return alloc_aligned(align, n);
}

size_t malloc_usable_size(void *p)
{
	return p ? csize(of_payload(p)) - HDR : 0;
}

/* libc's own start-up code (the environ constructor) allocates through
 * these names, which only emmalloc/dlmalloc would otherwise define. */
void *emscripten_builtin_malloc(size_t n)
{
	return alloc(n);
}
void *emscripten_builtin_memalign(size_t align, size_t n)
{
	return alloc_aligned(align, n);
}
void emscripten_builtin_free(void *p)
{
	if (p)
		release(of_payload(p));
}
