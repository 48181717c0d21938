/* report: the monthly health report.  Reads the JSON outputs of inspect,
 * review, sla-check and raci check or route (plus -m MATRIX, --previous,
 * the config, --people and --runbook), builds the report document
 * (report/report.h) and writes it with the renderer of md, html, txt or
 * json (report/render.h) to standard output or atomically to -o FILE.
 * With --history DIR (or --previous given more than once) it writes the
 * year view of those monthly reports instead (report/report_year.h). */
#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/atomic.h"
#include "cli.h"
#include "raci/raci_load.h"
#include "raci/raci.h"
#include "report/render.h"
#include "report/report.h"
#include "report/report_year.h"
#include "base/xalloc.h"


static const char *const formats[] = { "md", "html", "txt", "json", NULL };

/* The renderer of each format of formats[]. */
static const struct {
	enum outfmt format;
	int (*render)(FILE *fp, const json_t *doc, struct error *err);
} renderers[] = {
	{ OUT_MD, report_render_md }, { OUT_HTML, report_render_html },
	{ OUT_TXT, report_render_txt }, { OUT_JSON, report_render_json },
}, year_renderers[] = {
	{ OUT_MD, report_render_year_md }, { OUT_HTML, report_render_year_html },
	{ OUT_TXT, report_render_year_txt }, { OUT_JSON, report_render_json },
};

/* Reads all of path ("-": standard input); dies on an error. */
static char *slurp(const struct cli *c, const char *path, size_t *len)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t cap = 65536, n = 0, got;
	char *buf;

	if (!fp)
		cli_die(c, "%s: %s", path, strerror(errno));
	buf = xmalloc(cap);
	while ((got = fread(buf + n, 1, cap - n, fp)) > 0) {
		n += got;
		if (n == cap)
			buf = xreallocarray(buf, cap *= 2, 1);
	}
	if (ferror(fp))
		cli_die(c, "%s: read error: %s", path, strerror(errno));
	if (fp != stdin)
		fclose(fp);
	*len = n;
	return buf;
}

/* The matrix at path, read as raci reads it; *rows, *rejected: its counts
 * for the report's data-quality section. */
static struct raci *load_matrix(struct cli *c, const char *path,
				unsigned long *rows, unsigned long *rejected)
{
	struct reader *r = cli_open(c, path, NULL, 0);
	struct raci *m;
	struct error err;

	error_clear(&err);
	if (!(m = raci_load(r, &err)))
		cli_fail(c, &err);
	if (raci_load_note(m))
		cli_warn(c, "%s: %s", reader_path(r), raci_load_note(m));
	*rows = reader_rows(r);
	*rejected = reader_rejected(r);
	cli_close(c, r, NULL);
	return m;
}

/* Writes doc to fp with the renderer of f. */
static int render(FILE *fp, const json_t *doc, enum outfmt f, const void *ctx,
		  struct error *err)
{
	size_t i;

	(void)ctx;
	if (report_is_year(doc)) {
		for (i = 0; i < sizeof year_renderers / sizeof *year_renderers; i++)
			if (year_renderers[i].format == f)
				return year_renderers[i].render(fp, doc, err);
	} else {
		for (i = 0; i < sizeof renderers / sizeof *renderers; i++)
			if (renderers[i].format == f)
				return renderers[i].render(fp, doc, err);
	}
	error_set(err, NULL, 0, "report cannot write format %s", outfmt_name(f));
	return -1;
}

/* The envelopes named on the command line (standard input when none),
 * then last period's report.  Standard input can be read once. */
static void read_envelopes(struct cli *c, struct report *r, char **ops, int nops,
			   const char *previous)
{
	struct error err;
	int i, stdin_used = 0;
	size_t len;
	char *text;

	for (i = 0; i < (nops ? nops : 1); i++) {
		const char *path = nops ? ops[i] : "-";
		if (strcmp(path, "-") == 0 && stdin_used++)
			cli_die(c, "standard input given twice");
		text = slurp(c, path, &len);
		error_clear(&err);
		if (report_add(r, strcmp(path, "-") ? path : "stdin", text, len, &err) != 0)
			cli_fail(c, &err);
		free(text);
	}
	if (!previous)
		return;
	if (strcmp(previous, "-") == 0 && stdin_used)
		cli_die(c, "standard input given twice");
	text = slurp(c, previous, &len);
	error_clear(&err);
	if (report_set_previous(r, previous, text, len, &err) != 0)
		cli_fail(c, &err);
	free(text);
}

/* The config: --config FILE, else report.json in the matrix's folder
 * when there is one; its limits and title go to r, and its title (to
 * free; NULL: none) is returned. */
static char *read_config(struct cli *c, struct report *r, const char *config,
			 const char *matrix)
{
	struct report_limits l;
	struct error err;
	char *path = NULL, *text, *title = NULL;
	size_t len;

	if (config) {
		path = xstrdup(config);
	} else if (matrix && strcmp(matrix, "-") != 0) {
		const char *slash = strrchr(matrix, '/');
		size_t dir = slash ? (size_t)(slash - matrix) + 1 : 0;
		FILE *fp;
		path = xmalloc(dir + sizeof "report.json");
		memcpy(path, matrix, dir);
		memcpy(path + dir, "report.json", sizeof "report.json");
		if (!(fp = fopen(path, "rb"))) {
			free(path);
			return NULL;
		}
		fclose(fp);
	} else {
		return NULL;
	}
	text = slurp(c, path, &len);
	report_limits_default(&l);
	error_clear(&err);
	if (report_limits_parse(&l, &title, path, text, len, &err) != 0)
		cli_fail(c, &err);
	report_set_limits(r, &l);
	if (title)
		report_set_title(r, title);
	free(text);
	free(path);
	return title;
}

/* The people file (role, person, email), as raci route reads it. */
static struct raci_people *read_people(struct cli *c, const char *path)
{
	static const struct reader_column cols[] = {
		{"role", 1}, {"person", 1}, {"email", 0}
	};
	struct raci_people *p = raci_people_new();
	struct reader *r = cli_open(c, path, cols, 3);
	struct record rec;

	while (cli_read(c, r, &rec) > 0)
		raci_people_add(p, rec.field[0], rec.field[1], rec.field[2]);
	cli_report_rejects(c, r);
	reader_close(r);
	return p;
}

/* The runbook (check, subject, remedy, link), as raci route reads it. */
static struct raci_runbook *read_runbook(struct cli *c, const char *path)
{
	static const struct reader_column cols[] = {
		{"check", 1}, {"subject", 0}, {"remedy", 1}, {"link", 0}
	};
	struct raci_runbook *rb = raci_runbook_new();
	struct reader *r = cli_open(c, path, cols, 4);
	struct record rec;

	while (cli_read(c, r, &rec) > 0)
		raci_runbook_add(rb, rec.field[0], rec.field[1], rec.field[2], rec.field[3]);
	cli_report_rejects(c, r);
	reader_close(r);
	return rb;
}

/* Adds the file path to the history; dies on an error. */
static void history_file(struct cli *c, struct report_history *h, const char *path)
{
	struct error err;
	size_t len;
	char *text = slurp(c, path, &len);

	error_clear(&err);
	if (report_history_add(h, path, text, len, &err) != 0)
		cli_fail(c, &err);
	free(text);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The monthly reports of the folder dir, in the order of their names:
 * every DIR/NAME.json, and DIR/NAME/report.json of every sub-folder that
 * has one (the layout of examples/cron/upkeep.sh: a folder a month);
 * other names, and the other files of the sub-folders, are left alone. */
static void history_dir(struct cli *c, struct report_history *h, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct stat st;
	char **names = NULL;
	size_t n = 0, cap = 0, i;

	if (!d)
		cli_die(c, "%s: %s", dir, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		int json = len > 5 && strcmp(de->d_name + len - 5, ".json") == 0;
		char *path;
		if (de->d_name[0] == '.')
			continue;
		path = xmalloc(strlen(dir) + len + sizeof "/report.json" + 1);
		sprintf(path, "%s/%s", dir, de->d_name);
		if (stat(path, &st) != 0)
			cli_die(c, "%s: %s", path, strerror(errno));
		/* a month's folder counts by its report.json; a file NAME.json
		 * is read (and refused when it cannot be) */
		if (S_ISDIR(st.st_mode))
			strcat(path, "/report.json");
		if (S_ISDIR(st.st_mode) ? stat(path, &st) != 0 : !json) {
			free(path);
			continue;
		}
		if (n == cap)
			names = xreallocarray(names, cap = cap ? 2 * cap : 16, sizeof *names);
		names[n++] = path;
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof *names, name_cmp);
	for (i = 0; i < n; i++) {
		history_file(c, h, names[i]);
		free(names[i]);
	}
	free(names);
	if (n == 0)
		cli_die(c, "%s: no monthly report (NAME.json or NAME/report.json) in the folder", dir);
}

/* The year view: --history's folder and every --previous.  Returns the
 * year document. */
static json_t *year_doc(struct cli *c, const char *dir, const struct cli_list *prev,
			const char *title, const char *lang)
{
	struct report_history *h = report_history_new();
	struct error err;
	json_t *doc;
	size_t i;

	if (dir)
		history_dir(c, h, dir);
	for (i = 0; i < prev->n; i++)
		history_file(c, h, prev->v[i]);
	error_clear(&err);
	if (!(doc = report_history_build(h, title, lang, &err)))
		cli_fail(c, &err);
	report_history_free(h);
	return doc;
}

int main(int argc, char **argv)
{
	static const char *const langs[] = { "en", "zh", NULL };
	const char *matrix = NULL, *title = NULL, *config = NULL;
	const char *people = NULL, *runbook = NULL, *history = NULL;
	struct cli_list previous = { 0 };
	int lang = 0;
	const struct cli_opt opts[] = {
		CLI_OPT_STRING("matrix", 'm', "MATRIX", &matrix, "the RACI matrix whose checks column names the owner of each problem"),
		CLI_OPT_LIST("previous", 0, "REPORT", &previous, "last period's report -f json: marks problems new, still open, unchecked or resolved, and carries their open_since and age; given more than once, the year view of those reports"),
		CLI_OPT_STRING("history", 0, "DIR", &history, "write the year view of the monthly reports (report -f json outputs) in DIR: DIR/*.json and DIR/*/report.json, up to 24 months, ordered by their period"),
		CLI_OPT_STRING("title", 0, "TEXT", &title, "the report's title: the system and the organisation (overrides the config's)"),
		CLI_OPT_STRING("config", 0, "FILE", &config, "the report's config (title and usage limits; default: report.json beside the matrix, if any)"),
		CLI_OPT_STRING("people", 0, "PEOPLE", &people, "name each problem's owners: a file of role, person, email (needs -m)"),
		CLI_OPT_STRING("runbook", 0, "RUNBOOK", &runbook, "the fix of known problems: a file of check, subject (glob), remedy, link"),
		CLI_OPT_CHOICE("lang", "LANG", &lang, langs, "language", "language of the labels: en or zh (default: en)"),
		CLI_OPT_END
	};
	struct cli c;
	struct report *r = report_new();
	struct raci *m = NULL;
	struct raci_people *pp = NULL;
	struct raci_runbook *rb = NULL;
	struct cli_doc d = { .count = report_at_least, .render = render };
	json_t *doc;
	char **ops;
	int nops, status;

	cli_init(&c, "report", "[options] [ENVELOPE.json ...]",
		 "Write the monthly health report from the JSON outputs of inspect, review, sla-check and raci check.",
		 opts, CLI_OUTPUT | CLI_FINDINGS, formats, argc, argv);
	ops = cli_parse(&c, &nops);
	if (people && !matrix)
		cli_die(&c, "--people names the roles of the matrix: give -m MATRIX too");
	if (history || previous.n > 1) {
		if (nops)
			cli_die(&c, "the year view is drawn from monthly reports: give no envelope "
				"with %s (write this month's report -f json first)",
				history ? "--history" : "--previous twice");
		if (people || runbook || matrix)
			cli_die(&c, "the year view has no problem list: %s does not apply",
				people ? "--people" : runbook ? "--runbook" : "-m");
		char *ctitle = read_config(&c, r, config, matrix);
		doc = year_doc(&c, history, &previous, title ? title : ctitle, langs[lang]);
		free(ctitle);
		d.doc = doc;
		status = cli_put(&c, &d);
		json_decref(doc);
		report_free(r);
		return cli_exit(&c, status);
	}
	read_envelopes(&c, r, ops, nops, previous.n ? previous.v[0] : NULL);
	free(read_config(&c, r, config, matrix));
	if (title)
		report_set_title(r, title);
	if (people) {
		pp = read_people(&c, people);
		report_set_people(r, pp);
	}
	if (runbook) {
		rb = read_runbook(&c, runbook);
		report_set_runbook(r, rb);
	}
	if (matrix) {
		unsigned long rows, rejected;
		m = load_matrix(&c, matrix, &rows, &rejected);
		report_set_matrix(r, m, matrix, rows, rejected);
	}
	doc = report_build(r, langs[lang]);
	d.doc = doc;
	status = cli_put(&c, &d);
	json_decref(doc);
	report_free(r);
	raci_free(m);
	raci_people_free(pp);
	raci_runbook_free(rb);
	return cli_exit(&c, status);
}
