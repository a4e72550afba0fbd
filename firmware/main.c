/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The firmware test: a TLS client and a TLS server in one image, written
 * against the OpenSSL API only, joined by a BIO pair. A TLS 1.3 handshake,
 * then a TLS 1.2 one, each with certificate verification, data both ways
 * and a clean shutdown. Certificates and keys come from memory. The exit
 * status says pass (0) or fail; the output gives peak heap per side, stack
 * high-water mark and the cycles each handshake took.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <mbedtls-openssl-compat/platform.h>

#include "board.h"
#include "measure.h"
#include "test_certs.h"

#define STACK_PAINTED (96 * 1024)

static void *hook_malloc(size_t num, const char *file, int line)
{
    (void)file;
    (void)line;
    return measure_malloc(num);
}

static void *hook_realloc(void *p, size_t num, const char *file, int line)
{
    (void)file;
    (void)line;
    return measure_realloc(p, num);
}

static void hook_free(void *p, const char *file, int line)
{
    (void)file;
    (void)line;
    measure_free(p);
}

/* The emulator's clock: the host's, through semihosting. */
static time_t board_time(void)
{
    return time(NULL);
}

static int failed;

static void check(int ok, const char *what)
{
    if (!ok) {
        printf("FAIL %s\n", what);
        ERR_print_errors_fp(stdout);
        failed = 1;
    }
}

static X509 *x509_from(const char *pem)
{
    BIO *b = BIO_new_mem_buf(pem, -1);
    X509 *x = b != NULL ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;

    BIO_free(b);
    return x;
}

static EVP_PKEY *key_from(const char *pem)
{
    BIO *b = BIO_new_mem_buf(pem, -1);
    EVP_PKEY *k = b != NULL ? PEM_read_bio_PrivateKey(b, NULL, NULL, NULL) : NULL;

    BIO_free(b);
    return k;
}

static SSL_CTX *server_ctx(int version)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    X509 *cert = x509_from(test_server_pem);
    EVP_PKEY *key = key_from(test_server_key);
    int ok = ctx != NULL && cert != NULL && key != NULL &&
             SSL_CTX_set_min_proto_version(ctx, version) == 1 &&
             SSL_CTX_set_max_proto_version(ctx, version) == 1 &&
             SSL_CTX_use_certificate(ctx, cert) == 1 && SSL_CTX_use_PrivateKey(ctx, key) == 1;

    X509_free(cert);
    EVP_PKEY_free(key);
    if (!ok) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    return ctx;
}

static SSL_CTX *client_ctx(int version)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    X509 *ca = x509_from(test_ca_pem);
    int ok = ctx != NULL && ca != NULL && SSL_CTX_set_min_proto_version(ctx, version) == 1 &&
             SSL_CTX_set_max_proto_version(ctx, version) == 1 &&
             X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx), ca) == 1;

    X509_free(ca);
    if (!ok) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    return ctx;
}

/* Calls fn for one side with its allocations charged to that side. */
static int as(enum owner owner, int (*fn)(SSL *), SSL *s)
{
    int ret;

    measure_set_owner(owner);
    ret = fn(s);
    measure_set_owner(OWNER_OTHER);
    return ret;
}

static int shutdown_call(SSL *s)
{
    return SSL_shutdown(s);
}

/* One connection from start to close; the figures it measured. */
static void run(int version, const char *name)
{
    SSL_CTX *sctx = server_ctx(version);
    SSL_CTX *cctx = client_ctx(version);
    SSL *c = NULL;
    SSL *s = NULL;
    BIO *cb = NULL;
    BIO *sb = NULL;
    char buf[64];
    uint64_t start;
    uint64_t cycles;
    int rc = 0;
    int rs = 0;
    int turn;

    check(sctx != NULL && cctx != NULL, "contexts");
    if (sctx == NULL || cctx == NULL)
        goto out;
    measure_set_owner(OWNER_CLIENT);
    c = SSL_new(cctx);
    measure_set_owner(OWNER_SERVER);
    s = SSL_new(sctx);
    measure_set_owner(OWNER_OTHER);
    check(c != NULL && s != NULL && BIO_new_bio_pair(&cb, 0, &sb, 0) == 1, "connections");
    if (c == NULL || s == NULL || cb == NULL)
        goto out;
    SSL_set_bio(c, cb, cb);
    SSL_set_bio(s, sb, sb);
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    check(SSL_set1_host(c, "localhost") == 1, "host name");
    measure_reset_peaks();
    start = board_cycles();
    for (turn = 0; turn < 50 && (rc != 1 || rs != 1); turn++) {
        if (rc != 1)
            rc = as(OWNER_CLIENT, SSL_do_handshake, c);
        if (rs != 1)
            rs = as(OWNER_SERVER, SSL_do_handshake, s);
    }
    cycles = board_cycles() - start;
    check(rc == 1 && rs == 1, "handshake");
    check(SSL_version(c) == version, "version");
    check(SSL_get_verify_result(c) == X509_V_OK, "verification");
    printf("%s: %s %s, verify %ld\n", name, SSL_get_version(c), SSL_get_cipher(c),
           SSL_get_verify_result(c));
    printf("%s: handshake cycles %llu\n", name, (unsigned long long)board_ticks_to_cycles(cycles));
    printf("%s: heap peak client %u server %u (bytes)\n", name,
           (unsigned)measure_peak(OWNER_CLIENT), (unsigned)measure_peak(OWNER_SERVER));

    /* Data both ways. */
    measure_set_owner(OWNER_CLIENT);
    check(SSL_write(c, "ping from the client", 20) == 20, "client write");
    measure_set_owner(OWNER_SERVER);
    check(SSL_read(s, buf, sizeof(buf)) == 20 && memcmp(buf, "ping from the client", 20) == 0,
          "server read");
    check(SSL_write(s, "pong", 4) == 4, "server write");
    measure_set_owner(OWNER_CLIENT);
    check(SSL_read(c, buf, sizeof(buf)) == 4 && memcmp(buf, "pong", 4) == 0, "client read");
    measure_set_owner(OWNER_OTHER);

    /* Both close: each call returns 0 until the other side's close_notify
     * has arrived, then 1. */
    rc = rs = 0;
    for (turn = 0; turn < 4 && (rc != 1 || rs != 1); turn++) {
        if (rc != 1)
            rc = as(OWNER_CLIENT, shutdown_call, c);
        if (rs != 1)
            rs = as(OWNER_SERVER, shutdown_call, s);
    }
    check(rc == 1 && rs == 1, "shutdown");
out:
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    ERR_clear_error();
}

int main(void)
{
    measure_stack_paint(STACK_PAINTED);
    board_clock_start();
    if (CRYPTO_set_mem_functions(hook_malloc, hook_realloc, hook_free) != 1 ||
        openssl_compat_set_entropy_source(openssl_compat_insecure_test_entropy, NULL) != 1 ||
        openssl_compat_set_time_source(board_time) != 1 || OPENSSL_init_ssl(0, NULL) != 1) {
        printf("FAIL platform set-up\n");
        return 1;
    }
    run(TLS1_3_VERSION, "TLS 1.3");
    run(TLS1_2_VERSION, "TLS 1.2");
    printf("stack high-water %u bytes\n", (unsigned)measure_stack_used());
    printf("heap left in use %u bytes\n",
           (unsigned)(measure_in_use(OWNER_CLIENT) + measure_in_use(OWNER_SERVER)));
    printf(failed ? "FAIL\n" : "PASS\n");
    return failed;
}
