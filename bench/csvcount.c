/* csvcount: the bare libcsv reference of bench/run.  Parses CSV with
 * csv_parse and callbacks that only count, and prints "rows fields"
 * (the header row included).  It is the floor any CSV reader built on
 * libcsv can reach on one core: upkeep's review and inspect are compared
 * with it. */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

struct counts {
	unsigned long long rows, fields;
};

static void field_cb(void *s, size_t n, void *data)
{
	struct counts *c = data;

	(void)s;
	(void)n;
	c->fields++;
}

static void row_cb(int ch, void *data)
{
	struct counts *c = data;

	(void)ch;
	c->rows++;
}

int main(int argc, char **argv)
{
	static char buf[1 << 16];
	struct csv_parser p;
	struct counts c = { 0, 0 };
	FILE *fp = stdin;
	size_t n;

	if (argc > 2) {
		fputs("usage: csvcount [FILE]\n", stderr);
		return 2;
	}
	if (argc == 2 && strcmp(argv[1], "-") != 0 && !(fp = fopen(argv[1], "rb"))) {
		fprintf(stderr, "csvcount: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	if (csv_init(&p, CSV_STRICT) != 0) {
		fputs("csvcount: out of memory\n", stderr);
		return 2;
	}
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
		if (csv_parse(&p, buf, n, field_cb, row_cb, &c) != n) {
			fprintf(stderr, "csvcount: %s\n", csv_strerror(csv_error(&p)));
			return 2;
		}
	}
	if (ferror(fp)) {
		fprintf(stderr, "csvcount: read error: %s\n", strerror(errno));
		return 2;
	}
	csv_fini(&p, field_cb, row_cb, &c);
	csv_free(&p);
	printf("%llu %llu\n", c.rows, c.fields);
	return 0;
}
