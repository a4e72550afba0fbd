/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Non-blocking handshakes in one process: over a BIO pair and over two
 * memory BIOs pumped by hand, for TLS 1.2 and TLS 1.3, with SSL_connect /
 * SSL_accept and with SSL_do_handshake after setting the role.
 */
#include <string.h>

#include "testlib.h"

/* Writes msg on one side and reads it back on the other, with pump()
 * moving bytes in between when the transport needs it. */
static int exchange(SSL *from, SSL *to, const char *msg, void (*pump)(void *), void *arg)
{
    char buf[64];
    int len = (int)strlen(msg);
    int n;
    int tries;

    if (SSL_write(from, msg, len) != len)
        return 0;
    for (tries = 0; tries < 4; tries++) {
        if (pump != NULL)
            pump(arg);
        n = SSL_read(to, buf, sizeof(buf));
        if (n > 0)
            return n == len && memcmp(buf, msg, (size_t)len) == 0;
        if (SSL_get_error(to, n) != SSL_ERROR_WANT_READ)
            return 0;
    }
    return 0;
}

struct mem_link {
    BIO *client_in;
    BIO *client_out;
    BIO *server_in;
    BIO *server_out;
};

static void pump_mem(void *arg)
{
    struct mem_link *l = arg;

    move_bytes(l->client_out, l->server_in);
    move_bytes(l->server_out, l->client_in);
}

/* The SSL objects over transport: a BIO pair, or four memory BIOs. */
static int setup(SSL_CTX *cctx, SSL_CTX *sctx, int use_mem, struct mem_link *link, SSL **c,
                 SSL **s)
{
    if (!use_mem)
        return make_pair(cctx, sctx, c, s);
    *c = SSL_new(cctx);
    *s = SSL_new(sctx);
    link->client_in = BIO_new(BIO_s_mem());
    link->client_out = BIO_new(BIO_s_mem());
    link->server_in = BIO_new(BIO_s_mem());
    link->server_out = BIO_new(BIO_s_mem());
    if (*c == NULL || *s == NULL || link->client_in == NULL || link->client_out == NULL ||
        link->server_in == NULL || link->server_out == NULL)
        return 0;
    SSL_set_bio(*c, link->client_in, link->client_out);
    SSL_set_bio(*s, link->server_in, link->server_out);
    return 1;
}

static int run_handshake(int version, int use_mem, int role_calls)
{
    struct mem_link link = {0};
    struct side cr;
    struct side sr;
    SSL_CTX *cctx = client_ctx("ca.pem", SSL_VERIFY_PEER, version, version);
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", version, version);
    SSL *c = NULL;
    SSL *s = NULL;
    void (*pump)(void *) = use_mem ? pump_mem : NULL;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL);
    CHECK(setup(cctx, sctx, use_mem, &link, &c, &s));
    CHECK(SSL_set_tlsext_host_name(c, "localhost") == 1);
    CHECK(SSL_set1_host(c, "localhost") == 1);
    CHECK(SSL_in_before(c) && SSL_in_init(c) && !SSL_is_init_finished(c));
    if (role_calls) {
        CHECK(drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, pump, &link));
    } else {
        SSL_set_connect_state(c);
        SSL_set_accept_state(s);
        CHECK(drive_handshake(c, hs_do_handshake, &cr, s, hs_do_handshake, &sr, pump, &link));
    }
    /* Non-blocking transport: both sides had to wait at least once. */
    CHECK_INT(cr.wants, >, 0);
    CHECK_INT(sr.wants, >, 0);
    CHECK(SSL_is_init_finished(c) && SSL_is_init_finished(s));
    CHECK(!SSL_in_init(c) && !SSL_in_before(s));
    CHECK_INT(SSL_version(c), ==, version);
    CHECK_INT(SSL_version(s), ==, version);
    CHECK(strcmp(SSL_get_version(c), version == TLS1_3_VERSION ? "TLSv1.3" : "TLSv1.2") == 0);
    CHECK(strcmp(SSL_get_cipher(c), SSL_get_cipher(s)) == 0);
    CHECK(strcmp(SSL_get_cipher(c), "(NONE)") != 0);
    CHECK_INT(SSL_get_verify_result(c), ==, X509_V_OK);
    CHECK(!SSL_is_server(c) && SSL_is_server(s));
    /* A handshake call after success returns 1 again. */
    CHECK_INT(SSL_do_handshake(c), ==, 1);
    CHECK_INT(role_calls ? SSL_accept(s) : SSL_do_handshake(s), ==, 1);
    CHECK(exchange(c, s, "ping from client", pump, &link));
    CHECK(exchange(s, c, "pong from server", pump, &link));
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    return ok;
}

/* One case: version, transport (0 BIO pair, 1 memory BIOs), role calls
 * (1 SSL_connect/SSL_accept, 0 SSL_do_handshake after setting the role). */
#define HANDSHAKE_CASE(fn, version, use_mem, role_calls) \
    static int fn(void)                                  \
    {                                                    \
        return run_handshake(version, use_mem, role_calls); \
    }

HANDSHAKE_CASE(pair_tls12_connect_accept, TLS1_2_VERSION, 0, 1)
HANDSHAKE_CASE(pair_tls13_connect_accept, TLS1_3_VERSION, 0, 1)
HANDSHAKE_CASE(pair_tls12_do_handshake, TLS1_2_VERSION, 0, 0)
HANDSHAKE_CASE(pair_tls13_do_handshake, TLS1_3_VERSION, 0, 0)
HANDSHAKE_CASE(mem_tls12_connect_accept, TLS1_2_VERSION, 1, 1)
HANDSHAKE_CASE(mem_tls13_connect_accept, TLS1_3_VERSION, 1, 1)
HANDSHAKE_CASE(mem_tls12_do_handshake, TLS1_2_VERSION, 1, 0)
HANDSHAKE_CASE(mem_tls13_do_handshake, TLS1_3_VERSION, 1, 0)

/* With no version bounds, TLS 1.3 is negotiated and the default suite is
 * OpenSSL's first choice. */
static int default_versions_negotiate_tls13(void)
{
    struct side cr;
    struct side sr;
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, 0, 0);
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL *c = NULL;
    SSL *s = NULL;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL && make_pair(cctx, sctx, &c, &s));
    /* Before the handshake: the highest version the method allows. */
    CHECK_INT(SSL_version(c), ==, TLS1_3_VERSION);
    CHECK(strcmp(SSL_get_version(c), "TLSv1.3") == 0);
    CHECK(SSL_get_current_cipher(c) == NULL);
    CHECK(drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK(strcmp(SSL_get_version(c), "TLSv1.3") == 0);
    CHECK(strcmp(SSL_get_cipher(c), "TLS_AES_256_GCM_SHA384") == 0);
    /* The client verified nothing, yet reports what verification found. */
    CHECK_INT(SSL_get_verify_result(c), ==, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    return ok;
}

/* TLSv1_2_method() speaks TLS 1.2 only, against a server that could do 1.3. */
static int legacy_tls12_method(void)
{
    struct side cr;
    struct side sr;
    SSL_CTX *cctx = SSL_CTX_new(TLSv1_2_client_method());
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL *c = NULL;
    SSL *s = NULL;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL && make_pair(cctx, sctx, &c, &s));
    CHECK(strcmp(SSL_get_version(c), "TLSv1.2") == 0);
    CHECK(drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK_INT(SSL_version(s), ==, TLS1_2_VERSION);
    CHECK(strcmp(SSL_get_cipher(c), "ECDHE-ECDSA-AES256-GCM-SHA384") == 0);
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"bio pair, TLS 1.2, SSL_connect/SSL_accept", pair_tls12_connect_accept},
        {"bio pair, TLS 1.3, SSL_connect/SSL_accept", pair_tls13_connect_accept},
        {"bio pair, TLS 1.2, SSL_do_handshake after setting the role", pair_tls12_do_handshake},
        {"bio pair, TLS 1.3, SSL_do_handshake after setting the role", pair_tls13_do_handshake},
        {"memory BIOs, TLS 1.2, SSL_connect/SSL_accept", mem_tls12_connect_accept},
        {"memory BIOs, TLS 1.3, SSL_connect/SSL_accept", mem_tls13_connect_accept},
        {"memory BIOs, TLS 1.2, SSL_do_handshake", mem_tls12_do_handshake},
        {"memory BIOs, TLS 1.3, SSL_do_handshake", mem_tls13_do_handshake},
        {"no bounds: TLS 1.3 with OpenSSL's first suite", default_versions_negotiate_tls13},
        {"TLSv1_2_client_method speaks TLS 1.2", legacy_tls12_method},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
