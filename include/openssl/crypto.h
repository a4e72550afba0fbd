/* SPDX-License-Identifier: Apache-2.0 */
#ifndef OPENSSL_CRYPTO_H
#define OPENSSL_CRYPTO_H

#include <stdint.h>
#include <openssl/opensslv.h>
#include <openssl/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Where an error is raised, as OpenSSL's macros record it. */
#define OPENSSL_FILE __FILE__
#define OPENSSL_LINE __LINE__
#define OPENSSL_FUNC __func__

/* Library initialisation. */
#define OPENSSL_INIT_NO_LOAD_CRYPTO_STRINGS 0x00000001L
#define OPENSSL_INIT_LOAD_CRYPTO_STRINGS 0x00000002L
#define OPENSSL_INIT_ADD_ALL_CIPHERS 0x00000004L
#define OPENSSL_INIT_ADD_ALL_DIGESTS 0x00000008L
#define OPENSSL_INIT_NO_ADD_ALL_CIPHERS 0x00000010L
#define OPENSSL_INIT_NO_ADD_ALL_DIGESTS 0x00000020L
#define OPENSSL_INIT_LOAD_CONFIG 0x00000040L
#define OPENSSL_INIT_NO_LOAD_CONFIG 0x00000080L
#define OPENSSL_INIT_NO_LOAD_SSL_STRINGS 0x00100000L
#define OPENSSL_INIT_LOAD_SSL_STRINGS 0x00200000L

int OPENSSL_init_crypto(uint64_t opts, const OPENSSL_INIT_SETTINGS *settings);

void OPENSSL_cleanup(void);

/* Memory. */
void *CRYPTO_malloc(size_t num, const char *file, int line);
void *CRYPTO_zalloc(size_t num, const char *file, int line);
void CRYPTO_free(void *ptr, const char *file, int line);
char *CRYPTO_strdup(const char *str, const char *file, int line);
#define OPENSSL_malloc(num) CRYPTO_malloc(num, __FILE__, __LINE__)
#define OPENSSL_zalloc(num) CRYPTO_zalloc(num, __FILE__, __LINE__)
#define OPENSSL_free(addr) CRYPTO_free(addr, __FILE__, __LINE__)
#define OPENSSL_strdup(str) CRYPTO_strdup(str, __FILE__, __LINE__)

#ifdef __cplusplus
}
#endif

#endif /* OPENSSL_CRYPTO_H */
