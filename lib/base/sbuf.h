/* sbuf: a growable NUL-terminated byte string, for building text.
 * A zero-initialised struct sbuf is empty and ready: struct sbuf b = {0}. */
#ifndef UPKEEP_SBUF_H
#define UPKEEP_SBUF_H

#include <stddef.h>

struct sbuf {
	char *p;		/* NULL until something is added */
	size_t len, cap;
};

void sbuf_add(struct sbuf *b, const char *s, size_t n);
void sbuf_adds(struct sbuf *b, const char *s);
void sbuf_addc(struct sbuf *b, char c);
/* n spaces */
void sbuf_pad(struct sbuf *b, size_t n);
void sbuf_printf(struct sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The text so far ("" when empty), owned by b. */
const char *sbuf_str(const struct sbuf *b);
/* Empties b, keeping its memory. */
void sbuf_reset(struct sbuf *b);
void sbuf_release(struct sbuf *b);
/* The text so far ("" when empty), now owned by the caller; b is empty. */
char *sbuf_take(struct sbuf *b);

#endif
