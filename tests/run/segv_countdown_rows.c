/* A loop reads through a pointer it steps and through a second one it
 * computes from it and a fixed offset each time round (a row below, as a
 * stencil does), with a misaligned access that makes the row's window
 * 12 bytes wide.  Translated code checks both windows once for as many
 * iterations as stay on their pages; the row below must still fault, exit
 * 139, on the iteration whose window first reaches the unmapped page (the
 * last of the second walk), after a first walk that ends exactly at the
 * page's end prints its sum. */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

static long __attribute__((noinline)) walk(const char *p, long off, long n)
{
    const char *e = p + 8 * n;
    long s = 0;

    __asm__ volatile(
        "1: add  t1, %[p], %[off]\n"
        "   ld   t0, 0(%[p])\n"
        "   ld   t2, 4(t1)\n"
        "   add  %[s], %[s], t0\n"
        "   xor  %[s], %[s], t2\n"
        "   addi %[p], %[p], 8\n"
        "   bne  %[p], %[e], 1b\n"
        : [s] "+r"(s), [p] "+r"(p)
        : [e] "r"(e), [off] "r"(off)
        : "t0", "t1", "t2", "memory");
    return s;
}

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    char *m = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    long off = pg + pg / 2;

    if (m == MAP_FAILED)
        return 1;
    for (long i = 0; i < 2 * pg; i++)
        m[i] = (char)(i * 29 + 5);
    if (munmap(m + 2 * pg, pg))
        return 2;
    /* the last window of the first walk ends at m + 2 * pg exactly */
    printf("walk 1: %ld\n", walk(m, off, (pg / 2 - 12) / 8 + 1));
    fflush(stdout);
    printf("walk 2: %ld\n", walk(m, off, (pg / 2 - 12) / 8 + 2)); /* one more */
    return 0;
}
