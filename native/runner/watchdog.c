// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The watchdog (watchdog.h). SIGALRM ticks every quarter of the timeout; an operation seen
 * running for more than four ticks (the timeout to 1.25 times it) is a hang. The tick runs
 * in the runner's thread, so the crash report shows where the operation was stuck.
 */
#include "watchdog.h"
#include "crash.h"

#include <signal.h>
#include <string.h>
#include <sys/time.h>

#define MC_TICKS_PER_TIMEOUT 4

static unsigned int timeout;
static volatile sig_atomic_t running;	/* an operation is between arm and disarm */
static volatile sig_atomic_t generation; /* bumped by each arm */
static sig_atomic_t seen_generation, ticks;

static void on_tick(int sig)
{
	(void)sig;
	if (!running) {
		ticks = 0;
		return;
	}
	if (seen_generation != generation) {
		seen_generation = generation;
		ticks = 0;
	}
	if (++ticks > MC_TICKS_PER_TIMEOUT)
		mc_crash("hang");
}

void mc_watchdog_init(unsigned int timeout_ms)
{
	unsigned int period_us;
	struct sigaction sa;
	struct itimerval t;

	timeout = timeout_ms;
	if (!timeout)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_tick;
	/* getline and write restart; the kernel code never sees the tick. */
	sa.sa_flags = SA_RESTART | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	period_us = timeout * 1000u / MC_TICKS_PER_TIMEOUT;
	if (!period_us)
		period_us = 1;
	memset(&t, 0, sizeof(t));
	t.it_interval.tv_sec = period_us / 1000000;
	t.it_interval.tv_usec = period_us % 1000000;
	t.it_value = t.it_interval;
	setitimer(ITIMER_REAL, &t, NULL);
}

void mc_watchdog_arm(void)
{
	generation = generation + 1;
	running = 1;
}

void mc_watchdog_disarm(void)
{
	running = 0;
}
