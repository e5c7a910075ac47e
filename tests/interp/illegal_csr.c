/* Writing a read-only counter CSR is illegal: SIGILL, exit status 132. */
#include <stdio.h>
int main(void) {
	printf("before\n");
	fflush(stdout);
	__asm__ volatile("csrrsi zero, cycle, 1");
	printf("after\n");
	return 0;
}
