/* Unit tests for lib/io/source.c, the byte source: standard input
 * through a pipe, --encoding through iconv.
 * Inputs are written to a mkdtemp folder (reader_fixture.h); expected
 * values, line numbers and messages are worked out by hand from the input
 * text (the comments count the lines). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "io/reader.h"
#include "reader_fixture.h"

/* Standard input through a pipe: no seeking possible. */
static void test_stdin(void)
{
	static const char *const data[] = {
		"[\n{\"a\": \"x\"},\n{\"a\": \"y\"}]\n",
		"a\tb\n1\t2\n3\t4\n",
	};
	static const enum reader_format want[] = {READER_JSON, READER_TSV};
	int saved = dup(0);
	size_t i;

	for (i = 0; i < 2; i++) {
		int fd[2];
		struct error err;
		struct reader *r;

		if (pipe(fd) < 0)
			return;
		if (write(fd[1], data[i], strlen(data[i])) < 0)
			return;
		close(fd[1]);
		dup2(fd[0], 0);
		close(fd[0]);
		clearerr(stdin);
		r = reader_open(i ? "-" : NULL, &defcfg, NULL, 0, &err);
		CHECK(r != NULL);
		if (!r)
			continue;
		CHECK_STR(reader_path(r), "stdin");
		CHECK_INT(reader_format(r), want[i]);
		CHECK_INT(drain(r), 2);
		reader_close(r);
	}
	dup2(saved, 0);
	close(saved);
	clearerr(stdin);
}

/* --encoding (issue #11). */
static void test_encoding(void)
{
	struct reader_config cfg = defcfg;
	struct colmap *map = colmap_new();
	struct error err;
	struct record rec;
	struct reader *r;
	const char *p;

	/* Latin-1: every byte is a character; "Priorit\xe4t" matches the
	 * UTF-8 name */
	CHECK_INT(colmap_add(map, "status=Priorit\xc3\xa4t", &err), 0);
	cfg.map = map;
	cfg.encoding = "ISO-8859-1";
	p = PUT("latin1.csv", "id,Priorit\xe4t\nStra\xdf\x65,h\xf6\x63hste\n");
	r = reader_open(p, &cfg, tick, 4, &err);
	CHECK(r != NULL);
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK(is(&rec, 0, "Stra\xc3\x9f" "e"));
	CHECK(is(&rec, 2, "h\xc3\xb6" "chste"));
	reader_close(r);

	/* Windows-1252: 0x80 is the euro sign, 0x81 is not a character: its
	 * row is rejected where a wanted column holds it, ignored elsewhere */
	cfg.encoding = "WINDOWS-1252";
	p = PUT("cp1252.csv",
		"id,Priorit\xe4t,other\n"		/* line 1 */
		"\x80 1,\x93hi\x94,x\n"		/* line 2 */
		"2,bad \x81,x\n"			/* line 3 */
		"3,ok,bad \x81\n");			/* line 4 */
	r = reader_open(p, &cfg, tick, 4, &err);
	CHECK(r != NULL);
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK(is(&rec, 0, "\xe2\x82\xac 1"));
	CHECK(is(&rec, 2, "\xe2\x80\x9chi\xe2\x80\x9d"));
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK(is(&rec, 0, "3"));
	CHECK_INT(reader_next(r, &rec, &err), 0);
	CHECK_INT(reader_rejected(r), 1);
	CHECK_INT(reader_first_reject_line(r), 3);
	CHECK_STR(reader_first_reject_reason(r), "column \"status\": invalid UTF-8");
	CHECK(reader_seek(r, 0, 1, &err) < 0);
	reader_close(r);

	/* more input than one conversion buffer, with a two-byte result
	 * split at every possible place */
	{
		size_t n = 200000, i, len;
		char *big = malloc(n + 32);
		long rows;
		if (!big) {
			CHECK(big != NULL);
			return;
		}
		len = (size_t)snprintf(big, 32, "id,Priorit\xe4t\n");
		for (i = 0; len + 8 < n; i++) {
			memcpy(big + len, "\xe9,\xe4\xe4\n", 5);
			len += 5;
		}
		r = reader_open(put("bigl1.csv", big, len), &cfg, tick, 4, &err);
		rows = drain(r);
		CHECK_INT(rows, (long)i);
		CHECK_INT(reader_rejected(r), 0);
		reader_close(r);
		free(big);
	}

	cfg.encoding = "NO-SUCH-ENCODING";
	r = reader_open(p, &cfg, tick, 4, &err);
	CHECK(r == NULL);
	CHECK_STR(err.msg, "unknown encoding \"NO-SUCH-ENCODING\" (iconv -l lists them)");
	CHECK(!reader_encoding_ok("NO-SUCH-ENCODING"));
	CHECK(reader_encoding_ok("latin1"));
	colmap_free(map);
}

int main(void)
{
	if (fixture_begin("test_source") < 0)
		return 2;
	TEST_RUN(test_stdin);
	TEST_RUN(test_encoding);
	fixture_end();
	return TEST_EXIT();
}
