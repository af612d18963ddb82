#!/usr/bin/env bash
# The scheduled jobs of examples/: the systemd units pass `systemd-analyze
# verify` (when systemd is installed); examples/systemd/svc-job runs its
# nightly, weekly and monthly jobs on the demo and acts on svc's exit codes
# (mail on findings and bad input, exit code on operational failures, one retry
# on 75); every svc command line in examples/cron/svc.cron names a real command
# and only options it has; the monthly schedule agrees everywhere with the
# policy's default [assessment] settle_days.
#   usage: jobs.sh SVC_BINARY SOURCE_DIR BUILD_DIR
set -u
svc=$(readlink -f "$1"); src=$(readlink -f "$2")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
job=$src/examples/systemd/svc-job

# 1. systemd units
if command -v systemd-analyze > /dev/null; then
  mkdir "$tmp/units"
  cp "$src"/examples/systemd/*.service "$src"/examples/systemd/*.timer "$tmp/units/"
  sed -i "s#/usr/local/lib/svc/svc-job#$job#" "$tmp"/units/*   # the installed path, here the source
  out=$(systemd-analyze verify --man=no "$tmp"/units/* 2>&1); rc=$?
  [ "$rc" = 0 ] && [ -z "$out" ] || { echo "FAIL: systemd-analyze verify (exit $rc):"; echo "$out"; fail=1; }
  for t in nightly weekly monthly; do
    [ -f "$tmp/units/svc-$t.timer" ] && [ -f "$tmp/units/svc-$t.service" ] || { echo "FAIL: svc-$t.timer/.service missing"; fail=1; }
  done
else
  echo "note: systemd-analyze not installed; unit verification skipped"
fi
bash -n "$job" || { echo "FAIL: bash -n svc-job"; fail=1; }

# 2. svc-job on the demo, with a sendmail that keeps the messages
mkdir -p "$tmp/bin" "$tmp/exports" "$tmp/mail"
ln -s "$svc" "$tmp/bin/svc"
cat > "$tmp/bin/sendmail" <<'SH'
#!/bin/sh
n=$(ls "$MAILDIR" | wc -l); cat > "$MAILDIR/$((n + 1)).eml"
SH
chmod +x "$tmp/bin/sendmail"
export PATH="$tmp/bin:$PATH" MAILDIR="$tmp/mail" SVC_DB="$tmp/svc.db" SVC_NOW=2026-11-24T02:00:00Z NO_COLOR=1 LC_ALL=C.UTF-8 \
       SVC_EXPORTS="$tmp/exports" SVC_REPORTS="$tmp/reports" SVC_MAIL_OPS=ops@example.com SVC_MAIL_DISPATCH=dispatch@example.com \
       SVC_MAIL_MANAGERS=managers@example.com SVC_MAIL_FINANCE=finance@example.com SVC_RETRY_SECONDS=0 HOME="$tmp"
unset SVC_CONFIG
cd "$tmp" || exit 1
mails() { ls "$tmp/mail" | wc -l; }
last_mail() { cat "$tmp/mail/$(mails).eml"; }
expect() {  # WANT_EXIT DESCRIPTION CMD…
  local want=$1 what=$2; shift 2
  "$@" > "$tmp/out" 2> "$tmp/err"; local rc=$?
  [ "$rc" = "$want" ] || { echo "FAIL: $what: exit $rc, expected $want"; cat "$tmp/err"; fail=1; }
}

# a store svc cannot use (written by a newer svc): operational failure, the job's exit code says so
cp "$src/examples/demo/service-log.csv" exports/svc-2026-11-23.csv
svc init -q && sqlite3 svc.db 'PRAGMA user_version = 999' || { echo "FAIL: newer store"; exit 1; }
expect 69 "nightly on an unusable store" env SVC_JOB_DATE=2026-11-24 "$job" nightly
rm -f svc.db svc.db-wal svc.db-shm
grep -q "import .* failed with exit 69" "$tmp/err" || { echo "FAIL: nightly 69 message: $(cat "$tmp/err")"; fail=1; }
[ "$(mails)" = 0 ] || { echo "FAIL: mail sent on exit 69 (the unit's failure alerts instead)"; fail=1; }

svc init -q && svc outlet import -q "$src/examples/network/outlets.csv" > /dev/null \
  && svc engineer import -q "$src/examples/network/engineers.csv" > /dev/null || { echo "FAIL: demo network"; exit 1; }
# nightly: import, then the SLA audit finds breaches → mailed to dispatch with the CSV list
expect 0 "nightly" env SVC_JOB_DATE=2026-11-24 "$job" nightly
[ "$(svc ticket list --format csv | wc -l)" -gt 100 ] || { echo "FAIL: nightly did not import"; fail=1; }
[ -s reports/sla-2026-11-24.json ] && python3 -c 'import json,sys; json.load(open(sys.argv[1]))' reports/sla-2026-11-24.json \
  || { echo "FAIL: reports/sla-2026-11-24.json"; fail=1; }
last_mail | grep -q '^To: dispatch@example.com' && last_mail | grep -q '^Subject: SLA breaches 2026-11-24' \
  && last_mail | grep -q 'filename="sla-2026-11-24.csv"' || { echo "FAIL: breach mail:"; last_mail | head; fail=1; }
# a bad export: nothing stored, the problems mailed to ops, the job goes on (exit 0)
printf 'ticket,ts,event\nX1,not a time,created\n' > exports/svc-2026-11-24.csv
before=$(mails)
expect 0 "nightly with a bad export" env SVC_JOB_DATE=2026-11-25 "$job" nightly
grep -l '^Subject: svc: import of svc-2026-11-24.csv rejected' mail/*.eml > /dev/null && grep -q 'svc-2026-11-24.csv:2' mail/*.eml \
  || { echo "FAIL: rejected-import mail"; fail=1; }
[ "$(mails)" -gt "$before" ] || { echo "FAIL: no mail for the bad export"; fail=1; }
# a missing export: 66
expect 66 "nightly without the export" env SVC_JOB_DATE=2026-11-30 "$job" nightly
# a busy store: retried once
cat > "$tmp/busy-svc" <<SH
#!/bin/sh
if [ ! -e "$tmp/busy-once" ]; then touch "$tmp/busy-once"; exit 75; fi
exec "$svc" "\$@"
SH
chmod +x "$tmp/busy-svc"
expect 0 "nightly, store busy once" env SVC="$tmp/busy-svc" SVC_JOB_DATE=2026-11-24 "$job" nightly
[ -e "$tmp/busy-once" ] || { echo "FAIL: busy svc not called"; fail=1; }

# weekly (run on Monday 2026-11-23: last week is 2026-W47): a dated HTML file, mailed
expect 0 "weekly" env SVC_JOB_DATE=2026-11-23 "$job" weekly
grep -q '<html' reports/weekly-2026-W47.html 2>/dev/null || { echo "FAIL: reports/weekly-2026-W47.html"; fail=1; }
last_mail | grep -q '^To: managers@example.com' && last_mail | grep -q 'Content-Type: text/html' \
  && last_mail | grep -q 'filename="weekly-2026-W47.html"' || { echo "FAIL: weekly mail:"; last_mail | head -12; fail=1; }
# the attachment decodes to the file
last_mail | awk '/^Content-Transfer-Encoding: base64/{h=1;next} h&&/^$/{h=0;f=1;next} f&&/^--/{f=0} f' | base64 -d 2>/dev/null | cmp -s - reports/weekly-2026-W47.html \
  || { echo "FAIL: the mailed HTML differs from the file"; fail=1; }

# monthly on the 1st of December (the old schedule): November has not settled, exit 75, nothing recorded
export SVC_NOW=2026-11-30T22:00:00Z
expect 75 "monthly before November settled" env SVC_JOB_DATE=2026-12-01 "$job" monthly
grep -q "2026-11 cannot be applied before 2026-12-04T00:00:00+08:00" "$tmp/err" || { echo "FAIL: monthly 75 message: $(cat "$tmp/err")"; fail=1; }
[ "$(sqlite3 svc.db 'SELECT count(*) FROM assessments')" = 0 ] || { echo "FAIL: an unsettled month was recorded"; fail=1; }
# monthly on the 4th at 06:00 (+08:00, the timer's day): November, applied once; a re-run changes nothing
export SVC_NOW=2026-12-03T22:00:00Z
expect 0 "monthly" env SVC_JOB_DATE=2026-12-04 "$job" monthly
[ -s reports/finance/assessment-2026-11.json ] && [ -s reports/finance/payouts-2026-11.csv ] || { echo "FAIL: monthly files"; fail=1; }
last_mail | grep -q '^Subject: Outlet assessment and payouts 2026-11' || { echo "FAIL: monthly mail"; fail=1; }
cp reports/finance/payouts-2026-11.csv payouts-first.csv
expect 0 "monthly again" env SVC_JOB_DATE=2026-12-04 "$job" monthly
cmp -s payouts-first.csv reports/finance/payouts-2026-11.csv || { echo "FAIL: a second monthly run changed the payouts"; fail=1; }
expect 2 "svc-job without a job" "$job"

# 3. the crontab: each `svc …` names a command and only options of it
n=0
while IFS= read -r cmd; do
  read -ra words <<< "$cmd"
  path=(); opts=()
  for w in "${words[@]:1}"; do
    case "$w" in
      --*) opts+=("${w%%=*}") ;;
      -*) opts+=("$w") ;;
      *) [ ${#opts[@]} = 0 ] && [[ "$w" =~ ^[a-z-]+$ ]] && path+=("$w") ;;
    esac
  done
  help=$(svc "${path[@]}" --help 2>&1) || { echo "FAIL: svc.cron: 'svc ${path[*]}' is not a command"; fail=1; continue; }
  all_help="$help$(svc --help)"
  for o in "${opts[@]}"; do
    grep -qE -- "(^|[ ,])$o([ ,]|$)" <<< "$all_help" || { echo "FAIL: svc.cron: 'svc ${path[*]}' has no option $o"; fail=1; }
  done
  n=$((n + 1))
done < <(grep -v '^#' "$src/examples/cron/svc.cron" | grep -oE '(^|[ ;(&|])svc( [^;|&)>]*)?' | sed -E 's/^[ ;(&|]//')
[ "$n" -ge 6 ] || { echo "FAIL: only $n svc commands found in svc.cron"; fail=1; }
# 4. one monthly schedule, consistent with the policy: the timer, the crontab
# and every guide run the assessment on the day [assessment] settle_days + 1
# (the default of `svc config show`) at 06:00, after the 01:30 import.
settle=$(cd "$tmp" && env -u SVC_CONFIG svc --db "$tmp/none.db" config show | sed -n 's/^settle_days = \([0-9]*\).*/\1/p')
[ -n "$settle" ] || { echo "FAIL: svc config show has no settle_days"; fail=1; settle=0; }
want=$((settle + 1))
ord() { case $1 in 1|21|31) echo "${1}st" ;; 2|22) echo "${1}nd" ;; 3|23) echo "${1}rd" ;; *) echo "${1}th" ;; esac; }
timer=$(sed -n 's/^OnCalendar=\*-\*-\([0-9]*\) \(.*\)$/\1 \2/p' "$src/examples/systemd/svc-monthly.timer")
[ "$timer" = "$(printf '%02d' "$want") 06:00:00" ] || { echo "FAIL: svc-monthly.timer runs on '$timer', expected day $want 06:00:00"; fail=1; }
grep -q "on the $(ord "$want") at 06:00" "$src/examples/systemd/svc-monthly.timer" || { echo "FAIL: svc-monthly.timer description"; fail=1; }
# every cron line (active or commented) of the assessment or svc-job monthly, in the crontab and the docs
m=0
while IFS= read -r line; do
  read -r min hour dom _ <<< "$(sed -E 's/^#? *//' <<< "${line#*:}")"
  [ "$min $hour $dom" = "0 6 $want" ] || [ "$min $hour $dom" = "5 6 $want" ] \
    || { echo "FAIL: monthly cron line not on day $want at 06:00: $line"; fail=1; }
  m=$((m + 1))
done < <(grep -HE '^#? *[0-9*]+ [0-9*]+ [0-9*]+ \* \* .*(audit outlets .*--apply|report payouts|svc-job monthly)' \
           "$src/examples/cron/svc.cron" "$src"/docs/*.md "$src/README.md")
[ "$m" -ge 4 ] || { echo "FAIL: only $m monthly cron lines found"; fail=1; }
# the guides say the day in words: "the Nth at 06:00", and no other day
for f in docs/assessment.md docs/guide-finance.md docs/admin.md docs/guide-admin.md; do
  grep -q "the $(ord "$want") at 06:00" "$src/$f" || { echo "FAIL: $f does not say the monthly run is on the $(ord "$want") at 06:00"; fail=1; }
  other=$(grep -oE "the [0-9]+(st|nd|rd|th),? (at )?06:00" "$src/$f" | grep -v "the $(ord "$want") at 06:00")
  [ -z "$other" ] || { echo "FAIL: $f names another monthly day: $other"; fail=1; }
done
grep -qE "^settle_days = $settle\b" <(sed -n '/^\[assessment\]/,/^```/p' "$src/docs/assessment.md") \
  || { echo "FAIL: docs/assessment.md's [assessment] keys do not show settle_days = $settle"; fail=1; }

echo "jobs: units verified, svc-job nightly/weekly/monthly run, $n cron command lines checked, monthly schedule = day $want ($m cron lines)"
exit $fail
