/*
 * rv.h: one decoded RV64GC instruction, and the decoder/disassembler API.
 *
 * This header and decode.c/disasm.c are plain C11 with no allocation and
 * no libc beyond <stdint.h>/<stdio.h>-style formatting, because they are
 * compiled twice: natively into rv2wasm, and to Wasm into rt/ (the fallback
 * interpreter decodes with the very same code).
 *
 * The instruction set itself lives in rv64.def and nowhere else.
 */
#ifndef RV_H
#define RV_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * enum rv_op: one value per row of rv64.def.  Naming is mechanical so
 * every stage can spell an op without looking it up: RV_ + the mnemonic
 * in upper case with '.' turned into '_' (RV_ADDI, RV_FCVT_W_S, RV_LR_D,
 * RV_AMOADD_W, RV_SH1ADD_UW, RV_FENCE_I).  Compressed rows are named the
 * same way (RV_C_ADDI, RV_C_LDSP) but a decoded instruction never carries
 * one in .op: see struct rv_insn.
 */
enum rv_op {
	RV_ILLEGAL = 0,
#define RV_INSN(name, mnem, match, mask, fmt, flags) RV_##name,
#define RV_CINSN(name, mnem, match, mask, cfmt, base, flags) RV_##name,
#include "rv64.def"
	RV_NOPS
};

/* Operand formats, named by what the disassembler prints; see rv64fmt.def. */
enum rv_fmt {
#define RV_FMT(name, ...) RV_FMT_##name,
#include "rv64fmt.def"
	RV_NFMT
};

/* Row flags (a bit set in rv64.def's flags column). */
enum {
	RV_F_BRANCH = 1 << 0, /* conditional branch: ends a block, two successors */
	RV_F_JUMP = 1 << 1,   /* jal/jalr: ends a block */
	RV_F_LOAD = 1 << 2,
	RV_F_STORE = 1 << 3,
	RV_F_FP = 1 << 4,      /* reads or writes FP registers or fcsr */
	RV_F_ATOMIC = 1 << 5,  /* LR/SC/AMO */
	RV_F_SYSTEM = 1 << 6,  /* ecall/ebreak/fence.i: ends a block */
	RV_F_CSR = 1 << 7,
	RV_F_RM = 1 << 8,      /* has a rounding-mode field in .rm */
	RV_F_W = 1 << 9,       /* 32-bit (…W) result, sign-extended */
	/* decoding constraints of compressed rows (the ISA's reserved cases) */
	RV_F_RD_NZ = 1 << 10,  /* reserved when the rd/rs1 field [11:7] is x0 */
	RV_F_IMM_NZ = 1 << 11, /* reserved when the immediate is 0 */
};

/*
 * A decoded instruction.  Compressed instructions are expanded by the
 * decoder: .op is always a base instruction (RV_ADDI for c.addi, RV_LD for
 * c.ldsp ...), .len says 2 or 4, and .cop keeps the compressed row only so
 * that the disassembler can print what objdump prints.
 *
 * Field conventions (all stages rely on them):
 *  - imm: sign-extended immediate, already scaled: branch/jal offsets are
 *    relative to pc; lui/auipc carry (imm20 << 12) sign-extended to 64 bits;
 *    shifts carry the shift amount; CSR ops carry the CSR number in imm and,
 *    for the ...I forms, the 5-bit uimm in rs1; fence carries bits [31:20]
 *    (fm|pred|succ) in imm.
 *  - rd/rs1/rs2/rs3: register numbers 0..31; whether they name x or f
 *    registers follows from the op.  Unused ones are 0.
 *  - rm: the instruction's rounding-mode field (7 = dynamic) for RV_F_RM rows.
 *  - aq/rl: the ordering bits of LR/SC/AMO.
 *  - rm 5 and 6 are reserved: they decode, and executing them must trap
 *    as an illegal instruction, like dyn with an invalid frm.
 *  - fence carries bits [31:20] whatever they hold (fence.tso is imm
 *    0x833); rd/rs1 of fence and fence.i are reserved and ignored.
 * (*) When rv_decode returns 0 for a reserved compressed encoding (c.lui
 * with imm 0, c.lwsp with rd x0 ...), .cop still names the row whose
 * reserved case it is and the fields are filled, because objdump prints
 * some of them anyway (c.addi16sp sp,0).  .op is RV_ILLEGAL.
 */
struct rv_insn {
	uint64_t pc;
	int64_t imm;
	uint32_t raw;   /* the 16 or 32 instruction bits as fetched */
	uint16_t op;    /* enum rv_op, never a compressed row */
	uint16_t cop;   /* the compressed row when len == 2, else RV_ILLEGAL (*) */
	uint8_t len;    /* 2 or 4 */
	uint8_t rd, rs1, rs2, rs3;
	uint8_t rm;
	uint8_t aq, rl;
};

/* Per-op static facts, indexed by enum rv_op. */
struct rv_opinfo {
	const char *mnem; /* as objdump -M no-aliases prints it */
	uint32_t match, mask;
	uint16_t fmt;     /* enum rv_fmt */
	uint16_t flags;   /* RV_F_* */
	uint16_t base;    /* compressed rows: the op they expand to; others: themselves */
};
extern const struct rv_opinfo rv_ops[RV_NOPS];

/*
 * Decode the instruction at bytes p (avail bytes readable), located at
 * guest address pc.  Returns the length consumed (2 or 4), or 0 when the
 * bytes are not a valid RV64GC(+Zba/Zbb/Zbs) instruction; then *in has
 * op = RV_ILLEGAL and len set to the length the encoding claims (2 or 4),
 * so a caller can still step over it.
 */
int rv_decode(struct rv_insn *in, const uint8_t *p, size_t avail, uint64_t pc);

/*
 * Print `in` the way `riscv64-linux-gnu-objdump -d -M no-aliases` prints
 * the mnemonic and operands (no address, no encoding): e.g. "addi\ta0,a0,1"
 * or "c.ldsp\tra,8(sp)".  Branch and jump targets are printed as absolute
 * hex addresses, like objdump does before its "<symbol>" note; CSRs are
 * named as for a file without a privileged-spec attribute.  Returns the
 * number of characters written (snprintf semantics).
 */
int rv_disasm(char *buf, size_t size, const struct rv_insn *in);

/*
 * The register an instruction writes: bit rd (x registers) or bit 32+rd
 * (f registers), 0 when none (stores, branches, rd = x0).  Exact: the
 * translator spills and reloads by it.
 */
uint64_t rv_writes(const struct rv_insn *in);
/* The registers an instruction reads, in the same bits (x0 never): the
 * register operands of its format (rv64fmt.def) that are sources. */
uint64_t rv_reads(const struct rv_insn *in);

/* ABI register names: "zero","ra",... and "ft0",... */
extern const char *const rv_xname[32];
extern const char *const rv_fname[32];

/*
 * A symbol for rv_listing (native only, listing.c).  Pass every symbol
 * objdump keeps: defined, named, not section/file symbols, including the
 * mapping symbols $x/$d (they switch between code and data and are never
 * printed).  Sort by addr; among equal addresses put first the one objdump
 * prefers (binutils' compare_symbols: the listed section's own, then
 * functions, objects, globals, locals, larger st_size, by name; see
 * compare_symbols in compiler/disasm.c).  `elsewhere` marks a symbol
 * defined in another section than the one listed (or absolute): it may
 * name a branch target or a "# addr" note, but never starts a block.
 */
struct rv_sym {
	uint64_t addr;
	const char *name;
	uint8_t elsewhere;
};

/*
 * Print code[0..n) located at addr line for line as
 * `riscv64-linux-gnu-objdump -d -M no-aliases` prints the body of one
 * section (everything after its "Disassembly of section" line): symbol
 * headers, "\t..." for runs of zeros, data under $d, and the notes objdump
 * appends.  Assumes the file's arch attribute covers all of rv64.def
 * (objdump prints Zb* instructions as .4byte when it does not).
 * rv_listing assumes the section is .text: the name only shows when there
 * are no symbols at all, where objdump heads the listing with it.
 */
void rv_listing(FILE *out, const uint8_t *code, size_t n, uint64_t addr,
		const struct rv_sym *syms, size_t nsyms);
void rv_listing_section(FILE *out, const char *section, const uint8_t *code,
			size_t n, uint64_t addr, const struct rv_sym *syms,
			size_t nsyms);

/* Everything else objdump takes from the ELF file, for rv_listing_elf. */
struct rv_section {
	const char *name;
	const uint8_t *code;
	size_t size;
	uint64_t addr;
	int priv_spec;   /* x of the file's Tag_RISCV_priv_spec 1.x (10, 11,
			    12): which CSRs have names; 0 when the file has
			    none (objdump then takes 1.12) */
	int relocatable; /* ET_REL: objdump names addresses inside the
			    section after its own symbols only */
};
void rv_listing_elf(FILE *out, const struct rv_section *sec,
		    const struct rv_sym *syms, size_t nsyms);

#endif
