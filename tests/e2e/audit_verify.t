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

### run svc import log.csv > /dev/null && svc audit verify
### stdout
chain intact: 4 events verified

### run svc audit verify --format json
### stdout
{"ok":true,"events":4,"broken":null}

### run svc audit verify --format csv | tr -d '\r'
### stdout
ok,events,seq,id,ticket,reason
yes,4,,,,

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

### run svc --db m.db import multiline.csv > /dev/null && svc --db m.db audit verify
# and importing the same file again changes nothing
### stdout
chain intact: 2 events verified
