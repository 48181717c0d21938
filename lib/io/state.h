/* state: the --state file of inspect, for a log that grows between runs.
 * One JSON object: where the log was read up to (byte offset, line, and a
 * fingerprint of the file: device, inode and a hash of its first 4 KiB)
 * and the checks' own state.  Written atomically (lib/atomic.c); runs that
 * share a state file are serialised by an flock(2) lock on FILE.lock, held
 * from state_open to state_free. */
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
/* Where to start reading log: the offset and line saved when log is still
 * the same file (same device and inode, same first bytes, not shorter),
 * else 0 and line 1 (*rotated set: a new or rotated log is read from the
 * start).  Returns -1 with err set when log cannot be read. */
int state_offset(const struct state *s, const char *log, long long *offset,
		 unsigned long *line, int *rotated, struct error *err);
/* Saves checks (borrowed) and the position offset, line of log. */
int state_save(struct state *s, const char *log, long long offset,
	       unsigned long line, const json_t *checks, struct error *err);

#endif
