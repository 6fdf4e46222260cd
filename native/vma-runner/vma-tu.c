// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The one translation unit that holds the user's mm/vma.c, compiled through the kernel's own
 * userspace shim (tools/testing/vma/vma_internal.h), in the order the kernel's harness uses:
 * the shim first (its include guard is mm/vma_internal.h's, so mm/vma.c's own include of that
 * header is skipped), then mm/vma.h, then mm/vma.c. MM_VMA_H and MM_VMA_C are paths given by
 * the build. Everything below the include is maple-check's: a single mm and the operations
 * of vma-api.h, each the way the kernel's callers (mmap, mprotect, munmap) drive vma.c.
 */
#include "maple-shared.h"
#include "vma_internal.h"
#include "harness-extra.h"
#include MM_VMA_H

static bool fail_prealloc;

/* As the harness does: vma.c's preallocation, with a switch to fail it. */
#define vma_iter_prealloc(vmi, vma) \
	(fail_prealloc ? -ENOMEM : mas_preallocate(&(vmi)->mas, (vma), GFP_KERNEL))

#include MM_VMA_C

#include "vma-api.h"

/* The shared harness's allocator reads this switch; its test programs define it. */
__attribute__((weak)) int kmalloc_verbose;

const struct vm_operations_struct vma_dummy_vm_ops;
static struct task_struct current_task;

struct task_struct *get_current(void)
{
	return &current_task;
}

static struct mm_struct mm;

/*
 * The kernel's MM_MT_FLAGS without MT_FLAGS_USE_RCU: the mmap lock guards the tree, so the
 * tree never takes its own spinlock (mas_nomem leaves it alone). No RCU readers here, so
 * nodes are freed at once rather than through liburcu's call_rcu thread.
 */
#define MC_MM_MT_FLAGS (MT_FLAGS_ALLOC_RANGE | MT_FLAGS_LOCK_EXTERN)

static void to_mc(const struct vm_area_struct *v, struct mc_vma *out)
{
	out->start = v->vm_start;
	out->end = v->vm_end;
	out->flags = v->vm_flags;
	out->pgoff = v->vm_pgoff;
}

void mc_vma_setup(void)
{
	maple_tree_init();
	mt_init_flags(&mm.mm_mt, MC_MM_MT_FLAGS);
	/* vms_complete_munmap_vmas() accounts the unmap to current->mm. */
	current_task.mm = &mm;
}

void mc_mm_init(void)
{
	VMA_ITERATOR(vmi, &mm, 0);
	struct vm_area_struct *vma;

	for_each_vma(vmi, vma)
		vm_area_free(vma);
	mtree_destroy(&mm.mm_mt);
	memset(&mm, 0, sizeof(mm));
	mt_init_flags(&mm.mm_mt, MC_MM_MT_FLAGS);
	fail_prealloc = false;
}

/*
 * The counters mmap_region and mprotect_fixup keep (total_vm, data_vm, exec_vm, stack_vm):
 * do_vmi_munmap subtracts what it unmaps and warns when a counter would underflow.
 */
static void account(unsigned long flags, unsigned long start, unsigned long end, long sign)
{
	vm_stat_account(&mm, flags, sign * (long)((end - start) >> PAGE_SHIFT));
}

static bool range_empty(unsigned long start, unsigned long end)
{
	return find_vma_intersection(&mm, start, end) == NULL;
}

int mc_vma_link(unsigned long start, unsigned long end, unsigned long flags,
		unsigned long pgoff)
{
	struct vm_area_struct *vma;

	if (!range_empty(start, end))
		return -EEXIST;
	vma = vm_area_alloc(&mm);
	if (!vma)
		return -ENOMEM;
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_pgoff = pgoff;
	vma->__vm_flags = flags;
	if (vma_link(&mm, vma)) {
		vm_area_free(vma);
		return -ENOMEM;
	}
	account(flags, start, end, 1);
	return 0;
}

/* mprotect_fixup's use: the VMA holding [start, end) is split or merged, then given flags. */
int mc_modify_flags(unsigned long start, unsigned long end, unsigned long flags,
		    struct mc_vma *out)
{
	VMA_ITERATOR(vmi, &mm, start);
	struct vm_area_struct *vma, *prev;
	unsigned long old_flags;

	vma = vma_find(&vmi, end);
	if (!vma || vma->vm_start > start || vma->vm_end < end)
		return -EFAULT;
	old_flags = vma->vm_flags;
	/* As do_mprotect_pkey: prev is the VMA itself when the range starts inside it. */
	prev = start > vma->vm_start ? vma : vma_prev(&vmi);
	vma_iter_set(&vmi, start);
	vma = vma_modify_flags(&vmi, prev, vma, start, end, flags);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	vma->__vm_flags = flags;
	account(old_flags, start, end, -1);
	account(flags, start, end, 1);
	to_mc(vma, out);
	return 0;
}

/* The way mmap_region tries a new range against its neighbours before allocating a VMA. */
int mc_merge_new(unsigned long start, unsigned long end, unsigned long flags,
		 unsigned long pgoff, struct mc_vma *out)
{
	VMA_ITERATOR(vmi, &mm, start);
	VMG_STATE(vmg, &mm, &vmi, start, end, flags, pgoff);
	struct vm_area_struct *vma;

	if (!range_empty(start, end))
		return -EEXIST;
	vmg.next = vma_next(&vmi);
	vmg.prev = vma_prev(&vmi);
	vma_iter_next_range(&vmi);
	vma = vma_merge_new_range(&vmg);
	if (vma) {
		account(flags, start, end, 1);
		to_mc(vma, out);
		return 1;
	}
	return vmg.state == VMA_MERGE_ERROR_NOMEM ? -ENOMEM : 0;
}

/*
 * vma_expand() of the first VMA in [start, end) to that range. The rest of the range is
 * empty but for, possibly, the next VMA ending exactly at end, which is merged away (what
 * vma_expand does when asked; overwriting part of a VMA it does not handle: EINVAL).
 */
int mc_expand(unsigned long start, unsigned long end)
{
	VMA_ITERATOR(vmi, &mm, start);
	struct vm_area_struct *vma = vma_find(&vmi, end), *next;
	unsigned long pages;
	int err;

	if (!vma || vma->vm_start < start)
		return -EFAULT;
	if (vma->vm_pgoff < ((vma->vm_start - start) >> PAGE_SHIFT))
		return -EINVAL;
	next = vma_next(&vmi);
	if (next && next->vm_start < end && next->vm_end != end)
		return -EINVAL;
	if (next && next->vm_start >= end)
		next = NULL;
	pages = vma_pages(vma) + (next ? vma_pages(next) : 0);
	{
		VMG_STATE(vmg, &mm, &vmi, start, end, vma->vm_flags,
			  vma->vm_pgoff - ((vma->vm_start - start) >> PAGE_SHIFT));

		vmg.vma = vma;
		vmg.next = next;
		vma_iter_set(&vmi, start);
		err = vma_expand(&vmg);
	}
	if (!err)
		vm_stat_account(&mm, vma->vm_flags, (long)((end - start) >> PAGE_SHIFT) - (long)pages);
	return err;
}

/* [start, end) keeps one end of the VMA that holds start (vma_shrink's contract). */
int mc_shrink(unsigned long start, unsigned long end)
{
	VMA_ITERATOR(vmi, &mm, start);
	struct vm_area_struct *vma = vma_iter_load(&vmi);

	unsigned long old_start, old_end;
	int err;

	if (!vma || vma->vm_start > start || vma->vm_end < end)
		return -EFAULT;
	/* Exactly one end moves: vma_shrink warns otherwise. */
	if ((vma->vm_start == start) == (vma->vm_end == end))
		return -EINVAL;
	old_start = vma->vm_start;
	old_end = vma->vm_end;
	err = vma_shrink(&vmi, vma, start, end,
			 vma->vm_pgoff + ((start - vma->vm_start) >> PAGE_SHIFT));
	if (!err) {
		account(vma->vm_flags, old_start, start, -1);
		account(vma->vm_flags, end, old_end, -1);
	}
	return err;
}

int mc_split(unsigned long addr)
{
	VMA_ITERATOR(vmi, &mm, addr);
	struct vm_area_struct *vma = vma_iter_load(&vmi);

	if (!vma || vma->vm_start == addr)
		return -EFAULT;
	return split_vma(&vmi, vma, addr, 1);
}

int mc_munmap(unsigned long start, unsigned long end)
{
	VMA_ITERATOR(vmi, &mm, start);

	return do_vmi_munmap(&vmi, &mm, start, end - start, NULL, false);
}

int mc_find_vma(unsigned long addr, struct mc_vma *out)
{
	unsigned long index = addr;
	struct vm_area_struct *vma = mt_find(&mm.mm_mt, &index, ULONG_MAX);

	if (!vma)
		return 0;
	to_mc(vma, out);
	return 1;
}

int mc_find_vma_prev(unsigned long addr, struct mc_vma *out, struct mc_vma *prev_out)
{
	struct vm_area_struct *prev = NULL;
	struct vm_area_struct *vma = find_vma_prev(&mm, addr, &prev);
	int found = 0;

	if (vma) {
		to_mc(vma, out);
		found |= 1;
	}
	if (prev) {
		to_mc(prev, prev_out);
		found |= 2;
	}
	return found;
}

int mc_for_each_vma(void (*fn)(const struct mc_vma *, void *), void *arg)
{
	VMA_ITERATOR(vmi, &mm, 0);
	struct vm_area_struct *vma;
	struct mc_vma v;
	int n = 0;

	for_each_vma(vmi, vma) {
		to_mc(vma, &v);
		fn(&v, arg);
		n++;
	}
	return n;
}

/*
 * validate_mm's checks (mm/vma.c builds them only with CONFIG_DEBUG_VM_MAPLE_TREE, which
 * needs more of the kernel than the shim has): the tree's own invariants, every VMA stored
 * at exactly its range, in order and non-empty, and map_count equal to the VMAs found.
 */
const char *mc_validate(void)
{
	VMA_ITERATOR(vmi, &mm, 0);
	struct vm_area_struct *vma;
	unsigned long last_end = 0, pages = 0;
	int n = 0;

	mt_validate(&mm.mm_mt);
	for_each_vma(vmi, vma) {
		if (vma->vm_start >= vma->vm_end || vma->vm_start < last_end) {
			fprintf(stderr, "vma-runner: vma %lx-%lx after end %lx\n",
				vma->vm_start, vma->vm_end, last_end);
			return "order";
		}
		if (vma_iter_addr(&vmi) != vma->vm_start || vma_iter_end(&vmi) != vma->vm_end) {
			fprintf(stderr, "vma-runner: vma %lx-%lx stored at %lx-%lx\n",
				vma->vm_start, vma->vm_end, vma_iter_addr(&vmi),
				vma_iter_end(&vmi));
			return "range";
		}
		if (vma->vm_mm != &mm)
			return "mm";
		last_end = vma->vm_end;
		pages += vma_pages(vma);
		n++;
	}
	if (n != mm.map_count) {
		fprintf(stderr, "vma-runner: map_count %d, %d vmas\n", mm.map_count, n);
		return "map_count";
	}
	if (pages != mm.total_vm) {
		fprintf(stderr, "vma-runner: total_vm %lu, %lu pages in vmas\n", mm.total_vm, pages);
		return "total_vm";
	}
	return NULL;
}

void mc_fail_prealloc(bool on)
{
	fail_prealloc = on;
}
