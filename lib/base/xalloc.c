/* xalloc: allocation wrappers that exit on out-of-memory, and the one
 * growth policy (doubling) used by every growable array. */
#include "base/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void xalloc_die(void)
{
	fputs("upkeep: out of memory\n", stderr);
	exit(2);
}


void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		xalloc_die();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		xalloc_die();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		xalloc_die();
	return q;
}

void *xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		xalloc_die();
	return xrealloc(p, n * size);
}

char *xmemdup(const char *s, size_t len)
{
	char *d = xmalloc(len + 1);
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

char *xstrdup(const char *s)
{
	return xmemdup(s, strlen(s));
}

void *vec_reserve(void *base, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap;

	if (need <= c)
		return base;
	if (c < 8)
		c = 8;
	while (c < need) {
		if (c > SIZE_MAX / 2)
			xalloc_die();
		c *= 2;
	}
	*cap = c;
	return xreallocarray(base, c, size);
}
