/* Control transfer: every branch condition over edge values (taken and not
 * taken), jal/jalr links incl. jalr with rd == rs1, indirect calls through a
 * table, a hot loop that runs the same blocks many times, recursion. */
#include "common.h"

#define BR(name, insn)                                                           \
	static uint64_t name(uint64_t a, uint64_t b) {                               \
		uint64_t r;                                                              \
		__asm__ volatile(insn " %1, %2, 1f\n\tli %0, 0\n\tj 2f\n1:\tli %0, 1\n2:" \
		                 : "=&r"(r) : "r"(a), "r"(b));                            \
		return r;                                                                \
	}
BR(beq, "beq") BR(bne, "bne") BR(blt, "blt") BR(bge, "bge") BR(bltu, "bltu") BR(bgeu, "bgeu")

/* jalr whose target register is also its link register. */
static uint64_t jalr_same(void) {
	uint64_t r, link;
	__asm__ volatile("la %0, 1f\n\tjalr %0, 0(%0)\n\tnop\n1:\tla %1, 1b\n\tsub %0, %0, %1"
	                 : "=&r"(r), "=&r"(link));
	return r; /* link - target: -(distance of the 2 skipped bytes or 4) */
}

/* jalr with an odd target: bit 0 is cleared. */
static uint64_t jalr_odd(void) {
	uint64_t r;
	__asm__ volatile("la %0, 1f\n\taddi %0, %0, 1\n\tjalr x0, 0(%0)\n\tli %0, 7\n\tj 2f\n"
	                 "1:\tli %0, 9\n2:"
	                 : "=&r"(r));
	return r;
}

static uint64_t f0(uint64_t x) { return x * 3; }
static uint64_t f1(uint64_t x) { return x ^ 0x55; }
static uint64_t f2(uint64_t x) { return x >> 1; }
static uint64_t (*const tab[])(uint64_t) = {f0, f1, f2};

static uint64_t fib(uint64_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int main(void) {
	TEST_RR(beq) TEST_RR(bne) TEST_RR(blt) TEST_RR(bge) TEST_RR(bltu) TEST_RR(bgeu)
	printf("jalr_same %llx jalr_odd %llx\n", (unsigned long long)jalr_same(),
	       (unsigned long long)jalr_odd());
	uint64_t acc = 1;
	for (volatile int i = 0; i < 300000; i++)
		acc = tab[(acc + i) % 3](acc) + i;
	printf("indirect %llx fib %llu\n", (unsigned long long)acc, (unsigned long long)fib(24));
	return 0;
}
