svc batch: import stage, post-import steps, unknown steps.

### file day.csv
ts,ticket,event,type,urgency,region,outlet
2026-11-02 08:15,T1,created,repair,normal,华东,SH-01
2026-11-02 09:15,T2,created,repair,urgent,华东,SH-01
2026-11-02 10:15,T2,closed,,,,

### run svc batch day.csv --report tikets
### exit 2
### stderr-has
--report: unknown step 'tikets' (did you mean 'tickets'?); available: tickets

### run test ! -e svc.db
### exit 0

### run svc batch day.csv --report tickets --format json
### stdout
{"import":{"read":3,"new":3,"duplicate":0,"rejected":0},"tickets":{"open":1,"closed":1}}

### run svc batch day.csv --report tickets
### stdout-has
day.csv     3    0          3         0
Tickets by state
open          1
closed        1
