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
    X509_STORE *store = calloc(1, sizeof(*store));

    SHIM_ENSURE(store != NULL, ERR_LIB_X509, ERR_R_MALLOC_FAILURE, NULL);
    store->refs = 1;
    store->param = X509_VERIFY_PARAM_new();
    if (store->param == NULL) {
        free(store);
        return NULL;
    }
    return store;
}

SHIM_EXPORT void X509_STORE_free(X509_STORE *store)
{
    if (store == NULL || shim_ref_dec(&store->refs) > 0)
        return;
    shim_certs_free(store->certs);
    shim_crls_free(store->crls);
    X509_VERIFY_PARAM_free(store->param);
    free(store);
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
    shim_certs_free(store->certs);
    store->certs = certs;
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

unsigned long shim_store_flags(const X509_STORE *store)
{
    return store != NULL ? store->param->flags : 0;
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
