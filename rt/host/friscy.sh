#!/bin/sh
# friscy: run a module made by rv2wasm under Node.js (see friscy.mjs).
here=$(dirname "$(readlink -f "$0")")
exec node --no-warnings "$here/../share/friscy/friscy.mjs" "$@"
