// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * One input line to one result line, in the oracle's order: too many tokens, the cursor
 * guard (by name), the operation's name, its arguments, then the kernel call, the cursor
 * reset after a whole-tree write and the `!warn` suffix.
 */
#include "runner.h"
#include "parse.h"
#include "rcu-defer.h"
#include "watchdog.h"

#include <string.h>

const struct mc_op *const mc_protocol_ops[] = { mc_write_ops, mc_read_ops, mc_cursor_ops, NULL };
static const struct mc_op *const all_ops[] = {
	mc_write_ops, mc_read_ops, mc_cursor_ops, mc_ext_ops, NULL,
};

static const struct mc_op *lookup(const char *name)
{
	const struct mc_op *const *table;
	const struct mc_op *op;

	for (table = all_ops; *table; table++)
		for (op = *table; op->name; op++)
			if (strcmp(op->name, name) == 0)
				return op;
	return NULL;
}

static bool parse_args(const struct mc_op *op, const struct mc_line *line, struct mc_args *a)
{
	const char *p;
	int i = 1, n = 0, w = 0;
	uint64_t v;
	bool is_null;

	memset(a, 0, sizeof(*a));
	for (p = op->args; *p; p++) {
		if (*p == 'f') {
			if (i < line->ntok && !mc_parse_flags(line->tok[i++], &a->flags))
				return false;
			continue;
		}
		if (i >= line->ntok)
			return false;
		if (*p == 's') {
			a->word[w++] = line->tok[i++];
		} else if (*p == 'i') {
			if (!mc_parse_index(line->tok[i++], &v))
				return false;
			a->n[n++] = v;
		} else if (*p == 'z' && strcmp(line->tok[i], "zero") == 0) {
			i++;
			a->entry = XA_ZERO_ENTRY;
		} else {
			if (!mc_parse_value(line->tok[i++], &is_null, &v))
				return false;
			a->entry = is_null ? NULL : xa_mk_value(v);
		}
	}
	return i == line->ntok;
}

static void put_checks_suffix(struct mc_text *out)
{
	unsigned int fired = mc_checks_count();

	if (!fired)
		return;
	mc_text_put(out, " !warn=");
	mc_text_u64(out, fired);
	mc_text_put(out, " first=");
	mc_text_put(out, mc_checks_first());
}

static void run(struct mc_runner *r, const struct mc_line *line, struct mc_text *out)
{
	const char *name = line->tok[0];
	const struct mc_op *op;
	struct mc_args a;

	if (line->too_many) {
		mc_text_put(out, "err parse");
		return;
	}
	if (name[0] == 'm') {
		if (r->guard && mc_guard_refuses(r, name)) {
			mc_text_put(out, "err ub");
			return;
		}
		if (strcmp(name, "mstate") && strcmp(name, "mgap") && strcmp(name, "mrgap"))
			r->gap = MC_GAP_NONE;
	}
	op = lookup(name);
	if (!op) {
		mc_text_put(out, "err unknown-op");
		return;
	}
	if (!parse_args(op, line, &a)) {
		mc_text_put(out, "err parse");
		return;
	}
	if (!op->run) {
		mc_text_put(out, "err unsupported");
		return;
	}
	mc_checks_reset();
	mc_watchdog_arm();
	op->run(r, &a, out);
	if (op->kind & MC_OP_TREE_WRITE) {
		mas_reset(&r->mas);
		r->gap = MC_GAP_NONE;
	}
	/* The grace period ends here: RCU-mode frees belong to this operation. */
	mc_rcu_drain();
	mc_watchdog_disarm();
	if (!(op->kind & MC_OP_OWN_CHECKS))
		put_checks_suffix(out);
}

bool mc_run_line(struct mc_runner *r, const char *raw, struct mc_text *out)
{
	static char *scratch;
	static size_t scratch_size;
	size_t need = strlen(raw) + 1;
	struct mc_line line;

	if (need > scratch_size) {
		free(scratch);
		scratch_size = need * 2;
		scratch = malloc(scratch_size);
		if (!scratch)
			abort();
	}
	if (!mc_split_line(raw, scratch, &line))
		return false;
	mc_text_clear(out);
	if (r->echo) {
		mc_text_put(out, line.text);
		mc_text_put(out, " => ");
	}
	run(r, &line, out);
	return true;
}
