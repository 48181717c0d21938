/* cli_jobs: -j N, one events file read by N threads (review, inspect).
 * The file is cut into N byte ranges at line ends; each range is read by
 * its own thread, with its own reader (the header read from the top) and
 * its own state; the states come back in range order, for the command to
 * merge with the code that --from-state merges with once it has decoded
 * a state (no JSON in between).  A cut that falls inside a quoted
 * field (CSV) is found out: the range before it then ends elsewhere than
 * the next one starts, and that range is read again from where it truly
 * starts.  Rejected rows keep their line numbers: each range counts its
 * own, and its rows of --rejects and its first rejected line are moved by
 * the lines of the ranges before it once those are known. */
#ifndef UPKEEP_CLI_JOBS_H
#define UPKEEP_CLI_JOBS_H

#include <jansson.h>

#include "cli.h"
#include "base/timeparse.h"
#include "base/tz.h"
#include "io/reader.h"

/* The -j option of a command's table, bound to a long (set it to 1
 * before cli_parse). */
#define CLI_OPT_JOBS(p) \
	{ CLI_OPT_("jobs", 'j', "N", "read each events file in N byte ranges, one thread each, merged into the same result (0: one a core; default: 1)", CLI_LONG), \
	  .target = CLI_T_(long, p), .lo = 0, .hi = 1024 }

/* What a command does with the records of one range.  make runs in the
 * main thread; the others in the range's thread, on its own state. */
struct cli_jobs_ops {
	/* a new state, whose times are in zone tz (the range's own) */
	void *(*make)(const void *ctx, struct tz *tz);
	/* feeds one record; a bad one is rejected with reader_reject (the
	 * reader is never strict here) */
	void (*row)(void *st, struct reader *r, const struct record *rec,
		    const struct timeparser *tp);
	/* NULL, or what is done to a state once its range is read, in the
	 * range's thread (inspect: the reordering window emptied) */
	void (*end)(void *st);
	void (*free)(void *st);
	const void *ctx;
	/* NULL, or the caller's own state, which the first range (from the
	 * top of the file) reads into instead of one made by make: its
	 * figures then need no merge, and memory holds one state fewer.
	 * Its zone is the caller's; never freed here, and NULL among
	 * cli_jobs_states. */
	void *own;
};

struct cli_jobs;

/* Tests: with UPKEEP_DEBUG_JOBS set in the environment, a line on
 * standard error of how the input was cut ("PROG: -j: ..."). */
void cli_jobs_note(const struct cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The number of jobs of -j N: N, or the number of cores for 0. */
long cli_jobs_count(long n);
/* Reads the events file path in up to jobs ranges.  NULL when it is read
 * in one job instead, with no message: jobs 1, standard input or
 * anything not a regular file, a JSON array, --encoding, --strict, a
 * file too small to cut.  Dies as cli_open and cli_read would. */
struct cli_jobs *cli_jobs_read(struct cli *c, const char *path, long jobs,
			       const struct reader_column *cols, size_t ncols,
			       const struct cli_jobs_ops *ops);
/* The states of the ranges, in order (*n of them), read and kept; one
 * released is NULL. */
void *const *cli_jobs_states(const struct cli_jobs *j, size_t *n);
/* Frees the state of range i (and its zone) once it is merged, so that
 * memory holds the merge and the ranges not merged yet. */
void cli_jobs_release(struct cli_jobs *j, size_t i);
/* Once the states are merged: the rejected rows of the ranges go to
 * --rejects in order and are reported as cli_close reports them, the
 * input's row is added to env, and cli_events_read's access-log tally is
 * made; j is freed. */
void cli_jobs_done(struct cli *c, struct cli_jobs *j, json_t *env);
/* Frees j, reporting nothing (the file is read again in one job). */
void cli_jobs_drop(struct cli_jobs *j);

#endif
