/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The data path after the handshake: partial reads, peek and pending
 * counts, zero lengths, the _ex forms, one record per read, large writes
 * through a small non-blocking transport with a legacy retry loop, partial
 * writes, the write-retry rules, the end of the stream, and the maximum
 * fragment length a client asks for.
 */
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

/* A finished handshake over a BIO pair with bufsize-byte buffers. */
static int connected_pair(int version, size_t bufsize, SSL **c, SSL **s)
{
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, version, version);
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, 0);
    BIO *cb = NULL;
    BIO *sb = NULL;
    struct side cr;
    struct side sr;
    int ok = 0;

    *c = *s = NULL;
    if (cctx == NULL || sctx == NULL || !BIO_new_bio_pair(&cb, bufsize, &sb, bufsize))
        goto done;
    *c = SSL_new(cctx);
    *s = SSL_new(sctx);
    if (*c == NULL || *s == NULL) {
        BIO_free(cb);
        BIO_free(sb);
        goto done;
    }
    SSL_set_bio(*c, cb, cb);
    SSL_set_bio(*s, sb, sb);
    ok = drive_handshake(*c, hs_connect, &cr, *s, hs_accept, &sr, NULL, NULL);
done:
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return ok;
}

static int partial_reads_peek_pending(int version)
{
    SSL *c = NULL;
    SSL *s = NULL;
    char buf[64];
    int ret;
    int ok = 0;

    CHECK(connected_pair(version, 0, &c, &s));
    /* Nothing there: peek and a zero-length read both wait for data. */
    ret = SSL_peek(c, buf, 4);
    CHECK_INT(ret, ==, -1);
    CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_WANT_READ);
    CHECK(SSL_want_read(c));
    ret = SSL_read(c, buf, 0);
    CHECK_INT(ret, ==, -1);
    CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_WANT_READ);
    CHECK_INT(SSL_pending(c), ==, 0);
    CHECK_INT(SSL_write(s, "hello world", 11), ==, 11);
    /* A zero-length read fetches the record and keeps it. */
    ret = SSL_read(c, buf, 0);
    CHECK_INT(ret, ==, 0);
    CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_SYSCALL);
    CHECK_INT(SSL_pending(c), ==, 11);
    CHECK_INT(SSL_has_pending(c), ==, 1);
    CHECK_INT(SSL_read(c, buf, 4), ==, 4);
    CHECK(memcmp(buf, "hell", 4) == 0);
    CHECK(SSL_want_nothing(c));
    CHECK_INT(SSL_pending(c), ==, 7);
    CHECK_INT(SSL_peek(c, buf, 100), ==, 7);
    CHECK(memcmp(buf, "o world", 7) == 0);
    CHECK_INT(SSL_pending(c), ==, 7);
    CHECK_INT(SSL_peek(c, buf, 2), ==, 2);
    CHECK_INT(SSL_read(c, buf, 100), ==, 7);
    CHECK(memcmp(buf, "o world", 7) == 0);
    CHECK_INT(SSL_pending(c), ==, 0);
    CHECK_INT(SSL_has_pending(c), ==, 0);
    ok = 1;
out:
    free_pair(c, s, NULL, NULL);
    return ok;
}

static int partial_reads_tls12(void)
{
    return partial_reads_peek_pending(TLS1_2_VERSION);
}

static int partial_reads_tls13(void)
{
    return partial_reads_peek_pending(TLS1_3_VERSION);
}

/* A peek that starts a record, then a read that takes all of it. */
static int peek_then_read_whole_record(void)
{
    SSL *c = NULL;
    SSL *s = NULL;
    char buf[64];
    int ok = 0;

    CHECK(connected_pair(0, 0, &c, &s));
    CHECK_INT(SSL_write(s, "0123456789", 10), ==, 10);
    CHECK_INT(SSL_peek(c, buf, 3), ==, 3);
    CHECK(memcmp(buf, "012", 3) == 0);
    CHECK_INT(SSL_pending(c), ==, 10);
    CHECK_INT(SSL_peek(c, buf, 6), ==, 6);
    CHECK(memcmp(buf, "012345", 6) == 0);
    CHECK_INT(SSL_read(c, buf, sizeof(buf)), ==, 10);
    CHECK(memcmp(buf, "0123456789", 10) == 0);
    ok = 1;
out:
    free_pair(c, s, NULL, NULL);
    return ok;
}

static int ex_forms_and_zero_lengths(void)
{
    SSL *c = NULL;
    SSL *s = NULL;
    char buf[16];
    size_t n;
    int ret;
    int ok = 0;

    CHECK(connected_pair(0, 0, &c, &s));
    /* Writing nothing: SSL_write says 0 (no error entry, SYSCALL class),
     * SSL_write_ex succeeds with 0 bytes. */
    ret = SSL_write(c, buf, 0);
    CHECK_INT(ret, ==, 0);
    CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_SYSCALL);
    CHECK_INT(ERR_peek_error(), ==, 0);
    n = 99;
    CHECK_INT(SSL_write_ex(c, "x", 0, &n), ==, 1);
    CHECK_INT(n, ==, 0);
    /* A failed _ex read leaves the count alone. */
    n = 99;
    ret = SSL_read_ex(c, buf, sizeof(buf), &n);
    CHECK_INT(ret, ==, 0);
    CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_WANT_READ);
    CHECK_INT(n, ==, 99);
    CHECK_INT(SSL_write_ex(s, "abc", 3, &n), ==, 1);
    CHECK_INT(n, ==, 3);
    CHECK_INT(SSL_peek_ex(c, buf, sizeof(buf), &n), ==, 1);
    CHECK_INT(n, ==, 3);
    CHECK_INT(SSL_read_ex(c, buf, sizeof(buf), &n), ==, 1);
    CHECK_INT(n, ==, 3);
    CHECK(memcmp(buf, "abc", 3) == 0);
    ok = 1;
out:
    free_pair(c, s, NULL, NULL);
    return ok;
}

/* SSL_read returns at most one record. */
static int one_record_per_read(void)
{
    SSL *c = NULL;
    SSL *s = NULL;
    char buf[64];
    int ok = 0;

    CHECK(connected_pair(0, 0, &c, &s));
    CHECK_INT(SSL_write(s, "abc", 3), ==, 3);
    CHECK_INT(SSL_write(s, "def", 3), ==, 3);
    CHECK_INT(SSL_read(c, buf, sizeof(buf)), ==, 3);
    CHECK(memcmp(buf, "abc", 3) == 0);
    CHECK_INT(SSL_read(c, buf, sizeof(buf)), ==, 3);
    CHECK(memcmp(buf, "def", 3) == 0);
    ok = 1;
out:
    free_pair(c, s, NULL, NULL);
    return ok;
}

/* 1 MiB through a 4 KiB BIO pair, non-blocking, with the retry loop of a
 * typical legacy program: on WANT, let the peer read, then call again with
 * the same arguments. Every byte must arrive once, in order. */
static int large_transfer(int version)
{
    enum { TOTAL = 1024 * 1024 };
    unsigned char *data = malloc(TOTAL);
    unsigned char *got = malloc(TOTAL);
    SSL *c = NULL;
    SSL *s = NULL;
    size_t received = 0;
    int wants = 0;
    int ret;
    int ok = 0;
    size_t i;

    CHECK(data != NULL && got != NULL);
    for (i = 0; i < TOTAL; i++)
        data[i] = (unsigned char)(i * 7 + (i >> 10));
    CHECK(connected_pair(version, 4096, &c, &s));
    for (;;) {
        ret = SSL_write(c, data, TOTAL);
        if (ret > 0)
            break;
        CHECK_INT(ret, ==, -1);
        CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_WANT_WRITE);
        wants++;
        /* The peer drains what it can. */
        for (;;) {
            int n = SSL_read(s, got + received, (int)(TOTAL - received));

            if (n <= 0) {
                CHECK_INT(SSL_get_error(s, n), ==, SSL_ERROR_WANT_READ);
                break;
            }
            received += (size_t)n;
        }
    }
    CHECK_INT(ret, ==, TOTAL);
    CHECK_INT(wants, >, 10);
    while (received < TOTAL) {
        int n = SSL_read(s, got + received, (int)(TOTAL - received));

        CHECK_INT(n, >, 0);
        received += (size_t)n;
    }
    CHECK(memcmp(got, data, TOTAL) == 0);
    ok = 1;
out:
    free_pair(c, s, NULL, NULL);
    free(data);
    free(got);
    return ok;
}

static int large_transfer_tls12(void)
{
    return large_transfer(TLS1_2_VERSION);
}

static int large_transfer_tls13(void)
{
    return large_transfer(TLS1_3_VERSION);
}

/* With partial writes, SSL_write returns after the first record. */
static int partial_write_mode(void)
{
    static unsigned char data[40000];
    SSL *c = NULL;
    SSL *s = NULL;
    int ok = 0;

    CHECK(connected_pair(TLS1_2_VERSION, 0, &c, &s));
    memset(data, 'p', sizeof(data));
    SSL_set_mode(c, SSL_MODE_ENABLE_PARTIAL_WRITE);
    CHECK_INT(SSL_write(c, data, (int)sizeof(data)), ==, 16384);
    ok = 1;
out:
    free_pair(c, s, NULL, NULL);
    return ok;
}

/* A write that had to wait, retried in the ways OpenSSL allows and
 * refuses. what: 0 same call, 1 shorter, 2 longer, 3 other buffer,
 * 4 other buffer with SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER. */
static int write_retry(int what)
{
    static unsigned char data[8000];
    SSL *c = NULL;
    SSL *s = NULL;
    char sink[4096];
    int total = 5000;
    int ret;
    int ok = 0;
    int i;

    CHECK(connected_pair(0, 1024, &c, &s));
    memset(data, 'r', sizeof(data));
    if (what == 4)
        SSL_set_mode(c, SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    ret = SSL_write(c, data, 5000);
    CHECK_INT(ret, ==, -1);
    CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_WANT_WRITE);
    switch (what) {
    case 1:
        ret = SSL_write(c, data, 4000);
        CHECK_INT(ret, ==, -1);
        CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_SSL);
        CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_BAD_LENGTH);
        /* Fatal: the same call no longer goes on. */
        ret = SSL_write(c, data, 5000);
        CHECK_INT(ret, ==, -1);
        CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_SYSCALL);
        ok = 1;
        goto out;
    case 3:
        ret = SSL_write(c, data + 1, 5000);
        CHECK_INT(ret, ==, -1);
        CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_SSL);
        CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_BAD_WRITE_RETRY);
        ok = 1;
        goto out;
    case 2:
        total = 6000;
        break;
    default:
        break;
    }
    /* Allowed retries go on until everything is written, once. */
    for (i = 0; i < 100; i++) {
        int n;

        while ((n = SSL_read(s, sink, sizeof(sink))) > 0)
            ;
        ret = SSL_write(c, what == 4 ? data + 7 : data, total);
        if (ret > 0)
            break;
        CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_WANT_WRITE);
    }
    CHECK_INT(ret, ==, total);
    ok = 1;
out:
    ERR_clear_error();
    free_pair(c, s, NULL, NULL);
    return ok;
}

static int write_retry_same(void)
{
    return write_retry(0);
}

static int write_retry_shorter(void)
{
    return write_retry(1);
}

static int write_retry_longer(void)
{
    return write_retry(2);
}

static int write_retry_other_buffer(void)
{
    return write_retry(3);
}

static int write_retry_moving_buffer(void)
{
    return write_retry(4);
}

/* The peer's transport ends without a close_notify. */
static int unexpected_eof(int ignore)
{
    SSL *c = NULL;
    SSL *s = NULL;
    char buf[16];
    int ret;
    int ok = 0;

    CHECK(connected_pair(0, 0, &c, &s));
    if (ignore)
        SSL_set_options(c, SSL_OP_IGNORE_UNEXPECTED_EOF);
    CHECK_INT(BIO_shutdown_wr(SSL_get_wbio(s)), ==, 1);
    ret = SSL_read(c, buf, sizeof(buf));
    CHECK_INT(ret, ==, 0);
    if (ignore) {
        /* Taken as a close: no error, and writing still works. */
        CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_ZERO_RETURN);
        CHECK_INT(SSL_get_shutdown(c), ==, SSL_RECEIVED_SHUTDOWN);
        CHECK_INT(ERR_peek_error(), ==, 0);
        CHECK_INT(SSL_write(c, "x", 1), ==, 1);
        ret = SSL_read(c, buf, sizeof(buf));
        CHECK_INT(ret, ==, 0);
        CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_ZERO_RETURN);
    } else {
        CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_SSL);
        CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_UNEXPECTED_EOF_WHILE_READING);
        CHECK_INT(SSL_get_shutdown(c), ==, 0);
        /* Fatal: later calls fail without a new entry. */
        ret = SSL_read(c, buf, sizeof(buf));
        CHECK_INT(ret, ==, -1);
        CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_SYSCALL);
        CHECK(SSL_in_init(c));
    }
    ok = 1;
out:
    free_pair(c, s, NULL, NULL);
    return ok;
}

static int eof_is_an_error(void)
{
    return unexpected_eof(0);
}

static int eof_ignored_with_option(void)
{
    return unexpected_eof(1);
}

/* A record that does not decrypt: the reader fails and alerts the peer,
 * whose next read ends with that alert (0, SSL_ERROR_SSL, received
 * shutdown set). */
static int read_after_fatal_alert(int version)
{
    static const char garbage[] = "\x17\x03\x03\x00\x20"
                                  "0123456789abcdef0123456789abcdef";
    SSL *c = NULL;
    SSL *s = NULL;
    char buf[16];
    unsigned long e;
    int ret;
    int ok = 0;

    CHECK(connected_pair(version, 0, &c, &s));
    CHECK_INT(BIO_write(SSL_get_wbio(c), garbage, 37), ==, 37);
    ret = SSL_read(s, buf, sizeof(buf));
    CHECK_INT(ret, ==, -1);
    CHECK_INT(SSL_get_error(s, ret), ==, SSL_ERROR_SSL);
    ERR_clear_error();
    ret = SSL_read(s, buf, sizeof(buf));
    CHECK_INT(ret, ==, -1);
    CHECK_INT(SSL_get_error(s, ret), ==, SSL_ERROR_SYSCALL);
    ret = SSL_shutdown(s);
    CHECK_INT(ret, ==, -1);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_SHUTDOWN_WHILE_IN_INIT);
    ret = SSL_read(c, buf, sizeof(buf));
    CHECK_INT(ret, ==, 0);
    CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_SSL);
    e = ERR_get_error();
    CHECK_INT(ERR_GET_LIB(e), ==, ERR_LIB_SSL);
#ifdef MBEDTLS_OPENSSL_COMPAT
    /* The alert came encrypted: its description is not visible through
     * mbedTLS (docs/parity.md). */
    CHECK_INT(ERR_GET_REASON(e), ==, SSL_R_SSL_HANDSHAKE_FAILURE);
#else
    CHECK_INT(ERR_GET_REASON(e), ==, SSL_R_SSLV3_ALERT_BAD_RECORD_MAC);
#endif
    CHECK_INT(SSL_get_shutdown(c), ==, SSL_RECEIVED_SHUTDOWN);
    /* Afterwards: reads answer 0 and the class is ZERO_RETURN, as in
     * OpenSSL (received-shutdown is set). */
    ret = SSL_read(c, buf, sizeof(buf));
    CHECK_INT(ret, ==, 0);
    CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_ZERO_RETURN);
    ret = SSL_write(c, "x", 1);
    CHECK_INT(ret, ==, -1);
    ok = 1;
out:
    ERR_clear_error();
    free_pair(c, s, NULL, NULL);
    return ok;
}

static int fatal_alert_tls12(void)
{
    return read_after_fatal_alert(TLS1_2_VERSION);
}

static int fatal_alert_tls13(void)
{
    return read_after_fatal_alert(TLS1_3_VERSION);
}

/* Reading and writing before the handshake runs it first. */
static int implicit_handshake(void)
{
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, 0, 0);
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL *c = NULL;
    SSL *s = NULL;
    char buf[16];
    int i;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL && make_pair(cctx, sctx, &c, &s));
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    for (i = 0; i < 20 && !SSL_is_init_finished(c); i++) {
        int w = SSL_write(c, "early", 5);

        if (w == 5)
            break;
        CHECK_INT(w, ==, -1);
        CHECK(SSL_get_error(c, w) == SSL_ERROR_WANT_READ);
        (void)SSL_read(s, buf, sizeof(buf));
    }
    CHECK(SSL_is_init_finished(c));
    for (i = 0; i < 20; i++) {
        int r = SSL_read(s, buf, sizeof(buf));

        if (r > 0) {
            CHECK_INT(r, ==, 5);
            CHECK(memcmp(buf, "early", 5) == 0);
            break;
        }
        CHECK(SSL_get_error(s, r) == SSL_ERROR_WANT_READ);
    }
    CHECK(i < 20);
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    return ok;
}

/* The largest record in a stream of TLS records, 0 if it is not one. */
/* The longest record body in a run of whole records (0 if it is not one),
 * and how many there are. */
static size_t largest_record_of(const unsigned char *p, size_t len, size_t *count)
{
    size_t largest = 0;

    *count = 0;
    while (len >= 5) {
        size_t body = ((size_t)p[3] << 8) | p[4];

        if (body + 5 > len)
            return 0;
        if (body > largest)
            largest = body;
        ++*count;
        p += body + 5;
        len -= body + 5;
    }
    return len == 0 ? largest : 0;
}

/* A TLS 1.2 client that asks for 4096-byte fragments gets records no
 * larger (plus the cipher's overhead) from the server; a mode that does
 * not exist is refused. */
/* The server writes len bytes through a memory BIO, where its records are
 * measured (the longest body, how many), then on to the client, which must
 * read them all back. 1 when it does. */
static int server_write_measured(SSL *c, SSL *s, size_t len, size_t *largest, size_t *count)
{
    static unsigned char data[10000];
    static unsigned char got[sizeof(data)];
    BIO *wire = BIO_new(BIO_s_mem());
    char *records;
    long records_len;
    size_t n = 0;
    int ok = 0;

    CHECK(wire != NULL && len <= sizeof(data));
    memset(data, 'm', len);
    BIO_up_ref(wire);
    SSL_set0_wbio(s, wire);
    CHECK_INT(SSL_write(s, data, (int)len), ==, (int)len);
    records_len = BIO_get_mem_data(wire, &records);
    CHECK(records_len > (long)len);
    *largest = largest_record_of((const unsigned char *)records, (size_t)records_len, count);
    CHECK_INT(BIO_write(SSL_get_rbio(s), records, (int)records_len), ==, (int)records_len);
    while (n < len) {
        int r = SSL_read(c, got + n, (int)(len - n));

        CHECK(r > 0);
        n += (size_t)r;
    }
    CHECK(memcmp(got, data, len) == 0);
    ok = 1;
out:
    BIO_free(wire);
    return ok;
}

static int max_fragment_length(void)
{
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, TLS1_2_VERSION, TLS1_2_VERSION);
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL *c = NULL;
    SSL *s = NULL;
    size_t largest = 0;
    size_t count = 0;
    struct side cr;
    struct side sr;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL);
    CHECK_INT(SSL_CTX_set_tlsext_max_fragment_length(cctx, 5), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_SSL3_EXT_INVALID_MAX_FRAGMENT_LENGTH);
    CHECK_INT(SSL_CTX_set_tlsext_max_fragment_length(cctx, TLSEXT_max_fragment_length_DISABLED),
              ==, 1);
    CHECK_INT(SSL_CTX_set_tlsext_max_fragment_length(cctx, TLSEXT_max_fragment_length_4096), ==,
              1);
    CHECK(make_pair(cctx, sctx, &c, &s));
    CHECK_INT(SSL_set_tlsext_max_fragment_length(c, 0xff), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_SSL3_EXT_INVALID_MAX_FRAGMENT_LENGTH);
    CHECK(drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK(server_write_measured(c, s, 10000, &largest, &count));
    CHECK_INT(largest, >, 4000);
    CHECK_INT(largest, <=, 4096 + 256);
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    return ok;
}

/* SSL_CTX_set_max_send_fragment: a 10000-byte write leaves in records of
 * at most 1000 bytes of data, ten of them (TLS 1.2: nothing else is sent
 * after the handshake); OpenSSL's bounds are 512 and 16384, and a larger
 * value asked for later does not lengthen records again (OpenSSL's split
 * fragment only goes down). */
static int max_send_fragment(void)
{
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, TLS1_2_VERSION, TLS1_2_VERSION);
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL *c = NULL;
    SSL *s = NULL;
    size_t largest = 0;
    size_t count = 0;
    struct side cr;
    struct side sr;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL);
    CHECK_INT(SSL_CTX_set_max_send_fragment(cctx, 511), ==, 0);
    CHECK_INT(SSL_CTX_set_max_send_fragment(cctx, 16385), ==, 0);
    CHECK_INT(SSL_CTX_set_max_send_fragment(cctx, 16384), ==, 1);
    CHECK_INT(SSL_CTX_set_max_send_fragment(sctx, 1000), ==, 1);
    SSL_CTX_set_default_read_buffer_len(cctx, 4096);
    CHECK(make_pair(cctx, sctx, &c, &s));
    CHECK_INT(SSL_set_max_send_fragment(s, 4000), ==, 1);
    CHECK_INT(SSL_set_max_send_fragment(s, 100), ==, 0);
    SSL_set_default_read_buffer_len(c, 4096);
    CHECK(drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK(server_write_measured(c, s, 10000, &largest, &count));
    CHECK_INT(largest, >=, 1000);
    CHECK_INT(largest, <=, 1000 + 256);
    CHECK_INT(count, ==, 10);
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"partial reads, peek, pending, TLS 1.2", partial_reads_tls12},
        {"partial reads, peek, pending, TLS 1.3", partial_reads_tls13},
        {"peek part of a record, then read it whole", peek_then_read_whole_record},
        {"_ex forms and zero lengths", ex_forms_and_zero_lengths},
        {"one record per read", one_record_per_read},
        {"1 MiB through a 4 KiB pair with retries, TLS 1.2", large_transfer_tls12},
        {"1 MiB through a 4 KiB pair with retries, TLS 1.3", large_transfer_tls13},
        {"partial write mode", partial_write_mode},
        {"write retry: same call", write_retry_same},
        {"write retry: shorter is fatal BAD_LENGTH", write_retry_shorter},
        {"write retry: longer goes on", write_retry_longer},
        {"write retry: other buffer is fatal BAD_WRITE_RETRY", write_retry_other_buffer},
        {"write retry: other buffer with the moving-buffer mode", write_retry_moving_buffer},
        {"unexpected EOF is an error", eof_is_an_error},
        {"unexpected EOF with SSL_OP_IGNORE_UNEXPECTED_EOF", eof_ignored_with_option},
        {"read after a fatal alert, TLS 1.2", fatal_alert_tls12},
        {"read after a fatal alert, TLS 1.3", fatal_alert_tls13},
        {"implicit handshake from SSL_write and SSL_read", implicit_handshake},
        {"maximum fragment length asked for by a TLS 1.2 client", max_fragment_length},
        {"records no longer than SSL_set_max_send_fragment", max_send_fragment},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
