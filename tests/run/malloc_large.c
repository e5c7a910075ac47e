/* Large allocations: blocks above glibc's mmap threshold (128 KiB) are
 * served by mmap and freed by munmap; growing one with realloc goes through
 * mremap; a direct mmap/mprotect/munmap; all contents checked by checksum. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static uint64_t fill(unsigned char *p, size_t n, unsigned salt)
{
    uint64_t h = 0;
    for (size_t i = 0; i < n; i++) {
        p[i] = (unsigned char)((i * 2654435761u) >> 13) ^ (unsigned char)salt;
        h = h * 1099511628211ULL ^ p[i];
    }
    return h;
}

static uint64_t sum(const unsigned char *p, size_t n)
{
    uint64_t h = 0;
    for (size_t i = 0; i < n; i++) h = h * 1099511628211ULL ^ p[i];
    return h;
}

int main(void)
{
    size_t sizes[] = {200 << 10, 1 << 20, 3 << 20, 6 << 20};
    unsigned char *blk[4];
    uint64_t h[4];
    for (int i = 0; i < 4; i++) {
        blk[i] = malloc(sizes[i]);
        if (!blk[i]) return 2;
        h[i] = fill(blk[i], sizes[i], i);
    }
    uint64_t h1_prefix = sum(blk[1], 300 << 10);
    for (int i = 0; i < 4; i++)
        printf("block %d: %zu bytes ok=%d\n", i, sizes[i], sum(blk[i], sizes[i]) == h[i]);
    /* grow block 1 step by step: mremap may move it */
    size_t n = sizes[1];
    for (int step = 0; step < 5; step++) {
        size_t nn = n * 2;
        unsigned char *p = realloc(blk[1], nn);
        if (!p) return 3;
        printf("grow %zu -> %zu prefix ok=%d\n", n, nn, sum(p, sizes[1]) == h[1]);
        memset(p + n, 0x5a, nn - n);
        blk[1] = p;
        n = nn;
    }
    /* shrink it back */
    blk[1] = realloc(blk[1], 300 << 10);
    printf("shrunk prefix ok=%d tail byte=%x\n", sum(blk[1], 300 << 10) == h1_prefix, blk[1][(300 << 10) - 1]);
    for (int i = 0; i < 4; i++) free(blk[i]);
    /* calloc of a big block must be zero */
    unsigned char *z = calloc(5 << 20, 1);
    size_t nz = 0;
    for (size_t i = 0; i < (5u << 20); i++) nz += z[i] != 0;
    printf("calloc nonzero=%zu\n", nz);
    free(z);
    /* raw mmap */
    size_t len = 4 << 20;
    unsigned char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) return 4;
    uint64_t hm = fill(m, len, 9);
    printf("mmap ok=%d mprotect=%d\n", sum(m, len) == hm, mprotect(m, len, PROT_READ));
    printf("read-only still readable ok=%d munmap=%d\n", sum(m, len) == hm, munmap(m, len));
    return 0;
}
