// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * --guard: refuses, by the operation's name alone, the cursor uses known to crash the
 * kernel (README.md, "--guard"). The 6.12 rules are the oracle's. Kernels that encode the
 * status in mas->node (6.1) have no overflow/underflow, so that rule never applies, and
 * their mas_walk/mas_erase walk on from mas->node instead of restarting: they are refused
 * where that node is a status code.
 */
#include "runner.h"

#include <string.h>

static bool named(const char *name, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(name, *names) == 0)
			return true;
	return false;
}

#if !MC_HAS_MA_STATUS
/* mas_walk from MAS_PAUSE or an error, mas_erase from an error: a status dereferenced. */
static bool walks_a_status(const char *name, enum mc_status status)
{
	if (strcmp(name, "mwalk") == 0)
		return status == MC_PAUSE || status == MC_ERROR;
	if (strcmp(name, "merase") == 0)
		return status == MC_ERROR;
	return false;
}
#endif

bool mc_guard_refuses(const struct mc_runner *r, const char *name)
{
	/* They set the state, or (6.12) restart from the root. */
	static const char *const always[] = {
		"mset", "mrange", "mreset", "mstate", "mwalk", "merase", NULL,
	};
	static const char *const gaps[] = { "mgap", "mrgap", NULL };
	static const char *const stateless[] = { "mstore", "mstorenw", "mpause", NULL };
	static const char *const iterators[] = {
		"mnext", "mprev", "mnextr", "mprevr", "mfind", "mfindr", "mfindrange", "mfindrangerev", NULL,
	};
	enum mc_status status = mc_status(&r->mas);

#if !MC_HAS_MA_STATUS
	if (walks_a_status(name, status))
		return true;
#endif
	if (named(name, always))
		return false;
	/* Anything else after a failed gap search. */
	if (r->gap == MC_GAP_FAILED)
		return true;
	/*
	 * In ma_error (a failed mstorenw) an iterator returns at once, state kept, or moves to
	 * overflow/underflow with the error code as its node, refused below from then on; anything
	 * else may dereference that code. Kernels without mas->status keep the old rule.
	 */
	if (status == MC_ERROR)
		return !(MC_HAS_MA_STATUS && named(name, iterators));
	/* Gap searches start from a fresh state only. */
	if (named(name, gaps))
		return status != MC_START;
	if (named(name, stateless))
		return false;
	/* An iterator on a nodeless overflow/underflow state reactivates a NULL or error node. */
	return (status == MC_OVERFLOW || status == MC_UNDERFLOW) && mc_status_nodeless(&r->mas);
}
