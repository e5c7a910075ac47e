/* Code written at run time: instructions stored into an RWX mmap buffer,
 * fence.i, called; then rewritten in place, fence.i again, called again
 * (a decoded-code cache must not keep the old bytes); then a loop that
 * rewrites and calls many times. */
#include <string.h>
#include <sys/mman.h>

#include "common.h"

/* addi a0, zero, imm; ret (jalr zero, 0(ra)) */
static void gen(uint32_t *p, int imm) {
	p[0] = ((uint32_t)(imm & 0xfff) << 20) | (10 << 7) | 0x13;
	p[1] = 0x00008067;
}

int main(void) {
	uint32_t *buf = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
	                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long (*fn)(void) = (long (*)(void))buf;
	long sum = 0;
	gen(buf, 42);
	__asm__ volatile("fence.i" ::: "memory");
	printf("first %ld\n", fn());
	gen(buf, -7);
	__asm__ volatile("fence.i" ::: "memory");
	printf("second %ld\n", fn());
	for (int i = 0; i < 1000; i++) {
		gen(buf, i);
		__asm__ volatile("fence.i" ::: "memory");
		sum += fn();
	}
	printf("sum %ld\n", sum);
	return 0;
}
