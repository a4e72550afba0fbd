/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Verification beyond "trusted or not": the peer's certificates and the
 * verified chain, what a verify callback sees, depth limits, chains that
 * end at an intermediate (X509_V_FLAG_PARTIAL_CHAIN), the names, addresses
 * and e-mail checked (X509_VERIFY_PARAM), a fixed verification time, and
 * trust stores (X509_STORE) with the system's defaults.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "testlib.h"

static X509 *load(const char *name)
{
    BIO *b = BIO_new_file(cert_path(name), "r");
    X509 *x = b != NULL ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;

    BIO_free(b);
    return x;
}

/* The common name of a certificate, in a static buffer per call slot. */
static const char *cn_of(X509 *x)
{
    static char names[4][64];
    static int slot;
    char *name = names[slot++ % 4];

    if (x == NULL ||
        X509_NAME_get_text_by_NID(X509_get_subject_name(x), NID_commonName, name, 64) < 0)
        strcpy(name, "-");
    return name;
}

/* What the verify callback saw, one line per call: "depth:error:CN". */
static char seen[512];

static int recording_callback(int ok, X509_STORE_CTX *ctx)
{
    char line[96];

    snprintf(line, sizeof(line), "%s%d:%d:%s", seen[0] != '\0' ? " " : "",
             X509_STORE_CTX_get_error_depth(ctx), X509_STORE_CTX_get_error(ctx),
             cn_of(X509_STORE_CTX_get_current_cert(ctx)));
    strncat(seen, line, sizeof(seen) - strlen(seen) - 1);
    /* The leaf, at depth 0, is the certificate being verified. */
    if (X509_STORE_CTX_get_error_depth(ctx) == 0 &&
        X509_STORE_CTX_get0_cert(ctx) != X509_STORE_CTX_get_current_cert(ctx))
        strncat(seen, "(target?)", sizeof(seen) - strlen(seen) - 1);
    return ok;
}

/* A server sending chained.pem with the intermediate, or server.pem. */
static SSL_CTX *chained_server(int send_intermediate)
{
    SSL_CTX *sctx = server_ctx(send_intermediate ? "chained.pem" : "server.pem",
                               send_intermediate ? "chained.key" : "server.key", 0, 0);
    X509 *mid = send_intermediate ? load("intermediate.pem") : NULL;

    if (sctx != NULL && mid != NULL && SSL_CTX_add_extra_chain_cert(sctx, mid) != 1) {
        X509_free(mid);
        SSL_CTX_free(sctx);
        return NULL;
    }
    return sctx;
}

/* A handshake between a configured client context and a server; returns
 * whether both finished, with the client connection kept in *client
 * (freed by the caller) when asked. */
static int handshake(SSL_CTX *cctx, SSL_CTX *sctx, void (*setup)(SSL *c), SSL **client)
{
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr;
    struct side sr;
    int ok = 0;

    seen[0] = '\0';
    if (make_pair(cctx, sctx, &c, &s)) {
        if (setup != NULL)
            setup(c);
        ok = drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL);
    }
    ERR_clear_error();
    if (client != NULL) {
        *client = c;
        c = NULL;
    }
    free_pair(c, s, NULL, NULL);
    return ok;
}

/* ---- Peer certificates and the verified chain ---------------------------------------- */

static int peer_certificates(void)
{
    SSL_CTX *cctx = client_ctx("ca.pem", SSL_VERIFY_PEER, 0, 0);
    SSL_CTX *sctx = chained_server(1);
    STACK_OF(X509) *chain;
    SSL *c = NULL;
    X509 *peer = NULL;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL);
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, recording_callback);
    CHECK(handshake(cctx, sctx, NULL, &c));
    CHECK_INT(SSL_get_verify_result(c), ==, X509_V_OK);
    CHECK(strcmp(seen, "2:0:Compat Test CA 1:0:Compat Intermediate CA 0:0:localhost") == 0);
    CHECK(SSL_get0_peer_certificate(c) != NULL);
    CHECK(strcmp(cn_of(SSL_get0_peer_certificate(c)), "localhost") == 0);
    CHECK((peer = SSL_get_peer_certificate(c)) == SSL_get0_peer_certificate(c));
    /* A client's chain starts with the server's certificate. */
    chain = SSL_get_peer_cert_chain(c);
    CHECK_INT(sk_X509_num(chain), ==, 2);
    CHECK(strcmp(cn_of(sk_X509_value(chain, 0)), "localhost") == 0);
    CHECK(strcmp(cn_of(sk_X509_value(chain, 1)), "Compat Intermediate CA") == 0);
    /* The verified chain goes on to the trust anchor. */
    chain = SSL_get0_verified_chain(c);
    CHECK_INT(sk_X509_num(chain), ==, 3);
    CHECK(strcmp(cn_of(sk_X509_value(chain, 2)), "Compat Test CA") == 0);
    ok = 1;
out:
    X509_free(peer);
    SSL_free(c);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return ok;
}

/* A server's view of a client certificate: the chain leaves it out, and
 * holds the CA the client added from its trust store (OpenSSL builds a
 * lone certificate's chain from the store). */
static int server_sees_client_certificate(void)
{
    SSL_CTX *cctx = client_ctx("ca.pem", SSL_VERIFY_PEER, 0, 0);
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr;
    struct side sr;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL);
    CHECK_INT(SSL_CTX_use_certificate_file(cctx, cert_path("client.pem"), SSL_FILETYPE_PEM), ==, 1);
    CHECK_INT(SSL_CTX_use_PrivateKey_file(cctx, cert_path("client.key"), SSL_FILETYPE_PEM), ==, 1);
    CHECK_INT(SSL_CTX_load_verify_locations(sctx, cert_path("ca.pem"), NULL), ==, 1);
    SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER, NULL);
    CHECK(make_pair(cctx, sctx, &c, &s));
    CHECK(SSL_get0_peer_certificate(s) == NULL && SSL_get_peer_cert_chain(s) == NULL);
    CHECK(drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK(strcmp(cn_of(SSL_get0_peer_certificate(s)), "compat client") == 0);
    CHECK_INT(sk_X509_num(SSL_get_peer_cert_chain(s)), ==, 1);
    CHECK(strcmp(cn_of(sk_X509_value(SSL_get_peer_cert_chain(s), 0)), "Compat Test CA") == 0);
    CHECK_INT(sk_X509_num(SSL_get0_verified_chain(s)), ==, 2);
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    return ok;
}

/* ---- Depth and partial chains ------------------------------------------------------ */

static int depth_limits(void)
{
    SSL_CTX *cctx = client_ctx("ca.pem", SSL_VERIFY_PEER, 0, 0);
    SSL_CTX *sctx = chained_server(1);
    SSL *c = NULL;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL);
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, recording_callback);
    CHECK_INT(SSL_CTX_get_verify_depth(cctx), ==, -1);
    /* Depth 0: the leaf and one certificate above it, no more. */
    SSL_CTX_set_verify_depth(cctx, 0);
    CHECK(!handshake(cctx, sctx, NULL, &c));
    CHECK(strcmp(seen, "1:22:Compat Intermediate CA") == 0);
    CHECK_INT(SSL_get_verify_result(c), ==, X509_V_ERR_CERT_CHAIN_TOO_LONG);
    SSL_free(c);
    c = NULL;
    SSL_CTX_set_verify_depth(cctx, 1);
    CHECK(handshake(cctx, sctx, NULL, NULL));
    ok = 1;
out:
    SSL_free(c);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return ok;
}

/* Trusting the intermediate alone is not enough for OpenSSL unless partial
 * chains are allowed. */
static int partial_chains(void)
{
    SSL_CTX *cctx = client_ctx("intermediate.pem", SSL_VERIFY_PEER, 0, 0);
    SSL_CTX *sctx = chained_server(1);
    SSL *c = NULL;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL);
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, recording_callback);
    CHECK(!handshake(cctx, sctx, NULL, &c));
    CHECK(strcmp(seen, "1:2:Compat Intermediate CA") == 0);
    CHECK_INT(SSL_get_verify_result(c), ==, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT);
    SSL_free(c);
    c = NULL;
    CHECK_INT(X509_STORE_set_flags(SSL_CTX_get_cert_store(cctx), X509_V_FLAG_PARTIAL_CHAIN), ==, 1);
    CHECK(handshake(cctx, sctx, NULL, NULL));
    CHECK(strcmp(seen, "1:0:Compat Intermediate CA 0:0:localhost") == 0);
    /* With the root as well, the chain goes to the root without the flag. */
    CHECK_INT(X509_VERIFY_PARAM_clear_flags(X509_STORE_get0_param(SSL_CTX_get_cert_store(cctx)),
                                            X509_V_FLAG_PARTIAL_CHAIN),
              ==, 1);
    CHECK(!handshake(cctx, sctx, NULL, NULL));
    CHECK_INT(SSL_CTX_load_verify_locations(cctx, cert_path("ca.pem"), NULL), ==, 1);
    CHECK(handshake(cctx, sctx, NULL, NULL));
    ok = 1;
out:
    SSL_free(c);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return ok;
}

/* ---- Names, addresses, e-mail --------------------------------------------------------- */

static long result_with(SSL_CTX *cctx, SSL_CTX *sctx, void (*setup)(SSL *c), char *peername,
                        size_t size)
{
    SSL *c = NULL;
    long result;

    (void)handshake(cctx, sctx, setup, &c);
    result = c != NULL ? SSL_get_verify_result(c) : -1;
    if (peername != NULL) {
        const char *p = c != NULL ? SSL_get0_peername(c) : NULL;

        snprintf(peername, size, "%s", p != NULL ? p : "(none)");
    }
    SSL_free(c);
    return result;
}

static void host_wrong(SSL *c)
{
    SSL_set1_host(c, "other.test");
}

static void host_second_of_two(SSL *c)
{
    SSL_set1_host(c, "other.test");
    SSL_add1_host(c, "LOCALHOST");
}

static void address_right(SSL *c)
{
    SSL_set1_host(c, "127.0.0.1");
}

static void address_wrong(SSL *c)
{
    SSL_set1_host(c, "127.0.0.2");
}

static void email_wrong(SSL *c)
{
    X509_VERIFY_PARAM_set1_email(SSL_get0_param(c), "x@example.test", 0);
}

static void cn_only_flag(SSL *c)
{
    /* server.pem has a DNS SAN: with NEVER_CHECK_SUBJECT only it counts. */
    SSL_set1_host(c, "localhost");
    SSL_set_hostflags(c, X509_CHECK_FLAG_NEVER_CHECK_SUBJECT);
}

static int identity_checks(void)
{
    SSL_CTX *cctx = client_ctx("ca.pem", SSL_VERIFY_NONE, 0, 0);
    SSL_CTX *sctx = chained_server(0);
    char peername[64];
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL);
    CHECK_INT(result_with(cctx, sctx, host_wrong, NULL, 0), ==, X509_V_ERR_HOSTNAME_MISMATCH);
    CHECK_INT(result_with(cctx, sctx, host_second_of_two, peername, sizeof(peername)), ==,
              X509_V_OK);
    CHECK(strcmp(peername, "localhost") == 0);
    CHECK_INT(result_with(cctx, sctx, address_right, NULL, 0), ==, X509_V_OK);
    CHECK_INT(result_with(cctx, sctx, address_wrong, NULL, 0), ==, X509_V_ERR_IP_ADDRESS_MISMATCH);
    CHECK_INT(result_with(cctx, sctx, email_wrong, NULL, 0), ==, X509_V_ERR_EMAIL_MISMATCH);
    CHECK_INT(result_with(cctx, sctx, cn_only_flag, NULL, 0), ==, X509_V_OK);
    /* Settings on the context reach its connections. */
    CHECK_INT(X509_VERIFY_PARAM_set1_host(SSL_CTX_get0_param(cctx), "nothere.test", 0), ==, 1);
    CHECK_INT(result_with(cctx, sctx, NULL, NULL, 0), ==, X509_V_ERR_HOSTNAME_MISMATCH);
    ok = 1;
out:
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return ok;
}

/* ---- Time ------------------------------------------------------------------------ */

static int verification_time(void)
{
    SSL_CTX *cctx = client_ctx("ca.pem", SSL_VERIFY_NONE, 0, 0);
    SSL_CTX *expired = server_ctx("expired.pem", "server.key", 0, 0);
    SSL_CTX *current = server_ctx("server.pem", "server.key", 0, 0);
    X509_VERIFY_PARAM *param;
    int ok = 0;

    CHECK(cctx != NULL && expired != NULL && current != NULL);
    param = SSL_CTX_get0_param(cctx);
    CHECK_INT(result_with(cctx, expired, NULL, NULL, 0), ==, X509_V_ERR_CERT_HAS_EXPIRED);
    CHECK_INT(result_with(cctx, current, NULL, NULL, 0), ==, X509_V_OK);
    /* Twenty years on, everything has expired; a day ago, nothing had begun. */
    X509_VERIFY_PARAM_set_time(param, time(NULL) + 20L * 366 * 86400);
    CHECK((X509_VERIFY_PARAM_get_flags(param) & X509_V_FLAG_USE_CHECK_TIME) != 0);
    CHECK_INT(result_with(cctx, current, NULL, NULL, 0), ==, X509_V_ERR_CERT_HAS_EXPIRED);
    X509_VERIFY_PARAM_set_time(param, time(NULL) - 86400);
    CHECK_INT(result_with(cctx, current, NULL, NULL, 0), ==, X509_V_ERR_CERT_NOT_YET_VALID);
    CHECK_INT(X509_VERIFY_PARAM_clear_flags(param, X509_V_FLAG_USE_CHECK_TIME), ==, 1);
    CHECK_INT(X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_NO_CHECK_TIME), ==, 1);
    CHECK_INT(result_with(cctx, expired, NULL, NULL, 0), ==, X509_V_OK);
    ok = 1;
out:
    SSL_CTX_free(cctx);
    SSL_CTX_free(expired);
    SSL_CTX_free(current);
    return ok;
}

/* ---- Revocation ------------------------------------------------------------------- */

/* The verify callback's sequence and the result for a server certificate,
 * with the CA's CRL loaded (by file or as an object) or not. */
static long revocation_result(const char *cert, int send_intermediate, int crl_by_object,
                              int load_crl, unsigned long flags)
{
    SSL_CTX *cctx = client_ctx("ca.pem", SSL_VERIFY_PEER, 0, 0);
    SSL_CTX *sctx = send_intermediate ? chained_server(1) : server_ctx(cert, "server.key", 0, 0);
    SSL *c = NULL;
    long result = -1;

    if (cctx == NULL || sctx == NULL)
        goto out;
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, recording_callback);
    if (load_crl && !crl_by_object &&
        X509_STORE_load_file(SSL_CTX_get_cert_store(cctx), cert_path("ca.crl")) != 1)
        goto out;
    if (load_crl && crl_by_object) {
        BIO *b = BIO_new_file(cert_path("ca.crl"), "r");
        X509_CRL *crl = b != NULL ? PEM_read_bio_X509_CRL(b, NULL, NULL, NULL) : NULL;
        int added = crl != NULL && X509_STORE_add_crl(SSL_CTX_get_cert_store(cctx), crl) == 1;

        X509_CRL_free(crl);
        BIO_free(b);
        if (!added)
            goto out;
    }
    if (flags != 0)
        X509_STORE_set_flags(SSL_CTX_get_cert_store(cctx), flags);
    (void)handshake(cctx, sctx, NULL, &c);
    result = c != NULL ? SSL_get_verify_result(c) : -1;
out:
    SSL_free(c);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return result;
}

static int revocation(void)
{
    const unsigned long check = X509_V_FLAG_CRL_CHECK;
    const unsigned long check_all = X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL;
    int ok = 0;

    /* Without CRL_CHECK nothing is checked, even with the CRL loaded. */
    CHECK_INT(revocation_result("revoked.pem", 0, 0, 1, 0), ==, X509_V_OK);
    CHECK_INT(revocation_result("revoked.pem", 0, 0, 1, X509_V_FLAG_CRL_CHECK_ALL), ==, X509_V_OK);
    CHECK_INT(revocation_result("revoked.pem", 0, 0, 1, check), ==, X509_V_ERR_CERT_REVOKED);
    CHECK(strstr(seen, "0:23:localhost") != NULL);
    CHECK_INT(revocation_result("revoked.pem", 0, 1, 1, check), ==, X509_V_ERR_CERT_REVOKED);
    CHECK_INT(revocation_result("server.pem", 0, 0, 1, check), ==, X509_V_OK);
    CHECK_INT(revocation_result("server.pem", 0, 0, 1, check_all), ==, X509_V_OK);
    /* Asked to check, with no CRL from the issuer. */
    CHECK_INT(revocation_result("revoked.pem", 0, 0, 0, check), ==, X509_V_ERR_UNABLE_TO_GET_CRL);
    CHECK_INT(revocation_result(NULL, 1, 0, 1, check), ==, X509_V_ERR_UNABLE_TO_GET_CRL);
    CHECK_INT(revocation_result(NULL, 1, 0, 1, check_all), ==, X509_V_ERR_UNABLE_TO_GET_CRL);
    ok = 1;
out:
    return ok;
}

/* ---- Trust stores ------------------------------------------------------------------ */

/* Copies a test file into a directory under another name. */
static int copy_as(const char *from, const char *dir, const char *name)
{
    char path[512];
    char buf[4096];
    FILE *in = fopen(cert_path(from), "rb");
    FILE *out;
    size_t n;
    int ok = 1;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    out = fopen(path, "wb");
    if (in == NULL || out == NULL)
        ok = 0;
    while (ok && (n = fread(buf, 1, sizeof(buf), in)) > 0)
        ok = fwrite(buf, 1, n, out) == n;
    if (in != NULL)
        fclose(in);
    if (out != NULL && fclose(out) != 0)
        ok = 0;
    return ok;
}

static void remove_in(const char *dir, const char *name)
{
    char path[512];

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    remove(path);
}

/* A hashed directory: only <hash>.<n> files whose certificate's name
 * hashes to <hash> are found, CRLs as <hash>.r<n>. */
static int hashed_directories(void)
{
    char dir[] = "/tmp/compat-capath-XXXXXX";
    char other_dir[] = "/tmp/compat-capath2-XXXXXX";
    char name[32];
    char dirs[80];
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, 0, 0);
    SSL_CTX *sctx = chained_server(0);
    SSL_CTX *revoked = server_ctx("revoked.pem", "server.key", 0, 0);
    X509 *ca = load("ca.pem");
    X509 *other = load("other-ca.pem");
    const char *old_env = getenv("SSL_CERT_DIR");
    int made = 0;
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL && revoked != NULL && ca != NULL && other != NULL);
    CHECK(mkdtemp(dir) != NULL);
    made = 1;
    CHECK(mkdtemp(other_dir) != NULL);
    made = 2;
    /* The CA under a name that is not a hash, and under another CA's hash. */
    CHECK(copy_as("ca.pem", dir, "ca.pem"));
    snprintf(name, sizeof(name), "%08lx.0", X509_subject_name_hash(other));
    CHECK(copy_as("ca.pem", dir, name));
    CHECK_INT(SSL_CTX_load_verify_locations(cctx, NULL, dir), ==, 1);
    CHECK_INT(result_with(cctx, sctx, NULL, NULL, 0), ==,
              X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    /* Numbers run from 0: a .1 without a .0 is never looked at. */
    snprintf(name, sizeof(name), "%08lx.1", X509_subject_name_hash(ca));
    CHECK(copy_as("ca.pem", dir, name));
    CHECK_INT(result_with(cctx, sctx, NULL, NULL, 0), ==,
              X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    /* Under its own hash it is found (the directory is read again). */
    snprintf(name, sizeof(name), "%08lx.0", X509_subject_name_hash(ca));
    CHECK(copy_as("ca.pem", dir, name));
    CHECK_INT(result_with(cctx, sctx, NULL, NULL, 0), ==, X509_V_OK);
    /* Its CRL, as <hash>.r0, when revocation is checked. */
    X509_STORE_set_flags(SSL_CTX_get_cert_store(cctx), X509_V_FLAG_CRL_CHECK);
    CHECK_INT(result_with(cctx, revoked, NULL, NULL, 0), ==, X509_V_ERR_UNABLE_TO_GET_CRL);
    snprintf(name, sizeof(name), "%08lx.r0", X509_subject_name_hash(ca));
    CHECK(copy_as("ca.crl", dir, name));
    CHECK_INT(result_with(cctx, revoked, NULL, NULL, 0), ==, X509_V_ERR_CERT_REVOKED);
    CHECK_INT(result_with(cctx, sctx, NULL, NULL, 0), ==, X509_V_OK);
    /* SSL_CERT_DIR, a list, through the system defaults. */
    SSL_CTX_set_cert_store(cctx, X509_STORE_new());
    snprintf(dirs, sizeof(dirs), "%s:%s", other_dir, dir);
    setenv("SSL_CERT_DIR", dirs, 1);
    CHECK_INT(SSL_CTX_set_default_verify_paths(cctx), ==, 1);
    CHECK_INT(result_with(cctx, sctx, NULL, NULL, 0), ==, X509_V_OK);
    ok = 1;
out:
    if (old_env != NULL)
        setenv("SSL_CERT_DIR", old_env, 1);
    else
        unsetenv("SSL_CERT_DIR");
    if (made >= 1) {
        remove_in(dir, "ca.pem");
        snprintf(name, sizeof(name), "%08lx.0", other != NULL ? X509_subject_name_hash(other) : 0);
        remove_in(dir, name);
        snprintf(name, sizeof(name), "%08lx.1", ca != NULL ? X509_subject_name_hash(ca) : 0);
        remove_in(dir, name);
        snprintf(name, sizeof(name), "%08lx.0", ca != NULL ? X509_subject_name_hash(ca) : 0);
        remove_in(dir, name);
        snprintf(name, sizeof(name), "%08lx.r0", ca != NULL ? X509_subject_name_hash(ca) : 0);
        remove_in(dir, name);
        rmdir(dir);
    }
    if (made >= 2)
        rmdir(other_dir);
    X509_free(ca);
    X509_free(other);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    SSL_CTX_free(revoked);
    return ok;
}

static int trust_stores(void)
{
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, 0, 0);
    SSL_CTX *sctx = chained_server(0);
    X509_STORE *store = X509_STORE_new();
    X509 *ca = load("ca.pem");
    const char *old_env = getenv("SSL_CERT_FILE");
    int ok = 0;

    CHECK(cctx != NULL && sctx != NULL && store != NULL && ca != NULL);
    CHECK_INT(result_with(cctx, sctx, NULL, NULL, 0), ==,
              X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    /* A certificate added to the context's store. */
    CHECK_INT(X509_STORE_add_cert(SSL_CTX_get_cert_store(cctx), ca), ==, 1);
    CHECK_INT(X509_STORE_add_cert(SSL_CTX_get_cert_store(cctx), ca), ==, 1);
    CHECK_INT(result_with(cctx, sctx, NULL, NULL, 0), ==, X509_V_OK);
    /* A store of one's own replaces it. */
    SSL_CTX_set_cert_store(cctx, store);
    CHECK(SSL_CTX_get_cert_store(cctx) == store);
    store = NULL;
    CHECK_INT(result_with(cctx, sctx, NULL, NULL, 0), ==,
              X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    CHECK_INT(SSL_CTX_load_verify_file(cctx, cert_path("ca.pem")), ==, 1);
    CHECK_INT(result_with(cctx, sctx, NULL, NULL, 0), ==, X509_V_OK);
    CHECK_INT(X509_STORE_load_locations(SSL_CTX_get_cert_store(cctx), NULL, NULL), ==, 0);
    ERR_clear_error();
    CHECK_INT(SSL_CTX_load_verify_file(cctx, cert_path("missing.pem")), ==, 0);
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
    /* The system's defaults, pointed at our CA the documented way. */
    SSL_CTX_set_cert_store(cctx, X509_STORE_new());
    setenv("SSL_CERT_FILE", cert_path("ca.pem"), 1);
    CHECK_INT(SSL_CTX_set_default_verify_paths(cctx), ==, 1);
    CHECK_INT(result_with(cctx, sctx, NULL, NULL, 0), ==, X509_V_OK);
    /* Nothing there: still 1, and nothing on the error queue. */
    setenv("SSL_CERT_FILE", cert_path("missing.pem"), 1);
    CHECK_INT(X509_STORE_set_default_paths(SSL_CTX_get_cert_store(cctx)), ==, 1);
    CHECK_INT(ERR_peek_error(), ==, 0);
    ok = 1;
out:
    if (old_env != NULL)
        setenv("SSL_CERT_FILE", old_env, 1);
    else
        unsetenv("SSL_CERT_FILE");
    X509_STORE_free(store);
    X509_free(ca);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return ok;
}

/* ---- Verification outside a handshake ------------------------------------------------ */

static int accept_expired(int ok, X509_STORE_CTX *ctx)
{
    return ok || X509_STORE_CTX_get_error(ctx) == X509_V_ERR_CERT_HAS_EXPIRED;
}

/* X509_verify_cert's result and error, and the chain's length. */
static int standalone(X509_STORE *store, const char *cert, const char *extra,
                      X509_STORE_CTX_verify_cb cb, const char *host, int *error, int *chain_len)
{
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    X509 *x = cert != NULL ? load(cert) : NULL;
    X509 *mid = extra != NULL ? load(extra) : NULL;
    STACK_OF(X509) *untrusted = sk_X509_new_null();
    int ret = -99;

    if (ctx == NULL || untrusted == NULL || (cert != NULL && x == NULL))
        goto out;
    if (mid != NULL) {
        if (!sk_X509_push(untrusted, mid))
            goto out;
        mid = NULL;
    }
    if (X509_STORE_CTX_init(ctx, store, x, untrusted) != 1)
        goto out;
    if (cb != NULL)
        X509_STORE_CTX_set_verify_cb(ctx, cb);
    if (host != NULL)
        X509_VERIFY_PARAM_set1_host(X509_STORE_CTX_get0_param(ctx), host, 0);
    ret = X509_verify_cert(ctx);
    *error = X509_STORE_CTX_get_error(ctx);
    *chain_len = sk_X509_num(X509_STORE_CTX_get0_chain(ctx));
out:
    ERR_clear_error();
    sk_X509_pop_free(untrusted, X509_free);
    X509_free(mid);
    X509_free(x);
    X509_STORE_CTX_free(ctx);
    return ret;
}

static int verify_cert_standalone(void)
{
    X509_STORE *store = X509_STORE_new();
    int error = -1;
    int len = -1;
    int ok = 0;

    CHECK(store != NULL);
    CHECK_INT(X509_STORE_load_file(store, cert_path("ca.pem")), ==, 1);
    CHECK_INT(standalone(store, "server.pem", NULL, NULL, NULL, &error, &len), ==, 1);
    CHECK_INT(error, ==, X509_V_OK);
    CHECK_INT(len, ==, 2);
    CHECK_INT(standalone(store, "chained.pem", "intermediate.pem", NULL, NULL, &error, &len), ==,
              1);
    CHECK_INT(len, ==, 3);
    CHECK_INT(standalone(store, "chained.pem", NULL, NULL, NULL, &error, &len), ==, 0);
    CHECK_INT(error, ==, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    CHECK_INT(standalone(store, "untrusted.pem", NULL, NULL, NULL, &error, &len), ==, 0);
    CHECK_INT(error, ==, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    CHECK_INT(standalone(store, "expired.pem", NULL, NULL, NULL, &error, &len), ==, 0);
    CHECK_INT(error, ==, X509_V_ERR_CERT_HAS_EXPIRED);
    CHECK_INT(standalone(store, "expired.pem", NULL, accept_expired, NULL, &error, &len), ==, 1);
    CHECK_INT(standalone(store, "server.pem", NULL, NULL, "other.test", &error, &len), ==, 0);
    CHECK_INT(error, ==, X509_V_ERR_HOSTNAME_MISMATCH);
    CHECK_INT(standalone(store, NULL, NULL, NULL, NULL, &error, &len), ==, -1);
    ok = 1;
out:
    X509_STORE_free(store);
    return ok;
}

/* ---- The application's own chain verification ---------------------------------------- */

static int cert_verify_calls;

static int verify_with_openssl_rules(X509_STORE_CTX *ctx, void *arg)
{
    cert_verify_calls++;
    CHECK(arg == &cert_verify_calls);
    CHECK(X509_STORE_CTX_get0_cert(ctx) != NULL);
    CHECK(strcmp(cn_of(X509_STORE_CTX_get0_cert(ctx)), "localhost") == 0);
    /* The connection is where OpenSSL puts it. */
    CHECK(X509_STORE_CTX_get_ex_data(ctx, SSL_get_ex_data_X509_STORE_CTX_idx()) != NULL);
    return X509_verify_cert(ctx);
out:
    return 0;
}

static int accept_anything(X509_STORE_CTX *ctx, void *arg)
{
    (void)ctx;
    (void)arg;
    cert_verify_calls++;
    return 1;
}

static int refuse_with_reason(X509_STORE_CTX *ctx, void *arg)
{
    (void)arg;
    cert_verify_calls++;
    X509_STORE_CTX_set_error(ctx, X509_V_ERR_APPLICATION_VERIFICATION);
    return 0;
}

static int cert_verify_callback(void)
{
    SSL_CTX *cctx = client_ctx("ca.pem", SSL_VERIFY_PEER, 0, 0);
    SSL_CTX *good = chained_server(1);
    SSL_CTX *untrusted = server_ctx("untrusted.pem", "server.key", 0, 0);
    SSL *c = NULL;
    int ok = 0;

    CHECK(cctx != NULL && good != NULL && untrusted != NULL);
    SSL_CTX_set_cert_verify_callback(cctx, verify_with_openssl_rules, &cert_verify_calls);
    cert_verify_calls = 0;
    CHECK(handshake(cctx, good, NULL, &c));
    CHECK_INT(cert_verify_calls, ==, 1);
    CHECK_INT(SSL_get_verify_result(c), ==, X509_V_OK);
    CHECK_INT(sk_X509_num(SSL_get0_verified_chain(c)), ==, 3);
    SSL_free(c);
    c = NULL;
    CHECK(!handshake(cctx, untrusted, NULL, &c));
    CHECK_INT(SSL_get_verify_result(c), ==, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    SSL_free(c);
    c = NULL;
    /* Whatever it decides is the decision. */
    SSL_CTX_set_cert_verify_callback(cctx, accept_anything, NULL);
    CHECK(handshake(cctx, untrusted, NULL, NULL));
    SSL_CTX_set_cert_verify_callback(cctx, refuse_with_reason, NULL);
    CHECK(!handshake(cctx, good, NULL, &c));
    CHECK_INT(SSL_get_verify_result(c), ==, X509_V_ERR_APPLICATION_VERIFICATION);
    ok = 1;
out:
    SSL_free(c);
    SSL_CTX_free(cctx);
    SSL_CTX_free(good);
    SSL_CTX_free(untrusted);
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"peer certificates and the verified chain", peer_certificates},
        {"a server's view of a client certificate", server_sees_client_certificate},
        {"verify depth limits", depth_limits},
        {"chains ending at a trusted intermediate", partial_chains},
        {"host, address and e-mail checks", identity_checks},
        {"a fixed verification time", verification_time},
        {"revocation with CRL_CHECK and CRL_CHECK_ALL", revocation},
        {"trust stores and the system's defaults", trust_stores},
        {"hashed certificate directories", hashed_directories},
        {"X509_verify_cert outside a handshake", verify_cert_standalone},
        {"SSL_CTX_set_cert_verify_callback", cert_verify_callback},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
