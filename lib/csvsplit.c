/* csvsplit: a quote-free CSV line split the way libcsv splits it (see
 * csvsplit.h).  libcsv skips white space before a field, counts it after
 * the last other byte of a field and drops that count when the field ends;
 * without quotes, that is a field between two delimiters trimmed of
 * spaces, tabs and CRs at both ends.  The delimiter is never white space
 * (libcsv tests it first). */
#include "csvsplit.h"

#include <stdint.h>
#include <string.h>

static int is_space(unsigned char c, unsigned char delim)
{
	return (c == ' ' || c == '\t' || c == '\r') && c != delim;
}

int csvsplit_usable(unsigned char delim)
{
	return delim != '"' && delim != '\n';
}

int csvsplit_blank(const char *s, size_t n, unsigned char delim)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_space((unsigned char)s[i], delim))
			return 0;
	return 1;
}

/* The first delimiter at or after p; one lies at or before end (the
 * sentinel).  Eight bytes at a time while they are all before end: a
 * field is a few words long, and a byte loop was the cost of this file. */
static char *find_delim(char *p, const char *end, unsigned char delim)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	const uint64_t d = ones * delim;

	while (end - p >= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		w ^= d;			/* a zero byte where delim is */
		w = (w - ones) & ~w & (ones << 7);
		if (w) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			return p + __builtin_ctzll(w) / 8;
#else
			break;
#endif
		}
		p += 8;
	}
	while (*p != (char)delim)
		p++;
	return p;
}

size_t csvsplit_line(const char *s, size_t n, unsigned char delim, char *out,
		     size_t *off, size_t *len, size_t cap)
{
	char *p = out, *end = out + n;
	size_t nf = 0;

	memcpy(out, s, n);
	out[n] = (char)delim;	/* a sentinel: the scan needs no bound */
	for (;;) {
		char *b = p, *e;
		p = find_delim(p, end, delim);
		e = p;
		while (b < e && is_space((unsigned char)*b, delim))
			b++;
		while (e > b && is_space((unsigned char)e[-1], delim))
			e--;
		*e = '\0';
		if (nf < cap) {
			off[nf] = (size_t)(b - out);
			len[nf] = (size_t)(e - b);
		}
		nf++;
		if (p == end)
			return nf;
		p++;
	}
}
