/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The SSL BIO (BIO_f_ssl): a connection as a filter in a BIO chain. Reads
 * and writes go through SSL_read and SSL_write; what SSL_get_error says
 * becomes the BIO's retry flags, as in OpenSSL. The next BIO in the chain
 * is the connection's transport.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* Below this OpenSSL ignores a renegotiation byte count. */
#define RENEGOTIATE_BYTES_MIN 512

struct ssl_bio_state {
    SSL *ssl;
    long renegotiate_bytes; /* accepted and kept; renegotiation never happens */
};

static SSL *ssl_of(BIO *b)
{
    struct ssl_bio_state *st = b->ptr;

    return st != NULL ? st->ssl : NULL;
}

static int ssl_bio_create(BIO *b)
{
    struct ssl_bio_state *st = shim_calloc(1, sizeof(*st));

    if (st == NULL)
        return 0;
    b->ptr = st;
    return 1;
}

/* Drops the connection; closes it first, as OpenSSL does on free. */
static void ssl_bio_release(BIO *b)
{
    struct ssl_bio_state *st = b->ptr;

    if (st->ssl != NULL)
        (void)SSL_shutdown(st->ssl);
    if (b->shutdown && b->init)
        SSL_free(st->ssl);
    st->ssl = NULL;
    b->flags = 0;
    b->init = 0;
}

static int ssl_bio_destroy(BIO *b)
{
    if (b->ptr == NULL)
        return 1;
    ssl_bio_release(b);
    shim_free(b->ptr);
    b->ptr = NULL;
    return 1;
}

/* What SSL_get_error says, as the BIO's retry flags. */
static void ssl_bio_set_retry(BIO *b, SSL *ssl, int ret)
{
    switch (SSL_get_error(ssl, ret)) {
    case SSL_ERROR_WANT_READ:
        BIO_set_retry_read(b);
        break;
    case SSL_ERROR_WANT_WRITE:
        BIO_set_retry_write(b);
        break;
    case SSL_ERROR_WANT_X509_LOOKUP:
        BIO_set_retry_special(b);
        b->retry_reason = BIO_RR_SSL_X509_LOOKUP;
        break;
    case SSL_ERROR_WANT_ACCEPT:
        BIO_set_retry_special(b);
        b->retry_reason = BIO_RR_ACCEPT;
        break;
    case SSL_ERROR_WANT_CONNECT:
        BIO_set_retry_special(b);
        b->retry_reason = BIO_RR_CONNECT;
        break;
    default:
        break;
    }
}

static int ssl_bio_read(BIO *b, char *out, int outl)
{
    SSL *ssl = ssl_of(b);
    int ret;

    if (ssl == NULL)
        return 0;
    BIO_clear_retry_flags(b);
    b->retry_reason = 0;
    ret = SSL_read(ssl, out, outl);
    ssl_bio_set_retry(b, ssl, ret);
    return ret;
}

static int ssl_bio_write(BIO *b, const char *in, int inl)
{
    SSL *ssl = ssl_of(b);
    int ret;

    if (ssl == NULL)
        return 0;
    BIO_clear_retry_flags(b);
    b->retry_reason = 0;
    ret = SSL_write(ssl, in, inl);
    ssl_bio_set_retry(b, ssl, ret);
    return ret;
}

/* Takes a connection: its read BIO joins the chain after this one. */
static long ssl_bio_set(BIO *b, SSL *ssl, long close_flag)
{
    struct ssl_bio_state *st = b->ptr;
    BIO *transport;

    if (st->ssl != NULL)
        ssl_bio_release(b);
    b->shutdown = (int)close_flag;
    st->ssl = ssl;
    transport = SSL_get_rbio(ssl);
    if (transport != NULL) {
        if (b->next_bio != NULL)
            (void)BIO_push(transport, b->next_bio);
        b->next_bio = transport;
        BIO_up_ref(transport);
    }
    b->init = 1;
    return 1;
}

static long ssl_bio_handshake(BIO *b, SSL *ssl)
{
    int ret;

    BIO_clear_retry_flags(b);
    b->retry_reason = 0;
    ret = SSL_do_handshake(ssl);
    ssl_bio_set_retry(b, ssl, ret);
    /* A transport still connecting names its own reason. */
    if (BIO_should_io_special(b) && b->next_bio != NULL)
        b->retry_reason = b->next_bio->retry_reason;
    return ret;
}

static long ssl_bio_ctrl(BIO *b, int cmd, long larg, void *parg)
{
    struct ssl_bio_state *st = b->ptr;
    SSL *ssl = st->ssl;
    long ret;

    if (ssl == NULL && cmd != BIO_C_SET_SSL)
        return 0;
    switch (cmd) {
    case BIO_CTRL_RESET:
        (void)SSL_shutdown(ssl);
        if (!SSL_clear(ssl))
            return 0;
        if (b->next_bio != NULL)
            return BIO_ctrl(b->next_bio, cmd, larg, parg);
        return SSL_get_rbio(ssl) != NULL ? BIO_ctrl(SSL_get_rbio(ssl), cmd, larg, parg) : 1;
    case BIO_CTRL_INFO:
        return 0;
    case BIO_C_SSL_MODE:
        if (larg)
            SSL_set_connect_state(ssl);
        else
            SSL_set_accept_state(ssl);
        return 1;
    case BIO_C_SET_SSL_RENEGOTIATE_BYTES:
        ret = st->renegotiate_bytes;
        if (larg >= RENEGOTIATE_BYTES_MIN)
            st->renegotiate_bytes = larg;
        return ret;
    case BIO_C_SET_SSL_RENEGOTIATE_TIMEOUT:
    case BIO_C_GET_SSL_NUM_RENEGOTIATES:
        return 0;
    case BIO_C_SET_SSL:
        SHIM_ENSURE(parg != NULL, ERR_LIB_BIO, ERR_R_PASSED_NULL_PARAMETER, 0);
        return ssl_bio_set(b, parg, larg);
    case BIO_C_GET_SSL:
        if (parg == NULL)
            return 0;
        *(SSL **)parg = ssl;
        return 1;
    case BIO_CTRL_GET_CLOSE:
        return b->shutdown;
    case BIO_CTRL_SET_CLOSE:
        b->shutdown = (int)larg;
        return 1;
    case BIO_CTRL_WPENDING:
        return BIO_ctrl(SSL_get_wbio(ssl), cmd, larg, parg);
    case BIO_CTRL_PENDING:
        ret = SSL_pending(ssl);
        return ret != 0 ? ret : BIO_pending(SSL_get_rbio(ssl));
    case BIO_CTRL_FLUSH:
        BIO_clear_retry_flags(b);
        ret = BIO_ctrl(SSL_get_wbio(ssl), cmd, larg, parg);
        if (b->next_bio != NULL)
            shim_bio_copy_next_retry(b);
        return ret;
    case BIO_CTRL_PUSH:
        /* The BIO now after this one becomes the connection's transport;
         * it is given one reference (SSL_set_bio takes the second). */
        if (b->next_bio != NULL && b->next_bio != SSL_get_rbio(ssl)) {
            BIO_up_ref(b->next_bio);
            SSL_set_bio(ssl, b->next_bio, b->next_bio);
        }
        return 1;
    case BIO_CTRL_POP:
        /* Only when this BIO itself leaves the chain. */
        if (b == parg)
            SSL_set_bio(ssl, NULL, NULL);
        return 1;
    case BIO_C_DO_STATE_MACHINE:
        return ssl_bio_handshake(b, ssl);
    case BIO_CTRL_DUP: {
        struct ssl_bio_state *to = ((BIO *)parg)->ptr;

        SSL_free(to->ssl);
        to->ssl = shim_conn_dup_settings(ssl);
        to->renegotiate_bytes = st->renegotiate_bytes;
        ((BIO *)parg)->init = to->ssl != NULL;
        return to->ssl != NULL;
    }
    case BIO_CTRL_SET_CALLBACK:
        return 0;
    default:
        return BIO_ctrl(SSL_get_rbio(ssl), cmd, larg, parg);
    }
}

static const BIO_METHOD ssl_bio_method = {
    .type = BIO_TYPE_SSL,
    .name = "ssl",
    .write_int = ssl_bio_write,
    .read_int = ssl_bio_read,
    .puts = shim_puts_by_write,
    .ctrl = ssl_bio_ctrl,
    .create = ssl_bio_create,
    .destroy = ssl_bio_destroy,
};

SHIM_EXPORT const BIO_METHOD *BIO_f_ssl(void)
{
    return &ssl_bio_method;
}

SHIM_EXPORT BIO *BIO_new_ssl(SSL_CTX *ctx, int client)
{
    BIO *b = BIO_new(&ssl_bio_method);
    SSL *ssl;

    if (b == NULL)
        return NULL;
    ssl = SSL_new(ctx);
    if (ssl == NULL) {
        BIO_free(b);
        return NULL;
    }
    if (client)
        SSL_set_connect_state(ssl);
    else
        SSL_set_accept_state(ssl);
    BIO_set_ssl(b, ssl, BIO_CLOSE);
    return b;
}

SHIM_EXPORT BIO *BIO_new_ssl_connect(SSL_CTX *ctx)
{
    BIO *ssl_bio = BIO_new_ssl(ctx, 1);
    BIO *conn;

    if (ssl_bio == NULL)
        return NULL;
    conn = BIO_new(BIO_s_connect());
    if (conn == NULL) {
        BIO_free(ssl_bio);
        return NULL;
    }
    return BIO_push(ssl_bio, conn);
}

SHIM_EXPORT BIO *BIO_new_buffer_ssl_connect(SSL_CTX *ctx)
{
    BIO *buf = BIO_new(BIO_f_buffer());
    BIO *ssl_bio;

    if (buf == NULL)
        return NULL;
    ssl_bio = BIO_new_ssl_connect(ctx);
    if (ssl_bio == NULL) {
        BIO_free(buf);
        return NULL;
    }
    return BIO_push(buf, ssl_bio);
}

SHIM_EXPORT void BIO_ssl_shutdown(BIO *b)
{
    for (; b != NULL; b = BIO_next(b)) {
        if (BIO_method_type(b) == BIO_TYPE_SSL && ssl_of(b) != NULL)
            (void)SSL_shutdown(ssl_of(b));
    }
}
