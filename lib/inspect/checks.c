/* checks: the inspect checks, in one pass and in memory that grows with
 * distinct names and with time, never with rows.  Users, features, ips and
 * projects are interned to dense ids.  Counts, latencies (exact,
 * base/quantile.c), hourly error counts and the first and last event of
 * each --gap-long time bucket (inspect/tally.c) do not depend on the order
 * of the events.  The order-sensitive checks (runs of failures,
 * failed-login windows) see the events through a reordering window
 * (inspect/reorder.c), released in time order; an event older than what
 * was already released is "late" (counted everywhere else, not judged by
 * them).  Per feature only the open run is kept, per user and ip the
 * failures of the last login window.  This file: names, configuration,
 * feeding events, finishing; the checks are in check_events.c and
 * check_accounts.c, records in check_parse.c, the saved state (to resume a
 * growing log or to merge shards) in checks_state.c. */
#include "inspect/checks.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "inspect/checks_int.h"
#include "inspect/reorder.h"
#include "inspect/tally.h"
#include "io/envelope.h"
#include "io/jbuild.h"
#include "base/error.h"
#include "base/period.h"
#include "base/quantile.h"
#include "base/strtab.h"
#include "base/xalloc.h"

static const char *const check_names[CHECK_COUNT] = {
	[CHECK_CONSECUTIVE_FAILURES] = "consecutive_failures",
	[CHECK_ERROR_RATE] = "error_rate",
	[CHECK_ERROR_BURST] = "error_burst",
	[CHECK_LATENCY_P95] = "latency_p95",
	[CHECK_LOG_GAP] = "log_gap",
	[CHECK_FAILED_LOGINS] = "failed_logins",
	[CHECK_DISABLED_ACCOUNT_ACTIVITY] = "disabled_account_activity",
	[CHECK_UNKNOWN_USER] = "unknown_user",
	[CHECK_STALE_ACCOUNT] = "stale_account",
	[CHECK_DORMANT_ADMIN] = "dormant_admin",
	[CHECK_EXPIRED_PROJECT] = "expired_project",
};

/* ---- names ---- */

const char *checks_name(enum check_id id)
{
	return (unsigned)id < CHECK_COUNT ? check_names[id] : NULL;
}

int checks_parse_list(const char *list, unsigned *mask, struct error *err)
{
	const char *p = list;

	*mask = 0;
	for (;;) {
		size_t len = strcspn(p, ","), i;
		for (i = 0; i < CHECK_COUNT; i++)
			if (strlen(check_names[i]) == len &&
			    memcmp(check_names[i], p, len) == 0)
				break;
		if (i == CHECK_COUNT) {
			char q[96];
			error_set(err, NULL, 0, "unknown check %s (one of: consecutive_failures, error_rate, error_burst, latency_p95, log_gap, failed_logins, disabled_account_activity, unknown_user, stale_account, dormant_admin, expired_project)",
				  error_quote(q, sizeof q, p, len));
			return -1;
		}
		*mask |= CHECK_BIT(i);
		if (p[len] == '\0')
			return 0;
		p += len + 1;
	}
}

json_t *checks_names_json(unsigned mask)
{
	json_t *a = jarray();
	size_t i;

	for (i = 0; i < CHECK_COUNT; i++)
		if (mask & CHECK_BIT(i))
			jappend(a, jstr(check_names[i]));
	return a;
}

/* ---- the checks' life ---- */

void checks_config_init(struct checks_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->run = CHECKS_ALL;
	cfg->start = INT64_MIN;
	cfg->end = INT64_MAX;
	cfg->now = 0;
	cfg->login_feature = "auth.login";
	cfg->run_length = 3;
	cfg->error_rate = 0.05;
	cfg->min_events = 20;
	cfg->burst_min = 10;
	cfg->burst_sd = 3;
	cfg->latency_ms = 2000;
	cfg->gap_ms = 6 * MS_PER_HOUR;
	cfg->login_failures = 5;
	cfg->login_window_ms = 15 * MS_PER_MIN;
	cfg->spray_users = 10;
	cfg->stale_days = 90;
	cfg->admin_days = 30;
	cfg->expired_days = 180;
	cfg->reorder_ms = MS_PER_HOUR;
	cfg->tz = NULL;
	cfg->shard = 0;
	cfg->live = 0;
}

struct checks *checks_new(const struct checks_config *cfg)
{
	struct checks *c = xcalloc(1, sizeof *c);

	c->cfg = *cfg;
	c->login_feature = xstrdup(cfg->login_feature ? cfg->login_feature : "auth.login");
	c->cfg.login_feature = c->login_feature;
	c->features = strtab_new();
	c->users = strtab_new();
	c->ips = strtab_new();
	c->projects = strtab_new();
	c->lat = quantile_new();
	c->first = NO_TIME;
	c->last = NO_TIME;
	c->span_start = INT64_MIN;
	c->span_end = INT64_MAX;
	c->until = INT64_MAX;
	reorder_init(&c->order, cfg->reorder_ms);
	c->prev_newest = NO_TIME;
	c->since = NO_TIME;
	c->ordered = (cfg->run & (CHECK_BIT(CHECK_CONSECUTIVE_FAILURES) |
				  CHECK_BIT(CHECK_FAILED_LOGINS))) != 0;
	return c;
}

void checks_free(struct checks *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->nfeat; i++)
		quantile_free(c->feat[i].lat);
	for (i = 0; i < c->nuser; i++)
		window_release(&c->user[i].win);
	for (i = 0; i < c->nip; i++)
		window_release(&c->ipwin[i]);
	for (i = 0; i < c->nproj; i++)
		free(c->proj[i].status);
	free(c->feat);
	free(c->user);
	free(c->ipwin);
	free(c->proj);
	tally_release(&c->hours);
	tally_release(&c->gaps);
	tally_release(&c->pairs);
	reorder_release(&c->order);
	late_release(&c->late_ev);
	strtab_free(c->features);
	strtab_free(c->users);
	strtab_free(c->ips);
	strtab_free(c->projects);
	quantile_free(c->lat);
	free(c->login_feature);
	free(c);
}

unsigned long checks_late(const struct checks *c)
{
	return c->late;
}

size_t checks_feature_id(struct checks *c, const char *s, size_t len)
{
	size_t id = strtab_intern(c->features, s, len);

	if (id == c->nfeat) {	/* ids are dense: a new one is the next */
		struct feature *f;
		c->feat = vec_reserve(c->feat, &c->feat_cap, c->nfeat + 1, sizeof *c->feat);
		f = &c->feat[c->nfeat++];
		memset(f, 0, sizeof *f);
		f->err_first = f->err_last = NO_TIME;
		f->slow_first = f->slow_last = NO_TIME;
		runs_init(&f->run);
	}
	return id;
}

size_t checks_user_id(struct checks *c, const char *s, size_t len)
{
	size_t id = strtab_intern(c->users, s, len);

	if (id == c->nuser) {
		struct user *u;
		c->user = vec_reserve(c->user, &c->user_cap, c->nuser + 1, sizeof *c->user);
		u = &c->user[c->nuser++];
		memset(u, 0, sizeof *u);
		u->first = u->last = u->prev_last = NO_TIME;
		u->created = u->last_login = NO_TIME;
		window_init(&u->win);
	}
	return id;
}

size_t checks_ip_id(struct checks *c, const char *s, size_t len)
{
	size_t id = strtab_intern(c->ips, s, len);

	if (id == c->nip) {
		c->ipwin = vec_reserve(c->ipwin, &c->ip_cap, c->nip + 1, sizeof *c->ipwin);
		window_init(&c->ipwin[c->nip++]);
	}
	return id;
}

/* ---- feeding events ---- */

/* Releases p, after the late events that come before it when they are
 * merged (late_sort done). */
static void release(struct checks *c, const struct reorder_item *p)
{
	struct late *l = &c->late_ev;

	if (c->late_judged)
		while (l->next < l->n && reorder_before(&l->v[l->next], p))
			checks_release(c, &l->v[l->next++]);
	checks_release(c, p);
	c->released++;
}

void checks_flush(struct checks *c)
{
	struct late *l = &c->late_ev;

	/* nothing released yet (a log listed newest first): the late events
	   and those waiting are all there is, merged in time order */
	if (l->n && !c->late_judged && !c->resumed && c->released == 0) {
		late_sort(l);
		c->late_judged = 1;
	}
	while (reorder_pending(&c->order)) {
		struct reorder_item p = reorder_pop(&c->order);
		release(c, &p);
	}
	if (c->late_judged)
		while (l->next < l->n)
			checks_release(c, &l->v[l->next++]);
	reorder_close(&c->order);
}

/* The window's item of an event: its key and ids. */
static struct reorder_item item_of(const struct checks *c, const struct event *e,
				   size_t fid, size_t uid, size_t ip,
				   int failed_login, uint64_t seq)
{
	struct reorder_item p;

	(void)c;
	p.key = reorder_key(e->time, e->status == EVENT_ERROR);
	p.seq = seq;
	p.feat = (uint32_t)fid;
	p.user = (uint32_t)uid;
	p.ip = ip == NO_ID ? NO_IP : (uint32_t)ip;
	p.failed_login = failed_login;
	return p;
}

/* Puts p in the window and releases those whose turn has come. */
static void window_feed(struct checks *c, const struct reorder_item *p,
			int64_t t)
{
	if (c->ordered)
		reorder_push(&c->order, p);
	reorder_saw(&c->order, t);
	while (reorder_ready(&c->order)) {
		struct reorder_item q = reorder_pop(&c->order);
		release(c, &q);
	}
}

static int is_login(const struct checks *c, const struct event *e)
{
	return strlen(c->login_feature) == e->feature_len &&
	       memcmp(c->login_feature, e->feature, e->feature_len) == 0;
}

int checks_replay_begin(struct checks *c)
{
	if (c->late_ev.n == 0 || !c->ordered || c->resumed || c->released == 0)
		return 0;
	checks_order_reset(c);
	late_sort(&c->late_ev);
	c->late_judged = 1;
	c->replaying = 1;
	c->replay_seq = 0;
	return 1;
}

void checks_replay_event(struct checks *c, const struct event *e)
{
	size_t fid, uid = 0, ip = NO_ID;
	int failed_login;
	uint64_t seq;
	struct reorder_item p;

	if (!c->replaying || e->time < c->cfg.start || e->time >= c->cfg.end)
		return;
	seq = c->replay_seq++;
	if (seq >= c->seq || late_is(&c->late_ev, seq))
		return;		/* beyond the first reading, or late */
	fid = checks_feature_id(c, e->feature, e->feature_len);
	failed_login = is_login(c, e) && e->status != EVENT_OK && e->user;
	if (e->user)
		uid = checks_user_id(c, e->user, e->user_len);
	if (failed_login && e->ip)
		ip = checks_ip_id(c, e->ip, e->ip_len);
	p = item_of(c, e, fid, uid, ip, failed_login, seq);
	window_feed(c, &p, e->time);
}

int checks_late_judged(const struct checks *c)
{
	return c->late_judged;
}

int checks_event(struct checks *c, const struct event *e)
{
	struct feature *f;
	struct user *u;
	size_t fid, uid, ip = NO_ID;
	int err = e->status == EVENT_ERROR;
	int login, failed_login;
	struct reorder_item p;

	if (e->time < c->cfg.start || e->time >= c->cfg.end)
		return 1;
	fid = checks_feature_id(c, e->feature, e->feature_len);
	f = &c->feat[fid];
	f->events++;
	c->events++;
	if (err) {
		f->errors++;
		c->errors++;
		seen(&f->err_first, &f->err_last, e->time);
		struct tally_slot *s = tally_get(&c->hours, hour_of(e->time, c->cfg.tz));
		s->n++;
		s->fresh = 1;
		tally_see(s, e->time);
	} else if (e->status == EVENT_CLIENT_ERROR) {
		c->client_errors++;
	}
	if (!isnan(e->latency_ms)) {
		if (!f->lat)
			f->lat = quantile_new();
		quantile_add(f->lat, e->latency_ms);
		quantile_add(c->lat, e->latency_ms);
		if (e->latency_ms > c->cfg.latency_ms) {
			f->slow++;
			seen(&f->slow_first, &f->slow_last, e->time);
		}
	}
	seen(&c->first, &c->last, e->time);
	tally_see(tally_get(&c->gaps, floor_div(e->time, c->cfg.gap_ms)), e->time);

	login = is_login(c, e);
	failed_login = login && e->status != EVENT_OK;
	if (login) {
		if (failed_login)
			c->logins_failed++;
		else
			c->logins_ok++;
	}
	uid = 0;
	if (!e->user) {
		failed_login = 0;	/* no window: see checks.h */
	} else {
		uid = checks_user_id(c, e->user, e->user_len);
		u = &c->user[uid];
		u->seen = 1;
		if (failed_login) {
			u->win.nfail++;
			if (e->ip) {
				ip = checks_ip_id(c, e->ip, e->ip_len);
				c->ipwin[ip].nfail++;
			}
		} else {
			u->events++;
			seen(&u->first, &u->last, e->time);
		}
	}

	p = item_of(c, e, fid, uid, ip, failed_login, c->seq++);
	if (reorder_late(&c->order, e->time)) {
		c->late++;
		if (c->ordered)
			late_add(&c->late_ev, &p);
		return 0;
	}
	window_feed(c, &p, e->time);
	return 0;
}

/* ---- finishing ---- */

void checks_finding(struct findings *out, struct tz *tz, enum severity sev,
		    enum check_id check, const char *subject, json_t *value,
		    json_t *threshold, const char *message, int64_t first,
		    int64_t last, long count, json_t *data)
{
	struct finding x;

	x.severity = sev;
	x.check = check_names[check];
	x.subject = subject;
	x.value = value;
	x.threshold = threshold;
	x.message = message;
	x.first_seen = first;
	x.last_seen = last;
	x.count = count;
	x.data = data;
	findings_add(out, &x, tz);
}

static json_t *summary(struct checks *c)
{
	json_t *s = jobject();
	size_t i, users = 0;
	uint64_t n = quantile_count(c->lat);

	for (i = 0; i < c->nuser; i++)
		users += c->user[i].seen != 0;
	jset(s, "events", jint((long long)c->events));
	jset(s, "users", jint((long long)users));
	jset(s, "logins_ok", jint((long long)c->logins_ok));
	jset(s, "logins_failed", jint((long long)c->logins_failed));
	jset(s, "error_rate", c->events ? jnum((double)c->errors / (double)c->events) : json_null());
	jset(s, "p50_ms", n ? jnum(quantile_get(c->lat, 0.5)) : json_null());
	jset(s, "p95_ms", n ? jnum(quantile_get(c->lat, 0.95)) : json_null());
	jset(s, "errors", jint((long long)c->errors));
	jset(s, "client_errors", jint((long long)c->client_errors));
	jset(s, "late", jint((long long)c->late));
	return s;
}

json_t *checks_finish(struct checks *c, struct findings *out, struct tz *tz)
{
	unsigned run = c->cfg.run;
	int64_t ref;

	checks_flush(c);
	c->span_start = c->cfg.start != INT64_MIN ? c->cfg.start :
			c->events ? c->first : INT64_MIN;
	c->span_end = c->cfg.end != INT64_MAX ? c->cfg.end :
		      c->events ? c->last + 1 : INT64_MAX;
	c->until = c->cfg.end != INT64_MAX
		   ? period_until(c->cfg.start, c->cfg.end, c->cfg.now)
		   : c->span_end;
	ref = c->until != INT64_MAX ? c->until : c->cfg.now;
	/* a log followed as it grows is judged as of now: ages count to
	   now, not to its last event */
	c->ref_now = c->cfg.end != INT64_MAX ? c->until < c->cfg.end :
		     c->cfg.live && c->cfg.now > ref;
	if (c->ref_now)
		ref = c->cfg.now < ref ? ref : c->cfg.now;

	checks_judge_events(c, out, tz);
	if (run & CHECKS_NEED_ACCOUNTS)
		checks_judge_accounts(c, ref, out, tz);
	if (run & CHECKS_NEED_PROJECTS)
		checks_judge_projects(c, ref, out, tz);
	findings_sort(out);
	return summary(c);
}

void checks_first_last(const struct checks *c, int64_t *first, int64_t *last)
{
	*first = c->first;
	*last = c->last;
}

void checks_span(const struct checks *c, int64_t *start, int64_t *end)
{
	*start = c->span_start;
	*end = c->span_end;
}

int64_t checks_until(const struct checks *c)
{
	return c->until;
}

struct findings *checks_document(struct checks *c, json_t *doc, int users_unknown)
{
	struct findings *f = findings_new("inspect");
	json_t *sum = checks_finish(c, f, c->cfg.tz);
	json_t *per = json_object_get(doc, "period");
	int64_t start, end;

	/* an access log without authentication names no user: "-" is not
	 * one user, the count is unknown */
	if (users_unknown)
		jset(sum, "users", json_null());
	jset(doc, "summary", sum);
	checks_span(c, &start, &end);
	jset(per, "start", start == INT64_MIN ? json_null() : jtime(start, c->cfg.tz));
	jset(per, "end", end == INT64_MAX ? json_null() : jtime(end, c->cfg.tz));
	envelope_set_until(doc, c->until, c->cfg.tz);
	jset(doc, "checks", checks_names_json(c->cfg.run));
	jset(doc, "findings", json_incref(findings_json(f)));
	return f;
}
