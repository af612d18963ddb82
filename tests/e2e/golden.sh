#!/usr/bin/env bash
# Golden-file check for the end-to-end cases: runs COMMAND and compares its
# standard output byte for byte with tests/e2e/golden/NAME; prints the diff
# and exits 1 when they differ. With SVC_GOLDEN_UPDATE=1 in the environment it
# writes the output to the golden file instead (review the diff in git before
# committing: a golden file is a contract, not a snapshot to refresh blindly).
#   usage: golden.sh NAME COMMAND [ARG...]      (run from a .t case: $SRC is set)
set -uo pipefail
name=${1:?usage: golden.sh NAME COMMAND [ARG...]}; shift
golden="$SRC/tests/e2e/golden/$name"
out=$(mktemp); trap 'rm -f "$out"' EXIT
"$@" > "$out"; rc=$?
if [ "$rc" != 0 ]; then echo "golden: '$*' exited $rc"; exit 1; fi
if [ "${SVC_GOLDEN_UPDATE:-}" = 1 ]; then
  mkdir -p "$(dirname "$golden")" && cp "$out" "$golden" && echo "golden: wrote $name" >&2; exit 0
fi
[ -f "$golden" ] || { echo "golden: no file tests/e2e/golden/$name (SVC_GOLDEN_UPDATE=1 writes it)"; exit 1; }
diff -u --label "golden/$name" --label "$*" "$golden" "$out" || exit 1
