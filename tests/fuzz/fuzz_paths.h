/* fuzz_paths: the second half of the fast-path fuzzers (fuzz_csvsplit,
 * fuzz_jsonflat): one file read by two readers, one with the fast paths
 * and one with every record sent to libcsv or jansson
 * (reader_set_slow_paths), must give the same records, line numbers,
 * offsets, fatal error, counts and rejects stream (reasons and text). */
#ifndef UPKEEP_FUZZ_PATHS_H
#define UPKEEP_FUZZ_PATHS_H

#include "fuzz_common.h"
#include "io/reader.h"

static inline void fuzz_same_rec(const struct record *a, const struct record *b)
{
	size_t i;

	if (a->nfields != b->nfields || a->line != b->line)
		abort();
	for (i = 0; i < a->nfields; i++) {
		if (!a->field[i] != !b->field[i] || a->len[i] != b->len[i])
			abort();
		if (a->field[i] && memcmp(a->field[i], b->field[i], a->len[i] + 1) != 0)
			abort();
	}
}

/* cfg: everything but the rejects stream, which this sets. */
static inline void fuzz_same_paths(const char *path, struct reader_config cfg,
				   const struct reader_column *cols, size_t ncols)
{
	struct reader *r[2] = { NULL, NULL };
	FILE *fp[2];
	char *rej[2] = { NULL, NULL };
	size_t rejlen[2] = { 0, 0 };
	struct error err[2];
	int k;

	for (k = 0; k < 2; k++) {
		fp[k] = open_memstream(&rej[k], &rejlen[k]);
		if (!fp[k])
			abort();
		cfg.rejects = fp[k];
		error_clear(&err[k]);
		r[k] = reader_open(path, &cfg, cols, ncols, &err[k]);
	}
	if (!r[0] != !r[1])
		abort();
	if (r[0]) {
		struct record rec[2];
		int rc[2];
		unsigned long l[2];

		reader_set_slow_paths(r[1], 1);
		do {
			for (k = 0; k < 2; k++)
				rc[k] = reader_next(r[k], &rec[k], &err[k]);
			if (rc[0] != rc[1])
				abort();
			if (rc[0] > 0)
				fuzz_same_rec(&rec[0], &rec[1]);
			if (reader_offset(r[0], &l[0]) != reader_offset(r[1], &l[1]) ||
			    l[0] != l[1])
				abort();
		} while (rc[0] > 0);
		if (rc[0] < 0 && (err[0].line != err[1].line ||
				  strcmp(err[0].msg, err[1].msg) != 0))
			abort();
		if (reader_rows(r[0]) != reader_rows(r[1]) ||
		    reader_rejected(r[0]) != reader_rejected(r[1]) ||
		    reader_first_reject_line(r[0]) != reader_first_reject_line(r[1]) ||
		    strcmp(reader_first_reject_reason(r[0]),
			   reader_first_reject_reason(r[1])) != 0)
			abort();
	}
	for (k = 0; k < 2; k++) {
		reader_close(r[k]);
		if (fclose(fp[k]) != 0)
			abort();
	}
	if (rejlen[0] != rejlen[1] || memcmp(rej[0], rej[1], rejlen[0]) != 0)
		abort();
	free(rej[0]);
	free(rej[1]);
}

#endif
