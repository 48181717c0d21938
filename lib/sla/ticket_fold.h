/* ticket_fold: repeated ticket ids folded into one ticket each.  An
 * incident export that lists every update as a row (ServiceNow's incident
 * event log) names a ticket on many rows; the SLA counts tickets, so one
 * row per id is kept: the last (exports list updates oldest first) or the
 * first.  Tickets keep the order in which their ids first appear. */
#ifndef UPKEEP_TICKET_FOLD_H
#define UPKEEP_TICKET_FOLD_H

#include <stddef.h>
#include <stdint.h>

#include "sla/slo.h"

enum ticket_order {
	TICKET_LAST,	/* the last row of an id wins (default) */
	TICKET_FIRST	/* the first row wins */
};

struct ticket_fold;
struct ticket_fold *ticket_fold_new(enum ticket_order order);
void ticket_fold_free(struct ticket_fold *f);
/* Adds a row (strings copied; priority may be NULL).  Times as for
 * slo_tickets_add (SLO_NONE: none).  Returns 0, or -1 when a response or
 * resolution is before opened (the row is not taken, as slo_tickets_add
 * would not). */
int ticket_fold_add(struct ticket_fold *f, const char *id, const char *priority,
		    int64_t opened, int64_t first_response, int64_t resolved);
/* Rows added, and rows folded into an earlier one of their id. */
size_t ticket_fold_rows(const struct ticket_fold *f);
size_t ticket_fold_folded(const struct ticket_fold *f);
/* Adds the one row kept of each id to t, in the order ids first came. */
void ticket_fold_flush(const struct ticket_fold *f, struct slo_tickets *t);

#endif
