/* error: the error record every library call fills, and its one printed
 * form, so that all commands word their messages the same way. */
#include "base/error.h"

#include "base/utf8.h"

#include <stdarg.h>
#include <string.h>

void error_clear(struct error *e)
{
	e->file[0] = '\0';
	e->line = 0;
	e->column = 0;
	e->msg[0] = '\0';
}

void error_set(struct error *e, const char *file, unsigned long line,
	       const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return;
	snprintf(e->file, sizeof e->file, "%s", file ? file : "");
	e->line = line;
	e->column = 0;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
}

void error_print(const char *prog, const struct error *e, FILE *fp)
{
	fprintf(fp, "%s: ", prog);
	if (e->file[0]) {
		fputs(e->file, fp);
		if (e->line)
			fprintf(fp, ":%lu", e->line);
		if (e->line && e->column)
			fprintf(fp, ":%lu", e->column);
		fputs(": ", fp);
	}
	fprintf(fp, "%s\n", e->msg[0] ? e->msg : "unknown error");
}

char *error_quote(char *dst, size_t size, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0, i;
	/* invalid UTF-8 is shown byte by byte, never sent to the terminal */
	int raw8 = utf8_valid(s, len);

	if (size < 8) {
		if (size)
			dst[0] = '\0';
		return dst;
	}
	dst[o++] = '"';
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (o + 8 >= size || i >= 60) {
			/* never cut a character in two */
			while (raw8 && o > 1 && ((unsigned char)dst[o - 1] & 0xc0) == 0x80)
				o--;
			if (raw8 && o > 1 && (unsigned char)dst[o - 1] >= 0xc0)
				o--;
			memcpy(dst + o, "...", 3);
			o += 3;
			break;
		}
		if (c == '"' || c == '\\') {
			dst[o++] = '\\';
			dst[o++] = (char)c;
		} else if (c < 0x20 || c == 0x7f || (c >= 0x80 && !raw8)) {
			dst[o++] = '\\';
			dst[o++] = 'x';
			dst[o++] = hex[c >> 4];
			dst[o++] = hex[c & 15];
		} else {
			dst[o++] = (char)c;
		}
	}
	dst[o++] = '"';
	dst[o] = '\0';
	return dst;
}
