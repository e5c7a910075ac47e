/* An all-zero instruction word is illegal: SIGILL, exit status 132. */
#include <stdio.h>
int main(void) {
	printf("before\n");
	fflush(stdout);
	__asm__ volatile(".4byte 0");
	printf("after\n");
	return 0;
}
