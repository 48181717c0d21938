/* read_csv: CSV records.  libcsv is fed one physical line at a time, so
 * that each record knows the line it starts on; a whole line without a
 * quote takes the fast path of csvsplit.h instead.  Fields go to the row
 * buffer of struct reader (off[], flen[] into buf). */
#include "io/reader_int.h"

#include <string.h>

#include <csv.h>

#include "io/csvsplit.h"
#include "base/text.h"
#include "base/xalloc.h"

static void csv_field_cb(void *s, size_t n, void *data)
{
	struct reader *r = data;

	if (r->too_long)
		return;
	if (reader_row_add(r, s ? s : "", s ? n : 0) < 0)
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

/* Spaces and tabs are data (RFC 4180 section 2.4): only a CR is white
 * space, so that CRLF line ends are no part of the last field. */
static int csv_is_cr(unsigned char c)
{
	return c == '\r';
}

/* The header row and --trim: spaces and tabs around a field, and around
 * its quotes, are padding, as libcsv has them by default. */
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
	 * pointers once per call, so switching between calls is safe.
	 * Records keep their spaces (csv_is_cr): only the header row and
	 * --trim take libcsv's own white space. */
	int cr = memchr(s, '\r', n) != NULL;
	int pad = r->trim || !r->have_keys;

	csv_set_term_func(&r->csv, cr ? csv_is_term : NULL);
	if (pad)
		csv_set_space_func(&r->csv, cr ? csv_is_space : NULL);
	else if (!cr && !memchr(s, ' ', n) && !memchr(s, '\t', n))
		csv_set_space_func(&r->csv, NULL);	/* no byte it would differ on */
	else
		csv_set_space_func(&r->csv, csv_is_cr);
	return csv_parse(&r->csv, s, n, csv_field_cb, csv_row_cb, r);
}

void reader_csv_init(struct reader *r)
{
	csv_init(&r->csv, CSV_STRICT);
	csv_set_delim(&r->csv, r->delim);
	csv_set_term_func(&r->csv, csv_is_term);
	csv_set_space_func(&r->csv, csv_is_space);
	r->csv_ready = 1;
}

void reader_csv_release(struct reader *r)
{
	if (r->csv_ready)
		csv_free(&r->csv);
}

/* The fast path: a whole line s[0..n) (without its LF) that holds no
 * quote, read as libcsv would read it (csvsplit.h) into the row.  It also
 * tells whether the line is plain ASCII: one test for the line spares
 * check_values one for each field. */
static void csv_split(struct reader *r, const unsigned char *s, size_t n,
		      unsigned char delim)
{
	size_t cap, nf;

	reader_row_reset(r);
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
	if (r->trim) {
		/* --trim: as libcsv pads them (csv_is_space) */
		size_t i;
		for (i = 0; i < nf; i++) {
			const char *f = r->buf + r->off[i];
			size_t len = r->flen[i];
			text_strip(&f, &len, TEXT_BLANKS);
			r->off[i] = (size_t)(f - r->buf);
			r->flen[i] = len;
			r->buf[r->off[i] + len] = '\0';
		}
	}
}

/* Whether a quote of s[0..n) has a space or tab beside it on the side
 * away from its field: what libcsv calls malformed once spaces are data
 * (a, "b" or "a" ,b). */
static int padded_quote(const unsigned char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i++)
		if ((s[i] == '"' && (s[i + 1] == ' ' || s[i + 1] == '\t') &&
		     (i == 0 || s[i - 1] != '"')) ||
		    ((s[i] == ' ' || s[i] == '\t') && s[i + 1] == '"'))
			return 1;
	return 0;
}

/* Reads one CSV record into the row, one physical line (or what the
 * buffer holds of it) at a time.  A whole line that starts a record and
 * holds no quote takes the fast path (csv_split); any other line, and
 * every line of a quoted field that spans lines, goes to libcsv. */
enum raw reader_csv_raw(struct reader *r, struct error *err)
{
	unsigned char delim = (unsigned char)csv_get_delim(&r->csv);
	int fast = !r->slow && csvsplit_usable(delim);

	r->rec_kind = REC_FIELDS;
	for (;;) {
		const unsigned char *seg, *nl;
		size_t n;
		const char *bad = NULL;
		int f = reader_fill(r);

		if (f < 0) {
			reader_read_error(r, err);
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
			reader_set_reason(r, r->too_long ? "record too long" :
				   "quoted field not closed at end of input");
			return RAW_BAD;
		}
		if (!r->in_record && !r->skipping && reader_at_end(r))
			return RAW_EOF;
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
			if (!reader_has_content(seg, n)) {
				if (nl)
					r->line++;
				continue;
			}
			/* reader_has_content: libcsv makes a row of it (csvsplit.h) */
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
			reader_row_reset(r);
		}
		r->rec_bytes += n;
		if (r->rec_bytes > RECORD_MAX) {
			r->too_long = 1;
		} else if (csv_feed(r, seg, n) < n) {
			bad = csv_error(&r->csv) != CSV_EPARSE ? "record too long" :
			      !r->trim && padded_quote(seg, n) ?
			      "malformed quoted field (a space or tab outside "
			      "the quotes is data; --trim reads padded cells)" :
			      "malformed quoted field";
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
			reader_set_reason(r, "%s", bad);
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
