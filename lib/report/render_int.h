/* render_int: what the renderers of render.h (report_md.c, report_txt.c,
 * report_html.c) share and nobody else needs; defined in render.c.  All
 * read the report document of report_build. */
#ifndef UPKEEP_REPORT_RENDER_INT_H
#define UPKEEP_REPORT_RENDER_INT_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "base/error.h"

/* A sparkline of doc's daily active users, averaged into at most maxw
 * characters (to free; "" without data); *lo and *hi get the lowest and
 * highest daily value. */
char *render_sparkline(const json_t *doc, size_t maxw, double *lo, double *hi);

/* 1 when the review metrics hold a change against a previous period
 * (some "<name>_change"), so that the Previous and Change columns show. */
int render_has_previous(const json_t *metrics);
/* The member name + suffix of metrics ("error_rate", "_previous"). */
const json_t *render_metric(const json_t *metrics, const char *name,
			    const char *suffix);

/* The severity label of a problem. */
const char *render_sev_word(const char *lang, const json_t *problem);
/* "open since 2026-09" ("自 2026-09 起") for a problem open before this
 * period (still open or unchecked, with an open_since), else "". */
/* Whether the "How to fix" of problem i of the list arr was shown with
 * an earlier one already (the same check and remedy): the full list says
 * it once a check, not once a ticket. */
int render_fix_repeated(const json_t *arr, size_t i);
void render_open_since(const char *lang, const json_t *problem, char *buf,
		       size_t size);
/* The tracking label of a problem, with render_open_since after it when
 * there is one: "still open, open since 2026-09"; "–" when untracked. */
void render_tracking(const char *lang, const json_t *problem, char *buf,
		     size_t size);
/* "total 5: critical 1, warning 3, info 1", and "; new 1, still open 3,
 * unchecked 1, resolved 2" when the document is tracked against a
 * previous one. */
void render_counts_line(const char *lang, const json_t *doc, char *buf,
			size_t size);

/* Of an SLA row: "met/breached/pending" tickets, or "–" for an objective
 * without tickets. */
void render_tickets(const json_t *row, char *buf, size_t size);
/* Of an SLA row: the yes/no label of "met", or "–". */
const char *render_met_word(const char *lang, const json_t *row);
/* A service credit (percent) as "10%", or "–" when not a number; returns
 * buf. */
const char *render_fmt_credit(const json_t *credit, char *buf, size_t size);
/* "Breaches: 1 (availability all). Credits due: 1 (10% availability all)."
 * with each objective name passed through esc (to free). */
char *render_sla_notes(const char *lang, const json_t *rows,
		       char *(*esc)(const char *));

/* 1 for an SLA row the availability chart draws: objective
 * "availability" with a numeric actual and target. */
int render_is_avail(const json_t *row);
/* The number of such rows in rows; *lo gets the low end of the chart's
 * scale [*lo, 1] (in [0, 0.99]). */
size_t render_avail_range(const json_t *rows, double *lo);

/* v as report_fmt_num writes it with `decimals` decimals; returns buf. */
const char *render_fmt_real(double v, int decimals, char *buf, size_t size);

/* The report's heading: "TITLE — Maintenance report" with doc's title,
 * else the label alone. */
void render_title(const char *lang, const json_t *doc, char *buf, size_t size);
/* The cells of a headline figure h: its label, value, target ("≥ 99.9%",
 * "≤ 5%", "–"), previous value, change and status word. */
void render_figure_cells(const char *lang, const json_t *h, char cells[6][64]);
/* One line of the top problems for group g (report_agenda's "top"): the
 * check and, for one problem, message (the renderer's sentence of the
 * group's "first"), else the count with its noun and the first three
 * subjects: "resolution: 9 tickets breached (NWS-1206, NWS-1215, …)", the
 * tickets counted without the compliance problems of priorities (to
 * free). */
char *render_group_text(const char *lang, const json_t *g, const char *message);

/* report_owner of p with the e-mail addresses left out ("R: Li Wei; A:
 * Ana Souza"), for the first page (to free). */
char *render_owner_names(const char *lang, const json_t *p);

/* Writes s HTML-escaped to fp, NULL or "" as "–" (report_html.c and
 * report_year_html.c). */
void render_html_put(FILE *fp, const char *s);

/* The end of every rendering: flushes fp; -1 with "write error" in err
 * when fp failed at any point. */
int render_finish(FILE *fp, struct error *err);

#endif
