/* Bit-counting builtins on 32- and 64-bit values: popcount, clz, ctz, ffs,
 * parity, clrsb and byte swaps. Zero is only passed to ffs (clz/ctz of 0 is
 * undefined). With Zbb these become cpop/clz/ctz/rev8. */
#include <stdint.h>
#include <stdio.h>

int main(void)
{
    volatile uint64_t v[] = {1, 2, 3, 0x80, 0xff, 0x8000000000000000ULL, 0xffffffffffffffffULL,
                             0x00000000ffffffffULL, 0x0123456789abcdefULL, 0x00f000000000000fULL,
                             0x100000000ULL, 0x7fffffff};
    unsigned sum = 0;
    for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
        uint64_t x = v[i];
        uint32_t y = (uint32_t)x ? (uint32_t)x : 0x10u;
        printf("%016llx pop=%2d clz=%2d ctz=%2d ffs=%2d par=%d clrsb=%2d | pop32=%2d clz32=%2d ctz32=%2d "
               "bswap64=%016llx bswap32=%08x bswap16=%04x\n",
               (unsigned long long)x, __builtin_popcountll(x), __builtin_clzll(x), __builtin_ctzll(x),
               __builtin_ffsll((long long)x), __builtin_parityll(x), __builtin_clrsbll((long long)x),
               __builtin_popcount(y), __builtin_clz(y), __builtin_ctz(y),
               (unsigned long long)__builtin_bswap64(x), __builtin_bswap32((uint32_t)x),
               __builtin_bswap16((uint16_t)x));
        sum += __builtin_popcountll(x) * (i + 1);
    }
    volatile int zero = 0;
    printf("ffs(0)=%d ffsll(0)=%d\n", __builtin_ffs(zero), __builtin_ffsll(zero));
    /* min/max/orc.b style idioms */
    volatile int64_t a = -5, b = 3;
    volatile uint64_t ua = 5, ub = 0xfffffffffffffff0ULL;
    printf("min=%lld max=%lld minu=%llu maxu=%llu\n", (long long)(a < b ? a : b),
           (long long)(a > b ? a : b), (unsigned long long)(ua < ub ? ua : ub),
           (unsigned long long)(ua > ub ? ua : ub));
    /* zext.h / sext.b / andn / orn / xnor idioms */
    volatile uint64_t p = 0xdeadbeefcafef00dULL, q = 0x0f0f0f0f0f0f0f0fULL;
    printf("%016llx %016llx %016llx %016llx %lld\n", (unsigned long long)(p & ~q),
           (unsigned long long)(p | ~q), (unsigned long long)~(p ^ q), (unsigned long long)(uint16_t)p,
           (long long)(int8_t)p);
    printf("sum=%u\n", sum);
    return (int)(sum & 0x7f);
}
