#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds vma-runner (the kernel's mm/vma.c behind a line protocol) the way the TypeScript
# build does:   native/build-vma-dev.sh KDIR OUTDIR    ->  OUTDIR/vma-runner
# KDIR holds Makefile, include/, lib/, mm/ and tools/ (Linux 6.11 or later: tools/testing/vma).
set -euo pipefail

# ---- flags (keep in sync with src/backend/kernel/vma/build-vma-runner.ts) ---------------
CC=${CC:-gcc}
CFLAGS="-g -O1 -Wall -D_LGPL_SOURCE -fsanitize=address -fsanitize=undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
LDFLAGS="-fsanitize=address -fsanitize=undefined -Wl,--wrap=kmem_cache_alloc_lru,--wrap=kmem_cache_alloc_bulk -Wl,--wrap=mas_store_prealloc -Wl,--wrap=mas_store_gfp"
LDLIBS="-lpthread -lurcu"
MC_WARN=${MC_WARN--Wextra -Werror}
# -----------------------------------------------------------------------------------------

[ $# -eq 2 ] || { echo "usage: $0 KDIR OUTDIR" >&2; exit 2; }
K=$(cd "$1" && pwd)
mkdir -p "$2"
OUT=$(cd "$2" && pwd)
SRC=$(cd "$(dirname "$0")" && pwd)/vma-runner
V=$K/tools/testing/vma
SH=$K/tools/testing/shared
[ -f "$V/vma_internal.h" ] || { echo "$0: $K has no tools/testing/vma (Linux 6.11 or later)" >&2; exit 2; }

mkv() { sed -n "s/^$1 *= *\([0-9]*\).*/\1/p" "$K/Makefile" | head -1; }
KVER="$(mkv VERSION).$(mkv PATCHLEVEL).$(mkv SUBLEVEL)"

GEN=$OUT/gen/generated
mkdir -p "$GEN" "$OUT/obj"
echo "#define XA_CHUNK_SHIFT 3" > "$GEN/map-shift.h"
echo "#define CONFIG_64BIT 1" > "$GEN/bit-length.h"
cp "$SH/autoconf.h" "$GEN/autoconf.h"

INC="-I$OUT/gen -I$GEN -I$SH -I$V -I$K/tools/include -I$K/lib"
NEED=""
grep -q vma_close "$V/vma_internal.h" || NEED="-DMC_NEED_VMA_CLOSE"
# shellcheck disable=SC2086
{
  $CC -c $CFLAGS $MC_WARN -DMC_KERNEL_VERSION="\"$KVER\"" "$SRC/main.c" -o "$OUT/obj/main.o" &
  $CC -c $CFLAGS $MC_WARN "$SRC/fail-alloc.c" -o "$OUT/obj/fail-alloc.o" &
  $CC -c $CFLAGS $INC $NEED -DMM_VMA_H="\"$K/mm/vma.h\"" -DMM_VMA_C="\"$K/mm/vma.c\"" \
    "$SRC/vma-tu.c" -o "$OUT/obj/vma-tu.o" &
  $CC -c $CFLAGS $INC "$SRC/tree-log.c" -o "$OUT/obj/tree-log.o" &
  $CC -c $CFLAGS $INC "$SH/maple-shim.c" -o "$OUT/obj/maple-shim.o" &
  $CC -c $CFLAGS $INC "$SH/linux.c" -o "$OUT/obj/linux.o" &
  wait
  $CC $LDFLAGS "$OUT"/obj/*.o $LDLIBS -o "$OUT/vma-runner"
}
echo "$OUT/vma-runner (linux-$KVER)"
