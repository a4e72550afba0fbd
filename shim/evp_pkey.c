/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Keys (EVP_PKEY): life cycle, type and size, and parsing from memory with
 * OpenSSL's password rules. No file access here.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include <mbedtls/platform_util.h>
#include <mbedtls/psa_util.h>

/* OpenSSL's buffer for a password read through a callback. */
#define PASSWORD_MAX 1024

shim_key *shim_key_new(void)
{
    shim_key *k = shim_calloc(1, sizeof(*k));

    SHIM_ENSURE(k != NULL, ERR_LIB_EVP, ERR_R_MALLOC_FAILURE, NULL);
    k->refs = 1;
    mbedtls_pk_init(&k->pk);
    return k;
}

void shim_key_up(shim_key *k)
{
    if (k != NULL)
        shim_ref_inc(&k->refs);
}

void shim_key_free(shim_key *k)
{
    if (k == NULL || shim_ref_dec(&k->refs) > 0)
        return;
    mbedtls_pk_free(&k->pk);
    shim_free(k);
}

SHIM_EXPORT void EVP_PKEY_free(EVP_PKEY *pkey)
{
    shim_key_free(pkey);
}

SHIM_EXPORT int EVP_PKEY_up_ref(EVP_PKEY *pkey)
{
    if (pkey == NULL)
        return 0;
    shim_key_up(pkey);
    return 1;
}

SHIM_EXPORT int EVP_PKEY_get_id(const EVP_PKEY *pkey)
{
    if (pkey == NULL)
        return EVP_PKEY_NONE;
    switch (mbedtls_pk_get_type(&pkey->pk)) {
    case MBEDTLS_PK_RSA:
        return EVP_PKEY_RSA;
    case MBEDTLS_PK_ECKEY:
    case MBEDTLS_PK_ECDSA:
        return EVP_PKEY_EC;
    default:
        return EVP_PKEY_NONE;
    }
}

SHIM_EXPORT int EVP_PKEY_get_bits(const EVP_PKEY *pkey)
{
    return pkey != NULL ? (int)mbedtls_pk_get_bitlen(&pkey->pk) : 0;
}

/* One parse attempt; mbedTLS's result. The RNG blinds RSA private-key
 * operations during the consistency check. */
static int parse_key(shim_key *k, const unsigned char *data, size_t len, int type,
                     const char *password, size_t password_len)
{
    mbedtls_pk_free(&k->pk);
    mbedtls_pk_init(&k->pk);
    /* mbedTLS tells PEM from DER by the terminating NUL it expects in PEM. */
    return mbedtls_pk_parse_key(&k->pk, data, type == SSL_FILETYPE_PEM ? len + 1 : len,
                                (const unsigned char *)password, password_len,
                                mbedtls_psa_get_random, MBEDTLS_PSA_RANDOM_STATE);
}

shim_key *shim_key_parse(const unsigned char *data, size_t len, int type, pem_password_cb *cb,
                         void *u)
{
    char password[PASSWORD_MAX];
    int password_len;
    shim_key *k;
    int ret;

    SHIM_ENSURE(type == SSL_FILETYPE_PEM || type == SSL_FILETYPE_ASN1, ERR_LIB_SSL,
                SSL_R_BAD_SSL_FILETYPE, NULL);
    SHIM_ENSURE(type != SSL_FILETYPE_PEM || shim_has_pem_block(data), ERR_LIB_SSL, ERR_R_PEM_LIB,
                NULL);
    k = shim_key_new();
    if (k == NULL)
        return NULL;
    ret = parse_key(k, data, len, type, NULL, 0);
    /* As OpenSSL: the password is asked for only when the key needs one. */
    if (ret == MBEDTLS_ERR_PK_PASSWORD_REQUIRED) {
        password_len = shim_pem_password(cb, u, password, (int)sizeof(password));
        if (password_len < 0) {
            shim_key_free(k);
            return NULL;
        }
        ret = parse_key(k, data, len, type, password, (size_t)password_len);
        mbedtls_platform_zeroize(password, sizeof(password));
    }
    if (ret != 0) {
        if (ret == MBEDTLS_ERR_PK_PASSWORD_REQUIRED || ret == MBEDTLS_ERR_PK_PASSWORD_MISMATCH)
            SHIM_ERR(ERR_LIB_PEM, PEM_R_BAD_DECRYPT);
        else if (ret == MBEDTLS_ERR_PK_FEATURE_UNAVAILABLE)
            SHIM_ERR(ERR_LIB_PEM, PEM_R_UNSUPPORTED_ENCRYPTION);
        else
            SHIM_ERR(ERR_LIB_SSL, type == SSL_FILETYPE_PEM ? ERR_R_PEM_LIB : ERR_R_ASN1_LIB);
        shim_key_free(k);
        return NULL;
    }
    return k;
}
