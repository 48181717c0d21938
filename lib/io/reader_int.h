/* reader_int: what the pieces of the reader share (reader.c the core,
 * colmap.c, source.c, read_csv.c, read_tsv.c, read_clf.c, read_json.c):
 * struct reader, the limits, and the few helpers of the hot path, inline
 * so that splitting the files added no call per byte or field. */
#ifndef UPKEEP_READER_INT_H
#define UPKEEP_READER_INT_H

#include <iconv.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <csv.h>
#include <jansson.h>

#include "io/reader.h"
#include "base/error.h"
#include "base/sbuf.h"
#include "base/xalloc.h"

#define READER_BUFSIZE	(64 * 1024)
#define CONV_SIZE	(64 * 1024)	/* --encoding: bytes converted at once */
#define RECORD_MAX	((size_t)64 * 1024 * 1024)	/* bytes of one record */
#define FIELDS_MAX	((size_t)4 * 1024 * 1024)	/* fields of one record */
#define JSON_DEPTH_MAX	1000
#define KEY_CACHE_MAX	4096	/* JSON key positions remembered */

/* What the per-format readers return for one raw row. */
enum raw {
	RAW_FATAL = -1, RAW_EOF = 0, RAW_OK = 1, RAW_BAD = 2
};

/* What the text of the current record is, for the rejects stream. */
enum rec_kind {
	REC_FIELDS,	/* fields at fbase + off[], flen[] */
	REC_JSON,	/* cur_json */
	REC_FLAT,	/* jm[], read by jsonflat from raw, raw_len */
	REC_RAW		/* raw bytes at raw, raw_len (JSON that did not parse) */
};

/* States of the JSON array scanner. */
enum js_state {
	JS_START, JS_FIRST, JS_NEXT, JS_ELEM, JS_END, JS_DONE
};

struct jsonflat_member;

/* A key seen at a place in JSON records, and its wanted column (-1:
 * none); w[] its first 16 bytes, zero-padded, and mask[] the bits of its
 * bytes in them, for a compare by words. */
#define KEY_WAYS 2
struct json_kslot {
	char *key;
	size_t len;
	uint64_t w[2], mask[2];
	long col;
};

struct reader {
	char *path;		/* display name */
	FILE *fp;
	int own_fp;
	enum reader_format fmt;
	int strict;
	FILE *rejects;

	/* source.c: the input buffer, in[pos..end) not yet consumed */
	unsigned char *in;
	size_t in_pos, in_end, in_cap;
	int in_eof, in_errno;
	unsigned long line;	/* line of in[in_pos], 1-based */
	long long in_base;	/* file offset of in[0] */
	long long done_off;	/* offset after the last record that ended
				   with a line end (reader_offset) */
	unsigned long done_line;	/* the line there */
	/* reader_set_end: no record starts at or after end_off (0: no
	   end); stop_off, stop_line: where the reader stopped for it (-1:
	   it did not) */
	long long end_off, stop_off;
	unsigned long stop_line;

	/* header names (trimmed, owned): the header row, the first JSON
	   object's keys, or the fixed columns of an access log */
	char **hdr;
	size_t nhdr;
	/* JSON: whether an object was seen to take keys from */
	int have_keys;

	/* colmap.c: the columns of a record, resolved once */
	size_t ncols;
	int raw_mode;
	char **canon;		/* wanted: canonical names (owned) */
	char **target;		/* JSON: the key looked for (owned) */
	const char **colname;	/* display names (point into hdr or canon) */
	long *src;		/* CSV/TSV: header index, or -1 */
	long *alias;		/* JSON: earlier column with the same key, or -1 */
	int *present;
	int *required;
	/* JSON: wanted columns whose key the first object lacks, 1 (required)
	   or 2 (mapped), 0 once a record has it; how many are still 1 or 2 */
	unsigned char *unseen;
	size_t nunseen;
	const char *map_label;	/* the --map's input, for messages; or NULL */
	const char **field;
	size_t *len;

	/* the current row's fields (reader_row_add) */
	char *buf;
	size_t buf_len, buf_cap;
	size_t *off, *flen;
	size_t nf, off_cap, flen_cap;
	const char *fbase;
	unsigned long rec_line;
	enum rec_kind rec_kind;
	const char *raw;
	size_t raw_len;
	char reason[512];

	/* read_csv.c */
	struct csv_parser csv;
	int csv_ready;
	int in_record, row_done, too_long, skipping;
	int slow;		/* no fast path: libcsv, jansson only (tests) */
	int follow;		/* reader_follow: hold a last line back */
	int row_plain;		/* csv_split: the line is ASCII without NUL */
	size_t rec_bytes;

	/* source.c, reader_read_line: the current line (TSV, NDJSON, CLF):
	 * in in[] itself when it lies there whole, else copied to lown */
	char *lbuf, *lown;
	size_t llen, lcap;

	/* read_md.c: where in the table the next line is */
	int md_state;

	/* read_json.c */
	enum js_state js;
	/* read_jsonobj.c: the input is an object: its one record
	   (obj_single), or the array of records inside obj_depth objects */
	int obj_single;
	size_t obj_depth;
	char *ebuf;
	size_t elen, ecap;
	json_t *cur_json;
	int pending;		/* cur_json is a record not yet returned */
	json_t **jv;
	struct jsonflat_member *jm;	/* REC_FLAT: the members */
	size_t njm, jm_cap;
	long *jmi;		/* REC_FLAT: member of each column, or -1 */
	long *jmc;		/* REC_FLAT: column of each member, or -1 */
	size_t jmc_cap;
	size_t *jalias, njalias;	/* REC_FLAT: the columns with an alias */
	int jalias_known;	/* whether jalias is made */
	struct json_kslot *kslot;	/* KEY_WAYS a key position */
	size_t nkslot;		/* positions */

	/* scratch for the rejects stream */
	struct sbuf text, out;

	unsigned long rows, rejected, first_line;
	char first_reason[512];

	/* --delimiter, --null (owned, NULL-ended) and --default (per wanted
	   column, owned, NULL when none) */
	unsigned char delim;
	int trim;		/* --trim */
	char **nulls;
	size_t *null_len;
	char **dflt;
	/* --values: the maps (borrowed) and each column's, or -1; vcol NULL
	   when there are none */
	const struct colvalues *values;
	long *vcol;

	/* source.c, --encoding: raw input cin[0..cin_len) is converted by
	   cd into cv[cv_pos..cv_len), which in_read hands out */
	iconv_t cd;
	int convert, cin_eof, cin_short;
	char *cin, *cv;
	size_t cin_len, cv_pos, cv_len;

	/* read_clf.c: access logs */
	struct reader_clf clf;
	char *feat;
	size_t feat_cap;
	unsigned long clf_users, clf_skipped;
	const struct clf_format *clf_fmt;	/* the format lines are read in */
	struct clf_format *clf_own;	/* the sniffed preset (owned) */
	int clf_sniffed;
};

/* reader.c, the core */
void reader_set_reason(struct reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Reads the next raw row in the reader's format (one switch a row). */
enum raw reader_read_raw(struct reader *r, struct error *err);
/* Counts a bad row, keeps the first, writes it to the rejects stream;
 * with strict, returns -1 with err set. */
int reader_bad_row(struct reader *r, unsigned long line, const char *reason,
		   struct error *err);
/* Wanted column i quoted for a message, in q[0..size). */
const char *reader_col_label(const struct reader *r, size_t i, char *q,
			     size_t size);

/* colmap.c: header names, and the wanted columns resolved against them */
int reader_name_eq(const char *a, size_t alen, const char *b, size_t blen);
char *reader_trimmed_dup(const char *s, size_t n);
/* Resolves the wanted columns against the header (or the first object's
 * keys, raw holding them as written; NULL: as in hdr).  Returns 0 or -1. */
int reader_resolve(struct reader *r, const struct reader_config *cfg,
		   const struct reader_column *cols, size_t ncols,
		   char **raw, unsigned long line, struct error *err);
void reader_columns_release(struct reader *r);
/* At the end of a JSON input: -1 with err set when a --map key or a
 * required column is in no record read (unseen), else 0. */
int reader_keys_missing(const struct reader *r, struct error *err);

/* source.c: the bytes of the input */
/* Opens path (NULL or "-": standard input) for r, with the iconv(3)
 * conversion of --encoding (NULL: none), and reads up to the first line
 * end, past a UTF-8 BOM.  Returns 0, or -1 with err set. */
int reader_source_open(struct reader *r, const char *path,
		       const char *encoding, struct error *err);
void reader_source_release(struct reader *r);
/* The slow half of reader_fill. */
int reader_refill(struct reader *r);
/* Reads more input after in[in_end], growing in[] and keeping all it
 * holds.  Returns 1, 0 at the end, -1 on a read error (in_errno set). */
int reader_grow(struct reader *r);
void reader_read_error(struct reader *r, struct error *err);
/* Reads one physical line into lbuf without its line end, NUL-terminated
 * and writable; it holds until the next call.  RAW_BAD when it is too
 * long (the rest of it is skipped). */
enum raw reader_read_line(struct reader *r, struct error *err);

/* read_csv.c, read_tsv.c, read_clf.c, read_json.c: one raw row each */
void reader_csv_init(struct reader *r);
void reader_csv_release(struct reader *r);
enum raw reader_csv_raw(struct reader *r, struct error *err);
enum raw reader_tsv_raw(struct reader *r, struct error *err);
enum raw reader_md_raw(struct reader *r, struct error *err);
/* Access logs have no header row: their fixed column names. */
void reader_clf_header(struct reader *r);
enum raw reader_clf_raw(struct reader *r, struct error *err);
enum raw reader_json_raw(struct reader *r, struct error *err);
enum raw reader_ndjson_raw(struct reader *r, struct error *err);
/* The first object's keys as the header; resolves the columns. */
int reader_json_header(struct reader *r, const struct reader_config *cfg,
		       const struct reader_column *cols, size_t ncols,
		       struct error *err);
/* read_jsonobj.c: the input at in[in_pos] is an object ('{'): reads it
 * whole and points the reader at its records: the array cfg->json_path
 * names, else its only array, else (no array, or a key naming a required
 * column of cols) the object itself.  Returns 0, or -1 with err set. */
int reader_json_object(struct reader *r, const struct reader_config *cfg,
		       const struct reader_column *cols, size_t ncols,
		       struct error *err);
/* colmap.c: the key or header --map gives for canonical name canon, else
 * canon itself. */
const char *reader_map_name(const struct reader_config *cfg, const char *canon);
/* Builds the record's fields from cur_json or jm[]; 0, or -1 with reason
 * set. */
int reader_json_fields(struct reader *r);
/* The text of a REC_JSON or REC_FLAT record for the rejects stream. */
void reader_json_text(const struct reader *r, struct sbuf *t);
void reader_json_release(struct reader *r);

/* Reads more input when all is consumed.  Returns 1 when bytes are there,
 * 0 at the end, -1 on a read error (in_errno set).  Inline: it is called
 * for every line. */
static inline int reader_fill(struct reader *r)
{
	if (r->in_pos < r->in_end)
		return 1;
	return reader_refill(r);
}

/* reader_set_end: whether the byte at in[in_pos], where a record (or a
 * line) would start, is at or past the end; notes where.  Call with
 * bytes in the buffer. */
static inline int reader_at_end(struct reader *r)
{
	long long at = r->in_base + (long long)r->in_pos;

	if (!r->end_off || at < r->end_off)
		return 0;
	r->stop_off = at;
	r->stop_line = r->line;
	return 1;
}

static inline int reader_is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static inline int reader_has_content(const unsigned char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!reader_is_blank(s[i]))
			return 1;
	return 0;
}

static inline int reader_peek(struct reader *r)
{
	int f = reader_fill(r);

	if (f <= 0)
		return f < 0 ? -2 : -1;
	return r->in[r->in_pos];
}

static inline void reader_row_reset(struct reader *r)
{
	r->nf = 0;
	r->buf_len = 0;
}

/* Makes room in the current row for nf more fields of n bytes in all,
 * so that reader_row_put needs no test; 0, or -1 beyond the limits. */
static inline int reader_row_room(struct reader *r, size_t nf, size_t n)
{
	if (nf > FIELDS_MAX - r->nf || r->buf_len + n + nf > RECORD_MAX + FIELDS_MAX)
		return -1;
	/* vec_reserve grows geometrically; test here, call it rarely */
	if (r->buf_len + n + nf > r->buf_cap)
		r->buf = vec_reserve(r->buf, &r->buf_cap, r->buf_len + n + nf, 1);
	if (r->nf + nf > r->off_cap)
		r->off = vec_reserve(r->off, &r->off_cap, r->nf + nf, sizeof *r->off);
	if (r->nf + nf > r->flen_cap)
		r->flen = vec_reserve(r->flen, &r->flen_cap, r->nf + nf, sizeof *r->flen);
	return 0;
}

/* Ends a field of the n bytes already written at r->buf + r->buf_len, in
 * room made by reader_row_room. */
static inline void reader_row_end(struct reader *r, size_t n)
{
	r->buf[r->buf_len + n] = '\0';
	r->off[r->nf] = r->buf_len;
	r->flen[r->nf] = n;
	r->buf_len += n + 1;
	r->nf++;
}

/* Appends a field to the current row, in room made by reader_row_room. */
static inline void reader_row_put(struct reader *r, const char *s, size_t n)
{
	if (n)
		memcpy(r->buf + r->buf_len, s, n);
	reader_row_end(r, n);
}

/* Appends a field to the current row; 0, or -1 when the row grows beyond
 * the limits. */
static inline int reader_row_add(struct reader *r, const char *s, size_t n)
{
	if (reader_row_room(r, 1, n) != 0)
		return -1;
	reader_row_put(r, s, n);
	return 0;
}

#endif
