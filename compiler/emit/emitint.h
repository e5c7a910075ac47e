/* emitint.h: state shared by translate.c and link.c (emit/ only). */
#ifndef EMITINT_H
#define EMITINT_H

#include <binaryen-c.h>

#include "emit.h"
#include "rt.h"

struct emit {
	BinaryenModuleRef mod;
	uint32_t cpu;     /* linear address of rt_cpu */
	uint32_t pagemap; /* linear address of rt_pagemap */
	uint32_t icache;  /* ... of rt_icache */
	char **fname; /* Wasm name of translated function i */
	uint8_t *fma_used; /* translated function i calls FMA64_FUNC or FMA32_FUNC */
	size_t nfuncs;
	const struct cfg_prog *cp;
	int count;        /* translated code counts the instructions it retires */
	BinaryenType tx_params; /* of every translated function: (entry, depth) */
};

/* Internal name of rt.wasm's exported function `name`; die() if absent. */
const char *emit_rt_func(struct emit *e, const char *name);

#define TX_TABLE "friscy_tx"      /* table of translated functions */
#define LIMIT_GLOBAL "friscy_limit" /* a translated function entered this deep returns at once */
#define DEPTH_LIMIT 200           /* its value: deeper guest calls go back to the dispatcher */
#define FAULT_FUNC "friscy_fault" /* (addr, pc | is_store): SIGSEGV */
/* the fused multiply-adds (see add_fma in translate.c) */
#define FMA64_FUNC "friscy_fma64"
#define FMA32_FUNC "friscy_fma32"
#define FMA64_PROBE "friscy_fma64_probe"
#define FMA32_PROBE "friscy_fma32_probe"
#define FMA_SECTION "friscy.fma"  /* LEB128 count, then the module offset of each call of an fma function */

/* fmasites.c: FMA_SECTION for the written module m[0, n), to append to it. */
size_t emit_fma_sites(const uint8_t *m, size_t n, const uint32_t *users, size_t nusers, uint32_t fma64,
		      uint32_t fma32, uint8_t **out);

#endif
