/* event: the values of an event row that inspect and review read alike,
 * so that both commands classify a status and a latency the same way
 * (SPEC.md section 2). */
#ifndef UPKEEP_EVENT_H
#define UPKEEP_EVENT_H

#include <stddef.h>

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

#endif
