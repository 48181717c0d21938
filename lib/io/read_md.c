/* read_md: GitHub-Markdown pipe tables, the form people keep matrices and
 * lists in their repositories (and raci convert -f md writes).  Lines
 * before the table (a title, prose) are skipped; the first line that
 * starts with "|" is the header, the next must be the alignment row
 * (|---|:--:|), then each line starting with "|" is a row, up to the
 * first line that does not (prose after the table is skipped too, and
 * the rows of a second table are bad rows).  Cells are
 * split at every "|" not escaped as "\|", trimmed, and decoded as GitHub
 * shows them: a backslash before ASCII punctuation and the entities
 * &amp; &lt; &gt; &quot; &apos; &nbsp; &#N; &#xH; (what text_md_escape
 * writes).  A row with fewer cells than the header is padded with empty
 * ones, as GitHub renders it; one with more is a bad row.  Decoded cells are never longer than
 * written, so they are written back into the line buffer in place. */
#include "io/reader_int.h"

#include <string.h>

#include "base/xalloc.h"

enum { MD_BEFORE, MD_ALIGN, MD_BODY, MD_AFTER };

static int blank(char c)
{
	return c == ' ' || c == '\t';
}

static int ascii_punct(unsigned char c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
	       (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

/* Writes code point cp as UTF-8 at *w; returns 0, or -1 for none. */
static int put_cp(char **w, unsigned long cp)
{
	unsigned char *o = (unsigned char *)*w;

	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	if (cp < 0x80) {
		*o++ = (unsigned char)cp;
	} else if (cp < 0x800) {
		*o++ = (unsigned char)(0xC0 | (cp >> 6));
		*o++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*o++ = (unsigned char)(0xE0 | (cp >> 12));
		*o++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		*o++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else {
		*o++ = (unsigned char)(0xF0 | (cp >> 18));
		*o++ = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		*o++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		*o++ = (unsigned char)(0x80 | (cp & 0x3F));
	}
	*w = (char *)o;
	return 0;
}

/* The entity at p[0..end) (p at "&"): written at *w, returns its
 * length, or 0 when it is none (the "&" is text).  Every entity is at
 * least as long as what it stands for. */
static size_t entity(const char *p, const char *end, char **w)
{
	static const struct { const char *name; unsigned long cp; } named[] = {
		{"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'},
		{"apos;", '\''}, {"nbsp;", 0xA0},
	};
	const char *q = p + 1;
	unsigned long cp = 0;
	size_t i, digits = 0;
	int hex;

	for (i = 0; i < sizeof named / sizeof named[0]; i++) {
		size_t n = strlen(named[i].name);
		if ((size_t)(end - q) >= n && memcmp(q, named[i].name, n) == 0) {
			put_cp(w, named[i].cp);
			return n + 1;
		}
	}
	if (q >= end || *q != '#')
		return 0;
	q++;
	hex = q < end && (*q == 'x' || *q == 'X');
	if (hex)
		q++;
	for (; q < end && digits < 7; q++, digits++) {
		int d = *q >= '0' && *q <= '9' ? *q - '0' :
			hex && *q >= 'a' && *q <= 'f' ? *q - 'a' + 10 :
			hex && *q >= 'A' && *q <= 'F' ? *q - 'A' + 10 : -1;
		if (d < 0)
			break;
		cp = cp * (hex ? 16u : 10u) + (unsigned long)d;
	}
	if (digits == 0 || q >= end || *q != ';')
		return 0;
	if (put_cp(w, cp) != 0)
		return 0;
	return (size_t)(q + 1 - p);
}

/* Whether every cell of the row just split is an alignment cell. */
static int align_row(const struct reader *r)
{
	size_t i, j;

	if (r->nf == 0)
		return 0;
	for (i = 0; i < r->nf; i++) {
		const char *s = r->fbase + r->off[i];
		size_t n = r->flen[i], dashes = 0;
		for (j = 0; j < n; j++) {
			if (s[j] == '-')
				dashes++;
			else if (s[j] != ':' || (j != 0 && j != n - 1))
				return 0;
		}
		if (dashes == 0)
			return 0;
	}
	return 1;
}

static void add_field(struct reader *r, size_t off, size_t len)
{
	r->off = vec_reserve(r->off, &r->off_cap, r->nf + 1, sizeof *r->off);
	r->flen = vec_reserve(r->flen, &r->flen_cap, r->nf + 1, sizeof *r->flen);
	r->off[r->nf] = off;
	r->flen[r->nf] = len;
	r->nf++;
}

/* Splits the row lbuf[s..e) (s just after the leading "|") into cells. */
static enum raw split_row(struct reader *r, size_t s, size_t e)
{
	char *b = r->lbuf, *w = b + s;
	const char *p = b + s, *end = b + e;

	/* a closing "|" ends the last cell rather than opening one */
	if (e > s && end[-1] == '|' && !(e - s >= 2 && end[-2] == '\\'))
		end--;
	for (;;) {
		char *cell, *keep;
		while (p < end && blank(*p))
			p++;
		cell = keep = w;
		/* keep: the end of the cell but for blanks written as such (a
		 * blank written &#32; stays) */
		while (p < end && *p != '|') {
			size_t n;
			if (*p == '\\' && p + 1 < end && ascii_punct((unsigned char)p[1])) {
				*w++ = p[1];
				p += 2;
				keep = w;
			} else if (*p == '&' && (n = entity(p, end, &w)) > 0) {
				p += n;
				keep = w;
			} else {
				if (!blank(*p))
					keep = w + 1;
				*w++ = *p++;
			}
		}
		w = keep;
		if (r->nf >= FIELDS_MAX) {
			r->nf = 0;
			reader_set_reason(r, "record too long");
			return RAW_BAD;
		}
		add_field(r, (size_t)(cell - b), (size_t)(w - cell));
		*w++ = '\0';	/* over the "|" or the line's end: w <= p + 1 */
		if (p >= end)
			break;
		p++;
	}
	return RAW_OK;
}

enum raw reader_md_raw(struct reader *r, struct error *err)
{
	r->rec_kind = REC_FIELDS;
	for (;;) {
		enum raw k = reader_read_line(r, err);
		size_t s = 0, e;

		r->nf = 0;
		r->fbase = r->lbuf;
		if (k != RAW_OK)
			return k;
		e = r->llen;
		while (s < e && blank(r->lbuf[s]))
			s++;
		while (e > s && blank(r->lbuf[e - 1]))
			e--;
		if (s == e)
			continue;	/* blank lines, before or in the table */
		if (r->lbuf[s] != '|') {
			if (r->md_state == MD_ALIGN) {
				error_set(err, r->path, r->rec_line,
					  "not a Markdown table: the header row is not followed by an alignment row such as |---|---|");
				return RAW_FATAL;
			}
			if (r->md_state == MD_BODY)
				r->md_state = MD_AFTER;
			continue;	/* the title and prose around the table */
		}
		if (r->md_state == MD_AFTER) {
			reader_set_reason(r, "a row of a second table: only the first table is read");
			return RAW_BAD;
		}
		k = split_row(r, s + 1, e);
		if (k != RAW_OK)
			return k;
		if (r->md_state == MD_BEFORE) {
			r->md_state = MD_ALIGN;
			return RAW_OK;	/* the header */
		}
		if (r->md_state == MD_ALIGN) {
			r->md_state = MD_BODY;
			if (align_row(r))
				continue;
			error_set(err, r->path, r->rec_line,
				  "not a Markdown table: the header row is not followed by an alignment row such as |---|---|");
			return RAW_FATAL;
		}
		if (r->nf > r->nhdr) {
			reader_set_reason(r, "%zu cells, the header has %zu", r->nf, r->nhdr);
			return RAW_BAD;
		}
		while (r->nf < r->nhdr)	/* an empty cell: the last one's NUL */
			add_field(r, r->off[r->nf - 1] + r->flen[r->nf - 1], 0);
		return RAW_OK;
	}
}
