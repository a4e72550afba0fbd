/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Certificate verification with OpenSSL's semantics on top of mbedTLS's
 * chain check: OpenSSL's result codes, the application's verify callback,
 * OpenSSL's host name check, and per-role abort rules.
 */
#include "internal.h"

#include <string.h>

#include <mbedtls/oid.h>

/* A flag of ours beside mbedTLS's: revocation was to be checked and no CRL
 * from the certificate's issuer is in the store. A bit mbedTLS does not use. */
#define SHIM_BADCERT_NO_CRL 0x80000000u

/* mbedTLS calls shim_verify_one once per certificate, top (trust anchor)
 * first, after building the chain. flags holds that certificate's
 * problems; clearing them accepts it. */

static int is_self_issued(const mbedtls_x509_crt *crt)
{
    return crt->issuer_raw.len == crt->subject_raw.len &&
           memcmp(crt->issuer_raw.p, crt->subject_raw.p, crt->subject_raw.len) == 0;
}

/* OpenSSL's code for a certificate's problems. When several apply, the
 * one OpenSSL finds first wins: trust, purpose, identity, revocation,
 * then validity period. */
static int verify_code(const X509_STORE_CTX *ctx, const mbedtls_x509_crt *crt, int depth,
                       uint32_t flags)
{
    if (flags & MBEDTLS_X509_BADCERT_NOT_TRUSTED) {
        if (is_self_issued(crt))
            return depth == 0 ? X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
                              : X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN;
        return X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY;
    }
    if (flags & (MBEDTLS_X509_BADCERT_KEY_USAGE | MBEDTLS_X509_BADCERT_EXT_KEY_USAGE |
                 MBEDTLS_X509_BADCERT_NS_CERT_TYPE))
        return X509_V_ERR_INVALID_PURPOSE;
    if (flags & MBEDTLS_X509_BADCERT_CN_MISMATCH)
        return ctx->id_error != X509_V_OK ? ctx->id_error : X509_V_ERR_HOSTNAME_MISMATCH;
    if (flags & SHIM_BADCERT_NO_CRL)
        return X509_V_ERR_UNABLE_TO_GET_CRL;
    if (flags & MBEDTLS_X509_BADCERT_REVOKED)
        return X509_V_ERR_CERT_REVOKED;
    if (flags & MBEDTLS_X509_BADCERT_FUTURE)
        return X509_V_ERR_CERT_NOT_YET_VALID;
    if (flags & MBEDTLS_X509_BADCERT_EXPIRED)
        return X509_V_ERR_CERT_HAS_EXPIRED;
    if (flags & MBEDTLS_X509_BADCERT_BAD_MD)
        return X509_V_ERR_CA_MD_TOO_WEAK;
    if (flags & (MBEDTLS_X509_BADCERT_BAD_PK | MBEDTLS_X509_BADCERT_BAD_KEY))
        return depth == 0 ? X509_V_ERR_EE_KEY_TOO_SMALL : X509_V_ERR_CA_KEY_TOO_SMALL;
    if (flags & MBEDTLS_X509_BADCERT_OTHER)
        return X509_V_ERR_APPLICATION_VERIFICATION;
    if (flags & MBEDTLS_X509_BADCRL_NOT_TRUSTED)
        return X509_V_ERR_CRL_SIGNATURE_FAILURE;
    if (flags & MBEDTLS_X509_BADCRL_FUTURE)
        return X509_V_ERR_CRL_NOT_YET_VALID;
    if (flags & MBEDTLS_X509_BADCRL_EXPIRED)
        return X509_V_ERR_CRL_HAS_EXPIRED;
    if (flags & ~(uint32_t)(MBEDTLS_X509_BADCERT_MISSING | MBEDTLS_X509_BADCERT_SKIP_VERIFY))
        return X509_V_ERR_UNSPECIFIED;
    return X509_V_OK;
}

/* mbedTLS checks validity against the clock; OpenSSL can be told to use
 * another time, or none. */
static void apply_check_time(const X509_STORE_CTX *ctx, const X509 *x, uint32_t *flags)
{
    const uint32_t time_flags = MBEDTLS_X509_BADCERT_EXPIRED | MBEDTLS_X509_BADCERT_FUTURE;

    if (ctx->param->flags & X509_V_FLAG_NO_CHECK_TIME) {
        *flags &= ~time_flags;
    } else if (ctx->param->flags & X509_V_FLAG_USE_CHECK_TIME) {
        time_t at = ctx->param->check_time;

        *flags &= ~time_flags;
        if (X509_cmp_time(X509_get0_notBefore(x), &at) > 0)
            *flags |= MBEDTLS_X509_BADCERT_FUTURE;
        if (X509_cmp_time(X509_get0_notAfter(x), &at) < 0)
            *flags |= MBEDTLS_X509_BADCERT_EXPIRED;
    }
}

/* OpenSSL checks revocation with X509_V_FLAG_CRL_CHECK for the leaf, with
 * CRL_CHECK_ALL as well for the whole chain, and not at all without them;
 * mbedTLS checks every certificate its CRLs cover. */
static void apply_crl_policy(const X509_STORE_CTX *ctx, const mbedtls_x509_crt *crt, int depth,
                             uint32_t *flags)
{
    unsigned long vflags = ctx->param->flags;
    const uint32_t crl_flags = MBEDTLS_X509_BADCERT_REVOKED | MBEDTLS_X509_BADCRL_NOT_TRUSTED |
                               MBEDTLS_X509_BADCRL_EXPIRED | MBEDTLS_X509_BADCRL_FUTURE;
    int checked = (vflags & X509_V_FLAG_CRL_CHECK) &&
                  (depth == 0 || (vflags & X509_V_FLAG_CRL_CHECK_ALL));

    if (!checked)
        *flags &= ~crl_flags;
    else if (!shim_crls_cover(ctx->crls, crt))
        *flags |= SHIM_BADCERT_NO_CRL;
}

/* mbedTLS ends a chain at any trusted certificate; OpenSSL, unless told
 * X509_V_FLAG_PARTIAL_CHAIN, only at a self-signed one. A trusted anchor
 * that is not self-issued is accepted only if it leads to a root in the
 * store itself. */
static int anchor_reaches_root(const X509_STORE_CTX *ctx, mbedtls_x509_crt *anchor)
{
    uint32_t flags = 0;

    if (is_self_issued(anchor) || (ctx->param->flags & X509_V_FLAG_PARTIAL_CHAIN))
        return 1;
    if (ctx->trusted == NULL)
        return 0;
    (void)mbedtls_x509_crt_verify(anchor, &ctx->trusted->chain, NULL, NULL, &flags, NULL, NULL);
    return !(flags & MBEDTLS_X509_BADCERT_NOT_TRUSTED);
}

/* OpenSSL checks the leaf's purpose (as SSL server or SSL client) with the
 * chain; mbedTLS only after it, outside the verify callback. The key usage,
 * when present, must allow one of the uses the role needs, and the extended
 * key usage, when present, must name the role. */
static uint32_t purpose_flags(enum shim_purpose purpose, const mbedtls_x509_crt *leaf)
{
    static const unsigned int server_uses[] = {MBEDTLS_X509_KU_DIGITAL_SIGNATURE,
                                               MBEDTLS_X509_KU_KEY_ENCIPHERMENT,
                                               MBEDTLS_X509_KU_KEY_AGREEMENT};
    static const unsigned int client_uses[] = {MBEDTLS_X509_KU_DIGITAL_SIGNATURE,
                                               MBEDTLS_X509_KU_KEY_AGREEMENT};
    int client = purpose == SHIM_PURPOSE_SSL_CLIENT;
    const unsigned int *uses = client ? client_uses : server_uses;
    size_t count = client ? 2 : 3;
    uint32_t flags = 0;
    int usable = 0;
    size_t i;

    if (purpose == SHIM_PURPOSE_NONE)
        return 0;
    for (i = 0; i < count && !usable; i++)
        usable = mbedtls_x509_crt_check_key_usage(leaf, uses[i]) == 0;
    if (!usable)
        flags |= MBEDTLS_X509_BADCERT_KEY_USAGE;
    if (client ? mbedtls_x509_crt_check_extended_key_usage(
                     leaf, MBEDTLS_OID_CLIENT_AUTH, MBEDTLS_OID_SIZE(MBEDTLS_OID_CLIENT_AUTH))
               : mbedtls_x509_crt_check_extended_key_usage(
                     leaf, MBEDTLS_OID_SERVER_AUTH, MBEDTLS_OID_SIZE(MBEDTLS_OID_SERVER_AUTH)))
        flags |= MBEDTLS_X509_BADCERT_EXT_KEY_USAGE;
    return flags;
}

/* Tells the application's callback (or OpenSSL's default, which accepts
 * exactly what verified) about one result; returns whether to go on. */
static int verify_report(X509_STORE_CTX *ctx, X509 *current, int depth, int code)
{
    int accept;
    int before = ctx->error;

    ctx->current = current;
    ctx->error_depth = depth;
    if (depth == 0 && ctx->cert == NULL) {
        X509_up_ref(current);
        ctx->cert = current;
    }
    if (ctx->verify_cb == NULL) {
        if (code != X509_V_OK)
            ctx->error = code;
        return code == X509_V_OK;
    }
    ctx->error = code;
    accept = ctx->verify_cb(code == X509_V_OK, ctx) != 0;
    /* The callback may set another result, X509_V_OK included; an OK
     * certificate it does not touch keeps the result so far. */
    if (code == X509_V_OK && ctx->error == X509_V_OK)
        ctx->error = before;
    return accept;
}

int shim_verify_one(void *p, mbedtls_x509_crt *crt, int depth, uint32_t *flags)
{
    X509_STORE_CTX *ctx = p;
    int limit = shim_param_depth(ctx->param) + 1; /* the deepest level OpenSSL looks at */
    X509 *x;
    int code;
    int accept;

    if (ctx->top_depth < 0)
        ctx->top_depth = depth;
    /* OpenSSL cuts a chain at its depth limit and never looks above. */
    if (depth > limit) {
        *flags = 0;
        return 0;
    }
    x = shim_x509_from_der(crt->raw.p, crt->raw.len);
    if (x == NULL || !sk_X509_unshift(ctx->chain, x)) {
        X509_free(x);
        ctx->stopped = 1;
        ctx->error = X509_V_ERR_OUT_OF_MEM;
        return MBEDTLS_ERR_X509_ALLOC_FAILED;
    }
    if (depth == 0) {
        *flags |= purpose_flags(ctx->purpose, crt);
        /* mbedTLS may have checked the leaf against the SNI name, which
         * OpenSSL never does; the names to check are the parameters'. */
        *flags &= ~(uint32_t)MBEDTLS_X509_BADCERT_CN_MISMATCH;
        ctx->id_error = shim_param_check_identity(ctx->param, x);
        if (ctx->id_error != X509_V_OK)
            *flags |= MBEDTLS_X509_BADCERT_CN_MISMATCH;
    }
    apply_check_time(ctx, x, flags);
    apply_crl_policy(ctx, crt, depth, flags);
    /* OpenSSL stops checking at the first rejection; mbedTLS goes on
     * down the chain. Later certificates change nothing. */
    if (ctx->stopped) {
        *flags &= ~SHIM_BADCERT_NO_CRL;
        return 0;
    }
    code = verify_code(ctx, crt, depth, *flags);
    /* mbedTLS must not see our own flag. */
    *flags &= ~SHIM_BADCERT_NO_CRL;
    if (depth == limit && ctx->top_depth > limit)
        code = X509_V_ERR_CERT_CHAIN_TOO_LONG;
    else if (depth == ctx->top_depth && code == X509_V_OK && !anchor_reaches_root(ctx, crt))
        code = X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT;
    accept = verify_report(ctx, x, depth, code);
    /* When the application accepts an untrusted lone leaf, OpenSSL goes on
     * to check the leaf's signature, has no issuer to check it with, and
     * reports that too (mbedTLS's chain for such a leaf is the leaf alone). */
    if (accept && depth == 0 && code == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY)
        accept = verify_report(ctx, x, depth, X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE);
    if (accept) {
        *flags = 0;
        return 0;
    }
    ctx->stopped = 1;
    if (*flags == 0)
        *flags = MBEDTLS_X509_BADCERT_OTHER; /* the application refused it */
    /* OpenSSL's safety net: a failed verification always has a reason. */
    if (ctx->error == X509_V_OK)
        ctx->error = X509_V_ERR_UNSPECIFIED;
    return 0;
}

/* ---- In a handshake ----------------------------------------------------------------- */

/* The application's replacement for chain verification: called once, with
 * the peer's certificates, when mbedTLS reaches the leaf (whose list holds
 * what the peer sent after it). */
static int run_cert_verify_callback(SSL *s, mbedtls_x509_crt *leaf, uint32_t *flags)
{
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    STACK_OF(X509) *sent = sk_X509_new_null();
    X509 *target = shim_x509_from_der(leaf->raw.p, leaf->raw.len);
    const mbedtls_x509_crt *crt;
    int ok = 0;

    for (crt = leaf->next; sent != NULL && target != NULL && crt != NULL && crt->raw.p != NULL;
         crt = crt->next) {
        X509 *x = shim_x509_from_der(crt->raw.p, crt->raw.len);

        if (x == NULL || !sk_X509_push(sent, x)) {
            X509_free(x);
            goto done;
        }
    }
    if (ctx == NULL || sent == NULL || target == NULL ||
        !X509_STORE_CTX_init(ctx, s->ctx->store, target, sent))
        goto done;
    ctx->ssl = s;
    ctx->verify_cb = s->verify_cb;
    ctx->purpose = s->server ? SHIM_PURPOSE_SSL_CLIENT : SHIM_PURPOSE_SSL_SERVER;
    if (!X509_VERIFY_PARAM_set1(ctx->param, s->param) ||
        !X509_VERIFY_PARAM_set_flags(ctx->param, shim_store_flags(s->ctx->store)))
        goto done;
    ok = s->ctx->cert_verify_cb(ctx, s->ctx->cert_verify_arg) > 0;
    s->verify_result = ctx->error;
    /* Its chain is what was verified. */
    sk_X509_pop_free(s->vctx->chain, X509_free);
    s->vctx->chain = ctx->chain;
    ctx->chain = NULL;
done:
    if (!ok && s->verify_result == X509_V_OK)
        s->verify_result = X509_V_ERR_UNSPECIFIED;
    X509_STORE_CTX_free(ctx);
    sk_X509_pop_free(sent, X509_free);
    X509_free(target);
    *flags = ok ? 0 : MBEDTLS_X509_BADCERT_OTHER;
    return ok;
}

int shim_verify_cert(void *p, mbedtls_x509_crt *crt, int depth, uint32_t *flags)
{
    SSL *s = p;
    int was_stopped = s->vctx->stopped;
    int ret;

    if (s->ctx->cert_verify_cb != NULL) {
        /* The application's own verification decides, at the leaf. */
        if (depth > 0) {
            *flags = 0;
            return 0;
        }
        if (run_cert_verify_callback(s, crt, flags))
            return 0;
    } else {
        ret = shim_verify_one(s->vctx, crt, depth, flags);
        s->verify_result = s->vctx->error;
        if (ret != 0 || was_stopped || !s->vctx->stopped)
            return ret;
    }
    /* A server that wants a certificate but can do without one runs mbedTLS
     * in OPTIONAL mode, which would carry on: end the handshake here. */
    if (s->server && (s->verify_mode & SSL_VERIFY_PEER) &&
        !(s->verify_mode & SSL_VERIFY_FAIL_IF_NO_PEER_CERT)) {
        s->verify_rejected = 1;
        /* mbedTLS's code for "the verify callback failed": fatal even in
         * OPTIONAL mode. */
        return MBEDTLS_ERR_X509_FATAL_ERROR;
    }
    return 0;
}

/* A verification begins: nothing seen yet. */
int shim_verify_begin(SSL *s)
{
    shim_verify_clear(s);
    s->vctx = X509_STORE_CTX_new();
    if (s->vctx == NULL)
        return 0;
    if (!shim_store_ctx_setup(s->vctx, s->ctx->store, s->ca_certs, s->ca_crls, s->param))
        return 0;
    s->vctx->ssl = s;
    s->vctx->verify_cb = s->verify_cb;
    s->vctx->purpose = s->server ? SHIM_PURPOSE_SSL_CLIENT : SHIM_PURPOSE_SSL_SERVER;
    return 1;
}

void shim_verify_clear(SSL *s)
{
    X509_STORE_CTX_free(s->vctx);
    s->vctx = NULL;
    sk_X509_pop_free(s->peer_chain, X509_free);
    s->peer_chain = NULL;
    X509_free(s->peer_cert);
    s->peer_cert = NULL;
}

/* The handshake is over: keep the peer's certificates as OpenSSL hands
 * them out (mbedTLS's copy lives only as long as the session). A server
 * reports the client's chain without the client's own certificate. */
int shim_verify_capture_peer(SSL *s)
{
    const mbedtls_x509_crt *crt = mbedtls_ssl_get_peer_cert(&s->tls);

    if (crt == NULL || crt->raw.p == NULL)
        return 1;
    s->peer_chain = sk_X509_new_null();
    if (s->peer_chain == NULL)
        return 0;
    for (; crt != NULL && crt->raw.p != NULL; crt = crt->next) {
        X509 *x = shim_x509_from_der(crt->raw.p, crt->raw.len);

        if (x == NULL)
            return 0;
        if (s->peer_cert == NULL) {
            s->peer_cert = x;
            if (s->server)
                continue;
            X509_up_ref(x);
        }
        if (!sk_X509_push(s->peer_chain, x)) {
            X509_free(x);
            return 0;
        }
    }
    return 1;
}

/* ---- Peer certificates and results ------------------------------------------------ */

SHIM_EXPORT X509 *SSL_get0_peer_certificate(const SSL *s)
{
    return s != NULL ? s->peer_cert : NULL;
}

SHIM_EXPORT X509 *SSL_get1_peer_certificate(const SSL *s)
{
    X509 *x = SSL_get0_peer_certificate(s);

    if (x != NULL)
        X509_up_ref(x);
    return x;
}

SHIM_EXPORT STACK_OF(X509) *SSL_get_peer_cert_chain(const SSL *s)
{
    return s != NULL ? s->peer_chain : NULL;
}

SHIM_EXPORT STACK_OF(X509) *SSL_get0_verified_chain(const SSL *s)
{
    return s != NULL && s->vctx != NULL ? s->vctx->chain : NULL;
}

SHIM_EXPORT void SSL_set_verify_result(SSL *s, long v)
{
    if (s != NULL)
        s->verify_result = v;
}

SHIM_EXPORT const char *X509_verify_cert_error_string(long n)
{
    switch (n) {
    case X509_V_OK:
        return "ok";
    case X509_V_ERR_UNSPECIFIED:
        return "unspecified certificate verification error";
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
        return "unable to get issuer certificate";
    case X509_V_ERR_UNABLE_TO_GET_CRL:
        return "unable to get certificate CRL";
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
        return "certificate signature failure";
    case X509_V_ERR_CRL_SIGNATURE_FAILURE:
        return "CRL signature failure";
    case X509_V_ERR_CERT_NOT_YET_VALID:
        return "certificate is not yet valid";
    case X509_V_ERR_CERT_HAS_EXPIRED:
        return "certificate has expired";
    case X509_V_ERR_CRL_NOT_YET_VALID:
        return "CRL is not yet valid";
    case X509_V_ERR_CRL_HAS_EXPIRED:
        return "CRL has expired";
    case X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD:
        return "format error in certificate's notBefore field";
    case X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD:
        return "format error in certificate's notAfter field";
    case X509_V_ERR_OUT_OF_MEM:
        return "out of memory";
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
        return "self-signed certificate";
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
        return "self-signed certificate in certificate chain";
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
        return "unable to get local issuer certificate";
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
        return "unable to verify the first certificate";
    case X509_V_ERR_CERT_CHAIN_TOO_LONG:
        return "certificate chain too long";
    case X509_V_ERR_CERT_REVOKED:
        return "certificate revoked";
    case X509_V_ERR_INVALID_PURPOSE:
        return "unsuitable certificate purpose";
    case X509_V_ERR_CERT_UNTRUSTED:
        return "certificate not trusted";
    case X509_V_ERR_CERT_REJECTED:
        return "certificate rejected";
    case X509_V_ERR_KEYUSAGE_NO_CERTSIGN:
        return "key usage does not include certificate signing";
    case X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER:
        return "unable to get CRL issuer certificate";
    case X509_V_ERR_KEYUSAGE_NO_DIGITAL_SIGNATURE:
        return "key usage does not include digital signature";
    case X509_V_ERR_APPLICATION_VERIFICATION:
        return "application verification failure";
    case X509_V_ERR_HOSTNAME_MISMATCH:
        return "hostname mismatch";
    case X509_V_ERR_EMAIL_MISMATCH:
        return "email address mismatch";
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
        return "IP address mismatch";
    case X509_V_ERR_EE_KEY_TOO_SMALL:
        return "EE certificate key too weak";
    case X509_V_ERR_CA_KEY_TOO_SMALL:
        return "CA certificate key too weak";
    case X509_V_ERR_CA_MD_TOO_WEAK:
        return "CA signature digest algorithm too weak";
    case X509_V_ERR_INVALID_CALL:
        return "invalid certificate verification context";
    case X509_V_ERR_INVALID_CA:
        return "invalid CA certificate";
    default:
        return "unknown certificate verification error";
    }
}
