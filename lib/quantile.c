/* quantile: a hash table from value to count (open addressing on the
 * value's bits), sorted into a cumulative array only when asked. */
#include "quantile.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct bucket {
	double v;
	uint64_t n;	/* 0: free slot */
};

struct quantile {
	struct bucket *b;
	size_t nslots, used;
	uint64_t total;
	int sorted;		/* b[0..used) compacted and sorted */
};

struct quantile *quantile_new(void)
{
	struct quantile *q = xcalloc(1, sizeof *q);

	q->nslots = 16;
	q->b = xcalloc(q->nslots, sizeof *q->b);
	return q;
}

void quantile_free(struct quantile *q)
{
	if (!q)
		return;
	free(q->b);
	free(q);
}

static size_t slot_of(double v, size_t mask)
{
	uint64_t h;

	v += 0.0;	/* -0.0 becomes 0.0: one value */
	memcpy(&h, &v, sizeof h);
	h ^= h >> 33;
	h *= UINT64_C(0xff51afd7ed558ccd);
	h ^= h >> 33;
	return (size_t)h & mask;
}

/* Rebuilds the table with nslots slots from whatever buckets it holds. */
static void rehash(struct quantile *q, size_t nslots)
{
	struct bucket *old = q->b;
	size_t oldn = q->nslots, i;

	q->b = xcalloc(nslots, sizeof *q->b);
	q->nslots = nslots;
	for (i = 0; i < oldn; i++) {
		size_t j;
		if (!old[i].n)
			continue;
		j = slot_of(old[i].v, nslots - 1);
		while (q->b[j].n)
			j = (j + 1) & (nslots - 1);
		q->b[j] = old[i];
	}
	free(old);
	q->sorted = 0;
}

static void add_count(struct quantile *q, double v, uint64_t n)
{
	size_t mask, i;

	if (q->sorted)
		rehash(q, q->nslots);
	mask = q->nslots - 1;
	i = slot_of(v, mask);
	while (q->b[i].n && q->b[i].v != v)
		i = (i + 1) & mask;
	if (!q->b[i].n) {
		q->b[i].v = v == 0 ? 0 : v;
		q->used++;
	}
	q->b[i].n += n;
	q->total += n;
	if (q->used * 2 > q->nslots)
		rehash(q, q->nslots * 2);
}

void quantile_add(struct quantile *q, double v)
{
	if (isfinite(v))
		add_count(q, v, 1);
}

void quantile_prefetch(const struct quantile *q, double v)
{
#if defined(__GNUC__)
	if (q && !q->sorted && isfinite(v))
		__builtin_prefetch(&q->b[slot_of(v, q->nslots - 1)]);
#else
	(void)q;
	(void)v;
#endif
}

void quantile_merge(struct quantile *dst, const struct quantile *src)
{
	size_t i, n = src->sorted ? src->used : src->nslots;

	for (i = 0; i < n; i++)
		if (src->b[i].n)
			add_count(dst, src->b[i].v, src->b[i].n);
}

void quantile_add_n(struct quantile *q, double v, uint64_t n)
{
	if (isfinite(v) && n)
		add_count(q, v, n);
}

void quantile_each(const struct quantile *q,
		   void (*fn)(double v, uint64_t n, void *ctx), void *ctx)
{
	size_t i, n = q->sorted ? q->used : q->nslots;

	for (i = 0; i < n; i++)
		if (q->b[i].n)
			fn(q->b[i].v, q->b[i].n, ctx);
}

uint64_t quantile_count(const struct quantile *q)
{
	return q->total;
}

static int cmp_bucket(const void *a, const void *b)
{
	double x = ((const struct bucket *)a)->v, y = ((const struct bucket *)b)->v;
	return (x > y) - (x < y);
}

double quantile_get(struct quantile *q, double p)
{
	uint64_t rank, seen = 0;
	size_t i, k = 0;

	if (q->total == 0)
		return NAN;
	if (!q->sorted) {
		for (i = 0; i < q->nslots; i++)
			if (q->b[i].n)
				q->b[k++] = q->b[i];
		memset(q->b + k, 0, (q->nslots - k) * sizeof *q->b);
		qsort(q->b, k, sizeof *q->b, cmp_bucket);
		q->sorted = 1;
	}
	if (p <= 0)
		p = 1e-12;
	if (p > 1)
		p = 1;
	rank = (uint64_t)ceil(p * (double)q->total - 1e-9);
	if (rank < 1)
		rank = 1;
	for (i = 0; i < q->used; i++) {
		seen += q->b[i].n;
		if (seen >= rank)
			return q->b[i].v;
	}
	return q->b[q->used - 1].v;
}
