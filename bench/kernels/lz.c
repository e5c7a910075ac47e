/*
 * lz.c - LZ77/LZSS compression kernel.
 *
 * Exercises the work of a real compressor: a rolling 3-byte hash into a head table with
 * hash chains (scattered 32-bit loads/stores), byte-by-byte match extension (short,
 * data-dependent loops), bit-flag packing on the output side, and an overlapping-copy
 * decompressor.  Compression is a common, branchy, memory-bound workload, and the roundtrip
 * check makes any mistranslated load, store or branch visible at once.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IN_LEN		(512u * 1024u)
#define OUT_CAP		(IN_LEN + IN_LEN / 8 + 16)
#define HASH_BITS	15
#define HASH_SIZE	(1u << HASH_BITS)
#define WINDOW		32768u
#define MIN_MATCH	3u
#define MAX_MATCH	(MIN_MATCH + 255u)
#define MAX_CHAIN	48u
#define NWORDS		512u
#define BASE_ROUNDS	100u

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

struct vocab {
	unsigned char word[NWORDS][12];
	unsigned char len[NWORDS];
};

static void make_vocab(struct vocab *v)
{
	unsigned i, j;

	for (i = 0; i < NWORDS; i++) {
		uint64_t r = xorshift64();

		v->len[i] = (unsigned char)(2 + r % 11);
		for (j = 0; j < v->len[i]; j++) {
			r = r * 0x5851f42d4c957f2dull + 1442695040888963407ull;
			v->word[i][j] = (unsigned char)('a' + (r >> 33) % 26);
		}
	}
}

/*
 * Text-like data: Zipf-ish word choice gives repeats at many distances, and occasional
 * random bytes keep it from being trivially compressible.
 */
static void make_input(unsigned char *buf, size_t n, const struct vocab *v)
{
	static const unsigned char sep[8] = { ' ', ' ', ' ', ' ', ',', '.', '\n', ' ' };
	size_t pos = 0;

	while (pos < n) {
		uint64_t r = xorshift64();
		unsigned w = (unsigned)(r % NWORDS), k;

		/* Taking the min of two draws skews towards low indices, so some words dominate. */
		if ((unsigned)((r >> 20) % NWORDS) < w)
			w = (unsigned)((r >> 20) % NWORDS);
		for (k = 0; k < v->len[w] && pos < n; k++)
			buf[pos++] = v->word[w][k];
		if (pos < n)
			buf[pos++] = sep[(r >> 40) & 7];
		if (((r >> 48) & 31) == 0) {
			for (k = 0; k < 1 + ((r >> 56) & 3) && pos < n; k++)
				buf[pos++] = (unsigned char)(xorshift64() >> 24);
		}
	}
}

static uint32_t hash3(const unsigned char *p)
{
	uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;

	return (v * 2654435761u) >> (32 - HASH_BITS);
}

static void insert(const unsigned char *in, size_t pos, int32_t *head, int32_t *prev)
{
	uint32_t h = hash3(in + pos);

	prev[pos] = head[h];
	head[h] = (int32_t)pos;
}

/*
 * Format: a flag byte announces the next 8 tokens (bit set = match).  A literal is one byte;
 * a match is a 16-bit little-endian (offset - 1) followed by (length - MIN_MATCH).
 */
static size_t lz_compress(const unsigned char *in, size_t n, unsigned char *out,
			  int32_t *head, int32_t *prev)
{
	size_t ip = 0, op = 0, flag_pos = 0;
	unsigned bit = 8;
	size_t i;

	for (i = 0; i < HASH_SIZE; i++)
		head[i] = -1;
	while (ip < n) {
		size_t best_len = 0, best_off = 0;

		if (bit == 8) {
			flag_pos = op++;
			out[flag_pos] = 0;
			bit = 0;
		}
		if (ip + MIN_MATCH <= n) {
			size_t max_len = n - ip < MAX_MATCH ? n - ip : MAX_MATCH;
			int32_t cand = head[hash3(in + ip)];
			unsigned chain = MAX_CHAIN;

			while (cand >= 0 && ip - (size_t)cand <= WINDOW && chain--) {
				const unsigned char *c = in + cand;

				/* Probe the byte a longer match needs: rejects most. */
				if (c[best_len] == in[ip + best_len]) {
					size_t len = 0;

					while (len < max_len && c[len] == in[ip + len])
						len++;
					if (len > best_len) {
						best_len = len;
						best_off = ip - (size_t)cand;
						if (len == max_len)
							break;
					}
				}
				cand = prev[cand];
			}
		}
		if (best_len >= MIN_MATCH) {
			size_t end = ip + best_len;

			out[flag_pos] |= (unsigned char)(1u << bit);
			out[op++] = (unsigned char)((best_off - 1) & 0xff);
			out[op++] = (unsigned char)((best_off - 1) >> 8);
			out[op++] = (unsigned char)(best_len - MIN_MATCH);
			for (; ip < end; ip++)
				if (ip + MIN_MATCH <= n)
					insert(in, ip, head, prev);
		} else {
			out[op++] = in[ip];
			if (ip + MIN_MATCH <= n)
				insert(in, ip, head, prev);
			ip++;
		}
		bit++;
	}
	return op;
}

/* Returns the decoded length, or (size_t)-1 on malformed input; never writes past cap. */
static size_t lz_decompress(const unsigned char *in, size_t n, unsigned char *out, size_t cap)
{
	size_t ip = 0, op = 0;

	while (ip < n) {
		unsigned flags = in[ip++], bit;

		for (bit = 0; bit < 8 && ip < n; bit++) {
			if (flags & (1u << bit)) {
				size_t off, len, k;

				if (ip + 3 > n)
					return (size_t)-1;
				off = ((size_t)in[ip] | (size_t)in[ip + 1] << 8) + 1;
				len = (size_t)in[ip + 2] + MIN_MATCH;
				ip += 3;
				if (off > op || len > cap - op)
					return (size_t)-1;
				/* Byte at a time: the source may overlap the output. */
				for (k = 0; k < len; k++, op++)
					out[op] = out[op - off];
			} else {
				if (op >= cap)
					return (size_t)-1;
				out[op++] = in[ip++];
			}
		}
	}
	return op;
}

int main(int argc, char **argv)
{
	unsigned pct = parse_pct(argc, argv);
	unsigned rounds = BASE_ROUNDS * pct / 100;
	static struct vocab vocab;
	unsigned char *in = malloc(IN_LEN);
	unsigned char *comp = malloc(OUT_CAP);
	unsigned char *dec = malloc(IN_LEN);
	int32_t *head = malloc(HASH_SIZE * sizeof(*head));
	int32_t *prev = malloc(IN_LEN * sizeof(*prev));
	uint64_t sum = 0;
	unsigned r;

	if (!in || !comp || !dec || !head || !prev)
		return 1;
	if (rounds < 1)
		rounds = 1;
	rng_state = 0x6a09e667f3bcc909ull;
	make_vocab(&vocab);

	for (r = 0; r < rounds; r++) {
		size_t clen, dlen, i;
		uint64_t h = 0xcbf29ce484222325ull;

		make_input(in, IN_LEN, &vocab);
		clen = lz_compress(in, IN_LEN, comp, head, prev);
		dlen = lz_decompress(comp, clen, dec, IN_LEN);
		if (dlen != IN_LEN || memcmp(in, dec, IN_LEN) != 0) {
			printf("lz checksum=BAD_ROUNDTRIP\n");
			return 1;
		}
		for (i = 0; i < clen; i++)
			h = (h ^ comp[i]) * 0x100000001b3ull;
		sum = (sum << 13 | sum >> 51) ^ h ^ ((uint64_t)clen << 32);
	}
	printf("lz checksum=%016llx\n", (unsigned long long)sum);
	free(in);
	free(comp);
	free(dec);
	free(head);
	free(prev);
	return 0;
}
