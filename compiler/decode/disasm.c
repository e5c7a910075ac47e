/*
 * disasm.c: struct rv_insn -> text, exactly as
 * `riscv64-linux-gnu-objdump -d -M no-aliases` (binutils 2.40) prints it.
 *
 * The operands follow the format's template in rv64fmt.def.  objdump's
 * opcode table (opcodes/riscv-opc.c) is not the ISA, though: a few
 * encodings the ISA defines it does not list, and some it names its own
 * way.  Those differences are collected in objdump_knows(), objdump_mnem()
 * and prints_rm(), and nowhere else.
 */
#include <stdarg.h>

#include "dis.h"

static const char *const templates[RV_NFMT] = {
#define RV_FMT(name, template) [RV_FMT_##name] = template,
#include "rv64fmt.def"
};

static const struct {
	const char *name;
	unsigned char first, last; /* privileged spec 1.first .. 1.last */
} csr_names[4096] = {
#define RV_CSR(num, name, first, last) [num] = {name, first, last},
#include "rvcsr.def"
};

static const char *const rm_names[8] = {"rne", "rtz", "rdn", "rup", "rmm", "unknown",
					"unknown", "dyn"};

/* An snprintf-style output cursor: len counts what would have been written. */
struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	size_t room = o->len < o->size ? o->size - o->len : 0;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(room ? o->buf + o->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len += n;
}

static void put_addr(struct out *o, struct rv_dis *d, uint64_t addr)
{
	size_t room = o->len < o->size ? o->size - o->len : 0;
	int n;

	if (!d || !d->addr) {
		put(o, "%llx", (unsigned long long)addr);
		return;
	}
	n = d->addr(room ? o->buf + o->len : NULL, room, addr, d->arg);
	if (n > 0)
		o->len += n;
}

/*
 * Encodings that decode but that binutils 2.40 has no opcode entry for,
 * so it prints them as .4byte: fence and fence.i with their reserved
 * fields set (fence.tso is the only fm it knows), and the exact
 * conversions fcvt.d.w/fcvt.d.wu/fcvt.d.s with a rounding mode other
 * than rne (it lists them without one).  The reserved c.addi16sp with
 * immediate 0 is the other way round: objdump prints it.
 */
static int objdump_knows(const struct rv_insn *in)
{
	switch (in->op) {
	case RV_ILLEGAL:
		return in->len == 2 && in->cop == RV_C_ADDI16SP;
	case RV_FENCE:
		return (in->raw & 0x000f8f80) == 0 &&
		       ((in->imm >> 8) == 0 || in->imm == 0x833);
	case RV_FENCE_I:
		return in->raw == 0x0000100f;
	case RV_FCVT_D_W:
	case RV_FCVT_D_WU:
	case RV_FCVT_D_S:
		return in->rm == 0;
	default:
		return 1;
	}
}

/* The mnemonic objdump prints for a known encoding, and its operands. */
static const char *objdump_mnem(const struct rv_insn *in, unsigned row,
				const char **template)
{
	*template = templates[rv_ops[row].fmt];
	if (row == RV_C_NOP)
		return "c.addi"; /* binutils lists c.nop as an alias only */
	if (in->op == RV_FENCE && in->imm == 0x833) {
		*template = "";
		return "fence.tso";
	}
	if (in->op == RV_CSRRW && in->raw == 0xc0001073) {
		*template = "";
		return "unimp"; /* csrrw zero,cycle,zero */
	}
	return rv_ops[row].mnem;
}

/* Whether objdump prints a rounding mode: the exact conversions it lists
 * without one, and every other op when rm is not dyn. */
static int prints_rm(const struct rv_insn *in)
{
	switch (in->op) {
	case RV_FCVT_D_W:
	case RV_FCVT_D_WU:
	case RV_FCVT_D_S:
		return 0;
	default:
		return in->rm != 7;
	}
}

/*
 * objdump's maybe_print_address: an access through base with offset off
 * names an address when lui/auipc just set base, or base is gp (with
 * __global_pointer$ known), tp or x0.  Sets *note when it does.
 */
static void maybe_note(struct rv_dis *d, unsigned base, int64_t off, int wide,
		       uint64_t *note, int *has_note)
{
	uint64_t a;

	if (!d)
		return;
	if (d->hi_set >> base & 1) {
		a = (base ? d->hi[base] : 0) + off;
		d->hi_set &= ~(1u << base);
	} else if (base == 3 && d->has_gp) {
		a = d->gp + off;
	} else if (base == 4 || base == 0) {
		a = off;
	} else {
		return;
	}
	*note = wide ? (uint64_t)(int64_t)(int32_t)a : a;
	*has_note = 1;
}

static void set_hi(struct rv_dis *d, unsigned r, uint64_t v)
{
	if (d) {
		d->hi[r] = v;
		d->hi_set |= 1u << r;
	}
}

static void put_fence_set(struct out *o, unsigned set)
{
	if (set)
		put(o, "%s%s%s%s", set & 8 ? "i" : "", set & 4 ? "o" : "",
		    set & 2 ? "r" : "", set & 1 ? "w" : "");
	else
		put(o, "unknown");
}

static void put_csr(struct out *o, unsigned csr, int spec)
{
	if (csr_names[csr].name && csr_names[csr].first <= spec && spec <= csr_names[csr].last)
		put(o, "%s", csr_names[csr].name);
	else
		put(o, "0x%x", csr);
}

static void put_unknown(struct out *o, const struct rv_insn *in)
{
	if (in->len == 2 && in->raw == 0)
		put(o, "c.unimp");
	else
		put(o, ".%dbyte\t0x%llx", in->len, (unsigned long long)in->raw);
}

int rv_disasm_with(char *buf, size_t size, const struct rv_insn *in, struct rv_dis *d)
{
	struct out o = {buf, size, 0};
	unsigned row = in->len == 2 ? in->cop : in->op;
	const char *t;
	uint64_t note = 0;
	int has_note = 0;

	if (size)
		buf[0] = 0;
	if (!objdump_knows(in)) {
		put_unknown(&o, in);
		return (int)o.len;
	}
	put(&o, "%s", objdump_mnem(in, row, &t));
	if (rv_ops[row].flags & RV_F_ATOMIC)
		put(&o, "%s", in->aq ? (in->rl ? ".aqrl" : ".aq") : in->rl ? ".rl" : "");
	if (*t)
		put(&o, "\t");
	for (; *t; t++) {
		switch (*t) {
		case 'd':
			if (in->op == RV_AUIPC)
				set_hi(d, in->rd, in->pc + in->imm);
			else if (in->op == RV_LUI) /* and c.lui */
				set_hi(d, in->rd, in->imm);
			put(&o, "%s", rv_xname[in->rd]);
			break;
		case 's': put(&o, "%s", rv_xname[in->rs1]); break;
		case 't': put(&o, "%s", rv_xname[in->rs2]); break;
		case 'D': put(&o, "%s", rv_fname[in->rd]); break;
		case 'S': put(&o, "%s", rv_fname[in->rs1]); break;
		case 'T': put(&o, "%s", rv_fname[in->rs2]); break;
		case 'R': put(&o, "%s", rv_fname[in->rs3]); break;
		case 'j':
			/* addi(w) and c.addi(w) may complete an address; c.li not */
			if ((in->op == RV_ADDI || in->op == RV_ADDIW) && in->rs1 != 0)
				maybe_note(d, in->rs1, in->imm, in->op == RV_ADDIW, &note,
					   &has_note);
			put(&o, "%d", (int)in->imm);
			break;
		case 'o':
			maybe_note(d, in->rs1, in->imm, 0, &note, &has_note);
			/* objdump asks again for jalr: now gp, tp and x0 win */
			if (in->op == RV_JALR)
				maybe_note(d, in->rs1, in->imm, 0, &note, &has_note);
			put(&o, "%d", (int)in->imm);
			break;
		case 'q':
			maybe_note(d, in->rs1, in->imm, 0, &note, &has_note);
			put(&o, "%d", (int)in->imm);
			break;
		case 'i': put(&o, "%d", (int)in->imm); break;
		case '>': put(&o, "0x%x", (unsigned)in->imm); break;
		case 'u': put(&o, "0x%x", (unsigned)(in->imm >> 12) & 0xfffff); break;
		case 'a': put_addr(&o, d, in->pc + in->imm); break;
		case 'm':
			if (prints_rm(in))
				put(&o, ",%s", rm_names[in->rm]);
			break;
		case 'P': put_fence_set(&o, in->imm >> 4 & 15); break;
		case 'Q': put_fence_set(&o, in->imm & 15); break;
		case 'E':
			put_csr(&o, in->imm & 0xfff, d && d->priv_spec ? d->priv_spec : 12);
			break;
		case 'Z': put(&o, "%d", in->rs1); break;
		default: put(&o, "%c", *t); break;
		}
	}
	if (has_note) {
		put(&o, " # ");
		put_addr(&o, d, note);
	}
	return (int)o.len;
}

int rv_disasm(char *buf, size_t size, const struct rv_insn *in)
{
	return rv_disasm_with(buf, size, in, NULL);
}
