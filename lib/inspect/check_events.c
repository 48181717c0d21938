/* check_events: the checks of the event log (consecutive_failures,
 * error_rate, error_burst, latency_p95, log_gap, failed_logins): the
 * order-sensitive state the reordering window hands events to (the open
 * run of each feature, the last login window of each user and ip), and
 * the judging of every event check at the end. */
#include "inspect/checks.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inspect/checks_int.h"
#include "inspect/reorder.h"
#include "inspect/tally.h"
#include "io/jbuild.h"
#include "base/quantile.h"
#include "base/strtab.h"
#include "base/timeparse.h"
#include "base/xalloc.h"

/* ---- numbers and times in messages ---- */

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

/* A figure of a finding's data as its message writes it (num): whole, or
 * rounded to three decimals. */
static json_t *jfig(double v)
{
	return jnum(v == floor(v) ? v : round(v * 1000) / 1000);
}

/* The end of fdata's pairs: a null pointer of the key's type. */
#define FDATA_END ((const char *)NULL)

/* A finding's data: an object with the members given as key, value
 * pairs (values stolen), ending with FDATA_END. */
static json_t *fdata(const char *key, ...)
{
	json_t *d = jobject();
	va_list ap;

	va_start(ap, key);
	for (; key; key = va_arg(ap, const char *))
		jset(d, key, va_arg(ap, json_t *));
	va_end(ap);
	return d;
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
void checks_runs_errors(struct runs *r, uint64_t len, int64_t start, int64_t end)
{
	if (len == 0)
		return;
	if (r->len == 0)
		r->start = start;
	r->len += len;
	r->end = end;
	r->fresh = 1;
}

void checks_runs_success(const struct checks *c, struct runs *r)
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
void checks_window_push(struct checks *c, struct window *w, size_t ip,
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

void checks_window_fail(struct checks *c, struct window *w, size_t ip,
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
	checks_window_push(c, w, ip, t, user);
	if (!deferred)
		window_judge(c, w, ip, t);
}

/* Empties the window's queue (and the ip's pair counts). */
void checks_window_clear(struct checks *c, struct window *w, size_t ip)
{
	if (ip)
		for (size_t i = 0; i < w->n; i++)
			pair_add(c, ip - 1, w->q[w->head + i].user, -1);
	w->head = w->n = 0;
	w->distinct = 0;
}

/* ---- the events in time order ---- */

void checks_release(struct checks *c, const struct reorder_item *p)
{
	int64_t t = reorder_key_time(p->key);
	struct runs *r = &c->feat[p->feat].run;

	if (p->key & 1)		/* reorder_key's tie bit: an error */
		checks_runs_errors(r, 1, t, t);
	else
		checks_runs_success(c, r);
	if (p->failed_login) {
		checks_window_fail(c, &c->user[p->user].win, 0, t, p->user);
		if (p->ip != NO_IP)
			checks_window_fail(c, &c->ipwin[p->ip], (size_t)p->ip + 1, t, p->user);
	}
}

/* The window w as new, but for the failures counted in the period. */
static void window_reset(struct window *w)
{
	unsigned long nfail = w->nfail;

	window_release(w);
	window_init(w);
	w->nfail = nfail;
}

void checks_order_reset(struct checks *c)
{
	size_t i;

	for (i = 0; i < c->nfeat; i++)
		runs_init(&c->feat[i].run);
	for (i = 0; i < c->nuser; i++)
		window_reset(&c->user[i].win);
	for (i = 0; i < c->nip; i++)
		window_reset(&c->ipwin[i]);
	tally_release(&c->pairs);
	reorder_release(&c->order);
	reorder_init(&c->order, c->cfg.reorder_ms);
	c->released = 0;
}

/* ---- judging ---- */

/* consecutive_failures: the runs judged as they closed, and the open one
 * (the log ends there for now).  Events at the same millisecond count
 * successes first, whatever the input order (reorder_key). */
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
	checks_finding(out, tz, SEV_CRITICAL, CHECK_CONSECUTIVE_FAILURES, name,
		       jint((long long)r.longest), jint(c->cfg.run_length), msg,
		       r.first, r.last, r.count,
		       fdata("longest", jint((long long)r.longest),
			     "runs", jint(r.count),
			     "run_length", jint(c->cfg.run_length), FDATA_END));
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
	checks_finding(out, tz, SEV_WARNING, CHECK_ERROR_RATE, name, jnum(rate),
		       jnum(c->cfg.error_rate), msg, f->err_first, f->err_last,
		       (long)f->errors,
		       fdata("errors", jint((long long)f->errors),
			     "events", jint((long long)f->events),
			     "rate_pct", jfig(round(rate * 1000) / 10),
			     "limit_pct", jfig(c->cfg.error_rate * 100), FDATA_END));
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
	checks_finding(out, tz, SEV_WARNING, CHECK_LATENCY_P95, name, jnum(p95),
		       jnum(c->cfg.latency_ms), msg, f->slow_first, f->slow_last,
		       (long)f->slow,
		       fdata("p95_ms", jfig(p95), "events", jint((long long)n),
			     "limit_ms", jfig(c->cfg.latency_ms), FDATA_END));
}


/* error_burst's baseline: the number of clock hours (tz_hour_start) from
 * the one starting at h0 to the one holding to - 1, and the sums of the
 * counts and squared counts of h[0..n) in them; with a calendar only the
 * hours with open time count.  Without one, a span of more than a
 * million hours (bogus times) is counted as elapsed hours. */
static double baseline(const struct checks *c, const struct tally_slot *h, size_t n,
		       int64_t h0, int64_t to, uint64_t *total, double *sumsq)
{
	struct calendar *cal = c->cfg.calendar;
	double nhours = 0;
	int64_t s, e;
	size_t j = 0;

	*total = 0;
	*sumsq = 0;
	if (!cal && (to - h0) / MS_PER_HOUR > 1000000) {
		for (j = 0; j < n; j++) {
			*total += h[j].n;
			*sumsq += (double)h[j].n * (double)h[j].n;
		}
		return floor((double)(hour_of(to - 1, c->cfg.tz) - h0) /
			     (double)MS_PER_HOUR) + 1;
	}
	for (s = h0; s < to; s = e) {
		e = hour_next(s, c->cfg.tz);
		while (j < n && h[j].key < s)
			j++;
		if (cal && calendar_open_ms(cal, s, e) == 0)
			continue;
		nhours++;
		if (j < n && h[j].key == s) {
			*total += h[j].n;
			*sumsq += (double)h[j].n * (double)h[j].n;
		}
	}
	return nhours;
}

/* error_burst: error counts by clock hour of --tz (tz_hour_start) over
 * every clock hour the period touches (hours without errors count as 0;
 * with a calendar, the baseline is the open hours only); an hour with at
 * least max(burst_min, mean + burst_sd * sd) errors is a burst, and
 * adjacent burst hours make one finding.  Resumed, the baseline reaches
 * back to c->since and only bursts with an error of this read are
 * reported. */
static void judge_bursts(struct checks *c, struct findings *out, struct tz *tz)
{
	int64_t h0, to, need, from = c->span_start;
	size_t n, i, k;
	uint64_t total;
	double nhours, sumsq, mean, sd, thr;
	const char *over = c->cfg.calendar ? " over open hours" : "";
	struct tally_slot *h;

	if (c->resumed && c->since != NO_TIME && c->since < from)
		from = c->since;
	if (c->hours.n == 0 || from == INT64_MIN || c->span_end == INT64_MAX)
		return;
	h = tally_sorted(&c->hours, &n);
	h0 = hour_of(from, c->cfg.tz);
	/* a running period: the hours up to now (and any later ones with
	 * errors, from a clock ahead of now) */
	to = c->until;
	if (to < h[n - 1].key + 1)
		to = h[n - 1].key + 1;
	if (to > c->span_end)
		to = c->span_end;
	nhours = baseline(c, h, n, h0, to, &total, &sumsq);
	if (nhours < 1)
		nhours = 1;	/* no open hour: errors against a mean of 0 */
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
			    (hours && h[k].key != hour_next(h[k - 1].key, c->cfg.tz)))
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
			snprintf(msg, sizeof msg, "%llu errors in the hour from %s, against an hourly mean of %s%s (a burst is %lld or more)",
				 (unsigned long long)sum, subject,
				 num(m, sizeof m, round(mean * 10) / 10), over,
				 (long long)need);
		else
			snprintf(msg, sizeof msg, "%llu errors in the %zu hours from %s (at most %llu in one), against an hourly mean of %s%s (a burst is %lld or more)",
				 (unsigned long long)sum, hours, subject,
				 (unsigned long long)most,
				 num(m, sizeof m, round(mean * 10) / 10), over,
				 (long long)need);
		checks_finding(out, tz, SEV_WARNING, CHECK_ERROR_BURST, subject,
			       jint((long long)most), jint(need), msg, h[i].lo,
			       h[k - 1].hi, (long)sum,
			       fdata("errors", jint((long long)sum),
				     "hours", jint((long long)hours),
				     "most", jint((long long)most),
				     "mean", jfig(round(mean * 10) / 10),
				     "open_hours", json_boolean(c->cfg.calendar != NULL),
				     "burst", jint((long long)need), FDATA_END));
	}
	free(h);
}

/* A gap from from to to, as long as the open time between them (all of
 * it without a calendar); still: it reaches now and is not over (since:
 * "its last event" or "the period's start", what from is). */
static void gap_finding(struct checks *c, int64_t from, int64_t to,
			int still, const char *since, struct findings *out,
			struct tz *tz)
{
	char msg[512], a[40], b[40], h[40], lim[40];
	int64_t len = calendar_open_ms(c->cfg.calendar, from, to);
	const char *open = c->cfg.calendar ? "open " : "";

	if (len <= c->cfg.gap_ms)
		return;
	when(a, sizeof a, from, tz);
	when(b, sizeof b, to, tz);
	num(h, sizeof h, round((double)len / 36000.0) / 100);
	num(lim, sizeof lim, (double)c->cfg.gap_ms / (double)MS_PER_HOUR);
	if (still)
		snprintf(msg, sizeof msg, "the log has been silent for %s %shours, since %s at %s, and still is at %s (limit %s %shours)",
			 h, open, since, a, b, lim, open);
	else if (c->cfg.calendar)
		snprintf(msg, sizeof msg, "%s open hours without events, from %s to %s (limit %s open hours)",
			 h, a, b, lim);
	else
		snprintf(msg, sizeof msg, "no events for %s hours, from %s to %s (limit %s hours)",
			 h, a, b, lim);
	checks_finding(out, tz, SEV_CRITICAL, CHECK_LOG_GAP, a,
		       jnum((double)len / (double)MS_PER_HOUR),
		       jnum((double)c->cfg.gap_ms / (double)MS_PER_HOUR), msg, from,
		       to, -1,
		       fdata("hours", jfig(round((double)len / 36000.0) / 100),
			     "to", jstr(b),
			     "limit_hours", jfig((double)c->cfg.gap_ms / (double)MS_PER_HOUR),
			     "open_hours", json_boolean(c->cfg.calendar != NULL),
			     "silent", json_boolean(still),
			     "since", still ? jstr(strcmp(since, "its last event") == 0 ?
						   "last_event" : "period_start")
					    : json_null(), FDATA_END));
}


/* log_gap: the times between consecutive events (their open time, with
 * a calendar), and with an explicit period also from its start to the
 * first event and from the last event to its end, or to now while the
 * period runs (checks_until); with cfg.live from the last event to now in
 * any case, and a gap that reaches now is a log still silent.  A gap
 * longer than gap_ms cannot lie inside one bucket of gap_ms (open time is
 * never longer than the time), so the first and last event of each
 * bucket are enough.  Resumed, the newest event of earlier reads is one
 * more point, and only gaps that end after it are reported. */
static void judge_gaps(struct checks *c, struct findings *out, struct tz *tz)
{
	struct tally_slot *g;
	size_t n, i;
	int64_t prev, to = NO_TIME;

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
			gap_finding(c, prev, g[i].lo, 0, NULL, out, tz);
		prev = g[i].hi;
	}
	if (c->cfg.end != INT64_MAX)
		to = c->until;
	else if (c->cfg.live)
		to = c->cfg.now;
	if (to != NO_TIME)
		gap_finding(c, prev, to, to == c->cfg.now && to != c->cfg.end,
			    n ? "its last event" : "the period's start", out, tz);
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
		checks_finding(out, tz, SEV_WARNING, CHECK_FAILED_LOGINS, name,
			       jint((long long)w->best), jint(c->cfg.login_failures),
			       msg, w->first, w->last, (long)w->nfail,
			       fdata("failures", jint((long long)w->best),
				     "window_s", jfig((double)c->cfg.login_window_ms / 1000.0),
				     "limit", jint(c->cfg.login_failures), FDATA_END));
	}
	for (i = 0; i < c->nip; i++) {
		const struct window *w = &c->ipwin[i];
		const char *ip = strtab_str(c->ips, i);
		if (w->best < (size_t)c->cfg.spray_users)
			continue;
		snprintf(msg, sizeof msg, "%s failed logins for %zu different users within %s (password spraying; limit %ld)",
			 ip, w->best, win, c->cfg.spray_users);
		checks_finding(out, tz, SEV_CRITICAL, CHECK_FAILED_LOGINS, ip,
			       jint((long long)w->best), jint(c->cfg.spray_users),
			       msg, w->first, w->last, (long)w->nfail,
			       fdata("users", jint((long long)w->best),
				     "window_s", jfig((double)c->cfg.login_window_ms / 1000.0),
				     "limit", jint(c->cfg.spray_users), FDATA_END));
	}
}

void checks_judge_events(struct checks *c, struct findings *out, struct tz *tz)
{
	unsigned run = c->cfg.run;
	size_t i;

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
}
