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

### run svc training session S3 --plan 1 --date 2027-01-05 --attendee E-1
### exit 65
### stderr-has
svc: error: --date 2027-01-05 is not in the plan's year 2026

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
