svc batch: import stage, post-import steps, unknown steps.

### file day.csv
ts,ticket,event,type,urgency,region,outlet
2026-11-02 08:15,T1,created,repair,normal,华东,SH-01
2026-11-02 09:15,T2,created,repair,urgent,华东,SH-01
2026-11-02 10:15,T2,closed,,,,

### run svc batch day.csv --report tikets
### exit 2
### stderr-has
--report: unknown step 'tikets' (did you mean 'tickets'?); available: tickets, sla, outlets, weekly

### run test ! -e svc.db
### exit 0

### run svc batch day.csv --report tickets --format json
### stdout
{"import":{"read":3,"new":3,"duplicate":0,"rejected":0,"files":[{"file":"day.csv","status":"stored","read":3,"new":3,"duplicate":0,"rejected":0,"failed":false}]},"audit":{"as_of":"2026-11-23T20:00:00+08:00","tickets":2,"on_time":0,"late":2,"open":0,"cancelled":0,"none":0,"breached":2,"at_risk":0},"tickets":{"open":1,"closed":1}}

### run svc batch day.csv --report tickets
### stdout-has
day.csv     3    0          3         0
SLA audit
Tickets by state
open          1
closed        1


### run svc batch day.csv --report sla,outlets --period 2026-11 --format json
### stdout-has
"duplicate":3
"audit":{"as_of":"2026-11-23T20:00:00+08:00"
"sla":{"from":"2026-11-01","to":"2026-11-30"
"outlets":{"period":"2026-11","outlets":[{"outlet":"SH-01"

### run svc batch day.csv --report sla
### exit 2
### stderr-has
--report sla needs --period

### run svc batch day.csv --report weekly --period 2026-11
### exit 2
### stderr-has
--report weekly needs an ISO week

### run svc batch day.csv --report weekly --period 2026-W45
### stdout-has
Weekly report

### file week.csv
ts,ticket,event,type,urgency,region,outlet
2026-11-02 08:15,T1,created,repair,normal,华东,SH-01
2026-11-02 09:15,T2,created,repair,urgent,华东,SH-01
2026-11-02 10:15,T2,closed,,,,
2026-11-05 08:00,T3,created,repair,normal,华东,SH-01
2026-11-06 09:00,T3,cancelled,,,,

### run rm -f svc.db svc.db-wal svc.db-shm && svc batch week.csv --as-of '2026-11-02 09:30' --report tickets --format json
# every step as of --as-of: T2's close (10:15) and T3 (created 11-05) have not happened yet
### stdout
{"import":{"read":5,"new":5,"duplicate":0,"rejected":0,"files":[{"file":"week.csv","status":"stored","read":5,"new":5,"duplicate":0,"rejected":0,"failed":false}]},"audit":{"as_of":"2026-11-02T09:30:00+08:00","tickets":2,"on_time":0,"late":0,"open":2,"cancelled":0,"none":0,"breached":0,"at_risk":0},"tickets":{"open":2}}

### run svc batch week.csv --as-of 2026-11-05 --report tickets
### stdout-has
Tickets by state
open          2
closed        1

### run svc batch week.csv --report tickets --format json | grep -o '"tickets":{[^}]*}'
# no --as-of: now (SVC_NOW), every event in force
### stdout
"tickets":{"open":1,"closed":1,"cancelled":1}

### run svc batch week.csv --as-of 2026-11-01 --report tickets --format json | grep -o '"tickets":{[^}]*}'
### stdout
"tickets":{}

### run svc batch week.csv --as-of '2026-11-04 12:00' --report sla --period 2026-11 --format json | grep -o '"as_of":"[^"]*"' | sort -u
# the reports too
### stdout
"as_of":"2026-11-04T12:00:00+08:00"


### file good.csv
ts,ticket,event,type,urgency,region,outlet
2026-11-10 08:00,G1,created,repair,normal,华东,SH-01
2026-11-10 09:00,G2,created,repair,normal,华东,SH-01

### file bad.csv
ts,ticket,event,type,urgency,region,outlet
2026-11-10 08:00,B1,created,repair,normal,华东,SH-01
2026-11-10 09:00,B1,creatd,,,,

### run rm -f svc.db svc.db-wal svc.db-shm && svc batch good.csv bad.csv --report tickets --format json
# good.csv stored, bad.csv failed: exit 3, not 65 (65 means nothing was stored)
### exit 3
### stdout
{"import":{"read":4,"new":2,"duplicate":0,"rejected":1,"files":[{"file":"good.csv","status":"stored","read":2,"new":2,"duplicate":0,"rejected":0,"failed":false},{"file":"bad.csv","status":"failed","read":2,"new":0,"duplicate":0,"rejected":1,"failed":true}]},"audit":{"as_of":"2026-11-23T20:00:00+08:00","tickets":2,"on_time":0,"late":2,"open":0,"cancelled":0,"none":0,"breached":2,"at_risk":0},"tickets":{"open":2}}
### stderr-has
bad.csv:3:
svc: error: 1 of 2 files failed, nothing of them stored: bad.csv (1 bad record); stored: good.csv

### run sqlite3 svc.db "SELECT ticket, count(*) FROM events GROUP BY ticket ORDER BY ticket"
# the store holds good.csv and nothing of bad.csv
### stdout
G1|1
G2|1

### run sqlite3 svc.db .dump > before.sql && svc batch bad.csv --report tickets > out.txt; echo "exit $?"; sqlite3 svc.db .dump | cmp - before.sql && echo unchanged
# every file failed: 65, the store as it was, the steps still ran
### stdout
exit 65
unchanged

### run svc batch good.csv missing.csv bad.csv
# a file that cannot be read is a failed file too: the others are still imported
### exit 3
### stdout-has
missing.csv (failed: nothing stored)
### stderr-has
svc: error: 2 of 3 files failed, nothing of them stored: missing.csv (cannot read it), bad.csv (1 bad record); stored: good.csv

### run svc batch missing.csv nothere.csv
### exit 66
### stderr-has
svc: error: cannot read missing.csv, nothere.csv; nothing was stored

### run svc import good.csv bad.csv --format json
# svc import: the same outcome, the same code
### exit 3
### stdout
{"read":4,"new":0,"duplicate":2,"rejected":1,"files":[{"file":"good.csv","status":"stored","read":2,"new":0,"duplicate":2,"rejected":0,"failed":false},{"file":"bad.csv","status":"failed","read":2,"new":0,"duplicate":0,"rejected":1,"failed":true}]}

### run svc import --skip-bad good.csv bad.csv > /dev/null
# with --skip-bad a file with bad records is stored without them: exit 0
### stderr-has
svc: warning: bad.csv: 1 bad record skipped


### run rm -f svc.db svc.db-wal svc.db-shm && svc init --quiet && svc outlet add SH-01 --name 上海一店 --region 华东 --quiet && svc maint asset add RS-01 --kind station --outlet SH-01 --quiet && svc maint plan add RS-2W --name 调压站巡检 --select kind=station --interval 2w --start 2026-11-09 --item leak_test:yesno --quiet

### run svc batch good.csv --as-of '2026-11-10 12:00' --maint-generate-until 2026-11-30 --report tickets,maint --format json
# generated as of --as-of: 11-23 has not begun then; audited as of --as-of: 11-09 is overdue
### stdout
{"import":{"read":2,"new":2,"duplicate":0,"rejected":0,"files":[{"file":"good.csv","status":"stored","read":2,"new":2,"duplicate":0,"rejected":0,"failed":false}]},"maint_generate":{"until":"2026-11-30","created":["M-RS-2W-RS-01-20261109"],"existing":0,"later":1,"superseded":[]},"audit":{"as_of":"2026-11-10T12:00:00+08:00","tickets":3,"on_time":0,"late":1,"open":2,"cancelled":0,"none":0,"breached":1,"at_risk":0},"tickets":{"open":3},"maint":[{"finding":"overdue","outlet":"SH-01","plan":"RS-2W","asset":"RS-01","due":"2026-11-09","ticket":"M-RS-2W-RS-01-20261109","detail":"due 2026-11-09 (1 days ago), 1 due date open"}]}

### run svc batch good.csv --maint-generate-until 2026-11-30 --report maint
# as of now (11-23): the 11-23 ticket is generated; both dates before today without a visit
### stdout-has
Maintenance tickets due up to 2026-11-30
1 created, 1 already there, 0 not due yet
M-RS-2W-RS-01-20261123
Maintenance audit
overdue

### run svc ticket list --type maintenance --format csv | cut -d, -f1 | tr -d '\r'
### stdout
ticket
M-RS-2W-RS-01-20261109
M-RS-2W-RS-01-20261123

### run sqlite3 svc.db .dump > before.sql && svc batch week.csv --as-of 2026-12-01 --maint-generate-until 2026-12-31; echo "exit $?"; sqlite3 svc.db .dump | cmp - before.sql && echo unchanged
# tickets are never generated ahead of time: refused before anything is imported
### stdout
exit 65
unchanged

### run svc batch good.csv --maint-generate-until 2026-02-30
### exit 2
### stderr-has
--maint-generate-until '2026-02-30': no such date

### run svc batch good.csv --report maint --format json | grep -o '"maint":\[[^]]*\]' | head -c 40; echo
### stdout
"maint":[{"finding":"overdue","outlet":"
