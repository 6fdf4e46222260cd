/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The RCU and barriers of the explore build (rcu.c). Read-side sections and call_rcu become events of the
 * log; callbacks run when the driver says a grace period has ended, never on their own.
 */
#ifndef MX_RCU_HOOKS_H
#define MX_RCU_HOOKS_H

struct rcu_head;

void mx_rcu_read_lock(void);
void mx_rcu_read_unlock(void);
void mx_call_rcu(struct rcu_head *head, void (*fn)(struct rcu_head *));
void mx_synchronize_rcu(void);
void mx_rcu_barrier(void);

/* smp_wmb, smp_rmb, smp_mb: recorded with the caller's PC. */
enum mx_fence_kind { MX_FENCE_WMB, MX_FENCE_RMB, MX_FENCE_MB };
void mx_fence(enum mx_fence_kind kind);

#endif /* MX_RCU_HOOKS_H */
