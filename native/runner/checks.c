// SPDX-License-Identifier: GPL-2.0-or-later
/* The fired-check record (checks.h); a check may fire in liburcu's call_rcu thread too. */
#include "checks.h"

#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned int count;
static char first[192];

bool mc_check_fired(const char *kind, const char *func, int line)
{
	bool is_first;

	pthread_mutex_lock(&lock);
	is_first = count++ == 0;
	if (is_first)
		snprintf(first, sizeof(first), "%s:%s:%d", kind, func, line);
	pthread_mutex_unlock(&lock);
	return is_first;
}

void mc_checks_reset(void)
{
	pthread_mutex_lock(&lock);
	count = 0;
	first[0] = '\0';
	pthread_mutex_unlock(&lock);
}

unsigned int mc_checks_count(void)
{
	unsigned int n;

	pthread_mutex_lock(&lock);
	n = count;
	pthread_mutex_unlock(&lock);
	return n;
}

const char *mc_checks_first(void)
{
	return first;
}
