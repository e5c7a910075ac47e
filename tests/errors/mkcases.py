#!/usr/bin/env python3
"""Make the broken inputs for tests/errors from one small good ELF.

usage: mkcases.py GOOD_ELF OBJECT_FILE OUTDIR

Writes OUTDIR/NAME.elf for every mutation below (plus the plain inputs:
good.elf, rel.o, notelf.txt, empty.elf, adir/). Each mutation breaks exactly
one thing so that the error rv2wasm reports can be about that thing.
ELF layout: System V gABI, "ELF Header" and "Program Header" chapters.
"""
import os
import shutil
import struct
import sys

EHDR = struct.Struct("<16sHHIQQQIHHHHHH")  # Elf64_Ehdr
PHDR = struct.Struct("<IIQQQQQQ")  # Elf64_Phdr: type flags offset vaddr paddr filesz memsz align
PT_LOAD = 1


def ehdr(b):
    f = list(EHDR.unpack_from(b, 0))
    return f  # ident type machine version entry phoff shoff flags ehsize phentsize phnum shentsize shnum shstrndx


def phdrs(b):
    e = ehdr(b)
    phoff, phentsize, phnum = e[5], e[9], e[10]
    return [(phoff + i * phentsize, list(PHDR.unpack_from(b, phoff + i * phentsize))) for i in range(phnum)]


def loads(b):
    return [(off, p) for off, p in phdrs(b) if p[0] == PT_LOAD]


def set_ehdr(b, idx, val):
    e = ehdr(b)
    e[idx] = val
    EHDR.pack_into(b, 0, *e)


def set_phdr(b, off, p):
    PHDR.pack_into(b, off, *p)


def main():
    good_path, obj_path, out = sys.argv[1:4]
    good = open(good_path, "rb").read()
    os.makedirs(out, exist_ok=True)
    cases = {}

    def mutate(name, fn):
        b = bytearray(good)
        fn(b)
        cases[name] = b

    e = ehdr(good)
    phoff, phentsize, phnum = e[5], e[9], e[10]
    l0_off, l0 = loads(good)[0]
    l1_off, l1 = loads(good)[-1]
    assert len(loads(good)) >= 2, "good ELF must have two PT_LOADs"

    cases["truncated_ehdr"] = good[:40]
    cases["truncated_phdrs"] = good[: phoff + phentsize + phentsize // 2]
    # cut in the middle of the last PT_LOAD's file bytes
    cases["truncated_segment"] = good[: l1[2] + l1[5] // 2]

    def elf32(b):
        b[4] = 1  # EI_CLASS = ELFCLASS32

    def bigendian(b):
        b[5] = 2  # EI_DATA = ELFDATA2MSB

    mutate("elf32", elf32)
    mutate("bigendian", bigendian)
    mutate("phoff_beyond_eof", lambda b: set_ehdr(b, 5, len(good) + 4096))
    mutate("phnum_absurd", lambda b: set_ehdr(b, 10, 60000))
    mutate("entry_outside", lambda b: set_ehdr(b, 4, 0x7000_0000))

    def filesz_gt_memsz(b):
        p = list(l1)
        p[6] = p[5] - 16  # memsz smaller than filesz
        set_phdr(b, l1_off, p)

    def load_beyond_eof(b):
        p = list(l1)
        p[2] += 0x100000  # keeps offset == vaddr (mod align)
        set_phdr(b, l1_off, p)

    def overlap(b):
        # the first PT_LOAD's memory (as if it had a .bss) runs 0x100 bytes
        # into the second; offsets and alignment stay consistent
        p = list(l0)
        p[6] = l1[3] - l0[3] + 0x100
        set_phdr(b, l0_off, p)

    def no_load(b):
        for off, p in loads(good):
            p = list(p)
            p[0] = 4  # PT_NOTE
            set_phdr(b, off, p)

    mutate("filesz_gt_memsz", filesz_gt_memsz)
    mutate("load_beyond_eof", load_beyond_eof)
    mutate("overlapping_segments", overlap)
    mutate("no_load", no_load)

    for name, b in cases.items():
        with open(os.path.join(out, name + ".elf"), "wb") as f:
            f.write(b)
    shutil.copyfile(good_path, os.path.join(out, "good.elf"))
    shutil.copyfile(obj_path, os.path.join(out, "rel.o"))
    shutil.copyfile("/bin/true", os.path.join(out, "x86_64.elf"))
    with open(os.path.join(out, "notelf.txt"), "w") as f:
        f.write("#!/bin/sh\necho this is a shell script, not an ELF file\n")
    open(os.path.join(out, "empty.elf"), "wb").close()
    os.makedirs(os.path.join(out, "adir"), exist_ok=True)


if __name__ == "__main__":
    main()
