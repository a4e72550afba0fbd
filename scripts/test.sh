#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# The tests: builds and runs the whole CTest suite (every compat test against
# both real OpenSSL and this library, unit, interop, guard, install and
# example tests), then again under AddressSanitizer and
# UndefinedBehaviorSanitizer, then the memory-BIO tests of a build without
# sockets, a host build with every device option, the unit tests on an
# mbedTLS without the optional extensions, and the embedded targets
# (firmware test under QEMU, footprint limits).
set -eu
cd "$(dirname "$0")/.."
sh scripts/ensure-packages.sh
jobs=$(nproc 2>/dev/null || echo 2)
export CMAKE_BUILD_PARALLEL_LEVEL="$jobs"
export CTEST_PARALLEL_LEVEL="$jobs"
cmake --workflow --preset test
cmake --workflow --preset asan
cmake --workflow --preset no-sockets
cmake --workflow --preset device-options
cmake --workflow --preset without-extensions
sh scripts/embedded.sh
