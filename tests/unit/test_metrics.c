/* Unit tests of metrics: events fed through the API, figures checked
 * against values worked out by hand in the comments. */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "io/jbuild.h"
#include "review/metrics.h"
#include "base/timeparse.h"

static struct tz *zone(const char *name)
{
	struct error err;
	struct tz *tz = tz_new(name, &err);

	if (!tz) {
		fprintf(stderr, "tz %s: %s\n", name, err.msg);
		exit(1);
	}
	return tz;
}

static void set_period(struct period *p, const char *s, struct tz *tz)
{
	struct error err;

	if (period_parse(p, s, tz, 0, &err) != 0) {
		fprintf(stderr, "period %s: %s\n", s, err.msg);
		exit(1);
	}
}

/* UTC, for times written without an offset in the tests */
static struct tz *test_utc;

static int64_t at(const char *s)
{
	struct timeparser tp;
	int64_t t = 0;

	tp.format = NULL;
	tp.tz = test_utc;
	if (time_parse(&tp, s, strlen(s), &t) != 0) {
		fprintf(stderr, "bad time %s\n", s);
		exit(1);
	}
	return t;
}

/* Feeds one event; status as text, latency "" for none, project NULL. */
static int ev(struct metrics *m, const char *time, const char *user,
	      const char *feature, const char *status, const char *latency,
	      const char *project)
{
	struct event e;

	e.time = at(time);
	e.user = user;
	e.user_len = strlen(user);
	e.feature = feature;
	e.feature_len = strlen(feature);
	if (event_status_parse(status, strlen(status), &e.status) != 0 ||
	    event_latency_parse(latency, strlen(latency), &e.latency_ms) != 0) {
		fprintf(stderr, "bad test event\n");
		exit(1);
	}
	e.project = project;
	e.project_len = project ? strlen(project) : 0;
	return metrics_add_event(m, &e);
}

static int acct(struct metrics *m, const char *user, const char *role,
		const char *status)
{
	return metrics_add_account(m, user, strlen(user), role,
				   role ? strlen(role) : 0, status,
				   status ? strlen(status) : 0);
}

static int resp(struct metrics *m, const char *score, const char *time)
{
	struct error why;

	return metrics_add_response(m, score, strlen(score), time != NULL,
				    time ? at(time) : 0, &why);
}

static const json_t *get(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	if (!v)
		fprintf(stderr, "no key %s\n", key);
	return v ? v : json_null();
}

static long long I(const json_t *o, const char *key)
{
	const json_t *v = get(o, key);

	if (!json_is_integer(v))
		fprintf(stderr, "%s is not an integer\n", key);
	return json_integer_value(v);
}

static double D(const json_t *o, const char *key)
{
	const json_t *v = get(o, key);

	return json_is_number(v) ? json_number_value(v) : (double)NAN;
}

static int is_null(const json_t *o, const char *key)
{
	return json_is_null(json_object_get(o, key));
}

static const char *S(const json_t *o, const char *key)
{
	return json_string_value(get(o, key));
}

static json_t *row(const json_t *doc, const char *section, size_t i)
{
	return json_array_get(json_object_get(doc, section), i);
}

static size_t nrows(const json_t *doc, const char *section)
{
	return json_array_size(json_object_get(doc, section));
}

static void parse_status_latency_scale(void)
{
	enum metrics_scale sc = METRICS_CSAT;

	CHECK_INT(metrics_scale_parse("nps", &sc), 0);
	CHECK_INT(sc, METRICS_NPS);
	CHECK_INT(metrics_scale_parse("csat", &sc), 0);
	CHECK_INT(sc, METRICS_CSAT);
	CHECK_INT(metrics_scale_parse("NPS", &sc), -1);
}

/* October 2026 in UTC, 31 days.  In the period (5 events):
 *   e3 Oct 1 08:00 alice f.a ok    100ms P1
 *   e4 Oct 1 09:00 bob   f.b error 300ms P1
 *   e5 Oct 1 10:00 alice f.a 404   200ms (client error, not an error)
 *   e6 Oct 3 12:00 bob   f.a 503         (error, no latency)
 *   e7 Oct 31 23:30 carol f.b ok    50ms P2
 * Outside: alice Sep 30 and dave Sep 15 (previous period), erin Aug 20
 * (before, not previous), carol Nov 1 00:00 (the end is excluded).
 * events 5, errors 2 -> error_rate 0.4; active alice bob carol = 3;
 * daily users Oct 1: 2, Oct 3: 1, Oct 31: 1, 28 days 0 -> dau_avg 4/31,
 * stickiness 4/31/3; new: bob, carol (alice was seen in September) = 2;
 * lost: dave (alice came back, erin was not in September) = 1. */
static void month_figures(void)
{
	struct tz *tz = zone("UTC");
	struct period p;
	struct metrics *m;
	json_t *doc = json_object(), *mo, *r;
	int64_t s, e;

	set_period(&p, "2026-10", tz);
	m = metrics_new(&p, tz);
	metrics_use_accounts(m);
	metrics_use_catalog(m);
	metrics_use_survey(m, METRICS_CSAT);
	/* accounts: active alice (pm), bob (dev), frank (pm, never used);
	 * gina disabled; carol has none.  active_share = 2 / 3 */
	CHECK_INT(acct(m, "alice", "pm", "active"), 0);
	CHECK_INT(acct(m, "bob", "dev", "Active"), 0);
	CHECK_INT(acct(m, "frank", "pm", ""), 0);
	CHECK_INT(acct(m, "gina", "dev", "disabled"), 0);
	CHECK_INT(acct(m, "hal", "dev", "retired"), -1);
	/* catalog f.a f.b f.c (f.a twice): 3 available, 2 used, f.c unused */
	metrics_add_catalog(m, "f.a", 3);
	metrics_add_catalog(m, "f.b", 3);
	metrics_add_catalog(m, "f.c", 3);
	metrics_add_catalog(m, "f.a", 3);

	CHECK_INT(ev(m, "2026-09-30T10:00:00Z", "alice", "f.a", "ok", "", NULL), 0);
	CHECK_INT(ev(m, "2026-09-15T10:00:00Z", "dave", "f.a", "ok", "", NULL), 0);
	CHECK_INT(ev(m, "2026-08-20T10:00:00Z", "erin", "f.a", "ok", "", NULL), 0);
	CHECK_INT(ev(m, "2026-10-01T08:00:00Z", "alice", "f.a", "ok", "100", "P1"), 1);
	CHECK_INT(ev(m, "2026-10-01T09:00:00Z", "bob", "f.b", "error", "300", "P1"), 1);
	CHECK_INT(ev(m, "2026-10-01T10:00:00Z", "alice", "f.a", "404", "200", ""), 1);
	CHECK_INT(ev(m, "2026-10-03T12:00:00Z", "bob", "f.a", "503", "", NULL), 1);
	CHECK_INT(ev(m, "2026-10-31T23:30:00Z", "carol", "f.b", "ok", "50", "P2"), 1);
	CHECK_INT(ev(m, "2026-11-01T00:00:00Z", "carol", "f.a", "ok", "", NULL), 0);

	/* survey: 5 4 3 1 5 in the period -> 3 of 5 are 4-5 -> csat 0.6;
	 * a 5 in September is outside; 6, 0, x and 4.5 are bad rows */
	CHECK_INT(resp(m, "5", NULL), 1);
	CHECK_INT(resp(m, "4", "2026-10-02"), 1);
	CHECK_INT(resp(m, "3", NULL), 1);
	CHECK_INT(resp(m, "1", NULL), 1);
	CHECK_INT(resp(m, "5", NULL), 1);
	CHECK_INT(resp(m, "5", "2026-09-29"), 0);
	CHECK_INT(resp(m, "6", NULL), -1);
	CHECK_INT(resp(m, "0", NULL), -1);
	CHECK_INT(resp(m, "x", NULL), -1);
	CHECK_INT(resp(m, "4.5", NULL), -1);
	CHECK_INT(resp(m, "100000000000000000000", NULL), -1);

	CHECK_INT(metrics_span(m, &s, &e), 0);
	CHECK_INT(s, at("2026-10-01T00:00:00Z"));
	CHECK_INT(e, at("2026-11-01T00:00:00Z"));
	metrics_json(m, NULL, doc);
	mo = json_object_get(doc, "metrics");
	CHECK_INT(I(mo, "events"), 5);
	CHECK_INT(I(mo, "active_users"), 3);
	CHECK_NEAR(D(mo, "dau_avg"), 4.0 / 31, 1e-12);
	CHECK_NEAR(D(mo, "stickiness"), 4.0 / 31 / 3, 1e-12);
	CHECK_NEAR(D(mo, "active_share"), 2.0 / 3, 1e-12);
	CHECK_INT(I(mo, "new_users"), 2);
	CHECK_INT(I(mo, "lost_users"), 1);
	CHECK_NEAR(D(mo, "error_rate"), 0.4, 1e-12);
	CHECK_INT(I(mo, "features_available"), 3);
	CHECK_INT(I(mo, "features_used"), 2);
	CHECK_NEAR(D(mo, "feature_coverage"), 2.0 / 3, 1e-12);
	CHECK_NEAR(D(mo, "csat"), 0.6, 1e-12);
	CHECK(is_null(mo, "nps"));
	CHECK_INT(json_object_size(mo), 13);

	CHECK_INT(nrows(doc, "unused_features"), 1);
	CHECK_STR(json_string_value(row(doc, "unused_features", 0)), "f.c");

	/* f.a: e3 e5 e6, alice bob, 1 error (503); latencies 100 200:
	 * nearest rank p50 = rank 1 = 100, p95 = rank 2 = 200.
	 * f.b: e4 e7, bob carol, 1 error; latencies 50 300 -> 50, 300. */
	CHECK_INT(nrows(doc, "features"), 2);
	r = row(doc, "features", 0);
	CHECK_STR(S(r, "feature"), "f.a");
	CHECK_INT(I(r, "events"), 3);
	CHECK_INT(I(r, "users"), 2);
	CHECK_INT(I(r, "errors"), 1);
	CHECK_NEAR(D(r, "error_rate"), 1.0 / 3, 1e-12);
	CHECK_NEAR(D(r, "p50_ms"), 100, 0);
	CHECK_NEAR(D(r, "p95_ms"), 200, 0);
	r = row(doc, "features", 1);
	CHECK_STR(S(r, "feature"), "f.b");
	CHECK_INT(I(r, "events"), 2);
	CHECK_INT(I(r, "users"), 2);
	CHECK_INT(I(r, "errors"), 1);
	CHECK_NEAR(D(r, "error_rate"), 0.5, 1e-12);
	CHECK_NEAR(D(r, "p50_ms"), 50, 0);
	CHECK_NEAR(D(r, "p95_ms"), 300, 0);

	/* every day of October, in order, empty days included */
	CHECK_INT(nrows(doc, "daily"), 31);
	r = row(doc, "daily", 0);
	CHECK_STR(S(r, "date"), "2026-10-01");
	CHECK_INT(I(r, "active_users"), 2);
	CHECK_INT(I(r, "events"), 3);
	CHECK_INT(I(r, "errors"), 1);
	r = row(doc, "daily", 1);
	CHECK_STR(S(r, "date"), "2026-10-02");
	CHECK_INT(I(r, "active_users"), 0);
	CHECK_INT(I(r, "events"), 0);
	CHECK_INT(I(r, "errors"), 0);
	r = row(doc, "daily", 2);
	CHECK_STR(S(r, "date"), "2026-10-03");
	CHECK_INT(I(r, "active_users"), 1);
	CHECK_INT(I(r, "errors"), 1);
	r = row(doc, "daily", 30);
	CHECK_STR(S(r, "date"), "2026-10-31");
	CHECK_INT(I(r, "active_users"), 1);
	CHECK_INT(I(r, "events"), 1);

	/* P1: e3 e4 (alice bob, 1 error, 100 300); P2: e7; then the events
	 * without a project, e5 e6 (alice bob, 1 error, latency 200) */
	CHECK_INT(nrows(doc, "projects"), 3);
	r = row(doc, "projects", 0);
	CHECK_STR(S(r, "project"), "P1");
	CHECK_INT(I(r, "events"), 2);
	CHECK_INT(I(r, "users"), 2);
	CHECK_INT(I(r, "errors"), 1);
	CHECK_NEAR(D(r, "p50_ms"), 100, 0);
	CHECK_NEAR(D(r, "p95_ms"), 300, 0);
	r = row(doc, "projects", 1);
	CHECK_STR(S(r, "project"), "P2");
	CHECK_INT(I(r, "events"), 1);
	CHECK_NEAR(D(r, "error_rate"), 0, 0);
	r = row(doc, "projects", 2);
	CHECK(is_null(r, "project"));
	CHECK_INT(I(r, "events"), 2);
	CHECK_INT(I(r, "users"), 2);
	CHECK_INT(I(r, "errors"), 1);
	CHECK_NEAR(D(r, "p50_ms"), 200, 0);

	/* dev: bob's e4 e6 (2 errors); pm: alice's e3 e5; no role: carol */
	CHECK_INT(nrows(doc, "roles"), 3);
	r = row(doc, "roles", 0);
	CHECK_STR(S(r, "role"), "dev");
	CHECK_INT(I(r, "events"), 2);
	CHECK_INT(I(r, "users"), 1);
	CHECK_INT(I(r, "errors"), 2);
	CHECK_NEAR(D(r, "error_rate"), 1, 0);
	CHECK_NEAR(D(r, "p95_ms"), 300, 0);
	r = row(doc, "roles", 1);
	CHECK_STR(S(r, "role"), "pm");
	CHECK_INT(I(r, "events"), 2);
	CHECK_INT(I(r, "errors"), 0);
	CHECK_NEAR(D(r, "p50_ms"), 100, 0);
	CHECK_NEAR(D(r, "p95_ms"), 200, 0);
	r = row(doc, "roles", 2);
	CHECK(is_null(r, "role"));
	CHECK_INT(I(r, "events"), 1);

	/* a month has no month rows */
	CHECK(json_object_get(doc, "months") == NULL);
	json_decref(doc);
	metrics_free(m);
	tz_free(tz);
}

/* Asia/Shanghai is UTC+8 all year.  October there is
 * [Sep 30 16:00Z, Oct 31 16:00Z).
 *   Sep 30 15:00Z (23:00 local Sep 30) u4: before, previous period
 *   Sep 30 17:00Z (01:00 local Oct 1)  u1: in, day Oct 1
 *   Oct 1 10:00Z  (18:00 local Oct 1)  u1: day Oct 1
 *   Oct 1 20:00Z  (04:00 local Oct 2)  u2: day Oct 2 (Oct 1 in UTC)
 *   Oct 31 16:30Z (00:30 local Nov 1)  u3: after, skipped
 * events 3, active 2, daily Oct 1 = 1 user 2 events, Oct 2 = 1 user,
 * dau_avg 2/31, new u1 u2 = 2, lost u4 = 1.
 * The same events with --tz UTC: Sep 30 17:00Z is before (previous),
 * Oct 1 holds u1 and u2, Oct 31 16:30Z is in: events 3, Oct 1 2 users. */
static void shanghai_days(void)
{
	static const char *const times[] = {
		"2026-09-30T15:00:00Z", "2026-09-30T17:00:00Z",
		"2026-10-01T10:00:00Z", "2026-10-01T20:00:00Z",
		"2026-10-31T16:30:00Z"
	};
	static const char *const users[] = { "u4", "u1", "u1", "u2", "u3" };
	struct tz *sh = zone("Asia/Shanghai"), *utc = zone("UTC");
	struct period p;
	struct metrics *m;
	json_t *doc = json_object(), *mo, *r;
	int64_t s, e;
	size_t i;

	set_period(&p, "2026-10", sh);
	m = metrics_new(&p, sh);
	for (i = 0; i < 5; i++)
		ev(m, times[i], users[i], "f", "ok", "", NULL);
	CHECK_INT(metrics_span(m, &s, &e), 0);
	CHECK_INT(s, at("2026-09-30T16:00:00Z"));
	CHECK_INT(e, at("2026-10-31T16:00:00Z"));
	metrics_json(m, NULL, doc);
	mo = json_object_get(doc, "metrics");
	CHECK_INT(I(mo, "events"), 3);
	CHECK_INT(I(mo, "active_users"), 2);
	CHECK_NEAR(D(mo, "dau_avg"), 2.0 / 31, 1e-12);
	CHECK_INT(I(mo, "new_users"), 2);
	CHECK_INT(I(mo, "lost_users"), 1);
	CHECK_INT(nrows(doc, "daily"), 31);
	r = row(doc, "daily", 0);
	CHECK_STR(S(r, "date"), "2026-10-01");
	CHECK_INT(I(r, "active_users"), 1);
	CHECK_INT(I(r, "events"), 2);
	r = row(doc, "daily", 1);
	CHECK_STR(S(r, "date"), "2026-10-02");
	CHECK_INT(I(r, "active_users"), 1);
	CHECK_INT(I(r, "events"), 1);
	CHECK_STR(S(row(doc, "daily", 30), "date"), "2026-10-31");
	CHECK_INT(I(row(doc, "daily", 30), "events"), 0);
	/* without accounts, catalog or survey those figures are null */
	CHECK(is_null(mo, "active_share"));
	CHECK(is_null(mo, "features_available"));
	CHECK(is_null(mo, "features_used"));
	CHECK(is_null(mo, "feature_coverage"));
	CHECK(is_null(mo, "csat"));
	CHECK(is_null(mo, "nps"));
	CHECK(is_null(doc, "unused_features"));
	CHECK_INT(nrows(doc, "roles"), 0);
	CHECK_INT(nrows(doc, "projects"), 0);
	json_decref(doc);
	metrics_free(m);

	doc = json_object();
	set_period(&p, "2026-10", utc);
	m = metrics_new(&p, utc);
	for (i = 0; i < 5; i++)
		ev(m, times[i], users[i], "f", "ok", "", NULL);
	metrics_json(m, NULL, doc);
	mo = json_object_get(doc, "metrics");
	CHECK_INT(I(mo, "events"), 3);
	CHECK_INT(I(row(doc, "daily", 0), "active_users"), 2);
	CHECK_INT(I(row(doc, "daily", 30), "events"), 1);
	/* u4 and u1 were seen in September; u2 and u3 are new; u4 is lost */
	CHECK_INT(I(mo, "new_users"), 2);
	CHECK_INT(I(mo, "lost_users"), 1);
	json_decref(doc);
	metrics_free(m);
	tz_free(sh);
	tz_free(utc);
}

/* No period: the span of the data, from the first event's day to the
 * day after the last one's.  Events arrive out of order (Oct 7 first).
 * Days Oct 5 6 7, one user on Oct 5 and 7 -> dau_avg 2/3; nothing is
 * before the span, so new_users and lost_users are null. */
static void span_of_data(void)
{
	struct tz *tz = zone("UTC");
	struct metrics *m = metrics_new(NULL, tz);
	json_t *doc = json_object(), *mo;
	int64_t s, e;

	CHECK_INT(metrics_span(m, &s, &e), -1);
	CHECK_INT(ev(m, "2026-10-07T23:00:00Z", "a", "f", "ok", "", NULL), 1);
	CHECK_INT(ev(m, "2026-10-05T10:00:00Z", "b", "f", "fail", "", NULL), 1);
	CHECK_INT(metrics_span(m, &s, &e), 0);
	CHECK_INT(s, at("2026-10-05T00:00:00Z"));
	CHECK_INT(e, at("2026-10-08T00:00:00Z"));
	metrics_json(m, NULL, doc);
	mo = json_object_get(doc, "metrics");
	CHECK_INT(I(mo, "events"), 2);
	CHECK_INT(I(mo, "active_users"), 2);
	CHECK_NEAR(D(mo, "dau_avg"), 2.0 / 3, 1e-12);
	CHECK_NEAR(D(mo, "stickiness"), 1.0 / 3, 1e-12);
	CHECK_NEAR(D(mo, "error_rate"), 0.5, 1e-12);
	CHECK(is_null(mo, "new_users"));
	CHECK(is_null(mo, "lost_users"));
	CHECK_INT(nrows(doc, "daily"), 3);
	CHECK_STR(S(row(doc, "daily", 0), "date"), "2026-10-05");
	CHECK_INT(I(row(doc, "daily", 0), "errors"), 1);
	CHECK_INT(I(row(doc, "daily", 1), "events"), 0);
	CHECK_STR(S(row(doc, "daily", 2), "date"), "2026-10-07");
	json_decref(doc);
	metrics_free(m);

	/* nothing at all: counts 0, rates and averages null, no days */
	m = metrics_new(NULL, tz);
	doc = json_object();
	metrics_json(m, NULL, doc);
	mo = json_object_get(doc, "metrics");
	CHECK_INT(I(mo, "events"), 0);
	CHECK_INT(I(mo, "active_users"), 0);
	CHECK(is_null(mo, "dau_avg"));
	CHECK(is_null(mo, "stickiness"));
	CHECK(is_null(mo, "error_rate"));
	CHECK_INT(nrows(doc, "daily"), 0);
	CHECK_INT(nrows(doc, "features"), 0);
	json_decref(doc);
	metrics_free(m);
	tz_free(tz);
}

/* 2026-Q4: months Oct Nov Dec.  Oct: a b (b errors), Dec: a.  Nov has no
 * event: 0 events, error_rate null.  The quarter has 92 days; daily users
 * sum 3 (Oct 2: a, Oct 3: b, Dec 24: a) -> dau_avg 3/92; the previous
 * period is Q3, where c was active -> lost 1; a was active in August, so
 * new = b = 1. */
static void quarter_months(void)
{
	struct tz *tz = zone("UTC");
	struct period p;
	struct metrics *m;
	json_t *doc = json_object(), *mo, *r;

	set_period(&p, "2026-Q4", tz);
	m = metrics_new(&p, tz);
	ev(m, "2026-08-10T00:00:00Z", "a", "f", "ok", "", NULL);
	ev(m, "2026-07-01T00:00:00Z", "c", "f", "ok", "", NULL);
	ev(m, "2026-10-02T12:00:00Z", "a", "f", "ok", "", NULL);
	ev(m, "2026-10-03T12:00:00Z", "b", "f", "500", "", NULL);
	ev(m, "2026-12-24T12:00:00Z", "a", "f", "ok", "", NULL);
	metrics_json(m, NULL, doc);
	mo = json_object_get(doc, "metrics");
	CHECK_INT(I(mo, "events"), 3);
	CHECK_NEAR(D(mo, "dau_avg"), 3.0 / 92, 1e-12);
	CHECK_INT(I(mo, "new_users"), 1);
	CHECK_INT(I(mo, "lost_users"), 1);
	CHECK_INT(nrows(doc, "daily"), 92);
	CHECK_INT(nrows(doc, "months"), 3);
	r = row(doc, "months", 0);
	CHECK_STR(S(r, "month"), "2026-10");
	CHECK_INT(I(r, "events"), 2);
	CHECK_INT(I(r, "active_users"), 2);
	CHECK_INT(I(r, "errors"), 1);
	CHECK_NEAR(D(r, "error_rate"), 0.5, 1e-12);
	r = row(doc, "months", 1);
	CHECK_STR(S(r, "month"), "2026-11");
	CHECK_INT(I(r, "events"), 0);
	CHECK_INT(I(r, "active_users"), 0);
	CHECK(is_null(r, "error_rate"));
	r = row(doc, "months", 2);
	CHECK_STR(S(r, "month"), "2026-12");
	CHECK_INT(I(r, "events"), 1);
	CHECK_INT(I(r, "active_users"), 1);
	CHECK_NEAR(D(r, "error_rate"), 0, 0);
	json_decref(doc);
	metrics_free(m);
	tz_free(tz);
}

/* A running quarter in Asia/Shanghai, now 2026-11-02T20:00Z = 11-03 04:00
 * local: the days begun are 10-01 .. 11-03 local, 31 + 3 = 34, so two
 * users on two days give dau_avg 2/34; the months begun are October and
 * November.  An event on 12-24 (a clock ahead of now) still counts and
 * extends the days to 12-24: 31 + 30 + 24 = 85 days, 3/85, and December
 * gets its row. */
static void quarter_to_date(void)
{
	struct tz *tz = zone("Asia/Shanghai");
	struct period p;
	struct metrics *m;
	json_t *doc = json_object(), *mo;
	int64_t now = at("2026-11-02T20:00:00Z");

	set_period(&p, "2026-Q4", tz);
	m = metrics_new(&p, tz);
	metrics_set_now(m, now);
	CHECK_INT(metrics_until(m), now);
	ev(m, "2026-10-02T12:00:00Z", "a", "f", "ok", "", NULL);
	ev(m, "2026-11-01T12:00:00Z", "b", "f", "ok", "", NULL);
	metrics_json(m, NULL, doc);
	mo = json_object_get(doc, "metrics");
	CHECK_NEAR(D(mo, "dau_avg"), 2.0 / 34, 1e-12);
	CHECK_NEAR(D(mo, "stickiness"), 2.0 / 34 / 2, 1e-12);
	CHECK_INT(nrows(doc, "daily"), 34);
	CHECK_STR(S(row(doc, "daily", 33), "date"), "2026-11-03");
	CHECK_INT(nrows(doc, "months"), 2);
	CHECK_STR(S(row(doc, "months", 1), "month"), "2026-11");
	json_decref(doc);

	doc = json_object();
	ev(m, "2026-12-24T12:00:00Z", "a", "f", "ok", "", NULL);
	metrics_json(m, NULL, doc);
	mo = json_object_get(doc, "metrics");
	CHECK_NEAR(D(mo, "dau_avg"), 3.0 / 85, 1e-12);
	CHECK_INT(nrows(doc, "daily"), 85);
	CHECK_INT(nrows(doc, "months"), 3);
	json_decref(doc);
	metrics_free(m);

	/* over (now after the end) or not begun (before the start): whole */
	m = metrics_new(&p, tz);
	metrics_set_now(m, at("2027-02-01T00:00:00Z"));
	CHECK_INT(metrics_until(m), p.end);
	metrics_set_now(m, at("2026-09-01T00:00:00Z"));
	CHECK_INT(metrics_until(m), p.end);
	metrics_free(m);
	tz_free(tz);
}

/* NPS: 10 9 8 7 6 0 -> promoters 2, detractors 2 -> 0;
 * then 10 10 9 3 -> (3 - 1) / 4 = 0.5.  11 and -1 are off the scale. */
static void nps_scale(void)
{
	struct tz *tz = zone("UTC");
	struct metrics *m = metrics_new(NULL, tz);
	static const char *const a[] = { "10", "9", "8", "7", "6", "0" };
	static const char *const b[] = { "10", "10", "9", "3" };
	struct error why;
	json_t *doc = json_object();
	size_t i;

	metrics_use_survey(m, METRICS_NPS);
	for (i = 0; i < 6; i++)
		CHECK_INT(resp(m, a[i], NULL), 1);
	CHECK_INT(metrics_add_response(m, "11", 2, 0, 0, &why), -1);
	CHECK_STR(why.msg, "outside the 0-10 scale");
	CHECK_INT(metrics_add_response(m, "-1", 2, 0, 0, &why), -1);
	CHECK_STR(why.msg, "not a whole number");
	metrics_json(m, NULL, doc);
	CHECK_NEAR(D(json_object_get(doc, "metrics"), "nps"), 0, 1e-12);
	CHECK(is_null(json_object_get(doc, "metrics"), "csat"));
	json_decref(doc);
	metrics_free(m);

	m = metrics_new(NULL, tz);
	metrics_use_survey(m, METRICS_NPS);
	doc = json_object();
	for (i = 0; i < 4; i++)
		CHECK_INT(resp(m, b[i], NULL), 1);
	metrics_json(m, NULL, doc);
	CHECK_NEAR(D(json_object_get(doc, "metrics"), "nps"), 0.5, 1e-12);
	json_decref(doc);
	metrics_free(m);

	/* a survey with no response: null, not 0 */
	m = metrics_new(NULL, tz);
	metrics_use_survey(m, METRICS_CSAT);
	doc = json_object();
	metrics_json(m, NULL, doc);
	CHECK(is_null(json_object_get(doc, "metrics"), "csat"));
	json_decref(doc);
	metrics_free(m);
	tz_free(tz);
}

/* events 10 vs 8 -> change 2 (a whole number); error_rate 0.1 vs 0.25 ->
 * -0.15; csat null vs 0.5 -> change null; nps 0.2 vs absent -> null. */
static void join_previous(void)
{
	json_t *cur = json_pack("{s:i, s:f, s:n, s:f}", "events", 10,
				"error_rate", 0.1, "csat", "nps", 0.2);
	json_t *prev = json_pack("{s:i, s:f, s:f, s:s}", "events", 8,
				 "error_rate", 0.25, "csat", 0.5, "x", "y");
	json_t *j = metrics_join_previous(cur, prev);
	const char *order[] = {
		"events", "events_previous", "events_change", "events_change_ratio",
		"error_rate", "error_rate_previous", "error_rate_change",
		"error_rate_change_ratio", "csat", "csat_previous", "csat_change",
		"csat_change_ratio", "nps", "nps_previous", "nps_change",
		"nps_change_ratio"
	};
	const char *k;
	json_t *v;
	size_t i = 0;

	CHECK_INT(I(j, "events"), 10);
	CHECK_INT(I(j, "events_previous"), 8);
	CHECK_INT(I(j, "events_change"), 2);
	CHECK_NEAR(D(j, "error_rate_previous"), 0.25, 0);
	CHECK_NEAR(D(j, "error_rate_change"), -0.15, 1e-12);
	CHECK(is_null(j, "csat"));
	CHECK_NEAR(D(j, "csat_previous"), 0.5, 0);
	CHECK(is_null(j, "csat_change"));
	CHECK(is_null(j, "nps_previous"));
	CHECK(is_null(j, "nps_change"));
	/* 2/8 up a quarter; 0.1 against 0.25 down 60% */
	CHECK_NEAR(D(j, "events_change_ratio"), 0.25, 1e-12);
	CHECK_NEAR(D(j, "error_rate_change_ratio"), -0.6, 1e-12);
	CHECK(is_null(j, "csat_change_ratio"));
	CHECK(is_null(j, "nps_change_ratio"));
	CHECK_INT(json_object_size(j), 16);
	json_object_foreach(j, k, v) {
		if (i < 16)
			CHECK_STR(k, order[i]);
		i++;
	}
	json_decref(j);
	j = metrics_join_previous(cur, NULL);
	CHECK(is_null(j, "events_previous"));
	CHECK(is_null(j, "events_change"));
	json_decref(j);
	json_decref(cur);
	json_decref(prev);
}

/* The accounts and catalog of month_figures. */
static void month_inputs(struct metrics *m)
{
	metrics_use_accounts(m);
	metrics_use_catalog(m);
	acct(m, "alice", "pm", "active");
	acct(m, "bob", "dev", "Active");
	acct(m, "frank", "pm", "");
	acct(m, "gina", "dev", "disabled");
	metrics_add_catalog(m, "f.a", 3);
	metrics_add_catalog(m, "f.b", 3);
	metrics_add_catalog(m, "f.c", 3);
}

/* The events of month_figures (three before the period, one after). */
static const char *const month_events[][6] = {
	{ "2026-09-30T10:00:00Z", "alice", "f.a", "ok", "", NULL },
	{ "2026-09-15T10:00:00Z", "dave", "f.a", "ok", "", NULL },
	{ "2026-08-20T10:00:00Z", "erin", "f.a", "ok", "", NULL },
	{ "2026-10-01T08:00:00Z", "alice", "f.a", "ok", "100", "P1" },
	{ "2026-10-01T09:00:00Z", "bob", "f.b", "error", "300", "P1" },
	{ "2026-10-01T10:00:00Z", "alice", "f.a", "404", "200", "" },
	{ "2026-10-03T12:00:00Z", "bob", "f.a", "503", "", NULL },
	{ "2026-10-31T23:30:00Z", "carol", "f.b", "ok", "50", "P2" },
	{ "2026-11-01T00:00:00Z", "carol", "f.a", "ok", "", NULL },
};
#define N_MONTH_EVENTS (sizeof month_events / sizeof month_events[0])

static void month_event(struct metrics *m, size_t i)
{
	const char *const *e = month_events[i];

	ev(m, e[0], e[1], e[2], e[3], e[4], e[5]);
}

/* --emit-state / --from-state: the events of month_figures split into
 * shards (in time order or not), each state dumped to text and parsed
 * back, merge to the document of one run over all of them. */
static void state_merge(void)
{
	/* shard masks: the first four events and the rest; the even and the
	 * odd ones, loaded odd first */
	static const unsigned splits[][2] = {
		{ 0x00f, 0x1f0 }, { 0x0aa, 0x155 }
	};
	struct tz *tz = zone("UTC");
	struct period p;
	struct metrics *m;
	json_t *one = json_object(), *doc, *mo, *r, *st[2];
	struct error why;
	size_t k, i, j;

	set_period(&p, "2026-10", tz);
	m = metrics_new(&p, tz);
	metrics_use_survey(m, METRICS_CSAT);
	month_inputs(m);
	for (i = 0; i < N_MONTH_EVENTS; i++)
		month_event(m, i);
	resp(m, "5", NULL);
	resp(m, "2", NULL);
	metrics_json(m, NULL, one);
	metrics_free(m);

	for (k = 0; k < 2; k++) {
		for (j = 0; j < 2; j++) {
			json_t *emitted;
			char *text;
			m = metrics_new(&p, tz);
			month_inputs(m);
			for (i = 0; i < N_MONTH_EVENTS; i++)
				if (splits[k][j] & (1u << i))
					month_event(m, i);
			emitted = metrics_state(m);
			text = json_dumps(emitted, 0);
			json_decref(emitted);
			metrics_free(m);
			CHECK(text != NULL);
			st[j] = text ? json_loads(text, JSON_REJECT_DUPLICATES, NULL) : NULL;
			free(text);
		}
		m = metrics_new(&p, tz);
		metrics_use_survey(m, METRICS_CSAT);
		month_inputs(m);
		CHECK_INT(metrics_load(m, st[0], &why), 0);
		CHECK_INT(metrics_load(m, st[1], &why), 0);
		resp(m, "5", NULL);
		resp(m, "2", NULL);
		doc = json_object();
		metrics_json(m, NULL, doc);
		CHECK(json_equal(doc, one));
		/* as in month_figures: 5 events of alice, bob and carol, 2
		 * errors; alice (Sep 30) was seen before, dave the month before
		 * and not now: new bob carol = 2, lost dave = 1; the survey:
		 * 5 and 2, csat 1/2 */
		mo = json_object_get(doc, "metrics");
		CHECK_INT(I(mo, "events"), 5);
		CHECK_INT(I(mo, "active_users"), 3);
		CHECK_NEAR(D(mo, "dau_avg"), 4.0 / 31, 1e-12);
		CHECK_INT(I(mo, "new_users"), 2);
		CHECK_INT(I(mo, "lost_users"), 1);
		CHECK_NEAR(D(mo, "error_rate"), 0.4, 1e-12);
		CHECK_INT(I(mo, "features_used"), 2);
		CHECK_NEAR(D(mo, "csat"), 0.5, 1e-12);
		/* f.a: alice bob, latencies 100 200 -> p50 100, p95 200 */
		r = row(doc, "features", 0);
		CHECK_STR(S(r, "feature"), "f.a");
		CHECK_INT(I(r, "users"), 2);
		CHECK_NEAR(D(r, "p50_ms"), 100, 0);
		CHECK_NEAR(D(r, "p95_ms"), 200, 0);
		/* Oct 1: alice and bob, 3 events */
		r = row(doc, "daily", 0);
		CHECK_INT(I(r, "active_users"), 2);
		CHECK_INT(I(r, "events"), 3);
		json_decref(doc);
		metrics_free(m);
		json_decref(st[1]);
		if (k == 0) {
			/* a state of another period is refused */
			struct period nov;
			set_period(&nov, "2026-11", tz);
			m = metrics_new(&nov, tz);
			error_clear(&why);
			CHECK_INT(metrics_load(m, st[0], &why), -1);
			CHECK(why.msg[0] != '\0');
			metrics_free(m);
		}
		json_decref(st[0]);
	}
	json_decref(one);
	tz_free(tz);
}

/* metrics_users_unknown: the figures of users are null, the others stay:
 * two events of the anonymous "-" on Oct 5 (one error), one feature. */
static void users_unknown(void)
{
	struct tz *tz = zone("UTC");
	struct metrics *m = metrics_new(NULL, tz);
	json_t *doc = jobject(), *mo;

	CHECK_INT(ev(m, "2026-10-05T10:00:00Z", "-", "f", "ok", "", NULL), 1);
	CHECK_INT(ev(m, "2026-10-05T11:00:00Z", "-", "f", "500", "", NULL), 1);
	metrics_users_unknown(m);
	metrics_json(m, NULL, doc);
	mo = json_object_get(doc, "metrics");
	CHECK_INT(I(mo, "events"), 2);
	CHECK_NEAR(D(mo, "error_rate"), 0.5, 1e-12);
	CHECK(is_null(mo, "active_users"));
	CHECK(is_null(mo, "dau_avg"));
	CHECK(is_null(mo, "stickiness"));
	CHECK_INT(I(row(doc, "daily", 0), "events"), 2);
	CHECK(is_null(row(doc, "daily", 0), "active_users"));
	CHECK(is_null(row(doc, "features", 0), "users"));
	CHECK_INT(I(row(doc, "features", 0), "errors"), 1);
	json_decref(doc);
	metrics_free(m);
	tz_free(tz);
}

int main(void)
{
	test_utc = zone("UTC");
	TEST_RUN(parse_status_latency_scale);
	TEST_RUN(month_figures);
	TEST_RUN(shanghai_days);
	TEST_RUN(span_of_data);
	TEST_RUN(users_unknown);
	TEST_RUN(quarter_months);
	TEST_RUN(quarter_to_date);
	TEST_RUN(nps_scale);
	TEST_RUN(join_previous);
	TEST_RUN(state_merge);
	tz_free(test_utc);
	return TEST_EXIT();
}
