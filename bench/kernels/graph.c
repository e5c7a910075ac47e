/*
 * graph.c - pointer-chasing graph and list kernel.
 *
 * Exercises dependent loads through real pointers: BFS and iterative DFS over a random
 * sparse graph whose nodes point at each other through adjacency arrays, plus walks and
 * in-place reversals of a linked list laid out in shuffled memory order.  Compilers,
 * garbage collectors, databases and games spend much of their time doing exactly this, and
 * it measures load latency and address translation cost rather than arithmetic.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NNODES		(64u * 1024u)
#define MAX_DEG		10u
#define NLIST		(128u * 1024u)
#define BASE_ROUNDS	40u

struct node {
	struct node **adj;
	uint32_t deg;
	uint32_t id;
	uint32_t dist;
	uint32_t epoch;
};

struct lnode {
	struct lnode *next;
	uint32_t val;
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

/*
 * Half the edges go to nearby ids and half anywhere, which mimics the mixed locality of
 * real object graphs better than either extreme.
 */
static struct node *build_graph(struct node ***pool_out)
{
	struct node *g = calloc(NNODES, sizeof(*g));
	struct node **pool = malloc((size_t)NNODES * MAX_DEG * sizeof(*pool));
	size_t used = 0;
	uint32_t i, k;

	if (!g || !pool)
		return NULL;
	for (i = 0; i < NNODES; i++) {
		uint64_t r = xorshift64();

		g[i].id = i;
		g[i].deg = 1 + (uint32_t)(r % MAX_DEG);
		g[i].adj = pool + used;
		used += g[i].deg;
		for (k = 0; k < g[i].deg; k++) {
			uint64_t e = xorshift64();
			uint32_t to;

			if (e & 1)
				to = (i + (uint32_t)((e >> 8) % 64) - 32) % NNODES;
			else
				to = (uint32_t)((e >> 8) % NNODES);
			g[i].adj[k] = &g[to];
		}
	}
	*pool_out = pool;
	return g;
}

static uint64_t bfs(struct node *src, struct node **queue, uint32_t epoch)
{
	uint64_t h = 0;
	size_t qh = 0, qt = 0;

	src->epoch = epoch;
	src->dist = 0;
	queue[qt++] = src;
	while (qh < qt) {
		struct node *n = queue[qh++];
		uint32_t k;

		h = (h * 0x100000001b3ull) ^ ((uint64_t)n->id << 8 | n->dist);
		for (k = 0; k < n->deg; k++) {
			struct node *m = n->adj[k];

			if (m->epoch != epoch) {
				m->epoch = epoch;
				m->dist = n->dist + 1;
				queue[qt++] = m;
			}
		}
	}
	return h ^ ((uint64_t)qt << 40);
}

/* Iterative, because a random graph can yield DFS paths tens of thousands of nodes deep. */
static uint64_t dfs(struct node *src, struct node **stack, uint32_t *edge, uint32_t epoch)
{
	uint64_t h = 0x9e3779b97f4a7c15ull;
	size_t sp = 0;
	uint32_t maxdepth = 0;

	src->epoch = epoch;
	stack[sp] = src;
	edge[sp++] = 0;
	while (sp) {
		struct node *n = stack[sp - 1];
		uint32_t k = edge[sp - 1];

		if (k < n->deg) {
			struct node *m = n->adj[k];

			edge[sp - 1] = k + 1;
			if (m->epoch != epoch) {
				m->epoch = epoch;
				stack[sp] = m;
				edge[sp++] = 0;
				if (sp > maxdepth)
					maxdepth = (uint32_t)sp;
			}
		} else {
			/* Post-order ids: sensitive to every branch taken during the search. */
			h = (h ^ n->id) * 0x100000001b3ull;
			sp--;
		}
	}
	return h + maxdepth;
}

/* Links the nodes in a random permutation so each step is likely a cache miss. */
static struct lnode *build_list(struct lnode *pool)
{
	uint32_t *perm = malloc(NLIST * sizeof(*perm));
	uint32_t i;

	if (!perm)
		return NULL;
	for (i = 0; i < NLIST; i++)
		perm[i] = i;
	for (i = NLIST - 1; i > 0; i--) {
		uint32_t j = (uint32_t)(xorshift64() % (i + 1)), t = perm[i];

		perm[i] = perm[j];
		perm[j] = t;
	}
	for (i = 0; i < NLIST; i++) {
		pool[perm[i]].val = i * 2654435761u;
		pool[perm[i]].next = i + 1 < NLIST ? &pool[perm[i + 1]] : NULL;
	}
	i = perm[0];
	free(perm);
	return &pool[i];
}

static uint64_t walk(const struct lnode *p)
{
	uint64_t h = 0;

	for (; p; p = p->next)
		h = (h << 5 | h >> 59) + p->val;
	return h;
}

static struct lnode *reverse(struct lnode *p)
{
	struct lnode *prev = NULL;

	while (p) {
		struct lnode *next = p->next;

		p->next = prev;
		prev = p;
		p = next;
	}
	return prev;
}

int main(int argc, char **argv)
{
	unsigned pct = parse_pct(argc, argv);
	unsigned rounds = BASE_ROUNDS * pct / 100;
	struct node **pool = NULL, *g;
	struct node **work = malloc(NNODES * sizeof(*work));
	uint32_t *edge = malloc(NNODES * sizeof(*edge));
	struct lnode *lpool = malloc(NLIST * sizeof(*lpool)), *list;
	uint64_t sum = 0;
	uint32_t epoch = 0;
	unsigned r;

	if (!work || !edge || !lpool)
		return 1;
	if (rounds < 1)
		rounds = 1;
	rng_state = 0xbb67ae8584caa73bull;
	g = build_graph(&pool);
	list = build_list(lpool);
	if (!g || !list)
		return 1;

	for (r = 0; r < rounds; r++) {
		uint32_t s;
		int k;

		for (k = 0; k < 4; k++) {
			s = (uint32_t)(xorshift64() % NNODES);
			sum = sum * 31 + bfs(&g[s], work, ++epoch);
		}
		s = (uint32_t)(xorshift64() % NNODES);
		sum = sum * 31 + dfs(&g[s], work, edge, ++epoch);
		for (k = 0; k < 2; k++) {
			sum ^= walk(list);
			list = reverse(list);
		}
		/* Rewire one random edge so later rounds traverse a slightly different graph. */
		s = (uint32_t)(xorshift64() % NNODES);
		g[s].adj[r % g[s].deg] = &g[(s + r * 7919u + 1) % NNODES];
	}
	printf("graph checksum=%016llx\n", (unsigned long long)sum);
	free(g);
	free(pool);
	free(work);
	free(edge);
	free(lpool);
	return 0;
}
