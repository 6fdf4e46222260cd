// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * maple-runner: the kernel's lib/maple_tree.c behind maple-check's line protocol.
 *   maple-runner [--guard] [--echo] [--timeout-ms N] < trace
 * One result line per operation on stdout, flushed; everything the kernel code prints goes
 * to stderr.
 */
#include "runner.h"
#include "crash.h"
#include "line-reader.h"
#include "rcu-defer.h"
#include "watchdog.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define MC_EXIT_USAGE 2
#define MC_DEFAULT_TIMEOUT_MS 2000

static struct mc_runner runner;

static int usage(const char *why)
{
	fprintf(stderr, "maple-runner: %s\nusage: maple-runner [--guard] [--echo] "
		"[--timeout-ms N] < trace\n", why);
	return MC_EXIT_USAGE;
}

static bool parse_ms(const char *s, unsigned int *ms)
{
	char *end;
	unsigned long v;

	if (!s || !*s || *s == '-')
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v > 24UL * 3600 * 1000)
		return false;
	*ms = (unsigned int)v;
	return true;
}

static void write_all(int fd, const char *s, size_t n)
{
	ssize_t w;

	while (n) {
		w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			exit(MC_EXIT_CRASH);
		s += w;
		n -= (size_t)w;
	}
}

/*
 * The protocol keeps the real stdout to itself; fd 1 becomes stderr, so the kernel's
 * printf output (mt_dump, check reports) can never mix with results.
 */
static int take_stdout(void)
{
	int fd = dup(STDOUT_FILENO);

	if (fd < 0 || dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
		perror("maple-runner: stdout");
		exit(MC_EXIT_USAGE);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	return fd;
}

int main(int argc, char **argv)
{
	unsigned int timeout_ms = MC_DEFAULT_TIMEOUT_MS;
	struct mc_text out = { NULL, 0, 0 };
	struct mc_text pending = { NULL, 0, 0 };
	struct mc_line_reader in = { STDIN_FILENO, NULL, 0, 0, 0 };
	char *line;
	int proto, i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--guard") == 0)
			runner.guard = true;
		else if (strcmp(argv[i], "--echo") == 0)
			runner.echo = true;
		else if (strcmp(argv[i], "--timeout-ms") == 0) {
			if (i + 1 >= argc || !parse_ms(argv[++i], &timeout_ms))
				return usage("--timeout-ms needs milliseconds (0: none)");
		} else {
			return usage("unknown option");
		}
	}
	proto = take_stdout();
	mc_crash_init(proto, &pending);
	mc_watchdog_init(timeout_ms);
	rcu_register_thread();
	maple_tree_init();
	mt_init_flags(&runner.tree, 0);
	mc_runner_init(&runner, 0);

	/*
	 * Results wait in `pending` while more lines of the same request are buffered, and go out
	 * in one write before the runner would block for input (a crash writes them first too).
	 */
	while ((line = mc_line_next(&in))) {
		/* A line ends at its newline, or at a NUL byte before it. */
		if (mc_run_line(&runner, line, &out)) {
			mc_text_char(&out, '\n');
			mc_text_putn(&pending, out.buf, out.len);
		}
		if (pending.len && !mc_line_buffered(&in)) {
			write_all(proto, pending.buf, pending.len);
			mc_text_clear(&pending);
		}
	}
	if (pending.len)
		write_all(proto, pending.buf, pending.len);
	mc_crash_input_done();
	mtree_destroy(&runner.tree);
	mc_rcu_drain();
	rcu_unregister_thread();
	free(in.buf);
	free(out.buf);
	free(pending.buf);
	return 0;
}
