/* finding_read: findings read back from another command's output, for
 * raci route -- JSON (an envelope, an array, NDJSON) into an array of
 * finding objects, or CSV/TSV through the reader with typed fields. */
#include "io/finding_read.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "base/text.h"
#include "base/xalloc.h"
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
			const json_t *tool = json_object_get(doc, "tool");
			size_t i;
			take_objects(out, arr, rejected, first_line);
			/* an envelope's findings keep the tool that found them */
			for (i = 0; json_is_string(tool) && i < json_array_size(out); i++)
				if (!json_object_get(json_array_get(out, i), "source"))
					jset(json_array_get(out, i), "source", jstr(json_string_value(tool)));
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

/* The whole of fp; NULL with err set on a read error. */
static char *slurp(FILE *fp, const char *path, size_t *len, struct error *err)
{
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	do {
		buf = vec_reserve(buf, &cap, n + 65536, 1);
		got = fread(buf + n, 1, cap - n, fp);
		n += got;
	} while (got > 0);
	if (ferror(fp)) {
		error_set(err, path, 0, "%s", strerror(errno));
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

/* A CSV or TSV of findings is read raw, every column a key of the finding;
 * a column route reads or writes named twice would keep one of its values
 * unseen, so it is an error, as in the other readers. */
static int duplicate_column(const struct reader *r, struct error *err)
{
	static const char *const used[] = {
		"check", "severity", "subject", "value", "threshold", "message",
		"id", "first_seen", "last_seen", "count", "responsible",
		"accountable", "consulted", "informed", NULL
	};
	size_t n = reader_ncolumns(r), i, k;
	char q[96];

	for (k = 0; used[k]; k++) {
		size_t first = SIZE_MAX;
		for (i = 0; i < n; i++) {
			const char *name = reader_column_name(r, i);
			if (!name || text_casecmp(name, used[k]) != 0)
				continue;
			if (first == SIZE_MAX) {
				first = i;
				continue;
			}
			error_set(err, reader_path(r), 1, "duplicate column %s (columns %zu and %zu)",
				  error_quote(q, sizeof q, name, strlen(name)), first + 1, i + 1);
			return -1;
		}
	}
	return 0;
}

static json_t *read_table(const char *path, const struct reader_config *cfg,
			  struct findings_input *in, struct error *err)
{
	struct reader *r = reader_open(path, cfg, NULL, 0, err);
	struct record rec;
	json_t *out;
	size_t i;
	int rc;

	if (!r)
		return NULL;
	if (duplicate_column(r, err) != 0) {
		reader_close(r);
		return NULL;
	}
	out = jarray();
	while ((rc = reader_next(r, &rec, err)) > 0) {
		json_t *o = jobject();
		for (i = 0; i < rec.nfields; i++)
			jset(o, reader_column_name(r, i),
			     finding_field_parse(reader_column_name(r, i), rec.field[i]));
		jappend(out, o);
	}
	in->rows = reader_rows(r);
	in->rejected = reader_rejected(r);
	in->first_line = reader_first_reject_line(r);
	snprintf(in->first_reason, sizeof in->first_reason, "%s",
		 in->rejected ? reader_first_reject_reason(r) : "");
	reader_close(r);
	if (rc < 0) {
		json_decref(out);
		return NULL;
	}
	return out;
}

json_t *findings_read(const char *path, const struct reader_config *cfg,
		      struct findings_input *in, struct error *err)
{
	int stdin_ = strcmp(path, "-") == 0, ch;
	FILE *fp = stdin_ ? stdin : fopen(path, "rb");
	json_t *out;
	size_t len;
	char *text;

	memset(in, 0, sizeof *in);
	in->path = stdin_ ? "stdin" : path;
	if (!fp) {
		error_set(err, NULL, 0, "%s: %s", path, strerror(errno));
		return NULL;
	}
	ch = getc(fp);
	if (ch != '{' && ch != '[' && ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n') {
		if (stdin_)
			ungetc(ch, fp);	/* the reader reads on from here */
		else
			fclose(fp);
		return read_table(path, cfg, in, err);
	}
	ungetc(ch, fp);
	text = slurp(fp, in->path, &len, err);
	if (!stdin_)
		fclose(fp);
	if (!text)
		return NULL;
	out = findings_parse_json(text, len, &in->rejected, &in->first_line, err);
	free(text);
	if (!out) {
		snprintf(err->file, sizeof err->file, "%s", in->path);
		return NULL;
	}
	in->rows = json_array_size(out);
	if (in->rejected)
		snprintf(in->first_reason, sizeof in->first_reason, "not a JSON object");
	return out;
}
