#!/usr/bin/env python3
"""Independent working for expout: python3 WORKING.py [first|last].
Reads incident_event_log.csv with the csv module, folds the rows of each
incident number (the last row wins by default, as exports list updates
oldest first), judges resolution against sla.json in wall-clock time and
prints the objectives rows as sla-check -f csv writes them."""
import csv, json, sys
from datetime import datetime, timedelta

order = sys.argv[1] if len(sys.argv) > 1 else "last"
pol = json.load(open("sla.json"))["resolution"]
minc = pol.pop("min_compliance") / 100
units = {"h": 3600, "d": 86400}
target = {p: int(v[:-1]) * units[v[-1]] for p, v in pol.items()}
start, end = datetime(2016, 3, 1), datetime(2016, 4, 1)   # --period 2016-03, UTC
judged = end            # the period is over at SOURCE_DATE_EPOCH (2026)

def t(s):
    return None if s == "?" else datetime.strptime(s, "%d/%m/%Y %H:%M")

kept, nrows = {}, 0
for row in csv.DictReader(open("incident_event_log.csv")):
    nrows += 1
    if order == "first" and row["number"] in kept:
        continue
    kept[row["number"]] = row        # dict keeps first-seen order
print(f"# {nrows} rows, {len(kept)} tickets, {nrows - len(kept)} folded", file=sys.stderr)

stats = {p: [0, 0, 0] for p in target}   # tickets, met, breached
for r in kept.values():
    p, op, res = r["priority"], t(r["opened_at"]), t(r["resolved_at"])
    if not (start <= op < end):
        continue
    s = stats[p]
    s[0] += 1
    limit = op + timedelta(seconds=target[p])
    if res is not None:
        s[1 if res <= limit else 2] += 1
    elif limit <= judged:
        s[2] += 1

print("objective,scope,target,actual,met,downtime_s,allowed_downtime_s,"
      "budget_remaining_s,burn_rate,credit,samples,longest_down_s,tickets,"
      "met_count,breached_count,pending_count")
for p in target:          # the policy's order
    n, met, br = stats[p]
    actual = "" if met + br == 0 else ("%.10g" % (met / (met + br)))
    ok = met + br == 0 or met / (met + br) >= minc
    print(f"resolution,{p},{minc:g},{actual},{'true' if ok else 'false'},,,,,,,,{n},{met},{br},0")
