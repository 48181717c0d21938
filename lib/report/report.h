/* report: the monthly health report of SPEC.md section 5.  The JSON
 * envelopes of inspect, review, sla-check and raci check (plus an optional
 * RACI matrix and the previous report) are gathered into one report
 * document -- itself the -f json output -- which the renderers turn into
 * Markdown, plain text (80 columns) or one self-contained HTML page.
 * No I/O except the FILE the renderers are given. */
#ifndef UPKEEP_REPORT_H
#define UPKEEP_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "base/error.h"
#include "io/finding.h"
#include "raci/raci.h"
#include "io/writer.h"

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
enum report_status report_usage_status(const json_t *metrics);
enum report_status report_sla_status(const json_t *objectives);

/* Problem tracking against the previous report.  Sets "tracking" on each
 * problem of problems to "new" or "still open" (a previous problem with
 * the same id, or the same check and subject) and returns a new array of
 * the previous problems that are no longer there, each with tracking
 * "resolved".  prev_problems may be NULL (everything is new). */
json_t *report_track(json_t *problems, const json_t *prev_problems);

/* Text from the inputs is escaped with base/text.h. */

/* Label ids for the two languages. */
enum report_label {
	RL_TITLE, RL_GENERATED, RL_PERIOD, RL_SUMMARY, RL_AREA, RL_STATUS,
	RL_REASON, RL_INSPECTION, RL_USAGE, RL_SLA, RL_RESPONSIBILITIES,
	RL_NODATA, RL_GREEN, RL_AMBER, RL_RED,
	RL_PROBLEMS, RL_SEVERITY, RL_CHECK, RL_SUBJECT, RL_MESSAGE, RL_OWNER,
	RL_RESPONSIBLE, RL_ACCOUNTABLE, RL_TRACKING, RL_NEW, RL_STILL_OPEN,
	RL_RESOLVED, RL_RESOLVED_TITLE, RL_NO_PROBLEMS, RL_NONE_RESOLVED,
	RL_CRITICAL, RL_WARNING, RL_INFO, RL_UNASSIGNED, RL_SOURCE,
	RL_USAGE_TITLE, RL_METRIC, RL_VALUE, RL_PREVIOUS, RL_CHANGE,
	RL_UNUSED, RL_FEATURES_TITLE, RL_FEATURE, RL_EVENTS, RL_USERS,
	RL_ERRORS, RL_ERROR_RATE, RL_DAU_CHART, RL_NO_USAGE,
	RL_SLA_TITLE, RL_OBJECTIVE, RL_SCOPE, RL_TARGET, RL_ACTUAL, RL_MET,
	RL_YES, RL_NO, RL_DOWNTIME, RL_ALLOWED, RL_BUDGET, RL_BURN, RL_CREDIT,
	RL_TICKETS, RL_BREACHES, RL_CREDITS_DUE, RL_AVAIL_CHART, RL_NO_SLA,
	RL_DQ, RL_TOOL, RL_FILE, RL_INPUT, RL_ROWS, RL_REJECTED, RL_NO_INPUTS,
	RL_COUNTS, RL_TOTAL,
	/* reasons; {1} {2} {3} are replaced by arguments */
	RL_R_FINDINGS, RL_R_CLEAN, RL_R_NO_INPUT, RL_R_ERROR_HIGH,
	RL_R_COVERAGE_LOW, RL_R_USAGE_OK, RL_R_SLA_BREACHED, RL_R_SLA_MET,
	/* metric names, in the order of report_metric_names */
	RL_M_FIRST,
	RL_COUNT_ = RL_M_FIRST + 13
};
/* The review metrics a report shows, NULL-ended (13 names). */
extern const char *const report_metric_names[];
/* "en" or "zh" (anything else: "en"). */
const char *report_label(const char *lang, enum report_label id);

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

/* Builds the report document (to json_decref): tool "report", version,
 * generated, period, inputs, lang, areas, counts, problems, resolved,
 * usage, sla, data_quality.  lang: "en" or "zh". */
json_t *report_build(const struct report *r, const char *lang);
/* The number of problems in doc at or above sev. */
size_t report_at_least(const json_t *doc, enum severity sev);

/* Renders doc in f (OUT_MD, OUT_TXT, OUT_HTML or OUT_JSON) to fp.
 * Fails with err set on a write error or another format. */
int report_write(FILE *fp, const json_t *doc, enum outfmt f,
		 struct error *err);

/* The renderers (report_text.c, report_html.c); used by report_write. */
void report_md(FILE *fp, const json_t *doc);
void report_txt(FILE *fp, const json_t *doc);
void report_html(FILE *fp, const json_t *doc);

/* Formatting shared by the renderers; each returns buf.  A missing or
 * null value gives "–".  pct: a fraction as a percentage with up to
 * `decimals` decimals ("5.2%"); num: a number as the writer formats it,
 * rounded to `decimals`; dur: seconds as "1h 2m 3s"; metric: a review
 * metric in its unit; change: a signed change of a metric ("+3",
 * "-1.2 pp"). */
const char *report_fmt_pct(const json_t *v, int decimals, char *buf, size_t size);
const char *report_fmt_num(const json_t *v, int decimals, char *buf, size_t size);
const char *report_fmt_dur(const json_t *v, char *buf, size_t size);
const char *report_fmt_metric(const char *name, const json_t *v, char *buf, size_t size);
const char *report_fmt_change(const char *name, const json_t *v, char *buf, size_t size);
/* The string of a member, or NULL when absent or not a string. */
const char *report_str(const json_t *obj, const char *key);
/* The label of a status name, a severity name or a tracking state
 * ("new", "still open", "resolved"); unknown names come back as is. */
const char *report_word(const char *lang, const char *name);
/* The label of an area ("inspection", "usage", "sla", "responsibilities"). */
const char *report_area_label(const char *lang, const char *area);
/* The features of doc's usage with a numeric error rate, most errors
 * first (error rate, then events, then name), at most n (a new array). */
json_t *report_top_features(const json_t *doc, size_t n);
/* The period of doc as "2026-10-01 .. 2026-11-01" (dates only), or "–". */
void report_period_text(const json_t *doc, char *buf, size_t size);
/* The owner text of a problem: "R: IT; A: PMO", or the unassigned label. */
char *report_owner(const char *lang, const json_t *problem);

#endif
