/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The maple tree as every runner file sees it: the kernel's public API through the
 * harness headers (tools/testing), the debug-check hooks, version switches, and the few
 * accessors kernel-tu.c implements with the tree's static internals. Only kernel-tu.c
 * includes lib/maple_tree.c itself.
 */
#ifndef MC_KERNEL_API_H
#define MC_KERNEL_API_H

#if !defined(MC_KERNEL_MAJOR) || !defined(MC_KERNEL_MINOR)
#error "build with -DMC_KERNEL_MAJOR=N -DMC_KERNEL_MINOR=N (see native/build-dev.sh)"
#endif
#include "kernel-headers.h"
#include <stdbool.h>
#include <stdint.h>

/* API that came after 6.1 (the upstream release that added each). */
#define MC_HAS_RANGE_ITERATORS MC_KERNEL_AT_LEAST(6, 5)	/* mas_{next,prev,find}_range* */
#define MC_HAS_MA_STATUS MC_KERNEL_AT_LEAST(6, 8)	/* enum maple_status mas->status */
#define MC_HAS_ALLOC_CYCLIC MC_KERNEL_AT_LEAST(6, 10)	/* mtree_alloc_cyclic */

/* Cursor statuses, in the order and with the names of 6.12's enum maple_status. */
enum mc_status {
	MC_ACTIVE,
	MC_START,
	MC_ROOT,
	MC_NONE,
	MC_PAUSE,
	MC_OVERFLOW,
	MC_UNDERFLOW,
	MC_ERROR,
};

/* One node's contents, slots 0..data end, as kernel-tu.c reads them. */
enum mc_node_type { MC_DENSE, MC_LEAF, MC_RANGE, MC_ARANGE };

struct mc_node_view {
	enum mc_node_type type;
	unsigned int nr;			/* slots shown: data end + 1 */
	unsigned long pivot[MAPLE_NODE_SLOTS];	/* slot i's last index (the node max if implied) */
	void *slot[MAPLE_NODE_SLOTS];
	unsigned long gap[MAPLE_NODE_SLOTS];	/* MC_ARANGE only */
	bool child[MAPLE_NODE_SLOTS];		/* internal nodes: the slot holds a node */
};

/* kernel-tu.c: fills *view for the encoded node @enode whose range ends at @max. */
void mc_node_read(void *enode, unsigned long max, struct mc_node_view *view);
/* kernel-tu.c: sets the slot holding @index to NULL behind the tree's back (self-test). */
int mc_corrupt(struct maple_tree *mt, unsigned long index);
/*
 * The node word `poke` overwrites (pos: the pivot, slot or gap number); MC_POKE_PARENT copies
 * the parent word of the node at the same depth on the way to @value, MC_POKE_DEAD makes the
 * node its own parent.
 */
enum mc_poke_field {
	MC_POKE_PIVOT, MC_POKE_SLOT, MC_POKE_GAP, MC_POKE_END, MC_POKE_METAGAP,
	MC_POKE_PARENT, MC_POKE_DEAD,
};
/*
 * kernel-tu.c: on the node at @depth (0: the root node) on the way to @index, sets one word
 * behind the tree's back: a pivot or gap to @value, a slot to @entry, a metadata byte to @value.
 * 0, or -EINVAL when there is no such node or word.
 */
int mc_poke(struct maple_tree *mt, unsigned long index, unsigned long depth,
	    enum mc_poke_field field, unsigned int pos, unsigned long value, void *entry);
/*
 * kernel-tu.c: maple nodes allocated and not yet freed (the harness slab's count for the
 * tree's node cache), once the deferred RCU frees have run.
 */
unsigned long mc_nodes_allocated(void);
/* status.c: the cursor's status, whatever the kernel's encoding. */
enum mc_status mc_status(const struct ma_state *mas);
/* status.c: whether the cursor points at no node (6.12: mas->node == NULL). */
bool mc_status_nodeless(const struct ma_state *mas);
extern const char *const mc_status_names[];

#endif /* MC_KERNEL_API_H */
