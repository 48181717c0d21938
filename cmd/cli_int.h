/* cli_int: what the files of the front end share and the commands do not
 * need. */
#ifndef UPKEEP_CLI_INT_H
#define UPKEEP_CLI_INT_H

#include "cli.h"

/* 1 when -f nagios was given: errors then exit 3 (UNKNOWN), not 2. */
int cli_nagios(const struct cli *c);
/* 1 when the command writes the format named name. */
int cli_format_allowed(const struct cli *c, const char *name);

#endif
