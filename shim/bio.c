/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The BIO core: life cycle, chains, reads, writes, lines, controls, retry
 * flags, callbacks and application data, following OpenSSL 3.0.
 */
#include "internal.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HAS_CALLBACK(b) ((b)->callback_ex != NULL || (b)->callback != NULL)

/* Operations whose length an old-style callback receives in argi. */
static int oper_has_length(int oper)
{
    int bare = oper & ~BIO_CB_RETURN;

    return bare == BIO_CB_READ || bare == BIO_CB_WRITE || bare == BIO_CB_GETS;
}

/* The callback around an operation: before it (ret 1, no count), where a
 * result <= 0 cancels the operation; after it, with the result, which the
 * callback may replace. A new-style callback wins over an old-style one;
 * the old style sees counts instead of 1 and gives them back the same way
 * (OpenSSL's documented conversion between the two). */
static long bio_callback(BIO *b, int oper, const void *argp, size_t len, int argi, long argl,
                         long ret, size_t *processed)
{
    int counted = (oper & BIO_CB_RETURN) && (oper & ~BIO_CB_RETURN) != BIO_CB_CTRL &&
                  processed != NULL;

    if (b->callback_ex != NULL)
        return b->callback_ex(b, oper, argp, len, argi, argl, (int)ret, processed);
    if (oper_has_length(oper)) {
        if (len > INT_MAX)
            return -1;
        argi = (int)len;
    }
    if (ret > 0 && counted) {
        if (*processed > INT_MAX)
            return -1;
        ret = (long)*processed;
    }
    ret = b->callback(b, oper, argp, argi, argl, ret);
    if (ret > 0 && counted) {
        *processed = (size_t)ret;
        ret = 1;
    }
    return ret;
}

SHIM_EXPORT BIO *BIO_new(const BIO_METHOD *method)
{
    BIO *b;

    SHIM_ENSURE_ARG(method, ERR_LIB_BIO, NULL);
    b = shim_calloc(1, sizeof(*b));
    SHIM_ENSURE(b != NULL, ERR_LIB_BIO, ERR_R_MALLOC_FAILURE, NULL);
    b->method = method;
    b->shutdown = BIO_CLOSE;
    b->refs = 1;
    if (!CRYPTO_new_ex_data(CRYPTO_EX_INDEX_BIO, b, &b->ex_data)) {
        shim_free(b);
        return NULL;
    }
    if (method->create != NULL && !method->create(b)) {
        CRYPTO_free_ex_data(CRYPTO_EX_INDEX_BIO, b, &b->ex_data);
        shim_free(b);
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
    if (HAS_CALLBACK(a)) {
        long ret = bio_callback(a, BIO_CB_FREE, NULL, 0, 0, 0L, 1L, NULL);

        if (ret <= 0)
            return (int)ret;
    }
    CRYPTO_free_ex_data(CRYPTO_EX_INDEX_BIO, a, &a->ex_data);
    if (a->method->destroy != NULL)
        a->method->destroy(a);
    shim_free(a);
    return 1;
}

SHIM_EXPORT void BIO_vfree(BIO *a)
{
    BIO_free(a);
}

/* Frees down the chain, stopping after a BIO that someone else still
 * holds (it keeps the rest of the chain alive). */
SHIM_EXPORT void BIO_free_all(BIO *a)
{
    while (a != NULL) {
        BIO *b = a;
        int shared = __atomic_load_n(&b->refs, __ATOMIC_ACQUIRE) > 1;

        a = a->next_bio;
        BIO_free(b);
        if (shared)
            break;
    }
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

SHIM_EXPORT const char *BIO_method_name(const BIO *b)
{
    return b != NULL ? b->method->name : NULL;
}

/* ---- Chains ---------------------------------------------------------------- */

SHIM_EXPORT BIO *BIO_push(BIO *b, BIO *append)
{
    BIO *last = b;

    if (b == NULL)
        return append;
    while (last->next_bio != NULL)
        last = last->next_bio;
    last->next_bio = append;
    if (append != NULL)
        append->prev_bio = last;
    /* Tell the head: an SSL BIO takes its new transport from this. */
    (void)BIO_ctrl(b, BIO_CTRL_PUSH, 0, last);
    return b;
}

SHIM_EXPORT BIO *BIO_pop(BIO *b)
{
    BIO *next;

    if (b == NULL)
        return NULL;
    next = b->next_bio;
    (void)BIO_ctrl(b, BIO_CTRL_POP, 0, b);
    if (b->prev_bio != NULL)
        b->prev_bio->next_bio = b->next_bio;
    if (b->next_bio != NULL)
        b->next_bio->prev_bio = b->prev_bio;
    b->next_bio = NULL;
    b->prev_bio = NULL;
    return next;
}

SHIM_EXPORT BIO *BIO_next(BIO *b)
{
    return b != NULL ? b->next_bio : NULL;
}

SHIM_EXPORT void BIO_set_next(BIO *b, BIO *next)
{
    if (b != NULL)
        b->next_bio = next;
}

/* A type with a low byte names one kind exactly; without, it names a class
 * (BIO_TYPE_SOURCE_SINK, BIO_TYPE_DESCRIPTOR...). */
SHIM_EXPORT BIO *BIO_find_type(BIO *b, int bio_type)
{
    for (; b != NULL; b = b->next_bio) {
        int type = b->method->type;

        if ((bio_type & 0xff) == 0 ? (type & bio_type) != 0 : type == bio_type)
            return b;
    }
    return NULL;
}

SHIM_EXPORT BIO *BIO_get_retry_BIO(BIO *bio, int *reason)
{
    BIO *last = bio;
    BIO *b;

    for (b = bio; b != NULL && BIO_should_retry(b); b = b->next_bio)
        last = b;
    if (reason != NULL && last != NULL)
        *reason = last->retry_reason;
    return last;
}

void shim_bio_copy_next_retry(BIO *b)
{
    BIO_set_flags(b, BIO_get_retry_flags(b->next_bio));
    b->retry_reason = b->next_bio->retry_reason;
}

/* A copy of every BIO of the chain, with its state as its method copies it. */
SHIM_EXPORT BIO *BIO_dup_chain(BIO *in)
{
    BIO *head = NULL;
    BIO *prev = NULL;
    BIO *b;

    for (b = in; b != NULL; b = b->next_bio) {
        BIO *copy = BIO_new(b->method);

        if (copy == NULL)
            goto err;
        copy->callback_ex = b->callback_ex;
        copy->callback = b->callback;
        copy->callback_arg = b->callback_arg;
        copy->init = b->init;
        copy->shutdown = b->shutdown;
        copy->flags = b->flags;
        copy->num = b->num;
        if (BIO_ctrl(b, BIO_CTRL_DUP, 0, copy) <= 0 ||
            !CRYPTO_dup_ex_data(CRYPTO_EX_INDEX_BIO, &copy->ex_data, &b->ex_data)) {
            BIO_free(copy);
            goto err;
        }
        if (head == NULL) {
            head = copy;
        } else {
            prev->next_bio = copy;
            copy->prev_bio = prev;
        }
        prev = copy;
    }
    return head;
err:
    BIO_free_all(head);
    return NULL;
}

/* ---- Flags --------------------------------------------------------------------- */

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

/* ---- I/O ---------------------------------------------------------------------------- */

/* OpenSSL's checks before any I/O: -2 for a method without the operation,
 * -1 for other misuse. */
static int bio_io_check(BIO *b, int has_op)
{
    SHIM_ENSURE(b != NULL, ERR_LIB_BIO, ERR_R_PASSED_NULL_PARAMETER, -1);
    SHIM_ENSURE(has_op, ERR_LIB_BIO, BIO_R_UNSUPPORTED_METHOD, -2);
    return 1;
}

/* OpenSSL's internal read: > 0 with *readbytes, else what the method said. */
static int bio_read_intern(BIO *b, void *data, size_t dlen, size_t *readbytes)
{
    int ret = bio_io_check(b, b != NULL && (b->method->read_int || b->method->read_ex));

    *readbytes = 0;
    if (ret <= 0)
        return ret;
    if (HAS_CALLBACK(b) && (ret = (int)bio_callback(b, BIO_CB_READ, data, dlen, 0, 0L, 1L, NULL)) <= 0)
        return ret;
    SHIM_ENSURE(b->init, ERR_LIB_BIO, BIO_R_UNINITIALIZED, -1);
    if (dlen > 0)
        SHIM_ENSURE_ARG(data, ERR_LIB_BIO, -1);
    if (b->method->read_ex != NULL) {
        ret = b->method->read_ex(b, data, dlen, readbytes);
    } else {
        ret = b->method->read_int(b, data, dlen > INT_MAX ? INT_MAX : (int)dlen);
        if (ret > 0) {
            *readbytes = (size_t)ret;
            ret = 1;
        }
    }
    if (ret > 0)
        b->num_read += *readbytes;
    if (HAS_CALLBACK(b))
        ret = (int)bio_callback(b, BIO_CB_READ | BIO_CB_RETURN, data, dlen, 0, 0L, ret, readbytes);
    /* A count larger than asked for would be a broken method. */
    if (ret > 0 && *readbytes > dlen) {
        SHIM_ERR(ERR_LIB_BIO, ERR_R_INTERNAL_ERROR);
        return -1;
    }
    return ret;
}

static int bio_write_intern(BIO *b, const void *data, size_t dlen, size_t *written)
{
    int ret = bio_io_check(b, b != NULL && (b->method->write_int || b->method->write_ex));

    *written = 0;
    if (ret <= 0)
        return ret;
    if (HAS_CALLBACK(b) &&
        (ret = (int)bio_callback(b, BIO_CB_WRITE, data, dlen, 0, 0L, 1L, NULL)) <= 0)
        return ret;
    SHIM_ENSURE(b->init, ERR_LIB_BIO, BIO_R_UNINITIALIZED, -1);
    if (dlen > 0)
        SHIM_ENSURE_ARG(data, ERR_LIB_BIO, -1);
    if (b->method->write_ex != NULL) {
        ret = b->method->write_ex(b, data, dlen, written);
    } else {
        ret = b->method->write_int(b, data, dlen > INT_MAX ? INT_MAX : (int)dlen);
        if (ret > 0) {
            *written = (size_t)ret;
            ret = 1;
        }
    }
    if (ret > 0)
        b->num_write += *written;
    if (HAS_CALLBACK(b))
        ret = (int)bio_callback(b, BIO_CB_WRITE | BIO_CB_RETURN, data, dlen, 0, 0L, ret, written);
    return ret;
}

SHIM_EXPORT int BIO_read(BIO *b, void *data, int dlen)
{
    size_t n;
    int ret;

    SHIM_ENSURE(dlen >= 0, ERR_LIB_BIO, BIO_R_INVALID_ARGUMENT, -1);
    /* Nothing asked, nothing read: a descriptor BIO would take a 0-byte
     * read() for the end of the stream. */
    if (dlen == 0 && b != NULL)
        return 0;
    ret = bio_read_intern(b, data, (size_t)dlen, &n);
    return ret > 0 ? (int)n : ret;
}

SHIM_EXPORT int BIO_read_ex(BIO *b, void *data, size_t dlen, size_t *readbytes)
{
    size_t n;
    int ret = bio_read_intern(b, data, dlen, &n);

    if (readbytes != NULL)
        *readbytes = ret > 0 ? n : 0;
    return ret > 0;
}

SHIM_EXPORT int BIO_write(BIO *b, const void *data, int dlen)
{
    size_t n;
    int ret;

    SHIM_ENSURE(dlen >= 0, ERR_LIB_BIO, BIO_R_INVALID_ARGUMENT, -1);
    if (dlen == 0 && b != NULL)
        return 0;
    ret = bio_write_intern(b, data, (size_t)dlen, &n);
    return ret > 0 ? (int)n : ret;
}

SHIM_EXPORT int BIO_write_ex(BIO *b, const void *data, size_t dlen, size_t *written)
{
    size_t n = 0;
    int ret;

    /* Writing nothing succeeds, as in OpenSSL. */
    if (dlen == 0 && b != NULL) {
        if (written != NULL)
            *written = 0;
        return 1;
    }
    ret = bio_write_intern(b, data, dlen, &n);
    if (written != NULL)
        *written = ret > 0 ? n : 0;
    return ret > 0;
}

SHIM_EXPORT int BIO_puts(BIO *b, const char *buf)
{
    size_t n = 0;
    int ret = bio_io_check(b, b != NULL && b->method->puts != NULL);

    if (ret <= 0)
        return ret;
    SHIM_ENSURE_ARG(buf, ERR_LIB_BIO, -1);
    if (HAS_CALLBACK(b) && (ret = (int)bio_callback(b, BIO_CB_PUTS, buf, 0, 0, 0L, 1L, NULL)) <= 0)
        return ret;
    SHIM_ENSURE(b->init, ERR_LIB_BIO, BIO_R_UNINITIALIZED, -1);
    ret = b->method->puts(b, buf);
    if (ret > 0) {
        b->num_write += (uint64_t)ret;
        n = (size_t)ret;
        ret = 1;
    }
    if (HAS_CALLBACK(b))
        ret = (int)bio_callback(b, BIO_CB_PUTS | BIO_CB_RETURN, buf, 0, 0, 0L, ret, &n);
    return ret > 0 ? (n > INT_MAX ? -1 : (int)n) : ret;
}

int shim_puts_by_write(BIO *b, const char *str)
{
    size_t len = strlen(str);

    return b->method->write_int(b, str, len > INT_MAX ? INT_MAX : (int)len);
}

SHIM_EXPORT int BIO_gets(BIO *b, char *buf, int size)
{
    size_t n = 0;
    int ret = bio_io_check(b, b != NULL && b->method->gets != NULL);

    if (ret <= 0)
        return ret;
    SHIM_ENSURE(size >= 0, ERR_LIB_BIO, BIO_R_INVALID_ARGUMENT, -1);
    SHIM_ENSURE_ARG(buf, ERR_LIB_BIO, -1);
    if (HAS_CALLBACK(b) &&
        (ret = (int)bio_callback(b, BIO_CB_GETS, buf, (size_t)size, 0, 0L, 1L, NULL)) <= 0)
        return ret;
    SHIM_ENSURE(b->init, ERR_LIB_BIO, BIO_R_UNINITIALIZED, -1);
    ret = b->method->gets(b, buf, size);
    if (ret > 0) {
        n = (size_t)ret;
        ret = 1;
    }
    if (HAS_CALLBACK(b))
        ret = (int)bio_callback(b, BIO_CB_GETS | BIO_CB_RETURN, buf, (size_t)size, 0, 0L, ret, &n);
    return ret > 0 ? (int)n : ret;
}

SHIM_EXPORT int BIO_vprintf(BIO *bio, const char *format, va_list args)
{
    char small[512];
    char *text = small;
    va_list copy;
    int len;
    int ret;

    SHIM_ENSURE_ARG(format, ERR_LIB_BIO, -1);
    va_copy(copy, args);
    len = vsnprintf(small, sizeof(small), format, copy);
    va_end(copy);
    SHIM_ENSURE(len >= 0, ERR_LIB_BIO, BIO_R_INVALID_ARGUMENT, -1);
    if ((size_t)len >= sizeof(small)) {
        text = shim_malloc((size_t)len + 1);
        SHIM_ENSURE(text != NULL, ERR_LIB_BIO, ERR_R_MALLOC_FAILURE, -1);
        (void)vsnprintf(text, (size_t)len + 1, format, args);
    }
    ret = BIO_write(bio, text, len);
    if (text != small)
        shim_free(text);
    return ret;
}

SHIM_EXPORT int BIO_printf(BIO *bio, const char *format, ...)
{
    va_list args;
    int ret;

    va_start(args, format);
    ret = BIO_vprintf(bio, format, args);
    va_end(args);
    return ret;
}

/* OpenSSL's snprintf answers -1 when the output did not fit. */
SHIM_EXPORT int BIO_vsnprintf(char *buf, size_t n, const char *format, va_list args)
{
    int len;

    if (buf == NULL || format == NULL)
        return -1;
    len = vsnprintf(buf, n, format, args);
    if (len < 0 || (size_t)len >= n)
        return -1;
    return len;
}

SHIM_EXPORT int BIO_snprintf(char *buf, size_t n, const char *format, ...)
{
    va_list args;
    int ret;

    va_start(args, format);
    ret = BIO_vsnprintf(buf, n, format, args);
    va_end(args);
    return ret;
}

/* ---- Controls ------------------------------------------------------------------------ */

SHIM_EXPORT long BIO_ctrl(BIO *b, int cmd, long larg, void *parg)
{
    long ret;

    if (b == NULL)
        return -1;
    SHIM_ENSURE(b->method->ctrl != NULL, ERR_LIB_BIO, BIO_R_UNSUPPORTED_METHOD, -2);
    if (HAS_CALLBACK(b) && (ret = bio_callback(b, BIO_CB_CTRL, parg, 0, cmd, larg, 1L, NULL)) <= 0)
        return ret;
    ret = b->method->ctrl(b, cmd, larg, parg);
    if (HAS_CALLBACK(b))
        ret = bio_callback(b, BIO_CB_CTRL | BIO_CB_RETURN, parg, 0, cmd, larg, ret, NULL);
    return ret;
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

SHIM_EXPORT long BIO_callback_ctrl(BIO *b, int cmd, BIO_info_cb *fp)
{
    if (b == NULL)
        return -2;
    SHIM_ENSURE(b->method->callback_ctrl != NULL && cmd == BIO_CTRL_SET_CALLBACK, ERR_LIB_BIO,
                BIO_R_UNSUPPORTED_METHOD, -2);
    return b->method->callback_ctrl(b, cmd, fp);
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

/* ---- Callbacks and application data ------------------------------------------------- */

SHIM_EXPORT BIO_callback_fn_ex BIO_get_callback_ex(const BIO *b)
{
    return b != NULL ? b->callback_ex : NULL;
}

SHIM_EXPORT void BIO_set_callback_ex(BIO *b, BIO_callback_fn_ex callback)
{
    if (b != NULL)
        b->callback_ex = callback;
}

SHIM_EXPORT BIO_callback_fn BIO_get_callback(const BIO *b)
{
    return b != NULL ? b->callback : NULL;
}

SHIM_EXPORT void BIO_set_callback(BIO *b, BIO_callback_fn callback)
{
    if (b != NULL)
        b->callback = callback;
}

SHIM_EXPORT char *BIO_get_callback_arg(const BIO *b)
{
    return b != NULL ? b->callback_arg : NULL;
}

SHIM_EXPORT void BIO_set_callback_arg(BIO *b, char *arg)
{
    if (b != NULL)
        b->callback_arg = arg;
}

SHIM_EXPORT int BIO_set_ex_data(BIO *bio, int idx, void *data)
{
    SHIM_ENSURE_ARG(bio, ERR_LIB_BIO, 0);
    return CRYPTO_set_ex_data(&bio->ex_data, idx, data);
}

SHIM_EXPORT void *BIO_get_ex_data(const BIO *bio, int idx)
{
    return bio != NULL ? CRYPTO_get_ex_data(&bio->ex_data, idx) : NULL;
}

/* ---- Errors of descriptor BIOs ---------------------------------------------------- */

/* The errno values that mean "try again", as OpenSSL lists them. */
static int errno_is_transient(int err)
{
    switch (err) {
    case EWOULDBLOCK:
#if EAGAIN != EWOULDBLOCK
    case EAGAIN:
#endif
    case ENOTCONN:
    case EINTR:
    case EPROTO:
    case EINPROGRESS:
    case EALREADY:
        return 1;
    default:
        return 0;
    }
}

SHIM_EXPORT int BIO_sock_non_fatal_error(int error)
{
    return errno_is_transient(error);
}

SHIM_EXPORT int BIO_fd_non_fatal_error(int error)
{
    return errno_is_transient(error);
}

SHIM_EXPORT int BIO_sock_should_retry(int i)
{
    return (i == 0 || i == -1) && errno_is_transient(errno);
}

SHIM_EXPORT int BIO_fd_should_retry(int i)
{
    return BIO_sock_should_retry(i);
}
