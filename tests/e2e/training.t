Training end to end: a yearly plan, a session with attendees, results per
method, grades, retraining after a fail, reassignment after a second fail,
the archive and the report per outlet and region; and every refusal.

### run svc init --quiet && svc outlet add SH-01 --name 上海一店 --region 华东 --quiet && svc outlet add BJ-01 --name 北京一店 --region 华北 --quiet && svc engineer add E-1 --name 张工 --outlet SH-01 --quiet && svc engineer add E-2 --name 李工 --outlet SH-01 --quiet && svc engineer add E-3 --name 赵工 --outlet BJ-01 --quiet && svc training plan --year 2026 --topic repair --title 变频空调维修 --month 3 && svc training plan --year 2026 --topic quality --title 服务质量标准
### stdout
1
2

### run svc training session S1 --plan 1 --date 2026-03-10 --attendee E-1,E-2,E-3 --trainer 李老师 && svc training session S2 --plan 1 --date 2026-04-10 --attendee E-1
### stderr-has
svc: session S1 recorded with 3 attendees

### run svc training result --session S1 --engineer E-1 --method written --score 50 && svc training result --session S1 --engineer E-1 --method practical --score 60
### stderr-has
svc: E-1 in S1: mean 55.0 of 2 methods -> fail 不合格
svc: E-1: retraining due by 2026-04-09

### run svc training result --session S1 --engineer E-2 --method written --score 85 --quiet && svc training result --session S1 --engineer E-3 --method customer --score 92 --quiet && svc training result --session S2 --engineer E-1 --method written --score 59
### stderr-has
svc: E-1 in S2: mean 59.0 of 1 method -> fail 不合格
svc: E-1: retraining due by 2026-05-10
svc: E-1: failed twice in a row on repair: reassignment flagged

### run svc training list --year 2026 --format csv | tr -d '\r'
### stdout
plan,year,month,topic,title,sessions,attendees
1,2026,3,repair,变频空调维修,2,4
2,2026,,quality,服务质量标准,0,0

### run svc training archive --engineer E-1 --format csv | tr -d '\r'
### stdout
date,session,topic,title,engineer,name,outlet,written,practical,customer,mean,grade,retrain_by,reassign
2026-03-10,S1,repair,变频空调维修,E-1,张工,SH-01,50,60,,55.0,fail 不合格,,
2026-04-10,S2,repair,变频空调维修,E-1,张工,SH-01,59,,,59.0,fail 不合格,2026-05-10,yes

### run svc training archive --year 2026 --due --format csv | tr -d '\r' | cut -d, -f2,5
### stdout
session,engineer
S2,E-1

### run svc report training --year 2026 --format csv | tr -d '\r'
### stdout
group,engineers,attendances,assessed,excellent,good,pass,fail,mean_score,retraining_due,reassign
BJ-01,1,1,1,1,0,0,0,92.0,0,0
SH-01,2,3,3,0,1,0,2,66.3,1,1

### run svc report training --year 2026 --by region --format json
### stdout-has
{"group":"华东","engineers":"2","attendances":"3","assessed":"3","excellent":"0","good":"1","pass":"0","fail":"2","mean_score":"66.3","retraining_due":"1","reassign":"1"}

### file strict.toml
[training]
excellent = 95
good = 92
pass = 90

### run svc --config strict.toml training archive --engineer E-2 --format csv | tr -d '\r' | cut -d, -f12
### stdout
grade
fail 不合格

### run svc training plan --year 2026 --topic cooking --title x
### exit 2
### stderr-has
--topic: unknown topic 'cooking'; one of: product, repair, communication, process, quality

### run svc training plan --year 2026 --topic repair --title 变频空调维修
### exit 65
### stderr-has
svc: error: the 2026 plan already has repair course '变频空调维修' (plan 1)

### run svc training session S3 --plan 1 --date 2025-12-31 --attendee E-1
### exit 65
### stderr-has
svc: error: --date 2025-12-31 is not in the plan's year 2026

### run svc training session S3 --plan 9 --date 2026-05-05 --attendee E-1
### exit 66
### stderr-has
svc: error: unknown training plan 9

### run svc training session S3 --plan 1 --date 2026-05-05 --attendee E-1,E-9
### exit 66
### stderr-has
svc: error: unknown engineer 'E-9'

### run svc training session S1 --plan 1 --date 2026-05-05 --attendee E-1
### exit 65
### stderr-has
svc: error: session 'S1' already exists

### run svc training result --session S2 --engineer E-2 --method written --score 80
### exit 65
### stderr-has
svc: error: 'E-2' did not attend session 'S2': no result can be recorded

### run svc training result --session S1 --engineer E-1 --method written --score 70
### exit 65
### stderr-has
svc: error: the written result of 'E-1' in session 'S1' is already recorded (50)

### run svc training result --session S1 --engineer E-2 --method practical --score 120
### exit 65
### stderr-has
svc: error: --score 120 must be from 0 to 100

### run svc training result --session S1 --engineer E-2 --method oral --score 80
### exit 2

### run svc report training --year 2026 --by city
### exit 2

### run sqlite3 svc.db "SELECT count(*) FROM training_sessions; SELECT count(*) FROM training_results"
### stdout
2
5

### file bad.toml
[training]
good = 95

### run svc --config bad.toml report training --year 2026
### exit 65
### stderr-has
training thresholds must satisfy excellent (90) >= good (95) >= pass (60)

### file unchanged.sh
sqlite3 svc.db .dump | sha256sum > before.sum; "$@"; rc=$?; sqlite3 svc.db .dump | sha256sum | cmp -s - before.sum && echo unchanged; exit $rc

### run bash unchanged.sh svc training session S9 --plan 2 --date 2026-11-24 --attendee E-1
# a session dated after today (SVC_NOW 2026-11-23) is refused
### exit 65
### stdout
unchanged
### stderr-has
svc: error: --date 2026-11-24 is in the future (today is 2026-11-23): a session is recorded once it is held

### run bash unchanged.sh svc training plan --year 2026 --topic repair --title '变频空调维修 '
# a title with a trailing space is the same course
### exit 65
### stdout
unchanged
### stderr-has
svc: error: the 2026 plan already has repair course '变频空调维修' (plan 1)

### run bash unchanged.sh svc training plan --year 26 --topic repair --title 新课
### exit 2
### stdout
unchanged
### stderr-has
svc: error: --year 26 is not a plausible year: from 2000 to 2100

### run svc report training --year 26
# an implausible year is a usage error, not an empty report
### exit 2
### stderr-has
svc: error: --year 26 is not a plausible year: from 2000 to 2100

### run svc training list --year 26
### exit 2

### run svc training archive --year 20260
### exit 2

### run svc audit training --format csv | tr -d '\r'
# E-1 failed S2 on 2026-04-10 and was not retrained within retrain_days (30): due 2026-05-10
### stdout
outlet,engineer,name,region,topic,kind,session,last,grade,due,days_overdue
SH-01,E-1,张工,华东,repair,retrain,S2,2026-04-10,fail,2026-05-10,197

### file refresh.toml
[training]
refresh_days = 200

### run svc --config refresh.toml audit training --fail-on finding --format csv > o.csv; rc=$?; tr -d '\r' < o.csv; exit $rc
# passes older than refresh_days are due for a refresher; --fail-on finding exits 1
### exit 1
### stdout
outlet,engineer,name,region,topic,kind,session,last,grade,due,days_overdue
BJ-01,E-3,赵工,华北,repair,refresh,S1,2026-03-10,excellent,2026-09-26,58
SH-01,E-1,张工,华东,repair,retrain,S2,2026-04-10,fail,2026-05-10,197
SH-01,E-2,李工,华东,repair,refresh,S1,2026-03-10,good,2026-09-26,58

### run svc audit training --as-of 2026-05-10 --format json
# as of the due date itself nothing is overdue yet
### stdout
[]

### file bad-refresh.toml
[training]
refresh_days = -1

### run svc --config bad-refresh.toml audit training
### exit 65
### stderr-has
training.refresh_days must be an integer from 0 (never) to 3660

### run svc training void --session S2 --engineer E-1 --method written --reason '65 typed as 59' --user 培训主管
# a mistyped score is withdrawn by a reversing entry (who, when, why); the right one is recorded after it
### stdout
result 5 voided: written of E-1 in S2 (59) withdrawn by 培训主管: 65 typed as 59

### run svc training result --session S2 --engineer E-1 --method written --score 65 && svc training archive --engineer E-1 --format csv | tr -d '\r'
### stdout
date,session,topic,title,engineer,name,outlet,written,practical,customer,mean,grade,retrain_by,reassign
2026-03-10,S1,repair,变频空调维修,E-1,张工,SH-01,50,60,,55.0,fail 不合格,,
2026-04-10,S2,repair,变频空调维修,E-1,张工,SH-01,65,,,65.0,pass 合格,,

### run svc audit training --format json
# the corrected view: E-1 passed S2, nothing overdue
### stdout
[]

### run sqlite3 svc.db "SELECT id, score FROM training_results WHERE session = 'S2'; SELECT result, user, reason FROM training_result_voids"
# the original stays stored
### stdout
5|59.0
6|65.0
5|培训主管|65 typed as 59

### run svc audit corrections --format csv | tr -d '\r' | cut -d, -f3-
# svc audit corrections lists it beside the ticket voids, under the engineer's outlet
### stdout
kind,ticket,outlet,withdrawn,event,by,reason,effect
training_void,,SH-01,S2/E-1/written,training_result,培训主管,65 typed as 59,written score 59 of E-1 in session S2 withdrawn

### run bash unchanged.sh svc training void --session S2 --engineer E-2 --method written --reason x
### exit 66
### stdout
unchanged
### stderr-has
svc: error: 'E-2' has no standing written result in session 'S2' to withdraw

### run bash unchanged.sh svc training void --session S7 --engineer E-1 --method written --reason x
### exit 66
### stdout
unchanged
### stderr-has
svc: error: unknown session 'S7'

### run bash unchanged.sh svc training void --session S2 --engineer E-1 --method written --reason ' '
### exit 65
### stdout
unchanged
### stderr-has
svc: error: --reason must say why the score was wrong

### run svc training void --session S2 --engineer E-1 --method written --reason '再次更正' --format json --user 主管 | sed 's/"at":"[^"]*"/"at":AT/'
### stdout
{"result":6,"session":"S2","engineer":"E-1","method":"written","score":65.0,"at":AT,"by":"主管","reason":"再次更正"}
