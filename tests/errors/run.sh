#!/usr/bin/env bash
# tests/errors/run.sh [BUILD_DIR] [--rebase]
#
# rv2wasm on bad input. mkcases.py turns the small good ELF (good.S) into
# broken ones at test time; cases.list says how rv2wasm is invoked on each and
# the exit status it must give (1: bad input, 2: usage). For every case:
# exit status as listed (never >= 128: a crash), stderr exactly the one line
# in NAME.expected-err, and no file left behind. A control case checks that
# the unbroken ELF translates. --rebase rewrites NAME.expected-err from what
# rv2wasm prints now, for cases whose exit status, single line and clean
# directory are already right (review the diff: the message must name the
# file and say what is wrong). Prints "N passed, M failed"; exits 1 on any failure.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../lib.sh"

build_dir=$T_ROOT/build rebase=0
for a in "$@"; do
    case $a in
    --rebase) rebase=1 ;;
    -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run.sh: unknown option $a" >&2; exit 2 ;;
    *) build_dir=$a ;;
    esac
done
t_init_build "$build_dir"
OUT=$T_BUILD/tests/errors
rm -rf "$OUT/inputs" "$OUT/cases"
mkdir -p "$OUT/inputs" "$OUT/cases"
t_results_init "$OUT/results"

if ! "$T_CC" -nostdlib -static -Wl,--build-id=none -o "$OUT/good" "$HERE/good.S" ||
    ! "$T_CC" -c -o "$OUT/rel.o" "$HERE/good.S" ||
    ! python3 "$HERE/mkcases.py" "$OUT/good" "$OUT/rel.o" "$OUT/inputs"; then
    t_fail setup "could not make the inputs"
    t_summary
    exit 1
fi
if [ ! -x "$T_RV2WASM" ]; then
    t_fail setup "$T_RV2WASM not built"
    t_summary
    exit 1
fi

# fresh_dir NAME: a directory with a copy of every input; prints its path
fresh_dir() {
    local d=$OUT/cases/$1
    rm -rf "$d"
    cp -r "$OUT/inputs" "$d"
    echo "$d"
}

# control: the unbroken input must translate and validate
d=$(fresh_dir control)
if (cd "$d" && timeout "$T_WASM_TIMEOUT" "$T_RV2WASM" good.elf -o good.wasm) 2>"$OUT/control.err" &&
    wasm-validate "$d/good.wasm" 2>>"$OUT/control.err"; then
    t_pass control
else
    t_fail control "the good ELF does not translate: cd $d && $T_RV2WASM good.elf -o good.wasm: $(head -n2 "$OUT/control.err" | tr '\n' ' ')"
fi

while read -r name want args; do
    case $name in '' | '#'*) continue ;; esac
    d=$(fresh_dir "$name")
    eval "argv=($args)"
    before=$(cd "$d" && find . | sort)
    (cd "$d" && exec timeout "$T_WASM_TIMEOUT" "$T_RV2WASM" "${argv[@]}") >"$OUT/$name.stdout" 2>"$OUT/$name.err"
    rc=$?
    after=$(cd "$d" && find . | sort)
    how="cd $d && $(t_quote "$T_RV2WASM" "${argv[@]}")"
    lines=$(wc -l <"$OUT/$name.err")
    # --rebase takes the message only from a run that is otherwise right
    if [ $rebase -eq 1 ] && [ "$rc" = "$want" ] && [ "$before" = "$after" ] && [ "$lines" -eq 1 ]; then
        cp "$OUT/$name.err" "$HERE/$name.expected-err"
    fi
    if [ "$rc" -ge 128 ]; then
        t_fail "$name" "crashed (exit $rc): $how"
    elif [ "$rc" != "$want" ]; then
        t_fail "$name" "exit $rc, want $want: $how"
    elif [ "$before" != "$after" ]; then
        t_fail "$name" "left files behind ($(comm -13 <(echo "$before") <(echo "$after") | tr '\n' ' ')): $how"
    elif [ "$lines" -ne 1 ] || [ -n "$(tail -c1 "$OUT/$name.err")" ]; then
        t_fail "$name" "stderr is $lines lines, want exactly one: $how"
    elif [ ! -f "$HERE/$name.expected-err" ]; then
        t_fail "$name" "no $name.expected-err (run with --rebase)"
    elif ! cmp -s "$HERE/$name.expected-err" "$OUT/$name.err"; then
        t_fail "$name" "stderr '$(head -c 200 "$OUT/$name.err")', want '$(cat "$HERE/$name.expected-err")': $how"
    else
        t_pass "$name"
    fi
done <"$HERE/cases.list"
t_summary
