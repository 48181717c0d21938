#!/usr/bin/env python3
"""Generate the example month of upkeep: one month of a fictional company,
Northwind Engineering (Shanghai), using its project-management tool.

Everything comes from random.Random seeded with --seed, so the same options
give byte-identical files.  Events are streamed hour by hour, so --events
10000000 runs in constant memory.  The incidents planted in the data (and the
checks that should find them) are listed in examples/README.md; their times
are fixed and do not depend on --events.

    python3 examples/generate.py                      # rewrite examples/
    python3 examples/generate.py --events 10000000 --out /tmp/big
    python3 examples/generate.py --year 2026 --out build/year   # twelve months
"""

import argparse
import bisect
import calendar
import datetime as dt
import heapq
import json
import math
import os
import random
import statistics
import sys

UTC = dt.timezone.utc
LOCAL = dt.timezone(dt.timedelta(hours=8))     # Asia/Shanghai, no DST
DOMAIN = "northwind.example"

# --------------------------------------------------------------------------
# The feature catalog: name, module, description, share of human events,
# median latency (ms), spread (sigma of the log), error probability, and
# whether a viewer may use it.  Shares need not add up to 1.
FEATURES = [
    # name                    module        share   median sigma  p_err  write  description
    ("auth.login",            "auth",       7.0,    120, 0.45, 0.030, 0, "Sign in with password or SSO"),
    ("auth.logout",           "auth",       2.0,     30, 0.40, 0.002, 0, "Sign out"),
    ("auth.password.reset",   "auth",       0.25,   210, 0.45, 0.010, 0, "Reset a forgotten password by e-mail"),
    ("issue.view",            "issues",    18.0,     90, 0.50, 0.006, 0, "Open an issue"),
    ("issue.create",          "issues",     4.0,    180, 0.50, 0.012, 1, "Create an issue"),
    ("issue.update",          "issues",     8.0,    150, 0.50, 0.010, 1, "Edit the fields of an issue"),
    ("issue.comment",         "issues",     5.0,    140, 0.45, 0.008, 1, "Comment on an issue"),
    ("issue.transition",      "issues",     4.0,    160, 0.50, 0.012, 1, "Move an issue through its workflow"),
    ("issue.assign",          "issues",     1.5,    120, 0.45, 0.008, 1, "Assign an issue"),
    ("issue.link",            "issues",     0.6,    130, 0.45, 0.008, 1, "Link two issues"),
    ("search.query",          "search",     6.0,    250, 0.55, 0.010, 0, "Search issues with a filter or free text"),
    ("filter.save",           "search",     0.4,    110, 0.45, 0.005, 1, "Save a search as a filter"),
    ("board.view",            "agile",      7.0,    220, 0.50, 0.008, 0, "Open a Kanban or Scrum board"),
    ("board.move",            "agile",      2.0,    130, 0.45, 0.008, 1, "Drag a card on a board"),
    ("backlog.view",          "agile",      2.0,    210, 0.50, 0.006, 0, "Open a backlog"),
    ("sprint.view",           "agile",      2.0,    200, 0.50, 0.006, 0, "Open a sprint"),
    ("sprint.start",          "agile",      0.2,    260, 0.45, 0.005, 1, "Start a sprint"),
    ("sprint.close",          "agile",      0.2,    300, 0.45, 0.005, 1, "Close a sprint"),
    ("dashboard.view",        "dashboards", 5.0,    300, 0.45, 0.000, 0, "Open a dashboard"),
    ("notification.list",     "notifications", 3.0,  60, 0.40, 0.000, 0, "List one's notifications"),
    ("project.view",          "projects",   3.0,    110, 0.45, 0.006, 0, "Open a project's summary"),
    ("project.settings.edit", "projects",   0.3,    190, 0.45, 0.005, 1, "Change a project's settings"),
    ("wiki.view",             "wiki",       4.0,    100, 0.45, 0.006, 0, "Read a wiki page"),
    ("wiki.edit",             "wiki",       1.2,    240, 0.50, 0.008, 1, "Edit a wiki page"),
    ("attachment.upload",     "files",      1.2,    360, 0.50, 0.012, 1, "Attach a file to an issue or page"),
    ("attachment.download",   "files",      1.5,    200, 0.50, 0.006, 0, "Download an attachment"),
    ("report.view",           "reports",    1.5,    350, 0.45, 0.008, 0, "Open a report"),
    ("report.export",         "reports",    1.3,   2600, 0.75, 0.008, 0, "Export a report to Excel or PDF"),
    ("gantt.view",            "planning",   1.0,    380, 0.45, 0.006, 0, "Open the Gantt chart of a project"),
    ("timesheet.log",         "time",       2.5,    120, 0.45, 0.006, 1, "Log work time"),
    ("timesheet.view",        "time",       1.0,    160, 0.45, 0.006, 0, "Open a timesheet"),
    ("user.profile.edit",     "users",      0.3,    140, 0.45, 0.005, 0, "Edit one's own profile"),
    ("import.csv",            "integration", 0.8,   300, 0.55, 0.095, 1, "Import issues from a CSV file"),
    ("api.request",           "integration", 0.0,    60, 0.50, 0.008, 0, "REST API call by an integration"),
    ("webhook.deliver",       "integration", 0.0,   110, 0.50, 0.008, 0, "Outgoing webhook delivery"),
    ("admin.user.create",     "admin",      0.05,   200, 0.40, 0.004, 1, "Create a user account"),
    ("admin.user.edit",       "admin",      0.10,   180, 0.40, 0.004, 1, "Edit a user account"),
    ("admin.user.disable",    "admin",      0.03,   170, 0.40, 0.004, 1, "Disable a user account"),
    ("admin.workflow.edit",   "admin",      0.05,   260, 0.40, 0.004, 1, "Edit a workflow"),
    ("admin.customfield.edit", "admin",     0.05,   230, 0.40, 0.004, 1, "Edit a custom field"),
    ("admin.permission.edit", "admin",      0.04,   210, 0.40, 0.004, 1, "Edit a permission scheme"),
    ("admin.audit.view",      "admin",      0.05,   320, 0.40, 0.004, 0, "Read the audit log"),
]
# In the catalog, never used in the month (so coverage stays below 100%).
UNUSED_FEATURES = [
    ("gantt.export", "planning", "Export the Gantt chart to PDF"),
    ("timesheet.approve", "time", "Approve the timesheets of a team"),
    ("wiki.export", "wiki", "Export a wiki space to PDF"),
    ("admin.license.view", "admin", "Show the licence and seat count"),
    ("integration.slack.configure", "integration", "Connect a project to a Slack channel"),
]
# Features whose events carry a project.
PROJECT_MODULES = {"issues", "agile", "projects", "wiki", "files", "reports",
                   "planning", "time", "integration"}
# Error-free features: the only ones whose rows are emitted out of order
# (a late shard of a merged log), so displaced rows never change a run of
# failures whichever order a reader uses.
DISPLACEABLE = ("dashboard.view", "notification.list")

ERROR_MESSAGES = [
    "HTTP 500 Internal Server Error",
    "upstream timed out after 30 s",
    "database deadlock detected; transaction rolled back",
    "HTTP 503 Service Unavailable",
    'lock wait timeout on table "jiraissue"',
]
FEATURE_ERRORS = {
    "auth.login": ["invalid password"],
    "auth.password.reset": ["mail server refused the message"],
    "import.csv": ['column "Due date": cannot parse "31/09/2026"',
                   'unknown issue type "Epic, legacy"',
                   "file is not UTF-8 (looks like GB18030)",
                   'column "Assignee": no user "zhang wei"'],
    "attachment.upload": ["upload failed: file exceeds 50 MB"],
    "report.export": ["export worker ran out of memory"],
}

# --------------------------------------------------------------------------
# People.
CN_SURNAMES = [("wang", "王"), ("li", "李"), ("zhang", "张"), ("liu", "刘"),
               ("chen", "陈"), ("yang", "杨"), ("huang", "黄"), ("zhao", "赵"),
               ("wu", "吴"), ("zhou", "周"), ("xu", "徐"), ("sun", "孙"),
               ("ma", "马"), ("zhu", "朱"), ("hu", "胡"), ("guo", "郭"),
               ("he", "何"), ("lin", "林"), ("gao", "高"), ("luo", "罗")]
CN_GIVEN = [("wei", "伟"), ("fang", "芳"), ("min", "敏"), ("jing", "静"),
            ("lei", "磊"), ("yan", "燕"), ("jie", "杰"), ("tao", "涛"),
            ("ming", "明"), ("hui", "慧"), ("xin", "欣"), ("yu", "宇"),
            ("ting", "婷"), ("hao", "浩"), ("qiang", "强"), ("na", "娜"),
            ("jun", "军"), ("bo", "波"), ("lan", "兰"), ("ping", "平"),
            ("chao", "超"), ("xiaoyu", "晓宇"), ("zihan", "子涵"),
            ("yifan", "一帆"), ("haoran", "浩然"), ("shuang", "爽")]
WEST_FIRST = ["Anna", "Bernd", "Clara", "David", "Elena", "Felix", "Greta",
              "Hannah", "Ivan", "Julia", "Karl", "Lena", "Marco", "Nina",
              "Oliver", "Paula", "Ruth", "Sofia", "Tomas", "Ulrike",
              "Viktor", "Wiebke", "Yusuf", "Zoe", "James", "Emily", "Lucas",
              "Marie", "Pierre", "Sara"]
WEST_LAST = ["Schmidt", "Rossi", "Novak", "Keller", "Weber", "Fischer",
             "Meyer", "Wagner", "Becker", "Hoffmann", "Dubois", "Martin",
             "Smith", "Brown", "Taylor", "Jensen", "Nielsen", "Kowalski",
             "Horvat", "Silva", "Costa", "Moreau", "Bauer", "Richter",
             "Klein", "Wolf", "Neumann", "Schwarz", "Young", "Walsh"]


def ascii_fold(s):
    return (s.replace("é", "e").replace("á", "a").replace("ö", "o")
             .replace("ü", "u").replace("ä", "a").lower())


def iso(t):
    """Epoch seconds to RFC 3339 UTC with Z."""
    return dt.datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def csv_field(s):
    s = str(s)
    if any(c in s for c in ',"\n\r') or s[:1] == " " or s[-1:] == " ":
        return '"' + s.replace('"', '""') + '"'
    return s


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(csv_field("" if v is None else v) for v in r) + "\n")


class Month:
    def __init__(self, spec):
        try:
            y, m = spec.split("-")
            self.year, self.month = int(y), int(m)
            self.start_dt = dt.datetime(self.year, self.month, 1, tzinfo=UTC)
        except ValueError:
            sys.exit("generate.py: --month: expected YYYY-MM, got %r" % spec)
        days = calendar.monthrange(self.year, self.month)[1]
        self.days = days
        self.end_dt = self.start_dt + dt.timedelta(days=days)
        self.start = int(self.start_dt.timestamp())
        self.end = int(self.end_dt.timestamp())
        self.label = spec
        # China's National Day week; only in October.
        self.holidays = []
        if self.month == 10:
            self.holidays = [dt.date(self.year, 10, d) for d in range(1, 8)]
        # the make-up working Saturday after the holiday week
        self.workdays = [dt.date(self.year, 10, 10)] if self.month == 10 else []

    def at(self, day, hh, mm, ss=0):
        """Epoch seconds of day-of-month day at hh:mm:ss UTC."""
        return self.start + (day - 1) * 86400 + hh * 3600 + mm * 60 + ss


# --------------------------------------------------------------------------
def build_accounts(rng, month):
    """Returns the list of account dicts and the named special accounts."""
    accounts = []
    taken = set()
    end = month.end_dt

    def add(user, name, role, status="active", created=None, last_login=None,
            kind="pool", weight=1.0):
        assert user not in taken, user
        taken.add(user)
        a = {"user": user, "name": name, "email": user + "@" + DOMAIN,
             "role": role, "status": status, "created": created,
             "last_login": last_login, "kind": kind, "weight": weight}
        accounts.append(a)
        return a

    def day_before(days, hh=None):
        t = end - dt.timedelta(days=days)
        h = hh if hh is not None else 1 + int(rng.random() * 9)
        return t.replace(hour=h, minute=int(rng.random() * 60),
                         second=int(rng.random() * 60))

    def created_between(lo_days, hi_days):
        d = lo_days + int(rng.random() * (hi_days - lo_days))
        return (end - dt.timedelta(days=d)).replace(
            hour=1 + int(rng.random() * 9), minute=int(rng.random() * 60), second=0)

    def new_name():
        while True:
            if rng.random() < 0.62:
                s = CN_SURNAMES[int(rng.random() * len(CN_SURNAMES))]
                g = CN_GIVEN[int(rng.random() * len(CN_GIVEN))]
                user = s[0] + "." + g[0]
                if rng.random() < 0.35:
                    name = s[1] + g[1]
                else:
                    name = g[0].capitalize() + " " + s[0].capitalize()
            else:
                fn = WEST_FIRST[int(rng.random() * len(WEST_FIRST))]
                ln = WEST_LAST[int(rng.random() * len(WEST_LAST))]
                user = ascii_fold(fn[0] + "." + ln)
                name = fn + " " + ln
            base, n = user, 2
            while user in taken:
                user = "%s%d" % (base, n)
                n += 1
            return user, name

    # Named accounts the planted incidents use.
    special = {}
    special["dormant_admin"] = add("r.keller", "Robert Keller", "admin",
                                   created=dt.datetime(2019, 3, 4, 2, 0, tzinfo=UTC),
                                   last_login=dt.datetime(month.year, month.month, 1, tzinfo=UTC)
                                   - dt.timedelta(days=41, hours=16, minutes=20),
                                   kind="dormant")
    special["disabled_user"] = add("p.novak", "Petr Novák", "member", status="disabled",
                                   created=dt.datetime(2022, 5, 16, 1, 30, tzinfo=UTC),
                                   kind="disabled_active")
    special["lockout_user"] = add("zhao.lei", "赵磊", "member",
                                  created=dt.datetime(2021, 9, 1, 1, 0, tzinfo=UTC),
                                  weight=2.0)
    for u, n in [("li.wei", "李伟"), ("a.schmidt", "Anna Schmidt"),
                 ("m.rossi", "Marco Rossi")]:
        add(u, n, "project_manager", created=created_between(400, 2000), weight=4.0)
    for u, n in [("wang.fang", "王芳"), ("j.weber", "Julia Weber"),
                 ("chen.jie", "陈杰"), ("o.jensen", "Oliver Jensen"),
                 ("liu.yang", "刘洋")]:
        add(u, n, "admin", created=created_between(900, 2400), weight=2.5)
    for u, n in [("svc.jenkins", "Jenkins CI integration"),
                 ("svc.gitlab", "GitLab integration"),
                 ("svc.reporting", "Nightly reporting job")]:
        add(u, n, "member", created=created_between(700, 1500), kind="service")

    # The regular population.
    roles = ["project_manager"] * 29 + ["member"] * 205 + ["viewer"] * 58
    for role in roles:
        user, name = new_name()
        w = math.exp(rng.random() * 3.2)        # a few power users
        if role == "viewer":
            w *= 0.3
        elif role == "project_manager":
            w *= 1.8
        add(user, name, role, created=created_between(40, 2600), weight=w)

    # Accounts with no events in the month.
    stale_days = [98, 131, 160, 187, 224, 260, 301, 355]
    for d in stale_days:                                    # stale (> 90 d)
        user, name = new_name()
        role = "viewer" if d in (131, 260) else "member"
        add(user, name, role, created=created_between(d + 100, 2600),
            last_login=day_before(d), kind="stale")
    for d in (420, 530, 760):                               # never used, old
        user, name = new_name()
        add(user, name, "member", created=created_between(d, d + 1), kind="never")
    user, name = new_name()                                 # never used, new
    add(user, name, "member", created=day_before(4), kind="new")
    user, name = new_name()                                 # quiet, not stale
    add(user, name, "member", created=created_between(500, 1500),
        last_login=day_before(83), kind="quiet")
    for d in (45, 120, 200, 330, 400, 610, 880):            # disabled, no events
        user, name = new_name()
        add(user, name, "member", status="disabled",
            created=created_between(d + 200, 2600), last_login=day_before(d), kind="gone")
    for d in (12, 70, 150):                                 # locked, no events
        user, name = new_name()
        add(user, name, "member", status="locked",
            created=created_between(d + 200, 2600), last_login=day_before(d), kind="gone")
    return accounts, special


PROJECTS = [
    # key, owner, status, end (None: open-ended), weight
    ("NW-WEB", "li.wei", "active", None, 9),
    ("NW-APP", "a.schmidt", "active", None, 8),
    ("ERP-UPG", "m.rossi", "active", "2027-03-31", 7),
    ("CRM", "li.wei", "active", "2026-12-31", 5),
    ("MES", "m.rossi", "active", "2027-06-30", 5),
    ("DATA", "a.schmidt", "active", None, 4),
    ("HR-PORTAL", "li.wei", "active", "2026-11-30", 3),
    ("SEC-AUDIT", "a.schmidt", "active", "2026-12-15", 2),
    ("OPS", "wang.fang", "active", None, 6),
    ("FIN-CLOSE", "m.rossi", "active", None, 3),
    ("MOBILE2", "a.schmidt", "active", "2027-01-31", 4),
    ("SUPPORT", "li.wei", "active", None, 6),
    ("QA-AUTO", "m.rossi", "active", None, 3),
    ("PLM", "li.wei", "active", "2026-10-31", 2),
    ("WEB2025", "a.schmidt", "archived", "2025-12-19", 0),
    ("ERP-2024", "m.rossi", "archived", "2024-11-30", 0),
    ("INTRANET", "li.wei", "archived", "2023-06-30", 0),
    ("PILOT-AI", "a.schmidt", "archived", "2026-02-27", 0),
    ("LEGACY-CRM", "m.rossi", "active", "2025-06-30", 0),     # expired
    ("EXPO-2025", "li.wei", "closed", "2025-10-31", 0),       # expired
    ("DATACENTER", "wang.fang", "active", "2026-03-31", 0),   # expired
    ("SAP-POC", "m.rossi", "closed", "2026-06-30", 0),        # ended, < 180 d
    ("BRAND", "a.schmidt", "on_hold", None, 0),
]


# --------------------------------------------------------------------------
class Planted:
    """The incidents planted in the event log (times fixed, see README)."""

    def __init__(self, month, rng, pool, ip_of):
        self.events = []    # (t, user, feature, is_error, latency, project, ip, message)
        self.quiet = []     # (feature, t0, t1): no background events of feature
        self.gap = None     # (t0, t1): no background events at all
        at = month.at
        m = self

        def ok(t, user, feature, lat=None, project="", ip=None, msg=""):
            m.events.append((t, user, feature, False, lat or m.lat(feature),
                             project, ip or ip_of(user), msg))

        def err(t, user, feature, msg, lat=None, project="", ip=None):
            m.events.append((t, user, feature, True, lat or m.lat(feature),
                             project, ip or ip_of(user), msg))

        self.rng = rng
        pick = lambda: pool[int(rng.random() * len(pool))]

        # (a) runs of failures, each bracketed by successes.
        r1 = [at(14, 2, 1, 30), at(14, 2, 2, 11), at(14, 2, 3, 40), at(14, 2, 5, 2),
              at(14, 2, 6, 55), at(14, 2, 9, 13), at(14, 2, 11, 48),
              at(14, 2, 14, 20), at(14, 2, 16, 5)]
        msgs = ['export worker failed: "Q3 budget, final.xlsx" exceeds 50 MB',
                "export worker ran out of memory", "HTTP 500 Internal Server Error",
                "export worker ran out of memory", "导出失败：报表服务超时",
                "upstream timed out after 30 s", "export worker ran out of memory"]
        ok(r1[0], "li.wei", "report.export", project="ERP-UPG")
        for i, t in enumerate(r1[1:-1]):
            who = ["m.rossi", "m.rossi", "a.schmidt", "li.wei", "li.wei",
                   "m.rossi", "a.schmidt"][i]
            err(t, who, "report.export", msgs[i], lat=30000 if "30 s" in msgs[i] else None,
                project="ERP-UPG")
        ok(r1[-1], "a.schmidt", "report.export", project="ERP-UPG")
        self.quiet.append(("report.export", r1[0], r1[-1]))

        r2 = [at(20, 3, 39, 2), at(20, 3, 40, 10), at(20, 3, 41, 25),
              at(20, 3, 43, 51), at(20, 3, 45, 30)]
        ok(r2[0], "a.schmidt", "report.export", project="NW-APP")
        for t in r2[1:-1]:
            err(t, "a.schmidt", "report.export", "export worker ran out of memory",
                project="NW-APP")
        ok(r2[-1], "a.schmidt", "report.export", project="NW-APP")
        self.quiet.append(("report.export", r2[0], r2[-1]))

        r3 = [at(27, 7, 30, 12), at(27, 7, 31, 5), at(27, 7, 33, 40),
              at(27, 7, 36, 22), at(27, 7, 39, 58), at(27, 7, 41, 30)]
        ok(r3[0], "wang.fang", "attachment.upload", project="OPS")
        for i, t in enumerate(r3[1:-1]):
            err(t, ["m.rossi", "zhao.lei", "m.rossi", "li.wei"][i], "attachment.upload",
                "upload failed: object store returned HTTP 507", project="MES")
        ok(r3[-1], "m.rossi", "attachment.upload", project="MES")
        self.quiet.append(("attachment.upload", r3[0], r3[-1]))

        # Two failures in a row only: below the default threshold of 3.
        r4 = [at(16, 5, 10, 0), at(16, 5, 11, 20), at(16, 5, 12, 2), at(16, 5, 13, 30)]
        ok(r4[0], "a.schmidt", "wiki.edit", project="DATA")
        err(r4[1], "a.schmidt", "wiki.edit", "HTTP 409 Conflict: page changed meanwhile",
            project="DATA")
        err(r4[2], "a.schmidt", "wiki.edit", "HTTP 409 Conflict: page changed meanwhile",
            project="DATA")
        ok(r4[3], "a.schmidt", "wiki.edit", project="DATA")
        self.quiet.append(("wiki.edit", r4[0], r4[-1]))

        # (b) error burst: 60 errors 2026-10-21 06:00-07:00 UTC, 5 on each
        # of 12 busy features, each error followed by a success of the same
        # feature so that no feature gets a run of 3.
        base = at(21, 6, 0, 0)
        burst = ["issue.view", "issue.update", "board.view", "search.query",
                 "issue.comment", "issue.create", "issue.transition",
                 "project.view", "wiki.view", "timesheet.log", "sprint.view",
                 "backlog.view"]
        for f in burst:
            secs = sorted(rng.sample(range(30, 3570), 10))
            for i, s in enumerate(secs):
                u = pick()
                if i % 2 == 0:
                    err(base + s, u, f, "database connection pool exhausted",
                        lat=int(5000 + rng.random() * 25000), project="NW-WEB")
                else:
                    ok(base + s, u, f, project="NW-WEB")

        # (c) password spraying: one ip fails for 14 distinct users in
        # under 8 minutes; successes of ordinary sign-ins interleave, so
        # auth.login never fails 3 times in a row.
        attacker = "203.0.113.77"
        t = at(22, 1, 11, 40)
        victims = []
        while len(victims) < 14:
            u = pick()
            if u not in victims:
                victims.append(u)
        self.spray_victims = victims
        self.spray = (attacker, at(22, 1, 12, 4))
        ok(t, pick(), "auth.login")
        step = [24, 29, 33, 27, 31, 26, 35]
        ts = at(22, 1, 12, 4)
        for i, v in enumerate(victims):
            err(ts, v, "auth.login", "invalid password", ip=attacker)
            if i % 2 == 1:
                ok(ts + 9, pick(), "auth.login")
            ts += step[i % len(step)]
        self.spray_end = ts - step[(len(victims) - 1) % len(step)]

        # One user failing 6 times in 8.5 minutes on the first working day
        # after the holiday (password expired), then a reset and a success.
        fails = [at(8, 0, 47, 10), at(8, 0, 48, 2), at(8, 0, 49, 31),
                 at(8, 0, 51, 15), at(8, 0, 53, 48), at(8, 0, 55, 40)]
        ok(at(8, 0, 46, 20), pick(), "auth.login")
        for i, t in enumerate(fails):
            err(t, "zhao.lei", "auth.login", "invalid password")
            if i % 2 == 1:
                ok(t + 11, pick(), "auth.login")
        ok(at(8, 0, 56, 30), "zhao.lei", "auth.password.reset")
        ok(at(8, 0, 58, 2), "zhao.lei", "auth.login")
        self.lockout = (fails[0], fails[-1])

        # (d) the log shipper stopped: nothing between these two events.
        g0, g1 = at(11, 0, 55, 0), at(11, 9, 5, 0)
        ok(g0, "svc.jenkins", "api.request", project="QA-AUTO")
        ok(g1, "svc.jenkins", "api.request", project="QA-AUTO",
           msg="first event after log shipper restart")
        self.gap = (g0, g1)

        # (e) a disabled account still in use.
        t = at(19, 2, 14, 5)
        for dtm, f in [(0, "auth.login"), (41, "issue.view"), (95, "issue.view"),
                       (260, "attachment.download"), (742, "issue.comment"),
                       (1610, "wiki.view")]:
            ok(t + dtm, "p.novak", f, project="" if f == "auth.login" else "MES")
        self.disabled = (t, t + 1610)

        # (f) a user missing from accounts.csv (a contractor added in the
        # tool but not in the directory export).
        t = at(23, 5, 20, 17)
        ip = "198.51.100.23"
        for dtm, f in [(0, "auth.login"), (30, "dashboard.view"), (64, "issue.view"),
                       (130, "issue.view"), (480, "issue.update"), (905, "search.query"),
                       (1390, "issue.view"), (2200, "attachment.download"),
                       (2710, "auth.logout")]:
            ok(t + dtm, "t.nguyen", f, ip=ip,
               project="" if f.startswith(("auth", "dashboard", "search")) else "CRM")
        self.unknown = (t, t + 2710)

        self.events.sort(key=lambda e: e[0])
        # Group by UTC hour for the merge with background events.
        self.by_hour = {}
        for e in self.events:
            self.by_hour.setdefault((e[0] - month.start) // 3600, []).append(e)

    def lat(self, feature):
        f = FEATURE_BY_NAME[feature]
        return int(f[3] * math.exp(f[4] * NORMAL[int(self.rng.random() * len(NORMAL))]))


FEATURE_BY_NAME = {f[0]: f for f in FEATURES}
# Quantiles of the standard normal distribution, for fast log-normal draws.
NORMAL = [statistics.NormalDist().inv_cdf((i + 0.5) / 4096) for i in range(4096)]


# --------------------------------------------------------------------------
def hour_weights(month):
    """Expected share of human events of each UTC hour of the month, from
    the local (Shanghai) working rhythm."""
    hourly = [0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.05, 0.15, 0.55, 1.0, 1.0,
              0.95, 0.5, 0.7, 0.95, 1.0, 0.95, 0.8, 0.45, 0.3, 0.25, 0.18,
              0.10, 0.05]
    w = []
    for h in range(month.days * 24):
        local = (month.start_dt + dt.timedelta(hours=h)).astimezone(LOCAL)
        d = local.date()
        if d in month.holidays:
            day = 0.10
        elif d in month.workdays:
            day = 0.9
        elif local.weekday() >= 5:
            day = 0.12
        else:
            day = 1.0
        w.append(day * hourly[local.hour])
    return w


def generate_events(args, month, accounts, rng):
    pool_acc = [a for a in accounts if a["kind"] == "pool"]
    admins = [a for a in pool_acc if a["role"] == "admin"]
    services = [a for a in accounts if a["kind"] == "service"]
    users = [a["user"] for a in pool_acc]
    viewer = [a["role"] == "viewer" for a in pool_acc]
    cum_u, s = [], 0.0
    for a in pool_acc:
        s += a["weight"]
        cum_u.append(s)
    tot_u = s
    admin_idx = [pool_acc.index(a) for a in admins]

    # Per-user ips (10.x office/VPN), per-user projects.
    active_projects = [p for p in PROJECTS if p[4] > 0]
    cum_p, s = [], 0.0
    for p in active_projects:
        s += p[4]
        cum_p.append(s)
    ips, home = {}, {}
    for a in accounts:
        n = 1 + (rng.random() < 0.25)
        ips[a["user"]] = ["10.%d.%d.%d" % (8 + int(rng.random() * 6),
                                           int(rng.random() * 256), 2 + int(rng.random() * 250))
                          for _ in range(n)]
        k = 1 + int(rng.random() * 3)
        home[a["user"]] = [active_projects[bisect.bisect(cum_p, rng.random() * s)][0]
                           for _ in range(k)]

    def ip_of(u):
        l = ips[u]
        return l[0] if len(l) == 1 or rng.random() < 0.75 else l[1]

    planted = Planted(month, rng, [u for u in users if u not in
                                   ("li.wei", "a.schmidt", "m.rossi", "zhao.lei")], ip_of)

    human = [f for f in FEATURES if f[2] > 0]
    feat_names = [f[0] for f in FEATURES]
    fidx = {n: i for i, n in enumerate(feat_names)}
    cum_f, s = [], 0.0
    hidx = []
    for f in human:
        s += f[2]
        cum_f.append(s)
        hidx.append(fidx[f[0]])
    tot_f = s
    p_err = [f[5] for f in FEATURES]
    median = [f[3] for f in FEATURES]
    sigma = [f[4] for f in FEATURES]
    has_proj = [FEATURE_BY_NAME[n][1] in PROJECT_MODULES for n in feat_names]
    is_admin = [n.startswith("admin.") for n in feat_names]
    is_write = [f[6] == 1 for f in FEATURES]
    displace = [n in DISPLACEABLE for n in feat_names]
    view_i = fidx["issue.view"]
    api_i, hook_i = fidx["api.request"], fidx["webhook.deliver"]
    login_i = fidx["auth.login"]
    err_msg = []
    for n in feat_names:
        err_msg.append(FEATURE_ERRORS.get(n, ERROR_MESSAGES))

    ndjson = args.format == "ndjson"
    if ndjson:
        enc = {}

        def jq(v):
            r = enc.get(v)
            if r is None:
                r = enc[v] = json.dumps(v, ensure_ascii=False)
            return r
    else:
        def jq(v):
            return csv_field(v) if v else ""

    # Events per hour: human rhythm plus a constant machine floor (~9%).
    hw = hour_weights(month)
    nh = len(hw)
    g0, g1 = planted.gap
    free = []       # share of each hour outside the log gap
    for h in range(nh):
        t0 = month.start + h * 3600
        lo, hi = max(t0, g0), min(t0 + 3600, g1 + 1)
        free.append(1.0 - max(0, hi - lo) / 3600.0)
        hw[h] *= free[h]
    total_w = sum(hw)
    total_free = sum(free)
    n_planted = len(planted.events)
    n_bg = max(0, args.events - n_planted)
    n_machine = n_bg * 9 // 100
    n_human = n_bg - n_machine

    last_err = [False] * len(FEATURES)
    last_login = {}
    last_proj = {}
    seen_users = set()
    hourly_errors = [0] * nh
    counts = {"rows": 0, "displaced": 0}
    delayed = []    # heap of (emit_time, seq, line)
    seq = 0
    mmss = ["%02d:%02dZ" % (i // 60, i % 60) for i in range(3600)]
    quiet_by_hour = {}
    for qf, q0, q1 in planted.quiet:
        for hq in range((q0 - month.start) // 3600, (q1 - month.start) // 3600 + 1):
            quiet_by_hour.setdefault(hq, []).append((fidx[qf], q0, q1))
    g0, g1 = planted.gap

    path = os.path.join(args.out, "events." + ("ndjson" if ndjson else "csv"))
    out = open(path, "w", encoding="utf-8", newline="")
    if not ndjson:
        out.write("time,user,feature,status,latency_ms,project,ip,message\n")
    write = out.write
    cum_h = 0.0
    done_h = 0
    rnd = rng.random
    bis = bisect.bisect
    nnorm = len(NORMAL)
    cum_free = 0.0
    for h in range(nh):
        t0 = month.start + h * 3600
        prefix = dt.datetime.fromtimestamp(t0, UTC).strftime("%Y-%m-%dT%H:")
        cum_h += hw[h]
        target = round(n_human * cum_h / total_w) if total_w else 0
        k_h = target - done_h
        done_h = target
        k_m = round(n_machine * (cum_free + free[h]) / total_free) - round(
            n_machine * cum_free / total_free)
        cum_free += free[h]
        # allowed seconds of this hour (the log gap removes some)
        excl = None
        if t0 + 3600 > g0 and t0 <= g1:
            excl = (max(0, g0 - t0), min(3599, g1 - t0))
        qh = quiet_by_hour.get(h)
        batch = []
        for i in range(k_h + k_m):
            sec = int(rnd() * 3600)
            while excl and excl[0] <= sec <= excl[1]:
                sec = int(rnd() * 3600)
            if i < k_h:
                fi = hidx[bis(cum_f, rnd() * tot_f)]
                if is_admin[fi]:
                    ui = admin_idx[int(rnd() * len(admin_idx))]
                else:
                    ui = bis(cum_u, rnd() * tot_u)
                    if viewer[ui] and is_write[fi]:
                        fi = view_i
                u = users[ui]
            else:
                fi = api_i if rnd() < 0.7 else hook_i
                u = services[int(rnd() * len(services))]["user"]
            if qh:
                for qf, q0, q1 in qh:
                    if fi == qf and q0 <= t0 + sec <= q1:
                        fi = view_i
            batch.append((t0 + sec, 0, len(batch), u, fi))
        for e in planted.by_hour.get(h, ()):
            batch.append((e[0], 1, len(batch), e))
        batch.sort()
        # For background events just before a planted failure of the same
        # feature: they must not fail (no accidental longer runs).
        before_planted_err = set()
        if h in planted.by_hour:
            nxt = {}
            for j in range(len(batch) - 1, -1, -1):
                b = batch[j]
                if b[1] == 1:
                    f = fidx[b[3][2]]
                    nxt[f] = b[3][3]
                else:
                    f = b[4]
                    if nxt.get(f):
                        before_planted_err.add(j)
                    nxt[f] = False
        for j, b in enumerate(batch):
            t = b[0]
            while delayed and delayed[0][0] <= t:
                write(heapq.heappop(delayed)[2])
            if b[1] == 1:
                _, u, fname, is_err, lat, proj, ip, msg = b[3]
                fi = fidx[fname]
            else:
                u, fi = b[3], b[4]
                is_err = (not last_err[fi] and rnd() < p_err[fi]
                          and j not in before_planted_err)
                lat = int(median[fi] * math.exp(sigma[fi] * NORMAL[int(rnd() * nnorm)]))
                msg = ""
                if is_err:
                    ml = err_msg[fi]
                    msg = ml[int(rnd() * len(ml))]
                    if msg.startswith("upstream timed out"):
                        lat = 30000
                proj = ""
                if has_proj[fi]:
                    hp = home[u]
                    proj = hp[int(rnd() * len(hp))]
                l = ips[u]
                ip = l[0] if len(l) == 1 or rnd() < 0.75 else l[1]
            last_err[fi] = is_err
            fname = feat_names[fi]
            if is_err:
                hourly_errors[h] += 1
            elif fi == login_i:
                last_login[u] = t
            seen_users.add(u)
            if proj:
                last_proj[proj] = t
            ts = prefix + mmss[t - t0]
            if ndjson:
                line = ('{"time":"%s","user":%s,"feature":"%s","status":"%s","latency_ms":%d'
                        % (ts, jq(u), fname, "error" if is_err else "ok", lat))
                if proj:
                    line += ',"project":"%s"' % proj
                line += ',"ip":"%s"' % ip
                if msg:
                    line += ',"message":%s' % jq(msg)
                line += "}\n"
            else:
                line = "%s,%s,%s,%s,%d,%s,%s,%s\n" % (
                    ts, u, fname, "error" if is_err else "ok", lat, proj, ip, jq(msg))
            counts["rows"] += 1
            # A late shard of a merged log: some rows of error-free
            # features appear 1 to 15 minutes after their time.
            if b[1] == 0 and displace[fi] and rnd() < 0.008:
                seq += 1
                counts["displaced"] += 1
                heapq.heappush(delayed, (t + 60 + int(rnd() * 840), seq, line))
                continue
            write(line)
    while delayed:
        write(heapq.heappop(delayed)[2])
    out.close()
    return {"path": path, "planted": planted, "last_login": last_login,
            "last_proj": last_proj, "seen": seen_users, "hourly_errors": hourly_errors,
            "counts": counts, "ips": ips}




# --------------------------------------------------------------------------
def write_accounts(path, month, accounts, ev, rng):
    rows = []
    before = month.start_dt
    for a in accounts:
        last = a["last_login"]
        u = a["user"]
        if u in ev["last_login"]:
            last = dt.datetime.fromtimestamp(ev["last_login"][u], UTC)
        elif a["kind"] in ("pool", "service", "disabled_active") and last is None:
            # signed in last month, used a session cookie since
            last = before - dt.timedelta(days=1 + int(rng.random() * 25),
                                         seconds=int(rng.random() * 30000))
        if a["kind"] == "service":
            last = None if u not in ev["last_login"] else last
        rows.append([u, a["name"], a["email"], a["role"], a["status"],
                     a["created"].strftime("%Y-%m-%dT%H:%M:%SZ"),
                     last.strftime("%Y-%m-%dT%H:%M:%SZ") if last else ""])
    rows.sort(key=lambda r: r[0])
    write_csv(path, ["user", "name", "email", "role", "status", "created", "last_login"], rows)
    return rows


def write_projects(path, month, ev, rng):
    rows = []
    for key, owner, status, end, w in PROJECTS:
        la = ev["last_proj"].get(key)
        if la is not None:
            last = iso(la)
        else:
            if end:
                e = dt.datetime.fromisoformat(end).replace(tzinfo=UTC)
            else:
                e = month.start_dt - dt.timedelta(days=60)
            last = (e - dt.timedelta(days=int(rng.random() * 20), hours=3)).strftime(
                "%Y-%m-%dT%H:%M:%SZ")
        rows.append([key, owner, status, end or "", last])
    write_csv(path, ["project", "owner", "status", "end", "last_activity"], rows)
    return rows


def write_features(path):
    rows = [[f[0], f[1], f[7]] for f in FEATURES] + [list(f) for f in UNUSED_FEATURES]
    rows.sort(key=lambda r: r[0])
    write_csv(path, ["feature", "module", "description"], rows)
    return rows


def write_survey(path, month, accounts, rng, vary=None):
    pool = [a["user"] for a in accounts if a["kind"] == "pool"]
    users = rng.sample(pool, 80)
    scores = [5] * 22 + [4] * 35 + [3] * 13 + [2] * 6 + [1] * 4
    if vary is not None:
        # the month's mood: some answers a point up, some a point down
        up, down = vary.uniform(0, 0.35), vary.uniform(0, 0.25)
        scores = [min(5, max(1, sc + (vary.random() < up) - (vary.random() < down)))
                  for sc in scores]
    rng.shuffle(scores)
    rows = []
    t0 = month.at(month.days - 6, 1, 0)
    for u, sc in zip(users, scores):
        t = t0 + int(rng.random() * 5 * 86400)
        rows.append((t, u, sc))
    rows.sort()
    out = [[u, sc, iso(t)] for t, u, sc in rows]
    write_csv(path, ["user", "score", "time"], out)
    return out


def write_outages(path, month, vary=None):
    """vary (a Random, year mode): each incident of the month is kept or
    not and its length scaled, so that availability moves from month to
    month; None keeps the example month as it is."""
    at = month.at
    end_next = month.end
    rows = [
        (month.start - 4 * 86400 + 3 * 3600, month.start - 4 * 86400 + 3 * 3600 + 1200,
         "jira-api", "minor", "no", "INC-4093", "API latency alarms (previous month)"),
        (at(6, 7, 5), at(6, 7, 17), "jira-web", "major", "no", "INC-4101",
         "Web nodes returned 502 after certificate rotation"),
        (at(9, 13, 10), at(9, 13, 40), "jira-api", "major", "no", "INC-4107",
         "API gateway error storm"),
        (at(9, 13, 15), at(9, 13, 45), "jira-api", "minor", "no", "INC-4108",
         'Webhook queue stalled, same root cause as "INC-4107"'),
        (at(17, 22, 0), at(18, 2, 0), "jira-web", "maintenance", "yes", "MNT-0017",
         "Planned upgrade to 9.12 and re-index"),
        (at(18, 1, 30), at(18, 2, 45), "jira-web", "critical", "no", "INC-4115",
         "Re-index overran the maintenance window"),
        (end_next - 20 * 60, end_next + 25 * 60, "jira-web", "major", "no", "INC-4129",
         "Database failover at month end"),
    ]
    if vary is not None:
        kept = []
        for a, b, s, sev, pl, i, ti in rows:
            if pl == "no" and vary.random() < 0.4:
                continue
            length = max(60, int((b - a) * vary.uniform(0.2, 1.6)))
            kept.append((a, a + length, s, sev, pl, i, ti))
        rows = kept
    out = [[iso(a), iso(b), s, sev, pl, i, ti] for a, b, s, sev, pl, i, ti in rows]
    write_csv(path, ["start", "end", "service", "severity", "planned", "id", "title"], out)
    return out


# Business hours of the SLA calendar (Asia/Shanghai, Mon-Fri 09-18).
def is_business_day(month, d):
    return d.weekday() < 5 and d not in month.holidays


def add_business(month, t, hours):
    """Epoch t plus a number of business hours."""
    cur = dt.datetime.fromtimestamp(t, LOCAL)
    left = hours * 3600.0
    while True:
        d = cur.date()
        open_ = cur.replace(hour=9, minute=0, second=0, microsecond=0)
        close = cur.replace(hour=18, minute=0, second=0, microsecond=0)
        if not is_business_day(month, d) or cur >= close:
            cur = (cur + dt.timedelta(days=1)).replace(hour=9, minute=0, second=0,
                                                       microsecond=0)
            continue
        if cur < open_:
            cur = open_
        avail = (close - cur).total_seconds()
        if left <= avail:
            return int((cur + dt.timedelta(seconds=left)).timestamp())
        left -= avail
        cur = (cur + dt.timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)


TICKET_TITLES = {
    "P1": ["SSO login loops back to the login page", "REST API returns 500 on bulk update",
           "Boards time out for every user", "LDAP sync disables active users",
           "Issue search returns nothing since the upgrade", "工作流转换报错，无法关闭问题"],
    "P2": ["Board loads slowly for large projects", "Excel export loses Chinese characters",
           "Cannot attach files larger than 20 MB", "E-mail notifications delayed",
           "Gantt chart shows wrong dependencies", "Webhook retries flood our endpoint",
           "Time zone of due dates shifted by 8 h", "Search index out of date",
           "Report \"Sprint velocity\" times out", "Permission scheme change not applied",
           "Import fails on quoted commas", "甘特图导出为空白", "工时报表统计错误"],
    "P3": ["Workflow transition \"Resolve\" missing for QA", "Custom field \"Cost centre\" not searchable",
           "Dashboard gadget shows no data", "Licence count wrong after user clean-up",
           "Mobile app cannot open attachments", "Request: add field to issue screen",
           "Request: new project template", "Question: archiving old projects",
           "Question: how to bulk-move issues, keeping history", "Typo in the Chinese UI: 「冲刺」",
           "Slow page loads in the afternoon"],
}


def write_tickets(path, month, rng):
    at = month.at
    tickets = []   # (opened, priority, first_response, resolved, status, title)
    end = month.end

    def hours(h):
        return int(h * 3600)

    # The special ones (see README).
    # P1 opened on a Friday evening (local 19:40), answered Saturday morning.
    tickets.append((at(16, 11, 40), "P1", at(17, 1, 30), at(19, 7, 20), "resolved",
                    "All users logged out every 5 minutes"))
    # P2 opened the day before the National Day holiday, answered after it.
    tickets.append((month.start - 86400 + hours(8.5), "P2", at(8, 2, 15), at(9, 9, 0),
                    "resolved", "Scheduled report e-mails not sent"))
    # P1 with no response at all by month end: breached.
    tickets.append((at(29, 3, 0), "P1", None, None, "open",
                    "Attachments return 404 after storage migration"))
    # P2 opened Friday afternoon with no response yet: pending.
    tickets.append((at(30, 8, 0), "P2", None, None, "open",
                    "Burndown chart empty for sprint 44"))
    # P3 opened the last Friday evening, no response yet: pending.
    tickets.append((at(30, 9, 0), "P3", None, None, "open",
                    "Request: colour of the \"Blocked\" status"))

    targets = {"P1": 2, "P2": 4, "P3": 9}
    res_t = {"P1": (2, 7, 9, 30), "P2": (10, 60, 80, 200), "P3": (20, 240, 20, 240)}
    n = 55
    for i in range(n):
        r = rng.random()
        pr = "P1" if r < 0.1 else ("P2" if r < 0.45 else "P3")
        # opened on a working day between 08:00 and 19:00 local, mostly
        while True:
            day = 8 + int(rng.random() * (month.days - 10))
            local = dt.datetime(month.year, month.month, day, 8, tzinfo=LOCAL)
            if is_business_day(month, local.date()) or rng.random() < 0.1:
                break
        opened = int(local.timestamp()) + int(rng.random() * 11 * 3600)
        late = rng.random() < 0.12
        tgt = targets[pr]
        if late:
            # clearly late under any reading of "1d" (9 or 24 business hours)
            bh = tgt * (1.3 + rng.random() * 1.5) if pr != "P3" else 26 + rng.random() * 12
        else:
            bh = tgt * (0.1 + rng.random() * 0.7)
        first = add_business(month, opened, bh)
        lo, hi, llo, lhi = res_t[pr]
        # resolution counts from the opening (wall-clock), after the response
        if rng.random() < 0.75:
            res = opened + hours(lo + rng.random() * (hi - lo))
        else:
            res = opened + hours(llo + rng.random() * (lhi - llo))
        res = max(res, first + 1800)
        status = "resolved" if rng.random() < 0.6 else "closed"
        if rng.random() < 0.13:
            res, status = None, ["in_progress", "waiting_for_customer"][int(rng.random() * 2)]
        if first >= end:
            first, res, status = None, None, "open"
        elif res is not None and res >= end:
            res, status = None, "in_progress"
        tl = TICKET_TITLES[pr]
        title = tl[int(rng.random() * len(tl))]
        tickets.append((opened, pr, first, res, status, title))
    tickets.sort(key=lambda x: x[0])
    rows = []
    for i, (o, pr, f, r, st, ti) in enumerate(tickets):
        rows.append(["NWS-%d" % (1201 + i), pr, iso(o), iso(f) if f else "",
                     iso(r) if r else "", st, ti])
    write_csv(path, ["id", "priority", "opened", "first_response", "resolved", "status",
                     "title"], rows)
    return rows


# China's public holidays and make-up working days of 2026, from the State
# Council's notice 国务院办公厅关于2026年部分节假日安排的通知 of 2025-11-04
# (Xinhua; e.g. https://politics.gmw.cn/2025-11/04/content_38391083.htm):
# New Year 1-1..1-3 (work Sun 1-4), Spring Festival 2-15..2-23 (work Sat
# 2-14, Sat 2-28), Qingming 4-4..4-6, Labour Day 5-1..5-5 (work Sat 5-9),
# Dragon Boat 6-19..6-21, Mid-Autumn 9-25..9-27, National Day 10-1..10-7
# (work Sun 9-20, Sat 10-10).
CN_2026_HOLIDAYS = [
    ("01-01", "01-03"), ("02-15", "02-23"), ("04-04", "04-06"), ("05-01", "05-05"),
    ("06-19", "06-21"), ("09-25", "09-27"), ("10-01", "10-07"),
]
CN_2026_WORKDAYS = ["01-04", "02-14", "02-28", "05-09", "09-20", "10-10"]


def cn_2026_dates():
    hol = []
    for a, b in CN_2026_HOLIDAYS:
        d = dt.date.fromisoformat("2026-" + a)
        while d <= dt.date.fromisoformat("2026-" + b):
            hol.append(d.isoformat())
            d += dt.timedelta(days=1)
    return hol, ["2026-" + d for d in CN_2026_WORKDAYS]


def write_sla(path, month):
    # P1 around the clock; P2 and P3 in the support desk's office hours,
    # with the holidays and the Saturdays and Sundays worked instead
    holidays, workdays = cn_2026_dates()
    policy = {
        "name": "Northwind PM SaaS contract",
        "timezone": "Asia/Shanghai",
        "availability": {"target": 99.9, "exclude_planned": True,
                         "credits": [{"below": 99.9, "credit": 10},
                                     {"below": 99.0, "credit": 25}]},
        "response": {"P1": {"target": "2h", "calendar": "24x7"}, "P2": "4h", "P3": "1d",
                     "min_compliance": 95},
        "resolution": {"P1": {"target": "8h", "calendar": "24x7"}, "P2": "3d"},
        "calendars": {
            "support": {"days": "Mon-Fri", "hours": "09:00-18:00",
                        "holidays": holidays, "workdays": workdays},
            "24x7": "24x7",
        },
        "calendar": "support",
        "business_hours": ["response", "resolution"],
    }
    with open(path, "w", encoding="utf-8") as f:
        json.dump(policy, f, indent=2, ensure_ascii=False)
        f.write("\n")


ROLES = ["IT", "PMO", "Project manager", "Vendor", "CIO"]
RACI = [
    # activity, IT, PMO, Project manager, Vendor, CIO, checks
    ("server configuration", "A/R", "I", "", "C", "", "latency_p95"),
    ("database management", "A/R", "", "", "C", "", ""),
    ("network security", "A/R", "I", "", "C", "I", "failed_logins"),
    ("version upgrades and patches", "R", "C", "I", "R", "A", ""),
    ("backup and disaster recovery", "A/R", "", "", "C", "I", ""),
    ("vendor liaison", "C", "R", "", "R", "A", "response;resolution"),
    ("custom fields and workflows", "R", "A", "C", "C", "", ""),
    ("permissions", "R", "A", "C", "", "", "disabled_account_activity;unknown_user"),
    ("report templates", "C", "A/R", "C", "", "I", ""),
    ("user feedback", "", "A/R", "R", "I", "I", ""),
    ("user training", "C", "R", "A/R", "R", "", ""),
    ("weekly inspection", "A/R", "I", "I", "", "", "error_rate;error_burst"),
    ("monthly review", "R", "R", "C", "C", "A", "expired_project"),
    ("quarterly optimisation", "R", "R", "C", "C", "A", ""),
    ("yearly evaluation", "C", "R", "C", "C", "A", ""),
    ("SLA monitoring", "R", "A/R", "", "I", "I", "availability"),
    ("log analysis", "A/R", "", "", "C", "", "consecutive_failures;log_gap"),
    ("account clean-up", "R", "A", "I", "", "", "stale_account;dormant_admin"),
]
PEOPLE = [
    ("IT", "王芳 (Wang Fang)", "wang.fang@" + DOMAIN),
    ("IT", "Oliver Jensen", "o.jensen@" + DOMAIN),
    ("PMO", "刘洋 (Liu Yang)", "liu.yang@" + DOMAIN),
    ("Project manager", "李伟 (Li Wei)", "li.wei@" + DOMAIN),
    ("Vendor", "Atlas PM Support Desk", "support@atlas-pm.example"),
    ("CIO", "Helena Brandt", "h.brandt@" + DOMAIN),
]


def write_raci(path):
    write_csv(path, ["activity"] + ROLES + ["checks"], [list(r) for r in RACI])


def write_people(path):
    write_csv(path, ["role", "person", "email"], [list(p) for p in PEOPLE])


# --------------------------------------------------------------------------
def write_month(args, month, base, vary):
    """One month of data into args.out; base: the seed of its random
    streams; vary: the Random of the year mode (None: the example month)."""
    os.makedirs(args.out, exist_ok=True)

    # Independent streams, so that e.g. the survey does not change with --events.
    # The people are the same company whatever the month.
    r_people = random.Random(args.seed * 10 + 1)
    r_events = random.Random(base + 2)
    r_misc = random.Random(base + 3)

    accounts, _ = build_accounts(r_people, month)
    ev = generate_events(args, month, accounts, r_events)
    out = lambda n: os.path.join(args.out, n)
    acc = write_accounts(out("accounts.csv"), month, accounts, ev, r_misc)
    prj = write_projects(out("projects.csv"), month, ev, r_misc)
    fea = write_features(out("features.csv"))
    sur = write_survey(out("survey.csv"), month, accounts, r_misc, vary)
    outg = write_outages(out("outages.csv"), month, vary)
    tic = write_tickets(out("tickets.csv"), month, r_misc)
    write_sla(out("sla.json"), month)
    write_raci(out("raci.csv"))
    write_people(out("people.csv"))

    if args.verbose:
        p = ev["planted"]
        he = ev["hourly_errors"]
        top = sorted(range(len(he)), key=lambda h: (-he[h], h))[:6]
        print("events: %d rows (%d displaced) -> %s" % (ev["counts"]["rows"],
              ev["counts"]["displaced"], ev["path"]), file=sys.stderr)
        print("accounts %d, projects %d, features %d, survey %d, outages %d, tickets %d"
              % (len(acc), len(prj), len(fea), len(sur), len(outg), len(tic)), file=sys.stderr)
        print("spray victims: %s" % " ".join(sorted(p.spray_victims)), file=sys.stderr)
        print("spray: first %s last %s" % (iso(p.spray[1]), iso(p.spray_end)), file=sys.stderr)
        print("top error hours: %s" % ", ".join("%s=%d" % (iso(month.start + h * 3600), he[h])
                                              for h in top), file=sys.stderr)


def write_year(args):
    """--year YYYY: twelve months, OUT/YYYY-01 .. OUT/YYYY-12, each a whole
    month as the default run writes one, from streams seeded by --seed and
    the month, with a few events each (--events, default 3000) and the
    incidents and the survey's mood varied by month."""
    top = args.out
    events = args.events
    for m in range(1, 13):
        label = "%04d-%02d" % (args.year, m)
        vary = random.Random(args.seed * 1000 + m)
        sub = argparse.Namespace(**vars(args))
        sub.out = os.path.join(top, label)
        sub.events = int(events * vary.uniform(0.8, 1.2))
        write_month(sub, Month(label), args.seed * 10 + 100 * m, vary)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description="Generate the upkeep example month.")
    ap.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    ap.add_argument("--out", default=here, help="output folder (default: this script's)")
    ap.add_argument("--events", type=int, default=None,
                    help="number of events (default 40000; 3000 a month with --year)")
    ap.add_argument("--month", default="2026-10", help="month YYYY-MM (default 2026-10)")
    ap.add_argument("--year", type=int, default=None,
                    help="write a year instead: OUT/YYYY-01 .. OUT/YYYY-12 (events default 3000 a month)")
    ap.add_argument("--format", choices=["csv", "ndjson"], default="csv",
                    help="format of the event log (default csv)")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="print what was planted and written")
    args = ap.parse_args()
    if args.events is None:
        args.events = 40000 if args.year is None else 3000
    if args.events < 0:
        ap.error("--events must not be negative")
    if args.year is not None:
        write_year(args)
        return
    month = Month(args.month)
    write_month(args, month, args.seed * 10, None)


if __name__ == "__main__":
    main()
