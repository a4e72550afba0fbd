/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CRYPTO_set_mem_functions: the application's allocator sees the library's
 * allocations (a handshake's, OPENSSL_malloc's). It must be set before the
 * library's own allocator is first used.
 */
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

static long mallocs;
static long reallocs;
static long frees;

static void *counting_malloc(size_t num, const char *file, int line)
{
    (void)file;
    (void)line;
    mallocs++;
    return malloc(num);
}

static void *counting_realloc(void *addr, size_t num, const char *file, int line)
{
    (void)file;
    (void)line;
    reallocs++;
    return realloc(addr, num);
}

static void counting_free(void *addr, const char *file, int line)
{
    (void)file;
    (void)line;
    if (addr != NULL)
        frees++;
    free(addr);
}

static int allocations_go_through_the_hooks(void)
{
    SSL_CTX *cctx = client_ctx("ca.pem", SSL_VERIFY_PEER, 0, 0);
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr;
    struct side sr;
    long before;
    char *p = NULL;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL && make_pair(cctx, sctx, &c, &s));
    before = mallocs;
    CHECK(drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK(mallocs > before);
    before = mallocs;
    CHECK((p = OPENSSL_malloc(16)) != NULL);
    CHECK_INT(mallocs, ==, before + 1);
    before = reallocs;
    CHECK((p = OPENSSL_realloc(p, 4096)) != NULL);
    CHECK(reallocs > before);
    before = frees;
    OPENSSL_free(p);
    p = NULL;
    CHECK_INT(frees, ==, before + 1);
    /* With an application's functions in place, OpenSSL lets them be set
     * again (it refuses only once its own allocator was used). */
    CHECK_INT(CRYPTO_set_mem_functions(counting_malloc, counting_realloc, counting_free), ==, 1);
    ok = 1;
out:
    OPENSSL_free(p);
    free_pair(c, s, cctx, sctx);
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"allocations go through CRYPTO_set_mem_functions", allocations_go_through_the_hooks},
    };

    /* Before anything else allocates. */
    if (CRYPTO_set_mem_functions(counting_malloc, counting_realloc, counting_free) != 1) {
        fprintf(stderr, "CRYPTO_set_mem_functions refused before any allocation\n");
        return 1;
    }
    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
