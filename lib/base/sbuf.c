/* sbuf: one string builder for every module that writes text, grown with
 * vec_reserve's doubling and always NUL-terminated. */
#include "base/sbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

void sbuf_add(struct sbuf *b, const char *s, size_t n)
{
	b->p = vec_reserve(b->p, &b->cap, b->len + n + 1, 1);
	if (n)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void sbuf_adds(struct sbuf *b, const char *s)
{
	sbuf_add(b, s, strlen(s));
}

void sbuf_addc(struct sbuf *b, char c)
{
	sbuf_add(b, &c, 1);
}

void sbuf_pad(struct sbuf *b, size_t n)
{
	while (n--)
		sbuf_addc(b, ' ');
}

void sbuf_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	b->p = vec_reserve(b->p, &b->cap, b->len + (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

const char *sbuf_str(const struct sbuf *b)
{
	return b->p ? b->p : "";
}

void sbuf_reset(struct sbuf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

void sbuf_release(struct sbuf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

char *sbuf_take(struct sbuf *b)
{
	char *s = b->p ? b->p : xstrdup("");

	b->p = NULL;
	b->len = b->cap = 0;
	return s;
}
