/* Pointer-heavy data structures on the heap: a chained hash map of strings
 * with resizing, deletion and iteration in insertion order (a linked list
 * threaded through the entries), and a binary search tree with in-order walk. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry { char *key; long val; struct entry *next, *order_next, *order_prev; };
struct map { struct entry **b; size_t nb, n; struct entry *first, *last; };

static uint64_t hash(const char *s) { uint64_t h = 1469598103934665603ULL; while (*s) h = (h ^ (unsigned char)*s++) * 1099511628211ULL; return h; }

static void grow(struct map *m)
{
    size_t nb = m->nb ? m->nb * 2 : 8;
    struct entry **b = calloc(nb, sizeof *b);
    for (struct entry *e = m->first; e; e = e->order_next) {
        size_t i = hash(e->key) & (nb - 1);
        e->next = b[i];
        b[i] = e;
    }
    free(m->b);
    m->b = b;
    m->nb = nb;
}

static struct entry *find(struct map *m, const char *k)
{
    if (!m->nb) return NULL;
    for (struct entry *e = m->b[hash(k) & (m->nb - 1)]; e; e = e->next)
        if (!strcmp(e->key, k)) return e;
    return NULL;
}

static void put(struct map *m, const char *k, long v)
{
    struct entry *e = find(m, k);
    if (e) { e->val = v; return; }
    if (m->n + 1 > m->nb * 3 / 4) grow(m);
    e = calloc(1, sizeof *e);
    e->key = strdup(k);
    e->val = v;
    size_t i = hash(k) & (m->nb - 1);
    e->next = m->b[i];
    m->b[i] = e;
    e->order_prev = m->last;
    if (m->last) m->last->order_next = e; else m->first = e;
    m->last = e;
    m->n++;
}

static int del(struct map *m, const char *k)
{
    if (!m->nb) return 0;
    struct entry **pp = &m->b[hash(k) & (m->nb - 1)];
    for (; *pp; pp = &(*pp)->next)
        if (!strcmp((*pp)->key, k)) {
            struct entry *e = *pp;
            *pp = e->next;
            if (e->order_prev) e->order_prev->order_next = e->order_next; else m->first = e->order_next;
            if (e->order_next) e->order_next->order_prev = e->order_prev; else m->last = e->order_prev;
            free(e->key);
            free(e);
            m->n--;
            return 1;
        }
    return 0;
}

struct node { int key; struct node *l, *r; };
static struct node *insert(struct node *t, int k)
{
    if (!t) { t = calloc(1, sizeof *t); t->key = k; return t; }
    if (k < t->key) t->l = insert(t->l, k); else if (k > t->key) t->r = insert(t->r, k);
    return t;
}
static int height(struct node *t) { if (!t) return 0; int a = height(t->l), b = height(t->r); return 1 + (a > b ? a : b); }
static void walk(struct node *t, uint64_t *acc, int *cnt) { if (!t) return; walk(t->l, acc, cnt); *acc = *acc * 3 + (uint64_t)t->key; ++*cnt; walk(t->r, acc, cnt); }
static void drop(struct node *t) { if (!t) return; drop(t->l); drop(t->r); free(t); }

int main(void)
{
    struct map m = {0};
    char k[32];
    for (int i = 0; i < 5000; i++) { snprintf(k, sizeof k, "key%d", (i * 7919) % 6007); put(&m, k, i); }
    int removed = 0;
    for (int i = 0; i < 6007; i += 3) { snprintf(k, sizeof k, "key%d", i); removed += del(&m, k); }
    uint64_t sum = 0;
    int cnt = 0;
    for (struct entry *e = m.first; e; e = e->order_next) { sum = sum * 7 + (uint64_t)e->val; cnt++; }
    struct entry *e = find(&m, "key4");
    printf("n=%zu buckets=%zu removed=%d walked=%d sum=%llx key4=%ld first=%s last=%s\n", m.n, m.nb, removed, cnt, (unsigned long long)sum,
           e ? e->val : -1, m.first->key, m.last->key);
    while (m.first) del(&m, m.first->key);
    free(m.b);
    struct node *t = NULL;
    unsigned s = 7;
    for (int i = 0; i < 20000; i++) { s = s * 1103515245u + 12345u; t = insert(t, (int)(s >> 12) % 100000); }
    uint64_t acc = 0;
    int nodes = 0;
    walk(t, &acc, &nodes);
    printf("bst nodes=%d height=%d acc=%llx\n", nodes, height(t), (unsigned long long)acc);
    drop(t);
    return 0;
}
