/*
 * fptr: calls through function pointers.
 *
 * Three patterns: a table of small operations selected by data (an
 * interpreter-style dispatch with unpredictable targets), generic map/reduce
 * helpers taking callbacks, and qsort/bsearch with comparators on structs.
 * It is in the suite because a translator must turn every indirect call into
 * a lookup of the guest address (call_indirect or a dispatch table in Wasm),
 * so indirect-call overhead shows up here far more than in direct-call code.
 *
 * qsort is not stable and libcs use different algorithms, so the comparator
 * breaks every tie with a unique id: the sorted order is then fully defined.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCODE		4096
#define NELEM		4096
#define NREC		2000
#define BASE_ROUNDS	10000

typedef uint64_t (*binop_fn)(uint64_t acc, uint64_t x);
typedef uint64_t (*map_fn)(uint64_t x);

static uint64_t rng_state = 0xbb67ae8584caa73bULL;

static uint64_t xorshift64(void)
{
	uint64_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	rng_state = x;
	return x;
}

static uint64_t rotl(uint64_t x, unsigned k)
{
	k &= 63;
	return k ? (x << k) | (x >> (64 - k)) : x;
}

/*
 * Deliberately different bodies (and costs) so the calls cannot be merged
 * and each target really is a separate function.
 */
static uint64_t op_add(uint64_t a, uint64_t x)
{
	return a + x;
}

static uint64_t op_sub_rot(uint64_t a, uint64_t x)
{
	return rotl(a - x, 7);
}

static uint64_t op_mul(uint64_t a, uint64_t x)
{
	return a * (x | 1);
}

static uint64_t op_xorshift(uint64_t a, uint64_t x)
{
	a ^= x;
	a ^= a >> 29;
	return a ^ (a << 11);
}

static uint64_t op_div(uint64_t a, uint64_t x)
{
	uint64_t d = (x & 0xffff) + 3;

	return a / d + a % d;
}

static uint64_t op_minmax(uint64_t a, uint64_t x)
{
	return (a & 1) ? (a < x ? a : x) : (a > x ? a : x) ^ 0x5555;
}

static uint64_t op_bswap(uint64_t a, uint64_t x)
{
	uint64_t r = 0;
	int i;

	for (i = 0; i < 8; i++) {
		r = (r << 8) | (a & 0xff);
		a >>= 8;
	}
	return r + x;
}

static uint64_t op_popcnt(uint64_t a, uint64_t x)
{
	uint64_t v = a ^ x;

	v = v - ((v >> 1) & 0x5555555555555555ULL);
	v = (v & 0x3333333333333333ULL) + ((v >> 2) & 0x3333333333333333ULL);
	v = (v + (v >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	v = (v * 0x0101010101010101ULL) >> 56;
	return a + v * 0x9e3779b97f4a7c15ULL;
}

static uint64_t op_cond_neg(uint64_t a, uint64_t x)
{
	return (x >> 63) ? ~a + 1 : a ^ (x >> 3);
}

static uint64_t op_shift_mix(uint64_t a, uint64_t x)
{
	return (a >> (x & 31)) ^ (a << ((x >> 8) & 15)) ^ x;
}

static const binop_fn ops[] = {
	op_add, op_sub_rot, op_mul, op_xorshift, op_div,
	op_minmax, op_bswap, op_popcnt, op_cond_neg, op_shift_mix,
};

#define NOPS	(sizeof(ops) / sizeof(ops[0]))

static uint64_t m_square(uint64_t x)
{
	return x * x;
}

static uint64_t m_hash(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	return x ^ (x >> 33);
}

static uint64_t m_low(uint64_t x)
{
	return x & 0xffff;
}

static const map_fn maps[] = { m_square, m_hash, m_low };

static void map(uint64_t *dst, const uint64_t *src, size_t n, map_fn f)
{
	size_t i;

	for (i = 0; i < n; i++)
		dst[i] = f(src[i]);
}

static uint64_t reduce(const uint64_t *v, size_t n, binop_fn f, uint64_t init)
{
	size_t i;

	for (i = 0; i < n; i++)
		init = f(init, v[i]);
	return init;
}

struct rec {
	uint32_t key;
	int32_t score;
	uint32_t id;
	unsigned char tag[4];
};

/* Few distinct keys and scores, so the tie-breaking levels are exercised. */
static int cmp_rec(const void *pa, const void *pb)
{
	const struct rec *a = pa, *b = pb;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->tag[0] != b->tag[0])
		return a->tag[0] < b->tag[0] ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id);
}

static int cmp_u64(const void *pa, const void *pb)
{
	uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;

	return (a > b) - (a < b);
}

static unsigned char code[NCODE];
static uint64_t operand[NCODE];
static uint64_t elems[NELEM], mapped[NELEM];
static struct rec recs[NREC];

int main(int argc, char **argv)
{
	long pct = argc > 1 ? strtol(argv[1], NULL, 10) : 100;
	long rounds, r;
	uint64_t sum = 0;
	size_t i;

	if (pct < 1)
		pct = 1;
	if (pct > 1000)
		pct = 1000;
	rounds = BASE_ROUNDS * pct / 100;
	if (rounds < 1)
		rounds = 1;

	for (i = 0; i < NCODE; i++) {
		code[i] = (unsigned char)(xorshift64() % NOPS);
		operand[i] = xorshift64();
	}
	for (i = 0; i < NELEM; i++)
		elems[i] = xorshift64();

	for (r = 0; r < rounds; r++) {
		uint64_t acc = (uint64_t)r;

		/* Data-driven dispatch; the table index is never predictable. */
		for (i = 0; i < NCODE; i++)
			acc = ops[code[i]](acc, operand[i]);
		sum = sum * 31 + acc;
		code[(size_t)(acc % NCODE)] = (unsigned char)((acc >> 16) % NOPS);

		/* One callback per call site, varied per round. */
		map(mapped, elems, NELEM, maps[(size_t)r % 3]);
		sum ^= reduce(mapped, NELEM, ops[(size_t)r % NOPS], sum);
		elems[(size_t)(sum % NELEM)] = sum;

		if (r % 16 == 0) {
			uint64_t key;
			const uint64_t *hit;

			for (i = 0; i < NREC; i++) {
				uint64_t x = xorshift64();

				recs[i].key = (uint32_t)(x % 37);
				recs[i].score = (int32_t)((x >> 8) % 21) - 10;
				recs[i].id = (uint32_t)i;
				recs[i].tag[0] = (unsigned char)(x >> 32) & 3;
				recs[i].tag[1] = 0;
				recs[i].tag[2] = 0;
				recs[i].tag[3] = 0;
			}
			qsort(recs, NREC, sizeof(recs[0]), cmp_rec);
			for (i = 0; i < NREC; i += 7)
				sum = sum * 0x100000001b3ULL + recs[i].id;

			memcpy(mapped, elems, sizeof(mapped));
			qsort(mapped, NELEM, sizeof(mapped[0]), cmp_u64);
			key = mapped[(size_t)(sum % NELEM)];
			hit = bsearch(&key, mapped, NELEM, sizeof(mapped[0]), cmp_u64);
			/* Any duplicate may be hit; the first one is well defined. */
			while (hit && hit > mapped && hit[-1] == key)
				hit--;
			sum += hit ? (uint64_t)(hit - mapped) : 0x1234;
		}
	}
	printf("fptr checksum=%016llx\n", (unsigned long long)sum);
	return 0;
}
