/* cli_int: what the files of the front end share and the commands do not
 * need. */
#ifndef UPKEEP_CLI_INT_H
#define UPKEEP_CLI_INT_H

#include "cli.h"

/* 1 when -f nagios was given: errors then exit 3 (UNKNOWN), not 2. */
int cli_nagios(const struct cli *c);
/* 1 when the command writes the format named name. */
int cli_format_allowed(const struct cli *c, const char *name);

/* cli_events_read of an input read otherwise (cli_jobs.c): its path,
 * format, requests with a user and rows. */
void cli_events_tally(struct cli *c, const char *path, enum reader_format f,
		      unsigned long users, unsigned long rows);

#endif
