/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The TLS extensions an mbedTLS build may leave out (ALPN, session tickets,
 * server name indication, keying-material export): each call that needs
 * one works when mbedTLS has it, and otherwise links, fails with one
 * ERR_R_UNSUPPORTED on the queue and leaves handshakes working. The preset
 * "without-extensions" runs it on an mbedTLS without all four.
 */
#include <mbedtls/build_info.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>

#include "testlib.h"

/* The call's answer was failed_value, and exactly one ERR_R_UNSUPPORTED
 * was queued; when the extension is there, the answer was ok_value and
 * nothing was queued. */
static int answers(long value, int present, long ok_value, long failed_value)
{
    unsigned long e = ERR_get_error();

    if (present)
        return value == ok_value && e == 0;
    return value == failed_value && ERR_GET_REASON(e) == ERR_R_UNSUPPORTED && ERR_get_error() == 0;
}

#if defined(MBEDTLS_SSL_ALPN)
#define HAVE_ALPN 1
#else
#define HAVE_ALPN 0
#endif
#if defined(MBEDTLS_SSL_SESSION_TICKETS)
#define HAVE_TICKETS 1
#else
#define HAVE_TICKETS 0
#endif
#if defined(MBEDTLS_SSL_SERVER_NAME_INDICATION)
#define HAVE_SNI 1
#else
#define HAVE_SNI 0
#endif
#if defined(MBEDTLS_SSL_KEYING_MATERIAL_EXPORT)
#define HAVE_EXPORT 1
#else
#define HAVE_EXPORT 0
#endif

static int servername_cb(SSL *s, int *al, void *arg)
{
    (void)s, (void)al, (void)arg;
    return SSL_TLSEXT_ERR_OK;
}

static int ticket_key_cb(SSL *s, unsigned char *name, unsigned char *iv, EVP_CIPHER_CTX *cipher,
                         EVP_MAC_CTX *mac, int enc)
{
    (void)s, (void)name, (void)iv, (void)cipher, (void)mac, (void)enc;
    return 0;
}

/* The setters, each on its own context or connection. */
static int setters(void)
{
    static const unsigned char h2[] = {2, 'h', '2'};
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = ctx != NULL ? SSL_new(ctx) : NULL;
    int ok = 0;

    CHECK(s != NULL);
    ERR_clear_error();
    /* OpenSSL's ALPN setters answer 0 on success. */
    CHECK(answers(SSL_CTX_set_alpn_protos(ctx, h2, sizeof(h2)), HAVE_ALPN, 0, 1));
    CHECK(answers(SSL_set_alpn_protos(s, h2, sizeof(h2)), HAVE_ALPN, 0, 1));
    CHECK(answers(SSL_CTX_set_tlsext_ticket_key_evp_cb(ctx, ticket_key_cb), HAVE_TICKETS, 1, 0));
    CHECK(answers(SSL_CTX_set_tlsext_servername_callback(ctx, servername_cb), HAVE_SNI, 1, 0));
    CHECK(answers(SSL_set_tlsext_host_name(s, "localhost"), HAVE_SNI, 1, 0));
    /* Clearing the name is no use of the extension. */
    CHECK(answers(SSL_set_tlsext_host_name(s, NULL), 1, 1, 0));
    ok = 1;
out:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

/* A TLS 1.2 handshake, then one resuming its session (from the server's
 * cache by session id when there are no tickets); the exporter after
 * each. */
static int handshakes(void)
{
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, TLS1_2_VERSION);
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, 0, TLS1_2_VERSION);
    SSL *c = NULL;
    SSL *s = NULL;
    SSL_SESSION *sess = NULL;
    struct side cr;
    struct side sr;
    unsigned char key[32];
    int ok = 0;

    CHECK(sctx != NULL && cctx != NULL && make_pair(cctx, sctx, &c, &s));
    CHECK(drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK(answers(SSL_export_keying_material(c, key, sizeof(key), "label", 5, NULL, 0, 0),
                  HAVE_EXPORT, 1, 0));
    CHECK((sess = SSL_get1_session(c)) != NULL);
    /* Closed cleanly: a session whose connection just goes is forgotten. */
    CHECK_INT(SSL_shutdown(c), ==, 0);
    CHECK_INT(SSL_shutdown(s), ==, 0);
    free_pair(c, s, NULL, NULL);
    c = s = NULL;
    CHECK(make_pair(cctx, sctx, &c, &s));
    CHECK_INT(SSL_set_session(c, sess), ==, 1);
    CHECK(drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK_INT(SSL_session_reused(c), ==, 1);
    CHECK_INT(SSL_session_reused(s), ==, 1);
    ok = 1;
out:
    SSL_SESSION_free(sess);
    free_pair(c, s, cctx, sctx);
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"setters of the extensions", setters},
        {"handshakes with or without them", handshakes},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
