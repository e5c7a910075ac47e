/*
 * rvdis: the test driver for rv_listing.  Prints what
 * `riscv64-linux-gnu-objdump -d -M no-aliases FILE` prints, so that
 * tests/decode/run.sh can diff the two.
 *
 *   rvdis FILE              an ELF file: every executable section
 *   rvdis --raw ADDR FILE   raw bytes at ADDR, as one stripped ".text"
 *   rvdis --rows FILE       the rv64.def rows the executable sections of an
 *                           ELF file hold, decoded from start to end
 *
 * The symbol list is built the way objdump builds it (binutils/objdump.c:
 * remove_useless_symbols, compare_symbols), because which name heads a
 * block or follows an address depends on it.
 */
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rv.h"

struct sym {
	struct rv_sym rv;
	size_t shndx;
	unsigned char type, bind;
	uint64_t size;
};

static size_t cur_shndx; /* the section being listed, for compare_symbols */

static void die(const char *what)
{
	fprintf(stderr, "rvdis: %s\n", what);
	exit(2);
}

static int ends_in_object(const char *n)
{
	size_t len = strlen(n);

	return len > 2 && n[len - 2] == '.' && (n[len - 1] == 'o' || n[len - 1] == 'a');
}

/* -1 when a sorts first: binutils' compare_symbols for ELF symbols */
static int rank(int a, int b) { return a == b ? 0 : a ? -1 : 1; }

static int compare_symbols(const void *pa, const void *pb)
{
	const struct sym *a = pa, *b = pb;
	int r;

	if (a->rv.addr != b->rv.addr)
		return a->rv.addr < b->rv.addr ? -1 : 1;
	if ((r = rank(a->shndx == cur_shndx, b->shndx == cur_shndx)))
		return r;
	if ((r = -rank(strstr(a->rv.name, "gnu_compiled") || strstr(a->rv.name, "gcc2_compiled"),
		       strstr(b->rv.name, "gnu_compiled") || strstr(b->rv.name, "gcc2_compiled"))))
		return r;
	if ((r = -rank(ends_in_object(a->rv.name), ends_in_object(b->rv.name))))
		return r;
	if ((r = rank(a->type == STT_FUNC, b->type == STT_FUNC)))
		return r;
	if ((r = rank(a->type == STT_OBJECT || a->type == STT_COMMON,
		      b->type == STT_OBJECT || b->type == STT_COMMON)))
		return r;
	if ((r = -rank(a->bind == STB_LOCAL, b->bind == STB_LOCAL)))
		return r;
	if ((r = rank(a->bind == STB_GLOBAL, b->bind == STB_GLOBAL)))
		return r;
	if (a->size != b->size)
		return a->size > b->size ? -1 : 1;
	if ((r = -rank(a->rv.name[0] == '.', b->rv.name[0] == '.')))
		return r;
	return strcmp(a->rv.name, b->rv.name);
}

/* The symbols objdump keeps: named, defined, not section or file symbols. */
static struct sym *read_syms(Elf *e, size_t *count)
{
	Elf_Scn *scn = NULL, *symscn = NULL;
	GElf_Shdr sh;
	struct sym *syms;
	size_t n = 0;

	while ((scn = elf_nextscn(e, scn)))
		if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_SYMTAB)
			symscn = scn;
	if (!symscn)
		while ((scn = elf_nextscn(e, scn)))
			if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_DYNSYM)
				symscn = scn;
	*count = 0;
	if (!symscn)
		return NULL;
	gelf_getshdr(symscn, &sh);
	Elf_Data *d = elf_getdata(symscn, NULL);
	size_t total = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;

	syms = calloc(total + 1, sizeof *syms);
	for (size_t i = 1; i < total; i++) {
		GElf_Sym s;
		const char *name;

		if (!gelf_getsym(d, (int)i, &s))
			continue;
		name = elf_strptr(e, sh.sh_link, s.st_name);
		if (!name || !*name || s.st_shndx == SHN_UNDEF || s.st_shndx == SHN_COMMON ||
		    GELF_ST_TYPE(s.st_info) == STT_SECTION || GELF_ST_TYPE(s.st_info) == STT_FILE)
			continue;
		syms[n].rv.addr = s.st_value;
		syms[n].rv.name = name;
		syms[n].shndx = s.st_shndx;
		syms[n].type = GELF_ST_TYPE(s.st_info);
		syms[n].bind = GELF_ST_BIND(s.st_info);
		syms[n].size = s.st_size;
		n++;
	}
	*count = n;
	return syms;
}

static uint64_t uleb(const uint8_t **p, const uint8_t *end)
{
	uint64_t v = 0;
	int shift = 0;

	while (*p < end) {
		uint8_t b = *(*p)++;

		if (shift < 64)
			v |= (uint64_t)(b & 0x7f) << shift;
		shift += 7;
		if (!(b & 0x80))
			break;
	}
	return v;
}

/*
 * Tag_RISCV_priv_spec{,_minor,_revision} of .riscv.attributes as struct
 * rv_section wants it: 10, 11 or 12 for 1.10, 1.11, 1.12, else 0 (the
 * ELF attribute format: 'A', then "riscv" subsections of Tag_File
 * attributes, ULEB128 tags with ULEB128 or string values).
 */
static int priv_spec(Elf *e, size_t shstrndx)
{
	Elf_Scn *scn = NULL;
	uint64_t v[3] = {0, 0, 0};

	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh) ||
		    strcmp(elf_strptr(e, shstrndx, sh.sh_name), ".riscv.attributes"))
			continue;
		d = elf_getdata(scn, NULL);
		const uint8_t *p = d->d_buf, *end = p + d->d_size;

		if (p == end || *p++ != 'A' || end - p < 4)
			break;
		p += 4; /* subsection length */
		if (strncmp((const char *)p, "riscv", (size_t)(end - p)))
			break;
		p += 6;
		if (end - p < 5 || *p != 1) /* Tag_File */
			break;
		p += 5;
		while (p < end) {
			uint64_t tag = uleb(&p, end);

			if (tag == 5 || (tag >= 32 && tag % 2)) { /* strings */
				while (p < end && *p++)
					;
				continue;
			}
			uint64_t val = uleb(&p, end);

			if (tag == 8 || tag == 10 || tag == 12)
				v[(tag - 8) / 2] = val;
		}
	}
	return v[0] == 1 && v[1] >= 10 && v[1] <= 12 && v[2] == 0 ? (int)v[1] : 0;
}

static const char *const row_names[RV_NOPS] = {
	[RV_ILLEGAL] = "ILLEGAL",
#define RV_INSN(name, mnem, match, mask, fmt, flags) [RV_##name] = #name,
#define RV_CINSN(name, mnem, match, mask, cfmt, base, flags) [RV_##name] = #name,
#include "rv64.def"
};

/* Which rows the bytes hold: .op of full instructions, .cop of compressed. */
static void rows_of(const uint8_t *code, size_t n, uint64_t addr, unsigned char *seen)
{
	struct rv_insn in;

	for (size_t at = 0; at + 2 <= n; at += in.len)
		if (rv_decode(&in, code + at, n - at, addr + at))
			seen[in.len == 2 ? in.cop : in.op] = 1;
}

static void list_elf(const char *path, int rows)
{
	int fd = open(path, O_RDONLY);
	Elf *e;
	Elf_Scn *scn = NULL;
	size_t shstrndx, nsyms;
	struct sym *syms;
	struct rv_sym *rs;
	struct rv_section sec;
	unsigned char seen[RV_NOPS] = {0};

	if (fd < 0)
		die("cannot open input");
	elf_version(EV_CURRENT);
	e = elf_begin(fd, ELF_C_READ, NULL);
	if (!e || elf_kind(e) != ELF_K_ELF || elf_getshdrstrndx(e, &shstrndx))
		die("not an ELF file");
	syms = read_syms(e, &nsyms);
	sec.priv_spec = priv_spec(e, shstrndx);
	rs = calloc(nsyms + 1, sizeof *rs);
	if (!rows)
		printf("\n%s:     file format elf64-littleriscv\n\n", path);
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh) || !(sh.sh_flags & SHF_EXECINSTR) ||
		    sh.sh_type == SHT_NOBITS || sh.sh_size == 0)
			continue;
		d = elf_getdata(scn, NULL);
		cur_shndx = elf_ndxscn(scn);
		qsort(syms, nsyms, sizeof *syms, compare_symbols);
		for (size_t i = 0; i < nsyms; i++) {
			rs[i] = syms[i].rv;
			rs[i].elsewhere = syms[i].shndx != cur_shndx;
		}
		sec.name = elf_strptr(e, shstrndx, sh.sh_name);
		sec.code = d->d_buf;
		sec.size = d->d_size;
		sec.addr = sh.sh_addr;
		if (rows) {
			rows_of(sec.code, sec.size, sec.addr, seen);
			continue;
		}
		printf("\nDisassembly of section %s:\n", sec.name);
		rv_listing_section(stdout, &sec, rs, nsyms);
	}
	for (unsigned op = 1; op < RV_NOPS; op++)
		if (seen[op])
			printf("%s\n", row_names[op]);
	free(rs);
	free(syms);
	elf_end(e);
	close(fd);
}

static void list_raw(uint64_t addr, const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t n = 0, cap = 0, got;

	if (!f)
		die("cannot open input");
	do {
		if (n == cap)
			buf = realloc(buf, cap = cap ? 2 * cap : 65536);
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got);
	fclose(f);
	rv_listing(stdout, buf, n, addr, NULL, 0);
	free(buf);
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "--raw"))
		list_raw(strtoull(argv[2], NULL, 0), argv[3]);
	else if (argc == 3 && !strcmp(argv[1], "--rows"))
		list_elf(argv[2], 1);
	else if (argc == 2)
		list_elf(argv[1], 0);
	else
		die("usage: rvdis FILE | rvdis --raw ADDR FILE | rvdis --rows FILE");
	return 0;
}
