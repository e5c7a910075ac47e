/* Shifts and rotates: arithmetic vs logical right shifts, shift amounts at the
 * edges (0, 31, 32, 63), 32-bit "W" forms that sign-extend their result, and
 * rotate idioms that gcc turns into ror/rol when Zbb is on. */
#include <stdint.h>
#include <stdio.h>

static uint64_t rotl64(uint64_t x, unsigned n) { n &= 63; return n ? (x << n) | (x >> (64 - n)) : x; }
static uint32_t rotr32(uint32_t x, unsigned n) { n &= 31; return n ? (x >> n) | (x << (32 - n)) : x; }

int main(void)
{
    volatile int64_t vals[] = {0, 1, -1, 0x7fffffffffffffffLL, INT64_MIN, 0x123456789abcdef0LL,
                               -0x0123456789abcdefLL, 0x80000000LL, 0xffffffffLL};
    volatile unsigned amts[] = {0, 1, 7, 31, 32, 33, 63};
    uint64_t acc = 0;
    for (unsigned i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        for (unsigned j = 0; j < sizeof amts / sizeof amts[0]; j++) {
            int64_t v = vals[i];
            unsigned s = amts[j];
            int64_t sra = v >> s;
            uint64_t srl = (uint64_t)v >> s;
            uint64_t sll = (uint64_t)v << s;
            int32_t w = (int32_t)v;
            unsigned s5 = s & 31;
            int32_t sraw = w >> s5;
            uint32_t srlw = (uint32_t)w >> s5;
            int32_t sllw = (int32_t)((uint32_t)w << s5);
            printf("%016llx %2u: %016llx %016llx %016llx | %08x %08x %08x | %016llx %08x\n",
                   (unsigned long long)v, s, (unsigned long long)sra, (unsigned long long)srl,
                   (unsigned long long)sll, (unsigned)sraw, srlw, (unsigned)sllw,
                   (unsigned long long)rotl64(v, s), rotr32(w, s));
            /* the W results must be sign-extended when widened */
            int64_t wide = sllw;
            acc = acc * 31 + (uint64_t)wide + sra + srl;
        }
    }
    printf("acc=%016llx\n", (unsigned long long)acc);
    /* sign extension from odd widths */
    volatile uint64_t raw = 0xfedcba9876543210ULL;
    printf("%lld %lld %lld %llu\n", (long long)(int8_t)raw, (long long)(int16_t)(raw >> 8),
           (long long)(int32_t)(raw >> 4), (unsigned long long)(uint32_t)(raw >> 36));
    return 0;
}
