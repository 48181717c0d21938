/* text: trimming, case-insensitive comparison and output escapers; see
 * text.h.  The escapers read UTF-8 byte by byte: only ASCII bytes and the
 * two-byte C1 controls are special, so multi-byte text passes intact. */
#include "base/text.h"

#include <string.h>

#include "base/sbuf.h"

void text_trim(const char **s, size_t *len)
{
	text_strip(s, len, " \t\r\n\v\f");
}

static unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

int text_ieq(const char *s, size_t len, const char *w)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!w[i] || lower((unsigned char)s[i]) != lower((unsigned char)w[i]))
			return 0;
	return w[len] == '\0';
}

int text_casecmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

	while (*p && lower(*p) == lower(*q)) {
		p++;
		q++;
	}
	return (int)lower(*p) - (int)lower(*q);
}

/* Length of a control character at s (C0, DEL, or C1 as UTF-8), else 0. */
static size_t control_len(const unsigned char *s)
{
	if (*s < 0x20 || *s == 0x7f)
		return 1;
	if (s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f)
		return 2;
	return 0;
}

static int is_break(unsigned char c)
{
	return c == '\n' || c == '\r' || c == '\t';
}

char *text_html_escape(const char *s)
{
	struct sbuf b = { 0 };
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	while (*p) {
		size_t n = control_len(p);

		if (n != 0) {
			if (is_break(*p))
				sbuf_adds(&b, " ");
			p += n;
			continue;
		}
		switch (*p) {
		case '&': sbuf_adds(&b, "&amp;"); break;
		case '<': sbuf_adds(&b, "&lt;"); break;
		case '>': sbuf_adds(&b, "&gt;"); break;
		case '"': sbuf_adds(&b, "&quot;"); break;
		case '\'': sbuf_adds(&b, "&#39;"); break;
		default: sbuf_add(&b, (const char *)p, 1);
		}
		p++;
	}
	return sbuf_take(&b);
}

char *text_md_escape(const char *s)
{
	struct sbuf b = { 0 };
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	const unsigned char *end = p + strlen((const char *)p);

	/* leading and trailing blanks would be trimmed by the table */
	while (p < end && (*p == ' ' || is_break(*p))) {
		sbuf_adds(&b, "&#32;");
		p++;
	}
	while (end > p && (end[-1] == ' ' || is_break(end[-1])))
		end--;
	while (p < end) {
		size_t n = control_len(p);

		if (n != 0) {
			if (is_break(*p))
				sbuf_adds(&b, " ");
			p += n;
			continue;
		}
		switch (*p) {
		case '&': sbuf_adds(&b, "&amp;"); break;
		case '<': sbuf_adds(&b, "&lt;"); break;
		case '>': sbuf_adds(&b, "&gt;"); break;
		case '|': case '\\': case '[': case ']': case '`': case '*':
			sbuf_add(&b, "\\", 1);
			sbuf_add(&b, (const char *)p, 1);
			break;
		default: sbuf_add(&b, (const char *)p, 1);
		}
		p++;
	}
	for (; *end; end++)
		sbuf_adds(&b, "&#32;");
	return sbuf_take(&b);
}

char *text_clean(const char *s)
{
	struct sbuf b = { 0 };
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	while (*p) {
		size_t n = control_len(p);

		if (n != 0) {
			if (is_break(*p))
				sbuf_adds(&b, " ");
			p += n;
			continue;
		}
		sbuf_add(&b, (const char *)p, 1);
		p++;
	}
	return sbuf_take(&b);
}
