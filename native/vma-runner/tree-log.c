// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The writes mm/vma.c makes to the mm's maple tree, as it makes them. The link wraps the two
 * write entry points vma.c reaches in 6.12 (mm/vma.h: vma_iter_store and vma_iter_clear call
 * mas_store_prealloc; vma_iter_store_gfp and vma_iter_clear_gfp call mas_store_gfp) with
 * -Wl,--wrap, which sees only calls from another object: vma.c's calls, never the tree's own.
 * Stores into other trees (munmap's detach tree) are not logged.
 *
 * Each store is logged with the VMAs the tree holds just before it (and the VMA being stored,
 * when new): address, range and vm_lock_seq, which the harness's vma_start_write() bumps. From
 * them the checker learns which VMAs the writer had write-locked before each store, and that
 * no VMA's range changed while it was unlocked (lock_vma_under_rcu's range check relies on it).
 *
 * Each logged store is also replayed into a tree of our own with mtree_store_range(), as the
 * explore runner replays the log, and both trees' leaves are printed: equal leaves say the
 * replay builds the node layout vma.c's own stores built. The log assumes no `mm_init`.
 */
#include "maple-shared.h"
#include "vma_internal.h"

#include "tree-log.h"

void __real_mas_store_prealloc(struct ma_state *mas, void *entry);
int __real_mas_store_gfp(struct ma_state *mas, void *entry, gfp_t gfp);

static struct maple_tree replay;
static bool replay_ready;

static char *buf;
static size_t len, cap;

static void put(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void put(const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(buf ? buf + len : NULL, buf ? cap - len : 0, fmt, ap);
		va_end(ap);
		if (n >= 0 && buf && len + (size_t)n < cap)
			break;
		cap = cap ? 2 * cap + (size_t)n : 4096;
		buf = realloc(buf, cap);
		if (!buf)
			abort();
	}
	len += (size_t)n;
}

static struct maple_tree *mm_tree(void)
{
	return &get_current()->mm->mm_mt;
}

static void put_vma(const struct vm_area_struct *v)
{
	put(" v %#lx %lu %lu %u", (unsigned long)v, v->vm_start, v->vm_end, v->vm_lock_seq);
}

/* The VMAs in the mm's tree now, and @extra when it is a VMA the tree does not hold. */
static void put_vmas(const struct vm_area_struct *extra)
{
	MA_STATE(mas, mm_tree(), 0, 0);
	struct vm_area_struct *v;
	bool seen = false;

	mas_for_each(&mas, v, ULONG_MAX) {
		put_vma(v);
		seen |= v == extra;
	}
	if (extra && !seen)
		put_vma(extra);
}

static void put_store(const struct ma_state *mas, void *entry)
{
	if (len)
		put(" ; ");
	put("s %lu %lu %#lx", mas->index, mas->last, (unsigned long)entry);
	put_vmas(entry);
}

static void replay_store(const struct ma_state *mas, void *entry)
{
	if (!replay_ready) {
		mt_init_flags(&replay, mm_tree()->ma_flags & (MT_FLAGS_ALLOC_RANGE | MT_FLAGS_USE_RCU));
		replay_ready = true;
	}
	if (mtree_store_range(&replay, mas->index, mas->last, entry, GFP_KERNEL))
		put(" replay-failed");
}

void __wrap_mas_store_prealloc(struct ma_state *mas, void *entry)
{
	if (mas->tree == mm_tree())
		put_store(mas, entry);
	__real_mas_store_prealloc(mas, entry);
	if (mas->tree == mm_tree())
		replay_store(mas, entry);
}

int __wrap_mas_store_gfp(struct ma_state *mas, void *entry, gfp_t gfp)
{
	size_t mark = len;
	int ret;

	if (mas->tree == mm_tree())
		put_store(mas, entry);
	ret = __real_mas_store_gfp(mas, entry, gfp);
	if (ret)
		len = mark; /* nothing was stored */
	else if (mas->tree == mm_tree())
		replay_store(mas, entry);
	return ret;
}

/* The tree's leaves, each as MIN-MAX: its node layout, to compare with a replay. None when
 * the tree is empty or holds one entry at its root. */
static void put_leaves(struct maple_tree *mt, const char *tag)
{
	MA_STATE(mas, mt, 0, 0);
	unsigned long index = 0;

	for (;;) {
		mas_set(&mas, index);
		mas_walk(&mas);
		if (mas.status != ma_active)
			return;
		put(" %s %lu-%lu", tag, mas.min, mas.max);
		if (mas.max == ULONG_MAX)
			return;
		index = mas.max + 1;
	}
}

void mc_tree_log_set_rcu(void)
{
	mt_set_in_rcu(mm_tree());
}

void mc_tree_log_take(FILE *out)
{
	if (len)
		put(" ; ");
	put("e");
	rcu_read_lock();
	put_vmas(NULL);
	put_leaves(mm_tree(), "l");
	if (replay_ready)
		put_leaves(&replay, "r");
	rcu_read_unlock();
	fputs(buf, out);
	len = 0;
	buf[0] = '\0';
}
