/* report_text: the Markdown (GitHub tables) and plain-text (80 columns,
 * for e-mail) renderings of the report document.  Both read only the
 * document built by report_build; every text from the inputs goes through
 * text_md_escape or text_clean. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "report/render.h"
#include "report/render_int.h"
#include "report/report.h"
#include "report/report_format.h"
#include "report/report_label.h"
#include "base/utf8.h"
#include "base/xalloc.h"

#define TXT_WIDTH 80
#define L(id) report_label(lang, (id))

static const char *const spark[8] = {
	"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"
};

/* ---- shared pieces ---- */

/* The DAU values of doc's usage.daily, averaged into at most maxw buckets;
 * *n their number, *lo and *hi the extremes of the raw values. */
static double *dau_series(const json_t *doc, size_t maxw, size_t *n,
			  double *lo, double *hi)
{
	const json_t *d = json_object_get(json_object_get(doc, "usage"), "daily");
	size_t i, k, days = json_array_size(d), buckets;
	double *v;

	*n = 0;
	*lo = *hi = 0;
	if (!days)
		return NULL;
	buckets = days < maxw ? days : maxw;
	v = xcalloc(buckets, sizeof *v);
	for (k = 0; k < buckets; k++) {
		size_t a = k * days / buckets, b = (k + 1) * days / buckets, m = 0;
		double sum = 0;
		for (i = a; i < b; i++) {
			const json_t *x = json_object_get(json_array_get(d, i), "active_users");
			if (json_is_number(x) && isfinite(json_number_value(x))) {
				sum += json_number_value(x);
				m++;
			}
		}
		v[k] = m ? sum / (double)m : 0;
	}
	for (i = 0; i < days; i++) {
		const json_t *x = json_object_get(json_array_get(d, i), "active_users");
		double y = json_is_number(x) ? json_number_value(x) : 0;
		if (!isfinite(y))
			y = 0;
		if (i == 0 || y < *lo)
			*lo = y;
		if (i == 0 || y > *hi)
			*hi = y;
	}
	*n = buckets;
	return v;
}

/* A sparkline of the daily active users, to free ("" without data). */
static char *sparkline(const json_t *doc, size_t maxw, double *lo, double *hi)
{
	size_t n, i, j;
	double *v = dau_series(doc, maxw, &n, lo, hi);
	char *out = xmalloc(n * 3 + 1);
	size_t len = 0;

	for (i = 0; i < n; i++) {
		double span = *hi - *lo;
		j = span > 0 ? (size_t)lround((v[i] - *lo) / span * 7) : 3;
		if (j > 7)
			j = 7;
		memcpy(out + len, spark[j], 3);
		len += 3;
	}
	out[len] = '\0';
	free(v);
	return out;
}

static int has_previous(const json_t *metrics)
{
	size_t i;
	char key[64];

	for (i = 0; report_metric_names[i]; i++) {
		snprintf(key, sizeof key, "%s_change", report_metric_names[i]);
		if (json_object_get(metrics, key))
			return 1;
	}
	return 0;
}

static const json_t *metric_get(const json_t *m, const char *name, const char *suffix)
{
	char key[64];

	snprintf(key, sizeof key, "%s%s", name, suffix);
	return json_object_get(m, key);
}

static const char *sev_word(const char *lang, const json_t *p)
{
	return report_word(lang, report_str(p, "severity"));
}

static void tickets_text(const json_t *o, char *buf, size_t size)
{
	char a[20], b[20], c[20];

	if (!json_is_number(json_object_get(o, "tickets"))) {
		snprintf(buf, size, "–");
		return;
	}
	report_fmt_num(json_object_get(o, "met_count"), 0, a, sizeof a);
	report_fmt_num(json_object_get(o, "breached_count"), 0, b, sizeof b);
	report_fmt_num(json_object_get(o, "pending_count"), 0, c, sizeof c);
	snprintf(buf, size, "%s/%s/%s", a, b, c);
}

static const char *met_word(const char *lang, const json_t *o)
{
	const json_t *m = json_object_get(o, "met");

	if (json_is_true(m))
		return L(RL_YES);
	if (json_is_false(m))
		return L(RL_NO);
	return "–";
}

/* "objective scope" of an SLA row, raw (to escape). */
static char *objective_name(const json_t *o)
{
	const char *a = report_str(o, "objective"), *b = report_str(o, "scope");
	size_t n = strlen(a ? a : "–") + strlen(b ? b : "") + 2;
	char *s = xmalloc(n);

	snprintf(s, n, "%s%s%s", a ? a : "–", b ? " " : "", b ? b : "");
	return s;
}

static void cat(char **out, size_t *cap, size_t *len, const char *s)
{
	size_t n = strlen(s);

	*out = vec_reserve(*out, cap, *len + n + 1, 1);
	memcpy(*out + *len, s, n + 1);
	*len += n;
}

/* "Breaches: 1 (availability all). Credits due: 1 (10% availability all)."
 * with each name passed through esc.  To free. */
static char *sla_notes(const char *lang, const json_t *rows,
		       char *(*esc)(const char *))
{
	size_t i, cap = 0, len = 0;
	char *out = NULL, num[48];
	int pass;

	cat(&out, &cap, &len, "");
	for (pass = 0; pass < 2; pass++) {
		size_t n = 0;
		for (i = 0; i < json_array_size(rows); i++) {
			const json_t *o = json_array_get(rows, i);
			const json_t *cr = json_object_get(o, "credit");
			if (pass == 0 ? !json_is_false(json_object_get(o, "met"))
			    : !(json_is_number(cr) && json_number_value(cr) > 0))
				continue;
			n++;
		}
		snprintf(num, sizeof num, "%zu", n);
		cat(&out, &cap, &len, pass ? " " : "");
		cat(&out, &cap, &len, L(pass ? RL_CREDITS_DUE : RL_BREACHES));
		cat(&out, &cap, &len, ": ");
		cat(&out, &cap, &len, num);
		for (i = 0, n = 0; i < json_array_size(rows); i++) {
			const json_t *o = json_array_get(rows, i);
			const json_t *cr = json_object_get(o, "credit");
			char *name, *e;
			if (pass == 0 ? !json_is_false(json_object_get(o, "met"))
			    : !(json_is_number(cr) && json_number_value(cr) > 0))
				continue;
			cat(&out, &cap, &len, n++ ? ", " : " (");
			if (pass) {
				report_fmt_num(cr, 2, num, sizeof num - 2);
				strcat(num, "% ");
				cat(&out, &cap, &len, num);
			}
			name = objective_name(o);
			e = esc(name);
			cat(&out, &cap, &len, e);
			free(name);
			free(e);
		}
		cat(&out, &cap, &len, n ? ")." : ".");
	}
	return out;
}

/* ---- Markdown ---- */

static void md_row(FILE *fp, const char *const *cells, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fprintf(fp, "| %s ", cells[i]);
	fputs("|\n", fp);
}

static void md_head(FILE *fp, const char *const *cells, size_t n, const char *align)
{
	size_t i;

	md_row(fp, cells, n);
	for (i = 0; i < n; i++)
		fputs(align && align[i] == 'r' ? "|---:" : "|---", fp);
	fputs("|\n", fp);
}

static void md_problems(FILE *fp, const char *lang, const json_t *arr, int tracked)
{
	const char *head[6];
	size_t i, n = tracked ? 6 : 5;

	head[0] = L(RL_SEVERITY);
	head[1] = L(RL_CHECK);
	head[2] = L(RL_SUBJECT);
	head[3] = L(RL_MESSAGE);
	head[4] = L(RL_OWNER);
	head[5] = L(RL_TRACKING);
	md_head(fp, head, n, NULL);
	for (i = 0; i < json_array_size(arr); i++) {
		const json_t *p = json_array_get(arr, i);
		char *owner = report_owner(lang, p);
		char *c[6];
		const char *cc[6];
		size_t k;
		c[0] = text_md_escape(sev_word(lang, p));
		c[1] = text_md_escape(report_str(p, "check"));
		c[2] = text_md_escape(report_str(p, "subject"));
		c[3] = text_md_escape(report_str(p, "message"));
		c[4] = text_md_escape(owner);
		c[5] = text_md_escape(report_word(lang, report_str(p, "tracking")));
		for (k = 0; k < 6; k++)
			cc[k] = c[k];
		md_row(fp, cc, n);
		for (k = 0; k < 6; k++)
			free(c[k]);
		free(owner);
	}
}

static void counts_line(const char *lang, const json_t *doc, char *buf, size_t size)
{
	const json_t *c = json_object_get(doc, "counts");
	char a[4][32], t[3][32];

	report_fmt_num(json_object_get(c, "problems"), 0, a[0], sizeof a[0]);
	report_fmt_num(json_object_get(c, "critical"), 0, a[1], sizeof a[1]);
	report_fmt_num(json_object_get(c, "warning"), 0, a[2], sizeof a[2]);
	report_fmt_num(json_object_get(c, "info"), 0, a[3], sizeof a[3]);
	if (json_is_number(json_object_get(c, "new"))) {
		report_fmt_num(json_object_get(c, "new"), 0, t[0], sizeof t[0]);
		report_fmt_num(json_object_get(c, "still_open"), 0, t[1], sizeof t[1]);
		report_fmt_num(json_object_get(c, "resolved"), 0, t[2], sizeof t[2]);
		snprintf(buf, size, "%s %s: %s %s, %s %s, %s %s; %s %s, %s %s, %s %s",
			 L(RL_TOTAL), a[0], L(RL_CRITICAL), a[1], L(RL_WARNING), a[2],
			 L(RL_INFO), a[3], L(RL_NEW), t[0], L(RL_STILL_OPEN), t[1],
			 L(RL_RESOLVED), t[2]);
	} else {
		snprintf(buf, size, "%s %s: %s %s, %s %s, %s %s",
			 L(RL_TOTAL), a[0], L(RL_CRITICAL), a[1], L(RL_WARNING), a[2],
			 L(RL_INFO), a[3]);
	}
}

/* A figure of the text charts, as report_fmt_num writes it. */
static void fmt_real(double v, char *buf, size_t size)
{
	json_t *x = json_real(v);

	report_fmt_num(x, 1, buf, size);
	json_decref(x);
}

static void md_usage(FILE *fp, const char *lang, const json_t *doc)
{
	const json_t *u = json_object_get(doc, "usage");
	const json_t *m = json_object_get(u, "metrics");
	const json_t *unused = json_object_get(u, "unused_features");
	json_t *top;
	int prev = has_previous(m);
	const char *head[4];
	size_t i;
	char *line;
	double lo, hi;

	fprintf(fp, "## %s\n\n", L(RL_USAGE_TITLE));
	if (!json_is_object(u)) {
		fprintf(fp, "%s\n\n", L(RL_NO_USAGE));
		return;
	}
	head[0] = L(RL_METRIC);
	head[1] = L(RL_VALUE);
	head[2] = L(RL_PREVIOUS);
	head[3] = L(RL_CHANGE);
	md_head(fp, head, prev ? 4 : 2, "lrrr");
	for (i = 0; report_metric_names[i]; i++) {
		const char *k = report_metric_names[i];
		char v[3][64];
		const char *c[4];
		c[0] = L((enum report_label)(RL_M_FIRST + (int)i));
		c[1] = report_fmt_metric(k, metric_get(m, k, ""), v[0], sizeof v[0]);
		c[2] = report_fmt_metric(k, metric_get(m, k, "_previous"), v[1], sizeof v[1]);
		c[3] = report_fmt_change(k, metric_get(m, k, "_change"), v[2], sizeof v[2]);
		md_row(fp, c, prev ? 4 : 2);
	}
	fputc('\n', fp);
	if (json_array_size(unused)) {
		fprintf(fp, "%s: ", L(RL_UNUSED));
		for (i = 0; i < json_array_size(unused); i++) {
			char *e = text_md_escape(json_string_value(json_array_get(unused, i)));
			fprintf(fp, "%s%s", i ? ", " : "", e);
			free(e);
		}
		fputs("\n\n", fp);
	}
	line = sparkline(doc, 62, &lo, &hi);
	if (*line) {
		char a[32], b[32];

		fmt_real(lo, a, sizeof a);
		fmt_real(hi, b, sizeof b);
		fprintf(fp, "%s: %s (%s–%s)\n\n", L(RL_DAU_CHART), line, a, b);
	}
	free(line);
	top = report_top_features(doc, 10);
	if (json_array_size(top)) {
		const char *h[6];
		fprintf(fp, "### %s\n\n", L(RL_FEATURES_TITLE));
		h[0] = L(RL_FEATURE);
		h[1] = L(RL_EVENTS);
		h[2] = L(RL_USERS);
		h[3] = L(RL_ERRORS);
		h[4] = L(RL_ERROR_RATE);
		h[5] = "p95 ms";
		md_head(fp, h, 6, "lrrrrr");
		for (i = 0; i < json_array_size(top); i++) {
			const json_t *f = json_array_get(top, i);
			char v[5][64];
			char *name = text_md_escape(report_str(f, "feature"));
			const char *c[6];
			c[0] = name;
			c[1] = report_fmt_num(json_object_get(f, "events"), 0, v[0], sizeof v[0]);
			c[2] = report_fmt_num(json_object_get(f, "users"), 0, v[1], sizeof v[1]);
			c[3] = report_fmt_num(json_object_get(f, "errors"), 0, v[2], sizeof v[2]);
			c[4] = report_fmt_pct(json_object_get(f, "error_rate"), 1, v[3], sizeof v[3]);
			c[5] = report_fmt_num(json_object_get(f, "p95_ms"), 0, v[4], sizeof v[4]);
			md_row(fp, c, 6);
			free(name);
		}
		fputc('\n', fp);
	}
	json_decref(top);
}

static void md_sla(FILE *fp, const char *lang, const json_t *doc)
{
	const json_t *s = json_object_get(doc, "sla");
	const char *h[11];
	size_t i;
	char *notes;

	fprintf(fp, "## %s\n\n", L(RL_SLA_TITLE));
	if (!json_is_array(s)) {
		fprintf(fp, "%s\n\n", L(RL_NO_SLA));
		return;
	}
	h[0] = L(RL_OBJECTIVE);
	h[1] = L(RL_SCOPE);
	h[2] = L(RL_TARGET);
	h[3] = L(RL_ACTUAL);
	h[4] = L(RL_MET);
	h[5] = L(RL_DOWNTIME);
	h[6] = L(RL_ALLOWED);
	h[7] = L(RL_BUDGET);
	h[8] = L(RL_BURN);
	h[9] = L(RL_CREDIT);
	h[10] = L(RL_TICKETS);
	md_head(fp, h, 11, "llrrlrrrrrr");
	for (i = 0; i < json_array_size(s); i++) {
		const json_t *o = json_array_get(s, i);
		char v[8][64], *a = text_md_escape(report_str(o, "objective"));
		char *b = text_md_escape(report_str(o, "scope"));
		const char *c[11];
		c[0] = a;
		c[1] = b;
		c[2] = report_fmt_pct(json_object_get(o, "target"), 3, v[0], sizeof v[0]);
		c[3] = report_fmt_pct(json_object_get(o, "actual"), 3, v[1], sizeof v[1]);
		c[4] = met_word(lang, o);
		c[5] = report_fmt_dur(json_object_get(o, "downtime_s"), v[2], sizeof v[2]);
		c[6] = report_fmt_dur(json_object_get(o, "allowed_downtime_s"), v[3], sizeof v[3]);
		c[7] = report_fmt_dur(json_object_get(o, "budget_remaining_s"), v[4], sizeof v[4]);
		c[8] = report_fmt_num(json_object_get(o, "burn_rate"), 2, v[5], sizeof v[5]);
		if (json_is_number(json_object_get(o, "credit"))) {
			report_fmt_num(json_object_get(o, "credit"), 2, v[6], sizeof v[6] - 1);
			strcat(v[6], "%");
		} else {
			snprintf(v[6], sizeof v[6], "–");
		}
		c[9] = v[6];
		tickets_text(o, v[7], sizeof v[7]);
		c[10] = v[7];
		md_row(fp, c, 11);
		free(a);
		free(b);
	}
	notes = sla_notes(lang, s, text_md_escape);
	fprintf(fp, "\n%s\n\n", notes);
	free(notes);
}

static void md_quality(FILE *fp, const char *lang, const json_t *doc)
{
	const json_t *q = json_object_get(doc, "data_quality");
	const char *h[5];
	size_t i;

	fprintf(fp, "## %s\n\n", L(RL_DQ));
	if (!json_array_size(q)) {
		fprintf(fp, "%s\n", L(RL_NO_INPUTS));
		return;
	}
	h[0] = L(RL_TOOL);
	h[1] = L(RL_FILE);
	h[2] = L(RL_INPUT);
	h[3] = L(RL_ROWS);
	h[4] = L(RL_REJECTED);
	md_head(fp, h, 5, "lllrr");
	for (i = 0; i < json_array_size(q); i++) {
		const json_t *o = json_array_get(q, i);
		char v[2][64];
		char *a = text_md_escape(report_str(o, "tool"));
		char *b = text_md_escape(report_str(o, "file"));
		char *c = text_md_escape(report_str(o, "input"));
		const char *cells[5];
		cells[0] = a;
		cells[1] = b;
		cells[2] = c;
		cells[3] = report_fmt_num(json_object_get(o, "rows"), 0, v[0], sizeof v[0]);
		cells[4] = report_fmt_num(json_object_get(o, "rejected"), 0, v[1], sizeof v[1]);
		md_row(fp, cells, 5);
		free(a);
		free(b);
		free(c);
	}
}

int report_render_md(FILE *fp, const json_t *doc, struct error *err)
{
	const char *lang = report_str(doc, "lang");
	const json_t *areas = json_object_get(doc, "areas");
	const json_t *problems = json_object_get(doc, "problems");
	const json_t *resolved = json_object_get(doc, "resolved");
	const char *h[3];
	char per[160], line[512];
	size_t i;

	report_period_text(doc, per, sizeof per);
	fprintf(fp, "# %s\n\n", L(RL_TITLE));
	fprintf(fp, "%s: %s  \n%s: %s\n\n", L(RL_PERIOD), per, L(RL_GENERATED),
		report_str(doc, "generated") ? report_str(doc, "generated") : "–");
	fprintf(fp, "## %s\n\n", L(RL_SUMMARY));
	h[0] = L(RL_AREA);
	h[1] = L(RL_STATUS);
	h[2] = L(RL_REASON);
	md_head(fp, h, 3, NULL);
	for (i = 0; i < json_array_size(areas); i++) {
		const json_t *a = json_array_get(areas, i);
		char st[128], *reason = text_md_escape(report_str(a, "reason"));
		const char *c[3];
		snprintf(st, sizeof st, "**%s**", report_word(lang, report_str(a, "status")));
		c[0] = report_area_label(lang, report_str(a, "area"));
		c[1] = st;
		c[2] = reason;
		md_row(fp, c, 3);
		free(reason);
	}
	fprintf(fp, "\n## %s\n\n", L(RL_PROBLEMS));
	counts_line(lang, doc, line, sizeof line);
	fprintf(fp, "%s\n\n", line);
	if (json_array_size(problems)) {
		md_problems(fp, lang, problems, json_is_array(resolved));
		fputc('\n', fp);
	} else {
		fprintf(fp, "%s\n\n", L(RL_NO_PROBLEMS));
	}
	if (json_is_array(resolved)) {
		fprintf(fp, "### %s\n\n", L(RL_RESOLVED_TITLE));
		if (json_array_size(resolved)) {
			md_problems(fp, lang, resolved, 0);
			fputc('\n', fp);
		} else {
			fprintf(fp, "%s\n\n", L(RL_NONE_RESOLVED));
		}
	}
	md_usage(fp, lang, doc);
	md_sla(fp, lang, doc);
	md_quality(fp, lang, doc);
	return render_finish(fp, err);
}

/* ---- plain text ---- */

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
	size_t sw = width(s), used = 0, n;
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
		size_t cw;
		n = char_len((const unsigned char *)p);
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
	size_t i, j, total;

	for (i = 0; i < nrows; i++)
		for (j = 0; j < ncols; j++) {
			size_t x = width(cells[i * ncols + j]);
			if (x > w[j])
				w[j] = x;
		}
	for (;;) {
		size_t wide = 0;
		total = 2 + 2 * (ncols - 1);
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

static void txt_problems(FILE *fp, const char *lang, const json_t *arr)
{
	size_t i;

	for (i = 0; i < json_array_size(arr); i++) {
		const json_t *p = json_array_get(arr, i);
		char *check = text_clean(report_str(p, "check"));
		char *subject = text_clean(report_str(p, "subject"));
		char *msg = text_clean(report_str(p, "message"));
		char *own = report_owner(lang, p), *owner = text_clean(own);
		const char *tr = report_str(p, "tracking");
		char head[1024], tag[64] = "";
		size_t tw;
		if (tr)
			snprintf(tag, sizeof tag, "[%s]", report_word(lang, tr));
		snprintf(head, sizeof head, "%s  %s", check, subject);
		tw = width(tag);
		fputs("  ", fp);
		put_cell(fp, sev_word(lang, p), 9, 0);
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
			char ol[1024];
			snprintf(ol, sizeof ol, "%s: %s", L(RL_OWNER), owner);
			wrap(fp, ol, 12);
		}
		free(check);
		free(subject);
		free(msg);
		free(own);
		free(owner);
	}
}

static void txt_usage(FILE *fp, const char *lang, const json_t *doc)
{
	const json_t *u = json_object_get(doc, "usage");
	const json_t *m = json_object_get(u, "metrics");
	const json_t *unused = json_object_get(u, "unused_features");
	int prev = has_previous(m);
	size_t nc = prev ? 4 : 2, i, j, nrows = 1;
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
		row[1] = report_fmt_metric(k, metric_get(m, k, ""), vals[i][0], 64);
		if (prev) {
			row[2] = report_fmt_metric(k, metric_get(m, k, "_previous"), vals[i][1], 64);
			row[3] = report_fmt_change(k, metric_get(m, k, "_change"), vals[i][2], 64);
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
	line = sparkline(doc, 62, &lo, &hi);
	if (*line) {
		char a[32], b[32];

		fmt_real(lo, a, sizeof a);
		fmt_real(hi, b, sizeof b);
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
	(void)j;
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
	size_t n, i, k, nc = 9, navail = 0;
	const char **cells;
	char (*vals)[9][64];
	char **names;
	char *notes;
	double lo = 1;

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
		row[4] = met_word(lang, o);
		row[5] = report_fmt_dur(json_object_get(o, "downtime_s"), vals[i][2], 64);
		row[6] = report_fmt_dur(json_object_get(o, "allowed_downtime_s"), vals[i][3], 64);
		if (json_is_number(json_object_get(o, "credit"))) {
			report_fmt_num(json_object_get(o, "credit"), 2, vals[i][4], 62);
			strcat(vals[i][4], "%");
		} else {
			snprintf(vals[i][4], 64, "–");
		}
		row[7] = vals[i][4];
		tickets_text(o, vals[i][5], 64);
		row[8] = vals[i][5];
	}
	txt_table(fp, cells, n + 1, nc, "llrrlrrrr");
	notes = sla_notes(lang, s, text_clean);
	fputc('\n', fp);
	wrap(fp, notes, 2);
	free(notes);
	/* the chart: availability objectives with a target */
	for (i = 0; i < n; i++) {
		const json_t *o = json_array_get(s, i);
		const json_t *a = json_object_get(o, "actual"), *t = json_object_get(o, "target");
		const char *obj = report_str(o, "objective");
		if (!obj || strcmp(obj, "availability") != 0 || !json_is_number(a) ||
		    !json_is_number(t))
			continue;
		navail++;
		if (json_number_value(a) < lo)
			lo = json_number_value(a);
		if (json_number_value(t) < lo)
			lo = json_number_value(t);
	}
	if (navail) {
		lo = 1 - 2 * (1 - lo);
		if (lo < 0)
			lo = 0;
		if (lo > 0.99)
			lo = 0.99;
		fprintf(fp, "\n  %s\n", L(RL_AVAIL_CHART));
		for (i = 0; i < n; i++) {
			const json_t *o = json_array_get(s, i);
			const json_t *a = json_object_get(o, "actual"), *t = json_object_get(o, "target");
			const char *obj = report_str(o, "objective");
			char pa[32], pt[32];
			if (!obj || strcmp(obj, "availability") != 0 || !json_is_number(a) ||
			    !json_is_number(t))
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
	char per[160], line[512];

	report_period_text(doc, per, sizeof per);
	txt_heading(fp, L(RL_TITLE), '=');
	fprintf(fp, "%s: %s\n%s: %s\n\n", L(RL_PERIOD), per, L(RL_GENERATED),
		report_str(doc, "generated") ? report_str(doc, "generated") : "–");
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
	txt_heading(fp, L(RL_PROBLEMS), '-');
	counts_line(lang, doc, line, sizeof line);
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
	txt_usage(fp, lang, doc);
	txt_sla(fp, lang, doc);
	txt_quality(fp, lang, doc);
	return render_finish(fp, err);
}
