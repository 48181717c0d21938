/* Unit tests of period.  Expected bounds were computed independently with
 * Python (datetime, date.isocalendar, zoneinfo), e.g.
 *   python3 -c 'from zoneinfo import ZoneInfo; from datetime import datetime
 *     B = ZoneInfo("Europe/Berlin")
 *     print(int(datetime(2026,10,1,tzinfo=B).timestamp()*1000),
 *           int(datetime(2026,11,1,tzinfo=B).timestamp()*1000))'
 * ISO weeks by hand: 2026-01-01 is a Thursday, so 2026-W01 starts Monday
 * 2025-12-29 and 2026 has 53 weeks; 2025-01-01 is a Wednesday in a common
 * year, so 2025 has 52. */
#include <stdlib.h>

#include "check.h"
#include "base/period.h"

static struct tz *utc, *berlin, *newyork, *shanghai;

/* 2026-11-15T12:00:00Z, a Sunday in ISO week 2026-W46 */
#define NOW INT64_C(1794744000000)

static int parse(struct period *p, const char *s, struct tz *tz, int64_t now)
{
	struct error err;

	error_clear(&err);
	return period_parse(p, s, tz, now, &err);
}

#define CHECK_PERIOD(s, tz, now, kind_, start_, end_, label_) do { \
	struct period p_; \
	memset(&p_, 0, sizeof p_); \
	CHECK_INT(parse(&p_, (s), (tz), (now)), 0); \
	CHECK_INT(p_.kind, (kind_)); \
	CHECK_INT(p_.start, INT64_C(start_)); \
	CHECK_INT(p_.end, INT64_C(end_)); \
	CHECK_STR(p_.label, (label_)); \
	} while (0)

static void period_calendar_forms(void)
{
	CHECK_PERIOD("2026-10", utc, NOW, PERIOD_MONTH, 1790812800000,
		     1793491200000, "2026-10");
	CHECK_PERIOD("2026-W44", utc, NOW, PERIOD_WEEK, 1792972800000,
		     1793577600000, "2026-W44");
	CHECK_PERIOD("2026-W01", utc, NOW, PERIOD_WEEK, 1766966400000,
		     1767571200000, "2026-W01");
	CHECK_PERIOD("2026-W53", utc, NOW, PERIOD_WEEK, 1798416000000,
		     1799020800000, "2026-W53");
	CHECK_PERIOD("2020-W53", utc, NOW, PERIOD_WEEK, 1609113600000,
		     1609718400000, "2020-W53");
	CHECK_PERIOD("2026-Q4", utc, NOW, PERIOD_QUARTER, 1790812800000,
		     1798761600000, "2026-Q4");
	CHECK_PERIOD("2026-Q1", utc, NOW, PERIOD_QUARTER, 1767225600000,
		     1775001600000, "2026-Q1");
	CHECK_PERIOD("2026", utc, NOW, PERIOD_YEAR, 1767225600000,
		     1798761600000, "2026");
	CHECK_PERIOD("2026-10-05", utc, NOW, PERIOD_DAY, 1791158400000,
		     1791244800000, "2026-10-05");
	/* both days included */
	CHECK_PERIOD("2026-10-01..2026-10-15", utc, NOW, PERIOD_RANGE,
		     1790812800000, 1792108800000, "2026-10-01..2026-10-15");
	CHECK_PERIOD("2026-10-05..2026-10-05", utc, NOW, PERIOD_RANGE,
		     1791158400000, 1791244800000, "2026-10-05..2026-10-05");
	/* full times: B excluded; labelled in RFC 3339 */
	CHECK_PERIOD("2026-10-01T08:00:00Z..2026-10-02T00:00:00Z", utc, NOW,
		     PERIOD_RANGE, 1790841600000, 1790899200000,
		     "2026-10-01T08:00:00Z..2026-10-02T00:00:00Z");
	CHECK_PERIOD("2026-10-01 08:00..2026-10-02T00:00:00+08:00", shanghai, NOW,
		     PERIOD_RANGE, 1790812800000, 1790870400000,
		     "2026-10-01T08:00:00+08:00..2026-10-02T00:00:00+08:00");
	/* a date and a time: the date B would be included, a time A is exact */
	CHECK_PERIOD("2026-10-01T08:00:00Z..2026-10-01", utc, NOW, PERIOD_RANGE,
		     1790841600000, 1790899200000,
		     "2026-10-01T08:00:00Z..2026-10-02T00:00:00Z");
	/* in a zone: Berlin's calendar */
	CHECK_PERIOD("2026-11", berlin, NOW, PERIOD_MONTH, 1793487600000,
		     1796079600000, "2026-11");
}

static void period_relative_forms(void)
{
	/* NOW is Sunday 2026-11-15 12:00Z */
	CHECK_PERIOD("last-month", utc, NOW, PERIOD_MONTH, 1790812800000,
		     1793491200000, "2026-10");
	CHECK_PERIOD("this-month", utc, NOW, PERIOD_MONTH, 1793491200000,
		     1796083200000, "2026-11");
	CHECK_PERIOD("last-week", utc, NOW, PERIOD_WEEK, 1793577600000,
		     1794182400000, "2026-W45");
	CHECK_PERIOD("today", utc, NOW, PERIOD_DAY, 1794700800000,
		     1794787200000, "2026-11-15");
	CHECK_PERIOD("yesterday", utc, NOW, PERIOD_DAY, 1794614400000,
		     1794700800000, "2026-11-14");
	/* 2026-11-15T17:30Z is Monday 01:30 (W47) in Shanghai but still
	 * Sunday (W46) in UTC */
	CHECK_PERIOD("last-week", shanghai, INT64_C(1794763800000), PERIOD_WEEK,
		     1794153600000, 1794758400000, "2026-W46");
	CHECK_PERIOD("last-week", utc, INT64_C(1794763800000), PERIOD_WEEK,
		     1793577600000, 1794182400000, "2026-W45");
	/* 2026-10-31T16:30Z is 2026-11-01 00:30 in Shanghai */
	CHECK_PERIOD("this-month", shanghai, INT64_C(1793464200000), PERIOD_MONTH,
		     1793462400000, 1796054400000, "2026-11");
	CHECK_PERIOD("last-month", shanghai, INT64_C(1793464200000), PERIOD_MONTH,
		     1790784000000, 1793462400000, "2026-10");
	CHECK_PERIOD("today", shanghai, INT64_C(1793464200000), PERIOD_DAY,
		     1793462400000, 1793548800000, "2026-11-01");
	CHECK_PERIOD("yesterday", shanghai, INT64_C(1793464200000), PERIOD_DAY,
		     1793376000000, 1793462400000, "2026-10-31");
	CHECK_PERIOD("this-month", utc, INT64_C(1793464200000), PERIOD_MONTH,
		     1790812800000, 1793491200000, "2026-10");
	/* across the year: 2027-01-06 (Wed, 2027-W01) -> 2026-W53, 2026-12 */
	CHECK_PERIOD("last-week", utc, INT64_C(1799236800000), PERIOD_WEEK,
		     1798416000000, 1799020800000, "2026-W53");
	CHECK_PERIOD("last-month", utc, INT64_C(1799236800000), PERIOD_MONTH,
		     1796083200000, 1798761600000, "2026-12");
}

static void period_errors(void)
{
	static const char *const bad[] = {
		"2026-13", "2026-00", "2026-W54", "2025-W53", "2026-W00",
		"2026-W1", "2026-Q0", "2026-Q5", "2026-02-30", "2026-02-29",
		"10000", "0000", "202", "next-week", "Last-month", "",
		"2026..2027", "2026-10-01..", "..2026-10-01", "2026-10-01...2026-10-02",
		"2026-10-01..2026-10-15..2026-10-20", "2026-10-01..1790000000",
		"2026-10 ", " 2026-10", NULL,
	};
	struct period p;
	struct error err;
	int i;

	for (i = 0; bad[i]; i++) {
		memset(&p, 0, sizeof p);
		if (parse(&p, bad[i], utc, NOW) != -1) {
			fprintf(stderr, "accepted \"%s\"\n", bad[i]);
			CHECK(0);
		}
	}
	CHECK_INT(period_parse(&p, "2026-13", utc, NOW, &err), -1);
	CHECK_STR(err.msg, "cannot parse period \"2026-13\"");
	CHECK_INT(period_parse(&p, "2026-10-15..2026-10-01", utc, NOW, &err), -1);
	CHECK_STR(err.msg, "period \"2026-10-15..2026-10-01\" ends before it starts");
	CHECK_INT(period_parse(&p, "2026-10-01T08:00:00Z..2026-10-01T08:00:00Z",
			       utc, NOW, &err), -1);
	CHECK_STR(err.msg, "period \"2026-10-01T08:00:00Z..2026-10-01T08:00:00Z\" "
		  "ends before it starts");
	/* a failure leaves p alone */
	p.kind = PERIOD_NONE;
	CHECK_INT(period_parse(&p, "2026-13", utc, NOW, &err), -1);
	CHECK_INT(p.kind, PERIOD_NONE);
}

static void period_dst_months(void)
{
	struct period p;

	/* October 2026 in Berlin: DST ends on the 25th, 31 * 24 + 1 hours */
	CHECK_PERIOD("2026-10", berlin, NOW, PERIOD_MONTH, 1790805600000,
		     1793487600000, "2026-10");
	CHECK_INT(parse(&p, "2026-10", berlin, NOW), 0);
	CHECK_INT((p.end - p.start) / MS_PER_HOUR, 745);
	CHECK_INT(period_days(&p, berlin), 31);
	/* March 2026: DST starts on the 29th, 743 hours */
	CHECK_PERIOD("2026-03", berlin, NOW, PERIOD_MONTH, 1772319600000,
		     1774994400000, "2026-03");
	CHECK_INT(parse(&p, "2026-03", berlin, NOW), 0);
	CHECK_INT((p.end - p.start) / MS_PER_HOUR, 743);
	CHECK_INT(period_days(&p, berlin), 31);
	/* the week of the change: 7 days, 167 hours */
	CHECK_PERIOD("2026-W13", berlin, NOW, PERIOD_WEEK, 1774220400000,
		     1774821600000, "2026-W13");
	/* New York: DST 2026-03-08 and 2026-11-01 */
	CHECK_PERIOD("2026-03", newyork, NOW, PERIOD_MONTH, 1772341200000,
		     1775016000000, "2026-03");
	CHECK_INT(parse(&p, "2026-03", newyork, NOW), 0);
	CHECK_INT((p.end - p.start) / MS_PER_HOUR, 743);
	CHECK_PERIOD("2026-11", newyork, NOW, PERIOD_MONTH, 1793505600000,
		     1796101200000, "2026-11");
	CHECK_INT(parse(&p, "2026-11", newyork, NOW), 0);
	CHECK_INT((p.end - p.start) / MS_PER_HOUR, 721);
	CHECK_INT(period_days(&p, newyork), 30);
	/* the day of the change: 23 and 25 hours */
	CHECK_INT(parse(&p, "2026-03-29", berlin, NOW), 0);
	CHECK_INT((p.end - p.start) / MS_PER_HOUR, 23);
	CHECK_INT(period_days(&p, berlin), 1);
	CHECK_INT(parse(&p, "2026-10-25", berlin, NOW), 0);
	CHECK_INT((p.end - p.start) / MS_PER_HOUR, 25);
}

static void period_days_counts(void)
{
	struct period p;

	memset(&p, 0, sizeof p);
	CHECK_INT(period_days(&p, utc), 0);	/* PERIOD_NONE */
	CHECK_INT(parse(&p, "2026", utc, NOW), 0);
	CHECK_INT(period_days(&p, utc), 365);
	CHECK_INT(parse(&p, "2024", utc, NOW), 0);
	CHECK_INT(period_days(&p, utc), 366);
	CHECK_INT(parse(&p, "2024-02", utc, NOW), 0);
	CHECK_INT(period_days(&p, utc), 29);
	CHECK_INT(parse(&p, "2026-Q4", berlin, NOW), 0);
	CHECK_INT(period_days(&p, berlin), 92);
	CHECK_INT(parse(&p, "2026-W53", utc, NOW), 0);
	CHECK_INT(period_days(&p, utc), 7);
	CHECK_INT(parse(&p, "2026-10-01..2026-10-15", utc, NOW), 0);
	CHECK_INT(period_days(&p, utc), 15);
	/* 08:00Z..24:00Z is one day in UTC, but 16:00 Oct 1 to 08:00 Oct 2
	 * in Shanghai touches two */
	CHECK_INT(parse(&p, "2026-10-01T08:00:00Z..2026-10-02T00:00:00Z", utc, NOW), 0);
	CHECK_INT(period_days(&p, utc), 1);
	CHECK_INT(period_days(&p, shanghai), 2);
}

static void period_month_slices(void)
{
	static const int64_t starts2026[13] = {
		INT64_C(1767225600000), INT64_C(1769904000000), INT64_C(1772323200000),
		INT64_C(1775001600000), INT64_C(1777593600000), INT64_C(1780272000000),
		INT64_C(1782864000000), INT64_C(1785542400000), INT64_C(1788220800000),
		INT64_C(1790812800000), INT64_C(1793491200000), INT64_C(1796083200000),
		INT64_C(1798761600000),
	};
	struct period p;
	int64_t s = 0, e = 0;
	int i;

	/* 2026-Q4 in Berlin */
	CHECK_INT(parse(&p, "2026-Q4", berlin, NOW), 0);
	CHECK_INT(period_month(&p, berlin, 0, &s, &e), 0);
	CHECK_INT(s, INT64_C(1790805600000));
	CHECK_INT(e, INT64_C(1793487600000));
	CHECK_INT(period_month(&p, berlin, 1, &s, &e), 0);
	CHECK_INT(s, INT64_C(1793487600000));
	CHECK_INT(e, INT64_C(1796079600000));
	CHECK_INT(period_month(&p, berlin, 2, &s, &e), 0);
	CHECK_INT(s, INT64_C(1796079600000));
	CHECK_INT(e, INT64_C(1798758000000));
	CHECK_INT(period_month(&p, berlin, 3, &s, &e), -1);
	CHECK_INT(period_month(&p, berlin, -1, &s, &e), -1);
	/* the year 2026 in UTC: twelve months */
	CHECK_INT(parse(&p, "2026", utc, NOW), 0);
	for (i = 0; i < 12; i++) {
		CHECK_INT(period_month(&p, utc, i, &s, &e), 0);
		CHECK_INT(s, starts2026[i]);
		CHECK_INT(e, starts2026[i + 1]);
	}
	CHECK_INT(period_month(&p, utc, 12, &s, &e), -1);
	/* a range is clipped: Oct 15 to Nov 10 (Berlin) */
	CHECK_INT(parse(&p, "2026-10-15..2026-11-10", berlin, NOW), 0);
	CHECK_INT(period_month(&p, berlin, 0, &s, &e), 0);
	CHECK_INT(s, INT64_C(1792015200000));
	CHECK_INT(e, INT64_C(1793487600000));
	CHECK_INT(period_month(&p, berlin, 1, &s, &e), 0);
	CHECK_INT(s, INT64_C(1793487600000));
	CHECK_INT(e, INT64_C(1794351600000));
	CHECK_INT(period_month(&p, berlin, 2, &s, &e), -1);
	/* one week in one month */
	CHECK_INT(parse(&p, "2026-W44", utc, NOW), 0);
	CHECK_INT(period_month(&p, utc, 0, &s, &e), 0);
	CHECK_INT(s, INT64_C(1792972800000));
	CHECK_INT(e, INT64_C(1793491200000));
	CHECK_INT(period_month(&p, utc, 1, &s, &e), 0);
	CHECK_INT(s, INT64_C(1793491200000));
	CHECK_INT(e, INT64_C(1793577600000));
	CHECK_INT(period_month(&p, utc, 2, &s, &e), -1);
}

static void period_since_until(void)
{
	struct period p;
	struct error err;

	/* no period: both given, dates are day starts in the zone */
	memset(&p, 0, sizeof p);
	CHECK_INT(period_bounds(&p, "2026-10-01", "2026-11-01", berlin, &err), 0);
	CHECK_INT(p.kind, PERIOD_RANGE);
	CHECK_INT(p.start, INT64_C(1790805600000));
	CHECK_INT(p.end, INT64_C(1793487600000));
	CHECK_STR(p.label, "2026-10-01T00:00:00+02:00..2026-11-01T00:00:00+01:00");
	/* only one side: the other is open */
	memset(&p, 0, sizeof p);
	CHECK_INT(period_bounds(&p, "2026-10-01T08:00:00Z", NULL, utc, &err), 0);
	CHECK_INT(p.start, INT64_C(1790841600000));
	CHECK(p.end == INT64_MAX);
	CHECK_STR(p.label, "2026-10-01T08:00:00Z..");
	CHECK_INT(period_days(&p, utc), 0);
	CHECK_INT(period_month(&p, utc, 0, &(int64_t){ 0 }, &(int64_t){ 0 }), -1);
	memset(&p, 0, sizeof p);
	CHECK_INT(period_bounds(&p, NULL, "1790841600", utc, &err), 0);
	CHECK(p.start == INT64_MIN);
	CHECK_INT(p.end, INT64_C(1790841600000));
	CHECK_STR(p.label, "..2026-10-01T08:00:00Z");
	/* on top of a period: replaces that end only */
	CHECK_INT(parse(&p, "2026-10", utc, NOW), 0);
	CHECK_INT(period_bounds(&p, NULL, "2026-10-15T12:00:00Z", utc, &err), 0);
	CHECK_INT(p.kind, PERIOD_RANGE);
	CHECK_INT(p.start, INT64_C(1790812800000));
	CHECK_INT(p.end, INT64_C(1792108800000) - 12 * MS_PER_HOUR);
	CHECK_INT(period_days(&p, utc), 15);
	/* nothing given: unchanged */
	CHECK_INT(parse(&p, "2026-10", utc, NOW), 0);
	CHECK_INT(period_bounds(&p, NULL, NULL, utc, &err), 0);
	CHECK_INT(p.kind, PERIOD_MONTH);
	CHECK_STR(p.label, "2026-10");
	/* errors */
	CHECK_INT(period_bounds(&p, "2026-10-02", "2026-10-01", utc, &err), -1);
	CHECK_STR(err.msg, "period \"2026-10-02T00:00:00Z..2026-10-01T00:00:00Z\" "
		  "ends before it starts");
	CHECK_INT(period_bounds(&p, "2026-10-01", "2026-10-01", utc, &err), -1);
	CHECK_INT(period_bounds(&p, "soon", NULL, utc, &err), -1);
	CHECK_STR(err.msg, "--since: cannot parse time \"soon\"");
	CHECK_INT(period_bounds(&p, NULL, "2026-02-30", utc, &err), -1);
	CHECK_STR(err.msg, "--until: cannot parse time \"2026-02-30\"");
	CHECK_STR(p.label, "2026-10");	/* unchanged on failure */
}

/* period_until: now while the period runs, else the end (over, or not
 * begun: judged whole).  Month of October 2026 in UTC:
 * 1790812800000 = 2026-10-01T00:00Z, 1793491200000 = 2026-11-01T00:00Z
 * (date -u -d ... +%s). */
static void period_until_running(void)
{
	int64_t s = INT64_C(1790812800000), e = INT64_C(1793491200000);

	CHECK_INT(period_until(s, e, INT64_C(1791180000000)), INT64_C(1791180000000));
	CHECK_INT(period_until(s, e, s), s);		/* just begun: nothing elapsed */
	CHECK_INT(period_until(s, e, e - 1), e - 1);
	CHECK_INT(period_until(s, e, e), e);		/* over */
	CHECK_INT(period_until(s, e, e + MS_PER_DAY), e);
	CHECK_INT(period_until(s, e, s - 1), e);	/* not begun: whole */
	CHECK_INT(period_until(INT64_MIN, e, s), s);	/* open start */
	CHECK_INT(period_until(s, INT64_MAX, s + 5), s + 5);	/* open end */
	CHECK_INT(period_until(s, INT64_MAX, s - 5), INT64_MAX);
}

int main(void)
{
	struct error err;

	utc = tz_new("UTC", &err);
	berlin = tz_new("Europe/Berlin", &err);
	newyork = tz_new("America/New_York", &err);
	shanghai = tz_new("Asia/Shanghai", &err);
	if (!utc || !berlin || !newyork || !shanghai) {
		fprintf(stderr, "cannot open the test zones\n");
		return 1;
	}
	TEST_RUN(period_calendar_forms);
	TEST_RUN(period_relative_forms);
	TEST_RUN(period_errors);
	TEST_RUN(period_dst_months);
	TEST_RUN(period_days_counts);
	TEST_RUN(period_month_slices);
	TEST_RUN(period_since_until);
	TEST_RUN(period_until_running);
	tz_free(utc);
	tz_free(berlin);
	tz_free(newyork);
	tz_free(shanghai);
	return TEST_EXIT();
}
