/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ALPN (RFC 7301). A client's list goes to mbedTLS at set-up. mbedTLS's
 * server has no selection callback: it picks from its own list, so the
 * shim reads the client's list from the ClientHello before mbedTLS does,
 * asks the application's callback as OpenSSL would, and gives mbedTLS a
 * list of just the chosen protocol (or none, for NOACK).
 */
#include "internal.h"

#include <limits.h>
#include <string.h>

/* Each protocol of a wire-form list: its name and length; 0 at the end
 * or at an entry that is empty or runs past the list. */
static int next_protocol(const unsigned char **list, unsigned int *left,
                         const unsigned char **name, unsigned int *len)
{
    if (*left == 0 || (*list)[0] == 0 || (*list)[0] > *left - 1)
        return 0;
    *len = (*list)[0];
    *name = *list + 1;
    *list += *len + 1;
    *left -= *len + 1;
    return 1;
}

SHIM_EXPORT int SSL_select_next_proto(unsigned char **out, unsigned char *outlen,
                                      const unsigned char *server, unsigned int server_len,
                                      const unsigned char *client, unsigned int client_len)
{
    const unsigned char *mine = server;
    unsigned int mine_left = server != NULL ? server_len : 0;
    const unsigned char *name;
    unsigned int len;

    SHIM_ENSURE(out != NULL && outlen != NULL, ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER,
                OPENSSL_NPN_UNSUPPORTED);
    if (client == NULL)
        client_len = 0;
    /* The server's order decides; the answer points into its list. */
    while (next_protocol(&mine, &mine_left, &name, &len)) {
        const unsigned char *theirs = client;
        unsigned int theirs_left = client_len;
        const unsigned char *offered;
        unsigned int offered_len;

        while (next_protocol(&theirs, &theirs_left, &offered, &offered_len)) {
            if (offered_len == len && memcmp(offered, name, len) == 0) {
                *out = (unsigned char *)name;
                *outlen = (unsigned char)len;
                return OPENSSL_NPN_NEGOTIATED;
            }
        }
    }
    /* No overlap: the client's first protocol, if it has a valid one. */
    if (next_protocol(&client, &client_len, &name, &len)) {
        *out = (unsigned char *)name;
        *outlen = (unsigned char)len;
    } else {
        *out = NULL;
        *outlen = 0;
    }
    return OPENSSL_NPN_NO_OVERLAP;
}

#if defined(MBEDTLS_SSL_ALPN)

static int well_formed(const unsigned char *list, unsigned int len)
{
    const unsigned char *name;
    unsigned int name_len;

    while (next_protocol(&list, &len, &name, &name_len))
        continue;
    return len == 0;
}

static int copy_list(unsigned char **dst, unsigned int *dst_len, const unsigned char *src,
                     unsigned int src_len)
{
    unsigned char *copy = NULL;

    if (src != NULL && src_len > 0) {
        copy = shim_malloc(src_len);
        if (copy == NULL)
            return 0;
        memcpy(copy, src, src_len);
    }
    shim_free(*dst);
    *dst = copy;
    *dst_len = copy != NULL ? src_len : 0;
    return 1;
}

/* OpenSSL's return convention here: 0 on success, 1 on failure. An empty
 * list clears; a malformed one fails without an error queued. */
static int set_protocols(unsigned char **dst, unsigned int *dst_len, const unsigned char *protos,
                         unsigned int protos_len)
{
    if (protos == NULL || protos_len == 0)
        return copy_list(dst, dst_len, NULL, 0) ? 0 : 1;
    if (!well_formed(protos, protos_len))
        return 1;
    if (!copy_list(dst, dst_len, protos, protos_len)) {
        SHIM_ERR(ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
        return 1;
    }
    return 0;
}

/* mbedTLS's form: a NULL-ended array of C strings, in one block that the
 * connection frees at teardown. A name with a NUL byte cannot be a C
 * string and is left out. */
static const char **names_of(const unsigned char *list, unsigned int len)
{
    const unsigned char *walk = list;
    unsigned int left = len;
    const unsigned char *name;
    unsigned int name_len;
    size_t count = 0;
    const char **names;
    char *text;

    while (next_protocol(&walk, &left, &name, &name_len))
        count++;
    /* Pointers, then each name with its NUL: at most len bytes of text. */
    names = shim_malloc((count + 1) * sizeof(*names) + len);
    if (names == NULL)
        return NULL;
    text = (char *)(names + count + 1);
    count = 0;
    while (next_protocol(&list, &len, &name, &name_len)) {
        if (memchr(name, 0, name_len) != NULL)
            continue;
        memcpy(text, name, name_len);
        text[name_len] = '\0';
        names[count++] = text;
        text += name_len + 1;
    }
    names[count] = NULL;
    return names;
}

static int configure_offer(SSL *s)
{
    if (s->server || s->alpn_len == 0)
        return 1;
    s->alpn_names = names_of(s->alpn, s->alpn_len);
    SHIM_ENSURE(s->alpn_names != NULL, ERR_LIB_SSL, ERR_R_MALLOC_FAILURE, 0);
    SHIM_ENSURE(mbedtls_ssl_conf_alpn_protocols(&s->conf, s->alpn_names) == 0, ERR_LIB_SSL,
                ERR_R_INTERNAL_ERROR, 0);
    return 1;
}

/* What OpenSSL's server does when its callback refuses. */
static enum shim_io_error refuse(SSL *s)
{
    return shim_refuse_hello(s, SSL_AD_NO_APPLICATION_PROTOCOL, SSL_R_NO_APPLICATION_PROTOCOL);
}

static enum shim_io_error choose_protocol(SSL *s, const unsigned char *hello, size_t len)
{
    SSL_CTX_alpn_select_cb_func select = s->ctx->alpn_select_cb;
    const unsigned char *offered;
    size_t offered_len;
    const unsigned char *chosen = NULL;
    unsigned char chosen_len = 0;
    unsigned char one[256];
    int answer;

    if (select == NULL || s->alpn_names != NULL ||
        shim_client_hello_alpn(hello, len, &offered, &offered_len) != 1 || offered_len > UINT_MAX)
        return SHIM_IO_OK;
    answer = select(s, &chosen, &chosen_len, offered, (unsigned int)offered_len,
                    s->ctx->alpn_select_arg);
    /* NOACK: as if there were no callback. Anything else but OK is fatal
     * with no_application_protocol, as in OpenSSL 3.0. */
    if (answer == SSL_TLSEXT_ERR_NOACK)
        return SHIM_IO_OK;
    if (answer != SSL_TLSEXT_ERR_OK || chosen == NULL || chosen_len == 0)
        return refuse(s);
    /* mbedTLS agrees to its list's first protocol that the client offers:
     * a list of the chosen one alone makes it that one. */
    one[0] = chosen_len;
    memcpy(one + 1, chosen, chosen_len);
    s->alpn_names = names_of(one, (unsigned int)chosen_len + 1);
    if (s->alpn_names == NULL || s->alpn_names[0] == NULL ||
        mbedtls_ssl_conf_alpn_protocols(&s->conf, s->alpn_names) != 0)
        return refuse(s);
    return SHIM_IO_OK;
}

static const struct shim_alpn_ops alpn_ops = {copy_list, configure_offer, choose_protocol};

SHIM_EXPORT int SSL_CTX_set_alpn_protos(SSL_CTX *ctx, const unsigned char *protos,
                                        unsigned int protos_len)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 1);
    ctx->alpn_ops = &alpn_ops;
    return set_protocols(&ctx->alpn, &ctx->alpn_len, protos, protos_len);
}

SHIM_EXPORT int SSL_set_alpn_protos(SSL *ssl, const unsigned char *protos, unsigned int protos_len)
{
    SHIM_ENSURE_ARG(ssl, ERR_LIB_SSL, 1);
    ssl->alpn_ops = &alpn_ops;
    return set_protocols(&ssl->alpn, &ssl->alpn_len, protos, protos_len);
}

SHIM_EXPORT void SSL_get0_alpn_selected(const SSL *ssl, const unsigned char **data,
                                        unsigned int *len)
{
    const char *chosen = ssl != NULL && ssl->frozen ? mbedtls_ssl_get_alpn_protocol(&ssl->tls)
                                                    : NULL;

    if (data == NULL || len == NULL) {
        SHIM_ERR(ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER);
        return;
    }
    *data = (const unsigned char *)chosen;
    *len = chosen != NULL ? (unsigned int)strlen(chosen) : 0;
}

#else /* !MBEDTLS_SSL_ALPN */

/* Not built into mbedTLS: a list could never be sent. */
SHIM_EXPORT int SSL_CTX_set_alpn_protos(SSL_CTX *ctx, const unsigned char *protos,
                                        unsigned int protos_len)
{
    (void)ctx, (void)protos, (void)protos_len;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 1);
}

SHIM_EXPORT int SSL_set_alpn_protos(SSL *ssl, const unsigned char *protos, unsigned int protos_len)
{
    (void)ssl, (void)protos, (void)protos_len;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 1);
}

SHIM_EXPORT void SSL_get0_alpn_selected(const SSL *ssl, const unsigned char **data,
                                        unsigned int *len)
{
    (void)ssl;
    if (data == NULL || len == NULL) {
        SHIM_ERR(ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER);
        return;
    }
    *data = NULL;
    *len = 0;
}

#endif /* MBEDTLS_SSL_ALPN */

/* The callback is kept either way: without ALPN in mbedTLS it is never
 * called, as mbedTLS could not answer. */
SHIM_EXPORT void SSL_CTX_set_alpn_select_cb(SSL_CTX *ctx, SSL_CTX_alpn_select_cb_func cb,
                                            void *arg)
{
    if (ctx == NULL)
        return;
    ctx->alpn_select_cb = cb;
    ctx->alpn_select_arg = arg;
#if defined(MBEDTLS_SSL_ALPN)
    ctx->alpn_ops = &alpn_ops;
#endif
}
