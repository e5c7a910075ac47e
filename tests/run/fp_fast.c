/* The inline FP fast paths of translated code against qemu: fused
 * multiply-adds, add, sub, mul and div on dyadic rationals (mostly exact,
 * so fflags stays clear and translated code must prove each result exact)
 * and on thirds (inexact), with fflags read after every operation; then
 * the same with random doubles and NX left set, where the fast paths run
 * without the exactness test.  Prints a hash of results and flags. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>

static uint64_t x = 88172645463325252ull;
static uint64_t rnd(void)
{
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return x;
}
static uint64_t bits(double d)
{
	uint64_t b;
	memcpy(&b, &d, 8);
	return b;
}
/* k / 2^e with |k| <= 2000 */
static double dyadic(void)
{
	return (double)((int64_t)(rnd() % 4001) - 2000) / (double)(1u << (rnd() % 12));
}
/* a random double with its exponent within 2^-60 .. 2^60 */
static double wide(void)
{
	uint64_t b = (rnd() & 0x800fffffffffffffull) | (uint64_t)(1023 - 60 + rnd() % 121) << 52;
	double d;
	memcpy(&d, &b, 8);
	return d;
}

#define OP3(mn, r, a, b, c) __asm__ volatile(mn " %0,%1,%2,%3" : "=f"(r) : "f"(a), "f"(b), "f"(c))
#define OP2(mn, r, a, b) __asm__ volatile(mn " %0,%1,%2" : "=f"(r) : "f"(a), "f"(b))
#define FLAGS(acc)                                                                                 \
	do {                                                                                       \
		unsigned fl_;                                                                      \
		__asm__ volatile("frflags %0\n\tcsrw fflags, zero" : "=r"(fl_));                   \
		acc = acc * 3 + fl_;                                                               \
	} while (0)

int main(void)
{
	uint64_t h = 0;
	unsigned acc = 0;

	__asm__ volatile("csrw fflags, zero");
	for (int i = 0; i < 100000; i++) {
		double a = dyadic(), b = i % 7 == 3 ? 3.0 : dyadic(), c = dyadic(), r[7];

		OP3("fmadd.d", r[0], a, b, c);
		FLAGS(acc);
		OP3("fnmsub.d", r[1], a, b, c);
		FLAGS(acc);
		OP2("fadd.d", r[2], a, c);
		FLAGS(acc);
		OP2("fsub.d", r[3], a, b);
		FLAGS(acc);
		OP2("fmul.d", r[4], a, b);
		FLAGS(acc);
		OP2("fdiv.d", r[5], a, b);
		FLAGS(acc);
		OP2("fmul.d", r[6], r[5], r[5]);
		FLAGS(acc);
		for (int k = 0; k < 7; k++)
			h = h * 1000003 ^ bits(r[k]);
	}
	printf("exact: %016llx %08x\n", (unsigned long long)h, acc);

	__asm__ volatile("csrw fflags, 1"); /* NX */
	for (int i = 0; i < 100000; i++) {
		double a = wide(), b = wide(), c = i % 3 ? wide() : -(a * b), r[6];

		OP3("fmadd.d", r[0], a, b, c);
		OP3("fmsub.d", r[1], a, b, c);
		OP3("fnmadd.d", r[2], a, b, c);
		OP2("fdiv.d", r[3], a, b);
		OP2("fadd.d", r[4], a, c);
		OP2("fmul.d", r[5], a, b);
		for (int k = 0; k < 6; k++)
			h = h * 1000003 ^ bits(r[k]);
	}
	FLAGS(acc);
	printf("nx: %016llx %08x\n", (unsigned long long)h, acc);
	return 0;
}
