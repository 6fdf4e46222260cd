// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The log as text (print.h). Event lines:
 *
 *   store place=P size=N old=X new=X [word=X] class=plain|once|atomic [order=O] at=F:L via=F
 *         [block=B] [seg=S]        (word=: the whole aligned word after a store of < 8 bytes)
 *   load place=P size=N value=X class=... at=F:L via=F [block=B] [seg=S]
 *   fence kind=wmb|rmb|mb at=F:L via=F
 *   alloc node=I at=F:L via=F          free node=I at=F:L via=F [seg=S]
 *   call-rcu seg=S node=I fn=NAME at=F:L via=F        grace-period seg=S
 *   block-begin block=B kind=memcpy|memset|memmove|poison place=P bytes=N at=F:L via=F [seg=S]
 *   block-end block=B
 *   rcu-lock at=F:L via=F               rcu-unlock at=F:L via=F
 *   op-begin op=I                       op-end op=I result=R
 *
 * at= is the innermost (possibly inlined) function and line of the access, via= the function
 * it was compiled into.
 */
#include "print.h"
#include "kernel-ops.h"
#include "record.h"
#include "symbols.h"

#include <inttypes.h>

static const char *const class_names[] = { "plain", "once", "atomic" };
static const char *const order_names[] = { "relaxed", "consume", "acquire",
					   "release", "acq_rel", "seq_cst" };
static const char *const fence_names[] = { "wmb", "rmb", "mb" };
static const char *const block_names[] = { "memcpy", "memset", "memmove", "poison" };

void mx_put_place(FILE *out, uintptr_t addr)
{
	uintptr_t off = addr - MX_ARENA_BASE;

	if (mx_in_nodes((void *)addr))
		fprintf(out, "node:%lu:%lu", mx_node_index((void *)addr),
			(unsigned long)((addr - MX_NODES_BASE) % MX_NODE_SIZE));
	else if (off == mx_tree_root_offset)
		fputs("root", out);
	else if (off == mx_tree_flags_offset)
		fputs("flags", out);
	else
		fprintf(out, "tree:%lu", (unsigned long)off);
}

void mx_put_at(FILE *out, uintptr_t pc)
{
	const struct mx_place *p = mx_place_of(pc);

	fprintf(out, " at=%s:%d via=%s", p->func, p->line, p->outer);
}

static void put_tail(FILE *out, const struct mx_event *e)
{
	if (e->block >= 0 && e->kind != MX_EV_BLOCK_BEGIN)
		fprintf(out, " block=%d", e->block);
	if (e->segment >= 0)
		fprintf(out, " seg=%d", e->segment);
	fputc('\n', out);
}

static void put_access(FILE *out, const struct mx_event *e)
{
	fputs(e->kind == MX_EV_STORE ? "store place=" : "load place=", out);
	mx_put_place(out, e->addr);
	fprintf(out, " size=%u", e->size);
	if (e->kind == MX_EV_STORE)
		fprintf(out, " old=0x%" PRIx64 " new=0x%" PRIx64, e->old, e->value);
	if (e->kind == MX_EV_STORE && e->size < 8)
		fprintf(out, " word=0x%" PRIx64, e->word);
	else
		fprintf(out, " value=0x%" PRIx64, e->value);
	fprintf(out, " class=%s", class_names[e->cls]);
	if (e->cls == MX_ATOMIC)
		fprintf(out, " order=%s", order_names[e->order]);
	mx_put_at(out, e->pc);
	put_tail(out, e);
}

static void put_event(FILE *out, const struct mx_event *e)
{
	switch (e->kind) {
	case MX_EV_STORE:
	case MX_EV_LOAD:
		put_access(out, e);
		return;
	case MX_EV_FENCE:
		fprintf(out, "fence kind=%s", fence_names[e->order]);
		mx_put_at(out, e->pc);
		break;
	case MX_EV_ALLOC:
	case MX_EV_FREE:
		fprintf(out, "%s node=%u", e->kind == MX_EV_ALLOC ? "alloc" : "free", e->aux);
		mx_put_at(out, e->pc);
		break;
	case MX_EV_CALL_RCU:
		fprintf(out, "call-rcu seg=%u node=%lu fn=%s", e->aux, mx_node_index((void *)e->addr),
			mx_function_at((uintptr_t)e->value));
		mx_put_at(out, e->pc);
		fputc('\n', out);
		return;
	case MX_EV_GRACE_PERIOD:
		fprintf(out, "grace-period seg=%u\n", e->aux);
		return;
	case MX_EV_BLOCK_BEGIN:
		fprintf(out, "block-begin block=%d kind=%s place=", e->block, block_names[e->order]);
		mx_put_place(out, e->addr);
		fprintf(out, " bytes=%u", e->aux);
		mx_put_at(out, e->pc);
		break;
	case MX_EV_BLOCK_END:
		fprintf(out, "block-end block=%d\n", e->block);
		return;
	case MX_EV_RCU_LOCK:
	case MX_EV_RCU_UNLOCK:
		fputs(e->kind == MX_EV_RCU_LOCK ? "rcu-lock" : "rcu-unlock", out);
		mx_put_at(out, e->pc);
		break;
	case MX_EV_OP_BEGIN:
		fprintf(out, "op-begin op=%u\n", e->aux);
		return;
	case MX_EV_OP_END:
		fprintf(out, "op-end op=%u result=%s\n", e->aux, mx_op_result(e->aux));
		return;
	}
	put_tail(out, e);
}

void mx_print_log(FILE *out)
{
	size_t i;

	fprintf(out, "arena base=0x%lx nodes=0x%lx node-size=%lu root-offset=%zu flags-offset=%zu\n",
		MX_ARENA_BASE, MX_NODES_BASE, MX_NODE_SIZE, mx_tree_root_offset,
		mx_tree_flags_offset);
	for (i = 0; i < mx_log.n; i++)
		put_event(out, &mx_log.ev[i]);
}
