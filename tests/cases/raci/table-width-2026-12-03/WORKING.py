#!/usr/bin/env python3
"""Expected output of raci/table-width-2026-12-03, from the rules of
upkeep(7) (-f table) written again here, not from the program.
Run: python3 WORKING.py > expout   (from this folder)

Widths are display columns: East Asian Wide/Fullwidth count 2
(unicodedata.east_asian_width W or F), the rest 1 (no combining marks here).
"""
import subprocess
import sys
import unicodedata


def dw(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def cut(s, w):
    """s cut to w columns, the last a "…" (when s is wider)."""
    if dw(s) <= w:
        return s
    out = ""
    for c in s:
        if dw(out) + dw(c) > w - 1:
            break
        out += c
    return out + "…"


def wrap(s, avail, indent):
    """Broken at spaces into lines of at most avail columns; a word longer
    than a line broken where the line ends."""
    lines, cur = [], ""
    for word in s.split(" "):
        if cur and dw(cur) + 1 + dw(word) > avail:
            lines.append(cur)
            cur = ""
        elif cur:
            cur += " "
        while dw(cur) + dw(word) > avail:
            part = ""
            for c in word:
                if dw(cur) + dw(part) + dw(c) > avail and (cur or part):
                    break
                part += c
            lines.append(cur + part)
            cur, word = "", word[len(part):]
        cur += word
    lines.append(cur)
    return ("\n" + " " * indent).join(lines)


def fid(check, subject):
    return subprocess.run([sys.executable, "../fid.py", check, subject],
                          capture_output=True, text=True).stdout.strip()


# raci(1): an activity with no A is a no_accountable finding (critical),
# value 0 (its A count), threshold 1; first_seen, last_seen, count empty.
# 备份数据库 has R/A: no finding.  No role is idle; IT is A once (limit
# floor(3/3) = 1): no bottleneck; no activity has more than 3 R.
# Order: most severe first, then check, then subject (bytes: "r" < the
# UTF-8 lead byte 0xE5 of 审).
subjects = sorted(["rotate the backup encryption keys and verify that restores still work",
                   "审查季度访问权限和离职员工的账户"], key=lambda s: s.encode())
heads = ["severity", "check", "subject", "value", "threshold", "message", "id",
         "first_seen", "last_seen", "count"]
numeric = {"value", "threshold"}    # all numbers: right-aligned, never narrowed
rows = [["critical", "no_accountable", s, "0", "1",
         'activity "%s" has no accountable role (A)' % s,
         fid("no_accountable", s), "-", "-", "-"] for s in subjects]


def table(width):
    # a column is as wide as its widest cell, cut to 60, or its heading
    colw = [max([dw(h)] + [min(dw(r[j]), 60) for r in rows]) for j, h in enumerate(heads)]
    total = lambda: 2 + sum(colw) + 2 * (len(colw) - 1)
    # first "message" to 24, then the other text columns, widest first
    # (the rightmost of equals), to max(10, heading); numbers never
    for msg_pass in (True, False):
        while total() > width:
            best = None
            for j, h in enumerate(heads):
                if h in numeric or (h == "message") != msg_pass:
                    continue
                floor = max(24 if msg_pass else 10, dw(h))
                if colw[j] > floor and (best is None or colw[j] >= colw[best]):
                    best = j
            if best is None:
                break
            colw[best] -= 1
    out = []
    if total() <= width:
        def line(cells):
            parts = []
            for j, c in enumerate(cells):
                c = cut(c, colw[j])
                pad = " " * (colw[j] - dw(c))
                if heads[j] in numeric:
                    parts.append(pad + c)
                elif j + 1 == len(cells):
                    parts.append(c)     # the last column is not padded
                else:
                    parts.append(c + pad)
            return "  " + "  ".join(parts)
        out.append(line(heads))
        out.append("  " + "  ".join("-" * w for w in colw))
        out += [line(r) for r in rows]
    else:
        # each row a block of "name  value" lines; values wrap under themselves
        keyw = max(dw(h) for h in heads)
        valw = width - keyw - 4
        for i, r in enumerate(rows):
            if i:
                out.append("")
            for h, v in zip(heads, r):
                out.append("  " + h + " " * (keyw - dw(h) + 2) + wrap(v, valw, keyw + 4))
    return out


for width in (150, 80, 30):
    print("raci")
    print()
    print("findings")
    print("\n".join(table(width)))
    print()
    # inputs: the matrix, 3 rows, 0 rejected; 2+5+2+4+2+8 = 23 columns, fits
    print("inputs")
    print("  path   rows  rejected")
    print("  -----  ----  --------")
    print("  m.csv     3         0")
