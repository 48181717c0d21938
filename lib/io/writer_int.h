/* writer_int: what the pieces of the writer share (writer.c: entry, csv,
 * tsv, json, ndjson; write_table.c; write_prom.c; write_ci.c: nagios and
 * junit).  Private to lib/io/writer*.c and write_*.c; io/writer.h is the
 * interface for everyone else. */
#ifndef UPKEEP_WRITER_INT_H
#define UPKEEP_WRITER_INT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "base/sbuf.h"
#include "io/writer.h"

/* What a format function returns for a failed write (err not yet set);
 * -1 means err is set. */
#define WRITE_FAILED (-2)

/* Writes the buffer and empties it; WRITE_FAILED on a short write. */
int writer_flush(struct sbuf *sb, FILE *fp);

/* jansson's object iterators take a non-const object although they do not
 * change it; the document is only read here. */
static inline json_t *writer_unconst(const json_t *v)
{
	return (json_t *)(uintptr_t)v;
}

#define WRITER_OBJ_EACH(obj, it) \
	for (void *it = json_object_iter(writer_unconst(obj)); it; \
	     it = json_object_iter_next(writer_unconst(obj), it))

/* ---- document access ---- */

int writer_is_number(const json_t *v);
/* tool, version, generated, period, checks: the envelope, not a section */
int writer_is_envelope_key(const char *k);
/* An array whose elements are all objects (an empty array is not). */
int writer_is_row_array(const json_t *v);
/* spec->tool, else the document's "tool", else "upkeep". */
const char *writer_tool(const json_t *doc, const struct writer_spec *spec);
/* A finding's severity as 1..3 (enum severity); 0 when missing or unknown. */
int writer_finding_sev(const json_t *f);

/* The distinct keys of an array of objects, in order of first appearance.
 * Keys are borrowed from the document; free(k) when done. */
struct writer_keys {
	const char **k;
	size_t n, cap;
};

/* The keys of rows, in the order first met; a finding's "data" object is
 * left out (it is for JSON only). */
void writer_keys_collect(struct writer_keys *ks, const json_t *rows);

/* ---- text ---- */

/* A JSON number the way every format writes it: integers in full, reals
 * through writer_number. */
void writer_sb_number(struct sbuf *sb, const json_t *v);
/* The text of one value: strings as is, numbers formatted, null as
 * nullstr, arrays joined with sep, objects as compact JSON. */
void writer_cell_text(struct sbuf *sb, const json_t *v, const char *sep,
		      const char *nullstr);

/* ---- the formats of the other files; 0, or WRITE_FAILED ---- */

int writer_table(FILE *fp, const json_t *doc, const struct writer_spec *spec);
/* -1 with err set: a --label name that a series has already */
int writer_prom(FILE *fp, const json_t *doc, const struct writer_spec *spec,
		struct error *err);
int writer_nagios(FILE *fp, const json_t *doc, const struct writer_spec *spec);
int writer_junit(FILE *fp, const json_t *doc, const struct writer_spec *spec);

#endif
