/* render_year: what the renderers of the year view (report_year_txt.c,
 * report_year_html.c) share -- their words in the two languages, the
 * series they draw and each month's value as text; defined in
 * report_year_render.c.  All read the year document of
 * report_history_build. */
#ifndef UPKEEP_REPORT_RENDER_YEAR_H
#define UPKEEP_REPORT_RENDER_YEAR_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "base/error.h"

enum year_label {
	YL_TITLE, YL_SCORECARD, YL_TRENDS, YL_MONTH, YL_AVAIL, YL_TARGET,
	YL_MET, YL_OBJECTIVES, YL_CREDIT, YL_NO_REPORT, YL_NO_DATA,
	YL_MET_LINE, YL_AVAIL_LINE, YL_NONE_JUDGED, YL_CREDIT_LINE, YL_CREDIT_LINE1, YL_NO_CREDIT,
	YL_WORST_LINE, YL_NO_WORST, YL_GAPS_LINE, YL_TABLE,
	YL_S_AVAIL, YL_S_ERRORS, YL_S_DAU, YL_S_CSAT, YL_S_OPEN, YL_S_CREDIT,
	YL_D_AVAIL, YL_D_ERRORS, YL_D_DAU, YL_D_CSAT, YL_D_OPEN, YL_D_CREDIT,
	YL_NEW, YL_RESOLVED, YL_SCALE, YL_YES, YL_NO, YL_N
};
/* The label id in lang ("zh", else English). */
const char *year_label(const char *lang, enum year_label id);

/* The series a year view draws, in order. */
enum year_series {
	YS_AVAIL, YS_ERRORS, YS_DAU, YS_CSAT, YS_OPEN, YS_CREDIT, YS_N
};
/* The series' member of a month entry ("availability", ...). */
const char *year_series_key(enum year_series s);
/* Its title (YL_S_...) and its description (YL_D_...). */
enum year_label year_series_title(enum year_series s);
enum year_label year_series_desc(enum year_series s);
/* The scale of series s over the months: [*lo, *hi], *hi > *lo; 0 when
 * no month has a value. */
int year_series_scale(enum year_series s, const json_t *months, double *lo,
		      double *hi);
/* The share (0..1) of the bar of month entry e on [lo, hi]; -1 without
 * a value. */
double year_bar_share(enum year_series s, const json_t *e, double lo, double hi);
/* The value of month entry e in series s as text ("99.95% >= 99.9%",
 * "1.14%", "203.9", "71.3%", "62 (new 5, resolved 3)", "10%"); the
 * no-report or no-data label for a gap or a missing value.  Plain ASCII
 * but for the labels of zh.  Returns buf. */
const char *year_value_text(const char *lang, enum year_series s, const json_t *e,
			    char *buf, size_t size);
/* The cells of month entry e in the SLA table: month, availability,
 * target, SLA met, objectives met of judged, credit due ("" after the
 * month's "no report" for a gap). */
void year_sla_cells(const char *lang, const json_t *e, char c[6][64]);
/* 1 when month entry e is a gap (no report). */
int year_is_gap(const json_t *e);
/* The status of month e in series s: 'r' (availability below target,
 * credit due), 'g' (availability met), 'n' (no judgement). */
char year_mark(enum year_series s, const json_t *e);

/* The scorecard's sentences of the year document's history: months met
 * of months judged; months whose availability met its target; credits due in total and in how many months; the
 * worst month with its availability; the gaps (NULL when none).  Each to
 * free. */
void year_scorecard_lines(const char *lang, const json_t *hist, char *line[5]);

/* "scale 99% .. 100%; | marks the target" (to free). */
char *year_scale_line(const char *lang, const char *lo, const char *hi);

/* The year document's heading ("TITLE — Year view") in buf. */
void year_heading(const char *lang, const json_t *doc, char *buf, size_t size);
/* Its period: "2026-01 – 2026-12 (12 months)". */
void year_period(const char *lang, const json_t *doc, char *buf, size_t size);

#endif
