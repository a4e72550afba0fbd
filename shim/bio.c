/* SPDX-License-Identifier: Apache-2.0 */
/* The BIO core: life cycle, reads, writes, controls and retry flags. */
#include "internal.h"

#include <limits.h>
#include <stdlib.h>

SHIM_EXPORT BIO *BIO_new(const BIO_METHOD *method)
{
    BIO *b;

    SHIM_ENSURE_ARG(method, ERR_LIB_BIO, NULL);
    b = calloc(1, sizeof(*b));
    SHIM_ENSURE(b != NULL, ERR_LIB_BIO, ERR_R_MALLOC_FAILURE, NULL);
    b->method = method;
    b->shutdown = BIO_CLOSE;
    b->refs = 1;
    if (method->create != NULL && !method->create(b)) {
        free(b);
        SHIM_ERR(ERR_LIB_BIO, ERR_R_INIT_FAIL);
        return NULL;
    }
    return b;
}

SHIM_EXPORT int BIO_free(BIO *a)
{
    if (a == NULL)
        return 0;
    if (shim_ref_dec(&a->refs) > 0)
        return 1;
    if (a->method->destroy != NULL)
        a->method->destroy(a);
    free(a);
    return 1;
}

SHIM_EXPORT void BIO_vfree(BIO *a)
{
    BIO_free(a);
}

SHIM_EXPORT void BIO_free_all(BIO *a)
{
    /* No BIO here is chained to another yet, so the chain is this BIO. */
    BIO_free(a);
}

SHIM_EXPORT int BIO_up_ref(BIO *a)
{
    if (a == NULL)
        return 0;
    shim_ref_inc(&a->refs);
    return 1;
}

SHIM_EXPORT int BIO_method_type(const BIO *b)
{
    return b != NULL ? b->method->type : BIO_TYPE_NONE;
}

SHIM_EXPORT void BIO_set_flags(BIO *b, int flags)
{
    if (b != NULL)
        b->flags |= flags;
}

SHIM_EXPORT int BIO_test_flags(const BIO *b, int flags)
{
    return b != NULL ? (b->flags & flags) : 0;
}

SHIM_EXPORT void BIO_clear_flags(BIO *b, int flags)
{
    if (b != NULL)
        b->flags &= ~flags;
}

SHIM_EXPORT int BIO_get_retry_reason(BIO *bio)
{
    return bio != NULL ? bio->retry_reason : 0;
}

SHIM_EXPORT void BIO_set_retry_reason(BIO *bio, int reason)
{
    if (bio != NULL)
        bio->retry_reason = reason;
}

/* OpenSSL's checks before any I/O: -2 for a method without the operation,
 * -1 for other misuse. */
static int bio_io_check(BIO *b, int has_op, int len)
{
    SHIM_ENSURE(b != NULL, ERR_LIB_BIO, ERR_R_PASSED_NULL_PARAMETER, -1);
    SHIM_ENSURE(has_op, ERR_LIB_BIO, BIO_R_UNSUPPORTED_METHOD, -2);
    SHIM_ENSURE(len >= 0, ERR_LIB_BIO, BIO_R_INVALID_ARGUMENT, -1);
    SHIM_ENSURE(b->init, ERR_LIB_BIO, BIO_R_UNINITIALIZED, -1);
    return 1;
}

SHIM_EXPORT int BIO_read(BIO *b, void *data, int dlen)
{
    int ret = bio_io_check(b, b != NULL && b->method->bread != NULL, dlen);

    if (ret <= 0)
        return ret;
    if (dlen == 0)
        return 0;
    SHIM_ENSURE_ARG(data, ERR_LIB_BIO, -1);
    ret = b->method->bread(b, data, dlen);
    if (ret > 0)
        b->num_read += (uint64_t)ret;
    return ret;
}

SHIM_EXPORT int BIO_write(BIO *b, const void *data, int dlen)
{
    int ret = bio_io_check(b, b != NULL && b->method->bwrite != NULL, dlen);

    if (ret <= 0)
        return ret;
    if (dlen == 0)
        return 0;
    SHIM_ENSURE_ARG(data, ERR_LIB_BIO, -1);
    ret = b->method->bwrite(b, data, dlen);
    if (ret > 0)
        b->num_write += (uint64_t)ret;
    return ret;
}

SHIM_EXPORT int BIO_read_ex(BIO *b, void *data, size_t dlen, size_t *readbytes)
{
    int ret = BIO_read(b, data, dlen > INT_MAX ? INT_MAX : (int)dlen);

    if (readbytes != NULL)
        *readbytes = ret > 0 ? (size_t)ret : 0;
    return ret > 0;
}

SHIM_EXPORT int BIO_write_ex(BIO *b, const void *data, size_t dlen, size_t *written)
{
    int ret;

    /* Writing nothing succeeds, as in OpenSSL. */
    if (dlen == 0 && b != NULL) {
        if (written != NULL)
            *written = 0;
        return 1;
    }
    ret = BIO_write(b, data, dlen > INT_MAX ? INT_MAX : (int)dlen);
    if (written != NULL)
        *written = ret > 0 ? (size_t)ret : 0;
    return ret > 0;
}

SHIM_EXPORT long BIO_ctrl(BIO *b, int cmd, long larg, void *parg)
{
    if (b == NULL)
        return -1;
    SHIM_ENSURE(b->method->ctrl != NULL, ERR_LIB_BIO, BIO_R_UNSUPPORTED_METHOD, -2);
    return b->method->ctrl(b, cmd, larg, parg);
}

SHIM_EXPORT long BIO_int_ctrl(BIO *b, int cmd, long larg, int iarg)
{
    int value = iarg;

    return BIO_ctrl(b, cmd, larg, &value);
}

SHIM_EXPORT void *BIO_ptr_ctrl(BIO *b, int cmd, long larg)
{
    void *p = NULL;

    if (BIO_ctrl(b, cmd, larg, &p) <= 0)
        return NULL;
    return p;
}

SHIM_EXPORT size_t BIO_ctrl_pending(BIO *b)
{
    long n = BIO_ctrl(b, BIO_CTRL_PENDING, 0, NULL);

    return n > 0 ? (size_t)n : 0;
}

SHIM_EXPORT size_t BIO_ctrl_wpending(BIO *b)
{
    long n = BIO_ctrl(b, BIO_CTRL_WPENDING, 0, NULL);

    return n > 0 ? (size_t)n : 0;
}
