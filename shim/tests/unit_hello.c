/* SPDX-License-Identifier: Apache-2.0 */
/* shim/hello.c: versions offered by a ClientHello, secure renegotiation in
 * a ServerHello, and malformed input of every length. */
#include <string.h>

#include "internal.h"
#include "testlib.h"

/* A ClientHello handshake message (record header removed) from our client
 * with the given maximum version. */
static int make_hello(int max_version, unsigned char *out, size_t cap, size_t *len)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL *s = ctx != NULL ? SSL_new(ctx) : NULL;
    BIO *in = BIO_new(BIO_s_mem());
    BIO *wr = BIO_new(BIO_s_mem());
    unsigned char record[4096];
    int n = 0;

    if (s != NULL && in != NULL && wr != NULL) {
        SSL_set_bio(s, in, wr);
        in = wr = NULL;
        SSL_set_max_proto_version(s, max_version);
        (void)SSL_connect(s);
        n = BIO_read(SSL_get_wbio(s), record, sizeof(record));
    }
    BIO_free(in);
    BIO_free(wr);
    SSL_free(s);
    SSL_CTX_free(ctx);
    ERR_clear_error();
    if (n <= 5 || (size_t)n - 5 > cap)
        return 0;
    memcpy(out, record + 5, (size_t)n - 5);
    *len = (size_t)n - 5;
    return 1;
}

static int offered_versions(void)
{
    unsigned char hello[4096];
    size_t len;
    int ok = 0;

    CHECK(make_hello(TLS1_3_VERSION, hello, sizeof(hello), &len));
    CHECK_INT(shim_client_hello_versions_overlap(hello, len, TLS1_2_VERSION, TLS1_3_VERSION), ==,
              1);
    CHECK_INT(shim_client_hello_versions_overlap(hello, len, TLS1_3_VERSION, TLS1_3_VERSION), ==,
              1);
    CHECK(make_hello(TLS1_2_VERSION, hello, sizeof(hello), &len));
    CHECK_INT(shim_client_hello_versions_overlap(hello, len, TLS1_3_VERSION, TLS1_3_VERSION), ==,
              0);
    CHECK_INT(shim_client_hello_versions_overlap(hello, len, TLS1_2_VERSION, TLS1_2_VERSION), ==,
              1);
    ok = 1;
out:
    return ok;
}

/* Every prefix and every single-byte change of a real hello: an answer,
 * never a read out of bounds (the sanitizer build checks that). */
static int malformed_hellos(void)
{
    unsigned char hello[4096];
    unsigned char copy[4096];
    size_t len;
    size_t i;
    int ok = 0;

    CHECK(make_hello(TLS1_3_VERSION, hello, sizeof(hello), &len));
    for (i = 0; i < len; i++) {
        int r = shim_client_hello_versions_overlap(hello, i, TLS1_2_VERSION, TLS1_3_VERSION);

        CHECK(r >= -1 && r <= 1);
    }
    for (i = 0; i < len; i++) {
        int r;

        memcpy(copy, hello, len);
        copy[i] ^= 0xFF;
        r = shim_client_hello_versions_overlap(copy, len, TLS1_2_VERSION, TLS1_3_VERSION);
        CHECK(r >= -1 && r <= 1);
    }
    CHECK_INT(shim_client_hello_versions_overlap(hello, 0, TLS1_2_VERSION, TLS1_3_VERSION), ==, -1);
    ok = 1;
out:
    return ok;
}

/* The server's first handshake message for a client capped at version. */
static int make_server_hello(int version, unsigned char *out, size_t cap, size_t *len)
{
    SSL_CTX *cctx = SSL_CTX_new(TLS_client_method());
    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method());
    SSL *c = NULL;
    SSL *s = NULL;
    unsigned char record[8192];
    int n = 0;

    if (cctx == NULL || sctx == NULL ||
        SSL_CTX_use_certificate_file(sctx, cert_path("server.pem"), SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_use_PrivateKey_file(sctx, cert_path("server.key"), SSL_FILETYPE_PEM) != 1 ||
        !make_pair(cctx, sctx, &c, &s))
        goto done;
    SSL_set_max_proto_version(c, version);
    (void)SSL_connect(c);
    (void)SSL_accept(s);
    n = BIO_read(SSL_get_rbio(c), record, sizeof(record));
done:
    free_pair(c, s, cctx, sctx);
    ERR_clear_error();
    if (n <= 5 || record[0] != 22 || (size_t)n - 5 > cap)
        return 0;
    memcpy(out, record + 5, (size_t)n - 5);
    *len = (size_t)n - 5;
    return 1;
}

static int server_hello_renegotiation_info(void)
{
    static const unsigned char legacy[] = {
        0x02, 0x00, 0x00, 0x26, 0x03, 0x03, 1,    2,    3, 4, 5, 6, 7, 8, 9, 10,
        11,   12,   13,   14,   15,   16,   17,   18,   19, 20, 21, 22, 23, 24, 25, 26,
        27,   28,   29,   30,   31,   32,   0x00, 0xc0, 0x2b, 0x00};
    unsigned char hello[8192];
    size_t len;
    size_t i;
    int ok = 0;

    CHECK_INT(shim_server_hello_is_legacy(legacy, sizeof(legacy)), ==, 1);
    for (i = 0; i < sizeof(legacy); i++) {
        int r = shim_server_hello_is_legacy(legacy, i);

        CHECK(r >= -1 && r <= 1);
    }
    /* Our own server answers with renegotiation_info in TLS 1.2... */
    CHECK(make_server_hello(TLS1_2_VERSION, hello, sizeof(hello), &len));
    CHECK_INT(shim_server_hello_is_legacy(hello, len), ==, 0);
    /* ...and TLS 1.3 has no renegotiation at all. */
    CHECK(make_server_hello(TLS1_3_VERSION, hello, sizeof(hello), &len));
    CHECK_INT(shim_server_hello_is_legacy(hello, len), ==, 0);
    for (i = 0; i < len; i++) {
        int r = shim_server_hello_is_legacy(hello, i);

        CHECK(r >= -1 && r <= 1);
    }
    /* Not a ServerHello. */
    CHECK_INT(shim_server_hello_is_legacy(hello + 1, len - 1), ==, -1);
    ok = 1;
out:
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"versions offered", offered_versions},
        {"malformed hellos", malformed_hellos},
        {"ServerHello: secure renegotiation", server_hello_renegotiation_info},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
