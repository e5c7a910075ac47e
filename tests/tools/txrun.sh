#!/bin/sh
# txrun.sh BUILD_DIR ELF [ARGS...]: translate a riscv64 ELF with rv2wasm and
# run the module with friscy run: a FRISCY_RUNNER for tests/interp/run.sh,
# so that its programs also check translated code against qemu.
build=$1 elf=$2
shift 2
"$build/bin/rv2wasm" "$elf" -o "$elf.tx.wasm" || exit 125
exec "$build/bin/friscy" run "$elf.tx.wasm" "$@"
