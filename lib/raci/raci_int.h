/* raci_int: what the files of lib/raci share and nobody else sees -- the
 * matrix's structs (defined here so that the rules, the forms and the
 * routing can walk the sparse cells) and the few helpers of raci.c they
 * use.  Included only by the .c files of lib/raci; the interface is
 * raci.h. */
#ifndef UPKEEP_RACI_INT_H
#define UPKEEP_RACI_INT_H

#include <stddef.h>

#include "raci/raci.h"

struct cell {
	size_t role;
	char *raw;		/* the text when it has an unknown code, or NULL */
	unsigned char letters;
};

struct activity {
	char *name;
	struct cell *cells;	/* in the order first set; absent: no letters */
	size_t ncells, capcells;
	int unsorted;		/* cells not in role order (long form) */
	char **checks;
	size_t nchecks, capchecks;
	unsigned long line;
};

struct name_index;
struct cell_slot {
	size_t act, role, pos;
};

struct raci {
	char **roles;
	size_t nroles, caproles;
	struct activity *acts;
	size_t nacts, capacts;
	int long_form, has_checks;
	int by_letter;		/* wide, with columns R, A, C, I naming the roles */
	long *col;		/* per input column: role index or a COL_* of raci.c */
	size_t ncols;
	/* folded names -> the first role or activity of that name, so that
	 * lookups stay O(1) with 100 000 of them */
	struct name_index *role_ix, *act_ix;
	/* (activity, role) -> index in the activity's cells; open addressing,
	 * empty slots have act SIZE_MAX */
	struct cell_slot *cix;
	size_t cixcap, cixn;
};

/* A row whose role cells are all empty (and no checks): a section
 * heading of a published matrix, kept in the forms, never judged. */
static inline int raci_heading(const struct activity *a)
{
	return a->ncells == 0 && a->nchecks == 0;
}

/* s (NULL reads as "") without space, tab, CR and LF at either end: the
 * start is returned and *len set.  The reader trims header names with the
 * same four; base/text.h's text_trim also takes VT and FF. */
const char *raci_trim(const char *s, size_t *len);
/* The first activity named name[0..len) (ASCII case ignored), or
 * SIZE_MAX. */
size_t raci_find_activity(const struct raci *m, const char *name, size_t len);
/* The cell of role in activity act, or NULL when it has no letter and no
 * other text. */
const struct cell *raci_cell(const struct raci *m, size_t act, size_t role);
/* The cells of an activity in role order: its own array, or a sorted copy
 * in *tmp (to free; NULL when none was needed). */
const struct cell *raci_cells_sorted(const struct activity *a, struct cell **tmp);

#endif
