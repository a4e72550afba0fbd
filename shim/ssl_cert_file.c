/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Loading certificates, keys and trust anchors from files. The only file
 * access of the library: it reads the file and hands the bytes to the
 * memory parsers of ssl_cert.c.
 */
#define _POSIX_C_SOURCE 200809L /* stat's st_mtim */

#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>


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
             * rather than let shim_realloc() free it unwiped. */
            grown = shim_malloc(grown_cap);
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
    if (crls != NULL)
        shim_store_set_crls(store, crls);
    return 1;
}

/* ---- Hashed directories ------------------------------------------------------------ */

/* A directory file's hash, kind and number: "<8 hex>.<n>" (certificates)
 * or "<8 hex>.r<n>" (CRLs). 0 for any other name. */
static int hashed_name(const char *name, unsigned long *hash, int *is_crl, unsigned long *number)
{
    const char *p = name + 9;
    int i;

    *hash = 0;
    for (i = 0; i < 8; i++) {
        char c = name[i];
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;

        if (v < 0)
            return 0;
        *hash = (*hash << 4) | (unsigned long)v;
    }
    if (name[8] != '.')
        return 0;
    *is_crl = *p == 'r';
    if (*is_crl)
        p++;
    if (*p == '\0')
        return 0;
    for (*number = 0; *p != '\0'; p++) {
        if (*p < '0' || *p > '9' || *number > 1000000)
            return 0;
        *number = *number * 10 + (unsigned long)(*p - '0');
    }
    return 1;
}

/* OpenSSL tries <hash>.0, .1, ... and stops at the first missing number:
 * a file is found only if all the numbers before it exist. */
static int reachable(const char *dir, unsigned long hash, int is_crl, unsigned long number)
{
    unsigned long n;

    for (n = 0; n < number; n++) {
        char path[4096];
        struct stat st;

        if ((size_t)snprintf(path, sizeof(path), "%s/%08lx.%s%lu", dir, hash, is_crl ? "r" : "",
                             n) >= sizeof(path) ||
            stat(path, &st) != 0)
            return 0;
    }
    return 1;
}

/* The certificates (or CRLs) of one file that OpenSSL's lookup by this
 * hash would find, appended to the lists. Unreadable or damaged files are
 * skipped, as a lookup would skip them. */
static void read_hashed_file(const char *path, unsigned long hash, int is_crl,
                             mbedtls_x509_crt *certs, mbedtls_x509_crl *crls)
{
    size_t len;
    unsigned char *data;
    mbedtls_x509_crt file_certs;
    mbedtls_x509_crl file_crls;
    const mbedtls_x509_crt *crt;
    const mbedtls_x509_crl *crl;

    ERR_set_mark();
    data = shim_file_read(path, &len);
    ERR_pop_to_mark();
    if (data == NULL)
        return;
    mbedtls_x509_crt_init(&file_certs);
    mbedtls_x509_crl_init(&file_crls);
    if (!is_crl && mbedtls_x509_crt_parse(&file_certs, data, len + 1) >= 0) {
        for (crt = &file_certs; crt != NULL && crt->raw.p != NULL; crt = crt->next) {
            X509_NAME *subject = shim_x509_name(crt->subject_raw.p, crt->subject_raw.len);

            if (subject != NULL && X509_NAME_hash(subject) == hash)
                (void)mbedtls_x509_crt_parse_der(certs, crt->raw.p, crt->raw.len);
            X509_NAME_free(subject);
        }
    } else if (is_crl && mbedtls_x509_crl_parse(&file_crls, data, len + 1) == 0) {
        for (crl = &file_crls; crl != NULL && crl->raw.p != NULL; crl = crl->next) {
            X509_NAME *issuer = shim_x509_name(crl->issuer_raw.p, crl->issuer_raw.len);

            if (issuer != NULL && X509_NAME_hash(issuer) == hash)
                (void)mbedtls_x509_crl_parse_der(crls, crl->raw.p, crl->raw.len);
            X509_NAME_free(issuer);
        }
    }
    mbedtls_x509_crt_free(&file_certs);
    mbedtls_x509_crl_free(&file_crls);
    shim_wipe_free(data, len);
    ERR_clear_last_mark();
}

/* What the directories look like now: their change times. */
static char *dirs_stamp(const X509_STORE *store)
{
    size_t cap = store->dir_count * 48 + 1;
    char *stamp = shim_malloc(cap);
    size_t used = 0;
    size_t i;

    if (stamp == NULL)
        return NULL;
    stamp[0] = '\0';
    for (i = 0; i < store->dir_count; i++) {
        struct stat st;

        if (stat(store->dirs[i], &st) != 0)
            used += (size_t)snprintf(stamp + used, cap - used, "-;");
        else
            used += (size_t)snprintf(stamp + used, cap - used, "%lld.%ld:%lld;",
                                     (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec,
                                     (long long)st.st_ino);
    }
    return stamp;
}

void shim_store_refresh_dirs(X509_STORE *store)
{
    char *stamp = dirs_stamp(store);
    shim_certs *certs;
    shim_crls *crls;
    size_t i;

    if (stamp == NULL || (store->dir_stamp != NULL && strcmp(stamp, store->dir_stamp) == 0)) {
        shim_free(stamp);
        return;
    }
    certs = shim_certs_new();
    crls = shim_crls_concat(NULL, NULL);
    if (certs == NULL || crls == NULL) {
        shim_certs_free(certs);
        shim_crls_free(crls);
        shim_free(stamp);
        return;
    }
    for (i = 0; i < store->dir_count; i++) {
        DIR *dir = opendir(store->dirs[i]);
        struct dirent *entry;

        if (dir == NULL)
            continue;
        while ((entry = readdir(dir)) != NULL) {
            unsigned long hash;
            unsigned long number;
            int is_crl;
            char path[4096];

            if (!hashed_name(entry->d_name, &hash, &is_crl, &number) ||
                !reachable(store->dirs[i], hash, is_crl, number) ||
                (size_t)snprintf(path, sizeof(path), "%s/%s", store->dirs[i], entry->d_name) >=
                    sizeof(path))
                continue;
            read_hashed_file(path, hash, is_crl, &certs->chain, &crls->list);
        }
        closedir(dir);
    }
    shim_certs_free(store->dir_certs);
    store->dir_certs = certs;
    shim_crls_free(store->dir_crls);
    store->dir_crls = crls;
    shim_free(store->dir_stamp);
    store->dir_stamp = stamp;
}

SHIM_EXPORT int X509_STORE_load_locations(X509_STORE *store, const char *file, const char *dir)
{
    SHIM_ENSURE(store != NULL && (file != NULL || dir != NULL), ERR_LIB_X509,
                ERR_R_PASSED_NULL_PARAMETER, 0);
    if (file != NULL && !X509_STORE_load_file(store, file))
        return 0;
    return dir == NULL || X509_STORE_load_path(store, dir);
}

/* The system's trusted certificates: SSL_CERT_FILE, else the default
 * bundle; SSL_CERT_DIR, else the default hashed directory. Like OpenSSL,
 * success even when there is nothing to load, and no error left behind. */
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

static int load_default_dir(X509_STORE *store)
{
    const char *dir = getenv(X509_get_default_cert_dir_env());

    SHIM_ENSURE_ARG(store, ERR_LIB_X509, 0);
    if (dir == NULL || dir[0] == '\0')
        dir = X509_get_default_cert_dir();
    return X509_STORE_load_path(store, dir);
}

SHIM_EXPORT int X509_STORE_set_default_paths(X509_STORE *store)
{
    return load_default_file(store) && load_default_dir(store);
}

SHIM_EXPORT int SSL_CTX_load_verify_locations(SSL_CTX *ctx, const char *CAfile, const char *CApath)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    SHIM_ENSURE(CAfile != NULL || CApath != NULL, ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER, 0);
    return X509_STORE_load_locations(ctx->store, CAfile, CApath);
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
    return load_default_dir(ctx->store);
}
