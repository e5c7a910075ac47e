/* Large stack frames: a 256 KiB local array, a 128 KiB array in a recursive
 * function eight levels deep (1 MiB of stack), and alloca; each frame filled
 * and checked so the stack pointer arithmetic must be right. */
#include <alloca.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

__attribute__((noinline)) static uint64_t level(int n, uint64_t seed)
{
    volatile uint32_t buf[32768]; /* 128 KiB */
    for (int i = 0; i < 32768; i++) buf[i] = (uint32_t)(seed * (i + 1) + n);
    uint64_t below = n ? level(n - 1, seed * 6364136223846793005ULL + 1) : 0;
    uint64_t h = below;
    for (int i = 0; i < 32768; i += 97) h = h * 31 + buf[i];
    return h ^ buf[32767];
}

__attribute__((noinline)) static uint64_t big(void)
{
    volatile unsigned char a[256 << 10];
    for (size_t i = 0; i < sizeof a; i++) a[i] = (unsigned char)(i ^ (i >> 9));
    uint64_t h = 0;
    for (size_t i = 0; i < sizeof a; i += 511) h = h * 131 + a[i];
    return h;
}

__attribute__((noinline)) static uint64_t with_alloca(size_t n)
{
    unsigned char *p = alloca(n);
    memset(p, 0xab, n);
    p[n / 2] = 1;
    uint64_t h = 0;
    for (size_t i = 0; i < n; i += 1000) h += p[i];
    return h + p[n / 2];
}

int main(void)
{
    printf("big=%llx\n", (unsigned long long)big());
    printf("levels=%llx\n", (unsigned long long)level(8, 12345));
    printf("alloca=%llu\n", (unsigned long long)with_alloca(300000));
    return 0;
}
