/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The narrow seam between the protocol (main.c, our code, no kernel headers) and the one
 * translation unit that holds the kernel's mm/vma.c (vma-tu.c). Plain types only.
 */
#ifndef MC_VMA_API_H
#define MC_VMA_API_H

#include <stdbool.h>

struct mc_vma {
	unsigned long start, end, flags, pgoff;
};

/* Results: 0 or a negative errno (the kernel's). */
void mc_vma_setup(void);
void mc_mm_init(void);
int mc_vma_link(unsigned long start, unsigned long end, unsigned long flags,
		unsigned long pgoff);
int mc_modify_flags(unsigned long start, unsigned long end, unsigned long flags,
		    struct mc_vma *out);
/* 1: merged into *out; 0: no merge; < 0: error. */
int mc_merge_new(unsigned long start, unsigned long end, unsigned long flags,
		 unsigned long pgoff, struct mc_vma *out);
int mc_expand(unsigned long start, unsigned long end);
int mc_shrink(unsigned long start, unsigned long end);
int mc_split(unsigned long addr);
int mc_munmap(unsigned long start, unsigned long end);
/* 1 and *out when found, 0 when not. */
int mc_find_vma(unsigned long addr, struct mc_vma *out);
/* Bit 0: *vma found; bit 1: *prev found. */
int mc_find_vma_prev(unsigned long addr, struct mc_vma *vma, struct mc_vma *prev);
/* Calls fn for every VMA in address order; returns their count. */
int mc_for_each_vma(void (*fn)(const struct mc_vma *, void *), void *arg);
/* NULL when valid, else a static one-word reason; the detail goes to stderr. */
const char *mc_validate(void);
void mc_fail_prealloc(bool on);

#endif
