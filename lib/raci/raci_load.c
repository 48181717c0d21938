/* raci_load: reads a matrix table row by row into struct raci; see raci_load.h. */
#include "raci/raci_load.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/xalloc.h"

struct raci *raci_load(struct reader *r, struct error *err)
{
	struct raci *m = raci_new();
	size_t n = reader_ncolumns(r), i;
	const char **names = xcalloc(n ? n : 1, sizeof *names);
	struct record rec;
	int rc;

	for (i = 0; i < n; i++)
		names[i] = reader_column_name(r, i);
	rc = raci_header(m, names, n, err);
	free(names);
	if (rc != 0) {
		snprintf(err->file, sizeof err->file, "%s", reader_path(r));
		raci_free(m);
		return NULL;
	}
	while ((rc = reader_next(r, &rec, err)) > 0) {
		struct error why;

		error_clear(&why);
		if (raci_row(m, rec.field, rec.nfields, rec.line, &why) != 0 &&
		    reader_reject(r, &rec, why.msg, err) != 0) {
			rc = -1;
			break;
		}
	}
	if (rc < 0) {
		raci_free(m);
		return NULL;
	}
	return m;
}

const char *raci_load_note(const struct raci *m)
{
	return raci_by_letter(m) ?
	       "read by letter: the columns R, A, C, I name the roles of each activity" : NULL;
}
