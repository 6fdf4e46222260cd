// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The checker's extensions. Their names start with a dot, so they are never protocol
 * operations; they never print a `!warn` suffix and never touch the cursor (but .reset,
 * which is init).
 */
#include "runner.h"

/* FNV-1a over 32-bit halves, low half first (README.md, ".check"). */
#define MC_FNV_BASIS 2166136261u
#define MC_FNV_PRIME 16777619u

struct ranges_digest {
	unsigned long count;
	uint32_t hash;
};

static uint32_t fnv_word(uint32_t h, uint64_t w)
{
	h = (h ^ (uint32_t)w) * MC_FNV_PRIME;
	return (h ^ (uint32_t)(w >> 32)) * MC_FNV_PRIME;
}

static void digest_range(void *ctx, unsigned long index, unsigned long last, void *entry)
{
	struct ranges_digest *d = ctx;

	d->count++;
	d->hash = fnv_word(d->hash, index);
	d->hash = fnv_word(d->hash, last);
	d->hash = fnv_word(d->hash, (uintptr_t)entry);
}

/* HEIGHT COUNT FIRST NRANGES HASH */
static void op_check(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	struct ranges_digest d = { 0, MC_FNV_BASIS };
	unsigned int fired = mc_validate(&r->tree);

	(void)a;
	mc_text_u64(out, mt_height(&r->tree));
	mc_text_char(out, ' ');
	mc_text_u64(out, fired);
	mc_text_char(out, ' ');
	mc_text_put(out, fired ? mc_checks_first() : "-");
	mc_ranges_each(&r->tree, digest_range, &d);
	mc_text_char(out, ' ');
	mc_text_u64(out, d.count);
	mc_text_char(out, ' ');
	mc_text_u64(out, d.hash);
}

static void op_leaves(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	(void)a;
	mc_put_leaves(out, &r->tree);
}

static void op_allocated(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	(void)r;
	(void)a;
	mc_text_u64(out, mc_nodes_allocated());
}

/* Every protocol operation this kernel's runner supports. */
static void op_caps(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	const struct mc_op *const *table;
	const struct mc_op *op;
	size_t start = out->len;

	(void)r;
	(void)a;
	for (table = mc_protocol_ops; *table; table++) {
		for (op = *table; op->name; op++) {
			if (!op->run)
				continue;
			if (out->len != start)
				mc_text_char(out, ' ');
			mc_text_put(out, op->name);
		}
	}
}

static void op_reset(struct mc_runner *r, const struct mc_args *a, struct mc_text *out)
{
	(void)a;
	mc_runner_init(r, r->flags);
	mc_text_put(out, "ok");
}

const struct mc_op mc_ext_ops[] = {
	{ ".check", "", op_check, MC_OP_OWN_CHECKS },
	{ ".leaves", "", op_leaves, MC_OP_OWN_CHECKS },
	{ ".allocated", "", op_allocated, MC_OP_OWN_CHECKS },
	{ ".caps", "", op_caps, MC_OP_OWN_CHECKS },
	{ ".reset", "", op_reset, MC_OP_OWN_CHECKS },
	{ NULL, NULL, NULL, 0 },
};
