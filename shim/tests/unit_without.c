/* SPDX-License-Identifier: Apache-2.0 */
/* A device build (OPENSSL_COMPAT_NO_FILES, OPENSSL_COMPAT_NO_SOCKETS): what
 * is left out still links, and each call fails with one ERR_R_UNSUPPORTED
 * on the queue, never success. Built only when something is left out. */
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "testlib.h"

/* The call failed (checked by the caller) and queued exactly one
 * ERR_R_UNSUPPORTED. */
static int one_unsupported_error(void)
{
    unsigned long e = ERR_get_error();

    return ERR_GET_REASON(e) == ERR_R_UNSUPPORTED && ERR_get_error() == 0;
}

#define CHECK_UNSUPPORTED(call, failed)                     \
    do {                                                    \
        CHECK((call) == (failed));                          \
        CHECK(one_unsupported_error());                     \
    } while (0)

static int files_left_out(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    X509_STORE *store = X509_STORE_new();
    BIO *b = BIO_new(BIO_s_file());
    int ok = 0;

    CHECK(ctx != NULL && store != NULL && b != NULL);
#if defined(OPENSSL_COMPAT_NO_FILES)
    CHECK_UNSUPPORTED(SSL_CTX_use_certificate_file(ctx, "server.pem", SSL_FILETYPE_PEM), 0);
    CHECK_UNSUPPORTED(SSL_CTX_use_certificate_chain_file(ctx, "server.pem"), 0);
    CHECK_UNSUPPORTED(SSL_CTX_use_PrivateKey_file(ctx, "server.key", SSL_FILETYPE_PEM), 0);
    CHECK_UNSUPPORTED(SSL_CTX_load_verify_locations(ctx, "ca.pem", NULL), 0);
    CHECK_UNSUPPORTED(SSL_CTX_set_default_verify_paths(ctx), 0);
    CHECK_UNSUPPORTED(SSL_load_client_CA_file("ca.pem") != NULL, 0);
    CHECK_UNSUPPORTED(X509_STORE_load_file(store, "ca.pem"), 0);
    CHECK_UNSUPPORTED(X509_STORE_load_path(store, "."), 0);
    CHECK_UNSUPPORTED(BIO_new_file("ca.pem", "r") != NULL, 0);
    CHECK_UNSUPPORTED(BIO_read_filename(b, "ca.pem"), 0);
    /* FILE streams the program opened itself still work. */
    CHECK(BIO_set_fp(b, stderr, BIO_NOCLOSE) == 1);
#endif
    ok = 1;
out:
    BIO_free(b);
    X509_STORE_free(store);
    SSL_CTX_free(ctx);
    return ok;
}

static int sockets_left_out(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = ctx != NULL ? SSL_new(ctx) : NULL;
    BIO *pair_a = NULL;
    BIO *pair_b = NULL;
    int ok = 0;

    CHECK(s != NULL);
#if defined(OPENSSL_COMPAT_NO_SOCKETS)
    CHECK_UNSUPPORTED(BIO_s_socket() != NULL, 0);
    CHECK_UNSUPPORTED(BIO_new_socket(0, BIO_NOCLOSE) != NULL, 0);
    CHECK_UNSUPPORTED(BIO_new_fd(0, BIO_NOCLOSE) != NULL, 0);
    CHECK_UNSUPPORTED(BIO_new_connect("localhost:443") != NULL, 0);
    CHECK_UNSUPPORTED(BIO_new_accept("0") != NULL, 0);
    CHECK_UNSUPPORTED(SSL_set_fd(s, 0), 0);
    CHECK_UNSUPPORTED(BIO_ADDR_new() != NULL, 0);
    /* What replaces them is there. */
    CHECK(BIO_new_bio_pair(&pair_a, 0, &pair_b, 0) == 1);
#endif
    ok = 1;
out:
    BIO_free(pair_a);
    BIO_free(pair_b);
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"functions of the file system left out", files_left_out},
        {"functions of sockets left out", sockets_left_out},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
