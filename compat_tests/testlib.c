/* SPDX-License-Identifier: Apache-2.0 */
#define _POSIX_C_SOURCE 200809L

#include "testlib.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/pem.h>
#include <openssl/x509.h>

/* A test that hangs is a failed test. */
#define TEST_TIMEOUT_SECONDS 60
#define DRIVE_MAX_TURNS 1000

static const char *cert_dir = ".";
static int reported;

void test_report(const char *file, int line, const char *what, const char *detail)
{
    fprintf(stderr, "  %s:%d: check failed: %s %s\n", file, line, what, detail);
    drain_errors("  error queue");
    reported = 1;
}

int test_main(int argc, char **argv, const struct test_case *cases, size_t n)
{
    size_t passed = 0;
    size_t failed = 0;
    size_t i;

    if (argc > 1)
        cert_dir = argv[1];
    alarm(TEST_TIMEOUT_SECONDS);
    /* A peer that vanished must show up as an error, not kill the test. */
    signal(SIGPIPE, SIG_IGN);
    OPENSSL_init_ssl(0, NULL);
    for (i = 0; i < n; i++) {
        int ok;

        reported = 0;
        ERR_clear_error();
        ok = cases[i].run();
        if (ok && !reported) {
            passed++;
            printf("ok   %s\n", cases[i].name);
        } else {
            failed++;
            printf("FAIL %s\n", cases[i].name);
        }
        fflush(stdout);
    }
    printf("%zu passed, %zu failed\n", passed, failed);
    return failed == 0 && passed > 0 ? 0 : 1;
}

const char *cert_path(const char *name)
{
    static char paths[8][512];
    static unsigned int next;
    char *p = paths[next++ % 8];

    snprintf(p, sizeof(paths[0]), "%s/%s", cert_dir, name);
    return p;
}

void drain_errors(const char *label)
{
    unsigned long e;

    while ((e = ERR_get_error()) != 0) {
        char buf[256];

        ERR_error_string_n(e, buf, sizeof(buf));
        fprintf(stderr, "%s: %s\n", label, buf);
    }
}

#if defined(OPENSSL_COMPAT_NO_FILES)
/* A library built without files: the test reads the PEM file itself and
 * hands the library memory, as firmware does. */
static BIO *pem_in_memory(const char *name)
{
    FILE *f = fopen(cert_path(name), "rb");
    BIO *mem = BIO_new(BIO_s_mem());
    char buf[4096];
    size_t n;

    if (f == NULL || mem == NULL) {
        if (f != NULL)
            fclose(f);
        BIO_free(mem);
        return NULL;
    }
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
        if (BIO_write(mem, buf, (int)n) != (int)n) {
            BIO_free(mem);
            mem = NULL;
            break;
        }
    }
    fclose(f);
    return mem;
}

/* Reading PEM blocks until the input ends queues PEM_R_NO_START_LINE;
 * the file readers clear it, and so does this. */
static void clear_end_of_pem(void)
{
    unsigned long e = ERR_peek_last_error();

    if (ERR_GET_LIB(e) == ERR_LIB_PEM && ERR_GET_REASON(e) == PEM_R_NO_START_LINE)
        ERR_clear_error();
}

static int load_chain(SSL_CTX *ctx, const char *name)
{
    BIO *in = pem_in_memory(name);
    X509 *x = in != NULL ? PEM_read_bio_X509(in, NULL, NULL, NULL) : NULL;
    int ok = x != NULL && SSL_CTX_use_certificate(ctx, x) == 1;

    X509_free(x);
    while (ok && (x = PEM_read_bio_X509(in, NULL, NULL, NULL)) != NULL) {
        if (SSL_CTX_add0_chain_cert(ctx, x) != 1) {
            X509_free(x);
            ok = 0;
        }
    }
    if (ok)
        clear_end_of_pem();
    BIO_free(in);
    return ok;
}

static int load_key(SSL_CTX *ctx, const char *name)
{
    BIO *in = pem_in_memory(name);
    EVP_PKEY *key = in != NULL ? PEM_read_bio_PrivateKey(in, NULL, NULL, NULL) : NULL;
    int ok = key != NULL && SSL_CTX_use_PrivateKey(ctx, key) == 1;

    EVP_PKEY_free(key);
    BIO_free(in);
    return ok;
}

static int load_cas(SSL_CTX *ctx, const char *name)
{
    BIO *in = pem_in_memory(name);
    X509_STORE *store = SSL_CTX_get_cert_store(ctx);
    X509 *x;
    int count = 0;

    while (in != NULL && (x = PEM_read_bio_X509(in, NULL, NULL, NULL)) != NULL) {
        if (X509_STORE_add_cert(store, x) == 1)
            count++;
        X509_free(x);
    }
    if (count > 0)
        clear_end_of_pem();
    BIO_free(in);
    return count > 0;
}

BIO *cert_file_bio(const char *name)
{
    return pem_in_memory(name);
}
#else
BIO *cert_file_bio(const char *name)
{
    return BIO_new_file(cert_path(name), "r");
}

static int load_chain(SSL_CTX *ctx, const char *name)
{
    return SSL_CTX_use_certificate_chain_file(ctx, cert_path(name));
}

static int load_key(SSL_CTX *ctx, const char *name)
{
    return SSL_CTX_use_PrivateKey_file(ctx, cert_path(name), SSL_FILETYPE_PEM);
}

static int load_cas(SSL_CTX *ctx, const char *name)
{
    return SSL_CTX_load_verify_locations(ctx, cert_path(name), NULL);
}
#endif

int load_identity(SSL_CTX *ctx, const char *chain, const char *key)
{
    return load_chain(ctx, chain) == 1 && load_key(ctx, key) == 1;
}

int load_trust(SSL_CTX *ctx, const char *cafile)
{
    return load_cas(ctx, cafile) == 1;
}

SSL_CTX *server_ctx(const char *chain, const char *key, int min_version, int max_version)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL)
        return NULL;
    if (load_chain(ctx, chain) != 1 || load_key(ctx, key) != 1 ||
        SSL_CTX_set_min_proto_version(ctx, min_version) != 1 ||
        SSL_CTX_set_max_proto_version(ctx, max_version) != 1) {
        drain_errors("server_ctx");
        SSL_CTX_free(ctx);
        return NULL;
    }
    return ctx;
}

SSL_CTX *client_ctx(const char *cafile, int verify_mode, int min_version, int max_version)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());

    if (ctx == NULL)
        return NULL;
    if ((cafile != NULL && load_cas(ctx, cafile) != 1) ||
        SSL_CTX_set_min_proto_version(ctx, min_version) != 1 ||
        SSL_CTX_set_max_proto_version(ctx, max_version) != 1) {
        drain_errors("client_ctx");
        SSL_CTX_free(ctx);
        return NULL;
    }
    SSL_CTX_set_verify(ctx, verify_mode, NULL);
    return ctx;
}

size_t move_bytes(BIO *from, BIO *to)
{
    char buf[4096];
    size_t total = 0;
    int n;

    while ((n = BIO_read(from, buf, sizeof(buf))) > 0) {
        if (BIO_write(to, buf, n) != n)
            break;
        total += (size_t)n;
    }
    return total;
}

/* One call on one side; returns 1 when the side is finished (done or
 * failed), 0 when it wants to be called again. */
static int drive_step(SSL *s, hs_call call, struct side *r, int *bad)
{
    r->ret = call(s);
    r->err = SSL_get_error(s, r->ret);
    if (r->ret == 1)
        return 1;
    if (r->err == SSL_ERROR_WANT_READ || r->err == SSL_ERROR_WANT_WRITE) {
        /* OpenSSL: a call that needs I/O returns -1, never 0. */
        if (r->ret != -1)
            *bad = 1;
        r->wants++;
        return 0;
    }
    /* Failed. The error queue is shared by both sides of this process:
     * keep this side's first entry and clear it for the other side. */
    r->code = ERR_peek_error();
    drain_errors(SSL_is_server(s) ? "server" : "client");
    return 1;
}

int drive_handshake(SSL *client, hs_call client_call, struct side *cr, SSL *server,
                    hs_call server_call, struct side *sr, void (*pump)(void *), void *pump_arg)
{
    int client_finished = 0;
    int server_finished = 0;
    int bad = 0;
    int grace = 0;
    int turn;

    memset(cr, 0, sizeof(*cr));
    memset(sr, 0, sizeof(*sr));
    for (turn = 0; turn < DRIVE_MAX_TURNS && !(client_finished && server_finished); turn++) {
        if (!client_finished)
            client_finished = drive_step(client, client_call, cr, &bad);
        if (pump != NULL)
            pump(pump_arg);
        if (!server_finished)
            server_finished = drive_step(server, server_call, sr, &bad);
        if (pump != NULL)
            pump(pump_arg);
        /* Once one side failed, the other gets a few turns to see it. */
        if (((client_finished && cr->ret != 1) || (server_finished && sr->ret != 1)) &&
            ++grace > 8)
            break;
    }
    if (bad) {
        fprintf(stderr, "  a WANT_* came with a return value other than -1\n");
        return 0;
    }
    return cr->ret == 1 && sr->ret == 1;
}

int hs_connect(SSL *s)
{
    return SSL_connect(s);
}

int hs_accept(SSL *s)
{
    return SSL_accept(s);
}

int hs_do_handshake(SSL *s)
{
    return SSL_do_handshake(s);
}

void free_pair(SSL *client, SSL *server, SSL_CTX *client_ctx, SSL_CTX *server_ctx)
{
    SSL_free(client);
    SSL_free(server);
    SSL_CTX_free(client_ctx);
    SSL_CTX_free(server_ctx);
}

int make_pair(SSL_CTX *cctx, SSL_CTX *sctx, SSL **client, SSL **server)
{
    BIO *cb = NULL;
    BIO *sb = NULL;

    *client = SSL_new(cctx);
    *server = SSL_new(sctx);
    if (*client == NULL || *server == NULL || !BIO_new_bio_pair(&cb, 0, &sb, 0)) {
        SSL_free(*client);
        SSL_free(*server);
        *client = *server = NULL;
        return 0;
    }
    SSL_set_bio(*client, cb, cb);
    SSL_set_bio(*server, sb, sb);
    return 1;
}

int set_nonblocking(int fd)
{
    int flags = fcntl(fd, F_GETFL);

    return flags >= 0 && fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
}

int tcp_listen_loopback(int *port)
{
    struct sockaddr_in addr;
    socklen_t len = sizeof(addr);
    int one = 1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0 || listen(fd, 8) != 0 ||
        getsockname(fd, (struct sockaddr *)&addr, &len) != 0) {
        close(fd);
        return -1;
    }
    *port = ntohs(addr.sin_port);
    return fd;
}

int tcp_connect_loopback(int port, int nonblocking)
{
    struct sockaddr_in addr;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    if (nonblocking && !set_nonblocking(fd)) {
        close(fd);
        return -1;
    }
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons((unsigned short)port);
    if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0 && errno != EINPROGRESS) {
        close(fd);
        return -1;
    }
    return fd;
}
