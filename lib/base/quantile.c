/* quantile: counts per distinct value, sorted into ascending order only
 * when a quantile is asked for.
 *
 * Latencies are nearly always whole milliseconds below a minute, so those
 * are counted in place: a directory of pages of counters indexed by the
 * value itself, a page allocated when first touched.  An add is then two
 * dependent loads and an increment, with no hashing and no probing, and
 * the pages in use stay few and hot.  Every other finite value (fractions,
 * negatives, beyond 2^20) goes to a hash table keyed on the value's bits,
 * which is sorted into a compact array when asked.  No value can be in
 * both parts, so the ascending walk in quantile_get merges the two. */
#include "base/quantile.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

/* Dense values: whole numbers in [0, 2^DENSE_BITS).  A page counts
 * 2^PAGE_BITS consecutive ones: 2 KiB, small enough that a sparse tail
 * of large latencies costs little.  The directory grows to the highest
 * page used (2 KiB for latencies up to a minute, 32 KiB at most), so that
 * a log with thousands of features does not pay the whole of it for
 * each. */
#define DENSE_BITS 20
#define PAGE_BITS 8
#define PAGE_LEN ((uint32_t)1 << PAGE_BITS)
#define PAGE_MASK (PAGE_LEN - 1)
#define DIR_LEN ((size_t)1 << (DENSE_BITS - PAGE_BITS))

struct bucket {
	double v;
	uint64_t n;	/* 0: free slot */
};

struct quantile {
	uint64_t **dir;		/* ndir pages or NULL; NULL until needed */
	size_t ndir;		/* a power of two, at most DIR_LEN */
	uint64_t total;		/* values in both parts */
	struct bucket *b;	/* the values that are not dense */
	size_t nslots, used;
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
	if (q->dir) {
		size_t i;
		for (i = 0; i < q->ndir; i++)
			free(q->dir[i]);
	}
	free(q->dir);
	free(q->b);
	free(q);
}

/* 1 with *u set when v is a dense value.  The range test comes first so
 * that the conversion is defined; NaN fails it; -0.0 passes as 0. */
static int dense_of(double v, uint32_t *u)
{
	if (!(v >= 0 && v < (double)((uint32_t)1 << DENSE_BITS)))
		return 0;
	*u = (uint32_t)v;
	return v == (double)*u;
}

/* The directory grown to hold page p. */
static void dir_reach(struct quantile *q, size_t p)
{
	if (p >= q->ndir) {
		size_t n = q->ndir ? q->ndir : 8;
		while (n <= p)
			n *= 2;
		q->dir = xreallocarray(q->dir, n, sizeof *q->dir);
		memset(q->dir + q->ndir, 0, (n - q->ndir) * sizeof *q->dir);
		q->ndir = n;
	}
}

/* The counter of dense value u, its page allocated if need be. */
static uint64_t *dense_slot_new(struct quantile *q, uint32_t u)
{
	uint64_t **page;

	dir_reach(q, u >> PAGE_BITS);
	page = &q->dir[u >> PAGE_BITS];
	if (!*page)
		*page = xcalloc(PAGE_LEN, sizeof **page);
	return &(*page)[u & PAGE_MASK];
}

/* The hot path: a page in use is a plain increment. */
static void dense_add(struct quantile *q, uint32_t u, uint64_t n)
{
	uint64_t *page = (u >> PAGE_BITS) < q->ndir ? q->dir[u >> PAGE_BITS] : NULL;

	if (page)
		page[u & PAGE_MASK] += n;
	else
		*dense_slot_new(q, u) += n;
	q->total += n;
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

/* Counts a value that is not dense in the hash table. */
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
	uint32_t u;

	if (dense_of(v, &u))
		dense_add(q, u, 1);
	else if (isfinite(v))
		add_count(q, v, 1);
}

void quantile_prefetch(const struct quantile *q, double v)
{
#if defined(__GNUC__)
	uint32_t u;

	if (!q)
		return;
	if (dense_of(v, &u)) {
		/* a page not there yet is allocated by the add: nothing to
		 * fetch */
		const uint64_t *page = (u >> PAGE_BITS) < q->ndir
				       ? q->dir[u >> PAGE_BITS] : NULL;
		if (page)
			__builtin_prefetch(&page[u & PAGE_MASK], 1);
	} else if (!q->sorted && isfinite(v)) {
		__builtin_prefetch(&q->b[slot_of(v, q->nslots - 1)]);
	}
#else
	(void)q;
	(void)v;
#endif
}

/* quantile_merge, and with take set, src's pages that dst lacks are
 * moved to dst rather than copied. */
static void merge(struct quantile *dst, struct quantile *src, int take)
{
	size_t i, j, n = src->sorted ? src->used : src->nslots;

	/* page by page: dst gets a page wherever src has one */
	for (i = 0; i < src->ndir; i++) {
		uint64_t *from = src->dir[i];
		uint64_t *to;
		if (!from)
			continue;
		if (take && (i >= dst->ndir || !dst->dir[i])) {
			dir_reach(dst, i);
			dst->dir[i] = from;
			src->dir[i] = NULL;
			for (j = 0; j < PAGE_LEN; j++)
				dst->total += from[j];
			continue;
		}
		to = dense_slot_new(dst, (uint32_t)(i << PAGE_BITS));
		for (j = 0; j < PAGE_LEN; j++) {
			to[j] += from[j];
			dst->total += from[j];
		}
	}
	/* src's buckets hold no dense value, so dst's stay without one */
	for (i = 0; i < n; i++)
		if (src->b[i].n)
			add_count(dst, src->b[i].v, src->b[i].n);
}

void quantile_merge(struct quantile *dst, const struct quantile *src)
{
	merge(dst, (struct quantile *)(uintptr_t)src, 0);
}

void quantile_absorb(struct quantile *dst, struct quantile *src)
{
	merge(dst, src, 1);
}

void quantile_add_n(struct quantile *q, double v, uint64_t n)
{
	uint32_t u;

	if (!n)
		return;
	if (dense_of(v, &u))
		dense_add(q, u, n);
	else if (isfinite(v))
		add_count(q, v, n);
}

void quantile_each(const struct quantile *q,
		   void (*fn)(double v, uint64_t n, void *ctx), void *ctx)
{
	size_t i, j, n = q->sorted ? q->used : q->nslots;

	/* the dense values first, ascending */
	for (i = 0; i < q->ndir; i++) {
		const uint64_t *page = q->dir[i];
		for (j = 0; page && j < PAGE_LEN; j++)
			if (page[j])
				fn((double)(i << PAGE_BITS | j), page[j], ctx);
	}
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

/* Compacts the hash buckets into b[0..used) in ascending order; the next
 * add_count rehashes them.  The dense part is in order already. */
static void sort_hash(struct quantile *q)
{
	size_t i, k = 0;

	if (q->sorted)
		return;
	for (i = 0; i < q->nslots; i++)
		if (q->b[i].n)
			q->b[k++] = q->b[i];
	memset(q->b + k, 0, (q->nslots - k) * sizeof *q->b);
	qsort(q->b, k, sizeof *q->b, cmp_bucket);
	q->sorted = 1;
}

/* A walk through every value in ascending order, the dense counters and
 * the sorted buckets interleaved, until rank values are counted. */
struct walk {
	const struct quantile *q;
	uint64_t rank, seen;
	size_t h;	/* the next sorted bucket */
	double last;	/* the last value counted: the answer once done */
};

/* Counts n times v; 1 when that reaches the rank. */
static int walk_count(struct walk *w, double v, uint64_t n)
{
	w->last = v;
	w->seen += n;
	return w->seen >= w->rank;
}

/* Counts the sorted buckets below bound; 1 when the rank is reached. */
static int walk_buckets(struct walk *w, double bound)
{
	const struct bucket *b = w->q->b;

	for (; w->h < w->q->used && b[w->h].v < bound; w->h++)
		if (walk_count(w, b[w->h].v, b[w->h].n))
			return 1;
	return 0;
}

/* Counts one page of dense values from base, and the buckets among
 * them; 1 when the rank is reached. */
static int walk_page(struct walk *w, const uint64_t *page, uint32_t base)
{
	uint32_t j;

	for (j = 0; j < PAGE_LEN; j++) {
		double v = (double)(base + j);
		if (!page[j])
			continue;
		if (walk_buckets(w, v) || walk_count(w, v, page[j]))
			return 1;
	}
	return 0;
}

double quantile_get(struct quantile *q, double p)
{
	struct walk w = { .q = q };
	size_t i;

	if (q->total == 0)
		return (double)NAN;
	sort_hash(q);
	if (p <= 0)
		p = 1e-12;
	if (p > 1)
		p = 1;
	w.rank = (uint64_t)ceil(p * (double)q->total - 1e-9);
	if (w.rank < 1)
		w.rank = 1;
	for (i = 0; i < q->ndir; i++)
		if (q->dir[i] && walk_page(&w, q->dir[i], (uint32_t)(i << PAGE_BITS)))
			return w.last;
	/* the buckets above every dense value; past them all (a rank that
	 * rounding put beyond total) the largest value answers */
	walk_buckets(&w, HUGE_VAL);
	return w.last;
}
