/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A crash of the kernel code (a fatal signal, an ASan or UBSan report, or the watchdog)
 * prints `crash` on the protocol's stdout, one reason line on stderr, and ends the process
 * with MC_EXIT_CRASH (the sanitizers exit with 1 themselves after their report).
 */
#ifndef MC_CRASH_H
#define MC_CRASH_H

#define MC_EXIT_CRASH 1

struct mc_text;

/*
 * Installs the handlers; @proto_fd is the protocol's output, @pending the results of the
 * request not written yet (a crash writes them before its `crash` line).
 */
void mc_crash_init(int proto_fd, const struct mc_text *pending);
/* Reports @reason, prints the stack and exits (async-signal context allowed). */
__attribute__((noreturn)) void mc_crash(const char *reason);
/* After the last input line: a later crash is reported on stderr only (no extra line). */
void mc_crash_input_done(void);

#endif /* MC_CRASH_H */
