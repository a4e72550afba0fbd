/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Certificate verification with OpenSSL's semantics on top of mbedTLS's
 * chain check: OpenSSL's result codes, the application's verify callback,
 * OpenSSL's host name check, and per-role abort rules.
 */
#include "internal.h"

#include <string.h>

/* mbedTLS calls this once per certificate, root first, after building the
 * chain. flags holds that certificate's problems; clearing them accepts it. */

static int is_self_issued(const mbedtls_x509_crt *crt)
{
    return crt->issuer_raw.len == crt->subject_raw.len &&
           memcmp(crt->issuer_raw.p, crt->subject_raw.p, crt->subject_raw.len) == 0;
}

/* OpenSSL's code for a certificate's problems. When several apply, the
 * one OpenSSL finds first wins: trust, purpose, host name, revocation,
 * then validity period. */
static int verify_code(const SSL *s, const mbedtls_x509_crt *crt, int depth, uint32_t flags)
{
    unsigned char ip[16];

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
        return s->verify_host != NULL && shim_parse_ip(s->verify_host, ip) != 0
                   ? X509_V_ERR_IP_ADDRESS_MISMATCH
                   : X509_V_ERR_HOSTNAME_MISMATCH;
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

/* Tells the application's callback (or OpenSSL's default, which accepts
 * exactly what verified) about one result; returns whether to go on. */
static int verify_report(SSL *s, int depth, int code)
{
    X509_STORE_CTX view;
    int accept;

    if (s->verify_cb == NULL) {
        if (code != X509_V_OK)
            s->verify_result = code;
        return code == X509_V_OK;
    }
    view.ssl = s;
    view.error = code;
    view.depth = depth;
    accept = s->verify_cb(code == X509_V_OK, &view) != 0;
    /* The callback may have set another result, X509_V_OK included. */
    if (view.error != code || code != X509_V_OK)
        s->verify_result = view.error;
    return accept;
}

int shim_verify_cert(void *ctx, mbedtls_x509_crt *crt, int depth, uint32_t *flags)
{
    SSL *s = ctx;
    int code;
    int accept;

    if (depth == 0) {
        /* mbedTLS checked the leaf against the SNI name, which OpenSSL
         * never does; the name to check is the one from SSL_set1_host. */
        *flags &= ~(uint32_t)MBEDTLS_X509_BADCERT_CN_MISMATCH;
        if (s->verify_host != NULL && !shim_host_matches(crt, s->verify_host, 0, NULL))
            *flags |= MBEDTLS_X509_BADCERT_CN_MISMATCH;
    }
    /* OpenSSL stops checking at the first rejection; mbedTLS goes on
     * down the chain. Later certificates change nothing. */
    if (s->verify_stopped)
        return 0;
    code = verify_code(s, crt, depth, *flags);
    accept = verify_report(s, depth, code);
    /* When the application accepts an untrusted lone leaf, OpenSSL goes on
     * to check the leaf's signature, has no issuer to check it with, and
     * reports that too (mbedTLS's chain for such a leaf is the leaf alone). */
    if (accept && depth == 0 && code == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY)
        accept = verify_report(s, depth, X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE);
    if (accept) {
        *flags = 0;
        return 0;
    }
    s->verify_stopped = 1;
    if (*flags == 0)
        *flags = MBEDTLS_X509_BADCERT_OTHER; /* the application refused it */
    /* OpenSSL's safety net: a failed verification always has a reason. */
    if (s->verify_result == X509_V_OK)
        s->verify_result = X509_V_ERR_UNSPECIFIED;
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

/* ---- The verify callback's view ------------------------------------------------- */

SHIM_EXPORT int X509_STORE_CTX_get_error(const X509_STORE_CTX *ctx)
{
    return ctx != NULL ? ctx->error : X509_V_ERR_INVALID_CALL;
}

SHIM_EXPORT void X509_STORE_CTX_set_error(X509_STORE_CTX *ctx, int s)
{
    if (ctx != NULL)
        ctx->error = s;
}

SHIM_EXPORT int X509_STORE_CTX_get_error_depth(const X509_STORE_CTX *ctx)
{
    return ctx != NULL ? ctx->depth : -1;
}

/* The one ex_data slot a verify callback uses: its SSL. */
#define STORE_CTX_SSL_IDX 0

SHIM_EXPORT int SSL_get_ex_data_X509_STORE_CTX_idx(void)
{
    return STORE_CTX_SSL_IDX;
}

SHIM_EXPORT void *X509_STORE_CTX_get_ex_data(const X509_STORE_CTX *ctx, int idx)
{
    if (ctx == NULL || idx != STORE_CTX_SSL_IDX)
        return NULL;
    return ctx->ssl;
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
