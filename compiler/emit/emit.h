/*
 * emit.h: from CFG to one Wasm module, through Binaryen.  The only place
 * that includes binaryen-c.h is compiler/emit/.
 *
 * emit_open() reads rt.wasm and finds the runtime's exports;
 * emit_translate() adds one Wasm function per guest function (nothing in
 * --interp-only mode), which count the instructions they retire when
 * `count` says so; emit_finish() embeds the guest image, generates
 * the rt_gen_* functions rt imports, optimizes, validates and writes.
 */
#ifndef EMIT_H
#define EMIT_H

#include "cfg.h"
#include "elfread.h"
#include "friscy.h"

struct emit;

/* Create the output's temporary file next to it (err() if impossible); it
 * is removed at exit unless emit_finish() renamed it into place. */
void emit_output_open(const char *out);
struct emit *emit_open(const char *rt_path);
void emit_translate(struct emit *e, const struct cfg_prog *cp, int count);
/* Returns the output size in bytes. */
size_t emit_finish(struct emit *e, const struct elf_file *ef, const struct cfg_prog *cp,
		   const struct opts *o);
void emit_close(struct emit *e);

#endif
