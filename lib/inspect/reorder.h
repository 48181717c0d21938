/* reorder: the reordering window of inspect (--reorder-window).  Events
 * come nearly in time order; each waits until the newest time seen is
 * window_ms past it, then leaves in key order.  Those that come in key
 * order (nearly all, in a log) wait in a FIFO ring, the others in a
 * min-heap.  The frontier is the newest time minus window_ms: an event
 * before it is late (too old to be put in order; the caller keeps it
 * out).  The struct is the caller's (reorder_init / reorder_release) and
 * the per-event operations are inline, so that inspect's hot path pays
 * no call for them. */
#ifndef UPKEEP_REORDER_H
#define UPKEEP_REORDER_H

#include <stddef.h>
#include <stdint.h>

/* An event as it waits: its key and what inspect's order-sensitive checks
 * need of it (ids of its feature, user and ip, and a flag). */
struct reorder_item {
	int64_t key;		/* reorder_key(): time * 2 + a tie bit */
	uint64_t seq;		/* the event's place in the input: equal keys
				   leave in input order */
	uint32_t feat, user, ip;
	int failed_login;
};

/* Whether a leaves before b: by key, then input order. */
static inline int reorder_before(const struct reorder_item *a,
				 const struct reorder_item *b)
{
	return a->key < b->key || (a->key == b->key && a->seq < b->seq);
}

struct reorder {
	int64_t window_ms;
	int64_t newest;		/* newest time seen, INT64_MIN: none */
	int64_t frontier;	/* times before it are late */
	struct reorder_item *heap;	/* the items that came out of order */
	size_t nheap, heap_cap;
	struct reorder_item *ring;	/* the items that came in key order */
	size_t head, nring, ring_cap;	/* ring_cap: 0 or a power of two */
};

void reorder_init(struct reorder *r, int64_t window_ms);
void reorder_release(struct reorder *r);

/* The key of an event at time t (ms): at equal times, tie 0 leaves before
 * tie 1 (inspect: successes before errors). */
static inline int64_t reorder_key(int64_t t, int tie)
{
	return t * 2 + tie;
}

/* The time of a key. */
static inline int64_t reorder_key_time(int64_t key)
{
	return (key - (key & 1)) / 2;
}

/* Whether an event at t is late: before the frontier. */
static inline int reorder_late(const struct reorder *r, int64_t t)
{
	return t < r->frontier;
}

/* Notes an event at t: when it is the newest, the frontier follows it. */
static inline void reorder_saw(struct reorder *r, int64_t t)
{
	if (r->newest == INT64_MIN || t > r->newest) {
		r->newest = t;
		if (r->newest - r->window_ms > r->frontier)
			r->frontier = r->newest - r->window_ms;
	}
}

/* The slow paths of reorder_push, in reorder.c. */
void reorder_push_heap(struct reorder *r, const struct reorder_item *it);
void reorder_grow_ring(struct reorder *r);

/* Adds an item: to the back of the ring when its key is not below the
 * ring's last one (O(1)), else to the heap.  Does not move the newest
 * time (reorder_saw does). */
static inline void reorder_push(struct reorder *r, const struct reorder_item *it)
{
	if (r->nring > 0 &&
	    r->ring[(r->head + r->nring - 1) & (r->ring_cap - 1)].key > it->key) {
		reorder_push_heap(r, it);
		return;
	}
	if (r->nring == r->ring_cap)
		reorder_grow_ring(r);
	r->ring[(r->head + r->nring++) & (r->ring_cap - 1)] = *it;
}

/* Whether some item waits. */
static inline int reorder_pending(const struct reorder *r)
{
	return r->nheap > 0 || r->nring > 0;
}

/* Whether the next item out is the heap's (some item waits): the smaller
 * front by reorder_before, so that items of equal key leave in the order
 * they came. */
static inline int reorder_from_heap(const struct reorder *r)
{
	return r->nheap > 0 &&
	       (r->nring == 0 || reorder_before(&r->heap[0], &r->ring[r->head]));
}

/* Whether the next item out lies before the frontier: its turn has come. */
static inline int reorder_ready(const struct reorder *r)
{
	return reorder_pending(r) &&
	       reorder_key_time(reorder_from_heap(r) ? r->heap[0].key :
				r->ring[r->head].key) < r->frontier;
}

/* Takes out the waiting item of smallest key (some item waits), ready or
 * not. */
struct reorder_item reorder_pop(struct reorder *r);

/* After every waiting item was taken out (the end of the input): the
 * frontier moves up to the newest time, so that only an event at the
 * newest time or later is still in order. */
static inline void reorder_close(struct reorder *r)
{
	if (r->newest != INT64_MIN && r->newest > r->frontier)
		r->frontier = r->newest;
}

/* A saved state goes on (nothing waits): t becomes the newest time and
 * the frontier. */
static inline void reorder_restart(struct reorder *r, int64_t t)
{
	r->newest = t;
	r->frontier = t;
}

#endif
