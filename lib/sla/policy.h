/* policy: the SLA policy file of sla-check (JSON), parsed and validated
 * once into the values the slo module computes with.  Percentages are in
 * SLO_PCT units (millionths of a percent), durations in ms. */
#ifndef UPKEEP_POLICY_H
#define UPKEEP_POLICY_H

#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "sla/slo.h"
#include "base/tz.h"

struct policy;

/* Parses the policy in buf[0..len); file names it in messages (may be
 * NULL).  Unknown keys at any level, wrong JSON types, bad durations,
 * percentages out of range, bad calendars and business_hours without a
 * calendar are rejected with a message naming the key and quoting the bad
 * value, e.g. `unknown key "availabilty" in policy` or `key "response.P1":
 * cannot parse duration "2x"`, and the line of the key when it can be
 * found.  Returns NULL and fills err on failure.
 *
 * Keys (all optional, but at least one objective is required):
 *   name            string
 *   timezone        IANA name; absent: $TZ, else UTC (as tz_new(NULL))
 *   availability    {target (0 < % <= 100, required), exclude_planned (bool,
 *                   default false), credits [{below (0 < % <= 100), credit
 *                   (0 <= % <= 100)}], distinct `below`s}
 *   response, resolution
 *                   {PRIORITY: target, ..., min_compliance (0 < % <= 100,
 *                   default 100)}; at least one priority; names unique
 *                   ignoring ASCII case.  A target is a duration > 0
 *                   ("2h", "1d") or {target (duration, required),
 *                   calendar (a name from calendars, or "24x7")}; a plain
 *                   duration counts in the calendar when the objective is
 *                   in business_hours, else in wall-clock time.  In a
 *                   calendar's open time "d" is one working day
 *                   (calendar_day_ms: 9 h for 09:00-18:00) and "w" five;
 *                   in wall-clock time 24 h and 7 d.
 *   calendars       {NAME: calendar, ...}: calendars targets name; the
 *                   calendar "24x7" (wall clock) needs no entry, and an
 *                   entry of that name must be "24x7"
 *   calendar        a calendar (io/calendar_json.h: days, hours,
 *                   holidays, workdays, timezone; default zone: the
 *                   policy's), called "calendar", or the name of one of
 *                   calendars
 *   business_hours  ["response", "resolution"]: which count plain
 *                   targets in calendar (required then) */
struct policy *policy_new(const char *buf, size_t len, const char *file,
			  struct error *err);
/* Reads and parses the file at path. */
struct policy *policy_new_file(const char *path, struct error *err);
void policy_free(struct policy *p);

/* "" when the policy has no name. */
const char *policy_name(const struct policy *p);
/* The policy's zone, owned by the policy. */
struct tz *policy_tz(const struct policy *p);

/* 1 when the policy has an availability objective. */
int policy_has_availability(const struct policy *p);
/* The availability target, SLO_PCT units (0 without the objective). */
int64_t policy_availability_target(const struct policy *p);
int policy_exclude_planned(const struct policy *p);
/* The credit tiers in ascending order of `below`; *n receives their
 * number (0, and NULL returned, when there are none). */
const struct slo_credit *policy_credits(const struct policy *p, size_t *n);

/* The calendar of business_hours, NULL when the policy has none (or it
 * is "24x7"). */
struct calendar *policy_calendar(const struct policy *p);
/* 1 when the objective counts business hours (calendar time). */
int policy_business_hours(const struct policy *p, enum slo_kind kind);

/* Fills *out with the response or resolution objective (targets in the
 * file's order, each with its calendar; the objective's calendar, for
 * priorities without a target, when it uses business hours);
 * out points into the policy.  Returns 0, or -1 when the policy has no
 * such objective. */
int policy_tickets(const struct policy *p, enum slo_kind kind,
		   struct slo_ticket_objective *out);

#endif
