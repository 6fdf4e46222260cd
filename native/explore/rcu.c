// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * RCU and barriers for the instrumented tree (rcu-hooks.h). Single-threaded: a read-side
 * section is only an event; call_rcu queues its callback, which runs when the driver ends a
 * grace period (mx_rcu_grace_periods), each callback in a segment of its own: the explorer
 * lets a segment run at any time after its grace period.
 */
#include "rcu.h"
#include "record.h"

#include <stdio.h>
#include <stdlib.h>

#define PC ((uintptr_t)__builtin_return_address(0))

/* The kernel's struct rcu_head, as call_rcu writes it. */
struct rcu_head {
	struct rcu_head *next;
	void (*func)(struct rcu_head *head);
};

struct queued {
	struct rcu_head *head;
	void (*fn)(struct rcu_head *);
	int32_t segment;
};

static struct queued *queue;
static size_t nqueued, cap;
static int32_t next_segment;

void mx_rcu_reset(void)
{
	nqueued = 0;
	next_segment = 0;
}

void mx_rcu_read_lock(void)
{
	if (mx_recording) {
		mx_flush();
		mx_log_add(MX_EV_RCU_LOCK, PC);
	}
}

void mx_rcu_read_unlock(void)
{
	if (mx_recording) {
		mx_flush();
		mx_log_add(MX_EV_RCU_UNLOCK, PC);
	}
}

/* A store the kernel's call_rcu makes into the rcu_head (node memory): logged as such. */
static void head_store(void *word, uint64_t value, uintptr_t pc)
{
	uint64_t old = *(uint64_t *)word;

	*(uint64_t *)word = value;
	if (mx_recording && mx_in_arena(word))
		mx_store_now(word, 8, old, value, MX_PLAIN, MX_RELAXED, pc);
}

void mx_call_rcu(struct rcu_head *head, void (*fn)(struct rcu_head *))
{
	uintptr_t pc = PC;
	struct queued *q;

	mx_flush();
	if (nqueued == cap) {
		cap = cap ? cap * 2 : 64;
		queue = realloc(queue, cap * sizeof(*queue));
		if (!queue) {
			fprintf(stderr, "maple-explore-runner: out of memory for call_rcu\n");
			exit(3);
		}
	}
	q = &queue[nqueued++];
	q->head = head;
	q->fn = fn;
	q->segment = mx_recording ? next_segment++ : -1;
	if (mx_recording) {
		struct mx_event *e = mx_log_add(MX_EV_CALL_RCU, pc);

		e->addr = (uintptr_t)head;
		e->value = (uintptr_t)fn;
		e->aux = (uint32_t)q->segment;
	}
	/* kernel/rcu/tree.c __call_rcu_common: head->func, then head->next; then the enqueue
	 * links the previous callback's next to this head. */
	head_store(&head->func, (uintptr_t)fn, pc);
	head_store(&head->next, 0, pc);
	if (nqueued > 1)
		head_store(&queue[nqueued - 2].head->next, (uintptr_t)head, pc);
}

void mx_rcu_grace_periods(void)
{
	size_t i;

	mx_flush();
	/* Callbacks may queue more callbacks: those run in the same pass. */
	for (i = 0; i < nqueued; i++) {
		struct queued q = queue[i];

		if (mx_recording) {
			mx_log_add(MX_EV_GRACE_PERIOD, 0)->aux = (uint32_t)q.segment;
			mx_cur_segment = q.segment;
		}
		q.fn(q.head);
		mx_flush();
		mx_cur_segment = -1;
	}
	nqueued = 0;
}

void mx_synchronize_rcu(void)
{
	mx_rcu_grace_periods();
}

void mx_rcu_barrier(void)
{
	mx_rcu_grace_periods();
}

void mx_fence(enum mx_fence_kind kind)
{
	uintptr_t pc = PC;

	if (!mx_recording)
		return;
	mx_flush();
	mx_log_add(MX_EV_FENCE, pc)->order = (uint8_t)kind;
}
