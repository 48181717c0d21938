/* Unit tests of the command-line front end (cmd/cli.h; cli.c, cli_input.c
 * and cli_output.c): every option type parsed into its bound variable, the
 * common options and their groups, --help and --version, the usage errors
 * and bad values (each run in a forked child whose standard output and
 * error go to temporary files, so that its exit status and exact message
 * can be checked), and cli_put with a renderer, -o, -q and --fail-on.
 * Expected values are worked out by hand from cli.h and the messages in
 * the cmd/cli*.c sources; the comments say how. */
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>

#include "check.h"
#include "cli.h"

/* ---- the test command ---- */

/* The variables the test command's options are bound to. */
struct vals {
	int verbose;
	const char *name;
	struct cli_list tag;
	long run_length;
	double share;
	int64_t gap;
	int scale;
	const char *pair;	/* the last value pair_call was given */
	int pairs;		/* how many times it was called */
};

static const char *const scales[] = { "csat", "nps", NULL };
/* the -f values of a command that writes CI formats (as inspect) */
static const char *const ci_formats[] = {
	"csv", "tsv", "json", "ndjson", "table", "prom", "nagios", "junit", NULL
};
/* the -f values of a command with its own renderer (as report) */
static const char *const doc_formats[] = { "md", "html", "txt", "json", NULL };

#define USAGE_LINES "usage: prog [options] [FILE...]\n" \
	"Try 'prog --help' for more information.\n"

/* CLI_CALL: takes A:B, dies on anything else. */
static void pair_call(struct cli *c, const struct cli_opt *o, const char *arg)
{
	struct vals *v = o->target;

	if (!strchr(arg, ':'))
		cli_die(c, "--%s: \"%s\" is not A:B", o->name, arg);
	v->pair = arg;
	v->pairs++;
}

/* A fresh, writable argv for each parse: getopt_long permutes it. */
struct args {
	int argc;
	char *argv[32];
};

static void args_set(struct args *a, const char *const *v)
{
	a->argc = 0;
	for (; *v && a->argc < 31; v++) {
		a->argv[a->argc] = strdup(*v);
		if (!a->argv[a->argc]) {
			perror("strdup");
			exit(2);
		}
		a->argc++;
	}
	a->argv[a->argc] = NULL;
}

/* The strings of every argv parsed, freed only at the end: glibc's
 * getopt keeps a pointer into the last argument it read (its nextchar),
 * and cli_parse's optind = 1 does not clear it (only optind = 0 does), so
 * the next parse reads that byte again.  An argv that lives as long as the
 * process, as a real one does, keeps that byte a harmless NUL. */
static char **pool;
static size_t npool;

static void args_free(struct args *a)
{
	int i;
	char **p = realloc(pool, (npool + (size_t)a->argc) * sizeof *pool);

	if (!p) {
		perror("realloc");
		exit(2);
	}
	pool = p;
	for (i = 0; i < a->argc; i++)
		pool[npool++] = a->argv[i];
	a->argc = 0;
}

static void pool_free(void)
{
	size_t i;

	for (i = 0; i < npool; i++)
		free(pool[i]);
	free(pool);
	pool = NULL;
	npool = 0;
}

/* argv of the test command: ARGV("-v", "x") is {"prog", "-v", "x", NULL} */
#define ARGV(...) ((const char *const[]){ "prog", __VA_ARGS__, NULL })
#define ARGV0 ((const char *const[]){ "prog", NULL })

/* Parses argv for the test command "prog" and returns the operands.  The
 * option table lives in this frame only: cli_parse must not keep it.  The
 * caller calls cli_release(c) and args_free(a). */
static char **parse_as(struct cli *c, const char *prog, struct vals *v,
		       struct args *a, unsigned groups,
		       const char *const *formats, const char *const *argv,
		       int *n)
{
	const struct cli_opt opts[] = {
		CLI_OPT_FLAG("verbose", 'v', &v->verbose, "say more"),
		CLI_OPT_STRING("name", 'n', "NAME", &v->name, "the name (the last one wins)"),
		CLI_OPT_LIST("tag", 't', "TAG", &v->tag, "a tag (repeatable)"),
		CLI_OPT_LONG("run-length", "N", &v->run_length, 1, 10, "runs of N, 1 to 10"),
		CLI_OPT_NUMBER("share", "RATE", &v->share, 0, 1, "a share: 0.05 or 5%"),
		CLI_OPT_DURATION("gap", "DURATION", &v->gap, "a gap: 90s, 15m, 6h, 1d"),
		CLI_OPT_CHOICE("scale", "SCALE", &v->scale, scales, "scale", "csat or nps"),
		CLI_OPT_CALL("pair", 'p', "A:B", v, pair_call, "a pair A:B, given to a callback"),
		CLI_OPT_END
	};

	memset(v, 0, sizeof *v);
	v->run_length = 3;	/* defaults, kept when the option is absent */
	v->scale = -1;
	args_set(a, argv);
	cli_init(c, prog, "[options] [FILE...]", "Test the front end.", opts,
		 groups, formats, a->argc, a->argv);
	return cli_parse(c, n);
}

static char **parse(struct cli *c, struct vals *v, struct args *a,
		    unsigned groups, const char *const *formats,
		    const char *const *argv, int *n)
{
	return parse_as(c, "prog", v, a, groups, formats, argv, n);
}

/* ---- children ---- */

struct run {
	int status;		/* exit status; -1: killed by a signal */
	char out[8192];		/* standard output */
	char err[8192];		/* standard error */
};

static void read_all(FILE *fp, char *buf, size_t size)
{
	size_t n;

	rewind(fp);
	n = fread(buf, 1, size - 1, fp);
	buf[n] = '\0';
	fclose(fp);
}

/* Runs fn(arg) in a child with its standard output and error in temporary
 * files.  fn is meant to exit; if it returns, the child exits 99. */
static void run(struct run *r, void (*fn)(const void *), const void *arg)
{
	FILE *out = tmpfile(), *err = tmpfile();
	pid_t pid;
	int ws = 0;

	r->status = -2;
	r->out[0] = r->err[0] = '\0';
	if (!out || !err) {
		perror("tmpfile");
		exit(2);
	}
	/* else the child would write the parent's buffered lines again */
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(2);
	}
	if (pid == 0) {
		if (dup2(fileno(out), STDOUT_FILENO) < 0 ||
		    dup2(fileno(err), STDERR_FILENO) < 0)
			_exit(98);
		fn(arg);
		fflush(NULL);
		_exit(99);
	}
	if (waitpid(pid, &ws, 0) != pid)
		perror("waitpid");
	r->status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
	read_all(out, r->out, sizeof r->out);
	read_all(err, r->err, sizeof r->err);
}

/* A parse in a child: argv with groups and formats. */
struct pcase {
	const char *const *argv;
	unsigned groups;
	const char *const *formats;
	const char *prog;	/* NULL: "prog" */
};

static void child_parse(const void *p)
{
	const struct pcase *k = p;
	struct cli c;
	struct vals v;
	struct args a;
	int n;

	parse_as(&c, k->prog ? k->prog : "prog", &v, &a, k->groups,
		 k->formats, k->argv, &n);
	/* not reached when the parse dies, as every caller expects */
	cli_release(&c);
	args_free(&a);
}

/* Checks that parsing argv exits with status, writing want to standard
 * error and nothing to standard output. */
static void expect_exit(const char *const *argv, unsigned groups,
			const char *const *formats, int status,
			const char *want, int line)
{
	struct pcase k = { argv, groups, formats, NULL };
	struct run r;

	run(&r, child_parse, &k);
	if (r.status != status || strcmp(r.err, want) != 0 || r.out[0]) {
		fprintf(stderr, "%s:%d: exit %d, want %d\n"
			"--- stderr ---\n%s--- want ---\n%s--- stdout ---\n%s---\n",
			__FILE__, line, r.status, status, r.err, want, r.out);
		check_failures++;
	}
}

#define EXPECT_EXIT(argv, groups, formats, status, want) \
	expect_exit(argv, groups, formats, status, want, __LINE__)

/* With -f nagios: exit 3 (UNKNOWN), want on standard error and the
 * plugin's status line out on standard output. */
static void expect_unknown(const char *const *argv, const char *want,
			   const char *out, int line)
{
	struct pcase k = { argv, CLI_OUTPUT, ci_formats, NULL };
	struct run r;

	run(&r, child_parse, &k);
	if (r.status != 3 || strcmp(r.err, want) != 0 || strcmp(r.out, out) != 0) {
		fprintf(stderr, "%s:%d: exit %d, want 3\n"
			"--- stderr ---\n%s--- want ---\n%s--- stdout ---\n%s"
			"--- want ---\n%s---\n", __FILE__, line, r.status, r.err,
			want, r.out, out);
		check_failures++;
	}
}

#define EXPECT_UNKNOWN(argv, want, out) expect_unknown(argv, want, out, __LINE__)

/* ---- temporary files ---- */

static char tmpdir[64];

static const char *tmp_path(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", tmpdir, name);
	return buf;
}

static void put_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	if (!fp || fputs(text, fp) == EOF || fclose(fp) != 0) {
		perror(path);
		exit(2);
	}
}

/* The text of path into buf, or "(none)" when it cannot be read. */
static const char *slurp(const char *path, char *buf, size_t size)
{
	FILE *fp = fopen(path, "r");

	if (!fp) {
		snprintf(buf, size, "(none)");
		return buf;
	}
	read_all(fp, buf, size);
	return buf;
}

/* Entries of tmpdir besides . and .. (a temporary file left by -o would
 * show here). */
static int count_files(void)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void clear_dir(void)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	char p[sizeof tmpdir + sizeof e->d_name + 1];

	if (!d)
		return;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			unlink(tmp_path(p, sizeof p, e->d_name));
	closedir(d);
}

/* ---- every option type ---- */

static void flag_and_string(void)
{
	struct cli c;
	struct vals v;
	struct args a;
	int n;

	/* absent: the flag stays 0, the string NULL */
	parse(&c, &v, &a, 0, NULL, ARGV0, &n);
	CHECK_INT(n, 0);
	CHECK_INT(v.verbose, 0);
	CHECK(v.name == NULL);
	cli_release(&c);
	args_free(&a);

	/* long flag; the string three times (space, short, =): the last wins */
	parse(&c, &v, &a, 0, NULL,
	      ARGV("--verbose", "--name", "first", "-n", "second", "--name=third"), &n);
	CHECK_INT(n, 0);
	CHECK_INT(v.verbose, 1);
	CHECK_STR(v.name, "third");
	cli_release(&c);
	args_free(&a);

	/* short flag, and a short option's value in the same argument */
	parse(&c, &v, &a, 0, NULL, ARGV("-v", "-nfourth"), &n);
	CHECK_INT(v.verbose, 1);
	CHECK_STR(v.name, "fourth");
	cli_release(&c);
	args_free(&a);

	/* -vn VALUE: a flag and an option with a value in one cluster */
	parse(&c, &v, &a, 0, NULL, ARGV("-vn", "fifth"), &n);
	CHECK_INT(v.verbose, 1);
	CHECK_STR(v.name, "fifth");
	CHECK_INT(n, 0);
	cli_release(&c);
	args_free(&a);
}

static void list_values(void)
{
	struct cli c;
	struct vals v;
	struct args a;
	int n;

	/* every value, in the order given, whichever spelling */
	parse(&c, &v, &a, 0, NULL,
	      ARGV("--tag", "a", "-t", "b", "--tag=c", "-td", "--tag", "a"), &n);
	CHECK_INT(v.tag.n, 5);
	if (v.tag.n == 5) {
		CHECK_STR(v.tag.v[0], "a");
		CHECK_STR(v.tag.v[1], "b");
		CHECK_STR(v.tag.v[2], "c");
		CHECK_STR(v.tag.v[3], "d");
		CHECK_STR(v.tag.v[4], "a");
	}
	/* the list is registered once, however many values it holds */
	CHECK_INT(c.nlists, 1);
	cli_release(&c);
	/* cli_release frees v and empties the list */
	CHECK(v.tag.v == NULL);
	CHECK_INT(v.tag.n, 0);
	CHECK_INT(c.nlists, 0);
	args_free(&a);

	/* absent: empty, nothing to free */
	parse(&c, &v, &a, 0, NULL, ARGV("-v"), &n);
	CHECK_INT(v.tag.n, 0);
	CHECK(v.tag.v == NULL);
	CHECK_INT(c.nlists, 0);
	cli_release(&c);
	args_free(&a);
}

static void long_bounds(void)
{
	struct cli c;
	struct vals v;
	struct args a;
	int n;

	/* absent: the default set before parsing (3) is kept */
	parse(&c, &v, &a, 0, NULL, ARGV0, &n);
	CHECK_INT(v.run_length, 3);
	cli_release(&c);
	args_free(&a);
	/* lo and hi (1 and 10) are both allowed; one within */
	parse(&c, &v, &a, 0, NULL, ARGV("--run-length", "1"), &n);
	CHECK_INT(v.run_length, 1);
	cli_release(&c);
	args_free(&a);
	parse(&c, &v, &a, 0, NULL, ARGV("--run-length=10"), &n);
	CHECK_INT(v.run_length, 10);
	cli_release(&c);
	args_free(&a);
	parse(&c, &v, &a, 0, NULL, ARGV("--run-length", "7"), &n);
	CHECK_INT(v.run_length, 7);
	cli_release(&c);
	args_free(&a);

	/* one below lo, one above hi, not a number, a trailing unit: the
	 * message of parse_long, with the bounds as %ld */
	EXPECT_EXIT(ARGV("--run-length", "0"), 0, NULL, 2,
		    "prog: --run-length: \"0\" is not a whole number from 1 to 10\n");
	EXPECT_EXIT(ARGV("--run-length", "11"), 0, NULL, 2,
		    "prog: --run-length: \"11\" is not a whole number from 1 to 10\n");
	EXPECT_EXIT(ARGV("--run-length=abc"), 0, NULL, 2,
		    "prog: --run-length: \"abc\" is not a whole number from 1 to 10\n");
	EXPECT_EXIT(ARGV("--run-length", "5x"), 0, NULL, 2,
		    "prog: --run-length: \"5x\" is not a whole number from 1 to 10\n");
	EXPECT_EXIT(ARGV("--run-length", ""), 0, NULL, 2,
		    "prog: --run-length: \"\" is not a whole number from 1 to 10\n");
}

static void number_values(void)
{
	struct cli c;
	struct vals v;
	struct args a;
	int n;

	parse(&c, &v, &a, 0, NULL, ARGV("--share", "0.25"), &n);
	CHECK_NEAR(v.share, 0.25, 0);
	cli_release(&c);
	args_free(&a);
	/* "5%" is 5 / 100 = 0.05 (the same double as the literal 0.05) */
	parse(&c, &v, &a, 0, NULL, ARGV("--share=5%"), &n);
	CHECK_NEAR(v.share, 0.05, 0);
	cli_release(&c);
	args_free(&a);
	/* 12.5 / 100 = 0.125; the bounds 0 and 1 (0% and 100%) are allowed */
	parse(&c, &v, &a, 0, NULL, ARGV("--share", "12.5%"), &n);
	CHECK_NEAR(v.share, 0.125, 0);
	cli_release(&c);
	args_free(&a);
	parse(&c, &v, &a, 0, NULL, ARGV("--share", "100%"), &n);
	CHECK_NEAR(v.share, 1, 0);
	cli_release(&c);
	args_free(&a);
	parse(&c, &v, &a, 0, NULL, ARGV("--share", "0"), &n);
	CHECK_NEAR(v.share, 0, 0);
	cli_release(&c);
	args_free(&a);

	/* out of 0..1 (lo and hi printed with %g), a stray character after
	 * the %, not finite */
	EXPECT_EXIT(ARGV("--share", "150%"), 0, NULL, 2,
		    "prog: --share: \"150%\" is not a number from 0 to 1\n");
	EXPECT_EXIT(ARGV("--share", "1.5"), 0, NULL, 2,
		    "prog: --share: \"1.5\" is not a number from 0 to 1\n");
	EXPECT_EXIT(ARGV("--share", "-0.1"), 0, NULL, 2,
		    "prog: --share: \"-0.1\" is not a number from 0 to 1\n");
	EXPECT_EXIT(ARGV("--share", "5%x"), 0, NULL, 2,
		    "prog: --share: \"5%x\" is not a number from 0 to 1\n");
	EXPECT_EXIT(ARGV("--share", "nan"), 0, NULL, 2,
		    "prog: --share: \"nan\" is not a number from 0 to 1\n");
}

static void duration_values(void)
{
	static const struct {
		const char *arg;
		int64_t ms;
	} t[] = {
		{ "90s", 90 * 1000 },			/* 90 000 */
		{ "15m", 15 * 60 * 1000 },		/* 900 000 */
		{ "6h", 6 * 3600 * 1000 },		/* 21 600 000 */
		{ "1d", 24 * 3600 * 1000 },		/* 86 400 000 */
		{ "1h30m", 90 * 60 * 1000 },		/* 5 400 000 */
		{ "250ms", 250 },
		{ "90", 90 * 1000 },			/* a bare number: seconds */
	};
	size_t i;
	struct cli c;
	struct vals v;
	struct args a;
	int n;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		parse(&c, &v, &a, 0, NULL, ARGV("--gap", t[i].arg), &n);
		CHECK_INT(v.gap, t[i].ms);
		cli_release(&c);
		args_free(&a);
	}
	/* the = form */
	parse(&c, &v, &a, 0, NULL, ARGV("--gap=2d"), &n);
	CHECK_INT(v.gap, INT64_C(2) * 86400 * 1000);
	cli_release(&c);
	args_free(&a);

	/* an unknown unit, and 0 (a duration is more than 0) */
	EXPECT_EXIT(ARGV("--gap", "5x"), 0, NULL, 2,
		    "prog: --gap: \"5x\" is not a duration such as 90s, 15m, 6h, 1d\n");
	EXPECT_EXIT(ARGV("--gap", "0s"), 0, NULL, 2,
		    "prog: --gap: \"0s\" is not a duration such as 90s, 15m, 6h, 1d\n");
	EXPECT_EXIT(ARGV("--gap=m5"), 0, NULL, 2,
		    "prog: --gap: \"m5\" is not a duration such as 90s, 15m, 6h, 1d\n");
}

static void choice_and_call(void)
{
	struct cli c;
	struct vals v;
	struct args a;
	int n;

	/* the index in scales[]: csat 0, nps 1; absent keeps -1 */
	parse(&c, &v, &a, 0, NULL, ARGV0, &n);
	CHECK_INT(v.scale, -1);
	CHECK_INT(v.pairs, 0);
	cli_release(&c);
	args_free(&a);
	parse(&c, &v, &a, 0, NULL, ARGV("--scale", "nps"), &n);
	CHECK_INT(v.scale, 1);
	cli_release(&c);
	args_free(&a);
	parse(&c, &v, &a, 0, NULL, ARGV("--scale=csat"), &n);
	CHECK_INT(v.scale, 0);
	cli_release(&c);
	args_free(&a);

	/* the callback gets each value, the target, and may be short */
	parse(&c, &v, &a, 0, NULL, ARGV("--pair", "a:b", "-p", "c:d"), &n);
	CHECK_INT(v.pairs, 2);
	CHECK_STR(v.pair, "c:d");
	cli_release(&c);
	args_free(&a);
	parse(&c, &v, &a, 0, NULL, ARGV("--pair=x:y"), &n);
	CHECK_INT(v.pairs, 1);
	CHECK_STR(v.pair, "x:y");
	cli_release(&c);
	args_free(&a);

	/* choices listed with ", " by list_choices, the noun "scale" */
	EXPECT_EXIT(ARGV("--scale", "five"), 0, NULL, 2,
		    "prog: --scale: unknown scale \"five\" (one of: csat, nps)\n");
	/* a choice is exact: no prefix, no other case */
	EXPECT_EXIT(ARGV("--scale", "NPS"), 0, NULL, 2,
		    "prog: --scale: unknown scale \"NPS\" (one of: csat, nps)\n");
	/* the callback's own cli_die */
	EXPECT_EXIT(ARGV("--pair", "ab"), 0, NULL, 2,
		    "prog: --pair: \"ab\" is not A:B\n");
}

static void operands(void)
{
	struct cli c;
	struct vals v;
	struct args a;
	char **ops;
	int n;

	/* getopt_long moves the operands after the options; after "--"
	 * everything is an operand, even "--name" */
	ops = parse(&c, &v, &a, 0, NULL,
		    ARGV("a.csv", "--verbose", "-", "-n", "x", "--", "--name", "-v"), &n);
	CHECK_INT(n, 4);
	if (n == 4) {
		CHECK_STR(ops[0], "a.csv");
		CHECK_STR(ops[1], "-");
		CHECK_STR(ops[2], "--name");
		CHECK_STR(ops[3], "-v");
		CHECK(ops[4] == NULL);
	}
	CHECK_INT(v.verbose, 1);
	CHECK_STR(v.name, "x");
	cli_release(&c);
	args_free(&a);

	/* only operands */
	ops = parse(&c, &v, &a, 0, NULL, ARGV("one", "two"), &n);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(ops[0], "one");
		CHECK_STR(ops[1], "two");
	}
	CHECK_INT(v.verbose, 0);
	cli_release(&c);
	args_free(&a);
}

/* cli_parse keeps no pointer to the table: parse_as's table is gone by
 * now, and c.opts is NULL; the targets still hold the values. */
static void table_not_kept(void)
{
	struct cli c;
	struct vals v;
	struct args a;
	int n;

	parse(&c, &v, &a, CLI_OUTPUT, NULL, ARGV("-v", "-t", "x", "-f", "json"), &n);
	CHECK(c.opts == NULL);
	CHECK_INT(v.verbose, 1);
	CHECK_INT(v.tag.n, 1);
	CHECK_INT(cli_format(&c), OUT_JSON);
	cli_release(&c);
	CHECK_INT(v.tag.n, 0);
	args_free(&a);
}

/* ---- common options ---- */

/* The default format of a child whose standard output is a file (not a
 * terminal), printed for the parent. */
static void child_default_format(const void *p)
{
	const struct pcase *k = p;
	struct cli c;
	struct vals v;
	struct args a;
	int n;

	parse(&c, &v, &a, k->groups, k->formats, k->argv, &n);
	printf("%s\n", outfmt_name(cli_format(&c)));
	cli_release(&c);
	args_free(&a);
	fflush(stdout);
	_exit(0);
}

static void common_format(void)
{
	struct cli c;
	struct vals v;
	struct args a;
	struct run r;
	int n;

	/* -f json; the default formats allow it */
	parse(&c, &v, &a, CLI_OUTPUT, NULL, ARGV("-f", "json"), &n);
	CHECK_INT(c.format_set, 1);
	CHECK_INT(c.format, OUT_JSON);
	CHECK_INT(cli_format(&c), OUT_JSON);
	cli_release(&c);
	args_free(&a);
	/* -f wins over the -o extension */
	parse(&c, &v, &a, CLI_OUTPUT, NULL, ARGV("--format=ndjson", "-o", "out.csv"), &n);
	CHECK_INT(cli_format(&c), OUT_NDJSON);
	CHECK_STR(c.output, "out.csv");
	cli_release(&c);
	args_free(&a);
	/* no -f: the -o extension, when it is one of the command's formats */
	parse(&c, &v, &a, CLI_OUTPUT, NULL, ARGV("-o", "dir.x/out.tsv"), &n);
	CHECK_INT(c.format_set, 0);
	CHECK_INT(cli_format(&c), OUT_TSV);
	CHECK_INT(c.format_set, 1);
	cli_release(&c);
	args_free(&a);
	parse(&c, &v, &a, CLI_OUTPUT, doc_formats, ARGV("--output=report.html"), &n);
	CHECK_INT(cli_format(&c), OUT_HTML);
	cli_release(&c);
	args_free(&a);
	/* an extension that is no format of the command (prom is not among
	 * the default ones), or none: the first format, csv */
	parse(&c, &v, &a, CLI_OUTPUT, NULL, ARGV("-o", "out.prom"), &n);
	CHECK_INT(cli_format(&c), OUT_CSV);
	cli_release(&c);
	args_free(&a);
	parse(&c, &v, &a, CLI_OUTPUT, doc_formats, ARGV("-o", "dir.json/report"), &n);
	CHECK_INT(cli_format(&c), OUT_MD);
	cli_release(&c);
	args_free(&a);

	/* neither -f nor -o, standard output not a terminal: the first format
	 * (md for doc_formats), csv when the first is table */
	{
		static const char *const table_first[] = { "table", "json", NULL };
		struct pcase k1 = { ARGV0, CLI_OUTPUT, doc_formats, NULL };
		struct pcase k2 = { ARGV0, CLI_OUTPUT, table_first, NULL };

		run(&r, child_default_format, &k1);
		CHECK_INT(r.status, 0);
		CHECK_STR(r.out, "md\n");
		run(&r, child_default_format, &k2);
		CHECK_INT(r.status, 0);
		CHECK_STR(r.out, "csv\n");
	}

	/* a format that is not the command's: the list as cli.c prints it,
	 * separated by spaces */
	EXPECT_EXIT(ARGV("-f", "xml"), CLI_OUTPUT, NULL, 2,
		    "prog: unknown output format \"xml\" (one of: csv, tsv, json, ndjson, table)\n");
	EXPECT_EXIT(ARGV("-f", "nagios"), CLI_OUTPUT, NULL, 2,
		    "prog: unknown output format \"nagios\" (one of: csv, tsv, json, ndjson, table)\n");
	/* without CLI_OUTPUT, -f and -o are unknown options */
	EXPECT_EXIT(ARGV("-f", "json"), CLI_INPUT, NULL, 2,
		    "prog: unknown option -f\n" USAGE_LINES);
	EXPECT_EXIT(ARGV("--output", "x.csv"), CLI_INPUT, NULL, 2,
		    "prog: unknown option --output\n" USAGE_LINES);
}

static void common_tz_fail_on_quiet(void)
{
	struct cli c;
	struct vals v;
	struct args a;
	struct tz *tz;
	int n;

	/* defaults from cli_init: fail_on warning, not quiet, no zone */
	parse(&c, &v, &a, CLI_INPUT | CLI_FINDINGS, NULL, ARGV0, &n);
	CHECK_INT(c.fail_on, SEV_WARNING);
	CHECK_INT(c.quiet, 0);
	CHECK(c.tzname == NULL);
	cli_release(&c);
	args_free(&a);

	parse(&c, &v, &a, CLI_INPUT | CLI_FINDINGS, NULL,
	      ARGV("--tz", "UTC", "--fail-on", "critical", "-q"), &n);
	CHECK_STR(c.tzname, "UTC");
	CHECK_INT(c.fail_on, SEV_CRITICAL);
	CHECK_INT(c.quiet, 1);
	/* the zone is opened on first use and kept */
	tz = cli_tz(&c);
	CHECK(tz != NULL);
	CHECK(cli_tz(&c) == tz);
	if (tz)
		CHECK_STR(tz_name(tz), "UTC");
	cli_release(&c);
	CHECK(c.tz == NULL);
	args_free(&a);

	parse(&c, &v, &a, CLI_FINDINGS, NULL, ARGV("--fail-on=never", "--quiet"), &n);
	CHECK_INT(c.fail_on, SEV_NEVER);
	CHECK_INT(c.quiet, 1);
	cli_release(&c);
	args_free(&a);
	parse(&c, &v, &a, CLI_FINDINGS, NULL, ARGV("--fail-on", "info"), &n);
	CHECK_INT(c.fail_on, SEV_INFO);
	cli_release(&c);
	args_free(&a);
	/* --tz belongs to CLI_INPUT and to CLI_PERIOD: either will do */
	parse(&c, &v, &a, CLI_PERIOD, NULL, ARGV("--tz=Europe/Paris"), &n);
	CHECK_STR(c.tzname, "Europe/Paris");
	cli_release(&c);
	args_free(&a);

	EXPECT_EXIT(ARGV("--fail-on", "loud"), CLI_FINDINGS, NULL, 2,
		    "prog: --fail-on: unknown severity \"loud\" (one of: info, warning, critical, never)\n");
	EXPECT_EXIT(ARGV("--tz", "UTC"), CLI_OUTPUT | CLI_FINDINGS, NULL, 2,
		    "prog: unknown option --tz\n" USAGE_LINES);
	EXPECT_EXIT(ARGV("-q"), CLI_OUTPUT, NULL, 2,
		    "prog: unknown option -q\n" USAGE_LINES);
}

/* --map time=Created: a required column "time" is read from the
 * input column "Created" (without a prefix the pair is the main input's,
 * here events: cli_open_as hands it to the reader). */
static void common_map(void)
{
	static const struct reader_column cols[] = { { "time", 1 } };
	struct cli c;
	struct vals v;
	struct args a;
	struct reader_config cfg;
	struct reader *r;
	struct record rec;
	char path[192];
	int n;

	tmp_path(path, sizeof path, "map.csv");
	put_file(path, "Key,Created\nA-1,2026-10-01\nA-2,2026-10-02\n");
	parse(&c, &v, &a, CLI_INPUT, NULL, ARGV("--map", "time=Created"), &n);
	CHECK(c.maps != NULL);
	cli_reader_config(&c, &cfg);
	CHECK(cfg.map == NULL);
	r = cli_open_as(&c, "events", path, cols, 1);
	/* rows 1 and 2 of the file, column 2 */
	CHECK_INT(cli_read(&c, r, &rec), 1);
	CHECK_INT(rec.nfields, 1);
	CHECK_STR(rec.field[0], "2026-10-01");
	CHECK_INT(cli_read(&c, r, &rec), 1);
	CHECK_STR(rec.field[0], "2026-10-02");
	CHECK_INT(cli_read(&c, r, &rec), 0);
	cli_close(&c, r, NULL);
	cli_release(&c);
	CHECK(c.maps == NULL);
	args_free(&a);
	unlink(path);

	/* colmap_add's message for a pair without "=" */
	EXPECT_EXIT(ARGV("--map", "opened"), CLI_INPUT, NULL, 2,
		    "prog: --map: \"opened\" is not canonical=header\n");
	EXPECT_EXIT(ARGV("--map", "opened=Created"), CLI_OUTPUT, NULL, 2,
		    "prog: unknown option --map\n" USAGE_LINES);
	/* the inputs: this command takes no option named for one, so only
	 * the events (its operands), and a pair must fit them */
	EXPECT_EXIT(ARGV("--map", "accounts:user=Username"), CLI_INPUT, NULL, 2,
		    "prog: --map \"accounts:user=Username\": no input \"accounts\" (prog reads: events)\n");
	EXPECT_EXIT(ARGV("--map", "time=When,acount:user=U"), CLI_INPUT, NULL, 2,
		    "prog: --map \"time=When,acount:user=U\": unknown input \"acount\" (prog reads: events)\n");
	EXPECT_EXIT(ARGV("--map", "opened=Created"), CLI_INPUT, NULL, 2,
		    "prog: --map \"opened=Created\": events have no column \"opened\" (see upkeep(7))\n");
	EXPECT_EXIT(ARGV("--values", "events:status=ok"), CLI_INPUT, NULL, 2,
		    "prog: --values: \"ok\" is not FROM:TO\n");
	EXPECT_EXIT(ARGV("--values", "status"), CLI_INPUT, NULL, 2,
		    "prog: --values: \"status\" is not [INPUT:]COLUMN=FROM:TO,...\n");
}

static void access_log_group(void)
{
	const unsigned groups = CLI_INPUT | CLI_ACCESS_LOG;
	struct cli c;
	struct vals v;
	struct args a;
	int n;

	/* defaults: every field 0 (auto unit, users from the user field) */
	parse(&c, &v, &a, groups, NULL, ARGV0, &n);
	CHECK_INT(c.clf.skip_static, 0);
	CHECK_INT(c.clf.user_from_ip, 0);
	CHECK_INT(c.clf.latency_unit, CLF_LATENCY_AUTO);
	CHECK(c.clf.feature_map == NULL);
	cli_release(&c);
	args_free(&a);

	parse(&c, &v, &a, groups, NULL,
	      ARGV("--skip-static", "--user-from", "ip", "--latency-unit", "s"), &n);
	CHECK_INT(c.clf.skip_static, 1);
	CHECK_INT(c.clf.user_from_ip, 1);
	CHECK_INT(c.clf.latency_unit, CLF_LATENCY_S);
	cli_release(&c);
	args_free(&a);
	/* the last one wins: ip then user */
	parse(&c, &v, &a, groups, NULL,
	      ARGV("--user-from=ip", "--user-from=user", "--latency-unit=us"), &n);
	CHECK_INT(c.clf.user_from_ip, 0);
	CHECK_INT(c.clf.latency_unit, CLF_LATENCY_US);
	cli_release(&c);
	args_free(&a);

	EXPECT_EXIT(ARGV("--latency-unit", "h"), groups, NULL, 2,
		    "prog: --latency-unit: unknown unit \"h\" (one of: auto, us, ms, s)\n");
	EXPECT_EXIT(ARGV("--user-from", "host"), groups, NULL, 2,
		    "prog: --user-from: unknown source \"host\" (one of: user, ip)\n");
	/* outside the command's groups, each is an unknown option */
	EXPECT_EXIT(ARGV("--skip-static"), CLI_INPUT, NULL, 2,
		    "prog: unknown option --skip-static\n" USAGE_LINES);
	EXPECT_EXIT(ARGV("--user-from", "ip"), CLI_INPUT | CLI_OUTPUT, NULL, 2,
		    "prog: unknown option --user-from\n" USAGE_LINES);
	EXPECT_EXIT(ARGV("--latency-unit=s"), CLI_INPUT, NULL, 2,
		    "prog: unknown option --latency-unit=s\n" USAGE_LINES);
}

/* ---- usage errors and cli_die ---- */

static void usage_errors(void)
{
	/* an unknown long option is named as given; a short one as -X */
	EXPECT_EXIT(ARGV("--bogus"), CLI_OUTPUT, NULL, 2,
		    "prog: unknown option --bogus\n" USAGE_LINES);
	EXPECT_EXIT(ARGV("-x"), CLI_OUTPUT, NULL, 2,
		    "prog: unknown option -x\n" USAGE_LINES);
	EXPECT_EXIT(ARGV("-vx"), CLI_OUTPUT, NULL, 2,
		    "prog: unknown option -x\n" USAGE_LINES);
	/* an option whose value is missing at the end */
	EXPECT_EXIT(ARGV("--gap"), 0, NULL, 2,
		    "prog: option --gap needs a value\n" USAGE_LINES);
	EXPECT_EXIT(ARGV("-v", "-o"), CLI_OUTPUT, NULL, 2,
		    "prog: option -o needs a value\n" USAGE_LINES);
	/* inside a cluster after a long option, the short one is named, not
	 * the argument before it; a flag given a value says so; a short
	 * option in a cluster that lacks its value is named alone */
	EXPECT_EXIT(ARGV("--verbose", "-xv"), CLI_OUTPUT, NULL, 2,
		    "prog: unknown option -x\n" USAGE_LINES);
	EXPECT_EXIT(ARGV("--verbose=yes"), 0, NULL, 2,
		    "prog: option --verbose takes no value\n" USAGE_LINES);
	EXPECT_EXIT(ARGV("-vo"), CLI_OUTPUT, NULL, 2,
		    "prog: option -o needs a value\n" USAGE_LINES);
	/* the options before the bad one were parsed, the error still wins */
	EXPECT_EXIT(ARGV("--verbose", "--name", "x", "--bogus", "file"), 0, NULL, 2,
		    "prog: unknown option --bogus\n" USAGE_LINES);
}

/* Parses k, then dies through cli_die as a command would after parsing. */
static void child_die(const void *p)
{
	const struct pcase *k = p;
	struct cli c;
	struct vals v;
	struct args a;
	int n;

	parse(&c, &v, &a, k->groups, k->formats, k->argv, &n);
	cli_die(&c, "%s: cannot read %d rows", "in.csv", 3);
}

static void die_status(void)
{
	struct pcase plain = { ARGV("-f", "json"), CLI_OUTPUT, ci_formats, NULL };
	struct pcase nagios = { ARGV("-f", "nagios"), CLI_OUTPUT, ci_formats, NULL };
	struct run r;

	/* "prog: " + the formatted message + a newline; 2, or 3 with -f nagios
	 * (a Nagios plugin's UNKNOWN) */
	run(&r, child_die, &plain);
	CHECK_INT(r.status, 2);
	CHECK_STR(r.err, "prog: in.csv: cannot read 3 rows\n");
	CHECK_STR(r.out, "");
	run(&r, child_die, &nagios);
	CHECK_INT(r.status, 3);
	CHECK_STR(r.err, "prog: in.csv: cannot read 3 rows\n");
	/* the Monitoring Plugins guidelines: always a status line on
	 * standard output, "SERVICE STATE - text" */
	CHECK_STR(r.out, "UPKEEP PROG UNKNOWN - in.csv: cannot read 3 rows\n");
	/* a bad value goes through cli_die too: 3, whether -f nagios comes
	 * before it or after it (the first pass finds -f) */
	EXPECT_UNKNOWN(ARGV("-f", "nagios", "--pair", "ab"),
		       "prog: --pair: \"ab\" is not A:B\n",
		       "UPKEEP PROG UNKNOWN - --pair: \"ab\" is not A:B\n");
	EXPECT_UNKNOWN(ARGV("--pair", "ab", "-f", "nagios"),
		       "prog: --pair: \"ab\" is not A:B\n",
		       "UPKEEP PROG UNKNOWN - --pair: \"ab\" is not A:B\n");
	EXPECT_UNKNOWN(ARGV("--gap", "5x", "--format=nagios"),
		       "prog: --gap: \"5x\" is not a duration such as 90s, 15m, 6h, 1d\n",
		       "UPKEEP PROG UNKNOWN - --gap: \"5x\" is not a duration such as 90s, 15m, 6h, 1d\n");
	/* -f clustered after a flag, and given twice (the last one counts) */
	EXPECT_UNKNOWN(ARGV("--gap", "5x", "-vfnagios"),
		       "prog: --gap: \"5x\" is not a duration such as 90s, 15m, 6h, 1d\n",
		       "UPKEEP PROG UNKNOWN - --gap: \"5x\" is not a duration such as 90s, 15m, 6h, 1d\n");
	EXPECT_EXIT(ARGV("--gap", "5x", "-f", "nagios", "-f", "json"), CLI_OUTPUT,
		    ci_formats, 2,
		    "prog: --gap: \"5x\" is not a duration such as 90s, 15m, 6h, 1d\n");
	/* "nagios" as the value of another option is no -f */
	EXPECT_EXIT(ARGV("--pair", "ab", "--name", "-f", "nagios"), CLI_OUTPUT,
		    ci_formats, 2, "prog: --pair: \"ab\" is not A:B\n");
	/* a usage error is UNKNOWN too: the message on the status line */
	EXPECT_UNKNOWN(ARGV("--bogus", "-f", "nagios"),
		       "prog: unknown option --bogus\n" USAGE_LINES,
		       "UPKEEP PROG UNKNOWN - unknown option --bogus\n");
	EXPECT_UNKNOWN(ARGV("-f", "nagios", "--gap"),
		       "prog: option --gap needs a value\n" USAGE_LINES,
		       "UPKEEP PROG UNKNOWN - option --gap needs a value\n");
	/* a format the command does not write is no -f nagios: 2 */
	EXPECT_EXIT(ARGV("-f", "nagios", "--bogus"), CLI_OUTPUT, NULL, 2,
		    "prog: unknown output format \"nagios\" (one of: csv, tsv, json, ndjson, table)\n");
}

/* --label NAME=VALUE: a Prometheus label name (a letter or _, then
 * letters, digits, _; "__" first is Prometheus' own), each name once, a
 * UTF-8 value; only for a command that writes prom. */
static void label_opt(void)
{
	struct cli c;
	struct vals v;
	struct args a;
	int n;

	parse(&c, &v, &a, CLI_OUTPUT, ci_formats,
	      ARGV("--label", "instance=web1", "--label=job=a=b \"c\""), &n);
	CHECK_INT((int)c.labels.n, 2);
	CHECK_STR(c.labels.v[0], "instance=web1");
	CHECK_STR(c.labels.v[1], "job=a=b \"c\"");
	cli_release(&c);
	args_free(&a);
	EXPECT_EXIT(ARGV("--label", "x"), CLI_OUTPUT, ci_formats, 2,
		    "prog: --label: \"x\" is not NAME=VALUE\n");
	EXPECT_EXIT(ARGV("--label", "=x"), CLI_OUTPUT, ci_formats, 2,
		    "prog: --label: \"=x\" is not NAME=VALUE\n");
	EXPECT_EXIT(ARGV("--label", "1a=x"), CLI_OUTPUT, ci_formats, 2,
		    "prog: --label: \"1a\" is not a label name (a letter or _, then letters, digits or _; not __ first)\n");
	EXPECT_EXIT(ARGV("--label", "__name__=x"), CLI_OUTPUT, ci_formats, 2,
		    "prog: --label: \"__name__\" is not a label name (a letter or _, then letters, digits or _; not __ first)\n");
	EXPECT_EXIT(ARGV("--label", "a-b=x"), CLI_OUTPUT, ci_formats, 2,
		    "prog: --label: \"a-b\" is not a label name (a letter or _, then letters, digits or _; not __ first)\n");
	EXPECT_EXIT(ARGV("--label", "a=\xff"), CLI_OUTPUT, ci_formats, 2,
		    "prog: --label: the value of a is not UTF-8\n");
	EXPECT_EXIT(ARGV("--label", "a=1", "--label", "a=2"), CLI_OUTPUT, ci_formats, 2,
		    "prog: --label: a is given twice\n");
	/* ab and a are two names */
	parse(&c, &v, &a, CLI_OUTPUT, ci_formats,
	      ARGV("--label", "ab=1", "--label", "a=2", "--label", "_x9=3"), &n);
	CHECK_INT((int)c.labels.n, 3);
	cli_release(&c);
	args_free(&a);
	/* a command without prom has no --label */
	EXPECT_EXIT(ARGV("--label", "a=1"), CLI_OUTPUT, NULL, 2,
		    "prog: unknown option --label\n" USAGE_LINES);
}

/* ---- --help and --version ---- */

static void help_text(void)
{
	/* print_opt pads "  -s, --name ARG" (or six spaces and "--name ARG")
	 * with spaces to column 26, then the help; a longer head gets a line
	 * of its own and the help follows 26 spaces in.  The -f help lists
	 * the formats joined by ", " and names the first (csv, or md). */
	static const char want[] =
		"usage: prog [options] [FILE...]\n"
		"Test the front end.\n"
		"\n"
		"Options:\n"
		"  -v, --verbose           say more\n"
		"  -n, --name NAME         the name (the last one wins)\n"
		"  -t, --tag TAG           a tag (repeatable)\n"
		"      --run-length N      runs of N, 1 to 10\n"
		"      --share RATE        a share: 0.05 or 5%\n"
		"      --gap DURATION      a gap: 90s, 15m, 6h, 1d\n"
		"      --scale SCALE       csat or nps\n"
		"  -p, --pair A:B          a pair A:B, given to a callback\n"
		"\n"
		"Common options:\n"
		"  -f, --format FMT        output format: csv, tsv, json, ndjson, table (default: table on a terminal, else by the -o extension, else csv)\n"
		"  -o, --output FILE       write to FILE atomically instead of standard output\n"
		"      --fail-on SEVERITY  exit 1 on a finding at or above: info, warning, critical, never (default: warning)\n"
		"  -q, --quiet             print nothing on standard output when no finding is at or above --fail-on (-o FILE is still written)\n"
		"  -h, --help              show this help and exit\n"
		"      --version           show the version and exit\n"
		"\n"
		"See the prog(1) and upkeep(7) manual pages.\n";
	struct pcase k = { ARGV("--help"), CLI_OUTPUT | CLI_FINDINGS, NULL, NULL };
	struct pcase k2 = { ARGV("-v", "-h", "--bogus"), CLI_INPUT | CLI_OUTPUT,
			    doc_formats, "prog check" };
	struct run r;

	/* the whole text: the groups not given (input, period, access log)
	 * are absent */
	run(&r, child_parse, &k);
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, want);
	CHECK_STR(r.err, "");

	/* -h exits before the later unknown option is seen */
	run(&r, child_parse, &k2);
	CHECK_INT(r.status, 0);
	CHECK_STR(r.err, "");
	{
		const char *head = "usage: prog check [options] [FILE...]\nTest the front end.\n";
		CHECK(strncmp(r.out, head, strlen(head)) == 0);
	}
	CHECK(strstr(r.out, "\n  -f, --format FMT        output format: md, html, txt, json (default: table on a terminal, else by the -o extension, else md)\n") != NULL);
	/* "      --map [INPUT:]COL=HEADER,..." is 6 + 5 + 1 + 22 = 34 wide
	 * and "      --time-format PATTERN" 27: each help on a line of its
	 * own */
	CHECK(strstr(r.out, "\n      --map [INPUT:]COL=HEADER,...\n"
			    "                          read column COL of INPUT (events, accounts, tickets, matrix, ...; default: the main input) from its column HEADER\n") != NULL);
	CHECK(strstr(r.out, "\n      --time-format PATTERN\n"
			    "                          strptime(3) pattern of input times\n") != NULL);
	/* "      --input-format FMT" is 24 wide: two spaces to the help */
	CHECK(strstr(r.out, "\n      --input-format FMT  csv, tsv,") != NULL);
	CHECK(strstr(r.out, "\n      --tz ZONE ") != NULL);
	CHECK(strstr(r.out, "--fail-on") == NULL);
	CHECK(strstr(r.out, "--quiet") == NULL);
	CHECK(strstr(r.out, "--period") == NULL);
	CHECK(strstr(r.out, "--skip-static") == NULL);
	CHECK(strstr(r.out, "--user-from") == NULL);
	/* "raci check" points to raci(1): the first word only */
	{
		size_t len = strlen(r.out);
		const char *tail = "\nSee the prog(1) and upkeep(7) manual pages.\n";
		CHECK(len > strlen(tail) && strcmp(r.out + len - strlen(tail), tail) == 0);
	}
}

static void version_text(void)
{
	struct pcase k = { ARGV("--version"), 0, NULL, NULL };
	struct run r;

	run(&r, child_parse, &k);
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "prog (upkeep) " UPKEEP_VERSION "\n");
	CHECK_STR(r.err, "");
}

/* ---- cli_put ---- */

/* What the renderer does (ret) and what it saw. */
struct seen {
	int calls;
	enum outfmt f;
};
struct rend {
	int ret;		/* 0: writes "FORMAT: TITLE"; 1: declines; -1: fails */
	struct seen *seen;
};

static int render(FILE *fp, const json_t *doc, enum outfmt f,
		  const void *ctx, struct error *err)
{
	const struct rend *r = ctx;

	r->seen->calls++;
	r->seen->f = f;
	if (r->ret <= 0)
		fprintf(fp, "%s: %s\n", outfmt_name(f),
			json_string_value(json_object_get(doc, "title")));
	if (r->ret < 0)
		error_set(err, NULL, 0, "cannot render %s", outfmt_name(f));
	return r->ret;
}

/* Findings in the document: 1 when "worst" (a severity, 0: none) is at
 * or above at. */
static size_t count_worst(const json_t *doc, enum severity at)
{
	return json_integer_value(json_object_get(doc, "worst")) >= (json_int_t)at ? 1 : 0;
}

static void put_render_atomic(void)
{
	json_t *doc = json_pack("{s:s, s:i}", "title", "October", "worst", 0);
	struct seen seen = { 0, OUT_CSV };
	const struct rend rd = { 0, &seen };
	struct cli_doc d = { .doc = doc, .count = count_worst, .render = render, .ctx = &rd };
	char path[192], buf[256];
	struct cli c;
	struct vals v;
	struct args a;
	FILE *old;
	int n;

	tmp_path(path, sizeof path, "out.md");
	put_file(path, "old\n");
	old = fopen(path, "r");
	/* no -f: md from the extension; the renderer's text is the file */
	parse(&c, &v, &a, CLI_OUTPUT | CLI_FINDINGS, doc_formats, ARGV("-o", path), &n);
	CHECK_INT(cli_put(&c, &d), 0);
	CHECK_INT(seen.calls, 1);
	CHECK_INT(seen.f, OUT_MD);
	CHECK_STR(slurp(path, buf, sizeof buf), "md: October\n");
	/* renamed over the old file, not written into it: the old one, still
	 * open, holds "old"; and no temporary file is left beside it */
	if (old)
		read_all(old, buf, sizeof buf);
	CHECK_STR(old ? buf : "(none)", "old\n");
	CHECK_INT(count_files(), 1);
	cli_release(&c);
	args_free(&a);

	/* -f html wins over the .md extension */
	parse(&c, &v, &a, CLI_OUTPUT, doc_formats, ARGV("-f", "html", "-o", path), &n);
	CHECK_INT(cli_put(&c, &d), 0);
	CHECK_INT(seen.f, OUT_HTML);
	CHECK_STR(slurp(path, buf, sizeof buf), "html: October\n");
	CHECK_INT(count_files(), 1);
	cli_release(&c);
	args_free(&a);

	json_decref(doc);
	clear_dir();
}

/* Puts doc (worst: sev) with the options given; returns the status and
 * the file's text in buf ("(none)" when nothing was written). */
static int put_with(int worst, const char *const *argv, char *buf, size_t size,
		    int *calls)
{
	json_t *doc = json_pack("{s:s, s:i}", "title", "Q4", "worst", worst);
	struct seen seen = { 0, OUT_CSV };
	const struct rend rd = { 0, &seen };
	struct cli_doc d = { .doc = doc, .count = count_worst, .render = render, .ctx = &rd };
	struct cli c;
	struct vals v;
	struct args a;
	int n, status;

	parse(&c, &v, &a, CLI_OUTPUT | CLI_FINDINGS, doc_formats, argv, &n);
	status = cli_put(&c, &d);
	slurp(c.output, buf, size);
	unlink(c.output);	/* before args_free: c.output points into argv */
	*calls = seen.calls;
	cli_release(&c);
	args_free(&a);
	json_decref(doc);
	return status;
}

static void put_quiet_fail_on(void)
{
	char path[192], buf[256];
	int calls;

	tmp_path(path, sizeof path, "q.txt");
	/* no finding, no -q: written, status 0 */
	CHECK_INT(put_with(0, ARGV("-o", path), buf, sizeof buf, &calls), 0);
	CHECK_STR(buf, "txt: Q4\n");
	CHECK_INT(calls, 1);
	/* -q and no finding: standard output would stay silent, but -o
	 * FILE is written all the same (a file never outlives the state it
	 * describes), status 0 */
	CHECK_INT(put_with(0, ARGV("-q", "-o", path), buf, sizeof buf, &calls), 0);
	CHECK_STR(buf, "txt: Q4\n");
	CHECK_INT(calls, 1);
	CHECK_INT(count_files(), 0);	/* put_with removed it: no temporary left */
	/* -q and a warning, --fail-on warning (the default): written, 1 */
	CHECK_INT(put_with(SEV_WARNING, ARGV("-q", "-o", path), buf, sizeof buf, &calls), 1);
	CHECK_STR(buf, "txt: Q4\n");
	/* no -q, a warning, --fail-on critical: written, 0 */
	CHECK_INT(put_with(SEV_WARNING, ARGV("--fail-on", "critical", "-o", path), buf,
			   sizeof buf, &calls), 0);
	CHECK_STR(buf, "txt: Q4\n");
	/* -q, a warning, --fail-on critical: nothing is at or above, 0; the
	 * file is written */
	CHECK_INT(put_with(SEV_WARNING, ARGV("-q", "--fail-on", "critical", "-o", path),
			   buf, sizeof buf, &calls), 0);
	CHECK_STR(buf, "txt: Q4\n");
	/* a critical one with --fail-on critical: 1 */
	CHECK_INT(put_with(SEV_CRITICAL, ARGV("-q", "--fail-on", "critical", "-o", path),
			   buf, sizeof buf, &calls), 1);
	CHECK_STR(buf, "txt: Q4\n");
	/* --fail-on never: status 0; -q then stays quiet only without even
	 * an info, so an info is written */
	CHECK_INT(put_with(SEV_INFO, ARGV("-q", "--fail-on", "never", "-o", path),
			   buf, sizeof buf, &calls), 0);
	CHECK_STR(buf, "txt: Q4\n");
	CHECK_INT(put_with(0, ARGV("-q", "--fail-on", "never", "-o", path),
			   buf, sizeof buf, &calls), 0);
	CHECK_STR(buf, "txt: Q4\n");
	clear_dir();
}

/* The renderer returns 1 for json: the writer writes it (two spaces a
 * level, one key a line, as in test_writer's documents). */
static void put_render_declines(void)
{
	json_t *doc = json_pack("{s:s, s:i}", "title", "October", "worst", 0);
	struct seen seen = { 0, OUT_CSV };
	const struct rend rd = { 1, &seen };
	struct cli_doc d = { .doc = doc, .count = count_worst, .render = render, .ctx = &rd };
	char path[192], buf[256];
	struct cli c;
	struct vals v;
	struct args a;
	int n;

	tmp_path(path, sizeof path, "out.json");
	parse(&c, &v, &a, CLI_OUTPUT, doc_formats, ARGV("-o", path), &n);
	CHECK_INT(cli_put(&c, &d), 0);
	CHECK_INT(seen.calls, 1);
	CHECK_INT(seen.f, OUT_JSON);
	CHECK_STR(slurp(path, buf, sizeof buf),
		  "{\n  \"title\": \"October\",\n  \"worst\": 0\n}\n");
	CHECK_INT(count_files(), 1);
	cli_release(&c);
	args_free(&a);
	json_decref(doc);
	clear_dir();
}

struct failing {
	const char *path;
	int ret;		/* what the renderer returns */
	const char *format;	/* -f */
};

static void child_put(const void *p)
{
	const struct failing *k = p;
	json_t *doc = json_pack("{s:s, s:i}", "title", "October", "worst", 0);
	struct seen seen = { 0, OUT_CSV };
	const struct rend rd = { k->ret, &seen };
	struct cli_doc d = { .doc = doc, .count = count_worst, .render = render, .ctx = &rd };
	struct cli c;
	struct vals v;
	struct args a;
	int n, status;

	if (k->path)
		parse(&c, &v, &a, CLI_OUTPUT, doc_formats, ARGV("-f", k->format, "-o", k->path), &n);
	else
		parse(&c, &v, &a, CLI_OUTPUT, doc_formats, ARGV("-f", k->format), &n);
	status = cli_put(&c, &d);
	json_decref(doc);
	args_free(&a);
	exit(cli_exit(&c, status));
}

static void put_render_fails(void)
{
	char path[192], buf[256], want[300];
	struct failing k = { NULL, -1, "md" };
	struct run r;

	tmp_path(path, sizeof path, "out.md");
	put_file(path, "old\n");
	k.path = path;
	/* cli_fail: "prog: FILE: message", the -o file named since the
	 * renderer left err.file empty; the old file stays, no temporary
	 * file is left */
	run(&r, child_put, &k);
	snprintf(want, sizeof want, "prog: %s: cannot render md\n", path);
	CHECK_INT(r.status, 2);
	CHECK_STR(r.err, want);
	CHECK_STR(slurp(path, buf, sizeof buf), "old\n");
	CHECK_INT(count_files(), 1);
	/* to standard output: the file named "stdout" */
	k.path = NULL;
	run(&r, child_put, &k);
	CHECK_INT(r.status, 2);
	CHECK_STR(r.err, "prog: stdout: cannot render md\n");
	/* without -o the renderer's text goes to standard output */
	k.ret = 0;
	k.format = "txt";
	run(&r, child_put, &k);
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "txt: October\n");
	CHECK_STR(r.err, "");
	clear_dir();
}

/* cli_write: the writer alone; the findings decide the status and -q. */
static void write_findings(void)
{
	json_t *doc = json_pack("{s:s, s:[{s:s, s:i}]}", "tool", "prog",
				"rows", "check", "stale", "days", 40);
	struct findings *none = findings_new("prog"), *one = findings_new("prog");
	struct finding x = {
		SEV_WARNING, "stale", "A-1", NULL, NULL, "stale for 40 days",
		FINDING_NO_TIME, FINDING_NO_TIME, -1, NULL
	};
	char path[192], buf[256];
	struct cli c;
	struct vals v;
	struct args a;
	int n;

	findings_add(one, &x, NULL);
	tmp_path(path, sizeof path, "rows.csv");
	/* csv of the "rows" array (from the .csv extension): header, one row */
	parse(&c, &v, &a, CLI_OUTPUT | CLI_FINDINGS, NULL, ARGV("-o", path), &n);
	CHECK_INT(cli_write(&c, doc, "rows", one), 1);
	CHECK_STR(slurp(path, buf, sizeof buf), "check,days\nstale,40\n");
	cli_release(&c);
	args_free(&a);
	unlink(path);
	/* no finding: 0, and with -q the file is still written, without rows */
	parse(&c, &v, &a, CLI_OUTPUT | CLI_FINDINGS, NULL, ARGV("-q", "-o", path), &n);
	CHECK_INT(cli_write(&c, doc, "rows", none), 0);
	CHECK_STR(slurp(path, buf, sizeof buf), "check,days\nstale,40\n");
	/* the warning with --fail-on never after all: written, 0 */
	c.fail_on = SEV_NEVER;
	CHECK_INT(cli_write(&c, doc, "rows", one), 0);
	CHECK_STR(slurp(path, buf, sizeof buf), "check,days\nstale,40\n");
	cli_release(&c);
	args_free(&a);
	findings_free(none);
	findings_free(one);
	json_decref(doc);
	clear_dir();
}

/* ---- cli_exit ---- */

struct exiting {
	const char *format;
	int status;
	int full;		/* standard output on /dev/full */
};

static void child_exit(const void *p)
{
	const struct exiting *k = p;
	struct cli c;
	struct vals v;
	struct args a;
	int n, rc;

	if (k->full) {
		int fd = open("/dev/full", O_WRONLY);
		if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
			_exit(97);
		close(fd);
	}
	parse(&c, &v, &a, CLI_OUTPUT, ci_formats, ARGV("-f", k->format, "-t", "x"), &n);
	printf("result\n");
	rc = cli_exit(&c, k->status);
	args_free(&a);
	/* stdout is closed: the status alone tells */
	_exit(rc);
}

static void exit_status(void)
{
	struct exiting k = { "csv", 1, 0 };
	struct run r;

	/* the status given, after flushing what was printed */
	run(&r, child_exit, &k);
	CHECK_INT(r.status, 1);
	CHECK_STR(r.out, "result\n");
	CHECK_STR(r.err, "");
	/* a full disk is an error: 2, or 3 with -f nagios; strerror(ENOSPC) */
	k.status = 0;
	k.full = 1;
	run(&r, child_exit, &k);
	CHECK_INT(r.status, 2);
	CHECK_STR(r.err, "prog: write error on standard output: No space left on device\n");
	k.format = "nagios";
	run(&r, child_exit, &k);
	CHECK_INT(r.status, 3);
}

int main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/test_cli.XXXXXX");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 2;
	}
	TEST_RUN(flag_and_string);
	TEST_RUN(label_opt);
	TEST_RUN(list_values);
	TEST_RUN(long_bounds);
	TEST_RUN(number_values);
	TEST_RUN(duration_values);
	TEST_RUN(choice_and_call);
	TEST_RUN(operands);
	TEST_RUN(table_not_kept);
	TEST_RUN(common_format);
	TEST_RUN(common_tz_fail_on_quiet);
	TEST_RUN(common_map);
	TEST_RUN(access_log_group);
	TEST_RUN(usage_errors);
	TEST_RUN(die_status);
	TEST_RUN(help_text);
	TEST_RUN(version_text);
	TEST_RUN(put_render_atomic);
	TEST_RUN(put_quiet_fail_on);
	TEST_RUN(put_render_declines);
	TEST_RUN(put_render_fails);
	TEST_RUN(write_findings);
	TEST_RUN(exit_status);
	clear_dir();
	rmdir(tmpdir);
	pool_free();
	return TEST_EXIT();
}
