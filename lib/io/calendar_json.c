/* calendar_json: a calendar from its JSON object (calendar_json.h),
 * every key and value checked, the message saying which key and quoting
 * the bad value. */
#include "io/calendar_json.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "io/jbuild.h"

#define CALENDAR_FILE_MAX (4 * 1024 * 1024)

static int bad(struct calendar_json_error *e, const char *key, const char *value,
	       const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int bad(struct calendar_json_error *e, const char *key, const char *value,
	       const char *fmt, ...)
{
	va_list ap;

	snprintf(e->key, sizeof e->key, "%s", key);
	snprintf(e->value, sizeof e->value, "%s", value ? value : "");
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return -1;
}

#define QBUF 80
static const char *q(char *buf, const char *s)
{
	return error_quote(buf, QBUF, s, strlen(s));
}

/* holidays or workdays: an array of dates */
static int read_dates(const json_t *arr, const char *key, struct calendar *c,
		      struct calendar_json_error *e)
{
	const json_t *h;
	char qb[QBUF];
	size_t i;
	int work = strcmp(key, "workdays") == 0;

	if (!json_is_array(arr))
		return bad(e, key, NULL, "expected an array, got %s", jtype_name(arr));
	json_array_foreach(arr, i, h) {
		int64_t day;
		const char *s;

		if (!json_is_string(h))
			return bad(e, key, NULL, "expected dates (strings), got %s",
				   jtype_name(h));
		s = json_string_value(h);
		if (calendar_parse_date(s, &day) < 0)
			return bad(e, key, s, "cannot parse date %s (expected YYYY-MM-DD)",
				   q(qb, s));
		if ((work ? calendar_add_workday(c, day) : calendar_add_holiday(c, day)) < 0)
			return bad(e, key, s, "%s is both a holiday and a working day",
				   q(qb, s));
	}
	return 0;
}

int calendar_json_read(const json_t *v, struct tz *tz, struct calendar **out,
		       struct calendar_json_error *e)
{
	static const char *const keys[] = {
		"days", "hours", "holidays", "workdays", "timezone", NULL
	};
	const json_t *days, *hours, *zone, *x;
	int64_t open[CALENDAR_SPANS_MAX], close[CALENDAR_SPANS_MAX];
	const char *key, *s;
	struct calendar *c;
	struct error te;
	unsigned mask;
	char qb[QBUF];
	size_t n, i;
	int own = 0;

	memset(e, 0, sizeof *e);
	*out = NULL;
	if (json_is_string(v)) {
		s = json_string_value(v);
		if (strcmp(s, "24x7") == 0)
			return 0;
		return bad(e, "", s, "expected a calendar object or \"24x7\", got %s",
			   q(qb, s));
	}
	if (!json_is_object(v))
		return bad(e, "", NULL, "expected a calendar object or \"24x7\", got %s",
			   jtype_name(v));
	json_object_foreach((json_t *)(uintptr_t)v, key, x) {
		for (i = 0; keys[i] && strcmp(key, keys[i]) != 0; i++)
			;
		if (!keys[i]) {
			bad(e, key, NULL, "unknown key");
			e->unknown = 1;
			return -1;
		}
	}
	days = json_object_get(v, "days");
	hours = json_object_get(v, "hours");
	if (!days || !hours)
		return bad(e, "", NULL, "\"%s\" is missing", days ? "hours" : "days");
	if (!json_is_string(days))
		return bad(e, "days", NULL, "expected a string, got %s", jtype_name(days));
	s = json_string_value(days);
	if (calendar_parse_days(s, &mask) < 0)
		return bad(e, "days", s, "cannot parse %s (expected e.g. \"Mon-Fri\" or "
			   "\"Mon,Tue,Sat\")", q(qb, s));
	if (!json_is_string(hours))
		return bad(e, "hours", NULL, "expected a string, got %s", jtype_name(hours));
	s = json_string_value(hours);
	if (calendar_parse_hours(s, open, close, CALENDAR_SPANS_MAX, &n) < 0)
		return bad(e, "hours", s, "cannot parse %s (expected HH:MM-HH:MM, "
			   "e.g. \"09:00-18:00\" or \"09:00-12:00,13:30-18:00\", each "
			   "end after its start, spans in order)", q(qb, s));
	zone = json_object_get(v, "timezone");
	if (zone) {
		if (!json_is_string(zone))
			return bad(e, "timezone", NULL, "expected a string, got %s",
				   jtype_name(zone));
		s = json_string_value(zone);
		error_clear(&te);
		tz = *s ? tz_new(s, &te) : NULL;
		if (!tz)
			return bad(e, "timezone", s, "unknown time zone %s", q(qb, s));
		own = 1;
	}
	c = calendar_new(tz, own, mask, open[0], close[0]);
	if (!c) {	/* cannot happen after the checks above */
		if (own)
			tz_free(tz);
		return bad(e, "", NULL, "invalid calendar");
	}
	for (i = 1; i < n; i++)
		(void)calendar_add_span(c, open[i], close[i]);	/* checked in order */
	x = json_object_get(v, "holidays");
	if (x && read_dates(x, "holidays", c, e) < 0) {
		calendar_free(c);
		return -1;
	}
	x = json_object_get(v, "workdays");
	if (x && read_dates(x, "workdays", c, e) < 0) {
		calendar_free(c);
		return -1;
	}
	*out = c;
	return 0;
}

/* The line of `"key":` in text, then of the string `"value"` after it
 * when value is not empty; 0 when not found. */
static unsigned long line_of(const char *text, size_t len, const char *key,
			     const char *value)
{
	size_t pos = 0, i, n;
	unsigned long line = 1;
	const char *want[2];
	int w;

	want[0] = key;
	want[1] = value;
	for (w = 0; w < 2; w++) {
		if (!want[w] || !*want[w])
			continue;
		n = strlen(want[w]);
		for (i = pos; i + n + 2 <= len; i++) {
			size_t j = i + n + 2;

			if (text[i] != '"' || memcmp(text + i + 1, want[w], n) != 0 ||
			    text[i + n + 1] != '"')
				continue;
			if (w == 0) {
				while (j < len && strchr(" \t\r\n", text[j]))
					j++;
				if (j >= len || text[j] != ':')
					continue;
			}
			break;
		}
		if (i + n + 2 > len)
			return 0;
		pos = i;
	}
	for (i = 0; i < pos; i++)
		if (text[i] == '\n')
			line++;
	return line;
}

int calendar_json_file(const char *path, struct tz *tz, struct calendar **out,
		       struct error *err)
{
	FILE *fp = fopen(path, "rb");
	struct calendar_json_error ce;
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	json_error_t je;
	json_t *root;
	int rc;

	*out = NULL;
	if (!fp) {
		error_set(err, path, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	do {
		buf = vec_reserve(buf, &cap, len + 65536, 1);
		n = fread(buf + len, 1, cap - len, fp);
		len += n;
	} while (n > 0 && len <= CALENDAR_FILE_MAX);
	if (ferror(fp) || len > CALENDAR_FILE_MAX) {
		error_set(err, path, 0, "%s", ferror(fp) ? "cannot read" :
			  "calendar file too large");
		fclose(fp);
		free(buf);
		return -1;
	}
	fclose(fp);
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);
	if (!root) {
		error_set(err, path, je.line > 0 ? (unsigned long)je.line : 0,
			  "cannot parse calendar: %s", je.text);
		free(buf);
		return -1;
	}
	rc = calendar_json_read(root, tz, out, &ce);
	if (rc < 0) {
		unsigned long line = ce.key[0] ? line_of(buf, len, ce.key, ce.value) : 0;

		if (ce.unknown) {
			char qb[QBUF];

			error_set(err, path, line, "unknown key %s in calendar",
				  q(qb, ce.key));
		} else if (ce.key[0])
			error_set(err, path, line, "key \"%s\": %s", ce.key, ce.msg);
		else
			error_set(err, path, line, "calendar: %s", ce.msg);
	}
	json_decref(root);
	free(buf);
	return rc;
}
