#!/usr/bin/env python3
"""An independent reference implementation of shared/spec/sla.md §3 (KPIs) and
§5 (outlet assessment) under the default policy, written from the spec text
alone (exact fractions, no code shared with svc), to check svc's JSON output.

usage: spec_reference.py LOG.csv STATUS.json KIND PERIOD AS_OF WHAT SVC.json
  LOG.csv      the service log that was imported (CSV)
  STATUS.json  `svc audit sla --all --as-of AS_OF --format json` (§2 ticket statuses)
  KIND PERIOD  month 2026-11 | week 2026-W47 | range 2026-11-03/2026-11-20
  WHAT         region|outlet|engineer|type|urgency|channel (svc report sla --by)
               or outlets (svc report outlets)
  SVC.json     svc's JSON output for the same period, grouping and as-of
Prints one line per disagreement and exits 1 when there is any.
"""
# ticket statuses (§2) taken from `svc audit sla --all --format json`.
import csv, json, sys, math, re
from datetime import datetime, date, timedelta
from fractions import Fraction as F
from zoneinfo import ZoneInfo
TZ = ZoneInfo("Asia/Shanghai")
def ts(s):
    s = s.strip()
    m = re.fullmatch(r"(\d{4}-\d\d-\d\d) (\d\d:\d\d(:\d\d)?)", s)
    if m:
        fmt = "%Y-%m-%d %H:%M:%S" if m.group(3) else "%Y-%m-%d %H:%M"
        return datetime.strptime(s, fmt).replace(tzinfo=TZ)
    s = s.replace("Z", "+00:00")
    return datetime.fromisoformat(s)
log, statusfile, kind, arg, as_of_s, what, svcfile = sys.argv[1:8]
as_of = ts(as_of_s)
status = {t["ticket"]: t["status"] for t in json.load(open(statusfile))["tickets"]}
rows = list(csv.DictReader(open(log, encoding="utf-8-sig")))
by = {}
for i, r in enumerate(rows):
    r["_t"] = ts(r["ts"]); r["_i"] = i
    if r["_t"] <= as_of: by.setdefault(r["ticket"], []).append(r)
for evs in by.values(): evs.sort(key=lambda r: (r["_t"], r["_i"]))
def period(kind, arg):
    if kind == "month":
        y, m = map(int, arg.split("-")); a = date(y, m, 1)
        b = date(y + (m == 12), m % 12 + 1, 1)
        return a, b
    if kind == "week":
        y, w = int(arg[:4]), int(arg[6:]); a = date.fromisocalendar(y, w, 1); return a, a + timedelta(7)
    f, t = arg.split("/"); return date.fromisoformat(f), date.fromisoformat(t) + timedelta(1)
def prev(kind, arg):
    a, b = period(kind, arg)
    if kind == "month":
        p = a - timedelta(1); return f"{p.year:04}-{p.month:02}"
    if kind == "week":
        y, w, _ = (a - timedelta(7)).isocalendar(); return f"{y:04}-W{w:02}"
def facts(evs):
    c = evs[0]; assert c["event"] == "created"
    t = dict(ticket=c["ticket"], outlet=c["outlet"], region=c["region"], type=c["type"], urgency=c["urgency"],
             channel=c["channel"] or None, created=c["_t"], cancelled=False, fu=None, resp=None, eng=None,
             comp=False, final=False, rework=False, findings=0)
    done = False
    for e in evs:
        k = e["event"]
        if k == "cancelled": t["cancelled"] = True
        if k == "followed_up": t["fu"] = int(e["satisfaction"])
        if k == "responded" and t["resp"] is None: t["resp"] = e["_t"] - c["_t"]
        if k == "dispatched": t["eng"] = e["engineer"]
        if k == "complaint" and e["responsible"] == "yes": t["comp"] = True
        if k == "completed": t["final"] = True; done = True
        if k in ("rejected", "reopened"): t["final"] = False; t["rework"] = True
        if k == "signed" and not done: t["findings"] += 1
        if k == "fee" and e["approved"] == "no": t["findings"] += 1
    t["status"] = status[t["ticket"]]
    return t
T = [facts(e) for e in by.values()]
def scope(kind, arg):
    a, b = period(kind, arg)
    return [t for t in T if not t["cancelled"] and a <= t["created"].astimezone(TZ).date() < b]
def rate(n, d): return None if d == 0 else F(n, d)
def kpis(ts):
    on = sum(t["status"] == "on_time" for t in ts); late = sum(t["status"] == "late" for t in ts)
    fu = [t for t in ts if t["fu"] is not None]; sat = sum(t["fu"] >= 4 for t in fu)
    nc = [t for t in ts if t["type"] != "complaint"]; cmp_ = sum(t["comp"] for t in nc)
    fin = [t for t in ts if t["final"]]; ftf = sum(not t["rework"] for t in fin)
    rs = sorted(t["resp"].total_seconds() for t in ts if t["resp"] is not None)
    def pct(p):
        if not rs: return None
        return rs[math.ceil(p * len(rs) / 100) - 1] / 3600
    return dict(tickets=len(ts), on_time=on, late=late, open=len(ts) - on - late, timeliness=rate(on, on + late),
                followed_up=len(fu), satisfied=sat, satisfaction=rate(sat, len(fu)), complaints=cmp_,
                complaint_rate=rate(cmp_, len(nc)), first_time_fix=rate(ftf, len(fin)),
                response_p50_h=pct(50), response_p90_h=pct(90), findings=sum(t["findings"] for t in ts))
def fl(x): return None if x is None else float(x)
def assess(ts):
    k = kpis(ts)
    credit = max(F(0), 100 - 20 * F(k["findings"]))
    tech = None if k["first_time_fix"] is None else 100 * k["first_time_fix"]
    serv = None if k["timeliness"] is None else 100 * k["timeliness"]
    s, c = k["satisfaction"], k["complaint_rate"]
    qual = None if s is None and c is None else min(F(100), max(F(0), 100 * (s or 0) - 100 * (c or 0)))
    W = [(credit, F(2, 10)), (tech, F(2, 10)), (serv, F(3, 10)), (qual, F(3, 10))]
    ws = sum(w for d, w in W if d is not None)
    score = sum(d * w for d, w in W if d is not None) / ws
    miss = (k["timeliness"] is not None and k["timeliness"] < F(9, 10)) + \
           (k["satisfaction"] is not None and k["satisfaction"] < F(85, 100)) + \
           (k["complaint_rate"] is not None and k["complaint_rate"] > F(3, 100))
    meets = miss == 0
    if k["tickets"] < 10:
        return dict(tickets=k["tickets"], credit=fl(credit), technical=fl(tech), service=fl(serv), quality=fl(qual),
                    score=None, grade="insufficient", meets_standard=meets, findings=k["findings"],
                    reward=0, penalty=0, net=0, actions=[])
    g = "excellent" if score >= 90 else "good" if score >= 80 else "pass" if score >= 60 else "fail"
    reward = 200000 * meets + 100000 * (g == "excellent")
    pen = 50000 * miss + 100000 * k["findings"]
    return dict(tickets=k["tickets"], credit=fl(credit), technical=fl(tech), service=fl(serv), quality=fl(qual),
                score=fl(score), grade=g, meets_standard=meets, findings=k["findings"], reward=reward / 100,
                penalty=pen / 100, net=(reward - pen) / 100, actions=["interview"] if g == "fail" else [])
def group(ts, key):
    d = {}
    for t in ts: d.setdefault(key(t), []).append(t)
    return d
S = scope(kind, arg)
if what == "outlets":
    out = {}
    for o, ts in sorted(group(S, lambda t: t["outlet"]).items()):
        a = assess(ts)
        if a["grade"] == "fail" and kind in ("month", "week"):
            pk = prev(kind, arg); P = [t for t in scope(kind, pk) if t["outlet"] == o]
            if P and assess(P)["grade"] == "fail": a["actions"].append("rectification")
        out[o] = a
    ref = out
else:
    keyf = {"region": "region", "outlet": "outlet", "engineer": "eng", "type": "type", "urgency": "urgency", "channel": "channel"}[what]
    out = {str(g): {k: (fl(v) if isinstance(v, F) else v) for k, v in kpis(ts).items() if k != "findings"}
           for g, ts in group(S, lambda t: t[keyf]).items()}
    out["all"] = {k: (fl(v) if isinstance(v, F) else v) for k, v in kpis(S).items() if k != "findings"}
    ref = out

# ---- compare with svc ----
svc = json.load(open(svcfile))
if what == "outlets":
    got = {o["outlet"]: o for o in svc["outlets"]}
else:
    got = {str(g["key"]): g for g in svc["groups"]}; got["all"] = svc["total"]
bad = 0
if set(ref) != set(got): print("keys differ", sorted(set(ref) ^ set(got))); bad += 1
for k in ref:
    if k not in got: continue
    for f, v in ref[k].items():
        w = got[k].get(f, "MISSING")
        ok = (v == w) if not isinstance(v, float) or not isinstance(w, (int, float)) else abs(v - w) <= 1e-9 * max(1, abs(v))
        if not ok: print(k, f, "ref", v, "svc", w); bad += 1
print(f"{what}: {len(ref)} {'outlets' if what == 'outlets' else 'rows'}, {bad} disagreements")
sys.exit(1 if bad else 0)
