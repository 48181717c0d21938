/* timeparse: times from text (RFC 3339 / ISO 8601, Unix epoch, strptime
 * patterns), durations, and RFC 3339 output.  The automatic forms are read
 * by hand, once per field, with no allocation: this is on the hot path. */

/* strptime(3) needs _XOPEN_SOURCE; tm_gmtoff (the offset strptime's %z
 * stores) is only declared with _DEFAULT_SOURCE in glibc.  This file alone
 * asks for them, so the rest of the library stays strictly POSIX. */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE 1

#include "base/timeparse.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define FORMAT_MAX 256		/* longest input read with a --time-format */
#define OFFSET_MAX (23 * 3600 + 59 * 60)

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* exactly n digits at s[*i], within len */
static int digits(const char *s, size_t len, size_t *i, int n, int *out)
{
	int v = 0, k;

	if (*i + (size_t)n > len)
		return -1;
	for (k = 0; k < n; k++) {
		char c = s[*i + (size_t)k];
		if (!is_digit(c))
			return -1;
		v = v * 10 + (c - '0');
	}
	*i += (size_t)n;
	*out = v;
	return 0;
}

static int date_fields(const char *s, size_t len, size_t *i, int *y, int *m, int *d)
{
	if (digits(s, len, i, 4, y) < 0 || *i >= len || s[(*i)++] != '-' ||
	    digits(s, len, i, 2, m) < 0 || *i >= len || s[(*i)++] != '-' ||
	    digits(s, len, i, 2, d) < 0)
		return -1;
	if (*y < 1 || *m < 1 || *m > 12 || *d < 1 ||
	    *d > civil_days_in_month(*y, *m))
		return -1;
	return 0;
}

int date_parse(const char *s, size_t len, int64_t *day)
{
	size_t i = 0;
	int y, m, d;

	if (date_fields(s, len, &i, &y, &m, &d) < 0 || i != len)
		return -1;
	*day = civil_days_from_date(y, m, d);
	return 0;
}

/* Z, z, +HH:MM, +HHMM, +HH at s[*i]; *off in seconds east */
static int parse_offset(const char *s, size_t len, size_t *i, int32_t *off)
{
	int sign, h, m = 0;

	if (*i >= len)
		return -1;
	if (s[*i] == 'Z' || s[*i] == 'z') {
		(*i)++;
		*off = 0;
		return 0;
	}
	if (s[*i] != '+' && s[*i] != '-')
		return -1;
	sign = s[(*i)++] == '-' ? -1 : 1;
	if (digits(s, len, i, 2, &h) < 0)
		return -1;
	if (*i < len && s[*i] == ':') {
		(*i)++;
		if (digits(s, len, i, 2, &m) < 0)
			return -1;
	} else if (*i < len && is_digit(s[*i])) {
		if (digits(s, len, i, 2, &m) < 0)
			return -1;
	}
	if (h > 23 || m > 59)
		return -1;
	*off = sign * (h * 3600 + m * 60);
	return 0;
}

/* The date last read and its day number: a log holds thousands of events
 * a day, and reading the date again was a tenth of a review's time. */
struct date_memo {
	char text[10];
	int year, month, day;
	int64_t days;
};
/* one a thread: review and inspect -j parse in several */
static _Thread_local struct date_memo memo;

static int parse_iso(struct tz *tz, const char *s, size_t len, int64_t *t)
{
	struct civil c = { 0 };
	size_t i = 0;
	int32_t off = 0;
	int has_off = 0;
	int64_t days;

	if (len >= 10 && memo.year && memcmp(s, memo.text, 10) == 0) {
		c.year = memo.year;
		c.month = memo.month;
		c.day = memo.day;
		days = memo.days;
		i = 10;
	} else {
		if (date_fields(s, len, &i, &c.year, &c.month, &c.day) < 0)
			return -1;
		days = civil_days_from_date(c.year, c.month, c.day);
		memcpy(memo.text, s, 10);	/* i == 10: four-digit years */
		memo.year = c.year;
		memo.month = c.month;
		memo.day = c.day;
		memo.days = days;
	}
	if (i < len) {
		if (s[i] != 'T' && s[i] != 't' && s[i] != ' ')
			return -1;
		i++;
		if (digits(s, len, &i, 2, &c.hour) < 0 || i >= len ||
		    s[i++] != ':' || digits(s, len, &i, 2, &c.min) < 0)
			return -1;
		if (i < len && s[i] == ':') {
			i++;
			if (digits(s, len, &i, 2, &c.sec) < 0)
				return -1;
			if (i < len && s[i] == '.') {
				int frac = 0;

				i++;
				if (i >= len || !is_digit(s[i]))
					return -1;
				/* keep milliseconds, truncate the rest */
				for (; i < len && is_digit(s[i]); i++, frac++)
					if (frac < 3)
						c.ms = c.ms * 10 + (s[i] - '0');
				for (; frac < 3; frac++)
					c.ms *= 10;
			}
		}
		if (c.hour > 23 || c.min > 59 || c.sec > 60)
			return -1;
		if (c.sec == 60) {	/* leap second */
			c.sec = 59;
			c.ms = 999;
		}
		if (i + 1 < len && s[i] == ' ')
			i++;	/* "2026-10-01 08:00:00 +0800" */
		if (i < len) {
			if (parse_offset(s, len, &i, &off) < 0 || i != len)
				return -1;
			has_off = 1;
		}
	}
	if (!has_off) {
		*t = tz_instant(tz, &c);
		return 0;
	}
	*t = days * MS_PER_DAY +
	     c.hour * MS_PER_HOUR + c.min * MS_PER_MIN + c.sec * MS_PER_SEC +
	     c.ms - (int64_t)off * MS_PER_SEC;
	return 0;
}

/* [-]digits[.digits]: up to 11 digits are seconds (a fraction allowed),
 * 12-14 digits milliseconds.  Returns 1 when s is not of this shape. */
static int parse_epoch(const char *s, size_t len, int64_t *t)
{
	size_t i = 0, nd = 0, nf = 0;
	int64_t v = 0, ms = 0;
	int neg = 0;

	if (s[0] == '-') {
		neg = 1;
		i++;
	}
	for (; i < len && is_digit(s[i]); i++, nd++)
		if (nd < 15)
			v = v * 10 + (s[i] - '0');
	if (i < len && s[i] == '.' && nd > 0) {
		for (i++; i < len && is_digit(s[i]); i++, nf++)
			if (nf < 3)
				ms = ms * 10 + (s[i] - '0');
		if (nf == 0)
			return -1;
		for (; nf < 3; nf++)
			ms *= 10;
		nf = 1;
	}
	if (i != len || nd == 0)
		return 1;
	if (nd <= 11) {
		v = v * MS_PER_SEC + ms;
	} else if (nd <= 14 && !neg && nf == 0) {
		/* milliseconds */
	} else {
		return -1;
	}
	*t = neg ? -v : v;
	return 0;
}

/* Does the strptime pattern hold conversion c ("%z", not "%%z")? */
static int has_conversion(const char *fmt, char c)
{
	for (; *fmt; fmt++) {
		if (*fmt != '%')
			continue;
		fmt++;
		while (*fmt == 'E' || *fmt == 'O')
			fmt++;
		if (*fmt == c)
			return 1;
		if (!*fmt)
			break;
	}
	return 0;
}

unsigned time_format_fields(const char *fmt)
{
	unsigned f = 0;

	for (; fmt && *fmt; fmt++) {
		if (*fmt != '%')
			continue;
		fmt++;
		while (*fmt == 'E' || *fmt == 'O' || *fmt == '-' || *fmt == '_' ||
		       *fmt == '0' || *fmt == '^' || *fmt == '#')
			fmt++;
		if (!*fmt)
			break;
		if (strchr("YyCGg", *fmt))
			f |= TIME_FMT_YEAR;
		else if (strchr("bBhm", *fmt))
			f |= TIME_FMT_MONTH;
		else if (strchr("de", *fmt))
			f |= TIME_FMT_DAY;
		else if (strchr("DFcxs", *fmt))
			f |= TIME_FMT_YEAR | TIME_FMT_MONTH | TIME_FMT_DAY;
	}
	return f;
}

void time_parser_window(struct timeparser *p, int64_t lo, int64_t hi)
{
	p->year_lo = lo;
	p->year_hi = hi;
	p->year_window = lo != INT64_MIN || hi != INT64_MAX;
}

/* The instant of c as parse_format reads it: at the offset %z gave
 * (has_off), else local in p->tz. */
static int64_t format_instant(const struct timeparser *p, const struct civil *c,
			      int has_off, long off)
{
	if (!has_off)
		return tz_instant(p->tz, c);
	return civil_days_from_date(c->year, c->month, c->day) * MS_PER_DAY +
	       c->hour * MS_PER_HOUR + c->min * MS_PER_MIN +
	       c->sec * MS_PER_SEC + c->ms - (int64_t)off * MS_PER_SEC;
}

/* The year of t in p's zone. */
static int year_at(const struct timeparser *p, int64_t t)
{
	struct civil c;

	tz_civil(p->tz, t, &c);
	return c.year;
}

/* The instant of c in year y, or 0 when c's day is not in y (29 Feb). */
static int in_year(const struct timeparser *p, struct civil *c, int y,
		   int has_off, long off, int64_t *t)
{
	if (y < 1 || y > 9999 || c->day > civil_days_in_month(y, c->month))
		return 0;
	c->year = y;
	*t = format_instant(p, c, has_off, off);
	return 1;
}

/* Gives c (month, day and time read, no year) the year of the window
 * (time_parser_window).  29 February is in one year of four: eight years
 * either way always hold one.  Returns 0, or -1. */
static int place_year(const struct timeparser *p, struct civil *c, int has_off,
		      long off, int64_t *t)
{
	int64_t lo = p->year_lo, hi = p->year_hi, t1 = 0, t2 = 0;
	int y, k, y1 = 0;

	if (!p->year_window)
		return -1;
	if (hi == INT64_MAX) {
		/* the first time at or after lo */
		for (k = 0, y = year_at(p, lo); k < 9; k++, y++)
			if (in_year(p, c, y, has_off, off, t) && *t >= lo)
				return 0;
		return -1;
	}
	/* the latest time before hi */
	for (k = 0, y = year_at(p, hi - 1); k < 9 && !y1; k++, y--)
		if (in_year(p, c, y, has_off, off, &t1) && t1 < hi)
			y1 = y;
	if (!y1)
		return -1;
	if (lo == INT64_MIN || t1 >= lo) {
		c->year = y1;
		*t = t1;
		return 0;
	}
	/* before the window in every year: the next one may be nearer */
	for (k = 0, y = y1 + 1; k < 9; k++, y++)
		if (in_year(p, c, y, has_off, off, &t2)) {
			if (t2 - hi < lo - t1) {
				*t = t2;
				return 0;
			}
			break;
		}
	in_year(p, c, y1, has_off, off, t);
	return 0;
}

static int parse_format(const struct timeparser *p, const char *s, size_t len,
			int64_t *t)
{
	unsigned fields = time_format_fields(p->format);
	int yearless = !(fields & TIME_FMT_YEAR);
	int has_off;
	long off = 0;
	char buf[FORMAT_MAX];
	struct tm tm;
	struct civil c = { 0 };
	const char *end;

	if (len >= sizeof buf)
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	memset(&tm, 0, sizeof tm);
	tm.tm_mday = 1;
	tm.tm_year = yearless ? 2000 - 1900 : 70;	/* a leap year: 29 Feb */
	end = strptime(buf, p->format, &tm);
	if (!end)
		return -1;
	while (is_space(*end))
		end++;
	if (*end)
		return -1;
	c.year = tm.tm_year + 1900;
	c.month = tm.tm_mon + 1;
	c.day = tm.tm_mday;
	c.hour = tm.tm_hour;
	c.min = tm.tm_min;
	c.sec = tm.tm_sec;
	if (c.year < 1 || c.year > 9999 || c.month < 1 || c.month > 12 ||
	    c.day < 1 || c.day > civil_days_in_month(c.year, c.month) ||
	    c.hour < 0 || c.hour > 23 || c.min < 0 || c.min > 59 ||
	    c.sec < 0 || c.sec > 60)
		return -1;
	if (c.sec == 60) {
		c.sec = 59;
		c.ms = 999;
	}
	/* %z stores the offset in tm_gmtoff; glibc's %s fills every field with
	 * localtime_r, tm_gmtoff included, so the same arithmetic undoes it */
	has_off = has_conversion(p->format, 'z') || has_conversion(p->format, 's');
	if (has_off) {
		off = tm.tm_gmtoff;
		if (off < -OFFSET_MAX || off > OFFSET_MAX)
			return -1;
	}
	if (yearless)
		return place_year(p, &c, has_off, off, t);
	*t = format_instant(p, &c, has_off, off);
	return 0;
}

/* 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z in ms */
#define TIME_UTC_MIN (INT64_C(-719162) * MS_PER_DAY)
#define TIME_UTC_MAX (INT64_C(2932897) * MS_PER_DAY)

int time_parse(const struct timeparser *p, const char *s, size_t len, int64_t *t)
{
	size_t b = 0, e = len;
	int rc;

	while (b < e && is_space(s[b]))
		b++;
	while (e > b && is_space(s[e - 1]))
		e--;
	if (b == e)
		return -1;
	if (p->format)
		rc = parse_format(p, s + b, e - b, t);
	else if ((rc = parse_epoch(s + b, e - b, t)) > 0)
		rc = parse_iso(p->tz, s + b, e - b, t);
	/* an instant outside years 1-9999 in UTC (a large negative epoch,
	 * or 0001-01-01 at +14:00) cannot be written back as RFC 3339 */
	if (rc == 0 && (*t < TIME_UTC_MIN || *t >= TIME_UTC_MAX))
		return -1;
	return rc;
}

size_t time_format(int64_t t, struct tz *tz, char *buf, size_t size)
{
	struct civil c;
	int32_t off = 0;
	int n, k;

	if (size == 0)
		return 0;
	if (tz) {
		off = tz_offset(tz, t);
		/* RFC 3339 has no offset seconds (local mean time before
		 * ~1900): write such instants in UTC rather than wrongly */
		if (off % 60 != 0) {
			tz = NULL;
			off = 0;
		}
	}
	if (tz) {
		tz_civil(tz, t, &c);
	} else {
		/* UTC without a zone object */
		int64_t days = t / MS_PER_DAY, rem, y;
		if (t % MS_PER_DAY < 0)
			days--;
		rem = t - days * MS_PER_DAY;
		civil_date_from_days(days, &y, &c.month, &c.day);
		c.year = (int)y;
		c.hour = (int)(rem / MS_PER_HOUR);
		c.min = (int)(rem / MS_PER_MIN % 60);
		c.sec = (int)(rem / MS_PER_SEC % 60);
		c.ms = (int)(rem % MS_PER_SEC);
	}
	n = snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d", c.year,
		     c.month, c.day, c.hour, c.min, c.sec);
	if (n < 0)
		n = 0;
	if (c.ms && (size_t)n < size) {
		k = snprintf(buf + n, size - (size_t)n, ".%03d", c.ms);
		n += k > 0 ? k : 0;
	}
	if ((size_t)n < size) {
		if (off == 0) {
			k = snprintf(buf + n, size - (size_t)n, "Z");
		} else {
			int a = off < 0 ? -off : off;
			k = snprintf(buf + n, size - (size_t)n, "%c%02d:%02d",
				     off < 0 ? '-' : '+', a / 3600, a / 60 % 60);
		}
		n += k > 0 ? k : 0;
	}
	if ((size_t)n >= size)
		n = (int)size - 1;
	return (size_t)n;
}

/* Units of a duration, largest first; each may appear once, in this order. */
static const struct {
	const char *name;
	int64_t ms;
} units[] = {
	{ "w", 7 * MS_PER_DAY }, { "d", MS_PER_DAY }, { "h", MS_PER_HOUR },
	{ "ms", 1 }, { "m", MS_PER_MIN }, { "s", MS_PER_SEC },
};

/* The unit at s, or -1; "ms" is tried before "m".  Returns its index. */
static int unit_at(const char *s, size_t *n)
{
	size_t u;

	for (u = 0; u < sizeof units / sizeof units[0]; u++) {
		size_t l = strlen(units[u].name);
		if (strncmp(s, units[u].name, l) == 0) {
			*n = l;
			return (int)u;
		}
	}
	return -1;
}

/* rank of a unit in the required (decreasing) order */
static int unit_rank(int u)
{
	static const int rank[] = { 0, 1, 2, 5, 3, 4 };
	return rank[u];
}

int duration_parse(const char *s, int64_t *ms)
{
	int64_t total = 0;
	int last = -1, parts = 0;

	if (!s || !*s)
		return -1;
	while (*s) {
		int64_t ip = 0, fp = 0, scale = 1, unit, v;
		size_t n = 0;

		if (!is_digit(*s))
			return -1;
		for (; is_digit(*s); s++) {
			if (ip > (INT64_MAX - 9) / 10)
				return -1;
			ip = ip * 10 + (*s - '0');
		}
		if (*s == '.') {
			s++;
			if (!is_digit(*s))
				return -1;
			for (; is_digit(*s); s++)
				if (scale < INT64_C(1000000000)) {
					fp = fp * 10 + (*s - '0');
					scale *= 10;
				}
		}
		if (*s == '\0' && parts == 0) {
			unit = MS_PER_SEC;	/* a bare number: seconds */
		} else {
			int u = unit_at(s, &n);

			if (u < 0 || unit_rank(u) <= last)
				return -1;
			last = unit_rank(u);
			unit = units[u].ms;
			s += n;
		}
		if (ip > INT64_MAX / unit)
			return -1;
		v = ip * unit + fp * unit / scale;
		if (v > INT64_MAX - total)
			return -1;
		total += v;
		parts++;
	}
	*ms = total;
	return 0;
}
