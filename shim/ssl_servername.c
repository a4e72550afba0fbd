/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Virtual hosting: the server's hello callbacks (client hello, server
 * name), the ClientHello getters, SSL_get_servername and SSL_set_SSL_CTX.
 *
 * mbedTLS has no client hello callback, and its SNI callback runs in the
 * middle of its own ClientHello parsing, after it has chosen the version.
 * The shim therefore reads the ClientHello as it arrives (transport.c),
 * runs the callbacks in OpenSSL's order before mbedTLS sees the message,
 * and then points the handshake at whatever context the callbacks chose.
 * A callback that asks to be called again keeps the hello's last bytes
 * from mbedTLS until it agrees.
 */
#include "internal.h"

#include <string.h>

/* The host name of a ClientHello, as OpenSSL accepts it: SHIM_IO_OK with
 * *name (NULL without one, else a new string), or the refusal. */
static enum shim_io_error hello_server_name(SSL *s, const unsigned char *hello, size_t len,
                                            char **name)
{
    const unsigned char *found;
    size_t found_len;
    int present = shim_client_hello_server_name(hello, len, &found, &found_len);

    *name = NULL;
    if (present < 0)
        return shim_refuse_hello(s, SSL_AD_DECODE_ERROR, SSL_R_BAD_EXTENSION);
    if (present == 0)
        return SHIM_IO_OK;
    if (found_len > SHIM_SNI_MAX_LEN || memchr(found, 0, found_len) != NULL)
        return shim_refuse_hello(s, SSL_AD_UNRECOGNIZED_NAME, SSL_R_BAD_EXTENSION);
    *name = shim_malloc(found_len + 1);
    if (*name == NULL)
        return shim_refuse_hello(s, SSL_AD_INTERNAL_ERROR, ERR_R_MALLOC_FAILURE);
    memcpy(*name, found, found_len);
    (*name)[found_len] = '\0';
    return SHIM_IO_OK;
}

/* A client's own setting; on a server, the name its ClientHello carried
 * (OpenSSL keeps both in one place too). A server with hello callbacks
 * takes the name before they run; one without reads it from the kept
 * ClientHello when first asked, which spares devices that never ask the
 * parsing code. */
SHIM_EXPORT const char *SSL_get_servername(const SSL *s, const int type)
{
    if (s == NULL || type != TLSEXT_NAMETYPE_host_name)
        return NULL;
    if (s->server && s->sni_name == NULL && s->client_hello != NULL) {
        SSL *reader = (SSL *)s; /* a cache of what the hello says */
        char *name;

        if (hello_server_name(reader, s->client_hello, s->client_hello_len, &name) == SHIM_IO_OK)
            reader->sni_name = name;
    }
    return s->sni_name;
}

SHIM_EXPORT int SSL_get_servername_type(const SSL *s)
{
    return SSL_get_servername(s, TLSEXT_NAMETYPE_host_name) != NULL ? TLSEXT_NAMETYPE_host_name
                                                                    : -1;
}

/* OpenSSL's: the certificate (and key and chain) and the context's
 * callbacks, trust store and CA names; the connection's own settings
 * (options, verify mode) stay. NULL goes back to the first context. */
SHIM_EXPORT SSL_CTX *SSL_set_SSL_CTX(SSL *ssl, SSL_CTX *ctx)
{
    SHIM_ENSURE_ARG(ssl, ERR_LIB_SSL, NULL);
    if (ctx == NULL)
        ctx = ssl->session_ctx != NULL ? ssl->session_ctx : ssl->ctx;
    if (ctx == ssl->ctx)
        return ctx;
    shim_own_clear(&ssl->own);
    shim_own_share(&ssl->own, &ctx->own);
    SSL_CTX_up_ref(ctx);
    /* The first context keeps the reference the connection had to it. */
    if (ssl->session_ctx == NULL)
        ssl->session_ctx = ssl->ctx;
    else
        SSL_CTX_free(ssl->ctx);
    ssl->ctx = ctx;
    if (ctx->hello_ops != NULL)
        ssl->hello_ops = ctx->hello_ops;
    /* OpenSSL's level lives with the certificate, which is replaced. */
    ssl->security_level = ctx->security_level;
    if (ctx->cipher_ops != NULL)
        ssl->cipher_ops = ctx->cipher_ops;
    if (ctx->params_ops != NULL)
        ssl->params_ops = ctx->params_ops;
    return ctx;
}

/* ---- The ClientHello getters ----------------------------------------------------- */

/* The ClientHello being looked at, or 0 outside the callbacks (where
 * OpenSSL has freed its copy). */
static int hello_fields(const SSL *s, struct shim_client_hello *ch)
{
    return s != NULL && s->in_hello_cb &&
           shim_client_hello_parse(s->sniff.first_record, s->sniff.first_record_len, ch);
}

/* mbedTLS takes no SSLv2-format hello, so none reaches a callback. */
SHIM_EXPORT int SSL_client_hello_isv2(SSL *s)
{
    (void)s;
    return 0;
}

SHIM_EXPORT unsigned int SSL_client_hello_get0_legacy_version(SSL *s)
{
    struct shim_client_hello ch;

    return hello_fields(s, &ch) ? ch.legacy_version : 0;
}

/* A field's length and *out, or 0 (and *out untouched) outside the
 * callbacks, as OpenSSL. */
static size_t hello_field(const unsigned char *field, size_t len, int have,
                          const unsigned char **out)
{
    if (!have)
        return 0;
    if (out != NULL)
        *out = field;
    return len;
}

SHIM_EXPORT size_t SSL_client_hello_get0_random(SSL *s, const unsigned char **out)
{
    struct shim_client_hello ch;
    int have = hello_fields(s, &ch);

    return hello_field(have ? ch.random : NULL, 32, have, out);
}

SHIM_EXPORT size_t SSL_client_hello_get0_session_id(SSL *s, const unsigned char **out)
{
    struct shim_client_hello ch;
    int have = hello_fields(s, &ch);

    return hello_field(have ? ch.session_id : NULL, have ? ch.session_id_len : 0, have, out);
}

SHIM_EXPORT size_t SSL_client_hello_get0_ciphers(SSL *s, const unsigned char **out)
{
    struct shim_client_hello ch;
    int have = hello_fields(s, &ch);

    return hello_field(have ? ch.ciphers : NULL, have ? ch.ciphers_len : 0, have, out);
}

SHIM_EXPORT size_t SSL_client_hello_get0_compression_methods(SSL *s, const unsigned char **out)
{
    struct shim_client_hello ch;
    int have = hello_fields(s, &ch);

    return hello_field(have ? ch.compression : NULL, have ? ch.compression_len : 0, have, out);
}

/* The extension types in the order the client sent them, in a new array
 * the caller frees with OPENSSL_free (NULL when there are none). */
SHIM_EXPORT int SSL_client_hello_get1_extensions_present(SSL *s, int **out, size_t *outlen)
{
    struct shim_client_hello ch;
    const unsigned char *p;
    size_t left;
    unsigned int type;
    const unsigned char *data;
    size_t data_len;
    size_t count = 0;
    int *types;

    SHIM_ENSURE(out != NULL && outlen != NULL, ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER, 0);
    if (!hello_fields(s, &ch))
        return 0;
    for (p = ch.extensions, left = ch.extensions_len;
         shim_hello_next_extension(&p, &left, &type, &data, &data_len);)
        count++;
    *out = NULL;
    *outlen = 0;
    if (count == 0)
        return 1;
    types = shim_malloc(count * sizeof(*types));
    SHIM_ENSURE(types != NULL, ERR_LIB_SSL, ERR_R_MALLOC_FAILURE, 0);
    count = 0;
    for (p = ch.extensions, left = ch.extensions_len;
         shim_hello_next_extension(&p, &left, &type, &data, &data_len);)
        types[count++] = (int)type;
    *out = types;
    *outlen = count;
    return 1;
}

SHIM_EXPORT int SSL_client_hello_get0_ext(SSL *s, unsigned int type, const unsigned char **out,
                                          size_t *outlen)
{
    struct shim_client_hello ch;
    const unsigned char *p;
    size_t left;
    unsigned int found;
    const unsigned char *data;
    size_t data_len;

    if (!hello_fields(s, &ch))
        return 0;
    for (p = ch.extensions, left = ch.extensions_len;
         shim_hello_next_extension(&p, &left, &found, &data, &data_len);) {
        if (found == type) {
            if (out != NULL)
                *out = data;
            if (outlen != NULL)
                *outlen = data_len;
            return 1;
        }
    }
    return 0;
}

#if defined(MBEDTLS_SSL_SERVER_NAME_INDICATION) && defined(MBEDTLS_SSL_SRV_C)

/* ---- Running the callbacks --------------------------------------------------------- */

static enum shim_io_error run_client_hello_cb(SSL *s)
{
    SSL_client_hello_cb_fn cb = s->ctx->client_hello_cb;
    int alert = SSL_AD_INTERNAL_ERROR;
    int answer;

    if (cb == NULL)
        return SHIM_IO_OK;
    answer = cb(s, &alert, s->ctx->client_hello_arg);
    if (answer == SSL_CLIENT_HELLO_SUCCESS)
        return SHIM_IO_OK;
    if (answer == SSL_CLIENT_HELLO_RETRY)
        return SHIM_IO_PAUSED;
    return shim_refuse_hello(s, alert, SSL_R_CALLBACK_FAILED);
}

/* The current context's callback, else the first context's (OpenSSL's
 * fallback when the client hello callback switched to a context without
 * one). It runs whether or not the client sent a name. */
static enum shim_io_error run_servername_cb(SSL *s)
{
    SSL_CTX *owner = s->ctx;
    int alert = SSL_AD_UNRECOGNIZED_NAME;

    if (owner->servername_cb == NULL && s->session_ctx != NULL)
        owner = s->session_ctx;
    if (owner->servername_cb == NULL)
        return SHIM_IO_OK;
    /* OK, NOACK and unknown answers go on, as in OpenSSL. So does a
     * warning, without the warning alert OpenSSL sends in TLS 1.2: mbedTLS
     * cannot send one at this point (docs/parity.md). */
    if (owner->servername_cb(s, &alert, owner->servername_arg) == SSL_TLSEXT_ERR_ALERT_FATAL)
        return shim_refuse_hello(s, alert, SSL_R_CALLBACK_FAILED);
    return SHIM_IO_OK;
}

/* The name, with OpenSSL's checks (one host_name entry, at most 255
 * bytes, no NUL), for the servername callback. */
static enum shim_io_error record_server_name(SSL *s, const unsigned char *hello, size_t len)
{
    char *name;
    enum shim_io_error verdict = hello_server_name(s, hello, len, &name);

    if (name != NULL) {
        shim_free(s->sni_name);
        s->sni_name = name;
    }
    return verdict;
}

static enum shim_io_error process_client_hello(SSL *s, const unsigned char *hello, size_t len)
{
    enum shim_io_error verdict;
    int reason;

    s->in_hello_cb = 1;
    verdict = run_client_hello_cb(s);
    if (verdict == SHIM_IO_OK)
        verdict = shim_client_hello_check(s, hello, len);
    if (verdict == SHIM_IO_OK)
        verdict = record_server_name(s, hello, len);
    if (verdict == SHIM_IO_OK)
        verdict = run_servername_cb(s);
    s->in_hello_cb = 0;
    if (verdict == SHIM_IO_OK && (reason = shim_conn_reconfigure(s)) != 0)
        verdict = shim_refuse_hello(s, SSL_AD_HANDSHAKE_FAILURE, reason);
    if (verdict == SHIM_IO_OK && s->cipher_ops != NULL)
        s->cipher_ops->prefer_server_order(s, hello, len);
    return verdict;
}

static void pause_for_callback(SSL *s)
{
    s->io_blocked = 1;
    s->rwstate = SHIM_CLIENT_HELLO_CB;
}

static int hold_hello(SSL *s, const unsigned char *buf, size_t len)
{
    s->hello_held = shim_malloc(len);
    if (s->hello_held == NULL) {
        s->io_error = shim_refuse_hello(s, SSL_AD_INTERNAL_ERROR, ERR_R_MALLOC_FAILURE);
        return MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE;
    }
    memcpy(s->hello_held, buf, len);
    s->hello_held_len = len;
    pause_for_callback(s);
    return MBEDTLS_ERR_SSL_WANT_READ;
}

/* While the record watcher still has the hello, the checks have not
 * agreed yet. mbedTLS asks again for the bytes it did not get, so they
 * fit in buf; the copy is general all the same. */
static int resume_hello(SSL *s, unsigned char *buf, size_t len)
{
    size_t n;

    if (s->sniff.first_record != NULL) {
        s->io_error = shim_check_peer_hello(s);
        if (s->io_error == SHIM_IO_PAUSED) {
            s->io_error = SHIM_IO_OK;
            pause_for_callback(s);
            return MBEDTLS_ERR_SSL_WANT_READ;
        }
        if (s->io_error != SHIM_IO_OK)
            return MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE;
    }
    n = len < s->hello_held_len ? len : s->hello_held_len;
    memcpy(buf, s->hello_held, n);
    s->hello_held_len -= n;
    memmove(s->hello_held, s->hello_held + n, s->hello_held_len);
    if (s->hello_held_len == 0) {
        shim_free(s->hello_held);
        s->hello_held = NULL;
    }
    return (int)n;
}

static const struct shim_hello_ops hello_ops = {process_client_hello, hold_hello, resume_hello};

const struct shim_hello_ops *shim_hello_processing(void)
{
    return &hello_ops;
}

static int install(SSL_CTX *ctx)
{
    ctx->hello_ops = &hello_ops;
    return 1;
}

#else /* no SNI or no server in mbedTLS */

const struct shim_hello_ops *shim_hello_processing(void)
{
    return NULL;
}

/* Without mbedTLS's per-handshake certificate switch a callback could not
 * do what it is for: refused. */
static int install(SSL_CTX *ctx)
{
    (void)ctx;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
}

#endif /* MBEDTLS_SSL_SERVER_NAME_INDICATION && MBEDTLS_SSL_SRV_C */

SHIM_EXPORT void SSL_CTX_set_client_hello_cb(SSL_CTX *c, SSL_client_hello_cb_fn cb, void *arg)
{
    if (c == NULL)
        return;
    c->client_hello_cb = cb;
    c->client_hello_arg = arg;
    (void)install(c);
}

/* Only the servername callback among OpenSSL's callback controls is here;
 * an unknown command fails, as in OpenSSL, without an error entry. */
SHIM_EXPORT long SSL_CTX_callback_ctrl(SSL_CTX *ctx, int cmd, void (*fp)(void))
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    if (cmd != SSL_CTRL_SET_TLSEXT_SERVERNAME_CB)
        return 0;
    ctx->servername_cb = (int (*)(SSL *, int *, void *))fp;
    return install(ctx);
}

SHIM_EXPORT long SSL_callback_ctrl(SSL *ssl, int cmd, void (*fp)(void))
{
    (void)cmd, (void)fp;
    SHIM_ENSURE_ARG(ssl, ERR_LIB_SSL, 0);
    return 0;
}
