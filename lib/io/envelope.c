/* envelope: the common head of every command's result document, and the
 * few JSON constructors every command uses to fill the rest. */
#include "io/envelope.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "base/timeparse.h"

static json_t *must(json_t *j)
{
	if (!j) {
		fputs("upkeep: out of memory\n", stderr);
		exit(2);
	}
	return j;
}

json_t *jnum(double v)
{
	return must(json_real(v));
}

json_t *jint(long long v)
{
	return must(json_integer(v));
}

json_t *jstr(const char *s)
{
	json_t *j;

	if (!s)
		return json_null();
	j = json_string(s);
	/* invalid UTF-8 cannot reach here through the reader; never lose it */
	return j ? j : must(json_string("(invalid UTF-8)"));
}

json_t *jtime(int64_t t, struct tz *tz)
{
	char buf[40];

	time_format(t, tz, buf, sizeof buf);
	return must(json_string(buf));
}

void jset(json_t *obj, const char *key, json_t *v)
{
	if (json_object_set_new(obj, key, v) != 0) {
		fputs("upkeep: out of memory\n", stderr);
		exit(2);
	}
}

void jappend(json_t *arr, json_t *v)
{
	if (!v || json_array_append_new(arr, v) != 0) {
		fputs("upkeep: out of memory\n", stderr);
		exit(2);
	}
}

json_t *jobject(void)
{
	return must(json_object());
}

json_t *jarray(void)
{
	return must(json_array());
}

int64_t envelope_now(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");

	if (s && *s) {
		char *end;
		long long v;
		errno = 0;
		v = strtoll(s, &end, 10);
		if (errno == 0 && *end == '\0' && v >= 0 && v < INT64_C(253402300800))
			return (int64_t)v * 1000;
	}
	return (int64_t)time(NULL) * 1000;
}

json_t *envelope_new(const char *tool, const struct period *p, struct tz *tz)
{
	json_t *env = must(json_object());
	json_t *per = must(json_object());

	jset(env, "tool", jstr(tool));
	jset(env, "version", jstr(UPKEEP_VERSION));
	jset(env, "generated", jtime(envelope_now(), NULL));
	jset(per, "start", json_null());
	jset(per, "end", json_null());
	jset(env, "period", per);
	jset(env, "inputs", must(json_array()));
	if (p && p->kind != PERIOD_NONE)
		envelope_set_period(env, p->start, p->end, tz);
	return env;
}

void envelope_set_period(json_t *env, int64_t start, int64_t end, struct tz *tz)
{
	json_t *per = json_object_get(env, "period");

	jset(per, "start", jtime(start, tz));
	jset(per, "end", jtime(end, tz));
}

void envelope_add_input(json_t *env, const struct reader *r)
{
	json_t *in = must(json_object());

	jset(in, "path", jstr(reader_path(r)));
	jset(in, "rows", jint((long long)reader_rows(r)));
	jset(in, "rejected", jint((long long)reader_rejected(r)));
	json_array_append_new(json_object_get(env, "inputs"), in);
}
