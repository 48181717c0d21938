/* cli: the command-line front end every command shares: the common
 * options of SPEC.md (parsed, validated and documented in one place), the
 * --help text built from the same tables, messages, reading inputs the
 * same way, writing the result (-f, -o, -q) and the exit status.
 * Unlike the rest of lib/, this module prints and exits: it is the front
 * end, kept apart so that the library proper never does. */
#ifndef UPKEEP_CLI_H
#define UPKEEP_CLI_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "io/clf.h"
#include "io/finding.h"
#include "base/period.h"
#include "io/reader.h"
#include "base/tz.h"
#include "io/writer.h"

/* Groups of common options a command accepts (-h and --version always). */
enum {
	CLI_INPUT = 1,		/* --input-format --map --values --time-format
				   --tz --delimiter --encoding --null
				   --default --strict --rejects --trim
				   --json-path */
	CLI_PERIOD = 2,		/* --period --since --until (and --tz) */
	CLI_OUTPUT = 4,		/* -f -o */
	CLI_FINDINGS = 8,	/* --fail-on -q */
	CLI_ACCESS_LOG = 16	/* --log-format --feature-map --skip-static
				   --latency-unit --user-from: applied to
				   every input that cli_open opens */
};

struct cli;
struct cli_opt;
struct cli_maps;

/* What an option's value is, and so what its target points to. */
enum cli_type {
	CLI_FLAG = 1,	/* int: set to 1 */
	CLI_STRING,	/* const char *: the value (the last one given) */
	CLI_LIST,	/* struct cli_list: every value, in order (repeatable) */
	CLI_LONG,	/* long: a whole number from lo to hi */
	CLI_NUMBER,	/* double: a number from lo to hi; "5%" is 0.05 */
	CLI_DURATION,	/* int64_t: milliseconds, more than 0 (90s, 15m, 6h, 1d) */
	CLI_CHOICE,	/* int: the index of the value in choices */
	CLI_CALL	/* call(c, o, value) parses it into target; it may
			   die with cli_die */
};

/* A command's own option, bound to the variable it sets (as git's
 * parse-options): declared with the CLI_OPT_* macros, in a table ended by
 * CLI_OPT_END.  The --help text comes from the same table. */
struct cli_opt {
	const char *name;	/* long name, without "--" */
	int short_name;		/* 0: none */
	const char *arg;	/* metavariable, or NULL for a flag */
	const char *help;
	enum cli_type type;
	void *target;
	double lo, hi;		/* CLI_LONG, CLI_NUMBER */
	const char *const *choices;	/* CLI_CHOICE: NULL-ended */
	const char *noun;	/* CLI_CHOICE: what a value is, for messages */
	void (*call)(struct cli *c, const struct cli_opt *o, const char *arg);
};

/* Every value of a repeatable option; cli_release frees v. */
struct cli_list {
	const char **v;
	size_t n;
};

/* The target's type is checked at compile time: a wrong one warns. */
#define CLI_T_(type, p) ((void *)(1 ? (p) : (type *)0))
#define CLI_OPT_(n, s, a, h, t) .name = (n), .short_name = (s), .arg = (a), .help = (h), .type = (t)
#define CLI_OPT_FLAG(n, s, p, h) \
	{ CLI_OPT_(n, s, NULL, h, CLI_FLAG), .target = CLI_T_(int, p) }
#define CLI_OPT_STRING(n, s, a, p, h) \
	{ CLI_OPT_(n, s, a, h, CLI_STRING), .target = CLI_T_(const char *, p) }
#define CLI_OPT_LIST(n, s, a, p, h) \
	{ CLI_OPT_(n, s, a, h, CLI_LIST), .target = CLI_T_(struct cli_list, p) }
#define CLI_OPT_LONG(n, a, p, l, u, h) \
	{ CLI_OPT_(n, 0, a, h, CLI_LONG), .target = CLI_T_(long, p), .lo = (l), .hi = (u) }
#define CLI_OPT_NUMBER(n, a, p, l, u, h) \
	{ CLI_OPT_(n, 0, a, h, CLI_NUMBER), .target = CLI_T_(double, p), .lo = (l), .hi = (u) }
#define CLI_OPT_DURATION(n, a, p, h) \
	{ CLI_OPT_(n, 0, a, h, CLI_DURATION), .target = CLI_T_(int64_t, p) }
#define CLI_OPT_CHOICE(n, a, p, ch, what, h) \
	{ CLI_OPT_(n, 0, a, h, CLI_CHOICE), .target = CLI_T_(int, p), .choices = (ch), .noun = (what) }
#define CLI_OPT_CALL(n, s, a, p, fn, h) \
	{ CLI_OPT_(n, s, a, h, CLI_CALL), .target = (p), .call = (fn) }
#define CLI_OPT_END { .name = NULL }

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
	struct cli_maps *maps;	/* --map, --values (cli_map.c) */
	const char *time_format;
	enum reader_format input_format;
	int strict;
	int delimiter;		/* 0: the format's own */
	char **nulls;		/* NULL-ended, owned */
	size_t nnulls;
	const char *encoding;
	struct colmap *defaults;
	int trim;		/* --trim */
	const char *json_path;	/* --json-path */
	const char *rejects_path;
	enum severity fail_on;
	int quiet;
	int progress;		/* --progress 1, --no-progress -1, else 0
				   (cli_progress.h) */
	struct cli_list labels;	/* --label NAME=VALUE (prom), checked */
	struct writer_limit limits[8];	/* cli_limit (nagios perfdata) */
	size_t nlimits;
	struct reader_clf clf;		/* CLI_ACCESS_LOG */
	struct clf_featuremap *feature_map;	/* owned */
	struct clf_format *log_format;	/* owned */
	int clf_users;		/* -1: no access log read; 0: none of the
				   access logs read gave a user; 1: one did */
	/* state */
	int argc;
	char **argv;
	int done;
	struct tz *tz;
	FILE *rejects;
	struct cli_list **lists;	/* the CLI_LIST targets filled */
	size_t nlists;
};

/* Prepares parsing of argv.  formats: the -f values the command writes
 * (the first is the default when neither -f nor -o names one and standard
 * output is no terminal, csv when it is table; NULL: csv tsv json ndjson
 * table). */
void cli_init(struct cli *c, const char *prog, const char *usage,
	      const char *about, const struct cli_opt *opts, unsigned groups,
	      const char *const *formats, int argc, char **argv);
/* Parses every option into its target and returns the operands (*n of
 * them).  The option table given to cli_init need only live until then;
 * the targets until cli_exit (or cli_release).  --help prints the help and exits 0; --version prints it and
 * exits 0; a usage error or a bad value prints a message and exits 2. */
char **cli_parse(struct cli *c, int *n);
void cli_release(struct cli *c);

/* Messages: "prog: message" on stderr, then exit 2.  With -f nagios
 * (wherever it stands on the command line) the exit is 3, UNKNOWN, after
 * the plugin's status line on standard output:
 * "UPKEEP PROG UNKNOWN - message"; for cli_usage the message is the last
 * one printed (cli_warn), else the usage line. */
void cli_die(const struct cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
void cli_fail(const struct cli *c, const struct error *e) __attribute__((noreturn));
void cli_warn(const struct cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Prints the usage line to stderr and exits 2 (3 with -f nagios). */
void cli_usage(const struct cli *c) __attribute__((noreturn));
/* Called once an input of events has been read (before cli_close): an
 * access log without any user is warned about, and remembered for
 * cli_users_unknown. */
void cli_events_read(struct cli *c, const struct reader *r);
/* Access logs: 1 when every access log read had no user on any request
 * (users are then unknown, not one user "-"); 0 otherwise. */
int cli_users_unknown(const struct cli *c);

/* The threshold in force (warn, crit; NAN: none) of the figure key of the
 * document's first section, for the nagios perfdata; up to 8. */
void cli_limit(struct cli *c, const char *key, double warn, double crit);

/* The --tz zone (opened on first use; dies on an unknown zone). */
struct tz *cli_tz(struct cli *c);
/* The period from --period/--since/--until (kind PERIOD_NONE when none). */
void cli_period(struct cli *c, struct period *p);
/* The reader configuration of the common input options (the --rejects
 * file opened on first use; dies when it cannot be). */
void cli_reader_config(struct cli *c, struct reader_config *cfg);
/* Opens an input with the common input options; dies on failure.
 * input: the name --map and --values give it (the option that names the
 * file: "accounts", "tickets", ...; "events" for the operands; "matrix"
 * for -m); its maps are applied and checked against it.  cli_open: an
 * input no map names. */
struct reader *cli_open_as(struct cli *c, const char *input, const char *path,
			   const struct reader_column *cols, size_t ncols);
struct reader *cli_open(struct cli *c, const char *path,
			const struct reader_column *cols, size_t ncols);
/* cli_open_as of an input that goes on a stream whose header is the n
 * names of header (reader_config.header); header NULL: cli_open_as. */
struct reader *cli_open_after(struct cli *c, const char *input,
			      const char *path, const char *const *header,
			      size_t n, const struct reader_column *cols,
			      size_t ncols);
/* Opens an input of events read before a second time (inspect's events
 * that came out of order): the same options and the events' maps, but
 * not strict and no --rejects: its bad rows were reported the first
 * time.  Dies on failure. */
struct reader *cli_open_again(struct cli *c, const char *path,
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
/* The same line for an input read otherwise: n rows rejected, the first
 * at first_line (0: unknown) for reason. */
void cli_report_rejected(const struct cli *c, const char *path,
			 unsigned long n, unsigned long first_line,
			 const char *reason);
/* One line on stderr when an input had rejected rows:
 * "inspect: events.csv: 3 rows rejected (first at line 42: ...)". */
void cli_report_rejects(const struct cli *c, const struct reader *r);
/* The time parser for inputs: --time-format and the --tz zone. */
struct timeparser cli_timeparser(struct cli *c);

/* The output format: -f, else table on a terminal (without -o), else
 * the -o file's extension when it names a format, else the command's
 * first format (csv when that is table). */
enum outfmt cli_format(struct cli *c);
/* A result to write: every command's output goes through cli_put. */
struct cli_doc {
	const json_t *doc;
	const char *rows;	/* the array that csv, tsv and ndjson write */
	/* For -q and --fail-on: the findings, or (findings NULL) a count of
	 * those at or above a severity in doc; neither: no findings. */
	const struct findings *findings;
	size_t (*count)(const json_t *doc, enum severity at);
	/* The formats the writer does not write (md, html, txt), or writes
	 * otherwise: writes doc to fp in f and returns 0, or -1 with err
	 * set; returns 1 to leave f to the writer.  NULL: the writer. */
	int (*render)(FILE *fp, const json_t *doc, enum outfmt f,
		      const void *ctx, struct error *err);
	const void *ctx;
};
/* Writes d->doc in the chosen format to -o FILE (io/atomic.h: through a
 * link, into a device, keeping the mode) or standard output ("-" too).
 * Returns the exit status: 0, or 1 when a finding is at or above
 * --fail-on (nagios: 0-2).  With -q and nothing at or above --fail-on
 * (info with --fail-on never), standard output stays silent; -o FILE is
 * written all the same.  Dies on a write error. */
int cli_put(struct cli *c, const struct cli_doc *d);
/* cli_put of doc with its rows and findings f (may be NULL). */
int cli_write(struct cli *c, const json_t *doc, const char *rows,
	      const struct findings *f);
/* State files (--emit-state, --from-state, --state): reads a JSON file
 * or dies naming it; writes one compactly to path ("-": standard
 * output), atomically. */
json_t *cli_load_json(const struct cli *c, const char *path);
void cli_save_json(const struct cli *c, const char *path, const json_t *j);
/* --from-state: reads the states of the shards named in from, in order,
 * or dies naming them: a path given twice, or two states alike (events
 * counted twice), is a usage error.  Free with cli_states_free. */
json_t **cli_states_load(const struct cli *c, const struct cli_list *from);
void cli_states_free(json_t **v, size_t n);
/* Appends the rows of "inputs" that the state st (read from path) kept
 * to doc's "inputs", and warns of each one's rejected rows, so a merge
 * says what its shards could not read. */
void cli_state_inputs(const struct cli *c, json_t *doc, const json_t *st,
		      const char *path);
/* --emit-state: writes st to path with the rows of doc's "inputs" (the
 * files this shard read, kept by the merge). */
void cli_state_emit(const struct cli *c, json_t *st, const json_t *doc,
		    const char *path);
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
