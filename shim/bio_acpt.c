/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The accept BIO (BIO_s_accept): the first BIO_do_accept() binds and
 * listens, each later one accepts a connection and appends it to the chain
 * as a socket BIO (behind a copy of the BIOs given with
 * BIO_set_accept_bios), where BIO_pop() takes it.
 */
#define _POSIX_C_SOURCE 200809L

#include "bio_net.h"

#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* OpenSSL's backlog for accept BIOs. */
#define ACCEPT_BACKLOG 32

struct acpt_state {
    int listening;
    char *host;    /* NULL: any address */
    char *service;
    int family;    /* BIO_FAMILY_* */
    int bind_mode; /* BIO_BIND_* */
    int nbio;      /* the listening socket does not block */
    int accept_nbio; /* nor do accepted ones */
    BIO *bios;     /* put in front of each accepted socket */
    char bound_host[64];
    char bound_service[16];
};

static int acpt_create(BIO *b)
{
    struct acpt_state *a = shim_calloc(1, sizeof(*a));

    if (a == NULL)
        return 0;
    a->family = BIO_FAMILY_IPANY;
    b->ptr = a;
    b->num = -1;
    b->init = 1;
    return 1;
}

static void acpt_close(BIO *b, struct acpt_state *a)
{
    if (b->num >= 0 && b->shutdown)
        close(b->num);
    b->num = -1;
    a->listening = 0;
}

static int acpt_destroy(BIO *b)
{
    struct acpt_state *a = b->ptr;

    if (a == NULL)
        return 1;
    acpt_close(b, a);
    shim_free(a->host);
    shim_free(a->service);
    BIO_free_all(a->bios);
    shim_free(a);
    b->ptr = NULL;
    return 1;
}

static void push_sys(int err, const char *call)
{
    shim_err_push(ERR_LIB_SYS, err, __FILE__, __LINE__, __func__, call);
}

/* Records the address really bound (the port, when 0 was asked for). */
static void acpt_note_bound(BIO *b, struct acpt_state *a)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);

    if (getsockname(b->num, (struct sockaddr *)&ss, &len) != 0 ||
        getnameinfo((struct sockaddr *)&ss, len, a->bound_host, sizeof(a->bound_host),
                    a->bound_service, sizeof(a->bound_service),
                    NI_NUMERICHOST | NI_NUMERICSERV) != 0)
        a->bound_host[0] = a->bound_service[0] = '\0';
}

static int acpt_listen(BIO *b, struct acpt_state *a)
{
    struct addrinfo hints;
    struct addrinfo *ai = NULL;
    int family = shim_bio_family(a->family);
    int one = 1;
    int rc;
    int fd;

    SHIM_ENSURE(a->host != NULL || a->service != NULL, ERR_LIB_BIO,
                BIO_R_NO_ACCEPT_ADDR_OR_SERVICE_SPECIFIED, -1);
    SHIM_ENSURE(family >= 0, ERR_LIB_BIO, BIO_R_UNSUPPORTED_IP_FAMILY, -1);
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = family;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    rc = getaddrinfo(a->host, a->service != NULL ? a->service : "0", &hints, &ai);
    if (rc != 0 || ai == NULL) {
        SHIM_ERR_DATA(ERR_LIB_BIO, BIO_R_LOOKUP_RETURNED_NOTHING, gai_strerror(rc));
        return -1;
    }
    fd = socket(ai->ai_family, SOCK_STREAM, 0);
    if (fd < 0) {
        push_sys(errno, "calling socket()");
        freeaddrinfo(ai);
        SHIM_ERR(ERR_LIB_BIO, BIO_R_UNABLE_TO_CREATE_SOCKET);
        return -1;
    }
    b->num = fd;
    if (a->bind_mode & BIO_SOCK_REUSEADDR)
        (void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (bind(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
        push_sys(errno, "calling bind()");
        freeaddrinfo(ai);
        acpt_close(b, a);
        SHIM_ERR(ERR_LIB_BIO, BIO_R_UNABLE_TO_BIND_SOCKET);
        return -1;
    }
    freeaddrinfo(ai);
    if (listen(fd, ACCEPT_BACKLOG) != 0) {
        push_sys(errno, "calling listen()");
        acpt_close(b, a);
        SHIM_ERR(ERR_LIB_BIO, BIO_R_UNABLE_TO_LISTEN_SOCKET);
        return -1;
    }
    if (a->nbio)
        (void)BIO_socket_nbio(fd, 1);
    acpt_note_bound(b, a);
    a->listening = 1;
    return 1;
}

/* Accepts one connection and appends it (behind a copy of the accept BIOs)
 * to the chain. */
static int acpt_accept(BIO *b, struct acpt_state *a)
{
    BIO *conn;
    BIO *front = NULL;
    int fd;

    BIO_clear_retry_flags(b);
    b->retry_reason = 0;
    fd = accept(b->num, NULL, NULL);
    if (fd < 0) {
        if (BIO_sock_should_retry(-1)) {
            BIO_set_retry_special(b);
            b->retry_reason = BIO_RR_ACCEPT;
            return -1;
        }
        push_sys(errno, "calling accept()");
        SHIM_ERR(ERR_LIB_BIO, BIO_R_ACCEPT_ERROR);
        return -1;
    }
    if (a->accept_nbio)
        (void)BIO_socket_nbio(fd, 1);
    conn = BIO_new_socket(fd, BIO_CLOSE);
    if (conn == NULL) {
        close(fd);
        return -1;
    }
    if (a->bios != NULL) {
        front = BIO_dup_chain(a->bios);
        if (front == NULL) {
            BIO_free(conn);
            return -1;
        }
        conn = BIO_push(front, conn);
    }
    (void)BIO_push(b, conn);
    return 1;
}

static int acpt_run(BIO *b, struct acpt_state *a)
{
    if (!a->listening)
        return acpt_listen(b, a);
    /* A connection not yet taken with BIO_pop() is still the current one. */
    if (b->next_bio != NULL)
        return 1;
    return acpt_accept(b, a);
}

static int acpt_read(BIO *b, char *out, int outl)
{
    struct acpt_state *a = b->ptr;
    int ret;

    BIO_clear_retry_flags(b);
    while (b->next_bio == NULL) {
        ret = acpt_run(b, a);
        if (ret <= 0)
            return ret;
    }
    ret = BIO_read(b->next_bio, out, outl);
    shim_bio_copy_next_retry(b);
    return ret;
}

static int acpt_write(BIO *b, const char *in, int inl)
{
    struct acpt_state *a = b->ptr;
    int ret;

    BIO_clear_retry_flags(b);
    while (b->next_bio == NULL) {
        ret = acpt_run(b, a);
        if (ret <= 0)
            return ret;
    }
    ret = BIO_write(b->next_bio, in, inl);
    shim_bio_copy_next_retry(b);
    return ret;
}

static long acpt_set(struct acpt_state *a, long which, void *parg)
{
    char *host;
    char *service;

    switch (which) {
    case 0: /* "host:port", or a lone port */
        if (!shim_parse_host_service(parg, 1, &host, &service))
            return 0;
        shim_free(a->host);
        shim_free(a->service);
        a->host = host;
        a->service = service;
        return 1;
    case 1:
        return shim_replace_string(&a->service, parg);
    case 2:
        a->accept_nbio = parg != NULL;
        return 1;
    case 3:
        BIO_free_all(a->bios);
        a->bios = parg;
        return 1;
    case 4:
        SHIM_ENSURE(parg != NULL && shim_bio_family(*(int *)parg) >= 0, ERR_LIB_BIO,
                    BIO_R_UNSUPPORTED_IP_FAMILY, 0);
        a->family = *(int *)parg;
        return 1;
    default:
        return 0;
    }
}

static long acpt_ctrl(BIO *b, int cmd, long larg, void *parg)
{
    struct acpt_state *a = b->ptr;

    switch (cmd) {
    case BIO_CTRL_RESET:
        acpt_close(b, a);
        return 0;
    case BIO_C_DO_STATE_MACHINE:
        return acpt_run(b, a);
    case BIO_C_SET_ACCEPT:
        return acpt_set(a, larg, parg);
    case BIO_C_GET_ACCEPT:
        if (parg == NULL)
            return larg == 4 ? a->family : 0;
        if (larg == 0) {
            *(const char **)parg = a->listening ? a->bound_host : a->host;
            return *(const char **)parg != NULL;
        }
        if (larg == 1) {
            *(const char **)parg = a->listening ? a->bound_service : a->service;
            return *(const char **)parg != NULL;
        }
        return larg == 4 ? a->family : 0;
    case BIO_C_SET_NBIO:
        a->nbio = larg != 0;
        return 1;
    case BIO_C_SET_BIND_MODE:
        a->bind_mode = (int)larg;
        return 1;
    case BIO_C_GET_BIND_MODE:
        return a->bind_mode;
    case BIO_C_GET_FD:
        if (b->num < 0)
            return -1;
        if (parg != NULL)
            *(int *)parg = b->num;
        return b->num;
    case BIO_CTRL_GET_CLOSE:
        return b->shutdown;
    case BIO_CTRL_SET_CLOSE:
        b->shutdown = (int)larg;
        return 1;
    case BIO_CTRL_FLUSH:
        return b->next_bio != NULL ? BIO_ctrl(b->next_bio, cmd, larg, parg) : 1;
    case BIO_CTRL_PENDING:
    case BIO_CTRL_WPENDING:
        return 0;
    default:
        return 0;
    }
}

static const BIO_METHOD acpt_method = {
    .type = BIO_TYPE_ACCEPT,
    .name = "socket accept",
    .write_int = acpt_write,
    .read_int = acpt_read,
    .puts = shim_puts_by_write,
    .ctrl = acpt_ctrl,
    .create = acpt_create,
    .destroy = acpt_destroy,
};

SHIM_EXPORT const BIO_METHOD *BIO_s_accept(void)
{
    return &acpt_method;
}

SHIM_EXPORT BIO *BIO_new_accept(const char *host_port)
{
    BIO *b = BIO_new(&acpt_method);

    if (b != NULL && BIO_set_accept_name(b, host_port) <= 0) {
        BIO_free(b);
        return NULL;
    }
    return b;
}
