/* SPDX-License-Identifier: Apache-2.0 */
/*
 * BIO_debug_callback and BIO_debug_callback_ex: a line per BIO operation,
 * to the BIO in the callback argument or else to stderr. The lines read as
 * OpenSSL 3.0's do, so that logs and the tools that grep them still match.
 */
#include "internal.h"

#include <stdio.h>

/* The operation's name in a return line, or NULL for one without a count. */
static const char *counted_oper_name(int bare)
{
    switch (bare) {
    case BIO_CB_READ:
        return "read";
    case BIO_CB_WRITE:
        return "write";
    case BIO_CB_GETS:
        return "gets";
    case BIO_CB_PUTS:
        return "puts";
    default:
        return NULL;
    }
}

/* The line's text after "BIO[address]: ", newline included. */
static void describe(char *out, size_t size, const BIO *b, int oper, size_t len, int argi,
                     int ret, const size_t *processed)
{
    const char *name = b->method->name != NULL ? b->method->name : "";
    int bare = oper & ~BIO_CB_RETURN;

    if (oper == BIO_CB_FREE) {
        snprintf(out, size, "Free - %s\n", name);
    } else if (oper == BIO_CB_READ || oper == BIO_CB_WRITE) {
        /* A descriptor BIO's line also names the descriptor. */
        if (b->method->type & BIO_TYPE_DESCRIPTOR)
            snprintf(out, size, "%s(%d,%zu) - %s fd=%d\n", counted_oper_name(oper), b->num, len,
                     name, b->num);
        else
            snprintf(out, size, "%s(%d,%zu) - %s\n", counted_oper_name(oper), b->num, len, name);
    } else if (oper == BIO_CB_PUTS) {
        snprintf(out, size, "puts() - %s\n", name);
    } else if (oper == BIO_CB_GETS) {
        snprintf(out, size, "gets(%zu) - %s\n", len, name);
    } else if (oper == BIO_CB_CTRL) {
        snprintf(out, size, "ctrl(%d) - %s\n", argi, name);
    } else if ((oper & BIO_CB_RETURN) && counted_oper_name(bare) != NULL) {
        snprintf(out, size, "%s return %d processed: %zu\n", counted_oper_name(bare), ret,
                 processed != NULL ? *processed : 0);
    } else if (oper == (BIO_CB_CTRL | BIO_CB_RETURN)) {
        snprintf(out, size, "ctrl return %d\n", ret);
    } else {
        snprintf(out, size, "bio callback - unknown type (%d)\n", oper);
    }
}

SHIM_EXPORT long BIO_debug_callback_ex(BIO *bio, int oper, const char *argp, size_t len, int argi,
                                       long argl, int ret, size_t *processed)
{
    BIO *sink;
    char line[256];
    int prefix;

    (void)argp;
    (void)argl;
    if (bio == NULL)
        return ret;
    prefix = snprintf(line, sizeof(line), "BIO[%p]: ", (void *)bio);
    if (prefix < 0 || (size_t)prefix >= sizeof(line))
        return ret;
    describe(line + prefix, sizeof(line) - (size_t)prefix, bio, oper, len, argi, ret, processed);
    sink = (BIO *)bio->callback_arg;
    if (sink != NULL)
        (void)BIO_puts(sink, line);
    else
        (void)fputs(line, stderr);
    return ret;
}

/* The old style: counts arrive in ret, and ret goes back unchanged. */
SHIM_EXPORT long BIO_debug_callback(BIO *bio, int cmd, const char *argp, int argi, long argl,
                                    long ret)
{
    size_t processed = ret > 0 ? (size_t)ret : 0;

    (void)BIO_debug_callback_ex(bio, cmd, argp, argi < 0 ? 0 : (size_t)argi, argi, argl,
                                ret > 0 ? 1 : (int)ret, &processed);
    return ret;
}
