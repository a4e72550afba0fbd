/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Cipher suites: OpenSSL's names for the suites mbedTLS implements, and the
 * default list in OpenSSL 3.0's DEFAULT order (`openssl ciphers -V DEFAULT`,
 * PSK suites left out as they need PSK callbacks).
 */
#include "internal.h"

#include <mbedtls/ssl_ciphersuites.h>

/* In OpenSSL's DEFAULT order. */
static const SSL_CIPHER cipher_table[] = {
    {0x1302, "TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384", 256},
    {0x1303, "TLS_CHACHA20_POLY1305_SHA256", "TLS_CHACHA20_POLY1305_SHA256", 256},
    {0x1301, "TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256", 128},
    {0xC02C, "ECDHE-ECDSA-AES256-GCM-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", 256},
    {0xC030, "ECDHE-RSA-AES256-GCM-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", 256},
    {0x009F, "DHE-RSA-AES256-GCM-SHA384", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", 256},
    {0xCCA9, "ECDHE-ECDSA-CHACHA20-POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", 256},
    {0xCCA8, "ECDHE-RSA-CHACHA20-POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 256},
    {0xCCAA, "DHE-RSA-CHACHA20-POLY1305", "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 256},
    {0xC02B, "ECDHE-ECDSA-AES128-GCM-SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", 128},
    {0xC02F, "ECDHE-RSA-AES128-GCM-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 128},
    {0x009E, "DHE-RSA-AES128-GCM-SHA256", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", 128},
    {0xC024, "ECDHE-ECDSA-AES256-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", 256},
    {0xC028, "ECDHE-RSA-AES256-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", 256},
    {0x006B, "DHE-RSA-AES256-SHA256", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", 256},
    {0xC023, "ECDHE-ECDSA-AES128-SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", 128},
    {0xC027, "ECDHE-RSA-AES128-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", 128},
    {0x0067, "DHE-RSA-AES128-SHA256", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", 128},
    {0xC00A, "ECDHE-ECDSA-AES256-SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", 256},
    {0xC014, "ECDHE-RSA-AES256-SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", 256},
    {0x0039, "DHE-RSA-AES256-SHA", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", 256},
    {0xC009, "ECDHE-ECDSA-AES128-SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", 128},
    {0xC013, "ECDHE-RSA-AES128-SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", 128},
    {0x0033, "DHE-RSA-AES128-SHA", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", 128},
    {0x009D, "AES256-GCM-SHA384", "TLS_RSA_WITH_AES_256_GCM_SHA384", 256},
    {0x009C, "AES128-GCM-SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256", 128},
    {0x003D, "AES256-SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA256", 256},
    {0x003C, "AES128-SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA256", 128},
    {0x0035, "AES256-SHA", "TLS_RSA_WITH_AES_256_CBC_SHA", 256},
    {0x002F, "AES128-SHA", "TLS_RSA_WITH_AES_128_CBC_SHA", 128},
};

#define CIPHER_COUNT (sizeof(cipher_table) / sizeof(cipher_table[0]))

/* The same suites as mbedTLS ids, 0-terminated. mbedTLS keeps the pointer,
 * so the list is static; suites the mbedTLS build lacks are skipped by
 * mbedTLS when it builds the ClientHello or picks a suite. */
static const int default_ciphersuites[CIPHER_COUNT + 1] = {
    0x1302, 0x1303, 0x1301, 0xC02C, 0xC030, 0x009F, 0xCCA9, 0xCCA8, 0xCCAA, 0xC02B,
    0xC02F, 0x009E, 0xC024, 0xC028, 0x006B, 0xC023, 0xC027, 0x0067, 0xC00A, 0xC014,
    0x0039, 0xC009, 0xC013, 0x0033, 0x009D, 0x009C, 0x003D, 0x003C, 0x0035, 0x002F,
    0,
};

const int *shim_default_ciphersuites(void)
{
    return default_ciphersuites;
}

const SSL_CIPHER *shim_cipher_by_id(uint16_t id)
{
    size_t i;

    for (i = 0; i < CIPHER_COUNT; i++) {
        if (cipher_table[i].id == id)
            return &cipher_table[i];
    }
    return NULL;
}

SHIM_EXPORT const char *SSL_CIPHER_get_name(const SSL_CIPHER *c)
{
    return c != NULL ? c->name : "(NONE)";
}

SHIM_EXPORT const char *SSL_CIPHER_standard_name(const SSL_CIPHER *c)
{
    return c != NULL ? c->std_name : "(NONE)";
}

SHIM_EXPORT int SSL_CIPHER_get_bits(const SSL_CIPHER *c, int *alg_bits)
{
    int bits = c != NULL ? c->bits : 0;

    if (alg_bits != NULL)
        *alg_bits = bits;
    return bits;
}

/* OpenSSL's cipher id: 0x03000000 | the IANA number. */
SHIM_EXPORT uint32_t SSL_CIPHER_get_id(const SSL_CIPHER *c)
{
    return c != NULL ? 0x03000000U | c->id : 0;
}

SHIM_EXPORT uint16_t SSL_CIPHER_get_protocol_id(const SSL_CIPHER *c)
{
    return c != NULL ? c->id : 0;
}
