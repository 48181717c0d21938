/* checks: the checks of `inspect` (SPEC.md section 5) over an event log,
 * an account directory and a project list.  Events are fed one at a time,
 * in time order give or take cfg.reorder_ms; checks_finish adds the
 * findings.  Memory grows with distinct names and with time, not with
 * events.  The state can be saved and loaded again, to go on with a
 * growing log or to merge the shards of a log.  Never prints, never exits
 * (except out of memory). */
#ifndef UPKEEP_CHECKS_H
#define UPKEEP_CHECKS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "io/event.h"
#include "io/finding.h"
#include "io/reader.h"
#include "base/calendar.h"
#include "base/timeparse.h"
#include "base/tz.h"

/* The checks, by stable name (checks_name). */
enum check_id {
	CHECK_CONSECUTIVE_FAILURES,
	CHECK_ERROR_RATE,
	CHECK_ERROR_BURST,
	CHECK_LATENCY_P95,
	CHECK_LOG_GAP,
	CHECK_FAILED_LOGINS,
	CHECK_DISABLED_ACCOUNT_ACTIVITY,
	CHECK_UNKNOWN_USER,
	CHECK_STALE_ACCOUNT,
	CHECK_DORMANT_ADMIN,
	CHECK_EXPIRED_PROJECT,
	CHECK_COUNT
};

#define CHECK_BIT(id) (1u << (id))
#define CHECKS_ALL ((1u << CHECK_COUNT) - 1)
/* The checks that need the accounts file, and the projects file. */
#define CHECKS_NEED_ACCOUNTS (CHECK_BIT(CHECK_DISABLED_ACCOUNT_ACTIVITY) | \
	CHECK_BIT(CHECK_UNKNOWN_USER) | CHECK_BIT(CHECK_STALE_ACCOUNT) | \
	CHECK_BIT(CHECK_DORMANT_ADMIN))
#define CHECKS_NEED_PROJECTS CHECK_BIT(CHECK_EXPIRED_PROJECT)

/* "consecutive_failures", ...; NULL for an id out of range. */
const char *checks_name(enum check_id id);
/* Parses a comma-separated list of check names ("error_rate,log_gap") into
 * a mask of CHECK_BIT()s.  Fails (-1, err->msg set) on an unknown or empty
 * name. */
int checks_parse_list(const char *list, unsigned *mask, struct error *err);
/* The names of the checks in mask, in enum order, as a JSON array. */
json_t *checks_names_json(unsigned mask);

/* Thresholds; checks_config_init sets the documented defaults. */
struct checks_config {
	unsigned run;		/* CHECK_BIT()s of the checks to run */
	int64_t start, end;	/* period, ms, half-open; INT64_MIN / INT64_MAX
				   for an open end: the data's span is used */
	int64_t now;		/* ms; a period running at now is judged up
				   to now (period_until); also the reference
				   end for the account and project checks
				   when neither the period nor the data give
				   one (no event at all) */
	int live;		/* the log is followed as it grows (--state):
				   log_gap also judges the silence from the
				   last event to now */
	const char *login_feature;	/* "auth.login"; borrowed */
	long run_length;	/* consecutive_failures: errors in a row, 3 */
	double error_rate;	/* error_rate: fraction, 0.05 (exceeded) */
	long min_events;	/* error_rate, latency_p95: at least, 20 */
	long burst_min;		/* error_burst: errors an hour at least, 10 */
	double burst_sd;	/* error_burst: standard deviations, 3 */
	double latency_ms;	/* latency_p95: limit, 2000 (exceeded) */
	int64_t gap_ms;		/* log_gap: 6 h (exceeded) */
	long login_failures;	/* failed_logins: per user, 5 */
	int64_t login_window_ms;	/* failed_logins: 15 min */
	long spray_users;	/* failed_logins: distinct users per ip, 10 */
	long stale_days;	/* stale_account: 90 */
	long admin_days;	/* dormant_admin: 30 */
	const char *admin_roles;	/* dormant_admin: the roles that are
				   admins, comma-separated (checks_admin_role);
				   NULL: admin, administrator; borrowed, must
				   outlive the checks */
	long expired_days;	/* expired_project: 180 */
	int64_t reorder_ms;	/* consecutive_failures, failed_logins: events
				   up to this much older than the newest one
				   are still put in order, 1 h; older ones are
				   late (checks_late) */
	struct tz *tz;		/* zone of error_burst's clock hours, NULL:
				   UTC; borrowed; give checks_finish the same */
	struct calendar *calendar;	/* log_gap counts only its open time,
				   error_burst's baseline only its open
				   hours; NULL: 24x7; borrowed */
	int shard;		/* the events are one shard of a log, to be
				   saved (checks_state) and merged: runs and
				   windows at its start are kept open */
};

void checks_config_init(struct checks_config *cfg);

enum account_status { ACCOUNT_ACTIVE, ACCOUNT_DISABLED, ACCOUNT_LOCKED };

/* One account of the user directory. */
struct check_account {
	const char *user;
	size_t user_len;
	enum account_status status;
	const char *role;	/* NULL: none */
	size_t role_len;
	int admin;		/* role admin or administrator; checks_account
				   decides again by cfg.admin_roles when set */
	int64_t created;	/* ms, or FINDING_NO_TIME */
	int64_t last_login;	/* ms, or FINDING_NO_TIME */
};

/* One project. */
struct check_project {
	const char *project;
	size_t project_len;
	const char *status;	/* NULL: none; borrowed */
	int64_t end;		/* ms, or FINDING_NO_TIME */
};

/* The columns of accounts and projects, for reader_open, and their
 * indexes (events: io/event.h). */
enum { CHECKS_AC_USER, CHECKS_AC_ROLE, CHECKS_AC_STATUS, CHECKS_AC_CREATED,
       CHECKS_AC_LAST_LOGIN, CHECKS_AC_NCOLS };
enum { CHECKS_PR_PROJECT, CHECKS_PR_STATUS, CHECKS_PR_END, CHECKS_PR_NCOLS };
extern const struct reader_column checks_account_columns[CHECKS_AC_NCOLS];
extern const struct reader_column checks_project_columns[CHECKS_PR_NCOLS];

/* Turn a record read with the columns above into an account or project.
 * The result borrows the record's strings.  Return 0, or -1 with the
 * reason the row is rejected in err->msg ("column \"status\": unknown value
 * \"maybe\""). */
int checks_account_parse(const struct record *rec, const struct timeparser *tp,
			 struct check_account *a, struct error *err);
/* --admin-roles: whether role[0..len) is one of the comma-separated
 * names of roles (NULL: "admin,administrator"), both trimmed of blanks,
 * ASCII case ignored; the whole value is compared, so "site-admin" is
 * no "admin" unless listed. */
#define CHECKS_ADMIN_ROLES "admin,administrator"
int checks_admin_role(const char *roles, const char *role, size_t len);
int checks_project_parse(const struct record *rec, const struct timeparser *tp,
			 struct check_project *p, struct error *err);

struct checks;

/* cfg is copied (login_feature too). */
struct checks *checks_new(const struct checks_config *cfg);
void checks_free(struct checks *c);
/* Feeds one event.  Returns 0 when counted, 1 when it lies outside the
 * period (skipped, counted nowhere).  consecutive_failures and
 * failed_logins see the events in time order (equal times: successes
 * first, then input order) through a window of cfg.reorder_ms: an event
 * older than the newest one seen minus that (or, after checks_state or a
 * loaded state, older than the newest event then) is late.  Late events
 * are kept (inspect/late.h) and judged in time order all the same: when
 * nothing had left the window yet (a log listed newest first) at
 * checks_finish, else by a second reading (checks_replay_begin). */
int checks_event(struct checks *c, const struct event *e);
/* The number of late events. */
unsigned long checks_late(const struct checks *c);
/* After the first reading of every input, when some events were late and
 * others had already been judged: forgets what the order-sensitive
 * checks judged and returns 1; the caller then reads the same inputs
 * again, in the same order, handing every event to checks_replay_event
 * (events beyond those of the first reading are ignored: a log that grew
 * meanwhile), and the late events are merged in time order.  Returns 0
 * when no second reading is needed or possible (nothing late, no
 * order-sensitive check, a loaded state: late events then stay unjudged
 * by those two checks). */
int checks_replay_begin(struct checks *c);
void checks_replay_event(struct checks *c, const struct event *e);
/* Whether the late events were judged in time order (checks_finish
 * done): 0 when some were late and no second reading was made. */
int checks_late_judged(const struct checks *c);
/* Adds an account or a project; a later one of the same name replaces an
 * earlier one. */
void checks_account(struct checks *c, const struct check_account *a);
void checks_project(struct checks *c, const struct check_project *p);

/* Runs the checks of cfg.run, adds their findings to f (then sorts f) with
 * times in zone tz, and returns the summary object {events, users,
 * logins_ok, logins_failed, error_rate, p50_ms, p95_ms, errors,
 * client_errors} (a new reference).  Call once. */
json_t *checks_finish(struct checks *c, struct findings *f, struct tz *tz);
/* The times of the first and the last event fed (NO_TIME, INT64_MIN,
 * when none): what a state saves as "first" and "last". */
void checks_first_last(const struct checks *c, int64_t *first, int64_t *last);
/* The period judged: cfg's ends, an open end replaced by the data's span
 * [first event, last event + 1 ms); INT64_MIN / INT64_MAX when unknown (no
 * event).  Valid after checks_finish. */
void checks_span(const struct checks *c, int64_t *start, int64_t *end);
/* The end of what was judged: cfg.now when the period given runs at now
 * (period_until), else the end of checks_span.  log_gap measures up to it
 * and the account and project ages are counted at it; events after it
 * (a clock ahead of now) still count. */
int64_t checks_until(const struct checks *c);
/* Finishes the inspection into doc, an envelope (io/envelope.h):
 * checks_finish's "summary" (its "users" null when users_unknown: no
 * event named a user, as in an access log without authentication), the
 * period judged (checks_span, and checks_until as "until"), "checks" (the names of cfg.run) and
 * "findings".  Returns the findings, for -q and --fail-on; the caller
 * frees them.  Call instead of checks_finish, once. */
struct findings *checks_document(struct checks *c, json_t *doc, int users_unknown);

/* The state after the events fed so far (a new reference): counts, exact
 * latency distributions, hourly error counts, the open run of each
 * feature, the last login window of each user and ip, and with cfg.shard
 * also the runs and windows at the start and the --gap buckets.  Puts
 * every waiting event in order first. */
json_t *checks_state(struct checks *c);
/* Loads a state made by checks_state with the same options into c, before
 * any event.  resume: c goes on where the state stopped (a growing log):
 * it carries the open runs, the last login windows, the newest event (an
 * event older is late), the hourly error counts of the last 31 days and
 * each user's last activity; counts, rates, latencies and findings are of
 * the new events only, and a finding is reported only when it has
 * something new (a run or window ending with a new event, a burst hour
 * with new errors, a gap ending at a new event).  Otherwise the state is
 * a shard's (cfg.shard) and is merged exactly after the ones loaded
 * before it: shards must be time-contiguous pieces of one log loaded in
 * time order.  Returns 0, or -1 with err set. */
int checks_load(struct checks *c, const json_t *state, int resume,
		struct error *err);
/* Releases every waiting event of the reordering window: the end of the
 * input (or of this read). */
void checks_flush(struct checks *c);
/* Adds the checks s, a shard (cfg.shard) read with the same options over
 * events that come after c's, to c, as checks_load merges a shard's
 * state (which it decodes into such checks first).  s is spent (its
 * latency pages move to c): only checks_free may follow. */
void checks_merge(struct checks *c, struct checks *s);

#endif
