/* reader: records from CSV (libcsv, fed one physical line at a time so that
 * each record knows the line it starts on), TSV, JSON arrays (scanned for
 * each element's extent, then parsed by jansson one element at a time) and
 * NDJSON.  One growing buffer holds the bytes of the current row's fields
 * and two arrays their offsets and lengths; field pointers are built when
 * the row is complete, so the steady state allocates nothing per row
 * (except jansson's values for JSON). */
#include "io/reader.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <jansson.h>

#include "io/csvsplit.h"
#include "io/jsonflat.h"
#include "base/sbuf.h"
#include "base/text.h"
#include "base/utf8.h"
#include "base/xalloc.h"

#define READER_BUFSIZE	(64 * 1024)
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

struct colmap {
	char **canon, **header;
	size_t n, cap;
};

struct reader {
	char *path;		/* display name */
	FILE *fp;
	int own_fp;
	enum reader_format fmt;
	int strict;
	FILE *rejects;

	/* input buffer: in[pos..end) not yet consumed */
	unsigned char *in;
	size_t in_pos, in_end;
	int in_eof, in_errno;
	unsigned long line;	/* line of in[in_pos], 1-based */
	long long in_base;	/* file offset of in[0] */
	long long done_off;	/* offset after the last record that ended
				   with a line end (reader_offset) */
	unsigned long done_line;	/* the line there */

	/* header names (trimmed, owned) */
	char **hdr;
	size_t nhdr;
	/* JSON: whether an object was seen to take keys from */
	int have_keys;

	/* columns of a record */
	size_t ncols;
	int raw_mode;
	char **canon;		/* wanted: canonical names (owned) */
	char **target;		/* JSON: the key looked for (owned) */
	const char **colname;	/* display names (point into hdr or canon) */
	long *src;		/* CSV/TSV: header index, or -1 */
	long *alias;		/* JSON: earlier column with the same key, or -1 */
	int *present;
	int *required;
	const char **field;
	size_t *len;

	/* the current row's fields */
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

	/* CSV */
	struct csv_parser csv;
	int csv_ready;
	int in_record, row_done, too_long, skipping;
	int slow;		/* no fast path: libcsv, jansson only (tests) */
	int row_plain;		/* csv_split: the line is ASCII without NUL */
	size_t rec_bytes;

	/* TSV and NDJSON: the current line */
	char *lbuf;
	size_t llen, lcap;

	/* JSON */
	enum js_state js;
	char *ebuf;
	size_t elen, ecap;
	json_t *cur_json;
	int pending;		/* cur_json is a record not yet returned */
	json_t **jv;
	struct jsonflat_member *jm;	/* REC_FLAT: the members */
	size_t njm, jm_cap;
	long *jmi;		/* REC_FLAT: member of each column, or -1 */
	char **kcache;
	long *kcol;
	size_t nkcache;

	/* scratch for the rejects stream */
	struct sbuf text, out;

	unsigned long rows, rejected, first_line;
	char first_reason[512];

	/* --delimiter, --null (owned, NULL-ended) and --default (per wanted
	   column, owned, NULL when none) */
	unsigned char delim;
	char **nulls;
	size_t *null_len;
	char **dflt;

	/* --encoding: raw input cin[0..cin_len) is converted by cd into
	   cv[cv_pos..cv_len), which in_read hands out */
	iconv_t cd;
	int convert, cin_eof, cin_short;
	char *cin, *cv;
	size_t cin_len, cv_pos, cv_len;

	/* access logs */
	struct reader_clf clf;
	char *feat;
	size_t feat_cap;
	unsigned long clf_users, clf_skipped;
};

/* ---- small helpers ---- */

/* Appends s as one CSV field, quoted when it has to be. */
static void sbuf_csv(struct sbuf *b, const char *s, size_t n)
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

static int is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Trims surrounding white space and leading byte order marks.  Not
 * text_trim: reader's blanks are JSON's four (no VT, FF), mixed with BOMs. */
static void trim(const char **s, size_t *n)
{
	const char *p = *s;
	size_t len = *n;

	for (;;) {
		if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
			p += 3;
			len -= 3;
		} else if (len > 0 && is_blank((unsigned char)p[0])) {
			p++;
			len--;
		} else {
			break;
		}
	}
	while (len > 0 && is_blank((unsigned char)p[len - 1]))
		len--;
	*s = p;
	*n = len;
}

/* Header names are equal when, trimmed, they differ only in ASCII case. */
static int name_eq(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i;

	trim(&a, &alen);
	trim(&b, &blen);
	if (alen != blen)
		return 0;
	for (i = 0; i < alen; i++)
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
			return 0;
	return 1;
}

static char *trimmed_dup(const char *s, size_t n)
{
	trim(&s, &n);
	return xmemdup(s, n);
}

static void set_reason(struct reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void set_reason(struct reader *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->reason, sizeof r->reason, fmt, ap);
	va_end(ap);
}

static const char *errno_text(int e, char *buf, size_t size)
{
	snprintf(buf, size, "%s", strerror(e));
	if (buf[0])
		buf[0] = (char)tolower((unsigned char)buf[0]);
	return buf;
}

/* ---- formats ---- */

int reader_format_parse(const char *name, enum reader_format *f)
{
	static const struct {
		const char *name;
		enum reader_format f;
	} t[] = {
		{"auto", READER_AUTO}, {"csv", READER_CSV}, {"tsv", READER_TSV},
		{"json", READER_JSON}, {"ndjson", READER_NDJSON},
		{"jsonl", READER_NDJSON}, {"clf", READER_CLF},
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
		{"jsonl", READER_NDJSON},
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

/* ---- --map ---- */

struct colmap *colmap_new(void)
{
	return xcalloc(1, sizeof(struct colmap));
}

void colmap_free(struct colmap *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->n; i++) {
		free(m->canon[i]);
		free(m->header[i]);
	}
	free(m->canon);
	free(m->header);
	free(m);
}

/* Reads one side of a pair at *pp up to a byte of stop (or the end): a
 * double-quoted name ("" for a quote inside) or a bare one, trimmed.
 * Returns 0, or -1 for an unterminated quote. */
static int map_token(const char **pp, const char *stop, struct sbuf *tok)
{
	const char *p = *pp;

	tok->len = 0;
	sbuf_add(tok, "", 0);
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '"') {
		p++;
		for (;;) {
			if (!*p)
				return -1;
			if (*p == '"') {
				if (p[1] != '"')
					break;
				p++;
			}
			sbuf_addc(tok, *p++);
		}
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
	} else {
		const char *s = p;
		size_t n;
		while (*p && !strchr(stop, *p))
			p++;
		n = (size_t)(p - s);
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		sbuf_add(tok, s, n);
	}
	*pp = p;
	return 0;
}

int colmap_add(struct colmap *m, const char *spec, struct error *err)
{
	const char *p = spec;
	struct sbuf a = {0}, b = {0};
	char q[128];
	int rc = -1;

	for (;;) {
		const char *pair = p;
		const char *end;
		if (map_token(&p, "=,", &a) < 0 || *p != '=') {
			end = strchr(pair, ',');
			error_set(err, NULL, 0, "--map: %s is not canonical=header",
				  error_quote(q, sizeof q, pair,
					      end ? (size_t)(end - pair) : strlen(pair)));
			goto out;
		}
		p++;
		if (map_token(&p, ",", &b) < 0 || (*p && *p != ',')) {
			error_set(err, NULL, 0, "--map: bad header name in %s",
				  error_quote(q, sizeof q, pair, strlen(pair)));
			goto out;
		}
		if (a.len == 0 || b.len == 0) {
			error_set(err, NULL, 0, "--map: empty name in %s",
				  error_quote(q, sizeof q, pair, (size_t)(p - pair)));
			goto out;
		}
		m->canon = vec_reserve(m->canon, &m->cap, m->n + 1, sizeof *m->canon);
		m->header = xreallocarray(m->header, m->cap, sizeof *m->header);
		m->canon[m->n] = xmemdup(a.p, a.len);
		m->header[m->n] = xmemdup(b.p, b.len);
		m->n++;
		if (!*p)
			break;
		p++;
	}
	rc = 0;
out:
	free(a.p);
	free(b.p);
	return rc;
}

/* The header --map gives for a canonical name (the last pair wins). */
static const char *colmap_lookup(const struct colmap *m, const char *canon)
{
	size_t i;

	if (!m)
		return NULL;
	for (i = m->n; i-- > 0;)
		if (name_eq(m->canon[i], strlen(m->canon[i]), canon, strlen(canon)))
			return m->header[i];
	return NULL;
}

/* ---- input buffer ---- */

#define CONV_SIZE	(64 * 1024)

int reader_encoding_ok(const char *name)
{
	iconv_t cd = iconv_open("UTF-8", name);

	if (cd == (iconv_t)-1)
		return 0;
	iconv_close(cd);
	return 1;
}

/* --encoding: refills cv with converted input (left empty at the end).  A
 * byte the encoding does not allow, or a sequence cut off by the end of
 * the input, becomes 0xFF, which no UTF-8 text holds: its row is then
 * rejected as invalid UTF-8 with its line number, not dropped silently.
 * Returns 0, or -1 on a read error (ferror set). */
static int conv_fill(struct reader *r)
{
	r->cv_pos = r->cv_len = 0;
	while (r->cv_len == 0) {
		char *inp = r->cin, *out = r->cv;
		size_t inl = r->cin_len, outl = CONV_SIZE, rc;
		int e;

		if (r->cin_len == 0 || r->cin_short) {
			size_t n;
			if (r->cin_eof) {
				if (r->cin_len > 0) {
					r->cv[r->cv_len++] = '\xFF';
					r->cin_len = 0;
				}
				return 0;
			}
			n = fread(r->cin + r->cin_len, 1, CONV_SIZE - r->cin_len, r->fp);
			if (n == 0) {
				if (ferror(r->fp))
					return -1;
				r->cin_eof = 1;
			}
			r->cin_len += n;
			r->cin_short = 0;
			continue;
		}
		errno = 0;
		rc = iconv(r->cd, &inp, &inl, &out, &outl);
		e = errno;
		r->cv_len = CONV_SIZE - outl;
		memmove(r->cin, inp, inl);
		r->cin_len = inl;
		if (rc != (size_t)-1 || e == E2BIG)
			continue;
		if (e == EINVAL) {
			r->cin_short = 1;
		} else if (outl > 0) {
			/* EILSEQ (or anything else): skip one byte */
			r->cv[r->cv_len++] = '\xFF';
			memmove(r->cin, r->cin + 1, --r->cin_len);
		}
	}
	return 0;
}

/* fread(3) of the input, converted to UTF-8 with --encoding. */
static size_t in_read(struct reader *r, unsigned char *dst, size_t cap)
{
	size_t n;

	if (!r->convert)
		return fread(dst, 1, cap, r->fp);
	if (r->cv_pos == r->cv_len && conv_fill(r) < 0)
		return 0;
	n = r->cv_len - r->cv_pos;
	if (n > cap)
		n = cap;
	memcpy(dst, r->cv + r->cv_pos, n);
	r->cv_pos += n;
	return n;
}

/* Reads more input when all is consumed.  Returns 1 when bytes are there,
 * 0 at the end, -1 on a read error (in_errno set). */
static int in_fill(struct reader *r)
{
	size_t n;

	if (r->in_pos < r->in_end)
		return 1;
	if (r->in_eof)
		return 0;
	r->in_base += (long long)r->in_end;
	r->in_pos = r->in_end = 0;
	n = in_read(r, r->in, READER_BUFSIZE);
	if (n == 0) {
		if (ferror(r->fp)) {
			r->in_errno = errno ? errno : EIO;
			return -1;
		}
		r->in_eof = 1;
		return 0;
	}
	r->in_end = n;
	return 1;
}

/* For sniffing: reads until the buffer holds a newline, is full, or the
 * input ends, without consuming anything.  Returns 0 or -1. */
static int in_fill_line(struct reader *r)
{
	while (!r->in_eof && r->in_end - r->in_pos < READER_BUFSIZE &&
	       !memchr(r->in + r->in_pos, '\n', r->in_end - r->in_pos)) {
		size_t n;
		if (r->in_pos > 0) {
			r->in_base += (long long)r->in_pos;
			memmove(r->in, r->in + r->in_pos, r->in_end - r->in_pos);
			r->in_end -= r->in_pos;
			r->in_pos = 0;
		}
		n = in_read(r, r->in + r->in_end, READER_BUFSIZE - r->in_end);
		if (n == 0) {
			if (ferror(r->fp)) {
				r->in_errno = errno ? errno : EIO;
				return -1;
			}
			r->in_eof = 1;
		}
		r->in_end += n;
	}
	return 0;
}

static int in_peek(struct reader *r)
{
	int f = in_fill(r);

	if (f <= 0)
		return f < 0 ? -2 : -1;
	return r->in[r->in_pos];
}

static void read_error(struct reader *r, struct error *err)
{
	char e[128];

	error_set(err, r->path, r->line, "read error: %s",
		  errno_text(r->in_errno, e, sizeof e));
}

static enum reader_format sniff(const struct reader *r)
{
	const unsigned char *p = r->in + r->in_pos;
	const unsigned char *end = r->in + r->in_end;
	const unsigned char *nl;
	int tab = 0, comma = 0;

	while (p < end && is_blank(*p))
		p++;
	if (p < end && *p == '[')
		return READER_JSON;
	if (p < end && *p == '{')
		return READER_NDJSON;
	p = r->in + r->in_pos;
	nl = memchr(p, '\n', (size_t)(end - p));
	if (nl)
		end = nl;
	if (clf_sniff((const char *)p, (size_t)(end - p)))
		return READER_CLF;
	for (; p < end; p++) {
		if (*p == '\t')
			tab = 1;
		else if (*p == ',')
			comma = 1;
	}
	return tab && !comma ? READER_TSV : READER_CSV;
}

/* ---- the current row's fields ---- */

static void row_reset(struct reader *r)
{
	r->nf = 0;
	r->buf_len = 0;
}

/* Appends a field to the current row; 0, or -1 when the row grows beyond
 * the limits. */
static int row_add(struct reader *r, const char *s, size_t n)
{
	if (r->nf >= FIELDS_MAX || r->buf_len + n + 1 > RECORD_MAX + FIELDS_MAX)
		return -1;
	/* vec_reserve grows geometrically; test here, call it rarely */
	if (r->buf_len + n + 1 > r->buf_cap)
		r->buf = vec_reserve(r->buf, &r->buf_cap, r->buf_len + n + 1, 1);
	if (r->nf >= r->off_cap)
		r->off = vec_reserve(r->off, &r->off_cap, r->nf + 1, sizeof *r->off);
	if (r->nf >= r->flen_cap)
		r->flen = vec_reserve(r->flen, &r->flen_cap, r->nf + 1, sizeof *r->flen);
	if (n)
		memcpy(r->buf + r->buf_len, s, n);
	r->buf[r->buf_len + n] = '\0';
	r->off[r->nf] = r->buf_len;
	r->flen[r->nf] = n;
	r->buf_len += n + 1;
	r->nf++;
	return 0;
}

/* ---- CSV ---- */

static void csv_field_cb(void *s, size_t n, void *data)
{
	struct reader *r = data;

	if (r->too_long)
		return;
	if (row_add(r, s ? s : "", s ? n : 0) < 0)
		r->too_long = 1;
}

static void csv_row_cb(int c, void *data)
{
	struct reader *r = data;

	(void)c;
	r->row_done = 1;
}

/* Only LF ends a row (so that it is the last byte of what we feed); a CR
 * before it is trailing white space, dropped from unquoted fields and
 * after a closing quote. */
static int csv_is_term(unsigned char c)
{
	return c == '\n';
}

static int csv_is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static void csv_reset(struct reader *r)
{
	csv_fini(&r->csv, NULL, NULL, NULL);
	r->row_done = 0;
	r->in_record = 0;
}

static size_t csv_feed(struct reader *r, const void *s, size_t n)
{
	size_t blk = csv_get_buffer_size(&r->csv);

	/* grow libcsv's field buffer geometrically, not by 128 bytes */
	csv_set_blk_size(&r->csv, blk < 4096 ? 4096 : blk);
	/* Without a CR, libcsv's built-in tests (space: SP TAB; end of row:
	 * CR LF) class every byte as csv_is_space and csv_is_term do, and
	 * are inlined; calling through the pointers for each byte doubles
	 * the time of csv_parse (bench/README.md).  libcsv reads the
	 * pointers once per call, so switching between calls is safe. */
	if (memchr(s, '\r', n)) {
		csv_set_term_func(&r->csv, csv_is_term);
		csv_set_space_func(&r->csv, csv_is_space);
	} else {
		csv_set_term_func(&r->csv, NULL);
		csv_set_space_func(&r->csv, NULL);
	}
	return csv_parse(&r->csv, s, n, csv_field_cb, csv_row_cb, r);
}

static int has_content(const unsigned char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_blank(s[i]))
			return 1;
	return 0;
}

/* The fast path: a whole line s[0..n) (without its LF) that holds no
 * quote, read as libcsv would read it (csvsplit.h) into the row.  It also
 * tells whether the line is plain ASCII: one test for the line spares
 * check_values one for each field. */
static void csv_split(struct reader *r, const unsigned char *s, size_t n,
		      unsigned char delim)
{
	size_t cap, nf;

	row_reset(r);
	if (n + CSVSPLIT_PAD > r->buf_cap)
		r->buf = vec_reserve(r->buf, &r->buf_cap, n + CSVSPLIT_PAD, 1);
	cap = r->off_cap < r->flen_cap ? r->off_cap : r->flen_cap;
	nf = csvsplit_line((const char *)s, n, delim, r->buf, r->off, r->flen,
			   cap, &r->row_plain);
	if (nf > cap) {
		r->off = vec_reserve(r->off, &r->off_cap, nf, sizeof *r->off);
		r->flen = vec_reserve(r->flen, &r->flen_cap, nf, sizeof *r->flen);
		csvsplit_line((const char *)s, n, delim, r->buf, r->off,
			      r->flen, nf, NULL);
	}
	r->nf = nf;
	r->buf_len = n + 1;
	r->fbase = r->buf;
}

/* Reads one CSV record into the row, one physical line (or what the
 * buffer holds of it) at a time.  A whole line that starts a record and
 * holds no quote takes the fast path (csv_split); any other line, and
 * every line of a quoted field that spans lines, goes to libcsv. */
static enum raw csv_raw(struct reader *r, struct error *err)
{
	unsigned char delim = (unsigned char)csv_get_delim(&r->csv);
	int fast = !r->slow && csvsplit_usable(delim);

	r->rec_kind = REC_FIELDS;
	for (;;) {
		const unsigned char *seg, *nl;
		size_t n;
		const char *bad = NULL;
		int f = in_fill(r);

		if (f < 0) {
			read_error(r, err);
			return RAW_FATAL;
		}
		if (f == 0) {
			r->skipping = 0;
			if (!r->in_record)
				return RAW_EOF;
			/* end the last line; if that does not end the row, a
			 * quoted field is still open */
			csv_feed(r, "\n", 1);
			r->fbase = r->buf;
			if (r->row_done && !r->too_long) {
				r->row_done = 0;
				r->in_record = 0;
				return RAW_OK;
			}
			csv_reset(r);
			set_reason(r, r->too_long ? "record too long" :
				   "quoted field not closed at end of input");
			return RAW_BAD;
		}
		seg = r->in + r->in_pos;
		nl = memchr(seg, '\n', r->in_end - r->in_pos);
		n = nl ? (size_t)(nl - seg) + 1 : r->in_end - r->in_pos;
		r->in_pos += n;
		if (r->skipping) {
			if (nl) {
				r->skipping = 0;
				r->line++;
			}
			continue;
		}
		if (!r->in_record) {
			if (!has_content(seg, n)) {
				if (nl)
					r->line++;
				continue;
			}
			/* has_content: libcsv makes a row of it (csvsplit.h) */
			if (fast && nl && !memchr(seg, '"', n - 1)) {
				r->rec_line = r->line++;
				csv_split(r, seg, n - 1, delim);
				r->done_off = r->in_base + (long long)r->in_pos;
				r->done_line = r->line;
				return RAW_OK;
			}
			r->in_record = 1;
			r->rec_line = r->line;
			r->rec_bytes = 0;
			r->too_long = 0;
			row_reset(r);
		}
		r->rec_bytes += n;
		if (r->rec_bytes > RECORD_MAX) {
			r->too_long = 1;
		} else if (csv_feed(r, seg, n) < n) {
			bad = csv_error(&r->csv) == CSV_EPARSE ?
				"malformed quoted field" : "record too long";
		}
		if (!bad && r->too_long)
			bad = "record too long";
		if (bad) {
			csv_reset(r);
			if (nl) {
				r->line++;
				r->done_off = r->in_base + (long long)r->in_pos;
				r->done_line = r->line;
			} else {
				r->skipping = 1;
			}
			r->fbase = r->buf;
			set_reason(r, "%s", bad);
			return RAW_BAD;
		}
		if (nl)
			r->line++;
		if (r->row_done) {
			r->row_done = 0;
			r->in_record = 0;
			r->fbase = r->buf;
			if (nl) {
				r->done_off = r->in_base + (long long)r->in_pos;
				r->done_line = r->line;
			}
			return RAW_OK;
		}
	}
}

/* ---- lines (TSV, NDJSON) ---- */

/* Reads one physical line into lbuf without its line end.  RAW_BAD when
 * it is too long (the rest of it is skipped). */
static enum raw read_line(struct reader *r, struct error *err)
{
	int too_long = 0, any = 0;

	r->llen = 0;
	r->rec_line = r->line;
	r->lbuf = vec_reserve(r->lbuf, &r->lcap, 1, 1);
	for (;;) {
		const unsigned char *seg, *nl;
		size_t n;
		int f = in_fill(r);

		if (f < 0) {
			read_error(r, err);
			return RAW_FATAL;
		}
		if (f == 0) {
			if (!any)
				return RAW_EOF;
			break;
		}
		any = 1;
		seg = r->in + r->in_pos;
		nl = memchr(seg, '\n', r->in_end - r->in_pos);
		n = nl ? (size_t)(nl - seg) + 1 : r->in_end - r->in_pos;
		r->in_pos += n;
		if (!too_long) {
			if (r->llen + n > RECORD_MAX) {
				too_long = 1;
			} else {
				r->lbuf = vec_reserve(r->lbuf, &r->lcap, r->llen + n + 1, 1);
				memcpy(r->lbuf + r->llen, seg, n);
				r->llen += n;
			}
		}
		if (nl) {
			r->done_off = r->in_base + (long long)r->in_pos;
			r->done_line = r->line + 1;
			break;
		}
	}
	r->line++;
	if (too_long) {
		r->llen = 0;
		r->lbuf[0] = '\0';
		set_reason(r, "record too long");
		return RAW_BAD;
	}
	if (r->llen > 0 && r->lbuf[r->llen - 1] == '\n')
		r->llen--;
	if (r->llen > 0 && r->lbuf[r->llen - 1] == '\r')
		r->llen--;
	r->lbuf[r->llen] = '\0';
	return RAW_OK;
}

static enum raw tsv_raw(struct reader *r, struct error *err)
{
	r->rec_kind = REC_FIELDS;
	for (;;) {
		enum raw k = read_line(r, err);
		size_t i, start = 0;

		r->nf = 0;
		r->fbase = r->lbuf;
		if (k != RAW_OK)
			return k;
		if (!has_content((const unsigned char *)r->lbuf, r->llen))
			continue;
		for (i = 0; i <= r->llen; i++) {
			if (i < r->llen && r->lbuf[i] != '\t')
				continue;
			if (r->nf >= FIELDS_MAX) {
				r->nf = 0;
				set_reason(r, "record too long");
				return RAW_BAD;
			}
			r->off = vec_reserve(r->off, &r->off_cap, r->nf + 1, sizeof *r->off);
			r->flen = vec_reserve(r->flen, &r->flen_cap, r->nf + 1,
					      sizeof *r->flen);
			r->off[r->nf] = start;
			r->flen[r->nf] = i - start;
			r->nf++;
			r->lbuf[i] = '\0';
			start = i + 1;
		}
		return RAW_OK;
	}
}

/* ---- access logs ---- */

/* The canonical columns of an access log record, in field order. */
static const char *const clf_columns[] = {
	"time", "user", "feature", "status", "latency_ms", "ip"
};
#define CLF_NCOLS (sizeof clf_columns / sizeof clf_columns[0])

static enum raw clf_raw(struct reader *r, struct error *err)
{
	for (;;) {
		enum raw k = read_line(r, err);
		struct clf_request q;
		char num[64];
		size_t n;

		r->rec_kind = REC_RAW;
		r->raw = r->lbuf;
		r->raw_len = r->llen;
		row_reset(r);
		r->fbase = r->buf;
		if (k != RAW_OK)
			return k;
		if (!has_content((const unsigned char *)r->lbuf, r->llen))
			continue;
		if (clf_parse(r->lbuf, r->llen, r->clf.latency_unit, &q,
			      r->reason, sizeof r->reason) != 0)
			return RAW_BAD;
		if (r->clf.skip_static && q.method &&
		    clf_is_static(q.path, q.path_len)) {
			r->clf_skipped++;
			continue;
		}
		if (!(q.user_len == 1 && q.user[0] == '-'))
			r->clf_users++;	/* reader_anonymous's rule */
		n = clf_feature(r->clf.feature_map, &q, &r->feat, &r->feat_cap);
		row_add(r, q.time, strlen(q.time));
		if (r->clf.user_from_ip)
			row_add(r, q.ip, q.ip_len);
		else
			row_add(r, q.user, q.user_len);
		row_add(r, r->feat, n);
		num[0] = (char)('0' + q.status / 100);	/* 100-599 */
		num[1] = (char)('0' + q.status / 10 % 10);
		num[2] = (char)('0' + q.status % 10);
		row_add(r, num, 3);
		row_add(r, num, q.latency_ms < 0 ? 0 : clf_ms_text(q.latency_ms, num));
		row_add(r, q.ip, q.ip_len);
		r->fbase = r->buf;
		return RAW_OK;
	}
}

void reader_set_clf(struct reader *r, const struct reader_clf *o)
{
	r->clf = *o;
}

int reader_anonymous(const struct reader *r, const char *user, size_t len)
{
	return r->fmt == READER_CLF && !r->clf.user_from_ip && user &&
	       len == 1 && user[0] == '-';
}

unsigned long reader_clf_users(const struct reader *r)
{
	return r->clf_users;
}

unsigned long reader_clf_skipped(const struct reader *r)
{
	return r->clf_skipped;
}

void reader_set_slow_paths(struct reader *r, int on)
{
	r->slow = on != 0;
}

/* ---- JSON ---- */

/* Whether JSON text nests arrays and objects deeper than the limit. */
static int json_too_deep(const char *s, size_t n)
{
	size_t i, depth = 0;
	int instr = 0, esc = 0;

	for (i = 0; i < n; i++) {
		char c = s[i];
		if (instr) {
			if (esc)
				esc = 0;
			else if (c == '\\')
				esc = 1;
			else if (c == '"')
				instr = 0;
		} else if (c == '"') {
			instr = 1;
		} else if (c == '{' || c == '[') {
			if (++depth > JSON_DEPTH_MAX)
				return 1;
		} else if ((c == '}' || c == ']') && depth > 0) {
			depth--;
		}
	}
	return 0;
}

static long json_key_col(struct reader *r, size_t pos, const char *key,
			size_t klen);

/* The fast path (jsonflat.h): 0 when s[0..n) was read into jm[] and each
 * column got at most one member; -1 leaves the record to jansson: outside
 * jsonflat's subset, or a column named twice (jansson keeps the last value
 * of a repeated key but the first of two keys that name one column). */
static int flat_record(struct reader *r, const char *s, size_t n)
{
	long k = jsonflat_parse(s, n, r->jm, r->jm_cap);
	size_t i;

	if (k < 0)
		return -1;
	if ((size_t)k > r->jm_cap) {
		r->jm = vec_reserve(r->jm, &r->jm_cap, (size_t)k, sizeof *r->jm);
		jsonflat_parse(s, n, r->jm, r->jm_cap);
	}
	r->njm = (size_t)k;
	for (i = 0; i < r->ncols; i++)
		r->jmi[i] = -1;
	for (i = 0; i < r->njm; i++) {
		const struct jsonflat_member *m = &r->jm[i];
		long col = json_key_col(r, i, s + m->key, m->key_len);

		if (col < 0)
			continue;
		if (r->jmi[col] >= 0)
			return -1;
		r->jmi[col] = (long)i;
	}
	return 0;
}

/* Parses JSON text of one record: by jsonflat when it can (once the keys
 * are known: the first record gives them from cur_json), else into
 * cur_json. */
static enum raw json_parse(struct reader *r, const char *s, size_t n)
{
	json_error_t jerr;

	r->rec_kind = REC_RAW;
	r->raw = s;
	r->raw_len = n;
	if (r->have_keys && !r->slow && flat_record(r, s, n) == 0) {
		r->rec_kind = REC_FLAT;
		return RAW_OK;
	}
	if (json_too_deep(s, n)) {
		set_reason(r, "JSON nested deeper than %d levels", JSON_DEPTH_MAX);
		return RAW_BAD;
	}
	r->cur_json = json_loadb(s, n, JSON_DECODE_ANY, &jerr);
	if (!r->cur_json) {
		set_reason(r, "invalid JSON: %s", jerr.text);
		return RAW_BAD;
	}
	r->rec_kind = REC_JSON;
	if (!json_is_object(r->cur_json)) {
		set_reason(r, "not a JSON object");
		return RAW_BAD;
	}
	return RAW_OK;
}

static enum raw ndjson_raw(struct reader *r, struct error *err)
{
	for (;;) {
		enum raw k = read_line(r, err);

		r->rec_kind = REC_RAW;
		r->raw = r->lbuf;
		r->raw_len = r->llen;
		if (k != RAW_OK)
			return k;
		if (!has_content((const unsigned char *)r->lbuf, r->llen))
			continue;
		return json_parse(r, r->lbuf, r->llen);
	}
}

/* Skips white space, counting lines; returns the next byte (not consumed),
 * -1 at the end, -2 on a read error. */
static int json_skip_ws(struct reader *r)
{
	int c;

	while ((c = in_peek(r)) >= 0 && is_blank(c)) {
		if (c == '\n')
			r->line++;
		r->in_pos++;
	}
	return c;
}

static void json_unexpected(struct reader *r, int c, const char *what,
			    struct error *err)
{
	if (c < 0) {
		error_set(err, r->path, r->line,
			  "JSON array not closed at end of input");
	} else {
		char q[16];
		char ch = (char)c;
		error_set(err, r->path, r->line, "unexpected %s %s",
			  error_quote(q, sizeof q, &ch, 1), what);
	}
}

/* Scans one array element from its first byte to its end into ebuf,
 * tracking strings, escapes and depth, then parses it. */
static enum raw json_element(struct reader *r, struct error *err)
{
	size_t depth = 0;
	int instr = 0, esc = 0, deep = 0, too_long = 0;
	int c0 = r->in[r->in_pos];
	int scalar = c0 != '{' && c0 != '[' && c0 != '"';

	r->elen = 0;
	r->rec_line = r->line;
	r->ebuf = vec_reserve(r->ebuf, &r->ecap, 1, 1);
	for (;;) {
		const unsigned char *p, *q, *end;
		int done = 0;
		int f = in_fill(r);

		if (f < 0) {
			read_error(r, err);
			return RAW_FATAL;
		}
		if (f == 0) {
			if (scalar)
				break;
			error_set(err, r->path, r->line,
				  "JSON array not closed at end of input "
				  "(element from line %lu)", r->rec_line);
			return RAW_FATAL;
		}
		p = q = r->in + r->in_pos;
		end = r->in + r->in_end;
		while (q < end) {
			unsigned char ch = *q;
			if (scalar) {
				if (ch == ',' || ch == ']' || is_blank(ch)) {
					done = 1;
					break;
				}
				q++;
				continue;
			}
			q++;
			if (ch == '\n')
				r->line++;
			if (instr) {
				if (esc) {
					esc = 0;
				} else if (ch == '\\') {
					esc = 1;
				} else if (ch == '"') {
					instr = 0;
					if (depth == 0) {
						done = 1;
						break;
					}
				}
			} else if (ch == '"') {
				instr = 1;
			} else if (ch == '{' || ch == '[') {
				if (++depth > JSON_DEPTH_MAX)
					deep = 1;
			} else if (ch == '}' || ch == ']') {
				if (depth > 0)
					depth--;
				if (depth == 0) {
					done = 1;
					break;
				}
			}
		}
		if (!too_long) {
			size_t n = (size_t)(q - p);
			if (r->elen + n > RECORD_MAX) {
				too_long = 1;
			} else {
				r->ebuf = vec_reserve(r->ebuf, &r->ecap, r->elen + n + 1, 1);
				memcpy(r->ebuf + r->elen, p, n);
				r->elen += n;
			}
		}
		r->in_pos = (size_t)(q - r->in);
		if (done)
			break;
	}
	r->ebuf[r->elen] = '\0';
	r->rec_kind = REC_RAW;
	r->raw = r->ebuf;
	r->raw_len = r->elen;
	if (too_long) {
		set_reason(r, "record too long");
		return RAW_BAD;
	}
	if (deep) {
		set_reason(r, "JSON nested deeper than %d levels", JSON_DEPTH_MAX);
		return RAW_BAD;
	}
	return json_parse(r, r->ebuf, r->elen);
}

static enum raw json_raw(struct reader *r, struct error *err)
{
	for (;;) {
		int c = json_skip_ws(r);

		if (c == -2) {
			read_error(r, err);
			return RAW_FATAL;
		}
		switch (r->js) {
		case JS_START:
			if (c == -1) {
				error_set(err, r->path, r->line, "empty input");
				return RAW_FATAL;
			}
			if (c != '[') {
				json_unexpected(r, c, "where a JSON array should start", err);
				return RAW_FATAL;
			}
			r->in_pos++;
			r->js = JS_FIRST;
			continue;
		case JS_FIRST:
		case JS_ELEM:
			if (c == ']' && r->js == JS_FIRST) {
				r->in_pos++;
				r->js = JS_END;
				continue;
			}
			if (c < 0 || c == ',' || c == ']') {
				json_unexpected(r, c, "where an array element should be", err);
				return RAW_FATAL;
			}
			r->js = JS_NEXT;
			return json_element(r, err);
		case JS_NEXT:
			if (c == ',') {
				r->in_pos++;
				r->js = JS_ELEM;
				continue;
			}
			if (c == ']') {
				r->in_pos++;
				r->js = JS_END;
				continue;
			}
			json_unexpected(r, c, "after an array element (expected \",\" or \"]\")",
					err);
			return RAW_FATAL;
		case JS_END:
			if (c >= 0) {
				json_unexpected(r, c, "after the end of the JSON array", err);
				return RAW_FATAL;
			}
			r->js = JS_DONE;
			return RAW_EOF;
		case JS_DONE:
			return RAW_EOF;
		}
	}
}

/* ---- records ---- */

static enum raw read_raw(struct reader *r, struct error *err)
{
	r->row_plain = 0;	/* until csv_split says so */
	if (r->cur_json) {
		json_decref(r->cur_json);
		r->cur_json = NULL;
	}
	switch (r->fmt) {
	case READER_TSV:
		return tsv_raw(r, err);
	case READER_JSON:
		return json_raw(r, err);
	case READER_NDJSON:
		return ndjson_raw(r, err);
	case READER_CLF:
		return clf_raw(r, err);
	case READER_CSV:
	case READER_AUTO:
		break;
	}
	return csv_raw(r, err);
}

/* j in compact form into t. */
static void json_text(const json_t *j, struct sbuf *t)
{
	size_t n = json_dumpb(j, NULL, 0, JSON_COMPACT | JSON_ENCODE_ANY);

	t->p = vec_reserve(t->p, &t->cap, n + 1, 1);
	t->len = json_dumpb(j, t->p, n, JSON_COMPACT | JSON_ENCODE_ANY);
	if (t->len > n)
		t->len = 0;
	t->p[t->len] = '\0';
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
				sbuf_csv(t, s, r->flen[i]);
		}
		break;
	case REC_JSON:
		json_text(r->cur_json, t);
		break;
	case REC_FLAT: {
		/* as jansson would have written it: read it again (rare) */
		json_t *j = json_loadb(r->raw, r->raw_len, JSON_DECODE_ANY, NULL);

		if (j)
			json_text(j, t);
		else
			sbuf_add(t, r->raw, r->raw_len);
		json_decref(j);
		break;
	}
	case REC_RAW:
		sbuf_add(t, r->raw, r->raw_len);
		break;
	}
}

/* Counts a bad row, keeps the first, writes it to the rejects stream;
 * with strict, returns -1 with err set. */
static int bad_row(struct reader *r, unsigned long line, const char *reason,
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
		sbuf_csv(o, r->path, strlen(r->path));
		snprintf(num, sizeof num, ",%lu,", line);
		sbuf_add(o, num, strlen(num));
		sbuf_csv(o, reason, strlen(reason));
		sbuf_addc(o, ',');
		sbuf_csv(o, r->text.p, r->text.len);
		sbuf_addc(o, '\n');
		fwrite(o->p, 1, o->len, r->rejects);
	}
	if (r->strict) {
		error_set(err, r->path, line, "%s", reason);
		return -1;
	}
	return 0;
}

static const char *col_label(const struct reader *r, size_t i, char *q, size_t size)
{
	const char *n = r->raw_mode ? r->colname[i] : r->canon[i];

	return error_quote(q, size, n, strlen(n));
}

/* Puts s[0..n) into the row as the value of column i (its place in the
 * row: r->len[i], made a pointer by json_fields); 0, or -1 (reason set). */
static int json_put(struct reader *r, size_t i, const char *s, size_t n)
{
	if (row_add(r, s, n) < 0) {
		set_reason(r, "record too long");
		return -1;
	}
	r->field[i] = "";	/* marks it present */
	r->len[i] = r->nf - 1;
	return 0;
}

/* A JSON real as text: the shortest of 15 to 17 significant digits that
 * reads back as the same double. */
static void real_text(double d, char *num, size_t size)
{
	int prec;

	for (prec = 15; prec < 17; prec++) {
		snprintf(num, size, "%.*g", prec, d);
		if (strtod(num, NULL) == d)
			return;
	}
	snprintf(num, size, "%.17g", d);
}

/* Puts a JSON value as text into the row; 0, or -1 (reason set) for an
 * array or object. */
static int json_value(struct reader *r, size_t i, const json_t *v)
{
	char num[64], q[160];

	switch (json_typeof(v)) {
	case JSON_STRING:
		return json_put(r, i, json_string_value(v), json_string_length(v));
	case JSON_INTEGER:
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		break;
	case JSON_REAL:
		real_text(json_real_value(v), num, sizeof num);
		break;
	case JSON_TRUE:
		snprintf(num, sizeof num, "true");
		break;
	case JSON_FALSE:
		snprintf(num, sizeof num, "false");
		break;
	case JSON_NULL:
		snprintf(num, sizeof num, "null");	/* not reached */
		break;
	case JSON_OBJECT:
	case JSON_ARRAY:
	default:
		set_reason(r, "column %s: expected a value, found %s",
			   col_label(r, i, q, sizeof q),
			   json_is_object(v) ? "an object" : "an array");
		return -1;
	}
	return json_put(r, i, num, strlen(num));
}

/* The column of JSON key number pos, key: remembered by position, since
 * objects mostly list their keys in the same order. */
static long json_key_col(struct reader *r, size_t pos, const char *key,
			size_t klen)
{
	size_t i;
	long col = -1;

	if (pos < r->nkcache && r->kcache[pos] &&
	    strlen(r->kcache[pos]) == klen && memcmp(r->kcache[pos], key, klen) == 0)
		return r->kcol[pos];
	for (i = 0; i < r->ncols && col < 0; i++)
		if (strlen(r->target[i]) == klen && memcmp(r->target[i], key, klen) == 0)
			col = (long)i;
	for (i = 0; i < r->ncols && col < 0; i++)
		if (name_eq(r->target[i], strlen(r->target[i]), key, klen))
			col = (long)i;
	if (pos < KEY_CACHE_MAX) {
		if (pos >= r->nkcache) {
			size_t n = pos + 1;
			r->kcache = xreallocarray(r->kcache, n, sizeof *r->kcache);
			r->kcol = xreallocarray(r->kcol, n, sizeof *r->kcol);
			for (i = r->nkcache; i < n; i++)
				r->kcache[i] = NULL;
			r->nkcache = n;
		}
		free(r->kcache[pos]);
		r->kcache[pos] = xmemdup(key, klen);
		r->kcol[pos] = col;
	}
	return col;
}

static int json_fix_fields(struct reader *r);

/* Builds the record's fields from cur_json or jm[]; 0, or -1 with reason
 * set. */
static int json_fields(struct reader *r)
{
	void *it;
	size_t i, pos = 0;

	row_reset(r);
	if (r->rec_kind == REC_FLAT) {
		for (i = 0; i < r->ncols; i++) {
			long k = r->alias[i] >= 0 ? r->jmi[r->alias[i]] : r->jmi[i];
			const struct jsonflat_member *m = k >= 0 ? &r->jm[k] : NULL;

			r->field[i] = NULL;
			if (!m || m->type == JSONFLAT_NULL)
				continue;
			if (m->type == JSONFLAT_REAL) {
				char num[64];
				real_text(m->real, num, sizeof num);
				if (json_put(r, i, num, strlen(num)) < 0)
					return -1;
			} else if (json_put(r, i, r->raw + m->val, m->val_len) < 0) {
				return -1;
			}
		}
		return json_fix_fields(r);
	}
	for (i = 0; i < r->ncols; i++)
		r->jv[i] = NULL;
	for (it = json_object_iter(r->cur_json); it;
	     it = json_object_iter_next(r->cur_json, it), pos++) {
		const char *key = json_object_iter_key(it);
		long col = json_key_col(r, pos, key, strlen(key));
		if (col >= 0 && !r->jv[col])
			r->jv[col] = json_object_iter_value(it);
	}
	for (i = 0; i < r->ncols; i++) {
		const json_t *v = r->alias[i] >= 0 ? r->jv[r->alias[i]] : r->jv[i];

		r->field[i] = NULL;
		if (v && !json_is_null(v) && json_value(r, i, v) < 0)
			return -1;
	}
	return json_fix_fields(r);
}

/* json_put kept row places in len[]: the buffer may have moved since, so
 * the fields become pointers only now.  Returns 0. */
static int json_fix_fields(struct reader *r)
{
	size_t i;

	for (i = 0; i < r->ncols; i++) {
		if (!r->field[i]) {
			r->len[i] = 0;
			continue;
		}
		r->field[i] = r->buf + r->off[r->len[i]];
		r->len[i] = r->flen[r->len[i]];
	}
	return 0;
}

/* --null: a value that is one of the words is absent; --default: an
 * absent or empty value of a column with a default takes it. */
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
		if (r->dflt && r->dflt[i] && (!r->field[i] || r->len[i] == 0)) {
			r->field[i] = r->dflt[i];
			r->len[i] = strlen(r->dflt[i]);
		}
	}
}

/* Whether s[0..n) is ASCII without a NUL byte, eight bytes at a time: most
 * values are, and then need neither utf8_valid nor a search for NUL. */
static int plain_ascii(const char *s, size_t n)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	size_t i = 0;

	for (; n - i >= 8; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		/* a byte >= 0x80, or a zero byte (w - ones borrows there) */
		if ((w | ((w - ones) & ~w)) & (ones << 7))
			return 0;
	}
	for (; i < n; i++)
		if ((unsigned char)s[i] - 1u >= 0x7Fu)
			return 0;
	return 1;
}

static int check_values(struct reader *r)
{
	size_t i;
	char q[160];

	if (r->nulls || r->dflt)
		fill_values(r);
	for (i = 0; i < r->ncols; i++) {
		/* a value from a plain line (not a --default) is plain */
		int odd = r->field[i] &&
			  !(r->row_plain && r->src[i] >= 0 &&
			    r->field[i] == r->fbase + r->off[r->src[i]]) &&
			  !plain_ascii(r->field[i], r->len[i]);

		if (odd && !utf8_valid(r->field[i], r->len[i])) {
			set_reason(r, "column %s: invalid UTF-8",
				   col_label(r, i, q, sizeof q));
			return -1;
		}
		/* a NUL would silently cut the value short where it is used
		 * as a C string */
		if (odd && memchr(r->field[i], '\0', r->len[i])) {
			set_reason(r, "column %s: NUL byte",
				   col_label(r, i, q, sizeof q));
			return -1;
		}
		if (r->required[i] && (!r->field[i] || r->len[i] == 0)) {
			set_reason(r, "column %s: missing value",
				   col_label(r, i, q, sizeof q));
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
		if (json_fields(r) < 0)
			return -1;
		return check_values(r);
	}
	if (r->nf != r->nhdr) {
		set_reason(r, "expected %zu fields, found %zu", r->nhdr, r->nf);
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
			k = read_raw(r, err);
		}
		if (k == RAW_FATAL)
			return -1;
		if (k == RAW_EOF)
			return 0;
		if (k == RAW_OK && make_record(r) == 0) {
			rec->field = r->field;
			rec->len = r->len;
			rec->nfields = r->ncols;
			rec->line = r->rec_line;
			r->rows++;
			return 1;
		}
		if (bad_row(r, r->rec_line, r->reason, err) < 0)
			return -1;
	}
}

int reader_reject(struct reader *r, const struct record *rec,
		  const char *reason, struct error *err)
{
	if (r->rows > 0)
		r->rows--;
	return bad_row(r, rec->line, reason, err);
}

/* ---- opening ---- */

/* Lists the header names for a message, within size bytes. */
static void found_list(const struct reader *r, char *buf, size_t size)
{
	size_t i, o = 0;
	char q[160];

	buf[0] = '\0';
	if (r->nhdr == 0) {
		snprintf(buf, size, "none");
		return;
	}
	for (i = 0; i < r->nhdr; i++) {
		int n;
		error_quote(q, sizeof q, r->hdr[i], strlen(r->hdr[i]));
		if (o + strlen(q) + 8 >= size) {
			snprintf(buf + o, size - o, "%s...", i ? ", " : "");
			return;
		}
		n = snprintf(buf + o, size - o, "%s%s", i ? ", " : "", q);
		if (n < 0)
			return;
		o += (size_t)n;
	}
}

static void alloc_columns(struct reader *r, size_t n)
{
	size_t m = n ? n : 1;

	r->ncols = n;
	r->canon = xcalloc(m, sizeof *r->canon);
	r->target = xcalloc(m, sizeof *r->target);
	r->colname = xcalloc(m, sizeof *r->colname);
	r->src = xcalloc(m, sizeof *r->src);
	r->alias = xcalloc(m, sizeof *r->alias);
	r->present = xcalloc(m, sizeof *r->present);
	r->required = xcalloc(m, sizeof *r->required);
	r->field = xcalloc(m, sizeof *r->field);
	r->len = xcalloc(m, sizeof *r->len);
	r->jv = xcalloc(m, sizeof *r->jv);
	r->jmi = xcalloc(m, sizeof *r->jmi);
}

/* The header column named t (*count: how many have that name; the first
 * is returned), else for "Name#N" in a CSV or TSV header, the N-th column
 * named Name (*count 1).  -1 when there is none. */
static long find_column(const struct reader *r, const char *t, size_t tlen,
			size_t *count)
{
	size_t j, n = 0, base = tlen;
	unsigned long nth;
	long idx = -1;
	char *end;

	for (j = 0; j < r->nhdr; j++)
		if (name_eq(r->hdr[j], strlen(r->hdr[j]), t, tlen) && n++ == 0)
			idx = (long)j;
	*count = n;
	if (n > 0 || (r->fmt != READER_CSV && r->fmt != READER_TSV))
		return idx;
	while (base > 0 && isdigit((unsigned char)t[base - 1]))
		base--;
	if (base == tlen || base < 2 || t[base - 1] != '#')
		return -1;
	errno = 0;
	nth = strtoul(t + base, &end, 10);
	if (errno || nth == 0 || end != t + tlen)
		return -1;
	for (j = 0; j < r->nhdr; j++) {
		if (name_eq(r->hdr[j], strlen(r->hdr[j]), t, base - 1) && ++n == nth) {
			*count = 1;
			return (long)j;
		}
	}
	return -1;
}

/* Resolves the wanted columns against the header (or the first object's
 * keys, raw holding them as written).  Returns 0 or -1. */
static int resolve(struct reader *r, const struct reader_config *cfg,
		   const struct reader_column *cols, size_t ncols,
		   char **raw, unsigned long line, struct error *err)
{
	size_t i, j;
	char q1[160], q2[160], found[400];

	if (!cols) {
		r->raw_mode = 1;
		alloc_columns(r, r->nhdr);
		for (i = 0; i < r->nhdr; i++) {
			r->colname[i] = r->hdr[i];
			r->src[i] = (long)i;
			r->alias[i] = -1;
			r->present[i] = 1;
			r->target[i] = xstrdup(raw ? raw[i] : r->hdr[i]);
		}
		return 0;
	}
	alloc_columns(r, ncols);
	if (cfg->defaults)
		r->dflt = xcalloc(ncols ? ncols : 1, sizeof *r->dflt);
	for (i = 0; i < ncols; i++) {
		const char *mapped = colmap_lookup(cfg->map, cols[i].name);
		const char *dv = colmap_lookup(cfg->defaults, cols[i].name);
		const char *t = mapped ? mapped : cols[i].name;
		size_t tlen = strlen(t), count = 0;
		long idx;

		r->canon[i] = xstrdup(cols[i].name);
		r->target[i] = xstrdup(t);
		r->required[i] = cols[i].required;
		r->src[i] = -1;
		r->alias[i] = -1;
		r->colname[i] = r->canon[i];
		for (j = 0; j < i && r->alias[i] < 0; j++)
			if (name_eq(r->target[j], strlen(r->target[j]), t, tlen))
				r->alias[i] = (long)j;
		if (dv)
			r->dflt[i] = xstrdup(dv);
		idx = find_column(r, t, tlen, &count);
		if (count > 1 && cols[i].required) {
			/* a repeated optional column (Jira's Sprint) uses the
			 * first; a required one decides every record */
			error_set(err, r->path, line, "duplicate column %s "
				  "(%zu columns; --map '%s=%s#2' picks the second)",
				  error_quote(q1, sizeof q1, r->hdr[idx],
					      strlen(r->hdr[idx])),
				  count, cols[i].name, r->hdr[idx]);
			return -1;
		}
		if (idx >= 0) {
			r->src[i] = idx;
			r->present[i] = 1;
			r->colname[i] = r->hdr[idx];
			continue;
		}
		if (!r->have_keys)
			continue;	/* JSON without any object: nothing to miss */
		if (mapped) {
			found_list(r, found, sizeof found);
			error_set(err, r->path, line,
				  "--map %s=%s: no such column (found: %s)",
				  error_quote(q1, sizeof q1, cols[i].name,
					      strlen(cols[i].name)),
				  error_quote(q2, sizeof q2, mapped, tlen), found);
			return -1;
		}
		if (dv) {
			r->present[i] = 1;	/* every record has the default */
			continue;
		}
		if (cols[i].required) {
			found_list(r, found, sizeof found);
			error_set(err, r->path, line,
				  "missing required column %s (found: %s)",
				  error_quote(q1, sizeof q1, t, tlen), found);
			return -1;
		}
	}
	return 0;
}

/* Reads the header row (CSV, TSV) or the first object (JSON, NDJSON) and
 * resolves the columns. */
static int read_header(struct reader *r, const struct reader_config *cfg,
		       const struct reader_column *cols, size_t ncols,
		       struct error *err)
{
	enum raw k;
	size_t i;
	char **raw = NULL;
	unsigned long line;
	int rc;

	if (r->fmt == READER_CLF) {
		/* no header row: the columns are fixed */
		r->nhdr = CLF_NCOLS;
		r->hdr = xcalloc(CLF_NCOLS, sizeof *r->hdr);
		for (i = 0; i < CLF_NCOLS; i++)
			r->hdr[i] = xstrdup(clf_columns[i]);
		r->have_keys = 1;
		return resolve(r, cfg, cols, ncols, NULL, 1, err);
	}
	if (r->fmt == READER_CSV || r->fmt == READER_TSV) {
		k = read_raw(r, err);
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
			r->hdr[i] = trimmed_dup(r->fbase + r->off[i], r->flen[i]);
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
		return resolve(r, cfg, cols, ncols, NULL, r->rec_line, err);
	}

	/* JSON: the first record that is an object gives the keys */
	for (;;) {
		k = read_raw(r, err);
		if (k == RAW_FATAL)
			return -1;
		if (k != RAW_BAD)
			break;
		if (bad_row(r, r->rec_line, r->reason, err) < 0)
			return -1;
	}
	if (k == RAW_EOF && r->fmt == READER_NDJSON && r->rejected == 0) {
		error_set(err, r->path, r->line, "empty input");
		return -1;
	}
	line = 1;
	if (k == RAW_OK) {
		void *it;
		size_t n = json_object_size(r->cur_json);
		r->pending = 1;
		r->have_keys = 1;
		line = r->rec_line;
		r->hdr = xcalloc(n ? n : 1, sizeof *r->hdr);
		raw = xcalloc(n ? n : 1, sizeof *raw);
		for (it = json_object_iter(r->cur_json); it && r->nhdr < n;
		     it = json_object_iter_next(r->cur_json, it)) {
			const char *key = json_object_iter_key(it);
			raw[r->nhdr] = xstrdup(key);
			r->hdr[r->nhdr++] = trimmed_dup(key, strlen(key));
		}
	}
	rc = resolve(r, cfg, cols, ncols, raw, line, err);
	for (i = 0; i < r->nhdr && raw; i++)
		free(raw[i]);
	free(raw);
	return rc;
}

/* Takes the options of cfg that are not about columns: --delimiter,
 * --null, --encoding.  Returns 0 or -1. */
static int set_options(struct reader *r, const struct reader_config *cfg,
		       struct error *err)
{
	size_t n = 0;

	r->delim = cfg->delimiter ? (unsigned char)cfg->delimiter : ',';
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
	if (cfg->encoding && text_casecmp(cfg->encoding, "UTF-8") != 0 &&
	    text_casecmp(cfg->encoding, "UTF8") != 0) {
		r->cd = iconv_open("UTF-8", cfg->encoding);
		if (r->cd == (iconv_t)-1) {
			char q[96];
			error_set(err, r->path, 0, "unknown encoding %s (iconv -l lists them)",
				  error_quote(q, sizeof q, cfg->encoding,
					      strlen(cfg->encoding)));
			return -1;
		}
		r->convert = 1;
		r->cin = xmalloc(CONV_SIZE);
		r->cv = xmalloc(CONV_SIZE);
	}
	return 0;
}

struct reader *reader_open(const char *path, const struct reader_config *cfg,
			   const struct reader_column *cols, size_t ncols,
			   struct error *err)
{
	static const struct reader_config defaults;
	struct reader *r = xcalloc(1, sizeof *r);

	if (!cfg)
		cfg = &defaults;
	r->strict = cfg->strict;
	r->rejects = cfg->rejects;
	r->line = 1;
	r->in = xmalloc(READER_BUFSIZE);
	if (!path || strcmp(path, "-") == 0) {
		r->path = xstrdup("stdin");
		r->fp = stdin;
	} else {
		r->path = xstrdup(path);
		r->fp = fopen(path, "rb");
		if (!r->fp) {
			char e[128];
			error_set(err, path, 0, "cannot open: %s",
				  errno_text(errno, e, sizeof e));
			reader_close(r);
			return NULL;
		}
		r->own_fp = 1;
	}
	if (set_options(r, cfg, err) < 0)
		goto fail;
	if (in_fill_line(r) < 0) {
		read_error(r, err);
		goto fail;
	}
	if (r->in_end - r->in_pos >= 3 && memcmp(r->in + r->in_pos, "\xEF\xBB\xBF", 3) == 0)
		r->in_pos += 3;
	r->fmt = cfg->format;
	if (r->fmt == READER_AUTO && path && strcmp(path, "-") != 0)
		r->fmt = format_from_ext(path);
	if (r->fmt == READER_AUTO)
		r->fmt = sniff(r);
	if (r->fmt == READER_TSV && cfg->delimiter)
		r->fmt = READER_CSV;
	if (r->fmt == READER_CSV) {
		csv_init(&r->csv, CSV_STRICT);
		csv_set_delim(&r->csv, r->delim);
		csv_set_term_func(&r->csv, csv_is_term);
		csv_set_space_func(&r->csv, csv_is_space);
		r->csv_ready = 1;
	}
	if (read_header(r, cfg, cols, ncols, err) < 0)
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
	if (r->own_fp && r->fp)
		fclose(r->fp);
	if (r->csv_ready)
		csv_free(&r->csv);
	if (r->convert)
		iconv_close(r->cd);
	free(r->cin);
	free(r->cv);
	for (i = 0; r->nulls && r->nulls[i]; i++)
		free(r->nulls[i]);
	free(r->nulls);
	free(r->null_len);
	for (i = 0; r->dflt && i < r->ncols; i++)
		free(r->dflt[i]);
	free(r->dflt);
	if (r->cur_json)
		json_decref(r->cur_json);
	for (i = 0; i < r->nhdr; i++)
		free(r->hdr[i]);
	for (i = 0; i < r->ncols; i++) {
		if (r->canon)
			free(r->canon[i]);
		if (r->target)
			free(r->target[i]);
	}
	for (i = 0; i < r->nkcache; i++)
		free(r->kcache[i]);
	free(r->kcache);
	free(r->kcol);
	free(r->hdr);
	free(r->canon);
	free(r->target);
	free(r->colname);
	free(r->src);
	free(r->alias);
	free(r->present);
	free(r->required);
	free(r->field);
	free(r->len);
	free(r->jv);
	free(r->jm);
	free(r->jmi);
	free(r->buf);
	free(r->off);
	free(r->flen);
	free(r->lbuf);
	free(r->ebuf);
	free(r->feat);
	free(r->text.p);
	free(r->out.p);
	free(r->in);
	free(r->path);
	free(r);
}

/* ---- accessors ---- */

long long reader_offset(const struct reader *r, unsigned long *line)
{
	if (line)
		*line = r->done_line ? r->done_line : 1;
	return r->done_off;
}

int reader_seek(struct reader *r, long long offset, unsigned long line,
		struct error *err)
{
	if (r->convert) {
		error_set(err, r->path, 0, "cannot start at an offset of input read with --encoding");
		return -1;
	}
	if (r->own_fp == 0 || (r->fmt != READER_CSV && r->fmt != READER_TSV &&
			       r->fmt != READER_NDJSON)) {
		error_set(err, r->path, 0, "cannot start at an offset: only CSV, TSV and NDJSON files can");
		return -1;
	}
	if (offset < r->done_off || fseeko(r->fp, (off_t)offset, SEEK_SET) != 0) {
		error_set(err, r->path, 0, "cannot start at offset %lld", offset);
		return -1;
	}
	r->in_pos = r->in_end = 0;
	r->in_eof = 0;
	r->in_base = offset;
	r->done_off = offset;
	r->done_line = line;
	r->line = line;
	r->pending = 0;
	return 0;
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
