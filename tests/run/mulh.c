/* High halves of 64x64 multiplies: mulh, mulhu, mulhsu checked against
 * __int128 products; gcc emits mulh/mulhu for the 128-bit C expressions and
 * the inline asm pins each instruction including mulhsu. */
#include <stdint.h>
#include <stdio.h>

static int64_t mulh(int64_t a, int64_t b) { int64_t r; __asm__ volatile("mulh %0,%1,%2" : "=r"(r) : "r"(a), "r"(b)); return r; }
static uint64_t mulhu(uint64_t a, uint64_t b) { uint64_t r; __asm__ volatile("mulhu %0,%1,%2" : "=r"(r) : "r"(a), "r"(b)); return r; }
static int64_t mulhsu(int64_t a, uint64_t b) { int64_t r; __asm__ volatile("mulhsu %0,%1,%2" : "=r"(r) : "r"(a), "r"(b)); return r; }

int main(void)
{
    static const uint64_t v[] = {0, 1, 2, 3, 0x7fffffffffffffffULL, 0x8000000000000000ULL, 0xffffffffffffffffULL,
                                 0xfffffffffffffffeULL, 0x00000000ffffffffULL, 0x0000000100000000ULL,
                                 0x123456789abcdef0ULL, 0xfedcba9876543210ULL, 0xaaaaaaaaaaaaaaaaULL};
    int n = sizeof v / sizeof v[0], bad = 0;
    uint64_t acc = 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            int64_t sa = (int64_t)v[i];
            uint64_t ub = v[j];
            int64_t h1 = mulh(sa, (int64_t)ub);
            uint64_t h2 = mulhu(v[i], ub);
            int64_t h3 = mulhsu(sa, ub);
            int64_t c1 = (int64_t)(((__int128)sa * (__int128)(int64_t)ub) >> 64);
            uint64_t c2 = (uint64_t)(((unsigned __int128)v[i] * ub) >> 64);
            int64_t c3 = (int64_t)(((__int128)sa * (__int128)(unsigned __int128)ub) >> 64);
            if (h1 != c1 || h2 != c2 || h3 != c3) {
                printf("mismatch %d %d\n", i, j);
                bad++;
            }
            acc = acc * 0x9e3779b97f4a7c15ULL + (uint64_t)h1 + h2 * 3 + (uint64_t)h3 * 5;
            if (i == j)
                printf("%016llx^2: %016llx %016llx %016llx\n", (unsigned long long)v[i],
                       (unsigned long long)h1, (unsigned long long)h2, (unsigned long long)h3);
        }
    printf("acc=%016llx bad=%d\n", (unsigned long long)acc, bad);
    return bad;
}
