/* report: gathers the envelopes of the other commands into the report
 * document (areas, problems with owners and tracking, usage, SLA, data
 * quality).  The envelopes are kept as parsed JSON, grouped by tool; the
 * document is built once and every renderer reads only the document. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "inspect/checks.h"
#include "io/envelope.h"
#include "io/jbuild.h"
#include "report/report.h"
#include "report/report_format.h"
#include "report/report_label.h"

/* ---- names and reasons ---- */

const char *report_status_name(enum report_status s)
{
	switch (s) {
	case REPORT_GREEN: return "green";
	case REPORT_AMBER: return "amber";
	case REPORT_RED: return "red";
	default: return "no data";
	}
}

/* A copy of tmpl with {1} {2} {3} replaced by a[0..2]. */
static char *subst(const char *tmpl, const char *a1, const char *a2,
		   const char *a3)
{
	const char *args[3] = { a1, a2, a3 };
	size_t cap = strlen(tmpl) + 1, len = 0, n;
	char *out = xmalloc(cap);
	const char *p, *piece;

	for (p = tmpl; *p; ) {
		if (p[0] == '{' && p[1] >= '1' && p[1] <= '3' && p[2] == '}') {
			piece = args[p[1] - '1'] ? args[p[1] - '1'] : "";
			n = strlen(piece);
			p += 3;
		} else {
			piece = p;
			n = 1;
			p++;
		}
		out = vec_reserve(out, &cap, len + n + 1, 1);
		memcpy(out + len, piece, n);
		len += n;
	}
	out[len] = '\0';
	return out;
}

/* ---- status rules ---- */

static int sev_of(const json_t *finding)
{
	enum severity s;
	const char *name = report_str(finding, "severity");

	if (name && severity_parse(name, &s) == 0 && s != SEV_NEVER)
		return (int)s;
	return 0;
}

enum report_status report_findings_status(const json_t *findings)
{
	size_t i;
	int worst = 0;

	if (!findings)
		return REPORT_NODATA;
	for (i = 0; i < json_array_size(findings); i++) {
		int s = sev_of(json_array_get(findings, i));
		if (s > worst)
			worst = s;
	}
	if (worst >= SEV_CRITICAL)
		return REPORT_RED;
	if (worst == SEV_WARNING)
		return REPORT_AMBER;
	return REPORT_GREEN;
}

static int num_of(const json_t *obj, const char *key, double *v)
{
	const json_t *x = json_object_get(obj, key);

	if (!json_is_number(x) || !isfinite(json_number_value(x)))
		return 0;
	*v = json_number_value(x);
	return 1;
}

enum report_status report_usage_status(const json_t *metrics)
{
	struct report_limits l;
	enum report_usage_reason why;
	double fig;

	report_limits_default(&l);
	return report_usage_judge(metrics, NULL, &l, &why, &fig);
}

static int not_met(const json_t *o)
{
	return json_is_false(json_object_get(o, "met"));
}

enum report_status report_sla_status(const json_t *objectives)
{
	size_t i;

	if (!objectives)
		return REPORT_NODATA;
	for (i = 0; i < json_array_size(objectives); i++)
		if (not_met(json_array_get(objectives, i)))
			return REPORT_RED;
	return REPORT_GREEN;
}

/* ---- tracking ---- */

static int same_problem(const json_t *a, const json_t *b)
{
	const char *ia = report_str(a, "id"), *ib = report_str(b, "id");
	const char *ca = report_str(a, "check"), *cb = report_str(b, "check");
	const char *sa = report_str(a, "subject"), *sb2 = report_str(b, "subject");

	if (ia && ib && *ia && strcmp(ia, ib) == 0)
		return 1;
	return ca && cb && sa && sb2 && strcmp(ca, cb) == 0 && strcmp(sa, sb2) == 0;
}

/* The age of a previous problem: its "age", 1 when absent or not a
 * positive integer (a report written before ages were kept). */
static long long age_of(const json_t *p)
{
	const json_t *a = json_object_get(p, "age");

	return json_is_integer(a) && json_integer_value(a) > 0 ?
		(long long)json_integer_value(a) : 1;
}

/* The open_since of a previous problem: its own, else the period of the
 * report that listed it. */
static json_t *since_of(const json_t *p, const struct report_tracking *t)
{
	const char *s = report_str(p, "open_since");

	if (s && *s)
		return jstr(s);
	return t && t->prev_period ? jstr(t->prev_period) : json_null();
}

/* Carries open_since and age from the matching previous problem q (the
 * oldest when several match) onto p. */
static void carry(json_t *p, const json_t *q, const struct report_tracking *t)
{
	long long age = age_of(q) + 1;
	const json_t *had = json_object_get(p, "age");

	if (json_is_integer(had) && json_integer_value(had) >= age)
		return;
	jset(p, "open_since", since_of(q, t));
	jset(p, "age", jint(age));
}

json_t *report_track(json_t *problems, const json_t *prev,
		     const struct report_tracking *t)
{
	json_t *resolved = jarray();
	size_t i, j, n = json_array_size(problems), np = json_array_size(prev);
	unsigned char *seen = xcalloc(np ? np : 1, 1);

	for (i = 0; i < n; i++) {
		json_t *p = json_array_get(problems, i);
		int found = 0;
		json_object_del(p, "age");
		for (j = 0; j < np; j++) {
			const json_t *q = json_array_get(prev, j);
			if (json_is_object(q) && same_problem(p, q))
				found = 1;
		}
		jset(p, "tracking", jstr(found ? "still open" : "new"));
		if (!found) {
			jset(p, "open_since", t && t->period ? jstr(t->period) : json_null());
			jset(p, "age", jint(1));
		}
		for (j = 0; found && j < np; j++) {
			const json_t *q = json_array_get(prev, j);
			if (!json_is_object(q) || !same_problem(p, q))
				continue;
			seen[j] = 1;
			carry(p, q, t);
		}
	}
	for (j = 0; j < np; j++) {
		const json_t *q = json_array_get(prev, j);
		int judged;
		json_t *c;
		if (seen[j] || !json_is_object(q))
			continue;
		c = json_deep_copy(q);
		if (!c)
			continue;
		judged = !t || !t->judged || t->judged(q, t->ctx);
		jset(c, "open_since", since_of(q, t));
		if (judged) {
			jset(c, "age", jint(age_of(q)));
			jset(c, "tracking", jstr("resolved"));
			jappend(resolved, c);
		} else {
			/* not looked at this time: still a problem as far as
			 * anyone knows, one period older */
			jset(c, "age", jint(age_of(q) + 1));
			jset(c, "tracking", jstr("unchecked"));
			jappend(problems, c);
		}
	}
	free(seen);
	return resolved;
}

/* ---- gathering ---- */

enum { T_INSPECT, T_REVIEW, T_SLA, T_RACI, NTOOLS };
static const char *const tool_names[NTOOLS] = {
	"inspect", "review", "sla-check", "raci"
};

struct input {
	char *path;
	json_t *doc;
};

struct report {
	struct input *in[NTOOLS];
	size_t nin[NTOOLS], capin[NTOOLS];
	json_t *previous;
	char *prev_path;
	const struct raci *matrix;
	char *matrix_path;
	unsigned long matrix_rows, matrix_rejected;
	json_t *read;	/* the files read, in order, for "inputs" */
	struct report_limits lim;
	char *title;
	const struct raci_people *people;
	const struct raci_runbook *runbook;
};

struct report *report_new(void)
{
	struct report *r = xcalloc(1, sizeof *r);

	r->read = jarray();
	report_limits_default(&r->lim);
	return r;
}

void report_free(struct report *r)
{
	size_t t, i;

	if (!r)
		return;
	for (t = 0; t < NTOOLS; t++) {
		for (i = 0; i < r->nin[t]; i++) {
			free(r->in[t][i].path);
			json_decref(r->in[t][i].doc);
		}
		free(r->in[t]);
	}
	json_decref(r->previous);
	free(r->prev_path);
	free(r->matrix_path);
	json_decref(r->read);
	free(r->title);
	free(r);
}

static void add_read(struct report *r, const char *path, unsigned long rows,
		     unsigned long rejected)
{
	json_t *o = jobject();

	jset(o, "path", jstr(path));
	jset(o, "rows", jint((long long)rows));
	jset(o, "rejected", jint((long long)rejected));
	jappend(r->read, o);
}

static json_t *parse(const char *path, const char *text, size_t len,
		     struct error *err)
{
	json_error_t je;
	json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);

	if (!doc) {
		error_set(err, path, (unsigned long)(je.line > 0 ? je.line : 0),
			  "not JSON: %s", je.text);
		return NULL;
	}
	if (!json_is_object(doc)) {
		error_set(err, path, 0, "not a JSON object (an upkeep JSON output is one)");
		json_decref(doc);
		return NULL;
	}
	return doc;
}

/* The members of an envelope that the report reads must have their type
 * (an array of objects, an object): a wrong one is an input error rather
 * than a silently empty area. */
static int check_types(const json_t *doc, const char *path, struct error *err)
{
	static const char *const arrays[] = {
		"findings", "objectives", "inputs", "problems"
	};
	static const char *const objects[] = {
		"metrics", "period", "summary"
	};
	const json_t *v, *e;
	size_t i, j;

	for (i = 0; i < sizeof arrays / sizeof *arrays; i++) {
		v = json_object_get(doc, arrays[i]);
		if (!v)
			continue;
		if (!json_is_array(v)) {
			error_set(err, path, 0, "key \"%s\": not an array", arrays[i]);
			return -1;
		}
		json_array_foreach(v, j, e) {
			if (!json_is_object(e)) {
				error_set(err, path, 0, "key \"%s\": element %zu is not an object",
					  arrays[i], j + 1);
				return -1;
			}
		}
	}
	for (i = 0; i < sizeof objects / sizeof *objects; i++) {
		v = json_object_get(doc, objects[i]);
		if (v && !json_is_object(v)) {
			error_set(err, path, 0, "key \"%s\": not an object", objects[i]);
			return -1;
		}
	}
	return 0;
}

int report_add(struct report *r, const char *path, const char *text,
	       size_t len, struct error *err)
{
	json_t *doc = parse(path, text, len, err);
	const char *tool;
	size_t t;

	if (!doc)
		return -1;
	tool = report_str(doc, "tool");
	if (!tool) {
		error_set(err, path, 0, "no \"tool\" field: not an output of inspect, review, sla-check or raci");
		json_decref(doc);
		return -1;
	}
	for (t = 0; t < NTOOLS; t++)
		if (strcmp(tool, tool_names[t]) == 0)
			break;
	if (t == NTOOLS) {
		char q[80];

		error_quote(q, sizeof q, tool, strlen(tool));
		error_set(err, path, 0, "unknown tool %s (one of: inspect, review, sla-check, raci)", q);
		json_decref(doc);
		return -1;
	}
	if (check_types(doc, path, err) != 0) {
		json_decref(doc);
		return -1;
	}
	r->in[t] = vec_reserve(r->in[t], &r->capin[t], r->nin[t] + 1, sizeof *r->in[t]);
	r->in[t][r->nin[t]].path = xstrdup(path);
	r->in[t][r->nin[t]].doc = doc;
	r->nin[t]++;
	add_read(r, path, 1, 0);
	return 0;
}

int report_set_previous(struct report *r, const char *path, const char *text,
			size_t len, struct error *err)
{
	json_t *doc = parse(path, text, len, err);
	const char *tool;

	if (!doc)
		return -1;
	tool = report_str(doc, "tool");
	if (!tool || strcmp(tool, "report") != 0) {
		error_set(err, path, 0, "not a previous report (its \"tool\" is not \"report\")");
		json_decref(doc);
		return -1;
	}
	if (check_types(doc, path, err) != 0) {
		json_decref(doc);
		return -1;
	}
	json_decref(r->previous);
	free(r->prev_path);
	r->previous = doc;
	r->prev_path = xstrdup(path);
	add_read(r, path, 1, 0);
	return 0;
}

void report_set_matrix(struct report *r, const struct raci *m,
		       const char *path, unsigned long rows,
		       unsigned long rejected)
{
	r->matrix = m;
	free(r->matrix_path);
	r->matrix_path = path ? xstrdup(path) : NULL;
	r->matrix_rows = rows;
	r->matrix_rejected = rejected;
	if (path)
		add_read(r, path, rows, rejected);
}

void report_set_limits(struct report *r, const struct report_limits *l)
{
	r->lim = *l;
}

void report_set_title(struct report *r, const char *title)
{
	free(r->title);
	r->title = title ? xstrdup(title) : NULL;
}

void report_set_people(struct report *r, const struct raci_people *p)
{
	r->people = p;
}

void report_set_runbook(struct report *r, const struct raci_runbook *rb)
{
	r->runbook = rb;
}

/* ---- building ---- */

static json_t *copy_or_null(const json_t *v)
{
	json_t *c = v ? json_deep_copy(v) : NULL;

	return c ? c : json_null();
}

/* The tool of a finding of a raci envelope: its "source", else its
 * check's; T_RACI for raci's own findings (and unknown ones). */
static int routed_source(const json_t *f)
{
	const char *src = report_str(f, "source");
	size_t t;

	if (!src || !*src)
		src = raci_check_source(report_str(f, "check"));
	for (t = 0; src && t < NTOOLS; t++)
		if (strcmp(src, tool_names[t]) == 0)
			return (int)t;
	return T_RACI;
}

/* The id of finding f of tool into buf: its own, else finding_id's. */
static const char *id_of(const char *tool, const json_t *f, char *buf)
{
	const char *id = report_str(f, "id");
	const char *check = report_str(f, "check"), *subject = report_str(f, "subject");

	if (id && *id)
		return id;
	finding_id(tool, check ? check : "", subject ? subject : "", buf);
	return buf;
}

/* The findings of each tool's area into f[] (NULL: that area had no
 * input) and, in routed, the ids of the findings raci route passed on
 * (an object used as a set).  A finding of a raci envelope that came from
 * another tool goes to that tool's area and replaces the finding of the
 * same id given directly.  A raci envelope holding only such findings is
 * not a raci check. */
static void gather(const struct report *r, json_t *f[NTOOLS], json_t *routed)
{
	size_t t, i, j;
	char buf[13];

	for (t = 0; t < NTOOLS; t++)
		f[t] = NULL;
	for (i = 0; i < r->nin[T_RACI]; i++) {
		const json_t *fs = json_object_get(r->in[T_RACI][i].doc, "findings");
		size_t own = 0;
		for (j = 0; j < json_array_size(fs); j++) {
			json_t *x = json_array_get(fs, j);
			int src = routed_source(x);
			if (src == T_RACI) {
				own++;
				continue;
			}
			if (!f[src])
				f[src] = jarray();
			json_array_append(f[src], x);
			jset(routed, id_of(tool_names[src], x, buf), json_true());
		}
		if (own || !json_array_size(fs)) {
			if (!f[T_RACI])
				f[T_RACI] = jarray();
			for (j = 0; j < json_array_size(fs); j++)
				if (routed_source(json_array_get(fs, j)) == T_RACI)
					json_array_append(f[T_RACI], json_array_get(fs, j));
		}
	}
	for (t = 0; t < NTOOLS; t++) {
		if (t == T_RACI)
			continue;
		for (i = 0; i < r->nin[t]; i++) {
			const json_t *fs = json_object_get(r->in[t][i].doc, "findings");
			if (!f[t])
				f[t] = jarray();
			for (j = 0; j < json_array_size(fs); j++) {
				json_t *x = json_array_get(fs, j);
				if (!json_object_get(routed, id_of(tool_names[t], x, buf)))
					json_array_append(f[t], x);
			}
		}
	}
}

static json_t *area(const char *name, enum report_status s, char *reason)
{
	json_t *o = jobject();

	jset(o, "area", jstr(name));
	jset(o, "status", jstr(report_status_name(s)));
	jset(o, "reason", jstr(reason));
	free(reason);
	return o;
}

static char *findings_reason(const char *lang, const json_t *f, const char *tool)
{
	size_t i, n[4] = { 0 };
	char a[3][24];

	if (!f)
		return subst(report_label(lang, RL_R_NO_INPUT), tool, NULL, NULL);
	for (i = 0; i < json_array_size(f); i++)
		n[sev_of(json_array_get(f, i))]++;
	if (!n[1] && !n[2] && !n[3])
		return xstrdup(report_label(lang, RL_R_CLEAN));
	snprintf(a[0], sizeof a[0], "%zu", n[SEV_CRITICAL]);
	snprintf(a[1], sizeof a[1], "%zu", n[SEV_WARNING]);
	snprintf(a[2], sizeof a[2], "%zu", n[SEV_INFO]);
	return subst(report_label(lang, RL_R_FINDINGS), a[0], a[1], a[2]);
}

/* A fraction as a percentage for a reason ("80%"). */
static char *pct_text(double v, char *buf, size_t size)
{
	json_t *x = jnum(v);

	report_fmt_pct(x, 1, buf, size);
	json_decref(x);
	return buf;
}

static char *usage_reason(const struct report *r, const char *lang, const json_t *m)
{
	char e[32], c[32], l1[32];
	enum report_usage_reason why;
	double fig;
	const json_t *er, *fc;

	if (!m)
		return subst(report_label(lang, RL_R_NO_INPUT), "review", NULL, NULL);
	er = json_object_get(m, "error_rate");
	fc = json_object_get(m, "feature_coverage");
	report_fmt_pct(er, 1, e, sizeof e);
	report_fmt_pct(fc, 1, c, sizeof c);
	report_usage_judge(m, r->previous, &r->lim, &why, &fig);
	switch (why) {
	case REPORT_WHY_CSAT: {
		double lim = fig < r->lim.csat_red ? r->lim.csat_red : r->lim.csat_min;
		return subst(report_label(lang, RL_R_CSAT_LOW), pct_text(fig, e, sizeof e),
			     pct_text(lim, l1, sizeof l1), NULL);
	}
	case REPORT_WHY_NPS: {
		double lim = fig < r->lim.nps_red ? r->lim.nps_red : r->lim.nps_min;
		snprintf(e, sizeof e, "%.0f", fig);
		snprintf(l1, sizeof l1, "%.0f", lim);
		return subst(report_label(lang, RL_R_NPS_LOW), e, l1, NULL);
	}
	case REPORT_WHY_DAU: {
		double lim = fig > r->lim.dau_drop_red ? r->lim.dau_drop_red : r->lim.dau_drop;
		return subst(report_label(lang, RL_R_DAU_DROP), pct_text(fig, e, sizeof e),
			     pct_text(lim, l1, sizeof l1), NULL);
	}
	case REPORT_WHY_ERRORS:
		return subst(report_label(lang, RL_R_ERROR_HIGH), e,
			     pct_text(r->lim.error_rate_max, l1, sizeof l1), NULL);
	case REPORT_WHY_COVERAGE:
		return subst(report_label(lang, RL_R_COVERAGE_LOW), c,
			     pct_text(r->lim.coverage_min, l1, sizeof l1), NULL);
	default:
		return subst(report_label(lang, RL_R_USAGE_OK), e, c, NULL);
	}
}

static char *sla_reason(const char *lang, const json_t *obj)
{
	size_t i, bad = 0, n = json_array_size(obj);
	char a[24], b[24];

	if (!obj)
		return subst(report_label(lang, RL_R_NO_INPUT), "sla-check", NULL, NULL);
	for (i = 0; i < n; i++)
		bad += (size_t)not_met(json_array_get(obj, i));
	snprintf(a, sizeof a, "%zu", bad);
	snprintf(b, sizeof b, "%zu", n);
	if (bad)
		return subst(report_label(lang, RL_R_SLA_BREACHED), a, b, NULL);
	return subst(report_label(lang, RL_R_SLA_MET), b, NULL, NULL);
}

/* The owner of problem p, from the finding (or previous problem) f: the
 * matrix's roles for its check when there is a matrix, else f's own. */
static void set_owner(const struct report *r, json_t *p, const json_t *f, int routed)
{
	if (r->matrix && !routed) {
		json_t *tmp = jobject();
		raci_route(r->matrix, r->people, report_str(f, "check"), tmp);
		jset(p, "responsible", copy_or_null(json_object_get(tmp, "responsible")));
		jset(p, "accountable", copy_or_null(json_object_get(tmp, "accountable")));
		json_decref(tmp);
	} else {
		const char *rr = report_str(f, "responsible");
		const char *aa = report_str(f, "accountable");
		jset(p, "responsible", jstr(rr && *rr ? rr : "unassigned"));
		jset(p, "accountable", jstr(aa && *aa ? aa : "unassigned"));
	}
}

/* The area of the tool that found a problem. */
static const char *area_of(const char *tool)
{
	if (tool && strcmp(tool, "inspect") == 0)
		return "inspection";
	if (tool && strcmp(tool, "review") == 0)
		return "usage";
	if (tool && strcmp(tool, "sla-check") == 0)
		return "sla";
	return "responsibilities";
}

/* One problem of the report from a finding of tool; routed: f came
 * through raci route, and keeps the owners it was given. */
static json_t *problem(const struct report *r, const char *tool, const json_t *f,
		       int routed)
{
	static const char *const keep[] = {
		"severity", "check", "subject", "value", "threshold", "message",
		"first_seen", "last_seen", "count", NULL
	};
	json_t *p = jobject(), *data = json_object_get(f, "data");
	const char *check = report_str(f, "check");
	const char *subject = report_str(f, "subject");
	const char *id = report_str(f, "id");
	char idbuf[13];
	size_t i;

	jset(p, "source", jstr(tool));
	for (i = 0; keep[i]; i++)
		jset(p, keep[i], copy_or_null(json_object_get(f, keep[i])));
	if (!id || !*id) {
		finding_id(tool, check ? check : "", subject ? subject : "", idbuf);
		id = idbuf;
	}
	jset(p, "id", jstr(id));
	jset(p, "area", jstr(area_of(tool)));
	if (json_is_object(data))
		jset(p, "data", jmust(json_deep_copy(data)));
	set_owner(r, p, f, routed);
	if (!raci_runbook_apply(r->runbook, check, subject, p) &&
	    json_is_string(json_object_get(f, "remedy"))) {
		jset(p, "remedy", copy_or_null(json_object_get(f, "remedy")));
		jset(p, "link", copy_or_null(json_object_get(f, "link")));
	}
	return p;
}

/* Moves each problem's "data" (the figures of its sentence) after its
 * other members, where readers of the JSON expect the flat ones. */
static void data_last(json_t *problems)
{
	size_t i;

	for (i = 0; i < json_array_size(problems); i++) {
		json_t *p = json_array_get(problems, i);
		json_t *d = json_object_get(p, "data");
		if (!d)
			continue;
		json_incref(d);
		json_object_del(p, "data");
		jset(p, "data", d);
	}
}

static int strcmp_null(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int problem_cmp(const void *x, const void *y)
{
	const json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
	int c;

	long long ga, gb;

	if ((c = sev_of(b) - sev_of(a)) != 0)
		return c;
	/* the oldest first within a severity */
	ga = json_integer_value(json_object_get(a, "age"));
	gb = json_integer_value(json_object_get(b, "age"));
	if (ga != gb)
		return ga < gb ? 1 : -1;
	if ((c = strcmp_null(report_str(a, "check"), report_str(b, "check"))) != 0)
		return c;
	if ((c = strcmp_null(report_str(a, "subject"), report_str(b, "subject"))) != 0)
		return c;
	if ((c = strcmp_null(report_str(a, "source"), report_str(b, "source"))) != 0)
		return c;
	return strcmp_null(report_str(a, "id"), report_str(b, "id"));
}

static json_t *sorted(json_t *arr)
{
	size_t i, n = json_array_size(arr);
	json_t **v = xcalloc(n ? n : 1, sizeof *v);
	json_t *out = jarray();

	for (i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(arr, i));
	qsort(v, n, sizeof *v, problem_cmp);
	for (i = 0; i < n; i++)
		jappend(out, v[i]);
	free(v);
	json_decref(arr);
	return out;
}

static json_t *counts(const json_t *problems, const json_t *resolved, int tracked)
{
	json_t *c = jobject();
	size_t i, n[4] = { 0 }, nnew = 0, still = 0, unchecked = 0;

	for (i = 0; i < json_array_size(problems); i++) {
		const json_t *p = json_array_get(problems, i);
		const char *t = report_str(p, "tracking");
		n[sev_of(p)]++;
		if (t && strcmp(t, "new") == 0)
			nnew++;
		else if (t && strcmp(t, "unchecked") == 0)
			unchecked++;
		else if (t)
			still++;
	}
	jset(c, "problems", jint((long long)json_array_size(problems)));
	jset(c, "critical", jint((long long)n[SEV_CRITICAL]));
	jset(c, "warning", jint((long long)n[SEV_WARNING]));
	jset(c, "info", jint((long long)n[SEV_INFO]));
	jset(c, "new", tracked ? jint((long long)nnew) : json_null());
	jset(c, "still_open", tracked ? jint((long long)still) : json_null());
	jset(c, "unchecked", tracked ? jint((long long)unchecked) : json_null());
	jset(c, "resolved", tracked ? jint((long long)json_array_size(resolved)) : json_null());
	return c;
}

static json_t *usage(const struct report *r)
{
	const json_t *d;
	json_t *u;

	if (!r->nin[T_REVIEW])
		return json_null();
	/* one review per report: the first one given */
	d = r->in[T_REVIEW][0].doc;
	u = jobject();
	jset(u, "metrics", json_is_object(json_object_get(d, "metrics"))
	     ? copy_or_null(json_object_get(d, "metrics")) : jobject());
	jset(u, "unused_features", json_is_array(json_object_get(d, "unused_features"))
	     ? copy_or_null(json_object_get(d, "unused_features")) : jarray());
	jset(u, "features", json_is_array(json_object_get(d, "features"))
	     ? copy_or_null(json_object_get(d, "features")) : jarray());
	jset(u, "daily", json_is_array(json_object_get(d, "daily"))
	     ? copy_or_null(json_object_get(d, "daily")) : jarray());
	return u;
}

static json_t *sla(const struct report *r)
{
	json_t *rows;
	size_t i, j;

	if (!r->nin[T_SLA])
		return json_null();
	rows = jarray();
	for (i = 0; i < r->nin[T_SLA]; i++) {
		const json_t *o = json_object_get(r->in[T_SLA][i].doc, "objectives");
		for (j = 0; j < json_array_size(o); j++)
			if (json_is_object(json_array_get(o, j)))
				json_array_append(rows, json_array_get(o, j));
	}
	return rows;
}

static json_t *quality(const struct report *r)
{
	json_t *rows = jarray();
	size_t t, i, j;

	for (t = 0; t < NTOOLS; t++)
		for (i = 0; i < r->nin[t]; i++) {
			const json_t *in = json_object_get(r->in[t][i].doc, "inputs");
			for (j = 0; j < json_array_size(in); j++) {
				const json_t *x = json_array_get(in, j);
				json_t *o = jobject();
				jset(o, "tool", jstr(tool_names[t]));
				jset(o, "file", jstr(r->in[t][i].path));
				jset(o, "input", copy_or_null(json_object_get(x, "path")));
				jset(o, "rows", copy_or_null(json_object_get(x, "rows")));
				jset(o, "rejected", copy_or_null(json_object_get(x, "rejected")));
				jappend(rows, o);
			}
		}
	if (r->matrix_path) {
		json_t *o = jobject();
		jset(o, "tool", jstr("report"));
		jset(o, "file", jstr("-m"));
		jset(o, "input", jstr(r->matrix_path));
		jset(o, "rows", jint((long long)r->matrix_rows));
		jset(o, "rejected", jint((long long)r->matrix_rejected));
		jappend(rows, o);
	}
	return rows;
}

static const json_t *pick_period(const struct report *r)
{
	static const int order[NTOOLS] = { T_REVIEW, T_SLA, T_INSPECT, T_RACI };
	size_t k, i;

	for (k = 0; k < NTOOLS; k++)
		for (i = 0; i < r->nin[order[k]]; i++) {
			const json_t *p = json_object_get(r->in[order[k]][i].doc, "period");
			if (json_is_string(json_object_get(p, "start")))
				return p;
		}
	return NULL;
}

/* ---- what this report's inputs judged ---- */

/* 1 when the array arr holds the string s. */
static int has_string(const json_t *arr, const char *s)
{
	size_t i;

	for (i = 0; i < json_array_size(arr); i++) {
		const char *x = json_string_value(json_array_get(arr, i));
		if (x && strcmp(x, s) == 0)
			return 1;
	}
	return 0;
}

/* The tool that found a previous problem: its "source", else guessed from
 * the check's name (a report written by hand or before "source"). */
static int source_of(const json_t *q)
{
	const char *src = report_str(q, "source"), *check = report_str(q, "check");
	size_t t;

	if (src)
		for (t = 0; t < NTOOLS; t++)
			if (strcmp(src, tool_names[t]) == 0)
				return (int)t;
	if (!check)
		return -1;
	if (strcmp(check, "availability") == 0 || strcmp(check, "response") == 0 ||
	    strcmp(check, "resolution") == 0)
		return T_SLA;
	for (t = 0; t < CHECK_COUNT; t++)
		if (strcmp(check, checks_name((enum check_id)t)) == 0)
			return T_INSPECT;
	for (t = 0; raci_check_names[t]; t++)
		if (strcmp(check, raci_check_names[t]) == 0)
			return T_RACI;
	return -1;
}

/* 1 when sla-check's envelope doc judged the subject of check.  Its
 * objectives list what it judged: an availability scope, a priority of
 * response or resolution.  A ticket's finding (subject: the ticket) was
 * judged when the objective was: sla-check judges every ticket still open
 * at the period's start. */
static int sla_judged(const json_t *doc, const char *check, const char *subject)
{
	const json_t *rows = json_object_get(doc, "objectives");
	const json_t *checks = json_object_get(doc, "checks");
	size_t i;
	int kind_ran = json_is_array(checks) && has_string(checks, check);

	for (i = 0; i < json_array_size(rows); i++) {
		const json_t *o = json_array_get(rows, i);
		const char *obj = report_str(o, "objective"), *scope = report_str(o, "scope");
		if (!obj || strcmp(obj, check) != 0)
			continue;
		if (scope && strcmp(scope, subject) == 0)
			return 1;
		if (!json_is_array(checks))
			kind_ran = 1;
	}
	return strcmp(check, "availability") != 0 && kind_ran;
}

/* report_tracking's judged: the previous problem's command ran this
 * period, and one of its envelopes judged the problem's subject
 * (inspect and raci: the check is in its "checks"; an envelope without
 * "checks" is taken to have run them all). */
static int inputs_judged(const json_t *q, void *ctx)
{
	const struct report *r = ctx;
	const char *check = report_str(q, "check"), *subject = report_str(q, "subject");
	int t = source_of(q);
	size_t i;

	if (t < 0 || !check)
		return 0;
	for (i = 0; i < r->nin[t]; i++) {
		const json_t *doc = r->in[t][i].doc;
		const json_t *checks = json_object_get(doc, "checks");
		if (t == T_SLA) {
			if (sla_judged(doc, check, subject ? subject : ""))
				return 1;
		} else if (!json_is_array(checks) || has_string(checks, check)) {
			return 1;
		}
	}
	return 0;
}

void report_period_label(const json_t *period, char *buf, size_t size)
{
	const char *s = report_str(period, "start"), *e = report_str(period, "end");
	int y, m, d, y2, m2, d2;

	if (!size)
		return;
	buf[0] = '\0';
	if (!s || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return;
	if (e && sscanf(e, "%4d-%2d-%2d", &y2, &m2, &d2) == 3 && d == 1 && d2 == 1 &&
	    (y2 * 12 + m2) - (y * 12 + m) == 1 && strlen(s) > 10 && strlen(e) > 10 &&
	    strcmp(s + 10, e + 10) == 0)
		snprintf(buf, size, "%04d-%02d", y, m);
	else
		snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
}

json_t *report_build(const struct report *r, const char *lang)
{
	json_t *doc = envelope_new("report", NULL, NULL);
	json_t *areas = jarray(), *problems = jarray(), *resolved;
	json_t *f[NTOOLS], *u, *s, *routed = jobject();
	const json_t *per = pick_period(r);
	size_t t, i;
	int tracked = r->previous != NULL;
	char label[32];

	if (per) {
		json_t *pc = jobject();
		jset(pc, "start", copy_or_null(json_object_get(per, "start")));
		jset(pc, "end", copy_or_null(json_object_get(per, "end")));
		if (json_object_get(per, "until"))
			jset(pc, "until", copy_or_null(json_object_get(per, "until")));
		jset(doc, "period", pc);
	}
	jset(doc, "title", r->title ? jstr(r->title) : json_null());
	jset(doc, "inputs", json_deep_copy(r->read));
	jset(doc, "lang", jstr(lang && strcmp(lang, "zh") == 0 ? "zh" : "en"));
	lang = report_str(doc, "lang");
	gather(r, f, routed);
	u = usage(r);
	s = sla(r);

	jappend(areas, area("inspection", report_findings_status(f[T_INSPECT]),
					  findings_reason(lang, f[T_INSPECT], "inspect")));
	{
		const json_t *m = json_is_object(u) ? json_object_get(u, "metrics") : NULL;
		enum report_usage_reason why;
		double fig;
		jappend(areas, area("usage", report_usage_judge(m, r->previous, &r->lim, &why, &fig),
				    usage_reason(r, lang, m)));
	}
	jappend(areas, area("sla", report_sla_status(json_is_array(s) ? s : NULL),
					  sla_reason(lang, json_is_array(s) ? s : NULL)));
	jappend(areas, area("responsibilities", report_findings_status(f[T_RACI]),
					  findings_reason(lang, f[T_RACI], "raci")));
	jset(doc, "areas", areas);

	for (t = 0; t < NTOOLS; t++) {
		for (i = 0; i < json_array_size(f[t]); i++) {
			const json_t *x = json_array_get(f[t], i);
			char buf[13];
			jappend(problems, problem(r, tool_names[t], x,
				json_object_get(routed, id_of(tool_names[t], x, buf)) != NULL));
		}
		json_decref(f[t]);
	}
	report_period_label(json_object_get(doc, "period"), label, sizeof label);
	if (tracked) {
		const json_t *pp = json_object_get(r->previous, "problems");
		struct report_tracking tr;
		char prev_label[32];

		report_period_label(json_object_get(r->previous, "period"),
				    prev_label, sizeof prev_label);
		tr.period = *label ? label : NULL;
		tr.prev_period = *prev_label ? prev_label : NULL;
		tr.judged = inputs_judged;
		tr.ctx = (void *)(uintptr_t)r;
		resolved = sorted(report_track(problems, json_is_array(pp) ? pp : NULL, &tr));
		/* the unchecked ones kept from last time: made again like the
		 * others (same members, today's owners) */
		for (i = 0; i < json_array_size(problems); i++) {
			json_t *q = json_array_get(problems, i), *p;
			const char *st = report_str(q, "tracking");
			int src = source_of(q);
			if (!st || strcmp(st, "unchecked") != 0)
				continue;
			p = problem(r, src >= 0 ? tool_names[src] : "unknown", q, 0);
			jset(p, "tracking", jstr("unchecked"));
			jset(p, "open_since", copy_or_null(json_object_get(q, "open_since")));
			jset(p, "age", copy_or_null(json_object_get(q, "age")));
			json_array_set_new(problems, i, p);
		}
	} else {
		resolved = jarray();
		for (i = 0; i < json_array_size(problems); i++) {
			json_t *p = json_array_get(problems, i);
			jset(p, "open_since", *label ? jstr(label) : json_null());
			jset(p, "age", jint(1));
		}
	}
	data_last(problems);
	data_last(resolved);
	problems = sorted(problems);
	jset(doc, "counts", counts(problems, resolved, tracked));
	jset(doc, "problems", problems);
	jset(doc, "resolved", tracked ? resolved : json_null());
	if (!tracked)
		json_decref(resolved);
	jset(doc, "usage", u);
	jset(doc, "sla", s);
	jset(doc, "data_quality", quality(r));
	report_agenda(doc, r->previous, &r->lim);
	json_decref(routed);
	return doc;
}

size_t report_at_least(const json_t *doc, enum severity sev)
{
	const json_t *p = json_object_get(doc, "problems");
	size_t i, n = 0;

	if (sev == SEV_NEVER)
		return 0;
	for (i = 0; i < json_array_size(p); i++)
		if (sev_of(json_array_get(p, i)) >= (int)sev)
			n++;
	return n;
}

static int feature_cmp(const void *x, const void *y)
{
	const json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
	double ea = json_number_value(json_object_get(a, "error_rate"));
	double eb = json_number_value(json_object_get(b, "error_rate"));
	double na = json_number_value(json_object_get(a, "events"));
	double nb = json_number_value(json_object_get(b, "events"));

	if (ea != eb)
		return ea < eb ? 1 : -1;
	if (na != nb)
		return na < nb ? 1 : -1;
	return strcmp_null(report_str(a, "feature"), report_str(b, "feature"));
}

json_t *report_top_features(const json_t *doc, size_t n)
{
	const json_t *f = json_object_get(json_object_get(doc, "usage"), "features");
	size_t i, k = 0, total = json_array_size(f);
	json_t **v = xcalloc(total ? total : 1, sizeof *v);
	json_t *out = jarray();

	for (i = 0; i < total; i++) {
		json_t *x = json_array_get(f, i);
		double e;
		if (json_is_object(x) && num_of(x, "error_rate", &e))
			v[k++] = x;
	}
	qsort(v, k, sizeof *v, feature_cmp);
	for (i = 0; i < k && i < n; i++)
		json_array_append(out, v[i]);
	free(v);
	return out;
}
