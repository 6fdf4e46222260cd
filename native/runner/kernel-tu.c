// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The one translation unit that compiles the kernel's lib/maple_tree.c (its path comes as
 * -DMAPLE_TREE_C), with the harness's maple.c prologue (kernel-headers.h), and the accessors
 * that need the tree's static internals: reading a node, and the `corrupt`
 * and `poke` self-tests.
 */
#include "kernel-api.h"
#include "rcu-defer.h"

/* 6.1's harness predates the kernel's fallthrough pseudo-keyword. */
#ifndef fallthrough
#define fallthrough __attribute__((__fallthrough__))
#endif

#define module_init(x)
#define module_exit(x)
#define MODULE_AUTHOR(x)
#define MODULE_DESCRIPTION(x)
#define MODULE_LICENSE(x)

/* 6.12's linux.c reads these; they live in the harness's test.c, which is not linked. */
__attribute__((weak)) int kmalloc_verbose;
__attribute__((weak)) int test_verbose;

/* The harness's call_rcu wrapper (radix-tree.h) gives way to the runner's deferral. */
#undef call_rcu
#define call_rcu(head, func) mc_rcu_defer(head, func)

#pragma GCC diagnostic push
/* Kernel code, kept as it is: these warnings are -Wextra's, not the kernel's. */
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#include MAPLE_TREE_C
#pragma GCC diagnostic pop

static enum mc_node_type view_type(enum maple_type type)
{
	switch (type) {
	case maple_leaf_64:
		return MC_LEAF;
	case maple_range_64:
		return MC_RANGE;
	case maple_arange_64:
		return MC_ARANGE;
	default:
		return MC_DENSE;
	}
}

void mc_node_read(void *enode, unsigned long max, struct mc_node_view *view)
{
	struct maple_enode *en = enode;
	struct maple_node *node = mte_to_node(en);
	enum maple_type type = mte_node_type(en);
	unsigned long *pivots = ma_pivots(node, type);
	unsigned long *gaps = ma_gaps(node, type);
	void __rcu **slots = ma_slots(node, type);
	unsigned int end = ma_data_end(node, type, pivots, max);
	unsigned int i;

	view->type = view_type(type);
	view->nr = end + 1 < mt_slots[type] ? end + 1 : mt_slots[type];
	for (i = 0; i < view->nr; i++) {
		/* The last slot of a full node has no pivot: its bound is the node's max. */
		view->pivot[i] = i < mt_pivots[type] ? pivots[i] : max;
		view->slot[i] = rcu_dereference(slots[i]);
		view->gap[i] = gaps ? gaps[i] : 0;
		view->child[i] = !ma_is_leaf(type) && view->slot[i] &&
				 !mt_is_reserved(view->slot[i]) && !xa_is_value(view->slot[i]);
	}
}

int mc_corrupt(struct maple_tree *mt, unsigned long index)
{
	MA_STATE(mas, mt, index, index);
	void *entry;
	int ret = -EINVAL;

	mtree_lock(mt);
	entry = mas_walk(&mas);
	if (entry && mc_status(&mas) == MC_ACTIVE) {
		struct maple_node *node = mte_to_node(mas.node);

		rcu_assign_pointer(ma_slots(node, mte_node_type(mas.node))[mas.offset], NULL);
		ret = 0;
	}
	mtree_unlock(mt);
	return ret;
}

/* The node at @depth on the way to @index: a plain descent over the words as they stand. */
static struct maple_enode *poke_node(struct maple_tree *mt, unsigned long index,
				     unsigned long depth)
{
	void *root = rcu_dereference_check(mt->ma_root, mt_locked(mt));
	struct maple_enode *en;
	unsigned long max = ULONG_MAX, d;

	if (!xa_is_node(root))
		return NULL;
	en = mte_safe_root(root);
	for (d = 0; d < depth; d++) {
		enum maple_type type = mte_node_type(en);
		struct maple_node *node = mte_to_node(en);
		unsigned long *pivots;
		unsigned char end, offset = 0;

		if (ma_is_leaf(type))
			return NULL;
		pivots = ma_pivots(node, type);
		end = ma_data_end(node, type, pivots, max);
		while (offset < end && index > pivots[offset])
			offset++;
		/* As mas_safe_pivot: past the last pivot the bound is the parent's. */
		if (offset < mt_pivots[type])
			max = pivots[offset];
		en = rcu_dereference_check(ma_slots(node, type)[offset], mt_locked(mt));
		if (!en || xa_is_value(en) || mt_is_reserved(en))
			return NULL;
	}
	return en;
}

int mc_poke(struct maple_tree *mt, unsigned long index, unsigned long depth,
	    enum mc_poke_field field, unsigned int pos, unsigned long value, void *entry)
{
	struct maple_enode *en;
	struct maple_node *node;
	enum maple_type type;
	int ret = -EINVAL;

	mtree_lock(mt);
	en = poke_node(mt, index, depth);
	if (!en)
		goto out;
	node = mte_to_node(en);
	type = mte_node_type(en);
	switch (field) {
	case MC_POKE_PIVOT:
		if (pos >= mt_pivots[type])
			goto out;
		ma_pivots(node, type)[pos] = value;
		break;
	case MC_POKE_SLOT:
		if (pos >= mt_slots[type])
			goto out;
		rcu_assign_pointer(ma_slots(node, type)[pos], entry);
		break;
	case MC_POKE_PARENT:
	case MC_POKE_DEAD: {
		struct maple_enode *from = field == MC_POKE_DEAD ? en : poke_node(mt, value, depth);

		/* A root node's parent word names the tree; a dead root would end every walk. */
		if (!depth || !from)
			goto out;
		if (field == MC_POKE_DEAD)
			mte_set_node_dead(en);
		else
			node->parent = mte_to_node(from)->parent;
		break;
	}
	case MC_POKE_GAP:
		if (!ma_gaps(node, type) || pos >= mt_slots[type])
			goto out;
		ma_gaps(node, type)[pos] = value;
		break;
	default:
		/* A range node's metadata overlays its last slot, free only when the last pivot is 0. */
		if (type != maple_arange_64 && ma_pivots(node, type)[mt_pivots[type] - 1])
			goto out;
		if (field == MC_POKE_END)
			ma_meta(node, type)->end = value;
		else
			ma_meta(node, type)->gap = value;
	}
	ret = 0;
out:
	mtree_unlock(mt);
	return ret;
}

unsigned long mc_nodes_allocated(void)
{
	/* A node waiting for its grace period is not a leak: run those frees first. */
	mc_rcu_drain();
	/* maple_tree.c's userspace build: the harness slab's live count for maple_node_cache. */
	return mt_nr_allocated();
}
