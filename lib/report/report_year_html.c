/* report_year_html: the year view as one self-contained HTML page -- no
 * script, no outside resource.  The charts are inline SVG, one bar a
 * month, each with a <title> and a <desc> that lists every month's value
 * for screen readers, and the value written beside its bar; a month
 * without a report is a dashed empty track labelled "no report".  The
 * colours are those of the month report (WCAG AA: text 4.5:1, chart
 * marks 3:1 on white), its user unit the CSS pixel (no viewBox). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/xalloc.h"
#include "report/render.h"
#include "report/render_int.h"
#include "report/render_year.h"
#include "report/report_format.h"
#include "report/report_label.h"

#define Y(id) year_label(lang, (id))
/* The height of one month's row of a chart: its text line, then its bar. */
#define ROW_H 30

static const char css[] =
	":root{--red:#b3261e;--green:#1e7b34;--blue:#3b6ea8;--grey:#666}\n"
	"body{margin:0;font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",sans-serif;color:#1b1b1b;background:#fff}\n"
	"main{max-width:60rem;margin:0 auto;padding:1rem}\n"
	"h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.2rem;margin-top:1.6rem;border-bottom:1px solid #ddd}\n"
	"h3{font-size:1rem;margin-bottom:.2rem}.meta{color:var(--grey)}\n"
	".tbl{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.5rem 0}\n"
	".tbl:focus{outline:2px solid #3b6ea8;outline-offset:2px}\n"
	"table{border-collapse:collapse;min-width:100%}\n"
	"th,td{border-bottom:1px solid #e3e3e3;padding:.3rem .5rem;text-align:left;vertical-align:top}\n"
	"th{background:#f4f4f4;white-space:nowrap}td.n,th.n{text-align:right;white-space:nowrap}\n"
	"caption{text-align:left;padding:.2rem 0}td.gap{color:var(--grey);font-style:italic}.no{color:var(--red);font-weight:600}\n"
	".charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:0 2rem}\n"
	"svg.chart{display:block;width:100%;margin:.3rem 0 1rem;overflow:visible}\n"
	"svg text{font:12px system-ui,sans-serif;fill:#333}svg text.gap{fill:#666;font-style:italic}\n"
	"@media print{body{font-size:10pt}main{max-width:none;padding:0}.tbl{overflow:visible}"
	"thead{display:table-header-group;break-after:avoid}tbody tr:first-child{break-before:avoid}"
	"h2,h3{break-after:avoid}tr,svg,figure{break-inside:avoid}.tbl:focus{outline:none}}\n";


/* A value text with its ASCII ">=" written as "≥". */
static void put_value(FILE *fp, const char *v)
{
	const char *ge = strstr(v, ">=");
	char *head;

	if (!ge) {
		render_html_put(fp, v);
		return;
	}
	head = xstrdup(v);
	head[ge - v] = '\0';
	render_html_put(fp, head);
	fputs("≥", fp);
	render_html_put(fp, ge + 2);
	free(head);
}

static void scorecard(FILE *fp, const char *lang, const json_t *hist)
{
	const json_t *months = json_object_get(hist, "months");
	char *line[5], c[6][64];
	size_t i, j;

	fputs("<section id=\"scorecard\">\n<h2>", fp);
	render_html_put(fp, Y(YL_SCORECARD));
	fputs("</h2>\n<ul>\n", fp);
	year_scorecard_lines(lang, hist, line);
	for (i = 0; i < 5; i++)
		if (line[i]) {
			fputs("<li>", fp);
			render_html_put(fp, line[i]);
			fputs("</li>\n", fp);
			free(line[i]);
		}
	fputs("</ul>\n<div class=\"tbl\" tabindex=\"0\" role=\"region\" aria-label=\"", fp);
	render_html_put(fp, Y(YL_TABLE));
	fputs("\"><table>\n<caption class=\"meta\">", fp);
	render_html_put(fp, Y(YL_TABLE));
	fputs("</caption>\n<thead><tr>", fp);
	{
		static const enum year_label h[6] = { YL_MONTH, YL_AVAIL, YL_TARGET, YL_MET,
						      YL_OBJECTIVES, YL_CREDIT };
		for (j = 0; j < 6; j++) {
			fputs(j == 0 || j == 3 ? "<th scope=\"col\">" : "<th scope=\"col\" class=\"n\">", fp);
			render_html_put(fp, Y(h[j]));
			fputs("</th>", fp);
		}
	}
	fputs("</tr></thead>\n<tbody>\n", fp);
	for (i = 0; i < json_array_size(months); i++) {
		const json_t *e = json_array_get(months, i);
		fputs("<tr><th scope=\"row\">", fp);
		render_html_put(fp, report_str(e, "month"));
		fputs("</th>", fp);
		if (year_is_gap(e)) {
			fputs("<td class=\"gap\" colspan=\"5\">", fp);
			render_html_put(fp, Y(YL_NO_REPORT));
			fputs("</td></tr>\n", fp);
			continue;
		}
		year_sla_cells(lang, e, c);
		for (j = 1; j < 6; j++) {
			fputs(j == 3 ? (json_is_false(json_object_get(e, "sla_met")) ?
					"<td class=\"no\">" : "<td>") : "<td class=\"n\">", fp);
			render_html_put(fp, c[j]);
			fputs("</td>", fp);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</tbody></table></div>\n</section>\n", fp);
}

/* The fill of a bar of month e in series s. */
static const char *fill(enum year_series s, const json_t *e)
{
	switch (year_mark(s, e)) {
	case 'r': return "#b3261e";
	case 'g': return "#1e7b34";
	default: return "#3b6ea8";
	}
}

/* One chart: a row a month, the month and its value above a bar on a
 * grey track (the availability target a black tick). */
static void chart(FILE *fp, const char *lang, const json_t *months, enum year_series s)
{
	const char *id = year_series_key(s);
	size_t n = json_array_size(months), i;
	double lo = 0, hi = 1;
	char v[96];
	int any = year_series_scale(s, months, &lo, &hi);

	fputs("<figure style=\"margin:0\">\n<h3 id=\"y-", fp);
	fputs(id, fp);
	fputs("\">", fp);
	render_html_put(fp, Y(year_series_title(s)));
	fputs("</h3>\n", fp);
	fprintf(fp, "<svg class=\"chart\" width=\"100%%\" height=\"%zu\" role=\"img\" "
		"aria-labelledby=\"y-%s-t\" aria-describedby=\"y-%s-d\">\n<title id=\"y-%s-t\">",
		(n ? n : 1) * ROW_H + (s == YS_AVAIL ? 18 : 4), id, id, id);
	render_html_put(fp, Y(year_series_title(s)));
	fprintf(fp, "</title>\n<desc id=\"y-%s-d\">", id);
	render_html_put(fp, Y(year_series_desc(s)));
	for (i = 0; i < n; i++) {
		const json_t *e = json_array_get(months, i);
		fputs(i ? "; " : " ", fp);
		render_html_put(fp, report_str(e, "month"));
		fputs(": ", fp);
		put_value(fp, year_value_text(lang, s, e, v, sizeof v));
	}
	fputs(".</desc>\n", fp);
	for (i = 0; i < n; i++) {
		const json_t *e = json_array_get(months, i);
		double y = 2 + (double)i * ROW_H, f = any ? year_bar_share(s, e, lo, hi) : -1;
		int gap = year_is_gap(e);
		fprintf(fp, "<text x=\"0\" y=\"%.0f\">", y + 11);
		render_html_put(fp, report_str(e, "month"));
		fprintf(fp, "</text><text x=\"100%%\" y=\"%.0f\" text-anchor=\"end\"%s>", y + 11,
			gap || f < 0 ? " class=\"gap\"" : "");
		put_value(fp, year_value_text(lang, s, e, v, sizeof v));
		fputs("</text>\n", fp);
		if (gap) {
			fprintf(fp, "<rect x=\"1\" y=\"%.0f\" width=\"99%%\" height=\"9\" fill=\"none\" "
				"stroke=\"#767676\" stroke-dasharray=\"4 3\"/>\n", y + 15);
			continue;
		}
		fprintf(fp, "<rect x=\"0\" y=\"%.0f\" width=\"100%%\" height=\"10\" fill=\"#eee\"/>\n", y + 15);
		if (f > 0)
			fprintf(fp, "<rect x=\"0\" y=\"%.0f\" width=\"%.2f%%\" height=\"10\" fill=\"%s\"/>\n",
				y + 15, f * 100, fill(s, e));
		if (s == YS_AVAIL && json_is_number(json_object_get(e, "availability_target"))) {
			double t = (json_number_value(json_object_get(e, "availability_target")) - lo) /
				   (hi - lo) * 100;
			fprintf(fp, "<rect x=\"%.2f%%\" y=\"%.0f\" width=\"2\" height=\"16\" fill=\"#000\"/>\n",
				t < 0 ? 0 : t > 99.5 ? 99.5 : t, y + 12);
		}
	}
	if (s == YS_AVAIL && any) {
		char a[32];
		json_t *l = json_real(lo);
		fprintf(fp, "<text x=\"0\" y=\"%.0f\">", 2 + (double)n * ROW_H + 10);
		render_html_put(fp, report_fmt_pct(l, 3, a, sizeof a));
		fprintf(fp, "</text><text x=\"100%%\" y=\"%.0f\" text-anchor=\"end\">100%%</text>\n",
			2 + (double)n * ROW_H + 10);
		json_decref(l);
	}
	fputs("</svg>\n</figure>\n", fp);
}

int report_render_year_html(FILE *fp, const json_t *doc, struct error *err)
{
	const char *lang = report_str(doc, "lang");
	const json_t *hist = json_object_get(doc, "history");
	const json_t *months = json_object_get(hist, "months");
	char title[512], per[160];
	int s;

	year_heading(lang, doc, title, sizeof title);
	year_period(lang, doc, per, sizeof per);
	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
		lang && strcmp(lang, "zh") == 0 ? "zh-CN" : "en");
	render_html_put(fp, title);
	fputs(" ", fp);
	render_html_put(fp, per);
	fprintf(fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n<h1>", css);
	render_html_put(fp, title);
	fputs("</h1>\n<p class=\"meta\">", fp);
	render_html_put(fp, report_label(lang, RL_PERIOD));
	fputs(": ", fp);
	render_html_put(fp, per);
	fputs("<br>", fp);
	render_html_put(fp, report_label(lang, RL_GENERATED));
	fputs(": ", fp);
	render_html_put(fp, report_str(doc, "generated"));
	fputs("</p>\n", fp);
	scorecard(fp, lang, hist);
	fputs("<section id=\"trends\">\n<h2>", fp);
	render_html_put(fp, Y(YL_TRENDS));
	fputs("</h2>\n<div class=\"charts\">\n", fp);
	for (s = 0; s < YS_N; s++)
		chart(fp, lang, months, (enum year_series)s);
	fputs("</div>\n</section>\n</main>\n</body>\n</html>\n", fp);
	return render_finish(fp, err);
}
