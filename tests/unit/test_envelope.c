/* Unit tests of io/envelope (the head of every result document) and
 * io/jbuild (its JSON constructors).  Times were worked out with date(1)
 * and Python's zoneinfo, independently of lib/base/tz.c:
 *   1790000000 s   = 2026-09-21T14:13:20Z = 2026-09-21T22:13:20+08:00
 *                    (date -u -d @1790000000; Asia/Shanghai is UTC+8,
 *                    no DST since 1991)
 *   2026-10-01T00:00+08:00 = 1790784000 s, 2026-11-01T00:00+08:00 =
 *                    1793462400 s (TZ=Asia/Shanghai date -d ... +%s)
 *   253402300799 s = 9999-12-31T23:59:59Z, the last second allowed
 *   583718400 s    = 1988-07-01T00:00:00Z = 09:00+09:00 (Shanghai's DST)
 *   -2208988800 s  = 1900-01-01T00:00:00Z, when Shanghai kept local mean
 *                    time +08:05:43 (zdump -v Asia/Shanghai) */
#include <stdlib.h>
#include <time.h>

#include <math.h>

#include "check.h"
#include "base/period.h"
#include "base/tz.h"
#include "io/envelope.h"
#include "io/jbuild.h"

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

/* j as compact JSON, in a static buffer (keys in their order). */
static const char *dump(const json_t *j)
{
	static char buf[1024];
	char *s = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);

	snprintf(buf, sizeof buf, "%s", s ? s : "(null)");
	free(s);
	return buf;
}

/* envelope_now with SOURCE_DATE_EPOCH set to s. */
static int64_t now_with(const char *s)
{
	if (s)
		setenv("SOURCE_DATE_EPOCH", s, 1);
	else
		unsetenv("SOURCE_DATE_EPOCH");
	return envelope_now();
}

/* 1 when envelope_now with SOURCE_DATE_EPOCH s reads the clock: a whole
 * second between two readings of time(). */
static int from_clock(const char *s)
{
	int64_t before, v, after;

	before = (int64_t)time(NULL) * 1000;
	v = now_with(s);
	after = (int64_t)time(NULL) * 1000;
	if (v >= before && v <= after && v % 1000 == 0)
		return 1;
	fprintf(stderr, "SOURCE_DATE_EPOCH \"%s\": %lld is not the clock\n",
		s ? s : "(unset)", (long long)v);
	return 0;
}

static void envelope_now_source_date_epoch(void)
{
	/* seconds, returned in ms */
	CHECK_INT(now_with("1790000000"), INT64_C(1790000000000));
	CHECK_INT(now_with("0"), 0);
	CHECK_INT(now_with("253402300799"), INT64_C(253402300799000));
	/* unset, empty, or not a whole number of seconds from 0 up to the
	 * end of year 9999: the clock */
	CHECK(from_clock(NULL));
	CHECK(from_clock(""));
	CHECK(from_clock("253402300800"));	/* 10000-01-01T00:00:00Z */
	CHECK(from_clock("-1"));
	CHECK(from_clock("1790000000.5"));
	CHECK(from_clock("1790000000 "));
	CHECK(from_clock("1790000000x"));
	CHECK(from_clock("now"));
	CHECK(from_clock("99999999999999999999"));	/* overflows strtoll */
	setenv("SOURCE_DATE_EPOCH", "1790000000", 1);
}

static void envelope_new_keys(void)
{
	struct tz *sh = zone("Asia/Shanghai");
	struct period p;
	struct error err;
	const char *want_keys[] = {"tool", "version", "generated", "period",
				   "inputs"};
	json_t *env;
	void *it;
	size_t i = 0;

	setenv("SOURCE_DATE_EPOCH", "1790000000", 1);
	/* no period: start and end null; generated always in UTC */
	env = envelope_new("review", NULL, sh);
	for (it = json_object_iter(env); it; it = json_object_iter_next(env, it)) {
		if (i < 5)
			CHECK_STR(json_object_iter_key(it), want_keys[i]);
		i++;
	}
	CHECK_INT(i, 5);
	CHECK_STR(dump(env), "{\"tool\":\"review\",\"version\":\"" UPKEEP_VERSION
		  "\",\"generated\":\"2026-09-21T14:13:20Z\","
		  "\"period\":{\"start\":null,\"end\":null},\"inputs\":[]}");
	json_decref(env);
	/* a period of kind PERIOD_NONE is no period */
	p.kind = PERIOD_NONE;
	p.start = 0;
	p.end = 1;
	env = envelope_new("inspect", &p, sh);
	CHECK_STR(dump(json_object_get(env, "period")), "{\"start\":null,\"end\":null}");
	CHECK_STR(json_string_value(json_object_get(env, "tool")), "inspect");
	json_decref(env);
	/* October 2026 in Shanghai: from 1790784000 s to 1793462400 s */
	CHECK_INT(period_parse(&p, "2026-10", sh, 0, &err), 0);
	CHECK_INT(p.start, INT64_C(1790784000000));
	CHECK_INT(p.end, INT64_C(1793462400000));
	env = envelope_new("sla-check", &p, sh);
	CHECK_STR(dump(env), "{\"tool\":\"sla-check\",\"version\":\"" UPKEEP_VERSION
		  "\",\"generated\":\"2026-09-21T14:13:20Z\","
		  "\"period\":{\"start\":\"2026-10-01T00:00:00+08:00\","
		  "\"end\":\"2026-11-01T00:00:00+08:00\"},\"inputs\":[]}");
	/* the same instants in UTC */
	envelope_set_period(env, p.start, p.end, NULL);
	CHECK_STR(dump(json_object_get(env, "period")),
		  "{\"start\":\"2026-09-30T16:00:00Z\",\"end\":\"2026-10-31T16:00:00Z\"}");
	json_decref(env);
	tz_free(sh);
}

static void envelope_set_period_times(void)
{
	struct tz *sh = zone("Asia/Shanghai");
	json_t *env = envelope_new("review", NULL, NULL);

	/* milliseconds only when not zero; the end is a day later */
	envelope_set_period(env, INT64_C(1790000000123),
			    INT64_C(1790000000000) + MS_PER_DAY, sh);
	CHECK_STR(dump(json_object_get(env, "period")),
		  "{\"start\":\"2026-09-21T22:13:20.123+08:00\","
		  "\"end\":\"2026-09-22T22:13:20+08:00\"}");
	/* set again: replaced, keys still start then end */
	envelope_set_period(env, INT64_C(583718400000), INT64_C(1790000000000), sh);
	CHECK_STR(dump(json_object_get(env, "period")),
		  "{\"start\":\"1988-07-01T09:00:00+09:00\","
		  "\"end\":\"2026-09-21T22:13:20+08:00\"}");
	/* until follows end, in the zone; INT64_MAX (open) is null */
	envelope_set_until(env, INT64_C(1790000000000) - MS_PER_HOUR, sh);
	CHECK_STR(dump(json_object_get(env, "period")),
		  "{\"start\":\"1988-07-01T09:00:00+09:00\","
		  "\"end\":\"2026-09-21T22:13:20+08:00\","
		  "\"until\":\"2026-09-21T21:13:20+08:00\"}");
	envelope_set_until(env, INT64_MAX, sh);
	CHECK(json_is_null(json_object_get(json_object_get(env, "period"), "until")));
	json_decref(env);
	tz_free(sh);
}

static void jbuild_values(void)
{
	struct tz *sh = zone("Asia/Shanghai");
	json_t *o = jobject(), *a = jarray(), *j;

	/* jnum: a figure that is not a number is null (jansson has no NaN) */
	j = jnum((double)NAN);
	CHECK(json_is_null(j));
	json_decref(j);
	j = jnum((double)INFINITY);
	CHECK(json_is_null(j));
	json_decref(j);
	j = jnum(0.25);
	CHECK(json_is_real(j) && json_real_value(j) == 0.25);
	json_decref(j);
	/* jstr: NULL is json null, "" a string, invalid UTF-8 a marker */
	j = jstr(NULL);
	CHECK(json_is_null(j));
	json_decref(j);
	j = jstr("");
	CHECK_STR(dump(j), "\"\"");
	json_decref(j);
	j = jstr("项目\"x");
	CHECK_STR(json_string_value(j), "项目\"x");
	json_decref(j);
	j = jstr("\xff");
	CHECK_STR(json_string_value(j), "(invalid UTF-8)");
	json_decref(j);
	/* jtime: UTC "Z" without a zone; offsets from the zone's rules */
	j = jtime(INT64_C(1790000000000), NULL);
	CHECK_STR(json_string_value(j), "2026-09-21T14:13:20Z");
	json_decref(j);
	j = jtime(INT64_C(1790000000000), sh);
	CHECK_STR(json_string_value(j), "2026-09-21T22:13:20+08:00");
	json_decref(j);
	j = jtime(INT64_C(583718400000), sh);	/* DST in 1988: +09:00 */
	CHECK_STR(json_string_value(j), "1988-07-01T09:00:00+09:00");
	json_decref(j);
	/* an offset with seconds (LMT +08:05:43) has no RFC 3339 form: UTC */
	j = jtime(INT64_C(-2208988800000), sh);
	CHECK_STR(json_string_value(j), "1900-01-01T00:00:00Z");
	json_decref(j);
	j = jtime(-1, NULL);			/* 1 ms before the epoch */
	CHECK_STR(json_string_value(j), "1969-12-31T23:59:59.999Z");
	json_decref(j);
	/* numbers, objects and arrays keep order and take the reference */
	jset(o, "b", jint(-3));
	jset(o, "a", jnum(0.25));
	jset(o, "b", jint(4));			/* replaced in place */
	jappend(a, jint(1));
	jappend(a, jstr(NULL));
	jappend(a, jmust(json_string("x")));
	jset(o, "list", a);
	CHECK_STR(dump(o), "{\"b\":4,\"a\":0.25,\"list\":[1,null,\"x\"]}");
	json_decref(o);
	tz_free(sh);
}

int main(void)
{
	TEST_RUN(envelope_now_source_date_epoch);
	TEST_RUN(envelope_new_keys);
	TEST_RUN(envelope_set_period_times);
	TEST_RUN(jbuild_values);
	return TEST_EXIT();
}
