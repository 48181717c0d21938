/* Unit tests of timeparse.  Expected instants come from GNU date, e.g.
 *   date -u -d 2026-10-01T08:00:00+08:00 +%s          -> 1790812800
 *   TZ=Europe/Berlin date -d '2026-10-01 08:00:00' +%s -> 1790834400
 * (times 1000 for ms), the DST ones from Python's zoneinfo as in
 * test_tz.c; durations and formats were worked by hand. */
#include <stdlib.h>

#include "check.h"
#include "base/timeparse.h"

static struct tz *utc, *berlin, *shanghai, *newyork;

/* Parses s from a buffer of exactly strlen(s) bytes, no NUL after it, so
 * that the address sanitizer sees any read past len. */
static int parse(const struct timeparser *p, const char *s, int64_t *t)
{
	size_t n = strlen(s);
	char *b = malloc(n ? n : 1);
	int rc;

	if (!b)
		return -2;
	memcpy(b, s, n);
	rc = time_parse(p, b, n, t);
	free(b);
	return rc;
}

/* parse in zone tz; -1 when rejected */
static int64_t at(struct tz *tz, const char *s)
{
	struct timeparser p = { .format = NULL, .tz = tz };
	int64_t t = 0;

	if (parse(&p, s, &t) != 0)
		return -1;
	return t;
}

static int64_t fmt_at(const char *fmt, struct tz *tz, const char *s)
{
	struct timeparser p = { .format = fmt, .tz = tz };
	int64_t t = 0;

	if (parse(&p, s, &t) != 0)
		return -1;
	return t;
}

static int rejected(const char *s)
{
	struct timeparser p = { .format = NULL, .tz = utc };
	int64_t t;

	return parse(&p, s, &t) == -1;
}

static void timeparse_automatic_forms(void)
{
	CHECK_INT(at(utc, "2026-10-01T08:00:00Z"), INT64_C(1790841600000));
	CHECK_INT(at(utc, "2026-10-01t08:00:00z"), INT64_C(1790841600000));
	CHECK_INT(at(utc, "2026-10-01T08:00:00.123+08:00"), INT64_C(1790812800123));
	CHECK_INT(at(utc, "2026-10-01T08:00:00+0800"), INT64_C(1790812800000));
	CHECK_INT(at(utc, "2026-10-01T08:00:00+08"), INT64_C(1790812800000));
	CHECK_INT(at(utc, "2026-10-01T08:00:00-05:30"), INT64_C(1790861400000));
	CHECK_INT(at(utc, "2026-10-01T08:00:00-0530"), INT64_C(1790861400000));
	CHECK_INT(at(utc, "2026-10-01 08:00:00 +0800"), INT64_C(1790812800000));
	CHECK_INT(at(utc, "2026-10-01 08:00:00"), INT64_C(1790841600000));
	CHECK_INT(at(utc, "2026-10-01T08:00"), INT64_C(1790841600000));
	CHECK_INT(at(utc, "2026-10-01T08:00Z"), INT64_C(1790841600000));
	CHECK_INT(at(utc, "2026-10-01"), INT64_C(1790812800000));
	CHECK_INT(at(utc, "  2026-10-01T08:00:00Z \t"), INT64_C(1790841600000));
	/* without an offset: local time in the parser's zone */
	CHECK_INT(at(berlin, "2026-10-01 08:00:00"), INT64_C(1790834400000));
	CHECK_INT(at(shanghai, "2026-10-01 08:00:00"), INT64_C(1790812800000));
	CHECK_INT(at(shanghai, "2026-10-01T08:00:00Z"), INT64_C(1790841600000));
	/* a DST gap and overlap, as tz_instant */
	CHECK_INT(at(berlin, "2026-03-29 02:30"), INT64_C(1774747800000));
	CHECK_INT(at(newyork, "2026-11-01 01:30"), INT64_C(1793511000000));
	/* fractions: any digits, milliseconds kept, the rest truncated */
	CHECK_INT(at(utc, "2026-10-01T08:00:00.1Z"), INT64_C(1790841600100));
	CHECK_INT(at(utc, "2026-10-01T08:00:00.12Z"), INT64_C(1790841600120));
	CHECK_INT(at(utc, "2026-10-01T08:00:00.123456789Z"), INT64_C(1790841600123));
	CHECK_INT(at(utc, "2026-10-01T08:00:00.9999"), INT64_C(1790841600999));
	/* a leap second is 59.999 */
	CHECK_INT(at(utc, "2026-12-31T23:59:60Z"), INT64_C(1798761600000) - 1);
	/* leap years */
	CHECK_INT(at(utc, "2024-02-29T12:00:00Z"), INT64_C(1709208000000));
	CHECK_INT(at(utc, "2000-02-29"), INT64_C(951782400000));
	CHECK(rejected("2026-02-29"));
	CHECK(rejected("2100-02-29"));
	/* the year range */
	CHECK_INT(at(utc, "0001-01-01T00:00:00Z"), INT64_C(-62135596800000));
	CHECK_INT(at(utc, "9999-12-31T23:59:59Z"), INT64_C(253402300799000));
}

static void timeparse_rejects(void)
{
	static const char *const bad[] = {
		"2026-02-30", "2026-10-01T25:00", "2026-10-01T24:00",
		"2026-13-01", "2026-00-10", "2026-10-00", "2026-10-32",
		"10000-01-01", "0000-01-01", "2026-04-31",
		"2026-10-01T08:60", "2026-10-01T08:00:61", "2026-10-01T08",
		"2026-10-01T8:00", "2026-1-01", "2026/10/01",
		"2026-10-01T08:00:00+24:00", "2026-10-01T08:00:00+08:60",
		"2026-10-01T08:00:00+8", "2026-10-01T08:00:00+08:0",
		"2026-10-01T08:00:00.", "2026-10-01T08:00:00Zjunk",
		"2026-10-01X08:00", "2026-10-01T", "2026-10-01T08:00.5",
		"", "   ", "abc", "-", "1790000000.", "1.2.3",
		"123456789012345", "-1790000000000", "1790000000000.5",
		"2026-10-01 08:00:00 ", NULL,
	};
	int i;

	for (i = 0; bad[i]; i++) {
		/* the trailing-space one is the exception: it is fine */
		if (strcmp(bad[i], "2026-10-01 08:00:00 ") == 0) {
			CHECK(!rejected(bad[i]));
			continue;
		}
		if (!rejected(bad[i])) {
			fprintf(stderr, "accepted \"%s\"\n", bad[i]);
			CHECK(rejected(bad[i]));
		}
	}
}

static void timeparse_epoch(void)
{
	struct timeparser p = { .format = NULL, .tz = utc };
	int64_t t = 0;

	CHECK_INT(at(utc, "1790000000"), INT64_C(1790000000000));
	CHECK_INT(at(utc, "1790000000000"), INT64_C(1790000000000));
	CHECK_INT(at(utc, "99999999999"), INT64_C(99999999999000));	/* 11 */
	CHECK_INT(at(utc, "100000000000"), INT64_C(100000000000));	/* 12: ms */
	CHECK_INT(at(utc, "99999999999999"), INT64_C(99999999999999));	/* 14 */
	CHECK_INT(at(utc, "0"), 0);
	CHECK_INT(at(utc, "-86400"), -MS_PER_DAY);
	CHECK_INT(at(utc, "1790000000.25"), INT64_C(1790000000250));
	CHECK_INT(at(utc, " 1790000000 "), INT64_C(1790000000000));
	/* the zone does not matter */
	CHECK_INT(at(berlin, "1790000000"), INT64_C(1790000000000));
	/* only len bytes are read */
	CHECK_INT(time_parse(&p, "17900000001234", 10, &t), 0);
	CHECK_INT(t, INT64_C(1790000000000));
	CHECK_INT(time_parse(&p, "2026-10-01T08:00:00Z", 10, &t), 0);
	CHECK_INT(t, INT64_C(1790812800000));
	CHECK_INT(time_parse(&p, "2026-10-01T08:00:00Z", 16, &t), 0);
	CHECK_INT(t, INT64_C(1790841600000));
	CHECK_INT(time_parse(&p, "2026-10-01T08:00:00Z", 13, &t), -1);
}

static void timeparse_formats(void)
{
	char big[300];

	/* no %z: local in the zone */
	CHECK_INT(fmt_at("%d/%m/%Y %H:%M", shanghai, "01/10/2026 08:00"),
		  INT64_C(1790812800000));
	CHECK_INT(fmt_at("%d/%m/%Y %H:%M", utc, "01/10/2026 08:00"),
		  INT64_C(1790841600000));
	CHECK_INT(fmt_at("%d/%m/%Y %H:%M", berlin, "29/03/2026 02:30"),
		  INT64_C(1774747800000));
	CHECK_INT(fmt_at("%Y%m%d", utc, "20261001"), INT64_C(1790812800000));
	/* %z: the offset in the text wins over the zone */
	CHECK_INT(fmt_at("%d/%m/%Y %H:%M %z", berlin, "01/10/2026 08:00 +0800"),
		  INT64_C(1790812800000));
	CHECK_INT(fmt_at("%d/%m/%Y %H:%M %z", berlin, "01/10/2026 08:00 -05:30"),
		  INT64_C(1790861400000));
	CHECK_INT(fmt_at("%d/%b/%Y:%H:%M:%S %z", utc, "10/Oct/2026:13:55:36 -0700"),
		  INT64_C(1791665736000));
	/* Jira's "dd/MMM/yy h:mm a" (one-digit hours, 12 AM is midnight)
	 * and a day-first European form; values by Python's calendar.timegm */
	CHECK_INT(fmt_at("%d/%b/%y %I:%M %p", utc, "24/Oct/26 3:15 PM"),
		  INT64_C(1792854900000));
	CHECK_INT(fmt_at("%d/%b/%y %I:%M %p", utc, "24/Oct/26 12:05 AM"),
		  INT64_C(1792800300000));
	CHECK_INT(fmt_at("%d/%b/%y %I:%M %p", utc, "24/Oct/26 12:05 PM"),
		  INT64_C(1792843500000));
	CHECK_INT(fmt_at("%d/%b/%y %I:%M %p", shanghai, "24/Oct/26 3:15 PM"),
		  INT64_C(1792826100000));
	CHECK_INT(fmt_at("%d-%m-%Y %H:%M", utc, "24-10-2026 15:15"),
		  INT64_C(1792854900000));
	CHECK_INT(fmt_at("%d-%m-%Y %H:%M", utc, "24/10/2026 15:15"), -1);
	/* "%%z" is a literal, not an offset */
	CHECK_INT(fmt_at("%Y-%m-%d %%z", shanghai, "2026-10-01 %z"),
		  INT64_C(1790784000000));
	/* range checks strptime does not make, whole string, length */
	CHECK_INT(fmt_at("%d/%m/%Y", utc, "30/02/2026"), -1);
	CHECK_INT(fmt_at("%d/%m/%Y", utc, "29/02/2024"), INT64_C(1709164800000));
	CHECK_INT(fmt_at("%d/%m/%Y", utc, "01/10/2026 junk"), -1);
	CHECK_INT(fmt_at("%d/%m/%Y", utc, "01/10/2026  "), INT64_C(1790812800000));
	CHECK_INT(fmt_at("%d/%m/%Y", utc, "32/10/2026"), -1);
	CHECK_INT(fmt_at("%H:%M %z", utc, "08:00 +2500"), -1);
	memset(big, ' ', sizeof big - 1);
	memcpy(big, "01/10/2026", 10);
	big[sizeof big - 1] = '\0';
	big[sizeof big - 2] = 'x';
	CHECK_INT(fmt_at("%d/%m/%Y", utc, big), -1);
}

static void timeparse_format_output(void)
{
	char buf[32];
	struct tz *kolkata, *stjohns;
	struct error err;
	static const int64_t times[] = {
		INT64_C(1790841600000), INT64_C(1790841600123), INT64_C(1774747800000),
		INT64_C(1792888200000), INT64_C(1792891800000), 0, -1,
		INT64_C(-62135596800000), INT64_C(253402214400000),
	};
	struct tz *zones[6];
	size_t i, z;

	CHECK_INT(time_format(INT64_C(1790841600000), NULL, buf, sizeof buf), 20);
	CHECK_STR(buf, "2026-10-01T08:00:00Z");
	time_format(INT64_C(1790841600123), NULL, buf, sizeof buf);
	CHECK_STR(buf, "2026-10-01T08:00:00.123Z");
	time_format(INT64_C(1790841600000), utc, buf, sizeof buf);
	CHECK_STR(buf, "2026-10-01T08:00:00Z");
	CHECK_INT(time_format(INT64_C(1790841600000), shanghai, buf, sizeof buf), 25);
	CHECK_STR(buf, "2026-10-01T16:00:00+08:00");
	time_format(INT64_C(1790841600000), newyork, buf, sizeof buf);
	CHECK_STR(buf, "2026-10-01T04:00:00-04:00");
	time_format(INT64_C(1790841600005), berlin, buf, sizeof buf);
	CHECK_STR(buf, "2026-10-01T10:00:00.005+02:00");
	time_format(-1, NULL, buf, sizeof buf);
	CHECK_STR(buf, "1969-12-31T23:59:59.999Z");
	kolkata = tz_new("Asia/Kolkata", &err);
	stjohns = tz_new("America/St_Johns", &err);
	CHECK(kolkata && stjohns);
	if (!kolkata || !stjohns)
		goto out;
	time_format(INT64_C(1790841600000), kolkata, buf, sizeof buf);
	CHECK_STR(buf, "2026-10-01T13:30:00+05:30");
	time_format(INT64_C(1790841600000), stjohns, buf, sizeof buf);
	CHECK_STR(buf, "2026-10-01T05:30:00-02:30");
	/* a small buffer is cut, NUL-terminated */
	CHECK_INT(time_format(INT64_C(1790841600000), NULL, buf, 5), 4);
	CHECK_STR(buf, "2026");
	/* round trips in every zone, both overlap instants included */
	zones[0] = NULL;
	zones[1] = utc;
	zones[2] = berlin;
	zones[3] = newyork;
	zones[4] = kolkata;
	zones[5] = stjohns;
	for (z = 0; z < 6; z++)
		for (i = 0; i < sizeof times / sizeof times[0]; i++) {
			time_format(times[i], zones[z], buf, sizeof buf);
			if (at(berlin, buf) != times[i]) {
				fprintf(stderr, "round trip of %s\n", buf);
				CHECK_INT(at(berlin, buf), times[i]);
			}
		}
out:
	tz_free(kolkata);
	tz_free(stjohns);
}

static int64_t dur(const char *s)
{
	int64_t ms = 0;

	if (duration_parse(s, &ms) != 0)
		return -1;
	return ms;
}


/* A syslog time ("%b %d %H:%M:%S", no year) in the window [lo, hi):
 * -1 when rejected. */
static int64_t syslog_at(int64_t lo, int64_t hi, const char *s)
{
	struct timeparser p = { .format = "%b %d %H:%M:%S", .tz = utc };
	int64_t t = 0;

	time_parser_window(&p, lo, hi);
	if (parse(&p, s, &t) != 0)
		return -1;
	return t;
}

/* Issue 18 item 4: times without a year take the period's, never 1970.
 * Expected instants from date -u -d '2015-12-31 23:59:58' +%s and so on. */
static void timeparse_yearless(void)
{
	const int64_t jan16 = INT64_C(1451606400000);	/* 2016-01-01 */
	const int64_t feb16 = INT64_C(1454284800000);	/* 2016-02-01 */
	const int64_t dec15 = INT64_C(1448928000000);	/* 2015-12-01 */
	struct timeparser none = { .format = "%b %d %H:%M:%S", .tz = utc };
	int64_t t;

	/* no window: not a time (it was 1970-01-05) */
	CHECK_INT(parse(&none, "Jan  5 10:00:00", &t), -1);
	/* the period 2016-01: its lines, and the December line before it
	   (2015-12-31T23:59:58Z = 1451606398) */
	CHECK_INT(syslog_at(jan16, feb16, "Jan  5 10:00:00"), INT64_C(1451988000000));
	CHECK_INT(syslog_at(jan16, feb16, "Dec 31 23:59:58"), INT64_C(1451606398000));
	/* the period 2015-12: a line of 1 January just after it is 2016's */
	CHECK_INT(syslog_at(dec15, jan16, "Jan  1 00:00:05"), INT64_C(1451606405000));
	CHECK_INT(syslog_at(dec15, jan16, "Dec 24 12:00:00"), INT64_C(1450958400000));
	/* no period: before now (2026-09-21T14:13:20Z): a September line is
	   this year's, an October one last year's (2025-10-01 = 1759276800) */
	CHECK_INT(syslog_at(INT64_MIN, INT64_C(1790000000001), "Sep 21 14:13:20"),
		  INT64_C(1790000000000));
	CHECK_INT(syslog_at(INT64_MIN, INT64_C(1790000000001), "Oct  1 00:00:00"),
		  INT64_C(1759276800000));
	/* --since alone: the first time at or after it (2016-03-01 = 1456790400) */
	CHECK_INT(syslog_at(jan16, INT64_MAX, "Mar  1 00:00:00"), INT64_C(1456790400000));
	/* 29 February: the latest leap year before the end (2024-02-29 =
	   1709164800), and none within a year of 2015 it is placed by */
	CHECK_INT(syslog_at(INT64_MIN, INT64_C(1790000000001), "Feb 29 00:00:00"),
		  INT64_C(1709164800000));
	CHECK_INT(syslog_at(jan16, feb16, "Feb 30 00:00:00"), -1);
	/* what a pattern holds */
	CHECK_INT(time_format_fields("%b %d %H:%M:%S"), TIME_FMT_MONTH | TIME_FMT_DAY);
	CHECK_INT(time_format_fields("%d/%b/%Y:%H:%M:%S %z"),
		  TIME_FMT_YEAR | TIME_FMT_MONTH | TIME_FMT_DAY);
	CHECK_INT(time_format_fields("%F %T"), TIME_FMT_YEAR | TIME_FMT_MONTH | TIME_FMT_DAY);
	CHECK_INT(time_format_fields("%H:%M %%Y"), 0);
	CHECK_INT(time_format_fields("%e.%m. %H:%M"), TIME_FMT_MONTH | TIME_FMT_DAY);
}

static void timeparse_durations(void)
{
	static const char *const bad[] = {
		"2x", "", "-1h", "h", "1h1h", "30m1h", "1.h", ".5h", "1h30",
		" 1h", "1h ", "1H", "1 h", "99999999999999999999s",
		"9223372036854775807w", "15300000000w", "1e3s", NULL,
	};
	int i;

	CHECK_INT(dur("90s"), 90000);
	CHECK_INT(dur("15m"), 900000);
	CHECK_INT(dur("2h"), 7200000);
	CHECK_INT(dur("1d"), 86400000);
	CHECK_INT(dur("1w"), 604800000);
	CHECK_INT(dur("1h30m"), 5400000);
	CHECK_INT(dur("1.5h"), 5400000);
	CHECK_INT(dur("1d2h3m4s"), 93784000);
	CHECK_INT(dur("90"), 90000);
	CHECK_INT(dur("0.5"), 500);
	CHECK_INT(dur("0"), 0);
	CHECK_INT(dur("250ms"), 250);
	CHECK_INT(dur("1m30s"), 90000);
	CHECK_INT(dur("1s500ms"), 1500);
	CHECK_INT(dur("0.0001s"), 0);
	CHECK_INT(dur("15000w"), INT64_C(9072000000000));
	CHECK(duration_parse(NULL, &(int64_t){ 0 }) == -1);
	for (i = 0; bad[i]; i++)
		if (dur(bad[i]) != -1) {
			fprintf(stderr, "accepted \"%s\"\n", bad[i]);
			CHECK_INT(dur(bad[i]), -1);
		}
}

int main(void)
{
	struct error err;

	utc = tz_new("UTC", &err);
	berlin = tz_new("Europe/Berlin", &err);
	shanghai = tz_new("Asia/Shanghai", &err);
	newyork = tz_new("America/New_York", &err);
	if (!utc || !berlin || !shanghai || !newyork) {
		fprintf(stderr, "cannot open the test zones\n");
		return 1;
	}
	TEST_RUN(timeparse_automatic_forms);
	TEST_RUN(timeparse_rejects);
	TEST_RUN(timeparse_epoch);
	TEST_RUN(timeparse_formats);
	TEST_RUN(timeparse_format_output);
	TEST_RUN(timeparse_durations);
	TEST_RUN(timeparse_yearless);
	tz_free(utc);
	tz_free(berlin);
	tz_free(shanghai);
	tz_free(newyork);
	return TEST_EXIT();
}
