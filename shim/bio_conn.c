/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The connect BIO (BIO_s_connect): a socket that connects itself on first
 * use or on BIO_do_connect(), blocking or not. A connection in progress is
 * reported as a retry with BIO_RR_CONNECT, as OpenSSL reports it.
 */
#define _POSIX_C_SOURCE 200809L

#include "bio_net.h"

#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum conn_phase {
    CONN_BEFORE = 0, /* nothing looked up yet */
    CONN_CONNECTING, /* a non-blocking connect() in progress */
    CONN_OK,
    CONN_FAILED,
};

struct conn_state {
    enum conn_phase phase;
    char *host;
    char *service;
    BIO_ADDR *addr; /* BIO_set_conn_address(): used instead of a lookup */
    int family;     /* BIO_FAMILY_* */
    int nbio;
    struct addrinfo *addrs;
    struct addrinfo *next_addr;
};

static int conn_create(BIO *b)
{
    struct conn_state *c = shim_calloc(1, sizeof(*c));

    if (c == NULL)
        return 0;
    c->family = BIO_FAMILY_IPANY;
    b->ptr = c;
    b->num = -1;
    b->init = 1;
    return 1;
}

static void conn_close_socket(BIO *b)
{
    if (b->num >= 0 && b->shutdown)
        close(b->num);
    b->num = -1;
}

static void conn_reset(BIO *b, struct conn_state *c)
{
    conn_close_socket(b);
    if (c->addrs != NULL)
        freeaddrinfo(c->addrs);
    c->addrs = c->next_addr = NULL;
    c->phase = CONN_BEFORE;
}

static int conn_destroy(BIO *b)
{
    struct conn_state *c = b->ptr;

    if (c == NULL)
        return 1;
    conn_reset(b, c);
    shim_free(c->host);
    shim_free(c->service);
    BIO_ADDR_free(c->addr);
    shim_free(c);
    b->ptr = NULL;
    return 1;
}

static void push_connect_error(int err, const char *call, const struct conn_state *c)
{
    char data[200];

    snprintf(data, sizeof(data), "calling %s(%s, %s)", call, c->host != NULL ? c->host : "",
             c->service != NULL ? c->service : "");
    shim_err_push(ERR_LIB_SYS, err, __FILE__, __LINE__, __func__, data);
}

static int conn_lookup(struct conn_state *c)
{
    struct addrinfo hints;
    int family = shim_bio_family(c->family);
    int rc;

    SHIM_ENSURE(c->host != NULL && c->service != NULL, ERR_LIB_BIO,
                BIO_R_NO_HOSTNAME_OR_SERVICE_SPECIFIED, 0);
    SHIM_ENSURE(family >= 0, ERR_LIB_BIO, BIO_R_UNSUPPORTED_IP_FAMILY, 0);
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = family;
    hints.ai_socktype = SOCK_STREAM;
    rc = getaddrinfo(c->host, c->service, &hints, &c->addrs);
    if (rc != 0 || c->addrs == NULL) {
        SHIM_ERR_DATA(ERR_LIB_BIO, BIO_R_LOOKUP_RETURNED_NOTHING, gai_strerror(rc));
        return 0;
    }
    c->next_addr = c->addrs;
    return 1;
}

/* Starts connecting to one address: 1 connected, 0 in progress, -1 failed
 * (errno set). */
static int conn_start(BIO *b, struct conn_state *c, const struct sockaddr *sa, socklen_t len)
{
    int fd = socket(sa->sa_family, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    b->num = fd;
    if (c->nbio && !BIO_socket_nbio(fd, 1))
        return -1;
    if (connect(fd, sa, len) == 0)
        return 1;
    return (c->nbio && (errno == EINPROGRESS || errno == EINTR)) ? 0 : -1;
}

/* Whether a non-blocking connect has ended: 1 connected, 0 still going,
 * -1 failed (errno set). */
static int conn_check(BIO *b)
{
    struct pollfd pfd = {b->num, POLLOUT, 0};
    int err = 0;
    socklen_t len = sizeof(err);

    if (poll(&pfd, 1, 0) == 0)
        return 0;
    if (getsockopt(b->num, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
        return -1;
    if (err != 0) {
        errno = err;
        return -1;
    }
    return 1;
}

/* Runs the connection as far as it goes: 1 connected; 0 with the retry
 * flags set while in progress (OpenSSL's answer); 0 or -1 on failure. */
static int conn_run(BIO *b, struct conn_state *c)
{
    int ret;

    BIO_clear_retry_flags(b);
    b->retry_reason = 0;
    for (;;) {
        switch (c->phase) {
        case CONN_OK:
            return 1;
        case CONN_FAILED:
            return 0;
        case CONN_CONNECTING:
            ret = conn_check(b);
            break;
        case CONN_BEFORE:
        default:
            if (c->addr != NULL) {
                socklen_t len;
                const struct sockaddr *sa = shim_bio_addr_sockaddr(c->addr, &len);

                ret = conn_start(b, c, sa, len);
            } else {
                if (c->addrs == NULL && !conn_lookup(c))
                    return -1;
                ret = conn_start(b, c, c->next_addr->ai_addr, c->next_addr->ai_addrlen);
            }
            break;
        }
        if (ret > 0) {
            c->phase = CONN_OK;
            continue;
        }
        if (ret == 0) {
            c->phase = CONN_CONNECTING;
            BIO_set_retry_special(b);
            b->retry_reason = BIO_RR_CONNECT;
            return 0;
        }
        /* This address failed: the next one, if any. */
        {
            int err = errno;

            conn_close_socket(b);
            if (c->next_addr != NULL && c->next_addr->ai_next != NULL) {
                c->next_addr = c->next_addr->ai_next;
                c->phase = CONN_BEFORE;
                continue;
            }
            c->phase = CONN_FAILED;
            push_connect_error(err, "connect", c);
            SHIM_ERR(ERR_LIB_BIO, c->nbio ? BIO_R_NBIO_CONNECT_ERROR : BIO_R_CONNECT_ERROR);
            return 0;
        }
    }
}

static int conn_read(BIO *b, char *out, int outl)
{
    struct conn_state *c = b->ptr;

    if (c->phase != CONN_OK) {
        int ret = conn_run(b, c);

        if (ret <= 0)
            return ret;
    }
    return shim_desc_read(b, out, outl);
}

static int conn_write(BIO *b, const char *in, int inl)
{
    struct conn_state *c = b->ptr;

    if (c->phase != CONN_OK) {
        int ret = conn_run(b, c);

        if (ret <= 0)
            return ret;
    }
    return shim_desc_write(b, in, inl);
}

static long conn_set(BIO *b, struct conn_state *c, long which, void *parg)
{
    char *host;
    char *service;

    conn_reset(b, c);
    switch (which) {
    case 0: /* "host:port" or "host" */
        if (!shim_parse_host_service(parg, 0, &host, &service))
            return 0;
        shim_free(c->host);
        c->host = host;
        if (service != NULL) {
            shim_free(c->service);
            c->service = service;
        }
        return 1;
    case 1:
        return shim_replace_string(&c->service, parg);
    case 2:
        SHIM_ENSURE(parg != NULL, ERR_LIB_BIO, ERR_R_PASSED_NULL_PARAMETER, 0);
        if (c->addr == NULL && (c->addr = BIO_ADDR_new()) == NULL)
            return 0;
        shim_bio_addr_copy(c->addr, parg);
        return 1;
    case 3:
        SHIM_ENSURE(parg != NULL && shim_bio_family(*(int *)parg) >= 0, ERR_LIB_BIO,
                    BIO_R_UNSUPPORTED_IP_FAMILY, 0);
        c->family = *(int *)parg;
        return 1;
    default:
        return 0;
    }
}

static long conn_ctrl(BIO *b, int cmd, long larg, void *parg)
{
    struct conn_state *c = b->ptr;

    switch (cmd) {
    case BIO_CTRL_RESET:
        conn_reset(b, c);
        return 0;
    case BIO_C_DO_STATE_MACHINE:
        return c->phase == CONN_OK ? 1 : conn_run(b, c);
    case BIO_C_SET_CONNECT:
        return conn_set(b, c, larg, parg);
    case BIO_C_GET_CONNECT:
        if (parg == NULL)
            return larg == 3 ? c->family : 0;
        switch (larg) {
        case 0:
            *(const char **)parg = c->host;
            return c->host != NULL;
        case 1:
            *(const char **)parg = c->service;
            return c->service != NULL;
        case 2:
            *(const BIO_ADDR **)parg = c->addr;
            return c->addr != NULL;
        default:
            return c->family;
        }
    case BIO_C_SET_NBIO:
        c->nbio = larg != 0;
        return 1;
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
    case BIO_CTRL_DUP: {
        struct conn_state *to = ((BIO *)parg)->ptr;

        to->family = c->family;
        to->nbio = c->nbio;
        return shim_replace_string(&to->host, c->host) && shim_replace_string(&to->service, c->service);
    }
    case BIO_CTRL_FLUSH:
        return 1;
    case BIO_CTRL_EOF:
        return (b->flags & BIO_FLAGS_IN_EOF) != 0;
    default:
        return 0;
    }
}

static const BIO_METHOD conn_method = {
    .type = BIO_TYPE_CONNECT,
    .name = "socket connect",
    .write_int = conn_write,
    .read_int = conn_read,
    .puts = shim_puts_by_write,
    .ctrl = conn_ctrl,
    .create = conn_create,
    .destroy = conn_destroy,
};

SHIM_EXPORT const BIO_METHOD *BIO_s_connect(void)
{
    return &conn_method;
}

SHIM_EXPORT BIO *BIO_new_connect(const char *host_port)
{
    BIO *b = BIO_new(&conn_method);

    if (b != NULL && BIO_set_conn_hostname(b, host_port) <= 0) {
        BIO_free(b);
        return NULL;
    }
    return b;
}
