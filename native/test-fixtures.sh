#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs every committed oracle fixture through a built runner and reports the differences.
#   native/test-fixtures.sh RUNNER [DIR...]     (default: test/fixtures/{conformance,kernel-suites})
# A fixture is NAME.trace[.gz] with NAME.expected[.gz]; a trace whose first line is
# `# oracle-flags: --guard` runs with --guard. The `version` line is the one line that may
# differ (the oracle names its Debian package, the runner itself). Exit 1 when any differs.
# Set SHOW=N to print the first N differing lines of each fixture (default 3).
set -uo pipefail

[ $# -ge 1 ] || { echo "usage: $0 RUNNER [DIR...]" >&2; exit 2; }
RUNNER=$1; shift
ROOT=$(cd "$(dirname "$0")/.." && pwd)
[ $# -gt 0 ] || set -- "$ROOT/test/fixtures/conformance" "$ROOT/test/fixtures/kernel-suites"
SHOW=${SHOW:-3}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT

cat_any() { case $1 in *.gz) gzip -dc "$1" ;; *) cat "$1" ;; esac; }
# The version line is `linux-X.Y.Z <builder>`; only its builder part may differ.
mask_version() { sed -E 's/^(linux-[0-9.]+) .*/\1 VERSION/'; }

total=0; failed=0
for dir in "$@"; do
  for trace in "$dir"/*.trace "$dir"/*.trace.gz; do
    [ -e "$trace" ] || continue
    name=${trace%.gz}; name=${name%.trace}
    expected=$name.expected; [ -e "$expected" ] || expected=$expected.gz
    [ -e "$expected" ] || { echo "?? $(basename "$name"): no expected output"; continue; }
    total=$((total + 1))
    cat_any "$trace" > "$TMP/trace"
    flags=()
    head -1 "$TMP/trace" | grep -q '^# oracle-flags:.*--guard' && flags=(--guard)
    "$RUNNER" "${flags[@]}" < "$TMP/trace" 2> "$TMP/stderr" | mask_version > "$TMP/got"
    rc=${PIPESTATUS[0]}
    cat_any "$expected" | mask_version > "$TMP/want"
    if ! cmp -s "$TMP/got" "$TMP/want" || [ "$rc" -ne 0 ]; then
      failed=$((failed + 1))
      echo "FAIL $(basename "$name") (exit $rc, $(wc -l < "$TMP/got") of $(wc -l < "$TMP/want") lines)"
      diff "$TMP/want" "$TMP/got" | grep '^[<>]' | head -"$SHOW" | sed 's/^/    /' | cut -c1-200
      [ "$rc" -ne 0 ] && grep -m1 'maple-runner: crash' "$TMP/stderr" | sed 's/^/    /'
    fi
  done
done
echo "$total fixtures, $failed differ"
[ "$failed" -eq 0 ]
