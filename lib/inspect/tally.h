/* tally: a count and a time range by int64 key (for inspect: an
 * error_burst clock hour, a log_gap bucket, an (ip, user) pair of
 * failed_logins).  Open addressing with linear probing; a zeroed struct
 * tally is empty and ready, tally_release frees it. */
#ifndef UPKEEP_TALLY_H
#define UPKEEP_TALLY_H

#include <stddef.h>
#include <stdint.h>

/* The one key that cannot be used: it marks a free slot. */
#define TALLY_EMPTY INT64_MIN

struct tally_slot {
	int64_t key, lo, hi;	/* lo, hi: first and last time seen */
	uint64_t n;
	int fresh;		/* the caller's flag (inspect: touched by an
				   event of this read) */
};

struct tally {
	struct tally_slot *s;
	size_t cap, n;		/* cap: 0 or a power of two */
};

/* The slot of key, added (n 0, lo INT64_MAX, hi INT64_MIN, fresh 0) when
 * absent.  The pointer is good until the next tally_get. */
struct tally_slot *tally_get(struct tally *m, int64_t key);

/* Widens the slot's time range to t. */
static inline void tally_see(struct tally_slot *s, int64_t t)
{
	if (t < s->lo)
		s->lo = t;
	if (t > s->hi)
		s->hi = t;
}

/* A copy of the used slots, sorted by key (the caller frees it); *n their
 * number. */
struct tally_slot *tally_sorted(const struct tally *m, size_t *n);

void tally_release(struct tally *m);

#endif
