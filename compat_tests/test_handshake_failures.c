/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Handshakes that fail: misuse (no BIO, no role, wrong role), a peer that
 * closes or resets the connection in the middle, a peer that speaks HTTP,
 * and versions that do not overlap. Each case checks the return value,
 * SSL_get_error() and the reason on the error queue.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "testlib.h"

/* ---- Misuse ------------------------------------------------------------------ */

static int no_role_set(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = NULL;
    unsigned long e;
    char buf[8];
    int ok = 0;
    int ret;

    CHECK(ctx != NULL && (s = SSL_new(ctx)) != NULL);
    /* TLS_method() makes a server until told otherwise. */
    CHECK_INT(SSL_is_server(s), ==, 1);
    ret = SSL_do_handshake(s);
    CHECK_INT(ret, ==, -1);
    CHECK_INT(SSL_get_error(s, ret), ==, SSL_ERROR_SSL);
    e = ERR_get_error();
    CHECK_INT(ERR_GET_LIB(e), ==, ERR_LIB_SSL);
    CHECK_INT(ERR_GET_REASON(e), ==, SSL_R_CONNECTION_TYPE_NOT_SET);
    ret = SSL_read(s, buf, sizeof(buf));
    CHECK_INT(ret, ==, -1);
    CHECK_INT(SSL_get_error(s, ret), ==, SSL_ERROR_SSL);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_UNINITIALIZED);
    ret = SSL_write(s, "x", 1);
    CHECK_INT(ret, ==, -1);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_UNINITIALIZED);
    ret = SSL_shutdown(s);
    CHECK_INT(ret, ==, -1);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_UNINITIALIZED);
    ok = 1;
out:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

static int client_without_bio(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL *s = NULL;
    int ok = 0;
    int ret;

    CHECK(ctx != NULL && (s = SSL_new(ctx)) != NULL);
    CHECK_INT(SSL_is_server(s), ==, 0);
    ret = SSL_connect(s);
    CHECK_INT(ret, ==, -1);
    /* Not a WANT: nothing will ever make this handshake go on. */
    CHECK_INT(SSL_get_error(s, ret), ==, SSL_ERROR_SYSCALL);
    CHECK_INT(ERR_peek_error(), ==, 0);
    ok = 1;
out:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

static int server_without_bio(void)
{
    SSL_CTX *ctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL *s = NULL;
    int ok = 0;
    int ret;

    CHECK(ctx != NULL && (s = SSL_new(ctx)) != NULL);
    ret = SSL_accept(s);
    CHECK_INT(ret, ==, -1);
    CHECK_INT(SSL_get_error(s, ret), ==, SSL_ERROR_SSL);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_READ_BIO_NOT_SET);
    ok = 1;
out:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

/* A server-only method cannot connect: OpenSSL returns 0 here. */
static int connect_with_server_method(void)
{
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, 0, 0);
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL *c = NULL;
    SSL *s = NULL;
    unsigned long e;
    int ok = 0;
    int ret;

    CHECK(cctx != NULL && sctx != NULL && make_pair(cctx, sctx, &c, &s));
    ret = SSL_connect(s);
    CHECK_INT(ret, ==, 0);
    CHECK_INT(SSL_get_error(s, ret), ==, SSL_ERROR_SSL);
    e = ERR_get_error();
    CHECK_INT(ERR_GET_LIB(e), ==, ERR_LIB_SSL);
    CHECK_INT(ERR_GET_REASON(e), ==, ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED);
    CHECK_INT(SSL_is_server(s), ==, 0);
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    return ok;
}

static int shutdown_before_handshake_done(void)
{
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, 0, 0);
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL *c = NULL;
    SSL *s = NULL;
    int ok = 0;
    int ret;

    CHECK(cctx != NULL && sctx != NULL && make_pair(cctx, sctx, &c, &s));
    CHECK_INT(SSL_connect(c), ==, -1);
    ERR_clear_error();
    ret = SSL_shutdown(c);
    CHECK_INT(ret, ==, -1);
    CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_SSL);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_SHUTDOWN_WHILE_IN_INIT);
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    return ok;
}

/* ---- The peer goes away in the middle ----------------------------------------- */

/* The first bytes of a real ClientHello, to leave a handshake half done. */
static int client_hello_bytes(char *buf, int cap)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL *s = ctx != NULL ? SSL_new(ctx) : NULL;
    BIO *in = BIO_new(BIO_s_mem());
    BIO *outb = BIO_new(BIO_s_mem());
    int n = -1;

    if (s != NULL && in != NULL && outb != NULL) {
        SSL_set_bio(s, in, outb);
        in = outb = NULL;
        (void)SSL_connect(s);
        n = BIO_read(SSL_get_wbio(s), buf, cap);
    }
    BIO_free(in);
    BIO_free(outb);
    SSL_free(s);
    SSL_CTX_free(ctx);
    ERR_clear_error();
    return n;
}

/* Gives the kernel time to deliver a close or reset to the other end. */
static void settle(void)
{
    poll(NULL, 0, 20);
}

/* Ends the connection with a TCP reset instead of an orderly close. */
static void close_with_reset(int fd)
{
    struct linger lg = {1, 0};

    setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
    close(fd);
}

/* The client has sent its ClientHello when the server's side goes away. */
static int client_sees_peer_vanish(int reset)
{
    SSL_CTX *ctx = client_ctx(NULL, SSL_VERIFY_NONE, 0, 0);
    SSL *c = NULL;
    int lfd = -1;
    int cfd = -1;
    int sfd = -1;
    int port;
    int ok = 0;
    int ret;
    char hello[2048];

    CHECK(ctx != NULL && (c = SSL_new(ctx)) != NULL);
    CHECK((lfd = tcp_listen_loopback(&port)) >= 0);
    CHECK((cfd = tcp_connect_loopback(port, 0)) >= 0);
    CHECK((sfd = accept(lfd, NULL, NULL)) >= 0);
    CHECK(set_nonblocking(cfd));
    CHECK(SSL_set_fd(c, cfd) == 1);
    ret = SSL_connect(c);
    CHECK_INT(ret, ==, -1);
    CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_WANT_READ);
    CHECK(read(sfd, hello, sizeof(hello)) > 0);
    if (reset)
        close_with_reset(sfd);
    else
        close(sfd);
    sfd = -1;
    settle();
    errno = 0;
    ret = SSL_connect(c);
    CHECK_INT(ret, ==, -1);
    if (reset) {
        CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_SYSCALL);
        CHECK_INT(errno, ==, ECONNRESET);
        CHECK_INT(ERR_peek_error(), ==, 0);
    } else {
        CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_SSL);
        CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_UNEXPECTED_EOF_WHILE_READING);
    }
    ok = 1;
out:
    SSL_free(c);
    SSL_CTX_free(ctx);
    if (cfd >= 0)
        close(cfd);
    if (sfd >= 0)
        close(sfd);
    if (lfd >= 0)
        close(lfd);
    return ok;
}

/* The server has part of a ClientHello when the client goes away. */
static int server_sees_peer_vanish(int reset)
{
    SSL_CTX *ctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL *s = NULL;
    int lfd = -1;
    int cfd = -1;
    int sfd = -1;
    int port;
    int ok = 0;
    int ret;
    int n;
    char hello[2048];

    CHECK(ctx != NULL && (s = SSL_new(ctx)) != NULL);
    CHECK((n = client_hello_bytes(hello, sizeof(hello))) > 20);
    CHECK((lfd = tcp_listen_loopback(&port)) >= 0);
    CHECK((cfd = tcp_connect_loopback(port, 0)) >= 0);
    CHECK((sfd = accept(lfd, NULL, NULL)) >= 0);
    CHECK(write(cfd, hello, (size_t)n / 2) == n / 2);
    if (reset)
        close_with_reset(cfd);
    else
        close(cfd);
    cfd = -1;
    settle();
    CHECK(SSL_set_fd(s, sfd) == 1);
    errno = 0;
    ret = SSL_accept(s);
    CHECK_INT(ret, ==, -1);
    if (reset) {
        CHECK_INT(SSL_get_error(s, ret), ==, SSL_ERROR_SYSCALL);
        CHECK_INT(errno, ==, ECONNRESET);
    } else {
        CHECK_INT(SSL_get_error(s, ret), ==, SSL_ERROR_SSL);
        CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_UNEXPECTED_EOF_WHILE_READING);
    }
    /* The failure sticks: calling again does not restart anything. */
    ret = SSL_accept(s);
    CHECK_INT(ret, ==, -1);
    CHECK(SSL_get_error(s, ret) != SSL_ERROR_WANT_READ);
    ok = 1;
out:
    SSL_free(s);
    SSL_CTX_free(ctx);
    if (cfd >= 0)
        close(cfd);
    if (sfd >= 0)
        close(sfd);
    if (lfd >= 0)
        close(lfd);
    ERR_clear_error();
    return ok;
}

static int client_eof_mid_handshake(void)
{
    return client_sees_peer_vanish(0);
}

static int client_reset_mid_handshake(void)
{
    return client_sees_peer_vanish(1);
}

static int server_eof_mid_handshake(void)
{
    return server_sees_peer_vanish(0);
}

static int server_reset_mid_handshake(void)
{
    return server_sees_peer_vanish(1);
}

/* ---- A peer that speaks HTTP ----------------------------------------------------- */

/* Runs one handshake call on s whose peer sent text, and returns the reason. */
static int reason_for_text_peer(SSL *s, const char *text, int server)
{
    BIO *in = BIO_new(BIO_s_mem());
    BIO *outb = BIO_new(BIO_s_mem());
    int reason = -1;
    int ret;

    if (in == NULL || outb == NULL) {
        BIO_free(in);
        BIO_free(outb);
        return -1;
    }
    BIO_write(in, text, (int)strlen(text));
    SSL_set_bio(s, in, outb);
    ret = server ? SSL_accept(s) : SSL_connect(s);
    if (ret == -1 && SSL_get_error(s, ret) == SSL_ERROR_WANT_READ)
        ret = server ? SSL_accept(s) : SSL_connect(s);
    if (ret == -1 && SSL_get_error(s, ret) == SSL_ERROR_SSL)
        reason = ERR_GET_REASON(ERR_peek_error());
    ERR_clear_error();
    return reason;
}

static int http_peer(int server, const char *text, int want_reason)
{
    SSL_CTX *ctx = server ? server_ctx("server.pem", "server.key", 0, 0)
                          : client_ctx(NULL, SSL_VERIFY_NONE, 0, 0);
    SSL *s = NULL;
    int ok = 0;

    CHECK(ctx != NULL && (s = SSL_new(ctx)) != NULL);
    CHECK_INT(reason_for_text_peer(s, text, server), ==, want_reason);
    ok = 1;
out:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

static int client_gets_http_response(void)
{
    return http_peer(0, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n",
                     SSL_R_WRONG_VERSION_NUMBER);
}

static int server_gets_http_get(void)
{
    return http_peer(1, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n", SSL_R_HTTP_REQUEST);
}

static int server_gets_http_post(void)
{
    return http_peer(1, "POST /x HTTP/1.1\r\nHost: localhost\r\n\r\n", SSL_R_HTTP_REQUEST);
}

static int server_gets_proxy_connect(void)
{
    return http_peer(1, "CONNECT localhost:443 HTTP/1.1\r\n\r\n", SSL_R_HTTPS_PROXY_REQUEST);
}

/* ---- Versions that do not overlap ---------------------------------------------- */

static int version_mismatch(int client_min, int client_max, int server_min, int server_max,
                            int client_reason, int server_reason)
{
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, client_min, client_max);
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", server_min, server_max);
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr;
    struct side sr;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL && make_pair(cctx, sctx, &c, &s));
    CHECK(!drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK_INT(cr.ret, ==, -1);
    CHECK_INT(sr.ret, ==, -1);
    CHECK_INT(cr.err, ==, SSL_ERROR_SSL);
    CHECK_INT(sr.err, ==, SSL_ERROR_SSL);
    CHECK_INT(ERR_GET_REASON(cr.code), ==, client_reason);
    CHECK_INT(ERR_GET_REASON(sr.code), ==, server_reason);
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    return ok;
}

static int client_tls12_server_tls13(void)
{
    return version_mismatch(0, TLS1_2_VERSION, TLS1_3_VERSION, 0,
                            SSL_R_TLSV1_ALERT_PROTOCOL_VERSION, SSL_R_UNSUPPORTED_PROTOCOL);
}

static int client_tls13_server_tls12(void)
{
    return version_mismatch(TLS1_3_VERSION, 0, 0, TLS1_2_VERSION,
                            SSL_R_TLSV1_ALERT_PROTOCOL_VERSION, SSL_R_UNSUPPORTED_PROTOCOL);
}

/* Only versions below TLS 1.2 allowed. OpenSSL sends a TLS 1.1 hello and
 * fails on the server's protocol_version alert; mbedTLS 3 has no TLS 1.1,
 * so this library fails before sending anything (docs/parity.md). */
static int client_below_tls12(void)
{
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, 0, TLS1_1_VERSION);
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr;
    struct side sr;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL && make_pair(cctx, sctx, &c, &s));
    CHECK(!drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK_INT(cr.ret, ==, -1);
    CHECK_INT(cr.err, ==, SSL_ERROR_SSL);
#ifdef MBEDTLS_OPENSSL_COMPAT
    CHECK_INT(ERR_GET_REASON(cr.code), ==, SSL_R_NO_PROTOCOLS_AVAILABLE);
    CHECK_INT(cr.wants, ==, 0);
#else
    /* Which alert the server sends depends on its configuration. */
    CHECK_INT(ERR_GET_REASON(cr.code), >, SSL_AD_REASON_OFFSET);
#endif
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    return ok;
}

/* A TLS 1.2 ServerHello without renegotiation_info (RFC 5746): OpenSSL's
 * client refuses it unless SSL_OP_LEGACY_SERVER_CONNECT. */
static int legacy_server(int allow)
{
    static const unsigned char head[] = {0x16, 0x03, 0x03, 0x00, 0x2a, 0x02, 0x00,
                                         0x00, 0x26, 0x03, 0x03};
    /* random (32 bytes), empty session id, ECDHE-ECDSA-AES128-GCM-SHA256,
     * no compression, no extensions */
    unsigned char hello[47];
    SSL_CTX *ctx = client_ctx(NULL, SSL_VERIFY_NONE, 0, TLS1_2_VERSION);
    SSL *c = NULL;
    BIO *in = BIO_new(BIO_s_mem());
    BIO *wr = BIO_new(BIO_s_mem());
    int ok = 0;
    int ret;

    memcpy(hello, head, sizeof(head));
    memset(hello + 11, 0x42, 32);
    hello[43] = 0;
    hello[44] = 0xc0;
    hello[45] = 0x2b;
    hello[46] = 0;
    CHECK(ctx != NULL && in != NULL && wr != NULL && (c = SSL_new(ctx)) != NULL);
    if (allow)
        SSL_set_options(c, SSL_OP_LEGACY_SERVER_CONNECT);
    SSL_set_bio(c, in, wr);
    in = wr = NULL;
    CHECK_INT(SSL_connect(c), ==, -1);
    CHECK_INT(BIO_write(SSL_get_rbio(c), hello, sizeof(hello)), ==, (int)sizeof(hello));
    ret = SSL_connect(c);
    CHECK_INT(ret, ==, -1);
    if (allow) {
        /* Accepted: waiting for the server's next message. */
        CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_WANT_READ);
    } else {
        CHECK_INT(SSL_get_error(c, ret), ==, SSL_ERROR_SSL);
        CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_UNSAFE_LEGACY_RENEGOTIATION_DISABLED);
    }
    ok = 1;
out:
    ERR_clear_error();
    BIO_free(in);
    BIO_free(wr);
    SSL_free(c);
    SSL_CTX_free(ctx);
    return ok;
}

/* One handshake where one side has a one-version method below TLS 1.2:
 * the context is made and reports the method's version, and the handshake
 * fails on that side. OpenSSL gets as far as negotiating the version (then
 * finds no signature algorithm its security level allows); mbedTLS 3 has no
 * such version, so this library fails before sending anything. */
static int legacy_method_fails(const SSL_METHOD *client_method, const SSL_METHOD *server_method,
                               int legacy_version, int legacy_is_client)
{
    SSL_CTX *cctx = SSL_CTX_new(client_method);
    SSL_CTX *sctx = SSL_CTX_new(server_method);
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr;
    struct side sr;
    struct side *legacy = legacy_is_client ? &cr : &sr;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL);
    CHECK(load_identity(sctx, "server.pem", "server.key"));
    CHECK(make_pair(cctx, sctx, &c, &s));
    CHECK_INT(SSL_version(legacy_is_client ? c : s), ==, legacy_version);
    CHECK(strcmp(SSL_get_version(legacy_is_client ? c : s),
                 legacy_version == TLS1_VERSION ? "TLSv1" : "TLSv1.1") == 0);
    CHECK(!drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK_INT(legacy->ret, ==, -1);
    CHECK_INT(legacy->err, ==, SSL_ERROR_SSL);
#ifdef MBEDTLS_OPENSSL_COMPAT
    CHECK_INT(ERR_GET_REASON(legacy->code), ==, SSL_R_NO_PROTOCOLS_AVAILABLE);
#endif
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    return ok;
}

static int legacy_methods(void)
{
    return legacy_method_fails(TLSv1_method(), TLS_server_method(), TLS1_VERSION, 1) &&
           legacy_method_fails(TLSv1_client_method(), TLS_method(), TLS1_VERSION, 1) &&
           legacy_method_fails(TLSv1_1_method(), TLS_server_method(), TLS1_1_VERSION, 1) &&
           legacy_method_fails(TLSv1_1_client_method(), TLS_method(), TLS1_1_VERSION, 1) &&
           legacy_method_fails(TLS_client_method(), TLSv1_server_method(), TLS1_VERSION, 0) &&
           legacy_method_fails(TLS_method(), TLSv1_1_server_method(), TLS1_1_VERSION, 0);
}

static int legacy_server_refused(void)
{
    return legacy_server(0);
}

static int legacy_server_allowed_with_option(void)
{
    return legacy_server(1);
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"no role: connection type not set, uninitialized", no_role_set},
        {"client without BIO", client_without_bio},
        {"server without BIO", server_without_bio},
        {"SSL_connect with a server-only method returns 0", connect_with_server_method},
        {"SSL_shutdown in the middle of the handshake", shutdown_before_handshake_done},
        {"client: EOF in the middle of the handshake", client_eof_mid_handshake},
        {"client: reset in the middle of the handshake", client_reset_mid_handshake},
        {"server: EOF in the middle of the handshake", server_eof_mid_handshake},
        {"server: reset in the middle of the handshake", server_reset_mid_handshake},
        {"client gets an HTTP response", client_gets_http_response},
        {"server gets an HTTP GET", server_gets_http_get},
        {"server gets an HTTP POST", server_gets_http_post},
        {"server gets a proxy CONNECT", server_gets_proxy_connect},
        {"client up to TLS 1.2, server from TLS 1.3", client_tls12_server_tls13},
        {"client from TLS 1.3, server up to TLS 1.2", client_tls13_server_tls12},
        {"client allows only versions below TLS 1.2", client_below_tls12},
        {"TLSv1_method and TLSv1_1_method handshakes fail", legacy_methods},
        {"server without secure renegotiation is refused", legacy_server_refused},
        {"... and accepted with SSL_OP_LEGACY_SERVER_CONNECT", legacy_server_allowed_with_option},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
