/* The cycle and instret counters, read from user mode, advance across work
 * done in translated code: rv2wasm keeps translated code counting the
 * instructions it retires when the program reads them (compiler/cfg/fenv.c),
 * and rt answers both with that count.  qemu-user answers with the host's
 * cycle counter, so only comparisons are printed. */
#include <stdint.h>
#include <stdio.h>

static inline uint64_t rdcycle(void) { uint64_t v; __asm__ volatile("rdcycle %0" : "=r"(v)); return v; }
static inline uint64_t rdinstret(void) { uint64_t v; __asm__ volatile("rdinstret %0" : "=r"(v)); return v; }

static volatile uint64_t sink;

static uint64_t work(int n)
{
    uint64_t x = 1;
    for (int k = 0; k < n; k++)
        x = x * 6364136223846793005ull + 1442695040888963407ull;
    return x;
}

int main(void)
{
    uint64_t c0 = rdcycle(), i0 = rdinstret();
    sink = work(200000);
    uint64_t c1 = rdcycle(), i1 = rdinstret();
    sink = work(1000);
    uint64_t c2 = rdcycle(), i2 = rdinstret();
    printf("x=%llx\n", (unsigned long long)sink);
    printf("cycle advances=%d,%d\n", c1 > c0, c2 > c1);
    printf("instret advances=%d,%d\n", i1 > i0, i2 > i1);
    return 0;
}
