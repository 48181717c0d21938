/* read_json: JSON arrays of objects (scanned for each element's extent,
 * then parsed one element at a time) and NDJSON, one object a line.  An
 * object is read by the jsonflat.h fast path once the keys are known,
 * else by jansson (cur_json); the wanted values are put in the row buffer
 * as text. */
#include "io/reader_int.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "io/jsonflat.h"
#include "base/sbuf.h"
#include "base/xalloc.h"

/* Whether JSON text nests arrays and objects deeper than the limit. */
static int json_too_deep(const char *s, size_t n)
{
	size_t i, depth = 0;
	int instr = 0, esc = 0;

	for (i = 0; i < n; i++) {
		char c = s[i];
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
			if (++depth > JSON_DEPTH_MAX)
				return 1;
		} else if ((c == '}' || c == ']') && depth > 0) {
			depth--;
		}
	}
	return 0;
}

/* A key's first 16 bytes (fewer: zero-padded) as two words, and the
 * mask of its bytes in them. */
static void key_words(struct json_kslot *k, const char *key, size_t klen)
{
	unsigned char ones[16];
	size_t n = klen < 16 ? klen : 16;

	k->w[0] = k->w[1] = 0;
	memcpy(k->w, key, n);
	memset(ones, 0, sizeof ones);
	memset(ones, 0xFF, n);
	memcpy(k->mask, ones, sizeof ones);
}

/* The column of JSON key number pos, key: remembered by position, since
 * objects mostly list their keys in the same order, with KEY_WAYS keys a
 * position for records that lack a key or have one more (then the keys
 * after it move).  A new key takes an empty way, else the last. */
static long json_key_col(struct reader *r, size_t pos, const char *key,
			size_t klen)
{
	size_t i;
	long col = -1;
	struct json_kslot *k;

	if (pos < r->nkslot) {
		k = &r->kslot[pos * KEY_WAYS];
		for (i = 0; i < KEY_WAYS; i++)
			if (k[i].key && k[i].len == klen &&
			    memcmp(k[i].key, key, klen) == 0)
				return k[i].col;
	}
	for (i = 0; i < r->ncols && col < 0; i++)
		if (strlen(r->target[i]) == klen && memcmp(r->target[i], key, klen) == 0)
			col = (long)i;
	for (i = 0; i < r->ncols && col < 0; i++)
		if (reader_name_eq(r->target[i], strlen(r->target[i]), key, klen))
			col = (long)i;
	if (pos < KEY_CACHE_MAX) {
		if (pos >= r->nkslot) {
			size_t n = pos + 1;
			r->kslot = xreallocarray(r->kslot, n * KEY_WAYS, sizeof *r->kslot);
			memset(r->kslot + r->nkslot * KEY_WAYS, 0,
			       (n - r->nkslot) * KEY_WAYS * sizeof *r->kslot);
			r->nkslot = n;
		}
		k = &r->kslot[pos * KEY_WAYS];
		for (i = 0; i + 1 < KEY_WAYS && k->key; i++)
			k++;
		free(k->key);
		k->key = xmemdup(key, klen);
		k->len = klen;
		key_words(k, key, klen);
		k->col = col;
	}
	return col;
}

/* json_key_col for a key of jsonflat's at s[key..key+klen) in s[0..n):
 * the ways of its place compared by words when the key is at most 16
 * bytes long and 16 bytes of s follow its start (nearly always, as a
 * value and a brace follow). */
static long flat_key_col(struct reader *r, size_t pos, const char *s,
			 size_t n, size_t key, size_t klen)
{
	if (pos < r->nkslot && klen <= 16 && n - key >= 16) {
		const struct json_kslot *k = &r->kslot[pos * KEY_WAYS];
		uint64_t w[2];
		size_t i;

		memcpy(w, s + key, 16);
		for (i = 0; i < KEY_WAYS; i++)
			if (k[i].len == klen && k[i].key &&
			    (w[0] & k[i].mask[0]) == k[i].w[0] &&
			    (w[1] & k[i].mask[1]) == k[i].w[1])
				return k[i].col;
	}
	return json_key_col(r, pos, s + key, klen);
}

/* The fast path (jsonflat.h): 0 when s[0..n) was read into jm[] and each
 * column got at most one member (jmi[], and jmc[] the other way); -1
 * leaves the record to jansson: outside jsonflat's subset, or a column
 * named twice (jansson keeps the last value of a repeated key but the
 * first of two keys that name one column). */
static int flat_record(struct reader *r, const char *s, size_t n)
{
	long k = jsonflat_parse(s, n, r->jm, r->jm_cap);
	size_t i;

	if (k < 0)
		return -1;
	if ((size_t)k > r->jm_cap) {
		r->jm = vec_reserve(r->jm, &r->jm_cap, (size_t)k, sizeof *r->jm);
		jsonflat_parse(s, n, r->jm, r->jm_cap);
	}
	if ((size_t)k > r->jmc_cap)
		r->jmc = vec_reserve(r->jmc, &r->jmc_cap, (size_t)k, sizeof *r->jmc);
	r->njm = (size_t)k;
	memset(r->jmi, 0xFF, r->ncols * sizeof *r->jmi);	/* all -1 */
	for (i = 0; i < r->njm; i++) {
		const struct jsonflat_member *m = &r->jm[i];
		long col = flat_key_col(r, i, s, n, m->key, m->key_len);

		r->jmc[i] = col;
		if (col < 0)
			continue;
		if (r->jmi[col] >= 0)
			return -1;
		r->jmi[col] = (long)i;
	}
	return 0;
}

/* Parses JSON text of one record: by jsonflat when it can (once the keys
 * are known: the first record gives them from cur_json), else into
 * cur_json. */
static enum raw json_parse(struct reader *r, const char *s, size_t n)
{
	json_error_t jerr;

	r->rec_kind = REC_RAW;
	r->raw = s;
	r->raw_len = n;
	if (r->have_keys && !r->slow && flat_record(r, s, n) == 0) {
		r->rec_kind = REC_FLAT;
		return RAW_OK;
	}
	if (json_too_deep(s, n)) {
		reader_set_reason(r, "JSON nested deeper than %d levels", JSON_DEPTH_MAX);
		return RAW_BAD;
	}
	r->cur_json = json_loadb(s, n, JSON_DECODE_ANY, &jerr);
	if (!r->cur_json) {
		reader_set_reason(r, "invalid JSON: %s", jerr.text);
		return RAW_BAD;
	}
	r->rec_kind = REC_JSON;
	if (!json_is_object(r->cur_json)) {
		reader_set_reason(r, "not a JSON object");
		return RAW_BAD;
	}
	return RAW_OK;
}

enum raw reader_ndjson_raw(struct reader *r, struct error *err)
{
	for (;;) {
		enum raw k = reader_read_line(r, err);

		r->rec_kind = REC_RAW;
		r->raw = r->lbuf;
		r->raw_len = r->llen;
		if (k != RAW_OK)
			return k;
		if (!reader_has_content((const unsigned char *)r->lbuf, r->llen))
			continue;
		return json_parse(r, r->lbuf, r->llen);
	}
}

/* Skips white space, counting lines; returns the next byte (not consumed),
 * -1 at the end, -2 on a read error. */
static int json_skip_ws(struct reader *r)
{
	int c;

	while ((c = reader_peek(r)) >= 0 && reader_is_blank(c)) {
		if (c == '\n')
			r->line++;
		r->in_pos++;
	}
	return c;
}

static void json_unexpected(struct reader *r, int c, const char *what,
			    struct error *err)
{
	if (c < 0) {
		error_set(err, r->path, r->line,
			  "JSON array not closed at end of input");
	} else {
		char q[16];
		char ch = (char)c;
		error_set(err, r->path, r->line, "unexpected %s %s",
			  error_quote(q, sizeof q, &ch, 1), what);
	}
}

/* Scans one array element from its first byte to its end into ebuf,
 * tracking strings, escapes and depth, then parses it. */
static enum raw json_element(struct reader *r, struct error *err)
{
	size_t depth = 0;
	int instr = 0, esc = 0, deep = 0, too_long = 0;
	int c0 = r->in[r->in_pos];
	int scalar = c0 != '{' && c0 != '[' && c0 != '"';

	r->elen = 0;
	r->rec_line = r->line;
	r->ebuf = vec_reserve(r->ebuf, &r->ecap, 1, 1);
	for (;;) {
		const unsigned char *p, *q, *end;
		int done = 0;
		int f = reader_fill(r);

		if (f < 0) {
			reader_read_error(r, err);
			return RAW_FATAL;
		}
		if (f == 0) {
			if (scalar)
				break;
			if (r->follow)
				return RAW_EOF;	/* still being written */
			error_set(err, r->path, r->line,
				  "JSON array not closed at end of input "
				  "(element from line %lu)", r->rec_line);
			return RAW_FATAL;
		}
		p = q = r->in + r->in_pos;
		end = r->in + r->in_end;
		while (q < end) {
			unsigned char ch = *q;
			if (scalar) {
				if (ch == ',' || ch == ']' || reader_is_blank(ch)) {
					done = 1;
					break;
				}
				q++;
				continue;
			}
			q++;
			if (ch == '\n')
				r->line++;
			if (instr) {
				if (esc) {
					esc = 0;
				} else if (ch == '\\') {
					esc = 1;
				} else if (ch == '"') {
					instr = 0;
					if (depth == 0) {
						done = 1;
						break;
					}
				}
			} else if (ch == '"') {
				instr = 1;
			} else if (ch == '{' || ch == '[') {
				if (++depth > JSON_DEPTH_MAX)
					deep = 1;
			} else if (ch == '}' || ch == ']') {
				if (depth > 0)
					depth--;
				if (depth == 0) {
					done = 1;
					break;
				}
			}
		}
		if (!too_long) {
			size_t n = (size_t)(q - p);
			if (r->elen + n > RECORD_MAX) {
				too_long = 1;
			} else {
				r->ebuf = vec_reserve(r->ebuf, &r->ecap, r->elen + n + 1, 1);
				memcpy(r->ebuf + r->elen, p, n);
				r->elen += n;
			}
		}
		r->in_pos = (size_t)(q - r->in);
		if (done) {
			/* an element is complete at its last byte: where
			   reader_seek may go on (JS_NEXT) */
			r->done_off = r->in_base + (long long)r->in_pos;
			r->done_line = r->line;
			break;
		}
	}
	r->ebuf[r->elen] = '\0';
	r->rec_kind = REC_RAW;
	r->raw = r->ebuf;
	r->raw_len = r->elen;
	if (too_long) {
		reader_set_reason(r, "record too long");
		return RAW_BAD;
	}
	if (deep) {
		reader_set_reason(r, "JSON nested deeper than %d levels", JSON_DEPTH_MAX);
		return RAW_BAD;
	}
	return json_parse(r, r->ebuf, r->elen);
}

/* After the array of records inside an object: skips the rest of the
 * obj_depth objects around it.  Returns 0, or -1 with err set. */
static int json_close_objects(struct reader *r, struct error *err)
{
	size_t depth = r->obj_depth;
	int instr = 0, esc = 0;

	while (depth > 0) {
		int f = reader_fill(r);
		unsigned char c;

		if (f < 0) {
			reader_read_error(r, err);
			return -1;
		}
		if (f == 0) {
			error_set(err, r->path, r->line,
				  "JSON object not closed at end of input");
			return -1;
		}
		c = r->in[r->in_pos++];
		if (c == '\n')
			r->line++;
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
		} else if (c == '}' || c == ']') {
			depth--;
		}
	}
	r->obj_depth = 0;
	return 0;
}

enum raw reader_json_raw(struct reader *r, struct error *err)
{
	for (;;) {
		int c = json_skip_ws(r);

		if (c == -2) {
			reader_read_error(r, err);
			return RAW_FATAL;
		}
		switch (r->js) {
		case JS_START:
			if (c == -1) {
				error_set(err, r->path, r->line, "empty input");
				return RAW_FATAL;
			}
			if (c != '[') {
				json_unexpected(r, c, "where a JSON array should start", err);
				return RAW_FATAL;
			}
			r->in_pos++;
			r->js = JS_FIRST;
			continue;
		case JS_FIRST:
		case JS_ELEM:
			if (c == ']' && r->js == JS_FIRST) {
				r->in_pos++;
				r->js = JS_END;
				continue;
			}
			if (c < 0 && r->follow)
				return RAW_EOF;	/* still being written */
			if (c < 0 || c == ',' || c == ']') {
				json_unexpected(r, c, "where an array element should be", err);
				return RAW_FATAL;
			}
			r->js = JS_NEXT;
			return json_element(r, err);
		case JS_NEXT:
			if (r->obj_single) {
				r->js = JS_END;
				continue;
			}
			if (c == ',') {
				r->in_pos++;
				r->js = JS_ELEM;
				continue;
			}
			if (c == ']') {
				r->in_pos++;
				r->js = JS_END;
				continue;
			}
			if (c < 0 && r->follow)
				return RAW_EOF;	/* still being written */
			json_unexpected(r, c, "after an array element (expected \",\" or \"]\")",
					err);
			return RAW_FATAL;
		case JS_END:
			if (r->obj_depth > 0) {
				if (json_close_objects(r, err) < 0)
					return RAW_FATAL;
				continue;
			}
			if (c == '{' && r->obj_single) {
				/* object after object: NDJSON, whatever the name */
				r->fmt = READER_NDJSON;
				r->js = JS_DONE;
				return reader_ndjson_raw(r, err);
			}
			if (c >= 0) {
				json_unexpected(r, c, r->obj_single || r->obj_depth ?
						"after the end of the JSON object" :
						"after the end of the JSON array", err);
				return RAW_FATAL;
			}
			r->js = JS_DONE;
			return RAW_EOF;
		case JS_DONE:
			return RAW_EOF;
		}
	}
}

/* reader_json_header: see reader_int.h.  Bad rows before the first
 * object are rejected as usual; that object is returned by the first
 * reader_next (pending). */
int reader_json_header(struct reader *r, const struct reader_config *cfg,
		       const struct reader_column *cols, size_t ncols,
		       struct error *err)
{
	enum raw k;
	size_t i;
	char **raw = NULL;
	unsigned long line;
	int rc;

	/* an object, not an array: its records are found inside it */
	if (r->fmt == READER_JSON && r->js == JS_START) {
		int c = json_skip_ws(r);

		if (c == -2) {
			reader_read_error(r, err);
			return -1;
		}
		if (c == '{' && reader_json_object(r, cfg, cols, ncols, err) < 0)
			return -1;
		if (c == '[' && cfg->json_path) {
			char q[160];
			error_set(err, r->path, r->line, "--json-path %s: the input "
				  "is an array, not an object", error_quote(q, sizeof q,
				  cfg->json_path, strlen(cfg->json_path)));
			return -1;
		}
	}
	/* JSON: the first record that is an object gives the keys */
	for (;;) {
		k = reader_read_raw(r, err);
		if (k == RAW_FATAL)
			return -1;
		if (k != RAW_BAD)
			break;
		if (reader_bad_row(r, r->rec_line, r->reason, err) < 0)
			return -1;
	}
	if (k == RAW_EOF && r->fmt == READER_NDJSON && r->rejected == 0) {
		error_set(err, r->path, r->line, "empty input");
		return -1;
	}
	line = 1;
	if (k == RAW_OK) {
		void *it;
		size_t n = json_object_size(r->cur_json);
		r->pending = 1;
		r->have_keys = 1;
		line = r->rec_line;
		r->hdr = xcalloc(n ? n : 1, sizeof *r->hdr);
		raw = xcalloc(n ? n : 1, sizeof *raw);
		for (it = json_object_iter(r->cur_json); it && r->nhdr < n;
		     it = json_object_iter_next(r->cur_json, it)) {
			const char *key = json_object_iter_key(it);
			raw[r->nhdr] = xstrdup(key);
			r->hdr[r->nhdr++] = reader_trimmed_dup(key, strlen(key));
		}
	}
	rc = reader_resolve(r, cfg, cols, ncols, raw, line, err);
	for (i = 0; i < r->nhdr && raw; i++)
		free(raw[i]);
	free(raw);
	return rc;
}

/* Puts s[0..n) into the row as the value of column i (its place in the
 * row: r->len[i], made a pointer by reader_json_fields); 0, or -1 (reason set). */
static int json_put(struct reader *r, size_t i, const char *s, size_t n)
{
	if (reader_row_add(r, s, n) < 0) {
		reader_set_reason(r, "record too long");
		return -1;
	}
	r->field[i] = "";	/* marks it present */
	r->len[i] = r->nf - 1;
	return 0;
}

/* A JSON real as text: the shortest of 15 to 17 significant digits that
 * reads back as the same double. */
static void real_text(double d, char *num, size_t size)
{
	int prec;

	for (prec = 15; prec < 17; prec++) {
		snprintf(num, size, "%.*g", prec, d);
		if (strtod(num, NULL) == d)
			return;
	}
	snprintf(num, size, "%.17g", d);
}

/* An array of objects with a "name" (Statuspage's components of an
 * incident) or of strings, as the names joined by ',' into r->text
 * (scratch until the record is rejected).  Returns 0, or -1 for any
 * other array. */
static int array_names(struct reader *r, const json_t *v)
{
	size_t i;

	r->text.len = 0;
	sbuf_add(&r->text, "", 0);
	for (i = 0; i < json_array_size(v); i++) {
		const json_t *e = json_array_get(v, i);

		if (json_is_object(e))
			e = json_object_get(e, "name");
		if (!json_is_string(e))
			return -1;
		if (i)
			sbuf_addc(&r->text, ',');
		sbuf_add(&r->text, json_string_value(e), json_string_length(e));
	}
	return 0;
}

/* Puts a JSON value as text into the row; 0, or -1 (reason set) for an
 * object or an array that is not one of names. */
static int json_value(struct reader *r, size_t i, const json_t *v)
{
	char num[64], q[160];

	switch (json_typeof(v)) {
	case JSON_STRING:
		return json_put(r, i, json_string_value(v), json_string_length(v));
	case JSON_INTEGER:
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		break;
	case JSON_REAL:
		real_text(json_real_value(v), num, sizeof num);
		break;
	case JSON_TRUE:
		snprintf(num, sizeof num, "true");
		break;
	case JSON_FALSE:
		snprintf(num, sizeof num, "false");
		break;
	case JSON_NULL:
		snprintf(num, sizeof num, "null");	/* not reached */
		break;
	case JSON_ARRAY:
		if (array_names(r, v) == 0)
			return json_put(r, i, r->text.p, r->text.len);
		/* fall through */
	case JSON_OBJECT:
	default:
		reader_set_reason(r, "column %s: expected a value, found %s",
			   reader_col_label(r, i, q, sizeof q),
			   json_is_object(v) ? "an object" : "an array");
		return -1;
	}
	return json_put(r, i, num, strlen(num));
}

/* json_put kept row places in len[]: the buffer may have moved since, so
 * the fields become pointers only now.  Returns 0. */
static int json_fix_fields(struct reader *r)
{
	size_t i;

	for (i = 0; i < r->ncols; i++) {
		if (!r->field[i]) {
			r->len[i] = 0;
			continue;
		}
		r->field[i] = r->buf + r->off[r->len[i]];
		r->len[i] = r->flen[r->len[i]];
	}
	return 0;
}

/* A record has the key of wanted column i, which the first lacked. */
static void key_seen(struct reader *r, size_t i)
{
	r->unseen[i] = 0;
	r->nunseen--;
}

/* The member of jsonflat's record that wanted column i takes, or NULL. */
static const struct jsonflat_member *flat_member(const struct reader *r,
						 size_t i)
{
	long k = r->alias[i] >= 0 ? r->jmi[r->alias[i]] : r->jmi[i];

	return k >= 0 ? &r->jm[k] : NULL;
}

/* Puts member m's value as column i's field: v, the value's bytes in the
 * copy of the record at buf (ended there by a NUL), or its own copy at
 * buf[*at] (a real as real_text writes it; a column sharing its key with
 * an earlier one, which --trim may change apart). */
static inline void flat_put(struct reader *r, size_t i,
		     const struct jsonflat_member *m, int own, size_t *at)
{
	char *v;

	if (r->nunseen && r->unseen[i])
		key_seen(r, i);
	if (m->type == JSONFLAT_NULL)
		return;
	if (m->type == JSONFLAT_REAL) {
		v = r->buf + *at;
		real_text(m->real, v, 64);
		r->len[i] = strlen(v);
		*at += r->len[i] + 1;
	} else if (own) {
		v = r->buf + *at;
		memcpy(v, r->raw + m->val, m->val_len);
		v[m->val_len] = '\0';
		r->len[i] = m->val_len;
		*at += m->val_len + 1;
	} else {
		v = r->buf + m->val;
		v[m->val_len] = '\0';
		r->len[i] = m->val_len;
	}
	r->field[i] = v;
}

/* A jsonflat record's fields, from its members (few) rather than the
 * wanted columns (many): one copy of the record's text, in which each
 * value ends with a NUL in place of what follows it in JSON (a quote, a
 * comma, a brace or a space), and after it the reals and the aliased
 * columns (flat_put).  Returns 0, or 1 when the row would pass the
 * limits: then json_put does it. */
static int flat_fields(struct reader *r)
{
	size_t i, need = r->raw_len + 1, at;

	if (!r->jalias_known) {
		r->jalias = xcalloc(r->ncols ? r->ncols : 1, sizeof *r->jalias);
		for (i = 0; i < r->ncols; i++)
			if (r->alias[i] >= 0)
				r->jalias[r->njalias++] = i;
		r->jalias_known = 1;
	}
	for (i = 0; i < r->njm; i++)
		if (r->jm[i].type == JSONFLAT_REAL && r->jmc[i] >= 0)
			need += 64;
	for (i = 0; i < r->njalias; i++) {
		const struct jsonflat_member *m = flat_member(r, r->jalias[i]);
		if (m)
			need += m->type == JSONFLAT_REAL ? 64 : m->val_len + 1;
	}
	if (need > RECORD_MAX + FIELDS_MAX)
		return 1;
	if (need > r->buf_cap)
		r->buf = vec_reserve(r->buf, &r->buf_cap, need, 1);
	memcpy(r->buf, r->raw, r->raw_len);
	at = r->raw_len;
	r->buf[at++] = '\0';
	for (i = 0; i < r->ncols; i++)
		r->field[i] = NULL;
	memset(r->len, 0, r->ncols * sizeof *r->len);
	for (i = 0; i < r->njm; i++)
		if (r->jmc[i] >= 0)
			flat_put(r, (size_t)r->jmc[i], &r->jm[i], 0, &at);
	for (i = 0; i < r->njalias; i++) {
		const struct jsonflat_member *m = flat_member(r, r->jalias[i]);
		if (m)
			flat_put(r, r->jalias[i], m, 1, &at);
	}
	r->buf_len = at;
	return 0;
}

/* reader_json_fields: see reader_int.h. */
int reader_json_fields(struct reader *r)
{
	void *it;
	size_t i, pos = 0;

	reader_row_reset(r);
	if (r->rec_kind == REC_FLAT && flat_fields(r) == 0)
		return 0;
	if (r->rec_kind == REC_FLAT) {
		for (i = 0; i < r->ncols; i++) {
			const struct jsonflat_member *m = flat_member(r, i);

			r->field[i] = NULL;
			if (m && r->nunseen && r->unseen[i])
				key_seen(r, i);
			if (!m || m->type == JSONFLAT_NULL)
				continue;
			if (m->type == JSONFLAT_REAL) {
				char num[64];
				real_text(m->real, num, sizeof num);
				if (json_put(r, i, num, strlen(num)) < 0)
					return -1;
			} else if (json_put(r, i, r->raw + m->val, m->val_len) < 0) {
				return -1;
			}
		}
		return json_fix_fields(r);
	}
	for (i = 0; i < r->ncols; i++)
		r->jv[i] = NULL;
	for (it = json_object_iter(r->cur_json); it;
	     it = json_object_iter_next(r->cur_json, it), pos++) {
		const char *key = json_object_iter_key(it);
		long col = json_key_col(r, pos, key, strlen(key));
		if (col >= 0 && !r->jv[col])
			r->jv[col] = json_object_iter_value(it);
	}
	for (i = 0; i < r->ncols; i++) {
		const json_t *v = r->alias[i] >= 0 ? r->jv[r->alias[i]] : r->jv[i];

		r->field[i] = NULL;
		if (v && r->nunseen && r->unseen[i])
			key_seen(r, i);
		if (v && !json_is_null(v) && json_value(r, i, v) < 0)
			return -1;
	}
	return json_fix_fields(r);
}

/* j in compact form into t. */
static void json_text(const json_t *j, struct sbuf *t)
{
	size_t n = json_dumpb(j, NULL, 0, JSON_COMPACT | JSON_ENCODE_ANY);

	t->p = vec_reserve(t->p, &t->cap, n + 1, 1);
	t->len = json_dumpb(j, t->p, n, JSON_COMPACT | JSON_ENCODE_ANY);
	if (t->len > n)
		t->len = 0;
	t->p[t->len] = '\0';
}

void reader_json_text(const struct reader *r, struct sbuf *t)
{
	if (r->rec_kind == REC_JSON) {
		json_text(r->cur_json, t);
	} else {
		/* as jansson would have written it: read it again (rare) */
		json_t *j = json_loadb(r->raw, r->raw_len, JSON_DECODE_ANY, NULL);

		if (j)
			json_text(j, t);
		else
			sbuf_add(t, r->raw, r->raw_len);
		json_decref(j);
	}
}

void reader_json_release(struct reader *r)
{
	size_t i;

	if (r->cur_json)
		json_decref(r->cur_json);
	for (i = 0; i < r->nkslot * KEY_WAYS; i++)
		free(r->kslot[i].key);
	free(r->kslot);
	free(r->jmc);
	free(r->jalias);
	free(r->jm);
	free(r->ebuf);
}
