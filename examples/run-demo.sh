#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# Runs the demo server and client against each other over loopback, once
# with the default versions (TLS 1.3) and once with the client capped at
# TLS 1.2.  usage: run-demo.sh BINDIR CERTDIR CERT_SCRIPT
set -eu
bindir=$1
certdir=$2
sh "$3" "$certdir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

for variant in default tls1.2; do
    case "$variant" in
        default) expect="protocol TLSv1.3" ;;
        *) expect="protocol TLSv1.2" ;;
    esac
    echo "== demo: $variant"
    rm -f "$work/port"
    "$bindir/demo_server" "$certdir/server.pem" "$certdir/server.key" "$work/port" &
    server=$!
    tries=0
    while [ ! -s "$work/port" ]; do
        tries=$((tries + 1))
        if [ "$tries" -gt 100 ]; then
            echo "the server did not start" >&2
            kill "$server" 2>/dev/null || true
            exit 1
        fi
        sleep 0.05
    done
    client_args="$certdir/ca.pem $(cat "$work/port")"
    if [ "$variant" = tls1.2 ]; then
        client_args="$client_args tls1.2"
    fi
    # shellcheck disable=SC2086
    "$bindir/demo_client" $client_args > "$work/client.out"
    cat "$work/client.out"
    wait "$server"
    grep -q "client: $expect, cipher .*, verify result 0 (ok)" "$work/client.out"
done
