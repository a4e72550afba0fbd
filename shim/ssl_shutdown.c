/* SPDX-License-Identifier: Apache-2.0 */
/* SSL_shutdown and the shutdown state: OpenSSL's two-phase close. */
#include "internal.h"

/* Sends our close_notify. mbedTLS does not know the close_notify rules;
 * the shim's shutdown flags carry them. 1 sent, else -1 (WANT or failure). */
static int send_close_notify(SSL *s)
{
    int ret;

    /* With a write still pending, mbedTLS's first call only flushes it and
     * sends no alert: call again once it went out. */
    if (s->wpend_active) {
        shim_transport_begin(s);
        ret = mbedtls_ssl_close_notify(&s->tls);
        if (ret != 0)
            return ret == MBEDTLS_ERR_SSL_WANT_WRITE || ret == MBEDTLS_ERR_SSL_WANT_READ
                       ? -1
                       : shim_result_fail(s, ret);
        s->wpend_active = 0;
    }
    shim_transport_begin(s);
    ret = mbedtls_ssl_close_notify(&s->tls);
    if (ret == MBEDTLS_ERR_SSL_WANT_WRITE || ret == MBEDTLS_ERR_SSL_WANT_READ)
        return -1; /* a retry only flushes the alert already built */
    /* OpenSSL counts the close_notify as sent once it tried: a peer gone
     * already does not make the session look cut short. */
    s->shutdown |= SSL_SENT_SHUTDOWN;
    if (ret != 0)
        return shim_result_fail(s, ret);
    shim_info(s, SSL_CB_WRITE_ALERT, SHIM_CLOSE_NOTIFY_ALERT);
    shim_transport_flush(s);
    return 1;
}

/* Waits for the peer's close_notify after ours was sent. */
static int await_close_notify(SSL *s)
{
    unsigned char scratch[256];
    int retries = 0;
    int ret;

    for (;;) {
        shim_transport_begin(s);
        ret = mbedtls_ssl_read(&s->tls, scratch, sizeof(scratch));
        if (ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) {
            s->shutdown |= SSL_RECEIVED_SHUTDOWN;
            shim_info(s, SSL_CB_READ_ALERT, SHIM_CLOSE_NOTIFY_ALERT);
            return 1;
        }
        if (ret > 0) {
            /* OpenSSL 3.0 fails when data arrives where the close_notify
             * should be. */
            s->fatal = 1;
            s->rwstate = SHIM_NOTHING;
            SHIM_ERR(ERR_LIB_SSL, SSL_R_APPLICATION_DATA_AFTER_CLOSE_NOTIFY);
            return -1;
        }
        if ((ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE) &&
            s->io_blocked)
            return -1;
        if (ret == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET)
            shim_session_event(s, SHIM_SESSION_TICKET, NULL, 0);
        if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE ||
            ret == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET || (ret == 0 && !s->transport_eof)) {
            if (++retries <= 64)
                continue;
        }
        (void)shim_result_fail(s, ret == 0 ? MBEDTLS_ERR_SSL_CONN_EOF : ret);
        /* The end of the stream taken as a close (SSL_OP_IGNORE_UNEXPECTED_EOF)
         * completes the shutdown. */
        return !s->fatal && (s->shutdown & SSL_RECEIVED_SHUTDOWN) ? 1 : -1;
    }
}

SHIM_EXPORT int SSL_shutdown(SSL *s)
{
    int ret;

    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, -1);
    SHIM_ENSURE(s->role_set, ERR_LIB_SSL, SSL_R_UNINITIALIZED, -1);
    /* Before the end of the handshake, or after a fatal error (OpenSSL's
     * state machine is "in init" again then). mbedTLS would silently do
     * nothing here. */
    SHIM_ENSURE(!SSL_in_init(s), ERR_LIB_SSL, SSL_R_SHUTDOWN_WHILE_IN_INIT, -1);
    if (s->quiet_shutdown) {
        s->shutdown = SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN;
        return 1;
    }
    if (!(s->shutdown & SSL_SENT_SHUTDOWN)) {
        ret = send_close_notify(s);
        if (ret <= 0)
            return ret;
        /* 0 unless the peer had closed first. */
        return (s->shutdown & SSL_RECEIVED_SHUTDOWN) ? 1 : 0;
    }
    if (!(s->shutdown & SSL_RECEIVED_SHUTDOWN))
        return await_close_notify(s);
    return 1;
}

SHIM_EXPORT int SSL_get_shutdown(const SSL *s)
{
    return s != NULL ? s->shutdown : 0;
}

SHIM_EXPORT void SSL_set_shutdown(SSL *s, int mode)
{
    if (s != NULL)
        s->shutdown = mode & (SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
}

SHIM_EXPORT void SSL_set_quiet_shutdown(SSL *s, int mode)
{
    if (s != NULL)
        s->quiet_shutdown = mode != 0;
}

SHIM_EXPORT int SSL_get_quiet_shutdown(const SSL *s)
{
    return s != NULL ? s->quiet_shutdown : 0;
}

SHIM_EXPORT void SSL_CTX_set_quiet_shutdown(SSL_CTX *ctx, int mode)
{
    if (ctx != NULL)
        ctx->quiet_shutdown = mode != 0;
}

SHIM_EXPORT int SSL_CTX_get_quiet_shutdown(const SSL_CTX *ctx)
{
    return ctx != NULL ? ctx->quiet_shutdown : 0;
}
