/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the kernel's userspace VMA harness (tools/testing/vma/vma_internal.h) lacks for the
 * mm/vma.c of the same tree. Included after vma_internal.h and before mm/vma.c.
 *
 * MC_NEED_VMA_CLOSE: stable backports (6.12.y) made mm/vma.c call vma_close(), an inline of
 * mm/internal.h that 6.12's harness never defined. The build sets it when vma_internal.h
 * does not mention vma_close. Semantics as the kernel's: run the close hook once, then
 * leave the VMA with the empty operations so no later hook runs on it.
 */
#ifndef MC_HARNESS_EXTRA_H
#define MC_HARNESS_EXTRA_H

#ifdef MC_NEED_VMA_CLOSE
static inline void vma_close(struct vm_area_struct *vma)
{
	if (vma->vm_ops && vma->vm_ops->close) {
		vma->vm_ops->close(vma);
		vma->vm_ops = &vma_dummy_vm_ops;
	}
}
#endif

#endif
