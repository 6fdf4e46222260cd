// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The one translation unit built with -fsanitize=thread: the kernel's lib/maple_tree.c (path
 * as -DMAPLE_TREE_C) behind kernel-prologue.h, and the few entry points the driver calls.
 */
#include "kernel-prologue.h"
#include "kernel-ops.h"

#ifndef fallthrough
#define fallthrough __attribute__((__fallthrough__))
#endif

#pragma GCC diagnostic push
/* Kernel code, kept as it is: these warnings are -Wextra's, not the kernel's. */
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#pragma GCC diagnostic ignored "-Wtype-limits"
#include MAPLE_TREE_C
#pragma GCC diagnostic pop

void mx_kernel_init(void)
{
	maple_tree_init();
}

void mx_tree_init(struct maple_tree *mt, bool alloc, bool rcu)
{
	mt_init_flags(mt, (alloc ? MT_FLAGS_ALLOC_RANGE : 0) | (rcu ? MT_FLAGS_USE_RCU : 0));
}

int mx_tree_store(struct maple_tree *mt, unsigned long first, unsigned long last, void *entry)
{
	return mtree_store_range(mt, first, last, entry, GFP_KERNEL);
}

int mx_tree_insert(struct maple_tree *mt, unsigned long first, unsigned long last, void *entry)
{
	return mtree_insert_range(mt, first, last, entry, GFP_KERNEL);
}

void *mx_tree_erase(struct maple_tree *mt, unsigned long index)
{
	return mtree_erase(mt, index);
}

void *mx_tree_load(struct maple_tree *mt, unsigned long index)
{
	return mtree_load(mt, index);
}

void mx_tree_set_rcu(struct maple_tree *mt, bool on)
{
	mtree_lock(mt);
	if (on)
		mt_set_in_rcu(mt);
	else
		mt_clear_in_rcu(mt);
	mtree_unlock(mt);
}

void mx_tree_destroy(struct maple_tree *mt)
{
	mtree_destroy(mt);
}

const size_t mx_tree_root_offset = offsetof(struct maple_tree, ma_root);
const size_t mx_tree_flags_offset = offsetof(struct maple_tree, ma_flags);
const size_t mx_node_size = sizeof(struct maple_node);
const unsigned int mx_gfp_direct_reclaim = __GFP_DIRECT_RECLAIM;

/* Depth first from @entry, an encoded node whose range ends at @max. */
static void walk(void *entry, unsigned long max, mx_node_fn *fn, void *ctx)
{
	struct maple_enode *en = entry;
	struct maple_node *node = mte_to_node(en);
	enum maple_type type = mte_node_type(en);
	unsigned long *pivots;
	void __rcu **slots;
	unsigned char end, i;

	fn(ctx, node, (unsigned int)type);
	if (ma_is_leaf(type))
		return;
	pivots = ma_pivots(node, type);
	slots = ma_slots(node, type);
	end = ma_data_end(node, type, pivots, max);
	for (i = 0; i <= end; i++)
		if (slots[i])
			walk(slots[i], i < mt_pivots[type] ? pivots[i] : max, fn, ctx);
}

void mx_tree_nodes(struct maple_tree *mt, mx_node_fn *fn, void *ctx)
{
	void *root = mt->ma_root;

	if (xa_is_node(root))
		walk(root, ULONG_MAX, fn, ctx);
}
