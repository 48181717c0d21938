/* report_txt: the report document as plain text for e-mail -- 80 columns,
 * tables fitted by narrowing their widest columns, bars drawn with block
 * characters.  Every text from the inputs goes through text_clean. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "report/render.h"
#include "report/render_int.h"
#include "report/report.h"
#include "report/report_format.h"
#include "report/report_label.h"
#include "report/report_say.h"

#define TXT_WIDTH 80
#define L(id) report_label(lang, (id))

static size_t width(const char *s)
{
	return utf8_width(s, strlen(s));
}

/* Length of the UTF-8 character at s (1 for a bad byte). */
static size_t char_len(const unsigned char *s)
{
	size_t n = *s < 0x80 ? 1 : *s >= 0xf0 ? 4 : *s >= 0xe0 ? 3 : *s >= 0xc0 ? 2 : 1;
	size_t i;

	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 1;
	return n;
}

/* Writes s padded or cut ("…") to exactly w columns. */
static void put_cell(FILE *fp, const char *s, size_t w, int right)
{
	size_t sw = width(s), used = 0;
	const char *p = s;

	if (sw <= w) {
		if (right)
			fprintf(fp, "%*s", (int)(w - sw), "");
		fputs(s, fp);
		if (!right)
			fprintf(fp, "%*s", (int)(w - sw), "");
		return;
	}
	if (w == 0)
		return;
	while (*p) {
		size_t cw, n = char_len((const unsigned char *)p);
		cw = utf8_width(p, n);
		if (used + cw > w - 1)
			break;
		fwrite(p, 1, n, fp);
		used += cw;
		p += n;
	}
	fputs("…", fp);
	used++;
	fprintf(fp, "%*s", (int)(w - used), "");
}

/* Writes text word-wrapped to TXT_WIDTH, every line indented by indent
 * columns (the first one too); long words are cut across lines. */
static void wrap(FILE *fp, const char *text, size_t indent)
{
	size_t avail = TXT_WIDTH - indent, col = 0;
	const char *p = text;

	while (*p == ' ')
		p++;
	if (!*p)
		return;
	fprintf(fp, "%*s", (int)indent, "");
	while (*p) {
		const char *w = p;
		size_t ww = 0, n;
		while (*p && *p != ' ') {
			n = char_len((const unsigned char *)p);
			ww += utf8_width(p, n);
			p += n;
		}
		if (col && col + 1 + ww > avail) {
			fprintf(fp, "\n%*s", (int)indent, "");
			col = 0;
		} else if (col) {
			fputc(' ', fp);
			col++;
		}
		while (w < p) {
			size_t cw;
			n = char_len((const unsigned char *)w);
			cw = utf8_width(w, n);
			if (col + cw > avail) {
				fprintf(fp, "\n%*s", (int)indent, "");
				col = 0;
			}
			fwrite(w, 1, n, fp);
			col += cw;
			w += n;
		}
		while (*p == ' ')
			p++;
	}
	fputc('\n', fp);
}

/* A table of nrows x ncols cells (row-major, already clean), the first row
 * the header, indented by 2 and fitted into TXT_WIDTH by narrowing the
 * widest columns.  right: 'r' per right-aligned column. */
static void txt_table(FILE *fp, const char *const *cells, size_t nrows,
		      size_t ncols, const char *right)
{
	size_t *w = xcalloc(ncols, sizeof *w);
	size_t i, j;

	for (i = 0; i < nrows; i++)
		for (j = 0; j < ncols; j++) {
			size_t x = width(cells[i * ncols + j]);
			if (x > w[j])
				w[j] = x;
		}
	for (;;) {
		size_t wide = 0, total = 2 + 2 * (ncols - 1);
		for (j = 0; j < ncols; j++)
			total += w[j];
		if (total <= TXT_WIDTH)
			break;
		for (j = 1; j < ncols; j++)
			if (w[j] > w[wide])
				wide = j;
		if (w[wide] <= 3)
			break;
		w[wide]--;
	}
	for (i = 0; i < nrows; i++) {
		fputs("  ", fp);
		for (j = 0; j < ncols; j++) {
			int last = j + 1 == ncols;
			int r = right && right[j] == 'r';
			if (last && !r && width(cells[i * ncols + j]) <= w[j])
				fputs(cells[i * ncols + j], fp);
			else
				put_cell(fp, cells[i * ncols + j], w[j], r);
			if (!last)
				fputs("  ", fp);
		}
		fputc('\n', fp);
	}
	free(w);
}

static void txt_heading(FILE *fp, const char *title, char under)
{
	size_t i, n = width(title);

	fprintf(fp, "%s\n", title);
	for (i = 0; i < n; i++)
		fputc(under, fp);
	fputc('\n', fp);
}

/* A bar of █ of v/max * w cells (at least one for v > 0), padded to w. */
static void bar(FILE *fp, double v, double max, size_t w)
{
	size_t n = 0, i;

	if (max > 0 && v > 0) {
		n = (size_t)lround(v / max * (double)w);
		if (n == 0)
			n = 1;
		if (n > w)
			n = w;
	}
	for (i = 0; i < n; i++)
		fputs("█", fp);
	fprintf(fp, "%*s", (int)(w - n), "");
}

/* "How to fix: REMEDY (LINK)" of p, wrapped at indent; nothing without a
 * remedy. */
static void txt_fix(FILE *fp, const char *lang, const json_t *p, size_t indent)
{
	const char *rem = report_str(p, "remedy"), *link = report_str(p, "link");
	char *r, *l, *line;
	size_t n;

	if (!rem || !*rem)
		return;
	r = text_clean(rem);
	l = text_clean(link ? link : "");
	n = strlen(r) + strlen(l) + 64;
	line = xmalloc(n);
	snprintf(line, n, "%s: %s%s%s%s", L(RL_HOW_TO_FIX), r, *l ? " (" : "", l, *l ? ")" : "");
	wrap(fp, line, indent);
	free(line);
	free(r);
	free(l);
}

/* The first page: headline figures, then the top problems. */
static void txt_agenda(FILE *fp, const char *lang, const json_t *doc)
{
	const json_t *h = json_object_get(doc, "headline");
	const json_t *top = json_object_get(doc, "top");
	size_t i, n = json_array_size(h), k;
	const char **cells = xcalloc((n + 1) * 6, sizeof *cells);
	char (*v)[6][64] = xcalloc(n ? n : 1, sizeof *v);

	txt_heading(fp, L(RL_HEADLINE), '-');
	cells[0] = L(RL_FIGURE);
	cells[1] = L(RL_VALUE);
	cells[2] = L(RL_TARGET);
	cells[3] = L(RL_PREVIOUS);
	cells[4] = L(RL_CHANGE);
	cells[5] = L(RL_STATUS);
	for (i = 0; i < n; i++) {
		render_figure_cells(lang, json_array_get(h, i), v[i]);
		for (k = 0; k < 6; k++)
			cells[6 * (i + 1) + k] = v[i][k];
	}
	txt_table(fp, cells, n + 1, 6, "lrrrrl");
	free(cells);
	free(v);
	fputc('\n', fp);
	txt_heading(fp, L(RL_TOP), '-');
	if (!json_array_size(top))
		fprintf(fp, "  %s\n", L(RL_NO_TOP));
	for (i = 0; i < json_array_size(top); i++) {
		const json_t *g = json_array_get(top, i);
		const json_t *first = json_array_get(json_object_get(doc, "problems"),
				(size_t)json_integer_value(json_object_get(g, "first")));
		char *say = report_say(lang, first);
		char *text = render_group_text(lang, g, say);
		char *own = render_owner_names(lang, g), *line, since[96];
		size_t len = strlen(text) + strlen(own) + 256;
		render_open_since(lang, first, since, sizeof since);
		line = xmalloc(len);
		snprintf(line, len, "%zu. [%s] %s", i + 1, render_sev_word(lang, g), text);
		{
			char *c = text_clean(line);
			wrap(fp, c, 4);
			free(c);
		}
		snprintf(line, len, "%s: %s%s%s", L(RL_OWNER), own, *since ? "; " : "", since);
		{
			char *c = text_clean(line);
			wrap(fp, c, 6);
			free(c);
		}
		txt_fix(fp, lang, g, 6);
		free(line);
		free(text);
		free(say);
		free(own);
	}
	fputc('\n', fp);
}

static void txt_problems(FILE *fp, const char *lang, const json_t *arr)
{
	size_t i;

	for (i = 0; i < json_array_size(arr); i++) {
		const json_t *p = json_array_get(arr, i);
		char *check = text_clean(report_str(p, "check"));
		char *subject = text_clean(report_str(p, "subject"));
		char *say = report_say(lang, p), *msg = text_clean(say);
		char *own = report_owner(lang, p), *owner = text_clean(own);
		const char *tr = report_str(p, "tracking");
		char head[1024], tag[64] = "";
		size_t tw;
		if (tr)
			snprintf(tag, sizeof tag, "[%s]", report_word(lang, tr));
		snprintf(head, sizeof head, "%s  %s", check, subject);
		tw = width(tag);
		fputs("  ", fp);
		put_cell(fp, render_sev_word(lang, p), 9, 0);
		fputs(" ", fp);
		/* 2 + 9 + 1 + head + (1 + tag) <= 80 */
		if (tw) {
			put_cell(fp, head, TXT_WIDTH - 12 - 1 - tw, 0);
			fprintf(fp, " %s\n", tag);
		} else if (width(head) > TXT_WIDTH - 12) {
			put_cell(fp, head, TXT_WIDTH - 12, 0);
			fputc('\n', fp);
		} else {
			fprintf(fp, "%s\n", head);
		}
		if (*msg)
			wrap(fp, msg, 12);
		{
			char ol[1024], since[96];
			render_open_since(lang, p, since, sizeof since);
			snprintf(ol, sizeof ol, "%s: %s%s%s", L(RL_OWNER), owner,
				 *since ? "; " : "", since);
			wrap(fp, ol, 12);
		}
		if (!render_fix_repeated(arr, i))
			txt_fix(fp, lang, p, 12);
		free(check);
		free(subject);
		free(msg);
		free(say);
		free(own);
		free(owner);
	}
}

static void txt_usage(FILE *fp, const char *lang, const json_t *doc)
{
	const json_t *u = json_object_get(doc, "usage");
	const json_t *m = json_object_get(u, "metrics");
	const json_t *unused = json_object_get(u, "unused_features");
	int prev = render_has_previous(m);
	size_t nc = prev ? 4 : 2, i, nrows = 1;
	const char **cells;
	char (*vals)[3][64];
	char *line;
	double lo, hi;
	json_t *top;

	txt_heading(fp, L(RL_USAGE_TITLE), '-');
	if (!json_is_object(u)) {
		fprintf(fp, "  %s\n\n", L(RL_NO_USAGE));
		return;
	}
	cells = xcalloc(14 * nc, sizeof *cells);
	vals = xcalloc(14, sizeof *vals);
	cells[0] = L(RL_METRIC);
	cells[1] = L(RL_VALUE);
	if (prev) {
		cells[2] = L(RL_PREVIOUS);
		cells[3] = L(RL_CHANGE);
	}
	for (i = 0; report_metric_names[i]; i++, nrows++) {
		const char *k = report_metric_names[i];
		const char **row = cells + nrows * nc;
		row[0] = L((enum report_label)(RL_M_FIRST + (int)i));
		row[1] = report_fmt_metric(k, render_metric(m, k, ""), vals[i][0], 64);
		if (prev) {
			row[2] = report_fmt_metric(k, render_metric(m, k, "_previous"), vals[i][1], 64);
			row[3] = report_fmt_change_in(lang, m, k, vals[i][2], 64);
		}
	}
	txt_table(fp, cells, nrows, nc, "lrrr");
	free(cells);
	free(vals);
	fputc('\n', fp);
	if (json_array_size(unused)) {
		size_t cap = 64, len = 0;
		char *s = xmalloc(cap);
		len = (size_t)snprintf(s, cap, "%s:", L(RL_UNUSED));
		if (len >= cap) {
			s = xrealloc(s, len + 1);
			snprintf(s, len + 1, "%s:", L(RL_UNUSED));
			cap = len + 1;
		}
		for (i = 0; i < json_array_size(unused); i++) {
			char *e = text_clean(json_string_value(json_array_get(unused, i)));
			size_t n = strlen(e);
			s = vec_reserve(s, &cap, len + n + 3, 1);
			memcpy(s + len, i ? ", " : " ", i ? 2 : 1);
			len += i ? 2 : 1;
			memcpy(s + len, e, n + 1);
			len += n;
			free(e);
		}
		wrap(fp, s, 2);
		fputc('\n', fp);
		free(s);
	}
	line = render_sparkline(doc, 62, &lo, &hi);
	if (*line) {
		char a[32], b[32];

		render_fmt_real(lo, 1, a, sizeof a);
		render_fmt_real(hi, 1, b, sizeof b);
		fprintf(fp, "  %s (%s–%s)\n  %s\n\n", L(RL_DAU_CHART), a, b, line);
	}
	free(line);
	top = report_top_features(doc, 10);
	if (json_array_size(top)) {
		double max = 0;
		for (i = 0; i < json_array_size(top); i++) {
			double e = json_number_value(json_object_get(json_array_get(top, i), "error_rate"));
			if (e > max)
				max = e;
		}
		fprintf(fp, "  %s\n", L(RL_FEATURES_TITLE));
		for (i = 0; i < json_array_size(top); i++) {
			const json_t *f = json_array_get(top, i);
			char *name = text_clean(report_str(f, "feature"));
			char pc[32];
			fputs("  ", fp);
			put_cell(fp, name, 24, 0);
			fputs("  ", fp);
			bar(fp, json_number_value(json_object_get(f, "error_rate")), max, 40);
			fprintf(fp, "  %s\n", report_fmt_pct(json_object_get(f, "error_rate"), 1, pc, sizeof pc));
			free(name);
		}
		fputc('\n', fp);
	}
	json_decref(top);
}

/* An availability bar: [lo, 1] over w cells, █ up to actual, | at target. */
static void avail_bar(FILE *fp, double actual, double target, double lo, size_t w)
{
	size_t i, a, t;
	double span = 1 - lo;

	a = (size_t)lround((actual - lo) / span * (double)w);
	t = (size_t)lround((target - lo) / span * (double)w);
	if (a > w)
		a = w;
	if (t >= w)
		t = w - 1;
	for (i = 0; i < w; i++)
		fputs(i == t ? "│" : i < a ? "█" : "·", fp);
}

static void txt_sla(FILE *fp, const char *lang, const json_t *doc)
{
	const json_t *s = json_object_get(doc, "sla");
	size_t n, i, k, nc = 9;
	const char **cells;
	char (*vals)[9][64];
	char **names;
	char *notes;
	double lo;

	txt_heading(fp, L(RL_SLA_TITLE), '-');
	if (!json_is_array(s)) {
		fprintf(fp, "  %s\n\n", L(RL_NO_SLA));
		return;
	}
	n = json_array_size(s);
	cells = xcalloc((n + 1) * nc, sizeof *cells);
	vals = xcalloc(n + 1, sizeof *vals);
	names = xcalloc(2 * (n + 1), sizeof *names);
	cells[0] = L(RL_OBJECTIVE);
	cells[1] = L(RL_SCOPE);
	cells[2] = L(RL_TARGET);
	cells[3] = L(RL_ACTUAL);
	cells[4] = L(RL_MET);
	cells[5] = L(RL_DOWNTIME);
	cells[6] = L(RL_ALLOWED);
	cells[7] = L(RL_CREDIT);
	cells[8] = L(RL_TICKETS);
	for (i = 0; i < n; i++) {
		const json_t *o = json_array_get(s, i);
		const char **row = cells + (i + 1) * nc;
		names[2 * i] = text_clean(report_str(o, "objective"));
		names[2 * i + 1] = text_clean(report_str(o, "scope"));
		row[0] = *names[2 * i] ? names[2 * i] : "–";
		row[1] = *names[2 * i + 1] ? names[2 * i + 1] : "–";
		row[2] = report_fmt_pct(json_object_get(o, "target"), 3, vals[i][0], 64);
		row[3] = report_fmt_pct(json_object_get(o, "actual"), 3, vals[i][1], 64);
		row[4] = render_met_word(lang, o);
		row[5] = report_fmt_dur(json_object_get(o, "downtime_s"), vals[i][2], 64);
		row[6] = report_fmt_dur(json_object_get(o, "allowed_downtime_s"), vals[i][3], 64);
		row[7] = render_fmt_credit(json_object_get(o, "credit"), vals[i][4], 64);
		render_tickets(o, vals[i][5], 64);
		row[8] = vals[i][5];
	}
	txt_table(fp, cells, n + 1, nc, "llrrlrrrr");
	notes = render_sla_notes(lang, s, text_clean);
	fputc('\n', fp);
	wrap(fp, notes, 2);
	free(notes);
	/* the chart: availability objectives with a target */
	if (render_avail_range(s, &lo)) {
		fprintf(fp, "\n  %s\n", L(RL_AVAIL_CHART));
		for (i = 0; i < n; i++) {
			const json_t *o = json_array_get(s, i);
			const json_t *a = json_object_get(o, "actual"), *t = json_object_get(o, "target");
			char pa[32], pt[32];
			if (!render_is_avail(o))
				continue;
			fputs("  ", fp);
			put_cell(fp, names[2 * i + 1], 16, 0);
			fputs("  ", fp);
			avail_bar(fp, json_number_value(a), json_number_value(t), lo, 36);
			fprintf(fp, "  %s / %s\n",
				report_fmt_pct(a, 3, pa, sizeof pa),
				report_fmt_pct(t, 3, pt, sizeof pt));
		}
	}
	fputc('\n', fp);
	for (k = 0; k < 2 * n; k++)
		free(names[k]);
	free(names);
	free(cells);
	free(vals);
}

static void txt_quality(FILE *fp, const char *lang, const json_t *doc)
{
	const json_t *q = json_object_get(doc, "data_quality");
	size_t n = json_array_size(q), i, k;
	const char **cells;
	char **own;
	char (*vals)[2][32];

	txt_heading(fp, L(RL_DQ), '-');
	if (!n) {
		fprintf(fp, "  %s\n", L(RL_NO_INPUTS));
		return;
	}
	cells = xcalloc((n + 1) * 5, sizeof *cells);
	own = xcalloc(3 * n, sizeof *own);
	vals = xcalloc(n, sizeof *vals);
	cells[0] = L(RL_TOOL);
	cells[1] = L(RL_FILE);
	cells[2] = L(RL_INPUT);
	cells[3] = L(RL_ROWS);
	cells[4] = L(RL_REJECTED);
	for (i = 0; i < n; i++) {
		const json_t *o = json_array_get(q, i);
		const char **row = cells + (i + 1) * 5;
		own[3 * i] = text_clean(report_str(o, "tool"));
		own[3 * i + 1] = text_clean(report_str(o, "file"));
		own[3 * i + 2] = text_clean(report_str(o, "input"));
		for (k = 0; k < 3; k++)
			row[k] = *own[3 * i + k] ? own[3 * i + k] : "–";
		row[3] = report_fmt_num(json_object_get(o, "rows"), 0, vals[i][0], 32);
		row[4] = report_fmt_num(json_object_get(o, "rejected"), 0, vals[i][1], 32);
	}
	txt_table(fp, cells, n + 1, 5, "lllrr");
	for (k = 0; k < 3 * n; k++)
		free(own[k]);
	free(own);
	free(cells);
	free(vals);
}

int report_render_txt(FILE *fp, const json_t *doc, struct error *err)
{
	const char *lang = report_str(doc, "lang");
	const json_t *areas = json_object_get(doc, "areas");
	const json_t *problems = json_object_get(doc, "problems");
	const json_t *resolved = json_object_get(doc, "resolved");
	size_t i, n = json_array_size(areas);
	const char **cells = xcalloc((n + 1) * 3, sizeof *cells);
	char **reasons = xcalloc(n ? n : 1, sizeof *reasons);
	char per[160], line[512], title[512];

	report_period_text(doc, per, sizeof per);
	render_title(lang, doc, title, sizeof title);
	{
		char *t = text_clean(title);
		txt_heading(fp, t, '=');
		free(t);
	}
	fprintf(fp, "%s: %s\n%s: %s\n\n", L(RL_PERIOD), per, L(RL_GENERATED),
		report_str(doc, "generated") ? report_str(doc, "generated") : "–");
	txt_agenda(fp, lang, doc);
	txt_heading(fp, L(RL_SUMMARY), '-');
	cells[0] = L(RL_AREA);
	cells[1] = L(RL_STATUS);
	cells[2] = L(RL_REASON);
	for (i = 0; i < n; i++) {
		const json_t *a = json_array_get(areas, i);
		reasons[i] = text_clean(report_str(a, "reason"));
		cells[3 * (i + 1)] = report_area_label(lang, report_str(a, "area"));
		cells[3 * (i + 1) + 1] = report_word(lang, report_str(a, "status"));
		cells[3 * (i + 1) + 2] = reasons[i];
	}
	txt_table(fp, cells, n + 1, 3, NULL);
	for (i = 0; i < n; i++)
		free(reasons[i]);
	free(reasons);
	free(cells);
	fputc('\n', fp);
	txt_usage(fp, lang, doc);
	txt_sla(fp, lang, doc);
	txt_heading(fp, L(RL_APPENDIX), '=');
	txt_heading(fp, L(RL_PROBLEMS), '-');
	render_counts_line(lang, doc, line, sizeof line);
	wrap(fp, line, 2);
	fputc('\n', fp);
	if (json_array_size(problems)) {
		txt_problems(fp, lang, problems);
		fputc('\n', fp);
	} else {
		fprintf(fp, "  %s\n\n", L(RL_NO_PROBLEMS));
	}
	if (json_is_array(resolved)) {
		fprintf(fp, "  %s:\n", L(RL_RESOLVED_TITLE));
		if (json_array_size(resolved))
			txt_problems(fp, lang, resolved);
		else
			fprintf(fp, "  %s\n", L(RL_NONE_RESOLVED));
		fputc('\n', fp);
	}
	txt_quality(fp, lang, doc);
	return render_finish(fp, err);
}
