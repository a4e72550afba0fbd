/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Trust stores (X509_STORE): the trusted certificates a context verifies
 * against, with their verification parameters. The list is replaced, never
 * changed in place, so connections already set up keep the one they took.
 * Loading from files is in ssl_cert_file.c.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

SHIM_EXPORT X509_STORE *X509_STORE_new(void)
{
    X509_STORE *store = shim_calloc(1, sizeof(*store));

    SHIM_ENSURE(store != NULL, ERR_LIB_X509, ERR_R_MALLOC_FAILURE, NULL);
    store->refs = 1;
    store->param = X509_VERIFY_PARAM_new();
    if (store->param == NULL) {
        shim_free(store);
        return NULL;
    }
    shim_lock_init(&store->lock);
    return store;
}

SHIM_EXPORT void X509_STORE_free(X509_STORE *store)
{
    if (store == NULL || shim_ref_dec(&store->refs) > 0)
        return;
    shim_certs_free(store->certs);
    shim_crls_free(store->crls);
    X509_VERIFY_PARAM_free(store->param);
    while (store->dir_count > 0)
        shim_free(store->dirs[--store->dir_count]);
    shim_free(store->dirs);
    shim_free(store->dir_stamp);
    shim_certs_free(store->dir_certs);
    shim_crls_free(store->dir_crls);
    shim_certs_free(store->merged_certs);
    shim_certs_free(store->merged_from[0]);
    shim_certs_free(store->merged_from[1]);
    shim_crls_free(store->merged_crls);
    shim_crls_free(store->merged_crls_from[0]);
    shim_crls_free(store->merged_crls_from[1]);
    shim_lock_free(&store->lock);
    shim_free(store);
}

SHIM_EXPORT int X509_STORE_up_ref(X509_STORE *store)
{
    if (store == NULL)
        return 0;
    shim_ref_inc(&store->refs);
    return 1;
}

void shim_store_set_certs(X509_STORE *store, shim_certs *certs)
{
    shim_certs *old;

    shim_lock_take(&store->lock);
    old = store->certs;
    store->certs = certs;
    shim_lock_give(&store->lock);
    shim_certs_free(old);
}

void shim_store_set_crls(X509_STORE *store, shim_crls *crls)
{
    shim_crls *old;

    shim_lock_take(&store->lock);
    old = store->crls;
    store->crls = crls;
    shim_lock_give(&store->lock);
    shim_crls_free(old);
}

/* A certificate already trusted is not added twice; OpenSSL 3.0 still
 * reports success. */
SHIM_EXPORT int X509_STORE_add_cert(X509_STORE *store, X509 *x)
{
    const mbedtls_x509_crt *crt;
    shim_certs *grown;

    SHIM_ENSURE(store != NULL && x != NULL && x->crt.raw.p != NULL, ERR_LIB_X509,
                ERR_R_PASSED_NULL_PARAMETER, 0);
    for (crt = store->certs != NULL ? &store->certs->chain : NULL;
         crt != NULL && crt->raw.p != NULL; crt = crt->next) {
        if (crt->raw.len == x->crt.raw.len && memcmp(crt->raw.p, x->crt.raw.p, crt->raw.len) == 0)
            return 1;
    }
    grown = shim_certs_parse(store->certs, x->crt.raw.p, x->crt.raw.len, SSL_FILETYPE_ASN1, 1);
    if (grown == NULL)
        return 0;
    shim_store_set_certs(store, grown);
    return 1;
}

SHIM_EXPORT int X509_STORE_set_flags(X509_STORE *store, unsigned long flags)
{
    SHIM_ENSURE_ARG(store, ERR_LIB_X509, 0);
    return X509_VERIFY_PARAM_set_flags(store->param, flags);
}

SHIM_EXPORT int X509_STORE_set_depth(X509_STORE *store, int depth)
{
    SHIM_ENSURE_ARG(store, ERR_LIB_X509, 0);
    X509_VERIFY_PARAM_set_depth(store->param, depth);
    return 1;
}

SHIM_EXPORT X509_VERIFY_PARAM *X509_STORE_get0_param(const X509_STORE *store)
{
    return store != NULL ? store->param : NULL;
}

SHIM_EXPORT int X509_STORE_set1_param(X509_STORE *store, const X509_VERIFY_PARAM *param)
{
    SHIM_ENSURE_ARG(store, ERR_LIB_X509, 0);
    return X509_VERIFY_PARAM_set1(store->param, param);
}

/* A hashed directory (or several, separated by ':'), read when a
 * connection needs it, and only the files OpenSSL's lookup would find:
 * <hash>.<n> certificates and <hash>.r<n> CRLs whose names hash to <hash>. */
SHIM_EXPORT int X509_STORE_load_path(X509_STORE *store, const char *path)
{
    const char *start;

    SHIM_ENSURE(store != NULL && path != NULL, ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER, 0);
    /* Built without a file system: no directory to read. */
    SHIM_ENSURE(!SHIM_NO_FILES, ERR_LIB_X509, ERR_R_UNSUPPORTED, 0);
    for (start = path; *start != '\0';) {
        size_t len = strcspn(start, ":");
        char **grown;
        char *dir;

        if (len > 0) {
            dir = shim_malloc(len + 1);
            grown = dir != NULL ? shim_realloc(store->dirs, (store->dir_count + 1) * sizeof(*grown))
                                : NULL;
            if (grown == NULL) {
                shim_free(dir);
                SHIM_ERR(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
                return 0;
            }
            memcpy(dir, start, len);
            dir[len] = '\0';
            shim_lock_take(&store->lock);
            store->dirs = grown;
            store->dirs[store->dir_count++] = dir;
            shim_free(store->dir_stamp);
            store->dir_stamp = NULL; /* read again */
            shim_lock_give(&store->lock);
        }
        start += len;
        if (*start == ':')
            start++;
    }
    return 1;
}

/* Replaces a cached merge when its inputs changed; the cache holds
 * references to its inputs, so a changed input cannot look unchanged. */
static void merge_certs(X509_STORE *store)
{
    shim_certs *merged;

    if (store->merged_certs != NULL && store->merged_from[0] == store->certs &&
        store->merged_from[1] == store->dir_certs)
        return;
    merged = store->dir_certs == NULL ? NULL : shim_certs_concat(store->certs, store->dir_certs);
    if (store->dir_certs != NULL && merged == NULL)
        return; /* keep the old merge: out of memory */
    shim_certs_free(store->merged_certs);
    shim_certs_free(store->merged_from[0]);
    shim_certs_free(store->merged_from[1]);
    store->merged_certs = merged;
    store->merged_from[0] = store->certs;
    store->merged_from[1] = store->dir_certs;
    shim_certs_up(store->certs);
    shim_certs_up(store->dir_certs);
}

static void merge_crls(X509_STORE *store)
{
    shim_crls *merged;

    if (store->merged_crls != NULL && store->merged_crls_from[0] == store->crls &&
        store->merged_crls_from[1] == store->dir_crls)
        return;
    merged = store->dir_crls == NULL ? NULL : shim_crls_concat(store->crls, store->dir_crls);
    if (store->dir_crls != NULL && merged == NULL)
        return;
    shim_crls_free(store->merged_crls);
    shim_crls_free(store->merged_crls_from[0]);
    shim_crls_free(store->merged_crls_from[1]);
    store->merged_crls = merged;
    store->merged_crls_from[0] = store->crls;
    store->merged_crls_from[1] = store->dir_crls;
    shim_crls_up(store->crls);
    shim_crls_up(store->dir_crls);
}

void shim_store_snapshot(X509_STORE *store, shim_certs **certs, shim_crls **crls)
{
    shim_lock_take(&store->lock);
    if (store->dir_count > 0)
        shim_store_refresh_dirs(store);
    merge_certs(store);
    merge_crls(store);
    *certs = store->merged_certs != NULL ? store->merged_certs : store->certs;
    *crls = store->merged_crls != NULL ? store->merged_crls : store->crls;
    shim_certs_up(*certs);
    shim_crls_up(*crls);
    shim_lock_give(&store->lock);
}

unsigned long shim_store_flags(const X509_STORE *store)
{
    return store != NULL ? store->param->flags : 0;
}

/* ---- The system's defaults ------------------------------------------------------- */

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

/* ---- A context's store ------------------------------------------------------------ */

SHIM_EXPORT X509_STORE *SSL_CTX_get_cert_store(const SSL_CTX *ctx)
{
    return ctx != NULL ? ctx->store : NULL;
}

/* The context takes the caller's reference (set) or one of its own (set1). */
SHIM_EXPORT void SSL_CTX_set_cert_store(SSL_CTX *ctx, X509_STORE *store)
{
    if (ctx == NULL)
        return;
    X509_STORE_free(ctx->store);
    ctx->store = store;
}

SHIM_EXPORT void SSL_CTX_set1_cert_store(SSL_CTX *ctx, X509_STORE *store)
{
    if (ctx == NULL)
        return;
    X509_STORE_up_ref(store);
    SSL_CTX_set_cert_store(ctx, store);
}
