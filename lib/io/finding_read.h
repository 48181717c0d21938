/* finding_read: findings read back from another command's output (for
 * raci route): JSON or CSV/TSV into an array of finding objects. */
#ifndef UPKEEP_FINDING_READ_H
#define UPKEEP_FINDING_READ_H

#include <stddef.h>

#include <jansson.h>

#include "base/error.h"
#include "io/reader.h"

/* The JSON value of a finding field read from CSV: "" is null (a figure
 * the finding does not have), value, threshold and count that are numbers
 * become numbers, everything else stays text. */
json_t *finding_field_parse(const char *key, const char *text);
/* Findings from JSON text: an envelope object with a "findings" array, a
 * JSON array of finding objects, or NDJSON (one object a line).  Returns
 * a new array of objects; elements that are not objects and lines that do
 * not parse are skipped and counted in *rejected (*first_line: the line
 * of the first).  NULL with err set when the text is not JSON at all. */
json_t *findings_parse_json(const char *text, size_t len,
			    unsigned long *rejected, unsigned long *first_line,
			    struct error *err);


/* What findings_read read. */
struct findings_input {
	const char *path;	/* as written in messages: "stdin" for "-" */
	unsigned long rows, rejected;
	unsigned long first_line;	/* of the first rejected row; 0: unknown */
	char first_reason[256];
};

/* The findings in path ("-": standard input): JSON (findings_parse_json)
 * when the first byte is "{", "[" or white space, else a CSV or TSV table
 * read with cfg, every column a key of its finding (finding_field_parse);
 * a column that route reads named twice is an error.  Returns a new array
 * and fills *in, or NULL with err set. */
json_t *findings_read(const char *path, const struct reader_config *cfg,
		      struct findings_input *in, struct error *err);

#endif
