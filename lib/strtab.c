/* strtab: string interning.  Strings live in one array of owned copies
 * indexed by id; the hash index holds ids + 1 (0 marks a free slot) and is
 * kept at most half full. */
#include "strtab.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct strtab {
	char **str;
	size_t *len;
	uint64_t *hash;
	size_t count, cap;	/* strings */
	size_t *slot;		/* id + 1, or 0 */
	size_t nslots;		/* power of two */
};

/* FNV-1a 64 (see finding.c for its parameters), finished with a mix so
 * that the low bits used for the slot depend on every byte. */
static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = UINT64_C(14695981039346656037);
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= UINT64_C(1099511628211);
	}
	h ^= h >> 29;
	h *= UINT64_C(0xbf58476d1ce4e5b9);
	h ^= h >> 32;
	return h;
}

struct strtab *strtab_new(void)
{
	struct strtab *t = xcalloc(1, sizeof *t);

	t->nslots = 64;
	t->slot = xcalloc(t->nslots, sizeof *t->slot);
	return t;
}

void strtab_free(struct strtab *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->count; i++)
		free(t->str[i]);
	free(t->str);
	free(t->len);
	free(t->hash);
	free(t->slot);
	free(t);
}

static size_t probe(const struct strtab *t, const char *s, size_t len, uint64_t h)
{
	size_t mask = t->nslots - 1, i = (size_t)h & mask;

	for (;;) {
		size_t v = t->slot[i];
		if (v == 0)
			return i;
		v--;
		if (t->hash[v] == h && t->len[v] == len && memcmp(t->str[v], s, len) == 0)
			return i;
		i = (i + 1) & mask;
	}
}

static void grow(struct strtab *t)
{
	size_t n = t->nslots * 2, mask = n - 1, id;

	free(t->slot);
	t->slot = xcalloc(n, sizeof *t->slot);
	t->nslots = n;
	for (id = 0; id < t->count; id++) {
		size_t i = (size_t)t->hash[id] & mask;
		while (t->slot[i])
			i = (i + 1) & mask;
		t->slot[i] = id + 1;
	}
}

int strtab_find(const struct strtab *t, const char *s, size_t len, size_t *id)
{
	size_t i = probe(t, s, len, hash_bytes(s, len));

	if (!t->slot[i])
		return 0;
	*id = t->slot[i] - 1;
	return 1;
}

size_t strtab_intern(struct strtab *t, const char *s, size_t len)
{
	uint64_t h = hash_bytes(s, len);
	size_t i = probe(t, s, len, h), id, cap;

	if (t->slot[i])
		return t->slot[i] - 1;
	id = t->count;
	cap = t->cap;
	t->str = vec_reserve(t->str, &cap, id + 1, sizeof *t->str);
	cap = t->cap;
	t->len = vec_reserve(t->len, &cap, id + 1, sizeof *t->len);
	cap = t->cap;
	t->hash = vec_reserve(t->hash, &cap, id + 1, sizeof *t->hash);
	t->cap = cap;
	t->str[id] = xmemdup(s, len);
	t->len[id] = len;
	t->hash[id] = h;
	t->count++;
	t->slot[i] = id + 1;
	if (t->count * 2 > t->nslots)
		grow(t);
	return id;
}

const char *strtab_str(const struct strtab *t, size_t id)
{
	return id < t->count ? t->str[id] : NULL;
}

size_t strtab_count(const struct strtab *t)
{
	return t->count;
}
