#!/usr/bin/env python3
"""The year of months worked out independently of sla-check: run
`python3 WORKING.py` here; it prints the expected expout (and is used by
tests/cases/report/year-scorecard/WORKING.py for the same months).

Policy (sla.json): availability target 99.9%, credit 10 below 99.9, 25
below 99.0 (man sla-check: the lowest "below" the actual falls under);
response P1 1 h around the clock (no calendar), min_compliance 50%.
Each month is judged as `sla-check --period 2026-MM` would: its seconds
from the 1st 00:00 UTC to the next 1st; an outage crossing a month's end
counts in each month for its part there."""
import calendar
import datetime as dt

UTC = dt.timezone.utc
TARGET = 0.999
CREDITS = [(0.999, 10), (0.990, 25)]     # (below, credit), the lowest wins
MIN_COMPLIANCE = 0.5
RESPONSE = 3600


def t(s):
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()


OUTAGES = [  # outages.csv, service web, none planned
    ("2026-01-14T03:00:00Z", "2026-01-14T03:20:00Z"),   # 20 min
    ("2026-03-09T12:00:00Z", "2026-03-09T13:00:00Z"),   # 1 h
    ("2026-04-22T06:00:00Z", "2026-04-22T06:44:00Z"),   # 44 min
    ("2026-05-05T18:00:00Z", "2026-05-05T18:40:00Z"),   # 40 min
    ("2026-06-30T08:00:00Z", "2026-06-30T18:00:00Z"),   # 10 h
    ("2026-08-31T23:30:00Z", "2026-09-01T00:30:00Z"),   # 30 min in Aug, 30 in Sep
    ("2026-11-11T11:00:00Z", "2026-11-11T14:00:00Z"),   # 3 h
    ("2026-12-24T20:00:00Z", "2026-12-24T20:15:00Z"),   # 15 min
]
TICKETS = [  # tickets.csv: id, opened, first response (all P1)
    ("T1", "2026-01-05T09:00:00Z", "2026-01-05T09:30:00Z"),   # 30 min: met
    ("T2", "2026-03-02T09:00:00Z", "2026-03-02T11:00:00Z"),   # 2 h: breached
    ("T3", "2026-03-16T09:00:00Z", "2026-03-16T09:10:00Z"),   # 10 min: met
    ("T4", "2026-06-10T09:00:00Z", "2026-06-10T12:00:00Z"),   # 3 h: breached
    ("T5", "2026-09-14T09:00:00Z", "2026-09-14T09:59:00Z"),   # 59 min: met
    ("T6", "2026-12-10T09:00:00Z", "2026-12-10T09:45:00Z"),   # 45 min: met
]


def g(x):
    """A number as the writer prints it: 10 significant digits."""
    if x == int(x) and abs(x) < 1e15:
        return "%d" % x
    return "%.10g" % x


def months():
    """One dict a month of 2026 with the figures of its two rows."""
    out = []
    for m in range(1, 13):
        start = dt.datetime(2026, m, 1, tzinfo=UTC).timestamp()
        end = dt.datetime(2027 if m == 12 else 2026, 1 if m == 12 else m + 1, 1,
                          tzinfo=UTC).timestamp()
        secs = end - start
        down = sum(max(0, min(t(b), end) - max(t(a), start)) for a, b in OUTAGES)
        actual = 1 - down / secs
        credit = 0
        for below, c in CREDITS:
            if actual < below:
                credit = c
        allowed = (1 - TARGET) * secs
        met = sum(1 for _, o, r in TICKETS if start <= t(o) < end and t(r) - t(o) <= RESPONSE)
        breached = sum(1 for _, o, r in TICKETS if start <= t(o) < end and t(r) - t(o) > RESPONSE)
        comp = met / (met + breached) if met + breached else None
        out.append(dict(month="2026-%02d" % m, days=calendar.monthrange(2026, m)[1],
                        secs=secs, down=down, actual=actual, met=actual >= TARGET,
                        allowed=allowed, remaining=allowed - down, burn=down / allowed,
                        credit=credit, tickets=met + breached, tmet=met, tbreached=breached,
                        compliance=comp,
                        rmet=comp is None or comp >= MIN_COMPLIANCE))
    return out


def main():
    print("month,objective,scope,target,actual,met,downtime_s,allowed_downtime_s,"
          "budget_remaining_s,burn_rate,credit,samples,longest_down_s,tickets,met_count,"
          "breached_count,pending_count")
    for r in months():
        print("%s,availability,web,0.999,%s,%s,%s,%s,%s,%s,%d,,,,,," % (
            r["month"], g(r["actual"]), "true" if r["met"] else "false", g(r["down"]),
            g(r["allowed"]), g(r["remaining"]), g(r["burn"]), r["credit"]))
        print("%s,response,P1,0.5,%s,%s,,,,,,,,%d,%d,%d,0" % (
            r["month"], "" if r["compliance"] is None else g(r["compliance"]),
            "true" if r["rmet"] else "false", r["tickets"], r["tmet"], r["tbreached"]))
    # the year as a whole: downtime over 365 days; below 99.9% -> a
    # critical finding -> exit status 1 under the default --fail-on
    down = sum(t(b) - t(a) for a, b in OUTAGES)
    year = 1 - down / (365 * 86400)
    assert year < TARGET
    print("status 1")


if __name__ == "__main__":
    main()
