#!/usr/bin/env python3
"""boundary.py ELF DUMP: every instruction rv2wasm decoded (DUMP: the stderr
of `rv2wasm ELF --dump`) must start where objdump's listing of ELF starts
one. A pc in the middle of an instruction means code discovery took data or
an integer for code: a jump table read past its end, or a constant that
happens to fall in .text. Prints the first such pcs with their functions
and exits 1; prints nothing and exits 0 when there are none."""
import re
import subprocess
import sys

elf, dump = sys.argv[1], sys.argv[2]
od = subprocess.run(["riscv64-linux-gnu-objdump", "-d", elf], capture_output=True, text=True, check=True).stdout
starts = {int(a, 16) for a in re.findall(r"^\s+([0-9a-f]+):\t", od, re.M)}
if not starts:
    sys.exit("boundary.py: objdump listed no instructions in " + elf)
func, seen, bad = None, 0, {}
with open(dump, errors="replace") as f:
    for line in f:
        if line.startswith("func "):
            func = line.strip()
            continue
        m = re.match(r"    ([0-9a-f]+): ", line)
        if m:
            seen += 1
            pc = int(m.group(1), 16)
            if pc not in starts:
                bad.setdefault(pc, func)
if not seen:
    sys.exit("boundary.py: no decoded instructions in " + dump + " (was it made with --dump?)")
if bad:
    for pc in sorted(bad)[:10]:
        print("%x (in %s) is not an instruction start in objdump -d" % (pc, bad[pc]))
    print("%d decoded pcs in the middle of instructions" % len(bad))
    sys.exit(1)
