/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Verification parameters (X509_VERIFY_PARAM: names, depth, flags, time)
 * and the X509_STORE_CTX view a verify callback reads.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- X509_VERIFY_PARAM ---------------------------------------------------------------- */

SHIM_EXPORT X509_VERIFY_PARAM *X509_VERIFY_PARAM_new(void)
{
    X509_VERIFY_PARAM *param = shim_calloc(1, sizeof(*param));

    SHIM_ENSURE(param != NULL, ERR_LIB_X509, ERR_R_MALLOC_FAILURE, NULL);
    param->depth = -1;
    return param;
}

static void clear_hosts(X509_VERIFY_PARAM *param)
{
    while (param->host_count > 0)
        shim_free(param->hosts[--param->host_count]);
    shim_free(param->hosts);
    param->hosts = NULL;
}

SHIM_EXPORT void X509_VERIFY_PARAM_free(X509_VERIFY_PARAM *param)
{
    if (param == NULL)
        return;
    clear_hosts(param);
    shim_free(param->email);
    shim_free(param->peername);
    shim_free(param);
}

/* A name as OpenSSL takes it: namelen 0 means strlen, a trailing NUL is
 * dropped, one inside makes it unusable (0, without an error, as OpenSSL).
 * An empty name is no name: *copy stays NULL. */
static int name_copy(const char *name, size_t namelen, char **copy)
{
    *copy = NULL;
    if (name == NULL)
        return 1;
    if (namelen == 0)
        namelen = strlen(name);
    else if (name[namelen - 1] == '\0')
        namelen--;
    if (memchr(name, '\0', namelen) != NULL)
        return 0;
    if (namelen == 0)
        return 1;
    *copy = shim_malloc(namelen + 1);
    SHIM_ENSURE(*copy != NULL, ERR_LIB_X509, ERR_R_MALLOC_FAILURE, 0);
    memcpy(*copy, name, namelen);
    (*copy)[namelen] = '\0';
    return 1;
}

static int add_host(X509_VERIFY_PARAM *param, const char *name, size_t namelen)
{
    char **grown;
    char *copy;

    if (!name_copy(name, namelen, &copy))
        return 0;
    if (copy == NULL)
        return 1;
    grown = shim_realloc(param->hosts, ((size_t)param->host_count + 1) * sizeof(*grown));
    if (grown == NULL) {
        shim_free(copy);
        SHIM_ERR(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    param->hosts = grown;
    param->hosts[param->host_count++] = copy;
    return 1;
}

/* Replaces the host names with this one (none when name is NULL). */
SHIM_EXPORT int X509_VERIFY_PARAM_set1_host(X509_VERIFY_PARAM *param, const char *name,
                                            size_t namelen)
{
    SHIM_ENSURE_ARG(param, ERR_LIB_X509, 0);
    clear_hosts(param);
    return add_host(param, name, namelen);
}

SHIM_EXPORT int X509_VERIFY_PARAM_add1_host(X509_VERIFY_PARAM *param, const char *name,
                                            size_t namelen)
{
    SHIM_ENSURE_ARG(param, ERR_LIB_X509, 0);
    return add_host(param, name, namelen);
}

SHIM_EXPORT void X509_VERIFY_PARAM_set_hostflags(X509_VERIFY_PARAM *param, unsigned int flags)
{
    if (param != NULL)
        param->hostflags = flags;
}

SHIM_EXPORT unsigned int X509_VERIFY_PARAM_get_hostflags(const X509_VERIFY_PARAM *param)
{
    return param != NULL ? param->hostflags : 0;
}

SHIM_EXPORT char *X509_VERIFY_PARAM_get0_host(X509_VERIFY_PARAM *param, int idx)
{
    if (param == NULL || idx < 0 || idx >= param->host_count)
        return NULL;
    return param->hosts[idx];
}

SHIM_EXPORT char *X509_VERIFY_PARAM_get0_peername(const X509_VERIFY_PARAM *param)
{
    return param != NULL ? param->peername : NULL;
}

SHIM_EXPORT int X509_VERIFY_PARAM_set1_email(X509_VERIFY_PARAM *param, const char *email,
                                             size_t emaillen)
{
    char *copy;

    SHIM_ENSURE_ARG(param, ERR_LIB_X509, 0);
    if (!name_copy(email, emaillen, &copy))
        return 0;
    shim_free(param->email);
    param->email = copy;
    return 1;
}

SHIM_EXPORT int X509_VERIFY_PARAM_set1_ip(X509_VERIFY_PARAM *param, const unsigned char *ip,
                                          size_t iplen)
{
    SHIM_ENSURE_ARG(param, ERR_LIB_X509, 0);
    SHIM_ENSURE(ip == NULL || iplen == 4 || iplen == 16, ERR_LIB_X509,
                ERR_R_PASSED_INVALID_ARGUMENT, 0);
    param->ip_len = ip != NULL ? iplen : 0;
    if (ip != NULL)
        memcpy(param->ip, ip, iplen);
    return 1;
}

/* Text that is not an address gives 0, without an error, as in OpenSSL. */
SHIM_EXPORT int X509_VERIFY_PARAM_set1_ip_asc(X509_VERIFY_PARAM *param, const char *ipasc)
{
    unsigned char ip[16];
    size_t len;

    SHIM_ENSURE(param != NULL && ipasc != NULL, ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER, 0);
    len = shim_parse_ip(ipasc, ip);
    return len > 0 && X509_VERIFY_PARAM_set1_ip(param, ip, len);
}

SHIM_EXPORT void X509_VERIFY_PARAM_set_depth(X509_VERIFY_PARAM *param, int depth)
{
    if (param != NULL)
        param->depth = depth;
}

SHIM_EXPORT int X509_VERIFY_PARAM_get_depth(const X509_VERIFY_PARAM *param)
{
    return param != NULL ? param->depth : -1;
}

int shim_param_depth(const X509_VERIFY_PARAM *param)
{
    return param == NULL || param->depth < 0 ? SHIM_DEFAULT_VERIFY_DEPTH : param->depth;
}

SHIM_EXPORT int X509_VERIFY_PARAM_set_flags(X509_VERIFY_PARAM *param, unsigned long flags)
{
    SHIM_ENSURE_ARG(param, ERR_LIB_X509, 0);
    param->flags |= flags;
    return 1;
}

SHIM_EXPORT int X509_VERIFY_PARAM_clear_flags(X509_VERIFY_PARAM *param, unsigned long flags)
{
    SHIM_ENSURE_ARG(param, ERR_LIB_X509, 0);
    param->flags &= ~flags;
    return 1;
}

SHIM_EXPORT unsigned long X509_VERIFY_PARAM_get_flags(const X509_VERIFY_PARAM *param)
{
    return param != NULL ? param->flags : 0;
}

/* A fixed verification time, as OpenSSL: it also sets USE_CHECK_TIME. */
SHIM_EXPORT void X509_VERIFY_PARAM_set_time(X509_VERIFY_PARAM *param, time_t t)
{
    if (param == NULL)
        return;
    param->check_time = t;
    param->flags |= X509_V_FLAG_USE_CHECK_TIME;
}

SHIM_EXPORT time_t X509_VERIFY_PARAM_get_time(const X509_VERIFY_PARAM *param)
{
    return param != NULL ? param->check_time : 0;
}

/* A full copy (OpenSSL's set1 copies every setting). */
SHIM_EXPORT int X509_VERIFY_PARAM_set1(X509_VERIFY_PARAM *to, const X509_VERIFY_PARAM *from)
{
    int i;

    SHIM_ENSURE(to != NULL && from != NULL, ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER, 0);
    if (to == from)
        return 1;
    clear_hosts(to);
    for (i = 0; i < from->host_count; i++) {
        if (!add_host(to, from->hosts[i], 0))
            return 0;
    }
    if (!X509_VERIFY_PARAM_set1_email(to, from->email, 0))
        return 0;
    to->hostflags = from->hostflags;
    memcpy(to->ip, from->ip, sizeof(to->ip));
    to->ip_len = from->ip_len;
    to->depth = from->depth;
    to->flags = from->flags;
    to->check_time = from->check_time;
    return 1;
}

int shim_param_check_identity(X509_VERIFY_PARAM *param, X509 *leaf)
{
    int i;

    shim_free(param->peername);
    param->peername = NULL;
    if (param->host_count > 0) {
        int matched = 0;

        for (i = 0; !matched && i < param->host_count; i++)
            matched = X509_check_host(leaf, param->hosts[i], 0, param->hostflags,
                                      &param->peername) > 0;
        if (!matched)
            return X509_V_ERR_HOSTNAME_MISMATCH;
    }
    if (param->email != NULL && X509_check_email(leaf, param->email, 0, param->hostflags) <= 0)
        return X509_V_ERR_EMAIL_MISMATCH;
    if (param->ip_len > 0 && X509_check_ip(leaf, param->ip, param->ip_len, 0) <= 0)
        return X509_V_ERR_IP_ADDRESS_MISMATCH;
    return X509_V_OK;
}

/* ---- X509_STORE_CTX ------------------------------------------------------------------ */

SHIM_EXPORT X509_STORE_CTX *X509_STORE_CTX_new(void)
{
    X509_STORE_CTX *ctx = shim_calloc(1, sizeof(*ctx));

    SHIM_ENSURE(ctx != NULL, ERR_LIB_X509, ERR_R_MALLOC_FAILURE, NULL);
    ctx->top_depth = -1;
    return ctx;
}

SHIM_EXPORT void X509_STORE_CTX_cleanup(X509_STORE_CTX *ctx)
{
    if (ctx == NULL)
        return;
    X509_free(ctx->cert);
    sk_X509_pop_free(ctx->untrusted, X509_free);
    X509_VERIFY_PARAM_free(ctx->param);
    shim_certs_free(ctx->trusted);
    shim_crls_free(ctx->crls);
    sk_X509_pop_free(ctx->chain, X509_free);
    memset(ctx, 0, sizeof(*ctx));
    ctx->top_depth = -1;
}

SHIM_EXPORT void X509_STORE_CTX_free(X509_STORE_CTX *ctx)
{
    X509_STORE_CTX_cleanup(ctx);
    shim_free(ctx);
}

int shim_store_ctx_setup(X509_STORE_CTX *ctx, X509_STORE *store, shim_certs *trusted,
                         shim_crls *crls, const X509_VERIFY_PARAM *conn_param)
{
    ctx->store = store;
    ctx->param = X509_VERIFY_PARAM_new();
    ctx->chain = sk_X509_new_null();
    if (ctx->param == NULL || ctx->chain == NULL)
        return 0;
    /* The store's settings, then the connection's on top (flags add up). */
    if (store != NULL && !X509_VERIFY_PARAM_set1(ctx->param, store->param))
        return 0;
    if (conn_param != NULL) {
        unsigned long store_flags = ctx->param->flags;

        if (!X509_VERIFY_PARAM_set1(ctx->param, conn_param))
            return 0;
        ctx->param->flags |= store_flags;
    }
    shim_certs_up(trusted);
    ctx->trusted = trusted;
    shim_crls_up(crls);
    ctx->crls = crls;
    ctx->error = X509_V_OK;
    return 1;
}

/* Verifies x (with the untrusted certificates that came with it) against
 * the store, when X509_verify_cert is called. */
SHIM_EXPORT int X509_STORE_CTX_init(X509_STORE_CTX *ctx, X509_STORE *store, X509 *x,
                                    STACK_OF(X509) *untrusted)
{
    shim_certs *trusted = NULL;
    shim_crls *crls = NULL;
    int ok;

    SHIM_ENSURE_ARG(ctx, ERR_LIB_X509, 0);
    X509_STORE_CTX_cleanup(ctx);
    if (store != NULL)
        shim_store_snapshot(store, &trusted, &crls);
    ok = shim_store_ctx_setup(ctx, store, trusted, crls, NULL);
    shim_certs_free(trusted);
    shim_crls_free(crls);
    if (!ok)
        return 0;
    if (x != NULL) {
        X509_up_ref(x);
        ctx->cert = x;
    }
    if (untrusted != NULL && (ctx->untrusted = shim_x509_stack_share(untrusted)) == NULL)
        return 0;
    return 1;
}

SHIM_EXPORT void X509_STORE_CTX_set_verify_cb(X509_STORE_CTX *ctx,
                                              X509_STORE_CTX_verify_cb verify_cb)
{
    if (ctx != NULL)
        ctx->verify_cb = verify_cb;
}

SHIM_EXPORT X509_VERIFY_PARAM *X509_STORE_CTX_get0_param(const X509_STORE_CTX *ctx)
{
    return ctx != NULL ? ctx->param : NULL;
}

SHIM_EXPORT X509_STORE *X509_STORE_CTX_get0_store(const X509_STORE_CTX *ctx)
{
    return ctx != NULL ? ctx->store : NULL;
}

SHIM_EXPORT STACK_OF(X509) *X509_STORE_CTX_get0_untrusted(const X509_STORE_CTX *ctx)
{
    return ctx != NULL ? ctx->untrusted : NULL;
}

/* OpenSSL's chain verification, by mbedTLS's with OpenSSL's checks on top:
 * 1 verified, 0 not (X509_STORE_CTX_get_error says why), < 0 unusable
 * input. The chain (X509_STORE_CTX_get0_chain) is what was verified. */
SHIM_EXPORT int X509_verify_cert(X509_STORE_CTX *ctx)
{
    mbedtls_x509_crt chain;
    mbedtls_x509_crt none;
    uint32_t flags = 0;
    int ret;
    int i;

    SHIM_ENSURE(ctx != NULL && ctx->param != NULL, ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER, -1);
    if (ctx->cert == NULL) {
        SHIM_ERR(ERR_LIB_X509, X509_R_NO_CERT_SET_FOR_US_TO_VERIFY);
        ctx->error = X509_V_ERR_INVALID_CALL;
        return -1;
    }
    mbedtls_x509_crt_init(&chain);
    mbedtls_x509_crt_init(&none);
    ret = mbedtls_x509_crt_parse_der(&chain, ctx->cert->crt.raw.p, ctx->cert->crt.raw.len);
    for (i = 0; ret == 0 && i < sk_X509_num(ctx->untrusted); i++) {
        const X509 *x = sk_X509_value(ctx->untrusted, i);

        ret = mbedtls_x509_crt_parse_der(&chain, x->crt.raw.p, x->crt.raw.len);
    }
    /* A second verification starts afresh. */
    sk_X509_zero(ctx->chain);
    ctx->top_depth = -1;
    ctx->stopped = 0;
    ctx->error = X509_V_OK;
    if (ret == 0)
        ret = mbedtls_x509_crt_verify(&chain, ctx->trusted != NULL ? &ctx->trusted->chain : &none,
                                      ctx->crls != NULL && (ctx->param->flags & X509_V_FLAG_CRL_CHECK)
                                          ? &ctx->crls->list
                                          : NULL,
                                      NULL, &flags, shim_verify_one, ctx);
    mbedtls_x509_crt_free(&chain);
    mbedtls_x509_crt_free(&none);
    if (ret == MBEDTLS_ERR_X509_ALLOC_FAILED) {
        SHIM_ERR(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
        return -1;
    }
    if (ret != 0 && ret != MBEDTLS_ERR_X509_CERT_VERIFY_FAILED) {
        SHIM_ERR(ERR_LIB_X509, ERR_R_NESTED_ASN1_ERROR);
        return -1;
    }
    /* A callback that accepted an error leaves it in the context, and the
     * certificate verified. */
    return ctx->stopped ? 0 : 1;
}

SHIM_EXPORT int X509_STORE_CTX_get_error(const X509_STORE_CTX *ctx)
{
    return ctx != NULL ? ctx->error : X509_V_ERR_INVALID_CALL;
}

SHIM_EXPORT void X509_STORE_CTX_set_error(X509_STORE_CTX *ctx, int s)
{
    if (ctx != NULL)
        ctx->error = s;
}

SHIM_EXPORT int X509_STORE_CTX_get_error_depth(const X509_STORE_CTX *ctx)
{
    return ctx != NULL ? ctx->error_depth : -1;
}

SHIM_EXPORT void X509_STORE_CTX_set_error_depth(X509_STORE_CTX *ctx, int depth)
{
    if (ctx != NULL)
        ctx->error_depth = depth;
}

/* The one ex_data slot of a verification: its SSL (the slot OpenSSL's
 * SSL_get_ex_data_X509_STORE_CTX_idx names). */
#define STORE_CTX_SSL_IDX 0

SHIM_EXPORT int SSL_get_ex_data_X509_STORE_CTX_idx(void)
{
    return STORE_CTX_SSL_IDX;
}

SHIM_EXPORT void *X509_STORE_CTX_get_ex_data(const X509_STORE_CTX *ctx, int idx)
{
    if (ctx == NULL || idx != STORE_CTX_SSL_IDX)
        return NULL;
    return ctx->ssl;
}

SHIM_EXPORT int X509_STORE_CTX_set_ex_data(X509_STORE_CTX *ctx, int idx, void *data)
{
    SHIM_ENSURE(ctx != NULL && idx == STORE_CTX_SSL_IDX, ERR_LIB_X509, ERR_R_UNSUPPORTED, 0);
    ctx->ssl = data;
    return 1;
}

SHIM_EXPORT X509 *X509_STORE_CTX_get_current_cert(const X509_STORE_CTX *ctx)
{
    return ctx != NULL ? ctx->current : NULL;
}

SHIM_EXPORT X509 *X509_STORE_CTX_get0_cert(const X509_STORE_CTX *ctx)
{
    return ctx != NULL ? ctx->cert : NULL;
}

SHIM_EXPORT STACK_OF(X509) *X509_STORE_CTX_get0_chain(const X509_STORE_CTX *ctx)
{
    return ctx != NULL ? ctx->chain : NULL;
}

/* A new stack holding a reference to each certificate. */
STACK_OF(X509) *shim_x509_stack_share(const STACK_OF(X509) *from)
{
    STACK_OF(X509) *copy;
    int i;

    if (from == NULL)
        return NULL;
    copy = sk_X509_new_null();
    for (i = 0; copy != NULL && i < sk_X509_num(from); i++) {
        X509 *x = sk_X509_value(from, i);

        if (!sk_X509_push(copy, x)) {
            sk_X509_pop_free(copy, X509_free);
            return NULL;
        }
        X509_up_ref(x);
    }
    return copy;
}

SHIM_EXPORT STACK_OF(X509) *X509_STORE_CTX_get1_chain(const X509_STORE_CTX *ctx)
{
    return ctx != NULL ? shim_x509_stack_share(ctx->chain) : NULL;
}
