/* Unit tests of the one event model (lib/io/event.c): status and latency
 * values, and event rows parsed and rejected alike for inspect and review.
 * Expected values are written out by hand from SPEC.md section 2 (status
 * words, HTTP codes 100-599 with 500 and up an error and 400-499 a client
 * error) and from the messages event.h documents. */
#include <math.h>

#include "check.h"
#include "io/colmap.h"
#include "io/event.h"
#include "reader_fixture.h"

static void status_values(void)
{
	enum event_status st = EVENT_CLIENT_ERROR;

	CHECK(event_status_parse("ok", 2, &st) == 0 && st == EVENT_OK);
	CHECK(event_status_parse(" Success ", 9, &st) == 0 && st == EVENT_OK);
	CHECK(event_status_parse("TRUE", 4, &st) == 0 && st == EVENT_OK);
	CHECK(event_status_parse("error", 5, &st) == 0 && st == EVENT_ERROR);
	CHECK(event_status_parse("fail", 4, &st) == 0 && st == EVENT_ERROR);
	CHECK(event_status_parse("Failure", 7, &st) == 0 && st == EVENT_ERROR);
	CHECK(event_status_parse("false", 5, &st) == 0 && st == EVENT_ERROR);
	CHECK(event_status_parse("500", 3, &st) == 0 && st == EVENT_ERROR);
	CHECK(event_status_parse("599", 3, &st) == 0 && st == EVENT_ERROR);
	CHECK(event_status_parse("499", 3, &st) == 0 && st == EVENT_CLIENT_ERROR);
	CHECK(event_status_parse("400", 3, &st) == 0 && st == EVENT_CLIENT_ERROR);
	CHECK(event_status_parse("399", 3, &st) == 0 && st == EVENT_OK);
	CHECK(event_status_parse("302", 3, &st) == 0 && st == EVENT_OK);
	CHECK(event_status_parse("200", 3, &st) == 0 && st == EVENT_OK);
	/* numbers are HTTP codes: three digits, 100-599 */
	CHECK(event_status_parse("99999999999999999999", 20, &st) != 0);
	CHECK(event_status_parse("600", 3, &st) != 0);
	CHECK(event_status_parse("099", 3, &st) != 0);
	CHECK(event_status_parse("2000", 4, &st) != 0);
	CHECK(event_status_parse("maybe", 5, &st) != 0);
	CHECK(event_status_parse("", 0, &st) != 0);
	CHECK(event_status_parse("-1", 2, &st) != 0);
	/* a prefix or an extension of a word is no word */
	CHECK(event_status_parse("oks", 3, &st) != 0);
	CHECK(event_status_parse("okay", 4, &st) != 0);
}

static void latency_values(void)
{
	double ms = 0;

	CHECK_INT(event_latency_parse("12.5", 4, &ms), 0);
	CHECK_NEAR(ms, 12.5, 0);
	CHECK_INT(event_latency_parse(" 7 ", 3, &ms), 0);
	CHECK_NEAR(ms, 7, 0);
	CHECK_INT(event_latency_parse("", 0, &ms), 0);
	CHECK(isnan(ms));
	CHECK_INT(event_latency_parse(NULL, 0, &ms), 0);
	CHECK(isnan(ms));
	CHECK_INT(event_latency_parse("-1", 2, &ms), -1);
	CHECK_INT(event_latency_parse("12ms", 4, &ms), -1);
	CHECK_INT(event_latency_parse("1e400", 5, &ms), -1);
	CHECK_INT(event_latency_parse("nan", 3, &ms), -1);
}

static void set(const char **field, size_t *len, size_t i, const char *v)
{
	field[i] = v;
	len[i] = v ? strlen(v) : 0;
}

/* Records built by hand (no reader): the reasons of rejected rows. */
static void event_records(void)
{
	const char *field[EVENT_NCOLS];
	size_t len[EVENT_NCOLS];
	struct record rec;
	struct event ev;
	struct timeparser tp;
	struct error err;

	error_clear(&err);
	tp.format = NULL;
	tp.tz = tz_new("UTC", &err);
	set(field, len, EVENT_COL_TIME, "2026-10-01T08:00:00Z");
	set(field, len, EVENT_COL_USER, "li.wei");
	set(field, len, EVENT_COL_FEATURE, "report.export");
	set(field, len, EVENT_COL_STATUS, "maybe");
	set(field, len, EVENT_COL_LATENCY, "");
	set(field, len, EVENT_COL_PROJECT, NULL);
	set(field, len, EVENT_COL_IP, " 10.0.0.1\r");
	rec.field = field;
	rec.len = len;
	rec.nfields = EVENT_NCOLS;
	rec.line = 2;
	CHECK_INT(event_parse(NULL, &rec, &tp, &ev, &err), -1);
	CHECK_STR(err.msg, "column \"status\": unknown value \"maybe\"");
	set(field, len, EVENT_COL_STATUS, "503");
	CHECK_INT(event_parse(NULL, &rec, &tp, &ev, &err), 0);
	CHECK_INT(ev.status, EVENT_ERROR);
	/* 2026-10-01T08:00:00Z: `date -u -d 2026-10-01T08:00:00Z +%s` */
	CHECK_INT(ev.time, (int64_t)1790841600 * 1000);
	CHECK(isnan(ev.latency_ms));
	CHECK(ev.project == NULL);
	/* the ip is trimmed of spaces and tabs only: the CR stays, 9 bytes */
	CHECK_INT(ev.ip_len, 9);
	CHECK(ev.ip && memcmp(ev.ip, "10.0.0.1\r", 9) == 0);
	set(field, len, EVENT_COL_LATENCY, "-3");
	CHECK_INT(event_parse(NULL, &rec, &tp, &ev, &err), -1);
	CHECK_STR(err.msg, "column \"latency_ms\": cannot parse \"-3\"");
	set(field, len, EVENT_COL_LATENCY, "");
	set(field, len, EVENT_COL_TIME, "2026-13-01");
	CHECK_INT(event_parse(NULL, &rec, &tp, &ev, &err), -1);
	CHECK_STR(err.msg, "column \"time\": cannot parse \"2026-13-01\"");
	set(field, len, EVENT_COL_TIME, "2026-10-01");
	/* no user is an anonymous event, not a bad row (issue 18 item 2) */
	set(field, len, EVENT_COL_USER, NULL);
	CHECK_INT(event_parse(NULL, &rec, &tp, &ev, &err), 0);
	CHECK(ev.user == NULL);
	set(field, len, EVENT_COL_USER, "");
	CHECK_INT(event_parse(NULL, &rec, &tp, &ev, &err), 0);
	CHECK(ev.user == NULL);
	set(field, len, EVENT_COL_FEATURE, NULL);
	CHECK_INT(event_parse(NULL, &rec, &tp, &ev, &err), -1);
	CHECK_STR(err.msg, "column \"feature\": missing value");
	tz_free(tp.tz);
}

/* Through the reader, under --map time=When: the bad time is named
 * "time" (the canonical column, as in the reader's own messages), the
 * same for inspect and review, which both call event_parse. */
static void mapped_names(void)
{
	struct reader_config cfg = defcfg;
	struct colmap *map = colmap_new();
	struct timeparser tp;
	struct reader *r;
	struct record rec;
	struct event ev;
	struct error err;
	const char *path;

	if (fixture_begin("test_event") != 0)
		return;
	path = PUT("mapped.csv", "When,user,feature,status\n"
		   "2026-10-01T08:00:00Z,ann,wiki.view,ok\n"
		   "yesterday,ann,wiki.view,ok\n");
	error_clear(&err);
	CHECK_INT(colmap_add(map, "time=When", &err), 0);
	cfg.map = map;
	tp.format = NULL;
	tp.tz = tz_new("UTC", &err);
	r = reader_open(path, &cfg, event_columns, EVENT_NCOLS, &err);
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(reader_next(r, &rec, &err), 1);
		CHECK_INT(event_parse(r, &rec, &tp, &ev, &err), 0);
		CHECK(ev.user && ev.user_len == 3 && memcmp(ev.user, "ann", 3) == 0);
		CHECK_INT(reader_next(r, &rec, &err), 1);
		CHECK_INT(event_parse(r, &rec, &tp, &ev, &err), -1);
		CHECK_STR(err.msg, "column \"time\": cannot parse \"yesterday\"");
		reader_close(r);
	}
	tz_free(tp.tz);
	colmap_free(map);
	fixture_end();
}

int main(void)
{
	TEST_RUN(status_values);
	TEST_RUN(latency_values);
	TEST_RUN(event_records);
	TEST_RUN(mapped_names);
	return TEST_EXIT();
}
