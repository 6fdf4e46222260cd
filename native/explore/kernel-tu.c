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

/* ---- reader lines (the explorer's reader threads) ---- */

/* 6.8 brought enum maple_status (mas->status); before it the state lived in mas->node. */
#ifdef MAS_START
#define MX_HAS_MA_STATUS 0
#else
#define MX_HAS_MA_STATUS 1
#endif

const char *const mx_read_op_names[MX_R_COUNT] = {
	[MX_R_LOAD] = "load", [MX_R_WALK] = "walk", [MX_R_FIND] = "find",
	[MX_R_NEXT] = "next", [MX_R_PREV] = "prev", [MX_R_MSET] = "mset",
	[MX_R_MRANGE] = "mrange", [MX_R_MRESET] = "mreset", [MX_R_MPAUSE] = "mpause",
	[MX_R_MSTATE] = "mstate", [MX_R_MWALK] = "mwalk", [MX_R_MNEXT] = "mnext",
	[MX_R_MPREV] = "mprev", [MX_R_MNEXTR] = "mnextr", [MX_R_MPREVR] = "mprevr",
	[MX_R_MFIND] = "mfind", [MX_R_MFINDR] = "mfindr", [MX_R_MFINDRANGE] = "mfindrange",
	[MX_R_MFINDRANGEREV] = "mfindrangerev",
};

const size_t mx_cursor_size = sizeof(struct ma_state);

/* The cursor lines need the status the model prints; the range iterators came with it too. */
bool mx_read_op_supported(enum mx_read_op op)
{
	return op <= MX_R_PREV || MX_HAS_MA_STATUS;
}

void mx_cursor_init(void *cursor, struct maple_tree *mt)
{
	MA_STATE(mas, mt, 0, 0);

	*(struct ma_state *)cursor = mas;
}

static void put_entry(char *out, size_t n, void *entry)
{
	if (!entry)
		snprintf(out, n, "null");
	else if (xa_is_value(entry))
		snprintf(out, n, "%lu", xa_to_value(entry));
	else if (xa_is_zero(entry))
		snprintf(out, n, "zero");
	else
		snprintf(out, n, "ptr:%#lx", (unsigned long)entry);
}

static void put_range(char *out, size_t n, void *entry, unsigned long index, unsigned long last)
{
	char e[40];

	put_entry(e, sizeof(e), entry);
	snprintf(out, n, "%s %lu %lu", e, index, last);
}

#if MX_HAS_MA_STATUS
static const char *const status_names[] = {
	"active", "start", "root", "none", "pause", "overflow", "underflow", "error",
};

static unsigned int cursor_status(const struct ma_state *mas)
{
	return mas->status <= ma_error ? (unsigned int)mas->status : 7;
}

static void put_cursor(char *out, size_t n, const struct ma_state *mas, void *entry)
{
	char e[40];

	put_entry(e, sizeof(e), entry);
	snprintf(out, n, "%s %lu %lu %s", e, mas->index, mas->last,
		 status_names[cursor_status(mas)]);
}

/* The guard of maple-oracle --guard for a reader's cursor (no gap search ever failed). */
static bool guard_refuses(enum mx_read_op op, const struct ma_state *mas)
{
	unsigned int status = cursor_status(mas);

	switch (op) {
	case MX_R_MSET:
	case MX_R_MRANGE:
	case MX_R_MRESET:
	case MX_R_MSTATE:
	case MX_R_MWALK:
		return false;
	default:
		break;
	}
	if (status == 7)
		return true;
	if (op == MX_R_MPAUSE)
		return false;
	return mas->node == NULL && (status == 5 || status == 6);
}

typedef void *iter_fn(struct ma_state *mas, unsigned long limit);

static iter_fn *iterator(enum mx_read_op op)
{
	switch (op) {
	case MX_R_MNEXT:
		return mas_next;
	case MX_R_MPREV:
		return mas_prev;
	case MX_R_MNEXTR:
		return mas_next_range;
	case MX_R_MPREVR:
		return mas_prev_range;
	case MX_R_MFIND:
		return mas_find;
	case MX_R_MFINDR:
		return mas_find_rev;
	case MX_R_MFINDRANGE:
		return mas_find_range;
	case MX_R_MFINDRANGEREV:
		return mas_find_range_rev;
	default:
		return NULL;
	}
}

static void cursor_line(struct ma_state *mas, enum mx_read_op op, unsigned long a,
			unsigned long b, char *out, size_t n)
{
	iter_fn *fn;

	if (guard_refuses(op, mas)) {
		snprintf(out, n, "err ub");
		return;
	}
	switch (op) {
	case MX_R_MSET:
		mas_set(mas, a);
		snprintf(out, n, "ok");
		return;
	case MX_R_MRANGE:
		if (a > b) {
			snprintf(out, n, "err -EINVAL");
			return;
		}
		mas_set_range(mas, a, b);
		snprintf(out, n, "ok");
		return;
	case MX_R_MRESET:
		mas_reset(mas);
		snprintf(out, n, "ok");
		return;
	case MX_R_MPAUSE:
		mas_pause(mas);
		snprintf(out, n, "ok");
		return;
	case MX_R_MSTATE:
		snprintf(out, n, "%lu %lu %s", mas->index, mas->last,
			 status_names[cursor_status(mas)]);
		return;
	case MX_R_MWALK:
		put_cursor(out, n, mas, mas_walk(mas));
		return;
	default:
		fn = iterator(op);
		if (fn)
			put_cursor(out, n, mas, fn(mas, a));
		else
			snprintf(out, n, "err unknown-op");
	}
}
#endif

void mx_read_line(void *cursor, struct maple_tree *mt, enum mx_read_op op, unsigned long a,
		  unsigned long b, char *out, size_t n, char *before, size_t bn)
{
	before[0] = '\0';
	switch (op) {
	case MX_R_LOAD:
		put_entry(out, n, mtree_load(mt, a));
		return;
	case MX_R_WALK: {
		MA_STATE(mas, mt, a, a);
		void *entry;

		rcu_read_lock();
		entry = mas_walk(&mas);
		rcu_read_unlock();
		put_range(out, n, entry, mas.index, mas.last);
		return;
	}
	case MX_R_FIND: {
		/* mt_find, then a fresh mas_find for the entry's range, as the protocol prints it. */
		unsigned long index = a;
		void *entry = mt_find(mt, &index, b);
		MA_STATE(mas, mt, a, a);
		void *again;
		char r[96];

		if (!entry) {
			snprintf(out, n, "null");
			return;
		}
		rcu_read_lock();
		again = mas_find(&mas, b);
		rcu_read_unlock();
		put_range(r, sizeof(r), entry, mas.index, mas.last);
		snprintf(out, n, "%s %lu%s", r, index, again != entry ? " !mismatch" : "");
		return;
	}
	case MX_R_NEXT:
	case MX_R_PREV: {
		MA_STATE(mas, mt, a, a);
		void *entry;

		rcu_read_lock();
		entry = op == MX_R_NEXT ? mas_next(&mas, b) : mas_prev(&mas, b);
		rcu_read_unlock();
		if (entry)
			put_range(out, n, entry, mas.index, mas.last);
		else
			snprintf(out, n, "null");
		return;
	}
	default:
		break;
	}
#if MX_HAS_MA_STATUS
	{
		struct ma_state *mas = cursor;

		snprintf(before, bn, "%lu %lu %s", mas->index, mas->last,
			 status_names[cursor_status(mas)]);
		cursor_line(mas, op, a, b, out, n);
	}
#else
	(void)cursor;
	(void)bn;
	snprintf(out, n, "err unsupported");
#endif
}
