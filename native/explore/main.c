// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * maple-explore-runner: the kernel's maple tree, instrumented, behind a line protocol.
 *
 *   init FLAGS | store FIRST LAST VALUE | insert FIRST LAST VALUE | erase INDEX | load INDEX
 *   | setrcu | clearrcu        run now, not recorded (the prefix); one result line each, and
 *                              a grace period after each (queued frees run)
 *   record                     what follows is the writer: its lines run recorded
 *   end                        ends the writer: a grace period (recorded: every queued
 *                              callback in its own segment), then the log (print.c), a
 *                              `node index=N type=T in=before|after|both` line for every
 *                              node in the tree before or after the writer, and
 *                              `end ops=N events=N stores=N record-us=N range-writes=N`
 *   loads on|off               whether the log has loads too (default off)
 *   snapshot                   copy the arena (tree and nodes): `snapshot bytes=N nodes=N`
 *   restore                    back to the snapshot: `restored`
 *   bench-restore N            N restores, timed: `bench-restore n=N bytes=N ns-per-restore=X`
 *
 * The explorer (explore.c), after `record ... end` (which saves the prefix's tree and the
 * writer's end state):
 *   readers-clear              no reader threads
 *   reader rcu|rcu-per-op|none a new reader thread: `ok`
 *   rline OP [A [B]]           a line of the last thread (load walk find next prev, mset
 *                              mrange mreset mpause mstate mwalk and the cursor iterators):
 *                              `ok`, or `err unsupported` when this kernel lacks it
 *   explore KEY=VALUE...       one exploration (budget= bound= branch= fwd= max= stop= maxv=
 *                              ms= roots=PATH;PATH... replay=PATH races=0|1; a PATH is
 *                              I.I.I or `-`, roots= the subtrees to explore one after
 *                              another, none when empty). It prints `wnodes W E0 .. E(W-1)`
 *                              (the log event of each writer graph node), then asks, and
 *                              waits for each answer on its input:
 *                                ?r ID (TAB OUT TAB BEFORE)...   a new results vector
 *                                    -> `r BITS` (per reader thread: 1 = takes part in
 *                                       ordering, 0 = every answer right in every state)
 *                                ?j RID (| LABEL:TIME...)...     an execution's new histories:
 *                                       each the order of op calls (2*op) and returns
 *                                       (2*op+1), writer ops first, then each reader
 *                                       thread's, with their positions in the total order
 *                                    -> `j V...`, per history `-` (fine), MESSAGE-ID (the
 *                                       first failing one) or `?` (after it: not checked)
 *                              prints each reported violation (`v KIND THREAD OP MESSAGE-ID
 *                              EXECUTION PATH`, `m CRASH-MESSAGE`, trace lines `t T s|r|e|x
 *                              ...`, `o ORDER...`, `v-end`); with races=1, before `done`,
 *                              `race PLACE WNODE THREAD LINE CLASS PATH run|same at=F:L
 *                              via=F` per (word, writer store, reader PC, read class) the
 *                              search found unordered (explore.c note_races); and ends
 *                              with `done KEY=VALUE...` or `error MESSAGE`
 *   explore KEY... plan=1      no search: after `wnodes`, `plan`, then per `p PATH` line one
 *                              execution down PATH (option 0 past it), answered `a N...`
 *                              (each choice's option count); per `r SEED BIAS PATH` one
 *                              random execution below PATH, answered `w I.N...` (each
 *                              choice's option taken and count); per `c PATH` the count of
 *                              the subtree's executions, `n COUNT`; until `p-end`: `done plan`
 *   alone K T O                reader thread T (1-based) alone on the state after K writer
 *                              lines: its lines 0..O run, line O's reads printed as
 *                              `a CLASS PLACE VALUE at=F:L via=F`, then `alone-end ANSWER`
 *                              (or `alone-end crash MESSAGE`)
 *
 * Numbers are decimal, 0x hex or `max`; a VALUE is stored as xa_mk_value(VALUE) and `null`
 * as NULL, as the oracle does.
 */
#include "arena.h"
#include "explore.h"
#include "kernel-ops.h"
#include "print.h"
#include "rcu.h"
#include "record.h"
#include "symbols.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Each recorded writer line's answer, kept until the log is printed. */
static char (*results)[40];
static unsigned int results_cap;
/* Per node: enum maple_type + 1 (low 3 bits, 0: never in the tree) and when it was in it. */
#define IN_BEFORE 0x10
#define IN_AFTER 0x20
static unsigned char node_types[MX_MAX_NODES];
static unsigned char walk_when;
static const char *const type_names[] = { "dense", "leaf_64", "range_64", "arange_64" };
static unsigned int ops;
static bool tree_ready;
static struct timespec record_start;
static double record_us;
/* The recorded writer's lines, for `alone`. */
static char (*writer_lines)[128];
static unsigned int writer_cap;

const char *mx_op_result(unsigned int op)
{
	return op < ops ? results[op] : "?";
}

static double now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static bool parse_index(const char *s, unsigned long *v)
{
	char *end;

	if (!s)
		return false;
	if (strcmp(s, "max") == 0) {
		*v = ~0UL;
		return true;
	}
	errno = 0;
	*v = strtoul(s, &end, 0);
	return errno == 0 && *end == '\0' && *s != '-';
}

static bool parse_value(const char *s, void **entry)
{
	unsigned long v;

	if (s && strcmp(s, "null") == 0) {
		*entry = NULL;
		return true;
	}
	if (!parse_index(s, &v) || v > (unsigned long)INT64_MAX)
		return false;
	*entry = (void *)((v << 1) | 1);	/* xa_mk_value */
	return true;
}

static void put_entry(char *out, size_t n, void *entry)
{
	unsigned long v = (unsigned long)entry;

	if (!entry)
		snprintf(out, n, "null");
	else if (v & 1)
		snprintf(out, n, "%lu", v >> 1);
	else
		snprintf(out, n, "ptr");
}

/* `ok`, or `err -ENAME` for the errors the protocol names (`err -N` for others). */
static void put_status(char *out, size_t n, int err)
{
	static const struct { int err; const char *name; } names[] = {
		{ -EINVAL, "-EINVAL" }, { -EEXIST, "-EEXIST" }, { -EBUSY, "-EBUSY" },
		{ -ENOMEM, "-ENOMEM" }, { -ENOENT, "-ENOENT" }, { -ERANGE, "-ERANGE" },
	};
	size_t i;

	if (!err) {
		snprintf(out, n, "ok");
		return;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].err == err) {
			snprintf(out, n, "err %s", names[i].name);
			return;
		}
	snprintf(out, n, "err %d", err);
}

/* One tree operation; false when the line is not one. */
static bool run_op(char **tok, int ntok, char *out, size_t n)
{
	struct maple_tree *mt = mx_arena_tree();
	unsigned long a, b;
	void *entry;
	const char *op = tok[0];

	if (strcmp(op, "init") == 0) {
		const char *f = ntok > 1 ? tok[1] : "0";

		if (mx_recording) {
			/* It would empty the arena under the log. */
			snprintf(out, n, "err recording");
			return true;
		}
		mx_arena_reset();
		mx_rcu_reset();
		mx_tree_init(mt, strstr(f, "alloc") != NULL, strstr(f, "rcu") != NULL);
		tree_ready = true;
		snprintf(out, n, "ok");
		return true;
	}
	if (!tree_ready) {
		snprintf(out, n, "err no-tree");
		return true;
	}
	if ((strcmp(op, "store") == 0 || strcmp(op, "insert") == 0) && ntok == 4) {
		if (!parse_index(tok[1], &a) || !parse_index(tok[2], &b) || !parse_value(tok[3], &entry))
			snprintf(out, n, "err parse");
		else
			put_status(out, n, op[0] == 's' ? mx_tree_store(mt, a, b, entry)
							: mx_tree_insert(mt, a, b, entry));
		return true;
	}
	if ((strcmp(op, "erase") == 0 || strcmp(op, "load") == 0) && ntok == 2) {
		if (!parse_index(tok[1], &a))
			snprintf(out, n, "err parse");
		else
			put_entry(out, n, op[0] == 'e' ? mx_tree_erase(mt, a) : mx_tree_load(mt, a));
		return true;
	}
	if (strcmp(op, "setrcu") == 0 || strcmp(op, "clearrcu") == 0) {
		mx_tree_set_rcu(mt, op[0] == 's');
		snprintf(out, n, "ok");
		return true;
	}
	return false;
}

static void tree_line(char **tok, int ntok)
{
	char out[40];

	if (mx_recording) {
		int i;
		size_t len = 0;

		mx_flush();
		mx_log_add(MX_EV_OP_BEGIN, 0)->aux = ops;
		if (ops == writer_cap) {
			writer_cap = writer_cap ? writer_cap * 2 : 64;
			writer_lines = realloc(writer_lines, writer_cap * sizeof(*writer_lines));
			if (!writer_lines) {
				fputs("maple-explore-runner: out of memory\n", stderr);
				exit(3);
			}
		}
		writer_lines[ops][0] = '\0';
		for (i = 0; i < ntok; i++)
			len += (size_t)snprintf(writer_lines[ops] + len, sizeof(writer_lines[0]) - len,
						"%s%s", i ? " " : "", tok[i]);
	}
	if (!run_op(tok, ntok, out, sizeof(out)))
		snprintf(out, sizeof(out), "err unknown-op");
	if (mx_recording) {
		struct mx_event *e;

		mx_flush();
		if (ops == results_cap) {
			results_cap = results_cap ? results_cap * 2 : 64;
			results = realloc(results, results_cap * sizeof(*results));
			if (!results) {
				fputs("maple-explore-runner: out of memory\n", stderr);
				exit(3);
			}
		}
		memcpy(results[ops], out, sizeof(out));
		e = mx_log_add(MX_EV_OP_END, 0);
		e->aux = ops;
		ops++;
	} else {
		/* Between prefix lines every grace period has ended. */
		mx_rcu_grace_periods();
	}
	puts(out);
}

static void note_type(void *ctx, void *node, unsigned int type)
{
	(void)ctx;
	if (mx_in_nodes(node) && type < 4)
		node_types[mx_node_index(node)] |= (unsigned char)(type + 1) | walk_when;
}

/* `node index=N type=T in=before|after|both` for the nodes of the tree around the writer. */
static void print_types(void)
{
	unsigned long i;

	for (i = 0; i < mx_arena_used(); i++) {
		unsigned char t = node_types[i];

		if (!t)
			continue;
		printf("node index=%lu type=%s in=%s\n", i, type_names[(t & 7) - 1],
		       (t & IN_BEFORE) && (t & IN_AFTER) ? "both" : t & IN_BEFORE ? "before" : "after");
	}
}

static void end_record(void)
{
	size_t i, stores = 0;

	mx_rcu_grace_periods();
	mx_flush();
	record_us += now_us() - (record_start.tv_sec * 1e6 + record_start.tv_nsec / 1e3);
	mx_recording = false;
	walk_when = IN_AFTER;
	mx_tree_nodes(mx_arena_tree(), note_type, NULL);
	mx_print_log(stdout);
	print_types();
	for (i = 0; i < mx_log.n; i++)
		stores += mx_log.ev[i].kind == MX_EV_STORE;
	printf("end ops=%u events=%zu stores=%zu record-us=%.1f range-writes=%lu\n", ops, mx_log.n,
	       stores, record_us, mx_range_writes);
	mx_arena_save_final();
}

/* Splits a saved line into tokens (in place). */
static int split(char *line, char **tok, int max)
{
	char *save = NULL, *t;
	int n = 0;

	for (t = strtok_r(line, " \t\r\n", &save); t && n < max; t = strtok_r(NULL, " \t\r\n", &save))
		tok[n++] = t;
	return n;
}

/* `alone K T O`: the state after K writer lines, rebuilt from the prefix's. */
static void alone(unsigned long k, unsigned long thread, unsigned long op)
{
	unsigned int i;

	if (k > ops || !mx_arena_restore_prefix()) {
		puts("error bad alone");
		return;
	}
	mx_rcu_reset();
	mx_arena_no_reuse = true;
	for (i = 0; i < k; i++) {
		char line[128], out[40], *tok[8];
		int ntok;

		memcpy(line, writer_lines[i], sizeof(line));
		ntok = split(line, tok, 8);
		if (ntok > 0)
			run_op(tok, ntok, out, sizeof(out));
	}
	mx_rcu_reset();
	mx_arena_no_reuse = false;
	mx_ex_alone((int)thread, (int)op);
	mx_arena_restore_final();
}

static void bench_restore(unsigned long n)
{
	double t0 = now_us();
	unsigned long i;

	for (i = 0; i < n; i++)
		mx_arena_restore();
	printf("bench-restore n=%lu bytes=%zu ns-per-restore=%.1f\n", n, mx_arena_snapshot_bytes(),
	       n ? (now_us() - t0) * 1e3 / n : 0.0);
}

static void control_line(char **tok, int ntok)
{
	const char *op = tok[0];
	unsigned long n;

	if (strcmp(op, "record") == 0) {
		mx_rcu_grace_periods();
		mx_rcu_reset();		/* segments count from 0 in every log */
		mx_arena_save_prefix();
		mx_log_reset();
		mx_range_writes = 0;
		memset(node_types, 0, sizeof(node_types));
		walk_when = IN_BEFORE;
		mx_tree_nodes(mx_arena_tree(), note_type, NULL);
		ops = 0;
		record_us = 0;
		mx_recording = true;
		clock_gettime(CLOCK_MONOTONIC, &record_start);
		puts("recording");
	} else if (strcmp(op, "end") == 0 && mx_recording) {
		end_record();
	} else if (strcmp(op, "loads") == 0 && ntok == 2) {
		mx_record_loads = strcmp(tok[1], "on") == 0;
		puts("ok");
	} else if (strcmp(op, "snapshot") == 0 && !mx_recording) {
		mx_rcu_grace_periods();
		mx_arena_snapshot();
		printf("snapshot bytes=%zu nodes=%lu\n", mx_arena_snapshot_bytes(), mx_arena_used());
	} else if (strcmp(op, "restore") == 0 && !mx_recording) {
		mx_rcu_reset();
		puts(mx_arena_restore() ? "restored" : "err no-snapshot");
	} else if (strcmp(op, "bench-restore") == 0 && ntok == 2 && parse_index(tok[1], &n)) {
		bench_restore(n);
	} else if (strcmp(op, "readers-clear") == 0) {
		mx_ex_readers_clear();
		puts("ok");
	} else if (strcmp(op, "reader") == 0 && ntok == 2) {
		puts(mx_ex_add_reader(tok[1]) ? "ok" : "err parse");
	} else if (strcmp(op, "rline") == 0 && ntok >= 2 && ntok <= 4) {
		unsigned long a = 0, b = 0;

		if ((ntok > 2 && !parse_index(tok[2], &a)) || (ntok > 3 && !parse_index(tok[3], &b)))
			puts("err parse");
		else
			puts(mx_ex_add_line(tok[1], a, b) ? "ok" : "err unsupported");
	} else if (strcmp(op, "explore") == 0 && !mx_recording) {
		mx_ex_explore(tok, ntok);
	} else if (strcmp(op, "alone") == 0 && ntok == 4 && !mx_recording) {
		unsigned long k, t, o;

		if (parse_index(tok[1], &k) && parse_index(tok[2], &t) && parse_index(tok[3], &o))
			alone(k, t, o);
		else
			puts("err parse");
	} else {
		tree_line(tok, ntok);
	}
}

int main(void)
{
	char *line = NULL;
	size_t cap = 0;

	mx_kernel_init();
	mx_symbols_load();
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	/* Lines of any length: an explore command carries a replay path of one index per choice. */
	while (getline(&line, &cap, stdin) > 0) {
		char *tok[32], *save = NULL, *t;
		int ntok = 0;

		for (t = strtok_r(line, " \t\r\n", &save); t && ntok < 32;
		     t = strtok_r(NULL, " \t\r\n", &save))
			tok[ntok++] = t;
		if (ntok == 0 || tok[0][0] == '#')
			continue;
		control_line(tok, ntok);
		fflush(stdout);
		mx_symbols_save();
	}
	free(line);
	return 0;
}
