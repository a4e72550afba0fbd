/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Watching a connection: the info callback's setters, the NSS key log
 * (the format Wireshark reads), the randoms, the keying material exporter
 * and the Finished messages. mbedTLS reports each secret as it derives it
 * (ssl_handshake.c keeps the randoms from that report); the key log lines
 * are made here, so a program without a key log links none of it.
 */
#include "internal.h"

#include <string.h>

#include <mbedtls/platform_util.h>

SHIM_EXPORT void SSL_CTX_set_info_callback(SSL_CTX *ctx,
                                           void (*cb)(const SSL *ssl, int type, int val))
{
    if (ctx != NULL)
        ctx->info_cb = cb;
}

SHIM_EXPORT void (*SSL_CTX_get_info_callback(SSL_CTX *ctx))(const SSL *ssl, int type, int val)
{
    return ctx != NULL ? ctx->info_cb : NULL;
}

SHIM_EXPORT void SSL_set_info_callback(SSL *ssl, void (*cb)(const SSL *ssl, int type, int val))
{
    if (ssl != NULL)
        ssl->info_cb = cb;
}

/* The connection's own callback only, as OpenSSL's getter. */
SHIM_EXPORT void (*SSL_get_info_callback(const SSL *ssl))(const SSL *ssl, int type, int val)
{
    return ssl != NULL ? ssl->info_cb : NULL;
}

/* ---- Key log -------------------------------------------------------------------------- */

/* NSS's labels for what mbedTLS exports. TLS 1.3's exporter secret is not
 * among them: mbedTLS does not export it (docs/parity.md). */
static const char *keylog_label(int type)
{
    switch (type) {
    case MBEDTLS_SSL_KEY_EXPORT_TLS12_MASTER_SECRET:
        return "CLIENT_RANDOM";
    case MBEDTLS_SSL_KEY_EXPORT_TLS1_3_CLIENT_HANDSHAKE_TRAFFIC_SECRET:
        return "CLIENT_HANDSHAKE_TRAFFIC_SECRET";
    case MBEDTLS_SSL_KEY_EXPORT_TLS1_3_SERVER_HANDSHAKE_TRAFFIC_SECRET:
        return "SERVER_HANDSHAKE_TRAFFIC_SECRET";
    case MBEDTLS_SSL_KEY_EXPORT_TLS1_3_CLIENT_APPLICATION_TRAFFIC_SECRET:
        return "CLIENT_TRAFFIC_SECRET_0";
    case MBEDTLS_SSL_KEY_EXPORT_TLS1_3_SERVER_APPLICATION_TRAFFIC_SECRET:
        return "SERVER_TRAFFIC_SECRET_0";
    default:
        return NULL;
    }
}

static char *append_hex(char *out, const unsigned char *bytes, size_t len)
{
    static const char digits[] = "0123456789abcdef";
    size_t i;

    for (i = 0; i < len; i++) {
        *out++ = digits[bytes[i] >> 4];
        *out++ = digits[bytes[i] & 0x0F];
    }
    return out;
}

/* "LABEL <client random> <secret>", in lower-case hex, as OpenSSL writes
 * it. Secrets are at most 48 bytes (SHA-384). */
static void emit_keylog_line(SSL *s, int type, const unsigned char *secret, size_t len)
{
    const char *label = keylog_label(type);
    char line[40 + 1 + 64 + 1 + 2 * 64 + 1];
    char *at = line;
    size_t label_len;

    if (label == NULL || len > 64 || s->ctx->keylog_cb == NULL)
        return;
    label_len = strlen(label);
    memcpy(at, label, label_len);
    at += label_len;
    *at++ = ' ';
    at = append_hex(at, s->randoms, 32);
    *at++ = ' ';
    at = append_hex(at, secret, len);
    *at = '\0';
    s->ctx->keylog_cb(s, line);
    mbedtls_platform_zeroize(line, sizeof(line));
}

SHIM_EXPORT void SSL_CTX_set_keylog_callback(SSL_CTX *ctx, SSL_CTX_keylog_cb_func cb)
{
    if (ctx == NULL)
        return;
    ctx->keylog_cb = cb;
    ctx->keylog_emit = cb != NULL ? emit_keylog_line : NULL;
}

SHIM_EXPORT SSL_CTX_keylog_cb_func SSL_CTX_get_keylog_callback(const SSL_CTX *ctx)
{
    return ctx != NULL ? ctx->keylog_cb : NULL;
}

/* ---- Randoms, exporters, Finished ---------------------------------------------------------- */

/* OpenSSL's rule: outlen 0 asks for the size; otherwise up to 32 bytes. */
static size_t copy_random(const unsigned char *random, unsigned char *out, size_t outlen)
{
    if (outlen == 0)
        return 32;
    if (outlen > 32)
        outlen = 32;
    if (out != NULL)
        memcpy(out, random, outlen);
    return outlen;
}

SHIM_EXPORT size_t SSL_get_client_random(const SSL *ssl, unsigned char *out, size_t outlen)
{
    return ssl != NULL ? copy_random(ssl->randoms, out, outlen) : 0;
}

SHIM_EXPORT size_t SSL_get_server_random(const SSL *ssl, unsigned char *out, size_t outlen)
{
    return ssl != NULL ? copy_random(ssl->randoms + 32, out, outlen) : 0;
}

/* 1, 0 when the exporter fails, -1 before a handshake (as OpenSSL). */
SHIM_EXPORT int SSL_export_keying_material(SSL *s, unsigned char *out, size_t olen,
                                           const char *label, size_t llen,
                                           const unsigned char *context, size_t contextlen,
                                           int use_context)
{
#if defined(MBEDTLS_SSL_KEYING_MATERIAL_EXPORT)
    int ret;

    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, -1);
    SHIM_ENSURE(out != NULL && label != NULL, ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER, 0);
    if (s->hs_state != SHIM_HS_DONE)
        return -1;
    ret = mbedtls_ssl_export_keying_material(&s->tls, out, olen, label, llen, context,
                                             contextlen, use_context);
    SHIM_ENSURE(ret == 0, ERR_LIB_SSL,
                ret == MBEDTLS_ERR_SSL_BAD_INPUT_DATA ? ERR_R_PASSED_INVALID_ARGUMENT
                                                      : ERR_R_INTERNAL_ERROR,
                0);
    return 1;
#else
    (void)s, (void)out, (void)olen, (void)label, (void)llen, (void)context, (void)contextlen;
    (void)use_context;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
#endif
}

/* mbedTLS keeps the Finished messages to itself: nothing to copy, and an
 * error that says so rather than a length that would look like one. */
SHIM_EXPORT size_t SSL_get_finished(const SSL *s, void *buf, size_t count)
{
    (void)s, (void)buf, (void)count;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
}

SHIM_EXPORT size_t SSL_get_peer_finished(const SSL *s, void *buf, size_t count)
{
    (void)s, (void)buf, (void)count;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
}
