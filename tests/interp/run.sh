#!/usr/bin/env bash
# tests/interp/run.sh [BUILD_DIR] [NAME...]: differential test of the
# fallback interpreter (rt/interp.c), one program per instruction class.
#
# Every tests/interp/NAME.c, and the C program every NAME.py prints (a fixed
# seed keeps it the same), is built with riscv64-linux-gnu-gcc -static -O2
# -march=rv64gc plus the flags of a "CFLAGS:" line in the source, run under
# qemu-riscv64 and under the runner, and the two "stdout + exit=N" results
# must be equal.  The expectation is qemu's, live: nothing is stored.
#
#   FRISCY_RUNNER  command that runs the riscv64 ELF given as its last
#                  argument; default: tests/tools/elfhost.mjs on
#                  BUILD_DIR/share/friscy/rt.wasm (the interpreter alone)
#   BUILD_DIR      default ./build; outputs go to BUILD_DIR/tests/interp/
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../lib.sh"

build_dir=$T_ROOT/build names=()
for a in "$@"; do
    if [ -f "$HERE/$a.c" ] || [ -f "$HERE/$a.py" ]; then names+=("$a"); else build_dir=$a; fi
done
t_init_build "$build_dir"
if [ ${#names[@]} -eq 0 ]; then
    for f in "$HERE"/*.c "$HERE"/*.py; do
        n=${f##*/}
        names+=("${n%.*}")
    done
fi
out=$T_BUILD/tests/interp
mkdir -p "$out"
t_results_init "$out/results"
read -r -a runner <<<"${FRISCY_RUNNER:-env NODE_PATH=/usr/share/nodejs node --no-warnings $T_ROOT/tests/tools/elfhost.mjs $T_BUILD/share/friscy/rt.wasm}"

for n in "${names[@]}"; do
    src=$HERE/$n.c
    if [ -f "$HERE/$n.py" ]; then
        src=$out/$n.c
        python3 "$HERE/$n.py" >"$src" || { t_fail "$n" "generator failed"; continue; }
    fi
    read -r -a extra <<<"$(sed -n 's/.*CFLAGS: *\([^*]*\).*/\1/p' "$src" | head -n1)"
    if ! "$T_CC" -static -O2 -march=rv64gc "${extra[@]}" -o "$out/$n" "$src" 2>"$out/$n.cc.err"; then
        t_fail "$n" "does not compile: $(head -c 200 "$out/$n.cc.err")"
        continue
    fi
    t_capture "$out/$n.qemu" /dev/null "$T_TIMEOUT" "$T_QEMU" "$out/$n"
    t_capture "$out/$n.run" /dev/null "$T_WASM_TIMEOUT" "${runner[@]}" "$out/$n"
    if diffs=$(t_same "$out/$n.qemu" "$out/$n.run"); then
        t_pass "$n"
    else
        t_fail "$n" "differs from qemu ($(t_quote "${runner[@]}" "$out/$n"); stderr:" \
            "$(head -c 200 "$out/$n.run.err" | tr '\n' ' '))"$'\n'"$diffs"
    fi
done
t_summary
