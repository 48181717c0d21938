/* tally: counts and time ranges by int64 key (tally.h), in an open-
 * addressing table kept at most half full. */
#include "inspect/tally.h"

#include <stdlib.h>

#include "base/xalloc.h"

static size_t tally_hash(int64_t key, size_t cap)
{
	uint64_t x = (uint64_t)key;

	x ^= x >> 33;
	x *= UINT64_C(0xff51afd7ed558ccd);
	x ^= x >> 33;
	return (size_t)x & (cap - 1);
}

static void tally_grow(struct tally *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64, i, j;
	struct tally_slot *s = xreallocarray(NULL, cap, sizeof *s);

	for (i = 0; i < cap; i++)
		s[i].key = TALLY_EMPTY;
	for (i = 0; i < m->cap; i++) {
		if (m->s[i].key == TALLY_EMPTY)
			continue;
		for (j = tally_hash(m->s[i].key, cap); s[j].key != TALLY_EMPTY; j = (j + 1) & (cap - 1))
			;
		s[j] = m->s[i];
	}
	free(m->s);
	m->s = s;
	m->cap = cap;
}

struct tally_slot *tally_get(struct tally *m, int64_t key)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap)
		tally_grow(m);
	for (i = tally_hash(key, m->cap); m->s[i].key != TALLY_EMPTY; i = (i + 1) & (m->cap - 1))
		if (m->s[i].key == key)
			return &m->s[i];
	m->n++;
	m->s[i].key = key;
	m->s[i].lo = INT64_MAX;
	m->s[i].hi = INT64_MIN;
	m->s[i].n = 0;
	m->s[i].fresh = 0;
	return &m->s[i];
}

static int cmp_slot(const void *a, const void *b)
{
	int64_t x = ((const struct tally_slot *)a)->key;
	int64_t y = ((const struct tally_slot *)b)->key;

	return (x > y) - (x < y);
}

struct tally_slot *tally_sorted(const struct tally *m, size_t *n)
{
	struct tally_slot *v = xreallocarray(NULL, m->n ? m->n : 1, sizeof *v);
	size_t i;

	*n = 0;
	for (i = 0; i < m->cap; i++)
		if (m->s[i].key != TALLY_EMPTY)
			v[(*n)++] = m->s[i];
	qsort(v, *n, sizeof *v, cmp_slot);
	return v;
}

void tally_release(struct tally *m)
{
	free(m->s);
	m->s = NULL;
	m->cap = m->n = 0;
}
