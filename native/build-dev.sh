#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds the maple-check runner against a kernel tree, the way the TypeScript build does:
#   native/build-dev.sh KDIR OUTDIR    ->  OUTDIR/maple-runner
# KDIR holds at least Makefile, include/, lib/ and tools/ (Linux 6.1 or later).
set -euo pipefail

# ---- flags (keep in sync with the TypeScript build) -------------------------------------
CC=${CC:-gcc}
CFLAGS="-g -O1 -Wall -D_LGPL_SOURCE -fsanitize=address -fsanitize=undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
LDFLAGS="-fsanitize=address -fsanitize=undefined"
LDLIBS="-lpthread -lurcu"
# Our own files only (never the harness's linux.c): set MC_WARN="" to build without them.
MC_WARN=${MC_WARN--Wextra -Werror}
# -----------------------------------------------------------------------------------------

[ $# -eq 2 ] || { echo "usage: $0 KDIR OUTDIR" >&2; exit 2; }
K=$(cd "$1" && pwd)
mkdir -p "$2"
OUT=$(cd "$2" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$HERE/runner

T=$K/tools/testing/radix-tree
if [ -d "$K/tools/testing/shared" ]; then SH=$K/tools/testing/shared; else SH=$T; fi

mkv() { sed -n "s/^$1 *= *\([0-9]*\).*/\1/p" "$K/Makefile" | head -1; }
MAJOR=$(mkv VERSION); MINOR=$(mkv PATCHLEVEL); SUB=$(mkv SUBLEVEL)
[ -n "$MAJOR" ] && [ -n "$MINOR" ] || { echo "$0: no VERSION/PATCHLEVEL in $K/Makefile" >&2; exit 2; }
KVER="$MAJOR.$MINOR.${SUB:-0}"

GEN=$OUT/gen/generated
mkdir -p "$GEN"
echo "#define XA_CHUNK_SHIFT 3" > "$GEN/map-shift.h"
echo "#define CONFIG_64BIT 1" > "$GEN/bit-length.h"
if [ -f "$SH/autoconf.h" ]; then cp "$SH/autoconf.h" "$GEN/autoconf.h"; fi

INC="-I $OUT/gen -I $GEN -I$SH -I$T -I$K/tools/include -I$K/lib"
DEFS="-DMC_KERNEL_VERSION=\"$KVER\" -DMC_KERNEL_MAJOR=$MAJOR -DMC_KERNEL_MINOR=$MINOR"

OBJ=$OUT/obj
mkdir -p "$OBJ"
objs=()
for c in "$SRC"/*.c; do
  o=$OBJ/$(basename "${c%.c}").o
  extra=""
  [ "$(basename "$c")" = kernel-tu.c ] && extra="-DMAPLE_TREE_C=\"$K/lib/maple_tree.c\""
  # shellcheck disable=SC2086
  $CC -c $CFLAGS $MC_WARN $INC $DEFS $extra "$c" -o "$o" &
  objs+=("$o")
done
# shellcheck disable=SC2086
$CC -c $CFLAGS $INC "$SH/linux.c" -o "$OBJ/linux.o" &
for job in $(jobs -p); do wait "$job"; done
# shellcheck disable=SC2086
$CC $LDFLAGS "${objs[@]}" "$OBJ/linux.o" $LDLIBS -o "$OUT/maple-runner"
echo "$OUT/maple-runner (linux-$KVER)"
