/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mbedTLS configuration for hosted builds of mbedtls-openssl-compat.
 *
 * mbedTLS reads this file after its default configuration
 * (MBEDTLS_USER_CONFIG_FILE), so it records only what we need on top of the
 * default and states the features the shim relies on, so that a change of
 * upstream defaults cannot silently drop one.
 */
#ifndef OPENSSL_COMPAT_MBEDTLS_USER_CONFIG_H
#define OPENSSL_COMPAT_MBEDTLS_USER_CONFIG_H

/* OpenSSL objects may be shared between threads: PSA, the RNG, RSA
 * contexts and session caches need mbedTLS's locks. */
#define MBEDTLS_THREADING_C
#define MBEDTLS_THREADING_PTHREAD

/* CRYPTO_set_mem_functions routes mbedTLS's allocations too. */
#define MBEDTLS_PLATFORM_MEMORY

/* Features the OpenSSL API exposes; all are in the 3.6 default, restated so
 * that a build fails loudly (see shim/shim_config.h) rather than quietly
 * losing them. */
#define MBEDTLS_SSL_PROTO_TLS1_2
#define MBEDTLS_SSL_PROTO_TLS1_3
#define MBEDTLS_SSL_SERVER_NAME_INDICATION
#define MBEDTLS_SSL_ALPN
#define MBEDTLS_SSL_SESSION_TICKETS
#define MBEDTLS_SSL_KEEP_PEER_CERTIFICATE
#define MBEDTLS_SSL_KEYING_MATERIAL_EXPORT

#endif /* OPENSSL_COMPAT_MBEDTLS_USER_CONFIG_H */
