/* report_format: how the renderers write the figures of the report
 * document -- numbers, percentages, durations, metric values and their
 * changes, owners and the period -- the same in every format. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/sbuf.h"
#include "base/xalloc.h"
#include "io/jbuild.h"
#include "io/writer.h"
#include "report/report.h"
#include "report/report_format.h"
#include "report/report_label.h"

static const char dash[] = "–";

const char *report_str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

static double round_to(double v, int decimals)
{
	double f = pow(10, decimals);
	double r = round(v * f) / f;

	return r == 0 ? 0 : r;	/* no "-0" */
}

const char *report_fmt_num(const json_t *v, int decimals, char *buf, size_t size)
{
	if (!json_is_number(v) || !isfinite(json_number_value(v))) {
		snprintf(buf, size, "%s", dash);
		return buf;
	}
	writer_number(round_to(json_number_value(v), decimals), buf, size);
	return buf;
}

const char *report_fmt_pct(const json_t *v, int decimals, char *buf, size_t size)
{
	size_t n;

	if (!json_is_number(v) || !isfinite(json_number_value(v))) {
		snprintf(buf, size, "%s", dash);
		return buf;
	}
	n = writer_number(round_to(json_number_value(v) * 100, decimals), buf, size);
	if (n + 2 <= size)
		memcpy(buf + n, "%", 2);
	return buf;
}

const char *report_fmt_dur(const json_t *v, char *buf, size_t size)
{
	double d;
	long long s, h, m;
	const char *sign = "";

	if (!json_is_number(v) || !isfinite(json_number_value(v)) ||
	    fabs(json_number_value(v)) > 9e15) {
		snprintf(buf, size, "%s", dash);
		return buf;
	}
	d = json_number_value(v);
	if (d < 0) {
		sign = "-";
		d = -d;
	}
	s = llround(d);
	h = s / 3600;
	m = s / 60 % 60;
	s %= 60;
	if (h)
		snprintf(buf, size, "%s%lldh %lldm %llds", sign, h, m, s);
	else if (m)
		snprintf(buf, size, "%s%lldm %llds", sign, m, s);
	else
		snprintf(buf, size, "%s%llds", sign, s);
	return buf;
}

/* 0: a count; 1: a fraction (percent); 2: a decimal figure. */
static int metric_kind(const char *name)
{
	static const char *const pct[] = {
		"stickiness", "active_share", "error_rate", "feature_coverage",
		"csat", NULL
	};
	size_t i;

	for (i = 0; pct[i]; i++)
		if (strcmp(pct[i], name) == 0)
			return 1;
	if (strcmp(name, "dau_avg") == 0 || strcmp(name, "nps") == 0)
		return 2;
	return 0;
}

const char *report_fmt_metric(const char *name, const json_t *v, char *buf, size_t size)
{
	switch (metric_kind(name)) {
	case 1: return report_fmt_pct(v, 1, buf, size);
	case 2: return report_fmt_num(v, 1, buf, size);
	default: return report_fmt_num(v, 0, buf, size);
	}
}

/* The signed change d of a figure of the given kind (metric_kind) with
 * `decimals` decimals ("+3", "-37.5 pp"; up to two more when it would
 * round to 0), and its relative form r when r
 * is a finite number: " (-75%)"; pp: the word of percentage points. */
static const char *fmt_change(double d, int kind, int decimals, const json_t *r,
			      const char *pp, char *buf, size_t size)
{
	char tmp[64], rel[64] = "";
	json_t *x = jnum(kind == 1 ? d * 100 : d);
	int more;

	/* a change that rounds to 0 but is not gets up to two more
	 * decimals: "-0.02 pp", not "0 pp" beside "(-1%)" */
	report_fmt_num(x, decimals, tmp, sizeof tmp);
	for (more = 0; more < 2 && d != 0 && strcmp(tmp, "0") == 0; more++)
		report_fmt_num(x, decimals + more + 1, tmp, sizeof tmp);
	json_decref(x);
	/* the relative form beside the absolute one: "-37.5 pp (-75%)";
	 * none when the previous value was 0 (the ratio is null) */
	if (json_is_number(r) && isfinite(json_number_value(r))) {
		double q = json_number_value(r);
		char p[48];

		report_fmt_pct(r, 0, p, sizeof p);
		snprintf(rel, sizeof rel, " (%s%s)", q > 0 && strcmp(p, "0%") ? "+" : "", p);
	}
	snprintf(buf, size, "%s%s%s%s%s", d > 0 && strcmp(tmp, "0") ? "+" : "",
		 tmp, kind == 1 ? " " : "", kind == 1 ? pp : "", rel);
	return buf;
}

const char *report_fmt_change_in(const char *lang, const json_t *metrics,
				 const char *name, char *buf, size_t size)
{
	int kind = metric_kind(name);
	char key[64];
	const json_t *v, *r;

	snprintf(key, sizeof key, "%s_change", name);
	v = json_object_get(metrics, key);
	snprintf(key, sizeof key, "%s_change_ratio", name);
	r = json_object_get(metrics, key);
	if (!json_is_number(v) || !isfinite(json_number_value(v))) {
		snprintf(buf, size, "%s", dash);
		return buf;
	}
	return fmt_change(json_number_value(v), kind, kind == 0 ? 0 : 1, r,
			  report_label(lang, RL_PP), buf, size);
}

const char *report_fmt_change(const json_t *metrics, const char *name,
			      char *buf, size_t size)
{
	return report_fmt_change_in("en", metrics, name, buf, size);
}

/* raci route joins several roles with "; ", which the owner line uses
 * between its R and A parts: roles are listed with ", " here. */
static void add_roles(struct sbuf *b, const char *roles)
{
	const char *p;

	while ((p = strstr(roles, "; ")) != NULL) {
		sbuf_add(b, roles, (size_t)(p - roles));
		sbuf_adds(b, ", ");
		roles = p + 2;
	}
	sbuf_adds(b, roles);
}

char *report_owner(const char *lang, const json_t *problem)
{
	const char *r = report_str(problem, "responsible");
	const char *a = report_str(problem, "accountable");
	struct sbuf b = { 0 };

	if (!r || !*r || strcmp(r, "unassigned") == 0)
		r = NULL;
	if (!a || !*a || strcmp(a, "unassigned") == 0)
		a = NULL;
	if (!r && !a)
		return xstrdup(report_label(lang, RL_UNASSIGNED));
	if (r) {
		sbuf_adds(&b, report_label(lang, RL_RESPONSIBLE));
		sbuf_adds(&b, ": ");
		add_roles(&b, r);
	}
	if (a) {
		if (r)
			sbuf_adds(&b, "; ");
		sbuf_adds(&b, report_label(lang, RL_ACCOUNTABLE));
		sbuf_adds(&b, ": ");
		add_roles(&b, a);
	}
	return sbuf_take(&b);
}

/* The date part of an RFC 3339 time, or the whole text. */
static void date_part(const char *s, char *buf, size_t size)
{
	size_t n = strlen(s);

	if (n >= 10 && s[4] == '-' && s[7] == '-')
		n = 10;
	snprintf(buf, size, "%.*s", (int)n, s);
}

/* An RFC 3339 time to the minute, "2026-10-05 06:00", the zone dropped
 * (the times of one document share it); any other text whole. */
static void minute_part(const char *s, char *buf, size_t size)
{
	if (strlen(s) >= 16 && s[4] == '-' && s[7] == '-' && s[10] == 'T' &&
	    s[13] == ':')
		snprintf(buf, size, "%.10s %.5s", s, s + 11);
	else
		snprintf(buf, size, "%s", s);
}

/* The day before the date "YYYY-MM-DD" of s into buf. */
static void day_before(const char *s, char *buf, size_t size)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d;

	if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12) {
		date_part(s, buf, size);
		return;
	}
	if (--d == 0) {
		if (--m == 0) {
			m = 12;
			y--;
		}
		d = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	}
	snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
}

/* The last day of a period ending at e (exclusive): e's date, or the day
 * before when e is a midnight. */
static void last_day(const char *e, char *buf, size_t size)
{
	if (strlen(e) >= 19 && e[10] == 'T' && strncmp(e + 11, "00:00:00", 8) == 0)
		day_before(e, buf, size);
	else
		date_part(e, buf, size);
}

void report_period_text(const json_t *doc, char *buf, size_t size)
{
	static const char *const months[] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"
	};
	const char *lang = report_str(doc, "lang");
	const json_t *p = json_object_get(doc, "period");
	const char *s = report_str(p, "start"), *e = report_str(p, "end");
	const char *u = report_str(p, "until");
	int zh = lang && strcmp(lang, "zh") == 0;
	char a[64], b[64], label[32], name[64] = "", base[256];
	int y, m;

	if (!s || !e) {
		snprintf(buf, size, "%s", dash);
		return;
	}
	date_part(s, a, sizeof a);
	last_day(e, b, sizeof b);
	report_period_label(p, label, sizeof label);
	if (strlen(label) == 7 && sscanf(label, "%4d-%2d", &y, &m) == 2 && m >= 1 && m <= 12) {
		if (zh)
			snprintf(name, sizeof name, "%d年%d月", y, m);
		else
			snprintf(name, sizeof name, "%s %d", months[m - 1], y);
	}
	if (*name)
		snprintf(base, sizeof base, "%s (%s – %s)", name, a, b);
	else
		snprintf(base, sizeof base, "%s – %s", a, b);
	if (u && strcmp(u, e) != 0) {
		char c[64];
		minute_part(u, c, sizeof c);
		snprintf(buf, size, "%s%s%s %s", base, report_label(lang, RL_COMMA),
			 report_label(lang, RL_TO_DATE), c);
		return;
	}
	snprintf(buf, size, "%s", base);
}

const char *report_fmt_figure(const char *name, const json_t *v, char *buf, size_t size)
{
	if (strcmp(name, "availability") == 0)
		return report_fmt_pct(v, 3, buf, size);
	if (strcmp(name, "open_problems") == 0)
		return report_fmt_num(v, 0, buf, size);
	return report_fmt_metric(name, v, buf, size);
}

const char *report_fmt_figure_change(const char *lang, const json_t *figure,
				     char *buf, size_t size)
{
	const char *name = report_str(figure, "figure");
	const json_t *v = json_object_get(figure, "change");
	const json_t *r = json_object_get(figure, "change_ratio");
	const char *pp = report_label(lang, RL_PP);

	if (!name)
		name = "";
	if (!json_is_number(v) || !isfinite(json_number_value(v))) {
		snprintf(buf, size, "%s", dash);
		return buf;
	}
	/* availability in pp to 3 decimals, alone: its relative change is a
	 * fraction of a percent that nobody reads; NPS in points alone: a
	 * ratio to a score that can be 0 or below says nothing */
	if (strcmp(name, "availability") == 0)
		return fmt_change(json_number_value(v), 1, 3, NULL, pp, buf, size);
	if (strcmp(name, "nps") == 0)
		return fmt_change(json_number_value(v), 2, 1, NULL, pp, buf, size);
	if (strcmp(name, "open_problems") == 0)
		return fmt_change(json_number_value(v), 0, 0, r, pp, buf, size);
	return fmt_change(json_number_value(v), metric_kind(name),
			  metric_kind(name) == 0 ? 0 : 1, r, pp, buf, size);
}
