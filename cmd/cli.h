/* cli: the command-line front end every command shares: the common
 * options of SPEC.md (parsed, validated and documented in one place), the
 * --help text built from the same tables, messages, reading inputs the
 * same way, writing the result (-f, -o, -q) and the exit status.
 * Unlike the rest of lib/, this module prints and exits: it is the front
 * end, kept apart so that the library proper never does. */
#ifndef UPKEEP_CLI_H
#define UPKEEP_CLI_H

#include <stdio.h>

#include <jansson.h>

#include "io/finding.h"
#include "base/period.h"
#include "io/reader.h"
#include "base/tz.h"
#include "io/writer.h"

/* Groups of common options a command accepts (-h and --version always). */
enum {
	CLI_INPUT = 1,		/* --input-format --map --time-format --tz
				   --delimiter --encoding --null --default
				   --strict --rejects */
	CLI_PERIOD = 2,		/* --period --since --until (and --tz) */
	CLI_OUTPUT = 4,		/* -f -o */
	CLI_FINDINGS = 8	/* --fail-on -q */
};

/* A command's own option.  id > 0 is what cli_next returns for it. */
struct cli_opt {
	const char *name;	/* long name, without "--" */
	int short_name;		/* 0: none */
	const char *arg;	/* metavariable, or NULL for a flag */
	const char *help;
	int id;
};

struct cli {
	/* set by cli_init */
	const char *prog;	/* "inspect", "raci check" */
	const char *usage;	/* operands and such: "[options] [EVENTS]" */
	const char *about;	/* one line on what the command does */
	const struct cli_opt *opts;	/* ended by an entry with name NULL */
	unsigned groups;
	const char *const *formats;	/* -f values accepted, NULL-ended */
	/* common option values */
	enum outfmt format;
	int format_set;
	const char *output;
	const char *period, *since, *until;
	const char *tzname;
	struct colmap *map;
	const char *time_format;
	enum reader_format input_format;
	int strict;
	int delimiter;		/* 0: the format's own */
	char **nulls;		/* NULL-ended, owned */
	size_t nnulls;
	const char *encoding;
	struct colmap *defaults;
	const char *rejects_path;
	enum severity fail_on;
	int quiet;
	/* state */
	int argc;
	char **argv;
	int done;
	struct tz *tz;
	FILE *rejects;
};

/* Prepares parsing of argv.  formats: the -f values the command writes
 * (first one unused; NULL: csv tsv json ndjson table). */
void cli_init(struct cli *c, const char *prog, const char *usage,
	      const char *about, const struct cli_opt *opts, unsigned groups,
	      const char *const *formats, int argc, char **argv);
/* Returns the id of the next command option (*arg its value or NULL), or
 * 0 when the options are over.  Common options are handled here.  --help
 * prints the help and exits 0; --version prints it and exits 0; a usage
 * error prints the short usage to stderr and exits 2. */
int cli_next(struct cli *c, const char **arg);
/* The operands left after the options. */
char **cli_operands(struct cli *c, int *n);
void cli_release(struct cli *c);

/* Messages: "prog: message" on stderr, then exit 2 (3 with -f nagios). */
void cli_die(const struct cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
void cli_fail(const struct cli *c, const struct error *e) __attribute__((noreturn));
void cli_warn(const struct cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Prints the usage line to stderr and exits 2. */
void cli_usage(const struct cli *c) __attribute__((noreturn));
/* Parses a whole number option value in [lo, hi] or dies naming the option. */
long cli_long(const struct cli *c, const char *opt, const char *arg, long lo, long hi);
/* Parses a number option value in [lo, hi] (a trailing % divides by 100). */
double cli_double(const struct cli *c, const char *opt, const char *arg, double lo, double hi);

/* The --tz zone (opened on first use; dies on an unknown zone). */
struct tz *cli_tz(struct cli *c);
/* The period from --period/--since/--until (kind PERIOD_NONE when none). */
void cli_period(struct cli *c, struct period *p);
/* Opens an input with the common input options; dies on failure. */
struct reader *cli_open(struct cli *c, const char *path,
			const struct reader_column *cols, size_t ncols);
/* Reads the next record; dies on a fatal read error (strict included). */
int cli_read(struct cli *c, struct reader *r, struct record *rec);
/* Rejects the current record for reason; dies when --strict. */
void cli_reject(struct cli *c, struct reader *r, const struct record *rec,
		const char *reason);
/* Rejects the current record for a bad value of column i:
 * 'column "NAME": WHAT "VALUE"' (the value quoted with error_quote). */
void cli_reject_value(struct cli *c, struct reader *r, const struct record *rec,
		      size_t i, const char *what);
/* Ends an input: reports its rejected rows, adds it to the envelope's
 * "inputs" (when env is not NULL) and closes it. */
void cli_close(struct cli *c, struct reader *r, json_t *env);
/* One line on stderr when an input had rejected rows:
 * "inspect: events.csv: 3 rows rejected (first at line 42: ...)". */
void cli_report_rejects(const struct cli *c, const struct reader *r);
/* The time parser for inputs: --time-format and the --tz zone. */
struct timeparser cli_timeparser(struct cli *c);

/* The output format: -f, else table on a terminal (without -o), else
 * the -o file's extension when it names a format, else the command's
 * first format (csv when that is table). */
enum outfmt cli_format(struct cli *c);
/* Writes doc in the chosen format to -o FILE (atomically) or standard
 * output.  rows: the array written by csv/tsv/ndjson.  f: the findings
 * (may be NULL), for -q, --fail-on and nagios.  Returns the exit status:
 * 0, or 1 when a finding is at or above --fail-on (nagios: 0-2).  Dies on
 * a write error. */
int cli_write(struct cli *c, const json_t *doc, const char *rows,
	      const struct findings *f);
/* State files (--emit-state, --from-state): reads a JSON file or dies
 * naming it; writes one compactly to path ("-": standard output),
 * atomically. */
json_t *cli_load_json(const struct cli *c, const char *path);
void cli_save_json(const struct cli *c, const char *path, const json_t *j);
/* Flushes and closes standard output: returns status, or 2 when output
 * failed (a full disk is not a success). */
int cli_exit(struct cli *c, int status);

/* Two-level commands: "raci check ...". */
struct cli_sub {
	const char *name;
	int (*run)(int argc, char **argv);	/* argv[0] is the subcommand */
	const char *about;
};
/* Runs the subcommand named by argv[1], or prints the list (--help) and
 * exits.  Returns what the subcommand returns. */
int cli_dispatch(const char *prog, const char *about,
		 const struct cli_sub *subs, int argc, char **argv);

#endif
