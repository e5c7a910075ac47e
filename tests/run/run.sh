#!/usr/bin/env bash
# tests/run/run.sh [BUILD_DIR] [--rebase] [--quick] [--qemu-only] [-j N] [NAME...]
# (a NAME is a program of tests/run, without .c; any other word is BUILD_DIR)
#
# The differential corpus: every tests/run/NAME.c is built with
# riscv64-linux-gnu-gcc -static at -O0, -O2 and -Os (and, for the programs in
# bitmanip.list, at -O2 -march=rv64gc_zba_zbb_zbs), then for each build:
#   qemu      qemu-riscv64 output must equal NAME.expected
#   wasm      rv2wasm (default -O2) -> wasm-validate -> friscy run, must equal
#             NAME.expected
#   count     the same with rv2wasm --count (translated code counts what it
#             retires), and with FRISCY_STATS=1 at least 99% of the executed
#             instructions must be translated (programs whose source says
#             "test: stats-exempt" end in a fault at once and are only
#             reported)
#   interp    rv2wasm --interp-only -> wasm-validate -> friscy run, must equal
#             NAME.expected
#   decode    every instruction rv2wasm decodes (--dump) starts where one
#             starts in objdump -d (tests/tools/boundary.py)
#   same      count and interp retire as many instructions (FRISCY_STATS),
#             unless the program is killed by a signal; all run with
#             FRISCY_SEED=1, as glibc's count depends on its random draws
#             (mkstemp)
# NAME.expected is the program's stdout followed by "exit=N". NAME.args (one
# line, shell quoting allowed) and NAME.stdin are used when present.
#
# --rebase regenerates every NAME.expected from qemu running the -O2 build,
# after checking that all builds of the program agree under qemu (when they do
# not, the test program has a bug: fix the program, not the expectation).
# --quick builds -O2 only. --qemu-only checks the programs against qemu alone
# (for when rv2wasm/friscy are not built); otherwise their absence is a failure.
# Build outputs go to BUILD_DIR/tests/run/ (default BUILD_DIR: ./build).
# Prints one line per failure with a command that reproduces it, a summary of
# translated percentages, then "N passed, M failed"; exits 1 on any failure.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../lib.sh"

build_dir=$T_ROOT/build rebase=0 quick=0 qemu_only=0 jobs=2 only=()
while [ $# -gt 0 ]; do
    case $1 in
    --rebase) rebase=1 ;;
    --quick) quick=1 ;;
    --qemu-only) qemu_only=1 ;;
    -j) jobs=$2; shift ;;
    -j*) jobs=${1#-j} ;;
    -h | --help) sed -n '2,34p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) if [ -f "$HERE/${1%.c}.c" ]; then only+=("${1%.c}"); else build_dir=$1; fi ;;
    esac
    shift
done
t_init_build "$build_dir"
OUT=$T_BUILD/tests/run
mkdir -p "$OUT"
t_results_init "$OUT/results"
STATS=$OUT/translated.txt
: >"$STATS"

# variants: name and compiler flags
VARIANTS=(O0 O2 Os O2zb)
declare -A CFLAGS=([O0]="-O0" [O2]="-O2" [Os]="-Os" [O2zb]="-O2 -march=rv64gc_zba_zbb_zbs")
[ $quick -eq 1 ] && VARIANTS=(O2)

if [ ${#only[@]} -gt 0 ]; then
    names=("${only[@]}")
else
    names=()
    for f in "$HERE"/*.c; do names+=("$(basename "$f" .c)"); done
fi
bitmanip=$(grep -v '^#' "$HERE/bitmanip.list" 2>/dev/null | tr '\n' ' ')

modes=(wasm count interp)
if [ $qemu_only -eq 1 ]; then
    modes=()
elif ! t_have_friscy; then
    echo "run.sh: $T_RV2WASM or $T_FRISCY missing (build them, or pass --qemu-only)" >&2
fi

# build NAME VARIANT: compile unless up to date; prints the binary path.
build() {
    local name=$1 v=$2 src=$HERE/$1.c bin=$OUT/$2/$1
    mkdir -p "$OUT/$v"
    if [ ! -x "$bin" ] || [ "$src" -nt "$bin" ]; then
        # shellcheck disable=SC2086
        "$T_CC" -static -std=gnu11 ${CFLAGS[$v]} -o "$bin" "$src" -lm -latomic 2>"$bin.cc.err" || return 1
    fi
    echo "$bin"
}

# args_of NAME: fills the array ARGS from NAME.args (shell words).
args_of() {
    ARGS=()
    [ -f "$HERE/$1.args" ] && eval "ARGS=($(head -n1 "$HERE/$1.args"))"
    return 0
}
stdin_of() { if [ -f "$HERE/$1.stdin" ]; then echo "$HERE/$1.stdin"; else echo /dev/null; fi; }

# repro CMD...: the command line to reproduce a run by hand (with stdin).
repro() { local in=$1; shift; echo "$(t_quote "$@") < $(t_quote "$in")"; }

# check_wasm NAME V MODE BIN: translate, validate, run under friscy, compare.
check_wasm() {
    local name=$1 v=$2 mode=$3 bin=$4 id="$1/$2/$3" wasm in res
    local topt=(--dump)
    [ "$mode" = count ] && topt=(--count)
    [ "$mode" = interp ] && topt=(--interp-only)
    wasm=$bin.$mode.wasm
    in=$(stdin_of "$name")
    args_of "$name"
    if ! t_have_friscy; then
        t_fail "$id" "rv2wasm/friscy not built in $T_BUILD/bin"
        return
    fi
    rm -f "$wasm"
    local rc=0
    timeout "$T_WASM_TIMEOUT" "$T_RV2WASM" "$bin" -o "$wasm" "${topt[@]}" 2>"$wasm.err" || rc=$?
    if [ $rc -ne 0 ]; then
        t_fail "$id" "rv2wasm $(t_why $rc "$wasm.err"): $(t_quote "$T_RV2WASM" "$bin" -o "$wasm" "${topt[@]}")"
        return
    fi
    if ! wasm-validate "$wasm" 2>"$wasm.validate" >/dev/null; then
        t_fail "$id" "wasm-validate: $(head -n1 "$wasm.validate"): wasm-validate $wasm"
        return
    fi
    [ "$mode" = wasm ] && t_decode "$name/$v/decode" "$bin" "$wasm.err" "$wasm"
    res=$bin.$mode.out
    FRISCY_STATS=1 FRISCY_SEED=1 t_capture "$res" "$in" "$T_WASM_TIMEOUT" "$T_FRISCY" run "$wasm" "${ARGS[@]}"
    local diffs
    if ! diffs=$(t_same "$HERE/$name.expected" "$res"); then
        t_fail "$id" "output differs from $name.expected: FRISCY_STATS=1 FRISCY_SEED=1 $(repro "$in" "$T_FRISCY" run "$wasm" "${ARGS[@]}")
$diffs"
        return
    fi
    if [ "$mode" = count ]; then
        local st pct
        st=$(t_stats "$res.err")
        if [ -z "$st" ]; then
            t_fail "$id" "no FRISCY_STATS line on stderr: FRISCY_STATS=1 FRISCY_SEED=1 $(repro "$in" "$T_FRISCY" run "$wasm" "${ARGS[@]}")"
            return
        fi
        pct=${st##* }
        echo "$name $v $st" >>"$STATS"
        if ! grep -q 'test: stats-exempt' "$HERE/$name.c" && ! t_pct_ok "$pct"; then
            t_fail "$id" "only $pct% of instructions translated (< $T_MIN_TRANSLATED%): FRISCY_STATS=1 FRISCY_SEED=1 $(repro "$in" "$T_FRISCY" run "$wasm" "${ARGS[@]}")"
            return
        fi
    fi
    t_pass "$id"
}

# job NAME VARIANT: build, run under qemu, and (unless --qemu-only) check the
# three wasm modes. In the rebase pre-pass ($1 = -qemu) only builds and runs qemu.
job() {
    local prepass=0
    [ "$1" = -qemu ] && { prepass=1; shift; }
    local name=$1 v=$2 bin in res
    if ! bin=$(build "$name" "$v"); then
        t_fail "$name/$v/build" "compile failed: $(head -n3 "$OUT/$v/$name.cc.err" | tr '\n' ' ')"
        return
    fi
    in=$(stdin_of "$name")
    args_of "$name"
    res=$bin.qemu.out
    t_capture "$res" "$in" "$T_TIMEOUT" "$T_QEMU" "$bin" "${ARGS[@]}"
    [ $prepass -eq 1 ] && return
    local diffs
    if [ ! -f "$HERE/$name.expected" ]; then
        t_fail "$name/$v/qemu" "no $name.expected (run with --rebase)"
    elif diffs=$(t_same "$HERE/$name.expected" "$res"); then
        t_pass "$name/$v/qemu"
    else
        t_fail "$name/$v/qemu" "qemu output differs from $name.expected: $(repro "$in" "$T_QEMU" "$bin" "${ARGS[@]}")
$diffs"
    fi
    local m
    for m in "${modes[@]}"; do check_wasm "$name" "$v" "$m" "$bin"; done
    [ ${#modes[@]} -eq 3 ] && check_count "$name" "$v" "$bin"
}

# check_count NAME V BIN: translated code (--count) and the interpreter
# retire the same number of instructions (FRISCY_STATS counts both).  A program killed
# by a signal is left out: each mode counts up to where it noticed.
check_count() {
    local name=$1 v=$2 bin=$3 a b
    grep -qs 'guest terminated by signal' "$bin.count.out.err" "$bin.interp.out.err" && return
    a=$(t_stats "$bin.count.out.err") b=$(t_stats "$bin.interp.out.err")
    [ -n "$a" ] && [ -n "$b" ] || return # a mode failed, and said so
    if [ "${a%% *}" = "${b%% *}" ]; then
        t_pass "$name/$v/same"
    else
        t_fail "$name/$v/same" "translated code retired ${a%% *} instructions, the interpreter ${b%% *}: FRISCY_STATS=1 FRISCY_SEED=1 $T_FRISCY run $bin.count.wasm, and $bin.interp.wasm"
    fi
}

variants_of() {
    local v
    for v in "${VARIANTS[@]}"; do
        if [ "$v" = O2zb ] && [[ " $bitmanip " != *" $1 "* ]]; then continue; fi
        echo "$v"
    done
}

start=$(date +%s)
t_pool_init "$jobs"

if [ $rebase -eq 1 ]; then
    for n in "${names[@]}"; do
        for v in $(variants_of "$n"); do t_pool_run job -qemu "$n" "$v"; done
    done
    t_pool_wait
    for n in "${names[@]}"; do
        ref=$OUT/O2/$n.qemu.out
        [ -f "$ref" ] || { echo "rebase: $n did not build" >&2; continue; }
        agree=1
        for v in $(variants_of "$n"); do
            if ! cmp -s "$ref" "$OUT/$v/$n.qemu.out"; then
                echo "rebase: $n: $v differs from O2 under qemu: a bug in the test program" >&2
                diff "$ref" "$OUT/$v/$n.qemu.out" | head -n 6 >&2
                agree=0
            fi
        done
        [ $agree -eq 1 ] && cp "$ref" "$HERE/$n.expected"
    done
fi

for n in "${names[@]}"; do
    for v in $(variants_of "$n"); do t_pool_run job "$n" "$v"; done
done
t_pool_wait

if [ -s "$STATS" ]; then
    sort -k5 -n "$STATS" >"$STATS.sorted" && mv "$STATS.sorted" "$STATS"
    echo "translated share per build (lowest first; full list in $STATS):"
    head -n 5 "$STATS" | awk '{ printf "  %-20s %-5s %12s insns %6s%%\n", $1, $2, $3, $5 }'
    awk '{ n++; s += $5; if ($5 < m || n == 1) m = $5 } END { printf "  %d builds, mean %.2f%%, min %.2f%%\n", n, s / n, m }' "$STATS"
fi
echo "run.sh: $(($(date +%s) - start))s, build outputs in $OUT"
t_summary
