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
    shim_certs *c = shim_calloc(1, sizeof(*c));

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
    shim_free(c);
}

/* The number of certificates in a chain (an empty chain has version 0). */
static size_t certs_count(const mbedtls_x509_crt *crt)
{
    size_t n = 0;

    for (; crt != NULL && crt->version != 0; crt = crt->next)
        n++;
    return n;
}

int shim_has_pem_block(const unsigned char *data)
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
        SHIM_GUARD(shim_has_pem_block(data), ERR_LIB_SSL, ERR_R_PEM_LIB);
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

/* 1 if key is the private half of the certificate's public key. */
static int key_matches_cert(const shim_key *key, const X509 *leaf)
{
    return mbedtls_pk_check_pair(&leaf->crt.pk, &key->pk, mbedtls_psa_get_random,
                                 MBEDTLS_PSA_RANDOM_STATE) == 0;
}

/* Appends copies of the certificates of from (a list) to to. */
static int certs_append(mbedtls_x509_crt *to, const mbedtls_x509_crt *from)
{
    for (; from != NULL && from->version != 0; from = from->next)
        SHIM_ENSURE(mbedtls_x509_crt_parse_der(to, from->raw.p, from->raw.len) == 0, ERR_LIB_SSL,
                    ERR_R_X509_LIB, 0);
    return 1;
}

/* Rebuilds what is sent from the leaf, the chain and ctx's extras. */
static int own_rebuild(struct shim_identity *own, const SSL_CTX *ctx)
{
    shim_certs *sent = NULL;
    size_t i;
    int j;

    if (own->leaf != NULL) {
        sent = shim_certs_new();
        if (sent == NULL)
            return 0;
        if (!certs_append(&sent->chain, &own->leaf->crt))
            goto err;
        if (own->chain != NULL) {
            for (j = 0; j < sk_X509_num(own->chain); j++) {
                if (!certs_append(&sent->chain, &sk_X509_value(own->chain, j)->crt))
                    goto err;
            }
        } else if (ctx != NULL) {
            for (i = 0; i < ctx->extra_count; i++) {
                if (!certs_append(&sent->chain, &ctx->extra_certs[i]->crt))
                    goto err;
            }
        }
    }
    shim_certs_free(own->sent);
    own->sent = sent;
    return 1;
err:
    shim_certs_free(sent);
    return 0;
}

/* OpenSSL keeps a certificate even when it does not match the key already
 * set, and drops that key instead: a new certificate and key are installed
 * certificate first. */
int shim_own_set_cert(struct shim_identity *own, const SSL_CTX *ctx, X509 *leaf,
                      int replace_chain, STACK_OF(X509) *chain)
{
    if (leaf == NULL || leaf->crt.version == 0) {
        X509_free(leaf);
        sk_X509_pop_free(chain, X509_free);
        SHIM_ERR(ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if (own->key != NULL && !key_matches_cert(own->key, leaf)) {
        shim_key_free(own->key);
        own->key = NULL;
    }
    X509_free(own->leaf);
    own->leaf = leaf;
    if (replace_chain) {
        sk_X509_pop_free(own->chain, X509_free);
        own->chain = chain;
    }
    return own_rebuild(own, ctx);
}

/* A key that does not match the certificate already set is refused. */
int shim_own_set_key(struct shim_identity *own, shim_key *key)
{
    if (own->leaf != NULL && !key_matches_cert(key, own->leaf)) {
        SHIM_ERR(ERR_LIB_X509, X509_R_KEY_VALUES_MISMATCH);
        shim_key_free(key);
        return 0;
    }
    shim_key_free(own->key);
    own->key = key;
    return 1;
}

int shim_own_set_chain_file(struct shim_identity *own, const SSL_CTX *ctx, shim_certs *file)
{
    X509 *leaf = shim_x509_from_der(file->chain.raw.p, file->chain.raw.len);
    STACK_OF(X509) *rest = NULL;
    const mbedtls_x509_crt *crt;

    for (crt = file->chain.next; leaf != NULL && crt != NULL && crt->raw.p != NULL;
         crt = crt->next) {
        X509 *x = shim_x509_from_der(crt->raw.p, crt->raw.len);

        if ((rest == NULL && (rest = sk_X509_new_null()) == NULL) || x == NULL ||
            !sk_X509_push(rest, x)) {
            X509_free(x);
            X509_free(leaf);
            leaf = NULL;
        }
    }
    shim_certs_free(file);
    if (leaf == NULL) {
        sk_X509_pop_free(rest, X509_free);
        return 0;
    }
    /* A file with the leaf alone clears the chain, as in OpenSSL. */
    return shim_own_set_cert(own, ctx, leaf, 1, rest);
}

void shim_own_share(struct shim_identity *to, const struct shim_identity *from)
{
    X509_up_ref(from->leaf);
    to->leaf = from->leaf;
    /* A connection's chain is its own list (of shared certificates). */
    to->chain = shim_x509_stack_share(from->chain);
    shim_key_up(from->key);
    to->key = from->key;
    shim_certs_up(from->sent);
    to->sent = from->sent;
    to->passwd_cb = from->passwd_cb;
    to->passwd_userdata = from->passwd_userdata;
}

void shim_own_clear(struct shim_identity *own)
{
    X509_free(own->leaf);
    sk_X509_pop_free(own->chain, X509_free);
    shim_key_free(own->key);
    shim_certs_free(own->sent);
    memset(own, 0, sizeof(*own));
}

/* The chain controls of SSL_CTX_ctrl and SSL_ctrl: set0/set1_chain,
 * add0/add1_chain_cert, get0_chain_certs. larg 1 means the caller keeps
 * its references (set1/add1). */
long shim_own_ctrl(struct shim_identity *own, const SSL_CTX *ctx, int cmd, long larg,
                   void *parg, int *handled)
{
    STACK_OF(X509) *chain;
    X509 *x;

    *handled = 1;
    switch (cmd) {
    case SSL_CTRL_CHAIN:
        chain = parg;
        if (larg && chain != NULL && (chain = shim_x509_stack_share(chain)) == NULL)
            return 0;
        sk_X509_pop_free(own->chain, X509_free);
        own->chain = chain;
        return own_rebuild(own, ctx);
    case SSL_CTRL_CHAIN_CERT:
        x = parg;
        SHIM_ENSURE_ARG(x, ERR_LIB_SSL, 0);
        if (own->chain == NULL && (own->chain = sk_X509_new_null()) == NULL)
            return 0;
        if (!sk_X509_push(own->chain, x))
            return 0;
        if (larg)
            X509_up_ref(x);
        return own_rebuild(own, ctx);
    case SSL_CTRL_GET_CHAIN_CERTS:
        SHIM_ENSURE_ARG(parg, ERR_LIB_SSL, 0);
        *(STACK_OF(X509) **)parg = own->chain;
        return 1;
    default:
        *handled = 0;
        return 0;
    }
}

static int own_check_private_key(const struct shim_identity *own)
{
    SHIM_ENSURE(own->leaf != NULL, ERR_LIB_SSL, SSL_R_NO_CERTIFICATE_ASSIGNED, 0);
    SHIM_ENSURE(own->key != NULL, ERR_LIB_SSL, SSL_R_NO_PRIVATE_KEY_ASSIGNED, 0);
    SHIM_ENSURE(key_matches_cert(own->key, own->leaf), ERR_LIB_X509, X509_R_KEY_VALUES_MISMATCH,
                0);
    return 1;
}

SHIM_EXPORT int SSL_CTX_check_private_key(const SSL_CTX *ctx)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    return own_check_private_key(&ctx->own);
}

SHIM_EXPORT int SSL_check_private_key(const SSL *ssl)
{
    SHIM_ENSURE_ARG(ssl, ERR_LIB_SSL, 0);
    return own_check_private_key(&ssl->own);
}

shim_certs *shim_certs_concat(const shim_certs *a, const shim_certs *b)
{
    shim_certs *c = shim_certs_new();

    if (c != NULL && ((a != NULL && !certs_append(&c->chain, &a->chain)) ||
                      (b != NULL && !certs_append(&c->chain, &b->chain)))) {
        shim_certs_free(c);
        return NULL;
    }
    return c;
}

/* ---- Automatic chains ---------------------------------------------------------------- */

/* The certificate of the list whose subject is crt's issuer, other than
 * crt itself. */
static const mbedtls_x509_crt *issuer_in(const mbedtls_x509_crt *list, const mbedtls_x509_crt *crt)
{
    for (; list != NULL && list->raw.p != NULL; list = list->next) {
        if (list->subject_raw.len == crt->issuer_raw.len &&
            memcmp(list->subject_raw.p, crt->issuer_raw.p, crt->issuer_raw.len) == 0 &&
            !(list->raw.len == crt->raw.len && memcmp(list->raw.p, crt->raw.p, crt->raw.len) == 0))
            return list;
    }
    return NULL;
}

/* OpenSSL sends a lone leaf with the chain it builds from the trust store
 * up to the root (unless SSL_MODE_NO_AUTO_CHAIN): the leaf, then each
 * issuer found there. NULL when the store adds nothing. */
shim_certs *shim_certs_auto_chain(const shim_certs *sent, const shim_certs *store)
{
    const mbedtls_x509_crt *cur = &sent->chain;
    shim_certs *chain;
    int depth;

    if (store == NULL || certs_count(&sent->chain) != 1 || issuer_in(&store->chain, cur) == NULL)
        return NULL;
    chain = shim_certs_new();
    if (chain == NULL || !certs_append(&chain->chain, &sent->chain)) {
        shim_certs_free(chain);
        return NULL;
    }
    /* Up to OpenSSL's default depth; a self-issued certificate ends it. */
    for (depth = 0; depth <= SHIM_DEFAULT_VERIFY_DEPTH; depth++) {
        const mbedtls_x509_crt *issuer = issuer_in(&store->chain, cur);

        if (issuer == NULL || (cur->issuer_raw.len == cur->subject_raw.len &&
                               memcmp(cur->issuer_raw.p, cur->subject_raw.p,
                                      cur->subject_raw.len) == 0))
            break;
        if (mbedtls_x509_crt_parse_der(&chain->chain, issuer->raw.p, issuer->raw.len) != 0) {
            shim_certs_free(chain);
            return NULL;
        }
        cur = issuer;
    }
    return chain;
}

/* ---- Certificates and keys from objects and memory ---------------------------------- */

static int own_use_certificate(struct shim_identity *own, const SSL_CTX *ctx, X509 *x)
{
    SHIM_ENSURE_ARG(x, ERR_LIB_SSL, 0);
    X509_up_ref(x);
    return shim_own_set_cert(own, ctx, x, 0, NULL);
}

SHIM_EXPORT int SSL_CTX_use_certificate(SSL_CTX *ctx, X509 *x)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    return own_use_certificate(&ctx->own, ctx, x);
}

SHIM_EXPORT int SSL_use_certificate(SSL *ssl, X509 *x)
{
    SHIM_ENSURE_ARG(ssl, ERR_LIB_SSL, 0);
    return own_use_certificate(&ssl->own, ssl->ctx, x);
}

static int own_use_certificate_der(struct shim_identity *own, const SSL_CTX *ctx,
                                   const unsigned char *d, long len)
{
    const unsigned char *p = d;
    X509 *x;

    SHIM_ENSURE(d != NULL && len > 0, ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER, 0);
    x = d2i_X509(NULL, &p, len);
    if (x == NULL) {
        SHIM_ERR(ERR_LIB_SSL, ERR_R_ASN1_LIB);
        return 0;
    }
    return shim_own_set_cert(own, ctx, x, 0, NULL);
}

SHIM_EXPORT int SSL_CTX_use_certificate_ASN1(SSL_CTX *ctx, int len, const unsigned char *d)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    return own_use_certificate_der(&ctx->own, ctx, d, len);
}

SHIM_EXPORT int SSL_use_certificate_ASN1(SSL *ssl, const unsigned char *d, int len)
{
    SHIM_ENSURE_ARG(ssl, ERR_LIB_SSL, 0);
    return own_use_certificate_der(&ssl->own, ssl->ctx, d, len);
}

static int own_use_key(struct shim_identity *own, EVP_PKEY *pkey)
{
    SHIM_ENSURE_ARG(pkey, ERR_LIB_SSL, 0);
    shim_key_up(pkey);
    return shim_own_set_key(own, pkey);
}

SHIM_EXPORT int SSL_CTX_use_PrivateKey(SSL_CTX *ctx, EVP_PKEY *pkey)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    return own_use_key(&ctx->own, pkey);
}

SHIM_EXPORT int SSL_use_PrivateKey(SSL *ssl, EVP_PKEY *pkey)
{
    SHIM_ENSURE_ARG(ssl, ERR_LIB_SSL, 0);
    return own_use_key(&ssl->own, pkey);
}

/* The type is OpenSSL's EVP_PKEY_* of the key, which the DER must match. */
static int own_use_key_der(struct shim_identity *own, int type, const unsigned char *d, long len)
{
    shim_key *key;

    SHIM_ENSURE(d != NULL && len > 0, ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER, 0);
    key = shim_key_parse(d, (size_t)len, SSL_FILETYPE_ASN1, NULL, NULL);
    if (key == NULL)
        return 0;
    if (EVP_PKEY_get_id(key) != type) {
        shim_key_free(key);
        SHIM_ERR(ERR_LIB_SSL, ERR_R_ASN1_LIB);
        return 0;
    }
    return shim_own_set_key(own, key);
}

SHIM_EXPORT int SSL_CTX_use_PrivateKey_ASN1(int pk, SSL_CTX *ctx, const unsigned char *d, long len)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    return own_use_key_der(&ctx->own, pk, d, len);
}

SHIM_EXPORT int SSL_use_PrivateKey_ASN1(int pk, SSL *ssl, const unsigned char *d, long len)
{
    SHIM_ENSURE_ARG(ssl, ERR_LIB_SSL, 0);
    return own_use_key_der(&ssl->own, pk, d, len);
}

/* Certificate, key and chain at once. Without override, an identity
 * already set is kept and the call fails. */
static int own_use_cert_and_key(struct shim_identity *own, const SSL_CTX *ctx, X509 *x509,
                                EVP_PKEY *pkey, STACK_OF(X509) *chain, int override)
{
    STACK_OF(X509) *copy = NULL;

    SHIM_ENSURE(x509 != NULL && pkey != NULL, ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER, 0);
    SHIM_ENSURE(override || (own->leaf == NULL && own->key == NULL), ERR_LIB_SSL,
                SSL_R_NOT_REPLACING_CERTIFICATE, 0);
    SHIM_ENSURE(key_matches_cert(pkey, x509), ERR_LIB_SSL, SSL_R_PRIVATE_KEY_MISMATCH, 0);
    if (chain != NULL && (copy = shim_x509_stack_share(chain)) == NULL)
        return 0;
    X509_up_ref(x509);
    shim_key_up(pkey);
    /* The key first: it matches the certificate that follows. */
    shim_key_free(own->key);
    own->key = pkey;
    return shim_own_set_cert(own, ctx, x509, 1, copy);
}

SHIM_EXPORT int SSL_CTX_use_cert_and_key(SSL_CTX *ctx, X509 *x509, EVP_PKEY *privatekey,
                                         STACK_OF(X509) *chain, int override)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    return own_use_cert_and_key(&ctx->own, ctx, x509, privatekey, chain, override);
}

SHIM_EXPORT int SSL_use_cert_and_key(SSL *ssl, X509 *x509, EVP_PKEY *privatekey,
                                     STACK_OF(X509) *chain, int override)
{
    SHIM_ENSURE_ARG(ssl, ERR_LIB_SSL, 0);
    return own_use_cert_and_key(&ssl->own, ssl->ctx, x509, privatekey, chain, override);
}

SHIM_EXPORT X509 *SSL_CTX_get0_certificate(const SSL_CTX *ctx)
{
    return ctx != NULL ? ctx->own.leaf : NULL;
}

SHIM_EXPORT EVP_PKEY *SSL_CTX_get0_privatekey(const SSL_CTX *ctx)
{
    return ctx != NULL ? ctx->own.key : NULL;
}

SHIM_EXPORT X509 *SSL_get_certificate(const SSL *ssl)
{
    return ssl != NULL ? ssl->own.leaf : NULL;
}

SHIM_EXPORT EVP_PKEY *SSL_get_privatekey(const SSL *ssl)
{
    return ssl != NULL ? ssl->own.key : NULL;
}

/* ---- Extra chain certificates -------------------------------------------------------- */

/* SSL_CTX_add_extra_chain_cert: the context takes x over. */
long shim_ctx_add_extra_cert(SSL_CTX *ctx, X509 *x)
{
    X509 **grown;

    SHIM_ENSURE_ARG(x, ERR_LIB_SSL, 0);
    grown = shim_realloc(ctx->extra_certs, (ctx->extra_count + 1) * sizeof(*grown));
    SHIM_ENSURE(grown != NULL, ERR_LIB_SSL, ERR_R_MALLOC_FAILURE, 0);
    ctx->extra_certs = grown;
    ctx->extra_certs[ctx->extra_count++] = x;
    return own_rebuild(&ctx->own, ctx);
}

long shim_ctx_clear_extra_certs(SSL_CTX *ctx)
{
    while (ctx->extra_count > 0)
        X509_free(ctx->extra_certs[--ctx->extra_count]);
    shim_free(ctx->extra_certs);
    ctx->extra_certs = NULL;
    return own_rebuild(&ctx->own, ctx);
}

/* ---- Passwords for encrypted keys ---------------------------------------------------- */

SHIM_EXPORT void SSL_CTX_set_default_passwd_cb(SSL_CTX *ctx, pem_password_cb *cb)
{
    if (ctx != NULL)
        ctx->own.passwd_cb = cb;
}

SHIM_EXPORT void SSL_CTX_set_default_passwd_cb_userdata(SSL_CTX *ctx, void *u)
{
    if (ctx != NULL)
        ctx->own.passwd_userdata = u;
}

SHIM_EXPORT pem_password_cb *SSL_CTX_get_default_passwd_cb(SSL_CTX *ctx)
{
    return ctx != NULL ? ctx->own.passwd_cb : NULL;
}

SHIM_EXPORT void *SSL_CTX_get_default_passwd_cb_userdata(SSL_CTX *ctx)
{
    return ctx != NULL ? ctx->own.passwd_userdata : NULL;
}

SHIM_EXPORT void SSL_set_default_passwd_cb(SSL *s, pem_password_cb *cb)
{
    if (s != NULL)
        s->own.passwd_cb = cb;
}

SHIM_EXPORT void SSL_set_default_passwd_cb_userdata(SSL *s, void *u)
{
    if (s != NULL)
        s->own.passwd_userdata = u;
}

SHIM_EXPORT pem_password_cb *SSL_get_default_passwd_cb(SSL *s)
{
    return s != NULL ? s->own.passwd_cb : NULL;
}

SHIM_EXPORT void *SSL_get_default_passwd_cb_userdata(SSL *s)
{
    return s != NULL ? s->own.passwd_userdata : NULL;
}
