/* metrics_state: the state of a shard's figures as JSON (--emit-state)
 * and reading such states back (--from-state, merged by metrics_merge.c): counters, exact latency
 * distributions and the (group, user) pairs, with names spelled out so
 * that shards that interned them in other orders merge. */
#include "review/metrics.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/quantile.h"
#include "base/strtab.h"
#include "base/xalloc.h"
#include "io/jbuild.h"
#include "review/metrics_int.h"
#include "review/pairset.h"

#define METRICS_STATE_VERSION 2	/* 2: months of features, survey by month */

static void lat_item(double v, uint64_t n, void *ctx)
{
	json_t *p = jarray();

	jappend(p, jnum(v));
	jappend(p, jint((long long)n));
	jappend(ctx, p);
}

static json_t *lat_list(const struct quantile *q)
{
	json_t *a = jarray();

	if (q)
		quantile_each(q, lat_item, a);
	return a;
}

static json_t *group_state(const struct group *g)
{
	json_t *o = jobject();

	jset(o, "events", jint((long long)g->events));
	jset(o, "errors", jint((long long)g->errors));
	jset(o, "in_catalog", json_boolean(g->in_catalog));
	jset(o, "months", jint((long long)g->months));
	jset(o, "latency", lat_list(g->lat));
	return o;
}

/* The (group, user) pairs of s as [group, user] ([-1, user] for the
 * unnamed group; days as day numbers). */
static json_t *pairs_state(const struct pairset *s, int days)
{
	json_t *a = jarray();
	size_t pos = 0;
	uint32_t g, u;

	while (pairset_next(s, &pos, &g, &u)) {
		json_t *p = jarray();

		if (days)
			jappend(p, jint((long long)metrics_group_day(g)));
		else
			jappend(p, jint(g == GROUP_NONE ? -1 : (long long)g));
		jappend(p, jint((long long)u));
		jappend(a, p);
	}
	return a;
}

static json_t *dim_state(const struct dim *d)
{
	json_t *o = jobject(), *a = jarray();
	size_t i;

	for (i = 0; i < d->ng; i++) {
		json_t *g = group_state(&d->g[i]);
		jset(g, "name", jstr(strtab_str(d->names, i)));
		jappend(a, g);
	}
	jset(o, "groups", a);
	jset(o, "none", group_state(&d->none));
	jset(o, "pairs", pairs_state(&d->pairs, 0));
	return o;
}

json_t *metrics_state(const struct metrics *m)
{
	json_t *o = jobject(), *a;
	size_t i;

	jset(o, "tool", jstr("review"));
	jset(o, "state", jint(METRICS_STATE_VERSION));
	jset(o, "start", m->has_start ? jint((long long)m->start) : json_null());
	jset(o, "end", m->has_end ? jint((long long)m->end) : json_null());
	jset(o, "events", jint((long long)m->events));
	jset(o, "errors", jint((long long)m->errors));
	jset(o, "any_before", json_boolean(m->any_before));
	jset(o, "any_prev", json_boolean(m->any_prev));
	jset(o, "any_project", json_boolean(m->any_project));
	jset(o, "responses", jint((long long)m->responses));
	jset(o, "promoters", jint((long long)m->promoters));
	jset(o, "detractors", jint((long long)m->detractors));
	a = jarray();
	for (i = 0; i < strtab_count(m->users); i++) {
		json_t *u = jarray();
		jappend(u, jstr(strtab_str(m->users, i)));
		jappend(u, jint(m->uflags[i]));
		jappend(u, m->urole[i] == GROUP_NONE ? json_null()
		       : jstr(strtab_str(m->roles.names, m->urole[i])));
		jappend(a, u);
	}
	jset(o, "users", a);
	jset(o, "features", dim_state(&m->features));
	jset(o, "projects", dim_state(&m->projects));
	jset(o, "roles", dim_state(&m->roles));
	a = jarray();
	for (i = 0; i < m->nd; i++) {
		json_t *d;
		if (!m->d[i].events)
			continue;
		d = jarray();
		jappend(d, jint((long long)(m->lo + (int64_t)i)));
		jappend(d, jint((long long)m->d[i].events));
		jappend(d, jint((long long)m->d[i].errors));
		jappend(a, d);
	}
	jset(o, "days", a);
	jset(o, "day_pairs", pairs_state(&m->day_pairs, 1));
	a = jarray();
	for (i = 0; i < m->nmonths; i++) {
		json_t *d = jarray();
		jappend(d, jint((long long)m->months[i].events));
		jappend(d, jint((long long)m->months[i].errors));
		jappend(d, jint((long long)m->months[i].responses));
		jappend(d, jint((long long)m->months[i].promoters));
		jappend(d, jint((long long)m->months[i].detractors));
		jappend(a, d);
	}
	jset(o, "months", a);
	jset(o, "month_pairs", pairs_state(&m->month_pairs, 0));
	return o;
}

/* Reading back: any value of the wrong type or out of range sets *bad. */
static long long int_at(const json_t *a, size_t i, long long lo, long long hi,
			int *bad)
{
	const json_t *v = json_array_get(a, i);

	if (!json_is_integer(v) || json_integer_value(v) < lo ||
	    json_integer_value(v) > hi) {
		*bad = 1;
		return lo;
	}
	return json_integer_value(v);
}

static long long int_of(const json_t *o, const char *key, int *bad)
{
	const json_t *v = json_object_get(o, key);

	if (!json_is_integer(v) || json_integer_value(v) < 0) {
		*bad = 1;
		return 0;
	}
	return json_integer_value(v);
}

static void group_load(struct group *g, const json_t *o, int *bad)
{
	const json_t *lat = json_object_get(o, "latency");
	size_t i;

	g->events += (uint64_t)int_of(o, "events", bad);
	g->errors += (uint64_t)int_of(o, "errors", bad);
	if (json_is_true(json_object_get(o, "in_catalog")))
		g->in_catalog = 1;
	g->months |= (unsigned)int_of(o, "months", bad) & ((1u << MAX_MONTHS) - 1);
	if (!json_is_array(lat)) {
		*bad = 1;
		return;
	}
	for (i = 0; i < json_array_size(lat); i++) {
		const json_t *p = json_array_get(lat, i);
		if (!json_is_number(json_array_get(p, 0))) {
			*bad = 1;
			return;
		}
		if (!g->lat)
			g->lat = quantile_new();
		quantile_add_n(g->lat, json_number_value(json_array_get(p, 0)),
			       (uint64_t)int_at(p, 1, 0, INT64_MAX, bad));
	}
}

static void dim_load(struct dim *d, const json_t *o, const uint32_t *umap,
		     size_t nu, int *bad)
{
	const json_t *groups = json_object_get(o, "groups");
	const json_t *pairs = json_object_get(o, "pairs");
	size_t i, n = json_array_size(groups), *gmap;

	if (!json_is_array(groups) || !json_is_array(pairs) ||
	    !json_is_object(json_object_get(o, "none"))) {
		*bad = 1;
		return;
	}
	gmap = xcalloc(n + 1, sizeof *gmap);
	for (i = 0; i < n && !*bad; i++) {
		const json_t *g = json_array_get(groups, i);
		const json_t *name = json_object_get(g, "name");
		if (!json_is_string(name)) {
			*bad = 1;
			break;
		}
		gmap[i] = metrics_dim_intern(d, json_string_value(name), json_string_length(name));
		group_load(&d->g[gmap[i]], g, bad);
	}
	group_load(&d->none, json_object_get(o, "none"), bad);
	for (i = 0; i < json_array_size(pairs) && !*bad; i++) {
		const json_t *p = json_array_get(pairs, i);
		long long g = int_at(p, 0, -1, (long long)n - 1, bad);
		long long u = int_at(p, 1, 0, (long long)nu - 1, bad);
		if (*bad)
			break;
		if (g < 0) {
			if (pairset_add(&d->pairs, GROUP_NONE, umap[u]))
				d->none.users++;
		} else if (pairset_add(&d->pairs, (uint32_t)gmap[g], umap[u])) {
			d->g[gmap[g]].users++;
		}
	}
	free(gmap);
}

/* Decodes state st into m, a blank metrics of the same period. */
static int decode(struct metrics *m, const json_t *st, struct error *err)
{
	const json_t *users = json_object_get(st, "users");
	const json_t *days = json_object_get(st, "days");
	const json_t *dp = json_object_get(st, "day_pairs");
	const json_t *months = json_object_get(st, "months");
	const json_t *mp = json_object_get(st, "month_pairs");
	const json_t *s = json_object_get(st, "start"), *e = json_object_get(st, "end");
	size_t nu = json_array_size(users), i;
	uint32_t *umap;
	int bad = 0;

	if (!json_is_object(st) || !json_is_string(json_object_get(st, "tool")) ||
	    strcmp(json_string_value(json_object_get(st, "tool")), "review") != 0 ||
	    !json_is_integer(json_object_get(st, "state")) ||
	    json_integer_value(json_object_get(st, "state")) != METRICS_STATE_VERSION) {
		error_set(err, NULL, 0, "not a state of review (made with --emit-state)");
		return -1;
	}
	if ((json_is_null(s) ? m->has_start : !m->has_start ||
	     !json_is_integer(s) || json_integer_value(s) != m->start) ||
	    (json_is_null(e) ? m->has_end : !m->has_end ||
	     !json_is_integer(e) || json_integer_value(e) != m->end)) {
		error_set(err, NULL, 0, "the state was made for another period");
		return -1;
	}
	if (!json_is_array(users) || !json_is_array(days) || !json_is_array(dp) ||
	    !json_is_array(months) || !json_is_array(mp) ||
	    json_array_size(months) != m->nmonths) {
		error_set(err, NULL, 0, "a bad or truncated state of review");
		return -1;
	}
	m->events += (uint64_t)int_of(st, "events", &bad);
	m->errors += (uint64_t)int_of(st, "errors", &bad);
	m->responses += (uint64_t)int_of(st, "responses", &bad);
	m->promoters += (uint64_t)int_of(st, "promoters", &bad);
	m->detractors += (uint64_t)int_of(st, "detractors", &bad);
	m->any_before |= json_is_true(json_object_get(st, "any_before"));
	m->any_prev |= json_is_true(json_object_get(st, "any_prev"));
	m->any_project |= json_is_true(json_object_get(st, "any_project"));
	umap = xcalloc(nu + 1, sizeof *umap);
	for (i = 0; i < nu && !bad; i++) {
		const json_t *u = json_array_get(users, i);
		const json_t *name = json_array_get(u, 0), *role = json_array_get(u, 2);
		long long f = int_at(u, 1, 0, 255, &bad);
		uint32_t id;

		if (!json_is_string(name) || bad) {
			bad = 1;
			break;
		}
		id = umap[i] = metrics_user_id(m, json_string_value(name), json_string_length(name));
		if ((f & U_ACTIVE) && !(m->uflags[id] & U_ACTIVE))
			m->active++;
		m->uflags[id] |= (unsigned char)f;
		if (json_is_string(role))
			m->urole[id] = (uint32_t)metrics_dim_intern(&m->roles, json_string_value(role),
							     json_string_length(role));
	}
	dim_load(&m->features, json_object_get(st, "features"), umap, nu, &bad);
	dim_load(&m->projects, json_object_get(st, "projects"), umap, nu, &bad);
	dim_load(&m->roles, json_object_get(st, "roles"), umap, nu, &bad);
	for (i = 0; i < json_array_size(days) && !bad; i++) {
		const json_t *d = json_array_get(days, i);
		long long day = int_at(d, 0, -4000000, 4000000, &bad);
		long long ev = int_at(d, 1, 1, INT64_MAX, &bad);
		long long er = int_at(d, 2, 0, INT64_MAX, &bad);
		struct day *x;

		if (bad)
			break;
		x = metrics_day_at(m, day);
		x->events += (uint64_t)ev;
		x->errors += (uint64_t)er;
	}
	for (i = 0; i < json_array_size(dp) && !bad; i++) {
		const json_t *p = json_array_get(dp, i);
		long long day = int_at(p, 0, -4000000, 4000000, &bad);
		long long u = int_at(p, 1, 0, (long long)nu - 1, &bad);

		if (!bad && pairset_add(&m->day_pairs, metrics_day_group(day),
					umap[u]))
			metrics_day_at(m, day)->users++;
	}
	for (i = 0; i < m->nmonths && !bad; i++) {
		const json_t *d = json_array_get(months, i);
		m->months[i].events += (uint64_t)int_at(d, 0, 0, INT64_MAX, &bad);
		m->months[i].errors += (uint64_t)int_at(d, 1, 0, INT64_MAX, &bad);
		m->months[i].responses += (uint64_t)int_at(d, 2, 0, INT64_MAX, &bad);
		m->months[i].promoters += (uint64_t)int_at(d, 3, 0, INT64_MAX, &bad);
		m->months[i].detractors += (uint64_t)int_at(d, 4, 0, INT64_MAX, &bad);
	}
	for (i = 0; i < json_array_size(mp) && !bad; i++) {
		const json_t *p = json_array_get(mp, i);
		long long k = int_at(p, 0, 0, (long long)m->nmonths - 1, &bad);
		long long u = int_at(p, 1, 0, (long long)nu - 1, &bad);

		if (!bad && pairset_add(&m->month_pairs, (uint32_t)k, umap[u]))
			m->months[k].users++;
	}
	free(umap);
	if (bad) {
		error_set(err, NULL, 0, "a bad or truncated state of review");
		return -1;
	}
	return 0;
}

int metrics_load(struct metrics *m, const json_t *st, struct error *err)
{
	struct metrics *s = metrics_blank(m);
	int rc = decode(s, st, err);

	if (rc == 0)
		metrics_merge(m, s);
	metrics_free(s);
	return rc;
}
