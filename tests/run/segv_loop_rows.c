/* A stencil-like loop reads two rows through bases the loop computes with
 * add and sub (s + j - row, s + j + row), one register for both.  Translated code remembers the page each of them last checked;
 * the row below walks off the mapping into an unmapped page and must
 * fault there, exit 139, after a first walk that stays inside prints its
 * sum. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

/* In assembly, so that every -O level keeps the adds inside the loop
 * (gcc would step two pointers instead). */
static long rows(const long *s, long row, long n)
{
    long t = 0, j = 0;
    __asm__ volatile(
        "1: slli t0, %[j], 3\n"
        "   add  t0, t0, %[s]\n"
        "   sub  t1, t0, %[rb]\n"   /* the row above */
        "   ld   t2, 0(t1)\n"
        "   add  t1, t0, %[rb]\n"   /* the row below: t1 again */
        "   ld   t3, 0(t1)\n"
        "   slli t2, t2, 1\n"
        "   add  %[t], %[t], t2\n"
        "   add  %[t], %[t], t3\n"
        "   addi %[j], %[j], 1\n"
        "   blt  %[j], %[n], 1b\n"
        : [t] "+r"(t), [j] "+r"(j)
        : [s] "r"(s), [rb] "r"(row * 8), [n] "r"(n)
        : "t0", "t1", "t2", "t3", "memory");
    return t;
}

int main(int argc, char **argv)
{
    long pg = sysconf(_SC_PAGESIZE);
    long row = (argc > 5 ? atol(argv[1]) : pg / 16); /* longs: half a page */
    long *m = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) return 1;
    printf("munmap last=%d\n", munmap((char *)m + 3 * pg, pg));
    for (long i = 0; i < 3 * pg / 8; i++)
        m[i] = i ^ (i >> 3);
    long *s = m + pg / 8; /* the second page */
    printf("rows=%ld\n", rows(s, row, pg / 8 + row)); /* up to the end of the third page */
    fflush(stdout);
    printf("rows=%ld\n", rows(s, row, pg / 8 + row + 1));
    return 0;
}
