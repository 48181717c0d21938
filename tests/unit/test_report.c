/* Unit tests of lib/report/: the status rules, problem tracking, the
 * escaping functions, the formatters and what the renderers share.
 * Expected values are worked out by hand from the rules in report(1). */
#include <stdlib.h>

#include "base/text.h"
#include "check.h"
#include "report/render.h"
#include "report/render_int.h"
#include "report/report.h"
#include "report/report_format.h"
#include "report/report_label.h"

static json_t *js(const char *text)
{
	json_error_t e;
	json_t *j = json_loads(text, 0, &e);

	if (!j)
		fprintf(stderr, "bad test json: %s\n", e.text);
	return j;
}

static void test_findings_status(void)
{
	json_t *a = js("[{\"severity\":\"info\"},{\"severity\":\"warning\"}]");
	json_t *b = js("[{\"severity\":\"warning\"},{\"severity\":\"critical\"}]");
	json_t *c = js("[{\"severity\":\"info\"},{\"severity\":null},{}]");
	json_t *d = js("[]");

	CHECK_INT(report_findings_status(a), REPORT_AMBER);
	CHECK_INT(report_findings_status(b), REPORT_RED);
	CHECK_INT(report_findings_status(c), REPORT_GREEN);
	CHECK_INT(report_findings_status(d), REPORT_GREEN);
	CHECK_INT(report_findings_status(NULL), REPORT_NODATA);
	CHECK_STR(report_status_name(REPORT_NODATA), "no data");
	CHECK_STR(report_status_name(REPORT_AMBER), "amber");
	json_decref(a);
	json_decref(b);
	json_decref(c);
	json_decref(d);
}

static void test_usage_status(void)
{
	json_t *ok = js("{\"error_rate\":0.05,\"feature_coverage\":0.5}");
	json_t *err = js("{\"error_rate\":0.0501,\"feature_coverage\":0.9}");
	json_t *cov = js("{\"error_rate\":0.01,\"feature_coverage\":0.49}");
	json_t *nul = js("{\"error_rate\":null}");

	CHECK_INT(report_usage_status(ok), REPORT_GREEN);	/* limits are not exceeded */
	CHECK_INT(report_usage_status(err), REPORT_AMBER);
	CHECK_INT(report_usage_status(cov), REPORT_AMBER);
	CHECK_INT(report_usage_status(nul), REPORT_GREEN);
	CHECK_INT(report_usage_status(NULL), REPORT_NODATA);
	json_decref(ok);
	json_decref(err);
	json_decref(cov);
	json_decref(nul);
}

static void test_sla_status(void)
{
	json_t *met = js("[{\"met\":true},{\"met\":null}]");
	json_t *bad = js("[{\"met\":true},{\"met\":false}]");
	json_t *none = js("[]");

	CHECK_INT(report_sla_status(met), REPORT_GREEN);
	CHECK_INT(report_sla_status(bad), REPORT_RED);
	CHECK_INT(report_sla_status(none), REPORT_GREEN);
	CHECK_INT(report_sla_status(NULL), REPORT_NODATA);
	json_decref(met);
	json_decref(bad);
	json_decref(none);
}

static void test_track(void)
{
	json_t *now = js("[{\"id\":\"a1\",\"check\":\"x\",\"subject\":\"s\"},"
			 "{\"id\":\"b2\",\"check\":\"y\",\"subject\":\"t\"},"
			 "{\"id\":\"c3\",\"check\":\"z\",\"subject\":\"u\"}]");
	json_t *prev = js("[{\"id\":\"a1\",\"check\":\"other\",\"subject\":\"other\"},"
			  "{\"id\":\"zz\",\"check\":\"y\",\"subject\":\"t\"},"
			  "{\"id\":\"gone\",\"check\":\"q\",\"subject\":\"r\"}, 7]");
	json_t *res = report_track(now, prev, NULL), *res2;

	CHECK_STR(report_str(json_array_get(now, 0), "tracking"), "still open");	/* same id */
	CHECK_STR(report_str(json_array_get(now, 1), "tracking"), "still open");	/* same check+subject */
	CHECK_STR(report_str(json_array_get(now, 2), "tracking"), "new");
	CHECK_INT(json_array_size(res), 1);
	CHECK_STR(report_str(json_array_get(res, 0), "id"), "gone");
	CHECK_STR(report_str(json_array_get(res, 0), "tracking"), "resolved");
	res2 = report_track(now, NULL, NULL);
	CHECK_INT(json_array_size(res2), 0);
	CHECK_STR(report_str(json_array_get(now, 0), "tracking"), "new");
	json_decref(res);
	json_decref(res2);
	json_decref(now);
	json_decref(prev);
}

/* judged: the subject "seen" was looked at, nothing else. */
static int judged_seen(const json_t *q, void *ctx)
{
	const char *s = report_str(q, "subject");

	(void)ctx;
	return s && strcmp(s, "seen") == 0;
}

/* open_since and age along the chain, and the unchecked ones kept: this
 * period "2026-10", previous "2026-09".
 *   a1: still open; the previous has open_since 2026-08, age 2 -> 2026-08, 3
 *   b2: still open; the previous has neither -> 2026-09 (its period), 2
 *   c3: new -> 2026-10, 1
 *   gone, subject "seen": judged and absent -> resolved, age 4 kept
 *   gone, subject "other": not judged -> appended unchecked, age 1 + 1 */
static void test_track_chain(void)
{
	json_t *now = js("[{\"id\":\"a1\",\"check\":\"x\",\"subject\":\"s\"},"
			 "{\"id\":\"b2\",\"check\":\"y\",\"subject\":\"t\"},"
			 "{\"id\":\"c3\",\"check\":\"z\",\"subject\":\"u\"}]");
	json_t *prev = js("[{\"id\":\"a1\",\"open_since\":\"2026-08\",\"age\":2},"
			  "{\"id\":\"b2\"},"
			  "{\"id\":\"r\",\"check\":\"q\",\"subject\":\"seen\",\"open_since\":\"2026-07\",\"age\":4},"
			  "{\"id\":\"k\",\"check\":\"q\",\"subject\":\"other\",\"age\":\"bad\"}]");
	struct report_tracking t = { "2026-10", "2026-09", judged_seen, NULL };
	json_t *res = report_track(now, prev, &t);
	const json_t *p;

	CHECK_INT(json_array_size(now), 4);
	p = json_array_get(now, 0);
	CHECK_STR(report_str(p, "open_since"), "2026-08");
	CHECK_INT(json_integer_value(json_object_get(p, "age")), 3);
	p = json_array_get(now, 1);
	CHECK_STR(report_str(p, "open_since"), "2026-09");
	CHECK_INT(json_integer_value(json_object_get(p, "age")), 2);
	p = json_array_get(now, 2);
	CHECK_STR(report_str(p, "tracking"), "new");
	CHECK_STR(report_str(p, "open_since"), "2026-10");
	CHECK_INT(json_integer_value(json_object_get(p, "age")), 1);
	p = json_array_get(now, 3);
	CHECK_STR(report_str(p, "id"), "k");
	CHECK_STR(report_str(p, "tracking"), "unchecked");
	CHECK_STR(report_str(p, "open_since"), "2026-09");
	CHECK_INT(json_integer_value(json_object_get(p, "age")), 2);
	CHECK_INT(json_array_size(res), 1);
	p = json_array_get(res, 0);
	CHECK_STR(report_str(p, "id"), "r");
	CHECK_STR(report_str(p, "tracking"), "resolved");
	CHECK_STR(report_str(p, "open_since"), "2026-07");
	CHECK_INT(json_integer_value(json_object_get(p, "age")), 4);
	json_decref(res);
	json_decref(now);
	json_decref(prev);
}

/* A calendar month is "YYYY-MM" (in the period's own offset), anything
 * else its start date. */
static void test_period_label(void)
{
	static const struct { const char *json, *want; } c[] = {
		{ "{\"start\":\"2026-09-01T00:00:00Z\",\"end\":\"2026-10-01T00:00:00Z\"}", "2026-09" },
		{ "{\"start\":\"2026-12-01T00:00:00+08:00\",\"end\":\"2027-01-01T00:00:00+08:00\"}", "2026-12" },
		{ "{\"start\":\"2026-07-01T00:00:00Z\",\"end\":\"2026-10-01T00:00:00Z\"}", "2026-07-01" },
		{ "{\"start\":\"2026-09-07T00:00:00Z\",\"end\":\"2026-09-14T00:00:00Z\"}", "2026-09-07" },
		{ "{\"start\":\"2026-09-01T00:00:00Z\"}", "2026-09-01" },
		{ "{\"end\":\"2026-09-01T00:00:00Z\"}", "" },
	};
	size_t i;
	char buf[32];

	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		json_t *p = js(c[i].json);
		report_period_label(p, buf, sizeof buf);
		CHECK_STR(buf, c[i].want);
		json_decref(p);
	}
	report_period_label(NULL, buf, sizeof buf);
	CHECK_STR(buf, "");
}

static void test_escape(void)
{
	char *s;

	s = text_html_escape("<script>a&b</script> \"x\" 'y'\x1b[1m\n");
	CHECK_STR(s, "&lt;script&gt;a&amp;b&lt;/script&gt; &quot;x&quot; &#39;y&#39;[1m ");
	free(s);
	s = text_md_escape("a|b\\c <i> [l](u) `x` *y* =cmd");
	CHECK_STR(s, "a\\|b\\\\c &lt;i&gt; \\[l\\](u) \\`x\\` \\*y\\* =cmd");
	free(s);
	s = text_md_escape("  two\nlines ");
	CHECK_STR(s, "&#32;&#32;two lines&#32;");
	free(s);
	s = text_md_escape(NULL);
	CHECK_STR(s, "");
	free(s);
	s = text_clean("a\x1b[31mb\x07\tc\xc2\x9b" "d 项目经理");
	CHECK_STR(s, "a[31mb cd 项目经理");
	free(s);
}

static void test_format(void)
{
	char b[64];
	json_t *v = json_real(0.0125), *d = json_real(2678.4), *n = json_null();
	json_t *ch = json_pack("{s:f, s:n, s:f, s:f, s:i, s:f, s:i, s:f}",
			       "error_rate_change", -0.012,
			       "error_rate_change_ratio",
			       "csat_change", 0.24, "csat_change_ratio", 0.24 / 0.68,
			       "events_change", 134, "events_change_ratio", 0.25,
			       "lost_users_change", 1, "stickiness_change", -0.375);

	CHECK_STR(report_fmt_pct(v, 1, b, sizeof b), "1.3%");
	CHECK_STR(report_fmt_dur(d, b, sizeof b), "44m 38s");
	CHECK_STR(report_fmt_num(n, 1, b, sizeof b), "–");
	CHECK_STR(report_fmt_pct(NULL, 1, b, sizeof b), "–");
	/* the previous error rate was 0: no relative form */
	CHECK_STR(report_fmt_change(ch, "error_rate", b, sizeof b), "-1.2 pp");
	/* the case study: 68% -> 92%, +24 pp, +35% */
	CHECK_STR(report_fmt_change(ch, "csat", b, sizeof b), "+24 pp (+35%)");
	CHECK_STR(report_fmt_change(ch, "events", b, sizeof b), "+134 (+25%)");
	CHECK_STR(report_fmt_change(ch, "lost_users", b, sizeof b), "+1");
	CHECK_STR(report_fmt_change(ch, "nps", b, sizeof b), "–");
	json_object_set_new(ch, "stickiness_change_ratio", json_real(-0.75));
	/* "down 75%" */
	CHECK_STR(report_fmt_change(ch, "stickiness", b, sizeof b), "-37.5 pp (-75%)");
	/* -0.03 pp would round to "0 pp" at one decimal: two decimals */
	json_object_set_new(ch, "stickiness_change", json_real(-0.0003));
	json_object_set_new(ch, "stickiness_change_ratio", json_real(-0.026));
	CHECK_STR(report_fmt_change(ch, "stickiness", b, sizeof b), "-0.03 pp (-3%)");
	CHECK_STR(report_fmt_change_in("zh", ch, "csat", b, sizeof b), "+24 个百分点 (+35%)");
	json_decref(v);
	json_decref(d);
	json_decref(ch);
	CHECK_STR(report_label("zh", RL_PROBLEMS), "未解决问题");
	CHECK_STR(report_label("en", RL_SUMMARY), "Summary");
	CHECK_STR(report_word("zh", "red"), "严重");
}

/* The change cell of a headline figure: the relative form beside the
 * absolute one except for availability and NPS. */
static void test_figure_change(void)
{
	static const struct {
		const char *lang, *fig;
		double change, ratio;	/* ratio 99: null */
		const char *want;
	} t[] = {
		/* the case study: error rate 50% -> 12.5%, CSAT 68% -> 92% */
		{ "en", "error_rate", -0.375, -0.75, "-37.5 pp (-75%)" },
		{ "zh", "error_rate", -0.375, -0.75, "-37.5 个百分点 (-75%)" },
		{ "en", "csat", 0.24, 0.24 / 0.68, "+24 pp (+35%)" },
		{ "en", "feature_coverage", 0.05, 0.1, "+5 pp (+10%)" },
		/* DAU 150 -> 162: +12, 12/150 = 8% */
		{ "en", "dau_avg", 12, 0.08, "+12 (+8%)" },
		{ "en", "open_problems", -3, -0.2, "-3 (-20%)" },
		/* the previous was 0: no ratio */
		{ "en", "open_problems", 4, 99, "+4" },
		{ "en", "availability", 0.00072, 0.00072 / 0.9983, "+0.072 pp" },
		{ "zh", "availability", -0.0015, -0.0015, "-0.15 个百分点" },
		{ "en", "nps", 5, 0.5, "+5" },
	};
	char b[96];
	size_t i;

	for (i = 0; i < sizeof t / sizeof *t; i++) {
		json_t *h = json_pack("{s:s, s:f}", "figure", t[i].fig, "change", t[i].change);
		json_object_set_new(h, "change_ratio",
				    t[i].ratio == 99 ? json_null() : json_real(t[i].ratio));
		CHECK_STR(report_fmt_figure_change(t[i].lang, h, b, sizeof b), t[i].want);
		json_decref(h);
	}
	{
		json_t *h = json_pack("{s:s, s:n, s:n}", "figure", "csat", "change",
				      "change_ratio");
		CHECK_STR(report_fmt_figure_change("en", h, b, sizeof b), "–");
		json_decref(h);
	}
}

static void test_build(void)
{
	struct report *r = report_new();
	struct error err;
	const char *ins = "{\"tool\":\"inspect\",\"findings\":[{\"severity\":\"warning\",\"check\":\"c\",\"subject\":\"s\"}]}";
	json_t *doc;

	error_clear(&err);
	CHECK_INT(report_add(r, "a", "[]", 2, &err), -1);
	CHECK_INT(report_add(r, "a", "{\"tool\":\"x\"}", 12, &err), -1);
	CHECK_INT(report_add(r, "a", "{}", 2, &err), -1);
	CHECK_INT(report_add(r, "a", "nope", 4, &err), -1);
	CHECK_INT(report_add(r, "a", ins, strlen(ins), &err), 0);
	doc = report_build(r, "en");
	CHECK_INT(report_at_least(doc, SEV_WARNING), 1);
	CHECK_INT(report_at_least(doc, SEV_CRITICAL), 0);
	CHECK_INT(report_at_least(doc, SEV_NEVER), 0);
	CHECK_STR(report_str(json_array_get(json_object_get(doc, "areas"), 0), "status"), "amber");
	CHECK_STR(report_str(json_array_get(json_object_get(doc, "areas"), 1), "status"), "no data");
	/* an id is made when the finding has none */
	CHECK_INT(strlen(report_str(json_array_get(json_object_get(doc, "problems"), 0), "id")), 12);
	json_decref(doc);
	report_free(r);
	report_free(NULL);
}

static void test_render_shared(void)
{
	json_t *rows = js("[{\"objective\":\"availability\",\"actual\":0.98,\"target\":0.99,"
			  "\"credit\":10,\"tickets\":null},"
			  "{\"objective\":\"latency\",\"actual\":0.5,\"target\":0.9},"
			  "{\"objective\":\"availability\",\"actual\":\"x\",\"target\":0.9,"
			  "\"tickets\":5,\"met_count\":3,\"breached_count\":1,\"pending_count\":1}]");
	char b[64];
	double lo = -1;

	/* one row drawn (latency is not availability, the third has no
	 * numeric actual); scale from 1 - 2 * (1 - 0.98) */
	CHECK_INT(render_avail_range(rows, &lo), 1);
	CHECK_NEAR(lo, 0.96, 1e-12);
	CHECK(render_is_avail(json_array_get(rows, 0)));
	CHECK(!render_is_avail(json_array_get(rows, 1)));
	CHECK(!render_is_avail(json_array_get(rows, 2)));
	CHECK_INT(render_avail_range(NULL, &lo), 0);
	CHECK_STR(render_fmt_credit(json_object_get(json_array_get(rows, 0), "credit"), b, sizeof b), "10%");
	CHECK_STR(render_fmt_credit(NULL, b, sizeof b), "–");
	render_tickets(json_array_get(rows, 0), b, sizeof b);
	CHECK_STR(b, "–");
	render_tickets(json_array_get(rows, 2), b, sizeof b);
	CHECK_STR(b, "3/1/1");
	json_decref(rows);
}

static void test_render(void)
{
	static int (*const render[])(FILE *, const json_t *, struct error *) = {
		report_render_md, report_render_txt, report_render_html,
		report_render_json
	};
	struct report *r = report_new();
	json_t *doc = report_build(r, "zh");
	FILE *ro = fopen("/dev/null", "r");	/* every write to it fails */
	struct error err;
	char line[64];
	size_t i;

	for (i = 0; i < sizeof render / sizeof *render; i++) {
		FILE *tmp = tmpfile();
		error_clear(&err);
		CHECK_INT(render[i](tmp, doc, &err), 0);
		CHECK(ftell(tmp) > 0);
		if (i == 0) {	/* the language is the document's own */
			rewind(tmp);
			CHECK(fgets(line, sizeof line, tmp) != NULL);
			CHECK_STR(line, "# 运维健康报告\n");
		}
		fclose(tmp);
		if (ro) {
			error_clear(&err);
			CHECK_INT(render[i](ro, doc, &err), -1);
			CHECK(strncmp(err.msg, "write error", 11) == 0);
		}
	}
	if (ro)
		fclose(ro);
	json_decref(doc);
	report_free(r);
}

/* Issue 20: the usage limits (defaults and a config), the period in local
 * dates with the end inclusive, and a top group's wording. */
static void test_agenda_rules(void)
{
	struct report_limits l;
	enum report_usage_reason why;
	double fig;
	char *title = NULL, buf[160];
	json_t *m1 = js("{\"csat\":0.79,\"error_rate\":0.01}");
	json_t *m2 = js("{\"csat\":0.59}");
	json_t *m3 = js("{\"dau_avg\":74,\"dau_avg_previous\":100}");
	json_t *m4 = js("{\"dau_avg\":91,\"dau_avg_previous\":100,\"nps\":-21}");
	json_t *prev = js("{\"usage\":{\"metrics\":{\"dau_avg\":100}}}");
	json_t *m5 = js("{\"dau_avg\":89.9}");
	json_t *d1 = js("{\"lang\":\"en\",\"period\":{\"start\":\"2026-02-01T00:00:00+08:00\","
			"\"end\":\"2026-03-01T00:00:00+08:00\"}}");
	json_t *d2 = js("{\"lang\":\"zh\",\"period\":{\"start\":\"2028-02-27T00:00:00Z\","
			"\"end\":\"2028-03-01T00:00:00Z\",\"until\":\"2028-02-28T12:30:00Z\"}}");
	json_t *d3 = js("{\"period\":{\"start\":\"2026-12-01T00:00:00Z\",\"end\":\"2027-01-01T00:00:00Z\"}}");
	json_t *g = js("{\"check\":\"resolution\",\"count\":5,\"tickets\":4,"
		       "\"subjects\":[\"T-1\",\"T-2\",\"T-3\",\"T-4\"]}");
	struct error err;
	char *t;

	report_limits_default(&l);
	/* CSAT 0.79 < 0.8: amber; 0.59 < 0.6: red */
	CHECK_INT(report_usage_judge(m1, NULL, &l, &why, &fig), REPORT_AMBER);
	CHECK_INT(why, REPORT_WHY_CSAT);
	CHECK_INT(report_usage_judge(m2, NULL, &l, &why, &fig), REPORT_RED);
	/* DAU 100 -> 74: down 0.26 > 0.25: red */
	CHECK_INT(report_usage_judge(m3, NULL, &l, &why, &fig), REPORT_RED);
	CHECK_INT(why, REPORT_WHY_DAU);
	CHECK_NEAR(fig, 0.26, 1e-9);
	/* DAU down 0.09 (green), NPS -21 < -20: red by NPS */
	CHECK_INT(report_usage_judge(m4, NULL, &l, &why, &fig), REPORT_RED);
	CHECK_INT(why, REPORT_WHY_NPS);
	/* the previous DAU from the previous report: 100 -> 89.9, down 0.101 */
	CHECK_INT(report_usage_judge(m5, prev, &l, &why, &fig), REPORT_AMBER);
	CHECK_INT(report_usage_judge(m5, NULL, &l, &why, &fig), REPORT_GREEN);
	/* a config raises the limits */
	error_clear(&err);
	CHECK_INT(report_limits_parse(&l, &title, "r.json",
		  "{\"title\":\"Acme\",\"csat_min\":0.7,\"dau_drop\":0.2}", 46, &err), 0);
	CHECK_STR(title, "Acme");
	CHECK_INT(report_usage_judge(m1, NULL, &l, &why, &fig), REPORT_GREEN);
	CHECK_INT(report_usage_judge(m5, prev, &l, &why, &fig), REPORT_GREEN);
	CHECK_INT(report_limits_parse(&l, &title, "r.json", "{\"csat\":1}", 10, &err), -1);
	CHECK_INT(report_limits_parse(&l, &title, "r.json", "{\"dau_drop\":2}", 14, &err), -1);
	free(title);
	/* February 2026 in +08:00: ends the 28th; a running 2028 period ends
	 * inclusive on the 29th (leap year); December ends the 31st */
	report_period_text(d1, buf, sizeof buf);
	CHECK_STR(buf, "February 2026 (2026-02-01 – 2026-02-28)");
	report_period_text(d2, buf, sizeof buf);
	CHECK_STR(buf, "2028-02-27 – 2028-02-29，截至 2028-02-28 12:30");
	report_period_text(d3, buf, sizeof buf);
	CHECK_STR(buf, "December 2026 (2026-12-01 – 2026-12-31)");
	/* 5 problems, 4 of them tickets: "4 tickets breached", three subjects */
	t = render_group_text("en", g, "unused");
	CHECK_STR(t, "resolution: 4 tickets breached (T-1, T-2, T-3, …)");
	free(t);
	json_decref(m1);
	json_decref(m2);
	json_decref(m3);
	json_decref(m4);
	json_decref(m5);
	json_decref(prev);
	json_decref(d1);
	json_decref(d2);
	json_decref(d3);
	json_decref(g);
}

int main(void)
{
	TEST_RUN(test_findings_status);
	TEST_RUN(test_usage_status);
	TEST_RUN(test_sla_status);
	TEST_RUN(test_track);
	TEST_RUN(test_track_chain);
	TEST_RUN(test_period_label);
	TEST_RUN(test_escape);
	TEST_RUN(test_format);
	TEST_RUN(test_figure_change);
	TEST_RUN(test_build);
	TEST_RUN(test_render_shared);
	TEST_RUN(test_render);
	TEST_RUN(test_agenda_rules);
	return TEST_EXIT();
}
