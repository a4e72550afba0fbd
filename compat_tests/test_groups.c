/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Key exchange groups and signature algorithms: OpenSSL's list rules
 * (names and aliases, the errors it gives and the ones it does not), and
 * what the lists do to a handshake. DH parameters for DHE: the objects
 * legacy servers read or build them into, and how a server takes them.
 */
#include <string.h>

#include <openssl/bn.h>
#include <openssl/dh.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/pem.h>

#include "testlib.h"

/* The result and the first error's reason (0: none) of a list setter. */
static int groups_list(SSL_CTX *ctx, const char *list, int *reason)
{
    int ret;

    ERR_clear_error();
    ret = SSL_CTX_set1_groups_list(ctx, list);
    *reason = ERR_GET_REASON(ERR_peek_error());
    ERR_clear_error();
    return ret;
}

static int group_lists(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    int nids[2] = {NID_X25519, NID_secp384r1};
    int twice[2] = {NID_X25519, NID_X25519};
    int unknown[1] = {NID_sha256};
    int reason = -1;
    int ok = 0;

    CHECK(ctx != NULL);
    CHECK_INT(groups_list(ctx, "X25519", &reason), ==, 1);
    CHECK_INT(groups_list(ctx, "x25519", &reason), ==, 1);
    CHECK_INT(groups_list(ctx, "P-256:prime256v1", &reason), ==, 0); /* the same group twice */
    CHECK_INT(reason, ==, 0);
    CHECK_INT(groups_list(ctx, "prime256v1", &reason), ==, 1);
    CHECK_INT(groups_list(ctx, "secp256r1:P-384:P-521", &reason), ==, 1);
    CHECK_INT(groups_list(ctx, "junk", &reason), ==, 0);
    CHECK_INT(reason, ==, ERR_R_PASSED_INVALID_ARGUMENT);
    CHECK_INT(groups_list(ctx, "X25519:junk", &reason), ==, 0);
    CHECK_INT(reason, ==, ERR_R_PASSED_INVALID_ARGUMENT);
    CHECK_INT(groups_list(ctx, "X25519,P-256", &reason), ==, 0);
    CHECK_INT(reason, ==, ERR_R_PASSED_INVALID_ARGUMENT);
    CHECK_INT(groups_list(ctx, "", &reason), ==, 0);
    CHECK_INT(reason, ==, 0);
    CHECK_INT(SSL_CTX_set1_curves_list(ctx, "P-256"), ==, 1);
    CHECK_INT(SSL_CTX_set1_groups(ctx, nids, 2), ==, 1);
    CHECK_INT(SSL_CTX_set1_groups(ctx, twice, 2), ==, 0);
    CHECK_INT(SSL_CTX_set1_groups(ctx, unknown, 1), ==, 0);
    ERR_clear_error();
    /* OpenSSL 1.1's automatic DH, still in legacy programs. */
    CHECK_INT(SSL_CTX_set_dh_auto(ctx, 1), ==, 1);
    ok = 1;
out:
    SSL_CTX_free(ctx);
    return ok;
}

static int sigalgs_list(SSL_CTX *ctx, const char *list)
{
    int ret = SSL_CTX_set1_sigalgs_list(ctx, list);

    ERR_clear_error();
    return ret;
}

static int sigalg_lists(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    int ok = 0;

    CHECK(ctx != NULL);
    CHECK_INT(sigalgs_list(ctx, "ECDSA+SHA256"), ==, 1);
    CHECK_INT(sigalgs_list(ctx, "ecdsa_secp256r1_sha256"), ==, 1);
    CHECK_INT(sigalgs_list(ctx, "RSA-PSS+SHA256"), ==, 1);
    CHECK_INT(sigalgs_list(ctx, "rsa_pss_rsae_sha256:RSA+SHA256"), ==, 1);
    CHECK_INT(sigalgs_list(ctx, "RSA+SHA1"), ==, 1);
    CHECK_INT(sigalgs_list(ctx, "junk"), ==, 0);
    CHECK_INT(sigalgs_list(ctx, "ECDSA+SHA256:junk"), ==, 0);
    CHECK_INT(sigalgs_list(ctx, "ecdsa+sha256"), ==, 0); /* names are case-sensitive */
    ok = 1;
out:
    SSL_CTX_free(ctx);
    return ok;
}

/* A handshake between a client and a server with the given lists (NULL:
 * the defaults); 1 when both ends finished. */
static int handshake_with(int version, const char *client_groups, const char *server_groups,
                          const char *client_sigalgs)
{
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, version, version);
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr = {0};
    struct side sr = {0};
    int done = 0;

    if (sctx != NULL && cctx != NULL &&
        (client_groups == NULL || SSL_CTX_set1_groups_list(cctx, client_groups) == 1) &&
        (server_groups == NULL || SSL_CTX_set1_groups_list(sctx, server_groups) == 1) &&
        (client_sigalgs == NULL || SSL_CTX_set1_sigalgs_list(cctx, client_sigalgs) == 1) &&
        make_pair(cctx, sctx, &c, &s))
        done = drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL);
    ERR_clear_error();
    free_pair(c, s, cctx, sctx);
    return done;
}

/* The lists decide: a group in common (also one the client must be asked
 * for again, TLS 1.3's HelloRetryRequest), none in common, a signature
 * algorithm the server's ECDSA key can make or not. */
static int lists_in_handshakes(void)
{
    int ok = 0;

    CHECK(handshake_with(TLS1_3_VERSION, "P-384", NULL, NULL));
    CHECK(handshake_with(TLS1_3_VERSION, "X25519:P-384", "P-384", NULL));
    CHECK(!handshake_with(TLS1_3_VERSION, "P-384", "X25519", NULL));
    CHECK(handshake_with(TLS1_2_VERSION, "P-256:P-384", "P-384:P-256", NULL));
    CHECK(handshake_with(0, NULL, NULL, "ECDSA+SHA256"));
    CHECK(!handshake_with(0, NULL, NULL, "RSA+SHA256:RSA-PSS+SHA256"));
    ok = 1;
out:
    return ok;
}

/* A finished handshake with the given settings, for what each end reports
 * after it; the caller frees both ends and contexts. */
struct negotiation {
    int version;
    const char *chain; /* the server's certificate and key (server.pem: P-256) */
    const char *key;
    const char *client_groups;
    const char *server_groups;
    const char *client_sigalgs;
    const char *server_sigalgs;
    const char *ciphers;
    int server_preference;
    int client_auth;
};

static int negotiate(const struct negotiation *n, SSL_CTX **cctx, SSL_CTX **sctx, SSL **c, SSL **s)
{
    struct side cr = {0};
    struct side sr = {0};

    *c = *s = NULL;
    *sctx = server_ctx(n->chain != NULL ? n->chain : "server.pem",
                       n->key != NULL ? n->key : "server.key", 0, 0);
    *cctx = client_ctx(NULL, SSL_VERIFY_NONE, n->version, n->version);
    if (*sctx == NULL || *cctx == NULL)
        return 0;
    if ((n->client_groups != NULL && SSL_CTX_set1_groups_list(*cctx, n->client_groups) != 1) ||
        (n->server_groups != NULL && SSL_CTX_set1_groups_list(*sctx, n->server_groups) != 1) ||
        (n->client_sigalgs != NULL && SSL_CTX_set1_sigalgs_list(*cctx, n->client_sigalgs) != 1) ||
        (n->server_sigalgs != NULL && SSL_CTX_set1_sigalgs_list(*sctx, n->server_sigalgs) != 1) ||
        (n->ciphers != NULL && SSL_CTX_set_cipher_list(*cctx, n->ciphers) != 1))
        return 0;
    if (n->server_preference)
        SSL_CTX_set_options(*sctx, SSL_OP_CIPHER_SERVER_PREFERENCE);
    if (n->client_auth) {
        if (!load_identity(*cctx, "client.pem", "client.key") || !load_trust(*sctx, "ca.pem"))
            return 0;
        SSL_CTX_set_verify(*sctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
    }
    return make_pair(*cctx, *sctx, c, s) &&
           drive_handshake(*c, hs_connect, &cr, *s, hs_accept, &sr, NULL, NULL);
}

/* The group both ends report after a handshake with the given lists
 * (NID_undef without one), or -1 when the handshake failed or the ends
 * disagree. */
static long negotiated_group(int version, const char *client_groups, const char *server_groups,
                             const char *ciphers)
{
    struct negotiation n = {0};
    SSL_CTX *cctx;
    SSL_CTX *sctx;
    SSL *c;
    SSL *s;
    long group = -1;

    n.version = version;
    n.client_groups = client_groups;
    n.server_groups = server_groups;
    n.ciphers = ciphers;
    if (ciphers != NULL) {
        n.chain = "rsa-server.pem";
        n.key = "rsa.key";
    }
    if (negotiate(&n, &cctx, &sctx, &c, &s) &&
        SSL_get_negotiated_group(c) == SSL_get_negotiated_group(s))
        group = SSL_get_negotiated_group(c);
    ERR_clear_error();
    free_pair(c, s, cctx, sctx);
    return group;
}

/* The key exchange group, read by both ends: TLS 1.3's key share (also
 * after a HelloRetryRequest), TLS 1.2's ECDHE parameters; none for an RSA
 * key exchange. */
static int negotiated_groups(void)
{
    int ok = 0;

    CHECK_INT(negotiated_group(TLS1_3_VERSION, NULL, NULL, NULL), ==, NID_X25519);
    CHECK_INT(negotiated_group(TLS1_3_VERSION, "P-384:X25519", "X25519:P-384", NULL), ==,
              NID_secp384r1);
    CHECK_INT(negotiated_group(TLS1_3_VERSION, "X25519:P-384", "P-384", NULL), ==, NID_secp384r1);
    CHECK_INT(negotiated_group(TLS1_3_VERSION, "ffdhe2048", "ffdhe2048", NULL), ==, NID_ffdhe2048);
    CHECK_INT(negotiated_group(TLS1_2_VERSION, NULL, NULL, NULL), ==, NID_X25519);
    CHECK_INT(negotiated_group(TLS1_2_VERSION, "P-521:P-256", "P-521", NULL), ==, NID_secp521r1);
    CHECK_INT(negotiated_group(TLS1_2_VERSION, NULL, NULL, "ECDHE-RSA-AES128-GCM-SHA256"), ==,
              NID_X25519);
    CHECK_INT(negotiated_group(TLS1_2_VERSION, NULL, NULL, "AES128-GCM-SHA256"), ==, NID_undef);
    ok = 1;
out:
    return ok;
}

/* Whose order picks the group: the client's, unless the server prefers
 * its own (TLS 1.2's ECDHE; TLS 1.3 takes the client's key share). */
static long group_by_preference(int version, const char *client_groups,
                                const char *server_groups, int server_preference)
{
    struct negotiation n = {0};
    SSL_CTX *cctx;
    SSL_CTX *sctx;
    SSL *c;
    SSL *s;
    long group = -1;

    n.version = version;
    n.client_groups = client_groups;
    n.server_groups = server_groups;
    n.server_preference = server_preference;
    if (negotiate(&n, &cctx, &sctx, &c, &s) &&
        SSL_get_negotiated_group(c) == SSL_get_negotiated_group(s))
        group = SSL_get_negotiated_group(c);
    ERR_clear_error();
    free_pair(c, s, cctx, sctx);
    return group;
}

static int group_order(void)
{
    int ok = 0;

    CHECK_INT(group_by_preference(TLS1_2_VERSION, "X25519:P-256", "P-256:X25519", 0), ==,
              NID_X25519);
    CHECK_INT(group_by_preference(TLS1_2_VERSION, "X25519:P-256", "P-256:X25519", 1), ==,
              NID_X9_62_prime256v1);
    CHECK_INT(group_by_preference(TLS1_2_VERSION, "P-256:P-384", "P-384:P-256", 0), ==,
              NID_X9_62_prime256v1);
    CHECK_INT(group_by_preference(TLS1_2_VERSION, "P-256:P-384", "P-384:P-256", 1), ==,
              NID_secp384r1);
    CHECK_INT(group_by_preference(TLS1_3_VERSION, "P-256:P-384", "P-384:P-256", 1), ==,
              NID_X9_62_prime256v1);
    ok = 1;
out:
    return ok;
}

/* The groups a server shares with its client: the client's offer it takes,
 * in the client's order unless the server prefers its own; a client has
 * none. */
static int shared_groups(void)
{
    struct negotiation n = {0};
    SSL_CTX *cctx = NULL;
    SSL_CTX *sctx = NULL;
    SSL *c = NULL;
    SSL *s = NULL;
    int ok = 0;

    n.version = TLS1_3_VERSION;
    n.client_groups = "P-384:X25519:P-256";
    n.server_groups = "X25519:P-521:P-384";
    CHECK(negotiate(&n, &cctx, &sctx, &c, &s));
    CHECK_INT(SSL_get_shared_group(s, -1), ==, 2);
    CHECK_INT(SSL_get_shared_group(s, 0), ==, NID_secp384r1);
    CHECK_INT(SSL_get_shared_group(s, 1), ==, NID_X25519);
    CHECK_INT(SSL_get_shared_group(s, 2), ==, NID_undef);
    CHECK_INT(SSL_get_shared_group(c, -1), ==, 0);
    CHECK_INT(SSL_get_shared_group(c, 0), ==, NID_undef);
    free_pair(c, s, cctx, sctx);
    c = s = NULL;
    cctx = sctx = NULL;

    n.server_preference = 1;
    CHECK(negotiate(&n, &cctx, &sctx, &c, &s));
    CHECK_INT(SSL_get_shared_group(s, -1), ==, 2);
    CHECK_INT(SSL_get_shared_group(s, 0), ==, NID_X25519);
    CHECK_INT(SSL_get_shared_group(s, 1), ==, NID_secp384r1);
    ok = 1;
out:
    ERR_clear_error();
    free_pair(c, s, cctx, sctx);
    return ok;
}

/* The peer's signature type and hash NIDs after a handshake (0 each when
 * it reports none); 0 when the handshake failed. */
static int peer_signature(const struct negotiation *n, int server_side, int *type, int *hash)
{
    SSL_CTX *cctx;
    SSL_CTX *sctx;
    SSL *c;
    SSL *s;
    int done = negotiate(n, &cctx, &sctx, &c, &s);

    *type = *hash = 0;
    if (done) {
        (void)SSL_get_peer_signature_type_nid(server_side ? s : c, type);
        (void)SSL_get_peer_signature_nid(server_side ? s : c, hash);
    }
    ERR_clear_error();
    free_pair(c, s, cctx, sctx);
    return done;
}

/* What the peer signed with: the server's key exchange (TLS 1.2) or
 * CertificateVerify (TLS 1.3), and a client's with client certificates. */
static int peer_signatures(void)
{
    struct negotiation n = {0};
    SSL_CTX *ctx = NULL;
    SSL *fresh = NULL;
    int type;
    int hash;
    int ok = 0;

    n.version = TLS1_3_VERSION;
    CHECK(peer_signature(&n, 0, &type, &hash));
    CHECK_INT(type, ==, EVP_PKEY_EC);
    CHECK_INT(hash, ==, NID_sha256);
    n.chain = "p384-server.pem";
    n.key = "p384.key";
    CHECK(peer_signature(&n, 0, &type, &hash));
    CHECK_INT(type, ==, EVP_PKEY_EC);
    CHECK_INT(hash, ==, NID_sha384);
    n.chain = "rsa-server.pem";
    n.key = "rsa.key";
    CHECK(peer_signature(&n, 0, &type, &hash));
    CHECK_INT(type, ==, EVP_PKEY_RSA_PSS);
#ifdef MBEDTLS_OPENSSL_COMPAT
    /* Encrypted, and the hash is the server's choice (docs/parity.md). */
    CHECK_INT(hash, ==, 0);
#else
    CHECK_INT(hash, ==, NID_sha256);
#endif
    n.chain = n.key = NULL;
    n.client_auth = 1;
    CHECK(peer_signature(&n, 1, &type, &hash));
    CHECK_INT(type, ==, EVP_PKEY_EC);
    CHECK_INT(hash, ==, NID_sha256);
    CHECK(peer_signature(&n, 0, &type, &hash));
    CHECK_INT(type, ==, EVP_PKEY_EC);

    n.version = TLS1_2_VERSION;
    n.client_auth = 0;
    n.client_sigalgs = "ECDSA+SHA384";
    CHECK(peer_signature(&n, 0, &type, &hash));
    CHECK_INT(type, ==, EVP_PKEY_EC);
    CHECK_INT(hash, ==, NID_sha384);
    CHECK(peer_signature(&n, 1, &type, &hash)); /* no client certificate */
    CHECK_INT(type, ==, 0);
    CHECK_INT(hash, ==, 0);
    n.client_sigalgs = "RSA+SHA384";
    n.chain = "rsa-server.pem";
    n.key = "rsa.key";
    CHECK(peer_signature(&n, 0, &type, &hash));
    CHECK_INT(type, ==, EVP_PKEY_RSA);
    CHECK_INT(hash, ==, NID_sha384);
    n.client_sigalgs = NULL;
    n.ciphers = "AES128-GCM-SHA256"; /* RSA key exchange: nothing signed */
    CHECK(peer_signature(&n, 0, &type, &hash));
    CHECK_INT(type, ==, 0);
    CHECK_INT(hash, ==, 0);
    n.chain = n.key = NULL;
    n.client_auth = 1;
    n.server_sigalgs = "ECDSA+SHA256";
    /* mbedTLS's TLS 1.2 client signs with its suite's hash: SHA-256 here. */
    n.ciphers = "ECDHE-ECDSA-AES128-GCM-SHA256";
    CHECK(peer_signature(&n, 1, &type, &hash));
    CHECK_INT(type, ==, EVP_PKEY_EC);
    CHECK_INT(hash, ==, NID_sha256);

    /* Before a handshake there is nothing to report. */
    CHECK((ctx = SSL_CTX_new(TLS_method())) != NULL && (fresh = SSL_new(ctx)) != NULL);
    type = hash = -1;
    CHECK_INT(SSL_get_peer_signature_type_nid(fresh, &type), ==, 0);
    CHECK_INT(SSL_get_peer_signature_nid(fresh, &hash), ==, 0);
    CHECK_INT(type, ==, -1);
    CHECK_INT(hash, ==, -1);
    ok = 1;
out:
    SSL_free(fresh);
    SSL_CTX_free(ctx);
    return ok;
}

/* ---- DH parameters ----------------------------------------------------------------------- */

static DH *read_dh_file(const char *name)
{
    BIO *b = cert_file_bio(name);
    DH *dh = b != NULL ? PEM_read_bio_DHparams(b, NULL, NULL, NULL) : NULL;

    BIO_free(b);
    return dh;
}

/* The few BIGNUM calls programs make to build parameters. */
static int bignums(void)
{
    static const unsigned char padded[] = {0, 0, 0xC3, 0x01};
    static const unsigned char wide[] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    BIGNUM *a = BN_bin2bn(padded, sizeof(padded), NULL);
    BIGNUM *big = BN_bin2bn(wide, sizeof(wide), NULL);
    BIGNUM *zero = BN_new();
    BIGNUM *copy = NULL;
    unsigned char out[16];
    int ok = 0;

    CHECK(a != NULL && big != NULL && zero != NULL);
    CHECK_INT(BN_num_bits(a), ==, 16);
    CHECK_INT(BN_num_bytes(a), ==, 2);
    CHECK_INT(BN_get_word(a), ==, 0xC301);
    CHECK(BN_get_word(big) == ~(BN_ULONG)0);
    CHECK_INT(BN_bn2bin(a, out), ==, 2);
    CHECK(out[0] == 0xC3 && out[1] == 0x01);
    CHECK_INT(BN_num_bits(zero), ==, 0);
    CHECK_INT(BN_bn2bin(zero, out), ==, 0);
    CHECK_INT(BN_cmp(zero, a), ==, -1);
    CHECK_INT(BN_cmp(big, a), ==, 1);
    CHECK_INT(BN_cmp(a, NULL), ==, -1);
    CHECK_INT(BN_cmp(NULL, a), ==, 1);
    CHECK((copy = BN_dup(a)) != NULL);
    CHECK_INT(BN_cmp(copy, a), ==, 0);
    CHECK_INT(BN_set_word(copy, 2), ==, 1);
    CHECK_INT(BN_num_bits(copy), ==, 2);
    CHECK(BN_bin2bn(wide, -1, NULL) == NULL);
    ok = 1;
out:
    BN_free(a);
    BN_free(big);
    BN_clear_free(zero);
    BN_free(copy);
    return ok;
}

/* DH objects: an RFC 7919 group by NID, its DER and PEM forms, files in
 * both PEM forms, and parameters built from BIGNUMs. */
static int dh_objects(void)
{
    DH *named = DH_new_by_nid(NID_ffdhe2048);
    DH *back = NULL;
    DH *pem_back = NULL;
    DH *small = read_dh_file("dh1024.pem");
    DH *x942 = read_dh_file("dhx2048.pem");
    DH *built = DH_new();
    BIO *mem = BIO_new(BIO_s_mem());
    BIO *junk = BIO_new_mem_buf("junk", 4);
    BIGNUM *p = NULL;
    BIGNUM *g = NULL;
    unsigned char *der = NULL;
    const unsigned char *in;
    const BIGNUM *q;
    int len;
    int ok = 0;

    CHECK(named != NULL && small != NULL && x942 != NULL && built != NULL && mem != NULL);
    CHECK_INT(DH_bits(named), ==, 2048);
    CHECK_INT(DH_size(named), ==, 256);
    CHECK_INT(DH_security_bits(named), ==, 112);
    CHECK_INT(DH_get_nid(named), ==, NID_ffdhe2048);
    CHECK_INT(BN_get_word(DH_get0_g(named)), ==, 2);
    CHECK(DH_new_by_nid(NID_sha256) == NULL);
    CHECK(ERR_get_error() != 0);

    /* PKCS #3 DER: SEQUENCE { p, g }, p with a zero byte before its top bit. */
    len = i2d_DHparams(named, &der);
    CHECK_INT(len, ==, 268);
    CHECK_INT(i2d_DHparams(named, NULL), ==, 268);
    CHECK(der[0] == 0x30 && der[1] == 0x82 && der[2] == 0x01 && der[3] == 0x08);
    CHECK(der[4] == 0x02 && der[7] == 0x01 && der[8] == 0x00);
    in = der;
    CHECK((back = d2i_DHparams(NULL, &in, len)) != NULL);
    CHECK(in == der + len);
    CHECK_INT(BN_cmp(DH_get0_p(back), DH_get0_p(named)), ==, 0);
    in = der;
    CHECK(d2i_DHparams(NULL, &in, 10) == NULL);
    CHECK(ERR_get_error() != 0);
    ERR_clear_error();

    CHECK_INT(PEM_write_bio_DHparams(mem, named), ==, 1);
    CHECK((pem_back = PEM_read_bio_DHparams(mem, NULL, NULL, NULL)) != NULL);
    CHECK_INT(DH_get_nid(pem_back), ==, NID_ffdhe2048);
    CHECK(PEM_read_bio_DHparams(junk, NULL, NULL, NULL) == NULL);
    CHECK_INT(ERR_GET_REASON(ERR_peek_last_error()), ==, PEM_R_NO_START_LINE);
    ERR_clear_error();

    CHECK_INT(DH_bits(small), ==, 1024);
    CHECK_INT(DH_security_bits(small), ==, 80);
    /* X9.42 parameters keep q, which caps the strength at half its size. */
    CHECK_INT(DH_bits(x942), ==, 2048);
    CHECK((q = DH_get0_q(x942)) != NULL);
    CHECK_INT(BN_num_bits(q), ==, 224);
    CHECK_INT(DH_security_bits(x942), ==, 112);

    /* Built by hand, as `openssl dhparam -C` code does. */
    CHECK_INT(DH_bits(built), ==, -1);
    CHECK_INT(DH_size(built), ==, -1);
    CHECK_INT(DH_security_bits(built), ==, -1);
    CHECK_INT(i2d_DHparams(built, NULL), ==, -1);
    ERR_clear_error();
    CHECK_INT(DH_set0_pqg(built, NULL, NULL, NULL), ==, 0);
    CHECK((g = BN_new()) != NULL && BN_set_word(g, 2) == 1);
    CHECK_INT(DH_set0_pqg(built, NULL, NULL, g), ==, 0);
    CHECK((p = BN_dup(DH_get0_p(named))) != NULL);
    CHECK_INT(DH_set0_pqg(built, p, NULL, g), ==, 1);
    p = g = NULL; /* built owns them */
    CHECK_INT(DH_get_nid(built), ==, NID_ffdhe2048);
    CHECK_INT(DH_up_ref(built), ==, 1);
    DH_free(built);
    CHECK_INT(DH_bits(built), ==, 2048);
    ok = 1;
out:
    OPENSSL_free(der);
    BN_free(p);
    BN_free(g);
    DH_free(named);
    DH_free(back);
    DH_free(pem_back);
    DH_free(small);
    DH_free(x942);
    DH_free(built);
    BIO_free(mem);
    BIO_free(junk);
    return ok;
}

/* OpenSSL's answers when a server is given parameters: a copy is kept if
 * they are as strong as the security level asks. */
static int tmp_dh_setters(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    SSL *s = NULL;
    DH *strong = DH_new_by_nid(NID_ffdhe3072);
    DH *small = read_dh_file("dh1024.pem");
    DH *empty = DH_new();
    int ok = 0;

    CHECK(ctx != NULL && strong != NULL && small != NULL && empty != NULL);
    SSL_CTX_set_security_level(ctx, 2);
    CHECK_INT(SSL_CTX_set_tmp_dh(ctx, NULL), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, ERR_R_PASSED_NULL_PARAMETER);
    CHECK_INT(SSL_CTX_set_tmp_dh(ctx, small), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_DH_KEY_TOO_SMALL);
    CHECK_INT(SSL_CTX_set_tmp_dh(ctx, empty), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_DH_KEY_TOO_SMALL);
    CHECK_INT(SSL_CTX_set_tmp_dh(ctx, strong), ==, 1);
    DH_free(strong); /* the context keeps its own copy */
    strong = NULL;
    CHECK((s = SSL_new(ctx)) != NULL);
    CHECK_INT(SSL_set_tmp_dh(s, small), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_DH_KEY_TOO_SMALL);
    SSL_set_security_level(s, 1);
    CHECK_INT(SSL_set_tmp_dh(s, small), ==, 1);
    CHECK_INT(ERR_peek_error(), ==, 0);
    ok = 1;
out:
    ERR_clear_error();
    SSL_free(s);
    SSL_CTX_free(ctx);
    DH_free(strong);
    DH_free(small);
    DH_free(empty);
    return ok;
}

/* How a server is given DH parameters in dhe_handshake. */
enum dh_source {
    DH_NONE,
    DH_ON_CONTEXT,
    DH_ON_CONNECTION,
    DH_FROM_CALLBACK,            /* the context's */
    DH_FROM_CONNECTION_CALLBACK, /* the connection's */
};

struct dhe_server {
    int ctx_auto;  /* SSL_CTX_set_dh_auto(1), or -1 for (0); 0: not called */
    int conn_auto; /* the same for SSL_set_dh_auto */
    DH *dh;
    enum dh_source source;
    int level;        /* the server's security level */
    int client_level; /* the client's */
};

static struct {
    DH *dh;
    int calls;
    int is_export;
    int keylength;
} dh_callback;

static DH *give_dh(SSL *s, int is_export, int keylength)
{
    (void)s;
    dh_callback.calls++;
    dh_callback.is_export = is_export;
    dh_callback.keylength = keylength;
    return dh_callback.dh;
}

/* Whether a client offering only DHE completed a handshake with an RSA
 * server set up as d says; the server's first error reason, 0 if none. */
static int dhe_handshake(const struct dhe_server *d, int *server_reason)
{
    SSL_CTX *sctx = server_ctx("rsa-server.pem", "rsa.key", 0, 0);
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, 0, TLS1_2_VERSION);
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr = {0};
    struct side sr = {0};
    int done = 0;

    dh_callback.dh = d->dh;
    dh_callback.calls = 0;
    if (sctx == NULL || cctx == NULL)
        goto out;
    SSL_CTX_set_security_level(sctx, d->level);
    SSL_CTX_set_security_level(cctx, d->client_level);
    if (SSL_CTX_set_cipher_list(cctx, "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384") != 1 ||
        (d->ctx_auto != 0 && SSL_CTX_set_dh_auto(sctx, d->ctx_auto > 0) != 1) ||
        (d->source == DH_ON_CONTEXT && SSL_CTX_set_tmp_dh(sctx, d->dh) != 1))
        goto out;
    if (d->source == DH_FROM_CALLBACK)
        SSL_CTX_set_tmp_dh_callback(sctx, give_dh);
    if (!make_pair(cctx, sctx, &c, &s) ||
        (d->conn_auto != 0 && SSL_set_dh_auto(s, d->conn_auto > 0) != 1) ||
        (d->source == DH_ON_CONNECTION && SSL_set_tmp_dh(s, d->dh) != 1))
        goto out;
    if (d->source == DH_FROM_CONNECTION_CALLBACK)
        SSL_set_tmp_dh_callback(s, give_dh);
    ERR_clear_error();
    done = drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL) &&
           strncmp(SSL_get_cipher_name(c), "DHE-RSA-", 8) == 0;
    *server_reason = ERR_GET_REASON(sr.code);
out:
    ERR_clear_error();
    free_pair(c, s, cctx, sctx);
    return done;
}

/* An OpenSSL server does DHE only with DH parameters: automatic ones once
 * turned on, for the context or the connection. */
static int dhe_needs_parameters(void)
{
    static const struct dhe_server none = {0, 0, NULL, DH_NONE, 2, 2};
    static const struct dhe_server auto_off = {-1, 0, NULL, DH_NONE, 2, 2};
    static const struct dhe_server auto_on = {1, 0, NULL, DH_NONE, 2, 2};
    static const struct dhe_server off_for_connection = {1, -1, NULL, DH_NONE, 2, 2};
    static const struct dhe_server on_for_connection = {0, 1, NULL, DH_NONE, 2, 2};
    int reason = 0;
    int ok = 0;

    CHECK(!dhe_handshake(&none, &reason));
    CHECK_INT(reason, ==, SSL_R_NO_SHARED_CIPHER);
    CHECK(!dhe_handshake(&auto_off, &reason));
    CHECK(dhe_handshake(&auto_on, &reason));
    CHECK(!dhe_handshake(&off_for_connection, &reason));
    CHECK(dhe_handshake(&on_for_connection, &reason));
    ok = 1;
out:
    return ok;
}

/* dhe_handshake with parameters dh from source, at the two levels, with
 * automatic parameters on when ctx_auto. */
static int dhe_given(DH *dh, enum dh_source source, int ctx_auto, int level, int client_level)
{
    struct dhe_server d = {ctx_auto, 0, dh, source, level, client_level};
    int reason;

    return dhe_handshake(&d, &reason);
}

/* The server does DHE with the parameters it is given. A client at level 2
 * refuses a 1024-bit group that one at level 1 takes: that shows which
 * parameters the server used. */
static int dhe_with_given_parameters(void)
{
    DH *strong = DH_new_by_nid(NID_ffdhe2048);
    DH *small = read_dh_file("dh1024.pem");
    int ok = 0;

    CHECK(strong != NULL && small != NULL);
    CHECK(dhe_given(strong, DH_ON_CONTEXT, 0, 2, 2));
    CHECK(dhe_given(strong, DH_ON_CONNECTION, 0, 2, 2));
    CHECK(dhe_given(small, DH_ON_CONTEXT, 0, 1, 1));
    CHECK(!dhe_given(small, DH_ON_CONTEXT, 0, 1, 2));
    CHECK(!dhe_given(small, DH_ON_CONNECTION, 0, 1, 2));
    /* Automatic parameters, when on, win over the program's. */
    CHECK(dhe_given(small, DH_ON_CONTEXT, 1, 1, 2));

    /* A callback is asked once, as OpenSSL asks it: not for export, 1024
     * bits. Parameters it cannot give, or too small ones, fail DHE. */
    CHECK(dhe_given(strong, DH_FROM_CALLBACK, 0, 2, 2));
    CHECK_INT(dh_callback.calls, ==, 1);
    CHECK_INT(dh_callback.is_export, ==, 0);
    CHECK_INT(dh_callback.keylength, ==, 1024);
    CHECK(!dhe_given(NULL, DH_FROM_CALLBACK, 0, 2, 2));
    CHECK_INT(dh_callback.calls, ==, 1);
    CHECK(!dhe_given(small, DH_FROM_CALLBACK, 0, 2, 2));
    CHECK(dhe_given(small, DH_FROM_CALLBACK, 0, 1, 1));
    CHECK(dhe_given(strong, DH_FROM_CONNECTION_CALLBACK, 0, 2, 2));
    CHECK_INT(dh_callback.calls, ==, 1);
    CHECK(!dhe_given(small, DH_FROM_CONNECTION_CALLBACK, 0, 2, 2));
    ok = 1;
out:
    DH_free(strong);
    DH_free(small);
    return ok;
}

/* A connection's own lists, with the context's rules. */
static int connection_lists(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = NULL;
    int nids[1] = {NID_X25519};
    int ok = 0;

    CHECK(ctx != NULL && (s = SSL_new(ctx)) != NULL);
    CHECK_INT(SSL_set1_groups_list(s, "P-384:X25519"), ==, 1);
    CHECK_INT(SSL_set1_groups_list(s, "junk"), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, ERR_R_PASSED_INVALID_ARGUMENT);
    CHECK_INT(SSL_set1_curves_list(s, "P-256"), ==, 1);
    CHECK_INT(SSL_set1_groups(s, nids, 1), ==, 1);
    CHECK_INT(SSL_set1_sigalgs_list(s, "ECDSA+SHA256:RSA+SHA256"), ==, 1);
    CHECK_INT(SSL_set1_sigalgs_list(s, "junk"), ==, 0);
    CHECK_INT(SSL_set_dh_auto(s, 1), ==, 1);
    ERR_clear_error();
    ok = 1;
out:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

/* mbedTLS keeps one signature algorithm list for both directions, so a
 * list for client certificates alone cannot be honoured here. */
static int client_sigalgs(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    int ok = 0;

    CHECK(ctx != NULL);
#ifdef MBEDTLS_OPENSSL_COMPAT
    CHECK_INT(SSL_CTX_set1_client_sigalgs_list(ctx, "ECDSA+SHA256"), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, ERR_R_UNSUPPORTED);
#else
    CHECK_INT(SSL_CTX_set1_client_sigalgs_list(ctx, "ECDSA+SHA256"), ==, 1);
#endif
    ok = 1;
out:
    SSL_CTX_free(ctx);
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"group_lists", group_lists},
        {"sigalg_lists", sigalg_lists},
        {"lists_in_handshakes", lists_in_handshakes},
        {"negotiated_groups", negotiated_groups},
        {"group_order", group_order},
        {"shared_groups", shared_groups},
        {"peer_signatures", peer_signatures},
        {"dhe_needs_parameters", dhe_needs_parameters},
        {"bignums", bignums},
        {"dh_objects", dh_objects},
        {"tmp_dh_setters", tmp_dh_setters},
        {"dhe_with_given_parameters", dhe_with_given_parameters},
        {"connection_lists", connection_lists},
        {"client_sigalgs", client_sigalgs},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
