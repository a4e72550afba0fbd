/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Every order of closing: we close first, the peer closes first, both at
 * once, data where the close_notify should be, quiet shutdown, a shutdown
 * state set by hand, and shutdown during the handshake.
 */
#include <string.h>

#include "testlib.h"

static int connected(int version, SSL **c, SSL **s)
{
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, version, version);
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, 0);
    struct side cr;
    struct side sr;
    int ok = cctx != NULL && sctx != NULL && make_pair(cctx, sctx, c, s) &&
             drive_handshake(*c, hs_connect, &cr, *s, hs_accept, &sr, NULL, NULL);

    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return ok;
}

/* The peer (server) closes first; we read its close_notify, may still
 * write, and our shutdown completes at once. */
static int peer_closes_first(int version)
{
    SSL *c = NULL;
    SSL *s = NULL;
    char buf[16];
    int ret;
    int ok = 0;

    CHECK(connected(version, &c, &s));
    ret = SSL_shutdown(s);
    CHECK_INT(ret, ==, 0);
    CHECK_INT(SSL_get_shutdown(s), ==, SSL_SENT_SHUTDOWN);
    ret = SSL_read(c, buf, sizeof(buf));
    CHECK_INT(ret, ==, 0);
    CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_ZERO_RETURN);
    CHECK_INT(SSL_get_shutdown(c), ==, SSL_RECEIVED_SHUTDOWN);
    /* Still 0 / ZERO_RETURN when asked again. */
    ret = SSL_read(c, buf, sizeof(buf));
    CHECK_INT(ret, ==, 0);
    CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_ZERO_RETURN);
    /* Writing after the peer's close_notify is allowed... */
    CHECK_INT(SSL_write(c, "x", 1), ==, 1);
    CHECK_INT(SSL_shutdown(c), ==, 1);
    CHECK_INT(SSL_get_shutdown(c), ==, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
    /* ...but the server, waiting for our close_notify, finds data first. */
    ret = SSL_shutdown(s);
    CHECK_INT(ret, ==, -1);
    CHECK_INT(SSL_get_error(s, ret), ==, SSL_ERROR_SSL);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_APPLICATION_DATA_AFTER_CLOSE_NOTIFY);
    /* After that fatal error, shutdown is refused as "in init". */
    ret = SSL_shutdown(s);
    CHECK_INT(ret, ==, -1);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_SHUTDOWN_WHILE_IN_INIT);
    ok = 1;
out:
    free_pair(c, s, NULL, NULL);
    return ok;
}

static int peer_closes_first_tls12(void)
{
    return peer_closes_first(TLS1_2_VERSION);
}

static int peer_closes_first_tls13(void)
{
    return peer_closes_first(TLS1_3_VERSION);
}

/* We close first: 0, then 1 once the peer's close_notify arrives. */
static int we_close_first(void)
{
    SSL *c = NULL;
    SSL *s = NULL;
    char buf[16];
    int ret;
    int ok = 0;

    CHECK(connected(0, &c, &s));
    CHECK_INT(SSL_shutdown(c), ==, 0);
    ret = SSL_shutdown(c);
    CHECK_INT(ret, ==, -1);
    CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_WANT_READ);
    /* Writing after our own close_notify fails. */
    ret = SSL_write(c, "x", 1);
    CHECK_INT(ret, ==, -1);
    CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_SSL);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_PROTOCOL_IS_SHUTDOWN);
    ret = SSL_read(s, buf, sizeof(buf));
    CHECK_INT(ret, ==, 0);
    CHECK_INT(SSL_get_error(s, ret), ==, SSL_ERROR_ZERO_RETURN);
    CHECK_INT(SSL_shutdown(s), ==, 1);
    CHECK_INT(SSL_shutdown(c), ==, 1);
    CHECK_INT(SSL_shutdown(c), ==, 1);
    ok = 1;
out:
    free_pair(c, s, NULL, NULL);
    return ok;
}

static int both_at_once(void)
{
    SSL *c = NULL;
    SSL *s = NULL;
    int ok = 0;

    CHECK(connected(0, &c, &s));
    CHECK_INT(SSL_shutdown(c), ==, 0);
    CHECK_INT(SSL_shutdown(s), ==, 0);
    CHECK_INT(SSL_shutdown(c), ==, 1);
    CHECK_INT(SSL_shutdown(s), ==, 1);
    CHECK_INT(SSL_get_shutdown(c), ==, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
    ok = 1;
out:
    free_pair(c, s, NULL, NULL);
    return ok;
}

/* After our close_notify, SSL_read still hands over the peer's data;
 * SSL_shutdown, waiting for the close_notify, fails on it. */
static int data_after_our_close_notify(void)
{
    SSL *c = NULL;
    SSL *s = NULL;
    SSL *c2 = NULL;
    SSL *s2 = NULL;
    char buf[16];
    int ret;
    int ok = 0;

    CHECK(connected(0, &c, &s));
    CHECK_INT(SSL_shutdown(c), ==, 0);
    CHECK_INT(SSL_write(s, "late", 4), ==, 4);
    CHECK_INT(SSL_read(c, buf, sizeof(buf)), ==, 4);
    CHECK(memcmp(buf, "late", 4) == 0);
    CHECK(connected(0, &c2, &s2));
    CHECK_INT(SSL_shutdown(c2), ==, 0);
    CHECK_INT(SSL_write(s2, "late", 4), ==, 4);
    ret = SSL_shutdown(c2);
    CHECK_INT(ret, ==, -1);
    CHECK_INT(SSL_get_error(c2, ret), ==, SSL_ERROR_SSL);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_APPLICATION_DATA_AFTER_CLOSE_NOTIFY);
    ret = SSL_read(c2, buf, sizeof(buf));
    CHECK_INT(ret, ==, -1);
    CHECK_INT(SSL_get_error(c2, ret), ==, SSL_ERROR_SYSCALL);
    ok = 1;
out:
    free_pair(c, s, NULL, NULL);
    free_pair(c2, s2, NULL, NULL);
    return ok;
}

/* Quiet shutdown: done at once, nothing sent. */
static int quiet_shutdown(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL *c = NULL;
    SSL *s = NULL;
    SSL *q = NULL;
    int ok = 0;

    CHECK(ctx != NULL);
    CHECK_INT(SSL_CTX_get_quiet_shutdown(ctx), ==, 0);
    SSL_CTX_set_quiet_shutdown(ctx, 1);
    CHECK_INT(SSL_CTX_get_quiet_shutdown(ctx), ==, 1);
    CHECK((q = SSL_new(ctx)) != NULL);
    CHECK_INT(SSL_get_quiet_shutdown(q), ==, 1);
    CHECK(connected(0, &c, &s));
    SSL_set_quiet_shutdown(c, 1);
    CHECK_INT(SSL_shutdown(c), ==, 1);
    CHECK_INT(SSL_get_shutdown(c), ==, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
    CHECK_INT(BIO_ctrl_pending(SSL_get_rbio(s)), ==, 0);
    ok = 1;
out:
    SSL_free(q);
    SSL_CTX_free(ctx);
    free_pair(c, s, NULL, NULL);
    return ok;
}

/* SSL_set_shutdown(SENT): no close_notify goes out, SSL_shutdown waits
 * for the peer's, and writing is refused. */
static int shutdown_state_set_by_hand(void)
{
    SSL *c = NULL;
    SSL *s = NULL;
    int ret;
    int ok = 0;

    CHECK(connected(0, &c, &s));
    SSL_set_shutdown(c, SSL_SENT_SHUTDOWN);
    CHECK_INT(SSL_get_shutdown(c), ==, SSL_SENT_SHUTDOWN);
    ret = SSL_shutdown(c);
    CHECK_INT(ret, ==, -1);
    CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_WANT_READ);
    CHECK_INT(BIO_ctrl_pending(SSL_get_rbio(s)), ==, 0);
    ret = SSL_write(c, "x", 1);
    CHECK_INT(ret, ==, -1);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_PROTOCOL_IS_SHUTDOWN);
    ok = 1;
out:
    free_pair(c, s, NULL, NULL);
    return ok;
}

/* Before the handshake (role set) and during it: refused. */
static int shutdown_during_handshake(void)
{
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, 0, 0);
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL *c = NULL;
    SSL *s = NULL;
    int ret;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL && make_pair(cctx, sctx, &c, &s));
    SSL_set_connect_state(c);
    ret = SSL_shutdown(c);
    CHECK_INT(ret, ==, -1);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_SHUTDOWN_WHILE_IN_INIT);
    CHECK_INT(SSL_connect(c), ==, -1);
    ret = SSL_shutdown(c);
    CHECK_INT(ret, ==, -1);
    CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_SSL);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_SHUTDOWN_WHILE_IN_INIT);
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"peer closes first, TLS 1.2", peer_closes_first_tls12},
        {"peer closes first, TLS 1.3", peer_closes_first_tls13},
        {"we close first", we_close_first},
        {"both close at once", both_at_once},
        {"data after our close_notify", data_after_our_close_notify},
        {"quiet shutdown", quiet_shutdown},
        {"shutdown state set by hand", shutdown_state_set_by_hand},
        {"shutdown before and during the handshake", shutdown_during_handshake},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
