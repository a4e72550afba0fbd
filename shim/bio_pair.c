/* SPDX-License-Identifier: Apache-2.0 */
/*
 * BIO pairs (BIO_s_bio): two BIOs joined back to back, each with a ring
 * buffer that it writes into and its peer reads from.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* OpenSSL's default size of each half's buffer. */
#define PAIR_DEFAULT_SIZE ((size_t)17 * 1024)

struct pair_half {
    BIO *peer;
    int closed; /* BIO_shutdown_wr(): this half writes no more */
    char *buf;  /* what this half wrote and its peer has not read */
    size_t size;
    size_t len;
    size_t offset;
    size_t request; /* how much the peer last asked for and could not get */
};

static int pair_create(BIO *b)
{
    struct pair_half *h = shim_calloc(1, sizeof(*h));

    if (h == NULL)
        return 0;
    h->size = PAIR_DEFAULT_SIZE;
    b->ptr = h;
    return 1;
}

static void pair_unlink(BIO *b)
{
    struct pair_half *h = b->ptr;
    struct pair_half *peer_h;

    if (h->peer == NULL)
        return;
    peer_h = h->peer->ptr;
    peer_h->peer = NULL;
    h->peer->init = 0;
    h->peer = NULL;
    b->init = 0;
}

static int pair_destroy(BIO *b)
{
    struct pair_half *h = b->ptr;

    if (h == NULL)
        return 1;
    pair_unlink(b);
    shim_free(h->buf);
    shim_free(h);
    b->ptr = NULL;
    return 1;
}

static int pair_read(BIO *b, char *out, int outl)
{
    struct pair_half *src;
    size_t want = (size_t)outl;
    size_t done = 0;

    BIO_clear_retry_flags(b);
    if (!b->init)
        return 0;
    src = ((struct pair_half *)b->ptr)->peer->ptr;
    src->request = 0;
    if (src->len == 0) {
        if (src->closed)
            return 0;
        BIO_set_retry_read(b);
        src->request = want <= src->size ? want : src->size;
        return -1;
    }
    if (want > src->len)
        want = src->len;
    while (done < want) {
        size_t chunk = want - done;

        if (chunk > src->size - src->offset)
            chunk = src->size - src->offset;
        memcpy(out + done, src->buf + src->offset, chunk);
        done += chunk;
        src->offset = (src->offset + chunk) % src->size;
        src->len -= chunk;
    }
    if (src->len == 0)
        src->offset = 0;
    return (int)done;
}

static int pair_write(BIO *b, const char *in, int inl)
{
    struct pair_half *h = b->ptr;
    size_t want = (size_t)inl;
    size_t done = 0;

    BIO_clear_retry_flags(b);
    if (!b->init)
        return 0;
    h->request = 0;
    SHIM_ENSURE(!h->closed, ERR_LIB_BIO, BIO_R_BROKEN_PIPE, -1);
    if (h->len == h->size) {
        BIO_set_retry_write(b);
        return -1;
    }
    if (want > h->size - h->len)
        want = h->size - h->len;
    while (done < want) {
        size_t end = (h->offset + h->len) % h->size;
        size_t chunk = want - done;

        if (chunk > h->size - end)
            chunk = h->size - end;
        memcpy(h->buf + end, in + done, chunk);
        done += chunk;
        h->len += chunk;
    }
    return (int)done;
}

static int pair_join(BIO *b1, BIO *b2)
{
    struct pair_half *h1 = b1->ptr;
    struct pair_half *h2;

    SHIM_ENSURE(b2 != NULL && b2->method == b1->method, ERR_LIB_BIO, BIO_R_INVALID_ARGUMENT, 0);
    h2 = b2->ptr;
    SHIM_ENSURE(h1->peer == NULL && h2->peer == NULL, ERR_LIB_BIO, BIO_R_IN_USE, 0);
    if (h1->buf == NULL) {
        h1->buf = shim_malloc(h1->size);
        SHIM_ENSURE(h1->buf != NULL, ERR_LIB_BIO, ERR_R_MALLOC_FAILURE, 0);
    }
    if (h2->buf == NULL) {
        h2->buf = shim_malloc(h2->size);
        SHIM_ENSURE(h2->buf != NULL, ERR_LIB_BIO, ERR_R_MALLOC_FAILURE, 0);
    }
    h1->len = h1->offset = h1->request = 0;
    h2->len = h2->offset = h2->request = 0;
    h1->closed = h2->closed = 0;
    h1->peer = b2;
    h2->peer = b1;
    b1->init = b2->init = 1;
    return 1;
}

static long pair_ctrl(BIO *b, int cmd, long larg, void *parg)
{
    struct pair_half *h = b->ptr;
    struct pair_half *peer_h = h->peer != NULL ? h->peer->ptr : NULL;

    switch (cmd) {
    case BIO_C_SET_WRITE_BUF_SIZE:
        SHIM_ENSURE(h->peer == NULL, ERR_LIB_BIO, BIO_R_IN_USE, 0);
        SHIM_ENSURE(larg > 0, ERR_LIB_BIO, BIO_R_INVALID_ARGUMENT, 0);
        if ((size_t)larg != h->size) {
            shim_free(h->buf);
            h->buf = NULL;
            h->size = (size_t)larg;
        }
        return 1;
    case BIO_C_GET_WRITE_BUF_SIZE:
        return (long)h->size;
    case BIO_C_MAKE_BIO_PAIR:
        return pair_join(b, parg);
    case BIO_C_DESTROY_BIO_PAIR:
        pair_unlink(b);
        return 1;
    case BIO_C_GET_WRITE_GUARANTEE:
        if (h->peer == NULL || h->closed)
            return 0;
        return (long)(h->size - h->len);
    case BIO_C_GET_READ_REQUEST:
        return (long)h->request;
    case BIO_C_RESET_READ_REQUEST:
        h->request = 0;
        return 1;
    case BIO_C_SHUTDOWN_WR:
        h->closed = 1;
        return 1;
    case BIO_CTRL_PENDING:
        return peer_h != NULL ? (long)peer_h->len : 0;
    case BIO_CTRL_WPENDING:
        return h->buf != NULL ? (long)h->len : 0;
    case BIO_CTRL_EOF:
        return peer_h == NULL || (peer_h->len == 0 && peer_h->closed);
    case BIO_CTRL_RESET:
        h->len = h->offset = 0;
        return 0;
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

static const BIO_METHOD pair_method = {
    .type = BIO_TYPE_BIO,
    .name = "BIO pair",
    .write_int = pair_write,
    .read_int = pair_read,
    .ctrl = pair_ctrl,
    .create = pair_create,
    .destroy = pair_destroy,
};

SHIM_EXPORT const BIO_METHOD *BIO_s_bio(void)
{
    return &pair_method;
}

SHIM_EXPORT int BIO_new_bio_pair(BIO **bio1, size_t writebuf1, BIO **bio2, size_t writebuf2)
{
    BIO *b1 = NULL;
    BIO *b2 = NULL;
    int ret = 0;

    SHIM_ENSURE(bio1 != NULL && bio2 != NULL, ERR_LIB_BIO, ERR_R_PASSED_NULL_PARAMETER, 0);
    b1 = BIO_new(&pair_method);
    b2 = BIO_new(&pair_method);
    if (b1 == NULL || b2 == NULL)
        goto err;
    if (writebuf1 != 0 && !BIO_set_write_buf_size(b1, (long)writebuf1))
        goto err;
    if (writebuf2 != 0 && !BIO_set_write_buf_size(b2, (long)writebuf2))
        goto err;
    if (!BIO_make_bio_pair(b1, b2))
        goto err;
    ret = 1;
err:
    if (!ret) {
        BIO_free(b1);
        BIO_free(b2);
        b1 = b2 = NULL;
    }
    *bio1 = b1;
    *bio2 = b2;
    return ret;
}

SHIM_EXPORT size_t BIO_ctrl_get_write_guarantee(BIO *b)
{
    long n = BIO_ctrl(b, BIO_C_GET_WRITE_GUARANTEE, 0, NULL);

    return n > 0 ? (size_t)n : 0;
}

SHIM_EXPORT size_t BIO_ctrl_get_read_request(BIO *b)
{
    long n = BIO_ctrl(b, BIO_C_GET_READ_REQUEST, 0, NULL);

    return n > 0 ? (size_t)n : 0;
}

SHIM_EXPORT int BIO_ctrl_reset_read_request(BIO *b)
{
    return BIO_ctrl(b, BIO_C_RESET_READ_REQUEST, 0, NULL) != 0;
}
