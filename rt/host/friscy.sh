#!/bin/sh
# friscy: run a module made by rv2wasm under Node.js (see friscy.cjs).

# Where the rest of friscy is, without a process for it unless $0 is a
# symbolic link (readlink and dirname in a subshell each cost ~3 ms here).
self=$0
[ -L "$self" ] && self=$(readlink -f "$self")
case $self in
*/*) here=${self%/*} ;;
*) here=. ;;
esac

# Node's own malloc gets three glibc tunables.  Where page faults are dear
# (a VM: about 13 us for each 4 KiB page here) they are most of what Node
# spends beyond running the guest:
#  - hugetlb=1: transparent huge pages (madvise) on the large blocks glibc
#    maps -- the module's bytes as read, V8's copy, its code and zones.
#    busybox `echo hi` 340-400 ms -> 190-280 ms.
#  - arena_max=1: V8 compiles with TurboFan on worker threads, and each
#    worker's zone memory came from a per-thread arena that glibc gave back
#    to the kernel after every function, to fault it in again for the next
#    (20-30k faults in a bench kernel's run); one arena shares the main
#    heap, which has huge pages too.
#  - mmap_threshold=32 MiB (glibc's largest), trim_threshold=1 GiB: blocks
#    up to 32 MiB come from that heap, and freed memory stays there.
#    With arena_max: faults 5-8x fewer, `echo hi` 230 -> 190 ms, the bench
#    kernels 8-14 % faster at 20 % of their work, peak RSS the same.
# Older glibc ignores the tunables, and a kernel without THP the first.  The
# guest must see the environment as it was: FRISCY_GUEST_TUNABLES tells
# friscy.cjs what GLIBC_TUNABLES was ("=VALUE", or empty when unset).
if [ "${GLIBC_TUNABLES+set}" = set ]; then
	FRISCY_GUEST_TUNABLES="=$GLIBC_TUNABLES"
else
	FRISCY_GUEST_TUNABLES=
fi
GLIBC_TUNABLES=${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.hugetlb=1:glibc.malloc.arena_max=1
GLIBC_TUNABLES=$GLIBC_TUNABLES:glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824
export GLIBC_TUNABLES FRISCY_GUEST_TUNABLES
# Node 20 reads and parses every certificate of NODE_EXTRA_CA_CERTS (and
# its own bundled roots) when it starts, not when TLS is first used; friscy
# never speaks TLS.  A machine that sets it for every process (this one
# does) paid 25-40 ms of each start for nothing (`node -e 0` 115 -> 75
# ms; `friscy run busybox.wasm echo hi` 186 -> 159 ms, medians of 20-30).
# The guest gets it back through FRISCY_GUEST_CA_CERTS, as above.
if [ "${NODE_EXTRA_CA_CERTS+set}" = set ]; then
	FRISCY_GUEST_CA_CERTS="=$NODE_EXTRA_CA_CERTS"
else
	FRISCY_GUEST_CA_CERTS=
fi
unset NODE_EXTRA_CA_CERTS
export FRISCY_GUEST_CA_CERTS
exec node --no-warnings "$here/../share/friscy/friscy.cjs" "$@"
