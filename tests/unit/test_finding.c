/* Unit tests of finding and finding_read.  Finding ids were computed
 * independently with a five-line Python FNV-1a:
 *   h = 14695981039346656037; for byte: h ^= byte; h = h * 1099511628211 mod 2^64
 *   id = "%012x" % (h >> 16) */
#include "check.h"
#include "io/finding.h"
#include "io/finding_read.h"

static void finding_ids_are_stable(void)
{
	char id[13];

	finding_id("inspect", "consecutive_failures", "report.export", id);
	CHECK_STR(id, "089b3edd5f8c");
	/* "备份" in UTF-8 */
	finding_id("raci", "no_accountable", "\xe5\xa4\x87\xe4\xbb\xbd", id);
	CHECK_STR(id, "cd0d2307e016");
	/* the separator keeps ("ab","c") apart from ("a","bc") */
	{
		char id2[13];
		finding_id("x", "ab", "c", id);
		finding_id("x", "a", "bc", id2);
		CHECK(strcmp(id, id2) != 0);
	}
}

static void severities_parse(void)
{
	enum severity s = SEV_INFO;

	CHECK_INT(severity_parse("critical", &s), 0);
	CHECK_INT(s, SEV_CRITICAL);
	CHECK_INT(severity_parse("never", &s), 0);
	CHECK_INT(s, SEV_NEVER);
	CHECK_INT(severity_parse("Critical", &s), -1);
	CHECK_INT(severity_parse("", &s), -1);
	CHECK_STR(severity_name(SEV_WARNING), "warning");
}

static void add(struct findings *f, enum severity sev, const char *check,
		const char *subject)
{
	struct finding x;

	memset(&x, 0, sizeof x);
	x.severity = sev;
	x.check = check;
	x.subject = subject;
	x.value = json_integer(7);
	x.threshold = NULL;
	x.message = "m";
	x.first_seen = 1790000000000;
	x.last_seen = FINDING_NO_TIME;
	x.count = -1;
	findings_add(f, &x, NULL);
}

static void findings_sort_and_count(void)
{
	struct findings *f = findings_new("inspect");
	json_t *a, *o;

	CHECK_INT(findings_worst(f), 0);
	add(f, SEV_INFO, "stale_account", "bob");
	add(f, SEV_CRITICAL, "log_gap", "all");
	add(f, SEV_WARNING, "error_rate", "wiki.edit");
	add(f, SEV_CRITICAL, "consecutive_failures", "report.export");
	findings_sort(f);
	a = findings_json(f);
	CHECK_INT(findings_count(f), 4);
	CHECK_STR(json_string_value(json_object_get(json_array_get(a, 0), "check")), "consecutive_failures");
	CHECK_STR(json_string_value(json_object_get(json_array_get(a, 1), "check")), "log_gap");
	CHECK_STR(json_string_value(json_object_get(json_array_get(a, 2), "severity")), "warning");
	CHECK_STR(json_string_value(json_object_get(json_array_get(a, 3), "subject")), "bob");
	CHECK_INT(findings_worst(f), SEV_CRITICAL);
	CHECK_INT(findings_at_least(f, SEV_WARNING), 3);
	CHECK_INT(findings_at_least(f, SEV_CRITICAL), 2);
	CHECK_INT(findings_at_least(f, SEV_NEVER), 0);
	o = json_array_get(a, 0);
	CHECK_STR(json_string_value(json_object_get(o, "id")), "089b3edd5f8c");
	/* 1790000000 s = 2026-09-21T14:13:20Z (date -u -d @1790000000) */
	CHECK_STR(json_string_value(json_object_get(o, "first_seen")), "2026-09-21T14:13:20Z");
	CHECK(json_is_null(json_object_get(o, "last_seen")));
	CHECK(json_is_null(json_object_get(o, "count")));
	CHECK(json_is_null(json_object_get(o, "threshold")));
	CHECK_INT(json_integer_value(json_object_get(o, "value")), 7);
	findings_free(f);
	findings_free(NULL);
}

static void findings_from_json(void)
{
	static const char env[] = "{\"tool\":\"inspect\",\"findings\":[{\"check\":\"a\"},{\"check\":\"b\"}]}";
	static const char arr[] = "\xef\xbb\xbf[{\"check\":\"a\"}, 3]";
	static const char nd[] = "{\"check\":\"a\"}\n\n{\"check\":\"b\"}\n{oops\n";
	static const char review[] = "{\"tool\":\"review\",\"metrics\":{}}";
	unsigned long rej, first;
	struct error err;
	json_t *a;

	error_clear(&err);
	a = findings_parse_json(env, strlen(env), &rej, &first, &err);
	CHECK_INT(json_array_size(a), 2);
	CHECK_INT(rej, 0);
	json_decref(a);
	a = findings_parse_json(arr, strlen(arr), &rej, &first, &err);
	CHECK_INT(json_array_size(a), 1);
	CHECK_INT(rej, 1);
	json_decref(a);
	a = findings_parse_json(nd, strlen(nd), &rej, &first, &err);
	CHECK_INT(json_array_size(a), 2);
	CHECK_INT(rej, 1);
	CHECK_INT(first, 4);
	CHECK_STR(json_string_value(json_object_get(json_array_get(a, 1), "check")), "b");
	json_decref(a);
	a = findings_parse_json(review, strlen(review), &rej, &first, &err);
	CHECK_INT(json_array_size(a), 0);
	json_decref(a);
	CHECK(findings_parse_json("{\"x\":1}", 7, &rej, &first, &err) == NULL);
	CHECK(findings_parse_json("{oops", 5, &rej, &first, &err) == NULL);
	CHECK(strncmp(err.msg, "not JSON findings: ", 19) == 0);
}

static void finding_fields(void)
{
	json_t *v;

	v = finding_field_parse("value", "");
	CHECK(json_is_null(v));
	json_decref(v);
	v = finding_field_parse("count", "12");
	CHECK(json_is_integer(v));
	CHECK_INT(json_integer_value(v), 12);
	json_decref(v);
	v = finding_field_parse("threshold", "0.05");
	CHECK(json_is_real(v));
	CHECK_NEAR(json_real_value(v), 0.05, 1e-12);
	json_decref(v);
	/* text stays text, in other columns numbers too */
	v = finding_field_parse("value", "12 ms");
	CHECK_STR(json_string_value(v), "12 ms");
	json_decref(v);
	v = finding_field_parse("value", "nan");
	CHECK_STR(json_string_value(v), "nan");
	json_decref(v);
	v = finding_field_parse("id", "123");
	CHECK_STR(json_string_value(v), "123");
	json_decref(v);
	v = finding_field_parse("value", "1e300");
	CHECK(json_is_real(v));
	json_decref(v);
}

int main(void)
{
	TEST_RUN(finding_ids_are_stable);
	TEST_RUN(severities_parse);
	TEST_RUN(findings_sort_and_count);
	TEST_RUN(findings_from_json);
	TEST_RUN(finding_fields);
	return TEST_EXIT();
}
