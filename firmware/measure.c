/* SPDX-License-Identifier: Apache-2.0 */
#include "measure.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Each block remembers its size and whom it was charged to. */
union header {
    struct {
        size_t size;
        enum owner owner;
    } info;
    long long align;
};

static enum owner current = OWNER_OTHER;
static size_t in_use[OWNER_COUNT];
static size_t peak[OWNER_COUNT];

void measure_set_owner(enum owner owner)
{
    current = owner;
}

void measure_reset_peaks(void)
{
    int i;

    for (i = 0; i < OWNER_COUNT; i++)
        peak[i] = in_use[i];
}

size_t measure_peak(enum owner owner)
{
    return peak[owner];
}

size_t measure_in_use(enum owner owner)
{
    return in_use[owner];
}

void *measure_malloc(size_t size)
{
    union header *h = malloc(sizeof(*h) + size);

    if (h == NULL)
        return NULL;
    h->info.size = size;
    h->info.owner = current;
    in_use[current] += size;
    if (in_use[current] > peak[current])
        peak[current] = in_use[current];
    return h + 1;
}

void measure_free(void *p)
{
    union header *h;

    if (p == NULL)
        return;
    h = (union header *)p - 1;
    in_use[h->info.owner] -= h->info.size;
    free(h);
}

void *measure_realloc(void *p, size_t size)
{
    union header *old;
    void *grown;

    if (p == NULL)
        return measure_malloc(size);
    old = (union header *)p - 1;
    grown = measure_malloc(size);
    if (grown == NULL)
        return NULL;
    memcpy(grown, p, old->info.size < size ? old->info.size : size);
    measure_free(p);
    return grown;
}

/* ---- Stack ------------------------------------------------------------------------ */

#define PAINT 0xC5A5C5A5u

static uint32_t *paint_low;
static uint32_t *paint_high;

__attribute__((noinline)) void measure_stack_paint(size_t size)
{
    uintptr_t sp;
    uint32_t *p;

    __asm volatile("mov %0, sp" : "=r"(sp));
    /* Below this frame, with a margin for the calls made from here. */
    paint_high = (uint32_t *)((sp - 64) & ~(uintptr_t)3);
    paint_low = paint_high - size / sizeof(uint32_t);
    for (p = paint_low; p < paint_high; p++)
        *p = PAINT;
}

size_t measure_stack_used(void)
{
    uint32_t *p = paint_low;

    while (p < paint_high && *p == PAINT)
        p++;
    return (size_t)(paint_high - p) * sizeof(uint32_t);
}
