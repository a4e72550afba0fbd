/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Certificate verification as OpenSSL does it: the client verifies the
 * server (untrusted, self-signed, expired, wrong host) with SSL_VERIFY_PEER,
 * which fails the handshake, and with SSL_VERIFY_NONE, which completes it
 * and still reports the result; a verify callback that overrides; and the
 * server's view of client certificates.
 */
#include <string.h>

#include "testlib.h"

struct verify_case {
    const char *server_cert;
    const char *server_key;
    const char *cafile; /* NULL: the client trusts nothing */
    const char *host;   /* NULL: no host name check */
    int version;
    int verify_mode;
    SSL_verify_cb callback;
    long want_result; /* SSL_get_verify_result() on the client */
};

/* Runs a client/server handshake and checks OpenSSL's outcome: with
 * SSL_VERIFY_PEER and a bad result the client fails with
 * SSL_R_CERTIFICATE_VERIFY_FAILED and the server sees an alert; otherwise
 * both complete. */
static int run_verify(const struct verify_case *vc)
{
    SSL_CTX *cctx = client_ctx(vc->cafile, vc->verify_mode, vc->version, vc->version);
    SSL_CTX *sctx = server_ctx(vc->server_cert, vc->server_key, vc->version, vc->version);
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr;
    struct side sr;
    int expect_failure;
    int completed;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL && make_pair(cctx, sctx, &c, &s));
    if (vc->callback != NULL)
        SSL_set_verify(c, vc->verify_mode, vc->callback);
    CHECK(SSL_set_tlsext_host_name(c, "localhost") == 1);
    if (vc->host != NULL)
        CHECK(SSL_set1_host(c, vc->host) == 1);
    /* Nothing verified yet: OpenSSL reports X509_V_OK. */
    CHECK_INT(SSL_get_verify_result(c), ==, X509_V_OK);
    completed = drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL);
    expect_failure = (vc->verify_mode & SSL_VERIFY_PEER) && vc->want_result != X509_V_OK &&
                     vc->callback == NULL;
    CHECK_INT(SSL_get_verify_result(c), ==, vc->want_result);
    if (!expect_failure) {
        CHECK(completed);
        ok = 1;
        goto out;
    }
    CHECK(!completed);
    CHECK_INT(cr.ret, ==, -1);
    CHECK_INT(cr.err, ==, SSL_ERROR_SSL);
    CHECK_INT(ERR_GET_LIB(cr.code), ==, ERR_LIB_SSL);
    CHECK_INT(ERR_GET_REASON(cr.code), ==, SSL_R_CERTIFICATE_VERIFY_FAILED);
    /* The server learns of it from the client's alert. */
    CHECK_INT(sr.ret, ==, -1);
    CHECK_INT(sr.err, ==, SSL_ERROR_SSL);
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    return ok;
}

#define VERIFY_CASE(fn, cert, key, ca, host, version, mode, cb, result)                     \
    static int fn(void)                                                                     \
    {                                                                                       \
        static const struct verify_case vc = {cert, key, ca, host, version, mode, cb, result}; \
        return run_verify(&vc);                                                             \
    }

#define T12 TLS1_2_VERSION
#define T13 TLS1_3_VERSION
#define PEER SSL_VERIFY_PEER
#define NONE SSL_VERIFY_NONE

/* Accepts every certificate, as many legacy programs do. */
static int accept_all(int preverify_ok, X509_STORE_CTX *ctx)
{
    (void)preverify_ok;
    (void)ctx;
    return 1;
}

/* Refuses every certificate, even a good one. */
static int refuse_all(int preverify_ok, X509_STORE_CTX *ctx)
{
    (void)preverify_ok;
    (void)ctx;
    return 0;
}

VERIFY_CASE(good_peer_tls12, "server.pem", "server.key", "ca.pem", "localhost", T12, PEER, NULL,
            X509_V_OK)
VERIFY_CASE(good_peer_tls13, "server.pem", "server.key", "ca.pem", "localhost", T13, PEER, NULL,
            X509_V_OK)
VERIFY_CASE(good_peer_ip_host, "server.pem", "server.key", "ca.pem", "127.0.0.1", T13, PEER, NULL,
            X509_V_OK)
VERIFY_CASE(untrusted_peer_tls12, "untrusted.pem", "server.key", "ca.pem", NULL, T12, PEER, NULL,
            X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY)
VERIFY_CASE(untrusted_peer_tls13, "untrusted.pem", "server.key", "ca.pem", NULL, T13, PEER, NULL,
            X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY)
VERIFY_CASE(untrusted_none_tls13, "untrusted.pem", "server.key", "ca.pem", NULL, T13, NONE, NULL,
            X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY)
VERIFY_CASE(no_ca_peer_tls13, "server.pem", "server.key", NULL, NULL, T13, PEER, NULL,
            X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY)
VERIFY_CASE(selfsigned_peer_tls12, "selfsigned.pem", "selfsigned.key", "ca.pem", NULL, T12, PEER,
            NULL, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT)
VERIFY_CASE(selfsigned_none_tls12, "selfsigned.pem", "selfsigned.key", "ca.pem", NULL, T12, NONE,
            NULL, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT)
VERIFY_CASE(expired_peer_tls12, "expired.pem", "server.key", "ca.pem", NULL, T12, PEER, NULL,
            X509_V_ERR_CERT_HAS_EXPIRED)
VERIFY_CASE(expired_peer_tls13, "expired.pem", "server.key", "ca.pem", NULL, T13, PEER, NULL,
            X509_V_ERR_CERT_HAS_EXPIRED)
VERIFY_CASE(expired_none_tls13, "expired.pem", "server.key", "ca.pem", NULL, T13, NONE, NULL,
            X509_V_ERR_CERT_HAS_EXPIRED)
VERIFY_CASE(wrong_host_peer_tls12, "server.pem", "server.key", "ca.pem", "wrong.example", T12, PEER,
            NULL, X509_V_ERR_HOSTNAME_MISMATCH)
VERIFY_CASE(wrong_host_peer_tls13, "server.pem", "server.key", "ca.pem", "wrong.example", T13, PEER,
            NULL, X509_V_ERR_HOSTNAME_MISMATCH)
VERIFY_CASE(wrong_host_none_tls13, "server.pem", "server.key", "ca.pem", "wrong.example", T13, NONE,
            NULL, X509_V_ERR_HOSTNAME_MISMATCH)
VERIFY_CASE(wrong_ip_peer_tls13, "server.pem", "server.key", "ca.pem", "127.0.0.2", T13, PEER,
            NULL, X509_V_ERR_IP_ADDRESS_MISMATCH)
VERIFY_CASE(not_yet_valid_peer_tls13, "future.pem", "server.key", "ca.pem", NULL, T13, PEER, NULL,
            X509_V_ERR_CERT_NOT_YET_VALID)
VERIFY_CASE(not_yet_valid_none_tls12, "future.pem", "server.key", "ca.pem", NULL, T12, NONE, NULL,
            X509_V_ERR_CERT_NOT_YET_VALID)
/* Without a SAN the common name is the host name. */
VERIFY_CASE(cn_only_peer, "cnonly.pem", "server.key", "ca.pem", "localhost", T13, PEER, NULL,
            X509_V_OK)
VERIFY_CASE(cn_only_wrong_host, "cnonly.pem", "server.key", "ca.pem", "other.example", T13, PEER,
            NULL, X509_V_ERR_HOSTNAME_MISMATCH)
VERIFY_CASE(wildcard_matches, "wildcard.pem", "server.key", "ca.pem", "a.example.test", T13, PEER,
            NULL, X509_V_OK)
VERIFY_CASE(wildcard_not_the_parent, "wildcard.pem", "server.key", "ca.pem", "example.test", T13,
            PEER, NULL, X509_V_ERR_HOSTNAME_MISMATCH)
VERIFY_CASE(wildcard_one_label_only, "wildcard.pem", "server.key", "ca.pem", "a.b.example.test",
            T13, PEER, NULL, X509_V_ERR_HOSTNAME_MISMATCH)
/* The leaf of an intermediate sent alone. */
VERIFY_CASE(missing_intermediate, "chained.pem", "chained.key", "ca.pem", NULL, T13, PEER, NULL,
            X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY)
VERIFY_CASE(rsa_peer_tls12, "rsa-server.pem", "rsa.key", "ca.pem", "localhost", T12, PEER, NULL,
            X509_V_OK)
VERIFY_CASE(rsa_peer_tls13, "rsa-server.pem", "rsa.key", "ca.pem", "localhost", T13, PEER, NULL,
            X509_V_OK)
VERIFY_CASE(p384_peer_tls12, "p384-server.pem", "p384.key", "ca.pem", "localhost", T12, PEER, NULL,
            X509_V_OK)
VERIFY_CASE(p384_peer_tls13, "p384-server.pem", "p384.key", "ca.pem", "localhost", T13, PEER, NULL,
            X509_V_OK)

/* OpenSSL goes on past the accepted error and reports the leaf's signature
 * as unverifiable too. */
VERIFY_CASE(callback_accepts_untrusted, "untrusted.pem", "server.key", "ca.pem", NULL, T13, PEER,
            accept_all, X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE)

/* A callback that refuses a good certificate fails the handshake. */
static int callback_refuses_good(void)
{
    SSL_CTX *cctx = client_ctx("ca.pem", SSL_VERIFY_PEER, 0, 0);
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr;
    struct side sr;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL && make_pair(cctx, sctx, &c, &s));
    SSL_set_verify(c, SSL_VERIFY_PEER, refuse_all);
    CHECK(!drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK_INT(cr.err, ==, SSL_ERROR_SSL);
    CHECK_INT(ERR_GET_REASON(cr.code), ==, SSL_R_CERTIFICATE_VERIFY_FAILED);
    /* OpenSSL's safety net: a failed verification always has a reason. */
    CHECK_INT(SSL_get_verify_result(c), ==, X509_V_ERR_UNSPECIFIED);
    CHECK_INT(sr.err, ==, SSL_ERROR_SSL);
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    return ok;
}

/* ---- The server's view of client certificates ---------------------------------- */

/* client_cert NULL: the client has no certificate. */
static int client_auth(int version, int server_mode, const char *client_cert,
                       const char *client_key, int want_ok, int server_reason)
{
    SSL_CTX *cctx = client_ctx("ca.pem", SSL_VERIFY_PEER, version, version);
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", version, version);
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr;
    struct side sr;
    int completed;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL);
    CHECK(SSL_CTX_load_verify_locations(sctx, cert_path("ca.pem"), NULL) == 1);
    SSL_CTX_set_verify(sctx, server_mode, NULL);
    if (client_cert != NULL) {
        CHECK(SSL_CTX_use_certificate_file(cctx, cert_path(client_cert), SSL_FILETYPE_PEM) == 1);
        CHECK(SSL_CTX_use_PrivateKey_file(cctx, cert_path(client_key), SSL_FILETYPE_PEM) == 1);
    }
    CHECK(make_pair(cctx, sctx, &c, &s));
    completed = drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL);
    if (want_ok) {
        CHECK(completed);
        CHECK_INT(SSL_get_verify_result(s), ==, X509_V_OK);
    } else {
        /* In TLS 1.3 the client may finish before it hears the server
         * refuse; the server's failure is the one that must show. */
        CHECK(!completed);
        CHECK_INT(sr.ret, ==, -1);
        CHECK_INT(sr.err, ==, SSL_ERROR_SSL);
        CHECK_INT(ERR_GET_REASON(sr.code), ==, server_reason);
    }
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    return ok;
}

static int server_peer_accepts_missing_cert_tls12(void)
{
    return client_auth(T12, SSL_VERIFY_PEER, NULL, NULL, 1, 0);
}

static int server_peer_accepts_missing_cert_tls13(void)
{
    return client_auth(T13, SSL_VERIFY_PEER, NULL, NULL, 1, 0);
}

static int server_requires_cert_tls12(void)
{
    return client_auth(T12, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL, NULL, 0,
                       SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE);
}

static int server_requires_cert_tls13(void)
{
    return client_auth(T13, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL, NULL, 0,
                       SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE);
}

static int server_accepts_good_client_cert(void)
{
    return client_auth(T13, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, "client.pem",
                       "client.key", 1, 0);
}

/* A certificate whose extended key usage is serverAuth only, presented by
 * a client: the server finds the purpose wrong. (The other way round is
 * not tested: an mbedTLS server will not present a client-only
 * certificate at all; see docs/parity.md.) */
static int client_with_server_cert(int version)
{
    SSL_CTX *cctx = client_ctx("ca.pem", SSL_VERIFY_PEER, version, version);
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", version, version);
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr;
    struct side sr;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL);
    CHECK(SSL_CTX_load_verify_locations(sctx, cert_path("ca.pem"), NULL) == 1);
    SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER, NULL);
    CHECK(SSL_CTX_use_certificate_file(cctx, cert_path("server.pem"), SSL_FILETYPE_PEM) == 1);
    CHECK(SSL_CTX_use_PrivateKey_file(cctx, cert_path("server.key"), SSL_FILETYPE_PEM) == 1);
    CHECK(make_pair(cctx, sctx, &c, &s));
    CHECK(!drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK_INT(sr.ret, ==, -1);
    CHECK_INT(ERR_GET_REASON(sr.code), ==, SSL_R_CERTIFICATE_VERIFY_FAILED);
    CHECK_INT(SSL_get_verify_result(s), ==, X509_V_ERR_INVALID_PURPOSE);
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    return ok;
}

static int client_with_server_cert_tls12(void)
{
    return client_with_server_cert(T12);
}

static int client_with_server_cert_tls13(void)
{
    return client_with_server_cert(T13);
}

static int server_refuses_untrusted_client_cert_tls12(void)
{
    return client_auth(T12, SSL_VERIFY_PEER, "untrusted.pem", "server.key", 0,
                       SSL_R_CERTIFICATE_VERIFY_FAILED);
}

static int server_refuses_untrusted_client_cert_tls13(void)
{
    return client_auth(T13, SSL_VERIFY_PEER, "untrusted.pem", "server.key", 0,
                       SSL_R_CERTIFICATE_VERIFY_FAILED);
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"good certificate, PEER, TLS 1.2", good_peer_tls12},
        {"good certificate, PEER, TLS 1.3", good_peer_tls13},
        {"good certificate, PEER, IP address as host", good_peer_ip_host},
        {"untrusted, PEER, TLS 1.2", untrusted_peer_tls12},
        {"untrusted, PEER, TLS 1.3", untrusted_peer_tls13},
        {"untrusted, NONE completes and reports", untrusted_none_tls13},
        {"no CA loaded, PEER", no_ca_peer_tls13},
        {"self-signed, PEER, TLS 1.2", selfsigned_peer_tls12},
        {"self-signed, NONE completes and reports", selfsigned_none_tls12},
        {"expired, PEER, TLS 1.2", expired_peer_tls12},
        {"expired, PEER, TLS 1.3", expired_peer_tls13},
        {"expired, NONE completes and reports", expired_none_tls13},
        {"wrong host, PEER, TLS 1.2", wrong_host_peer_tls12},
        {"wrong host, PEER, TLS 1.3", wrong_host_peer_tls13},
        {"wrong host, NONE completes and reports", wrong_host_none_tls13},
        {"wrong IP address, PEER", wrong_ip_peer_tls13},
        {"not yet valid, PEER", not_yet_valid_peer_tls13},
        {"not yet valid, NONE completes and reports", not_yet_valid_none_tls12},
        {"no SAN: the common name counts", cn_only_peer},
        {"no SAN: the common name does not match", cn_only_wrong_host},
        {"server-only certificate from a client, TLS 1.2", client_with_server_cert_tls12},
        {"server-only certificate from a client, TLS 1.3", client_with_server_cert_tls13},
        {"wildcard matches one label", wildcard_matches},
        {"wildcard does not match the parent domain", wildcard_not_the_parent},
        {"wildcard does not match two labels", wildcard_one_label_only},
        {"intermediate not sent", missing_intermediate},
        {"RSA-2048 server, TLS 1.2", rsa_peer_tls12},
        {"RSA-2048 server, TLS 1.3", rsa_peer_tls13},
        {"ECDSA P-384 server, TLS 1.2", p384_peer_tls12},
        {"ECDSA P-384 server, TLS 1.3", p384_peer_tls13},
        {"callback accepts an untrusted certificate", callback_accepts_untrusted},
        {"callback refuses a good certificate", callback_refuses_good},
        {"server PEER: no client certificate is fine, TLS 1.2",
         server_peer_accepts_missing_cert_tls12},
        {"server PEER: no client certificate is fine, TLS 1.3",
         server_peer_accepts_missing_cert_tls13},
        {"server FAIL_IF_NO_PEER_CERT: none sent, TLS 1.2", server_requires_cert_tls12},
        {"server FAIL_IF_NO_PEER_CERT: none sent, TLS 1.3", server_requires_cert_tls13},
        {"server accepts a good client certificate", server_accepts_good_client_cert},
        {"server refuses an untrusted client certificate, TLS 1.2",
         server_refuses_untrusted_client_cert_tls12},
        {"server refuses an untrusted client certificate, TLS 1.3",
         server_refuses_untrusted_client_cert_tls13},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
