/* pairset: a set of (group, user) pairs of 32-bit ids, to count distinct
 * users of a group: an open-addressing hash table of 64-bit keys (linear
 * probing), fronted by a bitmap per group for a window of groups. */
#ifndef UPKEEP_PAIRSET_H
#define UPKEEP_PAIRSET_H

#include <stddef.h>
#include <stdint.h>

/* The groups the bitmaps cover: PAIRSET_WINDOW of them from the first
 * group added less half the window (from 0 when that is below it). */
#define PAIRSET_WINDOW 4096

/* A set the caller owns: pairset_init, then pairset_release.  A
 * zero-initialised struct is an empty set too.  The fields are private;
 * the struct is here so that it can be embedded and pairset_add's fast
 * path inlined. */
struct pairset {
	uint64_t *k;		/* group << 32 | user; UINT64_MAX: empty slot */
	size_t cap, n;		/* cap: 0 or a power of two */
	/* seen[g]: a bit per user of the pairs of group seen_base + g, so
	 * that a pair added again (nearly every event) is answered from a
	 * few KB instead of a probe of the large table; k is filled in the
	 * same order as without them */
	uint64_t **seen;
	size_t *seen_words, nseen;
	uint32_t seen_base;	/* set by the first pair added */
	int based;
};

void pairset_init(struct pairset *s);
void pairset_release(struct pairset *s);

/* The number of pairs. */
size_t pairset_count(const struct pairset *s);

/* The pairs in table order (the order changes as the table grows): *pos
 * 0 to start.  Returns 1 with *group and *user set, or 0 after the last. */
int pairset_next(const struct pairset *s, size_t *pos, uint32_t *group,
		 uint32_t *user);

/* pairset_add's slow path, for pairs not in the bitmaps; not for direct
 * use. */
int pairset_add_slow(struct pairset *s, uint32_t group, uint32_t user);

/* The hash of a key (splitmix64's finaliser). */
static inline uint64_t pairset_hash(uint64_t key)
{
	key ^= key >> 30;
	key *= UINT64_C(0xbf58476d1ce4e5b9);
	key ^= key >> 27;
	key *= UINT64_C(0x94d049bb133111eb);
	key ^= key >> 31;
	return key;
}

/* 1 when (group, user) is in the bitmaps (then it is in the set); 0 says
 * nothing. */
static inline int pairset_seen(const struct pairset *s, uint32_t group,
			       uint32_t user)
{
	group -= s->seen_base;	/* below the window: wraps, out of it */
	return group < s->nseen && user / 64 < s->seen_words[group] &&
	       (s->seen[group][user / 64] >> (user % 64) & 1);
}

/* Adds (group, user); returns 1 when the pair is new, 0 when it was in
 * the set.  user must not be UINT32_MAX when group is (that key marks an
 * empty slot). */
static inline int pairset_add(struct pairset *s, uint32_t group, uint32_t user)
{
	if (pairset_seen(s, group, user))
		return 0;
	return pairset_add_slow(s, group, user);
}

/* A hint: pairset_add(s, group, user) comes soon; asks for the table's
 * line when the bitmaps cannot answer. */
static inline void pairset_prefetch(const struct pairset *s, uint32_t group,
				    uint32_t user)
{
#if defined(__GNUC__)
	uint64_t key = (uint64_t)group << 32 | user;

	if (s->cap && !pairset_seen(s, group, user))
		__builtin_prefetch(&s->k[(size_t)pairset_hash(key) & (s->cap - 1)]);
#else
	(void)s;
	(void)group;
	(void)user;
#endif
}

#endif
