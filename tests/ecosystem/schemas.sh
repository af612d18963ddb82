#!/usr/bin/env bash
# Every --format json output has a JSON Schema in schemas/json/, and the real
# outputs validate against it. The commands that accept --format json are found
# by walking `svc --help` (so a new one without a schema, or without a run
# below, fails this test); each is run on the demo network and log
# (examples/demo, as in tests/e2e/demo.t) plus a few tickets and parts moves,
# maintenance assets, plans and visits, training records and site updates,
# and tests/ecosystem/validate.py checks every output against its schema.
#   usage: schemas.sh SVC_BINARY SOURCE_DIR BUILD_DIR
set -u
svc=$(readlink -f "$1"); src=$(readlink -f "$2")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/out" "$tmp/home"; ln -s "$svc" "$tmp/bin/svc"
export PATH="$tmp/bin:$PATH" SVC_DB="$tmp/svc.db" SVC_NOW=2026-11-23T12:00:00Z NO_COLOR=1 LC_ALL=C.UTF-8 \
       HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" SVC_USER=clerk
unset SVC_CONFIG
cd "$tmp" || exit 1
fail=0; n=0

# run NAME CMD…: the output of one svc --format json run, to validate against schemas/json/NAME.schema.json
run() {
  local name=$1; shift
  n=$((n + 1))
  "$@" > "out/$name.$n.json" 2> "out/$name.$n.err"
  local rc=$?
  # audits exit 1 when asked to fail on findings; anything else is a broken run
  if [ "$rc" != 0 ] && ! { [ "$rc" = 1 ] && [[ " $* " == *" --fail-on "* ]]; }; then
    echo "FAIL: exit $rc: $*"; cat "out/$name.$n.err"; fail=1
  fi
  printf '%s\n' "$name" >> ran.txt
}

# The read-only outputs: run on the network alone (no tickets: empty lists, ratios
# without a denominator) and again on the demo log.
read_only() {
  run ticket-list svc ticket list --format json
  run cost-list svc cost list --format json
  run dispatch-queue svc dispatch queue --region 华东 --format json
  run dispatch-board svc dispatch board --date 2026-11-23 --format json
  run dispatch-auto svc dispatch auto --dry-run --format json
  run audit-sla svc audit sla --as-of 2026-11-20 --all --format json
  run audit-integrity svc audit integrity --format json
  run audit-verify svc audit verify --format json
  run audit-outlets svc audit outlets --period 2026-11 --format json
  run audit-corrections svc audit corrections --format json
  for by in region outlet engineer type urgency channel product; do run report-sla svc report sla --period 2026-11 --by "$by" --format json; done
  run report-outlets svc report outlets --period 2026-11 --format json
  run report-engineers svc report engineers --period 2026-11 --format json
  run report-weekly svc report weekly --week 2026-W47 --format json
  run report-weekly svc report weekly --week 2026-W48 --format json
  run report-costs svc report costs --period 2026-11 --format json
  run report-costs svc report costs --period 2026-11 --by region --format json
  run parts-stock svc parts stock --format json
  run parts-claims svc parts claims --format json
  run parts-reconcile svc parts reconcile --format json
  run audit-parts svc audit parts --format json
  run audit-maint svc audit maint --format json
  run maint-asset-list svc maint asset list --format json
  run maint-plan-list svc maint plan list --format json
  run maint-due svc maint due --within 14d --format json
  run complaint-list svc complaint list --format json
  run complaint-list svc complaint list --open --period 2026-11 --format json
  run audit-complaints svc audit complaints --format json
  run audit-complaints svc audit complaints --as-of 2026-12-31 --fail-on overdue --format json
  run training-list svc training list --year 2026 --format json
  run training-archive svc training archive --format json
  run report-training svc report training --year 2026 --format json
  run report-training svc report training --year 2026 --by region --format json
  run sites-update-list svc sites update list --format json
  run report-updates svc report updates --week 2026-W47 --format json
}

# The demo network and log
svc init -q && svc outlet import -q "$src/examples/network/outlets.csv" > /dev/null \
  && svc engineer import -q "$src/examples/network/engineers.csv" > /dev/null || { echo "FAIL: demo network"; exit 1; }
read_only
run maint-generate svc maint generate --until 2026-12-01 --format json
run import svc import --format json "$src/examples/demo/service-log.csv"
run import svc import --format json "$src/examples/demo/service-log.csv"
printf 'ticket,ts,event\nX1,not a time,created\n' > bad.csv
run import svc import --format json --skip-bad bad.csv
run batch svc batch --format json --report sla,outlets --period 2026-11 "$src/examples/demo/service-log.csv"
run batch svc batch --format json --report sla,outlets,weekly --period 2026-W47 "$src/examples/demo/service-log.csv"
cp "$src/examples/demo/service-log.csv" demo.csv
run batch svc batch demo.csv bad.csv --format json --skip-bad --maint-generate-until 2026-12-01 --report tickets,maint

# Tickets: one through its life (appointment, parts, fee, complaint, note), one left new
svc parts catalog add FM-220 --name 风机 -q > /dev/null || { echo "FAIL: catalog add"; exit 1; }
run ticket-create svc ticket create --type repair --outlet SH-01 --fault 不制冷 --at '2026-11-23 09:00' --format json
run ticket-create svc ticket create --type repair --outlet SH-01 --purchased 2025-06-01 --part FM-220 --at '2026-11-23 09:01' --format json
T=$(svc ticket list --outlet SH-01 --state new --format csv | tail -n +2 | tail -2 | head -1 | cut -d, -f1)
[ -n "$T" ] || { echo "FAIL: no new ticket"; exit 1; }
run ticket-show svc ticket show "$T" --format json
run ticket-sla svc ticket sla "$T" --format json
svc cost add --ticket T0000105 --kind travel --amount 35.5 --note taxi -q > /dev/null

# Dispatch
run dispatch-suggest svc dispatch suggest "$T" --format json
run dispatch-assign svc dispatch assign "$T" E-013 --window '2026-11-23 14:00/16:00' --at '2026-11-23 10:00' --format json
run dispatch-reassign svc dispatch reassign "$T" E-014 --reason 病假 --at '2026-11-23 10:30' --format json
run dispatch-board svc dispatch board --engineer E-014 --format json
# auto on an outlet whose demo tickets are all settled by now (an open demo ticket with events after
# now, e.g. at SH-01, is refused with 65), with a new ticket of its own to dispatch
svc ticket create --type repair --outlet SH-02 --at '2026-11-23 09:02' -q > /dev/null || { echo "FAIL: ticket for auto"; fail=1; }
run dispatch-auto svc dispatch auto --outlet SH-02 --format json
run audit-outlets env SVC_NOW=2026-12-04T00:00:00Z svc audit outlets --period 2026-11 --apply --format json   # once November has settled
run report-payouts svc report payouts --period 2026-11 --format json
run audit-sla svc audit sla --fail-on breach --format json

# Master data
run outlet-list svc outlet list --format json
run outlet-show svc outlet show SH-01 --format json
run engineer-list svc engineer list --format json
run engineer-show svc engineer show E-013 --format json
run region-list svc region list --format json
run calendar-show svc calendar show 2026 --format json
run calendar-show svc calendar show 2027 --all --format json

# Installed base: products, customers, units, a ticket by serial (docs/installed-base.md)
printf 'id,name,contact,address,region\nC-1,王芳,13812345678,上海市浦东新区,华东\nC-2,李雷,,,\n' > customers.csv
printf 'serial,model,customer,purchased,installed\nSN-1,KFR-35GW,C-1,2026-11-18,2026-11-19\nSN-2,XQG100,,,\n' > units.csv
svc product import -q "$src/examples/network/products.csv" && svc customer import -q customers.csv \
  && svc unit import -q units.csv || { echo "FAIL: installed base setup"; exit 1; }
run ticket-create svc ticket create --type repair --outlet SH-01 --serial SN-1 --at '2026-11-23 09:05' --format json
run product-list svc product list --format json
run product-show svc product show KFR-35GW --format json
run product-show svc product show DW-60 --format json
run customer-list svc customer list --format json
run customer-show svc customer show C-1 --format json
run customer-show svc customer show C-2 --format json
run unit-list svc unit list --format json
run unit-show svc unit show SN-1 --format json
run unit-show svc unit show SN-2 --as-of 2031-01-01 --format json
run unit-history svc unit history SN-1 --format json

# Parts: catalogue, a receipt, a transfer, an issue, use, returns, scrap, count, a claim
cat > parts.csv <<'CSV'
part,name,spec,unit,supplier,list_price,min_stock,claimable
CAP-35,Run capacitor,35µF 450V,pc,Acme,12.00,5,yes
MOT-1,Fan motor,120W,pc,Bolt,900.00,1,no
CSV
printf 'part,counted,reason\nCAP-35,3,lost in the van\nMOT-1,0,dropped\n' > stocktake.csv
svc parts catalog import parts.csv > /dev/null 2>&1 && svc parts warehouse add SH-01 > /dev/null || { echo "FAIL: parts setup"; exit 1; }
run parts-catalog-list svc parts catalog list --format json
run parts-catalog-show svc parts catalog show CAP-35 --format json
run parts-warehouse-list svc parts warehouse list --format json
run parts-receive svc parts receive CAP-35 --qty 10 --unit-cost 10.00 --receipt GRN-1 --at '2026-11-02 09:00' --format json
svc parts receive MOT-1 --qty 2 --unit-cost 860 --receipt GRN-2 --at '2026-11-02 09:00' > /dev/null
run parts-transfer svc parts transfer CAP-35 --qty 8 --from central --to SH-01 --reference TN-7 --at '2026-11-03 09:00' --format json
svc parts transfer MOT-1 --qty 2 --from central --to SH-01 --at '2026-11-03 09:00' > /dev/null
run parts-issue svc parts issue "$T" CAP-35 --qty 3 --warehouse SH-01 --requisition RQ-1 --at '2026-11-23 10:40' --format json
svc parts issue "$T" MOT-1 --qty 1 --warehouse SH-01 --requisition RQ-2 --approved-by lead --at '2026-11-23 10:40' > /dev/null
svc ticket arrive "$T" --at '2026-11-23 10:50' -q && svc ticket complete "$T" --content 更换电容 --part CAP-35:2 --part MOT-1 --fee 80 --at '2026-11-23 11:00' -q \
  || { echo "FAIL: ticket complete with parts"; exit 1; }
ev=$(sqlite3 svc.db "SELECT id FROM events WHERE ticket = '$T' AND event = 'part_used' AND part = 'CAP-35'")
run parts-consume svc parts consume "$T" CAP-35 --qty 2 --event "$ev" --format json
run parts-return-new svc parts return new "$T" CAP-35 --qty 1 --at '2026-11-23 11:10' --format json
run parts-return-old svc parts return old "$T" CAP-35 --qty 2 --at '2026-11-23 11:10' --format json
ev=$(sqlite3 svc.db "SELECT id FROM events WHERE ticket = '$T' AND event = 'part_used' AND part = 'MOT-1'")
svc parts consume "$T" MOT-1 --qty 1 --event "$ev" > /dev/null && svc parts return old "$T" MOT-1 --qty 1 --at '2026-11-23 11:10' > /dev/null
run parts-scrap svc parts scrap MOT-1 --qty 1 --warehouse SH-01 --old --reason burnt --at '2026-11-23 11:20' --format json
run parts-claim-open svc parts claim open CAP-35 --qty 1 --warehouse SH-01 --ticket "$T" --amount 10.58 --at '2026-11-23 11:20' --format json
run parts-claim-submit svc parts claim submit 1 --reference RMA-1 --at '2026-11-23 11:21' --format json
run parts-claim-accept svc parts claim accept 1 --amount 10.00 --at '2026-11-23 11:22' --format json
svc parts claim open CAP-35 --qty 1 --warehouse SH-01 --ticket "$T" --amount 10.58 --at '2026-11-23 11:23' > /dev/null
svc parts claim submit 2 --reference RMA-2 --at '2026-11-23 11:24' > /dev/null
run parts-claim-reject svc parts claim reject 2 --reason 'not our fault' --at '2026-11-23 11:25' --format json
run parts-claims svc parts claims --format json
run parts-count svc parts count --warehouse SH-01 stocktake.csv --at '2026-11-23 11:30' --format json
# the rejected claim's parts came back: reverse its claim movement (docs/parts.md, "Correcting the ledger")
run parts-reverse svc parts reverse "$(sqlite3 "$SVC_DB" 'SELECT id FROM part_movements WHERE claim_id = 2')" --reason 'sent back by the supplier' --at '2026-11-23 11:31' --format json
run parts-stock svc parts stock --format json
run parts-stock svc parts stock --warehouse SH-01 --below-min --format json
run parts-ledger svc parts ledger --part CAP-35 --warehouse SH-01 --format json
run parts-reconcile svc parts reconcile --format json
run audit-parts svc audit parts --as-of 2026-12-31 --fail-on any --format json
svc ticket sign "$T" --at '2026-11-23 11:40' -q && svc ticket complain "$T" --responsible yes --text 迟到 --at '2026-11-23 11:45' -q \
  && svc ticket complaint "$T-C1" --investigation 派单延误 --at '2026-11-23 11:48' -q \
  && svc ticket complaint "$T-C1" --plan 调整派单 --owner 王经理 --deadline 2026-11-30 --at '2026-11-23 11:50' -q \
  && svc ticket note "$T" --text 客户满意 --at '2026-11-23 11:55' -q || { echo "FAIL: ticket life"; exit 1; }
run ticket-show svc ticket show "$T" --format json
run ticket-show svc ticket show T0000105 --format json
# a correction: withdraw the ticket's latest event that can be voided, then list the corrections
V=$(svc ticket show T0000105 --format json | python3 -c 'import json,sys; h=[e for e in json.load(sys.stdin)["history"] if e["event"] not in ("created","voided")]; print(h[-1]["id"] if h else "")')
if [ -n "$V" ]; then
  run ticket-void svc ticket void T0000105 "$V" --reason 'recorded on the wrong ticket' --format json
  run ticket-show svc ticket show T0000105 --format json
else
  echo "FAIL: ticket T0000105 has no event to void"; fail=1
fi
run audit-corrections svc audit corrections --format json
run audit-corrections svc audit corrections --by outlet --format json
run ticket-sla svc ticket sla T0000105 --format json
run ticket-list svc ticket list --state scheduled --format json
run cost-list svc cost list --ticket T0000105 --format json
# Corrections (docs/corrections.md): void the signature and the fee (a consumed part whose
# old part came back is refused until the return is reversed: tests/e2e/corrections.t voids one)
ev=$(sqlite3 "$SVC_DB" "SELECT id FROM events WHERE ticket = '$T' AND event = 'signed'")
run ticket-void svc ticket void "$T" "$ev" --reason 签字录错 --at '2026-11-23 12:00' --format json
ev=$(sqlite3 "$SVC_DB" "SELECT id FROM events WHERE ticket = '$T' AND event = 'fee'")
run ticket-void svc ticket void "$T" "$ev" --reason 收费有误 --at '2026-11-23 12:01' --format json
run ticket-show svc ticket show "$T" --format json
run audit-corrections svc audit corrections --format json
run audit-corrections svc audit corrections --period 2026-10 --format json
run audit-corrections svc audit corrections --period 2026-W48 --by outlet --format json
run audit-corrections svc audit corrections --by user --format json
# a void made on 12-05, back-dated into November, which was applied on 12-04: the preview's "applied" says it changed
ev=$(svc ticket show "$T" --format json | python3 -c 'import json,sys; h=[e for e in json.load(sys.stdin)["history"] if e["event"] not in ("created","voided") and not e["voided"]]; print(h[-1]["id"] if h else "")')
SVC_NOW=2026-12-05T04:00:00Z svc ticket void "$T" "$ev" --reason 补录更正 --at '2026-11-23 12:30' -q > /dev/null || { echo "FAIL: void after apply"; fail=1; }
run audit-outlets env SVC_NOW=2026-12-05T12:00:00Z svc audit outlets --period 2026-11 --format json
run audit-corrections env SVC_NOW=2026-12-05T12:00:00Z svc audit corrections --period 2026-12 --format json
# a generated v2 log (serials, voids of every kind, decimal distances, parts outside the catalogue)
python3 "$src/scripts/gen-logs" 800 --seed 5 --v2 --out v2.csv && svc --db v2.db init -q && svc --db v2.db import -q v2.csv > /dev/null \
  || { echo "FAIL: v2 log"; exit 1; }
for t in $(grep ',voided,' v2.csv | cut -d, -f3 | sort -u | head -12); do run ticket-show svc --db v2.db ticket show "$t" --format json; done
run audit-corrections svc --db v2.db audit corrections --format json
run audit-corrections svc --db v2.db audit corrections --by user --format json
run report-sla svc --db v2.db report sla --period 2026-09 --by engineer --format json
run report-weekly svc --db v2.db report weekly --week 2026-W37 --format json
run report-repeats svc --db v2.db report repeats --from 2026-09-01 --to 2026-12-31 --format json
run report-repeats svc report repeats --period 2026-11 --format json

# Planned maintenance: assets (with and without site, installed date, attributes),
# plans (limits, an optional item, after-in-service, one selecting nothing), due
# work, generated tickets (then nothing more to generate), a visit with an
# out-of-limit value (repair ticket, then cancelled: unfollowed), an incomplete visit
svc maint asset add RS-01 --kind station --outlet SH-01 --site 浦东调压站 --customer C-1 -q \
  && svc maint asset add V-80 --kind valve --outlet SH-01 --attr dn=80 -q \
  && svc maint asset add RG-1 --kind regulator --outlet SH-01 --installed 2018-05-01 --attr origin=imported --attr dn=50 -q \
  && svc maint plan add RS-2W --name 调压站巡检 --select kind=station --interval 2w --crew 2 --start 2026-11-09 \
       --item inlet_pressure:number:kPa:2..4 --item outlet_pressure:number:kPa:..3 --item leak_test:yesno \
       --item remarks:text:optional -q \
  && svc maint plan add V-BIG --name 大阀门保养 --select 'kind=valve, dn>=65' --interval yearly --start 2026-12-01 --item greased:yesno -q \
  && svc maint plan add RG-IMP --name 进口调压器大修 --select 'kind=regulator, origin=imported' --interval 'after 8y in service' \
       --start 2026-11-01 --item done:yesno -q \
  && svc maint plan add PUMP --name 泵房 --select kind=pump --interval monthly --start 2026-11-01 --item ok:yesno -q \
  || { echo "FAIL: maint setup"; exit 1; }
run maint-asset-list svc maint asset list --format json
run maint-asset-list svc maint asset list --outlet BJ-01 --format json
run maint-plan-list svc maint plan list --format json
run maint-plan-show svc maint plan show RS-2W --format json
run maint-plan-show svc maint plan show PUMP --format json
run maint-due svc maint due --within 14d --format json
run maint-due svc maint due --outlet BJ-01 --format json
run maint-generate svc maint generate --until 2026-12-01 --format json
run maint-generate svc maint generate --until 2026-12-01 --format json
printf 'key,value\ninlet_pressure,1.6\noutlet_pressure,2.5\nleak_test,yes\n' > results.csv
svc maint record M-RS-2W-RS-01-20261109 --crew 张工,李工 --file results.csv --at '2026-11-09 10:00' -q > /dev/null \
  && svc maint record M-RS-2W-RS-01-20261123 --crew 张工,李工 --item leak_test=yes --at '2026-11-23 11:58' -q > /dev/null \
  && svc ticket cancel M-RS-2W-RS-01-20261109-R --reason 误报 -q || { echo "FAIL: maint record"; exit 1; }
run maint-due svc maint due --format json
run audit-maint svc audit maint --fail-on any --format json
run audit-maint svc audit maint --as-of 2026-04-30 --format json
run maint-visit-list svc maint visit list --format json
run maint-visit-list svc maint visit list --asset V-80 --format json
run maint-visit-show svc maint visit show M-RS-2W-RS-01-20261109 --format json

# Training: a year's plan (one course without a month), sessions, scores with a
# pass, two fails in a row (retraining, reassignment) and an attendee not assessed
svc training plan --year 2026 --topic repair --title 变频空调维修 --month 3 > /dev/null \
  && svc training plan --year 2026 --topic quality --title 服务质量标准 > /dev/null \
  && svc training session S1 --plan 1 --date 2026-03-10 --attendee E-013,E-014,E-001 --trainer 李老师 -q \
  && svc training session S2 --plan 1 --date 2026-04-10 --attendee E-013 -q \
  && svc training result --session S1 --engineer E-013 --method written --score 50 -q \
  && svc training result --session S1 --engineer E-013 --method practical --score 60.5 -q \
  && svc training result --session S1 --engineer E-014 --method customer --score 92 -q \
  && svc training result --session S2 --engineer E-013 --method written --score 59 -q \
  && svc training result --session S1 --engineer E-014 --method written --score 8 -q \
  || { echo "FAIL: training setup"; exit 1; }
run training-void svc training void --session S1 --engineer E-014 --method written --reason '80 typed as 8' --format json
run audit-training svc audit training --format json
run audit-training svc audit training --fail-on finding --outlet SH-01 --format json
run training-list svc training list --year 2026 --format json
run training-list svc training list --year 2025 --format json
run training-archive svc training archive --format json
run training-archive svc training archive --year 2026 --due --format json
run training-archive svc training archive --outlet BJ-01 --format json
run report-training svc report training --year 2026 --format json
run report-training svc report training --year 2025 --format json

# Site software updates: region given or taken from the engineer; a wrong record voided
svc sites update record --site A厂 --customer C-1 --date 2026-10-01 --model RB-200 --qty 4 --version 3.1 --operator E-013 -q > /dev/null \
  && svc sites update record --site B厂 --customer C-2 --date 2026-10-02 --model RB-200 --qty 2 --version 3.1 --operator E-013 --region 西南 -q > /dev/null \
  && svc sites update record --site A厂 --customer C-1 --date 2026-11-17 --model RB-200 --qty 4 --version 3.10 --operator E-013 -q > /dev/null \
  && svc sites update record --site C厂 --customer C-3 --date 2026-11-18 --model RB-100 --qty 1 --version 1.0 --operator E-014 -q > /dev/null \
  && svc sites update record --site C厂 --customer C-3 --date 2026-11-19 --model RB-100 --qty 1 --version 9.0 --operator E-014 -q > /dev/null \
  || { echo "FAIL: sites setup"; exit 1; }
run sites-update-void svc sites update void 5 --reason 'wrong version' --format json
run sites-update-list svc sites update list --period 2026-W47 --format json
run sites-update-list svc sites update list --region 西南 --format json
run sites-update-list svc sites update list --period 2026-01 --format json
run report-updates svc report updates --week 2026-W47 --old --format json
run report-updates svc report updates --week 2026-W40 --format json

# A complaint on a demo ticket, taken through its steps (docs/complaints.md)
t=$(svc ticket list --format csv | sed -n 2p | cut -d, -f1)
svc ticket complain "$t" --responsible yes --number CP-SCHEMA-1 --category attitude -q \
  && svc complaint ack CP-SCHEMA-1 --text 已致电 -q \
  && svc complaint investigate CP-SCHEMA-1 --text 属实 --responsible yes -q \
  && svc complaint plan CP-SCHEMA-1 --text 培训 --owner 王经理 --deadline 2026-12-31 --department 服务部 -q \
  || { echo "FAIL: complaint setup"; exit 1; }
run complaint-show svc complaint show CP-SCHEMA-1 --format json
svc complaint resolve CP-SCHEMA-1 --text 已处理 -q && svc complaint follow-up CP-SCHEMA-1 --text 回访 --verdict satisfied -q \
  && svc complaint close CP-SCHEMA-1 -q || { echo "FAIL: complaint steps"; exit 1; }
run complaint-show svc complaint show CP-SCHEMA-1 --format json
read_only

# Every command whose --format offers json has a schema and was run above.
walk() {
  local help subs name
  help=$(svc "$@" --help 2>&1)
  if grep -qE '^  --format [A-Z]+:\{[^}]*json' <<< "$help"; then
    name=$(IFS=-; echo "$*")
    [ -f "$src/schemas/json/$name.schema.json" ] || { echo "FAIL: svc $* --format json has no schemas/json/$name.schema.json"; fail=1; }
    grep -qxF "$name" ran.txt || { echo "FAIL: svc $* --format json is not run by this test"; fail=1; }
    json_commands=$((json_commands + 1))
  fi
  subs=$(awk '/^Subcommands:/{f=1;next} /^$/{f=0} f && /^  [a-z]/{print $1}' <<< "$help")
  for s in $subs; do walk "$@" "$s"; done
}
json_commands=0
walk
# and no schema is left over from a command that is gone
for f in "$src"/schemas/json/*.schema.json; do
  name=$(basename "$f" .schema.json)
  grep -qxF "$name" ran.txt || { echo "FAIL: schemas/json/$name.schema.json: no command output checked"; fail=1; }
done

python3 "$src/tests/ecosystem/validate.py" "$src/schemas/json" out || fail=1
echo "schemas: $json_commands commands with --format json, $n outputs validated"
exit $fail
