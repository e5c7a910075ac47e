/*
 * elf.c: read and check a RISC-V 64-bit Linux executable (ELF64, little
 * endian, EM_RISCV, ET_EXEC or static-pie ET_DYN).  Program headers are
 * read and checked by hand (they are what the loader trusts); libelf reads
 * sections and symbols, which only guide code discovery.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elfread.h"
#include "friscy.h"
#include "rt.h"

/* static-pie images are placed here (any page-aligned address would do). */
#define PIE_BASE 0x100000u

static uint64_t rd64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static uint32_t rd32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static uint16_t rd16(const uint8_t *p) { return p[0] | p[1] << 8; }

static void slurp(struct elf_file *ef, const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		err(path, "cannot open: %s", strerror(errno));
	if (fstat(fd, &st) < 0)
		err(path, "cannot stat: %s", strerror(errno));
	if (S_ISDIR(st.st_mode))
		err(path, "is a directory");
	if (!S_ISREG(st.st_mode))
		err(path, "not a regular file");
	if (st.st_size == 0)
		err(path, "empty file");
	if (st.st_size > (1 << 30))
		err(path, "file too large (%lld bytes)", (long long)st.st_size);
	ef->len = st.st_size;
	ef->buf = xmalloc(ef->len);
	for (size_t got = 0; got < ef->len;) {
		ssize_t r = read(fd, ef->buf + got, ef->len - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			err(path, "read error: %s", r ? strerror(errno) : "file shrank");
		got += r;
	}
	close(fd);
}

static void read_header(struct elf_file *ef)
{
	const uint8_t *b = ef->buf;
	const char *p = ef->path;

	if (ef->len < 4 || memcmp(b, "\177ELF", 4))
		err(p, "not an ELF file");
	if (ef->len < 64)
		err(p, "truncated ELF header (%zu bytes)", ef->len);
	if (b[EI_CLASS] != ELFCLASS64)
		err(p, "not a 64-bit ELF (class %d)", b[EI_CLASS]);
	if (b[EI_DATA] != ELFDATA2LSB)
		err(p, "not a little-endian ELF");
	if (b[EI_VERSION] != EV_CURRENT)
		err(p, "unknown ELF version %d", b[EI_VERSION]);
	uint16_t type = rd16(b + 16), machine = rd16(b + 18);

	if (machine != EM_RISCV)
		err(p, "not a RISC-V ELF (machine %u)", machine);
	if (type == ET_REL)
		err(p, "relocatable object, not an executable");
	if (type == ET_CORE)
		err(p, "core dump, not an executable");
	if (type != ET_EXEC && type != ET_DYN)
		err(p, "not an executable (ELF type %u)", type);
	ef->is_dyn = type == ET_DYN;
	ef->entry = rd64(b + 24);
	uint64_t phoff = rd64(b + 32);

	ef->phent = rd16(b + 54);
	ef->phnum = rd16(b + 56);
	if (ef->phnum == 0)
		err(p, "no program headers");
	if (ef->phent != 56)
		err(p, "bad program header size %u", ef->phent);
	if (phoff > ef->len || (uint64_t)ef->phnum * 56 > ef->len - phoff)
		err(p, "program headers (offset %#llx, %u entries) extend past end of file",
		    (unsigned long long)phoff, ef->phnum);
}

static void read_segments(struct elf_file *ef)
{
	const char *p = ef->path;
	const uint8_t *ph = ef->buf + rd64(ef->buf + 32);
	uint64_t lo = UINT64_MAX, phoff = rd64(ef->buf + 32);
	int has_interp = 0;

	ef->segs = xcalloc(ef->phnum, sizeof *ef->segs);
	for (unsigned i = 0; i < ef->phnum; i++, ph += 56) {
		uint32_t type = rd32(ph), flags = rd32(ph + 4);
		uint64_t off = rd64(ph + 8), vaddr = rd64(ph + 16);
		uint64_t filesz = rd64(ph + 32), memsz = rd64(ph + 40), align = rd64(ph + 48);

		if (type == PT_INTERP)
			has_interp = 1;
		if (type == PT_DYNAMIC && !ef->is_dyn)
			err(p, "dynamically linked (PT_DYNAMIC); only static executables are supported");
		if (type != PT_LOAD)
			continue;
		if (filesz > memsz)
			err(p, "segment %u: file size %#llx exceeds memory size %#llx", i,
			    (unsigned long long)filesz, (unsigned long long)memsz);
		if (off > ef->len || filesz > ef->len - off)
			err(p, "segment %u: file range %#llx+%#llx extends past end of file (%zu bytes)", i,
			    (unsigned long long)off, (unsigned long long)filesz, ef->len);
		if (align > 1 && (align & (align - 1)))
			err(p, "segment %u: alignment %#llx is not a power of two", i,
			    (unsigned long long)align);
		if (align >= RT_PAGE && (off - vaddr) % RT_PAGE)
			err(p, "segment %u: offset and address disagree modulo the page size", i);
		struct elf_seg *s = &ef->segs[ef->nsegs++];

		s->vaddr = vaddr;
		s->memsz = memsz;
		s->filesz = filesz;
		s->off = off;
		s->prot = (flags & PF_R ? 1 : 0) | (flags & PF_W ? 2 : 0) | (flags & PF_X ? 4 : 0);
		s->data = ef->buf + off;
		if (vaddr < lo)
			lo = vaddr;
		if (off <= phoff && phoff + ef->phnum * 56ull <= off + filesz)
			ef->phdr = vaddr + (phoff - off);
	}
	if (has_interp)
		err(p, "dynamically linked (has an interpreter); only static executables are supported");
	if (!ef->nsegs)
		err(p, "no loadable segments");
	ef->bias = ef->is_dyn ? PIE_BASE - (lo & ~(uint64_t)(RT_PAGE - 1)) : 0;

	/* Everything must fit below the mmap area and stack; keep 1/4 of the
	 * guest space for those. */
	uint64_t limit = RT_GUEST_SIZE / 4 * 3;

	for (size_t i = 0; i < ef->nsegs; i++) {
		struct elf_seg *s = &ef->segs[i];

		s->vaddr += ef->bias;
		if (s->vaddr < RT_GUEST_MIN || s->vaddr > limit || s->memsz > limit - s->vaddr)
			err(p, "segment at %#llx (size %#llx) is outside the supported address range [%#x, %#llx)",
			    (unsigned long long)s->vaddr, (unsigned long long)s->memsz, RT_GUEST_MIN,
			    (unsigned long long)limit);
		for (size_t j = 0; j < i; j++) {
			struct elf_seg *t = &ef->segs[j];

			if (s->vaddr < t->vaddr + t->memsz && t->vaddr < s->vaddr + s->memsz)
				err(p, "segments at %#llx and %#llx overlap", (unsigned long long)t->vaddr,
				    (unsigned long long)s->vaddr);
		}
		if (s->vaddr + s->memsz > ef->brk)
			ef->brk = s->vaddr + s->memsz;
	}
	ef->entry += ef->bias;
	if (ef->phdr)
		ef->phdr += ef->bias;
	const struct elf_seg *es = elf_seg_at(ef, ef->entry, 2);

	if (!es || !(es->prot & 4))
		err(p, "entry point %#llx is not in an executable segment", (unsigned long long)ef->entry);
}

static int cmp_sym(const void *a, const void *b)
{
	const struct elf_sym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* Sections and symbols: optional (stripped files), so problems here make
 * us ignore the section rather than reject the file. */
static void read_sections(struct elf_file *ef)
{
	Elf *e;
	Elf_Scn *scn = NULL;
	size_t shstrndx, nsec;
	VEC(struct elf_sym) syms = {0};

	elf_version(EV_CURRENT);
	e = elf_memory((char *)ef->buf, ef->len);
	if (!e)
		return;
	if (elf_getshdrnum(e, &nsec) || elf_getshdrstrndx(e, &shstrndx) || nsec > 65536) {
		elf_end(e);
		return;
	}
	ef->secs = xcalloc(nsec, sizeof *ef->secs);
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;

		if (!gelf_getshdr(scn, &sh))
			continue;
		const char *name = elf_strptr(e, shstrndx, sh.sh_name);

		if (sh.sh_type != SHT_NOBITS && (sh.sh_offset > ef->len || sh.sh_size > ef->len - sh.sh_offset))
			continue;
		if (sh.sh_flags & SHF_ALLOC) {
			struct elf_sec *s = &ef->secs[ef->nsecs++];

			s->name = xstrdup(name ? name : "");
			s->addr = sh.sh_addr + ef->bias;
			s->size = sh.sh_size;
			s->flags = sh.sh_flags;
			s->type = sh.sh_type;
			s->data = sh.sh_type == SHT_NOBITS ? NULL : ef->buf + sh.sh_offset;
		}
		if (sh.sh_type != SHT_SYMTAB)
			continue;
		Elf_Data *d = elf_getdata(scn, NULL);

		if (!d || !sh.sh_entsize)
			continue;
		for (size_t i = 0; i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Sym sym;

			if (!gelf_getsym(d, i, &sym))
				break;
			int t = GELF_ST_TYPE(sym.st_info);

			if ((t != STT_FUNC && t != STT_OBJECT && t != STT_NOTYPE) || !sym.st_value ||
			    sym.st_shndx == SHN_UNDEF || sym.st_shndx >= SHN_LORESERVE)
				continue;
			const char *n = elf_strptr(e, sh.sh_link, sym.st_name);

			if (!n || !*n || n[0] == '$' || (n[0] == '.' && n[1] == 'L'))
				continue;
			vpush(&syms, ((struct elf_sym){sym.st_value + ef->bias, sym.st_size, xstrdup(n),
							t == STT_FUNC}));
		}
	}
	elf_end(e);
	qsort(syms.v, syms.n, sizeof *syms.v, cmp_sym);
	ef->syms = syms.v;
	ef->nsyms = syms.n;
}

void elf_read(struct elf_file *ef, const char *path)
{
	const char *slash;

	memset(ef, 0, sizeof *ef);
	ef->path = path;
	slash = strrchr(path, '/');
	ef->name = slash ? slash + 1 : path;
	slurp(ef, path);
	read_header(ef);
	read_segments(ef);
	read_sections(ef);
	if (!ef->phdr)
		err(path, "program headers are not inside a loadable segment (AT_PHDR would be unknown)");
}

void elf_free(struct elf_file *ef)
{
	for (size_t i = 0; i < ef->nsecs; i++)
		free((char *)ef->secs[i].name);
	for (size_t i = 0; i < ef->nsyms; i++)
		free((char *)ef->syms[i].name);
	free(ef->secs);
	free(ef->syms);
	free(ef->segs);
	free(ef->buf);
	memset(ef, 0, sizeof *ef);
}

const struct elf_seg *elf_seg_at(const struct elf_file *ef, uint64_t addr, uint64_t len)
{
	for (size_t i = 0; i < ef->nsegs; i++) {
		const struct elf_seg *s = &ef->segs[i];

		if (addr >= s->vaddr && addr - s->vaddr < s->memsz && len <= s->memsz - (addr - s->vaddr))
			return s;
	}
	return NULL;
}

int elf_is_code(const struct elf_file *ef, uint64_t addr)
{
	const struct elf_seg *s = elf_seg_at(ef, addr, 2);
	int any = 0;

	if (!s || !(s->prot & 4) || addr - s->vaddr + 2 > s->filesz)
		return 0;
	for (size_t i = 0; i < ef->nsecs; i++) {
		const struct elf_sec *c = &ef->secs[i];

		if (!(c->flags & SHF_EXECINSTR))
			continue;
		any = 1;
		if (addr >= c->addr && addr - c->addr < c->size)
			return 1;
	}
	return !any;
}

const uint8_t *elf_bytes(const struct elf_file *ef, uint64_t addr, size_t *avail)
{
	for (size_t i = 0; i < ef->nsegs; i++) {
		const struct elf_seg *s = &ef->segs[i];

		if (addr >= s->vaddr && addr - s->vaddr < s->filesz) {
			*avail = s->filesz - (addr - s->vaddr);
			return s->data + (addr - s->vaddr);
		}
	}
	*avail = 0;
	return NULL;
}

const struct elf_sec *elf_section(const struct elf_file *ef, const char *name)
{
	for (size_t i = 0; i < ef->nsecs; i++)
		if (!strcmp(ef->secs[i].name, name))
			return &ef->secs[i];
	return NULL;
}
