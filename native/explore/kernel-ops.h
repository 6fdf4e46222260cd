/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the driver calls in the instrumented translation unit (kernel-tu.c): the tree's
 * whole-tree operations, with the protocol's GFP_KERNEL, and the layout facts the runtime
 * needs to name what an access touched.
 */
#ifndef MX_KERNEL_OPS_H
#define MX_KERNEL_OPS_H

#include <stdbool.h>
#include <stddef.h>

struct maple_tree;

void mx_kernel_init(void);
void mx_tree_init(struct maple_tree *mt, bool alloc, bool rcu);
int mx_tree_store(struct maple_tree *mt, unsigned long first, unsigned long last, void *entry);
int mx_tree_insert(struct maple_tree *mt, unsigned long first, unsigned long last, void *entry);
void *mx_tree_erase(struct maple_tree *mt, unsigned long index);
void *mx_tree_load(struct maple_tree *mt, unsigned long index);
void mx_tree_set_rcu(struct maple_tree *mt, bool on);
void mx_tree_destroy(struct maple_tree *mt);
/* Calls @fn for every node of the tree with its enum maple_type (not while recording). */
typedef void mx_node_fn(void *ctx, void *node, unsigned int type);
void mx_tree_nodes(struct maple_tree *mt, mx_node_fn *fn, void *ctx);

/*
 * Reader lines (the explorer's reader threads): one-shot reads on a fresh maple state and
 * the cursor operations on the thread's own struct ma_state, lockless (the explorer models
 * the read-side section). Answers are printed as the protocol prints them.
 */
enum mx_read_op {
	MX_R_LOAD, MX_R_WALK, MX_R_FIND, MX_R_NEXT, MX_R_PREV,
	MX_R_MSET, MX_R_MRANGE, MX_R_MRESET, MX_R_MPAUSE, MX_R_MSTATE, MX_R_MWALK,
	MX_R_MNEXT, MX_R_MPREV, MX_R_MNEXTR, MX_R_MPREVR, MX_R_MFIND, MX_R_MFINDR,
	MX_R_MFINDRANGE, MX_R_MFINDRANGEREV,
	MX_R_COUNT
};
/* The op's protocol name, or NULL; whether this kernel has it. */
extern const char *const mx_read_op_names[MX_R_COUNT];
bool mx_read_op_supported(enum mx_read_op op);
/* Bytes of a thread's cursor (struct ma_state); at most MX_CURSOR_BYTES. */
#define MX_CURSOR_BYTES 256
extern const size_t mx_cursor_size;
/* A cursor as the protocol's thread cursor starts: MA_STATE(mas, mt, 0, 0). */
void mx_cursor_init(void *cursor, struct maple_tree *mt);
/*
 * Runs one reader line: @out gets its answer; for a cursor line @before gets the cursor's
 * `INDEX LAST STATUS` before it ("" for a one-shot line).
 */
void mx_read_line(void *cursor, struct maple_tree *mt, enum mx_read_op op, unsigned long a,
		  unsigned long b, char *out, size_t n, char *before, size_t bn);

extern const size_t mx_tree_root_offset;
extern const size_t mx_tree_flags_offset;
extern const size_t mx_node_size;
/* The harness's __GFP_DIRECT_RECLAIM (its bit differs between kernel versions). */
extern const unsigned int mx_gfp_direct_reclaim;

#endif /* MX_KERNEL_OPS_H */
