svc import --map: the shipped examples of the three kinds of export, imported strictly
(all or nothing, no --skip-bad).

### run svc import --map $SRC/examples/maps/servicenow.toml $SRC/examples/maps/samples/servicenow.csv --format json | sed "s#$SRC#SRC#g"
### stdout
{"read":23,"new":23,"duplicate":0,"rejected":0,"files":[{"file":"SRC/examples/maps/samples/servicenow.csv","status":"stored","read":23,"new":23,"duplicate":0,"rejected":0,"failed":false}]}

### run svc import --map $SRC/examples/maps/city311.toml $SRC/examples/maps/samples/city311.csv --format json | sed "s#$SRC#SRC#g"
### stdout
{"read":14,"new":14,"duplicate":0,"rejected":0,"skipped":{"closed before it was created":1},"files":[{"file":"SRC/examples/maps/samples/city311.csv","status":"stored","read":14,"new":14,"duplicate":0,"rejected":0,"skipped":{"closed before it was created":1},"failed":false}]}

### run svc import --map $SRC/examples/maps/city311.toml $SRC/examples/maps/samples/city311.csv
### stderr-has
city311.csv: 1 row skipped: closed before it was created

### run svc import --map $SRC/examples/maps/siebel.toml $SRC/examples/maps/samples/siebel.csv --format json | sed "s#$SRC#SRC#g"
### stdout
{"read":11,"new":11,"duplicate":0,"rejected":0,"skipped":{"test request":1},"files":[{"file":"SRC/examples/maps/samples/siebel.csv","status":"stored","read":11,"new":11,"duplicate":0,"rejected":0,"skipped":{"test request":1},"failed":false}]}

### run sqlite3 svc.db "SELECT ticket, state, outlet FROM tickets ORDER BY ticket"
### stdout
1-8842|closed|SH-IT
1-8850|cancelled|BJ-IT
59893001|closed|HPD
59893002|open|NYPD
59893003|closed|DOT
59893004|closed|DOB
59893005|open|311
59893006|completed|NYPD
59893007|open|DSNY
INC0010001|closed|LDN-Field
INC0010002|completed|MAN-Install
INC0010003|cancelled|LDN-Desk
INC0010004|closed|LDN-Field

### run sqlite3 svc.db "SELECT group_concat(event, ' ') FROM (SELECT event FROM events WHERE ticket = '1-8842' ORDER BY ts, seq)"
### stdout
created responded dispatched paused resumed completed reopened completed closed

### file rules.toml
[source]
rows = "events"
ts_format = "%d/%m/%Y %H:%M"
[columns]
ticket = "Case"
ts = "When"
event = "What"
[constants]
type = "repair"
urgency = "normal"
region = "华东"
outlet = "SH-01"
[values.event]
"Opened" = "created"
"Done" = "completed"

### file cases.csv
Case,When,What
C1,02/11/2026 08:00,Opened
C1,02/11/2026 17:00,Done
C2,31/11/2026 08:00,Opened
C3,02/11/2026 09:00,Lost

### run svc import --map rules.toml cases.csv
### exit 65
### stdout-has
cases.csv (failed: nothing stored)     4    0          0         2
### stderr-has
cases.csv:4: ts '31/11/2026 08:00' does not match the format '%d/%m/%Y %H:%M' (no such date)
cases.csv:5: unknown event 'Lost' (from column 'What' = 'Lost': map it in [values.event], [patterns.event] or [defaults] of rules.toml)

### file broken.toml
[columns]
tiket = "Case"

### run svc import --map broken.toml cases.csv
### exit 65
### stderr-has
broken.toml:2: 'tiket' in [columns] is not a column of the service log (did you mean 'ticket'?)

### file new311.csv
Unique Key,Created Date,Closed Date,Agency,Complaint Type,Descriptor,Incident Zip,Borough,Status,Resolution Action Updated Date
7001,11/05/2026 09:00:00 AM,,HPD,PLUMBING,Leak,11201,BROOKLYN,Open,
7002,11/05/2026 10:00:00 AM,,HPD,"Lead ""Paint""",Peeling,11201,BROOKLYN,Open,

### file strict311.toml
[source]
rows = "request"
timezone = "America/New_York"
ts_format = "%m/%d/%Y %I:%M:%S %p"
[request]
opened = "Created Date"
[columns]
ticket = "Unique Key"
type = "Complaint Type"
region = "Borough"
outlet = "Agency"
[constants]
urgency = "normal"
[values.type]
"PLUMBING" = "repair"

### run svc --db check.db import --map strict311.toml --check new311.csv
# --check: one pass, the unmapped values as a stanza to paste, the first tickets' events; nothing stored
### stdout
# new311.csv: 2 rows, 2 events, 0 bad rows

# 1 value of column 'Complaint Type' (type) that no map matches; paste into strict311.toml and fill in:
[values.type]
"Lead \"Paint\"" = ""   # 1 row

# the events of the first 2 tickets, as a service log:
id,ts,ticket,event,type,urgency,channel,region,outlet,customer,product,purchased,distance_km,engineer,satisfaction,responsible,part,qty,amount,approved,labor_hours,note,serial,ref,due
,2026-11-05T14:00:00Z,7001,created,repair,normal,,BROOKLYN,HPD,,,,,,,,,,,,,,,,
,2026-11-05T15:00:00Z,7002,created,"Lead ""Paint""",normal,,BROOKLYN,HPD,,,,,,,,,,,,,,,,

### run test ! -e check.db && echo nothing stored
### stdout
nothing stored

### file mid.csv
number,sys_updated_on,opened_at,resolved_at,closed_at,state,priority,category,contact_type,location,assignment_group,caller_id,cmdb_ci,assigned_to,short_description
INC9,02/11/2026 09:00:00,,,,In Progress,3 - Moderate,Hardware,Phone,London,LDN-Field,C1,X,E-1,started before the export

### file nofirst.toml
[source]
rows = "snapshot"
ts_format = "%d/%m/%Y %H:%M:%S"
[columns]
ticket = "number"
ts = "sys_updated_on"
[snapshot]
state = "state"
[values.event]
"In Progress" = "responded"

### run svc import --map nofirst.toml --check mid.csv
### stdout-has
# 1 ticket starts with 'responded', not 'created': an import fails ("has no created event") unless they are in the store already; set [snapshot] open_on_first_row = true to open them on their first row


### file hostile.toml
[source]
rows = "request"
timezone = "UTC"
ts_format = "%Y-%m-%d %H:%M"
[request]
opened = "Created"
[columns]
ticket = "Key"
type = "Kind"
[constants]
urgency = "normal"
region = "R"
outlet = "O"
[patterns.type]
"^Noise.*$" = "complaint"
"^(a+)+$" = "consultation"
[defaults]
type = "repair"
[[skip]]
reason = "test rows"
when = [{ column = "Key", matches = "^(x+x+)+y$" }]

### file gen.py
import sys
rows = ["Key,Created,Kind",
        "N1,2026-11-02 08:00,Noise" + "-" * 50000,                # std::regex: SIGSEGV (stack)
        "A1,2026-11-02 08:00," + "a" * 29 + "!",                  # std::regex: 10 s, doubling per character
        "A2,2026-11-02 08:00," + "a" * 29,
        "x" * 40 + ",2026-11-02 08:00,x"]                         # the skip condition: backtracking on the key
open("hostile.csv", "w").write("\n".join(rows) + "\n")

### run python3 gen.py && timeout 20 svc --db h.db import --map hostile.toml hostile.csv --format json; echo " exit $?" && svc --db h.db ticket list --format csv | tr -d '\r' | cut -d, -f1,3
# each row in linear time: the whole import well inside the timeout
### stdout
{"read":4,"new":4,"duplicate":0,"rejected":0,"files":[{"file":"hostile.csv","status":"stored","read":4,"new":4,"duplicate":0,"rejected":0,"failed":false}]}
 exit 0
ticket,type
A1,repair
A2,consultation
N1,complaint
xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,repair

### file refused.toml
[source]
rows = "request"
[request]
opened = "Created"
[columns]
ticket = "Key"
[patterns.type]
"(a)\\1" = "repair"
[[only]]
event = "created"
when = [{ column = "Key", matches = "^(?!T)" }]

### run python3 -c "print('[patterns.urgency]\n\"' + 'a|' * 100000 + 'a\" = \"normal\"')" >> refused.toml && timeout 20 svc --db h.db import --map refused.toml hostile.csv 2>&1 | cut -c1-160
# a backreference, a lookahead (not RE2), a 200,001-character pattern (std::regex: SIGSEGV): FILE:LINE naming the rule, nothing imported
### stdout
refused.toml:11: [[only]] when: matches: '^(?!T)' is not a regular expression svc accepts: invalid perl operator: (?! (the syntax is RE2's: no backreferences or
refused.toml:8: [patterns.type]: '(a)\1' is not a regular expression svc accepts: invalid escape sequence: \1 (the syntax is RE2's: no backreferences or lookaro
refused.toml:13: [patterns.urgency]: 'a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|… (200001 bytes)' is not a regular expression svc accepts: t
svc: error: rules 'refused.toml' have 3 problems
