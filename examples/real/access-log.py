#!/usr/bin/env python3
"""Writes a deterministic Apache access log in the default combined format
(LogFormat "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\""),
the front of a self-hosted Jira, with a few malformed lines planted at fixed
places.  examples/real/apache-combined.log is its default output; bench/run
makes large ones with --lines.

    access-log.py [--lines N] [--seed S] [--bad K] [--out FILE]
"""
import argparse
import random
import sys
from datetime import datetime, timedelta, timezone

MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
USERS = ["li.wei", "chen.jie", "wang.fang", "zhang.min", "admin"]
AGENTS = ["Mozilla/5.0 (X11; Linux x86_64)", "Mozilla/5.0 (Windows NT 10.0)",
          "curl/8.5.0", "Apache-HttpClient/4.5.14"]
# (weight, method, path pattern, statuses with weights)
REQUESTS = [
    (30, "GET", "/browse/NWS-{n}", [(90, 200), (4, 302), (4, 404), (2, 500)]),
    (20, "GET", "/rest/api/2/issue/{n}", [(92, 200), (5, 404), (3, 503)]),
    (12, "POST", "/rest/api/2/issue", [(85, 201), (10, 400), (5, 500)]),
    (10, "GET", "/rest/api/2/search?jql=project%3DNWS&startAt={n}", [(95, 200), (5, 502)]),
    (8, "GET", "/secure/Dashboard.jspa", [(96, 200), (4, 302)]),
    (6, "POST", "/login.jsp", [(70, 302), (30, 401)]),
    (10, "GET", "/s/{n}/en_US/batch.js", [(80, 200), (20, 304)]),
    (4, "PUT", "/rest/api/2/issue/NWS-{n}", [(90, 204), (10, 409)]),
]
# Lines that are not access log lines, planted in turn; the first three keep
# a status in awk's $9 that the line must not be counted for.
BAD = [
    'garbage after a log rotation: gzip: stdin: unexpected end of file',
    '10.9.9.9 - - [05/Foo/2026:10:00:00 +0800] "GET / HTTP/1.1" 200 12 "-" "-"',
    '10.9.9.9 - - [05/Oct/2026:10:00:00 +0800] "GET / HTTP/1.1" 2OO 12 "-" "-"',
    '10.9.9.9 - - [05/Oct/2026:10:00:00 +0800] "GET /browse/NWS-1 HTT',
    '- - - - - - - - - - - -',
]


def pick(r, weighted):
    total = sum(w for w, *_ in weighted)
    x = r.uniform(0, total)
    for item in weighted:
        x -= item[0]
        if x <= 0:
            return item
    return weighted[-1]


def stamp(t):
    return "%02d/%s/%04d:%02d:%02d:%02d +0800" % (
        t.day, MONTHS[t.month - 1], t.year, t.hour, t.minute, t.second)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lines", type=int, default=3000, help="lines (default 3000)")
    ap.add_argument("--seed", type=int, default=11, help="random seed (default 11)")
    ap.add_argument("--bad", type=int, default=5,
                    help="malformed lines among them (default 5)")
    ap.add_argument("--out", default="-", help="output file (default: standard output)")
    a = ap.parse_args()
    r = random.Random(a.seed)
    out = sys.stdout if a.out == "-" else open(a.out, "w", encoding="utf-8", newline="\n")
    t = datetime(2026, 10, 5, 8, 0, 0, tzinfo=timezone(timedelta(hours=8)))
    step = a.lines // (a.bad + 1) if a.bad > 0 else 0
    buf = []
    for i in range(1, a.lines + 1):
        if step and i % step == 0 and i // step <= a.bad:
            buf.append(BAD[(i // step - 1) % len(BAD)])
        else:
            t += timedelta(seconds=r.randint(0, 20))
            _, method, path, statuses = pick(r, REQUESTS)
            status = pick(r, statuses)[1]
            user = r.choice(USERS) if r.random() < 0.6 else "-"
            ip = "10.1.%d.%d" % (r.randint(0, 3), r.randint(2, 250))
            size = "-" if status in (204, 304) else str(r.randint(120, 90000))
            ref = "-" if r.random() < 0.8 else "https://jira.example.com/browse/NWS-%d" % r.randint(1, 999)
            buf.append('%s - %s [%s] "%s %s HTTP/1.1" %d %s "%s" "%s"' % (
                ip, user, stamp(t), method, path.format(n=r.randint(1, 9999)),
                status, size, ref, r.choice(AGENTS)))
        if len(buf) >= 10000:
            out.write("\n".join(buf) + "\n")
            buf = []
    if buf:
        out.write("\n".join(buf) + "\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
