# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by native/build-dev.sh and build-vma-dev.sh, with their command line: KDIR OUTDIR.
# (native/explore/build-dev.sh ships in the package, which has no native/ top level: it keeps
# its own few lines of this.) Sets K and OUT, the harness's shared folder SH (T, the
# radix-tree harness, on trees that have no tools/testing/shared), GEN with the generated
# headers the harness expects, and the flags of the two sanitizer-built runners.

# ---- flags of the ASan/UBSan runners (keep in sync with src/backend/kernel/build.ts and
# src/backend/kernel/vma/build-vma-runner.ts) -----------------------------------------------
CC=${CC:-gcc}
CFLAGS="-g -O1 -Wall -D_LGPL_SOURCE -fsanitize=address -fsanitize=undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
SAN_LDFLAGS="-fsanitize=address -fsanitize=undefined"
LDLIBS="-lpthread -lurcu"
# Our own files only (never the harness's linux.c): set MC_WARN="" to build without them.
MC_WARN=${MC_WARN--Wextra -Werror}
# -----------------------------------------------------------------------------------------

[ $# -eq 2 ] || { echo "usage: $0 KDIR OUTDIR" >&2; exit 2; }
K=$(cd "$1" && pwd)
mkdir -p "$2"
OUT=$(cd "$2" && pwd)
T=$K/tools/testing/radix-tree
if [ -d "$K/tools/testing/shared" ]; then SH=$K/tools/testing/shared; else SH=$T; fi

GEN=$OUT/gen/generated
mkdir -p "$GEN"
echo "#define XA_CHUNK_SHIFT 3" > "$GEN/map-shift.h"
echo "#define CONFIG_64BIT 1" > "$GEN/bit-length.h"
if [ -f "$SH/autoconf.h" ]; then cp "$SH/autoconf.h" "$GEN/autoconf.h"; fi

# The tree's version from its Makefile: MAJOR, MINOR, SUB and KVER.
kernel_version() {
  mkv() { sed -n "s/^$1 *= *\([0-9]*\).*/\1/p" "$K/Makefile" | head -1; }
  MAJOR=$(mkv VERSION); MINOR=$(mkv PATCHLEVEL); SUB=$(mkv SUBLEVEL)
  [ -n "$MAJOR" ] && [ -n "$MINOR" ] || { echo "$0: no VERSION/PATCHLEVEL in $K/Makefile" >&2; exit 2; }
  KVER="$MAJOR.$MINOR.${SUB:-0}"
}
