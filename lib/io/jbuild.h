/* jbuild: building JSON output documents.  The names are short (jset,
 * jstr, ...) because they stand on every line that builds a document.
 * None returns NULL: out of memory is xalloc_die's. */
#ifndef UPKEEP_JBUILD_H
#define UPKEEP_JBUILD_H

#include <stdint.h>

#include <jansson.h>

#include "base/tz.h"

/* j itself, or xalloc_die when it is NULL: for the results of jansson's
 * own constructors (json_deep_copy, json_pack, ...). */
json_t *jmust(json_t *j);
/* A real; NaN or an infinity gives json null. */
json_t *jnum(double v);
json_t *jint(long long v);
/* A string; NULL gives json null. */
json_t *jstr(const char *s);
json_t *jtime(int64_t t, struct tz *tz);
/* Sets key on obj, taking the reference of v. */
void jset(json_t *obj, const char *key, json_t *v);
/* Appends v to arr, taking the reference of v. */
void jappend(json_t *arr, json_t *v);
json_t *jobject(void);
json_t *jarray(void);

/* "an object", "an array", "a string", "a number", "a boolean" or
 * "null": the type of j for a message. */
const char *jtype_name(const json_t *j);

#endif
