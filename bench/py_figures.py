#!/usr/bin/env python3
"""py_figures: the "Python" peer of bench/run.  The four figures of the
issue (per-feature events and errors, p95 latency per feature, daily
active users) from a CSV file with the csv module or from NDJSON with the
json module, written the plain way a team would write it.

    python3 bench/py_figures.py csv|ndjson FILE
"""
import csv
import json
import math
import sys
from collections import defaultdict


def is_error(status):
    s = (status or "").strip().lower()
    return s in ("error", "fail", "failed") or (len(s) == 3 and s.isdigit() and s >= "500")


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("csv", "ndjson"):
        sys.exit("usage: py_figures.py csv|ndjson FILE")
    events = defaultdict(int)
    errors = defaultdict(int)
    lat = defaultdict(list)
    daily = defaultdict(set)
    with open(sys.argv[2], newline="", encoding="utf-8") as f:
        if sys.argv[1] == "csv":
            rows = csv.DictReader(f)
        else:
            rows = (json.loads(line) for line in f if line.strip())
        for e in rows:
            feat = e.get("feature")
            events[feat] += 1
            if is_error(e.get("status")):
                errors[feat] += 1
            v = e.get("latency_ms")
            if v not in (None, ""):
                lat[feat].append(float(v))
            daily[str(e.get("time"))[:10]].add(e.get("user"))
    for feat in sorted(events, key=str):
        v = sorted(lat[feat])
        p95 = v[max(1, math.ceil(0.95 * len(v))) - 1] if v else None
        print(feat, events[feat], errors[feat], p95)
    for day in sorted(daily):
        print(day, len(daily[day]))


if __name__ == "__main__":
    main()
