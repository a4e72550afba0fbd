/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the handshake negotiated that mbedTLS keeps to itself: the key
 * exchange group and the signature algorithm the peer used. Both travel in
 * plaintext handshake messages (ServerHello, ServerKeyExchange, a TLS 1.2
 * CertificateVerify), so this file reads them from the bytes the transport
 * moves: the server's flight as a client receives it or a server sends it,
 * and the client's flight a server receives.
 *
 * The same bytes feed SSL_CTX_set_msg_callback: each record's header, and
 * the handshake messages, written ChangeCipherSpecs and alerts that travel
 * in plaintext, in OpenSSL's form. What mbedTLS encrypts it never shows.
 *
 * Linking this file replaces the core's empty shim_handshake_bytes(); a
 * program that never asks links none of it.
 */
#include "internal.h"

#include <string.h>

#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/x509.h>

#define RECORD_CHANGE_CIPHER_SPEC 20
#define RECORD_ALERT 21
#define RECORD_HANDSHAKE 22
#define RECORD_HEADER_LEN 5
#define ALERT_LEN 2
#define MESSAGE_HEADER_LEN 4
#define HS_SERVER_HELLO 2
#define HS_SERVER_KEY_EXCHANGE 12
#define HS_CERTIFICATE_VERIFY 15
/* ServerKeyExchange's curve_type for a named curve (RFC 8422 5.4). */
#define NAMED_CURVE 3
/* Longer messages than these are not kept (nothing real comes close). */
#define MAX_KEPT_MESSAGE 16384

/* One direction of the handshake: record and message boundaries over the
 * bytes in any chunking, and the message being kept. */
struct flight {
    unsigned char record_header[RECORD_HEADER_LEN];
    size_t record_header_have;
    size_t record_left;
    unsigned char message_header[MESSAGE_HEADER_LEN];
    size_t message_header_have;
    size_t message_left;
    unsigned char *message; /* a message we read, once whole */
    size_t message_len;
    size_t message_have;
    unsigned char alert[ALERT_LEN];
    size_t alert_have;
    int over; /* what follows is encrypted */
};

struct shim_handshake_watch {
    struct flight from_server;
    struct flight from_client;
    SSL *ssl;
    shim_msg_cb msg_cb; /* the connection's message callback, if any */
    void *msg_cb_arg;
    uint16_t cipher_suite; /* the ServerHello's */
    int tls13;
    uint16_t group;         /* the key exchange group (IANA), 0: none */
    uint16_t server_sigalg; /* of a TLS 1.2 ServerKeyExchange */
    uint16_t client_sigalg; /* of a TLS 1.2 client's CertificateVerify */
};

static unsigned int read16(const unsigned char *p)
{
    return ((unsigned int)p[0] << 8) | p[1];
}

/* The signature algorithm of a ServerKeyExchange, once its parameters are
 * skipped: ECDHE's named curve and point, or DHE's p, g and Ys. */
static void read_server_key_exchange(struct shim_handshake_watch *w, const unsigned char *p,
                                     size_t len)
{
    const SSL_CIPHER *cipher = shim_cipher_by_id(w->cipher_suite);
    size_t at = 0;
    int vectors;

    if (cipher == NULL)
        return;
    /* PSK suites open with the identity hint and sign nothing. */
    if (cipher->kx & (SHIM_KX_ECDHEPSK | SHIM_KX_DHEPSK)) {
        if (len < 2)
            return;
        at = 2 + read16(p);
    }
    if (cipher->kx & (SHIM_KX_ECDHE | SHIM_KX_ECDHEPSK)) {
        if (at + 4 > len || p[at] != NAMED_CURVE)
            return;
        w->group = (uint16_t)read16(p + at + 1);
        at += 4 + p[at + 3];
    } else if (cipher->kx & SHIM_KX_DHE) {
        for (vectors = 0; vectors < 3; vectors++) {
            if (at + 2 > len)
                return;
            at += 2 + read16(p + at);
        }
    } else {
        return;
    }
    if ((cipher->kx & (SHIM_KX_ECDHE | SHIM_KX_DHE)) && at + 2 <= len)
        w->server_sigalg = (uint16_t)read16(p + at);
}

/* A whole message we kept (with its header). */
static void read_message(struct shim_handshake_watch *w, struct flight *f, const unsigned char *msg,
                         size_t len)
{
    struct shim_server_hello hello;

    switch (msg[0]) {
    case HS_SERVER_HELLO:
        if (f != &w->from_server || shim_server_hello_parse(msg, len, &hello) != 1)
            break;
        w->cipher_suite = (uint16_t)hello.cipher_suite;
        w->tls13 = hello.tls13;
        /* A HelloRetryRequest names the group too; the ServerHello after
         * it names the same one. */
        w->group = (uint16_t)hello.key_share_group;
        break;
    case HS_SERVER_KEY_EXCHANGE:
        if (f == &w->from_server)
            read_server_key_exchange(w, msg + MESSAGE_HEADER_LEN, len - MESSAGE_HEADER_LEN);
        break;
    case HS_CERTIFICATE_VERIFY:
        if (f == &w->from_client && len >= MESSAGE_HEADER_LEN + 2)
            w->client_sigalg = (uint16_t)read16(msg + MESSAGE_HEADER_LEN);
        break;
    default:
        break;
    }
}

/* Whether this end wrote the flight. */
static int written(const struct shim_handshake_watch *w, const struct flight *f)
{
    return (f == &w->from_server) == (w->ssl->server != 0);
}

/* OpenSSL tells a message callback the version in use; before the
 * ServerHello says, the highest this end speaks. */
static int message_version(const struct shim_handshake_watch *w)
{
    if (w->cipher_suite != 0)
        return w->tls13 ? TLS1_3_VERSION : TLS1_2_VERSION;
    return w->ssl->version_hi;
}

static void report(struct shim_handshake_watch *w, const struct flight *f, int version,
                   int content_type, const void *buf, size_t len)
{
    if (w->msg_cb != NULL)
        w->msg_cb(written(w, f), version, content_type, buf, len, w->ssl, w->msg_cb_arg);
}

static int wanted(const struct shim_handshake_watch *w, const struct flight *f, unsigned int type)
{
    if (w->msg_cb != NULL)
        return 1;
    if (f == &w->from_server)
        return type == HS_SERVER_HELLO || type == HS_SERVER_KEY_EXCHANGE;
    return type == HS_CERTIFICATE_VERIFY;
}

/* Part of a plaintext handshake record's body. */
static void feed_messages(struct shim_handshake_watch *w, struct flight *f, const unsigned char *p,
                          size_t n)
{
    while (n > 0) {
        size_t take;

        if (f->message_header_have < MESSAGE_HEADER_LEN) {
            f->message_header[f->message_header_have++] = *p++;
            n--;
            if (f->message_header_have < MESSAGE_HEADER_LEN)
                continue;
            f->message_left = ((size_t)f->message_header[1] << 16) |
                              ((size_t)f->message_header[2] << 8) | f->message_header[3];
            f->message_len = MESSAGE_HEADER_LEN + f->message_left;
            f->message_have = MESSAGE_HEADER_LEN;
            if (wanted(w, f, f->message_header[0]) && f->message_len <= MAX_KEPT_MESSAGE &&
                (f->message = shim_malloc(f->message_len)) != NULL)
                memcpy(f->message, f->message_header, MESSAGE_HEADER_LEN);
        } else {
            take = f->message_left < n ? f->message_left : n;
            if (f->message != NULL)
                memcpy(f->message + f->message_have, p, take);
            f->message_have += take;
            f->message_left -= take;
            p += take;
            n -= take;
        }
        if (f->message_header_have == MESSAGE_HEADER_LEN && f->message_left == 0) {
            if (f->message != NULL) {
                read_message(w, f, f->message, f->message_len);
                report(w, f, message_version(w), RECORD_HANDSHAKE, f->message, f->message_len);
            }
            shim_free(f->message);
            f->message = NULL;
            f->message_header_have = 0;
        }
    }
}

/* A plaintext alert, once both bytes came. */
static void feed_alert(struct shim_handshake_watch *w, struct flight *f, const unsigned char *p,
                       size_t n)
{
    while (n-- > 0 && f->alert_have < ALERT_LEN)
        f->alert[f->alert_have++] = *p++;
    if (f->alert_have == ALERT_LEN)
        report(w, f, message_version(w), RECORD_ALERT, f->alert, ALERT_LEN);
}

/* A record's header is whole. OpenSSL reports a ChangeCipherSpec it writes
 * (not one it reads) after the header. */
static void record_starts(struct shim_handshake_watch *w, struct flight *f)
{
    static const unsigned char change_cipher_spec = 1;

    f->record_left = read16(f->record_header + 3);
    f->alert_have = 0;
    report(w, f, (int)read16(f->record_header + 1), SSL3_RT_HEADER, f->record_header,
           RECORD_HEADER_LEN);
    if (f->record_header[0] == RECORD_CHANGE_CIPHER_SPEC) {
        if (written(w, f))
            report(w, f, message_version(w), RECORD_CHANGE_CIPHER_SPEC, &change_cipher_spec, 1);
        if (!w->tls13)
            f->over = 1;
    }
}

/* Bytes of one direction, any chunking. TLS 1.2 encrypts after
 * ChangeCipherSpec; TLS 1.3 encrypts in records of another type, and its
 * compatibility ChangeCipherSpec may come before a plaintext ServerHello
 * (after a HelloRetryRequest), so only the type tells there. Without a
 * message callback nothing after the encryption starts is of interest. */
static void feed(struct shim_handshake_watch *w, struct flight *f, const unsigned char *p, size_t n)
{
    while (n > 0 && !(f->over && w->msg_cb == NULL)) {
        size_t take;

        if (f->record_left == 0) {
            take = RECORD_HEADER_LEN - f->record_header_have;
            take = take < n ? take : n;
            memcpy(f->record_header + f->record_header_have, p, take);
            f->record_header_have += take;
            p += take;
            n -= take;
            if (f->record_header_have < RECORD_HEADER_LEN)
                return;
            f->record_header_have = 0;
            record_starts(w, f);
            continue;
        }
        take = f->record_left < n ? f->record_left : n;
        if (f->record_header[0] == RECORD_HANDSHAKE && !f->over)
            feed_messages(w, f, p, take);
        else if (f->record_header[0] == RECORD_ALERT && !f->over)
            feed_alert(w, f, p, take);
        f->record_left -= take;
        p += take;
        n -= take;
    }
}

static void forget(SSL *s)
{
    if (s->watch == NULL)
        return;
    shim_free(s->watch->from_server.message);
    shim_free(s->watch->from_client.message);
    shim_free(s->watch);
    s->watch = NULL;
}

void shim_handshake_bytes(SSL *s, enum shim_handshake_bytes what, const unsigned char *p, size_t n)
{
    struct shim_handshake_watch *w;
    int from_server;

    if (what == SHIM_BYTES_FORGET) {
        forget(s);
        return;
    }
    if (s->watch == NULL) {
        if ((s->watch = shim_calloc(1, sizeof(*s->watch))) == NULL)
            return; /* the getters then report nothing */
        s->watch->ssl = s;
        s->watch->msg_cb = s->msg_cb != NULL ? s->msg_cb : s->ctx->msg_cb;
        s->watch->msg_cb_arg = s->msg_cb_arg != NULL ? s->msg_cb_arg : s->ctx->msg_cb_arg;
    }
    w = s->watch;
    from_server = (what == SHIM_BYTES_RECEIVED) != (s->server != 0);
    feed(w, from_server ? &w->from_server : &w->from_client, p, n);
}

/* ---- Groups ------------------------------------------------------------------------ */

SHIM_EXPORT long SSL_get_negotiated_group(SSL *s)
{
    if (s == NULL || s->watch == NULL || s->watch->group == 0)
        return 0;
    return shim_group_nid(s->watch->group);
}

/* Whether OpenSSL uses a group with the version: the finite field groups
 * only in TLS 1.3, the older curves (numbers below 23 and the TLS 1.2
 * brainpool ones) only before it. */
static int group_for_version(unsigned int id, int tls13)
{
    if (id >= MBEDTLS_SSL_IANA_TLS_GROUP_FFDHE2048 && id <= MBEDTLS_SSL_IANA_TLS_GROUP_FFDHE8192)
        return tls13;
    if (id < MBEDTLS_SSL_IANA_TLS_GROUP_SECP256R1 ||
        (id >= MBEDTLS_SSL_IANA_TLS_GROUP_BP256R1 && id <= MBEDTLS_SSL_IANA_TLS_GROUP_BP512R1))
        return !tls13;
    return 1;
}

/* The groups the client offered that this server takes, in the client's
 * order (OpenSSL's, unless the server's order is asked for): the n-th one's
 * NID, or the count for n = -1. Clients have none. */
SHIM_EXPORT long SSL_get_shared_group(SSL *s, long n)
{
    const unsigned char *offered;
    size_t offered_len;
    const uint16_t *ours;
    int tls13;
    long count = 0;
    size_t i;
    size_t j;

    if (s == NULL || !s->server || s->client_hello == NULL ||
        shim_client_hello_groups(s->client_hello, s->client_hello_len, &offered, &offered_len) != 1)
        return 0;
    ours = shim_conn_groups(s);
    tls13 = SSL_version(s) == TLS1_3_VERSION;
    if (s->options & SSL_OP_CIPHER_SERVER_PREFERENCE) {
        for (i = 0; ours[i] != 0; i++) {
            for (j = 0; j + 1 < offered_len; j += 2) {
                if (read16(offered + j) == ours[i] && group_for_version(ours[i], tls13) &&
                    count++ == n)
                    return shim_group_nid(ours[i]);
            }
        }
    } else {
        for (j = 0; j + 1 < offered_len; j += 2) {
            unsigned int id = read16(offered + j);

            for (i = 0; ours[i] != 0; i++) {
                if (ours[i] == id && group_for_version(id, tls13) && count++ == n)
                    return shim_group_nid(id);
            }
        }
    }
    return n == -1 ? count : 0;
}

/* ---- The peer's signature ------------------------------------------------------------ */

static int hash_nid(unsigned int hash)
{
    switch (hash) {
    case MBEDTLS_SSL_HASH_SHA1:
        return NID_sha1;
    case MBEDTLS_SSL_HASH_SHA224:
        return NID_sha224;
    case MBEDTLS_SSL_HASH_SHA256:
        return NID_sha256;
    case MBEDTLS_SSL_HASH_SHA384:
        return NID_sha384;
    case MBEDTLS_SSL_HASH_SHA512:
        return NID_sha512;
    default:
        return NID_undef;
    }
}

/* A SignatureScheme as OpenSSL names it: the key type (RSA, RSA-PSS, EC)
 * and the hash. 0 for one it does not know. */
static int sigalg_nids(unsigned int id, int *type, int *hash)
{
    static const int pss_hashes[] = {NID_sha256, NID_sha384, NID_sha512};
    unsigned int low = id & 0xFF;

    /* rsa_pss_rsae_sha256/384/512 0x0804-6, rsa_pss_pss_* 0x0809-b */
    if ((id >> 8) == 0x08 && ((low >= 0x04 && low <= 0x06) || (low >= 0x09 && low <= 0x0B))) {
        *type = NID_rsassaPss;
        *hash = pss_hashes[low >= 0x09 ? low - 0x09 : low - 0x04];
        return 1;
    }
    *hash = hash_nid(id >> 8);
    if (*hash == NID_undef)
        return 0;
    switch (id & 0xFF) {
    case MBEDTLS_SSL_SIG_RSA:
        *type = EVP_PKEY_RSA;
        return 1;
    case MBEDTLS_SSL_SIG_ECDSA:
        *type = EVP_PKEY_EC;
        return 1;
    default:
        return 0;
    }
}

/* What the peer signed with, as type and hash NIDs: 1, or 0 when it signed
 * nothing we saw. A TLS 1.3 CertificateVerify is encrypted; its algorithm
 * follows from the peer's key for ECDSA (one curve, one hash: RFC 8446
 * 4.2.3) and is RSA-PSS for RSA, with the hash the peer chose unknown
 * (hash NID_undef then). */
static int peer_signature(const SSL *s, int *type, int *hash)
{
    const struct shim_handshake_watch *w = s->watch;
    const EVP_PKEY *key;

    if (w == NULL || s->hs_state != SHIM_HS_DONE)
        return 0;
    if (!w->tls13)
        return sigalg_nids(s->server ? w->client_sigalg : w->server_sigalg, type, hash);
    if (s->session_reused || (key = X509_get0_pubkey(SSL_get0_peer_certificate(s))) == NULL)
        return 0;
    if (EVP_PKEY_get_id(key) == EVP_PKEY_RSA) {
        *type = NID_rsassaPss;
        *hash = NID_undef;
        return 1;
    }
    if (EVP_PKEY_get_id(key) != EVP_PKEY_EC)
        return 0;
    *type = EVP_PKEY_EC;
    switch (EVP_PKEY_get_bits(key)) {
    case 256:
        *hash = NID_sha256;
        return 1;
    case 384:
        *hash = NID_sha384;
        return 1;
    case 521:
        *hash = NID_sha512;
        return 1;
    default:
        return 0;
    }
}

SHIM_EXPORT long SSL_get_peer_signature_nid(SSL *s, int *pnid)
{
    int type;
    int hash;

    if (s == NULL || pnid == NULL || !peer_signature(s, &type, &hash))
        return 0;
    SHIM_ENSURE(hash != NID_undef, ERR_LIB_SSL, ERR_R_UNSUPPORTED, 0);
    *pnid = hash;
    return 1;
}

SHIM_EXPORT int SSL_get_peer_signature_type_nid(const SSL *s, int *pnid)
{
    int type;
    int hash;

    if (s == NULL || pnid == NULL || !peer_signature(s, &type, &hash))
        return 0;
    *pnid = type;
    return 1;
}

/* ---- The message callback ---------------------------------------------------------------- */

SHIM_EXPORT void SSL_CTX_set_msg_callback(SSL_CTX *ctx, shim_msg_cb cb)
{
    if (ctx != NULL)
        ctx->msg_cb = cb;
}

SHIM_EXPORT void SSL_set_msg_callback(SSL *ssl, shim_msg_cb cb)
{
    if (ssl != NULL)
        ssl->msg_cb = cb;
}
