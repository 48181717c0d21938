/* text: small helpers on byte strings shared by every layer: trimming,
 * ASCII case-insensitive comparison, and the escapers of text taken from
 * inputs for HTML, Markdown and plain-text output. */
#ifndef UPKEEP_TEXT_H
#define UPKEEP_TEXT_H

#include <stddef.h>

/* Moves *s and shrinks *len past ASCII white space (space, tab, CR, LF,
 * VT, FF) at both ends of s[0..len). */
void text_trim(const char **s, size_t *len);
/* 1 when s[0..len) equals the NUL-terminated word w, ignoring ASCII case. */
int text_ieq(const char *s, size_t len, const char *w);
/* strcasecmp for ASCII, whatever the locale: <0, 0 or >0. */
int text_casecmp(const char *a, const char *b);

/* The escapers take NUL-terminated text (NULL reads as "") and return a
 * new string the caller frees.  Control characters (C0, DEL, C1) are
 * dropped; a tab, CR or LF becomes one space. */
/* For HTML text and attribute values: & < > " ' as references. */
char *text_html_escape(const char *s);
/* For a GitHub-Markdown table cell: & < > as references, | \ [ ] ` *
 * with a backslash, leading and trailing blanks as &#32; (a table would
 * trim them). */
char *text_md_escape(const char *s);
/* For plain text: only the control characters handled. */
char *text_clean(const char *s);

#endif
