#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds maple-explore-runner against a kernel tree, as src/backend/kernel/explore/build.ts does:
#   native/explore/build-dev.sh KDIR OUTDIR   ->  OUTDIR/maple-explore-runner
set -euo pipefail

CC=${CC:-gcc}
# The kernel's translation unit: tsan hooks on every access (volatile told apart), no hook
# per function, and no inline string operations: every mem* is a call the redirect catches.
KFLAGS="-g -O2 -fno-omit-frame-pointer -fno-optimize-sibling-calls -fsanitize=thread --param tsan-distinguish-volatile=1
  --param tsan-instrument-func-entry-exit=0 -fno-builtin-memcpy -fno-builtin-memset
  -fno-builtin-memmove -mstringop-strategy=libcall -Wall -Wextra"
RFLAGS="-g -O2 -fno-omit-frame-pointer -Wall -Wextra"
LDFLAGS="-no-pie"
REDIRECT="--redefine-sym memcpy=mx_memcpy --redefine-sym memset=mx_memset --redefine-sym memmove=mx_memmove"

[ $# -eq 2 ] || { echo "usage: $0 KDIR OUTDIR" >&2; exit 2; }
K=$(cd "$1" && pwd)
mkdir -p "$2"
OUT=$(cd "$2" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
T=$K/tools/testing/radix-tree
if [ -d "$K/tools/testing/shared" ]; then SH=$K/tools/testing/shared; else SH=$T; fi

GEN=$OUT/gen/generated
mkdir -p "$GEN"
echo "#define XA_CHUNK_SHIFT 3" > "$GEN/map-shift.h"
echo "#define CONFIG_64BIT 1" > "$GEN/bit-length.h"
if [ -f "$SH/autoconf.h" ]; then cp "$SH/autoconf.h" "$GEN/autoconf.h"; fi
INC="-I$OUT/gen -I$GEN -I$SH -I$T -I$K/tools/include -I$K/lib"

BT=$($CC -print-file-name=libbacktrace.a)
if [ -f "$BT" ]; then BTLIB=$BT; BTDEF=""; else BTLIB=""; BTDEF="-DMX_NO_LIBBACKTRACE"; fi

OBJ=$OUT/obj
mkdir -p "$OBJ"
# shellcheck disable=SC2086
$CC -c $KFLAGS $INC -DMAPLE_TREE_C="\"$K/lib/maple_tree.c\"" "$HERE/kernel-tu.c" -o "$OBJ/kernel-tu.raw.o"
# shellcheck disable=SC2086
objcopy $REDIRECT "$OBJ/kernel-tu.raw.o" "$OBJ/kernel-tu.o"
objs=("$OBJ/kernel-tu.o")
for c in "$HERE"/*.c; do
  [ "$(basename "$c")" = kernel-tu.c ] && continue
  o=$OBJ/$(basename "${c%.c}").o
  # shellcheck disable=SC2086
  $CC -c $RFLAGS $BTDEF "$c" -o "$o"
  objs+=("$o")
done
# shellcheck disable=SC2086
$CC $LDFLAGS "${objs[@]}" $BTLIB -lpthread -o "$OUT/maple-explore-runner"
echo "$OUT/maple-explore-runner"
