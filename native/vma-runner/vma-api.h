/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The narrow seam between the protocol (main.c, our code, no kernel headers) and the one
 * translation unit that holds the kernel's mm/vma.c (vma-tu.c). Plain types only.
 */
#ifndef MC_VMA_API_H
#define MC_VMA_API_H

#include <stdbool.h>

/* The number of files a VMA may map (file numbers 1..MC_FILES; 0: anonymous memory). */
#define MC_FILES 64

/*
 * The stack-grows-up bit of the flags a caller passes: VM_ARCH_1, the kernel's VM_GROWSUP
 * on the architectures that have it (the shim has none); here both directions exist.
 */
#define MC_VM_GROWSUP 0x01000000UL

struct mc_vma {
	unsigned long start, end, flags, pgoff, file;
	/* anon: the anon_vma's number (0: none); close: file is a device (a close hook). */
	unsigned long anon;
	bool close;
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
/* do_mmap's mmap_region of [start, end); noreplace: -EEXIST when the range holds a VMA. */
int mc_mmap(unsigned long start, unsigned long end, unsigned long flags, unsigned long pgoff,
	    unsigned long file, bool noreplace, bool dev);
/* A write fault at addr: anon_vma_prepare on the VMA holding it; -EFAULT: none, or read-only. */
int mc_fault(unsigned long addr);
/* do_mprotect_pkey of [start, end) to the protection bits prot (VM_READ|VM_WRITE|VM_EXEC). */
int mc_mprotect(unsigned long start, unsigned long end, unsigned long prot);
/* The top-down unmapped-area search below task_end with a guard gap of gap bytes. */
int mc_unmapped_area(unsigned long len, unsigned long hint, unsigned long task_end,
		     unsigned long gap, unsigned long *out);
/* vma_lookup(): 1 and *out when a VMA holds addr. */
int mc_vma_lookup(unsigned long addr, struct mc_vma *out);

#endif
