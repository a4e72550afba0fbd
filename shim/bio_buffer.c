/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The buffering filter (BIO_f_buffer): reads ahead and collects writes, so
 * that BIO_gets works over any BIO and small writes go out together on
 * BIO_flush. Its reads, writes and lines follow OpenSSL's.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* OpenSSL's default, and the smallest size it will use. */
#define BUFFER_DEFAULT_SIZE 4096

struct buffer_state {
    char *ibuf;
    size_t ibuf_size;
    size_t ibuf_off;
    size_t ibuf_len;
    char *obuf;
    size_t obuf_size;
    size_t obuf_off;
    size_t obuf_len;
};

static int buffer_create(BIO *b)
{
    struct buffer_state *st = shim_calloc(1, sizeof(*st));

    if (st == NULL)
        return 0;
    st->ibuf = shim_malloc(BUFFER_DEFAULT_SIZE);
    st->obuf = shim_malloc(BUFFER_DEFAULT_SIZE);
    if (st->ibuf == NULL || st->obuf == NULL) {
        shim_free(st->ibuf);
        shim_free(st->obuf);
        shim_free(st);
        return 0;
    }
    st->ibuf_size = st->obuf_size = BUFFER_DEFAULT_SIZE;
    b->ptr = st;
    b->init = 1;
    return 1;
}

static int buffer_destroy(BIO *b)
{
    struct buffer_state *st = b->ptr;

    if (st == NULL)
        return 1;
    shim_free(st->ibuf);
    shim_free(st->obuf);
    shim_free(st);
    b->ptr = NULL;
    return 1;
}

/* Takes up to len buffered input bytes. */
static size_t take_input(struct buffer_state *st, char *out, size_t len)
{
    size_t n = st->ibuf_len < len ? st->ibuf_len : len;

    memcpy(out, st->ibuf + st->ibuf_off, n);
    st->ibuf_off += n;
    st->ibuf_len -= n;
    return n;
}

/* The next BIO's result when it moved nothing: its retry state becomes
 * ours, and what was already done counts. */
static int next_failed(BIO *b, int ret, int done)
{
    shim_bio_copy_next_retry(b);
    if (ret < 0)
        return done > 0 ? done : ret;
    return done;
}

static int buffer_read(BIO *b, char *out, int outl)
{
    struct buffer_state *st = b->ptr;
    size_t want = (size_t)outl;
    int done = 0;
    int n;

    BIO_clear_retry_flags(b);
    if (b->next_bio == NULL)
        return 0;
    for (;;) {
        size_t got = take_input(st, out, want);

        done += (int)got;
        out += got;
        want -= got;
        if (want == 0)
            return done;
        /* A large request skips the buffer. */
        if (want > st->ibuf_size) {
            n = BIO_read(b->next_bio, out, (int)want);
            if (n <= 0)
                return next_failed(b, n, done);
            done += n;
            out += n;
            want -= (size_t)n;
            if (want == 0)
                return done;
            continue;
        }
        n = BIO_read(b->next_bio, st->ibuf, (int)st->ibuf_size);
        if (n <= 0)
            return next_failed(b, n, done);
        st->ibuf_off = 0;
        st->ibuf_len = (size_t)n;
    }
}

/* Writes out buffered output. 1 when it is all gone, else the next BIO's
 * result, with its retry state copied. */
static int flush_output(BIO *b)
{
    struct buffer_state *st = b->ptr;

    while (st->obuf_len > 0) {
        int n = BIO_write(b->next_bio, st->obuf + st->obuf_off, (int)st->obuf_len);

        if (n <= 0) {
            shim_bio_copy_next_retry(b);
            return n;
        }
        st->obuf_off += (size_t)n;
        st->obuf_len -= (size_t)n;
    }
    st->obuf_off = 0;
    return 1;
}

static int buffer_write(BIO *b, const char *in, int inl)
{
    struct buffer_state *st = b->ptr;
    size_t left = (size_t)inl;
    int done = 0;
    int n;

    BIO_clear_retry_flags(b);
    if (b->next_bio == NULL)
        return 0;
    for (;;) {
        size_t room = st->obuf_size - (st->obuf_off + st->obuf_len);

        if (room >= left) {
            memcpy(st->obuf + st->obuf_off + st->obuf_len, in, left);
            st->obuf_len += left;
            return done + (int)left;
        }
        /* Fill the buffer, then send it. */
        if (st->obuf_len > 0) {
            memcpy(st->obuf + st->obuf_off + st->obuf_len, in, room);
            st->obuf_len += room;
            in += room;
            left -= room;
            done += (int)room;
            n = flush_output(b);
            if (n <= 0)
                return n < 0 && done == 0 ? n : done;
        }
        st->obuf_off = 0;
        /* What does not fit in a buffer goes straight through. */
        while (left >= st->obuf_size) {
            n = BIO_write(b->next_bio, in, (int)left);
            if (n <= 0)
                return next_failed(b, n, done);
            done += n;
            in += n;
            left -= (size_t)n;
        }
        if (left == 0)
            return done;
    }
}

static int buffer_gets(BIO *b, char *buf, int size)
{
    struct buffer_state *st = b->ptr;
    int done = 0;
    int n;

    BIO_clear_retry_flags(b);
    if (size <= 0)
        return 0;
    size--; /* room for the NUL */
    for (;;) {
        if (st->ibuf_len > 0) {
            const char *p = st->ibuf + st->ibuf_off;
            size_t i;
            int line_end = 0;

            for (i = 0; i < st->ibuf_len && (int)i < size; i++) {
                buf[done + (int)i] = p[i];
                if (p[i] == '\n') {
                    line_end = 1;
                    i++;
                    break;
                }
            }
            done += (int)i;
            size -= (int)i;
            st->ibuf_len -= i;
            st->ibuf_off += i;
            if (line_end || size == 0) {
                buf[done] = '\0';
                return done;
            }
            continue;
        }
        if (b->next_bio == NULL) {
            buf[done] = '\0';
            return done;
        }
        /* The line arrives in pieces: read more. */
        n = BIO_read(b->next_bio, st->ibuf, (int)st->ibuf_size);
        if (n <= 0) {
            buf[done] = '\0';
            return next_failed(b, n, done);
        }
        st->ibuf_off = 0;
        st->ibuf_len = (size_t)n;
    }
}

/* New buffer sizes (never below OpenSSL's default); both when which is
 * NULL, else *which 0 for input, 1 for output. */
static long set_buffer_size(struct buffer_state *st, long size, const int *which)
{
    size_t want = size > BUFFER_DEFAULT_SIZE ? (size_t)size : BUFFER_DEFAULT_SIZE;
    int input = which == NULL || *which == 0;
    int output = which == NULL || *which != 0;
    char *nin = NULL;
    char *nout = NULL;

    if (input && want != st->ibuf_size) {
        nin = shim_malloc(want);
        SHIM_ENSURE(nin != NULL, ERR_LIB_BIO, ERR_R_MALLOC_FAILURE, 0);
    }
    if (output && want != st->obuf_size) {
        nout = shim_malloc(want);
        if (nout == NULL) {
            shim_free(nin);
            SHIM_ERR(ERR_LIB_BIO, ERR_R_MALLOC_FAILURE);
            return 0;
        }
    }
    /* As in OpenSSL, a new buffer starts empty. */
    if (nin != NULL) {
        shim_free(st->ibuf);
        st->ibuf = nin;
        st->ibuf_size = want;
        st->ibuf_off = st->ibuf_len = 0;
    }
    if (nout != NULL) {
        shim_free(st->obuf);
        st->obuf = nout;
        st->obuf_size = want;
        st->obuf_off = st->obuf_len = 0;
    }
    return 1;
}

static long buffer_ctrl(BIO *b, int cmd, long larg, void *parg)
{
    struct buffer_state *st = b->ptr;
    long ret;
    size_t i;

    switch (cmd) {
    case BIO_CTRL_RESET:
        st->ibuf_off = st->ibuf_len = 0;
        st->obuf_off = st->obuf_len = 0;
        return b->next_bio != NULL ? BIO_ctrl(b->next_bio, cmd, larg, parg) : 0;
    case BIO_CTRL_EOF:
        if (st->ibuf_len > 0)
            return 0;
        return b->next_bio != NULL ? BIO_ctrl(b->next_bio, cmd, larg, parg) : 1;
    case BIO_CTRL_INFO:
        return (long)st->obuf_len;
    case BIO_C_GET_BUFF_NUM_LINES:
        ret = 0;
        for (i = 0; i < st->ibuf_len; i++) {
            if (st->ibuf[st->ibuf_off + i] == '\n')
                ret++;
        }
        return ret;
    case BIO_CTRL_WPENDING:
        if (st->obuf_len > 0)
            return (long)st->obuf_len;
        return b->next_bio != NULL ? BIO_ctrl(b->next_bio, cmd, larg, parg) : 0;
    case BIO_CTRL_PENDING:
        if (st->ibuf_len > 0)
            return (long)st->ibuf_len;
        return b->next_bio != NULL ? BIO_ctrl(b->next_bio, cmd, larg, parg) : 0;
    case BIO_C_SET_BUFF_READ_DATA:
        SHIM_ENSURE(larg >= 0 && (parg != NULL || larg == 0), ERR_LIB_BIO, BIO_R_INVALID_ARGUMENT,
                    0);
        if ((size_t)larg > st->ibuf_size && !set_buffer_size(st, larg, &(const int){0}))
            return 0;
        memcpy(st->ibuf, parg, (size_t)larg);
        st->ibuf_off = 0;
        st->ibuf_len = (size_t)larg;
        return 1;
    case BIO_C_SET_BUFF_SIZE:
        return set_buffer_size(st, larg, parg);
    case BIO_CTRL_FLUSH:
        if (b->next_bio == NULL)
            return 0;
        BIO_clear_retry_flags(b);
        ret = flush_output(b);
        if (ret <= 0)
            return ret;
        ret = BIO_ctrl(b->next_bio, cmd, larg, parg);
        shim_bio_copy_next_retry(b);
        return ret;
    case BIO_CTRL_DUP:
        return set_buffer_size(((BIO *)parg)->ptr, (long)st->ibuf_size, &(const int){0}) &&
               set_buffer_size(((BIO *)parg)->ptr, (long)st->obuf_size, &(const int){1});
    case BIO_C_DO_STATE_MACHINE:
        if (b->next_bio == NULL)
            return 0;
        BIO_clear_retry_flags(b);
        ret = BIO_ctrl(b->next_bio, cmd, larg, parg);
        shim_bio_copy_next_retry(b);
        return ret;
    default:
        /* Including PUSH and POP: an SSL BIO further down takes its
         * transport from them. */
        return b->next_bio != NULL ? BIO_ctrl(b->next_bio, cmd, larg, parg) : 0;
    }
}

static long buffer_callback_ctrl(BIO *b, int cmd, BIO_info_cb *fp)
{
    return b->next_bio != NULL ? BIO_callback_ctrl(b->next_bio, cmd, fp) : 0;
}

static const BIO_METHOD buffer_method = {
    .type = BIO_TYPE_BUFFER,
    .name = "buffer",
    .write_int = buffer_write,
    .read_int = buffer_read,
    .puts = shim_puts_by_write,
    .gets = buffer_gets,
    .ctrl = buffer_ctrl,
    .create = buffer_create,
    .destroy = buffer_destroy,
    .callback_ctrl = buffer_callback_ctrl,
};

SHIM_EXPORT const BIO_METHOD *BIO_f_buffer(void)
{
    return &buffer_method;
}
