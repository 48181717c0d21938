/* clf: web server access logs in Common and Combined Log Format (Apache,
 * nginx): one request a line, parsed in place into borrowed spans; the
 * request's feature named by a --feature-map or by collapsing the ids of
 * its path.  Never prints, never exits (except out of memory). */
#ifndef UPKEEP_CLF_H
#define UPKEEP_CLF_H

#include <stddef.h>

#include "base/error.h"

/* The unit of a trailing request-time field.  AUTO: a number with a
 * decimal point is seconds (nginx $request_time), a whole number is
 * microseconds (Apache %D). */
enum clf_latency_unit {
	CLF_LATENCY_AUTO, CLF_LATENCY_US, CLF_LATENCY_MS, CLF_LATENCY_S
};

/* "auto", "us", "ms", "s".  Returns 0 or -1. */
int clf_latency_unit_parse(const char *name, enum clf_latency_unit *u);

/* One request.  Spans point into the parsed line. */
struct clf_request {
	char time[32];		/* RFC 3339: "2015-05-17T10:05:03+00:00" */
	const char *ip;
	size_t ip_len;
	const char *user;	/* "-" when there is none */
	size_t user_len;
	const char *method;	/* NULL when the request line is not
				   METHOD TARGET [PROTOCOL] (e.g. "-") */
	size_t method_len;
	const char *path;	/* target without query string or fragment */
	size_t path_len;
	int status;		/* 100-599 */
	double latency_ms;	/* negative: no request-time field */
	int truncated;		/* a quoted field after the size was left
				   open at the end of the line */
};

/* Parses one line (without its line end).  Returns 0, or -1 with the
 * reason in err->msg.  host ident user [time] "request" status size must be
 * whole; referer, user agent and further quoted fields are optional and
 * may be cut off (truncated); an unquoted number after them is the
 * request time in unit. */
int clf_parse(const char *line, size_t len, enum clf_latency_unit unit,
	      struct clf_request *req, struct error *err);

/* Whether a line starts like an access log line:
 * host ident user [dd/Mon/yyyy:HH:MM:SS zone] " */
int clf_sniff(const char *line, size_t len);

/* A request time in ms as text, exactly as printf's "%.10g" writes it,
 * without printf for the common values (whole microseconds up to 10^6
 * ms); buf needs 32 bytes.  Returns the length. */
size_t clf_ms_text(double ms, char *buf);

/* Whether the path names a static asset (an image, script, style sheet or
 * font, by its extension). */
int clf_is_static(const char *path, size_t len);

/* --feature-map FILE: rows pattern,feature.  A pattern is an fnmatch(3)
 * glob matched against "METHOD /path" (query removed, ids not collapsed)
 * when it starts with a method, else against the path alone; the first
 * matching row wins. */
struct clf_featuremap;
/* Reads the rows of a file: blank lines, lines starting with '#' and a
 * first line "pattern,feature" are skipped; the pattern ends at the
 * first comma.  NULL with err set when the file cannot be read or a row
 * has no comma or an empty side. */
struct clf_featuremap *clf_featuremap_load(const char *path, struct error *err);
void clf_featuremap_free(struct clf_featuremap *m);

/* The feature of a request: the map's name when a row matches, else
 * "static" for a static asset, else "METHOD /collapsed/path" where each
 * path segment that is an id becomes ":id" (digits, with an optional
 * extension, except a version number after a segment ending in "api";
 * issue keys like PROJ-123; UUIDs; hex hashes of 16 digits or more), and
 * "-" when the request line has no method.  The name is written to *buf
 * (grown as needed, *cap its size) and NUL-terminated; returns its
 * length. */
size_t clf_feature(const struct clf_featuremap *map, const struct clf_request *req,
		   char **buf, size_t *cap);

#endif
