#!/usr/bin/env python3
"""gen-forms.py: assembly that exercises every row of rv64.def.

    gen-forms.py forms RV64DEF > forms.S   every row as the assembler spells
                                           it, in many operand variants
    gen-forms.py raw RV64DEF > raw.S       encodings as data: each row with
                                           its free bits varied, all 2^16
                                           compressed words, random words,
                                           long encodings, runs of zeros,
                                           every CSR number
    gen-forms.py rows RV64DEF              the row names, one a line
    gen-forms.py csrs 1.11 > csrs.S        csrrs of every CSR number, in a
                                           file of that privileged spec
                                           ("none": without the attribute)

forms.S is the independent half of the check: riscv64-linux-gnu-as encodes
the mnemonics, so a wrong MATCH/MASK in rv64.def shows up as a row that
never decodes (run.sh checks that every row appears) or as a line that
differs from objdump.  raw.S then lets objdump and rv_listing disagree on
encodings no compiler emits.  Both are deterministic (fixed seeds).
"""
import random
import re
import sys

X = ["zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1",
     "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
     "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"]
F = ["ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1",
     "fa0", "fa1", "fa2", "fa3", "fa4", "fa5", "fa6", "fa7", "fs2", "fs3",
     "fs4", "fs5", "fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9",
     "ft10", "ft11"]
RM = ["", ",rne", ",rtz", ",rdn", ",rup", ",rmm", ",dyn"]
AQRL = ["", ".aq", ".rl", ".aqrl"]
# objdump 2.40 lists these only with rm = rne and gas rejects an rm for them
EXACT = {"FCVT_D_W", "FCVT_D_WU", "FCVT_D_S"}
W_SHIFTS = {"SLLIW", "SRLIW", "SRAIW", "RORIW"}
VARIANTS = 32  # per 32-bit row: every register in every position once


def rows(path):
    text = open(path).read()
    out = []
    for m in re.finditer(r'^RV_INSN\((\w+),\s*"([^"]+)",\s*(0x[0-9a-f]+),\s*'
                         r'(0x[0-9a-f]+),\s*(\w+),', text, re.M):
        out.append((m[1], m[2], int(m[3], 16), int(m[4], 16), m[5], None))
    for m in re.finditer(r'^RV_CINSN\((\w+),\s*"([^"]+)",\s*(0x[0-9a-f]+),\s*'
                         r'(0x[0-9a-f]+),\s*(\w+),\s*(\w+),', text, re.M):
        out.append((m[1], m[2], int(m[3], 16), int(m[4], 16), m[5], m[6]))
    return out


def edge(lo, hi, step, k, rnd):
    """The k-th immediate in [lo, hi], a multiple of step: the extremes
    and the values around zero first, then random ones."""
    fixed = [lo, hi, 0, step, -step, lo + step, hi - step]
    fixed = [v for v in fixed if lo <= v <= hi]
    if k < len(fixed):
        return fixed[k]
    return rnd.randrange(lo // step, hi // step + 1) * step


def fence_set(k):
    return "".join(c for b, c in zip((8, 4, 2, 1), "iorw") if (k % 15 + 1) & b)


def form32(name, mnem, fmt, k, rnd):
    rd, rs1, rs2, rs3 = k, (k + 7) % 32, (k + 13) % 32, (k + 19) % 32
    i12 = edge(-2048, 2047, 1, k, rnd)
    rm = "" if name in EXACT else RM[k % len(RM)]
    ops = {
        "R": f"{X[rd]},{X[rs1]},{X[rs2]}",
        "R1": f"{X[rd]},{X[rs1]}",
        "I": f"{X[rd]},{X[rs1]},{i12}",
        "SHIFT": f"{X[rd]},{X[rs1]},{edge(0, 31 if name in W_SHIFTS else 63, 1, k, rnd)}",
        "LOAD": f"{X[rd]},{i12}({X[rs1]})",
        "STORE": f"{X[rs2]},{i12}({X[rs1]})",
        "B": f"{X[rs1]},{X[rs2]},.{edge(-4096, 4094, 2, k, rnd):+d}",
        "U": f"{X[rd]},{edge(0, 0xfffff, 1, k, rnd):#x}",
        "J": f"{X[rd]},.{edge(-(1 << 20), (1 << 20) - 2, 2, k, rnd):+d}",
        "NONE": None,
        "FENCE": f"{fence_set(k)},{fence_set(k * 7 + 3)}",
        "CSR": f"{X[rd]},{rnd.randrange(4096) if k > 2 else (0, 4095, 3)[k]},{X[rs1]}",
        "CSRI": f"{X[rd]},{rnd.randrange(4096) if k > 2 else (0, 4095, 2)[k]},{k}",
        "LR": f"{X[rd]},({X[rs1]})",
        "AMO": f"{X[rd]},{X[rs2]},({X[rs1]})",
        "F_LOAD": f"{F[rd]},{i12}({X[rs1]})",
        "F_STORE": f"{F[rs2]},{i12}({X[rs1]})",
        "F_R": f"{F[rd]},{F[rs1]},{F[rs2]}",
        "F_R_RM": f"{F[rd]},{F[rs1]},{F[rs2]}{rm}",
        "F_R4_RM": f"{F[rd]},{F[rs1]},{F[rs2]},{F[rs3]}{rm}",
        "F_R1_RM": f"{F[rd]},{F[rs1]}{rm}",
        "F_CMP": f"{X[rd]},{F[rs1]},{F[rs2]}",
        "X_F": f"{X[rd]},{F[rs1]}",
        "X_F_RM": f"{X[rd]},{F[rs1]}{rm}",
        "F_X": f"{F[rd]},{X[rs1]}",
        "F_X_RM": f"{F[rd]},{X[rs1]}{rm}",
    }[fmt]
    if fmt in ("LR", "AMO"):
        mnem += AQRL[k % 4]
    if ops is None:
        return mnem if k == 0 else None
    return f"{mnem}\t{ops}"


def form16(mnem, fmt, k, rnd):
    """The k-th variant of a compressed row, or None when the row has no
    such variant (rows with few operands have few variants)."""
    p = 8 + k % 8                      # x8..x15 for rd'/rs1'/rs2'
    q = 8 + (k + 3) % 8
    r = 1 + k % 31                     # any register but x0
    rn = r if r != 2 else 3            # ... and not sp (c.lui)
    nz6 = edge(-32, 31, 1, k, rnd) or 1
    ops = {
        "C_NONE": None,
        "CIW": f"{X[p]},sp,{edge(4, 1020, 4, k, rnd)}",
        "CL_W": f"{X[p]},{edge(0, 124, 4, k, rnd)}({X[q]})",
        "CL_D": f"{X[p]},{edge(0, 248, 8, k, rnd)}({X[q]})",
        "CL_FD": f"{F[p]},{edge(0, 248, 8, k, rnd)}({X[q]})",
        "CS_W": f"{X[p]},{edge(0, 124, 4, k, rnd)}({X[q]})",
        "CS_D": f"{X[p]},{edge(0, 248, 8, k, rnd)}({X[q]})",
        "CS_FD": f"{F[p]},{edge(0, 248, 8, k, rnd)}({X[q]})",
        "CI_NOP": None,
        "CI": f"{X[r]},{nz6}",
        "CI_LI": f"{X[r]},{edge(-32, 31, 1, k, rnd)}",
        "CI_16SP": f"sp,{edge(-512, 496, 16, k, rnd) or 16}",
        "CI_LUI": f"{X[rn]},{(nz6 & 0xfffff):#x}",
        "CI_SH": f"{X[r]},{edge(1, 63, 1, k, rnd)}",
        "CI_SH0": X[r],
        "CI_LWSP": f"{X[r]},{edge(0, 252, 4, k, rnd)}(sp)",
        "CI_LDSP": f"{X[r]},{edge(0, 504, 8, k, rnd)}(sp)",
        "CI_FLDSP": f"{F[k % 32]},{edge(0, 504, 8, k, rnd)}(sp)",
        "CSS_SWSP": f"{X[k % 32]},{edge(0, 252, 4, k, rnd)}(sp)",
        "CSS_SDSP": f"{X[k % 32]},{edge(0, 504, 8, k, rnd)}(sp)",
        "CSS_FSDSP": f"{F[k % 32]},{edge(0, 504, 8, k, rnd)}(sp)",
        "CB_SH": f"{X[p]},{edge(1, 63, 1, k, rnd)}",
        "CB_SH0": X[p],
        "CB_ANDI": f"{X[p]},{edge(-32, 31, 1, k, rnd)}",
        "CA": f"{X[p]},{X[q]}",
        "CB": f"{X[p]},.{edge(-256, 254, 2, k, rnd):+d}",
        "CJ": f".{edge(-2048, 2046, 2, k, rnd):+d}",
        "CR_JR": X[r],
        "CR_JALR": X[r],
        "CR_MV": f"{X[r]},{X[1 + (k + 5) % 31]}",
        "CR_ADD": f"{X[r]},{X[1 + (k + 5) % 31]}",
    }[fmt]
    if ops is None:
        return mnem if k == 0 else None
    return f"{mnem}\t{ops}"


def forms(table):
    rnd = random.Random(2040)
    print("# generated by tests/decode/gen-forms.py: every row of rv64.def")
    print("\t.option norelax\n\t.text\n\t.globl _start\n_start:")
    # branch targets land up to 1 MiB either side: keep them inside .text
    print("\t.skip 0x100000")
    print("\t.option norvc")
    for n, (name, mnem, match, mask, fmt, base) in enumerate(table):
        if base is not None:
            continue
        print(f"\t.type i_{name.lower()},@function\ni_{name.lower()}:")
        for k in range(VARIANTS):
            line = form32(name, mnem, fmt, k, rnd)
            if line:
                print("\t" + line)
        if name == "FENCE":
            print("\tfence.tso\n\tfence")
    print("\t.option rvc")
    for name, mnem, match, mask, fmt, base in table:
        if base is None:
            continue
        print(f"c_{name.lower()}:")
        for k in range(VARIANTS):
            line = form16(mnem, fmt, k, rnd)
            if line:
                print("\t" + line)
    print("\t.skip 0x100000")


def free_bits(mask, width):
    return [b for b in range(width) if not mask >> b & 1]


def raw(table):
    rnd = random.Random(1913)
    out = ["# generated by tests/decode/gen-forms.py: encodings as data",
           "\t.text", "\t.globl _start", "_start:"]

    def word(v, length):
        out.append(f"\t.{length}byte {v:#x}")

    # each row with its free bits all clear, all set and random
    for name, mnem, match, mask, fmt, base in table:
        width = 16 if base else 32
        bits = free_bits(mask, width)
        out.append(f"r_{name.lower()}:")
        for k in range(64):
            v = match
            for b in bits:
                if k == 1 or (k > 1 and rnd.random() < 0.5):
                    v |= 1 << b
            word(v, width // 8)
    # the whole 16-bit space
    out.append("all16:")
    for v in range(1 << 16):
        if v & 3 != 3:
            word(v, 2)
    # random 32-bit words by major opcode, except the privileged ones
    # objdump knows and rv64.def leaves out (mret, wfi, sfence.vma ...)
    out.append("rand32:")
    n = 0
    while n < 100000:
        v = rnd.getrandbits(32) | 3
        if v >> 2 & 7 == 7 or (v & 0x7f == 0x73 and v >> 12 & 7 in (0, 4)):
            continue
        word(v, 4)
        n += 1
    # CSRs by number, and the encodings objdump counts as longer than 4
    out.append("csrs:")
    for c in range(4096):
        word(c << 20 | 2 << 12 | 10 << 7 | 0x73, 4)
    out.append("long:")
    for lo in (0x1f, 0x3f, 0x7f, 0x107f, 0x207f, 0x307f, 0x607f, 0x707f):
        for k in range(4):
            word(lo, 2)
            for j in range(rnd.randrange(12)):
                word(rnd.getrandbits(16), 2)
    # zero runs of every length up to 20, between symbols and not
    out.append("zeros:")
    for length in range(1, 21):
        out.append("\t.byte " + ",".join(["0"] * length))
        word(0x0001, 2)
        if length % 3 == 0:
            out.append(f"z{length}:")
    out.append("\t.byte 0x13")  # ends in half an instruction
    print("\n".join(out))


def csrs(spec):
    """objdump names CSRs by the file's privileged spec attribute."""
    print("\t.text\n\t.globl _start\n_start:")
    if spec != "none":
        major, minor = spec.split(".")
        print(f"\t.attribute priv_spec, {major}\n\t.attribute priv_spec_minor, {minor}")
    for c in range(4096):
        if spec == "none":  # gas records a spec once it assembles a CSR
            print(f"\t.4byte {c << 20 | 2 << 12 | 10 << 7 | 0x73:#x}")
        else:
            print(f"\tcsrrs\ta0,{c},zero")


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("forms", "raw", "rows", "csrs"):
        sys.exit(__doc__)
    if sys.argv[1] == "csrs":
        return csrs(sys.argv[2])
    table = rows(sys.argv[2])
    if sys.argv[1] == "rows":
        print("\n".join(r[0] for r in table))
    else:
        globals()[sys.argv[1]](table)


if __name__ == "__main__":
    main()
