/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What lib/maple_tree.c sees in the explore build: the harness headers (tools/testing), as a
 * production kernel configures them (no CONFIG_DEBUG_MAPLE_TREE: its checks would add reads
 * no real reader makes), with the concurrency primitives turned into things the runtime sees:
 *
 *   rcu_dereference        an atomic consume load   (__tsan_atomic64_load)
 *   rcu_assign_pointer     an atomic release store  (__tsan_atomic64_store)
 *   smp_wmb/rmb/mb         calls into the runtime (mx_fence): the harness makes them asm,
 *                          which -fsanitize=thread cannot see, and gcc's tsan does not
 *                          instrument __atomic_thread_fence (-Wtsan)
 *   rcu_read_(un)lock, call_rcu, synchronize_rcu, rcu_barrier
 *                          calls into the runtime (rcu.c): grace periods are the explorer's
 *
 * READ_ONCE/WRITE_ONCE stay volatile accesses (__tsan_volatile_*, with
 * --param tsan-distinguish-volatile=1). memcpy/memset/memmove are redirected after compiling
 * (objcopy --redefine-sym, see the build), so even the calls gcc makes up for struct copies
 * reach the word-by-word versions.
 */
#ifndef MX_KERNEL_PROLOGUE_H
#define MX_KERNEL_PROLOGUE_H

/*
 * The harness's configuration first: maple_tree.h sizes nodes by CONFIG_64BIT, which the
 * harness otherwise only gets through headers included later here.
 */
#include "generated/bit-length.h"
#if __has_include("generated/autoconf.h")
#include "generated/autoconf.h"
#endif

#define CONFIG_MAPLE_SEARCH
#define MAPLE_32BIT (MAPLE_NODE_SLOTS > 31)

#include "rcu-hooks.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wtype-limits"
#pragma GCC diagnostic ignored "-Wsign-compare"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
/* First, so that the inline helpers of maple_tree.h get the pointer overrides too. */
#include <linux/rcupdate.h>
#undef rcu_dereference
#define rcu_dereference(p) __atomic_load_n(&(p), __ATOMIC_CONSUME)
#undef rcu_assign_pointer
#define rcu_assign_pointer(p, v) __atomic_store_n(&(p), (v), __ATOMIC_RELEASE)
/* The harness's kernel.h defines its own (empty) one. */
#undef synchronize_rcu
#if __has_include("shared.h")
#include "shared.h"
#else
/* Before 6.3 the harness had no tools/testing/shared: its test.h is the prologue. */
#include "test.h"
#define module_init(x)
#define module_exit(x)
#define MODULE_AUTHOR(x)
#define MODULE_LICENSE(x)
#define MODULE_DESCRIPTION(x)
#endif
#include "linux/init.h"
#include <linux/maple_tree.h>
#include <linux/xarray.h>
#include <linux/types.h>
#include <linux/export.h>
#include <linux/slab.h>
#include <linux/limits.h>
#include <asm/barrier.h>
#pragma GCC diagnostic pop

#undef smp_wmb
#define smp_wmb() mx_fence(MX_FENCE_WMB)
#undef smp_rmb
#define smp_rmb() mx_fence(MX_FENCE_RMB)
#undef smp_mb
#define smp_mb() mx_fence(MX_FENCE_MB)

#undef rcu_read_lock
#define rcu_read_lock() mx_rcu_read_lock()
#undef rcu_read_unlock
#define rcu_read_unlock() mx_rcu_read_unlock()
#undef call_rcu
#define call_rcu(head, fn) mx_call_rcu((head), (fn))
#undef synchronize_rcu
#define synchronize_rcu() mx_synchronize_rcu()
#undef rcu_barrier
#define rcu_barrier() mx_rcu_barrier()

#endif /* MX_KERNEL_PROLOGUE_H */
