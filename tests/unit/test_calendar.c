/* Unit tests of calendar (lib/base/calendar.c), its JSON reader
 * (lib/io/calendar_json.c) and the clock hours of tz (tz_hour_start,
 * tz_hour_next).  Expected clock hours come from tests/unit/clock_hours.py
 * (Python's zoneinfo, minute by minute), run as
 *   python3 tests/unit/clock_hours.py ZONE YYYY-MM-DD
 * the rest is worked out by hand in the comments. */
#include <stdlib.h>

#include "check.h"
#include "base/calendar.h"
#include "io/calendar_json.h"

/* UTC ms of a wall time at a fixed offset of off_min minutes */
static int64_t utc(int y, int m, int d, int h, int mi)
{
	return civil_days_from_date(y, m, d) * MS_PER_DAY + h * MS_PER_HOUR +
	       mi * MS_PER_MIN;
}

static int64_t cst(int y, int m, int d, int h, int mi)	/* +08:00 */
{
	return utc(y, m, d, h, mi) - 8 * MS_PER_HOUR;
}

#define MON_FRI 0x3eu

/* Two spans a day, a holiday and an extra working day, Asia/Shanghai:
 * Mon-Fri 09:00-12:00,13:30-18:00 = 3 h + 4 h 30 = 7 h 30 a day. */
static void spans_and_days(void)
{
	struct error e;
	struct tz *tz = tz_new("Asia/Shanghai", &e);
	struct calendar *c;
	int64_t open[CALENDAR_SPANS_MAX], close[CALENDAR_SPANS_MAX];
	size_t n;

	CHECK(tz != NULL);
	if (!tz)
		return;
	CHECK_INT(calendar_parse_hours("09:00-12:00, 13:30 - 18:00", open, close,
				       CALENDAR_SPANS_MAX, &n), 0);
	CHECK_INT(n, 2);
	CHECK_INT(open[1], 13 * MS_PER_HOUR + 30 * MS_PER_MIN);
	CHECK_INT(close[1], 18 * MS_PER_HOUR);
	/* out of order, overlapping, backwards, junk */
	CHECK_INT(calendar_parse_hours("13:30-18:00,09:00-12:00", open, close, 8, &n), -1);
	CHECK_INT(calendar_parse_hours("09:00-12:00,11:00-18:00", open, close, 8, &n), -1);
	CHECK_INT(calendar_parse_hours("18:00-09:00", open, close, 8, &n), -1);
	CHECK_INT(calendar_parse_hours("09:00-12:00,", open, close, 8, &n), -1);
	CHECK_INT(calendar_parse_hours("09:00-12:00,13:00-14:00", open, close, 1, &n), -1);
	CHECK_INT(calendar_parse_hours("00:00-24:00", open, close, 8, &n), 0);

	c = calendar_new(tz, 0, MON_FRI, 9 * MS_PER_HOUR, 12 * MS_PER_HOUR);
	CHECK(c != NULL);
	CHECK_INT(calendar_add_span(c, 13 * MS_PER_HOUR + 30 * MS_PER_MIN, 18 * MS_PER_HOUR), 0);
	CHECK_INT(calendar_add_span(c, 11 * MS_PER_HOUR, 14 * MS_PER_HOUR), -1);
	CHECK_INT(calendar_day_ms(c), 7 * MS_PER_HOUR + 30 * MS_PER_MIN);
	CHECK_INT(calendar_day_ms(NULL), MS_PER_DAY);
	CHECK_INT(calendar_add_holiday(c, civil_days_from_date(2026, 10, 1)), 0);
	CHECK_INT(calendar_add_workday(c, civil_days_from_date(2026, 10, 10)), 0);
	/* a date cannot be both */
	CHECK_INT(calendar_add_workday(c, civil_days_from_date(2026, 10, 1)), -1);
	CHECK_INT(calendar_add_holiday(c, civil_days_from_date(2026, 10, 10)), -1);
	CHECK(!calendar_is_workday(c, civil_days_from_date(2026, 10, 1)));	/* Thu */
	CHECK(calendar_is_workday(c, civil_days_from_date(2026, 10, 10)));	/* Sat */
	CHECK(!calendar_is_workday(c, civil_days_from_date(2026, 10, 11)));	/* Sun */
	CHECK(calendar_is_workday(c, civil_days_from_date(2026, 10, 12)));	/* Mon */

	/* Mon 10-12 11:00 -> 14:00: 11:00-12:00 + 13:30-14:00 = 1 h 30 */
	CHECK_INT(calendar_open_ms(c, cst(2026, 10, 12, 11, 0), cst(2026, 10, 12, 14, 0)),
		  90 * MS_PER_MIN);
	/* 2 h from 11:00: 1 h to noon, then 1 h from 13:30 -> 14:30 */
	CHECK_INT(calendar_deadline(c, cst(2026, 10, 12, 11, 0), 2 * MS_PER_HOUR),
		  cst(2026, 10, 12, 14, 30));
	/* a target ending at noon ends at noon, not at 13:30 */
	CHECK_INT(calendar_deadline(c, cst(2026, 10, 12, 11, 0), MS_PER_HOUR),
		  cst(2026, 10, 12, 12, 0));
	/* the make-up Saturday is open: 10:00 -> 16:00 = 2 h + 2 h 30 */
	CHECK_INT(calendar_open_ms(c, cst(2026, 10, 10, 10, 0), cst(2026, 10, 10, 16, 0)),
		  4 * MS_PER_HOUR + 30 * MS_PER_MIN);
	/* the holiday is closed; a week Mon 10-12 .. Mon 10-19 has 5 x 7 h 30 */
	CHECK_INT(calendar_open_ms(c, cst(2026, 10, 1, 0, 0), cst(2026, 10, 2, 0, 0)), 0);
	CHECK_INT(calendar_open_ms(c, cst(2026, 10, 12, 0, 0), cst(2026, 10, 19, 0, 0)),
		  5 * (7 * MS_PER_HOUR + 30 * MS_PER_MIN));
	/* wall clock */
	CHECK_INT(calendar_open_ms(NULL, 0, MS_PER_HOUR), MS_PER_HOUR);
	CHECK_INT(calendar_deadline(NULL, 5, 10), 15);
	calendar_free(c);
	calendar_free(NULL);
	tz_free(tz);
}

/* The JSON form: every key, "24x7", and a message per kind of mistake. */
static void json_forms(void)
{
	static const struct { const char *json, *key, *msg; } bad[] = {
		{ "{\"days\": \"Mon-Fri\"}", "", "\"hours\" is missing" },
		{ "{\"days\": \"Mon-Fry\", \"hours\": \"09:00-18:00\"}", "days",
		  "cannot parse \"Mon-Fry\" (expected e.g. \"Mon-Fri\" or \"Mon,Tue,Sat\")" },
		{ "{\"days\": \"Mon-Fri\", \"hours\": \"09:00-18:00\", \"holidays\": [\"2026-02-30\"]}",
		  "holidays", "cannot parse date \"2026-02-30\" (expected YYYY-MM-DD)" },
		{ "{\"days\": \"Mon-Fri\", \"hours\": \"09:00-18:00\", \"holidays\": [\"2026-10-10\"],"
		  " \"workdays\": [\"2026-10-10\"]}",
		  "workdays", "\"2026-10-10\" is both a holiday and a working day" },
		{ "{\"days\": \"Mon-Fri\", \"hours\": \"09:00-18:00\", \"timezone\": \"Mars/Base\"}",
		  "timezone", "unknown time zone \"Mars/Base\"" },
		{ "{\"days\": \"Mon-Fri\", \"hours\": \"09:00-18:00\", \"workday\": []}",
		  "workday", "unknown key" },
		{ "\"8x5\"", "", "expected a calendar object or \"24x7\", got \"8x5\"" },
		{ "[]", "", "expected a calendar object or \"24x7\", got an array" },
	};
	struct calendar_json_error ce;
	struct calendar *c;
	struct error e;
	struct tz *utc_tz = tz_new("UTC", &e);
	json_t *j;
	size_t i;

	j = json_loads("{\"days\": \"Mon-Fri\", \"hours\": \"09:00-12:00,13:30-18:00\","
		       " \"holidays\": [\"2026-10-01\"], \"workdays\": [\"2026-10-10\"],"
		       " \"timezone\": \"Asia/Shanghai\"}", 0, NULL);
	CHECK_INT(calendar_json_read(j, utc_tz, &c, &ce), 0);
	CHECK(c != NULL);
	if (c) {
		CHECK_STR(tz_name(calendar_tz(c)), "Asia/Shanghai");
		CHECK(calendar_is_workday(c, civil_days_from_date(2026, 10, 10)));
		CHECK(!calendar_is_workday(c, civil_days_from_date(2026, 10, 1)));
		CHECK_INT(calendar_day_ms(c), 7 * MS_PER_HOUR + 30 * MS_PER_MIN);
	}
	calendar_free(c);	/* frees the zone it opened */
	json_decref(j);
	j = json_string("24x7");
	c = (struct calendar *)&ce;	/* must be set to NULL */
	CHECK_INT(calendar_json_read(j, utc_tz, &c, &ce), 0);
	CHECK(c == NULL);
	json_decref(j);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		j = json_loads(bad[i].json, JSON_DECODE_ANY, NULL);
		CHECK(j != NULL);
		CHECK_INT(calendar_json_read(j, utc_tz, &c, &ce), -1);
		CHECK(c == NULL);
		CHECK_STR(ce.key, bad[i].key);
		CHECK_STR(ce.msg, bad[i].msg);
		json_decref(j);
	}
	tz_free(utc_tz);
}

/* The clock hours of local day y-m-d in zone: their number, and each
 * one's start and next hour agree (tz_hour_start(next) == next). */
static int day_hours(struct tz *tz, int y, int m, int d)
{
	int64_t day = civil_days_from_date(y, m, d);
	int64_t t = tz_day_start(tz, day) - 3 * MS_PER_HOUR;
	int64_t end = tz_day_start(tz, day + 1) + 3 * MS_PER_HOUR;
	int n = 0;

	while (t < end) {
		int64_t next = tz_hour_next(tz, t);

		CHECK_INT(tz_hour_start(tz, t), t);
		CHECK_INT(tz_hour_start(tz, next - 1), t);
		CHECK(next > t);
		if (tz_day(tz, t) == day)
			n++;
		t = next;
	}
	return n;
}

/* start and next of the clock hour holding t */
#define HOUR(tz, t, s, nx) do { \
	CHECK_INT(tz_hour_start(tz, t), s); \
	CHECK_INT(tz_hour_next(tz, t), nx); } while (0)

/* Offset changes that are not whole hours, or not at :00 (clock_hours.py):
 *  - Lord Howe 2026-10-04: 02:00 +10:30 -> 02:30 +11 at 15:30Z; the clock
 *    hour 02 is 02:30-03:00 (15:30Z-16:00Z, 30 min), and starts at 15:30Z,
 *    not 30 minutes early at 15:00Z; 24 clock hours in 23 h 30.
 *  - Lord Howe 2026-04-05: 02:00 +11 -> 01:30 +10:30 at 15:00Z; hour 01
 *    twice, the second 01:30-02:00 (15:00Z-15:30Z); 25 clock hours.
 *  - Chatham 2026-04-05: 03:45 +13:45 -> 02:45 +12:45 at 14:00Z; hour 03
 *    is 13:15Z-14:00Z, then 02:45-03:00 +12:45 (14:00Z-14:15Z) is an hour
 *    02 of its own (it was merged with the hour 03 before it), then 03
 *    again from 14:15Z; 26 clock hours.  2026-09-27: 02:45 +12:45 -> 03:45
 *    +13:45 at 14:00Z: 02:00-02:45 (13:15Z-14:00Z), 03:45-04:00
 *    (14:00Z-14:15Z); 24.
 *  - St John's 2006 (changes at 00:01): 2006-04-02 00:01 -03:30 -> 01:01
 *    -02:30 at 03:31Z: hour 00 lasts one minute (03:30Z-03:31Z), hour 01
 *    59 (03:31Z-04:30Z); 24.  2006-10-29 00:01 -02:30 -> 2006-10-28 23:01
 *    -03:30 at 02:31Z: 00:00-00:01 of the 29th (02:30Z-02:31Z), then
 *    23:01-24:00 of the 28th (02:31Z-03:30Z); the 28th and the 29th have
 *    25 clock hours each. */
static void clock_hours(void)
{
	struct error e;
	struct tz *lh = tz_new("Australia/Lord_Howe", &e);
	struct tz *ch = tz_new("Pacific/Chatham", &e);
	struct tz *sj = tz_new("America/St_Johns", &e);
	struct tz *u = tz_new("UTC", &e);

	CHECK(lh && ch && sj && u);
	if (!lh || !ch || !sj || !u) {
		fprintf(stderr, "no tzdata: the clock hours are not checked\n");
		return;
	}
	HOUR(lh, utc(2026, 10, 3, 15, 10), utc(2026, 10, 3, 14, 30), utc(2026, 10, 3, 15, 30));
	HOUR(lh, utc(2026, 10, 3, 15, 40), utc(2026, 10, 3, 15, 30), utc(2026, 10, 3, 16, 0));
	HOUR(lh, utc(2026, 10, 3, 16, 0), utc(2026, 10, 3, 16, 0), utc(2026, 10, 3, 17, 0));
	CHECK_INT(day_hours(lh, 2026, 10, 4), 24);
	HOUR(lh, utc(2026, 4, 4, 14, 45), utc(2026, 4, 4, 14, 0), utc(2026, 4, 4, 15, 0));
	HOUR(lh, utc(2026, 4, 4, 15, 10), utc(2026, 4, 4, 15, 0), utc(2026, 4, 4, 15, 30));
	HOUR(lh, utc(2026, 4, 4, 15, 30), utc(2026, 4, 4, 15, 30), utc(2026, 4, 4, 16, 30));
	CHECK_INT(day_hours(lh, 2026, 4, 5), 25);

	HOUR(ch, utc(2026, 4, 4, 13, 30), utc(2026, 4, 4, 13, 15), utc(2026, 4, 4, 14, 0));
	HOUR(ch, utc(2026, 4, 4, 14, 5), utc(2026, 4, 4, 14, 0), utc(2026, 4, 4, 14, 15));
	HOUR(ch, utc(2026, 4, 4, 14, 15), utc(2026, 4, 4, 14, 15), utc(2026, 4, 4, 15, 15));
	CHECK_INT(day_hours(ch, 2026, 4, 5), 26);
	HOUR(ch, utc(2026, 9, 26, 13, 59), utc(2026, 9, 26, 13, 15), utc(2026, 9, 26, 14, 0));
	HOUR(ch, utc(2026, 9, 26, 14, 0), utc(2026, 9, 26, 14, 0), utc(2026, 9, 26, 14, 15));
	CHECK_INT(day_hours(ch, 2026, 9, 27), 24);

	HOUR(sj, utc(2006, 4, 2, 3, 30) + 30000, utc(2006, 4, 2, 3, 30), utc(2006, 4, 2, 3, 31));
	HOUR(sj, utc(2006, 4, 2, 3, 40), utc(2006, 4, 2, 3, 31), utc(2006, 4, 2, 4, 30));
	CHECK_INT(day_hours(sj, 2006, 4, 2), 24);
	HOUR(sj, utc(2006, 10, 29, 2, 30) + 30000, utc(2006, 10, 29, 2, 30), utc(2006, 10, 29, 2, 31));
	HOUR(sj, utc(2006, 10, 29, 2, 40), utc(2006, 10, 29, 2, 31), utc(2006, 10, 29, 3, 30));
	CHECK_INT(day_hours(sj, 2006, 10, 28), 25);
	CHECK_INT(day_hours(sj, 2006, 10, 29), 25);

	/* a zone without changes: whole hours, also before 1970 */
	HOUR(u, utc(2026, 10, 3, 15, 10), utc(2026, 10, 3, 15, 0), utc(2026, 10, 3, 16, 0));
	HOUR(u, -1, -MS_PER_HOUR, 0);
	CHECK_INT(day_hours(u, 2026, 10, 4), 24);
	tz_free(lh);
	tz_free(ch);
	tz_free(sj);
	tz_free(u);
}

int main(void)
{
	TEST_RUN(spans_and_days);
	TEST_RUN(json_forms);
	TEST_RUN(clock_hours);
	return TEST_EXIT();
}
