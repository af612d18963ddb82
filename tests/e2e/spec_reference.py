#!/usr/bin/env python3
"""An independent reference implementation of docs/sla.md v3 §2 (ticket
targets and statuses), §3 (KPIs, with the repeat-repair rate) and §5 (outlet
assessment) under the default policy (§1: the 2025 and 2026 calendars), on service-log v2 (voided events),
written from the spec text alone (exact fractions and exact time arithmetic,
no code shared with svc), to check svc's JSON output.

usage: spec_reference.py LOG.csv STATUS.json KIND PERIOD AS_OF WHAT SVC.json
  LOG.csv      the service log that was imported (CSV; a `voided` event's `ref`
               must name an event by its `id` column)
  STATUS.json  `svc audit sla --all --as-of AS_OF --format json`: every ticket's
               §2 status in it is compared with the reference's own, which the
               KPIs use
  KIND PERIOD  month 2026-11 | week 2026-W47 | range 2026-11-03/2026-11-20
               (ignored for WHAT=audit)
  WHAT         region|outlet|engineer|type|urgency|channel (svc report sla --by),
               outlets (svc report outlets), or audit (SVC.json is
               `svc audit sla --all --format json`: rule, status, every
               target's status, elapsed_s, target_s, overdue_s, due, at_risk)
  SVC.json     svc's JSON output for the same period, grouping and as-of
Prints one line per disagreement and exits 1 when there is any.
Environment: REPEAT_DAYS (default 30), svc's [kpi] repeat_days.

v3 (§1, §5): the default calendar holds the official 2025 calendar as well; the
excellence bonus needs the standard; an insufficient outlet pays its findings.
v2 (§2): an event counts when its ts <= AS_OF and no `voided` event naming it
has a ts <= AS_OF; `voided` events count for nothing themselves. Pauses are read
from the counting events in order (a `paused` starts one unless one runs, a
`resumed` ends the running one, a `resumed` with no pause running is ignored).
"""
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
import os
REPEAT_DAYS = int(os.environ.get("REPEAT_DAYS", "30"))  # [kpi] repeat_days, when svc ran with another
as_of = ts(as_of_s)
svc_status = {t["ticket"]: t["status"] for t in json.load(open(statusfile))["tickets"]}
from collections import defaultdict
rows = [defaultdict(str, {k: v or "" for k, v in r.items()}) for r in csv.DictReader(open(log, encoding="utf-8-sig"))]
for i, r in enumerate(rows):
    r["_t"] = ts(r["ts"]); r["_i"] = i
# withdrawn as of as_of: named by a `voided` event whose ts <= as_of
withdrawn = {r["ref"] for r in rows if r["event"] == "voided" and r["_t"] <= as_of}
by = {}
for r in rows:
    if r["_t"] > as_of or r["event"] == "voided": continue
    if r.get("id") and r["id"] in withdrawn: continue
    by.setdefault(r["ticket"], []).append(r)
for evs in by.values(): evs.sort(key=lambda r: (r["_t"], r["_i"]))

# ---- §1 default policy, §2 targets ----
# v3 §1: the official 2025 and 2026 calendars together (State Council notices of 2024-11-12 and 2025-11-04)
HOL = {date.fromisoformat(d) for d in """2025-01-01 2025-01-28 2025-01-29 2025-01-30 2025-01-31 2025-02-01
 2025-02-02 2025-02-03 2025-02-04 2025-04-04 2025-04-05 2025-04-06 2025-05-01 2025-05-02 2025-05-03 2025-05-04
 2025-05-05 2025-05-31 2025-06-01 2025-06-02 2025-10-01 2025-10-02 2025-10-03 2025-10-04 2025-10-05 2025-10-06
 2025-10-07 2025-10-08
 2026-01-01 2026-01-02 2026-01-03 2026-02-15 2026-02-16 2026-02-17
 2026-02-18 2026-02-19 2026-02-20 2026-02-21 2026-02-22 2026-02-23 2026-04-04 2026-04-05 2026-04-06 2026-05-01
 2026-05-02 2026-05-03 2026-05-04 2026-05-05 2026-06-19 2026-06-20 2026-06-21 2026-09-25 2026-09-26 2026-09-27
 2026-10-01 2026-10-02 2026-10-03 2026-10-04 2026-10-05 2026-10-06 2026-10-07""".split()}
EXTRA = {date.fromisoformat(d) for d in """2025-01-26 2025-02-08 2025-04-27 2025-09-28 2025-10-11
 2026-01-04 2026-02-14 2026-02-28 2026-05-09 2026-09-20 2026-10-10""".split()}
SPANS = [((8, 30), (12, 0)), ((13, 0), (17, 30))]
def working(d): return d in EXTRA or (d.weekday() < 5 and d not in HOL)
def spans(d):
    if not working(d): return []
    return [(datetime(d.year, d.month, d.day, a[0], a[1], tzinfo=TZ), datetime(d.year, d.month, d.day, b[0], b[1], tzinfo=TZ))
            for a, b in SPANS]
def clock(biz, a, b):
    """time counted by the clock between instants a and b (a timedelta)"""
    if b <= a: return timedelta(0)
    if not biz: return b - a
    tot = timedelta(0); d = a.astimezone(TZ).date(); end = b.astimezone(TZ).date()
    while d <= end:
        for s0, e0 in spans(d):
            lo, hi = max(a, s0), min(b, e0)
            if hi > lo: tot += hi - lo
        d += timedelta(1)
    return tot
def advance(biz, t, rem):
    """the earliest instant at which the clock has counted rem from t"""
    if rem <= timedelta(0): return t
    if not biz: return t + rem
    d = t.astimezone(TZ).date()
    while True:
        for s0, e0 in spans(d):
            lo = max(t, s0)
            if e0 > lo:
                if rem <= e0 - lo: return lo + rem
                rem -= e0 - lo
        d += timedelta(1)
H = lambda n: (False, timedelta(hours=n)); BD = lambda n: (True, timedelta(hours=8 * n))
RULES = [("remote", lambda c: c["distance_km"] != "" and F(c["distance_km"]) > 100,
          dict(response=H(12), resolution=BD(5), followup=H(24))),
         ("urgent", lambda c: c["urgency"] == "urgent", dict(response=H(1), arrival=H(1), resolution=H(24), followup=H(24))),
         ("consultation", lambda c: c["type"] in ("consultation", "complaint"), dict(response=H(24), resolution=BD(3))),
         ("standard", lambda c: True, dict(response=H(24), arrival=H(24), resolution=BD(3), followup=H(24)))]
ORDER = ["response", "arrival", "resolution", "followup"]
def final_completion(evs):
    """index of the last `completed` with no later `rejected`/`reopened`"""
    f = None
    for i, e in enumerate(evs):
        if e["event"] == "completed": f = i
        if e["event"] in ("rejected", "reopened"): f = None
    return f
def audit(evs):
    c = evs[0]
    rule = next(((n, tg) for n, w, tg in RULES if w(c)), None)
    pauses, run = [], None
    for e in evs:
        if e["event"] == "paused" and run is None: run = e["_t"]
        elif e["event"] == "resumed" and run is not None: pauses.append((run, e["_t"])); run = None
    paused_now = run is not None
    if paused_now: pauses.append((run, as_of))
    cancel = next((e["_t"] for e in evs if e["event"] == "cancelled"), None)
    cancel_i = next((i for i, e in enumerate(evs) if e["event"] == "cancelled"), None)
    cl = [e for e in evs if e["event"] in ("closed", "reopened")]
    closed_at = cl[-1]["_t"] if cl and cl[-1]["event"] == "closed" else None
    fc = final_completion(evs)
    first = lambda k, after=-1: next((i for i, e in enumerate(evs) if e["event"] == k and i > after), None)
    startstop = dict(response=(0, first("responded")), arrival=(0, first("arrived")), resolution=(0, fc),
                     followup=(fc, None if fc is None else first("followed_up", fc)))
    out = dict(ticket=c["ticket"], rule=rule and rule[0], targets={})
    if rule:
        for name in ORDER:
            if name not in rule[1]: continue
            biz, tgt = rule[1][name]
            r = dict(target_s=tgt.total_seconds())
            st, sp = startstop[name]
            if st is None or (cancel_i is not None and (sp is None or cancel_i < sp)):
                r["status"] = "n/a"; out["targets"][name] = r; continue
            a = evs[st]["_t"]
            b = evs[sp]["_t"] if sp is not None else (closed_at if closed_at is not None else as_of)
            el = clock(biz, a, b) - sum((clock(biz, max(a, p0), min(b, p1)) for p0, p1 in pauses), timedelta(0))
            r["elapsed"] = el
            if sp is not None: r["status"] = "met" if el <= tgt else "breached"
            elif el > tgt or closed_at is not None: r["status"] = "breached"
            else:
                r["status"] = "pending"; r["at_risk"] = el >= tgt * 8 / 10
                r["due"] = None if paused_now else advance(biz, as_of, tgt - el)
            if r["status"] == "breached": r["overdue"] = max(timedelta(0), el - tgt)
            out["targets"][name] = r
    sts = [r["status"] for r in out["targets"].values()]
    out["status"] = ("cancelled" if cancel is not None else "none" if rule is None else "late" if "breached" in sts
                     else "on_time" if all(x in ("met", "n/a") for x in sts) and "met" in sts else "open")
    return out
AUD = {k: audit(v) for k, v in by.items()}
status = {k: a["status"] for k, a in AUD.items()}
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
             comp=False, final=False, rework=False, findings=0, serial=c.get("serial") or None, fc_t=None)
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
    fc = final_completion(evs)
    if fc is not None: t["fc_t"] = evs[fc]["_t"]
    t["status"] = status[t["ticket"]]
    return t
T = [facts(e) for e in by.values()]
SER = {}
for t in T:
    if t["serial"] is not None: SER.setdefault(t["serial"], []).append(t)
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
    rep = [t for t in ts if t["type"] == "repair" and t["serial"] is not None]
    win = timedelta(days=REPEAT_DAYS)
    def repeat(t):
        return any(u is not t and not u["cancelled"] and u["fc_t"] is not None
                   and t["created"] - win <= u["fc_t"] <= t["created"] for u in SER.get(t["serial"], []))
    nrep = sum(repeat(t) for t in rep)
    def pct(p):
        if not rs: return None
        return rs[math.ceil(p * len(rs) / 100) - 1] / 3600
    return dict(tickets=len(ts), on_time=on, late=late, open=len(ts) - on - late, timeliness=rate(on, on + late),
                followed_up=len(fu), satisfied=sat, satisfaction=rate(sat, len(fu)), complaints=cmp_,
                complaint_rate=rate(cmp_, len(nc)), first_time_fix=rate(ftf, len(fin)),
                repairs_with_serial=len(rep), repeat_repairs=nrep, repeat_repair_rate=rate(nrep, len(rep)),
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
        # v3: no score, grade, reward or KPI penalty, but 1000.00 per integrity finding, net = -penalty
        fine = 100000 * k["findings"]
        return dict(tickets=k["tickets"], credit=fl(credit), technical=fl(tech), service=fl(serv), quality=fl(qual),
                    score=None, grade="insufficient", meets_standard=meets, findings=k["findings"],
                    reward=0, penalty=fine / 100, net=-fine / 100, actions=[])
    g = "excellent" if score >= 90 else "good" if score >= 80 else "pass" if score >= 60 else "fail"
    # v3: 2000.00 for the standard, plus 1000.00 for the standard AND grade excellent
    reward = 200000 * meets + 100000 * (meets and g == "excellent")
    pen = 50000 * miss + 100000 * k["findings"]
    return dict(tickets=k["tickets"], credit=fl(credit), technical=fl(tech), service=fl(serv), quality=fl(qual),
                score=fl(score), grade=g, meets_standard=meets, findings=k["findings"], reward=reward / 100,
                penalty=pen / 100, net=(reward - pen) / 100, actions=["interview"] if g == "fail" else [])
def group(ts, key):
    d = {}
    for t in ts: d.setdefault(key(t), []).append(t)
    return d
bad = 0
for k in sorted(set(status) | set(svc_status)):
    if status.get(k) != svc_status.get(k): print(k, "status ref", status.get(k), "svc", svc_status.get(k)); bad += 1
if what == "audit":
    svc = {t["ticket"]: t for t in json.load(open(svcfile))["tickets"]}
    sec = lambda d: d.total_seconds()
    for k in sorted(set(AUD) | set(svc)):
        if k not in AUD or k not in svc: print(k, "only in", "svc" if k in svc else "ref"); bad += 1; continue
        a, g = AUD[k], svc[k]
        for f in ("rule", "status"):
            if a[f] != g.get(f): print(k, f, "ref", a[f], "svc", g.get(f)); bad += 1
        gt = g.get("targets") or {}
        if list(a["targets"]) != list(gt): print(k, "targets ref", list(a["targets"]), "svc", list(gt)); bad += 1
        for n, r in a.items() if False else a["targets"].items():
            w = gt.get(n, {})
            want = dict(status=r["status"], target_s=r["target_s"])
            if "elapsed" in r: want["elapsed_s"] = sec(r["elapsed"])
            if "overdue" in r: want["overdue_s"] = sec(r["overdue"])
            if "at_risk" in r: want["at_risk"] = r["at_risk"]; want["due"] = r["due"]
            if set(want) != set(w): print(k, n, "fields ref", sorted(want), "svc", sorted(w)); bad += 1
            for f, v in want.items():
                x = w.get(f, "MISSING")
                if f == "due" and v is not None and isinstance(x, str):
                    ok = abs((ts(x) - v).total_seconds()) < 1e-3
                elif isinstance(v, float) and isinstance(x, (int, float)) and not isinstance(x, bool):
                    ok = abs(v - x) < 1e-3
                else: ok = v == x
                if not ok: print(k, n, f, "ref", v, "svc", x); bad += 1
    print(f"audit: {len(AUD)} tickets, {bad} disagreements")
    sys.exit(1 if bad else 0)
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
if set(ref) != set(got): print("keys differ", sorted(set(ref) ^ set(got))); bad += 1
for k in ref:
    if k not in got: continue
    for f, v in ref[k].items():
        w = got[k].get(f, "MISSING")
        ok = (v == w) if not isinstance(v, float) or not isinstance(w, (int, float)) else abs(v - w) <= 1e-9 * max(1, abs(v))
        if not ok: print(k, f, "ref", v, "svc", w); bad += 1
print(f"{what}: {len(ref)} {'outlets' if what == 'outlets' else 'rows'}, {bad} disagreements")
sys.exit(1 if bad else 0)
