/* report_format: the figures of the report document as text, the same in
 * every rendering.  Each formatter writes into the caller's buffer and
 * returns it; a missing, null or non-finite value gives "–". */
#ifndef UPKEEP_REPORT_FORMAT_H
#define UPKEEP_REPORT_FORMAT_H

#include <stddef.h>

#include <jansson.h>

/* pct: a fraction as a percentage with up to `decimals` decimals
 * ("5.2%"); num: a number as the writer formats it, rounded to
 * `decimals`; dur: seconds as "1h 2m 3s"; metric: a review metric in its
 * unit; change: the signed change of metric name in a review's metrics
 * object (name_change), with its relative form (name_change_ratio) when
 * known: "+3 (+25%)", "-37.5 pp (-75%)", "+1" when the previous was 0;
 * up to two more decimals when the change would round to 0 ("-0.02 pp"). */
const char *report_fmt_pct(const json_t *v, int decimals, char *buf, size_t size);
const char *report_fmt_num(const json_t *v, int decimals, char *buf, size_t size);
const char *report_fmt_dur(const json_t *v, char *buf, size_t size);
const char *report_fmt_metric(const char *name, const json_t *v, char *buf, size_t size);
const char *report_fmt_change(const json_t *metrics, const char *name, char *buf, size_t size);
/* report_fmt_change with the word of percentage points in lang: "pp",
 * "个百分点". */
const char *report_fmt_change_in(const char *lang, const json_t *metrics,
				 const char *name, char *buf, size_t size);
/* A headline figure (report_agenda) and its change: availability as a
 * percentage with 3 decimals (change in pp alone), open_problems as a
 * count, the others as report_fmt_metric writes them.  The change of a
 * figure object (its "change" and "change_ratio") in lang: the absolute
 * form, then the relative one where people read it -- "-37.5 pp (-75%)"
 * for error rate, coverage and CSAT, "+12.5 (+8%)" for DAU, "-3 (-20%)"
 * for the open problems; availability ("+0.072 pp") and NPS ("+5")
 * alone; "–" without a change. */
const char *report_fmt_figure(const char *name, const json_t *v, char *buf, size_t size);
const char *report_fmt_figure_change(const char *lang, const json_t *figure,
				     char *buf, size_t size);
/* The string of a member, or NULL when absent or not a string. */
const char *report_str(const json_t *obj, const char *key);
/* The period of doc in local dates, the end shown inclusive: "October
 * 2026 (2026-10-01 – 2026-10-31)" for a calendar month ("2026年10月 (…)"
 * in zh), else "2026-09-07 – 2026-09-13"; a period judged to date (its
 * "until" before its "end") as "October 2026 (2026-10-01 –
 * 2026-10-31), to date 2026-10-05 06:00"; "–" without a period. */
void report_period_text(const json_t *doc, char *buf, size_t size);
/* The owner text of a problem in lang: "R: IT; A: PMO", or the
 * unassigned label (to free). */
char *report_owner(const char *lang, const json_t *problem);

#endif
