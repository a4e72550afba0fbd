/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The cipher and MAC contexts a session ticket key callback fills in
 * (SSL_CTX_set_tlsext_ticket_key_evp_cb and the older HMAC_CTX form):
 * EVP_EncryptInit_ex and EVP_DecryptInit_ex record an AES-CBC key, IV and
 * direction; EVP_MAC_CTX_set_params and HMAC_Init_ex record an HMAC key
 * and digest. The library seals and opens the ticket itself with them
 * (ssl_session.c), so no streaming cipher calls are needed here. Also the
 * OSSL_PARAM builders and RAND_bytes such callbacks use.
 */
#include "internal.h"

#include <limits.h>
#include <string.h>

#include <mbedtls/platform_util.h>
#include <psa/crypto.h>

#include <openssl/core_names.h>
#include <openssl/hmac.h>
#include <openssl/params.h>
#include <openssl/rand.h>

static const EVP_CIPHER aes_128_cbc = {NID_aes_128_cbc, 16, 16};
static const EVP_CIPHER aes_256_cbc = {NID_aes_256_cbc, 32, 16};

SHIM_EXPORT const EVP_CIPHER *EVP_aes_128_cbc(void)
{
    return &aes_128_cbc;
}

SHIM_EXPORT const EVP_CIPHER *EVP_aes_256_cbc(void)
{
    return &aes_256_cbc;
}

SHIM_EXPORT int EVP_CIPHER_get_key_length(const EVP_CIPHER *cipher)
{
    return cipher != NULL ? (int)cipher->key_len : 0;
}

SHIM_EXPORT int EVP_CIPHER_get_iv_length(const EVP_CIPHER *cipher)
{
    return cipher != NULL ? (int)cipher->iv_len : 0;
}

SHIM_EXPORT int EVP_CIPHER_get_block_size(const EVP_CIPHER *cipher)
{
    return cipher != NULL ? 16 : 0; /* AES */
}

SHIM_EXPORT EVP_CIPHER_CTX *EVP_CIPHER_CTX_new(void)
{
    EVP_CIPHER_CTX *ctx = shim_calloc(1, sizeof(*ctx));

    SHIM_ENSURE(ctx != NULL, ERR_LIB_EVP, ERR_R_MALLOC_FAILURE, NULL);
    return ctx;
}

SHIM_EXPORT int EVP_CIPHER_CTX_reset(EVP_CIPHER_CTX *ctx)
{
    if (ctx != NULL)
        mbedtls_platform_zeroize(ctx, sizeof(*ctx));
    return 1;
}

SHIM_EXPORT void EVP_CIPHER_CTX_free(EVP_CIPHER_CTX *ctx)
{
    (void)EVP_CIPHER_CTX_reset(ctx);
    shim_free(ctx);
}

SHIM_EXPORT const EVP_CIPHER *EVP_CIPHER_CTX_get0_cipher(const EVP_CIPHER_CTX *ctx)
{
    return ctx != NULL ? ctx->cipher : NULL;
}

/* OpenSSL's rules: a NULL cipher, key or IV keeps what an earlier call
 * set; enc -1 keeps the direction. */
SHIM_EXPORT int EVP_CipherInit_ex(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher, ENGINE *impl,
                                  const unsigned char *key, const unsigned char *iv, int enc)
{
    (void)impl;
    SHIM_ENSURE_ARG(ctx, ERR_LIB_EVP, 0);
    if (cipher != NULL && cipher != ctx->cipher) {
        (void)EVP_CIPHER_CTX_reset(ctx);
        ctx->cipher = cipher;
    }
    SHIM_ENSURE(ctx->cipher != NULL, ERR_LIB_EVP, ERR_R_PASSED_INVALID_ARGUMENT, 0);
    if (enc != -1)
        ctx->encrypt = enc != 0;
    if (key != NULL)
        memcpy(ctx->key, key, ctx->cipher->key_len);
    if (iv != NULL)
        memcpy(ctx->iv, iv, ctx->cipher->iv_len);
    return 1;
}

SHIM_EXPORT int EVP_EncryptInit_ex(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher, ENGINE *impl,
                                   const unsigned char *key, const unsigned char *iv)
{
    return EVP_CipherInit_ex(ctx, cipher, impl, key, iv, 1);
}

SHIM_EXPORT int EVP_DecryptInit_ex(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher, ENGINE *impl,
                                   const unsigned char *key, const unsigned char *iv)
{
    return EVP_CipherInit_ex(ctx, cipher, impl, key, iv, 0);
}

/* ---- HMAC keys --------------------------------------------------------------------------- */

static int set_mac_key(struct shim_mac_key *mac, const void *key, size_t len)
{
    SHIM_ENSURE(len <= sizeof(mac->key), ERR_LIB_EVP, ERR_R_UNSUPPORTED, 0);
    if (len > 0)
        memcpy(mac->key, key, len);
    mac->key_len = len;
    mac->keyed = 1;
    return 1;
}

/* A key and a digest, as the HMAC provider reads them; other parameters
 * are not HMAC's and are passed over, as OpenSSL's provider does. */
SHIM_EXPORT int EVP_MAC_CTX_set_params(EVP_MAC_CTX *ctx, const OSSL_PARAM params[])
{
    const OSSL_PARAM *p;

    SHIM_ENSURE_ARG(ctx, ERR_LIB_EVP, 0);
    for (p = params; p != NULL && p->key != NULL; p++) {
        if (strcmp(p->key, OSSL_MAC_PARAM_DIGEST) == 0) {
            const EVP_MD *md = p->data_type == OSSL_PARAM_UTF8_STRING
                                   ? EVP_get_digestbyname((const char *)p->data)
                                   : NULL;

            SHIM_ENSURE(md != NULL, ERR_LIB_EVP, ERR_R_PASSED_INVALID_ARGUMENT, 0);
            ctx->mac.md = md;
        } else if (strcmp(p->key, OSSL_MAC_PARAM_KEY) == 0) {
            SHIM_ENSURE(p->data_type == OSSL_PARAM_OCTET_STRING, ERR_LIB_EVP,
                        ERR_R_PASSED_INVALID_ARGUMENT, 0);
            if (!set_mac_key(&ctx->mac, p->data, p->data_size))
                return 0;
        }
    }
    return 1;
}

/* A NULL key or digest keeps what was set. */
SHIM_EXPORT int HMAC_Init_ex(HMAC_CTX *ctx, const void *key, int len, const EVP_MD *md,
                             ENGINE *impl)
{
    (void)impl;
    SHIM_ENSURE_ARG(ctx, ERR_LIB_EVP, 0);
    if (md != NULL)
        ctx->mac.md = md;
    SHIM_ENSURE(ctx->mac.md != NULL, ERR_LIB_EVP, ERR_R_PASSED_INVALID_ARGUMENT, 0);
    if (key != NULL)
        return len >= 0 && set_mac_key(&ctx->mac, key, (size_t)len);
    return 1;
}

/* ---- Parameters ---------------------------------------------------------------------------- */

static OSSL_PARAM param(const char *key, unsigned int type, void *data, size_t size)
{
    OSSL_PARAM p;

    p.key = key;
    p.data_type = type;
    p.data = data;
    p.data_size = size;
    p.return_size = OSSL_PARAM_UNMODIFIED;
    return p;
}

/* bsize 0 means the string's own length, as in OpenSSL. */
SHIM_EXPORT OSSL_PARAM OSSL_PARAM_construct_utf8_string(const char *key, char *buf, size_t bsize)
{
    if (buf != NULL && bsize == 0)
        bsize = strlen(buf);
    return param(key, OSSL_PARAM_UTF8_STRING, buf, bsize);
}

SHIM_EXPORT OSSL_PARAM OSSL_PARAM_construct_octet_string(const char *key, void *buf, size_t bsize)
{
    return param(key, OSSL_PARAM_OCTET_STRING, buf, bsize);
}

SHIM_EXPORT OSSL_PARAM OSSL_PARAM_construct_end(void)
{
    return param(NULL, 0, NULL, 0);
}

SHIM_EXPORT const OSSL_PARAM *OSSL_PARAM_locate_const(const OSSL_PARAM *p, const char *key)
{
    for (; p != NULL && p->key != NULL; p++)
        if (key != NULL && strcmp(p->key, key) == 0)
            return p;
    return NULL;
}

/* ---- Random bytes -------------------------------------------------------------------------- */

SHIM_EXPORT int RAND_bytes(unsigned char *buf, int num)
{
    SHIM_ENSURE(num >= 0 && (buf != NULL || num == 0), ERR_LIB_CRYPTO,
                ERR_R_PASSED_INVALID_ARGUMENT, 0);
    if (!shim_library_init())
        return 0;
    SHIM_ENSURE(psa_generate_random(buf, (size_t)num) == PSA_SUCCESS, ERR_LIB_CRYPTO,
                ERR_R_INTERNAL_ERROR, 0);
    return 1;
}

SHIM_EXPORT int RAND_priv_bytes(unsigned char *buf, int num)
{
    return RAND_bytes(buf, num);
}

SHIM_EXPORT int RAND_status(void)
{
    return shim_library_init();
}
