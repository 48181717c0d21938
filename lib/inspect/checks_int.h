/* checks_int.h: what the files of the checks module share, not for
 * other modules: struct checks and the per-feature, per-user and per-ip
 * state it holds, and the functions one file calls in another.  The
 * small helpers are inline: checks_event calls them once an event. */
#ifndef UPKEEP_CHECKS_INT_H
#define UPKEEP_CHECKS_INT_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/text.h"
#include "inspect/checks.h"
#include "inspect/late.h"
#include "inspect/reorder.h"
#include "inspect/tally.h"
#include "io/finding.h"
#include "base/tz.h"

#define NO_TIME FINDING_NO_TIME
#define NO_ID ((size_t)-1)
/* reorder_item.ip of an event without one */
#define NO_IP UINT32_MAX

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
	int64_t until;		/* checks_until */
	int ref_now;		/* ages are counted at cfg.now (a running
				   period, a log followed with --state) */
	struct tally hours;	/* error_burst: local clock hour -> errors */
	struct tally gaps;	/* log_gap: time / gap_ms -> first, last */
	struct tally pairs;	/* (ip, user) -> failures in the ip's window */
	struct reorder order;	/* the order-sensitive checks' window */
	int ordered;		/* an order-sensitive check runs */
	struct late late_ev;	/* the events that came out of order */
	uint64_t seq;		/* events of the period fed, in input order */
	uint64_t replay_seq;	/* checks_replay_event: those fed again */
	uint64_t released;	/* events the window has released */
	int replaying;		/* a second reading is under way */
	int late_judged;	/* the late events were judged in order */
	int resumed;		/* state of earlier reads loaded */
	int64_t prev_newest;	/* resumed: newest event of earlier reads */
	int64_t since;		/* resumed: error_burst's baseline start */
};

static inline void window_init(struct window *w)
{
	memset(w, 0, sizeof *w);
	w->first_fail = w->first = w->last = NO_TIME;
}

static inline void runs_init(struct runs *r)
{
	memset(r, 0, sizeof *r);
	r->first = r->last = NO_TIME;
}

static inline void window_release(struct window *w)
{
	free(w->q);
	free(w->pre);
}

/* Widens [*first, *last] (NO_TIME: nothing yet) to t. */
static inline void seen(int64_t *first, int64_t *last, int64_t t)
{
	if (*first == NO_TIME || t < *first)
		*first = t;
	if (*last == NO_TIME || t > *last)
		*last = t;
}

/* The start of the local clock hour holding t (tz_hour_start; NULL:
 * UTC). */
static inline int64_t hour_of(int64_t t, struct tz *tz)
{
	int64_t m;

	if (tz)
		return tz_hour_start(tz, t);
	m = t % MS_PER_HOUR;
	return m < 0 ? t - m - MS_PER_HOUR : t - m;
}

/* The start of the clock hour after the one holding t. */
static inline int64_t hour_next(int64_t t, struct tz *tz)
{
	return tz ? tz_hour_next(tz, t) : hour_of(t, NULL) + MS_PER_HOUR;
}

static inline int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Values are trimmed of TEXT_BLANKS (space, tab) only: a value ending in
 * a CR (a quoted CSV field, a JSON string, where the reader leaves it)
 * would otherwise read differently: role "admin\r" would make an
 * administrator, status "locked\r" or an account's time "\r" would be
 * accepted instead of rejected, project status "archived\r" would close
 * the project. */
static inline void trim_blanks(const char **s, size_t *len)
{
	text_strip(s, len, TEXT_BLANKS);
}

/* checks_merge.c */
/* The newest event time of c, earlier reads' too (NO_TIME: none). */
int64_t checks_newest(const struct checks *c);

/* checks.c */
/* The dense id of a feature, user or ip, its state added when new (which
 * may move c->feat, c->user, c->ipwin). */
size_t checks_feature_id(struct checks *c, const char *s, size_t len);
size_t checks_user_id(struct checks *c, const char *s, size_t len);
size_t checks_ip_id(struct checks *c, const char *s, size_t len);
/* Adds a finding; value and threshold are stolen. */
void checks_finding(struct findings *out, struct tz *tz, enum severity sev,
		    enum check_id check, const char *subject, json_t *value,
		    json_t *threshold, const char *message, int64_t first,
		    int64_t last, long count, json_t *data);

/* check_events.c */
/* Hands one event, in time order, to the order-sensitive checks. */
void checks_release(struct checks *c, const struct reorder_item *p);
/* Forgets what the order-sensitive checks have judged (the runs, the
 * login windows), for a second reading in time order. */
void checks_order_reset(struct checks *c);
/* len errors from start to end, after the open run. */
void checks_runs_errors(struct runs *r, uint64_t len, int64_t start, int64_t end);
/* A success: the open run closes (and is judged). */
void checks_runs_success(const struct checks *c, struct runs *r);
/* The login windows: a user's (ip 0) or an ip's (ip: its id + 1).
 * checks_window_push adds a failure at the back and drops those a login
 * window older; checks_window_fail does that and judges the window;
 * checks_window_clear empties it. */
void checks_window_push(struct checks *c, struct window *w, size_t ip,
			int64_t t, size_t user);
void checks_window_fail(struct checks *c, struct window *w, size_t ip,
			int64_t t, size_t user);
void checks_window_clear(struct checks *c, struct window *w, size_t ip);
/* The findings of the checks of the event log in cfg.run. */
void checks_judge_events(struct checks *c, struct findings *out, struct tz *tz);

/* check_accounts.c: the account and project checks; ref is the end of
 * what is judged (checks_until), now while the period runs. */
void checks_judge_accounts(struct checks *c, int64_t ref, struct findings *out,
			   struct tz *tz);
void checks_judge_projects(struct checks *c, int64_t ref, struct findings *out,
			   struct tz *tz);

#endif
