/* metrics: the usage figures of the monthly review (SPEC.md "review"),
 * computed in one pass over events fed one at a time.  Users, features,
 * projects and roles are interned to dense ids; distinct counts (users a
 * day, a month, a feature, a project, a role) come from one hash set of
 * (group, user) pairs each, so memory grows with distinct pairs, never
 * with the number of events.  Nothing here prints or exits. */
#ifndef UPKEEP_METRICS_H
#define UPKEEP_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "base/period.h"
#include "base/tz.h"
#include "io/event.h"

enum metrics_scale {
	METRICS_CSAT,		/* scores 1-5; csat = share of 4 and 5 */
	METRICS_NPS		/* scores 0-10; nps = share of 9-10 minus 0-6 */
};

struct metrics;

/* A new computation for period p in zone tz (both borrowed; tz must live
 * as long as m).  p NULL or of kind PERIOD_NONE, or a side of it
 * unbounded: that side is taken from the data (the start of the first
 * event's local day, the start of the day after the last event's). */
struct metrics *metrics_new(const struct period *p, struct tz *tz);
void metrics_free(struct metrics *m);

/* Turns on the figures that need an input: with accounts, active_share
 * and roles; with a catalog, features_available, features_used,
 * feature_coverage and unused_features; with a survey, csat or nps.
 * Without them these figures are null. */
void metrics_use_accounts(struct metrics *m);
void metrics_use_catalog(struct metrics *m);
void metrics_use_survey(struct metrics *m, enum metrics_scale scale);

/* "csat" or "nps".  Returns 0 or -1. */
int metrics_scale_parse(const char *s, enum metrics_scale *scale);

/* An account.  Must come before the events (roles are looked up as events
 * arrive).  status: "active", "disabled", "locked" (any case); NULL or
 * empty counts as active.  A second row for the same user replaces the
 * first.  Returns 0, or -1 for an unknown status. */
int metrics_add_account(struct metrics *m, const char *user, size_t user_len,
			const char *role, size_t role_len,
			const char *status, size_t status_len);
/* A feature of the catalog (duplicates count once). */
void metrics_add_catalog(struct metrics *m, const char *feature, size_t len);
/* An event.  Returns 1 when it is inside the period and counted, 0 when
 * it is outside (events before the period still tell which users were
 * seen before it and in the previous period, for new_users and
 * lost_users). */
int metrics_add_event(struct metrics *m, const struct event *e);
/* A survey response.  has_time 0: the response has no time and counts.
 * With a time outside a given period it is skipped (returns 0).  Returns
 * 1 when counted, -1 when score is not a whole number on the scale
 * (err->msg then says what it is, to follow a column name: "not a whole
 * number", "outside the 1-5 scale"). */
int metrics_add_response(struct metrics *m, const char *score, size_t len,
			 int has_time, int64_t t, struct error *err);

/* The period the figures cover: the given one, its open sides completed
 * from the data.  Returns 0, or -1 when a side is open and there is no
 * event in range. */
int metrics_span(const struct metrics *m, int64_t *start, int64_t *end);
/* Judges a period that runs at now (ms) up to now (period_until): the
 * daily rows, DAU and stickiness cover the days of the calendar that have
 * begun (a day begun counts as one day), and later days only when they
 * have events (a clock behind the data).  Without it, or for a period
 * that is over or has not begun, the whole period is judged. */
void metrics_set_now(struct metrics *m, int64_t now);
/* The end of what is judged: the until of metrics_set_now, or the end of
 * metrics_span (call after it succeeds). */
int64_t metrics_until(const struct metrics *m);

/* Adds the sections "metrics", "unused_features", "features", "daily",
 * "projects", "roles" and, for quarter and year periods, "months" to doc
 * (the JSON envelope).  Rows are sorted by name (bytes) or by date;
 * figures without a value are null.  previous: the "metrics" object of
 * the previous review, or NULL; with it each metric is joined by
 * metrics_join_previous. */
void metrics_json(struct metrics *m, const json_t *previous, json_t *doc);
/* The events named no user (an access log without authentication, where
 * every request is "-"): metrics_json writes the user figures as null,
 * unknown rather than 0 or 1. */
void metrics_users_unknown(struct metrics *m);

/* The state of the figures so far, to merge with other shards' (a new
 * reference): the counters, exact latency distributions and the sets of
 * (group, user) pairs, names spelled out. */
json_t *metrics_state(const struct metrics *m);
/* Merges a state made by metrics_state for the same period into m.
 * Distinct users are counted over the union of the pairs, so any split of
 * the events (in any order) merges to the figures of one run.  Returns 0,
 * or -1 with err set. */
int metrics_load(struct metrics *m, const json_t *state, struct error *err);
/* Adds the figures of s (the same period) to m: the merge of -j's ranges
 * and, once decoded, of the states of --from-state.  s is unchanged. */
void metrics_merge(struct metrics *m, const struct metrics *s);

/* The metrics object cur with each key m followed by m_previous (prev's
 * value, null when missing or not a number) and m_change (cur - prev,
 * null when either is null; a whole number when both are).  A new
 * reference. */
json_t *metrics_join_previous(const json_t *cur, const json_t *prev);

#endif
