/* tz: time zones by IANA name and civil (calendar) time.  Times everywhere
 * in upkeep are int64_t milliseconds since the Unix epoch, UTC. */
#ifndef UPKEEP_TZ_H
#define UPKEEP_TZ_H

#include <stdint.h>

#include "base/error.h"

#define MS_PER_SEC INT64_C(1000)
#define MS_PER_MIN INT64_C(60000)
#define MS_PER_HOUR INT64_C(3600000)
#define MS_PER_DAY INT64_C(86400000)

/* A broken-down local time.  month 1-12, day 1-31, wday 0 = Sunday. */
struct civil {
	int year, month, day, hour, min, sec, ms;
	int wday;
};

struct tz;

/* Opens a zone by IANA name ("Europe/Berlin", "UTC", "Asia/Shanghai"),
 * read from the TZif file under $TZDIR (default /usr/share/zoneinfo).
 * "UTC", "Etc/UTC", "Z" and "GMT" need no tzdata; a POSIX TZ string with
 * an offset ("CET-1CEST,M3.5.0,M10.5.0/3") is accepted when no file has
 * that name; names with ".." or a leading "/" are refused.  name NULL or ""
 * means $TZ when set and non-empty (a leading ':' ignored, an absolute
 * file name allowed), else UTC.  An unknown name fails with a message
 * naming it: unknown time zone "Mars/Base". */
struct tz *tz_new(const char *name, struct error *err);
void tz_free(struct tz *tz);
const char *tz_name(const struct tz *tz);

/* Offset of local time from UTC at instant t, in seconds east of UTC. */
int32_t tz_offset(struct tz *tz, int64_t t);
/* The local civil time of instant t. */
void tz_civil(struct tz *tz, int64_t t, struct civil *out);
/* The instant of a local civil time (wday ignored).  A time in a DST gap is
 * moved forward by the gap; an ambiguous one (fall back) takes the earlier
 * instant.  Fields may be out of range and are normalised (month 13 is
 * January of the next year, day 0 the last day of the previous month). */
int64_t tz_instant(struct tz *tz, const struct civil *c);

/* Local calendar day number of instant t: days since 1970-01-01 of the
 * local date (may be negative). */
int64_t tz_day(struct tz *tz, int64_t t);
/* The instant at which local day number `day` starts (local midnight, or
 * the first instant of that day when midnight is skipped by DST). */
int64_t tz_day_start(struct tz *tz, int64_t day);

/* Clock hours: a clock hour is a stretch of time in which the local
 * clock shows one hour (its date and hour) and the offset from UTC does
 * not change.  Most are 60 minutes, from :00 to :00 of the local clock;
 * an offset change that is not a whole hour, or not at :00, makes
 * shorter ones (Lord Howe's 02:30-03:00 on the day DST begins), and a
 * clock turned back shows an hour twice, as two clock hours.  So every
 * instant lies in exactly one clock hour and they follow each other
 * without gaps.  tz_hour_start gives the first instant of the clock hour
 * holding t, tz_hour_next the first instant of the one after it. */
int64_t tz_hour_start(struct tz *tz, int64_t t);
int64_t tz_hour_next(struct tz *tz, int64_t t);

/* Pure proleptic-Gregorian helpers, no zone involved. */
int64_t civil_days_from_date(int64_t y, int m, int d); /* days since 1970-01-01 */
void civil_date_from_days(int64_t days, int64_t *y, int *m, int *d);
int civil_days_in_month(int64_t y, int m);
int civil_is_leap(int64_t y);

#endif
