/*
 * cfg.h: functions and basic blocks of the guest program.
 *
 * cfg_discover() needs a checked struct elf_file and leaves behind a
 * struct cfg_prog: every function it could find (from the entry point,
 * symbols, .eh_frame FDEs, jal targets and address constants), each with
 * its decoded instructions split into basic blocks, successors resolved
 * to block indices, recovered jump tables, loop headers, and its list of
 * entries (the start, return sites outside loops and after recursive
 * calls, the instruction after fence.i, outermost loop headers, address
 * constants inside it) -- the addresses at which the dispatcher may enter
 * the function's translation.
 *
 * What stays unknown (an indirect jump with no table, bytes that do not
 * decode) ends its block with CFG_EXIT: control leaves for the dispatcher,
 * which finds a translated entry or runs the interpreter.
 */
#ifndef CFG_H
#define CFG_H

#include <stddef.h>
#include <stdint.h>

#include "elfread.h"
#include "rv.h"

enum cfg_term {
	CFG_FALL,   /* next instruction starts another block */
	CFG_BRANCH, /* conditional: succ (taken) and fall */
	CFG_JUMP,   /* jal x0 inside the function: succ */
	CFG_CALL,   /* direct call of function `target`, returns to fall */
	CFG_ICALL,  /* indirect call (jalr rd!=0), returns to fall */
	CFG_TAIL,   /* jal x0 / known jalr x0 to another function: target */
	CFG_RET,    /* jalr x0 through ra */
	CFG_IJUMP,  /* jalr x0 with a recovered table: table[] */
	CFG_EXIT,   /* leave for the dispatcher at `target` */
	CFG_ECALL,  /* syscall, then fall */
	CFG_FENCEI, /* fence.i: leave for the dispatcher at fall */
};

struct cfg_block {
	uint64_t start;
	uint32_t first, n;   /* insns [first, first+n) of the function */
	uint8_t term;        /* enum cfg_term, decided by the last insn */
	uint64_t target;     /* jump/call/exit target */
	int succ, fall;      /* block indices, -1 when none */
	uint64_t *table;     /* CFG_IJUMP targets (unique) */
	int *table_blk;      /* their block indices */
	uint32_t ntable;
	int entry;           /* entry number, or -1 */
	uint8_t loop;        /* 1: a loop header; 2: an outermost one, also an
				entry, so that a long-running loop can be left
				and re-entered (see cfg.c, build_blocks) */
	uint8_t iret;        /* CFG_IJUMP: the return of an inlined callee
				(inline.c), its one entry the return site */
	struct cfg_jtab *jt; /* CFG_IJUMP: the table it reads, when it can
				dispatch on the entry's index, or NULL */
};

/*
 * A jump table read by the last instructions of its block,
 *     l[wd|w|wu] rT, off(rA); [add rJ, rT, rB;] jalr x0, 0(rJ)
 * (rB != rT, rJ: a relative table, rB holding `base`; without the add,
 * rJ = rT), with at most register arithmetic that touches none of rT, rJ
 * and rB scheduled among them, which lies in a read-only segment on pages
 * no writable one shares.  Its entries hold the same targets as long as
 * the guest has changed nothing there, so the translation can switch on
 * the index instead of loading the entry (translate.c, direct_dispatch).
 */
struct cfg_jtab {
	uint64_t addr;  /* entry 0 */
	int rb;         /* relative table: rB, which holds `base`; 0 for absolute entries */
	uint64_t base;
	uint32_t n;     /* entries, each leading to a block of the function */
	uint32_t tail;  /* instructions from the load to the block's end, the jalr included */
	uint64_t *to;   /* their targets */
};

struct cfg_func {
	uint64_t start;
	uint32_t index;          /* position in the translated-function table */
	struct rv_insn *insns;   /* blocks' instructions, block after block */
	size_t ninsns;
	struct cfg_block *blocks;
	size_t nblocks;
	uint64_t *entries;       /* entries[0] == start */
	int *entry_blk;
	size_t nentries;
	const char *name;        /* symbol, when known */
};

struct cfg_prog {
	struct cfg_func *funcs;
	size_t nfuncs;
	/* statistics for --stats */
	size_t ninsns, nunique, nblocks, ntables, nexits, nskipped;
	size_t ndirect; /* tables dispatched on the index (struct cfg_jtab) */
	size_t covered; /* bytes of code inside translated instructions */
	size_t ninlined, ninlined_insns; /* calls replaced by copies (cfg_inline) */
	size_t nsplit_insns; /* copied to give cycles one way in (cfg_split) */
	/* the floating-point environment (cfg_fenv): may some instruction
	 * observe fflags; may some instruction change frm */
	int flags_read, frm_written;
	/* may some instruction read the cycle or instret counter, which
	 * count retired instructions (rt/cpu.c) */
	int counters_read;
};

void cfg_discover(struct cfg_prog *cp, const struct elf_file *ef);
/* Sets flags_read and frm_written (fenv.c); cfg_discover's last step. */
void cfg_fenv(struct cfg_prog *cp, const struct elf_file *ef);
/* Copies small leaf functions into their callers (inline.c); after
 * cfg_discover, before translation. */
void cfg_inline(struct cfg_prog *cp);
/* Gives every cycle of blocks one way in, by copying (split.c); after
 * cfg_inline. */
void cfg_split(struct cfg_prog *cp);
void cfg_free(struct cfg_prog *cp);
/* Debug dump of every function, block and edge. */
void cfg_dump(FILE *out, const struct cfg_prog *cp);
/* Debug-build consistency check between passes. */
void cfg_check(const struct cfg_prog *cp);

#endif
