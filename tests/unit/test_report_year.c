/* Unit tests of lib/report/report_year.c: the months of a history ordered
 * by their period, gaps, the refusals and the scorecard. */
#include <string.h>

#include "report/report_year.h"
#include "check.h"

/* A month's report with one availability row (actual, met, credit). */
static int add_month(struct report_history *h, const char *path, int y, int m,
		     const char *avail, struct error *err)
{
	char text[512];
	int y2 = m == 12 ? y + 1 : y, m2 = m == 12 ? 1 : m + 1;

	snprintf(text, sizeof text,
		 "{\"tool\": \"report\", \"period\": {\"start\": \"%04d-%02d-01T00:00:00Z\", "
		 "\"end\": \"%04d-%02d-01T00:00:00Z\"}, \"sla\": [%s]}", y, m, y2, m2, avail);
	error_clear(err);
	return report_history_add(h, path, text, strlen(text), err);
}

#define ROW(a, met, c) "{\"objective\": \"availability\", \"scope\": \"web\", " \
	"\"target\": 0.999, \"actual\": " a ", \"met\": " met ", \"credit\": " c "}"

static void test_order_and_gaps(void)
{
	struct report_history *h = report_history_new();
	struct error err;
	json_t *doc, *months, *sc;

	CHECK_INT(add_month(h, "z.json", 2026, 1, ROW("0.9995", "true", "0"), &err), 0);
	CHECK_INT(add_month(h, "a.json", 2026, 4, ROW("0.998", "false", "10"), &err), 0);
	CHECK_INT(add_month(h, "m.json", 2026, 2, ROW("0.9", "false", "25"), &err), 0);
	CHECK_INT((int)report_history_count(h), 3);
	doc = report_history_build(h, NULL, "en", &err);
	CHECK(doc != NULL);
	CHECK(report_is_year(doc));
	months = json_object_get(json_object_get(doc, "history"), "months");
	CHECK_INT((int)json_array_size(months), 4);
	CHECK_STR(json_string_value(json_object_get(json_array_get(months, 0), "file")), "z.json");
	CHECK_STR(json_string_value(json_object_get(json_array_get(months, 1), "file")), "m.json");
	/* March: a gap, every figure null, never filled in */
	CHECK_STR(json_string_value(json_object_get(json_array_get(months, 2), "month")), "2026-03");
	CHECK(json_is_null(json_object_get(json_array_get(months, 2), "file")));
	CHECK(json_is_null(json_object_get(json_array_get(months, 2), "availability")));
	CHECK(json_is_null(json_object_get(json_array_get(months, 2), "credit")));
	sc = json_object_get(json_object_get(doc, "history"), "scorecard");
	CHECK_INT((int)json_integer_value(json_object_get(sc, "months")), 4);
	CHECK_INT((int)json_integer_value(json_object_get(sc, "reported")), 3);
	CHECK_INT((int)json_integer_value(json_object_get(sc, "judged")), 3);
	CHECK_INT((int)json_integer_value(json_object_get(sc, "met")), 1);
	CHECK_NEAR(json_number_value(json_object_get(sc, "credit_total")), 35, 1e-9);
	CHECK_INT((int)json_integer_value(json_object_get(sc, "credit_months")), 2);
	CHECK_STR(json_string_value(json_object_get(json_object_get(sc, "worst"), "month")), "2026-02");
	CHECK_STR(json_string_value(json_object_get(json_object_get(doc, "period"), "start")),
		  "2026-01-01T00:00:00Z");
	CHECK_STR(json_string_value(json_object_get(json_object_get(doc, "period"), "end")),
		  "2026-05-01T00:00:00Z");
	json_decref(doc);
	report_history_free(h);
}

static void test_refusals(void)
{
	struct report_history *h = report_history_new();
	struct error err;
	const char *week = "{\"tool\": \"report\", \"period\": {\"start\": \"2026-09-07T00:00:00Z\", "
			   "\"end\": \"2026-09-14T00:00:00Z\"}}";
	const char *other = "{\"tool\": \"review\", \"period\": {\"start\": \"2026-09-01T00:00:00Z\", "
			    "\"end\": \"2026-10-01T00:00:00Z\"}}";

	CHECK_INT(add_month(h, "a.json", 2026, 5, "", &err), 0);
	CHECK_INT(add_month(h, "b.json", 2026, 5, "", &err), -1);
	CHECK(strstr(err.msg, "twice") && strstr(err.msg, "a.json"));
	CHECK_STR(err.file, "b.json");
	error_clear(&err);
	CHECK_INT(report_history_add(h, "w.json", week, strlen(week), &err), -1);
	CHECK(strstr(err.msg, "not one calendar month") != NULL);
	error_clear(&err);
	CHECK_INT(report_history_add(h, "r.json", other, strlen(other), &err), -1);
	CHECK(strstr(err.msg, "\"review\"") != NULL);
	error_clear(&err);
	CHECK_INT(report_history_add(h, "x.json", "[1]", 3, &err), -1);
	error_clear(&err);
	CHECK_INT(report_history_add(h, "y.json", "{", 1, &err), -1);
	CHECK(strstr(err.msg, "not JSON") != NULL);
	/* 2026-05 .. 2028-04 is 24 months: allowed; 2028-05 makes 25 */
	CHECK_INT(add_month(h, "c.json", 2028, 4, "", &err), 0);
	{
		json_t *doc = report_history_build(h, "T", "zh", &err);
		CHECK(doc != NULL);
		CHECK_STR(json_string_value(json_object_get(doc, "title")), "T");
		CHECK_STR(json_string_value(json_object_get(doc, "lang")), "zh");
		json_decref(doc);
	}
	CHECK_INT(add_month(h, "d.json", 2028, 5, "", &err), 0);
	error_clear(&err);
	CHECK(report_history_build(h, NULL, "en", &err) == NULL);
	CHECK(strstr(err.msg, "25 months") != NULL);
	report_history_free(h);
	h = report_history_new();
	error_clear(&err);
	CHECK(report_history_build(h, NULL, "en", &err) == NULL);
	report_history_free(h);
}

/* A year document is not a month of a history. */
static void test_year_in_history(void)
{
	struct report_history *h = report_history_new();
	struct error err;
	json_t *doc;

	CHECK_INT(add_month(h, "a.json", 2026, 5, ROW("1", "true", "0"), &err), 0);
	doc = report_history_build(h, NULL, "en", &err);
	report_history_free(h);
	h = report_history_new();
	error_clear(&err);
	CHECK_INT(report_history_add_doc(h, "year.json", doc, &err), -1);
	CHECK(strstr(err.msg, "year view") != NULL);
	json_decref(doc);
	report_history_free(h);
}

int main(void)
{
	TEST_RUN(test_order_and_gaps);
	TEST_RUN(test_refusals);
	TEST_RUN(test_year_in_history);
	return TEST_EXIT();
}
