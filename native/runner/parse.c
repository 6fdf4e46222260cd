// SPDX-License-Identifier: GPL-2.0-or-later
/* The protocol's input rules (parse.h). */
#include "parse.h"

#include <string.h>

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

bool mc_split_line(const char *raw, char *scratch, struct mc_line *line)
{
	char *p;

	while (is_blank(*raw))
		raw++;
	if (*raw == '\0' || *raw == '#')
		return false;
	line->text = raw;
	line->ntok = 0;
	line->too_many = false;
	strcpy(scratch, raw);
	for (p = scratch; *p;) {
		if (is_blank(*p)) {
			*p++ = '\0';
			continue;
		}
		if (line->ntok == MC_MAX_TOKENS) {
			line->too_many = true;
			break;
		}
		line->tok[line->ntok++] = p;
		while (*p && !is_blank(*p))
			p++;
	}
	return true;
}

static int digit_value(char c, unsigned int base)
{
	int d;

	if (c >= '0' && c <= '9')
		d = c - '0';
	else if (c >= 'a' && c <= 'f')
		d = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		d = c - 'A' + 10;
	else
		return -1;
	return (unsigned int)d < base ? d : -1;
}

/* One or more digits of @base and nothing else, without overflowing 64 bits. */
static bool parse_digits(const char *s, unsigned int base, uint64_t *v)
{
	uint64_t n = 0;
	int d;

	if (*s == '\0')
		return false;
	for (; *s; s++) {
		d = digit_value(*s, base);
		if (d < 0 || n > (UINT64_MAX - (uint64_t)d) / base)
			return false;
		n = n * base + (uint64_t)d;
	}
	*v = n;
	return true;
}

static bool has_hex_prefix(const char *s)
{
	return s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
}

bool mc_parse_index(const char *s, uint64_t *v)
{
	if (strcmp(s, "max") == 0) {
		*v = UINT64_MAX;
		return true;
	}
	if (has_hex_prefix(s)) {
		s += 2;
		/* strtoul(base 16) takes one more optional 0x: `0x0x1f` is 31. */
		if (has_hex_prefix(s))
			s += 2;
		return parse_digits(s, 16, v);
	}
	return parse_digits(s, 10, v);
}

bool mc_parse_value(const char *s, bool *is_null, uint64_t *v)
{
	*is_null = strcmp(s, "null") == 0;
	if (*is_null) {
		*v = 0;
		return true;
	}
	return mc_parse_index(s, v) && *v <= INT64_MAX;
}

static bool is_flag_separator(char c)
{
	return c == '|' || c == ',' || c == '+';
}

bool mc_parse_flags(const char *s, unsigned int *flags)
{
	char buf[128];
	char *word, *end;

	/* The oracle copies the word into a 128-byte buffer: bytes after the 127th are cut. */
	strncpy(buf, s, sizeof(buf) - 1);
	buf[sizeof(buf) - 1] = '\0';
	*flags = 0;
	for (word = buf; *word; word = end) {
		while (is_flag_separator(*word))
			word++;
		for (end = word; *end && !is_flag_separator(*end); end++)
			;
		if (*end)
			*end++ = '\0';
		if (*word == '\0' || strcmp(word, "0") == 0 || strcmp(word, "none") == 0)
			continue;
		if (strcmp(word, "alloc") == 0)
			*flags |= MC_INIT_ALLOC;
		else if (strcmp(word, "rcu") == 0)
			*flags |= MC_INIT_RCU;
		else
			return false;
	}
	return true;
}
