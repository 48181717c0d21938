/* metrics: the review's figures in one pass.  Per user a byte of flags
 * (active in the period, seen before it, seen in the previous period,
 * account state) and a role id; per feature, project, role, day and month
 * a struct group of counters; distinct users of a group are counted when a
 * (group, user) pair first enters that dimension's pair set, so counts are
 * exact whatever the order of the events.  The state of a shard, saved
 * and merged, is metrics_state.c's; the struct, metrics_int.h. */
#include "review/metrics.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/quantile.h"
#include "base/strtab.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "io/event.h"
#include "io/jbuild.h"
#include "review/metrics_int.h"
#include "review/pairset.h"

/* ---- groups: features, projects, roles, days, months ---- */

static void dim_init(struct dim *d)
{
	memset(d, 0, sizeof *d);
	pairset_init(&d->pairs);
	d->names = strtab_new();
}

static void dim_release(struct dim *d)
{
	size_t i;

	for (i = 0; i < d->ng; i++)
		quantile_free(d->g[i].lat);
	quantile_free(d->none.lat);
	free(d->g);
	pairset_release(&d->pairs);
	strtab_free(d->names);
}

size_t metrics_dim_intern(struct dim *d, const char *s, size_t len)
{
	size_t id = strtab_intern(d->names, s, len);

	if (id >= d->ng) {
		d->g = vec_reserve(d->g, &d->cap, id + 1, sizeof *d->g);
		memset(d->g + d->ng, 0, (id + 1 - d->ng) * sizeof *d->g);
		d->ng = id + 1;
	}
	return id;
}

static void group_hit(struct group *g, struct pairset *pairs, uint32_t gid,
		      uint32_t uid, const struct event *e)
{
	g->events++;
	if (e->status == EVENT_ERROR)
		g->errors++;
	if (uid != NO_USER && pairset_add(pairs, gid, uid))
		g->users++;
	if (!isnan(e->latency_ms)) {
		if (!g->lat)
			g->lat = quantile_new();
		quantile_add(g->lat, e->latency_ms);
	}
}

/* id SIZE_MAX: the unnamed group. */
static void dim_hit(struct dim *d, size_t id, uint32_t uid,
		    const struct event *e)
{
	if (id == SIZE_MAX)
		group_hit(&d->none, &d->pairs, GROUP_NONE, uid, e);
	else
		group_hit(&d->g[id], &d->pairs, (uint32_t)id, uid, e);
}

static void dim_prefetch(const struct dim *d, size_t id, uint32_t uid,
			 const struct event *e)
{
	const struct group *g = id == SIZE_MAX ? &d->none : &d->g[id];
	uint32_t gid = id == SIZE_MAX ? GROUP_NONE : (uint32_t)id;

	if (uid != NO_USER)
		pairset_prefetch(&d->pairs, gid, uid);
	if (!isnan(e->latency_ms))
		quantile_prefetch(g->lat, e->latency_ms);
}

/* ---- the computation ---- */

/* Start of the period of the same kind just before p (both sides known). */
static int64_t previous_start(const struct period *p, struct tz *tz)
{
	struct civil c;
	int back = 0;

	switch (p->kind) {
	case PERIOD_MONTH:
		back = 1;
		break;
	case PERIOD_QUARTER:
		back = 3;
		break;
	case PERIOD_YEAR:
		back = 12;
		break;
	case PERIOD_WEEK:
		return tz_day_start(tz, tz_day(tz, p->start) - 7);
	case PERIOD_DAY:
		return tz_day_start(tz, tz_day(tz, p->start) - 1);
	default:
		return p->start - (p->end - p->start);
	}
	tz_civil(tz, p->start, &c);
	c.month -= back;
	return tz_instant(tz, &c);
}

struct metrics *metrics_new(const struct period *p, struct tz *tz)
{
	struct metrics *m = xcalloc(1, sizeof *m);

	m->tz = tz;
	m->users = strtab_new();
	dim_init(&m->features);
	dim_init(&m->projects);
	dim_init(&m->roles);
	pairset_init(&m->day_pairs);
	pairset_init(&m->month_pairs);
	if (p && p->kind != PERIOD_NONE) {
		m->has_start = p->start != INT64_MIN;
		m->has_end = p->end != INT64_MAX;
		m->start = p->start;
		m->end = p->end;
	}
	m->until = m->end;
	if (m->has_start && m->has_end) {
		m->has_prev = 1;
		m->prev_start = previous_start(p, tz);
		if (p->kind == PERIOD_QUARTER || p->kind == PERIOD_YEAR)
			for (size_t i = 0; i < MAX_MONTHS; i++) {
				if (period_month(p, tz, (int)i, &m->month_start[i],
						 &m->month_end[i]) != 0)
					break;
				m->nmonths = i + 1;
			}
	}
	return m;
}

void metrics_free(struct metrics *m)
{
	if (!m)
		return;
	strtab_free(m->users);
	free(m->uflags);
	free(m->urole);
	dim_release(&m->features);
	dim_release(&m->projects);
	dim_release(&m->roles);
	free(m->d);
	pairset_release(&m->day_pairs);
	pairset_release(&m->month_pairs);
	free(m);
}

void metrics_use_accounts(struct metrics *m)
{
	m->use_accounts = 1;
}

void metrics_use_catalog(struct metrics *m)
{
	m->use_catalog = 1;
}

void metrics_use_survey(struct metrics *m, enum metrics_scale scale)
{
	m->use_survey = 1;
	m->scale = scale;
}

int metrics_scale_parse(const char *s, enum metrics_scale *scale)
{
	if (strcmp(s, "csat") == 0)
		*scale = METRICS_CSAT;
	else if (strcmp(s, "nps") == 0)
		*scale = METRICS_NPS;
	else
		return -1;
	return 0;
}

uint32_t metrics_user_id(struct metrics *m, const char *s, size_t len)
{
	size_t id = strtab_intern(m->users, s, len);

	if (id >= m->ucap) {
		size_t old = m->ucap, cap = old ? old * 2 : 256, i;

		if (cap <= id)
			cap = id + 1;
		m->uflags = xreallocarray(m->uflags, cap, sizeof *m->uflags);
		m->urole = xreallocarray(m->urole, cap, sizeof *m->urole);
		memset(m->uflags + old, 0, (cap - old) * sizeof *m->uflags);
		for (i = old; i < cap; i++)
			m->urole[i] = GROUP_NONE;
		m->ucap = cap;
	}
	return (uint32_t)id;
}

int metrics_add_account(struct metrics *m, const char *user, size_t user_len,
			const char *role, size_t role_len,
			const char *status, size_t status_len)
{
	int active;
	uint32_t uid;

	if (!status || status_len == 0 || text_ieq(status, status_len, "active"))
		active = 1;
	else if (text_ieq(status, status_len, "disabled") ||
		 text_ieq(status, status_len, "locked"))
		active = 0;
	else
		return -1;
	uid = metrics_user_id(m, user, user_len);
	m->uflags[uid] = (unsigned char)((m->uflags[uid] & ~U_ACCOUNT_ACTIVE) |
					 U_ACCOUNT | (active ? U_ACCOUNT_ACTIVE : 0));
	m->urole[uid] = role && role_len
		? (uint32_t)metrics_dim_intern(&m->roles, role, role_len) : GROUP_NONE;
	return 0;
}

void metrics_add_catalog(struct metrics *m, const char *feature, size_t len)
{
	size_t id = metrics_dim_intern(&m->features, feature, len);

	m->features.g[id].in_catalog = 1;
}

struct day *metrics_day_at(struct metrics *m, int64_t day)
{
	if (m->nd == 0) {
		m->lo = m->dmin = m->dmax = day;
		m->d = vec_reserve(m->d, &m->dcap, 1, sizeof *m->d);
		memset(m->d, 0, sizeof *m->d);
		m->nd = 1;
	} else if (day < m->lo) {
		size_t add = (size_t)(m->lo - day);

		m->d = vec_reserve(m->d, &m->dcap, m->nd + add, sizeof *m->d);
		memmove(m->d + add, m->d, m->nd * sizeof *m->d);
		memset(m->d, 0, add * sizeof *m->d);
		m->nd += add;
		m->lo = day;
	} else if (day >= m->lo + (int64_t)m->nd) {
		size_t need = (size_t)(day - m->lo) + 1;

		m->d = vec_reserve(m->d, &m->dcap, need, sizeof *m->d);
		memset(m->d + m->nd, 0, (need - m->nd) * sizeof *m->d);
		m->nd = need;
	}
	if (day < m->dmin)
		m->dmin = day;
	if (day > m->dmax)
		m->dmax = day;
	return &m->d[day - m->lo];
}

int metrics_add_event(struct metrics *m, const struct event *e)
{
	uint32_t uid = e->user ? metrics_user_id(m, e->user, e->user_len) : NO_USER;
	int64_t day;
	struct day *d;
	size_t i, fid, pid;

	if (m->has_start && e->time < m->start) {
		/* an anonymous event still shows the log covers the time */
		if (uid != NO_USER)
			m->uflags[uid] |= U_BEFORE;
		m->any_before = 1;
		if (m->has_prev && e->time >= m->prev_start) {
			if (uid != NO_USER)
				m->uflags[uid] |= U_PREV;
			m->any_prev = 1;
		}
		return 0;
	}
	if (m->has_end && e->time >= m->end)
		return 0;
	m->events++;
	if (e->status == EVENT_ERROR)
		m->errors++;
	if (uid != NO_USER && !(m->uflags[uid] & U_ACTIVE)) {
		m->uflags[uid] |= U_ACTIVE;
		m->active++;
	}
	/* the groups' tables are large and touched at random: ask for their
	 * lines first, then count */
	fid = metrics_dim_intern(&m->features, e->feature, e->feature_len);
	pid = e->project && e->project_len
		? metrics_dim_intern(&m->projects, e->project, e->project_len) : SIZE_MAX;
	dim_prefetch(&m->features, fid, uid, e);
	dim_prefetch(&m->projects, pid, uid, e);
	day = tz_day(m->tz, e->time);
	d = metrics_day_at(m, day);
	d->events++;
	if (e->status == EVENT_ERROR)
		d->errors++;
	if (uid != NO_USER &&
	    pairset_add(&m->day_pairs, metrics_day_group(day), uid))
		d->users++;
	dim_hit(&m->features, fid, uid, e);
	if (pid != SIZE_MAX)
		m->any_project = 1;
	dim_hit(&m->projects, pid, uid, e);
	if (m->use_accounts)
		dim_hit(&m->roles, uid == NO_USER || m->urole[uid] == GROUP_NONE
			? SIZE_MAX : m->urole[uid], uid, e);
	for (i = 0; i < m->nmonths; i++) {
		if (e->time < m->month_end[i]) {
			struct day *mo = &m->months[i];

			m->features.g[fid].months |= 1u << i;

			mo->events++;
			if (e->status == EVENT_ERROR)
				mo->errors++;
			if (uid != NO_USER &&
			    pairset_add(&m->month_pairs, (uint32_t)i, uid))
				mo->users++;
			break;
		}
	}
	return 1;
}

/* Counts score v: a response, and a promoter (csat: 4 or 5) or a
 * detractor (nps: 0-6). */
static void count_response(enum metrics_scale scale, int v, uint64_t *responses,
			   uint64_t *promoters, uint64_t *detractors)
{
	(*responses)++;
	if (scale == METRICS_NPS) {
		if (v >= 9)
			(*promoters)++;
		else if (v <= 6)
			(*detractors)++;
	} else if (v >= 4) {
		(*promoters)++;
	}
}

int metrics_add_response(struct metrics *m, const char *score, size_t len,
			 int has_time, int64_t t, struct error *err)
{
	int v = 0, lo = m->scale == METRICS_NPS ? 0 : 1;
	int hi = m->scale == METRICS_NPS ? 10 : 5;
	size_t i;

	for (i = 0; i < len; i++) {
		if (score[i] < '0' || score[i] > '9') {
			error_set(err, NULL, 0, "not a whole number");
			return -1;
		}
		if (v <= hi)
			v = v * 10 + (score[i] - '0');
	}
	if (len == 0) {
		error_set(err, NULL, 0, "empty");
		return -1;
	}
	if (v < lo || v > hi) {
		error_set(err, NULL, 0, "%s", m->scale == METRICS_NPS ? "outside the 0-10 scale"
		       : "outside the 1-5 scale");
		return -1;
	}
	if (has_time && ((m->has_start && t < m->start) ||
			 (m->has_end && t >= m->end)))
		return 0;
	count_response(m->scale, v, &m->responses, &m->promoters, &m->detractors);
	for (i = 0; has_time && i < m->nmonths; i++) {
		if (t < m->month_end[i]) {
			struct day *mo = &m->months[i];

			count_response(m->scale, v, &mo->responses, &mo->promoters,
				       &mo->detractors);
			break;
		}
	}
	return 1;
}

void metrics_set_now(struct metrics *m, int64_t now)
{
	if (m->has_end)
		m->until = period_until(m->has_start ? m->start : INT64_MIN,
					m->end, now);
}

int64_t metrics_until(const struct metrics *m)
{
	if (m->has_end)
		return m->until;
	return m->nd ? tz_day_start(m->tz, m->dmax + 1) : INT64_MAX;
}

/* The local days reported: [*first, *last]; 0 when there is none.  A
 * running period ends with the day of now, or the last day with events
 * when later. */
static int day_range(const struct metrics *m, int64_t *first, int64_t *last)
{
	if (!m->has_start && m->nd == 0)
		return 0;
	if (!m->has_end && m->nd == 0)
		return 0;
	*first = m->has_start ? tz_day(m->tz, m->start) : m->dmin;
	if (!m->has_end) {
		*last = m->dmax;
	} else if (m->until < m->end) {
		*last = tz_day(m->tz, m->until);
		if (m->nd && m->dmax > *last)
			*last = m->dmax;
	} else {
		*last = tz_day(m->tz, m->end - 1);
	}
	return *last >= *first;
}

int metrics_span(const struct metrics *m, int64_t *start, int64_t *end)
{
	if ((!m->has_start || !m->has_end) && m->nd == 0)
		return -1;
	*start = m->has_start ? m->start : tz_day_start(m->tz, m->dmin);
	*end = m->has_end ? m->end : tz_day_start(m->tz, m->dmax + 1);
	return 0;
}

/* ---- JSON ---- */

static json_t *ratio(uint64_t num, uint64_t den)
{
	return den ? jnum((double)num / (double)den) : json_null();
}

static json_t *pct(struct quantile *q, double p)
{
	return q && quantile_count(q) ? jnum(quantile_get(q, p)) : json_null();
}

static json_t *group_row(const char *key, const char *name, struct group *g)
{
	json_t *row = jobject();

	jset(row, key, jstr(name));
	jset(row, "events", jint((long long)g->events));
	jset(row, "users", jint((long long)g->users));
	jset(row, "errors", jint((long long)g->errors));
	jset(row, "error_rate", ratio(g->errors, g->events));
	jset(row, "p50_ms", pct(g->lat, 0.5));
	jset(row, "p95_ms", pct(g->lat, 0.95));
	return row;
}

struct named {
	const char *name;
	size_t id;
};

static int cmp_named(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->name,
		      ((const struct named *)b)->name);
}

/* The ids of d's groups that pass keep(), sorted by name.  *n: count. */
static struct named *dim_sorted(const struct dim *d, int catalog_unused,
				size_t *n)
{
	struct named *v = xcalloc(d->ng ? d->ng : 1, sizeof *v);
	size_t i;

	*n = 0;
	for (i = 0; i < d->ng; i++) {
		const struct group *g = &d->g[i];

		if (catalog_unused ? g->in_catalog && g->events == 0
				   : g->events > 0) {
			v[*n].name = strtab_str(d->names, i);
			v[(*n)++].id = i;
		}
	}
	qsort(v, *n, sizeof *v, cmp_named);
	return v;
}

/* Rows of the named groups with events, then the unnamed group when it
 * has any. */
static json_t *dim_rows(struct dim *d, const char *key)
{
	json_t *rows = jarray();
	struct named *v;
	size_t n, i;

	v = dim_sorted(d, 0, &n);
	for (i = 0; i < n; i++)
		jappend(rows, group_row(key, v[i].name, &d->g[v[i].id]));
	if (d->none.events)
		jappend(rows, group_row(key, NULL, &d->none));
	free(v);
	return rows;
}

static json_t *metrics_object(struct metrics *m)
{
	json_t *o = jobject();
	int64_t first, last;
	uint64_t ndays = 0, dau_sum = 0, news = 0, lost = 0;
	uint64_t accounts = 0, used_accounts = 0;	/* active ones */
	uint64_t available = 0, used = 0;
	size_t i;

	if (day_range(m, &first, &last))
		ndays = (uint64_t)(last - first + 1);
	for (i = 0; i < m->nd; i++)
		dau_sum += m->d[i].users;
	for (i = 0; i < strtab_count(m->users); i++) {
		unsigned f = m->uflags[i];

		if ((f & U_ACTIVE) && !(f & U_BEFORE))
			news++;
		if ((f & U_PREV) && !(f & U_ACTIVE))
			lost++;
		if (f & U_ACCOUNT_ACTIVE) {
			accounts++;
			if (f & U_ACTIVE)
				used_accounts++;
		}
	}
	for (i = 0; i < m->features.ng; i++) {
		if (m->features.g[i].in_catalog) {
			available++;
			if (m->features.g[i].events)
				used++;
		}
	}
	jset(o, "events", jint((long long)m->events));
	jset(o, "active_users", jint((long long)m->active));
	jset(o, "dau_avg", ratio(dau_sum, ndays));
	jset(o, "stickiness", ndays && m->active
	     ? jnum((double)dau_sum / (double)ndays / (double)m->active)
	     : json_null());
	jset(o, "active_share", m->use_accounts ? ratio(used_accounts, accounts)
	     : json_null());
	jset(o, "new_users", m->any_before ? jint((long long)news) : json_null());
	jset(o, "lost_users", m->any_prev ? jint((long long)lost) : json_null());
	jset(o, "error_rate", ratio(m->errors, m->events));
	jset(o, "features_available", m->use_catalog ? jint((long long)available)
	     : json_null());
	jset(o, "features_used", m->use_catalog ? jint((long long)used)
	     : json_null());
	jset(o, "feature_coverage", m->use_catalog ? ratio(used, available)
	     : json_null());
	jset(o, "csat", m->use_survey && m->scale == METRICS_CSAT
	     ? ratio(m->promoters, m->responses) : json_null());
	jset(o, "nps", m->use_survey && m->scale == METRICS_NPS && m->responses
	     ? jnum(((double)m->promoters - (double)m->detractors) /
		    (double)m->responses)
	     : json_null());
	return o;
}

static json_t *daily_rows(struct metrics *m)
{
	json_t *rows = jarray();
	int64_t first, last, day;
	char date[32];

	if (!day_range(m, &first, &last))
		return rows;
	for (day = first; day <= last; day++) {
		json_t *row = jobject();
		const struct day *d = day >= m->lo && day < m->lo + (int64_t)m->nd
			? &m->d[day - m->lo] : NULL;
		int64_t y;
		int mo, dd;

		civil_date_from_days(day, &y, &mo, &dd);
		snprintf(date, sizeof date, "%04lld-%02d-%02d", (long long)y, mo, dd);
		jset(row, "date", jstr(date));
		jset(row, "active_users", jint(d ? (long long)d->users : 0));
		jset(row, "events", jint(d ? (long long)d->events : 0));
		jset(row, "errors", jint(d ? (long long)d->errors : 0));
		jappend(rows, row);
	}
	return rows;
}

/* The csat or nps of counts, or null (no survey, the other scale, no
 * response). */
static json_t *survey_figure(const struct metrics *m, enum metrics_scale want,
			     uint64_t responses, uint64_t promoters,
			     uint64_t detractors)
{
	if (!m->use_survey || m->scale != want || responses == 0)
		return json_null();
	if (want == METRICS_CSAT)
		return ratio(promoters, responses);
	return jnum(((double)promoters - (double)detractors) / (double)responses);
}

/* The row of month i: its counters, DAU and stickiness over its days
 * judged (those of the period's day range), the catalog features used in
 * it, and the survey answers timed in it. */
static json_t *month_row(struct metrics *m, size_t i, int have_days,
			 int64_t first, int64_t last)
{
	json_t *row = jobject();
	const struct day *mo = &m->months[i];
	int64_t lo = tz_day(m->tz, m->month_start[i]);
	int64_t hi = tz_day(m->tz, m->month_end[i] - 1);
	uint64_t ndays = 0, dau_sum = 0, available = 0, used = 0;
	struct civil c;
	char label[32];
	size_t f;

	if (have_days) {
		if (lo < first)
			lo = first;
		if (hi > last)
			hi = last;
		for (int64_t day = lo; day <= hi; day++) {
			ndays++;
			if (day >= m->lo && day < m->lo + (int64_t)m->nd)
				dau_sum += m->d[day - m->lo].users;
		}
	}
	for (f = 0; f < m->features.ng; f++) {
		if (m->features.g[f].in_catalog) {
			available++;
			if (m->features.g[f].months & (1u << i))
				used++;
		}
	}
	tz_civil(m->tz, m->month_start[i], &c);
	snprintf(label, sizeof label, "%04d-%02d", c.year, c.month);
	jset(row, "month", jstr(label));
	jset(row, "events", jint((long long)mo->events));
	jset(row, "active_users", jint((long long)mo->users));
	jset(row, "errors", jint((long long)mo->errors));
	jset(row, "error_rate", ratio(mo->errors, mo->events));
	jset(row, "dau_avg", ratio(dau_sum, ndays));
	jset(row, "stickiness", ndays && mo->users
	     ? jnum((double)dau_sum / (double)ndays / (double)mo->users)
	     : json_null());
	jset(row, "features_used", m->use_catalog ? jint((long long)used)
	     : json_null());
	jset(row, "feature_coverage", m->use_catalog ? ratio(used, available)
	     : json_null());
	jset(row, "csat", survey_figure(m, METRICS_CSAT, mo->responses,
					mo->promoters, mo->detractors));
	jset(row, "nps", survey_figure(m, METRICS_NPS, mo->responses,
				       mo->promoters, mo->detractors));
	return row;
}

static json_t *month_rows(struct metrics *m)
{
	json_t *rows = jarray();
	int64_t first = 0, last = -1;
	int have_days = day_range(m, &first, &last);
	size_t i;

	for (i = 0; i < m->nmonths; i++) {
		/* a running quarter or year: the months begun by now (and any
		 * later one with events) */
		if (m->until < m->end && m->month_start[i] > m->until &&
		    m->months[i].events == 0)
			continue;
		jappend(rows, month_row(m, i, have_days, first, last));
	}
	return rows;
}

/* When no request carried a user, the user figures are unknown, not 0
 * or 1 (every request would be the one user "-"). */
static void null_users(json_t *doc)
{
	static const char *const metrics[] = {
		"active_users", "dau_avg", "stickiness", "active_share",
		"new_users", "lost_users"
	};
	static const char *const with_users[] = {
		"daily", "months", "features", "projects", "roles"
	};
	json_t *mo = json_object_get(doc, "metrics"), *row;
	char key[64];
	size_t i, j;

	for (i = 0; i < sizeof metrics / sizeof metrics[0]; i++) {
		if (json_object_get(mo, metrics[i]))
			jset(mo, metrics[i], json_null());
		snprintf(key, sizeof key, "%s_change", metrics[i]);
		if (json_object_get(mo, key))
			jset(mo, key, json_null());
		snprintf(key, sizeof key, "%s_change_ratio", metrics[i]);
		if (json_object_get(mo, key))
			jset(mo, key, json_null());
	}
	for (i = 0; i < sizeof with_users / sizeof with_users[0]; i++) {
		json_array_foreach(json_object_get(doc, with_users[i]), j, row) {
			if (json_object_get(row, "active_users"))
				jset(row, "active_users", json_null());
			if (json_object_get(row, "users"))
				jset(row, "users", json_null());
			if (json_object_get(row, "dau_avg"))
				jset(row, "dau_avg", json_null());
			if (json_object_get(row, "stickiness"))
				jset(row, "stickiness", json_null());
		}
	}
}

void metrics_json(struct metrics *m, const json_t *previous, json_t *doc)
{
	json_t *o = metrics_object(m);

	if (previous) {
		json_t *j = metrics_join_previous(o, previous);
		json_decref(o);
		o = j;
	}
	jset(doc, "metrics", o);
	if (m->use_catalog) {
		json_t *unused = jarray();
		struct named *v;
		size_t n, i;

		v = dim_sorted(&m->features, 1, &n);
		for (i = 0; i < n; i++)
			jappend(unused, jstr(v[i].name));
		free(v);
		jset(doc, "unused_features", unused);
	} else {
		jset(doc, "unused_features", json_null());
	}
	jset(doc, "features", dim_rows(&m->features, "feature"));
	jset(doc, "daily", daily_rows(m));
	jset(doc, "projects", m->any_project ? dim_rows(&m->projects, "project")
	     : jarray());
	jset(doc, "roles", m->use_accounts ? dim_rows(&m->roles, "role")
	     : jarray());
	if (m->nmonths)
		jset(doc, "months", month_rows(m));
	if (m->users_unknown)
		null_users(doc);
}

void metrics_users_unknown(struct metrics *m)
{
	m->users_unknown = 1;
}

/* x as the writers write it (ten significant digits), so that a figure
 * equal to the previous file's shows no change (0.6666666667 read back
 * from it against 2/3 here). */
static double as_written(double x)
{
	char buf[40];

	if (!isfinite(x))
		return x;
	snprintf(buf, sizeof buf, "%.9e", x);
	return strtod(buf, NULL);
}

json_t *metrics_join_previous(const json_t *cur, const json_t *prev)
{
	json_t *out = jobject();
	const char *k;
	char key[256];
	json_t *v;

	/* jansson's iteration macro takes a non-const object; it only reads */
	json_object_foreach((json_t *)(uintptr_t)cur, k, v) {
		const json_t *p = json_is_object(prev) ? json_object_get(prev, k)
			: NULL;
		json_t *pv, *change = json_null(), *rel = json_null();

		jset(out, k, jmust(json_deep_copy(v)));
		pv = p && json_is_number(p) ? jmust(json_deep_copy(p)) : json_null();
		if (json_is_integer(v) && json_is_integer(pv))
			change = jint(json_integer_value(v) - json_integer_value(pv));
		else if (json_is_number(v) && json_is_number(pv))
			change = jnum(as_written(json_number_value(v)) -
				      as_written(json_number_value(pv)));
		snprintf(key, sizeof key, "%s_previous", k);
		jset(out, key, pv);
		if (json_is_number(v) && json_is_number(pv) &&
		    json_number_value(pv) != 0)
			rel = jnum((as_written(json_number_value(v)) -
				    as_written(json_number_value(pv))) /
				   as_written(json_number_value(pv)));
		snprintf(key, sizeof key, "%s_change", k);
		jset(out, key, change);
		snprintf(key, sizeof key, "%s_change_ratio", k);
		jset(out, key, rel);
	}
	return out;
}
