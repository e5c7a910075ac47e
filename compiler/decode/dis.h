/*
 * dis.h: what listing.c adds to rv_disasm (private to compiler/decode/).
 *
 * objdump does more than print one instruction: it names every address it
 * prints after a symbol, and it follows lui/auipc into the instruction that
 * completes the address ("addi a0,a0,-16 # 12340 <buf>"), or a gp-, tp- or
 * x0-relative access.  struct rv_dis carries that state from instruction
 * to instruction, as binutils' riscv-dis.c does (maybe_print_address).
 */
#ifndef RV_DIS_H
#define RV_DIS_H

#include "rv.h"

struct rv_dis {
	/* Prints an address objdump prints (a branch or jump target, a
	 * "# addr" note) into buf, snprintf-like; NULL prints it in hex. */
	int (*addr)(char *buf, size_t size, uint64_t addr, void *arg);
	void *arg;
	uint64_t hi[32];  /* the value the last lui/auipc/c.lui left in x[r] */
	uint32_t hi_set;  /* bit r: hi[r] is set and not used up yet */
	uint64_t gp;      /* __global_pointer$, when has_gp */
	int has_gp;
	int priv_spec;    /* as in struct rv_section */
};

/* rv_disasm with objdump's notes; d == NULL is plain rv_disasm. */
int rv_disasm_with(char *buf, size_t size, const struct rv_insn *in,
		   struct rv_dis *d);

#endif
