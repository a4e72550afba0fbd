#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# Downloads the mbedTLS source tarball from the Debian archive this machine
# already uses, through apt with a private configuration: the system's apt
# sources, lists and caches are read, never modified.
#
# Usage: fetch-mbedtls-debian.sh DEST_DIR SUITE TARBALL_NAME
#   DEST_DIR      where the tarball is stored (created if needed)
#   SUITE         Debian suite that packages mbedTLS 3.6 (e.g. the release
#                 after the machine's own)
#   TARBALL_NAME  file name of the orig tarball to keep (e.g.
#                 mbedtls_3.6.6.orig.tar.bz2); its SHA-256 is checked by the
#                 caller
set -eu

dest=$1
suite=$2
tarball=$3

# The archive URI and keyring come from the machine's own apt sources, in
# either the deb822 (*.sources) or the one-line (sources.list) format. The
# first "deb" entry whose suites are not security updates is the mirror.
find_mirror() {
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -r "$f" ] || continue
        awk '
            BEGIN { RS = ""; FS = "\n" }
            {
                types = ""; uris = ""; suites = ""; key = ""
                for (i = 1; i <= NF; i++) {
                    if ($i ~ /^Types:/)     { types = $i;  sub(/^Types:[ \t]*/, "", types) }
                    if ($i ~ /^URIs:/)      { uris = $i;   sub(/^URIs:[ \t]*/, "", uris) }
                    if ($i ~ /^Suites:/)    { suites = $i; sub(/^Suites:[ \t]*/, "", suites) }
                    if ($i ~ /^Signed-By:/) { key = $i;    sub(/^Signed-By:[ \t]*/, "", key) }
                }
                if (types ~ /(^| )deb( |$)/ && suites !~ /security/ && uris != "") {
                    split(uris, u, " ")
                    print u[1] " " key
                    exit
                }
            }' "$f"
    done
    if [ -r /etc/apt/sources.list ]; then
        awk '$1 == "deb" && $0 !~ /security/ {
                 for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i !~ /\]$/) { print $i; exit }
             }' /etc/apt/sources.list
    fi
}

mirror_line=$(find_mirror | head -n 1)
mirror=${mirror_line%% *}
keyring=""
case "$mirror_line" in
    *" "*) keyring=${mirror_line#* } ;;
esac
if [ -z "$mirror" ]; then
    echo "fetch-mbedtls-debian: no Debian mirror found in /etc/apt sources" >&2
    exit 1
fi
if [ -z "$keyring" ] || [ ! -r "$keyring" ]; then
    keyring=/usr/share/keyrings/debian-archive-keyring.gpg
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/parts" \
         "$work/prefs" "$work/download" "$dest"
echo "deb-src [signed-by=$keyring] $mirror $suite main" > "$work/sources.list"

set -- \
    -o "Dir::Etc::SourceList=$work/sources.list" \
    -o "Dir::Etc::SourceParts=$work/parts" \
    -o "Dir::Etc::Preferences=$work/prefs/none" \
    -o "Dir::Etc::PreferencesParts=$work/prefs" \
    -o "Dir::State::Lists=$work/lists" \
    -o "Dir::Cache=$work/cache" \
    -o "APT::Sandbox::User=root" \
    -o "Debug::NoLocking=1"

apt-get "$@" -q update >&2
(cd "$work/download" && apt-get "$@" -q source --download-only mbedtls >&2)

if [ ! -f "$work/download/$tarball" ]; then
    echo "fetch-mbedtls-debian: $suite no longer ships $tarball; it has:" >&2
    ls "$work/download" >&2
    exit 1
fi
mv "$work/download/$tarball" "$dest/$tarball.part"
mv "$dest/$tarball.part" "$dest/$tarball"
