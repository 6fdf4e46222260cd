/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Allocation failure at the k-th call (failalloc K): every allocation the mm code makes while
 * armed is counted (vma_iter_prealloc, the VMA allocations, the maple tree's node allocations,
 * which fail-alloc.c catches with the linker's --wrap); the k-th answers as out of memory,
 * once. Plain types only: included by vma-tu.c and main.c alike.
 */
#ifndef MC_FAIL_ALLOC_H
#define MC_FAIL_ALLOC_H

#include <stdbool.h>

/* Arms the failure of the k-th allocation from now; 0 disarms. */
void mc_fail_alloc_arm(unsigned long k);
/* Whether the armed failure fired since it was armed. */
bool mc_fail_alloc_hit(void);
/* One allocation: true when this one must fail. */
bool mc_alloc_fails(void);

#endif
