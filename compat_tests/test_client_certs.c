/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Client certificates beyond the verify modes: the CA names a server sends
 * in a TLS 1.2 CertificateRequest (none unless configured), the lists
 * themselves, and a client's certificate callback, including the one that
 * asks to be called again (SSL_ERROR_WANT_X509_LOOKUP).
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/pem.h>
#include <openssl/x509.h>

#include "testlib.h"

static X509 *load(const char *name)
{
    BIO *b = BIO_new_file(cert_path(name), "r");
    X509 *x = b != NULL ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;

    BIO_free(b);
    return x;
}

static EVP_PKEY *load_key(const char *name)
{
    BIO *b = BIO_new_file(cert_path(name), "r");
    EVP_PKEY *k = b != NULL ? PEM_read_bio_PrivateKey(b, NULL, NULL, NULL) : NULL;

    BIO_free(b);
    return k;
}

static int name_cn_is(const X509_NAME *name, const char *cn)
{
    char buf[64];

    return X509_NAME_get_text_by_NID(name, NID_commonName, buf, sizeof(buf)) > 0 &&
           strcmp(buf, cn) == 0;
}

/* ---- The lists ------------------------------------------------------------------- */

static int ca_lists(void)
{
    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method());
    STACK_OF(X509_NAME) *names = SSL_load_client_CA_file(cert_path("ca.pem"));
    STACK_OF(X509_NAME) *copy = NULL;
    X509 *other = load("other-ca.pem");
    SSL *s = NULL;
    int ok = 0;

    CHECK(sctx != NULL && names != NULL && other != NULL);
    CHECK_INT(sk_X509_NAME_num(names), ==, 1);
    CHECK(name_cn_is(sk_X509_NAME_value(names, 0), "Compat Test CA"));
    CHECK(SSL_load_client_CA_file(cert_path("missing.pem")) == NULL);
    ERR_clear_error();
    CHECK((copy = SSL_dup_CA_list(names)) != NULL);
    CHECK_INT(X509_NAME_cmp(sk_X509_NAME_value(copy, 0), sk_X509_NAME_value(names, 0)), ==, 0);
    CHECK_INT(sk_X509_NAME_num(SSL_CTX_get_client_CA_list(sctx)), ==, 0);
    SSL_CTX_set_client_CA_list(sctx, names);
    CHECK(SSL_CTX_get_client_CA_list(sctx) == names);
    names = NULL;
    CHECK_INT(SSL_CTX_add_client_CA(sctx, other), ==, 1);
    CHECK_INT(sk_X509_NAME_num(SSL_CTX_get_client_CA_list(sctx)), ==, 2);
    CHECK(name_cn_is(sk_X509_NAME_value(SSL_CTX_get_client_CA_list(sctx), 1), "Other Test CA"));
    /* A server connection uses its context's list unless given its own. */
    CHECK((s = SSL_new(sctx)) != NULL);
    CHECK(SSL_get_client_CA_list(s) == SSL_CTX_get_client_CA_list(sctx));
    SSL_set_client_CA_list(s, copy);
    CHECK(SSL_get_client_CA_list(s) == copy);
    copy = NULL;
    CHECK_INT(SSL_add_client_CA(s, other), ==, 1);
    CHECK_INT(sk_X509_NAME_num(SSL_get_client_CA_list(s)), ==, 2);
    ok = 1;
out:
    SSL_free(s);
    sk_X509_NAME_pop_free(names, X509_NAME_free);
    sk_X509_NAME_pop_free(copy, X509_NAME_free);
    X509_free(other);
    SSL_CTX_free(sctx);
    return ok;
}

/* ---- On the wire -------------------------------------------------------------------- */

/* A TLS 1.2 handshake over memory BIOs, keeping everything the server
 * sent (its CertificateRequest is in plaintext). */
static int handshake_capturing_server(SSL_CTX *cctx, SSL_CTX *sctx, char *seen, size_t size,
                                      size_t *seen_len)
{
    SSL *c = SSL_new(cctx);
    SSL *s = SSL_new(sctx);
    BIO *c_in = BIO_new(BIO_s_mem());
    BIO *c_out = BIO_new(BIO_s_mem());
    BIO *s_in = BIO_new(BIO_s_mem());
    BIO *s_out = BIO_new(BIO_s_mem());
    int rc = 0;
    int rs = 0;
    int turn;

    *seen_len = 0;
    if (c == NULL || s == NULL || c_in == NULL || c_out == NULL || s_in == NULL || s_out == NULL) {
        BIO_free(c_in);
        BIO_free(c_out);
        BIO_free(s_in);
        BIO_free(s_out);
        SSL_free(c);
        SSL_free(s);
        return 0;
    }
    SSL_set_bio(c, c_in, c_out);
    SSL_set_bio(s, s_in, s_out);
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    for (turn = 0; turn < 50 && (rc != 1 || rs != 1); turn++) {
        char buf[4096];
        int n;

        if (rc != 1)
            rc = SSL_do_handshake(c);
        move_bytes(c_out, s_in);
        if (rs != 1)
            rs = SSL_do_handshake(s);
        while ((n = BIO_read(s_out, buf, sizeof(buf))) > 0) {
            if (*seen_len + (size_t)n <= size) {
                memcpy(seen + *seen_len, buf, (size_t)n);
                *seen_len += (size_t)n;
            }
            BIO_write(c_in, buf, n);
        }
    }
    ERR_clear_error();
    SSL_free(c);
    SSL_free(s);
    return rc == 1 && rs == 1;
}

static int contains(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    size_t i;

    for (i = 0; i + n <= len; i++) {
        if (memcmp(hay + i, needle, n) == 0)
            return 1;
    }
    return 0;
}

static int ca_names_on_the_wire(void)
{
    SSL_CTX *cctx = client_ctx("ca.pem", SSL_VERIFY_PEER, TLS1_2_VERSION, TLS1_2_VERSION);
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", TLS1_2_VERSION, TLS1_2_VERSION);
    X509 *other = load("other-ca.pem");
    static char seen[16384];
    size_t seen_len;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL && other != NULL);
    /* The server trusts Other Test CA, and asks for a certificate. */
    CHECK_INT(SSL_CTX_load_verify_locations(sctx, cert_path("other-ca.pem"), NULL), ==, 1);
    SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER, NULL);
    CHECK(handshake_capturing_server(cctx, sctx, seen, sizeof(seen), &seen_len));
    /* Trusting a CA does not make its name part of the request. */
    CHECK(!contains(seen, seen_len, "Other Test CA"));
    CHECK_INT(SSL_CTX_add_client_CA(sctx, other), ==, 1);
    CHECK(handshake_capturing_server(cctx, sctx, seen, sizeof(seen), &seen_len));
    CHECK(contains(seen, seen_len, "Other Test CA"));
    ok = 1;
out:
    X509_free(other);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return ok;
}

/* ---- The client's certificate callback -------------------------------------------- */

static int cert_cb_calls;
static int cert_cb_defer; /* ask to be called again this many times first */

static int give_client_cert(SSL *ssl, X509 **x509, EVP_PKEY **pkey)
{
    (void)ssl;
    cert_cb_calls++;
    if (cert_cb_defer > 0) {
        cert_cb_defer--;
        return -1;
    }
    *x509 = load("client.pem");
    *pkey = load_key("client.key");
    return *x509 != NULL && *pkey != NULL;
}

static int client_cert_callback(int version, int defer)
{
    SSL_CTX *cctx = client_ctx("ca.pem", SSL_VERIFY_PEER, version, version);
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", version, version);
    SSL *c = NULL;
    SSL *s = NULL;
    int rc = 0;
    int rs = 0;
    int lookups = 0;
    int turn;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL);
    CHECK_INT(SSL_CTX_load_verify_locations(sctx, cert_path("ca.pem"), NULL), ==, 1);
    SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
    SSL_CTX_set_client_cert_cb(cctx, give_client_cert);
    CHECK(SSL_CTX_get_client_cert_cb(cctx) == give_client_cert);
    cert_cb_calls = 0;
    cert_cb_defer = defer;
    CHECK(make_pair(cctx, sctx, &c, &s));
    for (turn = 0; turn < 60 && (rc != 1 || rs != 1); turn++) {
        if (rc != 1) {
            rc = SSL_connect(c);
            if (rc < 0 && SSL_get_error(c, rc) == SSL_ERROR_WANT_X509_LOOKUP) {
                CHECK(SSL_want_x509_lookup(c));
                lookups++;
            }
        }
        if (rs != 1)
            rs = SSL_accept(s);
    }
    CHECK_INT(rc, ==, 1);
    CHECK_INT(rs, ==, 1);
    CHECK_INT(lookups, ==, defer);
    CHECK_INT(cert_cb_calls, ==, defer + 1);
    CHECK(SSL_get0_peer_certificate(s) != NULL);
    CHECK(name_cn_is(X509_get_subject_name(SSL_get0_peer_certificate(s)), "compat client"));
    CHECK(name_cn_is(X509_get_subject_name(SSL_get_certificate(c)), "compat client"));
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    return ok;
}

static int client_cert_callback_tls12(void)
{
    return client_cert_callback(TLS1_2_VERSION, 0);
}

static int client_cert_callback_tls13(void)
{
    return client_cert_callback(TLS1_3_VERSION, 0);
}

static int client_cert_callback_deferred(void)
{
    return client_cert_callback(TLS1_3_VERSION, 2);
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"client CA lists", ca_lists},
        {"CA names in a TLS 1.2 CertificateRequest", ca_names_on_the_wire},
        {"client certificate callback, TLS 1.2", client_cert_callback_tls12},
        {"client certificate callback, TLS 1.3", client_cert_callback_tls13},
        {"client certificate callback asking to be called again",
         client_cert_callback_deferred},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
