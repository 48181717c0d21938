/* render: the pieces the report renderers share (render_int.h): the DAU
 * sparkline, the metric and SLA helpers, the notes and counts lines, the
 * availability chart scale; and the JSON rendering, which is the document
 * itself through the common writer (-f json). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/jbuild.h"
#include "base/sbuf.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "io/writer.h"
#include "report/render.h"
#include "report/render_int.h"
#include "report/report_format.h"
#include "report/report_label.h"

#define L(id) report_label(lang, (id))

/* ---- the daily active users ---- */

static const char *const spark[8] = {
	"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"
};

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

char *render_sparkline(const json_t *doc, size_t maxw, double *lo, double *hi)
{
	size_t n, i;
	double *v = dau_series(doc, maxw, &n, lo, hi);
	char *out = xmalloc(n * 3 + 1);
	size_t len = 0;

	for (i = 0; i < n; i++) {
		double span = *hi - *lo;
		size_t j = span > 0 ? (size_t)lround((v[i] - *lo) / span * 7) : 3;
		if (j > 7)
			j = 7;
		memcpy(out + len, spark[j], 3);
		len += 3;
	}
	out[len] = '\0';
	free(v);
	return out;
}

/* ---- the review metrics ---- */

int render_has_previous(const json_t *metrics)
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

const json_t *render_metric(const json_t *m, const char *name, const char *suffix)
{
	char key[64];

	snprintf(key, sizeof key, "%s%s", name, suffix);
	return json_object_get(m, key);
}

/* ---- problems ---- */

const char *render_sev_word(const char *lang, const json_t *p)
{
	return report_word(lang, report_str(p, "severity"));
}

static int same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

int render_fix_repeated(const json_t *arr, size_t i)
{
	const json_t *p = json_array_get(arr, i);
	const char *check = report_str(p, "check"), *rem = report_str(p, "remedy");
	size_t j;

	if (!rem || !*rem)
		return 0;
	for (j = 0; j < i; j++) {
		const json_t *q = json_array_get(arr, j);
		if (same_text(report_str(q, "check"), check) &&
		    same_text(report_str(q, "remedy"), rem))
			return 1;
	}
	return 0;
}

void render_open_since(const char *lang, const json_t *p, char *buf, size_t size)
{
	const char *tr = report_str(p, "tracking"), *since = report_str(p, "open_since");

	if (!size)
		return;
	buf[0] = '\0';
	if (!tr || !since || !*since ||
	    (strcmp(tr, "still open") != 0 && strcmp(tr, "unchecked") != 0))
		return;
	snprintf(buf, size, "%s%s%s", L(RL_OPEN_SINCE), since, L(RL_OPEN_SINCE_END));
}

void render_tracking(const char *lang, const json_t *p, char *buf, size_t size)
{
	char since[96];

	render_open_since(lang, p, since, sizeof since);
	snprintf(buf, size, "%s%s%s", report_word(lang, report_str(p, "tracking")),
		 *since ? L(RL_COMMA) : "", since);
}

/* ---- service levels ---- */

void render_tickets(const json_t *o, char *buf, size_t size)
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

const char *render_met_word(const char *lang, const json_t *o)
{
	const json_t *m = json_object_get(o, "met");

	if (json_is_true(m))
		return L(RL_YES);
	if (json_is_false(m))
		return L(RL_NO);
	return "–";
}

const char *render_fmt_credit(const json_t *credit, char *buf, size_t size)
{
	size_t n;

	if (!json_is_number(credit)) {
		snprintf(buf, size, "–");
		return buf;
	}
	report_fmt_num(credit, 2, buf, size - 1);
	n = strlen(buf);
	memcpy(buf + n, "%", 2);
	return buf;
}

int render_is_avail(const json_t *row)
{
	const char *obj = report_str(row, "objective");

	return obj && strcmp(obj, "availability") == 0 &&
	       json_is_number(json_object_get(row, "actual")) &&
	       json_is_number(json_object_get(row, "target"));
}

size_t render_avail_range(const json_t *rows, double *lo)
{
	size_t i, k = 0;

	*lo = 1;
	for (i = 0; i < json_array_size(rows); i++) {
		const json_t *o = json_array_get(rows, i);
		double a, t;
		if (!render_is_avail(o))
			continue;
		k++;
		a = json_number_value(json_object_get(o, "actual"));
		t = json_number_value(json_object_get(o, "target"));
		if (a < *lo)
			*lo = a;
		if (t < *lo)
			*lo = t;
	}
	/* twice the worst shortfall below 100%, so that the bars and the
	 * target line do not all crowd at the right edge */
	*lo = 1 - 2 * (1 - *lo);
	if (*lo < 0)
		*lo = 0;
	if (*lo > 0.99)
		*lo = 0.99;
	return k;
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

char *render_sla_notes(const char *lang, const json_t *rows,
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

/* ---- figures ---- */

void render_counts_line(const char *lang, const json_t *doc, char *buf, size_t size)
{
	const json_t *c = json_object_get(doc, "counts");
	char a[4][32];

	report_fmt_num(json_object_get(c, "problems"), 0, a[0], sizeof a[0]);
	report_fmt_num(json_object_get(c, "critical"), 0, a[1], sizeof a[1]);
	report_fmt_num(json_object_get(c, "warning"), 0, a[2], sizeof a[2]);
	report_fmt_num(json_object_get(c, "info"), 0, a[3], sizeof a[3]);
	if (json_is_number(json_object_get(c, "new"))) {
		char t[4][32];

		report_fmt_num(json_object_get(c, "new"), 0, t[0], sizeof t[0]);
		report_fmt_num(json_object_get(c, "still_open"), 0, t[1], sizeof t[1]);
		report_fmt_num(json_object_get(c, "unchecked"), 0, t[2], sizeof t[2]);
		report_fmt_num(json_object_get(c, "resolved"), 0, t[3], sizeof t[3]);
		snprintf(buf, size, "%s %s: %s %s, %s %s, %s %s; %s %s, %s %s, %s %s, %s %s",
			 L(RL_TOTAL), a[0], L(RL_CRITICAL), a[1], L(RL_WARNING), a[2],
			 L(RL_INFO), a[3], L(RL_NEW), t[0], L(RL_STILL_OPEN), t[1],
			 L(RL_UNCHECKED), t[2], L(RL_RESOLVED), t[3]);
	} else {
		snprintf(buf, size, "%s %s: %s %s, %s %s, %s %s",
			 L(RL_TOTAL), a[0], L(RL_CRITICAL), a[1], L(RL_WARNING), a[2],
			 L(RL_INFO), a[3]);
	}
}

const char *render_fmt_real(double v, int decimals, char *buf, size_t size)
{
	json_t *x = jnum(v);

	report_fmt_num(x, decimals, buf, size);
	json_decref(x);
	return buf;
}

/* ---- the end of a rendering, and JSON ---- */

void render_html_put(FILE *fp, const char *s)
{
	char *e;

	if (!s || !*s) {
		fputs("–", fp);
		return;
	}
	e = text_html_escape(s);
	fputs(e, fp);
	free(e);
}

int render_finish(FILE *fp, struct error *err)
{
	if (fflush(fp) != 0 || ferror(fp)) {
		error_set(err, NULL, 0, "write error");
		return -1;
	}
	return 0;
}

int report_render_json(FILE *fp, const json_t *doc, struct error *err)
{
	struct writer_spec spec;

	memset(&spec, 0, sizeof spec);
	spec.format = OUT_JSON;
	spec.tool = "report";
	spec.fail_on = SEV_NEVER;
	return writer_write(fp, doc, &spec, err);
}

/* ---- the first page ---- */

void render_title(const char *lang, const json_t *doc, char *buf, size_t size)
{
	const char *t = report_str(doc, "title");

	if (t && *t)
		snprintf(buf, size, "%s — %s", t, report_label(lang, RL_TITLE));
	else
		snprintf(buf, size, "%s", report_label(lang, RL_TITLE));
}

static enum report_label figure_label(const char *name)
{
	static const struct {
		const char *name;
		enum report_label id;
	} t[] = {
		{ "availability", RL_H_AVAILABILITY }, { "error_rate", RL_H_ERROR_RATE },
		{ "dau_avg", RL_H_DAU }, { "feature_coverage", RL_H_COVERAGE },
		{ "csat", RL_H_CSAT }, { "nps", RL_H_NPS }, { "open_problems", RL_H_OPEN },
	};
	size_t i;

	for (i = 0; name && i < sizeof t / sizeof *t; i++)
		if (strcmp(t[i].name, name) == 0)
			return t[i].id;
	return RL_FIGURE;
}

void render_figure_cells(const char *lang, const json_t *h, char cells[6][64])
{
	const char *name = report_str(h, "figure");
	const char *dir = report_str(h, "direction");
	char t[48];

	if (!name)
		name = "";
	snprintf(cells[0], 64, "%s", report_label(lang, figure_label(name)));
	report_fmt_figure(name, json_object_get(h, "value"), cells[1], 64);
	report_fmt_figure(name, json_object_get(h, "target"), t, sizeof t);
	if (dir && json_is_number(json_object_get(h, "target")))
		snprintf(cells[2], 64, "%s %s", strcmp(dir, "max") == 0 ? "≤" : "≥", t);
	else
		snprintf(cells[2], 64, "–");
	report_fmt_figure(name, json_object_get(h, "previous"), cells[3], 64);
	report_fmt_figure_change(lang, h, cells[4], 64);
	snprintf(cells[5], 64, "%s", report_word(lang, report_str(h, "status")));
}

/* tmpl with its "{1}" replaced by a (to free). */
static char *subst_one(const char *tmpl, const char *a)
{
	const char *p = strstr(tmpl, "{1}");
	struct sbuf b = { 0 };

	if (!p) {
		sbuf_adds(&b, tmpl);
		return sbuf_take(&b);
	}
	sbuf_add(&b, tmpl, (size_t)(p - tmpl));
	sbuf_adds(&b, a);
	sbuf_adds(&b, p + 3);
	return sbuf_take(&b);
}

char *render_group_text(const char *lang, const json_t *g, const char *message)
{
	const char *check = report_str(g, "check");
	const json_t *subj = json_object_get(g, "subjects");
	long long n = json_integer_value(json_object_get(g, "count"));
	struct sbuf b = { 0 };
	enum report_label noun = RL_N_FINDINGS;
	char cnt[24], *x;
	size_t i;

	sbuf_adds(&b, check ? check : "–");
	sbuf_adds(&b, ": ");
	if (n <= 1) {
		sbuf_adds(&b, message && *message ? message : "–");
		return sbuf_take(&b);
	}
	if (check && (strcmp(check, "response") == 0 || strcmp(check, "resolution") == 0) &&
	    json_integer_value(json_object_get(g, "tickets")) > 0) {
		noun = RL_N_TICKETS;
		n = json_integer_value(json_object_get(g, "tickets"));
	}
	else if (check && (strcmp(check, "stale_account") == 0 ||
			   strcmp(check, "dormant_admin") == 0 ||
			   strcmp(check, "unknown_user") == 0))
		noun = RL_N_ACCOUNTS;
	snprintf(cnt, sizeof cnt, "%lld", n);
	x = subst_one(report_label(lang, noun), cnt);
	sbuf_adds(&b, x);
	free(x);
	sbuf_adds(&b, " (");
	for (i = 0; i < json_array_size(subj) && i < 3; i++) {
		if (i)
			sbuf_adds(&b, ", ");
		sbuf_adds(&b, json_string_value(json_array_get(subj, i)));
	}
	if (json_array_size(subj) > 3)
		sbuf_adds(&b, ", …");
	sbuf_adds(&b, ")");
	return sbuf_take(&b);
}

char *render_owner_names(const char *lang, const json_t *p)
{
	char *s = report_owner(lang, p), *r = s, *w = s;

	while (*r) {
		if (r[0] == ' ' && r[1] == '<' && strchr(r, '>')) {
			r = strchr(r, '>') + 1;
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
	return s;
}
