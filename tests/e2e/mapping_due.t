Issue 16 item 9: an export's own due date (311's Due Date) mapped to svc's `due`
column and used by a policy rule as its target (docs/mapping.md "Due dates",
docs/policy.md); `when` keys on other mapped ticket attributes; every refusal
changes nothing.

### run svc import --map $SRC/examples/maps/city311.toml $SRC/examples/maps/samples/city311.csv > /dev/null
### run sqlite3 svc.db "SELECT ticket, due FROM events WHERE event = 'created' ORDER BY ticket"
# read in America/New_York with the map's ts_format, stored in UTC (11-01 is the DST change)
### stdout
59893001|2026-11-01T17:45:00Z
59893002|2026-11-01T14:15:00Z
59893003|2026-11-03T14:05:12Z
59893004|2026-11-10T04:59:59Z
59893005|
59893006|
59893007|2026-11-04T17:00:00Z

### run svc --config $SRC/examples/maps/city311-policy.toml audit sla --all --as-of 2026-11-10 --format csv | cut -d, -f1,4,5,8,10 | head -8
# resolution by the agency's Due Date: 001 and 004 resolved in time; 002 and 007 never resolved, past due;
# 003 resolved 7 h 15 min after its due time; 005 (no due time) falls to the `information` rule
### stdout
ticket,rule,status,resolution,overdue_s
59893001,agency due date,on_time,met,
59893002,agency due date,late,breached,830699
59893003,agency due date,late,breached,26088
59893004,agency due date,on_time,met,
59893005,information,late,breached,79200
59893006,standard,on_time,met,
59893007,agency due date,late,breached,561599

### run svc --config $SRC/examples/maps/city311-policy.toml audit sla --ticket 59893005 --as-of 2026-11-10 | grep rule
### stdout
  rule      agency due date does not apply: has no due time
  rule      information applies: type = consultation

### run svc --config $SRC/examples/maps/city311-policy.toml audit sla --ticket 59893001 --as-of 2026-11-10 | head -3
### stdout
ticket 59893001 as of 2026-11-10T23:59:59-05:00
  created   2026-11-01 00:45  repair, normal, phone, Brooklyn / HPD
  due       2026-11-01 12:45  (the ticket's own due time)

### file log.csv
id,ts,ticket,event,type,urgency,region,outlet,customer,due
N1-c,2026-11-20 08:00,N1,created,repair,normal,华东,SH-01,C-VIP,2026-11-20 20:00
N1-f,2026-11-20 19:30,N1,completed,,,,,,
N2-c,2026-11-20 08:00,N2,created,repair,normal,华东,SH-01,C-VIP,
N2-f,2026-11-20 13:00,N2,completed,,,,,,

### file due.toml
[[sla.rules]]
name = "promised"
resolution = "due"
[[sla.rules]]
name = "vip"
when = { customer = "C-VIP" }
resolution = "4h"
[[sla.rules]]
name = "standard"
resolution = "24h"

### run svc import log.csv > /dev/null && svc --config due.toml audit sla --all --as-of 2026-11-21 --format csv | grep '^N' | cut -d, -f1,4,5,8,10
# N1 is judged by its own due time (12 h, met at 11.5 h); N2 has none and is a VIP: 4 h, breached at 5 h
### stdout
N1,promised,on_time,met,
N2,vip,late,breached,3600

### file bad-before.csv
id,ts,ticket,event,type,urgency,region,outlet,due
B1-c,2026-11-20 08:00,B1,created,repair,normal,华东,SH-01,2026-11-20 07:59

### run sqlite3 svc.db .dump | sha256sum > before.sum; svc import bad-before.csv; rc=$?; sqlite3 svc.db .dump | sha256sum | cmp -s - before.sum && echo unchanged; exit $rc
### exit 65
### stdout-has
unchanged
### stderr-has
bad-before.csv:2: due 2026-11-19T23:59:00Z is before the ticket's created ts 2026-11-20T00:00:00Z

### file bad-kind.csv
id,ts,ticket,event,type,urgency,region,outlet,due
B2-c,2026-11-20 08:00,B2,created,repair,normal,华东,SH-01,
B2-f,2026-11-20 09:00,B2,completed,,,,,2026-11-21 08:00
B3-c,2026-11-20 08:00,B3,created,repair,normal,华东,SH-01,next week

### run sqlite3 svc.db .dump | sha256sum > before.sum; svc import bad-kind.csv; rc=$?; sqlite3 svc.db .dump | sha256sum | cmp -s - before.sum && echo unchanged; exit $rc
### exit 65
### stdout-has
unchanged
### stderr-has
bad-kind.csv:3: due is read only on created (the ticket's own due time), not on completed
bad-kind.csv:4: bad due 'next week':

### file bad-policy.toml
[[sla.rules]]
name = "x"
followup = "due"
when = { custmer = "C-VIP" }

### run svc --config bad-policy.toml audit sla --all
### exit 65
### stderr-has
sla.rules[0].followup: 'due' is a target for response, arrival or resolution
unknown key 'sla.rules[0].when.custmer' (did you mean 'sla.rules[0].when.customer'?)

### run svc -q outlet import "$SRC/examples/network/outlets.csv" && svc ticket create --id K1 --type repair --outlet SH-01 --at '2026-11-20 08:00' --due '2026-11-20 12:00' && sqlite3 svc.db "SELECT due FROM events WHERE ticket = 'K1'"
### stdout
K1
2026-11-20T04:00:00Z

### run sqlite3 svc.db .dump | sha256sum > before.sum; svc ticket create --id K2 --type repair --outlet SH-01 --at '2026-11-20 08:00' --due '2026-11-20 07:00'; rc=$?; sqlite3 svc.db .dump | sha256sum | cmp -s - before.sum && echo unchanged; exit $rc
### exit 65
### stdout
unchanged
### stderr-has
svc: error: --due 2026-11-19T23:00:00Z is before the ticket's created ts 2026-11-20T00:00:00Z

### run svc ticket create --id K3 --type repair --outlet SH-01 --due soon
### exit 2
### stderr-has
svc: error: --due 'soon':
