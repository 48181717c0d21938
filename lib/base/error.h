/* error: what went wrong and where.  The library fills a struct error and
 * returns; the command prints it as "prog: file:line:column: message". */
#ifndef UPKEEP_ERROR_H
#define UPKEEP_ERROR_H

#include <stddef.h>
#include <stdio.h>

struct error {
	char file[256];		/* "" when no file is concerned */
	unsigned long line;	/* 0 when unknown */
	unsigned long column;	/* 1-based byte or field column, 0 when unknown */
	char msg[512];		/* lower case, no final full stop */
};

void error_clear(struct error *e);
/* Sets file and line (file may be NULL) and a printf-style message. */
void error_set(struct error *e, const char *file, unsigned long line,
	       const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Prints "prog: file:line[:column]: msg\n"; parts that are unknown are left out. */
void error_print(const char *prog, const struct error *e, FILE *fp);

/* Writes s (len bytes) into dst as a double-quoted, printable value for a
 * message: quotes, backslashes and control bytes escaped, cut after about
 * 60 characters with "...".  Always NUL-terminates; returns dst. */
char *error_quote(char *dst, size_t size, const char *s, size_t len);

#endif
