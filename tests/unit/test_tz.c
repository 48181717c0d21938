/* Unit tests of tz.  Expected instants were computed independently with
 * Python's zoneinfo (the same tzdata), e.g.
 *   python3 -c 'from zoneinfo import ZoneInfo; from datetime import datetime
 *     print(int(datetime(2026,10,25,2,30,tzinfo=ZoneInfo("Europe/Berlin"))
 *       .timestamp()*1000))'
 * (fold=0 gives the earlier of two ambiguous instants and, in a gap, the
 * instant moved forward by the gap, as tz_instant promises); calendar
 * values were worked by hand. */
#include <stdlib.h>

#include "check.h"
#include "base/tz.h"

static struct civil civ(int y, int mo, int d, int h, int mi, int s)
{
	struct civil c = { y, mo, d, h, mi, s, 0, 0 };
	return c;
}

static void tz_calendar_helpers(void)
{
	int64_t y, day;
	int m, d;

	CHECK_INT(civil_days_from_date(1970, 1, 1), 0);
	CHECK_INT(civil_days_from_date(2000, 3, 1), 11017);
	CHECK_INT(civil_days_from_date(1, 1, 1), -719162);
	CHECK_INT(civil_days_from_date(9999, 12, 31), 2932896);
	CHECK_INT(civil_days_from_date(2026, 10, 2), 20728);
	/* month 13 and day 0 are normalised */
	CHECK_INT(civil_days_from_date(2026, 13, 1), civil_days_from_date(2027, 1, 1));
	CHECK_INT(civil_days_from_date(2026, 3, 0), civil_days_from_date(2026, 2, 28));
	CHECK(civil_is_leap(2024));
	CHECK(civil_is_leap(2000));
	CHECK(!civil_is_leap(2100));
	CHECK(!civil_is_leap(2026));
	CHECK_INT(civil_days_in_month(2024, 2), 29);
	CHECK_INT(civil_days_in_month(2026, 2), 28);
	CHECK_INT(civil_days_in_month(2000, 2), 29);
	CHECK_INT(civil_days_in_month(2100, 2), 28);
	CHECK_INT(civil_days_in_month(2026, 4), 30);
	CHECK_INT(civil_days_in_month(2026, 13), 0);
	civil_date_from_days(-1, &y, &m, &d);
	CHECK_INT(y, 1969);
	CHECK_INT(m, 12);
	CHECK_INT(d, 31);
	/* round trip over 1600..2400 */
	for (day = civil_days_from_date(1600, 1, 1);
	     day < civil_days_from_date(2400, 1, 1); day += 17) {
		civil_date_from_days(day, &y, &m, &d);
		if (civil_days_from_date(y, m, d) != day) {
			CHECK_INT(civil_days_from_date(y, m, d), day);
			break;
		}
	}
}

static void tz_names(void)
{
	struct error err;
	struct tz *tz;
	const char *bad[] = {
		"Mars/Base", "../etc/passwd", "Europe/../Europe/Berlin",
		"/etc/localtime", "Europe", "", NULL,
	};
	int i;

	/* the UTC names need no tzdata */
	setenv("TZDIR", "/nonexistent", 1);
	tz = tz_new("UTC", &err);
	CHECK(tz != NULL);
	if (tz) {
		CHECK_INT(tz_offset(tz, INT64_C(1790841600000)), 0);
		CHECK_STR(tz_name(tz), "UTC");
	}
	tz_free(tz);
	tz = tz_new("Etc/UTC", &err);
	CHECK(tz != NULL);
	tz_free(tz);
	tz = tz_new("Z", &err);
	CHECK(tz != NULL);
	tz_free(tz);
	tz = tz_new("Europe/Berlin", &err);
	CHECK(tz == NULL);
	tz_free(tz);
	unsetenv("TZDIR");

	for (i = 0; bad[i]; i++) {
		if (!bad[i][0])
			continue;
		error_clear(&err);
		tz = tz_new(bad[i], &err);
		CHECK(tz == NULL);
		tz_free(tz);
	}
	tz = tz_new("Mars/Base", &err);
	CHECK(tz == NULL);
	CHECK_STR(err.msg, "unknown time zone \"Mars/Base\"");

	/* NULL or "": $TZ, else UTC */
	setenv("TZ", ":Asia/Shanghai", 1);
	tz = tz_new(NULL, &err);
	CHECK(tz != NULL);
	if (tz) {
		CHECK_STR(tz_name(tz), "Asia/Shanghai");
		CHECK_INT(tz_offset(tz, 0), 8 * 3600);
	}
	tz_free(tz);
	unsetenv("TZ");
	tz = tz_new("", &err);
	CHECK(tz != NULL);
	if (tz)
		CHECK_STR(tz_name(tz), "UTC");
	tz_free(tz);
	setenv("TZ", "UTC", 1);
	tz_free(NULL);
}

static void tz_offsets_and_footer(void)
{
	struct error err;
	struct tz *be = tz_new("Europe/Berlin", &err);
	struct tz *px = tz_new("CET-1CEST,M3.5.0,M10.5.0/3", &err);
	struct tz *sy = tz_new("Australia/Sydney", &err);
	struct tz *ny = tz_new("America/New_York", &err);

	CHECK(be && px && sy && ny);
	if (!be || !px || !sy || !ny)
		goto out;
	/* DST starts 2026-03-29T01:00:00Z (hand: last Sunday of March,
	 * 02:00 CET) */
	CHECK_INT(tz_offset(be, INT64_C(1774746000000) - 1), 3600);
	CHECK_INT(tz_offset(be, INT64_C(1774746000000)), 7200);
	CHECK_INT(tz_offset(px, INT64_C(1774746000000) - 1), 3600);
	CHECK_INT(tz_offset(px, INT64_C(1774746000000)), 7200);
	/* ends 2026-10-25T01:00:00Z */
	CHECK_INT(tz_offset(be, INT64_C(1792890000000) - 1), 7200);
	CHECK_INT(tz_offset(be, INT64_C(1792890000000)), 3600);
	/* past the table: the footer rule, 2100-03-28T01:00Z and
	 * 2100-10-31T01:00Z (zoneinfo) */
	CHECK_INT(tz_offset(be, INT64_C(4109878800000) - 1), 3600);
	CHECK_INT(tz_offset(be, INT64_C(4109878800000)), 7200);
	CHECK_INT(tz_offset(be, INT64_C(4128627600000) - 1), 7200);
	CHECK_INT(tz_offset(be, INT64_C(4128627600000)), 3600);
	/* southern hemisphere, footer: 2040-03-31T16:00Z to +10,
	 * 2040-10-06T16:00Z to +11 (zoneinfo) */
	CHECK_INT(tz_offset(sy, INT64_C(2216822400000) - 1), 11 * 3600);
	CHECK_INT(tz_offset(sy, INT64_C(2216822400000)), 10 * 3600);
	CHECK_INT(tz_offset(sy, INT64_C(2233152000000) - 1), 10 * 3600);
	CHECK_INT(tz_offset(sy, INT64_C(2233152000000)), 11 * 3600);
	/* local mean time before 1893: +0:53:28 (zoneinfo) */
	CHECK_INT(tz_offset(be, INT64_C(-2524521600000)), 3208);
	/* the cache must not leak across zones of calls: alternate */
	CHECK_INT(tz_offset(ny, INT64_C(1790841600000)), -4 * 3600);
	CHECK_INT(tz_offset(ny, INT64_C(1798761600000)), -5 * 3600);
	CHECK_INT(tz_offset(ny, INT64_C(1790841600000)), -4 * 3600);
out:
	tz_free(be);
	tz_free(px);
	tz_free(sy);
	tz_free(ny);
}

static void tz_civil_and_days(void)
{
	struct error err;
	struct tz *sh = tz_new("Asia/Shanghai", &err);
	struct tz *utc = tz_new("UTC", &err);
	struct tz *sp = tz_new("America/Sao_Paulo", &err);
	struct civil c;

	CHECK(sh && utc && sp);
	if (!sh || !utc || !sp)
		goto out;
	/* 2026-10-01T16:30:00Z is 2026-10-02 00:30 in Shanghai, a Friday */
	tz_civil(sh, INT64_C(1790872200000), &c);
	CHECK_INT(c.year, 2026);
	CHECK_INT(c.month, 10);
	CHECK_INT(c.day, 2);
	CHECK_INT(c.hour, 0);
	CHECK_INT(c.min, 30);
	CHECK_INT(c.sec, 0);
	CHECK_INT(c.wday, 5);
	CHECK_INT(tz_day(sh, INT64_C(1790872200000)), 20728);
	/* 2026-10-01T15:59:59.999Z is still Oct 1 there */
	CHECK_INT(tz_day(sh, INT64_C(1790870400000) - 1), 20727);
	CHECK_INT(tz_day(sh, INT64_C(1790870400000)), 20728);
	CHECK_INT(tz_day(utc, INT64_C(1790872200000)), 20727);
	CHECK_INT(tz_day_start(sh, 20728), INT64_C(1790870400000));
	CHECK_INT(tz_day_start(utc, 20728), INT64_C(20728) * MS_PER_DAY);
	/* negative instants */
	tz_civil(utc, -1, &c);
	CHECK_INT(c.year, 1969);
	CHECK_INT(c.month, 12);
	CHECK_INT(c.day, 31);
	CHECK_INT(c.hour, 23);
	CHECK_INT(c.sec, 59);
	CHECK_INT(c.ms, 999);
	CHECK_INT(c.wday, 3);
	CHECK_INT(tz_day(utc, -1), -1);
	/* Sao Paulo 2018-11-04: midnight skipped, the day starts at 01:00
	 * -02 = 03:00Z (zoneinfo) */
	CHECK_INT(tz_day_start(sp, civil_days_from_date(2018, 11, 4)),
		  INT64_C(1541300400000));
out:
	tz_free(sh);
	tz_free(utc);
	tz_free(sp);
}

static void tz_instant_dst(void)
{
	struct error err;
	struct tz *be = tz_new("Europe/Berlin", &err);
	struct tz *ny = tz_new("America/New_York", &err);
	struct tz *sy = tz_new("Australia/Sydney", &err);
	struct civil c;

	CHECK(be && ny && sy);
	if (!be || !ny || !sy)
		goto out;
	/* plain: 2026-10-01 10:00 CEST = 08:00Z */
	c = civ(2026, 10, 1, 10, 0, 0);
	CHECK_INT(tz_instant(be, &c), INT64_C(1790841600000));
	/* gap: 02:30 on 2026-03-29 does not exist, becomes 03:30 CEST */
	c = civ(2026, 3, 29, 2, 30, 0);
	CHECK_INT(tz_instant(be, &c), INT64_C(1774747800000));
	/* overlap: 02:30 on 2026-10-25 happens twice, the earlier (CEST) */
	c = civ(2026, 10, 25, 2, 30, 0);
	CHECK_INT(tz_instant(be, &c), INT64_C(1792888200000));
	c = civ(2026, 10, 25, 3, 0, 0);	/* after the overlap: CET */
	CHECK_INT(tz_instant(be, &c), INT64_C(1792893600000));
	/* New York: gap 2026-03-08 02:30 -> 03:30 EDT; overlap 2026-11-01
	 * 01:30 -> the EDT one */
	c = civ(2026, 3, 8, 2, 30, 0);
	CHECK_INT(tz_instant(ny, &c), INT64_C(1772955000000));
	c = civ(2026, 11, 1, 1, 30, 0);
	CHECK_INT(tz_instant(ny, &c), INT64_C(1793511000000));
	/* Sydney via the footer: 2040-04-01 02:30 twice, the earlier (+11) */
	c = civ(2040, 4, 1, 2, 30, 0);
	CHECK_INT(tz_instant(sy, &c), INT64_C(2216820600000));
	/* normalisation: month 13, day 0, hour 24 */
	c = civ(2026, 13, 1, 0, 0, 0);
	CHECK_INT(tz_instant(be, &c), INT64_C(1798758000000));
	c = civ(2026, 3, 0, 0, 0, 0);
	CHECK_INT(tz_instant(be, &c), INT64_C(1772233200000));
	c = civ(2026, 10, 1, 24, 0, 0);
	CHECK_INT(tz_instant(be, &c), INT64_C(1790892000000));
	/* round trip through tz_civil across a year, hourly */
	{
		int64_t t, start = INT64_C(1767225600000);	/* 2026-01-01Z */
		struct civil d;
		for (t = start; t < start + 365 * MS_PER_DAY; t += MS_PER_HOUR + 7) {
			tz_civil(ny, t, &d);
			if (tz_instant(ny, &d) != t &&
			    !(d.month == 11 && d.hour == 1)) {	/* the overlap */
				CHECK_INT(tz_instant(ny, &d), t);
				break;
			}
		}
	}
out:
	tz_free(be);
	tz_free(ny);
	tz_free(sy);
}

int main(void)
{
	TEST_RUN(tz_calendar_helpers);
	TEST_RUN(tz_names);
	TEST_RUN(tz_offsets_and_footer);
	TEST_RUN(tz_civil_and_days);
	TEST_RUN(tz_instant_dst);
	return TEST_EXIT();
}
