/* qsort and bsearch with callbacks over ints, strings and structs (stable
 * tie-breaking by index so the output does not depend on the algorithm). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec { int key; int idx; char name[12]; };

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
static int cmp_rec(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return x->idx - y->idx;
}

int main(void)
{
    enum { N = 5000 };
    static int a[N];
    unsigned s = 12345;
    for (int i = 0; i < N; i++) {
        s = s * 1103515245u + 12345u;
        a[i] = (int)(s >> 8) % 100000 - 50000;
    }
    qsort(a, N, sizeof a[0], cmp_int);
    long chk = 0;
    for (int i = 0; i < N; i++) chk = chk * 31 + a[i];
    printf("sorted chk=%ld first=%d last=%d\n", chk, a[0], a[N - 1]);
    int hits = 0;
    for (int k = -50000; k < 50000; k += 37) {
        int *p = bsearch(&k, a, N, sizeof a[0], cmp_int);
        if (p) { hits++; if (*p != k) return 2; }
    }
    printf("bsearch hits=%d\n", hits);

    const char *words[] = {"pear", "apple", "fig", "banana", "cherry", "date", "elderberry", "grape", "kiwi", "lemon", "Apple", "apple"};
    int nw = sizeof words / sizeof words[0];
    qsort(words, nw, sizeof words[0], cmp_str);
    for (int i = 0; i < nw; i++) printf("%s ", words[i]);
    printf("\n");
    const char *key = "fig";
    const char **w = bsearch(&key, words, nw, sizeof words[0], cmp_str);
    printf("fig at %d\n", w ? (int)(w - words) : -1);

    static struct rec r[300];
    for (int i = 0; i < 300; i++) {
        r[i].key = (i * 7919) % 23;
        r[i].idx = i;
        snprintf(r[i].name, sizeof r[i].name, "r%03d", i);
    }
    qsort(r, 300, sizeof r[0], cmp_rec);
    for (int i = 0; i < 300; i += 29) printf("%d:%s ", r[i].key, r[i].name);
    printf("\n");
    return 0;
}
