/* Unit tests for lib/clf.c and the access-log format of lib/reader.c.
 * Expected values are worked out by hand from the lines (the time
 * conversions are read off the bracketed times; latencies: 2500 us = 2.5
 * ms, 0.123 s = 123 ms). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "io/clf.h"
#include "io/clf_int.h"
#include "io/reader.h"

static char tmpdir[64];

static const char *put(const char *name, const char *data)
{
	static char path[8][128];
	static int n;
	char *p = path[n++ % 8];
	FILE *fp;

	snprintf(p, sizeof path[0], "%s/%s", tmpdir, name);
	fp = fopen(p, "wb");
	if (!fp) {
		perror(p);
		exit(2);
	}
	fputs(data, fp);
	fclose(fp);
	return p;
}

static struct clf_format *combined;	/* the preset, compiled in main */

static int parse(const char *line, enum clf_latency_unit u, struct clf_request *q,
		 struct error *err)
{
	return clf_format_parse(combined, line, strlen(line), u, q, err);
}

static int span_is(const char *s, size_t n, const char *want)
{
	return s && n == strlen(want) && memcmp(s, want, n) == 0;
}

static void test_common(void)
{
	struct clf_request q;
	struct error err;

	CHECK_INT(parse("127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326",
			CLF_LATENCY_AUTO, &q, &err), 0);
	CHECK_STR(q.time, "2000-10-10T13:55:36-07:00");
	CHECK(span_is(q.ip, q.ip_len, "127.0.0.1"));
	CHECK(span_is(q.user, q.user_len, "frank"));
	CHECK(span_is(q.method, q.method_len, "GET"));
	CHECK(span_is(q.path, q.path_len, "/apache_pb.gif"));
	CHECK_INT(q.status, 200);
	CHECK(q.latency_ms < 0);
	CHECK_INT(q.truncated, 0);
}

static void test_combined_latency(void)
{
	struct clf_request q;
	struct error err;

	/* Apache combined + %D (microseconds) */
	CHECK_INT(parse("10.0.0.7 - - [17/May/2015:10:05:03 +0000] \"POST /rest/api/2/issue?x=1 HTTP/1.1\" 201 - \"https://j/\" \"Mozilla/5.0 (X11) \\\"q\\\"\" 2500",
			CLF_LATENCY_AUTO, &q, &err), 0);
	CHECK_STR(q.time, "2015-05-17T10:05:03+00:00");
	CHECK(span_is(q.user, q.user_len, "-"));
	CHECK(span_is(q.path, q.path_len, "/rest/api/2/issue"));
	CHECK_INT(q.status, 201);
	CHECK_NEAR(q.latency_ms, 2.5, 1e-9);
	/* nginx $request_time (seconds, with a point) */
	CHECK_INT(parse("::1 - ann [01/Jan/2026:00:00:00 +0800] \"GET / HTTP/2.0\" 502 157 \"-\" \"curl/8\" 0.123",
			CLF_LATENCY_AUTO, &q, &err), 0);
	CHECK_NEAR(q.latency_ms, 123, 1e-9);
	CHECK_STR(q.time, "2026-01-01T00:00:00+08:00");
	/* the same number, unit given */
	CHECK_INT(parse("::1 - ann [01/Jan/2026:00:00:00 +0800] \"GET / HTTP/2.0\" 502 157 \"-\" \"curl/8\" 2",
			CLF_LATENCY_S, &q, &err), 0);
	CHECK_NEAR(q.latency_ms, 2000, 1e-9);
	CHECK_INT(parse("::1 - ann [01/Jan/2026:00:00:00 +0800] \"GET / HTTP/2.0\" 502 157 \"-\" \"curl/8\" 2",
			CLF_LATENCY_MS, &q, &err), 0);
	CHECK_NEAR(q.latency_ms, 2, 1e-9);
}

static void test_truncated(void)
{
	struct clf_request q;
	struct error err;

	/* user agent cut off: the request stands, the time field is lost */
	CHECK_INT(parse("10.0.0.7 - bob [17/May/2015:10:05:03 +0000] \"GET /browse/PROJ-1 HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0 (Windows",
			CLF_LATENCY_AUTO, &q, &err), 0);
	CHECK_INT(q.truncated, 1);
	CHECK(q.latency_ms < 0);
	/* request line cut off: rejected */
	CHECK_INT(parse("10.0.0.7 - bob [17/May/2015:10:05:03 +0000] \"GET /browse/PRO",
			CLF_LATENCY_AUTO, &q, &err), -1);
	CHECK_STR(err.msg, "access log (combined): %r: the line ends inside the quotes");
}

static void test_bad(void)
{
	static const char *const bad[] = {
		"",
		"garbage",
		"1.2.3.4 - - [17/May/2015:10:05:03] \"GET / HTTP/1.1\" 200 1",
		"1.2.3.4 - - [17/Mai/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1",
		"1.2.3.4 - - [17/May/2015:24:05:03 +0000] \"GET / HTTP/1.1\" 200 1",
		"1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 20 1",
		"1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 x",
		"1.2.3.4 - - [17/May/2015:10:05:03 +0000] GET / 200 1",
	};
	struct clf_request q;
	struct error err;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		error_clear(&err);
		if (parse(bad[i], CLF_LATENCY_AUTO, &q, &err) != -1) {
			fprintf(stderr, "accepted: %s\n", bad[i]);
			CHECK(0);
		}
		CHECK(strncmp(err.msg, "access log (combined): ", 23) == 0);
	}
}

static void test_sniff(void)
{
	static const char line[] = "203.0.113.9 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1";

	CHECK(clf_sniff(line, strlen(line)));
	CHECK(!clf_sniff("time,user,feature,status", 24));
	CHECK(!clf_sniff("a b c [x] \"", 11));
}

static const char *feature(const struct clf_featuremap *map, const char *line)
{
	static char *buf;
	static size_t cap;
	static char why[512];
	struct clf_request q;
	struct error err;

	if (!line) {
		free(buf);
		buf = NULL;
		return NULL;
	}
	if (parse(line, CLF_LATENCY_AUTO, &q, &err) != 0) {
		snprintf(why, sizeof why, "%s", err.msg);
		return why;
	}
	clf_feature(map, &q, &buf, &cap);
	return buf;
}

#define L(req) "1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"" req "\" 200 1"

static void test_collapse(void)
{
	CHECK_STR(feature(NULL, L("GET /rest/api/2/issue/10001?expand=names HTTP/1.1")),
		  "GET /rest/api/2/issue/:id");
	CHECK_STR(feature(NULL, L("GET /rest/api/2/issue/PROJ-123/comment HTTP/1.1")),
		  "GET /rest/api/2/issue/:id/comment");
	CHECK_STR(feature(NULL, L("GET /browse/AB_2-7 HTTP/1.1")), "GET /browse/:id");
	CHECK_STR(feature(NULL, L("GET /issues/42.json HTTP/1.1")), "GET /issues/:id.json");
	CHECK_STR(feature(NULL, L("PUT /attachments/0f8fad5b-d9cb-469f-a165-70867728950e HTTP/1.1")),
		  "PUT /attachments/:id");
	CHECK_STR(feature(NULL, L("GET /repo/commit/9fceb02d0ae598e95dc970b74767f19372d61af8 HTTP/1.1")),
		  "GET /repo/commit/:id");
	CHECK_STR(feature(NULL, L("GET /rest/servicedeskapi/request/7 HTTP/1.1")),
		  "GET /rest/servicedeskapi/request/:id");
	/* not ids: words, short hex, mixed case keys */
	CHECK_STR(feature(NULL, L("GET /projects/beef/Proj-1/v2 HTTP/1.1")),
		  "GET /projects/beef/Proj-1/v2");
	CHECK_STR(feature(NULL, L("GET /s/en_US/logo.PNG HTTP/1.1")), "static");
	CHECK_STR(feature(NULL, L("GET /batch.js?v=3 HTTP/1.1")), "static");
	CHECK_STR(feature(NULL, L("-")), "-");
	CHECK_STR(feature(NULL, L("GET / HTTP/1.1")), "GET /");
	CHECK(clf_is_static("/a/b.woff2", 10));
	CHECK(!clf_is_static("/a/b.json", 9));
	CHECK(!clf_is_static("/css", 4));
	CHECK(clf_is_static("/A/B.JS", 7));
	CHECK(clf_is_static("/a.b.Woff2", 10));
	CHECK(!clf_is_static("/a/b.woff22", 11));
	CHECK(!clf_is_static("/a/b.js\0", 8));
	CHECK(!clf_is_static("/a/b.j", 6));
	CHECK(!clf_is_static(".png", 3));	/* ".pn": cut before the end */
	CHECK(clf_is_static(".png", 4));
}

static void test_featuremap(void)
{
	struct error err;
	struct clf_featuremap *m;
	const char *path = put("map.csv",
			       "pattern,feature\n"
			       "# Jira\n"
			       "POST /rest/api/2/issue, issue.create\n"
			       "/rest/api/2/issue/*,issue.view\n"
			       "\n"
			       "/login.jsp*,auth.login\n"
			       "*.png,images\n");

	error_clear(&err);
	m = clf_featuremap_load(path, &err);
	CHECK(m != NULL);
	CHECK_STR(feature(m, L("POST /rest/api/2/issue HTTP/1.1")), "issue.create");
	CHECK_STR(feature(m, L("GET /rest/api/2/issue HTTP/1.1")), "GET /rest/api/2/issue");
	CHECK_STR(feature(m, L("GET /rest/api/2/issue/PROJ-9/comment HTTP/1.1")), "issue.view");
	CHECK_STR(feature(m, L("POST /login.jsp?os_destination=x HTTP/1.1")), "auth.login");
	/* the map comes before the static group */
	CHECK_STR(feature(m, L("GET /i/a.png HTTP/1.1")), "images");
	CHECK_STR(feature(m, L("GET /i/a.gif HTTP/1.1")), "static");
	clf_featuremap_free(m);

	error_clear(&err);
	path = put("bad.csv", "/a,x\n/b\n");
	CHECK(clf_featuremap_load(path, &err) == NULL);
	CHECK_INT(err.line, 2);
	CHECK_STR(err.msg, "expected pattern,feature");
	error_clear(&err);
	path = put("empty.csv", "/a, \n");
	CHECK(clf_featuremap_load(path, &err) == NULL);
	CHECK_STR(err.msg, "empty feature");
	clf_featuremap_free(NULL);
	feature(NULL, NULL);
}

enum { T, U, F, S, LAT, IP };
static const struct reader_column cols[] = {
	{"time", 1}, {"user", 1}, {"feature", 1}, {"status", 1},
	{"latency_ms", 0}, {"ip", 0}
};

static void test_reader(void)
{
	const char *path = put("access.log",
		"10.0.0.1 - ann [17/May/2015:10:05:03 +0000] \"GET /browse/PR-1 HTTP/1.1\" 200 1 \"-\" \"ua\" 0.25\n"
		"not a log line\n"
		"\n"
		"10.0.0.2 - - [17/May/2015:10:05:04 +0000] \"GET /x.css HTTP/1.1\" 304 -\n"
		"10.0.0.3 - - [17/May/2015:10:05:05 +0000] \"GET /issues/7 HTTP/1.1\" 500 9 \"-\" \"trunc\n");
	struct reader_config cfg = {.format = READER_AUTO};
	struct reader_clf o = {NULL, CLF_LATENCY_AUTO, NULL, 1, 0};
	struct reader *r;
	struct record rec;
	struct error err;

	error_clear(&err);
	r = reader_open(path, &cfg, cols, 6, &err);
	CHECK(r != NULL);
	if (!r)
		return;
	reader_set_clf(r, &o);
	CHECK_INT(reader_format(r), READER_CLF);
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 1);
	CHECK_STR(rec.field[T], "2015-05-17T10:05:03+00:00");
	CHECK_STR(rec.field[U], "ann");
	CHECK_STR(rec.field[F], "GET /browse/:id");
	CHECK_STR(rec.field[S], "200");
	CHECK_STR(rec.field[LAT], "250");
	CHECK_STR(rec.field[IP], "10.0.0.1");
	/* line 2 rejected, line 3 blank, line 4 static and skipped */
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 5);
	CHECK_STR(rec.field[U], "-");
	CHECK_STR(rec.field[F], "GET /issues/:id");
	CHECK_STR(rec.field[LAT], "");
	CHECK_INT(reader_next(r, &rec, &err), 0);
	CHECK_INT(reader_rows(r), 2);
	CHECK_INT(reader_rejected(r), 1);
	CHECK_INT(reader_first_reject_line(r), 2);
	CHECK_STR(reader_first_reject_reason(r), "access log (combined): %t: expected [dd/Mon/yyyy:HH:MM:SS +hhmm]");
	CHECK_INT(reader_clf_users(r), 1);
	CHECK_INT(reader_clf_skipped(r), 1);
	reader_close(r);

	/* --user-from ip, static kept, format named */
	o.skip_static = 0;
	o.user_from_ip = 1;
	cfg.format = READER_CLF;
	r = reader_open(path, &cfg, cols, 6, &err);
	CHECK(r != NULL);
	if (!r)
		return;
	reader_set_clf(r, &o);
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_STR(rec.field[U], "10.0.0.1");
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_STR(rec.field[F], "static");
	CHECK_STR(rec.field[U], "10.0.0.2");
	CHECK_STR(rec.field[S], "304");
	reader_close(r);
}

/* clf_ms_text writes what printf's "%.10g" writes: every whole number of
 * microseconds up to 3 s and a spread up to 10^10 us (past its own range),
 * seconds with a fraction as the reader scales them, and odd values. */
static void test_ms_text(void)
{
	static const double odd[] = {
		0, 0.0005, 0.001, 0.1, 1e-9, 999999.999, 1e6, 1e6 + 0.5, 1e10,
		123456789.125, 0.1 + 0.2, 2.5, 1.0 / 3, 5e-324, -0.0,
	};
	char want[64], got[64];
	unsigned long long x = 88172645463325252ULL;
	long us;
	size_t i, bad = 0;

	for (us = 0; us <= 3000000; us++) {
		double ms = (double)us / 1000;
		size_t n = clf_ms_text(ms, got);
		snprintf(want, sizeof want, "%.10g", ms);
		bad += strcmp(got, want) != 0 || n != strlen(want);
	}
	for (i = 0; i < 200000; i++) {
		double ms;
		size_t n;
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		ms = i % 2 ? (double)(x % 10000000000ULL) / 1000	/* us */
			   : (double)(x % 100000) / 1000 * 1000;	/* s.mmm */
		n = clf_ms_text(ms, got);
		snprintf(want, sizeof want, "%.10g", ms);
		bad += strcmp(got, want) != 0 || n != strlen(want);
	}
	for (i = 0; i < sizeof odd / sizeof odd[0]; i++) {
		size_t n = clf_ms_text(odd[i], got);
		snprintf(want, sizeof want, "%.10g", odd[i]);
		CHECK_STR(got, want);
		CHECK_INT(n, strlen(want));
	}
	CHECK_INT(bad, 0);
	clf_ms_text(12.345, got);
	CHECK_STR(got, "12.345");	/* by hand: 12345 us */
	clf_ms_text(0.05, got);
	CHECK_STR(got, "0.05");
}

/* clf_time keeps the last minute it converted: a line of the same minute
 * only brings new seconds, which are still checked (00-60), and a change
 * anywhere else is converted afresh (times worked out by hand). */
static void test_time_memo(void)
{
	char out[32];

	CHECK_INT(clf_time("05/Oct/2026:08:00:14 +0800", 26, out, sizeof out), 0);
	CHECK_STR(out, "2026-10-05T08:00:14+08:00");
	CHECK_INT(clf_time("05/Oct/2026:08:00:59 +0800", 26, out, sizeof out), 0);
	CHECK_STR(out, "2026-10-05T08:00:59+08:00");
	CHECK_INT(clf_time("05/Oct/2026:08:00:60 +0800", 26, out, sizeof out), 0);
	CHECK_STR(out, "2026-10-05T08:00:60+08:00");	/* a leap second */
	CHECK_INT(clf_time("05/Oct/2026:08:00:61 +0800", 26, out, sizeof out), -1);
	CHECK_INT(clf_time("05/Oct/2026:08:00:7x +0800", 26, out, sizeof out), -1);
	CHECK_INT(clf_time("05/Oct/2026:08:00:03 -0330", 26, out, sizeof out), 0);
	CHECK_STR(out, "2026-10-05T08:00:03-03:30");
	CHECK_INT(clf_time("05/Nov/2026:08:00:03 -0330", 26, out, sizeof out), 0);
	CHECK_STR(out, "2026-11-05T08:00:03-03:30");
	CHECK_INT(clf_time("05/Nov/2026:08:00:04 -0330", 10, out, sizeof out), -1);
	CHECK_INT(clf_time("05/Nov/2026:08:00:04 -0330", 26, out, 20), -1);
	CHECK_INT(clf_time("05/Nov/2026:08:00:05 -0330", 26, out, sizeof out), 0);
	CHECK_STR(out, "2026-11-05T08:00:05-03:30");
}

int main(void)
{
	enum clf_latency_unit u;

	snprintf(tmpdir, sizeof tmpdir, "/tmp/test_clf.XXXXXX");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 2;
	}
	combined = clf_format_new("combined", NULL);
	TEST_RUN(test_common);
	TEST_RUN(test_combined_latency);
	TEST_RUN(test_truncated);
	TEST_RUN(test_bad);
	TEST_RUN(test_sniff);
	TEST_RUN(test_collapse);
	TEST_RUN(test_featuremap);
	TEST_RUN(test_reader);
	TEST_RUN(test_ms_text);
	TEST_RUN(test_time_memo);
	CHECK(clf_latency_unit_parse("us", &u) == 0 && u == CLF_LATENCY_US);
	CHECK(clf_latency_unit_parse("min", &u) == -1);
	clf_format_free(combined);
	{
		char cmd[128];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			return 2;
	}
	return TEST_EXIT();
}
