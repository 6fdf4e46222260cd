/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The explore runtime's shared facts: where the arena is (one fixed mapping holding the tree
 * struct and every node, so one range test tells node memory, recorded, from stack and
 * globals, ignored) and what an access is.
 */
#ifndef MX_H
#define MX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A fixed address: node pointers, hence every value in the log, are the same on every run. */
#define MX_ARENA_BASE 0x200000000000UL
/* The first page holds the tree struct (at its start) and the allocator's state. */
#define MX_HEADER_SIZE 4096UL
#define MX_NODE_SIZE 256UL
#define MX_MAX_NODES 65536UL
#define MX_NODES_BASE (MX_ARENA_BASE + MX_HEADER_SIZE)
#define MX_ARENA_SIZE (MX_HEADER_SIZE + MX_MAX_NODES * MX_NODE_SIZE)

static inline bool mx_in_arena(const void *p)
{
	return (uintptr_t)p - MX_ARENA_BASE < MX_ARENA_SIZE;
}

static inline bool mx_in_nodes(const void *p)
{
	return (uintptr_t)p - MX_NODES_BASE < MX_MAX_NODES * MX_NODE_SIZE;
}

static inline unsigned long mx_node_index(const void *p)
{
	return ((uintptr_t)p - MX_NODES_BASE) / MX_NODE_SIZE;
}

/* How the code made an access: a plain C access, READ_ONCE/WRITE_ONCE, or an atomic. */
enum mx_class { MX_PLAIN, MX_ONCE, MX_ATOMIC };

/* The C11 order of an atomic, as __tsan_* hooks receive it (tsan's numbering). */
enum mx_order {
	MX_RELAXED,
	MX_CONSUME,
	MX_ACQUIRE,
	MX_RELEASE,
	MX_ACQ_REL,
	MX_SEQ_CST,
};

#endif /* MX_H */
