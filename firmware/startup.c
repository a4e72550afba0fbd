/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reset and the vector table of the firmware test: turn the FPU on where
 * there is one, count SysTick wraps (the emulated clock), then newlib's
 * semihosting start-up, which calls main and exits with its status.
 */
#include <stdint.h>

#include "board.h"

extern void _start(void);
extern uint32_t __stack_top;

void reset_handler(void);

volatile uint32_t systick_wraps;

static void systick_handler(void)
{
    systick_wraps++;
}

static void fault_handler(void)
{
    /* Nothing to report to: stop, and let the test's timeout say so. */
    for (;;) {
    }
}

void reset_handler(void)
{
#if defined(__ARM_FP)
    /* CPACR: full access to CP10 and CP11, the FPU. */
    *(volatile uint32_t *)0xE000ED88u |= 0xFu << 20;
    __asm volatile("dsb\n\tisb");
#endif
    _start();
    for (;;) {
    }
}

__attribute__((section(".vectors"), used)) void (*const vector_table[16])(void) = {
    (void (*)(void))&__stack_top, /* initial stack pointer */
    reset_handler,
    fault_handler, /* NMI */
    fault_handler, /* HardFault */
    fault_handler, /* MemManage */
    fault_handler, /* BusFault */
    fault_handler, /* UsageFault */
    fault_handler, /* SecureFault (Armv8-M) */
    0,
    0,
    0,
    fault_handler, /* SVCall */
    fault_handler, /* DebugMonitor */
    0,
    fault_handler, /* PendSV */
    systick_handler,
};

/* SysTick at the core clock, wrapping every 2^24 cycles. */
#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)

void board_clock_start(void)
{
    SYST_RVR = 0xFFFFFFu;
    SYST_CVR = 0;
    SYST_CSR = 0x7u; /* processor clock, interrupt, enable */
}

uint64_t board_cycles(void)
{
    uint32_t wraps;
    uint32_t value;

    do {
        wraps = systick_wraps;
        value = SYST_CVR;
    } while (wraps != systick_wraps);
    return ((uint64_t)wraps << 24) + (0xFFFFFFu - value);
}
