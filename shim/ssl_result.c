/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The one place where an mbedTLS failure becomes OpenSSL's view of it: the
 * connection's sticky state, the error-queue entry and errno. SSL_get_error()
 * then reads that state in OpenSSL's order of precedence.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>

#include <mbedtls/net_sockets.h>
#include <mbedtls/x509.h>

/* Failures whose OpenSSL reason follows from the mbedTLS code alone. The
 * transport's own observations (no BIO, system error, end of data, a
 * plaintext alert, a first record that is not TLS) take precedence and are
 * handled before this table is consulted. */
static const struct shim_result_row result_table[] = {
    {MBEDTLS_ERR_SSL_CONN_EOF, ERR_LIB_SSL, SSL_R_UNEXPECTED_EOF_WHILE_READING},
    {MBEDTLS_ERR_X509_CERT_VERIFY_FAILED, ERR_LIB_SSL, SSL_R_CERTIFICATE_VERIFY_FAILED},
    {MBEDTLS_ERR_SSL_BAD_CERTIFICATE, ERR_LIB_SSL, SSL_R_CERTIFICATE_VERIFY_FAILED},
    {MBEDTLS_ERR_SSL_CA_CHAIN_REQUIRED, ERR_LIB_SSL, SSL_R_CERTIFICATE_VERIFY_FAILED},
    {MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE, ERR_LIB_SSL, SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE},
    {MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE, ERR_LIB_SSL, SSL_R_NO_SHARED_CIPHER},
    {MBEDTLS_ERR_SSL_BAD_PROTOCOL_VERSION, ERR_LIB_SSL, SSL_R_UNSUPPORTED_PROTOCOL},
    {MBEDTLS_ERR_SSL_NO_APPLICATION_PROTOCOL, ERR_LIB_SSL, SSL_R_NO_APPLICATION_PROTOCOL},
    {MBEDTLS_ERR_SSL_INVALID_MAC, ERR_LIB_SSL, SSL_R_DECRYPTION_FAILED_OR_BAD_RECORD_MAC},
    {MBEDTLS_ERR_SSL_INVALID_RECORD, ERR_LIB_SSL, SSL_R_WRONG_VERSION_NUMBER},
    {MBEDTLS_ERR_SSL_UNEXPECTED_MESSAGE, ERR_LIB_SSL, SSL_R_UNEXPECTED_MESSAGE},
    {MBEDTLS_ERR_SSL_UNEXPECTED_RECORD, ERR_LIB_SSL, SSL_R_UNEXPECTED_RECORD},
    {MBEDTLS_ERR_SSL_DECODE_ERROR, ERR_LIB_SSL, SSL_R_BAD_DATA},
    {MBEDTLS_ERR_SSL_ILLEGAL_PARAMETER, ERR_LIB_SSL, SSL_R_BAD_DATA},
    {MBEDTLS_ERR_SSL_ALLOC_FAILED, ERR_LIB_SSL, ERR_R_MALLOC_FAILURE},
    {MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE, ERR_LIB_SSL, SSL_R_SSL_HANDSHAKE_FAILURE},
};

#define RESULT_ROWS (sizeof(result_table) / sizeof(result_table[0]))

const struct shim_result_row *shim_result_rows(size_t *count)
{
    *count = RESULT_ROWS;
    return result_table;
}

static const struct shim_result_row *result_lookup(int code)
{
    size_t i;

    for (i = 0; i < RESULT_ROWS; i++) {
        if (result_table[i].mbedtls_code == code)
            return &result_table[i];
    }
    return NULL;
}

int shim_result_fail(SSL *s, int mbedtls_ret)
{
    const struct shim_result_row *row;
    char detail[40];

    /* OpenSSL's SSL_OP_IGNORE_UNEXPECTED_EOF: the end of the stream reads
     * as a close, with no error and the connection still usable to write. */
    if (s->transport_eof && s->io_error == SHIM_IO_OK &&
        (s->options & SSL_OP_IGNORE_UNEXPECTED_EOF)) {
        s->shutdown |= SSL_RECEIVED_SHUTDOWN;
        s->rwstate = SHIM_READING; /* what OpenSSL leaves behind */
        return -1;
    }
    /* A failure is not a retry: SSL_get_error must not say WANT_*. */
    s->rwstate = SHIM_NOTHING;
    s->fatal = 1;
    switch (s->io_error) {
    case SHIM_IO_NO_RBIO:
        SHIM_ERR(ERR_LIB_SSL, SSL_R_READ_BIO_NOT_SET);
        return -1;
    case SHIM_IO_NO_WBIO:
        /* OpenSSL fails when it flushes the first flight into the missing
         * BIO, with nothing on the queue: SSL_get_error says SYSCALL. */
        return -1;
    case SHIM_IO_REFUSED:
        /* The peer's hello was refused where OpenSSL refuses it (no shared
         * version, an unsafe legacy server, an application callback's
         * answer): OpenSSL's alert and reason. */
        (void)mbedtls_ssl_send_alert_message(&s->tls, MBEDTLS_SSL_ALERT_LEVEL_FATAL,
                                             (unsigned char)s->io_alert);
        shim_info(s, SSL_CB_WRITE_ALERT, SHIM_FATAL_ALERT(s->io_alert));
        SHIM_ERR(ERR_LIB_SSL, s->io_reason);
        return -1;
    case SHIM_IO_SYSCALL:
        /* As in OpenSSL: no queue entry, errno tells. */
        errno = s->io_errno;
        return -1;
    case SHIM_IO_OK:
    default:
        break;
    }
    if (s->transport_eof) {
        SHIM_ERR(ERR_LIB_SSL, SSL_R_UNEXPECTED_EOF_WHILE_READING);
        return -1;
    }
    /* A fatal alert ends the peer's side: OpenSSL marks it received. */
    if (mbedtls_ret == MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE)
        s->shutdown |= SSL_RECEIVED_SHUTDOWN;
    if (s->sniff.first_record_reason != 0) {
        SHIM_ERR(ERR_LIB_SSL, s->sniff.first_record_reason);
        return -1;
    }
    if (s->verify_rejected) {
        SHIM_ERR(ERR_LIB_SSL, SSL_R_CERTIFICATE_VERIFY_FAILED);
        return -1;
    }
    if (mbedtls_ret == MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE && s->sniff.last_alert >= 0) {
        shim_info(s, SSL_CB_READ_ALERT, SHIM_FATAL_ALERT(s->sniff.last_alert));
        SHIM_ERR(ERR_LIB_SSL, SSL_AD_REASON_OFFSET + s->sniff.last_alert);
        return -1;
    }
    /* Keep mbedTLS's code in the entry's data: it is what tells two
     * failures with the same OpenSSL reason apart. */
    snprintf(detail, sizeof(detail), "mbedtls error -0x%04X", (unsigned int)-mbedtls_ret);
    row = result_lookup(mbedtls_ret);
    if (row != NULL)
        SHIM_ERR_DATA(row->lib, row->reason, detail);
    else
        SHIM_ERR_DATA(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR, detail);
    return -1;
}

int shim_fatal_again(SSL *s)
{
    /* Never a WANT: a stale retry state would send a caller round a loop
     * that cannot end. */
    s->rwstate = SHIM_NOTHING;
    return -1;
}

/* The SSL_ERROR_* a BIO's retry flags stand for; -1 when it has none. */
static int retry_class(BIO *b)
{
    if (BIO_should_read(b))
        return SSL_ERROR_WANT_READ;
    if (BIO_should_write(b))
        return SSL_ERROR_WANT_WRITE;
    if (BIO_should_io_special(b)) {
        switch (BIO_get_retry_reason(b)) {
        case BIO_RR_CONNECT:
            return SSL_ERROR_WANT_CONNECT;
        case BIO_RR_ACCEPT:
            return SSL_ERROR_WANT_ACCEPT;
        default:
            return SSL_ERROR_SYSCALL;
        }
    }
    return -1;
}

/* OpenSSL's order: a positive result, then the error queue, then the
 * retry state of the BIO that blocked, then a received close_notify, and
 * otherwise a system-level failure. */
SHIM_EXPORT int SSL_get_error(const SSL *s, int ret_code)
{
    unsigned long e;

    if (ret_code > 0)
        return SSL_ERROR_NONE;
    e = ERR_peek_error();
    if (e != 0)
        return ERR_GET_LIB(e) == ERR_LIB_SYS ? SSL_ERROR_SYSCALL : SSL_ERROR_SSL;
    if (s == NULL)
        return SSL_ERROR_SSL;
    if (s->rwstate == SHIM_READING && s->rbio != NULL) {
        int c = retry_class(s->rbio);

        if (c != -1)
            return c;
    }
    if (s->rwstate == SHIM_WRITING && s->wbio != NULL) {
        int c = retry_class(s->wbio);

        if (c != -1)
            return c;
    }
    if (s->rwstate == SHIM_X509_LOOKUP)
        return SSL_ERROR_WANT_X509_LOOKUP;
    if (s->rwstate == SHIM_CLIENT_HELLO_CB)
        return SSL_ERROR_WANT_CLIENT_HELLO_CB;
    if (s->shutdown & SSL_RECEIVED_SHUTDOWN)
        return SSL_ERROR_ZERO_RETURN;
    return SSL_ERROR_SYSCALL;
}
