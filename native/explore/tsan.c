// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The __tsan_* hooks gcc -fsanitize=thread puts in kernel-tu.c, implemented here instead of
 * by libtsan (not linked). Every hook but the atomics only logs: outside the arena, or while
 * not recording, it returns at once. The atomics also do the access (the compiler left it
 * to the runtime). __builtin_return_address(0) is the instrumented access's PC.
 *
 * While the explorer runs reader threads (mx_reader_mode), a load from the arena goes to
 * explore.c before it happens (which may write the chosen value into the word first), and a
 * store into the arena is a finding.
 */
#include "explore.h"
#include "record.h"

#include <string.h>

#define PC ((uintptr_t)__builtin_return_address(0))

static inline bool watched(const void *addr)
{
	return mx_recording && mx_in_arena(addr);
}

static inline void on_read(const void *addr, unsigned int size, enum mx_class cls, uintptr_t pc)
{
	if (__builtin_expect(mx_reader_mode != MX_READERS_OFF, 0) && mx_in_arena(addr)) {
		mx_ex_load(addr, size, cls, pc);
		return;
	}
	if (!watched(addr))
		return;
	mx_flush();
	if (mx_record_loads)
		mx_load_now(addr, size, mx_peek(addr, size), cls, MX_RELAXED, pc);
}

static inline void on_write(void *addr, unsigned int size, enum mx_class cls, uintptr_t pc)
{
	if (__builtin_expect(mx_reader_mode != MX_READERS_OFF, 0) && mx_in_arena(addr))
		mx_ex_store(addr, size, pc);
	if (watched(addr))
		mx_store_pending(addr, size, cls, pc);
}

void __tsan_init(void);
void __tsan_init(void)
{
}

#define PLAIN_HOOKS(n)								\
	void __tsan_read##n(void *addr);					\
	void __tsan_read##n(void *addr) { on_read(addr, n, MX_PLAIN, PC); }	\
	void __tsan_write##n(void *addr);					\
	void __tsan_write##n(void *addr) { on_write(addr, n, MX_PLAIN, PC); }	\
	void __tsan_unaligned_read##n(void *addr);				\
	void __tsan_unaligned_read##n(void *addr) { on_read(addr, n, MX_PLAIN, PC); } \
	void __tsan_unaligned_write##n(void *addr);				\
	void __tsan_unaligned_write##n(void *addr) { on_write(addr, n, MX_PLAIN, PC); } \
	void __tsan_volatile_read##n(void *addr);				\
	void __tsan_volatile_read##n(void *addr) { on_read(addr, n, MX_ONCE, PC); } \
	void __tsan_volatile_write##n(void *addr);				\
	void __tsan_volatile_write##n(void *addr) { on_write(addr, n, MX_ONCE, PC); }

PLAIN_HOOKS(1)
PLAIN_HOOKS(2)
PLAIN_HOOKS(4)
PLAIN_HOOKS(8)
PLAIN_HOOKS(16)

/* Aggregate copies gcc instruments as ranges (the copy itself is a redirected memcpy). */
void __tsan_read_range(void *addr, unsigned long size);
void __tsan_read_range(void *addr, unsigned long size)
{
	on_read(addr, (unsigned int)size, MX_PLAIN, PC);
}

unsigned long mx_range_writes;

void __tsan_write_range(void *addr, unsigned long size);
void __tsan_write_range(void *addr, unsigned long size)
{
	if (__builtin_expect(mx_reader_mode != MX_READERS_OFF, 0) && mx_in_arena(addr))
		mx_ex_store(addr, (unsigned int)size, PC);
	if (!watched(addr))
		return;
	/* Counted: an aggregate store into a node would be logged here and again by mx_memcpy. */
	mx_range_writes++;
	mx_store_pending(addr, (unsigned int)size, MX_PLAIN, PC);
}

#define ATOMIC_HOOKS(bits, type)						\
	type __tsan_atomic##bits##_load(const volatile type *a, int mo);	\
	type __tsan_atomic##bits##_load(const volatile type *a, int mo)	\
	{									\
		type v;								\
		if (__builtin_expect(mx_reader_mode != MX_READERS_OFF, 0) &&	\
		    mx_in_arena((const void *)a))				\
			mx_ex_load((const void *)a, sizeof(type), MX_ATOMIC, PC); \
		v = __atomic_load_n(a, __ATOMIC_SEQ_CST);			\
		if (watched((const void *)a)) {					\
			mx_flush();						\
			if (mx_record_loads)					\
				mx_load_now((const void *)a, sizeof(type), (uint64_t)v, \
					    MX_ATOMIC, (enum mx_order)mo, PC);	\
		}								\
		return v;							\
	}									\
	void __tsan_atomic##bits##_store(volatile type *a, type v, int mo);	\
	void __tsan_atomic##bits##_store(volatile type *a, type v, int mo)	\
	{									\
		if (__builtin_expect(mx_reader_mode != MX_READERS_OFF, 0) &&	\
		    mx_in_arena((const void *)a))				\
			mx_ex_store((void *)a, sizeof(type), PC);		\
		if (watched((const void *)a)) {					\
			uint64_t old = (uint64_t)*a;				\
			mx_flush();						\
			__atomic_store_n(a, v, __ATOMIC_SEQ_CST);		\
			mx_store_now((void *)a, sizeof(type), old, (uint64_t)v,	\
				     MX_ATOMIC, (enum mx_order)mo, PC);		\
			return;							\
		}								\
		__atomic_store_n(a, v, __ATOMIC_SEQ_CST);			\
	}

ATOMIC_HOOKS(8, uint8_t)
ATOMIC_HOOKS(16, uint16_t)
ATOMIC_HOOKS(32, uint32_t)
ATOMIC_HOOKS(64, uint64_t)
