/* report_year: the monthly reports of a history read, ordered by their
 * month and turned into the year view's series and vendor scorecard
 * (report_year.h).  A month is the calendar month of a report's period
 * as report_period_label names it; the files' names play no part. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "io/envelope.h"
#include "io/jbuild.h"
#include "report/report.h"
#include "report/report_format.h"
#include "report/report_year.h"

struct month {
	int key;		/* year * 12 + month - 1 */
	char *path;
	json_t *doc;
};

struct report_history {
	struct month *v;
	size_t n, cap;
};

struct report_history *report_history_new(void)
{
	return xcalloc(1, sizeof(struct report_history));
}

void report_history_free(struct report_history *h)
{
	size_t i;

	if (!h)
		return;
	for (i = 0; i < h->n; i++) {
		free(h->v[i].path);
		json_decref(h->v[i].doc);
	}
	free(h->v);
	free(h);
}

size_t report_history_count(const struct report_history *h)
{
	return h->n;
}

int report_is_year(const json_t *doc)
{
	const char *v = report_str(doc, "view");

	return v && strcmp(v, "year") == 0;
}

/* The figures of doc's "sla" rows the year view sums: an availability's
 * actual and target a fraction (0..1), a credit a percentage (0..100). */
static int check_sla(const json_t *doc, const char *path, struct error *err)
{
	const json_t *rows = json_object_get(doc, "sla");
	size_t i;

	if (rows && !json_is_array(rows) && !json_is_null(rows)) {
		error_set(err, path, 0, "key \"sla\": not an array");
		return -1;
	}
	for (i = 0; i < json_array_size(rows); i++) {
		const json_t *o = json_array_get(rows, i);
		const char *obj = report_str(o, "objective");
		static const char *const keys[] = { "actual", "target", "credit" };
		size_t k;
		if (!json_is_object(o)) {
			error_set(err, path, 0, "key \"sla\": element %zu is not an object", i + 1);
			return -1;
		}
		for (k = 0; k < 3; k++) {
			const json_t *v = json_object_get(o, keys[k]);
			double x = json_number_value(v), hi = k == 2 ? 100 : 1;
			if (!json_is_number(v) || (k < 2 && (!obj || strcmp(obj, "availability") != 0)))
				continue;
			if (!(x >= 0 && x <= hi)) {
				error_set(err, path, 0, "key \"sla\": element %zu: %s %g is not %s",
					  i + 1, keys[k], x, k == 2 ? "a percentage (0 to 100)" :
					  "a fraction (0 to 1)");
				return -1;
			}
		}
	}
	return 0;
}

/* Takes the reference of doc, or drops it on an error. */
static int add(struct report_history *h, const char *path, json_t *doc,
	       struct error *err)
{
	const char *tool = report_str(doc, "tool");
	const json_t *per = json_object_get(doc, "period");
	char label[32];
	int y, m, key;
	size_t i;

	if (!tool || strcmp(tool, "report") != 0) {
		error_set(err, path, 0, "not a monthly report (its \"tool\" is \"%s\", not \"report\"): "
			  "the history holds report -f json outputs", tool ? tool : "");
		goto fail;
	}
	if (report_is_year(doc)) {
		error_set(err, path, 0, "a year view, not a monthly report");
		goto fail;
	}
	if (per && !json_is_object(per)) {
		error_set(err, path, 0, "key \"period\": not an object");
		goto fail;
	}
	if (check_sla(doc, path, err) != 0)
		goto fail;
	report_period_label(per, label, sizeof label);
	if (strlen(label) != 7 || sscanf(label, "%4d-%2d", &y, &m) != 2) {
		error_set(err, path, 0, "period %s .. %s is not one calendar month: the year view "
			  "takes monthly reports", report_str(per, "start") ? report_str(per, "start") : "null",
			  report_str(per, "end") ? report_str(per, "end") : "null");
		goto fail;
	}
	key = y * 12 + m - 1;
	for (i = 0; i < h->n; i++)
		if (h->v[i].key == key) {
			error_set(err, path, 0, "month %s is in the history twice: here and in %s",
				  label, h->v[i].path);
			goto fail;
		}
	if (h->n == h->cap) {
		h->cap = h->cap ? 2 * h->cap : 16;
		h->v = xreallocarray(h->v, h->cap, sizeof *h->v);
	}
	h->v[h->n].key = key;
	h->v[h->n].path = xstrdup(path);
	h->v[h->n].doc = doc;
	h->n++;
	return 0;
fail:
	json_decref(doc);
	return -1;
}

int report_history_add(struct report_history *h, const char *path,
		       const char *text, size_t len, struct error *err)
{
	json_error_t je;
	json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);

	if (!doc) {
		error_set(err, path, (unsigned long)(je.line > 0 ? je.line : 0),
			  "not JSON: %s", je.text);
		return -1;
	}
	if (!json_is_object(doc)) {
		error_set(err, path, 0, "not a JSON object (a report -f json output is one)");
		json_decref(doc);
		return -1;
	}
	return add(h, path, doc, err);
}

int report_history_add_doc(struct report_history *h, const char *path,
			   const json_t *doc, struct error *err)
{
	return add(h, path, jmust(json_deep_copy(doc)), err);
}

static int key_cmp(const void *a, const void *b)
{
	int x = ((const struct month *)a)->key, y = ((const struct month *)b)->key;

	return (x > y) - (x < y);
}

/* The number member of obj, or json null. */
static json_t *num_or_null(const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);

	return json_is_number(v) && isfinite(json_number_value(v)) ?
	       jnum(json_number_value(v)) : json_null();
}

/* The SLA members of month entry e from the rows of a report's "sla": the
 * worst availability row (lowest actual), the objectives judged (met true
 * or false) and met, and the credits due (the sum of the numeric credits,
 * the count of those above 0; null without a numeric credit). */
static void sla_of(json_t *e, const json_t *rows)
{
	const json_t *worst = NULL;
	size_t i, judged = 0, met = 0, credits = 0, ncredit = 0;
	double credit = 0, low = INFINITY;

	for (i = 0; i < json_array_size(rows); i++) {
		const json_t *o = json_array_get(rows, i);
		const char *obj = report_str(o, "objective");
		const json_t *a = json_object_get(o, "actual"), *c = json_object_get(o, "credit");
		const json_t *mt = json_object_get(o, "met");
		if (obj && strcmp(obj, "availability") == 0 && json_is_number(a) &&
		    json_number_value(a) < low) {
			worst = o;
			low = json_number_value(a);
		}
		if (json_is_boolean(mt)) {
			judged++;
			met += json_is_true(mt);
		}
		if (json_is_number(c) && isfinite(json_number_value(c))) {
			ncredit++;
			credit += json_number_value(c);
			credits += json_number_value(c) > 0;
		}
	}
	jset(e, "availability", worst ? num_or_null(worst, "actual") : json_null());
	jset(e, "availability_target", worst ? num_or_null(worst, "target") : json_null());
	jset(e, "availability_scope", jstr(worst ? report_str(worst, "scope") : NULL));
	{
		const json_t *mt = worst ? json_object_get(worst, "met") : NULL;
		jset(e, "availability_met", json_is_boolean(mt) ? json_boolean(json_is_true(mt)) : json_null());
	}
	jset(e, "objectives_judged", json_is_array(rows) ? jint((long long)judged) : json_null());
	jset(e, "objectives_met", json_is_array(rows) ? jint((long long)met) : json_null());
	jset(e, "sla_met", judged ? json_boolean(met == judged) : json_null());
	jset(e, "credit", ncredit ? jnum(credit) : json_null());
	jset(e, "credits", ncredit ? jint((long long)credits) : json_null());
}

/* The entry of one month: from doc, or a gap (every figure null). */
static json_t *entry(int key, const struct month *m)
{
	json_t *e = jobject();
	const json_t *doc = m ? m->doc : NULL;
	const json_t *mt = json_object_get(json_object_get(doc, "usage"), "metrics");
	const json_t *c = json_object_get(doc, "counts");
	const json_t *sla = json_object_get(doc, "sla");
	char label[16];

	snprintf(label, sizeof label, "%04d-%02d", key / 12, key % 12 + 1);
	jset(e, "month", jstr(label));
	jset(e, "file", jstr(m ? m->path : NULL));
	sla_of(e, json_is_array(sla) ? sla : NULL);
	jset(e, "error_rate", num_or_null(mt, "error_rate"));
	jset(e, "dau_avg", num_or_null(mt, "dau_avg"));
	jset(e, "csat", num_or_null(mt, "csat"));
	jset(e, "open_problems", num_or_null(c, "problems"));
	jset(e, "new", num_or_null(c, "new"));
	jset(e, "resolved", num_or_null(c, "resolved"));
	return e;
}

/* The vendor scorecard of the month entries. */
static json_t *scorecard(const json_t *months)
{
	json_t *s = jobject();
	const json_t *e, *worst = NULL;
	size_t i, reported = 0, judged = 0, met = 0, cmonths = 0, ncredit = 0;
	size_t ajudged = 0, amet = 0;
	double total = 0;

	json_array_foreach(months, i, e) {
		const json_t *a = json_object_get(e, "availability");
		const json_t *c = json_object_get(e, "credit");
		if (!json_is_null(json_object_get(e, "file")))
			reported++;
		if (json_is_boolean(json_object_get(e, "sla_met"))) {
			judged++;
			met += json_is_true(json_object_get(e, "sla_met"));
		}
		if (json_is_boolean(json_object_get(e, "availability_met"))) {
			ajudged++;
			amet += json_is_true(json_object_get(e, "availability_met"));
		}
		if (json_is_number(c)) {
			ncredit++;
			total += json_number_value(c);
			cmonths += json_number_value(c) > 0;
		}
		if (json_is_number(a) && (!worst || json_number_value(a) <
		    json_number_value(json_object_get(worst, "availability"))))
			worst = e;
	}
	jset(s, "months", jint((long long)json_array_size(months)));
	jset(s, "reported", jint((long long)reported));
	jset(s, "judged", jint((long long)judged));
	jset(s, "met", jint((long long)met));
	jset(s, "availability_judged", jint((long long)ajudged));
	jset(s, "availability_met", jint((long long)amet));
	jset(s, "credit_total", ncredit ? jnum(total) : json_null());
	jset(s, "credit_months", jint((long long)cmonths));
	if (worst) {
		json_t *w = jobject();
		jset(w, "month", jstr(report_str(worst, "month")));
		jset(w, "availability", num_or_null(worst, "availability"));
		jset(w, "target", num_or_null(worst, "availability_target"));
		jset(s, "worst", w);
	} else {
		jset(s, "worst", json_null());
	}
	return s;
}

json_t *report_history_build(const struct report_history *h, const char *title,
			     const char *lang, struct error *err)
{
	struct month *v;
	json_t *doc, *months, *hist, *per, *inputs;
	const json_t *first, *last;
	int span, k;
	size_t j;

	if (!h->n) {
		error_set(err, NULL, 0, "the history holds no monthly report");
		return NULL;
	}
	v = xcalloc(h->n, sizeof *v);
	memcpy(v, h->v, h->n * sizeof *v);
	qsort(v, h->n, sizeof *v, key_cmp);
	span = v[h->n - 1].key - v[0].key + 1;
	if (span > REPORT_YEAR_MAX) {
		error_set(err, v[h->n - 1].path, 0, "the history spans %d months (%04d-%02d to %04d-%02d): "
			  "the year view shows at most %d", span, v[0].key / 12, v[0].key % 12 + 1,
			  v[h->n - 1].key / 12, v[h->n - 1].key % 12 + 1, REPORT_YEAR_MAX);
		free(v);
		return NULL;
	}
	doc = envelope_new("report", NULL, NULL);
	first = json_object_get(v[0].doc, "period");
	last = json_object_get(v[h->n - 1].doc, "period");
	per = jobject();
	jset(per, "start", jstr(report_str(first, "start")));
	jset(per, "end", jstr(report_str(last, "end")));
	jset(doc, "period", per);
	inputs = json_object_get(doc, "inputs");
	if (!json_is_array(inputs)) {
		inputs = jarray();
		jset(doc, "inputs", inputs);
	}
	months = jarray();
	for (k = v[0].key, j = 0; k <= v[h->n - 1].key; k++) {
		const struct month *m = j < h->n && v[j].key == k ? &v[j++] : NULL;
		jappend(months, entry(k, m));
		if (m) {
			json_t *in = jobject();
			jset(in, "path", jstr(m->path));
			jappend(inputs, in);
		}
	}
	jset(doc, "view", jstr("year"));
	for (j = h->n; !title && j-- > 0;)
		title = report_str(v[j].doc, "title");
	jset(doc, "title", jstr(title));
	jset(doc, "lang", jstr(lang && strcmp(lang, "zh") == 0 ? "zh" : "en"));
	hist = jobject();
	jset(hist, "scorecard", scorecard(months));
	jset(hist, "months", months);
	jset(doc, "history", hist);
	free(v);
	return doc;
}
