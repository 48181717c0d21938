/* period: the half-open span [start, end) a command reports on, in the
 * calendar of a time zone. */
#ifndef UPKEEP_PERIOD_H
#define UPKEEP_PERIOD_H

#include <stdint.h>

#include "base/error.h"
#include "base/tz.h"

enum period_kind {
	PERIOD_NONE,	/* not set: the command uses the span of its data */
	PERIOD_DAY, PERIOD_WEEK, PERIOD_MONTH, PERIOD_QUARTER, PERIOD_YEAR,
	PERIOD_RANGE	/* A..B, --since/--until */
};

struct period {
	enum period_kind kind;
	int64_t start, end;	/* ms, half-open; INT64_MIN / INT64_MAX for an
				   open end (--since or --until alone) */
	char label[64];		/* "2026-10", "2026-W44", "2026-Q4", "2026",
				   "2026-10-01..2026-10-15" */
};

/* Parses a --period value in zone tz.  Forms: 2026-10, 2026-W44, 2026-Q4,
 * 2026, 2026-10-05 (one day), 2026-10-01..2026-10-15 (both days included:
 * end is the start of the day after B), A..B with full times (B excluded),
 * last-week, last-month, this-month, yesterday, today (relative to now, ms).
 * Weeks are ISO 8601 (Monday first).  Fails on unknown forms, impossible
 * dates and an end before the start.
 * label is the canonical form of the resolved period: relative forms get
 * the label of the period they resolve to ("2026-10" for last-month in
 * November 2026); a range of two dates keeps "A..B"; a range with a time on
 * either side is labelled with both bounds in RFC 3339 in tz
 * ("2026-10-01T08:00:00Z..2026-10-02T00:00:00Z", end excluded). */
int period_parse(struct period *p, const char *s, struct tz *tz, int64_t now,
		 struct error *err);

/* Applies --since/--until (either may be NULL; times or dates, parsed like
 * time_parse in tz) on top of p: each replaces that end of p, and an end
 * that is not given stays p's, or open when p is PERIOD_NONE.  A date is
 * the start of that day in tz for both (--until 2026-11-01 excludes
 * November 1).  Sets kind PERIOD_RANGE and label "START..END", both in
 * RFC 3339 in tz, an open end left empty ("2026-10-01T00:00:00Z..").
 * Both NULL: p is left as it is.  Fails on an end at or before the start. */
int period_bounds(struct period *p, const char *since, const char *until,
		  struct tz *tz, struct error *err);

/* The number of local calendar days the period touches (a period of
 * [Oct 1, Nov 1) has 31); 0 for PERIOD_NONE or an open period. */
int64_t period_days(const struct period *p, struct tz *tz);

/* Months of a period: *month_start receives the start of the i-th local
 * calendar month overlapping p (i from 0), *month_end its end; both are
 * clipped to p.  Returns 0, or -1 when i is past the last month (or p is
 * PERIOD_NONE or open). */
int period_month(const struct period *p, struct tz *tz, int i,
		 int64_t *month_start, int64_t *month_end);

/* The end of what is judged of [start, end) at now (ms): now while the
 * period runs (start <= now < end), else end: a period that is over is
 * judged whole, and so is one that has not begun (now < start: a clock
 * behind the data, as when SOURCE_DATE_EPOCH replays an old month).
 * start may be INT64_MIN (open); end INT64_MAX (open) gives now or, before
 * the start, INT64_MAX.  Every command judges a running period up to this
 * and writes it as the period's "until". */
int64_t period_until(int64_t start, int64_t end, int64_t now);

#endif
