// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * PCs to places (symbols.h), cached in an open-addressing table, and across processes in a
 * file next to the binary (symbols.txt): libbacktrace's first lookup reads the debug info of
 * every loaded library (about 150 ms), which a checker starting many runners should pay once.
 * The file names the binary it belongs to (size and mtime); a PC missing from it is looked up.
 */
#include "symbols.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
/* New entries since the file was read or written. */
static bool dirty;

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
		dirty = true;
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
		dirty = true;
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

/* ---- the file ---- */

static char cache_path[PATH_MAX];
static char stamp[64];

static bool cache_names(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	struct stat st;
	char *slash;

	if (n <= 0)
		return false;
	exe[n] = '\0';
	if (stat(exe, &st) != 0)
		return false;
	snprintf(stamp, sizeof(stamp), "%lld.%lld", (long long)st.st_size,
		 (long long)st.st_mtime);
	slash = strrchr(exe, '/');
	if (!slash)
		return false;
	*slash = '\0';
	return (size_t)snprintf(cache_path, sizeof(cache_path), "%s/symbols.txt", exe) <
	       sizeof(cache_path);
}

void mx_symbols_load(void)
{
	FILE *f;
	char line[1024];

	if (!cache_names() || !(f = fopen(cache_path, "r")))
		return;
	if (!fgets(line, sizeof(line), f) || strncmp(line, "binary ", 7) != 0 ||
	    strncmp(line + 7, stamp, strlen(stamp)) != 0 || line[7 + strlen(stamp)] != '\n') {
		fclose(f);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		char kind, a[512], b[512];
		unsigned long key;
		int ln;
		struct entry *e;

		if (sscanf(line, "%c %lx %511s %d %511s", &kind, &key, a, &ln, b) == 5 && kind == 'P') {
			e = slot_for(key);
			if (e == &overflow || e->key)
				continue;
			e->key = key;
			e->place.func = strdup(a);
			e->place.line = ln;
			e->place.outer = strcmp(a, b) == 0 ? e->place.func : strdup(b);
		} else if (sscanf(line, "%c %lx %511s", &kind, &key, a) == 3 && kind == 'F') {
			e = slot_for(key);
			if (e == &overflow || e->key)
				continue;
			e->key = key;
			e->name = strdup(a);
		}
	}
	fclose(f);
	dirty = false;
}

void mx_symbols_save(void)
{
	char tmp[PATH_MAX + 32];
	FILE *f;
	unsigned int i;

	if (!dirty || cache_path[0] == '\0')
		return;
	snprintf(tmp, sizeof(tmp), "%s.%d", cache_path, (int)getpid());
	f = fopen(tmp, "w");
	if (!f)
		return;
	fprintf(f, "binary %s\n", stamp);
	for (i = 0; i < TABLE_SIZE; i++) {
		const struct entry *e = &table[i];

		if (!e->key)
			continue;
		if (e->key & 1)
			fprintf(f, "P %lx %s %d %s\n", (unsigned long)e->key, e->place.func,
				e->place.line, e->place.outer);
		else
			fprintf(f, "F %lx %s\n", (unsigned long)e->key, e->name ? e->name : "?");
	}
	if (fclose(f) == 0 && rename(tmp, cache_path) == 0)
		dirty = false;
	else
		unlink(tmp);
}
