/* SPDX-License-Identifier: Apache-2.0 */
#ifndef OPENSSL_EVP_H
#define OPENSSL_EVP_H

#include <openssl/crypto.h>
#include <openssl/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* OpenSSL 1.0 initialisation calls: OpenSSL 1.1 and later initialise
 * themselves, and OpenSSL 3.0 defines these as these same macros. */
#define OpenSSL_add_all_algorithms() \
    OPENSSL_init_crypto(OPENSSL_INIT_ADD_ALL_CIPHERS | OPENSSL_INIT_ADD_ALL_DIGESTS, NULL)
#define OpenSSL_add_all_ciphers() OPENSSL_init_crypto(OPENSSL_INIT_ADD_ALL_CIPHERS, NULL)
#define OpenSSL_add_all_digests() OPENSSL_init_crypto(OPENSSL_INIT_ADD_ALL_DIGESTS, NULL)
#define EVP_cleanup() while (0) continue

#ifdef __cplusplus
}
#endif

#endif /* OPENSSL_EVP_H */
