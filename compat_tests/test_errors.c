/* SPDX-License-Identifier: Apache-2.0 */
/* The error queue: OpenSSL 3's packing, order, strings and printing. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <openssl/dh.h>

#include "testlib.h"

/* Makes the library push "connection type not set". */
static int push_connection_type_error(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = ctx != NULL ? SSL_new(ctx) : NULL;
    int ret = s != NULL ? SSL_do_handshake(s) : 0;

    SSL_free(s);
    SSL_CTX_free(ctx);
    return ret == -1;
}

static int packing_matches_openssl3(void)
{
    int ok = 0;

    CHECK(ERR_PACK(ERR_LIB_SSL, 0, SSL_R_UNEXPECTED_EOF_WHILE_READING) == 0x0A000126UL);
    CHECK_INT(ERR_GET_LIB(0x0A000126UL), ==, ERR_LIB_SSL);
    CHECK_INT(ERR_GET_REASON(0x0A000126UL), ==, SSL_R_UNEXPECTED_EOF_WHILE_READING);
    /* System errors carry errno with the top bit set. */
    CHECK_INT(ERR_GET_LIB(0x80000000UL | ECONNRESET), ==, ERR_LIB_SYS);
    CHECK_INT(ERR_GET_REASON(0x80000000UL | ECONNRESET), ==, ECONNRESET);
    CHECK(ERR_GET_REASON(ERR_PACK(ERR_LIB_SSL, 0, ERR_R_MALLOC_FAILURE)) == ERR_R_MALLOC_FAILURE);
    ok = 1;
out:
    return ok;
}

static int queue_order_and_peek(void)
{
    unsigned long first;
    int ok = 0;

    ERR_clear_error();
    CHECK_INT(ERR_peek_error(), ==, 0);
    CHECK_INT(ERR_get_error(), ==, 0);
    CHECK(push_connection_type_error());
    CHECK(SSL_CTX_new(NULL) == NULL);
    first = ERR_peek_error();
    CHECK_INT(ERR_GET_REASON(first), ==, SSL_R_CONNECTION_TYPE_NOT_SET);
    CHECK_INT(ERR_GET_REASON(ERR_peek_last_error()), ==, SSL_R_NULL_SSL_METHOD_PASSED);
    /* Oldest first; peeking does not remove. */
    CHECK_INT(ERR_get_error(), ==, first);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_NULL_SSL_METHOD_PASSED);
    CHECK_INT(ERR_get_error(), ==, 0);
    CHECK(push_connection_type_error());
    ERR_clear_error();
    CHECK_INT(ERR_peek_error(), ==, 0);
    ok = 1;
out:
    return ok;
}

static int strings_match_openssl3(void)
{
    char buf[256];
    char small[16];
    unsigned long e;
    int ok = 0;

    CHECK(push_connection_type_error());
    e = ERR_get_error();
    ERR_error_string_n(e, buf, sizeof(buf));
    CHECK(strcmp(buf, "error:0A000090:SSL routines::connection type not set") == 0);
    CHECK(strcmp(ERR_lib_error_string(e), "SSL routines") == 0);
    CHECK(strcmp(ERR_reason_error_string(e), "connection type not set") == 0);
    CHECK(strcmp(ERR_error_string(e, NULL), buf) == 0);
    /* Too short for the text: OpenSSL's compact form, cut to fit. */
    ERR_error_string_n(e, small, sizeof(small));
    CHECK(strcmp(small, "err:a000090:14:") == 0);
    ok = 1;
out:
    return ok;
}

static int print_errors_to_file(void)
{
    FILE *f = tmpfile();
    char line[512] = "";
    int ok = 0;

    CHECK(f != NULL);
    CHECK(push_connection_type_error());
    ERR_print_errors_fp(f);
    CHECK_INT(ERR_peek_error(), ==, 0);
    rewind(f);
    CHECK(fgets(line, sizeof(line), f) != NULL);
    CHECK(strstr(line, ":error:0A000090:SSL routines:") != NULL);
    CHECK(strstr(line, ":connection type not set:") != NULL);
    ok = 1;
out:
    if (f != NULL)
        fclose(f);
    return ok;
}

/* A missing file: the system error first, then the SSL library's. */
static int missing_file_reports_errno(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    unsigned long e;
    int ok = 0;

    CHECK(ctx != NULL);
    CHECK_INT(SSL_CTX_use_certificate_file(ctx, "/nonexistent/cert.pem", SSL_FILETYPE_PEM), ==, 0);
    e = ERR_peek_error();
    CHECK_INT(ERR_GET_LIB(e), ==, ERR_LIB_SYS);
    CHECK_INT(ERR_GET_REASON(e), ==, ENOENT);
    e = ERR_peek_last_error();
    CHECK_INT(ERR_GET_LIB(e), ==, ERR_LIB_SSL);
    ERR_clear_error();
    ok = 1;
out:
    SSL_CTX_free(ctx);
    return ok;
}

static void *other_thread(void *arg)
{
    unsigned long *seen = arg;

    /* A new thread starts with an empty queue... */
    seen[0] = ERR_peek_error();
    /* ...and what it pushes stays its own. */
    SSL_CTX_new(NULL);
    seen[1] = ERR_peek_error();
    return NULL;
}

static int queue_is_per_thread(void)
{
    unsigned long seen[2] = {1, 0};
    pthread_t t;
    int ok = 0;

    CHECK(push_connection_type_error());
    CHECK(pthread_create(&t, NULL, other_thread, seen) == 0);
    CHECK(pthread_join(t, NULL) == 0);
    CHECK_INT(seen[0], ==, 0);
    CHECK_INT(ERR_GET_REASON(seen[1]), ==, SSL_R_NULL_SSL_METHOD_PASSED);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_CONNECTION_TYPE_NOT_SET);
    CHECK_INT(ERR_get_error(), ==, 0);
    ok = 1;
out:
    return ok;
}

/* Marks stand on the newest entry; popping removes what came after. */
static int marks(void)
{
    int n = 0;
    int ok = 0;

    ERR_clear_error();
    /* Nothing to mark in an empty queue. */
    CHECK_INT(ERR_set_mark(), ==, 0);
    SSL_CTX_new(NULL);
    CHECK_INT(ERR_pop_to_mark(), ==, 0);
    CHECK_INT(ERR_peek_error(), ==, 0);
    SSL_CTX_new(NULL);
    CHECK_INT(ERR_set_mark(), ==, 1);
    SSL_CTX_new(NULL);
    SSL_CTX_new(NULL);
    CHECK_INT(ERR_pop_to_mark(), ==, 1);
    while (ERR_get_error() != 0)
        n++;
    CHECK_INT(n, ==, 1);
    SSL_CTX_new(NULL);
    CHECK_INT(ERR_set_mark(), ==, 1);
    SSL_CTX_new(NULL);
    CHECK_INT(ERR_clear_last_mark(), ==, 1);
    CHECK_INT(ERR_pop_to_mark(), ==, 0);
    CHECK_INT(ERR_peek_error(), ==, 0);
    CHECK_INT(ERR_clear_last_mark(), ==, 0);
    ok = 1;
out:
    return ok;
}

static int raising_and_reading(void)
{
    const char *file;
    const char *data;
    const char *func;
    int line;
    int flags;
    unsigned long e;
    int ok = 0;

    ERR_clear_error();
    ERR_raise_data(ERR_LIB_SSL, SSL_R_BAD_LENGTH, "value %d", 42);
    e = ERR_peek_error_line_data(&file, &line, &data, &flags);
    CHECK(e == ERR_PACK(ERR_LIB_SSL, 0, SSL_R_BAD_LENGTH));
    CHECK(strcmp(data, "value 42") == 0);
    CHECK_INT(flags, ==, ERR_TXT_STRING | ERR_TXT_MALLOCED);
    CHECK_INT(line, >, 0);
    CHECK(strstr(file, "test_errors.c") != NULL);
    e = ERR_peek_error_all(&file, &line, &func, &data, &flags);
    CHECK(strcmp(func, "raising_and_reading") == 0);
    CHECK(ERR_get_error_line_data(&file, &line, &data, &flags) == e);
    /* Without text: an empty string, no flags. */
    ERR_raise(ERR_LIB_SSL, SSL_R_BAD_WRITE_RETRY);
    CHECK(ERR_peek_last_error_data(&data, &flags) == ERR_PACK(ERR_LIB_SSL, 0, SSL_R_BAD_WRITE_RETRY));
    CHECK(strcmp(data, "") == 0);
    CHECK_INT(flags, ==, 0);
    CHECK(ERR_peek_error_data(&data, &flags) != 0);
    CHECK(ERR_get_error_line(&file, &line) != 0);
    ERR_put_error(ERR_LIB_USER, 0, 100, "x.c", 7);
    CHECK(ERR_peek_last_error_line(&file, &line) == 0x40000064UL);
    CHECK(strcmp(file, "x.c") == 0);
    CHECK_INT(line, ==, 7);
    CHECK(ERR_peek_error_line(&file, &line) == 0x40000064UL);
    ERR_clear_error();
    ok = 1;
out:
    return ok;
}

static int strings_of_other_libraries(void)
{
    char buf[256];
    int ok = 0;

    ERR_error_string_n(0x40000064UL, buf, sizeof(buf));
    CHECK(strcmp(buf, "error:40000064:lib(128)::reason(100)") == 0);
    ERR_error_string_n(ERR_PACK(ERR_LIB_SSL, 0, 9999), buf, sizeof(buf));
    CHECK(strcmp(buf, "error:0A00270F:SSL routines::reason(9999)") == 0);
    ok = 1;
out:
    return ok;
}

/* The text of the first error on the queue, which is then emptied. */
static int first_error_is(const char *expected)
{
    char buf[256];

    ERR_error_string_n(ERR_peek_error(), buf, sizeof(buf));
    ERR_clear_error();
    if (strcmp(buf, expected) == 0)
        return 1;
    fprintf(stderr, "  got \"%s\"\n", buf);
    return 0;
}

/* What DH parameters push (their texts live apart from the others). */
static int strings_of_dh_errors(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    DH *empty = DH_new();
    int ok = 0;

    CHECK(ctx != NULL && empty != NULL);
    ERR_clear_error();
    CHECK(DH_new_by_nid(NID_sha256) == NULL);
    CHECK(first_error_is("error:02800072:Diffie-Hellman routines::invalid parameter nid"));
    CHECK_INT(i2d_DHparams(empty, NULL), ==, -1);
    CHECK(first_error_is("error:068000DE:asn1 encoding routines::illegal zero content"));
    CHECK_INT(SSL_CTX_set_tmp_dh(ctx, empty), ==, 0);
    CHECK(first_error_is("error:0A00018A:SSL routines::dh key too small"));
    ERR_raise(ERR_LIB_BN, 1000);
    CHECK(first_error_is("error:018003E8:bignum routines::reason(1000)"));
    ok = 1;
out:
    ERR_clear_error();
    DH_free(empty);
    SSL_CTX_free(ctx);
    return ok;
}

static int print_errors_to_bio(void)
{
    BIO *b = BIO_new(BIO_s_mem());
    char text[512];
    int len;
    int ok = 0;

    CHECK(b != NULL);
    ERR_raise(ERR_LIB_SYS, ENOENT);
    ERR_print_errors(b);
    CHECK_INT(ERR_peek_error(), ==, 0);
    len = BIO_read(b, text, sizeof(text) - 1);
    CHECK_INT(len, >, 0);
    text[len] = '\0';
    CHECK(text[len - 1] == '\n');
    CHECK(strstr(text, ":error:80000002:system library:print_errors_to_bio:") != NULL);
    ok = 1;
out:
    BIO_free(b);
    return ok;
}

/* The queue keeps the newest 15 entries, as OpenSSL's does. */
static int queue_is_bounded(void)
{
    unsigned long first;
    int n = 0;
    int i;
    int ok = 0;

    ERR_clear_error();
    for (i = 1; i <= 20; i++)
        ERR_raise(ERR_LIB_SSL, i);
    first = ERR_peek_error();
    while (ERR_get_error() != 0)
        n++;
    CHECK_INT(n, ==, 15);
    CHECK_INT(ERR_GET_REASON(first), ==, 6);
    ok = 1;
out:
    return ok;
}

/* Calls kept for older programs. */
static int legacy_error_calls(void)
{
    int ok = 0;

    ERR_remove_thread_state(NULL);
    ERR_remove_state(0);
    CHECK_INT(ERR_load_SSL_strings(), ==, 1);
    ERR_free_strings();
    ok = 1;
out:
    return ok;
}

/* The OpenSSL 1.0 start-up calls still work. */
static int legacy_init_calls(void)
{
    int ok = 0;

    CHECK_INT(SSL_library_init(), ==, 1);
    CHECK_INT(SSL_load_error_strings(), ==, 1);
    CHECK_INT(OpenSSL_add_all_algorithms(), ==, 1);
    CHECK_INT(OpenSSL_add_ssl_algorithms(), ==, 1);
    CHECK_INT(ERR_load_crypto_strings(), ==, 1);
    CHECK_INT(OPENSSL_init_crypto(0, NULL), ==, 1);
    ok = 1;
out:
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"codes are packed as in OpenSSL 3", packing_matches_openssl3},
        {"oldest first, peek, peek last, clear", queue_order_and_peek},
        {"error strings", strings_match_openssl3},
        {"ERR_print_errors_fp", print_errors_to_file},
        {"a missing file reports errno", missing_file_reports_errno},
        {"one queue per thread", queue_is_per_thread},
        {"marks", marks},
        {"the queue keeps 15 entries", queue_is_bounded},
        {"raising and reading entries", raising_and_reading},
        {"strings of other libraries", strings_of_other_libraries},
        {"strings of DH errors", strings_of_dh_errors},
        {"ERR_print_errors to a BIO", print_errors_to_bio},
        {"legacy error calls", legacy_error_calls},
        {"OpenSSL 1.0 initialisation calls", legacy_init_calls},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
