/* SPDX-License-Identifier: Apache-2.0 */
#ifndef OPENSSL_TLS1_H
#define OPENSSL_TLS1_H

#include <stdint.h>

#include <openssl/prov_ssl.h>
#include <openssl/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TLS_ANY_VERSION 0x10000
#define TLS_MAX_VERSION TLS1_3_VERSION

/* Server Name Indication. */
#define TLSEXT_NAMETYPE_host_name 0
#define SSL_set_tlsext_host_name(s, name) \
    SSL_ctrl(s, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, (void *)(name))
/* The name a client sends, or (on a server) the one it received. */
const char *SSL_get_servername(const SSL *s, const int type);
int SSL_get_servername_type(const SSL *s);
/* A server's callback once the client's name is known (also when it sent
 * none): int cb(SSL *s, int *al, void *arg), answering SSL_TLSEXT_ERR_*. */
#define SSL_CTX_set_tlsext_servername_callback(ctx, cb) \
    SSL_CTX_callback_ctrl(ctx, SSL_CTRL_SET_TLSEXT_SERVERNAME_CB, (void (*)(void))(cb))
#define SSL_CTX_set_tlsext_servername_arg(ctx, arg) \
    SSL_CTX_ctrl(ctx, SSL_CTRL_SET_TLSEXT_SERVERNAME_ARG, 0, arg)

/* What TLS extension callbacks (ALPN selection...) return. */
#define SSL_TLSEXT_ERR_OK 0
#define SSL_TLSEXT_ERR_ALERT_WARNING 1
#define SSL_TLSEXT_ERR_ALERT_FATAL 2
#define SSL_TLSEXT_ERR_NOACK 3

/* Maximum fragment length (RFC 6066), asked for by a client. mbedTLS
 * negotiates it in TLS 1.2 only (docs/parity.md). */
#define TLSEXT_max_fragment_length_DISABLED 0
#define TLSEXT_max_fragment_length_512 1
#define TLSEXT_max_fragment_length_1024 2
#define TLSEXT_max_fragment_length_2048 3
#define TLSEXT_max_fragment_length_4096 4
int SSL_CTX_set_tlsext_max_fragment_length(SSL_CTX *ctx, uint8_t mode);
int SSL_set_tlsext_max_fragment_length(SSL *ssl, uint8_t mode);
/* The longest record this end sends (512 to 16384 bytes; OpenSSL's macros
 * over SSL_CTX_ctrl, here functions). Read buffers are mbedTLS's, sized at
 * build time: the read buffer length is taken and has no effect. */
long SSL_CTX_set_max_send_fragment(SSL_CTX *ctx, long m);
long SSL_set_max_send_fragment(SSL *ssl, long m);
void SSL_CTX_set_default_read_buffer_len(SSL_CTX *ctx, size_t len);
void SSL_set_default_read_buffer_len(SSL *s, size_t len);

/* A server's session ticket keys from the application (shared between
 * servers, rotated by it): the callback names the key and sets up AES-CBC
 * and HMAC for each ticket (enc 1) or for the key a ticket names (enc 0),
 * answering 1 (go on), 2 (go on; renewal wanted), 0 (no such key: no
 * ticket, or a full handshake) or below 0 (error). The older form takes an
 * HMAC_CTX; OpenSSL's macro is a function here. */
#define SSL_CTRL_SET_TLSEXT_TICKET_KEY_CB 72
int SSL_CTX_set_tlsext_ticket_key_evp_cb(SSL_CTX *ctx,
                                         int (*cb)(SSL *s, unsigned char key_name[16],
                                                   unsigned char *iv, EVP_CIPHER_CTX *cctx,
                                                   EVP_MAC_CTX *hctx, int enc));
long SSL_CTX_set_tlsext_ticket_key_cb(SSL_CTX *ctx,
                                      int (*cb)(SSL *s, unsigned char key_name[16],
                                                unsigned char *iv, EVP_CIPHER_CTX *cctx,
                                                HMAC_CTX *hctx, int enc));
#define SSL_CTX_set_tlsext_ticket_key_cb SSL_CTX_set_tlsext_ticket_key_cb

#ifdef __cplusplus
}
#endif

#endif /* OPENSSL_TLS1_H */
