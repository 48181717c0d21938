/* clf: web server access logs (Apache, nginx, Tomcat): one request a
 * line, parsed in place into borrowed spans by a compiled log format
 * (clf_format.c); the request's feature named by a --feature-map or by
 * collapsing the ids of its path.  Never prints, never exits (except out
 * of memory). */
#ifndef UPKEEP_CLF_H
#define UPKEEP_CLF_H

#include <stddef.h>

#include "base/error.h"

/* The unit of the request-time field.  AUTO: the directive's own unit
 * (Apache %D microseconds, Tomcat %D milliseconds, %T and nginx
 * $request_time seconds); for a number after a pattern that has no
 * request-time directive, a number with a decimal point is seconds, a
 * whole number microseconds.  The others override the directive. */
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
	int truncated;		/* the line ended inside a quoted field
				   after the fields a record needs */
	int ascii;		/* 1: the line is ASCII without NUL; 0: it
				   is not, or that was not looked at */
};

/* A log format (clf_format.c): an Apache or Tomcat LogFormat pattern
 * (%h %a %l %u %t %r %m %U %q %H %s %>s %b %B %D %T %{ms}T %I %O %v %p
 * %{NAME}i %{NAME}o %{NAME}r ... and literals) or an nginx log_format
 * string ($remote_addr $remote_user $time_local $time_iso8601 $request
 * $status $body_bytes_sent $request_time $upstream_response_time
 * $http_NAME ...), compiled once into a list of steps (literals, runs of
 * blanks, fields that end at the byte that follows them). */
struct clf_format;

/* The presets, in the order sniffing prefers them on a tie: common,
 * combined, vhost_combined, nginx, nginx-upstream, jira, confluence,
 * confluence-xff, confluence-docker.  NULL past the last. */
const char *clf_format_preset(size_t i);
/* The pattern of a preset, or NULL. */
const char *clf_format_preset_pattern(const char *name);

/* Compiles spec: a preset's name, else a pattern.  NULL with err->msg
 * naming the bad directive (an unknown one, a %{ without its }, two
 * fields with nothing between them to tell where the first ends, a time
 * in a format of its own), or saying that the pattern has no time or no
 * status. */
struct clf_format *clf_format_new(const char *spec, struct error *err);
void clf_format_free(struct clf_format *f);
/* The preset's name, or "custom". */
const char *clf_format_name(const struct clf_format *f);

/* Parses one line (without its line end) in format f.  Returns 0, or -1
 * with the reason in err->msg ("access log (NAME): DIRECTIVE: what").
 * The fields up to the last one a record uses (time, status, user, ip,
 * request) must be whole; the line may end after them, also inside a
 * quoted field (truncated); whatever follows the pattern is ignored,
 * except that a pattern without a request-time directive reads a number
 * after it (past any quoted fields) as the request time, as access logs
 * with %D or $request_time appended have it. */
int clf_format_parse(const struct clf_format *f, const char *line, size_t len,
		     enum clf_latency_unit unit, struct clf_request *req,
		     struct error *err);

/* Sniffing: the index of the format of fmts[0..n) that reads the most of
 * the lines, then the one whose own fields cover the most bytes of them
 * (the earliest on a tie); -1 when none reads any. */
int clf_format_sniff(struct clf_format *const *fmts, size_t n,
		     const char *const *line, const size_t *len, size_t nlines);

/* Whether a line reads as an access log in one of the presets; in f. */
int clf_sniff(const char *line, size_t len);
int clf_format_reads(const struct clf_format *f, const char *line, size_t len);

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
