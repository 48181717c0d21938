/* quantile: exact percentiles over a stream of values, in memory that
 * grows with the number of DISTINCT values, not with the stream: counts
 * per distinct value, whole numbers below 2^20 (latencies in whole
 * milliseconds) in counters indexed by value, allocated a page at a time
 * as touched, and every other value in a hash table.  Two distributions
 * merge exactly, so shards can be combined. */
#ifndef UPKEEP_QUANTILE_H
#define UPKEEP_QUANTILE_H

#include <stdint.h>

struct quantile;

struct quantile *quantile_new(void);
void quantile_free(struct quantile *q);
/* NaN and infinities are ignored. */
void quantile_add(struct quantile *q, double v);
/* A hint, no effect on the result: quantile_add(q, v) comes soon, so that
 * the memory it touches can be fetched meanwhile.  q may be NULL. */
void quantile_prefetch(const struct quantile *q, double v);
void quantile_merge(struct quantile *dst, const struct quantile *src);
/* quantile_merge for a src that is freed next: its pages dst lacks are
 * moved, not copied (half the memory at the peak of a merge of -j's
 * ranges).  Only quantile_free may follow on src. */
void quantile_absorb(struct quantile *dst, struct quantile *src);
/* Adds n values v at once (a saved distribution read back). */
void quantile_add_n(struct quantile *q, double v, uint64_t n);
/* Calls fn once per distinct value with its count, in no set order (to
 * save a distribution). */
void quantile_each(const struct quantile *q,
		   void (*fn)(double v, uint64_t n, void *ctx), void *ctx);
uint64_t quantile_count(const struct quantile *q);
/* The p-quantile (0 < p <= 1) by the nearest-rank method: the smallest
 * value v such that at least ceil(p * n) values are <= v.  NaN when the
 * distribution is empty. */
double quantile_get(struct quantile *q, double p);

#endif
