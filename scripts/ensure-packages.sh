#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# Installs the Debian packages the build and the tests need, when missing.
# OpenSSL (libssl-dev, openssl) is only the tests' oracle and interop peer;
# the library never links it. apt itself fetches the mbedTLS source (see
# cmake/fetch-mbedtls-debian.sh), with a private configuration.
set -eu

packages="cmake make gcc libc6-dev pkg-config libssl-dev openssl"
# The embedded targets: the Arm bare-metal toolchain and the emulator.
if [ "${1:-}" = "embedded" ]; then
    packages="$packages gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm"
fi
missing=""
for p in $packages; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

echo "Installing missing Debian packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1; then
    as_root="sudo"
else
    echo "Missing packages:$missing; run this as root or install them." >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
$as_root apt-get update -q
# shellcheck disable=SC2086
$as_root apt-get install -y -q --no-install-recommends $missing
