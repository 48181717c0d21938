/* state: the --state file of inspect, for a log that grows between runs
 * and is rotated now and then.  One JSON object: where the log was read
 * up to (byte offset, line, and the file's identity: device, inode and a
 * fingerprint of its first bytes), the checks' own state and the register
 * of findings reported.  Written atomically (lib/atomic.c); runs that
 * share a state file are serialised by an flock(2) lock on FILE.lock,
 * held from state_open to state_free. */
#ifndef UPKEEP_STATE_H
#define UPKEEP_STATE_H

#include <jansson.h>

#include "base/error.h"

struct state;

/* Takes the lock (waiting for another run to finish) and reads the file
 * when it exists.  NULL with err set when the lock cannot be taken or the
 * file is not a state. */
struct state *state_open(const char *path, struct error *err);
/* Releases the lock.  NULL is a no-op. */
void state_free(struct state *s);
/* The checks' state saved last time (borrowed), or NULL for a new file. */
const json_t *state_checks(const struct state *s);
/* The register of findings saved last time (borrowed), or NULL. */
const json_t *state_reported(const struct state *s);

/* Where the lines not read yet are, as logtail and fail2ban find them.
 * The log is the same file (same device and inode, its first bytes those
 * saved, not shorter): go on at offset, line.  Otherwise it was rotated:
 * read the rest of the old file first (old, from old_offset, old_line),
 * then the log from its start.  The old file is looked for beside the log
 * as LOG.1, then LOG-YYYYMMDD (newest date first): by identity when the
 * log was renamed away, by its first bytes when it was copied and the log
 * truncated (copytruncate); compressed copies (LOG.1.gz) are not read.
 * A log with a new identity that no rotated file has the old identity
 * of, but that begins with what was read (as long, the same first
 * bytes), is the same text written anew (an export rewritten whole, an
 * rsync copy): go on at offset, line.
 * lost: it was not found, or is no longer what was read (shorter, other
 * first bytes): lines written to it after the last run may be lost;
 * gz names LOG.1.gz when that is there. */
struct state_resume {
	long long offset;
	unsigned long line;
	int rotated;
	char *old;		/* owned; NULL: nothing to read before */
	long long old_offset;
	unsigned long old_line;
	int lost;
	char *gz;		/* owned; NULL when there is none */
	/* the log is another file than the one read (renamed away and made
	 * anew), read from its start: its own first row is its header */
	int fresh;
};
/* Fills *r for log, whose identity it keeps for state_save (the file
 * open now, even if it is renamed while it is read).  Returns 0, or -1
 * with err set when log cannot be opened.  Release *r with
 * state_resume_release. */
int state_resume(struct state *s, const char *log, struct state_resume *r,
		 struct error *err);
void state_resume_release(struct state_resume *r);
/* The CSV/TSV header names of the log (*n of them) as last read, or
 * NULL: a log truncated by copytruncate goes on without a header, so
 * every read of its stream but a fresh file's takes this one
 * (reader_config.header).  state_set_header replaces it (NULL: none)
 * for state_save. */
const char *const *state_header(const struct state *s, size_t *n);
void state_set_header(struct state *s, const char *const *names, size_t n);
/* Saves checks and reported (borrowed; reported may be NULL) and the
 * position offset, line of log: of the file state_resume opened when it
 * was called for log, else of log as it is now. */
int state_save(struct state *s, const char *log, long long offset,
	       unsigned long line, const json_t *checks,
	       const json_t *reported, struct error *err);

#endif
