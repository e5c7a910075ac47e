#!/bin/sh
# friscy: run a module made by rv2wasm under Node.js (see friscy.mjs).
#
# glibc.malloc.hugetlb=1 has glibc's malloc ask for transparent huge pages
# (madvise) on the large blocks it maps: the bytes of the module as read,
# V8's copy of them and V8's code and zone memory.  Where faults are dear
# (a VM: about 13 us for each 4 KiB page here) that is most of start-up:
# busybox `echo hi` 340-400 ms -> 190-280 ms, peak RSS the same.  Older
# glibc ignores the tunable, and so does a kernel without THP.  The guest
# must see the environment as it was: FRISCY_GUEST_TUNABLES tells
# friscy.mjs what GLIBC_TUNABLES was ("=VALUE", or empty when unset).
here=$(dirname "$(readlink -f "$0")")
if [ "${GLIBC_TUNABLES+set}" = set ]; then
	FRISCY_GUEST_TUNABLES="=$GLIBC_TUNABLES"
else
	FRISCY_GUEST_TUNABLES=
fi
GLIBC_TUNABLES=${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.hugetlb=1
export GLIBC_TUNABLES FRISCY_GUEST_TUNABLES
exec node --no-warnings "$here/../share/friscy/friscy.mjs" "$@"
