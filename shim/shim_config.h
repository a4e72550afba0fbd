/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the mbedTLS we build against provides, as SHIM_HAVE_* switches. Every
 * shim file includes this first (through internal.h), so the shim always sees
 * the same configuration as the mbedTLS library: struct layouts depend on it.
 */
#ifndef SHIM_CONFIG_H
#define SHIM_CONFIG_H

#include <mbedtls/build_info.h>

#if MBEDTLS_VERSION_NUMBER < 0x03060000 || MBEDTLS_VERSION_NUMBER >= 0x04000000
#error "mbedtls-openssl-compat needs mbedTLS 3.6.x"
#endif

/* Without these the OpenSSL handshake API cannot exist at all. */
#if !defined(MBEDTLS_SSL_TLS_C) || !defined(MBEDTLS_X509_CRT_PARSE_C) || \
    !defined(MBEDTLS_PK_PARSE_C) || !defined(MBEDTLS_PSA_CRYPTO_C)
#error "mbedTLS must be built with SSL_TLS_C, X509_CRT_PARSE_C, PK_PARSE_C and PSA_CRYPTO_C"
#endif
#if !defined(MBEDTLS_SSL_PROTO_TLS1_2) && !defined(MBEDTLS_SSL_PROTO_TLS1_3)
#error "mbedTLS must support TLS 1.2 or TLS 1.3"
#endif

#if defined(MBEDTLS_SSL_PROTO_TLS1_3)
#define SHIM_HAVE_TLS1_3 1
#else
#define SHIM_HAVE_TLS1_3 0
#endif

#if defined(MBEDTLS_SSL_PROTO_TLS1_2)
#define SHIM_HAVE_TLS1_2 1
#else
#define SHIM_HAVE_TLS1_2 0
#endif

#if defined(MBEDTLS_SSL_CLI_C)
#define SHIM_HAVE_CLIENT 1
#else
#define SHIM_HAVE_CLIENT 0
#endif

#if defined(MBEDTLS_SSL_SRV_C)
#define SHIM_HAVE_SERVER 1
#else
#define SHIM_HAVE_SERVER 0
#endif

/* A peer certificate must survive the handshake for TLS 1.3 and for
 * SSL_get_peer_certificate(). */
#if !defined(MBEDTLS_SSL_KEEP_PEER_CERTIFICATE)
#error "mbedtls-openssl-compat needs MBEDTLS_SSL_KEEP_PEER_CERTIFICATE"
#endif

/* The error queue is per thread, as in OpenSSL; a build without threads
 * has one queue. */
#if defined(OPENSSL_COMPAT_NO_THREADS)
#define SHIM_THREAD_LOCAL
#else
#define SHIM_THREAD_LOCAL _Thread_local
#endif

/* Build options that leave parts out (the functions stay and fail with
 * ERR_R_UNSUPPORTED): no file system, no sockets or descriptors. */
#if defined(OPENSSL_COMPAT_NO_FILES)
#define SHIM_NO_FILES 1
#else
#define SHIM_NO_FILES 0
#endif
#if defined(OPENSSL_COMPAT_NO_SOCKETS)
#define SHIM_NO_SOCKETS 1
#else
#define SHIM_NO_SOCKETS 0
#endif

#endif /* SHIM_CONFIG_H */
