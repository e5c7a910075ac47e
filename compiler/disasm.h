/*
 * disasm.h: `rv2wasm --disasm`, the whole output of
 * `riscv64-linux-gnu-objdump -d -M no-aliases FILE` (binutils 2.40).
 *
 * Needs the file's own bytes only: addresses, symbols and the privileged
 * spec attribute are read from its section headers as objdump reads them,
 * so a static-pie image lists at its link addresses, not where elf_read()
 * places it.  tests/decode/run.sh diffs this output against objdump.
 */
#ifndef DISASM_H_FRISCY
#define DISASM_H_FRISCY

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "elfread.h"

/* The listing of a file elf_read() accepted, headed with ef->path. */
void disasm_print(FILE *out, const struct elf_file *ef);

/*
 * The same for any RV64 ELF file in buf[0..len) (relocatable objects too),
 * headed with `path` as objdump prints the name it was given.  Returns 0,
 * or -1 without printing anything when libelf cannot read the file.
 * tests/decode/rvdis.c calls this.
 */
int disasm_elf(FILE *out, const char *path, const uint8_t *buf, size_t len);

#endif
