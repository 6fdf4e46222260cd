#!/usr/bin/env bash
# Sets up what the kernel backend needs and prints the path of a Linux source tree to pass
# as --kernel (or MAPLE_CHECK_KERNEL):
#   bash scripts/kernel-source.sh [6.12|6.1]
# As root on Debian it installs, when missing, linux-source-VERSION (the kernel's source
# tarball), liburcu-dev (the userspace RCU the kernel's test harness uses), gcc and patch,
# then extracts the parts the runners build from (Makefile, include/, lib/, mm/, tools/) under
# $MAPLE_CHECK_KERNEL_SRC (default ~/.cache/maple-check/src). Nothing is built here:
# maple-check builds its runner from the tree on first use and caches it.
set -euo pipefail
V="${1:-6.12}"
DEST="${MAPLE_CHECK_KERNEL_SRC:-${XDG_CACHE_HOME:-$HOME/.cache}/maple-check/src}"
TREE="$DEST/linux-source-$V"
TARBALL="/usr/src/linux-source-$V.tar.xz"

need=()
for p in "linux-source-$V" liburcu-dev gcc libc6-dev patch xz-utils; do
	dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if ((${#need[@]})); then
	if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
		echo "kernel-source.sh: missing ${need[*]}: install them (apt-get install ${need[*]})" >&2
		exit 4
	fi
	echo "kernel-source.sh: apt-get install ${need[*]}" >&2
	apt-get update -q >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >&2
fi
if [ ! -f "$TREE/lib/maple_tree.c" ] || [ ! -f "$TREE/tools/testing/radix-tree/test.h" ]; then
	echo "kernel-source.sh: extracting $TARBALL into $DEST" >&2
	mkdir -p "$DEST"
	rm -rf "$TREE.partial"
	mkdir -p "$TREE.partial"
	tar -xJf "$TARBALL" -C "$TREE.partial" --strip-components=1 \
		"linux-source-$V/Makefile" "linux-source-$V/include" "linux-source-$V/lib" "linux-source-$V/mm" \
		"linux-source-$V/tools"
	rm -rf "$TREE"
	mv "$TREE.partial" "$TREE"
fi
# Trees extracted before the VMA runner existed lack mm/: add it alone.
if [ ! -f "$TREE/mm/vma.c" ] && [ ! -f "$TREE/mm/mmap.c" ]; then
	echo "kernel-source.sh: extracting mm/ of $TARBALL into $TREE" >&2
	rm -rf "$TREE/mm.partial"
	mkdir -p "$TREE/mm.partial"
	tar -xJf "$TARBALL" -C "$TREE/mm.partial" --strip-components=2 "linux-source-$V/mm"
	mv "$TREE/mm.partial" "$TREE/mm"
fi
echo "$TREE"
