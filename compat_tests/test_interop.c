/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Interoperation with the openssl command over loopback: our client against
 * `openssl s_server`, and `openssl s_client` against our server, for TLS 1.2
 * and TLS 1.3, with certificate and host name verification, ALPN, virtual
 * hosts, key logs that match s_server's, resumption, every suite and group
 * once, and pre-shared keys.
 */
#define _POSIX_C_SOURCE 200809L

#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/obj_mac.h>

#include "testlib.h"

#ifndef OPENSSL_COMMAND
#define OPENSSL_COMMAND "openssl"
#endif

/* A port that was free a moment ago. */
static int free_port(void)
{
    int port = -1;
    int fd = tcp_listen_loopback(&port);

    if (fd >= 0)
        close(fd);
    return fd >= 0 ? port : -1;
}

/* Starts the openssl command with stdin from in_fd (or /dev/null) and
 * stdout and stderr into log_path. */
static pid_t spawn_openssl(char *const args[], int in_fd, const char *log_path)
{
    pid_t pid = fork();

    if (pid == 0) {
        int log = open(log_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int in = in_fd >= 0 ? in_fd : open("/dev/null", O_RDONLY);

        if (log < 0 || in < 0)
            _exit(127);
        dup2(in, 0);
        dup2(log, 1);
        dup2(log, 2);
        execvp(OPENSSL_COMMAND, args);
        _exit(127);
    }
    return pid;
}

/* Starts s_server with args (args[3] is port_arg, filled in here) on a
 * free port, its output into log_path (a mkstemp template): its pid, or -1. */
static pid_t start_s_server(char *const args[], char *port_arg, size_t port_cap, char *log_path,
                            int *port)
{
    int log_fd = mkstemp(log_path);

    if (log_fd < 0)
        return -1;
    close(log_fd);
    *port = free_port();
    if (*port <= 0)
        return -1;
    snprintf(port_arg, port_cap, "127.0.0.1:%d", *port);
    return spawn_openssl(args, -1, log_path);
}

/* Connects, retrying while the server starts. */
static int connect_when_ready(int port)
{
    int tries;

    for (tries = 0; tries < 100; tries++) {
        int fd = tcp_connect_loopback(port, 0);

        if (fd >= 0)
            return fd;
        poll(NULL, 0, 50);
    }
    return -1;
}

static int read_file(const char *path, char *buf, size_t cap)
{
    int fd = open(path, O_RDONLY);
    ssize_t n;

    if (fd < 0)
        return 0;
    n = read(fd, buf, cap - 1);
    close(fd);
    buf[n > 0 ? n : 0] = '\0';
    return n > 0;
}

/* Ends a run of the openssl command (who: "s_server", "s_client"): stops
 * it, shows its output when the case failed, and removes its log. */
static void stop_openssl(pid_t pid, const char *log_path, int ok, const char *who)
{
    char said[4096];

    if (pid > 0) {
        kill(pid, SIGTERM);
        waitpid(pid, NULL, 0);
    }
    if (!ok && read_file(log_path, said, sizeof(said)))
        fprintf(stderr, "  %s said:\n%s\n", who, said);
    unlink(log_path);
}

static void close_if_open(int fd)
{
    if (fd >= 0)
        close(fd);
}

/* Our client's key log lines, to find in s_server's key log file. */
static char our_key_log[8][256];
static int our_key_log_count;

static void log_our_keys(const SSL *s, const char *line)
{
    (void)s;
    if (our_key_log_count < 8)
        snprintf(our_key_log[our_key_log_count++], sizeof(our_key_log[0]), "%s", line);
}

/* s_server also writes the secrets (its -keylogfile): the same lines.
 * TLS 1.2 has one, TLS 1.3 four traffic secrets (OpenSSL adds its
 * exporter secret). */
static int key_logs_agree(const char *path, int version)
{
    char file[4096];
    int i;

    if (!read_file(path, file, sizeof(file)) ||
        our_key_log_count < (version == TLS1_3_VERSION ? 4 : 1))
        return 0;
    for (i = 0; i < our_key_log_count; i++) {
        if (strstr(file, our_key_log[i]) == NULL)
            return 0;
    }
    return 1;
}

static int our_client_vs_s_server(int version)
{
    char port_arg[32];
    char log_path[] = "/tmp/compat-s_server-XXXXXX";
    char keys_path[] = "/tmp/compat-keylog-XXXXXX";
    const char *vflag = version == TLS1_3_VERSION ? "-tls1_3" : "-tls1_2";
    char *args[] = {"openssl", "s_server", "-accept", port_arg, "-cert", NULL, "-key", NULL,
                    "-naccept", "1", "-rev", "-alpn", "http/1.1", "-keylogfile", keys_path,
                    (char *)vflag, NULL};
    SSL_CTX *ctx = client_ctx("ca.pem", SSL_VERIFY_PEER, 0, 0);
    SSL *c = NULL;
    const unsigned char *alpn = NULL;
    unsigned int alpn_len = 0;
    pid_t server = -1;
    char reply[64];
    size_t got = 0;
    int port = -1;
    int fd = -1;
    int ok = 0;

    int keys_fd = mkstemp(keys_path);

    args[5] = (char *)cert_path("server.pem");
    args[7] = (char *)cert_path("server.key");
    CHECK(ctx != NULL && keys_fd >= 0);
    close(keys_fd);
    our_key_log_count = 0;
    SSL_CTX_set_keylog_callback(ctx, log_our_keys);
    CHECK((server = start_s_server(args, port_arg, sizeof(port_arg), log_path, &port)) > 0);
    CHECK((fd = connect_when_ready(port)) >= 0);
    CHECK((c = SSL_new(ctx)) != NULL && SSL_set_fd(c, fd) == 1);
    CHECK(SSL_set_tlsext_host_name(c, "localhost") == 1);
    CHECK(SSL_set1_host(c, "localhost") == 1);
    CHECK_INT(SSL_set_alpn_protos(c, (const unsigned char *)"\x02h2\x08http/1.1", 12), ==, 0);
    CHECK_INT(SSL_connect(c), ==, 1);
    CHECK_INT(SSL_version(c), ==, version);
    CHECK_INT(SSL_get_verify_result(c), ==, X509_V_OK);
    /* s_server -alpn picks from what the client offered. */
    SSL_get0_alpn_selected(c, &alpn, &alpn_len);
    CHECK(alpn_len == 8 && memcmp(alpn, "http/1.1", 8) == 0);
    CHECK_INT(SSL_write(c, "hello\n", 6), ==, 6);
    /* s_server -rev answers each line reversed. */
    while (got < 6) {
        int n = SSL_read(c, reply + got, (int)(sizeof(reply) - got));

        CHECK_INT(n, >, 0);
        got += (size_t)n;
    }
    CHECK(memcmp(reply, "olleh\n", 6) == 0);
    CHECK(key_logs_agree(keys_path, version));
    ok = 1;
out:
    SSL_free(c);
    SSL_CTX_free(ctx);
    close_if_open(fd);
    stop_openssl(server, log_path, ok, "s_server");
    unlink(keys_path);
    return ok;
}

/* One connection to s_server -rev: a line out, its reverse back (which
 * brings TLS 1.3 tickets along). The session afterwards, or NULL. */
static SSL_SESSION *exchange_with_s_server(SSL_CTX *ctx, int port, SSL_SESSION *resume,
                                           int *reused)
{
    SSL_SESSION *sess = NULL;
    SSL *c = NULL;
    char reply[16];
    size_t got = 0;
    int fd = connect_when_ready(port);

    if (fd < 0 || (c = SSL_new(ctx)) == NULL || SSL_set_fd(c, fd) != 1 ||
        (resume != NULL && SSL_set_session(c, resume) != 1) || SSL_connect(c) != 1 ||
        SSL_write(c, "abc\n", 4) != 4)
        goto done;
    while (got < 4) {
        int n = SSL_read(c, reply + got, (int)(sizeof(reply) - got));

        if (n <= 0)
            goto done;
        got += (size_t)n;
    }
    if (memcmp(reply, "cba\n", 4) != 0)
        goto done;
    *reused = SSL_session_reused(c);
    sess = SSL_get1_session(c);
    (void)SSL_shutdown(c);
done:
    SSL_free(c);
    if (fd >= 0)
        close(fd);
    return sess;
}

/* Our client resumes its session with s_server. */
static int resumes_with_s_server(int version)
{
    char port_arg[32];
    char log_path[] = "/tmp/compat-s_server-XXXXXX";
    const char *vflag = version == TLS1_3_VERSION ? "-tls1_3" : "-tls1_2";
    char *args[] = {"openssl", "s_server", "-accept", port_arg, "-cert", NULL, "-key", NULL,
                    "-naccept", "2", "-rev", (char *)vflag, NULL};
    SSL_CTX *ctx = client_ctx("ca.pem", SSL_VERIFY_PEER, 0, 0);
    SSL_SESSION *first = NULL;
    SSL_SESSION *second = NULL;
    pid_t server = -1;
    int port = -1;
    int reused = -1;
    int ok = 0;

    args[5] = (char *)cert_path("server.pem");
    args[7] = (char *)cert_path("server.key");
    CHECK(ctx != NULL);
    CHECK((server = start_s_server(args, port_arg, sizeof(port_arg), log_path, &port)) > 0);
    CHECK((first = exchange_with_s_server(ctx, port, NULL, &reused)) != NULL);
    CHECK_INT(reused, ==, 0);
    CHECK(SSL_SESSION_is_resumable(first));
    CHECK((second = exchange_with_s_server(ctx, port, first, &reused)) != NULL);
    CHECK_INT(reused, ==, 1);
    ok = 1;
out:
    SSL_SESSION_free(first);
    SSL_SESSION_free(second);
    SSL_CTX_free(ctx);
    stop_openssl(server, log_path, ok, "s_server");
    return ok;
}

static int resumes_with_s_server_tls12(void)
{
    return resumes_with_s_server(TLS1_2_VERSION);
}

static int resumes_with_s_server_tls13(void)
{
    return resumes_with_s_server(TLS1_3_VERSION);
}

static unsigned int device_psk(SSL *ssl, const char *hint, char *identity,
                               unsigned int max_identity_len, unsigned char *psk,
                               unsigned int max_psk_len)
{
    static const unsigned char key[16] = "0123456789abcdef";

    (void)ssl, (void)hint;
    if (max_identity_len < 10 || max_psk_len < sizeof(key))
        return 0;
    strcpy(identity, "device-17");
    memcpy(psk, key, sizeof(key));
    return sizeof(key);
}

/* One run of s_client (extra: its arguments after -connect, at most 12)
 * against our server with ctx: 1 when our SSL_accept succeeded, check
 * (if any) agreed on the connection, and s_client's output is in log. */
static int serve_s_client(SSL_CTX *ctx, char *const extra[], int (*check)(SSL *s, void *arg),
                          void *arg, char *log, size_t log_cap)
{
    char port_arg[32];
    char log_path[] = "/tmp/compat-s_client-XXXXXX";
    char *args[16] = {"openssl", "s_client", "-connect", port_arg};
    int log_fd = mkstemp(log_path);
    SSL *s = NULL;
    pid_t client = -1;
    int lfd = -1;
    int fd = -1;
    int port;
    size_t i;
    int ok = 0;

    for (i = 0; extra[i] != NULL && i + 5 < sizeof(args) / sizeof(args[0]); i++)
        args[4 + i] = extra[i];
    CHECK(log_fd >= 0);
    close(log_fd);
    CHECK((lfd = tcp_listen_loopback(&port)) >= 0);
    snprintf(port_arg, sizeof(port_arg), "127.0.0.1:%d", port);
    CHECK((client = spawn_openssl(args, -1, log_path)) > 0);
    CHECK((fd = accept(lfd, NULL, NULL)) >= 0);
    CHECK((s = SSL_new(ctx)) != NULL && SSL_set_fd(s, fd) == 1);
    CHECK_INT(SSL_accept(s), ==, 1);
    CHECK(check == NULL || check(s, arg));
    (void)SSL_shutdown(s);
    CHECK(waitpid(client, NULL, 0) == client);
    client = -1;
    CHECK(read_file(log_path, log, log_cap));
    ok = 1;
out:
    SSL_free(s);
    stop_openssl(client, log_path, ok, "s_client");
    close_if_open(fd);
    close_if_open(lfd);
    return ok;
}

/* The same key as a TLS 1.3 external PSK session (s_server's and
 * s_client's form of -psk in TLS 1.3): TLS_AES_128_GCM_SHA256. */
static SSL_SESSION *device_session(SSL *s)
{
    static const unsigned char key[16] = "0123456789abcdef";
    static const unsigned char suite[2] = {0x13, 0x01};
    SSL_SESSION *sess = SSL_SESSION_new();

    if (sess == NULL || SSL_SESSION_set1_master_key(sess, key, sizeof(key)) != 1 ||
        SSL_SESSION_set_cipher(sess, SSL_CIPHER_find(s, suite)) != 1 ||
        SSL_SESSION_set_protocol_version(sess, TLS1_3_VERSION) != 1) {
        SSL_SESSION_free(sess);
        return NULL;
    }
    return sess;
}

static int use_device_session(SSL *s, const EVP_MD *md, const unsigned char **id, size_t *idlen,
                              SSL_SESSION **sess)
{
    (void)md;
    *id = (const unsigned char *)"device-17";
    *idlen = strlen("device-17");
    *sess = device_session(s);
    return *sess != NULL;
}

static int find_device_session(SSL *s, const unsigned char *identity, size_t identity_len,
                               SSL_SESSION **sess)
{
    *sess = NULL;
    if (identity_len == strlen("device-17") && memcmp(identity, "device-17", identity_len) == 0)
        *sess = device_session(s);
    return 1;
}

/* Our client with a PSK against s_server -nocert -psk: the key of the
 * client callback, or of the session callback (TLS 1.3, with the session's
 * suite), hex on s_server's command line. */
static int psk_with_s_server(int version, int as_session)
{
    char port_arg[32];
    char log_path[] = "/tmp/compat-s_server-XXXXXX";
    const char *vflag = version == TLS1_3_VERSION ? "-tls1_3" : "-tls1_2";
    char *args[] = {"openssl", "s_server", "-accept", port_arg, "-nocert", "-psk",
                    "30313233343536373839616263646566", "-psk_identity", "device-17",
                    "-naccept", "1", "-rev", (char *)vflag, NULL};
    SSL_CTX *ctx = client_ctx(NULL, SSL_VERIFY_NONE, 0, 0);
    SSL_SESSION *sess = NULL;
    pid_t server = -1;
    int port = -1;
    int reused = -1;
    int ok = 0;

    CHECK(ctx != NULL);
    if (as_session) {
        CHECK(SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256") == 1);
        SSL_CTX_set_psk_use_session_callback(ctx, use_device_session);
    } else {
        SSL_CTX_set_psk_client_callback(ctx, device_psk);
    }
    CHECK((server = start_s_server(args, port_arg, sizeof(port_arg), log_path, &port)) > 0);
    CHECK((sess = exchange_with_s_server(ctx, port, NULL, &reused)) != NULL);
    CHECK_INT(SSL_SESSION_get_protocol_version(sess), ==, version);
    ok = 1;
out:
    SSL_SESSION_free(sess);
    SSL_CTX_free(ctx);
    stop_openssl(server, log_path, ok, "s_server");
    return ok;
}

static int psk_with_s_server_tls12(void)
{
    return psk_with_s_server(TLS1_2_VERSION, 0);
}

static int psk_with_s_server_tls13(void)
{
    return psk_with_s_server(TLS1_3_VERSION, 0);
}

static int psk_session_with_s_server(void)
{
    return psk_with_s_server(TLS1_3_VERSION, 1);
}

/* s_client -psk against our certificate-less server's session callback
 * (with the session's suite: OpenSSL's server picks the suite first). */
static int is_tls13(SSL *s, void *arg)
{
    (void)arg;
    return SSL_version(s) == TLS1_3_VERSION;
}

static int psk_session_with_s_client(void)
{
    char *args[] = {"-brief", "-tls1_3", "-psk", "30313233343536373839616263646566",
                    "-psk_identity", "device-17", "-ciphersuites", "TLS_AES_128_GCM_SHA256",
                    NULL};
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    char log[4096];
    int ok = 0;

    CHECK(ctx != NULL);
    SSL_CTX_set_psk_find_session_callback(ctx, find_device_session);
    CHECK(serve_s_client(ctx, args, is_tls13, NULL, log, sizeof(log)));
    CHECK(strstr(log, "Protocol version: TLSv1.3") != NULL);
    ok = 1;
out:
    SSL_CTX_free(ctx);
    return ok;
}

/* s_client without tickets, twice, its session saved in between: our
 * server resumes the second from its context's cache, and the cache
 * counts it. */
static int resumed_as_expected(SSL *s, void *arg)
{
    return SSL_session_reused(s) == *(const int *)arg;
}

static int s_client_resumes_from_cache(void)
{
    char sess_path[] = "/tmp/compat-s_client-session-XXXXXX";
    char *first[] = {"-brief", "-tls1_2", "-no_ticket", "-sess_out", sess_path, NULL};
    char *second[] = {"-tls1_2", "-no_ticket", "-sess_in", sess_path, NULL};
    SSL_CTX *ctx = server_ctx("server.pem", "server.key", 0, 0);
    int sess_fd = mkstemp(sess_path);
    int reused = 0;
    char log[4096];
    int ok = 0;

    CHECK(ctx != NULL && sess_fd >= 0);
    close(sess_fd);
    CHECK(serve_s_client(ctx, first, resumed_as_expected, &reused, log, sizeof(log)));
    CHECK_INT(SSL_CTX_sess_number(ctx), ==, 1);
    reused = 1;
    CHECK(serve_s_client(ctx, second, resumed_as_expected, &reused, log, sizeof(log)));
    CHECK(strstr(log, "Reused, TLSv1.2") != NULL);
    CHECK_INT(SSL_CTX_sess_hits(ctx), ==, 1);
    CHECK_INT(SSL_CTX_sess_accept_good(ctx), ==, 2);
    ok = 1;
out:
    if (sess_fd >= 0)
        unlink(sess_path);
    SSL_CTX_free(ctx);
    return ok;
}

/* Whether a suite can run against an RSA or ECDSA certificate with a
 * certificate-based key exchange (no PSK, anonymous or DSS suites). */
static int certificate_suite(const SSL_CIPHER *c)
{
    int kx = SSL_CIPHER_get_kx_nid(c);
    int auth = SSL_CIPHER_get_auth_nid(c);

    return (kx == NID_kx_ecdhe || kx == NID_kx_dhe || kx == NID_kx_rsa || kx == NID_kx_any) &&
           (auth == NID_auth_rsa || auth == NID_auth_ecdsa || auth == NID_auth_any);
}

/* One connection offering only the given suite; 1 when it was agreed. */
static int agree_on(SSL_CTX *ctx, int port, const SSL_CIPHER *c)
{
    const char *name = SSL_CIPHER_get_name(c);
    int tls13 = strcmp(SSL_CIPHER_get_version(c), "TLSv1.3") == 0;
    SSL *s = NULL;
    char reply[8];
    int fd = connect_when_ready(port);
    int ok = 0;

    if (fd < 0 || (s = SSL_new(ctx)) == NULL || SSL_set_fd(s, fd) != 1)
        goto done;
    if (tls13 ? SSL_set_ciphersuites(s, name) != 1 || !SSL_set_min_proto_version(s, TLS1_3_VERSION)
              : SSL_set_cipher_list(s, name) != 1 || !SSL_set_max_proto_version(s, TLS1_2_VERSION))
        goto done;
    ok = SSL_connect(s) == 1 && strcmp(SSL_get_cipher_name(s), name) == 0 &&
         SSL_write(s, "x\n", 2) == 2 && SSL_read(s, reply, sizeof(reply)) > 0;
    if (ok)
        (void)SSL_shutdown(s);
done:
    if (!ok) {
        fprintf(stderr, "  suite %s not agreed\n", name);
        drain_errors("client");
    }
    SSL_free(s);
    if (fd >= 0)
        close(fd);
    return ok;
}

/* Every suite this build has that a certificate serves is agreed once
 * with openssl s_server (RSA and ECDSA certificates, DH parameters of
 * its own, every TLS 1.3 suite enabled). */
static int every_suite_with_s_server(void)
{
    char port_arg[32];
    char log_path[] = "/tmp/compat-s_server-XXXXXX";
    char *args[] = {"openssl", "s_server", "-accept", port_arg, "-cert", NULL, "-key", NULL,
                    "-dcert", NULL, "-dkey", NULL, "-naccept", "1000", "-rev", "-cipher",
                    "ALL:@SECLEVEL=0", "-ciphersuites",
                    "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:"
                    "TLS_AES_128_CCM_SHA256:TLS_AES_128_CCM_8_SHA256",
                    NULL};
    SSL_CTX *ctx = client_ctx(NULL, SSL_VERIFY_NONE, 0, 0);
    SSL_CTX *all = SSL_CTX_new(TLS_method());
    STACK_OF(SSL_CIPHER) *suites;
    pid_t server = -1;
    int port = -1;
    int tried = 0;
    int agreed = 0;
    int ok = 0;
    int i;

    args[5] = (char *)cert_path("rsa-server.pem");
    args[7] = (char *)cert_path("rsa.key");
    args[9] = (char *)cert_path("server.pem");
    args[11] = (char *)cert_path("server.key");
    CHECK(ctx != NULL && all != NULL);
    CHECK(SSL_CTX_set_cipher_list(all, "ALL") == 1);
    CHECK(SSL_CTX_set_ciphersuites(all, args[18]) == 1);
    CHECK((server = start_s_server(args, port_arg, sizeof(port_arg), log_path, &port)) > 0);
    suites = SSL_CTX_get_ciphers(all);
    for (i = 0; i < sk_SSL_CIPHER_num(suites); i++) {
        const SSL_CIPHER *c = sk_SSL_CIPHER_value(suites, i);

        if (!certificate_suite(c))
            continue;
        tried++;
        agreed += agree_on(ctx, port, c);
    }
    CHECK(tried > 20);
    CHECK_INT(agreed, ==, tried);
    ok = 1;
out:
    SSL_CTX_free(ctx);
    SSL_CTX_free(all);
    stop_openssl(server, log_path, ok, "s_server");
    return ok;
}

/* Every group, with the version OpenSSL uses it in (the finite field
 * groups only in TLS 1.3, brainpool and secp256k1 only before it), and
 * how s_client names the server's key for it. */
struct group_case {
    const char *name;
    int nid;
    int version;
    const char *s_client_says;
};

static const struct group_case group_cases[] = {
    {"X25519", NID_X25519, TLS1_3_VERSION, "X25519, 253 bits"},
    {"P-256", NID_X9_62_prime256v1, TLS1_3_VERSION, "ECDH, prime256v1, 256 bits"},
    {"P-384", NID_secp384r1, TLS1_3_VERSION, "ECDH, secp384r1, 384 bits"},
    {"P-521", NID_secp521r1, TLS1_3_VERSION, "ECDH, secp521r1, 521 bits"},
    {"X448", NID_X448, TLS1_3_VERSION, "X448, 448 bits"},
    {"ffdhe2048", NID_ffdhe2048, TLS1_3_VERSION, "DH, 2048 bits"},
    {"ffdhe3072", NID_ffdhe3072, TLS1_3_VERSION, "DH, 3072 bits"},
    {"ffdhe4096", NID_ffdhe4096, TLS1_3_VERSION, "DH, 4096 bits"},
    {"ffdhe6144", NID_ffdhe6144, TLS1_3_VERSION, "DH, 6144 bits"},
    {"ffdhe8192", NID_ffdhe8192, TLS1_3_VERSION, "DH, 8192 bits"},
    {"P-256", NID_X9_62_prime256v1, TLS1_2_VERSION, "ECDH, prime256v1, 256 bits"},
    {"X25519", NID_X25519, TLS1_2_VERSION, "X25519, 253 bits"},
    {"brainpoolP256r1", NID_brainpoolP256r1, TLS1_2_VERSION, "ECDH, brainpoolP256r1, 256 bits"},
    {"brainpoolP384r1", NID_brainpoolP384r1, TLS1_2_VERSION, "ECDH, brainpoolP384r1, 384 bits"},
    {"brainpoolP512r1", NID_brainpoolP512r1, TLS1_2_VERSION, "ECDH, brainpoolP512r1, 512 bits"},
    {"secp256k1", NID_secp256k1, TLS1_2_VERSION, "ECDH, secp256k1, 256 bits"},
};

#define GROUP_CASES (sizeof(group_cases) / sizeof(group_cases[0]))
#define ALL_GROUPS                                                                        \
    "X25519:P-256:P-384:P-521:X448:ffdhe2048:ffdhe3072:ffdhe4096:ffdhe6144:ffdhe8192:" \
    "brainpoolP256r1:brainpoolP384r1:brainpoolP512r1:secp256k1"

/* A client context offering just the case's group at its version; NULL
 * when this build lacks the group. */
static SSL_CTX *group_client_ctx(const struct group_case *g)
{
    SSL_CTX *ctx = client_ctx(NULL, SSL_VERIFY_NONE, g->version, g->version);

    if (ctx != NULL && SSL_CTX_set1_groups_list(ctx, g->name) != 1) {
        ERR_clear_error();
        SSL_CTX_free(ctx);
        return NULL;
    }
    return ctx;
}

/* Our client offering one group at a time to s_server, which takes them
 * all: each is agreed, and reported as the negotiated group, with the
 * server's signature algorithm. */
static int every_group_with_s_server(void)
{
    char port_arg[32];
    char log_path[] = "/tmp/compat-s_server-XXXXXX";
    char *args[] = {"openssl", "s_server", "-accept", port_arg, "-cert", NULL, "-key", NULL,
                    "-naccept", "100", "-rev", "-groups", ALL_GROUPS, NULL};
    pid_t server = -1;
    int port = -1;
    size_t tried = 0;
    size_t i;
    int ok = 0;

    args[5] = (char *)cert_path("rsa-server.pem");
    args[7] = (char *)cert_path("rsa.key");
    CHECK((server = start_s_server(args, port_arg, sizeof(port_arg), log_path, &port)) > 0);
    for (i = 0; i < GROUP_CASES; i++) {
        const struct group_case *g = &group_cases[i];
        SSL_CTX *ctx = group_client_ctx(g);
        SSL *c = NULL;
        int fd = -1;
        long got = -1;
        int sig_type = 0;
        int sig_hash = 0;

        if (ctx == NULL)
            continue;
        tried++;
        if ((fd = connect_when_ready(port)) >= 0 && (c = SSL_new(ctx)) != NULL &&
            SSL_set_fd(c, fd) == 1 && SSL_connect(c) == 1) {
            got = SSL_get_negotiated_group(c);
            (void)SSL_get_peer_signature_type_nid(c, &sig_type);
            (void)SSL_get_peer_signature_nid(c, &sig_hash);
            (void)SSL_shutdown(c);
        }
        if (got != g->nid) {
            fprintf(stderr, "  %s (version %x): negotiated %ld\n", g->name, g->version, got);
            drain_errors("client");
        }
        SSL_free(c);
        SSL_CTX_free(ctx);
        close_if_open(fd);
        CHECK_INT(got, ==, g->nid);
        ERR_clear_error();
        /* s_server signs with the first of the client's algorithms its RSA
         * key can make: RSA-PSS in TLS 1.3; in TLS 1.2 RSA-PSS with SHA-256
         * for OpenSSL's client, RSA PKCS#1 with SHA-512 for mbedTLS's,
         * which offers no RSA-PSS there and lists SHA-512 first
         * (docs/parity.md). */
        if (g->version == TLS1_3_VERSION) {
            CHECK_INT(sig_type, ==, NID_rsassaPss);
        } else {
#ifdef MBEDTLS_OPENSSL_COMPAT
            CHECK_INT(sig_type, ==, EVP_PKEY_RSA);
            CHECK_INT(sig_hash, ==, NID_sha512);
#else
            CHECK_INT(sig_type, ==, NID_rsassaPss);
            CHECK_INT(sig_hash, ==, NID_sha256);
#endif
        }
    }
    CHECK(tried >= 5);
    ok = 1;
out:
    stop_openssl(server, log_path, ok, "s_server");
    return ok;
}

/* s_client offering one group at a time to our server, which takes them
 * all: both ends name the same group. */
static int negotiated_this_group(SSL *s, void *arg)
{
    const struct group_case *g = arg;
    long got = SSL_get_negotiated_group(s);

    if (got != g->nid)
        fprintf(stderr, "  %s (version %x): our server negotiated %ld\n", g->name, g->version,
                got);
    return got == g->nid;
}

static int every_group_with_s_client(void)
{
    SSL_CTX *ctx = server_ctx("rsa-server.pem", "rsa.key", 0, 0);
    size_t tried = 0;
    size_t i;
    int ok = 0;

    CHECK(ctx != NULL && SSL_CTX_set1_groups_list(ctx, ALL_GROUPS) == 1);
    for (i = 0; i < GROUP_CASES; i++) {
        const struct group_case *g = &group_cases[i];
        SSL_CTX *probe = group_client_ctx(g);
        char *args[] = {"-brief", "-groups", (char *)g->name,
                        g->version == TLS1_3_VERSION ? "-tls1_3" : "-tls1_2", NULL};
        char log[4096];

        if (probe == NULL)
            continue;
        SSL_CTX_free(probe);
        tried++;
        CHECK(serve_s_client(ctx, args, negotiated_this_group, (void *)g, log, sizeof(log)));
        CHECK(strstr(log, g->s_client_says) != NULL);
    }
    CHECK(tried >= 5);
    ok = 1;
out:
    SSL_CTX_free(ctx);
    return ok;
}

/* s_server with 1024-bit DH parameters and DHE only: a client at the
 * default security level (2) refuses the group, one at level 0 takes it. */
static int small_dh_group_refused(void)
{
    char port_arg[32];
    char log_path[] = "/tmp/compat-s_server-XXXXXX";
    char *args[] = {"openssl", "s_server", "-accept", port_arg, "-cert", NULL, "-key", NULL,
                    "-dhparam", NULL, "-naccept", "10", "-rev", "-tls1_2", "-cipher",
                    "DHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0", NULL};
    SSL_CTX *ctx = client_ctx(NULL, SSL_VERIFY_NONE, 0, TLS1_2_VERSION);
    SSL_SESSION *sess = NULL;
    pid_t server = -1;
    int port = -1;
    int reused = 0;
    unsigned long e;
    int ok = 0;

    args[5] = (char *)cert_path("rsa-server.pem");
    args[7] = (char *)cert_path("rsa.key");
    args[9] = (char *)cert_path("dh1024.pem");
    CHECK(ctx != NULL);
    CHECK(SSL_CTX_set_cipher_list(ctx, "DHE-RSA-AES128-GCM-SHA256") == 1);
    CHECK((server = start_s_server(args, port_arg, sizeof(port_arg), log_path, &port)) > 0);
    ERR_clear_error();
    CHECK(exchange_with_s_server(ctx, port, NULL, &reused) == NULL);
    e = ERR_get_error();
#ifdef MBEDTLS_OPENSSL_COMPAT
    /* mbedTLS reports a bad parameter (docs/parity.md). */
    CHECK_INT(ERR_GET_REASON(e), ==, SSL_R_BAD_DATA);
#else
    CHECK_INT(ERR_GET_REASON(e), ==, SSL_R_DH_KEY_TOO_SMALL);
#endif
    ERR_clear_error();
    SSL_CTX_set_security_level(ctx, 0);
    CHECK(SSL_CTX_set_cipher_list(ctx, "DHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0") == 1);
    CHECK((sess = exchange_with_s_server(ctx, port, NULL, &reused)) != NULL);
    ok = 1;
out:
    SSL_SESSION_free(sess);
    SSL_CTX_free(ctx);
    stop_openssl(server, log_path, ok, "s_server");
    return ok;
}

/* The server's virtual host: a *.example.test certificate for its name. */
#define VHOST "www.example.test"

static int switch_to_vhost(SSL *s, int *al, void *arg)
{
    const char *name = SSL_get_servername(s, TLSEXT_NAMETYPE_host_name);

    (void)al;
    if (name != NULL && strcmp(name, VHOST) == 0 && SSL_set_SSL_CTX(s, arg) != arg)
        return SSL_TLSEXT_ERR_ALERT_FATAL;
    return SSL_TLSEXT_ERR_OK;
}

/* s_client checks the name it sends (localhost, or the virtual host that
 * the server's servername callback switches to). */
static int s_client_vs_our_server(int version, const char *host)
{
    char port_arg[32];
    char log_path[] = "/tmp/compat-s_client-XXXXXX";
    const char *vflag = version == TLS1_3_VERSION ? "-tls1_3" : "-tls1_2";
    char *args[] = {"openssl", "s_client", "-connect", port_arg, "-CAfile", NULL,
                    "-verify_return_error", "-servername", (char *)host, "-verify_hostname",
                    (char *)host, "-brief", "-ign_eof", (char *)vflag, NULL};
    SSL_CTX *ctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL_CTX *vhost = server_ctx("wildcard.pem", "server.key", 0, 0);
    SSL *s = NULL;
    pid_t client = -1;
    int in_pipe[2] = {-1, -1};
    int status = -1;
    int lfd = -1;
    int fd = -1;
    int port;
    char buf[4096];
    int log_fd = mkstemp(log_path);
    int ok = 0;
    int n;

    args[5] = (char *)cert_path("ca.pem");
    CHECK(ctx != NULL && vhost != NULL && log_fd >= 0);
    close(log_fd);
    SSL_CTX_set_tlsext_servername_callback(ctx, switch_to_vhost);
    SSL_CTX_set_tlsext_servername_arg(ctx, vhost);
    CHECK((lfd = tcp_listen_loopback(&port)) >= 0);
    snprintf(port_arg, sizeof(port_arg), "127.0.0.1:%d", port);
    CHECK(pipe(in_pipe) == 0);
    CHECK((client = spawn_openssl(args, in_pipe[0], log_path)) > 0);
    close(in_pipe[0]);
    in_pipe[0] = -1;
    /* s_client sends its standard input once connected. */
    CHECK(write(in_pipe[1], "ping\n", 5) == 5);
    close(in_pipe[1]);
    in_pipe[1] = -1;
    CHECK((fd = accept(lfd, NULL, NULL)) >= 0);
    CHECK((s = SSL_new(ctx)) != NULL && SSL_set_fd(s, fd) == 1);
    CHECK_INT(SSL_accept(s), ==, 1);
    CHECK_INT(SSL_version(s), ==, version);
    CHECK(strcmp(SSL_get_servername(s, TLSEXT_NAMETYPE_host_name), host) == 0);
    CHECK(SSL_get_SSL_CTX(s) == (strcmp(host, VHOST) == 0 ? vhost : ctx));
    n = SSL_read(s, buf, sizeof(buf));
    CHECK_INT(n, ==, 5);
    CHECK(memcmp(buf, "ping\n", 5) == 0);
    CHECK_INT(SSL_write(s, "pong\n", 5), ==, 5);
    CHECK_INT(SSL_shutdown(s), >=, 0);
    CHECK(waitpid(client, &status, 0) == client);
    client = -1;
    CHECK(read_file(log_path, buf, sizeof(buf)));
    CHECK(strstr(buf, "Verification: OK") != NULL);
    CHECK(strstr(buf, version == TLS1_3_VERSION ? "Protocol version: TLSv1.3"
                                                : "Protocol version: TLSv1.2") != NULL);
    CHECK(strstr(buf, "pong") != NULL);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    ok = 1;
out:
    SSL_free(s);
    SSL_CTX_free(ctx);
    SSL_CTX_free(vhost);
    stop_openssl(client, log_path, ok, "s_client");
    close_if_open(in_pipe[0]);
    close_if_open(in_pipe[1]);
    close_if_open(fd);
    close_if_open(lfd);
    return ok;
}

/* A client asks to renegotiate (s_client's "R" command, TLS 1.2): an
 * OpenSSL 3.0 server refuses client-initiated renegotiation by default, and
 * so does this library; s_client then gives up with a fatal alert. */
static int s_client_renegotiation_refused(void)
{
    char port_arg[32];
    char log_path[] = "/tmp/compat-s_client-XXXXXX";
    char *args[] = {"openssl", "s_client", "-connect", port_arg, "-tls1_2", NULL};
    SSL_CTX *ctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL *s = NULL;
    pid_t client = -1;
    int in_pipe[2] = {-1, -1};
    int lfd = -1;
    int fd = -1;
    int port;
    char buf[4096];
    unsigned long e;
    int log_fd = mkstemp(log_path);
    int ok = 0;
    int ret;

    CHECK(ctx != NULL && log_fd >= 0);
    close(log_fd);
    CHECK((lfd = tcp_listen_loopback(&port)) >= 0);
    snprintf(port_arg, sizeof(port_arg), "127.0.0.1:%d", port);
    CHECK(pipe(in_pipe) == 0);
    CHECK((client = spawn_openssl(args, in_pipe[0], log_path)) > 0);
    close(in_pipe[0]);
    in_pipe[0] = -1;
    CHECK((fd = accept(lfd, NULL, NULL)) >= 0);
    CHECK((s = SSL_new(ctx)) != NULL && SSL_set_fd(s, fd) == 1);
    CHECK_INT(SSL_accept(s), ==, 1);
    CHECK(write(in_pipe[1], "R\n", 2) == 2);
    ret = SSL_read(s, buf, sizeof(buf));
    /* The client's fatal alert ends the connection. */
    CHECK_INT(ret, ==, 0);
    CHECK_INT(SSL_get_error(s, ret), ==, SSL_ERROR_SSL);
    e = ERR_get_error();
#ifdef MBEDTLS_OPENSSL_COMPAT
    CHECK_INT(ERR_GET_REASON(e), ==, SSL_R_SSL_HANDSHAKE_FAILURE); /* encrypted alert */
#else
    CHECK_INT(ERR_GET_REASON(e), ==, SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE);
#endif
    close(in_pipe[1]);
    in_pipe[1] = -1;
    CHECK(waitpid(client, NULL, 0) == client);
    client = -1;
    CHECK(read_file(log_path, buf, sizeof(buf)));
    CHECK(strstr(buf, "RENEGOTIATING") != NULL);
    ok = 1;
out:
    SSL_free(s);
    SSL_CTX_free(ctx);
    stop_openssl(client, log_path, ok, "s_client");
    close_if_open(in_pipe[0]);
    close_if_open(in_pipe[1]);
    close_if_open(fd);
    close_if_open(lfd);
    ERR_clear_error();
    return ok;
}

static int client_vs_s_server_tls12(void)
{
    return our_client_vs_s_server(TLS1_2_VERSION);
}

static int client_vs_s_server_tls13(void)
{
    return our_client_vs_s_server(TLS1_3_VERSION);
}

static int s_client_vs_server_tls12(void)
{
    return s_client_vs_our_server(TLS1_2_VERSION, "localhost");
}

static int s_client_vs_server_tls13(void)
{
    return s_client_vs_our_server(TLS1_3_VERSION, "localhost");
}

static int s_client_vs_server_vhost_tls12(void)
{
    return s_client_vs_our_server(TLS1_2_VERSION, VHOST);
}

static int s_client_vs_server_vhost_tls13(void)
{
    return s_client_vs_our_server(TLS1_3_VERSION, VHOST);
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"our client vs openssl s_server, TLS 1.2", client_vs_s_server_tls12},
        {"our client vs openssl s_server, TLS 1.3", client_vs_s_server_tls13},
        {"openssl s_client vs our server, TLS 1.2", s_client_vs_server_tls12},
        {"openssl s_client vs our server, TLS 1.3", s_client_vs_server_tls13},
        {"openssl s_client vs our virtual host, TLS 1.2", s_client_vs_server_vhost_tls12},
        {"openssl s_client vs our virtual host, TLS 1.3", s_client_vs_server_vhost_tls13},
        {"a client's renegotiation is refused", s_client_renegotiation_refused},
        {"our client resumes with openssl s_server, TLS 1.2", resumes_with_s_server_tls12},
        {"our client resumes with openssl s_server, TLS 1.3", resumes_with_s_server_tls13},
        {"every suite once with openssl s_server", every_suite_with_s_server},
        {"every group once with openssl s_server", every_group_with_s_server},
        {"every group once with openssl s_client", every_group_with_s_client},
        {"a 1024-bit DH group is refused at level 2", small_dh_group_refused},
        {"PSK with openssl s_server, TLS 1.2", psk_with_s_server_tls12},
        {"PSK with openssl s_server, TLS 1.3", psk_with_s_server_tls13},
        {"PSK session with openssl s_server, TLS 1.3", psk_session_with_s_server},
        {"PSK session with openssl s_client, TLS 1.3", psk_session_with_s_client},
        {"openssl s_client resumes from the server's cache", s_client_resumes_from_cache},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
