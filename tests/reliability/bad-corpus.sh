#!/usr/bin/env bash
# The bad input corpus (issue 9): every file in tests/data/bad/ (plus a few
# huge ones generated here, not committed) is imported into a store that
# already holds tests/data/bad-base.csv. Each must be rejected with exit 65,
# name the problem as "FILE:LINE: message" on stderr, and leave the store
# byte for byte as it was. tests/data/bad-expected.tsv is the table
#   FILE <TAB> LINE <TAB> substring of the message
# and must list every corpus file (and only those). Likewise every policy file
# in tests/data/bad-policy/ with `svc config check` (bad-policy-expected.tsv),
# and the same file given to a writing command (--config) must change nothing.
#   usage: bad-corpus.sh SVC_BINARY SOURCE_DIR
set -uo pipefail
svc=$(readlink -f "$1"); src=$(readlink -f "$2")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
export SVC_NOW=2026-11-23T12:00:00Z NO_COLOR=1 LC_ALL=C.UTF-8
unset SVC_DB SVC_CONFIG
failures=0; passed=0
fail() { echo "bad-corpus: FAIL: $*"; failures=$((failures + 1)); }
dump() { sqlite3 "$1" .dump | sha256sum; }

cp -r "$src/tests/data/bad" in
cp -r "$src/tests/data/bad-policy" policy
# Huge inputs, generated (not committed)
python3 - <<'PY'
h = "ts,ticket,event,type,urgency,region,outlet,note\n"
c = "2026-11-03 08:00,B1,created,repair,normal,华东,SH-01,"
with open("in/huge-field.csv", "w") as f:            # a 10 MB field
    f.write(h + c + "ok\n" + "2026-11-03 09:00,B1,responded,,,,," + "x" * 10_000_000 + "\n")
with open("in/huge-quoted-field.csv", "w") as f:     # 10 MB inside quotes, with newlines
    f.write(h + c + '"' + ("数据,\"\"\n" * 1_200_000) + '"\n')
with open("in/many-columns.csv", "w") as f:          # 100,000 columns in a record
    f.write("ts,ticket,event\n2026-11-03 08:00,B1,created" + "," * 99_997 + "\n")
with open("in/many-columns-header.csv", "w") as f:   # 100,000 columns in the header
    f.write("ts,ticket,event," + ",".join("c%d" % i for i in range(99_997)) + "\n")
with open("in/huge-value.jsonl", "w") as f:          # a 10 MB JSON string
    f.write('{"ts":"2026-11-03 08:00","ticket":"B1","event":"created","type":"repair","urgency":"normal",'
            '"region":"华东","outlet":"SH-01","note":"' + "y" * 10_000_000 + '"}\n')
with open("in/huge-unterminated.csv", "w") as f:     # a quote never closed, 20 MB to the end
    f.write(h + c + "ok\n" + '2026-11-03 09:00,B1,responded,,,,,"' + ("z" * 99 + "\n") * 200_000)
with open("in/huge-line.jsonl", "w") as f:           # one 20 MB line
    f.write('{"ts":"2026-11-03 08:00","note":"' + "w" * 20_000_000 + '"}\n')
PY

"$svc" --db base.db import -q "$src/tests/data/bad-base.csv" > /dev/null || { echo "bad-corpus: cannot seed the store"; exit 1; }
base=$(dump base.db)

check_one() {  # KIND FILE LINE WANT
  local kind=$1 f=$2 line=$3 want=$4 rc=0
  if [ "$kind" = log ]; then
    cp base.db s.db
    (cd in && "$svc" --db ../s.db import "$f") > out 2> err || rc=$?
  else
    (cd policy && "$svc" config check "$f") > out 2> err || rc=$?
  fi
  local ok=1
  [ $rc = 65 ] || { fail "$f: exit $rc, expected 65"; ok=0; }
  if ! grep -F -- "$f:$line: " err | grep -F -- "$want" >/dev/null; then  # not -q: an early exit would SIGPIPE the first grep (pipefail)
    fail "$f: stderr lacks '$f:$line: ...$want...'"; ok=0
    echo "--- stderr:"; head -c 2000 err; echo
  fi
  if [ "$kind" = log ] && [ "$(dump s.db)" != "$base" ]; then fail "$f: the store changed"; ok=0; fi
  if [ "$kind" = policy ]; then
    # the same policy given to a writing command: exit 65, nothing created
    rc=0; (cd policy && "$svc" --db ../p.db --config "$f" import "$src/tests/data/bad-base.csv") > /dev/null 2>&1 || rc=$?
    [ $rc = 65 ] || { fail "$f: import with it as --config exited $rc, expected 65"; ok=0; }
    [ -e p.db ] && { fail "$f: import with a bad policy created a store"; ok=0; rm -f p.db; }
  fi
  [ $ok = 1 ] && passed=$((passed + 1))
}

run_table() {  # KIND TABLE DIR
  local kind=$1 table=$2 dir=$3 listed=()
  while IFS=$'\t' read -r f line want; do
    [ -z "$f" ] || [ "${f:0:1}" = "#" ] && continue
    listed+=("$f")
    [ -e "$dir/$f" ] || { fail "$f: listed in $(basename "$table") but missing"; continue; }
    check_one "$kind" "$f" "$line" "$want"
  done < "$table"
  for p in "$dir"/*; do
    local b; b=$(basename "$p")
    printf '%s\n' "${listed[@]}" | grep -xF -- "$b" >/dev/null || fail "$b: in the corpus but not in $(basename "$table")"
  done
}

run_table log "$src/tests/data/bad-expected.tsv" in
logs=$passed
run_table policy "$src/tests/data/bad-policy-expected.tsv" policy
echo "bad-corpus: $logs bad logs and $((passed - logs)) bad policy files rejected with FILE:LINE, exit 65, store unchanged; $failures failures"
[ $failures = 0 ]
