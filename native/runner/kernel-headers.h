/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The harness headers (tools/testing) with the kernel's debug checks hooked: MT_BUG_ON,
 * MAS_WARN_ON, ..., WARN_ON report to checks.h and carry on, as a kernel built with
 * CONFIG_DEBUG_MAPLE_TREE prints and carries on (the harness's maple.c makes them
 * assert(0) instead). BUG_ON still aborts: that is a crash.
 */
#ifndef MC_KERNEL_HEADERS_H
#define MC_KERNEL_HEADERS_H

#include "checks.h"

/* The prologue of the harness's maple.c: the same configuration in every file. */
#define CONFIG_DEBUG_MAPLE_TREE
#define CONFIG_MAPLE_SEARCH
#define MAPLE_32BIT (MAPLE_NODE_SLOTS > 31)

#define MC_KERNEL_AT_LEAST(maj, min) \
	(MC_KERNEL_MAJOR > (maj) || (MC_KERNEL_MAJOR == (maj) && MC_KERNEL_MINOR >= (min)))

/*
 * Evaluates x once; when true, prints the kernel's line, records KIND:func:line and, for the
 * first check of an operation only (so stderr stays bounded), runs the kernel's dump.
 */
#define MC_DEBUG_CHECK(kind, dump, x) ({					\
	int __mc_ret = !!(x);							\
	if (__builtin_expect(__mc_ret, 0)) {					\
		fprintf(stderr, kind " at %s:%d (%u)\n", __func__, __LINE__,	\
			__mc_ret);						\
		if (mc_check_fired(kind, __func__, __LINE__))			\
			dump;							\
	}									\
	__builtin_expect(__mc_ret, 0);						\
})

/* Replaced before any header's inline function expands them. */
#include <stdio.h>
#include <asm/bug.h>
#undef WARN_ON
#define WARN_ON(x) MC_DEBUG_CHECK("WARN", (void)0, x)
/* Its one user before the redefinitions below is 6.12's __mas_set_range MAS_WARN_ON. */
#define dump_stack() ((void)mc_check_fired("WARN", __func__, __LINE__))

#pragma GCC diagnostic push
/* The harness headers' inline helpers trip -Wextra (not the kernel's warning set). */
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wtype-limits"
#include "test.h"
#include <stdlib.h>
#include "linux/init.h"
#include <linux/maple_tree.h>
#pragma GCC diagnostic pop

#if MC_KERNEL_AT_LEAST(6, 4)
#define MC_MT_DUMP(mt) mt_dump(mt, mt_dump_hex)
#else
#define MC_MT_DUMP(mt) mt_dump(mt)
#endif

#undef MT_BUG_ON
#define MT_BUG_ON(mt, x) do { (void)MC_DEBUG_CHECK("BUG", MC_MT_DUMP(mt), x); } while (0)

#ifdef MT_WARN_ON
#undef MT_WARN_ON
#define MT_WARN_ON(mt, x) MC_DEBUG_CHECK("WARN", MC_MT_DUMP(mt), x)
#endif

#ifdef MAS_BUG_ON
#undef MAS_BUG_ON
#define MAS_BUG_ON(mas, x) \
	do { (void)MC_DEBUG_CHECK("BUG", (mas_dump(mas), MC_MT_DUMP((mas)->tree)), x); } while (0)
#endif

#ifdef MAS_WARN_ON
#undef MAS_WARN_ON
#define MAS_WARN_ON(mas, x) MC_DEBUG_CHECK("WARN", (mas_dump(mas), MC_MT_DUMP((mas)->tree)), x)
#endif

#ifdef MAS_WR_BUG_ON
#undef MAS_WR_BUG_ON
#define MAS_WR_BUG_ON(wr, x)							\
	do {									\
		(void)MC_DEBUG_CHECK("BUG", (mas_wr_dump(wr), mas_dump((wr)->mas), \
					     MC_MT_DUMP((wr)->mas->tree)), x);	\
	} while (0)
#endif

#ifdef MAS_WR_WARN_ON
#undef MAS_WR_WARN_ON
#define MAS_WR_WARN_ON(wr, x)							\
	MC_DEBUG_CHECK("WARN", (mas_wr_dump(wr), mas_dump((wr)->mas),		\
				MC_MT_DUMP((wr)->mas->tree)), x)
#endif

#endif /* MC_KERNEL_HEADERS_H */
