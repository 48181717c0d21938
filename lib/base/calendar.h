/* calendar: working time, the one model that business-hours SLAs
 * (sla-check) and office-hours log checks (inspect) share: working
 * weekdays, one or more opening spans a day, holidays, extra working
 * days (a Saturday worked in exchange for a holiday), in one time zone.
 * A NULL calendar everywhere means 24x7: every instant is open. */
#ifndef UPKEEP_CALENDAR_H
#define UPKEEP_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include "base/tz.h"

/* The most opening spans a day. */
#define CALENDAR_SPANS_MAX 8

struct calendar;

/* A calendar open [open_ms, close_ms) after local midnight on the
 * weekdays of `weekdays` (bit w for weekday w, 0 = Sunday ... 6 =
 * Saturday) in zone tz; more spans with calendar_add_span.  tz is
 * borrowed, or owned (freed with the calendar) when own_tz is set.
 * Returns NULL (tz not taken) when no weekday is set or the span is not
 * 0 <= open_ms < close_ms <= 24 h. */
struct calendar *calendar_new(struct tz *tz, int own_tz, unsigned weekdays,
			      int64_t open_ms, int64_t close_ms);
void calendar_free(struct calendar *c);
/* Adds an opening span of every working day.  Spans are kept in order
 * and must not overlap (09:00-12:00 and 13:30-18:00).
 * Returns 0, or -1 (nothing added) when the span is out of range,
 * overlaps one already there, or there are CALENDAR_SPANS_MAX. */
int calendar_add_span(struct calendar *c, int64_t open_ms, int64_t close_ms);
/* Marks local day `day` (days since 1970-01-01, as tz_day) closed, or
 * open (an extra working day, with the usual spans).  Returns 0, or -1
 * when the day is already marked the other way. */
int calendar_add_holiday(struct calendar *c, int64_t day);
int calendar_add_workday(struct calendar *c, int64_t day);
/* 1 when local day `day` is a working day: an extra working day, or a
 * working weekday that is not a holiday. */
int calendar_is_workday(const struct calendar *c, int64_t day);
/* The open time of a working day as the clock reads it (the sum of the
 * spans, 9 h for 09:00-18:00; a DST change inside the spans is not
 * counted): what a business "day" of a target is.  24 h with c NULL. */
int64_t calendar_day_ms(const struct calendar *c);
struct tz *calendar_tz(const struct calendar *c);

/* Open ms between from and to (0 when to <= from).  With c NULL: wall
 * clock, to - from. */
int64_t calendar_open_ms(struct calendar *c, int64_t from, int64_t to);
/* The earliest instant at which an open duration of ms starting at
 * `from` is used up (from itself when ms <= 0; INT64_MAX when it would
 * lie beyond year 9999).  With c NULL: from + ms. */
int64_t calendar_deadline(struct calendar *c, int64_t from, int64_t ms);

/* Text forms, for the readers of calendar files.  Each returns 0, or -1
 * when s is malformed. */
/* Weekdays "Mon-Fri", "Mon,Tue,Sat", "Sun-Thu" (names or three-letter
 * abbreviations in any case; a range may wrap) into a weekday mask. */
int calendar_parse_days(const char *s, unsigned *mask);
/* Opening hours "09:00-18:00" or "09:00-12:00,13:30-18:00" (spaces
 * allowed around the dash and the comma, "24:00" as an end) into at most
 * max spans in order; *n receives their number.  Fails when an end is
 * not after its start or a span starts before the one before it ends. */
int calendar_parse_hours(const char *s, int64_t *open, int64_t *close,
			 size_t max, size_t *n);
/* A date "YYYY-MM-DD" into a day number. */
int calendar_parse_date(const char *s, int64_t *day);

#endif
