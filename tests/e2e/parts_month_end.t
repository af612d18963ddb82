A month of spare parts at outlet SH-01, end to end: receipts at two costs (moving
average), transfer to the outlet, issues (one above the approval threshold),
the tickets arriving through the nightly `svc import` of the service log, a part
fitted on site recorded with `svc parts consume` (which writes the ticket's
part_used event and its consume movement, one fact), an imported part_used
event linked by reconcile, unused and old parts returned, a supplier claim, a
stock-take with a variance, and a clean audit.

### file parts.csv
part,name,spec,unit,supplier,list_price,min_stock,claimable
CAP-35,Run capacitor,35µF 450V,pc,Acme,12.00,5,yes
MOT-1,Fan motor,120W,pc,Bolt,900.00,1,no

### file stocktake.csv
part,counted,reason
CAP-35,6,lost in the van
MOT-1,0,

### file log-1105.csv
id,ts,ticket,event,type,urgency,region,outlet,engineer,part,qty,note
T1001-c,2026-11-05 08:00,T1001,created,repair,normal,华东,SH-01,,,,空调不制冷
T1001-d,2026-11-05 09:00,T1001,dispatched,,,,,E-017,,,
T1001-a,2026-11-05 14:00,T1001,arrived,,,,,,,,

### file log-1106.csv
id,ts,ticket,event,type,urgency,region,outlet,engineer,part,qty,note
T1001-f,2026-11-05 16:00,T1001,completed,,,,,,,,更换电容
T1002-c,2026-11-06 08:00,T1002,created,repair,urgent,华东,SH-01,,,,
T1002-d,2026-11-06 08:30,T1002,dispatched,,,,,E-018,,,
T1002-a,2026-11-06 10:00,T1002,arrived,,,,,,,,
T1002-p1,2026-11-06 11:00,T1002,part_used,,,,,,MOT-1,1,
T1002-f,2026-11-06 12:00,T1002,completed,,,,,,,,换风机电机

### file created.csv
id,ts,ticket,event,type,urgency,region,outlet,engineer,part,qty,note
T1001-c,2026-11-05 08:00,T1001,created,repair,normal,华东,SH-01,,,,空调不制冷
T1002-c,2026-11-06 08:00,T1002,created,repair,urgent,华东,SH-01,,,,

### run svc init -q && svc import -q created.csv >/dev/null && SVC_USER=clerk svc parts catalog import parts.csv && SVC_USER=clerk svc parts warehouse add SH-01
# parts are issued only to tickets that exist: the two tickets' created events come first (the logs repeat them)
### stderr-has
parts.csv: 2 read, 2 added, 0 updated

### run SVC_USER=clerk svc parts receive CAP-35 --qty 10 --unit-cost 10.00 --receipt GRN-1101 --at '2026-11-02 09:00' --format json
### stdout-has
"kind":"receive","warehouse":"central","part":"CAP-35","book":"new","qty":"10","unit_cost":"10.00","value":"100.00","avg_cost":"10.00"

### run SVC_USER=clerk svc parts receive CAP-35 --qty 6 --unit-cost 11.55 --receipt GRN-1102 --at '2026-11-03 09:00' --format json
# (100.00 + 69.30) / 16 = 10.58125 -> 10.58
### stdout-has
"value":"69.30","avg_cost":"10.58"

### run SVC_USER=clerk svc parts receive MOT-1 --qty 1 --unit-cost 860 --receipt GRN-1103 --at '2026-11-03 09:00' >/dev/null && SVC_USER=clerk svc parts transfer CAP-35 --qty 8 --from central --to SH-01 --reference TN-7 --at '2026-11-04 09:00' --format csv
### stdout-has
4,2026-11-04T09:00:00+08:00,transfer,central,CAP-35,new,-8,10.58,-84.64,10.58,TN-7
5,2026-11-04T09:00:00+08:00,transfer,SH-01,CAP-35,new,8,10.58,84.64,10.58,TN-7

### run SVC_USER=clerk svc parts transfer MOT-1 --qty 1 --from central --to SH-01 --at '2026-11-04 09:00' >/dev/null && SVC_USER=clerk svc parts issue T1001 CAP-35 --qty 2 --warehouse SH-01 --requisition RQ-1 --at '2026-11-05 10:00' --format json
### stdout-has
"kind":"issue","warehouse":"SH-01","part":"CAP-35","book":"new","qty":"-2","unit_cost":"10.58","value":"-21.16"

### run SVC_USER=clerk svc parts issue T1002 MOT-1 --qty 1 --warehouse SH-01 --requisition RQ-2 --at '2026-11-06 09:00'
### exit 65
### stderr-has
svc: error: issue of 1 x MOT-1 is worth 860.00, above the approval threshold 500.00 (parts.issue_approval_over): a supervisor must approve it (--approved-by)

### run SVC_USER=clerk svc parts issue T1002 MOT-1 --qty 1 --warehouse SH-01 --requisition RQ-2 --approved-by lead-wang --at '2026-11-06 09:00' --format json
### stdout-has
"approved_by":"lead-wang"

### run svc import -q log-1105.csv && SVC_USER=clerk svc parts consume T1001 CAP-35 --qty 1 --at '2026-11-05 15:00' --note '换电容' --format json
# the engineer on site fits one of the two capacitors: the ticket's part_used event and the consume, one fact
### stdout-has
"id":"10","time":"2026-11-05T15:00:00+08:00","kind":"consume","warehouse":"SH-01","part":"CAP-35","book":"","qty":"-1","unit_cost":"10.58","value":"-10.58"

### run svc ticket show T1001 --format json | grep -o '"event":"part_used"[^}]*'
### stdout-has
"event":"part_used"

### run sqlite3 svc.db "SELECT e.ticket, e.part, e.qty, e.note, m.id FROM events e JOIN part_movements m ON m.event_id = e.id WHERE e.event = 'part_used'"
# the event and the movement are linked, once
### stdout
T1001|CAP-35|1|换电容|10

### run svc import -q log-1106.csv && svc audit parts --fail-on any --format csv
# the nightly import brings T1002's part_used event; nothing links it to its issue yet
### exit 1
### stdout-has
unlinked-part-used,,MOT-1,T1002,T1002-p1,2026-11-06T11:00:00+08:00

### run SVC_USER=clerk svc parts reconcile --format json
### stdout
[{"event":"T1002-p1","time":"2026-11-06T11:00:00+08:00","ticket":"T1002","part":"MOT-1","qty":"1","result":"linked","movement":"11","value":"860.00","detail":""}]

### run sqlite3 svc.db .dump | sha256sum > before.sum; SVC_USER=clerk svc parts consume T1002 MOT-1 --qty 1 --event T1002-p1; rc=$?; sqlite3 svc.db .dump | sha256sum | cmp -s - before.sum && echo unchanged; exit $rc
# an event is never consumed twice
### exit 65
### stdout
unchanged
### stderr-has
svc: error: event 'T1002-p1' is already recorded as consume movement #11

### run ev=$(sqlite3 svc.db "SELECT event_id FROM part_movements WHERE id = 10"); sqlite3 svc.db .dump | sha256sum > before.sum; SVC_USER=clerk svc parts consume T1001 CAP-35 --qty 1 --event "$ev" 2>err.txt; rc=$?; sqlite3 svc.db .dump | sha256sum | cmp -s - before.sum && echo unchanged; grep -c "is already recorded as consume movement #10" err.txt; exit $rc
# nor is the event consume wrote linked to a second consume
### exit 65
### stdout
unchanged
1

### run SVC_USER=clerk svc parts reconcile
# and reconcile finds nothing left to link
### stdout
event  time  ticket  part  qty  result  movement  value  detail
-----  ----  ------  ----  ---  ------  --------  -----  ------
### stderr-has
svc: 0 linked, 0 unmatched

### run sqlite3 svc.db .dump | sha256sum > before.sum; SVC_USER=clerk svc parts consume T1001 CAP-35 --qty 1; rc=$?; sqlite3 svc.db .dump | sha256sum | cmp -s - before.sum && echo unchanged; exit $rc
# T1001 is completed now: a further part is not fitted by consume
### exit 65
### stdout
unchanged
### stderr-has
svc: error: ticket 'T1001' is completed: a part can be recorded as fitted only while the engineer is on site (on_site)

### run SVC_USER=clerk svc parts return new T1001 CAP-35 --qty 1 --at '2026-11-06 09:00' --format json
### stdout-has
"kind":"return-new","warehouse":"SH-01","part":"CAP-35","book":"new","qty":"1","unit_cost":"10.58","value":"10.58","avg_cost":"10.58"

### run SVC_USER=clerk svc parts return old T1001 CAP-35 --qty 1 --at '2026-11-07 09:00' >/dev/null && SVC_USER=clerk svc parts return old T1002 MOT-1 --qty 1 --at '2026-11-07 09:00' >/dev/null && SVC_USER=clerk svc parts scrap MOT-1 --qty 1 --warehouse SH-01 --old --reason 'burnt, not claimable' --at '2026-11-08 09:00' --format json
### stdout-has
"kind":"scrap","warehouse":"SH-01","part":"MOT-1","book":"old","qty":"-1","unit_cost":"0.00","value":"0.00"

### run SVC_USER=clerk svc parts claim open CAP-35 --qty 1 --warehouse SH-01 --ticket T1001 --amount 10.58 --at '2026-11-10 09:00' --format json
### stdout
[{"claim":"1","opened":"2026-11-10T09:00:00+08:00","status":"open","warehouse":"SH-01","part":"CAP-35","qty":"1","ticket":"T1001","supplier":"Acme","claimed":"10.58","accepted":"","submitted":"","decided":"","reference":"","user":"clerk","reason":""}]

### run SVC_USER=clerk svc parts claim submit 1 --reference RMA-5521 --at '2026-11-11 09:00' >/dev/null && SVC_USER=clerk svc parts claim accept 1 --amount 10.00 --at '2026-11-18 09:00' >/dev/null && SVC_USER=clerk svc parts claims --status accepted --format json
### stdout
[{"claim":"1","opened":"2026-11-10T09:00:00+08:00","status":"accepted","warehouse":"SH-01","part":"CAP-35","qty":"1","ticket":"T1001","supplier":"Acme","claimed":"10.58","accepted":"10.00","submitted":"2026-11-11T09:00:00+08:00","decided":"2026-11-18T09:00:00+08:00","reference":"RMA-5521","user":"clerk","reason":""}]

### run SVC_USER=clerk svc parts count --warehouse SH-01 stocktake.csv --at '2026-11-20 18:00'
# the books say 8 - 2 + 1 = 7 capacitors at SH-01
### stdout
part    system  counted  variance   value  reason           movement
------  ------  -------  --------  ------  ---------------  --------
CAP-35       7        6        -1  -10.58  lost in the van        17
MOT-1        0        0         0    0.00

### run SVC_USER=clerk svc parts stock
### stdout
warehouse  part    name           unit  qty  min_stock  below_min  old_parts  avg_cost  value
---------  ------  -------------  ----  ---  ---------  ---------  ---------  --------  -----
central    CAP-35  Run capacitor  pc      8          5  no                 0     10.58  84.64
central    MOT-1   Fan motor      pc      0          1  yes                0    860.00   0.00
SH-01      CAP-35  Run capacitor  pc      6          5  no                 0     10.58  63.48
SH-01      MOT-1   Fan motor      pc      0          1  yes                0    860.00   0.00

### run SVC_USER=clerk svc parts stock --warehouse SH-01 --below-min --format json
### stdout
[{"warehouse":"SH-01","part":"MOT-1","name":"Fan motor","unit":"pc","qty":"0","min_stock":"1","below_min":"yes","old_parts":"0","avg_cost":"860.00","value":"0.00"}]

### run SVC_USER=clerk svc parts ledger --part CAP-35 --warehouse SH-01
### stdout
id  time              kind        warehouse  part    book  qty  balance  unit_cost   value  avg_cost  reference      ticket  event                             claim  user   approved_by  reason           reverses  reversed_by
--  ----------------  ----------  ---------  ------  ----  ---  -------  ---------  ------  --------  -------------  ------  --------------------------------  -----  -----  -----------  ---------------  --------  -----------
 5  2026-11-04 09:00  transfer    SH-01      CAP-35  new     8        8      10.58   84.64     10.58  TN-7                                                            clerk
 8  2026-11-05 10:00  issue       SH-01      CAP-35  new    -2        6      10.58  -21.16     10.58  RQ-1           T1001                                            clerk
10  2026-11-05 15:00  consume     SH-01      CAP-35         -1        6      10.58  -10.58     10.58                 T1001   033a1a84086f673b43e7085d3d6634f1         clerk
12  2026-11-06 09:00  return-new  SH-01      CAP-35  new     1        7      10.58   10.58     10.58                 T1001                                            clerk
13  2026-11-07 09:00  return-old  SH-01      CAP-35  old     1        1       0.00    0.00     10.58                 T1001                                            clerk
16  2026-11-11 09:00  claim       SH-01      CAP-35  old    -1        0       0.00    0.00     10.58  RMA-5521       T1001                                     1      clerk
17  2026-11-20 18:00  count       SH-01      CAP-35  new    -1        6      10.58  -10.58     10.58  stocktake.csv                                                   clerk               lost in the van

### run svc audit parts --fail-on any --format json
### stdout
[]

### run svc audit parts --as-of 2026-12-31 --fail-on any
# nothing is left hanging, however late we look
### exit 0

### run svc report costs --period 2026-11 --as-of 2026-12-31 --format csv | tr -d '\r'
# the fitted parts at the ledger's actual cost (CAP-35 at 10.58, MOT-1 at 860.00), not the catalogue (12.00, 900.00)
### stdout
outlet,tickets,labor_hours,labor,parts,unpriced_parts,travel,transport,compensation,cost,fees,unapproved_fees
SH-01,2,0.0,0.00,870.58,0,0.00,0.00,0.00,870.58,0.00,0.00
all,2,0.0,0.00,870.58,0,0.00,0.00,0.00,870.58,0.00,0.00

### run svc report weekly --week 2026-W45 --as-of 2026-12-31 --format json | grep -o '"parts_cost":[0-9.]*,"unpriced_parts":[0-9]*' | tail -1
# the weekly overview costs the same parts the same way (the last one: the total)
### stdout
"parts_cost":870.58,"unpriced_parts":0
