// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Whole-tree writes: each goes through the mtree_* API with GFP_KERNEL, beside the cursor
 * (the dispatcher then mas_reset()s it), plus the tree's lifetime (init, destroy, rcu mode).
 */
#include "runner.h"
#include "parse.h"
#include "rcu-defer.h"

#include <string.h>

void mc_runner_init(struct mc_runner *r, unsigned int flags)
{
	MA_STATE(fresh, &r->tree, 0, 0);

	mtree_destroy(&r->tree);
	/* The old tree's RCU-mode frees run before the new tree exists. */
	mc_rcu_drain();
	mt_init_flags(&r->tree, flags);
	r->mas = fresh;
	r->flags = flags;
	r->cyclic_next = 0;
	r->gap = MC_GAP_NONE;
}

static void op_init(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	unsigned int flags = 0;

	if (a->flags & MC_INIT_ALLOC)
		flags |= MT_FLAGS_ALLOC_RANGE;
	if (a->flags & MC_INIT_RCU)
		flags |= MT_FLAGS_USE_RCU;
	mc_runner_init(r, flags);
	mc_text_put(out, "ok");
}

static void op_store(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	mc_put_status(out, mtree_store_range(&r->tree, a->n[0], a->n[1], a->entry, GFP_KERNEL));
}

static void op_insert(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	mc_put_status(out, mtree_insert_range(&r->tree, a->n[0], a->n[1], a->entry, GFP_KERNEL));
}

static void op_erase(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	mc_put_entry(out, mtree_erase(&r->tree, a->n[0]));
}

static void put_start(struct mc_text *out, int ret, unsigned long start)
{
	if (ret)
		mc_put_err(out, ret);
	else
		mc_text_u64(out, start);
}

/* alloc SIZE MIN MAX VALUE */
static void op_alloc(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	unsigned long start = 0;
	int ret = mtree_alloc_range(&r->tree, &start, a->entry, a->n[0], a->n[1], a->n[2],
				    GFP_KERNEL);

	put_start(out, ret, start);
}

static void op_ralloc(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	unsigned long start = 0;
	int ret = mtree_alloc_rrange(&r->tree, &start, a->entry, a->n[0], a->n[1], a->n[2],
				     GFP_KERNEL);

	put_start(out, ret, start);
}

#if MC_HAS_ALLOC_CYCLIC
/* cyclic MIN MAX VALUE -> START WRAPPED NEXT; the runner keeps NEXT until the next init. */
static void put_cyclic(struct mc_runner *r, const struct mc_args *a, struct mc_text *out,
		       gfp_t gfp)
{
	unsigned long start = 0;
	int ret = mtree_alloc_cyclic(&r->tree, &start, a->entry, a->n[0], a->n[1],
				     &r->cyclic_next, gfp);

	if (ret < 0) {
		mc_put_err(out, ret);
		return;
	}
	mc_text_u64(out, start);
	mc_text_char(out, ' ');
	mc_text_u64(out, (uint64_t)ret);
	mc_text_char(out, ' ');
	mc_text_u64(out, r->cyclic_next);
}

static void op_cyclic(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	put_cyclic(r, a, out, GFP_KERNEL);
}

/* GFP_NOWAIT, which the harness's slab refuses: -ENOMEM whenever the insert needs a node. */
static void op_cyclicnw(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	put_cyclic(r, a, out, GFP_NOWAIT);
}
#else
#define op_cyclic NULL
#define op_cyclicnw NULL
#endif

static void op_setrcu(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	(void)a;
	mt_set_in_rcu(&r->tree);
	mc_text_put(out, "ok");
}

static void op_clearrcu(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	(void)a;
	mt_clear_in_rcu(&r->tree);
	mc_text_put(out, "ok");
}

static void op_destroy(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	(void)a;
	mtree_destroy(&r->tree);
	mc_text_put(out, "ok");
}

/* Self-test of validate: clears a slot behind the tree's back. Not a cursor reset. */
static void op_corrupt(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	mc_put_status(out, mc_corrupt(&r->tree, a->n[0]));
}

/* A `poke` WORD: pivotN slotN gapN (N decimal, at most 255), end, metagap, parent. */
static bool parse_poke_word(const char *s, enum mc_poke_field *field, unsigned int *pos)
{
	static const struct { const char *name; enum mc_poke_field field; } numbered[] = {
		{ "pivot", MC_POKE_PIVOT }, { "slot", MC_POKE_SLOT }, { "gap", MC_POKE_GAP },
	};
	size_t k, len, digits;

	*pos = 0;
	if (!strcmp(s, "end") || !strcmp(s, "metagap") || !strcmp(s, "parent")) {
		*field = s[0] == 'e' ? MC_POKE_END : s[0] == 'm' ? MC_POKE_METAGAP : MC_POKE_PARENT;
		return true;
	}
	for (k = 0; k < sizeof(numbered) / sizeof(numbered[0]); k++) {
		len = strlen(numbered[k].name);
		if (strncmp(s, numbered[k].name, len))
			continue;
		for (digits = 0; s[len + digits] >= '0' && s[len + digits] <= '9'; digits++)
			*pos = *pos * 10 + (unsigned int)(s[len + digits] - '0');
		if (!digits || digits > 3 || s[len + digits] || *pos > 255)
			return false;
		*field = numbered[k].field;
		return true;
	}
	return false;
}

/* poke INDEX DEPTH WORD VALUE: overwrites one node word behind the tree's back (self-test). */
static void op_poke(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	enum mc_poke_field field;
	unsigned int pos;
	uint64_t v = 0;
	bool is_null = false;
	void *entry = NULL;

	if (!parse_poke_word(a->word[0], &field, &pos)) {
		mc_text_put(out, "err parse");
		return;
	}
	if (field == MC_POKE_PARENT && !strcmp(a->word[1], "self")) {
		field = MC_POKE_DEAD;
	} else if (field == MC_POKE_SLOT) {
		if (!mc_parse_value(a->word[1], &is_null, &v)) {
			mc_text_put(out, "err parse");
			return;
		}
		entry = is_null ? NULL : xa_mk_value(v);
	} else if (!mc_parse_index(a->word[1], &v) ||
		   ((field == MC_POKE_END || field == MC_POKE_METAGAP) && v > 255)) {
		mc_text_put(out, "err parse");
		return;
	}
	mc_put_status(out, mc_poke(&r->tree, a->n[0], a->n[1], field, pos, v, entry));
}

const struct mc_op mc_write_ops[] = {
	{ "init", "f", op_init, 0 },
	{ "store", "iiz", op_store, MC_OP_TREE_WRITE },
	{ "insert", "iiv", op_insert, MC_OP_TREE_WRITE },
	{ "erase", "i", op_erase, MC_OP_TREE_WRITE },
	{ "alloc", "iiiv", op_alloc, MC_OP_TREE_WRITE },
	{ "ralloc", "iiiv", op_ralloc, MC_OP_TREE_WRITE },
	{ "cyclic", "iiv", op_cyclic, MC_OP_TREE_WRITE },
	{ "cyclicnw", "iiv", op_cyclicnw, MC_OP_TREE_WRITE },
	{ "setrcu", "", op_setrcu, 0 },
	{ "clearrcu", "", op_clearrcu, 0 },
	{ "destroy", "", op_destroy, MC_OP_TREE_WRITE },
	{ "corrupt", "i", op_corrupt, 0 },
	{ "poke", "iiss", op_poke, 0 },
	{ NULL, NULL, NULL, 0 },
};
