/* Unit tests of strtab and quantile; expected values worked by hand. */
#include <stdlib.h>

#include "check.h"
#include "base/quantile.h"
#include "base/strtab.h"

static void strtab_ids_are_dense_and_stable(void)
{
	struct strtab *t = strtab_new();
	size_t id = 99;
	char name[32];
	int i;

	CHECK_INT(strtab_intern(t, "li.wei", 6), 0);
	CHECK_INT(strtab_intern(t, "项目经理", strlen("项目经理")), 1);
	CHECK_INT(strtab_intern(t, "li.wei", 6), 0);
	/* a prefix is a different string */
	CHECK_INT(strtab_intern(t, "li.we", 5), 2);
	CHECK(strtab_find(t, "项目经理", strlen("项目经理"), &id));
	CHECK_INT(id, 1);
	CHECK(!strtab_find(t, "nobody", 6, &id));
	CHECK_STR(strtab_str(t, 1), "项目经理");
	CHECK(strtab_str(t, 3) == NULL);
	/* growth past many rehashes keeps every id */
	for (i = 0; i < 5000; i++) {
		snprintf(name, sizeof name, "user%d", i);
		CHECK_INT(strtab_intern(t, name, strlen(name)), i + 3);
	}
	for (i = 0; i < 5000; i += 97) {
		snprintf(name, sizeof name, "user%d", i);
		CHECK(strtab_find(t, name, strlen(name), &id));
		CHECK_INT(id, i + 3);
	}
	CHECK_INT(strtab_count(t), 5003);
	strtab_free(t);
	strtab_free(NULL);
}

/* A pool of generated strings for strtab_many_strings. */
struct pool {
	char *buf;
	size_t used, n;
	size_t *off, *len;
};

static void pool_add(struct pool *p, const char *s, size_t len)
{
	memcpy(p->buf + p->used, s, len);
	p->off[p->n] = p->used;
	p->len[p->n++] = len;
	/* no NUL after the string: strtab must go by len alone */
	p->used += len;
	p->buf[p->used++] = 'z';
}

/* Every generated string is distinct by construction, so the ids must come
 * out 0, 1, 2, ... in order: a hash or compare that missed a byte, or took
 * a matching hash tag for a match, would merge two of them. */
static void strtab_many_strings(void)
{
	/* lengths around the word sizes the hash and compare use */
	static const size_t one_byte_lens[] = {1, 2, 3, 4, 5, 7, 8, 9, 12, 15, 16,
		17, 23, 24, 25, 31, 32, 33, 64, 200};
	static const unsigned char vals[] = {0, 1, 'b', 0x80, 0xff};
	static const size_t nul_lens[] = {7, 8, 9, 16, 17};
	static const size_t absent_lens[] = {10, 11, 13, 18, 40};
	const char *prefix = "projects/attachments/upload/2024/region/";
	struct pool p;
	struct strtab *t = strtab_new();
	const char **ptr;
	char s[256];
	size_t i, j, k, id, n, bad_id = 0, bad_find = 0, bad_str = 0, bad_ptr = 0;

	p.buf = malloc(16 * 1024 * 1024);
	p.off = malloc(300000 * sizeof *p.off);
	p.len = malloc(300000 * sizeof *p.len);
	p.used = p.n = 0;
	CHECK_INT(strlen(prefix), 40);
	/* the empty string */
	pool_add(&p, "", 0);
	/* strings of 'x' and the same with any one byte changed: every byte
	 * position must count, in hash and compare */
	for (i = 0; i < sizeof one_byte_lens / sizeof *one_byte_lens; i++) {
		size_t len = one_byte_lens[i];
		memset(s, 'x', len);
		pool_add(&p, s, len);
		for (j = 0; j < len; j++)
			for (k = 0; k < sizeof vals; k++) {
				s[j] = (char)vals[k];
				pool_add(&p, s, len);
				s[j] = 'x';
			}
	}
	/* 60000 sharing a 40-byte prefix (41 to 45 bytes) */
	for (i = 0; i < 60000; i++) {
		int len = snprintf(s, sizeof s, "%s%zu", prefix, i);
		pool_add(&p, s, (size_t)len);
	}
	/* 5 x 30000 of mostly NUL bytes, a counter in the first, middle and
	 * last bytes; at least four NULs each, so none is one of the above */
	for (i = 0; i < sizeof nul_lens / sizeof *nul_lens; i++) {
		size_t len = nul_lens[i];
		for (j = 0; j < 30000; j++) {
			memset(s, 0, len);
			s[0] = (char)(j & 0xff);
			s[len / 2] = (char)(j >> 8);
			s[len - 1] = (char)(j % 251);
			pool_add(&p, s, len);
		}
	}
	n = p.n;
	CHECK(n > 200000);

	ptr = malloc(n * sizeof *ptr);
	for (i = 0; i < n; i++) {
		id = strtab_intern(t, p.buf + p.off[i], p.len[i]);
		bad_id += id != i;
		ptr[i] = strtab_str(t, i);
	}
	CHECK_INT(strtab_count(t), n);
	/* again in a scattered order (7919 is prime and does not divide n) */
	CHECK(n % 7919 != 0);
	for (i = 0, j = 0; i < n; i++, j = (j + 7919) % n) {
		id = strtab_intern(t, p.buf + p.off[j], p.len[j]);
		bad_id += id != j;
		bad_find += !strtab_find(t, p.buf + p.off[j], p.len[j], &id) || id != j;
	}
	CHECK_INT(strtab_count(t), n);
	for (i = 0; i < n; i++) {
		const char *str = strtab_str(t, i);
		/* owned copies, NUL-terminated, never moved by later growth */
		bad_str += !str || memcmp(str, p.buf + p.off[i], p.len[i]) != 0
			   || str[p.len[i]] != '\0' || str == p.buf + p.off[i];
		bad_ptr += str != ptr[i];
	}
	CHECK_INT(bad_id, 0);
	CHECK_INT(bad_find, 0);
	CHECK_INT(bad_str, 0);
	CHECK_INT(bad_ptr, 0);
	CHECK(strtab_str(t, n) == NULL);
	/* prefixes of the shared-prefix strings at lengths no string has */
	for (i = 0; i < sizeof absent_lens / sizeof *absent_lens; i++) {
		id = 12345;
		CHECK(!strtab_find(t, prefix, absent_lens[i], &id));
		CHECK_INT(id, 12345);
	}
	CHECK_INT(strtab_count(t), n);
	free(ptr);
	free(p.buf);
	free(p.off);
	free(p.len);
	strtab_free(t);
}

/* Strings too long for the arena's current block get blocks of their own;
 * short ones before and after them must keep their place and content. */
static void strtab_long_strings(void)
{
	static const size_t lens[] = {300, 5, 100000, 9, 255, 256, 257, 1 << 20, 0, 17};
	enum { N = sizeof lens / sizeof *lens };
	struct strtab *t = strtab_new();
	const char *ptr[N];
	char *s[N];
	size_t i, j, id;

	for (i = 0; i < N; i++) {
		s[i] = malloc(lens[i] + 1);
		for (j = 0; j < lens[i]; j++)
			s[i][j] = (char)('a' + (i + j * 7) % 26);
		CHECK_INT(strtab_intern(t, s[i], lens[i]), i);
		ptr[i] = strtab_str(t, i);
	}
	for (i = 0; i < N; i++) {
		CHECK_INT(strtab_intern(t, s[i], lens[i]), i);
		CHECK(strtab_find(t, s[i], lens[i], &id) && id == i);
		CHECK(strtab_str(t, i) == ptr[i]);
		CHECK(memcmp(ptr[i], s[i], lens[i]) == 0 && ptr[i][lens[i]] == '\0');
		free(s[i]);
	}
	CHECK_INT(strtab_count(t), N);
	strtab_free(t);
}

/* Pairs whose 64-bit hashes (hash_bytes in lib/strtab.c) share the high 32
 * bits, the tag kept in each slot, and the low 6 bits, the slot in a fresh
 * 64-slot table, so the second of each pair probes past the first with a
 * matching tag and is told apart only by the length and the bytes.  Found
 * by brute force over a few million candidates; were the hash changed they
 * would no longer collide and this test would prove less. */
static void strtab_tag_collisions(void)
{
	static const char *pairs[][2] = {
		{"tag1562354", "tag2475642"},	/* same length */
		{"collide.user.1343995", "collide.user.2592953"},	/* > 16 bytes */
		{"tag150188", "tag1560332"},	/* lengths 9 and 10 */
		{"collide.user.83403", "tag2199482"},
		/* equal but for bytes 4-6, 8-11, 12-15: each part of the short
		 * compare must look at every byte */
		{"projB&t", "proj)5G"},
		{"user.nam}GWd", "user.namU1Re"},
		{"feature.upldOc1a", "feature.upldjx|d"},
	};
	size_t i, j, id;

	for (i = 0; i < sizeof pairs / sizeof *pairs; i++) {
		struct strtab *t = strtab_new();
		for (j = 0; j < 2; j++)
			CHECK_INT(strtab_intern(t, pairs[i][j], strlen(pairs[i][j])), j);
		for (j = 0; j < 2; j++) {
			CHECK_INT(strtab_intern(t, pairs[i][j], strlen(pairs[i][j])), j);
			CHECK(strtab_find(t, pairs[i][j], strlen(pairs[i][j]), &id));
			CHECK_INT(id, j);
			CHECK_STR(strtab_str(t, j), pairs[i][j]);
		}
		CHECK_INT(strtab_count(t), 2);
		strtab_free(t);
	}
}

static void quantile_nearest_rank(void)
{
	struct quantile *q = quantile_new();
	int i;

	CHECK(quantile_get(q, 0.5) != quantile_get(q, 0.5)); /* NaN when empty */
	/* 1..100 in reverse: nearest rank p95 = the 95th value = 95 */
	for (i = 100; i >= 1; i--)
		quantile_add(q, i);
	CHECK_NEAR(quantile_get(q, 0.95), 95, 0);
	CHECK_NEAR(quantile_get(q, 0.5), 50, 0);
	CHECK_NEAR(quantile_get(q, 1.0), 100, 0);
	CHECK_NEAR(quantile_get(q, 0.001), 1, 0);
	/* adding after a query still counts */
	quantile_add(q, 1000);
	quantile_add(q, 1000);
	/* n = 102: rank ceil(0.95 * 102) = 97 -> value 97 */
	CHECK_NEAR(quantile_get(q, 0.95), 97, 0);
	CHECK_INT(quantile_count(q), 102);
	quantile_free(q);
}

static void quantile_repeats_and_merge(void)
{
	struct quantile *a = quantile_new(), *b = quantile_new();
	int i;

	/* a: 90 x 10 ms, b: 10 x 500 ms; merged p95 = rank 95 -> 500, p90 = 10 */
	for (i = 0; i < 90; i++)
		quantile_add(a, 10);
	for (i = 0; i < 10; i++)
		quantile_add(b, 500);
	quantile_add(b, 1.0 / 0.0);	/* ignored */
	quantile_merge(a, b);
	CHECK_INT(quantile_count(a), 100);
	CHECK_NEAR(quantile_get(a, 0.90), 10, 0);
	CHECK_NEAR(quantile_get(a, 0.95), 500, 0);
	/* -0 and 0 are one value */
	quantile_add(b, 0.0);
	quantile_add(b, -0.0);
	CHECK_NEAR(quantile_get(b, 0.1), 0, 0);
	quantile_free(a);
	quantile_free(b);
}

/* A fixed-seed LCG: the same values on every run. */
static uint64_t lcg_next(uint64_t *x)
{
	*x = *x * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
	return *x >> 33;
}

/* Values of every kind quantile keeps apart: whole latencies, whole
 * numbers on both sides of 2^20, fractions, negatives, both zeros, huge,
 * tiny, and the non-finite ones it must ignore. */
static double mixed_value(uint64_t *x)
{
	uint64_t r = lcg_next(x), k = r % 100, m = lcg_next(x);

	if (k < 55)
		return (double)(m % 20000);
	if (k < 65)
		return 1048576.0 + (double)(m % 64) - 32;
	if (k < 73)
		return (double)(m % 3000) + 0.5;
	if (k < 76)
		return 12.5;
	if (k < 82)
		return -(double)(m % 500) - (m & 1 ? 0.25 : 0);
	if (k < 85)
		return m & 1 ? -0.0 : 0.0;
	if (k < 88)
		return 1e12 + (double)(m % 4);
	if (k < 90)
		return 4294967296.0 + (double)(m % 3);	/* wraps as uint32_t */
	if (k < 92)
		return m & 1 ? 1048575.5 : 1e-300;
	if (k < 94)
		return 1.0 / 0.0;
	if (k < 96)
		return -1.0 / 0.0;
	return nan("");
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The reference: values kept in an array and sorted; the nearest rank of
 * p = k / 1000 worked out in integers. */
struct ref {
	double *v;
	size_t n;
};

static void ref_sort(struct ref *r)
{
	qsort(r->v, r->n, sizeof *r->v, cmp_double);
}

/* Counts where quantile_get(q, p) differs from the rank-th smallest
 * reference value; prints the first few. */
static int rank_differs(struct quantile *q, const struct ref *r, double p,
			size_t rank, int *bad)
{
	double got = quantile_get(q, p), want = r->v[rank - 1];

	if (got == want)
		return 0;
	if ((*bad)++ < 5)
		fprintf(stderr, "p %.17g rank %zu of %zu: got %.17g, want %.17g\n",
			p, rank, r->n, got, want);
	return 1;
}

/* Every p = k / 1000, and p = rank / n on both sides of every 41st
 * change of value (every one would take seconds): the exact boundaries of
 * the ranks.  Returns the mismatches. */
static int check_against(struct quantile *q, const struct ref *r)
{
	int bad = 0;
	size_t k, i, changes = 0;

	if (quantile_count(q) != r->n)
		return 1;
	for (k = 1; k <= 1000; k++)
		rank_differs(q, r, (double)k / 1000, (k * r->n + 999) / 1000, &bad);
	for (i = 1; i < r->n; i++) {
		if (r->v[i - 1] == r->v[i] || changes++ % 41)
			continue;
		rank_differs(q, r, (double)i / (double)r->n, i, &bad);
		rank_differs(q, r, (double)(i + 1) / (double)r->n, i + 1, &bad);
	}
	rank_differs(q, r, 1e-9, 1, &bad);
	rank_differs(q, r, 1.0, r->n, &bad);
	return bad;
}

struct each_sum {
	uint64_t n;
	size_t distinct;
	struct quantile *copy;
};

static void each_sum(double v, uint64_t n, void *ctx)
{
	struct each_sum *s = ctx;

	s->n += n;
	s->distinct++;
	quantile_add_n(s->copy, v, n);
}

static size_t ref_distinct(const struct ref *r)
{
	size_t i, d = r->n > 0;

	for (i = 1; i < r->n; i++)
		d += r->v[i - 1] != r->v[i];
	return d;
}

/* Dense counters and hash buckets interleaved must answer exactly as a
 * sort of every value does. */
static void quantile_matches_sorting(void)
{
	enum { N = 300000 };
	struct quantile *all = quantile_new(), *inc = quantile_new(),
		*half1 = quantile_new(), *half2 = quantile_new();
	struct ref whole = { calloc(N, sizeof(double)), 0 };
	struct ref first = { calloc(N, sizeof(double)), 0 };
	struct each_sum s = { 0, 0, quantile_new() };
	uint64_t x = 12345;
	size_t i;

	for (i = 0; i < N; i++) {
		double v = mixed_value(&x);
		quantile_add(all, v);
		quantile_add(i < N / 2 ? half1 : half2, v);
		quantile_add(inc, v);
		if (isfinite(v)) {
			whole.v[whole.n++] = v;
			if (i < N / 2)
				first.v[first.n++] = v;
		}
		if (i == N / 2 - 1) {
			/* sorts inc's buckets: the adds that follow must undo it */
			ref_sort(&first);
			CHECK_INT(check_against(inc, &first), 0);
		}
	}
	ref_sort(&whole);
	CHECK(whole.n > N / 2);
	CHECK_INT(quantile_count(all), whole.n);
	CHECK_INT(check_against(all, &whole), 0);
	CHECK_INT(check_against(inc, &whole), 0);
	/* merging a sorted source, and adding to a sorted destination */
	CHECK_INT(check_against(half1, &first), 0);
	quantile_get(half2, 0.5);
	quantile_merge(half1, half2);
	CHECK_INT(check_against(half1, &whole), 0);
	/* saved with quantile_each and read back with quantile_add_n */
	quantile_each(all, each_sum, &s);
	CHECK_INT(s.n, quantile_count(all));
	CHECK_INT(s.distinct, ref_distinct(&whole));
	quantile_add_n(s.copy, 7, 0);
	quantile_add_n(s.copy, nan(""), 3);
	CHECK_INT(check_against(s.copy, &whole), 0);
	/* adding after a query, to both parts */
	quantile_add_n(all, 5, 10000000);
	quantile_add_n(all, -1e9, 10000000);
	CHECK_NEAR(quantile_get(all, 0.45), -1e9, 0);
	CHECK_NEAR(quantile_get(all, 0.6), 5, 0);
	quantile_free(all);
	quantile_free(inc);
	quantile_free(half1);
	quantile_free(half2);
	quantile_free(s.copy);
	free(whole.v);
	free(first.v);
}

/* Only values outside the counters, and the largest whole one. */
static void quantile_outside_counters(void)
{
	struct quantile *q = quantile_new();

	quantile_add(q, 2.5);
	quantile_add(q, 0.5);
	quantile_add(q, 1.5);
	CHECK_NEAR(quantile_get(q, 0.5), 1.5, 0);
	CHECK_NEAR(quantile_get(q, 1.0), 2.5, 0);
	quantile_add(q, 1048575);
	quantile_add(q, 1048576);
	CHECK_NEAR(quantile_get(q, 0.8), 1048575, 0);
	CHECK_NEAR(quantile_get(q, 1.0), 1048576, 0);
	CHECK_NEAR(quantile_get(q, 0.1), 0.5, 0);
	quantile_free(q);
}

int main(void)
{
	TEST_RUN(strtab_ids_are_dense_and_stable);
	TEST_RUN(strtab_many_strings);
	TEST_RUN(strtab_long_strings);
	TEST_RUN(strtab_tag_collisions);
	TEST_RUN(quantile_nearest_rank);
	TEST_RUN(quantile_repeats_and_merge);
	TEST_RUN(quantile_matches_sorting);
	TEST_RUN(quantile_outside_counters);
	return TEST_EXIT();
}
