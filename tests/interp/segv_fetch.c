/* Jumping to an unmapped address faults on the fetch: exit status 139. */
#include <stdio.h>
int main(void) {
	printf("before\n");
	fflush(stdout);
	((void (*)(void))0x1000)();
	printf("after\n");
	return 0;
}
