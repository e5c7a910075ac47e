/* A loop looks each byte it steps over up in a table of words: the
 * table's base stays in a register, the index is a loaded byte times 4
 * (0..1020 bytes in).  Translated code checks the whole table's window
 * once for as many iterations as it likes; here the table's second half
 * lies on a page the program unmapped, so a byte of 128 or more must
 * fault, exit 139, on the iteration that reads it -- after walks over the
 * mapped table and a walk whose bytes stay below 128 print their sums. */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

static long __attribute__((noinline)) walk(const unsigned char *p, const unsigned *tab, long n)
{
    const unsigned char *e = p + n;
    long s = 0;

    __asm__ volatile(
        "1: lbu  t0, 0(%[p])\n"
        "   slli t0, t0, 2\n"
        "   add  t1, %[tab], t0\n"
        "   lwu  t2, 0(t1)\n"
        "   add  %[s], %[s], t2\n"
        "   slli %[s], %[s], 1\n"
        "   addi %[p], %[p], 1\n"
        "   bne  %[p], %[e], 1b\n"
        : [s] "+r"(s), [p] "+r"(p)
        : [e] "r"(e), [tab] "r"(tab)
        : "t0", "t1", "t2", "memory");
    return s;
}

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    unsigned char *m = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    unsigned *tab = (unsigned *)(m + 2 * pg - 512); /* entries 128.. on the third page */
    unsigned char *in = m;

    if (m == MAP_FAILED)
        return 1;
    for (int i = 0; i < 128; i++)
        tab[i] = (unsigned)(i * 2654435761u);
    for (long i = 0; i < pg; i++)
        in[i] = (unsigned char)((i * 37 + 11) & 127);
    /* While the whole table is mapped, the window check passes: many
     * walks run on it, and then it must not outlive the munmap. */
    long w = 0;
    for (int k = 0; k < 1000; k++)
        w += walk(in, tab, pg);
    printf("walk 0: %ld\n", w);
    if (munmap(m + 2 * pg, pg))
        return 2;
    printf("walk 1: %ld\n", walk(in, tab, pg));
    fflush(stdout);
    in[300] = 200; /* entry 200 is unmapped */
    printf("walk 2: %ld\n", walk(in, tab, pg));
    return 0;
}
