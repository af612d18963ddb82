Issue 14 items 6 and 7: the policy's plausibility limits ([limits]) on every
writing command and in svc import, --force --reason, and the ticket guards (a
ticket that does not exist: 66 with a did-you-mean; a closed or cancelled one).
Every refusal here is also in writes_atomic.t (store unchanged).

### file log.csv
id,ts,ticket,event,type,urgency,region,outlet,engineer,labor_hours,note
T1001-c,2026-11-20 08:00,T1001,created,repair,normal,华东,SH-01,,,
T1001-d,2026-11-20 09:00,T1001,dispatched,,,,,E-013,,
T1001-a,2026-11-20 10:00,T1001,arrived,,,,,,,
T1002-c,2026-11-20 08:30,T1002,created,repair,urgent,华东,SH-01,,,
T1003-c,2026-11-20 08:00,T1003,created,repair,normal,华东,SH-01,,,
T1003-f,2026-11-20 11:00,T1003,completed,,,,,,2,
T1003-x,2026-11-20 12:00,T1003,closed,,,,,,,
T1004-c,2026-11-20 08:00,T1004,created,repair,normal,华东,SH-01,,,
T1004-x,2026-11-20 09:00,T1004,cancelled,,,,,,,

### file parts.csv
part,name,list_price,min_stock,claimable
CAP-35,Run capacitor,12.00,5,yes

### run svc init -q && svc -q outlet import "$SRC/examples/network/outlets.csv" && svc -q engineer import "$SRC/examples/network/engineers.csv" && svc import -q log.csv && svc parts catalog import -q parts.csv && svc parts receive CAP-35 --qty 20 --unit-cost 10 --receipt G1 --at '2026-11-20 07:00' >/dev/null

### run svc config check "$SRC/examples/svc.toml" | tail -1
# config check prints the limits in force
### stdout
limits: labor_hours 24, amount 100000.00, qty 1000, distance_km 2000, unit_cost 1000000.00

### run svc config show | sed -n '/^\[limits\]/,/^unit_cost/p'
### stdout
[limits]
labor_hours = 24
amount = 100000.00
qty = 1000
distance_km = 2000
unit_cost = 1000000.00

### file bad-limits.toml
[limits]
labor_hour = 3
qty = 0

### run svc config check bad-limits.toml
### exit 65
### stderr-has
bad-limits.toml:2: unknown key 'limits.labor_hour' (did you mean 'limits.labor_hours'?)
bad-limits.toml:3: limits.qty must be a whole number from 1 to 1000000000

### run svc ticket respond T1O01
# guards: a ticket that does not exist, with a did-you-mean (66)
### exit 66
### stderr-has
svc: error: no ticket 'T1O01' in the store (did you mean 'T1001'?)

### run svc ticket show NOSUCH
### exit 66
### stderr-has
no ticket 'NOSUCH' in the store (create it with 'svc ticket create')

### run svc parts issue NOSUCH CAP-35 --qty 1 --warehouse central
### exit 66
### stderr-has
svc: error: no ticket 'NOSUCH' in the store

### run svc parts issue T1O02 CAP-35 --qty 1 --warehouse central
### exit 66
### stderr-has
no ticket 'T1O02' in the store (did you mean 'T1002'?)

### run svc parts consume NOSUCH CAP-35 --qty 1
### exit 66

### run svc parts return new NOSUCH CAP-35 --qty 1
### exit 66

### run svc parts claim open CAP-35 --qty 1 --warehouse central --ticket NOSUCH
### exit 66

### run svc cost add --ticket T1O01 --kind travel --amount 2
### exit 66
### stderr-has
did you mean 'T1001'?

### run svc dispatch assign T1O02 E-013
### exit 66
### stderr-has
did you mean 'T1002'?

### run svc parts issue T1003 CAP-35 --qty 1 --warehouse central
# guards: closed and cancelled tickets
### exit 65
### stderr-has
svc: error: ticket 'T1003' is closed: svc parts issue is refused on a closed ticket; --force --reason TEXT records it anyway

### run svc parts issue T1004 CAP-35 --qty 1 --warehouse central
### exit 65
### stderr-has
ticket 'T1004' is cancelled: svc parts issue is refused on a cancelled ticket

### run svc parts consume T1003 CAP-35 --qty 1
### exit 65
### stderr-has
ticket 'T1003' is closed: svc parts consume is refused

### run svc parts issue T1003 CAP-35 --qty 1 --warehouse central --force
# --force without --reason is a usage error
### exit 2
### stderr-has
--force requires --reason

### run svc parts issue T1003 CAP-35 --qty 1 --warehouse central --force --reason ''
### exit 2
### stderr-has
--force needs --reason TEXT

### run svc parts issue T1003 CAP-35 --qty 1 --warehouse central --force --reason 'paperwork after closing' --format csv | tr -d '\r' | cut -d, -f3,12,17
# forced: recorded, with the reason in the movement's reason
### stdout
kind,ticket,reason
issue,T1003,forced on closed ticket T1003: paperwork after closing

### run svc parts return new T1003 CAP-35 --qty 1 --format csv | tr -d '\r' | cut -d, -f3,12
# a closed ticket's parts still come back
### stdout
kind,ticket
return-new,T1003

### run svc parts receive CAP-35 --qty 5000 --unit-cost 10 --receipt G2
# limits on parts movements
### exit 65
### stderr-has
svc: error: qty 5000 is beyond the plausibility limit 1000 ([limits] qty); --force --reason TEXT records it anyway

### run svc parts receive CAP-35 --qty 1 --unit-cost 2000000 --receipt G2
### exit 65
### stderr-has
unit_cost 2000000.00 is beyond the plausibility limit 1000000.00 ([limits] unit_cost)

### run svc parts receive CAP-35 --qty 1500 --unit-cost 10 --receipt G3 --force --reason 'annual contract delivery' --format csv | tr -d '\r' | cut -d, -f3,7,17
### stdout
kind,qty,reason
receive,1500,forced beyond [limits] qty: annual contract delivery

### run svc parts transfer CAP-35 --qty 1001 --from central --to SH-01
### exit 65
### stderr-has
qty 1001 is beyond the plausibility limit 1000 ([limits] qty)

### run svc parts issue T1001 CAP-35 --qty 1001 --warehouse central --approved-by boss
### exit 65
### stderr-has
qty 1001 is beyond the plausibility limit 1000 ([limits] qty)

### run svc parts issue T1001 CAP-35 --qty 2 --warehouse central >/dev/null && svc parts consume T1001 CAP-35 --qty 1001
### exit 65
### stderr-has
qty 1001 is beyond the plausibility limit 1000 ([limits] qty)

### run svc parts consume T1001 CAP-35 --qty 1 --format csv | tr -d '\r' | cut -d, -f3,12
### stdout
kind,ticket
consume,T1001

### run svc parts return new T1001 CAP-35 --qty 1001
### exit 65
### stderr-has
qty 1001 is beyond the plausibility limit 1000 ([limits] qty)

### run svc parts scrap CAP-35 --qty 1001 --warehouse central --reason flood
### exit 65
### stderr-has
qty 1001 is beyond the plausibility limit 1000 ([limits] qty)

### run svc parts scrap CAP-35 --qty 1001 --warehouse central --reason 'warehouse flood' --force --format csv | tr -d '\r' | cut -d, -f3,7,17
# scrap --force takes the scrap's own --reason
### stdout
kind,qty,reason
scrap,-1001,forced beyond [limits] qty: warehouse flood

### run svc parts claim open CAP-35 --qty 1001 --warehouse central
### exit 65
### stderr-has
qty 1001 is beyond the plausibility limit 1000 ([limits] qty)

### run svc parts claim open CAP-35 --qty 1 --warehouse central --amount 200000
### exit 65
### stderr-has
amount 200000.00 is beyond the plausibility limit 100000.00 ([limits] amount)

### run svc cost add --ticket T1001 --kind travel --amount 200000
# limits on svc cost add
### exit 65
### stderr-has
svc: error: amount 200000.00 is beyond the plausibility limit 100000.00 ([limits] amount); --force --reason TEXT records it anyway

### run svc cost add --ticket T1001 --kind compensation --amount 150000 --force --reason 'court ruling' --note 'burnt kitchen' -q && svc cost list --ticket T1001 --format csv | tr -d '\r' | cut -d, -f3,4,6
### stdout
kind,amount,note
compensation,150000.00,burnt kitchen; forced beyond [limits] amount: court ruling

### run svc ticket create --id T2001 --type repair --outlet SH-01 --distance 99999999999999999999999
# limits on svc ticket
### exit 65
### stderr-has
--distance: distance_km
distance_km 100000000000000000000000 is beyond the absolute maximum 100000 of [limits] distance_km, which no --force passes

### run svc ticket create --id T2001 --type repair --outlet SH-01 --part CAP-35:5000
### exit 65
### stderr-has
--part: qty 5000 is beyond the plausibility limit 1000 ([limits] qty)

### run svc ticket create --id T2001 --type repair --outlet SH-01 --distance 2500 --fault 'no cooling' --force --reason 'island customer, ferry' >/dev/null && sqlite3 svc.db "SELECT distance_km, note FROM events WHERE ticket = 'T2001'"
### stdout
2500|no cooling; forced beyond [limits] distance_km: island customer, ferry

### run svc ticket complete T1001 --content done --hours 999999999999
### exit 65
### stderr-has
svc: error: --hours: labor_hours 999999999999 is beyond the absolute maximum 10000 of [limits] labor_hours, which no --force passes

### run svc ticket complete T1001 --content done --fee 99999999999999
### exit 65
### stderr-has
--fee: amount 99999999999999.00 is beyond the absolute maximum 1000000000000.00 of [limits] amount, which no --force passes

### run svc ticket complete T1001 --content done --part CAP-35:1001
### exit 65
### stderr-has
--part CAP-35: qty 1001 is beyond the plausibility limit 1000 ([limits] qty)

### run svc ticket complete T1001 --content done --hours 30 --force
### exit 2
### stderr-has
--force requires --reason

### run svc ticket complete T1001 --content done --hours 3 --reason 'why not'
### exit 2
### stderr-has
--reason requires --force

### run svc ticket resolve-by-phone T1002 --guidance 'reset the remote' --hours 100
### exit 65
### stderr-has
--hours: labor_hours 100 is beyond the plausibility limit 24 ([limits] labor_hours)

### run svc ticket complete T1001 --content 'replaced compressor' --hours 30 --force --reason 'two-day job' -q && sqlite3 svc.db "SELECT labor_hours, note FROM events WHERE ticket = 'T1001' AND event = 'completed'"
# forced: stored, and the reason is in the note of the event that carries the value
### stdout
30|replaced compressor; forced beyond [limits] labor_hours: two-day job

### run svc report costs --period 2026-11 --format csv | grep -c 999999
# nothing of the refused values reached the reports
### exit 1
### stdout
0

### file tight.toml
[limits]
labor_hours = 2

### run svc config check tight.toml | tail -1
# the policy's limits, not constants
### stdout
limits: labor_hours 2, amount 100000.00, qty 1000, distance_km 2000, unit_cost 1000000.00

### run svc --config tight.toml ticket resolve-by-phone T1002 --guidance 'reset the remote' --hours 3
### exit 65
### stderr-has
labor_hours 3 is beyond the plausibility limit 2 ([limits] labor_hours)

### file bad-limits.csv
id,ts,ticket,event,type,urgency,region,outlet,distance_km,labor_hours,part,qty,amount,approved,note
L1-c,2026-11-21 08:00,L1,created,repair,normal,华东,SH-01,3000,,,,,,
L2-c,2026-11-21 08:00,L2,created,repair,normal,华东,SH-01,5,,,,,,
L2-p,2026-11-21 09:00,L2,part_used,,,,,,,CAP-35,5000,,,
L2-f,2026-11-21 10:00,L2,completed,,,,,,99,,,,,
L2-m,2026-11-21 10:00,L2,fee,,,,,,,,,250000.00,no,

### run svc import bad-limits.csv
# svc import: a bad record naming the key (CSV, JSON Lines, --map)
### exit 65
### stderr-has
bad-limits.csv:2: distance_km 3000 is beyond the plausibility limit 2000 ([limits] distance_km)
bad-limits.csv:4: qty 5000 is beyond the plausibility limit 1000 ([limits] qty)
bad-limits.csv:5: labor_hours 99 is beyond the plausibility limit 24 ([limits] labor_hours)
bad-limits.csv:6: amount 250000.00 is beyond the plausibility limit 100000.00 ([limits] amount)

### file bad-limits.jsonl
{"id":"J1-c","ts":"2026-11-21 08:00","ticket":"J1","event":"created","type":"repair","urgency":"normal","region":"华东","outlet":"SH-01"}
{"id":"J1-f","ts":"2026-11-21 09:00","ticket":"J1","event":"completed","labor_hours":48}

### run svc import bad-limits.jsonl
### exit 65
### stderr-has
bad-limits.jsonl:2: labor_hours 48 is beyond the plausibility limit 24 ([limits] labor_hours)

### file map-rules.toml
[source]
rows = "events"
ts_format = "%d/%m/%Y %H:%M"
[columns]
ticket = "Case"
ts = "When"
event = "What"
labor_hours = "Hours"
[constants]
type = "repair"
urgency = "normal"
region = "华东"
outlet = "SH-01"
[values.event]
"Opened" = "created"
"Done" = "completed"

### file map-cases.csv
Case,When,What,Hours
M1,21/11/2026 08:00,Opened,
M1,21/11/2026 17:00,Done,500

### run svc import --map map-rules.toml map-cases.csv
### exit 65
### stderr-has
map-cases.csv:3: labor_hours 500 is beyond the plausibility limit 24 ([limits] labor_hours)

### run svc import --skip-bad --reject rejects.csv bad-limits.csv -q >/dev/null; tr -d '\r' < rejects.csv | cut -d, -f1,16
# --skip-bad: the records beyond a limit are rejected with the reason (a bad created takes its ticket's records along)
### stdout
id,reason
L1-c,distance_km 3000 is beyond the plausibility limit 2000 ([limits] distance_km)
L2-p,qty 5000 is beyond the plausibility limit 1000 ([limits] qty)
L2-f,labor_hours 99 is beyond the plausibility limit 24 ([limits] labor_hours)
L2-m,amount 250000.00 is beyond the plausibility limit 100000.00 ([limits] amount)

### file forced.csv
id,ts,ticket,event,type,urgency,region,outlet,labor_hours,note
F1-c,2026-11-21 08:00,F1,created,repair,normal,华东,SH-01,,
F1-f,2026-11-21 09:00,F1,completed,,,,,30,"overhaul; forced beyond [limits] labor_hours: two-day overhaul"
F2-c,2026-11-21 08:00,F2,created,repair,normal,华东,SH-01,,
F2-f,2026-11-21 09:00,F2,completed,,,,,30,"forced beyond [limits] qty: names another key"

### run svc import forced.csv
# the marker --force writes is accepted for the key it names, and only for it
### exit 65
### stderr-has
forced.csv:5: labor_hours 30 is beyond the plausibility limit 24 ([limits] labor_hours)

### run svc import --skip-bad forced.csv -q >/dev/null 2>&1; sqlite3 svc.db "SELECT ticket, labor_hours FROM events WHERE ticket LIKE 'F%' AND event = 'completed'"
### stdout
F1|30

### run sqlite3 svc.db .dump | sha256sum > before.sum; svc cost add --ticket T1001 --kind compensation --amount 999999999999999.99 --force --reason 'court ruling'; sqlite3 svc.db .dump | sha256sum | cmp - before.sum && echo unchanged
# Issue 25 §4: --force has a hard ceiling (the absolute maximum of each [limits] key, which no flag and no
# forced marker passes), and money is summed checked: an overflow is an error, never a wrapped total. Every
# refusal leaves the store dump unchanged. Here: 10^9 times the amount limit, refused even with --force
### exit 0
### stdout
unchanged
### stderr-has
svc: error: amount 999999999999999.99 is beyond the absolute maximum 1000000000000.00 of [limits] amount, which no --force passes

### run sqlite3 svc.db .dump | sha256sum > before.sum; svc cost add --ticket T1001 --kind compensation --amount 1000000000000.01 --force --reason x; echo "exit $?"; svc parts receive CAP-35 --qty 1 --unit-cost 1000000000000.01 --receipt G9 --force --reason x; echo "exit $?"; svc ticket create --id T2002 --type repair --outlet SH-01 --distance 100000.5 --force --reason x; echo "exit $?"; sqlite3 svc.db .dump | sha256sum | cmp - before.sum && echo unchanged
# one past each maximum: refused (65), nothing written
### stdout
exit 65
exit 65
exit 65
unchanged
### stderr-has
amount 1000000000000.01 is beyond the absolute maximum 1000000000000.00 of [limits] amount, which no --force passes
unit_cost 1000000000000.01 is beyond the absolute maximum 1000000000000.00 of [limits] unit_cost, which no --force passes
distance_km 100000.5 is beyond the absolute maximum 100000 of [limits] distance_km, which no --force passes

### file ceiling.csv
id,ts,ticket,event,type,urgency,region,outlet,labor_hours,note
C1-c,2026-11-21 08:00,C1,created,repair,normal,华东,SH-01,,
C1-f,2026-11-21 09:00,C1,completed,,,,,10001,"forced beyond [limits] labor_hours: a forced marker"

### run sqlite3 svc.db .dump | sha256sum > before.sum; svc import -q ceiling.csv > /dev/null; echo "exit $?"; sqlite3 svc.db .dump | sha256sum | cmp - before.sum && echo unchanged
# a log's forced marker does not pass the maximum either
### stdout
exit 65
unchanged
### stderr-has
ceiling.csv:3: labor_hours 10001 is beyond the absolute maximum 10000 of [limits] labor_hours, which no --force passes

### run sqlite3 svc.db .dump | sha256sum > before.sum; svc parts receive CAP-35 --qty 100000 --unit-cost 1000000000000 --receipt G9 --force --reason 'at both maxima'; echo "exit $?"; sqlite3 svc.db .dump | sha256sum | cmp - before.sum && echo unchanged
# the unit cost at its maximum, the most --qty takes, and their product is beyond what svc can hold: a checked error, not a wrapped value
### stdout
exit 65
unchanged
### stderr-has
svc: error: the receipt's value is beyond the largest amount svc can hold

### run svc cost add --ticket T1001 --kind compensation --amount 1000000000000.00 --force --reason 'at the maximum' -q && svc cost list --ticket T1001 --format csv | tr -d '\r' | cut -d, -f3,4 | tail -1
# at the maximum: recorded with --force
### stdout
compensation,1000000000000.00

### run sqlite3 svc.db "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 104) INSERT INTO cost_entries(ticket, kind, amount_cents, day, note, at) SELECT 'T1001', 'compensation', 100000000000000000, '2026-11-20', 'recorded by an older svc', 0 FROM n" && svc report costs --period 2026-11 --format csv; echo "exit $?"
# 104 entries of 10^17 cents, as an svc without the ceiling recorded them: the report is a clear error, not
# a total of -80,467,440,737,095,517.20
### stdout
exit 65
### stderr-has
svc: error: a ticket's compensation is beyond the largest amount svc can hold
