/* Code that ran once and was then unmapped: calling it again faults on the
 * fetch (SIGSEGV, exit status 139), however the code was cached. */
#include <stdio.h>
#include <sys/mman.h>

int main(void) {
	unsigned *buf = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
	                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long (*fn)(void) = (long (*)(void))buf;
	buf[0] = 0x02a00513; /* addi a0, zero, 42 */
	buf[1] = 0x00008067; /* ret */
	__asm__ volatile("fence.i" ::: "memory");
	printf("first %ld\n", fn());
	fflush(stdout);
	munmap(buf, 4096);
	printf("second %ld\n", fn());
	return 0;
}
