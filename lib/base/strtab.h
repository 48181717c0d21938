/* strtab: interned strings.  Each distinct string gets a small dense id
 * (0, 1, 2, ...) so that commands keep per-user or per-feature figures in
 * plain arrays indexed by id.  Open addressing, linear probing. */
#ifndef UPKEEP_STRTAB_H
#define UPKEEP_STRTAB_H

#include <stddef.h>

struct strtab;

struct strtab *strtab_new(void);
void strtab_free(struct strtab *t);
/* The id of s[0..len), added when absent.  s need not be NUL-terminated. */
size_t strtab_intern(struct strtab *t, const char *s, size_t len);
/* 1 and *id set when s is present, else 0. */
int strtab_find(const struct strtab *t, const char *s, size_t len, size_t *id);
/* The string of an id (NUL-terminated, owned by the table). */
const char *strtab_str(const struct strtab *t, size_t id);
size_t strtab_count(const struct strtab *t);

#endif
