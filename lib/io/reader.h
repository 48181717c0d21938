/* reader: records from CSV (RFC 4180, via libcsv), TSV, JSON arrays of
 * objects and NDJSON (via jansson), one at a time, with the columns a
 * command asks for resolved once from the header (or JSON keys), after
 * the renaming of --map (io/colmap.h). */
#ifndef UPKEEP_READER_H
#define UPKEEP_READER_H

#include <stddef.h>
#include <stdio.h>

#include "io/clf.h"
#include "io/colmap.h"
#include "base/error.h"

enum reader_format {
	READER_AUTO,	/* --input-format, else the extension, else sniffed */
	READER_CSV, READER_TSV, READER_JSON, READER_NDJSON,
	READER_CLF,	/* access log; sniffed from a first line that
			   one of the presets of io/clf.h reads */
	READER_MD	/* a GitHub-Markdown pipe table (read_md.c); .md,
			   .markdown, or sniffed from a first line "|" */
};

/* "csv", "tsv", "json", "ndjson" (also "jsonl"), "clf", "md" (also
 * "markdown"), "auto".  Returns 0 or -1. */
int reader_format_parse(const char *name, enum reader_format *f);
const char *reader_format_name(enum reader_format f);
/* The format path's extension names (.csv .tsv .tab .json .ndjson
 * .jsonl), or READER_AUTO. */
enum reader_format reader_format_of_path(const char *path);

/* A column a command wants.  Names are canonical, lower case.  required:
 * 0, optional; 1, the column must be in the input (for JSON: in some
 * record) and every record must give it a value; READER_PRESENT, the
 * column must be there but a record may leave it empty (an event's user:
 * none is an anonymous request). */
#define READER_PRESENT 2
struct reader_column {
	const char *name;
	int required;
};

struct reader_config {
	enum reader_format format;
	const struct colmap *map;	/* NULL: no renaming */
	int strict;			/* the first bad row is fatal */
	FILE *rejects;			/* --rejects stream (header written by
					   the caller), or NULL */
	/* Fields below are optional: zero means "not given". */
	int delimiter;			/* --delimiter: the CSV field separator
					   (0: ','); makes TSV input CSV */
	const char *const *nulls;	/* --null: values read as absent (field
					   NULL), NULL-ended; or NULL */
	const char *encoding;		/* --encoding: iconv(3) name of the
					   input's encoding; NULL: UTF-8 */
	const struct colmap *defaults;	/* --default col=value: the value of a
					   wanted column that the input lacks or
					   leaves empty; or NULL */
	int trim;			/* --trim: spaces and tabs around every
					   value (quoted, TSV, JSON too) are
					   padding, dropped; CSV takes spaces
					   around quotes.  Without it they are
					   data (RFC 4180 2.4); header names are
					   trimmed either way */
	const struct colvalues *values;	/* --values col=FROM:TO: cell values
					   rewritten (after --null, before
					   --default); or NULL */
	/* CSV, TSV: the header of the stream this input goes on (nheader
	 * names, as reader_header gives them).  A log truncated by
	 * logrotate's copytruncate goes on without one at its top: the
	 * input's own first row is skipped when it is this header, else it
	 * is the first record.  NULL: the input's own first row. */
	const char *const *header;
	size_t nheader;
	/* JSON: an input that is an object is read as the array of records
	 * at this key ("a.b": key b of the object at key a), NDJSON too;
	 * NULL: the object's only array, or the object itself when it has
	 * none or a key naming a required column. */
	const char *json_path;
	/* --log-format: a first line it reads makes an input of no known
	 * format an access log; NULL: the presets only.  Borrowed. */
	const struct clf_format *log_format;
};

/* Whether iconv(3) converts from the encoding name to UTF-8. */
int reader_encoding_ok(const char *name);

/* One record.  field[i] and len[i] are the value of column i (the i-th
 * wanted column, or in raw mode the i-th header column).  field[i] is NULL
 * when the column is absent from the input or the value is JSON null; an
 * empty CSV field is "" with len 0.  Values are NUL-terminated UTF-8 and
 * stay valid until the next reader_next or reader_close.  JSON numbers and
 * booleans come as their text ("12.5", "true"). */
struct record {
	const char *const *field;
	const size_t *len;
	size_t nfields;
	unsigned long line;	/* line on which the record starts, 1-based */
};

/* Opens path ("-" or NULL: standard input) and reads its header.
 * cols/ncols: the wanted columns; matched against header names (or JSON
 * keys) case-insensitively, ignoring surrounding spaces and a UTF-8 BOM,
 * after --map renaming.  cols NULL: raw mode, every header column in
 * order, a column a --map pair names renamed to the pair's canonical name.
 * A CSV or TSV header may repeat a name (Jira writes one Sprint column a
 * sprint): "Name#N" (e.g. --map 'x=Sprint#2') picks the N-th column of that
 * name, unless a column is literally called "Name#N"; without #N an
 * optional column uses the first, and a required column that appears
 * twice is an error (it would decide every record).
 * Fails (NULL, err set) when the file cannot be opened or read, when its
 * format or encoding is unknown, when a required column is missing (the
 * message lists the columns found) or appears twice, or when a --map pair
 * names a header that is not there (or fewer than N of "Name#N").  JSON
 * and NDJSON: a key the first record lacks may be in a later one (logs
 * leave out keys without a value); reader_next fails at the end when no
 * record had a --map key or a required column's key (not after
 * reader_seek).  A JSON object is read as read_jsonobj.c says
 * (reader_config.json_path). */
struct reader *reader_open(const char *path, const struct reader_config *cfg,
			   const struct reader_column *cols, size_t ncols,
			   struct error *err);
void reader_close(struct reader *r);

/* Reads the next record: 1 when *rec holds one, 0 at the end, -1 on a fatal
 * error (I/O error, or with strict a bad row; err set).  Bad rows (wrong
 * number of fields, invalid UTF-8 in a wanted column, a JSON line that does
 * not parse or is not an object, a wanted value that is an array or object,
 * a required value that is empty or a --null word without a --default)
 * are rejected by the reader itself and skipped.  A JSON value that is an
 * array of objects with a "name", or of strings, is the names joined by
 * ','.  With --encoding, a byte
 * that is not valid in that encoding becomes an invalid UTF-8 byte (0xFF),
 * so that its row is rejected as invalid UTF-8 where a wanted column holds
 * it (and the header is an error). */
int reader_next(struct reader *r, struct record *rec, struct error *err);

/* Rejects the record last returned, for a reason found by the command
 * (e.g. "column \"time\": cannot parse \"2026-13-01\"").  Counts it and
 * writes it to the rejects stream.  Returns 0, or -1 with err set (file,
 * line, reason) when strict. */
int reader_reject(struct reader *r, const struct record *rec,
		  const char *reason, struct error *err);

/* Access logs (READER_CLF) have no header row: a record has the columns
 * time (RFC 3339 text), user ("-" when none), feature, status (the HTTP
 * code), latency_ms ("" when not logged) and ip, as if a header named
 * them.  A line that does not parse is a rejected row.  Options, set
 * before the first reader_next (ignored for other formats): */
struct reader_clf {
	const struct clf_format *format;	/* --log-format; NULL: the
						   preset that reads the first
						   lines best; borrowed */
	enum clf_latency_unit latency_unit;
	const struct clf_featuremap *feature_map;	/* NULL: none; borrowed */
	int skip_static;	/* static assets are skipped, not records */
	int user_from_ip;	/* user is the ip (every request) */
};
void reader_set_clf(struct reader *r, const struct reader_clf *o);
/* Whether user[0..len), the user of a record of r, means "no user": "-"
 * in an access log (unless user_from_ip).  The commands count such a
 * request for its feature, day and status, never as a user. */
int reader_anonymous(const struct reader *r, const char *user, size_t len);
/* The factor that turns a latency_ms value of r into ms: the unit of
 * --latency-unit (reader_clf.latency_unit: us 0.001, s 1000, ms and auto
 * 1) for every format but access logs, whose reader applies it itself. */
double reader_latency_scale(const struct reader *r);
/* Access logs: requests read that carried a user (not "-"), and static
 * requests skipped. */
unsigned long reader_clf_users(const struct reader *r);
unsigned long reader_clf_skipped(const struct reader *r);
/* The name of the format lines are read in ("combined", "jira",
 * "custom", ...), NULL before the first line of an access log; *sniffed
 * (may be NULL): 1 when it was chosen by sniffing the first lines (up to
 * 10), 2 when no preset read any of them (then "combined"), 0 when
 * given. */
const char *reader_clf_format(const struct reader *r, int *sniffed);

/* Tests (tests/fuzz/fuzz_csvsplit.c, fuzz_jsonflat.c): with on, every CSV
 * line after the header goes to libcsv, none to the quote-free fast path,
 * and every JSON record to jansson, none to jsonflat, so that the two ways
 * can be compared. */
void reader_set_slow_paths(struct reader *r, int on);

/* Incremental reading (inspect --state), for files of every format, not
 * standard input.  reader_offset: the byte offset just after the last
 * record read (returned or rejected) that ended with a line end (in a
 * JSON array: with its closing byte); a last line without one may still
 * be being written and is not counted; *line (may be NULL): the line
 * number there.
 * reader_seek: right after reader_open, goes on reading at offset (an
 * earlier reader_offset of the same file), whose line number is line;
 * the header (CSV, TSV) or the keys of the first object (JSON) are those
 * read at the top; an access log has none.  Not for input read with
 * --encoding (offsets count converted bytes).  Returns 0, or -1 with err
 * set. */
long long reader_offset(const struct reader *r, unsigned long *line);
/* reader_follow: the input is a log still being written: a last record
 * without its line end (or, in a JSON array, its closing byte) is not
 * read at all, neither returned nor rejected: the next run reads it
 * whole from reader_offset. */
void reader_follow(struct reader *r);
int reader_seek(struct reader *r, long long offset, unsigned long line,
		struct error *err);

/* Reading a byte range (review and inspect -j): after reader_open (and
 * reader_seek to the range's start), no record that starts at or after
 * offset end is read: reader_next returns 0 there.  A record that starts
 * before end is read whole, past end.  reader_stop: the offset where the
 * reader stopped for end, the start of the first record (or blank line)
 * not read, and *line its line; -1 when it read to the end of the input
 * without reaching end.  Not for a JSON array or --encoding. */
void reader_set_end(struct reader *r, long long end);
long long reader_stop(const struct reader *r, unsigned long *line);

/* The header names of a CSV, TSV or Markdown input (trimmed, as
 * matched), *n of them; NULL for other formats.  Valid until
 * reader_close. */
const char *const *reader_header(const struct reader *r, size_t *n);

/* The display name of the input ("stdin" for standard input). */
const char *reader_path(const struct reader *r);
enum reader_format reader_format(const struct reader *r);
/* Number of columns of a record (wanted columns, or header columns in raw
 * mode), and the header name of column i as written in the file (trimmed;
 * in raw mode, as --map renamed it); for a wanted column that is absent,
 * its canonical name. */
size_t reader_ncolumns(const struct reader *r);
const char *reader_column_name(const struct reader *r, size_t i);
/* The name of column i in messages: the canonical name of a wanted
 * column (whatever --map renamed it from), the header name in raw mode. */
const char *reader_column_canon(const struct reader *r, size_t i);
/* Whether wanted column i is present in the input. */
int reader_has_column(const struct reader *r, size_t i);
/* Records returned and not rejected; records rejected (by the reader or
 * by reader_reject); the line and reason of the first rejected one. */
unsigned long reader_rows(const struct reader *r);
unsigned long reader_rejected(const struct reader *r);
unsigned long reader_first_reject_line(const struct reader *r);
const char *reader_first_reject_reason(const struct reader *r);

#endif
