/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The per-operation watchdog: an operation that runs longer than the timeout is a crash
 * with reason `hang`. A periodic timer checks it, so arming costs no system call.
 */
#ifndef MC_WATCHDOG_H
#define MC_WATCHDOG_H

/* @timeout_ms 0: no watchdog. */
void mc_watchdog_init(unsigned int timeout_ms);
void mc_watchdog_arm(void);
void mc_watchdog_disarm(void);

#endif /* MC_WATCHDOG_H */
