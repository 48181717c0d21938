/* ndjcount: the bare jansson reference of bench/run.  Reads NDJSON one
 * line at a time with getline, parses each non-blank line with json_loadb
 * and counts the objects and their keys; prints "objects keys".  It is the
 * floor for any NDJSON reader that parses every line with jansson. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	unsigned long long objects = 0, keys = 0;
	FILE *fp = stdin;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (argc > 2) {
		fputs("usage: ndjcount [FILE]\n", stderr);
		return 2;
	}
	if (argc == 2 && strcmp(argv[1], "-") != 0 && !(fp = fopen(argv[1], "rb"))) {
		fprintf(stderr, "ndjcount: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	while ((n = getline(&line, &cap, fp)) > 0) {
		json_error_t e;
		json_t *v;

		if (n == 1 && line[0] == '\n')
			continue;
		v = json_loadb(line, (size_t)n, 0, &e);
		if (!v) {
			fprintf(stderr, "ndjcount: line %d: %s\n", e.line, e.text);
			return 2;
		}
		if (json_is_object(v)) {
			objects++;
			keys += json_object_size(v);
		}
		json_decref(v);
	}
	if (ferror(fp)) {
		fprintf(stderr, "ndjcount: read error: %s\n", strerror(errno));
		return 2;
	}
	free(line);
	printf("%llu %llu\n", objects, keys);
	return 0;
}
