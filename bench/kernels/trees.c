/*
 * trees: allocation-heavy workload in the style of binary-trees, plus arrays
 * grown with realloc.
 *
 * Exercises malloc/free of many small blocks, pointer chasing through freshly
 * allocated memory, deep recursion, and realloc of growing buffers (which
 * moves data once blocks can no longer grow in place).  It is in the suite
 * because allocator-heavy programs stress the translated libc, the memory
 * growth path (brk/mmap emulation) and indirect load/store performance, none
 * of which show up in the numeric kernels.
 *
 * Everything is integer arithmetic on values from a private PRNG; node
 * addresses never influence the checksum.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define MIN_DEPTH	4
#define MAX_DEPTH	14
#define LIVE_TREES	16
#define NVEC		8
#define BASE_ROUNDS	20

struct node {
	struct node *left, *right;
	uint32_t item;
};

struct vec {
	uint32_t *data;
	size_t len, cap;
};

static uint64_t rng_state = 0x853c49e6748fea9bULL;

static uint64_t xorshift64(void)
{
	uint64_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	rng_state = x;
	return x;
}

static void die(void)
{
	fputs("trees: out of memory\n", stderr);
	exit(1);
}

static struct node *build(int depth)
{
	struct node *n = malloc(sizeof(*n));

	if (!n)
		die();
	n->item = (uint32_t)xorshift64();
	if (depth > 0) {
		n->left = build(depth - 1);
		n->right = build(depth - 1);
	} else {
		n->left = NULL;
		n->right = NULL;
	}
	return n;
}

static void free_tree(struct node *n)
{
	if (!n)
		return;
	free_tree(n->left);
	free_tree(n->right);
	free(n);
}

/* Order-dependent hash so a mis-linked tree changes the result. */
static uint64_t check(const struct node *n)
{
	uint64_t h;

	if (!n)
		return 1;
	h = check(n->left);
	h = h * 0x100000001b3ULL ^ n->item;
	return h * 31 + check(n->right);
}

/*
 * Grow by 1.5x from a tiny capacity: many small reallocs, the common pattern
 * in real programs that do not know their final size.
 */
static void vec_push(struct vec *v, uint32_t x)
{
	if (v->len == v->cap) {
		size_t ncap = v->cap < 4 ? 4 : v->cap + v->cap / 2;
		uint32_t *p = realloc(v->data, ncap * sizeof(*p));

		if (!p)
			die();
		v->data = p;
		v->cap = ncap;
	}
	v->data[v->len++] = x;
}

static void collect(const struct node *n, struct vec *v)
{
	if (!n)
		return;
	collect(n->left, v);
	vec_push(v, n->item);
	collect(n->right, v);
}

static uint64_t vec_hash(const struct vec *v)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < v->len; i++)
		h = (h ^ v->data[i]) * 0x100000001b3ULL;
	return h ^ (uint64_t)v->len;
}

int main(int argc, char **argv)
{
	long pct = argc > 1 ? strtol(argv[1], NULL, 10) : 100;
	long rounds, r;
	struct node *live[LIVE_TREES] = { NULL };
	struct vec vecs[NVEC] = { { NULL, 0, 0 } };
	uint64_t sum = 0;
	int d, i;

	if (pct < 1)
		pct = 1;
	if (pct > 1000)
		pct = 1000;
	rounds = BASE_ROUNDS * pct / 100;
	if (rounds < 1)
		rounds = 1;

	for (r = 0; r < rounds; r++) {
		/* A stretch tree briefly raises the heap high-water mark. */
		struct node *stretch = build(MAX_DEPTH + 1);

		sum += check(stretch);
		free_tree(stretch);

		for (d = MIN_DEPTH; d <= MAX_DEPTH; d += 2) {
			long iters = 1L << (MAX_DEPTH - d + MIN_DEPTH), k;

			for (k = 0; k < iters; k++) {
				struct node *t = build(d);

				sum = sum * 3 + check(t);
				/*
				 * Swap into a random slot of the live set so frees
				 * happen in an order unrelated to allocation order,
				 * fragmenting the heap as long-running programs do.
				 */
				if ((k & 15) == 0) {
					int slot = (int)(xorshift64() % LIVE_TREES);
					struct node *old = live[slot];

					live[slot] = t;
					t = old;
				}
				free_tree(t);
			}
		}

		/*
		 * Interleaved growth of several vectors: neighbours block
		 * in-place growth, so realloc has to move and copy.
		 */
		for (i = 0; i < LIVE_TREES; i++) {
			struct vec *v = &vecs[(unsigned)i % NVEC];

			collect(live[i], v);
			vec_push(&vecs[(unsigned)(i + 1) % NVEC], (uint32_t)sum);
		}
		for (i = 0; i < NVEC; i++) {
			sum ^= vec_hash(&vecs[i]) + (uint64_t)i;
			/* Shrink some, keep others growing across rounds. */
			if ((xorshift64() & 1) || vecs[i].len > 200000) {
				free(vecs[i].data);
				vecs[i].data = NULL;
				vecs[i].len = 0;
				vecs[i].cap = 0;
			}
		}
	}

	for (i = 0; i < LIVE_TREES; i++) {
		sum = sum * 7 + check(live[i]);
		free_tree(live[i]);
	}
	for (i = 0; i < NVEC; i++)
		free(vecs[i].data);
	printf("trees checksum=%016llx\n", (unsigned long long)sum);
	return 0;
}
