/* cli_progress: the one self-updating line on standard error that review
 * and inspect show while they read a large events file: how far into
 * the file they are, bytes and rows read, the rate, the time left and,
 * with -j, each job's share ("j1 45% j2 43%"), cleared at the end.
 * Each reading thread ticks a slot of its own; every CLI_PROGRESS_ROWS
 * rows it publishes its reader's offset and rows (relaxed atomics, no
 * lock) and looks at the clock, and whichever thread finds the line due
 * (every 250 ms) redraws it.  The line is a resource of the process, one
 * terminal: the module keeps the line shown, so that cli.c clears it
 * before any other message (cli_progress_clear).
 *
 * When it is shown (cli_progress_begin): with --progress, always; with
 * --no-progress, never; else only when standard error is a terminal,
 * TERM is set (a terminal without a type is no interactive session:
 * cron, a service), NO_PROGRESS is not set (to any value, empty too), -q
 * was not given, --rejects - does not write to a terminal, and the events
 * file is a regular file of more than 100 MB (10^8 bytes).  TERM=dumb: plain spaces clear the line instead
 * of the escape sequence ESC [ K.
 *
 * Tests: UPKEEP_PROGRESS_MIN_BYTES sets the size a file must pass (100
 * MB), UPKEEP_PROGRESS_MS the time between two draws (250; 0: at every
 * look). */
#ifndef UPKEEP_CLI_PROGRESS_H
#define UPKEEP_CLI_PROGRESS_H

#include <stddef.h>

#include "cli.h"
#include "io/reader.h"

/* --progress and --no-progress (set c->progress to 1 and -1; the last
 * one given wins), for a command's option table. */
void cli_progress_option(struct cli *c, const struct cli_opt *o, const char *arg);
#define CLI_OPT_PROGRESS \
	CLI_OPT_CALL("progress", 0, NULL, NULL, cli_progress_option, "show the progress line on standard error even when it is no terminal or the input is small"), \
	CLI_OPT_CALL("no-progress", 0, NULL, NULL, cli_progress_option, "never show the progress line (default: on a terminal, for an events file over 100 MB)")

/* Rows between two looks at the reader and the clock (a power of 2). */
#define CLI_PROGRESS_ROWS 4096u

struct cli_progress;

/* What one reading thread ticks, for one job of a line.  p NULL: no line
 * is shown, and ticking costs a test. */
struct cli_progress_slot {
	struct cli_progress *p;
	size_t job;
	unsigned rows;		/* rows since its last look */
};

/* Publishes the figures of r (reader_offset, rows read) for s's job and
 * redraws the line when it is due. */
void cli_progress_look(struct cli_progress_slot *s, const struct reader *r);

/* Call once a row (record) read with r; safe from the slot's thread. */
static inline void cli_progress_row(struct cli_progress_slot *s,
				    const struct reader *r)
{
	if (s->p && !(++s->rows & (CLI_PROGRESS_ROWS - 1)))
		cli_progress_look(s, r);
}

/* A line for the events file path (NULL or "-": standard input) read by
 * jobs readers, when one is to be shown (above); NULL when not.  Call
 * cli_progress_job for each job before its reading starts. */
struct cli_progress *cli_progress_begin(struct cli *c, const char *path,
					size_t jobs);
/* Job k reads the bytes [start, end) of the file (end -1: to its end)
 * and ticks s.  p NULL: s is set to tick nothing. */
void cli_progress_job(struct cli_progress *p, size_t k, long long start,
		      long long end, struct cli_progress_slot *s);
/* Both of them for one job reading r from where it stands to the end of
 * the file; NULL (s ticking nothing) when no line is shown. */
struct cli_progress *cli_progress_reader(struct cli *c, const char *path,
					 const struct reader *r,
					 struct cli_progress_slot *s);
/* The job of s has read all it reads with r: its last figures. */
void cli_progress_job_done(struct cli_progress_slot *s, const struct reader *r);
/* Clears the line and frees p; once every reading thread has ended.
 * NULL: nothing. */
void cli_progress_end(struct cli_progress *p);

/* Clears the line shown, if any, before another message on standard
 * error; the next draw shows it again.  From the main thread. */
void cli_progress_clear(void);

#endif
