/* Fused multiply-adds whose operands were loaded in the same block: the
 * translator loads them straight into vectors for the host's madd (fld_vec
 * in compiler/emit/translate.c).  The loaded register must still hold the
 * exact bits (NaN payloads, signalling NaNs, -0), each of the four forms
 * must take its unnegated operands from the load, and a register loaded
 * twice must give the second value. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const uint64_t vals[] = {
	0x3ff0000000000000ull, /* 1 */
	0xbff8000000000000ull, /* -1.5 */
	0x8000000000000000ull, /* -0 */
	0x7ff0000000000000ull, /* inf */
	0x7ff4000000000001ull, /* signalling NaN with a payload */
	0xfff8000000000123ull, /* quiet NaN, negative, with a payload */
	0x3ff0000040000000ull, /* 1 + 2^-22 */
	0x3feffffff8000000ull, /* 1 - 2^-27 */
	0x0000000000000001ull, /* the smallest subnormal */
	0x7fefffffffffffffull, /* the largest double */
};
#define N (sizeof vals / sizeof vals[0])

/* One block: two loads, the fma, then the loaded registers read as bits. */
#define FORM(name, op)                                                                         \
	static void name(const uint64_t *p, const uint64_t *q, uint64_t c, uint64_t *out)          \
	{                                                                                          \
		uint64_t r, a, b;                                                                  \
		double t0, t1, t2;                                                                 \
		__asm__ volatile("fmv.d.x %[t2], %[c]\n\t"                                         \
				 "fld %[t0], 0(%[p])\n\t"                                          \
				 "fld %[t1], 0(%[q])\n\t" op " %[t2], %[t0], %[t1], %[t2]\n\t"     \
				 "fmv.x.d %[r], %[t2]\n\t"                                         \
				 "fmv.x.d %[a], %[t0]\n\t"                                         \
				 "fmv.x.d %[b], %[t1]"                                             \
				 : [r] "=r"(r), [a] "=r"(a), [b] "=r"(b), [t0] "=&f"(t0), [t1] "=&f"(t1), \
				   [t2] "=&f"(t2)                                                  \
				 : [p] "r"(p), [q] "r"(q), [c] "r"(c)                              \
				 : "memory");                                                      \
		out[0] = r, out[1] = a, out[2] = b;                                                \
	}
FORM(f_madd, "fmadd.d")
FORM(f_msub, "fmsub.d")
FORM(f_nmadd, "fnmadd.d")
FORM(f_nmsub, "fnmsub.d")

/* The addend loaded, and one register loaded twice before the fma. */
static uint64_t addend_twice(const uint64_t *p, const uint64_t *q, const uint64_t *s)
{
	uint64_t r;
	double t0, t1, t2;

	__asm__ volatile("fld %[t2], 0(%[s])\n\t"
			 "fld %[t0], 0(%[p])\n\t"
			 "fld %[t0], 0(%[q])\n\t"
			 "fld %[t1], 0(%[p])\n\t"
			 "fmadd.d %[t2], %[t0], %[t1], %[t2]\n\t"
			 "fmv.x.d %[r], %[t2]"
			 : [r] "=r"(r), [t0] "=&f"(t0), [t1] "=&f"(t1), [t2] "=&f"(t2)
			 : [p] "r"(p), [q] "r"(q), [s] "r"(s)
			 : "memory");
	return r;
}

int main(void)
{
	static void (*const form[])(const uint64_t *, const uint64_t *, uint64_t, uint64_t *) = {f_madd, f_msub, f_nmadd,
												   f_nmsub};
	static const char *const fname[] = {"fmadd", "fmsub", "fnmadd", "fnmsub"};
	uint64_t acc = 0, out[3];

	for (unsigned f = 0; f < 4; f++)
		for (unsigned i = 0; i < N; i++)
			for (unsigned j = 0; j < N; j++) {
				form[f](&vals[i], &vals[j], vals[(i + 3 * j) % N], out);
				if (out[1] != vals[i] || out[2] != vals[j])
					printf("%s %u %u: loaded %016llx %016llx\n", fname[f], i, j, (unsigned long long)out[1],
					       (unsigned long long)out[2]);
				if (i < 4 && j < 4)
					printf("%s %u %u = %016llx\n", fname[f], i, j, (unsigned long long)out[0]);
				acc = acc * 31 + out[0];
			}
	printf("forms %016llx\n", (unsigned long long)acc);
	acc = 0;
	for (unsigned i = 0; i < N; i++)
		for (unsigned j = 0; j < N; j++)
			acc = acc * 31 + addend_twice(&vals[i], &vals[j], &vals[(i * j) % N]);
	printf("twice %016llx\n", (unsigned long long)acc);
	return 0;
}
