/* Shared by the tests/interp programs: edge operand values and printing.
 * Every program prints its results so run.sh can compare them with
 * qemu-riscv64's; nothing here checks an expected value itself. */
#include <stdint.h>
#include <stdio.h>

static const uint64_t vals[] = {
	0, 1, 2, 3, 31, 32, 33, 63, 64, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff,
	0x7fffffff, 0x80000000, 0xffffffff, 0x100000000, 0x7fffffffffffffff,
	0x8000000000000000, 0x8000000000000001, 0xffffffffffffffff, 0xfffffffffffffffe,
	0xffffffff80000000, 0x123456789abcdef0, 0xfedcba9876543210, 0x00ff00ff00ff00ff,
	0xaaaaaaaaaaaaaaaa, 0x0000000100000001,
};
#define NVALS (sizeof vals / sizeof vals[0])

/* A binary op over every pair of values, a unary op over every value. */
#define TEST_RR(fn)                                                              \
	for (unsigned i = 0; i < NVALS; i++)                                         \
		for (unsigned j = 0; j < NVALS; j++)                                     \
			printf(#fn " %llx %llx -> %llx\n", (unsigned long long)vals[i],       \
			       (unsigned long long)vals[j], (unsigned long long)fn(vals[i], vals[j]));
#define TEST_R(fn)                                                               \
	for (unsigned i = 0; i < NVALS; i++)                                         \
		printf(#fn " %llx -> %llx\n", (unsigned long long)vals[i],                \
		       (unsigned long long)fn(vals[i]));

/* Functions wrapping one instruction: rd, rs1[, rs2 | imm]. */
#define ASM_RR(name, insn)                                                       \
	static uint64_t name(uint64_t a, uint64_t b) {                               \
		uint64_t r;                                                              \
		__asm__ volatile(insn " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));         \
		return r;                                                                \
	}
#define ASM_R(name, insn)                                                        \
	static uint64_t name(uint64_t a) {                                           \
		uint64_t r;                                                              \
		__asm__ volatile(insn " %0, %1" : "=r"(r) : "r"(a));                     \
		return r;                                                                \
	}
#define ASM_RI(name, insn, imm)                                                  \
	static uint64_t name(uint64_t a) {                                           \
		uint64_t r;                                                              \
		__asm__ volatile(insn " %0, %1, " #imm : "=r"(r) : "r"(a));              \
		return r;                                                                \
	}
