/* Unit tests of quantile: nearest-rank percentiles worked by hand, and
 * against a sort of every value (the reference below) for values of every
 * kind the dense counters and the hash buckets keep apart. */
#include <stdlib.h>

#include "check.h"
#include "base/quantile.h"

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
		*half1 = quantile_new(), *half2 = quantile_new(),
		*took = quantile_new(), *given = quantile_new();
	struct ref whole = { calloc(N, sizeof(double)), 0 };
	struct ref first = { calloc(N, sizeof(double)), 0 };
	struct each_sum s = { 0, 0, quantile_new() };
	uint64_t x = 12345;
	size_t i;

	for (i = 0; i < N; i++) {
		double v = mixed_value(&x);
		quantile_add(all, v);
		quantile_add(i < N / 2 ? half1 : half2, v);
		/* the absorbed one has the second half: pages of values of
		 * both halves add, pages of the second half's alone move */
		quantile_add(i < N / 2 ? took : given, v);
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
	/* absorbing: the same answer, src's pages moved (ASan sees a page
	 * freed twice or lost) */
	quantile_absorb(took, given);
	CHECK_INT(check_against(took, &whole), 0);
	quantile_free(given);
	quantile_free(took);
	/* pages only src has move: 300 (page 1) and 70 000 (page 273, past
	 * dst's directory); 5 (page 0) adds; 0.5 is a bucket */
	took = quantile_new();
	given = quantile_new();
	quantile_add(took, 5);
	quantile_add(given, 5);
	quantile_add(given, 300);
	quantile_add(given, 70000);
	quantile_add(given, 0.5);
	quantile_absorb(took, given);
	quantile_free(given);
	CHECK_INT(quantile_count(took), 5);
	CHECK_NEAR(quantile_get(took, 0.2), 0.5, 0);	/* nearest rank 1 of 5 */
	CHECK_NEAR(quantile_get(took, 0.4), 5, 0);
	CHECK_NEAR(quantile_get(took, 0.6), 5, 0);
	CHECK_NEAR(quantile_get(took, 0.8), 300, 0);
	CHECK_NEAR(quantile_get(took, 1.0), 70000, 0);
	quantile_free(took);
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
	TEST_RUN(quantile_nearest_rank);
	TEST_RUN(quantile_repeats_and_merge);
	TEST_RUN(quantile_matches_sorting);
	TEST_RUN(quantile_outside_counters);
	return TEST_EXIT();
}
