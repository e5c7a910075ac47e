/*
 * friscy.h: what every pass of rv2wasm shares: the two error channels,
 * small allocation helpers, and the options of one run.
 *
 * Bad input is err(): one line "rv2wasm: WHERE: reason" and exit 1.
 * A bug is die(): file and line, then abort().  Nothing else exits.
 */
#ifndef FRISCY_H
#define FRISCY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

_Noreturn void err(const char *where, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
_Noreturn void die_at(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
#define die(...) die_at(__FILE__, __LINE__, __VA_ARGS__)
#define check(c) ((c) ? (void)0 : die("check failed: %s", #c))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* Growable arrays: struct { T *v; size_t n, cap; } and vpush(&a, x). */
#define VEC(T) struct { T *v; size_t n, cap; }
#define vgrow(a) \
	((a)->n == (a)->cap \
		 ? ((a)->cap = (a)->cap ? 2 * (a)->cap : 8, \
		    (a)->v = xrealloc((a)->v, (a)->cap * sizeof *(a)->v)) \
		 : (void *)0)
#define vpush(a, x) (vgrow(a), (a)->v[(a)->n++] = (x))
#define vfree(a) (free((a)->v), (a)->v = NULL, (a)->n = (a)->cap = 0)

/* Options of one rv2wasm run. */
struct opts {
	const char *in, *out;
	int opt_level;   /* Binaryen -O level, 0..3 */
	int interp_only; /* translate nothing */
	int count;       /* translated code counts retired instructions (FRISCY_STATS) */
	int disasm;      /* print the disassembly and exit */
	int stats;       /* per-pass statistics on stderr */
	int dump;        /* debug: dump each pass's output */
	int names;       /* keep function names in the output (-g) */
	const char *rt_path; /* rt.wasm, found beside the executable unless given */
};

/* An unsigned LEB128 number at *p (DWARF, ELF attributes); advances *p,
 * never past end. */
uint64_t uleb128(const uint8_t **p, const uint8_t *end);

/* Monotonic seconds, for --stats. */
double now_seconds(void);

#endif
