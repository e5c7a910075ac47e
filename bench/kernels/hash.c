/*
 * hash.c - byte and word hashing kernel.
 *
 * Exercises tight integer loops: byte loads feeding a 64-bit multiply chain (FNV-1a),
 * unaligned little-endian word assembly with rotates and 64x64 multiplies (a murmur-style
 * mix), and many short variable-length keys.  Hashing is the inner loop of hash tables,
 * checksumming and deduplication, so it shows how well the translator handles 64-bit
 * multiplies, shifts and byte loads, which are expensive on a 32-bit-pointer wasm host.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define BUF_LEN		(64u * 1024u)
#define BASE_PASSES	10000u

static uint64_t rng_state;

static uint64_t splitmix64(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
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

static uint64_t fnv1a64(const unsigned char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

static uint64_t rotl64(uint64_t x, unsigned r)
{
	return (x << r) | (x >> (64 - r));
}

/* Assembled byte by byte so the result does not depend on host endianness or alignment. */
static uint64_t load_le64(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	       (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
	       (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

static uint64_t fmix64(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdull;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ull;
	k ^= k >> 33;
	return k;
}

/* A murmur3-x64-style hash with two lanes, so there is some instruction-level parallelism. */
static uint64_t mix_hash(const unsigned char *p, size_t n, uint64_t seed)
{
	const uint64_t c1 = 0x87c37b91114253d5ull, c2 = 0x4cf5ad432745937full;
	uint64_t h1 = seed, h2 = seed ^ 0x5bd1e995u;
	size_t i = 0;
	uint64_t k1, k2;

	for (; i + 16 <= n; i += 16) {
		k1 = load_le64(p + i);
		k2 = load_le64(p + i + 8);
		k1 = rotl64(k1 * c1, 31) * c2;
		h1 ^= k1;
		h1 = rotl64(h1, 27) + h2;
		h1 = h1 * 5 + 0x52dce729u;
		k2 = rotl64(k2 * c2, 33) * c1;
		h2 ^= k2;
		h2 = rotl64(h2, 31) + h1;
		h2 = h2 * 5 + 0x38495ab5u;
	}
	/* Tail: fold remaining bytes in one at a time; simpler than murmur's switch ladder. */
	k1 = 0;
	for (; i < n; i++)
		k1 = (k1 << 8 | p[i]) * c1;
	h1 ^= rotl64(k1, 29);
	h1 ^= (uint64_t)n;
	h2 ^= (uint64_t)n;
	h1 += h2;
	h2 += h1;
	h1 = fmix64(h1);
	h2 = fmix64(h2);
	return h1 + h2;
}

/* Short keys of 1..32 bytes at scattered offsets, like identifier or URL hashing. */
static uint64_t short_keys(const unsigned char *buf, uint64_t seed, unsigned count)
{
	uint64_t acc = 0, x = seed | 1;
	unsigned i;

	for (i = 0; i < count; i++) {
		size_t off, len;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		off = (size_t)(x % (BUF_LEN - 32));
		len = 1 + (size_t)((x >> 40) & 31);
		acc = rotl64(acc, 7) ^ fnv1a64(buf + off, len);
		acc += mix_hash(buf + off, len, acc);
	}
	return acc;
}

int main(int argc, char **argv)
{
	unsigned pct = parse_pct(argc, argv);
	unsigned passes = BASE_PASSES * pct / 100;
	unsigned char *buf;
	uint64_t sum = 0;
	unsigned pass;
	size_t i;

	if (passes < 1)
		passes = 1;
	buf = malloc(BUF_LEN);
	if (!buf)
		return 1;
	rng_state = 0x1234abcdull;
	for (i = 0; i < BUF_LEN; i += 8) {
		uint64_t r = splitmix64();
		unsigned j;

		for (j = 0; j < 8; j++)
			buf[i + j] = (unsigned char)(r >> (8 * j));
	}

	for (pass = 0; pass < passes; pass++) {
		uint64_t a, b;
		size_t len = BUF_LEN - (pass & 255);

		a = fnv1a64(buf, len);
		b = mix_hash(buf + (pass & 7), len - 8, a);
		sum = rotl64(sum, 11) ^ a ^ (b * 3);
		sum += short_keys(buf, b, 256);
		/* Perturb the data so no pass can be hoisted or reused. */
		buf[(size_t)(sum % BUF_LEN)] ^= (unsigned char)(sum >> 56);
	}
	printf("hash checksum=%016llx\n", (unsigned long long)sum);
	free(buf);
	return 0;
}
