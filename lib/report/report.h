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
enum report_status report_usage_status(const json_t *metrics);
enum report_status report_sla_status(const json_t *objectives);

/* Problem tracking against the previous report.  Sets "tracking" on each
 * problem of problems to "new" or "still open" (a previous problem with
 * the same id, or the same check and subject) and returns a new array of
 * the previous problems that are no longer there, each with tracking
 * "resolved".  prev_problems may be NULL (everything is new). */
json_t *report_track(json_t *problems, const json_t *prev_problems);

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
/* The features of doc's usage with a numeric error rate, most errors
 * first (error rate, then events, then name), at most n (a new array
 * holding references). */
json_t *report_top_features(const json_t *doc, size_t n);

#endif
