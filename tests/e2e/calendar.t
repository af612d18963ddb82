Calendars (issue 15 item 4, issue 34 item 8): the built-in calendar is the
whole official 2025 and 2026 ones (spec v3 §1): `svc calendar show`, 3bd
tickets created on the last working day before Mid-Autumn and National Day and
before the 2025 Spring Festival; [calendar] include of the shipped calendars
and of a file; the warning, once, when an SLA counts days of a year that is not
covered, after the covered years or before them; an unknown include refused
with did-you-mean.

### run svc calendar show 2026
### stdout
date        weekday  working  kind
----------  -------  -------  --------------
2026-01-01  Thu      no       holiday
2026-01-02  Fri      no       holiday
2026-01-03  Sat      no       holiday
2026-01-04  Sun      yes      makeup_workday
2026-02-14  Sat      yes      makeup_workday
2026-02-15  Sun      no       holiday
2026-02-16  Mon      no       holiday
2026-02-17  Tue      no       holiday
2026-02-18  Wed      no       holiday
2026-02-19  Thu      no       holiday
2026-02-20  Fri      no       holiday
2026-02-21  Sat      no       holiday
2026-02-22  Sun      no       holiday
2026-02-23  Mon      no       holiday
2026-02-28  Sat      yes      makeup_workday
2026-04-04  Sat      no       holiday
2026-04-05  Sun      no       holiday
2026-04-06  Mon      no       holiday
2026-05-01  Fri      no       holiday
2026-05-02  Sat      no       holiday
2026-05-03  Sun      no       holiday
2026-05-04  Mon      no       holiday
2026-05-05  Tue      no       holiday
2026-05-09  Sat      yes      makeup_workday
2026-06-19  Fri      no       holiday
2026-06-20  Sat      no       holiday
2026-06-21  Sun      no       holiday
2026-09-20  Sun      yes      makeup_workday
2026-09-25  Fri      no       holiday
2026-09-26  Sat      no       holiday
2026-09-27  Sun      no       holiday
2026-10-01  Thu      no       holiday
2026-10-02  Fri      no       holiday
2026-10-03  Sat      no       holiday
2026-10-04  Sun      no       holiday
2026-10-05  Mon      no       holiday
2026-10-06  Tue      no       holiday
2026-10-07  Wed      no       holiday
2026-10-10  Sat      yes      makeup_workday
2026: 248 working days, 117 days off; 33 holidays (19 on a workday), 6 make-up workdays; covered by the calendar

### run svc calendar show 2026 --format json
### stdout-has
{"year":2026,"covered":true,"working_days":248,"days_off":117,"holidays":33,"holidays_on_workdays":19,"makeup_workdays":6,"days":[{"date":"2026-01-01","weekday":"Thu","working":false,"kind":"holiday"},
{"date":"2026-09-20","weekday":"Sun","working":true,"kind":"makeup_workday"},{"date":"2026-09-25","weekday":"Fri","working":false,"kind":"holiday"}

### run svc calendar show 2026 --all --format csv | sed -n '1p;264,275p' | tr -d '\r'
### stdout
date,weekday,working,kind
2026-09-20,Sun,yes,makeup_workday
2026-09-21,Mon,yes,workday
2026-09-22,Tue,yes,workday
2026-09-23,Wed,yes,workday
2026-09-24,Thu,yes,workday
2026-09-25,Fri,no,holiday
2026-09-26,Sat,no,holiday
2026-09-27,Sun,no,holiday
2026-09-28,Mon,yes,workday
2026-09-29,Tue,yes,workday
2026-09-30,Wed,yes,workday
2026-10-01,Thu,no,holiday

### run svc calendar show 2027 | tail -n 3
### stdout
date  weekday  working  kind
----  -------  -------  ----
2027: 261 working days, 104 days off; 0 holidays (0 on a workday), 0 make-up workdays; NOT covered: the calendar does not know its public holidays (docs/admin.md)

### run svc calendar show 26x
### exit 2

### run svc init --quiet && svc outlet add SH-01 --name 上海一店 --region 华东 --quiet
### run svc ticket create --id A1 --type repair --outlet SH-01 --at '2026-09-24 16:00' --address 浦东 --fault 不制冷 --quiet && svc ticket create --id A2 --type repair --outlet SH-01 --at '2026-09-30 16:00' --address 浦东 --fault 不制冷 --quiet

### run svc ticket sla A1 --as-of '2026-09-25 09:00' | grep resolution
# Thursday 16:00 before Mid-Autumn (Fri 09-25 .. Sun 09-27): 1.5 h, then Mon, Tue 8 h, Wed 6.5 h
### stdout
resolution    3bd  business  2026-09-24 16:00  -     2026-09-25 09:00    1h30m  2026-09-30 16:00  pending

### run svc ticket sla A2 --as-of '2026-10-01 09:00' --format json
# Wednesday 16:00 before National Day (10-01 .. 10-07): 1.5 h, Thu 10-08, Fri 10-09, then the make-up Saturday 10-10
### stdout-has
"resolution":{"status":"pending","at_risk":false,"elapsed_s":5400,"target_s":86400,"due":"2026-10-10T16:00:00+08:00"}

### run svc audit sla --as-of 2026-12-31 --all 2>&1 >/dev/null | grep -c 'svc: warning' || true
# inside the covered year: no warning
### stdout
0

### run SVC_NOW=2027-01-10T00:00:00Z svc ticket create --id B1 --type repair --outlet SH-01 --at '2026-12-31 16:00' --address 浦东 --fault 不制冷 --quiet
# the issue's ticket: created 2026-12-31 16:00; 2027 is not covered, so New Year's Day counts, with a warning, once
### run svc ticket sla B1 --as-of 2027-01-02 --format json 2>err; grep -c 'svc: warning' err; cat err
### stdout-has
1
svc: warning: the calendar covers 2025-2026; SLA business time after 2026-12-31 (here up to 2027-01-05) was counted with the workdays only, without public holidays or make-up workdays: 2027 is not covered; include the official calendar of 2027 in [calendar] include once published (docs/admin.md)
### run svc ticket sla B1 --as-of 2027-01-02 --format json 2>/dev/null
### stdout-has
"due":"2027-01-05T16:00:00+08:00"

### run svc audit sla --as-of 2027-01-03 --all 2>&1 >/dev/null | grep -c 'svc: warning: the calendar covers 2025-2026;'
# the parallel audit and the reports also warn exactly once
### stdout
1
### run svc report sla --period 2026-12 --as-of 2027-01-08 2>&1 >/dev/null | grep -c 'svc: warning: the calendar covers 2025-2026;'
### stdout
1

### file shipped.toml
[calendar]
include = ["cn-2025", "cn-2026"]

### run svc config check shipped.toml
# shipped calendars by name: 2025 and 2026 covered
### stdout
shipped.toml: ok; the calendar covers 2025-2026
limits: labor_hours 24, amount 100000.00, qty 1000, distance_km 2000, unit_cost 1000000.00
### run svc --config shipped.toml calendar show 2025 | grep -E '^2025-(01-26|02-04|10-08|10-11)|^2025:'
### stdout
2025-01-26  Sun      yes      makeup_workday
2025-02-04  Tue      no       holiday
2025-10-08  Wed      no       holiday
2025-10-11  Sat      yes      makeup_workday
2025: 248 working days, 117 days off; 28 holidays (18 on a workday), 5 make-up workdays; covered by the calendar

### file test-2027.toml
source = "a test calendar"
covers = [2027]
holidays = ["2027-01-01"]

### file with2027.toml
[calendar]
include = ["cn-2026", "test-2027.toml"]

### run svc --config with2027.toml config check with2027.toml
# a calendar of 2027 from a file next to the policy (dates for the test, not the official ones):
# 2027 is covered, 2027-01-01 is off, the ticket is due a day later and nothing warns
### stdout
with2027.toml: ok; the calendar covers 2025-2027
limits: labor_hours 24, amount 100000.00, qty 1000, distance_km 2000, unit_cost 1000000.00
### run svc --config with2027.toml ticket sla B1 --as-of 2027-01-02 --format json 2>err; grep -c 'svc: warning' err || true
### stdout-has
"due":"2027-01-06T16:00:00+08:00"
0

### file typo.toml
[calendar]
include = ["cn-2025", "cn2026"]

### run svc --config typo.toml ticket sla B1 --as-of 2027-01-02
# an unknown name is refused with did-you-mean, and nothing runs
### exit 65
### stderr-has
typo.toml:2: calendar.include: unknown calendar 'cn2026' (did you mean 'cn-2026'?); shipped: cn-2025, cn-2026
svc: error: policy 'typo.toml' has 1 problem

### run svc calendar show 2025 | grep -E '^2025-(01-2[6-8]|02-0[4-8])|^2025:'
# the built-in calendar holds 2025 too (v3): the Spring Festival 01-28 .. 02-04 off, 01-26 and 02-08 worked
### stdout
2025-01-26  Sun      yes      makeup_workday
2025-01-28  Tue      no       holiday
2025-02-04  Tue      no       holiday
2025-02-08  Sat      yes      makeup_workday
2025: 248 working days, 117 days off; 28 holidays (18 on a workday), 5 make-up workdays; covered by the calendar

### run svc ticket create --id H25 --type repair --outlet SH-01 --at '2025-01-27 09:00' --address 浦东 --fault 不制冷 --quiet && svc ticket sla H25 --as-of '2025-01-27 12:00' --format json 2>err; grep -c 'svc: warning' err || true
# issue 34: a ticket opened Monday 2025-01-27 09:00 under the default policy: 7.5 h that Monday,
# 01-28 .. 02-04 off, 8 h on 02-05 and 02-06, the last 0.5 h on Friday 02-07: due 2025-02-07 09:00, no warning
### stdout-has
"resolution":{"status":"pending","at_risk":false,"elapsed_s":10800,"target_s":86400,"due":"2025-02-07T09:00:00+08:00"}
0

### run svc ticket create --id H24 --type repair --outlet SH-01 --at '2024-03-01 16:00' --address 浦东 --fault 不制冷 --quiet 2>/dev/null; svc ticket sla H24 --as-of '2024-03-04 09:00' --format json 2>err; cat err
# a ticket of 2024, before the covered years: its SLA is computed on the workdays only and it warns that 2024 is not covered
### stdout-has
"due":"2024-03-06T16:00:00+08:00"
svc: warning: the calendar covers 2025-2026; SLA business time before 2025-01-01 (here from 2024-03-01) was counted with the workdays only, without public holidays or make-up workdays: 2024 is not covered; include the official calendar of 2024 in [calendar] include, or declare the years your own lists give completely ([calendar] covers) (docs/policy.md)

### file own2024.toml
[calendar]
holidays = ["2024-04-04", "2025-01-01", "2026-01-01"]
covers = [2024, 2025, 2026]

### run svc --config own2024.toml ticket sla H24 --as-of '2024-03-04 09:00' --format json 2>err; grep -c 'svc: warning' err || true
# a policy that declares 2024 with covers is taken at its word: no warning
### stdout-has
"due":"2024-03-06T16:00:00+08:00"
0

### run svc calendar show 2024 --format json 2>err >/dev/null; cat err
# calendar show says plainly, in every format, that a year is not covered
### stdout
svc: warning: the calendar does not cover 2024 (it covers 2025-2026): its public holidays and make-up workdays are not known, so every workdays day of 2024 is shown as worked, and SLA business time counted in 2024 warns; include the official calendar of 2024 in [calendar] include, or declare the years your own lists give completely ([calendar] covers) (docs/policy.md)
### run svc calendar show 2026 --format csv 2>&1 >/dev/null | wc -l
### stdout
0
