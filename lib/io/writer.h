/* writer: renders a command's result document (a jansson object, the JSON
 * envelope of SPEC.md section 3) in one output format.  Commands build one
 * document and hand it here; no command formats output itself. */
#ifndef UPKEEP_WRITER_H
#define UPKEEP_WRITER_H

#include <stdio.h>

#include <jansson.h>

#include "base/error.h"
#include "io/finding.h"

enum outfmt {
	OUT_CSV, OUT_TSV, OUT_JSON, OUT_NDJSON, OUT_TABLE,
	OUT_PROM, OUT_NAGIOS, OUT_JUNIT,
	OUT_MD, OUT_HTML, OUT_TXT	/* report only */
};

/* Returns 0 and sets *f for a known name, else -1. */
int outfmt_parse(const char *name, enum outfmt *f);
const char *outfmt_name(enum outfmt f);

/* nagios: a threshold in force for a figure of the document's first
 * section (key "error_rate" of "summary"), in the document's unit (a
 * fraction, milliseconds); NAN where there is none.  A figure above warn
 * makes a WARNING finding, above crit a CRITICAL one. */
struct writer_limit {
	const char *key;
	double warn, crit;
};

struct writer_spec {
	enum outfmt format;
	const char *tool;	/* "inspect": prom prefix upkeep_inspect_,
				   nagios service name, junit suite name */
	const char *rows;	/* key of the array of objects written by csv,
				   tsv and ndjson, e.g. "findings" */
	int color;		/* table: colour severities (ANSI) */
	enum severity fail_on;	/* junit: findings at or above are failures */
	const struct writer_limit *limits;	/* nagios perfdata: nlimits */
	size_t nlimits;
	const char *const *labels;	/* prom: "NAME=VALUE" added to every
					   series; names checked by
					   writer_prom_label_ok */
	size_t nlabels;
};

/* 1 when name may name a label given to every Prometheus series: a
 * letter or '_', then letters, digits and '_', not starting "__"
 * (reserved to Prometheus). */
int writer_prom_label_ok(const char *name, size_t len);

/* Writes doc to fp in spec->format.  Fails (err set) for a format the
 * document cannot take (md/html/txt, which only report writes) or a write
 * error.  See writer.c and write_*.c for the rules of each format; csv
 * and tsv give a cell a spreadsheet would run as a formula (= + - @ tab CR
 * first) a leading apostrophe. */
int writer_write(FILE *fp, const json_t *doc, const struct writer_spec *spec,
		 struct error *err);

/* The Nagios plugin state of doc's findings, for the exit status:
 * 2 CRITICAL when a finding is critical, 1 WARNING when one is a warning,
 * else 0 OK. */
int writer_nagios_state(const json_t *doc);

/* Formats a JSON number the way every writer does: integers in full, other
 * values with up to 10 significant digits, no exponent for ordinary
 * magnitudes ("0.05", "1234.5").  Returns the length. */
size_t writer_number(double v, char *buf, size_t size);

#endif
