svc report weekly on the hand-checked log (tests/e2e/data/reports-log.csv), week 2026-W47 against W46, in
every format; the HTML page is loaded in headless Chromium (scripts/check-html: no console message, no script, no
external resource) and every string from the log is escaped (an outlet named GZ<script>…, a note <img …>).

### run svc import -q "$SRC/tests/e2e/data/reports-log.csv" > /dev/null && sqlite3 svc.db "INSERT INTO parts (part, name, list_cents) VALUES ('P-CAP', '电容', 1250)" && svc report weekly --week 2026-W47
### stdout
Weekly report 2026-W47 (2026-11-16 to 2026-11-22), compared with 2026-W46, as of 2026-11-23T20:00:00+08:00

region  tickets  vs_prev  timeliness   vs_prev  satisfaction  vs_prev  complaint_rate   vs_prev  first_time_fix  parts_cost  open_complaints   fees  unapproved_fees
------  -------  -------  ----------  --------  ------------  -------  --------------  --------  --------------  ----------  ---------------  -----  ---------------
华东          3       +3     66.7% ✗         -       66.7% ✗        -         33.3% ✗         -           66.7%       25.00                0  80.00             0.00
华北          2       +0     50.0% ✗  +50.0 pt             -        -          0.0% ✓   +0.0 pt          100.0%        0.00                0   0.00            50.00
华南          1       +1      0.0% ✗         -             -        -          0.0% ✓         -               -        0.00                1   0.00             0.00
all           6       +4     50.0% ✗  +50.0 pt       66.7% ✗        -         16.7% ✗  +16.7 pt           75.0%       25.00                1  80.00            50.00

Volume by type and channel

region  repair  install  maintenance  consultation  complaint  return  replacement  phone  web  app  email  letter  onsite  (no channel)
------  ------  -------  -----------  ------------  ---------  ------  -----------  -----  ---  ---  -----  ------  ------  ------------
华东         2        1            0             0          0       0            0      2    0    1      0       0       0             0
华北         1        0            0             1          0       0            0      0    1    1      0       0       0             0
华南         1        0            0             0          0       0            0      0    0    0      0       0       0             1
all          4        1            0             1          0       0            0      2    1    2      0       0       0             1

Outlets with most SLA breaches

region  outlet                       breaches  late  tickets
------  ---------------------------  --------  ----  -------
华东    SH-01                               2     1        3
华北    BJ-01                               2     1        2
华南    GZ<script>alert(1)</script>         2     1        1

Open complaints

region  ticket  outlet                       complained        responsible  note
------  ------  ---------------------------  ----------------  -----------  ----------------------------
华南    T10     GZ<script>alert(1)</script>  2026-11-20 11:00  no           <img src=x onerror=alert(1)>

thresholds: timeliness >= 90.0%, satisfaction >= 85.0%, complaint rate <= 3.0%; vs_prev in percentage points
fees = approved fees collected; unapproved_fees = fees recorded with approved = no (outside the fee standard: not revenue, see 'svc audit integrity')

### run svc report weekly --week 2026-W47 --format json
### stdout
{"week":"2026-W47","from":"2026-11-16","to":"2026-11-22","previous_week":"2026-W46","as_of":"2026-11-23T20:00:00+08:00","region":null,"regions":[{"region":"华东","tickets":3,"by_type":{"install":1,"repair":2},"by_channel":{"app":1,"phone":2},"per_day":[1,1,1,0,0,0,0],"kpis":{"tickets":3,"on_time":2,"late":1,"open":0,"timeliness":0.6666666666666666,"satisfaction":0.6666666666666666,"complaint_rate":0.3333333333333333,"first_time_fix":0.6666666666666666,"response_p50_h":1.0,"response_p90_h":25.0,"timeliness_ok":false,"satisfaction_ok":false,"complaint_rate_ok":false},"previous":{"tickets":0,"on_time":0,"late":0,"open":0,"timeliness":null,"satisfaction":null,"complaint_rate":null,"first_time_fix":null,"response_p50_h":null,"response_p90_h":null},"change":{"tickets":3,"timeliness":null,"satisfaction":null,"complaint_rate":null,"first_time_fix":null},"satisfaction_distribution":[0,0,1,1,1],"top_breach_outlets":[{"outlet":"SH-01","breaches":2,"late":1,"tickets":3}],"open_complaints":[],"parts_cost":25.00,"unpriced_parts":0,"fees":80.00,"unapproved_fees":0.00},{"region":"华北","tickets":2,"by_type":{"consultation":1,"repair":1},"by_channel":{"app":1,"web":1},"per_day":[0,0,0,0,1,1,0],"kpis":{"tickets":2,"on_time":1,"late":1,"open":0,"timeliness":0.5,"satisfaction":null,"complaint_rate":0.0,"first_time_fix":1.0,"response_p50_h":1.0,"response_p90_h":1.0,"timeliness_ok":false,"satisfaction_ok":null,"complaint_rate_ok":true},"previous":{"tickets":2,"on_time":0,"late":2,"open":0,"timeliness":0.0,"satisfaction":null,"complaint_rate":0.0,"first_time_fix":null,"response_p50_h":null,"response_p90_h":null},"change":{"tickets":0,"timeliness":0.5,"satisfaction":null,"complaint_rate":0.0,"first_time_fix":null},"satisfaction_distribution":[0,0,0,0,0],"top_breach_outlets":[{"outlet":"BJ-01","breaches":2,"late":1,"tickets":2}],"open_complaints":[],"parts_cost":0.00,"unpriced_parts":0,"fees":0.00,"unapproved_fees":50.00},{"region":"华南","tickets":1,"by_type":{"repair":1},"by_channel":{"none":1},"per_day":[0,0,0,0,1,0,0],"kpis":{"tickets":1,"on_time":0,"late":1,"open":0,"timeliness":0.0,"satisfaction":null,"complaint_rate":0.0,"first_time_fix":null,"response_p50_h":null,"response_p90_h":null,"timeliness_ok":false,"satisfaction_ok":null,"complaint_rate_ok":true},"previous":{"tickets":0,"on_time":0,"late":0,"open":0,"timeliness":null,"satisfaction":null,"complaint_rate":null,"first_time_fix":null,"response_p50_h":null,"response_p90_h":null},"change":{"tickets":1,"timeliness":null,"satisfaction":null,"complaint_rate":null,"first_time_fix":null},"satisfaction_distribution":[0,0,0,0,0],"top_breach_outlets":[{"outlet":"GZ<script>alert(1)</script>","breaches":2,"late":1,"tickets":1}],"open_complaints":[{"ticket":"T10","outlet":"GZ<script>alert(1)</script>","created":"2026-11-20T10:00:00+08:00","complained":"2026-11-20T11:00:00+08:00","responsible":false,"note":"<img src=x onerror=alert(1)>"}],"parts_cost":0.00,"unpriced_parts":0,"fees":0.00,"unapproved_fees":0.00}],"total":{"region":"all","tickets":6,"by_type":{"consultation":1,"install":1,"repair":4},"by_channel":{"none":1,"app":2,"phone":2,"web":1},"per_day":[1,1,1,0,2,1,0],"kpis":{"tickets":6,"on_time":3,"late":3,"open":0,"timeliness":0.5,"satisfaction":0.6666666666666666,"complaint_rate":0.16666666666666666,"first_time_fix":0.75,"response_p50_h":1.0,"response_p90_h":25.0,"timeliness_ok":false,"satisfaction_ok":false,"complaint_rate_ok":false},"previous":{"tickets":2,"on_time":0,"late":2,"open":0,"timeliness":0.0,"satisfaction":null,"complaint_rate":0.0,"first_time_fix":null,"response_p50_h":null,"response_p90_h":null},"change":{"tickets":4,"timeliness":0.5,"satisfaction":null,"complaint_rate":0.16666666666666666,"first_time_fix":null},"satisfaction_distribution":[0,0,1,1,1],"top_breach_outlets":[{"outlet":"BJ-01","breaches":2,"late":1,"tickets":2},{"outlet":"GZ<script>alert(1)</script>","breaches":2,"late":1,"tickets":1},{"outlet":"SH-01","breaches":2,"late":1,"tickets":3}],"open_complaints":[{"ticket":"T10","outlet":"GZ<script>alert(1)</script>","created":"2026-11-20T10:00:00+08:00","complained":"2026-11-20T11:00:00+08:00","responsible":false,"note":"<img src=x onerror=alert(1)>"}],"parts_cost":25.00,"unpriced_parts":0,"fees":80.00,"unapproved_fees":50.00}}

### run svc report weekly --week 2026-W47 --format csv
### stdout
region,tickets,previous_tickets,type_repair,type_install,type_maintenance,type_consultation,type_complaint,type_return,type_replacement,channel_phone,channel_web,channel_app,channel_email,channel_letter,channel_onsite,channel_none,timeliness,timeliness_previous,timeliness_ok,satisfaction,satisfaction_previous,satisfaction_ok,complaint_rate,complaint_rate_previous,complaint_rate_ok,first_time_fix,first_time_fix_previous,response_p50_h,response_p90_h,parts_cost,unpriced_parts,open_complaints,most_breaches_outlet,most_breaches,fees,unapproved_fees
华东,3,0,2,1,0,0,0,0,0,2,0,1,0,0,0,0,0.6666666666666666,,false,0.6666666666666666,,false,0.3333333333333333,,false,0.6666666666666666,,1.0,25.0,25.00,0,0,SH-01,2,80.00,0.00
华北,2,2,1,0,0,1,0,0,0,0,1,1,0,0,0,0,0.5,0.0,false,,,,0.0,0.0,true,1.0,,1.0,1.0,0.00,0,0,BJ-01,2,0.00,50.00
华南,1,0,1,0,0,0,0,0,0,0,0,0,0,0,0,1,0.0,,false,,,,0.0,,true,,,,,0.00,0,1,GZ<script>alert(1)</script>,2,0.00,0.00
all,6,2,4,1,0,1,0,0,0,2,1,2,0,0,0,1,0.5,0.0,false,0.6666666666666666,,false,0.16666666666666666,0.0,false,0.75,,1.0,25.0,25.00,0,1,BJ-01,2,80.00,50.00

### run svc report weekly --week 2026-W47 --region 华北 --format csv
### stdout
region,tickets,previous_tickets,type_repair,type_install,type_maintenance,type_consultation,type_complaint,type_return,type_replacement,channel_phone,channel_web,channel_app,channel_email,channel_letter,channel_onsite,timeliness,timeliness_previous,timeliness_ok,satisfaction,satisfaction_previous,satisfaction_ok,complaint_rate,complaint_rate_previous,complaint_rate_ok,first_time_fix,first_time_fix_previous,response_p50_h,response_p90_h,parts_cost,unpriced_parts,open_complaints,most_breaches_outlet,most_breaches,fees,unapproved_fees
华北,2,2,1,0,0,1,0,0,0,0,1,1,0,0,0,0.5,0.0,false,,,,0.0,0.0,true,1.0,,1.0,1.0,0.00,0,0,BJ-01,2,0.00,50.00
all,2,2,1,0,0,1,0,0,0,0,1,1,0,0,0,0.5,0.0,false,,,,0.0,0.0,true,1.0,,1.0,1.0,0.00,0,0,BJ-01,2,0.00,50.00

### run svc outlet add CD-01 --name 成都服务站 --region 西南 --quiet && svc report weekly --week 2026-W47 --region 西南 --format json
# a region without tickets (its outlet has none) is still listed; a region nothing knows is a usage error (exit_codes.t)
### stdout
{"week":"2026-W47","from":"2026-11-16","to":"2026-11-22","previous_week":"2026-W46","as_of":"2026-11-23T20:00:00+08:00","region":"西南","regions":[{"region":"西南","tickets":0,"by_type":{},"by_channel":{},"per_day":[0,0,0,0,0,0,0],"kpis":{"tickets":0,"on_time":0,"late":0,"open":0,"timeliness":null,"satisfaction":null,"complaint_rate":null,"first_time_fix":null,"response_p50_h":null,"response_p90_h":null,"timeliness_ok":null,"satisfaction_ok":null,"complaint_rate_ok":null},"previous":{"tickets":0,"on_time":0,"late":0,"open":0,"timeliness":null,"satisfaction":null,"complaint_rate":null,"first_time_fix":null,"response_p50_h":null,"response_p90_h":null},"change":{"tickets":0,"timeliness":null,"satisfaction":null,"complaint_rate":null,"first_time_fix":null},"satisfaction_distribution":[0,0,0,0,0],"top_breach_outlets":[],"open_complaints":[],"parts_cost":0.00,"unpriced_parts":0,"fees":0.00,"unapproved_fees":0.00}],"total":{"region":"all","tickets":0,"by_type":{},"by_channel":{},"per_day":[0,0,0,0,0,0,0],"kpis":{"tickets":0,"on_time":0,"late":0,"open":0,"timeliness":null,"satisfaction":null,"complaint_rate":null,"first_time_fix":null,"response_p50_h":null,"response_p90_h":null,"timeliness_ok":null,"satisfaction_ok":null,"complaint_rate_ok":null},"previous":{"tickets":0,"on_time":0,"late":0,"open":0,"timeliness":null,"satisfaction":null,"complaint_rate":null,"first_time_fix":null,"response_p50_h":null,"response_p90_h":null},"change":{"tickets":0,"timeliness":null,"satisfaction":null,"complaint_rate":null,"first_time_fix":null},"satisfaction_distribution":[0,0,0,0,0],"top_breach_outlets":[],"open_complaints":[],"parts_cost":0.00,"unpriced_parts":0,"fees":0.00,"unapproved_fees":0.00}}

### run svc report weekly --week 2026-W47 --format html --output weekly.html && "$SRC/scripts/check-html" weekly.html | sed "s/[0-9]* bytes/N bytes/"
### stdout
ok: N bytes of DOM, 3 svg

### run cat weekly.html
### stdout-has
<h1>Weekly service report 2026-W47</h1>
<td>GZ&lt;script&gt;alert(1)&lt;/script&gt;</td>
<td>&lt;img src=x onerror=alert(1)&gt;</td>
<svg xmlns="http://www.w3.org/2000/svg"
aria-label="Timeliness per region against the threshold"
<title>华南 2026-11-20: 1</title>

### run grep -c "<script\|<img" weekly.html || true
### stdout
0

### run svc report weekly --week 2026-W47 --format html | cmp - weekly.html && echo same
### stdout
same

### file bad.html
<!DOCTYPE html><html><body><p>x</p><script>undefinedFunction();</script></body></html>

### run "$SRC/scripts/check-html" bad.html
# the checker really fails on a page with a script error
### exit 1
### stderr-has
has a <script>
console messages while loading

### run svc report weekly --week 2026-11
### exit 2
### stderr-has
--week '2026-11' is not an ISO week

### run svc report weekly --week 2026-W60
### exit 2
### stderr-has
ISO year 2026 has no week 60

### run svc report weekly
### exit 2
### stderr-has
--week is required

### run svc report weekly --week 2026-W47 --output no/such/dir/w.html
### exit 66
### stderr-has
cannot write 'no/such/dir/w.html'
