/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel debug checks that fired during the current operation: how many, and the first
 * as KIND:func:line. debug-hooks.h reports to it; the dispatcher resets and reads it.
 */
#ifndef MC_CHECKS_H
#define MC_CHECKS_H

#include <stdbool.h>

/* Records one fired check; true for the first one since the last reset. */
bool mc_check_fired(const char *kind, const char *func, int line);
void mc_checks_reset(void);
unsigned int mc_checks_count(void);
/* KIND:func:line of the first check since the reset, "" when none fired. */
const char *mc_checks_first(void);

#endif /* MC_CHECKS_H */
