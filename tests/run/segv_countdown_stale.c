/* One inner loop walks a few words of each row, for several rows, in one
 * call: the last row lies on an unmapped page.  Translated code checks a
 * loop's pages only when a countdown of safe iterations runs out, and the
 * countdown of one row must not carry over to the next: the last row
 * must fault, exit 139, after the sums of the others are printed. */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

static long __attribute__((noinline)) sum_rows(long **rows, long nrows, long n)
{
    long t = 0;

    for (long r = 0; r < nrows; r++) {
        const long *p = rows[r], *e = p + n, *last = e - 1;
        long s;

        /* in assembly, so that every -O level keeps the loop one block
         * stepping one pointer */
        __asm__ volatile(
            "   li   %[s], 0\n"
            "1: ld   t0, 0(%[p])\n"
            "   ld   t1, 0(%[last])\n"
            "   add  %[s], %[s], t0\n"
            "   xor  %[s], %[s], t1\n"
            "   addi %[p], %[p], 8\n"
            "   bne  %[p], %[e], 1b\n"
            : [s] "=&r"(s), [p] "+r"(p)
            : [e] "r"(e), [last] "r"(last)
            : "t0", "t1", "memory");
        printf("row %ld: %ld\n", r, s);
        fflush(stdout);
        t += s;
    }
    return t;
}

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    char *m = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    long *rows[4];

    if (m == MAP_FAILED)
        return 1;
    for (long i = 0; i < 2 * pg / 8; i++)
        ((long *)m)[i] = i * 7 + 3;
    if (munmap(m + 2 * pg, pg))
        return 2;
    rows[0] = (long *)m;            /* the start of a page: many safe iterations left */
    rows[1] = (long *)(m + 64);
    rows[2] = (long *)(m + pg + 8);
    rows[3] = (long *)(m + 2 * pg); /* unmapped */
    printf("total %ld\n", sum_rows(rows, 3, 4));
    fflush(stdout);
    printf("total %ld\n", sum_rows(rows, 4, 4));
    return 0;
}
