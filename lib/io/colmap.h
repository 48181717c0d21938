/* colmap: column maps, the pairs of --map canonical=Header (renames the
 * columns of real exports) and --default canonical=value, and the value
 * maps of --values column=FROM:TO,... (rewrites the cells of a column).
 * The reader (io/reader.h) applies them when it resolves the wanted
 * columns.  Which input a map is for (--map accounts:user=Username) is
 * the front end's business: the reader is given the map of its input. */
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
/* The pairs, in the order added: n of them, pair i canon=header. */
size_t colmap_count(const struct colmap *m);
void colmap_pair(const struct colmap *m, size_t i, const char **canon,
		 const char **header);
/* Adds one pair (copied). */
void colmap_put(struct colmap *m, const char *canon, const char *header);
/* The name of the input the map is for, in messages ("--map
 * accounts:user=Username: no such column"); NULL (the default): none. */
void colmap_set_label(struct colmap *m, const char *input);

/* Value maps: per column, FROM:TO pairs.  A value equal to a FROM
 * (ASCII case ignored, nothing trimmed) is read as its TO; other values
 * are left as they are; the last pair for a FROM wins.  FROM or TO with
 * a comma or a colon is written in double quotes. */
struct colvalues;
struct colvalues *colvalues_new(void);
void colvalues_free(struct colvalues *v);
/* Adds the FROM:TO,... pairs of spec for column; fails on a pair
 * without ":" or with an empty side. */
int colvalues_add(struct colvalues *v, const char *column, const char *spec,
		  struct error *err);
/* The columns that have a value map: n of them, by index. */
size_t colvalues_count(const struct colvalues *v);
const char *colvalues_column(const struct colvalues *v, size_t i);
/* The index of column's value map (header names compared as the reader
 * compares them), or -1. */
long colvalues_find(const struct colvalues *v, const char *column);
/* The TO of s[0..n) in value map i, *tolen its length; NULL when s is
 * no FROM of it. */
const char *colvalues_map(const struct colvalues *v, size_t i, const char *s,
			  size_t n, size_t *tolen);

#endif
