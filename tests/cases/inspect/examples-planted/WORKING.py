#!/usr/bin/env python3
"""Independent re-implementation of inspect(1)'s CHECKS, from the man page
only, with the default thresholds, over examples/events.csv,
examples/accounts.csv and examples/projects.csv for --period 2026-10 (UTC).

Run from the top of the source:  python3 tests/cases/inspect/examples-planted/WORKING.py
It prints "severity,check,subject" in the documented order (most severe
first, then check, subject, first_seen) and, on standard error, the figures
behind each finding (value, threshold, count, first/last seen).
"""
import csv, math, os, sys
from collections import defaultdict
from datetime import datetime, timezone, timedelta

top = os.environ.get("UPKEEP_TOP") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../..")
ex = os.path.join(top, "examples")

def t(s):
    s = s.strip()
    if not s:
        return None
    if len(s) == 10:
        return datetime.strptime(s, "%Y-%m-%d").replace(tzinfo=timezone.utc)
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)

START = datetime(2026, 10, 1, tzinfo=timezone.utc)
END = datetime(2026, 11, 1, tzinfo=timezone.utc)      # the period's end (ref)
RUN, RATE, MINEV, BMIN, BSD, LAT, GAP = 3, 0.05, 20, 10, 3, 2000, timedelta(hours=6)
LFAIL, LWIN, SPRAY, STALE, ADMIN, EXPIRED = 5, timedelta(minutes=15), 10, 90, 30, 180
REORDER = timedelta(hours=1)

ev = []
late = 0
newest = None
with open(os.path.join(ex, "events.csv"), newline="") as f:
    for i, r in enumerate(csv.DictReader(f)):
        tm = t(r["time"])
        st = r["status"].lower()
        err = st in ("error", "fail", "failure", "false")
        assert err or st in ("ok", "success", "true"), st
        if not (START <= tm < END):
            continue
        lt = newest is not None and tm < newest - REORDER
        late += lt
        newest = tm if newest is None or tm > newest else newest
        lat = float(r["latency_ms"]) if r["latency_ms"] else None
        ev.append(dict(i=i, t=tm, user=r["user"], feat=r["feature"], err=err,
                       lat=lat, ip=r["ip"], late=lt))
print("events in period %d, late (beyond 1h) %d" % (len(ev), late), file=sys.stderr)

acc = {}
with open(os.path.join(ex, "accounts.csv"), newline="") as f:
    for r in csv.DictReader(f):
        acc[r["user"]] = dict(role=r["role"].lower(), status=(r["status"] or "active").lower(),
                              created=t(r["created"]), last_login=t(r["last_login"]))
proj = {}
with open(os.path.join(ex, "projects.csv"), newline="") as f:
    for r in csv.DictReader(f):
        proj[r["project"]] = dict(status=r["status"], end=t(r["end"]))

out = []   # (sev, check, subject, first_seen, detail)
SEV = {"critical": 0, "warning": 1, "info": 2}
def add(sev, check, subj, first, detail):
    out.append((sev, check, subj, first, detail))

byfeat = defaultdict(list)
for e in ev:
    byfeat[e["feat"]].append(e)

# consecutive_failures: time order, same millisecond successes first; late events left out
for feat, es in byfeat.items():
    s = sorted((e for e in es if not e["late"]), key=lambda e: (e["t"], e["err"], e["i"]))
    runs, cur = [], []
    for e in s + [None]:
        if e is not None and e["err"]:
            cur.append(e)
            continue
        if len(cur) >= RUN:
            runs.append(cur)
        cur = []
    if runs:
        add("critical", "consecutive_failures", feat, runs[0][0]["t"],
            "value %d count %d first %s last %s" % (max(map(len, runs)), len(runs), runs[0][0]["t"], runs[-1][-1]["t"]))

# error_rate
for feat, es in byfeat.items():
    n, k = len(es), sum(e["err"] for e in es)
    if n >= MINEV and k / n > RATE:
        errs = sorted(e["t"] for e in es if e["err"])
        add("warning", "error_rate", feat, errs[0], "value %d/%d = %.10g count %d" % (k, n, k / n, k))

# error_burst: every clock hour the period touches
nh = int((END - START).total_seconds() // 3600)
hours = [0] * nh
for e in ev:
    if e["err"]:
        hours[int((e["t"] - START).total_seconds() // 3600)] += 1
m = sum(hours) / nh
sd = math.sqrt(sum((h - m) ** 2 for h in hours) / nh)
need = math.ceil(max(BMIN, m + BSD * sd))
print("hours %d errors %d mean %.4f sd %.4f burst threshold %d" % (nh, sum(hours), m, sd, need), file=sys.stderr)
h = 0
while h < nh:
    if hours[h] >= need:
        j = h
        while j + 1 < nh and hours[j + 1] >= need:
            j += 1
        st = START + timedelta(hours=h)
        add("warning", "error_burst", st.strftime("%Y-%m-%dT%H:%M:%SZ"), st,
            "value %d threshold %d count %d" % (max(hours[h:j + 1]), need, sum(hours[h:j + 1])))
        h = j + 1
    else:
        h += 1

# latency_p95: nearest rank
for feat, es in byfeat.items():
    ls = sorted(e["lat"] for e in es if e["lat"] is not None)
    if len(ls) >= MINEV:
        p95 = ls[math.ceil(0.95 * len(ls)) - 1]
        if p95 > LAT:
            add("warning", "latency_p95", feat, None, "p95 %g ms of %d, count %d slower" % (p95, len(ls), sum(x > LAT for x in ls)))

# log_gap: explicit period, so from its start and to its end too
ts = [START] + sorted(e["t"] for e in ev) + [END]
for a, b in zip(ts, ts[1:]):
    if b - a > GAP:
        add("critical", "log_gap", a.strftime("%Y-%m-%dT%H:%M:%SZ"), a,
            "%.10g hours, %s to %s" % ((b - a).total_seconds() / 3600, a, b))

# failed_logins: half-open windows [t, t + 15 min)
fails = sorted((e for e in ev if e["feat"] == "auth.login" and e["err"] and not e["late"]),
               key=lambda e: (e["t"], e["i"]))
byuser, byip = defaultdict(list), defaultdict(list)
for e in fails:
    byuser[e["user"]].append(e)
    byip[e["ip"]].append(e)
for u, es in byuser.items():
    best = max(sum(1 for y in es if x["t"] <= y["t"] < x["t"] + LWIN) for x in es)
    if best >= LFAIL:
        add("warning", "failed_logins", u, es[0]["t"], "value %d count %d" % (best, len(es)))
for ip, es in byip.items():
    best = max(len({y["user"] for y in es if x["t"] <= y["t"] < x["t"] + LWIN}) for x in es)
    if best >= SPRAY:
        add("critical", "failed_logins", ip, es[0]["t"], "value %d users, count %d" % (best, len(es)))

# account checks: failed logins are not activity
act = defaultdict(list)
for e in ev:
    if not (e["feat"] == "auth.login" and e["err"]):
        act[e["user"]].append(e["t"])
for u, ts_ in act.items():
    a = acc.get(u)
    if a is None:
        add("warning", "unknown_user", u, min(ts_), "%d events" % len(ts_))
    elif a["status"] in ("disabled", "locked"):
        add("critical", "disabled_account_activity", u, min(ts_), "%d events" % len(ts_))
for u, a in acc.items():
    if a["status"] != "active":
        continue
    last = max([x for x in [max(act[u]) if act.get(u) else None, a["last_login"]] if x], default=None)
    for check, days, sev, only_admin in (("stale_account", STALE, "info", False),
                                         ("dormant_admin", ADMIN, "warning", True)):
        if only_admin and a["role"] not in ("admin", "administrator"):
            continue
        lim = END - timedelta(days=days)
        if last is not None:
            if last < lim:
                add(sev, check, u, None, "last active %s, %d days" % (last, (END - last).days))
        elif a["created"] is not None and a["created"] < lim:
            add(sev, check, u, None, "never used, created %s, %d days" % (a["created"], (END - a["created"]).days))

for p, x in proj.items():
    if x["end"] is not None and x["end"] < END - timedelta(days=EXPIRED) and x["status"].lower() != "archived":
        add("info", "expired_project", p, None, "ended %s, %d days, status %r" % (x["end"].date(), (END - x["end"]).days, x["status"]))

NOT = datetime.min.replace(tzinfo=timezone.utc)
out.sort(key=lambda x: (SEV[x[0]], x[1].encode(), x[2].encode(), x[3] or NOT))
print("severity,check,subject")
for sev, check, subj, first, detail in out:
    print("%s,%s,%s" % (sev, check, subj))
    print("  %s %s: %s" % (check, subj, detail), file=sys.stderr)
