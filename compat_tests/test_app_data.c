/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Application data on SSL_CTX and SSL: indices with new, dup and free
 * callbacks (each called exactly once per object and index, with the
 * registered argl and argp), the "app data" of index 0, copies made by
 * SSL_dup, and a context's data outliving SSL_CTX_free while a connection
 * still holds the context.
 */
#include <string.h>

#include "testlib.h"

struct counts {
    int news;
    int dups;
    int frees;
    void *freed[4];
    int bad_args;
};

static struct counts ctx_counts;
static struct counts ssl_counts;
static struct counts generic_counts;
static char dup_marker[] = "copied";

static struct counts *counts_for(long argl)
{
    return argl == 1 ? &ctx_counts : argl == 2 ? &ssl_counts : &generic_counts;
}

static void on_new(void *parent, void *ptr, CRYPTO_EX_DATA *ad, int idx, long argl, void *argp)
{
    struct counts *c = counts_for(argl);

    (void)ad, (void)idx;
    c->news++;
    if (parent == NULL || ptr != NULL || argp != (void *)counts_for(argl))
        c->bad_args++;
}

static int on_dup(CRYPTO_EX_DATA *to, const CRYPTO_EX_DATA *from, void **from_d, int idx,
                  long argl, void *argp)
{
    struct counts *c = counts_for(argl);

    (void)to, (void)from, (void)idx;
    c->dups++;
    if (argp != (void *)counts_for(argl))
        c->bad_args++;
    *from_d = dup_marker;
    return 1;
}

static void on_free(void *parent, void *ptr, CRYPTO_EX_DATA *ad, int idx, long argl, void *argp)
{
    struct counts *c = counts_for(argl);

    (void)ad, (void)idx;
    if (c->frees < 4)
        c->freed[c->frees] = ptr;
    c->frees++;
    if (parent == NULL || argp != (void *)counts_for(argl))
        c->bad_args++;
}

static int context_data(void)
{
    int idx = SSL_CTX_get_ex_new_index(1, &ctx_counts, on_new, on_dup, on_free);
    SSL_CTX *ctx = NULL;
    SSL *s = NULL;
    char value[] = "context value";
    int ok = 0;

    memset(&ctx_counts, 0, sizeof(ctx_counts));
    CHECK_INT(idx, >, 0);
    ctx = SSL_CTX_new(TLS_method());
    CHECK(ctx != NULL);
    CHECK_INT(ctx_counts.news, ==, 1);
    CHECK(SSL_CTX_get_ex_data(ctx, idx) == NULL);
    CHECK_INT(SSL_CTX_set_ex_data(ctx, idx, value), ==, 1);
    CHECK(SSL_CTX_get_ex_data(ctx, idx) == value);
    CHECK(SSL_CTX_get_app_data(ctx) == NULL);
    CHECK_INT(SSL_CTX_set_app_data(ctx, "app"), ==, 1);
    CHECK(strcmp((const char *)SSL_CTX_get_app_data(ctx), "app") == 0);
    CHECK(SSL_CTX_get_ex_data(ctx, idx) == value);
    CHECK(SSL_CTX_get_ex_data(ctx, idx + 50) == NULL);

    /* A connection keeps the context, and its data, alive. */
    s = SSL_new(ctx);
    CHECK(s != NULL);
    SSL_CTX_free(ctx);
    ctx = NULL;
    CHECK_INT(ctx_counts.frees, ==, 0);
    CHECK(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(s), idx) == value);
    SSL_free(s);
    s = NULL;
    CHECK_INT(ctx_counts.frees, ==, 1);
    CHECK(ctx_counts.freed[0] == value);
    CHECK_INT(ctx_counts.news, ==, 1);
    CHECK_INT(ctx_counts.dups, ==, 0);
    CHECK_INT(ctx_counts.bad_args, ==, 0);
    ok = 1;
out:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

static int connection_data(void)
{
    int idx = SSL_get_ex_new_index(2, &ssl_counts, on_new, on_dup, on_free);
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = NULL;
    SSL *copy = NULL;
    char value[] = "connection value";
    int ok = 0;

    memset(&ssl_counts, 0, sizeof(ssl_counts));
    CHECK_INT(idx, >, 0);
    CHECK(ctx != NULL);
    s = SSL_new(ctx);
    CHECK(s != NULL);
    CHECK_INT(ssl_counts.news, ==, 1);
    CHECK_INT(SSL_set_ex_data(s, idx, value), ==, 1);
    CHECK_INT(SSL_set_app_data(s, "app"), ==, 1);
    CHECK(SSL_get_ex_data(s, idx) == value);
    CHECK(strcmp((const char *)SSL_get_app_data(s), "app") == 0);
    /* Context and connection indices are separate. */
    CHECK(SSL_CTX_get_ex_data(ctx, idx) == NULL);

    /* A copy of a connection not yet started: a new SSL (new callback),
     * whose data the dup callback gives; the app data is copied as is. */
    copy = SSL_dup(s);
    CHECK(copy != NULL && copy != s);
    CHECK_INT(ssl_counts.news, ==, 2);
    CHECK_INT(ssl_counts.dups, ==, 1);
    CHECK(SSL_get_ex_data(copy, idx) == dup_marker);
    CHECK(strcmp((const char *)SSL_get_app_data(copy), "app") == 0);
    SSL_free(copy);
    copy = NULL;
    CHECK_INT(ssl_counts.frees, ==, 1);
    CHECK(ssl_counts.freed[0] == dup_marker);

    /* A reference more: the free callback waits for the last one. */
    CHECK_INT(SSL_up_ref(s), ==, 1);
    SSL_free(s);
    CHECK_INT(ssl_counts.frees, ==, 1);
    SSL_free(s);
    s = NULL;
    CHECK_INT(ssl_counts.frees, ==, 2);
    CHECK(ssl_counts.freed[1] == value);
    CHECK_INT(ssl_counts.bad_args, ==, 0);
    ok = 1;
out:
    SSL_free(copy);
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

/* SSL_get_ex_new_index is CRYPTO_get_ex_new_index for the SSL class: an
 * index from the latter works on a connection, its free callback once. */
static int generic_index(void)
{
    int idx = CRYPTO_get_ex_new_index(CRYPTO_EX_INDEX_SSL, 3, &generic_counts, on_new, NULL, on_free);
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = NULL;
    char value[] = "generic";
    int ok = 0;

    memset(&generic_counts, 0, sizeof(generic_counts));
    CHECK_INT(idx, >, 0);
    CHECK(ctx != NULL && (s = SSL_new(ctx)) != NULL);
    CHECK_INT(generic_counts.news, ==, 1);
    CHECK_INT(SSL_set_ex_data(s, idx, value), ==, 1);
    CHECK(SSL_get_ex_data(s, idx) == value);
    SSL_free(s);
    s = NULL;
    CHECK_INT(generic_counts.frees, ==, 1);
    CHECK(generic_counts.freed[0] == value);
    CHECK_INT(generic_counts.bad_args, ==, 0);
    /* A class that does not exist has no indices. */
    CHECK_INT(CRYPTO_get_ex_new_index(1000, 0, NULL, NULL, NULL, NULL), ==, -1);
    ok = 1;
out:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"context data and its callbacks", context_data},
        {"connection data, app data and SSL_dup", connection_data},
        {"an index from CRYPTO_get_ex_new_index", generic_index},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
