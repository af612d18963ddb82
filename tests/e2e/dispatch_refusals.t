svc dispatch assign / reassign: every refusal with exit 65 and a clear message, usage errors with 2, and
what a dispatch writes (events through the importer, the appointment, the dispatch log).

### file outlets.csv
id,name,region
SH-01,上海浦东服务站,华东
SH-02,上海徐汇服务站,华东
BJ-01,北京朝阳服务站,华北

### file engineers.csv
id,name,outlet,skills,level,leader,active
E-101,吴军,SH-01,"repair,空调",4,yes,yes
E-102,郭芳,SH-01,"repair,install",2,no,yes
E-104,潘平,SH-01,repair,1,no,no
E-201,沈华,SH-02,"repair,冰箱",5,no,yes
E-301,任立新,BJ-01,"repair,空调",4,yes,yes

### file day.csv
ts,ticket,event,type,urgency,channel,region,outlet,product,distance_km,engineer
2026-11-23 08:00,T1,created,repair,normal,phone,华东,SH-01,空调,12,
2026-11-23 08:10,T2,created,repair,urgent,phone,华东,SH-01,空调,5,
2026-11-23 08:20,T3,created,install,normal,web,华东,SH-01,冰箱,40,
2026-11-23 08:30,T4,created,repair,normal,phone,华东,SH-02,冰箱,150,
2026-11-23 08:35,T5,created,repair,normal,phone,华东,SH-01,,20,
2026-11-23 08:40,T9,created,repair,normal,phone,华东,SH-01,,8,
2026-11-23 09:00,T9,dispatched,,,,,,,,E-102
2026-11-23 09:30,T9,arrived,,,,,,,,
2026-11-23 10:00,T9,completed,,,,,,,,
2026-11-23 10:05,T9,closed,,,,,,,,

### run svc init --quiet && svc outlet import outlets.csv --quiet && svc engineer import engineers.csv --quiet && svc import day.csv --quiet

### run svc dispatch assign T1 E-101 --window '2026-11-23 14:00/16:00' --at '2026-11-23 10:00'
### stderr-has
T1: dispatched to E-101 (score 97: same outlet SH-01 (+30); skill repair (+25); skill 空调 (+20); no open tickets; free in the window; near: 12 km from SH-01 (+10); level 4 (+12))


### run sqlite3 svc.db "SELECT event, engineer, note FROM events WHERE ticket = 'T1' ORDER BY seq; SELECT engineer, reason, dispatched_event IS NOT NULL FROM appointments WHERE ticket = 'T1'"
# A window agreed with the customer is the response (appointment confirmed); the window goes to the appointments table.
### stdout
created||
responded||appointment confirmed
dispatched|E-101|assigned
E-101||1

### run svc dispatch assign T2 E-101 --window '2026-11-23 15:00/17:00' --at '2026-11-23 10:05'
### exit 65
### stderr-has
svc: error: double booking: engineer 'E-101' already holds T1 (2026-11-23 14:00-16:00) overlapping 2026-11-23 15:00-17:00

### run svc dispatch assign T2 E-104
### exit 65
### stderr-has
svc: error: engineer 'E-104' (潘平) is not active: choose another (svc dispatch suggest T2)

### run svc dispatch assign T2 E-301
### exit 65
### stderr-has
svc: error: engineer 'E-301' is in region 华北, ticket 'T2' in 华东: use --force to send an engineer from another region

### run svc dispatch assign T2 E-10
### exit 66
### stderr-has
svc: error: unknown engineer 'E-10' (did you mean 'E-101'?)

### run svc dispatch assign T7 E-101
### exit 66
### stderr-has
svc: error: no ticket 'T7'

### run svc dispatch assign T1 E-102
### exit 65
### stderr-has
svc: error: ticket 'T1' is already assigned to E-101: use 'svc dispatch reassign T1 ENGINEER --reason TEXT'

### run svc dispatch assign T9 E-101
### exit 65
### stderr-has
svc: error: ticket 'T9' is closed: nothing to dispatch

### run svc dispatch assign T2 E-102 --window '2026-11-23 09:00/10:00' --at '2026-11-23 10:10'
### exit 65
### stderr-has
svc: error: the window ends at 2026-11-23T10:00:00+08:00, before the dispatch at 2026-11-23T10:10:00+08:00

### run svc dispatch assign T2 E-102 --at '2026-11-24 09:00'
### exit 65
### stderr-has
svc: error: --at 2026-11-24T09:00:00+08:00 is in the future (now is 2026-11-23T20:00:00+08:00)

### run svc dispatch assign T2 E-102 --at '2026-11-23 08:05'
### exit 65
### stderr-has
svc: error: ticket 'T2' already has a later event (created at 2026-11-23T08:10:00+08:00): --at must be at or after it

### run svc dispatch assign T2 E-102 --window 'tomorrow'
### exit 2

### run svc dispatch reassign T1 E-102
### exit 2
### stderr-has
--reason is required

### run svc dispatch reassign T1 E-101 --reason 重派
### exit 65
### stderr-has
svc: error: ticket 'T1' is already assigned to E-101: nothing to reassign

### run svc dispatch reassign T2 E-101 --reason 重派
### exit 65
### stderr-has
svc: error: ticket 'T2' has no engineer to replace (it is new): use 'svc dispatch assign'


### run sqlite3 svc.db "SELECT count(*) FROM events WHERE event = 'dispatched'; SELECT count(*) FROM dispatch_log"
# Nothing was written by the refusals.
### stdout
2
1


### run svc dispatch assign T2 E-301 --force --at '2026-11-23 10:20' --format json
# Across regions with --force; the event says so and the log marks it forced.
### stdout
{"ticket":"T2","engineer":"E-301","previous":null,"window":null,"score":57.0,"reasons":[{"factor":"region","points":0.0,"text":"other region 华北 (ticket in 华东): needs --force"},{"factor":"skill_type","points":25.0,"text":"skill repair"},{"factor":"skill_line","points":20.0,"text":"skill 空调"},{"factor":"workload","points":0.0,"text":"no open tickets"},{"factor":"conflict","points":0.0,"text":"no appointment window yet"},{"factor":"distance","points":0.0,"text":"near SH-01 (5 km), not his outlet"},{"factor":"level","points":12.0,"text":"level 4"}],"events":["dispatched"]}


### run svc dispatch assign T3 E-102 --window '2026-11-23 15:00/16:00' --at '2026-11-23 10:30' --quiet && svc dispatch reassign T1 E-102 --reason 吴军请假 --at '2026-11-23 10:40'
# A reassign keeps the ticket's window: the new engineer must be free in it.
### exit 65
### stderr-has
svc: error: double booking: engineer 'E-102' already holds T3 (2026-11-23 15:00-16:00) overlapping 2026-11-23 14:00-16:00

### run svc dispatch reassign T1 E-201 --reason 吴军请假 --at '2026-11-23 10:40'
### stderr-has
T1: reassigned from E-101 to E-201 (score


### run svc dispatch assign T4 E-201 --window '2026-11-24 09:00/10:00' --at '2026-11-23 10:50' --quiet && svc dispatch reassign T4 E-101 --reason 改约 --window '2026-11-24 14:00/15:00' --at '2026-11-23 10:55' --quiet && svc ticket show T4 --format json | python3 -c 'import json,sys; print([(a["engineer"], a["reason"]) for a in json.load(sys.stdin)["appointments"]])'
# A new window on a ticket that has one is a reschedule: it needs a reason.
### stdout
[('E-201', None), ('E-101', '改约')]

### run sqlite3 svc.db "SELECT ticket, engineer, coalesce(previous, '-'), mode, coalesce(reason, '-'), forced, score FROM dispatch_log ORDER BY id"
### stdout
T1|E-101|-|assign|-|0|97.0
T2|E-301|-|assign|-|1|57.0
T3|E-102|-|assign|-|0|61.0
T1|E-201|E-101|reassign|吴军请假|0|50.0
T4|E-201|-|assign|-|0|95.0
T4|E-101|E-201|reassign|改约|0|59.0

### run svc ticket schedule T5 --window '2026-11-24 09:00/10:00' --at '2026-11-23 11:00' --quiet && svc dispatch assign T5 E-102 --window '2026-11-24 10:00/11:00' --at '2026-11-23 11:05'
### exit 65
### stderr-has
svc: error: ticket 'T5' already has an appointment window: a new window is a reschedule, give --reason

### run svc dispatch assign T5 E-102 --at '2026-11-23 11:05' --quiet && svc dispatch board --date 2026-11-24 --outlet SH-01 --as-of '2026-11-24 12:00'
# without --window the ticket keeps the window agreed by 'svc ticket schedule'
### stdout
engineer  name  outlet  window       ticket  urgency  state      arrived  flags
--------  ----  ------  -----------  ------  -------  ---------  -------  -------------------------------------------------------------
E-101     吴军  SH-01   14:00-15:00  T4      normal   scheduled
E-102     郭芳  SH-01   09:00-10:00  T5      normal   scheduled           OVERDUE: no arrival by the window's end; arrival SLA breached

### run svc ticket schedule T3 --window '2026-11-24 14:30/15:30' --engineer E-101 --reason 改约 --at '2026-11-23 11:10' --quiet && svc dispatch board --date 2026-11-24 --engineer E-101 --as-of '2026-11-23 12:00' --format csv | tr -d '\r'
# svc ticket schedule does not check bookings: the board flags the conflict
### stdout
engineer,name,outlet,window,ticket,urgency,state,arrived,flags
E-101,吴军,SH-01,14:00-15:00,T4,normal,scheduled,,CONFLICT with T3
E-101,吴军,SH-01,14:30-15:30,T3,normal,scheduled,,CONFLICT with T4

### run svc dispatch suggest T2 --limit 3 --as-of '2026-11-23 12:00'
# T2 is held by E-301 (forced): his own load does not count it; the other region ranks last
### stdout
rank  engineer  name  outlet  level  open  score  eligible  reasons
----  --------  ----  ------  -----  ----  -----  --------  -------------------------------------------------------------------------------------------------------------------------------------------------------------------------
   1  E-101     吴军  SH-01       4     2     77  yes       same outlet SH-01 (+30); skill repair (+25); skill 空调 (+20); 2 open tickets (-20); no appointment window yet; near: 5 km from SH-01 (+10); level 4 (+12)
   2  E-102     郭芳  SH-01       2     1     61  yes       same outlet SH-01 (+30); skill repair (+25); no skill 空调; 1 open ticket (-10); no appointment window yet; near: 5 km from SH-01 (+10); level 2 (+6)
   3  E-201     沈华  SH-02       5     1     40  yes       same region 华东, outlet SH-02 (+10); skill repair (+25); no skill 空调; 1 open ticket (-10); no appointment window yet; near SH-01 (5 km), not his outlet; level 5 (+15)

### run svc dispatch suggest T2 --all-regions --limit 0 --as-of '2026-11-23 12:00' --format csv | tr -d '\r' | cut -d, -f1-8
### stdout
rank,engineer,name,outlet,level,open,score,eligible
1,E-101,吴军,SH-01,4,2,77,yes
2,E-102,郭芳,SH-01,2,1,61,yes
3,E-201,沈华,SH-02,5,1,40,yes
4,E-301,任立新,BJ-01,4,0,57,no: other region

### run svc dispatch queue --region 华东 --as-of '2026-11-23 12:00'
### stdout
ticket  outlet  type    urgency  state      engineer  flags                                              next_due
------  ------  ------  -------  ---------  --------  -------------------------------------------------  ----------------
T2      SH-01   repair  urgent   scheduled  E-301     breached response +2h50m; breached arrival +2h50m  2026-11-24 08:10
### stderr-has
华东: 1 ticket need attention; group leader E-101 吴军

### run svc dispatch queue --region 华东 --as-of '2026-11-23 08:50' --format json
# before anyone was dispatched: every ticket is unassigned; T2 (urgent) first
### stdout
{"region":"华东","leader":"E-101","as_of":"2026-11-23T08:50:00+08:00","tickets":[{"ticket":"T2","outlet":"SH-01","type":"repair","urgency":"urgent","state":"new","paused":false,"engineer":null,"unassigned":true,"at_risk":[],"breached":[],"next_due":"2026-11-23T09:10:00+08:00"},{"ticket":"T4","outlet":"SH-02","type":"repair","urgency":"normal","state":"new","paused":false,"engineer":null,"unassigned":true,"at_risk":[],"breached":[],"next_due":"2026-11-23T20:30:00+08:00"},{"ticket":"T1","outlet":"SH-01","type":"repair","urgency":"normal","state":"new","paused":false,"engineer":null,"unassigned":true,"at_risk":[],"breached":[],"next_due":"2026-11-24T08:00:00+08:00"},{"ticket":"T3","outlet":"SH-01","type":"install","urgency":"normal","state":"new","paused":false,"engineer":null,"unassigned":true,"at_risk":[],"breached":[],"next_due":"2026-11-24T08:20:00+08:00"},{"ticket":"T5","outlet":"SH-01","type":"repair","urgency":"normal","state":"new","paused":false,"engineer":null,"unassigned":true,"at_risk":[],"breached":[],"next_due":"2026-11-24T08:35:00+08:00"},{"ticket":"T9","outlet":"SH-01","type":"repair","urgency":"normal","state":"new","paused":false,"engineer":null,"unassigned":true,"at_risk":[],"breached":[],"next_due":"2026-11-24T08:40:00+08:00"}]}

### run svc dispatch suggest T9
### exit 65
### stderr-has
svc: error: ticket 'T9' is closed: nothing to dispatch

### run svc dispatch auto --as-of '2026-11-24 08:00'
### exit 65
### stderr-has
svc: error: --as-of 2026-11-24T08:00:00+08:00 is in the future

### run svc dispatch auto --outlet SH-01 --region 华东
### exit 2

### run svc dispatch auto --outlet SH-1 --dry-run
### exit 2
### stderr-has
svc: error: --outlet: unknown outlet 'SH-1' (did you mean 'SH-01'?)

### run svc dispatch auto --region 华 --dry-run
### exit 2
### stderr-has
svc: error: --region: unknown region '华' (did you mean '华东'?)

### run svc dispatch board --date 23-11-2026
### exit 2
### stderr-has
--date '23-11-2026': expected a date YYYY-MM-DD

### run svc dispatch board --engineer E-10
### exit 2
### stderr-has
did you mean 'E-101'?

### run svc dispatch board --outlet SH-01 --engineer E-101
### exit 2

### run svc dispatch queue
### exit 2

### run svc dispatch queue --region 华西
### exit 2
### stderr-has
svc: error: --region: unknown region '华西'

### file bad.toml
[dispatch]
service_radius_km = 50
near_km = 80
beyond_radius = "fly"
weights = { levle = 3, workload = -1 }

### run svc config check bad.toml
### exit 65
### stderr-has
bad.toml:3: dispatch.near_km (80) must not exceed dispatch.service_radius_km (50)
bad.toml:4: dispatch.beyond_radius must be remote or visit, got 'fly'
bad.toml:5: unknown key 'dispatch.weights.levle' (did you mean 'dispatch.weights.level'?)
bad.toml:5: dispatch.weights.workload must be from 0 to 1000, got -1
svc: error: policy 'bad.toml' has 4 problems

### run svc --config bad.toml dispatch suggest T2
### exit 65
