/* xalloc: allocation that cannot fail.  Out of memory is the one error the
 * library does not return: these print "upkeep: out of memory" and exit 2. */
#ifndef UPKEEP_XALLOC_H
#define UPKEEP_XALLOC_H

#include <stddef.h>

/* The one out-of-memory path: "upkeep: out of memory" on standard
 * error, exit status 2. */
void xalloc_die(void) __attribute__((noreturn));

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* realloc of n elements of size bytes, checking n * size for overflow */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
/* copies len bytes of s and a terminating NUL */
char *xmemdup(const char *s, size_t len);

/* Grows an array so that it holds at least need elements of size bytes;
 * *cap is its capacity in elements.  Returns the (maybe moved) array:
 *     a = vec_reserve(a, &cap, len + 1, sizeof *a); a[len++] = x; */
void *vec_reserve(void *base, size_t *cap, size_t need, size_t size);

#endif
