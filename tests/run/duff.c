/* Loops with several ways in, which rv2wasm makes single-entry by copying
 * the partial iterations before the head (compiler/cfg/split.c) when the
 * copies are small, and leaves to the Relooper's label dispatch otherwise:
 *   - Duff's device: a switch that jumps into the middle of an unrolled
 *     copy loop, for every length from 0 to 40 and every alignment (at
 *     -O2 its eight ways in need more copying than split.c allows);
 *   - two gotos into different points of one loop, chosen by the data;
 *   - a loop entered in the middle whose body faults on its last
 *     iteration, walking into an unmapped page: exit 139 after the sums
 *     printed so far, as under qemu.
 * Each result is printed, so a copy that went wrong shows as a wrong sum. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

__attribute__((noinline)) static void duff_copy(uint8_t *to, const uint8_t *from, int count)
{
	int n = (count + 7) / 8;

	if (count <= 0)
		return;
	switch (count % 8) {
	case 0: do { *to++ = *from++;
	case 7:      *to++ = *from++;
	case 6:      *to++ = *from++;
	case 5:      *to++ = *from++;
	case 4:      *to++ = *from++;
	case 3:      *to++ = *from++;
	case 2:      *to++ = *from++;
	case 1:      *to++ = *from++;
		} while (--n > 0);
	}
}

/* Sums v[0..n) three at a time, entering the loop where n % 3 says. */
__attribute__((noinline)) static uint64_t duff_sum(const uint32_t *v, int n)
{
	uint64_t s = 0;
	int i = 0;

	if (n <= 0)
		return 0;
	switch (n % 3) {
	case 0: goto a;
	case 1: goto c;
	default: goto b;
	}
	for (;;) {
	a:	s = s * 31 + v[i++];
	b:	s = s * 31 + v[i++];
	c:	s = s * 31 + v[i++];
		if (i >= n)
			break;
	}
	return s;
}

/* Two ways into one loop, picked by the first element's parity. */
__attribute__((noinline)) static uint64_t two_doors(const uint32_t *v, int n)
{
	uint64_t h = 1469598103934665603ull;
	int i = 0;

	if (v[0] & 1)
		goto odd;
	while (i < n) {
		h = (h ^ v[i++]) * 1099511628211ull;
	odd:
		if (i >= n)
			break;
		h += (uint64_t)v[i++] << 7;
	}
	return h;
}

int main(void)
{
	static uint8_t src[64], dst[64];
	static uint32_t v[100];
	uint64_t acc = 0;

	for (int i = 0; i < 64; i++)
		src[i] = (uint8_t)(i * 37 + 11);
	for (int i = 0; i < 100; i++)
		v[i] = (uint32_t)(i * 2654435761u);

	for (int len = 0; len <= 40; len++)
		for (int off = 0; off < 8; off++) {
			memset(dst, 0, sizeof dst);
			duff_copy(dst + off, src + (off * 3) % 8, len);
			for (int k = 0; k < 64; k++)
				acc = acc * 131 + dst[k];
		}
	printf("duff_copy %016llx\n", (unsigned long long)acc);

	for (int n = 0; n <= 30; n++)
		printf("duff_sum %d %016llx\n", n, (unsigned long long)duff_sum(v, n));
	for (int n = 1; n <= 12; n++) {
		printf("two_doors %d %016llx", n, (unsigned long long)two_doors(v, n));
		printf(" %016llx\n", (unsigned long long)two_doors(v + 1, n));
	}

	/* the last page of a mapping, and the one after it unmapped: a sum
	 * that runs off its end faults inside the loop */
	long pg = sysconf(_SC_PAGESIZE);
	uint8_t *m = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (m == MAP_FAILED)
		return 1;
	munmap(m + pg, pg);
	uint32_t *tail = (uint32_t *)(m + pg) - 10;

	for (int i = 0; i < 10; i++)
		tail[i] = (uint32_t)(i + 1);
	printf("in bounds %016llx\n", (unsigned long long)duff_sum(tail, 10));
	fflush(stdout);
	printf("past the end %016llx\n", (unsigned long long)duff_sum(tail, 11));
	return 0;
}
