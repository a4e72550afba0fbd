/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The mbedTLS transport callbacks over the connection's BIOs, and a watcher
 * of the plaintext records that arrive during the handshake.
 *
 * The callbacks record what the transport did in this call (would block,
 * end of data, failure and its errno), which is what OpenSSL's answers
 * depend on and what mbedTLS's return codes lose.
 */
#include "internal.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/net_sockets.h>

#define TLS_CONTENT_ALERT 21
#define TLS_CONTENT_HANDSHAKE 22
#define TLS_RECORD_HEADER_LEN 5

void shim_transport_begin(SSL *s)
{
    s->io_blocked = 0;
    s->io_error = SHIM_IO_OK;
    s->rwstate = SHIM_NOTHING;
}

/* What OpenSSL says of a first record that is not TLS: it looks at the
 * five header bytes for an HTTP request or proxy CONNECT. */
static int first_record_reason(const unsigned char header[TLS_RECORD_HEADER_LEN])
{
    static const char *const http_methods[] = {"GET ", "POST ", "HEAD ", "PUT "};
    size_t i;

    if (header[1] == 3) /* major version of every TLS version */
        return 0;
    for (i = 0; i < sizeof(http_methods) / sizeof(http_methods[0]); i++) {
        if (memcmp(header, http_methods[i], strlen(http_methods[i])) == 0)
            return SSL_R_HTTP_REQUEST;
    }
    if (memcmp(header, "CONNE", TLS_RECORD_HEADER_LEN) == 0)
        return SSL_R_HTTPS_PROXY_REQUEST;
    return SSL_R_WRONG_VERSION_NUMBER;
}

void shim_sniff_free(struct shim_record_sniff *sn)
{
    shim_free(sn->first_record);
    sn->first_record = NULL;
    sn->first_record_len = sn->first_record_have = 0;
}

/* Starts keeping the first record's body, if it is a handshake record. */
static void sniff_keep_first(struct shim_record_sniff *sn)
{
    if (sn->header[0] != TLS_CONTENT_HANDSHAKE || sn->body_left == 0)
        return;
    sn->first_record = shim_malloc(sn->body_left);
    if (sn->first_record == NULL)
        return; /* the check is skipped; mbedTLS still decides */
    sn->first_record_len = sn->body_left;
    sn->first_record_have = 0;
}

/* Follows record boundaries over bytes as they arrive, in any chunking,
 * without copying record bodies but the first one (the peer's hello).
 * Returns 1 when that first record has just become complete. */
static int sniff_feed(struct shim_record_sniff *sn, const unsigned char *p, size_t n)
{
    int first_complete = 0;

    while (n > 0) {
        if (sn->body_left == 0) {
            size_t take = TLS_RECORD_HEADER_LEN - sn->header_have;

            if (take > n)
                take = n;
            memcpy(sn->header + sn->header_have, p, take);
            sn->header_have += take;
            p += take;
            n -= take;
            if (sn->header_have < TLS_RECORD_HEADER_LEN)
                return first_complete;
            sn->body_left = ((size_t)sn->header[3] << 8) | sn->header[4];
            sn->body_have = 0;
            sn->header_have = 0;
            if (sn->records_seen++ == 0) {
                sn->first_record_reason = first_record_reason(sn->header);
                if (sn->first_record_reason == 0)
                    sniff_keep_first(sn);
            }
            continue;
        }
        {
            size_t take = sn->body_left < n ? sn->body_left : n;
            /* A two-byte alert body is a plaintext alert: level, then
             * description. Encrypted ones are longer. */
            int plain_alert = sn->header[0] == TLS_CONTENT_ALERT && sn->header[3] == 0 &&
                              sn->header[4] == 2;

            if (plain_alert) {
                size_t i;

                for (i = 0; i < take && sn->body_have < 2; i++)
                    sn->body_first[sn->body_have++] = p[i];
                if (sn->body_have == 2)
                    sn->last_alert = sn->body_first[1];
            }
            if (sn->first_record != NULL && sn->records_seen == 1) {
                memcpy(sn->first_record + sn->first_record_have, p, take);
                sn->first_record_have += take;
                first_complete = sn->first_record_have == sn->first_record_len;
            }
            sn->body_left -= take;
            p += take;
            n -= take;
        }
    }
    return first_complete;
}

enum shim_io_error shim_refuse_hello(SSL *s, int alert, int reason)
{
    s->io_alert = alert;
    s->io_reason = reason;
    return SHIM_IO_REFUSED;
}

enum shim_io_error shim_client_hello_check(SSL *s, const unsigned char *hello, size_t len)
{
    if (shim_client_hello_versions_overlap(hello, len, s->version_lo, s->version_hi) == 0)
        return shim_refuse_hello(s, SSL_AD_PROTOCOL_VERSION, SSL_R_UNSUPPORTED_PROTOCOL);
    return SHIM_IO_OK;
}

/* What OpenSSL decides from the peer's hello where mbedTLS decides
 * otherwise or not at all. A server refuses a ClientHello that offers
 * none of its versions (mbedTLS would pick another version and fail
 * differently), runs the application's hello and ALPN callbacks, and
 * keeps the hello (SSL_get_servername, SSL_get_shared_ciphers); a client
 * refuses a TLS 1.2 server without secure renegotiation unless
 * SSL_OP_LEGACY_SERVER_CONNECT (mbedTLS allows it by default). */
enum shim_io_error shim_check_peer_hello(SSL *s)
{
    struct shim_record_sniff *sn = &s->sniff;
    enum shim_io_error verdict = SHIM_IO_OK;

    if (s->server) {
        if (s->hello_ops != NULL)
            verdict = s->hello_ops->process(s, sn->first_record, sn->first_record_len);
        else
            verdict = shim_client_hello_check(s, sn->first_record, sn->first_record_len);
        if (verdict == SHIM_IO_PAUSED)
            return verdict; /* the hello is looked at again */
        /* Kept once accepted: what OpenSSL has read by then. */
        if (verdict == SHIM_IO_OK) {
            s->client_hello = sn->first_record;
            s->client_hello_len = sn->first_record_len;
            sn->first_record = NULL;
            if (s->params_ops != NULL)
                s->params_ops->client_hello(s, s->client_hello, s->client_hello_len);
            if (s->ctx->alpn_ops != NULL)
                verdict = s->ctx->alpn_ops->choose(s, s->client_hello, s->client_hello_len);
        }
    } else if (!(s->options & SSL_OP_LEGACY_SERVER_CONNECT) &&
               shim_server_hello_is_legacy(sn->first_record, sn->first_record_len) == 1) {
        verdict = shim_refuse_hello(s, SSL_AD_HANDSHAKE_FAILURE,
                                    SSL_R_UNSAFE_LEGACY_RENEGOTIATION_DISABLED);
    } else {
        shim_session_event(s, SHIM_SESSION_PEER_HELLO, sn->first_record, sn->first_record_len);
    }
    shim_sniff_free(sn);
    return verdict;
}

/* The peer's hello is complete, its last n bytes in buf: mbedTLS reads it
 * only once the checks let it. */
static int hello_complete(SSL *s, const unsigned char *buf, int n)
{
    s->io_error = shim_check_peer_hello(s);
    if (s->io_error == SHIM_IO_PAUSED) {
        s->io_error = SHIM_IO_OK;
        return s->hello_ops->hold(s, buf, (size_t)n);
    }
    return s->io_error == SHIM_IO_OK ? n : MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE;
}

/* Before waiting for the peer, what was written must be on its way: the
 * end of a flight, where OpenSSL flushes buffering BIOs. 0 to go on, else
 * the mbedTLS code to return. A BIO that does not handle BIO_flush (0,
 * no retry) is taken as having nothing to flush. */
static int flush_before_read(SSL *s)
{
    if (!s->wbio_unflushed || s->wbio == NULL)
        return 0;
    if (BIO_flush(s->wbio) <= 0 && BIO_should_retry(s->wbio)) {
        s->io_blocked = 1;
        s->rwstate = SHIM_WRITING;
        return BIO_should_read(s->wbio) ? MBEDTLS_ERR_SSL_WANT_READ : MBEDTLS_ERR_SSL_WANT_WRITE;
    }
    s->wbio_unflushed = 0;
    return 0;
}

void shim_transport_flush(SSL *s)
{
    if (s->wbio == NULL)
        return;
    (void)BIO_flush(s->wbio);
    s->wbio_unflushed = 0;
}

int shim_transport_recv(void *ctx, unsigned char *buf, size_t len)
{
    SSL *s = ctx;
    int n;

    if (s->rbio == NULL) {
        s->io_error = SHIM_IO_NO_RBIO;
        return MBEDTLS_ERR_SSL_INTERNAL_ERROR;
    }
    if (s->hello_held != NULL)
        return s->hello_ops->resume(s, buf, len);
    n = flush_before_read(s);
    if (n != 0)
        return n;
    n = BIO_read(s->rbio, buf, len > INT_MAX ? INT_MAX : (int)len);
    if (n > 0) {
        /* After the handshake every record is encrypted: nothing to see. */
        if (s->hs_state == SHIM_HS_DONE)
            return n;
        shim_handshake_bytes(s, SHIM_BYTES_RECEIVED, buf, (size_t)n);
        return sniff_feed(&s->sniff, buf, (size_t)n) ? hello_complete(s, buf, n) : n;
    }
    if (BIO_should_retry(s->rbio)) {
        s->io_blocked = 1;
        s->rwstate = SHIM_READING;
        return BIO_should_write(s->rbio) ? MBEDTLS_ERR_SSL_WANT_WRITE : MBEDTLS_ERR_SSL_WANT_READ;
    }
    if (n == 0) {
        /* mbedTLS turns 0 into MBEDTLS_ERR_SSL_CONN_EOF. */
        s->transport_eof = 1;
        return 0;
    }
    s->io_error = SHIM_IO_SYSCALL;
    s->io_errno = errno;
    return MBEDTLS_ERR_NET_RECV_FAILED;
}

int shim_transport_send(void *ctx, const unsigned char *buf, size_t len)
{
    SSL *s = ctx;
    int n;

    if (s->wbio == NULL) {
        s->io_error = SHIM_IO_NO_WBIO;
        return MBEDTLS_ERR_SSL_INTERNAL_ERROR;
    }
    /* Our own hello, in the first record we send: sessions read it. */
    if (!s->own_hello_seen && len > TLS_RECORD_HEADER_LEN && buf[0] == TLS_CONTENT_HANDSHAKE) {
        s->own_hello_seen = 1;
        shim_session_event(s, SHIM_SESSION_OWN_HELLO, buf + TLS_RECORD_HEADER_LEN,
                           len - TLS_RECORD_HEADER_LEN);
    }
    n = BIO_write(s->wbio, buf, len > INT_MAX ? INT_MAX : (int)len);
    if (n > 0) {
        s->wbio_unflushed = 1;
        if (s->hs_state != SHIM_HS_DONE)
            shim_handshake_bytes(s, SHIM_BYTES_SENT, buf, (size_t)n);
        return n;
    }
    if (BIO_should_retry(s->wbio)) {
        s->io_blocked = 1;
        s->rwstate = SHIM_WRITING;
        return BIO_should_read(s->wbio) ? MBEDTLS_ERR_SSL_WANT_READ : MBEDTLS_ERR_SSL_WANT_WRITE;
    }
    /* Never 0: mbedTLS would take it as progress and lose the record. */
    s->io_error = SHIM_IO_SYSCALL;
    s->io_errno = errno;
    return MBEDTLS_ERR_NET_SEND_FAILED;
}
