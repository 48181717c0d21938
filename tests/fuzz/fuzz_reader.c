/* fuzz_reader: the record reader over every input format, with wanted
 * columns, --map renaming, strict mode, --json-path, --trim and
 * reader_reject.  The first byte picks the set-up (the length picks
 * --json-path and --trim); the rest is the file. */
#include "fuzz_common.h"

#include "io/reader.h"

static const struct reader_column cols_events[] = {
	{"time", 1}, {"user", 1}, {"feature", 0}, {"status", 0},
	{"latency_ms", 0}, {"ip", 0}
};
static const struct reader_column cols_tickets[] = {
	{"id", 1}, {"priority", 1}, {"opened", 1}, {"first_response", 0},
	{"resolved", 0}
};
static const char *const maps[] = {
	NULL, "time=Created,user=\"Issue key\"", "id=Key,opened=When",
	"feature=a b,status=\"x,y\""
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum reader_format fmts[] = {
		READER_AUTO, READER_CSV, READER_TSV, READER_JSON, READER_NDJSON
	};
	static const char *const exts[] = { ".dat", ".csv", ".tsv", ".json", ".ndjson" };
	struct reader_config cfg = {0};
	const struct reader_column *cols = NULL;
	size_t ncols = 0;
	struct colmap *map = NULL;
	struct reader *r;
	struct record rec;
	struct error err;
	unsigned sel, f;
	const char *path;

	if (size < 1)
		return 0;
	sel = data[0];
	data++, size--;
	f = sel % 5;
	cfg.format = (sel & 0x08) ? READER_AUTO : fmts[f];
	cfg.strict = (sel & 0x10) != 0;
	switch ((sel >> 5) & 3) {
	case 0: break;
	case 1: cols = cols_events; ncols = sizeof cols_events / sizeof *cols_events; break;
	case 2: cols = cols_tickets; ncols = sizeof cols_tickets / sizeof *cols_tickets; break;
	default: cols = cols_events; ncols = 2; break;
	}
	error_clear(&err);
	if (maps[(sel >> 7) * 2 + (sel & 1)]) {
		map = colmap_new();
		if (colmap_add(map, maps[(sel >> 7) * 2 + (sel & 1)], &err) != 0)
			abort();
		cfg.map = map;
	}
	/* --json-path and --trim, from the length, so the corpus keeps its
	   meaning: objects holding records (read_jsonobj.c), padded values */
	cfg.json_path = size % 3 == 1 ? "incidents" : size % 3 == 2 ? "data.items" : NULL;
	cfg.trim = (size / 3) % 2;
	cfg.rejects = fopen("/dev/null", "w");
	path = fuzz_file(data, size, exts[f]);
	r = reader_open(path, &cfg, cols, ncols, &err);
	if (r) {
		size_t i, nc = reader_ncolumns(r);
		int n = 0;
		for (i = 0; i < nc; i++) {
			if (!reader_column_name(r, i))
				abort();
		}
		while (reader_next(r, &rec, &err) > 0) {
			for (i = 0; i < rec.nfields; i++) {
				if (rec.field[i] && strlen(rec.field[i]) != rec.len[i])
					abort();
			}
			if (++n % 3 == 0 && reader_reject(r, &rec, "fuzz", &err) != 0)
				break;
		}
		(void)reader_rows(r);
		(void)reader_rejected(r);
		(void)reader_first_reject_reason(r);
		reader_close(r);
	}
	if (cfg.rejects)
		fclose(cfg.rejects);
	colmap_free(map);
	return 0;
}
