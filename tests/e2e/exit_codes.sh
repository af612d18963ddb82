#!/usr/bin/env bash
# Runs the exit-code table (tests/e2e/data/exit-codes.tsv, its header says the format) against svc on
# PATH, in the current (temporary) directory: every class of fault on every subcommand that can meet it,
# checking the exit code and that stderr says "svc: error: …". Fails when a subcommand that
# `svc --help` lists has no row. Called by tests/e2e/exit_codes.t.
#   usage: exit_codes.sh TABLE SOURCE_DIR
set -u
table=$(readlink -f "$1"); src=$(readlink -f "$2")
failures=0; runs=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# --- the store and files the rows use
export SVC_DB="$PWD/svc.db"
svc init --quiet
svc outlet import "$src/examples/network/outlets.csv" > /dev/null
svc engineer import "$src/examples/network/engineers.csv" > /dev/null
svc import --quiet "$src/examples/demo/service-log.csv" > /dev/null
svc parts catalog add CAP-35UF --name 电容 --quiet > /dev/null
svc maint asset add V-1 --kind valve --outlet SH-01 --quiet > /dev/null
svc maint plan add P1 --name 阀门保养 --select kind=valve --interval yearly --item greased:yesno --quiet > /dev/null
svc training plan --year 2026 --topic repair --title 维修 --quiet > /dev/null
svc sites update record --site 苏州一厂 --customer C-9 --date 2026-11-20 --model RB-200 --qty 1 --version 1 \
    --operator E-001 --quiet > /dev/null
[ -s svc.db ] || { echo "FAIL: setting up the store"; exit 1; }
printf 'id,ts,ticket,event,type,urgency,outlet\n,2026-11-20 08:00,G1,created,repair,normal,SH-01\n' > good.csv
printf 'id,ts,ticket,event\n,2026-11-20 08:00,B1,creatd\n' > bad.csv
printf 'id,ts,ticket,event,type,urgency,region,outlet\n,2026-11-20 08:00,G2,created,repair,normal,华东,SH-01\n' > stored.csv
cp "$src/examples/svc.toml" good.toml
printf '[sla]\nno_such_key = 1\n' > bad.toml
cp "$src/examples/network/outlets.csv" outlets.csv
cp "$src/examples/network/engineers.csv" engineers.csv
printf 'part,name\nCAP-35UF,电容\n' > parts.csv
printf 'part,counted\nCAP-35UF,0\n' > sheet.csv

# hold CMD…: runs CMD while another connection holds the store's write lock.
hold() {
  rm -f hold.fifo; mkfifo hold.fifo
  sqlite3 "$SVC_DB" < hold.fifo > /dev/null 2>&1 & local holder=$!
  exec 3> hold.fifo
  echo "BEGIN IMMEDIATE; CREATE TABLE IF NOT EXISTS hold_lock(x);" >&3
  local k
  for k in $(seq 50); do  # wait until the lock is taken (at most 5 s)
    sqlite3 "$SVC_DB" "PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK;" > /dev/null 2>&1 || break
    sleep 0.1
  done
  local rc=0; "$@" || rc=$?
  echo "ROLLBACK;" >&3; exec 3>&-; wait "$holder"
  return $rc
}
export -f hold

# check CODE MESSAGE COMMAND
check() {
  local want=$1 msg=$2 cmd=$3 rc=0
  runs=$((runs + 1))
  bash -c "$cmd" > .out 2> .err < /dev/null || rc=$?
  if [ "$rc" != "$want" ]; then
    fail "\$ $cmd: exit $rc, expected $want"; sed 's/^/    /' .err | head -5; return
  fi
  [ "$want" = 0 ] && return
  local line; line=$(grep -m1 '^svc: error: ' .err)
  if [ -z "$line" ]; then fail "\$ $cmd: no 'svc: error:' line on stderr"; sed 's/^/    /' .err | head -5; return; fi
  if [ "$want" != 65 ] && [ "$want" != 3 ] && [ "$(head -1 .err)" != "$line" ]; then
    fail "\$ $cmd: stderr does not start with 'svc: error:'"; sed 's/^/    /' .err | head -5; return
  fi
  case "$line" in
    "svc: error: $msg"*) ;;
    *) fail "\$ $cmd: expected 'svc: error: $msg…', got: $line" ;;
  esac
}

# --- every subcommand, from the help of the command tree
leaves() {
  local subs
  subs=$(svc "$@" --help 2> /dev/null | awk '/^Subcommands:/ {f = 1; next} f && /^  [a-z]/ {print $1; next} f && !/^  / {f = 0}')
  if [ -z "$subs" ]; then echo "$*"; return; fi
  local s
  for s in $subs; do leaves "$@" "$s"; done
}
mapfile -t all < <(leaves)
[ "${#all[@]}" -gt 50 ] || fail "only ${#all[@]} subcommands found in svc --help"

declare -A covered=()
rows=0
while IFS=$'\t' read -r a b c; do
  [ -z "$a" ] || [ "${a:0:1}" = "#" ] && continue
  rows=$((rows + 1))
  if [ "$a" = "@" ]; then
    args=$c
    leaf=""
    for l in "${all[@]}"; do
      case "$args " in "$l "*) [ ${#l} -gt ${#leaf} ] && leaf=$l ;; esac
    done
    if [ -z "$leaf" ]; then fail "row '@ $args' names no subcommand of svc --help"; continue; fi
    covered[$leaf]=1
    if [ "$b" != "-" ]; then
      rm -f absent.db
      check "$b" "" "svc --db absent.db $args"
      [ -e absent.db ] && fail "\$ svc --db absent.db $args created absent.db"
    fi
    check 2 "unknown option '--zz-no-such-option'" "svc $args --zz-no-such-option"
  else
    [ "$b" = "-" ] && b=""
    check "$a" "$b" "$c"
  fi
done < "$table"

for l in "${all[@]}"; do
  [ -n "${covered[$l]:-}" ] || fail "svc $l has no '@' row in $(basename "$table"): add one (and its faults)"
done
[ "$(sqlite3 svc.db 'SELECT count(*) FROM events WHERE ticket = "B1"')" = 0 ] || fail "bad.csv stored something"

if [ "$failures" = 0 ]; then
  echo "exit codes: $runs runs of $rows rows, all ${#all[@]} subcommands covered"
  exit 0
fi
echo "exit codes: $failures of $runs runs failed"
exit 1
