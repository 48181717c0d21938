/* policy: reads the SLA policy JSON with jansson, checks every key and
 * value, and keeps the result as plain values (targets, tiers, a
 * calendar) for the slo module.  jansson keeps no positions of values, so
 * the line of a bad key is found again by searching the text. */
#include "sla/policy.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/timeparse.h"
#include "base/xalloc.h"

#define POLICY_FILE_MAX (16 * 1024 * 1024)

struct objective {
	int present;
	int business;		/* uses the calendar */
	struct slo_target *targets;
	size_t ntargets;
	int64_t min_compliance;
};

struct policy {
	char *name;
	struct tz *tz;
	int has_availability;
	int64_t target;
	int exclude_planned;
	struct slo_credit *credits;
	size_t ncredits;
	struct objective obj[2];	/* by enum slo_kind */
	struct slo_calendar *calendar;
};

struct ctx {
	const char *buf;
	size_t len;
	const char *file;
	struct error *err;
	struct policy *p;
};

/* ---- messages ---------------------------------------------------------- */

/* Finds `"s"` in the text from *pos on (followed by a colon when key is
 * set) and moves *pos past it.  Returns 0, or -1 when absent. */
static int find_quoted(const struct ctx *c, size_t *pos, const char *s, int key)
{
	size_t n = strlen(s), i;

	for (i = *pos; i + n + 2 <= c->len; i++) {
		size_t j;

		if (c->buf[i] != '"' || memcmp(c->buf + i + 1, s, n) != 0 ||
		    c->buf[i + n + 1] != '"')
			continue;
		j = i + n + 2;
		if (key) {
			while (j < c->len && strchr(" \t\r\n", c->buf[j]))
				j++;
			if (j >= c->len || c->buf[j] != ':')
				continue;
		}
		*pos = i;
		return 0;
	}
	return -1;
}

/* The line of the key path k1, k2, ... (NULL-terminated), then of the
 * string value `value` after it when not NULL; 0 when not found. */
static unsigned long line_at(const struct ctx *c, const char *value, ...)
{
	unsigned long line = 1;
	const char *k;
	size_t pos = 0, i;
	va_list ap;

	if (!c->buf)
		return 0;
	va_start(ap, value);
	while ((k = va_arg(ap, const char *)) != NULL) {
		if (find_quoted(c, &pos, k, 1) < 0) {
			va_end(ap);
			return 0;
		}
		pos++;
	}
	va_end(ap);
	if (value && find_quoted(c, &pos, value, 0) < 0)
		return 0;
	for (i = 0; i < pos && i < c->len; i++)
		if (c->buf[i] == '\n')
			line++;
	return line;
}

static int fail(const struct ctx *c, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(const struct ctx *c, unsigned long line, const char *fmt, ...)
{
	char msg[sizeof c->err->msg];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	error_set(c->err, c->file, line, "%s", msg);
	return -1;
}

static const char *type_name(const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER:
	case JSON_REAL: return "a number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	default: return "null";
	}
}

/* quotes s for a message into a buffer of size QBUF */
#define QBUF 80
static const char *q(char *buf, const char *s)
{
	return error_quote(buf, QBUF, s, strlen(s));
}

/* Checks the type of a value at path (for messages) and line. */
static int expect(const struct ctx *c, const json_t *j, json_type type,
		  const char *path, unsigned long line)
{
	static const char *const want[] = {
		[JSON_OBJECT] = "an object", [JSON_ARRAY] = "an array",
		[JSON_STRING] = "a string", [JSON_INTEGER] = "a number",
		[JSON_REAL] = "a number", [JSON_TRUE] = "a boolean",
		[JSON_FALSE] = "a boolean", [JSON_NULL] = "null",
	};
	json_type t = json_typeof(j);

	if (t == type || (type == JSON_REAL && t == JSON_INTEGER) ||
	    (type == JSON_TRUE && t == JSON_FALSE))
		return 0;
	return fail(c, line, "key \"%s\": expected %s, got %s", path, want[type],
		    type_name(j));
}

/* Rejects keys of obj not in allowed (NULL-terminated); where names the
 * object in the message ("policy" or a quoted path). */
static int only_keys(const struct ctx *c, const json_t *obj,
		     const char *const *allowed, const char *where,
		     const char *parent)
{
	const char *key;
	json_t *v;
	char qb[QBUF];

	json_object_foreach((json_t *)(uintptr_t)obj, key, v) {
		size_t i;
		int ok = 0;

		for (i = 0; allowed[i]; i++)
			if (strcmp(key, allowed[i]) == 0)
				ok = 1;
		if (!ok)
			return fail(c, parent ? line_at(c, NULL, parent, key, (char *)NULL)
				       : line_at(c, NULL, key, (char *)NULL),
				    "unknown key %s in %s", q(qb, key), where);
	}
	return 0;
}

/* ---- values ------------------------------------------------------------ */

/* "section.key" for messages, with the key escaped like a quoted value
 * (a key may hold quotes or control bytes) */
static void key_path(char *buf, size_t size, const char *section, const char *key)
{
	char qb[QBUF];
	size_t n;

	q(qb, key);
	n = strlen(qb);
	if (n >= 2 && qb[n - 1] == '"')
		qb[n - 1] = '\0';
	snprintf(buf, size, "%s.%s", section, qb + 1);
}

/* A percentage in (0, 100] (zero_ok: [0, 100]) into SLO_PCT units. */
static int get_percent(const struct ctx *c, const json_t *j, const char *path,
		       unsigned long line, int zero_ok, int64_t *out)
{
	double v;

	if (expect(c, j, JSON_REAL, path, line) < 0)
		return -1;
	v = json_number_value(j);
	if (!isfinite(v) || v > 100 || v < 0 || (!zero_ok && v == 0))
		return fail(c, line, "key \"%s\": %g is out of range %s0, 100]", path,
			    v, zero_ok ? "[" : "(");
	*out = slo_pct(v);
	return 0;
}

static int parse_duration(const struct ctx *c, const json_t *j, const char *path,
			  unsigned long line, int64_t *ms)
{
	char qb[QBUF];

	if (expect(c, j, JSON_STRING, path, line) < 0)
		return -1;
	if (duration_parse(json_string_value(j), ms) < 0)
		return fail(c, line, "key \"%s\": cannot parse duration %s", path,
			    q(qb, json_string_value(j)));
	if (*ms <= 0)
		return fail(c, line, "key \"%s\": duration %s is not positive", path,
			    q(qb, json_string_value(j)));
	return 0;
}

static int credit_cmp(const void *a, const void *b)
{
	const struct slo_credit *x = a, *y = b;

	return x->below < y->below ? -1 : x->below > y->below;
}

static int parse_credits(const struct ctx *c, const json_t *arr)
{
	static const char *const keys[] = { "below", "credit", NULL };
	struct policy *p = c->p;
	char path[64];
	size_t i, n;
	json_t *t;

	if (expect(c, arr, JSON_ARRAY, "availability.credits",
		   line_at(c, NULL, "availability", "credits", (char *)NULL)) < 0)
		return -1;
	n = json_array_size(arr);
	p->credits = xcalloc(n ? n : 1, sizeof *p->credits);
	json_array_foreach(arr, i, t) {
		unsigned long line = line_at(c, NULL, "availability", "credits",
					     (char *)NULL);
		const json_t *below, *credit;

		snprintf(path, sizeof path, "availability.credits[%zu]", i);
		if (expect(c, t, JSON_OBJECT, path, line) < 0)
			return -1;
		{
			char where[80];
			snprintf(where, sizeof where, "\"%s\"", path);
			if (only_keys(c, t, keys, where, "credits") < 0)
				return -1;
		}
		below = json_object_get(t, "below");
		credit = json_object_get(t, "credit");
		if (!below || !credit)
			return fail(c, line, "key \"%s\": needs \"below\" and \"credit\"",
				    path);
		snprintf(path, sizeof path, "availability.credits[%zu].below", i);
		if (get_percent(c, below, path, line, 0, &p->credits[i].below) < 0)
			return -1;
		snprintf(path, sizeof path, "availability.credits[%zu].credit", i);
		if (get_percent(c, credit, path, line, 1, &p->credits[i].credit) < 0)
			return -1;
		p->ncredits++;
	}
	qsort(p->credits, p->ncredits, sizeof *p->credits, credit_cmp);
	for (i = 1; i < p->ncredits; i++)
		if (p->credits[i].below == p->credits[i - 1].below)
			return fail(c, line_at(c, NULL, "availability", "credits",
					       (char *)NULL),
				    "key \"availability.credits\": two tiers below %g",
				    (double)p->credits[i].below / (double)SLO_PCT_ONE);
	return 0;
}

static int parse_availability(const struct ctx *c, const json_t *obj)
{
	static const char *const keys[] = { "target", "exclude_planned", "credits", NULL };
	struct policy *p = c->p;
	const json_t *v;

	if (expect(c, obj, JSON_OBJECT, "availability",
		   line_at(c, NULL, "availability", (char *)NULL)) < 0 ||
	    only_keys(c, obj, keys, "\"availability\"", "availability") < 0)
		return -1;
	v = json_object_get(obj, "target");
	if (!v)
		return fail(c, line_at(c, NULL, "availability", (char *)NULL),
			    "key \"availability\": \"target\" is missing");
	if (get_percent(c, v, "availability.target",
			line_at(c, NULL, "availability", "target", (char *)NULL), 0,
			&p->target) < 0)
		return -1;
	v = json_object_get(obj, "exclude_planned");
	if (v) {
		if (expect(c, v, JSON_TRUE, "availability.exclude_planned",
			   line_at(c, NULL, "availability", "exclude_planned",
				   (char *)NULL)) < 0)
			return -1;
		p->exclude_planned = json_is_true(v);
	}
	v = json_object_get(obj, "credits");
	if (v && parse_credits(c, v) < 0)
		return -1;
	p->has_availability = 1;
	return 0;
}

static int same_ascii_ci(const char *a, const char *b)
{
	for (;; a++, b++) {
		int x = (unsigned char)*a, y = (unsigned char)*b;

		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y)
			return 0;
		if (!x)
			return 1;
	}
}

static int parse_tickets(const struct ctx *c, const json_t *obj, const char *section,
			 struct objective *o)
{
	const char *key;
	json_t *v;
	char path[160], qb[QBUF];
	size_t n, i;

	if (expect(c, obj, JSON_OBJECT, section,
		   line_at(c, NULL, section, (char *)NULL)) < 0)
		return -1;
	n = json_object_size(obj);
	o->targets = xcalloc(n ? n : 1, sizeof *o->targets);
	o->min_compliance = SLO_PCT_FULL;
	json_object_foreach((json_t *)(uintptr_t)obj, key, v) {
		unsigned long line = line_at(c, NULL, section, key, (char *)NULL);

		key_path(path, sizeof path, section, key);
		if (strcmp(key, "min_compliance") == 0) {
			if (get_percent(c, v, path, line, 0, &o->min_compliance) < 0)
				return -1;
			continue;
		}
		if (!*key)
			return fail(c, line, "key \"%s\": empty priority name", section);
		for (i = 0; i < o->ntargets; i++)
			if (same_ascii_ci(o->targets[i].priority, key))
				return fail(c, line, "key \"%s\": priority %s given twice",
					    section, q(qb, key));
		if (parse_duration(c, v, path, line, &o->targets[o->ntargets].ms) < 0)
			return -1;
		o->targets[o->ntargets++].priority = xstrdup(key);
	}
	if (o->ntargets == 0)
		return fail(c, line_at(c, NULL, section, (char *)NULL),
			    "key \"%s\": no priority target (e.g. \"P1\": \"2h\")",
			    section);
	o->present = 1;
	return 0;
}

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

/* weekday mask, bit 0 = Sunday, from "Mon-Fri", "Mon,Tue,Sat", "Sun-Thu" */
static int parse_days(const char *s, unsigned *mask)
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

/* "HH:MM" at s (exactly 5 characters) into ms after midnight; 24:00 only
 * when end is set. */
static int parse_hhmm(const char *s, int end, int64_t *ms)
{
	int h, m;

	if (!(s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] == ':' &&
	      s[3] >= '0' && s[3] <= '5' && s[4] >= '0' && s[4] <= '9'))
		return -1;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (h > 24 || (h == 24 && (m != 0 || !end)))
		return -1;
	*ms = h * MS_PER_HOUR + m * MS_PER_MIN;
	return 0;
}

/* "09:00-18:00" (spaces allowed around the dash) */
static int parse_hours(const char *s, int64_t *open, int64_t *close)
{
	while (*s == ' ')
		s++;
	if (strlen(s) < 11 || parse_hhmm(s, 0, open) < 0)
		return -1;
	s += 5;
	while (*s == ' ')
		s++;
	if (*s++ != '-')
		return -1;
	while (*s == ' ')
		s++;
	if (strlen(s) < 5 || parse_hhmm(s, 1, close) < 0)
		return -1;
	s += 5;
	while (*s == ' ')
		s++;
	return *s ? -1 : 0;
}

/* "YYYY-MM-DD" into a day number */
static int parse_date(const char *s, int64_t *day)
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

static int parse_calendar(const struct ctx *c, const json_t *obj)
{
	static const char *const keys[] = { "days", "hours", "holidays", NULL };
	struct policy *p = c->p;
	const json_t *days, *hours, *hol, *h;
	unsigned long line;
	unsigned mask;
	int64_t open, close;
	char qb[QBUF], qa[QBUF], path[64];
	size_t i;

	if (expect(c, obj, JSON_OBJECT, "calendar",
		   line_at(c, NULL, "calendar", (char *)NULL)) < 0 ||
	    only_keys(c, obj, keys, "\"calendar\"", "calendar") < 0)
		return -1;
	days = json_object_get(obj, "days");
	hours = json_object_get(obj, "hours");
	if (!days || !hours)
		return fail(c, line_at(c, NULL, "calendar", (char *)NULL),
			    "key \"calendar\": \"%s\" is missing", days ? "hours" : "days");
	line = line_at(c, NULL, "calendar", "days", (char *)NULL);
	if (expect(c, days, JSON_STRING, "calendar.days", line) < 0)
		return -1;
	if (parse_days(json_string_value(days), &mask) < 0)
		return fail(c, line, "key \"calendar.days\": cannot parse %s "
			    "(expected e.g. \"Mon-Fri\" or \"Mon,Tue,Sat\")",
			    q(qb, json_string_value(days)));
	line = line_at(c, NULL, "calendar", "hours", (char *)NULL);
	if (expect(c, hours, JSON_STRING, "calendar.hours", line) < 0)
		return -1;
	if (parse_hours(json_string_value(hours), &open, &close) < 0)
		return fail(c, line, "key \"calendar.hours\": cannot parse %s "
			    "(expected HH:MM-HH:MM, e.g. \"09:00-18:00\")",
			    q(qb, json_string_value(hours)));
	if (close <= open) {
		const char *s = json_string_value(hours);
		return fail(c, line, "key \"calendar.hours\": end is not after start in %s",
			    q(qb, s));
	}
	p->calendar = slo_calendar_new(p->tz, mask, open, close);
	if (!p->calendar)	/* cannot happen after the checks above */
		return fail(c, line, "key \"calendar\": invalid calendar");
	hol = json_object_get(obj, "holidays");
	if (!hol)
		return 0;
	line = line_at(c, NULL, "calendar", "holidays", (char *)NULL);
	if (expect(c, hol, JSON_ARRAY, "calendar.holidays", line) < 0)
		return -1;
	json_array_foreach(hol, i, h) {
		int64_t day;

		snprintf(path, sizeof path, "calendar.holidays[%zu]", i);
		if (expect(c, h, JSON_STRING, path, line) < 0)
			return -1;
		if (parse_date(json_string_value(h), &day) < 0)
			return fail(c, line_at(c, json_string_value(h), "calendar",
					       "holidays", (char *)NULL),
				    "key \"calendar.holidays\": cannot parse date %s "
				    "(expected YYYY-MM-DD)",
				    q(qa, json_string_value(h)));
		slo_calendar_add_holiday(p->calendar, day);
	}
	return 0;
}

static int parse_business_hours(const struct ctx *c, const json_t *arr)
{
	struct policy *p = c->p;
	unsigned long line = line_at(c, NULL, "business_hours", (char *)NULL);
	const json_t *v;
	char path[64], qb[QBUF];
	size_t i;

	if (expect(c, arr, JSON_ARRAY, "business_hours", line) < 0)
		return -1;
	json_array_foreach(arr, i, v) {
		const char *s;
		enum slo_kind k;

		snprintf(path, sizeof path, "business_hours[%zu]", i);
		if (expect(c, v, JSON_STRING, path, line) < 0)
			return -1;
		s = json_string_value(v);
		if (strcmp(s, "response") == 0)
			k = SLO_RESPONSE;
		else if (strcmp(s, "resolution") == 0)
			k = SLO_RESOLUTION;
		else
			return fail(c, line, "key \"business_hours\": unknown objective %s "
				    "(expected \"response\" or \"resolution\")", q(qb, s));
		if (!p->calendar)
			return fail(c, line, "key \"business_hours\": %s needs a "
				    "\"calendar\"", q(qb, s));
		p->obj[k].business = 1;
	}
	return 0;
}

static int parse_policy(const struct ctx *c, const json_t *root)
{
	static const char *const keys[] = {
		"name", "timezone", "availability", "response", "resolution",
		"calendar", "business_hours", NULL
	};
	struct policy *p = c->p;
	const json_t *v;
	struct error e;

	if (!json_is_object(root))
		return fail(c, 1, "policy: expected an object, got %s", type_name(root));
	if (only_keys(c, root, keys, "policy", NULL) < 0)
		return -1;
	v = json_object_get(root, "name");
	if (v && expect(c, v, JSON_STRING, "name", line_at(c, NULL, "name", (char *)NULL)) < 0)
		return -1;
	p->name = xstrdup(v ? json_string_value(v) : "");
	v = json_object_get(root, "timezone");
	if (v) {
		unsigned long line = line_at(c, NULL, "timezone", (char *)NULL);

		if (expect(c, v, JSON_STRING, "timezone", line) < 0)
			return -1;
		if (!*json_string_value(v))
			return fail(c, line, "key \"timezone\": empty time zone name");
		error_clear(&e);
		p->tz = tz_new(json_string_value(v), &e);
		if (!p->tz) {
			char qb[QBUF];
			return fail(c, line, "key \"timezone\": unknown time zone %s",
				    q(qb, json_string_value(v)));
		}
	} else {
		error_clear(&e);
		p->tz = tz_new(NULL, &e);
		if (!p->tz)
			return fail(c, 0, "%s", e.msg);
	}
	v = json_object_get(root, "availability");
	if (v && parse_availability(c, v) < 0)
		return -1;
	v = json_object_get(root, "response");
	if (v && parse_tickets(c, v, "response", &p->obj[SLO_RESPONSE]) < 0)
		return -1;
	v = json_object_get(root, "resolution");
	if (v && parse_tickets(c, v, "resolution", &p->obj[SLO_RESOLUTION]) < 0)
		return -1;
	v = json_object_get(root, "calendar");
	if (v && parse_calendar(c, v) < 0)
		return -1;
	v = json_object_get(root, "business_hours");
	if (v && parse_business_hours(c, v) < 0)
		return -1;
	if (!p->has_availability && !p->obj[SLO_RESPONSE].present &&
	    !p->obj[SLO_RESOLUTION].present)
		return fail(c, 0, "policy has no objective: expected \"availability\", "
			    "\"response\" or \"resolution\"");
	return 0;
}

/* ---- public ------------------------------------------------------------ */

struct policy *policy_new(const char *buf, size_t len, const char *file,
			  struct error *err)
{
	struct ctx c;
	json_error_t je;
	json_t *root;

	c.buf = buf;
	c.len = len;
	c.file = file;
	c.err = err;
	c.p = xcalloc(1, sizeof *c.p);
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		fail(&c, je.line > 0 ? (unsigned long)je.line : 0,
		     "cannot parse policy: %s", je.text);
		policy_free(c.p);
		return NULL;
	}
	if (parse_policy(&c, root) < 0) {
		json_decref(root);
		policy_free(c.p);
		return NULL;
	}
	json_decref(root);
	return c.p;
}

struct policy *policy_new_file(const char *path, struct error *err)
{
	struct policy *p;
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (!fp) {
		error_set(err, path, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	do {
		buf = vec_reserve(buf, &cap, len + 65536, 1);
		n = fread(buf + len, 1, cap - len, fp);
		len += n;
	} while (n > 0 && len <= POLICY_FILE_MAX);
	if (ferror(fp) || len > POLICY_FILE_MAX) {
		error_set(err, path, 0, ferror(fp) ? "cannot read: %s" : "%s",
			  ferror(fp) ? strerror(errno) : "policy file too large");
		fclose(fp);
		free(buf);
		return NULL;
	}
	fclose(fp);
	p = policy_new(buf, len, path, err);
	free(buf);
	return p;
}

void policy_free(struct policy *p)
{
	size_t k, i;

	if (!p)
		return;
	for (k = 0; k < 2; k++) {
		for (i = 0; i < p->obj[k].ntargets; i++)
			free((char *)(uintptr_t)p->obj[k].targets[i].priority);
		free(p->obj[k].targets);
	}
	slo_calendar_free(p->calendar);
	tz_free(p->tz);
	free(p->credits);
	free(p->name);
	free(p);
}

const char *policy_name(const struct policy *p)
{
	return p->name;
}

struct tz *policy_tz(const struct policy *p)
{
	return p->tz;
}

int policy_has_availability(const struct policy *p)
{
	return p->has_availability;
}

int64_t policy_availability_target(const struct policy *p)
{
	return p->target;
}

int policy_exclude_planned(const struct policy *p)
{
	return p->exclude_planned;
}

const struct slo_credit *policy_credits(const struct policy *p, size_t *n)
{
	*n = p->ncredits;
	return p->ncredits ? p->credits : NULL;
}

struct slo_calendar *policy_calendar(const struct policy *p)
{
	return p->calendar;
}

int policy_business_hours(const struct policy *p, enum slo_kind kind)
{
	return p->obj[kind].business;
}

int policy_tickets(const struct policy *p, enum slo_kind kind,
		   struct slo_ticket_objective *out)
{
	const struct objective *o = &p->obj[kind];

	memset(out, 0, sizeof *out);
	if (!o->present)
		return -1;
	out->targets = o->targets;
	out->ntargets = o->ntargets;
	out->min_compliance = o->min_compliance;
	out->calendar = o->business ? p->calendar : NULL;
	return 0;
}
