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

/* Eight bytes at a time (the tail zero-padded): each word is mixed in by
 * a multiply and a fold of the high half, then the whole is finished with
 * a mix so that the low bits used for the slot depend on every byte.
 * Byte-wise FNV-1a cost a multiply a byte on the hot path. */
static uint64_t hash_bytes(const char *s, size_t len)
{
	const uint64_t k = UINT64_C(0x9e3779b97f4a7c15);
	uint64_t h = (uint64_t)len * k, w;

	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * k;
		h ^= h >> 32;
	}
	if (len) {
		size_t i;
		w = 0;
		for (i = 0; i < len; i++)
			w |= (uint64_t)(unsigned char)s[i] << (8 * i);
		h = (h ^ w) * k;
		h ^= h >> 32;
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
