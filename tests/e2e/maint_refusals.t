Every refusal of svc maint: bad command lines (2) and bad data (65) — a crew
that is not names, a visit before its ticket was created — each changing
nothing. (A crew below the plan's minimum is recorded as incomplete: maint.t.)

### run svc init --quiet && svc outlet add SH-01 --name 上海一店 --region 华东 --quiet && svc maint asset add RS-01 --kind station --outlet SH-01 --quiet && svc maint plan add RS-2W --name 巡检 --select kind=station --interval 2w --crew 2 --start 2026-11-23 --item inlet_pressure:number:kPa:2..4 --item leak_test:yesno --quiet && svc maint generate --until 2026-11-23 --quiet
### stdout
ticket
----------------------
M-RS-2W-RS-01-20261123

### run svc maint asset add RS-01 --kind station --outlet SH-01
### exit 65
### stderr-has
svc: error: asset 'RS-01' already exists

### run svc maint asset add RS-02 --kind station --outlet SH-1
### exit 66
### stderr-has
svc: error: unknown outlet 'SH-1'

### run svc maint asset add RS-03 --kind station --outlet SH-01 --attr dn
### exit 2
### stderr-has
svc: error: --attr 'dn': expected KEY=VALUE

### run svc maint plan add X --name x --select kind=station --interval fortnightly --item a:yesno
### exit 2
### stderr-has
svc: error: --interval 'fortnightly' is not an interval

### run svc maint plan add X --name x --select 'dn>=big' --interval 2w --item a:yesno
### exit 2
### stderr-has
'dn>=big' compares with >= but 'big' is not a number

### run svc maint plan add X --name x --select kind=station --interval 2w --item a:colour
### exit 2
### stderr-has
unknown type 'colour' (number, yesno or text)

### run svc maint plan add RS-2W --name x --select kind=station --interval 2w --item a:yesno
### exit 65
### stderr-has
svc: error: plan 'RS-2W' already exists

### run svc maint plan show RS-2X
### exit 66
### stderr-has
svc: error: unknown plan 'RS-2X' (did you mean 'RS-2W'?)

### run svc maint record M-RS-2W-RS-01-20261123 --crew 2 --item inlet_pressure=3 --item leak_test=yes
### exit 65
### stderr-has
svc: error: --crew '2': '2' is not a name: give the names or engineer ids of the people on the visit, comma-separated (张工,李工)

### run svc maint record M-RS-2W-RS-01-20261123 --crew=-3 --item inlet_pressure=3 --item leak_test=yes
### exit 65
### stderr-has
svc: error: --crew '-3': '-3' is not a name

### run svc maint record M-RS-2W-RS-01-20261123 --crew 张工,李工 --item inlet_pressure=3 --item leak_test=yes --at 2020-01-01
### exit 65
### stderr-has
svc: error: --at 2020-01-01T23:59:59+08:00 is before ticket 'M-RS-2W-RS-01-20261123' was created (2026-11-23T00:00:00+08:00): nothing recorded

### run svc maint record M-RS-2W-RS-01-20261123 --crew 张工,李工 --item inlet_presure=3 --item leak_test=maybe
### exit 65
### stderr-has
--item: 'inlet_presure' is not an item of plan 'RS-2W' (did you mean 'inlet_pressure'?)
--item: leak_test: 'maybe' is not yes or no
svc: error: 2 bad checklist values: nothing recorded

### file bad.csv
key,value
inlet_pressure,3 kPa

### run svc maint record M-RS-2W-RS-01-20261123 --crew 张工,李工 --file bad.csv
### exit 65
### stderr-has
bad.csv:2: inlet_pressure: '3 kPa' is not a number

### run svc maint record M-RS-2W-RS-01-20261123 --crew 张工,李工 --file missing.csv
### exit 66

### run svc maint record T-NOPE --crew 张工,李工 --item leak_test=yes
### exit 66
### stderr-has
svc: error: no ticket 'T-NOPE' in the store

### run svc maint record M-RS-2W-RS-01-20261123 --crew 张工,李工
### exit 2
### stderr-has
give the results with --item KEY=VALUE or --file FILE

### run svc maint record M-RS-2W-RS-01-20261123 --crew 张工,李工 --item leak_test=yes --at '2026-11-24 09:00'
### exit 65
### stderr-has
is in the future

### run sqlite3 svc.db "SELECT count(*) FROM maint_visits; SELECT count(*) FROM events"
### stdout
0
1

### run svc maint due --within soon
### exit 2
### stderr-has
--within 'soon' is not a number of days

### run svc maint generate --until 2026-13-01
### exit 2

### run svc audit maint --fail-on everything
### exit 2

### run svc maint plan add RS-X --name x --select knd=station --interval 2w --item a:yesno
### exit 2
### stderr-has
svc: error: --select 'knd=station': 'knd' is neither kind, site, customer, outlet nor an attribute of any asset (did you mean 'kind'?)

### run svc maint generate --until 2026-12-07 --dry-run --format csv | tr -d '\r'; sqlite3 svc.db "SELECT count(*) FROM maint_work"
# a dry run lists nothing new here (all there) and writes nothing
### stdout
ticket
1
### stderr-has
svc: dry run, nothing changed: 0 maintenance tickets would be created, 1 already there, 1 not due yet (created on their due day)
