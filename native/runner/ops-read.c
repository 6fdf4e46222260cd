// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Whole-tree reads: the mtree_* lookups, and walks, gap searches and dumps on a fresh
 * maple state each (never the persistent cursor).
 */
#include "runner.h"

static void put_range(struct mc_text *out, void *entry, unsigned long index, unsigned long last)
{
	mc_put_entry(out, entry);
	mc_text_char(out, ' ');
	mc_text_u64(out, index);
	mc_text_char(out, ' ');
	mc_text_u64(out, last);
}

static void op_load(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	mc_put_entry(out, mtree_load(&r->tree, a->n[0]));
}

/* mt_find, then a fresh mas_find for the entry's range: VALUE FIRST LAST NEWIDX */
static void op_find(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	unsigned long index = a->n[0];
	void *entry = mt_find(&r->tree, &index, a->n[1]);
	MA_STATE(mas, &r->tree, a->n[0], a->n[0]);
	void *again;

	if (!entry) {
		mc_text_put(out, "null");
		return;
	}
	rcu_read_lock();
	again = mas_find(&mas, a->n[1]);
	rcu_read_unlock();
	put_range(out, entry, mas.index, mas.last);
	mc_text_char(out, ' ');
	mc_text_u64(out, index);
	if (again != entry)
		mc_text_put(out, " !mismatch");
}

static void op_walk(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	MA_STATE(mas, &r->tree, a->n[0], a->n[0]);
	void *entry;

	rcu_read_lock();
	entry = mas_walk(&mas);
	rcu_read_unlock();
	put_range(out, entry, mas.index, mas.last);
}

/* next INDEX MAX / prev INDEX MIN from a fresh state at INDEX. */
static void step(struct mc_runner *r, const struct mc_args *a, struct mc_text *out, bool next)
{
	MA_STATE(mas, &r->tree, a->n[0], a->n[0]);
	void *entry;

	rcu_read_lock();
	entry = next ? mas_next(&mas, a->n[1]) : mas_prev(&mas, a->n[1]);
	rcu_read_unlock();
	if (entry)
		put_range(out, entry, mas.index, mas.last);
	else
		mc_text_put(out, "null");
}

static void op_next(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	step(r, a, out, true);
}

static void op_prev(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	step(r, a, out, false);
}

/* gap/rgap MIN MAX SIZE: mas_empty_area(_rev) on a fresh state, under the tree lock. */
static void search(struct mc_runner *r, const struct mc_args *a, struct mc_text *out, bool rev)
{
	MA_STATE(mas, &r->tree, 0, 0);
	int ret;

	mtree_lock(&r->tree);
	ret = rev ? mas_empty_area_rev(&mas, a->n[0], a->n[1], a->n[2])
		  : mas_empty_area(&mas, a->n[0], a->n[1], a->n[2]);
	mtree_unlock(&r->tree);
	if (ret) {
		mc_put_err(out, ret);
		return;
	}
	mc_text_u64(out, mas.index);
	mc_text_char(out, ' ');
	mc_text_u64(out, mas.last);
}

static void op_gap(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	search(r, a, out, false);
}

static void op_rgap(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	search(r, a, out, true);
}

static void put_bracketed(struct mc_text *out, unsigned long index, unsigned long last,
			  void *entry)
{
	mc_text_char(out, '[');
	mc_text_u64(out, index);
	mc_text_char(out, ',');
	mc_text_u64(out, last);
	mc_text_put(out, "]=");
	mc_put_entry(out, entry);
}

/* mas_for_each over [0, max]: [FIRST,LAST]=VALUE ... or `empty`. */
static void op_dump(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	MA_STATE(mas, &r->tree, 0, 0);
	void *entry;
	size_t start = out->len;

	(void)a;
	rcu_read_lock();
	mas_for_each(&mas, entry, ULONG_MAX) {
		if (out->len != start)
			mc_text_char(out, ' ');
		put_bracketed(out, mas.index, mas.last, entry);
	}
	rcu_read_unlock();
	if (out->len == start)
		mc_text_put(out, "empty");
}

struct ranges_line {
	struct mc_text *out;
	size_t start;
};

static void put_one_range(void *ctx, unsigned long index, unsigned long last, void *entry)
{
	struct ranges_line *line = ctx;

	if (line->out->len != line->start)
		mc_text_char(line->out, ' ');
	put_bracketed(line->out, index, last, entry);
}

static void op_ranges(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	struct ranges_line line = { out, out->len };

	(void)a;
	mc_ranges_each(&r->tree, put_one_range, &line);
}

static void op_nodes(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	(void)a;
	mc_put_nodes(out, &r->tree);
}

static void op_height(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	(void)a;
	mc_text_u64(out, mt_height(&r->tree));
}

static void op_empty(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	(void)a;
	mc_text_put(out, mtree_empty(&r->tree) ? "true" : "false");
}

static void op_flags(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	(void)a;
	mc_text_u64(out, r->tree.ma_flags);
}

/* valid, or invalid N first=KIND:func:line (the kernel's own report goes to stderr). */
static void op_validate(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	unsigned int fired = mc_validate(&r->tree);

	(void)a;
	if (!fired) {
		mc_text_put(out, "valid");
		return;
	}
	mc_text_put(out, "invalid ");
	mc_text_u64(out, fired);
	mc_text_put(out, " first=");
	mc_text_put(out, mc_checks_first());
}

static void op_version(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	(void)r;
	(void)a;
	mc_text_put(out, "linux-" MC_KERNEL_VERSION " maple-check-runner");
}

const struct mc_op mc_read_ops[] = {
	{ "load", "i", op_load, 0 },
	{ "find", "ii", op_find, 0 },
	{ "walk", "i", op_walk, 0 },
	{ "next", "ii", op_next, 0 },
	{ "prev", "ii", op_prev, 0 },
	{ "gap", "iii", op_gap, 0 },
	{ "rgap", "iii", op_rgap, 0 },
	{ "dump", "", op_dump, 0 },
	{ "ranges", "", op_ranges, 0 },
	{ "nodes", "", op_nodes, 0 },
	{ "height", "", op_height, 0 },
	{ "empty", "", op_empty, 0 },
	{ "flags", "", op_flags, 0 },
	{ "validate", "", op_validate, MC_OP_OWN_CHECKS },
	{ "version", "", op_version, 0 },
	{ NULL, NULL, NULL, 0 },
};
