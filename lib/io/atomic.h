/* atomic: -o FILE written atomically.  Output goes to a temporary file in
 * the same folder, which is flushed, fsync'ed and renamed over FILE only
 * when the command succeeds: a reader never sees half a file, and the old
 * file stays when the command fails or is killed.  What FILE is decides
 * how:
 *   "-"                 standard output
 *   a symbolic link     its target (followed), replaced atomically beside
 *                       it: the link stays a link
 *   a device, a FIFO,   written directly, no temporary file: they cannot
 *   a socket            be replaced (and /dev/null must not be)
 *   an existing file    the new one keeps its mode, and its owner and
 *                       group where permitted */
#ifndef UPKEEP_ATOMIC_H
#define UPKEEP_ATOMIC_H

#include <stdio.h>

#include "base/error.h"

struct atomic_file;

/* Opens path for writing as above.  NULL with err set on failure. */
struct atomic_file *atomic_open(const char *path, struct error *err);
FILE *atomic_fp(struct atomic_file *a);
/* Flushes, syncs and renames over path; frees a.  -1 with err set on any
 * failure, in which case the temporary file is removed and path untouched. */
int atomic_commit(struct atomic_file *a, struct error *err);
/* Removes the temporary file; frees a.  NULL is a no-op. */
void atomic_abort(struct atomic_file *a);

#endif
