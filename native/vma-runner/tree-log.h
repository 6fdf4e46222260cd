/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What mm/vma.c did to the mm's tree (tree-log.c): the seam to main.c, plain types only.
 */
#ifndef MC_TREE_LOG_H
#define MC_TREE_LOG_H

#include <stdio.h>

/*
 * Writes, on one line without its newline, every store mm/vma.c made to the mm's tree since
 * the last call, each with the VMAs it saw just before, then the mm's VMAs and the tree's
 * leaves now (README.md, `tree_log`); the log is then empty.
 */
void mc_tree_log_take(FILE *out);

/*
 * Puts the mm's tree in RCU mode (the kernel's MM_MT_FLAGS, MT_FLAGS_USE_RCU included): vma.c
 * then writes it as 6.12's mm does, and freed nodes go through liburcu's call_rcu.
 */
void mc_tree_log_set_rcu(void);

#endif
