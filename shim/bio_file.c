/* SPDX-License-Identifier: Apache-2.0 */
/* File BIOs over stdio: BIO_s_file(), BIO_new_file(), BIO_new_fp(). The
 * one BIO that needs a C library with files. */
#include "internal.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

static FILE *file_of(BIO *b)
{
    return b->ptr;
}

static void file_close(BIO *b)
{
    if (b->shutdown && b->init && b->ptr != NULL)
        fclose(file_of(b));
    b->ptr = NULL;
    b->init = 0;
}

static int file_destroy(BIO *b)
{
    file_close(b);
    return 1;
}

static void push_sys_error(const char *call, const char *what)
{
    char data[160];

    snprintf(data, sizeof(data), "calling %s(%s)", call, what != NULL ? what : "");
    shim_err_push(ERR_LIB_SYS, errno, __FILE__, __LINE__, __func__, data);
}

static int file_read(BIO *b, char *out, int outl)
{
    size_t n;

    if (!b->init)
        return 0;
    n = fread(out, 1, (size_t)outl, file_of(b));
    if (n == 0 && ferror(file_of(b))) {
        push_sys_error("fread", NULL);
        SHIM_ERR(ERR_LIB_BIO, ERR_R_SYS_LIB);
        return -1;
    }
    return (int)n;
}

static int file_write(BIO *b, const char *in, int inl)
{
    size_t n;

    if (!b->init)
        return 0;
    n = fwrite(in, 1, (size_t)inl, file_of(b));
    /* All or nothing, as OpenSSL reports it. */
    return n == (size_t)inl ? inl : 0;
}

static int file_gets(BIO *b, char *buf, int size)
{
    if (!b->init || size <= 0)
        return 0;
    buf[0] = '\0';
    if (fgets(buf, size, file_of(b)) == NULL)
        return 0;
    return (int)strlen(buf);
}

/* OpenSSL's modes for BIO_read_filename() and friends. */
static const char *file_mode(long flags)
{
    if ((flags & BIO_FP_APPEND) && (flags & BIO_FP_READ))
        return "a+";
    if (flags & BIO_FP_APPEND)
        return "a";
    if ((flags & BIO_FP_READ) && (flags & BIO_FP_WRITE))
        return "r+";
    if (flags & BIO_FP_WRITE)
        return "w";
    if (flags & BIO_FP_READ)
        return "r";
    return NULL;
}

static long file_ctrl(BIO *b, int cmd, long larg, void *parg)
{
    FILE *f = file_of(b);
    const char *mode;

    switch (cmd) {
    case BIO_C_FILE_SEEK:
    case BIO_CTRL_RESET:
        return b->init ? (long)fseek(f, cmd == BIO_CTRL_RESET ? 0 : larg, SEEK_SET) : -1;
    case BIO_CTRL_EOF:
        return b->init ? feof(f) != 0 : 1;
    case BIO_C_FILE_TELL:
    case BIO_CTRL_INFO:
        return b->init ? ftell(f) : -1;
    case BIO_C_SET_FILE_PTR:
        file_close(b);
        b->shutdown = (int)larg & BIO_CLOSE;
        b->ptr = parg;
        b->init = parg != NULL;
        return 1;
    case BIO_C_SET_FILENAME:
        file_close(b);
        b->shutdown = (int)larg & BIO_CLOSE;
        mode = file_mode(larg);
        SHIM_ENSURE(mode != NULL, ERR_LIB_BIO, BIO_R_BAD_FOPEN_MODE, 0);
#if SHIM_NO_FILES
        /* Built without a file system: streams only. */
        SHIM_ERR(ERR_LIB_BIO, ERR_R_UNSUPPORTED);
        return 0;
#endif
        f = fopen(parg, mode);
        if (f == NULL) {
            push_sys_error("fopen", parg);
            SHIM_ERR(ERR_LIB_BIO, ERR_R_SYS_LIB);
            return 0;
        }
        b->ptr = f;
        b->init = 1;
        return 1;
    case BIO_C_GET_FILE_PTR:
        if (parg != NULL)
            *(FILE **)parg = f;
        return 1;
    case BIO_CTRL_GET_CLOSE:
        return b->shutdown;
    case BIO_CTRL_SET_CLOSE:
        b->shutdown = (int)larg;
        return 1;
    case BIO_CTRL_FLUSH:
        return b->init ? fflush(f) == 0 : 1;
    case BIO_CTRL_DUP:
        return 1;
    default:
        return 0;
    }
}

static const BIO_METHOD file_method = {
    .type = BIO_TYPE_FILE,
    .name = "FILE pointer",
    .write_int = file_write,
    .read_int = file_read,
    .puts = shim_puts_by_write,
    .gets = file_gets,
    .ctrl = file_ctrl,
    .destroy = file_destroy,
};

SHIM_EXPORT const BIO_METHOD *BIO_s_file(void)
{
    return &file_method;
}

SHIM_EXPORT BIO *BIO_new_fp(FILE *stream, int close_flag)
{
    BIO *b;

    SHIM_ENSURE_ARG(stream, ERR_LIB_BIO, NULL);
    b = BIO_new(&file_method);
    if (b != NULL)
        BIO_set_fp(b, stream, close_flag);
    return b;
}

SHIM_EXPORT BIO *BIO_new_file(const char *filename, const char *mode)
{
    FILE *f;
    BIO *b;

    SHIM_ENSURE(filename != NULL && mode != NULL, ERR_LIB_BIO, ERR_R_PASSED_NULL_PARAMETER, NULL);
    SHIM_ENSURE(!SHIM_NO_FILES, ERR_LIB_BIO, ERR_R_UNSUPPORTED, NULL);
    f = fopen(filename, mode);
    if (f == NULL) {
        int err = errno;

        push_sys_error("fopen", filename);
        SHIM_ERR(ERR_LIB_BIO, err == ENOENT ? BIO_R_NO_SUCH_FILE : ERR_R_SYS_LIB);
        return NULL;
    }
    b = BIO_new(&file_method);
    if (b == NULL) {
        fclose(f);
        return NULL;
    }
    BIO_set_fp(b, f, BIO_CLOSE);
    return b;
}
