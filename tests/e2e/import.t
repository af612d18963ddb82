svc import: formats, summary, idempotency, atomicity, rejects, exit codes.

### file day.csv
ts,ticket,event,type,urgency,channel,region,outlet,distance_km,engineer,satisfaction,responsible,note
2026-11-02 08:15,T1001,created,repair,normal,phone,华东,SH-01,12,,,,"空调不制冷, 外机异响"
2026-11-02 09:40,T1001,responded,,,,,,,,,,预约 11-02 下午
2026-11-02 10:05,T1001,dispatched,,,,,,,E-017,,,
2026-11-02 14:30,T1001,arrived,,,,,,,,,,
2026-11-02 15:50,T1001,completed,,,,,,,,,,更换电容
2026-11-02 15:55,T1001,signed,,,,,,,,,,
2026-11-03 10:00,T1001,followed_up,,,,,,,,5,,

### run svc import day.csv && stat -c %a svc.db
### stdout
file     read  new  duplicate  rejected
-------  ----  ---  ---------  --------
day.csv     7    7          0         0
600

### run svc import day.csv --format json
### stdout
{"read":7,"new":0,"duplicate":7,"rejected":0,"files":[{"file":"day.csv","status":"stored","read":7,"new":0,"duplicate":7,"rejected":0,"failed":false}]}

### run sqlite3 svc.db "SELECT count(*), (SELECT count(*) FROM imports), (SELECT state FROM tickets) FROM events"
### stdout
7|1|completed

### file more.jsonl
{"ts": "2026-11-03T11:00:00+08:00", "ticket": "T1001", "event": "closed"}

{"ts": "2026-11-04 09:00", "ticket": "T2", "event": "created", "type": "install", "urgency": "urgent", "region": "\u534e\u5357", "outlet": "GZ-01", "distance_km": 130}

### run gzip -k more.jsonl && svc import more.jsonl.gz --format json
### stdout
{"read":2,"new":2,"duplicate":0,"rejected":0,"files":[{"file":"more.jsonl.gz","status":"stored","read":2,"new":2,"duplicate":0,"rejected":0,"failed":false}]}

### run sqlite3 svc.db "SELECT ticket, state, region, distance_km FROM tickets ORDER BY ticket"
### stdout
T1001|closed|华东|12.0
T2|open|华南|130.0

### run cat day.csv | svc import -
### exit 2
### stderr-has
reading standard input needs --format csv or --format jsonl

### run cat day.csv | svc import --format csv --format json -
### stdout
{"read":7,"new":0,"duplicate":7,"rejected":0,"files":[{"file":"-","status":"stored","read":7,"new":0,"duplicate":7,"rejected":0,"failed":false}]}

### run svc import nothere.csv
### exit 66
### stderr-has
svc: error: cannot read 'nothere.csv'

### run cp day.csv day.txt && svc import day.txt
### exit 2
### stderr-has
use --format csv or --format jsonl

### file typo.csv
ts,ticket,event,urgncy
2026-11-02 08:15,T9,created,normal

### run svc import typo.csv
### exit 65
### stderr-has
typo.csv:1: unknown column 'urgncy' (did you mean 'urgency'?)

### file badlast.csv
ts,ticket,event,type,urgency,region,outlet,satisfaction
2026-11-05 08:00,T3,created,repair,normal,华东,SH-01,
2026-11-05 09:00,T3,responded,,,,,
2026-11-05 10:00,T3,followed_up,,,,,6

### run svc import badlast.csv
### exit 65
### stdout
file                                  read  new  duplicate  rejected
------------------------------------  ----  ---  ---------  --------
badlast.csv (failed: nothing stored)     3    0          0         1
### stderr-has
badlast.csv:4: satisfaction must be an integer 1-5, got '6'
svc: error: 1 bad record in badlast.csv; nothing of it was stored

### run sqlite3 svc.db "SELECT count(*) FROM events WHERE ticket = 'T3'; SELECT count(*) FROM tickets WHERE ticket = 'T3'"
### stdout
0
0

### run svc import badlast.csv day.csv --format json
# badlast.csv failed, day.csv was accepted (all its records already there): 3, "some stored, some failed"
### exit 3
### stdout
{"read":10,"new":0,"duplicate":7,"rejected":1,"files":[{"file":"badlast.csv","status":"failed","read":3,"new":0,"duplicate":0,"rejected":1,"failed":true},{"file":"day.csv","status":"stored","read":7,"new":0,"duplicate":7,"rejected":0,"failed":false}]}

### run svc import --skip-bad --reject rej.csv badlast.csv --format json && tr -d '\r' < rej.csv
### stdout
{"read":3,"new":2,"duplicate":0,"rejected":1,"files":[{"file":"badlast.csv","status":"stored","read":3,"new":2,"duplicate":0,"rejected":1,"failed":false}]}
ts,ticket,event,type,urgency,region,outlet,satisfaction,reason
2026-11-05 10:00,T3,followed_up,,,,,6,"satisfaction must be an integer 1-5, got '6'"
### stderr-has
badlast.csv:4: satisfaction must be an integer 1-5, got '6'
svc: warning: badlast.csv: 1 bad record skipped, written to rej.csv

### run sed -i 's/,6,/,4,/' rej.csv && svc import rej.csv --format json && sqlite3 svc.db "SELECT satisfaction FROM tickets WHERE ticket = 'T3'"
### stdout
{"read":1,"new":1,"duplicate":0,"rejected":0,"files":[{"file":"rej.csv","status":"stored","read":1,"new":1,"duplicate":0,"rejected":0,"failed":false}]}
4

### run cat badlast.csv | svc import --skip-bad --reject rej2.csv --format csv --format json - && wc -l < rej2.csv
### stdout
{"read":3,"new":0,"duplicate":2,"rejected":1,"files":[{"file":"-","status":"stored","read":3,"new":0,"duplicate":2,"rejected":1,"failed":false}]}
2

### run svc import --reject r.csv day.csv
### exit 2

### file many.csv
ts,ticket,event
x,A,created
x,A,created
x,A,created

### run svc import --max-errors 2 many.csv
### exit 65
### stderr-has
many.csv:2: bad ts 'x'
many.csv:3: bad ts 'x'
... and 1 more problem (raise --max-errors to see them)
svc: error: 3 bad records in many.csv
