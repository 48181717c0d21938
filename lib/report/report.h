/* report: the monthly health report of SPEC.md section 5.  The JSON
 * envelopes of inspect, review, sla-check and raci check (plus an optional
 * RACI matrix and the previous report) are gathered into one report
 * document -- itself the -f json output.  The renderers (render.h) turn
 * it into Markdown, plain text or HTML; the model does not know them.
 * No I/O here. */
#ifndef UPKEEP_REPORT_H
#define UPKEEP_REPORT_H

#include <stddef.h>

#include <jansson.h>

#include "base/error.h"
#include "io/finding.h"
#include "raci/raci.h"

/* Area statuses, worst last. */
enum report_status {
	REPORT_NODATA, REPORT_GREEN, REPORT_AMBER, REPORT_RED
};
/* "no data", "green", "amber", "red" (the stable names of the JSON). */
const char *report_status_name(enum report_status s);

/* Limits of the usage status: amber above this error rate or below this
 * feature coverage (fractions). */
#define REPORT_ERROR_RATE_LIMIT 0.05
#define REPORT_COVERAGE_LIMIT 0.5

/* The status rules.  findings: an array of finding objects (NULL: no
 * input, so no data): red with a critical one, amber with a warning, else
 * green.  metrics: review's "metrics" object (NULL: no data).
 * objectives: sla-check's "objectives" (NULL: no data): red when one is
 * not met. */
enum report_status report_findings_status(const json_t *findings);
/* report_usage_judge with the default limits and no previous period. */
enum report_status report_usage_status(const json_t *metrics);
enum report_status report_sla_status(const json_t *objectives);

/* The limits of the usage status and of the headline figures, settable
 * in the config (report_limits_parse).  Fractions but nps (-100..100). */
struct report_limits {
	double error_rate_max;	/* amber above (0.05) */
	double coverage_min;	/* amber below (0.5) */
	double csat_min, csat_red;	/* amber below 0.8, red below 0.6 */
	double nps_min, nps_red;	/* amber below 0, red below -20 (without CSAT) */
	double dau_drop, dau_drop_red;	/* DAU down more than 0.1: amber, 0.25: red */
};
void report_limits_default(struct report_limits *l);
/* Reads a config (report.json): a JSON object of "title" (a string) and
 * the limits above by name.  Unknown keys and numbers out of range are
 * errors (-1, err set); *title is replaced (to free) when given. */
int report_limits_parse(struct report_limits *l, char **title, const char *path,
			const char *text, size_t len, struct error *err);
/* Why usage has its status. */
enum report_usage_reason {
	REPORT_WHY_OK, REPORT_WHY_CSAT, REPORT_WHY_NPS, REPORT_WHY_DAU,
	REPORT_WHY_ERRORS, REPORT_WHY_COVERAGE
};
/* The usage status of review's metrics under l, the worst of: CSAT (or,
 * without it, NPS) below its amber or red limit; DAU (dau_avg) fallen by
 * more than a share of the previous period's (metrics' dau_avg_previous,
 * else prev_doc's usage; prev_doc may be NULL); error rate above its
 * limit (amber); feature coverage below its limit (amber).  *why gets the
 * rule that decided, *fig its figure (the CSAT, NPS, DAU drop, error
 * rate or coverage). */
enum report_status report_usage_judge(const json_t *metrics, const json_t *prev_doc,
				      const struct report_limits *l,
				      enum report_usage_reason *why, double *fig);
/* The previous value of metric name: metrics' name_previous, else the
 * metric in prev_doc's usage.  1 when there is one. */
int report_metric_previous(const json_t *metrics, const json_t *prev_doc,
			   const char *name, double *v);

/* The most problem groups the first page lists. */
#define REPORT_TOP_MAX 10
/* Sets doc's "headline" (availability, error_rate, dau_avg,
 * feature_coverage, csat or nps, open_problems: each with value, target,
 * direction, previous, change, status) and "top" (the problems grouped by
 * area and check, worst severity first, then oldest, then most, at most
 * REPORT_TOP_MAX; each with area, check, severity, count, tickets (of
 * response and resolution: the problems of a ticket, not of a priority's
 * compliance), age, open_since, subjects (the priorities left out), first -- the index in "problems" of its first
 * problem --, responsible, accountable, remedy, link).  prev_doc: the previous report, or NULL. */
void report_agenda(json_t *doc, const json_t *prev_doc, const struct report_limits *l);

/* Problem tracking against the previous report.
 * period: this report's period as report_period_label writes it (NULL:
 * unknown); prev_period: the previous report's, the open_since of its
 * problems that carry none.  judged(q, ctx): 1 when this report's inputs
 * looked at the subject of the previous problem q (its command ran and
 * the check that found it was run on it), so that q's absence means it
 * is resolved; NULL: every problem was judged. */
struct report_tracking {
	const char *period, *prev_period;
	int (*judged)(const json_t *prev_problem, void *ctx);
	void *ctx;
};
/* Sets "tracking" on each problem of problems to "new" or "still open" (a
 * previous problem with the same id, or the same check and subject), with
 * "open_since" (still open: the previous one's, new: t->period) and "age"
 * (periods listed, this one included: the previous age + 1, or 1).  A
 * previous problem no longer there that was not judged is appended to
 * problems with tracking "unchecked" (age + 1); the judged ones are
 * returned in a new array, tracking "resolved".  prev may be NULL
 * (everything is new); t may be NULL (everything judged, no periods). */
json_t *report_track(json_t *problems, const json_t *prev,
		     const struct report_tracking *t);
/* The label of a period object {start, end} (RFC 3339 times) in buf:
 * "2026-09" for a calendar month, else the start's date "2026-09-07";
 * "" when start is missing. */
void report_period_label(const json_t *period, char *buf, size_t size);

/* Gathering the inputs. */
struct report;
struct report *report_new(void);
void report_free(struct report *r);
/* Adds one envelope from its JSON text.  path names it in messages and in
 * data quality.  Fails (-1, err->msg set) when the text is not JSON, not
 * an object, or its "tool" is missing or not one of inspect, review,
 * sla-check, raci. */
int report_add(struct report *r, const char *path, const char *text,
	       size_t len, struct error *err);
/* The previous report (a report -f json output): fails when it is not a
 * JSON object with tool "report". */
int report_set_previous(struct report *r, const char *path,
			const char *text, size_t len, struct error *err);
/* The RACI matrix that names owners (borrowed; NULL: none), and its file
 * for data quality. */
void report_set_matrix(struct report *r, const struct raci *m,
		       const char *path, unsigned long rows,
		       unsigned long rejected);

/* The config's limits and title (copied). */
void report_set_limits(struct report *r, const struct report_limits *l);
/* The report's title (the system and organisation; NULL: none). */
void report_set_title(struct report *r, const char *title);
/* People who name the matrix's roles, and the runbook whose remedies go
 * with each problem (borrowed; NULL: none). */
void report_set_people(struct report *r, const struct raci_people *p);
void report_set_runbook(struct report *r, const struct raci_runbook *rb);

/* Builds the report document (to json_decref): tool "report", version,
 * generated, title, period, inputs, lang, areas, counts, problems,
 * resolved, usage, sla, data_quality, headline, top.  A finding of a
 * routed document (raci route's output, each finding with its "source")
 * counts in its source's area, and replaces the original finding of the
 * same id.  lang: "en" or "zh". */
json_t *report_build(const struct report *r, const char *lang);
/* The number of problems in doc at or above sev. */
size_t report_at_least(const json_t *doc, enum severity sev);
/* The features of doc's usage with a numeric error rate, most errors
 * first (error rate, then events, then name), at most n (a new array
 * holding references). */
json_t *report_top_features(const json_t *doc, size_t n);

#endif
