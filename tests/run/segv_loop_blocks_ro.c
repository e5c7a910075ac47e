/* A read-only page read through one walking pointer from the blocks of
 * a loop (a switch on the step), twice; in the third round one block also
 * stores through it.  Translated code shares a remembered page between the
 * blocks of a loop, but never lets one checked for reading pass a store:
 * SIGSEGV, exit 139, at that store. */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

static long __attribute__((noinline)) reads(const char *p, long n, int k, int last)
{
    long sum = 0;
    const char *q = p;

    for (long i = 0; i < n; i++, q++) {
        if (q == p + 4000)
            q = p;
        if (last && i == n - 7) /* into the read-only page */
            ((char *)q)[3] = 1;
        switch ((i + k) % 4) {
        case 0: sum += q[0]; break;
        case 1: sum ^= q[1] << 3; break;
        case 2: sum -= q[2]; break;
        default:
            sum += q[3] * 5;
            break;
        }
    }
    return sum;
}

int main(int argc, char **argv)
{
    long pg = sysconf(_SC_PAGESIZE);
    char *m = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (m == MAP_FAILED)
        return 1;
    (void)argv;
    for (long i = 0; i < pg; i++)
        m[i] = (char)(i * 13 + 1);
    if (mprotect(m, pg, PROT_READ))
        return 2;
    for (int k = 0; k < 3; k++) {
        printf("reads %d=%ld\n", k, reads(m, 3000 + 1000 * k, k + argc, k == 2));
        fflush(stdout);
    }
    return 0;
}
