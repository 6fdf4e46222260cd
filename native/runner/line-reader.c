// SPDX-License-Identifier: GPL-2.0-or-later
/* Buffered line input on a file descriptor (line-reader.h). */
#include "line-reader.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MC_READ_CHUNK 65536

bool mc_line_buffered(const struct mc_line_reader *r)
{
	if (r->start == r->len)
		return false;
	return memchr(r->buf + r->start, '\n', r->len - r->start) != NULL;
}

/* Reads more input after the unread part; false at the end of input (or an error). */
static bool fill(struct mc_line_reader *r)
{
	ssize_t n;

	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, r->len - r->start);
		r->len -= r->start;
		r->start = 0;
	}
	if (r->cap - r->len < MC_READ_CHUNK + 1) {
		r->cap = r->len + MC_READ_CHUNK + 1;
		r->buf = realloc(r->buf, r->cap);
		if (!r->buf)
			abort();
	}
	do
		n = read(r->fd, r->buf + r->len, MC_READ_CHUNK);
	while (n < 0 && errno == EINTR);
	if (n <= 0)
		return false;
	r->len += (size_t)n;
	return true;
}

char *mc_line_next(struct mc_line_reader *r)
{
	char *line, *nl;

	while (!mc_line_buffered(r)) {
		if (!fill(r)) {
			if (r->start == r->len)
				return NULL;
			/* The last line has no newline: end it here. */
			r->buf[r->len] = '\0';
			line = r->buf + r->start;
			r->start = r->len;
			return line;
		}
	}
	line = r->buf + r->start;
	nl = memchr(line, '\n', r->len - r->start);
	*nl = '\0';
	r->start = (size_t)(nl - r->buf) + 1;
	return line;
}
