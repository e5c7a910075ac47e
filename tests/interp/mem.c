/* Loads and stores of every width, signed and unsigned, at every alignment,
 * including accesses that straddle a page boundary of an mmap'd region,
 * FP loads/stores, and stack/global/heap addresses. */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "common.h"

#define LD(name, insn)                                                           \
	static uint64_t name(const uint8_t *p) {                                     \
		uint64_t r;                                                              \
		__asm__ volatile(insn " %0, 0(%1)" : "=r"(r) : "r"(p) : "memory");        \
		return r;                                                                \
	}
#define ST(name, insn)                                                           \
	static void name(uint8_t *p, uint64_t v) {                                   \
		__asm__ volatile(insn " %1, 0(%0)" : : "r"(p), "r"(v) : "memory");        \
	}
LD(lb, "lb") LD(lbu, "lbu") LD(lh, "lh") LD(lhu, "lhu") LD(lw, "lw") LD(lwu, "lwu") LD(ld, "ld")
ST(sb, "sb") ST(sh, "sh") ST(sw, "sw") ST(sd, "sd")

static uint64_t flw_fsw(uint8_t *src, uint8_t *dst) {
	uint64_t bits;
	__asm__ volatile("flw ft0, 0(%1)\n\tfsw ft0, 0(%2)\n\tfmv.x.d %0, ft0"
	                 : "=r"(bits) : "r"(src), "r"(dst) : "ft0", "memory");
	return bits;
}
static uint64_t fld_fsd(uint8_t *src, uint8_t *dst) {
	uint64_t bits;
	__asm__ volatile("fld ft0, 0(%1)\n\tfsd ft0, 0(%2)\n\tfmv.x.d %0, ft0"
	                 : "=r"(bits) : "r"(src), "r"(dst) : "ft0", "memory");
	return bits;
}

static void walk(const char *what, uint8_t *p) {
	for (int i = 0; i < 32; i++)
		p[i] = (uint8_t)(0x80 + i * 7);
	for (int o = 0; o < 9; o++)
		printf("%s +%d: %llx %llx %llx %llx %llx %llx %llx\n", what, o,
		       (unsigned long long)lb(p + o), (unsigned long long)lbu(p + o),
		       (unsigned long long)lh(p + o), (unsigned long long)lhu(p + o),
		       (unsigned long long)lw(p + o), (unsigned long long)lwu(p + o),
		       (unsigned long long)ld(p + o));
	for (int o = 0; o < 9; o++) {
		memset(p, 0, 32);
		sb(p + o, 0x1122334455667788);
		sh(p + o + 1, 0x99aabbccddeeff01);
		sw(p + o + 3, 0xdeadbeefcafef00d);
		sd(p + o + 7, 0x0123456789abcdef);
		printf("%s st+%d:", what, o);
		for (int i = 0; i < 24; i++)
			printf(" %02x", p[i]);
		printf("\n");
	}
	for (int o = 0; o < 8; o++) {
		p[16] = 0x12; p[17] = 0x34; p[18] = 0x56; p[19] = 0x78;
		memcpy(p + o, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
		uint64_t s = flw_fsw(p + o, p + 20), d = fld_fsd(p + o, p + 20 + (o & 3));
		printf("%s fp+%d: %llx %llx\n", what, o, (unsigned long long)s, (unsigned long long)d);
	}
}

static uint8_t global_buf[64];

int main(void) {
	uint8_t stack_buf[64];
	uint8_t *heap = malloc(100);
	walk("stack", stack_buf);
	walk("global", global_buf);
	walk("heap", heap);
	uint8_t *m = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	walk("straddle", m + 4096 - 12);
	walk("mmap-end", m + 8192 - 32);
	return 0;
}
