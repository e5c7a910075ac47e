/* ebreak ends the process with SIGTRAP: exit status 133. */
#include <stdio.h>
int main(void) {
	printf("before\n");
	fflush(stdout);
	__asm__ volatile("ebreak");
	printf("after\n");
	return 0;
}
