/* report_md: the report document as GitHub Markdown -- headings, pipe
 * tables, a sparkline of the daily active users.  Every text from the
 * inputs goes through text_md_escape. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

#include "base/text.h"
#include "report/render.h"
#include "report/render_int.h"
#include "report/report.h"
#include "report/report_format.h"
#include "report/report_label.h"
#include "report/report_say.h"

#define L(id) report_label(lang, (id))

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

/* The message of p with its remedy after it ("… How to fix: …"),
 * escaped (to free). */
static char *how_to_fix(const char *lang, const json_t *p, const char *msg)
{
	const char *rem = report_str(p, "remedy");
	const char *link = report_str(p, "link");
	char *m = text_md_escape(msg), *r, *l, *out;
	size_t n;

	if (!rem || !*rem)
		return m;
	r = text_md_escape(rem);
	l = text_md_escape(link && *link ? link : "");
	n = strlen(m) + strlen(r) + strlen(l) + 64;
	out = xmalloc(n);
	snprintf(out, n, "%s%s**%s:** %s%s%s%s", m, *m ? " " : "", L(RL_HOW_TO_FIX), r,
		 *l ? " (" : "", l, *l ? ")" : "");
	free(m);
	free(r);
	free(l);
	return out;
}

/* The first page: headline figures, then the top problems. */
static void md_agenda(FILE *fp, const char *lang, const json_t *doc)
{
	const json_t *h = json_object_get(doc, "headline");
	const json_t *top = json_object_get(doc, "top");
	const char *head[6];
	size_t i;

	fprintf(fp, "## %s\n\n", L(RL_HEADLINE));
	head[0] = L(RL_FIGURE);
	head[1] = L(RL_VALUE);
	head[2] = L(RL_TARGET);
	head[3] = L(RL_PREVIOUS);
	head[4] = L(RL_CHANGE);
	head[5] = L(RL_STATUS);
	md_head(fp, head, 6, "lrrrrl");
	for (i = 0; i < json_array_size(h); i++) {
		char cells[6][64];
		const char *c[6];
		size_t k;
		render_figure_cells(lang, json_array_get(h, i), cells);
		for (k = 0; k < 6; k++)
			c[k] = cells[k];
		md_row(fp, c, 6);
	}
	fprintf(fp, "\n## %s\n\n", L(RL_TOP));
	if (!json_array_size(top))
		fprintf(fp, "%s\n\n", L(RL_NO_TOP));
	for (i = 0; i < json_array_size(top); i++) {
		const json_t *g = json_array_get(top, i);
		const json_t *first = json_array_get(json_object_get(doc, "problems"),
				(size_t)json_integer_value(json_object_get(g, "first")));
		char *say = report_say(lang, first);
		char *text = render_group_text(lang, g, say);
		char *t = text_md_escape(text), *own = render_owner_names(lang, g);
		char *o = text_md_escape(own), since[96];
		render_open_since(lang, first, since, sizeof since);
		fprintf(fp, "%zu. **%s** %s — %s: %s%s%s  \n", i + 1,
			render_sev_word(lang, g), t, L(RL_OWNER), o, *since ? "; " : "", since);
		free(text);
		free(say);
		free(t);
		free(own);
		free(o);
		if (report_str(g, "remedy") && *report_str(g, "remedy")) {
			char *r = text_md_escape(report_str(g, "remedy"));
			const char *link = report_str(g, "link");
			char *l = text_md_escape(link ? link : "");
			fprintf(fp, "   %s: %s%s%s%s  \n", L(RL_HOW_TO_FIX), r,
				*l ? " (" : "", l, *l ? ")" : "");
			free(r);
			free(l);
		}
	}
	fputc('\n', fp);
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
		char *c[6], tr[160];
		const char *cc[6];
		size_t k;
		c[0] = text_md_escape(render_sev_word(lang, p));
		c[1] = text_md_escape(report_str(p, "check"));
		c[2] = text_md_escape(report_str(p, "subject"));
		{
			char *say = report_say(lang, p);
			c[3] = render_fix_repeated(arr, i) ? text_md_escape(say) :
			       how_to_fix(lang, p, say);
			free(say);
		}
		c[4] = text_md_escape(owner);
		render_tracking(lang, p, tr, sizeof tr);
		c[5] = text_md_escape(tr);
		for (k = 0; k < 6; k++)
			cc[k] = c[k];
		md_row(fp, cc, n);
		for (k = 0; k < 6; k++)
			free(c[k]);
		free(owner);
	}
}

static void md_usage(FILE *fp, const char *lang, const json_t *doc)
{
	const json_t *u = json_object_get(doc, "usage");
	const json_t *m = json_object_get(u, "metrics");
	const json_t *unused = json_object_get(u, "unused_features");
	json_t *top;
	int prev = render_has_previous(m);
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
		c[1] = report_fmt_metric(k, render_metric(m, k, ""), v[0], sizeof v[0]);
		c[2] = report_fmt_metric(k, render_metric(m, k, "_previous"), v[1], sizeof v[1]);
		c[3] = report_fmt_change_in(lang, m, k, v[2], sizeof v[2]);
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
	line = render_sparkline(doc, 62, &lo, &hi);
	if (*line) {
		char a[32], b[32];

		render_fmt_real(lo, 1, a, sizeof a);
		render_fmt_real(hi, 1, b, sizeof b);
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
		c[4] = render_met_word(lang, o);
		c[5] = report_fmt_dur(json_object_get(o, "downtime_s"), v[2], sizeof v[2]);
		c[6] = report_fmt_dur(json_object_get(o, "allowed_downtime_s"), v[3], sizeof v[3]);
		c[7] = report_fmt_dur(json_object_get(o, "budget_remaining_s"), v[4], sizeof v[4]);
		c[8] = report_fmt_num(json_object_get(o, "burn_rate"), 2, v[5], sizeof v[5]);
		c[9] = render_fmt_credit(json_object_get(o, "credit"), v[6], sizeof v[6]);
		render_tickets(o, v[7], sizeof v[7]);
		c[10] = v[7];
		md_row(fp, c, 11);
		free(a);
		free(b);
	}
	notes = render_sla_notes(lang, s, text_md_escape);
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
	char per[160], line[512], title[512];
	size_t i;

	report_period_text(doc, per, sizeof per);
	render_title(lang, doc, title, sizeof title);
	{
		char *t = text_md_escape(title);
		fprintf(fp, "# %s\n\n", t);
		free(t);
	}
	fprintf(fp, "%s: %s  \n%s: %s\n\n", L(RL_PERIOD), per, L(RL_GENERATED),
		report_str(doc, "generated") ? report_str(doc, "generated") : "–");
	md_agenda(fp, lang, doc);
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
	fputc('\n', fp);
	md_usage(fp, lang, doc);
	md_sla(fp, lang, doc);
	fprintf(fp, "# %s\n\n", L(RL_APPENDIX));
	fprintf(fp, "## %s\n\n", L(RL_PROBLEMS));
	render_counts_line(lang, doc, line, sizeof line);
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
	md_quality(fp, lang, doc);
	return render_finish(fp, err);
}
