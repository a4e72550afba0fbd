#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# The main job: builds the library and runs the bundled example, a
# legacy-style OpenSSL client and server talking over loopback through it.
set -eu
cd "$(dirname "$0")/.."
sh scripts/ensure-packages.sh
jobs=$(nproc 2>/dev/null || echo 2)
export CMAKE_BUILD_PARALLEL_LEVEL="$jobs"
cmake --workflow --preset example
