/* SPDX-License-Identifier: Apache-2.0 */
#ifndef OPENSSL_OPENSSLV_H
#define OPENSSL_OPENSSLV_H

/* The OpenSSL API level this library implements: programs that test
 * OPENSSL_VERSION_NUMBER take their OpenSSL 3.0 code paths. */
#define OPENSSL_VERSION_MAJOR 3
#define OPENSSL_VERSION_MINOR 0
#define OPENSSL_VERSION_PATCH 0
#define OPENSSL_VERSION_NUMBER 0x30000000L
#define OPENSSL_VERSION_TEXT "OpenSSL 3.0.0 compatible (mbedtls-openssl-compat 0.1.0)"
#define OPENSSL_VERSION_STR "3.0.0"
#define OPENSSL_FULL_VERSION_STR "3.0.0"

/* Lets a program (and our tests) tell this library from real OpenSSL. */
#define MBEDTLS_OPENSSL_COMPAT 1
#define MBEDTLS_OPENSSL_COMPAT_VERSION "0.1.0"

#endif /* OPENSSL_OPENSSLV_H */
