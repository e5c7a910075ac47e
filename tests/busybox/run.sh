#!/usr/bin/env bash
# tests/busybox/run.sh [BUILD_DIR] [-j N]
#
# Debian's static riscv64 busybox (fetched by scripts/fetch-busybox.sh into
# BUILD_DIR/busybox/, never committed) translated by rv2wasm three ways
# (modes wasm: default; count: --count; interp: --interp-only), each module
# checked by wasm-validate; every instruction the translation decoded
# (--dump) must start one of objdump -d (decode, see
# tests/tools/boundary.py). Every case of
# cases.list runs as `busybox APPLET ARGS` under qemu-riscv64 (the reference)
# and under friscy in each mode: stdout and exit status must be equal, and
# with FRISCY_STATS=1 the counting translation must execute at least 99% of
# its instructions translated. Prints failures with a command to reproduce each,
# then "N passed, M failed"; exits 1 on any failure.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../lib.sh"

build_dir=$T_ROOT/build jobs=2
while [ $# -gt 0 ]; do
    case $1 in
    -j) jobs=$2; shift ;;
    -j*) jobs=${1#-j} ;;
    -h | --help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) build_dir=$1 ;;
    esac
    shift
done
t_init_build "$build_dir"
BB=$T_BUILD/busybox
OUT=$BB/out
WORK=$BB/work
rm -rf "$OUT" "$WORK"
mkdir -p "$OUT" "$WORK"
t_results_init "$BB/results"
STATS=$BB/translated.txt
: >"$STATS"
start=$(date +%s)

if ! "$T_ROOT/scripts/fetch-busybox.sh" "$BB"; then
    t_fail fetch "scripts/fetch-busybox.sh $BB failed"
    t_summary
    exit 1
fi

# inputs, generated so nothing binary is committed
{
    printf 'the quick brown fox\njumps over\nthe lazy dog\n\nZebra zebra apple Apple\n'
    printf 'banana\ncherry  pie\napple\nthe lazy dog\n  leading spaces\ntrailing spaces  \n'
} >"$WORK/text.txt"
printf '%s\n' 10 -3 7 100 0 -25 3.5 42 7 1e3 >"$WORK/nums.txt"
python3 -c '
import sys
x = 12345
out = bytearray()
for i in range(200000):
    x = (x * 1103515245 + 12345) & 0x7fffffff
    out.append(x >> 16 & 255)
sys.stdout.buffer.write(out)' >"$WORK/data.bin"
printf 'friscy\x00\x01\x02\xff\xfe binary and text\n\tend' >"$WORK/small.bin"

modes=()
if t_have_friscy; then
    for m in wasm count interp; do
        opt=(--dump)
        [ $m = count ] && opt=(--count)
        [ $m = interp ] && opt=(--interp-only)
        w=$BB/busybox.$m.wasm
        rm -f "$w"
        rc=0
        timeout "$T_WASM_TIMEOUT" "$T_RV2WASM" "$BB/busybox" -o "$w" "${opt[@]}" 2>"$w.err" || rc=$?
        if [ $rc -ne 0 ]; then
            t_fail "translate/$m" "rv2wasm $(t_why $rc "$w.err"): $(t_quote "$T_RV2WASM" "$BB/busybox" -o "$w" "${opt[@]}")"
        elif ! wasm-validate "$w" 2>"$w.validate"; then
            t_fail "translate/$m" "wasm-validate: $(head -n1 "$w.validate"): wasm-validate $w"
        else
            t_pass "translate/$m"
            modes+=("$m")
        fi
        [ $m = wasm ] && [ $rc -eq 0 ] && t_decode decode "$BB/busybox" "$w.err" "$w"
    done
else
    t_fail translate "$T_RV2WASM or $T_FRISCY not built"
fi

# one_case NAME STDIN ARGS...: qemu reference, then each mode
one_case() {
    local name=$1 in=$2
    shift 2
    [ "$in" = - ] && in=/dev/null || in=$WORK/$in
    local ref=$OUT/$name.qemu m res diffs st pct how
    (cd "$WORK" && t_capture "$ref" "$in" "$T_TIMEOUT" "$T_QEMU" "$BB/busybox" "$@")
    if grep -q 'applet not found' "$ref.err"; then
        t_fail "$name/qemu" "busybox has no such applet: $(t_quote "$@")"
        return
    fi
    for m in "${modes[@]}"; do
        res=$OUT/$name.$m
        (cd "$WORK" && FRISCY_STATS=1 t_capture "$res" "$in" "$T_WASM_TIMEOUT" "$T_FRISCY" run "$BB/busybox.$m.wasm" "$@")
        how="cd $WORK && FRISCY_STATS=1 $(t_quote "$T_FRISCY" run "$BB/busybox.$m.wasm" "$@") < $in   (reference: $(t_quote "$T_QEMU" "$BB/busybox" "$@"))"
        if ! diffs=$(t_same "$ref" "$res"); then
            t_fail "$name/$m" "differs from qemu: $how
$diffs"
            continue
        fi
        if [ "$m" = count ]; then
            st=$(t_stats "$res.err")
            if [ -z "$st" ]; then
                t_fail "$name/$m" "no FRISCY_STATS line on stderr: $how"
                continue
            fi
            pct=${st##* }
            echo "$name $st" >>"$STATS"
            if ! t_pct_ok "$pct"; then
                t_fail "$name/$m" "only $pct% of instructions translated: $how"
                continue
            fi
        fi
        t_pass "$name/$m"
    done
    [ ${#modes[@]} -eq 0 ] && t_pass "$name/qemu"
}

t_pool_init "$jobs"
while IFS='|' read -r name in cmd; do
    name=$(echo "$name" | tr -d ' ')
    case $name in '' | '#'*) continue ;; esac
    in=$(echo "$in" | tr -d ' ')
    eval "argv=($cmd)"
    t_pool_run one_case "$name" "$in" "${argv[@]}"
done <"$HERE/cases.list"
t_pool_wait

# the launcher finds its files through a symbolic link to it, from
# anywhere, as `friscy` on PATH and by a relative name (rt/host/friscy.sh)
if [[ " ${modes[*]} " == *" wasm "* ]]; then
    mkdir -p "$WORK/link"
    ln -sf "$T_FRISCY" "$WORK/link/friscy"
    bad=
    for how in "$WORK/link/friscy" link/friscy friscy; do
        got=$(cd "$WORK" && PATH="$WORK/link:$PATH" "$how" run "$BB/busybox.wasm.wasm" echo launched 2>&1)
        [ "$got" = launched ] || bad="$bad [$how: $(echo "$got" | head -n1)]"
    done
    got=$(cd "$(dirname "$T_FRISCY")" && ./friscy run "$BB/busybox.wasm.wasm" echo launched 2>&1)
    [ "$got" = launched ] || bad="$bad [./friscy: $(echo "$got" | head -n1)]"
    if [ -z "$bad" ]; then t_pass launcher; else t_fail launcher "friscy through a link or by a relative name:$bad"; fi
fi

if [ -s "$STATS" ]; then
    sort -k4 -n "$STATS" -o "$STATS"
    awk '{ n++; s += $4; if ($4 < m || n == 1) { m = $4; w = $1 } } END { printf "translated share: %d runs, mean %.2f%%, min %.2f%% (%s)\n", n, s / n, m, w }' "$STATS"
fi
echo "run.sh: $(($(date +%s) - start))s, outputs in $OUT"
t_summary
