/* Unit tests of slo: availability, probes, business time and tickets.
 * Expected figures are worked by hand in the comments; instants are built
 * with the pure calendar arithmetic (civil_days_from_date) and the zone
 * offsets written out (Asia/Shanghai is +08:00 all year; Europe/Berlin is
 * +02:00 until 2026-10-25 01:00Z and +01:00 after), so that the tz module
 * is checked rather than trusted. */
#include <stdlib.h>

#include "check.h"
#include "sla/slo.h"
#include "base/tz.h"

/* y-m-d h:mi:s local with offset off_h hours east of UTC, as ms UTC */
static int64_t at(int y, int m, int d, int h, int mi, int off_h)
{
	return civil_days_from_date(y, m, d) * MS_PER_DAY + h * MS_PER_HOUR +
	       mi * MS_PER_MIN - off_h * MS_PER_HOUR;
}

#define NOV_START at(2026, 11, 1, 0, 0, 0)
#define NOV_END at(2026, 12, 1, 0, 0, 0)
#define OCT_START at(2026, 10, 1, 0, 0, 0)
#define OCT_END at(2026, 11, 1, 0, 0, 0)

static const struct slo_credit tiers[] = {
	/* given out of order on purpose */
	{ 99000000, 25000000 },	/* below 99.0 % -> 25 % */
	{ 99900000, 10000000 },	/* below 99.9 % -> 10 % */
};

static struct slo_availability_params params(int64_t start, int64_t end)
{
	struct slo_availability_params p;

	memset(&p, 0, sizeof p);
	p.start = start;
	p.end = end;
	p.now = end;
	p.target = slo_pct(99.9);
	p.credits = tiers;
	p.ncredits = 2;
	return p;
}

static void pct_units(void)
{
	CHECK_INT(slo_pct(99.9), 99900000);
	CHECK_INT(slo_pct(100), SLO_PCT_FULL);
	CHECK_INT(slo_pct(99.95), 99950000);
	CHECK_NEAR(slo_pct_fraction(99900000), 0.999, 1e-15);
}

/* 2026-11 in UTC has 30 days = 2 592 000 000 ms; 0.1 % of it is
 * 2 592 000 ms = 2592 s = 43 min 12 s.  No outage: one row "all", full
 * availability, nothing burnt, no credit. */
static void month_of_30_days(void)
{
	struct slo_outages *o = slo_outages_new();
	struct slo_availability_params p = params(NOV_START, NOV_END);
	struct slo_availability a;

	CHECK_INT(NOV_END - NOV_START, INT64_C(2592000000));
	CHECK_INT(slo_outages_scopes(o), 1);
	CHECK_INT(slo_outages_eval(o, 0, &p, &a), 0);
	CHECK_STR(a.scope, "all");
	CHECK_INT(a.period_ms, INT64_C(2592000000));
	CHECK_INT(a.downtime_ms, 0);
	CHECK_INT(a.allowed_ms, 2592000);
	CHECK_INT(a.budget_remaining_ms, 2592000);
	CHECK_NEAR(a.actual, 1.0, 0);
	CHECK(a.met);
	CHECK_NEAR(a.burn_rate, 0.0, 0);
	CHECK_INT(a.credit, 0);
	CHECK_INT(slo_outages_eval(o, 1, &p, &a), -1);
	slo_outages_free(o);
}

/* 2026-10 has 31 days = 2 678 400 000 ms; 0.1 % = 2 678 400 ms = 2678.4 s
 * = 44 min 38.4 s.  Downtime of exactly that is still 99.9 % (met, no
 * credit, budget 0); one ms more falls below 99.9 % (credit 10 %). */
static void month_of_31_days_at_the_limit(void)
{
	struct slo_outages *o = slo_outages_new();
	struct slo_availability_params p = params(OCT_START, OCT_END);
	struct slo_availability a;
	int64_t t = at(2026, 10, 10, 12, 0, 0);

	slo_outages_add(o, "web", t, t + 2678400, 0);
	CHECK_INT(slo_outages_eval(o, 0, &p, &a), 0);
	CHECK_STR(a.scope, "web");
	CHECK_INT(a.period_ms, INT64_C(2678400000));
	CHECK_INT(a.allowed_ms, 2678400);
	CHECK_INT(a.downtime_ms, 2678400);
	CHECK_INT(a.budget_remaining_ms, 0);
	CHECK(a.met);
	CHECK_INT(a.credit, 0);
	CHECK_NEAR(a.burn_rate, 1.0, 1e-12);	/* budget spent exactly at the end */
	slo_outages_free(o);

	o = slo_outages_new();
	slo_outages_add(o, "web", t, t + 2678401, 0);
	CHECK_INT(slo_outages_eval(o, 0, &p, &a), 0);
	CHECK_INT(a.budget_remaining_ms, -1);
	CHECK(!a.met);
	CHECK_INT(a.credit, 10000000);
	slo_outages_free(o);
}

/* Service "web" in 2026-11 (UTC):
 *   [10:00, 11:00) and [10:30, 11:30) overlap   -> [10:00, 11:30)
 *   [10:10, 10:20) is nested inside              -> unchanged
 *   [11:30, 11:45) is adjacent                   -> [10:00, 11:45) = 105 min
 *   [14:00, 14:05) stands alone                  -> 5 min
 * downtime 110 min = 6 600 000 ms; allowed 2 592 000; budget -4 008 000;
 * actual 1 - 6600/2592000 = 0.997453703...; 99.745 % is below 99.9 but
 * not 99.0 -> credit 10 %.  "db" has an outage only in September: a row
 * with full availability.  An unnamed outage is scope "all".  Rows come in
 * byte order: all, db, web. */
static void overlapping_and_nested_outages(void)
{
	struct slo_outages *o = slo_outages_new();
	struct slo_availability_params p = params(NOV_START, NOV_END);
	struct slo_availability a;

	slo_outages_add(o, "web", at(2026, 11, 5, 10, 30, 0), at(2026, 11, 5, 11, 30, 0), 0);
	slo_outages_add(o, "web", at(2026, 11, 5, 14, 0, 0), at(2026, 11, 5, 14, 5, 0), 0);
	slo_outages_add(o, "web", at(2026, 11, 5, 10, 0, 0), at(2026, 11, 5, 11, 0, 0), 0);
	slo_outages_add(o, "web", at(2026, 11, 5, 10, 10, 0), at(2026, 11, 5, 10, 20, 0), 0);
	slo_outages_add(o, "web", at(2026, 11, 5, 11, 30, 0), at(2026, 11, 5, 11, 45, 0), 0);
	slo_outages_add(o, "db", at(2026, 9, 5, 10, 0, 0), at(2026, 9, 5, 11, 0, 0), 0);
	slo_outages_add(o, NULL, at(2026, 11, 7, 0, 0, 0), at(2026, 11, 7, 0, 1, 0), 0);
	CHECK_INT(slo_outages_add(o, "web", 10, 9, 0), -1);
	CHECK_INT(slo_outages_scopes(o), 3);

	CHECK_INT(slo_outages_eval(o, 0, &p, &a), 0);
	CHECK_STR(a.scope, "all");
	CHECK_INT(a.downtime_ms, 60000);

	CHECK_INT(slo_outages_eval(o, 1, &p, &a), 0);
	CHECK_STR(a.scope, "db");
	CHECK_INT(a.downtime_ms, 0);
	CHECK_NEAR(a.actual, 1.0, 0);
	CHECK(a.met);

	CHECK_INT(slo_outages_eval(o, 2, &p, &a), 0);
	CHECK_STR(a.scope, "web");
	CHECK_INT(a.downtime_ms, 6600000);
	CHECK_INT(a.allowed_ms, 2592000);
	CHECK_INT(a.budget_remaining_ms, -4008000);
	CHECK_NEAR(a.actual, 1.0 - 6600.0 / 2592000.0, 1e-15);
	CHECK(!a.met);
	CHECK_INT(a.credit, 10000000);
	slo_outages_free(o);
}

/* Outages crossing the period's edges count only inside it:
 * 2026-10-31 23:00 -> 2026-11-01 00:30 gives 30 min of November,
 * 2026-11-30 23:50 -> 2026-12-01 01:00 gives 10 min: 40 min = 2 400 000 ms.
 * For October the first gives 60 min. */
static void outage_crossing_the_period(void)
{
	struct slo_outages *o = slo_outages_new();
	struct slo_availability_params p = params(NOV_START, NOV_END);
	struct slo_availability a;

	slo_outages_add(o, "web", at(2026, 10, 31, 23, 0, 0), at(2026, 11, 1, 0, 30, 0), 0);
	slo_outages_add(o, "web", at(2026, 11, 30, 23, 50, 0), at(2026, 12, 1, 1, 0, 0), 0);
	CHECK_INT(slo_outages_eval(o, 0, &p, &a), 0);
	CHECK_INT(a.downtime_ms, 2400000);
	p = params(OCT_START, OCT_END);
	CHECK_INT(slo_outages_eval(o, 0, &p, &a), 0);
	CHECK_INT(a.downtime_ms, 3600000);
	slo_outages_free(o);
}

/* Planned maintenance 01:00-03:00 overlapping an incident 02:00-04:00:
 * with exclude_planned only 03:00-04:00 is downtime (1 h); without it the
 * union 01:00-04:00 (3 h).  An incident wholly inside a window is no
 * downtime.  An unnamed window 10:30-12:00 covers every service: the "api"
 * incident 10:00-11:00 keeps 10:00-10:30. */
static void planned_window_over_an_incident(void)
{
	struct slo_outages *o = slo_outages_new();
	struct slo_availability_params p = params(NOV_START, NOV_END);
	struct slo_availability a;

	slo_outages_add(o, "web", at(2026, 11, 3, 2, 0, 0), at(2026, 11, 3, 4, 0, 0), 0);
	slo_outages_add(o, "web", at(2026, 11, 3, 1, 0, 0), at(2026, 11, 3, 3, 0, 0), 1);
	slo_outages_add(o, "web", at(2026, 11, 9, 1, 0, 0), at(2026, 11, 9, 3, 0, 0), 1);
	slo_outages_add(o, "web", at(2026, 11, 9, 1, 30, 0), at(2026, 11, 9, 2, 0, 0), 0);
	slo_outages_add(o, "api", at(2026, 11, 4, 10, 0, 0), at(2026, 11, 4, 11, 0, 0), 0);
	slo_outages_add(o, "", at(2026, 11, 4, 10, 30, 0), at(2026, 11, 4, 12, 0, 0), 1);
	/* the window of "web" must not excuse "api" */
	slo_outages_add(o, "api", at(2026, 11, 3, 2, 0, 0), at(2026, 11, 3, 2, 10, 0), 0);
	/* scopes: all (planned only), api, web */
	CHECK_INT(slo_outages_scopes(o), 3);

	p.exclude_planned = 1;
	CHECK_INT(slo_outages_eval(o, 0, &p, &a), 0);
	CHECK_STR(a.scope, "all");
	CHECK_INT(a.downtime_ms, 0);
	CHECK_INT(slo_outages_eval(o, 1, &p, &a), 0);
	CHECK_STR(a.scope, "api");
	CHECK_INT(a.downtime_ms, 30 * MS_PER_MIN + 10 * MS_PER_MIN);
	CHECK_INT(slo_outages_eval(o, 2, &p, &a), 0);
	CHECK_STR(a.scope, "web");
	CHECK_INT(a.downtime_ms, MS_PER_HOUR);

	/* planned work counted as downtime: web 3 h + 2 h, api 1 h + 10 min */
	p.exclude_planned = 0;
	CHECK_INT(slo_outages_eval(o, 2, &p, &a), 0);
	CHECK_INT(a.downtime_ms, 5 * MS_PER_HOUR);
	CHECK_INT(slo_outages_eval(o, 1, &p, &a), 0);
	CHECK_INT(a.downtime_ms, MS_PER_HOUR + 10 * MS_PER_MIN);
	CHECK_INT(slo_outages_eval(o, 0, &p, &a), 0);
	CHECK_INT(a.downtime_ms, 90 * MS_PER_MIN);
	slo_outages_free(o);
}

/* Burn rate on 2026-11-11 00:00Z: 10 of 30 days elapsed (share 1/3), 1296 s
 * of the 2592 s budget used (1/2): burn = (1/2) / (1/3) = 1.5.  Before the
 * period nothing has elapsed: NaN.  After the end the share is 1: 0.5. */
static void burn_rate_mid_period(void)
{
	struct slo_outages *o = slo_outages_new();
	struct slo_availability_params p = params(NOV_START, NOV_END);
	struct slo_availability a;

	slo_outages_add(o, "web", at(2026, 11, 2, 0, 0, 0), at(2026, 11, 2, 0, 21, 0) + 36000, 0);
	p.now = at(2026, 11, 11, 0, 0, 0);
	CHECK_INT(slo_outages_eval(o, 0, &p, &a), 0);
	CHECK_INT(a.downtime_ms, 1296000);
	CHECK_NEAR(a.burn_rate, 1.5, 1e-12);
	p.now = NOV_START;
	CHECK_INT(slo_outages_eval(o, 0, &p, &a), 0);
	CHECK(isnan(a.burn_rate));
	p.now = at(2027, 1, 1, 0, 0, 0);
	CHECK_INT(slo_outages_eval(o, 0, &p, &a), 0);
	CHECK_NEAR(a.burn_rate, 0.5, 1e-12);
	/* a 100 % target has no budget: burning any of it is NaN (null) */
	p.target = SLO_PCT_FULL;
	CHECK_INT(slo_outages_eval(o, 0, &p, &a), 0);
	CHECK_INT(a.allowed_ms, 0);
	CHECK(isnan(a.burn_rate));
	CHECK(!a.met);
	slo_outages_free(o);
}

/* Tiers below 99.9 -> 10, below 99.0 -> 25, on a period of 100 000 ms so
 * that up / 1000 is the percentage: 99.95 -> 0; exactly 99.9 -> 0 (not
 * below); 99.899 -> 10; 99.5 -> 10; exactly 99.0 -> 10; 98.999 -> 25;
 * 98 -> 25; 0 -> 25. */
static void credit_tiers_at_their_edges(void)
{
	CHECK_INT(slo_credit_due(tiers, 2, 99950, 100000), 0);
	CHECK_INT(slo_credit_due(tiers, 2, 99900, 100000), 0);
	CHECK_INT(slo_credit_due(tiers, 2, 99899, 100000), 10000000);
	CHECK_INT(slo_credit_due(tiers, 2, 99500, 100000), 10000000);
	CHECK_INT(slo_credit_due(tiers, 2, 99000, 100000), 10000000);
	CHECK_INT(slo_credit_due(tiers, 2, 98999, 100000), 25000000);
	CHECK_INT(slo_credit_due(tiers, 2, 98000, 100000), 25000000);
	CHECK_INT(slo_credit_due(tiers, 2, 0, 100000), 25000000);
	CHECK_INT(slo_credit_due(NULL, 0, 0, 100000), 0);
	/* exactness on a month: 99.9 % of 2026-10 is 2 675 721 600 ms up */
	CHECK_INT(slo_credit_due(tiers, 2, INT64_C(2675721600), INT64_C(2678400000)), 0);
	CHECK_INT(slo_credit_due(tiers, 2, INT64_C(2675721599), INT64_C(2678400000)),
		  10000000);
}

/* Check "home" (seconds): 0 up, 60 up, 120 down, 180 down, 240 up, 300 down,
 * 360 down, 420 down, 480 down, given shuffled, plus one sample before the
 * period.  9 samples, 3 up: 1/3.  Runs: 120 -> 240 (next up) = 120 s, and
 * 300 -> 480 (last sample) = 180 s: the longest is 180 s from 300. */
static void probes_unsorted(void)
{
	static const int secs[] = { 420, 0, 240, 120, 480, 60, 300, 180, 360 };
	static const int ups[] = { 0, 1, 1, 0, 0, 1, 0, 0, 0 };
	struct slo_probes *p = slo_probes_new();
	struct slo_probe_result r;
	int64_t t0 = NOV_START;
	size_t i;

	for (i = 0; i < sizeof secs / sizeof secs[0]; i++)
		slo_probes_add(p, "home", t0 + secs[i] * MS_PER_SEC, ups[i]);
	slo_probes_add(p, "home", t0 - MS_PER_SEC, 0);
	slo_probes_add(p, "api", t0 + 5000, 1);
	slo_probes_add(p, "api", t0 + 1000, 1);
	CHECK_INT(slo_probes_checks(p), 2);

	CHECK_INT(slo_probes_eval(p, 0, NOV_START, NOV_END, slo_pct(99.9), &r), 0);
	CHECK_STR(r.check, "api");
	CHECK_INT(r.samples, 2);
	CHECK_NEAR(r.actual, 1.0, 0);
	CHECK(r.met);
	CHECK_INT(r.longest_down_ms, 0);
	CHECK(r.longest_down_start == SLO_NONE);

	CHECK_INT(slo_probes_eval(p, 1, NOV_START, NOV_END, slo_pct(99.9), &r), 0);
	CHECK_STR(r.check, "home");
	CHECK_INT(r.samples, 9);
	CHECK_INT(r.up, 3);
	CHECK_NEAR(r.actual, 1.0 / 3.0, 1e-15);
	CHECK(!r.met);
	CHECK_INT(r.down_runs, 2);
	CHECK_INT(r.longest_down_ms, 180000);
	CHECK_INT(r.longest_down_start, t0 + 300000);
	/* adding after an evaluation re-sorts: an up at 400 s cuts the run
	 * 300 -> 400 = 100 s, then 420 -> 480 = 60 s: longest is 120 -> 240 */
	slo_probes_add(p, "home", t0 + 400 * MS_PER_SEC, 1);
	CHECK_INT(slo_probes_eval(p, 1, NOV_START, NOV_END, slo_pct(33), &r), 0);
	CHECK_INT(r.longest_down_ms, 120000);
	CHECK_INT(r.longest_down_start, t0 + 120000);
	CHECK_INT(r.down_runs, 3);
	CHECK(r.met);	/* 4 / 10 >= 33 % */
	CHECK_INT(slo_probes_eval(p, 2, NOV_START, NOV_END, 0, &r), -1);
	slo_probes_free(p);
}

/* Mon-Fri is bits 1..5. */
#define MON_FRI 0x3eu
#define ALL_DAYS 0x7fu

static struct calendar *shanghai_calendar(struct tz *tz)
{
	struct calendar *c = calendar_new(tz, 0, MON_FRI, 9 * MS_PER_HOUR,
						  18 * MS_PER_HOUR);

	calendar_add_holiday(c, civil_days_from_date(2026, 10, 2));
	calendar_add_holiday(c, civil_days_from_date(2026, 10, 1));
	calendar_add_holiday(c, civil_days_from_date(2026, 10, 1));	/* twice */
	return c;
}

/* Asia/Shanghai, Mon-Fri 09:00-18:00, holidays 2026-10-01 (Thu) and -02.
 *  - Fri 2026-10-09 17:30 + 2 h: 30 min on Friday, the weekend skipped,
 *    1 h 30 on Monday from 09:00 -> Mon 2026-10-12 10:30 local.
 *  - Wed 2026-09-30 17:00 + 2 h: 1 h on Wednesday, Thu/Fri holidays, the
 *    weekend -> Mon 2026-10-05 10:00.
 *  - opening at night (Tue 02:00) starts at 09:00: + 2 h = 11:00. */
static void business_time_shanghai(void)
{
	struct error e;
	struct tz *tz = tz_new("Asia/Shanghai", &e);
	struct calendar *c;
	int64_t fri = at(2026, 10, 9, 17, 30, 8), wed = at(2026, 9, 30, 17, 0, 8);

	CHECK(tz != NULL);
	if (!tz)
		return;
	c = shanghai_calendar(tz);
	CHECK(c != NULL);
	CHECK(!calendar_is_workday(c, civil_days_from_date(2026, 10, 1)));
	CHECK(!calendar_is_workday(c, civil_days_from_date(2026, 10, 3)));
	CHECK(calendar_is_workday(c, civil_days_from_date(2026, 10, 5)));

	CHECK_INT(calendar_deadline(c, fri, 2 * MS_PER_HOUR), at(2026, 10, 12, 10, 30, 8));
	CHECK_INT(calendar_open_ms(c, fri, at(2026, 10, 12, 10, 30, 8)), 2 * MS_PER_HOUR);
	CHECK_INT(calendar_deadline(c, wed, 2 * MS_PER_HOUR), at(2026, 10, 5, 10, 0, 8));
	CHECK_INT(calendar_open_ms(c, wed, at(2026, 10, 5, 10, 0, 8)), 2 * MS_PER_HOUR);
	CHECK_INT(calendar_deadline(c, at(2026, 10, 13, 2, 0, 8), 2 * MS_PER_HOUR),
		  at(2026, 10, 13, 11, 0, 8));
	/* a target ending at closing time ends there, not next morning */
	CHECK_INT(calendar_deadline(c, at(2026, 10, 13, 16, 0, 8), 2 * MS_PER_HOUR),
		  at(2026, 10, 13, 18, 0, 8));
	/* a weekend has no business time; a full week has 5 x 9 h */
	CHECK_INT(calendar_open_ms(c, at(2026, 10, 10, 0, 0, 8), at(2026, 10, 12, 0, 0, 8)), 0);
	CHECK_INT(calendar_open_ms(c, at(2026, 10, 12, 0, 0, 8), at(2026, 10, 19, 0, 0, 8)),
		  45 * MS_PER_HOUR);
	/* the holiday week: only Mon-Wed 2026-09-28..30 */
	CHECK_INT(calendar_open_ms(c, at(2026, 9, 28, 0, 0, 8), at(2026, 10, 5, 0, 0, 8)),
		  27 * MS_PER_HOUR);
	CHECK_INT(calendar_open_ms(c, fri, fri - 1), 0);
	CHECK_INT(calendar_deadline(c, fri, 0), fri);
	/* wall clock: plain arithmetic */
	CHECK_INT(calendar_open_ms(NULL, fri, at(2026, 10, 12, 10, 30, 8)), 65 * MS_PER_HOUR);
	CHECK_INT(calendar_deadline(NULL, fri, 2 * MS_PER_HOUR), fri + 2 * MS_PER_HOUR);
	/* bogus far instants neither hang nor overflow */
	CHECK(calendar_open_ms(c, INT64_MIN / 2, INT64_MAX / 2) > 0);
	CHECK(calendar_new(tz, 0, 0, 0, MS_PER_HOUR) == NULL);
	CHECK(calendar_new(tz, 0, MON_FRI, 2 * MS_PER_HOUR, MS_PER_HOUR) == NULL);
	calendar_free(c);
	calendar_free(NULL);
	tz_free(tz);
}

/* Europe/Berlin, Mon-Fri 09:00-18:00: Fri 2026-10-23 17:00 CEST (15:00Z)
 * + 2 h: 1 h on Friday, the DST weekend (2026-10-25, back to CET), 1 h on
 * Monday -> 10:00 CET = 09:00Z (a fixed +02:00 would wrongly give 08:00Z).
 * Open all day, the Sunday of the change has 25 h; open 01:00-04:00 it
 * has 4 h (01:00 CEST = 23:00Z to 04:00 CET = 03:00Z); on 2026-03-29
 * (spring forward) 01:00-04:00 has 2 h (00:00Z to 02:00Z). */
static void business_time_berlin_dst(void)
{
	struct error e;
	struct tz *tz = tz_new("Europe/Berlin", &e);
	struct calendar *c, *all, *night;
	int64_t fri = at(2026, 10, 23, 17, 0, 2);

	CHECK(tz != NULL);
	if (!tz)
		return;
	c = calendar_new(tz, 0, MON_FRI, 9 * MS_PER_HOUR, 18 * MS_PER_HOUR);
	CHECK_INT(calendar_deadline(c, fri, 2 * MS_PER_HOUR), at(2026, 10, 26, 9, 0, 0));
	CHECK_INT(calendar_open_ms(c, fri, at(2026, 10, 26, 9, 0, 0)), 2 * MS_PER_HOUR);

	all = calendar_new(tz, 0, ALL_DAYS, 0, MS_PER_DAY);
	CHECK_INT(calendar_open_ms(all, at(2026, 10, 25, 0, 0, 2), at(2026, 10, 26, 0, 0, 1)),
		  25 * MS_PER_HOUR);
	CHECK_INT(calendar_deadline(all, at(2026, 10, 25, 0, 0, 2), 25 * MS_PER_HOUR),
		  at(2026, 10, 26, 0, 0, 1));
	night = calendar_new(tz, 0, ALL_DAYS, MS_PER_HOUR, 4 * MS_PER_HOUR);
	CHECK_INT(calendar_open_ms(night, at(2026, 10, 25, 0, 0, 2), at(2026, 10, 26, 0, 0, 1)),
		  4 * MS_PER_HOUR);
	CHECK_INT(calendar_open_ms(night, at(2026, 3, 29, 0, 0, 1), at(2026, 3, 30, 0, 0, 2)),
		  2 * MS_PER_HOUR);
	/* 3 h of night hours from 2026-10-25 00:00 end at 03:00 CET = 02:00Z:
	 * 01:00 CEST (23:00Z) + 3 h of real time */
	CHECK_INT(calendar_deadline(night, at(2026, 10, 25, 0, 0, 2), 3 * MS_PER_HOUR),
		  at(2026, 10, 25, 2, 0, 0));
	calendar_free(c);
	calendar_free(all);
	calendar_free(night);
	tz_free(tz);
}

/* Tickets of 2026-10 in Asia/Shanghai (period 2026-09-30T16:00Z to
 * 2026-10-31T16:00Z), response targets P1 2 h, P2 4 h, P3 1 d in business
 * hours, min compliance 95 %:
 *   T1 P1 Fri 10-09 17:30, answered Mon 10:30: exactly 2 h      -> met
 *   T2 P1 Fri 10-09 17:30, answered Mon 10:31: 2 h 01           -> breached
 *   T3 P1 Fri 10-30 17:30, no answer; by Sun 11-01 00:00 only
 *      30 min used (deadline Mon 11-02 10:30)                   -> pending
 *   T4 P1 Thu 10-29 17:00, no answer; 1 h + 9 h by the end      -> breached
 *   T5 p1 (any case) Wed 10-14 10:00, answered 11:00            -> met
 *   T6 P9: no target                                            -> untracked
 *   T7 P1 opened 09-29, answered the same day, before the period
 *      (not in the backlog: answered before the start)          -> not counted
 *   T8 P2 Wed 10-14 09:00, answered 12:00                       -> met
 * P1: 2 met, 2 breached, 1 pending, compliance 0.5 < 95 %: not met.
 * P2: 1 met: 1.0, met.  P3: no ticket: actual NaN, met. */
static void set_calendar(struct slo_target *t, size_t n, struct calendar *c)
{
	size_t i;

	for (i = 0; i < n; i++) {
		t[i].calendar = c;
		t[i].calendar_name = c ? "support" : "24x7";
	}
}

static void tickets_in_business_hours(void)
{
	struct error e;
	struct tz *tz = tz_new("Asia/Shanghai", &e);
	struct calendar *c;
	struct slo_tickets *t = slo_tickets_new();
	struct slo_ticket_report *r;
	const struct slo_priority_result *row;
	const struct slo_ticket_verdict *v;
	struct slo_target targets[] = {
		{ "P1", 2 * MS_PER_HOUR, NULL, NULL }, { "P2", 4 * MS_PER_HOUR, NULL, NULL },
		{ "P3", MS_PER_DAY, NULL, NULL },
	};
	struct slo_ticket_objective obj;
	int64_t start = at(2026, 10, 1, 0, 0, 8), end = at(2026, 11, 1, 0, 0, 8);

	CHECK(tz != NULL);
	if (!tz)
		return;
	c = shanghai_calendar(tz);
	obj.targets = targets;
	obj.ntargets = 3;
	obj.min_compliance = slo_pct(95);
	obj.calendar = c;
	set_calendar(targets, 3, c);
	CHECK_INT(slo_tickets_add(t, "T1", "P1", at(2026, 10, 9, 17, 30, 8),
				  at(2026, 10, 12, 10, 30, 8), SLO_NONE), 0);
	slo_tickets_add(t, "T2", "P1", at(2026, 10, 9, 17, 30, 8),
			at(2026, 10, 12, 10, 31, 8), SLO_NONE);
	slo_tickets_add(t, "T3", "P1", at(2026, 10, 30, 17, 30, 8), SLO_NONE, SLO_NONE);
	slo_tickets_add(t, "T4", "P1", at(2026, 10, 29, 17, 0, 8), SLO_NONE, SLO_NONE);
	slo_tickets_add(t, "T5", "p1", at(2026, 10, 14, 10, 0, 8),
			at(2026, 10, 14, 11, 0, 8), SLO_NONE);
	slo_tickets_add(t, "T6", "P9", at(2026, 10, 14, 10, 0, 8), SLO_NONE, SLO_NONE);
	slo_tickets_add(t, "T7", "P1", at(2026, 9, 29, 10, 0, 8),
			at(2026, 9, 29, 11, 0, 8), SLO_NONE);
	slo_tickets_add(t, "T8", "P2", at(2026, 10, 14, 9, 0, 8),
			at(2026, 10, 14, 12, 0, 8), SLO_NONE);
	/* an answer before the opening is refused */
	CHECK_INT(slo_tickets_add(t, "bad", "P1", at(2026, 10, 14, 9, 0, 8),
				  at(2026, 10, 14, 8, 0, 8), SLO_NONE), -1);
	CHECK_INT(slo_tickets_count(t), 8);

	r = slo_tickets_eval(t, SLO_RESPONSE, &obj, start, end, INT64_MAX);
	CHECK_INT(slo_ticket_report_rows(r), 3);
	CHECK_INT(slo_ticket_report_verdicts(r), 7);
	CHECK_INT(slo_ticket_report_untracked(r), 1);
	row = slo_ticket_report_row(r, 0);
	CHECK_STR(row->priority, "P1");
	CHECK_INT(row->tickets, 5);
	CHECK_INT(row->met_count, 2);
	CHECK_INT(row->breached_count, 2);
	CHECK_INT(row->pending_count, 1);
	CHECK_NEAR(row->actual, 0.5, 0);
	CHECK(!row->met);
	row = slo_ticket_report_row(r, 1);
	CHECK_STR(row->priority, "P2");
	CHECK_INT(row->met_count, 1);
	CHECK_NEAR(row->actual, 1.0, 0);
	CHECK(row->met);
	row = slo_ticket_report_row(r, 2);
	CHECK_STR(row->priority, "P3");
	CHECK_INT(row->tickets, 0);
	CHECK(isnan(row->actual));
	CHECK(row->met);
	CHECK(slo_ticket_report_row(r, 3) == NULL);

	v = slo_ticket_report_verdict(r, 0);
	CHECK_STR(v->id, "T1");
	CHECK_INT(v->verdict, SLO_MET);
	CHECK_INT(v->elapsed_ms, 2 * MS_PER_HOUR);
	CHECK_INT(v->deadline, at(2026, 10, 12, 10, 30, 8));
	v = slo_ticket_report_verdict(r, 1);
	CHECK_INT(v->verdict, SLO_BREACHED);
	CHECK_INT(v->elapsed_ms, 2 * MS_PER_HOUR + MS_PER_MIN);
	v = slo_ticket_report_verdict(r, 2);
	CHECK_STR(v->id, "T3");
	CHECK_INT(v->verdict, SLO_PENDING);
	CHECK_INT(v->elapsed_ms, 30 * MS_PER_MIN);
	CHECK(v->done == SLO_NONE);
	CHECK_INT(v->deadline, at(2026, 11, 2, 10, 30, 8));
	v = slo_ticket_report_verdict(r, 3);
	CHECK_STR(v->id, "T4");
	CHECK_INT(v->verdict, SLO_BREACHED);
	CHECK_INT(v->elapsed_ms, 10 * MS_PER_HOUR);
	CHECK_INT(v->deadline, at(2026, 10, 30, 10, 0, 8));
	v = slo_ticket_report_verdict(r, 4);
	CHECK_STR(v->id, "T5");
	CHECK_INT(v->verdict, SLO_MET);
	v = slo_ticket_report_verdict(r, 5);
	CHECK_STR(v->id, "T6");
	CHECK_INT(v->verdict, SLO_UNTRACKED);
	CHECK(v->deadline == SLO_NONE);
	v = slo_ticket_report_verdict(r, 6);
	CHECK_STR(v->id, "T8");
	slo_ticket_report_free(r);

	/* judged on Thu 10-29 17:30 (now before the end): T4 has used 30 min,
	 * pending; T3 is not opened yet but counted in the period, pending */
	r = slo_tickets_eval(t, SLO_RESPONSE, &obj, start, end, at(2026, 10, 29, 17, 30, 8));
	v = slo_ticket_report_verdict(r, 3);
	CHECK_INT(v->verdict, SLO_PENDING);
	CHECK_INT(v->elapsed_ms, 30 * MS_PER_MIN);
	CHECK_INT(slo_ticket_report_row(r, 0)->pending_count, 2);
	slo_ticket_report_free(r);

	/* wall clock: T1 took 65 h -> breached; T3 has 30 h 30 by the end */
	obj.calendar = NULL;
	set_calendar(targets, 3, NULL);
	r = slo_tickets_eval(t, SLO_RESPONSE, &obj, start, end, INT64_MAX);
	CHECK_INT(slo_ticket_report_verdict(r, 0)->verdict, SLO_BREACHED);
	CHECK_INT(slo_ticket_report_verdict(r, 0)->elapsed_ms, 65 * MS_PER_HOUR);
	CHECK_INT(slo_ticket_report_verdict(r, 2)->verdict, SLO_BREACHED);
	CHECK_INT(slo_ticket_report_verdict(r, 2)->elapsed_ms, 30 * MS_PER_HOUR + 30 * MS_PER_MIN);
	slo_ticket_report_free(r);

	/* resolution: none resolved; all P1 still open */
	obj.calendar = c;
	set_calendar(targets, 3, c);
	r = slo_tickets_eval(t, SLO_RESOLUTION, &obj, start, end, INT64_MAX);
	CHECK_INT(slo_ticket_report_verdict(r, 0)->verdict, SLO_BREACHED);
	CHECK(slo_ticket_report_verdict(r, 0)->done == SLO_NONE);
	slo_ticket_report_free(r);
	slo_ticket_report_free(NULL);

	slo_tickets_free(t);
	slo_tickets_free(NULL);
	calendar_free(c);
	tz_free(tz);
}

/* Compliance exactly at the minimum is met: 19 met, 1 breached = 95 %. */
static void compliance_at_the_minimum(void)
{
	struct slo_tickets *t = slo_tickets_new();
	struct slo_target targets[] = { { "P2", MS_PER_HOUR, NULL, "24x7" } };
	struct slo_ticket_objective obj = { targets, 1, 0, NULL };
	struct slo_ticket_report *r;
	int64_t t0 = NOV_START;
	int i;

	for (i = 0; i < 19; i++)
		slo_tickets_add(t, "ok", "P2", t0 + i * MS_PER_HOUR,
				t0 + i * MS_PER_HOUR + MS_PER_HOUR, SLO_NONE);
	slo_tickets_add(t, "late", "P2", t0, t0 + MS_PER_HOUR + 1, SLO_NONE);
	obj.min_compliance = slo_pct(95);
	r = slo_tickets_eval(t, SLO_RESPONSE, &obj, NOV_START, NOV_END, INT64_MAX);
	CHECK_NEAR(slo_ticket_report_row(r, 0)->actual, 0.95, 1e-15);
	CHECK(slo_ticket_report_row(r, 0)->met);
	slo_ticket_report_free(r);
	obj.min_compliance = slo_pct(95.000001);
	r = slo_tickets_eval(t, SLO_RESPONSE, &obj, NOV_START, NOV_END, INT64_MAX);
	CHECK(!slo_ticket_report_row(r, 0)->met);
	slo_ticket_report_free(r);
	slo_tickets_free(t);
}

/* No response at the period's end: exactly the target used is still
 * pending (an answer at that instant would be met); 1 ms more is breached.
 * Wall clock, target 2 h, period 2026-11. */
static void unanswered_at_the_end(void)
{
	struct slo_tickets *t = slo_tickets_new();
	struct slo_target targets[] = { { "P1", 2 * MS_PER_HOUR, NULL, "24x7" } };
	struct slo_ticket_objective obj = { targets, 1, SLO_PCT_FULL, NULL };
	struct slo_ticket_report *r;

	slo_tickets_add(t, "edge", "P1", NOV_END - 2 * MS_PER_HOUR, SLO_NONE, SLO_NONE);
	slo_tickets_add(t, "late", "P1", NOV_END - 2 * MS_PER_HOUR - 1, SLO_NONE, SLO_NONE);
	r = slo_tickets_eval(t, SLO_RESPONSE, &obj, NOV_START, NOV_END, INT64_MAX);
	CHECK_INT(slo_ticket_report_verdict(r, 0)->verdict, SLO_PENDING);
	CHECK_INT(slo_ticket_report_verdict(r, 0)->deadline, NOV_END);
	CHECK_INT(slo_ticket_report_verdict(r, 1)->verdict, SLO_BREACHED);
	CHECK_INT(slo_ticket_report_verdict(r, 1)->elapsed_ms, 2 * MS_PER_HOUR + 1);
	/* compliance counts only the judged one: 0 / 1 */
	CHECK_NEAR(slo_ticket_report_row(r, 0)->actual, 0.0, 0);
	CHECK_INT(slo_ticket_report_row(r, 0)->pending_count, 1);
	slo_ticket_report_free(r);
	slo_tickets_free(t);
}

/* The backlog: a ticket opened before the period and still open at its
 * start is judged in the period; one done before the start is not.  Wall
 * clock, response target 2 h, resolution target 1 d, period 2026-11.
 *   old-open: opened Oct 30 00:00, never answered -> both breached in
 *     November (target passed Oct 30 02:00, before the period);
 *   old-answered: answered Oct 30 01:00, resolved Nov 2 00:00 -> not in
 *     the response backlog (answered before Nov 1); resolution judged:
 *     3 d > 1 d, breached;
 *   old-closed: resolved Oct 31 -> judged by neither;
 *   late-oct: opened Oct 31 23:00 (00:00 Nov 1 - 1 h), unanswered, judged
 *     at Nov 1 00:30 (now): 1 h 30 min <= 2 h, pending;
 *   future: opened Dec 1 -> not judged. */
static void backlog(void)
{
	struct slo_tickets *t = slo_tickets_new();
	struct slo_target rt[] = { { "P1", 2 * MS_PER_HOUR, NULL, "24x7" } };
	struct slo_target st[] = { { "P1", MS_PER_DAY, NULL, "24x7" } };
	struct slo_ticket_objective resp = { rt, 1, SLO_PCT_FULL, NULL };
	struct slo_ticket_objective reso = { st, 1, SLO_PCT_FULL, NULL };
	struct slo_ticket_report *r;
	int64_t oct30 = NOV_START - 2 * MS_PER_DAY;

	slo_tickets_add(t, "old-open", "P1", oct30, SLO_NONE, SLO_NONE);
	slo_tickets_add(t, "old-answered", "P1", oct30, oct30 + MS_PER_HOUR,
			NOV_START + MS_PER_DAY);
	slo_tickets_add(t, "old-closed", "P1", oct30, SLO_NONE, oct30 + MS_PER_DAY);
	slo_tickets_add(t, "late-oct", "P1", NOV_START - MS_PER_HOUR, SLO_NONE, SLO_NONE);
	slo_tickets_add(t, "future", "P1", NOV_END, SLO_NONE, SLO_NONE);
	r = slo_tickets_eval(t, SLO_RESPONSE, &resp, NOV_START, NOV_END,
			     NOV_START + 30 * MS_PER_MIN);
	CHECK_INT(slo_ticket_report_verdicts(r), 2);
	CHECK_STR(slo_ticket_report_verdict(r, 0)->id, "old-open");
	CHECK_INT(slo_ticket_report_verdict(r, 0)->verdict, SLO_BREACHED);
	CHECK_INT(slo_ticket_report_verdict(r, 0)->elapsed_ms,
		  2 * MS_PER_DAY + 30 * MS_PER_MIN);
	CHECK_STR(slo_ticket_report_verdict(r, 1)->id, "late-oct");
	CHECK_INT(slo_ticket_report_verdict(r, 1)->verdict, SLO_PENDING);
	CHECK_INT(slo_ticket_report_row(r, 0)->tickets, 2);
	CHECK_INT(slo_ticket_report_row(r, 0)->breached_count, 1);
	CHECK_INT(slo_ticket_report_row(r, 0)->pending_count, 1);
	CHECK(!slo_ticket_report_row(r, 0)->met);
	slo_ticket_report_free(r);
	r = slo_tickets_eval(t, SLO_RESOLUTION, &reso, NOV_START, NOV_END, INT64_MAX);
	CHECK_INT(slo_ticket_report_verdicts(r), 3);
	CHECK_STR(slo_ticket_report_verdict(r, 0)->id, "old-open");
	CHECK_INT(slo_ticket_report_verdict(r, 0)->verdict, SLO_BREACHED);
	CHECK_STR(slo_ticket_report_verdict(r, 1)->id, "old-answered");
	CHECK_INT(slo_ticket_report_verdict(r, 1)->verdict, SLO_BREACHED);
	CHECK_INT(slo_ticket_report_verdict(r, 1)->elapsed_ms, 3 * MS_PER_DAY);
	CHECK_STR(slo_ticket_report_verdict(r, 2)->id, "late-oct");
	CHECK_INT(slo_ticket_report_verdict(r, 2)->verdict, SLO_BREACHED);
	CHECK_INT(slo_ticket_report_row(r, 0)->breached_count, 3);
	slo_ticket_report_free(r);
	slo_tickets_free(t);
}

int main(void)
{
	TEST_RUN(pct_units);
	TEST_RUN(backlog);
	TEST_RUN(month_of_30_days);
	TEST_RUN(month_of_31_days_at_the_limit);
	TEST_RUN(overlapping_and_nested_outages);
	TEST_RUN(outage_crossing_the_period);
	TEST_RUN(planned_window_over_an_incident);
	TEST_RUN(burn_rate_mid_period);
	TEST_RUN(credit_tiers_at_their_edges);
	TEST_RUN(probes_unsorted);
	TEST_RUN(business_time_shanghai);
	TEST_RUN(business_time_berlin_dst);
	TEST_RUN(tickets_in_business_hours);
	TEST_RUN(compliance_at_the_minimum);
	TEST_RUN(unanswered_at_the_end);
	return TEST_EXIT();
}
