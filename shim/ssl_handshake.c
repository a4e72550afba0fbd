/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The handshake: setting up mbedTLS from the connection's settings at the
 * first handshake call (the freeze point), and SSL_connect, SSL_accept and
 * SSL_do_handshake, which all end in shim_handshake().
 */
#include "internal.h"

#include <string.h>

#include <mbedtls/psa_util.h>

/* mbedTLS may ask to be called again without having touched the transport
 * (after a message it handled internally). That is never worth reporting,
 * but a bound keeps a misbehaving state machine from spinning for ever. */
#define INTERNAL_RETRY_LIMIT 64

#if defined(MBEDTLS_SSL_SRV_C) && defined(MBEDTLS_SSL_PROTO_TLS1_2)
/* An OpenSSL server follows the client's preference by default. */
static void conf_preference_order(SSL *s)
{
    mbedtls_ssl_conf_preference_order(&s->conf, (s->options & SSL_OP_CIPHER_SERVER_PREFERENCE)
                                                    ? MBEDTLS_SSL_SRV_CIPHERSUITE_ORDER_SERVER
                                                    : MBEDTLS_SSL_SRV_CIPHERSUITE_ORDER_CLIENT);
}
#else
static void conf_preference_order(SSL *s)
{
    (void)s; /* mbedTLS has the setting for its TLS 1.2 server only */
}
#endif

#if defined(MBEDTLS_SSL_EXTENDED_MASTER_SECRET)
static void conf_extended_master_secret(SSL *s)
{
    mbedtls_ssl_conf_extended_master_secret(&s->conf, (s->options & SSL_OP_NO_EXTENDED_MASTER_SECRET)
                                                          ? MBEDTLS_SSL_EXTENDED_MS_DISABLED
                                                          : MBEDTLS_SSL_EXTENDED_MS_ENABLED);
}
#else
static void conf_extended_master_secret(SSL *s)
{
    (void)s; /* not built into mbedTLS: never negotiated */
}
#endif /* MBEDTLS_SSL_EXTENDED_MASTER_SECRET */

#if defined(MBEDTLS_DHM_C) && defined(MBEDTLS_SSL_CLI_C)
/* The smallest DH group a client takes: what the security level asks, as
 * OpenSSL's (2048 bits at level 2); mbedTLS alone takes 1024. */
static void conf_dh_minimum(SSL *s)
{
    static const unsigned int min_bits[] = {1024, 1024, 2048, 3072, 7680, 15360};
    int level = s->security_level < 0 ? 0 : s->security_level > 5 ? 5 : s->security_level;

    mbedtls_ssl_conf_dhm_min_bitlen(&s->conf, min_bits[level]);
}
#else
static void conf_dh_minimum(SSL *s)
{
    (void)s; /* no DHE in this mbedTLS */
}
#endif

#if defined(MBEDTLS_SSL_ENCRYPT_THEN_MAC)
static void conf_encrypt_then_mac(SSL *s)
{
    mbedtls_ssl_conf_encrypt_then_mac(&s->conf, (s->options & SSL_OP_NO_ENCRYPT_THEN_MAC)
                                                    ? MBEDTLS_SSL_ETM_DISABLED
                                                    : MBEDTLS_SSL_ETM_ENABLED);
}
#else
static void conf_encrypt_then_mac(SSL *s)
{
    (void)s; /* not built into mbedTLS: never negotiated */
}
#endif /* MBEDTLS_SSL_ENCRYPT_THEN_MAC */

#if defined(MBEDTLS_SSL_SESSION_TICKETS) && defined(MBEDTLS_SSL_CLI_C)
/* A client asks for TLS 1.2 session tickets unless SSL_OP_NO_TICKET. */
static void conf_session_tickets(SSL *s)
{
    if (!s->server)
        mbedtls_ssl_conf_session_tickets(&s->conf, (s->options & SSL_OP_NO_TICKET)
                                                       ? MBEDTLS_SSL_SESSION_TICKETS_DISABLED
                                                       : MBEDTLS_SSL_SESSION_TICKETS_ENABLED);
}
#else
static void conf_session_tickets(SSL *s)
{
    (void)s; /* not built into mbedTLS: never asked for */
}
#endif /* MBEDTLS_SSL_SESSION_TICKETS && MBEDTLS_SSL_CLI_C */

#if defined(MBEDTLS_SSL_SESSION_TICKETS) && defined(MBEDTLS_SSL_CLI_C) && \
    defined(MBEDTLS_SSL_PROTO_TLS1_3)
/* mbedTLS drops a TLS 1.3 client's tickets unless asked to report them;
 * OpenSSL's client keeps them as its session. */
static void conf_tls13_tickets(SSL *s)
{
    if (!s->server)
        mbedtls_ssl_conf_tls13_enable_signal_new_session_tickets(
            &s->conf, MBEDTLS_SSL_TLS1_3_SIGNAL_NEW_SESSION_TICKETS_ENABLED);
}
#else
static void conf_tls13_tickets(SSL *s)
{
    (void)s; /* no TLS 1.3 tickets to report */
}
#endif

#if defined(MBEDTLS_SSL_MAX_FRAGMENT_LENGTH)
int shim_max_fragment_mode_ok(uint8_t mode)
{
    /* mbedTLS's codes are the extension's, as OpenSSL's modes are. */
    SHIM_ENSURE(mode <= MBEDTLS_SSL_MAX_FRAG_LEN_4096, ERR_LIB_SSL,
                SSL_R_SSL3_EXT_INVALID_MAX_FRAGMENT_LENGTH, 0);
    return 1;
}

/* The largest fragment length a client can take in when mbedTLS was built
 * with record buffers below the 16384 bytes any peer may send (a device
 * build), so that a TLS 1.2 server keeps to it without the program asking. */
#if MBEDTLS_SSL_IN_CONTENT_LEN >= 16384
#define BUFFERS_MAX_FRAGMENT_MODE TLSEXT_max_fragment_length_DISABLED
#elif MBEDTLS_SSL_IN_CONTENT_LEN >= 4096
#define BUFFERS_MAX_FRAGMENT_MODE TLSEXT_max_fragment_length_4096
#elif MBEDTLS_SSL_IN_CONTENT_LEN >= 2048
#define BUFFERS_MAX_FRAGMENT_MODE TLSEXT_max_fragment_length_2048
#elif MBEDTLS_SSL_IN_CONTENT_LEN >= 1024
#define BUFFERS_MAX_FRAGMENT_MODE TLSEXT_max_fragment_length_1024
#else
#define BUFFERS_MAX_FRAGMENT_MODE TLSEXT_max_fragment_length_512
#endif

/* A client asks for the context's or connection's maximum fragment
 * length, never more than its buffers take; a server answers what the
 * client asks for, whatever is set. The modes grow with the length. */
static int conf_max_fragment(SSL *s)
{
    uint8_t mode = s->max_fragment_mode;

    if (BUFFERS_MAX_FRAGMENT_MODE != TLSEXT_max_fragment_length_DISABLED &&
        (mode == TLSEXT_max_fragment_length_DISABLED || mode > BUFFERS_MAX_FRAGMENT_MODE))
        mode = BUFFERS_MAX_FRAGMENT_MODE;
    if (s->server || mode == TLSEXT_max_fragment_length_DISABLED)
        return 1;
    return mbedtls_ssl_conf_max_frag_len(&s->conf, mode) == 0;
}
#else
int shim_max_fragment_mode_ok(uint8_t mode)
{
    SHIM_ENSURE(mode <= TLSEXT_max_fragment_length_4096, ERR_LIB_SSL,
                SSL_R_SSL3_EXT_INVALID_MAX_FRAGMENT_LENGTH, 0);
    /* Not built into mbedTLS: it could never be asked for. */
    SHIM_ENSURE(mode == TLSEXT_max_fragment_length_DISABLED, ERR_LIB_SSL, ERR_R_UNSUPPORTED, 0);
    return 1;
}

static int conf_max_fragment(SSL *s)
{
    (void)s;
    return 1;
}
#endif /* MBEDTLS_SSL_MAX_FRAGMENT_LENGTH */

/* OpenSSL's verify mode, per role, as an mbedTLS authmode; the rest of
 * OpenSSL's semantics is in the verify callback (ssl_verify.c):
 * - client, NONE: verify and record the result, never abort (OPTIONAL);
 * - client, PEER: abort on any failure (REQUIRED);
 * - server, NONE: ask for no certificate;
 * - server, PEER: accept a missing certificate, abort on a bad one
 *   (OPTIONAL, and the callback aborts);
 * - server, PEER | FAIL_IF_NO_PEER_CERT: a certificate is required. */
static int conn_authmode(const SSL *s)
{
    if (!s->server)
        return (s->verify_mode & SSL_VERIFY_PEER) ? MBEDTLS_SSL_VERIFY_REQUIRED
                                                  : MBEDTLS_SSL_VERIFY_OPTIONAL;
    if (!(s->verify_mode & SSL_VERIFY_PEER))
        return MBEDTLS_SSL_VERIFY_NONE;
    if (s->verify_mode & SSL_VERIFY_FAIL_IF_NO_PEER_CERT)
        return MBEDTLS_SSL_VERIFY_REQUIRED;
    return MBEDTLS_SSL_VERIFY_OPTIONAL;
}

/* Settings the connection's options decide. mbedTLS reads them when it
 * parses the ClientHello, so a server's hello callbacks can still change
 * them (SSL_set_options) and they are applied again then. */
static void conf_options(SSL *s)
{
    conf_preference_order(s);
    conf_extended_master_secret(s);
    conf_encrypt_then_mac(s);
    conf_session_tickets(s);
    conf_tls13_tickets(s);
    conf_dh_minimum(s);
    mbedtls_ssl_conf_authmode(&s->conf, conn_authmode(s));
}

/* What the connection trusts, from its context's store: the CA list (and
 * CRLs) in force now stay with this connection even if the context loads
 * others later. Then the CA names asked of clients. */
static int conf_trust(SSL *s)
{
    if (s->ctx->store != NULL) {
        shim_crls *crls;

        shim_store_snapshot(s->ctx->store, &s->ca_certs, &crls);
        /* CRLs count only when OpenSSL would check them. */
        if ((s->param->flags | shim_store_flags(s->ctx->store)) & X509_V_FLAG_CRL_CHECK)
            s->ca_crls = crls;
        else
            shim_crls_free(crls);
    }
    if (!shim_verify_begin(s))
        return 0;
    mbedtls_ssl_conf_ca_chain(&s->conf, s->ca_certs != NULL ? &s->ca_certs->chain : &s->no_ca,
                              s->ca_crls != NULL ? &s->ca_crls->list : NULL);
    return shim_client_ca_configure(s);
}

/* The chain the connection presents: its own or, when OpenSSL would build
 * one, one completed from the trusted list. NULL without a certificate
 * and key. */
static mbedtls_x509_crt *conn_sent_chain(SSL *s)
{
    const shim_certs *sent = s->own.sent;

    if (sent == NULL || s->own.key == NULL)
        return NULL;
    if (!(s->mode & SSL_MODE_NO_AUTO_CHAIN) &&
        (s->auto_chain = shim_certs_auto_chain(sent, s->ca_certs)) != NULL)
        sent = s->auto_chain;
    return (mbedtls_x509_crt *)&sent->chain;
}

/* Nothing to follow without the session code (see internal.h). */
SHIM_WEAK void shim_session_event(SSL *s, enum shim_session_event event,
                                  const unsigned char *data, size_t len)
{
    (void)s, (void)event, (void)data, (void)len;
}

SHIM_WEAK void shim_session_ctx_made(SSL_CTX *ctx)
{
    (void)ctx;
}

/* Nothing to follow without ssl_negotiated.c (see internal.h). */
SHIM_WEAK void shim_handshake_bytes(SSL *s, enum shim_handshake_bytes what, const unsigned char *p,
                                    size_t n)
{
    (void)s, (void)what, (void)p, (void)n;
}

/* mbedTLS reports the secrets as it derives them, with both randoms:
 * the randoms are kept (OpenSSL's getters need them after the handshake)
 * and the secrets go to the key log when there is one. */
static void export_keys(void *p, mbedtls_ssl_key_export_type type, const unsigned char *secret,
                        size_t len, const unsigned char client_random[32],
                        const unsigned char server_random[32], mbedtls_tls_prf_types prf)
{
    SSL *s = p;

    (void)prf;
    memcpy(s->randoms, client_random, 32);
    memcpy(s->randoms + 32, server_random, 32);
    if (type == MBEDTLS_SSL_KEY_EXPORT_TLS12_MASTER_SECRET)
        shim_session_event(s, SHIM_SESSION_SECRET, secret, len);
    if (s->ctx->keylog_emit != NULL)
        s->ctx->keylog_emit(s, (int)type, secret, len);
}

int shim_conn_setup(SSL *s)
{
    int endpoint = s->server ? MBEDTLS_SSL_IS_SERVER : MBEDTLS_SSL_IS_CLIENT;
    mbedtls_x509_crt *sent;
    int lo;
    int hi;
    int ret;

    SHIM_ENSURE(shim_conn_version_range(s, &lo, &hi), ERR_LIB_SSL, SSL_R_NO_PROTOCOLS_AVAILABLE,
                0);
    SHIM_ENSURE(s->server ? SHIM_HAVE_SERVER : SHIM_HAVE_CLIENT, ERR_LIB_SSL, ERR_R_UNSUPPORTED, 0);

    mbedtls_ssl_config_init(&s->conf);
    mbedtls_ssl_init(&s->tls);
    mbedtls_x509_crt_init(&s->no_ca);
    s->frozen = 1;
    ret = mbedtls_ssl_config_defaults(&s->conf, endpoint, MBEDTLS_SSL_TRANSPORT_STREAM,
                                      MBEDTLS_SSL_PRESET_DEFAULT);
    SHIM_GUARD(ret == 0, ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
    s->version_lo = lo;
    s->version_hi = hi;
    mbedtls_ssl_conf_min_tls_version(&s->conf, (mbedtls_ssl_protocol_version)lo);
    mbedtls_ssl_conf_max_tls_version(&s->conf, (mbedtls_ssl_protocol_version)hi);
    /* PSA's generator: thread-safe, and reseeded in a forked child. */
    mbedtls_ssl_conf_rng(&s->conf, mbedtls_psa_get_random, MBEDTLS_PSA_RANDOM_STATE);
    if (s->cipher_ops == NULL)
        mbedtls_ssl_conf_ciphersuites(&s->conf, shim_default_ciphersuites(s->server));
    else if (!s->cipher_ops->configure(s))
        goto err;
    if (s->params_ops != NULL && !s->params_ops->configure(s))
        goto err;
    conf_options(s);
    SHIM_GUARD(conf_max_fragment(s), ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
    /* OpenSSL's client refuses TLS 1.2 servers without secure renegotiation
     * unless told otherwise (the shim checks it first, with OpenSSL's
     * reason; this is mbedTLS's own check behind it). Servers accept
     * legacy clients, as OpenSSL's do. */
    if (!s->server && !(s->options & SSL_OP_LEGACY_SERVER_CONNECT))
        mbedtls_ssl_conf_legacy_renegotiation(&s->conf, MBEDTLS_SSL_LEGACY_BREAK_HANDSHAKE);
    SHIM_GUARD(conf_trust(s), ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
    if (s->alpn_ops != NULL && !s->alpn_ops->configure(s))
        goto err;
    sent = conn_sent_chain(s);
    if (sent != NULL) {
        ret = mbedtls_ssl_conf_own_cert(&s->conf, sent, &s->own.key->pk);
        SHIM_GUARD(ret == 0, ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
    }

    shim_session_event(s, SHIM_SESSION_CONFIGURE, NULL, 0);
    ret = mbedtls_ssl_setup(&s->tls, &s->conf);
    SHIM_GUARD(ret == 0, ERR_LIB_SSL,
               ret == MBEDTLS_ERR_SSL_ALLOC_FAILED ? ERR_R_MALLOC_FAILURE : ERR_R_INTERNAL_ERROR);
    mbedtls_ssl_set_verify(&s->tls, shim_verify_cert, s);
    mbedtls_ssl_set_export_keys_cb(&s->tls, export_keys, s);
    if (!s->server) {
        /* mbedTLS ties SNI and its own name check together; OpenSSL keeps
         * them apart. Only SNI goes to mbedTLS, the name check is ours. */
        ret = mbedtls_ssl_set_hostname(&s->tls, s->sni_name);
        SHIM_GUARD(ret == 0, ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
    }
    mbedtls_ssl_set_bio(&s->tls, s, shim_transport_send, shim_transport_recv, NULL);
    shim_session_event(s, SHIM_SESSION_SETUP, NULL, 0);
    return 1;
err:
    shim_conn_teardown(s);
    return 0;
}

#if defined(MBEDTLS_SSL_SERVER_NAME_INDICATION) && defined(MBEDTLS_SSL_SRV_C)
/* Between the hello callbacks and mbedTLS's reading of the ClientHello:
 * the config's own settings are read from then on and can be set again;
 * the certificate goes through mbedTLS's per-handshake override, because
 * the config's list only grows. */
int shim_conn_reconfigure(SSL *s)
{
    mbedtls_x509_crt *sent;

    shim_certs_free(s->ca_certs);
    s->ca_certs = NULL;
    shim_crls_free(s->ca_crls);
    s->ca_crls = NULL;
    shim_certs_free(s->auto_chain);
    s->auto_chain = NULL;
    shim_free(s->dn_hints);
    s->dn_hints = NULL;
    conf_options(s);
    /* The new context's cipher list, when it has its own. The group and
     * signature algorithm lists stay: mbedTLS's handshake took their
     * pointers at set-up (freeing them here would leave it reading freed
     * memory), and OpenSSL's SSL_set_SSL_CTX keeps them too. */
    if (s->cipher_ops != NULL && !s->cipher_ops->configure(s))
        return SSL_R_NO_CIPHERS_AVAILABLE;
    if (!conf_trust(s))
        return ERR_R_MALLOC_FAILURE;
    sent = conn_sent_chain(s);
    /* A context without a certificate cannot serve: what OpenSSL's server
     * says then. */
    if (sent == NULL)
        return SSL_R_NO_SHARED_CIPHER;
    return mbedtls_ssl_set_hs_own_cert(&s->tls, sent, &s->own.key->pk) == 0 ? 0
                                                                            : ERR_R_MALLOC_FAILURE;
}
#endif

/* mbedTLS applies its key-usage checks after the verify callback and, for
 * OPTIONAL, only records them: fold them into OpenSSL's result. */
static void conn_finish_verify_result(SSL *s)
{
    uint32_t flags = mbedtls_ssl_get_verify_result(&s->tls);

    if (s->verify_result == X509_V_OK && flags != UINT32_MAX &&
        (flags & (MBEDTLS_X509_BADCERT_KEY_USAGE | MBEDTLS_X509_BADCERT_EXT_KEY_USAGE |
                  MBEDTLS_X509_BADCERT_NS_CERT_TYPE)))
        s->verify_result = X509_V_ERR_INVALID_PURPOSE;
}

int shim_handshake(SSL *s)
{
    int role = s->server ? SSL_ST_ACCEPT : SSL_ST_CONNECT;
    int internal_retries = 0;
    int ret;

    if (s->hs_state == SHIM_HS_DONE)
        return 1;
    if (s->fatal)
        return shim_fatal_again(s);
    /* Before the set-up fixes the client's certificate. */
    if (!s->frozen && (ret = shim_client_cert_callback(s)) <= 0) {
        if (ret == 0)
            s->fatal = 1;
        return -1;
    }
    if (!s->frozen && !shim_conn_setup(s)) {
        s->fatal = 1;
        return -1;
    }
    if (s->hs_state == SHIM_HS_BEFORE) {
        shim_info(s, SSL_CB_HANDSHAKE_START, 1);
        shim_count(&SHIM_SESSION_STAT(s->ctx, s->server ? SSL_CTRL_SESS_ACCEPT
                                                        : SSL_CTRL_SESS_CONNECT));
    }
    s->hs_state = SHIM_HS_RUNNING;
    for (;;) {
        shim_transport_begin(s);
        ret = mbedtls_ssl_handshake_step(&s->tls);
        if (ret == 0) {
            if (mbedtls_ssl_is_handshake_over(&s->tls)) {
                shim_info(s, SSL_CB_HANDSHAKE_DONE, 1);
                s->hs_state = SHIM_HS_DONE;
                conn_finish_verify_result(s);
                if (!shim_verify_capture_peer(s)) {
                    SHIM_ERR(ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
                    s->fatal = 1;
                    ret = -1;
                    break;
                }
                /* The context now in use, as OpenSSL's (a server name
                 * callback may have switched it). */
                shim_count(&SHIM_SESSION_STAT(s->ctx, s->server ? SSL_CTRL_SESS_ACCEPT_GOOD
                                                                : SSL_CTRL_SESS_CONNECT_GOOD));
                shim_session_event(s, SHIM_SESSION_DONE, NULL, 0);
                ret = 1;
                break;
            }
            /* One per mbedTLS step: OpenSSL's count differs (its states
             * are not mbedTLS's). */
            shim_info(s, role | SSL_CB_LOOP, 1);
            internal_retries = 0;
            continue;
        }
        if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE) {
            /* Only a transport that really would block makes a WANT. */
            if (s->io_blocked) {
                ret = -1;
                break;
            }
            if (++internal_retries <= INTERNAL_RETRY_LIMIT)
                continue;
        }
        ret = shim_result_fail(s, ret);
        break;
    }
    /* OpenSSL flushes buffering BIOs after producing output; mbedTLS has
     * no flush of its own. */
    shim_transport_flush(s);
    shim_info(s, role | SSL_CB_EXIT, ret);
    return ret;
}

/* ---- Entry points ---------------------------------------------------------------- */

SHIM_EXPORT int SSL_do_handshake(SSL *s)
{
    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, -1);
    SHIM_ENSURE(s->role_set, ERR_LIB_SSL, SSL_R_CONNECTION_TYPE_NOT_SET, -1);
    /* The role the method cannot play: OpenSSL's handshake function for it
     * is ssl_undefined_function, which returns 0. */
    SHIM_ENSURE(s->server ? s->method->can_accept : s->method->can_connect, ERR_LIB_SSL,
                ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED, 0);
    return shim_handshake(s);
}

/* As in OpenSSL, SSL_connect and SSL_accept choose the role only if none
 * was chosen yet, then run SSL_do_handshake. */
SHIM_EXPORT int SSL_connect(SSL *s)
{
    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, -1);
    if (!s->role_set)
        SSL_set_connect_state(s);
    return SSL_do_handshake(s);
}

SHIM_EXPORT int SSL_accept(SSL *s)
{
    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, -1);
    if (!s->role_set)
        SSL_set_accept_state(s);
    return SSL_do_handshake(s);
}
