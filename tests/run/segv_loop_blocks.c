/* A loop of several blocks (a switch on the step) that reaches one page
 * through the same walking pointer from each of them; on one path, a call
 * unmaps the page.  Translated code shares one remembered page between the
 * blocks of a loop and must forget it at the call: the next access after
 * it faults, SIGSEGV, exit 139.  */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    long pg = sysconf(_SC_PAGESIZE), sum = 0;
    char *m = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *q = m;

    if (m == MAP_FAILED)
        return 1;
    (void)argv;
    for (long i = 0; i < 2 * pg; i++)
        m[i] = (char)(i * 13 + 1);
    for (long i = 0; i < 3 * pg; i++, q++) {
        if (q == m + 4000)
            q = m;
        switch (i % 3) {
        case 0: sum += q[0]; break;
        case 1: q[1] = (char)(sum + i); break;
        default:
            sum ^= q[2];
            if (i == 5000) { /* not unrolled: argc is not known */
                printf("sum=%ld\n", sum);
                fflush(stdout);
                printf("munmap=%d\n", munmap(m, pg * argc));
                fflush(stdout);
            }
            break;
        }
    }
    printf("after=%ld\n", sum);
    return 0;
}
