/* A misaligned AMO is not emulated as plain misaligned accesses are: the
 * program gets the signal Linux and qemu-riscv64 give it. */
#include <stdio.h>
static long cells[2];
int main(void) {
	long old;
	printf("before\n");
	fflush(stdout);
	__asm__ volatile("amoadd.w %0, %2, (%1)" : "=r"(old) : "r"((char *)cells + 2), "r"(1L) : "memory");
	printf("after %ld\n", old);
	return 0;
}
