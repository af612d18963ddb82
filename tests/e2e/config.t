The policy: config check (good and bad files, FILE:LINE, exit 65), config show
[--origin], the lookup order, and examples/svc.toml = the built-in policy.

### run svc config check "$SRC/examples/svc.toml" | sed "s|$SRC/||"
### stdout
examples/svc.toml: ok; the calendar covers 2025-2026
limits: labor_hours 24, amount 100000.00, qty 1000, distance_km 2000, unit_cost 1000000.00

### run diff <(svc config show | tail -n +2) <(svc --config "$SRC/examples/svc.toml" config show | tail -n +2) && echo same
### stdout
same

### run svc config show | head -1; svc --config "$SRC/examples/svc.toml" config show | head -1 | sed "s|$SRC/||"
### stdout
# policy: built-in
# policy: examples/svc.toml

### file bad.toml
timezone = "Asia/Shangai"

[calendar]
workdays = ["mon", "tue", "wed", "thu", "fri", "sun", "funday"]
hours = ["08:30-12:00", "11:00-17:30"]
holidays = ["2026-10-01", "2026-13-01"]

[[sla.rules]]
name = "catch-all"
response = "24h"

[[sla.rules]]
name = "urgent"
when = { urgency = "urgent", colour = "red" }
response = "3x"

[sla]
warn_at = 80

[kpi]
timelyness = 0.9

### run svc config check bad.toml
### exit 65
### stderr-has
bad.toml:1: timezone: unknown time zone 'Asia/Shangai' (an IANA name such as Asia/Shanghai)
bad.toml:4: calendar.workdays: unknown day 'funday' (mon tue wed thu fri sat sun)
bad.toml:5: calendar.hours: spans 08:30-12:00 and 11:00-17:30 overlap
bad.toml:6: calendar.holidays: '2026-13-01' is not a date YYYY-MM-DD
bad.toml:8: sla.rules[0] ('catch-all') has no 'when' so it matches every ticket, but it is not the last rule: the rules after it can never apply
bad.toml:14: unknown key 'sla.rules[1].when.colour'
bad.toml:15: sla.rules[1].response: bad duration '3x' (a number and m, h, bh or bd, e.g. 24h, 3bd)
bad.toml:18: sla.warn_at must be in (0, 1], got 80
bad.toml:21: unknown key 'kpi.timelyness' (did you mean 'kpi.timeliness'?)
svc: error: policy 'bad.toml' has 9 problems

### file reversed.toml
[calendar]
hours = ["17:30-08:30"]

### run svc config check reversed.toml
### exit 65
### stderr-has
reversed.toml:2: calendar.hours: '17:30-08:30' ends before it starts
svc: error: policy 'reversed.toml' has 1 problem

### file syntax.toml
[calendar
hours = 1

### run svc config check syntax.toml
### exit 65
### stderr-has
syntax.toml:1: 
svc: error: policy 'syntax.toml' has 1 problem

### run svc config check missing.toml
### exit 66
### stderr-has
svc: error: cannot read policy file 'missing.toml'

### run mkdir adir && svc config check adir
### exit 66

### run svc config check
### exit 2
### stderr-has
FILE is required

### file svc.toml
# a local policy that changes two values

timezone = "Europe/Berlin"
[kpi]
satisfaction = 0.8

### run svc config show --origin | grep -E '^(# policy|timezone|workdays|satisfaction|timeliness|grades)'
### stdout
# policy: svc.toml
timezone = "Europe/Berlin"  # svc.toml:3
workdays = ["mon", "tue", "wed", "thu", "fri"]  # built-in
timeliness = 0.9  # built-in
satisfaction = 0.8  # svc.toml:5
grades = { excellent = 90, good = 80, pass = 60 }  # built-in

### run svc config show | grep -c '#'
### stdout
1

### file env.toml
timezone = "Asia/Tokyo"

### run mkdir -p home/.config/svc && echo 'timezone = "UTC"' > home/.config/svc/svc.toml

### run SVC_CONFIG=env.toml svc config show --origin | head -2
### stdout
# policy: env.toml
timezone = "Asia/Tokyo"  # env.toml:1

### run SVC_CONFIG=env.toml svc --config svc.toml config show | sed -n 2p
### stdout
timezone = "Europe/Berlin"

### run rm svc.toml && svc config show --origin | sed -n 2p | sed "s|$PWD/||"
### stdout
timezone = "UTC"  # home/.config/svc/svc.toml:1

### run SVC_CONFIG=nowhere.toml svc config show
### exit 66
### stderr-has
svc: error: policy file 'nowhere.toml' ($SVC_CONFIG) not found

### run svc --config nowhere.toml config show
### exit 66
### stderr-has
svc: error: policy file 'nowhere.toml' (--config) not found

### run cp bad.toml svc.toml && svc config show
### exit 65
### stderr-has
svc.toml:1: timezone: unknown time zone 'Asia/Shangai'
svc: error: policy 'svc.toml' has 9 problems
