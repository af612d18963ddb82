svc report outlets, svc audit outlets (apply once, revise) and svc report payouts, on the hand-checked log
(tests/e2e/data/reports-log.csv) with min_tickets = 2. Week 2026-W47 by hand:
- BJ-01: T5 on time, T6 late with an unapproved fee (1 finding). credit 80, technical 100 (T5 fixed first time),
  service 50, quality 0 (no follow-up: satisfaction counts 0; complaint rate 0/2). Score 0.2·80 + 0.2·100 + 0.3·50 +
  0.3·0 = 51 → fail; it failed in W46 too (T8, T9 late: score 25) → interview + rectification. Timeliness missed:
  penalty 500 + 1000 for the finding.
- SH-01: 2/3 on time, FTF 2/3, satisfaction 2/3, complaint rate 1/3 → quality 33.3; score 63.3 → pass; all three
  KPIs missed → penalty 1500.
- GZ…: 1 ticket → insufficient: no score, no money.

### file svc.toml
[assessment]
min_tickets = 2

[engineers]
min_tickets = 2

### run svc import -q "$SRC/tests/e2e/data/reports-log.csv" > /dev/null; svc report outlets --period 2026-W47
### stdout
网点考核 2026-W47（2026-11-16 至 2026-11-22），截至 2026-11-23T20:00:00+08:00

outlet                       region  tickets  credit  technical  service  quality  score  grade                  meets  findings  corr  reward  penalty       net  actions
---------------------------  ------  -------  ------  ---------  -------  -------  -----  ---------------------  -----  --------  ----  ------  -------  --------  -----------------------
BJ-01                        华北          2    80.0      100.0     50.0      0.0   51.0  fail 不合格                ✗         1     0    0.00  1500.00  -1500.00  interview,rectification
GZ<script>alert(1)</script>  华南          1   100.0          -      0.0      0.0      -  insufficient 样本不足      ✗         0     0    0.00     0.00      0.00
SH-01                        华东          3   100.0       66.7     66.7     33.3   63.3  pass 合格                  ✗         0     0    0.00  1500.00  -1500.00

3 outlets; reward 0.00, penalty 3000.00, net -3000.00

### run svc report outlets --period 2026-W47 --format json
### stdout
{"period":"2026-W47","outlets":[{"outlet":"BJ-01","region":"华北","tickets":2,"credit":80.0,"technical":100.0,"service":50.0,"quality":0.0,"score":51.0,"grade":"fail","meets_standard":false,"findings":1,"corrections":0,"reward":0.00,"penalty":1500.00,"net":-1500.00,"actions":["interview","rectification"],"timeliness_ok":false,"satisfaction_ok":null,"complaint_rate_ok":true},{"outlet":"GZ<script>alert(1)</script>","region":"华南","tickets":1,"credit":100.0,"technical":null,"service":0.0,"quality":0.0,"score":null,"grade":"insufficient","meets_standard":false,"findings":0,"corrections":0,"reward":0.00,"penalty":0.00,"net":0.00,"actions":[],"timeliness_ok":false,"satisfaction_ok":null,"complaint_rate_ok":true},{"outlet":"SH-01","region":"华东","tickets":3,"credit":100.0,"technical":66.66666666666666,"service":66.66666666666666,"quality":33.33333333333333,"score":63.33333333333333,"grade":"pass","meets_standard":false,"findings":0,"corrections":0,"reward":0.00,"penalty":1500.00,"net":-1500.00,"actions":[],"timeliness_ok":false,"satisfaction_ok":false,"complaint_rate_ok":false}]}

### run svc report outlets --period 2026-W47 --format csv
### stdout
outlet,region,tickets,credit,technical,service,quality,score,grade,meets_standard,findings,corrections,reward,penalty,net,actions,timeliness_ok,satisfaction_ok,complaint_rate_ok
BJ-01,华北,2,80.0,100.0,50.0,0.0,51.0,fail,false,1,0,0.00,1500.00,-1500.00,interview rectification,false,,true
GZ<script>alert(1)</script>,华南,1,100.0,,0.0,0.0,,insufficient,false,0,0,0.00,0.00,0.00,,false,,true
SH-01,华东,3,100.0,66.66666666666666,66.66666666666666,33.33333333333333,63.33333333333333,pass,false,0,0,0.00,1500.00,-1500.00,,false,false,false

### run svc report outlets --period 2026-W46 --format json
# the previous week: BJ-01 fails for the first time → interview only
### stdout
{"period":"2026-W46","outlets":[{"outlet":"BJ-01","region":"华北","tickets":2,"credit":100.0,"technical":null,"service":0.0,"quality":0.0,"score":25.0,"grade":"fail","meets_standard":false,"findings":0,"corrections":0,"reward":0.00,"penalty":500.00,"net":-500.00,"actions":["interview"],"timeliness_ok":false,"satisfaction_ok":null,"complaint_rate_ok":true}]}

### run svc report outlets --period 2026-11 --format csv
# a month: W46 and W47 together, T7 too; previous month empty → no rectification
### stdout
outlet,region,tickets,credit,technical,service,quality,score,grade,meets_standard,findings,corrections,reward,penalty,net,actions,timeliness_ok,satisfaction_ok,complaint_rate_ok
BJ-01,华北,5,80.0,100.0,25.0,0.0,43.5,fail,false,1,0,0.00,1500.00,-1500.00,interview,false,,true
GZ<script>alert(1)</script>,华南,1,100.0,,0.0,0.0,,insufficient,false,0,0,0.00,0.00,0.00,,false,,true
SH-01,华东,3,100.0,66.66666666666666,66.66666666666666,33.33333333333333,63.33333333333333,pass,false,0,0,0.00,1500.00,-1500.00,,false,false,false

### run svc report outlets --period 2026-W47 --format html
### stdout-has
<td>GZ&lt;script&gt;alert(1)&lt;/script&gt;</td>
<td>fail 不合格</td>

### run svc report outlets --period 2026-W47 --format html | grep -c "<script" || true
### stdout
0

### run svc audit outlets --period 2026-W47 --format csv
# without --apply: a preview that records nothing
### stdout-has
BJ-01,华北,2,80.0,100.0,50.0,0.0,51.0,fail
### stderr-has
not recorded: add --apply

### run svc report payouts --period 2026-W47
### exit 66
### stderr-has
no recorded assessment for 2026-W47; record it first with 'svc audit outlets --period 2026-W47 --apply'

### run svc audit outlets --period 2026-W47 --apply
# W47 (16–22 November) settles 3 days after it ends ([assessment] settle_days): now (23 November) is too early
### exit 75
### stderr-has
svc: error: 2026-W47 cannot be applied before 2026-11-26T00:00:00+08:00: 3 days after the period ends ([assessment] settle_days)

### run svc audit outlets --period 2026-W47
# the preview says so too
### stderr-has
not final: 2026-W47 can be applied from 2026-11-26T00:00:00+08:00

### run svc audit outlets --period 2027-05 --apply
# a future month
### exit 75
### stderr-has
2027-05 cannot be applied before 2027-06-04T00:00:00+08:00

### run SVC_NOW=2026-11-26T00:00:00Z svc audit outlets --period 2026-W47 --as-of 2026-11-26 --apply
# an --as-of later than now (the end of 26 November, local)
### exit 75
### stderr-has
--as-of 2026-11-26T23:59:59+08:00 is in the future (now is 2026-11-26T08:00:00+08:00)

### run SVC_NOW=2026-11-26T00:00:00Z svc audit outlets --period 2026-W47 --as-of "2026-11-25 23:59" --apply
# an --as-of before the week settled: it would miss the last follow-up calls
### exit 2
### stderr-has
--as-of 2026-11-25T23:59:00+08:00 is before 2026-W47 settles at 2026-11-26T00:00:00+08:00

### run printf '[assessment]\nmin_tickets = 2\nsettle_days = 0\n' > zero.toml; SVC_NOW=2026-11-22T16:00:00Z svc --config zero.toml audit outlets --period 2026-W47 --format json --apply; sqlite3 svc.db "DELETE FROM assessment_outlets; DELETE FROM assessments"
# settle_days = 0: from the first instant after the week (23 November 00:00 local)
### stdout
{"period":"2026-W47","revision":1,"recorded":true,"outlets":3,"net":-3000.00}

### run SVC_NOW=2026-11-26T00:00:00Z svc audit outlets --period 2026-W47 --apply
### stdout
recorded the assessment of 2026-W47 as revision 1: 3 outlets, net -3000.00

### file late.csv
ts,ticket,event,satisfaction
2026-11-23 09:00,T6,followed_up,5

### run svc import -q late.csv > /dev/null; SVC_NOW=2026-11-27T00:00:00Z svc audit outlets --period 2026-W47 --apply
# a late event arrives; a second --apply changes nothing
### stdout
2026-W47 was already applied (revision 1, recorded 2026-11-26T08:00:00+08:00); nothing changed. Use --revise --reason "…" to record a new revision.

### run sqlite3 svc.db "SELECT count(*) FROM assessments; SELECT count(*) FROM assessment_outlets"
### stdout
1
3

### run svc report payouts --period 2026-W47 --format csv
### stdout
period,revision,outlet,region,tickets,grade,score,reward,penalty,net,actions
2026-W47,1,BJ-01,华北,2,fail,51.00,0.00,1500.00,-1500.00,interview rectification
2026-W47,1,GZ<script>alert(1)</script>,华南,1,insufficient,,0.00,0.00,0.00,
2026-W47,1,SH-01,华东,3,pass,63.33,0.00,1500.00,-1500.00,

### run svc audit outlets --period 2026-W47 --apply --revise
### exit 2
### stderr-has
--revise needs --reason

### run svc audit outlets --period 2026-W47 --revise --reason x
### exit 2
### stderr-has
--revise goes with --apply

### run svc audit outlets --period 2026-W47 --reason x
### exit 2
### stderr-has
--reason goes with --revise

### run svc audit outlets --period 2026-W45 --apply --revise --reason "why"
### exit 2
### stderr-has
period 2026-W45 was never applied, so there is nothing to revise

### run svc audit outlets --period 2026-11-01 --apply
### exit 2
### stderr-has
is not a period

### run svc audit outlets --apply
### exit 2
### stderr-has
--period is required

### run SVC_NOW=2026-11-26T00:00:00Z svc audit outlets --period 2026-W47 --apply --revise --reason "late follow-up call imported" --format json
# --revise records revision 2 (T6 now followed up: BJ-01 quality 50) and keeps revision 1
### stdout
{"period":"2026-W47","revision":2,"recorded":true,"outlets":3,"net":-3000.00}

### run sqlite3 svc.db "SELECT period, revision, reason IS NULL, outlets, net_cents FROM assessments ORDER BY revision"
### stdout
2026-W47|1|1|3|-300000
2026-W47|2|0|3|-300000

### run svc report payouts --period 2026-W47 --format csv
### stdout
period,revision,outlet,region,tickets,grade,score,reward,penalty,net,actions
2026-W47,2,BJ-01,华北,2,good,81.00,0.00,1500.00,-1500.00,
2026-W47,2,GZ<script>alert(1)</script>,华南,1,insufficient,,0.00,0.00,0.00,
2026-W47,2,SH-01,华东,3,pass,63.33,0.00,1500.00,-1500.00,

### run svc report payouts --period 2026-W47 --format json | sed "s/\"recorded\":\"[^\"]*\"/\"recorded\":\"…\"/"
### stdout
{"period":"2026-W47","revision":2,"recorded":"…","as_of":"2026-11-26T08:00:00+08:00","reason":"late follow-up call imported","payouts":[{"outlet":"BJ-01","region":"华北","tickets":2,"grade":"good","score":81.0,"reward":0.00,"penalty":1500.00,"net":-1500.00,"actions":[]},{"outlet":"GZ<script>alert(1)</script>","region":"华南","tickets":1,"grade":"insufficient","score":null,"reward":0.00,"penalty":0.00,"net":0.00,"actions":[]},{"outlet":"SH-01","region":"华东","tickets":3,"grade":"pass","score":63.33333333333333,"reward":0.00,"penalty":1500.00,"net":-1500.00,"actions":[]}],"total":{"reward":0.00,"penalty":3000.00,"net":-3000.00}}

### run sqlite3 svc.db "INSERT INTO assessments (period, revision, at, as_of, reason, outlets, net_cents) VALUES ('2026-W48', 1, 1795435200000000, 1795435200000000, NULL, 0, 0)"
# an older svc recorded W48 (23–29 November) on its first day: every run of the period says so, with the command that revises it

### run SVC_NOW=2026-12-03T00:00:00Z svc audit outlets --period 2026-W48 --apply
### stdout
2026-W48 was already applied (revision 1, recorded 2026-11-23T20:00:00+08:00); nothing changed. Use --revise --reason "…" to record a new revision.
### stderr-has
svc: warning: revision 1 of 2026-W48 was recorded 2026-11-23T20:00:00+08:00 as of 2026-11-23T20:00:00+08:00, before the period settled at 2026-12-03T00:00:00+08:00
svc audit outlets --period 2026-W48 --apply --revise --reason "recorded before the period settled"

### run SVC_NOW=2026-12-03T00:00:00Z svc -q audit outlets --period 2026-W48 --format csv > /dev/null
### stderr-has
svc: warning: revision 1 of 2026-W48 was recorded

### run SVC_NOW=2026-12-03T00:00:00Z svc audit outlets --period 2026-W48 --apply --revise --reason "recorded before the period settled" > /dev/null && SVC_NOW=2026-12-03T00:00:00Z svc audit outlets --period 2026-W48 2>&1 >/dev/null | grep -c warning; true
# revised once the week settled: no more warning
### stdout
0

### run printf '[report]\nlang = "en"\n' > en.toml && svc --config en.toml report outlets --period 2026-W47 | head -1 && svc --config en.toml report payouts --period 2026-W47 | head -1 && svc report payouts --period 2026-W47 | head -1
# [report] lang = "en": English headings; the default is Chinese
### stdout
Outlet assessment 2026-W47 (2026-11-16 to 2026-11-22), as of 2026-11-23T20:00:00+08:00
Payouts 2026-W47 revision 2 (recorded 2026-11-26T08:00:00+08:00, as of 2026-11-26T08:00:00+08:00, reason: late follow-up call imported)
奖罚发放 2026-W47 第 2 版（记录于 2026-11-26T08:00:00+08:00，截至 2026-11-26T08:00:00+08:00，原因：late follow-up call imported）
