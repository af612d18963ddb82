Re-planning: the policy's spring day moves after the spring overhaul ticket
was generated. The open ticket is superseded (cancelled with the reason) and
one ticket for the new day created — never a second overhaul of the season.

### run svc init --quiet && svc outlet add SH-01 --name 上海一店 --region 华东 --quiet && svc maint asset add RS-01 --kind station --outlet SH-01 --quiet && svc maint asset add RS-02 --kind station --outlet SH-01 --quiet && svc maint plan add OH --name 春秋检修 --select kind=station --interval spring+autumn --start 2026-01-01 --item done:yesno --quiet && svc maint generate --until 2026-10-31 --quiet > /dev/null && svc maint record M-OH-RS-02-20260401 --crew 张工 --item done=yes --at '2026-04-01 10:00' --quiet > /dev/null

### file svc.toml
[maint]
spring = "04-15"

### run svc maint generate --until 2026-10-31
# RS-01's open Apr 1 ticket is superseded by Apr 15; RS-02's spring overhaul was done on Apr 1: nothing new
### stdout
ticket
-------------------
M-OH-RS-01-20260415
### stderr-has
svc: M-OH-RS-01-20260401 superseded (its due date moved): cancelled
svc: 1 maintenance ticket created, 3 already there

### run svc ticket list --type maintenance --format csv | tr -d '\r' | cut -d, -f1,2; svc maint generate --until 2026-10-31 --format csv | tr -d '\r'
### stdout
ticket,state
M-OH-RS-01-20260401,cancelled
M-OH-RS-02-20260401,completed
M-OH-RS-01-20260415,new
M-OH-RS-01-20261001,new
M-OH-RS-02-20261001,new
ticket

### run svc ticket show M-OH-RS-01-20260401 | grep -o 'cancelled  note=.*'
### stdout
cancelled  note=superseded by M-OH-RS-01-20260415: plan OH now falls due 2026-04-15 instead of 2026-04-01

### run svc maint due --format csv | tr -d '\r' | cut -d, -f2-6
# RS-02's spring is done under its old date: only its autumn is open
### stdout
due,status,open,plan,asset
2026-04-15,overdue,2,OH,RS-01
2026-10-01,overdue,1,OH,RS-02
