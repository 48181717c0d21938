/* late: the events that came out of order for inspect's order-sensitive
 * checks (consecutive_failures, failed_logins): those older than the
 * reordering window's frontier when they came.  They are kept, as the
 * window's compact items, so that they can be judged in time order at
 * the end: sorted by time (then input order) and merged with the events
 * the window releases.  Memory grows with them only. */
#ifndef UPKEEP_LATE_H
#define UPKEEP_LATE_H

#include <stddef.h>
#include <stdint.h>

#include "inspect/reorder.h"

struct late {
	struct reorder_item *v;	/* as they came, then (late_sort) in order */
	size_t n, cap;
	uint64_t *seq;		/* late_sort: their input places, ascending */
	size_t next;		/* the next of v to release */
	size_t next_seq;	/* the next of seq to skip in a second reading */
};

/* A zeroed struct late is empty and ready; late_release frees it. */
void late_add(struct late *l, const struct reorder_item *it);
/* Keeps their input places (seq) aside, then sorts v by reorder_before.
 * A descending run (a log listed newest first) is reversed in O(n), its
 * equal keys kept in input order; anything else is sorted. */
void late_sort(struct late *l);
/* Whether the event at input place seq is one of them (asked in input
 * order, during a second reading after late_sort). */
int late_is(struct late *l, uint64_t seq);
void late_release(struct late *l);

#endif
