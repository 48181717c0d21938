/* slo: service-level arithmetic.  Outages are kept as interval vectors per
 * service (scope), merged and clipped when a period is evaluated; probes as
 * sample vectors per check, sorted when evaluated; tickets as one vector,
 * judged against a target table with business time walked day by day in
 * the calendar's zone.  All figures are integers (ms, millionths of a
 * percent) until the final fractions, so comparisons are exact. */
#include "sla/slo.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/period.h"
#include "base/strtab.h"
#include "base/xalloc.h"

int64_t slo_pct(double percent)
{
	double u = percent * (double)SLO_PCT_ONE;

	if (!(u == u))
		return 0;
	if (u > 9e18)
		return INT64_MAX;
	if (u < -9e18)
		return INT64_MIN;
	return (int64_t)llround(u);
}

double slo_pct_fraction(int64_t pct)
{
	return (double)pct / (double)SLO_PCT_FULL;
}

/* Compares a/b with c/d exactly (a, c >= 0; b, d > 0): -1, 0 or 1.  Walks
 * the continued fractions, so no product can overflow. */
static int ratio_cmp(int64_t a, int64_t b, int64_t c, int64_t d)
{
	for (;;) {
		int64_t qa = a / b, qc = c / d, ra = a % b, rc = c % d;

		if (qa != qc)
			return qa < qc ? -1 : 1;
		if (ra == 0 || rc == 0)
			return ra == rc ? 0 : (ra == 0 ? -1 : 1);
		/* ra/b vs rc/d  <=>  d/rc vs b/ra */
		a = d;
		d = ra;
		c = b;
		b = rc;
	}
}

/* round(p * n / SLO_PCT_FULL) for 0 <= p <= SLO_PCT_FULL, n >= 0 */
static int64_t pct_of(int64_t p, int64_t n)
{
	int64_t q = n / SLO_PCT_FULL, r = n % SLO_PCT_FULL;

	if (p > 0 && q > INT64_MAX / p)
		return INT64_MAX;
	return p * q + (p * r + SLO_PCT_FULL / 2) / SLO_PCT_FULL;
}

/* ---- intervals --------------------------------------------------------- */

struct span {
	int64_t start, end;
};

struct spans {
	struct span *v;
	size_t n, cap;
};

static void spans_push(struct spans *s, int64_t start, int64_t end)
{
	s->v = vec_reserve(s->v, &s->cap, s->n + 1, sizeof *s->v);
	s->v[s->n].start = start;
	s->v[s->n].end = end;
	s->n++;
}

static int span_cmp(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return 0;
}

/* Sorts and merges overlapping, nested and adjacent spans in place. */
static void spans_merge(struct spans *s)
{
	size_t i, o = 0;

	if (s->n == 0)
		return;
	qsort(s->v, s->n, sizeof *s->v, span_cmp);
	for (i = 1; i < s->n; i++) {
		if (s->v[i].start <= s->v[o].end) {
			if (s->v[i].end > s->v[o].end)
				s->v[o].end = s->v[i].end;
		} else {
			s->v[++o] = s->v[i];
		}
	}
	s->n = o + 1;
}

static int64_t spans_total(const struct spans *s)
{
	int64_t t = 0;
	size_t i;

	for (i = 0; i < s->n; i++)
		t += s->v[i].end - s->v[i].start;
	return t;
}

/* Length of the intersection of two merged span lists. */
static int64_t spans_overlap(const struct spans *a, const struct spans *b)
{
	size_t i = 0, j = 0;
	int64_t t = 0;

	while (i < a->n && j < b->n) {
		int64_t lo = a->v[i].start > b->v[j].start ? a->v[i].start : b->v[j].start;
		int64_t hi = a->v[i].end < b->v[j].end ? a->v[i].end : b->v[j].end;

		if (hi > lo)
			t += hi - lo;
		if (a->v[i].end < b->v[j].end)
			i++;
		else
			j++;
	}
	return t;
}

/* ---- availability from outages ----------------------------------------- */

struct scope {
	struct spans incidents, planned;
};

struct slo_outages {
	struct strtab *names;	/* scope names; id = index into scopes */
	struct scope *scopes;
	size_t nscopes, cap;
	size_t *order;		/* scope ids in name order, NULL when stale */
};

struct slo_outages *slo_outages_new(void)
{
	struct slo_outages *o = xcalloc(1, sizeof *o);

	o->names = strtab_new();
	return o;
}

void slo_outages_free(struct slo_outages *o)
{
	size_t i;

	if (!o)
		return;
	for (i = 0; i < o->nscopes; i++) {
		free(o->scopes[i].incidents.v);
		free(o->scopes[i].planned.v);
	}
	free(o->scopes);
	free(o->order);
	strtab_free(o->names);
	free(o);
}

static size_t scope_id(struct slo_outages *o, const char *name)
{
	size_t id;

	if (!name || !*name)
		name = "all";
	id = strtab_intern(o->names, name, strlen(name));
	if (id >= o->nscopes) {
		o->scopes = vec_reserve(o->scopes, &o->cap, id + 1, sizeof *o->scopes);
		memset(&o->scopes[o->nscopes], 0,
		       (id + 1 - o->nscopes) * sizeof *o->scopes);
		o->nscopes = id + 1;
		free(o->order);
		o->order = NULL;
	}
	return id;
}

int slo_outages_add(struct slo_outages *o, const char *service,
		    int64_t start, int64_t end, int planned)
{
	struct scope *s;
	size_t id;

	if (end != SLO_NONE && end < start)
		return -1;
	id = scope_id(o, service);	/* may move o->scopes */
	s = &o->scopes[id];
	/* ongoing: an end after every instant, cut at the time of judgement */
	spans_push(planned ? &s->planned : &s->incidents, start,
		   end == SLO_NONE ? INT64_MAX : end);
	return 0;
}

size_t slo_outages_scopes(const struct slo_outages *o)
{
	return o->nscopes ? o->nscopes : 1;
}

struct named {
	const char *name;
	size_t id;
};

static int named_cmp(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->name, ((const struct named *)b)->name);
}

/* The ids of a table's n strings in byte order of the strings. */
static size_t *name_order(const struct strtab *names, size_t n)
{
	struct named *v = xreallocarray(NULL, n ? n : 1, sizeof *v);
	size_t *order = xreallocarray(NULL, n ? n : 1, sizeof *order);
	size_t i;

	for (i = 0; i < n; i++) {
		v[i].name = strtab_str(names, i);
		v[i].id = i;
	}
	qsort(v, n, sizeof *v, named_cmp);
	for (i = 0; i < n; i++)
		order[i] = v[i].id;
	free(v);
	return order;
}

/* Appends the parts of src inside [start, end) to dst, an ongoing span
 * (end INT64_MAX) ending at until. */
static void spans_clip_into(struct spans *dst, const struct spans *src,
			    int64_t start, int64_t end, int64_t until)
{
	size_t i;

	for (i = 0; i < src->n; i++) {
		int64_t e = src->v[i].end == INT64_MAX ? until : src->v[i].end;
		int64_t a = src->v[i].start > start ? src->v[i].start : start;
		int64_t b = e < end ? e : end;

		if (b > a)
			spans_push(dst, a, b);
	}
}

/* The earliest start of an ongoing span of s that is down in [start,
 * until), SLO_NONE when none is. */
static int64_t ongoing_since(const struct spans *s, int64_t start, int64_t until)
{
	int64_t since = SLO_NONE;
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].end == INT64_MAX && s->v[i].start < until &&
		    until > start && (since == SLO_NONE || s->v[i].start < since))
			since = s->v[i].start;
	return since;
}

int64_t slo_credit_due(const struct slo_credit *credits, size_t n,
		       int64_t up_ms, int64_t period_ms)
{
	const struct slo_credit *best = NULL;
	size_t i;

	if (period_ms <= 0 || up_ms < 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (credits[i].below <= 0)
			continue;
		/* the tier applies when actual < below */
		if (ratio_cmp(up_ms, period_ms, credits[i].below, SLO_PCT_FULL) >= 0)
			continue;
		if (!best || credits[i].below < best->below)
			best = &credits[i];
	}
	return best ? best->credit : 0;
}

int slo_outages_eval(struct slo_outages *o, size_t i,
		     const struct slo_availability_params *prm,
		     struct slo_availability *out)
{
	struct spans down = { 0 }, planned = { 0 };
	int64_t len, elapsed, now, target;

	if (i >= slo_outages_scopes(o) || prm->end <= prm->start)
		return -1;
	memset(out, 0, sizeof *out);
	out->ongoing_since = SLO_NONE;
	len = prm->end - prm->start;
	now = period_until(prm->start, prm->end, prm->now);
	if (o->nscopes) {
		size_t id, all;

		if (!o->order)
			o->order = name_order(o->names, o->nscopes);
		id = o->order[i];
		out->scope = strtab_str(o->names, id);
		out->ongoing_since = ongoing_since(&o->scopes[id].incidents,
						   prm->start, now);
		spans_clip_into(&down, &o->scopes[id].incidents, prm->start,
				prm->end, now);
		if (prm->exclude_planned) {
			spans_clip_into(&planned, &o->scopes[id].planned,
					prm->start, prm->end, now);
			/* unnamed windows are every service's windows */
			if (strtab_find(o->names, "all", 3, &all) && all != id)
				spans_clip_into(&planned, &o->scopes[all].planned,
						prm->start, prm->end, now);
		} else {
			spans_clip_into(&down, &o->scopes[id].planned,
					prm->start, prm->end, now);
		}
	} else {
		out->scope = "all";
	}
	spans_merge(&down);
	spans_merge(&planned);
	out->downtime_ms = spans_total(&down) - spans_overlap(&down, &planned);
	free(down.v);
	free(planned.v);

	target = prm->target;
	if (target < 0)
		target = 0;
	if (target > SLO_PCT_FULL)
		target = SLO_PCT_FULL;
	out->period_ms = len;
	out->target = prm->target;
	out->allowed_ms = pct_of(SLO_PCT_FULL - target, len);
	out->budget_remaining_ms = out->allowed_ms - out->downtime_ms;
	out->actual = 1.0 - (double)out->downtime_ms / (double)len;
	out->met = ratio_cmp(len - out->downtime_ms, len, target, SLO_PCT_FULL) >= 0;
	out->credit = slo_credit_due(prm->credits, prm->ncredits,
				     len - out->downtime_ms, len);

	elapsed = now - prm->start;
	if (out->downtime_ms == 0 && elapsed > 0)
		out->burn_rate = 0.0;
	else if (elapsed <= 0 || out->allowed_ms == 0)
		out->burn_rate = (double)NAN;
	else
		out->burn_rate = ((double)out->downtime_ms / (double)out->allowed_ms) /
				 ((double)elapsed / (double)len);
	return 0;
}

/* ---- availability from probes ----------------------------------------- */

struct sample {
	int64_t t;
	int up;
};

struct samples {
	struct sample *v;
	size_t n, cap;
	int sorted;
};

struct slo_probes {
	struct strtab *names;
	struct samples *checks;
	size_t nchecks, cap;
	size_t *order;
};

struct slo_probes *slo_probes_new(void)
{
	struct slo_probes *p = xcalloc(1, sizeof *p);

	p->names = strtab_new();
	return p;
}

void slo_probes_free(struct slo_probes *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->nchecks; i++)
		free(p->checks[i].v);
	free(p->checks);
	free(p->order);
	strtab_free(p->names);
	free(p);
}

void slo_probes_add(struct slo_probes *p, const char *check, int64_t t, int up)
{
	size_t id = strtab_intern(p->names, check, strlen(check));
	struct samples *s;

	if (id >= p->nchecks) {
		p->checks = vec_reserve(p->checks, &p->cap, id + 1, sizeof *p->checks);
		memset(&p->checks[p->nchecks], 0,
		       (id + 1 - p->nchecks) * sizeof *p->checks);
		p->nchecks = id + 1;
		free(p->order);
		p->order = NULL;
	}
	s = &p->checks[id];
	s->v = vec_reserve(s->v, &s->cap, s->n + 1, sizeof *s->v);
	s->v[s->n].t = t;
	s->v[s->n].up = up != 0;
	s->n++;
	s->sorted = 0;
}

size_t slo_probes_checks(const struct slo_probes *p)
{
	return p->nchecks;
}

static int sample_cmp(const void *a, const void *b)
{
	const struct sample *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->up - y->up;	/* down first */
}

int slo_probes_eval(struct slo_probes *p, size_t i, int64_t start, int64_t end,
		    int64_t target, struct slo_probe_result *out)
{
	struct samples *s;
	int64_t run = SLO_NONE, last = SLO_NONE;
	size_t k;

	if (i >= p->nchecks)
		return -1;
	if (!p->order)
		p->order = name_order(p->names, p->nchecks);
	s = &p->checks[p->order[i]];
	if (!s->sorted) {
		qsort(s->v, s->n, sizeof *s->v, sample_cmp);
		s->sorted = 1;
	}
	memset(out, 0, sizeof *out);
	out->check = strtab_str(p->names, p->order[i]);
	out->target = target;
	out->longest_down_start = SLO_NONE;
	for (k = 0; k < s->n; k++) {
		const struct sample *x = &s->v[k];

		if (x->t < start || x->t >= end)
			continue;
		out->samples++;
		last = x->t;
		if (x->up) {
			out->up++;
			if (run != SLO_NONE && (x->t - run > out->longest_down_ms ||
						out->longest_down_start == SLO_NONE)) {
				out->longest_down_ms = x->t - run;
				out->longest_down_start = run;
			}
			run = SLO_NONE;
		} else if (run == SLO_NONE) {
			run = x->t;
			out->down_runs++;
		}
	}
	if (run != SLO_NONE && (last - run > out->longest_down_ms ||
				out->longest_down_start == SLO_NONE)) {
		out->longest_down_ms = last - run;
		out->longest_down_start = run;
	}
	if (out->samples) {
		out->actual = (double)out->up / (double)out->samples;
		out->met = ratio_cmp((int64_t)out->up, (int64_t)out->samples,
				     target < 0 ? 0 : target, SLO_PCT_FULL) >= 0;
	} else {
		out->actual = (double)NAN;
		out->met = 1;
	}
	return 0;
}

/* ---- tickets ----------------------------------------------------------- */

struct ticket {
	char *id, *priority;
	int64_t opened, response, resolved;
};

struct slo_tickets {
	struct ticket *v;
	size_t n, cap;
};

struct slo_ticket_report {
	struct slo_priority_result *rows;
	size_t nrows;
	struct slo_ticket_verdict *verdicts;
	size_t nverdicts, cap;
	size_t untracked;
};

struct slo_tickets *slo_tickets_new(void)
{
	return xcalloc(1, sizeof(struct slo_tickets));
}

void slo_tickets_free(struct slo_tickets *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n; i++) {
		free(t->v[i].id);
		free(t->v[i].priority);
	}
	free(t->v);
	free(t);
}

int slo_tickets_add(struct slo_tickets *t, const char *id, const char *priority,
		    int64_t opened, int64_t first_response, int64_t resolved)
{
	struct ticket *k;

	if ((first_response != SLO_NONE && first_response < opened) ||
	    (resolved != SLO_NONE && resolved < opened))
		return -1;
	t->v = vec_reserve(t->v, &t->cap, t->n + 1, sizeof *t->v);
	k = &t->v[t->n++];
	k->id = xstrdup(id ? id : "");
	k->priority = xstrdup(priority ? priority : "");
	k->opened = opened;
	k->response = first_response;
	k->resolved = resolved;
	return 0;
}

size_t slo_tickets_count(const struct slo_tickets *t)
{
	return t->n;
}

/* ASCII case-insensitive equality, independent of the locale. */
static int same_priority(const char *a, const char *b)
{
	for (;; a++, b++) {
		unsigned char x = (unsigned char)*a, y = (unsigned char)*b;

		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
		if (x != y)
			return 0;
		if (!x)
			return 1;
	}
}

static void judge(const struct ticket *k, enum slo_kind kind,
		  const struct slo_ticket_objective *obj, const struct slo_target *tg,
		  int64_t judged, struct slo_ticket_verdict *v)
{
	memset(v, 0, sizeof *v);
	v->id = k->id;
	v->priority = k->priority;
	v->opened = k->opened;
	v->done = kind == SLO_RESPONSE ? k->response : k->resolved;
	if (!tg) {
		v->verdict = SLO_UNTRACKED;
		v->deadline = SLO_NONE;
		v->elapsed_ms = calendar_open_ms(obj->calendar, k->opened,
						v->done != SLO_NONE ? v->done : judged);
		return;
	}
	v->target = tg;
	v->target_ms = tg->ms;
	v->deadline = calendar_deadline(tg->calendar, k->opened, tg->ms);
	if (v->done != SLO_NONE) {
		v->elapsed_ms = calendar_open_ms(tg->calendar, k->opened, v->done);
		v->verdict = v->elapsed_ms <= tg->ms ? SLO_MET : SLO_BREACHED;
	} else {
		v->elapsed_ms = calendar_open_ms(tg->calendar, k->opened, judged);
		v->verdict = v->elapsed_ms > tg->ms ? SLO_BREACHED : SLO_PENDING;
	}
}

/* A ticket is judged in [start, end) when it was opened in it, or opened
 * before it and still open at its start (the backlog): not resolved, and
 * for the response objective not answered, before start.  So a ticket
 * left open is judged month after month until it is done. */
static int judged_in(const struct ticket *k, enum slo_kind kind,
		     int64_t start, int64_t end)
{
	if (k->opened >= end)
		return 0;
	if (k->opened >= start)
		return 1;
	if (k->resolved != SLO_NONE && k->resolved < start)
		return 0;
	return kind == SLO_RESOLUTION || k->response == SLO_NONE ||
	       k->response >= start;
}

struct slo_ticket_report *slo_tickets_eval(const struct slo_tickets *t,
					   enum slo_kind kind,
					   const struct slo_ticket_objective *obj,
					   int64_t start, int64_t end, int64_t now)
{
	struct slo_ticket_report *r = xcalloc(1, sizeof *r);
	int64_t judged = period_until(start, end, now);
	size_t i, j;

	r->nrows = obj->ntargets;
	r->rows = xcalloc(r->nrows ? r->nrows : 1, sizeof *r->rows);
	for (j = 0; j < r->nrows; j++) {
		r->rows[j].priority = obj->targets[j].priority;
		r->rows[j].target_ms = obj->targets[j].ms;
		r->rows[j].min_compliance = obj->min_compliance;
	}
	for (i = 0; i < t->n; i++) {
		const struct ticket *k = &t->v[i];
		const struct slo_target *tg = NULL;
		struct slo_priority_result *row = NULL;
		struct slo_ticket_verdict *v;

		if (!judged_in(k, kind, start, end))
			continue;
		for (j = 0; j < obj->ntargets; j++)
			if (same_priority(k->priority, obj->targets[j].priority)) {
				tg = &obj->targets[j];
				row = &r->rows[j];
				break;
			}
		r->verdicts = vec_reserve(r->verdicts, &r->cap, r->nverdicts + 1,
					  sizeof *r->verdicts);
		v = &r->verdicts[r->nverdicts++];
		judge(k, kind, obj, tg, judged, v);
		if (!row) {
			r->untracked++;
			continue;
		}
		row->tickets++;
		if (v->verdict == SLO_MET)
			row->met_count++;
		else if (v->verdict == SLO_BREACHED)
			row->breached_count++;
		else
			row->pending_count++;
	}
	for (j = 0; j < r->nrows; j++) {
		struct slo_priority_result *row = &r->rows[j];
		int64_t judged_n = (int64_t)(row->met_count + row->breached_count);

		if (judged_n == 0) {
			row->actual = (double)NAN;
			row->met = 1;
		} else {
			row->actual = (double)row->met_count / (double)judged_n;
			row->met = ratio_cmp((int64_t)row->met_count, judged_n,
					     row->min_compliance < 0 ? 0 : row->min_compliance,
					     SLO_PCT_FULL) >= 0;
		}
	}
	return r;
}

void slo_ticket_report_free(struct slo_ticket_report *r)
{
	if (!r)
		return;
	free(r->rows);
	free(r->verdicts);
	free(r);
}

size_t slo_ticket_report_rows(const struct slo_ticket_report *r)
{
	return r->nrows;
}

const struct slo_priority_result *slo_ticket_report_row(const struct slo_ticket_report *r,
							size_t i)
{
	return i < r->nrows ? &r->rows[i] : NULL;
}

size_t slo_ticket_report_verdicts(const struct slo_ticket_report *r)
{
	return r->nverdicts;
}

const struct slo_ticket_verdict *slo_ticket_report_verdict(const struct slo_ticket_report *r,
							   size_t i)
{
	return i < r->nverdicts ? &r->verdicts[i] : NULL;
}

size_t slo_ticket_report_untracked(const struct slo_ticket_report *r)
{
	return r->untracked;
}
