// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * memcpy, memset and memmove of the instrumented object (the build renames its calls to
 * these). gcc's tsan does not instrument them, and a 256-byte node copy done as one libc
 * call would be invisible: into the arena, while recording, they go word by word, each word
 * a logged store, the whole call one block (the explorer takes a block's stores in any order,
 * as a real memcpy promises none). Anything else goes to libc unchanged.
 */
#include "explore.h"
#include "record.h"

#include <string.h>

void *mx_memcpy(void *dst, const void *src, size_t n);
void *mx_memmove(void *dst, const void *src, size_t n);
void *mx_memset(void *dst, int c, size_t n);

/* Reads of node memory through a mem* call, when loads are logged: one per source word. */
static void log_source(const void *src, size_t n, uintptr_t pc)
{
	uintptr_t a = (uintptr_t)src, end = a + n;

	/* A reader copying node memory: every source word is a read of the explorer's. */
	if (mx_reader_mode != MX_READERS_OFF && mx_in_arena(src) && n > 0) {
		mx_ex_load(src, (unsigned int)n, MX_PLAIN, pc);
		return;
	}
	if (!mx_recording || !mx_record_loads || !mx_in_arena(src))
		return;
	mx_flush();
	while (a < end) {
		uintptr_t next = (a | 7) + 1 < end ? (a | 7) + 1 : end;

		mx_load_now((void *)a, (unsigned int)(next - a),
			    mx_peek((void *)a, (unsigned int)(next - a)), MX_PLAIN, MX_RELAXED, pc);
		a = next;
	}
}

/* The destination's word-bounded chunks, first to last or last to first. */
static void copy_words(enum mx_block_kind kind, unsigned char *dst, const unsigned char *src,
		       int c, size_t n, bool backward, uintptr_t pc)
{
	int32_t block = mx_block_begin(kind, dst, n, pc);
	uintptr_t start = (uintptr_t)dst, end = start + n;
	uintptr_t a = backward ? end : start;

	while (backward ? a > start : a < end) {
		uintptr_t lo, hi;
		uint64_t old;

		if (backward) {
			hi = a;
			lo = (hi - 1) & ~(uintptr_t)7;
			if (lo < start)
				lo = start;
			a = lo;
		} else {
			lo = a;
			hi = (lo | 7) + 1 < end ? (lo | 7) + 1 : end;
			a = hi;
		}
		old = mx_peek((void *)lo, (unsigned int)(hi - lo));
		if (src)
			memmove((void *)lo, src + (lo - start), hi - lo);
		else
			memset((void *)lo, c, hi - lo);
		mx_store_now((void *)lo, (unsigned int)(hi - lo), old,
			     mx_peek((void *)lo, (unsigned int)(hi - lo)), MX_PLAIN, MX_RELAXED, pc);
	}
	mx_block_end(block);
}

void *mx_memcpy(void *dst, const void *src, size_t n)
{
	uintptr_t pc = (uintptr_t)__builtin_return_address(0);

	log_source(src, n, pc);
	if (mx_reader_mode != MX_READERS_OFF && mx_in_arena(dst) && n > 0)
		mx_ex_store(dst, (unsigned int)n, pc);
	if (!mx_recording || !mx_in_arena(dst) || n == 0)
		return memcpy(dst, src, n);
	copy_words(MX_BLOCK_MEMCPY, dst, src, 0, n, false, pc);
	return dst;
}

void *mx_memmove(void *dst, const void *src, size_t n)
{
	uintptr_t pc = (uintptr_t)__builtin_return_address(0);

	log_source(src, n, pc);
	if (mx_reader_mode != MX_READERS_OFF && mx_in_arena(dst) && n > 0)
		mx_ex_store(dst, (unsigned int)n, pc);
	if (!mx_recording || !mx_in_arena(dst) || n == 0)
		return memmove(dst, src, n);
	/* Overlapping with the destination above: last word first, as memmove must. */
	copy_words(MX_BLOCK_MEMMOVE, dst, src, 0, n, (uintptr_t)dst > (uintptr_t)src, pc);
	return dst;
}

void *mx_memset(void *dst, int c, size_t n)
{
	uintptr_t pc = (uintptr_t)__builtin_return_address(0);

	if (mx_reader_mode != MX_READERS_OFF && mx_in_arena(dst) && n > 0)
		mx_ex_store(dst, (unsigned int)n, pc);
	if (!mx_recording || !mx_in_arena(dst) || n == 0)
		return memset(dst, c, n);
	copy_words(MX_BLOCK_MEMSET, dst, NULL, c, n, false, pc);
	return dst;
}
