/* A loop looks each byte it steps over up in a global table whose
 * address it builds from constants (lui, then the low part as the load's
 * offset), so the table's window is fixed.  The program unmaps the page
 * that holds the table's upper half: translated code, which checks the
 * window once for many iterations, must still fault, exit 139, on the
 * iteration that first reads an entry there -- after walks over the
 * mapped table and a walk over bytes below 128 print their sums. */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

/* 128 words at the end of one page, 128 at the start of the next */
static unsigned tabs[2048] __attribute__((aligned(8192)));
#define TAB (tabs + 1024 - 128)

static long __attribute__((noinline)) walk(const unsigned char *p, long n)
{
    const unsigned char *e = p + n;
    long s = 0;

    __asm__ volatile(
        "1: lbu  t0, 0(%[p])\n"
        "   andi t0, t0, 255\n"
        "   slli t0, t0, 2\n"
        "   lui  t1, %%hi(tabs + 3584)\n"
        "   add  t1, t1, t0\n"
        "   lwu  t2, %%lo(tabs + 3584)(t1)\n"
        "   xor  %[s], %[s], t2\n"
        "   slli %[s], %[s], 3\n"
        "   addi %[p], %[p], 1\n"
        "   bne  %[p], %[e], 1b\n"
        : [s] "+r"(s), [p] "+r"(p)
        : [e] "r"(e)
        : "t0", "t1", "t2", "memory");
    return s;
}

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    static unsigned char in[4096];

    if (pg != 4096 || (void *)TAB != (void *)((char *)tabs + 3584))
        return 1;
    for (int i = 0; i < 128; i++)
        TAB[i] = (unsigned)(i * 2654435761u);
    for (int i = 0; i < 4096; i++)
        in[i] = (unsigned char)((i * 53 + 7) & 127);
    /* While the whole table is mapped, the window check passes: many
     * walks run on it, and then it must not outlive the munmap. */
    long w = 0;
    for (int k = 0; k < 1000; k++)
        w += walk(in, 4096);
    printf("walk 0: %ld\n", w);
    if (munmap((char *)tabs + 4096, 4096))
        return 2;
    printf("walk 1: %ld\n", walk(in, 4096));
    fflush(stdout);
    in[1000] = 131;
    printf("walk 2: %ld\n", walk(in, 4096));
    return 0;
}
