/* SPDX-License-Identifier: Apache-2.0 */
/* Memory BIOs: BIO_s_mem() and the read-only BIO_new_mem_buf(). */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

struct mem_state {
    char *data;
    size_t len; /* bytes from data[off] on are unread */
    size_t off;
    size_t cap;
};

static size_t mem_avail(const struct mem_state *m)
{
    return m->len - m->off;
}

static int mem_create(BIO *b)
{
    struct mem_state *m = calloc(1, sizeof(*m));

    if (m == NULL)
        return 0;
    b->ptr = m;
    b->init = 1;
    /* An empty memory BIO asks the reader to retry, as OpenSSL's does. */
    b->num = -1;
    return 1;
}

static int mem_destroy(BIO *b)
{
    struct mem_state *m = b->ptr;

    if (m == NULL)
        return 1;
    if (!(b->flags & BIO_FLAGS_MEM_RDONLY) && b->shutdown)
        free(m->data);
    free(m);
    b->ptr = NULL;
    return 1;
}

static int mem_read(BIO *b, char *out, int outl)
{
    struct mem_state *m = b->ptr;
    size_t n = mem_avail(m);
    int ret;

    BIO_clear_retry_flags(b);
    if (n == 0) {
        ret = b->num;
        if (ret != 0)
            BIO_set_retry_read(b);
        return ret;
    }
    if (n > (size_t)outl)
        n = (size_t)outl;
    memcpy(out, m->data + m->off, n);
    m->off += n;
    return (int)n;
}

/* Makes room for add more bytes, moving unread data to the front first. */
static int mem_reserve(struct mem_state *m, size_t add)
{
    size_t unread = mem_avail(m);
    size_t need;
    char *grown;

    if (m->off > 0) {
        memmove(m->data, m->data + m->off, unread);
        m->len = unread;
        m->off = 0;
    }
    if (add > SIZE_MAX - unread)
        return 0;
    need = unread + add;
    if (need <= m->cap)
        return 1;
    if (need < 2 * m->cap)
        need = 2 * m->cap;
    grown = realloc(m->data, need);
    if (grown == NULL)
        return 0;
    m->data = grown;
    m->cap = need;
    return 1;
}

static int mem_write(BIO *b, const char *in, int inl)
{
    struct mem_state *m = b->ptr;

    BIO_clear_retry_flags(b);
    SHIM_ENSURE(!(b->flags & BIO_FLAGS_MEM_RDONLY), ERR_LIB_BIO, BIO_R_WRITE_TO_READ_ONLY_BIO, -1);
    SHIM_ENSURE(mem_reserve(m, (size_t)inl), ERR_LIB_BIO, ERR_R_MALLOC_FAILURE, -1);
    memcpy(m->data + m->len, in, (size_t)inl);
    m->len += (size_t)inl;
    return inl;
}

static long mem_ctrl(BIO *b, int cmd, long larg, void *parg)
{
    struct mem_state *m = b->ptr;

    switch (cmd) {
    case BIO_CTRL_RESET:
        /* A read-only buffer rewinds; a writable one empties. */
        if (b->flags & BIO_FLAGS_MEM_RDONLY)
            m->off = 0;
        else
            m->len = m->off = 0;
        return 1;
    case BIO_CTRL_EOF:
        return mem_avail(m) == 0;
    case BIO_C_SET_BUF_MEM_EOF_RETURN:
        b->num = (int)larg;
        return 1;
    case BIO_CTRL_INFO:
        if (parg != NULL)
            *(char **)parg = m->data != NULL ? m->data + m->off : NULL;
        return (long)mem_avail(m);
    case BIO_CTRL_PENDING:
        return (long)mem_avail(m);
    case BIO_CTRL_WPENDING:
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

static const BIO_METHOD mem_method = {
    .type = BIO_TYPE_MEM,
    .name = "memory buffer",
    .bwrite = mem_write,
    .bread = mem_read,
    .ctrl = mem_ctrl,
    .create = mem_create,
    .destroy = mem_destroy,
};

SHIM_EXPORT const BIO_METHOD *BIO_s_mem(void)
{
    return &mem_method;
}

SHIM_EXPORT BIO *BIO_new_mem_buf(const void *buf, int len)
{
    struct mem_state *m;
    size_t size;
    BIO *b;

    SHIM_ENSURE(buf != NULL, ERR_LIB_BIO, BIO_R_NULL_PARAMETER, NULL);
    size = len < 0 ? strlen(buf) : (size_t)len;
    b = BIO_new(&mem_method);
    if (b == NULL)
        return NULL;
    m = b->ptr;
    /* The caller's memory is read in place, never written or freed. */
    m->data = (char *)(uintptr_t)buf;
    m->len = m->cap = size;
    b->flags |= BIO_FLAGS_MEM_RDONLY;
    /* All data is there: the end of it is the end of the stream. */
    b->num = 0;
    return b;
}
