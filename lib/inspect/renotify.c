/* renotify: the register of findings reported, and the filter that keeps
 * a cron job from reporting the same problem every run.  The register is
 * one JSON object keyed by finding id, so a lookup is one hash probe. */
#include "inspect/renotify.h"

#include <string.h>

#include "io/jbuild.h"

/* The checks whose value is an age counted at the time of the run. */
static int clock_driven(const char *check)
{
	static const char *const names[] = {
		"stale_account", "dormant_admin", "expired_project", "log_gap"
	};
	size_t i;

	for (i = 0; check && i < sizeof names / sizeof names[0]; i++)
		if (strcmp(check, names[i]) == 0)
			return 1;
	return 0;
}

static int sev_rank(const json_t *o)
{
	const char *s = json_string_value(json_object_get(o, "severity"));
	enum severity sev;

	return s && severity_parse(s, &sev) == 0 ? (int)sev : 0;
}

int renotify_worse(const json_t *x, const json_t *was)
{
	const json_t *v = json_object_get(x, "value");
	const json_t *w = json_object_get(was, "value");

	if (sev_rank(x) != sev_rank(was))
		return sev_rank(x) > sev_rank(was);
	if (clock_driven(json_string_value(json_object_get(x, "check"))))
		return 0;
	return json_is_number(v) && json_is_number(w) &&
	       json_number_value(v) > json_number_value(w);
}

/* The register entry of finding x, reported at now. */
static json_t *entry(const json_t *x, int64_t now)
{
	json_t *e = jobject();
	json_t *v = json_object_get(x, "value");

	jset(e, "severity", json_incref(json_object_get(x, "severity")));
	jset(e, "value", v ? json_incref(v) : json_null());
	jset(e, "at", jint((long long)now));
	return e;
}

/* Whether the entry e, of time at, is still quiet at now. */
static int quiet(int64_t at, int64_t now, int64_t every)
{
	return every == RENOTIFY_NEVER || (now >= at && now - at < every);
}

size_t renotify_filter(struct findings *f, const json_t *reg, int64_t now,
		       int64_t every, json_t **next)
{
	json_t *arr = findings_json(f);
	json_t *out = jobject();
	const char *id;
	json_t *e;
	size_t i = 0, dropped = 0;

	while (i < json_array_size(arr)) {
		json_t *x = json_array_get(arr, i);
		const char *xid = json_string_value(json_object_get(x, "id"));
		const json_t *was = xid && reg ? json_object_get(reg, xid) : NULL;
		const json_t *at = json_object_get(was, "at");

		if (!xid) {
			i++;
			continue;
		}
		if (json_is_object(was) && json_is_integer(at) &&
		    quiet((int64_t)json_integer_value(at), now, every) &&
		    !renotify_worse(x, was)) {
			/* still the same problem: keep what was reported */
			jset(out, xid, json_incref((json_t *)(uintptr_t)was));
			json_array_remove(arr, i);
			dropped++;
			continue;
		}
		jset(out, xid, entry(x, now));
		i++;
	}
	/* json_object_foreach takes a non-const object */
	json_object_foreach((json_t *)(uintptr_t)reg, id, e) {
		const json_t *at = json_object_get(e, "at");
		if (json_object_get(out, id) || !json_is_object(e) ||
		    !json_is_integer(at) ||
		    !quiet((int64_t)json_integer_value(at), now, every))
			continue;
		jset(out, id, json_incref(e));
	}
	*next = out;
	return dropped;
}
