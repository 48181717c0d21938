/* pairset: the slow path of adding a pair (the bitmaps of the window, the
 * table grown at half full and probed linearly) and walking the table.
 * The fast path, a bitmap that already holds the pair, is in pairset.h. */
#include "review/pairset.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

#define PAIR_EMPTY UINT64_MAX

void pairset_init(struct pairset *s)
{
	memset(s, 0, sizeof *s);
}

void pairset_release(struct pairset *s)
{
	size_t i;

	for (i = 0; i < s->nseen; i++)
		free(s->seen[i]);
	free(s->seen);
	free(s->seen_words);
	free(s->k);
	memset(s, 0, sizeof *s);
}

size_t pairset_count(const struct pairset *s)
{
	return s->n;
}

int pairset_next(const struct pairset *s, size_t *pos, uint32_t *group,
		 uint32_t *user)
{
	for (; *pos < s->cap; (*pos)++) {
		if (s->k[*pos] != PAIR_EMPTY) {
			*group = (uint32_t)(s->k[*pos] >> 32);
			*user = (uint32_t)s->k[*pos];
			(*pos)++;
			return 1;
		}
	}
	return 0;
}

/* Sets the bit of (group, user) when group is in the window. */
static void seen_set(struct pairset *s, uint32_t group, uint32_t user)
{
	size_t w = user / 64;

	if (!s->based) {
		s->seen_base = group < PAIRSET_WINDOW / 2 ? 0
			       : group - PAIRSET_WINDOW / 2;
		s->based = 1;
	}
	group -= s->seen_base;
	if (group >= PAIRSET_WINDOW)
		return;
	if (group >= s->nseen) {
		size_t n = (size_t)group + 1, i;
		s->seen = xreallocarray(s->seen, n, sizeof *s->seen);
		s->seen_words = xreallocarray(s->seen_words, n, sizeof *s->seen_words);
		for (i = s->nseen; i < n; i++) {
			s->seen[i] = NULL;
			s->seen_words[i] = 0;
		}
		s->nseen = n;
	}
	if (w >= s->seen_words[group]) {
		size_t old = s->seen_words[group], n = old ? old : 4;
		while (n <= w)
			n *= 2;
		s->seen[group] = xreallocarray(s->seen[group], n, sizeof **s->seen);
		memset(s->seen[group] + old, 0, (n - old) * sizeof **s->seen);
		s->seen_words[group] = n;
	}
	s->seen[group][w] |= UINT64_C(1) << (user % 64);
}

static void table_insert(uint64_t *k, size_t cap, uint64_t key)
{
	size_t i = (size_t)pairset_hash(key) & (cap - 1);

	while (k[i] != PAIR_EMPTY)
		i = (i + 1) & (cap - 1);
	k[i] = key;
}

int pairset_add_slow(struct pairset *s, uint32_t group, uint32_t user)
{
	uint64_t key = (uint64_t)group << 32 | user;
	size_t i;

	seen_set(s, group, user);
	if ((s->n + 1) * 2 > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 1024, j;
		uint64_t *k = xreallocarray(NULL, cap, sizeof *k);

		memset(k, 0xff, cap * sizeof *k);
		for (j = 0; j < s->cap; j++)
			if (s->k[j] != PAIR_EMPTY)
				table_insert(k, cap, s->k[j]);
		free(s->k);
		s->k = k;
		s->cap = cap;
	}
	i = (size_t)pairset_hash(key) & (s->cap - 1);
	while (s->k[i] != PAIR_EMPTY) {
		if (s->k[i] == key)
			return 0;
		i = (i + 1) & (s->cap - 1);
	}
	s->k[i] = key;
	s->n++;
	return 1;
}
