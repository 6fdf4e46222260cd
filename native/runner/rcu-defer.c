// SPDX-License-Identifier: GPL-2.0-or-later
/* The deferred RCU callbacks (rcu-defer.h): a FIFO drained after each operation. */
#include "rcu-defer.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

struct deferred {
	struct rcu_head *head;
	void (*func)(struct rcu_head *head);
};

static struct deferred *queue;
static size_t queued, capacity;

void mc_rcu_defer(struct rcu_head *head, void (*func)(struct rcu_head *head))
{
	if (queued == capacity) {
		capacity = capacity ? capacity * 2 : 64;
		queue = realloc(queue, capacity * sizeof(*queue));
		if (!queue) {
			fputs("maple-runner: out of memory\n", stderr);
			abort();
		}
	}
	queue[queued].head = head;
	queue[queued].func = func;
	queued++;
}

void mc_rcu_drain(void)
{
	size_t i;

	/* A callback may queue more; they run in this same pass. */
	for (i = 0; i < queued; i++)
		queue[i].func(queue[i].head);
	queued = 0;
	if (capacity > 4096) {
		free(queue);
		queue = NULL;
		capacity = 0;
	}
}
