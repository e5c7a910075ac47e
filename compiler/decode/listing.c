/*
 * listing.c: a section's bytes -> the lines `objdump -d -M no-aliases`
 * prints for it, byte for byte.  Native only (stdio); not part of rt.wasm.
 *
 * What it reproduces of binutils 2.40 (binutils/objdump.c,
 * opcodes/riscv-dis.c), because `rv2wasm --disasm` is diffed against it:
 *  - a header "\n%016lx <sym>:\n" where each symbol of the section starts,
 *    and one at the section start naming what precedes it;
 *  - the address column, as wide as the section's last address needs,
 *    rounded to groups of 4 hex digits, zeros blanked;
 *  - the encoding in 2- or 4-byte chunks padded to 8 bytes per line,
 *    longer encodings continued on extra lines;
 *  - "\t...\n" instead of a run of 8 or more zero bytes (in steps of 4
 *    unless the run reaches the next symbol), or of 1-2 zero bytes that
 *    end a symbol;
 *  - reads never cross the next symbol or the section end: an instruction
 *    that would is reported "Address 0x.. is out of bounds." and counted
 *    as 5 bytes long (EIO), as objdump does;
 *  - bytes under a $d mapping symbol print as .byte/.short/.word data;
 *  - "addr <sym+0xoff>" for every address printed, "0xaddr" when the file
 *    has no symbols at all.
 */
#include <stdlib.h>
#include <string.h>

#include "dis.h"

enum {
	ZEROS_SKIPPED = 8,   /* objdump's skip_zeroes */
	ZEROS_AT_END = 3,    /* objdump's skip_zeroes_at_end */
	EIO_OCTETS = 5,      /* what a failed read makes riscv-dis.c return */
};

struct listing {
	FILE *out;
	const char *section;
	const uint8_t *code;
	uint64_t start, end; /* the section's addresses */
	const struct rv_sym *syms;
	long nsyms;
	int skip;            /* leading address digits left out */
	struct rv_dis dis;
	long map_next;       /* the first symbol is_data has not passed yet */
	int data;            /* the $x/$d state there */
	int relocatable;
};

static int is_mapping(const char *name)
{
	return name[0] == '$' && (name[1] == 'x' || name[1] == 'd') &&
	       (name[2] == 0 || name[2] == '.' || (name[1] == 'x' && !strncmp(name + 2, "rv", 2)));
}

/* riscv_symbol_is_valid: mapping symbols and the assembler's fake labels
 * never name anything. */
static int valid(const struct rv_sym *s)
{
	return !is_mapping(s->name) && strcmp(s->name, ".L0 ") != 0;
}

static int fits(const struct rv_sym *s, int want_section)
{
	return (!want_section || !s->elsewhere) && valid(s);
}

/*
 * objdump's find_symbol_for_address: the symbol naming vma, or -1.  The
 * nearest at or below vma, one of this section preferred among equals;
 * failing that the nearest valid one below, or the first above.
 * want_section restricts all of it to this section (for headers).
 */
static long find_sym(const struct listing *l, uint64_t vma, int want_section)
{
	const struct rv_sym *s = l->syms;
	long n = l->nsyms, min = 0, max = n, place, i, newplace;

	if (n == 0)
		return -1;
	while (min + 1 < max) {
		long mid = (min + max) / 2;

		if (s[mid].addr > vma)
			max = mid;
		else if (s[mid].addr < vma)
			min = mid;
		else {
			min = mid;
			break;
		}
	}
	place = min;
	while (place > 0 && s[place].addr == s[place - 1].addr)
		place--;
	for (min = place; min < n && s[min].addr == s[place].addr; min++)
		if (fits(&s[min], 1))
			return min;
	if (fits(&s[place], want_section))
		return place;
	newplace = n;
	for (i = min - 1; i >= 0; i--) {
		if (!fits(&s[i], want_section))
			continue;
		if (newplace == n)
			newplace = i;
		if (s[i].addr != s[newplace].addr)
			break;
		newplace = i;
	}
	if (newplace != n)
		return newplace;
	for (i = place + 1; i < n; i++)
		if (fits(&s[i], want_section))
			return i;
	return -1;
}

/* objdump_print_addr_with_sym: "value <sym+0xoff>", value in full width
 * for headers, without leading zeros elsewhere. */
static int addr_with_sym(char *buf, size_t size, const struct listing *l, long sym,
			 uint64_t vma, int full)
{
	const char *name = sym < 0 ? l->section : l->syms[sym].name;
	uint64_t base = sym < 0 ? l->start : l->syms[sym].addr;
	const char *sign = base > vma ? "-0x" : vma > base ? "+0x" : "";
	unsigned long long off = base > vma ? base - vma : vma - base;

	if (!*sign)
		return snprintf(buf, size, full ? "%016llx <%s>" : "%llx <%s>",
				(unsigned long long)vma, name);
	return snprintf(buf, size, full ? "%016llx <%s%s%llx>" : "%llx <%s%s%llx>",
			(unsigned long long)vma, name, sign, off);
}

/* The rv_dis callback: how objdump prints an address inside a line. */
static int print_addr(char *buf, size_t size, uint64_t vma, void *arg)
{
	const struct listing *l = arg;

	int want_section = l->relocatable && vma >= l->start && vma < l->end;

	if (l->nsyms == 0)
		return snprintf(buf, size, "0x%llx", (unsigned long long)vma);
	return addr_with_sym(buf, size, l, find_sym(l, vma, want_section), vma, 0);
}

static void put_line_addr(const struct listing *l, uint64_t vma)
{
	char buf[20], *s;

	snprintf(buf, sizeof buf, "%016llx", (unsigned long long)vma);
	for (s = buf + l->skip; *s == '0'; s++)
		*s = ' ';
	if (!*s)
		s[-1] = '0';
	fprintf(l->out, "%s:\t", buf + l->skip);
}

/* The $x/$d state at vma: the last mapping symbol of this section at or
 * below it; code when there is none.  vma only grows. */
static int is_data(struct listing *l, uint64_t vma)
{
	for (; l->map_next < l->nsyms && l->syms[l->map_next].addr <= vma; l->map_next++) {
		const struct rv_sym *s = &l->syms[l->map_next];

		if (!s->elsewhere && is_mapping(s->name))
			l->data = s->name[1] == 'd';
	}
	return l->data;
}

/* riscv_data_length: 4 bytes, or fewer before the next mapping symbol or
 * the section end; never 3. */
static unsigned data_length(const struct listing *l, uint64_t vma)
{
	uint64_t len = 4;

	for (long i = l->map_next; i < l->nsyms; i++) {
		const struct rv_sym *s = &l->syms[i];

		if (s->addr > vma && !s->elsewhere && is_mapping(s->name)) {
			if (s->addr - vma < len)
				len = s->addr - vma;
			break;
		}
	}
	if (l->end - vma < len)
		len = l->end - vma;
	return len == 3 ? 2 : (unsigned)len;
}

/* objdump's riscv_insn_length, from the first 16 bits. */
static unsigned insn_length(unsigned lo)
{
	if ((lo & 3) != 3)
		return 2;
	if ((lo & 0x1f) != 0x1f)
		return 4;
	if ((lo & 0x3f) == 0x1f)
		return 6;
	if ((lo & 0x7f) == 0x3f)
		return 8;
	if ((lo & 0x7f) == 0x7f && (lo & 0x7000) != 0x7000)
		return 10 + ((lo >> 11) & 0xe);
	return 2;
}

/* One line's text and shape, as the disassembler reports them to objdump.
 * The text holds two symbol names at most (a target and a note). */
struct unit {
	char text[16384];
	unsigned octets;         /* bytes consumed */
	unsigned chunk;          /* bytes per hex group (bytes_per_chunk) */
	unsigned bytes_per_line; /* 0: keep objdump's current width */
};

static void data_unit(struct unit *u, const struct listing *l, uint64_t vma,
		      unsigned len)
{
	const uint8_t *p = l->code + (vma - l->start);
	unsigned long long v = 0;

	for (unsigned k = len; k-- > 0;)
		v = v << 8 | p[k];
	u->octets = u->chunk = len;
	u->bytes_per_line = len == 1 ? 6 : 8;
	if (len == 1)
		snprintf(u->text, sizeof u->text, ".byte\t0x%02llx", v);
	else if (len == 2)
		snprintf(u->text, sizeof u->text, ".short\t0x%04llx", v);
	else
		snprintf(u->text, sizeof u->text, ".word\t0x%08llx", v);
}

static void insn_unit(struct unit *u, struct listing *l, uint64_t vma, unsigned len)
{
	const uint8_t *p = l->code + (vma - l->start);
	struct rv_insn in;

	u->octets = len;
	u->chunk = len % 4 == 0 ? 4 : 2;
	u->bytes_per_line = 8;
	if (len == 2 && (p[0] & 3) == 3) {
		/* a longer encoding objdump does not know the length of */
		snprintf(u->text, sizeof u->text, ".2byte\t0x%x", p[0] | p[1] << 8);
	} else if (len <= 4) {
		rv_decode(&in, p, len, vma);
		rv_disasm_with(u->text, sizeof u->text, &in, &l->dis);
	} else if (len == 8) {
		unsigned long long v = 0;

		for (unsigned k = 8; k-- > 0;)
			v = v << 8 | p[k];
		snprintf(u->text, sizeof u->text, ".8byte\t0x%llx", v);
	} else {
		size_t at = snprintf(u->text, sizeof u->text, ".byte\t");

		for (unsigned k = 0; k < len; k++)
			at += snprintf(u->text + at, sizeof u->text - at, "%s0x%02x",
				       k ? ", " : "", p[k]);
	}
}

/* What objdump's disassembler makes of the bytes at vma, reading no
 * further than stop. */
static void next_unit(struct unit *u, struct listing *l, uint64_t vma, uint64_t stop)
{
	uint64_t avail = stop - vma;
	unsigned len;

	u->chunk = 1;
	if (is_data(l, vma)) {
		len = data_length(l, vma);
		if (len <= avail) {
			data_unit(u, l, vma, len);
			return;
		}
		u->chunk = len; /* riscv-dis.c sets it before it reads */
	} else if (avail >= 2) {
		const uint8_t *p = l->code + (vma - l->start);

		len = insn_length(p[0] | p[1] << 8);
		if (len <= avail) {
			insn_unit(u, l, vma, len);
			return;
		}
	}
	snprintf(u->text, sizeof u->text, "Address 0x%llx is out of bounds.\n",
		 (unsigned long long)vma);
	u->octets = EIO_OCTETS;
	u->bytes_per_line = 0;
}

/* The hex groups for [from, to) of the unit at vma; groups past stop are
 * left blank. */
static void put_hex(const struct listing *l, uint64_t from, uint64_t to, unsigned chunk,
		    uint64_t stop)
{
	for (uint64_t j = from; j < to; j += chunk) {
		if (j + chunk <= stop)
			for (unsigned k = chunk; k-- > 0;)
				fprintf(l->out, "%02x", l->code[j - l->start + k]);
		fputc(' ', l->out);
	}
}

/* objdump's disassemble_bytes for [from, stop): the lines of one symbol. */
static void list_range(struct listing *l, uint64_t from, uint64_t stop)
{
	unsigned per_line = 4; /* octets_per_line until the disassembler says */
	uint64_t vma = from;

	while (vma < stop) {
		uint64_t z = vma;
		struct unit u;
		unsigned pb;

		while (z < stop && l->code[z - l->start] == 0)
			z++;
		if (z - vma >= ZEROS_SKIPPED || (z == stop && z - vma < ZEROS_AT_END)) {
			if (z != stop)
				z = vma + ((z - vma) & ~(uint64_t)3);
			fputs("\t...\n", l->out);
			vma = z;
			continue;
		}
		put_line_addr(l, vma);
		next_unit(&u, l, vma, stop < l->end ? stop : l->end);
		if (u.bytes_per_line)
			per_line = u.bytes_per_line;
		pb = u.octets < per_line ? u.octets : per_line;
		put_hex(l, vma, vma + pb, u.chunk, stop);
		for (unsigned k = pb; k < per_line; k += u.chunk)
			fprintf(l->out, "%*s ", (int)(2 * u.chunk), "");
		fprintf(l->out, "\t%s", u.text);
		while (pb < u.octets) {
			uint64_t j = vma + pb;

			fputc('\n', l->out);
			put_line_addr(l, j);
			pb += per_line;
			if (pb > u.octets)
				pb = u.octets;
			put_hex(l, j, vma + pb, u.chunk, stop);
		}
		fputc('\n', l->out);
		vma += u.octets;
	}
}

/* The address column's width: objdump drops the leading zero digits that
 * every address of the section has, in groups of 4, keeping one group. */
static int address_skip(uint64_t start, uint64_t end)
{
	char buf[20];
	int skip = 0;

	snprintf(buf, sizeof buf, "%016llx", (unsigned long long)end);
	while (buf[skip] == '0')
		skip++;
	if (buf[skip] == 0 && start != 0)
		skip = 0;
	return skip ? (skip - 1) & ~3 : 0;
}

void rv_listing_elf(FILE *out, const struct rv_section *sec, const struct rv_sym *syms,
		    size_t nsyms)
{
	struct listing l = {out, sec->name, sec->code, sec->addr, sec->addr + sec->size, syms,
			    (long)nsyms, address_skip(sec->addr, sec->addr + sec->size), {0}, 0, 0, 0};
	uint64_t vma = l.start;
	long sym, place;

	l.dis.addr = print_addr;
	l.dis.arg = &l;
	l.dis.priv_spec = sec->priv_spec;
	l.relocatable = sec->relocatable;
	for (size_t i = 0; i < nsyms; i++)
		if (!strcmp(syms[i].name, "__global_pointer$"))
			l.dis.gp = syms[i].addr, l.dis.has_gp = 1;

	/* objdump's disassemble_section: a header per symbol of the section */
	sym = place = find_sym(&l, vma, 1);
	while (vma < l.end) {
		int n = addr_with_sym(NULL, 0, &l, sym, vma, 1);
		char *head = malloc(n + 1);
		uint64_t stop;
		long next;

		addr_with_sym(head, n + 1, &l, sym, vma, 1);
		fprintf(out, "\n%s:\n", head);
		free(head);
		if (sym >= 0 && syms[sym].addr > vma) {
			next = sym;
		} else if (sym < 0) {
			next = -1;
		} else {
			while (place < l.nsyms &&
			       !(fits(&syms[place], 1) && syms[place].addr > syms[sym].addr))
				place++;
			next = place < l.nsyms ? place : -1;
		}
		if (sym >= 0 && syms[sym].addr > vma)
			stop = syms[sym].addr;
		else
			stop = next >= 0 ? syms[next].addr : l.end;
		if (stop > l.end)
			stop = l.end;
		list_range(&l, vma, stop);
		vma = stop;
		sym = next;
	}
}

void rv_listing_section(FILE *out, const char *section, const uint8_t *code, size_t n,
			uint64_t addr, const struct rv_sym *syms, size_t nsyms)
{
	struct rv_section sec = {section, code, n, addr, 0, 0};

	rv_listing_elf(out, &sec, syms, nsyms);
}

void rv_listing(FILE *out, const uint8_t *code, size_t n, uint64_t addr,
		const struct rv_sym *syms, size_t nsyms)
{
	rv_listing_section(out, ".text", code, n, addr, syms, nsyms);
}
