/*
 * disasm.c: `rv2wasm --disasm`, the file-level half of objdump's listing;
 * rv_listing_elf (decode/listing.c) prints each section.
 *
 * What it reproduces of binutils 2.40 (binutils/objdump.c dump_bfd and
 * disassemble_data, bfd/elf-attrs.c, opcodes/riscv-dis.c):
 *  - the header "\n%s:     file format elf64-littleriscv\n\n", with the
 *    file name as given;
 *  - every section with SHF_EXECINSTR and contents, in section header
 *    order, after "\nDisassembly of section %s:\n";
 *  - the symbols: .symtab, or .dynsym when there is none, less what
 *    remove_useless_symbols drops (see read_syms), sorted for each section
 *    by compare_symbols, which puts that section's own symbols first among
 *    equal addresses;
 *  - the privileged spec that names CSRs, from the attributes section.
 * Everything comes from the file's own headers, never from struct
 * elf_file's copies: those are relocated by the static-pie bias.
 */
#include <gelf.h>
#include <stdlib.h>
#include <string.h>

#include "disasm.h"
#include "friscy.h"
#include "rv.h"

#ifndef SHT_RISCV_ATTRIBUTES
#define SHT_RISCV_ATTRIBUTES 0x70000003
#endif

struct sym {
	struct rv_sym rv;
	uint64_t size;
	size_t shndx;
	const char *section; /* the name of section shndx, as bfd names it */
	unsigned char type, bind;
	unsigned char own; /* in a section named like the one listed */
};

static int ends_in_object(const char *n)
{
	size_t len = strlen(n);

	return len > 2 && n[len - 2] == '.' && (n[len - 1] == 'o' || n[len - 1] == 'a');
}

static int compiler_label(const char *n)
{
	return strstr(n, "gnu_compiled") || strstr(n, "gcc2_compiled");
}

/* -1 when the one with property a sorts first */
static int rank(int a, int b)
{
	return a == b ? 0 : a ? -1 : 1;
}

/* binutils' compare_symbols, as it decides for ELF symbols: which of the
 * names at one address heads a block or names an address. */
static int compare_symbols(const void *pa, const void *pb)
{
	const struct sym *a = pa, *b = pb;
	int r;

	if (a->rv.addr != b->rv.addr)
		return a->rv.addr < b->rv.addr ? -1 : 1;
	if ((r = rank(a->own, b->own)))
		return r;
	if ((r = -rank(compiler_label(a->rv.name), compiler_label(b->rv.name))))
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

static Elf_Scn *find_section(Elf *e, uint32_t type)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(e, scn)))
		if (gelf_getshdr(scn, &sh) && sh.sh_type == type)
			return scn;
	return NULL;
}

/* The name of section shndx, or bfd's name for where a symbol without
 * one lives. */
static const char *section_name(Elf *e, size_t shstrndx, size_t shndx)
{
	Elf_Scn *scn = shndx < SHN_LORESERVE ? elf_getscn(e, shndx) : NULL;
	GElf_Shdr sh;
	const char *name;

	if (!scn || !gelf_getshdr(scn, &sh) || !(name = elf_strptr(e, shstrndx, sh.sh_name)))
		return "*ABS*";
	return name;
}

/*
 * The symbols objdump keeps (remove_useless_symbols): named, defined, not
 * common; section and file symbols (bfd's BSF_DEBUGGING) only when their
 * name starts with .plt or .got (is_significant_symbol_name).  A section
 * symbol without a name of its own takes its section's (bfd_elf_sym_name).
 * Names point into e's string tables.
 */
static struct sym *read_syms(Elf *e, size_t shstrndx, size_t *count)
{
	Elf_Scn *scn = find_section(e, SHT_SYMTAB);
	GElf_Shdr sh;
	Elf_Data *d;
	struct sym *syms;
	size_t n = 0, total;

	*count = 0;
	/* disassemble_data: the dynamic symbols when bfd reads none from
	 * .symtab, which holds at least the null symbol */
	if (!scn || !gelf_getshdr(scn, &sh) || !sh.sh_entsize || sh.sh_size / sh.sh_entsize < 2)
		scn = find_section(e, SHT_DYNSYM);
	if (!scn || !gelf_getshdr(scn, &sh) || !sh.sh_entsize || !(d = elf_getdata(scn, NULL)))
		return NULL;
	total = sh.sh_size / sh.sh_entsize;
	syms = xcalloc(total, sizeof *syms);
	for (size_t i = 1; i < total; i++) {
		GElf_Sym s;
		const char *name;
		int type;

		if (!gelf_getsym(d, (int)i, &s))
			continue;
		type = GELF_ST_TYPE(s.st_info);
		if (type == STT_SECTION && s.st_name == 0)
			name =
			    s.st_shndx < SHN_LORESERVE ? section_name(e, shstrndx, s.st_shndx) : "";
		else
			name = elf_strptr(e, sh.sh_link, s.st_name);
		if (!name || !*name || s.st_shndx == SHN_UNDEF || s.st_shndx == SHN_COMMON)
			continue;
		if ((type == STT_SECTION || type == STT_FILE) && strncmp(name, ".plt", 4) &&
		    strncmp(name, ".got", 4))
			continue;
		syms[n++] = (struct sym){
		    .rv = {.addr = s.st_value, .name = name},
		    .size = s.st_size,
		    .shndx = s.st_shndx,
		    .section = section_name(e, shstrndx, s.st_shndx),
		    .type = (unsigned char)type,
		    .bind = GELF_ST_BIND(s.st_info),
		};
	}
	*count = n;
	return syms;
}

static uint32_t rd32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/*
 * Collect Tag_RISCV_priv_spec{,_minor,_revision} (tags 8, 10, 12) into
 * v[0..2] from one attributes section, as _bfd_elf_parse_attributes reads
 * it: 'A', then subsections "length:u32 vendor\0 ..." of which only the
 * "riscv" ones count, each a list of "tag:uleb length:u32 ..." of which
 * only Tag_File (1) counts, a list of attributes: a ULEB128 tag and its
 * value, a string for odd tags (riscv_elf_obj_attrs_arg_type), a ULEB128
 * and a string for Tag_compatibility (32), else a ULEB128.  Lengths are
 * clipped to what contains them, as binutils does.
 */
static void read_attributes(const uint8_t *p, size_t n, uint64_t v[3])
{
	const uint8_t *end = p + n;

	if (n == 0 || *p++ != 'A')
		return;
	while (end - p > 4) {
		uint64_t len = rd32(p);
		const uint8_t *sub_end, *q;
		size_t vendor;

		if (len <= 4)
			break;
		sub_end = len < (uint64_t)(end - p) ? p + len : end;
		q = p + 4;
		vendor = strnlen((const char *)q, (size_t)(sub_end - q)) + 1;
		if (vendor >= (size_t)(sub_end - q))
			break;
		if (vendor == 6 && !memcmp(q, "riscv", 6)) {
			q += vendor;
			while (q < sub_end) {
				const uint8_t *at = q, *tags_end;
				uint64_t tag = uleb128(&q, sub_end);

				if (sub_end - q < 4)
					break;
				len = rd32(q);
				q += 4;
				tags_end = len < (uint64_t)(sub_end - at) ? at + len : sub_end;
				while (tag == 1 && q < tags_end) {
					uint64_t t = uleb128(&q, tags_end), val = 0;

					if (t == 32 || t % 2 == 0)
						val = uleb128(&q, tags_end);
					if (t == 32 || t % 2 == 1)
						while (q < tags_end && *q++)
							;
					if (t == 8 || t == 10 || t == 12)
						v[(t - 8) / 2] = val;
				}
				q = tags_end > q ? tags_end : q;
			}
		}
		p = sub_end;
	}
}

/* The priv spec as struct rv_section wants it: 10, 11, 12 for 1.10, 1.11,
 * 1.12, else 0.  Like riscv_get_disassembler, only when the file has a
 * section named .riscv.attributes; values come from every section of the
 * attributes type, the last one winning. */
static int priv_spec(Elf *e, size_t shstrndx)
{
	Elf_Scn *scn = NULL;
	uint64_t v[3] = {0, 0, 0};
	int named = 0;

	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;
		const char *name;

		if (!gelf_getshdr(scn, &sh))
			continue;
		name = elf_strptr(e, shstrndx, sh.sh_name);
		named |= name && !strcmp(name, ".riscv.attributes");
		if (sh.sh_type == SHT_RISCV_ATTRIBUTES && (d = elf_getdata(scn, NULL)) && d->d_buf)
			read_attributes(d->d_buf, d->d_size, v);
	}
	if (!named)
		return 0;
	return v[0] == 1 && v[1] >= 10 && v[1] <= 12 && v[2] == 0 ? (int)v[1] : 0;
}

int disasm_elf(FILE *out, const char *path, const uint8_t *buf, size_t len)
{
	Elf *e;
	Elf_Scn *scn = NULL;
	GElf_Ehdr eh;
	size_t shstrndx, nsyms;
	struct sym *syms;
	struct rv_sym *rs;
	struct rv_section sec = {0};

	elf_version(EV_CURRENT);
	/* ELF_C_READ semantics: libelf copies rather than writes what it
	 * has to convert, so buf stays as it was. */
	e = elf_memory((char *)buf, len);
	if (!e || elf_kind(e) != ELF_K_ELF || !gelf_getehdr(e, &eh) ||
	    elf_getshdrstrndx(e, &shstrndx)) {
		elf_end(e);
		return -1;
	}
	syms = read_syms(e, shstrndx, &nsyms);
	rs = xcalloc(nsyms, sizeof *rs);
	sec.priv_spec = priv_spec(e, shstrndx);
	sec.relocatable = eh.e_type == ET_REL;
	fprintf(out, "\n%s:     file format elf64-littleriscv\n\n", path);
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;
		size_t shndx = elf_ndxscn(scn);
		const char *name;

		if (!gelf_getshdr(scn, &sh) || !(sh.sh_flags & SHF_EXECINSTR) ||
		    sh.sh_type == SHT_NOBITS || sh.sh_size == 0 || !(d = elf_getdata(scn, NULL)) ||
		    !d->d_buf)
			continue;
		name = elf_strptr(e, shstrndx, sh.sh_name);
		sec.name = name ? name : "";
		/* compare_symbols goes by section name, sym_ok by section */
		for (size_t i = 0; i < nsyms; i++)
			syms[i].own = !strcmp(syms[i].section, sec.name);
		if (nsyms)
			qsort(syms, nsyms, sizeof *syms, compare_symbols);
		for (size_t i = 0; i < nsyms; i++) {
			rs[i] = syms[i].rv;
			rs[i].elsewhere = syms[i].shndx != shndx;
		}
		sec.code = d->d_buf;
		sec.size = d->d_size;
		sec.addr = sh.sh_addr;
		fprintf(out, "\nDisassembly of section %s:\n", sec.name);
		rv_listing_elf(out, &sec, rs, nsyms);
	}
	free(rs);
	free(syms);
	elf_end(e);
	return 0;
}

void disasm_print(FILE *out, const struct elf_file *ef)
{
	if (disasm_elf(out, ef->path, ef->buf, ef->len))
		err(ef->path, "cannot read the section headers: %s", elf_errmsg(-1));
}
