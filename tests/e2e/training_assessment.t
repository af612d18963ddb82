Training results feed the outlet assessment's technical dimension when [training] assessment_share > 0 (off by
default: the spec's formula). The hand-checked log (tests/e2e/data/reports-log.csv, see report_outlets.t) with
min_tickets = 2; engineers E-1, E-2 of SH-01 and E-3 of BJ-01. Assessed session means:
- E-3 (BJ-01): OLD 2025-06-01 10 (the year before: out), S1 2026-11-10 (60, 80) → 70, S2 2026-11-18 90
- E-1 (SH-01): S1 90, S4 2026-11-19 attended but not assessed (out), S3 2026-11-25 0 (after the as-of date: out)
- E-2 (SH-01): S2 (75, 85) → 80
W47 (to 2026-11-22): T(BJ-01) = (70 + 90) / 2 = 80, T(SH-01) = (90 + 80) / 2 = 85; W46 (to 2026-11-15): BJ-01 70, SH-01 90.
With s = 0.25:
- BJ-01 W47: first-time fix 1 → 0.75·100 + 0.25·80 = 95; score 0.2·80 + 0.2·95 + 0.3·50 + 0.3·0 = 50 → fail.
  W46: no first-time fix → technical = T = 70; score (0.2·100 + 0.2·70) / 1 = 34 → fail → rectification in W47.
- SH-01 W47: first-time fix 2/3 → 0.75·66.67 + 0.25·85 = 71.25; score 20 + 14.25 + 20 + 10 = 64.25 → pass.
- GZ…: no training → no first-time fix → technical stays absent.

### file svc.toml
[assessment]
min_tickets = 2

### file share.toml
[assessment]
min_tickets = 2

[training]
assessment_share = 0.25

### file zero.toml
[assessment]
min_tickets = 2

[training]
assessment_share = 0

### run svc import -q "$SRC/tests/e2e/data/reports-log.csv" > /dev/null && svc outlet add SH-01 --name 上海一店 --region 华东 --quiet && svc outlet add BJ-01 --name 北京一店 --region 华北 --quiet && svc engineer add E-1 --name 张工 --outlet SH-01 --quiet && svc engineer add E-2 --name 李工 --outlet SH-01 --quiet && svc engineer add E-3 --name 赵工 --outlet BJ-01 --quiet && svc training plan --year 2025 --topic repair --title 旧课 && svc training plan --year 2026 --topic repair --title 变频空调维修
### stdout
1
2

### run svc training session OLD --plan 1 --date 2025-06-01 --attendee E-3 --quiet && svc training session S1 --plan 2 --date 2026-11-10 --attendee E-1,E-3 --quiet && svc training session S2 --plan 2 --date 2026-11-18 --attendee E-2,E-3 --quiet && SVC_NOW=2026-11-26T12:00:00Z svc training session S3 --plan 2 --date 2026-11-25 --attendee E-1 --quiet && svc training session S4 --plan 2 --date 2026-11-19 --attendee E-1 --quiet
### exit 0

### run svc training result --session OLD --engineer E-3 --method written --score 10 --quiet && svc training result --session S1 --engineer E-3 --method written --score 60 --quiet && svc training result --session S1 --engineer E-3 --method practical --score 80 --quiet && svc training result --session S1 --engineer E-1 --method written --score 90 --quiet && svc training result --session S2 --engineer E-3 --method written --score 90 --quiet && svc training result --session S2 --engineer E-2 --method practical --score 75 --quiet && svc training result --session S2 --engineer E-2 --method customer --score 85 --quiet && svc training result --session S3 --engineer E-1 --method written --score 0 --quiet
### exit 0

### run svc report outlets --period 2026-W47 --format json
# off by default: the spec's formula (as in report_outlets.t)
### stdout
{"period":"2026-W47","outlets":[{"outlet":"BJ-01","region":"华北","tickets":2,"credit":80.0,"technical":100.0,"service":50.0,"quality":0.0,"score":51.0,"grade":"fail","meets_standard":false,"findings":1,"corrections":0,"reward":0.00,"penalty":1500.00,"net":-1500.00,"actions":["interview","rectification"],"timeliness_ok":false,"satisfaction_ok":null,"complaint_rate_ok":true},{"outlet":"GZ<script>alert(1)</script>","region":"华南","tickets":1,"credit":100.0,"technical":null,"service":0.0,"quality":0.0,"score":null,"grade":"insufficient","meets_standard":false,"findings":0,"corrections":0,"reward":0.00,"penalty":0.00,"net":0.00,"actions":[],"timeliness_ok":false,"satisfaction_ok":null,"complaint_rate_ok":true},{"outlet":"SH-01","region":"华东","tickets":3,"credit":100.0,"technical":66.66666666666666,"service":66.66666666666666,"quality":33.33333333333333,"score":63.33333333333333,"grade":"pass","meets_standard":false,"findings":0,"corrections":0,"reward":0.00,"penalty":1500.00,"net":-1500.00,"actions":[],"timeliness_ok":false,"satisfaction_ok":false,"complaint_rate_ok":false}]}

### run svc --config zero.toml report outlets --period 2026-W47 --format json > zero.json && svc report outlets --period 2026-W47 --format json > off.json && cmp zero.json off.json && echo same
# assessment_share = 0 written out: every output identical
### stdout
same

### run svc --config share.toml report outlets --period 2026-W47 --format json
### stdout
{"period":"2026-W47","outlets":[{"outlet":"BJ-01","region":"华北","tickets":2,"credit":80.0,"technical":95.0,"service":50.0,"quality":0.0,"score":50.0,"grade":"fail","meets_standard":false,"findings":1,"corrections":0,"reward":0.00,"penalty":1500.00,"net":-1500.00,"actions":["interview","rectification"],"timeliness_ok":false,"satisfaction_ok":null,"complaint_rate_ok":true},{"outlet":"GZ<script>alert(1)</script>","region":"华南","tickets":1,"credit":100.0,"technical":null,"service":0.0,"quality":0.0,"score":null,"grade":"insufficient","meets_standard":false,"findings":0,"corrections":0,"reward":0.00,"penalty":0.00,"net":0.00,"actions":[],"timeliness_ok":false,"satisfaction_ok":null,"complaint_rate_ok":true},{"outlet":"SH-01","region":"华东","tickets":3,"credit":100.0,"technical":71.25,"service":66.66666666666666,"quality":33.33333333333333,"score":64.25,"grade":"pass","meets_standard":false,"findings":0,"corrections":0,"reward":0.00,"penalty":1500.00,"net":-1500.00,"actions":[],"timeliness_ok":false,"satisfaction_ok":false,"complaint_rate_ok":false}]}

### run svc --config share.toml report outlets --period 2026-W46 --format csv | cut -d, -f1,5,8,9 | tr -d '\r'
# the previous week: training up to 2026-11-15 only; no first-time fix → technical = T
### stdout
outlet,technical,score,grade
BJ-01,70.0,34.0,fail

### run svc --config share.toml report outlets --period 2026-11 --format csv | cut -d, -f1,5 | tr -d '\r'
# November: sessions up to the as-of date 2026-11-23 (S3 on 11-25 not yet)
### stdout
outlet,technical
BJ-01,95.0
GZ<script>alert(1)</script>,
SH-01,71.25

### run svc --config share.toml report outlets --period 2026-11 --as-of 2026-11-26T12:00:00+08:00 --format csv | cut -d, -f1,5 | tr -d '\r'
# as of 2026-11-26: S3 (E-1: 0) counts, T(SH-01) = (90 + 0 + 80) / 3 → 0.75·66.67 + 0.25·56.67 = 64.17
### stdout
outlet,technical
BJ-01,95.0
GZ<script>alert(1)</script>,
SH-01,64.16666666666666

### run svc --config share.toml config show --origin | grep assessment_share
### stdout
assessment_share = 0.25  # share.toml:5

### file bad.toml
[training]
assessment_share = 1.5

### run svc --config bad.toml report outlets --period 2026-W47
### exit 65
### stderr-has
bad.toml:2: training.assessment_share must be from 0 to 1, got 1.5
