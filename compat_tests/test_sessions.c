/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Sessions and resumption: TLS 1.2 (tickets, and the server's cache
 * without them) and TLS 1.3 (tickets), in one process and across a
 * process boundary through i2d/d2i; SSL_session_reused on both ends; the
 * new-session callback; the session's getters; the context's defaults;
 * PEM; removal from the cache; malformed input.
 */
#define _POSIX_C_SOURCE 200809L

#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <openssl/core_names.h>
#include <openssl/hmac.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "testlib.h"

static int client_announced;
static int server_announced;

static int count_new(SSL *s, SSL_SESSION *sess)
{
    (void)sess;
    if (SSL_is_server(s))
        server_announced++;
    else
        client_announced++;
    return 0;
}

struct ends {
    SSL_CTX *cctx;
    SSL_CTX *sctx;
};

static int ends_new(struct ends *e, int version)
{
    e->sctx = server_ctx("server.pem", "server.key", version, version);
    e->cctx = client_ctx("ca.pem", SSL_VERIFY_PEER, version, version);
    client_announced = server_announced = 0;
    if (e->sctx == NULL || e->cctx == NULL)
        return 0;
    (void)SSL_CTX_set_session_cache_mode(e->cctx, SSL_SESS_CACHE_CLIENT);
    SSL_CTX_sess_set_new_cb(e->cctx, count_new);
    SSL_CTX_sess_set_new_cb(e->sctx, count_new);
    return 1;
}

static void ends_free(struct ends *e)
{
    SSL_CTX_free(e->cctx);
    SSL_CTX_free(e->sctx);
}

/* What one connection ended with. */
struct outcome {
    int client_reused;
    int server_reused;
    int resumable_after_handshake;
    SSL_SESSION *session; /* the client's, after an exchange of data */
};

/* A handshake (resuming resume, if given), then a byte each way so that
 * TLS 1.3 tickets arrive, then a clean close. */
static int connect_once(struct ends *e, SSL_SESSION *resume, struct outcome *o)
{
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr = {0};
    struct side sr = {0};
    char byte;
    int ok = 0;

    memset(o, 0, sizeof(*o));
    CHECK(make_pair(e->cctx, e->sctx, &c, &s));
    CHECK(SSL_set_tlsext_host_name(c, "localhost") == 1);
    CHECK(SSL_set1_host(c, "localhost") == 1);
    if (resume != NULL) {
        CHECK_INT(SSL_set_session(c, resume), ==, 1);
        CHECK(SSL_get_session(c) == resume);
    }
    CHECK(drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    o->resumable_after_handshake = SSL_SESSION_is_resumable(SSL_get_session(c));
    CHECK_INT(SSL_write(s, "s", 1), ==, 1);
    CHECK_INT(SSL_read(c, &byte, 1), ==, 1);
    CHECK_INT(SSL_write(c, "c", 1), ==, 1);
    CHECK_INT(SSL_read(s, &byte, 1), ==, 1);
    o->client_reused = SSL_session_reused(c);
    o->server_reused = SSL_session_reused(s);
    CHECK((o->session = SSL_get1_session(c)) != NULL);
    CHECK(SSL_get_session(s) != NULL);
    CHECK_INT(SSL_shutdown(c), ==, 0);
    CHECK_INT(SSL_shutdown(s), ==, 0); /* ours sent, the client's read next */
    CHECK_INT(SSL_shutdown(s), ==, 1);
    ok = 1;
out:
    SSL_free(c);
    SSL_free(s);
    return ok;
}

/* A full handshake makes a resumable session; the next handshake resumes
 * it, and both ends say so. */
static int resumption(int version)
{
    struct ends e = {0};
    struct outcome first = {0};
    struct outcome second = {0};
    int ok = 0;

    CHECK(ends_new(&e, version));
    CHECK(connect_once(&e, NULL, &first));
    CHECK_INT(first.client_reused, ==, 0);
    CHECK_INT(first.server_reused, ==, 0);
    /* TLS 1.3 sessions come with the tickets, after the handshake. */
    CHECK_INT(first.resumable_after_handshake, ==, version == TLS1_2_VERSION);
    CHECK(SSL_SESSION_is_resumable(first.session));
    CHECK_INT(SSL_SESSION_get_protocol_version(first.session), ==, version);
    CHECK_INT(client_announced, ==, version == TLS1_3_VERSION ? 2 : 1);
    CHECK(connect_once(&e, first.session, &second));
    CHECK_INT(second.client_reused, ==, 1);
    CHECK_INT(second.server_reused, ==, 1);
    /* TLS 1.2 keeps the resumed session; a TLS 1.3 ticket serves once, a
     * new one replaces it. */
    if (version == TLS1_2_VERSION)
        CHECK(second.session == first.session);
    else
        CHECK(second.session != first.session && SSL_SESSION_is_resumable(second.session));
    ok = 1;
out:
    SSL_SESSION_free(first.session);
    SSL_SESSION_free(second.session);
    ends_free(&e);
    return ok;
}

static int resumption_tls12(void)
{
    return resumption(TLS1_2_VERSION);
}

static int resumption_tls13(void)
{
    return resumption(TLS1_3_VERSION);
}

/* A TLS 1.3 session offered under another server name: the handshake
 * still succeeds (mbedTLS refuses such a ticket, so this library makes a
 * full handshake there: docs/parity.md). */
static int other_name_tls13(void)
{
    struct ends e = {0};
    struct outcome first = {0};
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr = {0};
    struct side sr = {0};
    int ok = 0;

    CHECK(ends_new(&e, TLS1_3_VERSION));
    CHECK(connect_once(&e, NULL, &first));
    CHECK(make_pair(e.cctx, e.sctx, &c, &s));
    CHECK(SSL_set_tlsext_host_name(c, "other.example.test") == 1);
    CHECK(SSL_set1_host(c, "localhost") == 1);
    CHECK_INT(SSL_set_session(c, first.session), ==, 1);
    CHECK(drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK_INT(SSL_get_verify_result(c), ==, X509_V_OK);
    ok = 1;
out:
    SSL_free(c);
    SSL_free(s);
    SSL_SESSION_free(first.session);
    ends_free(&e);
    return ok;
}

/* Without tickets, a TLS 1.2 server resumes from its cache; removing the
 * session from the cache ends that. */
static int cache_without_tickets(void)
{
    struct ends e = {0};
    struct outcome first = {0};
    struct outcome second = {0};
    struct outcome third = {0};
    int ok = 0;

    CHECK(ends_new(&e, TLS1_2_VERSION));
    (void)SSL_CTX_set_options(e.sctx, SSL_OP_NO_TICKET);
    CHECK(connect_once(&e, NULL, &first));
    CHECK(connect_once(&e, first.session, &second));
    CHECK_INT(second.client_reused, ==, 1);
    CHECK_INT(second.server_reused, ==, 1);
    CHECK_INT(SSL_CTX_remove_session(e.sctx, first.session), ==, 1);
    CHECK(connect_once(&e, first.session, &third));
    CHECK_INT(third.client_reused, ==, 0);
    CHECK_INT(third.server_reused, ==, 0);
    ok = 1;
out:
    SSL_SESSION_free(first.session);
    SSL_SESSION_free(second.session);
    SSL_SESSION_free(third.session);
    ends_free(&e);
    return ok;
}

/* What a session tells. */
static int getters(void)
{
    struct ends e = {0};
    struct outcome o = {0};
    SSL_SESSION *fresh = NULL;
    unsigned char key[64];
    unsigned int len = 99;
    static int index = -1;
    int ok = 0;

    CHECK(ends_new(&e, TLS1_2_VERSION));
    CHECK(connect_once(&e, NULL, &o));
    CHECK(SSL_SESSION_get_id(o.session, &len) != NULL);
    CHECK_INT(len, ==, 32);
    CHECK(strcmp(SSL_CIPHER_get_name(SSL_SESSION_get0_cipher(o.session)),
                 "ECDHE-ECDSA-AES256-GCM-SHA384") == 0);
    CHECK(SSL_SESSION_get0_peer(o.session) != NULL);
    CHECK_INT(SSL_SESSION_get_timeout(o.session), ==, 7200);
    CHECK(SSL_SESSION_get_time(o.session) > 0);
    CHECK_INT(SSL_SESSION_get_master_key(o.session, NULL, 0), ==, 48);
    CHECK_INT(SSL_SESSION_get_master_key(o.session, key, 10), ==, 10);
    CHECK_INT(SSL_SESSION_set_timeout(o.session, 60), ==, 1);
    CHECK_INT(SSL_SESSION_get_timeout(o.session), ==, 60);
    CHECK_INT(SSL_SESSION_set_time(o.session, 1000), ==, 1000);
    CHECK_INT(SSL_SESSION_get_time(o.session), ==, 1000);
    if (index < 0)
        index = SSL_SESSION_get_ex_new_index(0, NULL, NULL, NULL, NULL);
    CHECK(index >= 0);
    CHECK_INT(SSL_SESSION_set_ex_data(o.session, index, &index), ==, 1);
    CHECK(SSL_SESSION_get_ex_data(o.session, index) == &index);
    /* An empty session resumes nothing. */
    CHECK((fresh = SSL_SESSION_new()) != NULL);
    CHECK_INT(SSL_SESSION_is_resumable(fresh), ==, 0);
    CHECK(SSL_SESSION_get0_peer(fresh) == NULL);
    CHECK_INT(SSL_SESSION_set1_id_context(fresh, (const unsigned char *)"ctx", 3), ==, 1);
    CHECK(SSL_SESSION_get0_id_context(fresh, &len) != NULL && len == 3);
    CHECK_INT(SSL_SESSION_set1_hostname(fresh, "example.test"), ==, 1);
    CHECK(strcmp(SSL_SESSION_get0_hostname(fresh), "example.test") == 0);
    CHECK_INT(SSL_SESSION_set1_id(fresh, (const unsigned char *)"0123456789", 10), ==, 1);
    CHECK(SSL_SESSION_get_id(fresh, &len) != NULL && len == 10);
    CHECK_INT(SSL_SESSION_set1_id(fresh, key, 33), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_SSL_SESSION_ID_TOO_LONG);
    CHECK_INT(SSL_SESSION_set_protocol_version(fresh, TLS1_2_VERSION), ==, 1);
    CHECK_INT(SSL_SESSION_get_protocol_version(fresh), ==, TLS1_2_VERSION);
    CHECK_INT(SSL_SESSION_up_ref(fresh), ==, 1);
    SSL_SESSION_free(fresh);
    ok = 1;
out:
    SSL_SESSION_free(fresh);
    SSL_SESSION_free(o.session);
    ends_free(&e);
    return ok;
}

/* OpenSSL's defaults, and its return values when they change. */
static int context_settings(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = NULL;
    static const unsigned char long_ctx[33] = {0};
    int ok = 0;

    CHECK(ctx != NULL);
    CHECK_INT(SSL_CTX_get_timeout(ctx), ==, 7200);
    CHECK_INT(SSL_CTX_set_timeout(ctx, 300), ==, 7200);
    CHECK_INT(SSL_CTX_get_timeout(ctx), ==, 300);
    CHECK_INT(SSL_CTX_get_session_cache_mode(ctx), ==, SSL_SESS_CACHE_SERVER);
    CHECK_INT(SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_BOTH), ==,
              SSL_SESS_CACHE_SERVER);
    CHECK_INT(SSL_CTX_get_session_cache_mode(ctx), ==, SSL_SESS_CACHE_BOTH);
    CHECK_INT(SSL_CTX_sess_get_cache_size(ctx), ==, SSL_SESSION_CACHE_MAX_SIZE_DEFAULT);
    CHECK_INT(SSL_CTX_sess_set_cache_size(ctx, 100), ==, SSL_SESSION_CACHE_MAX_SIZE_DEFAULT);
    CHECK_INT(SSL_CTX_get_num_tickets(ctx), ==, 2);
    CHECK_INT(SSL_CTX_set_num_tickets(ctx, 1), ==, 1);
    CHECK_INT(SSL_CTX_get_num_tickets(ctx), ==, 1);
    CHECK(SSL_CTX_sess_get_new_cb(ctx) == NULL);
    SSL_CTX_sess_set_new_cb(ctx, count_new);
    CHECK(SSL_CTX_sess_get_new_cb(ctx) == count_new);
    CHECK_INT(SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"app", 3), ==, 1);
    CHECK_INT(SSL_CTX_set_session_id_context(ctx, long_ctx, sizeof(long_ctx)), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_SSL_SESSION_ID_CONTEXT_TOO_LONG);
    CHECK((s = SSL_new(ctx)) != NULL);
    CHECK_INT(SSL_set_session_id_context(s, (const unsigned char *)"conn", 4), ==, 1);
    CHECK_INT(SSL_set_session_id_context(s, long_ctx, sizeof(long_ctx)), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_SSL_SESSION_ID_CONTEXT_TOO_LONG);
    ok = 1;
out:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

/* i2d/d2i and PEM keep what resumption needs; broken input is refused. */
static int encodings(void)
{
    struct ends e = {0};
    struct outcome first = {0};
    struct outcome second = {0};
    SSL_SESSION *decoded = NULL;
    SSL_SESSION *from_pem = NULL;
    unsigned char *der = NULL;
    unsigned char *p;
    const unsigned char *q;
    BIO *mem = NULL;
    int len;
    int i;
    int ok = 0;

    CHECK(ends_new(&e, TLS1_2_VERSION));
    CHECK(connect_once(&e, NULL, &first));
    len = i2d_SSL_SESSION(first.session, NULL);
    CHECK(len > 0);
    CHECK((der = OPENSSL_malloc((size_t)len)) != NULL);
    p = der;
    CHECK_INT(i2d_SSL_SESSION(first.session, &p), ==, len);
    CHECK(p == der + len);
    q = der;
    CHECK((decoded = d2i_SSL_SESSION(NULL, &q, len)) != NULL);
    CHECK(q == der + len);
    CHECK(SSL_SESSION_is_resumable(decoded));
    CHECK_INT(SSL_SESSION_get_protocol_version(decoded), ==, TLS1_2_VERSION);
    CHECK(connect_once(&e, decoded, &second));
    CHECK_INT(second.client_reused, ==, 1);
    /* PEM, with its label. */
    CHECK((mem = BIO_new(BIO_s_mem())) != NULL);
    CHECK_INT(PEM_write_bio_SSL_SESSION(mem, first.session), ==, 1);
    CHECK((from_pem = PEM_read_bio_SSL_SESSION(mem, NULL, NULL, NULL)) != NULL);
    CHECK(SSL_SESSION_is_resumable(from_pem));
    /* Every shorter length fails, and so does a changed first byte. */
    for (i = 1; i < len; i++) {
        q = der;
        CHECK(d2i_SSL_SESSION(NULL, &q, i) == NULL);
    }
    der[0] ^= 0xFF;
    q = der;
    CHECK(d2i_SSL_SESSION(NULL, &q, len) == NULL);
    ERR_clear_error();
    ok = 1;
out:
    OPENSSL_free(der);
    BIO_free(mem);
    SSL_SESSION_free(decoded);
    SSL_SESSION_free(from_pem);
    SSL_SESSION_free(first.session);
    SSL_SESSION_free(second.session);
    ends_free(&e);
    return ok;
}

/* The session crosses a process boundary as bytes: a child decodes it and
 * resumes over a socket with the parent's server. */
static int child_resumes(const unsigned char *der, int len, int fd, SSL_CTX *cctx)
{
    const unsigned char *q = der;
    SSL_SESSION *sess = d2i_SSL_SESSION(NULL, &q, len);
    SSL *c = SSL_new(cctx);
    int reused = 0;

    if (sess != NULL && c != NULL && SSL_set_fd(c, fd) == 1 && SSL_set_session(c, sess) == 1 &&
        SSL_connect(c) == 1)
        reused = SSL_session_reused(c);
    if (c != NULL)
        (void)SSL_shutdown(c);
    ERR_print_errors_fp(stderr);
    SSL_free(c);
    SSL_SESSION_free(sess);
    return reused;
}

static int across_processes(int version)
{
    struct ends e = {0};
    struct outcome first = {0};
    unsigned char der[8192];
    unsigned char *p = der;
    int fds[2] = {-1, -1};
    SSL *s = NULL;
    pid_t child = -1;
    int status = 0;
    int len;
    int ok = 0;

    CHECK(ends_new(&e, version));
    CHECK(connect_once(&e, NULL, &first));
    len = i2d_SSL_SESSION(first.session, NULL);
    CHECK(len > 0 && len <= (int)sizeof(der));
    CHECK_INT(i2d_SSL_SESSION(first.session, &p), ==, len);
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    child = fork();
    CHECK(child >= 0);
    if (child == 0) {
        close(fds[0]);
        _exit(child_resumes(der, len, fds[1], e.cctx) ? 0 : 1);
    }
    close(fds[1]);
    fds[1] = -1;
    CHECK((s = SSL_new(e.sctx)) != NULL && SSL_set_fd(s, fds[0]) == 1);
    CHECK_INT(SSL_accept(s), ==, 1);
    CHECK_INT(SSL_session_reused(s), ==, 1);
    CHECK(waitpid(child, &status, 0) == child);
    child = -1;
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    ok = 1;
out:
    if (child > 0)
        waitpid(child, NULL, 0);
    SSL_free(s);
    if (fds[0] >= 0)
        close(fds[0]);
    if (fds[1] >= 0)
        close(fds[1]);
    SSL_SESSION_free(first.session);
    ends_free(&e);
    return ok;
}

static int across_processes_tls12(void)
{
    return across_processes(TLS1_2_VERSION);
}

static int across_processes_tls13(void)
{
    return across_processes(TLS1_3_VERSION);
}

/* A ticket lives as long as the server's session timeout said when it was
 * issued: one second here, so that after two the servers refuse it (TLS
 * 1.2 and 1.3, tickets sent before the wait). */
static int expired_tickets(void)
{
    struct ends e12 = {0};
    struct ends e13 = {0};
    struct outcome first12 = {0};
    struct outcome first13 = {0};
    struct outcome second12 = {0};
    struct outcome second13 = {0};
    int ok = 0;

    CHECK(ends_new(&e12, TLS1_2_VERSION));
    CHECK(ends_new(&e13, TLS1_3_VERSION));
    CHECK_INT(SSL_CTX_set_timeout(e12.sctx, 1), ==, 7200);
    CHECK_INT(SSL_CTX_set_timeout(e13.sctx, 1), ==, 7200);
    CHECK(connect_once(&e12, NULL, &first12));
    CHECK(connect_once(&e13, NULL, &first13));
    /* Setting it back does not lengthen the tickets issued. */
    (void)SSL_CTX_set_timeout(e12.sctx, 7200);
    (void)SSL_CTX_set_timeout(e13.sctx, 7200);
    sleep(2);
    CHECK(connect_once(&e12, first12.session, &second12));
    CHECK(connect_once(&e13, first13.session, &second13));
    CHECK_INT(second12.server_reused, ==, 0);
    CHECK_INT(second13.server_reused, ==, 0);
    ok = 1;
out:
    SSL_SESSION_free(first12.session);
    SSL_SESSION_free(first13.session);
    SSL_SESSION_free(second12.session);
    SSL_SESSION_free(second13.session);
    ends_free(&e12);
    ends_free(&e13);
    return ok;
}

/* ---- The application's ticket keys ------------------------------------------------------ */

/* One key shared by two server contexts (two machines behind one name),
 * set up by the callback as OpenSSL's manual page shows; when refusing,
 * the callback knows no key. */
static const unsigned char shared_name[16] = "compat-ticket-01";
static const unsigned char shared_aes[32] = "an AES-256 key for tickets......";
static unsigned char shared_hmac[32] = "an HMAC-SHA256 key for tickets..";
static int sealed_count;
static int opened_count;
static int refuse_to_open;

static int shared_key_evp(SSL *s, unsigned char key_name[16], unsigned char *iv,
                          EVP_CIPHER_CTX *cctx, EVP_MAC_CTX *hctx, int enc)
{
    OSSL_PARAM params[3];

    (void)s;
    params[0] = OSSL_PARAM_construct_octet_string(OSSL_MAC_PARAM_KEY, shared_hmac,
                                                  sizeof(shared_hmac));
    params[1] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)"sha256", 0);
    params[2] = OSSL_PARAM_construct_end();
    if (enc) {
        sealed_count++;
        memcpy(key_name, shared_name, sizeof(shared_name));
        if (RAND_bytes(iv, EVP_MAX_IV_LENGTH) != 1 ||
            EVP_EncryptInit_ex(cctx, EVP_aes_256_cbc(), NULL, shared_aes, iv) != 1)
            return -1;
        return EVP_MAC_CTX_set_params(hctx, params) == 1 ? 1 : -1;
    }
    opened_count++;
    if (refuse_to_open || memcmp(key_name, shared_name, sizeof(shared_name)) != 0)
        return 0;
    if (EVP_DecryptInit_ex(cctx, EVP_aes_256_cbc(), NULL, shared_aes, iv) != 1 ||
        EVP_MAC_CTX_set_params(hctx, params) != 1)
        return -1;
    return 1;
}

/* The older form: HMAC_Init_ex sets the HMAC key; AES-128 this time (the
 * first half of the shared key). */
static int shared_key_hmac(SSL *s, unsigned char key_name[16], unsigned char *iv,
                           EVP_CIPHER_CTX *cctx, HMAC_CTX *hctx, int enc)
{
    (void)s;
    if (enc) {
        sealed_count++;
        memcpy(key_name, shared_name, sizeof(shared_name));
        if (RAND_bytes(iv, EVP_MAX_IV_LENGTH) != 1 ||
            EVP_EncryptInit_ex(cctx, EVP_aes_128_cbc(), NULL, shared_aes, iv) != 1)
            return -1;
    } else {
        opened_count++;
        if (refuse_to_open || memcmp(key_name, shared_name, sizeof(shared_name)) != 0)
            return 0;
        if (EVP_DecryptInit_ex(cctx, EVP_aes_128_cbc(), NULL, shared_aes, iv) != 1)
            return -1;
    }
    return HMAC_Init_ex(hctx, shared_hmac, sizeof(shared_hmac), EVP_sha256(), NULL) == 1 ? 1 : -1;
}

/* A session one server issued resumes at the other, which shares its
 * ticket keys through the callback; a callback that knows no key makes a
 * full handshake. */
static int shared_ticket_keys(int version, int older_form)
{
    struct ends first_server = {0};
    struct ends second_server = {0};
    struct outcome first = {0};
    struct outcome second = {0};
    struct outcome third = {0};
    int ok = 0;

    sealed_count = opened_count = refuse_to_open = 0;
    CHECK(ends_new(&first_server, version));
    CHECK(ends_new(&second_server, version));
    if (older_form) {
        CHECK_INT(SSL_CTX_set_tlsext_ticket_key_cb(first_server.sctx, shared_key_hmac), ==, 1);
        CHECK_INT(SSL_CTX_set_tlsext_ticket_key_cb(second_server.sctx, shared_key_hmac), ==, 1);
    } else {
        CHECK_INT(SSL_CTX_set_tlsext_ticket_key_evp_cb(first_server.sctx, shared_key_evp), ==, 1);
        CHECK_INT(SSL_CTX_set_tlsext_ticket_key_evp_cb(second_server.sctx, shared_key_evp), ==, 1);
    }
    /* One client context for both servers. */
    SSL_CTX_free(second_server.cctx);
    CHECK(SSL_CTX_up_ref(first_server.cctx) == 1);
    second_server.cctx = first_server.cctx;
    CHECK(connect_once(&first_server, NULL, &first));
    CHECK_INT(sealed_count, >=, 1);
    CHECK(connect_once(&second_server, first.session, &second));
    CHECK_INT(second.server_reused, ==, 1);
    CHECK_INT(opened_count, >=, 1);
    refuse_to_open = 1;
    CHECK(connect_once(&second_server, second.session, &third));
    CHECK_INT(third.server_reused, ==, 0);
    ok = 1;
out:
    SSL_SESSION_free(first.session);
    SSL_SESSION_free(second.session);
    SSL_SESSION_free(third.session);
    ends_free(&first_server);
    ends_free(&second_server);
    return ok;
}

static int shared_ticket_keys_tls12(void)
{
    return shared_ticket_keys(TLS1_2_VERSION, 0);
}

static int shared_ticket_keys_tls13(void)
{
    return shared_ticket_keys(TLS1_3_VERSION, 0);
}

static int shared_ticket_keys_older_form(void)
{
    return shared_ticket_keys(TLS1_2_VERSION, 1) && shared_ticket_keys(TLS1_3_VERSION, 1);
}

/* Prefork servers (nginx's workers, Apache's prefork): the context is made
 * before the workers fork, and a session one worker issued resumes with
 * another, as OpenSSL's ticket keys are the context's from its start. A
 * worker serves one connection; its exit status says whether it resumed. */
static pid_t worker_serves(SSL_CTX *sctx, int fd, int other_fd)
{
    pid_t pid = fork();
    SSL *s;
    char byte;
    int reused;

    if (pid != 0)
        return pid;
    close(other_fd);
    s = SSL_new(sctx);
    if (s == NULL || SSL_set_fd(s, fd) != 1 || SSL_accept(s) != 1 || SSL_write(s, "s", 1) != 1 ||
        SSL_read(s, &byte, 1) != 1)
        _exit(2);
    reused = SSL_session_reused(s);
    (void)SSL_shutdown(s);
    _exit(reused ? 1 : 0);
}

/* One connection to a fresh worker; the worker's verdict. */
static int visit_worker(struct ends *e, SSL_SESSION **session, int *reused)
{
    int fds[2] = {-1, -1};
    SSL *c = NULL;
    pid_t worker = -1;
    int status = 0;
    char byte;
    int ok = 0;

    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    CHECK((worker = worker_serves(e->sctx, fds[1], fds[0])) > 0);
    close(fds[1]);
    fds[1] = -1;
    CHECK((c = SSL_new(e->cctx)) != NULL && SSL_set_fd(c, fds[0]) == 1);
    CHECK(*session == NULL || SSL_set_session(c, *session) == 1);
    CHECK_INT(SSL_connect(c), ==, 1);
    CHECK_INT(SSL_read(c, &byte, 1), ==, 1);
    CHECK_INT(SSL_write(c, "c", 1), ==, 1);
    CHECK_INT(SSL_session_reused(c), ==, *session != NULL);
    (void)SSL_shutdown(c);
    CHECK(waitpid(worker, &status, 0) == worker);
    worker = -1;
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) <= 1);
    *reused = WEXITSTATUS(status);
    SSL_SESSION_free(*session);
    *session = SSL_get1_session(c);
    ok = 1;
out:
    if (worker > 0)
        waitpid(worker, NULL, 0);
    SSL_free(c);
    if (fds[0] >= 0)
        close(fds[0]);
    if (fds[1] >= 0)
        close(fds[1]);
    return ok;
}

static int prefork_workers(int version)
{
    struct ends e = {0};
    SSL_SESSION *session = NULL;
    int reused = -1;
    int ok = 0;

    CHECK(ends_new(&e, version));
    CHECK(visit_worker(&e, &session, &reused));
    CHECK_INT(reused, ==, 0);
    CHECK(SSL_SESSION_is_resumable(session));
    CHECK(visit_worker(&e, &session, &reused));
    CHECK_INT(reused, ==, 1);
    ok = 1;
out:
    SSL_SESSION_free(session);
    ends_free(&e);
    return ok;
}

static int prefork_workers_tls12(void)
{
    return prefork_workers(TLS1_2_VERSION);
}

static int prefork_workers_tls13(void)
{
    return prefork_workers(TLS1_3_VERSION);
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"resumption_tls12", resumption_tls12},
        {"resumption_tls13", resumption_tls13},
        {"other_name_tls13", other_name_tls13},
        {"cache_without_tickets", cache_without_tickets},
        {"getters", getters},
        {"context_settings", context_settings},
        {"encodings", encodings},
        {"across_processes_tls12", across_processes_tls12},
        {"across_processes_tls13", across_processes_tls13},
        {"expired_tickets", expired_tickets},
        {"shared_ticket_keys_tls12", shared_ticket_keys_tls12},
        {"shared_ticket_keys_tls13", shared_ticket_keys_tls13},
        {"shared_ticket_keys_older_form", shared_ticket_keys_older_form},
        {"prefork_workers_tls12", prefork_workers_tls12},
        {"prefork_workers_tls13", prefork_workers_tls13},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
