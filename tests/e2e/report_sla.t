svc report sla: KPIs per group and in total, in every format, on a log whose answers were worked out by hand
(tests/e2e/data/reports-log.csv). Week 2026-W47: SH-01 has T1 (on time), T2 (late: responded after 25 h; its last
follow-up is rated 3; a complaint that is the service's fault), T3 (on time, but rejected once: no first-time fix),
T4 (cancelled: left out); BJ-01 has T5 (on time, never dispatched), T6 (late, never responded); GZ… has T10 (late).
T7 is created on Monday 2026-11-23 (week 48), T8 and T9 in week 46.

### run svc import -q "$SRC/tests/e2e/data/reports-log.csv" > /dev/null; svc report sla --period 2026-W47 --by outlet
### stdout
SLA KPIs 2026-W47 (2026-11-16 to 2026-11-22), as of 2026-11-23T20:00:00+08:00

outlet                       tickets  on_time  late  open  timeliness  satisfaction  complaint_rate  first_time_fix  resp_p50_h  resp_p90_h
---------------------------  -------  -------  ----  ----  ----------  ------------  --------------  --------------  ----------  ----------
BJ-01                              2        1     1     0     50.0% ✗             -          0.0% ✓          100.0%         1.0         1.0
GZ<script>alert(1)</script>        1        0     1     0      0.0% ✗             -          0.0% ✓               -           -           -
SH-01                              3        2     1     0     66.7% ✗       66.7% ✗         33.3% ✗           66.7%         1.0        25.0
all                                6        3     3     0     50.0% ✗       66.7% ✗         16.7% ✗           75.0%         1.0        25.0

thresholds: timeliness >= 90.0%, satisfaction >= 85.0%, complaint rate <= 3.0%

### run svc report sla --period 2026-W47 --by region --format json
# response p50/p90 over T1 0.5 h, T2 25 h, T3 1 h, T5 1 h: ranks ceil(2) = 2 and ceil(3.6) = 4
### stdout
{"from":"2026-11-16","to":"2026-11-22","as_of":"2026-11-23T20:00:00+08:00","groups":[{"key":"华东","tickets":3,"on_time":2,"late":1,"open":0,"timeliness":0.6666666666666666,"followed_up":3,"satisfied":2,"satisfaction":0.6666666666666666,"complaints":1,"complaint_rate":0.3333333333333333,"first_time_fix":0.6666666666666666,"response_p50_h":1.0,"response_p90_h":25.0,"timeliness_ok":false,"satisfaction_ok":false,"complaint_rate_ok":false},{"key":"华北","tickets":2,"on_time":1,"late":1,"open":0,"timeliness":0.5,"followed_up":0,"satisfied":0,"satisfaction":null,"complaints":0,"complaint_rate":0.0,"first_time_fix":1.0,"response_p50_h":1.0,"response_p90_h":1.0,"timeliness_ok":false,"satisfaction_ok":null,"complaint_rate_ok":true},{"key":"华南","tickets":1,"on_time":0,"late":1,"open":0,"timeliness":0.0,"followed_up":0,"satisfied":0,"satisfaction":null,"complaints":0,"complaint_rate":0.0,"first_time_fix":null,"response_p50_h":null,"response_p90_h":null,"timeliness_ok":false,"satisfaction_ok":null,"complaint_rate_ok":true}],"total":{"key":"all","tickets":6,"on_time":3,"late":3,"open":0,"timeliness":0.5,"followed_up":3,"satisfied":2,"satisfaction":0.6666666666666666,"complaints":1,"complaint_rate":0.16666666666666666,"first_time_fix":0.75,"response_p50_h":1.0,"response_p90_h":25.0,"timeliness_ok":false,"satisfaction_ok":false,"complaint_rate_ok":false}}

### run svc report sla --period 2026-W47 --by engineer --format json
# never dispatched → the null group, last
### stdout
{"from":"2026-11-16","to":"2026-11-22","as_of":"2026-11-23T20:00:00+08:00","groups":[{"key":"E-1","tickets":2,"on_time":1,"late":1,"open":0,"timeliness":0.5,"followed_up":2,"satisfied":1,"satisfaction":0.5,"complaints":1,"complaint_rate":0.5,"first_time_fix":1.0,"response_p50_h":0.5,"response_p90_h":25.0,"timeliness_ok":false,"satisfaction_ok":false,"complaint_rate_ok":false},{"key":"E-2","tickets":1,"on_time":1,"late":0,"open":0,"timeliness":1.0,"followed_up":1,"satisfied":1,"satisfaction":1.0,"complaints":0,"complaint_rate":0.0,"first_time_fix":0.0,"response_p50_h":1.0,"response_p90_h":1.0,"timeliness_ok":true,"satisfaction_ok":true,"complaint_rate_ok":true},{"key":null,"tickets":3,"on_time":1,"late":2,"open":0,"timeliness":0.3333333333333333,"followed_up":0,"satisfied":0,"satisfaction":null,"complaints":0,"complaint_rate":0.0,"first_time_fix":1.0,"response_p50_h":1.0,"response_p90_h":1.0,"timeliness_ok":false,"satisfaction_ok":null,"complaint_rate_ok":true}],"total":{"key":"all","tickets":6,"on_time":3,"late":3,"open":0,"timeliness":0.5,"followed_up":3,"satisfied":2,"satisfaction":0.6666666666666666,"complaints":1,"complaint_rate":0.16666666666666666,"first_time_fix":0.75,"response_p50_h":1.0,"response_p90_h":25.0,"timeliness_ok":false,"satisfaction_ok":false,"complaint_rate_ok":false}}

### run svc report sla --period 2026-11 --by type --format csv
### stdout
key,tickets,on_time,late,open,timeliness,followed_up,satisfied,satisfaction,complaints,complaint_rate,first_time_fix,response_p50_h,response_p90_h,timeliness_ok,satisfaction_ok,complaint_rate_ok
complaint,1,0,0,1,,0,0,,0,,,1.0,1.0,,,
consultation,1,1,0,0,1.0,0,0,,0,0.0,1.0,1.0,1.0,true,,true
install,1,1,0,0,1.0,1,1,1.0,0,0.0,0.0,1.0,1.0,true,true,true
repair,6,1,5,0,0.16666666666666666,2,1,0.5,1,0.16666666666666666,1.0,0.5,25.0,false,false,false
all,9,3,5,1,0.375,3,2,0.6666666666666666,1,0.125,0.75,1.0,25.0,false,false,false

### run svc report sla --from 2026-11-16 --to 2026-11-18 --by channel --format csv
### stdout
key,tickets,on_time,late,open,timeliness,followed_up,satisfied,satisfaction,complaints,complaint_rate,first_time_fix,response_p50_h,response_p90_h,timeliness_ok,satisfaction_ok,complaint_rate_ok
app,1,1,0,0,1.0,1,1,1.0,0,0.0,0.0,1.0,1.0,true,true,true
phone,2,1,1,0,0.5,2,1,0.5,1,0.5,1.0,0.5,25.0,false,false,false
all,3,2,1,0,0.6666666666666666,3,2,0.6666666666666666,1,0.3333333333333333,0.6666666666666666,1.0,25.0,false,false,false

### run svc report sla --period 2026-11 --by urgency --as-of "2026-11-16 12:00" --format json
### stdout
{"from":"2026-11-01","to":"2026-11-30","as_of":"2026-11-16T12:00:00+08:00","groups":[{"key":"normal","tickets":3,"on_time":0,"late":2,"open":1,"timeliness":0.0,"followed_up":0,"satisfied":0,"satisfaction":null,"complaints":0,"complaint_rate":0.0,"first_time_fix":null,"response_p50_h":0.5,"response_p90_h":0.5,"timeliness_ok":false,"satisfaction_ok":null,"complaint_rate_ok":true}],"total":{"key":"all","tickets":3,"on_time":0,"late":2,"open":1,"timeliness":0.0,"followed_up":0,"satisfied":0,"satisfaction":null,"complaints":0,"complaint_rate":0.0,"first_time_fix":null,"response_p50_h":0.5,"response_p90_h":0.5,"timeliness_ok":false,"satisfaction_ok":null,"complaint_rate_ok":true}}

### run svc report sla --period 2026-W46
# without --by: only the total
### stdout
SLA KPIs 2026-W46 (2026-11-09 to 2026-11-15), as of 2026-11-23T20:00:00+08:00

group  tickets  on_time  late  open  timeliness  satisfaction  complaint_rate  first_time_fix  resp_p50_h  resp_p90_h
-----  -------  -------  ----  ----  ----------  ------------  --------------  --------------  ----------  ----------
all          2        0     2     0      0.0% ✗             -          0.0% ✓               -           -           -

thresholds: timeliness >= 90.0%, satisfaction >= 85.0%, complaint rate <= 3.0%

### run svc report sla --period 2026-W47 --by outlet --format html
### stdout-has
<!DOCTYPE html>
<td>GZ&lt;script&gt;alert(1)&lt;/script&gt;</td>
class="n bad">50.0% ✗</td>

### run svc report sla --period 2026-W47 --by outlet --format html | grep -c "<script" || true
### stdout
0

### run svc report sla --period 2026-01 --format json
# a period with no ticket: rates are null, never 0 or 100 %
### stdout
{"from":"2026-01-01","to":"2026-01-31","as_of":"2026-11-23T20:00:00+08:00","groups":[],"total":{"key":"all","tickets":0,"on_time":0,"late":0,"open":0,"timeliness":null,"followed_up":0,"satisfied":0,"satisfaction":null,"complaints":0,"complaint_rate":null,"first_time_fix":null,"response_p50_h":null,"response_p90_h":null,"timeliness_ok":null,"satisfaction_ok":null,"complaint_rate_ok":null}}

### run svc report sla --period 2026-13
### exit 2
### stderr-has
svc: error: --period '2026-13': no such month

### run svc report sla --period 2025-W53
### exit 2
### stderr-has
ISO year 2025 has no week 53

### run svc report sla --period last-month
### exit 2
### stderr-has
is not a period (expected a month YYYY-MM (2026-11) or an ISO week YYYY-Www (2026-W47))

### run svc report sla
### exit 2
### stderr-has
a period is needed

### run svc report sla --period 2026-11 --from 2026-11-01 --to 2026-11-30
### exit 2
### stderr-has
give either --period or --from/--to, not both

### run svc report sla --from 2026-11-01
### exit 2
### stderr-has
--from and --to go together

### run svc report sla --from 2026-11-10 --to 2026-11-01
### exit 2
### stderr-has
--to 2026-11-01 is before --from 2026-11-10

### run svc report sla --from 2026-02-30 --to 2026-03-01
### exit 2
### stderr-has
--from '2026-02-30': no such date

### run svc report sla --period 2026-11 --by colour
### exit 2
### stderr-has
--by

### run svc report sla --period 2026-11 --format xml
### exit 2
### stderr-has
--format

### run svc report sla --period 2026-11 --as-of tomorrow
### exit 2
### stderr-has
svc: error:

### run svc --db nowhere.db report sla --period 2026-11
### exit 69
### stderr-has
no store at 'nowhere.db'
