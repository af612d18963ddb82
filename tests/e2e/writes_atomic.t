Every writing command refuses a bad or refused input without changing the store
(docs/RELIABILITY.md, "Every writing command"): `same CMD` runs CMD and prints
"unchanged" when `sqlite3 svc.db .dump | sha256sum` is as before, CHANGED
otherwise, and exits with CMD's status. Where a command writes several rows or
events, the bad one is the last, so that a half-applied write would show.

### file same
before=$(sqlite3 "$SVC_DB" .dump | sha256sum)
"$@"; rc=$?
after=$(sqlite3 "$SVC_DB" .dump | sha256sum)
if [ "$before" = "$after" ]; then echo unchanged; else echo CHANGED; fi
exit $rc

### file log.csv
id,ts,ticket,event,type,urgency,region,outlet,engineer,note
T1-c,2026-11-20 08:00,T1,created,repair,normal,华东,SH-01,,
T1-d,2026-11-20 09:00,T1,dispatched,,,,,E-013,
T1-a,2026-11-20 10:00,T1,arrived,,,,,,
T2-c,2026-11-20 08:30,T2,created,repair,urgent,华东,SH-01,,

### file bad-log.csv
id,ts,ticket,event,type,urgency,region,outlet,engineer,note
T3-c,2026-11-21 08:00,T3,created,repair,normal,华东,SH-01,,
T3-r,2026-11-21 09:00,T3,responded,,,,,,
T3-x,2026-11-21 10:00,T3,teleported,,,,,,

### file bad-outlets.csv
id,name,region,city,address,phone,active
SH-09,上海新站,华东,上海,,,yes
SH-10,,华东,上海,,,maybe

### file bad-engineers.csv
id,name,outlet,region,skills,level,leader,active
E-901,新人,SH-01,,repair,2,no,yes
E-902,新人二,SH-01,,repair,9,no,yes

### file parts.csv
part,name,list_price,min_stock,claimable
CAP-35,Run capacitor,12.00,5,yes
MOT-1,Fan motor,900.00,1,no

### file bad-parts.csv
part,name,list_price
NEW-1,New part,1.00
NEW-2,Newer part,abc

### file count.csv
part,counted,reason
CAP-35,8,found two
MOT-1,-1,

### file bad.toml
[parts]
issue_approval_over = lots

### run svc init -q && svc -q outlet import "$SRC/examples/network/outlets.csv" && svc -q engineer import "$SRC/examples/network/engineers.csv" && svc import -q log.csv && svc parts catalog import -q parts.csv && svc parts receive CAP-35 --qty 6 --unit-cost 10 --receipt G1 --at '2026-11-20 07:00' >/dev/null && svc parts issue T1 CAP-35 --qty 2 --warehouse central --at '2026-11-20 09:30' >/dev/null

### run bash same svc import bad-log.csv
# import: the good records before the bad one are not stored either
### exit 65
### stdout-has
unchanged
### stderr-has
bad-log.csv:4:

### run bash same svc batch bad-log.csv
### exit 65
### stdout-has
unchanged

### run bash same svc outlet import bad-outlets.csv
### exit 65
### stdout
unchanged
### stderr-has
bad-outlets.csv:3:

### run bash same svc outlet add SH-01 --name again --region 华东
### exit 65
### stdout
unchanged

### run bash same svc engineer import bad-engineers.csv
### exit 65
### stdout
unchanged
### stderr-has
bad-engineers.csv:3:

### run bash same svc engineer add E-999 --name 某人 --outlet SH-99
### exit 65
### stdout
unchanged

### run bash same svc ticket create --type repair --outlet SH-99
### exit 66
### stdout
unchanged

### run bash same svc ticket complete T1 --content done --part CAP-35:1 --part GHOST:1 --at '2026-11-20 11:00'
# complete writes a part_used event per part and the completed event: the unknown last part stops all of them
### exit 65
### stdout
unchanged
### stderr-has
unknown part 'GHOST'

### run bash same svc ticket sign T2
### exit 65
### stdout
unchanged
### stderr-has
ticket 'T2' is new: 'sign' is not allowed

### run bash same svc ticket schedule T2 --window '2026-11-24 09:00/08:00' --engineer E-013
### exit 2
### stdout
unchanged

### run bash same svc dispatch assign T2 E-999
### exit 66
### stdout
unchanged

### run bash same svc dispatch auto --region 华西
### exit 2
### stdout
unchanged

### run bash same svc cost add --ticket T1 --kind travel --amount 1.234
### exit 2
### stdout
unchanged

### run bash same svc cost add --ticket T404 --kind travel --amount 10
### exit 66
### stdout
unchanged

### run bash same svc parts catalog import bad-parts.csv
### exit 65
### stdout
unchanged

### run bash same svc parts receive CAP-35 --qty 1 --unit-cost 10 --receipt G1
### exit 65
### stdout
unchanged

### run bash same svc parts transfer CAP-35 --qty 5 --from central --to SH-01
### exit 65
### stdout
unchanged
### stderr-has
not enough stock in 'central': 5 new CAP-35 needed, the balance is 4

### run bash same svc parts issue T1 MOT-1 --qty 1 --warehouse central
### exit 65
### stdout
unchanged

### run bash same svc parts consume T2 CAP-35 --qty 1
# consume writes the part_used event and the movement together: neither is written
### exit 65
### stdout
unchanged
### stderr-has
ticket 'T2' is new: a part can be recorded as fitted only while the engineer is on site

### run bash same svc parts consume T1 CAP-35 --qty 3
# on site, but only 2 were issued to T1: the part_used event is not written either
### exit 65
### stdout
unchanged
### stderr-has
does not match an issue: 2 issued to the ticket by then

### run bash same svc parts return new T1 CAP-35 --qty 3
### exit 65
### stdout
unchanged

### run bash same svc parts scrap CAP-35 --qty 9 --warehouse central --reason broken
### exit 65
### stdout
unchanged

### run bash same svc parts count --warehouse central count.csv
# the first line alone would be a variance; the bad second line stops the whole sheet
### exit 65
### stdout
unchanged
### stderr-has
count.csv:3:

### run bash same svc parts claim open MOT-1 --qty 1 --warehouse central
### exit 65
### stdout
unchanged

### run bash same svc parts reconcile --dry-run
# a dry run writes nothing
### stdout-has
unchanged

### run bash same svc audit outlets --period 2026-W45 --apply --revise --reason why
### exit 2
### stdout
unchanged

### file limits-log.csv
id,ts,ticket,event,type,urgency,region,outlet,labor_hours,qty,part
L1-c,2026-11-21 08:00,L1,created,repair,normal,华东,SH-01,,,
L1-f,2026-11-21 09:00,L1,completed,,,,,2,,
L1-p,2026-11-21 09:00,L1,part_used,,,,,,5000,CAP-35

### file closed-log.csv
id,ts,ticket,event,type,urgency,region,outlet
T5-c,2026-11-20 08:00,T5,created,repair,normal,华东,SH-01
T5-x,2026-11-20 09:00,T5,closed,,,,

### run bash same svc import limits-log.csv
# [limits] (issue 14): a value beyond a plausibility limit, refused by import and by every writing command
### exit 65
### stdout-has
unchanged
### stderr-has
limits-log.csv:4: qty 5000 is beyond the plausibility limit 1000 ([limits] qty)

### run bash same svc ticket complete T1 --content done --hours 999999999999
### exit 65
### stdout
unchanged

### run bash same svc ticket complete T1 --content done --part CAP-35:1 --fee 99999999999999
# the fee is the last event complete writes
### exit 65
### stdout
unchanged
### stderr-has
[limits] amount

### run bash same svc ticket complete T1 --content done --part CAP-35:1 --part MOT-1:1001
### exit 65
### stdout
unchanged
### stderr-has
[limits] qty

### run bash same svc ticket complete T1 --content done --hours 30 --force
### exit 2
### stdout
unchanged

### run bash same svc ticket resolve-by-phone T2 --guidance 'reset it' --hours 100
### exit 65
### stdout
unchanged

### run bash same svc ticket create --type repair --outlet SH-01 --distance 5000
### exit 65
### stdout
unchanged

### run bash same svc ticket respond T9
# a ticket that does not exist (66), a closed one (65)
### exit 66
### stdout
unchanged

### run bash same svc dispatch assign T9 E-013
### exit 66
### stdout
unchanged

### run bash same svc parts receive CAP-35 --qty 5000 --unit-cost 10 --receipt G9
### exit 65
### stdout
unchanged

### run bash same svc parts receive CAP-35 --qty 1 --unit-cost 2000000 --receipt G9
### exit 65
### stdout
unchanged

### run bash same svc parts transfer CAP-35 --qty 1001 --from central --to SH-01
### exit 65
### stdout
unchanged

### run bash same svc parts issue NOSUCH CAP-35 --qty 1 --warehouse central
### exit 66
### stdout
unchanged

### run bash same svc parts issue T1 CAP-35 --qty 1001 --warehouse central
### exit 65
### stdout
unchanged

### run svc import -q closed-log.csv

### run bash same svc parts issue T5 CAP-35 --qty 1 --warehouse central
### exit 65
### stdout
unchanged
### stderr-has
ticket 'T5' is closed

### run bash same svc parts consume T5 CAP-35 --qty 1
### exit 65
### stdout
unchanged

### run bash same svc parts consume T1 CAP-35 --qty 1001
### exit 65
### stdout
unchanged

### run bash same svc parts return new T1 CAP-35 --qty 1001
### exit 65
### stdout
unchanged

### run bash same svc parts return old NOSUCH CAP-35 --qty 1
### exit 66
### stdout
unchanged

### run bash same svc parts scrap CAP-35 --qty 1001 --warehouse central --reason broken
### exit 65
### stdout
unchanged

### run bash same svc parts claim open CAP-35 --qty 1 --warehouse central --amount 200000
### exit 65
### stdout
unchanged

### run bash same svc cost add --ticket T1 --kind travel --amount 200000
### exit 65
### stdout
unchanged


### run bash same svc audit outlets --period 2026-11 --apply
# a month that has not settled (now is 23 November): exit 75, nothing recorded
### exit 75
### stdout
unchanged

### run bash same svc audit outlets --period 2026-W45 --as-of 2026-12-01 --apply
# an --as-of in the future
### exit 75
### stdout
unchanged

### run bash same svc audit outlets --period 2026-W45 --as-of 2026-11-10 --apply
# an --as-of before the week settled
### exit 2
### stdout
unchanged

### run bash same svc --config bad.toml ticket note T1 --text hello
# a bad policy file stops a writing command before it writes
### exit 65
### stdout
unchanged
### stderr-has
bad.toml:2:

### run bash same svc parts consume T1 CAP-35 --qty 2 --at '2026-11-20 10:30' --format csv
# and the same commands, given good input, do write
### stdout-has
CHANGED
consume,central,CAP-35,,-2

### run bash same svc parts reverse 1 --reason 'receipt entered twice'
# reversing the receipt of 6 would take central's 4 below zero
### exit 65
### stdout
unchanged
### stderr-has
reversing receive #1 takes 6 new CAP-35 out of 'central', the balance is 4

### run bash same svc parts reverse 99 --reason typo
# an unknown movement: not found
### exit 66
### stdout
unchanged
### stderr-has
no movement #99 in the parts ledger

### run bash same svc parts reverse 3 --reason 'fitted on another ticket' --format csv
### stdout-has
CHANGED
4,2026-11-23T20:00:00+08:00,consume,central,CAP-35,,2,

### run bash same svc parts reverse 3 --reason again
# a movement is reversed once
### exit 65
### stdout
unchanged
### stderr-has
movement #3 was already reversed by #4

### run bash same svc parts reverse '#4' --reason 'undo the undo'
# a reversal is not reversed
### exit 65
### stdout
unchanged
### stderr-has
movement #4 is the reversal of #3: a reversal cannot be reversed

### run bash same svc parts reverse 2 --reason ''
### exit 65
### stdout
unchanged
### stderr-has
needs a reason

### run svc maint asset add RS-01 --kind station --outlet SH-01 --quiet && svc maint plan add RS-2W --name 巡检 --select kind=station --interval 2w --crew 2 --start 2026-11-23 --item inlet_pressure:number:kPa:2..4 --item leak_test:yesno --quiet && svc maint generate --until 2026-11-23 --quiet >/dev/null && svc training plan --year 2026 --topic repair --title 变频空调维修 >/dev/null
# planned maintenance, training and site records (issue 10)

### run bash same svc maint record M-RS-2W-RS-01-20261123 --crew 2 --item inlet_pressure=5 --item leak_test=no
# a crew that is a number, not names: neither the visit, its ticket events nor the repair ticket its out-of-limit value would open
### exit 65
### stdout
unchanged

### run bash same svc maint record M-RS-2W-RS-01-20261123 --crew 张工,李工 --item inlet_pressure=5 --item leak_test=no --at 2020-01-01
# a visit before its ticket was created
### exit 65
### stdout
unchanged

### run bash same svc maint asset update RS-01 --outlet NOPE --site 新址
# an unknown outlet: the site is not changed either
### exit 66
### stdout
unchanged

### run bash same svc maint plan update RS-2W --crew 0 --name 新名
# a bad crew: the name is not changed either
### exit 65
### stdout
unchanged

### run bash same svc maint plan retire RS-2W --reason ' '
### exit 65
### stdout
unchanged

### run bash same svc maint asset retire RS-01 --reason ' '
# retiring needs a reason: the asset stays and its open ticket is not cancelled
### exit 65
### stdout
unchanged

### run bash same svc maint plan add RS-2W --name x --select kind=station --interval 2w --item a:yesno
### exit 65
### stdout
unchanged

### run bash same svc training session S3 --plan 1 --date 2026-05-05 --attendee E-013,E-999
# one attendee unknown: the session is not stored with the other
### exit 66
### stdout
unchanged

### run bash same svc sites update record --site A厂 --customer C-1 --date 2026-11-30 --model RB-200 --qty 1 --version 3.11 --operator E-013
# a date after today (a --qty out of range is a usage error, before anything is opened)
### exit 65
### stdout
unchanged

### run bash same svc maint record M-RS-2W-RS-01-20261123 --crew 张工,李工 --item inlet_pressure=5 --item leak_test=no --quiet
# given a crew, the same record writes the visit and opens the repair ticket
### stdout-has
CHANGED

### file products.csv
model,line,key_parts,key_part_months
KFR-35GW,空调,COMP-35,60

### file bad-products.csv
model,line,warranty_months
XQG100,洗衣机,36
BCD-470,冰箱,forever

### file bad-customers.csv
id,name,contact,region
C-2,李雷,13900001111,华东
C-3,韩梅梅,call me,华东

### file bad-units.csv
serial,model,customer,purchased
SN-2,KFR-35GW,C-1,2026-11-01
SN-3,KFR-35GX,C-1,2026-11-01

### run svc product import -q products.csv && svc customer add C-1 --name 王芳 --region 华东 -q && svc unit add SN-1 --model KFR-35GW --customer C-1 --purchased 2026-11-18 -q
# the installed base (issue 17): products, customers, units; refusals change nothing

### run bash same svc product import bad-products.csv
### exit 65
### stdout
unchanged
### stderr-has
bad-products.csv:3: warranty_months must be a whole number from 0 to 1200, got 'forever'

### run bash same svc product add KFR-35GW --line 空调
### exit 65
### stdout
unchanged

### run bash same svc customer import bad-customers.csv
### exit 65
### stdout
unchanged
### stderr-has
bad-customers.csv:3: contact may hold only digits

### run bash same svc customer add C-2 --name 李雷 --region 华冬
### exit 65
### stdout
unchanged
### stderr-has
unknown region '华冬' (did you mean '华东'?)

### run bash same svc unit import bad-units.csv
### exit 65
### stdout
unchanged
### stderr-has
bad-units.csv:3: unknown model 'KFR-35GX' (did you mean 'KFR-35GW'?)

### run bash same svc unit add SN-9 --model KFR-35GX
### exit 65
### stdout
unchanged

### run bash same svc unit add SN-1 --model KFR-35GW
### exit 65
### stdout
unchanged

### run bash same svc unit add SN-9 --model KFR-35GW --purchased 2026-02-30
### exit 2
### stdout
unchanged

### run bash same svc ticket create --type repair --outlet SH-01 --serial SN-11
# a serial not registered: no ticket, no link
### exit 66
### stdout
unchanged
### stderr-has
unknown serial 'SN-11' (did you mean 'SN-1'?)

### run bash same svc ticket void T1 T1-c --reason 录错
# ticket void refusals (docs/corrections.md): a created event cannot be voided
### exit 65
### stdout
unchanged
### stderr-has
is the ticket's created event, which cannot be voided

### run bash same svc ticket void T1 T1-dd --reason 录错
### exit 66
### stdout
unchanged
### stderr-has
(did you mean 'T1-d'?)

### run bash same svc ticket void T1 T1-a --reason 录错 --at '2026-11-20 09:59'
### exit 65
### stdout
unchanged
### stderr-has
is before the event it voids (arrived at 2026-11-20T10:00:00+08:00)

### run bash same svc ticket void T1 T1-a
### exit 2
### stdout
unchanged
### stderr-has
--reason is required

### run svc ticket void T1 T1-d --reason 派错工程师 > /dev/null && bash same svc ticket void T1 T1-d --reason 再次
# already voided
### exit 65
### stdout
unchanged
### stderr-has
event 'T1-d' (dispatched) is already voided
