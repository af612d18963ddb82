The repeat-repair rate (返修率, spec v2 §3) by product, and svc report repeats (issue 17): hand-computed cases.
A: completed 11-02 10:00; B (same unit) created exactly 30 days later: a repeat; C one second later: not.
D's completion was voided before E was created: no repeat. F was cancelled: G is no repeat of it.
H completed 11-20 10:00 and J created at that very instant (0 days): a repeat.

### file units.csv
id,ts,ticket,event,type,urgency,region,outlet,product,serial,engineer,ref,note
a1,2026-11-01 08:00,A,created,install,normal,华东,SH-01,KFR-35GW,S1,,,
a2,2026-11-01 09:00,A,dispatched,,,,,,,E-1,,
a3,2026-11-02 10:00,A,completed,,,,,,,,,
b1,2026-12-02 10:00,B,created,repair,normal,华东,SH-01,KFR-35GW,S1,,,
c1,2026-12-02 10:00:01,C,created,repair,normal,华东,SH-02,KFR-35GW,S1,,,
d1,2026-11-10 10:00,D,created,repair,normal,华东,SH-02,XQG100,S2,,,
d2,2026-11-11 10:00,D,completed,,,,,,,,,
d3,2026-11-12 10:00,D,voided,,,,,,,,d2,wrong unit
e1,2026-11-20 10:00,E,created,repair,normal,华东,SH-02,XQG100,S2,,,
f1,2026-11-03 10:00,F,created,repair,normal,华北,BJ-01,BCD-470,S3,,,
f2,2026-11-04 10:00,F,completed,,,,,,,,,
f3,2026-11-04 11:00,F,cancelled,,,,,,,,,
g1,2026-11-05 10:00,G,created,repair,normal,华北,BJ-01,BCD-470,S3,,,
h1,2026-11-19 10:00,H,created,repair,normal,华北,BJ-01,BCD-470,S4,,,
h2,2026-11-19 11:00,H,dispatched,,,,,,,E-2,,
h3,2026-11-20 10:00,H,completed,,,,,,,,,
j1,2026-11-20 10:00,J,created,repair,normal,华北,BJ-01,BCD-470,S4,,,

### run svc import -q units.csv > /dev/null && svc report repeats --from 2026-11-01 --to 2026-12-31 --as-of 2026-12-31 --format csv | tr -d '\r'
### stdout
serial,model,outlet,ticket,created,engineer,earlier,completed,earlier_engineer,days
S4,BCD-470,BJ-01,J,2026-11-20 10:00,,H,2026-11-20 10:00,E-2,0
S1,KFR-35GW,SH-01,B,2026-12-02 10:00,,A,2026-11-02 10:00,E-1,30

### run svc report sla --from 2026-11-01 --to 2026-12-31 --as-of 2026-12-31 --by product --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print([(g["key"], g["repairs_with_serial"], g["repeat_repairs"], g["repeat_repair_rate"]) for g in d["groups"] + [d["total"]]])'
# F is cancelled (not in scope); G, H, J are BCD-470 repairs, J a repeat; B, C KFR-35GW, B a repeat; D, E not
### stdout
[('BCD-470', 3, 1, 0.3333333333333333), ('KFR-35GW', 2, 1, 0.5), ('XQG100', 2, 0, 0.0), ('all', 7, 2, 0.2857142857142857)]

### run svc report repeats --from 2026-11-01 --to 2026-12-31 --as-of '2026-11-11 12:00' --format json | python3 -c 'import json,sys; print([r["ticket"] for r in json.load(sys.stdin)["repeats"]])'
# as of 11-11 12:00 nothing of the later tickets exists yet
### stdout
[]

### file days.toml
[kpi]
repeat_days = 29

### run svc --config days.toml report repeats --from 2026-11-01 --to 2026-12-31 --as-of 2026-12-31 --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["repeat_days"], [r["ticket"] for r in d["repeats"]])'
# a window of 29 days: B (30 days after A) is no longer a repeat
### stdout
29 ['J']
