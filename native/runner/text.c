// SPDX-License-Identifier: GPL-2.0-or-later
/* The growable output line (text.h). */
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void reserve(struct mc_text *t, size_t more)
{
	size_t cap = t->cap ? t->cap : 256;

	if (t->len + more + 1 <= t->cap)
		return;
	while (cap < t->len + more + 1)
		cap *= 2;
	t->buf = realloc(t->buf, cap);
	if (!t->buf) {
		fputs("maple-runner: out of memory\n", stderr);
		abort();
	}
	t->cap = cap;
}

void mc_text_clear(struct mc_text *t)
{
	t->len = 0;
	reserve(t, 0);
	t->buf[0] = '\0';
}

void mc_text_putn(struct mc_text *t, const char *s, size_t n)
{
	reserve(t, n);
	memcpy(t->buf + t->len, s, n);
	t->len += n;
	t->buf[t->len] = '\0';
}

void mc_text_put(struct mc_text *t, const char *s)
{
	mc_text_putn(t, s, strlen(s));
}

void mc_text_char(struct mc_text *t, char c)
{
	mc_text_putn(t, &c, 1);
}

void mc_text_u64(struct mc_text *t, uint64_t v)
{
	char digits[20];
	int i = sizeof(digits);

	do {
		digits[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	mc_text_putn(t, digits + i, sizeof(digits) - i);
}
