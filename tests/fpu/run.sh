#!/bin/sh
# run.sh: rt/fpu.c (through the rt_ wrappers of rt/fpwrap.c) against
# qemu-riscv64, the ground truth, on every case of cases.h; then the same
# guest program translated by rv2wasm, with fflags cleared and with NX set
# before each operation (which lets translated code take its inline fast
# paths), and once more built never to touch fcsr (-DVALUES_ONLY), which
# rv2wasm translates without keeping flags, its fused operations run both on
# the host's fused madd and in software; exits 1 on any difference.
# Usage: tests/fpu/run.sh [BUILD_DIR] [random cases per op, default 3000]
#
# Also checks that the wrapper list (FPU_RT_OPS in rt/fpu.h), the cases
# here and the RT_EXPORTS line of CMakeLists.txt name the same functions.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$root/build
if [ -d "${1:-}" ]; then build=$1; shift; fi
n=${1:-3000}
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

# compare FILE_A FILE_B WHAT: both sides equal, or report the first lines
compare() {
	lines=$(wc -l <"$1")
	[ "$lines" -gt 0 ] || fail "qemu produced no output ($3)"
	if cmp -s "$1" "$2"; then
		echo "$3 vs qemu-riscv64: $lines operations, all identical"
		return 0
	fi
	ndiff=$(diff "$1" "$2" | grep -c '^<' || true)
	echo "$3 vs qemu-riscv64: $ndiff of $lines lines DIFFER (< qemu, > friscy); the first:" >&2
	diff "$1" "$2" | head -40 >&2
	status=1
}
status=0
compare "$out/qemu.txt" "$out/friscy.txt" fpu

# -- translated code: fast paths and helper calls
[ -x "$build/bin/rv2wasm" ] || fail "$build/bin/rv2wasm missing"
"$build/bin/rv2wasm" "$out/guest" -o "$out/guest.wasm" || fail "rv2wasm failed on the guest"
for mode in zero nx; do
	qemu-riscv64 "$out/guest" "$n" $mode >"$out/qemu-$mode.txt" || fail "the guest failed under qemu ($mode)"
	"$build/bin/friscy" run "$out/guest.wasm" "$n" $mode >"$out/tx-$mode.txt" ||
		fail "the translated guest failed ($mode)"
	compare "$out/qemu-$mode.txt" "$out/tx-$mode.txt" "translated, fflags $mode"
done

# -- translated code of a program that never touches fcsr: rv2wasm drops
# the flags and the frm checks (compiler/cfg/fenv.c), the values must stay
riscv64-linux-gnu-gcc -static -O2 -Wall -DVALUES_ONLY -o "$out/guest-values" "$here/guest.c"
"$build/bin/rv2wasm" --stats "$out/guest-values" -o "$out/guest-values.wasm" 2>"$out/values.stats" ||
	fail "rv2wasm failed on the values-only guest"
grep -q 'fflags never read (not kept), frm never changes' "$out/values.stats" || {
	cat "$out/values.stats" >&2
	fail "rv2wasm kept the FP environment of a program that never touches it"
}
qemu-riscv64 "$out/guest-values" "$n" zero >"$out/qemu-values.txt" || fail "the values-only guest failed under qemu"
"$build/bin/friscy" run "$out/guest-values.wasm" "$n" zero >"$out/tx-values.txt" ||
	fail "the translated values-only guest failed"
compare "$out/qemu-values.txt" "$out/tx-values.txt" "translated, no fflags kept"

# -- the fused operations of that program run on the host's fused madd when
# it has one (rt/host/hwfma.cjs), else on the module's software bodies:
# check both ways
# (an x86-64 host with FMA3, or arm64, has a fused madd)
if grep -qw fma /proc/cpuinfo || [ "$(uname -m)" = aarch64 ]; then want=hardware; else want=software; fi
FRISCY_STATS=1 "$build/bin/friscy" run "$out/guest-values.wasm" 1 zero 2>"$out/values.err" >/dev/null ||
	fail "the translated values-only guest failed"
grep -q "fused multiply-add in $want" "$out/values.err" || {
	cat "$out/values.err" >&2
	fail "the fused operations did not run in $want on this host"
}
# rv2wasm lists where every call of the fma functions is (friscy.fma): as
# many places as wabt's disassembly shows calls, or some would stay software
calls=$(wasm-objdump -d "$out/guest-values.wasm" | grep -cE 'call [0-9]+ <friscy_fma(64|32)>$')
listed=$(node -e "
const b = require('fs').readFileSync(process.argv[1]);
const uleb = (p) => { let v = 0, s = 0, x; do { x = b[p++]; v += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return [v, p]; };
for (let p = 8; p < b.length;) {
  const [size, q] = uleb(p + 1);
  if (b[p] === 0) { const [n, r] = uleb(q); if (b.subarray(r, r + n).toString() === 'friscy.fma') console.log(uleb(r + n)[0]); }
  p = q + size;
}" "$out/guest-values.wasm")
[ "$calls" -gt 2 ] && [ "$calls" = "$listed" ] ||
	fail "friscy.fma lists ${listed:-no} places for $calls calls of the fma functions"
# hwfma.cjs patches the module's bytes in place for its compilation: they
# must be the file's bytes again afterwards (a fallback compiles them)
hwfma=$(cd "$build/share/friscy" && pwd)/hwfma.cjs
node --experimental-wasm-relaxed-simd --no-warnings --input-type=module -e "
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
import hw from '$hwfma';  // CommonJS, imported as an ES module would
const { instantiate } = hw;
const bytes = readFileSync(process.argv[1]), orig = Buffer.from(bytes);
const { fma } = instantiate(bytes, new WASI({ version: 'preview1' }).getImportObject(), {});
if (!bytes.equals(orig)) { console.error('bytes changed (fma ' + fma + ')'); process.exit(1); }
" "$out/guest-values.wasm" || fail "hwfma.cjs left the module's bytes changed"
echo "fused multiply-adds ran in $want (the host's relaxed-SIMD madd); now in software:"
FRISCY_FMA=soft "$build/bin/friscy" run "$out/guest-values.wasm" "$n" zero >"$out/tx-soft.txt" ||
	fail "the translated values-only guest failed (FRISCY_FMA=soft)"
compare "$out/qemu-values.txt" "$out/tx-soft.txt" "translated, no fflags kept, software fma"
exit $status
