/* envelope: the common head of every command's result document. */
#include "io/envelope.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "base/timeparse.h"
#include "io/jbuild.h"

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
	json_t *env = jobject();
	json_t *per = jobject();

	jset(env, "tool", jstr(tool));
	jset(env, "version", jstr(UPKEEP_VERSION));
	jset(env, "generated", jtime(envelope_now(), NULL));
	jset(per, "start", json_null());
	jset(per, "end", json_null());
	jset(env, "period", per);
	jset(env, "inputs", jarray());
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

void envelope_set_until(json_t *env, int64_t until, struct tz *tz)
{
	json_t *per = json_object_get(env, "period");

	jset(per, "until", until == INT64_MAX ? json_null() : jtime(until, tz));
}

void envelope_add_counts(json_t *env, const char *path, unsigned long rows,
			 unsigned long rejected)
{
	json_t *in = jobject();

	jset(in, "path", jstr(path));
	jset(in, "rows", jint((long long)rows));
	jset(in, "rejected", jint((long long)rejected));
	jappend(json_object_get(env, "inputs"), in);
}

void envelope_add_input(json_t *env, const struct reader *r)
{
	envelope_add_counts(env, reader_path(r), reader_rows(r), reader_rejected(r));
}
