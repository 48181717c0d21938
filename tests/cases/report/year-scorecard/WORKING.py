#!/usr/bin/env python3
"""The year view of hist/*.json worked out independently of report: run
`python3 WORKING.py` here; it prints the expected expout.

The inputs: eleven hand-made monthly reports (report -f json's members
that the year view reads: period, title, counts, usage.metrics, sla),
their files named a..k in no order of their months, July left out.  Their
SLA rows are the year of tests/cases/sla-check/year-months, checked here
against that case's own working (months()).  The rules, from man report
(THE YEAR VIEW):
 - months ordered by period; every month from the first to the last is
   shown, one without a report as a gap ("no report"), never filled in;
 - a month's availability is its worst availability row; its SLA is met
   when every objective with a met of true/false is met; its credit the
   sum of the rows' credits;
 - scorecard: months met of months judged, months whose availability met
   its target, credits in total and the months with a credit above 0, the
   worst month (lowest availability), the gaps;
 - charts: 32 characters, '#' for round(share * 32) (at least one above
   0), '.' for the rest; share = value / the highest month's value, but
   for availability (value - lo) / (1 - lo) with lo = 1 - 1.25 * (1 -
   lowest figure, actuals and targets) cut down to 0.1 pp, at most 99%,
   and '|' at the target, the bar one short of it when below, two past
   it (to show a '#' after it) when met."""
import glob
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "../../sla-check/year-months"))
sys.dont_write_bytecode = True
import WORKING as SLA   # noqa: E402

W = 32


def rnd(x, d):
    return math.floor(x * 10 ** d + 0.5) / 10 ** d


def g(x):
    s = "%.10g" % x
    return s


def pct(v, d):
    return g(rnd(v * 100, d)) + "%"


def num(v, d):
    return g(rnd(v, d))


docs = {}
for path in sorted(glob.glob(os.path.join(HERE, "hist", "*.json"))):
    d = json.load(open(path))
    docs[d["period"]["start"][:7]] = d
sla_months = {r["month"]: r for r in SLA.months()}
for m, d in docs.items():     # the inputs agree with the worked SLA year
    a = d["sla"][0]
    r = sla_months[m]
    assert abs(a["actual"] - r["actual"]) < 1e-9 and a["met"] == r["met"] and a["credit"] == r["credit"]
    assert d["sla"][1]["met"] == r["rmet"]

months = ["2026-%02d" % i for i in range(1, 13)]
rows = []
for m in months:
    d = docs.get(m)
    if d is None:
        rows.append(None)
        continue
    av = d["sla"][0]
    judged = [o["met"] for o in d["sla"] if isinstance(o["met"], bool)]
    mt = d["usage"]["metrics"]
    c = d["counts"]
    rows.append(dict(month=m, availability=av["actual"], target=av["target"],
                     judged=len(judged), met=sum(judged), sla_met=all(judged),
                     credit=sum(o["credit"] for o in d["sla"] if o["credit"] is not None),
                     error_rate=mt["error_rate"], dau_avg=mt["dau_avg"], csat=mt["csat"],
                     open_problems=c["problems"], new=c["new"], resolved=c["resolved"]))

out = []
p = out.append
title = "Acme tracker (Acme Ltd) — Year view"   # the latest month's title
p(title)
p("=" * len(title))
p("Period: 2026-01 – 2026-12 (12 months)")
p("Generated: 2026-09-21T14:13:20Z")     # SOURCE_DATE_EPOCH 1790000000
p("")
p("Vendor scorecard")
p("----------------")
rep = [r for r in rows if r]
p("  Every SLA objective met in %d of %d months judged." % (sum(r["sla_met"] for r in rep), len(rep)))
p("  Availability target met in %d of %d months." % (
    sum(r["availability"] >= r["target"] for r in rep), len(rep)))
p("  Credits due in %d months, adding up to %s%% of a monthly fee." % (
    sum(r["credit"] > 0 for r in rep), num(sum(r["credit"] for r in rep), 2)))
worst = min(rep, key=lambda r: r["availability"])
p("  Worst month: %s, availability %s (target %s)." % (worst["month"], pct(worst["availability"], 3),
                                                       pct(worst["target"], 3)))
gaps = [m for m, r in zip(months, rows) if r is None]
p("  No report for %d of 12 months: %s; left empty in the charts." % (len(gaps), ", ".join(gaps)))
p("")
head = ["Month", "Availability", "Target", "SLA met", "Objectives met", "Credit due"]
cells = []
for m, r in zip(months, rows):
    if r is None:
        cells.append([m, "no report"])
    else:
        cells.append([m, pct(r["availability"], 3), pct(r["target"], 3),
                      "yes" if r["sla_met"] else "no", "%d/%d" % (r["met"], r["judged"]),
                      num(r["credit"], 2) + "%"])
wd = [max([len(head[j])] + [len(c[j]) for c in cells if len(c) == 6]) for j in range(6)]


def line(c):
    s = []
    for j, x in enumerate(c):
        s.append(x.ljust(wd[j]) if j in (0, 3) else x.rjust(wd[j]))
    return "  " + "  ".join(s)


p(line(head))
for c in cells:
    p("  " + c[0].ljust(wd[0]) + "  " + c[1] if len(c) == 2 else line(c))
p("")
p("Trends by month")
p("---------------")


def bar(n, tp=None):
    return "".join("|" if j == tp else "#" if j < n else "." for j in range(W))


def chart(name, key, text):
    p("  " + name)
    vals = [r[key] for r in rows if r and r[key] is not None]
    if key == "availability":
        lo = 1 - 1.25 * (1 - min(vals + [r["target"] for r in rep]))
        lo = min(math.floor(lo * 1000) / 1000, 0.99)
        hi = 1.0
    else:
        lo, hi = 0.0, max(vals)
    for m, r in zip(months, rows):
        if r is None:
            p("  %s  %s  no report" % (m, " " * W))
            continue
        if r[key] is None:
            p("  %s  %s  no data" % (m, " " * W))
            continue
        f = (r[key] - lo) / (hi - lo)
        n = math.floor(f * W + 0.5)
        if n == 0 and f > 0:
            n = 1
        tp = None
        if key == "availability":
            tp = min(math.floor((r["target"] - lo) / (hi - lo) * W + 0.5), W - 1)
            if r[key] < r["target"]:
                n = min(n, tp - 1)
            elif n <= tp + 1:
                n = min(tp + 2, W)
        p("  %s  %s  %s" % (m, bar(n, tp), text(r)))
    if key == "availability":
        p("  (scale %s .. 100%%; | marks the target)" % pct(lo, 3))
    p("")


chart("Availability against target", "availability",
      lambda r: "%s %s %s" % (pct(r["availability"], 3), "<" if r["availability"] < r["target"] else ">=",
                              pct(r["target"], 3)))
chart("Error rate", "error_rate", lambda r: pct(r["error_rate"], 2))
chart("Daily active users (average)", "dau_avg", lambda r: num(r["dau_avg"], 1))
chart("Satisfaction (CSAT)", "csat", lambda r: pct(r["csat"], 1))
chart("Open problems (new, resolved)", "open_problems",
      lambda r: "%d" % r["open_problems"] if r["new"] is None and r["resolved"] is None
      else "%d (new %d, resolved %d)" % (r["open_problems"], r["new"], r["resolved"]))
chart("Credits due", "credit", lambda r: num(r["credit"], 2) + "%")
sys.stdout.write("\n".join(out) + "\n")
