/* report_agenda: the first page of the report -- the headline figures
 * (each with its target, previous value and change) and the top problems
 * grouped by area and check -- and the limits that colour usage, read
 * from the report's config (report.json). */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "io/finding.h"
#include "io/jbuild.h"
#include "report/report.h"
#include "report/report_format.h"

void report_limits_default(struct report_limits *l)
{
	l->error_rate_max = REPORT_ERROR_RATE_LIMIT;
	l->coverage_min = REPORT_COVERAGE_LIMIT;
	l->csat_min = 0.8;
	l->csat_red = 0.6;
	l->nps_min = 0;
	l->nps_red = -20;
	l->dau_drop = 0.1;
	l->dau_drop_red = 0.25;
}

static const struct {
	const char *key;
	size_t off;
	double lo, hi;
} limit_keys[] = {
	{ "error_rate_max", offsetof(struct report_limits, error_rate_max), 0, 1 },
	{ "coverage_min", offsetof(struct report_limits, coverage_min), 0, 1 },
	{ "csat_min", offsetof(struct report_limits, csat_min), 0, 1 },
	{ "csat_red", offsetof(struct report_limits, csat_red), 0, 1 },
	{ "nps_min", offsetof(struct report_limits, nps_min), -100, 100 },
	{ "nps_red", offsetof(struct report_limits, nps_red), -100, 100 },
	{ "dau_drop", offsetof(struct report_limits, dau_drop), 0, 1 },
	{ "dau_drop_red", offsetof(struct report_limits, dau_drop_red), 0, 1 },
};

int report_limits_parse(struct report_limits *l, char **title, const char *path,
			const char *text, size_t len, struct error *err)
{
	json_error_t je;
	json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je), *v;
	const char *key;
	size_t i;

	if (!doc) {
		error_set(err, path, (unsigned long)(je.line > 0 ? je.line : 0),
			  "not JSON: %s", je.text);
		return -1;
	}
	if (!json_is_object(doc)) {
		error_set(err, path, 0, "not a JSON object");
		json_decref(doc);
		return -1;
	}
	json_object_foreach(doc, key, v) {
		if (strcmp(key, "title") == 0) {
			if (!json_is_string(v)) {
				error_set(err, path, 0, "key \"title\": not a string");
				json_decref(doc);
				return -1;
			}
			free(*title);
			*title = xstrdup(json_string_value(v));
			continue;
		}
		for (i = 0; i < sizeof limit_keys / sizeof *limit_keys; i++)
			if (strcmp(key, limit_keys[i].key) == 0)
				break;
		if (i == sizeof limit_keys / sizeof *limit_keys) {
			char q[80];
			error_quote(q, sizeof q, key, strlen(key));
			error_set(err, path, 0, "unknown key %s (one of: title, error_rate_max, coverage_min, csat_min, csat_red, nps_min, nps_red, dau_drop, dau_drop_red)", q);
			json_decref(doc);
			return -1;
		}
		if (!json_is_number(v) || json_number_value(v) < limit_keys[i].lo ||
		    json_number_value(v) > limit_keys[i].hi) {
			error_set(err, path, 0, "key \"%s\": not a number from %g to %g",
				  key, limit_keys[i].lo, limit_keys[i].hi);
			json_decref(doc);
			return -1;
		}
		*(double *)(void *)((char *)l + limit_keys[i].off) = json_number_value(v);
	}
	json_decref(doc);
	return 0;
}

static int num(const json_t *v, double *out)
{
	if (!json_is_number(v) || !isfinite(json_number_value(v)))
		return 0;
	*out = json_number_value(v);
	return 1;
}

int report_metric_previous(const json_t *metrics, const json_t *prev_doc,
			   const char *name, double *v)
{
	char key[64];

	snprintf(key, sizeof key, "%s_previous", name);
	if (num(json_object_get(metrics, key), v))
		return 1;
	return num(json_object_get(json_object_get(json_object_get(prev_doc, "usage"),
						   "metrics"), name), v);
}

enum report_status report_usage_judge(const json_t *metrics, const json_t *prev_doc,
				      const struct report_limits *l,
				      enum report_usage_reason *why, double *fig)
{
	enum report_status s = REPORT_GREEN;
	double v, p;

	*why = REPORT_WHY_OK;
	*fig = 0;
	if (!json_is_object(metrics))
		return REPORT_NODATA;
#define WORSE(st, w, f) do { if ((st) > s) { s = (st); *why = (w); *fig = (f); } } while (0)
	if (num(json_object_get(metrics, "csat"), &v)) {
		if (v < l->csat_red)
			WORSE(REPORT_RED, REPORT_WHY_CSAT, v);
		else if (v < l->csat_min)
			WORSE(REPORT_AMBER, REPORT_WHY_CSAT, v);
	} else if (num(json_object_get(metrics, "nps"), &v)) {
		if (v < l->nps_red)
			WORSE(REPORT_RED, REPORT_WHY_NPS, v);
		else if (v < l->nps_min)
			WORSE(REPORT_AMBER, REPORT_WHY_NPS, v);
	}
	if (num(json_object_get(metrics, "dau_avg"), &v) &&
	    report_metric_previous(metrics, prev_doc, "dau_avg", &p) && p > 0) {
		double drop = (p - v) / p;
		if (drop > l->dau_drop_red)
			WORSE(REPORT_RED, REPORT_WHY_DAU, drop);
		else if (drop > l->dau_drop)
			WORSE(REPORT_AMBER, REPORT_WHY_DAU, drop);
	}
	if (num(json_object_get(metrics, "error_rate"), &v) && v > l->error_rate_max)
		WORSE(REPORT_AMBER, REPORT_WHY_ERRORS, v);
	if (num(json_object_get(metrics, "feature_coverage"), &v) && v < l->coverage_min)
		WORSE(REPORT_AMBER, REPORT_WHY_COVERAGE, v);
#undef WORSE
	return s;
}

/* ---- headline figures ---- */

static json_t *real_or_null(int ok, double v)
{
	return ok ? jnum(v) : json_null();
}

/* One figure: value (NULL: none), target and direction ("min": at least,
 * "max": at most), previous, change, its ratio to the previous (as
 * review's *_change_ratio: null when the previous is 0), status. */
static json_t *figure(const char *name, int has, double v, int has_t, double t,
		      const char *dir, int has_p, double p, enum report_status st)
{
	json_t *o = jobject();

	jset(o, "figure", jstr(name));
	jset(o, "value", real_or_null(has, v));
	jset(o, "target", real_or_null(has_t, t));
	jset(o, "direction", has_t ? jstr(dir) : json_null());
	jset(o, "previous", real_or_null(has_p, p));
	jset(o, "change", real_or_null(has && has_p, v - p));
	jset(o, "change_ratio", real_or_null(has && has_p && p != 0,
					     has && has_p && p != 0 ? (v - p) / p : 0));
	jset(o, "status", jstr(report_status_name(has ? st : REPORT_NODATA)));
	return o;
}

/* The availability row the headline shows: the worst of the rows of
 * objective availability (lowest actual). */
static const json_t *worst_avail(const json_t *rows)
{
	const json_t *best = NULL;
	size_t i;
	double a, b;

	for (i = 0; i < json_array_size(rows); i++) {
		const json_t *o = json_array_get(rows, i);
		const char *obj = report_str(o, "objective");
		if (!obj || strcmp(obj, "availability") != 0 ||
		    !num(json_object_get(o, "actual"), &a))
			continue;
		if (!best || (num(json_object_get(best, "actual"), &b) && a < b))
			best = o;
	}
	return best;
}

/* The previous value of a headline figure: the previous report's. */
static int prev_figure(const json_t *prev_doc, const char *name, double *v)
{
	const json_t *h = json_object_get(prev_doc, "headline");
	size_t i;

	for (i = 0; i < json_array_size(h); i++) {
		const json_t *o = json_array_get(h, i);
		const char *n = report_str(o, "figure");
		if (n && strcmp(n, name) == 0)
			return num(json_object_get(o, "value"), v);
	}
	return 0;
}

static json_t *headline(const json_t *doc, const json_t *prev_doc,
			const struct report_limits *l)
{
	json_t *h = jarray();
	const json_t *m = json_object_get(json_object_get(doc, "usage"), "metrics");
	const json_t *av = worst_avail(json_object_get(doc, "sla"));
	const json_t *c = json_object_get(doc, "counts");
	double v = 0, t = 0, p = 0;
	int has, hp;

	/* availability against the SLA target */
	has = av && num(json_object_get(av, "actual"), &v);
	hp = prev_figure(prev_doc, "availability", &p);
	{
		int ht = av && num(json_object_get(av, "target"), &t);
		jappend(h, figure("availability", has, v, ht, t, "min", hp, p,
				  ht && v < t ? REPORT_RED : REPORT_GREEN));
	}
	has = num(json_object_get(m, "error_rate"), &v);
	hp = report_metric_previous(m, prev_doc, "error_rate", &p);
	jappend(h, figure("error_rate", has, v, 1, l->error_rate_max, "max", hp, p,
			  v > l->error_rate_max ? REPORT_AMBER : REPORT_GREEN));
	has = num(json_object_get(m, "dau_avg"), &v);
	hp = report_metric_previous(m, prev_doc, "dau_avg", &p);
	{
		double drop = hp && p > 0 ? (p - v) / p : 0;
		jappend(h, figure("dau_avg", has, v, hp && p > 0, p * (1 - l->dau_drop), "min",
				  hp, p, drop > l->dau_drop_red ? REPORT_RED :
				  drop > l->dau_drop ? REPORT_AMBER : REPORT_GREEN));
	}
	has = num(json_object_get(m, "feature_coverage"), &v);
	hp = report_metric_previous(m, prev_doc, "feature_coverage", &p);
	jappend(h, figure("feature_coverage", has, v, 1, l->coverage_min, "min", hp, p,
			  v < l->coverage_min ? REPORT_AMBER : REPORT_GREEN));
	if (num(json_object_get(m, "csat"), &v) || !num(json_object_get(m, "nps"), &t)) {
		has = num(json_object_get(m, "csat"), &v);
		hp = report_metric_previous(m, prev_doc, "csat", &p);
		jappend(h, figure("csat", has, v, 1, l->csat_min, "min", hp, p,
				  v < l->csat_red ? REPORT_RED : v < l->csat_min ?
				  REPORT_AMBER : REPORT_GREEN));
	} else {
		v = t;
		hp = report_metric_previous(m, prev_doc, "nps", &p);
		jappend(h, figure("nps", 1, v, 1, l->nps_min, "min", hp, p,
				  v < l->nps_red ? REPORT_RED : v < l->nps_min ?
				  REPORT_AMBER : REPORT_GREEN));
	}
	{
		double crit = 0;
		has = num(json_object_get(c, "problems"), &v);
		num(json_object_get(c, "critical"), &crit);
		hp = num(json_object_get(json_object_get(prev_doc, "counts"), "problems"), &p);
		jappend(h, figure("open_problems", has, v, 1, 0, "max", hp, p,
				  crit > 0 ? REPORT_RED : v > 0 ? REPORT_AMBER : REPORT_GREEN));
	}
	return h;
}

/* ---- top problems ---- */

static int sev(const json_t *p)
{
	enum severity s;
	const char *name = report_str(p, "severity");

	if (name && severity_parse(name, &s) == 0 && s != SEV_NEVER)
		return (int)s;
	return 0;
}

static long long ival(const json_t *o, const char *k)
{
	const json_t *v = json_object_get(o, k);

	return json_is_integer(v) ? (long long)json_integer_value(v) : 0;
}

static int streq(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static int group_cmp(const void *x, const void *y)
{
	const json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
	long long ca, cb;
	int c;

	if ((c = sev(b) - sev(a)) != 0)
		return c;
	ca = ival(a, "age");
	cb = ival(b, "age");
	if (ca != cb)
		return ca < cb ? 1 : -1;
	ca = ival(a, "count");
	cb = ival(b, "count");
	if (ca != cb)
		return ca < cb ? 1 : -1;
	if ((c = strcmp(report_str(a, "area") ? report_str(a, "area") : "",
			report_str(b, "area") ? report_str(b, "area") : "")) != 0)
		return c;
	return strcmp(report_str(a, "check") ? report_str(a, "check") : "",
		      report_str(b, "check") ? report_str(b, "check") : "");
}

static json_t *copy_member(const json_t *o, const char *k)
{
	const json_t *v = json_object_get(o, k);
	json_t *c = v ? json_deep_copy(v) : NULL;

	return c ? c : json_null();
}

/* 1 when p is sla-check's summary of a priority (its subject is the scope
 * of an SLA row of its check: "resolution" of "P1"), not a ticket. */
static int priority_summary(const json_t *p, const json_t *sla)
{
	const char *check = report_str(p, "check"), *subject = report_str(p, "subject");
	size_t i;

	if (!check || !subject || (strcmp(check, "response") != 0 &&
				   strcmp(check, "resolution") != 0))
		return 0;
	for (i = 0; i < json_array_size(sla); i++) {
		const json_t *o = json_array_get(sla, i);
		if (streq(report_str(o, "objective"), check) &&
		    streq(report_str(o, "scope"), subject))
			return 1;
	}
	return 0;
}

static json_t *top(const json_t *problems, const json_t *sla)
{
	json_t *groups = jarray(), *out = jarray();
	json_t **v;
	size_t i, j, n;

	for (i = 0; i < json_array_size(problems); i++) {
		const json_t *p = json_array_get(problems, i);
		json_t *g = NULL;
		for (j = 0; j < json_array_size(groups); j++) {
			json_t *x = json_array_get(groups, j);
			if (streq(report_str(x, "area"), report_str(p, "area")) &&
			    streq(report_str(x, "check"), report_str(p, "check")))
				g = x;
		}
		if (!g) {
			g = jobject();
			jset(g, "area", copy_member(p, "area"));
			jset(g, "check", copy_member(p, "check"));
			jset(g, "severity", copy_member(p, "severity"));
			jset(g, "count", jint(0));
			jset(g, "tickets", jint(0));
			jset(g, "age", jint(0));
			jset(g, "open_since", copy_member(p, "open_since"));
			jset(g, "subjects", jarray());
			jset(g, "first", jint((long long)i));
			jset(g, "responsible", copy_member(p, "responsible"));
			jset(g, "accountable", copy_member(p, "accountable"));
			jset(g, "remedy", copy_member(p, "remedy"));
			jset(g, "link", copy_member(p, "link"));
			jappend(groups, g);
		}
		jset(g, "count", jint(ival(g, "count") + 1));
		if (sev(p) > sev(g))
			jset(g, "severity", copy_member(p, "severity"));
		if (ival(p, "age") > ival(g, "age")) {
			jset(g, "age", jint(ival(p, "age")));
			jset(g, "open_since", copy_member(p, "open_since"));
		}
		if (priority_summary(p, sla))
			continue;
		if (strcmp(report_str(p, "check") ? report_str(p, "check") : "", "response") == 0 ||
		    strcmp(report_str(p, "check") ? report_str(p, "check") : "", "resolution") == 0)
			jset(g, "tickets", jint(ival(g, "tickets") + 1));
		if (json_is_string(json_object_get(p, "subject")))
			jappend(json_object_get(g, "subjects"), copy_member(p, "subject"));
	}
	n = json_array_size(groups);
	v = xcalloc(n ? n : 1, sizeof *v);
	for (i = 0; i < n; i++)
		v[i] = json_array_get(groups, i);
	qsort(v, n, sizeof *v, group_cmp);
	for (i = 0; i < n && i < REPORT_TOP_MAX; i++)
		json_array_append(out, v[i]);
	free(v);
	json_decref(groups);
	return out;
}

void report_agenda(json_t *doc, const json_t *prev_doc, const struct report_limits *l)
{
	jset(doc, "headline", headline(doc, prev_doc, l));
	jset(doc, "top", top(json_object_get(doc, "problems"), json_object_get(doc, "sla")));
}
