/* RV64I and M register-register and register-immediate ops, one
 * instruction each, over edge values (W forms: 32-bit results sign-extended;
 * division by zero and MIN/-1 overflow; all mulh variants). */
#include "common.h"

ASM_RR(add, "add") ASM_RR(sub, "sub") ASM_RR(sll, "sll") ASM_RR(slt, "slt")
ASM_RR(sltu, "sltu") ASM_RR(xor_, "xor") ASM_RR(srl, "srl") ASM_RR(sra, "sra")
ASM_RR(or_, "or") ASM_RR(and_, "and") ASM_RR(addw, "addw") ASM_RR(subw, "subw")
ASM_RR(sllw, "sllw") ASM_RR(srlw, "srlw") ASM_RR(sraw, "sraw")
ASM_RR(mul, "mul") ASM_RR(mulh, "mulh") ASM_RR(mulhsu, "mulhsu") ASM_RR(mulhu, "mulhu")
ASM_RR(div_, "div") ASM_RR(divu, "divu") ASM_RR(rem, "rem") ASM_RR(remu, "remu")
ASM_RR(mulw, "mulw") ASM_RR(divw, "divw") ASM_RR(divuw, "divuw") ASM_RR(remw, "remw")
ASM_RR(remuw, "remuw")

ASM_RI(addi_0, "addi", 0) ASM_RI(addi_m1, "addi", -1) ASM_RI(addi_max, "addi", 2047)
ASM_RI(addi_min, "addi", -2048) ASM_RI(slti_m1, "slti", -1) ASM_RI(slti_5, "slti", 5)
ASM_RI(sltiu_m1, "sltiu", -1) ASM_RI(sltiu_5, "sltiu", 5) ASM_RI(xori_m1, "xori", -1)
ASM_RI(xori_x, "xori", 0x555) ASM_RI(ori_m, "ori", -2048) ASM_RI(andi_m, "andi", -16)
ASM_RI(andi_f, "andi", 0x7ff) ASM_RI(slli_0, "slli", 0) ASM_RI(slli_1, "slli", 1)
ASM_RI(slli_31, "slli", 31) ASM_RI(slli_32, "slli", 32) ASM_RI(slli_63, "slli", 63)
ASM_RI(srli_1, "srli", 1) ASM_RI(srli_32, "srli", 32) ASM_RI(srli_63, "srli", 63)
ASM_RI(srai_1, "srai", 1) ASM_RI(srai_32, "srai", 32) ASM_RI(srai_63, "srai", 63)
ASM_RI(addiw_0, "addiw", 0) ASM_RI(addiw_1, "addiw", 1) ASM_RI(addiw_m, "addiw", -2048)
ASM_RI(slliw_0, "slliw", 0) ASM_RI(slliw_1, "slliw", 1) ASM_RI(slliw_31, "slliw", 31)
ASM_RI(srliw_0, "srliw", 0) ASM_RI(srliw_1, "srliw", 1) ASM_RI(srliw_31, "srliw", 31)
ASM_RI(sraiw_0, "sraiw", 0) ASM_RI(sraiw_1, "sraiw", 1) ASM_RI(sraiw_31, "sraiw", 31)

static uint64_t lui_auipc(void) {
	uint64_t a, b, c, d;
	__asm__ volatile("lui %0, 0x80000\n\tlui %1, 0x7ffff\n\tlui %2, 0xfffff\n\t"
	                 "1: auipc %3, 0\n\tla %2, 1b\n\tsub %3, %3, %2"
	                 : "=r"(a), "=r"(b), "=&r"(c), "=&r"(d));
	printf("lui %llx %llx auipc-delta %llx\n", (unsigned long long)a,
	       (unsigned long long)b, (unsigned long long)d);
	__asm__ volatile("auipc %0, 0x80000\n\tauipc %1, 0x7ffff\n\tsub %0, %1, %0"
	                 : "=&r"(a), "=&r"(b));
	return a;
}

/* x0 ignores writes, even of loads and of a link register. */
static void x0_writes(void) {
	uint64_t r, mem = 0x1234;
	__asm__ volatile("addi x0, x0, 5\n\tlui x0, 0x12345\n\tld x0, 0(%1)\n\t"
	                 "jal x0, 1f\n1:\n\tmv %0, x0"
	                 : "=r"(r) : "r"(&mem));
	printf("x0 %llx\n", (unsigned long long)r);
}

int main(void) {
	TEST_RR(add) TEST_RR(sub) TEST_RR(sll) TEST_RR(slt) TEST_RR(sltu) TEST_RR(xor_)
	TEST_RR(srl) TEST_RR(sra) TEST_RR(or_) TEST_RR(and_) TEST_RR(addw) TEST_RR(subw)
	TEST_RR(sllw) TEST_RR(srlw) TEST_RR(sraw) TEST_RR(mul) TEST_RR(mulh) TEST_RR(mulhsu)
	TEST_RR(mulhu) TEST_RR(div_) TEST_RR(divu) TEST_RR(rem) TEST_RR(remu) TEST_RR(mulw)
	TEST_RR(divw) TEST_RR(divuw) TEST_RR(remw) TEST_RR(remuw)
	TEST_R(addi_0) TEST_R(addi_m1) TEST_R(addi_max) TEST_R(addi_min) TEST_R(slti_m1)
	TEST_R(slti_5) TEST_R(sltiu_m1) TEST_R(sltiu_5) TEST_R(xori_m1) TEST_R(xori_x)
	TEST_R(ori_m) TEST_R(andi_m) TEST_R(andi_f) TEST_R(slli_0) TEST_R(slli_1)
	TEST_R(slli_31) TEST_R(slli_32) TEST_R(slli_63) TEST_R(srli_1) TEST_R(srli_32)
	TEST_R(srli_63) TEST_R(srai_1) TEST_R(srai_32) TEST_R(srai_63) TEST_R(addiw_0)
	TEST_R(addiw_1) TEST_R(addiw_m) TEST_R(slliw_0) TEST_R(slliw_1) TEST_R(slliw_31)
	TEST_R(srliw_0) TEST_R(srliw_1) TEST_R(srliw_31) TEST_R(sraiw_0) TEST_R(sraiw_1)
	TEST_R(sraiw_31)
	printf("auipc-delta2 %llx\n", (unsigned long long)lui_auipc());
	x0_writes();
	return 0;
}
