#!/bin/sh
# setup.sh: everything on a fresh Debian 12 machine: install what is
# missing, build into build/ (or $1), then translate and run the bundled
# example program.
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
sh "$root/scripts/deps.sh"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)"
mkdir -p "$build/examples"
riscv64-linux-gnu-gcc -static -O2 -o "$build/examples/hello" "$root/examples/hello.c"
"$build/bin/rv2wasm" "$build/examples/hello" -o "$build/examples/hello.wasm" --stats
echo "--- friscy run hello.wasm world"
"$build/bin/friscy" run "$build/examples/hello.wasm" world
