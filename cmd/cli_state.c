/* cli_state: the state files of shards (--emit-state, --from-state) that
 * review and inspect share: reading and writing them, refusing a state
 * given twice, and keeping each shard's rows of "inputs". */
#include "cli.h"
#include "cli_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "io/atomic.h"
#include "io/jbuild.h"

json_t *cli_load_json(const struct cli *c, const char *path)
{
	json_error_t jerr;
	json_t *j = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);

	if (!j)
		cli_die(c, "%s: cannot read the state: %s", path, jerr.text);
	return j;
}

void cli_save_json(const struct cli *c, const char *path, const json_t *j)
{
	struct atomic_file *a = NULL;
	struct error err;
	FILE *fp = stdout;

	error_clear(&err);
	if (strcmp(path, "-") != 0) {
		if (!(a = atomic_open(path, &err)))
			cli_fail(c, &err);
		fp = atomic_fp(a);
	}
	if (json_dumpf(j, fp, JSON_COMPACT) != 0 || fputc('\n', fp) == EOF) {
		atomic_abort(a);
		cli_die(c, "%s: cannot write the state", path);
	}
	if (a && atomic_commit(a, &err) != 0)
		cli_fail(c, &err);
}

/* Whether two states of shards are the same one: the same counts, span
 * and all (a state of no event is harmless twice). */
static int same_state(const json_t *x, const json_t *y)
{
	const json_t *n = json_object_get(x, "events");

	return json_is_integer(n) && json_integer_value(n) > 0 && json_equal(x, y);
}

void cli_states_free(json_t **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		json_decref(v[i]);
	free(v);
}

json_t **cli_states_load(const struct cli *c, const struct cli_list *from)
{
	json_t **v = xcalloc(from->n + 1, sizeof *v);
	size_t i, j;

	for (i = 0; i < from->n; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(from->v[i], from->v[j]) == 0) {
				cli_states_free(v, i);
				cli_die(c, "--from-state: %s is given twice", from->v[i]);
			}
		v[i] = cli_load_json(c, from->v[i]);
		for (j = 0; j < i; j++)
			if (same_state(v[i], v[j])) {
				cli_states_free(v, i + 1);
				cli_die(c, "--from-state: %s and %s are the same state",
					from->v[j], from->v[i]);
			}
	}
	return v;
}

void cli_state_inputs(const struct cli *c, json_t *doc, const json_t *st,
		      const char *path)
{
	const json_t *rows = json_object_get(st, "inputs");
	json_t *in = json_object_get(doc, "inputs");
	size_t j;

	for (j = 0; j < json_array_size(rows); j++) {
		const json_t *row = json_array_get(rows, j);
		const json_t *rej = json_object_get(row, "rejected");
		if (!json_is_object(row))
			continue;
		jappend(in, jmust(json_deep_copy(row)));
		if (json_is_integer(rej) && json_integer_value(rej) > 0)
			cli_warn(c, "%s: %lld row%s rejected when its shard was read (%s)",
				 json_string_value(json_object_get(row, "path")),
				 (long long)json_integer_value(rej),
				 json_integer_value(rej) == 1 ? "" : "s", path);
	}
}

void cli_state_emit(const struct cli *c, json_t *st, const json_t *doc,
		    const char *path)
{
	jset(st, "inputs", json_incref(json_object_get(doc, "inputs")));
	cli_save_json(c, path, st);
}
