/* SPDX-License-Identifier: Apache-2.0 */
/* The null BIO: swallows everything written, reads nothing. */
#include "internal.h"

#include <limits.h>
#include <string.h>

static int null_write(BIO *b, const char *in, int inl)
{
    (void)b;
    (void)in;
    return inl;
}

static int null_read(BIO *b, char *out, int outl)
{
    (void)b;
    (void)out;
    (void)outl;
    return 0;
}

static int null_puts(BIO *b, const char *str)
{
    size_t len = strlen(str);

    (void)b;
    return len > INT_MAX ? INT_MAX : (int)len;
}

static int null_gets(BIO *b, char *buf, int size)
{
    (void)b;
    (void)buf;
    (void)size;
    return 0;
}

static long null_ctrl(BIO *b, int cmd, long larg, void *parg)
{
    (void)b;
    (void)larg;
    (void)parg;
    switch (cmd) {
    case BIO_CTRL_RESET:
    case BIO_CTRL_EOF:
    case BIO_CTRL_SET:
    case BIO_CTRL_SET_CLOSE:
    case BIO_CTRL_FLUSH:
    case BIO_CTRL_DUP:
        return 1;
    default:
        return 0;
    }
}

static int null_create(BIO *b)
{
    b->init = 1;
    return 1;
}

static const BIO_METHOD null_method = {
    .type = BIO_TYPE_NULL,
    .name = "NULL",
    .write_int = null_write,
    .read_int = null_read,
    .puts = null_puts,
    .gets = null_gets,
    .ctrl = null_ctrl,
    .create = null_create,
};

SHIM_EXPORT const BIO_METHOD *BIO_s_null(void)
{
    return &null_method;
}
