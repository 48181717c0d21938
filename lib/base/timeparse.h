/* timeparse: times and durations from text, and times back to RFC 3339. */
#ifndef UPKEEP_TIMEPARSE_H
#define UPKEEP_TIMEPARSE_H

#include <stddef.h>
#include <stdint.h>

#include "base/tz.h"

/* How to read times of one input.  format is a strptime(3) pattern from
 * --time-format, or NULL for the automatic forms; tz is the zone of times
 * written without an offset (never NULL). */
struct timeparser {
	const char *format;
	struct tz *tz;
	/* A format without a year (syslog's "%b %d %H:%M:%S"): the span
	 * [year_lo, year_hi) the times belong to (time_parser_window); with
	 * year_window 0, such a time does not parse (never 1970). */
	int64_t year_lo, year_hi;
	int year_window;
};

/* What a strptime pattern holds: a year (%Y %y %C %G %g %D %F %c %x %s),
 * a month (%b %B %h %m), a day of the month (%d %e); the forms %D %F %c
 * %x %s hold all three. */
enum {
	TIME_FMT_YEAR = 1, TIME_FMT_MONTH = 2, TIME_FMT_DAY = 4
};
unsigned time_format_fields(const char *format);

/* Places the times of a format without a year in [lo, hi) (ms; lo may be
 * INT64_MIN, hi INT64_MAX, not both): each takes the year that puts it
 * there, the latest such when the span is longer than a year; a date
 * that falls outside in every year takes the year nearest the span (a
 * December line read for a January period is the December before).
 * Without an end (hi INT64_MAX) the first time at or after lo. */
void time_parser_window(struct timeparser *p, int64_t lo, int64_t hi);

/* Parses s[0..len) (not necessarily NUL-terminated) into *t (ms, UTC).
 * Automatic forms, surrounding spaces ignored:
 *   2026-10-01T08:00:00Z   2026-10-01T08:00:00.123+08:00   ...-0530
 *   2026-10-01 08:00:00    2026-10-01T08:00   2026-10-01 (midnight)
 *   1790000000 (epoch seconds, up to 11 digits, may start with '-' and end
 *   in a fraction: 1790000000.25)   1790000000000 (ms, 12-14 digits)
 * The separator may be T, t or a space; the offset Z, z, +HH:MM, +HHMM or
 * +HH, optionally after one space; fractional seconds have any number of
 * digits (milliseconds kept, the rest truncated).  Fields are range-checked
 * (month 1-12, day within its month, hour 0-23, a leap second 60 is
 * accepted as 59.999, years 1-9999).  A local time in a DST gap or overlap
 * is resolved as tz_instant does.
 * With a format, s (at most 255 bytes) must match it whole, trailing spaces
 * allowed; %z gives the offset, else the time is local in tz; a format
 * without a year takes it from the window (time_parser_window), and
 * without one fails.  Returns 0, or -1 when s is not a time. */
int time_parse(const struct timeparser *p, const char *s, size_t len, int64_t *t);

/* Parses exactly "YYYY-MM-DD" (s[0..len), range-checked, years 1-9999)
 * into a day number (days since 1970-01-01).  Returns 0 or -1. */
int date_parse(const char *s, size_t len, int64_t *day);

/* Writes t as RFC 3339 in zone tz (NULL: UTC with "Z"), with milliseconds
 * only when they are not zero: "2026-10-01T08:00:00+08:00".  An offset of
 * zero is written "Z".  Returns the length written (buf needs 32 bytes). */
size_t time_format(int64_t t, struct tz *tz, char *buf, size_t size);

/* Parses a duration "90s", "15m", "2h", "1d", "1w", "1h30m", "1.5h",
 * "250ms" or a bare number of seconds into *ms (fractions below a
 * millisecond truncated).  Units w d h m s ms, each at most once, largest
 * first.  Returns 0, or -1 when malformed, negative or too large. */
int duration_parse(const char *s, int64_t *ms);

#endif
