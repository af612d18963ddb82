svc on service-log v2 (corrections: voided events with ref; serials) agrees with
the independent reference tests/e2e/spec_reference.py (written from spec v2
alone: events count as of as_of unless a void naming them has ts <= as_of,
pauses read from the counting events, business clock with the 2026 calendar,
repeat-repair rate) — `svc audit sla --all` ticket by ticket and target by
target, `svc report sla` for every grouping, `svc report outlets` — at as-of
instants before and after the voids.

A small hand-written log first, with each kind of void: a completion (wrong
labour hours, then the right one) and a follow-up (A1), an unapproved fee and a
part (B1), a pause that never happened, both ends (C1), a dispatch to the wrong
engineer (D1), and the void of A1's right completion on 11-20, which ends R1's
repeat repair (same serial SN-1, created 11-09); a repeat repair exactly 30
days after the earlier final completion (E2, counts) and 30 days + 1 minute
(E4, does not); a cancellation voided (F1), a rejection and reopening voided
and a closing voided (G1).

### file v2.csv
id,ts,ticket,event,type,urgency,region,outlet,distance_km,serial,engineer,satisfaction,responsible,part,qty,amount,approved,labor_hours,note,ref
a1,2026-11-02 09:00,A1,created,repair,normal,华东,SH-01,12,SN-1,,,,,,,,,,
a2,2026-11-02 09:30,A1,responded,,,,,,,,,,,,,,,,
a3,2026-11-02 10:00,A1,dispatched,,,,,,,E-001,,,,,,,,,
a4,2026-11-02 13:00,A1,arrived,,,,,,,,,,,,,,,,
a5,2026-11-02 15:00,A1,completed,,,,,,,,,,,,,,8,工时错,
a6,2026-11-02 16:00,A1,followed_up,,,,,,,,2,,,,,,,,
a7,2026-11-04 10:00,A1,voided,,,,,,,,,,,,,,,应为 2 h,a5
a8,2026-11-02 15:00,A1,completed,,,,,,,,,,,,,,2,,
a9,2026-11-04 10:05,A1,voided,,,,,,,,,,,,,,,回访记录错位,a6
a10,2026-11-02 16:00,A1,followed_up,,,,,,,,5,,,,,,,,
b1,2026-11-02 09:00,B1,created,repair,normal,华东,SH-01,12,,,,,,,,,,,
b2,2026-11-02 09:10,B1,responded,,,,,,,,,,,,,,,,
b3,2026-11-02 09:20,B1,dispatched,,,,,,,E-002,,,,,,,,,
b4,2026-11-02 11:00,B1,arrived,,,,,,,,,,,,,,,,
b5,2026-11-02 11:30,B1,part_used,,,,,,,,,,P-CAP-35,1,,,,,
b6,2026-11-02 12:00,B1,completed,,,,,,,,,,,,,,1,,
b7,2026-11-02 12:10,B1,signed,,,,,,,,,,,,,,,,
b8,2026-11-02 12:20,B1,fee,,,,,,,,,,,,80.00,no,,,
b9,2026-11-05 09:00,B1,voided,,,,,,,,,,,,,,,收费有误，已退款,b8
b10,2026-11-05 09:01,B1,voided,,,,,,,,,,,,,,,配件未实际更换,b5
c1,2026-11-02 09:00,C1,created,repair,normal,华东,SH-02,12,,,,,,,,,,,
c2,2026-11-02 09:30,C1,responded,,,,,,,,,,,,,,,,
c3,2026-11-02 10:00,C1,dispatched,,,,,,,E-003,,,,,,,,,
c4,2026-11-02 10:30,C1,arrived,,,,,,,,,,,,,,,,
c5,2026-11-02 11:00,C1,paused,,,,,,,,,,,,,,,,等配件
c6,2026-11-04 15:00,C1,resumed,,,,,,,,,,,,,,,,
c7,2026-11-05 10:00,C1,completed,,,,,,,,,,,,,,2,,
c8,2026-11-06 09:00,C1,voided,,,,,,,,,,,,,,,暂停未发生,c6
c9,2026-11-06 09:00,C1,voided,,,,,,,,,,,,,,,暂停未发生,c5
d1,2026-11-02 09:00,D1,created,install,normal,华东,SH-02,12,,,,,,,,,,,
d2,2026-11-02 09:30,D1,responded,,,,,,,,,,,,,,,,
d3,2026-11-02 10:00,D1,dispatched,,,,,,,E-004,,,,,,,,,
d4,2026-11-02 11:00,D1,voided,,,,,,,,,,,,,,,派错工程师,d3
d5,2026-11-02 10:00,D1,dispatched,,,,,,,E-005,,,,,,,,,
r1,2026-11-09 09:00,R1,created,repair,normal,华东,SH-01,12,SN-1,,,,,,,,,,
r2,2026-11-09 09:30,R1,responded,,,,,,,,,,,,,,,,
r3,2026-11-20 09:00,A1,voided,,,,,,,,,,,,,,,未修好，完工记录作废,a8
e1,2026-10-05 09:00,E1,created,install,normal,华北,BJ-01,5,SN-2,,,,,,,,,,
e2,2026-10-05 09:20,E1,responded,,,,,,,,,,,,,,,,
e3,2026-10-09 09:00,E1,completed,,,,,,,,,,,,,,1,,
e4,2026-11-08 09:00,E2,created,repair,normal,华北,BJ-01,5,SN-2,,,,,,,,,,
e5,2026-10-09 09:00,E3,created,repair,normal,华北,BJ-01,5,SN-3,,,,,,,,,,
e6,2026-10-09 10:00,E3,completed,,,,,,,,,,,,,,1,,
e7,2026-11-08 10:01,E4,created,repair,normal,华北,BJ-01,5,SN-3,,,,,,,,,,
f1,2026-11-03 09:00,F1,created,repair,urgent,华北,BJ-01,5,,,,,,,,,,,
f2,2026-11-03 09:10,F1,responded,,,,,,,,,,,,,,,,
f3,2026-11-03 12:00,F1,cancelled,,,,,,,,,,,,,,,客户取消,
f4,2026-11-06 10:00,F1,voided,,,,,,,,,,,,,,,取消录错,f3
g1,2026-11-03 09:00,G1,created,repair,normal,华北,BJ-01,5,,,,,,,,,,,
g2,2026-11-03 09:30,G1,responded,,,,,,,,,,,,,,,,
g3,2026-11-03 10:00,G1,dispatched,,,,,,,E-001,,,,,,,,,
g4,2026-11-03 11:00,G1,arrived,,,,,,,,,,,,,,,,
g5,2026-11-03 12:00,G1,completed,,,,,,,,,,,,,,1,,
g6,2026-11-03 13:00,G1,rejected,,,,,,,,,,,,,,,,
g7,2026-11-03 13:05,G1,reopened,,,,,,,,,,,,,,,,
g8,2026-11-05 09:00,G1,voided,,,,,,,,,,,,,,,误点拒绝,g6
g9,2026-11-05 09:00,G1,voided,,,,,,,,,,,,,,,误点拒绝,g7
g10,2026-11-03 14:00,G1,signed,,,,,,,,,,,,,,,,
g11,2026-11-03 15:00,G1,closed,,,,,,,,,,,,,,,,
g12,2026-11-05 09:10,G1,voided,,,,,,,,,,,,,,,未结单,g11

### run svc init -q && svc import -q --format json v2.csv
### stdout
{"read":60,"new":60,"duplicate":0,"rejected":0,"files":[{"file":"v2.csv","status":"stored","read":60,"new":60,"duplicate":0,"rejected":0,"failed":false}]}

### run for A in "2026-11-03 12:00" "2026-11-05 08:00" "2026-11-05 12:00" "2026-11-06 10:00" "2026-11-06 12:00" "2026-11-12 12:00" "2026-11-21 12:00"; do svc audit sla --all --as-of "$A" --format json > st.json 2>/dev/null && python3 "$SRC/tests/e2e/spec_reference.py" v2.csv st.json month 2026-11 "$A" audit st.json || exit 1; for by in region outlet engineer type urgency channel; do svc report sla --period 2026-11 --by $by --as-of "$A" --format json > s.json && python3 "$SRC/tests/e2e/spec_reference.py" v2.csv st.json month 2026-11 "$A" $by s.json > /dev/null || exit 1; done; svc report outlets --period 2026-11 --as-of "$A" --format json > s.json && python3 "$SRC/tests/e2e/spec_reference.py" v2.csv st.json month 2026-11 "$A" outlets s.json > /dev/null || exit 1; svc report sla --period 2026-11 --as-of "$A" --format json | python3 -c "import json,sys; t=json.load(sys.stdin)['total']; print('$A', *(f'{k}={t[k]}' for k in ('on_time','late','open','satisfaction','repairs_with_serial','repeat_repairs')))"; done
# before every void, between them, after them (the fee finding goes on 11-05, C1's pause on 11-06, A1's right completion on 11-20)
### stdout
audit: 8 tickets, 0 disagreements
2026-11-03 12:00 on_time=1 late=1 open=3 satisfaction=1.0 repairs_with_serial=1 repeat_repairs=0
audit: 8 tickets, 0 disagreements
2026-11-05 08:00 on_time=1 late=3 open=1 satisfaction=1.0 repairs_with_serial=1 repeat_repairs=0
audit: 8 tickets, 0 disagreements
2026-11-05 12:00 on_time=1 late=3 open=1 satisfaction=1.0 repairs_with_serial=1 repeat_repairs=0
audit: 8 tickets, 0 disagreements
2026-11-06 10:00 on_time=1 late=5 open=0 satisfaction=1.0 repairs_with_serial=1 repeat_repairs=0
audit: 8 tickets, 0 disagreements
2026-11-06 12:00 on_time=1 late=5 open=0 satisfaction=1.0 repairs_with_serial=1 repeat_repairs=0
audit: 11 tickets, 0 disagreements
2026-11-12 12:00 on_time=1 late=8 open=0 satisfaction=1.0 repairs_with_serial=4 repeat_repairs=2
audit: 11 tickets, 0 disagreements
2026-11-21 12:00 on_time=0 late=9 open=0 satisfaction=1.0 repairs_with_serial=4 repeat_repairs=1

### run python3 "$SRC/scripts/gen-logs" 4000 --seed 5 --v2 --out gen.csv && grep -c ',voided,' gen.csv && svc --db gen.db init -q && svc --db gen.db import -q --format json gen.csv
# A generated v2 log: 4,000 events (scripts/gen-logs --v2: serials from a small
# pool, so units come back; voids of completions, fees, pauses, dispatches,
# follow-ups and parts, each after its target, mostly followed by the right event).
### stdout
134
{"read":4000,"new":4000,"duplicate":0,"rejected":0,"files":[{"file":"gen.csv","status":"stored","read":4000,"new":4000,"duplicate":0,"rejected":0,"failed":false}]}

### run for A in "2026-09-10 12:00" "2026-09-30 17:00" "2026-10-09 10:00" "2026-10-20 16:45" "2026-11-05 12:00" "2026-12-31 23:59:59"; do svc --db gen.db audit sla --all --as-of "$A" --format json > st.json 2>/dev/null && python3 "$SRC/tests/e2e/spec_reference.py" gen.csv st.json month 2026-10 "$A" audit st.json > a.out || { cat a.out; exit 1; }; cat a.out; done
### stdout
audit: 82 tickets, 0 disagreements
audit: 219 tickets, 0 disagreements
audit: 287 tickets, 0 disagreements
audit: 373 tickets, 0 disagreements
audit: 455 tickets, 0 disagreements
audit: 455 tickets, 0 disagreements

### run for A in "2026-10-20 16:45" "2026-12-31 23:59:59"; do svc --db gen.db audit sla --all --as-of "$A" --format json > st.json 2>/dev/null; for p in month:2026-09 month:2026-10 week:2026-W38 week:2026-W42 range:2026-09-20/2026-10-12; do k=${p%%:*} x=${p#*:}; if [ $k = range ]; then sel="--from ${x%/*} --to ${x#*/}"; else sel="--period $x"; fi; for by in region outlet engineer type urgency channel; do svc --db gen.db report sla $sel --by $by --as-of "$A" --format json > s.json && python3 "$SRC/tests/e2e/spec_reference.py" gen.csv st.json $k $x "$A" $by s.json > r.out || { cat r.out; exit 1; }; done; svc --db gen.db report outlets $sel --as-of "$A" --format json > s.json && python3 "$SRC/tests/e2e/spec_reference.py" gen.csv st.json $k $x "$A" outlets s.json > r.out || { cat r.out; exit 1; }; done; echo "$A: agree"; done
# every grouping of report sla, and report outlets, for months, weeks and a range, before and after voids
### stdout
2026-10-20 16:45: agree
2026-12-31 23:59:59: agree

### file weekly_vs_sla.py
import json, sys
w, r, rp = (json.load(open(f)) for f in sys.argv[1:4])
def keyed(d):
    g = {x["key"]: x for x in d["groups"]}; g["all"] = d["total"]; return g
g, gp = keyed(r), keyed(rp)
bad = 0
for reg in w["regions"] + [w["total"]]:
    for sect, src in (("kpis", g), ("previous", gp)):
        for f, v in reg[sect].items():
            if f in src.get(reg["region"], {}) and src[reg["region"]][f] != v: print(reg["region"], sect, f, v, src[reg["region"]][f]); bad += 1
print(f"{len(w['regions'])} regions, {bad} disagreements")
sys.exit(1 if bad else 0)

### run for A in "2026-10-20 12:00" "2026-12-31 23:59:59"; do svc --db gen.db report weekly --week 2026-W41 --as-of "$A" --format json > w.json && svc --db gen.db report sla --period 2026-W41 --by region --as-of "$A" --format json > r.json && svc --db gen.db report sla --period 2026-W40 --by region --as-of "$A" --format json > rp.json && python3 weekly_vs_sla.py w.json r.json rp.json || exit 1; done
# the weekly report's kpis (this week) and previous (the week before), repeat repairs included, are report sla's, which the reference checked above
### stdout
5 regions, 0 disagreements
5 regions, 0 disagreements

### run for d in 6 7 45; do printf '[kpi]\nrepeat_days = %s\n' $d > k.toml; A="2026-11-12 12:00"; svc --config k.toml audit sla --all --as-of "$A" --format json > st.json 2>/dev/null && svc --config k.toml report sla --period 2026-11 --by outlet --as-of "$A" --format json > s.json && REPEAT_DAYS=$d python3 "$SRC/tests/e2e/spec_reference.py" v2.csv st.json month 2026-11 "$A" outlet s.json > r.out || { cat r.out; exit 1; }; python3 -c "import json; t=json.load(open('s.json'))['total']; print('repeat_days $d:', t['repeat_repairs'], 'of', t['repairs_with_serial'])"; done
# [kpi] repeat_days: R1 comes 6.75 days after A1's final completion, E2 exactly 30 days after E1's
### stdout
repeat_days 6: 0 of 4
repeat_days 7: 1 of 4
repeat_days 45: 3 of 4

### run A="2026-10-20 16:45"; svc --db b.db init -q && svc --db b.db batch --format json --report sla,outlets --period 2026-10 --as-of "$A" gen.csv > b.json && python3 -c "import json; d = json.load(open('b.json')); json.dump(d['sla'], open('bs.json', 'w')); json.dump(d['outlets'], open('bo.json', 'w')); print(d['import'])" && svc --db b.db audit sla --all --as-of "$A" --format json > st.json 2>/dev/null && python3 "$SRC/tests/e2e/spec_reference.py" gen.csv st.json month 2026-10 "$A" region bs.json && python3 "$SRC/tests/e2e/spec_reference.py" gen.csv st.json month 2026-10 "$A" outlets bo.json
# svc batch reads the same v2 log the same way (its sla step groups by region)
### stdout
{'read': 4000, 'new': 4000, 'duplicate': 0, 'rejected': 0, 'files': [{'file': 'gen.csv', 'status': 'stored', 'read': 4000, 'new': 4000, 'duplicate': 0, 'rejected': 0, 'failed': False}]}
region: 6 rows, 0 disagreements
outlets: 15 outlets, 0 disagreements
