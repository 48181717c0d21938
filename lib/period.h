/* period: the half-open span [start, end) a command reports on, in the
 * calendar of a time zone. */
#ifndef UPKEEP_PERIOD_H
#define UPKEEP_PERIOD_H

#include <stdint.h>

#include "error.h"
#include "tz.h"

enum period_kind {
	PERIOD_NONE,	/* not set: the command uses the span of its data */
	PERIOD_DAY, PERIOD_WEEK, PERIOD_MONTH, PERIOD_QUARTER, PERIOD_YEAR,
	PERIOD_RANGE	/* A..B, --since/--until */
};

struct period {
	enum period_kind kind;
	int64_t start, end;	/* ms, half-open */
	char label[64];		/* "2026-10", "2026-W44", "2026-Q4", "2026",
				   "2026-10-01..2026-10-15" */
};

/* Parses a --period value in zone tz.  Forms: 2026-10, 2026-W44, 2026-Q4,
 * 2026, 2026-10-05 (one day), 2026-10-01..2026-10-15 (both days included:
 * end is the start of the day after B), A..B with full times (B excluded),
 * last-week, last-month, this-month, yesterday, today (relative to now, ms).
 * Weeks are ISO 8601 (Monday first).  Fails on unknown forms, impossible
 * dates and an end before the start. */
int period_parse(struct period *p, const char *s, struct tz *tz, int64_t now,
		 struct error *err);

/* Applies --since/--until (either may be NULL; times or dates, parsed like
 * time_parse in tz) on top of p.  Fails on an end at or before the start. */
int period_bounds(struct period *p, const char *since, const char *until,
		  struct tz *tz, struct error *err);

/* The number of local calendar days the period touches (a period of
 * [Oct 1, Nov 1) has 31). */
int64_t period_days(const struct period *p, struct tz *tz);

/* Months of a period: *month_start receives the start of the i-th local
 * calendar month overlapping p (i from 0), *month_end its end; both are
 * clipped to p.  Returns 0, or -1 when i is past the last month. */
int period_month(const struct period *p, struct tz *tz, int i,
		 int64_t *month_start, int64_t *month_end);

#endif
