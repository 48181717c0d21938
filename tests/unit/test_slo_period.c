/* Unit tests for lib/sla/slo_period.c.  The instants were worked out with
 * date(1), e.g. `date -u -d 2026-09-30T16:00:00Z +%s` = 1790784000
 * (Shanghai's midnight of October 1 is 16:00 UTC the day before). */
#include <stdint.h>

#include "check.h"
#include "sla/slo_period.h"

#define S(x) ((int64_t)(x) * 1000)

static struct period none(void)
{
	struct period p = { 0 };

	p.kind = PERIOD_NONE;
	p.start = INT64_MIN;
	p.end = INT64_MAX;
	return p;
}

static void test_month_of_evidence(void)
{
	struct error err;
	struct tz *sh = tz_new("Asia/Shanghai", &err), *utc = tz_new("UTC", &err);
	struct slo_span sp;
	struct period p = none();

	slo_span_init(&sp);
	/* a tail of September beside October: the month of the latest */
	slo_span_add(&sp, S(1790784000) - S(86400));	/* Sep 30 00:00 +08 */
	slo_span_add(&sp, S(1792036800));		/* Oct 15 12:00 +08 */
	CHECK_INT(slo_period_resolve(&p, &sp, S(1790000000), sh, &err), 0);
	CHECK_INT(p.kind, PERIOD_MONTH);
	CHECK_INT(p.start, S(1790784000));	/* 2026-10-01T00:00+08:00 */
	CHECK_INT(p.end, S(1793462400));	/* 2026-11-01T00:00+08:00 */
	/* December ends at the next year's January 1 */
	p = none();
	slo_span_init(&sp);
	slo_span_add(&sp, S(1796860800));	/* 2026-12-10 UTC */
	CHECK_INT(slo_period_resolve(&p, &sp, 0, utc, &err), 0);
	CHECK_INT(p.start, S(1796083200));
	CHECK_INT(p.end, S(1798761600));
	/* no evidence: the month of now (2026-09-21T14:13:20Z) */
	p = none();
	slo_span_init(&sp);
	CHECK_INT(slo_period_resolve(&p, &sp, S(1790000000), utc, &err), 0);
	CHECK_INT(p.start, S(1788220800));
	CHECK_INT(p.end, S(1790812800));
	tz_free(sh);
	tz_free(utc);
}

static void test_open_ends(void)
{
	struct error err;
	struct tz *utc = tz_new("UTC", &err);
	struct slo_span sp;
	struct period p = none();

	slo_span_init(&sp);
	slo_span_add(&sp, S(1790812800));
	/* --since only: closed by now */
	p.kind = PERIOD_RANGE;
	p.start = S(1788220800);
	CHECK_INT(slo_period_resolve(&p, &sp, S(1791158400), utc, &err), 0);
	CHECK_INT(p.start, S(1788220800));
	CHECK_INT(p.end, S(1791158400));
	/* --until only: opened at the earliest evidence */
	p = none();
	p.kind = PERIOD_RANGE;
	p.end = S(1791158400);
	CHECK_INT(slo_period_resolve(&p, &sp, 0, utc, &err), 0);
	CHECK_INT(p.start, S(1790812800));
	/* --until only and no evidence: nothing to judge */
	p = none();
	p.kind = PERIOD_RANGE;
	p.end = S(1791158400);
	slo_span_init(&sp);
	error_clear(&err);
	CHECK_INT(slo_period_resolve(&p, &sp, 0, utc, &err), -1);
	CHECK_STR(err.msg, "the period is empty: give --period, or --since with --until");
	/* --since after now */
	p = none();
	p.kind = PERIOD_RANGE;
	p.start = S(1791158400);
	CHECK_INT(slo_period_resolve(&p, &sp, S(1790812800), utc, &err), -1);
	tz_free(utc);
}

int main(void)
{
	TEST_RUN(test_month_of_evidence);
	TEST_RUN(test_open_ends);
	return TEST_EXIT();
}
