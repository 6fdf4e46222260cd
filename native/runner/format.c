// SPDX-License-Identifier: GPL-2.0-or-later
/* Result formats shared by the operations: entries, errors, cursor results. */
#include "runner.h"

#include <stdio.h>

void mc_put_entry(struct mc_text *out, void *entry)
{
	char buf[32];

	if (!entry) {
		mc_text_put(out, "null");
	} else if (xa_is_value(entry)) {
		mc_text_u64(out, xa_to_value(entry));
	} else if (xa_is_zero(entry)) {
		mc_text_put(out, "zero");
	} else {
		snprintf(buf, sizeof(buf), "ptr:%#lx", (unsigned long)entry);
		mc_text_put(out, buf);
	}
}

void mc_put_err(struct mc_text *out, int err)
{
	static const struct { int err; const char *name; } names[] = {
		{ -EINVAL, "-EINVAL" }, { -EEXIST, "-EEXIST" }, { -EBUSY, "-EBUSY" },
		{ -ENOMEM, "-ENOMEM" }, { -ENOENT, "-ENOENT" }, { -ERANGE, "-ERANGE" },
	};
	char buf[16];
	size_t i;

	mc_text_put(out, "err ");
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (names[i].err == err) {
			mc_text_put(out, names[i].name);
			return;
		}
	}
	snprintf(buf, sizeof(buf), "%d", err);
	mc_text_put(out, buf);
}

/* `ok` for 0, the error otherwise. */
void mc_put_status(struct mc_text *out, int err)
{
	if (err)
		mc_put_err(out, err);
	else
		mc_text_put(out, "ok");
}

/* VALUE|null INDEX LAST STATUS */
void mc_put_cursor(struct mc_text *out, const struct ma_state *mas, void *entry)
{
	mc_put_entry(out, entry);
	mc_text_char(out, ' ');
	mc_text_u64(out, mas->index);
	mc_text_char(out, ' ');
	mc_text_u64(out, mas->last);
	mc_text_char(out, ' ');
	mc_text_put(out, mc_status_names[mc_status(mas)]);
}
