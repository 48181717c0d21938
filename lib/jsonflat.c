/* jsonflat: a flat JSON object read in place (see jsonflat.h).  The
 * grammar is RFC 8259's, cut down: whatever falls outside the cut is
 * refused, never guessed at, so jansson stays the judge of it. */
#include "jsonflat.h"

#include <string.h>

#include "utf8.h"

static int is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static size_t skip_ws(const unsigned char *s, size_t i, size_t n)
{
	while (i < n && is_ws(s[i]))
		i++;
	return i;
}

/* The string opening at s[i] ('"'): the index just past its closing
 * quote, or 0 when it holds an escape, a control character or invalid
 * UTF-8, or is not closed. */
static size_t string_end(const unsigned char *s, size_t i, size_t n)
{
	size_t b = ++i;
	int high = 0;

	for (; i < n && s[i] != '"'; i++) {
		if (s[i] < 0x20 || s[i] == '\\')
			return 0;
		high |= s[i] >= 0x80;
	}
	if (i >= n)
		return 0;
	if (high && !utf8_valid((const char *)s + b, i - b))
		return 0;
	return i + 1;
}

/* The integer at s[i]: the index just past it, or 0 when it is not one
 * that jansson prints back as the same text: a fraction or an exponent
 * (a real), more than 18 digits (maybe beyond int64), -0 (printed 0), or
 * not JSON at all (a leading zero, a lone minus). */
static size_t number_end(const unsigned char *s, size_t i, size_t n)
{
	size_t d;
	int neg = s[i] == '-';

	if (neg)
		i++;
	d = i;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == d || i - d > 18 || (s[d] == '0' && (i - d > 1 || neg)))
		return 0;
	if (i < n && (s[i] == '.' || s[i] == 'e' || s[i] == 'E'))
		return 0;
	return i;
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
static size_t value_end(const unsigned char *s, size_t i, size_t n,
			struct jsonflat_member *x)
{
	size_t e;

	switch (s[i]) {
	case '"':
		x->type = JSONFLAT_STRING;
		e = string_end(s, i, n);
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
		x->type = JSONFLAT_NUMBER;
		e = number_end(s, i, n);
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

	if (i >= n || s[i] != '{')
		return -1;
	i = skip_ws(s, i + 1, n);
	if (i < n && s[i] == '}')
		return skip_ws(s, i + 1, n) == n ? 0 : -1;
	for (;;) {
		struct jsonflat_member x;
		size_t e;

		if (i >= n || s[i] != '"' || (e = string_end(s, i, n)) == 0)
			return -1;
		x.key = i + 1;
		x.key_len = e - i - 2;
		i = skip_ws(s, e, n);
		if (i >= n || s[i] != ':')
			return -1;
		i = skip_ws(s, i + 1, n);
		if (i >= n || (e = value_end(s, i, n, &x)) == 0)
			return -1;
		if (count < cap)
			m[count] = x;
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
