/* report_html: the report document as one self-contained HTML page: inline
 * CSS (phone-sized screens, tables that scroll, a print style) and charts
 * drawn here as inline SVG.  Nothing refers outside the file.  Every text
 * from the inputs goes through text_html_escape, in text, attributes
 * and SVG alike. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/jbuild.h"
#include "base/text.h"
#include "report/render.h"
#include "report/render_int.h"
#include "report/report.h"
#include "report/report_format.h"
#include "report/report_label.h"
#include "report/report_say.h"
#include "base/xalloc.h"

#define L(id) report_label(lang, (id))

/* Colours meet WCAG 2.1 AA against white (the formula of WCAG 2.1, 1.4.3
 * and 1.4.11): text and badge colours at least 4.5:1 -- red #b3261e 6.54,
 * amber #9e5a00 5.36, green #1e7b34 5.33, grey #666 5.74 (the "no data"
 * badge and the notes) -- and the chart strokes at least 3:1 (#767676
 * 4.54, the bars #3b6ea8 5.27).  The charts have no viewBox: their text is
 * CSS pixels at any screen width, only x positions are percentages.  In
 * print the header row of a table repeats on every page (thead) and no
 * page breaks between a header and the first rows or inside a row. */
static const char css[] =
	":root{--red:#b3261e;--amber:#9e5a00;--green:#1e7b34;--grey:#666;--line:#767676}\n"
	"body{margin:0;font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",sans-serif;color:#1b1b1b;background:#fff}\n"
	"main{max-width:60rem;margin:0 auto;padding:1rem}\n"
	"h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.2rem;margin-top:1.6rem;border-bottom:1px solid #ddd}\n"
	"h3{font-size:1rem}.meta{color:var(--grey)}\n"
	".tbl{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.5rem 0}\n"
	".tbl:focus{outline:2px solid #3b6ea8;outline-offset:2px}\n"
	"table{border-collapse:collapse;min-width:100%}\n"
	"th,td{border-bottom:1px solid #e3e3e3;padding:.3rem .5rem;text-align:left;vertical-align:top}\n"
	"th{background:#f4f4f4;white-space:nowrap}td.n,th.n{text-align:right;white-space:nowrap}\n"
	".st{display:inline-block;padding:0 .5rem;border-radius:.6rem;color:#fff;font-weight:600;white-space:nowrap}\n"
	".st-red{background:var(--red)}.st-amber{background:var(--amber)}.st-green{background:var(--green)}.st-nodata{background:var(--grey)}\n"
	".sev-critical{color:var(--red);font-weight:600}.sev-warning{color:var(--amber);font-weight:600}\n"
	".top a{overflow-wrap:anywhere}.nw{white-space:nowrap}\n"
	/* a wide screen: links break in table cells too and the message
	 * column of the problem tables (the appendix's 4th, not numeric)
	 * keeps 12rem, so that the table fits the page with its owners (on
	 * a phone it scrolls, its messages kept readable) */
	"@media screen and (min-width:40.01rem){td a{overflow-wrap:anywhere}#appendix td:nth-child(4):not(.n){min-width:12rem}}\n"
	/* a phone: the headline table as one block per figure -- its name,
	 * value and status, then target, previous and change, each named */
	"@media screen and (max-width:40rem){th,td{padding:.3rem .35rem}"
	"#agenda thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}"
	"#agenda table,#agenda tbody{display:block;min-width:0}"
	"#agenda tr{display:flex;flex-wrap:wrap;align-items:baseline;gap:.1rem .9rem;padding:.45rem .25rem;border-bottom:1px solid #e3e3e3}"
	"#agenda tr::after{content:\"\";flex-basis:100%;order:1}"
	"#agenda td{border:0;padding:0;text-align:left}"
	"#agenda td:first-child,#agenda td:nth-child(2){font-weight:600}"
	"#agenda td:last-child{margin-left:auto}"
	"#agenda td[data-label]{order:2}"
	"#agenda td[data-label]::before{content:attr(data-label) \" \";color:var(--grey)}}\n"
	"svg.chart{display:block;width:100%;max-width:40rem;margin:.5rem 0;overflow:visible}\n"
	"svg text{font:12px system-ui,sans-serif;fill:#333}\n"
	"@media print{body{font-size:10pt}main{max-width:none;padding:0}.tbl{overflow:visible}"
	"thead{display:table-header-group;break-after:avoid}tbody tr:first-child{break-before:avoid}"
	"h2,h3{break-after:avoid}tr,svg{break-inside:avoid}.tbl:focus{outline:none}"
	".st{color:#000;border:1px solid #000;background:none}}\n";


/* Writes s as put does, each date in it ("2026-10-31") in a <span
 * class="nw">: a narrow screen breaks the period between dates, never
 * after a date's hyphen. */
static void put_dates(FILE *fp, const char *s)
{
	static const char form[] = "dddd-dd-dd";
	const char *p = s ? s : "";
	size_t i;

	while (*p) {
		const char *q = p;
		while (*q) {
			for (i = 0; form[i] && q[i]; i++)
				if (form[i] == 'd' ? q[i] < '0' || q[i] > '9' : q[i] != '-')
					break;
			if (!form[i])
				break;
			q++;
		}
		if (q > p) {
			char *part = xmalloc((size_t)(q - p) + 1), *e;
			memcpy(part, p, (size_t)(q - p));
			part[q - p] = '\0';
			e = text_html_escape(part);
			fputs(e, fp);
			free(e);
			free(part);
		}
		if (!*q)
			break;
		fputs("<span class=\"nw\">", fp);
		fwrite(q, 1, 10, fp);
		fputs("</span>", fp);
		p = q + 10;
	}
}

/* A scrolling table: a region reached by the keyboard (tabindex 0) and
 * named after its section, so that it can be scrolled without a mouse.
 * Opens the header row; head_close ends it. */
static void table_open(FILE *fp, const char *label)
{
	fputs("<div class=\"tbl\" tabindex=\"0\" role=\"region\" aria-label=\"", fp);
	render_html_put(fp, label);
	fputs("\"><table>\n<thead><tr>", fp);
}

static void head_close(FILE *fp)
{
	fputs("</tr></thead>\n<tbody>\n", fp);
}

static void table_close(FILE *fp)
{
	fputs("</tbody></table></div>\n", fp);
}

static void th(FILE *fp, const char *s, int num)
{
	fputs(num ? "<th scope=\"col\" class=\"n\">" : "<th scope=\"col\">", fp);
	render_html_put(fp, s);
	fputs("</th>", fp);
}

static void td(FILE *fp, const char *s, int num)
{
	fputs(num ? "<td class=\"n\">" : "<td>", fp);
	render_html_put(fp, s);
	fputs("</td>", fp);
}

static void status_badge(FILE *fp, const char *lang, const char *status)
{
	const char *cls = status && strcmp(status, "no data") != 0 ? status : "nodata";
	char *e = text_html_escape(cls);

	fprintf(fp, "<span class=\"st st-%s\">", e);
	free(e);
	render_html_put(fp, report_word(lang, status));
	fputs("</span>", fp);
}

/* "How to fix: REMEDY" with its link, in a <p class="fix">. */
static void fix(FILE *fp, const char *lang, const json_t *p)
{
	const char *rem = report_str(p, "remedy"), *link = report_str(p, "link");

	if (!rem || !*rem)
		return;
	fputs("<p class=\"fix\"><strong>", fp);
	render_html_put(fp, L(RL_HOW_TO_FIX));
	fputs(":</strong> ", fp);
	render_html_put(fp, rem);
	if (link && *link) {
		fputs(" <a href=\"", fp);
		render_html_put(fp, link);
		fputs("\">", fp);
		render_html_put(fp, link);
		fputs("</a>", fp);
	}
	fputs("</p>", fp);
}

/* The first page: headline figures, then the top problems. */
static void agenda(FILE *fp, const char *lang, const json_t *doc)
{
	const json_t *h = json_object_get(doc, "headline");
	const json_t *top = json_object_get(doc, "top");
	size_t i, k;

	fputs("<section id=\"agenda\">\n<h2>", fp);
	render_html_put(fp, L(RL_HEADLINE));
	fputs("</h2>\n", fp);
	table_open(fp, L(RL_HEADLINE));
	th(fp, L(RL_FIGURE), 0);
	th(fp, L(RL_VALUE), 1);
	th(fp, L(RL_TARGET), 1);
	th(fp, L(RL_PREVIOUS), 1);
	th(fp, L(RL_CHANGE), 1);
	th(fp, L(RL_STATUS), 0);
	head_close(fp);
	for (i = 0; i < json_array_size(h); i++) {
		static const enum report_label named[5] = {
			RL_FIGURE, RL_VALUE, RL_TARGET, RL_PREVIOUS, RL_CHANGE
		};
		char cells[6][64];
		render_figure_cells(lang, json_array_get(h, i), cells);
		fputs("<tr>", fp);
		td(fp, cells[0], 0);
		td(fp, cells[1], 1);
		/* the phone layout names these cells (CSS ::before) */
		for (k = 2; k < 5; k++) {
			fputs("<td class=\"n\" data-label=\"", fp);
			render_html_put(fp, L(named[k]));
			fputs("\">", fp);
			render_html_put(fp, cells[k]);
			fputs("</td>", fp);
		}
		fputs("<td>", fp);
		status_badge(fp, lang, report_str(json_array_get(h, i), "status"));
		fputs("</td></tr>\n", fp);
	}
	table_close(fp);
	fputs("<h2>", fp);
	render_html_put(fp, L(RL_TOP));
	fputs("</h2>\n", fp);
	if (!json_array_size(top)) {
		fputs("<p>", fp);
		render_html_put(fp, L(RL_NO_TOP));
		fputs("</p>\n", fp);
	} else {
		fputs("<ol class=\"top\">\n", fp);
	}
	for (i = 0; i < json_array_size(top); i++) {
		const json_t *g = json_array_get(top, i);
		const json_t *first = json_array_get(json_object_get(doc, "problems"),
				(size_t)json_integer_value(json_object_get(g, "first")));
		const char *sev = report_str(g, "severity");
		char *say = report_say(lang, first);
		char *text = render_group_text(lang, g, say);
		char *own = render_owner_names(lang, g), since[96];
		char *cls = text_html_escape(sev ? sev : "");
		render_open_since(lang, first, since, sizeof since);
		fprintf(fp, "<li><span class=\"sev-%s\">", cls);
		render_html_put(fp, render_sev_word(lang, g));
		fputs("</span> ", fp);
		render_html_put(fp, text);
		fputs("<br>", fp);
		render_html_put(fp, L(RL_OWNER));
		fputs(": ", fp);
		render_html_put(fp, own);
		if (*since) {
			fputs("; ", fp);
			render_html_put(fp, since);
		}
		fix(fp, lang, g);
		fputs("</li>\n", fp);
		free(text);
		free(say);
		free(own);
		free(cls);
	}
	if (json_array_size(top))
		fputs("</ol>\n", fp);
	fputs("</section>\n", fp);
}

static void problems_table(FILE *fp, const char *lang, const char *label,
			   const json_t *arr, int tracked)
{
	size_t i;

	table_open(fp, label);
	th(fp, L(RL_SEVERITY), 0);
	th(fp, L(RL_CHECK), 0);
	th(fp, L(RL_SUBJECT), 0);
	th(fp, L(RL_MESSAGE), 0);
	th(fp, L(RL_OWNER), 0);
	if (tracked)
		th(fp, L(RL_TRACKING), 0);
	head_close(fp);
	for (i = 0; i < json_array_size(arr); i++) {
		const json_t *p = json_array_get(arr, i);
		const char *sev = report_str(p, "severity");
		char *owner = report_owner(lang, p), *cls = text_html_escape(sev ? sev : "");
		char *say;
		fprintf(fp, "<tr><td class=\"sev-%s\">", cls);
		render_html_put(fp, report_word(lang, sev));
		fputs("</td>", fp);
		td(fp, report_str(p, "check"), 0);
		td(fp, report_str(p, "subject"), 0);
		say = report_say(lang, p);
		fputs("<td>", fp);
		render_html_put(fp, say);
		if (!render_fix_repeated(arr, i))
			fix(fp, lang, p);
		fputs("</td>", fp);
		free(say);
		td(fp, owner, 0);
		if (tracked) {
			char tr[160];
			render_tracking(lang, p, tr, sizeof tr);
			td(fp, tr, 0);
		}
		fputs("</tr>\n", fp);
		free(owner);
		free(cls);
	}
	table_close(fp);
}

/* The charts have no viewBox, so that nothing scales their text: lengths
 * across are percentages of the chart's width, lengths down and the text
 * CSS pixels.  Labels stand above their bars rather than beside them, which
 * leaves the bars the whole width on a narrow screen. */

/* Opens a chart `height` pixels high, named for screen readers. */
static void chart_open(FILE *fp, const char *label, double height)
{
	fprintf(fp, "<svg class=\"chart\" width=\"100%%\" height=\"%.0f\" role=\"img\" aria-label=\"",
		height);
	render_html_put(fp, label);
	fputs("\">\n", fp);
}

/* A label cut to 30 bytes on a character boundary, "..." ending it (to
 * free); the full text goes in its <title>. */
static char *chart_cut(const char *s)
{
	char *cut = xstrdup(s ? s : "");

	if (strlen(cut) > 30) {
		size_t k = 27;
		while (k > 0 && ((unsigned char)cut[k] & 0xc0) == 0x80)
			k--;
		memcpy(cut + k, "...", 4);
	}
	return cut;
}

/* Daily active users as bars over the days: the highest value above a
 * dashed line at its height, the first and last date below. */
static void svg_dau(FILE *fp, const char *lang, const json_t *daily)
{
	size_t n = json_array_size(daily), i;
	double max = 0, h = 120, y0 = 20, bw;
	char num[32];

	if (!n)
		return;
	for (i = 0; i < n; i++) {
		const json_t *v = json_object_get(json_array_get(daily, i), "active_users");
		if (json_is_number(v) && json_number_value(v) > max)
			max = json_number_value(v);
	}
	bw = 100 / (double)n;
	fprintf(fp, "<h3>");
	render_html_put(fp, L(RL_DAU_CHART));
	fputs("</h3>\n", fp);
	chart_open(fp, L(RL_DAU_CHART), y0 + h + 20);
	fprintf(fp, "<text x=\"0\" y=\"13\">%s</text>\n", render_fmt_real(max, 1, num, sizeof num));
	fprintf(fp, "<line x1=\"0\" y1=\"%.1f\" x2=\"100%%\" y2=\"%.1f\" stroke=\"#767676\" stroke-dasharray=\"3 3\"/>\n",
		y0, y0);
	for (i = 0; i < n; i++) {
		const json_t *d = json_array_get(daily, i);
		const json_t *v = json_object_get(d, "active_users");
		double y = json_is_number(v) && max > 0 ? json_number_value(v) / max * h : 0;
		if (!isfinite(y) || y < 0)
			y = 0;
		fprintf(fp, "<rect x=\"%.2f%%\" y=\"%.1f\" width=\"%.2f%%\" height=\"%.1f\" fill=\"#3b6ea8\"><title>",
			(double)i * bw + bw * 0.1, y0 + h - y, bw * 0.8, y);
		render_html_put(fp, report_str(d, "date"));
		fprintf(fp, ": %s</title></rect>\n", report_fmt_num(v, 1, num, sizeof num));
	}
	fprintf(fp, "<line x1=\"0\" y1=\"%.1f\" x2=\"100%%\" y2=\"%.1f\" stroke=\"#767676\"/>\n",
		y0 + h, y0 + h);
	fprintf(fp, "<text x=\"0\" y=\"%.1f\">", y0 + h + 16);
	render_html_put(fp, report_str(json_array_get(daily, 0), "date"));
	fprintf(fp, "</text>\n<text x=\"100%%\" y=\"%.1f\" text-anchor=\"end\">", y0 + h + 16);
	render_html_put(fp, report_str(json_array_get(daily, n - 1), "date"));
	fputs("</text>\n</svg>\n", fp);
}

/* Error rate of the top features as horizontal bars, the longest 80% of the
 * width, the rate just after its bar, the name above. */
static void svg_errors(FILE *fp, const char *lang, const json_t *top)
{
	size_t n = json_array_size(top), i;
	double max = 0, w = 80;
	char num[32];

	if (!n)
		return;
	for (i = 0; i < n; i++) {
		double e = json_number_value(json_object_get(json_array_get(top, i), "error_rate"));
		if (e > max)
			max = e;
	}
	chart_open(fp, L(RL_FEATURES_TITLE), (double)n * 36 + 4);
	for (i = 0; i < n; i++) {
		const json_t *f = json_array_get(top, i);
		const json_t *e = json_object_get(f, "error_rate");
		double y = 2 + (double)i * 36;
		double bw = max > 0 ? json_number_value(e) / max * w : 0;
		const char *name = report_str(f, "feature");
		char *cut = chart_cut(name);
		if (!(bw > 0))
			bw = 0;
		fprintf(fp, "<text x=\"0\" y=\"%.1f\">", y + 12);
		render_html_put(fp, cut);
		fprintf(fp, "<title>");
		render_html_put(fp, name);
		fprintf(fp, "</title></text>\n<rect x=\"0\" y=\"%.1f\" width=\"%.2f%%\" height=\"14\" fill=\"%s\"/>\n",
			y + 17, bw, json_number_value(e) > REPORT_ERROR_RATE_LIMIT ? "#b3261e" : "#3b6ea8");
		fprintf(fp, "<text x=\"%.2f%%\" dx=\"6\" y=\"%.1f\">%s</text>\n", bw, y + 28,
			report_fmt_pct(e, 1, num, sizeof num));
		free(cut);
	}
	fputs("</svg>\n", fp);
}

/* Availability per objective against its target line: the scope and
 * "actual / target" above each bar, the scale below the last. */
static void svg_avail(FILE *fp, const char *lang, const json_t *rows)
{
	size_t n = json_array_size(rows), i, k;
	double lo;
	char a[32], t[32];

	k = render_avail_range(rows, &lo);
	if (!k)
		return;
	fprintf(fp, "<h3>");
	render_html_put(fp, L(RL_AVAIL_CHART));
	fputs("</h3>\n", fp);
	chart_open(fp, L(RL_AVAIL_CHART), (double)k * 44 + 20);
	for (i = 0, k = 0; i < n; i++) {
		const json_t *o = json_array_get(rows, i);
		const json_t *ac = json_object_get(o, "actual"), *tg = json_object_get(o, "target");
		double y, bw, tx;
		char *cut;
		if (!render_is_avail(o))
			continue;
		y = 2 + (double)k++ * 44;
		bw = (json_number_value(ac) - lo) / (1 - lo) * 100;
		tx = (json_number_value(tg) - lo) / (1 - lo) * 100;
		if (!(bw > 0))
			bw = 0;
		if (!(tx > 0))
			tx = 0;
		cut = chart_cut(report_str(o, "scope"));
		fprintf(fp, "<text x=\"0\" y=\"%.1f\">", y + 12);
		render_html_put(fp, cut);
		fprintf(fp, "</text>\n<text x=\"100%%\" y=\"%.1f\" text-anchor=\"end\">%s / %s</text>\n",
			y + 12, report_fmt_pct(ac, 3, a, sizeof a), report_fmt_pct(tg, 3, t, sizeof t));
		fprintf(fp, "<rect x=\"0\" y=\"%.1f\" width=\"100%%\" height=\"18\" fill=\"#eee\"/>\n", y + 18);
		fprintf(fp, "<rect x=\"0\" y=\"%.1f\" width=\"%.2f%%\" height=\"18\" fill=\"%s\"/>\n",
			y + 18, bw, json_is_false(json_object_get(o, "met")) ? "#b3261e" : "#1e7b34");
		fprintf(fp, "<rect x=\"%.2f%%\" y=\"%.1f\" width=\"2\" height=\"24\" fill=\"#000\"/>\n",
			tx, y + 15);
		free(cut);
	}
	{
		json_t *l = jnum(lo);
		fprintf(fp, "<text x=\"0\" y=\"%.1f\">%s</text>\n", 2 + (double)k * 44 + 12,
			report_fmt_pct(l, 3, a, sizeof a));
		json_decref(l);
	}
	fprintf(fp, "<text x=\"100%%\" y=\"%.1f\" text-anchor=\"end\">100%%</text>\n</svg>\n",
		2 + (double)k * 44 + 12);
}

static void usage(FILE *fp, const char *lang, const json_t *doc)
{
	const json_t *u = json_object_get(doc, "usage");
	const json_t *m = json_object_get(u, "metrics");
	const json_t *unused = json_object_get(u, "unused_features");
	json_t *top;
	int prev = render_has_previous(m);
	size_t i;

	fputs("<h2>", fp);
	render_html_put(fp, L(RL_USAGE_TITLE));
	fputs("</h2>\n", fp);
	if (!json_is_object(u)) {
		fputs("<p>", fp);
		render_html_put(fp, L(RL_NO_USAGE));
		fputs("</p>\n", fp);
		return;
	}
	table_open(fp, L(RL_USAGE_TITLE));
	th(fp, L(RL_METRIC), 0);
	th(fp, L(RL_VALUE), 1);
	if (prev) {
		th(fp, L(RL_PREVIOUS), 1);
		th(fp, L(RL_CHANGE), 1);
	}
	head_close(fp);
	for (i = 0; report_metric_names[i]; i++) {
		const char *k = report_metric_names[i];
		char v[64];
		fputs("<tr>", fp);
		td(fp, L((enum report_label)(RL_M_FIRST + (int)i)), 0);
		td(fp, report_fmt_metric(k, render_metric(m, k, ""), v, sizeof v), 1);
		if (prev) {
			td(fp, report_fmt_metric(k, render_metric(m, k, "_previous"), v, sizeof v), 1);
			td(fp, report_fmt_change_in(lang, m, k, v, sizeof v), 1);
		}
		fputs("</tr>\n", fp);
	}
	table_close(fp);
	if (json_array_size(unused)) {
		fputs("<p>", fp);
		render_html_put(fp, L(RL_UNUSED));
		fputs(": ", fp);
		for (i = 0; i < json_array_size(unused); i++) {
			if (i)
				fputs(", ", fp);
			render_html_put(fp, json_string_value(json_array_get(unused, i)));
		}
		fputs("</p>\n", fp);
	}
	svg_dau(fp, lang, json_object_get(u, "daily"));
	top = report_top_features(doc, 10);
	if (json_array_size(top)) {
		fputs("<h3>", fp);
		render_html_put(fp, L(RL_FEATURES_TITLE));
		fputs("</h3>\n", fp);
		svg_errors(fp, lang, top);
		table_open(fp, L(RL_FEATURES_TITLE));
		th(fp, L(RL_FEATURE), 0);
		th(fp, L(RL_EVENTS), 1);
		th(fp, L(RL_USERS), 1);
		th(fp, L(RL_ERRORS), 1);
		th(fp, L(RL_ERROR_RATE), 1);
		th(fp, "p95 ms", 1);
		head_close(fp);
		for (i = 0; i < json_array_size(top); i++) {
			const json_t *f = json_array_get(top, i);
			char v[64];
			fputs("<tr>", fp);
			td(fp, report_str(f, "feature"), 0);
			td(fp, report_fmt_num(json_object_get(f, "events"), 0, v, sizeof v), 1);
			td(fp, report_fmt_num(json_object_get(f, "users"), 0, v, sizeof v), 1);
			td(fp, report_fmt_num(json_object_get(f, "errors"), 0, v, sizeof v), 1);
			td(fp, report_fmt_pct(json_object_get(f, "error_rate"), 1, v, sizeof v), 1);
			td(fp, report_fmt_num(json_object_get(f, "p95_ms"), 0, v, sizeof v), 1);
			fputs("</tr>\n", fp);
		}
		table_close(fp);
	}
	json_decref(top);
}

static void sla(FILE *fp, const char *lang, const json_t *doc)
{
	const json_t *s = json_object_get(doc, "sla");
	size_t i;
	int breaches = 0;
	double credit = 0;

	fputs("<h2>", fp);
	render_html_put(fp, L(RL_SLA_TITLE));
	fputs("</h2>\n", fp);
	if (!json_is_array(s)) {
		fputs("<p>", fp);
		render_html_put(fp, L(RL_NO_SLA));
		fputs("</p>\n", fp);
		return;
	}
	table_open(fp, L(RL_SLA_TITLE));
	th(fp, L(RL_OBJECTIVE), 0);
	th(fp, L(RL_SCOPE), 0);
	th(fp, L(RL_TARGET), 1);
	th(fp, L(RL_ACTUAL), 1);
	th(fp, L(RL_MET), 0);
	th(fp, L(RL_DOWNTIME), 1);
	th(fp, L(RL_ALLOWED), 1);
	th(fp, L(RL_BUDGET), 1);
	th(fp, L(RL_BURN), 1);
	th(fp, L(RL_CREDIT), 1);
	th(fp, L(RL_TICKETS), 1);
	head_close(fp);
	for (i = 0; i < json_array_size(s); i++) {
		const json_t *o = json_array_get(s, i);
		const json_t *met = json_object_get(o, "met"), *cr = json_object_get(o, "credit");
		char v[64];
		fputs("<tr>", fp);
		td(fp, report_str(o, "objective"), 0);
		td(fp, report_str(o, "scope"), 0);
		td(fp, report_fmt_pct(json_object_get(o, "target"), 3, v, sizeof v), 1);
		td(fp, report_fmt_pct(json_object_get(o, "actual"), 3, v, sizeof v), 1);
		if (json_is_false(met)) {
			breaches++;
			fputs("<td class=\"sev-critical\">", fp);
			render_html_put(fp, L(RL_NO));
			fputs("</td>", fp);
		} else {
			td(fp, json_is_true(met) ? L(RL_YES) : NULL, 0);
		}
		td(fp, report_fmt_dur(json_object_get(o, "downtime_s"), v, sizeof v), 1);
		td(fp, report_fmt_dur(json_object_get(o, "allowed_downtime_s"), v, sizeof v), 1);
		td(fp, report_fmt_dur(json_object_get(o, "budget_remaining_s"), v, sizeof v), 1);
		td(fp, report_fmt_num(json_object_get(o, "burn_rate"), 2, v, sizeof v), 1);
		if (json_is_number(cr) && json_number_value(cr) > credit)
			credit = json_number_value(cr);
		td(fp, render_fmt_credit(cr, v, sizeof v), 1);
		render_tickets(o, v, sizeof v);
		td(fp, v, 1);
		fputs("</tr>\n", fp);
	}
	table_close(fp);
	fputs("<p>", fp);
	render_html_put(fp, L(RL_BREACHES));
	fprintf(fp, ": %d. ", breaches);
	render_html_put(fp, L(RL_CREDITS_DUE));
	{
		char v[32];
		fprintf(fp, ": %s%%.</p>\n", render_fmt_real(credit, 2, v, sizeof v));
	}
	svg_avail(fp, lang, s);
}

static void quality(FILE *fp, const char *lang, const json_t *doc)
{
	const json_t *q = json_object_get(doc, "data_quality");
	size_t i;

	fputs("<h2>", fp);
	render_html_put(fp, L(RL_DQ));
	fputs("</h2>\n", fp);
	if (!json_array_size(q)) {
		fputs("<p>", fp);
		render_html_put(fp, L(RL_NO_INPUTS));
		fputs("</p>\n", fp);
		return;
	}
	table_open(fp, L(RL_DQ));
	th(fp, L(RL_TOOL), 0);
	th(fp, L(RL_FILE), 0);
	th(fp, L(RL_INPUT), 0);
	th(fp, L(RL_ROWS), 1);
	th(fp, L(RL_REJECTED), 1);
	head_close(fp);
	for (i = 0; i < json_array_size(q); i++) {
		const json_t *o = json_array_get(q, i);
		char v[64];
		fputs("<tr>", fp);
		td(fp, report_str(o, "tool"), 0);
		td(fp, report_str(o, "file"), 0);
		td(fp, report_str(o, "input"), 0);
		td(fp, report_fmt_num(json_object_get(o, "rows"), 0, v, sizeof v), 1);
		td(fp, report_fmt_num(json_object_get(o, "rejected"), 0, v, sizeof v), 1);
		fputs("</tr>\n", fp);
	}
	table_close(fp);
}

int report_render_html(FILE *fp, const json_t *doc, struct error *err)
{
	const char *lang = report_str(doc, "lang");
	const json_t *areas = json_object_get(doc, "areas");
	const json_t *problems = json_object_get(doc, "problems");
	const json_t *resolved = json_object_get(doc, "resolved");
	const json_t *c = json_object_get(doc, "counts");
	char per[160], v[32], title[512];
	size_t i;

	report_period_text(doc, per, sizeof per);
	render_title(lang, doc, title, sizeof title);
	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
		lang && strcmp(lang, "zh") == 0 ? "zh-CN" : "en");
	render_html_put(fp, title);
	fputs(" ", fp);
	render_html_put(fp, per);
	fprintf(fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n<h1>", css);
	render_html_put(fp, title);
	fputs("</h1>\n<p class=\"meta\">", fp);
	render_html_put(fp, L(RL_PERIOD));
	fputs(": ", fp);
	put_dates(fp, per);
	fputs("<br>", fp);
	render_html_put(fp, L(RL_GENERATED));
	fputs(": ", fp);
	render_html_put(fp, report_str(doc, "generated"));
	fputs("</p>\n", fp);
	agenda(fp, lang, doc);
	fputs("<h2>", fp);
	render_html_put(fp, L(RL_SUMMARY));
	fputs("</h2>\n", fp);
	table_open(fp, L(RL_SUMMARY));
	th(fp, L(RL_AREA), 0);
	th(fp, L(RL_STATUS), 0);
	th(fp, L(RL_REASON), 0);
	head_close(fp);
	for (i = 0; i < json_array_size(areas); i++) {
		const json_t *a = json_array_get(areas, i);
		fputs("<tr>", fp);
		td(fp, report_area_label(lang, report_str(a, "area")), 0);
		fputs("<td>", fp);
		status_badge(fp, lang, report_str(a, "status"));
		fputs("</td>", fp);
		td(fp, report_str(a, "reason"), 0);
		fputs("</tr>\n", fp);
	}
	table_close(fp);
	usage(fp, lang, doc);
	sla(fp, lang, doc);
	fputs("<section id=\"appendix\">\n<h2>", fp);
	render_html_put(fp, L(RL_APPENDIX));
	fputs("</h2>\n<h2>", fp);
	render_html_put(fp, L(RL_PROBLEMS));
	fputs("</h2>\n<p>", fp);
	render_html_put(fp, L(RL_TOTAL));
	fprintf(fp, " %s: ", report_fmt_num(json_object_get(c, "problems"), 0, v, sizeof v));
	render_html_put(fp, L(RL_CRITICAL));
	fprintf(fp, " %s, ", report_fmt_num(json_object_get(c, "critical"), 0, v, sizeof v));
	render_html_put(fp, L(RL_WARNING));
	fprintf(fp, " %s, ", report_fmt_num(json_object_get(c, "warning"), 0, v, sizeof v));
	render_html_put(fp, L(RL_INFO));
	fprintf(fp, " %s", report_fmt_num(json_object_get(c, "info"), 0, v, sizeof v));
	if (json_is_array(resolved)) {
		fputs("; ", fp);
		render_html_put(fp, L(RL_NEW));
		fprintf(fp, " %s, ", report_fmt_num(json_object_get(c, "new"), 0, v, sizeof v));
		render_html_put(fp, L(RL_STILL_OPEN));
		fprintf(fp, " %s, ", report_fmt_num(json_object_get(c, "still_open"), 0, v, sizeof v));
		render_html_put(fp, L(RL_UNCHECKED));
		fprintf(fp, " %s, ", report_fmt_num(json_object_get(c, "unchecked"), 0, v, sizeof v));
		render_html_put(fp, L(RL_RESOLVED));
		fprintf(fp, " %s", report_fmt_num(json_object_get(c, "resolved"), 0, v, sizeof v));
	}
	fputs("</p>\n", fp);
	if (json_array_size(problems)) {
		problems_table(fp, lang, L(RL_PROBLEMS), problems,
			       json_is_array(resolved));
	} else {
		fputs("<p>", fp);
		render_html_put(fp, L(RL_NO_PROBLEMS));
		fputs("</p>\n", fp);
	}
	if (json_is_array(resolved)) {
		fputs("<h3>", fp);
		render_html_put(fp, L(RL_RESOLVED_TITLE));
		fputs("</h3>\n", fp);
		if (json_array_size(resolved)) {
			problems_table(fp, lang, L(RL_RESOLVED_TITLE), resolved, 0);
		} else {
			fputs("<p>", fp);
			render_html_put(fp, L(RL_NONE_RESOLVED));
			fputs("</p>\n", fp);
		}
	}
	quality(fp, lang, doc);
	fputs("</section>\n</main>\n</body>\n</html>\n", fp);
	return render_finish(fp, err);
}
