/* writer: renders a command's result document (the JSON envelope of SPEC.md
 * section 3, a jansson object kept in insertion order) in one output format.
 * Each format is one small function over the document; text is built in a
 * growable byte buffer (struct sbuf) and written out line by line.  This
 * file holds the entry (writer_write), the record formats csv, tsv, json and
 * ndjson, and the helpers the other formats share (writer_int.h); table,
 * prom, nagios and junit live in write_table.c, write_prom.c, write_ci.c.
 *
 * Numbers everywhere go through one formatter: json_integer values in full,
 * reals with at most 10 significant digits (writer_number).  Nothing here
 * prints to stderr or exits; a failed write is returned as an error. */
#include "io/writer.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/sbuf.h"
#include "base/xalloc.h"
#include "io/writer_int.h"

static const char *const fmt_names[] = {
	[OUT_CSV] = "csv", [OUT_TSV] = "tsv", [OUT_JSON] = "json",
	[OUT_NDJSON] = "ndjson", [OUT_TABLE] = "table", [OUT_PROM] = "prom",
	[OUT_NAGIOS] = "nagios", [OUT_JUNIT] = "junit", [OUT_MD] = "md",
	[OUT_HTML] = "html", [OUT_TXT] = "txt"
};

#define NFORMATS (sizeof fmt_names / sizeof fmt_names[0])

int outfmt_parse(const char *name, enum outfmt *f)
{
	size_t i;

	for (i = 0; i < NFORMATS; i++) {
		if (strcmp(name, fmt_names[i]) == 0) {
			*f = (enum outfmt)i;
			return 0;
		}
	}
	return -1;
}

const char *outfmt_name(enum outfmt f)
{
	return (size_t)f < NFORMATS ? fmt_names[f] : "unknown";
}

int writer_flush(struct sbuf *sb, FILE *fp)
{
	int rc = 0;

	if (sb->len && fwrite(sb->p, 1, sb->len, fp) != sb->len)
		rc = WRITE_FAILED;
	sbuf_reset(sb);
	return rc;
}

/* ---- document access ---- */

int writer_is_number(const json_t *v)
{
	return json_is_integer(v) || json_is_real(v);
}

int writer_is_envelope_key(const char *k)
{
	return strcmp(k, "tool") == 0 || strcmp(k, "version") == 0 ||
	       strcmp(k, "generated") == 0 || strcmp(k, "period") == 0 ||
	       strcmp(k, "checks") == 0;
}

int writer_is_row_array(const json_t *v)
{
	size_t i;

	if (!json_is_array(v) || json_array_size(v) == 0)
		return 0;
	for (i = 0; i < json_array_size(v); i++)
		if (!json_is_object(json_array_get(v, i)))
			return 0;
	return 1;
}

const char *writer_tool(const json_t *doc, const struct writer_spec *spec)
{
	const char *t = spec->tool;

	if (!t || !*t)
		t = json_string_value(json_object_get(doc, "tool"));
	return t && *t ? t : "upkeep";
}

int writer_finding_sev(const json_t *f)
{
	enum severity s;
	const char *name = json_string_value(json_object_get(f, "severity"));

	return name && severity_parse(name, &s) == 0 && s != SEV_NEVER ? (int)s : 0;
}

void writer_keys_collect(struct writer_keys *ks, const json_t *rows)
{
	size_t i, j;

	for (i = 0; i < json_array_size(rows); i++) {
		const json_t *row = json_array_get(rows, i);

		if (!json_is_object(row))
			continue;
		WRITER_OBJ_EACH(row, it) {
			const char *key = json_object_iter_key(it);

			/* a finding's data: in JSON only (SPEC.md's columns
			 * stay as they are) */
			if (strcmp(key, "data") == 0 &&
			    json_is_object(json_object_iter_value(it)))
				continue;
			for (j = 0; j < ks->n; j++)
				if (strcmp(ks->k[j], key) == 0)
					break;
			if (j == ks->n) {
				ks->k = vec_reserve(ks->k, &ks->cap, ks->n + 1,
						    sizeof *ks->k);
				ks->k[ks->n++] = key;
			}
		}
	}
}

/* ---- numbers ---- */

/* Non-finite values are written "null" (JSON has no NaN). */
size_t writer_number(double v, char *buf, size_t size)
{
	char tmp[64], digits[16] = { 0 }, out[64];
	size_t nd = 0, o = 0, i;
	long ex;
	char *e;

	if (!isfinite(v)) {
		snprintf(out, sizeof out, "null");
	} else if (v == floor(v) && fabs(v) < 1e15) {
		snprintf(out, sizeof out, "%.0f", v == 0 ? 0.0 : v);
	} else {
		/* "d.ddddddddde±X": ten significant digits, correctly rounded */
		snprintf(tmp, sizeof tmp, "%.9e", v);
		e = strchr(tmp, 'e');
		ex = e ? strtol(e + 1, NULL, 10) : 0;
		for (i = 0; tmp + i != e && tmp[i]; i++)
			if (tmp[i] >= '0' && tmp[i] <= '9' && nd < sizeof digits)
				digits[nd++] = tmp[i];
		while (nd > 1 && digits[nd - 1] == '0')
			nd--;
		if (v < 0)
			out[o++] = '-';
		if (ex < -6 || ex >= 15) {
			out[o++] = digits[0];
			if (nd > 1) {
				out[o++] = '.';
				memcpy(out + o, digits + 1, nd - 1);
				o += nd - 1;
			}
			snprintf(out + o, sizeof out - o, "e%ld", ex);
		} else if (ex < 0) {
			out[o++] = '0';
			out[o++] = '.';
			for (i = 1; i < (size_t)-ex; i++)
				out[o++] = '0';
			memcpy(out + o, digits, nd);
			o += nd;
			out[o] = '\0';
		} else {
			for (i = 0; i < nd || i <= (size_t)ex; i++) {
				if (i == (size_t)ex + 1)
					out[o++] = '.';
				out[o++] = i < nd ? digits[i] : '0';
			}
			out[o] = '\0';
		}
	}
	return (size_t)snprintf(buf, size, "%s", out);
}

void writer_sb_number(struct sbuf *sb, const json_t *v)
{
	if (json_is_integer(v)) {
		sbuf_printf(sb, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	} else {
		char buf[64];

		writer_number(json_real_value(v), buf, sizeof buf);
		sbuf_adds(sb, buf);
	}
}

/* ---- JSON ---- */

static void json_quote(struct sbuf *sb, const char *s, size_t len)
{
	size_t i;

	sbuf_addc(sb, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '"': sbuf_adds(sb, "\\\""); break;
		case '\\': sbuf_adds(sb, "\\\\"); break;
		case '\b': sbuf_adds(sb, "\\b"); break;
		case '\f': sbuf_adds(sb, "\\f"); break;
		case '\n': sbuf_adds(sb, "\\n"); break;
		case '\r': sbuf_adds(sb, "\\r"); break;
		case '\t': sbuf_adds(sb, "\\t"); break;
		default:
			if (c < 0x20)
				sbuf_printf(sb, "\\u%04x", c);
			else
				sbuf_addc(sb, (char)c);
		}
	}
	sbuf_addc(sb, '"');
}

static void json_newline(struct sbuf *sb, int pretty, int depth)
{
	if (pretty) {
		sbuf_addc(sb, '\n');
		sbuf_pad(sb, 2 * (size_t)depth);
	}
}

/* pretty: 2-space indentation; else compact, no spaces. */
static void json_emit(struct sbuf *sb, const json_t *v, int pretty, int depth)
{
	size_t i, n;
	int first = 1;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		if (json_object_size(v) == 0) {
			sbuf_adds(sb, "{}");
			break;
		}
		sbuf_addc(sb, '{');
		WRITER_OBJ_EACH(v, it) {
			const char *k = json_object_iter_key(it);

			if (!first)
				sbuf_addc(sb, ',');
			first = 0;
			json_newline(sb, pretty, depth + 1);
			json_quote(sb, k, strlen(k));
			sbuf_adds(sb, pretty ? ": " : ":");
			json_emit(sb, json_object_iter_value(it), pretty, depth + 1);
		}
		json_newline(sb, pretty, depth);
		sbuf_addc(sb, '}');
		break;
	case JSON_ARRAY:
		n = json_array_size(v);
		if (n == 0) {
			sbuf_adds(sb, "[]");
			break;
		}
		sbuf_addc(sb, '[');
		for (i = 0; i < n; i++) {
			if (i)
				sbuf_addc(sb, ',');
			json_newline(sb, pretty, depth + 1);
			json_emit(sb, json_array_get(v, i), pretty, depth + 1);
		}
		json_newline(sb, pretty, depth);
		sbuf_addc(sb, ']');
		break;
	case JSON_STRING:
		json_quote(sb, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
	case JSON_REAL:
		writer_sb_number(sb, v);
		break;
	case JSON_TRUE:
		sbuf_adds(sb, "true");
		break;
	case JSON_FALSE:
		sbuf_adds(sb, "false");
		break;
	case JSON_NULL:
		sbuf_adds(sb, "null");
		break;
	}
}

static int write_json(FILE *fp, const json_t *doc)
{
	struct sbuf sb = { 0 };
	int rc;

	json_emit(&sb, doc, 1, 0);
	sbuf_addc(&sb, '\n');
	rc = writer_flush(&sb, fp);
	sbuf_release(&sb);
	return rc;
}

/* The array of rows for csv, tsv and ndjson, or NULL with err set. */
static const json_t *get_rows(const json_t *doc, const struct writer_spec *spec,
			      struct error *err)
{
	const json_t *rows = spec->rows ? json_object_get(doc, spec->rows) : NULL;

	if (!rows) {
		error_set(err, NULL, 0, "this output has no rows for %s",
			  outfmt_name(spec->format));
		return NULL;
	}
	if (!json_is_array(rows)) {
		error_set(err, NULL, 0, "\"%s\" is not a list of rows", spec->rows);
		return NULL;
	}
	return rows;
}

static int write_ndjson(FILE *fp, const json_t *doc,
			const struct writer_spec *spec, struct error *err)
{
	const json_t *rows = get_rows(doc, spec, err);
	struct sbuf sb = { 0 };
	size_t i;
	int rc = 0;

	if (!rows)
		return -1;
	for (i = 0; i < json_array_size(rows) && rc == 0; i++) {
		json_emit(&sb, json_array_get(rows, i), 0, 0);
		sbuf_addc(&sb, '\n');
		rc = writer_flush(&sb, fp);
	}
	sbuf_release(&sb);
	return rc;
}

/* ---- cells (csv, tsv, table) ---- */

void writer_cell_text(struct sbuf *sb, const json_t *v, const char *sep,
		      const char *nullstr)
{
	size_t i;

	switch (json_typeof(v)) {
	case JSON_STRING:
		sbuf_add(sb, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
	case JSON_REAL:
		writer_sb_number(sb, v);
		break;
	case JSON_TRUE:
		sbuf_adds(sb, "true");
		break;
	case JSON_FALSE:
		sbuf_adds(sb, "false");
		break;
	case JSON_NULL:
		sbuf_adds(sb, nullstr);
		break;
	case JSON_ARRAY:
		for (i = 0; i < json_array_size(v); i++) {
			const json_t *e = json_array_get(v, i);

			if (i)
				sbuf_adds(sb, sep);
			if (json_is_array(e) || json_is_object(e))
				json_emit(sb, e, 0, 0);
			else
				writer_cell_text(sb, e, sep, "");
		}
		break;
	case JSON_OBJECT:
		json_emit(sb, v, 0, 0);
		break;
	}
}

static void csv_field(struct sbuf *sb, const char *s, size_t len, int tsv)
{
	size_t i;
	int quote = 0;

	if (tsv) {
		for (i = 0; i < len; i++)
			sbuf_addc(sb, s[i] == '\t' || s[i] == '\n' || s[i] == '\r'
				? ' ' : s[i]);
		return;
	}
	if (len && (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' ||
		    s[len - 1] == '\t'))
		quote = 1;
	for (i = 0; i < len && !quote; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			quote = 1;
	if (!quote) {
		sbuf_add(sb, s, len);
		return;
	}
	sbuf_addc(sb, '"');
	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			sbuf_addc(sb, '"');
		sbuf_addc(sb, s[i]);
	}
	sbuf_addc(sb, '"');
}

/* ---- CSV formula neutralising (SPEC.md section 5) ----
 * A spreadsheet opening a CSV or TSV file runs a cell that starts with
 * = + - or @ as a formula (and some skip a leading tab or carriage return
 * first), so such a cell, header included, is written with a leading
 * apostrophe: the spreadsheet shows the text and hides the apostrophe.
 * The apostrophe is not a trigger, so text neutralised before it reaches
 * the writer is written unchanged: neutralising twice is harmless.
 * Numbers stay numbers, for spreadsheets and scripts alike: a JSON number
 * is never touched, nor is text in the form JSON writes a number (RFC 8259
 * section 6, the only form writer_number writes) with a finite value:
 * "-5", "-3.2e4", "-0.5" stay; "+1", "-.5", "-5.", "-05", "-1e999", "-inf",
 * "-0x10" are not in that form and get the apostrophe. */

static size_t csv_digits(const char *s, size_t i, size_t len)
{
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	return i;
}

/* s[0..len) is -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? and finite;
 * s[len] must be '\0' (strtod reads up to it). */
static int csv_plain_number(const char *s, size_t len)
{
	size_t i = 0, j;

	if (i < len && s[i] == '-')
		i++;
	if (i < len && s[i] == '0')
		i++;
	else if ((j = csv_digits(s, i, len)) > i)
		i = j;
	else
		return 0;
	if (i < len && s[i] == '.') {
		if ((j = csv_digits(s, i + 1, len)) == i + 1)
			return 0;
		i = j;
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		if ((j = csv_digits(s, i, len)) == i)
			return 0;
		i = j;
	}
	/* the form is checked above; strtod only rules out overflow */
	return i == len && isfinite(strtod(s, NULL));
}

/* 1 when the text s[0..len) of a cell needs the apostrophe. */
static int csv_formula(const char *s, size_t len)
{
	return len > 0 && s[0] != '\0' && strchr("=+-@\t\r", s[0]) &&
	       !csv_plain_number(s, len);
}

/* Appends one cell.  cell holds an apostrophe and then the cell's text;
 * the apostrophe is written only when the text needs it.  number: the
 * value is a JSON number. */
static void csv_cell(struct sbuf *sb, const struct sbuf *cell, int number,
		     int tsv)
{
	size_t skip = number || !csv_formula(cell->p + 1, cell->len - 1) ? 1 : 0;

	csv_field(sb, cell->p + skip, cell->len - skip, tsv);
}

/* The columns of a finding, for the header of an empty findings table. */
static const char *const finding_keys[] = {
	"severity", "check", "subject", "value", "threshold", "message", "id",
	"first_seen", "last_seen", "count"
};

static int write_csv(FILE *fp, const json_t *doc, const struct writer_spec *spec,
		     struct error *err)
{
	const json_t *rows = get_rows(doc, spec, err);
	int tsv = spec->format == OUT_TSV;
	char sep = tsv ? '\t' : ',';
	struct writer_keys ks = { 0 };
	struct sbuf sb = { 0 }, cell = { 0 };
	size_t i, j;
	int rc = 0;

	if (!rows)
		return -1;
	for (i = 0; i < json_array_size(rows); i++) {
		if (!json_is_object(json_array_get(rows, i))) {
			error_set(err, NULL, 0, "rows of \"%s\" are not objects",
				  spec->rows);
			return -1;
		}
	}
	writer_keys_collect(&ks, rows);
	if (ks.n == 0 && strcmp(spec->rows, "findings") == 0) {
		/* no findings: still a header, so that a script sees the columns */
		ks.k = xreallocarray(NULL, sizeof finding_keys / sizeof *finding_keys,
				     sizeof *ks.k);
		for (ks.n = 0; ks.n < sizeof finding_keys / sizeof *finding_keys; ks.n++)
			ks.k[ks.n] = finding_keys[ks.n];
	}
	if (ks.n == 0)
		goto out;
	for (j = 0; j < ks.n; j++) {
		if (j)
			sbuf_addc(&sb, sep);
		sbuf_reset(&cell);
		sbuf_addc(&cell, '\'');
		sbuf_adds(&cell, ks.k[j]);
		csv_cell(&sb, &cell, 0, tsv);
	}
	sbuf_addc(&sb, '\n');
	rc = writer_flush(&sb, fp);
	for (i = 0; i < json_array_size(rows) && rc == 0; i++) {
		const json_t *row = json_array_get(rows, i);

		for (j = 0; j < ks.n; j++) {
			const json_t *v = json_object_get(row, ks.k[j]);

			if (j)
				sbuf_addc(&sb, sep);
			if (!v)
				continue;
			sbuf_reset(&cell);
			sbuf_addc(&cell, '\'');
			writer_cell_text(&cell, v, ";", "");
			csv_cell(&sb, &cell, writer_is_number(v), tsv);
		}
		sbuf_addc(&sb, '\n');
		rc = writer_flush(&sb, fp);
	}
out:
	free(ks.k);
	sbuf_release(&sb);
	sbuf_release(&cell);
	return rc;
}

/* ---- entry ---- */

int writer_write(FILE *fp, const json_t *doc, const struct writer_spec *spec,
		 struct error *err)
{
	int rc;

	if (!json_is_object(doc)) {
		error_set(err, NULL, 0, "the document is not a JSON object");
		return -1;
	}
	switch (spec->format) {
	case OUT_JSON:
		rc = write_json(fp, doc);
		break;
	case OUT_NDJSON:
		rc = write_ndjson(fp, doc, spec, err);
		break;
	case OUT_CSV:
	case OUT_TSV:
		rc = write_csv(fp, doc, spec, err);
		break;
	case OUT_TABLE:
		rc = writer_table(fp, doc, spec);
		break;
	case OUT_PROM:
		rc = writer_prom(fp, doc, spec, err);
		break;
	case OUT_NAGIOS:
		rc = writer_nagios(fp, doc, spec);
		break;
	case OUT_JUNIT:
		rc = writer_junit(fp, doc, spec);
		break;
	case OUT_MD:
	case OUT_HTML:
	case OUT_TXT:
		error_set(err, NULL, 0, "format \"%s\" is only written by report",
			  outfmt_name(spec->format));
		return -1;
	default:
		error_set(err, NULL, 0, "unknown output format");
		return -1;
	}
	if (rc == 0 && fflush(fp) != 0)
		rc = WRITE_FAILED;
	if (rc == WRITE_FAILED || (rc == 0 && ferror(fp))) {
		error_set(err, NULL, 0, "write error: %s", strerror(errno));
		return -1;
	}
	return rc;
}
