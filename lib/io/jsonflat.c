/* jsonflat: a flat JSON object read in place (see jsonflat.h).  The
 * grammar is RFC 8259's, cut down: whatever falls outside the cut is
 * refused, never guessed at, so jansson stays the judge of it. */
#include "io/jsonflat.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static int is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static size_t skip_ws_loop(const unsigned char *s, size_t i, size_t n)
{
	while (i < n && is_ws(s[i]))
		i++;
	return i;
}

/* Inline for the common case of no white space at all. */
static inline size_t skip_ws(const unsigned char *s, size_t i, size_t n)
{
	if (i < n && s[i] > ' ')
		return i;
	return skip_ws_loop(s, i, n);
}

/* What a byte is inside a string: 0 most bytes, STR_END a quote,
 * STR_BAD a backslash or a control character, STR_HIGH a byte >= 0x80. */
enum { STR_END = 1, STR_BAD, STR_HIGH };
static const unsigned char str_class[256] = {
	/* 0x00 to 0xFF, sixteen a row */
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
};

/* The string opening at s[i] ('"'): the index just past its closing
 * quote, or 0 when it holds an escape, a control character or invalid
 * UTF-8, or is not closed.  With SSE2, sixteen bytes at a time: a mask of
 * the bytes that are not plain (a quote, a backslash, a control character
 * or a byte >= 0x80: below 0x20 as signed bytes), the last sixteen of s
 * loaded again for the tail so that no byte loop is left; else four
 * table look-ups at a time, then bytes. */
static inline size_t string_end(const unsigned char *s, size_t i, size_t n)
{
	size_t b = ++i;
	int high = 0;

#if defined(__SSE2__)
	const __m128i vq = _mm_set1_epi8('"'), vb = _mm_set1_epi8('\\'),
		      vs = _mm_set1_epi8(0x20);

	while (n >= 16) {
		__m128i v;
		unsigned sm;

		if (n - i >= 16) {
			v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		} else {
			/* the tail: s[n-16..n), the bytes before i dropped */
			v = _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16));
		}
		sm = (unsigned)_mm_movemask_epi8(_mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(v, vq), _mm_cmpeq_epi8(v, vb)),
			_mm_cmplt_epi8(v, vs)));
		if (n - i < 16) {
			sm >>= 16 - (n - i);
			if (!sm)
				return 0;
		} else if (!sm) {
			i += 16;
			continue;
		}
		i += (unsigned)__builtin_ctz(sm);
		if (s[i] == '"')
			return high && !utf8_valid((const char *)s + b, i - b) ? 0 : i + 1;
		if (s[i] < 0x80)
			return 0;	/* a backslash or a control character */
		high = 1;
		i++;
	}
#else
	while (n - i >= 4 && !(str_class[s[i]] | str_class[s[i + 1]] |
			       str_class[s[i + 2]] | str_class[s[i + 3]]))
		i += 4;
#endif
	for (;;) {
		while (i < n && !str_class[s[i]])
			i++;
		if (i >= n)
			return 0;
		switch (str_class[s[i]]) {
		case STR_END:
			if (high && !utf8_valid((const char *)s + b, i - b))
				return 0;
			return i + 1;
		case STR_HIGH:
			high = 1;
			i++;
			break;
		default:
			return 0;
		}
	}
}

/* Bit maps of a text's quotes and of its bytes that a plain string may
 * not hold (a backslash, a control character, a byte >= 0x80), one bit a
 * byte, made in one SSE2 pass before the members are read: a string then
 * ends at the next quote, found by a bit scan, and is plain when no bad
 * bit lies inside it (else string_end judges it).  on is 0 for a text
 * shorter than 16 bytes or longer than MAP_MAX, or without SSE2. */
#define MAP_MAX 2048
struct qmap {
	int on, any_bad;
	/* q[] has one more bit, at n: a quote that closes nothing */
	uint64_t q[MAP_MAX / 64 + 1], bad[MAP_MAX / 64 + 1];
};

#if defined(__SSE2__)
/* The quote bits and the bad bits of s[at..at+16). */
static inline void map_block(const unsigned char *s, size_t at, uint64_t *qb,
			     uint64_t *bb)
{
	const __m128i vq = _mm_set1_epi8('"'), vb = _mm_set1_epi8('\\'),
		      vs = _mm_set1_epi8(0x20);
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + at));

	*qb = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, vq));
	*bb = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, vb),
						       _mm_cmplt_epi8(v, vs)));
}
#endif

/* Makes the maps of s[0..n); the bad map only when a bad byte is there
 * (rare: a second pass). */
static void map_make(struct qmap *qm, const unsigned char *s, size_t n)
{
#if defined(__SSE2__)
	size_t base, words = n / 64 + 1;
	uint64_t qb, bb, anyb = 0;
	int pass;

	qm->on = n >= 16 && n <= MAP_MAX;
	if (!qm->on)
		return;
	memset(qm->q, 0, words * sizeof qm->q[0]);
	for (pass = 0; pass < 2; pass++) {
		for (base = 0; n - base >= 16; base += 16) {
			map_block(s, base, &qb, &bb);
			if (pass == 0) {
				anyb |= bb;
				qm->q[base / 64] |= qb << (base % 64);
			} else {
				qm->bad[base / 64] |= bb << (base % 64);
			}
		}
		if (base < n) {
			/* the tail, loaded as s[n-16..n): its bits moved down
			   to where they belong, those before base dropped */
			map_block(s, n - 16, &qb, &bb);
			qb >>= 16 - (n - base);
			bb >>= 16 - (n - base);
			if (pass == 0) {
				anyb |= bb;
				qm->q[base / 64] |= qb << (base % 64);
			} else {
				qm->bad[base / 64] |= bb << (base % 64);
			}
		}
		qm->any_bad = anyb != 0;
		if (!anyb)
			break;
		if (pass == 0)
			memset(qm->bad, 0, words * sizeof qm->bad[0]);
	}
	qm->q[n / 64] |= UINT64_C(1) << (n % 64);
#else
	(void)s;
	(void)n;
	qm->on = 0;
#endif
}

/* Whether a bit of map b is set in [from, to). */
static int map_any(const uint64_t *b, size_t from, size_t to)
{
	size_t w = from / 64, last = (to - 1) / 64;
	uint64_t bits;

	if (from >= to)
		return 0;
	bits = b[w] & (~UINT64_C(0) << (from % 64));
	while (w < last) {
		if (bits)
			return 1;
		bits = b[++w];
	}
	if (to % 64)
		bits &= ~(~UINT64_C(0) << (to % 64));
	return bits != 0;
}

/* string_end by the maps when they are on: the next quote bit after i
 * (the one at n when the string is not closed). */
static inline size_t str_end(const struct qmap *qm, const unsigned char *s,
			     size_t i, size_t n)
{
	size_t j = i + 1, w = j / 64, e;
	uint64_t bits;

	if (!qm->on)
		return string_end(s, i, n);
	bits = qm->q[w] & (~UINT64_C(0) << (j % 64));
	while (!bits)
		bits = qm->q[++w];
	e = w * 64 + (unsigned)__builtin_ctzll(bits);
	if (e >= n)
		return 0;
	if (qm->any_bad && map_any(qm->bad, j, e))
		return string_end(s, i, n);
	return e + 1;
}

static size_t digits_end(const unsigned char *s, size_t i, size_t n)
{
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	return i;
}

/* The number at s[i] into x: the index just past it, or 0 when it is not
 * JSON (a leading zero, a lone minus, a bare point or exponent) or not one
 * whose value is sure: an integer of more than 18 digits (maybe beyond
 * int64, which jansson refuses), -0 (an integer jansson prints 0), a real
 * over 63 characters or that overflows (jansson refuses it too).  A real
 * is read by strtod, as jansson reads it (the C locale: no command sets
 * another). */
static size_t number_end(const unsigned char *s, size_t i, size_t n,
			 struct jsonflat_member *x)
{
	size_t b = i, d, e;
	int neg = s[i] == '-';
	char buf[64];

	if (neg)
		i++;
	d = i;
	i = digits_end(s, i, n);
	if (i == d || (s[d] == '0' && i - d > 1))
		return 0;
	e = i;
	if (i < n && s[i] == '.') {
		size_t f = ++i;
		if ((i = digits_end(s, i, n)) == f)
			return 0;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		size_t f;
		if (++i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		f = i;
		if ((i = digits_end(s, i, n)) == f)
			return 0;
	}
	if (i == e) {	/* an integer */
		x->type = JSONFLAT_NUMBER;
		return i - d > 18 || (neg && s[d] == '0') ? 0 : i;
	}
	if (i - b >= sizeof buf)
		return 0;
	memcpy(buf, s + b, i - b);
	buf[i - b] = '\0';
	x->type = JSONFLAT_REAL;
	x->real = strtod(buf, NULL);
	return isinf(x->real) ? 0 : i;
}

/* The word w at s[i]: the index just past it, or 0. */
static size_t word_end(const unsigned char *s, size_t i, size_t n, const char *w)
{
	size_t len = strlen(w);

	if (n - i < len || memcmp(s + i, w, len) != 0)
		return 0;
	return i + len;
}

/* The value at s[i] (i < n) into x; the index just past it, or 0. */
static size_t value_end(const struct qmap *qm, const unsigned char *s,
			size_t i, size_t n, struct jsonflat_member *x)
{
	size_t e;

	x->real = 0;
	switch (s[i]) {
	case '"':
		x->type = JSONFLAT_STRING;
		e = str_end(qm, s, i, n);
		x->val = i + 1;
		x->val_len = e ? e - i - 2 : 0;
		return e;
	case 't':
		x->type = JSONFLAT_TRUE;
		e = word_end(s, i, n, "true");
		break;
	case 'f':
		x->type = JSONFLAT_FALSE;
		e = word_end(s, i, n, "false");
		break;
	case 'n':
		x->type = JSONFLAT_NULL;
		e = word_end(s, i, n, "null");
		break;
	default:
		if (s[i] != '-' && (s[i] < '0' || s[i] > '9'))
			return 0;
		e = number_end(s, i, n, x);
		break;
	}
	x->val = i;
	x->val_len = e ? e - i : 0;
	return e;
}

long jsonflat_parse(const char *text, size_t n, struct jsonflat_member *m,
		    size_t cap)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = skip_ws(s, 0, n), count = 0;
	struct qmap qm;
	struct jsonflat_member spare = {0};	/* members past cap */

	if (i >= n || s[i] != '{')
		return -1;
	i = skip_ws(s, i + 1, n);
	if (i < n && s[i] == '}')
		return skip_ws(s, i + 1, n) == n ? 0 : -1;
	map_make(&qm, s, n);
	for (;;) {
		struct jsonflat_member *x = count < cap ? &m[count] : &spare;
		size_t e;

		if (i >= n || s[i] != '"' || (e = str_end(&qm, s, i, n)) == 0)
			return -1;
		x->key = i + 1;
		x->key_len = e - i - 2;
		i = skip_ws(s, e, n);
		if (i >= n || s[i] != ':')
			return -1;
		i = skip_ws(s, i + 1, n);
		if (i >= n || (e = value_end(&qm, s, i, n, x)) == 0)
			return -1;
		count++;
		i = skip_ws(s, e, n);
		if (i < n && s[i] == ',') {
			i = skip_ws(s, i + 1, n);
			continue;
		}
		if (i < n && s[i] == '}')
			break;
		return -1;
	}
	return skip_ws(s, i + 1, n) == n ? (long)count : -1;
}
