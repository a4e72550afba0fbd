/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Client certificates: the CA names a server asks for (OpenSSL sends none
 * unless told; mbedTLS would send every trusted CA's), and the client's
 * certificate callback.
 */
#include "internal.h"

#include <stdlib.h>

SHIM_EXPORT STACK_OF(X509_NAME) *SSL_dup_CA_list(const STACK_OF(X509_NAME) *sk)
{
    return sk != NULL ? sk_X509_NAME_deep_copy(sk, (sk_X509_NAME_copyfunc)X509_NAME_dup,
                                               X509_NAME_free)
                      : NULL;
}

/* The list is taken over (OpenSSL's set0 semantics under a set name). */
SHIM_EXPORT void SSL_CTX_set_client_CA_list(SSL_CTX *ctx, STACK_OF(X509_NAME) *name_list)
{
    if (ctx == NULL)
        return;
    sk_X509_NAME_pop_free(ctx->client_ca, X509_NAME_free);
    ctx->client_ca = name_list;
}

SHIM_EXPORT void SSL_set_client_CA_list(SSL *s, STACK_OF(X509_NAME) *name_list)
{
    if (s == NULL)
        return;
    sk_X509_NAME_pop_free(s->client_ca, X509_NAME_free);
    s->client_ca = name_list;
}

SHIM_EXPORT STACK_OF(X509_NAME) *SSL_CTX_get_client_CA_list(const SSL_CTX *ctx)
{
    return ctx != NULL ? ctx->client_ca : NULL;
}

/* A server's list. A client would get the names the server sent, which
 * mbedTLS does not keep: NULL (docs/parity.md). */
SHIM_EXPORT STACK_OF(X509_NAME) *SSL_get_client_CA_list(const SSL *s)
{
    if (s == NULL || !s->server)
        return NULL;
    return s->client_ca != NULL ? s->client_ca : s->ctx->client_ca;
}

/* Adds the certificate's subject to a list, making the list if needed. */
static int add_ca_name(STACK_OF(X509_NAME) **list, const X509 *x)
{
    X509_NAME *name;

    SHIM_ENSURE(x != NULL && X509_get_subject_name(x) != NULL, ERR_LIB_SSL,
                ERR_R_PASSED_NULL_PARAMETER, 0);
    if (*list == NULL && (*list = sk_X509_NAME_new_null()) == NULL)
        return 0;
    name = X509_NAME_dup(X509_get_subject_name(x));
    if (name == NULL)
        return 0;
    if (!sk_X509_NAME_push(*list, name)) {
        X509_NAME_free(name);
        return 0;
    }
    return 1;
}

SHIM_EXPORT int SSL_CTX_add_client_CA(SSL_CTX *ctx, X509 *x)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    return add_ca_name(&ctx->client_ca, x);
}

SHIM_EXPORT int SSL_add_client_CA(SSL *s, X509 *x)
{
    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, 0);
    return add_ca_name(&s->client_ca, x);
}

#if defined(MBEDTLS_SSL_SRV_C) && defined(MBEDTLS_KEY_EXCHANGE_CERT_REQ_ALLOWED_ENABLED)
/* mbedTLS writes a CertificateRequest's CA names from the subjects of a
 * certificate list; it reads nothing else of them, so a list of stand-ins
 * carrying the names' encodings is what it gets. Without names, none are
 * sent, as OpenSSL sends none. */
int shim_client_ca_configure(SSL *s)
{
    const STACK_OF(X509_NAME) *names;
    int count;
    int i;

    if (!s->server)
        return 1;
    names = SSL_get_client_CA_list(s);
    count = sk_X509_NAME_num(names);
    if (count <= 0) {
        mbedtls_ssl_conf_cert_req_ca_list(&s->conf, MBEDTLS_SSL_CERT_REQ_CA_LIST_DISABLED);
        return 1;
    }
    s->dn_hints = shim_calloc((size_t)count, sizeof(*s->dn_hints));
    if (s->dn_hints == NULL)
        return 0;
    /* Set again after a context switch, which may bring names. */
    mbedtls_ssl_conf_cert_req_ca_list(&s->conf, MBEDTLS_SSL_CERT_REQ_CA_LIST_ENABLED);
    for (i = 0; i < count; i++) {
        mbedtls_x509_crt *hint = &s->dn_hints[i];
        size_t len;
        const unsigned char *der = shim_x509_name_der(sk_X509_NAME_value(names, i), &len);

        mbedtls_x509_crt_init(hint);
        hint->version = 3;
        hint->subject_raw.p = (unsigned char *)der;
        hint->subject_raw.len = der != NULL ? len : 0;
        hint->next = i + 1 < count ? &s->dn_hints[i + 1] : NULL;
    }
    mbedtls_ssl_conf_dn_hints(&s->conf, s->dn_hints);
    return 1;
}
#elif defined(MBEDTLS_SSL_SRV_C)
/* An mbedTLS without TLS 1.2's certificate-requesting key exchanges (a
 * TLS 1.3-only build) cannot take CA names: none are sent, rather than
 * mbedTLS's default of its trust anchors' names (docs/parity.md). */
int shim_client_ca_configure(SSL *s)
{
    if (s->server)
        mbedtls_ssl_conf_cert_req_ca_list(&s->conf, MBEDTLS_SSL_CERT_REQ_CA_LIST_DISABLED);
    return 1;
}
#else
int shim_client_ca_configure(SSL *s)
{
    (void)s; /* no server in this mbedTLS */
    return 1;
}
#endif

/* ---- The client's certificate callback -------------------------------------------- */

SHIM_EXPORT void SSL_CTX_set_client_cert_cb(SSL_CTX *ctx,
                                            int (*cb)(SSL *ssl, X509 **x509, EVP_PKEY **pkey))
{
    if (ctx != NULL)
        ctx->client_cert_cb = cb;
}

SHIM_EXPORT int (*SSL_CTX_get_client_cert_cb(SSL_CTX *ctx))(SSL *ssl, X509 **x509,
                                                            EVP_PKEY **pkey)
{
    return ctx != NULL ? ctx->client_cert_cb : NULL;
}

/* OpenSSL asks when a server requests a certificate and the client has
 * none; mbedTLS gives no such moment, so the callback is asked once, before
 * the handshake, by a client without a certificate (docs/parity.md). What
 * it returns is used as with SSL_use_certificate/SSL_use_PrivateKey. */
int shim_client_cert_callback(SSL *s)
{
    X509 *x = NULL;
    EVP_PKEY *pkey = NULL;
    int ret;

    if (s->server || s->client_cert_asked || s->ctx->client_cert_cb == NULL ||
        (s->own.leaf != NULL && s->own.key != NULL))
        return 1;
    ret = s->ctx->client_cert_cb(s, &x, &pkey);
    if (ret < 0) {
        s->rwstate = SHIM_X509_LOOKUP;
        return -1;
    }
    s->client_cert_asked = 1;
    s->rwstate = SHIM_NOTHING;
    if (ret > 0 && x != NULL && pkey != NULL) {
        ret = SSL_use_certificate(s, x) && SSL_use_PrivateKey(s, pkey);
        /* OpenSSL keeps its own references and frees what it was given. */
        X509_free(x);
        EVP_PKEY_free(pkey);
        if (!ret) {
            SHIM_ERR(ERR_LIB_SSL, SSL_R_BAD_DATA_RETURNED_BY_CALLBACK);
            return 0;
        }
        return 1;
    }
    X509_free(x);
    EVP_PKEY_free(pkey);
    return 1;
}
