/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Handshakes over real sockets: blocking over a socketpair with the server
 * in a child process (data both ways, then the two-phase shutdown), and
 * non-blocking over TCP on 127.0.0.1, driven by poll().
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testlib.h"

/* ---- Blocking, over a socketpair ----------------------------------------------- */

/* The server: accept, answer one message, then close after the client:
 * SSL_read sees the close_notify (0, ZERO_RETURN), and SSL_shutdown then
 * completes at once with 1. Returns the child's exit status. */
static int blocking_server(int fd, int version)
{
    SSL_CTX *ctx = server_ctx("server.pem", "server.key", version, version);
    SSL *s = NULL;
    char buf[64];
    int status = 1;
    int n;

    if (ctx == NULL || (s = SSL_new(ctx)) == NULL || SSL_set_fd(s, fd) != 1)
        goto out;
    if (SSL_accept(s) != 1 || SSL_version(s) != version)
        goto out;
    n = SSL_read(s, buf, sizeof(buf));
    if (n != 5 || memcmp(buf, "hello", 5) != 0)
        goto out;
    if (SSL_write(s, "world!", 6) != 6)
        goto out;
    n = SSL_read(s, buf, sizeof(buf));
    if (n != 0 || SSL_get_error(s, n) != SSL_ERROR_ZERO_RETURN)
        goto out;
    if (SSL_get_shutdown(s) != SSL_RECEIVED_SHUTDOWN)
        goto out;
    /* Reading again after close_notify still says ZERO_RETURN. */
    n = SSL_read(s, buf, sizeof(buf));
    if (n != 0 || SSL_get_error(s, n) != SSL_ERROR_ZERO_RETURN)
        goto out;
    if (SSL_shutdown(s) != 1)
        goto out;
    if (SSL_get_shutdown(s) != (SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN))
        goto out;
    status = 0;
out:
    drain_errors("server child");
    SSL_free(s);
    SSL_CTX_free(ctx);
    return status;
}

static int blocking_socketpair(int version)
{
    SSL_CTX *ctx = client_ctx("ca.pem", SSL_VERIFY_PEER, version, version);
    SSL *c = NULL;
    int fds[2] = {-1, -1};
    pid_t child = -1;
    int status = -1;
    char buf[64];
    int ok = 0;
    int n;

    CHECK(ctx != NULL && (c = SSL_new(ctx)) != NULL);
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    child = fork();
    CHECK(child >= 0);
    if (child == 0) {
        close(fds[0]);
        _exit(blocking_server(fds[1], version));
    }
    close(fds[1]);
    fds[1] = -1;
    CHECK(SSL_set_fd(c, fds[0]) == 1);
    CHECK_INT(SSL_get_fd(c), ==, fds[0]);
    CHECK_INT(SSL_connect(c), ==, 1);
    CHECK_INT(SSL_version(c), ==, version);
    CHECK_INT(SSL_get_verify_result(c), ==, X509_V_OK);
    CHECK_INT(SSL_write(c, "hello", 5), ==, 5);
    n = SSL_read(c, buf, sizeof(buf));
    CHECK_INT(n, ==, 6);
    CHECK(memcmp(buf, "world!", 6) == 0);
    /* First call sends our close_notify: 0. The second waits for the
     * peer's: 1. */
    CHECK_INT(SSL_shutdown(c), ==, 0);
    CHECK_INT(SSL_get_shutdown(c), ==, SSL_SENT_SHUTDOWN);
    CHECK_INT(SSL_shutdown(c), ==, 1);
    CHECK_INT(SSL_get_shutdown(c), ==, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
    /* Writing after our own close_notify fails. */
    CHECK_INT(SSL_write(c, "late", 4), ==, -1);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_PROTOCOL_IS_SHUTDOWN);
    CHECK(waitpid(child, &status, 0) == child);
    child = -1;
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    ok = 1;
out:
    if (child > 0)
        waitpid(child, NULL, 0);
    SSL_free(c);
    SSL_CTX_free(ctx);
    if (fds[0] >= 0)
        close(fds[0]);
    if (fds[1] >= 0)
        close(fds[1]);
    return ok;
}

static int blocking_socketpair_tls12(void)
{
    return blocking_socketpair(TLS1_2_VERSION);
}

static int blocking_socketpair_tls13(void)
{
    return blocking_socketpair(TLS1_3_VERSION);
}

/* ---- Non-blocking TCP, driven by poll() ------------------------------------------- */

struct poll_side {
    SSL *ssl;
    int fd;
    int done;
    int wants;
};

/* One handshake call; on WANT_*, the poll events to wait for. */
static int poll_step(struct poll_side *p, short *events)
{
    int ret;
    int err;

    *events = 0;
    if (p->done)
        return 1;
    ret = SSL_do_handshake(p->ssl);
    if (ret == 1) {
        p->done = 1;
        return 1;
    }
    err = SSL_get_error(p->ssl, ret);
    if (ret != -1 || (err != SSL_ERROR_WANT_READ && err != SSL_ERROR_WANT_WRITE))
        return 0;
    p->wants++;
    *events = err == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT;
    return 1;
}

static int nonblocking_tcp(int version)
{
    SSL_CTX *cctx = client_ctx("ca.pem", SSL_VERIFY_PEER, version, version);
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", version, version);
    struct poll_side side[2] = {{NULL, -1, 0, 0}, {NULL, -1, 0, 0}};
    int lfd = -1;
    int port;
    int rounds;
    char buf[16];
    int ok = 0;
    int i;

    CHECK(cctx != NULL && sctx != NULL);
    CHECK((lfd = tcp_listen_loopback(&port)) >= 0);
    CHECK((side[0].fd = tcp_connect_loopback(port, 1)) >= 0);
    CHECK((side[1].fd = accept(lfd, NULL, NULL)) >= 0);
    CHECK(set_nonblocking(side[1].fd));
    CHECK((side[0].ssl = SSL_new(cctx)) != NULL && (side[1].ssl = SSL_new(sctx)) != NULL);
    CHECK(SSL_set_fd(side[0].ssl, side[0].fd) == 1 && SSL_set_fd(side[1].ssl, side[1].fd) == 1);
    CHECK(SSL_set1_host(side[0].ssl, "localhost") == 1);
    SSL_set_connect_state(side[0].ssl);
    SSL_set_accept_state(side[1].ssl);
    for (rounds = 0; rounds < 100 && !(side[0].done && side[1].done); rounds++) {
        struct pollfd pfd[2];
        int waiting = 0;

        for (i = 0; i < 2; i++) {
            short events;

            CHECK(poll_step(&side[i], &events));
            if (events != 0) {
                pfd[waiting].fd = side[i].fd;
                pfd[waiting].events = events;
                waiting++;
            }
        }
        /* Sleep until one of the sockets is ready: no spinning. */
        if (waiting > 0)
            CHECK(poll(pfd, (nfds_t)waiting, 5000) > 0);
    }
    CHECK(side[0].done && side[1].done);
    CHECK_INT(side[0].wants, >, 0);
    CHECK_INT(side[1].wants, >, 0);
    CHECK_INT(SSL_version(side[0].ssl), ==, version);
    CHECK_INT(SSL_write(side[0].ssl, "over tcp", 8), ==, 8);
    for (rounds = 0; rounds < 50; rounds++) {
        struct pollfd pfd = {side[1].fd, POLLIN, 0};
        int n = SSL_read(side[1].ssl, buf, sizeof(buf));

        if (n > 0) {
            CHECK_INT(n, ==, 8);
            CHECK(memcmp(buf, "over tcp", 8) == 0);
            break;
        }
        CHECK_INT(SSL_get_error(side[1].ssl, n), ==, SSL_ERROR_WANT_READ);
        CHECK(poll(&pfd, 1, 5000) == 1);
    }
    CHECK(rounds < 50);
    ok = 1;
out:
    for (i = 0; i < 2; i++) {
        SSL_free(side[i].ssl);
        if (side[i].fd >= 0)
            close(side[i].fd);
    }
    if (lfd >= 0)
        close(lfd);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return ok;
}

static int nonblocking_tcp_tls12(void)
{
    return nonblocking_tcp(TLS1_2_VERSION);
}

static int nonblocking_tcp_tls13(void)
{
    return nonblocking_tcp(TLS1_3_VERSION);
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"blocking socketpair, TLS 1.2, data and two-phase shutdown", blocking_socketpair_tls12},
        {"blocking socketpair, TLS 1.3, data and two-phase shutdown", blocking_socketpair_tls13},
        {"non-blocking TCP on 127.0.0.1 with poll(), TLS 1.2", nonblocking_tcp_tls12},
        {"non-blocking TCP on 127.0.0.1 with poll(), TLS 1.3", nonblocking_tcp_tls13},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
