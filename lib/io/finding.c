/* finding: severities, the stable finding id, and the list of findings a
 * command reports, kept as JSON objects in SPEC.md's field order. */
#include "io/finding.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/envelope.h"
#include "io/jbuild.h"
#include "base/xalloc.h"

static const char *const sev_names[] = {
	NULL, "info", "warning", "critical", "never"
};

int severity_parse(const char *s, enum severity *sev)
{
	int i;

	for (i = SEV_INFO; i <= SEV_NEVER; i++) {
		if (strcmp(s, sev_names[i]) == 0) {
			*sev = (enum severity)i;
			return 0;
		}
	}
	return -1;
}

const char *severity_name(enum severity sev)
{
	return sev >= SEV_INFO && sev <= SEV_NEVER ? sev_names[sev] : "unknown";
}

/* FNV-1a, 64 bits (Fowler, Noll, Vo; parameters from the IETF draft
 * draft-eastlake-fnv): offset basis 14695981039346656037, prime
 * 1099511628211. */
static uint64_t fnv1a(uint64_t h, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= UINT64_C(1099511628211);
	}
	return h;
}

void finding_id(const char *command, const char *check, const char *subject,
		char buf[13])
{
	uint64_t h = UINT64_C(14695981039346656037);

	h = fnv1a(h, command, strlen(command) + 1);
	h = fnv1a(h, check, strlen(check) + 1);
	h = fnv1a(h, subject, strlen(subject));
	snprintf(buf, 13, "%012llx",
		 (unsigned long long)(h >> 16));
}

struct findings {
	char *command;
	json_t *arr;
};

struct findings *findings_new(const char *command)
{
	struct findings *f = xmalloc(sizeof *f);

	f->command = xstrdup(command);
	f->arr = jarray();
	return f;
}

void findings_free(struct findings *f)
{
	if (!f)
		return;
	json_decref(f->arr);
	free(f->command);
	free(f);
}

static json_t *ftime_json(int64_t t, struct tz *tz)
{
	return t == FINDING_NO_TIME ? json_null() : jtime(t, tz);
}

void findings_add(struct findings *f, const struct finding *x, struct tz *tz)
{
	json_t *o = jobject();
	char id[13];

	finding_id(f->command, x->check, x->subject, id);
	jset(o, "severity", jstr(severity_name(x->severity)));
	jset(o, "check", jstr(x->check));
	jset(o, "subject", jstr(x->subject));
	jset(o, "value", x->value ? x->value : json_null());
	jset(o, "threshold", x->threshold ? x->threshold : json_null());
	jset(o, "message", jstr(x->message));
	jset(o, "id", jstr(id));
	jset(o, "first_seen", ftime_json(x->first_seen, tz));
	jset(o, "last_seen", ftime_json(x->last_seen, tz));
	jset(o, "count", x->count >= 0 ? jint(x->count) : json_null());
	if (x->data)
		jset(o, "data", x->data);
	jappend(f->arr, o);
}

static int sev_of(const json_t *o)
{
	enum severity s;
	const char *name = json_string_value(json_object_get(o, "severity"));

	return name && severity_parse(name, &s) == 0 ? (int)s : 0;
}

static const char *str_of(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static int cmp_finding(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int c = sev_of(y) - sev_of(x);

	if (c == 0)
		c = strcmp(str_of(x, "check"), str_of(y, "check"));
	if (c == 0)
		c = strcmp(str_of(x, "subject"), str_of(y, "subject"));
	if (c == 0)
		c = strcmp(str_of(x, "first_seen"), str_of(y, "first_seen"));
	return c;
}

void findings_sort(struct findings *f)
{
	size_t n = json_array_size(f->arr), i;
	json_t **v;

	if (n < 2)
		return;
	v = xreallocarray(NULL, n, sizeof *v);
	for (i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(f->arr, i));
	qsort(v, n, sizeof *v, cmp_finding);
	json_array_clear(f->arr);
	for (i = 0; i < n; i++)
		jappend(f->arr, v[i]);
	free(v);
}

size_t findings_count(const struct findings *f)
{
	return json_array_size(f->arr);
}

int findings_worst(const struct findings *f)
{
	size_t i;
	int worst = 0;

	for (i = 0; i < json_array_size(f->arr); i++) {
		int s = sev_of(json_array_get(f->arr, i));
		if (s > worst)
			worst = s;
	}
	return worst;
}

size_t findings_at_least(const struct findings *f, enum severity sev)
{
	size_t i, n = 0;

	for (i = 0; i < json_array_size(f->arr); i++)
		if (sev_of(json_array_get(f->arr, i)) >= (int)sev)
			n++;
	return n;
}

json_t *findings_json(const struct findings *f)
{
	return f->arr;
}
