/* reader: the core of the record reader.  It opens the input (source.c),
 * picks the format (--input-format, the extension, else sniffed from the
 * first line), reads the header and resolves the wanted columns
 * (colmap.c), then for each record reads a raw row in that format
 * (read_csv.c, read_tsv.c, read_clf.c, read_json.c, chosen by one switch
 * per row), makes the wanted fields of it, checks them, and rejects bad
 * rows to the --rejects stream.  struct reader (reader_int.h) holds one
 * growing buffer with the current row's fields and two arrays of their
 * offsets and lengths; field pointers are built when the row is complete,
 * so the steady state allocates nothing per row (except jansson's values
 * for JSON). */
#include "io/reader.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/clf.h"
#include "io/reader_int.h"
#include "base/sbuf.h"
#include "base/text.h"
#include "base/utf8.h"
#include "base/xalloc.h"

/* ---- formats ---- */

int reader_format_parse(const char *name, enum reader_format *f)
{
	static const struct {
		const char *name;
		enum reader_format f;
	} t[] = {
		{"auto", READER_AUTO}, {"csv", READER_CSV}, {"tsv", READER_TSV},
		{"json", READER_JSON}, {"ndjson", READER_NDJSON},
		{"jsonl", READER_NDJSON}, {"clf", READER_CLF}, {"md", READER_MD},
		{"markdown", READER_MD},
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		if (strcmp(name, t[i].name) == 0) {
			*f = t[i].f;
			return 0;
		}
	}
	return -1;
}

const char *reader_format_name(enum reader_format f)
{
	switch (f) {
	case READER_AUTO: return "auto";
	case READER_CSV: return "csv";
	case READER_TSV: return "tsv";
	case READER_JSON: return "json";
	case READER_NDJSON: return "ndjson";
	case READER_CLF: return "clf";
	case READER_MD: return "md";
	}
	return "unknown";
}

static enum reader_format format_from_ext(const char *path)
{
	static const struct {
		const char *ext;
		enum reader_format f;
	} t[] = {
		{"csv", READER_CSV}, {"tsv", READER_TSV}, {"tab", READER_TSV},
		{"json", READER_JSON}, {"ndjson", READER_NDJSON},
		{"jsonl", READER_NDJSON}, {"md", READER_MD}, {"markdown", READER_MD},
	};
	const char *base = strrchr(path, '/');
	const char *dot;
	size_t i;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (!dot || dot == base)
		return READER_AUTO;
	dot++;
	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		if (text_casecmp(dot, t[i].ext) == 0)
			return t[i].f;
	return READER_AUTO;
}

/* Whether the line at p (up to end or a LF) is one whole JSON object
 * without an array at its top: an NDJSON record.  Anything else that
 * starts with '{' is read as one JSON document (read_jsonobj.c), which
 * goes on as NDJSON when another object follows the first. */
static int one_line_record(const unsigned char *p, const unsigned char *end)
{
	size_t depth = 0;
	int instr = 0, esc = 0;

	for (; p < end && *p != '\n'; p++) {
		if (instr) {
			if (esc)
				esc = 0;
			else if (*p == '\\')
				esc = 1;
			else if (*p == '"')
				instr = 0;
		} else if (*p == '"') {
			instr = 1;
		} else if (*p == '[' && depth == 1) {
			return 0;
		} else if (*p == '{' || *p == '[') {
			depth++;
		} else if ((*p == '}' || *p == ']') && --depth == 0) {
			return 1;
		}
	}
	return 0;
}

static enum reader_format sniff(const struct reader *r,
				 const struct clf_format *log_format)
{
	const unsigned char *p = r->in + r->in_pos;
	const unsigned char *end = r->in + r->in_end;
	const unsigned char *nl;
	int tab = 0, comma = 0;

	nl = memchr(p, '\n', (size_t)(end - p));
	/* an access log first: Confluence's begins with "[dd/Mon/yyyy" */
	if (clf_sniff((const char *)p, (size_t)((nl ? nl : end) - p)) ||
	    (log_format && clf_format_reads(log_format, (const char *)p,
					    (size_t)((nl ? nl : end) - p))))
		return READER_CLF;
	while (p < end && reader_is_blank(*p))
		p++;
	if (p < end && *p == '[')
		return READER_JSON;
	if (p < end && *p == '{')
		return one_line_record(p, end) ? READER_NDJSON : READER_JSON;
	if (p < end && *p == '|')
		return READER_MD;
	p = r->in + r->in_pos;
	if (nl)
		end = nl;
	for (; p < end; p++) {
		if (*p == '\t')
			tab = 1;
		else if (*p == ',')
			comma = 1;
	}
	return tab && !comma ? READER_TSV : READER_CSV;
}

enum reader_format reader_format_of_path(const char *path)
{
	return format_from_ext(path);
}

/* ---- records ---- */

void reader_set_reason(struct reader *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->reason, sizeof r->reason, fmt, ap);
	va_end(ap);
}

/* Appends s as one CSV field, quoted when it has to be. */
static void add_csv_field(struct sbuf *b, const char *s, size_t n)
{
	size_t i;
	int quote = n > 0 && (s[0] == ' ' || s[n - 1] == ' ');

	for (i = 0; i < n && !quote; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			quote = 1;
	if (!quote) {
		sbuf_add(b, s, n);
		return;
	}
	sbuf_addc(b, '"');
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			sbuf_addc(b, '"');
		sbuf_addc(b, s[i]);
	}
	sbuf_addc(b, '"');
}

enum raw reader_read_raw(struct reader *r, struct error *err)
{
	r->row_plain = 0;	/* until csv_split says so */
	if (r->cur_json) {
		json_decref(r->cur_json);
		r->cur_json = NULL;
	}
	switch (r->fmt) {
	case READER_TSV:
		return reader_tsv_raw(r, err);
	case READER_JSON:
		return reader_json_raw(r, err);
	case READER_NDJSON:
		return reader_ndjson_raw(r, err);
	case READER_CLF:
		return reader_clf_raw(r, err);
	case READER_MD:
		return reader_md_raw(r, err);
	case READER_CSV:
	case READER_AUTO:
		break;
	}
	return reader_csv_raw(r, err);
}

/* The text of the current record: CSV fields re-joined as CSV, TSV fields
 * by tabs, JSON in compact form or as read when it did not parse. */
static void record_text(struct reader *r, struct sbuf *t)
{
	size_t i;

	t->len = 0;
	sbuf_add(t, "", 0);
	switch (r->rec_kind) {
	case REC_FIELDS:
		for (i = 0; i < r->nf; i++) {
			const char *s = r->fbase + r->off[i];
			if (i)
				sbuf_addc(t, r->fmt == READER_TSV ? '\t' : ',');
			if (r->fmt == READER_TSV)
				sbuf_add(t, s, r->flen[i]);
			else
				add_csv_field(t, s, r->flen[i]);
		}
		break;
	case REC_JSON:
	case REC_FLAT:
		reader_json_text(r, t);
		break;
	case REC_RAW:
		sbuf_add(t, r->raw, r->raw_len);
		break;
	}
}

/* reader_bad_row: see reader_int.h. */
int reader_bad_row(struct reader *r, unsigned long line, const char *reason,
		   struct error *err)
{
	r->rejected++;
	if (r->rejected == 1) {
		r->first_line = line;
		snprintf(r->first_reason, sizeof r->first_reason, "%s", reason);
	}
	if (r->rejects) {
		char num[32];
		struct sbuf *o = &r->out;
		record_text(r, &r->text);
		o->len = 0;
		add_csv_field(o, r->path, strlen(r->path));
		snprintf(num, sizeof num, ",%lu,", line);
		sbuf_add(o, num, strlen(num));
		add_csv_field(o, reason, strlen(reason));
		sbuf_addc(o, ',');
		add_csv_field(o, r->text.p, r->text.len);
		sbuf_addc(o, '\n');
		fwrite(o->p, 1, o->len, r->rejects);
	}
	if (r->strict) {
		error_set(err, r->path, line, "%s", reason);
		return -1;
	}
	return 0;
}

const char *reader_column_canon(const struct reader *r, size_t i)
{
	return r->raw_mode ? r->colname[i] : r->canon[i];
}

const char *reader_col_label(const struct reader *r, size_t i, char *q, size_t size)
{
	const char *n = reader_column_canon(r, i);

	return error_quote(q, size, n, strlen(n));
}

/* --null: a value that is one of the words is absent; --values: a value
 * with a value map becomes its TO; --default: an absent or empty value of
 * a column with a default takes it. */
static void fill_values(struct reader *r)
{
	size_t i, j;

	for (i = 0; i < r->ncols; i++) {
		for (j = 0; r->field[i] && r->nulls && r->nulls[j]; j++) {
			if (r->len[i] == r->null_len[j] &&
			    memcmp(r->field[i], r->nulls[j], r->len[i]) == 0) {
				r->field[i] = NULL;
				r->len[i] = 0;
			}
		}
		if (r->vcol && r->vcol[i] >= 0 && r->field[i]) {
			size_t n;
			const char *to = colvalues_map(r->values, (size_t)r->vcol[i],
						       r->field[i], r->len[i], &n);
			if (to) {
				r->field[i] = to;
				r->len[i] = n;
			}
		}
		if (r->dflt && r->dflt[i] && (!r->field[i] || r->len[i] == 0)) {
			r->field[i] = r->dflt[i];
			r->len[i] = strlen(r->dflt[i]);
		}
	}
}

/* --trim: spaces and tabs around each value are padding.  The values lie
 * in the reader's own buffers, so the new end can be a NUL again. */
static void trim_values(struct reader *r)
{
	size_t i;

	for (i = 0; i < r->ncols; i++) {
		const char *s = r->field[i];
		size_t n = r->len[i];

		if (!s || n == 0)
			continue;
		text_strip(&s, &n, TEXT_BLANKS);
		if (n != r->len[i]) {
			((char *)(uintptr_t)s)[n] = '\0';
			r->field[i] = s;
			r->len[i] = n;
		}
	}
}

static int check_values(struct reader *r)
{
	size_t i;
	char q[160];

	if (r->trim)
		trim_values(r);
	if (r->nulls || r->dflt || r->vcol)
		fill_values(r);
	for (i = 0; i < r->ncols; i++) {
		/* a value from a plain line (not a --default) is plain, and
		 * one that jsonflat read is UTF-8 without a NUL byte */
		int odd = r->field[i] &&
			  !(r->row_plain && r->src[i] >= 0 &&
			    r->field[i] == r->fbase + r->off[r->src[i]]) &&
			  !(r->rec_kind == REC_FLAT &&
			    !(r->dflt && r->field[i] == r->dflt[i])) &&
			  !utf8_ascii(r->field[i], r->len[i]);

		if (odd && !utf8_valid(r->field[i], r->len[i])) {
			reader_set_reason(r, "column %s: invalid UTF-8",
				   reader_col_label(r, i, q, sizeof q));
			return -1;
		}
		/* a NUL would silently cut the value short where it is used
		 * as a C string */
		if (odd && memchr(r->field[i], '\0', r->len[i])) {
			reader_set_reason(r, "column %s: NUL byte",
				   reader_col_label(r, i, q, sizeof q));
			return -1;
		}
		if (r->required[i] && (!r->field[i] || r->len[i] == 0)) {
			reader_set_reason(r, "column %s: missing value",
				   reader_col_label(r, i, q, sizeof q));
			return -1;
		}
	}
	return 0;
}

/* Turns the raw row just read into the record's fields; 0, or -1 with
 * reason set. */
static int make_record(struct reader *r)
{
	size_t i;

	if (r->fmt == READER_JSON || r->fmt == READER_NDJSON) {
		if (reader_json_fields(r) < 0)
			return -1;
		return check_values(r);
	}
	if (r->nf != r->nhdr) {
		reader_set_reason(r, "expected %zu fields, found %zu", r->nhdr, r->nf);
		return -1;
	}
	for (i = 0; i < r->ncols; i++) {
		long s = r->src[i];
		if (s < 0) {
			r->field[i] = NULL;
			r->len[i] = 0;
		} else {
			r->field[i] = r->fbase + r->off[s];
			r->len[i] = r->flen[s];
		}
	}
	return check_values(r);
}

int reader_next(struct reader *r, struct record *rec, struct error *err)
{
	for (;;) {
		enum raw k;

		if (r->pending) {
			r->pending = 0;
			k = RAW_OK;
		} else {
			long long done = r->done_off;
			k = reader_read_raw(r, err);
			if (r->follow && (k == RAW_OK || k == RAW_BAD) &&
			    r->done_off == done)
				return 0;	/* not ended yet: held back */
		}
		if (k == RAW_FATAL)
			return -1;
		if (k == RAW_EOF)
			return r->nunseen && reader_keys_missing(r, err) < 0 ? -1 : 0;
		if (k == RAW_OK && make_record(r) == 0) {
			rec->field = r->field;
			rec->len = r->len;
			rec->nfields = r->ncols;
			rec->line = r->rec_line;
			r->rows++;
			return 1;
		}
		if (reader_bad_row(r, r->rec_line, r->reason, err) < 0)
			return -1;
	}
}

int reader_reject(struct reader *r, const struct record *rec,
		  const char *reason, struct error *err)
{
	if (r->rows > 0)
		r->rows--;
	return reader_bad_row(r, rec->line, reason, err);
}

/* ---- opening ---- */

/* Reads the header row (CSV, TSV) or the first object (JSON, NDJSON) and
 * resolves the columns. */
static int read_header(struct reader *r, const struct reader_config *cfg,
		       const struct reader_column *cols, size_t ncols,
		       struct error *err)
{
	if (r->fmt == READER_CLF) {
		/* no header row: the columns are fixed */
		reader_clf_header(r);
		return reader_resolve(r, cfg, cols, ncols, NULL, 1, err);
	}
	if (r->fmt == READER_CSV || r->fmt == READER_TSV || r->fmt == READER_MD) {
		enum raw k = reader_read_raw(r, err);
		size_t i;

		if (k == RAW_FATAL)
			return -1;
		if (k == RAW_EOF) {
			error_set(err, r->path, r->line, "empty input: no header row");
			return -1;
		}
		if (k == RAW_BAD) {
			error_set(err, r->path, r->rec_line, "header: %s", r->reason);
			return -1;
		}
		r->nhdr = r->nf;
		r->hdr = xcalloc(r->nhdr ? r->nhdr : 1, sizeof *r->hdr);
		for (i = 0; i < r->nhdr; i++)
			r->hdr[i] = reader_trimmed_dup(r->fbase + r->off[i], r->flen[i]);
		/* names become JSON keys and messages: they must be text */
		for (i = 0; i < r->nhdr; i++) {
			if (!utf8_valid(r->fbase + r->off[i], r->flen[i]) ||
			    memchr(r->fbase + r->off[i], '\0', r->flen[i])) {
				char q[80];
				error_set(err, r->path, r->rec_line,
					  "header: column %zu: name %s is not UTF-8 text", i + 1,
					  error_quote(q, sizeof q, r->fbase + r->off[i], r->flen[i]));
				err->column = i + 1;
				return -1;
			}
		}
		r->have_keys = 1;
		return reader_resolve(r, cfg, cols, ncols, NULL, r->rec_line, err);
	}
	return reader_json_header(r, cfg, cols, ncols, err);
}

/* Whether the row just read is the header hdr: the same names, as
 * read_header keeps them. */
static int is_header_row(const struct reader *r)
{
	size_t i;

	if (r->nf != r->nhdr)
		return 0;
	for (i = 0; i < r->nhdr; i++) {
		char *t = reader_trimmed_dup(r->fbase + r->off[i], r->flen[i]);
		int same = strcmp(t, r->hdr[i]) == 0;
		free(t);
		if (!same)
			return 0;
	}
	return 1;
}

/* cfg->header, CSV or TSV: takes its names and looks at the input's
 * first row: the same header again is skipped, anything else is the
 * first record (pending). */
static int given_header(struct reader *r, const struct reader_config *cfg,
			const struct reader_column *cols, size_t ncols,
			struct error *err)
{
	enum raw k;
	size_t i;

	r->nhdr = cfg->nheader;
	r->hdr = xcalloc(r->nhdr ? r->nhdr : 1, sizeof *r->hdr);
	for (i = 0; i < r->nhdr; i++)
		r->hdr[i] = xstrdup(cfg->header[i]);
	r->have_keys = 1;
	if (reader_resolve(r, cfg, cols, ncols, NULL, 1, err) != 0)
		return -1;
	k = reader_read_raw(r, err);
	if (k == RAW_FATAL)
		return -1;
	if (k == RAW_BAD)
		return reader_bad_row(r, r->rec_line, r->reason, err) < 0 ? -1 : 0;
	if (k == RAW_OK && !is_header_row(r))
		r->pending = 1;
	return 0;
}

/* Takes the options of cfg about values: --delimiter, --null (the byte
 * source takes --encoding). */
static void set_options(struct reader *r, const struct reader_config *cfg)
{
	size_t n = 0;

	r->delim = cfg->delimiter ? (unsigned char)cfg->delimiter : ',';
	r->trim = cfg->trim != 0;
	while (cfg->nulls && cfg->nulls[n])
		n++;
	if (n > 0) {
		size_t i;
		r->nulls = xcalloc(n + 1, sizeof *r->nulls);
		r->null_len = xcalloc(n, sizeof *r->null_len);
		for (i = 0; i < n; i++) {
			r->nulls[i] = xstrdup(cfg->nulls[i]);
			r->null_len[i] = strlen(cfg->nulls[i]);
		}
	}
}

struct reader *reader_open(const char *path, const struct reader_config *cfg,
			   const struct reader_column *cols, size_t ncols,
			   struct error *err)
{
	static const struct reader_config defaults;
	struct reader *r = xcalloc(1, sizeof *r);
	int rc;

	if (!cfg)
		cfg = &defaults;
	r->strict = cfg->strict;
	r->rejects = cfg->rejects;
	set_options(r, cfg);
	if (reader_source_open(r, path, cfg->encoding, err) < 0)
		goto fail;
	r->fmt = cfg->format;
	if (r->fmt == READER_AUTO && path && strcmp(path, "-") != 0)
		r->fmt = format_from_ext(path);
	if (r->fmt == READER_AUTO)
		r->fmt = sniff(r, cfg->log_format);
	if (r->fmt == READER_TSV && cfg->delimiter)
		r->fmt = READER_CSV;
	if (r->fmt == READER_NDJSON && cfg->json_path)
		r->fmt = READER_JSON;	/* one document holding the records */
	if (r->fmt == READER_CSV)
		reader_csv_init(r);
	if (cfg->header && (r->fmt == READER_CSV || r->fmt == READER_TSV))
		rc = given_header(r, cfg, cols, ncols, err);
	else
		rc = read_header(r, cfg, cols, ncols, err);
	if (rc < 0)
		goto fail;
	return r;
fail:
	reader_close(r);
	return NULL;
}

void reader_close(struct reader *r)
{
	size_t i;

	if (!r)
		return;
	reader_source_release(r);
	reader_csv_release(r);
	reader_json_release(r);
	reader_columns_release(r);
	for (i = 0; r->nulls && r->nulls[i]; i++)
		free(r->nulls[i]);
	free(r->nulls);
	free(r->null_len);
	free(r->buf);
	free(r->off);
	free(r->flen);
	free(r->feat);
	clf_format_free(r->clf_own);
	free(r->text.p);
	free(r->out.p);
	free(r);
}

/* ---- accessors ---- */

void reader_set_slow_paths(struct reader *r, int on)
{
	r->slow = on != 0;
}

const char *const *reader_header(const struct reader *r, size_t *n)
{
	*n = 0;
	if ((r->fmt != READER_CSV && r->fmt != READER_TSV && r->fmt != READER_MD) ||
	    !r->hdr)
		return NULL;
	*n = r->nhdr;
	return (const char *const *)r->hdr;
}

const char *reader_path(const struct reader *r)
{
	return r->path;
}

enum reader_format reader_format(const struct reader *r)
{
	return r->fmt;
}

size_t reader_ncolumns(const struct reader *r)
{
	return r->ncols;
}

const char *reader_column_name(const struct reader *r, size_t i)
{
	return i < r->ncols ? r->colname[i] : NULL;
}

int reader_has_column(const struct reader *r, size_t i)
{
	return i < r->ncols && r->present[i];
}

double reader_latency_scale(const struct reader *r)
{
	if (r->fmt == READER_CLF)
		return 1;	/* clf_parse gives ms in the unit it was told */
	switch (r->clf.latency_unit) {
	case CLF_LATENCY_US:
		return 0.001;
	case CLF_LATENCY_S:
		return 1000;
	case CLF_LATENCY_AUTO:
	case CLF_LATENCY_MS:
		break;
	}
	return 1;
}

unsigned long reader_rows(const struct reader *r)
{
	return r->rows;
}

unsigned long reader_rejected(const struct reader *r)
{
	return r->rejected;
}

unsigned long reader_first_reject_line(const struct reader *r)
{
	return r->first_line;
}

const char *reader_first_reject_reason(const struct reader *r)
{
	return r->first_reason;	/* "" when nothing was rejected */
}
