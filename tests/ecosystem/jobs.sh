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
  for t in nightly backup maint weekly sites monthly training; do
    [ -f "$tmp/units/svc-$t.timer" ] && [ -f "$tmp/units/svc-$t.service" ] || { echo "FAIL: svc-$t.timer/.service missing"; fail=1; }
  done
else
  echo "note: systemd-analyze not installed; unit verification skipped"
fi
bash -n "$job" || { echo "FAIL: bash -n svc-job"; fail=1; }

# 2. svc-job on the demo, with a sendmail that keeps the messages
mkdir -p "$tmp/bin" "$tmp/sm" "$tmp/mx" "$tmp/exports" "$tmp/mail"
ln -s "$svc" "$tmp/bin/svc"
# sendmail -t (headers in the message) and mail -s SUBJECT TO (body on stdin): both keep what they get
cat > "$tmp/sm/sendmail" <<'SH'
#!/bin/sh
[ "$1" = -t ] || { echo "sendmail stub: expected -t" >&2; exit 64; }
n=$(ls "$MAILDIR" | wc -l); cat > "$MAILDIR/$((n + 1)).eml"
SH
cat > "$tmp/mx/mail" <<'SH'
#!/bin/sh
[ "$1" = -s ] && [ -n "$3" ] || { echo "mail stub: usage mail -s SUBJECT TO" >&2; exit 64; }
n=$(ls "$MAILDIR" | wc -l); { printf 'To: %s\nSubject: %s\nVia: mail\n\n' "$3" "$2"; cat; } > "$MAILDIR/$((n + 1)).eml"
SH
chmod +x "$tmp/sm/sendmail" "$tmp/mx/mail"
base_path=$PATH
export PATH="$tmp/bin:$tmp/sm:$PATH" SVC_JOB_TIME=01:30:00 MAILDIR="$tmp/mail" SVC_DB="$tmp/svc.db" SVC_NOW=2026-11-24T02:00:00Z NO_COLOR=1 LC_ALL=C.UTF-8 \
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
grep -q "step import failed with exit 69" "$tmp/err" && grep -q "step audit-sla failed with exit 69" "$tmp/err" \
  || { echo "FAIL: nightly 69 message: $(cat "$tmp/err")"; fail=1; }
grep -qx "svc-job nightly 2026-11-24 (as of 2026-11-24 01:30:00): import=69 audit-sla=69 -> exit 69" "$tmp/out" \
  || { echo "FAIL: nightly 69 summary: $(cat "$tmp/out")"; fail=1; }
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
grep -qx "svc-job nightly 2026-11-24 (as of 2026-11-24 01:30:00): import=0 audit-sla=1 -> exit 0" "$tmp/out" \
  || { echo "FAIL: nightly summary: $(cat "$tmp/out")"; fail=1; }
# the job's date is the audit's --as-of: the JSON says so
grep -q '"as_of":"2026-11-24T01:30:00+08:00"' reports/sla-2026-11-24.json || { echo "FAIL: nightly audit not as of the job's date"; fail=1; }
# a bad export: nothing stored, the problems mailed to ops, the audit still runs; the job fails with 65
printf 'ticket,ts,event\nX1,not a time,created\n' > exports/svc-2026-11-24.csv
before=$(mails)
expect 65 "nightly with a bad export" env SVC_JOB_DATE=2026-11-25 "$job" nightly
grep -qx "svc-job nightly 2026-11-25 (as of 2026-11-25 01:30:00): import=65 audit-sla=1 -> exit 65" "$tmp/out" \
  || { echo "FAIL: bad export summary: $(cat "$tmp/out")"; fail=1; }
grep -l '^Subject: svc: import of svc-2026-11-24.csv rejected' mail/*.eml > /dev/null && grep -q 'svc-2026-11-24.csv:2' mail/*.eml \
  || { echo "FAIL: rejected-import mail"; fail=1; }
[ "$(mails)" -gt "$before" ] || { echo "FAIL: no mail for the bad export"; fail=1; }
# a missing export: 66, and the SLA audit still runs (its breaches mailed)
rm -f reports/sla-2026-11-30.json; before=$(mails)
expect 66 "nightly without the export" env SVC_JOB_DATE=2026-11-30 SVC_JOB_TIME=09:00 "$job" nightly
grep -qx "svc-job nightly 2026-11-30 (as of 2026-11-30 09:00): import=66 audit-sla=1 -> exit 66" "$tmp/out" \
  || { echo "FAIL: missing export summary: $(cat "$tmp/out")"; fail=1; }
[ -s reports/sla-2026-11-30.json ] && [ "$(mails)" -gt "$before" ] && last_mail | grep -q '^Subject: SLA breaches 2026-11-30' \
  || { echo "FAIL: the SLA audit did not run after a missing export"; fail=1; }
# mail(1) when there is no sendmail: the same breach mail, the list in the body
if ! PATH=$base_path command -v sendmail > /dev/null && [ ! -x /usr/sbin/sendmail ]; then
  expect 0 "nightly with mail only" env PATH="$tmp/bin:$tmp/mx:$base_path" SVC_JOB_DATE=2026-11-24 "$job" nightly
  last_mail | grep -q '^Via: mail' && last_mail | grep -q '^To: dispatch@example.com' \
    && last_mail | grep -q '^Subject: SLA breaches 2026-11-24' && last_mail | grep -q '^--- sla-2026-11-24.csv ---' \
    && last_mail | grep -q '^ticket,' || { echo "FAIL: mail(1) breach mail:"; last_mail | head; fail=1; }
  # both: sendmail is preferred
  expect 0 "nightly with mail and sendmail" env PATH="$tmp/bin:$tmp/mx:$tmp/sm:$base_path" SVC_JOB_DATE=2026-11-24 "$job" nightly
  last_mail | grep -q '^Via: mail' && { echo "FAIL: mail used while sendmail is there"; fail=1; }
  # neither: the mail is a failed step, the job says so
  expect 1 "nightly without any mailer" env PATH="$tmp/bin:$base_path" SVC_JOB_DATE=2026-11-24 "$job" nightly
  grep -q "neither sendmail nor mail" "$tmp/err" && grep -q "mail-breaches=1" "$tmp/out" \
    || { echo "FAIL: no mailer: $(cat "$tmp/err") $(cat "$tmp/out")"; fail=1; }
else
  echo "note: a sendmail is installed here; mail(1) checked through SVC_MAILER=mail only"
fi
expect 0 "nightly with SVC_MAILER=mail" env PATH="$tmp/bin:$tmp/mx:$tmp/sm:$base_path" SVC_MAILER=mail SVC_JOB_DATE=2026-11-24 "$job" nightly
last_mail | grep -q '^Via: mail' || { echo "FAIL: SVC_MAILER=mail not used"; fail=1; }
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
# a complaint of a paid November ticket voided on 12-05, back-dated to 11-30: the January run applies
# December, then finds November changed since it was applied and mails finance the CSV (exit 1 is not a failure)
SVC_NOW=2026-12-05T04:00:00Z svc ticket void T0000336 23bd536b89030b91667fdf437d3de5cc --reason 投诉录错工单 \
  --at '2026-11-30 10:00' --user auditor -q || { echo "FAIL: void after apply"; fail=1; }
export SVC_NOW=2027-01-03T22:00:00Z
expect 0 "monthly January" env SVC_JOB_DATE=2027-01-04 SVC_MAIL_FINANCE=finance@example.com "$job" monthly
grep -q "assessment=0 payouts=0 changed-2026-11=1 changed-2026-10=0 changed-2026-09=0 -> exit 0" "$tmp/out" \
  || { echo "FAIL: monthly January summary: $(cat "$tmp/out") $(cat "$tmp/err")"; fail=1; }
last_mail | grep -q '^Subject: Outlet assessment 2026-11 changed since it was applied' && last_mail | grep -q '^To: finance@example.com' \
  && last_mail | grep -q 'filename="changed-2026-11-2027-01-04.csv"' || { echo "FAIL: changed mail:"; last_mail | head -12; fail=1; }
grep -q f171977441ec01498c0a58a8fe4cb102 reports/finance/changed-2026-11-2027-01-04.csv || { echo "FAIL: changed CSV lacks the void"; fail=1; }
expect 2 "svc-job without a job" "$job"

# maint (daily): generate as of the job's date, then the maintenance audit; findings mailed
unset SVC_NOW; export SVC_NOW=2026-11-24T02:00:00Z
svc maint asset add RS-01 --kind station --outlet SH-01 --quiet && svc maint plan add RS-2W --name 调压站巡检 \
  --select kind=station --interval 2w --start 2026-11-09 --item leak_test:yesno --quiet || { echo "FAIL: maint setup"; fail=1; }
expect 0 "maint" env SVC_JOB_DATE=2026-11-10 SVC_JOB_TIME=12:00 SVC_MAIL_MAINT=maint@example.com "$job" maint
grep -qx "svc-job maint 2026-11-10 (as of 2026-11-10 12:00): maint-generate=0 audit-maint=1 -> exit 0" "$tmp/out" \
  || { echo "FAIL: maint summary: $(cat "$tmp/out") $(cat "$tmp/err")"; fail=1; }
# as of 11-10 only the 11-09 ticket exists (11-23 has not begun then)
[ "$(svc ticket list --type maintenance --format csv | cut -d, -f1 | grep '^M-RS-2W' | tr -d '\r')" = M-RS-2W-RS-01-20261109 ] \
  || { echo "FAIL: maint generated not as of the job's date"; fail=1; }
last_mail | grep -q '^To: maint@example.com' && last_mail | grep -q '^Subject: Maintenance findings 2026-11-10' \
  || { echo "FAIL: maint findings mail"; last_mail | head -5; fail=1; }

# sites (weekly): last week's site updates as CSV, mailed
svc sites update record --site 苏州一厂 --customer C-9 --date 2026-11-18 --model RB-200 --qty 2 --version 1.2 \
  --operator E-001 --quiet > /dev/null || { echo "FAIL: sites setup"; fail=1; }
expect 0 "sites" env SVC_JOB_DATE=2026-11-23 SVC_MAIL_SITES=sites@example.com "$job" sites
grep -qx "svc-job sites 2026-11-23 (as of 2026-11-23 01:30:00): report-updates=0 -> exit 0" "$tmp/out" \
  || { echo "FAIL: sites summary: $(cat "$tmp/out") $(cat "$tmp/err")"; fail=1; }
grep -q 苏州一厂 reports/updates-2026-W47.csv && last_mail | grep -q '^To: sites@example.com' \
  && last_mail | grep -q 'filename="updates-2026-W47.csv"' || { echo "FAIL: sites report or mail"; fail=1; }

# training (monthly): runs, and its summary names the step it ran
expect 0 "training" env SVC_JOB_DATE=2026-12-01 "$job" training
grep -qE "^svc-job training 2026-12-01 \(as of 2026-12-01 01:30:00\): audit-training=[01] -> exit 0$" "$tmp/out" \
  || { echo "FAIL: training summary: $(cat "$tmp/out") $(cat "$tmp/err")"; fail=1; }
[ -f reports/training-2026-12-01.csv ] || { echo "FAIL: training report"; fail=1; }

# backup (daily): a verified copy with the store's mode; only the job's own old copies pruned
mkdir -p backups
: > backups/svc-2026-10-01.db; : > backups/svc-2026-10-30.db; : > backups/keep-me.db   # 53 and 24 days old; not the job's
expect 0 "backup" env SVC_JOB_DATE=2026-11-23 SVC_BACKUPS="$tmp/backups" "$job" backup
grep -qx "svc-job backup 2026-11-23 (as of 2026-11-23 01:30:00): backup=0 verify-backup=0 -> exit 0" "$tmp/out" \
  || { echo "FAIL: backup summary: $(cat "$tmp/out") $(cat "$tmp/err")"; fail=1; }
[ "$(stat -c %a backups/svc-2026-11-23.db 2>/dev/null)" = "$(stat -c %a svc.db)" ] \
  && [ "$(sqlite3 backups/svc-2026-11-23.db 'SELECT count(*) FROM events')" = "$(sqlite3 svc.db 'SELECT count(*) FROM events')" ] \
  || { echo "FAIL: backup copy (mode or events)"; fail=1; }
[ ! -e backups/svc-2026-10-01.db ] && [ -e backups/svc-2026-10-30.db ] && [ -e backups/keep-me.db ] \
  || { echo "FAIL: backup pruning: $(ls backups)"; fail=1; }
# a re-run the same day replaces the copy; a copy that fails verify fails the job with verify's code
expect 0 "backup re-run" env SVC_JOB_DATE=2026-11-23 SVC_BACKUPS="$tmp/backups" "$job" backup
cat > "$tmp/bin/svc-tamper" <<SH
#!/bin/sh
# svc, but the copy it makes gets one event edited after the backup
"$svc" "\$@"; rc=\$?
case "\$*" in *"admin backup"*) sqlite3 "$tmp/backups/svc-2026-11-24.db" "UPDATE events SET note = 'x' WHERE seq = 1" ;; esac
exit \$rc
SH
chmod +x "$tmp/bin/svc-tamper"
expect 1 "backup of a tampered copy" env SVC="$tmp/bin/svc-tamper" SVC_JOB_DATE=2026-11-24 SVC_BACKUPS="$tmp/backups" "$job" backup
grep -qx "svc-job backup 2026-11-24 (as of 2026-11-24 01:30:00): backup=0 verify-backup=1 -> exit 1" "$tmp/out" \
  || { echo "FAIL: tampered backup summary: $(cat "$tmp/out")"; fail=1; }
# no directory to write to: the job fails with backup's code
expect 66 "backup into a missing directory" env SVC_JOB_DATE=2026-11-24 SVC_BACKUPS=/proc/nonexistent/x "$job" backup

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

echo "jobs: units verified, svc-job nightly/backup/maint/weekly/sites/monthly/training run, $n cron command lines checked, monthly schedule = day $want ($m cron lines)"
exit $fail
