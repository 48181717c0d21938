/* report_year_render: the words, series and value texts of the year view
 * that its Markdown, text and HTML renderers share (render_year.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "report/render_year.h"
#include "report/report_format.h"
#include "report/report_label.h"

static const char *const words[YL_N][2] = {
	[YL_TITLE] = { "Year view", "年度视图" },
	[YL_SCORECARD] = { "Vendor scorecard", "供应商评分卡" },
	[YL_TRENDS] = { "Trends by month", "月度趋势" },
	[YL_MONTH] = { "Month", "月份" },
	[YL_AVAIL] = { "Availability", "可用性" },
	[YL_TARGET] = { "Target", "目标" },
	[YL_MET] = { "SLA met", "达标" },
	[YL_OBJECTIVES] = { "Objectives met", "达标目标" },
	[YL_CREDIT] = { "Credit due", "应得赔偿" },
	[YL_NO_REPORT] = { "no report", "无报告" },
	[YL_NO_DATA] = { "no data", "无数据" },
	[YL_MET_LINE] = { "Every SLA objective met in {1} of {2} months judged.", "在 {2} 个已评估月份中有 {1} 个月达标。" },
	[YL_AVAIL_LINE] = { "Availability target met in {1} of {2} months.", "在 {2} 个月中有 {1} 个月可用性达标。" },
	[YL_NONE_JUDGED] = { "No month has an SLA result.", "没有月份有 SLA 结果。" },
	[YL_CREDIT_LINE] = { "Credits due in {2} months, adding up to {1} of a monthly fee.", "{2} 个月应得赔偿，合计月费的 {1}。" },
	[YL_CREDIT_LINE1] = { "Credits due in 1 month: {1} of a monthly fee.", "1 个月应得赔偿：月费的 {1}。" },
	[YL_NO_CREDIT] = { "Credits due: none known.", "应得赔偿：无已知数据。" },
	[YL_WORST_LINE] = { "Worst month: {1}, availability {2} (target {3}).", "最差月份：{1}，可用性 {2}（目标 {3}）。" },
	[YL_NO_WORST] = { "Worst month: no availability known.", "最差月份：无可用性数据。" },
	[YL_GAPS_LINE] = { "No report for {1} of {2} months: {3}; left empty in the charts.", "{2} 个月中有 {1} 个月无报告：{3}；图中留空。" },
	[YL_TABLE] = { "SLA results by month", "每月 SLA 结果" },
	[YL_S_AVAIL] = { "Availability against target", "可用性与目标" },
	[YL_S_ERRORS] = { "Error rate", "错误率" },
	[YL_S_DAU] = { "Daily active users (average)", "日活跃用户（平均）" },
	[YL_S_CSAT] = { "Satisfaction (CSAT)", "满意度（CSAT）" },
	[YL_S_OPEN] = { "Open problems (new, resolved)", "未解决问题（新增、已解决）" },
	[YL_S_CREDIT] = { "Credits due", "应得赔偿" },
	[YL_D_AVAIL] = { "The worst service's availability each month against its SLA target; red below the target.",
			 "每月最差服务的可用性与 SLA 目标对比；低于目标为红色。" },
	[YL_D_ERRORS] = { "The share of events that failed, each month.", "每月失败事件的比例。" },
	[YL_D_DAU] = { "The average number of daily active users, each month.", "每月日活跃用户的平均数。" },
	[YL_D_CSAT] = { "The share of satisfied survey answers, each month.", "每月满意调查回答的比例。" },
	[YL_D_OPEN] = { "The problems open at each month's report, with those new and resolved that month.",
			"每月报告中的未解决问题，以及当月新增和已解决的问题。" },
	[YL_D_CREDIT] = { "The service credits due each month (percent of the monthly fee, summed over the objectives).",
			  "每月应得的服务赔偿（月费百分比，各目标之和）。" },
	[YL_NEW] = { "new", "新增" },
	[YL_RESOLVED] = { "resolved", "已解决" },
	[YL_SCALE] = { "scale {1} .. {2}; | marks the target", "刻度 {1} .. {2}；| 为目标" },
	[YL_YES] = { "yes", "是" },
	[YL_NO] = { "no", "否" },
};

const char *year_label(const char *lang, enum year_label id)
{
	int zh = lang && strcmp(lang, "zh") == 0;

	if ((int)id < 0 || id >= YL_N)
		return "";
	return words[id][zh];
}

static const char *const keys[YS_N] = {
	"availability", "error_rate", "dau_avg", "csat", "open_problems", "credit"
};

const char *year_series_key(enum year_series s)
{
	return keys[s];
}

enum year_label year_series_title(enum year_series s)
{
	return (enum year_label)((int)YL_S_AVAIL + (int)s);
}

enum year_label year_series_desc(enum year_series s)
{
	return (enum year_label)((int)YL_D_AVAIL + (int)s);
}

int year_is_gap(const json_t *e)
{
	return json_is_null(json_object_get(e, "file")) || !json_object_get(e, "file");
}

/* The number member key of e into *v; 0 when it is not a finite number. */
static int num(const json_t *e, const char *key, double *v)
{
	const json_t *x = json_object_get(e, key);

	if (!json_is_number(x) || !isfinite(json_number_value(x)))
		return 0;
	*v = json_number_value(x);
	return 1;
}

int year_series_scale(enum year_series s, const json_t *months, double *lo,
		      double *hi)
{
	const json_t *e;
	size_t i;
	double v, min = INFINITY, max = 0;
	int any = 0;

	json_array_foreach(months, i, e) {
		if (!num(e, keys[s], &v))
			continue;
		any = 1;
		if (v < min)
			min = v;
		if (v > max)
			max = v;
		if (s == YS_AVAIL && num(e, "availability_target", &v) && v < min)
			min = v;
	}
	if (!any)
		return 0;
	if (s == YS_AVAIL) {
		/* from a little below the lowest figure to 100%, in steps
		 * of 0.1 pp, at least 1 pp wide */
		double l = 1 - (1 - min) * 1.25;
		l = floor(l * 1000) / 1000;
		if (l > 0.99)
			l = 0.99;
		if (l < 0)
			l = 0;
		*lo = l;
		*hi = 1;
		return 1;
	}
	*lo = 0;
	*hi = max > 0 ? max : 1;
	return 1;
}

double year_bar_share(enum year_series s, const json_t *e, double lo, double hi)
{
	double v, f;

	if (!num(e, keys[s], &v) || !(hi > lo))
		return -1;
	f = (v - lo) / (hi - lo);
	return f < 0 ? 0 : f > 1 ? 1 : f;
}

const char *year_value_text(const char *lang, enum year_series s, const json_t *e,
			    char *buf, size_t size)
{
	char a[48], b[32];
	double v, t;

	if (year_is_gap(e)) {
		snprintf(buf, size, "%s", year_label(lang, YL_NO_REPORT));
		return buf;
	}
	if (!num(e, keys[s], &v)) {
		snprintf(buf, size, "%s", year_label(lang, YL_NO_DATA));
		return buf;
	}
	switch (s) {
	case YS_AVAIL:
		report_fmt_pct(json_object_get(e, "availability"), 3, a, sizeof a);
		if (num(e, "availability_target", &t))
			snprintf(buf, size, "%s %s %s", a, v < t ? "<" : ">=",
				 report_fmt_pct(json_object_get(e, "availability_target"), 3, b, sizeof b));
		else
			snprintf(buf, size, "%s", a);
		break;
	case YS_ERRORS:
		report_fmt_pct(json_object_get(e, keys[s]), 2, buf, size);
		break;
	case YS_CSAT:
		report_fmt_pct(json_object_get(e, keys[s]), 1, buf, size);
		break;
	case YS_DAU:
		report_fmt_num(json_object_get(e, keys[s]), 1, buf, size);
		break;
	case YS_OPEN:
		report_fmt_num(json_object_get(e, keys[s]), 0, a, sizeof a);
		if (num(e, "new", &t) || num(e, "resolved", &t)) {
			char c[32];
			snprintf(buf, size, "%s (%s %s, %s %s)", a, year_label(lang, YL_NEW),
				 report_fmt_num(json_object_get(e, "new"), 0, b, sizeof b),
				 year_label(lang, YL_RESOLVED),
				 report_fmt_num(json_object_get(e, "resolved"), 0, c, sizeof c));
		} else
			snprintf(buf, size, "%s", a);
		break;
	case YS_CREDIT:
	default:
		report_fmt_num(json_object_get(e, keys[s]), 2, a, sizeof a);
		snprintf(buf, size, "%s%%", a);
		break;
	}
	/* report_fmt_* write "–" for what they cannot show: plain ASCII here */
	{
		char *d;
		while ((d = strstr(buf, "–")) != NULL) {
			d[0] = '-';
			memmove(d + 1, d + 3, strlen(d + 3) + 1);
		}
	}
	return buf;
}

char year_mark(enum year_series s, const json_t *e)
{
	double v, t;

	if (s == YS_AVAIL && num(e, "availability", &v) && num(e, "availability_target", &t))
		return v < t ? 'r' : 'g';
	if (s == YS_CREDIT && num(e, "credit", &v) && v > 0)
		return 'r';
	return 'n';
}

/* The cells of one month of the SLA table: month, availability, target,
 * met, objectives met of judged, credit due. */
void year_sla_cells(const char *lang, const json_t *e, char c[6][64])
{
	const json_t *m = json_object_get(e, "sla_met");
	char a[32];

	snprintf(c[0], 64, "%s", report_str(e, "month") ? report_str(e, "month") : "");
	if (year_is_gap(e)) {
		snprintf(c[1], 64, "%s", year_label(lang, YL_NO_REPORT));
		c[2][0] = c[3][0] = c[4][0] = c[5][0] = '\0';
		return;
	}
	report_fmt_pct(json_object_get(e, "availability"), 3, c[1], 64);
	report_fmt_pct(json_object_get(e, "availability_target"), 3, c[2], 64);
	snprintf(c[3], 64, "%s", json_is_boolean(m) ? year_label(lang, json_is_true(m) ? YL_YES : YL_NO) : "–");
	if (json_is_integer(json_object_get(e, "objectives_judged")) &&
	    json_integer_value(json_object_get(e, "objectives_judged")) > 0) {
		char b[32];
		snprintf(c[4], 64, "%s/%s",
			 report_fmt_num(json_object_get(e, "objectives_met"), 0, a, sizeof a),
			 report_fmt_num(json_object_get(e, "objectives_judged"), 0, b, sizeof b));
	} else
		snprintf(c[4], 64, "–");
	if (json_is_number(json_object_get(e, "credit")))
		snprintf(c[5], 64, "%s%%", report_fmt_num(json_object_get(e, "credit"), 2, a, sizeof a));
	else
		snprintf(c[5], 64, "–");
}

/* tmpl with {1}..{n} replaced by args (to free). */
static char *subst(const char *tmpl, const char *const *args, size_t n)
{
	size_t cap = strlen(tmpl) + 1, len = 0, i;
	char *out;
	const char *p;

	for (i = 0; i < n; i++)
		cap += strlen(args[i]);
	out = xmalloc(cap);
	for (p = tmpl; *p;) {
		if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}' &&
		    (size_t)(p[1] - '1') < n) {
			const char *a = args[p[1] - '1'];
			memcpy(out + len, a, strlen(a));
			len += strlen(a);
			p += 3;
		} else {
			out[len++] = *p++;
		}
	}
	out[len] = '\0';
	return out;
}

void year_scorecard_lines(const char *lang, const json_t *hist, char *line[5])
{
	const json_t *sc = json_object_get(hist, "scorecard");
	const json_t *months = json_object_get(hist, "months");
	const json_t *w = json_object_get(sc, "worst"), *e;
	char a[48], b[32];
	size_t i, gaps = 0, cap = 1, len = 0;
	char *list;

	if (json_integer_value(json_object_get(sc, "judged")) > 0) {
		const char *args[2];
		args[0] = report_fmt_num(json_object_get(sc, "met"), 0, a, sizeof a);
		args[1] = report_fmt_num(json_object_get(sc, "judged"), 0, b, sizeof b);
		line[0] = subst(year_label(lang, YL_MET_LINE), args, 2);
	} else {
		line[0] = xstrdup(year_label(lang, YL_NONE_JUDGED));
	}
	line[1] = NULL;
	if (json_integer_value(json_object_get(sc, "availability_judged")) > 0) {
		const char *args[2];
		args[0] = report_fmt_num(json_object_get(sc, "availability_met"), 0, a, sizeof a);
		args[1] = report_fmt_num(json_object_get(sc, "availability_judged"), 0, b, sizeof b);
		line[1] = subst(year_label(lang, YL_AVAIL_LINE), args, 2);
	}
	if (json_is_number(json_object_get(sc, "credit_total"))) {
		const char *args[2];
		char c[32];
		report_fmt_num(json_object_get(sc, "credit_total"), 2, c, sizeof c);
		snprintf(a, sizeof a, "%s%%", c);
		args[0] = a;
		args[1] = report_fmt_num(json_object_get(sc, "credit_months"), 0, b, sizeof b);
		line[2] = subst(year_label(lang, json_integer_value(json_object_get(sc, "credit_months")) == 1 ?
					    YL_CREDIT_LINE1 : YL_CREDIT_LINE), args, 2);
	} else {
		line[2] = xstrdup(year_label(lang, YL_NO_CREDIT));
	}
	if (json_is_object(w)) {
		const char *args[3];
		args[0] = report_str(w, "month") ? report_str(w, "month") : "";
		args[1] = report_fmt_pct(json_object_get(w, "availability"), 3, a, sizeof a);
		args[2] = report_fmt_pct(json_object_get(w, "target"), 3, b, sizeof b);
		line[3] = subst(year_label(lang, YL_WORST_LINE), args, 3);
	} else {
		line[3] = xstrdup(year_label(lang, YL_NO_WORST));
	}
	json_array_foreach(months, i, e)
		if (year_is_gap(e)) {
			gaps++;
			cap += 9;
		}
	line[4] = NULL;
	if (!gaps)
		return;
	list = xmalloc(cap);
	for (i = 0; i < json_array_size(months); i++) {
		const char *m = report_str(json_array_get(months, i), "month");
		size_t k = m ? strlen(m) : 0;
		if (!year_is_gap(json_array_get(months, i)))
			continue;
		if (k > 7)
			k = 7;
		if (len) {
			memcpy(list + len, ", ", 2);
			len += 2;
		}
		memcpy(list + len, m ? m : "", k);
		len += k;
	}
	list[len] = '\0';
	{
		const char *args[3];
		snprintf(a, sizeof a, "%zu", gaps);
		args[0] = a;
		args[1] = report_fmt_num(json_object_get(sc, "months"), 0, b, sizeof b);
		args[2] = list;
		line[4] = subst(year_label(lang, YL_GAPS_LINE), args, 3);
	}
	free(list);
}

char *year_scale_line(const char *lang, const char *lo, const char *hi)
{
	const char *args[2];

	args[0] = lo;
	args[1] = hi;
	return subst(year_label(lang, YL_SCALE), args, 2);
}

void year_heading(const char *lang, const json_t *doc, char *buf, size_t size)
{
	const char *t = report_str(doc, "title");

	if (t && *t)
		snprintf(buf, size, "%s — %s", t, year_label(lang, YL_TITLE));
	else
		snprintf(buf, size, "%s", year_label(lang, YL_TITLE));
}

void year_period(const char *lang, const json_t *doc, char *buf, size_t size)
{
	const json_t *m = json_object_get(json_object_get(doc, "history"), "months");
	size_t n = json_array_size(m);
	int zh = lang && strcmp(lang, "zh") == 0;

	if (!n) {
		snprintf(buf, size, "–");
		return;
	}
	snprintf(buf, size, zh ? "%s – %s（%zu 个月）" : "%s – %s (%zu months)",
		 report_str(json_array_get(m, 0), "month"),
		 report_str(json_array_get(m, n - 1), "month"), n);
}
