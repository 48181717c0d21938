#!/usr/bin/env python3
"""Independent check of the default matrix against the rules of raci(1)
"check" (not the program's code): run from this folder,
    python3 WORKING.py            # reads ../template-csv/expout
It prints per activity the A and R counts, per role the A count and the
number of cells with a letter, the rule limits, and the long-form row count
(template-zh-check: 71).  Exit 1 if any rule of raci check would fire."""
import csv, math, os, sys

here = os.path.dirname(os.path.abspath(__file__))
rows = list(csv.reader(open(os.path.join(here, "..", "template-csv", "expout"), encoding="utf-8")))
hdr, body = rows[0], rows[1:]
roles = hdr[1:-1]                      # activity, roles..., checks
LET = {"R", "A", "C", "I"}

def letters(cell):                     # the cell forms of the template: "", "R", "R/A", ...
    parts = [p for p in cell.split("/") if p]
    assert all(p in LET for p in parts), cell
    return set(parts)

bad = 0
acount = {r: 0 for r in roles}
used = {r: 0 for r in roles}
cells = 0
for row in body:
    ls = [letters(c) for c in row[1:-1]]
    na = sum("A" in s for s in ls)
    nr = sum("R" in s for s in ls)
    print("%-30s A=%d R=%d" % (row[0], na, nr))
    if na != 1 or nr < 1 or nr > 3:
        bad = 1
    for r, s in zip(roles, ls):
        acount[r] += "A" in s
        used[r] += bool(s)
    cells += sum(bool(s) for s in ls) or 1   # an activity without letters is one long row
limit = math.floor(len(body) / 3)
print("activities", len(body), "bottleneck limit floor(%d/3) =" % len(body), limit)
for r in roles:
    print("%-16s A for %2d, letters in %2d activities" % (r, acount[r], used[r]))
    if acount[r] > limit or used[r] == 0:
        bad = 1
names = [n.lower() for n in (row[0] for row in body)]
if len(set(names)) != len(names):
    bad = 1
checks = [c for row in body for c in row[-1].split(";") if c]
print("check names", len(checks), "distinct", len(set(checks)))
print("long-form rows", cells)
sys.exit(bad)
