/* checks_state: the state of the checks saved as JSON (checks_state: for
 * --state and --emit-state) and read back (checks_load: to go on with a
 * growing log, --state, or to merge the shards of one, --from-state: a
 * shard's state is decoded into blank checks and merged by
 * checks_merge.c). */
#include "inspect/checks.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "inspect/checks_int.h"
#include "inspect/tally.h"
#include "io/jbuild.h"
#include "base/error.h"
#include "base/quantile.h"
#include "base/strtab.h"
#include "base/xalloc.h"

#define STATE_VERSION 1
/* error_burst's baseline kept by an incremental state */
#define STATE_HOURS_KEPT (31 * MS_PER_DAY)

static json_t *jt(int64_t t)
{
	return t == NO_TIME ? json_null() : jint((long long)t);
}

/* The options that shape the state: states made with other ones do not
 * combine. */
static json_t *state_config(const struct checks *c)
{
	json_t *o = jobject();

	jset(o, "start", jt(c->cfg.start == INT64_MIN ? NO_TIME : c->cfg.start));
	jset(o, "end", c->cfg.end == INT64_MAX ? json_null() : jint((long long)c->cfg.end));
	jset(o, "login_feature", jstr(c->login_feature));
	jset(o, "run_length", jint(c->cfg.run_length));
	jset(o, "login_failures", jint(c->cfg.login_failures));
	jset(o, "spray_users", jint(c->cfg.spray_users));
	jset(o, "login_window_ms", jint((long long)c->cfg.login_window_ms));
	jset(o, "gap_ms", jint((long long)c->cfg.gap_ms));
	jset(o, "reorder_ms", jint((long long)c->cfg.reorder_ms));
	return o;
}

static void lat_cb(double v, uint64_t n, void *ctx)
{
	json_t *p = jarray();

	jappend(p, jnum(v));
	jappend(p, jint((long long)n));
	jappend(ctx, p);
}

static json_t *lat_json(const struct quantile *q)
{
	json_t *a = jarray();

	if (q)
		quantile_each(q, lat_cb, a);
	return a;
}

static json_t *fails_json(const struct fail *v, size_t n)
{
	json_t *a = jarray();
	size_t i;

	for (i = 0; i < n; i++) {
		json_t *p = jarray();
		jappend(p, jint((long long)v[i].t));
		jappend(p, jint((long long)v[i].user));
		jappend(a, p);
	}
	return a;
}

static json_t *window_json(const struct window *w)
{
	json_t *o = jobject();

	jset(o, "nfail", jint((long long)w->nfail));
	jset(o, "nproc", jint((long long)w->nproc));
	jset(o, "first_fail", jt(w->first_fail));
	jset(o, "best", jint((long long)w->best));
	jset(o, "first", jt(w->first));
	jset(o, "last", jt(w->last));
	jset(o, "queue", fails_json(w->q + w->head, w->n));
	jset(o, "pre", fails_json(w->pre, w->npre));
	return o;
}

static json_t *runs_json(const struct runs *r)
{
	json_t *o = jobject();

	jset(o, "len", jint((long long)r->len));
	jset(o, "start", r->len ? jt(r->start) : json_null());
	jset(o, "end", r->len ? jt(r->end) : json_null());
	jset(o, "closed", json_boolean(r->closed));
	jset(o, "pre_len", jint((long long)r->pre_len));
	jset(o, "pre_start", r->pre_len ? jt(r->pre_start) : json_null());
	jset(o, "pre_end", r->pre_len ? jt(r->pre_end) : json_null());
	jset(o, "longest", jint((long long)r->longest));
	jset(o, "count", jint(r->count));
	jset(o, "first", jt(r->first));
	jset(o, "last", jt(r->last));
	return o;
}

static json_t *slots_json(const struct tally *m, int64_t from)
{
	json_t *a = jarray();
	struct tally_slot *v;
	size_t n, i;

	v = tally_sorted(m, &n);
	for (i = 0; i < n; i++) {
		json_t *p;
		if (v[i].key < from)
			continue;
		p = jarray();
		jappend(p, jint((long long)v[i].key));
		jappend(p, jint((long long)v[i].n));
		jappend(p, jint((long long)v[i].lo));
		jappend(p, jint((long long)v[i].hi));
		jappend(a, p);
	}
	free(v);
	return a;
}

json_t *checks_state(struct checks *c)
{
	json_t *o = jobject(), *a;
	int64_t newest, since, keep;
	size_t i;

	checks_flush(c);
	newest = checks_newest(c);
	since = c->since != NO_TIME ? c->since : c->first;
	keep = INT64_MIN;
	if (!c->cfg.shard && newest != NO_TIME) {
		keep = hour_of(newest - STATE_HOURS_KEPT, c->cfg.tz);
		if (since != NO_TIME && since < keep)
			since = keep;
	}
	jset(o, "tool", jstr("inspect"));
	jset(o, "state", jint(STATE_VERSION));
	jset(o, "shard", json_boolean(c->cfg.shard));
	jset(o, "config", state_config(c));
	jset(o, "newest", jt(newest));
	jset(o, "since", jt(since));
	jset(o, "events", jint((long long)c->events));
	jset(o, "errors", jint((long long)c->errors));
	jset(o, "client_errors", jint((long long)c->client_errors));
	jset(o, "logins_ok", jint((long long)c->logins_ok));
	jset(o, "logins_failed", jint((long long)c->logins_failed));
	jset(o, "late", jint((long long)c->late));
	jset(o, "first", jt(c->first));
	jset(o, "last", jt(c->last));
	jset(o, "latency", lat_json(c->lat));
	jset(o, "hours", slots_json(&c->hours, keep));
	jset(o, "gaps", slots_json(&c->gaps, c->cfg.shard ? INT64_MIN : INT64_MAX));
	a = jarray();
	for (i = 0; i < c->nfeat; i++) {
		const struct feature *f = &c->feat[i];
		json_t *x = jobject();
		jset(x, "name", jstr(strtab_str(c->features, i)));
		jset(x, "events", jint((long long)f->events));
		jset(x, "errors", jint((long long)f->errors));
		jset(x, "err_first", jt(f->err_first));
		jset(x, "err_last", jt(f->err_last));
		jset(x, "slow", jint((long long)f->slow));
		jset(x, "slow_first", jt(f->slow_first));
		jset(x, "slow_last", jt(f->slow_last));
		jset(x, "latency", lat_json(f->lat));
		jset(x, "run", runs_json(&f->run));
		jappend(a, x);
	}
	jset(o, "features", a);
	a = jarray();
	for (i = 0; i < c->nuser; i++) {
		const struct user *u = &c->user[i];
		json_t *x = jobject();
		int64_t last = u->events ? u->last : NO_TIME;
		if (u->prev_last != NO_TIME && (last == NO_TIME || u->prev_last > last))
			last = u->prev_last;
		jset(x, "name", jstr(strtab_str(c->users, i)));
		jset(x, "seen", json_boolean(u->seen));
		jset(x, "events", jint((long long)u->events));
		jset(x, "first", u->events ? jt(u->first) : json_null());
		jset(x, "last", jt(last));
		jset(x, "window", window_json(&u->win));
		jappend(a, x);
	}
	jset(o, "users", a);
	a = jarray();
	for (i = 0; i < c->nip; i++) {
		json_t *x = jobject();
		jset(x, "name", jstr(strtab_str(c->ips, i)));
		jset(x, "window", window_json(&c->ipwin[i]));
		jappend(a, x);
	}
	jset(o, "ips", a);
	return o;
}

/* Reading a state back: every value is checked, a bad one fails the load
 * (a state file is input like any other). */
struct rd {
	int bad;
};

static json_t *get(struct rd *r, const json_t *o, const char *key, int type)
{
	json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;

	if (!v || (type >= 0 && json_typeof(v) != (json_type)type)) {
		r->bad = 1;
		return NULL;
	}
	return v;
}

static int get_bool(struct rd *r, const json_t *o, const char *key)
{
	json_t *v = get(r, o, key, -1);

	if (!v || !json_is_boolean(v)) {
		r->bad = 1;
		return 0;
	}
	return json_is_true(v);
}

static int64_t get_int(struct rd *r, const json_t *o, const char *key)
{
	json_t *v = get(r, o, key, JSON_INTEGER);

	return v ? (int64_t)json_integer_value(v) : 0;
}

static uint64_t get_count(struct rd *r, const json_t *o, const char *key)
{
	int64_t v = get_int(r, o, key);

	if (v < 0)
		r->bad = 1;
	return v < 0 ? 0 : (uint64_t)v;
}

/* A time: an integer or null (NO_TIME). */
static int64_t get_time(struct rd *r, const json_t *o, const char *key)
{
	json_t *v = get(r, o, key, -1);

	if (json_is_null(v))
		return NO_TIME;
	if (!json_is_integer(v)) {
		r->bad = 1;
		return NO_TIME;
	}
	return (int64_t)json_integer_value(v);
}

static int64_t item_int(struct rd *r, const json_t *a, size_t i)
{
	json_t *v = json_array_get(a, i);

	if (!json_is_integer(v)) {
		r->bad = 1;
		return 0;
	}
	return (int64_t)json_integer_value(v);
}

static void load_latency(struct rd *r, const json_t *a, struct quantile *q)
{
	size_t i;

	if (!json_is_array(a)) {
		r->bad = 1;
		return;
	}
	for (i = 0; i < json_array_size(a); i++) {
		json_t *p = json_array_get(a, i);
		json_t *v = json_array_get(p, 0), *n = json_array_get(p, 1);
		if (!json_is_number(v) || !json_is_integer(n) || json_integer_value(n) < 0) {
			r->bad = 1;
			return;
		}
		quantile_add_n(q, json_number_value(v), (uint64_t)json_integer_value(n));
	}
}

/* Adds the [key, n, lo, hi] slots of a to m (lo, hi: first and last). */
static void load_slots(struct rd *r, const json_t *a, struct tally *m)
{
	size_t i;

	if (!json_is_array(a)) {
		r->bad = 1;
		return;
	}
	for (i = 0; i < json_array_size(a); i++) {
		json_t *p = json_array_get(a, i);
		int64_t key = item_int(r, p, 0), n = item_int(r, p, 1);
		int64_t lo = item_int(r, p, 2), hi = item_int(r, p, 3);
		struct tally_slot *s;
		if (r->bad || key == TALLY_EMPTY || n < 0 || lo > hi) {
			r->bad = 1;
			return;
		}
		s = tally_get(m, key);
		s->n += (uint64_t)n;
		tally_see(s, lo);
		tally_see(s, hi);
	}
}

/* The failures of a window's list, user ids mapped through umap (nu of
 * them); *n their number, in time order.  Caller frees. */
static struct fail *load_fails(struct rd *r, const json_t *a, const size_t *umap,
			       size_t nu, size_t *n)
{
	struct fail *v;
	size_t i;

	*n = 0;
	if (!json_is_array(a)) {
		r->bad = 1;
		return NULL;
	}
	v = xreallocarray(NULL, json_array_size(a) + 1, sizeof *v);
	for (i = 0; i < json_array_size(a); i++) {
		json_t *p = json_array_get(a, i);
		int64_t t = item_int(r, p, 0), u = item_int(r, p, 1);
		if (r->bad || u < 0 || (size_t)u >= nu || (i && t < v[i - 1].t)) {
			r->bad = 1;
			free(v);
			return NULL;
		}
		v[i].t = t;
		v[i].user = umap[u];
	}
	*n = i;
	return v;
}

/* The last login window saved as o goes on in w (--state). */
static void resume_window(struct checks *c, struct rd *r, struct window *w,
			  size_t ip, const json_t *o, const size_t *umap, size_t nu)
{
	size_t npre, nq;
	struct fail *pre = load_fails(r, get(r, o, "pre", JSON_ARRAY), umap, nu, &npre);
	struct fail *q = load_fails(r, get(r, o, "queue", JSON_ARRAY), umap, nu, &nq);

	if (!r->bad) {
		checks_window_clear(c, w, ip);
		for (size_t i = 0; i < nq; i++)
			checks_window_push(c, w, ip, q[i].t, q[i].user);
	}
	free(pre);
	free(q);
}

/* Decodes the window saved as o into w, blank; user ids mapped through
 * umap (nu of them). */
static void decode_window(struct rd *r, struct window *w, const json_t *o,
			  const size_t *umap, size_t nu)
{
	w->pre = load_fails(r, get(r, o, "pre", JSON_ARRAY), umap, nu, &w->npre);
	w->pre_cap = w->npre;
	w->q = load_fails(r, get(r, o, "queue", JSON_ARRAY), umap, nu, &w->n);
	w->cap = w->n;
	w->head = 0;
	w->nproc = (unsigned long)get_count(r, o, "nproc");
	w->nfail = (unsigned long)get_count(r, o, "nfail");
	w->best = (size_t)get_count(r, o, "best");
	w->first = get_time(r, o, "first");
	w->last = get_time(r, o, "last");
	w->first_fail = get_time(r, o, "first_fail");
}

static void decode_runs(struct rd *r, struct runs *x, const json_t *o)
{
	x->len = get_count(r, o, "len");
	x->start = get_time(r, o, "start");
	x->end = get_time(r, o, "end");
	x->closed = get_bool(r, o, "closed");
	x->pre_len = get_count(r, o, "pre_len");
	x->pre_start = get_time(r, o, "pre_start");
	x->pre_end = get_time(r, o, "pre_end");
	x->longest = get_count(r, o, "longest");
	x->count = (long)get_count(r, o, "count");
	x->first = get_time(r, o, "first");
	x->last = get_time(r, o, "last");
}

static void decode_feature(struct rd *r, struct feature *f, const json_t *x)
{
	int64_t t;

	f->events += (unsigned long)get_count(r, x, "events");
	f->errors += (unsigned long)get_count(r, x, "errors");
	f->slow += (unsigned long)get_count(r, x, "slow");
	if ((t = get_time(r, x, "err_first")) != NO_TIME)
		seen(&f->err_first, &f->err_last, t);
	if ((t = get_time(r, x, "err_last")) != NO_TIME)
		seen(&f->err_first, &f->err_last, t);
	if ((t = get_time(r, x, "slow_first")) != NO_TIME)
		seen(&f->slow_first, &f->slow_last, t);
	if ((t = get_time(r, x, "slow_last")) != NO_TIME)
		seen(&f->slow_first, &f->slow_last, t);
	if (json_array_size(json_object_get(x, "latency"))) {
		if (!f->lat)
			f->lat = quantile_new();
		load_latency(r, json_object_get(x, "latency"), f->lat);
	}
	decode_runs(r, &f->run, get(r, x, "run", JSON_OBJECT));
}

/* The ids in s of the users of a state (names), nu of them.  Caller
 * frees. */
static size_t *user_ids(struct rd *r, struct checks *s, const json_t *a, size_t nu)
{
	size_t *umap = xreallocarray(NULL, nu + 1, sizeof *umap), i;

	for (i = 0; !r->bad && i < nu; i++) {
		json_t *name = get(r, json_array_get(a, i), "name", JSON_STRING);
		if (!r->bad)
			umap[i] = checks_user_id(s, json_string_value(name), json_string_length(name));
	}
	return umap;
}

/* Decodes a shard's state st into s, blank checks of the same options:
 * the checks as the shard left them, to be merged by checks_merge. */
static void decode(struct rd *r, struct checks *s, const json_t *st)
{
	json_t *a;
	size_t *umap, nu, i;

	s->prev_newest = get_time(r, st, "newest");
	s->events = (unsigned long)get_count(r, st, "events");
	s->errors = (unsigned long)get_count(r, st, "errors");
	s->client_errors = (unsigned long)get_count(r, st, "client_errors");
	s->logins_ok = (unsigned long)get_count(r, st, "logins_ok");
	s->logins_failed = (unsigned long)get_count(r, st, "logins_failed");
	s->late = (unsigned long)get_count(r, st, "late");
	s->first = get_time(r, st, "first");
	s->last = get_time(r, st, "last");
	load_latency(r, get(r, st, "latency", JSON_ARRAY), s->lat);
	load_slots(r, get(r, st, "hours", JSON_ARRAY), &s->hours);
	load_slots(r, get(r, st, "gaps", JSON_ARRAY), &s->gaps);
	a = get(r, st, "features", JSON_ARRAY);
	for (i = 0; !r->bad && i < json_array_size(a); i++) {
		json_t *x = json_array_get(a, i);
		json_t *name = get(r, x, "name", JSON_STRING);
		size_t id;
		if (r->bad)
			break;
		/* interning may move s->feat */
		id = checks_feature_id(s, json_string_value(name), json_string_length(name));
		decode_feature(r, &s->feat[id], x);
	}
	a = get(r, st, "users", JSON_ARRAY);
	nu = json_array_size(a);
	umap = user_ids(r, s, a, nu);
	for (i = 0; !r->bad && i < nu; i++) {
		json_t *x = json_array_get(a, i);
		struct user *u = &s->user[umap[i]];
		u->seen = get_bool(r, x, "seen");
		u->events = (unsigned long)get_count(r, x, "events");
		u->first = get_time(r, x, "first");
		u->last = get_time(r, x, "last");
		window_release(&u->win);
		window_init(&u->win);
		decode_window(r, &u->win, get(r, x, "window", JSON_OBJECT), umap, nu);
	}
	a = get(r, st, "ips", JSON_ARRAY);
	for (i = 0; !r->bad && i < json_array_size(a); i++) {
		json_t *x = json_array_get(a, i);
		json_t *name = get(r, x, "name", JSON_STRING);
		struct window *w;
		size_t id;
		if (r->bad)
			break;
		id = checks_ip_id(s, json_string_value(name), json_string_length(name));
		w = &s->ipwin[id];
		window_release(w);
		window_init(w);
		decode_window(r, w, get(r, x, "window", JSON_OBJECT), umap, nu);
	}
	free(umap);
}

/* Goes on from the state st of an earlier read of the same log (--state):
 * its newest time, error_burst's baseline, the open runs (reported
 * already) and the last login windows. */
static void resume(struct rd *r, struct checks *c, const json_t *st)
{
	int64_t newest = get_time(r, st, "newest");
	json_t *a;
	size_t *umap, nu, i;

	c->resumed = 1;
	c->prev_newest = newest;
	c->since = get_time(r, st, "since");
	if (newest != NO_TIME) {
		reorder_restart(&c->order, newest);
		tally_see(tally_get(&c->gaps, floor_div(newest, c->cfg.gap_ms)), newest);
	}
	load_slots(r, get(r, st, "hours", JSON_ARRAY), &c->hours);
	a = get(r, st, "features", JSON_ARRAY);
	for (i = 0; !r->bad && i < json_array_size(a); i++) {
		json_t *x = json_array_get(a, i);
		json_t *name = get(r, x, "name", JSON_STRING);
		struct runs saved, *run;
		size_t id;
		if (r->bad)
			break;
		id = checks_feature_id(c, json_string_value(name), json_string_length(name));
		run = &c->feat[id].run;
		runs_init(&saved);
		decode_runs(r, &saved, get(r, x, "run", JSON_OBJECT));
		if (r->bad)
			break;
		/* the open run goes on; it was reported already */
		run->len = saved.len;
		run->start = saved.start;
		run->end = saved.end;
		run->fresh = 0;
		run->closed = 1;
	}
	a = get(r, st, "users", JSON_ARRAY);
	nu = json_array_size(a);
	umap = user_ids(r, c, a, nu);
	for (i = 0; !r->bad && i < nu; i++) {
		json_t *x = json_array_get(a, i);
		struct user *u = &c->user[umap[i]];
		int64_t last = get_time(r, x, "last");
		if (last != NO_TIME && (u->prev_last == NO_TIME || last > u->prev_last))
			u->prev_last = last;
		resume_window(c, r, &u->win, 0, get(r, x, "window", JSON_OBJECT), umap, nu);
	}
	a = get(r, st, "ips", JSON_ARRAY);
	for (i = 0; !r->bad && i < json_array_size(a); i++) {
		json_t *x = json_array_get(a, i);
		json_t *name = get(r, x, "name", JSON_STRING);
		size_t id;
		if (r->bad)
			break;
		id = checks_ip_id(c, json_string_value(name), json_string_length(name));
		resume_window(c, r, &c->ipwin[id], id + 1,
			      get(r, x, "window", JSON_OBJECT), umap, nu);
	}
	free(umap);
}

int checks_load(struct checks *c, const json_t *st, int resumed, struct error *err)
{
	struct rd r = {0};
	json_t *cfg = state_config(c);

	if (!json_is_object(st) || !json_is_string(json_object_get(st, "tool")) ||
	    strcmp(json_string_value(json_object_get(st, "tool")), "inspect") != 0 ||
	    get_int(&r, st, "state") != STATE_VERSION) {
		json_decref(cfg);
		error_set(err, NULL, 0, "not a state of inspect (version %d)", STATE_VERSION);
		return -1;
	}
	if (!json_equal(cfg, json_object_get(st, "config"))) {
		json_decref(cfg);
		error_set(err, NULL, 0, "the state was made with other options (period, --login-feature, --run-length, --login-failures, --spray-users, --login-window, --gap or --reorder-window)");
		return -1;
	}
	json_decref(cfg);
	if (resumed) {
		resume(&r, c, st);
	} else if (!json_is_true(json_object_get(st, "shard"))) {
		error_set(err, NULL, 0, "not a shard's state (made with --emit-state)");
		return -1;
	} else {
		struct checks_config scfg = c->cfg;
		struct checks *s;

		scfg.shard = 1;
		s = checks_new(&scfg);
		decode(&r, s, st);
		if (!r.bad)
			checks_merge(c, s);
		checks_free(s);
	}
	if (r.bad) {
		error_set(err, NULL, 0, "a bad or truncated state of inspect");
		return -1;
	}
	return 0;
}
