svc audit verify: the tamper-evidence chain, intact and then altered with the sqlite3 shell.

### file log.csv
id,ts,ticket,event,type,urgency,region,outlet,note
E01,2026-11-09 08:00,T1,created,repair,normal,华东,SH-01,
E02,2026-11-09 09:00,T1,responded,,,,,
E03,2026-11-09 10:00,T1,completed,,,,,更换电容
E04,2026-11-09 10:05,T1,signed,,,,,

### run svc audit verify
### exit 69

### run svc init --quiet && svc audit verify
### stdout
chain intact: 0 events verified
projection intact: 0 tickets match their events
records intact: 0 sealed rows in 23 tables verified

### run svc import log.csv > /dev/null && svc audit verify
### stdout
chain intact: 4 events verified
projection intact: 1 ticket matches its events
records intact: 1 sealed row in 23 tables verified

### run svc audit verify --format json | cut -c1-70
### stdout
{"ok":true,"events":4,"broken":null,"tickets":1,"records":1,"tables":[

### run svc audit verify --format csv | tr -d '\r'
### stdout
ok,events,tickets,records,table,key,problem,reason
yes,4,1,1,,,,

### run sqlite3 svc.db "UPDATE events SET note = '未更换' WHERE id = 'E03'" && svc audit verify
# a customer's record changed behind svc's back
### exit 1
### stdout-has
chain broken at seq
(event E03, ticket T1)
2 events before it verified

### run svc audit verify --format json
### exit 1
### stdout-has
{"ok":false,"events":2,"broken":{"seq":
"id":"E03","ticket":"T1","reason":"its chain value does not match

### run svc audit verify --format table --quiet
### exit 1

### run svc audit verify --format xml
### exit 2

### file multiline.csv
id,ts,ticket,event,type,urgency,region,outlet,note
M01,2026-11-10 08:00,T2,created,repair,normal,华东,SH-01,"第二次上门
原因：未修好"
,2026-11-10 09:00,T2,responded,,,,,"two
lines"

### run svc --db m.db import multiline.csv > /dev/null && svc --db m.db audit verify
# notes with line breaks: the import's chain agrees with the canonical form
### stdout
chain intact: 2 events verified
projection intact: 1 ticket matches its events
records intact: 1 sealed row in 23 tables verified

### run svc --db m.db import multiline.csv > /dev/null && svc --db m.db audit verify
# and importing the same file again changes nothing
### stdout
chain intact: 2 events verified
projection intact: 1 ticket matches its events
records intact: 1 sealed row in 23 tables verified

### file tamper.sh
# Tamper evidence of the records that decide money or compliance, and of the
# tickets projection: r.db holds a maintenance visit and a revisit, training,
# a site update and its void, a parts receipt, a cost entry and an applied
# assessment; each table is altered with sqlite3 on a copy of it, and verify
# names the table and the key (exit 1).
# tamper.sh SQL: applies SQL to a copy of r.db and verifies the copy (table format, findings only)
rm -f x.db; sqlite3 r.db ".backup x.db" && sqlite3 x.db "$1" && svc --db x.db audit verify > out.txt; rc=$?; grep -v '^chain\|^projection\|^records' out.txt; exit $rc

### run svc --db r.db init -q && svc --db r.db outlet add SH-01 --name 上海一店 --region 华东 -q && svc --db r.db engineer add E-1 --name 张工 --outlet SH-01 -q && svc --db r.db import -q log.csv > /dev/null && svc --db r.db maint asset add RS-01 --kind station --outlet SH-01 -q && svc --db r.db maint plan add P1 --name 巡检 --select kind=station --interval 2w --crew 1 --start 2026-11-09 --item inlet_pressure:number:kPa:2..4 --item leak_test:yesno -q && svc --db r.db maint generate --until 2026-11-09 -q > /dev/null && svc --db r.db maint record M-P1-RS-01-20261109 --crew 张工 --item inlet_pressure=3.0 --at '2026-11-09 10:00' -q > /dev/null 2>&1; svc --db r.db maint record M-P1-RS-01-20261109 --crew 张工 --item leak_test=yes --at '2026-11-10 10:00' -q > /dev/null && svc --db r.db training plan --year 2026 --topic repair --title 维修 > /dev/null && svc --db r.db training session S1 --plan 1 --date 2026-03-10 --attendee E-1 -q && svc --db r.db training result --session S1 --engineer E-1 --method written --score 80 -q && svc --db r.db training void --session S1 --engineer E-1 --method written --reason typo -q && svc --db r.db training result --session S1 --engineer E-1 --method written --score 85 -q && svc --db r.db sites update record --site A厂 --customer C-1 --date 2026-11-20 --model RB-200 --qty 1 --version 3.1 --operator E-1 -q > /dev/null && svc --db r.db sites update void 1 --reason typo -q && svc --db r.db parts catalog add CAP-35 --name 电容 -q && svc --db r.db parts receive CAP-35 --qty 10 --unit-cost 11.80 --receipt GRN-1 --at '2026-11-01 09:00' -q > /dev/null && svc --db r.db cost add --ticket T1 --kind travel --amount 20 -q > /dev/null && SVC_NOW=2026-12-05T00:00:00Z svc --db r.db audit outlets --period 2026-11 --apply > /dev/null && svc --db r.db audit verify
### stdout
chain intact: 9 events verified
projection intact: 2 tickets match their events
records intact: 23 sealed rows in 23 tables verified

### run bash tamper.sh "UPDATE tickets SET state = 'closed' WHERE ticket = 'T1'"
# a row of the ticket projection edited
### exit 1
### stdout-has
tickets (ticket=T1): edited: its row's state is not what its events give

### run bash tamper.sh "DELETE FROM tickets WHERE ticket = 'T1'"
# a row of the ticket projection deleted
### exit 1
### stdout-has
tickets (ticket=T1): deleted: the ticket has events but no row in the tickets table

### run bash tamper.sh "INSERT INTO tickets(ticket, state, last_ts, events) VALUES('T0', 'closed', 0, 0)"
# a row inserted into the projection
### exit 1
### stdout-has
tickets (ticket=T0): inserted

### run bash tamper.sh "UPDATE maint_visits SET crew_size = 2"
# a visit
### exit 1
### stdout-has
maint_visits (ticket=M-P1-RS-01-20261109): edited

### run bash tamper.sh "UPDATE maint_results SET value = '2.5'"
# a maintenance reading
### exit 1
### stdout-has
maint_results (ticket=M-P1-RS-01-20261109, key=inlet_pressure): edited

### run bash tamper.sh "DELETE FROM maint_revisits"
# a revisit
### exit 1
### stdout-has
maint_revisits (ticket=M-P1-RS-01-20261109, seq=2): deleted

### run bash tamper.sh "UPDATE maint_revisit_results SET value = 'no'"
# a reading of a revisit
### exit 1
### stdout-has
maint_revisit_results (ticket=M-P1-RS-01-20261109, seq=2, key=leak_test): edited

### run bash tamper.sh "UPDATE training_results SET score = 95 WHERE id = 2"
# a training score
### exit 1
### stdout-has
training_results (id=2): edited

### run bash tamper.sh "DELETE FROM training_result_voids"
# the void of a training score
### exit 1
### stdout-has
training_result_voids (result=1): deleted

### run bash tamper.sh "UPDATE training_sessions SET day = '2026-03-11'"
# a training session's date
### exit 1
### stdout-has
training_sessions (id=S1): edited

### run bash tamper.sh "INSERT INTO training_attendees VALUES('S1', 'E-2')"
# an attendee added
### exit 1
### stdout-has
training_attendees (session=S1, engineer=E-2): inserted

### run bash tamper.sh "UPDATE site_updates SET version = '9.9'"
# a site version
### exit 1
### stdout-has
site_updates (id=1): edited

### run bash tamper.sh "DELETE FROM site_update_voids"
# the void of a site update
### exit 1
### stdout-has
site_update_voids (update_id=1): deleted

### run bash tamper.sh "DROP TRIGGER part_movements_append_only_update; UPDATE part_movements SET qty = 100"
# a parts movement (its trigger dropped first)
### exit 1
### stdout-has
part_movements (id=1): edited

### run bash tamper.sh "UPDATE cost_entries SET amount_cents = 200000"
# a cost entry
### exit 1
### stdout-has
cost_entries (id=1): edited

### run bash tamper.sh "UPDATE assessments SET net_cents = net_cents + 100000"
# an applied assessment
### exit 1
### stdout-has
assessments (id=1): edited

### run bash tamper.sh "UPDATE assessment_outlets SET grade = 'excellent'"
# an outlet's money in it
### exit 1
### stdout-has
assessment_outlets (assessment=1, outlet=SH-01): edited

### run bash tamper.sh "DELETE FROM seals WHERE tbl = 'training_results' AND seq = 1"
# a seal removed
### exit 1
### stdout-has
training_results (id=2): seal altered

### run bash tamper.sh "UPDATE training_results SET score = 95 WHERE id = 2; UPDATE tickets SET state = 'closed' WHERE ticket = 'T1'" > /dev/null; svc --db x.db audit verify --format json | grep -o '"findings":.*'
# JSON names every finding
### stdout
"findings":[{"table":"tickets","key":"ticket=T1","problem":"edited","reason":"its row's state is not what its events give (svc admin rebuild recomputes it)"},{"table":"training_results","key":"id=2","problem":"edited","reason":"the row's content no longer matches its seal"}]}

### run svc --db x.db audit verify --format csv > o.csv; rc=$?; tr -d '\r' < o.csv; exit $rc
### exit 1
### stdout
ok,events,tickets,records,table,key,problem,reason
no,9,1,22,tickets,ticket=T1,edited,its row's state is not what its events give (svc admin rebuild recomputes it)
no,9,1,22,training_results,id=2,edited,the row's content no longer matches its seal

### run svc --db x.db admin rebuild -q; svc --db x.db audit verify
# the projection is rebuilt from the events; the edited score stays named
### exit 1
### stdout
chain intact: 9 events verified
projection intact: 2 tickets match their events
records altered: 22 sealed rows in 23 tables verified
training_results (id=2): edited: the row's content no longer matches its seal
