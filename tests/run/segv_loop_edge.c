/* A loop that walks off the end of a mapping: the last mapped page is
 * followed by an unmapped one.  Translated code remembers the page a loop
 * checked; the first store past it must still fault, exit 139, with the
 * bytes before it written (the sum printed by a first, shorter walk). */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

static long walk(volatile long *p, long n)
{
    long sum = 0;
    for (long i = 0; i < n; i++) {
        p[i] = i * 3;
        sum += p[i];
    }
    return sum;
}

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    char *m = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) return 1;
    printf("munmap last=%d\n", munmap(m + 2 * pg, pg));
    printf("walk=%ld\n", walk((long *)m, 2 * pg / 8));
    fflush(stdout);
    printf("walk=%ld\n", walk((long *)(m + 8), 2 * pg / 8));
    return 0;
}
