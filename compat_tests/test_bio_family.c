/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The BIO family without a network: chains, the buffer filter and lines
 * that arrive in pieces, BIOs of the application's own (one that asks to
 * retry every other call, one that sends only on flush), tiny BIO pairs,
 * memory, file and null BIOs, printf, callbacks and application data.
 */
#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/buffer.h>

#include "testlib.h"

/* ---- Chains -------------------------------------------------------------------- */

static int chains(void)
{
    BIO *buf = BIO_new(BIO_f_buffer());
    BIO *mem = BIO_new(BIO_s_mem());
    BIO *copy = NULL;
    int ok = 0;

    CHECK(buf != NULL && mem != NULL);
    CHECK(BIO_push(buf, mem) == buf);
    CHECK(BIO_next(buf) == mem);
    CHECK(BIO_next(mem) == NULL);
    CHECK(BIO_find_type(buf, BIO_TYPE_MEM) == mem);
    CHECK(BIO_find_type(buf, BIO_TYPE_BUFFER) == buf);
    /* Without a low byte, the type is a class. */
    CHECK(BIO_find_type(buf, BIO_TYPE_SOURCE_SINK) == mem);
    CHECK(BIO_find_type(buf, BIO_TYPE_SOCKET) == NULL);
    CHECK_INT(BIO_method_type(buf), ==, BIO_TYPE_BUFFER);
    /* A copy of the chain is a chain of new BIOs of the same kinds. */
    CHECK((copy = BIO_dup_chain(buf)) != NULL);
    CHECK(copy != buf && BIO_next(copy) != mem);
    CHECK_INT(BIO_method_type(BIO_next(copy)), ==, BIO_TYPE_MEM);
    CHECK(BIO_pop(buf) == mem);
    CHECK(BIO_next(buf) == NULL);
    /* BIO_free_all stops after a BIO someone else still holds. */
    CHECK(BIO_push(buf, mem) == buf);
    CHECK_INT(BIO_up_ref(mem), ==, 1);
    BIO_free_all(buf);
    buf = NULL;
    CHECK_INT(BIO_write(mem, "still here", 10), ==, 10);
    ok = 1;
out:
    BIO_free_all(copy);
    BIO_free_all(buf);
    BIO_free(mem);
    return ok;
}

/* A filter reports the retry of the BIO that really blocked. */
static int retry_bio(void)
{
    BIO *buf = BIO_new(BIO_f_buffer());
    BIO *a = NULL;
    BIO *b = NULL;
    char c;
    int reason = -1;
    int ok = 0;

    CHECK(buf != NULL && BIO_new_bio_pair(&a, 0, &b, 0));
    BIO_push(buf, a);
    CHECK_INT(BIO_read(buf, &c, 1), ==, -1);
    CHECK(BIO_should_retry(buf) && BIO_should_read(buf));
    CHECK(BIO_get_retry_BIO(buf, &reason) == a);
    CHECK_INT(reason, ==, 0);
    ok = 1;
out:
    BIO_free_all(buf);
    BIO_free(b);
    return ok;
}

/* ---- The buffer filter ------------------------------------------------------------- */

/* A line that arrives in pieces through a non-blocking transport. */
static int buffered_lines(void)
{
    BIO *buf = BIO_new(BIO_f_buffer());
    BIO *a = NULL;
    BIO *peer = NULL;
    char line[64];
    int ok = 0;

    CHECK(buf != NULL && BIO_new_bio_pair(&a, 0, &peer, 0));
    BIO_push(buf, a);
    CHECK_INT(BIO_gets(buf, line, sizeof(line)), ==, -1);
    CHECK(BIO_should_retry(buf) && BIO_should_read(buf));
    CHECK_INT(BIO_write(peer, "hel", 3), ==, 3);
    /* What has come so far is handed back, as OpenSSL does. */
    CHECK_INT(BIO_gets(buf, line, sizeof(line)), ==, 3);
    CHECK(strcmp(line, "hel") == 0);
    CHECK_INT(BIO_write(peer, "lo\nworld\nmore", 13), ==, 13);
    CHECK_INT(BIO_gets(buf, line, sizeof(line)), ==, 3);
    CHECK(strcmp(line, "lo\n") == 0);
    CHECK_INT(BIO_get_buffer_num_lines(buf), ==, 1);
    CHECK_INT(BIO_pending(buf), ==, 10);
    CHECK_INT(BIO_gets(buf, line, sizeof(line)), ==, 6);
    CHECK(strcmp(line, "world\n") == 0);
    /* A line longer than the buffer given is cut. */
    CHECK_INT(BIO_gets(buf, line, 3), ==, 2);
    CHECK(strcmp(line, "mo") == 0);
    ok = 1;
out:
    BIO_free_all(buf);
    BIO_free(peer);
    return ok;
}

static int buffered_writes(void)
{
    BIO *buf = BIO_new(BIO_f_buffer());
    BIO *mem = BIO_new(BIO_s_mem());
    static char big[10000];
    int ok = 0;

    CHECK(buf != NULL && mem != NULL);
    BIO_push(buf, mem);
    CHECK_INT(BIO_write(buf, "abc", 3), ==, 3);
    CHECK_INT(BIO_puts(buf, "def"), ==, 3);
    CHECK_INT(BIO_printf(buf, "%d-%s", 42, "x"), ==, 4);
    /* Still in the buffer. */
    CHECK_INT(BIO_pending(mem), ==, 0);
    CHECK_INT(BIO_wpending(buf), ==, 10);
    CHECK_INT(BIO_flush(buf), ==, 1);
    CHECK_INT(BIO_pending(mem), ==, 10);
    CHECK_INT(BIO_wpending(buf), ==, 0);
    /* More than the buffer holds goes through. */
    memset(big, 'z', sizeof(big));
    CHECK_INT(BIO_write(buf, big, (int)sizeof(big)), ==, (int)sizeof(big));
    CHECK_INT(BIO_flush(buf), ==, 1);
    CHECK_INT(BIO_pending(mem), ==, 10 + (int)sizeof(big));
    CHECK_INT(BIO_set_buffer_size(buf, 8192), ==, 1);
    ok = 1;
out:
    BIO_free_all(buf);
    return ok;
}

/* ---- BIOs of the application's own ---------------------------------------------------- */

/* Passes through to the BIO in its data pointer, but asks to retry every
 * other call. */
static int flaky_calls;

static int flaky_read(BIO *b, char *out, int outl)
{
    BIO *inner = BIO_get_data(b);
    int n;

    BIO_clear_retry_flags(b);
    if (flaky_calls++ % 2 == 0) {
        BIO_set_retry_read(b);
        return -1;
    }
    n = BIO_read(inner, out, outl);
    if (n <= 0 && BIO_should_retry(inner))
        BIO_set_retry_read(b);
    return n;
}

static int flaky_write(BIO *b, const char *in, int inl)
{
    BIO *inner = BIO_get_data(b);
    int n;

    BIO_clear_retry_flags(b);
    if (flaky_calls++ % 2 == 0) {
        BIO_set_retry_write(b);
        return -1;
    }
    n = BIO_write(inner, in, inl);
    if (n <= 0 && BIO_should_retry(inner))
        BIO_set_retry_write(b);
    return n;
}

static long passthrough_ctrl(BIO *b, int cmd, long larg, void *parg)
{
    (void)b;
    (void)larg;
    (void)parg;
    return cmd == BIO_CTRL_FLUSH ? 1 : 0;
}

/* Collects writes in a memory BIO and sends them only on BIO_flush. */
struct lazy {
    BIO *inner;
    BIO *pending;
    int flushes;
};

static int lazy_write(BIO *b, const char *in, int inl)
{
    struct lazy *l = BIO_get_data(b);

    BIO_clear_retry_flags(b);
    return BIO_write(l->pending, in, inl);
}

static int lazy_read(BIO *b, char *out, int outl)
{
    struct lazy *l = BIO_get_data(b);
    int n;

    BIO_clear_retry_flags(b);
    n = BIO_read(l->inner, out, outl);
    if (n <= 0 && BIO_should_retry(l->inner))
        BIO_set_retry_read(b);
    return n;
}

static long lazy_ctrl(BIO *b, int cmd, long larg, void *parg)
{
    struct lazy *l = BIO_get_data(b);
    char chunk[4096];
    int n;

    (void)larg;
    (void)parg;
    if (cmd != BIO_CTRL_FLUSH)
        return 0;
    l->flushes++;
    while ((n = BIO_read(l->pending, chunk, sizeof(chunk))) > 0) {
        if (BIO_write(l->inner, chunk, n) != n)
            return 0;
    }
    return 1;
}

/* A handshake and data both ways with the client's transport being
 * custom; the server has the plain other half of the pair. */
static int handshake_over_custom(int version, BIO_METHOD *meth, void *data, BIO *client_pair_end,
                                 BIO *server_pair_end)
{
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, version, version);
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL *c = NULL;
    SSL *s = NULL;
    BIO *custom = BIO_new(meth);
    struct side cr;
    struct side sr;
    char buf[16];
    int i;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL && custom != NULL);
    BIO_set_data(custom, data);
    BIO_set_init(custom, 1);
    CHECK((c = SSL_new(cctx)) != NULL && (s = SSL_new(sctx)) != NULL);
    SSL_set_bio(c, custom, custom);
    custom = NULL;
    SSL_set_bio(s, server_pair_end, server_pair_end);
    server_pair_end = NULL;
    (void)client_pair_end;
    CHECK(drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK_INT(SSL_version(c), ==, version);
    for (i = 0; i < 10; i++) {
        int n = SSL_write(c, "custom", 6);

        if (n == 6)
            break;
        CHECK(SSL_get_error(c, n) == SSL_ERROR_WANT_WRITE);
    }
    CHECK(i < 10);
    /* Application data waits in a buffering BIO until the application
     * flushes it, as in OpenSSL; a flush that has nothing to do is fine. */
    CHECK_INT(BIO_flush(SSL_get_wbio(c)), ==, 1);
    for (i = 0; i < 10; i++) {
        int n = SSL_read(s, buf, sizeof(buf));

        if (n > 0) {
            CHECK_INT(n, ==, 6);
            CHECK(memcmp(buf, "custom", 6) == 0);
            break;
        }
    }
    CHECK(i < 10);
    ok = 1;
out:
    BIO_free(custom);
    BIO_free(server_pair_end);
    free_pair(c, s, cctx, sctx);
    return ok;
}

static int custom_bio_retries(int version)
{
    BIO_METHOD *meth = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "flaky");
    BIO *a = NULL;
    BIO *b = NULL;
    int ok = 0;

    CHECK(meth != NULL);
    CHECK(BIO_meth_set_read(meth, flaky_read) == 1);
    CHECK(BIO_meth_set_write(meth, flaky_write) == 1);
    CHECK(BIO_meth_set_ctrl(meth, passthrough_ctrl) == 1);
    CHECK(BIO_meth_get_read(meth) == flaky_read);
    CHECK(BIO_new_bio_pair(&a, 0, &b, 0));
    flaky_calls = 0;
    ok = handshake_over_custom(version, meth, a, a, b);
    b = NULL;
    CHECK(flaky_calls > 10);
out:
    BIO_free(a);
    BIO_free(b);
    BIO_meth_free(meth);
    return ok;
}

static int custom_retries_tls12(void)
{
    return custom_bio_retries(TLS1_2_VERSION);
}

static int custom_retries_tls13(void)
{
    return custom_bio_retries(TLS1_3_VERSION);
}

static int custom_bio_sends_on_flush(int version)
{
    BIO_METHOD *meth = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "lazy");
    struct lazy l = {NULL, NULL, 0};
    BIO *b = NULL;
    int ok = 0;

    CHECK(meth != NULL);
    CHECK(BIO_meth_set_read(meth, lazy_read) && BIO_meth_set_write(meth, lazy_write) &&
          BIO_meth_set_ctrl(meth, lazy_ctrl));
    CHECK((l.pending = BIO_new(BIO_s_mem())) != NULL);
    CHECK(BIO_new_bio_pair(&l.inner, 0, &b, 0));
    ok = handshake_over_custom(version, meth, &l, l.inner, b);
    b = NULL;
    /* Each flight was flushed; nothing was left behind. */
    CHECK_INT(l.flushes, >, 0);
    CHECK_INT(BIO_pending(l.pending), ==, 0);
out:
    BIO_free(l.inner);
    BIO_free(l.pending);
    BIO_free(b);
    BIO_meth_free(meth);
    return ok;
}

static int custom_flush_tls12(void)
{
    return custom_bio_sends_on_flush(TLS1_2_VERSION);
}

static int custom_flush_tls13(void)
{
    return custom_bio_sends_on_flush(TLS1_3_VERSION);
}

/* ---- A tiny BIO pair ---------------------------------------------------------------- */

/* 512 bytes, far below one record. (OpenSSL 3.0 itself stalls in this
 * write-then-read pattern with 256 bytes or less.) */

static int tiny_pair(void)
{
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, 0, 0);
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL *c = NULL;
    SSL *s = NULL;
    BIO *a = NULL;
    BIO *b = NULL;
    static unsigned char data[50000];
    static unsigned char got[50000];
    size_t sent = 0;
    size_t received = 0;
    int rounds;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL && BIO_new_bio_pair(&a, 512, &b, 512));
    CHECK((c = SSL_new(cctx)) != NULL && (s = SSL_new(sctx)) != NULL);
    SSL_set_bio(c, a, a);
    SSL_set_bio(s, b, b);
    /* The handshake runs inside the first writes and reads: OpenSSL's
     * client may call it done while part of its last flight still waits
     * in its own buffer for the next write. */
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    for (rounds = 0; received < sizeof(data) && rounds < 100000; rounds++) {
        int n;

        if (sent < sizeof(data)) {
            n = SSL_write(c, data + sent, (int)(sizeof(data) - sent));
            if (n > 0)
                sent += (size_t)n;
            else
                CHECK(SSL_get_error(c, n) == SSL_ERROR_WANT_WRITE ||
                      SSL_get_error(c, n) == SSL_ERROR_WANT_READ);
        }
        n = SSL_read(s, got + received, (int)(sizeof(got) - received));
        if (n > 0)
            received += (size_t)n;
        else
            CHECK(SSL_get_error(s, n) == SSL_ERROR_WANT_READ ||
                  SSL_get_error(s, n) == SSL_ERROR_WANT_WRITE);
    }
    CHECK_INT(received, ==, sizeof(data));
    CHECK(memcmp(data, got, sizeof(data)) == 0);
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    return ok;
}

/* ---- Memory, file and null BIOs ------------------------------------------------------ */

static int memory_bios(void)
{
    BIO *mem = BIO_new(BIO_s_mem());
    BIO *sec = BIO_new(BIO_s_secmem());
    BIO *ro = BIO_new_mem_buf("one\ntwo", -1);
    BUF_MEM *bm = NULL;
    BUF_MEM *own = BUF_MEM_new();
    char line[16];
    int ok = 0;

    CHECK(mem != NULL && sec != NULL && ro != NULL && own != NULL);
    CHECK_INT(BIO_method_type(sec), ==, BIO_TYPE_MEM);
    CHECK_INT(BIO_puts(mem, "abc\ndef"), ==, 7);
    CHECK_INT(BIO_gets(mem, line, sizeof(line)), ==, 4);
    CHECK(strcmp(line, "abc\n") == 0);
    /* The buffer behind it shows what is left. */
    CHECK_INT(BIO_get_mem_ptr(mem, &bm), ==, 1);
    CHECK(bm != NULL && bm->length == 3 && memcmp(bm->data, "def", 3) == 0);
    /* An empty BIO: gets gives 0, read asks to retry. */
    CHECK_INT(BIO_read(mem, line, sizeof(line)), ==, 3);
    CHECK_INT(BIO_gets(mem, line, sizeof(line)), ==, 0);
    /* Giving the BIO a buffer of our own. */
    CHECK(BUF_MEM_grow(own, 5) == 5);
    memcpy(own->data, "12345", 5);
    CHECK_INT(BIO_set_mem_buf(mem, own, BIO_CLOSE), ==, 1);
    own = NULL;
    CHECK_INT(BIO_pending(mem), ==, 5);
    CHECK_INT(BIO_write(sec, "secret", 6), ==, 6);
    CHECK_INT(BIO_read(sec, line, sizeof(line)), ==, 6);
    /* A read-only buffer rewinds. */
    CHECK_INT(BIO_gets(ro, line, sizeof(line)), ==, 4);
    CHECK_INT(BIO_gets(ro, line, sizeof(line)), ==, 3);
    CHECK(strcmp(line, "two") == 0);
    CHECK_INT(BIO_reset(ro), ==, 1);
    CHECK_INT(BIO_pending(ro), ==, 7);
    ok = 1;
out:
    BUF_MEM_free(own);
    BIO_free(mem);
    BIO_free(sec);
    BIO_free(ro);
    return ok;
}

static int file_and_null_bios(void)
{
    char path[] = "/tmp/compat-bio-XXXXXX";
    int fd = mkstemp(path);
    BIO *w = NULL;
    BIO *r = NULL;
    BIO *n = BIO_new(BIO_s_null());
    char line[32];
    int ok = 0;

    CHECK(fd >= 0 && n != NULL);
    close(fd);
    CHECK((w = BIO_new_file(path, "w")) != NULL);
    CHECK_INT(BIO_method_type(w), ==, BIO_TYPE_FILE);
    CHECK_INT(BIO_printf(w, "line %d\n", 1), ==, 7);
    CHECK_INT(BIO_puts(w, "line 2\n"), ==, 7);
    BIO_free(w);
    w = NULL;
    CHECK((r = BIO_new(BIO_s_file())) != NULL);
    CHECK_INT(BIO_read_filename(r, path), ==, 1);
    CHECK_INT(BIO_gets(r, line, sizeof(line)), ==, 7);
    CHECK(strcmp(line, "line 1\n") == 0);
    CHECK_INT(BIO_read(r, line, sizeof(line)), ==, 7);
    CHECK_INT(BIO_read(r, line, sizeof(line)), ==, 0);
    CHECK_INT(BIO_eof(r), !=, 0);
    CHECK(BIO_new_file("/nonexistent/dir/file", "r") == NULL);
    CHECK_INT(ERR_GET_LIB(ERR_peek_error()), ==, ERR_LIB_SYS);
    CHECK_INT(ERR_GET_REASON(ERR_peek_last_error()), ==, BIO_R_NO_SUCH_FILE);
    ERR_clear_error();
    CHECK_INT(BIO_write(n, "gone", 4), ==, 4);
    CHECK_INT(BIO_puts(n, "gone"), ==, 4);
    CHECK_INT(BIO_read(n, line, sizeof(line)), ==, 0);
    ok = 1;
out:
    BIO_free(w);
    BIO_free(r);
    BIO_free(n);
    unlink(path);
    return ok;
}

static int formatting(void)
{
    char buf[8];
    int ok = 0;

    CHECK_INT(BIO_snprintf(buf, sizeof(buf), "%s", "abc"), ==, 3);
    CHECK(strcmp(buf, "abc") == 0);
    /* Truncated: -1, unlike C's snprintf. */
    CHECK_INT(BIO_snprintf(buf, sizeof(buf), "%s", "abcdefghij"), ==, -1);
    ok = 1;
out:
    return ok;
}

/* ---- Callbacks and application data ---------------------------------------------------- */

static int callback_calls;
static int callback_saw_return;

static long record_callback(BIO *b, int oper, const char *argp, size_t len, int argi, long argl,
                            int ret, size_t *processed)
{
    (void)argp;
    (void)len;
    (void)argi;
    (void)argl;
    if (BIO_get_callback_arg(b) == NULL || strcmp(BIO_get_callback_arg(b), "tag") != 0)
        return -1;
    callback_calls++;
    if (oper == (BIO_CB_WRITE | BIO_CB_RETURN) && processed != NULL && *processed == 5)
        callback_saw_return = 1;
    return ret;
}

static int freed_value;

static void ex_free(void *parent, void *ptr, CRYPTO_EX_DATA *ad, int idx, long argl, void *argp)
{
    (void)parent;
    (void)ad;
    (void)idx;
    (void)argl;
    (void)argp;
    if (ptr != NULL)
        freed_value = *(int *)ptr;
}

static int callbacks_and_ex_data(void)
{
    static int value = 77;
    static char tag[] = "tag";
    BIO *mem = BIO_new(BIO_s_mem());
    int idx = BIO_get_ex_new_index(0, NULL, NULL, NULL, ex_free);
    int ok = 0;

    CHECK(mem != NULL && idx > 0);
    BIO_set_callback_arg(mem, tag);
    BIO_set_callback_ex(mem, record_callback);
    CHECK(BIO_get_callback_ex(mem) == record_callback);
    callback_calls = callback_saw_return = 0;
    CHECK_INT(BIO_write(mem, "hello", 5), ==, 5);
    CHECK_INT(callback_calls, ==, 2);
    CHECK_INT(callback_saw_return, ==, 1);
    CHECK_INT(BIO_set_ex_data(mem, idx, &value), ==, 1);
    CHECK(BIO_get_ex_data(mem, idx) == &value);
    freed_value = 0;
    BIO_set_callback_ex(mem, NULL);
    BIO_free(mem);
    mem = NULL;
    CHECK_INT(freed_value, ==, 77);
    ok = 1;
out:
    BIO_free(mem);
    return ok;
}

/* An old-style callback that records what it saw and trims every read
 * count by one, to show that its return value replaces the count. */
struct old_call {
    int oper;
    int argi;
    long ret;
};
static struct old_call old_calls[16];
static int old_call_count;

static long trimming_old_callback(BIO *b, int oper, const char *argp, int argi, long argl, long ret)
{
    (void)b;
    (void)argp;
    (void)argl;
    if (old_call_count < 16)
        old_calls[old_call_count++] = (struct old_call){oper, argi, ret};
    if (oper == (BIO_CB_READ | BIO_CB_RETURN) && ret > 1)
        return ret - 1;
    return ret;
}

/* Old-style callbacks: argi carries lengths, ret carries counts, and a new-style
 * callback takes precedence when both are set. */
static int old_style_callbacks(void)
{
    static const struct old_call expected[] = {
        {BIO_CB_WRITE, 6, 1},
        {BIO_CB_WRITE | BIO_CB_RETURN, 6, 6},
        {BIO_CB_READ, 4, 1},
        {BIO_CB_READ | BIO_CB_RETURN, 4, 4},
        {BIO_CB_PUTS, 0, 1},
        {BIO_CB_PUTS | BIO_CB_RETURN, 0, 2},
        {BIO_CB_GETS, 10, 1},
        {BIO_CB_GETS | BIO_CB_RETURN, 10, 4},
        {BIO_CB_CTRL, BIO_CTRL_PENDING, 1},
        {BIO_CB_CTRL | BIO_CB_RETURN, BIO_CTRL_PENDING, 0},
    };
    static char tag[] = "tag";
    BIO *mem = BIO_new(BIO_s_mem());
    char buf[16];
    size_t i;
    int ok = 0;

    CHECK(mem != NULL);
    old_call_count = 0;
    BIO_set_callback(mem, trimming_old_callback);
    CHECK(BIO_get_callback(mem) == trimming_old_callback);
    CHECK_INT(BIO_write(mem, "abcdef", 6), ==, 6);
    /* Four bytes read, three reported: the callback's count wins. */
    CHECK_INT(BIO_read(mem, buf, 4), ==, 3);
    CHECK_INT(BIO_puts(mem, "xy"), ==, 2);
    CHECK_INT(BIO_gets(mem, buf, 10), ==, 4);
    CHECK(memcmp(buf, "efxy", 4) == 0);
    CHECK_INT(BIO_ctrl_pending(mem), ==, 0);
    CHECK_INT(old_call_count, ==, (int)(sizeof(expected) / sizeof(expected[0])));
    for (i = 0; i < sizeof(expected) / sizeof(expected[0]); i++) {
        CHECK_INT(old_calls[i].oper, ==, expected[i].oper);
        CHECK_INT(old_calls[i].argi, ==, expected[i].argi);
        CHECK_INT(old_calls[i].ret, ==, expected[i].ret);
    }
    BIO_set_callback_arg(mem, tag);
    BIO_set_callback_ex(mem, record_callback);
    callback_calls = 0;
    old_call_count = 0;
    CHECK_INT(BIO_write(mem, "z", 1), ==, 1);
    CHECK_INT(callback_calls, ==, 2);
    CHECK_INT(old_call_count, ==, 0);
    BIO_set_callback_ex(mem, NULL);
    BIO_set_callback(mem, NULL);
    ok = 1;
out:
    BIO_free(mem);
    return ok;
}

/* Appends "BIO[address]: " and the rest to an expected trace. */
static void expect_line(BIO *expected, const BIO *b, const char *rest)
{
    BIO_printf(expected, "BIO[%p]: %s\n", (const void *)b, rest);
}

/* BIO_debug_callback's lines, as OpenSSL 3.0 writes them, for a memory BIO,
 * a filter and a descriptor BIO, with both callback styles. */
static int debug_callback_lines(void)
{
    BIO *trace = BIO_new(BIO_s_mem());
    BIO *expected = BIO_new(BIO_s_mem());
    BIO *mem = BIO_new(BIO_s_mem());
    BIO *filter = BIO_new(BIO_f_buffer());
    BIO *sink = BIO_new(BIO_s_null());
    BIO *fd_bio = NULL;
    int fds[2] = {-1, -1};
    char buf[64];
    char *got;
    char *want;
    long got_len;
    long want_len;
    int ok = 0;

    CHECK(trace != NULL && expected != NULL && mem != NULL && filter != NULL && sink != NULL);
    CHECK(pipe(fds) == 0);
    fd_bio = BIO_new_fd(fds[1], BIO_NOCLOSE);
    CHECK(fd_bio != NULL);

    BIO_set_callback(mem, BIO_debug_callback);
    BIO_set_callback_arg(mem, (char *)trace);
    CHECK_INT(BIO_write(mem, "hello\n", 6), ==, 6);
    CHECK_INT(BIO_puts(mem, "x\n"), ==, 2);
    CHECK_INT(BIO_gets(mem, buf, sizeof(buf)), ==, 6);
    CHECK_INT(BIO_read(mem, buf, 3), ==, 2);
    CHECK_INT(BIO_read(mem, buf, 30), ==, -1);
    CHECK_INT(BIO_ctrl_pending(mem), ==, 0);
    expect_line(expected, mem, "write(-1,6) - memory buffer");
    expect_line(expected, mem, "write return 1 processed: 6");
    expect_line(expected, mem, "puts() - memory buffer");
    expect_line(expected, mem, "puts return 1 processed: 2");
    expect_line(expected, mem, "gets(64) - memory buffer");
    expect_line(expected, mem, "gets return 1 processed: 6");
    expect_line(expected, mem, "read(-1,3) - memory buffer");
    expect_line(expected, mem, "read return 1 processed: 2");
    expect_line(expected, mem, "read(-1,30) - memory buffer");
    expect_line(expected, mem, "read return -1 processed: 0");
    expect_line(expected, mem, "ctrl(10) - memory buffer");
    expect_line(expected, mem, "ctrl return 0");

    BIO_set_callback_ex(filter, BIO_debug_callback_ex);
    BIO_set_callback_arg(filter, (char *)trace);
    CHECK(BIO_push(filter, sink) == filter);
    CHECK_INT(BIO_write(filter, "ab", 2), ==, 2);
    CHECK_INT(BIO_flush(filter), ==, 1);
    expect_line(expected, filter, "ctrl(6) - buffer");
    expect_line(expected, filter, "ctrl return 0");
    expect_line(expected, filter, "write(0,2) - buffer");
    expect_line(expected, filter, "write return 1 processed: 2");
    expect_line(expected, filter, "ctrl(11) - buffer");
    expect_line(expected, filter, "ctrl return 1");

    BIO_set_callback(fd_bio, BIO_debug_callback);
    BIO_set_callback_arg(fd_bio, (char *)trace);
    CHECK_INT(BIO_write(fd_bio, "hi", 2), ==, 2);
    BIO_snprintf(buf, sizeof(buf), "write(%d,2) - file descriptor fd=%d", fds[1], fds[1]);
    expect_line(expected, fd_bio, buf);
    expect_line(expected, fd_bio, "write return 1 processed: 2");

    /* Operations a callback does not know by name, and the free. */
    CHECK_INT(BIO_debug_callback(mem, 0x55, NULL, 1, 2, 7), ==, 7);
    CHECK_INT(BIO_debug_callback(mem, BIO_CB_CTRL | BIO_CB_RETURN, NULL, 1, 2, 7), ==, 7);
    CHECK_INT(BIO_debug_callback_ex(mem, BIO_CB_WRITE | BIO_CB_RETURN, NULL, 4, 1, 2, 1, NULL), ==,
              1);
    expect_line(expected, mem, "bio callback - unknown type (85)");
    expect_line(expected, mem, "ctrl return 1");
    expect_line(expected, mem, "write return 1 processed: 0");
    expect_line(expected, mem, "Free - memory buffer");
    BIO_free(mem);
    mem = NULL;

    got_len = BIO_get_mem_data(trace, &got);
    want_len = BIO_get_mem_data(expected, &want);
    if (got_len != want_len || memcmp(got, want, (size_t)want_len) != 0)
        fprintf(stderr, "trace:\n%.*s\nexpected:\n%.*s\n", (int)got_len, got, (int)want_len, want);
    CHECK_INT(got_len, ==, want_len);
    CHECK(memcmp(got, want, (size_t)want_len) == 0);
    ok = 1;
out:
    BIO_free(mem);
    BIO_free(filter);
    BIO_free(sink);
    BIO_free(fd_bio);
    if (fds[0] >= 0)
        close(fds[0]);
    if (fds[1] >= 0)
        close(fds[1]);
    BIO_free(trace);
    BIO_free(expected);
    return ok;
}

static int custom_create_calls;
static int custom_destroy_calls;

static int counting_create(BIO *b)
{
    custom_create_calls++;
    BIO_set_init(b, 1);
    return 1;
}

static int counting_destroy(BIO *b)
{
    (void)b;
    custom_destroy_calls++;
    return 1;
}

static int upper_puts(BIO *b, const char *str)
{
    (void)b;
    return (int)strlen(str) * 2;
}

static int fixed_gets(BIO *b, char *buf, int size)
{
    (void)b;
    return BIO_snprintf(buf, (size_t)size, "line\n");
}

static long noisy_callback_ctrl(BIO *b, int cmd, BIO_info_cb *fp)
{
    (void)b;
    return cmd == BIO_CTRL_SET_CALLBACK && fp != NULL ? 7 : 0;
}

static int info_cb(BIO *b, int state, int res)
{
    (void)b;
    (void)state;
    return res;
}

/* The rest of the API a custom BIO or a legacy program touches. */
static int odds_and_ends(void)
{
    BIO_METHOD *meth = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "odds");
    BIO *custom = NULL;
    BIO *buf = BIO_new(BIO_f_buffer());
    BIO *fp_bio = NULL;
    BIO *file = NULL;
    char path[] = "/tmp/compat-odds-XXXXXX";
    char line[16];
    int fd = mkstemp(path);
    int pair[2] = {-1, -1};
    int ok = 0;

    CHECK(meth != NULL && buf != NULL && fd >= 0);
    CHECK(BIO_meth_set_create(meth, counting_create) && BIO_meth_set_destroy(meth, counting_destroy));
    CHECK(BIO_meth_set_puts(meth, upper_puts) && BIO_meth_set_gets(meth, fixed_gets));
    CHECK(BIO_meth_set_callback_ctrl(meth, noisy_callback_ctrl));
    CHECK(BIO_meth_get_create(meth) == counting_create);
    CHECK(BIO_meth_get_destroy(meth) == counting_destroy);
    CHECK(BIO_meth_get_puts(meth) == upper_puts && BIO_meth_get_gets(meth) == fixed_gets);
    CHECK(BIO_meth_get_callback_ctrl(meth) == noisy_callback_ctrl);
    custom_create_calls = custom_destroy_calls = 0;
    CHECK((custom = BIO_new(meth)) != NULL);
    CHECK_INT(custom_create_calls, ==, 1);
    CHECK_INT(BIO_get_init(custom), ==, 1);
    CHECK_INT(BIO_get_shutdown(custom), ==, 1);
    BIO_set_shutdown(custom, 0);
    CHECK_INT(BIO_get_shutdown(custom), ==, 0);
    CHECK_INT(BIO_puts(custom, "abc"), ==, 6);
    CHECK_INT(BIO_gets(custom, line, sizeof(line)), ==, 5);
    CHECK_INT(BIO_set_info_callback(custom, info_cb), ==, 7);
    /* No read in this method: OpenSSL's -2. */
    CHECK_INT(BIO_read(custom, line, 1), ==, -2);
    ERR_clear_error();
    BIO_free(custom);
    custom = NULL;
    CHECK_INT(custom_destroy_calls, ==, 1);
    /* Buffer sizes. */
    CHECK_INT(BIO_set_read_buffer_size(buf, 10000), ==, 1);
    CHECK_INT(BIO_set_write_buffer_size(buf, 10000), ==, 1);
    /* Files by FILE pointer, appended to, read and written. */
    close(fd);
    CHECK((fp_bio = BIO_new_fp(fdopen(dup(STDERR_FILENO), "w"), BIO_CLOSE)) != NULL);
    CHECK((file = BIO_new(BIO_s_file())) != NULL);
    CHECK_INT(BIO_write_filename(file, path), ==, 1);
    CHECK_INT(BIO_puts(file, "first\n"), ==, 6);
    CHECK_INT(BIO_append_filename(file, path), ==, 1);
    CHECK_INT(BIO_puts(file, "second\n"), ==, 7);
    CHECK_INT(BIO_rw_filename(file, path), ==, 1);
    CHECK_INT(BIO_read(file, line, sizeof(line)), ==, 13);
    CHECK(memcmp(line, "first\nsecond\n", 13) == 0);
    /* A socket made non-blocking by hand. */
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, pair) == 0);
    CHECK_INT(BIO_socket_nbio(pair[0], 1), ==, 1);
    CHECK_INT(read(pair[0], line, 1), ==, -1);
    ok = 1;
out:
    BIO_free(custom);
    BIO_free(buf);
    BIO_free(fp_bio);
    BIO_free(file);
    BIO_meth_free(meth);
    if (pair[0] >= 0)
        close(pair[0]);
    if (pair[1] >= 0)
        close(pair[1]);
    unlink(path);
    return ok;
}

/* SSL BIO settings and a connect BIO given an address. */
static int ssl_bio_settings_and_address(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    BIO *ssl_bio = NULL;
    BIO *conn = BIO_new(BIO_s_connect());
    BIO_ADDR *addr = BIO_ADDR_new();
    SSL *ssl = NULL;
    unsigned char loopback[4] = {127, 0, 0, 1};
    int lfd = -1;
    int sfd = -1;
    int port;
    int ok = 0;

    CHECK(ctx != NULL && conn != NULL && addr != NULL);
    CHECK((ssl_bio = BIO_new_ssl(ctx, 0)) != NULL);
    CHECK_INT(BIO_get_ssl(ssl_bio, &ssl), ==, 1);
    CHECK_INT(SSL_is_server(ssl), ==, 1);
    CHECK_INT(BIO_set_ssl_mode(ssl_bio, 1), ==, 1);
    CHECK_INT(SSL_is_server(ssl), ==, 0);
    CHECK_INT(BIO_set_ssl_renegotiate_bytes(ssl_bio, 1 << 20), ==, 0);
    CHECK_INT(BIO_get_num_renegotiates(ssl_bio), ==, 0);
    CHECK((lfd = tcp_listen_loopback(&port)) >= 0);
    CHECK_INT(BIO_ADDR_rawmake(addr, AF_INET, loopback, 4, htons((unsigned short)port)), ==, 1);
    CHECK_INT(BIO_ADDR_family(addr), ==, AF_INET);
    CHECK_INT(BIO_ADDR_rawport(addr), ==, htons((unsigned short)port));
    CHECK_INT(BIO_set_conn_address(conn, addr), ==, 1);
    CHECK_INT(BIO_do_connect(conn), ==, 1);
    CHECK((sfd = accept(lfd, NULL, NULL)) >= 0);
    ok = 1;
out:
    BIO_free_all(ssl_bio);
    BIO_free(conn);
    BIO_ADDR_free(addr);
    SSL_CTX_free(ctx);
    ERR_clear_error();
    if (sfd >= 0)
        close(sfd);
    if (lfd >= 0)
        close(lfd);
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"chains: push, pop, find, copy, free_all", chains},
        {"the BIO that asked to retry", retry_bio},
        {"buffer: a line arriving in pieces", buffered_lines},
        {"buffer: writes collected until flush", buffered_writes},
        {"custom BIO retrying every other call, TLS 1.2", custom_retries_tls12},
        {"custom BIO retrying every other call, TLS 1.3", custom_retries_tls13},
        {"custom BIO sending only on flush, TLS 1.2", custom_flush_tls12},
        {"custom BIO sending only on flush, TLS 1.3", custom_flush_tls13},
        {"a BIO pair of 512 bytes", tiny_pair},
        {"memory BIOs", memory_bios},
        {"file and null BIOs", file_and_null_bios},
        {"BIO_snprintf", formatting},
        {"callbacks and application data", callbacks_and_ex_data},
        {"old-style callbacks", old_style_callbacks},
        {"BIO_debug_callback's lines", debug_callback_lines},
        {"the rest of the custom-BIO and file API", odds_and_ends},
        {"SSL BIO settings, connect BIO given an address", ssl_bio_settings_and_address},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
