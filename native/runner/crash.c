// SPDX-License-Identifier: GPL-2.0-or-later
/* Crash reporting (crash.h): fatal-signal handlers and the sanitizers' hooks. */
#include "crash.h"
#include "text.h"

#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Big enough for the sanitizer's stack trace printer (and a stack overflow). */
#define MC_ALT_STACK_SIZE (256 * 1024)

static char alt_stack[MC_ALT_STACK_SIZE];
static int proto = -1;
static const struct mc_text *pending;
static atomic_bool crashed;
static atomic_bool input_done;

static void put_n(int fd, const char *s, size_t n)
{
	ssize_t w;

	while (n) {
		w = write(fd, s, n);
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

static void put(int fd, const char *s)
{
	put_n(fd, s, strlen(s));
}

/* Async-signal-safe; the first report wins. */
static void report(const char *reason)
{
	bool late = atomic_load(&input_done);

	if (atomic_exchange(&crashed, true))
		return;
	if (!late) {
		if (pending && pending->len)
			put_n(proto, pending->buf, pending->len);
		put(proto, "crash\n");
	}
	put(STDERR_FILENO, late ? "maple-runner: crash after the last operation: "
				: "maple-runner: crash: ");
	put(STDERR_FILENO, reason);
	put(STDERR_FILENO, "\n");
}

void mc_crash(const char *reason)
{
	report(reason);
	__sanitizer_print_stack_trace();
	_exit(MC_EXIT_CRASH);
}

static void on_signal(int sig)
{
	switch (sig) {
	case SIGSEGV:
		mc_crash("SIGSEGV");
	case SIGBUS:
		mc_crash("SIGBUS");
	case SIGFPE:
		mc_crash("SIGFPE");
	case SIGILL:
		mc_crash("SIGILL");
	default:
		/* BUG_ON and failed asserts end here. */
		mc_crash("SIGABRT");
	}
}

/* Runs after ASan printed its report; ASan then exits. */
static void on_asan_death(void)
{
	const char *what = __asan_get_report_description();
	char reason[128];

	snprintf(reason, sizeof(reason), "asan %s", what && *what ? what : "error");
	report(reason);
}

/* The runtime's description of the report being made (weak: older runtimes lack it). */
void __ubsan_get_current_report_data(const char **kind, const char **message,
				     const char **file, unsigned int *line,
				     unsigned int *column, char **address)
	__attribute__((weak));

/*
 * UBSan's hook for each report (all fatal with -fno-sanitize-recover); UBSan then prints it
 * and exits. The reason names the check, e.g. `ubsan null-pointer-use`.
 */
void __ubsan_on_report(void);
void __ubsan_on_report(void)
{
	const char *kind = NULL, *message, *file;
	unsigned int line, column;
	char *address, reason[128];

	if (__ubsan_get_current_report_data)
		__ubsan_get_current_report_data(&kind, &message, &file, &line, &column, &address);
	snprintf(reason, sizeof(reason), "ubsan%s%s", kind ? " " : "", kind ? kind : "");
	report(reason);
}

void mc_crash_init(int proto_fd, const struct mc_text *pending_results)
{
	pending = pending_results;
	static const int signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	struct sigaction sa;
	stack_t ss;
	size_t i;

	proto = proto_fd;
	ss.ss_sp = alt_stack;
	ss.ss_size = sizeof(alt_stack);
	ss.ss_flags = 0;
	sigaltstack(&ss, NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		sigaction(signals[i], &sa, NULL);
	__asan_set_death_callback(on_asan_death);
}

void mc_crash_input_done(void)
{
	atomic_store(&input_done, true);
}
