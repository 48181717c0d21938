/* Unit tests of the record parsing of inspect (lib/inspect/check_parse.c):
 * the status values, and the reasons of rejected rows.  Expected values
 * worked out by hand. */
#include <math.h>

#include "check.h"
#include "inspect/checks.h"

/* ms of 2026-10-DD hh:mm:ss UTC */
static int64_t at(int day, int h, int m, int s)
{
	return civil_days_from_date(2026, 10, day) * MS_PER_DAY +
	       h * MS_PER_HOUR + m * MS_PER_MIN + s * MS_PER_SEC;
}

static void status_values(void)
{
	enum check_status st = CHECK_CLIENT_ERROR;

	CHECK(checks_status_parse("ok", 2, &st) == 0 && st == CHECK_OK);
	CHECK(checks_status_parse(" Success ", 9, &st) == 0 && st == CHECK_OK);
	CHECK(checks_status_parse("TRUE", 4, &st) == 0 && st == CHECK_OK);
	CHECK(checks_status_parse("error", 5, &st) == 0 && st == CHECK_ERROR);
	CHECK(checks_status_parse("fail", 4, &st) == 0 && st == CHECK_ERROR);
	CHECK(checks_status_parse("Failure", 7, &st) == 0 && st == CHECK_ERROR);
	CHECK(checks_status_parse("false", 5, &st) == 0 && st == CHECK_ERROR);
	CHECK(checks_status_parse("500", 3, &st) == 0 && st == CHECK_ERROR);
	CHECK(checks_status_parse("503", 3, &st) == 0 && st == CHECK_ERROR);
	CHECK(checks_status_parse("499", 3, &st) == 0 && st == CHECK_CLIENT_ERROR);
	CHECK(checks_status_parse("400", 3, &st) == 0 && st == CHECK_CLIENT_ERROR);
	CHECK(checks_status_parse("399", 3, &st) == 0 && st == CHECK_OK);
	CHECK(checks_status_parse("200", 3, &st) == 0 && st == CHECK_OK);
	/* numbers are HTTP codes: three digits, 100-599 (as in review) */
	CHECK(checks_status_parse("99999999999999999999", 20, &st) != 0);
	CHECK(checks_status_parse("600", 3, &st) != 0);
	CHECK(checks_status_parse("maybe", 5, &st) != 0);
	CHECK(checks_status_parse("", 0, &st) != 0);
	CHECK(checks_status_parse("-1", 2, &st) != 0);
	CHECK(checks_status_parse("oks", 3, &st) != 0);
}

/* Record parsing: the reasons of rejected rows. */
static void event_records(void)
{
	const char *field[CHECKS_EV_NCOLS] = {
		"2026-10-01T08:00:00Z", "li.wei", "report.export", "maybe", "", NULL };
	size_t len[CHECKS_EV_NCOLS];
	struct record rec;
	struct check_event ev;
	struct timeparser tp;
	struct error err;
	char why[256];
	size_t i;

	error_clear(&err);
	tp.format = NULL;
	tp.tz = tz_new("UTC", &err);
	rec.field = field;
	rec.len = len;
	rec.nfields = CHECKS_EV_NCOLS;
	rec.line = 2;
	for (i = 0; i < CHECKS_EV_NCOLS; i++)
		len[i] = field[i] ? strlen(field[i]) : 0;
	CHECK_INT(checks_event_parse(&rec, &tp, &ev, why, sizeof why), -1);
	CHECK_STR(why, "column \"status\": unknown value \"maybe\"");
	field[CHECKS_EV_STATUS] = "503";
	len[CHECKS_EV_STATUS] = 3;
	CHECK_INT(checks_event_parse(&rec, &tp, &ev, why, sizeof why), 0);
	CHECK_INT(ev.status, CHECK_ERROR);
	CHECK_INT(ev.time, at(1, 8, 0, 0));
	CHECK(isnan(ev.latency_ms));
	CHECK(ev.ip == NULL);
	field[CHECKS_EV_LATENCY] = "12.5";
	len[CHECKS_EV_LATENCY] = 4;
	CHECK_INT(checks_event_parse(&rec, &tp, &ev, why, sizeof why), 0);
	CHECK_NEAR(ev.latency_ms, 12.5, 0);
	field[CHECKS_EV_LATENCY] = "-3";
	len[CHECKS_EV_LATENCY] = 2;
	CHECK_INT(checks_event_parse(&rec, &tp, &ev, why, sizeof why), -1);
	CHECK_STR(why, "column \"latency_ms\": cannot parse \"-3\"");
	field[CHECKS_EV_LATENCY] = "";
	len[CHECKS_EV_LATENCY] = 0;
	field[CHECKS_EV_TIME] = "2026-13-01";
	len[CHECKS_EV_TIME] = 10;
	CHECK_INT(checks_event_parse(&rec, &tp, &ev, why, sizeof why), -1);
	CHECK_STR(why, "column \"time\": cannot parse \"2026-13-01\"");
	tz_free(tp.tz);
}

static void account_records(void)
{
	const char *field[CHECKS_AC_NCOLS] = {
		"r.keller", " Administrator ", "Locked", "2019-03-04", "" };
	size_t len[CHECKS_AC_NCOLS];
	struct record rec;
	struct check_account a;
	struct timeparser tp;
	struct error err;
	char why[256];
	size_t i;

	error_clear(&err);
	tp.format = NULL;
	tp.tz = tz_new("UTC", &err);
	rec.field = field;
	rec.len = len;
	rec.nfields = CHECKS_AC_NCOLS;
	rec.line = 2;
	for (i = 0; i < CHECKS_AC_NCOLS; i++)
		len[i] = strlen(field[i]);
	CHECK_INT(checks_account_parse(&rec, &tp, &a, why, sizeof why), 0);
	CHECK_INT(a.admin, 1);
	CHECK_INT(a.status, ACCOUNT_LOCKED);
	CHECK_INT(a.created, civil_days_from_date(2019, 3, 4) * MS_PER_DAY);
	CHECK_INT(a.last_login, FINDING_NO_TIME);
	field[CHECKS_AC_STATUS] = "gone";
	len[CHECKS_AC_STATUS] = 4;
	CHECK_INT(checks_account_parse(&rec, &tp, &a, why, sizeof why), -1);
	CHECK_STR(why, "column \"status\": unknown value \"gone\"");
	tz_free(tp.tz);
}

/* Sets field i of a record to v. */
static void set(const char **field, size_t *len, size_t i, const char *v)
{
	field[i] = v;
	len[i] = strlen(v);
}

/* Values are trimmed of spaces and tabs only (trim_blanks, checks_int.h):
 * a CR that the reader leaves in a value (a quoted CSV field, a JSON
 * string) stays part of it, as it always did. */
static void blanks_only(void)
{
	const char *afield[CHECKS_AC_NCOLS] = {
		"r.keller", " admin\r", "\tactive ", "", "\r" };
	const char *efield[CHECKS_EV_NCOLS] = {
		"2026-10-01T08:00:00Z", "li.wei", "report.export", "ok", "",
		" 10.0.0.1\r" };
	size_t alen[CHECKS_AC_NCOLS], elen[CHECKS_EV_NCOLS];
	struct record rec;
	struct check_account a;
	struct check_event ev;
	struct timeparser tp;
	struct error err;
	char why[256];
	size_t i;

	error_clear(&err);
	tp.format = NULL;
	tp.tz = tz_new("UTC", &err);
	for (i = 0; i < CHECKS_AC_NCOLS; i++)
		set(afield, alen, i, afield[i]);
	rec.field = afield;
	rec.len = alen;
	rec.nfields = CHECKS_AC_NCOLS;
	rec.line = 2;
	/* last_login "\r" is not empty: rejected, not absent */
	CHECK_INT(checks_account_parse(&rec, &tp, &a, why, sizeof why), -1);
	CHECK(strstr(why, "column \"last_login\": cannot parse") != NULL);
	set(afield, alen, CHECKS_AC_LAST_LOGIN, "");
	CHECK_INT(checks_account_parse(&rec, &tp, &a, why, sizeof why), 0);
	/* role "admin\r" is not admin; status "\tactive " is active */
	CHECK_INT(a.admin, 0);
	CHECK_INT(a.status, ACCOUNT_ACTIVE);
	set(afield, alen, CHECKS_AC_STATUS, "locked\r");
	CHECK_INT(checks_account_parse(&rec, &tp, &a, why, sizeof why), -1);

	for (i = 0; i < CHECKS_EV_NCOLS; i++)
		set(efield, elen, i, efield[i]);
	rec.field = efield;
	rec.len = elen;
	rec.nfields = CHECKS_EV_NCOLS;
	/* the ip keeps its CR: 9 bytes, the leading space gone */
	CHECK_INT(checks_event_parse(&rec, &tp, &ev, why, sizeof why), 0);
	CHECK_INT(ev.ip_len, 9);
	CHECK(ev.ip && memcmp(ev.ip, "10.0.0.1\r", 9) == 0);
	CHECK_INT(ev.time, at(1, 8, 0, 0));
	tz_free(tp.tz);
}

int main(void)
{
	TEST_RUN(status_values);
	TEST_RUN(event_records);
	TEST_RUN(account_records);
	TEST_RUN(blanks_only);
	return TEST_EXIT();
}
