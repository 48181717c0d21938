/* calendar_json: the calendar object of sla-check's policy and of
 * inspect --calendar, read from JSON into a struct calendar:
 *   {"days": "Mon-Fri", "hours": "09:00-12:00,13:30-18:00",
 *    "holidays": ["2026-10-01"], "workdays": ["2026-10-10"],
 *    "timezone": "Asia/Shanghai"}
 * or the string "24x7" (open all the time: the NULL calendar). */
#ifndef UPKEEP_CALENDAR_JSON_H
#define UPKEEP_CALENDAR_JSON_H

#include <jansson.h>

#include "base/calendar.h"
#include "base/error.h"
#include "base/tz.h"

/* What is wrong and where, for the caller to word with its own key path:
 * `key "PATH.KEY": MSG`, or `key "PATH": MSG` when key is empty, or
 * `unknown key KEY in "PATH"` when unknown is set. */
struct calendar_json_error {
	char key[64];		/* the calendar's key at fault, "" for the object */
	char value[128];	/* the bad string value (to find its line), or "" */
	int unknown;		/* key is not a calendar key */
	char msg[400];		/* e.g. cannot parse "9-5" (expected ...) */
};

/* Reads calendar v.  days and hours are required; holidays and workdays
 * are arrays of dates, a date may not be both; timezone (an IANA name)
 * replaces tz, the zone otherwise (borrowed).  Returns 0 with *out set
 * (NULL for "24x7"), or -1 with e filled. */
int calendar_json_read(const json_t *v, struct tz *tz, struct calendar **out,
		       struct calendar_json_error *e);
/* Reads the calendar file at path (one JSON calendar, as above); errors
 * name the file and the line of the key at fault, e.g.
 * `cal.json:3: key "hours": cannot parse "9-5" (...)`. */
int calendar_json_file(const char *path, struct tz *tz, struct calendar **out,
		       struct error *err);

#endif
