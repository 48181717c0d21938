/* csvsplit: a quote-free CSV line split the way libcsv splits it (see
 * csvsplit.h).  libcsv skips white space before a field, counts it after
 * the last other byte of a field and drops that count when the field ends;
 * the reader gives it only CR as white space (spaces and tabs are data,
 * RFC 4180 section 2.4), so without quotes a field is what lies between
 * two delimiters, less the CRs at both ends.  The delimiter is never white
 * space (libcsv tests it first). */
#include "io/csvsplit.h"

#include <stdint.h>
#include <string.h>

#include "base/utf8.h"

static int is_space(unsigned char c, unsigned char delim)
{
	return c == '\r' && c != delim;
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

#if defined(__SSE2__)
#include <emmintrin.h>

/* Sixteen bytes at a time: a bit mask of the delimiters, and whether any
 * byte is >= 0x80 or NUL, for the whole line at once; then each set bit
 * ends a field.  out holds the line, the delimiter as a sentinel at out[n]
 * and zeros after it (CSVSPLIT_PAD), so every load stays in out. */
size_t csvsplit_line(const char *s, size_t n, unsigned char delim, char *out,
		     size_t *off, size_t *len, size_t cap, int *plain)
{
	const __m128i vd = _mm_set1_epi8((char)delim), zero = _mm_setzero_si128();
	size_t base, start = 0, nf = 0;
	unsigned odd = 0;

	memcpy(out, s, n);
	out[n] = (char)delim;
	memset(out + n + 1, 0, CSVSPLIT_PAD - 1);
	for (base = 0; base <= n; base += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(out + base));
		unsigned dm = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, vd));
		unsigned hm = (unsigned)_mm_movemask_epi8(v) |
			      (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, zero));

		if (n + 1 - base <= 16) {	/* the chunk of the sentinel */
			dm &= (1u << (n + 1 - base)) - 1;
			hm &= (1u << (n - base)) - 1;
		}
		odd |= hm;
		while (dm) {
			size_t p = base + (size_t)__builtin_ctz(dm);
			char *b = out + start, *e = out + p;

			dm &= dm - 1;
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
			start = p + 1;
		}
	}
	if (plain)
		*plain = !odd;
	return nf;
}

#else

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
		     size_t *off, size_t *len, size_t cap, int *plain)
{
	char *p = out, *end = out + n;
	size_t nf = 0;

	if (plain)
		*plain = utf8_ascii(s, n);
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

#endif
