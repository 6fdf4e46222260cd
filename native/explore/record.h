/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The writer's log: what happened to arena memory while recording is on, in program order.
 * The __tsan_* hooks run before their access, so a plain or WRITE_ONCE store is noted as
 * pending (address, old value) and completed with its new value at the next entry into the
 * runtime (mx_flush): a call to the hook is a compiler barrier, so the store has happened by
 * then. Atomics are done by the hooks themselves and logged at once.
 */
#ifndef MX_RECORD_H
#define MX_RECORD_H

#include "mx.h"

enum mx_event_kind {
	MX_EV_STORE,
	MX_EV_LOAD,
	MX_EV_FENCE,
	MX_EV_ALLOC,
	MX_EV_FREE,
	MX_EV_CALL_RCU,
	MX_EV_GRACE_PERIOD,
	MX_EV_BLOCK_BEGIN,
	MX_EV_BLOCK_END,
	MX_EV_RCU_LOCK,
	MX_EV_RCU_UNLOCK,
	MX_EV_OP_BEGIN,
	MX_EV_OP_END,
};

/* What a block of stores is: a redirected mem* call, or the allocator's poisoning. */
enum mx_block_kind { MX_BLOCK_MEMCPY, MX_BLOCK_MEMSET, MX_BLOCK_MEMMOVE, MX_BLOCK_POISON };

struct mx_event {
	uint8_t kind;		/* enum mx_event_kind */
	uint8_t cls;		/* enum mx_class (accesses) */
	uint8_t order;		/* enum mx_order (atomics), fence or block kind */
	uint8_t size;		/* bytes (accesses) */
	int32_t block;		/* the block a store is part of, or -1 */
	int32_t segment;	/* the grace-period segment it runs in, or -1 */
	uint32_t aux;		/* op index, node index, segment, block bytes */
	uintptr_t addr;
	uint64_t old;
	uint64_t value;		/* new value of a store, value of a load, callback of call_rcu */
	uint64_t word;		/* a store of < 8 bytes: its whole aligned word afterwards */
	uintptr_t pc;
};

struct mx_log {
	struct mx_event *ev;
	size_t n, cap;
};

extern struct mx_log mx_log;
/* Whether accesses are logged (record ... end); the prefix runs with it off. */
extern bool mx_recording;
/* Whether loads are logged too (off: only stores, which is all a writer log needs). */
extern bool mx_record_loads;
/* Aggregate (struct) stores into the arena seen by __tsan_write_range (none expected). */
extern unsigned long mx_range_writes;

void mx_log_reset(void);
struct mx_event *mx_log_add(enum mx_event_kind kind, uintptr_t pc);
/* The current block and segment (-1: none), stamped on every store. */
extern int32_t mx_cur_block;
extern int32_t mx_cur_segment;

/* Completes the pending stores: call on every entry into the runtime. */
void mx_flush(void);
/* A plain or WRITE_ONCE store about to happen: pending until the next mx_flush. */
void mx_store_pending(void *addr, unsigned int size, enum mx_class cls, uintptr_t pc);
/* A store whose new value is known (atomics, the runtime's own writes). */
void mx_store_now(void *addr, unsigned int size, uint64_t old, uint64_t value,
		  enum mx_class cls, enum mx_order order, uintptr_t pc);
void mx_load_now(const void *addr, unsigned int size, uint64_t value, enum mx_class cls,
		 enum mx_order order, uintptr_t pc);
/* Up to 8 bytes at @addr, zero-extended. */
uint64_t mx_peek(const void *addr, unsigned int size);

/* A block of stores (one mem* call, one poisoning): returns its index. */
int32_t mx_block_begin(enum mx_block_kind kind, void *dst, size_t bytes, uintptr_t pc);
void mx_block_end(int32_t block);

#endif /* MX_RECORD_H */
