#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# The embedded targets: for Cortex-M3, M4F and M33, builds mbedTLS and this
# library with the device configuration, runs the firmware test under
# qemu-system-arm (CTest label "embedded"), measures the footprint, and
# writes the three reports into build/footprint.md. Installs the Arm
# toolchain and QEMU from Debian's packages when missing.
set -eu
cd "$(dirname "$0")/.."
sh scripts/ensure-packages.sh embedded
jobs=$(nproc 2>/dev/null || echo 2)
export CMAKE_BUILD_PARALLEL_LEVEL="$jobs"
{
    echo "| Core | What | Flash (bytes) | RAM (bytes) |"
    echo "| --- | --- | --- | --- |"
} > build/footprint.md.new
for cpu in cortex-m3 cortex-m4f cortex-m33; do
    cmake --workflow --preset "$cpu"
    cat "build/$cpu/footprint.md" >> build/footprint.md.new
done
mv build/footprint.md.new build/footprint.md
cat build/footprint.md
