/* An AMO on a read-only page faults like a store: exit status 139. */
#include <stdio.h>
static const long ro = 5;
int main(void) {
	long old;
	printf("before\n");
	fflush(stdout);
	__asm__ volatile("amoadd.d %0, %2, (%1)" : "=r"(old) : "r"(&ro), "r"(1L) : "memory");
	printf("after %ld\n", old);
	return 0;
}
