#!/bin/sh
# tests/interp/run.sh: differential test of the fallback interpreter.
# Builds each tests/interp/*.c for riscv64 (static, -O2; a "CFLAGS:" line in
# the file adds flags such as -march), and the C program each *.py prints,
# runs it under qemu-riscv64 and under $FRISCY_RUNNER, and compares stdout
# and exit status.
#
#   tests/interp/run.sh [name...]
#   FRISCY_RUNNER   command that runs a riscv64 ELF given as its first
#                   argument (default: the elfhost on build/share/friscy/rt.wasm)
#   FRISCY_BUILD    build directory (default: <repo>/build)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${FRISCY_BUILD:-$root/build}
out=$build/tests/interp
runner=${FRISCY_RUNNER:-"env NODE_PATH=/usr/share/nodejs node $root/tests/tools/elfhost.mjs $build/share/friscy/rt.wasm"}
cc=${RISCV_CC:-riscv64-linux-gnu-gcc}
mkdir -p "$out"

if [ $# -gt 0 ]; then names="$*"; else
	names=$(cd "$here" && ls *.c *.py | sed 's/\.[a-z]*$//')
fi

pass=0 fail=0
for n in $names; do
	src=$here/$n.c
	if [ -f "$here/$n.py" ]; then
		src=$out/$n.c
		python3 "$here/$n.py" >"$src" || { echo "FAIL $n (generator)"; fail=$((fail + 1)); continue; }
	fi
	extra=$(sed -n 's/.*CFLAGS: *\([^*]*\).*/\1/p' "$src" | head -1)
	if ! $cc -static -O2 -march=rv64gc $extra -o "$out/$n" "$src"; then
		echo "FAIL $n (does not compile)"; fail=$((fail + 1)); continue
	fi
	qemu-riscv64 "$out/$n" >"$out/$n.qemu.out" 2>/dev/null
	echo "exit $?" >>"$out/$n.qemu.out"
	$runner "$out/$n" >"$out/$n.run.out" 2>"$out/$n.run.err"
	echo "exit $?" >>"$out/$n.run.out"
	if cmp -s "$out/$n.qemu.out" "$out/$n.run.out"; then
		pass=$((pass + 1))
	else
		echo "FAIL $n"
		diff "$out/$n.qemu.out" "$out/$n.run.out" | head -10
		head -5 "$out/$n.run.err"
		fail=$((fail + 1))
	fi
done
echo "interp: $pass passed, $fail failed"
[ $fail -eq 0 ]
