/* tz: time zones read from the system's TZif files (RFC 8536, version 2+
 * 64-bit data and the POSIX TZ footer for instants past the last
 * transition), without touching the process-global TZ state.  A zone is a
 * sorted array of transitions plus an optional footer rule; the last
 * interval looked up is cached, since events mostly arrive in time order. */
#include "base/tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

#define TZ_FILE_MAX (1024 * 1024)
/* Transition times in files may be far outside any useful range (the
 * "big bang" marker is -2^59 s); clamp them so that milliseconds fit. */
#define SEC_LIMIT INT64_C(4000000000000000)

/* One date of a POSIX TZ rule: 'J' (Jn, 1-365, no Feb 29), 'D' (n, 0-365)
 * or 'M' (Mm.w.d); time is seconds after local midnight (may be negative
 * or past 24h, RFC 8536). */
struct tzrule {
	int kind;
	int n, m, w, d;
	int32_t time;
};

/* The footer: offsets in seconds east of UTC. */
struct posixtz {
	int32_t std_off, dst_off;
	int has_dst;
	struct tzrule start, end;
};

struct tz {
	char *name;
	size_t n;		/* transitions */
	int64_t *at;		/* transition instants, ms, ascending */
	int32_t *off;		/* offset (s east) from at[i] on */
	int32_t first_off;	/* offset before at[0] (time type 0) */
	int has_rule;		/* footer rule applies from at[n-1] on */
	struct posixtz rule;
	/* cache: offset cache_off holds on [cache_lo, cache_hi) */
	int64_t cache_lo, cache_hi;
	int32_t cache_off;
};

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static int64_t floor_mod(int64_t a, int64_t b)
{
	return a - floor_div(a, b) * b;
}

/* seconds to ms, saturating */
static int64_t sec_to_ms(int64_t s)
{
	if (s > INT64_MAX / 1000)
		return INT64_MAX;
	if (s < INT64_MIN / 1000)
		return INT64_MIN;
	return s * 1000;
}

/* t + off seconds, saturating */
static int64_t add_off(int64_t t, int32_t off)
{
	int64_t d = (int64_t)off * 1000;
	if (d > 0 && t > INT64_MAX - d)
		return INT64_MAX;
	if (d < 0 && t < INT64_MIN - d)
		return INT64_MIN;
	return t + d;
}

/* ---- proleptic Gregorian calendar (H. Hinnant's algorithms) ---- */

int civil_is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int civil_days_in_month(int64_t y, int m)
{
	static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && civil_is_leap(y) ? 29 : dim[m - 1];
}

/* m may be out of 1-12 (normalised); d may be any number. */
int64_t civil_days_from_date(int64_t y, int m, int d)
{
	int64_t mm = (int64_t)m - 1, era, yoe, doy, doe;

	y += floor_div(mm, 12);
	mm = floor_mod(mm, 12) + 1;
	y -= mm <= 2;
	era = floor_div(y, 400);
	yoe = y - era * 400;
	doy = (153 * (mm + (mm > 2 ? -3 : 9)) + 2) / 5;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468 + (d - 1);
}

void civil_date_from_days(int64_t days, int64_t *y, int *m, int *d)
{
	int64_t z = days + 719468, era, doe, yoe, doy, mp;

	era = floor_div(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* ---- POSIX TZ strings (the TZif footer) ---- */

static int parse_num(const char **pp, int max, int *out)
{
	const char *p = *pp;
	int v = 0;

	if (*p < '0' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9') {
		v = v * 10 + (*p++ - '0');
		if (v > max)
			return -1;
	}
	*pp = p;
	*out = v;
	return 0;
}

/* [+-]hh[:mm[:ss]], hours up to maxh; *out in seconds with the sign as written */
static int parse_hms(const char **pp, int maxh, int32_t *out)
{
	const char *p = *pp;
	int sign = 1, h, m = 0, s = 0;

	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	if (parse_num(&p, maxh, &h) < 0)
		return -1;
	if (*p == ':') {
		p++;
		if (parse_num(&p, 59, &m) < 0)
			return -1;
		if (*p == ':') {
			p++;
			if (parse_num(&p, 59, &s) < 0)
				return -1;
		}
	}
	*pp = p;
	*out = sign * (h * 3600 + m * 60 + s);
	return 0;
}

static int parse_tzname(const char **pp)
{
	const char *p = *pp;
	size_t n = 0;

	if (*p == '<') {
		p++;
		while (*p && *p != '>') {
			p++;
			n++;
		}
		if (*p != '>' || n < 3)
			return -1;
		p++;
	} else {
		while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
			p++;
			n++;
		}
		if (n < 3)
			return -1;
	}
	*pp = p;
	return 0;
}

static int parse_rule(const char **pp, struct tzrule *r)
{
	const char *p = *pp;

	memset(r, 0, sizeof *r);
	if (*p == 'J') {
		p++;
		r->kind = 'J';
		if (parse_num(&p, 365, &r->n) < 0 || r->n < 1)
			return -1;
	} else if (*p == 'M') {
		p++;
		r->kind = 'M';
		if (parse_num(&p, 12, &r->m) < 0 || r->m < 1 || *p++ != '.' ||
		    parse_num(&p, 5, &r->w) < 0 || r->w < 1 || *p++ != '.' ||
		    parse_num(&p, 6, &r->d) < 0)
			return -1;
	} else {
		r->kind = 'D';
		if (parse_num(&p, 365, &r->n) < 0)
			return -1;
	}
	r->time = 7200;
	if (*p == '/') {
		p++;
		if (parse_hms(&p, 167, &r->time) < 0)
			return -1;
	}
	*pp = p;
	return 0;
}

/* Parses a whole POSIX TZ string such as "CET-1CEST,M3.5.0,M10.5.0/3". */
static int posixtz_parse(const char *s, struct posixtz *z)
{
	const char *p = s;
	int32_t off;

	memset(z, 0, sizeof *z);
	if (parse_tzname(&p) < 0 || parse_hms(&p, 24, &off) < 0)
		return -1;
	z->std_off = -off;
	if (*p == '\0')
		return 0;
	if (parse_tzname(&p) < 0)
		return -1;
	z->has_dst = 1;
	z->dst_off = z->std_off + 3600;
	if (*p == '+' || *p == '-' || (*p >= '0' && *p <= '9')) {
		if (parse_hms(&p, 24, &off) < 0)
			return -1;
		z->dst_off = -off;
	}
	if (*p == '\0') {
		/* no rule: the POSIX default (US rules since 2007) */
		const char *dflt = "M3.2.0,M11.1.0";
		return parse_rule(&dflt, &z->start) < 0 || *dflt++ != ',' ||
		       parse_rule(&dflt, &z->end) < 0 ? -1 : 0;
	}
	if (*p++ != ',' || parse_rule(&p, &z->start) < 0 || *p++ != ',' ||
	    parse_rule(&p, &z->end) < 0 || *p != '\0')
		return -1;
	return 0;
}

/* Day number (since the epoch) of rule r's date in year y. */
static int64_t rule_day(const struct tzrule *r, int64_t y)
{
	int64_t jan1 = civil_days_from_date(y, 1, 1), first, day;
	int wd, dim;

	if (r->kind == 'J')
		return jan1 + r->n - 1 + (civil_is_leap(y) && r->n >= 60);
	if (r->kind == 'D')
		return jan1 + r->n;
	first = civil_days_from_date(y, r->m, 1);
	wd = (int)floor_mod(first + 4, 7);	/* 1970-01-01 was a Thursday */
	day = first + (r->d - wd + 7) % 7 + (int64_t)(r->w - 1) * 7;
	dim = civil_days_in_month(y, r->m);
	while (day >= first + dim)
		day -= 7;
	return day;
}

struct ruletrans {
	int64_t at;		/* seconds */
	int32_t off;
};

/* Offset of the footer rule at second t, and the interval [*lo, *hi) in ms. */
static int32_t rule_lookup(const struct posixtz *z, int64_t t, int64_t *lo,
			   int64_t *hi)
{
	struct ruletrans tr[6], tmp;
	int64_t y, y0;
	int m, d, n = 0, i, j;

	if (!z->has_dst) {
		*lo = INT64_MIN;
		*hi = INT64_MAX;
		return z->std_off;
	}
	civil_date_from_days(floor_div(t, 86400), &y0, &m, &d);
	for (y = y0 - 1; y <= y0 + 1; y++) {
		tr[n].at = rule_day(&z->start, y) * 86400 + z->start.time - z->std_off;
		tr[n++].off = z->dst_off;
		tr[n].at = rule_day(&z->end, y) * 86400 + z->end.time - z->dst_off;
		tr[n++].off = z->std_off;
	}
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && tr[j - 1].at > tr[j].at; j--) {
			tmp = tr[j];
			tr[j] = tr[j - 1];
			tr[j - 1] = tmp;
		}
	for (i = n - 1; i >= 0 && tr[i].at > t; i--)
		;
	if (i < 0) {
		*lo = INT64_MIN;
		*hi = sec_to_ms(tr[0].at);
		return tr[0].off == z->dst_off ? z->std_off : z->dst_off;
	}
	*lo = sec_to_ms(tr[i].at);
	*hi = i + 1 < n ? sec_to_ms(tr[i + 1].at) : INT64_MAX;
	return tr[i].off;
}

/* ---- TZif files ---- */

static int64_t be(const unsigned char *p, int nbytes)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < nbytes; i++)
		v = v << 8 | p[i];
	if (nbytes == 4)
		return (int32_t)(uint32_t)v;
	return (int64_t)v;
}

struct tzif_counts {
	uint32_t isut, isstd, leap, time, type, chars;
};

static int tzif_header(const unsigned char *p, size_t len, struct tzif_counts *c)
{
	if (len < 44 || memcmp(p, "TZif", 4) != 0)
		return -1;
	c->isut = (uint32_t)be(p + 20, 4);
	c->isstd = (uint32_t)be(p + 24, 4);
	c->leap = (uint32_t)be(p + 28, 4);
	c->time = (uint32_t)be(p + 32, 4);
	c->type = (uint32_t)be(p + 36, 4);
	c->chars = (uint32_t)be(p + 40, 4);
	if (c->type < 1 || c->type > 256 || c->time > TZ_FILE_MAX ||
	    c->leap > TZ_FILE_MAX || c->chars > TZ_FILE_MAX ||
	    c->isut > c->type || c->isstd > c->type)
		return -1;
	return 0;
}

static size_t tzif_data_len(const struct tzif_counts *c, int tsize)
{
	return (size_t)c->time * (size_t)(tsize + 1) + (size_t)c->type * 6 +
	       c->chars + (size_t)c->leap * (size_t)(tsize + 4) + c->isstd + c->isut;
}

/* Fills tz from a TZif image.  Returns 0, or -1 when it is not valid. */
static int tzif_load(struct tz *tz, const unsigned char *buf, size_t len)
{
	struct tzif_counts c;
	const unsigned char *p = buf, *times, *idx, *types;
	size_t dlen, i;
	int tsize = 4;

	if (tzif_header(p, len, &c) < 0)
		return -1;
	dlen = tzif_data_len(&c, 4);
	if (44 + dlen > len)
		return -1;
	if (p[4] >= '2') {
		/* skip the v1 block: the 64-bit one follows */
		p += 44 + dlen;
		len -= 44 + dlen;
		if (tzif_header(p, len, &c) < 0)
			return -1;
		tsize = 8;
		dlen = tzif_data_len(&c, 8);
		if (44 + dlen > len)
			return -1;
	}
	times = p + 44;
	idx = times + (size_t)c.time * (size_t)tsize;
	types = idx + c.time;
	tz->n = c.time;
	tz->at = xmalloc((c.time ? c.time : 1) * sizeof *tz->at);
	tz->off = xmalloc((c.time ? c.time : 1) * sizeof *tz->off);
	for (i = 0; i < c.time; i++) {
		int64_t s = be(times + i * (size_t)tsize, tsize);
		if (idx[i] >= c.type)
			return -1;
		if (s < -SEC_LIMIT)
			s = -SEC_LIMIT;
		if (s > SEC_LIMIT)
			s = SEC_LIMIT;
		tz->at[i] = s * 1000;
		if (i > 0 && tz->at[i] < tz->at[i - 1])
			return -1;
		tz->off[i] = (int32_t)be(types + (size_t)idx[i] * 6, 4);
	}
	tz->first_off = (int32_t)be(types, 4);
	if (tsize == 8) {
		/* footer: "\nTZ-string\n" */
		const unsigned char *f = p + 44 + dlen, *end = p + len, *nl;

		if (f < end && *f == '\n') {
			char rule[128];
			size_t flen;

			f++;
			nl = memchr(f, '\n', (size_t)(end - f));
			flen = nl ? (size_t)(nl - f) : 0;
			if (nl && flen > 0 && flen < sizeof rule) {
				memcpy(rule, f, flen);
				rule[flen] = '\0';
				if (posixtz_parse(rule, &tz->rule) == 0)
					tz->has_rule = 1;
			}
		}
	}
	return 0;
}

static unsigned char *read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *buf;
	size_t n;

	if (!fp)
		return NULL;
	buf = xmalloc(TZ_FILE_MAX);
	n = fread(buf, 1, TZ_FILE_MAX, fp);
	if (ferror(fp) || n == TZ_FILE_MAX) {
		fclose(fp);
		free(buf);
		return NULL;
	}
	fclose(fp);
	*len = n;
	return buf;
}

static int is_utc_name(const char *name)
{
	static const char *const names[] = {
		"UTC", "Etc/UTC", "Z", "GMT", "Etc/GMT", "UTC0", "Etc/Universal",
		"Universal", "Zulu", "Etc/Zulu",
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(name, names[i]) == 0)
			return 1;
	return 0;
}

static int name_ok(const char *name, int from_env)
{
	const char *p;

	if (strstr(name, ".."))
		return 0;
	if (name[0] == '/' && !from_env)
		return 0;
	if (strlen(name) > 200)
		return 0;
	for (p = name; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

static int has_digit(const char *s)
{
	for (; *s; s++)
		if (*s >= '0' && *s <= '9')
			return 1;
	return 0;
}

static void tz_reset_cache(struct tz *tz)
{
	tz->cache_lo = 1;
	tz->cache_hi = 0;	/* empty */
	tz->cache_off = 0;
}

/* Names: IANA names under $TZDIR (default /usr/share/zoneinfo), the UTC
 * aliases (built in, no tzdata needed), and as a fallback a POSIX TZ string
 * with an offset ("CET-1CEST,M3.5.0,M10.5.0/3").  From $TZ a leading ':'
 * is ignored and an absolute file name is allowed. */
struct tz *tz_new(const char *name, struct error *err)
{
	struct tz *tz;
	const char *dir;
	char path[4096], q[80];
	unsigned char *buf;
	size_t len = 0;
	int from_env = 0, n;

	if (!name || !*name) {
		name = getenv("TZ");
		from_env = 1;
		if (!name || !*name)
			name = "UTC";
		if (*name == ':')
			name++;
		if (!*name)
			name = "UTC";
	}
	tz = xcalloc(1, sizeof *tz);
	tz->name = xstrdup(name);
	tz_reset_cache(tz);
	if (is_utc_name(name))
		return tz;
	if (!name_ok(name, from_env))
		goto unknown;
	if (name[0] == '/') {
		n = snprintf(path, sizeof path, "%s", name);
	} else {
		dir = getenv("TZDIR");
		if (!dir || !*dir)
			dir = "/usr/share/zoneinfo";
		n = snprintf(path, sizeof path, "%s/%s", dir, name);
	}
	if (n < 0 || (size_t)n >= sizeof path)
		goto unknown;
	buf = read_file(path, &len);
	if (buf) {
		int rc = tzif_load(tz, buf, len);
		free(buf);
		if (rc == 0)
			return tz;
		free(tz->at);
		free(tz->off);
		tz->at = NULL;
		tz->off = NULL;
		tz->n = 0;
		tz->has_rule = 0;
	}
	if (has_digit(name) && posixtz_parse(name, &tz->rule) == 0) {
		tz->has_rule = 1;
		return tz;
	}
unknown:
	error_set(err, NULL, 0, "unknown time zone %s",
		  error_quote(q, sizeof q, name, strlen(name)));
	tz_free(tz);
	return NULL;
}

void tz_free(struct tz *tz)
{
	if (!tz)
		return;
	free(tz->name);
	free(tz->at);
	free(tz->off);
	free(tz);
}

const char *tz_name(const struct tz *tz)
{
	return tz->name;
}

/* Finds the offset at t and caches its interval. */
static int32_t tz_lookup(struct tz *tz, int64_t t)
{
	size_t lo, hi, i;
	int64_t rlo, rhi;

	if (tz->n == 0 || t < tz->at[0]) {
		if (tz->n == 0 && tz->has_rule) {
			tz->cache_off = rule_lookup(&tz->rule, floor_div(t, 1000),
						    &tz->cache_lo, &tz->cache_hi);
			return tz->cache_off;
		}
		tz->cache_lo = INT64_MIN;
		tz->cache_hi = tz->n ? tz->at[0] : INT64_MAX;
		tz->cache_off = tz->first_off;
		return tz->cache_off;
	}
	/* the last i with at[i] <= t */
	lo = 0;
	hi = tz->n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (tz->at[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	i = lo;
	if (i + 1 < tz->n) {
		tz->cache_lo = tz->at[i];
		tz->cache_hi = tz->at[i + 1];
		tz->cache_off = tz->off[i];
		return tz->cache_off;
	}
	if (!tz->has_rule) {
		tz->cache_lo = tz->at[i];
		tz->cache_hi = INT64_MAX;
		tz->cache_off = tz->off[i];
		return tz->cache_off;
	}
	tz->cache_off = rule_lookup(&tz->rule, floor_div(t, 1000), &rlo, &rhi);
	tz->cache_lo = rlo > tz->at[i] ? rlo : tz->at[i];
	tz->cache_hi = rhi;
	return tz->cache_off;
}

int32_t tz_offset(struct tz *tz, int64_t t)
{
	if (t >= tz->cache_lo && t < tz->cache_hi)
		return tz->cache_off;
	return tz_lookup(tz, t);
}

void tz_civil(struct tz *tz, int64_t t, struct civil *out)
{
	int64_t local = add_off(t, tz_offset(tz, t));
	int64_t days = floor_div(local, MS_PER_DAY);
	int64_t rem = local - days * MS_PER_DAY, y;

	civil_date_from_days(days, &y, &out->month, &out->day);
	out->year = (int)y;
	out->hour = (int)(rem / MS_PER_HOUR);
	out->min = (int)(rem / MS_PER_MIN % 60);
	out->sec = (int)(rem / MS_PER_SEC % 60);
	out->ms = (int)(rem % MS_PER_SEC);
	out->wday = (int)floor_mod(days + 4, 7);
}

int64_t tz_day(struct tz *tz, int64_t t)
{
	return floor_div(add_off(t, tz_offset(tz, t)), MS_PER_DAY);
}

/* Local wall-clock ms ("as if UTC") of a civil time; years are clamped to
 * +-10^7 so that the arithmetic cannot overflow. */
static int64_t civil_local_ms(const struct civil *c)
{
	int64_t y = c->year, m = (int64_t)c->month - 1, days;

	y += floor_div(m, 12);
	m = floor_mod(m, 12);
	if (y > 10000000)
		y = 10000000;
	if (y < -10000000)
		y = -10000000;
	days = civil_days_from_date(y, (int)m + 1, 1) + ((int64_t)c->day - 1);
	return days * MS_PER_DAY + (int64_t)c->hour * MS_PER_HOUR +
	       (int64_t)c->min * MS_PER_MIN + (int64_t)c->sec * MS_PER_SEC + c->ms;
}

/* The instant of local wall time `local` (ms).  Assumes that offsets change
 * at most once within a day either side, as in every real zone. */
static int64_t local_to_instant(struct tz *tz, int64_t local)
{
	int32_t oa, ob;
	int64_t ta, tb;
	int va, vb;

	/* fast path: the cached interval holds the answer and no other
	 * interval can (it is more than a day away from both ends) */
	ta = add_off(local, -tz->cache_off);
	if (tz->cache_lo < tz->cache_hi &&
	    (tz->cache_lo == INT64_MIN || ta - tz->cache_lo > MS_PER_DAY) &&
	    (tz->cache_hi == INT64_MAX || tz->cache_hi - ta > MS_PER_DAY))
		return ta;
	oa = tz_offset(tz, add_off(local, -86400));
	ob = tz_offset(tz, add_off(local, 86400));
	ta = add_off(local, -oa);
	tb = add_off(local, -ob);
	va = tz_offset(tz, ta) == oa;
	vb = tz_offset(tz, tb) == ob;
	if (va && vb)
		return ta < tb ? ta : tb;	/* ambiguous: the earlier */
	if (va)
		return ta;
	if (vb)
		return tb;
	return ta;	/* in a gap: moved forward by the gap */
}

int64_t tz_instant(struct tz *tz, const struct civil *c)
{
	return local_to_instant(tz, civil_local_ms(c));
}

int64_t tz_day_start(struct tz *tz, int64_t day)
{
	int64_t t;

	if (day > INT64_C(4000000000))
		day = INT64_C(4000000000);
	if (day < -INT64_C(4000000000))
		day = -INT64_C(4000000000);
	t = local_to_instant(tz, day * MS_PER_DAY);
	/* midnight skipped by a gap that began the day before (23:30 ->
	 * 00:30): the first instant of the day is the transition itself */
	tz_offset(tz, t);
	if (tz->cache_lo != INT64_MIN && tz->cache_lo < t &&
	    tz_day(tz, tz->cache_lo) == day)
		t = tz->cache_lo;
	return t;
}

/* ---- clock hours ---- */

int64_t tz_hour_start(struct tz *tz, int64_t t)
{
	int32_t off = tz_offset(tz, t);
	int64_t start, lo;

	start = t - floor_mod(add_off(t, off), MS_PER_HOUR);
	/* the offset may have changed inside the hour: the clock hour began
	 * at the change (intervals of the same offset are passed over) */
	lo = tz->cache_lo;
	while (lo != INT64_MIN && lo > start) {
		if (tz_offset(tz, lo - 1) != off)
			return lo;
		lo = tz->cache_lo;
	}
	return start;
}

int64_t tz_hour_next(struct tz *tz, int64_t t)
{
	int32_t off = tz_offset(tz, t);
	int64_t end, hi;

	end = t - floor_mod(add_off(t, off), MS_PER_HOUR);
	end = end > INT64_MAX - MS_PER_HOUR ? INT64_MAX : end + MS_PER_HOUR;
	hi = tz->cache_hi;
	while (hi != INT64_MAX && hi < end) {
		if (tz_offset(tz, hi) != off)
			return hi;
		hi = tz->cache_hi;
	}
	return end;
}
