Maintenance tickets and the SLA: daily generate runs create each ticket on its
due day (never ahead), the visit recorded on the due day completes it, and with
a site rule for planned work (no follow-up call, docs/maint.md) every ticket is
on time; a visit two days late is late, measured from the due date.

### file svc.toml
[[sla.rules]]
name = "urgent"
when = { urgency = "urgent" }
response = "1h"
arrival = "1h"
resolution = "24h"
followup = "24h"

[[sla.rules]]
name = "maintenance"
when = { type = "maintenance" }
response = "24h"
arrival = "24h"
resolution = "3bd"

[[sla.rules]]
name = "standard"
response = "24h"
arrival = "24h"
resolution = "3bd"
followup = "24h"

### run svc init --quiet && svc outlet add SH-01 --name 上海一店 --region 华东 --quiet && svc maint asset add RS-01 --kind station --outlet SH-01 --quiet && svc maint asset add RS-02 --kind station --outlet SH-01 --quiet && svc maint plan add ST-1W --name 巡检 --select kind=station --interval 1w --crew 2 --start 2026-10-26 --item leak_test:yesno --quiet

### run for d in $(seq 0 28); do day=$(date -u -d "2026-10-26 +$d days" +%F); SVC_NOW="${day}T01:00:00Z" svc maint generate --until "$(date -u -d "$day +7 days" +%F)" --quiet >/dev/null || exit 9; done; svc ticket list --type maintenance --format csv | tr -d '\r' | cut -d, -f1,8
# a month of daily runs, each looking a week ahead: every ticket created once, at the start of its due day
### stdout
ticket,created
M-ST-1W-RS-01-20261026,2026-10-26T00:00:00+08:00
M-ST-1W-RS-02-20261026,2026-10-26T00:00:00+08:00
M-ST-1W-RS-01-20261102,2026-11-02T00:00:00+08:00
M-ST-1W-RS-02-20261102,2026-11-02T00:00:00+08:00
M-ST-1W-RS-01-20261109,2026-11-09T00:00:00+08:00
M-ST-1W-RS-02-20261109,2026-11-09T00:00:00+08:00
M-ST-1W-RS-01-20261116,2026-11-16T00:00:00+08:00
M-ST-1W-RS-02-20261116,2026-11-16T00:00:00+08:00
M-ST-1W-RS-01-20261123,2026-11-23T00:00:00+08:00
M-ST-1W-RS-02-20261123,2026-11-23T00:00:00+08:00

### run for t in $(svc ticket list --type maintenance --format csv | tr -d '\r' | tail -n +2 | cut -d, -f1); do d=${t: -8}; case $t in *RS-02-20261116) at="$(date -d "$d +2 days" +%F) 10:00";; *) at="$(date -d "$d" +%F) 10:00";; esac; svc maint record "$t" --crew 张工,李工 --item leak_test=yes --at "$at" --quiet >/dev/null || exit 9; done; svc ticket list --type maintenance --format csv | tr -d '\r' | cut -d, -f1,2,9
# every visit on its due day, but RS-02's of 11-16 two days late
### stdout
ticket,state,sla
M-ST-1W-RS-01-20261026,completed,on_time
M-ST-1W-RS-02-20261026,completed,on_time
M-ST-1W-RS-01-20261102,completed,on_time
M-ST-1W-RS-02-20261102,completed,on_time
M-ST-1W-RS-01-20261109,completed,on_time
M-ST-1W-RS-02-20261109,completed,on_time
M-ST-1W-RS-01-20261116,completed,on_time
M-ST-1W-RS-02-20261116,completed,late
M-ST-1W-RS-01-20261123,completed,on_time
M-ST-1W-RS-02-20261123,completed,on_time

### run svc maint due --format csv | tr -d '\r'; svc audit maint --fail-on any --format csv | tr -d '\r'
### stdout
outlet,due,status,open,plan,asset,kind,site,ticket
finding,outlet,plan,asset,due,ticket,detail
