/* Bit-fields: signed and unsigned fields of odd widths, fields straddling
 * byte boundaries, read-modify-write of neighbours, sign extension when read,
 * a 64-bit base type, and a union view of the raw bits. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct flags {
    unsigned a : 3;
    signed b : 5;
    unsigned c : 12;
    signed d : 7;
    unsigned e : 1;
    unsigned f : 4;
};

struct wide {
    uint64_t lo : 40;
    int64_t mid : 20;
    uint64_t hi : 4;
};

union view { struct flags f; uint32_t raw; };

int main(void)
{
    volatile uint32_t all_ones = ~0u;
    volatile uint64_t wide_ones = 0xfffffffffffULL;
    union view v;
    memset(&v, 0, sizeof v);
    v.f.a = 5; v.f.b = -9; v.f.c = 4000; v.f.d = -64; v.f.e = 1; v.f.f = 15;
    printf("raw=%08x a=%u b=%d c=%u d=%d e=%u f=%u size=%zu\n", v.raw, v.f.a, v.f.b, v.f.c, v.f.d, v.f.e, v.f.f,
           sizeof(struct flags));
    v.f.a += 4;  /* wraps mod 8 */
    v.f.b += 20; /* -9 + 20 = 11 fits */
    v.f.c = all_ones; /* unsigned: truncated to 12 bits (well defined) */
    v.f.d = 63;
    printf("raw=%08x a=%u b=%d c=%u d=%d\n", v.raw, v.f.a, v.f.b, v.f.c, v.f.d);
    struct wide w = {0};
    w.lo = wide_ones; /* truncated to 40 bits */
    w.mid = -200000;  /* fits in 20 signed bits */
    w.hi = 9;
    uint64_t raw;
    memcpy(&raw, &w, 8);
    printf("lo=%llx mid=%lld hi=%u raw=%016llx\n", (unsigned long long)w.lo, (long long)w.mid, (unsigned)w.hi,
           (unsigned long long)raw);
    /* many increments through the fields */
    struct flags arr[16];
    memset(arr, 0, sizeof arr);
    for (int i = 0; i < 1000; i++) {
        struct flags *p = &arr[i % 16];
        p->a++;
        p->c += i;
        p->f ^= i;
        p->e = !p->e;
        p->b = (signed)(p->b + 1 > 15 ? -16 : p->b + 1);
    }
    uint32_t h = 0;
    for (int i = 0; i < 16; i++) {
        uint32_t r;
        memcpy(&r, &arr[i], 4);
        h = h * 16777619u ^ r;
        if (i < 4) printf("arr[%d] a=%u b=%d c=%u e=%u f=%u\n", i, arr[i].a, arr[i].b, arr[i].c, arr[i].e, arr[i].f);
    }
    printf("h=%08x\n", h);
    return 0;
}
