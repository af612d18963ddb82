#!/usr/bin/env bash
# Concurrency: writers started together all succeed by waiting on the busy
# timeout, with no event lost or doubled; a run that cannot get the lock in
# time exits 75 with a clear message and changes nothing; readers are never
# blocked by a writer.
#   usage: concurrency.sh SVC_BINARY SOURCE_DIR [EVENTS_PER_FILE]
set -euo pipefail
svc=$(readlink -f "$1"); src=$(readlink -f "$2"); events=${3:-5000}
tmp=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT
cd "$tmp"
export SVC_NOW=2026-11-23T12:00:00Z NO_COLOR=1
unset SVC_DB SVC_CONFIG
fail() { echo "concurrency: FAIL: $*" >&2; exit 1; }
q() { sqlite3 "$1" "$2"; }

# two logs that share no ticket and no id
"$src/scripts/gen-logs" "$events" --seed 21 --out a0.csv
"$src/scripts/gen-logs" "$events" --seed 22 --out b0.csv
sed -E '2,$ s/(^|,)(EV[0-9]{8}|T[0-9]{7}),/\1A\2,/g' a0.csv > a.csv
sed -E '2,$ s/(^|,)(EV[0-9]{8}|T[0-9]{7}),/\1B\2,/g' b0.csv > b.csv
"$svc" --db ref-a.db import -q a.csv > /dev/null
"$svc" --db ref-b.db import -q b.csv > /dev/null
na=$(q ref-a.db "SELECT count(*) FROM events"); nb=$(q ref-b.db "SELECT count(*) FROM events")
[ "$na" -gt 0 ] && [ "$nb" -gt 0 ] || fail "reference imports stored nothing"

# the third writer/reader started with them: an audit when this svc has one,
# and always a projection rebuild (a writer) and a listing (a reader)
third=("admin" "rebuild")
audit=()
if "$svc" audit sla --help > /dev/null 2>&1; then audit=(audit sla --format json); fi

round() {  # DB: start everything together on DB, check every exit status and the result
  local db=$1 pids=() names=() rc
  "$svc" --db "$db" --busy-timeout 60000 import -q a.csv > a.out 2> a.err & pids+=($!); names+=(import-a)
  "$svc" --db "$db" --busy-timeout 60000 import -q b.csv > b.out 2> b.err & pids+=($!); names+=(import-b)
  if [ -e "$db" ]; then
    "$svc" --db "$db" --busy-timeout 60000 "${third[@]}" > c.out 2> c.err & pids+=($!); names+=(rebuild)
    if [ ${#audit[@]} -gt 0 ]; then
      "$svc" --db "$db" --busy-timeout 60000 "${audit[@]}" > d.out 2> d.err & pids+=($!); names+=(audit)
    fi
  fi
  for k in "${!pids[@]}"; do
    rc=0; wait "${pids[$k]}" || rc=$?
    [ $rc = 0 ] || { cat ./*.err >&2; fail "${names[$k]} exited $rc on $db"; }
  done
  [ "$(q "$db" "PRAGMA integrity_check")" = ok ] || fail "integrity_check on $db"
  local n d t
  n=$(q "$db" "SELECT count(*) FROM events"); d=$(q "$db" "SELECT count(DISTINCT id) FROM events")
  [ "$n" = $((na + nb)) ] || fail "$db holds $n events, expected $na + $nb"
  [ "$d" = "$n" ] || fail "$db holds $n events but only $d distinct ids"
  t=$(q "$db" "SELECT count(*) FROM tickets"); [ "$t" = "$(q "$db" "SELECT count(DISTINCT ticket) FROM events")" ] ||
    fail "$db: the tickets projection lost rows"
  # each file's events are exactly those a lone import of it stores (by id)
  for ref in ref-a.db ref-b.db; do
    [ "$(q "$db" "ATTACH '$ref' AS r; SELECT count(*) FROM r.events x WHERE NOT EXISTS (SELECT 1 FROM main.events e WHERE e.id = x.id)")" = 0 ] ||
      fail "$db lost events of $ref"
  done
  echo "concurrency: $db: ${names[*]} all exited 0; $n events = $na + $nb, no id twice, integrity ok"
}

# 1. two imports creating the same new store at once
round new.db
# 2. on an existing store (as from cron): two imports, a rebuild and an audit together
"$svc" --db old.db init > /dev/null 2>&1
for i in 1 2 3; do rm -f old.db; "$svc" --db old.db init > /dev/null 2>&1; round old.db; done

# 3. a write lock held elsewhere past --busy-timeout: exit 75, clear message, nothing changed
"$src/scripts/gen-logs" 300 --seed 23 --out c0.csv
sed -E '2,$ s/(^|,)(EV[0-9]{8}|T[0-9]{7}),/\1C\2,/g' c0.csv > c.csv
before=$(q old.db .dump | sha256sum)
mkfifo hold
{ echo "BEGIN IMMEDIATE;"; cat hold; echo "ROLLBACK;"; } | sqlite3 old.db &
holder=$!
exec 3> hold
sleep 0.5
t0=$(date +%s%3N)
rc=0; "$svc" --db old.db --busy-timeout 200 import c.csv > busy.out 2> busy.err || rc=$?
waited=$(( $(date +%s%3N) - t0 ))
[ "$waited" -lt 5000 ] || fail "the busy import took ${waited} ms with --busy-timeout 200"
[ $rc = 75 ] || { cat busy.err >&2; fail "import under a held lock exited $rc, expected 75"; }
grep -q "the store is busy" busy.err || fail "no clear busy message: $(cat busy.err)"
grep -q -- "--busy-timeout" busy.err || fail "the busy message does not name --busy-timeout"
rc=0; "$svc" --db old.db --busy-timeout 200 admin rebuild > /dev/null 2> busy2.err || rc=$?
[ $rc = 75 ] || fail "admin rebuild under a held lock exited $rc, expected 75"
# a reader is not blocked by the writer (WAL)
"$svc" --db old.db --busy-timeout 200 outlet list --format json > /dev/null || fail "a reader was blocked by a writer"
exec 3>&-
wait "$holder"
[ "$(q old.db .dump | sha256sum)" = "$before" ] || fail "the store changed after the busy runs"
echo "concurrency: a held lock: import (after ${waited} ms) and rebuild exit 75 with --busy-timeout 200 ('$(head -c 120 busy.err)...'), store unchanged; a reader is not blocked"
# 4. once the lock is gone the same import succeeds
"$svc" --db old.db --busy-timeout 200 import -q c.csv > /dev/null || fail "import after the lock was released"
echo "concurrency: ok"
