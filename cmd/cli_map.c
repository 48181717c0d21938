/* cli_map: the column and value maps of the common options, per input.
 * --map [INPUT:]canonical=Header,... and --values [INPUT:]column=FROM:TO,...
 * are kept as given until cli_parse has read every option; then each
 * pair goes to the input it names (INPUT is the option that gives the
 * file: events, accounts, projects, features, survey, outages, tickets,
 * probes, matrix) or, without a prefix, to the command's main input.
 * cli_open_as hands the reader the maps of its input and checks them
 * against what the input has. */
#include "cli.h"
#include "cli_int.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/xalloc.h"

/* The inputs that maps may name, with the canonical columns upkeep(7)
 * documents for each (a map may name one the command does not read:
 * sla-check reads no ticket title, yet title=Summary is checked). */
static const struct input_kind {
	const char *name;
	const char *const *columns;	/* NULL-ended; NULL: any name */
} kinds[] = {
	{"events", (const char *const[]){"time", "user", "feature", "status",
		"latency_ms", "project", "ip", "message", NULL}},
	{"accounts", (const char *const[]){"user", "name", "email", "role",
		"status", "created", "last_login", NULL}},
	{"projects", (const char *const[]){"project", "owner", "status", "end",
		"last_activity", NULL}},
	{"features", (const char *const[]){"feature", "module", "description", NULL}},
	{"survey", (const char *const[]){"user", "score", "time", NULL}},
	{"outages", (const char *const[]){"start", "end", "service", "severity",
		"planned", "id", "title", NULL}},
	{"tickets", (const char *const[]){"id", "priority", "opened",
		"first_response", "resolved", "status", "title", NULL}},
	{"probes", (const char *const[]){"time", "check", "up", "latency_ms", NULL}},
	/* a wide matrix's columns are its roles: any name */
	{"matrix", NULL},
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

/* One pair as given: input NULL for no prefix; header is the FROM:TO
 * list for --values. */
struct given {
	char *input, *name, *header;
	int values;		/* --values, not --map */
	char *text;		/* the option value, for messages */
};

struct cli_maps {
	struct given *g;
	size_t n, cap;
	/* per kind, after cli_maps_resolve: the maps, and whether the
	 * command takes that input and was given it */
	struct colmap *map[NKINDS];
	struct colvalues *values[NKINDS];
	int takes[NKINDS], given[NKINDS];
};

static long kind_of(const char *name, size_t len)
{
	size_t k;

	for (k = 0; k < NKINDS; k++)
		if (strlen(kinds[k].name) == len && strncmp(kinds[k].name, name, len) == 0)
			return (long)k;
	return -1;
}

static int kind_has(size_t k, const char *col)
{
	size_t i;

	if (!kinds[k].columns)
		return 1;
	for (i = 0; kinds[k].columns[i]; i++)
		if (text_casecmp(kinds[k].columns[i], col) == 0)
			return 1;
	return 0;
}

static struct cli_maps *maps(struct cli *c)
{
	if (!c->maps)
		c->maps = xcalloc(1, sizeof *c->maps);
	return c->maps;
}

static void give(struct cli *c, const char *input, size_t ilen,
		 const char *name, const char *header, int values,
		 const char *text)
{
	struct cli_maps *m = maps(c);
	struct given *g;
	char q[128];

	m->g = vec_reserve(m->g, &m->cap, m->n + 1, sizeof *m->g);
	g = &m->g[m->n++];
	g->input = input ? xmemdup(input, ilen) : NULL;
	g->name = xstrdup(name);
	g->header = xstrdup(header);
	g->values = values;
	g->text = xstrdup(error_quote(q, sizeof q, text, strlen(text)));
}

/* "accounts:user" into its input (*ilen bytes at the start, or NULL) and
 * name. */
static const char *split_prefix(const char *s, const char **input, size_t *ilen)
{
	const char *colon = strchr(s, ':');

	*input = NULL;
	*ilen = 0;
	if (!colon)
		return s;
	*input = s;
	*ilen = (size_t)(colon - s);
	while (*ilen > 0 && (s[*ilen - 1] == ' ' || s[*ilen - 1] == '\t'))
		(*ilen)--;
	s = colon + 1;
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

void cli_map_option(struct cli *c, const char *arg)
{
	struct colmap *tmp = colmap_new();
	struct error err;
	const char *input = NULL;
	size_t i, ilen = 0;

	error_clear(&err);
	if (colmap_add(tmp, arg, &err) != 0) {
		colmap_free(tmp);
		cli_die(c, "%s", err.msg);
	}
	/* a prefix holds for its pair and the pairs after it */
	for (i = 0; i < colmap_count(tmp); i++) {
		const char *canon, *header, *in;
		size_t n;
		colmap_pair(tmp, i, &canon, &header);
		canon = split_prefix(canon, &in, &n);
		if (in) {
			input = in;
			ilen = n;
		}
		if (!*canon) {
			colmap_free(tmp);
			cli_die(c, "--map: empty name in \"%s\"", arg);
		}
		give(c, input, ilen, canon, header, 0, arg);
	}
	colmap_free(tmp);
}

void cli_values_option(struct cli *c, const char *arg)
{
	const char *eq = strchr(arg, '=');
	const char *input, *name;
	struct colvalues *check = colvalues_new();
	struct error err;
	char *left;
	size_t ilen, n;

	if (!eq)
		cli_die(c, "--values: \"%s\" is not [INPUT:]COLUMN=FROM:TO,...", arg);
	left = xmemdup(arg, (size_t)(eq - arg));
	name = split_prefix(left, &input, &ilen);
	n = strlen(name);
	while (n > 0 && (name[n - 1] == ' ' || name[n - 1] == '\t'))
		n--;
	left[name - left + (long)n] = '\0';
	error_clear(&err);
	if (!*name) {
		colvalues_free(check);
		free(left);
		cli_die(c, "--values: no column in \"%s\"", arg);
	}
	if (colvalues_add(check, name, eq + 1, &err) != 0) {
		colvalues_free(check);
		free(left);
		cli_die(c, "%s", err.msg);
	}
	colvalues_free(check);
	give(c, input, ilen, name, eq + 1, 1, arg);
	free(left);
}

/* The option of c's table named name, or NULL. */
static const struct cli_opt *own_option(const struct cli *c, const char *name)
{
	size_t i;

	for (i = 0; c->opts && c->opts[i].name; i++)
		if (strcmp(c->opts[i].name, name) == 0)
			return &c->opts[i];
	return NULL;
}

/* The inputs listed for a message: "events, accounts". */
static void list_inputs(const struct cli_maps *m, char *buf, size_t size)
{
	size_t k, o = 0;

	buf[0] = '\0';
	for (k = 0; k < NKINDS && o < size; k++)
		if (m->takes[k])
			o += (size_t)snprintf(buf + o, size - o, "%s%s", o ? ", " : "",
					      kinds[k].name);
}

/* The kind an unprefixed pair for column name goes to: the main input;
 * sla-check, which has none, the one evidence input given, else the one
 * given whose columns include name. */
static size_t main_kind(struct cli *c, const struct cli_maps *m,
			const struct given *g)
{
	static const char *const evidence[] = { "outages", "probes", "tickets" };
	size_t i, ngiven = 0, nhits = 0, only = 0, hit = 0;
	char list[64] = "";

	if (m->takes[kind_of("matrix", 6)])
		return (size_t)kind_of("matrix", 6);
	if (m->takes[kind_of("events", 6)])
		return (size_t)kind_of("events", 6);
	for (i = 0; i < 3; i++) {
		size_t k = (size_t)kind_of(evidence[i], strlen(evidence[i]));
		if (!m->given[k])
			continue;
		ngiven++;
		only = k;
		if (!kind_has(k, g->name))
			continue;
		nhits++;
		hit = k;
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
			 list[0] ? " and " : "", evidence[i]);
	}
	if (ngiven == 1)
		return only;
	if (nhits == 1)
		return hit;
	if (nhits > 1)
		cli_die(c, "--%s %s: %s both have a column \"%s\"; name the input (e.g. tickets:%s=...)",
			g->values ? "values" : "map", g->text, list, g->name, g->name);
	cli_die(c, "--%s %s: no input given has a column \"%s\"",
		g->values ? "values" : "map", g->text, g->name);
}

void cli_maps_resolve(struct cli *c)
{
	struct cli_maps *m = c->maps;
	struct error err;
	size_t i, k;
	char list[160];

	if (!m)
		return;
	for (k = 0; k < NKINDS; k++) {
		const struct cli_opt *o = own_option(c, kinds[k].name);
		if (o) {
			m->takes[k] = 1;
			m->given[k] = o->type != CLI_STRING || *(const char **)o->target;
		}
	}
	/* events come as operands, to the commands that take no matrix or
	 * evidence */
	k = (size_t)kind_of("events", 6);
	if (!m->takes[kind_of("matrix", 6)] && !own_option(c, "tickets")) {
		m->takes[k] = 1;
		m->given[k] = 1;
	}
	if (m->takes[kind_of("matrix", 6)])
		m->given[kind_of("matrix", 6)] = 1;	/* -m is required */
	for (i = 0; i < m->n; i++) {
		struct given *g = &m->g[i];
		if (g->input) {
			long kk = kind_of(g->input, strlen(g->input));
			if (kk < 0 || !m->takes[kk]) {
				list_inputs(m, list, sizeof list);
				cli_die(c, "--%s %s: %s \"%s\" (%s reads: %s)",
					g->values ? "values" : "map", g->text,
					kk < 0 ? "unknown input" : "no input", g->input,
					c->prog, list);
			}
			if (!m->given[kk])
				cli_die(c, "--%s %s: no --%s file given",
					g->values ? "values" : "map", g->text, g->input);
			k = (size_t)kk;
		} else {
			k = main_kind(c, m, g);
		}
		if (!kind_has(k, g->name))
			cli_die(c, "--%s %s: %s have no column \"%s\" (see upkeep(7))",
				g->values ? "values" : "map", g->text, kinds[k].name, g->name);
		if (g->values) {
			if (!m->values[k])
				m->values[k] = colvalues_new();
			error_clear(&err);
			if (colvalues_add(m->values[k], g->name, g->header, &err) != 0)
				cli_die(c, "%s", err.msg);
		} else {
			if (!m->map[k]) {
				m->map[k] = colmap_new();
				colmap_set_label(m->map[k], kinds[k].name);
			}
			colmap_put(m->map[k], g->name, g->header);
		}
	}
}

void cli_maps_free(struct cli_maps *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->n; i++) {
		free(m->g[i].input);
		free(m->g[i].name);
		free(m->g[i].header);
		free(m->g[i].text);
	}
	free(m->g);
	for (i = 0; i < NKINDS; i++) {
		colmap_free(m->map[i]);
		colvalues_free(m->values[i]);
	}
	free(m);
}

/* The kind of input, or -1 (an input maps cannot name). */
static long input_kind(const char *input)
{
	return input ? kind_of(input, strlen(input)) : -1;
}

const struct colmap *cli_input_map(const struct cli *c, const char *input)
{
	long k = input_kind(input);

	return c->maps && k >= 0 ? c->maps->map[k] : NULL;
}

const struct colvalues *cli_input_values(const struct cli *c, const char *input)
{
	long k = input_kind(input);

	return c->maps && k >= 0 ? c->maps->values[k] : NULL;
}

/* A wanted column of cols named name. */
static int wanted(const struct reader_column *cols, size_t ncols, const char *name)
{
	size_t i;

	for (i = 0; i < ncols; i++)
		if (text_casecmp(cols[i].name, name) == 0)
			return 1;
	return 0;
}

void cli_maps_check(struct cli *c, const char *input, const struct reader *r,
		    const struct reader_column *cols, size_t ncols)
{
	const struct colmap *map = cli_input_map(c, input);
	const struct colvalues *v = cli_input_values(c, input);
	const char *const *hdr;
	size_t i, j, n;

	if (!cols)
		return;		/* raw mode: the reader checked every pair */
	for (i = 0; i < colvalues_count(v); i++)
		if (!wanted(cols, ncols, colvalues_column(v, i)))
			cli_die(c, "--values %s:%s: %s reads no column \"%s\" of %s, so its values need no map",
				input, colvalues_column(v, i), c->prog,
				colvalues_column(v, i), input);
	/* the pairs of columns read are checked by the reader, in every
	 * format; the others against a CSV or TSV header (JSON keys vary
	 * from record to record) */
	hdr = reader_header(r, &n);
	for (i = 0; hdr && i < colmap_count(map); i++) {
		const char *canon, *header;
		colmap_pair(map, i, &canon, &header);
		if (wanted(cols, ncols, canon))
			continue;
		for (j = 0; j < n; j++)
			if (text_casecmp(hdr[j], header) == 0)
				break;
		if (j == n && !strchr(header, '#')) {	/* Name#N: not checked here */
			char q1[96], q2[96], found[400];
			size_t o = 0;
			found[0] = '\0';
			for (j = 0; j < n && o + 100 < sizeof found; j++)
				o += (size_t)snprintf(found + o, sizeof found - o, "%s%s",
						      j ? ", " : "",
						      error_quote(q1, sizeof q1, hdr[j], strlen(hdr[j])));
			if (j < n)
				snprintf(found + o, sizeof found - o, ", ...");
			cli_die(c, "%s:1: --map %s:%s=%s: no such column (found: %s)",
				reader_path(r), input,
				error_quote(q1, sizeof q1, canon, strlen(canon)),
				error_quote(q2, sizeof q2, header, strlen(header)),
				n ? found : "none");
		}
	}
}
