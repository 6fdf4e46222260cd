/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The arena (mx.h) and the node allocator over it, which stands in for the harness's
 * kmem_cache (tools/testing/shared/linux.c, not linked). Nodes are handed out in address
 * order and, while recording, never reused: a node index names one node for the whole log.
 * A snapshot is a copy of the used part of the arena, the allocator's state included, so
 * many executions can start from the tree the prefix built.
 */
#ifndef MX_ARENA_H
#define MX_ARENA_H

#include "mx.h"

struct maple_tree;

/* Maps the arena (once) and empties it. */
void mx_arena_reset(void);
/* The tree struct, at the start of the arena. */
struct maple_tree *mx_arena_tree(void);
/* Nodes handed out so far (indices 0 .. n-1). */
unsigned long mx_arena_used(void);

void mx_arena_snapshot(void);
/* False when no snapshot was taken. */
bool mx_arena_restore(void);
/*
 * The explorer's saved states (main.c takes them): the prefix's tree when recording starts,
 * the writer's end state when it ends. A restore of the prefix forgets the end state's
 * saving only when a new prefix is saved.
 */
void mx_arena_save_prefix(void);
void mx_arena_save_final(void);
bool mx_arena_restore_prefix(void);
bool mx_arena_restore_final(void);
/* No node reuse even outside recording (a replay of the writer allocates as it did). */
extern bool mx_arena_no_reuse;

/* Bytes a restore copies. */
size_t mx_arena_snapshot_bytes(void);

#endif /* MX_ARENA_H */
