/* A store into the program's own text faults: SIGSEGV, exit status 139. */
#include <stdio.h>
int main(void) {
	printf("before\n");
	fflush(stdout);
	*(volatile int *)(void *)main = 0;
	printf("after\n");
	return 0;
}
