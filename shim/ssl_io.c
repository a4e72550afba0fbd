/* SPDX-License-Identifier: Apache-2.0 */
/* SSL_read, SSL_write and SSL_shutdown over an established connection. */
#include "internal.h"

/* Checks shared by the data calls, in OpenSSL's order. 1 to go on. */
static int io_precheck(SSL *s, int num)
{
    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, 0);
    SHIM_ENSURE(s->role_set, ERR_LIB_SSL, SSL_R_UNINITIALIZED, 0);
    SHIM_ENSURE(num >= 0, ERR_LIB_SSL, SSL_R_BAD_LENGTH, 0);
    return 1;
}

/* Runs the handshake first if it has not completed, as OpenSSL does. */
static int io_ensure_handshake(SSL *s)
{
    if (s->hs_state == SHIM_HS_DONE)
        return 1;
    return SSL_do_handshake(s);
}

SHIM_EXPORT int SSL_read(SSL *s, void *buf, int num)
{
    int ret;

    if (!io_precheck(s, num))
        return -1;
    /* After close_notify OpenSSL keeps answering 0 without reading:
     * mbedTLS would hand over data sent after it. */
    if (s->shutdown & SSL_RECEIVED_SHUTDOWN) {
        s->rwstate = SHIM_NOTHING;
        return 0;
    }
    if (s->fatal)
        return shim_fatal_again(s);
    ret = io_ensure_handshake(s);
    if (ret <= 0)
        return ret;
    if (num == 0)
        return 0;
    SHIM_ENSURE_ARG(buf, ERR_LIB_SSL, -1);
    for (;;) {
        shim_transport_begin(s);
        ret = mbedtls_ssl_read(&s->tls, buf, (size_t)num);
        if (ret > 0)
            return ret;
        if (ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) {
            s->shutdown |= SSL_RECEIVED_SHUTDOWN;
            s->received_close_notify = 1;
            return 0;
        }
        if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE) {
            if (s->io_blocked)
                return -1;
            continue; /* handled inside mbedTLS (a warning alert, a ticket) */
        }
        if (ret == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET)
            continue;
        /* 0 from mbedtls_ssl_read is an empty record, or end of data. */
        if (ret == 0 && !s->transport_eof)
            continue;
        return shim_result_fail(s, ret == 0 ? MBEDTLS_ERR_SSL_CONN_EOF : ret);
    }
}

SHIM_EXPORT int SSL_write(SSL *s, const void *buf, int num)
{
    int done = 0;
    int ret;

    if (!io_precheck(s, num))
        return -1;
    if (s->shutdown & SSL_SENT_SHUTDOWN) {
        s->rwstate = SHIM_NOTHING;
        SHIM_ERR(ERR_LIB_SSL, SSL_R_PROTOCOL_IS_SHUTDOWN);
        return -1;
    }
    if (s->fatal)
        return shim_fatal_again(s);
    ret = io_ensure_handshake(s);
    if (ret <= 0)
        return ret;
    if (s->wpend_active) {
        /* mbedTLS must be called again with exactly the data it was
         * given, or it reports the new length as sent. */
        SHIM_ENSURE(num == s->wpend_len, ERR_LIB_SSL, SSL_R_BAD_LENGTH, -1);
        SHIM_ENSURE(buf == s->wpend_buf || (s->mode & SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER),
                    ERR_LIB_SSL, SSL_R_BAD_WRITE_RETRY, -1);
        done = s->wpend_done;
        s->wpend_active = 0;
    }
    if (num == 0)
        return 0;
    SHIM_ENSURE_ARG(buf, ERR_LIB_SSL, -1);
    while (done < num) {
        shim_transport_begin(s);
        ret = mbedtls_ssl_write(&s->tls, (const unsigned char *)buf + done, (size_t)(num - done));
        if (ret > 0) {
            done += ret;
            if (s->mode & SSL_MODE_ENABLE_PARTIAL_WRITE)
                break;
            continue;
        }
        if ((ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE) &&
            s->io_blocked) {
            s->wpend_active = 1;
            s->wpend_buf = buf;
            s->wpend_len = num;
            s->wpend_done = done;
            return -1;
        }
        if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE)
            continue;
        return shim_result_fail(s, ret);
    }
    if (s->wbio != NULL)
        (void)BIO_flush(s->wbio);
    return done;
}

/* Waits for the peer's close_notify after ours was sent. */
static int shutdown_await_peer(SSL *s)
{
    unsigned char scratch[256];
    int ret;

    for (;;) {
        shim_transport_begin(s);
        ret = mbedtls_ssl_read(&s->tls, scratch, sizeof(scratch));
        if (ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) {
            s->shutdown |= SSL_RECEIVED_SHUTDOWN;
            s->received_close_notify = 1;
            return 1;
        }
        if (ret > 0) {
            /* OpenSSL 3.0 fails when data arrives after our close_notify. */
            s->fatal = 1;
            SHIM_ERR(ERR_LIB_SSL, SSL_R_APPLICATION_DATA_AFTER_CLOSE_NOTIFY);
            return -1;
        }
        if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE) {
            if (s->io_blocked)
                return -1;
            continue;
        }
        if (ret == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET || (ret == 0 && !s->transport_eof))
            continue;
        return shim_result_fail(s, ret == 0 ? MBEDTLS_ERR_SSL_CONN_EOF : ret);
    }
}

SHIM_EXPORT int SSL_shutdown(SSL *s)
{
    int ret;

    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, -1);
    SHIM_ENSURE(s->role_set, ERR_LIB_SSL, SSL_R_UNINITIALIZED, -1);
    /* mbedTLS would silently do nothing here; OpenSSL refuses. */
    SHIM_ENSURE(s->hs_state == SHIM_HS_DONE, ERR_LIB_SSL, SSL_R_SHUTDOWN_WHILE_IN_INIT, -1);
    if (s->fatal)
        return shim_fatal_again(s);
    if (!(s->shutdown & SSL_SENT_SHUTDOWN)) {
        shim_transport_begin(s);
        ret = mbedtls_ssl_close_notify(&s->tls);
        if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE)
            return -1;
        if (ret != 0)
            return shim_result_fail(s, ret);
        s->shutdown |= SSL_SENT_SHUTDOWN;
        if (s->wbio != NULL)
            (void)BIO_flush(s->wbio);
        /* First call: 0 unless the peer had already closed. */
        return (s->shutdown & SSL_RECEIVED_SHUTDOWN) ? 1 : 0;
    }
    if (!(s->shutdown & SSL_RECEIVED_SHUTDOWN))
        return shutdown_await_peer(s);
    return 1;
}
