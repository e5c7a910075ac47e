#!/bin/sh
# test.sh: every test.  Installs what is missing, builds into build/ (or
# $1), runs each suite, and ends with one line "N passed, M failed" over
# all suites.  Exit status 0 only if everything passed.
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
sh "$root/scripts/deps.sh" || exit 1
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || exit 1
cmake --build "$build" -j "$(nproc)" || exit 1

total_pass=0 total_fail=0 failed_suites=""
suite() {
	name=$1; shift
	echo "=== $name"
	log="$build/test-$name.log"
	"$@" >"$log" 2>&1
	rc=$?
	cat "$log"
	line=$(grep -E '^([A-Za-z]+: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
	p=$(echo "$line" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+')
	f=$(echo "$line" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+')
	[ -n "$p" ] || p=0
	[ -n "$f" ] || f=0
	if [ $rc -ne 0 ] && [ "$f" = 0 ]; then f=1; fi
	total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
	[ $rc -eq 0 ] || failed_suites="$failed_suites $name"
}

suite unit sh -c "cd '$build' && ctest --output-on-failure 2>&1; r=\$?; n=\$(ctest -N | grep -c 'Test *#'); if [ \$r = 0 ]; then echo \"\$n passed, 0 failed\"; else echo \"0 passed, \$n failed\"; fi; exit \$r"
for s in decode fpu interp sys run errors busybox; do
	[ -x "$root/tests/$s/run.sh" ] && suite "$s" "$root/tests/$s/run.sh" "$build"
	# the interpreter's programs once more, translated (tests/tools/txrun.sh)
	[ $s = interp ] && suite interp-tx env FRISCY_RUNNER="sh $root/tests/tools/txrun.sh $build" \
		"$root/tests/interp/run.sh" "$build"
done

echo
[ -z "$failed_suites" ] || echo "failed suites:$failed_suites"
echo "$total_pass passed, $total_fail failed"
[ -z "$failed_suites" ]
