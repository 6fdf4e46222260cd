/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Input lines read from a file descriptor with our own buffer, so the runner knows when a
 * request's lines are all handled: results are then written in one piece (one write and one
 * wake-up of the checker per request, not per line).
 */
#ifndef MC_LINE_READER_H
#define MC_LINE_READER_H

#include <stdbool.h>
#include <stddef.h>

struct mc_line_reader {
	int fd;
	char *buf;
	size_t start; /* first unread byte */
	size_t len;   /* bytes in buf */
	size_t cap;
};

/* Whether a whole line is already buffered (the next call will not block). */
bool mc_line_buffered(const struct mc_line_reader *r);
/*
 * The next line without its newline, NUL-terminated, valid until the next call; NULL at the
 * end of input. A last line without a newline is returned too.
 */
char *mc_line_next(struct mc_line_reader *r);

#endif /* MC_LINE_READER_H */
