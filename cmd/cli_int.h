/* cli_int: what the files of the front end share and the commands do not
 * need. */
#ifndef UPKEEP_CLI_INT_H
#define UPKEEP_CLI_INT_H

#include "cli.h"

/* 1 when -f nagios was given: errors then exit 3 (UNKNOWN), not 2. */
int cli_nagios(const struct cli *c);
/* 1 when the command writes the format named name. */
int cli_format_allowed(const struct cli *c, const char *name);

/* cli_map.c: --map and --values as given (dies on a bad value); once
 * every option is read, cli_maps_resolve gives each pair to its input
 * (dies on a pair no input can take); the maps of one input (NULL:
 * none); cli_maps_check checks those the reader did not against the
 * opened input (dies naming the input and the header). */
void cli_map_option(struct cli *c, const char *arg);
void cli_values_option(struct cli *c, const char *arg);
void cli_maps_resolve(struct cli *c);
void cli_maps_free(struct cli_maps *m);
const struct colmap *cli_input_map(const struct cli *c, const char *input);
const struct colvalues *cli_input_values(const struct cli *c, const char *input);
void cli_maps_check(struct cli *c, const char *input, const struct reader *r,
		    const struct reader_column *cols, size_t ncols);
/* cli_events_read of an input read otherwise (cli_jobs.c): its path,
 * format, requests with a user, rows, and access-log format (NULL:
 * none; sniffed as reader_clf_format says). */
void cli_events_tally(struct cli *c, const char *path, enum reader_format f,
		      unsigned long users, unsigned long rows,
		      const char *fmt, int sniffed);

#endif
