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

#include <mbedtls/platform_util.h>

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
                shim_file_free(data, cap);
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
    shim_file_free(data, cap);
    return NULL;
}

void shim_file_free(unsigned char *data, size_t len)
{
    if (data == NULL)
        return;
    mbedtls_platform_zeroize(data, len);
    free(data);
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
    shim_file_free(data, len);
    return c;
}

SHIM_EXPORT int SSL_CTX_use_certificate_file(SSL_CTX *ctx, const char *file, int type)
{
    shim_certs *c;

    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    /* Only the first certificate of the file, as in OpenSSL. */
    c = certs_from_file(NULL, file, type, 1);
    return c != NULL && shim_ctx_set_own_chain(ctx, c);
}

SHIM_EXPORT int SSL_CTX_use_certificate_chain_file(SSL_CTX *ctx, const char *file)
{
    shim_certs *c;

    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    /* The leaf, then the chain certificates in file order. */
    c = certs_from_file(NULL, file, SSL_FILETYPE_PEM, SIZE_MAX);
    return c != NULL && shim_ctx_set_own_chain(ctx, c);
}

SHIM_EXPORT int SSL_CTX_use_PrivateKey_file(SSL_CTX *ctx, const char *file, int type)
{
    unsigned char *data;
    shim_key *k;
    size_t len;

    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    data = shim_file_read(file, &len);
    if (data == NULL)
        return 0;
    k = shim_key_parse(data, len, type);
    shim_file_free(data, len);
    return k != NULL && shim_ctx_set_own_key(ctx, k);
}

SHIM_EXPORT int SSL_CTX_load_verify_locations(SSL_CTX *ctx, const char *CAfile, const char *CApath)
{
    shim_certs *c;

    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    SHIM_ENSURE(CAfile != NULL || CApath != NULL, ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER, 0);
    /* OpenSSL looks certificates up lazily in a hashed directory; loading a
     * whole directory instead would trust files OpenSSL never reads, so a
     * directory is refused until it is done the OpenSSL way. */
    SHIM_ENSURE(CApath == NULL, ERR_LIB_SSL, ERR_R_UNSUPPORTED, 0);
    /* The new list replaces the old one, which connections already set up
     * keep using: lists in use are never modified. */
    c = certs_from_file(ctx->ca_certs, CAfile, SSL_FILETYPE_PEM, SIZE_MAX);
    if (c == NULL)
        return 0;
    shim_certs_free(ctx->ca_certs);
    ctx->ca_certs = c;
    return 1;
}
