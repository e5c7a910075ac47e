#!/bin/sh
# tests/decode/run.sh [BUILD_DIR]: the decoder, rv_listing and
# `rv2wasm --disasm` against riscv64-linux-gnu-objdump -d -M no-aliases
# (binutils 2.40).
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
# The program under test is tests/decode/rvdis.c, built here with
# compiler/disasm.c; set DISASM="path/to/rv2wasm --disasm" to test another
# with the same files.  When BUILD_DIR/bin/rv2wasm exists, `rv2wasm
# --disasm` itself is compared too, on the files a user would give it:
#   rv2wasm-libc           libc as above
#   rv2wasm-libc-stripped  the same after strip: no symbols at all
#   rv2wasm-pie            forms linked -pie (ET_DYN): rv2wasm loads it
#                          elsewhere, the listing keeps the link addresses
# Ends with "N passed, M failed" (cases); exits 1 on any difference and
# prints the first ones.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-./build}
mkdir -p "$build/tests/decode"
out=$(cd "$build/tests/decode" && pwd)
rv2wasm=$(cd "$build" && pwd)/bin/rv2wasm
cross=riscv64-linux-gnu
as="$cross-as -march=rv64gc_zba_zbb_zbs_zicsr_zifencei"
# linked where rv2wasm accepts an image, so DISASM=rv2wasm works as well
ld="$cross-ld --no-relax -Ttext=0x100000 -e _start"
gen="python3 $top/tests/decode/gen-forms.py"
def=$top/compiler/decode/rv64.def
passed=0
failed=0
total=0

${CC:-cc} -std=c11 -O2 -Wall -Wextra -Wno-unused-parameter -D_GNU_SOURCE \
	-I"$top/compiler" -I"$top/compiler/decode" \
	"$top/compiler/decode/decode.c" "$top/compiler/decode/disasm.c" \
	"$top/compiler/decode/listing.c" "$top/compiler/disasm.c" "$top/compiler/util.c" \
	"$top/tests/decode/rvdis.c" -lelf -o "$out/rvdis"
DISASM=${DISASM:-$out/rvdis}

pass() { passed=$((passed + 1)); echo "ok    $*"; }
fail() { failed=$((failed + 1)); echo "FAIL  $*"; }

# compare NAME FILE [PROGRAM ARGS...]: objdump and the program (default
# $DISASM) must print the same for FILE.  objdump lists each FILE once per
# run, into FILE.objdump; the program's listing goes to NAME.ours.
compare() {
	name=$1 file=$2
	shift 2
	[ $# -gt 0 ] || set -- $DISASM
	case " $dumped " in
	*" $file "*) ;;
	*)
		(cd "$out" && $cross-objdump -d -M no-aliases "$file" >"$file.objdump")
		dumped="$dumped $file"
		;;
	esac
	(cd "$out" && "$@" "$file" >"$name.ours") || echo "($* failed)" >>"$out/$name.ours"
	n=$(awk '/^ *[0-9a-f]+:\t/' "$out/$file.objdump" | wc -l)
	total=$((total + n))
	if cmp -s "$out/$file.objdump" "$out/$name.ours"; then
		pass "$name: $n instructions, 0 differences"
	else
		diff "$out/$file.objdump" "$out/$name.ours" >"$out/$name.diff" || true
		fail "$name: $n instructions; $(grep -c '^<' "$out/$name.diff") lines of objdump's" \
			"and $(grep -c '^>' "$out/$name.diff") of ours differ (< objdump, > ours):"
		head -20 "$out/$name.diff"
	fi
}
dumped=

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
	assemble csrs-$spec
	nomap csrs-$spec csrs-$spec.x
	compare csrs-$spec csrs-$spec.x
done

if [ ! -s "$out/libc" ]; then
	printf 'int main(void) { return 0; }\n' >"$out/libc.c"
	# --allow-multiple-definition: libc.a's dso_handle.o repeats crtbeginT.o's
	$cross-gcc -static -O2 "$out/libc.c" -o "$out/libc" -Wl,--allow-multiple-definition \
		-Wl,--whole-archive -lc -lm -Wl,--no-whole-archive 2>/dev/null
fi
compare libc libc

if [ -x "$rv2wasm" ]; then
	$cross-strip -o "$out/libc-stripped" "$out/libc"
	$cross-ld --no-relax -pie --no-dynamic-linker -e _start "$out/forms.o" -o "$out/forms-pie"
	compare rv2wasm-libc libc "$rv2wasm" --disasm
	compare rv2wasm-libc-stripped libc-stripped "$rv2wasm" --disasm
	compare rv2wasm-pie forms-pie "$rv2wasm" --disasm
else
	echo "skip  rv2wasm --disasm: no $rv2wasm (build it first)"
fi

"$out/rvdis" --rows "$out/forms.x" >"$out/rows.seen"
$gen rows "$def" >"$out/rows.all"
missing=$(sort "$out/rows.seen" | comm -13 - "$(sort "$out/rows.all" >"$out/rows.sorted" && echo "$out/rows.sorted")")
if [ -n "$missing" ]; then
	fail "rows of rv64.def that forms.S never decodes to:" $missing
else
	pass "rows: all $(wc -l <"$out/rows.all") rows of rv64.def decoded from forms"
fi

echo "$total instructions compared"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
