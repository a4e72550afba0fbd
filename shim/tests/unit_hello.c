/* SPDX-License-Identifier: Apache-2.0 */
/* shim/hello.c: versions and the server name offered by a ClientHello, its
 * fields and extensions, secure renegotiation in a ServerHello, and
 * malformed input of every length. */
#include <stddef.h>
#include <string.h>

#include "internal.h"
#include "testlib.h"

/* A ClientHello handshake message (record header removed) from our client
 * with the given maximum version and server name (NULL: none). */
static int make_hello_named(int max_version, const char *sni, unsigned char *out, size_t cap,
                            size_t *len)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL *s = ctx != NULL ? SSL_new(ctx) : NULL;
    BIO *in = BIO_new(BIO_s_mem());
    BIO *wr = BIO_new(BIO_s_mem());
    unsigned char record[4096];
    int n = 0;

    if (s != NULL && in != NULL && wr != NULL) {
        SSL_set_bio(s, in, wr);
        in = wr = NULL;
        SSL_set_max_proto_version(s, max_version);
        if (sni != NULL)
            SSL_set_tlsext_host_name(s, sni);
        (void)SSL_connect(s);
        n = BIO_read(SSL_get_wbio(s), record, sizeof(record));
    }
    BIO_free(in);
    BIO_free(wr);
    SSL_free(s);
    SSL_CTX_free(ctx);
    ERR_clear_error();
    if (n <= 5 || (size_t)n - 5 > cap)
        return 0;
    memcpy(out, record + 5, (size_t)n - 5);
    *len = (size_t)n - 5;
    return 1;
}

static int make_hello(int max_version, unsigned char *out, size_t cap, size_t *len)
{
    return make_hello_named(max_version, NULL, out, cap, len);
}

static int offered_versions(void)
{
    unsigned char hello[4096];
    size_t len;
    int ok = 0;

    CHECK(make_hello(TLS1_3_VERSION, hello, sizeof(hello), &len));
    CHECK_INT(shim_client_hello_versions_overlap(hello, len, TLS1_2_VERSION, TLS1_3_VERSION), ==,
              1);
    CHECK_INT(shim_client_hello_versions_overlap(hello, len, TLS1_3_VERSION, TLS1_3_VERSION), ==,
              1);
    CHECK(make_hello(TLS1_2_VERSION, hello, sizeof(hello), &len));
    CHECK_INT(shim_client_hello_versions_overlap(hello, len, TLS1_3_VERSION, TLS1_3_VERSION), ==,
              0);
    CHECK_INT(shim_client_hello_versions_overlap(hello, len, TLS1_2_VERSION, TLS1_2_VERSION), ==,
              1);
    ok = 1;
out:
    return ok;
}

/* Every prefix and every single-byte change of a real hello: an answer,
 * never a read out of bounds (the sanitizer build checks that). */
static int malformed_hellos(void)
{
    unsigned char hello[4096];
    unsigned char copy[4096];
    size_t len;
    size_t i;
    int ok = 0;

    CHECK(make_hello(TLS1_3_VERSION, hello, sizeof(hello), &len));
    for (i = 0; i < len; i++) {
        int r = shim_client_hello_versions_overlap(hello, i, TLS1_2_VERSION, TLS1_3_VERSION);

        CHECK(r >= -1 && r <= 1);
    }
    for (i = 0; i < len; i++) {
        int r;

        memcpy(copy, hello, len);
        copy[i] ^= 0xFF;
        r = shim_client_hello_versions_overlap(copy, len, TLS1_2_VERSION, TLS1_3_VERSION);
        CHECK(r >= -1 && r <= 1);
    }
    CHECK_INT(shim_client_hello_versions_overlap(hello, 0, TLS1_2_VERSION, TLS1_3_VERSION), ==, -1);
    ok = 1;
out:
    return ok;
}

static int within(const unsigned char *p, size_t n, const unsigned char *msg, size_t len)
{
    return n == 0 || (p >= msg && n <= len && p - msg <= (ptrdiff_t)(len - n));
}

/* Every answer about a possibly damaged hello points inside it. */
static int hello_answers_in_bounds(const unsigned char *msg, size_t len)
{
    const unsigned char *name = NULL;
    size_t name_len = 0;
    struct shim_client_hello ch;
    const unsigned char *p;
    size_t left;
    unsigned int type;
    const unsigned char *data;
    size_t data_len;
    int r = shim_client_hello_server_name(msg, len, &name, &name_len);

    if (r < -1 || r > 1 || (r == 1 && !within(name, name_len, msg, len)))
        return 0;
    r = shim_client_hello_groups(msg, len, &name, &name_len);
    if (r < -1 || r > 1 || (r == 1 && (!within(name, name_len, msg, len) || name_len % 2 != 0)))
        return 0;
    if (!shim_client_hello_parse(msg, len, &ch))
        return 1;
    if (!within(ch.random, 32, msg, len) || !within(ch.session_id, ch.session_id_len, msg, len) ||
        !within(ch.ciphers, ch.ciphers_len, msg, len) ||
        !within(ch.compression, ch.compression_len, msg, len) ||
        !within(ch.extensions, ch.extensions_len, msg, len))
        return 0;
    for (p = ch.extensions, left = ch.extensions_len;
         shim_hello_next_extension(&p, &left, &type, &data, &data_len);) {
        if (!within(data, data_len, msg, len))
            return 0;
    }
    return 1;
}

static int server_name_and_fields(void)
{
    unsigned char hello[4096];
    unsigned char copy[4096];
    size_t len;
    const unsigned char *name = NULL;
    size_t name_len = 0;
    struct shim_client_hello ch;
    const unsigned char *p;
    size_t left;
    unsigned int type;
    const unsigned char *data;
    size_t data_len;
    size_t walked = 0;
    size_t i;
    int ok = 0;

    CHECK(make_hello(TLS1_3_VERSION, hello, sizeof(hello), &len));
    CHECK_INT(shim_client_hello_server_name(hello, len, &name, &name_len), ==, 0);
#if defined(MBEDTLS_SSL_SERVER_NAME_INDICATION)
    /* Our client sends a name only when mbedTLS has the extension. */
    CHECK(make_hello_named(TLS1_3_VERSION, "vhost.example.test", hello, sizeof(hello), &len));
    CHECK_INT(shim_client_hello_server_name(hello, len, &name, &name_len), ==, 1);
    CHECK(name_len == 18 && memcmp(name, "vhost.example.test", 18) == 0);
#endif
    /* Our client offers mbedTLS's groups, X25519 first. */
    CHECK_INT(shim_client_hello_groups(hello, len, &name, &name_len), ==, 1);
    CHECK(name_len >= 2 && name[0] == 0 && name[1] == 0x1d);
    CHECK(shim_client_hello_parse(hello, len, &ch));
    CHECK_INT(ch.legacy_version, ==, TLS1_2_VERSION);
    CHECK(ch.ciphers_len >= 2 && ch.ciphers_len % 2 == 0);
    CHECK(ch.compression_len == 1 && ch.compression[0] == 0);
    for (p = ch.extensions, left = ch.extensions_len;
         shim_hello_next_extension(&p, &left, &type, &data, &data_len);)
        walked += 4 + data_len;
    CHECK_INT(left, ==, 0);
    CHECK_INT(walked, ==, ch.extensions_len);
    for (i = 0; i <= len; i++)
        CHECK(hello_answers_in_bounds(hello, i));
    for (i = 0; i < len; i++) {
        memcpy(copy, hello, len);
        copy[i] ^= 0xFF;
        CHECK(hello_answers_in_bounds(copy, len));
    }
    ok = 1;
out:
    return ok;
}

/* A minimal ClientHello whose only extension is server_name with the
 * given data; returns its length. */
static size_t hello_with_server_name(unsigned char *out, const unsigned char *sni, size_t sni_len)
{
    /* version, random, empty session id, one suite, null compression */
    size_t at = 4;

    memset(out, 0, 4 + 2 + 32);
    out[at++] = 3, out[at++] = 3;
    at += 32;
    out[at++] = 0;
    out[at++] = 0, out[at++] = 2, out[at++] = 0x13, out[at++] = 1;
    out[at++] = 1, out[at++] = 0;
    out[at++] = 0, out[at++] = (unsigned char)(4 + sni_len);
    out[at++] = 0, out[at++] = 0; /* server_name */
    out[at++] = 0, out[at++] = (unsigned char)sni_len;
    memcpy(out + at, sni, sni_len);
    at += sni_len;
    out[0] = 1;
    out[1] = 0, out[2] = 0, out[3] = (unsigned char)(at - 4);
    return at;
}

/* OpenSSL takes exactly one entry, of type host_name. */
static int server_name_entries(void)
{
    static const unsigned char one[] = {0, 4, 0, 0, 1, 'a'};
    static const unsigned char two[] = {0, 8, 0, 0, 1, 'a', 0, 0, 1, 'b'};
    static const unsigned char other_type[] = {0, 4, 1, 0, 1, 'a'};
    static const unsigned char empty_list[] = {0, 0};
    unsigned char hello[128];
    const unsigned char *name = NULL;
    size_t name_len = 0;
    size_t len;
    int ok = 0;

    len = hello_with_server_name(hello, one, sizeof(one));
    CHECK_INT(shim_client_hello_server_name(hello, len, &name, &name_len), ==, 1);
    CHECK(name_len == 1 && name[0] == 'a');
    len = hello_with_server_name(hello, two, sizeof(two));
    CHECK_INT(shim_client_hello_server_name(hello, len, &name, &name_len), ==, -1);
    len = hello_with_server_name(hello, other_type, sizeof(other_type));
    CHECK_INT(shim_client_hello_server_name(hello, len, &name, &name_len), ==, -1);
    len = hello_with_server_name(hello, empty_list, sizeof(empty_list));
    CHECK_INT(shim_client_hello_server_name(hello, len, &name, &name_len), ==, -1);
    ok = 1;
out:
    return ok;
}

/* The server's first handshake message for a client capped at version. */
static int make_server_hello(int version, unsigned char *out, size_t cap, size_t *len)
{
    SSL_CTX *cctx = SSL_CTX_new(TLS_client_method());
    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method());
    SSL *c = NULL;
    SSL *s = NULL;
    unsigned char record[8192];
    int n = 0;

    if (cctx == NULL || sctx == NULL ||
        SSL_CTX_use_certificate_file(sctx, cert_path("server.pem"), SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_use_PrivateKey_file(sctx, cert_path("server.key"), SSL_FILETYPE_PEM) != 1 ||
        !make_pair(cctx, sctx, &c, &s))
        goto done;
    SSL_set_max_proto_version(c, version);
    (void)SSL_connect(c);
    (void)SSL_accept(s);
    n = BIO_read(SSL_get_rbio(c), record, sizeof(record));
done:
    free_pair(c, s, cctx, sctx);
    ERR_clear_error();
    if (n <= 5 || record[0] != 22 || (size_t)n - 5 > cap)
        return 0;
    memcpy(out, record + 5, (size_t)n - 5);
    *len = (size_t)n - 5;
    return 1;
}

static int server_hello_renegotiation_info(void)
{
    static const unsigned char legacy[] = {
        0x02, 0x00, 0x00, 0x26, 0x03, 0x03, 1,    2,    3, 4, 5, 6, 7, 8, 9, 10,
        11,   12,   13,   14,   15,   16,   17,   18,   19, 20, 21, 22, 23, 24, 25, 26,
        27,   28,   29,   30,   31,   32,   0x00, 0xc0, 0x2b, 0x00};
    unsigned char hello[8192];
    size_t len;
    size_t i;
    int ok = 0;

    CHECK_INT(shim_server_hello_is_legacy(legacy, sizeof(legacy)), ==, 1);
    for (i = 0; i < sizeof(legacy); i++) {
        int r = shim_server_hello_is_legacy(legacy, i);

        CHECK(r >= -1 && r <= 1);
    }
    /* Our own server answers with renegotiation_info in TLS 1.2... */
    CHECK(make_server_hello(TLS1_2_VERSION, hello, sizeof(hello), &len));
    CHECK_INT(shim_server_hello_is_legacy(hello, len), ==, 0);
    /* ...and TLS 1.3 has no renegotiation at all. */
    CHECK(make_server_hello(TLS1_3_VERSION, hello, sizeof(hello), &len));
    CHECK_INT(shim_server_hello_is_legacy(hello, len), ==, 0);
    for (i = 0; i < len; i++) {
        int r = shim_server_hello_is_legacy(hello, i);

        CHECK(r >= -1 && r <= 1);
    }
    /* Not a ServerHello. */
    CHECK_INT(shim_server_hello_is_legacy(hello + 1, len - 1), ==, -1);
    ok = 1;
out:
    return ok;
}

/* What a ServerHello says of resumption, for every prefix and single-byte
 * change of a real one: an answer that points inside it. */
static int server_hello_fields(void)
{
    unsigned char hello[4096];
    unsigned char copy[4096];
    size_t len;
    struct shim_server_hello sh;
    size_t i;
    int ok = 0;

    CHECK(make_server_hello(TLS1_3_VERSION, hello, sizeof(hello), &len));
    CHECK(shim_server_hello_parse(hello, len, &sh));
    CHECK(sh.tls13 && !sh.pre_shared_key);
    CHECK_INT(sh.session_id_len, ==, 32);
    CHECK_INT(sh.cipher_suite, ==, 0x1302);   /* TLS_AES_256_GCM_SHA384 */
    CHECK_INT(sh.key_share_group, ==, 0x1d); /* X25519 */
    CHECK(make_server_hello(TLS1_2_VERSION, hello, sizeof(hello), &len));
    CHECK(shim_server_hello_parse(hello, len, &sh));
    CHECK(!sh.tls13 && !sh.pre_shared_key);
    CHECK_INT(sh.cipher_suite, ==, 0xC02C); /* ECDHE-ECDSA-AES256-GCM-SHA384 */
    CHECK_INT(sh.key_share_group, ==, 0);
    for (i = 0; i < len; i++) {
        memcpy(copy, hello, len);
        copy[i] ^= 0xFF;
        if (shim_server_hello_parse(copy, len, &sh))
            CHECK(within(sh.session_id, sh.session_id_len, copy, len));
        if (shim_server_hello_parse(hello, i, &sh))
            CHECK(within(sh.session_id, sh.session_id_len, hello, i));
    }
    ok = 1;
out:
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"versions offered", offered_versions},
        {"malformed hellos", malformed_hellos},
        {"server name and fields", server_name_and_fields},
        {"server name entries", server_name_entries},
        {"ServerHello: secure renegotiation", server_hello_renegotiation_info},
        {"ServerHello: resumption fields", server_hello_fields},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
