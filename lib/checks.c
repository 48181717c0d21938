/* checks: the inspect checks.  Users, features, ips and projects are
 * interned to dense ids; per feature the events are kept as a vector of
 * packed keys (time * 2 + error bit, 8 bytes an event) and sorted once at
 * the end, so runs, bursts and gaps are judged in time order however the
 * input was ordered.  Failed logins are kept as (time, user, ip) triples.
 * Memory therefore grows with the events of the period (8 bytes each, 24
 * more per failed login); everything else grows with distinct names. */
#include "checks.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "envelope.h"
#include "quantile.h"
#include "strtab.h"
#include "xalloc.h"

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
	json_t *a = json_array();
	size_t i;

	if (!a) {
		fputs("upkeep: out of memory\n", stderr);
		exit(2);
	}
	for (i = 0; i < CHECK_COUNT; i++)
		if (mask & CHECK_BIT(i))
			json_array_append_new(a, jstr(check_names[i]));
	return a;
}

static void trim(const char **s, size_t *len)
{
	while (*len && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*len)--;
	}
	while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		(*len)--;
}

/* s[0..len) equals the lower-case ASCII word w, ignoring ASCII case. */
static int word_is(const char *s, size_t len, const char *w)
{
	size_t i;

	if (strlen(w) != len)
		return 0;
	for (i = 0; i < len; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != w[i])
			return 0;
	}
	return 1;
}

static int word_in(const char *s, size_t len, const char *const *words)
{
	for (; *words; words++)
		if (word_is(s, len, *words))
			return 1;
	return 0;
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

int checks_status_parse(const char *s, size_t len, enum check_status *st)
{
	static const char *const ok[] = { "ok", "success", "true", NULL };
	static const char *const bad[] = { "error", "fail", "failure", "false", NULL };
	size_t i;

	trim(&s, &len);
	if (len == 0)
		return -1;
	for (i = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i == len) {
		long v = 0;
		for (i = 0; i < len; i++) {
			v = v * 10 + (s[i] - '0');
			if (v >= 1000)	/* no overflow: >= 500 either way */
				break;
		}
		*st = v >= 500 ? CHECK_ERROR : v >= 400 ? CHECK_CLIENT_ERROR : CHECK_OK;
		return 0;
	}
	if (word_in(s, len, ok)) {
		*st = CHECK_OK;
		return 0;
	}
	if (word_in(s, len, bad)) {
		*st = CHECK_ERROR;
		return 0;
	}
	return -1;
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
	ev->latency_ms = NAN;
	s = field(rec, CHECKS_EV_LATENCY, &len);
	if (s)
		trim(&s, &len);
	if (s && len) {
		char buf[64], *end;
		double v;
		if (len >= sizeof buf)
			return bad_value(why, size, "latency_ms", "cannot parse", s, len);
		memcpy(buf, s, len);
		buf[len] = '\0';
		v = strtod(buf, &end);
		if (end == buf || *end != '\0' || !isfinite(v) || v < 0)
			return bad_value(why, size, "latency_ms", "cannot parse", s, len);
		ev->latency_ms = v;
	}
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
	static const char *const admin[] = { "admin", "administrator", NULL };
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
		a->admin = word_in(s, len, admin);
	}
	a->status = ACCOUNT_ACTIVE;
	s = field(rec, CHECKS_AC_STATUS, &len);
	if (s)
		trim(&s, &len);
	if (s && len) {
		if (word_is(s, len, "active"))
			a->status = ACCOUNT_ACTIVE;
		else if (word_is(s, len, "disabled"))
			a->status = ACCOUNT_DISABLED;
		else if (word_is(s, len, "locked"))
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

struct feature {
	int64_t *keys;		/* time * 2 + error bit; |time| < 2^62 */
	size_t n, cap;
	unsigned long events, errors;
	int64_t err_first, err_last;
	struct quantile *lat;	/* NULL until a latency is seen */
	unsigned long slow;	/* latencies above the limit */
	int64_t slow_first, slow_last;
};

struct user {
	int seen;		/* any event in the period */
	unsigned long events;	/* events other than failed logins */
	int64_t first, last;	/* of those events */
	int account;		/* in the accounts file */
	enum account_status status;
	int admin;
	int64_t created, last_login;
};

struct failure {		/* a failed login */
	int64_t t;
	size_t user, ip;	/* ip NO_ID: none */
};

struct project {
	char *status;		/* NULL: none */
	int64_t end;
};

struct checks {
	struct checks_config cfg;
	char *login_feature;
	struct strtab *features, *users, *ips, *projects;
	struct feature *feat;
	size_t nfeat, feat_cap;
	struct user *user;
	size_t nuser, user_cap;
	struct failure *fail;
	size_t nfail, fail_cap;
	struct project *proj;
	size_t nproj, proj_cap;
	unsigned long events, errors, client_errors, logins_ok, logins_failed;
	struct quantile *lat;
	int64_t first, last;	/* of the events in the period */
	int64_t span_start, span_end;
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
	return c;
}

void checks_free(struct checks *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->nfeat; i++) {
		free(c->feat[i].keys);
		quantile_free(c->feat[i].lat);
	}
	for (i = 0; i < c->nproj; i++)
		free(c->proj[i].status);
	free(c->feat);
	free(c->user);
	free(c->fail);
	free(c->proj);
	strtab_free(c->features);
	strtab_free(c->users);
	strtab_free(c->ips);
	strtab_free(c->projects);
	quantile_free(c->lat);
	free(c->login_feature);
	free(c);
}

static struct feature *feature_get(struct checks *c, const char *s, size_t len)
{
	size_t id = strtab_intern(c->features, s, len);

	if (id == c->nfeat) {	/* ids are dense: a new one is the next */
		struct feature *f;
		c->feat = vec_reserve(c->feat, &c->feat_cap, c->nfeat + 1, sizeof *c->feat);
		f = &c->feat[c->nfeat++];
		memset(f, 0, sizeof *f);
		f->err_first = f->err_last = NO_TIME;
		f->slow_first = f->slow_last = NO_TIME;
	}
	return &c->feat[id];
}

static size_t user_id(struct checks *c, const char *s, size_t len)
{
	size_t id = strtab_intern(c->users, s, len);

	if (id == c->nuser) {
		struct user *u;
		c->user = vec_reserve(c->user, &c->user_cap, c->nuser + 1, sizeof *c->user);
		u = &c->user[c->nuser++];
		memset(u, 0, sizeof *u);
		u->first = u->last = NO_TIME;
		u->created = u->last_login = NO_TIME;
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

int checks_event(struct checks *c, const struct check_event *e)
{
	struct feature *f;
	struct user *u;
	size_t uid;
	int err = e->status == CHECK_ERROR;
	int login, failed_login;

	if (e->time < c->cfg.start || e->time >= c->cfg.end)
		return 1;
	f = feature_get(c, e->feature, e->feature_len);
	f->keys = vec_reserve(f->keys, &f->cap, f->n + 1, sizeof *f->keys);
	f->keys[f->n++] = e->time * 2 + err;
	f->events++;
	c->events++;
	if (err) {
		f->errors++;
		c->errors++;
		seen(&f->err_first, &f->err_last, e->time);
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

	uid = user_id(c, e->user, e->user_len);
	u = &c->user[uid];
	u->seen = 1;
	login = strlen(c->login_feature) == e->feature_len &&
		memcmp(c->login_feature, e->feature, e->feature_len) == 0;
	failed_login = login && e->status != CHECK_OK;
	if (login) {
		if (failed_login)
			c->logins_failed++;
		else
			c->logins_ok++;
	}
	if (failed_login) {
		struct failure *x;
		c->fail = vec_reserve(c->fail, &c->fail_cap, c->nfail + 1, sizeof *c->fail);
		x = &c->fail[c->nfail++];
		x->t = e->time;
		x->user = uid;
		x->ip = e->ip ? strtab_intern(c->ips, e->ip, e->ip_len) : NO_ID;
	} else {
		u->events++;
		seen(&u->first, &u->last, e->time);
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

static int64_t key_time(int64_t k)
{
	return (k - (k & 1)) / 2;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

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
static void judge_runs(struct checks *c, const char *name,
		       const struct feature *f, struct findings *out, struct tz *tz)
{
	size_t i, run = 0, longest = 0;
	long runs = 0;
	int64_t start = 0, first = NO_TIME, last = NO_TIME;
	char msg[512];

	for (i = 0; i <= f->n; i++) {
		if (i < f->n && (f->keys[i] & 1)) {
			if (run++ == 0)
				start = key_time(f->keys[i]);
			if (run > longest)
				longest = run;
			continue;
		}
		if (run >= (size_t)c->cfg.run_length) {
			runs++;
			if (first == NO_TIME)
				first = start;
			last = key_time(f->keys[i - 1]);
		}
		run = 0;
	}
	if (runs == 0)
		return;
	snprintf(msg, sizeof msg, "%s failed %zu times in a row (%ld run%s of %ld or more)",
		 name, longest, runs, runs == 1 ? "" : "s", c->cfg.run_length);
	add(out, tz, SEV_CRITICAL, CHECK_CONSECUTIVE_FAILURES, name,
	    jint((long long)longest), jint(c->cfg.run_length), msg, first, last, runs);
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

/* The start of the local clock hour holding t. */
static int64_t hour_of(int64_t t, struct tz *tz)
{
	int64_t local = t + (tz ? (int64_t)tz_offset(tz, t) * MS_PER_SEC : 0);
	int64_t m = local % MS_PER_HOUR;

	if (m < 0)
		m += MS_PER_HOUR;
	return t - m;
}

/* error_burst: hourly error counts over every clock hour the period
 * touches (hours without errors count as 0); an hour with at least
 * max(burst_min, mean + burst_sd * sd) errors is a burst, and adjacent
 * burst hours make one finding. */
static void judge_bursts(struct checks *c, struct findings *out, struct tz *tz)
{
	int64_t *t, h0, h1, need;
	size_t n = 0, i, j, k;
	double nhours, sumsq = 0, mean, sd, thr;

	if (c->errors == 0 || c->span_start == INT64_MIN || c->span_end == INT64_MAX)
		return;
	t = xreallocarray(NULL, c->errors, sizeof *t);
	for (i = 0; i < c->nfeat; i++)
		for (j = 0; j < c->feat[i].n; j++)
			if (c->feat[i].keys[j] & 1)
				t[n++] = key_time(c->feat[i].keys[j]);
	qsort(t, n, sizeof *t, cmp_i64);
	h0 = hour_of(c->span_start, tz);
	h1 = hour_of(c->span_end - 1, tz);
	nhours = floor((double)(h1 - h0) / (double)MS_PER_HOUR) + 1;
	for (i = 0; i < n; i = j) {
		int64_t h = hour_of(t[i], tz);
		for (j = i; j < n && hour_of(t[j], tz) == h; j++)
			;
		sumsq += (double)(j - i) * (double)(j - i);
	}
	mean = (double)n / nhours;
	sd = sumsq / nhours - mean * mean;
	sd = sd > 0 ? sqrt(sd) : 0;
	thr = mean + c->cfg.burst_sd * sd;
	need = (int64_t)ceil(thr - 1e-9);
	if (need < c->cfg.burst_min)
		need = c->cfg.burst_min;
	for (i = 0; i < n; i = k) {
		/* one burst: adjacent hours each with >= need errors */
		size_t hours = 0, most = 0;
		int64_t h = hour_of(t[i], tz), prev = 0;
		char msg[512], subject[40], m[40];
		for (k = i; k < n; k = j) {
			int64_t hk = hour_of(t[k], tz);
			for (j = k; j < n && hour_of(t[j], tz) == hk; j++)
				;
			if ((int64_t)(j - k) < need || (hours && hk != prev + MS_PER_HOUR))
				break;
			hours++;
			prev = hk;
			if (j - k > most)
				most = j - k;
		}
		if (hours == 0) {	/* not a burst: skip this hour */
			for (k = i; k < n && hour_of(t[k], tz) == h; k++)
				;
			continue;
		}
		when(subject, sizeof subject, h, tz);
		if (hours == 1)
			snprintf(msg, sizeof msg, "%zu errors in the hour from %s, against an hourly mean of %s (a burst is %lld or more)",
				 k - i, subject, num(m, sizeof m, round(mean * 10) / 10),
				 (long long)need);
		else
			snprintf(msg, sizeof msg, "%zu errors in the %zu hours from %s (at most %zu in one), against an hourly mean of %s (a burst is %lld or more)",
				 k - i, hours, subject, most, num(m, sizeof m, round(mean * 10) / 10),
				 (long long)need);
		add(out, tz, SEV_WARNING, CHECK_ERROR_BURST, subject, jint((long long)most),
		    jint(need), msg, t[i], t[k - 1], (long)(k - i));
	}
	free(t);
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
 * to its end. */
static void judge_gaps(struct checks *c, struct findings *out, struct tz *tz)
{
	int64_t *t = NULL, prev;
	size_t n = 0, i, j;

	if (c->events) {
		t = xreallocarray(NULL, c->events, sizeof *t);
		for (i = 0; i < c->nfeat; i++)
			for (j = 0; j < c->feat[i].n; j++)
				t[n++] = key_time(c->feat[i].keys[j]);
		qsort(t, n, sizeof *t, cmp_i64);
	}
	if (c->cfg.start != INT64_MIN)
		prev = c->cfg.start;
	else if (n)
		prev = t[0];
	else
		return;
	for (i = 0; i < n; i++) {
		gap_finding(c, prev, t[i], out, tz);
		prev = t[i];
	}
	if (c->cfg.end != INT64_MAX)
		gap_finding(c, prev, c->cfg.end, out, tz);
	free(t);
}

static int cmp_by_user(const void *a, const void *b)
{
	const struct failure *x = a, *y = b;

	if (x->user != y->user)
		return x->user < y->user ? -1 : 1;
	return (x->t > y->t) - (x->t < y->t);
}

static int cmp_by_ip(const void *a, const void *b)
{
	const struct failure *x = a, *y = b;

	if (x->ip != y->ip)
		return x->ip < y->ip ? -1 : 1;
	return (x->t > y->t) - (x->t < y->t);
}

/* failed_logins.  A window is half-open: failures at t and t + window are
 * not in the same window. */
static void judge_logins(struct checks *c, struct findings *out, struct tz *tz)
{
	const int64_t w = c->cfg.login_window_ms;
	struct failure *x = c->fail;
	size_t n = c->nfail, a, b, i, j;
	size_t *cnt;
	char msg[512], win[40];

	if (n == 0)
		return;
	duration(win, sizeof win, w);
	qsort(x, n, sizeof *x, cmp_by_user);
	for (a = 0; a < n; a = b) {
		size_t best = 0;
		int64_t first = NO_TIME, last = NO_TIME;
		const char *name = strtab_str(c->users, x[a].user);
		for (b = a; b < n && x[b].user == x[a].user; b++)
			;
		for (i = a, j = a; j < b; j++) {
			while (x[j].t - x[i].t >= w)
				i++;
			if (j - i + 1 > best)
				best = j - i + 1;
			if (j - i + 1 >= (size_t)c->cfg.login_failures) {
				if (first == NO_TIME)
					first = x[i].t;
				last = x[j].t;
			}
		}
		if (best < (size_t)c->cfg.login_failures)
			continue;
		snprintf(msg, sizeof msg, "%s failed to log in %zu times within %s (limit %ld)",
			 name, best, win, c->cfg.login_failures);
		add(out, tz, SEV_WARNING, CHECK_FAILED_LOGINS, name, jint((long long)best),
		    jint(c->cfg.login_failures), msg, first, last, (long)(b - a));
	}

	/* password spraying: distinct users per ip in a sliding window */
	cnt = xcalloc(c->nuser ? c->nuser : 1, sizeof *cnt);
	qsort(x, n, sizeof *x, cmp_by_ip);
	for (a = 0; a < n && x[a].ip != NO_ID; a = b) {
		size_t best = 0, distinct = 0;
		int64_t first = NO_TIME, last = NO_TIME;
		const char *ip = strtab_str(c->ips, x[a].ip);
		for (b = a; b < n && x[b].ip == x[a].ip; b++)
			;
		for (i = a, j = a; j < b; j++) {
			if (cnt[x[j].user]++ == 0)
				distinct++;
			while (x[j].t - x[i].t >= w) {
				if (--cnt[x[i].user] == 0)
					distinct--;
				i++;
			}
			if (distinct > best)
				best = distinct;
			if (distinct >= (size_t)c->cfg.spray_users) {
				if (first == NO_TIME)
					first = x[i].t;
				last = x[j].t;
			}
		}
		for (; i < b; i++)
			cnt[x[i].user]--;
		if (best < (size_t)c->cfg.spray_users)
			continue;
		snprintf(msg, sizeof msg, "%s failed logins for %zu different users within %s (password spraying; limit %ld)",
			 ip, best, win, c->cfg.spray_users);
		add(out, tz, SEV_CRITICAL, CHECK_FAILED_LOGINS, ip, jint((long long)best),
		    jint(c->cfg.spray_users), msg, first, last, (long)(b - a));
	}
	free(cnt);
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
	/* SPEC.md: "not archived"; a closed project is still to be archived */
	static const char *const closed[] = { "archived", NULL };
	int64_t limit = ref - (int64_t)c->cfg.expired_days * MS_PER_DAY;
	size_t i;
	char msg[600], d[40], q[96];

	for (i = 0; i < c->nproj; i++) {
		const struct project *p = &c->proj[i];
		const char *name = strtab_str(c->projects, i);
		long long ago;
		if (p->end == NO_TIME || p->end >= limit)
			continue;
		if (p->status && word_in(p->status, strlen(p->status), closed))
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
	json_t *s = json_object();
	size_t i, users = 0;
	uint64_t n = quantile_count(c->lat);

	if (!s) {
		fputs("upkeep: out of memory\n", stderr);
		exit(2);
	}
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
	return s;
}

json_t *checks_finish(struct checks *c, struct findings *out, struct tz *tz)
{
	unsigned run = c->cfg.run;
	int64_t ref;
	size_t i;

	c->span_start = c->cfg.start != INT64_MIN ? c->cfg.start :
			c->events ? c->first : INT64_MIN;
	c->span_end = c->cfg.end != INT64_MAX ? c->cfg.end :
		      c->events ? c->last + 1 : INT64_MAX;
	ref = c->span_end != INT64_MAX ? c->span_end : c->cfg.now;

	for (i = 0; i < c->nfeat; i++) {
		struct feature *f = &c->feat[i];
		const char *name = strtab_str(c->features, i);
		qsort(f->keys, f->n, sizeof *f->keys, cmp_i64);
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
