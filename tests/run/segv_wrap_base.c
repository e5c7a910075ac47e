/* A load whose base register is negative and whose immediate is positive,
 * so the address (base + imm) is 8: page 0, never mapped. Translated code
 * puts the immediate in the access's constant offset and checks base + imm
 * first; the check must fault here (SIGSEGV, exit 139) before the access,
 * whose base alone wraps to near 4 GiB. Loads through the same base with a
 * negative immediate, at valid addresses, work up to the fault.
 * test: stats-exempt (ends in a fault right away) */
#include <stdio.h>
#include <stdint.h>

static long tab[4] = {11, 22, 33, 44};

int main(void)
{
    volatile uintptr_t vb = (uintptr_t)&tab[3];
    uintptr_t b = vb;
    long v;

    __asm__ volatile("ld %0, -16(%1)" : "=r"(v) : "r"(b));
    printf("below base: %ld\n", v);
    fflush(stdout);
    volatile uintptr_t vn = (uintptr_t)-8;
    b = vn;
    __asm__ volatile("ld %0, 16(%1)" : "=r"(v) : "r"(b));
    printf("not reached %ld\n", v);
    return 0;
}
