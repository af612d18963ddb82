Corrections end to end by commands (docs/corrections.md, spec v2): each kind of
wrong event withdrawn with `svc ticket void` and, where something did happen,
the right event recorded with the ordinary step back-dated with --at; what
`svc ticket show` says; --as-of before a correction still shows the old
numbers; the ledger reversal of a voided part_used that `svc parts consume`
booked; `svc audit corrections`; the same history as a v2 log gives the same
audits; refusals.

### run svc init --quiet && svc outlet add SH-01 --name 上海一店 --region 华东 --quiet && svc engineer add E-017 --name 张工 --outlet SH-01 --quiet && svc engineer add E-018 --name 李工 --outlet SH-01 --quiet && svc parts catalog add CAP-35 --name 电容 --list-price 35.5 -q && svc parts receive CAP-35 --qty 10 --unit-cost 11.80 --receipt GRN-1 --at '2026-11-01 09:00' -q > /dev/null && svc ticket create --id T1 --type repair --outlet SH-01 --distance 12 --fault 不制冷 --at '2026-11-02 09:00' -q && svc ticket respond T1 --at '2026-11-02 09:30' 2>/dev/null
### stdout
T1

### run export SVC_USER=wang; svc ticket schedule T1 --window '2026-11-02 13:00/15:00' --engineer E-018 --at '2026-11-02 10:00' 2>/dev/null && svc ticket void T1 cf577d76e014d9b9ffb7d595d9497da5 --reason 派错工程师 --at '2026-11-02 10:05' && for a in 10:02 10:10; do svc report sla --period 2026-11 --by engineer --as-of "2026-11-02 $a" --format json | grep -o '"key":[^,]*' | grep -v all; done && svc ticket schedule T1 --window '2026-11-02 13:00/15:00' --engineer E-017 --reason 派错工程师 --at '2026-11-02 10:00' 2>/dev/null && for a in 10:02 10:10; do svc report sla --period 2026-11 --by engineer --as-of "2026-11-02 $a" --format json | grep -o '"key":"E[^,]*'; done
# a dispatch to the wrong engineer: void it (before the void's ts the ticket is
# E-018's, after it nobody's), then dispatch the right one at the time it really
# happened, 10:00: from then on it counts, so as of 10:02 both dispatches count
# and the later one in the log, E-017's, decides
### stdout
T1: dispatched cf577d76e014d9b9ffb7d595d9497da5 voided (void 97cf384ced875904e15354ced6aa1392): dispatched withdrawn: no figure changed
"key":"E-018"
"key":null
"key":"E-017"
"key":"E-017"

### run export SVC_USER=wang; svc ticket pause T1 --reason 等配件 --consent --at '2026-11-02 10:30' 2>/dev/null && svc ticket resume T1 --at '2026-11-02 11:00' 2>/dev/null && svc ticket void T1 d2f083b7b98497c527fad5b4e3b08af1 --reason 暂停未发生 --at '2026-11-02 11:10' && svc ticket void T1 c0ddb1897117644c3e5c660c3dbcbd0c --reason 暂停未发生 --at '2026-11-02 11:10' && svc ticket sla T1 --as-of '2026-11-02 11:05' | grep -c 'paused    2026-11-02 10:30 - 2026-11-02 11:00'; svc ticket sla T1 --as-of '2026-11-02 11:15' | grep -c paused || true
# a pause that never happened: void both ends (the resumed first); as of 11:05 the pause still counts
### stdout
T1: resumed d2f083b7b98497c527fad5b4e3b08af1 voided (void 5086ebf4968d246cb25b789309dbd4d0): resumed withdrawn: ticket late -> open
T1: paused c0ddb1897117644c3e5c660c3dbcbd0c voided (void 50b8ed9c9fabdd874a292f731b20df77): paused withdrawn: ticket open -> late
1
0

### run export SVC_USER=wang; svc ticket arrive T1 --at '2026-11-02 13:30' 2>/dev/null && svc parts issue T1 CAP-35 --qty 1 --warehouse central --requisition RQ-1 --at '2026-11-02 13:40' -q > /dev/null && svc parts consume T1 CAP-35 --qty 1 --at '2026-11-02 13:50' > /dev/null && svc ticket void T1 0e4d3ea4442bc5539846b97f84ef8944 --reason 配件未实际更换 --at '2026-11-02 14:00' --format json && echo && svc parts ledger --part CAP-35 --format csv | tr -d '\r' | cut -d, -f1,2,3,7,8,14,19,20,21
# a part fitted that wasn't, booked by parts consume: the void reverses the consume movement in the ledger
### stdout
{"ticket":"T1","voided":"0e4d3ea4442bc5539846b97f84ef8944","event":"part_used","void_id":"0b76f674b1262827a2d9d673b9caed24","at":"2026-11-02T14:00:00+08:00","by":"wang","reason":"配件未实际更换","effect":"part CAP-35 x1 withdrawn: parts fitted 1 -> 0","reversed_movements":[4]}

id,time,kind,qty,balance,event,reverses,reversed_by
1,2026-11-01T09:00:00+08:00,receive,10,10,,,
2,2026-11-02T13:40:00+08:00,issue,-1,9,,,
3,2026-11-02T13:50:00+08:00,consume,-1,9,0e4d3ea4442bc5539846b97f84ef8944,,4
4,2026-11-02T14:00:00+08:00,consume,1,9,,3,

### run export SVC_USER=wang; svc ticket complete T1 --content 更换电容 --hours 9 --fee 500.00 --at '2026-11-02 15:00' 2>/dev/null && A='2026-11-03 12:00' && svc report costs --period 2026-11 --as-of "$A" --format json > costs0.json && svc audit integrity --as-of "$A" --format json > int0.json 2>/dev/null && svc report sla --period 2026-11 --by outlet --as-of "$A" --format json > sla0.json && grep -o '"labor_hours":[^,]*,"labor":[^,]*' costs0.json | head -1 && grep -o '"check":"[^"]*"' int0.json
# wrong labour hours (9 h for 2) and a fee taken wrongly (500.00, not approved): the numbers as of 11-03
### stdout
"labor_hours":9.0,"labor":720.00
"check":"unapproved-fee"

### run export SVC_USER=wang; svc ticket void T1 89332fca1ebcb8370432c746ca14795c --reason '收费有误, 已退款' --at '2026-11-04 09:00' && svc ticket void T1 185945f6ae52032b2d40728dca087bd4 --reason '工时填错, 应为 2 h' --at '2026-11-04 09:00' && A='2026-11-03 12:00' && svc report costs --period 2026-11 --as-of "$A" --format json | cmp - costs0.json && svc audit integrity --as-of "$A" --format json 2>/dev/null | cmp - int0.json && svc report sla --period 2026-11 --by outlet --as-of "$A" --format json | cmp - sla0.json && svc audit integrity 2>&1 && svc report costs --period 2026-11 --format json | grep -o '"labor_hours":[^,]*,"labor":[^,]*' | head -1
# void the fee and the completion: as of 11-03 (before the voids' ts) every report is byte for byte as it was;
# as of now the finding is gone, and so is the labour
### stdout
T1: fee 89332fca1ebcb8370432c746ca14795c voided (void 22ad200c39a682384d80895f09267bd9): unapproved fee 500.00 withdrawn: one integrity finding fewer; unapproved fees 500.00 -> 0.00
T1: completed 185945f6ae52032b2d40728dca087bd4 voided (void ac82586c0fad528a33369b573b5a076e): completion (9 h labour) withdrawn: labour 9 h -> 0 h
0 findings as of 2026-11-23T20:00:00+08:00
"labor_hours":0.0,"labor":0.00

### run export SVC_USER=wang; svc ticket complete T1 --content 更换电容 --hours 2 --at '2026-11-02 15:00' 2>/dev/null && svc report costs --period 2026-11 --format json | grep -o '"labor_hours":[^,]*' | head -1 && svc report costs --period 2026-11 --as-of '2026-11-03 12:00' --format json | grep -o '"labor_hours":[^,]*' | head -1
# the right completion, back-dated to when it happened: it counts from 11-02 15:00 on, so as of
# 11-03 (before the void) both completions count: 9 h + 2 h
### stdout
"labor_hours":2.0
"labor_hours":11.0

### run export SVC_USER=wang; svc ticket sign T1 --at '2026-11-04 09:30' 2>/dev/null && svc ticket follow-up T1 --satisfaction 2 --at '2026-11-04 10:00' 2>/dev/null && svc ticket void T1 42faffee63aa0e51e8f15639b7d8426e --reason 回访记录错位 --at '2026-11-04 10:05' && svc ticket follow-up T1 --satisfaction 5 --at '2026-11-04 10:00' 2>/dev/null && for a in '2026-11-04 10:04' '2026-11-04 10:06'; do svc report sla --period 2026-11 --by outlet --as-of "$a" --format json | grep -o '"satisfaction":[^,]*' | head -1; done
# a follow-up recorded on the wrong ticket's rating: void, then the right one
### stdout
T1: followed_up 42faffee63aa0e51e8f15639b7d8426e voided (void 9554c5aa3c3563e35d34b90dee24ff72): followed_up withdrawn: no figure changed
"satisfaction":1.0
"satisfaction":1.0

### run svc ticket show T1 | sed -n '/^History/,$p'
### stdout
History
at                id                                event                 details
----------------  --------------------------------  --------------------  ------------------------------------------------------------------------------------
2026-11-02 09:00  6f58b637c12adba97b74de9cffba9cf7  created
2026-11-02 09:30  6abc4836a18aef96ff7f47f3f40b9c9e  responded
2026-11-02 10:00  cf577d76e014d9b9ffb7d595d9497da5  dispatched (VOIDED)   engineer=E-018  withdrawn 2026-11-02 10:05 by wang: 派错工程师
2026-11-02 10:00  73c7dcfdf480b08c27bef676b5b9aa20  dispatched            engineer=E-017
2026-11-02 10:05  97cf384ced875904e15354ced6aa1392  voided                note=派错工程师  ref=cf577d76e014d9b9ffb7d595d9497da5
2026-11-02 10:30  c0ddb1897117644c3e5c660c3dbcbd0c  paused (VOIDED)       note=等配件 (customer consented)  withdrawn 2026-11-02 11:10 by wang: 暂停未发生
2026-11-02 11:00  d2f083b7b98497c527fad5b4e3b08af1  resumed (VOIDED)      withdrawn 2026-11-02 11:10 by wang: 暂停未发生
2026-11-02 11:10  5086ebf4968d246cb25b789309dbd4d0  voided                note=暂停未发生  ref=d2f083b7b98497c527fad5b4e3b08af1
2026-11-02 11:10  50b8ed9c9fabdd874a292f731b20df77  voided                note=暂停未发生  ref=c0ddb1897117644c3e5c660c3dbcbd0c
2026-11-02 13:30  03b112c700394bead2bf51602b8039b0  arrived
2026-11-02 13:50  0e4d3ea4442bc5539846b97f84ef8944  part_used (VOIDED)    part=CAP-35  qty=1  withdrawn 2026-11-02 14:00 by wang: 配件未实际更换
2026-11-02 14:00  0b76f674b1262827a2d9d673b9caed24  voided                note=配件未实际更换  ref=0e4d3ea4442bc5539846b97f84ef8944
2026-11-02 15:00  185945f6ae52032b2d40728dca087bd4  completed (VOIDED)    labor_hours=9  note=更换电容  withdrawn 2026-11-04 09:00 by wang: 工时填错, 应为 2 h
2026-11-02 15:00  89332fca1ebcb8370432c746ca14795c  fee (VOIDED)          amount=500.00  approved=no  withdrawn 2026-11-04 09:00 by wang: 收费有误, 已退款
2026-11-02 15:00  636e01de325d98ddf9654c4a9e057011  completed             labor_hours=2  note=更换电容
2026-11-04 09:00  22ad200c39a682384d80895f09267bd9  voided                note=收费有误, 已退款  ref=89332fca1ebcb8370432c746ca14795c
2026-11-04 09:00  ac82586c0fad528a33369b573b5a076e  voided                note=工时填错, 应为 2 h  ref=185945f6ae52032b2d40728dca087bd4
2026-11-04 09:30  5da6053ae17ec6d5fffacff07b143403  signed
2026-11-04 10:00  42faffee63aa0e51e8f15639b7d8426e  followed_up (VOIDED)  satisfaction=2  withdrawn 2026-11-04 10:05 by wang: 回访记录错位
2026-11-04 10:00  6a3549094b6fd265a6f5d1718749552c  followed_up           satisfaction=5
2026-11-04 10:05  9554c5aa3c3563e35d34b90dee24ff72  voided                note=回访记录错位  ref=42faffee63aa0e51e8f15639b7d8426e

### run svc ticket show T1 --as-of '2026-11-04 09:30' --format json | python3 -c "import json,sys; [print(h['event'], h['voided']) for h in json.load(sys.stdin)['history'] if h['event'] in ('completed','fee')]"
# as of 09:30 on 11-04 the completion's void counts; the JSON history says who withdrew what, when, why
### stdout
completed {'at': '2026-11-04T09:00:00+08:00', 'by': 'wang', 'reason': '工时填错, 应为 2 h', 'void_id': 'ac82586c0fad528a33369b573b5a076e'}
fee {'at': '2026-11-04T09:00:00+08:00', 'by': 'wang', 'reason': '收费有误, 已退款', 'void_id': '22ad200c39a682384d80895f09267bd9'}
completed None

### run svc audit corrections --format csv | tr -d '\r' | cut -d, -f1,4,6,7,8 && svc audit corrections --by outlet --format json && svc audit corrections --by user --format json
### stdout
at,ticket,withdrawn,event,by
2026-11-02 10:05,T1,cf577d76e014d9b9ffb7d595d9497da5,dispatched,wang
2026-11-02 11:10,T1,d2f083b7b98497c527fad5b4e3b08af1,resumed,wang
2026-11-02 11:10,T1,c0ddb1897117644c3e5c660c3dbcbd0c,paused,wang
2026-11-02 14:00,T1,0e4d3ea4442bc5539846b97f84ef8944,part_used,wang
2026-11-04 09:00,T1,89332fca1ebcb8370432c746ca14795c,fee,wang
2026-11-04 09:00,T1,185945f6ae52032b2d40728dca087bd4,completed,wang
2026-11-04 10:05,T1,42faffee63aa0e51e8f15639b7d8426e,followed_up,wang
{"by":"outlet","groups":[{"key":"SH-01","corrections":7}]}
{"by":"user","groups":[{"key":"wang","corrections":7}]}

### file export.py
import csv, json, sys
h = json.load(sys.stdin)['history']
cols = ['id', 'ts', 'ticket', 'event'] + sorted({k for e in h for k in e} - {'id', 'ts', 'event', 'voided'})
w = csv.DictWriter(sys.stdout, cols, extrasaction='ignore', lineterminator='\n')
w.writeheader()
for e in h: w.writerow(dict(e, ticket='T1'))

### run svc ticket show T1 --format json | python3 export.py > t1.csv && svc --db log.db init -q && svc --db log.db import -q --format json t1.csv && for a in '2026-11-02 10:02' '2026-11-02 11:05' '2026-11-03 12:00' '2026-11-04 10:04' '2026-11-23 12:00'; do for c in 'audit sla --all' 'report sla --period 2026-11 --by engineer' 'report sla --period 2026-11 --by outlet' 'audit integrity'; do svc $c --as-of "$a" --format json > by-cmd.json 2>/dev/null; svc --db log.db $c --as-of "$a" --format json > by-log.json 2>/dev/null; cmp by-cmd.json by-log.json || exit 1; done; done; echo same
# the same history as a v2 log (ids, voided events with ref) imported into a fresh store: the same audits and reports at every instant
### stdout
{"read":21,"new":21,"duplicate":0,"rejected":0,"files":[{"file":"t1.csv","status":"stored","read":21,"new":21,"duplicate":0,"rejected":0,"failed":false}]}
same

### run svc ticket void T1 6f58b637c12adba97b74de9cffba9cf7 --reason x
### exit 65
### stderr-has
svc: error: event '6f58b637c12adba97b74de9cffba9cf7' is the ticket's created event, which cannot be voided: cancel the ticket instead (svc ticket cancel T1)

### run svc ticket void T1 42faffee63aa0e51e8f15639b7d8426e --reason x
### exit 65
### stderr-has
svc: error: event '42faffee63aa0e51e8f15639b7d8426e' (followed_up) is already voided, at 2026-11-04T10:05:00+08:00

### run svc report outlets --period 2026-11 --as-of 2026-11-20 --format json | python3 -c 'import json,sys; print([(o["outlet"], o["corrections"]) for o in json.load(sys.stdin)["outlets"]])' && svc report outlets --period 2026-11 --as-of 2026-11-03 --format json | python3 -c 'import json,sys; print([(o["outlet"], o["corrections"]) for o in json.load(sys.stdin)["outlets"]])'
# the outlet assessment carries each outlet's corrections (not scored), as of the assessment
### stdout
[('SH-01', 7)]
[('SH-01', 4)]

### run svc ticket void T1 6a3549094b6fd265a6f5d1718749553c --reason x
### exit 66
### stderr-has
svc: error: ticket 'T1' has no event '6a3549094b6fd265a6f5d1718749553c' (did you mean '6a3549094b6fd265a6f5d1718749552c'?); 'svc ticket show T1' lists its events with their ids

### run svc ticket void T1 6a3549094b6fd265a6f5d1718749552c --reason x --at '2026-11-04 09:59'
### exit 65
### stderr-has
svc: error: --at 2026-11-04T09:59:00+08:00 is before the event it voids (followed_up at 2026-11-04T10:00:00+08:00)

### run svc ticket void T1 6a3549094b6fd265a6f5d1718749552c
### exit 2
### stderr-has
--reason is required

### run svc ticket void T9 6a3549094b6fd265a6f5d1718749552c --reason x
### exit 66
### stderr-has
svc: error: no ticket 'T9' (did you mean 'T1'?)

### run svc ticket create --id P1 --type repair --outlet SH-01 --distance 12 --fault x --at '2026-11-02 09:00' -q && svc ticket pause P1 --reason r --consent --at '2026-11-02 10:00' 2>/dev/null && svc ticket resume P1 --at '2026-11-02 11:00' 2>/dev/null && svc ticket void P1 89af9a5014783c6c7ec0025590d9ae7d --reason x --at '2026-11-02 12:00'
# a pause is withdrawn whole: its paused alone is refused (void the resumed first)
### exit 65
### stdout
P1
### stderr-has
voiding the paused at 2026-11-02T10:00:00+08:00 leaves the resumed at 2026-11-02T11:00:00+08:00 unmatched (to withdraw a pause, void both its paused and its resumed)
