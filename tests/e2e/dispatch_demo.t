A demo day: 50 tickets imported from a service-log CSV, 10 engineers (one inactive) at three outlets,
nine appointment windows agreed beforehand with 'svc ticket schedule'. 'svc dispatch auto' must dispatch
urgent tickets first, then by the nearest due time, never double-book an engineer, explain every
assignment, and give the same plan for the same input (also when the input comes in another order).

### file outlets.csv
id,name,region,city
SH-01,上海浦东服务站,华东,上海
SH-02,上海徐汇服务站,华东,上海
BJ-01,北京朝阳服务站,华北,北京

### file engineers.csv
id,name,outlet,skills,level,leader,active
E-101,吴军,SH-01,"repair,install,空调,冰箱",4,no,yes
E-102,郭芳,SH-01,"repair,maintenance,洗衣机",2,no,yes
E-103,叶军,SH-01,"repair,install,热水器,电视",3,no,yes
E-104,潘平,SH-01,repair,1,no,no
E-201,沈华,SH-02,"repair,install,maintenance,空调",5,yes,yes
E-202,苏磊,SH-02,"repair,洗衣机,冰箱",3,no,yes
E-203,蒋超,SH-02,"install,maintenance,电视",2,no,yes
E-301,任立新,BJ-01,"repair,install,空调,冰箱,洗衣机",4,yes,yes
E-302,杜静,BJ-01,"repair,maintenance,热水器,电视",2,no,yes
E-303,梁国庆,BJ-01,"consultation,repair",3,no,yes

### file day.csv
ts,ticket,event,type,urgency,channel,region,outlet,product,distance_km,engineer,note
2026-11-23 08:04,T01,created,repair,normal,phone,华东,SH-01,冰箱,12,,
2026-11-23 08:08,T02,created,install,normal,phone,华东,SH-02,洗衣机,25,,
2026-11-23 08:12,T03,created,maintenance,normal,phone,华东,SH-02,热水器,45,,
2026-11-23 08:16,T04,created,repair,normal,phone,华北,BJ-01,电视,80,,
2026-11-23 08:20,T05,created,consultation,normal,phone,华东,SH-01,空调,150,,
2026-11-23 08:24,T06,created,repair,urgent,phone,华东,SH-01,冰箱,8,,
2026-11-23 08:28,T07,created,install,normal,phone,华东,SH-02,洗衣机,3,,
2026-11-23 08:32,T08,created,repair,normal,phone,华东,SH-02,热水器,12,,
2026-11-23 08:36,T09,created,repair,normal,phone,华北,BJ-01,电视,25,,
2026-11-23 08:40,T10,created,install,normal,phone,华东,SH-01,空调,45,,
2026-11-23 08:44,T11,created,maintenance,normal,phone,华东,SH-01,冰箱,80,,
2026-11-23 08:48,T12,created,repair,urgent,phone,华东,SH-02,洗衣机,150,,
2026-11-23 08:52,T13,created,consultation,normal,phone,华东,SH-02,热水器,8,,
2026-11-23 08:56,T14,created,repair,normal,phone,华北,BJ-01,电视,3,,
2026-11-23 09:00,T15,created,install,normal,phone,华东,SH-01,空调,12,,
2026-11-23 09:04,T16,created,repair,normal,phone,华东,SH-01,冰箱,25,,
2026-11-23 09:08,T17,created,repair,normal,phone,华东,SH-02,洗衣机,45,,
2026-11-23 09:12,T18,created,install,urgent,phone,华东,SH-02,热水器,80,,
2026-11-23 09:16,T19,created,maintenance,normal,phone,华北,BJ-01,电视,150,,
2026-11-23 09:20,T20,created,repair,normal,phone,华东,SH-01,空调,8,,
2026-11-23 09:24,T21,created,consultation,normal,phone,华东,SH-01,冰箱,3,,
2026-11-23 09:28,T22,created,repair,normal,phone,华东,SH-02,洗衣机,12,,
2026-11-23 09:32,T23,created,install,normal,phone,华东,SH-02,热水器,25,,
2026-11-23 09:36,T24,created,repair,urgent,phone,华北,BJ-01,电视,45,,
2026-11-23 09:40,T25,created,repair,normal,phone,华东,SH-01,空调,80,,
2026-11-23 09:44,T26,created,install,normal,phone,华东,SH-01,冰箱,150,,
2026-11-23 09:48,T27,created,maintenance,normal,phone,华东,SH-02,洗衣机,8,,
2026-11-23 09:52,T28,created,repair,normal,phone,华东,SH-02,热水器,3,,
2026-11-23 09:56,T29,created,consultation,normal,phone,华北,BJ-01,电视,12,,
2026-11-23 10:00,T30,created,repair,urgent,phone,华东,SH-01,空调,25,,
2026-11-23 10:04,T31,created,install,normal,phone,华东,SH-01,冰箱,45,,
2026-11-23 10:08,T32,created,repair,normal,phone,华东,SH-02,洗衣机,80,,
2026-11-23 10:12,T33,created,repair,normal,phone,华东,SH-02,热水器,150,,
2026-11-23 10:16,T34,created,install,normal,phone,华北,BJ-01,电视,8,,
2026-11-23 10:20,T35,created,maintenance,normal,phone,华东,SH-01,空调,3,,
2026-11-23 10:24,T36,created,repair,urgent,phone,华东,SH-01,冰箱,12,,
2026-11-23 10:28,T37,created,consultation,normal,phone,华东,SH-02,洗衣机,25,,
2026-11-23 10:32,T38,created,repair,normal,phone,华东,SH-02,热水器,45,,
2026-11-23 10:36,T39,created,install,normal,phone,华北,BJ-01,电视,80,,
2026-11-23 10:40,T40,created,repair,normal,phone,华东,SH-01,空调,150,,
2026-11-23 10:44,T41,created,repair,normal,phone,华东,SH-01,冰箱,8,,
2026-11-23 10:48,T42,created,install,urgent,phone,华东,SH-02,洗衣机,3,,
2026-11-23 10:52,T43,created,maintenance,normal,phone,华东,SH-02,热水器,12,,
2026-11-23 10:56,T44,created,repair,normal,phone,华北,BJ-01,电视,25,,
2026-11-23 11:00,T45,created,consultation,normal,phone,华东,SH-01,空调,45,,
2026-11-23 11:04,T46,created,repair,normal,phone,华东,SH-01,冰箱,80,,
2026-11-23 11:08,T47,created,install,normal,phone,华东,SH-02,洗衣机,150,,
2026-11-23 11:12,T48,created,repair,urgent,phone,华东,SH-02,热水器,8,,
2026-11-23 11:16,T49,created,repair,normal,phone,华北,BJ-01,电视,3,,
2026-11-23 11:20,T50,created,install,normal,phone,华东,SH-01,空调,12,,
2026-11-23 11:30,T50,dispatched,,,,,,,,E-101,
2026-11-23 11:30,T49,dispatched,,,,,,,,E-302,
2026-11-23 11:45,T49,arrived,,,,,,,,,
2026-11-23 11:50,T49,completed,,,,,,,,,
2026-11-23 11:55,T49,closed,,,,,,,,,

### file windows.txt
T01 2026-11-23 14:00/16:00
T02 2026-11-23 14:00/16:00
T03 2026-11-23 15:00/17:00
T05 2026-11-23 14:30/16:30
T06 2026-11-23 15:00/17:00
T07 2026-11-23 14:00/16:00
T08 2026-11-23 15:30/17:30
T10 2026-11-24 09:00/11:00
T11 2026-11-24 09:00/11:00

### file setup.sh
# Builds a store from the files above; with "reverse", every input comes in reverse order.
set -e
order() { if [ "$1" = reverse ]; then (head -1 "$2"; tail -n +2 "$2" | tac); else cat "$2"; fi; }
svc init --quiet
order "$1" outlets.csv > o.csv && svc outlet import o.csv --quiet
order "$1" engineers.csv > e.csv && svc engineer import e.csv --quiet
order "$1" day.csv > d.csv && svc import d.csv --quiet > /dev/null
if [ "$1" = reverse ]; then tac windows.txt; else cat windows.txt; fi | while read -r t day span; do
  svc ticket schedule "$t" --window "$day $span" --at '2026-11-23 11:00' --quiet
done

### file check.py
import json, sys
run, dry = json.load(open("run.json")), json.load(open("dry.json"))
plan = run["plan"]
print("same plan as the dry run:", plan == dry["plan"], "| written:", not run["dry_run"])
print("dispatched:", run["assigned"], "left unassigned:", run["unassigned"])
urg = [x["urgency"] for x in plan]
print("urgent first:", urg == sorted(urg, key=lambda u: u != "urgent"))
ok = True
for u in ("urgent", "normal"):
    dues = [x["due"] for x in plan if x["urgency"] == u]
    known = [d for d in dues if d is not None]
    ok = ok and known == sorted(known) and dues == known + [None] * (len(dues) - len(known))
print("then by nearest due, nothing due last:", ok)
explained = all(x["reasons"] and all(r["text"] for r in x["reasons"])
                and abs(sum(r["points"] for r in x["reasons"]) - x["score"]) < 1e-9
                and x["reasons"][0]["factor"] in ("outlet", "region") for x in plan if x["engineer"])
print("every assignment explained (reasons add up to the score):", explained)
for x in plan:
    if not x["engineer"]:
        print("left:", x["ticket"], "-", x["reasons"][0]["text"])
b = json.load(open("board.json"))
visits = [(e["engineer"], v) for e in b["engineers"] for v in e["visits"]]
double = sum(1 for i, (e1, v1) in enumerate(visits) for (e2, v2) in visits[i + 1:]
             if e1 and e1 == e2 and v1["window"]["from"] < v2["window"]["to"] and v2["window"]["from"] < v1["window"]["to"])
print("visits on the board:", len(visits), "held:", sum(1 for e, v in visits if e),
      "double bookings:", double, "flagged:", sum(len(v["conflicts"]) for e, v in visits))

### run bash setup.sh && svc dispatch auto --dry-run --as-of '2026-11-23 12:00' --format json > dry.json && svc dispatch auto --dry-run --as-of '2026-11-23 12:00' --format json > dry2.json && cmp dry.json dry2.json && echo same
### stdout
same

### run mkdir rev && cp outlets.csv engineers.csv day.csv windows.txt setup.sh rev/ && cd rev && SVC_DB=$PWD/rev.db bash setup.sh reverse && SVC_DB=$PWD/rev.db svc dispatch auto --dry-run --as-of '2026-11-23 12:00' --format json | cmp - ../dry.json && echo "same plan from the input in reverse order"
### stdout
same plan from the input in reverse order

### run svc dispatch auto --as-of '2026-11-23 12:00' --format json > run.json && svc dispatch board --date 2026-11-23 --as-of '2026-11-23 12:00' --format json > board.json && python3 check.py
### stdout
same plan as the dry run: True | written: True
dispatched: 47 left unassigned: 1
urgent first: True
then by nearest due, nothing due last: True
every assignment explained (reasons add up to the score): True
left: T05 - none of the 6 active engineers of 华东 is free: 6 double-booked in the window, 0 at max_open 0
visits on the board: 7 held: 6 double bookings: 0 flagged: 0
### stderr-has
dispatched 47 tickets, 1 left unassigned

### run sqlite3 svc.db "SELECT count(*) FROM events WHERE event = 'dispatched' AND note LIKE 'auto: score %'; SELECT count(*) FROM dispatch_log WHERE mode = 'auto' AND reasons LIKE '[{\"factor\":%'"
### stdout
47
47

### run sqlite3 svc.db "SELECT engineer, count(*) FROM tickets WHERE state = 'open' AND engineer IS NOT NULL GROUP BY engineer ORDER BY engineer"
# Workload after the day is dispatched: open tickets per engineer (E-101 held T50 before; E-104 is inactive).
### stdout
E-101|8
E-102|6
E-103|6
E-201|6
E-202|7
E-203|6
E-301|3
E-302|4
E-303|2

### run svc dispatch auto --dry-run --as-of '2026-11-23 12:30'
### stdout-has
T05
### stderr-has
would dispatch 0 tickets, 1 left unassigned

### run svc dispatch queue --region 华东 --as-of '2026-11-23 12:00' --format csv | tr -d '\r' > q.csv && grep -c ',-,' q.csv && grep '^T05,' q.csv
### stdout
1
T05,SH-01,consultation,normal,responded,-,unassigned,2026-11-27 17:30
