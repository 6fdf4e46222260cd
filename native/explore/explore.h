/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The explorer on the C tree (explore.c): the writer recorded once (record.h), then every
 * execution of the reader threads, depth first over their choices, each reader read of a
 * word the writer changed answered with one of the values the writer's log allows there.
 * The choices, the happens-before graph and the reduction are those of the TypeScript
 * explorer (src/checker/explorer/execution.ts); the judging stays in TypeScript, asked over
 * the protocol for each new results vector and each new history (main.c documents it).
 */
#ifndef MX_EXPLORE_H
#define MX_EXPLORE_H

#include "mx.h"

/* What the hooks do with an access to the arena outside recording. */
enum mx_reader_mode {
	MX_READERS_OFF,		/* nothing */
	MX_READERS_EXPLORE,	/* a reader thread of an execution: loads are choices */
	MX_READERS_DIRECT,	/* a reader run alone: loads are logged as they are */
};
extern int mx_reader_mode;

/* A load of @size bytes at @addr by kernel code at @pc (before the load happens). */
void mx_ex_load(const void *addr, unsigned int size, enum mx_class cls, uintptr_t pc);
/* A store by kernel code into the arena while readers run: a finding (readers only read). */
void mx_ex_store(void *addr, unsigned int size, uintptr_t pc);
/* An assertion (BUG_ON) failed in kernel code: a finding while readers run, else fatal. */
void mx_ex_assert(const char *expr, const char *file, unsigned int line, const char *func);

/* Reader threads: `reader KIND` starts one, `rline OP A B` adds a line to it. */
void mx_ex_readers_clear(void);
bool mx_ex_add_reader(const char *kind);
bool mx_ex_add_line(const char *op, unsigned long a, unsigned long b);

/* `explore KEY=VALUE...`: one exploration, on the arena's current (post-writer) state. */
void mx_ex_explore(char **tok, int ntok);
/* `alone`: reader @thread's line @op run alone on the current arena, its reads printed. */
void mx_ex_alone(int thread, int op);

#endif /* MX_EXPLORE_H */
