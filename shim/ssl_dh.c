/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A server's own DH parameters: SSL_CTX_set_tmp_dh, SSL_set_tmp_dh and the
 * callbacks asked for them. Apart from the rest of the DH settings
 * (ssl_groups.c) because these use DH objects: a program that never calls
 * them does not link the DH code.
 */
#include "internal.h"

#include <openssl/bn.h>
#include <openssl/dh.h>

/* Whether dh has p and g as strong as level asks (OpenSSL's check when
 * parameters are set or handed over). */
static int dh_strong_enough(const DH *dh, int level)
{
    return BN_num_bits(DH_get0_p(dh)) > 0 && BN_num_bits(DH_get0_g(dh)) > 0 &&
           DH_security_bits(dh) >= (int)shim_level_bits(level);
}

/* A new copy of dh's p and g, or NULL with an error. */
static struct shim_dh_params *dh_params_copy(const DH *dh)
{
    const BIGNUM *p = DH_get0_p(dh);
    const BIGNUM *g = DH_get0_g(dh);
    size_t p_len = (size_t)BN_num_bytes(p);
    size_t g_len = (size_t)BN_num_bytes(g);
    struct shim_dh_params *params = shim_malloc(sizeof(*params) + p_len + g_len);

    SHIM_ENSURE(params != NULL, ERR_LIB_SSL, ERR_R_MALLOC_FAILURE, NULL);
    params->p_len = p_len;
    params->g_len = g_len;
    BN_bn2bin(p, params->bytes);
    BN_bn2bin(g, params->bytes + p_len);
    return params;
}

/* OpenSSL keeps a copy of parameters as strong as the level asks. */
static long set_tmp_dh(struct shim_dh_params **slot, const DH *dh, int level)
{
    struct shim_dh_params *params;

    SHIM_ENSURE(dh != NULL, ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER, 0);
    SHIM_ENSURE(dh_strong_enough(dh, level), ERR_LIB_SSL, SSL_R_DH_KEY_TOO_SMALL, 0);
    if ((params = dh_params_copy(dh)) == NULL)
        return 0;
    shim_free(*slot);
    *slot = params;
    return 1;
}

SHIM_EXPORT long SSL_CTX_set_tmp_dh(SSL_CTX *ctx, DH *dh)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    if (!set_tmp_dh(&ctx->dh_params, dh, ctx->security_level))
        return 0;
    shim_dh_settings_used(&ctx->cipher_ops, &ctx->params_ops);
    return 1;
}

SHIM_EXPORT long SSL_set_tmp_dh(SSL *s, DH *dh)
{
    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, 0);
    if (!set_tmp_dh(&s->dh_params, dh, s->security_level))
        return 0;
    shim_dh_settings_used(&s->cipher_ops, &s->params_ops);
    return 1;
}

/* A callback's parameters, asked for as OpenSSL asks (not for export,
 * 1024 bits) once the client's hello is in: after the server name
 * callback, so the server's key is the one it chose. */
static void ask_dh_callback(SSL *s, shim_tmp_dh_cb cb)
{
    static const unsigned char zero = 0;
    struct shim_dh_params *params = NULL;
    DH *dh = cb != NULL ? cb(s, 0, 1024) : NULL;

    if (dh != NULL && dh_strong_enough(dh, s->security_level))
        params = dh_params_copy(dh);
    if (params == NULL || !shim_give_dh(s, params->bytes, params->p_len,
                                        params->bytes + params->p_len, params->g_len)) {
        /* mbedTLS's server starts with RFC 3526's 2048-bit group: a zero
         * prime replaces it, so that a DHE handshake fails, as OpenSSL's
         * does, rather than go on with parameters the program did not
         * give. */
        (void)shim_give_dh(s, &zero, 1, &zero, 1);
    }
    shim_free(params);
}

SHIM_EXPORT void SSL_CTX_set_tmp_dh_callback(SSL_CTX *ctx,
                                             DH *(*dh)(SSL *ssl, int is_export, int keylength))
{
    if (ctx == NULL)
        return;
    ctx->dh_cb = dh;
    ctx->ask_dh_cb = ask_dh_callback;
    shim_dh_settings_used(&ctx->cipher_ops, &ctx->params_ops);
}

SHIM_EXPORT void SSL_set_tmp_dh_callback(SSL *ssl,
                                         DH *(*dh)(SSL *ssl, int is_export, int keylength))
{
    if (ssl == NULL)
        return;
    ssl->dh_cb = dh;
    ssl->ask_dh_cb = ask_dh_callback;
    shim_dh_settings_used(&ssl->cipher_ops, &ssl->params_ops);
}
