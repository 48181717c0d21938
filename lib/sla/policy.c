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

#include "io/jbuild.h"

#include "base/timeparse.h"
#include "io/calendar_json.h"
#include "base/xalloc.h"

#define POLICY_FILE_MAX (16 * 1024 * 1024)

struct objective {
	int present;
	int business;		/* uses the calendar */
	struct slo_target *targets;
	size_t ntargets;
	int64_t min_compliance;
};

struct named_calendar {
	char *name;
	struct calendar *cal;	/* NULL: "24x7" */
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
	struct named_calendar *cals;	/* "calendars", in the file's order */
	size_t ncals;
	/* "calendar": the calendar of the objectives in business_hours */
	int has_calendar;
	struct calendar *calendar;	/* NULL: 24x7 */
	const char *calendar_name;
	int own_calendar;		/* an object, not a name in cals */
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
		    jtype_name(j));
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

/* ---- calendars and targets -------------------------------------------- */

/* Words the error of calendar_json_read for the calendar at key path
 * `path` ("calendar", "calendars.support"); k1, k2 find its line. */
static int calendar_fail(const struct ctx *c, const struct calendar_json_error *ce,
			 const char *path, const char *k1, const char *k2)
{
	const char *value = ce->value[0] ? ce->value : NULL;
	unsigned long line;

	if (ce->key[0])
		line = k2 ? line_at(c, value, k1, k2, ce->key, (char *)NULL)
			  : line_at(c, value, k1, ce->key, (char *)NULL);
	else
		line = k2 ? line_at(c, value, k1, k2, (char *)NULL)
			  : line_at(c, value, k1, (char *)NULL);
	if (!line)
		line = k2 ? line_at(c, NULL, k1, k2, (char *)NULL)
			  : line_at(c, NULL, k1, (char *)NULL);
	if (ce->unknown) {
		char qb[QBUF];

		return fail(c, line, "unknown key %s in \"%s\"", q(qb, ce->key), path);
	}
	if (ce->key[0])
		return fail(c, line, "key \"%s.%s\": %s", path, ce->key, ce->msg);
	return fail(c, line, "key \"%s\": %s", path, ce->msg);
}

/* "calendars": {NAME: calendar or "24x7", ...} */
static int parse_calendars(const struct ctx *c, const json_t *obj)
{
	struct policy *p = c->p;
	struct calendar_json_error ce;
	const char *key;
	json_t *v;
	char path[160], qb[QBUF];

	if (expect(c, obj, JSON_OBJECT, "calendars",
		   line_at(c, NULL, "calendars", (char *)NULL)) < 0)
		return -1;
	p->cals = xcalloc(json_object_size(obj) + 1, sizeof *p->cals);
	json_object_foreach((json_t *)(uintptr_t)obj, key, v) {
		unsigned long line = line_at(c, NULL, "calendars", key, (char *)NULL);
		struct calendar *cal;

		key_path(path, sizeof path, "calendars", key);
		if (!*key)
			return fail(c, line, "key \"calendars\": empty calendar name");
		if (calendar_json_read(v, p->tz, &cal, &ce) < 0)
			return calendar_fail(c, &ce, path, "calendars", key);
		if (strcmp(key, "24x7") == 0 && cal) {
			calendar_free(cal);
			return fail(c, line, "key \"%s\": the name %s is the wall clock "
				    "(give it \"24x7\" or another name)", path, q(qb, key));
		}
		p->cals[p->ncals].name = xstrdup(key);
		p->cals[p->ncals++].cal = cal;
	}
	return 0;
}

/* The calendar called name: one of "calendars", or "24x7".  Returns 0
 * (*cal NULL for the wall clock, *cname the name kept by the policy),
 * or -1 when there is none of that name. */
static int find_calendar(const struct policy *p, const char *name,
			 struct calendar **cal, const char **cname)
{
	size_t i;

	for (i = 0; i < p->ncals; i++)
		if (strcmp(p->cals[i].name, name) == 0) {
			*cal = p->cals[i].cal;
			*cname = p->cals[i].name;
			return 0;
		}
	if (strcmp(name, "24x7") == 0) {
		*cal = NULL;
		*cname = "24x7";
		return 0;
	}
	return -1;
}

static int unknown_calendar(const struct ctx *c, unsigned long line,
			    const char *path, const char *name)
{
	char qb[QBUF];

	return fail(c, line, "key \"%s\": no calendar %s (expected \"24x7\" or a "
		    "name from \"calendars\")", path, q(qb, name));
}

/* "calendar": the calendar of the objectives in business_hours, an
 * object (called "calendar") or the name of one of "calendars". */
static int parse_calendar(const struct ctx *c, const json_t *v)
{
	struct policy *p = c->p;
	struct calendar_json_error ce;

	if (json_is_string(v) && strcmp(json_string_value(v), "24x7") != 0) {
		if (find_calendar(p, json_string_value(v), &p->calendar,
				  &p->calendar_name) < 0)
			return unknown_calendar(c, line_at(c, NULL, "calendar", (char *)NULL),
						"calendar", json_string_value(v));
		p->has_calendar = 1;
		return 0;
	}
	if (calendar_json_read(v, p->tz, &p->calendar, &ce) < 0)
		return calendar_fail(c, &ce, "calendar", "calendar", NULL);
	p->own_calendar = 1;
	p->has_calendar = 1;
	p->calendar_name = p->calendar ? "calendar" : "24x7";
	return 0;
}

/* A duration of a target in the open time of cal: "d" is one working
 * day of open hours (calendar_day_ms), "w" five; the other units are
 * hours, minutes and seconds of open time.  With cal NULL, the wall
 * clock: duration_parse. */
static int target_ms(const char *s, const struct calendar *cal, int64_t *ms)
{
	int64_t day = calendar_day_ms(cal), total = 0;
	char tok[64];

	if (duration_parse(s, ms) < 0)
		return -1;
	if (!cal)
		return 0;
	while (*s) {
		size_t n = 0;
		int64_t w, unit, part;

		while (*s == ' ')
			s++;
		if (!*s)
			break;
		while (s[n] && (s[n] == '.' || (s[n] >= '0' && s[n] <= '9')))
			n++;
		while (s[n] && s[n] >= 'a' && s[n] <= 'z')
			n++;
		if (n == 0 || n >= sizeof tok)
			return -1;
		memcpy(tok, s, n);
		tok[n] = '\0';
		s += n;
		if (duration_parse(tok, &w) < 0)
			return -1;
		unit = tok[n - 1] == 'w' ? 7 * MS_PER_DAY : tok[n - 1] == 'd' ? MS_PER_DAY : 0;
		if (!unit) {
			part = w;
		} else {
			int64_t per = (unit == MS_PER_DAY ? 1 : 5) * day;	/* open ms a unit */
			if (w / unit > INT64_MAX / per)
				return -1;
			part = w / unit * per + w % unit * per / unit;
		}
		if (part > INT64_MAX - total)
			return -1;
		total += part;
	}
	*ms = total;
	return 0;
}

/* One target: "2h", or {"target": "2h", "calendar": "24x7"}; def and
 * dname are the objective's calendar. */
static int parse_target(const struct ctx *c, const json_t *v, const char *section,
			const char *key, struct calendar *def, const char *dname,
			struct slo_target *t)
{
	static const char *const keys[] = { "target", "calendar", NULL };
	unsigned long line = line_at(c, NULL, section, key, (char *)NULL);
	const json_t *dur = v;
	char path[200], sub[220], qb[QBUF];

	key_path(path, sizeof path, section, key);
	t->calendar = def;
	t->calendar_name = dname;
	snprintf(sub, sizeof sub, "%s", path);
	if (json_is_object(v)) {
		char where[210];

		snprintf(where, sizeof where, "\"%s\"", path);
		if (only_keys(c, v, keys, where, key) < 0)
			return -1;
		dur = json_object_get(v, "target");
		if (!dur)
			return fail(c, line, "key \"%s\": \"target\" is missing", path);
		snprintf(sub, sizeof sub, "%s.target", path);
		line = line_at(c, NULL, section, key, "target", (char *)NULL);
		const json_t *cal = json_object_get(v, "calendar");

		if (cal) {
			char cpath[220];
			unsigned long cline = line_at(c, NULL, section, key, "calendar",
						      (char *)NULL);

			snprintf(cpath, sizeof cpath, "%s.calendar", path);
			if (expect(c, cal, JSON_STRING, cpath, cline) < 0)
				return -1;
			if (find_calendar(c->p, json_string_value(cal), &t->calendar,
					  &t->calendar_name) < 0)
				return unknown_calendar(c, cline, cpath,
							json_string_value(cal));
		}
	} else if (!json_is_string(v)) {
		return fail(c, line, "key \"%s\": expected a string or an object, got %s",
			    path, jtype_name(v));
	}
	if (expect(c, dur, JSON_STRING, sub, line) < 0)
		return -1;
	if (target_ms(json_string_value(dur), t->calendar, &t->ms) < 0)
		return fail(c, line, "key \"%s\": cannot parse duration %s", sub,
			    q(qb, json_string_value(dur)));
	if (t->ms <= 0)
		return fail(c, line, "key \"%s\": duration %s is not positive", sub,
			    q(qb, json_string_value(dur)));
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
	const struct policy *p = c->p;
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
		if (parse_target(c, v, section, key, o->business ? p->calendar : NULL,
				 o->business ? p->calendar_name : "24x7",
				 &o->targets[o->ntargets]) < 0)
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
		if (!p->has_calendar)
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
		"calendar", "calendars", "business_hours", NULL
	};
	struct policy *p = c->p;
	const json_t *v;
	struct error e;

	if (!json_is_object(root))
		return fail(c, 1, "policy: expected an object, got %s", jtype_name(root));
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
	/* the calendars first: a target's length depends on its calendar */
	v = json_object_get(root, "calendars");
	if (v && parse_calendars(c, v) < 0)
		return -1;
	v = json_object_get(root, "calendar");
	if (v && parse_calendar(c, v) < 0)
		return -1;
	v = json_object_get(root, "business_hours");
	if (v && parse_business_hours(c, v) < 0)
		return -1;
	v = json_object_get(root, "response");
	if (v && parse_tickets(c, v, "response", &p->obj[SLO_RESPONSE]) < 0)
		return -1;
	v = json_object_get(root, "resolution");
	if (v && parse_tickets(c, v, "resolution", &p->obj[SLO_RESOLUTION]) < 0)
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
	if (p->own_calendar)
		calendar_free(p->calendar);
	for (i = 0; i < p->ncals; i++) {
		calendar_free(p->cals[i].cal);
		free(p->cals[i].name);
	}
	free(p->cals);
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

struct calendar *policy_calendar(const struct policy *p)
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
