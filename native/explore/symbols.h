/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PCs to source places, once per distinct PC per process: gcc's own libbacktrace (shipped
 * with gcc as libbacktrace.a) reads the binary's DWARF in-process, with inline frames; no
 * addr2line process per run. Built without it (MX_NO_LIBBACKTRACE), places are "?".
 */
#ifndef MX_SYMBOLS_H
#define MX_SYMBOLS_H

#include <stdint.h>

struct mx_place {
	const char *func;	/* innermost function (inlined or not) */
	int line;		/* its line */
	const char *outer;	/* the real function it was inlined into (== func if none) */
};

/* The place of the instruction that called the hook whose return address is @ret. */
const struct mx_place *mx_place_of(uintptr_t ret);
/* The name of the function at @addr (a callback pointer), or "?". */
const char *mx_function_at(uintptr_t addr);

/* The places cached next to the binary (symbols.txt), if they are this binary's. */
void mx_symbols_load(void);
/* Writes the cache file when lookups added to it (after a command that printed places). */
void mx_symbols_save(void);

#endif /* MX_SYMBOLS_H */
