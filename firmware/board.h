/* SPDX-License-Identifier: Apache-2.0 */
/* What the firmware test needs of the board: its clock. */
#ifndef FIRMWARE_BOARD_H
#define FIRMWARE_BOARD_H

#include <stdint.h>

void board_clock_start(void);
/* SysTick ticks since board_clock_start. */
uint64_t board_cycles(void);

/* QEMU runs with -icount shift=0: one instruction per nanosecond of its
 * clock, so SysTick ticks at the board's frequency convert to emulated
 * cycles (one per instruction). */
static inline uint64_t board_ticks_to_cycles(uint64_t ticks)
{
    return ticks * (1000000000u / OPENSSL_COMPAT_BOARD_HZ);
}

#endif /* FIRMWARE_BOARD_H */
