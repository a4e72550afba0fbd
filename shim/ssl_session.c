/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Sessions and resumption.
 *
 * A client's SSL_SESSION holds mbedTLS's copy of the session
 * (mbedtls_ssl_get_session): right after a TLS 1.2 handshake, and for TLS
 * 1.3 once a NewSessionTicket was read, each ticket replacing the last as
 * in OpenSSL. SSL_set_session hands it back to mbedTLS at set-up. A
 * server resumes by mbedTLS's tickets, with keys per SSL_CTX, and in TLS
 * 1.2 from the context's own cache of SSL_SESSIONs, which is OpenSSL's
 * (get, new and remove callbacks, counters, flushing) and which mbedTLS
 * reaches through its cache callbacks: a cached session holds mbedTLS's
 * copy. Other server sessions describe the connection only.
 *
 * mbedTLS does not say whether a handshake resumed: the hellos do. In TLS
 * 1.2 the server echoes the client's session id when it resumes (RFC 5246,
 * and RFC 5077 for tickets); in TLS 1.3 its ServerHello carries
 * pre_shared_key.
 *
 * The core calls shim_session_event(); this file's definition replaces
 * the core's empty one when a program links it (internal.h).
 */
#include "internal.h"

#include <limits.h>
#include <string.h>

#include <openssl/hmac.h>

#include <mbedtls/asn1.h>
#include <mbedtls/asn1write.h>
#include <mbedtls/cipher.h>
#include <mbedtls/constant_time.h>
#include <mbedtls/md.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/psa_util.h>

/* The longest ticket lifetime TLS 1.3 allows (RFC 8446, 4.6.1): a week. */
#define TICKET_LIFETIME_MAX (7 * 24 * 60 * 60)

/* Tickets need mbedTLS's server side with tickets, and AES-GCM; the
 * application's ticket keys AES-CBC and HMAC as well. */
#if defined(MBEDTLS_SSL_SRV_C) && defined(MBEDTLS_SSL_SESSION_TICKETS) && \
    defined(PSA_WANT_ALG_GCM) && defined(PSA_WANT_KEY_TYPE_AES)
#define SHIM_TICKETS 1
#if defined(MBEDTLS_CIPHER_C) && defined(MBEDTLS_CIPHER_MODE_CBC) && \
    defined(MBEDTLS_CIPHER_PADDING_PKCS7) && defined(MBEDTLS_MD_C)
#define SHIM_APP_TICKETS 1
#endif
#endif

/* 8-byte big-endian numbers, in the encoding and in tickets. */
static void put_be64(unsigned char *p, uint64_t v)
{
    int i;

    for (i = 7; i >= 0; i--, v >>= 8)
        p[i] = (unsigned char)v;
}

static uint64_t get_be64(const unsigned char *p)
{
    uint64_t v = 0;
    int i;

    for (i = 0; i < 8; i++)
        v = v << 8 | p[i];
    return v;
}

struct ssl_session_st {
    int refs;
    mbedtls_ssl_session tls; /* what mbedTLS resumes from: a client's, when resumable */
    int resumable;
    int version;
    const SSL_CIPHER *cipher;
    unsigned char id[SSL_MAX_SSL_SESSION_ID_LENGTH];
    unsigned int id_len;
    unsigned char sid_ctx[SSL_MAX_SID_CTX_LENGTH];
    unsigned int sid_ctx_len;
    unsigned char master_key[PSK_MAX_PSK_LEN]; /* a TLS 1.2 master secret, or an external PSK */
    size_t master_key_len;
    long time;
    long timeout;
    X509 *peer;
    char *hostname;
    CRYPTO_EX_DATA ex_data;
    /* In a context's cache: which one, and the neighbours there. */
    SSL_CTX *owner;
    SSL_SESSION *newer;
    SSL_SESSION *older;
};

/* ---- The object ---------------------------------------------------------------------- */

SHIM_EXPORT SSL_SESSION *SSL_SESSION_new(void)
{
    SSL_SESSION *sess = shim_calloc(1, sizeof(*sess));

    SHIM_ENSURE(sess != NULL, ERR_LIB_SSL, ERR_R_MALLOC_FAILURE, NULL);
    sess->refs = 1;
    mbedtls_ssl_session_init(&sess->tls);
    sess->time = (long)shim_now();
    sess->timeout = SHIM_SESSION_TIMEOUT;
    if (!CRYPTO_new_ex_data(CRYPTO_EX_INDEX_SSL_SESSION, sess, &sess->ex_data)) {
        mbedtls_ssl_session_free(&sess->tls);
        shim_free(sess);
        return NULL;
    }
    return sess;
}

SHIM_EXPORT int SSL_SESSION_up_ref(SSL_SESSION *ses)
{
    if (ses == NULL)
        return 0;
    shim_ref_inc(&ses->refs);
    return 1;
}

SHIM_EXPORT void SSL_SESSION_free(SSL_SESSION *ses)
{
    if (ses == NULL || shim_ref_dec(&ses->refs) > 0)
        return;
    CRYPTO_free_ex_data(CRYPTO_EX_INDEX_SSL_SESSION, ses, &ses->ex_data);
    mbedtls_ssl_session_free(&ses->tls);
    X509_free(ses->peer);
    shim_free(ses->hostname);
    mbedtls_platform_zeroize(ses->master_key, sizeof(ses->master_key));
    shim_free(ses);
}

SHIM_EXPORT const unsigned char *SSL_SESSION_get_id(const SSL_SESSION *s, unsigned int *len)
{
    if (len != NULL)
        *len = s != NULL ? s->id_len : 0;
    return s != NULL ? s->id : NULL;
}

/* Copies a value of at most max bytes into an SSL_SESSION field. */
static int set_bytes(unsigned char *field, unsigned int *field_len, unsigned int max,
                     const unsigned char *value, unsigned int len, int reason)
{
    SHIM_ENSURE(len <= max, ERR_LIB_SSL, reason, 0);
    SHIM_ENSURE(value != NULL || len == 0, ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER, 0);
    if (len > 0)
        memcpy(field, value, len);
    *field_len = len;
    return 1;
}

SHIM_EXPORT int SSL_SESSION_set1_id(SSL_SESSION *s, const unsigned char *sid, unsigned int sid_len)
{
    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, 0);
    return set_bytes(s->id, &s->id_len, sizeof(s->id), sid, sid_len,
                     SSL_R_SSL_SESSION_ID_TOO_LONG);
}

SHIM_EXPORT const unsigned char *SSL_SESSION_get0_id_context(const SSL_SESSION *s,
                                                             unsigned int *len)
{
    if (len != NULL)
        *len = s != NULL ? s->sid_ctx_len : 0;
    return s != NULL ? s->sid_ctx : NULL;
}

SHIM_EXPORT int SSL_SESSION_set1_id_context(SSL_SESSION *s, const unsigned char *sid_ctx,
                                            unsigned int sid_ctx_len)
{
    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, 0);
    return set_bytes(s->sid_ctx, &s->sid_ctx_len, sizeof(s->sid_ctx), sid_ctx, sid_ctx_len,
                     SSL_R_SSL_SESSION_ID_CONTEXT_TOO_LONG);
}

SHIM_EXPORT long SSL_SESSION_get_time(const SSL_SESSION *s)
{
    return s != NULL ? s->time : 0;
}

SHIM_EXPORT long SSL_SESSION_set_time(SSL_SESSION *s, long t)
{
    if (s == NULL)
        return 0;
    s->time = t;
    return t;
}

SHIM_EXPORT long SSL_SESSION_get_timeout(const SSL_SESSION *s)
{
    return s != NULL ? s->timeout : 0;
}

SHIM_EXPORT long SSL_SESSION_set_timeout(SSL_SESSION *s, long t)
{
    if (s == NULL || t < 0)
        return 0;
    s->timeout = t;
    return 1;
}

SHIM_EXPORT int SSL_SESSION_get_protocol_version(const SSL_SESSION *s)
{
    return s != NULL ? s->version : 0;
}

SHIM_EXPORT int SSL_SESSION_set_protocol_version(SSL_SESSION *s, int version)
{
    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, 0);
    s->version = version;
    return 1;
}

SHIM_EXPORT const SSL_CIPHER *SSL_SESSION_get0_cipher(const SSL_SESSION *s)
{
    return s != NULL ? s->cipher : NULL;
}

SHIM_EXPORT int SSL_SESSION_set_cipher(SSL_SESSION *s, const SSL_CIPHER *cipher)
{
    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, 0);
    s->cipher = cipher;
    return 1;
}

SHIM_EXPORT X509 *SSL_SESSION_get0_peer(SSL_SESSION *s)
{
    return s != NULL ? s->peer : NULL;
}

SHIM_EXPORT const char *SSL_SESSION_get0_hostname(const SSL_SESSION *s)
{
    return s != NULL ? s->hostname : NULL;
}

SHIM_EXPORT int SSL_SESSION_set1_hostname(SSL_SESSION *s, const char *hostname)
{
    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, 0);
    return shim_replace_string(&s->hostname, hostname);
}

/* What resumption needs from a session: mbedTLS's copy of it (a server
 * session that only describes its connection has none). */
static int holds_tls(const SSL_SESSION *sess)
{
    return mbedtls_ssl_session_get_ciphersuite_id(&sess->tls) != 0;
}

/* mbedTLS's copy is there, and nothing made the session unresumable since
 * (taken out of a cache, its connection cut short). */
SHIM_EXPORT int SSL_SESSION_is_resumable(const SSL_SESSION *s)
{
    return s != NULL && s->resumable;
}

/* What a TLS 1.3 external PSK session carries as its key. */
SHIM_EXPORT int SSL_SESSION_set1_master_key(SSL_SESSION *sess, const unsigned char *in,
                                            size_t len)
{
    SHIM_ENSURE_ARG(sess, ERR_LIB_SSL, 0);
    if (len > sizeof(sess->master_key) || (in == NULL && len > 0))
        return 0;
    if (len > 0)
        memcpy(sess->master_key, in, len);
    sess->master_key_len = len;
    return 1;
}

/* TLS 1.2's master secret (mbedTLS reports no TLS 1.3 equivalent). OpenSSL's
 * rule: outlen 0 asks for the length. */
SHIM_EXPORT size_t SSL_SESSION_get_master_key(const SSL_SESSION *sess, unsigned char *out,
                                              size_t outlen)
{
    if (sess == NULL)
        return 0;
    if (outlen == 0)
        return sess->master_key_len;
    if (outlen > sess->master_key_len)
        outlen = sess->master_key_len;
    if (out != NULL)
        memcpy(out, sess->master_key, outlen);
    return outlen;
}

SHIM_EXPORT int SSL_SESSION_set_ex_data(SSL_SESSION *ss, int idx, void *data)
{
    SHIM_ENSURE_ARG(ss, ERR_LIB_SSL, 0);
    return CRYPTO_set_ex_data(&ss->ex_data, idx, data);
}

SHIM_EXPORT void *SSL_SESSION_get_ex_data(const SSL_SESSION *ss, int idx)
{
    return ss != NULL ? CRYPTO_get_ex_data(&ss->ex_data, idx) : NULL;
}

/* ---- Encoding ----------------------------------------------------------------------------- */

/*
 * This library's own form, DER:
 *   SEQUENCE { INTEGER format (1), INTEGER protocol version,
 *              INTEGER cipher suite, OCTET STRING time (8 bytes),
 *              OCTET STRING timeout (8 bytes), OCTET STRING session id,
 *              OCTET STRING id context, OCTET STRING master secret,
 *              OCTET STRING host name, OCTET STRING peer certificate,
 *              OCTET STRING mbedTLS's session (mbedtls_ssl_session_save) }
 * Empty strings stand for what is absent. mbedTLS's part carries its own
 * version check: a session saved by another mbedTLS build does not load.
 */
#define SESSION_FORMAT 1

static int write_u64(unsigned char **p, unsigned char *start, long value)
{
    unsigned char bytes[8];

    put_be64(bytes, (uint64_t)value);
    return mbedtls_asn1_write_octet_string(p, start, bytes, sizeof(bytes));
}

/* The session's fields, written backwards from *p (mbedTLS's ASN.1 writer
 * goes that way); the length, or a negative mbedTLS code. */
static int write_session(const SSL_SESSION *in, unsigned char **p, unsigned char *start,
                         const unsigned char *blob, size_t blob_len)
{
    const mbedtls_x509_crt *peer = in->peer != NULL ? &in->peer->crt : NULL;
    size_t len = 0;
    int ret;

#define WRITE(call)          \
    do {                     \
        ret = (call);        \
        if (ret < 0)         \
            return ret;      \
        len += (size_t)ret;  \
    } while (0)
    WRITE(mbedtls_asn1_write_octet_string(p, start, blob, blob_len));
    WRITE(mbedtls_asn1_write_octet_string(p, start, peer != NULL ? peer->raw.p : NULL,
                                          peer != NULL ? peer->raw.len : 0));
    WRITE(mbedtls_asn1_write_octet_string(p, start, (const unsigned char *)in->hostname,
                                          in->hostname != NULL ? strlen(in->hostname) : 0));
    WRITE(mbedtls_asn1_write_octet_string(p, start, in->master_key, in->master_key_len));
    WRITE(mbedtls_asn1_write_octet_string(p, start, in->sid_ctx, in->sid_ctx_len));
    WRITE(mbedtls_asn1_write_octet_string(p, start, in->id, in->id_len));
    WRITE(write_u64(p, start, in->timeout));
    WRITE(write_u64(p, start, in->time));
    WRITE(mbedtls_asn1_write_int(p, start, in->cipher != NULL ? in->cipher->id : 0));
    WRITE(mbedtls_asn1_write_int(p, start, in->version));
    WRITE(mbedtls_asn1_write_int(p, start, SESSION_FORMAT));
    WRITE(mbedtls_asn1_write_len(p, start, len));
    WRITE(mbedtls_asn1_write_tag(p, start, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE));
#undef WRITE
    return len > INT_MAX ? MBEDTLS_ERR_ASN1_BUF_TOO_SMALL : (int)len;
}

/* OpenSSL's i2d convention: the length; with pp, the bytes at *pp (a new
 * buffer when *pp is NULL) and *pp moved past them. */
SHIM_EXPORT int i2d_SSL_SESSION(const SSL_SESSION *in, unsigned char **pp)
{
    unsigned char *blob = NULL;
    size_t blob_len = 0;
    unsigned char *buf = NULL;
    size_t cap;
    unsigned char *p;
    int len = -1;

    SHIM_ENSURE_ARG(in, ERR_LIB_SSL, -1);
    if (holds_tls(in)) {
        (void)mbedtls_ssl_session_save(&in->tls, NULL, 0, &blob_len);
        blob = shim_malloc(blob_len > 0 ? blob_len : 1);
        SHIM_GUARD(blob != NULL, ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
        SHIM_GUARD(mbedtls_ssl_session_save(&in->tls, blob, blob_len, &blob_len) == 0,
                   ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
    }
    cap = blob_len + (in->peer != NULL ? in->peer->crt.raw.len : 0) +
          (in->hostname != NULL ? strlen(in->hostname) : 0) + 256;
    buf = shim_malloc(cap);
    SHIM_GUARD(buf != NULL, ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
    p = buf + cap;
    len = write_session(in, &p, buf, blob, blob_len);
    SHIM_GUARD(len > 0, ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
    len = shim_i2d_out(p, (size_t)len, pp, ERR_LIB_SSL);
    goto done;
err:
    len = -1;
done:
    if (blob != NULL)
        shim_wipe_free(blob, blob_len > 0 ? blob_len : 1);
    if (buf != NULL)
        shim_wipe_free(buf, cap);
    return len;
}

static int read_int(unsigned char **p, const unsigned char *end, int *value)
{
    return mbedtls_asn1_get_int(p, end, value) == 0;
}

static int read_string(unsigned char **p, const unsigned char *end, const unsigned char **value,
                       size_t *len)
{
    if (mbedtls_asn1_get_tag(p, end, len, MBEDTLS_ASN1_OCTET_STRING) != 0)
        return 0;
    *value = *p;
    *p += *len;
    return 1;
}

static int read_u64(unsigned char **p, const unsigned char *end, long *value)
{
    const unsigned char *bytes;
    size_t len;

    if (!read_string(p, end, &bytes, &len) || len != 8)
        return 0;
    *value = (long)get_be64(bytes);
    return 1;
}

/* The fields after the format: 1 with sess filled, or 0. */
static int read_session(SSL_SESSION *sess, unsigned char *p, const unsigned char *end)
{
    const unsigned char *id;
    const unsigned char *sid_ctx;
    const unsigned char *master;
    const unsigned char *host;
    const unsigned char *peer;
    const unsigned char *blob;
    size_t id_len;
    size_t sid_ctx_len;
    size_t master_len;
    size_t host_len;
    size_t peer_len;
    size_t blob_len;
    int version;
    int cipher;

    if (!read_int(&p, end, &version) || !read_int(&p, end, &cipher) ||
        !read_u64(&p, end, &sess->time) || !read_u64(&p, end, &sess->timeout) ||
        !read_string(&p, end, &id, &id_len) || !read_string(&p, end, &sid_ctx, &sid_ctx_len) ||
        !read_string(&p, end, &master, &master_len) || !read_string(&p, end, &host, &host_len) ||
        !read_string(&p, end, &peer, &peer_len) || !read_string(&p, end, &blob, &blob_len) ||
        p != end || id_len > sizeof(sess->id) || sid_ctx_len > sizeof(sess->sid_ctx) ||
        master_len > sizeof(sess->master_key) || memchr(host, 0, host_len) != NULL)
        return 0;
    sess->version = version;
    sess->cipher = shim_cipher_by_id((uint16_t)cipher);
    memcpy(sess->id, id, id_len);
    sess->id_len = (unsigned int)id_len;
    memcpy(sess->sid_ctx, sid_ctx, sid_ctx_len);
    sess->sid_ctx_len = (unsigned int)sid_ctx_len;
    memcpy(sess->master_key, master, master_len);
    sess->master_key_len = master_len;
    if (host_len > 0) {
        sess->hostname = shim_malloc(host_len + 1);
        if (sess->hostname == NULL)
            return 0;
        memcpy(sess->hostname, host, host_len);
        sess->hostname[host_len] = '\0';
    }
    if (peer_len > 0 && (sess->peer = shim_x509_from_der(peer, peer_len)) == NULL)
        return 0;
    if (blob_len > 0) {
        if (mbedtls_ssl_session_load(&sess->tls, blob, blob_len) != 0)
            return 0;
        sess->resumable = 1;
    }
    return 1;
}

SHIM_EXPORT SSL_SESSION *d2i_SSL_SESSION(SSL_SESSION **a, const unsigned char **pp, long length)
{
    unsigned char *p;
    unsigned char *end;
    size_t len;
    int format;
    SSL_SESSION *sess;

    SHIM_ENSURE(pp != NULL && *pp != NULL && length > 0, ERR_LIB_SSL,
                ERR_R_PASSED_NULL_PARAMETER, NULL);
    p = (unsigned char *)*pp;
    SHIM_ENSURE(mbedtls_asn1_get_tag(&p, p + length, &len,
                                     MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) == 0,
                ERR_LIB_SSL, SSL_R_BAD_DATA, NULL);
    end = p + len;
    SHIM_ENSURE(read_int(&p, end, &format) && format == SESSION_FORMAT, ERR_LIB_SSL,
                SSL_R_BAD_DATA, NULL);
    sess = SSL_SESSION_new();
    if (sess == NULL)
        return NULL;
    if (!read_session(sess, p, end)) {
        SSL_SESSION_free(sess);
        SHIM_ERR(ERR_LIB_SSL, SSL_R_BAD_DATA);
        return NULL;
    }
    *pp = end;
    if (a != NULL) {
        SSL_SESSION_free(*a);
        *a = sess;
    }
    return sess;
}

static int is_session_label(const char *label)
{
    return strcmp(label, PEM_STRING_SSL_SESSION) == 0;
}

SHIM_EXPORT SSL_SESSION *PEM_read_bio_SSL_SESSION(BIO *bp, SSL_SESSION **x, pem_password_cb *cb,
                                                  void *u)
{
    size_t der_len;
    unsigned char *der;
    const unsigned char *p;
    SSL_SESSION *sess;

    (void)cb, (void)u;
    der = shim_pem_read_der(bp, is_session_label, &der_len);
    if (der == NULL)
        return NULL;
    p = der;
    sess = der_len > 0 && der_len <= LONG_MAX ? d2i_SSL_SESSION(x, &p, (long)der_len) : NULL;
    shim_wipe_free(der, der_len);
    SHIM_ENSURE(sess != NULL, ERR_LIB_PEM, ERR_R_ASN1_LIB, NULL);
    return sess;
}

SHIM_EXPORT int PEM_write_bio_SSL_SESSION(BIO *bp, const SSL_SESSION *x)
{
    unsigned char *der = NULL;
    int len;
    int ok;

    SHIM_ENSURE(bp != NULL && x != NULL, ERR_LIB_PEM, ERR_R_PASSED_NULL_PARAMETER, 0);
    len = i2d_SSL_SESSION(x, &der);
    if (len <= 0)
        return 0;
    ok = shim_pem_write(bp, "-----BEGIN " PEM_STRING_SSL_SESSION "-----\n",
                        "-----END " PEM_STRING_SSL_SESSION "-----\n", der, (size_t)len);
    shim_wipe_free(der, (size_t)len);
    return ok;
}

/* ---- Connections ---------------------------------------------------------------------------- */

SHIM_EXPORT SSL_SESSION *SSL_get_session(const SSL *ssl)
{
    return ssl != NULL ? ssl->session : NULL;
}

SHIM_EXPORT SSL_SESSION *SSL_get1_session(SSL *ssl)
{
    SSL_SESSION *sess = SSL_get_session(ssl);

    (void)SSL_SESSION_up_ref(sess);
    return sess;
}

/* The session to resume (NULL: none). OpenSSL's SSL_get_session returns it
 * until the handshake replaces it. */
SHIM_EXPORT int SSL_set_session(SSL *to, SSL_SESSION *session)
{
    SHIM_ENSURE_ARG(to, ERR_LIB_SSL, 0);
    (void)SSL_SESSION_up_ref(session);
    SSL_SESSION_free(to->session);
    to->session = session;
    return 1;
}

SHIM_EXPORT int SSL_session_reused(const SSL *s)
{
    return s != NULL && s->session_reused;
}

SHIM_EXPORT int SSL_CTX_set_session_id_context(SSL_CTX *ctx, const unsigned char *sid_ctx,
                                               unsigned int sid_ctx_len)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    return set_bytes(ctx->sid_ctx, &ctx->sid_ctx_len, sizeof(ctx->sid_ctx), sid_ctx, sid_ctx_len,
                     SSL_R_SSL_SESSION_ID_CONTEXT_TOO_LONG);
}

SHIM_EXPORT int SSL_set_session_id_context(SSL *ssl, const unsigned char *sid_ctx,
                                           unsigned int sid_ctx_len)
{
    SHIM_ENSURE_ARG(ssl, ERR_LIB_SSL, 0);
    return set_bytes(ssl->sid_ctx, &ssl->sid_ctx_len, sizeof(ssl->sid_ctx), sid_ctx, sid_ctx_len,
                     SSL_R_SSL_SESSION_ID_CONTEXT_TOO_LONG);
}

/* OpenSSL returns the previous timeout. */
SHIM_EXPORT long SSL_CTX_set_timeout(SSL_CTX *ctx, long t)
{
    long previous;

    if (ctx == NULL)
        return 0;
    previous = ctx->session_timeout;
    ctx->session_timeout = t;
    return previous;
}

SHIM_EXPORT long SSL_CTX_get_timeout(const SSL_CTX *ctx)
{
    return ctx != NULL ? ctx->session_timeout : 0;
}

SHIM_EXPORT int SSL_CTX_set_num_tickets(SSL_CTX *ctx, size_t num_tickets)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    ctx->num_tickets = num_tickets;
    return 1;
}

SHIM_EXPORT size_t SSL_CTX_get_num_tickets(const SSL_CTX *ctx)
{
    return ctx != NULL ? ctx->num_tickets : 0;
}

SHIM_EXPORT void SSL_CTX_sess_set_new_cb(SSL_CTX *ctx,
                                         int (*new_session_cb)(SSL *, SSL_SESSION *))
{
    if (ctx != NULL)
        ctx->new_session_cb = new_session_cb;
}

SHIM_EXPORT int (*SSL_CTX_sess_get_new_cb(SSL_CTX *ctx))(SSL *ssl, SSL_SESSION *sess)
{
    return ctx != NULL ? ctx->new_session_cb : NULL;
}

/* ---- The context's cache ----------------------------------------------------------------- */

/*
 * OpenSSL's session cache, the context's own: SSL_CTX_add_session puts a
 * session in, a lookup finds it by id, the oldest goes when it is full,
 * SSL_CTX_flush_sessions removes those past their lifetime. A list,
 * newest first: lookups walk it, which costs microseconds for thousands
 * of sessions against milliseconds of a handshake, and a device caches a
 * handful. The remove callback runs outside the lock, so it may call back
 * into the library.
 */
struct shim_session_store {
    shim_lock lock; /* guards the list: connections share a context */
    SSL_SESSION *newest;
    SSL_SESSION *oldest;
#if defined(SHIM_TICKETS)
    /* The context's ticket key, made with it and kept for its life, as
     * OpenSSL's are: workers forked after SSL_CTX_new share it. 0: none. */
    psa_key_id_t ticket_key;
    unsigned char ticket_name[16];
#endif
};

#if defined(SHIM_TICKETS)
static void store_tickets_setup(struct shim_session_store *store)
{
    psa_key_attributes_t attributes = PSA_KEY_ATTRIBUTES_INIT;

    psa_set_key_type(&attributes, PSA_KEY_TYPE_AES);
    psa_set_key_bits(&attributes, 256);
    psa_set_key_usage_flags(&attributes, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT);
    psa_set_key_algorithm(&attributes, PSA_ALG_GCM);
    if (psa_generate_random(store->ticket_name, sizeof(store->ticket_name)) != PSA_SUCCESS ||
        psa_generate_key(&attributes, &store->ticket_key) != PSA_SUCCESS)
        store->ticket_key = 0;
}

static void store_tickets_free(struct shim_session_store *store)
{
    if (store->ticket_key != 0)
        (void)psa_destroy_key(store->ticket_key);
}
#else
static void store_tickets_setup(struct shim_session_store *store)
{
    (void)store;
}

static void store_tickets_free(struct shim_session_store *store)
{
    (void)store;
}
#endif

/* Past its lifetime at time t: OpenSSL keeps a session through the second
 * its lifetime ends. */
static int expired(const SSL_SESSION *sess, long t)
{
    long timeout = sess->timeout > 0 ? sess->timeout : 0;

    if (sess->time > LONG_MAX - timeout)
        return 0; /* ends beyond what a long counts */
    return t > sess->time + timeout;
}

static void count_cached(SSL_CTX *ctx, int delta)
{
    (void)__atomic_add_fetch(&SHIM_SESSION_STAT(ctx, SSL_CTRL_SESS_NUMBER), delta,
                             __ATOMIC_RELAXED);
}

/* With the lock held. */
static SSL_SESSION *cache_find(const struct shim_session_store *store, const unsigned char *id,
                               size_t len)
{
    SSL_SESSION *sess;

    for (sess = store->newest; sess != NULL; sess = sess->older)
        if (sess->id_len == len && memcmp(sess->id, id, len) == 0)
            return sess;
    return NULL;
}

/* With the lock held; the cache's reference goes with the session. */
static void cache_unlink(SSL_CTX *ctx, struct shim_session_store *store, SSL_SESSION *sess)
{
    if (sess->newer != NULL)
        sess->newer->older = sess->older;
    else
        store->newest = sess->older;
    if (sess->older != NULL)
        sess->older->newer = sess->newer;
    else
        store->oldest = sess->newer;
    sess->newer = sess->older = NULL;
    sess->owner = NULL;
    count_cached(ctx, -1);
}

/* With the lock held; takes the caller's reference. */
static void cache_link(SSL_CTX *ctx, struct shim_session_store *store, SSL_SESSION *sess)
{
    sess->older = store->newest;
    sess->newer = NULL;
    if (store->newest != NULL)
        store->newest->newer = sess;
    else
        store->oldest = sess;
    store->newest = sess;
    sess->owner = ctx;
    count_cached(ctx, 1);
}

/* Sessions taken out under the lock, chained by their older link: each is
 * no longer resumable, the remove callback sees it, and the cache's
 * reference goes. */
static void cache_bury(SSL_CTX *ctx, SSL_SESSION *removed)
{
    while (removed != NULL) {
        SSL_SESSION *next = removed->older;

        removed->older = NULL;
        removed->resumable = 0;
        if (ctx->remove_session_cb != NULL)
            ctx->remove_session_cb(ctx, removed);
        SSL_SESSION_free(removed);
        removed = next;
    }
}

/* Takes out every session past its lifetime at t (all with t 0). */
static void cache_flush(SSL_CTX *ctx, struct shim_session_store *store, long t)
{
    SSL_SESSION *removed = NULL;
    SSL_SESSION *sess;
    SSL_SESSION *newer;

    shim_lock_take(&store->lock);
    for (sess = store->oldest; sess != NULL; sess = newer) {
        newer = sess->newer;
        if (t == 0 || expired(sess, t)) {
            cache_unlink(ctx, store, sess);
            sess->older = removed;
            removed = sess;
        }
    }
    shim_lock_give(&store->lock);
    cache_bury(ctx, removed);
}

static void store_free(SSL_CTX *ctx, struct shim_session_store *store)
{
    cache_flush(ctx, store, 0);
    store_tickets_free(store);
    shim_lock_free(&store->lock);
    shim_free(store);
}

/* The context's store, made when first needed; contexts are shared
 * between threads, so the first one made wins. */
static struct shim_session_store *ctx_store(SSL_CTX *ctx)
{
    struct shim_session_store *store = __atomic_load_n(&ctx->session_store, __ATOMIC_ACQUIRE);
    struct shim_session_store *expected = NULL;

    if (store != NULL)
        return store;
    store = shim_calloc(1, sizeof(*store));
    if (store == NULL)
        return NULL;
    shim_lock_init(&store->lock);
    store_tickets_setup(store);
    ctx->session_store_free = store_free;
    if (!__atomic_compare_exchange_n(&ctx->session_store, &expected, store, 0, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE)) {
        store_free(ctx, store);
        store = expected;
    }
    return store;
}

SHIM_EXPORT int SSL_CTX_add_session(SSL_CTX *ctx, SSL_SESSION *session)
{
    struct shim_session_store *store;
    SSL_SESSION *replaced = NULL;
    SSL_SESSION *evicted = NULL;
    int added = 1;

    SHIM_ENSURE(ctx != NULL && session != NULL, ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER, 0);
    SHIM_ENSURE((store = ctx_store(ctx)) != NULL, ERR_LIB_SSL, ERR_R_MALLOC_FAILURE, 0);
    shim_lock_take(&store->lock);
    if (session->owner != NULL) {
        /* Already cached (here: it becomes the newest; a session is in one
         * context's cache at a time). */
        added = 0;
        if (session->owner != ctx) {
            shim_lock_give(&store->lock);
            return 0;
        }
        cache_unlink(ctx, store, session);
    } else {
        (void)SSL_SESSION_up_ref(session);
        /* Another session with this id is dropped quietly, as OpenSSL's; a
         * full cache loses its oldest, which the remove callback sees.
         * OpenSSL 3.0 counts the new session before it checks: a cache of
         * n > 1 keeps n - 1 sessions. */
        replaced = cache_find(store, session->id, session->id_len);
        if (replaced != NULL)
            cache_unlink(ctx, store, replaced);
        while (replaced == NULL && ctx->session_cache_size > 0 && store->oldest != NULL &&
               __atomic_load_n(&SHIM_SESSION_STAT(ctx, SSL_CTRL_SESS_NUMBER), __ATOMIC_RELAXED) +
                       1 >=
                   ctx->session_cache_size) {
            SSL_SESSION *oldest = store->oldest;

            cache_unlink(ctx, store, oldest);
            oldest->older = evicted;
            evicted = oldest;
            shim_count(&SHIM_SESSION_STAT(ctx, SSL_CTRL_SESS_CACHE_FULL));
        }
    }
    if (ctx->session_cache_mode & SSL_SESS_CACHE_UPDATE_TIME)
        session->time = (long)shim_now();
    cache_link(ctx, store, session);
    shim_lock_give(&store->lock);
    cache_bury(ctx, evicted);
    SSL_SESSION_free(replaced);
    return added;
}

/* OpenSSL's rule: the remove callback hears of the session whether or not
 * the cache had it (an external cache may), and it is no longer resumable
 * either way; 1 when the cache had it. */
SHIM_EXPORT int SSL_CTX_remove_session(SSL_CTX *ctx, SSL_SESSION *session)
{
    struct shim_session_store *store;
    SSL_SESSION *cached = NULL;

    if (ctx == NULL || session == NULL || session->id_len == 0)
        return 0;
    store = __atomic_load_n(&ctx->session_store, __ATOMIC_ACQUIRE);
    if (store != NULL) {
        shim_lock_take(&store->lock);
        cached = cache_find(store, session->id, session->id_len);
        if (cached != NULL)
            cache_unlink(ctx, store, cached);
        shim_lock_give(&store->lock);
    }
    session->resumable = 0;
    if (ctx->remove_session_cb != NULL)
        ctx->remove_session_cb(ctx, session);
    if (cached != NULL) {
        cached->resumable = 0;
        SSL_SESSION_free(cached);
    }
    return cached != NULL;
}

SHIM_EXPORT void SSL_CTX_flush_sessions(SSL_CTX *ctx, long tm)
{
    struct shim_session_store *store;

    if (ctx == NULL || (store = __atomic_load_n(&ctx->session_store, __ATOMIC_ACQUIRE)) == NULL)
        return;
    cache_flush(ctx, store, tm);
}

SHIM_EXPORT void SSL_CTX_sess_set_remove_cb(SSL_CTX *ctx,
                                            void (*remove_session_cb)(SSL_CTX *, SSL_SESSION *))
{
    if (ctx != NULL)
        ctx->remove_session_cb = remove_session_cb;
}

SHIM_EXPORT void (*SSL_CTX_sess_get_remove_cb(SSL_CTX *ctx))(SSL_CTX *ctx, SSL_SESSION *sess)
{
    return ctx != NULL ? ctx->remove_session_cb : NULL;
}

SHIM_EXPORT void SSL_CTX_sess_set_get_cb(SSL_CTX *ctx,
                                         SSL_SESSION *(*get_session_cb)(SSL *, const unsigned char *,
                                                                        int, int *))
{
    if (ctx != NULL)
        ctx->get_session_cb = get_session_cb;
}

SHIM_EXPORT SSL_SESSION *(*SSL_CTX_sess_get_get_cb(SSL_CTX *ctx))(SSL *ssl,
                                                                  const unsigned char *data,
                                                                  int len, int *copy)
{
    return ctx != NULL ? ctx->get_session_cb : NULL;
}

/* ---- A server's resumption ----------------------------------------------------------------- */

/* The context whose cache and callbacks serve the connection: the one it
 * was made with, even after a server name callback switched (OpenSSL's
 * session context). */
static SSL_CTX *cache_ctx(const SSL *s)
{
    return s->session_ctx != NULL ? s->session_ctx : s->ctx;
}

/* The connection's session id context: its own, else its context's. */
static const unsigned char *conn_sid_ctx(const SSL *s, unsigned int *len)
{
    *len = s->sid_ctx_len > 0 ? s->sid_ctx_len : s->ctx->sid_ctx_len;
    return s->sid_ctx_len > 0 ? s->sid_ctx : s->ctx->sid_ctx;
}

/* mbedTLS has no copy function: its own cache saves and loads too. */
static int copy_tls(mbedtls_ssl_session *to, const mbedtls_ssl_session *from)
{
    unsigned char *buf;
    size_t len = 0;
    int ok;

    (void)mbedtls_ssl_session_save(from, NULL, 0, &len);
    if (len == 0 || (buf = shim_malloc(len)) == NULL)
        return 0;
    ok = mbedtls_ssl_session_save(from, buf, len, &len) == 0 &&
         mbedtls_ssl_session_load(to, buf, len) == 0;
    shim_wipe_free(buf, len);
    return ok;
}

static void set_pending(SSL *s, SSL_SESSION *sess, int found)
{
    SSL_SESSION_free(s->pending_session);
    s->pending_session = sess;
    s->pending_found = found;
}

/* The session a client asks to resume, as OpenSSL finds it: in the cache
 * (a miss is counted), then from the get callback, whose session the
 * cache keeps. A reference for the caller, or NULL. */
static SSL_SESSION *find_session(SSL *s, SSL_CTX *ctx, const unsigned char *id, size_t len)
{
    struct shim_session_store *store = __atomic_load_n(&ctx->session_store, __ATOMIC_ACQUIRE);
    SSL_SESSION *sess = NULL;
    int copy = 1;

    if (!(ctx->session_cache_mode & SSL_SESS_CACHE_NO_INTERNAL_LOOKUP)) {
        if (store != NULL) {
            shim_lock_take(&store->lock);
            sess = cache_find(store, id, len);
            (void)SSL_SESSION_up_ref(sess);
            shim_lock_give(&store->lock);
        }
        if (sess != NULL)
            return sess;
        shim_count(&SHIM_SESSION_STAT(ctx, SSL_CTRL_SESS_MISSES));
    }
    if (ctx->get_session_cb == NULL ||
        (sess = ctx->get_session_cb(s, id, (int)len, &copy)) == NULL)
        return NULL;
    shim_count(&SHIM_SESSION_STAT(ctx, SSL_CTRL_SESS_CB_HIT));
    /* Without copy the callback hands its reference over. */
    if (copy)
        (void)SSL_SESSION_up_ref(sess);
    if (!(ctx->session_cache_mode & SSL_SESS_CACHE_NO_INTERNAL_STORE))
        (void)SSL_CTX_add_session(ctx, sess);
    return sess;
}

/* Whether the connection may resume the session, OpenSSL's checks in its
 * order: the version, the id context, the lifetime (an expired session
 * leaves the cache). */
static int may_resume(SSL *s, SSL_CTX *ctx, SSL_SESSION *sess)
{
    unsigned int sid_ctx_len;
    const unsigned char *sid_ctx = conn_sid_ctx(s, &sid_ctx_len);

    if (sess->version != TLS1_2_VERSION || sess->sid_ctx_len != sid_ctx_len ||
        memcmp(sess->sid_ctx, sid_ctx, sid_ctx_len) != 0)
        return 0;
    /* OpenSSL fails the handshake here (a session without an id context
     * could come from another context that checked no certificate); this
     * library makes a full handshake, which checks it (docs/parity.md). */
    if (sid_ctx_len == 0 && (s->verify_mode & SSL_VERIFY_PEER))
        return 0;
    if (expired(sess, (long)shim_now())) {
        shim_count(&SHIM_SESSION_STAT(ctx, SSL_CTRL_SESS_TIMEOUTS));
        (void)SSL_CTX_remove_session(ctx, sess);
        return 0;
    }
    return holds_tls(sess);
}

#if defined(MBEDTLS_SSL_SRV_C)
/* mbedTLS asks for a TLS 1.2 session by the id a client offers; the
 * session found waits in pending_session for the handshake's end. */
static int cache_get(void *data, const unsigned char *id, size_t len,
                     mbedtls_ssl_session *session)
{
    SSL *s = data;
    SSL_CTX *ctx = cache_ctx(s);
    SSL_SESSION *sess = find_session(s, ctx, id, len);

    if (sess == NULL)
        return -1;
    if (!may_resume(s, ctx, sess) || !copy_tls(session, &sess->tls)) {
        SSL_SESSION_free(sess);
        return -1;
    }
    set_pending(s, sess, 1);
    return 0;
}

/* mbedTLS offers each new TLS 1.2 session with an id (those without
 * tickets); it becomes the connection's session at the handshake's end. */
static int cache_set(void *data, const unsigned char *id, size_t len,
                     const mbedtls_ssl_session *session)
{
    SSL *s = data;
    SSL_SESSION *sess = SSL_SESSION_new();

    (void)id, (void)len;
    if (sess == NULL || !copy_tls(&sess->tls, session)) {
        SSL_SESSION_free(sess);
        return -1;
    }
    set_pending(s, sess, 0);
    return 0;
}

/* Lookups always (OpenSSL looks whatever the mode says); new sessions
 * only with SSL_SESS_CACHE_SERVER. */
static void server_cache(SSL *s)
{
    mbedtls_ssl_conf_session_cache(&s->conf, s, cache_get,
                                   (cache_ctx(s)->session_cache_mode & SSL_SESS_CACHE_SERVER)
                                       ? cache_set
                                       : NULL);
}
#else
static void server_cache(SSL *s)
{
    (void)s;
}
#endif

#if defined(MBEDTLS_SSL_PROTO_TLS1_3) && defined(MBEDTLS_SSL_SRV_C) && \
    defined(MBEDTLS_SSL_SESSION_TICKETS)
/* How many tickets a TLS 1.3 server sends after its handshake. */
static void server_ticket_count(SSL *s, size_t count)
{
    mbedtls_ssl_conf_new_session_tickets(&s->conf, count > 0xFFFF ? 0xFFFF : (uint16_t)count);
}
#else
static void server_ticket_count(SSL *s, size_t count)
{
    (void)s, (void)count;
}
#endif

#if defined(SHIM_TICKETS)
/*
 * Tickets carry the time their session expires (8 bytes, big-endian: issued
 * plus the context's session timeout then, as an OpenSSL session keeps its
 * timeout) and mbedTLS's saved session, sealed one of two ways:
 * - with the context's key: the key's name (16 bytes), a nonce (12), then
 *   AES-256-GCM with the name as associated data, then the tag (16);
 * - with the application's keys (a ticket key callback), in OpenSSL's form:
 *   the name (16), the IV, AES-CBC with PKCS#7 padding, then HMAC over all
 *   that before it.
 * An expired ticket is refused. Any refusal makes a full handshake: mbedTLS
 * takes every error of these callbacks so.
 */
#define TICKET_NAME_LEN 16
#define TICKET_NONCE_LEN 12
#define TICKET_TIME_LEN 8
#define TICKET_TAG_LEN 16
#define TICKET_OVERHEAD (TICKET_NAME_LEN + TICKET_NONCE_LEN + TICKET_TIME_LEN + TICKET_TAG_LEN)

static void put_expiry(unsigned char *p, const SSL_CTX *ctx)
{
    uint64_t expiry = (uint64_t)shim_now();

    if (ctx->session_timeout > 0)
        expiry += (uint64_t)ctx->session_timeout;
    put_be64(p, expiry);
}

static int expiry_passed(const unsigned char *p)
{
    return (uint64_t)shim_now() > get_be64(p);
}

/* The lifetime a ticket announces; TLS 1.3 allows a week at most. */
static uint32_t ticket_lifetime(const SSL_CTX *ctx)
{
    if (ctx->session_timeout <= 0)
        return 0;
    return ctx->session_timeout > TICKET_LIFETIME_MAX ? TICKET_LIFETIME_MAX
                                                      : (uint32_t)ctx->session_timeout;
}

static int own_ticket_write(const SSL_CTX *ctx, const mbedtls_ssl_session *session,
                            unsigned char *start, const unsigned char *end, size_t *tlen)
{
    const struct shim_session_store *store = ctx->session_store;
    unsigned char *nonce = start + TICKET_NAME_LEN;
    unsigned char *sealed = nonce + TICKET_NONCE_LEN;
    size_t state_len = 0;
    size_t sealed_len = 0;
    int ret;

    if (end - start < TICKET_OVERHEAD)
        return MBEDTLS_ERR_SSL_BUFFER_TOO_SMALL;
    memcpy(start, store->ticket_name, TICKET_NAME_LEN);
    if (psa_generate_random(nonce, TICKET_NONCE_LEN) != PSA_SUCCESS)
        return MBEDTLS_ERR_SSL_INTERNAL_ERROR;
    put_expiry(sealed, ctx);
    ret = mbedtls_ssl_session_save(session, sealed + TICKET_TIME_LEN,
                                   (size_t)(end - sealed) - TICKET_TIME_LEN - TICKET_TAG_LEN,
                                   &state_len);
    if (ret != 0)
        return ret;
    /* In place, as mbedTLS's own tickets are sealed. */
    if (psa_aead_encrypt(store->ticket_key, PSA_ALG_GCM, nonce, TICKET_NONCE_LEN, start,
                         TICKET_NAME_LEN, sealed, TICKET_TIME_LEN + state_len, sealed,
                         (size_t)(end - sealed), &sealed_len) != PSA_SUCCESS)
        return MBEDTLS_ERR_SSL_INTERNAL_ERROR;
    *tlen = TICKET_NAME_LEN + TICKET_NONCE_LEN + sealed_len;
    return 0;
}

static int own_ticket_parse(const SSL_CTX *ctx, mbedtls_ssl_session *session, unsigned char *buf,
                            size_t len)
{
    const struct shim_session_store *store = ctx->session_store;
    unsigned char *sealed = buf + TICKET_NAME_LEN + TICKET_NONCE_LEN;
    size_t opened_len = 0;

    if (len < TICKET_OVERHEAD || memcmp(buf, store->ticket_name, TICKET_NAME_LEN) != 0)
        return MBEDTLS_ERR_SSL_INVALID_MAC;
    if (psa_aead_decrypt(store->ticket_key, PSA_ALG_GCM, buf + TICKET_NAME_LEN, TICKET_NONCE_LEN,
                         buf, TICKET_NAME_LEN, sealed, len - TICKET_NAME_LEN - TICKET_NONCE_LEN,
                         sealed, len - TICKET_NAME_LEN - TICKET_NONCE_LEN,
                         &opened_len) != PSA_SUCCESS ||
        opened_len < TICKET_TIME_LEN)
        return MBEDTLS_ERR_SSL_INVALID_MAC;
    if (expiry_passed(sealed))
        return MBEDTLS_ERR_SSL_SESSION_TICKET_EXPIRED;
    return mbedtls_ssl_session_load(session, sealed + TICKET_TIME_LEN,
                                    opened_len - TICKET_TIME_LEN);
}

#if defined(SHIM_APP_TICKETS)
/* What the application's callback set up for one ticket. */
struct app_keys {
    EVP_CIPHER_CTX cipher;
    struct shim_mac_key mac;
    const mbedtls_md_info_t *md;
};

/* The callback's answer (1 or 2 to go on) once its keys are usable; the
 * older form's HMAC starts with SHA-256, as OpenSSL's does. */
static int app_keys_get(SSL *s, const SSL_CTX *ctx, unsigned char *name, unsigned char *iv,
                        struct app_keys *keys, int enc)
{
    int ret;

    memset(keys, 0, sizeof(*keys));
    if (ctx->ticket_key_evp_cb != NULL) {
        EVP_MAC_CTX hctx;

        memset(&hctx, 0, sizeof(hctx));
        ret = ctx->ticket_key_evp_cb(s, name, iv, &keys->cipher, &hctx, enc);
        keys->mac = hctx.mac;
        mbedtls_platform_zeroize(&hctx, sizeof(hctx));
    } else {
        HMAC_CTX hctx;

        memset(&hctx, 0, sizeof(hctx));
        hctx.mac.md = EVP_sha256();
        ret = ctx->ticket_key_cb(s, name, iv, &keys->cipher, &hctx, enc);
        keys->mac = hctx.mac;
        mbedtls_platform_zeroize(&hctx, sizeof(hctx));
    }
    if (ret <= 0)
        return ret;
    if (keys->cipher.cipher == NULL || keys->cipher.encrypt != enc || !keys->mac.keyed ||
        keys->mac.md == NULL ||
        (keys->md = mbedtls_md_info_from_type(shim_md_type(keys->mac.md))) == NULL)
        return -1;
    return ret;
}

/* AES-CBC with PKCS#7 padding under the callback's key: out holds len +
 * one block. */
static int app_crypt(const struct app_keys *keys, mbedtls_operation_t op,
                     const unsigned char *in, size_t len, unsigned char *out, size_t *out_len)
{
    mbedtls_cipher_context_t cipher;
    const mbedtls_cipher_info_t *info = mbedtls_cipher_info_from_type(
        keys->cipher.cipher->key_len == 16 ? MBEDTLS_CIPHER_AES_128_CBC
                                            : MBEDTLS_CIPHER_AES_256_CBC);
    int ok;

    mbedtls_cipher_init(&cipher);
    ok = info != NULL && mbedtls_cipher_setup(&cipher, info) == 0 &&
         mbedtls_cipher_setkey(&cipher, keys->cipher.key, (int)keys->cipher.cipher->key_len * 8,
                               op) == 0 &&
         mbedtls_cipher_set_padding_mode(&cipher, MBEDTLS_PADDING_PKCS7) == 0 &&
         mbedtls_cipher_crypt(&cipher, keys->cipher.iv, keys->cipher.cipher->iv_len, in, len, out,
                              out_len) == 0;
    mbedtls_cipher_free(&cipher);
    return ok;
}

static int app_ticket_write(SSL *s, const SSL_CTX *ctx, const mbedtls_ssl_session *session,
                            unsigned char *start, const unsigned char *end, size_t *tlen)
{
    struct app_keys keys;
    unsigned char iv[EVP_MAX_IV_LENGTH];
    unsigned char *plain = NULL;
    unsigned char *sealed;
    size_t state_len = 0;
    size_t sealed_len = 0;
    size_t mac_len;
    int ret = MBEDTLS_ERR_SSL_INTERNAL_ERROR;

    if (end - start < TICKET_NAME_LEN + EVP_MAX_IV_LENGTH)
        return MBEDTLS_ERR_SSL_BUFFER_TOO_SMALL;
    /* No key (0) or an error: no ticket this time. */
    if (app_keys_get(s, ctx, start, iv, &keys, 1) <= 0)
        goto out;
    memcpy(start + TICKET_NAME_LEN, iv, keys.cipher.cipher->iv_len);
    sealed = start + TICKET_NAME_LEN + keys.cipher.cipher->iv_len;
    mac_len = mbedtls_md_get_size(keys.md);
    (void)mbedtls_ssl_session_save(session, NULL, 0, &state_len);
    if ((size_t)(end - sealed) < TICKET_TIME_LEN + state_len + 16 + mac_len) {
        ret = MBEDTLS_ERR_SSL_BUFFER_TOO_SMALL;
        goto out;
    }
    if ((plain = shim_malloc(TICKET_TIME_LEN + state_len)) == NULL) {
        ret = MBEDTLS_ERR_SSL_ALLOC_FAILED;
        goto out;
    }
    put_expiry(plain, ctx);
    if ((ret = mbedtls_ssl_session_save(session, plain + TICKET_TIME_LEN, state_len,
                                        &state_len)) != 0)
        goto out;
    ret = MBEDTLS_ERR_SSL_INTERNAL_ERROR;
    if (!app_crypt(&keys, MBEDTLS_ENCRYPT, plain, TICKET_TIME_LEN + state_len, sealed,
                   &sealed_len) ||
        mbedtls_md_hmac(keys.md, keys.mac.key, keys.mac.key_len, start,
                        (size_t)(sealed - start) + sealed_len, sealed + sealed_len) != 0)
        goto out;
    *tlen = (size_t)(sealed - start) + sealed_len + mac_len;
    ret = 0;
out:
    if (plain != NULL)
        shim_wipe_free(plain, TICKET_TIME_LEN + state_len);
    mbedtls_platform_zeroize(&keys, sizeof(keys));
    return ret;
}

static int app_ticket_parse(SSL *s, const SSL_CTX *ctx, mbedtls_ssl_session *session,
                            unsigned char *buf, size_t len)
{
    struct app_keys keys;
    unsigned char iv[EVP_MAX_IV_LENGTH];
    unsigned char mac[MBEDTLS_MD_MAX_SIZE];
    unsigned char *plain = NULL;
    unsigned char *sealed;
    size_t sealed_len = 0;
    size_t plain_len = 0;
    size_t mac_len;
    int ret = MBEDTLS_ERR_SSL_INVALID_MAC;

    if (len < TICKET_NAME_LEN + EVP_MAX_IV_LENGTH)
        return ret;
    memcpy(iv, buf + TICKET_NAME_LEN, EVP_MAX_IV_LENGTH);
    /* A key it does not know (0) or an error: a full handshake. Renewal
     * (2) cannot be asked of mbedTLS, which sends its own new tickets. */
    if (app_keys_get(s, ctx, buf, iv, &keys, 0) <= 0)
        goto out;
    mac_len = mbedtls_md_get_size(keys.md);
    sealed = buf + TICKET_NAME_LEN + keys.cipher.cipher->iv_len;
    if (len < (size_t)(sealed - buf) + 16 + mac_len)
        goto out;
    sealed_len = len - (size_t)(sealed - buf) - mac_len;
    if (mbedtls_md_hmac(keys.md, keys.mac.key, keys.mac.key_len, buf, len - mac_len, mac) != 0 ||
        mbedtls_ct_memcmp(mac, buf + len - mac_len, mac_len) != 0 ||
        (plain = shim_malloc(sealed_len + 16)) == NULL ||
        !app_crypt(&keys, MBEDTLS_DECRYPT, sealed, sealed_len, plain, &plain_len) ||
        plain_len < TICKET_TIME_LEN)
        goto out;
    if (expiry_passed(plain))
        ret = MBEDTLS_ERR_SSL_SESSION_TICKET_EXPIRED;
    else
        ret = mbedtls_ssl_session_load(session, plain + TICKET_TIME_LEN,
                                       plain_len - TICKET_TIME_LEN);
out:
    if (plain != NULL)
        shim_wipe_free(plain, sealed_len + 16);
    mbedtls_platform_zeroize(&keys, sizeof(keys));
    return ret;
}

static int app_tickets(const SSL_CTX *ctx)
{
    return ctx->ticket_key_evp_cb != NULL || ctx->ticket_key_cb != NULL;
}
#else
static int app_ticket_write(SSL *s, const SSL_CTX *ctx, const mbedtls_ssl_session *session,
                            unsigned char *start, const unsigned char *end, size_t *tlen)
{
    (void)s, (void)ctx, (void)session, (void)start, (void)end, (void)tlen;
    return MBEDTLS_ERR_SSL_INTERNAL_ERROR;
}

static int app_ticket_parse(SSL *s, const SSL_CTX *ctx, mbedtls_ssl_session *session,
                            unsigned char *buf, size_t len)
{
    (void)s, (void)ctx, (void)session, (void)buf, (void)len;
    return MBEDTLS_ERR_SSL_INVALID_MAC;
}

static int app_tickets(const SSL_CTX *ctx)
{
    (void)ctx;
    return 0;
}
#endif

static int ticket_write(void *data, const mbedtls_ssl_session *session, unsigned char *start,
                        const unsigned char *end, size_t *tlen, uint32_t *lifetime)
{
    SSL *s = data;
    const SSL_CTX *ctx = cache_ctx(s);

    *tlen = 0;
    *lifetime = ticket_lifetime(ctx);
    return app_tickets(ctx) ? app_ticket_write(s, ctx, session, start, end, tlen)
                            : own_ticket_write(ctx, session, start, end, tlen);
}

static int ticket_parse(void *data, mbedtls_ssl_session *session, unsigned char *buf, size_t len)
{
    SSL *s = data;
    const SSL_CTX *ctx = cache_ctx(s);

    return app_tickets(ctx) ? app_ticket_parse(s, ctx, session, buf, len)
                            : own_ticket_parse(ctx, session, buf, len);
}

/* Tickets unless SSL_OP_NO_TICKET (OpenSSL's TLS 1.3 server then issues
 * stateful tickets; mbedTLS cannot, so it issues none: docs/parity.md). */
static void server_tickets(SSL *s, struct shim_session_store *store)
{
    int tickets = (store->ticket_key != 0 || app_tickets(cache_ctx(s))) &&
                  !(s->options & SSL_OP_NO_TICKET);

    if (tickets)
        mbedtls_ssl_conf_session_tickets_cb(&s->conf, ticket_write, ticket_parse, s);
    server_ticket_count(s, tickets ? s->ctx->num_tickets : 0);
}
#else
/* No tickets in this mbedTLS: none are sent. */
static void server_tickets(SSL *s, struct shim_session_store *store)
{
    (void)store;
    server_ticket_count(s, 0);
}
#endif

SHIM_EXPORT int SSL_CTX_set_tlsext_ticket_key_evp_cb(
    SSL_CTX *ctx, int (*cb)(SSL *, unsigned char *, unsigned char *, EVP_CIPHER_CTX *,
                            EVP_MAC_CTX *, int))
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
#if defined(SHIM_APP_TICKETS)
    ctx->ticket_key_evp_cb = cb;
    ctx->ticket_key_cb = NULL;
    return 1;
#else
    (void)cb;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
#endif
}

SHIM_EXPORT long SSL_CTX_set_tlsext_ticket_key_cb(
    SSL_CTX *ctx, int (*cb)(SSL *, unsigned char *, unsigned char *, EVP_CIPHER_CTX *, HMAC_CTX *,
                            int))
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
#if defined(SHIM_APP_TICKETS)
    ctx->ticket_key_cb = cb;
    ctx->ticket_key_evp_cb = NULL;
    return 1;
#else
    (void)cb;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
#endif
}

/* Servers get their ticket key with the context (a client's may serve
 * too, with TLS_method). */
void shim_session_ctx_made(SSL_CTX *ctx)
{
    if (ctx->method->can_accept)
        (void)ctx_store(ctx);
}

/* ---- Following the handshake ----------------------------------------------------------------- */

/* What the handshake agreed, into a session. */
static void describe_connection(SSL_SESSION *sess, SSL *s)
{
    unsigned int sid_ctx_len;
    const unsigned char *sid_ctx = conn_sid_ctx(s, &sid_ctx_len);

    sess->version = SSL_version(s);
    sess->cipher = SSL_get_current_cipher(s);
    sess->timeout = s->ctx->session_timeout;
    memcpy(sess->sid_ctx, sid_ctx, sid_ctx_len);
    sess->sid_ctx_len = sid_ctx_len;
    memcpy(sess->master_key, s->master_secret, s->master_secret_len);
    sess->master_key_len = s->master_secret_len;
    if (sess->peer == NULL && s->peer_cert != NULL && X509_up_ref(s->peer_cert))
        sess->peer = s->peer_cert;
    if (!s->server && s->sni_name != NULL)
        (void)shim_replace_string(&sess->hostname, s->sni_name);
}

/* The id of mbedTLS's TLS 1.2 session, if it has one. TLS 1.3 has none
 * (mbedTLS keeps the hello's legacy id, the same for each ticket), and
 * OpenSSL makes one up per session, for caches keyed by it. */
static void take_id(SSL_SESSION *sess)
{
    size_t id_len = mbedtls_ssl_session_get_id_len(&sess->tls);

    if (sess->version != TLS1_3_VERSION && id_len > 0 && id_len <= sizeof(sess->id)) {
        memcpy(sess->id, *mbedtls_ssl_session_get_id(&sess->tls), id_len);
        sess->id_len = (unsigned int)id_len;
    } else if (psa_generate_random(sess->id, sizeof(sess->id)) == PSA_SUCCESS) {
        sess->id_len = sizeof(sess->id);
    }
}

/* A session for what the handshake made; resumable with mbedTLS's copy of
 * it (a client's). NULL when memory runs out. */
static SSL_SESSION *session_of(SSL *s, int resumable)
{
    SSL_SESSION *sess = SSL_SESSION_new();

    if (sess == NULL)
        return NULL;
    describe_connection(sess, s);
    if (resumable && mbedtls_ssl_get_session(&s->tls, &sess->tls) == 0)
        sess->resumable = 1;
    take_id(sess);
    return sess;
}

/* OpenSSL's cache update after a handshake or a ticket: the context's
 * cache keeps the session (a TLS 1.3 server's only when a remove callback
 * wants to hear of it: its tickets carry the session), and the new-session
 * callback gets a reference, which it keeps by returning 1. */
static void update_cache(SSL *s, SSL_SESSION *sess, long mode)
{
    SSL_CTX *ctx = cache_ctx(s);
    long cache_mode = ctx->session_cache_mode;
    unsigned int sid_ctx_len;

    if (sess == NULL || sess->id_len == 0 || !(cache_mode & mode))
        return;
    /* Not a server's session without an id context when certificates are
     * asked for: resuming it elsewhere would skip that check. */
    (void)conn_sid_ctx(s, &sid_ctx_len);
    if (s->server && sid_ctx_len == 0 && (s->verify_mode & SSL_VERIFY_PEER))
        return;
    if (!(cache_mode & SSL_SESS_CACHE_NO_INTERNAL_STORE) &&
        (!s->server || sess->version != TLS1_3_VERSION || ctx->remove_session_cb != NULL))
        (void)SSL_CTX_add_session(ctx, sess);
    if (ctx->new_session_cb != NULL) {
        (void)SSL_SESSION_up_ref(sess);
        if (ctx->new_session_cb(s, sess) == 0)
            SSL_SESSION_free(sess);
    }
}

/* OpenSSL empties the cache of expired sessions every 256 good handshakes
 * unless told not to. */
static void auto_flush(SSL *s)
{
    SSL_CTX *ctx = cache_ctx(s);
    long mode = s->server ? SSL_SESS_CACHE_SERVER : SSL_SESS_CACHE_CLIENT;
    int good = __atomic_load_n(&SHIM_SESSION_STAT(ctx, s->server ? SSL_CTRL_SESS_ACCEPT_GOOD
                                                                  : SSL_CTRL_SESS_CONNECT_GOOD),
                               __ATOMIC_RELAXED);

    if (!(ctx->session_cache_mode & SSL_SESS_CACHE_NO_AUTO_CLEAR) &&
        (ctx->session_cache_mode & mode) && good > 0 && good % 256 == 0)
        SSL_CTX_flush_sessions(ctx, (long)shim_now());
}

static void replace_session(SSL *s, SSL_SESSION *sess)
{
    if (sess == NULL)
        return;
    SSL_SESSION_free(s->session);
    s->session = sess;
}

/* Whether the ServerHello resumes: TLS 1.3 by pre_shared_key, TLS 1.2 by
 * echoing the client's non-empty session id. */
static int resumes(const unsigned char *server_hello, size_t len, const unsigned char *client_id,
                   size_t client_id_len)
{
    struct shim_server_hello sh;

    if (!shim_server_hello_parse(server_hello, len, &sh))
        return 0;
    if (sh.tls13)
        return sh.pre_shared_key;
    return sh.session_id_len > 0 && sh.session_id_len == client_id_len &&
           memcmp(sh.session_id, client_id, client_id_len) == 0;
}

/* A server's tickets and cache go into the config before mbedTLS copies
 * what it needs from it (the ticket count, among others). */
static void on_configure(SSL *s)
{
    struct shim_session_store *store;

    if (!s->server || (store = ctx_store(cache_ctx(s))) == NULL)
        return;
    server_tickets(s, store);
    server_cache(s);
}

/* A client's session to resume goes to mbedTLS once it is set up. mbedTLS
 * fails a TLS 1.3 handshake whose server name differs from the ticket's:
 * without a name of its own the connection uses the session's (as
 * OpenSSL's client does in TLS 1.2), and with another one it does not
 * resume (docs/parity.md). */
static void on_setup(SSL *s)
{
    const char *name;

    if (s->server || s->session == NULL || !s->session->resumable)
        return;
    name = s->session->hostname;
    if (s->session->version == TLS1_3_VERSION) {
        if (s->sni_name == NULL && name != NULL) {
            if (mbedtls_ssl_set_hostname(&s->tls, name) != 0)
                return;
        } else if ((s->sni_name == NULL) != (name == NULL) ||
                   (name != NULL && strcmp(s->sni_name, name) != 0)) {
            return;
        }
    }
    (void)mbedtls_ssl_set_session(&s->tls, &s->session->tls);
}

/* Our own hello: a client's session id, or a server's answer. */
static void on_own_hello(SSL *s, const unsigned char *hello, size_t len)
{
    struct shim_client_hello ch;

    if (!s->server) {
        if (shim_client_hello_parse(hello, len, &ch) && ch.session_id_len <= 32) {
            memcpy(s->own_session_id, ch.session_id, ch.session_id_len);
            s->own_session_id_len = ch.session_id_len;
        }
        return;
    }
    if (s->client_hello == NULL ||
        !shim_client_hello_parse(s->client_hello, s->client_hello_len, &ch))
        return;
    s->session_reused = resumes(hello, len, ch.session_id, ch.session_id_len);
}

/* A server's session for the connection, filled in (sess, mbedTLS's
 * cached copy inside) or new; resumable, as OpenSSL's server sessions are.
 * NULL when memory runs out. */
static SSL_SESSION *server_session(SSL *s, SSL_SESSION *sess)
{
    if (sess == NULL && (sess = SSL_SESSION_new()) == NULL)
        return NULL;
    describe_connection(sess, s);
    take_id(sess);
    sess->resumable = 1;
    return sess;
}

/* A server's session: in TLS 1.2 the cached one it resumed, or the new
 * one mbedTLS cached (mbedTLS's copy inside, so that i2d/d2i carry it to
 * an external cache); otherwise one that describes the connection
 * (mbedTLS keeps a server's own). OpenSSL announces a TLS 1.2 session
 * with an id, and a TLS 1.3 session per ticket. */
static void server_done(SSL *s)
{
    SSL_SESSION *pending = s->pending_session;
    int found = s->pending_found;
    SSL_SESSION *sess;
    size_t tickets;
    size_t i;

    s->pending_session = NULL;
    if (SSL_version(s) != TLS1_3_VERSION) {
        if (found && s->session_reused) {
            replace_session(s, pending);
            return;
        }
        /* Found but not resumed (mbedTLS refused it): not this one's. */
        if (found) {
            SSL_SESSION_free(pending);
            pending = NULL;
        }
        if ((sess = server_session(s, pending)) == NULL)
            return;
        replace_session(s, sess);
        if (holds_tls(sess))
            update_cache(s, sess, SSL_SESS_CACHE_SERVER);
        return;
    }
    SSL_SESSION_free(pending);
    if ((sess = server_session(s, NULL)) == NULL)
        return;
    replace_session(s, sess);
    /* A resumed handshake sends one ticket (mbedTLS and OpenSSL alike). */
    tickets = (s->options & SSL_OP_NO_TICKET) ? 0 : s->ctx->num_tickets;
    if (s->session_reused && tickets > 1)
        tickets = 1;
    for (i = 0; i < tickets; i++) {
        /* Each ticket after the first is a session of its own, with its
         * own id. */
        if (i > 0 && (sess = server_session(s, NULL)) == NULL)
            return;
        update_cache(s, sess, SSL_SESS_CACHE_SERVER);
        if (sess != s->session)
            SSL_SESSION_free(sess);
    }
}

/* A resumed TLS 1.2 session stays the session, as in OpenSSL; a TLS 1.3
 * ticket is used once (OpenSSL takes it out of the client's cache), so the
 * session waits for a new one. */
static void client_done(SSL *s)
{
    SSL_SESSION *sess;

    if (s->session_reused && s->session != NULL) {
        if (SSL_version(s) != TLS1_3_VERSION)
            return;
        if (s->ctx->session_cache_mode & SSL_SESS_CACHE_CLIENT)
            (void)SSL_CTX_remove_session(s->ctx, s->session);
    }
    /* TLS 1.3: resumable once a ticket comes. */
    sess = session_of(s, SSL_version(s) != TLS1_3_VERSION);
    replace_session(s, sess);
    if (sess != NULL && sess->resumable)
        update_cache(s, sess, SSL_SESS_CACHE_CLIENT);
}

static void on_done(SSL *s)
{
    /* A resumed session has the peer's certificate of the first handshake
     * (mbedTLS's TLS 1.3 tickets do not carry it). */
    if (s->session_reused && s->peer_cert == NULL && s->session != NULL &&
        s->session->peer != NULL && X509_up_ref(s->session->peer))
        s->peer_cert = s->session->peer;
    if (s->session_reused)
        shim_count(&SHIM_SESSION_STAT(cache_ctx(s), SSL_CTRL_SESS_HIT));
    if (s->server)
        server_done(s);
    else
        client_done(s);
    auto_flush(s);
}

static void on_ticket(SSL *s)
{
    SSL_SESSION *sess = session_of(s, 1);

    if (sess == NULL || !sess->resumable) {
        SSL_SESSION_free(sess);
        return;
    }
    replace_session(s, sess);
    update_cache(s, sess, SSL_SESS_CACHE_CLIENT);
}

/* OpenSSL forgets a session whose connection ended without a close_notify
 * of its own: it may have been cut short. SSL_clear keeps any other for
 * the next handshake. */
static void on_end(SSL *s, int connection_goes)
{
    int cut_short = s->session != NULL && s->hs_state == SHIM_HS_DONE &&
                    !(s->shutdown & SSL_SENT_SHUTDOWN);

    if (cut_short)
        (void)SSL_CTX_remove_session(cache_ctx(s), s->session);
    if (cut_short || connection_goes) {
        SSL_SESSION_free(s->session);
        s->session = NULL;
    }
    set_pending(s, NULL, 0);
}

void shim_session_event(SSL *s, enum shim_session_event event, const unsigned char *data,
                        size_t len)
{
    switch (event) {
    case SHIM_SESSION_CONFIGURE:
        on_configure(s);
        break;
    case SHIM_SESSION_SETUP:
        on_setup(s);
        break;
    case SHIM_SESSION_OWN_HELLO:
        on_own_hello(s, data, len);
        break;
    case SHIM_SESSION_PEER_HELLO:
        if (!s->server)
            s->session_reused = resumes(data, len, s->own_session_id, s->own_session_id_len);
        break;
    case SHIM_SESSION_SECRET:
        if (len <= sizeof(s->master_secret)) {
            memcpy(s->master_secret, data, len);
            s->master_secret_len = len;
        }
        break;
    case SHIM_SESSION_DONE:
        on_done(s);
        break;
    case SHIM_SESSION_TICKET:
        on_ticket(s);
        break;
    case SHIM_SESSION_CLEAR:
    case SHIM_SESSION_FREE:
        on_end(s, event == SHIM_SESSION_FREE);
        break;
    default:
        break;
    }
}
