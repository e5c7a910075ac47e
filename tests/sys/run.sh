#!/usr/bin/env bash
# tests/sys/run.sh [BUILD_DIR] [NAME...]
#
# The syscall/VFS tests: every tests/sys/NAME.c is built with
# riscv64-linux-gnu-gcc -static -O2, run under qemu-riscv64 and under
# $FRISCY_RUNNER (default: node tests/tools/elfhost.mjs BUILD_DIR/share/
# friscy/rt.wasm, i.e. rt.wasm's interpreter), both with stdin from
# /dev/null and stdout to a file; stdout plus "exit=N" must be equal.
# The runner is called as `$FRISCY_RUNNER prog.elf`.
# A program with a NAME.expected is checked against that file instead of a
# live qemu run: it holds Linux behaviour that qemu hands to the host kernel
# and that sandboxed kernels answer differently (the file was made with qemu
# on a stock Linux kernel; --rebase NAME remakes it).
# seed.c also runs with "show" (it prints its random bytes and clocks) three ways:
# twice with FRISCY_SEED=5 (equal), with FRISCY_SEED=6 and without a seed
# (each different from the seeded run and from each other).
# Build outputs go to BUILD_DIR/tests/sys/ (default BUILD_DIR: ./build).
# Prints one line per failure, then "N passed, M failed"; exits 1 on any.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../lib.sh"

build_dir=$T_ROOT/build only=() rebase=0
for a in "$@"; do
    if [ "$a" = --rebase ]; then rebase=1
    elif [ -f "$HERE/${a%.c}.c" ]; then only+=("${a%.c}"); else build_dir=$a; fi
done
t_init_build "$build_dir"
OUT=$T_BUILD/tests/sys
mkdir -p "$OUT"
t_results_init "$OUT/results"
RUNNER=${FRISCY_RUNNER:-node --no-warnings $T_ROOT/tests/tools/elfhost.mjs $T_BUILD/share/friscy/rt.wasm}

if [ ${#only[@]} -eq 0 ]; then
    for f in "$HERE"/*.c; do only+=("$(basename "$f" .c)"); done
fi

one() {
    local n=$1 elf=$OUT/$1
    if ! $T_CC -static -O2 -Wall -o "$elf" "$HERE/$n.c" 2>"$elf.cc.err"; then
        t_fail "$n" "does not compile: $(head -n 3 "$elf.cc.err")"
        return
    fi
    # Run from the output directory so neither run sees the other's cwd.
    local ref=$elf.qemu what=qemu
    if [ -f "$HERE/$n.expected" ] && [ $rebase -eq 0 ]; then
        ref=$HERE/$n.expected what=$n.expected
    else
        (cd "$OUT" && t_capture "$elf.qemu" /dev/null "$T_TIMEOUT" "$T_QEMU" "$elf")
        [ $rebase -eq 1 ] && [ -f "$HERE/$n.expected" ] && cp "$elf.qemu" "$HERE/$n.expected"
    fi
    # shellcheck disable=SC2086 # RUNNER is a command line
    (cd "$OUT" && t_capture "$elf.friscy" /dev/null "$T_WASM_TIMEOUT" $RUNNER "$elf")
    local d
    if d=$(t_same "$ref" "$elf.friscy"); then
        t_pass "$n"
    else
        t_fail "$n" "differs from $what ($(t_quote $RUNNER "$elf"))"$'\n'"$d"
    fi
}

# seed_check: FRISCY_SEED fixes every random byte, and only FRISCY_SEED does.
seed_check() {
    local elf=$OUT/seed r
    [ -x "$elf" ] || return
    for r in 5a:5 5b:5 6:6 none: none2:; do
        # shellcheck disable=SC2086 # RUNNER is a command line
        (cd "$OUT" && FRISCY_SEED=${r#*:} t_capture "$elf.${r%%:*}" /dev/null "$T_WASM_TIMEOUT" $RUNNER "$elf" show)
    done
    if ! cmp -s "$elf.5a" "$elf.5b"; then
        t_fail seed/runs "two runs with FRISCY_SEED=5 differ: $elf.5a $elf.5b"
    elif cmp -s "$elf.5a" "$elf.6" || cmp -s "$elf.5a" "$elf.none" || cmp -s "$elf.none" "$elf.none2"; then
        t_fail seed/runs "a run with another seed or none repeats another: $elf.{5a,6,none,none2}"
    else
        t_pass seed/runs
    fi
}

for n in "${only[@]}"; do one "$n"; done
seed_check
t_summary
