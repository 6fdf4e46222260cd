/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The runner's state (one tree, one persistent cursor) and its operation tables: each
 * protocol operation is a name, an argument pattern and a function that writes the
 * result line.
 */
#ifndef MC_RUNNER_H
#define MC_RUNNER_H

#include "kernel-api.h"
#include "text.h"

/* After mgap/mrgap on the cursor: whether the search succeeded (the guard reads it). */
enum mc_gap_state { MC_GAP_NONE, MC_GAP_FOUND, MC_GAP_FAILED };

struct mc_runner {
	struct maple_tree tree;
	struct ma_state mas;		/* the persistent cursor */
	unsigned int flags;		/* MT flags of the last init */
	unsigned long cyclic_next;	/* mtree_alloc_cyclic's *next */
	enum mc_gap_state gap;
	bool guard;
	bool echo;
};

/* The arguments of one line, in pattern order: indices in n[], one VALUE, init flags. */
struct mc_args {
	unsigned long n[4];
	void *entry;
	const char *word[2];	/* s arguments, as typed: the operation parses them */
	unsigned int flags;
};

typedef void mc_op_fn(struct mc_runner *r, const struct mc_args *a, struct mc_text *out);

/* What the dispatcher does around an operation. */
#define MC_OP_TREE_WRITE 1u	/* a write beside the cursor: mas_reset it afterwards */
#define MC_OP_OWN_CHECKS 2u	/* reports fired checks itself: no `!warn` suffix */

struct mc_op {
	const char *name;
	/*
	 * One letter per argument: i index, v VALUE, z a VALUE or `zero` (XA_ZERO_ENTRY), f optional
	 * init flags, s a word.
	 */
	const char *args;
	mc_op_fn *run;		/* NULL: this kernel lacks the API (`err unsupported`) */
	unsigned int kind;
};

/*
 * NULL-terminated tables: whole-tree writes (ops-write.c), whole-tree reads (ops-read.c),
 * the cursor's (ops-cursor.c) and the dot extensions (ops-ext.c). mc_protocol_ops lists the
 * first three, in the protocol's order.
 */
extern const struct mc_op mc_write_ops[];
extern const struct mc_op mc_read_ops[];
extern const struct mc_op mc_cursor_ops[];
extern const struct mc_op mc_ext_ops[];
extern const struct mc_op *const mc_protocol_ops[];

/* guard.c: whether --guard refuses the cursor operation @name (before its arguments). */
bool mc_guard_refuses(const struct mc_runner *r, const char *name);

/* init's work: a fresh tree with @flags (MT_FLAGS_*), cursor and cyclic index. */
void mc_runner_init(struct mc_runner *r, unsigned int flags);
/* Runs one input line (no newline) and leaves its result line in @out; false if skipped. */
bool mc_run_line(struct mc_runner *r, const char *raw, struct mc_text *out);

/* mt_validate with the tree lock held; returns how many kernel checks fired. */
unsigned int mc_validate(struct maple_tree *mt);
/* Calls @fn for every slot range, NULL ones included, as repeated mas_walk from 0 finds them. */
typedef void mc_range_fn(void *ctx, unsigned long index, unsigned long last, void *entry);
void mc_ranges_each(struct maple_tree *mt, mc_range_fn *fn, void *ctx);
/* The `nodes` line; the `.leaves` line. */
void mc_put_nodes(struct mc_text *out, struct maple_tree *mt);
void mc_put_leaves(struct mc_text *out, struct maple_tree *mt);

/* Result formats shared by the operations (format.c). */
void mc_put_entry(struct mc_text *out, void *entry);
void mc_put_err(struct mc_text *out, int err);
void mc_put_status(struct mc_text *out, int err);
void mc_put_cursor(struct mc_text *out, const struct ma_state *mas, void *entry);

#endif /* MC_RUNNER_H */
