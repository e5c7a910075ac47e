/*
 * elf.h: the guest program as rv2wasm sees it, read from an RV64 ELF.
 *
 * elf_read() checks everything later passes rely on (class, machine,
 * program headers inside the file, segments inside the guest address
 * space, no overlap) and err()s with the file name otherwise, so later
 * passes can trust the struct.  The file stays mapped in memory; segment
 * and section data point into it.
 */
#ifndef ELF_H_FRISCY
#define ELF_H_FRISCY

#include <stddef.h>
#include <stdint.h>

struct elf_seg {
	uint64_t vaddr, memsz, filesz, off; /* vaddr already relocated by bias */
	uint32_t prot;                      /* 1 R, 2 W, 4 X */
	const uint8_t *data;                /* filesz bytes */
};

struct elf_sec {
	const char *name;
	uint64_t addr, size; /* relocated */
	uint64_t flags;      /* SHF_* */
	uint32_t type;
	const uint8_t *data; /* NULL for NOBITS */
};

struct elf_sym {
	uint64_t addr, size;
	const char *name;
	int is_func;
};

struct elf_file {
	const char *path;
	uint8_t *buf;
	size_t len;
	int is_dyn;        /* ET_DYN (static-pie): loaded at `bias` */
	uint64_t bias;
	uint64_t entry;
	uint64_t phdr;     /* guest address of the program headers */
	uint32_t phnum, phent;
	uint64_t brk;      /* end of the highest segment */
	struct elf_seg *segs;
	size_t nsegs;
	struct elf_sec *secs;
	size_t nsecs;
	struct elf_sym *syms; /* functions and objects, sorted by addr */
	size_t nsyms;
	const char *name;  /* basename of path: the guest's argv[0] */
};

void elf_read(struct elf_file *ef, const char *path);
void elf_free(struct elf_file *ef);

/* Segment containing [addr, addr+len), or NULL. */
const struct elf_seg *elf_seg_at(const struct elf_file *ef, uint64_t addr, uint64_t len);
/* 1 when addr is inside an executable segment's file bytes (and inside an
 * SHF_EXECINSTR section when the file has section headers). */
int elf_is_code(const struct elf_file *ef, uint64_t addr);
/* Pointer to the file bytes of guest address addr with at least *avail
 * bytes after it, or NULL. */
const uint8_t *elf_bytes(const struct elf_file *ef, uint64_t addr, size_t *avail);
const struct elf_sec *elf_section(const struct elf_file *ef, const char *name);

#endif
