/* report_year_txt: the year view as plain text and as Markdown.  Its
 * charts are plain ASCII -- '#' for the bar, '.' for the rest of the
 * scale, '|' at the availability target -- so that they read the same on
 * TERM=dumb, a serial console or in a mail; the value stands beside each
 * bar and a month without a report is a gap, labelled, never filled. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include "base/text.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "io/jbuild.h"
#include "report/render.h"
#include "report/render_int.h"
#include "report/render_year.h"
#include "report/report_format.h"
#include "report/report_label.h"

#define Y(id) year_label(lang, (id))
/* The width of a chart's bar, in characters. */
#define BAR_W 32

static size_t width(const char *s)
{
	return utf8_width(s, strlen(s));
}

/* s padded with spaces to w columns (right-aligned when right). */
static void cell(FILE *fp, const char *s, size_t w, int right)
{
	size_t n = width(s);

	if (right)
		fprintf(fp, "%*s%s", (int)(w > n ? w - n : 0), "", s);
	else
		fprintf(fp, "%s%*s", s, (int)(w > n ? w - n : 0), "");
}

/* One ASCII chart: a line a month, "  2026-01  ####....|..  VALUE"; a bar
 * of round(share * BAR_W) characters, at least one for a share above 0;
 * of availability, one short of the target's '|' when below it and one
 * past it when it is met. */
static void text_chart(FILE *fp, const char *lang, const json_t *months,
		       enum year_series s, const char *indent)
{
	const json_t *e;
	double lo, hi;
	size_t i, j;
	char v[96];

	if (!year_series_scale(s, months, &lo, &hi)) {
		fprintf(fp, "%s%s\n", indent, Y(YL_NO_DATA));
		return;
	}
	json_array_foreach(months, i, e) {
		double f = year_bar_share(s, e, lo, hi);
		size_t n, tp = BAR_W;
		const json_t *tg = json_object_get(e, "availability_target");
		fprintf(fp, "%s%s  ", indent, report_str(e, "month"));
		year_value_text(lang, s, e, v, sizeof v);
		if (f < 0) {
			fprintf(fp, "%*s  %s\n", BAR_W, "", v);
			continue;
		}
		n = (size_t)lround(f * BAR_W);
		if (n == 0 && f > 0)
			n = 1;
		if (s == YS_AVAIL && json_is_number(tg)) {
			double t = (json_number_value(tg) - lo) / (hi - lo);
			tp = t < 0 ? 0 : (size_t)lround(t * BAR_W);
			if (tp >= BAR_W)
				tp = BAR_W - 1;
			/* at this resolution a bar must not seem to reach the
			 * target it misses, nor stop short of one it met */
			if (json_number_value(json_object_get(e, "availability")) < json_number_value(tg)) {
				if (n >= tp)
					n = tp > 0 ? tp - 1 : 0;
			} else if (n <= tp + 1) {
				n = tp + 2 < BAR_W ? tp + 2 : BAR_W;
			}
		}
		for (j = 0; j < BAR_W; j++)
			fputc(j == tp ? '|' : j < n ? '#' : '.', fp);
		fprintf(fp, "  %s\n", v);
	}
	if (s == YS_AVAIL) {
		json_t *l = jnum(lo), *h = jnum(hi);
		char a[32], b[32], *sc;
		sc = year_scale_line(lang, report_fmt_pct(l, 3, a, sizeof a),
				     report_fmt_pct(h, 3, b, sizeof b));
		fprintf(fp, "%s(%s)\n", indent, sc);
		free(sc);
		json_decref(l);
		json_decref(h);
	}
}

/* The SLA table as aligned text columns. */
static void txt_sla_table(FILE *fp, const char *lang, const json_t *months)
{
	const char *h[6] = { Y(YL_MONTH), Y(YL_AVAIL), Y(YL_TARGET), Y(YL_MET),
			     Y(YL_OBJECTIVES), Y(YL_CREDIT) };
	size_t n = json_array_size(months), i, j, w[6];
	char (*c)[6][64] = xcalloc(n ? n : 1, sizeof *c);

	for (j = 0; j < 6; j++)
		w[j] = width(h[j]);
	for (i = 0; i < n; i++) {
		year_sla_cells(lang, json_array_get(months, i), c[i]);
		for (j = 0; j < 6; j++)
			if (width(c[i][j]) > w[j] && !(j == 1 && year_is_gap(json_array_get(months, i))))
				w[j] = width(c[i][j]);
	}
	fputs("  ", fp);
	for (j = 0; j < 6; j++) {
		cell(fp, h[j], w[j], j > 0 && j != 3);
		fputs(j < 5 ? "  " : "\n", fp);
	}
	for (i = 0; i < n; i++) {
		fputs("  ", fp);
		if (year_is_gap(json_array_get(months, i))) {
			cell(fp, c[i][0], w[0], 0);
			fprintf(fp, "  %s\n", c[i][1]);
			continue;
		}
		for (j = 0; j < 6; j++) {
			cell(fp, c[i][j], w[j], j > 0 && j != 3);
			fputs(j < 5 ? "  " : "\n", fp);
		}
	}
	free(c);
}

static void heading(FILE *fp, const char *t, char under)
{
	size_t i, n = width(t);

	fprintf(fp, "%s\n", t);
	for (i = 0; i < n; i++)
		fputc(under, fp);
	fputc('\n', fp);
}

int report_render_year_txt(FILE *fp, const json_t *doc, struct error *err)
{
	const char *lang = report_str(doc, "lang");
	const json_t *hist = json_object_get(doc, "history");
	const json_t *months = json_object_get(hist, "months");
	char title[512], per[160], *line[5], *t;
	int s;
	size_t i;

	year_heading(lang, doc, title, sizeof title);
	t = text_clean(title);
	heading(fp, t, '=');
	free(t);
	year_period(lang, doc, per, sizeof per);
	fprintf(fp, "%s: %s\n%s: %s\n\n", report_label(lang, RL_PERIOD), per,
		report_label(lang, RL_GENERATED),
		report_str(doc, "generated") ? report_str(doc, "generated") : "–");
	heading(fp, Y(YL_SCORECARD), '-');
	year_scorecard_lines(lang, hist, line);
	for (i = 0; i < 5; i++)
		if (line[i]) {
			fprintf(fp, "  %s\n", line[i]);
			free(line[i]);
		}
	fputc('\n', fp);
	txt_sla_table(fp, lang, months);
	fputc('\n', fp);
	heading(fp, Y(YL_TRENDS), '-');
	for (s = 0; s < YS_N; s++) {
		fprintf(fp, "  %s\n", Y(year_series_title((enum year_series)s)));
		text_chart(fp, lang, months, (enum year_series)s, "  ");
		fputc('\n', fp);
	}
	return render_finish(fp, err);
}

int report_render_year_md(FILE *fp, const json_t *doc, struct error *err)
{
	const char *lang = report_str(doc, "lang");
	const json_t *hist = json_object_get(doc, "history");
	const json_t *months = json_object_get(hist, "months");
	char title[512], per[160], *line[5], *t, c[6][64];
	int s;
	size_t i, j;

	year_heading(lang, doc, title, sizeof title);
	t = text_md_escape(title);
	fprintf(fp, "# %s\n\n", t);
	free(t);
	year_period(lang, doc, per, sizeof per);
	fprintf(fp, "%s: %s  \n%s: %s\n\n", report_label(lang, RL_PERIOD), per,
		report_label(lang, RL_GENERATED),
		report_str(doc, "generated") ? report_str(doc, "generated") : "–");
	fprintf(fp, "## %s\n\n", Y(YL_SCORECARD));
	year_scorecard_lines(lang, hist, line);
	for (i = 0; i < 5; i++)
		if (line[i]) {
			fprintf(fp, "- %s\n", line[i]);
			free(line[i]);
		}
	fprintf(fp, "\n| %s | %s | %s | %s | %s | %s |\n|---|---:|---:|---|---:|---:|\n",
		Y(YL_MONTH), Y(YL_AVAIL), Y(YL_TARGET), Y(YL_MET), Y(YL_OBJECTIVES), Y(YL_CREDIT));
	for (i = 0; i < json_array_size(months); i++) {
		year_sla_cells(lang, json_array_get(months, i), c);
		for (j = 0; j < 6; j++)
			fprintf(fp, "| %s ", c[j][0] ? c[j] : "–");
		fputs("|\n", fp);
	}
	fprintf(fp, "\n## %s\n\n", Y(YL_TRENDS));
	for (s = 0; s < YS_N; s++) {
		fprintf(fp, "### %s\n\n```text\n", Y(year_series_title((enum year_series)s)));
		text_chart(fp, lang, months, (enum year_series)s, "");
		fputs("```\n\n", fp);
	}
	return render_finish(fp, err);
}
