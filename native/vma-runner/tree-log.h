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

#endif
