// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The cursor operations: one persistent struct ma_state, every call under the tree lock.
 * Iterators print VALUE|null INDEX LAST STATUS.
 */
#include "runner.h"

typedef void *mc_iter_fn(struct ma_state *mas, unsigned long limit);

static void iterate(struct mc_runner *r, mc_iter_fn *fn, unsigned long limit,
		    struct mc_text *out)
{
	void *entry;

	mtree_lock(&r->tree);
	entry = fn(&r->mas, limit);
	mtree_unlock(&r->tree);
	mc_put_cursor(out, &r->mas, entry);
}

#define MC_ITERATOR(op, fn)							\
	static void op(struct mc_runner *r, const struct mc_args *a,		\
		       struct mc_text *out)					\
	{									\
		iterate(r, fn, a->n[0], out);					\
	}

MC_ITERATOR(op_mnext, mas_next)
MC_ITERATOR(op_mprev, mas_prev)
MC_ITERATOR(op_mfind, mas_find)
MC_ITERATOR(op_mfindr, mas_find_rev)
#if MC_HAS_RANGE_ITERATORS
MC_ITERATOR(op_mnextr, mas_next_range)
MC_ITERATOR(op_mprevr, mas_prev_range)
MC_ITERATOR(op_mfindrange, mas_find_range)
MC_ITERATOR(op_mfindrangerev, mas_find_range_rev)
#else
#define op_mnextr NULL
#define op_mprevr NULL
#define op_mfindrange NULL
#define op_mfindrangerev NULL
#endif

static void op_mset(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	mtree_lock(&r->tree);
	mas_set(&r->mas, a->n[0]);
	mtree_unlock(&r->tree);
	mc_text_put(out, "ok");
}

/*
 * The one check the kernel does not make: mas_store_gfp with index > last writes a broken
 * node, so FIRST > LAST is refused as mtree_store_range refuses it.
 */
static void op_mrange(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	if (a->n[0] > a->n[1]) {
		mc_put_err(out, -EINVAL);
		return;
	}
	mtree_lock(&r->tree);
	mas_set_range(&r->mas, a->n[0], a->n[1]);
	mtree_unlock(&r->tree);
	mc_text_put(out, "ok");
}

static void op_mreset(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	(void)a;
	mtree_lock(&r->tree);
	mas_reset(&r->mas);
	mtree_unlock(&r->tree);
	mc_text_put(out, "ok");
}

static void op_mpause(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	(void)a;
	mtree_lock(&r->tree);
	mas_pause(&r->mas);
	mtree_unlock(&r->tree);
	mc_text_put(out, "ok");
}

/* INDEX LAST STATUS */
static void op_mstate(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	(void)a;
	mc_text_u64(out, r->mas.index);
	mc_text_char(out, ' ');
	mc_text_u64(out, r->mas.last);
	mc_text_char(out, ' ');
	mc_text_put(out, mc_status_names[mc_status(&r->mas)]);
}

static void op_mwalk(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	void *entry;

	(void)a;
	mtree_lock(&r->tree);
	entry = mas_walk(&r->mas);
	mtree_unlock(&r->tree);
	mc_put_cursor(out, &r->mas, entry);
}

static void op_mstore(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	int ret;

	mtree_lock(&r->tree);
	ret = mas_store_gfp(&r->mas, a->entry, GFP_KERNEL);
	mtree_unlock(&r->tree);
	mc_put_status(out, ret);
}

/* GFP_NOWAIT, which the harness's allocator refuses: -ENOMEM whenever the store needs a node. */
static void op_mstorenw(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	int ret;

	mtree_lock(&r->tree);
	ret = mas_store_gfp(&r->mas, a->entry, GFP_NOWAIT);
	mtree_unlock(&r->tree);
	mc_put_status(out, ret);
}

static void op_merase(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	void *entry;

	(void)a;
	mtree_lock(&r->tree);
	entry = mas_erase(&r->mas);
	mtree_unlock(&r->tree);
	mc_put_entry(out, entry);
}

/* mgap/mrgap MIN MAX SIZE on the cursor; the guard remembers whether it failed. */
static void search(struct mc_runner *r, const struct mc_args *a, struct mc_text *out, bool rev)
{
	int ret;

	mtree_lock(&r->tree);
	ret = rev ? mas_empty_area_rev(&r->mas, a->n[0], a->n[1], a->n[2])
		  : mas_empty_area(&r->mas, a->n[0], a->n[1], a->n[2]);
	mtree_unlock(&r->tree);
	r->gap = ret ? MC_GAP_FAILED : MC_GAP_FOUND;
	if (ret) {
		mc_put_err(out, ret);
		return;
	}
	mc_text_u64(out, r->mas.index);
	mc_text_char(out, ' ');
	mc_text_u64(out, r->mas.last);
}

static void op_mgap(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	search(r, a, out, false);
}

static void op_mrgap(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	search(r, a, out, true);
}

const struct mc_op mc_cursor_ops[] = {
	{ "mset", "i", op_mset, 0 },
	{ "mrange", "ii", op_mrange, 0 },
	{ "mreset", "", op_mreset, 0 },
	{ "mpause", "", op_mpause, 0 },
	{ "mstate", "", op_mstate, 0 },
	{ "mwalk", "", op_mwalk, 0 },
	{ "mnext", "i", op_mnext, 0 },
	{ "mprev", "i", op_mprev, 0 },
	{ "mnextr", "i", op_mnextr, 0 },
	{ "mprevr", "i", op_mprevr, 0 },
	{ "mfind", "i", op_mfind, 0 },
	{ "mfindr", "i", op_mfindr, 0 },
	{ "mfindrange", "i", op_mfindrange, 0 },
	{ "mfindrangerev", "i", op_mfindrangerev, 0 },
	{ "mstore", "v", op_mstore, 0 },
	{ "mstorenw", "v", op_mstorenw, 0 },
	{ "merase", "", op_merase, 0 },
	{ "mgap", "iii", op_mgap, 0 },
	{ "mrgap", "iii", op_mrgap, 0 },
	{ NULL, NULL, NULL, 0 },
};
