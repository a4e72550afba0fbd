/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What a firmware developer plugs in to run mbedtls-openssl-compat on a
 * device: where randomness, the time of day and memory come from, and
 * mutexes where there are threads. Not part of OpenSSL's API; a program
 * written for OpenSSL needs none of it on a host.
 *
 * Call these before any other function of the library (before
 * OPENSSL_init_ssl or SSL_CTX_new): the choices are fixed at first use.
 */
#ifndef MBEDTLS_OPENSSL_COMPAT_PLATFORM_H
#define MBEDTLS_OPENSSL_COMPAT_PLATFORM_H

#include <stddef.h>
#include <time.h>

#include <openssl/crypto.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Entropy. On a host mbedTLS reads the operating system's source. A build
 * for a device (mbedTLS configured with MBEDTLS_ENTROPY_HARDWARE_ALT, as
 * cmake/mbedtls-config-embedded.h is) asks this function for true random
 * bytes: it fills out with up to len bytes, sets *olen, and returns 0 (or
 * nonzero on failure). Without one, every handshake fails.
 */
typedef int (*openssl_compat_entropy_fn)(void *ctx, unsigned char *out, size_t len,
                                         size_t *olen);
int openssl_compat_set_entropy_source(openssl_compat_entropy_fn poll, void *ctx);

#if defined(OPENSSL_COMPAT_INSECURE_TEST_ENTROPY)
/* Only in a build made with the CMake option of the same name, for an
 * emulator without a random source: predictable bytes, and a warning on
 * stderr when the library starts. Never in a product. */
int openssl_compat_insecure_test_entropy(void *ctx, unsigned char *out, size_t len,
                                         size_t *olen);
#endif

/*
 * The time of day, in seconds since 1970 UTC. On a host the C library's;
 * a device without a clock provides one here. Without one, certificate
 * validity cannot be checked and verification fails (it is never skipped).
 */
typedef time_t (*openssl_compat_time_fn)(void);
int openssl_compat_set_time_source(openssl_compat_time_fn now);

/*
 * Memory. CRYPTO_set_mem_functions (OpenSSL's, in <openssl/crypto.h>)
 * routes the library's allocations and mbedTLS's (when mbedTLS has
 * MBEDTLS_PLATFORM_MEMORY) to the application's functions. Instead, the
 * library can use mbedTLS's platform allocator, or a static pool through
 * it (mbedTLS with MBEDTLS_MEMORY_BUFFER_ALLOC_C). 1 on success; 0 once
 * anything was allocated, or when mbedTLS lacks what it takes.
 */
int openssl_compat_use_mbedtls_allocator(void);
int openssl_compat_use_static_pool(unsigned char *pool, size_t size);

/*
 * Mutexes, where the device has threads and mbedTLS was built with
 * MBEDTLS_THREADING_ALT: the functions mbedTLS and this library lock
 * with. 1 on success, 0 (with an error queued) when mbedTLS has no such
 * hook. The mutex type is the one mbedTLS's threading_alt.h defines.
 */
int openssl_compat_set_mutex_functions(void (*init)(void *mutex), void (*free_fn)(void *mutex),
                                       int (*lock)(void *mutex), int (*unlock)(void *mutex));

#ifdef __cplusplus
}
#endif

#endif /* MBEDTLS_OPENSSL_COMPAT_PLATFORM_H */
