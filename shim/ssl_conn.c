/* SPDX-License-Identifier: Apache-2.0 */
/* SSL objects: life cycle, transport BIOs, controls, roles and getters. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static long conn_set_sni(SSL *s, long type, const char *name);

/* The state of one connection, as before its first handshake. */
static void conn_reset_state(SSL *s)
{
    s->hs_state = SHIM_HS_BEFORE;
    s->fatal = 0;
    s->shutdown = 0;
    s->rwstate = SHIM_NOTHING;
    s->io_error = SHIM_IO_OK;
    s->io_errno = 0;
    s->io_blocked = 0;
    s->transport_eof = 0;
    s->verify_result = X509_V_OK;
    s->verify_rejected = 0;
    s->client_cert_asked = 0;
    s->session_reused = 0;
    s->own_hello_seen = 0;
    shim_verify_clear(s);
    memset(&s->sniff, 0, sizeof(s->sniff));
    s->sniff.last_alert = -1;
}

SHIM_EXPORT SSL *SSL_new(SSL_CTX *ctx)
{
    SSL *s;

    SHIM_ENSURE(ctx != NULL, ERR_LIB_SSL, SSL_R_NULL_SSL_CTX, NULL);
    s = shim_calloc(1, sizeof(*s));
    SHIM_ENSURE(s != NULL, ERR_LIB_SSL, ERR_R_MALLOC_FAILURE, NULL);
    s->refs = 1;
    if (!CRYPTO_new_ex_data(CRYPTO_EX_INDEX_SSL, s, &s->ex_data)) {
        shim_free(s);
        return NULL;
    }
    SSL_CTX_up_ref(ctx);
    s->ctx = ctx;
    s->method = ctx->method;
    /* OpenSSL: a method that can accept makes a server until told
     * otherwise, so TLS_method() gives SSL_is_server() == 1. */
    s->server = ctx->method->can_accept;
    s->min_version = ctx->min_version;
    s->max_version = ctx->max_version;
    s->mode = ctx->mode;
    s->options = ctx->options;
    s->quiet_shutdown = ctx->quiet_shutdown;
    s->max_fragment_mode = ctx->max_fragment_mode;
    s->max_send_fragment = ctx->max_send_fragment;
    s->alpn_ops = ctx->alpn_ops;
    s->hello_ops = ctx->hello_ops;
    s->cipher_ops = ctx->cipher_ops;
    s->params_ops = ctx->params_ops;
    s->security_level = ctx->security_level;
    s->verify_mode = ctx->verify_mode;
    s->verify_cb = ctx->verify_cb;
    shim_own_share(&s->own, &ctx->own);
    s->param = X509_VERIFY_PARAM_new();
    if (s->param == NULL || !X509_VERIFY_PARAM_set1(s->param, ctx->param) ||
        (ctx->alpn_ops != NULL &&
         !ctx->alpn_ops->copy(&s->alpn, &s->alpn_len, ctx->alpn, ctx->alpn_len))) {
        SSL_free(s);
        return NULL;
    }
    conn_reset_state(s);
    return s;
}

/* A new connection from the same context with the same settings and role
 * (what an SSL BIO's copy needs; OpenSSL's SSL_dup of an unconnected SSL). */
SSL *shim_conn_dup_settings(const SSL *from)
{
    SSL *s = SSL_new(from->ctx);

    if (s == NULL)
        return NULL;
    s->min_version = from->min_version;
    s->max_version = from->max_version;
    s->mode = from->mode;
    s->options = from->options;
    s->quiet_shutdown = from->quiet_shutdown;
    s->max_fragment_mode = from->max_fragment_mode;
    s->max_send_fragment = from->max_send_fragment;
    s->alpn_ops = from->alpn_ops;
    s->cipher_ops = from->cipher_ops;
    s->params_ops = from->params_ops;
    s->security_level = from->security_level;
    s->verify_mode = from->verify_mode;
    s->verify_cb = from->verify_cb;
    if ((from->sni_name != NULL && !conn_set_sni(s, TLSEXT_NAMETYPE_host_name, from->sni_name)) ||
        !X509_VERIFY_PARAM_set1(s->param, from->param) ||
        (from->alpn_ops != NULL &&
         !from->alpn_ops->copy(&s->alpn, &s->alpn_len, from->alpn, from->alpn_len)) ||
        (from->cipher_list != NULL &&
         (s->cipher_list = sk_SSL_CIPHER_dup(from->cipher_list)) == NULL) ||
        (from->tls13_ciphersuites != NULL &&
         (s->tls13_ciphersuites = sk_SSL_CIPHER_dup(from->tls13_ciphersuites)) == NULL) ||
        !CRYPTO_dup_ex_data(CRYPTO_EX_INDEX_SSL, &s->ex_data, &from->ex_data)) {
        SSL_free(s);
        return NULL;
    }
    if (from->role_set) {
        if (from->server)
            SSL_set_accept_state(s);
        else
            SSL_set_connect_state(s);
    }
    return s;
}

/* OpenSSL's SSL_dup: a connection whose handshake has begun is shared (one
 * more reference, the same object back); one that has not is copied with
 * its settings and role. The copy has no BIOs: OpenSSL 3.0's comes back
 * without them too (its BIO_CTRL_DUP of the standard BIOs copies nothing). */
SHIM_EXPORT SSL *SSL_dup(SSL *s)
{
    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, NULL);
    if (!SSL_in_before(s)) {
        SSL_up_ref(s);
        return s;
    }
    return shim_conn_dup_settings(s);
}

/* Ready for a new connection with the same settings, role and BIOs. */
SHIM_EXPORT int SSL_clear(SSL *s)
{
    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, 0);
    shim_session_event(s, SHIM_SESSION_CLEAR, NULL, 0);
    shim_conn_teardown(s);
    shim_io_reset(s);
    conn_reset_state(s);
    return 1;
}

SHIM_EXPORT int SSL_up_ref(SSL *s)
{
    if (s == NULL)
        return 0;
    shim_ref_inc(&s->refs);
    return 1;
}

/* Drops the mbedTLS state, so that the next handshake call sets it up again
 * (needed when the role changes: mbedTLS fixes it in the config). */
void shim_conn_teardown(SSL *s)
{
    if (!s->frozen)
        return;
    mbedtls_ssl_free(&s->tls);
    mbedtls_ssl_config_free(&s->conf);
    shim_certs_free(s->ca_certs);
    s->ca_certs = NULL;
    shim_certs_free(s->auto_chain);
    s->auto_chain = NULL;
    shim_crls_free(s->ca_crls);
    s->ca_crls = NULL;
    shim_free(s->dn_hints);
    s->dn_hints = NULL;
    shim_free(s->alpn_names);
    s->alpn_names = NULL;
    shim_free(s->cipher_ids);
    s->cipher_ids = NULL;
    if (s->params_ops != NULL)
        s->params_ops->release(s, 0);
    mbedtls_x509_crt_free(&s->no_ca);
    shim_sniff_free(&s->sniff);
    shim_free(s->hello_held);
    s->hello_held = NULL;
    shim_free(s->client_hello);
    s->client_hello = NULL;
    shim_handshake_bytes(s, SHIM_BYTES_FORGET, NULL, 0);
    memset(s->randoms, 0, sizeof(s->randoms));
    s->hello_held_len = 0;
    s->frozen = 0;
}

SHIM_EXPORT void SSL_free(SSL *s)
{
    if (s == NULL || shim_ref_dec(&s->refs) > 0)
        return;
    CRYPTO_free_ex_data(CRYPTO_EX_INDEX_SSL, s, &s->ex_data);
    shim_session_event(s, SHIM_SESSION_FREE, NULL, 0);
    shim_conn_teardown(s);
    shim_io_reset(s);
    /* Each of rbio and wbio holds its own reference, even when they are the
     * same BIO (SSL_set_bio took two then). */
    BIO_free_all(s->wbio);
    BIO_free_all(s->rbio);
    shim_own_clear(&s->own);
    shim_verify_clear(s);
    X509_VERIFY_PARAM_free(s->param);
    sk_X509_NAME_pop_free(s->client_ca, X509_NAME_free);
    shim_free(s->sni_name);
    shim_free(s->psk_identity);
    shim_free(s->alpn);
    sk_SSL_CIPHER_free(s->cipher_list);
    sk_SSL_CIPHER_free(s->tls13_ciphersuites);
    if (s->params_ops != NULL)
        s->params_ops->release(s, 1);
    SSL_CTX_free(s->ctx);
    SSL_CTX_free(s->session_ctx);
    shim_free(s);
}

SHIM_EXPORT SSL_CTX *SSL_get_SSL_CTX(const SSL *s)
{
    return s != NULL ? s->ctx : NULL;
}

/* ---- Application data ------------------------------------------------------------ */

SHIM_EXPORT int SSL_set_ex_data(SSL *s, int idx, void *data)
{
    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, 0);
    return CRYPTO_set_ex_data(&s->ex_data, idx, data);
}

SHIM_EXPORT void *SSL_get_ex_data(const SSL *s, int idx)
{
    return s != NULL ? CRYPTO_get_ex_data(&s->ex_data, idx) : NULL;
}

/* ---- Transport BIOs ---------------------------------------------------------- */

/* The descriptor of a descriptor BIO, else -1. */
int shim_bio_fd_of(const BIO *b)
{
    if (b == NULL || !(b->method->type & BIO_TYPE_DESCRIPTOR) || !b->init)
        return -1;
    return b->num;
}

SHIM_EXPORT int SSL_get_rfd(const SSL *s)
{
    return s != NULL ? shim_bio_fd_of(s->rbio) : -1;
}

SHIM_EXPORT int SSL_get_wfd(const SSL *s)
{
    return s != NULL ? shim_bio_fd_of(s->wbio) : -1;
}

SHIM_EXPORT int SSL_get_fd(const SSL *s)
{
    return SSL_get_rfd(s);
}

SHIM_EXPORT void SSL_set0_rbio(SSL *s, BIO *rbio)
{
    if (s == NULL)
        return;
    BIO_free_all(s->rbio);
    s->rbio = rbio;
}

SHIM_EXPORT void SSL_set0_wbio(SSL *s, BIO *wbio)
{
    if (s == NULL)
        return;
    BIO_free_all(s->wbio);
    s->wbio = wbio;
}

/* OpenSSL's ownership rules: the caller hands over one reference per
 * distinct BIO, and a side that keeps its BIO keeps its reference. */
SHIM_EXPORT void SSL_set_bio(SSL *s, BIO *rbio, BIO *wbio)
{
    if (s == NULL)
        return;
    if (rbio == s->rbio && wbio == s->wbio)
        return;
    /* One reference is given for a BIO used on both sides; we hold two. */
    if (rbio != NULL && rbio == wbio)
        BIO_up_ref(rbio);
    if (rbio == s->rbio) {
        SSL_set0_wbio(s, wbio);
        return;
    }
    /* OpenSSL's historical asymmetry: a new rbio alone, while the two BIOs
     * were different, adopts only that one reference. */
    if (wbio == s->wbio && s->rbio != s->wbio) {
        SSL_set0_rbio(s, rbio);
        return;
    }
    SSL_set0_rbio(s, rbio);
    SSL_set0_wbio(s, wbio);
}

SHIM_EXPORT BIO *SSL_get_rbio(const SSL *s)
{
    return s != NULL ? s->rbio : NULL;
}

SHIM_EXPORT BIO *SSL_get_wbio(const SSL *s)
{
    return s != NULL ? s->wbio : NULL;
}

/* ---- Controls ------------------------------------------------------------------ */

static long conn_set_sni(SSL *s, long type, const char *name)
{
    size_t len;
    char *copy;

    SHIM_ENSURE(type == TLSEXT_NAMETYPE_host_name, ERR_LIB_SSL, SSL_R_SSL3_EXT_INVALID_SERVERNAME_TYPE, 0);
    if (name == NULL) {
        shim_free(s->sni_name);
        s->sni_name = NULL;
        return 1;
    }
#if !defined(MBEDTLS_SSL_SERVER_NAME_INDICATION)
    /* mbedTLS built without the extension could not send the name. */
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
#endif
    len = strlen(name);
    SHIM_ENSURE(len > 0 && len <= SHIM_SNI_MAX_LEN, ERR_LIB_SSL, SSL_R_SSL3_EXT_INVALID_SERVERNAME, 0);
    copy = shim_malloc(len + 1);
    SHIM_ENSURE(copy != NULL, ERR_LIB_SSL, ERR_R_MALLOC_FAILURE, 0);
    memcpy(copy, name, len + 1);
    shim_free(s->sni_name);
    s->sni_name = copy;
    return 1;
}

SHIM_EXPORT long SSL_ctrl(SSL *s, int cmd, long larg, void *parg)
{
    int handled;
    long ret;

    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, 0);
    if (cmd == SSL_CTRL_SET_TLSEXT_HOSTNAME)
        return conn_set_sni(s, larg, parg);
    if (cmd == SSL_CTRL_SET_MSG_CALLBACK_ARG) {
        s->msg_cb_arg = parg;
        return 1;
    }
    ret = shim_own_ctrl(&s->own, s->ctx, cmd, larg, parg, &handled);
    if (handled)
        return ret;
    ret = shim_ctrl_common(s->method, &s->min_version, &s->max_version, &s->mode, cmd, larg,
                           &handled);
    return handled ? ret : 0;
}

/* ---- Roles and state ------------------------------------------------------------ */

static void conn_set_role(SSL *s, int server)
{
    if (s->frozen && s->server != server)
        shim_conn_teardown(s);
    s->server = server;
    s->role_set = 1;
    s->shutdown = 0;
}

SHIM_EXPORT void SSL_set_connect_state(SSL *s)
{
    if (s != NULL)
        conn_set_role(s, 0);
}

SHIM_EXPORT void SSL_set_accept_state(SSL *s)
{
    if (s != NULL)
        conn_set_role(s, 1);
}

SHIM_EXPORT int SSL_is_server(const SSL *s)
{
    return s != NULL && s->server;
}

/* ---- Options --------------------------------------------------------------------- */

SHIM_EXPORT uint64_t SSL_get_options(const SSL *s)
{
    return s != NULL ? s->options : 0;
}

SHIM_EXPORT uint64_t SSL_set_options(SSL *s, uint64_t op)
{
    if (s == NULL)
        return 0;
    if (op & SSL_OP_CIPHER_SERVER_PREFERENCE)
        s->cipher_ops = shim_cipher_list_ops();
    return s->options |= op;
}

SHIM_EXPORT uint64_t SSL_clear_options(SSL *s, uint64_t op)
{
    if (s == NULL)
        return 0;
    return s->options &= ~op;
}

SHIM_EXPORT long SSL_set_max_send_fragment(SSL *s, long m)
{
    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, 0);
    return shim_set_max_send_fragment(&s->max_send_fragment, m);
}

/* Read buffers are mbedTLS's, sized at build time: nothing to set. */
SHIM_EXPORT void SSL_set_default_read_buffer_len(SSL *s, size_t len)
{
    (void)s, (void)len;
}

SHIM_EXPORT int SSL_set_tlsext_max_fragment_length(SSL *s, uint8_t mode)
{
    SHIM_ENSURE(s != NULL, ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER, 0);
    if (!shim_max_fragment_mode_ok(mode))
        return 0;
    s->max_fragment_mode = mode;
    return 1;
}

/* ---- Versions and ciphers --------------------------------------------------------- */

SHIM_EXPORT int SSL_version(const SSL *s)
{
    if (s == NULL)
        return 0;
    /* Before the handshake OpenSSL reports the method's version, and the
     * highest it knows for a version-flexible method, whatever the bounds. */
    if (s->hs_state != SHIM_HS_DONE)
        return s->method->version == TLS_ANY_VERSION ? TLS_MAX_VERSION : s->method->version;
    return (int)mbedtls_ssl_get_version_number(&s->tls);
}

SHIM_EXPORT const char *SSL_get_version(const SSL *s)
{
    /* TLS 1.0 and 1.1 only name a TLSv1_method or TLSv1_1_method
     * connection before its handshake. A table: smaller than a switch. */
    static const char names[][8] = {"TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"};
    unsigned int i = (unsigned int)SSL_version(s) - TLS1_VERSION;

    return i < sizeof(names) / sizeof(names[0]) ? names[i] : "unknown";
}

SHIM_EXPORT const SSL_CIPHER *SSL_get_current_cipher(const SSL *s)
{
    int id;

    if (s == NULL || s->hs_state != SHIM_HS_DONE)
        return NULL;
    id = mbedtls_ssl_get_ciphersuite_id_from_ssl(&s->tls);
    return id > 0 ? shim_cipher_by_id((uint16_t)id) : NULL;
}

/* The suite chosen for the handshake in progress: OpenSSL knows it from
 * the hello on; mbedTLS tells it only once the handshake is done, so
 * until then there is none (docs/parity.md). */
SHIM_EXPORT const SSL_CIPHER *SSL_get_pending_cipher(const SSL *s)
{
    return SSL_get_current_cipher(s);
}

/* ---- Verification settings and results ----------------------------------------------- */

SHIM_EXPORT void SSL_set_verify(SSL *s, int mode, SSL_verify_cb callback)
{
    if (s == NULL)
        return;
    s->verify_mode = mode;
    s->verify_cb = callback;
}

SHIM_EXPORT int SSL_get_verify_mode(const SSL *s)
{
    return s != NULL ? s->verify_mode : SSL_VERIFY_NONE;
}

SHIM_EXPORT SSL_verify_cb SSL_get_verify_callback(const SSL *s)
{
    return s != NULL ? s->verify_cb : NULL;
}

SHIM_EXPORT long SSL_get_verify_result(const SSL *s)
{
    return s != NULL ? s->verify_result : X509_V_ERR_INVALID_CALL;
}

/* OpenSSL 3.0: a name that reads as an address is checked as one. */
SHIM_EXPORT int SSL_set1_host(SSL *s, const char *hostname)
{
    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, 0);
    if (hostname != NULL && X509_VERIFY_PARAM_set1_ip_asc(s->param, hostname) == 1)
        return X509_VERIFY_PARAM_set1_host(s->param, NULL, 0);
    return X509_VERIFY_PARAM_set1_host(s->param, hostname, 0);
}

SHIM_EXPORT int SSL_add1_host(SSL *s, const char *hostname)
{
    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, 0);
    if (hostname != NULL && X509_VERIFY_PARAM_set1_ip_asc(s->param, hostname) == 1)
        return 1;
    return X509_VERIFY_PARAM_add1_host(s->param, hostname, 0);
}

SHIM_EXPORT void SSL_set_hostflags(SSL *s, unsigned int flags)
{
    if (s != NULL)
        X509_VERIFY_PARAM_set_hostflags(s->param, flags);
}

/* The name matched by the last verification (whose parameters are a copy
 * of the connection's). */
SHIM_EXPORT const char *SSL_get0_peername(SSL *s)
{
    if (s == NULL)
        return NULL;
    if (s->vctx != NULL && s->vctx->param != NULL)
        return X509_VERIFY_PARAM_get0_peername(s->vctx->param);
    return X509_VERIFY_PARAM_get0_peername(s->param);
}

SHIM_EXPORT X509_VERIFY_PARAM *SSL_get0_param(SSL *s)
{
    return s != NULL ? s->param : NULL;
}

SHIM_EXPORT int SSL_set1_param(SSL *s, X509_VERIFY_PARAM *vpm)
{
    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, 0);
    return X509_VERIFY_PARAM_set1(s->param, vpm);
}

SHIM_EXPORT void SSL_set_verify_depth(SSL *s, int depth)
{
    if (s != NULL)
        X509_VERIFY_PARAM_set_depth(s->param, depth);
}

SHIM_EXPORT int SSL_get_verify_depth(const SSL *s)
{
    return s != NULL ? X509_VERIFY_PARAM_get_depth(s->param) : -1;
}
