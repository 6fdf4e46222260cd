#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds the maple-check runner against a kernel tree, the way the TypeScript build does:
#   native/build-dev.sh KDIR OUTDIR    ->  OUTDIR/maple-runner
# KDIR holds at least Makefile, include/, lib/ and tools/ (Linux 6.1 or later).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=native/dev-common.sh
. "$HERE/dev-common.sh"
LDFLAGS=$SAN_LDFLAGS
SRC=$HERE/runner
kernel_version

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
