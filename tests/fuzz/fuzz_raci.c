/* fuzz_raci: the RACI matrix read as raci(1) reads it (a table through the
 * reader, then raci_header and raci_row), checked, converted, rendered
 * and used for routing; and findings parsed from JSON as `raci route`
 * reads them.  The first byte picks the table format and what else runs. */
#include "fuzz_common.h"

#include "raci/raci.h"
#include "io/finding_read.h"
#include "io/reader.h"

static void use_matrix(struct raci *m, unsigned sel)
{
	struct findings *f = findings_new("raci");
	struct raci_people *pp = raci_people_new();
	json_t *rows, *fd;
	char *text;
	struct error msg;
	size_t idx, i;

	raci_check(m, 1, f);
	findings_sort(f);
	fd = findings_json(f);	/* borrowed */
	if (!json_is_array(fd))
		abort();
	findings_free(f);
	rows = raci_rows(m, (int)(sel & 1));
	text = raci_render(rows, (sel & 2) ? RACI_HTML : RACI_MD);
	free(text);
	json_decref(rows);
	for (i = 0; i < raci_nactivities(m) && i < 4; i++) {
		json_t *w = raci_who(m, i);
		json_decref(w);
	}
	for (i = 0; i < raci_nroles(m) && i < 4; i++) {
		json_t *d = raci_duties(m, i);
		json_decref(d);
		raci_people_add(pp, raci_role(m, i), "P", i & 1 ? "p@example.com" : NULL);
	}
	(void)raci_match(m, RACI_ACTIVITY, "a", &idx, &msg);
	(void)raci_match(m, RACI_ROLE, "r", &idx, &msg);
	{
		json_t *fo = json_object();
		raci_route(m, pp, "failed_logins", fo);
		json_decref(fo);
	}
	raci_people_free(pp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum reader_format fmts[] = {
		READER_CSV, READER_TSV, READER_JSON, READER_NDJSON
	};
	struct reader_config cfg = {0};
	struct reader *r;
	struct record rec;
	struct error err;
	struct raci *m;
	unsigned sel;
	int unknown;

	if (size < 1)
		return 0;
	sel = data[0];
	data++, size--;
	(void)raci_parse_cell((const char *)data, size < 64 ? size : 64, &unknown);
	if (sel & 0x80) {
		/* findings as raci route reads them */
		unsigned long rej = 0, first = 0;
		json_t *a;
		error_clear(&err);
		a = findings_parse_json((const char *)data, size, &rej, &first, &err);
		if (a) {
			size_t i;
			m = raci_template((sel & 1) ? "zh" : "en");
			for (i = 0; i < json_array_size(a); i++) {
				json_t *v = json_array_get(a, i);
				const char *check = json_string_value(json_object_get(v, "check"));
				raci_route(m, NULL, check ? check : "", v);
			}
			raci_free(m);
			json_decref(a);
		}
		return 0;
	}
	cfg.format = fmts[(sel >> 2) & 3];
	cfg.rejects = NULL;
	error_clear(&err);
	r = reader_open(fuzz_file(data, size, ".dat"), &cfg, NULL, 0, &err);
	if (!r)
		return 0;
	m = raci_new();
	{
		size_t n = reader_ncolumns(r), i;
		const char **names = calloc(n ? n : 1, sizeof *names);
		if (!names)
			abort();
		for (i = 0; i < n; i++)
			names[i] = reader_column_name(r, i);
		error_clear(&err);
		if (raci_header(m, names, n, &err) != 0) {
			free(names);
			goto out;
		}
		free(names);
	}
	while (reader_next(r, &rec, &err) > 0) {
		error_clear(&err);
		if (raci_row(m, rec.field, rec.nfields, rec.line, &err) != 0)
			reader_reject(r, &rec, err.msg, &err);
	}
	use_matrix(m, sel);
out:
	raci_free(m);
	reader_close(r);
	return 0;
}
