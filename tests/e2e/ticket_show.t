Warranty edges on create (29 February purchase, the last day of warranty and
the day after), the quote before dispatch, resolve-by-phone with its follow-up
due, complaints and notes in show, list filters and formats, and the policy's
[warranty]/[tickets] sections.

### file svc.toml
[warranty]
lines = { AC = 36 }
labor_rate = 100.00
labor_quota = { repair = 1.5 }

[tickets]
id_pattern = "SH{yy}{mm}{dd}-{seq:3}"
phone_followup = "2bh"

### run svc config check svc.toml && svc config show | sed -n '/^\[warranty\]/,/^phone_followup/p'
### stdout
svc.toml: ok; the calendar covers 2025-2026
limits: labor_hours 24, amount 100000.00, qty 1000, distance_km 2000, unit_cost 1000000.00
[warranty]
months = 12
lines = { "AC" = 36 }
labor_rate = 100.00
labor_quota = { complaint = 0, consultation = 0, install = 1.5, maintenance = 1, repair = 1.5, replacement = 1, return = 0.5 }
return_days = 7
exchange_days = 15
repairs_before_exchange = 2
repair_months = 3
key_part_months = 0
key_part_lines = {}

[tickets]
id_pattern = "SH{yy}{mm}{dd}-{seq:3}"
phone_followup = "2bh"

### run svc --config $SRC/examples/svc.toml config show | sed -n '/^\[tickets\]/,/^phone_followup/p'
### stdout
[tickets]
id_pattern = "T{yyyymmdd}{seq:05}"
phone_followup = "2h"

### run svc init --quiet && svc outlet add SH-01 --name 上海一店 --region 华东 --quiet && svc engineer add E-017 --name 张工 --outlet SH-01 --quiet && sqlite3 svc.db "INSERT INTO parts(part, name, list_cents) VALUES('CAP-35UF', '电容', 3550), ('FM-220', '风机', NULL); INSERT INTO products(model, line) VALUES('KFR-35GW', 'AC'), ('TV-55', NULL)"

### run svc ticket create --type repair --outlet SH-01 --product KFR-35GW --purchased 2024-02-29 --at '2027-02-28 09:00' --address '浦东 1 号' --fault 不制冷
### exit 65
### stderr-has
is in the future

### run svc ticket create --type repair --outlet SH-01 --product KFR-35GW --purchased 2023-11-23 --at '2026-11-23 09:00' --address '浦东 1 号' --fault 不制冷
### stdout
SH261123-001
### stderr-has
SH261123-001: in warranty (三包): free of charge (36 months, last day 2026-11-23)

### run svc ticket create --type repair --outlet SH-01 --product TV-55 --purchased 2025-11-22 --at '2026-11-23 09:05' --part CAP-35UF:2 --part FM-220 --format json
### stdout
{"ticket":"SH261123-002","warranty":"out","last_day":"2026-11-22","quote":221.00,"serial":null,"entitlement":{"remedy":"paid_repair","choices":["paid_repair"],"covered":false,"rule":"out_of_warranty","why":"out of warranty since 2026-11-22 (12 months from the purchase on 2025-11-22): paid repair","purchased":"2025-11-22","days_since_purchase":366,"warranty_end":"2026-11-22","key_part_end":null,"repairs_in_warranty":0,"repair_tickets":[],"covered_parts":[]}}
### stderr-has
SH261123-002: out of warranty (12 months, last day 2026-11-22)
SH261123-002: quote 221.00 = labour 1.5 h × 100.00 = 150.00 + parts 71.00 (some parts have no list price)

### run svc ticket create --type repair --outlet SH-01 --purchased 2025-02-28 --at '2026-02-28 10:00' --quiet && svc ticket create --type repair --outlet SH-01 --purchased 2024-02-29 --at '2025-03-01 10:00' --format json && svc ticket create --type install --outlet SH-01 --at '2025-03-01 11:00' --format json
### stdout
SH260228-001
{"ticket":"SH250301-001","warranty":"out","last_day":"2025-02-28","quote":150.00,"serial":null,"entitlement":{"remedy":"paid_repair","choices":["paid_repair"],"covered":false,"rule":"out_of_warranty","why":"out of warranty since 2025-02-28 (12 months from the purchase on 2024-02-29): paid repair","purchased":"2024-02-29","days_since_purchase":366,"warranty_end":"2025-02-28","key_part_end":null,"repairs_in_warranty":0,"repair_tickets":[],"covered_parts":[]}}
{"ticket":"SH250301-002","warranty":"unknown","last_day":null,"quote":150.00,"serial":null,"entitlement":{"remedy":"paid_repair","choices":["paid_repair"],"covered":false,"rule":"no_purchase_date","why":"no purchase date: 三包 needs the proof of purchase, so the service is charged","purchased":null,"days_since_purchase":null,"warranty_end":null,"key_part_end":null,"repairs_in_warranty":0,"repair_tickets":[],"covered_parts":[]}}

### run svc ticket resolve-by-phone SH261123-001 --guidance '重置遥控器' --at '2026-11-23 16:30'
### stderr-has
SH261123-001: responded, completed -> completed
SH261123-001: follow-up call due by 2026-11-24T09:30:00+08:00

### run svc ticket complain SH261123-001 --responsible no --text 态度 --at '2026-11-23 17:00' && svc ticket complaint SH261123-001-C1 --investigation 核实 --at '2026-11-23 17:10' && svc ticket note SH261123-001 --text 客户满意 --at '2026-11-23 17:20'
### stderr-has
complaint SH261123-001-C1 opened; next: ack (the first reply), see 'svc complaint'

### run svc ticket show SH261123-001 --as-of '2026-11-24 10:00'
### stdout-has
state            completed
address          浦东 1 号
fault            不制冷
warranty         in warranty (36 months from 2023-11-23, last day 2026-11-23, line AC)
phone follow-up  due 2026-11-24 09:30 (OVERDUE)
next steps       sign reject follow-up reopen close pause complain note
SH261123-001-C1  2026-11-23 17:00  no           opened         态度
                 2026-11-23 17:10               investigation  核实
                                                next: plan
2026-11-23 17:20  客户满意
completed  channel=phone  note=resolved by phone: 重置遥控器

### run svc ticket follow-up SH261123-001 --satisfaction 5 --at '2026-11-23 18:00' --quiet && svc ticket show SH261123-001 --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["state"], d["warranty"], d["phone_followup_due"], d["quote"], d["complaints"][0]["next_step"], d["notes"][0]["text"], [h["event"] for h in d["history"]], d["sla"]["rule"])'
### stdout
completed {'status': 'in', 'months': 36, 'basis': 'line', 'line': 'AC', 'last_day': '2026-11-23'} 2026-11-24T09:30:00+08:00 None plan 客户满意 ['created', 'responded', 'completed', 'complaint', 'followed_up'] standard

### run svc ticket show SH261123-001 | grep 'phone follow-up'
### stdout
phone follow-up  due 2026-11-24 09:30 (done)

### run svc ticket show SH261123-002 --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["quote"], d["state"], d["next_steps"])'
### stdout
{'labor_hours': 1.5, 'labor': 150.0, 'parts': 71.0, 'total': 221.0, 'unpriced': ['FM-220'], 'covered': []} new ['respond', 'schedule', 'resolve-by-phone', 'cancel', 'pause', 'complain', 'note']

### run svc ticket schedule SH261123-002 --window '2026-11-23 14:00/16:00' --engineer E-017 --at '2026-11-23 10:00' --quiet && svc ticket list --format csv | tr -d '\r'
### stdout
ticket,state,type,urgency,outlet,region,engineer,created,sla,next_due
SH250301-001,new,repair,normal,SH-01,华东,,2025-03-01T10:00:00+08:00,late,
SH250301-002,new,install,normal,SH-01,华东,,2025-03-01T11:00:00+08:00,late,
SH260228-001,new,repair,normal,SH-01,华东,,2026-02-28T10:00:00+08:00,late,
SH261123-001,completed,repair,normal,SH-01,华东,,2026-11-23T09:00:00+08:00,open,2026-11-24T09:00:00+08:00
SH261123-002,scheduled,repair,normal,SH-01,华东,E-017,2026-11-23T09:05:00+08:00,open,2026-11-24T09:05:00+08:00

### run svc ticket list --state scheduled --engineer E-017 --format json
### stdout
[{"ticket":"SH261123-002","state":"scheduled","paused":false,"type":"repair","urgency":"normal","outlet":"SH-01","region":"华东","engineer":"E-017","created":"2026-11-23T09:05:00+08:00","status":"open","breached":false,"at_risk":false,"next_due":"2026-11-24T09:05:00+08:00"}]

### run svc ticket list --from 2026-01-01 --type repair --sort due
### stdout
ticket        state      type    urgency  outlet  region  engineer  created           sla   next_due
------------  ---------  ------  -------  ------  ------  --------  ----------------  ----  ----------------
SH261123-001  completed  repair  normal   SH-01   华东              2026-11-23 09:00  open  2026-11-24 09:00
SH261123-002  scheduled  repair  normal   SH-01   华东    E-017     2026-11-23 09:05  open  2026-11-24 09:05
SH260228-001  new        repair  normal   SH-01   华东              2026-02-28 10:00  late

### run svc outlet add CD-01 --name 成都服务站 --region 西南 --quiet && svc ticket list --breached --region 西南
# a known region without tickets: an empty list (an unknown one is exit 2, exit_codes.t)
### stdout
ticket  state  type  urgency  outlet  region  engineer  created  sla  next_due
------  -----  ----  -------  ------  ------  --------  -------  ---  --------

### run svc ticket sla SH261123-002 --format json --as-of '2026-11-23 12:00'
### stdout-has
"ticket":"SH261123-002"
"response":{"status":"met"
