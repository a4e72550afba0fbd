/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Context and connection settings: version bounds and their getters,
 * certificate and key loading (PEM and DER, chain files, mismatches),
 * reference counts, modes.
 */
#include <string.h>

#include "testlib.h"

static int version_bounds(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    SSL_CTX *fixed = SSL_CTX_new(TLSv1_2_method());
    SSL *s = NULL;
    int ok = 0;

    CHECK(ctx != NULL && fixed != NULL);
    CHECK_INT(SSL_CTX_get_min_proto_version(ctx), ==, 0);
    CHECK_INT(SSL_CTX_get_max_proto_version(ctx), ==, 0);
    CHECK_INT(SSL_CTX_set_min_proto_version(ctx, TLS1_VERSION), ==, 1);
    CHECK_INT(SSL_CTX_get_min_proto_version(ctx), ==, TLS1_VERSION);
    CHECK_INT(SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION), ==, 1);
    CHECK_INT(SSL_CTX_get_max_proto_version(ctx), ==, TLS1_3_VERSION);
    /* Not a version: refused, nothing changes. */
    CHECK_INT(SSL_CTX_set_max_proto_version(ctx, 0x1234), ==, 0);
    CHECK_INT(SSL_CTX_set_max_proto_version(ctx, SSL3_VERSION - 1), ==, 0);
    CHECK_INT(SSL_CTX_get_max_proto_version(ctx), ==, TLS1_3_VERSION);
    /* Mixing DTLS with a TLS bound: refused. */
    CHECK_INT(SSL_CTX_set_min_proto_version(ctx, DTLS1_2_VERSION), ==, 0);
    CHECK_INT(SSL_CTX_get_min_proto_version(ctx), ==, TLS1_VERSION);
    /* With no other bound, a DTLS version on a TLS method is accepted
     * and ignored. */
    CHECK_INT(SSL_CTX_set_max_proto_version(ctx, 0), ==, 1);
    CHECK_INT(SSL_CTX_set_min_proto_version(ctx, DTLS1_2_VERSION), ==, 1);
    CHECK_INT(SSL_CTX_get_min_proto_version(ctx), ==, TLS1_VERSION);
    CHECK_INT(SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION), ==, 1);
    /* A connection starts with the context's bounds, then has its own. */
    CHECK((s = SSL_new(ctx)) != NULL);
    CHECK_INT(SSL_get_min_proto_version(s), ==, TLS1_VERSION);
    CHECK_INT(SSL_set_max_proto_version(s, TLS1_2_VERSION), ==, 1);
    CHECK_INT(SSL_get_max_proto_version(s), ==, TLS1_2_VERSION);
    CHECK_INT(SSL_CTX_get_max_proto_version(ctx), ==, TLS1_3_VERSION);
    /* A method fixed to one version ignores bounds. */
    CHECK_INT(SSL_CTX_set_min_proto_version(fixed, TLS1_3_VERSION), ==, 1);
    CHECK_INT(SSL_CTX_get_min_proto_version(fixed), ==, 0);
    CHECK_INT(ERR_peek_error(), ==, 0);
    ok = 1;
out:
    SSL_free(s);
    SSL_CTX_free(ctx);
    SSL_CTX_free(fixed);
    return ok;
}

static int modes(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL *s = NULL;
    int ok = 0;

    CHECK(ctx != NULL);
    /* OpenSSL 3's default. */
    CHECK_INT(SSL_CTX_get_mode(ctx), ==, SSL_MODE_AUTO_RETRY);
    CHECK_INT(SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE), ==,
              SSL_MODE_AUTO_RETRY | SSL_MODE_ENABLE_PARTIAL_WRITE);
    CHECK((s = SSL_new(ctx)) != NULL);
    CHECK_INT(SSL_get_mode(s), ==, SSL_MODE_AUTO_RETRY | SSL_MODE_ENABLE_PARTIAL_WRITE);
    CHECK_INT(SSL_clear_mode(s, SSL_MODE_AUTO_RETRY), ==, SSL_MODE_ENABLE_PARTIAL_WRITE);
    CHECK_INT(SSL_CTX_get_mode(ctx), ==, SSL_MODE_AUTO_RETRY | SSL_MODE_ENABLE_PARTIAL_WRITE);
    ok = 1;
out:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

/* Switches OpenSSL 1.1 made no-ops, still in legacy programs: the answer
 * is whether they were asked to turn on. */
static int legacy_ecdh_switch(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    SSL *s = NULL;
    int ok = 0;

    CHECK(ctx != NULL && (s = SSL_new(ctx)) != NULL);
    CHECK_INT(SSL_CTX_set_ecdh_auto(ctx, 1), ==, 1);
    CHECK_INT(SSL_CTX_set_ecdh_auto(ctx, 0), ==, 0);
    CHECK_INT(SSL_set_ecdh_auto(s, 2), ==, 1);
    ok = 1;
out:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

static int key_and_certificate_matching(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    unsigned long e;
    int ok = 0;

    CHECK(ctx != NULL);
    CHECK_INT(SSL_CTX_check_private_key(ctx), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_NO_CERTIFICATE_ASSIGNED);
    CHECK_INT(SSL_CTX_use_certificate_file(ctx, cert_path("server.pem"), SSL_FILETYPE_PEM), ==, 1);
    CHECK_INT(SSL_CTX_check_private_key(ctx), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_NO_PRIVATE_KEY_ASSIGNED);
    /* A key that does not match the certificate is refused. */
    CHECK_INT(SSL_CTX_use_PrivateKey_file(ctx, cert_path("client.key"), SSL_FILETYPE_PEM), ==, 0);
    e = ERR_get_error();
    CHECK_INT(ERR_GET_LIB(e), ==, ERR_LIB_X509);
    CHECK_INT(ERR_GET_REASON(e), ==, X509_R_KEY_VALUES_MISMATCH);
    CHECK_INT(ERR_peek_error(), ==, 0);
    CHECK_INT(SSL_CTX_use_PrivateKey_file(ctx, cert_path("server.key"), SSL_FILETYPE_PEM), ==, 1);
    CHECK_INT(SSL_CTX_check_private_key(ctx), ==, 1);
    /* A new certificate that does not match drops the key. */
    CHECK_INT(SSL_CTX_use_certificate_file(ctx, cert_path("client.pem"), SSL_FILETYPE_PEM), ==, 1);
    CHECK_INT(ERR_peek_error(), ==, 0);
    CHECK_INT(SSL_CTX_check_private_key(ctx), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_NO_PRIVATE_KEY_ASSIGNED);
    ok = 1;
out:
    SSL_CTX_free(ctx);
    return ok;
}

static int wrong_formats(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    int ok = 0;

    CHECK(ctx != NULL);
    CHECK_INT(SSL_CTX_use_certificate_file(ctx, cert_path("server.der"), SSL_FILETYPE_PEM), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_peek_last_error()), ==, ERR_R_PEM_LIB);
    ERR_clear_error();
    CHECK_INT(SSL_CTX_use_certificate_file(ctx, cert_path("server.pem"), SSL_FILETYPE_ASN1), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_peek_last_error()), ==, ERR_R_ASN1_LIB);
    ERR_clear_error();
    CHECK_INT(SSL_CTX_use_PrivateKey_file(ctx, cert_path("server.pem"), SSL_FILETYPE_PEM), ==, 0);
    CHECK_INT(ERR_GET_LIB(ERR_peek_last_error()), ==, ERR_LIB_SSL);
    ERR_clear_error();
    ok = 1;
out:
    SSL_CTX_free(ctx);
    return ok;
}

/* A server whose certificate and key come from DER files. */
static int der_certificate_and_key(void)
{
    SSL_CTX *cctx = client_ctx("ca.pem", SSL_VERIFY_PEER, 0, 0);
    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method());
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr;
    struct side sr;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL);
    CHECK_INT(SSL_CTX_use_certificate_file(sctx, cert_path("server.der"), SSL_FILETYPE_ASN1), ==,
              1);
    CHECK_INT(SSL_CTX_use_PrivateKey_file(sctx, cert_path("server-key.der"), SSL_FILETYPE_ASN1),
              ==, 1);
    CHECK_INT(SSL_CTX_check_private_key(sctx), ==, 1);
    CHECK(make_pair(cctx, sctx, &c, &s));
    CHECK(drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK_INT(SSL_get_verify_result(c), ==, X509_V_OK);
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    return ok;
}

/* Each reference needs its own free; the context outlives its SSLs. */
static int reference_counts(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL *s = NULL;
    int ok = 0;

    CHECK(ctx != NULL && (s = SSL_new(ctx)) != NULL);
    CHECK(SSL_get_SSL_CTX(s) == ctx);
    CHECK_INT(SSL_CTX_up_ref(ctx), ==, 1);
    CHECK_INT(SSL_up_ref(s), ==, 1);
    SSL_CTX_free(ctx);
    SSL_CTX_free(ctx); /* the SSL still holds one */
    SSL_free(s);
    CHECK(SSL_get_SSL_CTX(s) == ctx); /* still alive: one reference left */
    ctx = NULL;
    ok = 1;
out:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"version bounds and getters", version_bounds},
        {"modes", modes},
        {"SSL_CTX_set_ecdh_auto", legacy_ecdh_switch},
        {"key and certificate matching", key_and_certificate_matching},
        {"wrong file formats", wrong_formats},
        {"DER certificate and key", der_certificate_and_key},
        {"reference counts", reference_counts},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
