/* strtab: string interning.  Ids index an array of (pointer, length)
 * entries; the strings themselves are copied into arena blocks.  The hash
 * index is kept at most half full; each slot is one 64-bit word holding
 * the id + 1 in its low 32 bits (0 marks a free slot) and the high 32 bits
 * of the string's hash above them, so that a probe rejects a wrong slot
 * without reading anything but the slot array.  strtab_intern is called
 * for user, feature and project of every event, hence the care below. */
#include "base/strtab.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

struct entry {
	const char *s;	/* NUL-terminated, in an arena block */
	size_t len;
};

/* Arena blocks are chained and never reallocated, so the pointers handed
 * out by strtab_str stay valid for the life of the table. */
struct block {
	struct block *next;
	char data[];
};

struct strtab {
	struct entry *ent;
	size_t count, cap;	/* strings */
	uint64_t *slot;		/* hash tag << 32 | (id + 1), or 0 */
	size_t nslots;		/* power of two */
	struct block *blocks;	/* newest first */
	char *tail;		/* unused end of the newest block */
	size_t ntail, blocksize;
};

/* The first block is small because many tables (raci's per-call ones,
 * projects) hold a handful of strings; sizes double up to BLOCK_MAX so that
 * a table of a few hundred thousand strings needs a few dozen blocks. */
enum { BLOCK_MIN = 512, BLOCK_MAX = 256 * 1024 };

/* Unaligned loads: memcpy is the defined way and compiles to one load. */
static uint64_t load64(const char *s)
{
	uint64_t w;

	memcpy(&w, s, 8);
	return w;
}

static uint32_t load32(const char *s)
{
	uint32_t w;

	memcpy(&w, s, 4);
	return w;
}

/* The hash's tail shifts bytes out by their position in the string, which
 * needs little-endian words.  (Written bytewise these are one load too, but
 * GCC then judges hash_bytes too big to inline, a 4 ns loss an intern.) */
static uint64_t le64(const char *s)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return __builtin_bswap64(load64(s));
#else
	return load64(s);
#endif
}

static uint32_t le32(const char *s)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return __builtin_bswap32(load32(s));
#else
	return load32(s);
#endif
}

/* Eight bytes at a time, the tail zero-padded: each word is mixed in by a
 * multiply and a fold of the high half, then the whole is finished with a
 * mix so that both the low bits (the slot) and the high bits (the tag)
 * depend on every byte.  The tail was a byte loop, which cost more than
 * the words for the 5-30 byte names we intern; it is now cut from loads
 * that end at the string's end and overlap bytes already hashed, shifted
 * out so that the value is the same as the zero-padded tail.  (Hashing the
 * overlapping bytes twice instead was faster still, but this round cannot
 * separate a difference that appears in two consecutive words: 1688 full
 * 64-bit collisions among 4 M strings "collide.user.N", none this way.) */
static inline uint64_t hash_bytes(const char *s, size_t len)
{
	const uint64_t k = UINT64_C(0x9e3779b97f4a7c15);
	uint64_t h = (uint64_t)len * k;
	size_t n;

	for (n = len; n >= 8; s += 8, n -= 8) {
		h = (h ^ le64(s)) * k;
		h ^= h >> 32;
	}
	if (n) {
		uint64_t w;

		if (len >= 8)
			w = le64(s + n - 8) >> (64 - 8 * n);
		else if (n >= 4)
			w = le32(s) | (uint64_t)le32(s + n - 4) >> (64 - 8 * n) << 32;
		else
			w = (uint64_t)(unsigned char)s[0]
			    | (uint64_t)(unsigned char)s[n / 2] << (8 * (n / 2))
			    | (uint64_t)(unsigned char)s[n - 1] << (8 * (n - 1));
		h = (h ^ w) * k;
		h ^= h >> 32;
	}
	h ^= h >> 29;
	h *= UINT64_C(0xbf58476d1ce4e5b9);
	h ^= h >> 32;
	return h;
}

/* a[0..len) == b[0..len).  Up to 16 bytes by two overlapping loads, which
 * measured faster than a call to memcmp for the short names that make up
 * nearly every lookup; longer strings go to memcmp. */
static inline int same(const char *a, const char *b, size_t len)
{
	if (len >= 8) {
		if (len > 16)
			return memcmp(a, b, len) == 0;
		return ((load64(a) ^ load64(b))
			| (load64(a + len - 8) ^ load64(b + len - 8))) == 0;
	}
	if (len >= 4)
		return ((load32(a) ^ load32(b))
			| (load32(a + len - 4) ^ load32(b + len - 4))) == 0;
	if (len)
		return a[0] == b[0] && a[len / 2] == b[len / 2]
		       && a[len - 1] == b[len - 1];
	return 1;
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
	struct block *b, *next;

	if (!t)
		return;
	for (b = t->blocks; b; b = next) {
		next = b->next;
		free(b);
	}
	free(t->ent);
	free(t->slot);
	free(t);
}

/* The slot holding s, or the free slot where it belongs.  hash_bytes,
 * same and probe are marked inline because GCC otherwise leaves hash_bytes
 * and probe (three and two callers) out of line in strtab_intern, which
 * measured 1-2 ns an intern slower. */
static inline size_t probe(const struct strtab *t, const char *s, size_t len, uint64_t h)
{
	size_t mask = t->nslots - 1, i = (size_t)h & mask;
	uint64_t tag = h >> 32;

	for (;;) {
		uint64_t v = t->slot[i];
		if (v == 0)
			return i;
		if (v >> 32 == tag) {
			const struct entry *e = &t->ent[(uint32_t)v - 1];
			if (e->len == len && same(e->s, s, len))
				return i;
		}
		i = (i + 1) & mask;
	}
}

/* Rehashes from the strings rather than keeping every hash: a table grows
 * a handful of times, the strings are short and lie in id order in the
 * arena, and the entries stay two words. */
static void grow(struct strtab *t)
{
	size_t n = t->nslots * 2, mask = n - 1, id;

	free(t->slot);
	t->slot = xcalloc(n, sizeof *t->slot);
	t->nslots = n;
	for (id = 0; id < t->count; id++) {
		uint64_t h = hash_bytes(t->ent[id].s, t->ent[id].len);
		size_t i = (size_t)h & mask;
		while (t->slot[i])
			i = (i + 1) & mask;
		t->slot[i] = (h >> 32) << 32 | (uint64_t)(id + 1);
	}
}

static const char *put(char *d, const char *s, size_t len)
{
	if (len)	/* s may be NULL when len is 0 */
		memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

/* A copy of s[0..len) and a NUL in the arena.  A string too big for half
 * a fresh block gets a block of its own, linked behind the newest so that
 * the unused end of the newest block stays in use. */
static const char *copy(struct strtab *t, const char *s, size_t len)
{
	size_t size = t->blocksize ? t->blocksize : BLOCK_MIN;
	struct block *b;

	if (len < t->ntail) {
		const char *d = put(t->tail, s, len);
		t->tail += len + 1;
		t->ntail -= len + 1;
		return d;
	}
	if (len >= size / 2) {
		b = xmalloc(sizeof *b + len + 1);
		if (t->blocks) {
			b->next = t->blocks->next;
			t->blocks->next = b;
		} else {
			b->next = NULL;
			t->blocks = b;
		}
		return put(b->data, s, len);
	}
	if (size < BLOCK_MAX)
		t->blocksize = size * 2;
	b = xmalloc(sizeof *b + size);
	b->next = t->blocks;
	t->blocks = b;
	t->tail = b->data + len + 1;
	t->ntail = size - (len + 1);
	return put(b->data, s, len);
}

int strtab_find(const struct strtab *t, const char *s, size_t len, size_t *id)
{
	uint64_t v = t->slot[probe(t, s, len, hash_bytes(s, len))];

	if (!v)
		return 0;
	*id = (uint32_t)v - 1;
	return 1;
}

/* The miss path: kept out of line so that strtab_intern, a hit nearly
 * every time, compiles to hash and probe alone and does not save
 * registers for the calls made here. */
__attribute__((noinline))
static size_t add(struct strtab *t, const char *s, size_t len, uint64_t h, size_t i)
{
	size_t id = t->count;

	/* A slot has 32 bits for id + 1.  Four billion strings are out of
	 * reach in practice (the entries alone would be 64 GiB), so rather
	 * than carry a fallback the table stops here the way xalloc stops
	 * on exhausted memory: "out of memory" and exit 2. */
	if (id >= UINT32_MAX - 1)
		xreallocarray(NULL, SIZE_MAX, 2);	/* overflows: never returns */
	t->ent = vec_reserve(t->ent, &t->cap, id + 1, sizeof *t->ent);
	t->ent[id].s = copy(t, s, len);
	t->ent[id].len = len;
	t->count++;
	t->slot[i] = (h >> 32) << 32 | (uint64_t)(id + 1);
	if (t->count * 2 > t->nslots)
		grow(t);
	return id;
}

size_t strtab_intern(struct strtab *t, const char *s, size_t len)
{
	uint64_t h = hash_bytes(s, len);
	size_t i = probe(t, s, len, h);
	uint64_t v = t->slot[i];

	if (v)
		return (uint32_t)v - 1;
	return add(t, s, len, h, i);
}

const char *strtab_str(const struct strtab *t, size_t id)
{
	return id < t->count ? t->ent[id].s : NULL;
}

size_t strtab_count(const struct strtab *t)
{
	return t->count;
}
