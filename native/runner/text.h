/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A growable line of output: a result is built whole, then written in one piece. */
#ifndef MC_TEXT_H
#define MC_TEXT_H

#include <stddef.h>
#include <stdint.h>

struct mc_text {
	char *buf;
	size_t len;
	size_t cap;
};

void mc_text_clear(struct mc_text *t);
void mc_text_putn(struct mc_text *t, const char *s, size_t n);
void mc_text_put(struct mc_text *t, const char *s);
void mc_text_char(struct mc_text *t, char c);
void mc_text_u64(struct mc_text *t, uint64_t v);

#endif /* MC_TEXT_H */
