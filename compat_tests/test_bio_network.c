/* SPDX-License-Identifier: Apache-2.0 */
/*
 * BIOs that reach the network, used the way legacy programs use them: a
 * client built on BIO_new_buffer_ssl_connect + BIO_do_connect +
 * BIO_puts/BIO_gets, a server built on an accept BIO that puts an SSL BIO
 * and a buffer BIO in front of each connection, a non-blocking connect,
 * and SSL BIOs whose handshake reports retries through BIO flags.
 */
#define _POSIX_C_SOURCE 200809L

#include <ctype.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testlib.h"

/* A plain SSL server in a child process: one connection, one line back in
 * upper case, then close. Returns the child's pid. */
static pid_t spawn_line_server(int lfd)
{
    pid_t pid = fork();

    if (pid == 0) {
        SSL_CTX *ctx = server_ctx("server.pem", "server.key", 0, 0);
        SSL *s = NULL;
        char line[128];
        int fd = accept(lfd, NULL, NULL);
        int status = 1;
        int n;
        int i;

        if (ctx == NULL || fd < 0 || (s = SSL_new(ctx)) == NULL || SSL_set_fd(s, fd) != 1 ||
            SSL_accept(s) != 1)
            _exit(1);
        n = SSL_read(s, line, sizeof(line));
        if (n > 0) {
            for (i = 0; i < n; i++)
                line[i] = (char)toupper((unsigned char)line[i]);
            if (SSL_write(s, line, n) == n && SSL_shutdown(s) >= 0)
                status = 0;
        }
        SSL_free(s);
        SSL_CTX_free(ctx);
        close(fd);
        _exit(status);
    }
    return pid;
}

static int wait_ok(pid_t pid)
{
    int status = -1;

    return waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* The legacy client: buffer -> SSL -> connect. */
static int buffered_ssl_connect_client(void)
{
    SSL_CTX *ctx = client_ctx("ca.pem", SSL_VERIFY_PEER, 0, 0);
    BIO *bio = NULL;
    SSL *ssl = NULL;
    char target[64];
    char line[128];
    pid_t server = -1;
    int lfd = -1;
    int port;
    int ok = 0;

    CHECK(ctx != NULL);
    CHECK((lfd = tcp_listen_loopback(&port)) >= 0);
    CHECK((server = spawn_line_server(lfd)) > 0);
    CHECK((bio = BIO_new_buffer_ssl_connect(ctx)) != NULL);
    CHECK_INT(BIO_method_type(bio), ==, BIO_TYPE_BUFFER);
    CHECK(BIO_find_type(bio, BIO_TYPE_SSL) != NULL);
    CHECK(BIO_find_type(bio, BIO_TYPE_CONNECT) != NULL);
    CHECK_INT(BIO_get_ssl(bio, &ssl), ==, 1);
    CHECK(ssl != NULL);
    CHECK(SSL_set_tlsext_host_name(ssl, "localhost") == 1);
    CHECK(SSL_set1_host(ssl, "localhost") == 1);
    snprintf(target, sizeof(target), "127.0.0.1:%d", port);
    CHECK_INT(BIO_set_conn_hostname(bio, target), ==, 1);
    CHECK(strcmp(BIO_get_conn_hostname(bio), "127.0.0.1") == 0);
    CHECK_INT(BIO_do_connect(bio), ==, 1);
    CHECK_INT(SSL_get_verify_result(ssl), ==, X509_V_OK);
    CHECK_INT(BIO_puts(bio, "hello over bios\n"), ==, 16);
    CHECK_INT(BIO_flush(bio), ==, 1);
    CHECK_INT(BIO_gets(bio, line, sizeof(line)), ==, 16);
    CHECK(strcmp(line, "HELLO OVER BIOS\n") == 0);
    BIO_ssl_shutdown(bio);
    CHECK(wait_ok(server));
    server = -1;
    ok = 1;
out:
    BIO_free_all(bio);
    SSL_CTX_free(ctx);
    if (server > 0)
        waitpid(server, NULL, 0);
    if (lfd >= 0)
        close(lfd);
    return ok;
}

/* A plain SSL client in a child process: one line, read the answer. */
static pid_t spawn_line_client(int port)
{
    pid_t pid = fork();

    if (pid == 0) {
        SSL_CTX *ctx = client_ctx("ca.pem", SSL_VERIFY_PEER, 0, 0);
        SSL *c = NULL;
        char line[64];
        int fd = tcp_connect_loopback(port, 0);
        int status = 1;

        if (ctx != NULL && fd >= 0 && (c = SSL_new(ctx)) != NULL && SSL_set_fd(c, fd) == 1 &&
            SSL_connect(c) == 1 && SSL_write(c, "ping\n", 5) == 5 &&
            SSL_read(c, line, sizeof(line)) == 5 && memcmp(line, "pong\n", 5) == 0)
            status = 0;
        SSL_free(c);
        SSL_CTX_free(ctx);
        if (fd >= 0)
            close(fd);
        _exit(status);
    }
    return pid;
}

/* The legacy server: an accept BIO puts a copy of an SSL BIO in front of
 * each connection, and a buffer BIO goes in front of that for BIO_gets.
 * (The template is one BIO: OpenSSL frees only the first BIO of it.) */
static int accept_bio_server(void)
{
    SSL_CTX *ctx = server_ctx("server.pem", "server.key", 0, 0);
    BIO *acceptor = NULL;
    BIO *template = NULL;
    BIO *conn = NULL;
    char line[64];
    const char *port_text;
    pid_t client = -1;
    int ok = 0;

    CHECK(ctx != NULL);
    CHECK((acceptor = BIO_new_accept("127.0.0.1:0")) != NULL);
    CHECK_INT(BIO_method_type(acceptor), ==, BIO_TYPE_ACCEPT);
    CHECK((template = BIO_new_ssl(ctx, 0)) != NULL);
    CHECK_INT(BIO_set_accept_bios(acceptor, template), ==, 1);
    template = NULL; /* the acceptor owns it */
    CHECK_INT(BIO_set_bind_mode(acceptor, BIO_BIND_REUSEADDR), ==, 1);
    /* First call: bind and listen. */
    CHECK_INT(BIO_do_accept(acceptor), ==, 1);
    CHECK((port_text = BIO_get_accept_port(acceptor)) != NULL);
    CHECK_INT(atoi(port_text), >, 0);
    CHECK((client = spawn_line_client(atoi(port_text))) > 0);
    /* Second call: a connection, appended to the chain. */
    CHECK_INT(BIO_do_accept(acceptor), ==, 1);
    CHECK((conn = BIO_pop(acceptor)) != NULL);
    CHECK_INT(BIO_method_type(conn), ==, BIO_TYPE_SSL);
    CHECK(BIO_find_type(conn, BIO_TYPE_SOCKET) != NULL);
    conn = BIO_push(BIO_new(BIO_f_buffer()), conn);
    CHECK_INT(BIO_method_type(conn), ==, BIO_TYPE_BUFFER);
    CHECK_INT(BIO_do_handshake(conn), ==, 1);
    CHECK_INT(BIO_gets(conn, line, sizeof(line)), ==, 5);
    CHECK(strcmp(line, "ping\n") == 0);
    CHECK_INT(BIO_puts(conn, "pong\n"), ==, 5);
    CHECK_INT(BIO_flush(conn), ==, 1);
    CHECK(wait_ok(client));
    client = -1;
    ok = 1;
out:
    BIO_free_all(conn);
    BIO_free_all(template);
    BIO_free_all(acceptor);
    SSL_CTX_free(ctx);
    if (client > 0)
        waitpid(client, NULL, 0);
    return ok;
}

/* A non-blocking connect reports 0 and a retry with BIO_RR_CONNECT until
 * the connection is made. */
static int nonblocking_connect(void)
{
    BIO *conn = NULL;
    char target[64];
    char buf[8];
    int lfd = -1;
    int sfd = -1;
    int port;
    int tries;
    long ret = 0;
    int ok = 0;

    CHECK((lfd = tcp_listen_loopback(&port)) >= 0);
    snprintf(target, sizeof(target), "127.0.0.1:%d", port);
    CHECK((conn = BIO_new_connect(target)) != NULL);
    CHECK_INT(BIO_set_nbio(conn, 1), ==, 1);
    for (tries = 0; tries < 100; tries++) {
        struct pollfd pfd;

        ret = BIO_do_connect(conn);
        if (ret == 1)
            break;
        CHECK_INT(ret, ==, 0);
        CHECK(BIO_should_retry(conn) && BIO_should_io_special(conn));
        CHECK_INT(BIO_get_retry_reason(conn), ==, BIO_RR_CONNECT);
        pfd.fd = (int)BIO_get_fd(conn, NULL);
        pfd.events = POLLOUT;
        CHECK(poll(&pfd, 1, 5000) == 1);
    }
    CHECK_INT(ret, ==, 1);
    /* On Linux a non-blocking connect is always in progress at first. */
    CHECK_INT(tries, >, 0);
    CHECK((sfd = accept(lfd, NULL, NULL)) >= 0);
    CHECK_INT(BIO_write(conn, "raw", 3), ==, 3);
    CHECK_INT(read(sfd, buf, sizeof(buf)), ==, 3);
    /* Nothing to read yet: a retry, not an error. */
    CHECK_INT(BIO_read(conn, buf, sizeof(buf)), ==, -1);
    CHECK(BIO_should_retry(conn) && BIO_should_read(conn));
    ok = 1;
out:
    BIO_free_all(conn);
    if (sfd >= 0)
        close(sfd);
    if (lfd >= 0)
        close(lfd);
    return ok;
}

/* IPv6 both ways: an accept BIO on [::1] and a connect BIO to it. */
static int ipv6_accept_and_connect(void)
{
    BIO *acceptor = NULL;
    BIO *conn = NULL;
    BIO *served = NULL;
    char target[64];
    char buf[8];
    int ok = 0;

    CHECK((acceptor = BIO_new_accept("[::1]:0")) != NULL);
    CHECK_INT(BIO_do_accept(acceptor), ==, 1);
    CHECK(strcmp(BIO_get_accept_name(acceptor), "::1") == 0);
    snprintf(target, sizeof(target), "[::1]:%s", BIO_get_accept_port(acceptor));
    CHECK((conn = BIO_new_connect(target)) != NULL);
    CHECK(strcmp(BIO_get_conn_hostname(conn), "::1") == 0);
    CHECK_INT(BIO_set_conn_ip_family(conn, BIO_FAMILY_IPV6), ==, 1);
    CHECK_INT(BIO_do_connect(conn), ==, 1);
    CHECK_INT(BIO_do_accept(acceptor), ==, 1);
    CHECK((served = BIO_pop(acceptor)) != NULL);
    CHECK_INT(BIO_write(conn, "v6", 2), ==, 2);
    CHECK_INT(BIO_read(served, buf, sizeof(buf)), ==, 2);
    CHECK(memcmp(buf, "v6", 2) == 0);
    ok = 1;
out:
    BIO_free_all(served);
    BIO_free_all(conn);
    BIO_free_all(acceptor);
    return ok;
}

/* Connecting where nobody listens fails with an error on the queue. */
static int connect_refused(void)
{
    BIO *conn = NULL;
    char target[64];
    int lfd;
    int port;
    int ok = 0;

    /* A port that was just in use and is closed now. */
    CHECK((lfd = tcp_listen_loopback(&port)) >= 0);
    close(lfd);
    snprintf(target, sizeof(target), "127.0.0.1:%d", port);
    CHECK((conn = BIO_new_connect(target)) != NULL);
    CHECK_INT(BIO_do_connect(conn), <=, 0);
    CHECK(!BIO_should_retry(conn));
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
    ok = 1;
out:
    BIO_free_all(conn);
    return ok;
}

/* Two SSL BIOs over a BIO pair: the handshake's waits show as BIO retry
 * flags, and data flows through BIO_write and BIO_read. */
static int ssl_bios_over_a_pair(void)
{
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, 0, 0);
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, 0);
    BIO *client = NULL;
    BIO *server = NULL;
    BIO *a = NULL;
    BIO *b = NULL;
    char buf[16];
    int rounds;
    int waits = 0;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL && BIO_new_bio_pair(&a, 0, &b, 0));
    CHECK((client = BIO_new_ssl(cctx, 1)) != NULL && (server = BIO_new_ssl(sctx, 0)) != NULL);
    BIO_push(client, a);
    BIO_push(server, b);
    a = b = NULL;
    for (rounds = 0; rounds < 50; rounds++) {
        long rc = BIO_do_handshake(client);
        long rs = BIO_do_handshake(server);

        if (rc == 1 && rs == 1)
            break;
        if (rc != 1) {
            CHECK(BIO_should_retry(client) && BIO_should_read(client));
            waits++;
        }
    }
    CHECK(rounds < 50);
    CHECK_INT(waits, >, 0);
    CHECK_INT(BIO_write(client, "through", 7), ==, 7);
    CHECK_INT(BIO_read(server, buf, sizeof(buf)), ==, 7);
    CHECK(memcmp(buf, "through", 7) == 0);
    CHECK_INT(BIO_read(server, buf, sizeof(buf)), ==, -1);
    CHECK(BIO_should_retry(server) && BIO_should_read(server));
    ok = 1;
out:
    BIO_free_all(client);
    BIO_free_all(server);
    BIO_free(a);
    BIO_free(b);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"client: buffer + SSL + connect BIOs, puts and gets", buffered_ssl_connect_client},
        {"server: accept BIO with SSL and buffer BIOs", accept_bio_server},
        {"non-blocking connect", nonblocking_connect},
        {"connection refused", connect_refused},
        {"IPv6 accept and connect BIOs", ipv6_accept_and_connect},
        {"SSL BIOs over a pair: retries as BIO flags", ssl_bios_over_a_pair},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
