# tests/lib.sh: shell helpers shared by tests/run, tests/errors and tests/busybox.
#
# Sourced, never run. Provides: locating the tools, running a command with a
# timeout and capturing "stdout + exit=N", comparing results, reading the
# FRISCY_STATS line, a small parallel job pool, and the result bookkeeping
# behind the closing "N passed, M failed" line (parsed by CI).
#
# Result bookkeeping: every check writes one file into $T_RESULTS (a fresh
# directory per suite run); t_pass/t_fail are safe to call from parallel jobs
# because each call creates its own file.

T_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
T_QEMU=${QEMU:-qemu-riscv64}
T_CC=${RISCV_CC:-riscv64-linux-gnu-gcc}
T_TIMEOUT=${T_TIMEOUT:-60}          # seconds for one qemu run
T_WASM_TIMEOUT=${T_WASM_TIMEOUT:-300} # seconds for one friscy run or translation
T_MIN_TRANSLATED=${T_MIN_TRANSLATED:-99}

# t_init_build BUILD_DIR: sets T_BUILD (absolute) and the tool paths.
t_init_build() {
    # The runners take any argument that names no test of theirs for the
    # build directory: one given that does not exist is a misspelt test name.
    if [ ! -d "$1" ] && [ "$1" != "$T_ROOT/build" ]; then
        echo "$(basename "$0"): $1: neither a test here nor a build directory" >&2
        exit 2
    fi
    T_BUILD=$(mkdir -p "$1" && cd "$1" && pwd)
    T_RV2WASM=$T_BUILD/bin/rv2wasm
    T_FRISCY=$T_BUILD/bin/friscy
}

# t_have_friscy: true when both product binaries exist and are executable.
t_have_friscy() { [ -x "$T_RV2WASM" ] && [ -x "$T_FRISCY" ]; }

# t_capture OUT IN TIMEOUT CMD...: runs CMD with stdin from IN, stdout to OUT
# and stderr to OUT.err, core dumps off, then appends "exit=N" to OUT. A guest
# killed by signal N shows as 128+N, as the shell reports it. A timeout shows
# as exit=124 (plus a note in OUT.err). The shell's own "Segmentation fault"
# notices go to /dev/null.
t_capture() {
    local out=$1 in=$2 limit=$3
    shift 3
    local rc
    {
        (
            ulimit -c 0
            exec timeout -k 5 "$limit" "$@" <"$in" >"$out" 2>"$out.err"
        )
    } 2>/dev/null
    rc=$?
    [ $rc -eq 124 ] && echo "timeout after ${limit}s" >>"$out.err"
    # keep "exit=N" on its own line even if the output lacks a final newline
    if [ -s "$out" ] && [ -n "$(tail -c1 "$out")" ]; then echo >>"$out"; fi
    echo "exit=$rc" >>"$out"
    return 0
}

# t_why RC ERRFILE: why a tool run failed, for a failure message.
t_why() {
    if [ "$1" -eq 124 ]; then
        echo "timed out after ${T_WASM_TIMEOUT}s"
    else
        echo "exited $1 ($(grep -v '^warning: active memory segments' "$2" | head -c 200 | tr '\n' ' '))"
    fi
}

# t_exit_of FILE: the N of the last "exit=N" line of a captured result.
t_exit_of() { sed -n 's/^exit=//p' "$1" | tail -n1; }

# t_same EXPECTED ACTUAL: true when equal; otherwise prints the first lines
# of a diff to stdout (to be folded into a failure message).
t_same() {
    cmp -s "$1" "$2" && return 0
    diff "$1" "$2" 2>&1 | head -n 6 | sed 's/^/    | /'
    return 1
}

# t_stats FILE.err: prints "N T PCT" from the friscy FRISCY_STATS line
# ("friscy: N instructions: T translated, I interpreted (P% translated)"),
# PCT recomputed from the counts with two decimals; prints nothing if absent.
t_stats() {
    sed -n 's/^friscy: \([0-9][0-9]*\) instructions: \([0-9][0-9]*\) translated, \([0-9][0-9]*\) interpreted.*/\1 \2 \3/p' "$1" |
        tail -n1 | awk '{ pct = ($1 > 0) ? 100 * $2 / $1 : 100; printf "%s %s %.2f\n", $1, $2, pct }'
}

# t_pct_ok PCT: true when PCT >= T_MIN_TRANSLATED.
t_pct_ok() { awk -v p="$1" -v m="$T_MIN_TRANSLATED" 'BEGIN { exit !(p + 0 >= m + 0) }'; }

# --- results ---------------------------------------------------------------

# t_results_init DIR: empties DIR and makes it the result store.
t_results_init() {
    T_RESULTS=$1
    rm -rf "$T_RESULTS"
    mkdir -p "$T_RESULTS"
}

# t_pass ID / t_fail ID MESSAGE...: record one check. ID is unique per check.
t_pass() { : >"$T_RESULTS/${1//\//_}.pass"; }
t_fail() {
    local id=$1
    shift
    printf 'FAIL %s: %s\n' "$id" "$*" >"$T_RESULTS/${id//\//_}.fail"
}

# t_summary: prints every failure, then "N passed, M failed"; returns 1 if
# anything failed or nothing ran.
t_summary() {
    local p f
    p=$(find "$T_RESULTS" -name '*.pass' | wc -l)
    f=$(find "$T_RESULTS" -name '*.fail' | wc -l)
    if [ "$f" -gt 0 ]; then
        find "$T_RESULTS" -name '*.fail' | sort | xargs cat
    fi
    echo "$p passed, $f failed"
    [ "$f" -eq 0 ] && [ "$p" -gt 0 ]
}

# t_decode ID ELF DUMP WASM: every pc of DUMP (the stderr of `rv2wasm ELF
# -o WASM --dump`) starts an instruction of objdump -d ELF
# (tests/tools/boundary.py); the dump is removed when it does.
t_decode() {
    local id=$1 elf=$2 dump=$3 wasm=$4
    if python3 "$T_ROOT/tests/tools/boundary.py" "$elf" "$dump" >"$wasm.boundary" 2>&1; then
        t_pass "$id"
        rm -f "$dump" # large
    else
        t_fail "$id" "$(tail -n1 "$wasm.boundary"); first: $(head -n1 "$wasm.boundary") ($(t_quote "$T_RV2WASM" "$elf" -o "$wasm" --dump))"
    fi
}

# --- parallel jobs ---------------------------------------------------------

# t_pool_init N; t_pool_run CMD...; t_pool_wait: run at most N jobs at once.
# Jobs report through t_pass/t_fail, not through their exit status.
t_pool_init() { T_POOL_MAX=${1:-2}; }
t_pool_run() {
    while [ "$(jobs -rp | wc -l)" -ge "$T_POOL_MAX" ]; do
        wait -n 2>/dev/null || true
    done
    "$@" &
}
t_pool_wait() { wait; }

# t_quote ARGS...: a copy-pasteable, shell-quoted rendering of ARGS.
t_quote() {
    local out= a
    for a in "$@"; do out+="${out:+ }$(printf '%q' "$a")"; done
    printf '%s' "$out"
}
