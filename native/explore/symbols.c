// SPDX-License-Identifier: GPL-2.0-or-later
/* PCs to places (symbols.h), cached in an open-addressing table. */
#include "symbols.h"

#include <stdlib.h>
#include <string.h>

#ifndef MX_NO_LIBBACKTRACE
#include <backtrace.h>
#endif

struct entry {
	uintptr_t key;		/* 0: empty */
	struct mx_place place;
	const char *name;	/* for mx_function_at */
};

#define TABLE_BITS 14
#define TABLE_SIZE (1u << TABLE_BITS)
static struct entry table[TABLE_SIZE];
static unsigned int used;
static struct entry overflow = { 1, { "?", 0, "?" }, "?" };

/* The key's entry; a full table (more PCs than the object has sites) answers "?". */
static struct entry *slot_for(uintptr_t key)
{
	unsigned int i = (unsigned int)((key * 0x9e3779b97f4a7c15ULL) >> (64 - TABLE_BITS));

	while (table[i].key && table[i].key != key)
		i = (i + 1) & (TABLE_SIZE - 1);
	if (!table[i].key && ++used > TABLE_SIZE / 2)
		return &overflow;
	return &table[i];
}

#ifndef MX_NO_LIBBACKTRACE
static struct backtrace_state *state;

static void on_error(void *data, const char *msg, int errnum)
{
	(void)data;
	(void)msg;
	(void)errnum;
}

static struct backtrace_state *bt(void)
{
	if (!state)
		state = backtrace_create_state(NULL, 0, on_error, NULL);
	return state;
}

/* Called innermost frame first: keep the first one's place, the last one's function. */
static int on_frame(void *data, uintptr_t pc, const char *file, int line, const char *func)
{
	struct mx_place *p = data;

	(void)pc;
	(void)file;
	if (!func)
		return 0;
	if (!p->func) {
		p->func = strdup(func);
		p->line = line;
	}
	p->outer = p->outer && strcmp(p->outer, func) == 0 ? p->outer : strdup(func);
	return 0;
}

static void on_symbol(void *data, uintptr_t pc, const char *name, uintptr_t value,
		      uintptr_t size)
{
	(void)pc;
	(void)value;
	(void)size;
	*(const char **)data = name ? strdup(name) : NULL;
}
#endif

const struct mx_place *mx_place_of(uintptr_t ret)
{
	struct entry *e = slot_for(ret | 1);

	if (!e->key) {
		e->key = ret | 1;
#ifndef MX_NO_LIBBACKTRACE
		/* ret - 1: the call instruction, not the one after it. */
		if (ret && bt())
			backtrace_pcinfo(bt(), ret - 1, on_frame, on_error, &e->place);
#endif
		if (!e->place.func) {
			e->place.func = "?";
			e->place.line = 0;
		}
		if (!e->place.outer)
			e->place.outer = e->place.func;
	}
	return &e->place;
}

const char *mx_function_at(uintptr_t addr)
{
	struct entry *e = slot_for(addr & ~(uintptr_t)1);

	if (!e->key) {
		e->key = addr & ~(uintptr_t)1;
#ifndef MX_NO_LIBBACKTRACE
		if (bt())
			backtrace_syminfo(bt(), addr, on_symbol, on_error, &e->name);
#endif
		if (!e->name)
			e->name = "?";
	}
	return e->name;
}
