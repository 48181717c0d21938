/* Unit tests of lib/report.c: the status rules, problem tracking and the
 * escaping functions.  Expected values are worked out by hand from the
 * rules in report(1). */
#include <stdlib.h>

#include "base/text.h"
#include "check.h"
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
	json_t *res = report_track(now, prev), *res2;

	CHECK_STR(report_str(json_array_get(now, 0), "tracking"), "still open");	/* same id */
	CHECK_STR(report_str(json_array_get(now, 1), "tracking"), "still open");	/* same check+subject */
	CHECK_STR(report_str(json_array_get(now, 2), "tracking"), "new");
	CHECK_INT(json_array_size(res), 1);
	CHECK_STR(report_str(json_array_get(res, 0), "id"), "gone");
	CHECK_STR(report_str(json_array_get(res, 0), "tracking"), "resolved");
	res2 = report_track(now, NULL);
	CHECK_INT(json_array_size(res2), 0);
	CHECK_STR(report_str(json_array_get(now, 0), "tracking"), "new");
	json_decref(res);
	json_decref(res2);
	json_decref(now);
	json_decref(prev);
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
	json_t *ch = json_real(-0.012);

	CHECK_STR(report_fmt_pct(v, 1, b, sizeof b), "1.3%");
	CHECK_STR(report_fmt_dur(d, b, sizeof b), "44m 38s");
	CHECK_STR(report_fmt_num(n, 1, b, sizeof b), "–");
	CHECK_STR(report_fmt_pct(NULL, 1, b, sizeof b), "–");
	CHECK_STR(report_fmt_change("error_rate", ch, b, sizeof b), "-1.2 pp");
	json_decref(v);
	json_decref(d);
	json_decref(ch);
	v = json_integer(134);
	CHECK_STR(report_fmt_change("events", v, b, sizeof b), "+134");
	json_decref(v);
	CHECK_STR(report_label("zh", RL_PROBLEMS), "未解决问题");
	CHECK_STR(report_label("en", RL_SUMMARY), "Summary");
	CHECK_STR(report_word("zh", "red"), "严重");
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

int main(void)
{
	TEST_RUN(test_findings_status);
	TEST_RUN(test_usage_status);
	TEST_RUN(test_sla_status);
	TEST_RUN(test_track);
	TEST_RUN(test_escape);
	TEST_RUN(test_format);
	TEST_RUN(test_build);
	return TEST_EXIT();
}
