/* raci_load: a RACI matrix read from a table through the reader, the one way
 * raci and report load a matrix. */
#ifndef UPKEEP_RACI_LOAD_H
#define UPKEEP_RACI_LOAD_H

#include "base/error.h"
#include "io/reader.h"
#include "raci/raci.h"

/* Reads every row of r (opened with no required columns, so that every
 * column is read): the header decides the form (raci_header), then each
 * row is added; a row raci_row refuses is rejected through reader_reject
 * (so --strict and --rejects apply to it as to any bad row).  Returns the
 * matrix, or NULL with err set (a bad header, a read error, a rejected row
 * under --strict). */
struct raci *raci_load(struct reader *r, struct error *err);
/* What the front end says on standard error about how m was read, or
 * NULL: the by-letter layout is detected, not asked for, so it is said. */
const char *raci_load_note(const struct raci *m);

#endif
