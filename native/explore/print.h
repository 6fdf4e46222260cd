/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The log as text, one event per line: KIND key=value ... (see print.c for every kind).
 * Places are node:INDEX:BYTE_OFFSET, root, flags or tree:OFFSET; values are raw hex words.
 */
#ifndef MX_PRINT_H
#define MX_PRINT_H

#include <stdint.h>
#include <stdio.h>

/* The answer of recorded writer line @op (main.c). */
const char *mx_op_result(unsigned int op);

/* An arena address as a place: node:I:OFF, root, flags or tree:OFF. */
void mx_put_place(FILE *out, uintptr_t addr);
/* " at=FUNC:LINE via=FUNC" for a hook's return address. */
void mx_put_at(FILE *out, uintptr_t pc);

/* The arena's layout line, then every event of mx_log. */
void mx_print_log(FILE *out);

#endif /* MX_PRINT_H */
