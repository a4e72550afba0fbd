/* SPDX-License-Identifier: Apache-2.0 */
/* Memory BIOs: BIO_s_mem(), BIO_s_secmem() and the read-only
 * BIO_new_mem_buf(), over a BUF_MEM as OpenSSL's are. */
#include "internal.h"

#include <openssl/buffer.h>

#include <stdlib.h>
#include <string.h>

struct mem_state {
    BUF_MEM *buf; /* for a read-only BIO, a view of the caller's memory */
    size_t off;   /* read position in a writable buffer */
    /* What a read-only BIO rewinds to. */
    char *rdonly_start;
    size_t rdonly_len;
};

static int is_rdonly(const BIO *b)
{
    return (b->flags & BIO_FLAGS_MEM_RDONLY) != 0;
}

static size_t mem_avail(const struct mem_state *m)
{
    return m->buf->length - m->off;
}

static const char *mem_read_pos(const struct mem_state *m)
{
    return m->buf->data + m->off;
}

/* Moves unread data to the front: what BIO_get_mem_ptr shows, and room
 * for writes. */
static void mem_compact(struct mem_state *m)
{
    size_t unread = mem_avail(m);

    if (m->off == 0)
        return;
    memmove(m->buf->data, m->buf->data + m->off, unread);
    m->buf->length = unread;
    m->off = 0;
}

static int mem_create_with(BIO *b, unsigned long buf_flags)
{
    struct mem_state *m = shim_calloc(1, sizeof(*m));

    if (m == NULL)
        return 0;
    m->buf = BUF_MEM_new_ex(buf_flags);
    if (m->buf == NULL) {
        shim_free(m);
        return 0;
    }
    b->ptr = m;
    b->init = 1;
    /* An empty memory BIO asks the reader to retry, as OpenSSL's does. */
    b->num = -1;
    return 1;
}

static int mem_create(BIO *b)
{
    return mem_create_with(b, 0);
}

static int secmem_create(BIO *b)
{
    return mem_create_with(b, BUF_MEM_FLAG_SECURE);
}

static void mem_release_buf(BIO *b, struct mem_state *m)
{
    if (m->buf == NULL)
        return;
    if (is_rdonly(b)) {
        m->buf->data = NULL; /* the caller's memory */
        BUF_MEM_free(m->buf);
    } else if (b->shutdown) {
        BUF_MEM_free(m->buf);
    }
    m->buf = NULL;
}

static int mem_destroy(BIO *b)
{
    struct mem_state *m = b->ptr;

    if (m == NULL)
        return 1;
    mem_release_buf(b, m);
    shim_free(m);
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
    memcpy(out, mem_read_pos(m), n);
    if (is_rdonly(b)) {
        /* The caller's memory cannot move: the view advances instead. */
        m->buf->data += n;
        m->buf->length -= n;
    } else {
        m->off += n;
    }
    return (int)n;
}

static int mem_write(BIO *b, const char *in, int inl)
{
    struct mem_state *m = b->ptr;
    size_t len;

    BIO_clear_retry_flags(b);
    SHIM_ENSURE(!is_rdonly(b), ERR_LIB_BIO, BIO_R_WRITE_TO_READ_ONLY_BIO, -1);
    mem_compact(m);
    len = m->buf->length;
    SHIM_ENSURE(BUF_MEM_grow_clean(m->buf, len + (size_t)inl) != 0 || inl == 0, ERR_LIB_BIO,
                ERR_R_MALLOC_FAILURE, -1);
    memcpy(m->buf->data + len, in, (size_t)inl);
    return inl;
}

/* Up to and including the first newline, within size - 1 bytes. Nothing
 * there gives 0, with no retry, as in OpenSSL. */
static int mem_gets(BIO *b, char *buf, int size)
{
    struct mem_state *m = b->ptr;
    size_t limit = mem_avail(m);
    const char *p = mem_read_pos(m);
    size_t i;
    int n;

    BIO_clear_retry_flags(b);
    if (size <= 1 || limit == 0) {
        if (size > 0)
            *buf = '\0';
        return 0;
    }
    if (limit > (size_t)size - 1)
        limit = (size_t)size - 1;
    for (i = 0; i < limit; i++) {
        if (p[i] == '\n') {
            i++;
            break;
        }
    }
    n = mem_read(b, buf, (int)i);
    if (n > 0)
        buf[n] = '\0';
    return n;
}

static long mem_ctrl(BIO *b, int cmd, long larg, void *parg)
{
    struct mem_state *m = b->ptr;

    switch (cmd) {
    case BIO_CTRL_RESET:
        if (is_rdonly(b)) {
            m->buf->data = m->rdonly_start;
            m->buf->length = m->rdonly_len;
        } else if (b->flags & BIO_FLAGS_NONCLEAR_RST) {
            m->off = 0; /* read it all again */
        } else {
            (void)BUF_MEM_grow_clean(m->buf, 0);
            m->off = 0;
        }
        return 1;
    case BIO_CTRL_EOF:
        return mem_avail(m) == 0;
    case BIO_C_SET_BUF_MEM_EOF_RETURN:
        b->num = (int)larg;
        return 1;
    case BIO_CTRL_INFO:
        if (parg != NULL)
            *(char **)parg = mem_avail(m) > 0 ? (char *)mem_read_pos(m) : m->buf->data;
        return (long)mem_avail(m);
    case BIO_C_SET_BUF_MEM:
        SHIM_ENSURE(parg != NULL, ERR_LIB_BIO, ERR_R_PASSED_NULL_PARAMETER, 0);
        mem_release_buf(b, m);
        b->flags &= ~BIO_FLAGS_MEM_RDONLY;
        m->buf = parg;
        m->off = 0;
        b->shutdown = (int)larg;
        return 1;
    case BIO_C_GET_BUF_MEM_PTR:
        if (!is_rdonly(b))
            mem_compact(m);
        if (parg != NULL)
            *(BUF_MEM **)parg = m->buf;
        return 1;
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
    .write_int = mem_write,
    .read_int = mem_read,
    .puts = shim_puts_by_write,
    .gets = mem_gets,
    .ctrl = mem_ctrl,
    .create = mem_create,
    .destroy = mem_destroy,
};

/* The same, with a buffer wiped before it is freed. */
static const BIO_METHOD secmem_method = {
    .type = BIO_TYPE_MEM,
    .name = "secure memory buffer",
    .write_int = mem_write,
    .read_int = mem_read,
    .puts = shim_puts_by_write,
    .gets = mem_gets,
    .ctrl = mem_ctrl,
    .create = secmem_create,
    .destroy = mem_destroy,
};

SHIM_EXPORT const BIO_METHOD *BIO_s_mem(void)
{
    return &mem_method;
}

SHIM_EXPORT const BIO_METHOD *BIO_s_secmem(void)
{
    return &secmem_method;
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
    m->buf->data = (char *)(uintptr_t)buf;
    m->buf->length = m->buf->max = size;
    m->rdonly_start = m->buf->data;
    m->rdonly_len = size;
    b->flags |= BIO_FLAGS_MEM_RDONLY;
    /* All data is there: the end of it is the end of the stream. */
    b->num = 0;
    return b;
}
