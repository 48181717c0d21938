#!/usr/bin/env python3
"""Ticket verdicts of the example month under examples/sla.json, computed
independently of sla-check: Python's zoneinfo, the calendar walked minute
by minute.  Usage: python3 WORKING.py EXAMPLES_DIR"""
import csv, json, sys
from datetime import datetime, timedelta, timezone, date

ex = sys.argv[1]
pol = json.load(open(ex + "/sla.json"))
from zoneinfo import ZoneInfo
Z = ZoneInfo(pol["timezone"])
cal = pol["calendars"][pol["calendar"]]
hol = {date.fromisoformat(d) for d in cal["holidays"]}
work = {date.fromisoformat(d) for d in cal["workdays"]}
assert cal["days"] == "Mon-Fri" and cal["hours"] == "09:00-18:00"
DAY_H = 9

def open_at(t):                       # t: aware UTC datetime, one minute
    l = t.astimezone(Z)
    d = l.date()
    wd = d in work or (d.weekday() < 5 and d not in hol)
    return wd and 9 <= l.hour < 18

def business_min(a, b):
    n, t = 0, a
    while t < b:
        n += open_at(t)
        t += timedelta(minutes=1)
    return n

def target_min(spec, business):       # "2h", "1d", "3d", {"target", "calendar"}
    if isinstance(spec, dict):
        business = spec.get("calendar", "24x7") != "24x7"
        spec = spec["target"]
    num, unit = int(spec[:-1]), spec[-1]
    per = {"h": 60, "d": (DAY_H if business else 24) * 60}[unit]
    return num * per, business

def p(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00")) if s else None

start = datetime(2026, 10, 1, tzinfo=timezone.utc)
end = datetime(2026, 11, 1, tzinfo=timezone.utc)
tickets = list(csv.DictReader(open(ex + "/tickets.csv", encoding="utf-8")))
for kind, col in (("response", "first_response"), ("resolution", "resolved")):
    obj = pol[kind]
    bh = kind in pol["business_hours"]
    for pr, spec in obj.items():
        if pr == "min_compliance":
            continue
        tmin, business = target_min(spec, bh)
        met = br = pe = n = 0
        late = []
        for k in tickets:
            if k["priority"].lower() != pr.lower():
                continue
            o, resp, res = p(k["opened"]), p(k["first_response"]), p(k["resolved"])
            if o >= end:
                continue
            if o < start:   # the backlog: still open at the start
                if res and res < start:
                    continue
                if kind == "response" and resp and resp < start:
                    continue
            done = resp if kind == "response" else res
            stop = done or end
            el = business_min(o, stop) if business else (stop - o) / timedelta(minutes=1)
            n += 1
            if done:
                if el <= tmin: met += 1
                else: br += 1; late.append((k["id"], round(el / 60, 2)))
            elif el > tmin:
                br += 1; late.append((k["id"], round(el / 60, 2)))
            else:
                pe += 1
        c = met / (met + br) if met + br else None
        print(kind, pr, "business" if business else "wall", "target %dmin" % tmin,
              "tickets", n, "met", met, "breached", br, "pending", pe,
              "compliance", "%.6f" % c if c is not None else None)
        print("   late:", late)
