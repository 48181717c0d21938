/* ticket_fold: the kept row of each ticket id, in an array indexed by
 * the id's interned number (base/strtab.h), so that folding costs one
 * hash look-up a row. */
#include "sla/ticket_fold.h"

#include <stdlib.h>
#include <string.h>

#include "base/strtab.h"
#include "base/xalloc.h"

struct kept {
	char *priority;
	int64_t opened, response, resolved;
};

struct ticket_fold {
	enum ticket_order order;
	struct strtab *ids;
	struct kept *v;		/* by id number */
	size_t cap, rows;
};

struct ticket_fold *ticket_fold_new(enum ticket_order order)
{
	struct ticket_fold *f = xcalloc(1, sizeof *f);

	f->order = order;
	f->ids = strtab_new();
	return f;
}

void ticket_fold_free(struct ticket_fold *f)
{
	size_t i;

	if (!f)
		return;
	for (i = 0; i < strtab_count(f->ids); i++)
		free(f->v[i].priority);
	free(f->v);
	strtab_free(f->ids);
	free(f);
}

int ticket_fold_add(struct ticket_fold *f, const char *id, const char *priority,
		    int64_t opened, int64_t first_response, int64_t resolved)
{
	size_t n = strtab_count(f->ids), k;
	struct kept *x;

	if ((first_response != SLO_NONE && first_response < opened) ||
	    (resolved != SLO_NONE && resolved < opened))
		return -1;
	if (!id)
		id = "";
	k = strtab_intern(f->ids, id, strlen(id));
	f->rows++;
	if (k < n && f->order == TICKET_FIRST)
		return 0;
	if (k >= n) {
		f->v = vec_reserve(f->v, &f->cap, k + 1, sizeof *f->v);
		f->v[k].priority = NULL;
	}
	x = &f->v[k];
	free(x->priority);
	x->priority = xstrdup(priority ? priority : "");
	x->opened = opened;
	x->response = first_response;
	x->resolved = resolved;
	return 0;
}

size_t ticket_fold_rows(const struct ticket_fold *f)
{
	return f->rows;
}

size_t ticket_fold_folded(const struct ticket_fold *f)
{
	return f->rows - strtab_count(f->ids);
}

void ticket_fold_flush(const struct ticket_fold *f, struct slo_tickets *t)
{
	size_t i;

	for (i = 0; i < strtab_count(f->ids); i++) {
		const struct kept *x = &f->v[i];
		/* the checks of slo_tickets_add were made when it was added */
		(void)slo_tickets_add(t, strtab_str(f->ids, i), x->priority,
				      x->opened, x->response, x->resolved);
	}
}
