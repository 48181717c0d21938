/* Unit tests of the record parsing of inspect (lib/inspect/check_parse.c):
 * accounts and projects, and the reasons of rejected rows (events:
 * test_event.c).  Expected values
 * worked out by hand. */
#include <math.h>

#include "check.h"
#include "inspect/checks.h"

static void account_records(void)
{
	const char *field[CHECKS_AC_NCOLS] = {
		"r.keller", " Administrator ", "Locked", "2019-03-04", "" };
	size_t len[CHECKS_AC_NCOLS];
	struct record rec;
	struct check_account a;
	struct timeparser tp;
	struct error err;
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
	CHECK_INT(checks_account_parse(&rec, &tp, &a, &err), 0);
	CHECK_INT(a.admin, 1);
	CHECK_INT(a.status, ACCOUNT_LOCKED);
	CHECK_INT(a.created, civil_days_from_date(2019, 3, 4) * MS_PER_DAY);
	CHECK_INT(a.last_login, FINDING_NO_TIME);
	field[CHECKS_AC_STATUS] = "gone";
	len[CHECKS_AC_STATUS] = 4;
	CHECK_INT(checks_account_parse(&rec, &tp, &a, &err), -1);
	CHECK_STR(err.msg, "column \"status\": unknown value \"gone\"");
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
	size_t alen[CHECKS_AC_NCOLS];
	struct record rec;
	struct check_account a;
	struct timeparser tp;
	struct error err;
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
	CHECK_INT(checks_account_parse(&rec, &tp, &a, &err), -1);
	CHECK(strstr(err.msg, "column \"last_login\": cannot parse") != NULL);
	set(afield, alen, CHECKS_AC_LAST_LOGIN, "");
	CHECK_INT(checks_account_parse(&rec, &tp, &a, &err), 0);
	/* role "admin\r" is not admin; status "\tactive " is active */
	CHECK_INT(a.admin, 0);
	CHECK_INT(a.status, ACCOUNT_ACTIVE);
	set(afield, alen, CHECKS_AC_STATUS, "locked\r");
	CHECK_INT(checks_account_parse(&rec, &tp, &a, &err), -1);

	tz_free(tp.tz);
}

int main(void)
{
	TEST_RUN(account_records);
	TEST_RUN(blanks_only);
	return TEST_EXIT();
}
