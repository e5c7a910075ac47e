/*
 * rvdis: the test driver for rv_listing and disasm_elf.  Prints what
 * `riscv64-linux-gnu-objdump -d -M no-aliases FILE` prints, so that
 * tests/decode/run.sh can diff the two.
 *
 *   rvdis FILE              an ELF file: every executable section, through
 *                           compiler/disasm.c as `rv2wasm --disasm` does it
 *                           (but relocatable objects too)
 *   rvdis --raw ADDR FILE   raw bytes at ADDR, as one stripped ".text"
 *   rvdis --rows FILE       the rv64.def rows the executable sections of an
 *                           ELF file hold, decoded from start to end
 */
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "disasm.h"
#include "rv.h"

static void fail(const char *what)
{
	fprintf(stderr, "rvdis: %s\n", what);
	exit(2);
}

static uint8_t *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t n = 0, cap = 0, got;

	if (!f)
		fail("cannot open input");
	do {
		if (n == cap && !(buf = realloc(buf, cap = cap ? 2 * cap : 65536)))
			fail("out of memory");
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got);
	fclose(f);
	*len = n;
	return buf;
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

/* Which rows the executable sections hold, in rv64.def's order. */
static void list_rows(const uint8_t *buf, size_t len)
{
	Elf *e;
	Elf_Scn *scn = NULL;
	unsigned char seen[RV_NOPS] = {0};

	elf_version(EV_CURRENT);
	e = elf_memory((char *)buf, len);
	if (!e || elf_kind(e) != ELF_K_ELF)
		fail("not an ELF file");
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;

		if (gelf_getshdr(scn, &sh) && (sh.sh_flags & SHF_EXECINSTR) &&
		    sh.sh_type != SHT_NOBITS && (d = elf_getdata(scn, NULL)) && d->d_buf)
			rows_of(d->d_buf, d->d_size, sh.sh_addr, seen);
	}
	elf_end(e);
	for (unsigned op = 1; op < RV_NOPS; op++)
		if (seen[op])
			printf("%s\n", row_names[op]);
}

int main(int argc, char **argv)
{
	const char *path = argv[argc - 1];
	size_t len;
	uint8_t *buf;

	if (!(argc == 4 && !strcmp(argv[1], "--raw")) &&
	    !(argc == 3 && !strcmp(argv[1], "--rows")) && argc != 2)
		fail("usage: rvdis FILE | rvdis --raw ADDR FILE | rvdis --rows FILE");
	buf = read_file(path, &len);
	if (argc == 4)
		rv_listing(stdout, buf, len, strtoull(argv[2], NULL, 0), NULL, 0);
	else if (argc == 3)
		list_rows(buf, len);
	else if (disasm_elf(stdout, path, buf, len))
		fail("not an ELF file");
	free(buf);
	return 0;
}
