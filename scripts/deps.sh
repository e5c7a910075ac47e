#!/bin/sh
# deps.sh: install the Debian 12 packages friscy needs, if any is missing.
# Idempotent and quiet when everything is there.
set -e
pkgs="build-essential cmake pkg-config binaryen libelf-dev libcriterion-dev wabt emscripten
      nodejs gcc-riscv64-linux-gnu binutils-riscv64-linux-gnu qemu-user python3 file time"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q $missing
