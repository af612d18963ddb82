svc report engineers, svc report costs and svc cost add|list on the hand-checked log
(tests/e2e/data/reports-log.csv). Engineers in W47: E-1 has T1 (on time, rated 5) and T2 (late, rated 3): timeliness
and satisfaction 50 % → fail; E-2 has only T3 → insufficient with min_tickets 2. Labour: T1 2 h, T2 1.5 h, T3 3 h + 1 h
(rework counts). Costs at the default 80.00/h: SH-01 labour 7.5 h = 600.00, parts 2 × P-CAP at 12.50, fee 80.00.

### file svc.toml
[engineers]
min_tickets = 2

### run svc import -q "$SRC/tests/e2e/data/reports-log.csv" > /dev/null; svc report engineers --period 2026-W47
### stdout
Engineers 2026-11-16 to 2026-11-22, as of 2026-11-23T20:00:00+08:00

engineer  tickets  on_time  late  open  timeliness  first_time_fix  satisfaction  labor_hours  grade
--------  -------  -------  ----  ----  ----------  --------------  ------------  -----------  ---------------------
E-1             2        1     1     0       50.0%          100.0%         50.0%          3.5  fail 不合格
E-2             1        1     0     0      100.0%            0.0%        100.0%          4.0  insufficient 样本不足

grades (timeliness / first-time fix / satisfaction at least): excellent 95/95/95%, good 90/90/85%, pass 80/80/75%; fewer than 2 tickets: insufficient. 3 ticket(s) never dispatched are not counted.

### run svc report engineers --period 2026-W47 --format json
### stdout
{"from":"2026-11-16","to":"2026-11-22","as_of":"2026-11-23T20:00:00+08:00","engineers":[{"engineer":"E-1","tickets":2,"on_time":1,"late":1,"open":0,"timeliness":0.5,"first_time_fix":1.0,"satisfaction":0.5,"labor_hours":3.5,"grade":"fail","grade_zh":"不合格"},{"engineer":"E-2","tickets":1,"on_time":1,"late":0,"open":0,"timeliness":1.0,"first_time_fix":0.0,"satisfaction":1.0,"labor_hours":4.0,"grade":"insufficient","grade_zh":"样本不足"}],"undispatched":3}

### run svc report engineers --period 2026-11 --format csv
### stdout
engineer,tickets,on_time,late,open,timeliness,first_time_fix,satisfaction,labor_hours,grade,grade_zh
E-1,2,1,1,0,0.5,1.0,0.5,3.5,fail,不合格
E-2,1,1,0,0,1.0,0.0,1.0,4.0,insufficient,样本不足

### run svc report engineers --period 2026-W47 --format html
### stdout-has
<td>E-1</td>
<td>fail 不合格</td>

### file loose.toml
[engineers]
min_tickets = 1
pass = { timeliness = 0.5, first_time_fix = 0.5, satisfaction = 0.5 }

### run svc --config loose.toml report engineers --period 2026-W47 --format csv
# thresholds come from the policy: with pass at 50 % E-1 passes, E-2 (one ticket) is graded
### stdout
engineer,tickets,on_time,late,open,timeliness,first_time_fix,satisfaction,labor_hours,grade,grade_zh
E-1,2,1,1,0,0.5,1.0,0.5,3.5,pass,合格
E-2,1,1,0,0,1.0,0.0,1.0,4.0,fail,不合格

### run svc report engineers --period 2026-W99
### exit 2
### stderr-has
has no week 99

### run svc --config bad.toml report engineers --period 2026-W47
### exit 66
### stderr-has
policy file 'bad.toml' (--config) not found

### file bad.toml
[engineers]
good = { timeliness = 2 }

### run svc --config bad.toml report engineers --period 2026-W47
### exit 65
### stderr-has
bad.toml:2: engineers.good.timeliness must be a fraction from 0 to 1, got 2

### run sqlite3 svc.db "INSERT INTO parts (part, name, list_cents) VALUES ('P-CAP', '电容', 1250)"; svc cost add --ticket T1 --kind travel --amount 35.5 --note "taxi, 12 km"
### stdout
recorded cost 1: travel 35.50 on 2026-11-23 for T1

### run svc cost add --ticket T6 --kind compensation --amount 200 --date 2026-11-22 && svc -q cost add --ticket T4 --kind transport --amount 0.01
### stdout
recorded cost 2: compensation 200.00 on 2026-11-22 for T6

### run svc cost list
### stdout
id  ticket  kind          amount  date        note
--  ------  ------------  ------  ----------  -----------
 2  T6      compensation  200.00  2026-11-22
 1  T1      travel         35.50  2026-11-23  taxi, 12 km
 3  T4      transport       0.01  2026-11-23

### run svc cost list --ticket T6 --format json
### stdout
[{"id":2,"ticket":"T6","kind":"compensation","amount":200.00,"date":"2026-11-22","note":""}]

### run svc cost list --period 2026-W47 --format csv
### stdout
id,ticket,kind,amount,date,note
2,T6,compensation,200.00,2026-11-22,

### run svc cost add --ticket T99 --kind travel --amount 1
### exit 66
### stderr-has
no ticket 'T99' in the store

### run svc cost add --ticket T1 --kind lunch --amount 1
### exit 2
### stderr-has
--kind

### run svc cost add --ticket T1 --kind travel --amount 1.234
### exit 2
### stderr-has
--amount '1.234' is not an amount >= 0 with at most 2 decimals

### run svc cost add --ticket T1 --kind travel --amount -5
### exit 2
### stderr-has
is not an amount >= 0

### run svc cost add --ticket T1 --kind travel --amount 5 --date 2026-11-31
### exit 2
### stderr-has
--date '2026-11-31': no such date

### run sqlite3 svc.db "SELECT count(*) FROM cost_entries"
### stdout
3

### run svc report costs --period 2026-W47
# cancelled T4 keeps its transport cost; unpriced parts would be counted in unpriced_parts
### stdout
Service costs 2026-11-16 to 2026-11-22, as of 2026-11-23T20:00:00+08:00

outlet                       tickets  labor_hours   labor  parts  unpriced_parts  travel  transport  compensation    cost   fees  unapproved_fees
---------------------------  -------  -----------  ------  -----  --------------  ------  ---------  ------------  ------  -----  ---------------
BJ-01                              2          0.0    0.00   0.00               0    0.00       0.00        200.00  200.00   0.00            50.00
GZ<script>alert(1)</script>        1          0.0    0.00   0.00               0    0.00       0.00          0.00    0.00   0.00             0.00
SH-01                              4          7.5  600.00  25.00               0   35.50       0.01          0.00  660.51  80.00             0.00
all                                7          7.5  600.00  25.00               0   35.50       0.01        200.00  860.51  80.00            50.00

labour at 80.00 per hour; parts at actual cost where the parts ledger consumed them, else at catalogue price (0 unit(s) without a price counted at 0.00); cost = labour + parts + travel + transport + compensation; fees = approved fees collected from customers; unapproved_fees = fees recorded with approved = no (outside the fee standard: not revenue, see 'svc audit integrity')

### run svc report costs --period 2026-W47 --by region --format json
### stdout
{"from":"2026-11-16","to":"2026-11-22","as_of":"2026-11-23T20:00:00+08:00","by":"region","labor_rate":80.00,"groups":[{"key":"华东","tickets":4,"labor_hours":7.5,"labor":600.00,"parts":25.00,"unpriced_parts":0,"travel":35.50,"transport":0.01,"compensation":0.00,"cost":660.51,"fees":80.00,"unapproved_fees":0.00},{"key":"华北","tickets":2,"labor_hours":0.0,"labor":0.00,"parts":0.00,"unpriced_parts":0,"travel":0.00,"transport":0.00,"compensation":200.00,"cost":200.00,"fees":0.00,"unapproved_fees":50.00},{"key":"华南","tickets":1,"labor_hours":0.0,"labor":0.00,"parts":0.00,"unpriced_parts":0,"travel":0.00,"transport":0.00,"compensation":0.00,"cost":0.00,"fees":0.00,"unapproved_fees":0.00}],"total":{"key":"all","tickets":7,"labor_hours":7.5,"labor":600.00,"parts":25.00,"unpriced_parts":0,"travel":35.50,"transport":0.01,"compensation":200.00,"cost":860.51,"fees":80.00,"unapproved_fees":50.00}}

### run svc report costs --period 2026-11 --by type --format csv
### stdout
type,tickets,labor_hours,labor,parts,unpriced_parts,travel,transport,compensation,cost,fees,unapproved_fees
complaint,1,0.0,0.00,0.00,0,0.00,0.00,0.00,0.00,0.00,0.00
consultation,1,0.0,0.00,0.00,0,0.00,0.00,0.00,0.00,0.00,0.00
install,1,4.0,320.00,0.00,0,0.00,0.00,0.00,320.00,0.00,0.00
repair,7,3.5,280.00,25.00,0,35.50,0.01,200.00,540.51,80.00,50.00
all,10,7.5,600.00,25.00,0,35.50,0.01,200.00,860.51,80.00,50.00

### file rate.toml
[costs]
labor_rate = 95.55

### run svc --config rate.toml report costs --period 2026-W47 --format csv
### stdout
outlet,tickets,labor_hours,labor,parts,unpriced_parts,travel,transport,compensation,cost,fees,unapproved_fees
BJ-01,2,0.0,0.00,0.00,0,0.00,0.00,200.00,200.00,0.00,50.00
GZ<script>alert(1)</script>,1,0.0,0.00,0.00,0,0.00,0.00,0.00,0.00,0.00,0.00
SH-01,4,7.5,716.63,25.00,0,35.50,0.01,0.00,777.14,80.00,0.00
all,7,7.5,716.63,25.00,0,35.50,0.01,200.00,977.14,80.00,50.00

### run svc report costs --period 2026-W47 --format html
### stdout-has
<td>GZ&lt;script&gt;alert(1)&lt;/script&gt;</td>

### run svc report costs --period 2026-W47 --by engineer
### exit 2
### stderr-has
--by
