Issue 25 §3: corrections reach the people who check them. On the README's
demo store, November is applied on 12-04; on 12-05 a complaint of an SZ-01
ticket is voided, back-dated to 11-30. `svc audit corrections` lists it under
the month it was recorded in and the month it takes effect in, with both
times; `svc audit outlets --period 2026-11` says November changed since it was
applied, by which correction and for which outlet (table, CSV, JSON, stderr);
`--fail-on changed` exits 1. Parts reversals and assessment revisions are
listed with the voids. A period before the store's first ticket, or with no
ticket, cannot be applied (65, store unchanged).

### run svc init -q && svc -q outlet import "$SRC/examples/network/outlets.csv" && svc -q engineer import "$SRC/examples/network/engineers.csv" && svc import -q "$SRC/examples/demo/service-log.csv" > /dev/null && SVC_NOW=2026-12-04T00:00:00Z svc audit outlets --period 2026-11 --as-of '2026-12-04 06:00' --apply
### stdout
recorded the assessment of 2026-11 as revision 1: 15 outlets, net 8000.00

### run export SVC_NOW=2026-12-05T04:00:00Z; svc audit outlets --period 2026-11 --fail-on changed | tail -2; svc audit outlets --period 2026-11 --format csv | tr -d '\r' | cut -d, -f1,15,20,21 | sed -n '1p;/^SZ-01/p'
# applied and not corrected since: said, and --fail-on changed exits 0
### stdout

applied: revision 1, recorded 2026-12-04T08:00:00+08:00 as of 2026-12-04T06:00:00+08:00; unchanged since
outlet,net,applied_revision,changed_by
SZ-01,-500.00,1,

### run export SVC_NOW=2026-12-05T04:00:00Z; svc ticket void T0000336 23bd536b89030b91667fdf437d3de5cc --reason 投诉录错工单 --at '2026-11-30 10:00' --user auditor -q && svc audit corrections --period 2026-12 --format csv | tr -d '\r'
# the void made on 12-05 (12:00 local) and dated 11-30 is a correction of December's too: both times shown
### stdout
at,recorded,kind,ticket,outlet,withdrawn,event,by,reason,effect
2026-11-30 10:00,2026-12-05 12:00,void,T0000336,SZ-01,23bd536b89030b91667fdf437d3de5cc,complaint,auditor,投诉录错工单,complaint withdrawn: no figure changed

### run export SVC_NOW=2026-12-05T04:00:00Z; svc audit corrections --period 2026-11 --format json | python3 -c 'import json,sys; [print(c["kind"], c["id"], c["at"], c["recorded"]) for c in json.load(sys.stdin)["corrections"]]'; svc audit corrections --period 2026-10 --format csv | tr -d '\r'
### stdout
void f171977441ec01498c0a58a8fe4cb102 2026-11-30T10:00:00+08:00 2026-12-05T12:00:00+08:00
at,recorded,kind,ticket,outlet,withdrawn,event,by,reason,effect

### run export SVC_NOW=2026-12-05T04:00:00Z; svc audit outlets --period 2026-11 | sed -n '/^CHANGED/,$p'
# November as of its record's as-of is no longer what was paid: the table says so, with the correction and the money
### stdout
CHANGED SINCE APPLIED: revision 1 was recorded 2026-12-04T08:00:00+08:00 as of 2026-12-04T06:00:00+08:00; these corrections were recorded later and take effect in 2026-11 as of then:

recorded          at                ticket    outlet  withdrawn                         event      by       reason        id
----------------  ----------------  --------  ------  --------------------------------  ---------  -------  ------------  --------------------------------
2026-12-05 12:00  2026-11-30 10:00  T0000336  SZ-01   23bd536b89030b91667fdf437d3de5cc  complaint  auditor  投诉录错工单  f171977441ec01498c0a58a8fe4cb102

outlets whose assessment as of 2026-12-04T06:00:00+08:00 now differs from the record:

outlet  grade applied  grade now  net applied  net now
------  -------------  ---------  -----------  -------
SZ-01   excellent      excellent      -500.00  3000.00

to record what it now says: svc audit outlets --period 2026-11 --apply --revise --reason "corrections after apply"
### stderr-has
svc: warning: 2026-11 has changed since it was applied (revision 1, recorded 2026-12-04T08:00:00+08:00): 1 correction recorded since takes effect in it as of 2026-12-04T06:00:00+08:00, changing 1 outlet; to pay what it now says: svc audit outlets --period 2026-11 --apply --revise --reason "corrections after apply"

### run export SVC_NOW=2026-12-05T04:00:00Z; svc audit outlets --period 2026-11 --fail-on changed --format csv | tr -d '\r' | cut -d, -f1,15,20,21 | sed -n '1p;/^SZ-01/p;/^SH-01/p'; exit ${PIPESTATUS[0]}
# --fail-on changed: exit 1 (findings), the CSV names the correction on the outlet's row (net: as of now)
### exit 1
### stdout
outlet,net,applied_revision,changed_by
SH-01,-1000.00,1,
SZ-01,3000.00,1,f171977441ec01498c0a58a8fe4cb102

### run export SVC_NOW=2026-12-05T04:00:00Z; svc audit outlets --period 2026-11 --format json --quiet 2>/dev/null | python3 -c 'import json,sys; a=json.load(sys.stdin)["applied"]; print(a["revision"], a["changed"], [c["id"] for c in a["corrections"]], a["outlets"])'
### stdout
1 True ['f171977441ec01498c0a58a8fe4cb102'] [{'outlet': 'SZ-01', 'applied_grade': 'excellent', 'grade': 'excellent', 'applied_net': -500.0, 'net': 3000.0}]

### run export SVC_NOW=2026-12-05T04:00:00Z; sqlite3 svc.db .dump | sha256sum > before.sum; svc audit outlets --period 2026-11 --apply --fail-on changed; echo "exit $?"; sqlite3 svc.db .dump | sha256sum | cmp - before.sum && echo unchanged
# a second --apply still records nothing (a period is paid once), says it changed, and exits 1 with --fail-on changed
### stdout-has
2026-11 was already applied (revision 1, recorded 2026-12-04T08:00:00+08:00); nothing changed.
exit 1
unchanged
### stderr-has
svc: warning: 2026-11 has changed since it was applied

### run export SVC_NOW=2026-12-05T04:00:00Z; svc audit outlets --period 2026-11 --apply --revise --reason 'complaint voided after apply' && svc audit outlets --period 2026-11 --fail-on changed | tail -1
# a revision becomes the record: November no longer differs from it
### stdout
recorded the assessment of 2026-11 as revision 2: 15 outlets, net 11500.00
applied: revision 2, recorded 2026-12-05T12:00:00+08:00 as of 2026-12-05T12:00:00+08:00; unchanged since

### run export SVC_NOW=2026-12-05T04:00:00Z; svc parts catalog add CAP-35 --name 电容 --list-price 35.5 -q && svc parts receive CAP-35 --qty 10 --unit-cost 11.80 --receipt GRN-1 --at '2026-12-05 09:00' -q > /dev/null && svc parts reverse 1 --reason 'receipt entered twice' --user wang -q > /dev/null && svc audit corrections --period 2026-12 --format csv | tr -d '\r' | cut -d, -f1-9
# every correction of any kind is listed: the void, the parts reversal, the assessment revision
### stdout
at,recorded,kind,ticket,outlet,withdrawn,event,by,reason
2026-11-30 10:00,2026-12-05 12:00,void,T0000336,SZ-01,23bd536b89030b91667fdf437d3de5cc,complaint,auditor,投诉录错工单
2026-12-05 12:00,,parts_reversal,,,#1,receive,wang,receipt entered twice
2026-12-05 12:00,2026-12-05 12:00,assessment_revision,,,2026-11 revision 1,assessment,,complaint voided after apply

### run export SVC_NOW=2026-12-05T04:00:00Z; svc audit corrections --by user --format json
### stdout
{"by":"user","groups":[{"key":"","corrections":1},{"key":"auditor","corrections":1},{"key":"wang","corrections":1}]}

### run export SVC_NOW=2026-12-05T04:00:00Z; sqlite3 svc.db .dump | sha256sum > before.sum; svc audit outlets --period 1970-01 --apply; echo "exit $?"; svc audit outlets --period 2026-W44 --apply --format json; echo "exit $?"; SVC_NOW=2027-02-10T00:00:00Z svc audit outlets --period 2027-01 --apply; echo "exit $?"; sqlite3 svc.db .dump | sha256sum | cmp - before.sum && echo unchanged
# a typo'd or empty period records nothing: it would block the real one
### stdout
exit 65
exit 65
exit 65
unchanged
### stderr-has
svc: error: 1970-01 cannot be applied: it ends before the store's first ticket (2026-11-02T
svc: error: 2026-W44 cannot be applied: it ends before the store's first ticket
svc: error: 2027-01 cannot be applied: no outlet has a ticket created in it, and a record of no outlets would stand in for the period's real assessment
