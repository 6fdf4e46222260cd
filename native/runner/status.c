// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The cursor's status under either encoding: 6.8+ keep it in mas->status; older kernels
 * (6.1) encode it in mas->node as MAS_START, MAS_PAUSE, MAS_NONE, MAS_ROOT or an error, and
 * have no overflow or underflow.
 */
#include "kernel-api.h"

const char *const mc_status_names[] = {
	[MC_ACTIVE] = "active", [MC_START] = "start", [MC_ROOT] = "root",
	[MC_NONE] = "none", [MC_PAUSE] = "pause", [MC_OVERFLOW] = "overflow",
	[MC_UNDERFLOW] = "underflow", [MC_ERROR] = "error",
};

#if MC_HAS_MA_STATUS
enum mc_status mc_status(const struct ma_state *mas)
{
	switch (mas->status) {
	case ma_active:
		return MC_ACTIVE;
	case ma_start:
		return MC_START;
	case ma_root:
		return MC_ROOT;
	case ma_none:
		return MC_NONE;
	case ma_pause:
		return MC_PAUSE;
	case ma_overflow:
		return MC_OVERFLOW;
	case ma_underflow:
		return MC_UNDERFLOW;
	case ma_error:
		break;
	}
	return MC_ERROR;
}

bool mc_status_nodeless(const struct ma_state *mas)
{
	return mas->node == NULL || xa_is_err(mas->node);
}
#else
enum mc_status mc_status(const struct ma_state *mas)
{
	if (mas->node == MAS_START)
		return MC_START;
	if (mas->node == MAS_PAUSE)
		return MC_PAUSE;
	if (mas->node == MAS_NONE)
		return MC_NONE;
	if (mas->node == MAS_ROOT)
		return MC_ROOT;
	if (xa_is_err(mas->node))
		return MC_ERROR;
	return MC_ACTIVE;
}

bool mc_status_nodeless(const struct ma_state *mas)
{
	return mc_status(mas) != MC_ACTIVE;
}
#endif
