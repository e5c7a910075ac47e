/* A store into the unmapped region just past the end of the heap (the
 * program break plus 16 MiB, page aligned), between the heap and the mmap
 * area: SIGSEGV, exit 139.
 * test: stats-exempt (ends in a fault right away) */
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    uintptr_t brk_end = (uintptr_t)sbrk(0);
    printf("storing past the break\n");
    fflush(stdout);
    volatile char *volatile p = (char *)((brk_end + (16u << 20)) & ~(uintptr_t)4095);
    *p = 1;
    printf("not reached\n");
    return 0;
}
