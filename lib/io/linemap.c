/* linemap: the bit maps of a line (see linemap.h). */
#include "io/linemap.h"

#include <string.h>

/* Byte by byte: short lines, and machines without SSE2. */
static void make_bytes(struct linemap *m, const char *s, size_t n)
{
	int bad = 0;
	size_t i;

	m->n = n;
	memset(m->blank, 0, (n / 64 + 1) * sizeof m->blank[0]);
	memset(m->quote, 0, (n / 64 + 1) * sizeof m->quote[0]);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' || c == '\t')
			m->blank[i / 64] |= UINT64_C(1) << (i % 64);
		else if (c == '"')
			m->quote[i / 64] |= UINT64_C(1) << (i % 64);
		bad |= c == 0 || c >= 0x80;
	}
	m->ascii = !bad;
}

#if defined(__SSE2__)
#include <emmintrin.h>

/* One 16-byte chunk: its blank, quote and odd-byte (>= 0x80 or NUL) bits. */
static inline void chunk(const char *at, unsigned *b, unsigned *q, unsigned *h)
{
	const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)at);

	*b = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
						      _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))));
	*q = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
	*h = (unsigned)_mm_movemask_epi8(v) |
	     (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128()));
}

void linemap_make(struct linemap *m, const char *s, size_t n)
{
	uint64_t bw = 0, qw = 0, bad = 0;
	size_t i;

	if (n < 16) {
		make_bytes(m, s, n);
		return;
	}
	m->n = n;
	/* 16 bytes a step, the bits gathered into words in registers; the
	 * last step ends at the line's end, overlapping the one before, so
	 * that no load reads past the line */
	for (i = 0; i < n; i += 16) {
		unsigned b, q, h;

		if (n - i >= 16) {
			chunk(s + i, &b, &q, &h);
		} else {
			unsigned drop = 16 - (unsigned)(n - i);
			chunk(s + n - 16, &b, &q, &h);
			b >>= drop;
			q >>= drop;
			h >>= drop;
		}
		bw |= (uint64_t)b << (i % 64);
		qw |= (uint64_t)q << (i % 64);
		bad |= h;
		if (i % 64 == 48) {
			m->blank[i / 64] = bw;
			m->quote[i / 64] = qw;
			bw = qw = 0;
		}
	}
	if (i % 64 != 0) {
		m->blank[i / 64] = bw;
		m->quote[i / 64] = qw;
		i += 64 - i % 64;
	}
	m->blank[i / 64] = 0;	/* a word past the end, for the scans */
	m->quote[i / 64] = 0;
	m->ascii = !bad;
}

#else

void linemap_make(struct linemap *m, const char *s, size_t n)
{
	make_bytes(m, s, n);
}

#endif

