/* Unit tests of the inspect checks, fed through the checks API.  Every
 * expected value is worked out by hand in the comment beside it; each
 * check is tried at, below and above its threshold, and the order-
 * sensitive ones with the same events shuffled. */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "inspect/checks.h"
#include "io/envelope.h"

/* ms of 2026-10-DD hh:mm:ss UTC */
static int64_t at(int day, int h, int m, int s)
{
	return civil_days_from_date(2026, 10, day) * MS_PER_DAY +
	       h * MS_PER_HOUR + m * MS_PER_MIN + s * MS_PER_SEC;
}

static struct checks_config config(unsigned run)
{
	struct checks_config cfg;

	checks_config_init(&cfg);
	cfg.run = run;
	return cfg;
}

static int feed(struct checks *c, int64_t t, const char *user,
		const char *feature, enum event_status st, double lat,
		const char *ip)
{
	struct event e;

	e.time = t;
	e.user = user;
	e.user_len = strlen(user);
	e.feature = feature;
	e.feature_len = strlen(feature);
	e.status = st;
	e.latency_ms = lat;
	e.ip = ip;
	e.ip_len = ip ? strlen(ip) : 0;
	return checks_event(c, &e);
}

static void account(struct checks *c, const char *user, enum account_status st,
		    int admin, int64_t created, int64_t last_login)
{
	struct check_account a;

	a.user = user;
	a.user_len = strlen(user);
	a.status = st;
	a.admin = admin;
	a.created = created;
	a.last_login = last_login;
	checks_account(c, &a);
}

/* Runs the checks; returns the findings (caller frees) and the summary. */
static struct findings *finish(struct checks *c, json_t **summary)
{
	struct findings *f = findings_new("inspect");
	json_t *s = checks_finish(c, f, NULL);

	if (summary)
		*summary = s;
	else
		json_decref(s);
	return f;
}

/* The finding of check about subject, or NULL. */
static json_t *find(struct findings *f, const char *check, const char *subject)
{
	json_t *a = findings_json(f);
	size_t i;

	for (i = 0; i < json_array_size(a); i++) {
		json_t *o = json_array_get(a, i);
		if (strcmp(json_string_value(json_object_get(o, "check")), check) == 0 &&
		    strcmp(json_string_value(json_object_get(o, "subject")), subject) == 0)
			return o;
	}
	return NULL;
}

static double num(const json_t *o, const char *key)
{
	return json_number_value(json_object_get(o, key));
}

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "(null)";
}

/* A fixed shuffle of n items: i -> (i * 7 + 3) mod n, a permutation when
 * n is not a multiple of 7. */
static size_t shuffled(size_t i, size_t n)
{
	return (i * 7 + 3) % n;
}

static void check_lists(void)
{
	unsigned m = 0;
	struct error err;

	CHECK_INT(checks_parse_list("error_rate", &m, &err), 0);
	CHECK_INT(m, CHECK_BIT(CHECK_ERROR_RATE));
	CHECK_INT(checks_parse_list("log_gap,consecutive_failures", &m, &err), 0);
	CHECK_INT(m, CHECK_BIT(CHECK_LOG_GAP) | CHECK_BIT(CHECK_CONSECUTIVE_FAILURES));
	CHECK_INT(checks_parse_list("error_rate,bogus", &m, &err), -1);
	CHECK(strstr(err.msg, "unknown check \"bogus\"") != NULL);
	CHECK_INT(checks_parse_list("error_rate,", &m, &err), -1);
	CHECK_INT(checks_parse_list("", &m, &err), -1);
	CHECK_STR(checks_name(CHECK_EXPIRED_PROJECT), "expired_project");
	CHECK(checks_name(CHECK_COUNT) == NULL);
}

/* consecutive_failures with N = 3. */
static void consecutive_failures(void)
{
	/* report.export: E E S | E E E S | E E E E E S E E E; longest 5,
	 * runs of >= 3: three (3, 5, 3); first run of >= 3 starts at minute
	 * 3, the last ends at minute 15.  wiki.edit: E E S E E: none. */
	static const char pat[] = "EESEEESEEEEESEEE";
	struct checks_config cfg = config(CHECK_BIT(CHECK_CONSECUTIVE_FAILURES));
	size_t n = sizeof pat - 1, round, k;

	for (round = 0; round < 2; round++) {
		struct checks *c = checks_new(&cfg);
		struct findings *f;
		json_t *o;
		for (k = 0; k < n; k++) {
			size_t i = round ? shuffled(k, n) : k;
			feed(c, at(1, 8, (int)i, 0), "u", "report.export",
			     pat[i] == 'E' ? EVENT_ERROR : EVENT_OK, (double)NAN, NULL);
		}
		feed(c, at(1, 9, 0, 0), "u", "wiki.edit", EVENT_ERROR, (double)NAN, NULL);
		feed(c, at(1, 9, 1, 0), "u", "wiki.edit", EVENT_ERROR, (double)NAN, NULL);
		feed(c, at(1, 9, 2, 0), "u", "wiki.edit", EVENT_CLIENT_ERROR, (double)NAN, NULL);
		feed(c, at(1, 9, 3, 0), "u", "wiki.edit", EVENT_ERROR, (double)NAN, NULL);
		feed(c, at(1, 9, 4, 0), "u", "wiki.edit", EVENT_ERROR, (double)NAN, NULL);
		f = finish(c, NULL);
		CHECK_INT(findings_count(f), 1);
		o = find(f, "consecutive_failures", "report.export");
		CHECK(o != NULL);
		CHECK_STR(str(o, "severity"), "critical");
		CHECK_INT(num(o, "value"), 5);
		CHECK_INT(num(o, "threshold"), 3);
		CHECK_INT(num(o, "count"), 3);
		CHECK_STR(str(o, "first_seen"), "2026-10-01T08:03:00Z");
		CHECK_STR(str(o, "last_seen"), "2026-10-01T08:15:00Z");
		CHECK_STR(str(o, "message"), "report.export failed 5 times in a row (3 runs of 3 or more)");
		findings_free(f);
		checks_free(c);
	}
}

/* Exactly N = 3 in a row is a run; 2 is not; a success at the same
 * millisecond as an error sorts first, whatever the input order. */
static void consecutive_failures_threshold(void)
{
	struct checks_config cfg = config(CHECK_BIT(CHECK_CONSECUTIVE_FAILURES));
	struct checks *c = checks_new(&cfg);
	struct findings *f;
	json_t *o;

	/* a: E E E -> run of 3 */
	feed(c, at(2, 1, 0, 0), "u", "a", EVENT_ERROR, (double)NAN, NULL);
	feed(c, at(2, 1, 0, 1), "u", "a", EVENT_ERROR, (double)NAN, NULL);
	feed(c, at(2, 1, 0, 2), "u", "a", EVENT_ERROR, (double)NAN, NULL);
	/* b: E, then E and S at the same ms (S sorts first), then E:
	 * E S E E -> longest 2, no finding */
	feed(c, at(2, 1, 0, 0), "u", "b", EVENT_ERROR, (double)NAN, NULL);
	feed(c, at(2, 1, 0, 1), "u", "b", EVENT_ERROR, (double)NAN, NULL);
	feed(c, at(2, 1, 0, 1), "u", "b", EVENT_OK, (double)NAN, NULL);
	feed(c, at(2, 1, 0, 2), "u", "b", EVENT_ERROR, (double)NAN, NULL);
	f = finish(c, NULL);
	CHECK_INT(findings_count(f), 1);
	o = find(f, "consecutive_failures", "a");
	CHECK(o != NULL);
	CHECK_INT(num(o, "value"), 3);
	CHECK_INT(num(o, "count"), 1);
	CHECK_STR(str(o, "message"), "a failed 3 times in a row (1 run of 3 or more)");
	findings_free(f);
	checks_free(c);
}

/* error_rate: > 5% on >= 20 events. */
static void error_rate(void)
{
	struct checks_config cfg = config(CHECK_BIT(CHECK_ERROR_RATE));
	struct checks *c = checks_new(&cfg);
	struct findings *f;
	json_t *o;
	int i;

	for (i = 0; i < 20; i++) {
		/* at: 1 error in 20 = 5%, not above */
		feed(c, at(3, 0, i, 0), "u", "at", i == 4 ? EVENT_ERROR : EVENT_OK, (double)NAN, NULL);
		/* above: 2 in 20 = 10%; 404s are not errors */
		feed(c, at(3, 0, i, 0), "u", "above", i == 4 || i == 9 ? EVENT_ERROR :
		     i == 5 ? EVENT_CLIENT_ERROR : EVENT_OK, (double)NAN, NULL);
	}
	for (i = 0; i < 19; i++)	/* few: 19 events, all errors */
		feed(c, at(3, 0, i, 0), "u", "few", EVENT_ERROR, (double)NAN, NULL);
	f = finish(c, NULL);
	CHECK_INT(findings_count(f), 1);
	o = find(f, "error_rate", "above");
	CHECK(o != NULL);
	CHECK_STR(str(o, "severity"), "warning");
	CHECK_NEAR(num(o, "value"), 0.1, 1e-12);
	CHECK_NEAR(num(o, "threshold"), 0.05, 1e-12);
	CHECK_INT(num(o, "count"), 2);
	CHECK_STR(str(o, "first_seen"), "2026-10-03T00:04:00Z");
	CHECK_STR(str(o, "last_seen"), "2026-10-03T00:09:00Z");
	CHECK_STR(str(o, "message"), "above failed 2 of 20 events (10%, limit 5%)");
	findings_free(f);
	checks_free(c);
}

/* error_burst over an explicit day (24 hours). */
static void error_burst(void)
{
	struct checks_config cfg = config(CHECK_BIT(CHECK_ERROR_BURST));
	struct checks *c;
	struct findings *f;
	json_t *o;
	int h, i;

	cfg.start = at(5, 0, 0, 0);
	cfg.end = at(6, 0, 0, 0);
	/* Every hour 10 errors, hour 13 has 20: n 24, sum 250, mean 10.4167;
	 * sum of squares 23 * 100 + 400 = 2700, variance 2700/24 - mean^2 =
	 * 112.5 - 108.5069 = 3.9931, sd 1.9983; mean + 3 sd = 16.41, so a
	 * burst needs 17 (above the floor of 10).  Only hour 13. */
	c = checks_new(&cfg);
	for (h = 0; h < 24; h++)
		for (i = 0; i < (h == 13 ? 20 : 10); i++)
			feed(c, at(5, h, 59 - i, 0), "u", i % 2 ? "a" : "b", EVENT_ERROR, (double)NAN, NULL);
	f = finish(c, NULL);
	CHECK_INT(findings_count(f), 1);
	o = find(f, "error_burst", "2026-10-05T13:00:00Z");
	CHECK(o != NULL);
	CHECK_INT(num(o, "value"), 20);
	CHECK_INT(num(o, "threshold"), 17);
	CHECK_INT(num(o, "count"), 20);
	CHECK_STR(str(o, "first_seen"), "2026-10-05T13:40:00Z");
	CHECK_STR(str(o, "last_seen"), "2026-10-05T13:59:00Z");
	findings_free(f);
	checks_free(c);

	/* Hours 3 and 4 with 12 errors each, others none: mean 1, sum of
	 * squares 288, variance 12 - 1 = 11, sd 3.3166, mean + 3 sd = 10.95:
	 * 11 needed; both hours are bursts and adjacent: one finding.  Fed
	 * in reverse order. */
	c = checks_new(&cfg);
	for (i = 23; i >= 0; i--)
		feed(c, at(5, 3 + i / 12, i % 12, 0), "u", "a", EVENT_ERROR, (double)NAN, NULL);
	f = finish(c, NULL);
	CHECK_INT(findings_count(f), 1);
	o = find(f, "error_burst", "2026-10-05T03:00:00Z");
	CHECK(o != NULL);
	CHECK_INT(num(o, "value"), 12);
	CHECK_INT(num(o, "threshold"), 11);
	CHECK_INT(num(o, "count"), 24);
	CHECK_STR(str(o, "last_seen"), "2026-10-05T04:11:00Z");
	CHECK_STR(str(o, "message"), "24 errors in the 2 hours from 2026-10-05T03:00:00Z (at most 12 in one), against an hourly mean of 1 (a burst is 11 or more)");
	findings_free(f);
	checks_free(c);

	/* The floor: one hour with exactly 10 errors is a burst (mean 0.4167,
	 * sd = sqrt(100/24 - 0.1736) = 1.9983, mean + 3 sd = 6.41 < 10);
	 * with 9 it is not. */
	for (h = 9; h <= 10; h++) {
		c = checks_new(&cfg);
		for (i = 0; i < h; i++)
			feed(c, at(5, 7, i, 0), "u", "a", EVENT_ERROR, (double)NAN, NULL);
		f = finish(c, NULL);
		CHECK_INT(findings_count(f), h == 10 ? 1 : 0);
		if (h == 10) {
			o = find(f, "error_burst", "2026-10-05T07:00:00Z");
			CHECK(o != NULL);
			CHECK_STR(str(o, "message"), "10 errors in the hour from 2026-10-05T07:00:00Z, against an hourly mean of 0.4 (a burst is 10 or more)");
		}
		findings_free(f);
		checks_free(c);
	}
}

/* latency_p95: nearest rank over >= 20 latencies, limit 2000 exceeded. */
static void latency_p95(void)
{
	struct checks_config cfg = config(CHECK_BIT(CHECK_LATENCY_P95));
	struct checks *c = checks_new(&cfg);
	struct findings *f;
	json_t *o;
	int i;

	for (i = 0; i < 20; i++) {
		/* rank ceil(0.95 * 20) = 19 of the sorted values */
		/* one slow of 20: 19th is 100 */
		feed(c, at(4, 1, i, 0), "u", "one", EVENT_OK, i == 0 ? 5000 : 100, NULL);
		/* two slow: 19th is 5000 */
		feed(c, at(4, 1, i, 0), "u", "two", EVENT_OK, i < 2 ? 5000 : 100, NULL);
		/* at the limit: 19th is 2000, not above */
		feed(c, at(4, 1, i, 0), "u", "limit", EVENT_OK, i < 2 ? 2000 : 100, NULL);
		/* an event without latency is not counted */
		feed(c, at(4, 1, i, 0), "u", "few", EVENT_OK, i ? 9000 : (double)NAN, NULL);
	}
	f = finish(c, NULL);
	CHECK_INT(findings_count(f), 1);
	o = find(f, "latency_p95", "two");
	CHECK(o != NULL);
	CHECK_NEAR(num(o, "value"), 5000, 0);
	CHECK_NEAR(num(o, "threshold"), 2000, 0);
	CHECK_INT(num(o, "count"), 2);
	CHECK_STR(str(o, "message"), "two p95 latency is 5000 ms over 20 events (limit 2000 ms)");
	findings_free(f);
	checks_free(c);
}

/* log_gap: > 6 h without events, edges only with an explicit period. */
static void log_gap(void)
{
	struct checks_config cfg = config(CHECK_BIT(CHECK_LOG_GAP));
	int64_t t[] = { at(7, 3, 0, 0), at(7, 9, 0, 0), at(7, 15, 0, 1),
			at(7, 17, 0, 0) };
	size_t n = sizeof t / sizeof t[0], k, round;

	/* period [Oct 7, Oct 8): head 3 h (no), 6 h exactly (no), 6 h 1 s
	 * (gap), tail 17:00 -> 24:00 = 7 h (gap).  Fed in both orders. */
	cfg.start = at(7, 0, 0, 0);
	cfg.end = at(8, 0, 0, 0);
	for (round = 0; round < 2; round++) {
		struct checks *c = checks_new(&cfg);
		struct findings *f;
		json_t *o;
		for (k = 0; k < n; k++)
			feed(c, t[round ? n - 1 - k : k], "u", k % 2 ? "a" : "b", EVENT_OK, (double)NAN, NULL);
		f = finish(c, NULL);
		CHECK_INT(findings_count(f), 2);
		o = find(f, "log_gap", "2026-10-07T09:00:00Z");
		CHECK(o != NULL);
		CHECK_STR(str(o, "severity"), "critical");
		CHECK_NEAR(num(o, "value"), 6 + 1.0 / 3600, 1e-9);
		CHECK_NEAR(num(o, "threshold"), 6, 0);
		CHECK_STR(str(o, "last_seen"), "2026-10-07T15:00:01Z");
		o = find(f, "log_gap", "2026-10-07T17:00:00Z");
		CHECK(o != NULL);
		CHECK_NEAR(num(o, "value"), 7, 0);
		CHECK_STR(str(o, "last_seen"), "2026-10-08T00:00:00Z");
		CHECK_STR(str(o, "message"), "no events for 7 hours, from 2026-10-07T17:00:00Z to 2026-10-08T00:00:00Z (limit 6 hours)");
		findings_free(f);
		checks_free(c);
	}

	/* Without a period only the gaps between events count. */
	{
		struct checks_config open = config(CHECK_BIT(CHECK_LOG_GAP));
		struct checks *c = checks_new(&open);
		struct findings *f;
		int64_t s, e;
		for (k = 0; k < n; k++)
			feed(c, t[k], "u", "a", EVENT_OK, (double)NAN, NULL);
		f = finish(c, NULL);
		CHECK_INT(findings_count(f), 1);
		checks_span(c, &s, &e);
		CHECK_INT(s, t[0]);
		CHECK_INT(e, t[n - 1] + 1);
		findings_free(f);
		checks_free(c);
	}

	/* A period with no event at all is one gap. */
	{
		struct checks *c = checks_new(&cfg);
		struct findings *f = finish(c, NULL);
		CHECK_INT(findings_count(f), 1);
		CHECK(find(f, "log_gap", "2026-10-07T00:00:00Z") != NULL);
		findings_free(f);
		checks_free(c);
	}
}

/* A period running at now is judged up to now: the last gap ends at now
 * (a log still silent), the ages are counted at now and an expired
 * project says "before now"; checks_until is now.  With cfg.live and no
 * period the silence up to now is judged too; a period over, or one not
 * begun, is judged to its end as before. */
static void to_date(void)
{
	struct checks_config cfg = config(CHECK_BIT(CHECK_LOG_GAP) |
					  CHECK_BIT(CHECK_DORMANT_ADMIN) |
					  CHECK_BIT(CHECK_EXPIRED_PROJECT));
	struct check_project pr = { "p1", 2, "closed", 0 };
	struct checks *c;
	struct findings *f;
	json_t *o;

	/* October, now 10-05 06:00; events to 10-04 23:00 every 5 h */
	cfg.start = at(1, 0, 0, 0);
	cfg.end = at(1, 0, 0, 0) + 31 * MS_PER_DAY;
	cfg.now = at(5, 6, 0, 0);
	cfg.admin_days = 20;
	cfg.expired_days = 10;
	c = checks_new(&cfg);
	for (int64_t t = at(1, 0, 0, 0); t <= at(4, 23, 0, 0); t += 5 * MS_PER_HOUR)
		feed(c, t, "u", "a", EVENT_OK, (double)NAN, NULL);
	feed(c, at(4, 23, 0, 0), "u", "a", EVENT_OK, (double)NAN, NULL);
	account(c, "boss", ACCOUNT_ACTIVE, 1, FINDING_NO_TIME, at(5, 6, 0, 0) - 25 * MS_PER_DAY);
	pr.end = at(5, 6, 0, 0) - 12 * MS_PER_DAY;
	checks_project(c, &pr);
	f = finish(c, NULL);
	CHECK_INT(checks_until(c), cfg.now);
	CHECK_INT(findings_count(f), 3);
	o = find(f, "log_gap", "2026-10-04T23:00:00Z");
	CHECK(o != NULL);
	CHECK_NEAR(num(o, "value"), 7, 0);
	CHECK_STR(str(o, "last_seen"), "2026-10-05T06:00:00Z");
	CHECK_STR(str(o, "message"), "the log has been silent for 7 hours, since its last event at 2026-10-04T23:00:00Z, and still is at 2026-10-05T06:00:00Z (limit 6 hours)");
	o = find(f, "dormant_admin", "boss");
	CHECK(o != NULL);
	CHECK_INT(num(o, "value"), 25);
	o = find(f, "expired_project", "p1");
	CHECK(o != NULL);
	CHECK_INT(num(o, "value"), 12);
	CHECK_STR(str(o, "message"), "project p1 ended on 2026-09-23, 12 days before now, and is not archived (status \"closed\"; limit 10 days)");
	findings_free(f);
	checks_free(c);

	/* now after the end, or before the start: to the end, as before */
	cfg.run = CHECK_BIT(CHECK_LOG_GAP);
	cfg.now = at(1, 0, 0, 0) + 40 * MS_PER_DAY;
	for (int round = 0; round < 2; round++) {
		c = checks_new(&cfg);
		feed(c, at(1, 0, 0, 0), "u", "a", EVENT_OK, (double)NAN, NULL);
		f = finish(c, NULL);
		CHECK_INT(checks_until(c), cfg.end);
		o = find(f, "log_gap", "2026-10-01T00:00:00Z");
		CHECK(o != NULL);
		CHECK_STR(str(o, "last_seen"), "2026-11-01T00:00:00Z");
		CHECK_STR(str(o, "message"), "no events for 744 hours, from 2026-10-01T00:00:00Z to 2026-11-01T00:00:00Z (limit 6 hours)");
		findings_free(f);
		checks_free(c);
		cfg.now = at(1, 0, 0, 0) - MS_PER_DAY;
	}

	/* live, no period: silent 6 h exactly (no), then 6 h 1 ms (yes) */
	cfg = config(CHECK_BIT(CHECK_LOG_GAP));
	cfg.live = 1;
	for (int round = 0; round < 2; round++) {
		cfg.now = at(4, 23, 0, 0) + 6 * MS_PER_HOUR + round;
		c = checks_new(&cfg);
		feed(c, at(4, 20, 0, 0), "u", "a", EVENT_OK, (double)NAN, NULL);
		feed(c, at(4, 23, 0, 0), "u", "a", EVENT_OK, (double)NAN, NULL);
		f = finish(c, NULL);
		CHECK_INT(findings_count(f), (size_t)round);
		findings_free(f);
		checks_free(c);
	}
}

/* failed_logins per user: 5 within 15 minutes (half-open window). */
static void failed_logins_user(void)
{
	struct checks_config cfg = config(CHECK_BIT(CHECK_FAILED_LOGINS));
	/* minutes of failures: ann 0 3 6 9 14:59 (5 within 15 min: yes);
	 * bob 0 3 6 9 15:00 (the fifth is out of the first one's window,
	 * at most 4: no); cy 0 1 2 3 (4: no) */
	int64_t ann[] = { at(8, 0, 0, 0), at(8, 0, 3, 0), at(8, 0, 6, 0),
			  at(8, 0, 9, 0), at(8, 0, 14, 59) };
	int64_t bob[] = { at(8, 0, 0, 0), at(8, 0, 3, 0), at(8, 0, 6, 0),
			  at(8, 0, 9, 0), at(8, 0, 15, 0) };
	size_t k, round;

	/* the feeding below interleaves events up to 3 hours apart (ann at
	 * 00:xx, cy at 01:xx, dan at 02:xx): the reordering window must
	 * cover that, or the later ann and bob failures are late */
	cfg.reorder_ms = 3 * MS_PER_HOUR;

	for (round = 0; round < 2; round++) {
		struct checks *c = checks_new(&cfg);
		struct findings *f;
		json_t *o;
		for (k = 0; k < 5; k++) {
			size_t i = round ? 4 - k : k;
			feed(c, ann[i], "ann", "auth.login", EVENT_ERROR, (double)NAN, "10.0.0.1");
			/* a success in between does not reset the count */
			feed(c, ann[i] + 1000, "ann", "auth.login", EVENT_OK, (double)NAN, "10.0.0.1");
			feed(c, bob[i], "bob", "auth.login", EVENT_CLIENT_ERROR, (double)NAN, "10.0.0.2");
			if (i < 4)
				feed(c, at(8, 1, (int)i, 0), "cy", "auth.login", EVENT_ERROR, (double)NAN, NULL);
			/* failures of another feature are not logins */
			feed(c, at(8, 2, (int)i, 0), "dan", "issue.view", EVENT_ERROR, (double)NAN, NULL);
		}
		f = finish(c, NULL);
		CHECK_INT(findings_count(f), 1);
		o = find(f, "failed_logins", "ann");
		CHECK(o != NULL);
		CHECK_STR(str(o, "severity"), "warning");
		CHECK_INT(num(o, "value"), 5);
		CHECK_INT(num(o, "threshold"), 5);
		CHECK_INT(num(o, "count"), 5);
		CHECK_STR(str(o, "first_seen"), "2026-10-08T00:00:00Z");
		CHECK_STR(str(o, "last_seen"), "2026-10-08T00:14:59Z");
		CHECK_STR(str(o, "message"), "ann failed to log in 5 times within 15 minutes (limit 5)");
		findings_free(f);
		checks_free(c);
	}
}

/* failed_logins per ip: 10 distinct users within 15 minutes. */
static void failed_logins_spray(void)
{
	struct checks_config cfg = config(CHECK_BIT(CHECK_FAILED_LOGINS));
	struct checks *c;
	struct findings *f;
	json_t *o;
	char name[16];
	int i;

	/* the feeding interleaves 01:0x and 02:xx: within the window */
	cfg.reorder_ms = 2 * MS_PER_HOUR;
	c = checks_new(&cfg);

	for (i = 9; i >= 0; i--) {	/* reverse order */
		snprintf(name, sizeof name, "user%d", i);
		/* 10 users in 9 minutes from .77: yes */
		feed(c, at(9, 1, i, 0), name, "auth.login", EVENT_ERROR, (double)NAN, "203.0.113.77");
		/* 9 users (user0 twice) from .78: no */
		snprintf(name, sizeof name, "user%d", i == 9 ? 0 : i);
		feed(c, at(9, 1, i, 0), name, "auth.login", EVENT_ERROR, (double)NAN, "203.0.113.78");
		/* 10 users, but 15 minutes and more apart in pairs from .79 */
		snprintf(name, sizeof name, "user%d", i);
		feed(c, at(9, 2, 0, 0) + i * 2 * MS_PER_MIN, name, "auth.login",
		     EVENT_ERROR, (double)NAN, "203.0.113.79");
	}
	f = finish(c, NULL);
	/* .79 spans 18 minutes: the widest 15-minute window holds 8 users */
	CHECK_INT(findings_count(f), 1);
	o = find(f, "failed_logins", "203.0.113.77");
	CHECK(o != NULL);
	CHECK_STR(str(o, "severity"), "critical");
	CHECK_INT(num(o, "value"), 10);
	CHECK_INT(num(o, "threshold"), 10);
	CHECK_INT(num(o, "count"), 10);
	CHECK_STR(str(o, "first_seen"), "2026-10-09T01:00:00Z");
	CHECK_STR(str(o, "last_seen"), "2026-10-09T01:09:00Z");
	CHECK_STR(str(o, "message"), "203.0.113.77 failed logins for 10 different users within 15 minutes (password spraying; limit 10)");
	findings_free(f);
	checks_free(c);
}

/* disabled_account_activity and unknown_user; failed logins are not
 * activity. */
static void account_activity(void)
{
	struct checks_config cfg = config(CHECKS_NEED_ACCOUNTS);
	struct checks *c;
	struct findings *f;
	json_t *o;

	cfg.start = at(1, 0, 0, 0);
	cfg.end = at(11, 0, 0, 0);
	c = checks_new(&cfg);
	feed(c, at(2, 8, 0, 0), "p.novak", "issue.view", EVENT_OK, (double)NAN, NULL);
	feed(c, at(2, 9, 0, 0), "p.novak", "wiki.view", EVENT_ERROR, (double)NAN, NULL);
	feed(c, at(2, 9, 0, 0), "locked.out", "auth.login", EVENT_ERROR, (double)NAN, NULL);
	feed(c, at(3, 9, 0, 0), "ghost", "issue.view", EVENT_OK, (double)NAN, NULL);
	feed(c, at(3, 9, 0, 0), "typo", "auth.login", EVENT_ERROR, (double)NAN, NULL);
	feed(c, at(3, 9, 0, 0), "li.wei", "issue.view", EVENT_OK, (double)NAN, NULL);
	/* outside the period: counted nowhere */
	CHECK_INT(feed(c, at(12, 9, 0, 0), "ghost2", "issue.view", EVENT_OK, (double)NAN, NULL), 1);
	account(c, "p.novak", ACCOUNT_DISABLED, 0, FINDING_NO_TIME, FINDING_NO_TIME);
	account(c, "locked.out", ACCOUNT_LOCKED, 0, FINDING_NO_TIME, FINDING_NO_TIME);
	account(c, "li.wei", ACCOUNT_ACTIVE, 0, FINDING_NO_TIME, FINDING_NO_TIME);
	f = finish(c, NULL);
	CHECK_INT(findings_count(f), 2);
	o = find(f, "disabled_account_activity", "p.novak");
	CHECK(o != NULL);
	CHECK_STR(str(o, "severity"), "critical");
	CHECK_INT(num(o, "value"), 2);
	CHECK(json_is_null(json_object_get(o, "threshold")));
	CHECK_STR(str(o, "first_seen"), "2026-10-02T08:00:00Z");
	CHECK_STR(str(o, "last_seen"), "2026-10-02T09:00:00Z");
	CHECK_STR(str(o, "message"), "account p.novak is disabled but has 2 events");
	o = find(f, "unknown_user", "ghost");
	CHECK(o != NULL);
	CHECK_STR(str(o, "severity"), "warning");
	CHECK_STR(str(o, "message"), "ghost is not in the accounts file but has 1 event");
	findings_free(f);
	checks_free(c);
}

/* stale_account (90 days) and dormant_admin (30 days) at the period's
 * end, 2026-11-01. */
static void stale_and_dormant(void)
{
	struct checks_config cfg = config(CHECK_BIT(CHECK_STALE_ACCOUNT) |
					  CHECK_BIT(CHECK_DORMANT_ADMIN));
	int64_t end = at(1, 0, 0, 0) + 31 * MS_PER_DAY;
	struct checks *c;
	struct findings *f;
	json_t *o;

	cfg.start = at(1, 0, 0, 0);
	cfg.end = end;
	c = checks_new(&cfg);
	/* last login exactly 90 days before the end: not stale */
	account(c, "edge", ACCOUNT_ACTIVE, 0, FINDING_NO_TIME, end - 90 * MS_PER_DAY);
	/* 1 ms earlier: stale, 90 whole days */
	account(c, "old", ACCOUNT_ACTIVE, 0, FINDING_NO_TIME, end - 90 * MS_PER_DAY - 1);
	/* an old login but an event in the period: not stale */
	account(c, "busy", ACCOUNT_ACTIVE, 0, FINDING_NO_TIME, end - 400 * MS_PER_DAY);
	feed(c, at(15, 0, 0, 0), "busy", "issue.view", EVENT_OK, (double)NAN, NULL);
	/* never used: created 91 days before (stale), 89 (not), unknown (not) */
	account(c, "never", ACCOUNT_ACTIVE, 0, end - 91 * MS_PER_DAY, FINDING_NO_TIME);
	account(c, "new", ACCOUNT_ACTIVE, 0, end - 89 * MS_PER_DAY, FINDING_NO_TIME);
	account(c, "nodate", ACCOUNT_ACTIVE, 0, FINDING_NO_TIME, FINDING_NO_TIME);
	/* disabled accounts are not judged */
	account(c, "gone", ACCOUNT_DISABLED, 0, FINDING_NO_TIME, end - 300 * MS_PER_DAY);
	/* admins: 31 days idle (dormant), 30 exactly (not); a member 31 (not) */
	account(c, "boss", ACCOUNT_ACTIVE, 1, FINDING_NO_TIME, end - 31 * MS_PER_DAY);
	account(c, "boss2", ACCOUNT_ACTIVE, 1, FINDING_NO_TIME, end - 30 * MS_PER_DAY);
	account(c, "member", ACCOUNT_ACTIVE, 0, FINDING_NO_TIME, end - 31 * MS_PER_DAY);
	f = finish(c, NULL);
	CHECK_INT(findings_count(f), 3);
	o = find(f, "stale_account", "old");
	CHECK(o != NULL);
	CHECK_STR(str(o, "severity"), "info");
	CHECK_INT(num(o, "value"), 90);
	CHECK_INT(num(o, "threshold"), 90);
	CHECK_STR(str(o, "last_seen"), "2026-08-02T23:59:59.999Z");
	CHECK_STR(str(o, "message"), "old has not been active for 90 days (last active 2026-08-02; limit 90 days)");
	o = find(f, "stale_account", "never");
	CHECK(o != NULL);
	CHECK_INT(num(o, "value"), 91);
	CHECK_STR(str(o, "message"), "never has never been used since it was created on 2026-08-02, 91 days ago (limit 90 days)");
	o = find(f, "dormant_admin", "boss");
	CHECK(o != NULL);
	CHECK_STR(str(o, "severity"), "warning");
	CHECK_INT(num(o, "value"), 31);
	CHECK_INT(num(o, "threshold"), 30);
	findings_free(f);
	checks_free(c);
}

static void expired_project(void)
{
	struct checks_config cfg = config(CHECK_BIT(CHECK_EXPIRED_PROJECT));
	int64_t end = at(1, 0, 0, 0) + 31 * MS_PER_DAY;
	struct check_project p;
	struct checks *c;
	struct findings *f;
	json_t *o;
	static const struct { const char *name, *status; int days; } v[] = {
		{"OLD", "active", 181},		/* yes */
		{"EDGE", "active", 180},	/* exactly 180: no */
		{"DONE", " Archived", 400},	/* archived: no */
		{"SHUT", "CLOSED", 400},	/* closed but not archived: yes */
		{"BARE", NULL, 200},		/* no status: yes */
		{"OPEN", "active", -1},		/* no end: no */
	};
	size_t i;

	cfg.start = at(1, 0, 0, 0);
	cfg.end = end;
	c = checks_new(&cfg);
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		p.project = v[i].name;
		p.project_len = strlen(v[i].name);
		p.status = v[i].status;
		p.end = v[i].days < 0 ? FINDING_NO_TIME : end - v[i].days * MS_PER_DAY;
		checks_project(c, &p);
	}
	f = finish(c, NULL);
	CHECK_INT(findings_count(f), 3);
	CHECK(find(f, "expired_project", "SHUT") != NULL);
	o = find(f, "expired_project", "OLD");
	CHECK(o != NULL);
	CHECK_STR(str(o, "severity"), "info");
	CHECK_INT(num(o, "value"), 181);
	CHECK_INT(num(o, "threshold"), 180);
	CHECK_STR(str(o, "message"), "project OLD ended on 2026-05-04, 181 days before the period's end, and is not archived (status \"active\"; limit 180 days)");
	CHECK(find(f, "expired_project", "BARE") != NULL);
	findings_free(f);
	checks_free(c);
}

static void summary(void)
{
	struct checks_config cfg = config(CHECKS_ALL & ~CHECKS_NEED_ACCOUNTS & ~CHECKS_NEED_PROJECTS);
	struct checks *c;
	struct findings *f;
	json_t *s;
	int64_t a, b;

	cfg.start = at(1, 0, 0, 0);
	cfg.end = at(2, 0, 0, 0);
	c = checks_new(&cfg);
	/* 6 events in the period by 3 users; logins: 1 ok, 2 failed (one an
	 * HTTP 401); errors: 1 of 6 (the 401 is a client error); latencies
	 * 10 20 30 40: p50 rank 2 = 20, p95 rank 4 = 40 */
	feed(c, at(1, 1, 0, 0), "a", "auth.login", EVENT_OK, 10, NULL);
	feed(c, at(1, 1, 1, 0), "b", "auth.login", EVENT_ERROR, 20, NULL);
	feed(c, at(1, 1, 2, 0), "b", "auth.login", EVENT_CLIENT_ERROR, (double)NAN, NULL);
	feed(c, at(1, 2, 0, 0), "a", "issue.view", EVENT_OK, 40, NULL);
	feed(c, at(1, 3, 0, 0), "c", "issue.view", EVENT_OK, 30, NULL);
	feed(c, at(1, 4, 0, 0), "c", "issue.view", EVENT_OK, (double)NAN, NULL);
	CHECK_INT(feed(c, at(2, 0, 0, 0), "d", "issue.view", EVENT_ERROR, 99, NULL), 1);
	CHECK_INT(feed(c, at(1, 0, 0, 0) - 1, "d", "issue.view", EVENT_ERROR, 99, NULL), 1);
	f = finish(c, &s);
	CHECK_INT(num(s, "events"), 6);
	CHECK_INT(num(s, "users"), 3);
	CHECK_INT(num(s, "logins_ok"), 1);
	CHECK_INT(num(s, "logins_failed"), 2);
	CHECK_NEAR(num(s, "error_rate"), 1.0 / 6, 1e-12);
	CHECK_NEAR(num(s, "p50_ms"), 20, 0);
	CHECK_NEAR(num(s, "p95_ms"), 40, 0);
	CHECK_INT(num(s, "errors"), 1);
	CHECK_INT(num(s, "client_errors"), 1);
	checks_span(c, &a, &b);
	CHECK_INT(a, at(1, 0, 0, 0));
	CHECK_INT(b, at(2, 0, 0, 0));
	json_decref(s);
	findings_free(f);
	checks_free(c);

	/* no event: rates and latencies are null */
	c = checks_new(&cfg);
	f = finish(c, &s);
	CHECK_INT(num(s, "events"), 0);
	CHECK(json_is_null(json_object_get(s, "error_rate")));
	CHECK(json_is_null(json_object_get(s, "p50_ms")));
	CHECK(json_is_null(json_object_get(s, "p95_ms")));
	json_decref(s);
	findings_free(f);
	checks_free(c);
}

/* A state as it goes through a file: dumped to text and parsed back. */
static json_t *through_text(json_t *st)
{
	char *text = json_dumps(st, JSON_COMPACT);
	json_t *back = text ? json_loads(text, JSON_REJECT_DUPLICATES, NULL) : NULL;

	free(text);
	json_decref(st);
	return back;
}

/* --state: a run of errors open at the end of one run goes on in the
 * next; counts are of the new events only; an event older than the
 * newest one saved is late. */
static void state_resume(void)
{
	struct checks_config cfg = config(CHECK_BIT(CHECK_CONSECUTIVE_FAILURES));
	struct checks *c = checks_new(&cfg);
	struct findings *f;
	struct error err;
	json_t *st, *s, *o;

	/* run 1: E E (08:00, 08:01): a run of 2, below 3: no finding */
	feed(c, at(1, 8, 0, 0), "u", "report.export", EVENT_ERROR, 10, NULL);
	feed(c, at(1, 8, 1, 0), "u", "report.export", EVENT_ERROR, 20, NULL);
	f = finish(c, NULL);
	CHECK_INT(findings_count(f), 0);
	findings_free(f);
	st = through_text(checks_state(c));
	checks_free(c);
	CHECK(st != NULL);
	CHECK_STR(str(st, "tool"), "inspect");

	/* run 2: E (08:02) makes the run 3 long, S (08:03) ends it; one
	 * finding, value 3 from 08:00 to 08:02; the summary counts the two
	 * new events, one an error; 07:59 is older than 08:01, the newest
	 * event saved, so it is late (counted, not put into a run) */
	c = checks_new(&cfg);
	error_clear(&err);
	CHECK_INT(checks_load(c, st, 1, &err), 0);
	feed(c, at(1, 8, 2, 0), "u", "report.export", EVENT_ERROR, 30, NULL);
	feed(c, at(1, 8, 3, 0), "u", "report.export", EVENT_OK, 40, NULL);
	feed(c, at(1, 7, 59, 0), "u", "report.export", EVENT_ERROR, (double)NAN, NULL);
	CHECK_INT(checks_late(c), 1);
	f = finish(c, &s);
	CHECK_INT(findings_count(f), 1);
	o = find(f, "consecutive_failures", "report.export");
	CHECK(o != NULL);
	CHECK_INT(num(o, "value"), 3);
	CHECK_INT(num(o, "count"), 1);
	CHECK_STR(str(o, "first_seen"), "2026-10-01T08:00:00Z");
	CHECK_STR(str(o, "last_seen"), "2026-10-01T08:02:00Z");
	CHECK_INT(num(s, "events"), 3);
	CHECK_INT(num(s, "errors"), 2);
	/* latencies of the new events only: 30 40; p50 rank 1 = 30 */
	CHECK_NEAR(num(s, "p50_ms"), 30, 0);
	CHECK_NEAR(num(s, "p95_ms"), 40, 0);
	json_decref(s);
	findings_free(f);
	json_decref(st);
	st = through_text(checks_state(c));
	checks_free(c);

	/* run 3, no new event: the run reported in run 2 is not again */
	c = checks_new(&cfg);
	CHECK_INT(checks_load(c, st, 1, &err), 0);
	f = finish(c, &s);
	CHECK_INT(findings_count(f), 0);
	CHECK_INT(num(s, "events"), 0);
	json_decref(s);
	findings_free(f);
	checks_free(c);
	json_decref(st);
}

/* --emit-state / --from-state: the shards of a log merge to the findings
 * and summary of one run over it, a run of errors across the cut too. */
static void state_shards(void)
{
	/* the pattern of consecutive_failures above, cut after "EESEE": the
	 * run of 3 at minutes 3-5 crosses the cut.  One run: longest 5, three
	 * runs of 3 or more, from 08:03 to 08:15; 16 events, 13 errors */
	static const char pat[] = "EESEEESEEEEESEEE";
	struct checks_config cfg = config(CHECK_BIT(CHECK_CONSECUTIVE_FAILURES));
	size_t n = sizeof pat - 1, cut = 5, i;
	json_t *part[2], *s, *o;
	struct findings *f;
	struct checks *c;
	struct error err;
	int k;

	for (k = 0; k < 2; k++) {
		cfg.shard = 1;
		c = checks_new(&cfg);
		for (i = k ? cut : 0; i < (k ? n : cut); i++)
			feed(c, at(1, 8, (int)i, 0), "u", "report.export",
			     pat[i] == 'E' ? EVENT_ERROR : EVENT_OK, (double)(i + 1) * 10, NULL);
		part[k] = through_text(checks_state(c));
		checks_free(c);
		CHECK(part[k] != NULL);
		CHECK(json_is_true(json_object_get(part[k], "shard")));
	}
	cfg.shard = 0;
	c = checks_new(&cfg);
	error_clear(&err);
	CHECK_INT(checks_load(c, part[0], 0, &err), 0);
	CHECK_INT(checks_load(c, part[1], 0, &err), 0);
	f = finish(c, &s);
	CHECK_INT(findings_count(f), 1);
	o = find(f, "consecutive_failures", "report.export");
	CHECK(o != NULL);
	CHECK_INT(num(o, "value"), 5);
	CHECK_INT(num(o, "count"), 3);
	CHECK_STR(str(o, "first_seen"), "2026-10-01T08:03:00Z");
	CHECK_STR(str(o, "last_seen"), "2026-10-01T08:15:00Z");
	CHECK_INT(num(s, "events"), 16);
	CHECK_INT(num(s, "errors"), 13);
	CHECK_INT(num(s, "users"), 1);
	/* latencies 10, 20, ..., 160: p50 rank 8 = 80, p95 rank 16 = 160 */
	CHECK_NEAR(num(s, "p50_ms"), 80, 0);
	CHECK_NEAR(num(s, "p95_ms"), 160, 0);
	json_decref(s);
	findings_free(f);
	checks_free(c);

	/* a state made with other options, or not a shard's, is refused */
	cfg.run_length = 4;
	c = checks_new(&cfg);
	CHECK_INT(checks_load(c, part[0], 0, &err), -1);
	CHECK(strstr(err.msg, "other options") != NULL);
	checks_free(c);
	cfg.run_length = 3;
	c = checks_new(&cfg);
	json_object_set_new(part[1], "shard", json_false());
	CHECK_INT(checks_load(c, part[1], 0, &err), -1);
	CHECK(strstr(err.msg, "not a shard") != NULL);
	CHECK_INT(checks_load(c, json_object_get(part[1], "tool"), 0, &err), -1);
	checks_free(c);
	json_decref(part[0]);
	json_decref(part[1]);
}

/* checks_document fills an envelope: the summary (users null when the
 * command says users are unknown), the period from the data's span, the
 * checks run and the findings.  Two events, Oct 2 01:00 and 01:05 UTC:
 * the span is [01:00, 01:05 + 1 ms). */
static void document(void)
{
	struct checks_config cfg = config(CHECK_BIT(CHECK_ERROR_RATE));
	int known;

	for (known = 0; known < 2; known++) {
		struct checks *c = checks_new(&cfg);
		json_t *doc = envelope_new("inspect", NULL, NULL);
		json_t *per, *s;
		struct findings *f;

		feed(c, at(2, 1, 0, 0), "ann", "a", EVENT_OK, (double)NAN, NULL);
		feed(c, at(2, 1, 5, 0), "bob", "a", EVENT_ERROR, (double)NAN, NULL);
		f = checks_document(c, doc, !known);
		s = json_object_get(doc, "summary");
		CHECK_INT(json_integer_value(json_object_get(s, "events")), 2);
		if (known)
			CHECK_INT(json_integer_value(json_object_get(s, "users")), 2);
		else
			CHECK(json_is_null(json_object_get(s, "users")));
		per = json_object_get(doc, "period");
		CHECK_STR(json_string_value(json_object_get(per, "start")), "2026-10-02T01:00:00Z");
		CHECK_STR(json_string_value(json_object_get(per, "end")), "2026-10-02T01:05:00.001Z");
		CHECK_INT(json_array_size(json_object_get(doc, "checks")), 1);
		CHECK_STR(json_string_value(json_array_get(json_object_get(doc, "checks"), 0)), "error_rate");
		/* 1 error in 2 events is 50%, but fewer than 20 events: none */
		CHECK_INT(json_array_size(json_object_get(doc, "findings")), 0);
		CHECK_INT(findings_count(f), 0);
		findings_free(f);
		json_decref(doc);
		checks_free(c);
	}
}

int main(void)
{
	TEST_RUN(check_lists);
	TEST_RUN(consecutive_failures);
	TEST_RUN(consecutive_failures_threshold);
	TEST_RUN(error_rate);
	TEST_RUN(error_burst);
	TEST_RUN(latency_p95);
	TEST_RUN(log_gap);
	TEST_RUN(to_date);
	TEST_RUN(failed_logins_user);
	TEST_RUN(failed_logins_spray);
	TEST_RUN(account_activity);
	TEST_RUN(stale_and_dormant);
	TEST_RUN(expired_project);
	TEST_RUN(summary);
	TEST_RUN(state_resume);
	TEST_RUN(state_shards);
	TEST_RUN(document);
	return TEST_EXIT();
}
