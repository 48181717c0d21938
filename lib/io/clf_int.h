/* clf_int: what clf.c gives clf_format.c (private to the clf module). */
#ifndef UPKEEP_CLF_INT_H
#define UPKEEP_CLF_INT_H

#include <stddef.h>

#include "io/clf.h"

/* "17/May/2015:10:05:03 +0000" (26 bytes) as RFC 3339 into out (26
 * bytes at least).  Returns 0 or -1. */
int clf_time(const char *t, size_t n, char *out, size_t size);
/* A request time: a finite number >= 0 in unit (AUTO: seconds with a
 * decimal point, else microseconds), as milliseconds.  Returns 0 or -1. */
int clf_latency(const char *t, size_t n, enum clf_latency_unit unit, double *ms);
/* Splits "METHOD target PROTOCOL" (the protocol may be missing, as in
 * HTTP/0.9) into req's method and path; the target loses its query
 * string and fragment.  No method (NULL) when it is not that shape. */
void clf_request_line(const char *r, size_t n, struct clf_request *req);
/* clf_format_parse by the steps alone, never by the turns: for the tests
 * that check the two read every line alike. */
int clf_format_parse_steps(const struct clf_format *f, const char *line, size_t len,
			   enum clf_latency_unit unit, struct clf_request *req,
			   struct error *err);

#endif
