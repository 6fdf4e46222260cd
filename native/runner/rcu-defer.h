/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RCU callbacks of the kernel code (call_rcu: the frees of replaced and destroyed nodes in
 * RCU mode) run at the end of the operation that queued them, in the runner's thread: a
 * grace period ends between any two operations, which is a schedule real RCU allows as no
 * reader outlives an operation here. A crash in a callback is thereby reported at the
 * operation that caused it, every run alike (liburcu's call_rcu thread would run it at a
 * random later moment, after a 10 ms batching pause).
 */
#ifndef MC_RCU_DEFER_H
#define MC_RCU_DEFER_H

struct rcu_head;

/* kernel-tu.c maps the kernel code's call_rcu here. */
void mc_rcu_defer(struct rcu_head *head, void (*func)(struct rcu_head *head));
/* Runs every queued callback, oldest first (including any they queue). */
void mc_rcu_drain(void);

#endif /* MC_RCU_DEFER_H */
