/* SPDX-License-Identifier: Apache-2.0 */
/* Memory, pair and socket BIOs: data, end of data and retry flags. */
#define _POSIX_C_SOURCE 200809L

#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "testlib.h"

static int mem_bio_retry_and_eof(void)
{
    BIO *b = BIO_new(BIO_s_mem());
    char buf[16];
    char *data = NULL;
    int ok = 0;

    CHECK(b != NULL);
    CHECK_INT(BIO_method_type(b), ==, BIO_TYPE_MEM);
    /* Empty: -1 and "retry the read". */
    CHECK_INT(BIO_read(b, buf, sizeof(buf)), ==, -1);
    CHECK(BIO_should_retry(b) && BIO_should_read(b) && !BIO_should_write(b));
    CHECK_INT(BIO_write(b, "abcdef", 6), ==, 6);
    CHECK(!BIO_should_retry(b));
    CHECK_INT(BIO_pending(b), ==, 6);
    CHECK_INT(BIO_ctrl_pending(b), ==, 6);
    CHECK_INT(BIO_get_mem_data(b, &data), ==, 6);
    CHECK(data != NULL && memcmp(data, "abcdef", 6) == 0);
    CHECK_INT(BIO_read(b, buf, 4), ==, 4);
    CHECK(!BIO_should_retry(b));
    CHECK_INT(BIO_read(b, buf, sizeof(buf)), ==, 2);
    CHECK(memcmp(buf, "ef", 2) == 0);
    CHECK_INT(BIO_eof(b), ==, 1);
    /* With an end-of-data value of 0, empty means end of stream. */
    CHECK_INT(BIO_set_mem_eof_return(b, 0), ==, 1);
    CHECK_INT(BIO_read(b, buf, sizeof(buf)), ==, 0);
    CHECK(!BIO_should_retry(b));
    ok = 1;
out:
    BIO_free(b);
    return ok;
}

static int mem_buf_is_read_only(void)
{
    static const char text[] = "read only";
    BIO *b = BIO_new_mem_buf(text, -1);
    char buf[32];
    int ok = 0;

    CHECK(b != NULL);
    CHECK_INT(BIO_write(b, "x", 1), <=, 0);
    CHECK_INT(ERR_GET_LIB(ERR_peek_error()), ==, ERR_LIB_BIO);
    ERR_clear_error();
    CHECK_INT(BIO_read(b, buf, sizeof(buf)), ==, 9);
    CHECK(memcmp(buf, text, 9) == 0);
    /* The end of the buffer is the end of the stream. */
    CHECK_INT(BIO_read(b, buf, sizeof(buf)), ==, 0);
    CHECK(!BIO_should_retry(b));
    ok = 1;
out:
    BIO_free(b);
    return ok;
}

static int pair_flow_control(void)
{
    BIO *a = NULL;
    BIO *b = NULL;
    char buf[64];
    int ok = 0;

    CHECK(BIO_new_bio_pair(&a, 16, &b, 16) == 1);
    CHECK_INT(BIO_method_type(a), ==, BIO_TYPE_BIO);
    CHECK_INT(BIO_ctrl_get_write_guarantee(a), ==, 16);
    /* Reading an empty pair asks to retry and records the request. */
    CHECK_INT(BIO_read(b, buf, 10), ==, -1);
    CHECK(BIO_should_retry(b) && BIO_should_read(b));
    CHECK_INT(BIO_ctrl_get_read_request(a), ==, 10);
    /* A write larger than the buffer is cut to what fits... */
    CHECK_INT(BIO_write(a, "0123456789abcdefXYZ", 19), ==, 16);
    CHECK_INT(BIO_ctrl_get_write_guarantee(a), ==, 0);
    CHECK_INT(BIO_ctrl_get_read_request(a), ==, 0);
    /* ...and a full buffer asks the writer to retry. */
    CHECK_INT(BIO_write(a, "XYZ", 3), ==, -1);
    CHECK(BIO_should_retry(a) && BIO_should_write(a));
    CHECK_INT(BIO_ctrl_pending(b), ==, 16);
    CHECK_INT(BIO_ctrl_wpending(a), ==, 16);
    CHECK_INT(BIO_read(b, buf, sizeof(buf)), ==, 16);
    CHECK(memcmp(buf, "0123456789abcdef", 16) == 0);
    /* Closing the write side: the reader sees the end of the stream. */
    CHECK_INT(BIO_shutdown_wr(a), ==, 1);
    CHECK_INT(BIO_read(b, buf, sizeof(buf)), ==, 0);
    CHECK(!BIO_should_retry(b));
    CHECK_INT(BIO_write(a, "x", 1), ==, -1);
    CHECK(!BIO_should_retry(a));
    ERR_clear_error();
    ok = 1;
out:
    BIO_free(a);
    BIO_free(b);
    return ok;
}

static int socket_bio_nonblocking(void)
{
    int fds[2] = {-1, -1};
    BIO *b = NULL;
    char buf[8];
    int ok = 0;

    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    CHECK((b = BIO_new_socket(fds[0], BIO_CLOSE)) != NULL);
    fds[0] = -1; /* the BIO closes it */
    CHECK_INT(BIO_method_type(b), ==, BIO_TYPE_SOCKET);
    CHECK_INT(BIO_get_fd(b, NULL), >=, 0);
    /* A socket BIO ignores BIO_set_nbio(); the socket's mode decides. */
    CHECK_INT(BIO_set_nbio(b, 1), ==, 0);
    CHECK(set_nonblocking(BIO_get_fd(b, NULL)));
    CHECK_INT(BIO_read(b, buf, sizeof(buf)), ==, -1);
    CHECK(BIO_should_retry(b) && BIO_should_read(b));
    CHECK_INT(write(fds[1], "hey", 3), ==, 3);
    CHECK_INT(BIO_read(b, buf, sizeof(buf)), ==, 3);
    CHECK_INT(BIO_write(b, "yo", 2), ==, 2);
    CHECK_INT(read(fds[1], buf, sizeof(buf)), ==, 2);
    close(fds[1]);
    fds[1] = -1;
    CHECK_INT(BIO_read(b, buf, sizeof(buf)), ==, 0);
    CHECK(!BIO_should_retry(b));
    CHECK_INT(BIO_eof(b), ==, 1);
    ok = 1;
out:
    BIO_free(b);
    if (fds[0] >= 0)
        close(fds[0]);
    if (fds[1] >= 0)
        close(fds[1]);
    return ok;
}

static int fd_bio_over_pipe(void)
{
    int fds[2] = {-1, -1};
    BIO *r = NULL;
    BIO *w = NULL;
    char buf[8];
    int ok = 0;

    CHECK(pipe(fds) == 0);
    CHECK((r = BIO_new_fd(fds[0], BIO_CLOSE)) != NULL);
    CHECK((w = BIO_new_fd(fds[1], BIO_CLOSE)) != NULL);
    CHECK_INT(BIO_method_type(r), ==, BIO_TYPE_FD);
    CHECK_INT(BIO_get_fd(w, NULL), ==, fds[1]);
    CHECK_INT(BIO_get_close(w), ==, BIO_CLOSE);
    CHECK_INT(BIO_write(w, "abc", 3), ==, 3);
    CHECK_INT(BIO_read(r, buf, sizeof(buf)), ==, 3);
    CHECK(memcmp(buf, "abc", 3) == 0);
    BIO_free(w); /* closes the write end: the reader sees the end */
    w = NULL;
    CHECK_INT(BIO_read(r, buf, sizeof(buf)), ==, 0);
    CHECK(!BIO_should_retry(r));
    ok = 1;
out:
    BIO_free(r);
    BIO_free(w);
    return ok;
}

/* SSL_set_bio's reference rules: one BIO on both sides is freed once. */
static int ssl_owns_its_bios(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL *s = NULL;
    BIO *a = BIO_new(BIO_s_mem());
    BIO *b = BIO_new(BIO_s_mem());
    int ok = 0;

    CHECK(ctx != NULL && a != NULL && b != NULL && (s = SSL_new(ctx)) != NULL);
    SSL_set_bio(s, a, a);
    CHECK(SSL_get_rbio(s) == a && SSL_get_wbio(s) == a);
    SSL_set_bio(s, b, b); /* frees a */
    a = NULL;
    CHECK(SSL_get_rbio(s) == b && SSL_get_wbio(s) == b);
    SSL_set0_wbio(s, NULL);
    CHECK(SSL_get_wbio(s) == NULL && SSL_get_rbio(s) == b);
    b = NULL; /* SSL_free frees it */
    CHECK_INT(SSL_get_fd(s), ==, -1);
    ok = 1;
out:
    SSL_free(s);
    SSL_CTX_free(ctx);
    BIO_free(a);
    BIO_free(b);
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"memory BIO: retry when empty, end-of-data value", mem_bio_retry_and_eof},
        {"BIO_new_mem_buf is read-only and ends", mem_buf_is_read_only},
        {"BIO pair: guarantee, read request, full, shutdown", pair_flow_control},
        {"socket BIO: non-blocking read, end of stream", socket_bio_nonblocking},
        {"fd BIO over a pipe", fd_bio_over_pipe},
        {"SSL_set_bio ownership", ssl_owns_its_bios},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
