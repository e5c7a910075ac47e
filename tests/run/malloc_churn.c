/* malloc/calloc/realloc/free churn: a deterministic pseudo-random sequence of
 * allocations of mixed sizes, each filled with a pattern derived from its
 * slot, verified by checksum before free or realloc (realloc must preserve
 * the prefix), exercising glibc's bins, coalescing and brk growth. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SLOTS = 512, ROUNDS = 6000 };
static unsigned char *ptr[SLOTS];
static size_t len[SLOTS];
static uint32_t seed = 2463534242u;

static uint32_t rnd(void) { seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5; return seed; }
static unsigned char pat(int slot, size_t i) { return (unsigned char)(slot * 131 + i * 7 + (i >> 8)); }

static int check(int s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (ptr[s][i] != pat(s, i))
            return 0;
    return 1;
}

int main(void)
{
    unsigned long allocs = 0, frees = 0, reallocs = 0, bytes = 0;
    for (int r = 0; r < ROUNDS; r++) {
        int s = rnd() % SLOTS;
        uint32_t k = rnd();
        size_t n = (k % 8 == 0) ? 4096 + k % 20000 : 1 + k % 300;
        if (!ptr[s]) {
            ptr[s] = (k & 16) ? calloc(n, 1) : malloc(n);
            if (!ptr[s]) return 2;
            if (k & 16)
                for (size_t i = 0; i < n; i++)
                    if (ptr[s][i]) return 3;
            for (size_t i = 0; i < n; i++) ptr[s][i] = pat(s, i);
            len[s] = n;
            allocs++;
            bytes += n;
        } else if (k & 32) {
            if (!check(s, len[s])) { printf("corrupt slot %d\n", s); return 4; }
            unsigned char *p = realloc(ptr[s], n);
            if (!p) return 5;
            ptr[s] = p;
            size_t keep = n < len[s] ? n : len[s];
            if (!check(s, keep)) { printf("realloc lost data slot %d\n", s); return 6; }
            for (size_t i = keep; i < n; i++) ptr[s][i] = pat(s, i);
            len[s] = n;
            reallocs++;
        } else {
            if (!check(s, len[s])) { printf("corrupt slot %d\n", s); return 7; }
            free(ptr[s]);
            ptr[s] = NULL;
            frees++;
        }
    }
    uint64_t sum = 0;
    for (int s = 0; s < SLOTS; s++)
        if (ptr[s]) {
            for (size_t i = 0; i < len[s]; i++) sum = sum * 31 + ptr[s][i];
            free(ptr[s]);
        }
    printf("allocs=%lu frees=%lu reallocs=%lu bytes=%lu sum=%016llx\n", allocs, frees, reallocs, bytes,
           (unsigned long long)sum);
    /* strdup/memcmp on heap strings */
    char *a = strdup("hello, heap"), *b = malloc(32);
    memcpy(b, a, strlen(a) + 1);
    b[0] = 'H';
    printf("%s %s %d\n", a, b, memcmp(a, b, 5) > 0);
    free(a);
    free(b);
    return 0;
}
