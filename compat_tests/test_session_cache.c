/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The context's session cache, as OpenSSL keeps it: the SSL_CTX_sess_*
 * counters, SSL_CTX_add_session, SSL_CTX_remove_session and
 * SSL_CTX_flush_sessions with the remove callback, a full cache and
 * expired sessions, the id context, a connection closed without
 * close_notify, an external cache through the get/new/remove callbacks and
 * i2d/d2i (nginx's way), and TLS 1.3 tickets in the server's and the
 * client's cache.
 */
#include <string.h>

#include "testlib.h"

static int removed;
static SSL_SESSION *last_removed;

static void count_removed(SSL_CTX *ctx, SSL_SESSION *sess)
{
    (void)ctx;
    removed++;
    last_removed = sess;
}

struct ends {
    SSL_CTX *cctx;
    SSL_CTX *sctx;
};

/* TLS 1.2 sessions resume from the server's cache without tickets. */
static int ends_new(struct ends *e, int version)
{
    removed = 0;
    last_removed = NULL;
    e->sctx = server_ctx("server.pem", "server.key", version, version);
    e->cctx = client_ctx("ca.pem", SSL_VERIFY_PEER, version, version);
    if (e->sctx == NULL || e->cctx == NULL)
        return 0;
    if (version == TLS1_2_VERSION)
        (void)SSL_CTX_set_options(e->sctx, SSL_OP_NO_TICKET);
    SSL_CTX_sess_set_remove_cb(e->sctx, count_removed);
    return 1;
}

static void ends_free(struct ends *e)
{
    SSL_CTX_free(e->cctx);
    SSL_CTX_free(e->sctx);
}

/* One connection, resuming resume if given, with a byte from the server
 * (TLS 1.3 tickets come with it), closed cleanly or not. The client's
 * session after it, the server's in server_session, and whether the
 * server resumed; the visit keeps a reference to each session it gave,
 * which visit_end drops. */
struct visit {
    SSL_SESSION *resume;
    int clean_close;
    const char *server_sid_ctx;
    int reused;
    SSL_SESSION *server_session;
    SSL_SESSION *kept[8];
    int kept_count;
};

static void visit_end(struct visit *v)
{
    while (v->kept_count > 0)
        SSL_SESSION_free(v->kept[--v->kept_count]);
    SSL_SESSION_free(v->server_session);
}

static SSL_SESSION *connect_once(struct ends *e, struct visit *v)
{
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr = {0};
    struct side sr = {0};
    SSL_SESSION *session = NULL;
    char byte;

    CHECK(make_pair(e->cctx, e->sctx, &c, &s));
    CHECK(SSL_set_tlsext_host_name(c, "localhost") == 1);
    if (v->resume != NULL)
        CHECK_INT(SSL_set_session(c, v->resume), ==, 1);
    if (v->server_sid_ctx != NULL)
        CHECK_INT(SSL_set_session_id_context(s, (const unsigned char *)v->server_sid_ctx,
                                             (unsigned int)strlen(v->server_sid_ctx)),
                  ==, 1);
    CHECK(drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK_INT(SSL_write(s, "s", 1), ==, 1);
    CHECK_INT(SSL_read(c, &byte, 1), ==, 1);
    v->reused = SSL_session_reused(s);
    CHECK_INT(SSL_session_reused(c), ==, v->reused);
    SSL_SESSION_free(v->server_session);
    v->server_session = SSL_get1_session(s);
    CHECK(v->kept_count < 8 && (session = SSL_get1_session(c)) != NULL);
    v->kept[v->kept_count++] = session;
    if (v->clean_close) {
        CHECK_INT(SSL_shutdown(c), ==, 0);
        CHECK_INT(SSL_shutdown(s), ==, 0);
        CHECK_INT(SSL_shutdown(s), ==, 1);
    }
out:
    SSL_free(c);
    SSL_free(s);
    return session;
}

/* Handshakes and hits are counted on both ends, the cache's size and
 * misses on the server's; removing a session makes it unresumable. */
static int counters(void)
{
    struct ends e = {0};
    struct ends other = {0};
    struct visit v = {NULL, 1, NULL, 0, NULL, {NULL}, 0};
    SSL_SESSION *first = NULL;
    SSL_SESSION *second = NULL;
    SSL_SESSION *foreign = NULL;
    SSL_SESSION *third = NULL;
    int ok = 0;

    CHECK(ends_new(&e, TLS1_2_VERSION));
    CHECK(ends_new(&other, TLS1_2_VERSION));
    CHECK_INT(SSL_CTX_sess_number(e.sctx), ==, 0);
    CHECK((first = connect_once(&e, &v)) != NULL);
    CHECK_INT(v.reused, ==, 0);
    CHECK_INT(SSL_CTX_sess_accept(e.sctx), ==, 1);
    CHECK_INT(SSL_CTX_sess_accept_good(e.sctx), ==, 1);
    CHECK_INT(SSL_CTX_sess_connect(e.sctx), ==, 0);
    CHECK_INT(SSL_CTX_sess_connect(e.cctx), ==, 1);
    CHECK_INT(SSL_CTX_sess_connect_good(e.cctx), ==, 1);
    CHECK_INT(SSL_CTX_sess_number(e.sctx), ==, 1);
    CHECK_INT(SSL_CTX_sess_number(e.cctx), ==, 0); /* a client caches on request only */

    v.resume = first;
    CHECK((second = connect_once(&e, &v)) != NULL);
    CHECK_INT(v.reused, ==, 1);
    CHECK_INT(SSL_CTX_sess_hits(e.sctx), ==, 1);
    CHECK_INT(SSL_CTX_sess_hits(e.cctx), ==, 1);
    CHECK_INT(SSL_CTX_sess_misses(e.sctx), ==, 0);
    CHECK_INT(SSL_CTX_sess_accept_good(e.sctx), ==, 2);

    /* Another server's session: the cache misses, a full handshake. */
    v.resume = NULL;
    CHECK((foreign = connect_once(&other, &v)) != NULL);
    v.resume = foreign;
    CHECK((third = connect_once(&e, &v)) != NULL);
    CHECK_INT(v.reused, ==, 0);
    CHECK_INT(SSL_CTX_sess_misses(e.sctx), ==, 1);
    CHECK_INT(SSL_CTX_sess_number(e.sctx), ==, 2);

    /* Removal: the callback hears of it, cached or not, and the session
     * is no longer resumable. */
    CHECK(SSL_SESSION_is_resumable(first));
    CHECK_INT(SSL_CTX_remove_session(e.sctx, first), ==, 1);
    CHECK_INT(removed, ==, 1);
    CHECK(last_removed == first);
    CHECK(!SSL_SESSION_is_resumable(first));
    CHECK_INT(SSL_CTX_sess_number(e.sctx), ==, 1);
    CHECK_INT(SSL_CTX_remove_session(e.sctx, first), ==, 0);
    CHECK_INT(removed, ==, 2);
    CHECK_INT(SSL_CTX_sess_connect_renegotiate(e.cctx), ==, 0);
    CHECK_INT(SSL_CTX_sess_accept_renegotiate(e.sctx), ==, 0);
    ok = 1;
out:
    visit_end(&v);
    ends_free(&e);
    ends_free(&other);
    return ok;
}

/* A session with the given id, made by hand. */
static SSL_SESSION *session_with_id(unsigned char id_byte)
{
    unsigned char id[32];
    SSL_SESSION *sess = SSL_SESSION_new();

    memset(id, id_byte, sizeof(id));
    if (sess != NULL && SSL_SESSION_set1_id(sess, id, sizeof(id)) != 1) {
        SSL_SESSION_free(sess);
        return NULL;
    }
    return sess;
}

/* Adding, replacing, evicting, flushing, and what is left when the
 * context goes. */
static int add_and_flush(void)
{
    SSL_CTX *ctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL_SESSION *a = session_with_id(1);
    SSL_SESSION *a_again = session_with_id(1);
    SSL_SESSION *b = session_with_id(2);
    SSL_SESSION *c = session_with_id(3);
    long t;
    int ok = 0;

    removed = 0;
    CHECK(ctx != NULL && a != NULL && a_again != NULL && b != NULL && c != NULL);
    SSL_CTX_sess_set_remove_cb(ctx, count_removed);
    CHECK(SSL_CTX_sess_get_remove_cb(ctx) == count_removed);
    CHECK_INT(SSL_CTX_add_session(ctx, a), ==, 1);
    CHECK_INT(SSL_CTX_add_session(ctx, a), ==, 0); /* already there */
    CHECK_INT(SSL_CTX_sess_number(ctx), ==, 1);
    /* Another session with the same id replaces it quietly. */
    CHECK_INT(SSL_CTX_add_session(ctx, a_again), ==, 1);
    CHECK_INT(SSL_CTX_sess_number(ctx), ==, 1);
    CHECK_INT(removed, ==, 0);

    /* A full cache loses its oldest. OpenSSL 3.0 counts the new session
     * before it checks, so that a cache of 3 keeps 2. */
    CHECK_INT(SSL_CTX_sess_set_cache_size(ctx, 3), ==, SSL_SESSION_CACHE_MAX_SIZE_DEFAULT);
    CHECK_INT(SSL_CTX_add_session(ctx, b), ==, 1);
    CHECK_INT(SSL_CTX_sess_cache_full(ctx), ==, 0);
    CHECK_INT(SSL_CTX_add_session(ctx, c), ==, 1);
    CHECK_INT(SSL_CTX_sess_number(ctx), ==, 2);
    CHECK_INT(SSL_CTX_sess_cache_full(ctx), ==, 1);
    CHECK_INT(removed, ==, 1);
    CHECK(last_removed == a_again);

    /* A session stays through the last second of its lifetime. */
    t = SSL_SESSION_get_time(b);
    CHECK_INT(SSL_SESSION_set_timeout(b, 100), ==, 1);
    CHECK_INT(SSL_SESSION_set_time(c, t + 1000), ==, t + 1000);
    SSL_CTX_flush_sessions(ctx, t + 100);
    CHECK_INT(SSL_CTX_sess_number(ctx), ==, 2);
    SSL_CTX_flush_sessions(ctx, t + 101);
    CHECK_INT(SSL_CTX_sess_number(ctx), ==, 1);
    CHECK_INT(removed, ==, 2);
    CHECK(last_removed == b);
    SSL_CTX_flush_sessions(ctx, 0); /* everything */
    CHECK_INT(SSL_CTX_sess_number(ctx), ==, 0);
    CHECK_INT(removed, ==, 3);

    /* What the cache holds when the context goes is removed too. */
    CHECK_INT(SSL_CTX_add_session(ctx, a), ==, 1);
    SSL_CTX_free(ctx);
    ctx = NULL;
    CHECK_INT(removed, ==, 4);
    CHECK(last_removed == a);
    ok = 1;
out:
    SSL_CTX_free(ctx);
    SSL_SESSION_free(a);
    SSL_SESSION_free(a_again);
    SSL_SESSION_free(b);
    SSL_SESSION_free(c);
    return ok;
}

/* An expired session is counted and removed, not resumed; nor is one made
 * under another id context. */
static int expiry_and_id_context(void)
{
    struct ends e = {0};
    struct visit v = {NULL, 1, NULL, 0, NULL, {NULL}, 0};
    SSL_SESSION *first = NULL;
    SSL_SESSION *second = NULL;
    SSL_SESSION *third = NULL;
    SSL_SESSION *fourth = NULL;
    SSL_SESSION *cached;
    int ok = 0;

    CHECK(ends_new(&e, TLS1_2_VERSION));
    CHECK((first = connect_once(&e, &v)) != NULL);
    cached = v.server_session;
    CHECK(cached != NULL);
    CHECK_INT(SSL_SESSION_set_time(cached, SSL_SESSION_get_time(cached) - 8000), !=, 0);
    v.resume = first;
    CHECK((second = connect_once(&e, &v)) != NULL);
    CHECK_INT(v.reused, ==, 0);
    CHECK_INT(SSL_CTX_sess_timeouts(e.sctx), ==, 1);
    CHECK_INT(removed, ==, 1);
    CHECK_INT(SSL_CTX_sess_number(e.sctx), ==, 1); /* the second connection's */

    /* The second session offered where the server's id context differs. */
    v.resume = second;
    v.server_sid_ctx = "another service";
    CHECK((third = connect_once(&e, &v)) != NULL);
    CHECK_INT(v.reused, ==, 0);
    CHECK_INT(SSL_CTX_sess_misses(e.sctx), ==, 0);
    CHECK_INT(SSL_CTX_sess_hits(e.sctx), ==, 0);
    /* And where it matches again. */
    v.server_sid_ctx = NULL;
    CHECK((fourth = connect_once(&e, &v)) != NULL);
    CHECK_INT(v.reused, ==, 1);
    CHECK_INT(SSL_CTX_sess_hits(e.sctx), ==, 1);
    ok = 1;
out:
    visit_end(&v);
    ends_free(&e);
    return ok;
}

/* A connection freed or cleared without a close_notify of its own may have
 * been cut short: both ends forget its session. SSL_set_shutdown says it
 * was not. */
static int unclean_close(void)
{
    struct ends e = {0};
    struct visit v = {NULL, 0, NULL, 0, NULL, {NULL}, 0};
    SSL_SESSION *first = NULL;
    SSL_SESSION *second = NULL;
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr = {0};
    struct side sr = {0};
    int ok = 0;

    CHECK(ends_new(&e, TLS1_2_VERSION));
    CHECK((first = connect_once(&e, &v)) != NULL);
    CHECK(!SSL_SESSION_is_resumable(first));
    CHECK_INT(SSL_CTX_sess_number(e.sctx), ==, 0);
    CHECK_INT(removed, ==, 1);

    /* Marked as closed, the session stays. */
    CHECK(make_pair(e.cctx, e.sctx, &c, &s));
    CHECK(drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    SSL_set_shutdown(c, SSL_SENT_SHUTDOWN);
    SSL_set_shutdown(s, SSL_SENT_SHUTDOWN);
    CHECK((second = SSL_get1_session(c)) != NULL);
    SSL_free(c);
    SSL_free(s);
    c = s = NULL;
    CHECK(SSL_SESSION_is_resumable(second));
    CHECK_INT(SSL_CTX_sess_number(e.sctx), ==, 1);
    CHECK_INT(removed, ==, 1);

    /* SSL_clear forgets a session cut short too, and drops it. */
    CHECK(make_pair(e.cctx, e.sctx, &c, &s));
    memset(&cr, 0, sizeof(cr));
    memset(&sr, 0, sizeof(sr));
    CHECK(drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK_INT(SSL_CTX_sess_number(e.sctx), ==, 2);
    CHECK_INT(SSL_clear(s), ==, 1);
    CHECK(SSL_get_session(s) == NULL);
    CHECK_INT(SSL_CTX_sess_number(e.sctx), ==, 1);
    CHECK_INT(removed, ==, 2);
    ok = 1;
out:
    SSL_free(c);
    SSL_free(s);
    SSL_SESSION_free(second);
    visit_end(&v);
    ends_free(&e);
    return ok;
}

/* ---- An external cache ------------------------------------------------------------------- */

/* A one-entry store of encoded sessions, as a server keeps in shared
 * memory: filled by the new callback, read by the get callback, emptied
 * by the remove callback. */
static struct {
    unsigned char id[SSL_MAX_SSL_SESSION_ID_LENGTH];
    unsigned int id_len;
    unsigned char der[8192];
    int der_len;
    int stored;
    int looked_up;
    int forgotten;
    int copy_offered;
} shared;

static int store_session(SSL *s, SSL_SESSION *sess)
{
    const unsigned char *id = SSL_SESSION_get_id(sess, &shared.id_len);
    unsigned char *p = shared.der;
    int len = i2d_SSL_SESSION(sess, NULL);

    (void)s;
    if (len <= 0 || len > (int)sizeof(shared.der) || shared.id_len > sizeof(shared.id))
        return 0;
    memcpy(shared.id, id, shared.id_len);
    shared.der_len = i2d_SSL_SESSION(sess, &p);
    shared.stored++;
    return 0; /* the library keeps no reference for us */
}

static SSL_SESSION *find_stored(SSL *s, const unsigned char *id, int len, int *copy)
{
    const unsigned char *p = shared.der;

    (void)s;
    shared.looked_up++;
    shared.copy_offered = *copy;
    if (shared.der_len == 0 || len != (int)shared.id_len ||
        memcmp(id, shared.id, shared.id_len) != 0)
        return NULL;
    *copy = 0; /* the reference d2i made is the library's */
    return d2i_SSL_SESSION(NULL, &p, shared.der_len);
}

static void forget_stored(SSL_CTX *ctx, SSL_SESSION *sess)
{
    unsigned int len;
    const unsigned char *id = SSL_SESSION_get_id(sess, &len);

    (void)ctx;
    if (len == shared.id_len && memcmp(id, shared.id, len) == 0) {
        shared.der_len = 0;
        shared.forgotten++;
    }
}

static int external_cache(void)
{
    struct ends e = {0};
    struct visit v = {NULL, 1, NULL, 0, NULL, {NULL}, 0};
    SSL_SESSION *first = NULL;
    SSL_SESSION *second = NULL;
    SSL_SESSION *third = NULL;
    SSL_SESSION *fourth = NULL;
    unsigned int client_id_len;
    unsigned int server_id_len;
    const unsigned char *client_id;
    const unsigned char *server_id;
    int ok = 0;

    memset(&shared, 0, sizeof(shared));
    CHECK(ends_new(&e, TLS1_2_VERSION));
    (void)SSL_CTX_set_session_cache_mode(e.sctx,
                                         SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);
    SSL_CTX_sess_set_new_cb(e.sctx, store_session);
    SSL_CTX_sess_set_get_cb(e.sctx, find_stored);
    SSL_CTX_sess_set_remove_cb(e.sctx, forget_stored);
    CHECK(SSL_CTX_sess_get_get_cb(e.sctx) == find_stored);
    CHECK(SSL_CTX_sess_get_new_cb(e.sctx) == store_session);

    CHECK((first = connect_once(&e, &v)) != NULL);
    CHECK_INT(shared.stored, ==, 1);
    CHECK_INT(shared.der_len, >, 0);
    CHECK_INT(SSL_CTX_sess_number(e.sctx), ==, 0); /* nothing kept inside */
    client_id = SSL_SESSION_get_id(first, &client_id_len);
    CHECK_INT(client_id_len, ==, shared.id_len);
    CHECK(memcmp(client_id, shared.id, client_id_len) == 0);

    /* The session comes back from the encoding, and resumes. */
    v.resume = first;
    CHECK((second = connect_once(&e, &v)) != NULL);
    CHECK_INT(v.reused, ==, 1);
    CHECK_INT(shared.looked_up, ==, 1);
    CHECK_INT(shared.copy_offered, ==, 1);
    CHECK_INT(SSL_CTX_sess_cb_hits(e.sctx), ==, 1);
    CHECK_INT(SSL_CTX_sess_misses(e.sctx), ==, 0); /* no lookup inside */
    CHECK_INT(SSL_CTX_sess_hits(e.sctx), ==, 1);
    CHECK_INT(shared.stored, ==, 1);
    server_id = SSL_SESSION_get_id(v.server_session, &server_id_len);
    CHECK_INT(server_id_len, ==, client_id_len);
    CHECK(memcmp(server_id, client_id, client_id_len) == 0);

    /* Cut short, the connection's session leaves the external cache. */
    v.clean_close = 0;
    CHECK((third = connect_once(&e, &v)) != NULL);
    CHECK_INT(v.reused, ==, 1);
    CHECK_INT(shared.forgotten, ==, 1);
    v.clean_close = 1;
    v.resume = second;
    CHECK((fourth = connect_once(&e, &v)) != NULL);
    CHECK_INT(v.reused, ==, 0);
    CHECK_INT(shared.stored, ==, 2);
    ok = 1;
out:
    visit_end(&v);
    ends_free(&e);
    return ok;
}

/* ---- TLS 1.3 ------------------------------------------------------------------------------ */

static int tickets_announced;
static SSL_SESSION *announced[4];

static int note_ticket(SSL *s, SSL_SESSION *sess)
{
    (void)s;
    if (tickets_announced < 4)
        announced[tickets_announced] = sess;
    tickets_announced++;
    return 0;
}

/* A TLS 1.3 server's sessions are its tickets: one each, with ids of their
 * own; two after a full handshake and one after resumption. Its cache keeps
 * them only for a remove callback. A client caching its sessions keeps one
 * per ticket, and drops the one it resumed. */
static int tls13_tickets(void)
{
    struct ends e = {0};
    struct visit v = {NULL, 1, NULL, 0, NULL, {NULL}, 0};
    SSL_SESSION *first = NULL;
    SSL_SESSION *second = NULL;
    unsigned int id0_len;
    unsigned int id1_len;
    const unsigned char *id0;
    const unsigned char *id1;
    int ok = 0;

    tickets_announced = 0;
    CHECK(ends_new(&e, TLS1_3_VERSION));
    SSL_CTX_sess_set_new_cb(e.sctx, note_ticket);
    (void)SSL_CTX_set_session_cache_mode(e.cctx, SSL_SESS_CACHE_CLIENT);
    CHECK((first = connect_once(&e, &v)) != NULL);
    CHECK_INT(tickets_announced, ==, 2);
    CHECK(announced[0] != announced[1]);
    id0 = SSL_SESSION_get_id(announced[0], &id0_len);
    id1 = SSL_SESSION_get_id(announced[1], &id1_len);
    CHECK_INT(id0_len, ==, id1_len);
    CHECK(memcmp(id0, id1, id0_len) != 0);
    CHECK_INT(SSL_CTX_sess_number(e.sctx), ==, 2);
    CHECK_INT(SSL_CTX_sess_number(e.cctx), ==, 2);

    v.resume = first;
    CHECK((second = connect_once(&e, &v)) != NULL);
    CHECK_INT(v.reused, ==, 1);
    CHECK_INT(tickets_announced, ==, 3);
    CHECK_INT(SSL_CTX_sess_number(e.sctx), ==, 3);
    CHECK_INT(SSL_CTX_sess_number(e.cctx), ==, 2);
    CHECK_INT(SSL_CTX_sess_hits(e.sctx), ==, 1);
    CHECK_INT(SSL_CTX_sess_hits(e.cctx), ==, 1);
    ok = 1;
out:
    visit_end(&v);
    ends_free(&e);
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"counters", counters},
        {"add_and_flush", add_and_flush},
        {"expiry_and_id_context", expiry_and_id_context},
        {"unclean_close", unclean_close},
        {"external_cache", external_cache},
        {"tls13_tickets", tls13_tickets},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
