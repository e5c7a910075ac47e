/* A loop stores through a pointer it steps downwards, from the end of a
 * writable page towards a read-only page below it.  Translated code checks
 * the loop's page once for as many iterations as stay on it; the first
 * store into the read-only page, the last of the second walk, must still
 * fault, exit 139, after a first walk that stops at the page's start
 * prints its sum. */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

static long __attribute__((noinline)) fill_down(long *top, long n)
{
    long *p = top, *e = top - n, s = 0;

    __asm__ volatile(
        "1: addi %[p], %[p], -8\n"
        "   sub  t1, %[p], %[e]\n"
        "   sd   t1, 0(%[p])\n"
        "   ld   t0, 0(%[p])\n"
        "   add  %[s], %[s], t0\n"
        "   bne  %[p], %[e], 1b\n"
        : [s] "+r"(s), [p] "+r"(p)
        : [e] "r"(e)
        : "t0", "t1", "memory");
    return s;
}

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    char *m = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    long *top = (long *)(m + 2 * pg);

    if (m == MAP_FAILED)
        return 1;
    if (mprotect(m, pg, PROT_READ))
        return 2;
    printf("walk 1: %ld\n", fill_down(top, pg / 8));
    fflush(stdout);
    printf("walk 2: %ld\n", fill_down(top, pg / 8 + 1)); /* one more */
    return 0;
}
