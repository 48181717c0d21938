/* fuzz_csvsplit: differential test of the reader's quote-free fast path
 * (lib/csvsplit.c) against libcsv, on any bytes.  The first byte picks the
 * delimiter; the rest is the input.
 * 1. Each line without a quote, split by csvsplit_line, must give exactly
 *    the fields libcsv gives for it, set up as the reader sets it up
 *    (CSV_STRICT; only CR is white space, and with a CR in the line only LF
 *    ends a row), or no row at all exactly when csvsplit_blank says so; and a
 *    short cap must give the same count and the same first fields.
 * 2. The whole input read as CSV by two readers, one with the fast path and
 *    one with every line after the header sent to libcsv
 *    (reader_set_slow_paths), must give the same records, line numbers,
 *    offsets, rejects (with their reasons and text) and counts. */
#include "fuzz_common.h"
#include "fuzz_paths.h"

#include <csv.h>

#include "io/csvsplit.h"
#include "io/reader.h"

struct fields {
	char *buf;		/* the fields' bytes, one after another */
	size_t len, cap;
	size_t off[1024], flen[1024];
	size_t nf, rows;
	int overflow;
};

static void field_cb(void *s, size_t n, void *data)
{
	struct fields *f = data;

	if (f->nf >= 1024 || f->len + n > f->cap) {
		f->overflow = 1;
		return;
	}
	if (n)
		memcpy(f->buf + f->len, s, n);
	f->off[f->nf] = f->len;
	f->flen[f->nf++] = n;
	f->len += n;
}

static void row_cb(int c, void *data)
{
	struct fields *f = data;

	(void)c;
	f->rows++;
}

static int is_term(unsigned char c)
{
	return c == '\n';
}

/* records: spaces and tabs are data, only CR is white space */
static int is_space(unsigned char c)
{
	return c == '\r';
}

/* Part 1: one line s[0..n) (no LF, no quote). */
static void one_line(const char *s, size_t n, unsigned char delim, size_t small)
{
	struct csv_parser p;
	struct fields f;
	char *line = malloc(n + 1), *out = malloc(n + CSVSPLIT_PAD);
	size_t off[1024], len[1024], nf, i;
	int plain = -1, want_plain;

	if (!line || !out)
		abort();
	memset(&f, 0, sizeof f);
	f.cap = n;
	f.buf = malloc(n + 1);
	if (!f.buf || csv_init(&p, CSV_STRICT) != 0)
		abort();
	csv_set_delim(&p, delim);
	if (memchr(s, '\r', n))
		csv_set_term_func(&p, is_term);
	csv_set_space_func(&p, is_space);
	memcpy(line, s, n);
	line[n] = '\n';
	if (csv_parse(&p, line, n + 1, field_cb, row_cb, &f) != n + 1)
		abort();	/* no quote: libcsv cannot fail */
	if (f.overflow)
		goto out;	/* more than 1024 fields: not compared */
	if (f.rows == 0) {
		if (!csvsplit_blank(s, n, delim) || f.nf != 0)
			abort();
		goto out;
	}
	if (f.rows != 1 || csvsplit_blank(s, n, delim))
		abort();
	nf = csvsplit_line(s, n, delim, out, off, len, 1024, &plain);
	if (nf != f.nf)
		abort();
	/* plain: no byte >= 0x80 and no NUL in the line */
	for (i = 0, want_plain = 1; i < n; i++)
		if ((unsigned char)s[i] >= 0x80 || s[i] == '\0')
			want_plain = 0;
	if (plain != want_plain)
		abort();
	for (i = 0; i < nf; i++) {
		if (len[i] != f.flen[i] || memcmp(out + off[i], f.buf + f.off[i], len[i]) != 0)
			abort();
		if (out[off[i] + len[i]] != '\0' || off[i] + len[i] > n)
			abort();
	}
	/* a short cap: the same count, the same first fields */
	if (small < nf) {
		memset(off, 0xAB, sizeof off);
		if (csvsplit_line(s, n, delim, out, off, len, small, NULL) != nf)
			abort();
		for (i = 0; i < small; i++)
			if (len[i] != f.flen[i] || memcmp(out + off[i], f.buf + f.off[i], len[i]) != 0)
				abort();
		if (off[small] != (size_t)0xABABABABABABABABu)
			abort();
	}
out:
	csv_free(&p);
	free(f.buf);
	free(line);
	free(out);
}

static void lines(const uint8_t *data, size_t size, unsigned char delim)
{
	size_t i = 0;

	while (i < size) {
		const uint8_t *s = data + i, *nl = memchr(s, '\n', size - i);
		size_t n = nl ? (size_t)(nl - s) : size - i;

		if (!memchr(s, '"', n))
			one_line((const char *)s, n, delim, n % 4);
		i += n + 1;
	}
}

/* Part 2: the same records from both readers (fuzz_paths.h). */
static void readers(const char *path, unsigned char delim, int strict)
{
	struct reader_config cfg = {0};

	cfg.format = READER_CSV;
	cfg.delimiter = delim;
	cfg.strict = strict;
	fuzz_same_paths(path, cfg, NULL, 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned char pick[8] = { ',', ',', ';', '\t', ' ', '\r', '|', '\0' };
	unsigned char delim;

	if (size < 1)
		return 0;
	delim = data[0] < 16 ? pick[data[0] & 7] : data[0];
	if (!csvsplit_usable(delim))
		delim = ',';
	lines(data + 1, size - 1, delim);
	readers(fuzz_file(data + 1, size - 1, ".csv"), delim, data[0] & 8 ? 1 : 0);
	return 0;
}
