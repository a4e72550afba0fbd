/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Key exchange groups and signature algorithms: OpenSSL's list rules
 * (names and aliases, the errors it gives and the ones it does not), and
 * what the lists do to a handshake.
 */
#include <string.h>

#include <openssl/obj_mac.h>

#include "testlib.h"

/* The result and the first error's reason (0: none) of a list setter. */
static int groups_list(SSL_CTX *ctx, const char *list, int *reason)
{
    int ret;

    ERR_clear_error();
    ret = SSL_CTX_set1_groups_list(ctx, list);
    *reason = ERR_GET_REASON(ERR_peek_error());
    ERR_clear_error();
    return ret;
}

static int group_lists(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    int nids[2] = {NID_X25519, NID_secp384r1};
    int twice[2] = {NID_X25519, NID_X25519};
    int unknown[1] = {NID_sha256};
    int reason = -1;
    int ok = 0;

    CHECK(ctx != NULL);
    CHECK_INT(groups_list(ctx, "X25519", &reason), ==, 1);
    CHECK_INT(groups_list(ctx, "x25519", &reason), ==, 1);
    CHECK_INT(groups_list(ctx, "P-256:prime256v1", &reason), ==, 0); /* the same group twice */
    CHECK_INT(reason, ==, 0);
    CHECK_INT(groups_list(ctx, "prime256v1", &reason), ==, 1);
    CHECK_INT(groups_list(ctx, "secp256r1:P-384:P-521", &reason), ==, 1);
    CHECK_INT(groups_list(ctx, "junk", &reason), ==, 0);
    CHECK_INT(reason, ==, ERR_R_PASSED_INVALID_ARGUMENT);
    CHECK_INT(groups_list(ctx, "X25519:junk", &reason), ==, 0);
    CHECK_INT(reason, ==, ERR_R_PASSED_INVALID_ARGUMENT);
    CHECK_INT(groups_list(ctx, "X25519,P-256", &reason), ==, 0);
    CHECK_INT(reason, ==, ERR_R_PASSED_INVALID_ARGUMENT);
    CHECK_INT(groups_list(ctx, "", &reason), ==, 0);
    CHECK_INT(reason, ==, 0);
    CHECK_INT(SSL_CTX_set1_curves_list(ctx, "P-256"), ==, 1);
    CHECK_INT(SSL_CTX_set1_groups(ctx, nids, 2), ==, 1);
    CHECK_INT(SSL_CTX_set1_groups(ctx, twice, 2), ==, 0);
    CHECK_INT(SSL_CTX_set1_groups(ctx, unknown, 1), ==, 0);
    ERR_clear_error();
    /* OpenSSL 1.1's automatic DH, still in legacy programs. */
    CHECK_INT(SSL_CTX_set_dh_auto(ctx, 1), ==, 1);
    ok = 1;
out:
    SSL_CTX_free(ctx);
    return ok;
}

static int sigalgs_list(SSL_CTX *ctx, const char *list)
{
    int ret = SSL_CTX_set1_sigalgs_list(ctx, list);

    ERR_clear_error();
    return ret;
}

static int sigalg_lists(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    int ok = 0;

    CHECK(ctx != NULL);
    CHECK_INT(sigalgs_list(ctx, "ECDSA+SHA256"), ==, 1);
    CHECK_INT(sigalgs_list(ctx, "ecdsa_secp256r1_sha256"), ==, 1);
    CHECK_INT(sigalgs_list(ctx, "RSA-PSS+SHA256"), ==, 1);
    CHECK_INT(sigalgs_list(ctx, "rsa_pss_rsae_sha256:RSA+SHA256"), ==, 1);
    CHECK_INT(sigalgs_list(ctx, "RSA+SHA1"), ==, 1);
    CHECK_INT(sigalgs_list(ctx, "junk"), ==, 0);
    CHECK_INT(sigalgs_list(ctx, "ECDSA+SHA256:junk"), ==, 0);
    CHECK_INT(sigalgs_list(ctx, "ecdsa+sha256"), ==, 0); /* names are case-sensitive */
    ok = 1;
out:
    SSL_CTX_free(ctx);
    return ok;
}

/* A handshake between a client and a server with the given lists (NULL:
 * the defaults); 1 when both ends finished. */
static int handshake_with(int version, const char *client_groups, const char *server_groups,
                          const char *client_sigalgs)
{
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, version, version);
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr = {0};
    struct side sr = {0};
    int done = 0;

    if (sctx != NULL && cctx != NULL &&
        (client_groups == NULL || SSL_CTX_set1_groups_list(cctx, client_groups) == 1) &&
        (server_groups == NULL || SSL_CTX_set1_groups_list(sctx, server_groups) == 1) &&
        (client_sigalgs == NULL || SSL_CTX_set1_sigalgs_list(cctx, client_sigalgs) == 1) &&
        make_pair(cctx, sctx, &c, &s))
        done = drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL);
    ERR_clear_error();
    free_pair(c, s, cctx, sctx);
    return done;
}

/* The lists decide: a group in common (also one the client must be asked
 * for again, TLS 1.3's HelloRetryRequest), none in common, a signature
 * algorithm the server's ECDSA key can make or not. */
static int lists_in_handshakes(void)
{
    int ok = 0;

    CHECK(handshake_with(TLS1_3_VERSION, "P-384", NULL, NULL));
    CHECK(handshake_with(TLS1_3_VERSION, "X25519:P-384", "P-384", NULL));
    CHECK(!handshake_with(TLS1_3_VERSION, "P-384", "X25519", NULL));
    CHECK(handshake_with(TLS1_2_VERSION, "P-256:P-384", "P-384:P-256", NULL));
    CHECK(handshake_with(0, NULL, NULL, "ECDSA+SHA256"));
    CHECK(!handshake_with(0, NULL, NULL, "RSA+SHA256:RSA-PSS+SHA256"));
    ok = 1;
out:
    return ok;
}

/* A connection's own lists, with the context's rules. */
static int connection_lists(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = NULL;
    int nids[1] = {NID_X25519};
    int ok = 0;

    CHECK(ctx != NULL && (s = SSL_new(ctx)) != NULL);
    CHECK_INT(SSL_set1_groups_list(s, "P-384:X25519"), ==, 1);
    CHECK_INT(SSL_set1_groups_list(s, "junk"), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, ERR_R_PASSED_INVALID_ARGUMENT);
    CHECK_INT(SSL_set1_curves_list(s, "P-256"), ==, 1);
    CHECK_INT(SSL_set1_groups(s, nids, 1), ==, 1);
    CHECK_INT(SSL_set1_sigalgs_list(s, "ECDSA+SHA256:RSA+SHA256"), ==, 1);
    CHECK_INT(SSL_set1_sigalgs_list(s, "junk"), ==, 0);
    CHECK_INT(SSL_set_dh_auto(s, 1), ==, 1);
    ERR_clear_error();
    ok = 1;
out:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

/* mbedTLS keeps one signature algorithm list for both directions, so a
 * list for client certificates alone cannot be honoured here. */
static int client_sigalgs(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    int ok = 0;

    CHECK(ctx != NULL);
#ifdef MBEDTLS_OPENSSL_COMPAT
    CHECK_INT(SSL_CTX_set1_client_sigalgs_list(ctx, "ECDSA+SHA256"), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, ERR_R_UNSUPPORTED);
#else
    CHECK_INT(SSL_CTX_set1_client_sigalgs_list(ctx, "ECDSA+SHA256"), ==, 1);
#endif
    ok = 1;
out:
    SSL_CTX_free(ctx);
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"group_lists", group_lists},
        {"sigalg_lists", sigalg_lists},
        {"lists_in_handshakes", lists_in_handshakes},
        {"connection_lists", connection_lists},
        {"client_sigalgs", client_sigalgs},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
