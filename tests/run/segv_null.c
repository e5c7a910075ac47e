/* A store through a NULL pointer: SIGSEGV, exit status 139.
 * test: stats-exempt (ends in a fault right away) */
#include <stdio.h>

int main(void)
{
    printf("storing to NULL\n");
    fflush(stdout);
    volatile int *volatile p = 0;
    *p = 42;
    printf("not reached\n");
    return 0;
}
