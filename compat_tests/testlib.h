/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Helpers for the compat tests. Only the OpenSSL API and POSIX are used, so
 * every test builds against real OpenSSL and against this library, and both
 * builds must pass.
 */
#ifndef COMPAT_TESTLIB_H
#define COMPAT_TESTLIB_H

#include <stdio.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

/* ---- Cases and checks ------------------------------------------------------ */

struct test_case {
    const char *name;
    int (*run)(void); /* 1 passed, 0 failed */
};

/* Runs the cases, prints one line per case and the closing
 * "N passed, M failed" line; returns the process exit status. argv[1] is
 * the directory with the test certificates. */
int test_main(int argc, char **argv, const struct test_case *cases, size_t n);

void test_report(const char *file, int line, const char *what, const char *detail);

/* A failed check reports itself and jumps to the case's "out" label, where
 * the case frees what it made; "ok" stays 0. */
#define CHECK(cond)                                     \
    do {                                                \
        if (!(cond)) {                                  \
            test_report(__FILE__, __LINE__, #cond, ""); \
            goto out;                                   \
        }                                               \
    } while (0)

#define CHECK_INT(a, op, b)                                                          \
    do {                                                                             \
        long check_a_ = (long)(a);                                                   \
        long check_b_ = (long)(b);                                                   \
        if (!(check_a_ op check_b_)) {                                               \
            char check_detail_[96];                                                  \
            snprintf(check_detail_, sizeof(check_detail_), "(%ld vs %ld)", check_a_, \
                     check_b_);                                                      \
            test_report(__FILE__, __LINE__, #a " " #op " " #b, check_detail_);       \
            goto out;                                                                \
        }                                                                            \
    } while (0)

/* Path of a test certificate or key in the directory given on the
 * command line. The result stays valid for 8 calls. */
const char *cert_path(const char *name);
/* A BIO reading a file of the certificate directory: the file itself, or
 * a copy in memory when the library is built without files. NULL on
 * failure. */
BIO *cert_file_bio(const char *name);

/* ---- Contexts ---------------------------------------------------------------- */

/* A server context with the given certificate chain and key files
 * (names in the certificate directory) and version bounds (0: none). */
SSL_CTX *server_ctx(const char *chain, const char *key, int min_version, int max_version);

/* Loads a certificate chain and its key (names in the certificate
 * directory) into ctx; 1 on success. */
int load_identity(SSL_CTX *ctx, const char *chain, const char *key);
/* Adds a file's certificates to ctx's trust store; 1 on success. */
int load_trust(SSL_CTX *ctx, const char *cafile);

/* A client context trusting cafile (NULL: nothing) with the verify mode. */
SSL_CTX *client_ctx(const char *cafile, int verify_mode, int min_version, int max_version);

/* ---- Driving handshakes in one process ----------------------------------------- */

/* What one side of a handshake ended with. */
struct side {
    int ret;             /* last return value of the handshake call */
    int err;             /* SSL_get_error() for it */
    unsigned long code;  /* first error-queue entry, 0 if none */
    int wants;           /* how many WANT_READ/WANT_WRITE it returned */
};

typedef int (*hs_call)(SSL *s);

/* The handshake calls, as hs_call functions. */
int hs_connect(SSL *s);
int hs_accept(SSL *s);
int hs_do_handshake(SSL *s);

/* Frees a client/server pair and their contexts; any may be NULL. */
void free_pair(SSL *client, SSL *server, SSL_CTX *client_ctx, SSL_CTX *server_ctx);

/* Moves every pending byte from one memory BIO to another; returns how many. */
size_t move_bytes(BIO *from, BIO *to);

/* Drives client and server until neither can go on (both done, one
 * failed, or neither made progress), calling pump() between turns when
 * not NULL. Checks along the way that every result other than 1 is -1 with
 * WANT_READ or WANT_WRITE, or a final failure. Returns 1 if both completed. */
int drive_handshake(SSL *client, hs_call client_call, struct side *cr, SSL *server,
                    hs_call server_call, struct side *sr, void (*pump)(void *), void *pump_arg);

/* A client and server SSL joined by a BIO pair. */
int make_pair(SSL_CTX *cctx, SSL_CTX *sctx, SSL **client, SSL **server);

/* ---- TCP over loopback ----------------------------------------------------------- */

int tcp_listen_loopback(int *port);
int tcp_connect_loopback(int port, int nonblocking);
int set_nonblocking(int fd);

/* Reports the error queue on stderr (for diagnosis) and clears it. */
void drain_errors(const char *label);

#endif /* COMPAT_TESTLIB_H */
