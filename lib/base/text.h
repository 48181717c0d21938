/* text: small helpers on byte strings shared by every layer: trimming,
 * ASCII case-insensitive comparison, and the escapers of text taken from
 * inputs for HTML, Markdown and plain-text output. */
#ifndef UPKEEP_TEXT_H
#define UPKEEP_TEXT_H

#include <stddef.h>

/* The one trim: moves *s and shrinks *len past the bytes of blanks at
 * both ends of s[0..len).  Inline, as it is on the hot path of every
 * row; with a constant set the compiler turns it into comparisons.  The
 * sets in use, each for a reason:
 *   TEXT_BLANKS   values of a row (space, tab): a CR that the reader
 *                 leaves inside a quoted field stays part of the value
 *   TEXT_JSON_WS  names (headers, RACI cells): JSON's white space
 *   text_trim     everything ASCII calls white space */
#define TEXT_BLANKS " \t"
#define TEXT_JSON_WS " \t\r\n"
static inline int text_in_set(unsigned char c, const char *set)
{
	for (; *set; set++)
		if (c == (unsigned char)*set)
			return 1;
	return 0;
}
static inline void text_strip(const char **s, size_t *len, const char *blanks)
{
	while (*len && text_in_set((unsigned char)**s, blanks)) {
		(*s)++;
		(*len)--;
	}
	while (*len && text_in_set((unsigned char)(*s)[*len - 1], blanks))
		(*len)--;
}
/* text_strip with ASCII white space: space, tab, CR, LF, VT, FF. */
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
