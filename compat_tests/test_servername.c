/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Virtual hosting on the server: the servername callback switching the
 * certificate with SSL_set_SSL_CTX, its answers (OK, NOACK, warning,
 * fatal with the default or a chosen alert), SSL_get_servername on both
 * sides, and the client hello callback with its getters, its refusal and
 * its request to be called again. The order is OpenSSL's: client hello
 * callback, servername callback, then the ALPN callback of the context in
 * use by then.
 */
#include <string.h>

#include "testlib.h"

#define VHOST "www.example.test"

/* What the callbacks saw and do. */
struct vhost {
    SSL_CTX *alt;          /* the context for VHOST (a *.example.test certificate) */
    int servername_answer; /* SSL_TLSEXT_ERR_* */
    int verify_clients;    /* the servername callback asks for a client certificate */
    int alert;             /* put in *al when >= 0 */
    int hello_answer;      /* SSL_CLIENT_HELLO_*; RETRY only on the first call */
    int hello_calls;
    char order[16];        /* H: client hello, S: servername, A/a: ALPN of first/alt */
    char name_seen[64];    /* SSL_get_servername in the servername callback */
    int type_seen;
    int default_alert;     /* *al as the servername callback found it */
    int hello_alert;       /* *al as the client hello callback found it */
    int hello_name_null;   /* SSL_get_servername was NULL in the client hello callback */
    /* The client hello callback's view. */
    unsigned int legacy_version;
    size_t random_len;
    size_t cipher_bytes;
    size_t compression_len;
    int first_compression;
    int has_sni_ext;
    int sni_ext_names_vhost; /* get0_ext's server_name data carries the name */
    int ext_list_ok;         /* get1_extensions_present agrees with get0_ext */
};

static struct vhost *current;

static void note(char c)
{
    size_t n = strlen(current->order);

    if (n + 1 < sizeof(current->order)) {
        current->order[n] = c;
        current->order[n + 1] = '\0';
    }
}

static int on_servername(SSL *s, int *al, void *arg)
{
    struct vhost *v = arg;
    const char *name = SSL_get_servername(s, TLSEXT_NAMETYPE_host_name);

    note('S');
    v->default_alert = *al;
    v->type_seen = SSL_get_servername_type(s);
    snprintf(v->name_seen, sizeof(v->name_seen), "%s", name != NULL ? name : "(none)");
    if (name != NULL && strcmp(name, VHOST) == 0 && v->alt != NULL &&
        SSL_set_SSL_CTX(s, v->alt) != v->alt)
        return SSL_TLSEXT_ERR_ALERT_FATAL;
    if (v->verify_clients)
        SSL_set_verify(s, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
    if (v->alert >= 0)
        *al = v->alert;
    return v->servername_answer;
}

/* Whether the server_name extension data names VHOST: list length (2),
 * type (1), name length (2), name. */
static int sni_ext_names_vhost(const unsigned char *data, size_t len)
{
    return len == 5 + strlen(VHOST) && data[2] == 0 && memcmp(data + 5, VHOST, len - 5) == 0;
}

static void look_at_extensions(SSL *s, struct vhost *v)
{
    const unsigned char *data = NULL;
    size_t len = 0;
    int *types = NULL;
    size_t count = 0;
    size_t i;
    int listed = 0;

    v->has_sni_ext = SSL_client_hello_get0_ext(s, 0, &data, &len);
    v->sni_ext_names_vhost = v->has_sni_ext && sni_ext_names_vhost(data, len);
    if (!SSL_client_hello_get1_extensions_present(s, &types, &count))
        return;
    for (i = 0; i < count; i++)
        listed |= types[i] == 0;
    /* Every listed type is there to fetch; server_name listed iff present. */
    v->ext_list_ok = count > 0 && listed == v->has_sni_ext;
    for (i = 0; i < count; i++)
        v->ext_list_ok &= SSL_client_hello_get0_ext(s, (unsigned int)types[i], NULL, NULL);
    OPENSSL_free(types);
}

static int on_client_hello(SSL *s, int *al, void *arg)
{
    struct vhost *v = arg;
    const unsigned char *p = NULL;

    note('H');
    v->hello_calls++;
    v->hello_alert = *al;
    v->hello_name_null = SSL_get_servername(s, TLSEXT_NAMETYPE_host_name) == NULL;
    v->legacy_version = SSL_client_hello_get0_legacy_version(s);
    v->random_len = SSL_client_hello_get0_random(s, &p);
    v->cipher_bytes = SSL_client_hello_get0_ciphers(s, &p);
    v->compression_len = SSL_client_hello_get0_compression_methods(s, &p);
    v->first_compression = v->compression_len > 0 ? p[0] : -1;
    look_at_extensions(s, v);
    if (SSL_client_hello_isv2(s))
        return SSL_CLIENT_HELLO_ERROR;
    if (v->hello_answer == SSL_CLIENT_HELLO_RETRY && v->hello_calls > 1)
        return SSL_CLIENT_HELLO_SUCCESS;
    return v->hello_answer;
}

static int on_alpn(SSL *s, const unsigned char **out, unsigned char *outlen,
                   const unsigned char *in, unsigned int inlen, void *arg)
{
    (void)s, (void)out, (void)outlen, (void)in, (void)inlen;
    note(arg == current->alt ? 'a' : 'A');
    return SSL_TLSEXT_ERR_NOACK;
}

/* One handshake's objects. */
struct run {
    SSL_CTX *sctx;
    SSL_CTX *cctx;
    SSL *c;
    SSL *s;
    struct side cr;
    struct side sr;
};

/* Sets up a client (trusting the test CA, checking the name it sends, or
 * localhost without one) and a server whose callbacks report to v. */
static int vhost_setup(int version, const char *sni, struct vhost *v, struct run *r)
{
    memset(r, 0, sizeof(*r));
    current = v;
    v->order[0] = '\0';
    r->sctx = server_ctx("server.pem", "server.key", 0, 0);
    r->cctx = client_ctx("ca.pem", SSL_VERIFY_PEER, version, version);
    if (v->alt == NULL)
        v->alt = server_ctx("wildcard.pem", "server.key", 0, 0);
    if (r->sctx == NULL || r->cctx == NULL || v->alt == NULL)
        return 0;
    SSL_CTX_set_tlsext_servername_callback(r->sctx, on_servername);
    if (SSL_CTX_set_tlsext_servername_arg(r->sctx, v) != 1)
        return 0;
    SSL_CTX_set_client_hello_cb(r->sctx, on_client_hello, v);
    SSL_CTX_set_alpn_select_cb(r->sctx, on_alpn, r->sctx);
    SSL_CTX_set_alpn_select_cb(v->alt, on_alpn, v->alt);
    if (SSL_CTX_set_alpn_protos(r->cctx, (const unsigned char *)"\x02h2", 3) != 0 ||
        !make_pair(r->cctx, r->sctx, &r->c, &r->s))
        return 0;
    if (sni != NULL)
        return SSL_set_tlsext_host_name(r->c, sni) == 1 && SSL_set1_host(r->c, sni) == 1;
    return SSL_set1_host(r->c, "localhost") == 1;
}

static int vhost_handshake(int version, const char *sni, struct vhost *v, struct run *r)
{
    if (!vhost_setup(version, sni, v, r))
        return 0;
    (void)drive_handshake(r->c, hs_connect, &r->cr, r->s, hs_accept, &r->sr, NULL, NULL);
    return 1;
}

static void run_free(struct run *r, struct vhost *v)
{
    free_pair(r->c, r->s, r->cctx, r->sctx);
    SSL_CTX_free(v->alt);
    v->alt = NULL;
}

static struct vhost vhost_defaults(void)
{
    struct vhost v;

    memset(&v, 0, sizeof(v));
    v.servername_answer = SSL_TLSEXT_ERR_OK;
    v.alert = -1;
    v.hello_answer = SSL_CLIENT_HELLO_SUCCESS;
    return v;
}

/* The name picks the context: its certificate (for *.example.test, which
 * the client checks) and its ALPN callback. */
static int switch_by_name(int version)
{
    struct vhost v = vhost_defaults();
    struct run r;
    int ok = 0;

    CHECK(vhost_handshake(version, VHOST, &v, &r));
    CHECK_INT(r.cr.ret, ==, 1);
    CHECK_INT(r.sr.ret, ==, 1);
    CHECK_INT(SSL_get_verify_result(r.c), ==, X509_V_OK);
    CHECK(strcmp(v.order, "HSa") == 0);
    CHECK(strcmp(v.name_seen, VHOST) == 0);
    CHECK_INT(v.type_seen, ==, TLSEXT_NAMETYPE_host_name);
    CHECK_INT(v.default_alert, ==, SSL_AD_UNRECOGNIZED_NAME);
    CHECK(SSL_get_SSL_CTX(r.s) == v.alt);
    CHECK(strcmp(SSL_get_servername(r.s, TLSEXT_NAMETYPE_host_name), VHOST) == 0);
    CHECK(strcmp(SSL_get_servername(r.c, TLSEXT_NAMETYPE_host_name), VHOST) == 0);
    ok = 1;
out:
    run_free(&r, &v);
    return ok;
}

static int switch_by_name_tls12(void)
{
    return switch_by_name(TLS1_2_VERSION);
}

static int switch_by_name_tls13(void)
{
    return switch_by_name(TLS1_3_VERSION);
}

/* The control: without the switch the default certificate (localhost)
 * goes out, and the client's name check fails. */
static int no_switch_no_match(void)
{
    struct vhost v = vhost_defaults();
    struct run r;
    int ok = 0;

    CHECK(vhost_setup(0, VHOST, &v, &r));
    SSL_CTX_free(v.alt);
    v.alt = NULL; /* the callback has nothing to switch to */
    (void)drive_handshake(r.c, hs_connect, &r.cr, r.s, hs_accept, &r.sr, NULL, NULL);
    CHECK_INT(r.cr.ret, ==, -1);
    CHECK_INT(ERR_GET_REASON(r.cr.code), ==, SSL_R_CERTIFICATE_VERIFY_FAILED);
    CHECK_INT(SSL_get_verify_result(r.c), ==, X509_V_ERR_HOSTNAME_MISMATCH);
    CHECK(SSL_get_SSL_CTX(r.s) == r.sctx);
    ok = 1;
out:
    run_free(&r, &v);
    return ok;
}

/* Client certificates are checked against the trust store of the context
 * in use: the first context trusts the client's CA, the one switched to
 * does not (the security property of a switch). */
static int client_trust_follows_context(const char *sni, int trusted)
{
    struct vhost v = vhost_defaults();
    struct run r;
    int ok = 0;

    v.verify_clients = 1;
    CHECK(vhost_setup(TLS1_3_VERSION, sni, &v, &r));
    CHECK(load_trust(r.sctx, "ca.pem"));
    CHECK(load_trust(v.alt, "other-ca.pem"));
    CHECK(load_identity(r.cctx, "client.pem", "client.key"));
    /* The client's certificate comes from its context at SSL_new. */
    SSL_free(r.c);
    SSL_free(r.s);
    CHECK(make_pair(r.cctx, r.sctx, &r.c, &r.s));
    CHECK(SSL_set_tlsext_host_name(r.c, sni) == 1 && SSL_set1_host(r.c, sni) == 1);
    (void)drive_handshake(r.c, hs_connect, &r.cr, r.s, hs_accept, &r.sr, NULL, NULL);
    if (trusted) {
        CHECK_INT(r.sr.ret, ==, 1);
        CHECK_INT(SSL_get_verify_result(r.s), ==, X509_V_OK);
    } else {
        CHECK_INT(r.sr.ret, ==, -1);
        CHECK_INT(ERR_GET_REASON(r.sr.code), ==, SSL_R_CERTIFICATE_VERIFY_FAILED);
        /* The client completes its chain from its own store, so the
         * test CA arrives too, untrusted here. */
        CHECK_INT(SSL_get_verify_result(r.s), ==, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN);
    }
    ok = 1;
out:
    run_free(&r, &v);
    return ok;
}

static int client_trust_first_context(void)
{
    return client_trust_follows_context("localhost", 1);
}

static int client_trust_switched_context(void)
{
    return client_trust_follows_context(VHOST, 0);
}

/* A client that sends no name: the callback still runs, and sees none. */
static int no_name_sent(void)
{
    struct vhost v = vhost_defaults();
    struct run r;
    int ok = 0;

    CHECK(vhost_handshake(TLS1_3_VERSION, NULL, &v, &r));
    CHECK_INT(r.cr.ret, ==, 1);
    CHECK_INT(r.sr.ret, ==, 1);
    CHECK(strcmp(v.order, "HSA") == 0);
    CHECK(strcmp(v.name_seen, "(none)") == 0);
    CHECK_INT(v.type_seen, ==, -1);
    CHECK(!v.has_sni_ext);
    CHECK(v.ext_list_ok);
    CHECK(SSL_get_servername(r.s, TLSEXT_NAMETYPE_host_name) == NULL);
    CHECK_INT(SSL_get_servername_type(r.c), ==, -1);
    ok = 1;
out:
    run_free(&r, &v);
    return ok;
}

/* A fatal answer sends the callback's alert: unrecognized_name unless it
 * chose another. */
static int fatal_answer(int version, int alert, int client_reason)
{
    struct vhost v = vhost_defaults();
    struct run r;
    int ok = 0;

    v.servername_answer = SSL_TLSEXT_ERR_ALERT_FATAL;
    v.alert = alert;
    CHECK(vhost_handshake(version, "localhost", &v, &r));
    CHECK_INT(r.sr.ret, ==, -1);
    CHECK_INT(r.sr.err, ==, SSL_ERROR_SSL);
    CHECK_INT(ERR_GET_REASON(r.sr.code), ==, SSL_R_CALLBACK_FAILED);
    CHECK_INT(r.cr.ret, ==, -1);
    CHECK_INT(r.cr.err, ==, SSL_ERROR_SSL);
    CHECK_INT(ERR_GET_REASON(r.cr.code), ==, client_reason);
    CHECK(strcmp(v.order, "HS") == 0);
    ok = 1;
out:
    run_free(&r, &v);
    return ok;
}

static int fatal_default_alert(void)
{
    return fatal_answer(TLS1_3_VERSION, -1, SSL_R_TLSV1_UNRECOGNIZED_NAME);
}

static int fatal_chosen_alert(void)
{
    return fatal_answer(TLS1_2_VERSION, SSL_AD_ACCESS_DENIED, SSL_R_TLSV1_ALERT_ACCESS_DENIED);
}

/* NOACK, a warning and an answer OpenSSL does not know all go on. */
static int non_fatal_answers(void)
{
    static const int answers[] = {SSL_TLSEXT_ERR_NOACK, SSL_TLSEXT_ERR_ALERT_WARNING, 77};
    static const int versions[] = {TLS1_2_VERSION, TLS1_3_VERSION};
    size_t i;
    size_t j;

    for (i = 0; i < sizeof(answers) / sizeof(answers[0]); i++) {
        for (j = 0; j < sizeof(versions) / sizeof(versions[0]); j++) {
            struct vhost v = vhost_defaults();
            struct run r;
            int ok = 0;

            v.servername_answer = answers[i];
            CHECK(vhost_handshake(versions[j], "localhost", &v, &r));
            CHECK_INT(r.cr.ret, ==, 1);
            CHECK_INT(r.sr.ret, ==, 1);
            CHECK(strcmp(v.order, "HSA") == 0);
            ok = 1;
        out:
            run_free(&r, &v);
            if (!ok)
                return 0;
        }
    }
    return 1;
}

/* The client hello callback's view of the hello, before the name is
 * processed; outside the callback the getters have nothing. */
static int client_hello_getters(int version)
{
    struct vhost v = vhost_defaults();
    struct run r;
    const unsigned char *p = NULL;
    int *types = NULL;
    size_t count = 0;
    int ok = 0;

    CHECK(vhost_handshake(version, VHOST, &v, &r));
    CHECK_INT(r.sr.ret, ==, 1);
    CHECK_INT(v.hello_calls, ==, 1);
    CHECK_INT(v.hello_alert, ==, SSL_AD_INTERNAL_ERROR);
    CHECK(v.hello_name_null);
    CHECK_INT(v.legacy_version, ==, TLS1_2_VERSION);
    CHECK_INT(v.random_len, ==, 32);
    CHECK(v.cipher_bytes >= 2 && v.cipher_bytes % 2 == 0);
    CHECK_INT(v.compression_len, ==, 1);
    CHECK_INT(v.first_compression, ==, 0);
    CHECK(v.has_sni_ext);
    CHECK(v.sni_ext_names_vhost);
    CHECK(v.ext_list_ok);
    CHECK_INT(SSL_client_hello_get0_random(r.s, &p), ==, 0);
    CHECK_INT(SSL_client_hello_get0_legacy_version(r.s), ==, 0);
    CHECK_INT(SSL_client_hello_get1_extensions_present(r.s, &types, &count), ==, 0);
    CHECK_INT(SSL_client_hello_get0_ext(r.s, 0, &p, &count), ==, 0);
    ok = 1;
out:
    run_free(&r, &v);
    return ok;
}

static int client_hello_getters_tls12(void)
{
    return client_hello_getters(TLS1_2_VERSION);
}

static int client_hello_getters_tls13(void)
{
    return client_hello_getters(TLS1_3_VERSION);
}

/* A refusal (or an answer OpenSSL does not know) ends the handshake with
 * internal_error, before the name is even looked at. */
static int client_hello_refused(int answer)
{
    struct vhost v = vhost_defaults();
    struct run r;
    int ok = 0;

    v.hello_answer = answer;
    CHECK(vhost_handshake(TLS1_3_VERSION, "localhost", &v, &r));
    CHECK_INT(r.sr.ret, ==, -1);
    CHECK_INT(ERR_GET_REASON(r.sr.code), ==, SSL_R_CALLBACK_FAILED);
    CHECK_INT(ERR_GET_REASON(r.cr.code), ==, SSL_R_TLSV1_ALERT_INTERNAL_ERROR);
    CHECK(strcmp(v.order, "H") == 0);
    CHECK(SSL_get_servername(r.s, TLSEXT_NAMETYPE_host_name) == NULL);
    ok = 1;
out:
    run_free(&r, &v);
    return ok;
}

static int client_hello_error(void)
{
    return client_hello_refused(SSL_CLIENT_HELLO_ERROR);
}

static int client_hello_unknown_answer(void)
{
    return client_hello_refused(5);
}

/* RETRY pauses the server with SSL_ERROR_WANT_CLIENT_HELLO_CB; the same
 * call later asks the callback again and, once it agrees, goes on. */
static int client_hello_retry(void)
{
    struct vhost v = vhost_defaults();
    struct run r;
    int ok = 0;

    v.hello_answer = SSL_CLIENT_HELLO_RETRY;
    CHECK(vhost_handshake(TLS1_3_VERSION, VHOST, &v, &r));
    CHECK_INT(r.sr.ret, ==, -1);
    CHECK_INT(r.sr.err, ==, SSL_ERROR_WANT_CLIENT_HELLO_CB);
    CHECK_INT(SSL_want(r.s), ==, SSL_CLIENT_HELLO_CB);
    CHECK(SSL_want_client_hello_cb(r.s));
    CHECK_INT(r.sr.code, ==, 0);
    CHECK_INT(r.cr.err, ==, SSL_ERROR_WANT_READ);
    CHECK(strcmp(v.order, "H") == 0);
    CHECK(drive_handshake(r.c, hs_connect, &r.cr, r.s, hs_accept, &r.sr, NULL, NULL));
    CHECK_INT(v.hello_calls, ==, 2);
    CHECK(strcmp(v.order, "HHSa") == 0);
    CHECK(SSL_get_SSL_CTX(r.s) == v.alt);
    ok = 1;
out:
    run_free(&r, &v);
    return ok;
}

/* Outside the callbacks: a switch before the handshake changes the
 * certificate too; NULL goes back to the first context, which the
 * connection keeps alive. */
static int switch_before_handshake(void)
{
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL_CTX *alt = server_ctx("wildcard.pem", "server.key", 0, 0);
    SSL_CTX *cctx = client_ctx("ca.pem", SSL_VERIFY_PEER, 0, 0);
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr = {0};
    struct side sr = {0};
    int ok = 0;

    CHECK(sctx != NULL && alt != NULL && cctx != NULL);
    CHECK(make_pair(cctx, sctx, &c, &s));
    CHECK(SSL_set_SSL_CTX(s, alt) == alt);
    CHECK(SSL_set_SSL_CTX(s, alt) == alt);
    /* Commands the callback controls do not know fail, without a crash. */
    CHECK_INT(SSL_CTX_callback_ctrl(sctx, 9999, NULL), ==, 0);
    CHECK_INT(SSL_callback_ctrl(s, SSL_CTRL_SET_TLSEXT_SERVERNAME_CB, NULL), ==, 0);
    CHECK(SSL_set_SSL_CTX(s, NULL) == sctx);
    CHECK(SSL_get_SSL_CTX(s) == sctx);
    CHECK(SSL_set_SSL_CTX(s, alt) == alt);
    /* The connection holds both contexts from here on. */
    SSL_CTX_free(sctx);
    sctx = NULL;
    SSL_CTX_free(alt);
    alt = NULL;
    CHECK(SSL_set1_host(c, VHOST) == 1);
    CHECK(drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK_INT(SSL_get_verify_result(c), ==, X509_V_OK);
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    SSL_CTX_free(alt);
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"switch_by_name_tls12", switch_by_name_tls12},
        {"switch_by_name_tls13", switch_by_name_tls13},
        {"no_switch_no_match", no_switch_no_match},
        {"client_trust_first_context", client_trust_first_context},
        {"client_trust_switched_context", client_trust_switched_context},
        {"no_name_sent", no_name_sent},
        {"fatal_default_alert", fatal_default_alert},
        {"fatal_chosen_alert", fatal_chosen_alert},
        {"non_fatal_answers", non_fatal_answers},
        {"client_hello_getters_tls12", client_hello_getters_tls12},
        {"client_hello_getters_tls13", client_hello_getters_tls13},
        {"client_hello_error", client_hello_error},
        {"client_hello_unknown_answer", client_hello_unknown_answer},
        {"client_hello_retry", client_hello_retry},
        {"switch_before_handshake", switch_before_handshake},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
