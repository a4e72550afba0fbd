/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The data path: SSL_read, SSL_peek, SSL_write and their _ex forms,
 * SSL_pending, SSL_has_pending. The internal calls follow OpenSSL's own
 * convention (1 with a byte count, or 0 / -1 with the state set for
 * SSL_get_error), from which the public forms derive their results.
 */
#include "internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* mbedTLS handles some records itself and asks to be called again without
 * having waited for the transport; bounded so a fault cannot spin. */
#define INTERNAL_RETRY_LIMIT 64

/* The largest record payload: the most SSL_peek ever needs to hold. */
#define PEEK_MAX MBEDTLS_SSL_IN_CONTENT_LEN

/* Checks shared by the data calls, in OpenSSL's order. */
static int io_precheck(SSL *s)
{
    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, 0);
    SHIM_ENSURE(s->role_set, ERR_LIB_SSL, SSL_R_UNINITIALIZED, 0);
    return 1;
}

/* Runs the handshake first if it has not completed, as OpenSSL does. */
static int io_ensure_handshake(SSL *s)
{
    if (s->hs_state == SHIM_HS_DONE)
        return 1;
    return SSL_do_handshake(s);
}

static size_t peek_avail(const SSL *s)
{
    return s->peek_len - s->peek_off;
}

/* Bytes mbedTLS holds of the record being read. */
static size_t record_avail(SSL *s)
{
    return s->frozen ? mbedtls_ssl_get_bytes_avail(&s->tls) : 0;
}

void shim_io_reset(SSL *s)
{
    shim_free(s->peek_buf);
    s->peek_buf = NULL;
    s->peek_cap = s->peek_off = s->peek_len = 0;
    s->wpend_active = 0;
}

/* A failed read: OpenSSL answers 0 for the end of the stream and for a
 * fatal alert from the peer, -1 otherwise. */
static int read_failed(SSL *s, int mbedtls_ret)
{
    int ret = shim_result_fail(s, mbedtls_ret);

    return (s->transport_eof || (s->shutdown & SSL_RECEIVED_SHUTDOWN)) ? 0 : ret;
}

/* Reads up to len bytes of one record from mbedTLS. 1 with *got set (0 only
 * when len is 0 and a record is there), else 0 or -1 as OpenSSL. */
static int read_record(SSL *s, unsigned char *out, size_t len, size_t *got)
{
    int retries = 0;
    int ret;

    for (;;) {
        shim_transport_begin(s);
        ret = mbedtls_ssl_read(&s->tls, out, len);
        if (ret > 0) {
            *got = (size_t)ret;
            return 1;
        }
        if (ret == 0 && len == 0 && record_avail(s) > 0) {
            *got = 0;
            return 1;
        }
        if (ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) {
            /* Sticky: mbedTLS would hand over data sent after it. */
            s->shutdown |= SSL_RECEIVED_SHUTDOWN;
            shim_info(s, SSL_CB_READ_ALERT, SHIM_CLOSE_NOTIFY_ALERT);
            return 0;
        }
        if ((ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE) &&
            s->io_blocked)
            return -1;
        if (ret == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET)
            shim_session_event(s, SHIM_SESSION_TICKET, NULL, 0);
        /* A record mbedTLS consumed itself (a warning alert, a ticket, an
         * empty record): go on. 0 with the transport at its end is EOF. */
        if ((ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE ||
             ret == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET ||
             (ret == 0 && !s->transport_eof)) &&
            ++retries <= INTERNAL_RETRY_LIMIT)
            continue;
        return read_failed(s, ret == 0 ? MBEDTLS_ERR_SSL_CONN_EOF : ret);
    }
}

/* Makes room in the peek buffer for need more bytes. */
static int peek_reserve(SSL *s, size_t need)
{
    unsigned char *grown;

    if (s->peek_off == s->peek_len)
        s->peek_off = s->peek_len = 0;
    if (s->peek_len + need <= s->peek_cap)
        return 1;
    grown = shim_realloc(s->peek_buf, s->peek_len + need);
    SHIM_ENSURE(grown != NULL, ERR_LIB_SSL, ERR_R_MALLOC_FAILURE, 0);
    s->peek_buf = grown;
    s->peek_cap = s->peek_len + need;
    return 1;
}

/* OpenSSL's read: at most one record, peeked bytes first. */
static int io_read(SSL *s, void *buf, size_t num, int peek, size_t *readbytes)
{
    unsigned char *out = buf;
    size_t have;
    size_t got = 0;
    int ret;

    if (!io_precheck(s))
        return -1;
    /* After close_notify (or a fatal alert) OpenSSL answers 0 without
     * reading again. */
    if (s->shutdown & SSL_RECEIVED_SHUTDOWN) {
        s->rwstate = SHIM_NOTHING;
        return 0;
    }
    if (s->fatal)
        return shim_fatal_again(s);
    ret = io_ensure_handshake(s);
    if (ret <= 0)
        return ret;
    if (num > 0)
        SHIM_ENSURE_ARG(buf, ERR_LIB_SSL, -1);
    if (num == 0) {
        unsigned char none;

        /* OpenSSL still fetches a record, and keeps it. */
        if (peek_avail(s) == 0 && record_avail(s) == 0) {
            ret = read_record(s, &none, 0, &got);
            if (ret <= 0)
                return ret;
        }
        s->rwstate = SHIM_NOTHING;
        *readbytes = 0;
        return 1;
    }
    have = peek_avail(s);
    if (peek) {
        /* Only the current record may top the buffer up: what mbedTLS
         * already holds, or a new record when nothing is held. */
        if (have < num && (have == 0 || record_avail(s) > 0)) {
            size_t want = num - have;

            if (want > PEEK_MAX)
                want = PEEK_MAX;
            if (!peek_reserve(s, want))
                return -1;
            ret = read_record(s, s->peek_buf + s->peek_len, want, &got);
            if (ret <= 0)
                return ret;
            s->peek_len += got;
            have = peek_avail(s);
        }
        *readbytes = have < num ? have : num;
        memcpy(out, s->peek_buf + s->peek_off, *readbytes);
        return 1;
    }
    if (have > 0) {
        size_t n = have < num ? have : num;

        memcpy(out, s->peek_buf + s->peek_off, n);
        s->peek_off += n;
        /* The rest of the same record, if mbedTLS holds it. */
        if (n < num && record_avail(s) > 0 && read_record(s, out + n, num - n, &got) <= 0)
            got = 0;
        *readbytes = n + got;
        return 1;
    }
    ret = read_record(s, out, num, &got);
    if (ret > 0)
        *readbytes = got;
    return ret;
}

/* Checks a retry after a WANT: shorter than what is already committed is
 * SSL_R_BAD_LENGTH, another buffer SSL_R_BAD_WRITE_RETRY (unless the mode
 * allows it); both are fatal in OpenSSL. */
static int write_retry_ok(SSL *s, const void *buf, size_t num)
{
    int max_payload = mbedtls_ssl_get_max_out_record_payload(&s->tls);
    size_t pending_record = s->wpend_chunk;

    if (max_payload > 0 && pending_record > (size_t)max_payload)
        pending_record = (size_t)max_payload;
    if (num < s->wpend_done + pending_record) {
        s->fatal = 1;
        SHIM_ERR(ERR_LIB_SSL, SSL_R_BAD_LENGTH);
        return 0;
    }
    if (buf != s->wpend_buf && !(s->mode & SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER)) {
        s->fatal = 1;
        SHIM_ERR(ERR_LIB_SSL, SSL_R_BAD_WRITE_RETRY);
        return 0;
    }
    return 1;
}

static int io_write(SSL *s, const void *buf, size_t num, size_t *written)
{
    const unsigned char *in = buf;
    size_t done = 0;
    size_t chunk;
    int ret;

    if (!io_precheck(s))
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
        if (!write_retry_ok(s, buf, num)) {
            s->rwstate = SHIM_NOTHING;
            return -1;
        }
        done = s->wpend_done;
    }
    if (num > 0)
        SHIM_ENSURE_ARG(buf, ERR_LIB_SSL, -1);
    while (done < num) {
        /* SSL_set_max_send_fragment: no longer records (mbedTLS writes one
         * a call). A retried call must repeat the pending one exactly. */
        chunk = num - done;
        if (s->max_send_fragment != 0 && chunk > s->max_send_fragment)
            chunk = s->max_send_fragment;
        if (s->wpend_active)
            chunk = s->wpend_chunk;
        s->wpend_active = 0;
        shim_transport_begin(s);
        ret = mbedtls_ssl_write(&s->tls, in + done, chunk);
        if (ret > 0) {
            done += (size_t)ret;
            if (s->mode & SSL_MODE_ENABLE_PARTIAL_WRITE)
                break;
            continue;
        }
        if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE) {
            s->wpend_active = 1;
            s->wpend_buf = buf;
            s->wpend_done = done;
            s->wpend_chunk = chunk;
            if (s->io_blocked)
                return -1;
            continue;
        }
        return shim_result_fail(s, ret);
    }
    /* No flush here: OpenSSL leaves application data in a buffering BIO
     * until the application flushes it. */
    *written = done;
    return 1;
}

/* ---- Public forms ------------------------------------------------------------ */

SHIM_EXPORT int SSL_read(SSL *s, void *buf, int num)
{
    size_t n = 0;
    int ret;

    if (num < 0) {
        SHIM_ERR(ERR_LIB_SSL, SSL_R_BAD_LENGTH);
        return -1;
    }
    ret = io_read(s, buf, (size_t)num, 0, &n);
    return ret > 0 ? (int)n : ret;
}

SHIM_EXPORT int SSL_read_ex(SSL *s, void *buf, size_t num, size_t *readbytes)
{
    size_t n = 0;
    int ret = io_read(s, buf, num > INT_MAX ? INT_MAX : num, 0, &n);

    if (ret > 0 && readbytes != NULL)
        *readbytes = n;
    return ret > 0;
}

SHIM_EXPORT int SSL_peek(SSL *s, void *buf, int num)
{
    size_t n = 0;
    int ret;

    if (num < 0) {
        SHIM_ERR(ERR_LIB_SSL, SSL_R_BAD_LENGTH);
        return -1;
    }
    ret = io_read(s, buf, (size_t)num, 1, &n);
    return ret > 0 ? (int)n : ret;
}

SHIM_EXPORT int SSL_peek_ex(SSL *s, void *buf, size_t num, size_t *readbytes)
{
    size_t n = 0;
    int ret = io_read(s, buf, num > INT_MAX ? INT_MAX : num, 1, &n);

    if (ret > 0 && readbytes != NULL)
        *readbytes = n;
    return ret > 0;
}

SHIM_EXPORT int SSL_write(SSL *s, const void *buf, int num)
{
    size_t n = 0;
    int ret;

    if (num < 0) {
        SHIM_ERR(ERR_LIB_SSL, SSL_R_BAD_LENGTH);
        return -1;
    }
    ret = io_write(s, buf, (size_t)num, &n);
    return ret > 0 ? (int)n : ret;
}

SHIM_EXPORT int SSL_write_ex(SSL *s, const void *buf, size_t num, size_t *written)
{
    size_t n = 0;
    int ret = io_write(s, buf, num, &n);

    if (ret > 0 && written != NULL)
        *written = n;
    return ret > 0;
}

SHIM_EXPORT int SSL_pending(const SSL *s)
{
    size_t n;

    if (s == NULL)
        return 0;
    n = peek_avail(s) + (s->frozen ? mbedtls_ssl_get_bytes_avail(&s->tls) : 0);
    return n > INT_MAX ? INT_MAX : (int)n;
}

SHIM_EXPORT int SSL_has_pending(const SSL *s)
{
    if (s == NULL)
        return 0;
    return SSL_pending(s) > 0 || (s->frozen && mbedtls_ssl_check_pending(&s->tls));
}
