/* Unit tests for lib/io/clf_format.c: the pattern compiler (good and bad
 * patterns), each preset on lines written from its documented pattern,
 * the units of the request-time directives, and sniffing.  Every expected
 * user, status and latency is read off the line by hand: Tomcat %D and
 * "%Dms" are milliseconds (204 -> 204 ms), Apache %D microseconds (2500
 * -> 2.5 ms), %T and $request_time seconds (0.074 -> 74 ms). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "io/clf.h"

static int span_is(const char *s, size_t n, const char *want)
{
	return s && n == strlen(want) && memcmp(s, want, n) == 0;
}

/* Parses line in spec; 0 or -1, *q filled, msg the reason. */
static int run(const char *spec, enum clf_latency_unit u, const char *line,
	       struct clf_request *q, char *msg, size_t size)
{
	struct error err;
	struct clf_format *f;
	int rc;

	error_clear(&err);
	f = clf_format_new(spec, &err);
	if (!f) {
		snprintf(msg, size, "compile: %.400s", err.msg);
		return -2;
	}
	rc = clf_format_parse(f, line, strlen(line), u, q, &err);
	snprintf(msg, size, "%s", rc ? err.msg : "");
	clf_format_free(f);
	return rc;
}

/* One line in spec: user, status, latency in ms (-1: none), feature
 * parts. */
static void expect(const char *spec, const char *line, const char *user,
		   int status, double ms, const char *method, const char *path)
{
	struct clf_request q;
	char msg[512];
	int rc = run(spec, CLF_LATENCY_AUTO, line, &q, msg, sizeof msg);

	if (rc != 0) {
		fprintf(stderr, "%s: %s\n  %s\n", spec, msg, line);
		CHECK(0);
		return;
	}
	CHECK(span_is(q.user, q.user_len, user));
	CHECK_INT(q.status, status);
	if (ms < 0)
		CHECK(q.latency_ms < 0);
	else
		CHECK_NEAR(q.latency_ms, ms, 1e-9);
	if (method) {
		CHECK(span_is(q.method, q.method_len, method));
		CHECK(span_is(q.path, q.path_len, path));
	} else {
		CHECK(q.method == NULL);
	}
}

static void test_jira(void)
{
	static const char *const j = "jira";

	expect(j, "10.0.0.5 540x101x1 alice [05/Oct/2026:09:00:00 +0000] \"GET /secure/Dashboard.jspa HTTP/1.1\" 200 5120 204 \"https://jira.example.com/\" \"Mozilla/5.0 (X11; Linux x86_64)\" \"1pq3xy\"",
	       "alice", 200, 204, "GET", "/secure/Dashboard.jspa");
	expect(j, "10.0.0.6 541x102x1 - [05/Oct/2026:09:01:00 +0000] \"GET /login.jsp?os_destination=%2F HTTP/1.1\" 200 2048 12 \"-\" \"curl/8.5.0\" \"-\"",
	       "-", 200, 12, "GET", "/login.jsp");
	expect(j, "10.0.0.5 542x103x2 alice [05/Oct/2026:09:02:00 +0000] \"POST /rest/api/2/search HTTP/1.1\" 500 310 1830 \"https://jira.example.com/issues/\" \"Mozilla/5.0 (X11; Linux x86_64)\" \"1pq3xy\"",
	       "alice", 500, 1830, "POST", "/rest/api/2/search");
	/* cut off in the user agent: the request stands */
	expect(j, "10.0.0.7 543x104x1 bob [05/Oct/2026:09:03:00 +0000] \"GET /rest/api/2/issue/PROJ-7 HTTP/1.1\" 404 98 7 \"-\" \"python-requ",
	       "bob", 404, 7, "GET", "/rest/api/2/issue/PROJ-7");
}

static void test_confluence(void)
{
	expect("confluence", "[06/Oct/2026:10:00:00 +0000] carol http-nio-8090-exec-1 10.1.0.10 GET /index.action HTTP/1.1 200 342ms 12345 https://wiki.example.com/ Mozilla/5.0 (Windows NT 10.0; Win64; x64)",
	       "carol", 200, 342, "GET", "/index.action");
	expect("confluence", "[06/Oct/2026:10:00:05 +0000] - http-nio-8090-exec-2 10.1.0.11 POST /dologin.action HTTP/1.1 302 56ms - https://wiki.example.com/login.action Mozilla/5.0 (Macintosh)",
	       "-", 302, 56, "POST", "/dologin.action");
	expect("confluence", "[06/Oct/2026:10:01:00 +0000] carol http-nio-8090-exec-3 10.1.0.10 GET /rest/api/content/98304 HTTP/1.1 503 2210ms 201 - curl/8.5.0",
	       "carol", 503, 2210, "GET", "/rest/api/content/98304");
	expect("confluence-xff", "[07/Oct/2026:11:00:00 +0000] 192.168.1.15 erin http-nio-8090-exec-6 10.1.0.2 GET /index.action HTTP/1.1 200 1020ms 7881 https://wiki.example.com/login.action Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_6)",
	       "erin", 200, 1020, "GET", "/index.action");
	expect("confluence-xff", "[07/Oct/2026:11:00:30 +0000] 192.168.1.16 - http-nio-8090-exec-1 10.1.0.2 GET /login.action HTTP/1.1 200 46ms 1206 - Mozilla/5.0 (X11; Linux x86_64)",
	       "-", 200, 46, "GET", "/login.action");
	expect("confluence-docker", "172.17.0.1 admin [08/Oct/2026:12:00:00 +0000] \"GET /rest/troubleshooting/1.0/check/admin?_=1669247969801 HTTP/1.1\" 200 154 31 /rest/troubleshooting/1.0/check/admin http-nio-8090-exec-7 \"Mozilla/5.0 (X11; Linux x86_64)\"",
	       "admin", 200, 31, "GET", "/rest/troubleshooting/1.0/check/admin");
	expect("confluence-docker", "172.17.0.1 - [08/Oct/2026:12:00:10 +0000] \"GET /login.action HTTP/1.1\" 200 9876 145 /login.action http-nio-8090-exec-8 \"curl/8.5.0\"",
	       "-", 200, 145, "GET", "/login.action");
	expect("confluence-docker", "172.17.0.1 frank [08/Oct/2026:12:01:00 +0000] \"POST /rest/api/content HTTP/1.1\" 502 - 30004 /rest/api/content http-nio-8090-exec-9 \"python-requests/2.31\"",
	       "frank", 502, 30004, "POST", "/rest/api/content");
}

static void test_apache_nginx(void)
{
	expect("vhost_combined", "redmine.example.com:443 203.0.113.5 - grace [09/Oct/2026:13:01:00 +0000] \"POST /issues/4321/time_entries HTTP/1.1\" 500 612 \"https://redmine.example.com/issues/4321\" \"Mozilla/5.0 (Windows NT 10.0)\"",
	       "grace", 500, -1, "POST", "/issues/4321/time_entries");
	expect("vhost_combined", "www.example.com:443 203.0.113.4 - - [09/Oct/2026:13:00:00 +0000] \"GET / HTTP/1.1\" 200 3401 \"-\" \"Mozilla/5.0 (X11; Linux x86_64)\"",
	       "-", 200, -1, "GET", "/");
	/* the documented upstream_time: no space before rt= */
	expect("nginx-upstream", "198.51.100.21 - henry [10/Oct/2026:14:00:01 +0000] \"POST /api/v4/merge_requests HTTP/2.0\" 502 157 \"https://git.example.com/\" \"Mozilla/5.0 (X11)\"rt=3.012 uct=\"0.001\" uht=\"-\" urt=\"3.011\"",
	       "henry", 502, 3012, "POST", "/api/v4/merge_requests");
	/* and with one */
	expect("nginx-upstream", "198.51.100.20 - - [10/Oct/2026:14:00:00 +0000] \"GET /api/v4/projects HTTP/1.1\" 200 5120 \"-\" \"curl/8.5.0\" rt=0.074 uct=\"0.001\" uht=\"0.072\" urt=\"0.073\"",
	       "-", 200, 74, "GET", "/api/v4/projects");
	expect("nginx", "::1 - ann [01/Jan/2026:00:00:00 +0800] \"GET / HTTP/2.0\" 502 157 \"-\" \"curl/8\" 0.123",
	       "ann", 502, 123, "GET", "/");
	/* combined with Apache %D after it (the fixed reader's form) */
	expect("combined", "10.0.0.7 - - [17/May/2015:10:05:03 +0000] \"POST /rest/api/2/issue?x=1 HTTP/1.1\" 201 - \"https://j/\" \"Mozilla/5.0 (X11) \\\"q\\\"\" 2500",
	       "-", 201, 2.5, "POST", "/rest/api/2/issue");
	/* unknown trailing fields never reject a line */
	expect("combined", "1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"ua\" fast \"x\" 12",
	       "-", 200, -1, "GET", "/");
	expect("common", "1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"-\" 408 -",
	       "-", 408, -1, NULL, NULL);
}

/* Patterns given in full: units, users, nginx variables, escapes. */
static void test_patterns(void)
{
	static const char line_d[] = "1.2.3.4 - bob [05/Oct/2026:09:00:00 +0000] \"GET /a HTTP/1.1\" 200 10 2500";
	static const char line_t[] = "1.2.3.4 - bob [05/Oct/2026:09:00:00 +0000] \"GET /a HTTP/1.1\" 200 10 3";

	expect("%h %l %u %t \"%r\" %>s %b %D", line_d, "bob", 200, 2.5, "GET", "/a");
	expect("%h %l %u %t \\\"%r\\\" %>s %b %{ms}T", line_d, "bob", 200, 2500, "GET", "/a");
	expect("%h %l %u %t &quot;%r&quot; %>s %b %{us}T", line_d, "bob", 200, 2.5, "GET", "/a");
	expect("%h %l %u %t \"%r\" %>s %b %T", line_t, "bob", 200, 3000, "GET", "/a");
	/* a Tomcat request attribute: %D is milliseconds */
	expect("%h %{x.id}r %u %t \"%r\" %s %b %D", line_d, "bob", 200, 2500, "GET", "/a");
	/* --latency-unit overrides the directive */
	{
		struct clf_request q;
		char msg[256];
		CHECK_INT(run("jira", CLF_LATENCY_US, "10.0.0.5 540x101x1 alice [05/Oct/2026:09:00:00 +0000] \"GET /x HTTP/1.1\" 200 5120 204000 \"-\" \"ua\" \"s\"",
			      &q, msg, sizeof msg), 0);
		CHECK_NEAR(q.latency_ms, 204, 1e-9);
	}
	/* nginx: ISO time, $request_uri, the user from a header, ${var} */
	expect("$remote_addr [$time_iso8601] \"$request_method $request_uri\" ${status} $http_x_ausername $request_time",
	       "10.0.0.1 [2026-10-05T09:00:00+02:00] \"DELETE /api/x/9?force=1\" 204 ivy 0.5",
	       "ivy", 204, 500, "DELETE", "/api/x/9");
	/* the user field: X-AUSERNAME before %u */
	expect("%h %l %u %t \"%r\" %s %b %{X-AUSERNAME}o", "1.2.3.4 - bob [05/Oct/2026:09:00:00 +0000] \"GET /a HTTP/1.1\" 200 10 jo",
	       "jo", 200, -1, "GET", "/a");
	/* a user attribute of "-" is no user */
	expect("%t %{X-AUSERNAME}o %s", "[05/Oct/2026:09:00:00 +0000] - 200", "-", 200, -1, NULL, NULL);
	/* upstream times are added up when there is no $request_time */
	expect("[$time_local] $status \"$upstream_response_time\"", "[05/Oct/2026:09:00:00 +0000] 502 \"0.012, 0.070 : 0.001\"",
	       "-", 502, 83, NULL, NULL);
	/* an unquoted request line ends where the next literal begins */
	expect("$time_iso8601|$remote_user|$request|$status|$request_time",
	       "2026-10-05T09:00:00Z|alice|GET /a HTTP/1.1|200|0.5", "alice", 200, 500, "GET", "/a");
	{
		struct error err;
		struct clf_format *f = clf_format_new("$time_iso8601|$status", &err);
		CHECK(f && clf_format_reads(f, "2026-10-05T09:00:00Z|200\r", 25));
		CHECK(f && !clf_format_reads(f, "time,status", 11));
		clf_format_free(f);
	}
	/* %v%U: the path starts with "/" */
	expect("%t %s %v%U%q", "[05/Oct/2026:09:00:00 +0000] 200 hostA/b/c?d=1", "-", 200, -1, NULL, NULL);
}

static void test_bad_patterns(void)
{
	static const struct {
		const char *pattern, *msg;
	} t[] = {
		{"%h %Z %t %s", "unknown directive \"%Z\""},
		{"%h %{User-Agent %t %s", "\"%{User-Agent %t %s\": no closing brace"},
		{"%t %s %", "\"%\": a directive without its letter at the end"},
		{"%t %s %i", "\"%i\": needs a name, as in %{NAME}"},
		{"%{%Y-%m-%d}t %s", "\"%{%Y-%m-%d}t\": a time in a format of its own is not read (use %t)"},
		{"%t %s %{min}T", "\"%{min}T\": unknown unit (ms, us or s)"},
		{"%t %s %h%u", "\"%h%u\": nothing between two fields to tell where the first ends"},
		{"%h %u %s", "the pattern has no time (%t, $time_local or $time_iso8601)"},
		{"%h %u %t", "the pattern has no status (%s, %>s or $status)"},
		{"[$time_local] $ $status", "\"$\": a $ without a variable name"},
		{"[$time_local] ${status", "\"${status\": no closing brace"},
		{"", "empty pattern"},
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		struct error err;
		struct clf_format *f;

		error_clear(&err);
		f = clf_format_new(t[i].pattern, &err);
		CHECK(f == NULL);
		CHECK_STR(err.msg, t[i].msg);
		clf_format_free(f);
	}
}

static void test_bad_lines(void)
{
	static const struct {
		const char *spec, *line, *msg;
	} t[] = {
		{"combined", "garbage line from a log rotation",
		 "access log (combined): %t: expected [dd/Mon/yyyy:HH:MM:SS +hhmm]"},
		{"combined", "1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 20 1",
		 "access log (combined): %>s: \"20\" is not an HTTP status"},
		{"combined", "1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 x",
		 "access log (combined): %b: \"x\" is not a number or -"},
		{"combined", "1.2.3.4 - - [17/May/2015:10:05:03 +0000] GET / 200 1",
		 "access log (combined): expected \"\"\" after %t"},
		{"combined", "1.2.3.4 - -",
		 "access log (combined): %t: the line ends before it"},
		{"jira", "10.0.0.5 540x101x1 alice [05/Oct/2026:09:00:00 +0000] \"GET /x HTTP/1.1\" 200 5120 fast \"-\"",
		 "access log (jira): %D: \"fast\" is not a request time"},
		{"confluence", "[06/Oct/2026:10:00:00 +0000] carol exec-1 10.1.0.10 /index.action 200 342ms",
		 "access log (confluence): %r: expected METHOD /target HTTP/x.y"},
		{"confluence", "[06/Oct/2026:10:00:00 +0000] carol exec-1 10.1.0.10 GET /i HTTP/1.1 200 342s 1",
		 "access log (confluence): %D: \"342s\" is not a request time"},
		{"confluence", "[06/Oct/2026:10:00:00 +0000] carol exec-1 10.1.0.10 GET /i HTTP/1.1 200 342 ms 1",
		 "access log (confluence): expected \"ms\" after %D"},
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		struct clf_request q;
		char msg[512];

		CHECK_INT(run(t[i].spec, CLF_LATENCY_AUTO, t[i].line, &q, msg, sizeof msg), -1);
		CHECK_STR(msg, t[i].msg);
	}
}

static void test_sniff(void)
{
	static const struct {
		const char *line, *want;
	} t[] = {
		{"1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1", "common"},
		{"1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"ua\"", "combined"},
		{"1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"ua\" 2500", "combined"},
		{"h:443 1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"ua\"", "vhost_combined"},
		{"1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"ua\"rt=0.1 uct=\"0.0\" uht=\"0.1\" urt=\"0.1\"", "nginx-upstream"},
		{"10.0.0.5 540x101x1 alice [05/Oct/2026:09:00:00 +0000] \"GET /x HTTP/1.1\" 200 5120 204 \"-\" \"ua\" \"s\"", "jira"},
		{"[06/Oct/2026:10:00:00 +0000] carol exec-1 10.1.0.10 GET /i HTTP/1.1 200 342ms 1 - ua", "confluence"},
		{"[06/Oct/2026:10:00:00 +0000] 10.0.0.9 carol exec-1 10.1.0.10 GET /i HTTP/1.1 200 342ms 1 - ua", "confluence-xff"},
		{"172.17.0.1 admin [08/Oct/2026:12:00:00 +0000] \"GET /a HTTP/1.1\" 200 154 31 /a exec-7 \"ua\"", "confluence-docker"},
	};
	struct clf_format *f[16];
	const char *name;
	struct error err;
	size_t n = 0, i;

	for (i = 0; (name = clf_format_preset(i)); i++) {
		f[n] = clf_format_new(name, &err);
		CHECK(f[n] != NULL);
		CHECK(clf_format_preset_pattern(name) != NULL);
		if (f[n])
			n++;
	}
	CHECK_INT(n, 9);
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		size_t len = strlen(t[i].line);
		int k = clf_format_sniff(f, n, &t[i].line, &len, 1);
		CHECK(k >= 0);
		if (k >= 0 && strcmp(clf_format_name(f[k]), t[i].want) != 0) {
			fprintf(stderr, "sniffed %s, want %s: %s\n", clf_format_name(f[k]), t[i].want, t[i].line);
			CHECK(0);
		}
		CHECK(clf_sniff(t[i].line, len));
	}
	{
		/* most lines win over the first line */
		const char *lines[] = {
			"junk",
			"10.0.0.5 540x101x1 alice [05/Oct/2026:09:00:00 +0000] \"GET /x HTTP/1.1\" 200 5120 204 \"-\" \"ua\" \"s\"",
			"10.0.0.5 540x101x2 - [05/Oct/2026:09:00:01 +0000] \"GET /y HTTP/1.1\" 500 - 9 \"-\" \"ua\" \"-\"",
		};
		size_t lens[3];
		int k;
		for (i = 0; i < 3; i++)
			lens[i] = strlen(lines[i]);
		k = clf_format_sniff(f, n, lines, lens, 3);
		CHECK(k >= 0 && strcmp(clf_format_name(f[k]), "jira") == 0);
		CHECK_INT(clf_format_sniff(f, n, lines, lens, 1), -1);
	}
	CHECK(!clf_sniff("time,user,feature,status", 24));
	CHECK(!clf_sniff("[{\"time\": \"2026-10-01\"}]", 24));
	for (i = 0; i < n; i++)
		clf_format_free(f[i]);
	CHECK(clf_format_preset_pattern("nope") == NULL);
}

/* Every preset on mutated lines (bytes replaced, lines cut): never a
 * crash or a read past the line (run under ASan by make check
 * SANITIZE=1), and a parsed status is always 100-599. */
static void test_hostile(void)
{
	static const char *const seed[] = {
		"10.0.0.5 540x101x1 alice [05/Oct/2026:09:00:00 +0000] \"GET /x?q=1 HTTP/1.1\" 200 5120 204 \"-\" \"ua \\\" q\" \"s\"",
		"[06/Oct/2026:10:00:00 +0000] 10.0.0.9 carol exec-1 10.1.0.10 GET /i HTTP/1.1 200 342ms 1 - ua",
		"h:443 1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"ua\"rt=0.1 uct=\"0.0\" urt=\"0.1, 0.2\"",
	};
	static const char bytes[] = " \t\"\\[]-:/?0129aZ%$\r";
	struct clf_format *f[16];
	const char *name;
	struct error err;
	unsigned long x = 2463534242UL;
	size_t n = 0, i, k, bad = 0;

	for (i = 0; (name = clf_format_preset(i)); i++)
		if ((f[n] = clf_format_new(name, &err)))
			n++;
	for (k = 0; k < 30000; k++) {
		const char *src = seed[k % 3];
		size_t len = strlen(src), j;
		char *line = malloc(len);	/* exactly the line: ASan sees overreads */

		if (!line)
			return;
		memcpy(line, src, len);
		for (j = 0; j < 1 + k % 4; j++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			line[x % len] = bytes[(x >> 8) % (sizeof bytes - 1)];
		}
		if (k % 5 == 0)
			len = (x >> 16) % len;
		for (i = 0; i < n; i++) {
			struct clf_request q;
			if (clf_format_parse(f[i], line, len, CLF_LATENCY_AUTO, &q, &err) == 0 &&
			    (q.status < 100 || q.status > 599))
				bad++;
		}
		free(line);
	}
	CHECK_INT(bad, 0);
	for (i = 0; i < n; i++)
		clf_format_free(f[i]);
}

int main(void)
{
	TEST_RUN(test_jira);
	TEST_RUN(test_confluence);
	TEST_RUN(test_apache_nginx);
	TEST_RUN(test_patterns);
	TEST_RUN(test_bad_patterns);
	TEST_RUN(test_bad_lines);
	TEST_RUN(test_sniff);
	TEST_RUN(test_hostile);
	return TEST_EXIT();
}
