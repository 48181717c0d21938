/* finding_read: findings read back from another command's output, for
 * raci route -- JSON (an envelope, an array, NDJSON) into an array of
 * finding objects, and the typed value of a field read from CSV. */
#include "io/finding.h"

#include <string.h>
#include <stdlib.h>

#include "io/jbuild.h"

/* The blanks of the reader's trimming (no VT or FF). */
static int is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

json_t *finding_field_parse(const char *key, const char *text)
{
	char *end;

	if (!text || !*text)
		return json_null();
	if (strcmp(key, "value") == 0 || strcmp(key, "threshold") == 0 ||
	    strcmp(key, "count") == 0) {
		double v = strtod(text, &end);
		/* the whole text, no leading blank, finite */
		if (end != text && *end == '\0' && !is_blank((unsigned char)*text) &&
		    v == v && v - v == 0) {
			if (v > -9e15 && v < 9e15 && v == (double)(long long)v &&
			    !strpbrk(text, ".eEnN"))
				return jint((long long)v);
			return jnum(v);
		}
	}
	return jstr(text);
}

static void take_objects(json_t *out, json_t *arr, unsigned long *rejected,
			 unsigned long *first_line)
{
	size_t i;

	for (i = 0; i < json_array_size(arr); i++) {
		json_t *v = json_array_get(arr, i);
		if (json_is_object(v)) {
			jappend(out, json_incref(v));
		} else if ((*rejected)++ == 0) {
			*first_line = 0;
		}
	}
}

json_t *findings_parse_json(const char *text, size_t len,
			    unsigned long *rejected, unsigned long *first_line,
			    struct error *err)
{
	json_error_t je;
	json_t *doc, *out;
	size_t pos = 0;
	unsigned long line = 1;
	int any = 0;

	*rejected = 0;
	*first_line = 0;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	doc = json_loadb(text, len, 0, &je);
	if (doc) {
		json_t *arr = json_is_array(doc) ? doc : json_object_get(doc, "findings");
		out = jarray();
		if (json_is_array(arr)) {
			take_objects(out, arr, rejected, first_line);
		} else if (json_object_get(doc, "check")) {
			jappend(out, json_incref(doc));
		} else if (!json_object_get(doc, "tool")) {
			error_set(err, NULL, 1, "a JSON object without a \"findings\" array");
			json_decref(doc);
			json_decref(out);
			return NULL;
		}
		json_decref(doc);
		return out;
	}
	/* NDJSON: one object a line; blank lines are skipped */
	out = jarray();
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t k, end = nl ? (size_t)(nl - text) : len;
		int blank = 1;
		for (k = pos; k < end; k++)
			if (!is_blank((unsigned char)text[k]))
				blank = 0;
		if (!blank) {
			json_t *v = json_loadb(text + pos, end - pos, 0, &je);
			if (json_is_object(v)) {
				jappend(out, v);
				any = 1;
			} else {
				json_decref(v);
				if ((*rejected)++ == 0)
					*first_line = line;
			}
		}
		pos = end + 1;
		line++;
	}
	if (!any) {
		error_set(err, NULL, je.line > 0 ? (unsigned long)je.line : 0,
			  "not JSON findings: %s", je.text);
		json_decref(out);
		return NULL;
	}
	return out;
}
