Correcting the parts ledger by reversal (docs/parts.md, "Correcting the
ledger"): every movement kind reversed through the CLI, balances and the
moving average after each, both ends of a correction in the ledger, the audit
replaying it without a mismatch, and the refusals.

### file log.csv
id,ts,ticket,event,type,urgency,region,outlet,engineer,note
T1-c,2026-11-20 08:00,T1,created,repair,normal,华东,SH-01,,
T1-d,2026-11-20 09:00,T1,dispatched,,,,,E-013,
T1-a,2026-11-20 10:00,T1,arrived,,,,,,

### file count.csv
part,counted,reason
CAP-35,10,lost in the move

### run svc init -q && svc -q outlet import "$SRC/examples/network/outlets.csv" && svc -q engineer import "$SRC/examples/network/engineers.csv" && svc import -q log.csv && svc parts catalog add CAP-35 --name 电容 --claimable yes -q && svc parts receive CAP-35 --qty 10 --unit-cost 10.00 --receipt G1 --at '2026-11-20 08:00' >/dev/null && svc parts receive CAP-35 --qty 6 --unit-cost 11.55 --receipt G2 --at '2026-11-20 08:10' --format csv
# 10 at 10.00, then 6 at 11.55: (100.00 + 69.30) / 16 = 10.58
### stdout-has
2,2026-11-20T08:10:00+08:00,receive,central,CAP-35,new,6,11.55,69.30,10.58,G2,,,,

### run svc parts reverse 2 --reason 'typed the wrong price' --user lin --at '2026-11-20 08:20' --format csv | tr -d '\r'
# the receipt leaves the average: (16 x 10.58 - 69.30) / 10 = 9.998 -> 10.00
### stdout
id,time,kind,warehouse,part,book,qty,unit_cost,value,avg_cost,reference,ticket,event,claim,user,approved_by,reason,reverses
3,2026-11-20T08:20:00+08:00,receive,central,CAP-35,new,-6,11.55,-69.30,10.00,G2,,,,lin,,typed the wrong price,2

### run svc parts stock --format csv
### stdout-has
central,CAP-35,电容,pc,10,0,no,0,10.00,100.00

### run svc parts receive CAP-35 --qty 6 --unit-cost 11.50 --receipt G2 --at '2026-11-20 08:30' --format csv
# the same receipt number, entered again correctly: (100.00 + 69.00) / 16 = 10.5625
### stdout-has
4,2026-11-20T08:30:00+08:00,receive,central,CAP-35,new,6,11.50,69.00,10.56,G2,

### run svc parts transfer CAP-35 --qty 5 --from central --to SH-01 --at '2026-11-20 08:40' >/dev/null && svc parts reverse 6 --reason 'wrong outlet' --user clerk --at '2026-11-20 08:50' --format csv | tr -d '\r'
# a transfer is reversed whole, whichever half is named: both rows, the incoming one linked
### stdout
id,time,kind,warehouse,part,book,qty,unit_cost,value,avg_cost,reference,ticket,event,claim,user,approved_by,reason,reverses
7,2026-11-20T08:50:00+08:00,transfer,SH-01,CAP-35,new,-5,10.56,-52.80,10.56,,,,,clerk,,wrong outlet,6
8,2026-11-20T08:50:00+08:00,transfer,central,CAP-35,new,5,10.56,52.80,10.56,,,,,clerk,,wrong outlet,5

### run svc parts reverse 5 --reason again --at '2026-11-20 08:51'
### exit 65
### stderr-has
svc: error: movement #5 was already reversed by #8

### run svc parts transfer CAP-35 --qty 4 --from central --to SH-01 --at '2026-11-20 08:55' >/dev/null && svc parts issue T1 CAP-35 --qty 3 --warehouse SH-01 --at '2026-11-20 09:30' >/dev/null && svc parts reverse 11 --reason 'issued to the wrong ticket' --user clerk --at '2026-11-20 09:35' --format csv
# back at the issue cost: (13 x 10.56 + 31.68) / 16 = 10.56
### stdout-has
12,2026-11-20T09:35:00+08:00,issue,SH-01,CAP-35,new,3,10.56,31.68,10.56,,T1,,,clerk,,issued to the wrong ticket,11

### run svc parts issue T1 CAP-35 --qty 2 --warehouse SH-01 --at '2026-11-20 09:40' >/dev/null && svc parts consume T1 CAP-35 --qty 1 --at '2026-11-20 10:30' >/dev/null && svc parts return old T1 CAP-35 --qty 1 --at '2026-11-20 10:40' >/dev/null && svc parts reverse 14 --reason 'not fitted' --user clerk --at '2026-11-20 10:45'
# the old part of that fitting came back: reverse that first
### exit 65
### stderr-has
reverse the return-old movement first

### run svc parts reverse 15 --reason 'old part of another ticket' --user clerk --at '2026-11-20 10:45' >/dev/null && svc parts reverse 14 --reason 'not fitted' --user clerk --at '2026-11-20 10:50' --format csv
### stdout-has
17,2026-11-20T10:50:00+08:00,consume,SH-01,CAP-35,,1,10.56,10.56,10.56,,T1,,,clerk,,not fitted,14

### run svc parts return new T1 CAP-35 --qty 2 --at '2026-11-20 11:00' >/dev/null && svc parts reverse 18 --reason 'still in the van' --user clerk --at '2026-11-20 11:10' --format csv
### stdout-has
19,2026-11-20T11:10:00+08:00,return-new,SH-01,CAP-35,new,-2,10.56,-21.12,10.56,,T1,,,clerk,,still in the van,18

### run svc parts scrap CAP-35 --qty 1 --warehouse central --reason broken --at '2026-11-20 11:20' >/dev/null && svc parts reverse 20 --reason 'found intact' --user clerk --at '2026-11-20 11:25' --format csv
### stdout-has
21,2026-11-20T11:25:00+08:00,scrap,central,CAP-35,new,1,10.56,10.56,10.56,,,,,clerk,,found intact,20

### run svc parts count --warehouse central count.csv --at '2026-11-20 11:30' >/dev/null && svc parts reverse 22 --reason 'recounted: 12' --user clerk --at '2026-11-20 11:35' --format csv
### stdout-has
23,2026-11-20T11:35:00+08:00,count,central,CAP-35,new,2,10.56,21.12,10.56,count.csv,,,,clerk,,recounted: 12,22

### run svc parts ledger --part CAP-35 --warehouse central --format csv | cut -d, -f1,3,7,8,19,20 | tr -d '\r'
# both ends of every correction, and running balances through them
### stdout
id,kind,qty,balance,reverses,reversed_by
1,receive,10,10,,
2,receive,6,16,,3
3,receive,-6,10,2,
4,receive,6,16,,
5,transfer,-5,11,,8
8,transfer,5,16,5,
9,transfer,-4,12,,
20,scrap,-1,11,,21
21,scrap,1,12,20,
22,count,-2,10,,23
23,count,2,12,22,

### run svc parts stock --format csv | tr -d '\r'
### stdout
warehouse,part,name,unit,qty,min_stock,below_min,old_parts,avg_cost,value
central,CAP-35,电容,pc,12,0,no,0,10.56,126.72
SH-01,CAP-35,电容,pc,2,0,no,0,10.56,21.12

### run svc audit parts --as-of 2026-11-21 --fail-on balance-mismatch,valuation-mismatch --format csv
# the audit's replay of balances and the moving average agrees with every reversal
### exit 0

### run svc parts reverse 3 --reason 'undo'
### exit 65
### stderr-has
movement #3 is the reversal of #2: a reversal cannot be reversed

### run svc parts reverse 999 --reason typo
### exit 66
### stderr-has
svc: error: no movement #999 in the parts ledger (movements are numbered 1 to 23; see 'svc parts ledger --part P')

### run svc parts reverse G2 --reason typo
### exit 2
### stderr-has
MOVEMENT 'G2' is not a movement number

### run svc parts reverse 1
### exit 2
