/* A loop that reads and writes through a base it computes with add
 * (d + j + off) walks from a writable page into a read-only one.  Each
 * load there is allowed, so translated code must not take the page as
 * checked for the store that follows: the first store into it must
 * fault, exit 139. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

/* In assembly, so that every -O level keeps the add inside the loop. */
static long sum(const long *s, long off, long n)
{
    long t = 0, j = 0;
    __asm__ volatile(
        "1: add  t0, %[j], %[o]\n"
        "   slli t0, t0, 3\n"
        "   add  t0, t0, %[s]\n"
        "   ld   t1, 0(t0)\n"
        "   xor  t1, t1, %[j]\n"
        "   add  %[t], %[t], t1\n"
        "   addi %[j], %[j], 1\n"
        "   blt  %[j], %[n], 1b\n"
        : [t] "+r"(t), [j] "+r"(j)
        : [s] "r"(s), [o] "r"(off), [n] "r"(n)
        : "t0", "t1", "memory");
    return t;
}

static void fill(long *d, long off, long n)
{
    long j = 0;
    __asm__ volatile(
        "1: add  t0, %[j], %[o]\n"
        "   slli t0, t0, 3\n"
        "   add  t0, t0, %[d]\n"
        "   ld   t1, 0(t0)\n"      /* read, then write: the load may pass */
        "   add  t1, t1, %[j]\n"
        "   sd   t1, 0(t0)\n"
        "   addi %[j], %[j], 1\n"
        "   blt  %[j], %[n], 1b\n"
        : [j] "+r"(j)
        : [d] "r"(d), [o] "r"(off), [n] "r"(n)
        : "t0", "t1", "memory");
}

int main(int argc, char **argv)
{
    long pg = sysconf(_SC_PAGESIZE);
    long off = (argc > 5 ? atol(argv[1]) : 3);
    long *m = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) return 1;
    for (long i = 0; i < 2 * pg / 8; i++)
        m[i] = i * 5;
    printf("mprotect=%d\n", mprotect((char *)m + pg, pg, PROT_READ));
    printf("sum=%ld\n", sum(m, off, 2 * pg / 8 - off));
    fill(m, off, pg / 8 - off);
    printf("fill=%ld\n", sum(m, off, 2 * pg / 8 - off));
    fflush(stdout);
    fill(m, off, pg / 8 - off + 1);
    printf("not reached\n");
    return 0;
}
