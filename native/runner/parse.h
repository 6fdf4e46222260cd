/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The protocol's input rules: a line's tokens, and numbers, values and init flags as the
 * oracle reads them (strtoul-like, checked to the last digit).
 */
#ifndef MC_PARSE_H
#define MC_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A line with more tokens than this (name included) is `err parse`. */
#define MC_MAX_TOKENS 8

struct mc_line {
	const char *text;	/* from the first non-blank character: what --echo repeats */
	char *tok[MC_MAX_TOKENS];
	int ntok;
	bool too_many;
};

/*
 * Splits @raw (NUL-terminated, no newline) into tokens in @scratch (at least as long as
 * @raw). False for a blank or `#` line.
 */
bool mc_split_line(const char *raw, char *scratch, struct mc_line *line);

/* `max`, decimal or 0x hex within [0, 2^64-1]. */
bool mc_parse_index(const char *s, uint64_t *v);
/* `null` (*is_null) or an integer within [0, 2^63-1]. */
bool mc_parse_value(const char *s, bool *is_null, uint64_t *v);

/* init's words; the runner maps them to MT_FLAGS_ALLOC_RANGE and MT_FLAGS_USE_RCU. */
#define MC_INIT_ALLOC 1u
#define MC_INIT_RCU 2u
/* `0`, `none`, `alloc`, `rcu` joined by runs of `|`, `,` or `+`; only 127 bytes count. */
bool mc_parse_flags(const char *s, unsigned int *flags);

#endif /* MC_PARSE_H */
