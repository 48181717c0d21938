/* report_year: the year view of issue 20 (report --history).  The monthly
 * report documents (report -f json outputs) of up to REPORT_YEAR_MAX
 * months are ordered by their period and turned into one series a month
 * -- availability against target, error rate, DAU, CSAT, open, new and
 * resolved problems, objectives met, credits due -- and a vendor
 * scorecard.  Months with no report are gaps (nulls), never filled in.
 * No I/O here. */
#ifndef UPKEEP_REPORT_YEAR_H
#define UPKEEP_REPORT_YEAR_H

#include <stddef.h>

#include <jansson.h>

#include "base/error.h"

/* The longest history, first month to last (gaps included). */
#define REPORT_YEAR_MAX 24

struct report_history;
struct report_history *report_history_new(void);
void report_history_free(struct report_history *h);

/* Adds one month's report from its JSON text; path names it in messages
 * and in the series.  Fails (-1, err set) when the text is not a JSON
 * object of tool "report", is itself a year view, its period is not one
 * calendar month, or a report of the same month was added already (both
 * files named). */
int report_history_add(struct report_history *h, const char *path,
		       const char *text, size_t len, struct error *err);
/* The same for a document already built (copied; this period's report). */
int report_history_add_doc(struct report_history *h, const char *path,
			   const json_t *doc, struct error *err);
/* The number of months added. */
size_t report_history_count(const struct report_history *h);

/* The year document (to json_decref): tool "report", version, generated,
 * period (the first month's start to the last month's end), inputs,
 * view "year", title (title, else the latest month's, else null), lang,
 * and "history": {"months": one object a month of the span, in order
 * (month, file -- null for a gap --, availability, availability_target,
 * availability_scope, availability_met, objectives_judged,
 * objectives_met, sla_met, credit, credits, error_rate, dau_avg, csat,
 * open_problems, new, resolved), "scorecard": {months, reported, judged,
 * met (months whose every objective judged was met), availability_judged,
 * availability_met (months whose worst availability met its target),
 * credit_total, credit_months, worst: {month, availability, target} or
 * null}}.  Fails when nothing was added or the span is longer than
 * REPORT_YEAR_MAX months.  lang: "en" or "zh". */
json_t *report_history_build(const struct report_history *h, const char *title,
			     const char *lang, struct error *err);

/* 1 when doc is a year document (view "year"). */
int report_is_year(const json_t *doc);

#endif
