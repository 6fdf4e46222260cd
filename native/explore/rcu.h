/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The driver's side of rcu.c: grace periods on demand. */
#ifndef MX_RCU_H
#define MX_RCU_H

#include "rcu-hooks.h"

/* Forgets queued callbacks (after an arena restore). */
void mx_rcu_reset(void);
/* Ends a grace period: runs every queued callback, each in its own segment. */
void mx_rcu_grace_periods(void);

#endif /* MX_RCU_H */
