// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Whole-tree views that read every node or range: `validate`, `ranges` (and `.check`'s
 * hash of them), `nodes` and `.leaves`.
 */
#include "runner.h"

/* `ranges` stops after this many, as the oracle does. */
#define MC_RANGES_LIMIT 1000000

/* The depth bound of the node dump (MAPLE_HEIGHT_MAX). */
#define MC_DUMP_DEPTH 31

unsigned int mc_validate(struct maple_tree *mt)
{
	mc_checks_reset();
	mtree_lock(mt);
	mt_validate(mt);
	mtree_unlock(mt);
	return mc_checks_count();
}

void mc_ranges_each(struct maple_tree *mt, mc_range_fn *fn, void *ctx)
{
	unsigned long index = 0;
	unsigned long n = 0;

	rcu_read_lock();
	for (;;) {
		MA_STATE(mas, mt, index, index);
		void *entry = mas_walk(&mas);

		fn(ctx, mas.index, mas.last, entry);
		if (mas.last == ULONG_MAX || mas.last < index || ++n > MC_RANGES_LIMIT)
			break;
		index = mas.last + 1;
	}
	rcu_read_unlock();
}

static const char *const type_names[] = {
	[MC_DENSE] = "dense", [MC_LEAF] = "leaf", [MC_RANGE] = "range", [MC_ARANGE] = "arange",
};

static bool is_leaf(enum mc_node_type type)
{
	return type == MC_LEAF || type == MC_DENSE;
}

/* (TYPE MIN-MAX PIVOT:SLOT ...), children in place, slots 0..data end. */
static void put_node(struct mc_text *out, void *enode, unsigned long min, unsigned long max,
		     int depth)
{
	struct mc_node_view view;
	unsigned long first = min;
	unsigned int i;

	if (depth > MC_DUMP_DEPTH) {
		mc_text_put(out, "(too-deep)");
		return;
	}
	mc_node_read(enode, max, &view);
	mc_text_char(out, '(');
	mc_text_put(out, type_names[view.type]);
	mc_text_char(out, ' ');
	mc_text_u64(out, min);
	mc_text_char(out, '-');
	mc_text_u64(out, max);
	for (i = 0; i < view.nr; i++) {
		void *slot = view.slot[i];

		mc_text_char(out, ' ');
		mc_text_u64(out, view.pivot[i]);
		mc_text_char(out, ':');
		if (is_leaf(view.type)) {
			mc_put_entry(out, slot);
		} else {
			if (view.type == MC_ARANGE) {
				mc_text_char(out, 'g');
				mc_text_u64(out, view.gap[i]);
			}
			if (view.child[i]) {
				put_node(out, slot, first, view.pivot[i], depth + 1);
			} else if (!slot) {
				mc_text_put(out, "(none)");
			} else {
				mc_text_put(out, "(bad ");
				mc_put_entry(out, slot);
				mc_text_char(out, ')');
			}
		}
		first = view.pivot[i] + 1;
	}
	mc_text_char(out, ')');
}

void mc_put_nodes(struct mc_text *out, struct maple_tree *mt)
{
	void *root;

	rcu_read_lock();
	root = rcu_dereference(mt->ma_root);
	if (!root) {
		mc_text_put(out, "empty");
	} else if (!xa_is_node(root)) {
		mc_text_put(out, "entry:");
		mc_put_entry(out, root);
	} else {
		put_node(out, root, 0, ULONG_MAX, 0);
	}
	rcu_read_unlock();
}

static void put_leaves(struct mc_text *out, size_t start, void *enode, unsigned long min,
		       unsigned long max, int depth)
{
	struct mc_node_view view;
	unsigned long first = min;
	unsigned int i;

	if (depth > MC_DUMP_DEPTH)
		return;
	mc_node_read(enode, max, &view);
	if (is_leaf(view.type)) {
		if (out->len != start)
			mc_text_char(out, ' ');
		mc_text_u64(out, min);
		mc_text_char(out, '-');
		mc_text_u64(out, max);
		return;
	}
	for (i = 0; i < view.nr; i++) {
		if (view.child[i])
			put_leaves(out, start, view.slot[i], first, view.pivot[i], depth + 1);
		first = view.pivot[i] + 1;
	}
}

void mc_put_leaves(struct mc_text *out, struct maple_tree *mt)
{
	void *root;

	rcu_read_lock();
	root = rcu_dereference(mt->ma_root);
	if (xa_is_node(root))
		put_leaves(out, out->len, root, 0, ULONG_MAX, 0);
	else
		mc_text_put(out, "none");
	rcu_read_unlock();
}
