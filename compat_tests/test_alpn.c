/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ALPN: the client's list (0 on success, 1 for a malformed list), the
 * server's selection callback with each of its answers (OK, NOACK, a fatal
 * alert), SSL_select_next_proto's rules, and what SSL_get0_alpn_selected
 * says on both sides, over TLS 1.2 and TLS 1.3.
 */
#include <string.h>

#include "testlib.h"

static const unsigned char client_protos[] = "\x02h2\x08http/1.1";
static const unsigned char server_prefs[] = "\x08http/1.1\x02h2";

struct selection {
    int answer;        /* what the callback returns once it chose */
    int calls;
    unsigned char in[64]; /* the client's list as the callback saw it */
    unsigned int in_len;
};

static int select_alpn(SSL *ssl, const unsigned char **out, unsigned char *outlen,
                       const unsigned char *in, unsigned int inlen, void *arg)
{
    struct selection *sel = arg;
    unsigned char *chosen = NULL;

    (void)ssl;
    sel->calls++;
    sel->in_len = inlen < sizeof(sel->in) ? inlen : (unsigned int)sizeof(sel->in);
    memcpy(sel->in, in, sel->in_len);
    if (SSL_select_next_proto(&chosen, outlen, server_prefs, sizeof(server_prefs) - 1, in, inlen) !=
        OPENSSL_NPN_NEGOTIATED)
        return sel->answer == SSL_TLSEXT_ERR_OK ? SSL_TLSEXT_ERR_NOACK : sel->answer;
    *out = chosen;
    return sel->answer;
}

static int selected_is(SSL *s, const char *want)
{
    const unsigned char *data = (const unsigned char *)"unset";
    unsigned int len = 99;

    SSL_get0_alpn_selected(s, &data, &len);
    if (want == NULL)
        return data == NULL && len == 0;
    return data != NULL && len == strlen(want) && memcmp(data, want, len) == 0;
}

/* One handshake's objects and results. */
struct alpn_run {
    SSL_CTX *cctx;
    SSL *c;
    SSL *s;
    struct side cr;
    struct side sr;
};

/* A handshake with the client offering offer (NULL: nothing) and the
 * server answering through sel (NULL: no callback). 0 if it could not
 * be set up; its result is in run either way. */
static int alpn_handshake(int version, const unsigned char *offer, unsigned int offer_len,
                          struct selection *sel, struct alpn_run *run)
{
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, 0);
    int ok = 0;

    memset(run, 0, sizeof(*run));
    run->cctx = client_ctx(NULL, SSL_VERIFY_NONE, version, version);
    if (run->cctx == NULL || sctx == NULL)
        goto done;
    if (offer != NULL && SSL_CTX_set_alpn_protos(run->cctx, offer, offer_len) != 0)
        goto done;
    if (sel != NULL)
        SSL_CTX_set_alpn_select_cb(sctx, select_alpn, sel);
    if (!make_pair(run->cctx, sctx, &run->c, &run->s))
        goto done;
    ok = 1;
    (void)drive_handshake(run->c, hs_connect, &run->cr, run->s, hs_accept, &run->sr, NULL, NULL);
done:
    SSL_CTX_free(sctx);
    return ok;
}

static void run_free(struct alpn_run *run)
{
    free_pair(run->c, run->s, run->cctx, NULL);
    memset(run, 0, sizeof(*run));
}

static int negotiated(int version)
{
    struct selection sel = {SSL_TLSEXT_ERR_OK, 0, {0}, 0};
    struct alpn_run run = {0};
    int ok = 0;

    CHECK(alpn_handshake(version, client_protos, sizeof(client_protos) - 1, &sel, &run));
    CHECK_INT(run.cr.ret, ==, 1);
    CHECK_INT(run.sr.ret, ==, 1);
    CHECK_INT(sel.calls, ==, 1);
    CHECK_INT(sel.in_len, ==, sizeof(client_protos) - 1);
    CHECK(memcmp(sel.in, client_protos, sel.in_len) == 0);
    /* The server's preference wins. */
    CHECK(selected_is(run.c, "http/1.1"));
    CHECK(selected_is(run.s, "http/1.1"));
    ok = 1;
out:
    run_free(&run);
    return ok;
}

static int negotiated_tls12(void)
{
    return negotiated(TLS1_2_VERSION);
}

static int negotiated_tls13(void)
{
    return negotiated(TLS1_3_VERSION);
}

/* No overlap and the callback says NOACK: the handshake goes on without
 * a protocol. */
static int no_overlap_noack(void)
{
    static const unsigned char other[] = "\x04mqtt";
    struct selection sel = {SSL_TLSEXT_ERR_OK, 0, {0}, 0};
    struct alpn_run run = {0};
    int ok = 0;

    CHECK(alpn_handshake(0, other, sizeof(other) - 1, &sel, &run));
    CHECK_INT(run.cr.ret, ==, 1);
    CHECK_INT(run.sr.ret, ==, 1);
    CHECK_INT(sel.calls, ==, 1);
    CHECK(selected_is(run.c, NULL));
    CHECK(selected_is(run.s, NULL));
    ok = 1;
out:
    run_free(&run);
    return ok;
}

/* A fatal answer ends the handshake with no_application_protocol. */
static int fatal_answer(int version)
{
    struct selection sel = {SSL_TLSEXT_ERR_ALERT_FATAL, 0, {0}, 0};
    struct alpn_run run = {0};
    int ok = 0;

    CHECK(alpn_handshake(version, client_protos, sizeof(client_protos) - 1, &sel, &run));
    CHECK_INT(sel.calls, ==, 1);
    CHECK_INT(run.sr.ret, ==, -1);
    CHECK_INT(run.sr.err, ==, SSL_ERROR_SSL);
    CHECK_INT(ERR_GET_REASON(run.sr.code), ==, SSL_R_NO_APPLICATION_PROTOCOL);
    CHECK_INT(run.cr.ret, ==, -1);
    CHECK_INT(run.cr.err, ==, SSL_ERROR_SSL);
    CHECK_INT(ERR_GET_REASON(run.cr.code), ==, SSL_R_TLSV1_ALERT_NO_APPLICATION_PROTOCOL);
    ok = 1;
out:
    run_free(&run);
    return ok;
}

static int fatal_answer_tls12(void)
{
    return fatal_answer(TLS1_2_VERSION);
}

static int fatal_answer_tls13(void)
{
    return fatal_answer(TLS1_3_VERSION);
}

/* A server without a callback, or a client that offers nothing: no
 * protocol, and the callback is not called. */
static int nothing_to_negotiate(void)
{
    struct selection sel = {SSL_TLSEXT_ERR_OK, 0, {0}, 0};
    struct alpn_run run = {0};
    int ok = 0;

    CHECK(alpn_handshake(0, client_protos, sizeof(client_protos) - 1, NULL, &run));
    CHECK(run.cr.ret == 1 && run.sr.ret == 1);
    CHECK(selected_is(run.c, NULL));
    CHECK(selected_is(run.s, NULL));
    run_free(&run);

    CHECK(alpn_handshake(0, NULL, 0, &sel, &run));
    CHECK(run.cr.ret == 1 && run.sr.ret == 1);
    CHECK_INT(sel.calls, ==, 0);
    CHECK(selected_is(run.c, NULL));
    CHECK(selected_is(run.s, NULL));
    ok = 1;
out:
    run_free(&run);
    return ok;
}

/* 0 is success; a malformed list is 1 with nothing queued; an empty one
 * clears. A connection takes the context's list and may replace it. */
static int setting_lists(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = NULL;
    int ok = 0;

    CHECK(ctx != NULL);
    CHECK_INT(SSL_CTX_set_alpn_protos(ctx, client_protos, sizeof(client_protos) - 1), ==, 0);
    CHECK_INT(SSL_CTX_set_alpn_protos(ctx, (const unsigned char *)"\x05h2", 3), ==, 1);
    CHECK_INT(SSL_CTX_set_alpn_protos(ctx, (const unsigned char *)"\x00\x02h2", 4), ==, 1);
    CHECK_INT(ERR_peek_error(), ==, 0);
    CHECK_INT(SSL_CTX_set_alpn_protos(ctx, NULL, 0), ==, 0);
    CHECK_INT(SSL_CTX_set_alpn_protos(ctx, client_protos, sizeof(client_protos) - 1), ==, 0);
    s = SSL_new(ctx);
    CHECK(s != NULL);
    CHECK_INT(SSL_set_alpn_protos(s, (const unsigned char *)"\x04mqtt", 5), ==, 0);
    CHECK_INT(SSL_set_alpn_protos(s, (const unsigned char *)"\x04mqt", 4), ==, 1);
    CHECK(selected_is(s, NULL));
    ok = 1;
out:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

static int select_next_proto_rules(void)
{
    static const unsigned char client[] = "\x02h2\x03xyz";
    unsigned char *out = NULL;
    unsigned char outlen = 0;
    int ok = 0;

    /* The server's order decides; the answer points into its list. */
    CHECK_INT(SSL_select_next_proto(&out, &outlen, server_prefs, sizeof(server_prefs) - 1,
                                    client_protos, sizeof(client_protos) - 1),
              ==, OPENSSL_NPN_NEGOTIATED);
    CHECK(out == server_prefs + 1 && outlen == 8);
    /* No overlap: the client's first protocol. */
    CHECK_INT(SSL_select_next_proto(&out, &outlen, (const unsigned char *)"\x03" "foo", 4, client,
                                    sizeof(client) - 1),
              ==, OPENSSL_NPN_NO_OVERLAP);
    CHECK(out == client + 1 && outlen == 2);
    /* An empty or malformed server list: the same. */
    CHECK_INT(SSL_select_next_proto(&out, &outlen, (const unsigned char *)"", 0, client,
                                    sizeof(client) - 1),
              ==, OPENSSL_NPN_NO_OVERLAP);
    CHECK(out == client + 1 && outlen == 2);
    CHECK_INT(SSL_select_next_proto(&out, &outlen, (const unsigned char *)"\x05h2", 3, client,
                                    sizeof(client) - 1),
              ==, OPENSSL_NPN_NO_OVERLAP);
    CHECK(out == client + 1 && outlen == 2);
    /* An empty or malformed client list: nothing. */
    CHECK_INT(SSL_select_next_proto(&out, &outlen, server_prefs, sizeof(server_prefs) - 1,
                                    (const unsigned char *)"", 0),
              ==, OPENSSL_NPN_NO_OVERLAP);
    CHECK(out == NULL && outlen == 0);
    CHECK_INT(SSL_select_next_proto(&out, &outlen, server_prefs, sizeof(server_prefs) - 1,
                                    (const unsigned char *)"\x05h2", 3),
              ==, OPENSSL_NPN_NO_OVERLAP);
    CHECK(out == NULL && outlen == 0);
    ok = 1;
out:
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"setting lists", setting_lists},
        {"SSL_select_next_proto", select_next_proto_rules},
        {"negotiated, TLS 1.2", negotiated_tls12},
        {"negotiated, TLS 1.3", negotiated_tls13},
        {"no overlap: NOACK", no_overlap_noack},
        {"fatal answer, TLS 1.2", fatal_answer_tls12},
        {"fatal answer, TLS 1.3", fatal_answer_tls13},
        {"no callback, or nothing offered", nothing_to_negotiate},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
