/* timeparse: times and durations from text, and times back to RFC 3339. */
#ifndef UPKEEP_TIMEPARSE_H
#define UPKEEP_TIMEPARSE_H

#include <stddef.h>
#include <stdint.h>

#include "tz.h"

/* How to read times of one input.  format is a strptime(3) pattern from
 * --time-format, or NULL for the automatic forms; tz is the zone of times
 * written without an offset (never NULL). */
struct timeparser {
	const char *format;
	struct tz *tz;
};

/* Parses s[0..len) (not necessarily NUL-terminated) into *t (ms, UTC).
 * Automatic forms, surrounding spaces ignored:
 *   2026-10-01T08:00:00Z   2026-10-01T08:00:00.123+08:00   ...-0530
 *   2026-10-01 08:00:00    2026-10-01T08:00   2026-10-01 (midnight)
 *   1790000000 (epoch seconds, up to 11 digits)   1790000000000 (ms, 12-14 digits)
 * Fields are range-checked (month 1-12, day within its month, hour 0-23, a
 * leap second 60 is accepted as 59.999, years 1-9999).  Returns 0, or -1
 * when s is not a time. */
int time_parse(const struct timeparser *p, const char *s, size_t len, int64_t *t);

/* Writes t as RFC 3339 in zone tz (NULL: UTC with "Z"), with milliseconds
 * only when they are not zero: "2026-10-01T08:00:00+08:00".  Returns the
 * length written (buf needs 32 bytes). */
size_t time_format(int64_t t, struct tz *tz, char *buf, size_t size);

/* Parses a duration "90s", "15m", "2h", "1d", "1w", "1h30m", "1.5h" or a
 * bare number of seconds into *ms.  Returns 0, or -1 when malformed or
 * negative. */
int duration_parse(const char *s, int64_t *ms);

#endif
