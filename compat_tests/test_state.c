/* SPDX-License-Identifier: Apache-2.0 */
/* Connection state, its names, alert names, SSL_clear and options. */
#include <string.h>

#include "testlib.h"

static int states_and_names(void)
{
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, 0, 0);
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr;
    struct side sr;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL && make_pair(cctx, sctx, &c, &s));
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    CHECK_INT(SSL_get_state(c), ==, TLS_ST_BEFORE);
    CHECK(strcmp(SSL_state_string(c), "PINIT") == 0);
    CHECK(strcmp(SSL_state_string_long(c), "before SSL initialization") == 0);
    CHECK(SSL_want_nothing(c));
    CHECK(SSL_in_connect_init(c) && !SSL_in_accept_init(c));
    CHECK(SSL_in_accept_init(s) && !SSL_in_connect_init(s));
    CHECK_INT(SSL_connect(c), ==, -1);
    /* The client's first step. */
    CHECK_INT(SSL_get_state(c), ==, TLS_ST_CW_CLNT_HELLO);
    CHECK(strcmp(SSL_state_string(c), "TWCH") == 0);
    CHECK(strcmp(SSL_state_string_long(c), "SSLv3/TLS write client hello") == 0);
    CHECK(SSL_want_read(c));
    CHECK(drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK_INT(SSL_get_state(c), ==, TLS_ST_OK);
    CHECK_INT(SSL_get_state(s), ==, TLS_ST_OK);
    CHECK(strcmp(SSL_state_string(s), "SSLOK") == 0);
    CHECK(strcmp(SSL_state_string_long(s), "SSL negotiation finished successfully") == 0);
    CHECK(!SSL_in_connect_init(c) && !SSL_in_accept_init(s));
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    return ok;
}

/* After a fatal error: in init again, named "error". */
static int state_after_fatal_error(void)
{
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, 0, 0);
    SSL *c = NULL;
    BIO *in = BIO_new(BIO_s_mem());
    BIO *wr = BIO_new(BIO_s_mem());
    int ok = 0;

    CHECK(cctx != NULL && in != NULL && wr != NULL && (c = SSL_new(cctx)) != NULL);
    BIO_write(in, "HTTP/1.1 400 Bad Request\r\n\r\n", 28);
    SSL_set_bio(c, in, wr);
    in = wr = NULL;
    CHECK_INT(SSL_connect(c), ==, -1);
    ERR_clear_error();
    CHECK(SSL_in_init(c));
    CHECK(!SSL_is_init_finished(c));
    CHECK(strcmp(SSL_state_string(c), "SSLERR") == 0);
    CHECK(strcmp(SSL_state_string_long(c), "error") == 0);
    ok = 1;
out:
    BIO_free(in);
    BIO_free(wr);
    SSL_free(c);
    SSL_CTX_free(cctx);
    return ok;
}

static int alert_names(void)
{
    int ok = 0;

    CHECK(strcmp(SSL_alert_type_string(1 << 8), "W") == 0);
    CHECK(strcmp(SSL_alert_type_string_long(1 << 8), "warning") == 0);
    CHECK(strcmp(SSL_alert_type_string(2 << 8), "F") == 0);
    CHECK(strcmp(SSL_alert_type_string_long(2 << 8), "fatal") == 0);
    CHECK(strcmp(SSL_alert_type_string(3 << 8), "U") == 0);
    CHECK(strcmp(SSL_alert_type_string_long(0), "unknown") == 0);
    CHECK(strcmp(SSL_alert_desc_string(SSL_AD_CLOSE_NOTIFY), "CN") == 0);
    CHECK(strcmp(SSL_alert_desc_string_long(SSL_AD_CLOSE_NOTIFY), "close notify") == 0);
    CHECK(strcmp(SSL_alert_desc_string_long(SSL_AD_UNEXPECTED_MESSAGE), "unexpected_message") ==
          0);
    CHECK(strcmp(SSL_alert_desc_string(SSL_AD_UNKNOWN_CA), "CA") == 0);
    CHECK(strcmp(SSL_alert_desc_string_long(SSL_AD_UNKNOWN_CA), "unknown CA") == 0);
    CHECK(strcmp(SSL_alert_desc_string(SSL_AD_DECRYPT_ERROR), "CY") == 0);
    CHECK(strcmp(SSL_alert_desc_string_long(SSL_AD_USER_CANCELLED), "user canceled") == 0);
    CHECK(strcmp(SSL_alert_desc_string_long((2 << 8) | SSL_AD_PROTOCOL_VERSION),
                 "protocol version") == 0);
    CHECK(strcmp(SSL_alert_desc_string(SSL_AD_NO_APPLICATION_PROTOCOL), "UK") == 0);
    CHECK(strcmp(SSL_alert_desc_string_long(255), "unknown") == 0);
    ok = 1;
out:
    return ok;
}

/* SSL_clear keeps role and settings and allows a new handshake. */
static int clear_and_reconnect(void)
{
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, 0, 0);
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL *c = NULL;
    SSL *s = NULL;
    SSL *s2 = NULL;
    BIO *cb = NULL;
    BIO *sb = NULL;
    struct side cr;
    struct side sr;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL && make_pair(cctx, sctx, &c, &s));
    CHECK_INT(SSL_set_max_proto_version(c, TLS1_2_VERSION), ==, 1);
    CHECK(drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK_INT(SSL_version(c), ==, TLS1_2_VERSION);
    CHECK_INT(SSL_clear(c), ==, 1);
    CHECK_INT(SSL_get_state(c), ==, TLS_ST_BEFORE);
    CHECK(SSL_in_before(c) && SSL_in_init(c));
    CHECK(!SSL_is_server(c));
    CHECK_INT(SSL_get_shutdown(c), ==, 0);
    CHECK_INT(SSL_get_max_proto_version(c), ==, TLS1_2_VERSION);
    /* A new connection through a new transport. */
    CHECK(BIO_new_bio_pair(&cb, 0, &sb, 0));
    SSL_set_bio(c, cb, cb);
    CHECK((s2 = SSL_new(sctx)) != NULL);
    SSL_set_bio(s2, sb, sb);
    CHECK(drive_handshake(c, hs_do_handshake, &cr, s2, hs_accept, &sr, NULL, NULL));
    CHECK_INT(SSL_version(c), ==, TLS1_2_VERSION);
    CHECK_INT(SSL_write(c, "again", 5), ==, 5);
    ok = 1;
out:
    SSL_free(s2);
    free_pair(c, s, cctx, sctx);
    return ok;
}

/* SSL_dup: before the handshake a copy with the same settings and role;
 * once the handshake has begun, the same object shared. */
static int dup_before_and_after(void)
{
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, 0, 0);
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL *c = NULL;
    SSL *s = NULL;
    SSL *copy = NULL;
    BIO *mem = BIO_new(BIO_s_mem());
    struct side cr;
    struct side sr;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL && mem != NULL && (c = SSL_new(cctx)) != NULL);
    SSL_set_options(c, SSL_OP_NO_TICKET);
    SSL_set_mode(c, SSL_MODE_ENABLE_PARTIAL_WRITE);
    SSL_set_verify(c, SSL_VERIFY_PEER, NULL);
    SSL_set_connect_state(c);
    SSL_set_bio(c, mem, mem);
    mem = NULL;
    CHECK((copy = SSL_dup(c)) != NULL);
    CHECK(copy != c);
    CHECK(SSL_get_options(copy) == SSL_get_options(c));
    CHECK((SSL_get_mode(copy) & SSL_MODE_ENABLE_PARTIAL_WRITE) != 0);
    CHECK_INT(SSL_get_verify_mode(copy), ==, SSL_VERIFY_PEER);
    CHECK_INT(SSL_is_server(copy), ==, 0);
    /* The copy has no transport of its own yet (as in OpenSSL 3.0). */
    CHECK(SSL_get_rbio(copy) == NULL && SSL_get_wbio(copy) == NULL);
    SSL_free(copy);
    copy = NULL;
    SSL_free(c);
    c = NULL;

    CHECK(make_pair(cctx, sctx, &c, &s));
    CHECK(drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK((copy = SSL_dup(c)) == c);
    /* Shared, so freeing the "copy" leaves the connection working. */
    SSL_free(copy);
    copy = NULL;
    CHECK_INT(SSL_write(c, "after", 5), ==, 5);
    ok = 1;
out:
    SSL_free(copy);
    BIO_free(mem);
    free_pair(c, s, cctx, sctx);
    return ok;
}

static int options_values(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL *s = NULL;
    int ok = 0;

    CHECK(ctx != NULL);
    /* OpenSSL 3's defaults. */
    CHECK(SSL_CTX_get_options(ctx) == (SSL_OP_NO_COMPRESSION | SSL_OP_ENABLE_MIDDLEBOX_COMPAT));
    CHECK(SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET | SSL_OP_ALL) ==
          (SSL_OP_NO_COMPRESSION | SSL_OP_ENABLE_MIDDLEBOX_COMPAT | SSL_OP_NO_TICKET |
           SSL_OP_ALL));
    CHECK(SSL_CTX_clear_options(ctx, SSL_OP_ALL) ==
          (SSL_OP_NO_COMPRESSION | SSL_OP_ENABLE_MIDDLEBOX_COMPAT | SSL_OP_NO_TICKET));
    CHECK((s = SSL_new(ctx)) != NULL);
    CHECK(SSL_get_options(s) == SSL_CTX_get_options(ctx));
    CHECK(SSL_set_options(s, SSL_OP_IGNORE_UNEXPECTED_EOF) ==
          (SSL_CTX_get_options(ctx) | SSL_OP_IGNORE_UNEXPECTED_EOF));
    CHECK(SSL_clear_options(s, SSL_OP_NO_TICKET) ==
          (SSL_OP_NO_COMPRESSION | SSL_OP_ENABLE_MIDDLEBOX_COMPAT | SSL_OP_IGNORE_UNEXPECTED_EOF));
    CHECK(SSL_CTX_get_options(ctx) & SSL_OP_NO_TICKET);
    CHECK(SSL_OP_NO_TLSv1_3 == ((uint64_t)1 << 29));
    ok = 1;
out:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

/* SSL_OP_NO_TLSv1_3 and SSL_OP_NO_TLSv1_2 narrow the versions; the older
 * flags that legacy programs set to harden their contexts change nothing
 * in the versions both libraries then speak. */
static int version_options(void)
{
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, 0, 0);
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr;
    struct side sr;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL && make_pair(cctx, sctx, &c, &s));
    SSL_set_options(c, SSL_OP_NO_TLSv1_3);
    CHECK(drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK_INT(SSL_version(c), ==, TLS1_2_VERSION);
    free_pair(c, s, NULL, NULL);
    c = s = NULL;
    CHECK(make_pair(cctx, sctx, &c, &s));
    SSL_set_options(s, SSL_OP_NO_TLSv1_2);
    CHECK(drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK_INT(SSL_version(s), ==, TLS1_3_VERSION);
    free_pair(c, s, NULL, NULL);
    c = s = NULL;
    CHECK(SSL_OP_NO_SSLv3 == ((uint64_t)1 << 25) && SSL_OP_NO_TLSv1 == ((uint64_t)1 << 26) &&
          SSL_OP_NO_TLSv1_1 == ((uint64_t)1 << 28));
    SSL_CTX_set_options(cctx,
                        SSL_OP_NO_SSLv2 | SSL_OP_NO_SSLv3 | SSL_OP_NO_TLSv1 | SSL_OP_NO_TLSv1_1);
    SSL_CTX_set_options(sctx,
                        SSL_OP_NO_SSLv3 | SSL_OP_NO_TLSv1 | SSL_OP_NO_TLSv1_1 | SSL_OP_NO_TLSv1_3);
    CHECK(make_pair(cctx, sctx, &c, &s));
    CHECK(drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK_INT(SSL_version(c), ==, TLS1_2_VERSION);
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    return ok;
}

/* Whether the ClientHello of a client (capped at TLS 1.2) carries the
 * extension; -1 if the hello could not be read. */
static int client_hello_has_extension(int no_ticket, unsigned int ext_type)
{
    SSL_CTX *ctx = client_ctx(NULL, SSL_VERIFY_NONE, 0, TLS1_2_VERSION);
    SSL *c = ctx != NULL ? SSL_new(ctx) : NULL;
    BIO *in = BIO_new(BIO_s_mem());
    BIO *wr = BIO_new(BIO_s_mem());
    unsigned char h[2048];
    size_t p;
    size_t end;
    int n = 0;
    int found = -1;

    if (c != NULL && in != NULL && wr != NULL) {
        if (no_ticket)
            SSL_set_options(c, SSL_OP_NO_TICKET);
        SSL_set_bio(c, in, wr);
        in = wr = NULL;
        (void)SSL_connect(c);
        n = BIO_read(SSL_get_wbio(c), h, sizeof(h));
    }
    /* record header 5, handshake header 4, version 2, random 32 */
    p = 5 + 4 + 2 + 32;
    if (n < (int)p + 1)
        goto done;
    p += 1 + h[p];                              /* session id */
    p += 2 + ((size_t)h[p] << 8 | h[p + 1]);    /* cipher suites */
    p += 1 + h[p];                              /* compression */
    end = p + 2 + ((size_t)h[p] << 8 | h[p + 1]);
    if (end > (size_t)n)
        goto done;
    found = 0;
    for (p += 2; p + 4 <= end; p += 4 + ((size_t)h[p + 2] << 8 | h[p + 3])) {
        if (((unsigned int)h[p] << 8 | h[p + 1]) == ext_type)
            found = 1;
    }
done:
    BIO_free(in);
    BIO_free(wr);
    SSL_free(c);
    SSL_CTX_free(ctx);
    ERR_clear_error();
    return found;
}

/* SSL_OP_NO_TICKET: a client does not ask for session tickets. */
static int no_ticket_option(void)
{
    enum { SESSION_TICKET_EXTENSION = 35 };
    int ok = 0;

    CHECK_INT(client_hello_has_extension(0, SESSION_TICKET_EXTENSION), ==, 1);
    CHECK_INT(client_hello_has_extension(1, SESSION_TICKET_EXTENSION), ==, 0);
    ok = 1;
out:
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"states and their names", states_and_names},
        {"state after a fatal error", state_after_fatal_error},
        {"alert names", alert_names},
        {"SSL_clear, then a new handshake", clear_and_reconnect},
        {"SSL_dup", dup_before_and_after},
        {"option values", options_values},
        {"version options", version_options},
        {"SSL_OP_NO_TICKET", no_ticket_option},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
