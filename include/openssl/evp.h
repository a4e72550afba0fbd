/* SPDX-License-Identifier: Apache-2.0 */
#ifndef OPENSSL_EVP_H
#define OPENSSL_EVP_H

#include <openssl/core.h>
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

/* Key types (OpenSSL's NIDs). */
#define EVP_PKEY_NONE 0
#define EVP_PKEY_RSA 6
#define EVP_PKEY_EC 408
#define EVP_PKEY_RSA_PSS 912
#define EVP_PKEY_ED25519 1087

/* Ciphers: AES-CBC, which the session ticket key callbacks of
 * <openssl/tls1.h> set up (the library then seals the tickets); the
 * streaming calls (EVP_EncryptUpdate...) are not provided. */
#define EVP_MAX_KEY_LENGTH 64
#define EVP_MAX_IV_LENGTH 16
#define EVP_MAX_BLOCK_LENGTH 32
const EVP_CIPHER *EVP_aes_128_cbc(void);
const EVP_CIPHER *EVP_aes_256_cbc(void);
int EVP_CIPHER_get_key_length(const EVP_CIPHER *cipher);
int EVP_CIPHER_get_iv_length(const EVP_CIPHER *cipher);
int EVP_CIPHER_get_block_size(const EVP_CIPHER *cipher);
#define EVP_CIPHER_key_length EVP_CIPHER_get_key_length
#define EVP_CIPHER_iv_length EVP_CIPHER_get_iv_length
#define EVP_CIPHER_block_size EVP_CIPHER_get_block_size
EVP_CIPHER_CTX *EVP_CIPHER_CTX_new(void);
void EVP_CIPHER_CTX_free(EVP_CIPHER_CTX *ctx);
int EVP_CIPHER_CTX_reset(EVP_CIPHER_CTX *ctx);
const EVP_CIPHER *EVP_CIPHER_CTX_get0_cipher(const EVP_CIPHER_CTX *ctx);
int EVP_CipherInit_ex(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher, ENGINE *impl,
                      const unsigned char *key, const unsigned char *iv, int enc);
int EVP_EncryptInit_ex(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher, ENGINE *impl,
                       const unsigned char *key, const unsigned char *iv);
int EVP_DecryptInit_ex(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher, ENGINE *impl,
                       const unsigned char *key, const unsigned char *iv);

/* MAC contexts: the HMAC key and digest a ticket key callback sets with
 * OSSL_MAC_PARAM_KEY and OSSL_MAC_PARAM_DIGEST (<openssl/core_names.h>). */
int EVP_MAC_CTX_set_params(EVP_MAC_CTX *ctx, const OSSL_PARAM params[]);

/* Digests. */
#define EVP_MAX_MD_SIZE 64
const EVP_MD *EVP_md5(void);
const EVP_MD *EVP_sha1(void);
const EVP_MD *EVP_sha224(void);
const EVP_MD *EVP_sha256(void);
const EVP_MD *EVP_sha384(void);
const EVP_MD *EVP_sha512(void);
const EVP_MD *EVP_get_digestbyname(const char *name);
int EVP_MD_get_size(const EVP_MD *md);
int EVP_MD_get_type(const EVP_MD *md);
const char *EVP_MD_get0_name(const EVP_MD *md);
#define EVP_MD_size EVP_MD_get_size
#define EVP_MD_type EVP_MD_get_type
#define EVP_MD_nid EVP_MD_get_type
/* A whole digest of data in one call; 1 on success. */
int EVP_Digest(const void *data, size_t count, unsigned char *md, unsigned int *size,
               const EVP_MD *type, void *impl);

/* Keys: reference-counted. */
void EVP_PKEY_free(EVP_PKEY *pkey);
int EVP_PKEY_up_ref(EVP_PKEY *pkey);
int EVP_PKEY_get_id(const EVP_PKEY *pkey);
int EVP_PKEY_get_bits(const EVP_PKEY *pkey);
#define EVP_PKEY_id EVP_PKEY_get_id
#define EVP_PKEY_bits EVP_PKEY_get_bits

#ifdef __cplusplus
}
#endif

#endif /* OPENSSL_EVP_H */
