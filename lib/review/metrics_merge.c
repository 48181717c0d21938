/* metrics_merge: adds the figures of one metrics to another's, for the
 * same period.  The one merge of review: -j merges its ranges' metrics
 * with it directly, and a state read back (--from-state) is decoded into
 * a blank metrics first and merged with it too (metrics_state.c).
 * Names are interned again in the order of the source's ids, and
 * distinct users are counted over the union of the pairs, so any split
 * of the events merges to the figures of one run. */
#include "review/metrics.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/quantile.h"
#include "base/strtab.h"
#include "base/xalloc.h"
#include "review/metrics_int.h"
#include "review/pairset.h"

struct metrics *metrics_blank(const struct metrics *like)
{
	struct metrics *m = metrics_new(NULL, like->tz);

	m->users_unknown = like->users_unknown;
	m->has_start = like->has_start;
	m->has_end = like->has_end;
	m->start = like->start;
	m->end = like->end;
	m->until = like->until;
	m->has_prev = like->has_prev;
	m->prev_start = like->prev_start;
	m->nmonths = like->nmonths;
	memcpy(m->month_start, like->month_start, sizeof m->month_start);
	memcpy(m->month_end, like->month_end, sizeof m->month_end);
	m->use_accounts = like->use_accounts;
	m->use_catalog = like->use_catalog;
	m->use_survey = like->use_survey;
	m->scale = like->scale;
	return m;
}

/* quantile_each's callback: one value of a distribution added to the
 * group's, which is made when the first value comes. */
static void lat_add(double v, uint64_t n, void *ctx)
{
	struct group *g = ctx;

	if (!g->lat)
		g->lat = quantile_new();
	quantile_add_n(g->lat, v, n);
}

/* The counters of g added to to's; users come from the pairs. */
static void group_merge(struct group *to, const struct group *g)
{
	to->events += g->events;
	to->errors += g->errors;
	to->in_catalog |= g->in_catalog;
	to->months |= g->months;
	if (g->lat)
		quantile_each(g->lat, lat_add, to);
}

static void dim_merge(struct dim *to, const struct dim *d, const uint32_t *umap)
{
	size_t *gmap = xcalloc(d->ng + 1, sizeof *gmap), i, pos = 0;
	uint32_t g, u;

	for (i = 0; i < d->ng; i++) {
		const char *name = strtab_str(d->names, i);
		gmap[i] = metrics_dim_intern(to, name, strlen(name));
		group_merge(&to->g[gmap[i]], &d->g[i]);
	}
	group_merge(&to->none, &d->none);
	while (pairset_next(&d->pairs, &pos, &g, &u)) {
		if (g == GROUP_NONE) {
			if (pairset_add(&to->pairs, GROUP_NONE, umap[u]))
				to->none.users++;
		} else if (pairset_add(&to->pairs, (uint32_t)gmap[g], umap[u])) {
			to->g[gmap[g]].users++;
		}
	}
	free(gmap);
}

/* The users of s interned in m, in s's id order: their ids in m. */
static uint32_t *users_merge(struct metrics *m, const struct metrics *s)
{
	size_t nu = strtab_count(s->users), i;
	uint32_t *umap = xcalloc(nu + 1, sizeof *umap);

	for (i = 0; i < nu; i++) {
		const char *name = strtab_str(s->users, i);
		uint32_t id = umap[i] = metrics_user_id(m, name, strlen(name));

		if ((s->uflags[i] & U_ACTIVE) && !(m->uflags[id] & U_ACTIVE))
			m->active++;
		m->uflags[id] |= s->uflags[i];
		if (s->urole[i] != GROUP_NONE) {
			const char *role = strtab_str(s->roles.names, s->urole[i]);
			m->urole[id] = (uint32_t)metrics_dim_intern(&m->roles, role,
								    strlen(role));
		}
	}
	return umap;
}

void metrics_merge(struct metrics *m, const struct metrics *s)
{
	uint32_t *umap, g, u;
	size_t i, pos;

	m->events += s->events;
	m->errors += s->errors;
	m->responses += s->responses;
	m->promoters += s->promoters;
	m->detractors += s->detractors;
	m->any_before |= s->any_before;
	m->any_prev |= s->any_prev;
	m->any_project |= s->any_project;
	umap = users_merge(m, s);
	dim_merge(&m->features, &s->features, umap);
	dim_merge(&m->projects, &s->projects, umap);
	dim_merge(&m->roles, &s->roles, umap);
	for (i = 0; i < s->nd; i++) {
		struct day *x;
		if (!s->d[i].events)	/* a day with no event is no day */
			continue;
		x = metrics_day_at(m, s->lo + (int64_t)i);
		x->events += s->d[i].events;
		x->errors += s->d[i].errors;
	}
	for (pos = 0; pairset_next(&s->day_pairs, &pos, &g, &u);)
		if (pairset_add(&m->day_pairs, g, umap[u]))
			metrics_day_at(m, metrics_group_day(g))->users++;
	for (i = 0; i < m->nmonths && i < s->nmonths; i++) {
		m->months[i].events += s->months[i].events;
		m->months[i].errors += s->months[i].errors;
		m->months[i].responses += s->months[i].responses;
		m->months[i].promoters += s->months[i].promoters;
		m->months[i].detractors += s->months[i].detractors;
	}
	for (pos = 0; pairset_next(&s->month_pairs, &pos, &g, &u);)
		if (pairset_add(&m->month_pairs, g, umap[u]))
			m->months[g].users++;
	free(umap);
}
