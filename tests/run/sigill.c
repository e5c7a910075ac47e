/* An illegal instruction: the all-zero word (.word 0 is defined to be
 * illegal in every RISC-V encoding space). SIGILL, exit status 132.
 * test: stats-exempt (ends in a fault right away) */
#include <stdio.h>

int main(void)
{
    printf("executing .word 0\n");
    fflush(stdout);
    __asm__ volatile(".word 0");
    printf("not reached\n");
    return 0;
}
