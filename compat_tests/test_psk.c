/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Pre-shared keys through OpenSSL's callbacks: a server without a
 * certificate and a client that share a key, in TLS 1.2 (PSK suites) and
 * TLS 1.3 (an external PSK, also as sessions); an unknown identity or a
 * missing callback fails the handshake.
 */
#include <string.h>

#include <openssl/obj_mac.h>

#include "testlib.h"

static const unsigned char shared_key[16] = "0123456789abcdef";

static int client_calls;
static int server_calls;
static char identity_seen[64];
static const char *client_identity;

static unsigned int client_psk(SSL *ssl, const char *hint, char *identity,
                               unsigned int max_identity_len, unsigned char *psk,
                               unsigned int max_psk_len)
{
    (void)ssl, (void)hint;
    client_calls++;
    if (max_psk_len < sizeof(shared_key) || strlen(client_identity) >= max_identity_len)
        return 0;
    strcpy(identity, client_identity);
    memcpy(psk, shared_key, sizeof(shared_key));
    return sizeof(shared_key);
}

static unsigned int server_psk(SSL *ssl, const char *identity, unsigned char *psk,
                               unsigned int max_psk_len)
{
    (void)ssl;
    server_calls++;
    snprintf(identity_seen, sizeof(identity_seen), "%s", identity);
    if (strcmp(identity, "device-17") != 0 || max_psk_len < sizeof(shared_key))
        return 0;
    memcpy(psk, shared_key, sizeof(shared_key));
    return sizeof(shared_key);
}

struct psk_run {
    SSL_CTX *cctx;
    SSL_CTX *sctx;
    SSL *c;
    SSL *s;
    struct side cr;
    struct side sr;
};

/* A server with no certificate, only the PSK callback. */
static int psk_handshake(int version, const char *identity, int client_has_callback,
                         struct psk_run *r)
{
    memset(r, 0, sizeof(*r));
    client_calls = server_calls = 0;
    identity_seen[0] = '\0';
    client_identity = identity;
    r->sctx = SSL_CTX_new(TLS_server_method());
    r->cctx = client_ctx(NULL, SSL_VERIFY_NONE, version, version);
    if (r->sctx == NULL || r->cctx == NULL)
        return 0;
    SSL_CTX_set_psk_server_callback(r->sctx, server_psk);
    if (client_has_callback)
        SSL_CTX_set_psk_client_callback(r->cctx, client_psk);
    if (!make_pair(r->cctx, r->sctx, &r->c, &r->s))
        return 0;
    (void)drive_handshake(r->c, hs_connect, &r->cr, r->s, hs_accept, &r->sr, NULL, NULL);
    ERR_clear_error();
    return 1;
}

static void psk_free(struct psk_run *r)
{
    free_pair(r->c, r->s, r->cctx, r->sctx);
}

static int is_psk_kx(const SSL_CIPHER *c)
{
    int kx = SSL_CIPHER_get_kx_nid(c);

    return kx == NID_kx_psk || kx == NID_kx_ecdhe_psk || kx == NID_kx_dhe_psk;
}

static int shared_key_tls12(void)
{
    struct psk_run r;
    char byte;
    int ok = 0;

    CHECK(psk_handshake(TLS1_2_VERSION, "device-17", 1, &r));
    CHECK_INT(r.cr.ret, ==, 1);
    CHECK_INT(r.sr.ret, ==, 1);
    CHECK(is_psk_kx(SSL_get_current_cipher(r.c)));
    CHECK_INT(client_calls, ==, 1);
    CHECK_INT(server_calls, ==, 1);
    CHECK(strcmp(identity_seen, "device-17") == 0);
    CHECK(SSL_get_psk_identity(r.s) != NULL && strcmp(SSL_get_psk_identity(r.s), "device-17") == 0);
    CHECK(SSL_get_peer_certificate(r.c) == NULL);
    CHECK_INT(SSL_write(r.c, "p", 1), ==, 1);
    CHECK_INT(SSL_read(r.s, &byte, 1), ==, 1);
    ok = 1;
out:
    psk_free(&r);
    return ok;
}

/* TLS 1.3: an external PSK of the callbacks (SHA-256, as OpenSSL takes it),
 * so a SHA-256 suite. */
static int shared_key_tls13(void)
{
    struct psk_run r;
    char byte;
    int ok = 0;

    CHECK(psk_handshake(TLS1_3_VERSION, "device-17", 1, &r));
    CHECK_INT(r.cr.ret, ==, 1);
    CHECK_INT(r.sr.ret, ==, 1);
    CHECK_INT(SSL_version(r.c), ==, TLS1_3_VERSION);
    CHECK(strcmp(SSL_get_cipher_name(r.c), "TLS_CHACHA20_POLY1305_SHA256") == 0 ||
          strcmp(SSL_get_cipher_name(r.c), "TLS_AES_128_GCM_SHA256") == 0);
    CHECK_INT(server_calls, >=, 1);
    CHECK(strcmp(identity_seen, "device-17") == 0);
    CHECK(SSL_get_peer_certificate(r.c) == NULL);
    CHECK_INT(SSL_write(r.s, "q", 1), ==, 1);
    CHECK_INT(SSL_read(r.c, &byte, 1), ==, 1);
    ok = 1;
out:
    psk_free(&r);
    return ok;
}

/* The server does not know the identity: no key, no handshake. */
static int unknown_identity(int version)
{
    struct psk_run r;
    int ok = 0;

    CHECK(psk_handshake(version, "stranger", 1, &r));
    CHECK_INT(r.sr.ret, ==, -1);
    CHECK_INT(r.cr.ret, ==, -1);
    CHECK(strcmp(identity_seen, "stranger") == 0);
    ok = 1;
out:
    psk_free(&r);
    return ok;
}

static int unknown_identity_tls12(void)
{
    return unknown_identity(TLS1_2_VERSION);
}

static int unknown_identity_tls13(void)
{
    return unknown_identity(TLS1_3_VERSION);
}

/* A client without a PSK has nothing the certificate-less server takes. */
static int client_without_psk(void)
{
    struct psk_run r;
    int ok = 0;

    CHECK(psk_handshake(0, "device-17", 0, &r));
    CHECK_INT(r.sr.ret, ==, -1);
    CHECK_INT(r.cr.ret, ==, -1);
    CHECK_INT(server_calls, ==, 0);
    ok = 1;
out:
    psk_free(&r);
    return ok;
}

/* The connection's own callbacks serve as the context's do. */
static int connection_callbacks(void)
{
    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method());
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, TLS1_2_VERSION, TLS1_2_VERSION);
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr = {0};
    struct side sr = {0};
    int ok = 0;

    client_identity = "device-17";
    CHECK(sctx != NULL && cctx != NULL && make_pair(cctx, sctx, &c, &s));
    SSL_set_psk_client_callback(c, client_psk);
    SSL_set_psk_server_callback(s, server_psk);
    CHECK(drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK(SSL_get_psk_identity_hint(c) == NULL);
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    return ok;
}

/* mbedTLS sends no identity hint: clearing one works, setting one fails
 * with ERR_R_UNSUPPORTED here (OpenSSL sends it). */
static int identity_hints(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    SSL *s = NULL;
    int ok = 0;

    CHECK(ctx != NULL && (s = SSL_new(ctx)) != NULL);
    CHECK_INT(SSL_CTX_use_psk_identity_hint(ctx, NULL), ==, 1);
    CHECK_INT(SSL_use_psk_identity_hint(s, NULL), ==, 1);
#ifdef MBEDTLS_OPENSSL_COMPAT
    CHECK_INT(SSL_CTX_use_psk_identity_hint(ctx, "hint"), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, ERR_R_UNSUPPORTED);
    CHECK_INT(SSL_use_psk_identity_hint(s, "hint"), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, ERR_R_UNSUPPORTED);
#else
    CHECK_INT(SSL_CTX_use_psk_identity_hint(ctx, "hint"), ==, 1);
    CHECK_INT(SSL_use_psk_identity_hint(s, "hint"), ==, 1);
#endif
    ok = 1;
out:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

/* ---- TLS 1.3 external PSKs as sessions ---------------------------------------------- */

static const unsigned char aes128gcm_sha256[2] = {0x13, 0x01};
static const unsigned char aes256gcm_sha384[2] = {0x13, 0x02};
static const char session_identity[] = "session-psk";

/* How the next handshake's callbacks answer, and what they saw. */
static struct {
    int client_fails;      /* the client's callback returns 0 */
    int session_version;   /* the version the sessions carry */
    const unsigned char *suite;
    int use_calls;
    int first_md_null;
    int find_calls;
} session_cb;

static SSL_SESSION *psk_session(SSL *s)
{
    SSL_SESSION *sess = SSL_SESSION_new();
    const SSL_CIPHER *c = SSL_CIPHER_find(s, session_cb.suite);

    if (sess == NULL || c == NULL ||
        SSL_SESSION_set1_master_key(sess, shared_key, sizeof(shared_key)) != 1 ||
        SSL_SESSION_set_cipher(sess, c) != 1 ||
        SSL_SESSION_set_protocol_version(sess, session_cb.session_version) != 1) {
        SSL_SESSION_free(sess);
        return NULL;
    }
    return sess;
}

static int use_session(SSL *s, const EVP_MD *md, const unsigned char **id, size_t *idlen,
                       SSL_SESSION **sess)
{
    if (session_cb.use_calls++ == 0)
        session_cb.first_md_null = md == NULL;
    if (session_cb.client_fails)
        return 0;
    *sess = psk_session(s);
    *id = (const unsigned char *)session_identity;
    *idlen = strlen(session_identity);
    return *sess != NULL;
}

static int find_session(SSL *s, const unsigned char *identity, size_t identity_len,
                        SSL_SESSION **sess)
{
    session_cb.find_calls++;
    *sess = NULL;
    if (identity_len == strlen(session_identity) &&
        memcmp(identity, session_identity, identity_len) == 0)
        *sess = psk_session(s);
    return 1;
}

/* A certificate-less server with the find-session callback, a client with
 * the use-session callback offering only the session's suite; the callbacks
 * set on the contexts, or on_connections on the connections alone. */
static int session_handshake_on(const unsigned char *suite, int on_connections,
                                struct psk_run *r)
{
    const char *name = suite == aes128gcm_sha256 ? "TLS_AES_128_GCM_SHA256"
                                                 : "TLS_AES_256_GCM_SHA384";

    memset(r, 0, sizeof(*r));
    session_cb.use_calls = session_cb.find_calls = 0;
    session_cb.first_md_null = -1;
    session_cb.suite = suite;
    r->sctx = SSL_CTX_new(TLS_server_method());
    r->cctx = client_ctx(NULL, SSL_VERIFY_NONE, TLS1_3_VERSION, TLS1_3_VERSION);
    if (r->sctx == NULL || r->cctx == NULL || SSL_CTX_set_ciphersuites(r->cctx, name) != 1)
        return 0;
    if (!on_connections) {
        SSL_CTX_set_psk_find_session_callback(r->sctx, find_session);
        SSL_CTX_set_psk_use_session_callback(r->cctx, use_session);
    }
    if (!make_pair(r->cctx, r->sctx, &r->c, &r->s))
        return 0;
    if (on_connections) {
        SSL_set_psk_find_session_callback(r->s, find_session);
        SSL_set_psk_use_session_callback(r->c, use_session);
    }
    ERR_clear_error();
    (void)drive_handshake(r->c, hs_connect, &r->cr, r->s, hs_accept, &r->sr, NULL, NULL);
    ERR_clear_error();
    return 1;
}

static int session_handshake(const unsigned char *suite, struct psk_run *r)
{
    return session_handshake_on(suite, 0, r);
}

/* The key of a session each side's callback hands over, as OpenSSL's
 * s_client -psk and s_server -psk do it: asked first with md NULL. The
 * callbacks set on the contexts or on_connections. */
static int session_keys_on(int on_connections)
{
    struct psk_run r;
    char byte;
    int ok = 0;

    session_cb.client_fails = 0;
    session_cb.session_version = TLS1_3_VERSION;
    CHECK(session_handshake_on(aes128gcm_sha256, on_connections, &r));
    CHECK_INT(r.cr.ret, ==, 1);
    CHECK_INT(r.sr.ret, ==, 1);
    CHECK(strcmp(SSL_get_cipher_name(r.c), "TLS_AES_128_GCM_SHA256") == 0);
    CHECK_INT(session_cb.use_calls, >=, 1);
    CHECK_INT(session_cb.first_md_null, ==, 1);
    CHECK_INT(session_cb.find_calls, >=, 1);
    CHECK(SSL_get_peer_certificate(r.c) == NULL);
    CHECK_INT(SSL_write(r.c, "s", 1), ==, 1);
    CHECK_INT(SSL_read(r.s, &byte, 1), ==, 1);
    ok = 1;
out:
    psk_free(&r);
    return ok;
}

static int session_keys(void)
{
    return session_keys_on(0);
}

static int session_keys_connection_callbacks(void)
{
    return session_keys_on(1);
}

/* A client callback that fails, or a session that is not TLS 1.3, ends the
 * client's handshake with SSL_R_BAD_PSK. */
static int session_refusals(void)
{
    struct psk_run r;
    int ok = 0;

    session_cb.client_fails = 1;
    session_cb.session_version = TLS1_3_VERSION;
    CHECK(session_handshake(aes128gcm_sha256, &r));
    CHECK_INT(r.cr.ret, ==, -1);
    CHECK_INT(ERR_GET_REASON(r.cr.code), ==, SSL_R_BAD_PSK);
    psk_free(&r);

    session_cb.client_fails = 0;
    session_cb.session_version = TLS1_2_VERSION;
    CHECK(session_handshake(aes128gcm_sha256, &r));
    CHECK_INT(r.cr.ret, ==, -1);
    CHECK_INT(ERR_GET_REASON(r.cr.code), ==, SSL_R_BAD_PSK);
    ok = 1;
out:
    session_cb.session_version = TLS1_3_VERSION;
    psk_free(&r);
    return ok;
}

/* A session for a SHA-384 suite: mbedTLS derives external PSKs with
 * SHA-256 only, so the client refuses it rather than disagree with the
 * server (docs/parity.md). */
static int session_sha384(void)
{
    struct psk_run r;
    int ok = 0;

    session_cb.client_fails = 0;
    session_cb.session_version = TLS1_3_VERSION;
    CHECK(session_handshake(aes256gcm_sha384, &r));
#ifdef MBEDTLS_OPENSSL_COMPAT
    CHECK_INT(r.cr.ret, ==, -1);
    CHECK_INT(ERR_GET_REASON(r.cr.code), ==, ERR_R_UNSUPPORTED);
#else
    CHECK_INT(r.cr.ret, ==, 1);
    CHECK(strcmp(SSL_get_cipher_name(r.c), "TLS_AES_256_GCM_SHA384") == 0);
#endif
    ok = 1;
out:
    psk_free(&r);
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"shared_key_tls12", shared_key_tls12},
        {"shared_key_tls13", shared_key_tls13},
        {"unknown_identity_tls12", unknown_identity_tls12},
        {"unknown_identity_tls13", unknown_identity_tls13},
        {"client_without_psk", client_without_psk},
        {"connection_callbacks", connection_callbacks},
        {"identity_hints", identity_hints},
        {"session_keys", session_keys},
        {"session_keys_connection_callbacks", session_keys_connection_callbacks},
        {"session_refusals", session_refusals},
        {"session_sha384", session_sha384},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
