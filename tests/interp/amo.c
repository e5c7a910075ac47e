/* The A extension by hand: every AMO in .w and .d form over edge values
 * (old value sign-extended for .w), LR/SC success, SC failing for lack of
 * a reservation and for a different address.  Not tested: SC after a
 * syscall, which Linux fails and qemu-riscv64 lets succeed. */
#include "common.h"

#define AMO(name, insn, T)                                                       \
	static uint64_t name(uint64_t m, uint64_t v) {                               \
		T cell = (T)m;                                                           \
		uint64_t old;                                                            \
		__asm__ volatile(insn " %0, %2, (%1)" : "=r"(old) : "r"(&cell), "r"(v) : "memory"); \
		return old ^ ((uint64_t)cell << 1);                                      \
	}
AMO(swap_w, "amoswap.w", int32_t) AMO(add_w, "amoadd.w", int32_t)
AMO(xor_w, "amoxor.w", int32_t) AMO(and_w, "amoand.w.aq", int32_t)
AMO(or_w, "amoor.w.rl", int32_t) AMO(min_w, "amomin.w", int32_t)
AMO(max_w, "amomax.w", int32_t) AMO(minu_w, "amominu.w", int32_t)
AMO(maxu_w, "amomaxu.w.aqrl", int32_t)
AMO(swap_d, "amoswap.d", int64_t) AMO(add_d, "amoadd.d", int64_t)
AMO(xor_d, "amoxor.d", int64_t) AMO(and_d, "amoand.d", int64_t)
AMO(or_d, "amoor.d", int64_t) AMO(min_d, "amomin.d", int64_t)
AMO(max_d, "amomax.d", int64_t) AMO(minu_d, "amominu.d", int64_t)
AMO(maxu_d, "amomaxu.d", int64_t)

static uint64_t lr_w(uint64_t m, uint64_t v) {
	int32_t cell = (int32_t)m;
	uint64_t r, ok;
	__asm__ volatile("lr.w %0, (%2)\n\tsc.w %1, %3, (%2)"
	                 : "=&r"(r), "=&r"(ok) : "r"(&cell), "r"(v) : "memory");
	return r ^ (ok << 60) ^ ((uint64_t)(uint32_t)cell << 1);
}
static uint64_t lr_d(uint64_t m, uint64_t v) {
	int64_t cell = (int64_t)m;
	uint64_t r, ok;
	__asm__ volatile("lr.d.aqrl %0, (%2)\n\tsc.d.rl %1, %3, (%2)"
	                 : "=&r"(r), "=&r"(ok) : "r"(&cell), "r"(v) : "memory");
	return r ^ (ok << 60) ^ ((uint64_t)cell << 1);
}

int main(void) {
	TEST_RR(swap_w) TEST_RR(add_w) TEST_RR(xor_w) TEST_RR(and_w) TEST_RR(or_w)
	TEST_RR(min_w) TEST_RR(max_w) TEST_RR(minu_w) TEST_RR(maxu_w)
	TEST_RR(swap_d) TEST_RR(add_d) TEST_RR(xor_d) TEST_RR(and_d) TEST_RR(or_d)
	TEST_RR(min_d) TEST_RR(max_d) TEST_RR(minu_d) TEST_RR(maxu_d)
	TEST_RR(lr_w) TEST_RR(lr_d)

	/* SC without a reservation (the previous SC consumed it). */
	int64_t a = 5, b = 6;
	uint64_t r1, r2, r3;
	__asm__ volatile("lr.d %0, (%3)\n\tsc.d %1, %4, (%3)\n\tsc.d %2, %4, (%3)"
	                 : "=&r"(r1), "=&r"(r2), "=&r"(r3) : "r"(&a), "r"(77L) : "memory");
	printf("sc twice: lr %lld sc %lld sc %lld mem %lld\n", (long long)r1, (long long)r2,
	       (long long)r3, (long long)a);
	/* SC to another address than the LR's. */
	__asm__ volatile("lr.d %0, (%2)\n\tsc.d %1, %4, (%3)"
	                 : "=&r"(r1), "=&r"(r2) : "r"(&a), "r"(&b), "r"(88L) : "memory");
	printf("sc elsewhere: %lld a %lld b %lld\n", (long long)r2, (long long)a, (long long)b);
	return 0;
}
