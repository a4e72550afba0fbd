/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Shared certificate chains and keys: parsing from memory, reference counts,
 * and the key/certificate match check. No file access here (see
 * ssl_cert_file.c), so this works where there is no filesystem.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include <mbedtls/pem.h>
#include <mbedtls/psa_util.h>

shim_certs *shim_certs_new(void)
{
    shim_certs *c = calloc(1, sizeof(*c));

    SHIM_ENSURE(c != NULL, ERR_LIB_SSL, ERR_R_MALLOC_FAILURE, NULL);
    c->refs = 1;
    mbedtls_x509_crt_init(&c->chain);
    return c;
}

void shim_certs_up(shim_certs *c)
{
    if (c != NULL)
        shim_ref_inc(&c->refs);
}

void shim_certs_free(shim_certs *c)
{
    if (c == NULL || shim_ref_dec(&c->refs) > 0)
        return;
    mbedtls_x509_crt_free(&c->chain);
    free(c);
}

shim_key *shim_key_new(void)
{
    shim_key *k = calloc(1, sizeof(*k));

    SHIM_ENSURE(k != NULL, ERR_LIB_SSL, ERR_R_MALLOC_FAILURE, NULL);
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
    free(k);
}

/* The number of certificates in a chain (an empty chain has version 0). */
static size_t certs_count(const mbedtls_x509_crt *crt)
{
    size_t n = 0;

    for (; crt != NULL && crt->version != 0; crt = crt->next)
        n++;
    return n;
}

/* mbedTLS falls back to DER when it finds no PEM block; OpenSSL, asked for
 * PEM, fails. data is NUL-terminated (data[len] == 0). */
static int has_pem_block(const unsigned char *data)
{
    return strstr((const char *)data, "-----BEGIN ") != NULL;
}

/* A PEM buffer must be NUL-terminated and its length must count the NUL;
 * callers pass data with a NUL at data[len]. */
shim_certs *shim_certs_parse(const shim_certs *base, const unsigned char *data, size_t len,
                             int type, size_t max_certs)
{
    shim_certs *c = shim_certs_new();
    const mbedtls_x509_crt *crt;
    shim_certs *parsed = NULL;
    int ret;

    if (c == NULL)
        return NULL;
    if (base != NULL) {
        for (crt = &base->chain; crt != NULL && crt->version != 0; crt = crt->next)
            SHIM_GUARD(mbedtls_x509_crt_parse_der(&c->chain, crt->raw.p, crt->raw.len) == 0,
                       ERR_LIB_SSL, ERR_R_X509_LIB);
    }
    if (type == SSL_FILETYPE_PEM) {
        parsed = shim_certs_new();
        if (parsed == NULL)
            goto err;
        SHIM_GUARD(has_pem_block(data), ERR_LIB_SSL, ERR_R_PEM_LIB);
        ret = mbedtls_x509_crt_parse(&parsed->chain, data, len + 1);
        /* A positive count means some certificates did not parse; OpenSSL
         * fails on a damaged PEM block too. */
        SHIM_GUARD(ret == 0 && certs_count(&parsed->chain) > 0, ERR_LIB_SSL, ERR_R_PEM_LIB);
        for (crt = &parsed->chain; crt != NULL && crt->version != 0 && max_certs > 0;
             crt = crt->next, max_certs--)
            SHIM_GUARD(mbedtls_x509_crt_parse_der(&c->chain, crt->raw.p, crt->raw.len) == 0,
                       ERR_LIB_SSL, ERR_R_X509_LIB);
        shim_certs_free(parsed);
    } else if (type == SSL_FILETYPE_ASN1) {
        SHIM_GUARD(mbedtls_x509_crt_parse_der(&c->chain, data, len) == 0, ERR_LIB_SSL,
                   ERR_R_ASN1_LIB);
    } else {
        SHIM_ERR(ERR_LIB_SSL, SSL_R_BAD_SSL_FILETYPE);
        goto err;
    }
    return c;
err:
    shim_certs_free(parsed);
    shim_certs_free(c);
    return NULL;
}

shim_key *shim_key_parse(const unsigned char *data, size_t len, int type)
{
    shim_key *k;
    int ret;

    SHIM_ENSURE(type == SSL_FILETYPE_PEM || type == SSL_FILETYPE_ASN1, ERR_LIB_SSL,
                SSL_R_BAD_SSL_FILETYPE, NULL);
    SHIM_ENSURE(type != SSL_FILETYPE_PEM || has_pem_block(data), ERR_LIB_SSL, ERR_R_PEM_LIB, NULL);
    k = shim_key_new();
    if (k == NULL)
        return NULL;
    /* mbedTLS tells PEM from DER by the terminating NUL it expects in PEM;
     * the RNG blinds RSA private-key operations during the check. */
    ret = mbedtls_pk_parse_key(&k->pk, data, type == SSL_FILETYPE_PEM ? len + 1 : len, NULL, 0,
                               mbedtls_psa_get_random, MBEDTLS_PSA_RANDOM_STATE);
    if (ret != 0) {
        SHIM_ERR(ERR_LIB_SSL, type == SSL_FILETYPE_PEM ? ERR_R_PEM_LIB : ERR_R_ASN1_LIB);
        shim_key_free(k);
        return NULL;
    }
    return k;
}

/* 1 if key is the private half of the certificate's public key. */
static int key_matches_cert(const shim_key *key, const shim_certs *chain)
{
    return mbedtls_pk_check_pair(&chain->chain.pk, &key->pk, mbedtls_psa_get_random,
                                 MBEDTLS_PSA_RANDOM_STATE) == 0;
}

/* OpenSSL keeps a certificate even when it does not match the key already
 * set, and drops that key instead: a new certificate and key are installed
 * certificate first. */
int shim_ctx_set_own_chain(SSL_CTX *ctx, shim_certs *chain)
{
    if (ctx->own_key != NULL && !key_matches_cert(ctx->own_key, chain)) {
        shim_key_free(ctx->own_key);
        ctx->own_key = NULL;
    }
    shim_certs_free(ctx->own_chain);
    ctx->own_chain = chain;
    return 1;
}

/* A key that does not match the certificate already set is refused. */
int shim_ctx_set_own_key(SSL_CTX *ctx, shim_key *key)
{
    if (ctx->own_chain != NULL && !key_matches_cert(key, ctx->own_chain)) {
        SHIM_ERR(ERR_LIB_X509, X509_R_KEY_VALUES_MISMATCH);
        shim_key_free(key);
        return 0;
    }
    shim_key_free(ctx->own_key);
    ctx->own_key = key;
    return 1;
}

SHIM_EXPORT int SSL_CTX_check_private_key(const SSL_CTX *ctx)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    SHIM_ENSURE(ctx->own_chain != NULL, ERR_LIB_SSL, SSL_R_NO_CERTIFICATE_ASSIGNED, 0);
    SHIM_ENSURE(ctx->own_key != NULL, ERR_LIB_SSL, SSL_R_NO_PRIVATE_KEY_ASSIGNED, 0);
    SHIM_ENSURE(key_matches_cert(ctx->own_key, ctx->own_chain), ERR_LIB_X509,
                X509_R_KEY_VALUES_MISMATCH, 0);
    return 1;
}
