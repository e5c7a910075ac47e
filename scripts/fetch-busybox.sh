#!/usr/bin/env bash
# scripts/fetch-busybox.sh DEST_DIR
#
# Puts Debian's statically linked riscv64 busybox at DEST_DIR/busybox (for
# tests/busybox; never committed). Does nothing if it is already there.
#
# How: a private apt tree in a temporary directory, holding a deb822 sources
# entry for one suite (trixie, then forky, then sid) with Architectures:
# riscv64 on the same mirror as this machine's own Debian entry; apt-get
# update, pick the candidate version of busybox-static for riscv64 (never
# hard-coded), apt-get download busybox-static:riscv64=VERSION, dpkg-deb -x,
# copy bin/busybox (usr/bin/busybox in merged-/usr packages). A suite whose riscv64 index is out of sync on the mirror
# ("File has unexpected size") or whose download fails is skipped for the
# next one.
#
# Why a private tree instead of `dpkg --add-architecture riscv64` plus a file
# in /etc/apt/sources.list.d: this way nothing of the machine's apt or dpkg
# state changes even for a moment (a concurrent `apt-get update` by someone
# else would otherwise trip over a riscv64 architecture that bookworm lacks),
# and there is nothing to restore: the trap only removes the temporary tree.
set -euo pipefail

dest=${1:?usage: fetch-busybox.sh DEST_DIR}
if [ -x "$dest/busybox" ]; then
    exit 0
fi
mkdir -p "$dest"

# the mirror: the URI of the machine's first Debian (non-security) entry
mirror=
for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    mirror=$(awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }' "$f")
    [ -n "$mirror" ] && break
done
if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
    mirror=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^(https?|file|ftp):/) { if ($i !~ /security/) { print $i; exit } else break } }' /etc/apt/sources.list)
fi
mirror=${mirror:-http://deb.debian.org/debian}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

tmp=$(mktemp -d /tmp/friscy-busybox.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/lists/partial" "$tmp/cache/archives/partial" "$tmp/etc/preferences.d" "$tmp/etc/apt.conf.d"
: >"$tmp/status"
apt_opts=(
    -o "Dir::Etc::sourcelist=$tmp/sources.list" -o "Dir::Etc::sourceparts=$tmp/sources.list.d"
    -o "Dir::Etc::preferencesparts=$tmp/etc/preferences.d" -o "Dir::State::Lists=$tmp/lists"
    -o "Dir::Cache=$tmp/cache" -o "Dir::State::status=$tmp/status"
    -o "APT::Architectures::=riscv64" -o "Debug::NoLocking=1" -o "APT::Get::List-Cleanup=0"
    -o "APT::Sandbox::User=root"
)

for suite in trixie forky sid; do
    rm -rf "$tmp/sources.list.d" "$tmp/lists"
    mkdir -p "$tmp/sources.list.d" "$tmp/lists/partial"
    : >"$tmp/sources.list"
    cat >"$tmp/sources.list.d/friscy-riscv64.sources" <<EOF
Types: deb
URIs: $mirror
Suites: $suite
Components: main
Architectures: riscv64
Signed-By: $keyring
EOF
    echo "fetch-busybox: trying $suite on $mirror" >&2
    if ! apt-get "${apt_opts[@]}" update -qq >"$tmp/update.log" 2>&1 ||
        grep -qE '^(E:|W: Failed)|unexpected size' "$tmp/update.log"; then
        echo "fetch-busybox: $suite index unusable: $(grep -E 'E:|W:' "$tmp/update.log" | head -n1)" >&2
        continue
    fi
    version=$(apt-cache "${apt_opts[@]}" madison busybox-static 2>/dev/null |
        awk -F'|' '$3 ~ /riscv64/ { gsub(/ /, "", $2); print $2; exit }')
    if [ -z "$version" ]; then
        echo "fetch-busybox: no busybox-static for riscv64 in $suite" >&2
        continue
    fi
    rm -f "$tmp"/*.deb
    if ! (cd "$tmp" && apt-get "${apt_opts[@]}" download -qq "busybox-static:riscv64=$version") >"$tmp/download.log" 2>&1; then
        echo "fetch-busybox: download of $version from $suite failed: $(tail -n1 "$tmp/download.log")" >&2
        continue
    fi
    deb=$(ls "$tmp"/busybox-static_*_riscv64.deb 2>/dev/null | head -n1)
    [ -n "$deb" ] || continue
    rm -rf "$tmp/x"
    dpkg-deb -x "$deb" "$tmp/x"
    bin=$tmp/x/bin/busybox
    [ -f "$bin" ] || bin=$tmp/x/usr/bin/busybox # merged-/usr packages
    if ! file -L "$bin" | grep -q 'ELF 64-bit LSB.*RISC-V'; then
        echo "fetch-busybox: $deb holds no RISC-V busybox: $(file -L "$bin")" >&2
        continue
    fi
    cp "$bin" "$dest/busybox.part"
    chmod 755 "$dest/busybox.part"
    mv "$dest/busybox.part" "$dest/busybox"
    echo "$version $suite" >"$dest/busybox.version"
    echo "fetch-busybox: busybox-static $version ($suite) -> $dest/busybox" >&2
    exit 0
done
echo "fetch-busybox: no suite gave a riscv64 busybox-static" >&2
exit 1
