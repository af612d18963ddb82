Assets over time: an inactive outlet's assets are skipped by generate with a
warning naming them (the other outlets' work is created), asset update, and
asset retire (out of every plan, open tickets cancelled with the reason).

### run svc init --quiet && svc outlet add SH-01 --name 上海一店 --region 华东 --quiet && svc outlet add SH-02 --name 上海二店 --region 华东 --quiet && svc maint asset add RS-01 --kind station --outlet SH-01 --quiet && svc maint asset add RS-02 --kind station --outlet SH-02 --quiet && svc maint asset add RS-03 --kind station --outlet SH-02 --quiet && svc maint plan add RS-2W --name 巡检 --select kind=station --interval 2w --start 2026-11-23 --item leak_test:yesno --quiet && svc outlet update SH-02 --active no --quiet

### run svc maint generate --until 2026-11-23
### stdout
ticket
----------------------
M-RS-2W-RS-01-20261123
### stderr-has
svc: warning: outlet SH-02 is not active: skipped its assets RS-02, RS-03
svc: 1 maintenance ticket created, 0 already there

### run svc maint asset update RS-01 --attr dn=100 --site 浦东 --quiet && svc maint asset list --format csv | tr -d '\r' | grep ^RS-01
### stdout
RS-01,station,SH-01,浦东,,,dn=100

### run svc maint asset update RS-0l --site x
### exit 66
### stderr-has
svc: error: unknown asset 'RS-0l' (did you mean 'RS-01'?)

### run svc maint asset update RS-01
### exit 2
### stderr-has
nothing to change

### run svc maint asset retire RS-01 --reason 站点拆除
### stdout
M-RS-2W-RS-01-20261123
### stderr-has
svc: retired asset RS-01; 1 open maintenance ticket cancelled

### run svc ticket list --type maintenance --format csv | tr -d '\r' | cut -d, -f1,2; svc maint due --format csv | tr -d '\r' | cut -d, -f6; svc maint asset list --retired --format csv | tr -d '\r' | grep ^RS-01
### stdout
ticket,state
M-RS-2W-RS-01-20261123,cancelled
asset
RS-02
RS-03
RS-01,station,SH-01,浦东,,,dn=100,2026-11-23 站点拆除

### run svc maint asset retire RS-01 --reason again
### exit 65
### stderr-has
svc: error: asset 'RS-01' is retired (站点拆除): nothing changed

### run svc maint plan update RS-2W --crew 3 --quiet && svc maint plan list --format csv | tr -d '\r' | cut -d, -f1,6
### stdout
plan,crew
RS-2W,3

### run svc maint plan update RS-2W --select knd=station
### exit 2
### stderr-has
(did you mean 'kind'?)

### run svc maint plan retire RS-2W --reason 改为每周巡检
### stdout
### stderr-has
svc: retired plan RS-2W; 0 open maintenance tickets cancelled

### run svc maint plan list --format csv | tr -d '\r'; svc maint due --format csv | tr -d '\r'; svc maint plan update RS-2W --crew 2
### exit 65
### stdout
plan,name,interval,selector,start,crew,items,assets
outlet,due,status,open,plan,asset,kind,site,ticket
### stderr-has
svc: error: plan 'RS-2W' is retired (改为每周巡检): nothing changed
