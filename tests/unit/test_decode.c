/*
 * test_decode.c: rv_decode's contract with the rest of friscy (rv.h):
 * compressed forms expand to the base instruction with explicit operands,
 * reserved encodings are illegal, immediates follow the conventions, and
 * rv64.def keeps the order and naming the decoder and colleagues rely on.
 * tests/decode/run.sh checks the disassembly against objdump at scale;
 * these check what a listing cannot show (fields it does not print).
 * Encodings come from riscv64-linux-gnu-as.
 */
#include <ctype.h>
#include <criterion/criterion.h>
#include <string.h>

#include "rv.h"

static const char *const names[RV_NOPS] = {
	[RV_ILLEGAL] = "ILLEGAL",
#define RV_INSN(name, mnem, match, mask, fmt, flags) [RV_##name] = #name,
#define RV_CINSN(name, mnem, match, mask, cfmt, base, flags) [RV_##name] = #name,
#include "rv64.def"
};

static int decode(struct rv_insn *in, uint32_t raw, int len, uint64_t pc)
{
	uint8_t b[4] = {raw, raw >> 8, raw >> 16, raw >> 24};

	return rv_decode(in, b, len, pc);
}

Test(decode_table, names_follow_the_mnemonic)
{
	for (unsigned op = 1; op < RV_NOPS; op++) {
		char want[32];
		size_t k;

		for (k = 0; rv_ops[op].mnem[k] && k + 1 < sizeof want; k++)
			want[k] = rv_ops[op].mnem[k] == '.' ? '_' : toupper((unsigned char)rv_ops[op].mnem[k]);
		want[k] = 0;
		cr_expect_str_eq(names[op], want, "row %u: %s", op, rv_ops[op].mnem);
	}
}

/* decode.c finds rows by binary search over the major opcode: rv64.def
 * must stay sorted by it, and every mask must cover it. */
Test(decode_table, sorted_by_major_opcode)
{
	unsigned prev = 0;

	for (unsigned op = 1; op < RV_NOPS; op++) {
		uint32_t m = rv_ops[op].match, mask = rv_ops[op].mask;
		int c = (m & 3) != 3;
		unsigned key = c ? 32 + (m & 3) * 8 + (m >> 13) : (m >> 2) & 31;

		cr_expect_geq(key, prev, "%s is out of order", names[op]);
		prev = key;
		cr_expect_eq(mask & (c ? 0xe003u : 0x7fu), c ? 0xe003u : 0x7fu, "%s", names[op]);
		cr_expect_eq(m & ~mask, 0, "%s: MATCH outside MASK", names[op]);
		if (c)
			cr_expect((rv_ops[rv_ops[op].base].match & 3) == 3, "%s expands to %s",
				  names[op], names[rv_ops[op].base]);
	}
}

/* Every compressed row: what it expands to, with all operands explicit. */
static const struct expand_case {
	uint16_t raw;
	uint16_t cop, op;
	uint8_t rd, rs1, rs2;
	int64_t imm;
} expansions[] = {
	{0x1fe4, RV_C_ADDI4SPN, RV_ADDI, 9, 2, 0, 1020},    /* c.addi4spn s1,sp,1020 */
	{0x3d7c, RV_C_FLD, RV_FLD, 15, 10, 0, 248},         /* c.fld fa5,248(a0) */
	{0x5ce8, RV_C_LW, RV_LW, 10, 9, 0, 124},            /* c.lw a0,124(s1) */
	{0x7c7c, RV_C_LD, RV_LD, 15, 8, 0, 248},            /* c.ld a5,248(s0) */
	{0xa580, RV_C_FSD, RV_FSD, 0, 11, 8, 8},            /* c.fsd fs0,8(a1) */
	{0xc24c, RV_C_SW, RV_SW, 0, 12, 11, 4},             /* c.sw a1,4(a2) */
	{0xeb14, RV_C_SD, RV_SD, 0, 14, 13, 16},            /* c.sd a3,16(a4) */
	{0x0001, RV_C_NOP, RV_ADDI, 0, 0, 0, 0},            /* c.nop */
	{0x0005, RV_C_NOP, RV_ADDI, 0, 0, 0, 1},            /* c.nop 1: a HINT */
	{0x1501, RV_C_ADDI, RV_ADDI, 10, 10, 0, -32},       /* c.addi a0,-32 */
	{0x25fd, RV_C_ADDIW, RV_ADDIW, 11, 11, 0, 31},      /* c.addiw a1,31 */
	{0x52fd, RV_C_LI, RV_ADDI, 5, 0, 0, -1},            /* c.li t0,-1 */
	{0x7101, RV_C_ADDI16SP, RV_ADDI, 2, 2, 0, -512},    /* c.addi16sp sp,-512 */
	{0x7901, RV_C_LUI, RV_LUI, 18, 0, 0, -0x20000},     /* c.lui s2,0xfffe0 */
	{0x8101, RV_C_SRLI64, RV_SRLI, 10, 10, 0, 0},       /* c.srli64 a0 */
	{0x91fd, RV_C_SRLI, RV_SRLI, 11, 11, 0, 63},        /* c.srli a1,63 */
	{0x8601, RV_C_SRAI64, RV_SRAI, 12, 12, 0, 0},       /* c.srai64 a2 */
	{0x8685, RV_C_SRAI, RV_SRAI, 13, 13, 0, 1},         /* c.srai a3,1 */
	{0x9b01, RV_C_ANDI, RV_ANDI, 14, 14, 0, -32},       /* c.andi a4,-32 */
	{0x8c05, RV_C_SUB, RV_SUB, 8, 8, 9, 0},             /* c.sub s0,s1 */
	{0x8d2d, RV_C_XOR, RV_XOR, 10, 10, 11, 0},          /* c.xor a0,a1 */
	{0x8e55, RV_C_OR, RV_OR, 12, 12, 13, 0},            /* c.or a2,a3 */
	{0x8f7d, RV_C_AND, RV_AND, 14, 14, 15, 0},          /* c.and a4,a5 */
	{0x9c89, RV_C_SUBW, RV_SUBW, 9, 9, 10, 0},          /* c.subw s1,a0 */
	{0x9da1, RV_C_ADDW, RV_ADDW, 11, 11, 8, 0},         /* c.addw a1,s0 */
	{0xb001, RV_C_J, RV_JAL, 0, 0, 0, -2048},           /* c.j .-2048 */
	{0xd101, RV_C_BEQZ, RV_BEQ, 0, 10, 0, -256},        /* c.beqz a0,.-256 */
	{0xeffd, RV_C_BNEZ, RV_BNE, 0, 15, 0, 254},         /* c.bnez a5,.+254 */
	{0x0302, RV_C_SLLI64, RV_SLLI, 6, 6, 0, 0},         /* c.slli64 t1 */
	{0x10fe, RV_C_SLLI, RV_SLLI, 1, 1, 0, 63},          /* c.slli ra,63 */
	{0x3ffe, RV_C_FLDSP, RV_FLD, 31, 2, 0, 504},        /* c.fldsp ft11,504(sp) */
	{0x53fe, RV_C_LWSP, RV_LW, 7, 2, 0, 252},           /* c.lwsp t2,252(sp) */
	{0x60a2, RV_C_LDSP, RV_LD, 1, 2, 0, 8},             /* c.ldsp ra,8(sp) */
	{0x8f82, RV_C_JR, RV_JALR, 0, 31, 0, 0},            /* c.jr t6 */
	{0x8572, RV_C_MV, RV_ADD, 10, 0, 28, 0},            /* c.mv a0,t3 */
	{0x9002, RV_C_EBREAK, RV_EBREAK, 0, 0, 0, 0},       /* c.ebreak */
	{0x9882, RV_C_JALR, RV_JALR, 1, 17, 0, 0},          /* c.jalr a7 */
	{0x9df6, RV_C_ADD, RV_ADD, 27, 27, 29, 0},          /* c.add s11,t4 */
	{0xbfee, RV_C_FSDSP, RV_FSD, 0, 2, 27, 504},        /* c.fsdsp fs11,504(sp) */
	{0xdffa, RV_C_SWSP, RV_SW, 0, 2, 30, 252},          /* c.swsp t5,252(sp) */
	{0xe002, RV_C_SDSP, RV_SD, 0, 2, 0, 0},             /* c.sdsp zero,0(sp) */
};

Test(decode_compressed, expands_to_base)
{
	unsigned covered[RV_NOPS] = {0};

	for (size_t i = 0; i < sizeof expansions / sizeof *expansions; i++) {
		const struct expand_case *e = &expansions[i];
		struct rv_insn in;

		cr_assert_eq(decode(&in, e->raw, 2, 0x1000), 2, "%04x", e->raw);
		cr_expect_eq(in.len, 2);
		cr_expect_eq(in.pc, 0x1000);
		cr_expect_eq(in.raw, e->raw);
		cr_expect_eq(in.cop, e->cop, "%04x: cop %s", e->raw, names[in.cop]);
		cr_expect_eq(in.op, e->op, "%04x: op %s", e->raw, names[in.op]);
		cr_expect_eq(in.rd, e->rd, "%04x: rd %d", e->raw, in.rd);
		cr_expect_eq(in.rs1, e->rs1, "%04x: rs1 %d", e->raw, in.rs1);
		cr_expect_eq(in.rs2, e->rs2, "%04x: rs2 %d", e->raw, in.rs2);
		cr_expect_eq(in.imm, e->imm, "%04x: imm %lld", e->raw, (long long)in.imm);
		cr_expect_eq(in.rs3 | in.rm | in.aq | in.rl, 0);
		covered[e->cop] = 1;
	}
	for (unsigned op = 1; op < RV_NOPS; op++)
		if ((rv_ops[op].match & 3) != 3)
			cr_expect(covered[op], "no expansion case for %s", names[op]);
}

/* The ISA's reserved compressed encodings, and others that are no
 * instruction, decode as RV_ILLEGAL with the length they claim. */
Test(decode_compressed, reserved_is_illegal)
{
	static const struct {
		uint16_t raw, cop;
	} cases[] = {
		{0x0000, RV_C_ADDI4SPN}, /* all zero: the defined illegal instruction */
		{0x0010, RV_C_ADDI4SPN}, /* c.addi4spn a2,sp,0 */
		{0x6501, RV_C_LUI},      /* c.lui a0,0 */
		{0x6001, RV_C_LUI},      /* c.lui zero,0 */
		{0x6101, RV_C_ADDI16SP}, /* c.addi16sp sp,0 */
		{0x2001, RV_C_ADDIW},    /* c.addiw zero,0 */
		{0x207d, RV_C_ADDIW},    /* c.addiw zero,31 */
		{0x4002, RV_C_LWSP},     /* c.lwsp zero,0(sp) */
		{0x6022, RV_C_LDSP},     /* c.ldsp zero,32(sp) */
		{0x8002, RV_C_JR},       /* c.jr zero */
		{0x9c41, RV_ILLEGAL},    /* CA funct2 10 with bit 12 set */
		{0x9c61, RV_ILLEGAL},
		{0x8000, RV_ILLEGAL},    /* quadrant 0, funct3 100 */
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct rv_insn in;

		cr_expect_eq(decode(&in, cases[i].raw, 2, 0), 0, "%04x", cases[i].raw);
		cr_expect_eq(in.op, RV_ILLEGAL, "%04x: %s", cases[i].raw, names[in.op]);
		cr_expect_eq(in.len, 2);
		cr_expect_eq(in.cop, cases[i].cop, "%04x: cop %s", cases[i].raw, names[in.cop]);
	}
}

/* HINTs are valid: they decode to a base instruction that writes x0 or
 * does nothing. */
Test(decode_compressed, hints_decode)
{
	static const uint16_t hints[] = {
		0x6005, /* c.lui zero,1 */
		0x4005, /* c.li zero,1 */
		0x0502, /* c.slli64 a0 */
		0x0006, /* c.slli zero,1 */
		0x802a, /* c.mv zero,a0 */
		0x902a, /* c.add zero,a0 */
		0x0501, /* c.addi a0,0 */
	};

	for (size_t i = 0; i < sizeof hints / sizeof *hints; i++) {
		struct rv_insn in;

		cr_expect_eq(decode(&in, hints[i], 2, 0), 2, "%04x", hints[i]);
		cr_expect_neq(in.op, RV_ILLEGAL);
	}
}

Test(decode_full, illegal_and_truncated)
{
	struct rv_insn in;
	const uint8_t half[] = {0x13, 0x05};

	cr_expect_eq(decode(&in, 0xffffffff, 4, 0), 0);
	cr_expect_eq(in.op, RV_ILLEGAL);
	cr_expect_eq(in.len, 4);
	cr_expect_eq(decode(&in, 0x0000007f, 4, 0), 0); /* a longer encoding */
	cr_expect_eq(decode(&in, 0x12000073, 4, 0), 0); /* sfence.vma: not user ISA */
	cr_expect_eq(decode(&in, 0x1010202f, 4, 0), 0); /* lr.w with rs2 != 0 */
	cr_expect_eq(rv_decode(&in, half, 2, 0), 0);    /* addi cut after 2 bytes */
	cr_expect_eq(in.len, 4);
	cr_expect_eq(rv_decode(&in, half, 1, 0), 0);
	cr_expect_eq(in.len, 4);
	cr_expect_eq(rv_decode(&in, half, 0, 0), 0);
}

Test(decode_full, immediates)
{
	struct rv_insn in;

	cr_assert_eq(decode(&in, 0x80000537, 4, 0), 4); /* lui a0,0x80000 */
	cr_expect_eq(in.op, RV_LUI);
	cr_expect_eq(in.imm, -0x80000000ll);
	cr_assert_eq(decode(&in, 0xfffff517, 4, 0x1000), 4); /* auipc a0,0xfffff */
	cr_expect_eq(in.imm, -0x1000);
	cr_assert_eq(decode(&in, 0x80b50063, 4, 0x2000), 4); /* beq a0,a1,.-4096 */
	cr_expect_eq(in.op, RV_BEQ);
	cr_expect_eq(in.rs1, 10);
	cr_expect_eq(in.rs2, 11);
	cr_expect_eq(in.imm, -4096);
	cr_assert_eq(decode(&in, 0x7ffff0ef, 4, 0), 4); /* jal ra,.+0xffffe */
	cr_expect_eq(in.imm, 0xffffe);
	cr_expect_eq(in.rd, 1);
	cr_assert_eq(decode(&in, 0x800000ef, 4, 0), 4); /* jal ra,.-0x100000 */
	cr_expect_eq(in.imm, -0x100000);
	cr_assert_eq(decode(&in, 0x03f59513, 4, 0), 4); /* slli a0,a1,63 */
	cr_expect_eq(in.op, RV_SLLI);
	cr_expect_eq(in.imm, 63);
	cr_assert_eq(decode(&in, 0x80a5b023, 4, 0), 4); /* sd a0,-2048(a1) */
	cr_expect_eq(in.op, RV_SD);
	cr_expect_eq(in.imm, -2048);
	cr_expect_eq(in.rs1, 11);
	cr_expect_eq(in.rs2, 10);
	cr_expect_eq(in.rd, 0);
	cr_assert_eq(decode(&in, 0x001fd573, 4, 0), 4); /* csrrwi a0,fflags,31 */
	cr_expect_eq(in.op, RV_CSRRWI);
	cr_expect_eq(in.imm, 1);
	cr_expect_eq(in.rs1, 31);
	cr_assert_eq(decode(&in, 0xc0059573, 4, 0), 4); /* csrrw a0,cycle,a1 */
	cr_expect_eq(in.imm, 0xc00);
	cr_assert_eq(decode(&in, 0x0ff0000f, 4, 0), 4); /* fence iorw,iorw */
	cr_expect_eq(in.op, RV_FENCE);
	cr_expect_eq(in.imm, 0x0ff);
	cr_assert_eq(decode(&in, 0x8330000f, 4, 0), 4); /* fence.tso */
	cr_expect_eq(in.op, RV_FENCE);
	cr_expect_eq(in.imm, 0x833);
	cr_assert_eq(decode(&in, 0x1eb6352f, 4, 0), 4); /* sc.d.aqrl a0,a1,(a2) */
	cr_expect_eq(in.op, RV_SC_D);
	cr_expect_eq(in.aq, 1);
	cr_expect_eq(in.rl, 1);
	cr_expect_eq(in.rd, 10);
	cr_expect_eq(in.rs1, 12);
	cr_expect_eq(in.rs2, 11);
	cr_assert_eq(decode(&in, 0x68c5c543, 4, 0), 4); /* fmadd.s fa0,fa1,fa2,fa3,rmm */
	cr_expect_eq(in.op, RV_FMADD_S);
	cr_expect_eq(in.rs3, 13);
	cr_expect_eq(in.rm, 4);
	cr_assert_eq(decode(&in, 0x00c5d553, 4, 0), 4); /* fadd.s with rm 5 */
	cr_expect_eq(in.rm, 5);
	cr_assert_eq(decode(&in, 0xc2001553, 4, 0), 4); /* fcvt.w.d a0,ft0,rtz */
	cr_expect_eq(in.rm, 1);
	cr_expect_eq(in.rd, 10);
}

Test(disasm, as_objdump_prints)
{
	static const struct {
		uint32_t raw;
		int len;
		const char *text;
	} cases[] = {
		{0x60a2, 2, "c.ldsp\tra,8(sp)"},
		{0x0001, 2, "c.addi\tzero,0"},
		{0x6101, 2, "c.addi16sp\tsp,0"},
		{0x0000, 2, "c.unimp"},
		{0x6501, 2, ".2byte\t0x6501"},
		{0xd101, 2, "c.beqz\ta0,ff00"},
		{0x00150513, 4, "addi\ta0,a0,1"},
		{0x80b50063, 4, "beq\ta0,a1,f000"},
		{0x8330000f, 4, "fence.tso"},
		{0x0ff0000f, 4, "fence\tiorw,iorw"},
		{0x0100000f, 4, "fence\tw,unknown"},
		{0x0ff0800f, 4, ".4byte\t0xff0800f"},
		{0x06b6252f, 4, "amoadd.w.aqrl\ta0,a1,(a2)"},
		{0x00102573, 4, "csrrs\ta0,fflags,zero"},
		{0xc0001073, 4, "unimp"},
		{0x02c59553, 4, "fadd.d\tfa0,fa1,fa2,rtz"},
		{0x00c5f553, 4, "fadd.s\tfa0,fa1,fa2"},
		{0x00c5d553, 4, "fadd.s\tfa0,fa1,fa2,unknown"},
		{0xd2050553, 4, "fcvt.d.w\tfa0,a0"},
		{0xd2051553, 4, ".4byte\t0xd2051553"},
		{0x010200e7, 4, "jalr\tra,16(tp)"},
		{0xffffffff, 4, ".4byte\t0xffffffff"},
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct rv_insn in;
		char buf[64];
		int n;

		decode(&in, cases[i].raw, cases[i].len, 0x10000);
		n = rv_disasm(buf, sizeof buf, &in);
		cr_expect_str_eq(buf, cases[i].text);
		cr_expect_eq(n, (int)strlen(cases[i].text));
	}
}

Test(disasm, truncates_like_snprintf)
{
	struct rv_insn in;
	char buf[8];

	decode(&in, 0x06b6252f, 4, 0);
	cr_expect_eq(rv_disasm(buf, sizeof buf, &in), 24);
	cr_expect_str_eq(buf, "amoadd.");
	cr_expect_eq(rv_disasm(NULL, 0, &in), 24);
}
