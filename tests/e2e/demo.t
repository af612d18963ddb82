The README's quick start on the demo network and the demo service log, end to end.

### run svc init && svc config check $SRC/examples/svc.toml
### stdout-has
examples/svc.toml: ok

### run svc outlet import $SRC/examples/network/outlets.csv && svc engineer import $SRC/examples/network/engineers.csv && svc outlet list --format json | head -c 200
### stdout-has
"id":

### run svc import --format json $SRC/examples/demo/service-log.csv
### stdout-has
"new":3000
"rejected":0

### run svc import --format json $SRC/examples/demo/service-log.csv
### stdout-has
"new":0
"duplicate":3000

### run svc audit verify
### exit 0

### run svc audit sla --as-of 2026-11-20 --all --format json | head -c 60
### stdout-has
{"as_of":"2026-11-20T23:59:59+08:00"

### file names.py
# every outlet and engineer the demo log names is in the demo network
import csv, sys
src = sys.argv[1]
log = list(csv.DictReader(open(f"{src}/examples/demo/service-log.csv", encoding="utf-8")))
outlets = {r["id"] for r in csv.DictReader(open(f"{src}/examples/network/outlets.csv", encoding="utf-8"))}
engineers = {r["id"] for r in csv.DictReader(open(f"{src}/examples/network/engineers.csv", encoding="utf-8"))}
named_o = {r["outlet"] for r in log if r["outlet"]}
named_e = {r["engineer"] for r in log if r["engineer"]}
print("outlets missing:", sorted(named_o - outlets) or "none")
print("engineers missing:", sorted(named_e - engineers) or "none")
print(f"{len(named_o)} outlets and {len(named_e)} engineers named")

### run python3 names.py "$SRC"
### stdout-has
outlets missing: none
engineers missing: none

### file spread.py
# the monthly run: grades from excellent to fail, rewards and fines to different outlets,
# engineers graded
import json, sys
payouts = json.load(open("payouts.json"))["payouts"]
engineers = json.load(open("engineers.json"))["engineers"]
grades = {p["grade"] for p in payouts}
rewarded = {p["outlet"] for p in payouts if p["reward"] > 0}
fined = {p["outlet"] for p in payouts if p["penalty"] > 0}
print("excellent:", "yes" if "excellent" in grades else "no")
print("fail:", "yes" if "fail" in grades else "no")
print("rewarded only:", "yes" if rewarded - fined else "no")
print("fined only:", "yes" if fined - rewarded else "no")
graded = [e for e in engineers if e["grade"] != "insufficient"]
print("engineer grades:", len({e["grade"] for e in graded}), "kinds over", len(graded), "engineers")
print("engineers graded:", "yes" if len({e["grade"] for e in graded}) >= 2 else "no")

### run svc audit outlets --period 2026-11 --apply
# ---- the monthly run: November settles on 4 December (settle_days 3); now (23 November) is too early ----
### exit 75
### stderr-has
2026-11 cannot be applied before 2026-12-04T00:00:00+08:00

### run SVC_NOW=2026-12-04T00:00:00Z svc audit outlets --period 2026-11 --as-of '2026-12-04 06:00' --apply --format json
# as in the README, run at 08:00 on 4 December, as of 06:00 (when the monthly timer runs)
### stdout-has
{"period":"2026-11","revision":1,"recorded":true,"outlets":15,

### run svc report payouts --period 2026-11 --format json > payouts.json && svc report engineers --period 2026-11 --as-of 2026-12-04 --format json > engineers.json && python3 spread.py
### stdout-has
excellent: yes
fail: yes
rewarded only: yes
fined only: yes
engineers graded: yes
