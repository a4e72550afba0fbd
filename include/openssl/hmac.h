/* SPDX-License-Identifier: Apache-2.0 */
/* HMAC_Init_ex: what OpenSSL's older session ticket key callback
 * (SSL_CTX_set_tlsext_ticket_key_cb) calls to set its HMAC key. The
 * one-shot and streaming HMAC calls are not provided. */
#ifndef OPENSSL_HMAC_H
#define OPENSSL_HMAC_H

#include <openssl/evp.h>
#include <openssl/types.h>

#ifdef __cplusplus
extern "C" {
#endif

int HMAC_Init_ex(HMAC_CTX *ctx, const void *key, int len, const EVP_MD *md, ENGINE *impl);

#ifdef __cplusplus
}
#endif

#endif /* OPENSSL_HMAC_H */
