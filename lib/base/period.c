/* period: --period, --since and --until turned into a half-open span of
 * instants.  Every calendar period is a run of local days [first, last+1),
 * and its bounds are the starts of those days in the zone (tz_day_start),
 * so DST makes days, and so months, 23 or 25 hours long where it should. */
#include "base/period.h"

#include <stdio.h>
#include <string.h>

#include "base/timeparse.h"

static int64_t floor_mod7(int64_t a)
{
	int64_t r = a % 7;
	return r < 0 ? r + 7 : r;
}

/* 0 = Monday ... 6 = Sunday; day 0 (1970-01-01) was a Thursday */
static int iso_wday(int64_t day)
{
	return (int)floor_mod7(day + 3);
}

/* Day number of the Monday of ISO week 1 of year y (the week of Jan 4). */
static int64_t iso_week1(int64_t y)
{
	int64_t jan4 = civil_days_from_date(y, 1, 4);
	return jan4 - iso_wday(jan4);
}

static int iso_weeks_in_year(int64_t y)
{
	return (int)((iso_week1(y + 1) - iso_week1(y)) / 7);
}

/* ISO year and week of day. */
static void iso_week_of(int64_t day, int64_t *y, int *w)
{
	int64_t thu = day - iso_wday(day) + 3;
	int m, d;

	civil_date_from_days(thu, y, &m, &d);
	*w = (int)((thu - civil_days_from_date(*y, 1, 1)) / 7 + 1);
}

static int all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int num(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Sets q to the local days [first, after) of tz. */
static void set_days(struct period *q, struct tz *tz, enum period_kind kind,
		     int64_t first, int64_t after)
{
	q->kind = kind;
	q->start = tz_day_start(tz, first);
	q->end = tz_day_start(tz, after);
}

static void set_day(struct period *q, struct tz *tz, int64_t day)
{
	int64_t y;
	int m, d;

	set_days(q, tz, PERIOD_DAY, day, day + 1);
	civil_date_from_days(day, &y, &m, &d);
	snprintf(q->label, sizeof q->label, "%04d-%02d-%02d", (int)y, m, d);
}

/* month m of year y, m may be 0 or 13 (normalised) */
static void set_month(struct period *q, struct tz *tz, int64_t y, int m)
{
	int64_t first = civil_days_from_date(y, m, 1), yy;
	int mm, dd;

	civil_date_from_days(first, &yy, &mm, &dd);
	set_days(q, tz, PERIOD_MONTH, first, civil_days_from_date(yy, mm + 1, 1));
	snprintf(q->label, sizeof q->label, "%04d-%02d", (int)yy, mm);
}

static void set_week(struct period *q, struct tz *tz, int64_t y, int w)
{
	int64_t first = iso_week1(y) + (int64_t)(w - 1) * 7;

	set_days(q, tz, PERIOD_WEEK, first, first + 7);
	snprintf(q->label, sizeof q->label, "%04d-W%02d", (int)y, w);
}

static void set_week_of(struct period *q, struct tz *tz, int64_t day)
{
	int64_t y;
	int w;

	iso_week_of(day, &y, &w);
	set_week(q, tz, y, w);
}

static int is_date(const char *s, size_t n, int64_t *day)
{
	return date_parse(s, n, day) == 0;
}

/* One side of A..B: a date (*is_day set) or a time beginning with a date. */
static int range_side(const char *s, size_t n, struct tz *tz, int64_t *v,
		      int *is_day)
{
	struct timeparser tp = { .format = NULL, .tz = tz };

	*is_day = is_date(s, n, v);
	if (*is_day)
		return 0;
	/* no bare epoch numbers here: "2026..2027" must not mean seconds */
	if (n < 10 || s[4] != '-')
		return -1;
	return time_parse(&tp, s, n, v);
}

static void range_label(struct period *q, struct tz *tz)
{
	char a[40] = "", b[40] = "";

	if (q->start != INT64_MIN)
		time_format(q->start, tz, a, sizeof a);
	if (q->end != INT64_MAX)
		time_format(q->end, tz, b, sizeof b);
	snprintf(q->label, sizeof q->label, "%s..%s", a, b);
}

static int ends_before(const char *what, struct error *err)
{
	char quoted[160];

	error_set(err, NULL, 0, "period %s ends before it starts",
		  error_quote(quoted, sizeof quoted, what, strlen(what)));
	return -1;
}

static int parse_range(struct period *q, const char *s, const char *dots,
		       struct tz *tz)
{
	const char *b = dots + 2;
	int64_t va, vb;
	int da, db;

	if (range_side(s, (size_t)(dots - s), tz, &va, &da) < 0 ||
	    range_side(b, strlen(b), tz, &vb, &db) < 0)
		return -1;
	q->kind = PERIOD_RANGE;
	q->start = da ? tz_day_start(tz, va) : va;
	q->end = db ? tz_day_start(tz, vb + 1) : vb;	/* a date B is included */
	if (da && db)
		snprintf(q->label, sizeof q->label, "%.10s..%.10s", s, b);
	else
		range_label(q, tz);
	return 0;
}

static int parse_relative(struct period *q, const char *s, struct tz *tz,
			  int64_t now)
{
	int64_t today = tz_day(tz, now);
	struct civil c;

	if (strcmp(s, "today") == 0) {
		set_day(q, tz, today);
	} else if (strcmp(s, "yesterday") == 0) {
		set_day(q, tz, today - 1);
	} else if (strcmp(s, "this-month") == 0 || strcmp(s, "last-month") == 0) {
		tz_civil(tz, now, &c);
		set_month(q, tz, c.year, c.month - (s[0] == 'l'));
	} else if (strcmp(s, "last-week") == 0) {
		set_week_of(q, tz, today - iso_wday(today) - 7);
	} else {
		return -1;
	}
	return 0;
}

static int parse_calendar(struct period *q, const char *s, struct tz *tz)
{
	size_t n = strlen(s);
	int64_t y, day;
	int v;

	if (n < 4 || !all_digits(s, 4))
		return -1;
	y = num(s, 4);
	if (y < 1)
		return -1;
	if (n == 4) {
		set_days(q, tz, PERIOD_YEAR, civil_days_from_date(y, 1, 1),
			 civil_days_from_date(y + 1, 1, 1));
		snprintf(q->label, sizeof q->label, "%04d", (int)y);
		return 0;
	}
	if (s[4] != '-')
		return -1;
	if (n == 7 && all_digits(s + 5, 2)) {
		v = num(s + 5, 2);
		if (v < 1 || v > 12)
			return -1;
		set_month(q, tz, y, v);
		return 0;
	}
	if (n == 7 && (s[5] == 'Q' || s[5] == 'q') && s[6] >= '1' && s[6] <= '4') {
		v = s[6] - '0';
		set_days(q, tz, PERIOD_QUARTER,
			 civil_days_from_date(y, 3 * v - 2, 1),
			 civil_days_from_date(y, 3 * v + 1, 1));
		snprintf(q->label, sizeof q->label, "%04d-Q%d", (int)y, v);
		return 0;
	}
	if (n == 8 && (s[5] == 'W' || s[5] == 'w') && all_digits(s + 6, 2)) {
		v = num(s + 6, 2);
		if (v < 1 || v > iso_weeks_in_year(y))
			return -1;
		set_week(q, tz, y, v);
		return 0;
	}
	if (is_date(s, n, &day)) {
		set_day(q, tz, day);
		return 0;
	}
	return -1;
}

int period_parse(struct period *p, const char *s, struct tz *tz, int64_t now,
		 struct error *err)
{
	struct period q;
	const char *dots = strstr(s, "..");
	int rc;

	memset(&q, 0, sizeof q);
	if (dots)
		rc = parse_range(&q, s, dots, tz);
	else if (s[0] >= '0' && s[0] <= '9')
		rc = parse_calendar(&q, s, tz);
	else
		rc = parse_relative(&q, s, tz, now);
	if (rc < 0) {
		char quoted[160];

		error_set(err, NULL, 0, "cannot parse period %s",
			  error_quote(quoted, sizeof quoted, s, strlen(s)));
		return -1;
	}
	if (q.end <= q.start)
		return ends_before(s, err);	/* as written */
	*p = q;
	return 0;
}

/* A --since or --until value: a date is the start of that day. */
static int bound(const char *opt, const char *s, struct tz *tz, int64_t *v,
		 struct error *err)
{
	struct timeparser tp = { .format = NULL, .tz = tz };
	char quoted[160];
	int64_t day;

	if (is_date(s, strlen(s), &day)) {
		*v = tz_day_start(tz, day);
		return 0;
	}
	if (time_parse(&tp, s, strlen(s), v) == 0)
		return 0;
	error_set(err, NULL, 0, "%s: cannot parse time %s", opt,
		  error_quote(quoted, sizeof quoted, s, strlen(s)));
	return -1;
}

int period_bounds(struct period *p, const char *since, const char *until,
		  struct tz *tz, struct error *err)
{
	struct period q;

	if (!since && !until)
		return 0;
	q.kind = PERIOD_RANGE;
	q.start = p->kind != PERIOD_NONE ? p->start : INT64_MIN;
	q.end = p->kind != PERIOD_NONE ? p->end : INT64_MAX;
	if (since && bound("--since", since, tz, &q.start, err) < 0)
		return -1;
	if (until && bound("--until", until, tz, &q.end, err) < 0)
		return -1;
	range_label(&q, tz);
	if (q.end <= q.start)
		return ends_before(q.label, err);
	*p = q;
	return 0;
}

static int bounded(const struct period *p)
{
	return p->kind != PERIOD_NONE && p->start != INT64_MIN &&
	       p->end != INT64_MAX && p->end > p->start;
}

int64_t period_days(const struct period *p, struct tz *tz)
{
	if (!bounded(p))
		return 0;
	return tz_day(tz, p->end - 1) - tz_day(tz, p->start) + 1;
}

int period_month(const struct period *p, struct tz *tz, int i,
		 int64_t *month_start, int64_t *month_end)
{
	struct civil c;
	int64_t first, s, e;

	if (!bounded(p) || i < 0 || i > 12 * 10000)
		return -1;
	tz_civil(tz, p->start, &c);
	first = civil_days_from_date(c.year, c.month + i, 1);
	if (first > tz_day(tz, p->end - 1))
		return -1;
	s = tz_day_start(tz, first);
	e = tz_day_start(tz, civil_days_from_date(c.year, c.month + i + 1, 1));
	*month_start = s > p->start ? s : p->start;
	*month_end = e < p->end ? e : p->end;
	return 0;
}

int64_t period_until(int64_t start, int64_t end, int64_t now)
{
	return start <= now && now < end ? now : end;
}
