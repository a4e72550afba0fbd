/* SPDX-License-Identifier: Apache-2.0 */
/* Methods and SSL_CTX: life cycle, version bounds, modes, verify settings. */
#include "internal.h"

#include <stdlib.h>

/* ---- Methods --------------------------------------------------------------- */

static const SSL_METHOD tls_method = {TLS_ANY_VERSION, 1, 1};
static const SSL_METHOD tls_client_method = {TLS_ANY_VERSION, 1, 0};
static const SSL_METHOD tls_server_method = {TLS_ANY_VERSION, 0, 1};
/* OpenSSL's older one-version methods exist so that programs build; mbedTLS
 * 3 has no version below TLS 1.2, so their handshakes fail with
 * SSL_R_NO_PROTOCOLS_AVAILABLE (shim_conn_version_range). */
static const SSL_METHOD tls10_method = {TLS1_VERSION, 1, 1};
static const SSL_METHOD tls10_client_method = {TLS1_VERSION, 1, 0};
static const SSL_METHOD tls10_server_method = {TLS1_VERSION, 0, 1};
static const SSL_METHOD tls11_method = {TLS1_1_VERSION, 1, 1};
static const SSL_METHOD tls11_client_method = {TLS1_1_VERSION, 1, 0};
static const SSL_METHOD tls11_server_method = {TLS1_1_VERSION, 0, 1};
static const SSL_METHOD tls12_method = {TLS1_2_VERSION, 1, 1};
static const SSL_METHOD tls12_client_method = {TLS1_2_VERSION, 1, 0};
static const SSL_METHOD tls12_server_method = {TLS1_2_VERSION, 0, 1};

SHIM_EXPORT const SSL_METHOD *TLS_method(void)
{
    return &tls_method;
}

SHIM_EXPORT const SSL_METHOD *TLS_client_method(void)
{
    return &tls_client_method;
}

SHIM_EXPORT const SSL_METHOD *TLS_server_method(void)
{
    return &tls_server_method;
}

SHIM_EXPORT const SSL_METHOD *TLSv1_method(void)
{
    return &tls10_method;
}

SHIM_EXPORT const SSL_METHOD *TLSv1_client_method(void)
{
    return &tls10_client_method;
}

SHIM_EXPORT const SSL_METHOD *TLSv1_server_method(void)
{
    return &tls10_server_method;
}

SHIM_EXPORT const SSL_METHOD *TLSv1_1_method(void)
{
    return &tls11_method;
}

SHIM_EXPORT const SSL_METHOD *TLSv1_1_client_method(void)
{
    return &tls11_client_method;
}

SHIM_EXPORT const SSL_METHOD *TLSv1_1_server_method(void)
{
    return &tls11_server_method;
}

SHIM_EXPORT const SSL_METHOD *TLSv1_2_method(void)
{
    return &tls12_method;
}

SHIM_EXPORT const SSL_METHOD *TLSv1_2_client_method(void)
{
    return &tls12_client_method;
}

SHIM_EXPORT const SSL_METHOD *TLSv1_2_server_method(void)
{
    return &tls12_server_method;
}

/* ---- Life cycle ------------------------------------------------------------ */

SHIM_EXPORT SSL_CTX *SSL_CTX_new(const SSL_METHOD *meth)
{
    SSL_CTX *ctx;

    SHIM_ENSURE(meth != NULL, ERR_LIB_SSL, SSL_R_NULL_SSL_METHOD_PASSED, NULL);
    if (!shim_library_init())
        return NULL;
    ctx = shim_calloc(1, sizeof(*ctx));
    SHIM_ENSURE(ctx != NULL, ERR_LIB_SSL, ERR_R_MALLOC_FAILURE, NULL);
    ctx->refs = 1;
    /* First, so that a failure below frees it like any context. */
    if (!CRYPTO_new_ex_data(CRYPTO_EX_INDEX_SSL_CTX, ctx, &ctx->ex_data)) {
        shim_free(ctx);
        return NULL;
    }
    ctx->method = meth;
    /* OpenSSL 3's defaults: auto-retry on, no compression, middlebox
     * compatibility on, no verification. */
    ctx->mode = SSL_MODE_AUTO_RETRY;
    ctx->options = SSL_OP_NO_COMPRESSION | SSL_OP_ENABLE_MIDDLEBOX_COMPAT;
    ctx->verify_mode = SSL_VERIFY_NONE;
    ctx->security_level = SHIM_DEFAULT_SECURITY_LEVEL;
    ctx->session_cache_mode = SSL_SESS_CACHE_SERVER;
    ctx->session_cache_size = SSL_SESSION_CACHE_MAX_SIZE_DEFAULT;
    ctx->session_timeout = SHIM_SESSION_TIMEOUT;
    ctx->num_tickets = 2;
    ctx->param = X509_VERIFY_PARAM_new();
    ctx->store = X509_STORE_new();
    ctx->client_ca = sk_X509_NAME_new_null();
    if (ctx->param == NULL || ctx->store == NULL || ctx->client_ca == NULL) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    shim_session_ctx_made(ctx);
    return ctx;
}

SHIM_EXPORT int SSL_CTX_up_ref(SSL_CTX *ctx)
{
    if (ctx == NULL)
        return 0;
    shim_ref_inc(&ctx->refs);
    return 1;
}

SHIM_EXPORT void SSL_CTX_free(SSL_CTX *ctx)
{
    if (ctx == NULL || shim_ref_dec(&ctx->refs) > 0)
        return;
    /* The application's callbacks still see a whole context: the remove
     * callback for each cached session, then the ex_data free callbacks. */
    if (ctx->session_store != NULL)
        ctx->session_store_free(ctx, ctx->session_store);
    CRYPTO_free_ex_data(CRYPTO_EX_INDEX_SSL_CTX, ctx, &ctx->ex_data);
    shim_own_clear(&ctx->own);
    while (ctx->extra_count > 0)
        X509_free(ctx->extra_certs[--ctx->extra_count]);
    shim_free(ctx->extra_certs);
    X509_STORE_free(ctx->store);
    X509_VERIFY_PARAM_free(ctx->param);
    sk_X509_NAME_pop_free(ctx->client_ca, X509_NAME_free);
    shim_free(ctx->alpn);
    sk_SSL_CIPHER_free(ctx->cipher_list);
    sk_SSL_CIPHER_free(ctx->tls13_ciphersuites);
    if (ctx->params_ops != NULL)
        ctx->params_ops->release_ctx(ctx);
    shim_free(ctx);
}

/* ---- Application data ------------------------------------------------------ */

SHIM_EXPORT int SSL_CTX_set_ex_data(SSL_CTX *ctx, int idx, void *data)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    return CRYPTO_set_ex_data(&ctx->ex_data, idx, data);
}

SHIM_EXPORT void *SSL_CTX_get_ex_data(const SSL_CTX *ctx, int idx)
{
    return ctx != NULL ? CRYPTO_get_ex_data(&ctx->ex_data, idx) : NULL;
}

/* ---- Controls shared by SSL_CTX_ctrl and SSL_ctrl -------------------------- */

#define DTLS1_BAD_VERSION 0x0100

static int is_dtls_version(long version)
{
    return (version >= DTLS1_2_VERSION && version <= 0xFF00) || version == DTLS1_BAD_VERSION;
}

/* OpenSSL's rule for a version bound: 0 (none) or a TLS version is set on
 * a version-flexible method; a DTLS version is accepted and ignored, as is
 * any bound on a method fixed to one version; a value that is no version,
 * or that mixes DTLS and TLS with the other bound, fails. */
static int set_version_bound(const SSL_METHOD *method, long version, int other_bound,
                             int *bound)
{
    int valid_tls = version >= SSL3_VERSION && version <= TLS1_3_VERSION;
    int valid_dtls = is_dtls_version(version);

    if (version != 0 && !valid_tls && !valid_dtls)
        return 0;
    if (version != 0 && other_bound != 0 && valid_dtls != is_dtls_version(other_bound))
        return 0;
    if (method->version == TLS_ANY_VERSION && (version == 0 || valid_tls))
        *bound = (int)version;
    return 1;
}

long shim_ctrl_common(const SSL_METHOD *method, int *min_version, int *max_version,
                      uint32_t *mode, int cmd, long larg, int *handled)
{
    *handled = 1;
    switch (cmd) {
    case SSL_CTRL_SET_MIN_PROTO_VERSION:
        return set_version_bound(method, larg, *max_version, min_version);
    case SSL_CTRL_SET_MAX_PROTO_VERSION:
        return set_version_bound(method, larg, *min_version, max_version);
    case SSL_CTRL_GET_MIN_PROTO_VERSION:
        return *min_version;
    case SSL_CTRL_GET_MAX_PROTO_VERSION:
        return *max_version;
    case SSL_CTRL_MODE:
        return (long)(*mode |= (uint32_t)larg);
    case SSL_CTRL_CLEAR_MODE:
        return (long)(*mode &= ~(uint32_t)larg);
    default:
        *handled = 0;
        return 0;
    }
}

SHIM_EXPORT long SSL_CTX_ctrl(SSL_CTX *ctx, int cmd, long larg, void *parg)
{
    int handled;
    long ret;

    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    switch (cmd) {
    case SSL_CTRL_EXTRA_CHAIN_CERT:
        return shim_ctx_add_extra_cert(ctx, parg);
    case SSL_CTRL_CLEAR_EXTRA_CHAIN_CERTS:
        return shim_ctx_clear_extra_certs(ctx);
    case SSL_CTRL_SET_TLSEXT_SERVERNAME_ARG:
        ctx->servername_arg = parg;
        return 1;
    case SSL_CTRL_SET_MSG_CALLBACK_ARG:
        ctx->msg_cb_arg = parg;
        return 1;
    case SSL_CTRL_SET_SESS_CACHE_SIZE:
    case SSL_CTRL_GET_SESS_CACHE_SIZE:
    case SSL_CTRL_SET_SESS_CACHE_MODE:
    case SSL_CTRL_GET_SESS_CACHE_MODE: {
        /* Each setter returns the value it replaces. */
        long *field = cmd == SSL_CTRL_SET_SESS_CACHE_MODE || cmd == SSL_CTRL_GET_SESS_CACHE_MODE
                          ? &ctx->session_cache_mode
                          : &ctx->session_cache_size;

        ret = *field;
        if (cmd == SSL_CTRL_SET_SESS_CACHE_MODE || cmd == SSL_CTRL_SET_SESS_CACHE_SIZE)
            *field = larg;
        return ret;
    }
    default:
        if (cmd >= SSL_CTRL_SESS_NUMBER && cmd <= SSL_CTRL_SESS_CACHE_FULL)
            return __atomic_load_n(&SHIM_SESSION_STAT(ctx, cmd), __ATOMIC_RELAXED);
        break;
    }
    ret = shim_own_ctrl(&ctx->own, ctx, cmd, larg, parg, &handled);
    if (handled)
        return ret;
    ret = shim_ctrl_common(ctx->method, &ctx->min_version, &ctx->max_version, &ctx->mode, cmd,
                           larg, &handled);
    /* An unknown command fails, as OpenSSL's does, without an error entry. */
    return handled ? ret : 0;
}

/* ---- Options ------------------------------------------------------------- */

SHIM_EXPORT uint64_t SSL_CTX_get_options(const SSL_CTX *ctx)
{
    return ctx != NULL ? ctx->options : 0;
}

SHIM_EXPORT uint64_t SSL_CTX_set_options(SSL_CTX *ctx, uint64_t op)
{
    if (ctx == NULL)
        return 0;
    if (op & SSL_OP_CIPHER_SERVER_PREFERENCE)
        ctx->cipher_ops = shim_cipher_list_ops();
    return ctx->options |= op;
}

SHIM_EXPORT uint64_t SSL_CTX_clear_options(SSL_CTX *ctx, uint64_t op)
{
    if (ctx == NULL)
        return 0;
    return ctx->options &= ~op;
}

/* Sets the record limit after asking for m (OpenSSL's bounds: 512 bytes
 * up to a full record); 0 when m is out of them. OpenSSL cuts records at
 * its split fragment, which each call lowers to m and none raises: the
 * limit is the smallest m asked for. */
int shim_set_max_send_fragment(uint16_t *limit, long m)
{
    if (m < 512 || m > SSL3_RT_MAX_PLAIN_LENGTH)
        return 0;
    if (*limit == 0 || m < *limit)
        *limit = (uint16_t)m;
    return 1;
}

SHIM_EXPORT long SSL_CTX_set_max_send_fragment(SSL_CTX *ctx, long m)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    return shim_set_max_send_fragment(&ctx->max_send_fragment, m);
}

/* Read buffers are mbedTLS's, sized at build time: nothing to set. */
SHIM_EXPORT void SSL_CTX_set_default_read_buffer_len(SSL_CTX *ctx, size_t len)
{
    (void)ctx, (void)len;
}

/* What a client asks for, to keep records (and so its buffers' use) small:
 * 1, or 0 for a mode that does not exist. */
SHIM_EXPORT int SSL_CTX_set_tlsext_max_fragment_length(SSL_CTX *ctx, uint8_t mode)
{
    SHIM_ENSURE(ctx != NULL, ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER, 0);
    if (!shim_max_fragment_mode_ok(mode))
        return 0;
    ctx->max_fragment_mode = mode;
    return 1;
}

/* ---- Verification settings ------------------------------------------------- */

/* The application's own chain verification, instead of OpenSSL's: it gets
 * an X509_STORE_CTX with the peer's certificates and usually calls
 * X509_verify_cert on it. */
SHIM_EXPORT void SSL_CTX_set_cert_verify_callback(SSL_CTX *ctx,
                                                  int (*cb)(X509_STORE_CTX *, void *),
                                                  void *arg)
{
    if (ctx == NULL)
        return;
    ctx->cert_verify_cb = cb;
    ctx->cert_verify_arg = arg;
}

SHIM_EXPORT X509_VERIFY_PARAM *SSL_CTX_get0_param(SSL_CTX *ctx)
{
    return ctx != NULL ? ctx->param : NULL;
}

SHIM_EXPORT int SSL_CTX_set1_param(SSL_CTX *ctx, X509_VERIFY_PARAM *vpm)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    return X509_VERIFY_PARAM_set1(ctx->param, vpm);
}

SHIM_EXPORT void SSL_CTX_set_verify_depth(SSL_CTX *ctx, int depth)
{
    if (ctx != NULL)
        X509_VERIFY_PARAM_set_depth(ctx->param, depth);
}

SHIM_EXPORT int SSL_CTX_get_verify_depth(const SSL_CTX *ctx)
{
    return ctx != NULL ? X509_VERIFY_PARAM_get_depth(ctx->param) : -1;
}

SHIM_EXPORT void SSL_CTX_set_verify(SSL_CTX *ctx, int mode, SSL_verify_cb callback)
{
    if (ctx == NULL)
        return;
    ctx->verify_mode = mode;
    ctx->verify_cb = callback;
}

SHIM_EXPORT int SSL_CTX_get_verify_mode(const SSL_CTX *ctx)
{
    return ctx != NULL ? ctx->verify_mode : SSL_VERIFY_NONE;
}

SHIM_EXPORT SSL_verify_cb SSL_CTX_get_verify_callback(const SSL_CTX *ctx)
{
    return ctx != NULL ? ctx->verify_cb : NULL;
}
