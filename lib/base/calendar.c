/* calendar: working time (calendar.h).  The spans of a day are a short
 * sorted array of local wall times; holidays and extra working days two
 * sorted arrays of local day numbers.  Open time is walked day by day in
 * the calendar's zone, so a DST change moves the spans with the clock. */
#include "base/calendar.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

/* Open time is only walked inside years 0..9999 so that a bogus instant
 * cannot make a loop run for ever. */
#define DAY_MIN INT64_C(-719528)	/* 0000-01-01 */
#define DAY_MAX INT64_C(2932897)	/* 10000-01-01 */

struct days {
	int64_t *v;		/* ascending, distinct */
	size_t n, cap;
};

struct calendar {
	struct tz *tz;
	int own_tz;
	unsigned weekdays;
	int64_t open[CALENDAR_SPANS_MAX], close[CALENDAR_SPANS_MAX];
	size_t nspans;
	struct days holidays, workdays;
};

static int64_t clamp_day(int64_t d)
{
	return d < DAY_MIN ? DAY_MIN : d > DAY_MAX ? DAY_MAX : d;
}

struct calendar *calendar_new(struct tz *tz, int own_tz, unsigned weekdays,
			      int64_t open_ms, int64_t close_ms)
{
	struct calendar *c;

	if (!tz || (weekdays & 0x7f) == 0 || open_ms < 0 || close_ms <= open_ms ||
	    close_ms > MS_PER_DAY)
		return NULL;
	c = xcalloc(1, sizeof *c);
	c->tz = tz;
	c->own_tz = own_tz;
	c->weekdays = weekdays & 0x7f;
	c->open[0] = open_ms;
	c->close[0] = close_ms;
	c->nspans = 1;
	return c;
}

void calendar_free(struct calendar *c)
{
	if (!c)
		return;
	if (c->own_tz)
		tz_free(c->tz);
	free(c->holidays.v);
	free(c->workdays.v);
	free(c);
}

int calendar_add_span(struct calendar *c, int64_t open_ms, int64_t close_ms)
{
	size_t k;

	if (open_ms < 0 || close_ms <= open_ms || close_ms > MS_PER_DAY ||
	    c->nspans == CALENDAR_SPANS_MAX)
		return -1;
	for (k = 0; k < c->nspans && c->open[k] < open_ms; k++)
		;
	if ((k > 0 && c->close[k - 1] > open_ms) ||
	    (k < c->nspans && c->open[k] < close_ms))
		return -1;
	memmove(&c->open[k + 1], &c->open[k], (c->nspans - k) * sizeof c->open[0]);
	memmove(&c->close[k + 1], &c->close[k], (c->nspans - k) * sizeof c->close[0]);
	c->open[k] = open_ms;
	c->close[k] = close_ms;
	c->nspans++;
	return 0;
}

/* index of the first day >= day */
static size_t days_pos(const struct days *s, int64_t day)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->v[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int days_has(const struct days *s, int64_t day)
{
	size_t k = days_pos(s, day);

	return k < s->n && s->v[k] == day;
}

static void days_add(struct days *s, int64_t day)
{
	size_t k = days_pos(s, day);

	if (k < s->n && s->v[k] == day)
		return;
	s->v = vec_reserve(s->v, &s->cap, s->n + 1, sizeof *s->v);
	memmove(&s->v[k + 1], &s->v[k], (s->n - k) * sizeof *s->v);
	s->v[k] = day;
	s->n++;
}

int calendar_add_holiday(struct calendar *c, int64_t day)
{
	if (days_has(&c->workdays, day))
		return -1;
	days_add(&c->holidays, day);
	return 0;
}

int calendar_add_workday(struct calendar *c, int64_t day)
{
	if (days_has(&c->holidays, day))
		return -1;
	days_add(&c->workdays, day);
	return 0;
}

int calendar_is_workday(const struct calendar *c, int64_t day)
{
	int64_t w = (day + 4) % 7;	/* 1970-01-01 was a Thursday */

	if (w < 0)
		w += 7;
	if (days_has(&c->workdays, day))
		return 1;
	return (c->weekdays & (1u << w)) && !days_has(&c->holidays, day);
}

int64_t calendar_day_ms(const struct calendar *c)
{
	int64_t t = 0;
	size_t k;

	if (!c)
		return MS_PER_DAY;
	for (k = 0; k < c->nspans; k++)
		t += c->close[k] - c->open[k];
	return t;
}

struct tz *calendar_tz(const struct calendar *c)
{
	return c ? c->tz : NULL;
}

/* The instant of local wall time `ms` after the midnight of local day
 * `day` (ms may be 24 h: the next day's start). */
static int64_t local_at(struct tz *tz, int64_t day, int64_t ms)
{
	struct civil cv;

	if (ms == 0)
		return tz_day_start(tz, day);
	if (ms == MS_PER_DAY)
		return tz_day_start(tz, day + 1);
	memset(&cv, 0, sizeof cv);
	cv.year = 1970;
	cv.month = 1;
	cv.day = (int)(day + 1);	/* normalised by tz_instant */
	cv.ms = (int)ms;
	return tz_instant(tz, &cv);
}

int64_t calendar_open_ms(struct calendar *c, int64_t from, int64_t to)
{
	int64_t d, d1, total = 0;

	if (to <= from)
		return 0;
	if (!c)
		return to - from;
	d = clamp_day(tz_day(c->tz, from));
	d1 = clamp_day(tz_day(c->tz, to));
	for (; d <= d1; d++) {
		size_t k;

		if (!calendar_is_workday(c, d))
			continue;
		for (k = 0; k < c->nspans; k++) {
			int64_t o = local_at(c->tz, d, c->open[k]);
			int64_t e = local_at(c->tz, d, c->close[k]);

			if (o < from)
				o = from;
			if (e > to)
				e = to;
			if (e > o)
				total += e - o;
		}
	}
	return total;
}

int64_t calendar_deadline(struct calendar *c, int64_t from, int64_t ms)
{
	int64_t d;

	if (ms <= 0)
		return from;
	if (!c)
		return from > INT64_MAX - ms ? INT64_MAX : from + ms;
	for (d = clamp_day(tz_day(c->tz, from)); d < DAY_MAX; d++) {
		size_t k;

		if (!calendar_is_workday(c, d))
			continue;
		for (k = 0; k < c->nspans; k++) {
			int64_t o = local_at(c->tz, d, c->open[k]);
			int64_t e = local_at(c->tz, d, c->close[k]);

			if (o < from)
				o = from;
			if (e <= o)
				continue;
			if (ms <= e - o)
				return o + ms;
			ms -= e - o;
		}
	}
	return INT64_MAX;
}

/* ---- text forms -------------------------------------------------------- */

/* "Mon" .. "Sun" or "Monday" .. "Sunday", any case: 0 = Monday ... 6 =
 * Sunday, or -1. */
static int day_index(const char *s, size_t n)
{
	static const char *const names[] = {
		"monday", "tuesday", "wednesday", "thursday", "friday",
		"saturday", "sunday",
	};
	char low[16];
	size_t i;

	if (n < 3 || n >= sizeof low)
		return -1;
	for (i = 0; i < n; i++)
		low[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] - 'A' + 'a') : s[i];
	low[n] = '\0';
	for (i = 0; i < 7; i++)
		if ((n == 3 && memcmp(low, names[i], 3) == 0) || strcmp(low, names[i]) == 0)
			return (int)i;
	return -1;
}

int calendar_parse_days(const char *s, unsigned *mask)
{
	*mask = 0;
	for (;;) {
		const char *end = strchr(s, ','), *dash;
		size_t n = end ? (size_t)(end - s) : strlen(s);
		int a, b;

		while (n && (*s == ' ' || *s == '\t'))
			s++, n--;
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		dash = memchr(s, '-', n);
		if (dash) {
			size_t na = (size_t)(dash - s), nb = n - na - 1;
			const char *sb = dash + 1;

			while (na && s[na - 1] == ' ')
				na--;
			while (nb && *sb == ' ')
				sb++, nb--;
			a = day_index(s, na);
			b = day_index(sb, nb);
		} else {
			a = b = day_index(s, n);
		}
		if (a < 0 || b < 0)
			return -1;
		for (;;) {
			*mask |= 1u << ((a + 1) % 7);	/* Monday is bit 1 */
			if (a == b)
				break;
			a = (a + 1) % 7;
		}
		if (!end)
			return 0;
		s = end + 1;
	}
}

/* "HH:MM" at *s into ms after midnight, *s moved past it; 24:00 only
 * when end is set. */
static int parse_hhmm(const char **sp, int end, int64_t *ms)
{
	const char *s = *sp;
	int h, m;

	if (!(s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] == ':' &&
	      s[3] >= '0' && s[3] <= '5' && s[4] >= '0' && s[4] <= '9'))
		return -1;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (h > 24 || (h == 24 && (m != 0 || !end)))
		return -1;
	*ms = h * MS_PER_HOUR + m * MS_PER_MIN;
	*sp = s + 5;
	return 0;
}

static const char *skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

int calendar_parse_hours(const char *s, int64_t *open, int64_t *close,
			 size_t max, size_t *n)
{
	*n = 0;
	for (;;) {
		int64_t o, e;

		s = skip_blanks(s);
		if (parse_hhmm(&s, 0, &o) < 0)
			return -1;
		s = skip_blanks(s);
		if (*s++ != '-')
			return -1;
		s = skip_blanks(s);
		if (parse_hhmm(&s, 1, &e) < 0 || e <= o)
			return -1;
		if (*n == max || (*n > 0 && o < close[*n - 1]))
			return -1;
		open[*n] = o;
		close[(*n)++] = e;
		s = skip_blanks(s);
		if (!*s)
			return 0;
		if (*s++ != ',')
			return -1;
	}
}

int calendar_parse_date(const char *s, int64_t *day)
{
	int y, m, d, i;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return -1;
		} else if (!(s[i] >= '0' && s[i] <= '9')) {
			return -1;
		}
	}
	if (s[10])
		return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > civil_days_in_month(y, m))
		return -1;
	*day = civil_days_from_date(y, m, d);
	return 0;
}
