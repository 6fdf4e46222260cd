/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The log as text, one event per line: KIND key=value ... (see print.c for every kind).
 * Places are node:INDEX:BYTE_OFFSET, root, flags or tree:OFFSET; values are raw hex words.
 */
#ifndef MX_PRINT_H
#define MX_PRINT_H

#include <stdio.h>

/* The answer of recorded writer line @op (main.c). */
const char *mx_op_result(unsigned int op);

/* The arena's layout line, then every event of mx_log. */
void mx_print_log(FILE *out);

#endif /* MX_PRINT_H */
