# SPDX-License-Identifier: Apache-2.0
# Cortex-M3 (Armv7-M, no FPU); firmware test on QEMU's mps2-an385.
set(OPENSSL_COMPAT_CPU_FLAGS "-mcpu=cortex-m3 -mfloat-abi=soft")
set(OPENSSL_COMPAT_QEMU_MACHINE mps2-an385)
set(OPENSSL_COMPAT_CODE_ORIGIN 0x00000000)
set(OPENSSL_COMPAT_RAM_ORIGIN 0x20000000)
set(OPENSSL_COMPAT_BOARD_HZ 25000000)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
