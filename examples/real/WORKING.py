#!/usr/bin/env python3
"""Expected figures of the recipes in README.md ("Real sources"), worked out
from the samples in this folder without upkeep: python3 WORKING.py prints
one line per figure, and tests/scripts/recipes.sh compares the lines with
what each recipe's command reports.  The rules used (upkeep(7), review(1),
sla-check(1), raci(1)): an error is a status of 500-599 or "fail"; a user of
"-" or a record without one is no user; p50 and p95 are nearest-rank
percentiles (the ceil(q*n)-th smallest); a feature is the method and the
path without the query, numbers and issue keys as ":id"; a ticket id that
repeats is one ticket, its last row kept; an open outage lasts until now."""
import csv, json, math, re
from datetime import datetime, timedelta, timezone

NOW = datetime.fromtimestamp(1790000000, timezone.utc)   # SOURCE_DATE_EPOCH of tests/run
out = []

def say(*words):
    out.append(" ".join(str(w) for w in words))

def num(x):
    return "%.10g" % x

def rank(vals, q):
    v = sorted(vals)
    return v[max(1, math.ceil(q * len(v))) - 1]

def feature(method, target):
    path = target.split("?", 1)[0]
    segs = []
    for i, s in enumerate(path.split("/")):
        prev = segs[-1] if segs else ""
        if re.fullmatch(r"\d+(\.[A-Za-z]\w*)?", s) and not prev.endswith("api"):
            s = ":id"
        elif re.fullmatch(r"[A-Z][A-Z0-9]+-\d+", s):
            s = ":id"
        segs.append(s)
    return method + " " + "/".join(segs)

def access(name, recs):
    """recs: (user or None, method, target, status, ms or None)"""
    say(name, "rows", len(recs))
    users = {r[0] for r in recs if r[0]}
    errs = sum(1 for r in recs if 500 <= r[3] <= 599)
    say(name, "events", len(recs), "users", len(users), "error_rate", num(errs / len(recs)))
    feats = {}
    for u, m, t, st, ms in recs:
        feats.setdefault(feature(m, t), []).append((u, st, ms))
    for f in sorted(feats):
        rs = feats[f]
        ms = [r[2] for r in rs if r[2] is not None]
        p50 = num(rank(ms, .5)) if ms else "null"
        p95 = num(rank(ms, .95)) if ms else "null"
        say(name, "feature", repr(f.strip()), "events", len(rs), "users", len({r[0] for r in rs if r[0]}),
            "errors", sum(1 for r in rs if 500 <= r[1] <= 599), "p50_ms", p50, "p95_ms", p95)

def nouser(u):
    return None if u == "-" else u

# Jira (Tomcat valve): %a id user %t "%m %U%q %H" %s %b %D(ms) ...
R = re.compile(r'(\S+) (\S+) (\S+) \[[^]]+\] "(\S+) (\S+) \S+" (\d+) \S+ (\d+) ')
access("jira-access.log", [(nouser(m[3]), m[4], m[5], int(m[6]), float(m[7]))
       for m in map(R.match, open("jira-access.log"))])
# Confluence default valve: %t user %I %h %r %s %Dms %b ...
R = re.compile(r'\[[^]]+\] (\S+) \S+ \S+ (\S+) (\S+) \S+ (\d+) (\d+)ms ')
access("confluence-access.log", [(nouser(m[1]), m[2], m[3], int(m[4]), float(m[5]))
       for m in map(R.match, open("confluence-access.log"))])
# Confluence 7.11+ with X-Forwarded-For first
R = re.compile(r'\[[^]]+\] \S+ (\S+) \S+ \S+ (\S+) (\S+) \S+ (\d+) (\d+)ms ')
access("confluence-access-xff.log", [(nouser(m[1]), m[2], m[3], int(m[4]), float(m[5]))
       for m in map(R.match, open("confluence-access-xff.log"))])
# Confluence Docker image: %h user %t "%r" %s %b %D(ms) %U %I "UA"
R = re.compile(r'\S+ (\S+) \[[^]]+\] "(\S+) (\S+) \S+" (\d+) \S+ (\d+) ')
access("confluence-docker-access.log", [(nouser(m[1]), m[2], m[3], int(m[4]), float(m[5]))
       for m in map(R.match, open("confluence-docker-access.log"))])
# Apache vhost_combined: %v:%p %h %l %u %t "%r" %>s %O ... (no request time)
R = re.compile(r'\S+ \S+ \S+ (\S+) \[[^]]+\] "(\S+) (\S+) \S+" (\d+) ')
access("other_vhosts_access.log", [(nouser(m[1]), m[2], m[3], int(m[4]), None)
       for m in map(R.match, open("other_vhosts_access.log"))])
# nginx upstream_time: combined, then rt= (seconds)
R = re.compile(r'\S+ - (\S+) \[[^]]+\] "(\S+) (\S+) \S+" (\d+) .*rt=([\d.]+) uct=')
access("nginx-upstream.log", [(nouser(m[1]), m[2], m[3], int(m[4]), float(m[5]) * 1000)
       for m in map(R.match, open("nginx-upstream.log"))])
# Apache combined: the well-formed lines only (5 are malformed on purpose)
R = re.compile(r'\S+ \S+ (\S+) \[\d\d/(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\] "(\S+) (\S+) [^"]*" (\d{3}) ')
ok = [m for m in map(R.match, open("apache-combined.log", encoding="utf-8", errors="replace")) if m]
say("apache-combined.log", "rows", len(ok), "users", len({m[1] for m in ok if m[1] != "-"}),
    "errors", sum(1 for m in ok if m[4].startswith("5")))

# GitLab api_json.log: username (absent when anonymous), route, duration_s
recs = [json.loads(l) for l in open("gitlab-api_json.log")]
access("gitlab-api_json.log", [(r.get("username"), "", r["route"], r["status"], r["duration_s"] * 1000)
       for r in recs])

# ServiceNow incident event log: last row of each number; resolution targets
pol = json.load(open("servicenow-event-log-sla.json"))["resolution"]
minc = pol.pop("min_compliance") / 100
target = {p: int(v[:-1]) * {"h": 3600, "d": 86400}[v[-1]] for p, v in pol.items()}
rows = list(csv.DictReader(open("servicenow-incident_event_log.csv")))
last = {}
for r in rows:
    last[r["number"]] = r
say("servicenow", "rows", len(rows), "tickets", len(last), "folded", len(rows) - len(last))
t = lambda s: None if s == "?" else datetime.strptime(s, "%d/%m/%Y %H:%M")
for p in target:
    met = br = n = 0
    for r in last.values():
        if r["priority"] != p or not datetime(2016, 3, 1) <= t(r["opened_at"]) < datetime(2016, 4, 1):
            continue
        n += 1
        lim, res = t(r["opened_at"]) + timedelta(seconds=target[p]), t(r["resolved_at"])
        if res is not None and res <= lim:
            met += 1
        else:        # open past its limit, the period long over: breached
            br += 1
    say("servicenow", "scope", repr(p), "tickets", n, "met", met, "breached", br,
        "actual", num(met / (met + br)), "met" if met / (met + br) >= minc else "breached")

# syslog times without a year, --period 2016-01: Dec 31 is 2015, Feb 1 is out
rows = list(csv.DictReader(open("syslog-auth.tsv"), delimiter="\t"))
jan = [r for r in rows if r["time"].startswith("Jan")]
say("syslog-auth.tsv", "events", len(jan), "users", len({r["user"] for r in jan}),
    "error_rate", num(sum(r["status"] == "fail" for r in jan) / len(jan)))

# Statuspage: downtime per component in the period, an open incident until now
def downtime(path, start, end):
    d = json.load(open(path))
    per = {}
    iso = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
    for i in d["incidents"]:
        a, b = iso(i["started_at"]), iso(i["resolved_at"]) if i["resolved_at"] else NOW
        a, b = max(a, start), min(b, end)
        for c in i["components"]:
            per.setdefault(c["name"], []).append((a, b))
    for name in sorted(per):
        spans, total, until = sorted(per[name]), 0, start
        for a, b in spans:             # overlapping incidents count once
            a = max(a, until)
            if b > a:
                total += (b - a).total_seconds()
                until = b
        length = (end - start).total_seconds()     # the whole period, ended or not
        say(path, "scope", repr(name), "downtime_s", int(total), "actual", num(1 - total / length))
utc = timezone.utc
downtime("statuspage-summary.json", datetime(2026, 9, 1, tzinfo=utc), datetime(2026, 10, 1, tzinfo=utc))
downtime("statuspage-incidents.json", datetime(2026, 10, 1, tzinfo=utc), datetime(2026, 11, 1, tzinfo=utc))

# Jira user export as accounts (--period 2026-08; admins: the three groups)
acc = {r["username"]: r for r in csv.DictReader(open("jira-users.csv"))}
ev = list(csv.DictReader(open("jira-user-events.csv")))
admins = {"site-admins", "jira-administrators", "管理员"}
end = datetime(2026, 9, 1)
last_seen = {u: datetime.strptime(r["last_login"], "%d %b %Y %H:%M:%S") for u, r in acc.items()}
for e in ev:
    last_seen[e["user"]] = max(last_seen.get(e["user"], datetime.min), datetime.strptime(e["time"], "%d %b %Y %H:%M:%S"))
for u in sorted({e["user"] for e in ev if e["user"] in acc and acc[e["user"]]["active"] == "No"}):
    say("jira-users", "disabled_account_activity", u)
for u in sorted({e["user"] for e in ev if e["user"] not in acc}):
    say("jira-users", "unknown_user", u)
for u, r in sorted(acc.items()):
    days = (end - last_seen[u]).days
    if r["active"] == "Yes" and r["group_name"] in admins and days > 30:
        say("jira-users", "dormant_admin", u, days)
    elif r["active"] == "Yes" and days > 90:
        say("jira-users", "stale_account", u, days)

# RACI tables: one R at least, exactly one A; more than a third of the A's
def raci(path, rows):
    roles = sorted({r for _, cells in rows for r in cells})
    for act, cells in rows:
        a = [r for r, c in cells.items() if "A" in c]
        if not any("R" in c for c in cells.values()):
            say(path, "no_responsible", repr(act))
        if not a:
            say(path, "no_accountable", repr(act))
        if len(a) > 1:
            say(path, "multiple_accountable", repr(act), len(a))
    for role in roles:
        n = sum("A" in cells.get(role, "") for _, cells in rows)
        if n > len(rows) / 3:
            say(path, "accountable_bottleneck", repr(role), n, "of", len(rows))

def md(path):
    lines = [l.strip().strip("|").split("|") for l in open(path) if l.startswith("|")]
    head = [h.strip() for h in lines[0]]
    return head, [[c.strip() for c in l] for l in lines[2:]]
head, body = md("raci.md")
raci("raci.md", [(b[0], {h: b[i].replace(" ", "") for i, h in enumerate(head) if i and b[i]})
                 for b in body if any(b[1:])])       # heading rows: all role cells empty
head, body = md("raci-by-letter.md")
rows = []
for b in body:
    cells = {}
    for i, letter in enumerate(head[1:], 1):
        for role in filter(None, (x.strip() for x in b[i].split(","))):
            cells[role] = cells.get(role, "") + letter
    rows.append((b[0], cells))
raci("raci-by-letter.md", rows)

print("\n".join(out))
