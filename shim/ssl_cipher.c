/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Cipher suites: OpenSSL's names for the suites mbedTLS implements, and the
 * default list in OpenSSL 3.0's DEFAULT order (`openssl ciphers -V DEFAULT`,
 * PSK suites left out as they need PSK callbacks).
 */
#include "internal.h"

#include <mbedtls/ssl_ciphersuites.h>

/* Each suite is listed only when the mbedTLS build has what it needs
 * (protocol and key exchange, cipher, hash): a suite mbedTLS cannot use is
 * not worth its names' bytes on a device. Each building block is 1 or 0
 * here, and SUITE() keeps its entry only when all three are 1; the gating
 * is done by pasting, as #if cannot be used inside a macro. */
#if defined(MBEDTLS_SSL_PROTO_TLS1_3)
#define CAN_TLS13 1
#else
#define CAN_TLS13 0
#endif
#if defined(MBEDTLS_SSL_PROTO_TLS1_2) && defined(MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED)
#define CAN_KX_ECDHE_ECDSA 1
#else
#define CAN_KX_ECDHE_ECDSA 0
#endif
#if defined(MBEDTLS_SSL_PROTO_TLS1_2) && defined(MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED)
#define CAN_KX_ECDHE_RSA 1
#else
#define CAN_KX_ECDHE_RSA 0
#endif
#if defined(MBEDTLS_SSL_PROTO_TLS1_2) && defined(MBEDTLS_KEY_EXCHANGE_DHE_RSA_ENABLED)
#define CAN_KX_DHE_RSA 1
#else
#define CAN_KX_DHE_RSA 0
#endif
#if defined(MBEDTLS_SSL_PROTO_TLS1_2) && defined(MBEDTLS_KEY_EXCHANGE_RSA_ENABLED)
#define CAN_KX_RSA 1
#else
#define CAN_KX_RSA 0
#endif
#if defined(MBEDTLS_SSL_HAVE_AES) && defined(MBEDTLS_SSL_HAVE_GCM)
#define CAN_AES_GCM 1
#else
#define CAN_AES_GCM 0
#endif
#if defined(MBEDTLS_SSL_HAVE_AES) && defined(MBEDTLS_SSL_HAVE_CBC)
#define CAN_AES_CBC 1
#else
#define CAN_AES_CBC 0
#endif
#if defined(MBEDTLS_SSL_HAVE_CHACHAPOLY)
#define CAN_CHACHAPOLY 1
#else
#define CAN_CHACHAPOLY 0
#endif
#if defined(MBEDTLS_MD_CAN_SHA1)
#define CAN_SHA1 1
#else
#define CAN_SHA1 0
#endif
#if defined(MBEDTLS_MD_CAN_SHA256)
#define CAN_SHA256 1
#else
#define CAN_SHA256 0
#endif
#if defined(MBEDTLS_MD_CAN_SHA384)
#define CAN_SHA384 1
#else
#define CAN_SHA384 0
#endif

#define WHEN(flag, ...) WHEN_(flag, __VA_ARGS__)
#define WHEN_(flag, ...) WHEN_##flag(__VA_ARGS__)
#define WHEN_1(...) __VA_ARGS__
#define WHEN_0(...)

/* X(id, OpenSSL name, IANA name, bits) for a suite mbedTLS can use. */
#define SUITE(X, kx, cipher, hash, ...) \
    WHEN(CAN_##kx, WHEN(CAN_##cipher, WHEN(CAN_##hash, X(__VA_ARGS__))))

/* In OpenSSL's DEFAULT order. */
#define ALL_SUITES(X) \
    SUITE(X, TLS13, AES_GCM, SHA384, 0x1302, "TLS_AES_256_GCM_SHA384", \
          "TLS_AES_256_GCM_SHA384", 256) \
    SUITE(X, TLS13, CHACHAPOLY, SHA256, 0x1303, "TLS_CHACHA20_POLY1305_SHA256", \
          "TLS_CHACHA20_POLY1305_SHA256", 256) \
    SUITE(X, TLS13, AES_GCM, SHA256, 0x1301, "TLS_AES_128_GCM_SHA256", \
          "TLS_AES_128_GCM_SHA256", 128) \
    SUITE(X, KX_ECDHE_ECDSA, AES_GCM, SHA384, 0xC02C, "ECDHE-ECDSA-AES256-GCM-SHA384", \
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", 256) \
    SUITE(X, KX_ECDHE_RSA, AES_GCM, SHA384, 0xC030, "ECDHE-RSA-AES256-GCM-SHA384", \
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", 256) \
    SUITE(X, KX_DHE_RSA, AES_GCM, SHA384, 0x009F, "DHE-RSA-AES256-GCM-SHA384", \
          "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", 256) \
    SUITE(X, KX_ECDHE_ECDSA, CHACHAPOLY, SHA256, 0xCCA9, "ECDHE-ECDSA-CHACHA20-POLY1305", \
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", 256) \
    SUITE(X, KX_ECDHE_RSA, CHACHAPOLY, SHA256, 0xCCA8, "ECDHE-RSA-CHACHA20-POLY1305", \
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 256) \
    SUITE(X, KX_DHE_RSA, CHACHAPOLY, SHA256, 0xCCAA, "DHE-RSA-CHACHA20-POLY1305", \
          "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 256) \
    SUITE(X, KX_ECDHE_ECDSA, AES_GCM, SHA256, 0xC02B, "ECDHE-ECDSA-AES128-GCM-SHA256", \
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", 128) \
    SUITE(X, KX_ECDHE_RSA, AES_GCM, SHA256, 0xC02F, "ECDHE-RSA-AES128-GCM-SHA256", \
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 128) \
    SUITE(X, KX_DHE_RSA, AES_GCM, SHA256, 0x009E, "DHE-RSA-AES128-GCM-SHA256", \
          "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", 128) \
    SUITE(X, KX_ECDHE_ECDSA, AES_CBC, SHA384, 0xC024, "ECDHE-ECDSA-AES256-SHA384", \
          "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", 256) \
    SUITE(X, KX_ECDHE_RSA, AES_CBC, SHA384, 0xC028, "ECDHE-RSA-AES256-SHA384", \
          "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", 256) \
    SUITE(X, KX_DHE_RSA, AES_CBC, SHA256, 0x006B, "DHE-RSA-AES256-SHA256", \
          "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", 256) \
    SUITE(X, KX_ECDHE_ECDSA, AES_CBC, SHA256, 0xC023, "ECDHE-ECDSA-AES128-SHA256", \
          "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", 128) \
    SUITE(X, KX_ECDHE_RSA, AES_CBC, SHA256, 0xC027, "ECDHE-RSA-AES128-SHA256", \
          "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", 128) \
    SUITE(X, KX_DHE_RSA, AES_CBC, SHA256, 0x0067, "DHE-RSA-AES128-SHA256", \
          "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", 128) \
    SUITE(X, KX_ECDHE_ECDSA, AES_CBC, SHA1, 0xC00A, "ECDHE-ECDSA-AES256-SHA", \
          "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", 256) \
    SUITE(X, KX_ECDHE_RSA, AES_CBC, SHA1, 0xC014, "ECDHE-RSA-AES256-SHA", \
          "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", 256) \
    SUITE(X, KX_DHE_RSA, AES_CBC, SHA1, 0x0039, "DHE-RSA-AES256-SHA", \
          "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", 256) \
    SUITE(X, KX_ECDHE_ECDSA, AES_CBC, SHA1, 0xC009, "ECDHE-ECDSA-AES128-SHA", \
          "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", 128) \
    SUITE(X, KX_ECDHE_RSA, AES_CBC, SHA1, 0xC013, "ECDHE-RSA-AES128-SHA", \
          "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", 128) \
    SUITE(X, KX_DHE_RSA, AES_CBC, SHA1, 0x0033, "DHE-RSA-AES128-SHA", \
          "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", 128) \
    SUITE(X, KX_RSA, AES_GCM, SHA384, 0x009D, "AES256-GCM-SHA384", \
          "TLS_RSA_WITH_AES_256_GCM_SHA384", 256) \
    SUITE(X, KX_RSA, AES_GCM, SHA256, 0x009C, "AES128-GCM-SHA256", \
          "TLS_RSA_WITH_AES_128_GCM_SHA256", 128) \
    SUITE(X, KX_RSA, AES_CBC, SHA256, 0x003D, "AES256-SHA256", \
          "TLS_RSA_WITH_AES_256_CBC_SHA256", 256) \
    SUITE(X, KX_RSA, AES_CBC, SHA256, 0x003C, "AES128-SHA256", \
          "TLS_RSA_WITH_AES_128_CBC_SHA256", 128) \
    SUITE(X, KX_RSA, AES_CBC, SHA1, 0x0035, "AES256-SHA", \
          "TLS_RSA_WITH_AES_256_CBC_SHA", 256) \
    SUITE(X, KX_RSA, AES_CBC, SHA1, 0x002F, "AES128-SHA", \
          "TLS_RSA_WITH_AES_128_CBC_SHA", 128)

#define TABLE_ENTRY(id, name, std_name, bits) {id, name, std_name, bits},
#define ID_ENTRY(id, name, std_name, bits) id,

static const SSL_CIPHER cipher_table[] = {ALL_SUITES(TABLE_ENTRY)};

#define CIPHER_COUNT (sizeof(cipher_table) / sizeof(cipher_table[0]))

/* The same suites as mbedTLS ids, 0-terminated (mbedTLS keeps the
 * pointer, so the list is static). */
static const int default_ciphersuites[] = {ALL_SUITES(ID_ENTRY) 0};

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
