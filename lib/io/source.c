/* source: the bytes of the reader's input.  One buffer in[] refilled by
 * fread(3), or through iconv(3) for --encoding (cin[] converted into
 * cv[]), past a BOM at the top; it counts lines and keeps the offset
 * after the last complete record, where reader_seek starts again. */
#include "io/reader_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

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

/* reader_fill (reader_int.h) when in[] is all consumed. */
int reader_refill(struct reader *r)
{
	size_t n;

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

/* reader_grow: see reader_int.h. */
int reader_grow(struct reader *r)
{
	size_t n;

	if (r->in_eof)
		return 0;
	if (r->in_end + READER_BUFSIZE > r->in_cap)
		r->in = vec_reserve(r->in, &r->in_cap, r->in_end + READER_BUFSIZE, 1);
	n = in_read(r, r->in + r->in_end, READER_BUFSIZE);
	if (n == 0) {
		if (ferror(r->fp)) {
			r->in_errno = errno ? errno : EIO;
			return -1;
		}
		r->in_eof = 1;
		return 0;
	}
	r->in_end += n;
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

static const char *errno_text(int e, char *buf, size_t size)
{
	snprintf(buf, size, "%s", strerror(e));
	if (buf[0])
		buf[0] = (char)tolower((unsigned char)buf[0]);
	return buf;
}

void reader_read_error(struct reader *r, struct error *err)
{
	char e[128];

	error_set(err, r->path, r->line, "read error: %s",
		  errno_text(r->in_errno, e, sizeof e));
}

int reader_source_open(struct reader *r, const char *path,
		       const char *encoding, struct error *err)
{
	r->line = 1;
	r->in = xmalloc(READER_BUFSIZE);
	r->in_cap = READER_BUFSIZE;
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
			return -1;
		}
		r->own_fp = 1;
	}
	if (encoding && text_casecmp(encoding, "UTF-8") != 0 &&
	    text_casecmp(encoding, "UTF8") != 0) {
		r->cd = iconv_open("UTF-8", encoding);
		if (r->cd == (iconv_t)-1) {
			char q[96];
			error_set(err, r->path, 0, "unknown encoding %s (iconv -l lists them)",
				  error_quote(q, sizeof q, encoding, strlen(encoding)));
			return -1;
		}
		r->convert = 1;
		r->cin = xmalloc(CONV_SIZE);
		r->cv = xmalloc(CONV_SIZE);
	}
	if (in_fill_line(r) < 0) {
		reader_read_error(r, err);
		return -1;
	}
	/* the BOM at the top; those of header names go with trimming */
	if (r->in_end - r->in_pos >= 3 && memcmp(r->in + r->in_pos, "\xEF\xBB\xBF", 3) == 0)
		r->in_pos += 3;
	return 0;
}

void reader_source_release(struct reader *r)
{
	if (r->own_fp && r->fp)
		fclose(r->fp);
	if (r->convert)
		iconv_close(r->cd);
	free(r->cin);
	free(r->cv);
	free(r->lown);
	free(r->in);
	free(r->path);
}

/* reader_read_line: see reader_int.h.  Its line end sets reader_offset. */
enum raw reader_read_line(struct reader *r, struct error *err)
{
	int too_long = 0, any = 0;

	r->llen = 0;
	r->rec_line = r->line;
	if (r->in_pos < r->in_end && !reader_at_end(r)) {
		/* the line lies whole in in[], and a byte after it (so that
		 * no refill comes before the next call): it is read in place,
		 * its line end overwritten by the NUL */
		const unsigned char *seg = r->in + r->in_pos;
		const unsigned char *nl = memchr(seg, '\n', r->in_end - r->in_pos);

		if (nl && nl + 1 < r->in + r->in_end && (size_t)(nl - seg) < RECORD_MAX) {
			r->lbuf = (char *)(r->in + r->in_pos);
			r->llen = (size_t)(nl - seg);
			r->in_pos += r->llen + 1;
			r->done_off = r->in_base + (long long)r->in_pos;
			r->done_line = r->line + 1;
			r->line++;
			if (r->llen > 0 && r->lbuf[r->llen - 1] == '\r')
				r->llen--;
			r->lbuf[r->llen] = '\0';
			return RAW_OK;
		}
	}
	r->lown = vec_reserve(r->lown, &r->lcap, 1, 1);
	r->lbuf = r->lown;
	for (;;) {
		const unsigned char *seg, *nl;
		size_t n;
		int f = reader_fill(r);

		if (f < 0) {
			reader_read_error(r, err);
			return RAW_FATAL;
		}
		if (f == 0) {
			if (!any)
				return RAW_EOF;
			break;
		}
		if (!any && reader_at_end(r))
			return RAW_EOF;
		any = 1;
		seg = r->in + r->in_pos;
		nl = memchr(seg, '\n', r->in_end - r->in_pos);
		n = nl ? (size_t)(nl - seg) + 1 : r->in_end - r->in_pos;
		r->in_pos += n;
		if (!too_long) {
			if (r->llen + n > RECORD_MAX) {
				too_long = 1;
			} else {
				r->lown = vec_reserve(r->lown, &r->lcap, r->llen + n + 1, 1);
				r->lbuf = r->lown;
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
		reader_set_reason(r, "record too long");
		return RAW_BAD;
	}
	if (r->llen > 0 && r->lbuf[r->llen - 1] == '\n')
		r->llen--;
	if (r->llen > 0 && r->lbuf[r->llen - 1] == '\r')
		r->llen--;
	r->lbuf[r->llen] = '\0';
	return RAW_OK;
}

long long reader_offset(const struct reader *r, unsigned long *line)
{
	if (line)
		*line = r->done_line ? r->done_line : 1;
	return r->done_off;
}

void reader_set_end(struct reader *r, long long end)
{
	r->end_off = end;
	r->stop_off = -1;
}

long long reader_stop(const struct reader *r, unsigned long *line)
{
	if (line)
		*line = r->stop_line;
	return r->end_off ? r->stop_off : -1;
}

void reader_follow(struct reader *r)
{
	r->follow = 1;
}

int reader_seek(struct reader *r, long long offset, unsigned long line,
		struct error *err)
{
	if (r->own_fp == 0) {
		error_set(err, r->path, 0, "cannot start at an offset of standard input");
		return -1;
	}
	if (offset < r->done_off) {
		error_set(err, r->path, 0, "cannot start at offset %lld", offset);
		return -1;
	}
	if (r->convert) {
		/* offsets count converted bytes, which no file position
		   gives: convert up to offset and drop it */
		while (r->in_base + (long long)r->in_end < offset) {
			int k;
			r->in_pos = r->in_end;
			if ((k = reader_refill(r)) <= 0) {
				if (k < 0)
					reader_read_error(r, err);
				else
					error_set(err, r->path, 0, "cannot start at offset %lld", offset);
				return -1;
			}
		}
		r->in_pos = (size_t)(offset - r->in_base);
	} else if (fseeko(r->fp, (off_t)offset, SEEK_SET) != 0) {
		error_set(err, r->path, 0, "cannot start at offset %lld", offset);
		return -1;
	} else {
		r->in_pos = r->in_end = 0;
		r->in_eof = 0;
		r->in_base = offset;
	}
	r->done_off = offset;
	r->done_line = line;
	r->line = line;
	r->pending = 0;
	r->nunseen = 0;	/* the records before offset were checked then */
	if (r->fmt == READER_JSON)
		r->js = JS_NEXT;	/* offset is just after an element */
	return 0;
}

