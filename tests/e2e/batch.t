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
{"import":{"read":3,"new":3,"duplicate":0,"rejected":0},"audit":{"as_of":"2026-11-23T20:00:00+08:00","tickets":2,"on_time":0,"late":2,"open":0,"cancelled":0,"none":0,"breached":2,"at_risk":0},"tickets":{"open":1,"closed":1}}

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
