/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Heap and stack measurement for the firmware images: every allocation is
 * charged to whoever is running (client, server, or the rest), and the
 * stack below main is painted so its high-water mark can be read.
 */
#ifndef FIRMWARE_MEASURE_H
#define FIRMWARE_MEASURE_H

#include <stddef.h>

enum owner { OWNER_CLIENT, OWNER_SERVER, OWNER_OTHER, OWNER_COUNT };

void measure_set_owner(enum owner owner);
void measure_reset_peaks(void);
size_t measure_peak(enum owner owner);
size_t measure_in_use(enum owner owner);

void *measure_malloc(size_t size);
void *measure_realloc(void *p, size_t size);
void measure_free(void *p);

/* Paints size bytes of stack below the caller; measure_stack_used then
 * says how deep the stack has gone since. */
void measure_stack_paint(size_t size);
size_t measure_stack_used(void);

#endif /* FIRMWARE_MEASURE_H */
