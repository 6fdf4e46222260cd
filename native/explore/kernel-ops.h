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

extern const size_t mx_tree_root_offset;
extern const size_t mx_tree_flags_offset;
extern const size_t mx_node_size;
/* The harness's __GFP_DIRECT_RECLAIM (its bit differs between kernel versions). */
extern const unsigned int mx_gfp_direct_reclaim;

#endif /* MX_KERNEL_OPS_H */
