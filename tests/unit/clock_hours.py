#!/usr/bin/env python3
"""The clock hours of a local day, computed with Python's zoneinfo
independently of lib/base/tz.c, for the expected values of
tests/unit/test_calendar.c.  A clock hour is a stretch of time in which
the local clock shows one date and hour and the UTC offset does not
change (tz.h).  Walks the day minute by minute (every zone changes its
offset on a whole minute) and prints each clock hour's start in UTC, its
length in minutes and the local time it starts at.
Usage: clock_hours.py ZONE YYYY-MM-DD"""
import sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

z = ZoneInfo(sys.argv[1])
day = datetime.fromisoformat(sys.argv[2]).date()
# from the first instant of the local day to the first of the next one
t = datetime(day.year, day.month, day.day, tzinfo=z).astimezone(timezone.utc) - timedelta(hours=3)
end = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=z).astimezone(timezone.utc) + timedelta(hours=3)
hours, key = [], None
while t < end:
    loc = t.astimezone(z)
    k = (loc.date(), loc.hour, loc.utcoffset())
    if k != key:
        hours.append([t, 0, loc])
        key = k
    hours[-1][1] += 1
    t += timedelta(minutes=1)
n = 0
for start, mins, loc in hours:
    if loc.date() == day:
        n += 1
        print(start.strftime("%Y-%m-%dT%H:%MZ"), mins, loc.isoformat())
print("clock hours of the local day:", n)
