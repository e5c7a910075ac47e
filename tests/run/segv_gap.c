/* A store into an unmapped hole in the middle of the address space: three
 * pages are mapped, the middle one unmapped again, and the store goes there.
 * SIGSEGV, exit 139. The neighbours stay usable up to the fault.
 * test: stats-exempt (ends in a fault right away) */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    char *m = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) return 1;
    m[0] = 1;
    m[2 * pg] = 2;
    printf("munmap middle=%d\n", munmap(m + pg, pg));
    printf("neighbours %d %d\n", m[0], m[2 * pg]);
    fflush(stdout);
    volatile char *volatile hole = m + pg + 100;
    *hole = 3;
    printf("not reached\n");
    return 0;
}
