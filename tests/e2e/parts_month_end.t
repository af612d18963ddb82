A month of spare parts at outlet SH-01, end to end: receipts at two costs (moving
average), transfer to the outlet, issues (one above the approval threshold),
the fitted parts arriving as part_used events in the log, reconcile, unused and
old parts returned, a supplier claim, a stock-take with a variance, and a clean
audit. The part_used events are written with sqlite3, standing in for the
nightly `svc import` of the service log.

### file parts.csv
part,name,spec,unit,supplier,list_price,min_stock,claimable
CAP-35,Run capacitor,35µF 450V,pc,Acme,12.00,5,yes
MOT-1,Fan motor,120W,pc,Bolt,900.00,1,no

### file stocktake.csv
part,counted,reason
CAP-35,6,lost in the van
MOT-1,0,

### file part_used.sql
INSERT INTO events(id, ts, ticket, event, part, qty, chain) VALUES
 ('T1001-p1', strftime('%s', '2026-11-05 07:00:00') * 1000000, 'T1001', 'part_used', 'CAP-35', 1, x'00'),
 ('T1002-p1', strftime('%s', '2026-11-06 03:00:00') * 1000000, 'T1002', 'part_used', 'MOT-1', 1, x'00');

### run svc init -q && SVC_USER=clerk svc parts catalog import parts.csv && SVC_USER=clerk svc parts warehouse add SH-01
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

### run sqlite3 svc.db < part_used.sql && svc audit parts --fail-on any --format csv
# the log now says the parts were fitted, but nothing links them to their issues yet
### exit 1
### stdout-has
unlinked-part-used,,CAP-35,T1001,T1001-p1,2026-11-05T15:00:00+08:00
unlinked-part-used,,MOT-1,T1002,T1002-p1,2026-11-06T11:00:00+08:00

### run SVC_USER=clerk svc parts reconcile --format json
### stdout
[{"event":"T1001-p1","time":"2026-11-05T15:00:00+08:00","ticket":"T1001","part":"CAP-35","qty":"1","result":"linked","movement":"10","value":"10.58","detail":""},{"event":"T1002-p1","time":"2026-11-06T11:00:00+08:00","ticket":"T1002","part":"MOT-1","qty":"1","result":"linked","movement":"11","value":"860.00","detail":""}]

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
id  time              kind        warehouse  part    book  qty  balance  unit_cost   value  avg_cost  reference      ticket  event     claim  user   approved_by  reason
--  ----------------  ----------  ---------  ------  ----  ---  -------  ---------  ------  --------  -------------  ------  --------  -----  -----  -----------  ---------------
 5  2026-11-04 09:00  transfer    SH-01      CAP-35  new     8        8      10.58   84.64     10.58  TN-7                                    clerk
 8  2026-11-05 10:00  issue       SH-01      CAP-35  new    -2        6      10.58  -21.16     10.58  RQ-1           T1001                    clerk
10  2026-11-05 15:00  consume     SH-01      CAP-35         -1        6      10.58  -10.58     10.58                 T1001   T1001-p1         clerk
12  2026-11-06 09:00  return-new  SH-01      CAP-35  new     1        7      10.58   10.58     10.58                 T1001                    clerk
13  2026-11-07 09:00  return-old  SH-01      CAP-35  old     1        1       0.00    0.00     10.58                 T1001                    clerk
16  2026-11-11 09:00  claim       SH-01      CAP-35  old    -1        0       0.00    0.00     10.58  RMA-5521       T1001             1      clerk
17  2026-11-20 18:00  count       SH-01      CAP-35  new    -1        6      10.58  -10.58     10.58  stocktake.csv                           clerk               lost in the van

### run svc audit parts --fail-on any --format json
### stdout
[]

### run svc audit parts --as-of 2026-12-31 --fail-on any
# nothing is left hanging, however late we look
### exit 0
