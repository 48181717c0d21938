/* checks: the inspect checks, in one pass and in memory that grows with
 * distinct names and with time, never with rows.  Users, features, ips and
 * projects are interned to dense ids.  Counts, latencies (exact, lib/
 * quantile.c), hourly error counts and the first and last event of each
 * --gap-long time bucket do not depend on the order of the events.  The
 * order-sensitive checks (runs of failures, failed-login windows) see the
 * events through a reordering window: the events of the last
 * cfg.reorder_ms (those in order in a FIFO, the others in a min-heap),
 * released in time order; an event older than what was
 * already released is "late" (counted everywhere else, not judged by them).
 * Per feature only the open run is kept, per user and ip the failures of
 * the last login window.  That state can be saved and read back
 * (checks_state, checks_load) to resume a growing log or to merge shards. */
#include "inspect/checks.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inspect/reorder.h"
#include "inspect/tally.h"
#include "io/event.h"
#include "io/envelope.h"
#include "io/jbuild.h"
#include "base/quantile.h"
#include "base/text.h"
#include "base/strtab.h"
#include "base/xalloc.h"

#define NO_TIME FINDING_NO_TIME
#define NO_ID ((size_t)-1)

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

const struct reader_column checks_event_columns[CHECKS_EV_NCOLS] = {
	[CHECKS_EV_TIME] = {"time", 1},
	[CHECKS_EV_USER] = {"user", 1},
	[CHECKS_EV_FEATURE] = {"feature", 1},
	[CHECKS_EV_STATUS] = {"status", 1},
	[CHECKS_EV_LATENCY] = {"latency_ms", 0},
	[CHECKS_EV_IP] = {"ip", 0},
};

const struct reader_column checks_account_columns[CHECKS_AC_NCOLS] = {
	[CHECKS_AC_USER] = {"user", 1},
	[CHECKS_AC_ROLE] = {"role", 0},
	[CHECKS_AC_STATUS] = {"status", 0},
	[CHECKS_AC_CREATED] = {"created", 0},
	[CHECKS_AC_LAST_LOGIN] = {"last_login", 0},
};

const struct reader_column checks_project_columns[CHECKS_PR_NCOLS] = {
	[CHECKS_PR_PROJECT] = {"project", 1},
	[CHECKS_PR_STATUS] = {"status", 0},
	[CHECKS_PR_END] = {"end", 0},
};

/* ---- names and small text helpers ---- */

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

/* Space and tab only, not text_trim (base/text.h), which also trims CR,
 * LF, VT and FF: a value ending in a CR (a quoted CSV field, a JSON
 * string, where the reader leaves it) would then read differently: role
 * "admin\r" would make an administrator, status "locked\r" or an
 * account's time "\r" would be accepted instead of rejected, project
 * status "archived\r" would close the project, an ip would lose its CR. */
static void trim(const char **s, size_t *len)
{
	while (*len && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*len)--;
	}
	while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		(*len)--;
}

/* A number for a message: whole numbers in full, others with up to three
 * decimals, trailing zeros dropped. */
static const char *num(char *buf, size_t size, double v)
{
	char *p;

	if (v == floor(v) && fabs(v) < 1e15) {
		snprintf(buf, size, "%.0f", v);
		return buf;
	}
	snprintf(buf, size, "%.3f", v);
	p = buf + strlen(buf);
	while (p > buf && p[-1] == '0')
		*--p = '\0';
	if (p > buf && p[-1] == '.')
		p[-1] = '\0';
	return buf;
}

/* "15 minutes", "6 hours", "1 day", "90 seconds". */
static const char *duration(char *buf, size_t size, int64_t ms)
{
	static const struct { int64_t unit; const char *name; } u[] = {
		{MS_PER_DAY, "day"}, {MS_PER_HOUR, "hour"},
		{MS_PER_MIN, "minute"}, {MS_PER_SEC, "second"},
	};
	size_t i;
	char n[40];

	for (i = 0; i < sizeof u / sizeof u[0]; i++) {
		if (ms >= u[i].unit && ms % u[i].unit == 0) {
			snprintf(buf, size, "%lld %s%s", (long long)(ms / u[i].unit),
				 u[i].name, ms == u[i].unit ? "" : "s");
			return buf;
		}
	}
	snprintf(buf, size, "%s seconds", num(n, sizeof n, (double)ms / 1000.0));
	return buf;
}

static const char *when(char *buf, size_t size, int64_t t, struct tz *tz)
{
	time_format(t, tz, buf, size);
	return buf;
}

/* The local date of t, "2026-10-14". */
static const char *date_of(char *buf, size_t size, int64_t t, struct tz *tz)
{
	char *p;

	time_format(t, tz, buf, size);
	p = strchr(buf, 'T');
	if (p)
		*p = '\0';
	return buf;
}

/* ---- parsing records ---- */

/* Delegates to lib/event.c, so that inspect and review agree. */
int checks_status_parse(const char *s, size_t len, enum check_status *st)
{
	enum event_status e;

	if (event_status_parse(s, len, &e) != 0)
		return -1;
	*st = e == EVENT_ERROR ? CHECK_ERROR : e == EVENT_CLIENT_ERROR ?
	      CHECK_CLIENT_ERROR : CHECK_OK;
	return 0;
}

static int bad_value(char *why, size_t size, const char *col, const char *what,
		     const char *s, size_t len)
{
	char q[96];

	snprintf(why, size, "column \"%s\": %s %s", col, what,
		 error_quote(q, sizeof q, s, len));
	return -1;
}

/* An optional time column: *t = NO_TIME when absent or empty. */
static int opt_time(const struct record *rec, size_t i, const char *col,
		    const struct timeparser *tp, int64_t *t, char *why, size_t size)
{
	const char *s = i < rec->nfields ? rec->field[i] : NULL;
	size_t len = s ? rec->len[i] : 0;

	*t = NO_TIME;
	if (!s)
		return 0;
	trim(&s, &len);
	if (len == 0)
		return 0;
	if (time_parse(tp, s, len, t) != 0)
		return bad_value(why, size, col, "cannot parse", s, len);
	return 0;
}

static const char *field(const struct record *rec, size_t i, size_t *len)
{
	if (i >= rec->nfields || !rec->field[i]) {
		*len = 0;
		return NULL;
	}
	*len = rec->len[i];
	return rec->field[i];
}


int checks_event_parse(const struct record *rec, const struct timeparser *tp,
		       struct check_event *ev, char *why, size_t size)
{
	const char *s;
	size_t len;

	memset(ev, 0, sizeof *ev);
	s = field(rec, CHECKS_EV_TIME, &len);
	if (!s || time_parse(tp, s, len, &ev->time) != 0)
		return bad_value(why, size, "time", "cannot parse", s ? s : "", len);
	ev->user = field(rec, CHECKS_EV_USER, &ev->user_len);
	ev->feature = field(rec, CHECKS_EV_FEATURE, &ev->feature_len);
	if (!ev->user || !ev->feature) {
		snprintf(why, size, "column \"%s\": no value", ev->user ? "feature" : "user");
		return -1;
	}
	s = field(rec, CHECKS_EV_STATUS, &len);
	if (!s || checks_status_parse(s, len, &ev->status) != 0)
		return bad_value(why, size, "status", "unknown value", s ? s : "", len);
	s = field(rec, CHECKS_EV_LATENCY, &len);
	if (event_latency_parse(s, len, &ev->latency_ms) != 0)
		return bad_value(why, size, "latency_ms", "cannot parse", s, len);
	ev->ip = field(rec, CHECKS_EV_IP, &ev->ip_len);
	if (ev->ip)
		trim(&ev->ip, &ev->ip_len);
	if (ev->ip && ev->ip_len == 0)
		ev->ip = NULL;
	return 0;
}

int checks_account_parse(const struct record *rec, const struct timeparser *tp,
			 struct check_account *a, char *why, size_t size)
{
	const char *s;
	size_t len;

	memset(a, 0, sizeof *a);
	a->user = field(rec, CHECKS_AC_USER, &a->user_len);
	if (!a->user) {
		snprintf(why, size, "column \"user\": no value");
		return -1;
	}
	s = field(rec, CHECKS_AC_ROLE, &len);
	if (s) {
		trim(&s, &len);
		a->admin = text_ieq(s, len, "admin") || text_ieq(s, len, "administrator");
	}
	a->status = ACCOUNT_ACTIVE;
	s = field(rec, CHECKS_AC_STATUS, &len);
	if (s)
		trim(&s, &len);
	if (s && len) {
		if (text_ieq(s, len, "active"))
			a->status = ACCOUNT_ACTIVE;
		else if (text_ieq(s, len, "disabled"))
			a->status = ACCOUNT_DISABLED;
		else if (text_ieq(s, len, "locked"))
			a->status = ACCOUNT_LOCKED;
		else
			return bad_value(why, size, "status", "unknown value", s, len);
	}
	if (opt_time(rec, CHECKS_AC_CREATED, "created", tp, &a->created, why, size) ||
	    opt_time(rec, CHECKS_AC_LAST_LOGIN, "last_login", tp, &a->last_login, why, size))
		return -1;
	return 0;
}

int checks_project_parse(const struct record *rec, const struct timeparser *tp,
			 struct check_project *p, char *why, size_t size)
{
	size_t len;

	memset(p, 0, sizeof *p);
	p->project = field(rec, CHECKS_PR_PROJECT, &p->project_len);
	if (!p->project) {
		snprintf(why, size, "column \"project\": no value");
		return -1;
	}
	p->status = field(rec, CHECKS_PR_STATUS, &len);
	return opt_time(rec, CHECKS_PR_END, "end", tp, &p->end, why, size);
}

/* ---- the state ---- */

/* consecutive_failures of one feature, in time order.  The open run is
 * all that must be remembered; fresh: it has an error of this read (an
 * incremental run reports only runs that end in what it read).  With
 * cfg.shard the first run, until the feature's first success, is kept
 * aside (pre_*) because it may continue a run of the shard before. */
struct runs {
	uint64_t len;		/* the open run */
	int64_t start, end;
	int fresh;
	int closed;		/* a success has been seen */
	uint64_t pre_len;	/* shard: the run before the first success */
	int64_t pre_start, pre_end;
	uint64_t longest;	/* judged: runs of at least run_length */
	long count;
	int64_t first, last;
};

/* A failed login as the windows keep it. */
struct fail {
	int64_t t;
	size_t user;
};

/* failed_logins of one user or one ip: the failures of the last
 * login_window, in time order (q[head..head+n)); for an ip the number of
 * distinct users among them.  With cfg.shard the failures of the first
 * window (pre) are not judged here but when the shard is merged after the
 * one before it. */
struct window {
	struct fail *q;
	size_t head, n, cap;
	size_t distinct;
	int64_t first_fail;	/* first failure released, or NO_TIME */
	struct fail *pre;
	size_t npre, pre_cap;
	unsigned long nproc;	/* failures released (judged or pre) */
	unsigned long nfail;	/* failures in the period, late ones too */
	size_t best;		/* judged: most in one window */
	int64_t first, last;
};

struct feature {
	unsigned long events, errors;
	int64_t err_first, err_last;
	struct quantile *lat;	/* NULL until a latency is seen */
	unsigned long slow;	/* latencies above the limit */
	int64_t slow_first, slow_last;
	struct runs run;
};

struct user {
	int seen;		/* any event in the period */
	unsigned long events;	/* events other than failed logins */
	int64_t first, last;	/* of those events */
	int64_t prev_last;	/* resumed: last such event of earlier reads */
	int account;		/* in the accounts file */
	enum account_status status;
	int admin;
	int64_t created, last_login;
	struct window win;
};

struct project {
	char *status;		/* NULL: none */
	int64_t end;
};

/* reorder_item.ip of an event without one */
#define NO_IP UINT32_MAX

struct checks {
	struct checks_config cfg;
	char *login_feature;
	struct strtab *features, *users, *ips, *projects;
	struct feature *feat;
	size_t nfeat, feat_cap;
	struct user *user;
	size_t nuser, user_cap;
	struct window *ipwin;
	size_t nip, ip_cap;
	struct project *proj;
	size_t nproj, proj_cap;
	unsigned long events, errors, client_errors, logins_ok, logins_failed;
	unsigned long late;
	struct quantile *lat;
	int64_t first, last;	/* of the events in the period */
	int64_t span_start, span_end;
	struct tally hours;	/* error_burst: local clock hour -> errors */
	struct tally gaps;	/* log_gap: time / gap_ms -> first, last */
	struct tally pairs;	/* (ip, user) -> failures in the ip's window */
	struct reorder order;	/* the order-sensitive checks' window */
	int ordered;		/* an order-sensitive check runs */
	int resumed;		/* state of earlier reads loaded */
	int64_t prev_newest;	/* resumed: newest event of earlier reads */
	int64_t since;		/* resumed: error_burst's baseline start */
};

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
	reorder_init(&c->order, cfg->reorder_ms);
	c->prev_newest = NO_TIME;
	c->since = NO_TIME;
	c->ordered = (cfg->run & (CHECK_BIT(CHECK_CONSECUTIVE_FAILURES) |
				  CHECK_BIT(CHECK_FAILED_LOGINS))) != 0;
	return c;
}

static void window_release(struct window *w)
{
	free(w->q);
	free(w->pre);
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

static void window_init(struct window *w)
{
	memset(w, 0, sizeof *w);
	w->first_fail = w->first = w->last = NO_TIME;
}

static void runs_init(struct runs *r)
{
	memset(r, 0, sizeof *r);
	r->first = r->last = NO_TIME;
}

static size_t feature_id(struct checks *c, const char *s, size_t len)
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

static size_t user_id(struct checks *c, const char *s, size_t len)
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

static size_t ip_id(struct checks *c, const char *s, size_t len)
{
	size_t id = strtab_intern(c->ips, s, len);

	if (id == c->nip) {
		c->ipwin = vec_reserve(c->ipwin, &c->ip_cap, c->nip + 1, sizeof *c->ipwin);
		window_init(&c->ipwin[c->nip++]);
	}
	return id;
}

static void seen(int64_t *first, int64_t *last, int64_t t)
{
	if (*first == NO_TIME || t < *first)
		*first = t;
	if (*last == NO_TIME || t > *last)
		*last = t;
}

/* The start of the local clock hour holding t. */
static int64_t hour_of(int64_t t, struct tz *tz)
{
	int64_t local = t + (tz ? (int64_t)tz_offset(tz, t) * MS_PER_SEC : 0);
	int64_t m = local % MS_PER_HOUR;

	if (m < 0)
		m += MS_PER_HOUR;
	return t - m;
}

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* ---- runs ---- */

static void runs_record(const struct checks *c, struct runs *r, uint64_t len,
			int64_t start, int64_t end)
{
	if (len < (uint64_t)c->cfg.run_length)
		return;
	if (len > r->longest)
		r->longest = len;
	r->count++;
	if (r->first == NO_TIME)
		r->first = start;
	r->last = end;
}

/* len errors from start to end, after the open run. */
static void runs_errors(struct runs *r, uint64_t len, int64_t start, int64_t end)
{
	if (len == 0)
		return;
	if (r->len == 0)
		r->start = start;
	r->len += len;
	r->end = end;
	r->fresh = 1;
}

static void runs_success(const struct checks *c, struct runs *r)
{
	if (c->cfg.shard && !r->closed) {
		r->pre_len = r->len;
		r->pre_start = r->start;
		r->pre_end = r->end;
	} else if (r->fresh) {
		runs_record(c, r, r->len, r->start, r->end);
	}
	r->closed = 1;
	r->len = 0;
	r->fresh = 0;
}

/* ---- failed-login windows ---- */

/* The count of pair (ip, user) in the ips' windows, changed by d. */
static uint64_t pair_add(struct checks *c, size_t ip, size_t user, int d)
{
	struct tally_slot *s = tally_get(&c->pairs, (int64_t)((uint64_t)ip << 32 | user));

	s->n = d > 0 ? s->n + 1 : s->n - 1;
	return s->n;
}

static void window_append(struct fail **v, size_t *n, size_t *cap, int64_t t,
			  size_t user)
{
	*v = vec_reserve(*v, cap, *n + 1, sizeof **v);
	(*v)[*n].t = t;
	(*v)[(*n)++].user = user;
}

/* Adds a failure at the back of the window (ip: the ip's id + 1, 0 for a
 * user's window) and drops those a login window older. */
static void window_push(struct checks *c, struct window *w, size_t ip,
			int64_t t, size_t user)
{
	if (w->head && w->head + w->n == w->cap) {
		memmove(w->q, w->q + w->head, w->n * sizeof *w->q);
		w->head = 0;
	}
	w->q = vec_reserve(w->q, &w->cap, w->head + w->n + 1, sizeof *w->q);
	w->q[w->head + w->n].t = t;
	w->q[w->head + w->n++].user = user;
	if (ip && pair_add(c, ip - 1, user, 1) == 1)
		w->distinct++;
	while (w->q[w->head].t <= t - c->cfg.login_window_ms) {
		if (ip && pair_add(c, ip - 1, w->q[w->head].user, -1) == 0)
			w->distinct--;
		w->head++;
		w->n--;
	}
}

/* Judges the window ending with the failure just pushed at t. */
static void window_judge(const struct checks *c, struct window *w, size_t ip,
			 int64_t t)
{
	size_t k = ip ? w->distinct : w->n;
	size_t need = (size_t)(ip ? c->cfg.spray_users : c->cfg.login_failures);

	if (k > w->best)
		w->best = k;
	if (k >= need) {
		if (w->first == NO_TIME)
			w->first = w->q[w->head].t;
		w->last = t;
	}
}

static void window_fail(struct checks *c, struct window *w, size_t ip,
			int64_t t, size_t user)
{
	int deferred = 0;

	if (w->first_fail == NO_TIME)
		w->first_fail = t;
	if (c->cfg.shard && t < w->first_fail + c->cfg.login_window_ms) {
		window_append(&w->pre, &w->npre, &w->pre_cap, t, user);
		deferred = 1;
	}
	w->nproc++;
	window_push(c, w, ip, t, user);
	if (!deferred)
		window_judge(c, w, ip, t);
}

/* Empties the window's queue (and the ip's pair counts). */
static void window_clear(struct checks *c, struct window *w, size_t ip)
{
	if (ip)
		for (size_t i = 0; i < w->n; i++)
			pair_add(c, ip - 1, w->q[w->head + i].user, -1);
	w->head = w->n = 0;
	w->distinct = 0;
}

/* Hands one event, in time order, to the order-sensitive checks. */
static void release(struct checks *c, const struct reorder_item *p)
{
	int64_t t = reorder_key_time(p->key);
	struct runs *r = &c->feat[p->feat].run;

	if (p->key & 1)
		runs_errors(r, 1, t, t);
	else
		runs_success(c, r);
	if (p->failed_login) {
		window_fail(c, &c->user[p->user].win, 0, t, p->user);
		if (p->ip != NO_IP)
			window_fail(c, &c->ipwin[p->ip], (size_t)p->ip + 1, t, p->user);
	}
}

/* Releases every pending event: the end of the input (or of this read). */
static void flush(struct checks *c)
{
	while (reorder_pending(&c->order)) {
		struct reorder_item p = reorder_pop(&c->order);
		release(c, &p);
	}
	reorder_close(&c->order);
}

int checks_event(struct checks *c, const struct check_event *e)
{
	struct feature *f;
	struct user *u;
	size_t fid, uid, ip = NO_ID;
	int err = e->status == CHECK_ERROR;
	int login, failed_login;

	if (e->time < c->cfg.start || e->time >= c->cfg.end)
		return 1;
	fid = feature_id(c, e->feature, e->feature_len);
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
	} else if (e->status == CHECK_CLIENT_ERROR) {
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

	login = strlen(c->login_feature) == e->feature_len &&
		memcmp(c->login_feature, e->feature, e->feature_len) == 0;
	failed_login = login && e->status != CHECK_OK;
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
		uid = user_id(c, e->user, e->user_len);
		u = &c->user[uid];
		u->seen = 1;
		if (failed_login) {
			u->win.nfail++;
			if (e->ip) {
				ip = ip_id(c, e->ip, e->ip_len);
				c->ipwin[ip].nfail++;
			}
		} else {
			u->events++;
			seen(&u->first, &u->last, e->time);
		}
	}

	if (reorder_late(&c->order, e->time)) {
		c->late++;
		return 0;
	}
	if (c->ordered) {
		struct reorder_item p;
		p.key = reorder_key(e->time, err);
		p.feat = (uint32_t)fid;
		p.user = (uint32_t)uid;
		p.ip = ip == NO_ID ? NO_IP : (uint32_t)ip;
		p.failed_login = failed_login;
		reorder_push(&c->order, &p);
	}
	reorder_saw(&c->order, e->time);
	while (reorder_ready(&c->order)) {
		struct reorder_item p = reorder_pop(&c->order);
		release(c, &p);
	}
	return 0;
}

void checks_account(struct checks *c, const struct check_account *a)
{
	size_t id = user_id(c, a->user, a->user_len);	/* may move c->user */
	struct user *u = &c->user[id];

	u->account = 1;
	u->status = a->status;
	u->admin = a->admin;
	u->created = a->created;
	u->last_login = a->last_login;
}

void checks_project(struct checks *c, const struct check_project *p)
{
	size_t id = strtab_intern(c->projects, p->project, p->project_len);
	struct project *x;

	if (id == c->nproj) {
		c->proj = vec_reserve(c->proj, &c->proj_cap, c->nproj + 1, sizeof *c->proj);
		c->proj[c->nproj++].status = NULL;
	}
	x = &c->proj[id];
	free(x->status);
	x->status = NULL;
	if (p->status) {
		const char *s = p->status;
		size_t len = strlen(s);
		trim(&s, &len);
		if (len)
			x->status = xmemdup(s, len);
	}
	x->end = p->end;
}

/* ---- judging ---- */


/* Adds a finding; value and threshold are stolen. */
static void add(struct findings *out, struct tz *tz, enum severity sev,
		enum check_id check, const char *subject, json_t *value,
		json_t *threshold, const char *message, int64_t first,
		int64_t last, long count)
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
	findings_add(out, &x, tz);
}

/* consecutive_failures over one feature's sorted keys.  Events at the
 * same millisecond sort successes first, whatever the input order. */

/* consecutive_failures: the runs judged as they closed, and the open one
 * (the log ends there for now). */
static void judge_runs(struct checks *c, const char *name,
		       const struct feature *f, struct findings *out, struct tz *tz)
{
	struct runs r = f->run;
	char msg[512];

	if (r.fresh)
		runs_record(c, &r, r.len, r.start, r.end);
	if (r.count == 0)
		return;
	snprintf(msg, sizeof msg, "%s failed %llu times in a row (%ld run%s of %ld or more)",
		 name, (unsigned long long)r.longest, r.count, r.count == 1 ? "" : "s",
		 c->cfg.run_length);
	add(out, tz, SEV_CRITICAL, CHECK_CONSECUTIVE_FAILURES, name,
	    jint((long long)r.longest), jint(c->cfg.run_length), msg, r.first,
	    r.last, r.count);
}

static void judge_rate(struct checks *c, const char *name,
		       const struct feature *f, struct findings *out, struct tz *tz)
{
	double rate;
	char msg[512], a[40], b[40];

	if (f->events < (unsigned long)c->cfg.min_events || f->events == 0)
		return;
	rate = (double)f->errors / (double)f->events;
	if (!(rate > c->cfg.error_rate))
		return;
	snprintf(msg, sizeof msg, "%s failed %lu of %lu events (%s%%, limit %s%%)",
		 name, f->errors, f->events, num(a, sizeof a, round(rate * 1000) / 10),
		 num(b, sizeof b, c->cfg.error_rate * 100));
	add(out, tz, SEV_WARNING, CHECK_ERROR_RATE, name, jnum(rate),
	    jnum(c->cfg.error_rate), msg, f->err_first, f->err_last, (long)f->errors);
}

static void judge_latency(struct checks *c, const char *name,
			  struct feature *f, struct findings *out, struct tz *tz)
{
	uint64_t n = f->lat ? quantile_count(f->lat) : 0;
	double p95;
	char msg[512], a[40], b[40];

	if (n == 0 || n < (uint64_t)c->cfg.min_events)
		return;
	p95 = quantile_get(f->lat, 0.95);
	if (!(p95 > c->cfg.latency_ms))
		return;
	snprintf(msg, sizeof msg, "%s p95 latency is %s ms over %llu events (limit %s ms)",
		 name, num(a, sizeof a, p95), (unsigned long long)n,
		 num(b, sizeof b, c->cfg.latency_ms));
	add(out, tz, SEV_WARNING, CHECK_LATENCY_P95, name, jnum(p95),
	    jnum(c->cfg.latency_ms), msg, f->slow_first, f->slow_last, (long)f->slow);
}


/* error_burst: hourly error counts over every clock hour the period
 * touches (hours without errors count as 0); an hour with at least
 * max(burst_min, mean + burst_sd * sd) errors is a burst, and adjacent
 * burst hours make one finding.  Resumed, the baseline reaches back to
 * c->since and only bursts with an error of this read are reported. */
static void judge_bursts(struct checks *c, struct findings *out, struct tz *tz)
{
	int64_t h0, h1, need, from = c->span_start;
	size_t n, i, k;
	uint64_t total = 0;
	double nhours, sumsq = 0, mean, sd, thr;
	struct tally_slot *h;

	if (c->resumed && c->since != NO_TIME && c->since < from)
		from = c->since;
	if (c->hours.n == 0 || from == INT64_MIN || c->span_end == INT64_MAX)
		return;
	h = tally_sorted(&c->hours, &n);
	h0 = hour_of(from, c->cfg.tz);
	h1 = hour_of(c->span_end - 1, c->cfg.tz);
	nhours = floor((double)(h1 - h0) / (double)MS_PER_HOUR) + 1;
	for (i = 0; i < n; i++) {
		total += h[i].n;
		sumsq += (double)h[i].n * (double)h[i].n;
	}
	mean = (double)total / nhours;
	sd = sumsq / nhours - mean * mean;
	sd = sd > 0 ? sqrt(sd) : 0;
	thr = mean + c->cfg.burst_sd * sd;
	need = (int64_t)ceil(thr - 1e-9);
	if (need < c->cfg.burst_min)
		need = c->cfg.burst_min;
	for (i = 0; i < n; i = k) {
		/* one burst: adjacent hours each with >= need errors */
		uint64_t most = 0, sum = 0;
		size_t hours = 0;
		int fresh = 0;
		char msg[512], subject[40], m[40];
		for (k = i; k < n; k++) {
			if ((int64_t)h[k].n < need ||
			    (hours && h[k].key != h[k - 1].key + MS_PER_HOUR))
				break;
			hours++;
			sum += h[k].n;
			fresh |= h[k].fresh;
			if (h[k].n > most)
				most = h[k].n;
		}
		if (hours == 0) {	/* not a burst: skip this hour */
			k = i + 1;
			continue;
		}
		if (c->resumed && !fresh)
			continue;
		when(subject, sizeof subject, h[i].key, tz);
		if (hours == 1)
			snprintf(msg, sizeof msg, "%llu errors in the hour from %s, against an hourly mean of %s (a burst is %lld or more)",
				 (unsigned long long)sum, subject,
				 num(m, sizeof m, round(mean * 10) / 10), (long long)need);
		else
			snprintf(msg, sizeof msg, "%llu errors in the %zu hours from %s (at most %llu in one), against an hourly mean of %s (a burst is %lld or more)",
				 (unsigned long long)sum, hours, subject,
				 (unsigned long long)most,
				 num(m, sizeof m, round(mean * 10) / 10), (long long)need);
		add(out, tz, SEV_WARNING, CHECK_ERROR_BURST, subject, jint((long long)most),
		    jint(need), msg, h[i].lo, h[k - 1].hi, (long)sum);
	}
	free(h);
}

static void gap_finding(struct checks *c, int64_t from, int64_t to,
			struct findings *out, struct tz *tz)
{
	char msg[512], a[40], b[40], h[40], lim[40];

	if (to - from <= c->cfg.gap_ms)
		return;
	when(a, sizeof a, from, tz);
	when(b, sizeof b, to, tz);
	snprintf(msg, sizeof msg, "no events for %s hours, from %s to %s (limit %s hours)",
		 num(h, sizeof h, round((double)(to - from) / 36000.0) / 100), a, b,
		 num(lim, sizeof lim, (double)c->cfg.gap_ms / (double)MS_PER_HOUR));
	add(out, tz, SEV_CRITICAL, CHECK_LOG_GAP, a,
	    jnum((double)(to - from) / (double)MS_PER_HOUR),
	    jnum((double)c->cfg.gap_ms / (double)MS_PER_HOUR), msg, from, to, -1);
}


/* log_gap: the times between consecutive events, and with an explicit
 * period also from its start to the first event and from the last event
 * to its end.  A gap longer than gap_ms cannot lie inside one bucket of
 * gap_ms, so the first and last event of each bucket are enough.
 * Resumed, the newest event of earlier reads is one more point, and only
 * gaps that end after it are reported. */
static void judge_gaps(struct checks *c, struct findings *out, struct tz *tz)
{
	struct tally_slot *g;
	size_t n, i;
	int64_t prev;

	g = tally_sorted(&c->gaps, &n);
	if (c->resumed)
		prev = n ? g[0].lo : NO_TIME;
	else if (c->cfg.start != INT64_MIN)
		prev = c->cfg.start;
	else
		prev = n ? g[0].lo : NO_TIME;
	if (prev == NO_TIME) {
		free(g);
		return;
	}
	for (i = 0; i < n; i++) {
		if (!c->resumed || g[i].lo > c->prev_newest)
			gap_finding(c, prev, g[i].lo, out, tz);
		prev = g[i].hi;
	}
	if (c->cfg.end != INT64_MAX)
		gap_finding(c, prev, c->cfg.end, out, tz);
	free(g);
}

/* failed_logins.  A window is half-open: failures at t and t + window are
 * not in the same window.  The windows were judged as failures were
 * released; what is left is to report. */
static void judge_logins(struct checks *c, struct findings *out, struct tz *tz)
{
	char msg[512], win[40];
	size_t i;

	duration(win, sizeof win, c->cfg.login_window_ms);
	for (i = 0; i < c->nuser; i++) {
		const struct window *w = &c->user[i].win;
		const char *name = strtab_str(c->users, i);
		if (w->best < (size_t)c->cfg.login_failures)
			continue;
		snprintf(msg, sizeof msg, "%s failed to log in %zu times within %s (limit %ld)",
			 name, w->best, win, c->cfg.login_failures);
		add(out, tz, SEV_WARNING, CHECK_FAILED_LOGINS, name, jint((long long)w->best),
		    jint(c->cfg.login_failures), msg, w->first, w->last, (long)w->nfail);
	}
	for (i = 0; i < c->nip; i++) {
		const struct window *w = &c->ipwin[i];
		const char *ip = strtab_str(c->ips, i);
		if (w->best < (size_t)c->cfg.spray_users)
			continue;
		snprintf(msg, sizeof msg, "%s failed logins for %zu different users within %s (password spraying; limit %ld)",
			 ip, w->best, win, c->cfg.spray_users);
		add(out, tz, SEV_CRITICAL, CHECK_FAILED_LOGINS, ip, jint((long long)w->best),
		    jint(c->cfg.spray_users), msg, w->first, w->last, (long)w->nfail);
	}
}

/* stale_account / dormant_admin for one active account: a finding when
 * its last activity (event or last_login) is more than days before ref,
 * or when it was never used and was created more than days before ref. */
static void judge_idle(enum check_id check, long days,
		       const char *name, const struct user *u, int64_t ref,
		       struct findings *out, struct tz *tz)
{
	int64_t last = u->events ? u->last : NO_TIME;
	int64_t limit = ref - (int64_t)days * MS_PER_DAY;
	const char *who = check == CHECK_DORMANT_ADMIN ? "administrator " : "";
	enum severity sev = check == CHECK_DORMANT_ADMIN ? SEV_WARNING : SEV_INFO;
	char msg[512], d[40];

	if (u->prev_last != NO_TIME && (last == NO_TIME || u->prev_last > last))
		last = u->prev_last;
	if (u->last_login != NO_TIME && (last == NO_TIME || u->last_login > last))
		last = u->last_login;
	if (last != NO_TIME) {
		long long idle = (ref - last) / MS_PER_DAY;
		if (last >= limit)
			return;
		snprintf(msg, sizeof msg, "%s%s has not been active for %lld days (last active %s; limit %ld days)",
			 who, name, idle, date_of(d, sizeof d, last, tz), days);
		add(out, tz, sev, check, name, jint(idle), jint(days), msg,
		    NO_TIME, last, -1);
	} else if (u->created != NO_TIME && u->created < limit) {
		long long idle = (ref - u->created) / MS_PER_DAY;
		snprintf(msg, sizeof msg, "%s%s has never been used since it was created on %s, %lld days ago (limit %ld days)",
			 who, name, date_of(d, sizeof d, u->created, tz), idle, days);
		add(out, tz, sev, check, name, jint(idle), jint(days), msg,
		    NO_TIME, NO_TIME, -1);
	}
}

static void judge_accounts(struct checks *c, int64_t ref, struct findings *out,
			   struct tz *tz)
{
	unsigned run = c->cfg.run;
	size_t i;
	char msg[512];

	for (i = 0; i < c->nuser; i++) {
		const struct user *u = &c->user[i];
		const char *name = strtab_str(c->users, i);
		if (!u->account) {
			if (u->events && (run & CHECK_BIT(CHECK_UNKNOWN_USER))) {
				snprintf(msg, sizeof msg, "%s is not in the accounts file but has %lu event%s",
					 name, u->events, u->events == 1 ? "" : "s");
				add(out, tz, SEV_WARNING, CHECK_UNKNOWN_USER, name,
				    jint((long long)u->events), NULL, msg, u->first,
				    u->last, (long)u->events);
			}
			continue;
		}
		if (u->status != ACCOUNT_ACTIVE) {
			if (u->events && (run & CHECK_BIT(CHECK_DISABLED_ACCOUNT_ACTIVITY))) {
				snprintf(msg, sizeof msg, "account %s is %s but has %lu event%s",
					 name, u->status == ACCOUNT_LOCKED ? "locked" : "disabled",
					 u->events, u->events == 1 ? "" : "s");
				add(out, tz, SEV_CRITICAL, CHECK_DISABLED_ACCOUNT_ACTIVITY,
				    name, jint((long long)u->events), NULL, msg,
				    u->first, u->last, (long)u->events);
			}
			continue;
		}
		if (run & CHECK_BIT(CHECK_STALE_ACCOUNT))
			judge_idle(CHECK_STALE_ACCOUNT, c->cfg.stale_days, name, u,
				   ref, out, tz);
		if (u->admin && (run & CHECK_BIT(CHECK_DORMANT_ADMIN)))
			judge_idle(CHECK_DORMANT_ADMIN, c->cfg.admin_days, name, u,
				   ref, out, tz);
	}
}

static void judge_projects(struct checks *c, int64_t ref, struct findings *out,
			   struct tz *tz)
{
	int64_t limit = ref - (int64_t)c->cfg.expired_days * MS_PER_DAY;
	size_t i;
	char msg[600], d[40], q[96];

	for (i = 0; i < c->nproj; i++) {
		const struct project *p = &c->proj[i];
		const char *name = strtab_str(c->projects, i);
		long long ago;
		if (p->end == NO_TIME || p->end >= limit)
			continue;
		/* SPEC.md: "not archived"; a closed project is still to be
		 * archived */
		if (p->status && text_ieq(p->status, strlen(p->status), "archived"))
			continue;
		ago = (ref - p->end) / MS_PER_DAY;
		if (p->status)
			error_quote(q, sizeof q, p->status, strlen(p->status));
		snprintf(msg, sizeof msg, "project %s ended on %s, %lld days before the period's end, and is not archived (status %s; limit %ld days)",
			 name, date_of(d, sizeof d, p->end, tz), ago,
			 p->status ? q : "empty", c->cfg.expired_days);
		add(out, tz, SEV_INFO, CHECK_EXPIRED_PROJECT, name, jint(ago),
		    jint(c->cfg.expired_days), msg, NO_TIME, NO_TIME, -1);
	}
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
	size_t i;

	flush(c);
	c->span_start = c->cfg.start != INT64_MIN ? c->cfg.start :
			c->events ? c->first : INT64_MIN;
	c->span_end = c->cfg.end != INT64_MAX ? c->cfg.end :
		      c->events ? c->last + 1 : INT64_MAX;
	ref = c->span_end != INT64_MAX ? c->span_end : c->cfg.now;

	for (i = 0; i < c->nfeat; i++) {
		struct feature *f = &c->feat[i];
		const char *name = strtab_str(c->features, i);
		if (run & CHECK_BIT(CHECK_CONSECUTIVE_FAILURES))
			judge_runs(c, name, f, out, tz);
		if (run & CHECK_BIT(CHECK_ERROR_RATE))
			judge_rate(c, name, f, out, tz);
		if (run & CHECK_BIT(CHECK_LATENCY_P95))
			judge_latency(c, name, f, out, tz);
	}
	if (run & CHECK_BIT(CHECK_ERROR_BURST))
		judge_bursts(c, out, tz);
	if (run & CHECK_BIT(CHECK_LOG_GAP))
		judge_gaps(c, out, tz);
	if (run & CHECK_BIT(CHECK_FAILED_LOGINS))
		judge_logins(c, out, tz);
	if (run & CHECKS_NEED_ACCOUNTS)
		judge_accounts(c, ref, out, tz);
	if (run & CHECKS_NEED_PROJECTS)
		judge_projects(c, ref, out, tz);
	findings_sort(out);
	return summary(c);
}

void checks_span(const struct checks *c, int64_t *start, int64_t *end)
{
	*start = c->span_start;
	*end = c->span_end;
}

/* ---- saving and loading the state ---- */

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

	flush(c);
	newest = c->order.newest;	/* INT64_MIN, NO_TIME, when none */
	if (c->prev_newest != NO_TIME && (newest == NO_TIME || c->prev_newest > newest))
		newest = c->prev_newest;
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

/* Merges the window saved as o (a later shard) into w: its first window's
 * failures are judged after w's, then its own judgement is added. */
static void merge_window(struct checks *c, struct rd *r, struct window *w,
			 size_t ip, const json_t *o, const size_t *umap, size_t nu,
			 int resume)
{
	struct fail *pre, *q;
	size_t npre, nq, i;

	pre = load_fails(r, get(r, o, "pre", JSON_ARRAY), umap, nu, &npre);
	q = load_fails(r, get(r, o, "queue", JSON_ARRAY), umap, nu, &nq);
	if (r->bad) {
		free(pre);
		free(q);
		return;
	}
	if (resume) {	/* only the last window goes on */
		window_clear(c, w, ip);
		for (i = 0; i < nq; i++)
			window_push(c, w, ip, q[i].t, q[i].user);
	} else {
		unsigned long nproc = (unsigned long)get_count(r, o, "nproc");
		for (i = 0; i < npre; i++)
			window_fail(c, w, ip, pre[i].t, pre[i].user);
		if (nproc > npre) {
			size_t best = (size_t)get_count(r, o, "best");
			int64_t first = get_time(r, o, "first"), last = get_time(r, o, "last");
			window_clear(c, w, ip);
			for (i = 0; i < nq; i++)
				window_push(c, w, ip, q[i].t, q[i].user);
			if (best > w->best)
				w->best = best;
			if (w->first == NO_TIME)
				w->first = first;
			if (last != NO_TIME)
				w->last = last;
		}
		w->nfail += (unsigned long)get_count(r, o, "nfail");
	}
	free(pre);
	free(q);
}

/* Merges the runs saved as o (a later shard) into f's. */
static void merge_runs(struct checks *c, struct rd *r, struct runs *x,
		       const json_t *o, int resume)
{
	uint64_t len = get_count(r, o, "len"), pre_len = get_count(r, o, "pre_len");
	int64_t start = get_time(r, o, "start"), end = get_time(r, o, "end");
	int closed = get_bool(r, o, "closed");

	if (r->bad)
		return;
	if (resume) {	/* the open run goes on; it was reported already */
		x->len = len;
		x->start = start;
		x->end = end;
		x->fresh = 0;
		x->closed = 1;
		return;
	}
	if (closed) {
		int64_t first = get_time(r, o, "first"), last = get_time(r, o, "last");
		uint64_t longest = get_count(r, o, "longest");
		long count = (long)get_count(r, o, "count");
		runs_errors(x, pre_len, get_time(r, o, "pre_start"), get_time(r, o, "pre_end"));
		runs_success(c, x);
		if (count) {
			if (longest > x->longest)
				x->longest = longest;
			x->count += count;
			if (x->first == NO_TIME)
				x->first = first;
			x->last = last;
		}
		x->len = 0;
		runs_errors(x, len, start, end);
	} else {
		runs_errors(x, len, start, end);
	}
}

int checks_load(struct checks *c, const json_t *st, int resume, struct error *err)
{
	struct rd r = {0};
	json_t *cfg = state_config(c), *a;
	size_t *umap = NULL, nu, i;
	int64_t newest;

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
	if (!resume && !json_is_true(json_object_get(st, "shard"))) {
		error_set(err, NULL, 0, "not a shard's state (made with --emit-state)");
		return -1;
	}
	newest = get_time(&r, st, "newest");
	if (resume) {
		c->resumed = 1;
		c->prev_newest = newest;
		c->since = get_time(&r, st, "since");
		if (newest != NO_TIME) {
			reorder_restart(&c->order, newest);
			tally_see(tally_get(&c->gaps, floor_div(newest, c->cfg.gap_ms)), newest);
		}
		load_slots(&r, get(&r, st, "hours", JSON_ARRAY), &c->hours);
	} else {
		int64_t first = get_time(&r, st, "first"), last = get_time(&r, st, "last");
		c->events += (unsigned long)get_count(&r, st, "events");
		c->errors += (unsigned long)get_count(&r, st, "errors");
		c->client_errors += (unsigned long)get_count(&r, st, "client_errors");
		c->logins_ok += (unsigned long)get_count(&r, st, "logins_ok");
		c->logins_failed += (unsigned long)get_count(&r, st, "logins_failed");
		c->late += (unsigned long)get_count(&r, st, "late");
		if (first != NO_TIME)
			seen(&c->first, &c->last, first);
		if (last != NO_TIME)
			seen(&c->first, &c->last, last);
		if (newest != NO_TIME && (c->order.newest == INT64_MIN ||
					  newest > c->order.newest))
			reorder_restart(&c->order, newest);
		load_latency(&r, get(&r, st, "latency", JSON_ARRAY), c->lat);
		load_slots(&r, get(&r, st, "hours", JSON_ARRAY), &c->hours);
		load_slots(&r, get(&r, st, "gaps", JSON_ARRAY), &c->gaps);
	}
	a = get(&r, st, "features", JSON_ARRAY);
	for (i = 0; !r.bad && i < json_array_size(a); i++) {
		json_t *x = json_array_get(a, i);
		json_t *name = get(&r, x, "name", JSON_STRING);
		struct feature *f;
		size_t id;
		if (r.bad)
			break;
		id = feature_id(c, json_string_value(name), json_string_length(name));
		f = &c->feat[id];
		if (!resume) {
			int64_t t;
			f->events += (unsigned long)get_count(&r, x, "events");
			f->errors += (unsigned long)get_count(&r, x, "errors");
			f->slow += (unsigned long)get_count(&r, x, "slow");
			if ((t = get_time(&r, x, "err_first")) != NO_TIME)
				seen(&f->err_first, &f->err_last, t);
			if ((t = get_time(&r, x, "err_last")) != NO_TIME)
				seen(&f->err_first, &f->err_last, t);
			if ((t = get_time(&r, x, "slow_first")) != NO_TIME)
				seen(&f->slow_first, &f->slow_last, t);
			if ((t = get_time(&r, x, "slow_last")) != NO_TIME)
				seen(&f->slow_first, &f->slow_last, t);
			if (json_array_size(json_object_get(x, "latency"))) {
				if (!f->lat)
					f->lat = quantile_new();
				load_latency(&r, json_object_get(x, "latency"), f->lat);
			}
		}
		merge_runs(c, &r, &f->run, get(&r, x, "run", JSON_OBJECT), resume);
	}
	a = get(&r, st, "users", JSON_ARRAY);
	nu = json_array_size(a);
	umap = xreallocarray(NULL, nu + 1, sizeof *umap);
	for (i = 0; !r.bad && i < nu; i++) {
		json_t *name = get(&r, json_array_get(a, i), "name", JSON_STRING);
		if (!r.bad)
			umap[i] = user_id(c, json_string_value(name), json_string_length(name));
	}
	for (i = 0; !r.bad && i < nu; i++) {
		json_t *x = json_array_get(a, i);
		struct user *u = &c->user[umap[i]];
		int64_t last = get_time(&r, x, "last");
		if (resume) {
			if (last != NO_TIME && (u->prev_last == NO_TIME || last > u->prev_last))
				u->prev_last = last;
		} else {
			unsigned long n = (unsigned long)get_count(&r, x, "events");
			int64_t first = get_time(&r, x, "first");
			u->seen |= get_bool(&r, x, "seen");
			u->events += n;
			if (n && first != NO_TIME && last != NO_TIME) {
				seen(&u->first, &u->last, first);
				seen(&u->first, &u->last, last);
			}
		}
		merge_window(c, &r, &u->win, 0, get(&r, x, "window", JSON_OBJECT),
			     umap, nu, resume);
	}
	a = get(&r, st, "ips", JSON_ARRAY);
	for (i = 0; !r.bad && i < json_array_size(a); i++) {
		json_t *x = json_array_get(a, i);
		json_t *name = get(&r, x, "name", JSON_STRING);
		size_t id;
		if (r.bad)
			break;
		id = ip_id(c, json_string_value(name), json_string_length(name));
		merge_window(c, &r, &c->ipwin[id], id + 1,
			     get(&r, x, "window", JSON_OBJECT), umap, nu, resume);
	}
	free(umap);
	if (r.bad) {
		error_set(err, NULL, 0, "a bad or truncated state of inspect");
		return -1;
	}
	return 0;
}
