/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Watching a connection: the NSS key log (both ends log the same secrets,
 * in OpenSSL's line format), the randoms, the keying material exporters of
 * TLS 1.2 and 1.3, the info callback's events, the message callback, and
 * the Finished messages.
 */
#include <ctype.h>
#include <string.h>

#include "testlib.h"

#define MAX_LINES 16

struct key_log {
    char lines[MAX_LINES][256];
    int count;
};

static struct key_log client_log;
static struct key_log server_log;

static void log_line(const SSL *s, const char *line)
{
    struct key_log *log = SSL_is_server(s) ? &server_log : &client_log;

    if (log->count < MAX_LINES)
        snprintf(log->lines[log->count++], sizeof(log->lines[0]), "%s", line);
}

static int is_hex(const char *p, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        if (!isxdigit((unsigned char)p[i]) || isupper((unsigned char)p[i]))
            return 0;
    }
    return 1;
}

/* "LABEL <64 hex: the client random> <secret_hex_len hex>". */
static int well_formed(const char *line, const char *label, const char *random_hex,
                       size_t secret_hex_len)
{
    size_t label_len = strlen(label);

    return strncmp(line, label, label_len) == 0 && line[label_len] == ' ' &&
           strncmp(line + label_len + 1, random_hex, 64) == 0 && line[label_len + 65] == ' ' &&
           strlen(line) == label_len + 66 + secret_hex_len &&
           is_hex(line + label_len + 66, secret_hex_len);
}

static const char *find_label(const struct key_log *log, const char *label)
{
    size_t len = strlen(label);
    const char *found = NULL;
    int i;

    for (i = 0; i < log->count; i++) {
        if (strncmp(log->lines[i], label, len) == 0 && log->lines[i][len] == ' ') {
            if (found != NULL)
                return NULL; /* twice */
            found = log->lines[i];
        }
    }
    return found;
}

static void hex_of(const unsigned char *bytes, size_t len, char *out)
{
    size_t i;

    for (i = 0; i < len; i++)
        sprintf(out + 2 * i, "%02x", bytes[i]);
}

struct run {
    SSL_CTX *cctx;
    SSL_CTX *sctx;
    SSL *c;
    SSL *s;
};

static int connect_pair(int version, struct run *r)
{
    struct side cr = {0};
    struct side sr = {0};

    memset(r, 0, sizeof(*r));
    memset(&client_log, 0, sizeof(client_log));
    memset(&server_log, 0, sizeof(server_log));
    r->sctx = server_ctx("server.pem", "server.key", version, version);
    r->cctx = client_ctx(NULL, SSL_VERIFY_NONE, version, version);
    if (r->sctx == NULL || r->cctx == NULL)
        return 0;
    SSL_CTX_set_keylog_callback(r->cctx, log_line);
    SSL_CTX_set_keylog_callback(r->sctx, log_line);
    return make_pair(r->cctx, r->sctx, &r->c, &r->s) &&
           drive_handshake(r->c, hs_connect, &cr, r->s, hs_accept, &sr, NULL, NULL);
}

static void run_free(struct run *r)
{
    free_pair(r->c, r->s, r->cctx, r->sctx);
}

/* Each end logs the same lines, in the format Wireshark reads. */
static int key_log(int version)
{
    static const char *const tls13_labels[] = {
        "CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
        "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0"};
    struct run r;
    unsigned char random[32];
    char random_hex[65];
    size_t i;
    int ok = 0;

    CHECK(connect_pair(version, &r));
    CHECK(SSL_CTX_get_keylog_callback(r.cctx) == log_line);
    CHECK_INT(SSL_get_client_random(r.c, random, sizeof(random)), ==, 32);
    hex_of(random, 32, random_hex);
    if (version == TLS1_2_VERSION) {
        const char *line = find_label(&client_log, "CLIENT_RANDOM");

        CHECK(line != NULL);
        CHECK(well_formed(line, "CLIENT_RANDOM", random_hex, 96));
        CHECK(find_label(&server_log, "CLIENT_RANDOM") != NULL);
        CHECK(strcmp(line, find_label(&server_log, "CLIENT_RANDOM")) == 0);
    } else {
        for (i = 0; i < sizeof(tls13_labels) / sizeof(tls13_labels[0]); i++) {
            const char *line = find_label(&client_log, tls13_labels[i]);
            const char *theirs = find_label(&server_log, tls13_labels[i]);

            CHECK(line != NULL && theirs != NULL);
            /* The default suite, TLS_AES_256_GCM_SHA384: 48-byte secrets. */
            CHECK(well_formed(line, tls13_labels[i], random_hex, 96));
            CHECK(strcmp(line, theirs) == 0);
        }
    }
    ok = 1;
out:
    run_free(&r);
    return ok;
}

static int key_log_tls12(void)
{
    return key_log(TLS1_2_VERSION);
}

static int key_log_tls13(void)
{
    return key_log(TLS1_3_VERSION);
}

/* Zero before the handshake; both ends agree after it; outlen 0 asks for
 * the size and a short buffer gets the start. */
static int randoms(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *fresh = NULL;
    struct run r;
    unsigned char a[40];
    unsigned char b[40];
    static const unsigned char zeros[32];
    int ok = 0;

    memset(&r, 0, sizeof(r));
    CHECK(ctx != NULL && (fresh = SSL_new(ctx)) != NULL);
    memset(a, 0xAA, sizeof(a));
    CHECK_INT(SSL_get_client_random(fresh, a, sizeof(a)), ==, 32);
    CHECK(memcmp(a, zeros, 32) == 0 && a[32] == 0xAA);
    CHECK_INT(SSL_get_server_random(fresh, NULL, 0), ==, 32);
    CHECK(connect_pair(0, &r));
    CHECK_INT(SSL_get_client_random(r.c, a, 32), ==, 32);
    CHECK_INT(SSL_get_client_random(r.s, b, 32), ==, 32);
    CHECK(memcmp(a, b, 32) == 0 && memcmp(a, zeros, 32) != 0);
    CHECK_INT(SSL_get_server_random(r.c, a, 32), ==, 32);
    CHECK_INT(SSL_get_server_random(r.s, b, 10), ==, 10);
    CHECK(memcmp(a, b, 10) == 0 && memcmp(a, zeros, 32) != 0);
    ok = 1;
out:
    run_free(&r);
    SSL_free(fresh);
    SSL_CTX_free(ctx);
    return ok;
}

/* RFC 5705 / RFC 8446 exporters: -1 before a handshake, the same bytes at
 * both ends, a context changes them. An empty context differs from none
 * in TLS 1.2 only (TLS 1.3 hashes an absent context as empty). */
static int exporter(int version)
{
    static const char label[] = "EXPERIMENTAL-compat";
    unsigned char none_c[32];
    unsigned char none_s[32];
    unsigned char with_ctx[32];
    unsigned char empty_ctx[32];
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *fresh = NULL;
    struct run r;
    int ok = 0;

    memset(&r, 0, sizeof(r));
    CHECK(ctx != NULL && (fresh = SSL_new(ctx)) != NULL);
    CHECK_INT(
        SSL_export_keying_material(fresh, none_c, sizeof(none_c), label, strlen(label), NULL, 0, 0),
        ==, -1);
    CHECK(connect_pair(version, &r));
    CHECK_INT(
        SSL_export_keying_material(r.c, none_c, sizeof(none_c), label, strlen(label), NULL, 0, 0),
        ==, 1);
    CHECK_INT(
        SSL_export_keying_material(r.s, none_s, sizeof(none_s), label, strlen(label), NULL, 0, 0),
        ==, 1);
    CHECK(memcmp(none_c, none_s, sizeof(none_c)) == 0);
    CHECK_INT(SSL_export_keying_material(r.c, with_ctx, sizeof(with_ctx), label, strlen(label),
                                         (const unsigned char *)"context", 7, 1),
              ==, 1);
    CHECK(memcmp(none_c, with_ctx, sizeof(none_c)) != 0);
    CHECK_INT(SSL_export_keying_material(r.s, empty_ctx, sizeof(empty_ctx), label, strlen(label),
                                         (const unsigned char *)"", 0, 1),
              ==, 1);
    if (version == TLS1_3_VERSION)
        CHECK(memcmp(none_c, empty_ctx, sizeof(none_c)) == 0);
    else
        CHECK(memcmp(none_c, empty_ctx, sizeof(none_c)) != 0);
    ok = 1;
out:
    run_free(&r);
    SSL_free(fresh);
    SSL_CTX_free(ctx);
    return ok;
}

static int exporter_tls12(void)
{
    return exporter(TLS1_2_VERSION);
}

static int exporter_tls13(void)
{
    return exporter(TLS1_3_VERSION);
}

/* ---- The info callback ------------------------------------------------------------------- */

#define MAX_EVENTS 64

struct event {
    int where;
    int ret;
};

struct events {
    struct event list[MAX_EVENTS];
    int count;
};

static struct events client_events;
static struct events server_events;

static void record_event(const SSL *s, int where, int ret)
{
    struct events *e = SSL_is_server(s) ? &server_events : &client_events;

    if (e->count < MAX_EVENTS) {
        e->list[e->count].where = where;
        e->list[e->count].ret = ret;
        e->count++;
    }
}

static int count_where(const struct events *e, int where, int ret)
{
    int n = 0;
    int i;

    for (i = 0; i < e->count; i++)
        n += e->list[i].where == where && e->list[i].ret == ret;
    return n;
}

/* The shape OpenSSL's events have, whatever its count of steps: START
 * first; the role's LOOPs; EXIT -1 on each return that waits; DONE once,
 * and the next EXIT (after the tickets a TLS 1.3 server still writes)
 * with 1. */
static int events_shape(const struct events *e, int role)
{
    int done_at = -1;
    int i;

    if (e->count < 4 || e->list[0].where != SSL_CB_HANDSHAKE_START)
        return 0;
    for (i = 0; i < e->count; i++) {
        if (e->list[i].where == SSL_CB_HANDSHAKE_DONE)
            done_at = i;
    }
    if (done_at <= 0 || count_where(e, SSL_CB_HANDSHAKE_DONE, 1) != 1 ||
        count_where(e, role | SSL_CB_LOOP, 1) < 1 || count_where(e, role | SSL_CB_EXIT, -1) < 1)
        return 0;
    for (i = done_at + 1; i < e->count; i++) {
        if (e->list[i].where == (role | SSL_CB_EXIT))
            return e->list[i].ret == 1;
    }
    return 0;
}

static int info_callback(int version)
{
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", version, version);
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, version, version);
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr = {0};
    struct side sr = {0};
    int ok = 0;

    memset(&client_events, 0, sizeof(client_events));
    memset(&server_events, 0, sizeof(server_events));
    CHECK(sctx != NULL && cctx != NULL);
    SSL_CTX_set_info_callback(cctx, record_event);
    CHECK(SSL_CTX_get_info_callback(cctx) == record_event);
    CHECK(make_pair(cctx, sctx, &c, &s));
    /* A connection's own callback replaces its context's; the getter
     * shows only the connection's own. */
    CHECK(SSL_get_info_callback(c) == NULL);
    SSL_set_info_callback(s, record_event);
    CHECK(SSL_get_info_callback(s) == record_event);
    CHECK(drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK(events_shape(&client_events, SSL_ST_CONNECT));
    CHECK(events_shape(&server_events, SSL_ST_ACCEPT));
    CHECK_INT(count_where(&client_events, SSL_CB_WRITE_ALERT, 0x100), ==, 0);
    /* close_notify: written by the client, read by the server. */
    CHECK_INT(SSL_shutdown(c), ==, 0);
    CHECK_INT(count_where(&client_events, SSL_CB_WRITE_ALERT, 0x100), ==, 1);
    /* The server's first call sends its own; the second reads the
     * client's. */
    CHECK_INT(SSL_shutdown(s), ==, 0);
    CHECK_INT(SSL_shutdown(s), ==, 1);
    CHECK_INT(count_where(&server_events, SSL_CB_READ_ALERT, 0x100), ==, 1);
    CHECK_INT(count_where(&server_events, SSL_CB_WRITE_ALERT, 0x100), ==, 1);
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    return ok;
}

static int info_callback_tls12(void)
{
    return info_callback(TLS1_2_VERSION);
}

static int info_callback_tls13(void)
{
    return info_callback(TLS1_3_VERSION);
}

/* A refused handshake: the fatal alert shows as written on one side and
 * read on the other (level 2 << 8 | handshake_failure). */
static int info_alerts(void)
{
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, TLS1_2_VERSION, TLS1_2_VERSION);
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr = {0};
    struct side sr = {0};
    int ok = 0;

    memset(&client_events, 0, sizeof(client_events));
    memset(&server_events, 0, sizeof(server_events));
    CHECK(sctx != NULL && cctx != NULL);
    CHECK(SSL_CTX_set_cipher_list(cctx, "ECDHE-ECDSA-AES128-SHA") == 1);
    CHECK(SSL_CTX_set_cipher_list(sctx, "ECDHE-ECDSA-AES256-GCM-SHA384") == 1);
    SSL_CTX_set_info_callback(cctx, record_event);
    CHECK(make_pair(cctx, sctx, &c, &s));
    (void)drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL);
    CHECK_INT(cr.ret, ==, -1);
    CHECK_INT(count_where(&client_events, SSL_CB_READ_ALERT, (2 << 8) | SSL_AD_HANDSHAKE_FAILURE),
              ==, 1);
    CHECK_INT(count_where(&client_events, SSL_ST_CONNECT | SSL_CB_EXIT, -1), >=, 1);
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    return ok;
}

/* ---- The message callback ---------------------------------------------------------------- */

/* What a message callback saw: the plaintext part of a handshake is what
 * both libraries report (this one sees no decrypted message). */
struct seen {
    int write_p;
    int version;
    int content_type;
    unsigned char first;
    size_t len;
    int header_version; /* a header's own version bytes */
};

struct messages {
    struct seen seen[64];
    int count;
    int bad_arg;
};

static struct messages client_messages;
static struct messages server_messages;

static void note_message(int write_p, int version, int content_type, const void *buf, size_t len,
                         SSL *ssl, void *arg)
{
    struct messages *m = SSL_is_server(ssl) ? &server_messages : &client_messages;
    const unsigned char *bytes = buf;
    struct seen *e;

    if (arg != (void *)m)
        m->bad_arg = 1;
    if (m->count == 64)
        return;
    e = &m->seen[m->count++];
    e->write_p = write_p;
    e->version = version;
    e->content_type = content_type;
    e->first = len > 0 ? bytes[0] : 0;
    e->len = len;
    e->header_version = content_type == SSL3_RT_HEADER && len == SSL3_RT_HEADER_LENGTH
                            ? (bytes[1] << 8 | bytes[2])
                            : -1;
}

/* The index of the first handshake message of a type, going a way; -1. */
static int find_message(const struct messages *m, int write_p, unsigned char type)
{
    int i;

    for (i = 0; i < m->count; i++)
        if (m->seen[i].write_p == write_p && m->seen[i].content_type == SSL3_RT_HANDSHAKE &&
            m->seen[i].first == type)
            return i;
    return -1;
}

/* Each reported header is one before its record's content. */
static int headers_well_formed(const struct messages *m)
{
    int i;

    for (i = 0; i < m->count; i++)
        if (m->seen[i].content_type == SSL3_RT_HEADER &&
            (m->seen[i].len != SSL3_RT_HEADER_LENGTH ||
             m->seen[i].header_version != m->seen[i].version))
            return 0;
    return m->count > 0 && m->seen[0].content_type == SSL3_RT_HEADER;
}

static int message_callback(int version)
{
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", version, version);
    SSL_CTX *cctx = client_ctx("ca.pem", SSL_VERIFY_PEER, version, version);
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr = {0};
    struct side sr = {0};
    int hello;
    int ok = 0;

    memset(&client_messages, 0, sizeof(client_messages));
    memset(&server_messages, 0, sizeof(server_messages));
    CHECK(sctx != NULL && cctx != NULL);
    /* The client takes its context's; the server's connection its own. */
    SSL_CTX_set_msg_callback(cctx, note_message);
    CHECK_INT(SSL_CTX_set_msg_callback_arg(cctx, &client_messages), ==, 1);
    CHECK_INT(SSL_CTX_set_msg_callback_arg(sctx, &client_messages), ==, 1); /* overridden */
    CHECK(make_pair(cctx, sctx, &c, &s));
    SSL_set_msg_callback(s, note_message);
    CHECK_INT(SSL_set_msg_callback_arg(s, &server_messages), ==, 1);
    CHECK(drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK(!client_messages.bad_arg && !server_messages.bad_arg);
    CHECK(headers_well_formed(&client_messages));
    CHECK(headers_well_formed(&server_messages));

    /* The client's first report is its ClientHello's record header, then
     * the ClientHello, which the server reads. */
    CHECK_INT(client_messages.seen[0].write_p, ==, 1);
    CHECK_INT(client_messages.seen[0].first, ==, SSL3_RT_HANDSHAKE);
    hello = find_message(&client_messages, 1, SSL3_MT_CLIENT_HELLO);
    CHECK_INT(hello, ==, 1);
    CHECK_INT(client_messages.seen[hello].len, >, 40);
    CHECK(find_message(&server_messages, 0, SSL3_MT_CLIENT_HELLO) >= 0);
    /* The ServerHello, written and read, with the version agreed. */
    hello = find_message(&client_messages, 0, SSL3_MT_SERVER_HELLO);
    CHECK(hello > 0);
    CHECK_INT(client_messages.seen[hello].version, ==, version);
    CHECK(find_message(&server_messages, 1, SSL3_MT_SERVER_HELLO) >= 0);
    if (version == TLS1_2_VERSION) {
        /* The rest of TLS 1.2's first flights is plaintext too. */
        CHECK(find_message(&client_messages, 0, SSL3_MT_CERTIFICATE) > hello);
        CHECK(find_message(&client_messages, 0, SSL3_MT_SERVER_DONE) > hello);
        CHECK(find_message(&client_messages, 1, SSL3_MT_CLIENT_KEY_EXCHANGE) > hello);
        CHECK(find_message(&server_messages, 0, SSL3_MT_CLIENT_KEY_EXCHANGE) >= 0);
    }
    ok = 1;
out:
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return ok;
}

static int message_callback_tls12(void)
{
    return message_callback(TLS1_2_VERSION);
}

static int message_callback_tls13(void)
{
    return message_callback(TLS1_3_VERSION);
}

/* OpenSSL hands out the Finished messages (12 bytes in TLS 1.2); mbedTLS
 * keeps them, so this library says it cannot (docs/parity.md). */
static int finished_messages(void)
{
    struct run r;
    unsigned char buf[64];
    int ok = 0;

    CHECK(connect_pair(TLS1_2_VERSION, &r));
#ifdef MBEDTLS_OPENSSL_COMPAT
    CHECK_INT(SSL_get_finished(r.c, buf, sizeof(buf)), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, ERR_R_UNSUPPORTED);
    CHECK_INT(SSL_get_peer_finished(r.c, buf, sizeof(buf)), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, ERR_R_UNSUPPORTED);
#else
    CHECK_INT(SSL_get_finished(r.c, buf, sizeof(buf)), ==, 12);
    CHECK_INT(SSL_get_peer_finished(r.c, buf, sizeof(buf)), ==, 12);
#endif
    ok = 1;
out:
    run_free(&r);
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"key_log_tls12", key_log_tls12},
        {"key_log_tls13", key_log_tls13},
        {"randoms", randoms},
        {"exporter_tls12", exporter_tls12},
        {"exporter_tls13", exporter_tls13},
        {"info_callback_tls12", info_callback_tls12},
        {"info_callback_tls13", info_callback_tls13},
        {"info_alerts", info_alerts},
        {"message_callback_tls12", message_callback_tls12},
        {"message_callback_tls13", message_callback_tls13},
        {"finished_messages", finished_messages},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
