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

#include "fail-alloc.h"

static bool fail_prealloc;

/*
 * As the harness does: vma.c's preallocation, with a switch to fail it; and every
 * preallocation and VMA allocation counted by failalloc (fail-alloc.h).
 */
#define vma_iter_prealloc(vmi, vma) \
	((fail_prealloc || mc_alloc_fails()) ? -ENOMEM : \
	 mas_preallocate(&(vmi)->mas, (vma), GFP_KERNEL))

static inline struct vm_area_struct *mc_vm_area_alloc(struct mm_struct *mm)
{
	return mc_alloc_fails() ? NULL : vm_area_alloc(mm);
}

static inline struct vm_area_struct *mc_vm_area_dup(struct vm_area_struct *orig)
{
	return mc_alloc_fails() ? NULL : vm_area_dup(orig);
}

/*
 * The anon_vma_chain. The shim's anon_vma_clone copies the pointer and links nothing, so a
 * split VMA's chain would be empty and is_mergeable_anon_vma's list_is_singular() false,
 * unlike the kernel's. Here every VMA with an anon_vma has one link (no fork: always one),
 * made by anon_vma_clone and the fault's anon_vma_prepare, freed with the VMA; and
 * unlink_anon_vmas leaves the VMA without its anon_vma, as the kernel's does. The links are
 * not counted by failalloc.
 */
static void mc_chain_link(struct vm_area_struct *vma)
{
	struct anon_vma_chain *avc;

	if (!list_empty(&vma->anon_vma_chain))
		return;
	avc = calloc(1, sizeof(*avc));
	if (!avc)
		abort();
	avc->anon_vma = vma->anon_vma;
	list_add(&avc->same_vma, &vma->anon_vma_chain);
}

static void mc_chain_drop(struct vm_area_struct *vma)
{
	while (!list_empty(&vma->anon_vma_chain)) {
		struct list_head *n = vma->anon_vma_chain.next;

		list_del(n);
		free(container_of(n, struct anon_vma_chain, same_vma));
	}
}

static inline int mc_anon_vma_clone(struct vm_area_struct *dst, struct vm_area_struct *src)
{
	if (src->anon_vma) {
		dst->anon_vma = src->anon_vma;
		mc_chain_link(dst);
	}
	return 0;
}

static inline void mc_unlink_anon_vmas(struct vm_area_struct *vma)
{
	mc_chain_drop(vma);
	vma->anon_vma = NULL;
}

static inline void mc___vm_area_free(struct vm_area_struct *vma)
{
	mc_chain_drop(vma);
	__vm_area_free(vma);
}

static inline void mc_vm_area_free_chain(struct vm_area_struct *vma)
{
	mc_chain_drop(vma);
	vm_area_free(vma);
}

#define vm_area_alloc mc_vm_area_alloc
#define vm_area_dup mc_vm_area_dup
#define anon_vma_clone mc_anon_vma_clone
#define unlink_anon_vmas mc_unlink_anon_vmas
#define __vm_area_free mc___vm_area_free
#define vm_area_free mc_vm_area_free_chain

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
static struct vm_area_struct *first_vma_from(unsigned long addr);

/*
 * The kernel's MM_MT_FLAGS without MT_FLAGS_USE_RCU: the mmap lock guards the tree, so the
 * tree never takes its own spinlock (mas_nomem leaves it alone). No RCU readers here, so
 * nodes are freed at once rather than through liburcu's call_rcu thread.
 */
#define MC_MM_MT_FLAGS (MT_FLAGS_ALLOC_RANGE | MT_FLAGS_LOCK_EXTERN)

/*
 * The files a VMA may map, by number (1..MC_FILES; 0 is anonymous memory): one struct file
 * each, so vma.c's merge rule compares file identity as the kernel's does, and its own
 * address_space for the i_mmap locking of vma_prepare.
 */
static struct address_space mc_mappings[MC_FILES + 1];
static struct file mc_files[MC_FILES + 1];
/* Devices 1..MC_FILES: files of their own whose mmap sets vm_ops with a close hook. */
static struct address_space mc_dev_mappings[MC_FILES + 1];
static struct file mc_dev_files[MC_FILES + 1];
static unsigned long mc_closes;

/* A driver's close hook: it counts the VMAs it saw go (the kernel's drivers refcount). */
static void mc_close(struct vm_area_struct *vma)
{
	(void)vma;
	mc_closes++;
}

static const struct vm_operations_struct mc_close_ops = { .close = mc_close };

static struct file *mc_file(unsigned long n, bool dev)
{
	if (n == 0)
		return NULL;
	if (dev) {
		mc_dev_files[n].f_mapping = &mc_dev_mappings[n];
		return &mc_dev_files[n];
	}
	mc_files[n].f_mapping = &mc_mappings[n];
	return &mc_files[n];
}

/* The anon_vmas, numbered from 1 in the order the mm's write faults make them. */
#define MC_ANON_VMAS 4096
static struct anon_vma mc_anon_vmas[MC_ANON_VMAS + 1];
static unsigned long mc_anon_vma_count;

static void to_mc(const struct vm_area_struct *v, struct mc_vma *out)
{
	out->start = v->vm_start;
	out->end = v->vm_end;
	out->flags = v->vm_flags;
	out->pgoff = v->vm_pgoff;
	out->close = v->vm_file >= mc_dev_files && v->vm_file <= &mc_dev_files[MC_FILES];
	out->file = !v->vm_file ? 0 :
		    out->close ? (unsigned long)(v->vm_file - mc_dev_files) :
		    (unsigned long)(v->vm_file - mc_files);
	out->anon = v->anon_vma ? (unsigned long)(v->anon_vma - mc_anon_vmas) : 0;
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
	mc_fail_alloc_arm(0);
	mc_anon_vma_count = 0;
}

/*
 * A write fault's anon_vma_prepare (mm/rmap.c, not in the harness): the VMA holding addr
 * gets the anon_vma vma.c's find_mergeable_anon_vma finds in a neighbour, else a new one.
 */
int mc_fault(unsigned long addr)
{
	struct vm_area_struct *vma = vma_lookup(&mm, addr);
	struct anon_vma *av;

	if (!vma || !(vma->vm_flags & VM_WRITE))
		return -EFAULT;
	if (vma->anon_vma)
		return 0;
	av = find_mergeable_anon_vma(vma);
	if (!av) {
		if (mc_anon_vma_count == MC_ANON_VMAS)
			return -ENOMEM;
		av = &mc_anon_vmas[++mc_anon_vma_count];
		memset(av, 0, sizeof(*av));
		av->root = av;
	}
	vma->anon_vma = av;
	mc_chain_link(vma);
	return 0;
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
	struct vm_area_struct *vma = first_vma_from(addr);

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
		/* A VMA munmap detached and then put back must be attached again. */
		if (vma->detached) {
			fprintf(stderr, "vma-runner: vma %lx-%lx in the tree is marked detached\n",
				vma->vm_start, vma->vm_end);
			return "detached";
		}
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

/*
 * mmap_region as 6.12's mm/mmap.c drives vma.c (__mmap_region): what the range overlaps is
 * gathered into a side tree (vms_gather_munmap_vmas), the range is merged with its
 * neighbours (vma_merge_new_range) or a new VMA is stored over it, then what was gathered is
 * freed (vms_complete_munmap_vmas) or, on an error, put back (vms_abort_munmap_vmas).
 * The address checks of do_mmap are the caller's (the spec's TASK_SIZE is not the shim's).
 */
int mc_mmap(unsigned long start, unsigned long end, unsigned long flags, unsigned long pgoff,
	    unsigned long file_nr, bool noreplace, bool dev)
{
	VMA_ITERATOR(vmi, &mm, start);
	VMG_STATE(vmg, &mm, &vmi, start, end, flags, pgoff);
	struct vma_munmap_struct vms;
	struct ma_state mas_detach;
	struct maple_tree mt_detach;
	struct file *file = mc_file(file_nr, dev);
	struct vm_area_struct *vma;
	int err;

	if (noreplace && !range_empty(start, end))
		return -EEXIST;
	vmg.file = file;
	vma = vma_find(&vmi, end);
	init_vma_munmap(&vms, &vmi, vma, start, end, NULL, /* unlock = */ false);
	if (vma) {
		mt_init_flags(&mt_detach, vmi.mas.tree->ma_flags & MT_FLAGS_LOCK_MASK);
		mt_on_stack(mt_detach);
		mas_init(&mas_detach, &mt_detach, 0);
		err = vms_gather_munmap_vmas(&vms, &mas_detach);
		if (err)
			return err;
		vmg.next = vms.next;
		vmg.prev = vms.prev;
	} else {
		vmg.next = vma_iter_next_rewind(&vmi, &vmg.prev);
	}
	/* The new mapping owns the whole charge: what it replaces gives its charge back. */
	if (flags & VM_ACCOUNT)
		vms.nr_accounted = 0;
	vms_clean_up_area(&vms, &mas_detach);
	vma = vma_merge_new_range(&vmg);
	if (!vma) {
		vma = vm_area_alloc(&mm);
		if (!vma) {
			err = -ENOMEM;
			goto abort_munmap;
		}
		vma_iter_config(&vmi, start, end);
		vma_set_range(vma, start, end, pgoff);
		vma->__vm_flags = flags;
		if (vma_iter_prealloc(&vmi, vma)) {
			vm_area_free(vma);
			err = -ENOMEM;
			goto abort_munmap;
		}
		vma->vm_file = file;
		/* The device's mmap (call_mmap) sets its operations on a VMA of its own. */
		if (dev && file)
			vma->vm_ops = &mc_close_ops;
		vma_start_write(vma);
		vma_iter_store(&vmi, vma);
		mm.map_count++;
		vma_link_file(vma);
	}
	vms_complete_munmap_vmas(&vms, &mas_detach);
	account(flags, start, end, 1);
	return 0;

abort_munmap:
	vms_abort_munmap_vmas(&vms, &mas_detach);
	return err;
}

/*
 * do_mprotect_pkey's walk with mprotect_fixup: every VMA of [start, end) gets the new
 * protection bits over its part of the range through vma_modify_flags (split or merge); one
 * whose flags stay is left alone; a hole stops the walk with -ENOMEM after what is below it
 * changed. Making a private mapping writable charges it (VM_ACCOUNT); with
 * MC_MPROTECT_UNACCOUNT (set by the build when the tree's own mm/mprotect.c has that branch:
 * 6.12 has it, 6.1 not) making an anonymous one without an anon_vma unwritable gives the
 * charge back (VM_ACCOUNT cleared). The flags here carry no VM_MAY* bits, so the EACCES check
 * of the kernel has nothing to refuse.
 */
int mc_mprotect(unsigned long start, unsigned long end, unsigned long prot)
{
	VMA_ITERATOR(vmi, &mm, start);
	struct vm_area_struct *vma, *prev;
	unsigned long nstart = start, tmp;
	int err = 0;

	vma = vma_find(&vmi, end);
	if (!vma || vma->vm_start > start)
		return -ENOMEM;
	prev = vma_prev(&vmi);
	if (start > vma->vm_start)
		prev = vma;
	tmp = vma->vm_start;
	for_each_vma_range(vmi, vma, end) {
		unsigned long oldflags = vma->vm_flags;
		unsigned long newflags = (oldflags & ~(VM_READ | VM_WRITE | VM_EXEC)) | prot;

		if (vma->vm_start != tmp) {
			err = -ENOMEM;
			break;
		}
		tmp = vma->vm_end < end ? vma->vm_end : end;
		if (newflags == oldflags) {
			prev = vma;
		} else {
			if ((newflags & VM_WRITE) && !(oldflags & (VM_ACCOUNT | VM_WRITE)))
				newflags |= VM_ACCOUNT;
#ifdef MC_MPROTECT_UNACCOUNT
			/* vma_is_anonymous(): here a VMA of no file (ours keep the dummy vm_ops). */
			else if (!(newflags & VM_WRITE) && (oldflags & VM_ACCOUNT) &&
				 !vma->vm_file && !vma->anon_vma)
				newflags &= ~VM_ACCOUNT;
#endif
			vma = vma_modify_flags(&vmi, prev, vma, nstart, tmp, newflags);
			if (IS_ERR(vma)) {
				err = PTR_ERR(vma);
				break;
			}
			prev = vma;
			vma_start_write(vma);
			vma->__vm_flags = newflags;
			account(oldflags, nstart, tmp, -1);
			account(newflags, nstart, tmp, 1);
		}
		tmp = vma_iter_end(&vmi);
		nstart = tmp;
	}
	if (!err && tmp < end)
		err = -ENOMEM;
	return err;
}

/* find_vma(): the first VMA ending above addr. */
static struct vm_area_struct *first_vma_from(unsigned long addr)
{
	unsigned long index = addr;

	return mt_find(&mm.mm_mt, &index, ULONG_MAX);
}

/* vm_start_gap and vm_end_gap with the spec's guard gap and TASK_SIZE. */
static unsigned long start_gap(const struct vm_area_struct *v, unsigned long gap)
{
	if (!(v->vm_flags & VM_GROWSDOWN))
		return v->vm_start;
	return v->vm_start > gap ? v->vm_start - gap : 0;
}

static unsigned long end_gap(const struct vm_area_struct *v, unsigned long gap,
			     unsigned long task_end)
{
	if (!(v->vm_flags & MC_VM_GROWSUP))
		return v->vm_end;
	return v->vm_end + gap < task_end ? v->vm_end + gap : task_end;
}

/*
 * get_unmapped_area top-down (generic_get_unmapped_area_topdown, unmapped_area_topdown of
 * mm/mmap.c) on this mm's tree: the hint when it fits clear of its neighbours' guard gaps,
 * else the highest gap below task_end from the tree's own mas_empty_area_rev, searched again
 * lower while a neighbour's guard gap reaches into it. Both stack directions exist here, so
 * the VMA below is checked even when the one above has a start gap.
 */
int mc_unmapped_area(unsigned long len, unsigned long hint, unsigned long task_end,
		     unsigned long gap, unsigned long *out)
{
	unsigned long low = PAGE_SIZE, high = task_end;
	struct vm_area_struct *vma, *prev;

	if (len > task_end)
		return -ENOMEM;
	if (hint && task_end - len >= hint) {
		vma = find_vma_prev(&mm, hint, &prev);
		if ((!vma || hint + len <= start_gap(vma, gap)) &&
		    (!prev || hint >= end_gap(prev, gap, task_end))) {
			*out = hint;
			return 0;
		}
	}
	for (;;) {
		VMA_ITERATOR(vmi, &mm, 0);
		unsigned long gap_start, gap_end;

		if (high < low || high - low < len)
			return -ENOMEM;
		if (vma_iter_area_highest(&vmi, low, high, len))
			return -ENOMEM;
		gap_end = vma_iter_end(&vmi);
		gap_start = gap_end - len;
		vma = first_vma_from(gap_end);
		if (vma && start_gap(vma, gap) < gap_end) {
			high = start_gap(vma, gap);
			continue;
		}
		find_vma_prev(&mm, gap_start, &prev);
		if (prev && end_gap(prev, gap, task_end) > gap_start) {
			high = prev->vm_start;
			continue;
		}
		*out = gap_start;
		return 0;
	}
}

/* vma_lookup(): the VMA holding addr, as the lockless fault path's walk finds it. */
int mc_vma_lookup(unsigned long addr, struct mc_vma *out)
{
	struct vm_area_struct *vma = vma_lookup(&mm, addr);

	if (!vma)
		return 0;
	to_mc(vma, out);
	return 1;
}

void mc_fail_prealloc(bool on)
{
	fail_prealloc = on;
}
