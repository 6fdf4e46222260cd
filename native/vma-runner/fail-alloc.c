// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * failalloc K (fail-alloc.h): the countdown, and the maple tree's node allocations caught on
 * their way from the tree (maple-shim.o) to the shared harness's slab (linux.o) with
 * `-Wl,--wrap=kmem_cache_alloc_lru,--wrap=kmem_cache_alloc_bulk`. No kernel header: the
 * slab's types stay opaque here, and a refused bulk allocation is 0 objects, as the harness's.
 */
#include <stddef.h>

#include "fail-alloc.h"

struct kmem_cache;
struct list_lru;

static unsigned long countdown;
static bool hit;

void mc_fail_alloc_arm(unsigned long k)
{
	countdown = k;
	hit = false;
}

bool mc_fail_alloc_hit(void)
{
	return hit;
}

bool mc_alloc_fails(void)
{
	if (countdown == 0 || --countdown > 0)
		return false;
	hit = true;
	return true;
}

void *__real_kmem_cache_alloc_lru(struct kmem_cache *cachep, struct list_lru *lru, int gfp);
void *__wrap_kmem_cache_alloc_lru(struct kmem_cache *cachep, struct list_lru *lru, int gfp);
int __real_kmem_cache_alloc_bulk(struct kmem_cache *cachep, unsigned int gfp, size_t size,
				 void **p);
int __wrap_kmem_cache_alloc_bulk(struct kmem_cache *cachep, unsigned int gfp, size_t size,
				 void **p);

void *__wrap_kmem_cache_alloc_lru(struct kmem_cache *cachep, struct list_lru *lru, int gfp)
{
	return mc_alloc_fails() ? NULL : __real_kmem_cache_alloc_lru(cachep, lru, gfp);
}

int __wrap_kmem_cache_alloc_bulk(struct kmem_cache *cachep, unsigned int gfp, size_t size,
				 void **p)
{
	return mc_alloc_fails() ? 0 : __real_kmem_cache_alloc_bulk(cachep, gfp, size, p);
}
