/* checks_merge: adds a shard's checks (cfg.shard, its events after c's)
 * to c.  The one merge of inspect: -j merges its ranges' checks with it
 * directly, and a shard's state read back (--from-state) is decoded
 * into blank checks first (checks_state.c) and merged with it too.  The
 * shard's first run of failures and first login window, kept aside,
 * are judged here after c's, so that runs and windows across the cut
 * come out as in one reading. */
#include "inspect/checks.h"

#include <stdlib.h>
#include <string.h>

#include "inspect/checks_int.h"
#include "inspect/tally.h"
#include "base/quantile.h"
#include "base/strtab.h"
#include "base/xalloc.h"

int64_t checks_newest(const struct checks *c)
{
	int64_t newest = c->order.newest;	/* INT64_MIN, NO_TIME, when none */

	if (c->prev_newest != NO_TIME && (newest == NO_TIME || c->prev_newest > newest))
		newest = c->prev_newest;
	return newest;
}

static void tally_merge(struct tally *to, const struct tally *from)
{
	size_t n, i;
	struct tally_slot *v = tally_sorted(from, &n);

	for (i = 0; i < n; i++) {
		struct tally_slot *s = tally_get(to, v[i].key);
		s->n += v[i].n;
		tally_see(s, v[i].lo);
		tally_see(s, v[i].hi);
	}
	free(v);
}

/* The shard's window s (user ids mapped through umap) after w: its first
 * window's failures are judged after w's, then its own judgement is
 * added. */
static void window_merge(struct checks *c, struct window *w, size_t ip,
			 const struct window *s, const size_t *umap)
{
	size_t i;

	for (i = 0; i < s->npre; i++)
		checks_window_fail(c, w, ip, s->pre[i].t, umap[s->pre[i].user]);
	if (s->nproc > s->npre) {
		checks_window_clear(c, w, ip);
		for (i = 0; i < s->n; i++) {
			const struct fail *f = &s->q[s->head + i];
			checks_window_push(c, w, ip, f->t, umap[f->user]);
		}
		if (s->best > w->best)
			w->best = s->best;
		if (w->first == NO_TIME)
			w->first = s->first;
		if (s->last != NO_TIME)
			w->last = s->last;
	}
	w->nfail += s->nfail;
}

/* The shard's runs s after x's. */
static void runs_merge(const struct checks *c, struct runs *x, const struct runs *s)
{
	int64_t start = s->len ? s->start : NO_TIME, end = s->len ? s->end : NO_TIME;

	if (!s->closed) {	/* no success: the open run goes on */
		checks_runs_errors(x, s->len, start, end);
		return;
	}
	checks_runs_errors(x, s->pre_len, s->pre_len ? s->pre_start : NO_TIME,
			   s->pre_len ? s->pre_end : NO_TIME);
	checks_runs_success(c, x);
	if (s->count) {
		if (s->longest > x->longest)
			x->longest = s->longest;
		x->count += s->count;
		if (x->first == NO_TIME)
			x->first = s->first;
		x->last = s->last;
	}
	x->len = 0;
	checks_runs_errors(x, s->len, start, end);
}

static void feature_merge(const struct checks *c, struct feature *f,
			  const struct feature *s)
{
	f->events += s->events;
	f->errors += s->errors;
	f->slow += s->slow;
	if (s->err_first != NO_TIME)
		seen(&f->err_first, &f->err_last, s->err_first);
	if (s->err_last != NO_TIME)
		seen(&f->err_first, &f->err_last, s->err_last);
	if (s->slow_first != NO_TIME)
		seen(&f->slow_first, &f->slow_last, s->slow_first);
	if (s->slow_last != NO_TIME)
		seen(&f->slow_first, &f->slow_last, s->slow_last);
	if (s->lat && quantile_count(s->lat)) {
		if (!f->lat)
			f->lat = quantile_new();
		quantile_absorb(f->lat, s->lat);
	}
	runs_merge(c, &f->run, &s->run);
}

/* The user counters of s (its last event, or the one of earlier reads)
 * added to u's. */
static void user_merge(struct user *u, const struct user *s)
{
	int64_t last = s->events ? s->last : NO_TIME;

	if (s->prev_last != NO_TIME && (last == NO_TIME || s->prev_last > last))
		last = s->prev_last;
	u->seen |= s->seen;
	u->events += s->events;
	if (s->events && s->first != NO_TIME && last != NO_TIME) {
		seen(&u->first, &u->last, s->first);
		seen(&u->first, &u->last, last);
	}
}

void checks_merge(struct checks *c, struct checks *s)
{
	int64_t newest;
	size_t *umap, i;

	checks_flush(s);
	newest = checks_newest(s);
	c->events += s->events;
	c->errors += s->errors;
	c->client_errors += s->client_errors;
	c->logins_ok += s->logins_ok;
	c->logins_failed += s->logins_failed;
	c->late += s->late;
	if (s->first != NO_TIME)
		seen(&c->first, &c->last, s->first);
	if (s->last != NO_TIME)
		seen(&c->first, &c->last, s->last);
	if (newest != NO_TIME && (c->order.newest == INT64_MIN || newest > c->order.newest))
		reorder_restart(&c->order, newest);
	quantile_absorb(c->lat, s->lat);
	tally_merge(&c->hours, &s->hours);
	tally_merge(&c->gaps, &s->gaps);
	for (i = 0; i < s->nfeat; i++) {
		const char *name = strtab_str(s->features, i);
		size_t id = checks_feature_id(c, name, strlen(name));
		feature_merge(c, &c->feat[id], &s->feat[i]);
	}
	/* every user first: interning may move c->user */
	umap = xreallocarray(NULL, s->nuser + 1, sizeof *umap);
	for (i = 0; i < s->nuser; i++) {
		const char *name = strtab_str(s->users, i);
		umap[i] = checks_user_id(c, name, strlen(name));
	}
	for (i = 0; i < s->nuser; i++) {
		user_merge(&c->user[umap[i]], &s->user[i]);
		window_merge(c, &c->user[umap[i]].win, 0, &s->user[i].win, umap);
	}
	for (i = 0; i < s->nip; i++) {
		const char *name = strtab_str(s->ips, i);
		size_t id = checks_ip_id(c, name, strlen(name));
		window_merge(c, &c->ipwin[id], id + 1, &s->ipwin[i], umap);
	}
	free(umap);
}
