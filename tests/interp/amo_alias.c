/* The A extension where operands alias and where the address is bad:
 * rd equal to rs1 or rs2 (the old value still comes from memory and the
 * stored one from rs2), an SC without a reservation to an unmapped
 * address (fails with 1, touches nothing, no fault), LR and a failing SC
 * on a read-only page.  The faults themselves are segv_amo_ro.c and
 * bus_amo.c. */
#include "common.h"
#include <sys/mman.h>

int main(void) {
	int64_t cell = 40;
	uint64_t r = 2, p = (uint64_t)&cell;
	__asm__ volatile("amoadd.d %0, %0, (%1)" : "+r"(r) : "r"(&cell) : "memory");
	printf("rd=rs2: old %lld mem %lld\n", (long long)r, (long long)cell);
	r = p;
	__asm__ volatile("amoswap.d %0, %1, (%0)" : "+r"(r) : "r"(7L) : "memory");
	printf("rd=rs1: old %lld mem %lld\n", (long long)r, (long long)cell);
	int32_t w = -3;
	r = (uint64_t)&w;
	__asm__ volatile("amomaxu.w %0, %0, (%0)" : "+r"(r) : : "memory");
	printf("rd=rs1=rs2 maxu.w: mem %x\n", (unsigned)w);
	r = 9;
	__asm__ volatile("lr.d %0, (%1)\n\tsc.d %0, %0, (%1)" : "+r"(r) : "r"(&cell) : "memory");
	printf("sc rd=rs2: %lld mem %lld\n", (long long)r, (long long)cell);

	/* no reservation: SC to page 0 and to a mapped-then-unmapped page */
	uint64_t z = 0, ok;
	__asm__ volatile("sc.d %0, %2, (%1)" : "=&r"(ok) : "r"(z), "r"(1L) : "memory");
	printf("sc to 0: %lld\n", (long long)ok);
	char *m = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(m, 4096);
	__asm__ volatile("sc.w %0, %2, (%1)" : "=&r"(ok) : "r"(m), "r"(1L) : "memory");
	printf("sc to unmapped: %lld\n", (long long)ok);

	/* read-only page: LR reads, an SC without reservation fails quietly */
	static const int64_t ro = 0x1234;
	uint64_t v;
	__asm__ volatile("lr.d %0, (%1)" : "=&r"(v) : "r"(&ro) : "memory");
	__asm__ volatile("sc.d %0, %2, (%1)" : "=&r"(ok) : "r"(&ro + 1), "r"(1L) : "memory");
	printf("ro: lr %llx, sc elsewhere %lld\n", (unsigned long long)v, (long long)ok);
	return 0;
}
