# SPDX-License-Identifier: Apache-2.0
# Cortex-M33 (Armv8-M Mainline), secure state, no FPU use; firmware test on QEMU's mps2-an505.
set(OPENSSL_COMPAT_CPU_FLAGS "-mcpu=cortex-m33 -mfloat-abi=soft")
set(OPENSSL_COMPAT_QEMU_MACHINE mps2-an505)
set(OPENSSL_COMPAT_CODE_ORIGIN 0x10000000)
set(OPENSSL_COMPAT_RAM_ORIGIN 0x38000000)
set(OPENSSL_COMPAT_BOARD_HZ 20000000)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
