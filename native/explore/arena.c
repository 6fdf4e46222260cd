// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The arena and the node allocator (arena.h). The allocator keeps the harness's contract:
 * an allocation without __GFP_DIRECT_RECLAIM fails unless kmem_cache_set_non_kernel allowed
 * it (the tree then retries with GFP_KERNEL), and a freed node is poisoned with
 * POISON_FREE. Its state lives in the arena's header page, so a snapshot includes it.
 */
#include "arena.h"
#include "kernel-ops.h"
#include "record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define MX_POISON_FREE 0x6b

struct kmem_cache {
	unsigned int size;
	unsigned int align;
	unsigned int non_kernel;
	void (*ctor)(void *);
};

/* The allocator's state, after the tree struct in the header page. */
struct alloc_state {
	unsigned long next;		/* bump index */
	unsigned long free_head;	/* 1 + index of the first reusable node, 0: none */
	unsigned long allocated;	/* live nodes */
};

#define TREE_BYTES 256UL
#define STATE ((struct alloc_state *)(MX_ARENA_BASE + TREE_BYTES))
/* The part of the header page in use: what a snapshot copies of it. */
#define HEADER_USED (TREE_BYTES + sizeof(struct alloc_state))

static struct kmem_cache node_cache;
static bool mapped;
static unsigned char *snap;
static size_t snap_nodes;
bool mx_arena_no_reuse;

/* The explorer's two saved states: the tree the prefix built, and the writer's end state. */
struct saved {
	unsigned char *bytes;
	size_t nodes;	/* bytes of node memory */
	bool taken;
};
static struct saved saved[2];

static void *node_at(unsigned long i)
{
	return (void *)(MX_NODES_BASE + i * MX_NODE_SIZE);
}

void mx_arena_reset(void)
{
	if (!mapped) {
		void *p = mmap((void *)MX_ARENA_BASE, MX_ARENA_SIZE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE,
			       -1, 0);

		if (p != (void *)MX_ARENA_BASE) {
			perror("maple-explore-runner: mmap of the arena");
			exit(3);
		}
		mapped = true;
	}
	memset((void *)MX_ARENA_BASE, 0, MX_HEADER_SIZE + STATE->next * MX_NODE_SIZE);
	STATE->next = 0;
	STATE->free_head = 0;
	STATE->allocated = 0;
}

struct maple_tree *mx_arena_tree(void)
{
	return (struct maple_tree *)MX_ARENA_BASE;
}

unsigned long mx_arena_used(void)
{
	return STATE->next;
}

void mx_arena_snapshot(void)
{
	size_t nodes = STATE->next * MX_NODE_SIZE;

	free(snap);
	snap = malloc(HEADER_USED + nodes);
	if (!snap) {
		fprintf(stderr, "maple-explore-runner: out of memory for a snapshot\n");
		exit(3);
	}
	memcpy(snap, (void *)MX_ARENA_BASE, HEADER_USED);
	memcpy(snap + HEADER_USED, (void *)MX_NODES_BASE, nodes);
	snap_nodes = nodes;
}

bool mx_arena_restore(void)
{
	if (!snap)
		return false;
	/* Nodes handed out after the snapshot are zeroed again when they are reallocated. */
	memcpy((void *)MX_ARENA_BASE, snap, HEADER_USED);
	memcpy((void *)MX_NODES_BASE, snap + HEADER_USED, snap_nodes);
	return true;
}

static void save(struct saved *sv)
{
	size_t nodes = STATE->next * MX_NODE_SIZE;

	sv->bytes = realloc(sv->bytes, HEADER_USED + nodes);
	if (!sv->bytes) {
		fprintf(stderr, "maple-explore-runner: out of memory for a saved state\n");
		exit(3);
	}
	memcpy(sv->bytes, (void *)MX_ARENA_BASE, HEADER_USED);
	memcpy(sv->bytes + HEADER_USED, (void *)MX_NODES_BASE, nodes);
	sv->nodes = nodes;
	sv->taken = true;
}

static bool load(const struct saved *sv)
{
	if (!sv->taken)
		return false;
	memcpy((void *)MX_ARENA_BASE, sv->bytes, HEADER_USED);
	memcpy((void *)MX_NODES_BASE, sv->bytes + HEADER_USED, sv->nodes);
	return true;
}

void mx_arena_save_prefix(void)
{
	save(&saved[0]);
	saved[1].taken = false;
}

void mx_arena_save_final(void)
{
	save(&saved[1]);
}

bool mx_arena_restore_prefix(void)
{
	return load(&saved[0]);
}

bool mx_arena_restore_final(void)
{
	return load(&saved[1]);
}

size_t mx_arena_snapshot_bytes(void)
{
	return snap ? HEADER_USED + snap_nodes : 0;
}

static void *take_node(uintptr_t pc)
{
	unsigned long i;
	void *node;

	/* Reuse only outside recording (and the explorer's replays of the writer): in the log
	 * a node index names one node. */
	if (STATE->free_head && !mx_recording && !mx_arena_no_reuse) {
		i = STATE->free_head - 1;
		STATE->free_head = *(unsigned long *)node_at(i);
	} else {
		if (STATE->next == MX_MAX_NODES) {
			fprintf(stderr, "maple-explore-runner: the arena is full (%lu nodes)\n",
				MX_MAX_NODES);
			exit(3);
		}
		i = STATE->next++;
	}
	node = node_at(i);
	/* Fresh memory whatever the gfp: the same contents on every run. */
	memset(node, 0, MX_NODE_SIZE);
	STATE->allocated++;
	if (mx_recording) {
		mx_flush();
		mx_log_add(MX_EV_ALLOC, pc)->aux = (uint32_t)i;
	}
	return node;
}

static void give_node(void *p, uintptr_t pc)
{
	unsigned long i = mx_node_index(p);

	if (!mx_in_nodes(p) || (uintptr_t)p % MX_NODE_SIZE) {
		fprintf(stderr, "maple-explore-runner: kmem_cache_free of %p, not a node\n", p);
		abort();
	}
	STATE->allocated--;
	if (mx_recording) {
		int32_t block;
		unsigned int w;

		mx_flush();
		mx_log_add(MX_EV_FREE, pc)->aux = (uint32_t)i;
		block = mx_block_begin(MX_BLOCK_POISON, p, MX_NODE_SIZE, pc);
		for (w = 0; w < MX_NODE_SIZE / 8; w++) {
			uint64_t *word = (uint64_t *)p + w;
			uint64_t old = *word;

			*word = 0x6b6b6b6b6b6b6b6bULL;
			mx_store_now(word, 8, old, *word, MX_PLAIN, MX_RELAXED, pc);
		}
		mx_block_end(block);
		return;
	}
	memset(p, MX_POISON_FREE, MX_NODE_SIZE);
	*(unsigned long *)p = STATE->free_head;
	STATE->free_head = i + 1;
}

static bool may_allocate(struct kmem_cache *c, int gfp)
{
	if ((unsigned int)gfp & mx_gfp_direct_reclaim)
		return true;
	if (!c->non_kernel)
		return false;
	c->non_kernel--;
	return true;
}

/* ---- the harness's kmem_cache API, as maple_tree.c calls it ---- */

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     unsigned int flags, void (*ctor)(void *));
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     unsigned int flags, void (*ctor)(void *))
{
	(void)name;
	(void)flags;
	if (size != MX_NODE_SIZE) {
		fprintf(stderr, "maple-explore-runner: a %u-byte cache; nodes are %lu bytes\n",
			size, MX_NODE_SIZE);
		exit(3);
	}
	node_cache.size = size;
	node_cache.align = align;
	node_cache.ctor = ctor;
	return &node_cache;
}

struct list_lru;
void *kmem_cache_alloc_lru(struct kmem_cache *c, struct list_lru *lru, int gfp);
void *kmem_cache_alloc_lru(struct kmem_cache *c, struct list_lru *lru, int gfp)
{
	(void)lru;
	if (!may_allocate(c, gfp))
		return NULL;
	return take_node((uintptr_t)__builtin_return_address(0));
}

int kmem_cache_alloc_bulk(struct kmem_cache *c, int gfp, size_t size, void **list);
int kmem_cache_alloc_bulk(struct kmem_cache *c, int gfp, size_t size, void **list)
{
	uintptr_t pc = (uintptr_t)__builtin_return_address(0);
	size_t i;

	for (i = 0; i < size; i++) {
		if (!may_allocate(c, gfp))
			break;
		list[i] = take_node(pc);
	}
	if (i < size) {
		/* All or nothing, as the harness does. */
		while (i--)
			give_node(list[i], pc);
		return 0;
	}
	return (int)size;
}

void kmem_cache_free(struct kmem_cache *c, void *p);
void kmem_cache_free(struct kmem_cache *c, void *p)
{
	(void)c;
	give_node(p, (uintptr_t)__builtin_return_address(0));
}

void kmem_cache_free_bulk(struct kmem_cache *c, size_t size, void **list);
void kmem_cache_free_bulk(struct kmem_cache *c, size_t size, void **list)
{
	size_t i;

	(void)c;
	for (i = 0; i < size; i++)
		give_node(list[i], (uintptr_t)__builtin_return_address(0));
}

void kmem_cache_set_non_kernel(struct kmem_cache *c, unsigned int val);
void kmem_cache_set_non_kernel(struct kmem_cache *c, unsigned int val)
{
	c->non_kernel = val;
}
