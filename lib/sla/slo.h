/* slo: the arithmetic of service-level objectives, exact to the
 * millisecond: availability from outage intervals and from probe samples,
 * business time on a calendar, and response/resolution verdicts of
 * tickets.  Times are int64_t ms UTC; periods are half-open [start, end). */
#ifndef UPKEEP_SLO_H
#define UPKEEP_SLO_H

#include <stddef.h>
#include <stdint.h>

#include "base/calendar.h"
#include "base/tz.h"

/* Percentages are carried as integers in millionths of a percent, so that
 * comparisons with targets and credit tiers are exact: 99.9 % is
 * 99900000, 100 % is SLO_PCT_FULL.  slo_pct() rounds a percent to that
 * unit; slo_pct_fraction() gives the fraction (99900000 -> 0.999). */
#define SLO_PCT_ONE INT64_C(1000000)
#define SLO_PCT_FULL INT64_C(100000000)
int64_t slo_pct(double percent);
double slo_pct_fraction(int64_t pct);

/* "no such instant" (a ticket without a response, a run never ended) */
#define SLO_NONE INT64_MIN

/* ---- availability from outages ---------------------------------------- */

/* A service-credit tier: when availability is below `below`, `credit`
 * percent of the fee is due.  Both in SLO_PCT units. */
struct slo_credit {
	int64_t below;
	int64_t credit;
};

struct slo_availability_params {
	int64_t start, end;	/* the period, end > start */
	int64_t now;		/* for the elapsed share (period_until):
				   >= end, period over; < start, not begun:
				   judged whole */
	int64_t target;		/* SLO_PCT units, e.g. slo_pct(99.9) */
	int exclude_planned;	/* planned windows are not downtime */
	const struct slo_credit *credits;	/* any order; may be NULL */
	size_t ncredits;
};

struct slo_availability {
	const char *scope;	/* service name, or "all" for outages naming
				   none; owned by the outage set */
	int64_t period_ms;	/* end - start */
	int64_t downtime_ms;	/* merged, clipped, planned removed if asked */
	int64_t allowed_ms;	/* (1 - target) x period, rounded to the ms */
	int64_t budget_remaining_ms;	/* allowed - downtime, may be < 0 */
	int64_t target;		/* SLO_PCT units, as given */
	double actual;		/* 1 - downtime / period, a fraction */
	int met;		/* actual >= target, compared exactly */
	/* (downtime / allowed) / elapsed share of the period, where the share
	 * is (until - start) / (end - start), until = period_until(start,
	 * end, now): 1.0 spends the budget exactly by the end.  NaN (the
	 * command writes null) when nothing has elapsed yet (now == start),
	 * or when the budget is 0 (target 100 %)
	 * and there is downtime; otherwise 0 with no downtime. */
	double burn_rate;
	/* the earliest start of an incident without an end (ongoing) that
	 * is down in the period, SLO_NONE when there is none */
	int64_t ongoing_since;
	int64_t credit;		/* SLO_PCT units: credit of the tier with the
				   lowest `below` still above actual; 0 if none */
};

/* A set of outages grouped by service. */
struct slo_outages;

struct slo_outages *slo_outages_new(void);
void slo_outages_free(struct slo_outages *o);
/* Adds the outage [start, end) of service (NULL or "" = unnamed, scope
 * "all").  end SLO_NONE: ongoing, down until the time of judgement
 * (period_until of the period evaluated: its end, or now while it runs).  A planned outage of a service is a maintenance window of that
 * service; an unnamed planned one is a window of every service.  Returns
 * 0, or -1 (nothing added) when end < start. */
int slo_outages_add(struct slo_outages *o, const char *service,
		    int64_t start, int64_t end, int planned);
/* Number of scopes, in the order slo_outages_eval() reports them: service
 * names in byte order, "all" among them where unnamed outages exist.
 * Every service seen gets a scope, even when all its outages fall outside
 * the period (it then has availability 1).  With no outage at all there is
 * one scope, "all", so that an empty file still gives a row. */
size_t slo_outages_scopes(const struct slo_outages *o);
/* Computes scope i (0 <= i < slo_outages_scopes()).  Downtime is
 * union(incidents) clipped to the period; with exclude_planned, minus
 * union(planned windows) (time inside a window is never downtime, even
 * where an incident overlaps it); without it planned outages are downtime
 * like incidents.  Returns 0, or -1 when i is out of range or the period
 * is empty. */
int slo_outages_eval(struct slo_outages *o, size_t i,
		     const struct slo_availability_params *prm,
		     struct slo_availability *out);

/* The credit due at availability up_ms / period_ms (exact): the credit of
 * the tier with the lowest `below` that is strictly above the actual
 * percentage, 0 when none. */
int64_t slo_credit_due(const struct slo_credit *credits, size_t n,
		       int64_t up_ms, int64_t period_ms);

/* ---- availability from probes ----------------------------------------- */

struct slo_probe_result {
	const char *check;	/* owned by the probe set */
	size_t samples, up;	/* samples inside the period */
	double actual;		/* up / samples; NaN when no sample */
	int met;		/* actual >= target exactly (1 with no sample) */
	int64_t target;		/* SLO_PCT units */
	/* The longest run of down samples, measured from its first down
	 * sample to the next up sample, or to the check's last sample in the
	 * period when no up sample follows (so a single down sample at the
	 * very end counts 0 ms).  Runs are ranked by that length; the first
	 * in time wins a tie.  0 and SLO_NONE when there is no down sample. */
	int64_t longest_down_ms;
	int64_t longest_down_start;
	size_t down_runs;	/* number of runs of down samples */
};

struct slo_probes;

struct slo_probes *slo_probes_new(void);
void slo_probes_free(struct slo_probes *p);
/* Adds a sample of check (NUL-terminated) at t; samples may come in any
 * order.  At equal times a down sample sorts before an up one. */
void slo_probes_add(struct slo_probes *p, const char *check, int64_t t, int up);
/* Number of checks; results are in byte order of the check name. */
size_t slo_probes_checks(const struct slo_probes *p);
/* Computes check i over the samples in [start, end).  Returns 0, or -1
 * when i is out of range. */
int slo_probes_eval(struct slo_probes *p, size_t i, int64_t start, int64_t end,
		    int64_t target, struct slo_probe_result *out);

/* ---- tickets ---------------------------------------------------------- */

enum slo_kind { SLO_RESPONSE, SLO_RESOLUTION };

enum slo_verdict {
	SLO_MET,	/* done within the target */
	SLO_BREACHED,	/* done late, or not done and already late */
	SLO_PENDING,	/* not done, target not yet used up */
	SLO_UNTRACKED	/* the priority has no target */
};

/* The target of one priority (priority names match case-insensitively),
 * counted in the open time of calendar (NULL: wall clock, 24x7). */
struct slo_target {
	const char *priority;
	int64_t ms;
	struct calendar *calendar;
	const char *calendar_name;	/* "24x7" for the wall clock */
};

/* One objective (response or resolution) of a policy. */
struct slo_ticket_objective {
	const struct slo_target *targets;	/* rows are reported in this order */
	size_t ntargets;
	int64_t min_compliance;		/* SLO_PCT units */
	struct calendar *calendar;	/* of untracked priorities; NULL: wall
					   clock */
};

struct slo_ticket_verdict {
	const char *id, *priority;	/* owned by the ticket set */
	enum slo_verdict verdict;
	int64_t opened;
	int64_t done;		/* first response or resolution, SLO_NONE */
	const struct slo_target *target;	/* the objective's; NULL when
						   untracked */
	int64_t target_ms;	/* 0 when untracked */
	int64_t deadline;	/* when the target is used up; SLO_NONE if untracked */
	/* business (or wall-clock) ms from opened to done, or to the time
	 * of judgement when not done */
	int64_t elapsed_ms;
};

struct slo_priority_result {
	const char *priority;	/* as the objective names it */
	int64_t target_ms;
	size_t tickets;		/* tickets of this priority judged in the
				   period: opened in it, or still open at
				   its start */
	size_t met_count, breached_count, pending_count;
	double actual;		/* met / (met + breached); NaN when both 0 */
	int64_t min_compliance;	/* SLO_PCT units */
	int met;		/* actual >= min_compliance exactly; 1 when
				   nothing was met or breached yet */
};

struct slo_tickets;
struct slo_ticket_report;

struct slo_tickets *slo_tickets_new(void);
void slo_tickets_free(struct slo_tickets *t);
/* Adds a ticket (strings are copied; priority may be "").  first_response
 * and resolved are SLO_NONE when absent.  Returns 0, or -1 (nothing added)
 * when either is before opened. */
int slo_tickets_add(struct slo_tickets *t, const char *id, const char *priority,
		    int64_t opened, int64_t first_response, int64_t resolved);
size_t slo_tickets_count(const struct slo_tickets *t);

/* Judges for one objective the tickets of [start, end): those opened in
 * it, and the backlog, those opened before start and still open at start
 * (not resolved before start, and for SLO_RESPONSE not answered before
 * it either).  Tickets without a response (resolution) are judged at
 * judged = period_until(start, end, now), now while the period runs, else
 * its end: breached when more than the target has elapsed by then
 * (whether the target passed in the period or before it), else pending.
 * A ticket done (even after the period) is met when elapsed <= target.
 * Returns a report
 * to free with slo_ticket_report_free(); it borrows t, which must outlive it. */
struct slo_ticket_report *slo_tickets_eval(const struct slo_tickets *t,
					   enum slo_kind kind,
					   const struct slo_ticket_objective *obj,
					   int64_t start, int64_t end, int64_t now);
void slo_ticket_report_free(struct slo_ticket_report *r);
/* One row per target, in the objective's order. */
size_t slo_ticket_report_rows(const struct slo_ticket_report *r);
const struct slo_priority_result *slo_ticket_report_row(const struct slo_ticket_report *r,
							size_t i);
/* One verdict per ticket judged in the period (opened in it, or still
 * open at its start), in the order added (untracked ones included). */
size_t slo_ticket_report_verdicts(const struct slo_ticket_report *r);
const struct slo_ticket_verdict *slo_ticket_report_verdict(const struct slo_ticket_report *r,
							   size_t i);
/* Tickets judged in the period whose priority has no target. */
size_t slo_ticket_report_untracked(const struct slo_ticket_report *r);

#endif
