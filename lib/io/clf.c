/* clf: the values of access-log fields (the time rewritten as RFC 3339
 * text so that time_parse reads it like any other input, request times,
 * request lines) and the features of requests.  The feature map is a
 * plain array of (glob, name) rows tried in order.  The scanner that
 * finds the fields of a line is clf_format.c's. */
#include "io/clf.h"
#include "io/clf_int.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "base/xalloc.h"

int clf_latency_unit_parse(const char *name, enum clf_latency_unit *u)
{
	static const struct {
		const char *name;
		enum clf_latency_unit u;
	} t[] = {
		{"auto", CLF_LATENCY_AUTO}, {"us", CLF_LATENCY_US},
		{"ms", CLF_LATENCY_MS}, {"s", CLF_LATENCY_S},
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		if (strcmp(name, t[i].name) == 0) {
			*u = t[i].u;
			return 0;
		}
	}
	return -1;
}

/* ---- fields ---- */

/* Exactly n digits at p as a number. */
static int digits(const char *p, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)p[i]))
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

static int month_number(const char *p)
{
	static const char names[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	int i;

	for (i = 0; i < 12; i++)
		if (memcmp(p, names + 3 * i, 3) == 0)
			return i + 1;
	return -1;
}

/* "17/May/2015:10:05:03 +0000" (26 bytes) as RFC 3339 into out. */
/* The last time clf_time converted on this thread (a reader's lines are
 * read by one thread): a log's lines mostly share its minute, and then
 * only the seconds are new. */
struct time_memo {
	char in[26], out[26];
	int ok;
};

static _Thread_local struct time_memo clf_last;

int clf_time(const char *t, size_t n, char *out, size_t size)
{
	int d, mo, y, h, mi, sec, oh, om;

	if (n == 26 && size >= 26 && clf_last.ok &&
	    memcmp(t, clf_last.in, 18) == 0 && memcmp(t + 20, clf_last.in + 20, 6) == 0 &&
	    t[18] >= '0' && t[18] <= '6' && t[19] >= '0' && t[19] <= '9' &&
	    (t[18] < '6' || t[19] == '0')) {
		memcpy(out, clf_last.out, 26);
		out[17] = t[18];
		out[18] = t[19];
		return 0;
	}
	clf_last.ok = 0;
	if (n != 26 || t[2] != '/' || t[6] != '/' || t[11] != ':' ||
	    t[14] != ':' || t[17] != ':' || t[20] != ' ' ||
	    (t[21] != '+' && t[21] != '-'))
		return -1;
	d = digits(t, 2);
	mo = month_number(t + 3);
	y = digits(t + 7, 4);
	h = digits(t + 12, 2);
	mi = digits(t + 15, 2);
	sec = digits(t + 18, 2);
	oh = digits(t + 22, 2);
	om = digits(t + 24, 2);
	if (d < 1 || d > 31 || mo < 0 || y < 0 || h < 0 || h > 23 ||
	    mi < 0 || mi > 59 || sec < 0 || sec > 60 || oh < 0 || oh > 23 ||
	    om < 0 || om > 59)
		return -1;
	/* the fields are checked digits: copy them (snprintf was a quarter
	 * of the time of reading an access log) */
	if (size < 26)
		return -1;
	memcpy(out, t + 7, 4);			/* yyyy */
	out[4] = '-';
	out[5] = (char)('0' + mo / 10);
	out[6] = (char)('0' + mo % 10);
	out[7] = '-';
	memcpy(out + 8, t, 2);			/* dd */
	out[10] = 'T';
	memcpy(out + 11, t + 12, 8);		/* HH:MM:SS */
	out[19] = t[21];
	memcpy(out + 20, t + 22, 2);		/* hh */
	out[22] = ':';
	memcpy(out + 23, t + 24, 2);		/* mm */
	out[25] = '\0';
	memcpy(clf_last.in, t, 26);
	memcpy(clf_last.out, out, 26);
	clf_last.ok = 1;
	return 0;
}

size_t clf_ms_text(double ms, char *buf)
{
	static const double scale[] = { 1, 10, 100, 1000 };

	/* N / 10^k with N < 10^9 has at most 9 significant digits, so "%.10g"
	 * writes exactly that decimal; 0.001 <= ms keeps %g off exponents */
	if (ms >= 0 && ms < 1e6 && !signbit(ms)) {
		int k;

		for (k = 0; k < 4; k++) {
			long long n = llround(ms * scale[k]);
			char digit[24];
			size_t nd = 0, out = 0;

			if ((double)n / scale[k] != ms)
				continue;
			do {	/* digits, last first; at least k + 1 of them */
				digit[nd++] = (char)('0' + n % 10);
				n /= 10;
			} while (n || nd <= (size_t)k);
			while (nd > 0) {
				if (nd == (size_t)k)
					buf[out++] = '.';
				buf[out++] = digit[--nd];
			}
			buf[out] = '\0';
			return out;
		}
	}
	return (size_t)snprintf(buf, 32, "%.10g", ms);
}

int clf_latency(const char *t, size_t n, enum clf_latency_unit unit, double *ms)
{
	char buf[64], *end;
	double v;

	if (n == 0 || n >= sizeof buf)
		return -1;
	memcpy(buf, t, n);
	buf[n] = '\0';
	if (!isdigit((unsigned char)buf[0]))
		return -1;
	errno = 0;
	v = strtod(buf, &end);
	if (errno || *end != '\0' || !isfinite(v) || v < 0)
		return -1;
	if (unit == CLF_LATENCY_AUTO)
		unit = memchr(buf, '.', n) ? CLF_LATENCY_S : CLF_LATENCY_US;
	switch (unit) {
	case CLF_LATENCY_US: v /= 1000; break;
	case CLF_LATENCY_S: v *= 1000; break;
	case CLF_LATENCY_MS:
	case CLF_LATENCY_AUTO:
		break;
	}
	*ms = v;
	return 0;
}

/* The classes of the bytes of a path segment (the C locale's isdigit,
 * isupper, islower, isxdigit and '_'), one table look-up a byte. */
enum { C_DIGIT = 1, C_UPPER = 2, C_LOWER = 4, C_XDIGIT = 8, C_UNDER = 16 };

static const unsigned char byte_class[256] = {
	['0'] = C_DIGIT | C_XDIGIT, ['1'] = C_DIGIT | C_XDIGIT, ['2'] = C_DIGIT | C_XDIGIT,
	['3'] = C_DIGIT | C_XDIGIT, ['4'] = C_DIGIT | C_XDIGIT, ['5'] = C_DIGIT | C_XDIGIT,
	['6'] = C_DIGIT | C_XDIGIT, ['7'] = C_DIGIT | C_XDIGIT, ['8'] = C_DIGIT | C_XDIGIT,
	['9'] = C_DIGIT | C_XDIGIT,
	['A'] = C_UPPER | C_XDIGIT, ['B'] = C_UPPER | C_XDIGIT, ['C'] = C_UPPER | C_XDIGIT,
	['D'] = C_UPPER | C_XDIGIT, ['E'] = C_UPPER | C_XDIGIT, ['F'] = C_UPPER | C_XDIGIT,
	['G'] = C_UPPER, ['H'] = C_UPPER, ['I'] = C_UPPER, ['J'] = C_UPPER, ['K'] = C_UPPER,
	['L'] = C_UPPER, ['M'] = C_UPPER, ['N'] = C_UPPER, ['O'] = C_UPPER, ['P'] = C_UPPER,
	['Q'] = C_UPPER, ['R'] = C_UPPER, ['S'] = C_UPPER, ['T'] = C_UPPER, ['U'] = C_UPPER,
	['V'] = C_UPPER, ['W'] = C_UPPER, ['X'] = C_UPPER, ['Y'] = C_UPPER, ['Z'] = C_UPPER,
	['a'] = C_LOWER | C_XDIGIT, ['b'] = C_LOWER | C_XDIGIT, ['c'] = C_LOWER | C_XDIGIT,
	['d'] = C_LOWER | C_XDIGIT, ['e'] = C_LOWER | C_XDIGIT, ['f'] = C_LOWER | C_XDIGIT,
	['g'] = C_LOWER, ['h'] = C_LOWER, ['i'] = C_LOWER, ['j'] = C_LOWER, ['k'] = C_LOWER,
	['l'] = C_LOWER, ['m'] = C_LOWER, ['n'] = C_LOWER, ['o'] = C_LOWER, ['p'] = C_LOWER,
	['q'] = C_LOWER, ['r'] = C_LOWER, ['s'] = C_LOWER, ['t'] = C_LOWER, ['u'] = C_LOWER,
	['v'] = C_LOWER, ['w'] = C_LOWER, ['x'] = C_LOWER, ['y'] = C_LOWER, ['z'] = C_LOWER,
	['_'] = C_UNDER,
};

static int is_class(unsigned char c, unsigned cls)
{
	return (byte_class[c] & cls) != 0;
}

/* Whether s[0..n) is not empty and each byte is of one of the classes. */
static int all_of(const char *s, size_t n, unsigned cls)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_class((unsigned char)s[i], cls))
			return 0;
	return n > 0;
}

void clf_request_line(const char *r, size_t n, struct clf_request *req)
{
	const char *p = r, *end = r + n, *t, *e, *q;

	req->method = NULL;
	req->method_len = 0;
	req->path = NULL;
	req->path_len = 0;
	while (p < end && *p >= 'A' && *p <= 'Z')	/* isupper, C locale */
		p++;
	if (p == r || p == end || *p != ' ')
		return;
	t = p + 1;
	if (t == end || *t == ' ')
		return;
	/* the path ends at the space before the protocol, the query string
	 * or the fragment: memchr beats a byte loop over a long path */
	e = memchr(t, ' ', (size_t)(end - t));
	if (!e)
		e = end;
	if ((q = memchr(t, '?', (size_t)(e - t))))
		e = q;
	if ((q = memchr(t, '#', (size_t)(e - t))))
		e = q;
	req->method = r;
	req->method_len = (size_t)(t - 1 - r);
	req->path = t;
	req->path_len = (size_t)(e - t);
}

/* ---- features ---- */

int clf_is_static(const char *path, size_t len)
{
	/* the extensions, 2 to 5 letters, as words of 8 bytes (zero after
	 * the letters) */
	static const char ext[][8] = {
		"png", "jpg", "jpeg", "gif", "svg", "ico", "webp", "bmp",
		"css", "js", "map", "woff", "woff2", "ttf", "eot", "otf",
	};
	char low[8] = { 0 };
	size_t i, k;

	/* look no further back than the longest */
	for (i = len; i > 0 && len - i <= 5 && path[i - 1] != '/' &&
	     path[i - 1] != '.'; i--)
		;
	if (i == 0 || path[i - 1] != '.' || len - i < 2 || len - i > 5)
		return 0;
	for (k = 0; k < len - i; k++) {
		unsigned char c = (unsigned char)path[i + k];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');	/* tolower, C locale */
		else if (c == 0)
			return 0;	/* "js\0" is not "js" */
		low[k] = (char)c;
	}
	for (k = 0; k < sizeof ext / sizeof ext[0]; k++)
		if (memcmp(low, ext[k], 8) == 0)
			return 1;
	return 0;
}

struct clf_featuremap {
	char **pattern, **name;
	int *with_method;
	size_t n, cap;
};

static void trim_span(const char **s, size_t *n)
{
	while (*n > 0 && isspace((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/* A pattern that starts "WORD " in capitals is matched with the method. */
static int has_method(const char *p)
{
	size_t i;

	for (i = 0; isupper((unsigned char)p[i]); i++)
		;
	return i > 0 && p[i] == ' ';
}

struct clf_featuremap *clf_featuremap_load(const char *path, struct error *err)
{
	struct clf_featuremap *m;
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t lcap = 0;
	ssize_t got;
	unsigned long lineno = 0;

	if (!fp) {
		error_set(err, path, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	m = xcalloc(1, sizeof *m);
	while ((got = getline(&line, &lcap, fp)) >= 0) {
		const char *a = line, *b, *comma;
		size_t alen, blen, n = (size_t)got;

		lineno++;
		if (lineno == 1 && n >= 3 && memcmp(a, "\xEF\xBB\xBF", 3) == 0) {
			a += 3;
			n -= 3;
		}
		trim_span(&a, &n);
		if (n == 0 || a[0] == '#')
			continue;
		comma = memchr(a, ',', n);
		if (!comma) {
			error_set(err, path, lineno, "expected pattern,feature");
			goto fail;
		}
		alen = (size_t)(comma - a);
		b = comma + 1;
		blen = n - alen - 1;
		trim_span(&a, &alen);
		trim_span(&b, &blen);
		if (lineno == 1 && alen == 7 && blen == 7 &&
		    memcmp(a, "pattern", 7) == 0 && memcmp(b, "feature", 7) == 0)
			continue;
		if (alen == 0 || blen == 0) {
			error_set(err, path, lineno, "empty %s", alen ? "feature" : "pattern");
			goto fail;
		}
		m->pattern = vec_reserve(m->pattern, &m->cap, m->n + 1, sizeof *m->pattern);
		m->name = xreallocarray(m->name, m->cap, sizeof *m->name);
		m->with_method = xreallocarray(m->with_method, m->cap, sizeof *m->with_method);
		m->pattern[m->n] = xmemdup(a, alen);
		m->name[m->n] = xmemdup(b, blen);
		m->with_method[m->n] = has_method(m->pattern[m->n]);
		m->n++;
	}
	if (ferror(fp)) {
		error_set(err, path, 0, "read error: %s", strerror(errno));
		goto fail;
	}
	free(line);
	fclose(fp);
	return m;
fail:
	free(line);
	fclose(fp);
	clf_featuremap_free(m);
	return NULL;
}

void clf_featuremap_free(struct clf_featuremap *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->n; i++) {
		free(m->pattern[i]);
		free(m->name[i]);
	}
	free(m->pattern);
	free(m->name);
	free(m->with_method);
	free(m);
}

/* PROJ-123: a capital, capitals, digits or _, a dash, digits. */
static int is_issue_key(const char *s, size_t n)
{
	const char *dash;
	size_t k;

	if (!is_class((unsigned char)s[0], C_UPPER) || !(dash = memchr(s, '-', n)))
		return 0;
	k = (size_t)(dash - s);
	return k >= 2 && all_of(s, k, C_UPPER | C_DIGIT | C_UNDER) &&
	       all_of(dash + 1, n - k - 1, C_DIGIT);
}

static int is_uuid(const char *s, size_t n)
{
	static const size_t dash[] = { 8, 13, 18, 23 };
	size_t i, d = 0;

	if (n != 36)
		return 0;
	for (i = 0; i < n; i++) {
		if (d < 4 && i == dash[d]) {
			if (s[i] != '-')
				return 0;
			d++;
		} else if (!is_class((unsigned char)s[i], C_XDIGIT)) {
			return 0;
		}
	}
	return 1;
}

/* Digits, with an optional extension: "123", "123.json". */
static int is_number(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && is_class((unsigned char)s[i], C_DIGIT); i++)
		;
	if (i == 0)
		return 0;
	if (i == n)
		return 1;
	return s[i] == '.' && all_of(s + i + 1, n - i - 1, C_UPPER | C_LOWER);
}

static int is_id(const char *s, size_t n, const char *prev, size_t prevlen)
{
	unsigned char c = (unsigned char)s[0];

	/* most segments are words: an id starts with a digit, a capital
	 * (PROJ-123) or, 16 bytes long at least, a hex digit */
	if (!is_class(c, C_DIGIT | C_UPPER) && (n < 16 || !is_class(c, C_XDIGIT)))
		return 0;
	if (is_number(s, n))
		return !(all_of(s, n, C_DIGIT) && prevlen >= 3 &&
			 memcmp(prev + prevlen - 3, "api", 3) == 0);
	return is_issue_key(s, n) || is_uuid(s, n) ||
	       (n >= 16 && all_of(s, n, C_XDIGIT));
}

static inline void put(char **buf, size_t *cap, size_t *len, const char *s, size_t n)
{
	if (*len + n + 1 > *cap)
		*buf = vec_reserve(*buf, cap, *len + n + 1, 1);
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[*len] = '\0';
}

static const char *map_lookup(const struct clf_featuremap *map,
			      const struct clf_request *req, char **buf,
			      size_t *cap)
{
	size_t i, len = 0;

	if (!map || map->n == 0)
		return NULL;
	/* buf: "METHOD /path"; the path alone starts after the space */
	put(buf, cap, &len, "", 0);
	put(buf, cap, &len, req->method, req->method_len);
	put(buf, cap, &len, " ", 1);
	put(buf, cap, &len, req->path, req->path_len);
	for (i = 0; i < map->n; i++) {
		const char *subject = map->with_method[i] ? *buf
			: *buf + req->method_len + 1;
		if (fnmatch(map->pattern[i], subject, 0) == 0)
			return map->name[i];
	}
	return NULL;
}

size_t clf_feature(const struct clf_featuremap *map, const struct clf_request *req,
		   char **buf, size_t *cap)
{
	const char *name, *p, *end, *prev = "";
	size_t len = 0, prevlen = 0;
	char *out;

	if (!req->method) {
		put(buf, cap, &len, "-", 1);
		return len;
	}
	name = map_lookup(map, req, buf, cap);
	if (!name && clf_is_static(req->path, req->path_len))
		name = "static";
	if (name) {
		size_t n = strlen(name);
		len = 0;
		put(buf, cap, &len, name, n);
		return len;
	}
	/* room for the longest: every byte of the path an id */
	if (req->method_len + 3 * req->path_len + 2 > *cap)
		*buf = vec_reserve(*buf, cap, req->method_len + 3 * req->path_len + 2, 1);
	out = *buf;
	memcpy(out, req->method, req->method_len);
	len = req->method_len;
	out[len++] = ' ';
	p = req->path;
	end = req->path + req->path_len;
	while (p < end) {
		const char *seg;
		size_t n, at;

		if (*p == '/') {
			out[len++] = '/';
			p++;
			continue;
		}
		/* the segment is copied as it is read, and written over
		 * when it is an id */
		seg = p;
		at = len;
		while (p < end && *p != '/')
			out[len++] = *p++;
		n = (size_t)(p - seg);
		if (is_id(seg, n, prev, prevlen)) {
			size_t k = 0;
			memcpy(out + at, ":id", 3);	/* at most n + 2 bytes */
			len = at + 3;
			/* keep the extension of "123.json" */
			while (k < n && seg[k] != '.')
				k++;
			if (k < n && is_number(seg, n)) {
				memcpy(out + len, seg + k, n - k);
				len += n - k;
			}
		}
		prev = seg;
		prevlen = n;
	}
	out[len] = '\0';
	return len;
}
