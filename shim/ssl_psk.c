/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Pre-shared keys through OpenSSL's callbacks, for TLS 1.2 PSK suites and
 * TLS 1.3 external PSKs.
 *
 * mbedTLS's client takes its PSK and identity before the handshake; the
 * client callback is therefore asked at set-up, without the server's hint
 * (OpenSSL asks once the server has chosen a PSK suite). mbedTLS's server
 * asks a callback with the client's identity, which is where the server
 * callback runs, as in OpenSSL.
 */
#include "internal.h"

#include <string.h>

#include <openssl/evp.h>

#include <mbedtls/platform_util.h>

SHIM_EXPORT void SSL_CTX_set_psk_client_callback(SSL_CTX *ctx, SSL_psk_client_cb_func cb)
{
    if (ctx == NULL)
        return;
    ctx->psk_client_cb = cb;
    ctx->cipher_ops = shim_cipher_list_ops(); /* PSK suites become usable */
}

SHIM_EXPORT void SSL_set_psk_client_callback(SSL *ssl, SSL_psk_client_cb_func cb)
{
    if (ssl == NULL)
        return;
    ssl->psk_client_cb = cb;
    ssl->cipher_ops = shim_cipher_list_ops();
}

SHIM_EXPORT void SSL_CTX_set_psk_server_callback(SSL_CTX *ctx, SSL_psk_server_cb_func cb)
{
    if (ctx == NULL)
        return;
    ctx->psk_server_cb = cb;
    ctx->cipher_ops = shim_cipher_list_ops();
}

SHIM_EXPORT void SSL_set_psk_server_callback(SSL *ssl, SSL_psk_server_cb_func cb)
{
    if (ssl == NULL)
        return;
    ssl->psk_server_cb = cb;
    ssl->cipher_ops = shim_cipher_list_ops();
}

SHIM_EXPORT void SSL_CTX_set_psk_use_session_callback(SSL_CTX *ctx, SSL_psk_use_session_cb_func cb)
{
    if (ctx == NULL)
        return;
    ctx->psk_use_session_cb = cb;
    ctx->cipher_ops = shim_cipher_list_ops(); /* the PSK is set up with the suites */
}

SHIM_EXPORT void SSL_set_psk_use_session_callback(SSL *s, SSL_psk_use_session_cb_func cb)
{
    if (s == NULL)
        return;
    s->psk_use_session_cb = cb;
    s->cipher_ops = shim_cipher_list_ops();
}

SHIM_EXPORT void SSL_CTX_set_psk_find_session_callback(SSL_CTX *ctx,
                                                        SSL_psk_find_session_cb_func cb)
{
    if (ctx == NULL)
        return;
    ctx->psk_find_session_cb = cb;
    ctx->cipher_ops = shim_cipher_list_ops();
}

SHIM_EXPORT void SSL_set_psk_find_session_callback(SSL *s, SSL_psk_find_session_cb_func cb)
{
    if (s == NULL)
        return;
    s->psk_find_session_cb = cb;
    s->cipher_ops = shim_cipher_list_ops();
}

/* mbedTLS's server sends no identity hint: setting one cannot be
 * honoured (clearing it can). */
SHIM_EXPORT int SSL_CTX_use_psk_identity_hint(SSL_CTX *ctx, const char *identity_hint)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    if (identity_hint != NULL)
        SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
    return 1;
}

SHIM_EXPORT int SSL_use_psk_identity_hint(SSL *s, const char *identity_hint)
{
    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, 0);
    if (identity_hint != NULL)
        SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
    return 1;
}

/* No hint is ever sent or seen (above). */
SHIM_EXPORT const char *SSL_get_psk_identity_hint(const SSL *s)
{
    (void)s;
    return NULL;
}

/* A server's view: the identity the client used (TLS 1.2, as OpenSSL). */
SHIM_EXPORT const char *SSL_get_psk_identity(const SSL *s)
{
    return s != NULL ? s->psk_identity : NULL;
}

#if defined(MBEDTLS_SSL_HANDSHAKE_WITH_PSK_ENABLED)

static SSL_psk_client_cb_func client_cb(const SSL *s)
{
    return s->psk_client_cb != NULL ? s->psk_client_cb : s->ctx->psk_client_cb;
}

static SSL_psk_server_cb_func server_cb(const SSL *s)
{
    return s->psk_server_cb != NULL ? s->psk_server_cb : s->ctx->psk_server_cb;
}

static SSL_psk_use_session_cb_func use_session_cb(const SSL *s)
{
    return s->psk_use_session_cb != NULL ? s->psk_use_session_cb : s->ctx->psk_use_session_cb;
}

static SSL_psk_find_session_cb_func find_session_cb(const SSL *s)
{
    return s->psk_find_session_cb != NULL ? s->psk_find_session_cb : s->ctx->psk_find_session_cb;
}

/* The key of a session handed over as a TLS 1.3 external PSK, into psk:
 * its length, or 0 (error queued) when it is not one (OpenSSL's
 * SSL_R_BAD_PSK) or names a suite whose hash is not SHA-256 (mbedTLS
 * derives external PSKs with SHA-256 only: using it would not agree with
 * the peer). The session is freed: the library owns what it is given. */
static size_t session_key(SSL_SESSION *sess, unsigned char psk[PSK_MAX_PSK_LEN])
{
    const SSL_CIPHER *cipher = SSL_SESSION_get0_cipher(sess);
    size_t len = SSL_SESSION_get_master_key(sess, NULL, 0);

    if (SSL_SESSION_get_protocol_version(sess) != TLS1_3_VERSION || cipher == NULL || len == 0 ||
        len > PSK_MAX_PSK_LEN) {
        SHIM_ERR(ERR_LIB_SSL, SSL_R_BAD_PSK);
        len = 0;
    } else if (SSL_CIPHER_get_handshake_digest(cipher) != EVP_sha256()) {
        SHIM_ERR(ERR_LIB_SSL, ERR_R_UNSUPPORTED);
        len = 0;
    } else {
        len = SSL_SESSION_get_master_key(sess, psk, len);
    }
    SSL_SESSION_free(sess);
    return len;
}

/* The server's callback, asked by mbedTLS with the client's identity: 0
 * when it knows a key (given to this handshake), else mbedTLS refuses the
 * identity (unknown_psk_identity). */
static int find_psk(void *p, mbedtls_ssl_context *tls, const unsigned char *identity,
                    size_t identity_len)
{
    SSL *s = p;
    unsigned char psk[PSK_MAX_PSK_LEN];
    unsigned int len;
    int ret = -1;

    /* OpenSSL asks the session callback first, in TLS 1.3, then the
     * server callback when it found nothing. */
    if (find_session_cb(s) != NULL &&
        mbedtls_ssl_get_version_number(tls) == MBEDTLS_SSL_VERSION_TLS1_3) {
        SSL_SESSION *sess = NULL;

        if (!find_session_cb(s)(s, identity, identity_len, &sess))
            return -1;
        if (sess != NULL) {
            len = (unsigned int)session_key(sess, psk);
            ret = len > 0 && mbedtls_ssl_set_hs_psk(tls, psk, len) == 0 ? 0 : -1;
            mbedtls_platform_zeroize(psk, sizeof(psk));
            return ret;
        }
    }
    if (server_cb(s) == NULL || identity_len > PSK_MAX_IDENTITY_LEN ||
        memchr(identity, 0, identity_len) != NULL)
        return -1;
    shim_free(s->psk_identity);
    s->psk_identity = shim_malloc(identity_len + 1);
    if (s->psk_identity == NULL)
        return -1;
    memcpy(s->psk_identity, identity, identity_len);
    s->psk_identity[identity_len] = '\0';
    len = server_cb(s)(s, s->psk_identity, psk, sizeof(psk));
    if (len > 0 && len <= sizeof(psk) && mbedtls_ssl_set_hs_psk(tls, psk, len) == 0)
        ret = 0;
    mbedtls_platform_zeroize(psk, sizeof(psk));
    /* OpenSSL keeps the identity for TLS 1.2 only. */
    if (mbedtls_ssl_get_version_number(tls) != MBEDTLS_SSL_VERSION_TLS1_2) {
        shim_free(s->psk_identity);
        s->psk_identity = NULL;
    }
    return ret;
}

/* A client's TLS 1.3 external PSK from the session callback, asked as
 * OpenSSL first asks it (md NULL): 1 given to mbedTLS, 0 none offered, -1
 * the handshake fails. */
static int configure_session_psk(SSL *s)
{
    SSL_SESSION *sess = NULL;
    const unsigned char *id = NULL;
    size_t id_len = 0;
    unsigned char psk[PSK_MAX_PSK_LEN];
    size_t len;
    int ret;

    ret = use_session_cb(s)(s, NULL, &id, &id_len, &sess);
    if (ret && sess == NULL)
        return 0;
    if (!ret || id == NULL || id_len == 0) {
        SSL_SESSION_free(sess);
        SHIM_ERR(ERR_LIB_SSL, SSL_R_BAD_PSK);
        return -1;
    }
    len = session_key(sess, psk);
    ret = len > 0 && mbedtls_ssl_conf_psk(&s->conf, psk, len, id, id_len) == 0 ? 1 : -1;
    mbedtls_platform_zeroize(psk, sizeof(psk));
    return ret;
}

int shim_psk_configure(SSL *s)
{
    SSL_psk_client_cb_func ask;
    char identity[PSK_MAX_IDENTITY_LEN + 1];
    unsigned char psk[PSK_MAX_PSK_LEN];
    unsigned int len;
    int ok;

    if (s->server) {
        if (server_cb(s) == NULL && find_session_cb(s) == NULL)
            return 0;
        mbedtls_ssl_conf_psk_cb(&s->conf, find_psk, s);
        return server_cb(s) != NULL; /* the session callback is for TLS 1.3 */
    }
    /* A session's PSK is for TLS 1.3: it makes no TLS 1.2 PSK suite usable. */
    if (use_session_cb(s) != NULL && (ok = configure_session_psk(s)) != 0)
        return ok < 0 ? -1 : 0;
    if ((ask = client_cb(s)) == NULL)
        return 0;
    memset(identity, 0, sizeof(identity));
    len = ask(s, NULL, identity, sizeof(identity) - 1, psk, sizeof(psk));
    identity[sizeof(identity) - 1] = '\0';
    ok = len > 0 && len <= sizeof(psk) &&
         mbedtls_ssl_conf_psk(&s->conf, psk, len, (const unsigned char *)identity,
                              strlen(identity)) == 0;
    mbedtls_platform_zeroize(psk, sizeof(psk));
    return ok;
}

#else /* no PSK key exchange in mbedTLS */

/* No PSK suites to offer: the callbacks are never asked. */
int shim_psk_configure(SSL *s)
{
    (void)s;
    return 0;
}

#endif /* MBEDTLS_SSL_HANDSHAKE_WITH_PSK_ENABLED */
