/* raci: the RACI matrix of maintenance duties -- who is Responsible,
 * Accountable, Consulted and Informed for each activity -- built from the
 * rows of a wide or long table, checked against the rules of raci(1),
 * looked up by activity or role, converted between forms, and used to
 * route findings to their owners.  No I/O: callers feed rows (from the
 * reader or from strings) and write what comes back.  One interface over
 * four files: the model (raci.c), the rules (raci_check.c), the output
 * forms (raci_form.c) and routing (raci_route.c). */
#ifndef UPKEEP_RACI_H
#define UPKEEP_RACI_H

#include <stddef.h>

#include <jansson.h>

#include "base/error.h"
#include "io/finding.h"

/* ---- the model (raci.c) ---- */

/* The letters of a cell, as a bit set. */
enum {
	RACI_R = 1, RACI_A = 2, RACI_C = 4, RACI_I = 8
};

/* Parses one cell: R, A, C, I in either case, single ("RA"), separated by
 * "/", ",", ";", "+", "&", "-" or white space ("A/R", "R, A"), or spelled
 * out ("Responsible").  An empty cell, or one of only separators, has no
 * letter.  Returns the letters; *unknown (may be NULL) is set to 1 when a
 * part of the cell is none of these (its letters are then not counted),
 * else 0. */
unsigned raci_parse_cell(const char *s, size_t len, int *unknown);
/* The canonical text of a set of letters: "R/A/C/I" order, "/" between,
 * "" for none.  buf needs 8 bytes.  Returns buf. */
char *raci_code_text(unsigned letters, char buf[8]);

/* The matrix.  Activities and roles keep the order in which they first
 * appear; names are trimmed and compared case-insensitively (ASCII). */
struct raci;
struct raci *raci_new(void);
void raci_free(struct raci *m);

/* Reads the header of a table and decides its form: long when it has both
 * a "role" and a "code" column (then "activity", "role", "code" and an
 * optional "checks"; other columns are ignored), else by letter when
 * every other column is a distinct letter (at least two: "R", "A",
 * "Accountable", "Primary (R)"), else wide ("activity", an optional
 * "checks", every other column a role).  Fails with err set
 * when "activity" is missing, a column name is empty, or a role column
 * appears twice. */
int raci_header(struct raci *m, const char *const *names, size_t n,
		struct error *err);
/* Adds one row of the table (fields as the header's columns; NULL counts
 * as empty).  Returns 0, or -1 with err->msg the reason the row must be
 * rejected (no activity name; in long form, a code without a role). */
int raci_row(struct raci *m, const char *const *fields, size_t n,
	     unsigned long line, struct error *err);

/* Whether the input was in long form; in the by-letter layout (a wide
 * table whose columns besides activity and checks are the letters, R,
 * A, C, I or Responsible, ..., each cell naming the roles: "PMO lead,
 * IT"). */
int raci_is_long(const struct raci *m);
int raci_by_letter(const struct raci *m);
/* Whether activity act is a section heading (raci_int.h): a row with
 * no letter, no other code and no checks. */
int raci_is_heading(const struct raci *m, size_t act);
size_t raci_nroles(const struct raci *m);
size_t raci_nactivities(const struct raci *m);
const char *raci_role(const struct raci *m, size_t role);
const char *raci_activity(const struct raci *m, size_t act);
/* The letters of role in activity (0 for none). */
unsigned raci_letters(const struct raci *m, size_t act, size_t role);

/* Finding an activity or a role by name: an exact (case-insensitive)
 * match, else a unique prefix.  Returns 0 and *idx, or -1 with err->msg
 * listing the candidates (ambiguous) or every name (not found), cut with
 * " ..." when it does not fit. */
enum raci_kind { RACI_ACTIVITY, RACI_ROLE };
int raci_match(const struct raci *m, enum raci_kind kind, const char *name,
	       size_t *idx, struct error *err);

/* The default maintenance matrix; lang "en" or "zh" (NULL: "en").
 * Returns NULL for an unknown language. */
struct raci *raci_template(const char *lang);

/* ---- the rules (raci_check.c) ---- */

/* The rule names, in the order the rules run; NULL-ended. */
extern const char *const raci_check_names[];
/* Runs every rule and adds its findings (not sorted) to f.  max_r: the
 * most R an activity may have before too_many_responsible. */
void raci_check(const struct raci *m, long max_r, struct findings *f);

/* ---- the forms (raci_form.c) ---- */

/* The rows of "who" (one per letter R, A, C, I: letter, roles) and of
 * "duties" (letter, activities); the names are arrays. */
json_t *raci_who(const struct raci *m, size_t act);
json_t *raci_duties(const struct raci *m, size_t role);

/* The matrix as rows: wide (activity, one key per role, checks when the
 * matrix has a checks column) or long (activity, role, code, checks; one
 * row per letter-bearing pair, an activity without letters as one row
 * with empty role and code; checks on the first row of each activity).
 * Cells with a code that is not a RACI letter keep their text. */
json_t *raci_rows(const struct raci *m, int long_form);
/* Renders rows as a Markdown (GitHub) or HTML table, the columns those of
 * the first row; every text is escaped by text_md_escape or
 * text_html_escape (base/text.h).  Returns a string to free. */
enum raci_markup { RACI_MD, RACI_HTML };
char *raci_render(const json_t *rows, enum raci_markup how);

/* ---- routing (raci_route.c) ---- */

/* People of each role, for routing: role, person, e-mail. */
struct raci_people;
struct raci_people *raci_people_new(void);
void raci_people_free(struct raci_people *p);
/* Adds a person (email may be NULL or ""). */
void raci_people_add(struct raci_people *p, const char *role,
		     const char *person, const char *email);

/* Sets "responsible", "accountable", "consulted" and "informed" on the
 * finding object: the roles of every activity whose checks list check,
 * joined with "; " (with people, each role as its "Person <email>"s).
 * When no activity lists check, responsible and accountable are
 * "unassigned" and the others "".  Returns 1 when assigned, else 0. */
int raci_route(const struct raci *m, const struct raci_people *p,
	       const char *check, json_t *finding);


/* The runbook (knowledge base): rows of check, subject pattern (a glob of
 * fnmatch; "" matches every subject), remedy text and link. */
struct raci_runbook;
struct raci_runbook *raci_runbook_new(void);
void raci_runbook_free(struct raci_runbook *rb);
void raci_runbook_add(struct raci_runbook *rb, const char *check,
		      const char *subject, const char *remedy,
		      const char *link);
size_t raci_runbook_count(const struct raci_runbook *rb);
/* Sets "remedy" and "link" (null when the row has none) on finding from
 * the row for check (case-insensitive) and subject: the first row whose
 * pattern matches the subject, else the first row of the check without
 * a pattern.  Returns 1 when a row matched, else 0 (finding untouched). */
int raci_runbook_apply(const struct raci_runbook *rb, const char *check,
		       const char *subject, json_t *finding);

/* The tool whose check this is: "inspect", "sla-check" or "raci" by the
 * check's name, NULL when none knows it. */
const char *raci_check_source(const char *check);

#endif
