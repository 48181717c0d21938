/* late: the events that came out of order (late.h). */
#include "inspect/late.h"

#include <stdlib.h>

#include "base/xalloc.h"

void late_add(struct late *l, const struct reorder_item *it)
{
	l->v = vec_reserve(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = *it;
}

static int by_order(const void *a, const void *b)
{
	const struct reorder_item *x = a, *y = b;

	return reorder_before(x, y) ? -1 : reorder_before(y, x) ? 1 : 0;
}

/* Reverses v[i..j). */
static void reverse(struct reorder_item *v, size_t i, size_t j)
{
	while (i + 1 < j) {
		struct reorder_item t = v[i];
		v[i++] = v[--j];
		v[j] = t;
	}
}

void late_sort(struct late *l)
{
	size_t i;
	int descending = 1;

	l->seq = xreallocarray(NULL, l->n ? l->n : 1, sizeof *l->seq);
	for (i = 0; i < l->n; i++)
		l->seq[i] = l->v[i].seq;	/* they came in input order */
	for (i = 1; i < l->n && descending; i++)
		descending = l->v[i].key <= l->v[i - 1].key;
	if (!descending) {
		qsort(l->v, l->n, sizeof *l->v, by_order);
	} else {
		reverse(l->v, 0, l->n);
		for (i = 0; i < l->n;) {	/* equal keys: input order */
			size_t j = i + 1;
			while (j < l->n && l->v[j].key == l->v[i].key)
				j++;
			reverse(l->v, i, j);
			i = j;
		}
	}
	l->next = l->next_seq = 0;
}

int late_is(struct late *l, uint64_t seq)
{
	if (l->next_seq < l->n && l->seq[l->next_seq] == seq) {
		l->next_seq++;
		return 1;
	}
	return 0;
}

void late_release(struct late *l)
{
	free(l->v);
	free(l->seq);
	l->v = NULL;
	l->seq = NULL;
	l->n = l->cap = l->next = l->next_seq = 0;
}
