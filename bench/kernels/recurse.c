/*
 * recurse.c - call, return and indirect-call kernel.
 *
 * Exercises the call machinery rather than loops: deep non-tail recursion (Ackermann),
 * exponential small-frame recursion (naive Fibonacci), recursive tree building, insertion
 * and traversal, a recursive-descent expression parser, a table of function pointers
 * called with data-dependent indices, and libc qsort driving a comparator callback.
 * Translators must map guest calls, returns and indirect jumps onto the host, and this is
 * where return-address prediction and indirect-call dispatch costs show up.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BASE_ROUNDS	240u
#define TREE_DEPTH	14u
#define TREE_NODES	(1u << (TREE_DEPTH + 1))
#define BST_KEYS	8192u
#define EXPR_CAP	16384u
#define EXPR_SOFT	12288u
#define NCALLS		200000u
#define NSORT		8192u

struct tnode {
	struct tnode *left, *right;
	uint32_t key;
	uint32_t val;
};

struct rec {
	uint32_t key;
	uint32_t idx;
};

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

static uint32_t ackermann(uint32_t m, uint32_t n)
{
	if (m == 0)
		return n + 1;
	if (n == 0)
		return ackermann(m - 1, 1);
	return ackermann(m - 1, ackermann(m, n - 1));
}

static uint32_t fib(uint32_t n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

/* --- trees ------------------------------------------------------------------------ */

static struct tnode tpool[TREE_NODES + BST_KEYS];
static size_t tused;

static struct tnode *tnew(uint32_t key, uint32_t val)
{
	struct tnode *t = &tpool[tused++];

	t->left = t->right = NULL;
	t->key = key;
	t->val = val;
	return t;
}

static struct tnode *build_full(uint32_t depth, uint32_t label)
{
	struct tnode *t = tnew(label, label * 2654435761u);

	if (depth) {
		t->left = build_full(depth - 1, label * 2);
		t->right = build_full(depth - 1, label * 2 + 1);
	}
	return t;
}

/* Pre-order hash: depends on the exact shape, not just the set of values. */
static uint64_t tree_hash(const struct tnode *t)
{
	uint64_t l, r;

	if (!t)
		return 0x51ed27;
	l = tree_hash(t->left);
	r = tree_hash(t->right);
	return (l * 31 + t->val) ^ (r << 1 | r >> 63);
}

static uint32_t tree_height(const struct tnode *t)
{
	uint32_t l, r;

	if (!t)
		return 0;
	l = tree_height(t->left);
	r = tree_height(t->right);
	return 1 + (l > r ? l : r);
}

static struct tnode *bst_insert(struct tnode *t, uint32_t key, uint32_t val)
{
	if (!t)
		return tnew(key, val);
	if (key < t->key)
		t->left = bst_insert(t->left, key, val);
	else if (key > t->key)
		t->right = bst_insert(t->right, key, val);
	else
		t->val += val;
	return t;
}

static uint64_t inorder(const struct tnode *t, uint64_t acc)
{
	if (!t)
		return acc;
	acc = inorder(t->left, acc);
	acc = (acc ^ t->key) * 0x100000001b3ull + t->val;
	return inorder(t->right, acc);
}

/* --- recursive-descent expressions ------------------------------------------------- */

static unsigned char expr[EXPR_CAP];
static size_t epos;

static void gen_expr(unsigned depth);

/* Past the soft limit only leaves are emitted, which bounds the total length. */
static void gen_factor(unsigned depth)
{
	uint64_t r = xorshift64();

	if (depth && epos < EXPR_SOFT && (r & 3) != 0) {
		expr[epos++] = '(';
		gen_expr(depth - 1);
		expr[epos++] = ')';
	} else {
		expr[epos++] = (unsigned char)('0' + (r >> 8) % 10);
	}
}

static void gen_term(unsigned depth)
{
	unsigned n = 1 + (unsigned)(xorshift64() % 3), i;

	for (i = 0; i < n; i++) {
		if (i)
			expr[epos++] = '*';
		gen_factor(depth);
	}
}

static void gen_expr(unsigned depth)
{
	unsigned n = 1 + (unsigned)(xorshift64() % 3), i;

	for (i = 0; i < n; i++) {
		if (i)
			expr[epos++] = (xorshift64() & 1) ? '+' : '-';
		gen_term(depth);
	}
}

static const unsigned char *pp;

static uint32_t parse_expr(void);

static uint32_t parse_factor(void)
{
	uint32_t v;

	if (*pp == '(') {
		pp++;
		v = parse_expr();
		pp++;	/* ')' */
		return v;
	}
	return (uint32_t)(*pp++ - '0');
}

static uint32_t parse_term(void)
{
	uint32_t v = parse_factor();

	while (*pp == '*') {
		pp++;
		v *= parse_factor();
	}
	return v;
}

/* Unsigned wraparound keeps deep products well defined on every target. */
static uint32_t parse_expr(void)
{
	uint32_t v = parse_term();

	for (;;) {
		if (*pp == '+') {
			pp++;
			v += parse_term();
		} else if (*pp == '-') {
			pp++;
			v -= parse_term();
		} else {
			return v;
		}
	}
}

/* --- function pointers -------------------------------------------------------------- */

typedef uint64_t (*binop_fn)(uint64_t, uint64_t);

/* Rotate counts are kept in 1..32 so no shift ever reaches 64 (undefined in C). */
static uint64_t op_rol(uint64_t a, uint64_t b)
{
	unsigned s = 1 + (unsigned)(b & 31);

	return a << s | a >> (64 - s);
}

static uint64_t op_ror(uint64_t a, uint64_t b)
{
	unsigned s = 1 + (unsigned)(b & 31);

	return a >> s | a << (64 - s);
}

static uint64_t op_add(uint64_t a, uint64_t b) { return a + b; }
static uint64_t op_sub(uint64_t a, uint64_t b) { return a - b; }
static uint64_t op_xor(uint64_t a, uint64_t b) { return a ^ b; }
static uint64_t op_mul(uint64_t a, uint64_t b) { return a * (b | 1); }
static uint64_t op_and(uint64_t a, uint64_t b) { return (a & b) + 0x9e37; }
static uint64_t op_or(uint64_t a, uint64_t b) { return (a | b) - 0x79b9; }
static uint64_t op_min(uint64_t a, uint64_t b) { return (a < b ? a : b) ^ 0xabcdef; }
static uint64_t op_max(uint64_t a, uint64_t b) { return (a > b ? a : b) >> 1; }
static uint64_t op_div(uint64_t a, uint64_t b) { return a / ((b & 0xffff) | 1) + b; }
static uint64_t op_rem(uint64_t a, uint64_t b) { return a % ((b & 0xfff) + 1) + a; }
static uint64_t op_neg(uint64_t a, uint64_t b) { return ~a + (b & 0xff); }
static uint64_t op_half(uint64_t a, uint64_t b) { return (a >> 1) + (b >> 1); }
static uint64_t op_fib(uint64_t a, uint64_t b) { return a + fib((uint32_t)(b & 7)); }

static uint64_t op_mix(uint64_t a, uint64_t b)
{
	return (a ^ (b >> 17)) * 0xff51afd7ed558ccdull;
}

static const binop_fn ops[16] = {
	op_add, op_sub, op_xor, op_mul, op_rol, op_ror, op_and, op_or,
	op_min, op_max, op_mix, op_div, op_rem, op_neg, op_half, op_fib,
};

static uint64_t indirect_calls(uint64_t seed, unsigned n)
{
	uint64_t acc = seed, x = seed | 1;
	unsigned i;

	for (i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		acc = ops[(x ^ acc) & 15](acc, x);
	}
	return acc;
}

/* Keys are made distinct so any correct qsort produces the same order. */
static int cmp_rec(const void *pa, const void *pb)
{
	const struct rec *a = pa, *b = pb;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	if (a->idx != b->idx)
		return a->idx < b->idx ? -1 : 1;
	return 0;
}

int main(int argc, char **argv)
{
	static struct rec recs[NSORT];
	unsigned pct = parse_pct(argc, argv);
	unsigned rounds = BASE_ROUNDS * pct / 100;
	uint64_t sum = 0;
	unsigned r, i;

	if (rounds < 1)
		rounds = 1;
	rng_state = 0x3c6ef372fe94f82bull;

	for (r = 0; r < rounds; r++) {
		struct tnode *root, *bst = NULL;
		uint64_t h;

		sum = sum * 31 + ackermann(2, 200 + r % 64);
		sum = sum * 31 + ackermann(3, 6 + r % 2);
		sum = sum * 31 + fib(22 + r % 4);

		tused = 0;
		root = build_full(TREE_DEPTH, 1 + r);
		sum = sum * 31 + tree_hash(root) + tree_height(root);
		for (i = 0; i < BST_KEYS; i++) {
			uint64_t k = xorshift64();

			bst = bst_insert(bst, (uint32_t)(k % 100000u), (uint32_t)(k >> 40));
		}
		sum = sum * 31 + inorder(bst, 0) + tree_height(bst);

		epos = 0;
		gen_expr(12);
		expr[epos] = 0;
		pp = expr;
		sum = sum * 31 + parse_expr() + epos;

		sum = sum * 31 + indirect_calls(sum, NCALLS);

		for (i = 0; i < NSORT; i++) {
			recs[i].key = (uint32_t)(xorshift64() % 4096u);
			recs[i].idx = i;
		}
		qsort(recs, NSORT, sizeof(recs[0]), cmp_rec);
		h = 0;
		for (i = 0; i < NSORT; i++)
			h = (h ^ recs[i].idx) * 0x100000001b3ull;
		sum = sum * 31 + h;
	}
	printf("recurse checksum=%016llx\n", (unsigned long long)sum);
	return 0;
}
