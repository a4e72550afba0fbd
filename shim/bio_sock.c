/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Descriptor BIOs (BIO_s_socket, BIO_s_fd) and the SSL_set_fd family. All
 * POSIX descriptor code of the library lives here, so a build without
 * sockets leaves out this one file.
 */
#define _POSIX_C_SOURCE 200809L

#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>


SHIM_EXPORT int BIO_socket_nbio(int fd, int mode)
{
    int flags = fcntl(fd, F_GETFL);

    if (flags < 0)
        return 0;
    flags = mode ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK);
    return fcntl(fd, F_SETFL, flags) == 0;
}

/* read() and write() exactly as OpenSSL's descriptor BIOs use them, so
 * errno and signals (SIGPIPE) reach the program as they would there. The
 * connect and accept BIOs read and write their sockets with these too. */
int shim_desc_read(BIO *b, char *out, int outl)
{
    ssize_t ret;

    errno = 0;
    ret = read(b->num, out, (size_t)outl);
    BIO_clear_retry_flags(b);
    if (ret <= 0) {
        if (BIO_sock_should_retry((int)ret))
            BIO_set_retry_read(b);
        else if (ret == 0)
            b->flags |= BIO_FLAGS_IN_EOF;
    }
    return (int)ret;
}

int shim_desc_write(BIO *b, const char *in, int inl)
{
    ssize_t ret;

    errno = 0;
    ret = write(b->num, in, (size_t)inl);
    BIO_clear_retry_flags(b);
    if (ret <= 0 && BIO_sock_should_retry((int)ret))
        BIO_set_retry_write(b);
    return (int)ret;
}

/* A line from a descriptor, a byte at a time so nothing past the newline
 * is consumed (as OpenSSL's fd BIO does). */
static int fd_gets(BIO *b, char *buf, int size)
{
    int n = 0;

    if (size <= 0)
        return 0;
    while (n < size - 1 && shim_desc_read(b, buf + n, 1) > 0) {
        if (buf[n++] == '\n')
            break;
    }
    buf[n] = '\0';
    if (n == 0 && BIO_should_retry(b))
        return -1;
    return n;
}

static void desc_close(BIO *b)
{
    if (b->shutdown && b->init && b->num >= 0)
        close(b->num);
    b->init = 0;
    b->num = -1;
}

static int desc_create(BIO *b)
{
    b->num = -1;
    return 1;
}

static int desc_destroy(BIO *b)
{
    desc_close(b);
    return 1;
}

/* Like OpenSSL's, these BIOs ignore BIO_set_nbio() (it returns 0): the
 * descriptor's own mode decides. */
static long desc_ctrl(BIO *b, int cmd, long larg, void *parg)
{
    switch (cmd) {
    case BIO_C_SET_FD:
        SHIM_ENSURE(parg != NULL, ERR_LIB_BIO, ERR_R_PASSED_NULL_PARAMETER, 0);
        desc_close(b);
        b->num = *(int *)parg;
        b->shutdown = (int)larg;
        b->flags &= ~BIO_FLAGS_IN_EOF;
        b->init = 1;
        return 1;
    case BIO_C_GET_FD:
        if (!b->init)
            return -1;
        if (parg != NULL)
            *(int *)parg = b->num;
        return b->num;
    case BIO_CTRL_EOF:
        return (b->flags & BIO_FLAGS_IN_EOF) != 0;
    case BIO_CTRL_GET_CLOSE:
        return b->shutdown;
    case BIO_CTRL_SET_CLOSE:
        b->shutdown = (int)larg;
        return 1;
    case BIO_CTRL_FLUSH:
    case BIO_CTRL_DUP:
        return 1;
    default:
        return 0;
    }
}

static const BIO_METHOD socket_method = {
    .type = BIO_TYPE_SOCKET,
    .name = "socket",
    .write_int = shim_desc_write,
    .read_int = shim_desc_read,
    .puts = shim_puts_by_write,
    .ctrl = desc_ctrl,
    .create = desc_create,
    .destroy = desc_destroy,
};

static const BIO_METHOD fd_method = {
    .type = BIO_TYPE_FD,
    .name = "file descriptor",
    .write_int = shim_desc_write,
    .read_int = shim_desc_read,
    .puts = shim_puts_by_write,
    .gets = fd_gets,
    .ctrl = desc_ctrl,
    .create = desc_create,
    .destroy = desc_destroy,
};

SHIM_EXPORT const BIO_METHOD *BIO_s_socket(void)
{
    return &socket_method;
}

SHIM_EXPORT const BIO_METHOD *BIO_s_fd(void)
{
    return &fd_method;
}

static BIO *desc_bio_new(const BIO_METHOD *method, int fd, int close_flag)
{
    BIO *b = BIO_new(method);

    if (b != NULL)
        BIO_set_fd(b, fd, close_flag);
    return b;
}

SHIM_EXPORT BIO *BIO_new_socket(int sock, int close_flag)
{
    return desc_bio_new(&socket_method, sock, close_flag);
}

SHIM_EXPORT BIO *BIO_new_fd(int fd, int close_flag)
{
    return desc_bio_new(&fd_method, fd, close_flag);
}

/* ---- SSL_set_fd and friends ------------------------------------------------ */


SHIM_EXPORT int SSL_set_fd(SSL *s, int fd)
{
    BIO *b;

    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, 0);
    b = BIO_new_socket(fd, BIO_NOCLOSE);
    SHIM_ENSURE(b != NULL, ERR_LIB_SSL, ERR_R_BIO_LIB, 0);
    SSL_set_bio(s, b, b);
    return 1;
}

SHIM_EXPORT int SSL_set_rfd(SSL *s, int fd)
{
    BIO *b;

    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, 0);
    /* Share the write side's BIO when it already wraps this socket. */
    if (s->wbio != NULL && s->wbio->method == &socket_method && shim_bio_fd_of(s->wbio) == fd) {
        BIO_up_ref(s->wbio);
        SSL_set0_rbio(s, s->wbio);
        return 1;
    }
    b = BIO_new_socket(fd, BIO_NOCLOSE);
    SHIM_ENSURE(b != NULL, ERR_LIB_SSL, ERR_R_BIO_LIB, 0);
    SSL_set0_rbio(s, b);
    return 1;
}

SHIM_EXPORT int SSL_set_wfd(SSL *s, int fd)
{
    BIO *b;

    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, 0);
    if (s->rbio != NULL && s->rbio->method == &socket_method && shim_bio_fd_of(s->rbio) == fd) {
        BIO_up_ref(s->rbio);
        SSL_set0_wbio(s, s->rbio);
        return 1;
    }
    b = BIO_new_socket(fd, BIO_NOCLOSE);
    SHIM_ENSURE(b != NULL, ERR_LIB_SSL, ERR_R_BIO_LIB, 0);
    SSL_set0_wbio(s, b);
    return 1;
}
