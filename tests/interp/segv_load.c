/* A load from an unmapped page (NULL + 8) faults: exit status 139. */
#include <stdio.h>
int main(void) {
	printf("before\n");
	fflush(stdout);
	printf("%d\n", *(volatile int *)8);
	return 0;
}
