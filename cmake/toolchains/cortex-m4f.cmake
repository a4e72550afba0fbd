# SPDX-License-Identifier: Apache-2.0
# Cortex-M4 with its single-precision FPU (Armv7E-M); firmware test on QEMU's mps2-an386.
set(OPENSSL_COMPAT_CPU_FLAGS "-mcpu=cortex-m4 -mfloat-abi=hard -mfpu=fpv4-sp-d16")
set(OPENSSL_COMPAT_QEMU_MACHINE mps2-an386)
set(OPENSSL_COMPAT_CODE_ORIGIN 0x00000000)
set(OPENSSL_COMPAT_RAM_ORIGIN 0x20000000)
set(OPENSSL_COMPAT_BOARD_HZ 25000000)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
