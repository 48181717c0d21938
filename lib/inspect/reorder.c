/* reorder: the slow paths of the reordering window (reorder.h): the
 * min-heap of the items that came out of order, and the growth of the
 * FIFO ring of the others. */
#include "inspect/reorder.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

void reorder_init(struct reorder *r, int64_t window_ms)
{
	memset(r, 0, sizeof *r);
	r->window_ms = window_ms;
	r->newest = INT64_MIN;
	r->frontier = INT64_MIN;
}

void reorder_release(struct reorder *r)
{
	free(r->heap);
	free(r->ring);
	r->heap = r->ring = NULL;
	r->nheap = r->heap_cap = r->nring = r->ring_cap = r->head = 0;
}

void reorder_push_heap(struct reorder *r, const struct reorder_item *it)
{
	size_t i;

	r->heap = vec_reserve(r->heap, &r->heap_cap, r->nheap + 1, sizeof *r->heap);
	for (i = r->nheap++; i > 0 && reorder_before(it, &r->heap[(i - 1) / 2]); i = (i - 1) / 2)
		r->heap[i] = r->heap[(i - 1) / 2];
	r->heap[i] = *it;
}

static struct reorder_item heap_pop(struct reorder *r)
{
	struct reorder_item top = r->heap[0], last = r->heap[--r->nheap];
	size_t i = 0, n = r->nheap;

	for (;;) {
		size_t k = 2 * i + 1;
		if (k >= n)
			break;
		if (k + 1 < n && reorder_before(&r->heap[k + 1], &r->heap[k]))
			k++;
		if (!reorder_before(&r->heap[k], &last))
			break;
		r->heap[i] = r->heap[k];
		i = k;
	}
	if (n)
		r->heap[i] = last;
	return top;
}

/* Doubles the ring (a full one), its items moved to the front. */
void reorder_grow_ring(struct reorder *r)
{
	size_t cap = r->ring_cap ? r->ring_cap * 2 : 64, i;
	struct reorder_item *n = xreallocarray(NULL, cap, sizeof *n);

	for (i = 0; i < r->nring; i++)
		n[i] = r->ring[(r->head + i) & (r->ring_cap - 1)];
	free(r->ring);
	r->ring = n;
	r->ring_cap = cap;
	r->head = 0;
}

struct reorder_item reorder_pop(struct reorder *r)
{
	struct reorder_item it;

	if (reorder_from_heap(r))
		return heap_pop(r);
	it = r->ring[r->head];
	r->head = (r->head + 1) & (r->ring_cap - 1);
	r->nring--;
	return it;
}
