/* A loop that is one block jumping to itself, whose only way out is a
 * fault: it stores through a stepping pointer until it reaches a page it
 * may not write.  Translated code runs such a loop with a countdown, in a
 * loop of its own inside the block's code (its refill outside it); the
 * fault must still come at the page that is not writable, exit 139, after
 * the loop crossed pages (each crossing refills the countdown). */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

static void __attribute__((noinline)) fill(long *p, long v)
{
    /* in assembly, so that every -O level keeps the loop one block */
    __asm__ volatile(
        "1: sd   %[v], 0(%[p])\n"
        "   addi %[v], %[v], 3\n"
        "   addi %[p], %[p], 8\n"
        "   j    1b\n"
        : [p] "+r"(p), [v] "+r"(v)
        :
        : "memory");
}

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    char *m = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (m == MAP_FAILED)
        return 1;
    /* the third page readable only, the fourth gone */
    if (mprotect(m + 2 * pg, pg, PROT_READ) || munmap(m + 3 * pg, pg))
        return 2;
    printf("filling from +%ld\n", 8 * 37L);
    fflush(stdout);
    fill((long *)(m + 8 * 37), 1);
    printf("not reached\n");
    return 0;
}
