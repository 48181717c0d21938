/* fuzz_jsonflat: differential test of the reader's JSON fast path
 * (lib/jsonflat.c) against jansson, on any bytes.
 * 1. Each line that jsonflat_parse accepts, jansson must read as an object
 *    with the same members: keys in the order of their first appearance, a
 *    repeated key holding its last value (jansson's rule), each value of
 *    the same type and, for strings and integers, the same text, for
 *    reals the same double.  A short
 *    cap must give the same count and the same first members.
 * 2. The whole input read as NDJSON (and, after the first byte, as a JSON
 *    array) by two readers, one with the fast path and one sending every
 *    record to jansson (reader_set_slow_paths), must give the same records,
 *    line numbers, offsets, rejects (with their reasons and text) and
 *    counts; half the runs ask for named columns (with --null and
 *    --default), half read every key in raw mode; some add --trim and a
 *    --map that reads two columns from one key (their values must not
 *    share bytes).
 * 3. The line after PAD spaces (longer than jsonflat's bit maps go, so
 *    read by its byte loops) must give the same members as the line
 *    alone (read by the maps when it is 16 to 2048 bytes long), shifted
 *    by PAD. */
#include "fuzz_common.h"
#include "fuzz_paths.h"

#include <inttypes.h>
#include <jansson.h>

#include "io/jsonflat.h"
#include "io/reader.h"

#define MAX_MEMBERS 256
#define PAD 4096	/* more than jsonflat's MAP_MAX */

static int same_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
	return alen == blen && memcmp(a, b, alen) == 0;
}

/* The value of member x, as jansson holds it, matches j. */
static void same_value(const char *s, const struct jsonflat_member *x,
		       const json_t *j)
{
	char num[64];

	switch (x->type) {
	case JSONFLAT_STRING:
		if (!json_is_string(j) ||
		    !same_bytes(json_string_value(j), json_string_length(j),
				s + x->val, x->val_len))
			abort();
		break;
	case JSONFLAT_NUMBER:
		if (!json_is_integer(j))
			abort();
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(j));
		if (!same_bytes(num, strlen(num), s + x->val, x->val_len))
			abort();
		break;
	case JSONFLAT_REAL: {
		double d = json_is_real(j) ? json_real_value(j) : 0;
		if (!json_is_real(j) || memcmp(&d, &x->real, sizeof d) != 0)
			abort();
		break;
	}
	case JSONFLAT_TRUE:
		if (!json_is_true(j))
			abort();
		break;
	case JSONFLAT_FALSE:
		if (!json_is_false(j))
			abort();
		break;
	case JSONFLAT_NULL:
		if (!json_is_null(j))
			abort();
		break;
	}
}

/* Part 1: one line s[0..n). */
static void one_line(const char *s, size_t n, size_t small)
{
	struct jsonflat_member m[MAX_MEMBERS], m2[MAX_MEMBERS];
	long k = jsonflat_parse(s, n, m, MAX_MEMBERS);
	json_t *j;
	void *it;
	size_t i, pos = 0;

	if (k < 0)
		return;
	if (k > MAX_MEMBERS)
		return;		/* not compared */
	j = json_loadb(s, n, JSON_DECODE_ANY, NULL);
	if (!j || !json_is_object(j))
		abort();
	/* jansson's members, in order: the first appearance of each key of
	 * m[], with the value of its last appearance */
	for (it = json_object_iter(j); it; it = json_object_iter_next(j, it), pos++) {
		const char *key = json_object_iter_key(it);
		size_t klen = strlen(key), first = SIZE_MAX, last = 0, seen = 0;

		for (i = 0; i < (size_t)k; i++) {
			if (!same_bytes(s + m[i].key, m[i].key_len, key, klen))
				continue;
			if (first == SIZE_MAX)
				first = i;
			last = i;
		}
		if (first == SIZE_MAX)
			abort();
		/* pos-th distinct key of m[] is this one */
		for (i = 0; i < first; i++) {
			size_t p;
			for (p = 0; p < i; p++)
				if (same_bytes(s + m[p].key, m[p].key_len,
					       s + m[i].key, m[i].key_len))
					break;
			if (p == i)
				seen++;
		}
		if (seen != pos)
			abort();
		same_value(s, &m[last], json_object_iter_value(it));
	}
	if (pos > (size_t)k || (pos == 0 && k != 0))
		abort();
	json_decref(j);
	/* a short cap: the same count, the same first members */
	if (small < (size_t)k) {
		memset(m2, 0xAB, sizeof m2);
		if (jsonflat_parse(s, n, m2, small) != k)
			abort();
		for (i = 0; i < small; i++)
			if (m2[i].key != m[i].key || m2[i].key_len != m[i].key_len ||
			    m2[i].val != m[i].val || m2[i].val_len != m[i].val_len ||
			    m2[i].type != m[i].type)
				abort();
		if (m2[small].key != (size_t)0xABABABABABABABABu)
			abort();
	}
}

/* Part 3: s[0..n) read by the bit maps and by the byte loops. */
static void maps_and_loops(const char *s, size_t n)
{
	static struct jsonflat_member m[MAX_MEMBERS], m2[MAX_MEMBERS];
	static char buf[PAD + 65536];
	long k, k2, i;

	if (n > sizeof buf - PAD)
		return;
	memset(buf, ' ', PAD);
	memcpy(buf + PAD, s, n);
	k = jsonflat_parse(s, n, m, MAX_MEMBERS);
	k2 = jsonflat_parse(buf, PAD + n, m2, MAX_MEMBERS);
	if (k != k2)
		abort();
	for (i = 0; i < k && i < MAX_MEMBERS; i++)
		if (m2[i].key != m[i].key + PAD || m2[i].key_len != m[i].key_len ||
		    m2[i].val != m[i].val + PAD || m2[i].val_len != m[i].val_len ||
		    m2[i].type != m[i].type)
			abort();
}

static void lines(const uint8_t *data, size_t size)
{
	size_t i = 0;

	one_line((const char *)data, size, size % 5);	/* all of it, LFs too */
	while (i < size) {
		const uint8_t *s = data + i, *nl = memchr(s, '\n', size - i);
		size_t n = nl ? (size_t)(nl - s) : size - i;

		one_line((const char *)s, n, n % 4);
		maps_and_loops((const char *)s, n);
		i += n + 1;
	}
}

/* Part 2: the same records from both readers (fuzz_paths.h). */
static void readers(const char *path, enum reader_format fmt, int mode)
{
	struct colmap *map = colmap_new();
	static const struct reader_column cols[] = {
		{ "time", 1 }, { "user", 0 }, { "status", 0 }, { "Latency_ms", 0 },
		{ "a", 0 }, { "b", 0 },
	};
	static const char *const nulls[] = { "-", "n/a", NULL };
	struct reader_config cfg = {0};
	struct colmap *dflt = colmap_new();
	struct error err;

	cfg.format = fmt;
	cfg.strict = mode & 2 ? 1 : 0;
	if (mode & 4) {
		/* b from a's key too: two columns, one member */
		cfg.trim = 1;
		if (colmap_add(map, "b=a", &err) != 0)
			abort();
		cfg.map = map;
	}
	if (mode & 1) {
		cfg.nulls = nulls;
		if (colmap_add(dflt, "b=none", &err) != 0)
			abort();
		cfg.defaults = dflt;
		fuzz_same_paths(path, cfg, cols, sizeof cols / sizeof cols[0]);
	} else {
		fuzz_same_paths(path, cfg, NULL, 0);
	}
	colmap_free(dflt);
	colmap_free(map);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	lines(data + 1, size - 1);
	readers(fuzz_file(data + 1, size - 1, ".ndjson"), READER_NDJSON,
		(data[0] & 3) | (data[0] & 8 ? 4 : 0));
	if (data[0] & 4)
		readers(fuzz_file(data + 1, size - 1, ".json"), READER_JSON,
			(data[0] & 3) | (data[0] & 16 ? 4 : 0));
	return 0;
}
