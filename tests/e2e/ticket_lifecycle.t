One ticket through its whole life by commands (a reschedule with consent,
rework after a rejection, a complaint), then the same events written by hand
as a service-log CSV and imported into a fresh store: the events (ids derived
from their content), the SLA audit and the integrity audit must be identical.

### run svc init --quiet && svc outlet add SH-01 --name 上海一店 --region 华东 --quiet && svc engineer add E-017 --name 张工 --outlet SH-01 --quiet && sqlite3 svc.db "INSERT INTO parts(part, name, list_cents) VALUES('CAP-35UF', '电容', 3550)"

### run svc ticket create --id T1 --type repair --outlet SH-01 --channel phone --customer C-88 --distance 12 --product KFR-35GW --purchased 2025-06-01 --fault '空调不制冷, 外机异响' --address '浦东 1 号' --at '2026-11-06 16:00'
### stdout
T1
### stderr-has
T1: out of warranty (12 months, last day 2026-06-01)
T1: quote 80.00 = labour 1 h × 80.00 = 80.00 + parts 0.00

### run svc ticket respond T1 --note 预约 --at '2026-11-09 09:00'
### stderr-has
T1: responded -> responded

### run svc ticket schedule T1 --window '2026-11-09 13:00/15:00' --engineer E-017 --at '2026-11-09 09:30'
### stderr-has
T1: dispatched -> scheduled

### run svc ticket schedule T1 --window '2026-11-09 14:00/16:00' --reason 客户临时外出 --consent --at '2026-11-09 10:00'
### stderr-has
T1: paused, resumed -> scheduled (paused)
T1: the clock is paused until the new window starts at 2026-11-09T14:00:00+08:00

### run svc ticket list --as-of '2026-11-09 12:00' --format csv | tr -d '\r'
### stdout
ticket,state,type,urgency,outlet,region,engineer,created,sla,next_due
T1,scheduled,repair,normal,SH-01,华东,E-017,2026-11-06T16:00:00+08:00,late,

### run svc ticket arrive T1 --at '2026-11-09 14:30' && svc ticket complete T1 --content 更换电容 --hours 1.5 --part CAP-35UF --at '2026-11-09 15:50'
### stderr-has
T1: arrived -> on_site
T1: part_used, completed -> completed

### run svc ticket reject T1 --reason 仍有异响 --at '2026-11-09 15:55' && svc ticket complete T1 --content 紧固外机 --hours 0.5 --at '2026-11-09 16:40' && svc ticket sign T1 --at '2026-11-09 16:45'
### stderr-has
T1: rejected -> rework
T1: completed -> completed
T1: signed -> signed

### run svc ticket complain T1 --responsible yes --number CP-1 --text 迟到 --at '2026-11-10 09:00' && svc ticket complaint CP-1 --investigation 派单延误 --at '2026-11-10 11:00'
### stderr-has
T1: complaint CP-1 opened; next: ack (the first reply), see 'svc complaint'
T1: complaint CP-1: investigation recorded; next: plan or resolution

### run svc ticket follow-up T1 --satisfaction 4 --comment 还行 --at '2026-11-10 08:00'
### exit 65
### stderr-has
svc: error: ticket 'T1' already has a later event (complaint at 2026-11-10T09:00:00+08:00): steps are recorded in order

### run svc ticket follow-up T1 --satisfaction 4 --comment 还行 --at '2026-11-10 12:00' && svc ticket close T1 --at '2026-11-10 12:05' && svc ticket note T1 --text 归档
### stderr-has
T1: followed_up -> signed
T1: closed -> closed
T1: recorded -> closed

### file events.csv
ts,ticket,event,type,urgency,channel,region,outlet,customer,product,purchased,distance_km,engineer,satisfaction,responsible,part,qty,labor_hours,note
2026-11-06 16:00,T1,created,repair,normal,phone,华东,SH-01,C-88,KFR-35GW,2025-06-01,12,,,,,,,"空调不制冷, 外机异响"
2026-11-09 09:00,T1,responded,,,,,,,,,,,,,,,,预约
2026-11-09 09:30,T1,dispatched,,,,,,,,,,E-017,,,,,,
2026-11-09 10:00,T1,paused,,,,,,,,,,,,,,,,rescheduled: 客户临时外出 (customer consented)
2026-11-09 14:00,T1,resumed,,,,,,,,,,,,,,,,rescheduled appointment begins
2026-11-09 14:30,T1,arrived,,,,,,,,,,,,,,,,
2026-11-09 15:50,T1,part_used,,,,,,,,,,,,,CAP-35UF,1,,
2026-11-09 15:50,T1,completed,,,,,,,,,,,,,,,1.5,更换电容
2026-11-09 15:55,T1,rejected,,,,,,,,,,,,,,,,仍有异响
2026-11-09 16:40,T1,completed,,,,,,,,,,,,,,,0.5,紧固外机
2026-11-09 16:45,T1,signed,,,,,,,,,,,,,,,,
2026-11-10 09:00,T1,complaint,,,,,,,,,,,,yes,,,,complaint CP-1: 迟到
2026-11-10 12:00,T1,followed_up,,,,,,,,,,,4,,,,,还行
2026-11-10 12:05,T1,closed,,,,,,,,,,,,,,,,

### run svc --db fresh.db init --quiet && svc --db fresh.db import events.csv --quiet > /dev/null && for q in "SELECT id, ts, event FROM events ORDER BY ts, seq" "SELECT * FROM tickets"; do diff <(sqlite3 svc.db "$q") <(sqlite3 fresh.db "$q") || echo DIFFERENT; done; sqlite3 svc.db "SELECT count(*) FROM events"
### stdout
14

### run for t in '2026-11-09 12:00' '2026-11-09 16:00' '2026-11-10 10:00' now; do a=--as-of=$t; [ "$t" = now ] && a=--quiet; svc audit sla --all --format json "$a" --quiet > a.json; svc --db fresh.db audit sla --all --format json "$a" --quiet > b.json; cmp a.json b.json || echo DIFFERENT; done; svc --db fresh.db audit integrity --format csv > b.csv; svc audit integrity --format csv | cmp - b.csv && echo same
### stdout
same

### run svc audit sla --all --format json --as-of '2026-11-09 12:00' --quiet
### stdout-has
{"ticket":"T1","outlet":"SH-01","region":"华东","rule":"standard","status":"late"
"resolution":{"status":"pending","at_risk":false,"elapsed_s":10800,"target_s":86400,"due":null}

### run SVC_NOW=2026-12-04T01:02:03.456789Z svc ticket create --id T9 --type repair --outlet SH-01 --quiet > /dev/null && SVC_NOW=2026-12-04T01:02:04.999999Z svc ticket respond T9 --quiet && sqlite3 svc.db "SELECT ts FROM events WHERE ticket = 'T9' ORDER BY seq"; SVC_NOW=2026-12-04T01:02:05.5Z svc ticket sla T9 | grep -cE ':[0-9]{2}\.[0-9]'; true
# a step without --at is recorded now, to the whole second; people never see a fraction of a second
### stdout
1796346123000000
1796346124000000
0
