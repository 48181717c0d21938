/* read_jsonobj: a JSON input that is an object rather than an array, in
 * the shapes services serve: {"page": {...}, "incidents": [...]}.  The
 * whole object is read into the input buffer once (such answers are
 * small, and which array holds the records is known only at its end),
 * its members are listed, and the reader is pointed at the array that
 * holds the records (--json-path NAME, else the only one), or at the
 * object itself when it is one record.  read_json.c then streams the
 * elements as it does those of a top-level array. */
#include "io/reader_int.h"

#include <stdlib.h>
#include <string.h>

#include "base/sbuf.h"
#include "base/xalloc.h"

/* The bytes of one object held in memory: larger is an error. */
#define OBJECT_MAX (16 * RECORD_MAX)

/* One member of an object: the key as written (escapes left as they
 * are), where its value starts and on which line, its first byte. */
struct member {
	size_t key, key_len, val;
	unsigned long line;
	char type;
};

/* Reads until in[] holds the whole object that starts at in[in_pos]
 * ('{'), growing it; *end: the offset in in[] just after its '}'.
 * Returns 0, or -1 with err set. */
static int slurp_object(struct reader *r, size_t *end, struct error *err)
{
	size_t i = r->in_pos, depth = 0;
	int instr = 0, esc = 0;

	for (;;) {
		for (; i < r->in_end; i++) {
			unsigned char c = r->in[i];
			if (instr) {
				if (esc)
					esc = 0;
				else if (c == '\\')
					esc = 1;
				else if (c == '"')
					instr = 0;
			} else if (c == '"') {
				instr = 1;
			} else if (c == '{' || c == '[') {
				depth++;
			} else if ((c == '}' || c == ']') && --depth == 0) {
				*end = i + 1;
				return 0;
			}
		}
		if (r->in_end - r->in_pos > OBJECT_MAX) {
			error_set(err, r->path, r->line, "JSON object larger than %zu MB",
				  (size_t)OBJECT_MAX >> 20);
			return -1;
		}
		switch (reader_grow(r)) {
		case -1:
			reader_read_error(r, err);
			return -1;
		case 0:
			error_set(err, r->path, r->line,
				  "JSON object not closed at end of input");
			return -1;
		default:
			break;
		}
	}
}

static size_t skip_ws(const unsigned char *s, size_t i, size_t e,
		      unsigned long *line)
{
	for (; i < e && reader_is_blank(s[i]); i++)
		if (s[i] == '\n')
			(*line)++;
	return i;
}

/* The offset after the value at s[i] (complete within e), or e + 1 when
 * it is malformed. */
static size_t skip_value(const unsigned char *s, size_t i, size_t e,
			 unsigned long *line)
{
	size_t depth = 0;
	int instr = 0, esc = 0;

	if (i >= e)
		return e + 1;
	if (s[i] != '"' && s[i] != '{' && s[i] != '[') {
		while (i < e && !strchr(",}] \t\r\n", s[i]))
			i++;
		return i;
	}
	for (; i < e; i++) {
		unsigned char c = s[i];
		if (c == '\n')
			(*line)++;
		if (instr) {
			if (esc)
				esc = 0;
			else if (c == '\\')
				esc = 1;
			else if (c == '"') {
				instr = 0;
				if (depth == 0)
					return i + 1;
			}
		} else if (c == '"') {
			instr = 1;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if ((c == '}' || c == ']') && --depth == 0) {
			return i + 1;
		}
	}
	return e + 1;
}

/* Lists the members of the object s[o..e) into *m (grown, *cap); line:
 * the line of s[o].  Returns their number, or -1 when it is malformed. */
static long scan_members(const unsigned char *s, size_t o, size_t e,
			 unsigned long line, struct member **m, size_t *cap)
{
	size_t i = skip_ws(s, o + 1, e, &line), n = 0;

	if (i < e && s[i] == '}')
		return 0;
	for (;;) {
		struct member *x;
		size_t k;

		if (i >= e || s[i] != '"')
			return -1;
		k = skip_value(s, i, e, &line);
		if (k > e)
			return -1;
		*m = vec_reserve(*m, cap, n + 1, sizeof **m);
		x = &(*m)[n++];
		x->key = i + 1;
		x->key_len = k - i - 2;
		i = skip_ws(s, k, e, &line);
		if (i >= e || s[i] != ':')
			return -1;
		i = skip_ws(s, i + 1, e, &line);
		if (i >= e)
			return -1;
		x->val = i;
		x->line = line;
		x->type = (char)s[i];
		i = skip_value(s, i, e, &line);
		if (i > e)
			return -1;
		i = skip_ws(s, i, e, &line);
		if (i < e && s[i] == ',') {
			i = skip_ws(s, i + 1, e, &line);
			continue;
		}
		if (i < e && s[i] == '}')
			return (long)n;
		return -1;
	}
}

/* The keys of m[0..n) for a message, within size bytes; only those of
 * arrays when arrays. */
static void key_list(const unsigned char *s, const struct member *m, size_t n,
		     int arrays, char *buf, size_t size)
{
	size_t i, o = 0;
	char q[96];

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		int k;
		if (arrays && m[i].type != '[')
			continue;
		error_quote(q, sizeof q, (const char *)s + m[i].key, m[i].key_len);
		if (o + strlen(q) + 8 >= size) {
			snprintf(buf + o, size - o, "%s...", o ? ", " : "");
			return;
		}
		k = snprintf(buf + o, size - o, "%s%s", o ? ", " : "", q);
		if (k < 0)
			return;
		o += (size_t)k;
	}
	if (o == 0)
		snprintf(buf, size, "none");
}

/* Whether the object's keys name a column that cfg's command requires:
 * then the object is a record, whatever arrays it holds. */
static int names_required(const unsigned char *s, const struct member *m,
			  size_t n, const struct reader_config *cfg,
			  const struct reader_column *cols, size_t ncols)
{
	size_t i, j;

	for (j = 0; cols && j < ncols; j++) {
		const char *t;
		if (!cols[j].required)
			continue;
		t = reader_map_name(cfg, cols[j].name);
		for (i = 0; i < n; i++)
			if (reader_name_eq((const char *)s + m[i].key, m[i].key_len,
					   t, strlen(t)))
				return 1;
	}
	return 0;
}

/* reader_json_object: see reader_int.h. */
int reader_json_object(struct reader *r, const struct reader_config *cfg,
		       const struct reader_column *cols, size_t ncols,
		       struct error *err)
{
	const char *path = cfg->json_path;
	struct member *m = NULL, *hit = NULL;
	size_t cap = 0, o = r->in_pos, e, depth = 0, i;
	unsigned long line = r->line;
	const unsigned char *s;
	char keys[400], q[160], q2[160];
	long n;
	int rc = -1;

	if (slurp_object(r, &e, err) < 0)
		return -1;
	s = r->in;
	for (;;) {
		const char *dot = path ? strchr(path, '.') : NULL;
		size_t plen = path ? (dot ? (size_t)(dot - path) : strlen(path)) : 0;

		hit = NULL;
		n = scan_members(s, o, e, line, &m, &cap);
		if (n < 0) {
			error_set(err, r->path, line, "malformed JSON object");
			goto out;
		}
		if (!path) {
			size_t arrays = 0;
			for (i = 0; i < (size_t)n; i++)
				if (m[i].type == '[') {
					arrays++;
					hit = &m[i];
				}
			if (arrays == 0 ||
			    names_required(s, m, (size_t)n, cfg, cols, ncols)) {
				/* the object is one record */
				r->obj_single = 1;
				r->js = JS_ELEM;
				rc = 0;
				goto out;
			}
			if (arrays > 1) {
				key_list(s, m, (size_t)n, 1, keys, sizeof keys);
				error_set(err, r->path, line, "the JSON object holds "
					  "several arrays (%s): --json-path NAME "
					  "reads the records of one", keys);
				goto out;
			}
		} else {
			for (i = 0; i < (size_t)n && !hit; i++)
				if (reader_name_eq((const char *)s + m[i].key,
						   m[i].key_len, path, plen))
					hit = &m[i];
			key_list(s, m, (size_t)n, 0, keys, sizeof keys);
			error_quote(q, sizeof q, cfg->json_path, strlen(cfg->json_path));
			if (!hit) {
				error_set(err, r->path, line,
					  "--json-path %s: no key %s (keys: %s)", q,
					  error_quote(q2, sizeof q2, path, plen), keys);
				goto out;
			}
			if (dot ? hit->type != '{' : hit->type != '[') {
				error_set(err, r->path, hit->line,
					  "--json-path %s: %s is not %s", q,
					  error_quote(q2, sizeof q2, path, plen),
					  dot ? "an object" : "an array");
				goto out;
			}
		}
		depth++;
		if (hit->type == '[')
			break;
		o = hit->val;
		line = hit->line;
		path = dot + 1;
	}
	/* the records are the array's elements; then the enclosing objects
	   are skipped to their end (JS_END) */
	r->obj_depth = depth;
	r->in_pos = hit->val + 1;
	r->line = hit->line;
	r->js = JS_FIRST;
	rc = 0;
out:
	free(m);
	return rc;
}
