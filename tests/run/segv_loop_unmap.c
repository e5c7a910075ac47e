/* A loop that walks a page, then the same loop after the page is unmapped
 * (translated code remembers checked pages inside a loop and must forget
 * them at every call out), then a walk across into an unmapped page.
 * Ends in SIGSEGV, exit 139, at the first store of the second round. */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

static long walk(char *p, long n, int round)
{
    long sum = 0;
    for (long i = 0; i < n; i++) {
        p[i] = (char)(i + round);
        sum += p[i];
    }
    return sum;
}

int main(int argc, char **argv)
{
    long pg = sysconf(_SC_PAGESIZE);
    char *m = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) return 1;
    (void)argv;
    /* in main itself, so that both rounds run in one invocation of the
     * translated function */
    for (int round = 0; round < argc + 1; round++) { /* 2 rounds, not unrolled */
        long sum = 0;
        for (long i = 0; i < pg; i++) {
            m[i] = (char)(i * 7 + round);
            sum += m[i];
        }
        printf("round %d sum=%ld\n", round, sum);
        fflush(stdout);
        if (round == 0)
            printf("munmap first=%d\n", munmap(m, pg)), fflush(stdout);
    }
    printf("walk=%ld\n", walk(m + pg, 2 * pg, 1));
    return 0;
}
