/*
 * sort.c - comparison sorting kernel.
 *
 * Exercises unpredictable branches, recursion and indexed memory traffic: a median-of-3
 * quicksort with an insertion-sort cutoff on 32-bit keys, a bottom-up mergesort on 64-bit
 * keys (64-bit compares are split into pairs of 32-bit ops on wasm32-like hosts), and an
 * in-place heapsort whose sift-down walks memory with poor locality.  Sorting is a staple
 * of real programs and stresses branch handling far more than straight-line arithmetic.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N32		(64u * 1024u)
#define N64		(32u * 1024u)
#define NHEAP		(16u * 1024u)
#define BASE_ROUNDS	150u

static uint64_t rng_state;

static uint64_t xorshift64(void)
{
	uint64_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	rng_state = x;
	return x;
}

static unsigned parse_pct(int argc, char **argv)
{
	long v;

	if (argc < 2)
		return 100;
	v = strtol(argv[1], NULL, 10);
	if (v < 1)
		v = 1;
	if (v > 1000)
		v = 1000;
	return (unsigned)v;
}

static void insertion_sort32(uint32_t *a, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		uint32_t v = a[i];

		for (j = i; j > 0 && a[j - 1] > v; j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
}

static void swap32(uint32_t *a, uint32_t *b)
{
	uint32_t t = *a;

	*a = *b;
	*b = t;
}

/* Recurse on the smaller half and loop on the larger, so stack depth stays O(log n). */
static void quicksort32(uint32_t *a, size_t n)
{
	while (n > 16) {
		size_t mid = n / 2, i, j;
		uint32_t pivot;

		if (a[mid] < a[0])
			swap32(&a[mid], &a[0]);
		if (a[n - 1] < a[0])
			swap32(&a[n - 1], &a[0]);
		if (a[n - 1] < a[mid])
			swap32(&a[n - 1], &a[mid]);
		pivot = a[mid];
		i = 0;
		j = n - 1;
		for (;;) {
			while (a[i] < pivot)
				i++;
			while (a[j] > pivot)
				j--;
			if (i >= j)
				break;
			swap32(&a[i], &a[j]);
			i++;
			j--;
		}
		/* Hoare partition: [0, j] <= pivot <= [j + 1, n). */
		if (j + 1 < n - (j + 1)) {
			quicksort32(a, j + 1);
			a += j + 1;
			n -= j + 1;
		} else {
			quicksort32(a + j + 1, n - (j + 1));
			n = j + 1;
		}
	}
	insertion_sort32(a, n);
}

static void mergesort64(uint64_t *a, uint64_t *tmp, size_t n)
{
	size_t width, i;
	uint64_t *src = a, *dst = tmp, *t;

	for (width = 1; width < n; width *= 2) {
		for (i = 0; i < n; i += 2 * width) {
			size_t lo = i, mid = i + width, hi = i + 2 * width, l, r, k;

			if (mid > n)
				mid = n;
			if (hi > n)
				hi = n;
			l = lo;
			r = mid;
			k = lo;
			while (l < mid && r < hi)
				dst[k++] = src[l] <= src[r] ? src[l++] : src[r++];
			while (l < mid)
				dst[k++] = src[l++];
			while (r < hi)
				dst[k++] = src[r++];
		}
		t = src;
		src = dst;
		dst = t;
	}
	if (src != a)
		memcpy(a, src, n * sizeof(*a));
}

static void sift_down(uint32_t *a, size_t root, size_t n)
{
	uint32_t v = a[root];

	for (;;) {
		size_t child = 2 * root + 1;

		if (child >= n)
			break;
		if (child + 1 < n && a[child + 1] > a[child])
			child++;
		if (a[child] <= v)
			break;
		a[root] = a[child];
		root = child;
	}
	a[root] = v;
}

static void heapsort32(uint32_t *a, size_t n)
{
	size_t i;

	for (i = n / 2; i > 0; i--)
		sift_down(a, i - 1, n);
	for (i = n; i > 1; i--) {
		swap32(&a[0], &a[i - 1]);
		sift_down(a, 0, i - 1);
	}
}

/* Position-weighted so that a permutation of the right values still gives a wrong sum. */
static uint64_t digest32(const uint32_t *a, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ a[i]) * 0x100000001b3ull + i;
	return h;
}

static uint64_t digest64(const uint64_t *a, size_t n)
{
	uint64_t h = 0x84222325cbf29ce4ull;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ a[i] ^ (a[i] >> 29)) * 0x100000001b3ull + i;
	return h;
}

static int sorted32(const uint32_t *a, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (a[i - 1] > a[i])
			return 0;
	return 1;
}

static int sorted64(const uint64_t *a, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (a[i - 1] > a[i])
			return 0;
	return 1;
}

int main(int argc, char **argv)
{
	unsigned pct = parse_pct(argc, argv);
	unsigned rounds = BASE_ROUNDS * pct / 100;
	uint32_t *a32 = malloc(N32 * sizeof(*a32));
	uint32_t *h32 = malloc(NHEAP * sizeof(*h32));
	uint64_t *a64 = malloc(N64 * sizeof(*a64));
	uint64_t *t64 = malloc(N64 * sizeof(*t64));
	uint64_t sum = 0;
	unsigned r;
	size_t i;

	if (!a32 || !h32 || !a64 || !t64)
		return 1;
	if (rounds < 1)
		rounds = 1;
	rng_state = 0x2545f4914f6cdd1dull;

	for (r = 0; r < rounds; r++) {
		/* Every few rounds use a narrow key range, so duplicate-heavy input is covered. */
		uint32_t mask = (r % 4 == 3) ? 0x3ffu : 0xffffffffu;

		for (i = 0; i < N32; i++)
			a32[i] = (uint32_t)(xorshift64() >> 16) & mask;
		quicksort32(a32, N32);
		if (!sorted32(a32, N32))
			goto bad;
		sum = sum * 31 + digest32(a32, N32);

		for (i = 0; i < N64; i++)
			a64[i] = xorshift64();
		/* Half the rounds start nearly sorted, a common real-world pattern. */
		if (r & 1) {
			for (i = 0; i < N64; i++)
				a64[i] = ((uint64_t)i << 40) + (a64[i] & 0xffffffffffull);
		}
		mergesort64(a64, t64, N64);
		if (!sorted64(a64, N64))
			goto bad;
		sum = sum * 31 + digest64(a64, N64);

		for (i = 0; i < NHEAP; i++)
			h32[i] = (uint32_t)xorshift64();
		heapsort32(h32, NHEAP);
		if (!sorted32(h32, NHEAP))
			goto bad;
		sum = sum * 31 + digest32(h32, NHEAP);
	}
	printf("sort checksum=%016llx\n", (unsigned long long)sum);
	free(a32);
	free(h32);
	free(a64);
	free(t64);
	return 0;
bad:
	printf("sort checksum=BAD_ORDER\n");
	return 1;
}
