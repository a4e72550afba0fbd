/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A build without sockets or file descriptors (OPENSSL_COMPAT_NO_SOCKETS):
 * the socket, descriptor, connect and accept BIOs and SSL_set_fd exist, so
 * programs link, and fail with ERR_R_UNSUPPORTED. Transport goes through
 * memory BIOs, BIO pairs or a BIO_METHOD of the application's.
 */
#include "internal.h"

SHIM_EXPORT const BIO_METHOD *BIO_s_socket(void)
{
    SHIM_UNSUPPORTED(ERR_LIB_BIO, NULL);
}

SHIM_EXPORT const BIO_METHOD *BIO_s_fd(void)
{
    SHIM_UNSUPPORTED(ERR_LIB_BIO, NULL);
}

SHIM_EXPORT const BIO_METHOD *BIO_s_connect(void)
{
    SHIM_UNSUPPORTED(ERR_LIB_BIO, NULL);
}

SHIM_EXPORT const BIO_METHOD *BIO_s_accept(void)
{
    SHIM_UNSUPPORTED(ERR_LIB_BIO, NULL);
}

SHIM_EXPORT BIO *BIO_new_socket(int sock, int close_flag)
{
    (void)sock, (void)close_flag;
    SHIM_UNSUPPORTED(ERR_LIB_BIO, NULL);
}

SHIM_EXPORT BIO *BIO_new_fd(int fd, int close_flag)
{
    (void)fd, (void)close_flag;
    SHIM_UNSUPPORTED(ERR_LIB_BIO, NULL);
}

SHIM_EXPORT BIO *BIO_new_connect(const char *host_port)
{
    (void)host_port;
    SHIM_UNSUPPORTED(ERR_LIB_BIO, NULL);
}

SHIM_EXPORT BIO *BIO_new_accept(const char *host_port)
{
    (void)host_port;
    SHIM_UNSUPPORTED(ERR_LIB_BIO, NULL);
}

SHIM_EXPORT int BIO_socket_nbio(int fd, int mode)
{
    (void)fd, (void)mode;
    SHIM_UNSUPPORTED(ERR_LIB_BIO, 0);
}

SHIM_EXPORT int SSL_set_fd(SSL *s, int fd)
{
    (void)s, (void)fd;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
}

SHIM_EXPORT int SSL_set_rfd(SSL *s, int fd)
{
    (void)s, (void)fd;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
}

SHIM_EXPORT int SSL_set_wfd(SSL *s, int fd)
{
    (void)s, (void)fd;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
}

SHIM_EXPORT BIO_ADDR *BIO_ADDR_new(void)
{
    SHIM_UNSUPPORTED(ERR_LIB_BIO, NULL);
}

SHIM_EXPORT void BIO_ADDR_free(BIO_ADDR *ap)
{
    (void)ap;
}

SHIM_EXPORT int BIO_ADDR_rawmake(BIO_ADDR *ap, int family, const void *where, size_t wherelen,
                                 unsigned short port)
{
    (void)ap, (void)family, (void)where, (void)wherelen, (void)port;
    SHIM_UNSUPPORTED(ERR_LIB_BIO, 0);
}

SHIM_EXPORT int BIO_ADDR_family(const BIO_ADDR *ap)
{
    (void)ap;
    SHIM_UNSUPPORTED(ERR_LIB_BIO, -1);
}

SHIM_EXPORT unsigned short BIO_ADDR_rawport(const BIO_ADDR *ap)
{
    (void)ap;
    SHIM_UNSUPPORTED(ERR_LIB_BIO, 0);
}
