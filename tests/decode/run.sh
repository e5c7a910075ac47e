#!/bin/sh
# tests/decode/run.sh [BUILD_DIR]: the decoder and rv_listing against
# riscv64-linux-gnu-objdump -d -M no-aliases (binutils 2.40).
#
# Each case is an ELF file listed twice, by objdump and by the program
# under test, and the two outputs must be identical, every byte of them:
#   forms      every row of rv64.def as gas assembles it (gen-forms.py),
#              with symbols; forms-stripped the same without any
#   raw        encodings as data: free bits of every row varied, all of
#              the 16-bit space, random words, long encodings, zero runs;
#              raw-mapped keeps the $d mapping symbols (data listings)
#   csrs-1.xx  every CSR number under each privileged spec attribute
#   libc       a static -O2 program linked with all of libc.a and libm.a
# and every row of rv64.def must occur in forms: a row no test reaches is
# a bug.
#
# The program under test is tests/decode/rvdis.c, built here; set
# DISASM="path/to/rv2wasm --disasm" to test another with the same files.
# Exits 1 on any difference and prints the first ones.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "${1:-./build}/tests/decode"
out=$(cd "${1:-./build}/tests/decode" && pwd)
cross=riscv64-linux-gnu
as="$cross-as -march=rv64gc_zba_zbb_zbs_zicsr_zifencei"
ld="$cross-ld --no-relax -Ttext=0x10000 -e _start"
gen="python3 $top/tests/decode/gen-forms.py"
def=$top/compiler/decode/rv64.def
fail=0
total=0

${CC:-cc} -std=c11 -O2 -Wall -Wextra -Wno-unused-parameter -I"$top/compiler/decode" \
	"$top/compiler/decode/decode.c" "$top/compiler/decode/disasm.c" \
	"$top/compiler/decode/listing.c" "$top/tests/decode/rvdis.c" -lelf -o "$out/rvdis"
DISASM=${DISASM:-$out/rvdis}

# compare NAME FILE: objdump and $DISASM must print the same
compare() {
	(cd "$out" && $cross-objdump -d -M no-aliases "$2" >"$1.objdump" && $DISASM "$2" >"$1.ours")
	n=$(awk '/^ *[0-9a-f]+:\t/' "$out/$1.objdump" | wc -l)
	total=$((total + n))
	if cmp -s "$out/$1.objdump" "$out/$1.ours"; then
		echo "ok    $1: $n instructions, 0 differences"
	else
		d=$(diff "$out/$1.objdump" "$out/$1.ours" | grep -c '^<' || true)
		echo "FAIL  $1: $n instructions, $d lines differ (< objdump, > ours):"
		diff "$out/$1.objdump" "$out/$1.ours" | head -20
		fail=1
	fi
}

# assemble NAME: NAME.S -> NAME (linked, mapping symbols kept)
assemble() {
	$as "$out/$1.S" -o "$out/$1.o"
	$ld "$out/$1.o" -o "$out/$1"
}

nomap() { $cross-objcopy --wildcard --strip-symbol='$[xd]*' "$out/$1" "$out/$2"; }

$gen forms "$def" >"$out/forms.S"
assemble forms
nomap forms forms.x
$cross-objcopy --strip-all "$out/forms" "$out/forms-stripped"
compare forms forms.x
compare forms-stripped forms-stripped

$gen raw "$def" >"$out/raw.S"
assemble raw
nomap raw raw.x
compare raw raw.x
compare raw-mapped raw

for spec in 1.10 1.11 1.12 none; do
	$gen csrs $spec >"$out/csrs-$spec.S"
	$as "$out/csrs-$spec.S" -o "$out/csrs-$spec.o"
	compare csrs-$spec csrs-$spec.o
done

if [ ! -s "$out/libc" ]; then
	printf 'int main(void) { return 0; }\n' >"$out/libc.c"
	# --allow-multiple-definition: libc.a's dso_handle.o repeats crtbeginT.o's
	$cross-gcc -static -O2 "$out/libc.c" -o "$out/libc" -Wl,--allow-multiple-definition \
		-Wl,--whole-archive -lc -lm -Wl,--no-whole-archive 2>/dev/null
fi
compare libc libc

"$out/rvdis" --rows "$out/forms.x" >"$out/rows.seen"
$gen rows "$def" >"$out/rows.all"
missing=$(sort "$out/rows.seen" | comm -13 - "$(sort "$out/rows.all" >"$out/rows.sorted" && echo "$out/rows.sorted")")
if [ -n "$missing" ]; then
	echo "FAIL  rows of rv64.def that forms.S never decodes to:" $missing
	fail=1
else
	echo "ok    rows: all $(wc -l <"$out/rows.all") rows of rv64.def decoded from forms"
fi

echo "$total instructions compared"
exit $fail
