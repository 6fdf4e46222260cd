#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds vma-runner (the kernel's mm/vma.c behind a line protocol) the way the TypeScript
# build does:   native/build-vma-dev.sh KDIR OUTDIR    ->  OUTDIR/vma-runner
# KDIR holds Makefile, include/, lib/, mm/ and tools/ (Linux 6.11 or later: tools/testing/vma).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=native/dev-common.sh
. "$HERE/dev-common.sh"
# failalloc (fail-alloc.c) and tree_log (tree-log.c) see the tree through these wraps.
LDFLAGS="$SAN_LDFLAGS -Wl,--wrap=kmem_cache_alloc_lru,--wrap=kmem_cache_alloc_bulk -Wl,--wrap=mas_store_prealloc -Wl,--wrap=mas_store_gfp"
SRC=$HERE/vma-runner
V=$K/tools/testing/vma
kernel_version
mkdir -p "$OUT/obj"

INC="-I$OUT/gen -I$GEN -I$SH -I$V -I$K/tools/include -I$K/lib"
NEED=""
grep -q vma_close "$V/vma_internal.h" || NEED="-DMC_NEED_VMA_CLOSE"
# mprotect gives an unfaulted anonymous mapping's charge back when the tree's own does (6.12).
if grep -qF 'newflags &= ~VM_ACCOUNT' "$K/mm/mprotect.c" 2>/dev/null; then
  NEED="$NEED -DMC_MPROTECT_UNACCOUNT"
fi
# shellcheck disable=SC2086
{
  $CC -c $CFLAGS $MC_WARN -DMC_KERNEL_VERSION="\"$KVER\"" "$SRC/main.c" -o "$OUT/obj/main.o" &
  $CC -c $CFLAGS $MC_WARN "$SRC/fail-alloc.c" -o "$OUT/obj/fail-alloc.o" &
  $CC -c $CFLAGS $INC $NEED -DMM_VMA_H="\"$K/mm/vma.h\"" -DMM_VMA_C="\"$K/mm/vma.c\"" \
    "$SRC/vma-tu.c" -o "$OUT/obj/vma-tu.o" &
  $CC -c $CFLAGS $INC "$SRC/tree-log.c" -o "$OUT/obj/tree-log.o" &
  $CC -c $CFLAGS $INC "$SH/maple-shim.c" -o "$OUT/obj/maple-shim.o" &
  $CC -c $CFLAGS $INC "$SH/linux.c" -o "$OUT/obj/linux.o" &
  for job in $(jobs -p); do wait "$job"; done # a failed compile stops here, not at the link
  $CC $LDFLAGS "$OUT"/obj/*.o $LDLIBS -o "$OUT/vma-runner"
}
echo "$OUT/vma-runner (linux-$KVER)"
