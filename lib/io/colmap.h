/* colmap: column maps, the pairs of --map canonical=Header (renames the
 * columns of real exports) and --default canonical=value.  The reader
 * (io/reader.h) applies them when it resolves the wanted columns. */
#ifndef UPKEEP_COLMAP_H
#define UPKEEP_COLMAP_H

#include "base/error.h"

/* Options may be given several times; each adds pairs.  A header with
 * commas or spaces is written in double quotes:
 * --map 'id="Issue key",opened=Created'. */
struct colmap;
struct colmap *colmap_new(void);
void colmap_free(struct colmap *m);
/* Adds the pairs of one --map value; fails on a pair without "=" or with an
 * empty side. */
int colmap_add(struct colmap *m, const char *spec, struct error *err);

#endif
