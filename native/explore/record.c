// SPDX-License-Identifier: GPL-2.0-or-later
/* The writer's log (record.h). */
#include "record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mx_log mx_log;
bool mx_recording;
bool mx_record_loads;
int32_t mx_cur_block = -1;
int32_t mx_cur_segment = -1;
static int32_t next_block;

/* A range store into the arena may be split into this many words at most. */
#define MAX_PENDING 64

struct pending {
	void *addr;
	unsigned int size;
	uint8_t cls;
	uint64_t old;
	uintptr_t pc;
};

static struct pending pending[MAX_PENDING];
static unsigned int npending;

void mx_log_reset(void)
{
	mx_log.n = 0;
	npending = 0;
	next_block = 0;
	mx_cur_block = -1;
	mx_cur_segment = -1;
}

struct mx_event *mx_log_add(enum mx_event_kind kind, uintptr_t pc)
{
	struct mx_event *e;

	if (mx_log.n == mx_log.cap) {
		mx_log.cap = mx_log.cap ? mx_log.cap * 2 : 4096;
		mx_log.ev = realloc(mx_log.ev, mx_log.cap * sizeof(*mx_log.ev));
		if (!mx_log.ev) {
			fprintf(stderr, "maple-explore-runner: out of memory for the log\n");
			exit(3);
		}
	}
	e = &mx_log.ev[mx_log.n++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->pc = pc;
	e->block = mx_cur_block;
	e->segment = mx_cur_segment;
	return e;
}

uint64_t mx_peek(const void *addr, unsigned int size)
{
	uint64_t v = 0;

	memcpy(&v, addr, size > 8 ? 8 : size);
	return v;
}

void mx_store_now(void *addr, unsigned int size, uint64_t old, uint64_t value,
		  enum mx_class cls, enum mx_order order, uintptr_t pc)
{
	struct mx_event *e = mx_log_add(MX_EV_STORE, pc);

	e->addr = (uintptr_t)addr;
	e->size = size;
	e->old = old;
	e->value = value;
	e->cls = cls;
	e->order = order;
	if (size < 8)
		e->word = *(uint64_t *)((uintptr_t)addr & ~(uintptr_t)7);
}

void mx_load_now(const void *addr, unsigned int size, uint64_t value, enum mx_class cls,
		 enum mx_order order, uintptr_t pc)
{
	struct mx_event *e = mx_log_add(MX_EV_LOAD, pc);

	e->addr = (uintptr_t)addr;
	e->size = size;
	e->value = value;
	e->cls = cls;
	e->order = order;
}

void mx_flush(void)
{
	unsigned int i;

	for (i = 0; i < npending; i++) {
		struct pending *p = &pending[i];

		mx_store_now(p->addr, p->size, p->old, mx_peek(p->addr, p->size), p->cls,
			     MX_RELAXED, p->pc);
	}
	npending = 0;
}

/* One store of at most 8 bytes within one word. */
static void pend(void *addr, unsigned int size, enum mx_class cls, uintptr_t pc)
{
	struct pending *p;

	if (npending == MAX_PENDING) {
		/* Flushing now would take values not yet stored. */
		fprintf(stderr, "maple-explore-runner: one store spans over %d words\n", MAX_PENDING);
		abort();
	}
	p = &pending[npending++];
	p->addr = addr;
	p->size = size;
	p->cls = cls;
	p->old = mx_peek(addr, size);
	p->pc = pc;
}

void mx_store_pending(void *addr, unsigned int size, enum mx_class cls, uintptr_t pc)
{
	uintptr_t a = (uintptr_t)addr, end = a + size;

	mx_flush();
	/* Split at word boundaries: the explorer's unit is the 8-byte word. */
	while (a < end) {
		uintptr_t next = (a | 7) + 1;

		if (next > end)
			next = end;
		pend((void *)a, (unsigned int)(next - a), cls, pc);
		a = next;
	}
}

int32_t mx_block_begin(enum mx_block_kind kind, void *dst, size_t bytes, uintptr_t pc)
{
	struct mx_event *e;

	mx_flush();
	e = mx_log_add(MX_EV_BLOCK_BEGIN, pc);
	e->order = kind;
	e->addr = (uintptr_t)dst;
	e->aux = (uint32_t)bytes;
	e->block = next_block;
	mx_cur_block = next_block;
	return next_block++;
}

void mx_block_end(int32_t block)
{
	struct mx_event *e;

	mx_flush();
	mx_cur_block = -1;
	e = mx_log_add(MX_EV_BLOCK_END, 0);
	e->block = block;
}
