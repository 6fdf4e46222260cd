// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The explorer on the C tree (explore.h). A port of the TypeScript explorer's execution
 * semantics (src/checker/explorer: writer-log.ts, event-graph.ts, execution.ts, explore.ts,
 * history.ts), so that counts and verdicts compare:
 *
 *   - The writer's log becomes the writer part of a happens-before graph: a chain in program
 *     order (op begin/end, stores, call_rcu); each mem* call into node memory an unordered
 *     block (its stores between a begin and an end event, in no order among themselves,
 *     unless forwardCopyOnly); each call_rcu a floating segment (call_rcu -> grace period ->
 *     the callback's stores in order). Poisoning by a free is in order, like the TS tree's.
 *   - Every 8-byte word the writer stored to has runs of values (initial, after store 1, ...,
 *     equal neighbours merged). A reader load of such a word is a choice among the runs that
 *     keep the graph acyclic, one per distinct value; the hook writes the chosen value into
 *     the word before the load executes (atomic loads then read it). Loads of other words
 *     read memory as it is (the writer never changed them).
 *   - A protected reader operation (or thread section) chooses, for every call_rcu, whether
 *     it started before it (the free waits for its end) or after it.
 *   - Choices live on a stack shared by all executions: an execution replays the stack and
 *     pushes new frames past its end (stateless search by re-execution).
 *   - Histories are read off the graph with the TS explorer's priority schemes; the judging
 *     is TypeScript's: each new results vector and each new (history, results) is asked over
 *     the protocol and the answer cached here.
 *
 * Reader crashes (a signal in kernel code, a failed BUG_ON, a store into node memory) and
 * livelocks (the step bound) are findings of the execution: sigsetjmp/siglongjmp around each
 * reader line, so the exploration goes on.
 */
#define _GNU_SOURCE
#include "explore.h"
#include "arena.h"
#include "kernel-ops.h"
#include "print.h"
#include "record.h"
#include "symbols.h"

#include <assert.h>
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <ucontext.h>

int mx_reader_mode;

#define MAX_THREADS 3
#define MAX_LINES 32
#define OUT_BYTES 96
#define BEFORE_BYTES 64

static void *xrealloc(void *p, size_t bytes)
{
	p = realloc(p, bytes ? bytes : 1);
	if (!p) {
		fputs("maple-explore-runner: out of memory in the explorer\n", stderr);
		exit(3);
	}
	return p;
}

/* Grows *arr (of *cap elements of @size) to hold @need. */
static void grow(void **arr, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return;
	while (*cap < need)
		*cap = *cap ? *cap * 2 : 64;
	*arr = xrealloc(*arr, *cap * size);
}
#define GROW(arr, cap, need) grow((void **)&(arr), &(cap), (need), sizeof(*(arr)))

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

static uint64_t hash_bytes(const void *p, size_t n, uint64_t h)
{
	const unsigned char *s = p;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ s[i]) * 0x100000001b3ULL;
	return mix64(h);
}

/* ---------------------------------------------------------------- reader threads */

enum reader_kind { KIND_RCU, KIND_RCU_PER_OP, KIND_NONE };

struct line {
	enum mx_read_op op;
	unsigned long a, b;
};

struct thread_spec {
	enum reader_kind kind;
	int nlines;
	struct line line[MAX_LINES];
};

static struct thread_spec threads[MAX_THREADS];
static int nthreads;

void mx_ex_readers_clear(void)
{
	nthreads = 0;
}

bool mx_ex_add_reader(const char *kind)
{
	struct thread_spec *t;

	if (nthreads == MAX_THREADS)
		return false;
	t = &threads[nthreads];
	if (strcmp(kind, "rcu") == 0)
		t->kind = KIND_RCU;
	else if (strcmp(kind, "rcu-per-op") == 0)
		t->kind = KIND_RCU_PER_OP;
	else if (strcmp(kind, "none") == 0)
		t->kind = KIND_NONE;
	else
		return false;
	t->nlines = 0;
	nthreads++;
	return true;
}

bool mx_ex_add_line(const char *op, unsigned long a, unsigned long b)
{
	struct thread_spec *t;
	int i;

	if (nthreads == 0)
		return false;
	t = &threads[nthreads - 1];
	if (t->nlines == MAX_LINES)
		return false;
	for (i = 0; i < MX_R_COUNT; i++) {
		if (strcmp(op, mx_read_op_names[i]) == 0 && mx_read_op_supported(i)) {
			t->line[t->nlines++] = (struct line){ (enum mx_read_op)i, a, b };
			return true;
		}
	}
	return false;
}

/* ---------------------------------------------------------------- options */

struct options {
	unsigned long budget;		/* word reads per reader line before a livelock */
	long bound;			/* preemption bound, -1: none */
	bool branch_rcu;		/* branchOnRcuStart */
	bool fwd;			/* forwardCopyOnly */
	unsigned long max_exec;
	bool stop_first;
	int max_viol;
	bool replay;
	int *path;
	int npath;
	/* The subtrees to explore, each named by its root's path: root r's choices are
	 * roots[root_off[r] .. root_off[r + 1]). Default: one, the whole space. */
	bool given_roots;
	int nroots;
	bool plan;			/* answer probes (`p PATH`) instead of searching */
	double ms;			/* time budget in ms, < 0: none */
	bool races;			/* collect racing (read, store) pairs: `race` lines */
};

static struct options opt;
static size_t path_cap;
static int *roots, *root_off;
static size_t roots_cap, root_off_cap;

/* ---------------------------------------------------------------- the writer's graph */

enum wkind { W_OP_BEGIN, W_OP_END, W_STORE, W_COPY_BEGIN, W_COPY_END, W_CALL_RCU, W_GP };

static int W;			/* writer nodes: 0 .. W-1 */
static int *w_event;		/* the log event each stands for */
static unsigned char *w_kind;
static size_t w_cap;
/* Static edges while building: pairs, then CSR. */
static int *b_src, *b_dst;
static size_t b_n, b_cap;
static int *s_off, *s_dst, *s_indeg;
static uint64_t *closure;
static int cw;			/* 64-bit words per writer bitset */
static int *op_begin, *op_end;
static int nwops;
static size_t wop_cap;
struct segment {
	int call, gp;
	int last;	/* while building: the segment's last event */
};
static struct segment *segs;
static int nsegs;
static size_t seg_cap;
static int nstores;
static int *block_sizes;
static int nblocks;
static size_t block_cap;

/* Words the writer stored to, with their value runs. */
struct run {
	uint64_t value;
	int src;	/* the store starting it, -1: initial */
	int next;	/* the store ending it, -1: last */
};
struct word {
	uintptr_t addr;
	int first, n;	/* runs[first .. first+n) */
	int sfirst, sn;	/* every store to it (writer nodes): wstores[sfirst .. sfirst+sn) */
};
static struct word *words;
static size_t nwords, words_cap;
static struct run *runs;
static size_t nruns, runs_cap;
static int *wstores;
static size_t wstores_cap;
static int32_t *word_of;	/* arena word -> words[] index, -1: never stored */
static size_t word_of_len;

static int add_wnode(enum wkind kind, int ev)
{
	GROW(w_event, w_cap, (size_t)W + 1);
	w_kind = xrealloc(w_kind, w_cap);
	w_event[W] = ev;
	w_kind[W] = (unsigned char)kind;
	return W++;
}

static void add_wedge(int from, int to)
{
	GROW(b_src, b_cap, b_n + 1);
	b_dst = xrealloc(b_dst, b_cap * sizeof(*b_dst));
	b_src[b_n] = from;
	b_dst[b_n] = to;
	b_n++;
}

/* The whole 8-byte word before and after a logged store. */
static void whole_word(const struct mx_event *e, uint64_t *before, uint64_t *after)
{
	unsigned int shift;
	uint64_t mask;

	if (e->size >= 8) {
		*before = e->old;
		*after = e->value;
		return;
	}
	shift = (unsigned int)(e->addr & 7) * 8;
	mask = ((e->size == 8 ? 0 : (1ULL << (e->size * 8))) - 1) << shift;
	*after = e->word;
	*before = (e->word & ~mask) | ((e->old << shift) & mask);
}

static int word_index(uintptr_t addr)
{
	size_t i = (addr - MX_ARENA_BASE) >> 3;

	return i < word_of_len ? word_of[i] : -1;
}

/* Builds the graph and the value runs from mx_log (writer-log.ts's recordWriter + finish). */
static void build_graph(void)
{
	int tail = -1, block_begin = -1, block_id = -1, *block_members = NULL;
	size_t nmembers = 0, members_cap = 0, i;
	int *store_node;
	int k;

	W = 0;
	b_n = 0;
	nwops = 0;
	nsegs = 0;
	nstores = 0;
	nblocks = 0;
	store_node = xrealloc(NULL, (mx_log.n + 1) * sizeof(int));
	for (i = 0; i < mx_log.n; i++) {
		const struct mx_event *e = &mx_log.ev[i];
		int node;

		store_node[i] = -1;
		if (e->segment >= 0 && e->kind != MX_EV_GRACE_PERIOD) {
			/* A callback's event: chained in its segment. */
			struct segment *s;

			if (e->kind != MX_EV_STORE && e->kind != MX_EV_CALL_RCU)
				continue;
			if (e->segment >= nsegs)
				continue;
			s = &segs[e->segment];
			node = add_wnode(e->kind == MX_EV_STORE ? W_STORE : W_CALL_RCU, (int)i);
			add_wedge(s->last, node);
			s->last = node;
			if (e->kind == MX_EV_STORE) {
				store_node[i] = node;
				nstores++;
			} else {
				int gp = add_wnode(W_GP, (int)i);

				add_wedge(node, gp);
				GROW(segs, seg_cap, (size_t)nsegs + 1);
				segs[nsegs++] = (struct segment){ node, gp, gp };
			}
			continue;
		}
		switch (e->kind) {
		case MX_EV_OP_BEGIN:
		case MX_EV_OP_END:
			node = add_wnode(e->kind == MX_EV_OP_BEGIN ? W_OP_BEGIN : W_OP_END, (int)i);
			if (tail >= 0)
				add_wedge(tail, node);
			tail = node;
			GROW(op_begin, wop_cap, e->aux + 1);
			op_end = xrealloc(op_end, wop_cap * sizeof(*op_end));
			if (e->kind == MX_EV_OP_BEGIN) {
				op_begin[e->aux] = node;
			} else {
				op_end[e->aux] = node;
				nwops = (int)e->aux + 1;
			}
			break;
		case MX_EV_STORE:
			node = add_wnode(W_STORE, (int)i);
			store_node[i] = node;
			nstores++;
			if (block_begin >= 0) {
				add_wedge(block_begin, node);
				GROW(block_members, members_cap, nmembers + 1);
				block_members[nmembers++] = node;
			} else {
				if (tail >= 0)
					add_wedge(tail, node);
				tail = node;
			}
			break;
		case MX_EV_BLOCK_BEGIN:
			/* Poisoning is in order (as the TS tree frees); mem* calls are unordered. */
			if (opt.fwd || e->order == MX_BLOCK_POISON || block_begin >= 0)
				break;
			node = add_wnode(W_COPY_BEGIN, (int)i);
			if (tail >= 0)
				add_wedge(tail, node);
			tail = node;
			block_begin = node;
			block_id = e->block;
			nmembers = 0;
			break;
		case MX_EV_BLOCK_END:
			if (block_begin < 0 || e->block != block_id)
				break;
			node = add_wnode(W_COPY_END, (int)i);
			add_wedge(block_begin, node);
			for (k = 0; k < (int)nmembers; k++)
				add_wedge(block_members[k], node);
			GROW(block_sizes, block_cap, (size_t)nblocks + 1);
			block_sizes[nblocks++] = (int)nmembers;
			tail = node;
			block_begin = -1;
			break;
		case MX_EV_CALL_RCU: {
			int gp;

			node = add_wnode(W_CALL_RCU, (int)i);
			if (tail >= 0)
				add_wedge(tail, node);
			tail = node;
			gp = add_wnode(W_GP, (int)i);
			add_wedge(node, gp);
			GROW(segs, seg_cap, (size_t)nsegs + 1);
			segs[nsegs++] = (struct segment){ node, gp, gp };
			break;
		}
		case MX_EV_GRACE_PERIOD:
			/* The grace-period node was made with its call_rcu: name it by this event. */
			if ((int)e->aux < nsegs)
				w_event[segs[e->aux].gp] = (int)i;
			break;
		default:
			break;
		}
	}
	free(block_members);

	/* CSR of the static edges, and indegrees. */
	s_off = xrealloc(s_off, ((size_t)W + 1) * sizeof(int));
	s_dst = xrealloc(s_dst, (b_n + 1) * sizeof(int));
	s_indeg = xrealloc(s_indeg, ((size_t)W + 1) * sizeof(int));
	memset(s_off, 0, ((size_t)W + 1) * sizeof(int));
	memset(s_indeg, 0, ((size_t)W + 1) * sizeof(int));
	for (i = 0; i < b_n; i++) {
		s_off[b_src[i] + 1]++;
		s_indeg[b_dst[i]]++;
	}
	for (k = 0; k < W; k++)
		s_off[k + 1] += s_off[k];
	{
		int *fill = xrealloc(NULL, ((size_t)W + 1) * sizeof(int));

		memcpy(fill, s_off, ((size_t)W + 1) * sizeof(int));
		for (i = 0; i < b_n; i++)
			s_dst[fill[b_src[i]]++] = b_dst[i];
		free(fill);
	}
	/* Writer nodes are numbered in a topological order: closures from the last one back. */
	cw = (W + 63) / 64;
	if (cw == 0)
		cw = 1;
	closure = xrealloc(closure, (size_t)W * cw * sizeof(uint64_t) + 8);
	for (k = W - 1; k >= 0; k--) {
		uint64_t *c = &closure[(size_t)k * cw];
		int j, x;

		memset(c, 0, cw * sizeof(uint64_t));
		c[k >> 6] |= 1ULL << (k & 63);
		for (j = s_off[k]; j < s_off[k + 1]; j++) {
			const uint64_t *d = &closure[(size_t)s_dst[j] * cw];

			for (x = 0; x < cw; x++)
				c[x] |= d[x];
		}
	}

	/* Value runs per word, in log order (writer-log.ts finish()). */
	nwords = 0;
	nruns = 0;
	word_of_len = (MX_HEADER_SIZE + mx_arena_used() * MX_NODE_SIZE) >> 3;
	word_of = xrealloc(word_of, word_of_len * sizeof(int32_t));
	memset(word_of, 0xff, word_of_len * sizeof(int32_t));
	{
		/* Runs of one word are contiguous: first collect per word, then lay out. */
		size_t *count, *fill;
		struct run *tmp;
		size_t total = 0;

		for (i = 0; i < mx_log.n; i++) {
			const struct mx_event *e = &mx_log.ev[i];
			size_t wi;

			if (store_node[i] < 0)
				continue;
			wi = (e->addr - MX_ARENA_BASE) >> 3;
			if (wi >= word_of_len)
				continue;
			if (word_of[wi] < 0) {
				GROW(words, words_cap, nwords + 1);
				words[nwords] = (struct word){ e->addr & ~(uintptr_t)7, 0, 0, 0, 0 };
				word_of[wi] = (int32_t)nwords++;
			}
		}
		count = xrealloc(NULL, (nwords + 1) * sizeof(size_t));
		fill = xrealloc(NULL, (nwords + 1) * sizeof(size_t));
		memset(count, 0, (nwords + 1) * sizeof(size_t));
		for (i = 0; i < mx_log.n; i++)
			if (store_node[i] >= 0 && word_index(mx_log.ev[i].addr) >= 0)
				count[word_index(mx_log.ev[i].addr)]++;
		for (i = 0; i < nwords; i++) {
			words[i].first = (int)total;
			fill[i] = total;
			total += count[i] + 1;
		}
		GROW(runs, runs_cap, total + 1);
		GROW(wstores, wstores_cap, total + 1);
		{
			size_t sfill = 0;

			for (i = 0; i < nwords; i++) {
				words[i].sfirst = (int)sfill;
				words[i].sn = 0;
				sfill += count[i];
			}
			for (i = 0; i < mx_log.n; i++) {
				int wj;

				if (store_node[i] < 0 || (wj = word_index(mx_log.ev[i].addr)) < 0)
					continue;
				wstores[words[wj].sfirst + words[wj].sn++] = store_node[i];
			}
		}
		tmp = runs;
		for (i = 0; i < mx_log.n; i++) {
			const struct mx_event *e = &mx_log.ev[i];
			uint64_t before, after;
			int wi;
			struct word *w;

			if (store_node[i] < 0 || (wi = word_index(e->addr)) < 0)
				continue;
			w = &words[wi];
			whole_word(e, &before, &after);
			if (w->n == 0) {
				tmp[fill[wi]++] = (struct run){ before, -1, -1 };
				w->n = 1;
			}
			if (tmp[fill[wi] - 1].value == after)
				continue;
			tmp[fill[wi] - 1].next = store_node[i];
			tmp[fill[wi]++] = (struct run){ after, store_node[i], -1 };
			w->n++;
		}
		nruns = total;
		free(count);
		free(fill);
	}
	free(store_node);
}

/* ---------------------------------------------------------------- the execution's graph */

static int N;			/* nodes this execution: writer nodes, then reader nodes */
static size_t n_cap;
static int *owner;		/* reader thread 1..n; writer nodes are 0 */
static int *label;		/* op boundary: reader op * 2 + (end), else -1 */
static int *dhead;		/* dynamic out-edges (this execution) */
static unsigned int *dhead_ep;
static unsigned int ep;		/* execution epoch for dhead */
static int *e_dst, *e_next;
static size_t ne, e_cap;
static int *wr_src, *wr_dst;	/* the dynamic edges from writer nodes to reader nodes */
static size_t nwr, wr_cap;

static void graph_reset(void)
{
	N = W;
	ne = 0;
	nwr = 0;
	if (++ep == 0) {
		memset(dhead_ep, 0, n_cap * sizeof(*dhead_ep));
		ep = 1;
	}
}

static int add_rnode(int thread)
{
	if ((size_t)N + 1 > n_cap) {
		size_t old = n_cap;

		GROW(owner, n_cap, (size_t)N + 1);
		label = xrealloc(label, n_cap * sizeof(*label));
		dhead = xrealloc(dhead, n_cap * sizeof(*dhead));
		dhead_ep = xrealloc(dhead_ep, n_cap * sizeof(*dhead_ep));
		memset(dhead_ep + old, 0, (n_cap - old) * sizeof(*dhead_ep));
	}
	owner[N] = thread;
	label[N] = -1;
	return N++;
}

static void add_edge(int from, int to)
{
	GROW(e_dst, e_cap, ne + 1);
	e_next = xrealloc(e_next, e_cap * sizeof(*e_next));
	e_dst[ne] = to;
	e_next[ne] = dhead_ep[from] == ep ? dhead[from] : -1;
	dhead[from] = (int)ne++;
	dhead_ep[from] = ep;
	if (from < W && to >= W) {
		GROW(wr_src, wr_cap, nwr + 1);
		wr_dst = xrealloc(wr_dst, wr_cap * sizeof(*wr_dst));
		wr_src[nwr] = from;
		wr_dst[nwr++] = to;
	}
}

static inline int first_edge(int node)
{
	return dhead_ep[node] == ep ? dhead[node] : -1;
}

/* Reachability (event-graph.ts reachesAny), with the writer part's closures as bitsets. */
static uint64_t *vw, *tw;
static unsigned int *rvisit, *rtarget;
static unsigned int rep;
static int *rstack;
static size_t reach_cap;

static bool add_w(int w, bool *dirty)
{
	const uint64_t *c = &closure[(size_t)w * cw];
	uint64_t hit = 0;
	int x;

	if (vw[w >> 6] & (1ULL << (w & 63)))
		return false;
	for (x = 0; x < cw; x++) {
		vw[x] |= c[x];
		hit |= vw[x] & tw[x];
	}
	*dirty = true;
	return hit != 0;
}

/* Whether some node of @targets is reachable from some node of @sources (or is one). */
static bool reaches_any(const int *sources, int ns, const int *targets, int nt)
{
	int sp = 0, i;
	bool dirty = false;

	if (ns == 0 || nt == 0)
		return false;
	if ((size_t)N > reach_cap) {
		size_t old = reach_cap;

		GROW(rvisit, reach_cap, (size_t)N);
		rtarget = xrealloc(rtarget, reach_cap * sizeof(*rtarget));
		rstack = xrealloc(rstack, reach_cap * sizeof(*rstack));
		memset(rvisit + old, 0, (reach_cap - old) * sizeof(*rvisit));
		memset(rtarget + old, 0, (reach_cap - old) * sizeof(*rtarget));
	}
	if (++rep == 0) {
		memset(rvisit, 0, reach_cap * sizeof(*rvisit));
		memset(rtarget, 0, reach_cap * sizeof(*rtarget));
		rep = 1;
	}
	memset(vw, 0, cw * sizeof(uint64_t));
	memset(tw, 0, cw * sizeof(uint64_t));
	for (i = 0; i < nt; i++) {
		if (targets[i] < W)
			tw[targets[i] >> 6] |= 1ULL << (targets[i] & 63);
		else
			rtarget[targets[i]] = rep;
	}
	for (i = 0; i < ns; i++) {
		int s = sources[i];

		if (s < W) {
			if (add_w(s, &dirty))
				return true;
		} else if (rvisit[s] != rep) {
			if (rtarget[s] == rep)
				return true;
			rvisit[s] = rep;
			rstack[sp++] = s;
		}
	}
	for (;;) {
		while (sp > 0) {
			int r = rstack[--sp], e;

			for (e = first_edge(r); e >= 0; e = e_next[e]) {
				int d = e_dst[e];

				if (d < W) {
					if (add_w(d, &dirty))
						return true;
				} else if (rvisit[d] != rep) {
					if (rtarget[d] == rep)
						return true;
					rvisit[d] = rep;
					rstack[sp++] = d;
				}
			}
		}
		if (!dirty)
			return false;
		dirty = false;
		for (i = 0; i < (int)nwr; i++) {
			int w = wr_src[i], r = wr_dst[i];

			if (!(vw[w >> 6] & (1ULL << (w & 63))) || rvisit[r] == rep)
				continue;
			if (rtarget[r] == rep)
				return true;
			rvisit[r] = rep;
			rstack[sp++] = r;
		}
		if (sp == 0)
			return false;
	}
}

/* ---------------------------------------------------------------- choices */

enum choice_kind { C_RUN, C_RCU };

struct option {
	int a;	/* run: index into runs[]; rcu: segment */
	int b;	/* run: rank; rcu: 1 = protected (started before the call_rcu) */
};

struct frame {
	unsigned char kind;
	int what;	/* run: the word; rcu: the segment (a check on the replay) */
	int nopt, index, off;
};

static struct frame *stack;
static size_t nstack, stack_cap;
static struct option *pool;
static size_t npool, pool_cap;
static size_t depth;
/* The choices a new frame takes at depths 0 .. nprefix-1 (a replay, a subtree's root path or
 * a probe's); past them, and at depths the stack already holds, the search decides. */
static const int *prefix;
static int nprefix;
static unsigned long preemptions;
static bool bound_cut;

/* A planner's random walk (`r SEED BIAS PATH`): past the prefix, each new frame of n > 1
 * options takes option 0 with probability max(1/n, BIAS), else one of the others uniformly
 * (u from splitmix64, seeded by SEED): the planner weighs each walk by its choices'
 * probabilities (src/checker/shard/subtree-plan.ts). */
static bool walking;
static uint64_t walk_state;
static double walk_bias;

static int walk_pick(int nopt)
{
	uint64_t z = (walk_state += 0x9e3779b97f4a7c15ULL);
	double u, q0;
	int j;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	z ^= z >> 31;
	if (nopt <= 1)
		return 0;
	u = (double)(z >> 11) * 0x1.0p-53;
	q0 = walk_bias > 1.0 / nopt ? walk_bias : 1.0 / nopt;
	if (u < q0)
		return 0;
	j = 1 + (int)((u - q0) / (1.0 - q0) * (nopt - 1));
	return j < nopt ? j : nopt - 1;
}

/* An error of the explorer itself: the exploration stops with `error MESSAGE`. */
static jmp_buf fatal_jb;
static char fatal_msg[200];

static void fatal(const char *msg)
{
	snprintf(fatal_msg, sizeof(fatal_msg), "%s", msg);
	longjmp(fatal_jb, 1);
}

/* Options of a new frame are computed into pool[npool..]; returns the chosen one. */
static const struct option *push_frame(enum choice_kind kind, int what, int nopt)
{
	struct frame *f;
	int index = 0;

	if (nopt == 0)
		fatal("no consistent choice");
	if ((int)depth < nprefix)
		index = prefix[depth];
	else if (walking)
		index = walk_pick(nopt);
	if (index >= nopt) {
		char m[80];

		snprintf(m, sizeof(m), "replay path does not fit (choice %zu)", depth);
		fatal(m);
	}
	GROW(stack, stack_cap, nstack + 1);
	f = &stack[nstack++];
	f->kind = (unsigned char)kind;
	f->what = what;
	f->nopt = nopt;
	f->index = index;
	f->off = (int)npool;
	npool += nopt;
	depth++;
	return &pool[f->off + index];
}

/* The replayed choice at this depth, or NULL past the stack's end. */
static const struct option *replayed(enum choice_kind kind, int what)
{
	struct frame *f;

	if (depth >= nstack)
		return NULL;
	f = &stack[depth++];
	if (f->kind != kind || f->what != what)
		fatal("replay diverged");
	return &pool[f->off + f->index];
}

/* ---------------------------------------------------------------- executions */

enum trace_kind { T_START, T_READ, T_END, T_CRASH };

struct trace_entry {
	unsigned char kind, cls;
	short op;
	int event;
	uintptr_t addr;
	uint64_t value;
	uintptr_t pc;
};

struct thread_run {
	int prev, end;
	unsigned long steps;
	unsigned long reads;
	int nops;		/* lines answered */
	int op_start[MAX_LINES], op_end[MAX_LINES];
	char out[MAX_LINES][OUT_BYTES];
	char before[MAX_LINES][BEFORE_BYTES];
	struct trace_entry *trace;
	size_t ntrace, trace_cap;
	_Alignas(16) unsigned char cursor[MX_CURSOR_BYTES];
};

static struct thread_run runs_of[MAX_THREADS];
static struct thread_run *cur;
static int cur_index;		/* 1-based thread of `cur` */
static int nran;		/* threads that ran this execution */
static uint64_t obs;

/* The crash of this execution, if any. */
static struct {
	bool any;
	bool livelock;
	int thread, op;
	char message[240];
} crash;

static sigjmp_buf op_jb;	/* jumped to with siglongjmp: no mask was saved */
static volatile sig_atomic_t in_op, in_engine;

static void trace_add(struct thread_run *t, enum trace_kind kind, int op, int event,
		      uintptr_t addr, uint64_t value, uintptr_t pc, enum mx_class cls)
{
	struct trace_entry *e;

	GROW(t->trace, t->trace_cap, t->ntrace + 1);
	e = &t->trace[t->ntrace++];
	e->kind = (unsigned char)kind;
	e->cls = (unsigned char)cls;
	e->op = (short)op;
	e->event = event;
	e->addr = addr;
	e->value = value;
	e->pc = pc;
}

/* The runs a read may observe now, oldest first, one per distinct value (feasibleRuns). */
static int feasible_runs(const struct word *w)
{
	struct thread_run *t = cur;
	int i, k, nopt = 0;

	GROW(pool, pool_cap, npool + (size_t)w->n);
	for (i = 0; i < w->n; i++) {
		const struct run *r = &runs[w->first + i];
		int sources[2], targets[2], ns = 0, nt = 0;
		bool dup = false;

		for (k = 0; k < nopt; k++)
			if (runs[pool[npool + k].a].value == r->value)
				dup = true;
		if (dup)
			continue;
		sources[ns++] = t->prev;
		if (r->src >= 0)
			sources[ns++] = r->src;
		if (r->next >= 0)
			targets[nt++] = r->next;
		targets[nt++] = t->end;
		if (reaches_any(targets, nt, sources, ns))
			continue;
		pool[npool + nopt] = (struct option){ w->first + i, nopt };
		nopt++;
	}
	if (nopt > 1 && opt.bound >= 0 && preemptions >= (unsigned long)opt.bound) {
		bound_cut = true;
		nopt = 1;
	}
	return nopt;
}

/*
 * Data races (races=1): a read of a word, and a writer store to it that the read may come
 * before or after (the store starts a feasible run, and an earlier run is feasible too: the
 * two are not ordered by the graph's happens-before). Collected when a read's frame is new,
 * one per (word, store, reader PC, read class), with the first example: the reader thread
 * and line, and the path of choices up to the read, ending with an option that observes the
 * store (a prefix: a replay runs on with first choices).
 */
struct race {
	uintptr_t addr, pc;
	int store;		/* writer node */
	unsigned char cls;
	int thread, line;
	char *path;
	bool same;		/* the store wrote the value the word held */
};
static struct race *races;
static size_t nraces, races_cap;
static int cur_line;

static void note_races(const struct word *w, enum mx_class cls, uintptr_t pc, int off, int nopt)
{
	struct thread_run *t = cur;
	bool earlier = false;
	int i, k;

	for (i = 0; i < w->n; i++) {
		const struct run *r = &runs[w->first + i];
		int sources[2], targets[2], ns = 0, nt = 0, pick = -1;
		size_t x, len = 0, cap;
		char *path;

		sources[ns++] = t->prev;
		if (r->src >= 0)
			sources[ns++] = r->src;
		if (r->next >= 0)
			targets[nt++] = r->next;
		targets[nt++] = t->end;
		if (reaches_any(targets, nt, sources, ns))
			continue;
		if (!earlier) {
			earlier = true;
			continue;
		}
		for (x = 0; x < nraces; x++)
			if (races[x].addr == w->addr && races[x].store == r->src &&
			    races[x].pc == pc && races[x].cls == (unsigned char)cls)
				break;
		if (x < nraces)
			continue;
		/* The option that observes the store: the first whose run is this one or later,
		 * else the one with this run's value. */
		for (k = 0; k < nopt; k++)
			if (pool[off + k].a >= w->first + i ||
			    runs[pool[off + k].a].value == r->value) {
				pick = k;
				break;
			}
		if (pick < 0)
			pick = 0;
		cap = depth * 12 + 16;
		path = xrealloc(NULL, cap);
		for (x = 0; x + 1 < depth; x++)
			len += (size_t)snprintf(path + len, cap - len, "%d.", stack[x].index);
		snprintf(path + len, cap - len, "%d", pick);
		GROW(races, races_cap, nraces + 1);
		races[nraces++] = (struct race){ w->addr, pc, r->src, (unsigned char)cls,
						 cur_index, cur_line, path, false };
	}
}

/*
 * Stores that start no run (they wrote the value the word already held: a copy over equal
 * words, a height or a parent stored again) are unordered with a read when the store does
 * not reach the reader's last graph node (what happens before the read) and the reader's
 * end does not reach the store. Noted as `same` races, the path being the choices so far.
 */
static void note_same_value_races(const struct word *w, enum mx_class cls, uintptr_t pc)
{
	struct thread_run *t = cur;
	int i, k;

	for (i = 0; i < w->sn; i++) {
		int st = wstores[w->sfirst + i], src[1], dst[1];
		bool starts = false;
		size_t x, len = 0, cap;
		char *path;

		for (k = 0; k < w->n; k++)
			if (runs[w->first + k].src == st)
				starts = true;
		if (starts)
			continue;
		for (x = 0; x < nraces; x++)
			if (races[x].addr == w->addr && races[x].store == st && races[x].pc == pc &&
			    races[x].cls == (unsigned char)cls)
				break;
		if (x < nraces)
			continue;
		src[0] = st;
		dst[0] = t->prev;
		if (t->prev >= 0 && reaches_any(src, 1, dst, 1))
			continue;
		src[0] = t->end;
		dst[0] = st;
		if (t->end >= 0 && reaches_any(src, 1, dst, 1))
			continue;
		cap = depth * 12 + 16;
		path = xrealloc(NULL, cap);
		for (x = 0; x < depth; x++)
			len += (size_t)snprintf(path + len, cap - len, "%s%d", x ? "." : "",
						stack[x].index);
		if (depth == 0)
			snprintf(path, cap, "-");
		GROW(races, races_cap, nraces + 1);
		races[nraces++] = (struct race){ w->addr, pc, st, (unsigned char)cls,
						 cur_index, cur_line, path, true };
	}
}

static void races_reset(void)
{
	size_t i;

	for (i = 0; i < nraces; i++)
		free(races[i].path);
	nraces = 0;
}

/* `race PLACE WNODE THREAD LINE CLASS PATH run|same at=F:L via=F` per race found. */
static void print_races(void)
{
	static const char *const names[] = { "plain", "once", "atomic" };
	size_t i;

	for (i = 0; i < nraces; i++) {
		const struct race *r = &races[i];

		printf("race ");
		mx_put_place(stdout, r->addr);
		printf(" %d %d %d %s %s %s", r->store, r->thread, r->line, names[r->cls], r->path,
		       r->same ? "same" : "run");
		mx_put_at(stdout, r->pc);
		putchar('\n');
	}
}

static void livelock(void)
{
	crash.any = true;
	crash.livelock = true;
	crash.thread = cur_index;
	snprintf(crash.message, sizeof(crash.message),
		 "LivelockError: reader did not finish within %lu word reads", opt.budget);
	siglongjmp(op_jb, 2);
}

/* Direct mode (a reader alone): its reads as `a` lines while printing is on. */
static bool direct_print;

/* One word read by the current reader (execution.ts load). */
static void read_word(uintptr_t a, enum mx_class cls, uintptr_t pc)
{
	struct thread_run *t = cur;
	int wi;
	const struct word *w;
	const struct option *o;
	const struct run *run;
	int id;

	if (mx_reader_mode == MX_READERS_DIRECT) {
		if (direct_print) {
			printf("a %d ", (int)cls);
			mx_put_place(stdout, a);
			printf(" 0x%lx", *(unsigned long *)a);
			mx_put_at(stdout, pc);
			putchar('\n');
		}
		return;
	}
	if (++t->steps > opt.budget)
		livelock();
	wi = word_index(a);
	if (opt.races && wi >= 0)
		note_same_value_races(&words[wi], cls, pc);
	if (wi < 0 || words[wi].n == 1) {
		/* A word the writer never changed: memory holds its one value. */
		uint64_t v = *(uint64_t *)a;

		trace_add(t, T_READ, -1, -1, a, v, pc, cls);
		obs = mix64(obs ^ v);
		return;
	}
	w = &words[wi];
	o = replayed(C_RUN, wi);
	if (!o) {
		o = push_frame(C_RUN, wi, feasible_runs(w));
		if (opt.races)
			note_races(w, cls, pc, stack[nstack - 1].off, stack[nstack - 1].nopt);
	}
	if (o->b > 0)
		preemptions++;
	run = &runs[o->a];
	id = add_rnode(cur_index);
	add_edge(t->prev, id);
	if (run->src >= 0)
		add_edge(run->src, id);
	if (run->next >= 0)
		add_edge(id, run->next);
	add_edge(id, t->end);
	t->prev = id;
	*(uint64_t *)a = run->value;
	trace_add(t, T_READ, -1, id, a, run->value, pc, cls);
	obs = mix64(obs ^ run->value);
}

void mx_ex_load(const void *addr, unsigned int size, enum mx_class cls, uintptr_t pc)
{
	uintptr_t a = (uintptr_t)addr & ~(uintptr_t)7, end = (uintptr_t)addr + size;

	if (!cur)
		return;
	in_engine = 1;
	for (; a < end; a += 8)
		read_word(a, cls, pc);
	in_engine = 0;
}

void mx_ex_store(void *addr, unsigned int size, uintptr_t pc)
{
	const struct mx_place *p = mx_place_of(pc);

	(void)size;
	if (!in_op || !cur)
		return;
	crash.any = true;
	crash.livelock = false;
	crash.thread = cur_index;
	snprintf(crash.message, sizeof(crash.message),
		 "ReaderStore: a reader stored to node memory at %#lx in %s:%d",
		 (unsigned long)addr, p->func, p->line);
	in_engine = 0;
	siglongjmp(op_jb, 1);
}

void mx_ex_assert(const char *expr, const char *file, unsigned int line, const char *func)
{
	if (in_op && !in_engine) {
		crash.any = true;
		crash.livelock = false;
		crash.thread = cur_index;
		snprintf(crash.message, sizeof(crash.message), "BUG_ON: %s (%s:%u in %s)", expr,
			 strrchr(file, '/') ? strrchr(file, '/') + 1 : file, line, func);
		siglongjmp(op_jb, 1);
	}
	fprintf(stderr, "maple-explore-runner: assertion failed: %s (%s:%u in %s)\n", expr, file,
		line, func);
	abort();
}

void __assert_fail(const char *expr, const char *file, unsigned int line, const char *func)
{
	mx_ex_assert(expr, file, line, func);
	abort();
}

/* The signal that ended a reader line, described after the jump (not in the handler). */
static volatile sig_atomic_t crash_sig;
static volatile uintptr_t crash_pc, crash_addr;

static void on_signal(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	if (!in_op || in_engine) {
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	crash_sig = sig;
	crash_pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
	crash_addr = (uintptr_t)si->si_addr;
	siglongjmp(op_jb, 3);
}

static void describe_signal(void)
{
	const struct mx_place *p = mx_place_of(crash_pc + 1);
	int sig = crash_sig;

	crash.any = true;
	crash.livelock = false;
	crash.thread = cur_index;
	snprintf(crash.message, sizeof(crash.message), "%s: at %s:%d (address %#lx)",
		 sig == SIGSEGV ? "SIGSEGV" : sig == SIGBUS ? "SIGBUS" : sig == SIGFPE ? "SIGFPE"
		 : sig == SIGILL ? "SIGILL" : sig == SIGABRT ? "SIGABRT" : "signal",
		 p->func, p->line, (unsigned long)crash_addr);
}

/*
 * A reader line that never returns and reads no node memory never meets its step bound:
 * a 100 ms tick sees the same line running for HANG_TICKS ticks and ends it as a livelock.
 */
#define HANG_TICKS 30
static volatile sig_atomic_t line_seq, seen_seq, stalled;

static void on_tick(int sig)
{
	(void)sig;
	if (!in_op || in_engine || line_seq != seen_seq) {
		seen_seq = line_seq;
		stalled = 0;
		return;
	}
	if (++stalled < HANG_TICKS)
		return;
	stalled = 0;
	crash_sig = 0;
	siglongjmp(op_jb, 4);
}

static void install_handlers(void)
{
	static bool done;
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	struct sigaction sa;
	struct itimerval tick = { { 0, 100000 }, { 0, 100000 } };
	stack_t ss;
	size_t i;

	if (done)
		return;
	done = true;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_tick;
	sa.sa_flags = SA_RESTART | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &tick, NULL);
	ss.ss_sp = xrealloc(NULL, 1 << 16);
	ss.ss_size = 1 << 16;
	ss.ss_flags = 0;
	sigaltstack(&ss, NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

/* For every call_rcu: did the operation start before it or after it (execution.ts protect). */
static void protect(int start, int end)
{
	int c;

	for (c = 0; c < nsegs; c++) {
		const struct segment *s = &segs[c];
		const struct option *o = replayed(C_RCU, c);

		if (!o) {
			int seg_nodes[2] = { s->call, s->gp }, se[2] = { start, end };
			bool prot, late;
			int nopt = 0;

			prot = !reaches_any(seg_nodes, 2, se, 2);
			late = !reaches_any(&start, 1, &s->call, 1);
			GROW(pool, pool_cap, npool + 2);
			if (prot)
				pool[npool + nopt++] = (struct option){ c, 1 };
			if (late && (opt.branch_rcu || !prot))
				pool[npool + nopt++] = (struct option){ c, 0 };
			o = push_frame(C_RCU, c, nopt);
		}
		if (o->b) {
			add_edge(start, s->call);
			add_edge(end, s->gp);
		} else {
			add_edge(s->call, start);
		}
	}
}

static struct maple_tree *tree(void)
{
	return mx_arena_tree();
}

/* One reader line of the current thread, crash-isolated. */
static void run_line(int o)
{
	struct thread_run *t = cur;
	const struct line *l = &threads[cur_index - 1].line[o];

	/* No mask saved (a syscall per line): the handlers run with SA_NODEFER, so a jump out
	 * of one leaves nothing blocked. */
	int how = sigsetjmp(op_jb, 0);

	if (how == 0) {
		cur_line = o;
		line_seq++;
		in_op = 1;
		mx_read_line(t->cursor, tree(), l->op, l->a, l->b, t->out[o], OUT_BYTES,
			     t->before[o], BEFORE_BYTES);
		in_op = 0;
		return;
	}
	in_op = 0;
	in_engine = 0;
	if (how == 3)
		describe_signal();
	if (how == 4) {
		crash.any = true;
		crash.livelock = true;
		crash.thread = cur_index;
		snprintf(crash.message, sizeof(crash.message),
			 "LivelockError: reader did not return within %d s (no node reads)",
			 HANG_TICKS / 10);
	}
	crash.op = o;
}

static void run_execution(void)
{
	int ti, o;

	graph_reset();
	depth = 0;
	preemptions = 0;
	bound_cut = false;
	crash.any = false;
	obs = 0x9e3779b97f4a7c15ULL;
	nran = 0;
	mx_reader_mode = MX_READERS_EXPLORE;
	for (ti = 0; ti < nthreads && !crash.any; ti++) {
		const struct thread_spec *spec = &threads[ti];
		struct thread_run *t = &runs_of[ti];
		int section[2] = { -1, -1 };

		cur = t;
		cur_index = ti + 1;
		nran++;
		t->prev = -1;
		t->end = -1;
		t->reads = 0;
		t->nops = 0;
		t->ntrace = 0;
		mx_cursor_init(t->cursor, tree());
		obs = mix64(obs ^ (0xabcdULL + (uint64_t)ti));
		if (spec->kind == KIND_RCU) {
			section[0] = add_rnode(cur_index);
			section[1] = add_rnode(cur_index);
			add_edge(section[0], section[1]);
			protect(section[0], section[1]);
			t->end = section[0];
		}
		for (o = 0; o < spec->nlines && !crash.any; o++) {
			int start = add_rnode(cur_index), end = add_rnode(cur_index);

			if (t->end >= 0)
				add_edge(t->end, start);
			add_edge(start, end);
			if (section[0] >= 0)
				add_edge(end, section[1]);
			t->prev = start;
			t->end = end;
			t->steps = 0;
			label[start] = 2 * o;
			label[end] = 2 * o + 1;
			trace_add(t, T_START, o, start, 0, 0, 0, MX_PLAIN);
			if (spec->kind != KIND_NONE && section[0] < 0)
				protect(start, end);
			run_line(o);
			if (crash.any) {
				trace_add(t, T_CRASH, o, -1, 0, 0, 0, MX_PLAIN);
				obs = mix64(obs ^ (crash.livelock ? 0x1111 : 0x2222));
			} else {
				trace_add(t, T_END, o, end, 0, 0, 0, MX_PLAIN);
				t->op_start[o] = start;
				t->op_end[o] = end;
				t->nops = o + 1;
			}
			t->reads += t->steps;
		}
	}
	cur = NULL;
	mx_reader_mode = MX_READERS_OFF;
}

/* ---------------------------------------------------------------- histories */

/* A total order of all nodes (event-graph.ts topologicalOrder). */
static int *indeg, *order_buf, *heap_buf, *heap_len, *rank_of;
static size_t topo_cap;

static void heap_push(int *h, int *len, int v)
{
	int i = (*len)++;

	while (i > 0) {
		int p = (i - 1) >> 1;

		if (h[p] <= v)
			break;
		h[i] = h[p];
		i = p;
	}
	h[i] = v;
}

static int heap_pop(int *h, int *len)
{
	int top = h[0], last = h[--(*len)], i = 0;

	if (*len == 0)
		return top;
	for (;;) {
		int l = 2 * i + 1, c;

		if (l >= *len)
			break;
		c = l + 1 < *len && h[l + 1] < h[l] ? l + 1 : l;
		if (h[c] >= last)
			break;
		h[i] = h[c];
		i = c;
	}
	h[i] = last;
	return top;
}

/* The class of a node: its thread, or (starts_last) n + thread for an op start. */
static inline int class_of(int v, bool starts_last)
{
	if (v < W)
		return 0;
	if (starts_last && label[v] >= 0 && !(label[v] & 1))
		return nran + owner[v];
	return owner[v];
}

static int topo_order(const int *class_order, int nclasses, bool starts_last)
{
	int v, j, e, n = 0, nc = 2 * nran + 1;

	if ((size_t)N > topo_cap) {
		GROW(indeg, topo_cap, (size_t)N);
		order_buf = xrealloc(order_buf, topo_cap * sizeof(int));
		heap_buf = xrealloc(heap_buf, topo_cap * (2 * MAX_THREADS + 1) * sizeof(int));
	}
	if (!heap_len) {
		heap_len = xrealloc(NULL, (2 * MAX_THREADS + 1) * sizeof(int));
		rank_of = xrealloc(NULL, (2 * MAX_THREADS + 1) * sizeof(int));
	}
	for (j = 0; j < nc; j++) {
		heap_len[j] = 0;
		rank_of[j] = 0;
	}
	for (j = 0; j < nclasses; j++)
		rank_of[class_order[j]] = j;
	memcpy(indeg, s_indeg, (size_t)W * sizeof(int));
	memset(indeg + W, 0, (size_t)(N - W) * sizeof(int));
	for (j = 0; j < (int)ne; j++)
		indeg[e_dst[j]]++;
	for (v = 0; v < N; v++)
		if (indeg[v] == 0) {
			int r = rank_of[class_of(v, starts_last)];

			heap_push(heap_buf + (size_t)r * topo_cap, &heap_len[r], v);
		}
	for (;;) {
		int h = 0;

		while (h < nclasses && heap_len[h] == 0)
			h++;
		if (h == nclasses)
			break;
		v = heap_pop(heap_buf + (size_t)h * topo_cap, &heap_len[h]);
		order_buf[n++] = v;
		if (v < W)
			for (j = s_off[v]; j < s_off[v + 1]; j++)
				if (--indeg[s_dst[j]] == 0) {
					int d = s_dst[j], r = rank_of[class_of(d, starts_last)];

					heap_push(heap_buf + (size_t)r * topo_cap, &heap_len[r], d);
				}
		for (e = first_edge(v); e >= 0; e = e_next[e])
			if (--indeg[e_dst[e]] == 0) {
				int d = e_dst[e], r = rank_of[class_of(d, starts_last)];

				heap_push(heap_buf + (size_t)r * topo_cap, &heap_len[r], d);
			}
	}
	if (n != N)
		fatal("event graph has a cycle");
	return n;
}

/* Permutations in the order of history.ts (first element by index, then the rest). */
static int permutations(const int *xs, int n, int out[][MAX_THREADS + 1])
{
	int count = 0, i, k, p;

	if (n <= 1) {
		for (k = 0; k < n; k++)
			out[0][k] = xs[k];
		return 1;
	}
	for (i = 0; i < n; i++) {
		int rest[MAX_THREADS + 1], sub[24][MAX_THREADS + 1], ns, m = 0;

		for (k = 0; k < n; k++)
			if (k != i)
				rest[m++] = xs[k];
		ns = permutations(rest, n - 1, sub);
		for (p = 0; p < ns; p++) {
			out[count][0] = xs[i];
			for (k = 0; k < n - 1; k++)
				out[count][k + 1] = sub[p][k];
			count++;
		}
	}
	return count;
}

/* The op-boundary labels of the current order: writer op i is i, reader ops follow. */
static int op_base[MAX_THREADS + 1];
static int total_ops;

/* Where each label is in the order (the history's call and return times). */
#define SIG_BYTES (2 * (64 + MAX_THREADS * MAX_LINES))
static int sig_pos[SIG_BYTES];

typedef unsigned short label_t;

static int signature(label_t *sig)
{
	int i, n = 0;

	for (i = 0; i < N; i++) {
		int v = order_buf[i];

		if (v < W) {
			if (w_kind[v] == W_OP_BEGIN || w_kind[v] == W_OP_END) {
				int op = mx_log.ev[w_event[v]].aux;

				if (n == SIG_BYTES)
					fatal("too many operations");
				sig_pos[n] = i;
				sig[n++] = (label_t)(2 * op + (w_kind[v] == W_OP_END));
			}
		} else if (label[v] >= 0) {
			if (n == SIG_BYTES)
				fatal("too many operations");
			sig_pos[n] = i;
			sig[n++] = (label_t)(2 * op_base[owner[v]] + label[v]);
		}
	}
	return n;
}

/* ---------------------------------------------------------------- asking TypeScript */

static char *answer_line(char *buf, size_t n)
{
	fflush(stdout);
	if (!fgets(buf, (int)n, stdin)) {
		fputs("maple-explore-runner: the checker went away\n", stderr);
		exit(3);
	}
	buf[strcspn(buf, "\r\n")] = '\0';
	return buf;
}

/* Results vectors seen: text -> id and (once answered) ordered bits. */
struct rvec {
	uint64_t hash;
	size_t text;		/* offset in rtext */
	size_t len;
	int id;
	unsigned int ordered;	/* bit t: thread t+1 takes part in ordering */
};
static struct rvec *rvecs;
static size_t nrvecs, rvec_cap;
static int *rslots;
static size_t rslot_cap;
static char *rtext;
static size_t rtext_len, rtext_cap;

/* Histories seen: (results id, signature) -> key id, named to TypeScript once. */
struct key {
	uint64_t hash;
	size_t sig;
	int len, rid;
};
static struct key *keys;
static size_t nkeys, key_cap;
static int *kslots;
static size_t kslot_cap;
static unsigned short *sigtext;
static size_t sigtext_len, sigtext_cap;

static void rehash(int **slots, size_t *cap, size_t n, uint64_t (*hash_at)(size_t))
{
	size_t i;

	*cap = *cap ? *cap * 2 : 1024;
	while (*cap < 2 * n)
		*cap *= 2;
	*slots = xrealloc(*slots, *cap * sizeof(int));
	memset(*slots, 0xff, *cap * sizeof(int));
	for (i = 0; i < n; i++) {
		size_t s = hash_at(i) & (*cap - 1);

		while ((*slots)[s] >= 0)
			s = (s + 1) & (*cap - 1);
		(*slots)[s] = (int)i;
	}
}

static uint64_t rvec_hash(size_t i)
{
	return rvecs[i].hash;
}

static uint64_t key_hash(size_t i)
{
	return keys[i].hash;
}

static void reset_caches(void)
{
	nrvecs = 0;
	rtext_len = 0;
	nkeys = 0;
	sigtext_len = 0;
	if (rslots)
		memset(rslots, 0xff, rslot_cap * sizeof(int));
	if (kslots)
		memset(kslots, 0xff, kslot_cap * sizeof(int));
}

static char results_buf[MAX_THREADS * MAX_LINES * (OUT_BYTES + BEFORE_BYTES + 4)];

/* This execution's results vector (`?r ID (TAB OUT TAB BEFORE)...` when new). */
static int results_vector(void)
{
	size_t len = 0, s;
	uint64_t h;
	int ti, o;
	struct rvec *r;

	for (ti = 0; ti < nran; ti++)
		for (o = 0; o < runs_of[ti].nops; o++)
			len += (size_t)snprintf(results_buf + len, sizeof(results_buf) - len,
						"\t%s\t%s", runs_of[ti].out[o],
						runs_of[ti].before[o]);
	h = hash_bytes(results_buf, len, 0xcbf29ce484222325ULL);
	if (rslot_cap > 0)
		for (s = h & (rslot_cap - 1); rslots[s] >= 0; s = (s + 1) & (rslot_cap - 1)) {
			r = &rvecs[rslots[s]];
			if (r->hash == h && r->len == len && memcmp(rtext + r->text, results_buf, len) == 0)
				return r->id;
		}
	printf("?r %zu%s\n", nrvecs, results_buf);
	GROW(rvecs, rvec_cap, nrvecs + 1);
	GROW(rtext, rtext_cap, rtext_len + len + 1);
	r = &rvecs[nrvecs];
	r->hash = h;
	r->text = rtext_len;
	r->len = len;
	r->id = (int)nrvecs;
	r->ordered = 0;
	memcpy(rtext + rtext_len, results_buf, len);
	rtext_len += len;
	nrvecs++;
	if (2 * nrvecs >= rslot_cap)
		rehash(&rslots, &rslot_cap, nrvecs, rvec_hash);
	else {
		for (s = h & (rslot_cap - 1); rslots[s] >= 0; s = (s + 1) & (rslot_cap - 1))
			;
		rslots[s] = (int)nrvecs - 1;
	}
	return r->id;
}

/* The key of a history (`k ID RID LABEL:TIME...` when new). */
static int key_of(int rid, const label_t *sig, const int *pos, int len)
{
	uint64_t h = hash_bytes(sig, (size_t)len * sizeof(label_t),
				0x84222325cbf29ce4ULL ^ (uint64_t)rid);
	struct key *k;
	size_t s;
	int i;

	if (kslot_cap > 0)
		for (s = h & (kslot_cap - 1); kslots[s] >= 0; s = (s + 1) & (kslot_cap - 1)) {
			k = &keys[kslots[s]];
			if (k->hash == h && k->rid == rid && k->len == len &&
			    memcmp(sigtext + k->sig, sig, (size_t)len * sizeof(label_t)) == 0)
				return kslots[s];
		}
	printf("k %zu %d", nkeys, rid);
	for (i = 0; i < len; i++)
		printf(" %d:%d", sig[i], pos[i]);
	putchar('\n');
	GROW(keys, key_cap, nkeys + 1);
	GROW(sigtext, sigtext_cap, sigtext_len + (size_t)len + 1);
	k = &keys[nkeys];
	k->hash = h;
	k->sig = sigtext_len;
	k->len = len;
	k->rid = rid;
	memcpy(sigtext + sigtext_len, sig, (size_t)len * sizeof(label_t));
	sigtext_len += (size_t)len;
	nkeys++;
	if (2 * nkeys >= kslot_cap)
		rehash(&kslots, &kslot_cap, nkeys, key_hash);
	else {
		for (s = h & (kslot_cap - 1); kslots[s] >= 0; s = (s + 1) & (kslot_cap - 1))
			;
		kslots[s] = (int)nkeys - 1;
	}
	return (int)nkeys - 1;
}

/* One execution's distinct histories, in scheme order: signature, positions, its classes. */
#define MAX_SCHEMES 32
struct history {
	label_t sig[SIG_BYTES];
	int pos[SIG_BYTES];
	int len;
	int classes[2 * MAX_THREADS + 2], nclasses;
	bool starts_last;
};
static struct history hist[MAX_SCHEMES];

/*
 * The histories of the execution (history.ts): one total order per priority scheme (every
 * permutation of the writer and the ordered readers by thread; then every permutation of the
 * ordered readers with operation starts last), kept once per call/return pattern.
 */
static int build_histories(unsigned int ordered)
{
	int free_t[MAX_THREADS + 1], fixed_t[MAX_THREADS], nfree = 0, nfixed = 0, ti;
	int perms[24][MAX_THREADS + 1], np, p, k, nh = 0;
	static label_t sig[SIG_BYTES];

	for (ti = 0; ti < nran; ti++) {
		if (ordered & (1u << ti))
			free_t[nfree++] = ti + 1;
		else
			fixed_t[nfixed++] = ti + 1;
	}
	total_ops = nwops;
	for (ti = 0; ti < nran; ti++) {
		op_base[ti + 1] = total_ops;
		total_ops += runs_of[ti].nops;
	}
	for (k = 0; k < 2; k++) {
		int xs[MAX_THREADS + 1], nx = 0;

		if (k == 0)
			xs[nx++] = 0;
		for (ti = 0; ti < nfree; ti++)
			xs[nx++] = free_t[ti];
		np = permutations(xs, nx, perms);
		for (p = 0; p < np; p++) {
			struct history *h = &hist[nh];
			int j, len;
			bool dup = false;

			h->nclasses = 0;
			for (j = 0; j < nx; j++)
				h->classes[h->nclasses++] = perms[p][j];
			for (j = 0; j < nfixed; j++)
				h->classes[h->nclasses++] = fixed_t[j];
			if (k == 1)
				h->classes[h->nclasses++] = 0;
			for (j = 0; j < (k == 0 ? nfree : nx); j++)
				h->classes[h->nclasses++] = nran + (k == 0 ? free_t[j] : perms[p][j]);
			for (j = 0; j < nfixed; j++)
				h->classes[h->nclasses++] = nran + fixed_t[j];
			h->starts_last = k == 1;
			topo_order(h->classes, h->nclasses, h->starts_last);
			len = signature(sig);
			for (j = 0; j < nh && !dup; j++)
				dup = hist[j].len == len &&
				      memcmp(hist[j].sig, sig, (size_t)len * sizeof(label_t)) == 0;
			if (dup || nh == MAX_SCHEMES)
				continue;
			memcpy(h->sig, sig, (size_t)len * sizeof(label_t));
			memcpy(h->pos, sig_pos, (size_t)len * sizeof(int));
			h->len = len;
			nh++;
		}
	}
	return nh;
}

enum finding { F_NONE, F_CHECK, F_CRASH, F_LIVELOCK };

/* ---------------------------------------------------------------- reports */

static const char *const class_names[] = { "plain", "once", "atomic" };

static void print_path(void)
{
	size_t i;

	for (i = 0; i < nstack; i++)
		printf("%s%d", i ? "." : "", stack[i].index);
	if (nstack == 0)
		putchar('-');
}

/* `v KIND THREAD OP MESSAGE EXECUTION PATH`, the traces, `o ORDER...`, `v-end`. */
static void report(enum finding f, unsigned long execution, int message)
{
	static const char *const kinds[] = { "none", "check-failed", "reader-crashed", "livelock" };
	int ti, i;

	printf("v %s %d %d %d %lu ", kinds[f], f == F_CHECK ? 0 : crash.thread,
	       f == F_CHECK ? 0 : crash.op, message, execution);
	print_path();
	putchar('\n');
	if (f != F_CHECK)
		printf("m %s\n", crash.message);
	for (ti = 0; ti < nran; ti++) {
		const struct thread_run *t = &runs_of[ti];
		size_t k;

		for (k = 0; k < t->ntrace; k++) {
			const struct trace_entry *e = &t->trace[k];

			switch (e->kind) {
			case T_START:
				printf("t %d s %d %d\n", ti + 1, e->op, e->event);
				break;
			case T_READ:
				printf("t %d r %d %s ", ti + 1, e->event, class_names[e->cls]);
				mx_put_place(stdout, e->addr);
				printf(" 0x%lx", (unsigned long)e->value);
				mx_put_at(stdout, e->pc);
				putchar('\n');
				break;
			case T_END:
				printf("t %d e %d %d %s\t%s\n", ti + 1, e->op, e->event, t->out[e->op],
				       t->before[e->op]);
				break;
			case T_CRASH:
				printf("t %d x %d\n", ti + 1, e->op);
				break;
			}
		}
	}
	printf("o");
	for (i = 0; i < N; i++)
		printf(" %d", order_buf[i]);
	printf("\nv-end\n");
}

static void print_writer_nodes(void)
{
	int i;

	printf("wnodes %d", W);
	for (i = 0; i < W; i++)
		printf(" %d", w_event[i]);
	putchar('\n');
}

/* ---------------------------------------------------------------- the search */

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* Observations seen (hashes of the values every reader read). */
static uint64_t *obs_set;
static size_t obs_cap, nobs;

static void obs_add(uint64_t h)
{
	size_t s;

	if (h == 0)
		h = 1;
	if (2 * (nobs + 1) > obs_cap) {
		uint64_t *old = obs_set;
		size_t old_cap = obs_cap, i;

		obs_cap = obs_cap ? obs_cap * 2 : 4096;
		obs_set = xrealloc(NULL, obs_cap * sizeof(uint64_t));
		memset(obs_set, 0, obs_cap * sizeof(uint64_t));
		for (i = 0; i < old_cap; i++)
			if (old[i]) {
				for (s = old[i] & (obs_cap - 1); obs_set[s]; s = (s + 1) & (obs_cap - 1))
					;
				obs_set[s] = old[i];
			}
		free(old);
	}
	for (s = h & (obs_cap - 1); obs_set[s]; s = (s + 1) & (obs_cap - 1))
		if (obs_set[s] == h)
			return;
	obs_set[s] = h;
	nobs++;
}

/* Reads `a.b.c` (or `-`, the empty path) into roots[]; *p ends past it. */
static bool parse_path(char **p)
{
	char *end;

	if (**p == '-') {
		(*p)++;
		return true;
	}
	for (;;) {
		long x = strtol(*p, &end, 10);

		if (end == *p || x < 0)
			return false;
		GROW(roots, roots_cap, (size_t)root_off[opt.nroots] + 1);
		roots[root_off[opt.nroots]++] = (int)x;
		*p = end;
		if (**p != '.')
			return true;
		(*p)++;
	}
}

/* `roots=P;P;...` (empty: no subtree at all), each P a path as parse_path reads it. */
static bool parse_roots(char *v)
{
	opt.given_roots = true;
	opt.nroots = 0;
	while (*v) {
		GROW(root_off, root_off_cap, (size_t)opt.nroots + 2);
		root_off[opt.nroots + 1] = root_off[opt.nroots];
		opt.nroots++;
		if (!parse_path(&v) || (*v && *v++ != ';'))
			return false;
	}
	return true;
}

static bool parse_options(char **tok, int ntok)
{
	int i;

	opt = (struct options){ .budget = 10000, .bound = -1, .max_exec = 200000, .stop_first = true,
				.max_viol = 10, .path = opt.path, .ms = -1, .nroots = 1 };
	GROW(root_off, root_off_cap, 2);
	root_off[0] = root_off[1] = 0;
	for (i = 1; i < ntok; i++) {
		char *eq = strchr(tok[i], '='), *v;

		if (!eq)
			return false;
		*eq = '\0';
		v = eq + 1;
		if (strcmp(tok[i], "races") == 0)
			opt.races = atoi(v) != 0;
		else if (strcmp(tok[i], "budget") == 0)
			opt.budget = strtoul(v, NULL, 10);
		else if (strcmp(tok[i], "bound") == 0)
			opt.bound = strtol(v, NULL, 10);
		else if (strcmp(tok[i], "branch") == 0)
			opt.branch_rcu = atoi(v) != 0;
		else if (strcmp(tok[i], "fwd") == 0)
			opt.fwd = atoi(v) != 0;
		else if (strcmp(tok[i], "max") == 0)
			opt.max_exec = strtoul(v, NULL, 10);
		else if (strcmp(tok[i], "stop") == 0)
			opt.stop_first = atoi(v) != 0;
		else if (strcmp(tok[i], "maxv") == 0)
			opt.max_viol = atoi(v) < 1 ? 1 : atoi(v);
		else if (strcmp(tok[i], "ms") == 0)
			opt.ms = strtod(v, NULL);
		else if (strcmp(tok[i], "plan") == 0)
			opt.plan = atoi(v) != 0;
		else if (strcmp(tok[i], "roots") == 0) {
			if (!parse_roots(v))
				return false;
		}
		else if (strcmp(tok[i], "replay") == 0) {
			char *p = v;

			opt.replay = true;
			opt.npath = 0;
			while (*p && *p != '-') {
				GROW(opt.path, path_cap, (size_t)opt.npath + 1);
				opt.path[opt.npath++] = (int)strtol(p, &p, 10);
				if (*p == '.')
					p++;
				else
					break;
			}
		} else {
			return false;
		}
	}
	return true;
}

/* What each execution of the first pass gave. */
#define REC_CRASH 1
#define REC_LIVELOCK 2
#define REC_CUT 4
struct exec_rec {
	uint64_t obs;
	int rid;		/* results vector, -1 after a crash */
	unsigned char flags;
};
static struct exec_rec *recs;
static size_t recs_cap;

/* The violations TypeScript reports: execution, which history failed (-1: a crash), message. */
struct reported {
	unsigned long execution;
	int history, message;
};
static struct reported *reports;
static size_t nreports, reports_cap;

static unsigned long first_reads[MAX_THREADS];
static int nfirst;

/* Called after execution @n of a pass; false stops the pass. */
typedef bool exec_fn(unsigned long n);

/* The search's position: its stack of choices (a copy, to run a chunk again). */
struct dfs_state {
	struct frame *stack;
	size_t nstack, stack_cap;
	struct option *pool;
	size_t npool, pool_cap;
	int root_at;
};

/* The subtree being explored: its root path is the prefix of its first execution, and the
 * search never backtracks above its depth (floor). */
static int root_at, floor_depth;

static void enter_root(int r)
{
	root_at = r;
	nstack = 0;
	npool = 0;
	if (opt.replay) {
		prefix = opt.path;
		nprefix = opt.npath;
	} else if (r < opt.nroots) {
		prefix = roots + root_off[r];
		nprefix = root_off[r + 1] - root_off[r];
	} else {
		nprefix = 0;
	}
	floor_depth = opt.replay ? 0 : nprefix;
}

static void save_state(struct dfs_state *st)
{
	GROW(st->stack, st->stack_cap, nstack + 1);
	GROW(st->pool, st->pool_cap, npool + 1);
	memcpy(st->stack, stack, nstack * sizeof(*stack));
	memcpy(st->pool, pool, npool * sizeof(*pool));
	st->nstack = nstack;
	st->npool = npool;
	st->root_at = root_at;
}

static void load_state(const struct dfs_state *st)
{
	GROW(stack, stack_cap, st->nstack + 1);
	GROW(pool, pool_cap, st->npool + 1);
	memcpy(stack, st->stack, st->nstack * sizeof(*stack));
	memcpy(pool, st->pool, st->npool * sizeof(*pool));
	nstack = st->nstack;
	npool = st->npool;
	root_at = st->root_at;
	if (!opt.replay && root_at < opt.nroots) {
		prefix = roots + root_off[root_at];
		nprefix = root_off[root_at + 1] - root_off[root_at];
		floor_depth = nprefix;
	}
}

static bool nothing_to_do;

/* The start of a search. Given roots, one uncounted execution of the whole space first: its
 * reads are the unsharded run's first execution's (the naive count's). */
static void search_init(void)
{
	int ti;

	nfirst = 0;
	nprefix = 0;
	nstack = 0;
	npool = 0;
	if (opt.given_roots && !opt.replay) {
		run_execution();
		for (ti = 0; ti < nran; ti++)
			first_reads[ti] = runs_of[ti].reads;
		nfirst = nran;
	}
	nothing_to_do = !opt.replay && opt.nroots == 0;
	enter_root(0);
}

/*
 * Up to @limit executions from the search's current position, numbered @base + 1 .. (the
 * loop of explore.ts). *ended: the space is exhausted; *timed_out: the deadline (< 0: none)
 * passed; *stopped: @fn said stop. The search is deterministic: from the same position, the
 * same executions in the same order.
 */
static unsigned long run_chunk(unsigned long limit, unsigned long base, double deadline,
			       exec_fn *fn, bool *ended, bool *timed_out, bool *stopped)
{
	unsigned long k = 0;
	int ti;

	*ended = false;
	*timed_out = false;
	*stopped = false;
	for (;;) {
		unsigned long n = base + k;

		if (nothing_to_do) {
			*ended = true;
			break;
		}
		if (k >= limit)
			break;
		if (deadline >= 0 && (n & 63) == 63 && now_ms() > deadline) {
			*timed_out = true;
			break;
		}
		run_execution();
		k++;
		if (n == 0 && nfirst == 0) {
			for (ti = 0; ti < nran; ti++)
				first_reads[ti] = runs_of[ti].reads;
			nfirst = nran;
		}
		if (!fn(n + 1)) {
			*stopped = true;
			break;
		}
		if (opt.replay) {
			*stopped = true;
			break;
		}
		while (nstack > (size_t)floor_depth &&
		       stack[nstack - 1].index + 1 > stack[nstack - 1].nopt - 1) {
			npool = (size_t)stack[nstack - 1].off;
			nstack--;
		}
		if (nstack > (size_t)floor_depth) {
			stack[nstack - 1].index++;
			continue;
		}
		/* This subtree is done: on to the next, from an empty stack. */
		if (root_at + 1 >= opt.nroots) {
			*ended = true;
			break;
		}
		enter_root(root_at + 1);
	}
	return k;
}

/* Pass 1: every execution's observation and answers (new answer vectors asked as met). */
static bool pass_record(unsigned long n)
{
	struct exec_rec *r;

	GROW(recs, recs_cap, (size_t)n);
	r = &recs[n - 1];
	r->obs = obs;
	r->flags = (unsigned char)((crash.any ? REC_CRASH : 0) |
				   (crash.any && crash.livelock ? REC_LIVELOCK : 0) |
				   (bound_cut ? REC_CUT : 0));
	r->rid = crash.any ? -1 : results_vector();
	/* A crash is a finding: the first violation is at or before it. */
	return !(crash.any && opt.stop_first);
}

/* Pass 2: every execution's histories (`e N KEY...`, `x N` for a crash). */
static bool pass_histories(unsigned long n)
{
	const struct exec_rec *r = &recs[n - 1];
	int nh, i;
	int ids[MAX_SCHEMES];

	if (obs != r->obs || crash.any != ((r->flags & REC_CRASH) != 0))
		fatal("an execution ran differently the second time (non-deterministic C code?)");
	if (crash.any) {
		printf("x %lu\n", n);
		return true;
	}
	if (rvecs[r->rid].ordered == 0)
		return true;
	nh = build_histories(rvecs[r->rid].ordered);
	for (i = 0; i < nh; i++)
		ids[i] = key_of(r->rid, hist[i].sig, hist[i].pos, hist[i].len);
	printf("e %lu", n);
	for (i = 0; i < nh; i++)
		printf(" %d", ids[i]);
	putchar('\n');
	return true;
}

/* Pass 3: the reported violations, with their traces and orders. */
static unsigned long last_report;

static bool pass_report(unsigned long n)
{
	size_t i;

	for (i = 0; i < nreports; i++) {
		const struct reported *rp = &reports[i];

		if (rp->execution != n)
			continue;
		if (rp->history < 0) {
			int classes[MAX_THREADS + 1], ti;

			for (ti = 0; ti < nran; ti++)
				classes[ti] = ti + 1;
			classes[nran] = 0;
			topo_order(classes, nran + 1, false);
			report(crash.livelock ? F_LIVELOCK : F_CRASH, n, -1);
		} else {
			const struct exec_rec *r = &recs[n - 1];
			int nh = build_histories(rvecs[r->rid].ordered);
			const struct history *h = &hist[rp->history < nh ? rp->history : nh - 1];

			topo_order(h->classes, h->nclasses, h->starts_last);
			report(F_CHECK, n, rp->message);
		}
	}
	return n < last_report;
}

/* The judging of one chunk: `?h-end` after its histories, then TypeScript's answer. */
static void judge_chunk(unsigned long *stop, unsigned long *violating)
{
	char line[256];
	unsigned long st, v;

	puts("?h-end");
	answer_line(line, sizeof(line));
	if (sscanf(line, "h %lu %lu", &st, &v) != 2)
		fatal("bad answer to ?h");
	*stop = st;
	*violating += v;
	nreports = 0;
	last_report = 0;
	for (;;) {
		struct reported rp;

		answer_line(line, sizeof(line));
		if (strcmp(line, "h-end") == 0)
			break;
		if (sscanf(line, "hv %lu %d %d", &rp.execution, &rp.history, &rp.message) != 3)
			fatal("bad answer to ?h");
		GROW(reports, reports_cap, nreports + 1);
		reports[nreports++] = rp;
		if (rp.execution > last_report)
			last_report = rp.execution;
	}
}

static void ask_vectors(void)
{
	char line[256];
	int ti;

	puts("?r-end");
	for (;;) {
		int id;
		char bits[8];

		answer_line(line, sizeof(line));
		if (strcmp(line, "r-end") == 0)
			break;
		if (sscanf(line, "r %d %7s", &id, bits) != 2 || id < 0 || (size_t)id >= nrvecs)
			fatal("bad answer to ?r");
		for (ti = 0; bits[ti] == '0' || bits[ti] == '1'; ti++)
			if (bits[ti] == '1')
				rvecs[id].ordered |= 1u << ti;
	}
}

/*
 * The search, in chunks of growing size. A chunk runs three times from the same position:
 * once recording each execution (its new answer vectors asked in one batch), once building
 * its histories (asked in one batch: TypeScript judges the executions in order, as explore.ts
 * does, and says where the search stops and which violations to report), and, when it has
 * reported violations, once more to print them.
 */
static void search(void)
{
	static struct dfs_state at_start, at_end;
	double t0 = now_ms(), deadline = opt.ms >= 0 ? t0 + opt.ms : -1;
	bool ended = false, timed_out = false, stopped = false, e2, t2, s2, cut = false;
	unsigned long total = 0, stop = 0, violating = 0, chunk = 16, i, executions, reported = 0;
	int ti;

	search_init();
	while (!ended && !timed_out && stop == 0 && total < opt.max_exec &&
	       !(stopped && (opt.replay || opt.stop_first))) {
		unsigned long n, lim = opt.max_exec - total < chunk ? opt.max_exec - total : chunk;

		save_state(&at_start);
		n = run_chunk(lim, total, deadline, pass_record, &ended, &timed_out, &stopped);
		ask_vectors();
		save_state(&at_end);
		load_state(&at_start);
		run_chunk(n, total, -1, pass_histories, &e2, &t2, &s2);
		judge_chunk(&stop, &violating);
		if (nreports > 0) {
			load_state(&at_start);
			run_chunk(last_report - total, total, -1, pass_report, &e2, &t2, &s2);
			reported += nreports;
		}
		load_state(&at_end);
		total += n;
		chunk *= 4;
	}

	if (opt.races)
		print_races();
	executions = stop > 0 ? stop : total;
	if (stop > 0) {
		ended = false;
		timed_out = false;
	}
	nobs = 0;
	if (obs_set)
		memset(obs_set, 0, obs_cap * sizeof(uint64_t));
	for (i = 0; i < executions; i++) {
		obs_add(recs[i].obs);
		cut |= (recs[i].flags & REC_CUT) != 0;
	}
	printf("done executions=%lu observations=%zu violating=%lu violations=%lu exhausted=%d "
	       "timed-out=%d bound-cut=%d stores=%d segments=%d ms=%.3f reads=",
	       executions, nobs, violating, reported, ended, timed_out, cut, nstores, nsegs,
	       now_ms() - t0);
	for (ti = 0; ti < nfirst; ti++)
		printf("%s%lu", ti ? "," : "", first_reads[ti]);
	printf(" blocks=");
	for (ti = 0; ti < nblocks; ti++)
		printf("%s%d", ti ? "," : "", block_sizes[ti]);
	printf(" histories=%zu vectors=%zu\n", nkeys, nrvecs);
}

/* The executions of the subtree at prefix[0 .. @n), counted by the search's own DFS with
 * nothing recorded (`c PATH`: what a plan's estimates are checked against). */
static unsigned long count_subtree(int n)
{
	unsigned long k = 0;

	for (;;) {
		run_execution();
		k++;
		if (nstack < (size_t)n)
			fatal("probe path longer than its execution");
		while (nstack > (size_t)n && stack[nstack - 1].index + 1 > stack[nstack - 1].nopt - 1) {
			npool = (size_t)stack[nstack - 1].off;
			nstack--;
		}
		if (nstack <= (size_t)n)
			return k;
		stack[nstack - 1].index++;
	}
}

/*
 * `plan=1`: probes for the shard planner (src/checker/shard/subtree-plan.ts), one per line
 * until `p-end`: `p PATH` runs one execution taking PATH's choices (option 0 past them) and
 * answers `a N...`, the option count of each of its choices; `r SEED BIAS PATH` runs one
 * random execution below PATH (walk_pick) and answers `w I.N...`, each choice's option taken
 * and option count; `c PATH` answers `n COUNT`, the executions of the subtree at PATH.
 */
static void plan(void)
{
	static char *line;
	static size_t cap;
	static int *path;
	static size_t path_n;

	puts("plan");
	for (;;) {
		char *p;
		int n = 0;
		size_t i;

		fflush(stdout);
		if (getline(&line, &cap, stdin) <= 0) {
			fputs("maple-explore-runner: the checker went away\n", stderr);
			exit(3);
		}
		line[strcspn(line, "\r\n")] = '\0';
		if (strcmp(line, "p-end") == 0)
			break;
		if (strncmp(line, "p ", 2) != 0 && strncmp(line, "c ", 2) != 0 &&
		    strncmp(line, "r ", 2) != 0)
			fatal("bad probe");
		p = line + 2;
		if (line[0] == 'r') {
			walk_state = strtoull(p, &p, 10);
			walk_bias = strtod(p, &p);
			walking = true;
		}
		while (*p == ' ')
			p++;
		for (; *p && *p != '-';) {
			GROW(path, path_n, (size_t)n + 1);
			path[n++] = (int)strtol(p, &p, 10);
			if (*p++ != '.')
				break;
		}
		prefix = path;
		nprefix = n;
		nstack = 0;
		npool = 0;
		if (line[0] == 'c') {
			printf("n %lu\n", count_subtree(n));
			continue;
		}
		run_execution();
		if (nstack < (size_t)n)
			fatal("probe path longer than its execution");
		if (walking) {
			walking = false;
			putchar('w');
			for (i = 0; i < nstack; i++)
				printf(" %d.%d", stack[i].index, stack[i].nopt);
		} else {
			putchar('a');
			for (i = 0; i < nstack; i++)
				printf(" %d", stack[i].nopt);
		}
		putchar('\n');
	}
	nprefix = 0;
	nstack = 0;
	npool = 0;
	puts("done plan");
}

void mx_ex_explore(char **tok, int ntok)
{
	if (!parse_options(tok, ntok)) {
		puts("error bad explore options");
		return;
	}
	if (nthreads == 0) {
		puts("error no reader threads");
		return;
	}
	if (!mx_arena_restore_final()) {
		puts("error no recorded writer");
		return;
	}
	install_handlers();
	build_graph();
	vw = xrealloc(vw, cw * sizeof(uint64_t));
	tw = xrealloc(tw, cw * sizeof(uint64_t));
	reset_caches();
	nobs = 0;
	if (obs_set)
		memset(obs_set, 0, obs_cap * sizeof(uint64_t));
	nstack = 0;
	npool = 0;
	races_reset();
	print_writer_nodes();
	walking = false;
	if (setjmp(fatal_jb)) {
		walking = false;
		cur = NULL;
		in_op = 0;
		in_engine = 0;
		mx_reader_mode = MX_READERS_OFF;
		printf("error explorer: %s\n", fatal_msg);
		return;
	}
	if (opt.plan)
		plan();
	else
		search();
}

/* ---------------------------------------------------------------- a reader alone */

void mx_ex_alone(int thread, int op)
{
	struct thread_run *t;
	int o;

	if (thread < 1 || thread > nthreads || op < 0 || op >= threads[thread - 1].nlines) {
		puts("error bad alone");
		return;
	}
	install_handlers();
	t = &runs_of[thread - 1];
	cur = t;
	cur_index = thread;
	crash.any = false;
	mx_cursor_init(t->cursor, tree());
	mx_reader_mode = MX_READERS_DIRECT;
	for (o = 0; o <= op && !crash.any; o++) {
		direct_print = o == op;
		run_line(o);
	}
	direct_print = false;
	mx_reader_mode = MX_READERS_OFF;
	cur = NULL;
	if (crash.any)
		printf("alone-end crash %s\n", crash.message);
	else
		printf("alone-end %s\n", t->out[op]);
}
