/* jbuild: the JSON constructors of every output document; out of memory
 * goes to xalloc_die, so callers never check for NULL. */
#include "io/jbuild.h"

#include <math.h>

#include "base/timeparse.h"
#include "base/xalloc.h"

json_t *jmust(json_t *j)
{
	if (!j)
		xalloc_die();
	return j;
}

json_t *jnum(double v)
{
	/* jansson has no NaN nor infinity: a figure that is not a number
	 * is null, as SPEC.md wants of a figure a metric cannot have */
	if (!isfinite(v))
		return json_null();
	return jmust(json_real(v));
}

json_t *jint(long long v)
{
	return jmust(json_integer(v));
}

json_t *jstr(const char *s)
{
	json_t *j;

	if (!s)
		return json_null();
	j = json_string(s);
	/* invalid UTF-8 cannot reach here through the reader; never lose it */
	return j ? j : jmust(json_string("(invalid UTF-8)"));
}

json_t *jtime(int64_t t, struct tz *tz)
{
	char buf[40];

	time_format(t, tz, buf, sizeof buf);
	return jmust(json_string(buf));
}

void jset(json_t *obj, const char *key, json_t *v)
{
	if (json_object_set_new(obj, key, v) != 0)
		xalloc_die();
}

void jappend(json_t *arr, json_t *v)
{
	if (!v || json_array_append_new(arr, v) != 0)
		xalloc_die();
}

json_t *jobject(void)
{
	return jmust(json_object());
}

json_t *jarray(void)
{
	return jmust(json_array());
}

const char *jtype_name(const json_t *j)
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
