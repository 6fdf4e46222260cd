// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vma-runner's line protocol (README.md): one operation a line on stdin, one answer a line
 * on stdout, flushed per line so a session can drive it line by line. This file holds no
 * kernel header: it speaks to mm/vma.c only through vma-api.h.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fail-alloc.h"
#include "tree-log.h"
#include "vma-api.h"

#ifndef MC_KERNEL_VERSION
#define MC_KERNEL_VERSION "0.0.0"
#endif

#define PAGE (4096UL)

/* The answers' stream: the real stdout, kept from the kernel code, whose prints go to fd 2. */
static FILE *out;

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(out, fmt, ap);
	va_end(ap);
}
#define MAX_ARGS 7

static const char *errno_name(int err)
{
	switch (-err) {
	case ENOMEM: return "ENOMEM";
	case EINVAL: return "EINVAL";
	case EFAULT: return "EFAULT";
	case EEXIST: return "EEXIST";
	case EPERM: return "EPERM";
	case EAGAIN: return "EAGAIN";
	default: return "E?";
	}
}

static void print_vma(const struct mc_vma *v)
{
	say("%#lx-%#lx:%#lx:%#lx", v->start, v->end, v->flags, v->pgoff);
	if (v->file)
		say(":%c%lu", v->close ? 'd' : 'f', v->file);
	if (v->anon)
		say(":a%lu", v->anon);
}

static void print_maps_entry(const struct mc_vma *v, void *first)
{
	if (!*(int *)first)
		say(" ");
	*(int *)first = 0;
	print_vma(v);
}

/* Whole numbers in C notation (decimal or 0x hex); false on junk or overflow. */
static bool parse_ulong(const char *s, unsigned long *out)
{
	char *end;

	if (*s == '-' || *s == '\0')
		return false;
	errno = 0;
	*out = strtoul(s, &end, 0);
	return errno == 0 && *end == '\0';
}

static bool page_range(unsigned long start, unsigned long end)
{
	return start < end && start % PAGE == 0 && end % PAGE == 0;
}

static void answer_err(int err)
{
	say("err %s", errno_name(err));
}

/* Runs one parsed line; the answer is written without its newline. */
static void run(const char *op, int argc, const unsigned long *a)
{
	struct mc_vma v, prev;
	int r;

#define ARGS(min, max) \
	do { if (argc < (min) || argc > (max)) { say("err parse"); return; } } while (0)

	if (!strcmp(op, "version")) {
		ARGS(0, 0);
		say("linux-%s maple-check-vma-runner", MC_KERNEL_VERSION);
	} else if (!strcmp(op, "mm_init")) {
		ARGS(0, 0);
		mc_mm_init();
		say("ok");
	} else if (!strcmp(op, "vma_link") || !strcmp(op, "merge_new")) {
		ARGS(3, 4);
		if (!page_range(a[0], a[1])) {
			answer_err(-EINVAL);
			return;
		}
		unsigned long pgoff = argc == 4 ? a[3] : a[0] / PAGE;
		if (op[0] == 'v') {
			r = mc_vma_link(a[0], a[1], a[2], pgoff);
			if (r)
				answer_err(r);
			else
				say("ok");
			return;
		}
		r = mc_merge_new(a[0], a[1], a[2], pgoff, &v);
		if (r < 0) {
			answer_err(r);
		} else if (r == 0) {
			say("nomerge");
		} else {
			say("ok ");
			print_vma(&v);
		}
	} else if (!strcmp(op, "modify_flags")) {
		ARGS(3, 3);
		if (!page_range(a[0], a[1])) {
			answer_err(-EINVAL);
			return;
		}
		r = mc_modify_flags(a[0], a[1], a[2], &v);
		if (r) {
			answer_err(r);
		} else {
			say("ok ");
			print_vma(&v);
		}
	} else if (!strcmp(op, "expand") || !strcmp(op, "shrink") || !strcmp(op, "munmap")) {
		ARGS(2, 2);
		if (!page_range(a[0], a[1])) {
			answer_err(-EINVAL);
			return;
		}
		r = op[0] == 'e' ? mc_expand(a[0], a[1]) :
		    op[0] == 's' ? mc_shrink(a[0], a[1]) : mc_munmap(a[0], a[1]);
		if (r)
			answer_err(r);
		else
			say("ok");
	} else if (!strcmp(op, "split")) {
		ARGS(1, 1);
		if (a[0] % PAGE) {
			answer_err(-EINVAL);
			return;
		}
		r = mc_split(a[0]);
		if (r)
			answer_err(r);
		else
			say("ok");
	} else if (!strcmp(op, "find_vma")) {
		ARGS(1, 1);
		if (mc_find_vma(a[0], &v))
			print_vma(&v);
		else
			say("none");
	} else if (!strcmp(op, "find_vma_prev")) {
		ARGS(1, 1);
		r = mc_find_vma_prev(a[0], &v, &prev);
		if (r & 1)
			print_vma(&v);
		else
			say("none");
		say(" prev ");
		if (r & 2)
			print_vma(&prev);
		else
			say("none");
	} else if (!strcmp(op, "maps")) {
		ARGS(0, 0);
		int first = 1;

		if (mc_for_each_vma(print_maps_entry, &first) == 0)
			say("none");
	} else if (!strcmp(op, "validate")) {
		ARGS(0, 0);
		const char *why = mc_validate();

		if (why)
			say("invalid %s", why);
		else
			say("valid");
	} else if (!strcmp(op, "mmap")) {
		ARGS(6, 7);
		if (!page_range(a[0], a[1]) || a[4] > MC_FILES || a[5] > 1 ||
		    (argc == 7 && a[6] > 1)) {
			answer_err(-EINVAL);
			return;
		}
		r = mc_mmap(a[0], a[1], a[2], a[3], a[4], a[5] == 1, argc == 7 && a[6] == 1);
		if (r)
			answer_err(r);
		else
			say("ok");
	} else if (!strcmp(op, "mprotect")) {
		ARGS(3, 3);
		if (!page_range(a[0], a[1]) || a[2] & ~7UL) {
			answer_err(-EINVAL);
			return;
		}
		r = mc_mprotect(a[0], a[1], a[2]);
		if (r)
			answer_err(r);
		else
			say("ok");
	} else if (!strcmp(op, "unmapped_area")) {
		ARGS(4, 4);
		unsigned long addr;

		if (a[0] == 0 || a[0] % PAGE || a[1] % PAGE || a[2] % PAGE || a[3] % PAGE) {
			answer_err(-EINVAL);
			return;
		}
		r = mc_unmapped_area(a[0], a[1], a[2], a[3], &addr);
		if (r)
			answer_err(r);
		else
			say("ok %#lx", addr);
	} else if (!strcmp(op, "fault")) {
		ARGS(1, 1);
		r = mc_fault(a[0]);
		if (r)
			answer_err(r);
		else
			say("ok");
	} else if (!strcmp(op, "vma_lookup")) {
		ARGS(1, 1);
		if (mc_vma_lookup(a[0], &v))
			print_vma(&v);
		else
			say("none");
	} else if (!strcmp(op, "failalloc")) {
		ARGS(1, 1);
		if (a[0] == 0) {
			say("ok %s", mc_fail_alloc_hit() ? "hit" : "missed");
			mc_fail_alloc_arm(0);
			return;
		}
		mc_fail_alloc_arm(a[0]);
		say("ok");
	} else if (!strcmp(op, "tree_log")) {
		ARGS(0, 1);
		if (argc == 1 && a[0] > 1) {
			say("err parse");
			return;
		}
		if (argc == 1 && a[0] == 1)
			mc_tree_log_set_rcu();
		mc_tree_log_take(out);
	} else if (!strcmp(op, "fail_prealloc")) {
		ARGS(1, 1);
		if (a[0] > 1) {
			say("err parse");
			return;
		}
		mc_fail_prealloc(a[0] == 1);
		say("ok");
	} else {
		say("err unknown");
	}
#undef ARGS
}

int main(void)
{
	char line[512];

	int fd = dup(1);

	out = fd < 0 ? NULL : fdopen(fd, "w");
	if (!out || dup2(2, 1) < 0) {
		perror("vma-runner: stdout");
		return 1;
	}
	/* The kernel code's own prints (the shim's VM_WARN_ON report) land next to their cause. */
	setvbuf(stdout, NULL, _IONBF, 0);
	mc_vma_setup();
	while (fgets(line, sizeof(line), stdin)) {
		char *tok[MAX_ARGS + 2];
		unsigned long args[MAX_ARGS];
		int n = 0;
		bool ok = true;

		line[strcspn(line, "\r\n")] = '\0';
		for (char *t = strtok(line, " \t"); t; t = strtok(NULL, " \t")) {
			if (n == MAX_ARGS + 1) {
				ok = false;
				break;
			}
			tok[n++] = t;
		}
		if (n == 0)
			continue;
		for (int i = 1; ok && i < n; i++)
			ok = parse_ulong(tok[i], &args[i - 1]);
		if (ok)
			run(tok[0], n - 1, args);
		else
			say("err parse");
		say("\n");
		fflush(out);
	}
	mc_mm_init();
	return 0;
}
