/* event: the one event model of inspect and review (SPEC.md section 2):
 * the columns of an event log, the parsed event, and the one function
 * that turns a record into it, so that both commands read, classify and
 * reject an event row the same way. */
#ifndef UPKEEP_EVENT_H
#define UPKEEP_EVENT_H

#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "base/timeparse.h"
#include "io/reader.h"

enum event_status {
	EVENT_OK,		/* ok, success, true; HTTP 100-399 */
	EVENT_ERROR,		/* error, fail, failure, false; HTTP 500-599 */
	EVENT_CLIENT_ERROR	/* HTTP 400-499: counted, not an error */
};

/* Classifies a status (words case-insensitive, surrounding spaces
 * ignored; a number must be an HTTP code, three digits from 100 to 599).
 * Returns 0, or -1 for anything else. */
int event_status_parse(const char *s, size_t len, enum event_status *st);

/* A latency in milliseconds (surrounding spaces ignored): *ms is NaN when
 * s is NULL or empty.  Returns 0, or -1 when the value is not a finite
 * number >= 0 ("12ms", "-1", "nan"). */
int event_latency_parse(const char *s, size_t len, double *ms);

/* One event.  Strings are the record's (borrowed, not NUL-terminated);
 * lengths in bytes.  user NULL: an anonymous request (an access log's
 * "-"): it counts for its feature, day, status and latency, never as a
 * user.  project, ip NULL: none. */
struct event {
	int64_t time;		/* ms, UTC */
	const char *user;
	size_t user_len;
	const char *feature;
	size_t feature_len;
	enum event_status status;
	double latency_ms;	/* NaN: none */
	const char *project;
	size_t project_len;
	const char *ip;
	size_t ip_len;
};

/* The columns of an event log, for reader_open, and their indexes. */
enum {
	EVENT_COL_TIME, EVENT_COL_USER, EVENT_COL_FEATURE, EVENT_COL_STATUS,
	EVENT_COL_LATENCY, EVENT_COL_PROJECT, EVENT_COL_IP, EVENT_NCOLS
};
extern const struct reader_column event_columns[EVENT_NCOLS];

/* Turns rec, read by r with event_columns, into ev (which borrows rec's
 * strings).  Times are read with tp; the ip is trimmed of spaces and
 * tabs; no user (an empty value, a JSON record without the key, or one
 * that r calls anonymous: an access log's "-") is NULL.  latency_ms is
 * read in r's latency unit (reader_latency_scale).
 * Returns 0, or -1 with err->msg the reason to reject the row, naming the
 * column as the reader's own messages do, by its canonical name whatever
 * --map renamed it from: 'column "time": cannot parse "2026-13-01"'.
 * r NULL (tests): canonical names, no anonymous user. */
int event_parse(const struct reader *r, const struct record *rec,
		const struct timeparser *tp, struct event *ev, struct error *err);

#endif
