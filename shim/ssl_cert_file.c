/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Loading certificates, keys and trust anchors from files. The only file
 * access of the library: it reads the file and hands the bytes to the
 * memory parsers of ssl_cert.c.
 */
#include "internal.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


unsigned char *shim_file_read(const char *path, size_t *len)
{
    unsigned char *data = NULL;
    size_t used = 0;
    size_t cap = 0;
    FILE *f;

    SHIM_ENSURE_ARG(path, ERR_LIB_SSL, NULL);
    f = fopen(path, "rb");
    if (f == NULL) {
        shim_err_push(ERR_LIB_SYS, errno, __FILE__, __LINE__, "fopen", path);
        SHIM_ERR(ERR_LIB_SSL, ERR_R_SYS_LIB);
        return NULL;
    }
    for (;;) {
        size_t n;

        /* One spare byte for the NUL that PEM parsing needs. */
        if (cap - used < 2) {
            size_t grown_cap = cap == 0 ? 4096 : cap * 2;
            unsigned char *grown;

            if (grown_cap < cap) {
                SHIM_ERR(ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
                goto err;
            }
            /* Key material may be in the old buffer: copy, then wipe it,
             * rather than let realloc() free it unwiped. */
            grown = malloc(grown_cap);
            if (grown == NULL) {
                SHIM_ERR(ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
                goto err;
            }
            if (data != NULL) {
                memcpy(grown, data, used);
                shim_wipe_free(data, cap);
            }
            data = grown;
            cap = grown_cap;
        }
        n = fread(data + used, 1, cap - used - 1, f);
        used += n;
        if (n == 0) {
            if (ferror(f)) {
                shim_err_push(ERR_LIB_SYS, errno != 0 ? errno : EIO, __FILE__, __LINE__, "fread",
                              path);
                SHIM_ERR(ERR_LIB_SSL, ERR_R_SYS_LIB);
                goto err;
            }
            break;
        }
    }
    fclose(f);
    data[used] = '\0';
    *len = used;
    return data;
err:
    fclose(f);
    shim_wipe_free(data, cap);
    return NULL;
}

/* Parses a file's certificates; NULL with an error pushed on failure. */
static shim_certs *certs_from_file(const shim_certs *base, const char *file, int type,
                                   size_t max_certs)
{
    size_t len;
    unsigned char *data = shim_file_read(file, &len);
    shim_certs *c;

    if (data == NULL)
        return NULL;
    c = shim_certs_parse(base, data, len, type, max_certs);
    shim_wipe_free(data, len);
    return c;
}

/* The first certificate of a file, as in OpenSSL. */
static int own_use_certificate_file(struct shim_identity *own, const SSL_CTX *ctx,
                                    const char *file, int type)
{
    shim_certs *c = certs_from_file(NULL, file, type, 1);
    X509 *leaf;

    if (c == NULL)
        return 0;
    leaf = shim_x509_from_der(c->chain.raw.p, c->chain.raw.len);
    shim_certs_free(c);
    return leaf != NULL && shim_own_set_cert(own, ctx, leaf, 0, NULL);
}

SHIM_EXPORT int SSL_CTX_use_certificate_file(SSL_CTX *ctx, const char *file, int type)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    return own_use_certificate_file(&ctx->own, ctx, file, type);
}

SHIM_EXPORT int SSL_use_certificate_file(SSL *ssl, const char *file, int type)
{
    SHIM_ENSURE_ARG(ssl, ERR_LIB_SSL, 0);
    return own_use_certificate_file(&ssl->own, ssl->ctx, file, type);
}

/* The leaf, then the chain certificates in file order. */
static int own_use_chain_file(struct shim_identity *own, const SSL_CTX *ctx, const char *file)
{
    shim_certs *c = certs_from_file(NULL, file, SSL_FILETYPE_PEM, SIZE_MAX);

    return c != NULL && shim_own_set_chain_file(own, ctx, c);
}

SHIM_EXPORT int SSL_CTX_use_certificate_chain_file(SSL_CTX *ctx, const char *file)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    return own_use_chain_file(&ctx->own, ctx, file);
}

SHIM_EXPORT int SSL_use_certificate_chain_file(SSL *ssl, const char *file)
{
    SHIM_ENSURE_ARG(ssl, ERR_LIB_SSL, 0);
    return own_use_chain_file(&ssl->own, ssl->ctx, file);
}

/* A key from a file; required_type, unless EVP_PKEY_NONE, is the only key
 * type accepted (OpenSSL's legacy RSA loaders). */
static int own_use_key_file(struct shim_identity *own, const char *file, int type,
                            int required_type)
{
    unsigned char *data;
    shim_key *k;
    size_t len;

    data = shim_file_read(file, &len);
    if (data == NULL)
        return 0;
    k = shim_key_parse(data, len, type, own->passwd_cb, own->passwd_userdata);
    shim_wipe_free(data, len);
    if (k == NULL)
        return 0;
    if (required_type != EVP_PKEY_NONE && EVP_PKEY_get_id(k) != required_type) {
        shim_key_free(k);
        SHIM_ERR(ERR_LIB_SSL, type == SSL_FILETYPE_PEM ? ERR_R_PEM_LIB : ERR_R_ASN1_LIB);
        return 0;
    }
    return shim_own_set_key(own, k);
}

SHIM_EXPORT int SSL_CTX_use_PrivateKey_file(SSL_CTX *ctx, const char *file, int type)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    return own_use_key_file(&ctx->own, file, type, EVP_PKEY_NONE);
}

SHIM_EXPORT int SSL_use_PrivateKey_file(SSL *ssl, const char *file, int type)
{
    SHIM_ENSURE_ARG(ssl, ERR_LIB_SSL, 0);
    return own_use_key_file(&ssl->own, file, type, EVP_PKEY_NONE);
}

SHIM_EXPORT int SSL_CTX_use_RSAPrivateKey_file(SSL_CTX *ctx, const char *file, int type)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    return own_use_key_file(&ctx->own, file, type, EVP_PKEY_RSA);
}

SHIM_EXPORT int SSL_use_RSAPrivateKey_file(SSL *ssl, const char *file, int type)
{
    SHIM_ENSURE_ARG(ssl, ERR_LIB_SSL, 0);
    return own_use_key_file(&ssl->own, file, type, EVP_PKEY_RSA);
}

/* The subjects of a PEM file's certificates, each once; NULL when there
 * are none or the file cannot be read. */
SHIM_EXPORT STACK_OF(X509_NAME) *SSL_load_client_CA_file(const char *file)
{
    STACK_OF(X509_NAME) *names = NULL;
    BIO *in = BIO_new_file(file, "r");
    X509 *x = NULL;

    if (in == NULL)
        return NULL;
    while (PEM_read_bio_X509(in, &x, NULL, NULL) != NULL) {
        const X509_NAME *subject = X509_get_subject_name(x);
        X509_NAME *name;
        int i;
        int seen = 0;

        for (i = 0; !seen && i < sk_X509_NAME_num(names); i++)
            seen = X509_NAME_cmp(sk_X509_NAME_value(names, i), subject) == 0;
        if (seen)
            continue;
        if ((names == NULL && (names = sk_X509_NAME_new_null()) == NULL) ||
            (name = X509_NAME_dup(subject)) == NULL) {
            sk_X509_NAME_pop_free(names, X509_NAME_free);
            names = NULL;
            break;
        }
        if (!sk_X509_NAME_push(names, name)) {
            X509_NAME_free(name);
            sk_X509_NAME_pop_free(names, X509_NAME_free);
            names = NULL;
            break;
        }
    }
    X509_free(x);
    BIO_free(in);
    /* The end of the file is not an error. */
    if (names != NULL)
        ERR_clear_error();
    return names;
}

/* The PEM readers from a FILE: through a BIO that does not close it. */
SHIM_EXPORT X509 *PEM_read_X509(FILE *fp, X509 **x, pem_password_cb *cb, void *u)
{
    BIO *b = BIO_new_fp(fp, BIO_NOCLOSE);
    X509 *ret;

    if (b == NULL)
        return NULL;
    ret = PEM_read_bio_X509(b, x, cb, u);
    BIO_free(b);
    return ret;
}

SHIM_EXPORT X509_CRL *PEM_read_X509_CRL(FILE *fp, X509_CRL **x, pem_password_cb *cb, void *u)
{
    BIO *b = BIO_new_fp(fp, BIO_NOCLOSE);
    X509_CRL *ret;

    if (b == NULL)
        return NULL;
    ret = PEM_read_bio_X509_CRL(b, x, cb, u);
    BIO_free(b);
    return ret;
}

SHIM_EXPORT EVP_PKEY *PEM_read_PrivateKey(FILE *fp, EVP_PKEY **x, pem_password_cb *cb, void *u)
{
    BIO *b = BIO_new_fp(fp, BIO_NOCLOSE);
    EVP_PKEY *ret;

    if (b == NULL)
        return NULL;
    ret = PEM_read_bio_PrivateKey(b, x, cb, u);
    BIO_free(b);
    return ret;
}

/* ---- Trust stores from files ------------------------------------------------------- */

/* Every certificate and CRL of a PEM file, added to the store's lists (new
 * lists: connections already set up keep the old ones). */
SHIM_EXPORT int X509_STORE_load_file(X509_STORE *store, const char *file)
{
    unsigned char *data;
    shim_certs *certs = NULL;
    shim_crls *crls;
    size_t len;
    int crl_count;
    int want_certs;

    SHIM_ENSURE(store != NULL && file != NULL, ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER, 0);
    data = shim_file_read(file, &len);
    if (data == NULL)
        return 0;
    crls = shim_crls_parse_pem(store->crls, data, len, &crl_count);
    /* A file of CRLs alone is fine; otherwise certificates must parse. */
    want_certs = strstr((const char *)data, "CERTIFICATE-----") != NULL || crl_count == 0;
    if (want_certs)
        certs = shim_certs_parse(store->certs, data, len, SSL_FILETYPE_PEM, SIZE_MAX);
    shim_wipe_free(data, len);
    if (want_certs && certs == NULL) {
        shim_crls_free(crls);
        return 0;
    }
    if (certs != NULL)
        shim_store_set_certs(store, certs);
    if (crls != NULL) {
        shim_crls_free(store->crls);
        store->crls = crls;
    }
    return 1;
}

/* OpenSSL looks certificates up lazily in a hashed directory; loading a
 * whole directory instead would trust files OpenSSL never reads, so a
 * directory is refused until it is done the OpenSSL way. */
SHIM_EXPORT int X509_STORE_load_path(X509_STORE *store, const char *path)
{
    SHIM_ENSURE(store != NULL && path != NULL, ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER, 0);
    SHIM_ERR(ERR_LIB_X509, ERR_R_UNSUPPORTED);
    return 0;
}

SHIM_EXPORT int X509_STORE_load_locations(X509_STORE *store, const char *file, const char *dir)
{
    SHIM_ENSURE(store != NULL && (file != NULL || dir != NULL), ERR_LIB_X509,
                ERR_R_PASSED_NULL_PARAMETER, 0);
    if (file != NULL && !X509_STORE_load_file(store, file))
        return 0;
    return dir == NULL || X509_STORE_load_path(store, dir);
}

SHIM_EXPORT const char *X509_get_default_cert_file_env(void)
{
    return "SSL_CERT_FILE";
}

SHIM_EXPORT const char *X509_get_default_cert_dir_env(void)
{
    return "SSL_CERT_DIR";
}

/* Debian's OpenSSL directory: its cert.pem is the system's bundle. */
SHIM_EXPORT const char *X509_get_default_cert_file(void)
{
    return "/usr/lib/ssl/cert.pem";
}

SHIM_EXPORT const char *X509_get_default_cert_dir(void)
{
    return "/usr/lib/ssl/certs";
}

/* The system's trusted certificates: SSL_CERT_FILE, else the default
 * bundle. Like OpenSSL, success even when there is nothing to load, and no
 * error left behind. The hashed directory part is not read (docs/parity.md):
 * on Debian it holds the same certificates as the bundle. */
static int load_default_file(X509_STORE *store)
{
    const char *file = getenv(X509_get_default_cert_file_env());

    SHIM_ENSURE_ARG(store, ERR_LIB_X509, 0);
    ERR_set_mark();
    if (file == NULL || file[0] == '\0')
        file = X509_get_default_cert_file();
    (void)X509_STORE_load_file(store, file);
    ERR_pop_to_mark();
    return 1;
}

SHIM_EXPORT int X509_STORE_set_default_paths(X509_STORE *store)
{
    return load_default_file(store);
}

SHIM_EXPORT int SSL_CTX_load_verify_locations(SSL_CTX *ctx, const char *CAfile, const char *CApath)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    SHIM_ENSURE(CAfile != NULL || CApath != NULL, ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER, 0);
    SHIM_ENSURE(CApath == NULL, ERR_LIB_SSL, ERR_R_UNSUPPORTED, 0);
    return X509_STORE_load_file(ctx->store, CAfile);
}

SHIM_EXPORT int SSL_CTX_load_verify_file(SSL_CTX *ctx, const char *CAfile)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    return X509_STORE_load_file(ctx->store, CAfile);
}

SHIM_EXPORT int SSL_CTX_load_verify_dir(SSL_CTX *ctx, const char *CApath)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    return X509_STORE_load_path(ctx->store, CApath);
}

SHIM_EXPORT int SSL_CTX_set_default_verify_paths(SSL_CTX *ctx)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    return X509_STORE_set_default_paths(ctx->store);
}

SHIM_EXPORT int SSL_CTX_set_default_verify_file(SSL_CTX *ctx)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    return load_default_file(ctx->store);
}

SHIM_EXPORT int SSL_CTX_set_default_verify_dir(SSL_CTX *ctx)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    SHIM_ERR(ERR_LIB_SSL, ERR_R_UNSUPPORTED);
    return 0;
}
