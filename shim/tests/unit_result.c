/* SPDX-License-Identifier: Apache-2.0 */
/* shim/ssl_result.c: the translation table, SSL_get_error's precedence,
 * and NULL arguments to the public entry points. */
#include <string.h>

#include "internal.h"
#include "testlib.h"

static int table_rows_are_sound(void)
{
    size_t n;
    size_t i;
    size_t j;
    const struct shim_result_row *rows = shim_result_rows(&n);
    int ok = 0;

    CHECK_INT(n, >, 0);
    for (i = 0; i < n; i++) {
        unsigned long e = ERR_PACK(rows[i].lib, 0, rows[i].reason);

        CHECK_INT(rows[i].mbedtls_code, <, 0);
        /* Not failures: these must never be translated into errors. */
        CHECK(rows[i].mbedtls_code != MBEDTLS_ERR_SSL_WANT_READ);
        CHECK(rows[i].mbedtls_code != MBEDTLS_ERR_SSL_WANT_WRITE);
        CHECK(rows[i].mbedtls_code != MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET);
        CHECK(rows[i].mbedtls_code != MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY);
        CHECK_INT(rows[i].lib, ==, ERR_LIB_SSL);
        CHECK(ERR_reason_error_string(e) != NULL);
        for (j = i + 1; j < n; j++)
            CHECK(rows[i].mbedtls_code != rows[j].mbedtls_code);
    }
    ok = 1;
out:
    return ok;
}

/* OpenSSL's order: queue, then the blocked BIO's retry flags, then a
 * received close_notify, else SYSCALL. */
static int get_error_precedence(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL *s = NULL;
    BIO *b = BIO_new(BIO_s_mem());
    char c;
    int ok = 0;

    CHECK(ctx != NULL && b != NULL && (s = SSL_new(ctx)) != NULL);
    SSL_set_bio(s, b, b);
    b = NULL;
    CHECK_INT(SSL_get_error(s, 1), ==, SSL_ERROR_NONE);
    CHECK_INT(SSL_get_error(s, -1), ==, SSL_ERROR_SYSCALL);
    s->shutdown = SSL_RECEIVED_SHUTDOWN;
    CHECK_INT(SSL_get_error(s, 0), ==, SSL_ERROR_ZERO_RETURN);
    CHECK_INT(BIO_read(SSL_get_rbio(s), &c, 1), ==, -1); /* sets "retry read" */
    s->rwstate = SHIM_READING;
    CHECK_INT(SSL_get_error(s, -1), ==, SSL_ERROR_WANT_READ);
    s->rwstate = SHIM_WRITING;
    CHECK_INT(SSL_get_error(s, -1), ==, SSL_ERROR_WANT_READ);
    SSL_CTX_new(NULL); /* pushes an error */
    CHECK_INT(SSL_get_error(s, -1), ==, SSL_ERROR_SSL);
    ERR_clear_error();
    ok = 1;
out:
    BIO_free(b);
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

/* OpenSSL crashes on most of these; we report them. */
static int null_arguments(void)
{
    int ok = 0;
    char buf[4];

    CHECK_INT(SSL_connect(NULL), ==, -1);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, ERR_R_PASSED_NULL_PARAMETER);
    CHECK_INT(SSL_accept(NULL), ==, -1);
    CHECK_INT(SSL_do_handshake(NULL), ==, -1);
    CHECK_INT(SSL_read(NULL, buf, 4), ==, -1);
    CHECK_INT(SSL_write(NULL, buf, 4), ==, -1);
    CHECK_INT(SSL_shutdown(NULL), ==, -1);
    CHECK(SSL_new(NULL) == NULL);
    CHECK(SSL_CTX_new(NULL) == NULL);
    CHECK_INT(SSL_CTX_use_certificate_file(NULL, "x", SSL_FILETYPE_PEM), ==, 0);
    CHECK_INT(SSL_CTX_load_verify_locations(NULL, "x", NULL), ==, 0);
    CHECK_INT(SSL_CTX_check_private_key(NULL), ==, 0);
    CHECK_INT(SSL_set_fd(NULL, 0), ==, 0);
    CHECK_INT(SSL_set1_host(NULL, "x"), ==, 0);
    CHECK_INT(SSL_ctrl(NULL, SSL_CTRL_MODE, 0, NULL), ==, 0);
    CHECK_INT(BIO_read(NULL, buf, 4), ==, -1);
    CHECK_INT(BIO_write(NULL, buf, 4), ==, -1);
    CHECK_INT(BIO_ctrl(NULL, BIO_CTRL_PENDING, 0, NULL), ==, -1);
    CHECK(BIO_new(NULL) == NULL);
    CHECK(BIO_new_mem_buf(NULL, 4) == NULL);
    CHECK_INT(BIO_new_bio_pair(NULL, 0, NULL, 0), ==, 0);
    CHECK_INT(BIO_free(NULL), ==, 0);
    CHECK_INT(SSL_set_ex_data(NULL, 1, buf), ==, 0);
    CHECK(SSL_get_ex_data(NULL, 1) == NULL);
    CHECK_INT(SSL_CTX_set_ex_data(NULL, 1, buf), ==, 0);
    CHECK_INT(SSL_CTX_set_tlsext_max_fragment_length(NULL, TLSEXT_max_fragment_length_4096), ==,
              0);
    CHECK_INT(SSL_set_alpn_protos(NULL, (const unsigned char *)"\x02h2", 3), ==, 1);
    CHECK_INT(SSL_select_next_proto(NULL, NULL, NULL, 3, NULL, 3), ==, OPENSSL_NPN_UNSUPPORTED);
    CHECK_INT(ERR_GET_REASON(ERR_peek_last_error()), ==, ERR_R_PASSED_NULL_PARAMETER);
    {
        unsigned char *out = NULL;
        unsigned char outlen = 9;

        /* Missing lists are empty ones. */
        CHECK_INT(SSL_select_next_proto(&out, &outlen, NULL, 3, NULL, 3), ==,
                  OPENSSL_NPN_NO_OVERLAP);
        CHECK(out == NULL && outlen == 0);
    }
    SSL_get0_alpn_selected(NULL, NULL, NULL);
    CHECK_INT(ERR_GET_REASON(ERR_peek_last_error()), ==, ERR_R_PASSED_NULL_PARAMETER);
    /* Frees and setters accept NULL quietly. */
    SSL_free(NULL);
    SSL_CTX_free(NULL);
    BIO_free_all(NULL);
    SSL_set_bio(NULL, NULL, NULL);
    SSL_set_connect_state(NULL);
    SSL_CTX_set_verify(NULL, SSL_VERIFY_PEER, NULL);
    CHECK_INT(SSL_get_error(NULL, -1), ==, SSL_ERROR_SSL);
    CHECK(strcmp(SSL_get_version(NULL), "unknown") == 0);
    CHECK(SSL_get_current_cipher(NULL) == NULL);
    ERR_clear_error();
    ok = 1;
out:
    return ok;
}

/* Bad values that are not NULL. */
static int bad_values(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL *s = NULL;
    char big[300];
    int ok = 0;

    CHECK(ctx != NULL && (s = SSL_new(ctx)) != NULL);
    CHECK_INT(SSL_CTX_set_min_proto_version(ctx, 0x1234), ==, 0);
    CHECK_INT(SSL_set_max_proto_version(s, -1), ==, 0);
    CHECK_INT(SSL_CTX_ctrl(ctx, 9999, 0, NULL), ==, 0);
    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    CHECK_INT(SSL_set_tlsext_host_name(s, big), ==, 0);
    CHECK_INT(SSL_set_tlsext_host_name(s, ""), ==, 0);
    /* OpenSSL 3.0: an empty host name clears the names to check. */
    CHECK_INT(SSL_set1_host(s, ""), ==, 1);
    CHECK_INT(SSL_CTX_use_certificate_file(ctx, cert_path("server.pem"), 99), ==, 0);
    CHECK_INT(SSL_CTX_use_PrivateKey_file(ctx, cert_path("server.pem"), SSL_FILETYPE_PEM), ==, 0);
    CHECK_INT(SSL_CTX_use_certificate_file(ctx, cert_path("server.key"), SSL_FILETYPE_PEM), ==, 0);
    CHECK_INT(SSL_CTX_load_verify_locations(ctx, cert_path("server.key"), NULL), ==, 0);
    CHECK_INT(SSL_CTX_load_verify_locations(ctx, NULL, NULL), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_peek_last_error()), ==, ERR_R_PASSED_NULL_PARAMETER);
    CHECK_INT(SSL_read(s, big, -1), ==, -1);
    ERR_clear_error();
    ok = 1;
out:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"translation table rows", table_rows_are_sound},
        {"SSL_get_error precedence", get_error_precedence},
        {"NULL arguments", null_arguments},
        {"bad values", bad_values},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
