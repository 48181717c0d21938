/* reader_fixture: what the unit tests of the reader's pieces share
 * (test_reader.c, test_colmap.c, test_source.c, test_read_csv.c,
 * test_read_tsv.c, test_read_json.c, test_read_md.c): inputs written to a mkdtemp folder,
 * a field comparison and a loop that reads every record. */
#ifndef UPKEEP_READER_FIXTURE_H
#define UPKEEP_READER_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/reader.h"

static char tmpdir[64];
static char paths[128][128];
static int npaths;

/* Makes tmpdir, /tmp/NAME.XXXXXX; 0, or -1 (reported). */
static inline int fixture_begin(const char *name)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/%s.XXXXXX", name);
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return -1;
	}
	return 0;
}

/* Removes the files put there, and tmpdir. */
static inline void fixture_end(void)
{
	int i;

	for (i = 0; i < npaths && i < 128; i++)
		unlink(paths[i]);
	rmdir(tmpdir);
}

/* Writes data to tmpdir/name and returns the path. */
static inline const char *put(const char *name, const char *data, size_t len)
{
	char *p = paths[npaths % 128];
	FILE *fp;

	snprintf(p, sizeof paths[0], "%s/%s", tmpdir, name);
	npaths++;
	fp = fopen(p, "wb");
	if (!fp) {
		perror(p);
		exit(2);
	}
	if (len)
		fwrite(data, 1, len, fp);
	fclose(fp);
	return p;
}

#define PUT(name, s) put(name, s, sizeof(s) - 1)

static const struct reader_config defcfg = {.format = READER_AUTO};

/* Whether field i of rec is exactly want (bytes and length). */
static inline int is(const struct record *rec, size_t i, const char *want)
{
	return i < rec->nfields && rec->field[i] &&
		rec->len[i] == strlen(want) &&
		memcmp(rec->field[i], want, rec->len[i]) == 0 &&
		rec->field[i][rec->len[i]] == '\0';
}

/* Reads every record, returns the number returned (or -1). */
static inline long drain(struct reader *r)
{
	struct record rec;
	struct error err;
	long n = 0;
	int k;

	if (!r)
		return -2;
	while ((k = reader_next(r, &rec, &err)) == 1)
		n++;
	return k < 0 ? -1 : n;
}

static const struct reader_column events[] = {
	{"time", 1}, {"user", 1}, {"feature", 1},
};

/* The columns of a ticket export (--delimiter, --default, Name#N and
 * --encoding, issue #11). */
static const struct reader_column tick[] = {
	{"id", 1}, {"sprint", 0}, {"status", 1}, {"end", 0},
};

#endif
