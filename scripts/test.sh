#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# The tests: builds and runs the whole CTest suite (every compat test against
# both real OpenSSL and this library, unit, interop, guard, install and
# example tests), then again under AddressSanitizer and
# UndefinedBehaviorSanitizer.
set -eu
cd "$(dirname "$0")/.."
sh scripts/ensure-packages.sh
jobs=$(nproc 2>/dev/null || echo 2)
export CMAKE_BUILD_PARALLEL_LEVEL="$jobs"
export CTEST_PARALLEL_LEVEL="$jobs"
cmake --workflow --preset test
cmake --workflow --preset asan
