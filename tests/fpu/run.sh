#!/bin/sh
# run.sh: rt/fpu.c (through the rt_ wrappers of rt/fpwrap.c) against
# qemu-riscv64, the ground truth, on every case of cases.h; exits 1 on any
# difference.  Usage: tests/fpu/run.sh [random cases per op, default 5000]
#
# Also checks that the wrapper list (FPU_RT_OPS in rt/fpu.h), the cases
# here and the RT_EXPORTS line of CMakeLists.txt name the same functions.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
n=${1:-5000}
out=$(mktemp -d "${TMPDIR:-/tmp}/friscy-fpu.XXXXXX")
trap 'rm -rf "$out"' EXIT INT TERM

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# -- the three lists agree
sed -n 's/^\tX([A-Z_]*, \([a-z_0-9]*\),.*/\1/p' "$root/rt/fpu.h" | sort >"$out/wrappers"
sed -n 's/^\tX([A-Z_0-9]*, [SD], \([a-z_0-9]*\),.*/\1/p' "$here/cases.h" | sort >"$out/cases"
sed -n 's/^set(RT_EXPORTS \(.*\))$/\1/p' "$root/CMakeLists.txt" | tr , '\n' |
	sed -n 's/^_rt_\(f[a-z_0-9]*\)$/\1/p' | sort >"$out/exports"
[ -s "$out/wrappers" ] || fail "no FPU_RT_OPS rows found in rt/fpu.h"
cmp -s "$out/wrappers" "$out/cases" || {
	diff "$out/wrappers" "$out/cases" >&2 || true
	fail "FPU_RT_OPS (<) and tests/fpu/cases.h (>) differ"
}
comm -23 "$out/wrappers" "$out/exports" >"$out/missing"
[ ! -s "$out/missing" ] || {
	sed 's/^/  _rt_/' "$out/missing" >&2
	fail "wrappers missing from RT_EXPORTS in CMakeLists.txt"
}

# -- build both sides
riscv64-linux-gnu-gcc -static -O2 -Wall -o "$out/guest" "$here/guest.c"
${CC:-gcc} -std=c11 -O2 -Wall -I"$root/rt" -o "$out/host" "$here/host.c" \
	"$root/rt/fpwrap.c" "$root/rt/fpu.c"

# -- run and compare
qemu-riscv64 "$out/guest" "$n" >"$out/qemu.txt" &
qpid=$!
"$out/host" "$n" >"$out/friscy.txt"
wait "$qpid" || fail "the guest failed under qemu-riscv64"

lines=$(wc -l <"$out/qemu.txt")
[ "$lines" -gt 0 ] || fail "qemu produced no output"
if cmp -s "$out/qemu.txt" "$out/friscy.txt"; then
	echo "fpu vs qemu-riscv64: $lines operations, all identical"
	exit 0
fi
ndiff=$(diff "$out/qemu.txt" "$out/friscy.txt" | grep -c '^<' || true)
echo "fpu vs qemu-riscv64: $ndiff of $lines lines DIFFER (< qemu, > friscy); the first:" >&2
diff "$out/qemu.txt" "$out/friscy.txt" | head -40 >&2
exit 1
