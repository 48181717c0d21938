/* linemap: a line of text as bit maps of its blanks (space, tab) and its
 * double quotes, made in one pass (16 bytes a step with SSE2), so that a
 * scanner finds the end of a field or of a run of blanks by a bit scan
 * rather than byte by byte.  The pass also tells whether the line is
 * ASCII without a NUL byte. */
#ifndef UPKEEP_LINEMAP_H
#define UPKEEP_LINEMAP_H

#include <stddef.h>
#include <stdint.h>

#define LINEMAP_WORDS 32
#define LINEMAP_MAX (LINEMAP_WORDS * 64)	/* bytes a map covers */

struct linemap {
	uint64_t blank[LINEMAP_WORDS + 1], quote[LINEMAP_WORDS + 1];
	size_t n;		/* the line's length */
	int ascii;		/* no byte >= 0x80, no NUL */
};

/* Maps s[0..n); n is at most LINEMAP_MAX.  Bits past n are 0. */
void linemap_make(struct linemap *m, const char *s, size_t n);

/* The first place at or after i whose bit in map (of a line of n bytes)
 * is set (want 1) or clear (want 0), or n when there is none before the
 * end.  n is passed, not read from the map's struct, so that it stays in
 * a register while the caller stores through other pointers. */
static inline size_t linemap_next(const uint64_t *map, size_t n, size_t i, int want)
{
	uint64_t flip = want ? 0 : ~UINT64_C(0);
	size_t w = i / 64;
	uint64_t x;

	if (i >= n)
		return n;
	/* the bits below i masked off, the mask made beside the load rather
	 * than the word shifted after it: a shorter chain, for the scans
	 * follow each other */
	x = (map[w] ^ flip) & (~UINT64_C(0) << (i % 64));
	while (!x) {
		if (++w * 64 >= n)
			return n;
		x = map[w] ^ flip;
	}
	i = w * 64 + (size_t)__builtin_ctzll(x);
	return i < n ? i : n;
}

/* A scan's place in one map: the word it read last, kept in a register,
 * so that the next scan in the same word (most are) waits for no load. */
struct linemap_cursor {
	const uint64_t *map;
	size_t w;
	uint64_t word;
};

static inline struct linemap_cursor linemap_cursor(const uint64_t *map)
{
	struct linemap_cursor c = { map, 0, map[0] };
	return c;
}

/* linemap_next(c->map, n, i, 1) by the cursor. */
static inline size_t linemap_cursor_next(struct linemap_cursor *c, size_t n, size_t i)
{
	size_t w = i / 64;
	uint64_t x;

	if (i >= n)
		return n;
	if (w != c->w) {
		c->w = w;
		c->word = c->map[w];
	}
	x = c->word & (~UINT64_C(0) << (i % 64));
	while (!x) {
		if (++w * 64 >= n)
			return n;
		x = c->map[w];
	}
	i = w * 64 + (size_t)__builtin_ctzll(x);
	return i < n ? i : n;
}

#endif
