/* A store to an unmapped address above 4 GiB (0x123456789000, far outside
 * any mapping, and outside a 32-bit Wasm memory): SIGSEGV, exit 139.
 * test: stats-exempt (ends in a fault right away) */
#include <stdint.h>
#include <stdio.h>

int main(void)
{
    printf("storing above 4 GiB\n");
    fflush(stdout);
    volatile uint64_t *volatile p = (uint64_t *)0x123456789000ULL;
    *p = 42;
    printf("not reached\n");
    return 0;
}
