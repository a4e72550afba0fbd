/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What SSL_CIPHER tells beyond its names: version, key exchange,
 * authentication, cipher and MAC as OpenSSL names and numbers them, and
 * OpenSSL's one-line description. Apart from the table (ssl_cipher.c), so
 * that a device that never asks links none of these strings.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

/* The version OpenSSL lists a suite under; TLS 1.0 reads "TLSv1.0" here
 * and "TLSv1" in descriptions, as in OpenSSL. */
static const char *version_name(const SSL_CIPHER *c, int in_description)
{
    switch (c->min_version) {
    case SSL3_VERSION:
        return "SSLv3";
    case TLS1_VERSION:
        return in_description ? "TLSv1" : "TLSv1.0";
    case TLS1_2_VERSION:
        return "TLSv1.2";
    default:
        return "TLSv1.3";
    }
}

SHIM_EXPORT const char *SSL_CIPHER_get_version(const SSL_CIPHER *c)
{
    return c != NULL ? version_name(c, 0) : "(NONE)";
}

/* One attribute value and what OpenSSL says for it. */
struct attribute_name {
    unsigned int value;
    int nid;
    const char *text; /* in SSL_CIPHER_description */
};

static const struct attribute_name kx_names[] = {
    {SHIM_KX_RSA, NID_kx_rsa, "RSA"},
    {SHIM_KX_ECDHE, NID_kx_ecdhe, "ECDH"},
    {SHIM_KX_DHE, NID_kx_dhe, "DH"},
    {SHIM_KX_PSK, NID_kx_psk, "PSK"},
    {SHIM_KX_ECDHEPSK, NID_kx_ecdhe_psk, "ECDHEPSK"},
    {SHIM_KX_DHEPSK, NID_kx_dhe_psk, "DHEPSK"},
    {SHIM_KX_RSAPSK, NID_kx_rsa_psk, "RSAPSK"},
    {SHIM_KX_ANY, NID_kx_any, "any"},
};

static const struct attribute_name auth_names[] = {
    {SHIM_AU_RSA, NID_auth_rsa, "RSA"},
    {SHIM_AU_ECDSA, NID_auth_ecdsa, "ECDSA"},
    {SHIM_AU_PSK, NID_auth_psk, "PSK"},
    {SHIM_AU_ANY, NID_auth_any, "any"},
};

static const struct attribute_name enc_names[] = {
    {SHIM_ENC_AES128, NID_aes_128_cbc, "AES(128)"},
    {SHIM_ENC_AES256, NID_aes_256_cbc, "AES(256)"},
    {SHIM_ENC_AESGCM128, NID_aes_128_gcm, "AESGCM(128)"},
    {SHIM_ENC_AESGCM256, NID_aes_256_gcm, "AESGCM(256)"},
    {SHIM_ENC_AESCCM128, NID_aes_128_ccm, "AESCCM(128)"},
    {SHIM_ENC_AESCCM256, NID_aes_256_ccm, "AESCCM(256)"},
    {SHIM_ENC_AESCCM8_128, NID_aes_128_ccm, "AESCCM8(128)"},
    {SHIM_ENC_AESCCM8_256, NID_aes_256_ccm, "AESCCM8(256)"},
    {SHIM_ENC_CHACHA20, NID_chacha20_poly1305, "CHACHA20/POLY1305(256)"},
    {SHIM_ENC_CAMELLIA128, NID_camellia_128_cbc, "Camellia(128)"},
    {SHIM_ENC_CAMELLIA256, NID_camellia_256_cbc, "Camellia(256)"},
    {SHIM_ENC_ARIAGCM128, NID_aria_128_gcm, "ARIAGCM(128)"},
    {SHIM_ENC_ARIAGCM256, NID_aria_256_gcm, "ARIAGCM(256)"},
};

static const struct attribute_name mac_names[] = {
    {SHIM_MAC_SHA1, NID_sha1, "SHA1"},
    {SHIM_MAC_SHA256, NID_sha256, "SHA256"},
    {SHIM_MAC_SHA384, NID_sha384, "SHA384"},
    {SHIM_MAC_AEAD, NID_undef, "AEAD"},
};

#define LOOKUP(table, value) lookup(table, sizeof(table) / sizeof(table[0]), value)

static const struct attribute_name *lookup(const struct attribute_name *table, size_t n,
                                           unsigned int value)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (table[i].value == value)
            return &table[i];
    }
    return NULL; /* not reached: every table value is listed */
}

static int nid_of(const struct attribute_name *found)
{
    return found != NULL ? found->nid : NID_undef;
}

static const char *text_of(const struct attribute_name *found)
{
    return found != NULL ? found->text : "unknown";
}

SHIM_EXPORT int SSL_CIPHER_get_kx_nid(const SSL_CIPHER *c)
{
    return c != NULL ? nid_of(LOOKUP(kx_names, c->kx)) : NID_undef;
}

SHIM_EXPORT int SSL_CIPHER_get_auth_nid(const SSL_CIPHER *c)
{
    return c != NULL ? nid_of(LOOKUP(auth_names, c->auth)) : NID_undef;
}

SHIM_EXPORT int SSL_CIPHER_get_cipher_nid(const SSL_CIPHER *c)
{
    return c != NULL ? nid_of(LOOKUP(enc_names, c->enc)) : NID_undef;
}

/* The MAC's digest; none for an AEAD suite, as OpenSSL. */
SHIM_EXPORT int SSL_CIPHER_get_digest_nid(const SSL_CIPHER *c)
{
    return c != NULL ? nid_of(LOOKUP(mac_names, c->mac)) : NID_undef;
}

/* The hash of the handshake (TLS 1.2's PRF, TLS 1.3's HKDF): SHA-384 for
 * the suites named so, SHA-256 for every other one this build has. */
SHIM_EXPORT const EVP_MD *SSL_CIPHER_get_handshake_digest(const SSL_CIPHER *c)
{
    size_t len;

    if (c == NULL)
        return NULL;
    len = strlen(c->std_name);
    return len > 6 && strcmp(c->std_name + len - 6, "SHA384") == 0 ? EVP_sha384() : EVP_sha256();
}

SHIM_EXPORT int SSL_CIPHER_is_aead(const SSL_CIPHER *c)
{
    return c != NULL && c->mac == SHIM_MAC_AEAD;
}

/* OpenSSL's line (its `openssl ciphers -v` output); NULL when buf is too
 * small for 128 bytes; with no buf, a new one the caller frees. */
SHIM_EXPORT char *SSL_CIPHER_description(const SSL_CIPHER *c, char *buf, int size)
{
    enum { DESCRIPTION_SIZE = 128 };

    SHIM_ENSURE_ARG(c, ERR_LIB_SSL, NULL);
    if (buf == NULL) {
        buf = shim_malloc(DESCRIPTION_SIZE);
        SHIM_ENSURE(buf != NULL, ERR_LIB_SSL, ERR_R_MALLOC_FAILURE, NULL);
        size = DESCRIPTION_SIZE;
    } else if (size < DESCRIPTION_SIZE) {
        return NULL;
    }
    snprintf(buf, (size_t)size, "%-30s %-7s Kx=%-8s Au=%-5s Enc=%-22s Mac=%-4s\n", c->name,
             version_name(c, 1), text_of(LOOKUP(kx_names, c->kx)),
             text_of(LOOKUP(auth_names, c->auth)), text_of(LOOKUP(enc_names, c->enc)),
             text_of(LOOKUP(mac_names, c->mac)));
    return buf;
}

/* A suite by its two wire bytes, among those this build has. */
SHIM_EXPORT const SSL_CIPHER *SSL_CIPHER_find(SSL *ssl, const unsigned char *ptr)
{
    (void)ssl;
    SHIM_ENSURE_ARG(ptr, ERR_LIB_SSL, NULL);
    return shim_cipher_by_id((uint16_t)((ptr[0] << 8) | ptr[1]));
}

/* OpenSSL's name for an IANA name, "(NONE)" when unknown. */
SHIM_EXPORT const char *OPENSSL_cipher_name(const char *rfc_name)
{
    const SSL_CIPHER *table;
    size_t count;
    size_t i;

    if (rfc_name == NULL)
        return "(NONE)";
    table = shim_cipher_table(&count);
    for (i = 0; i < count; i++) {
        if (strcmp(table[i].std_name, rfc_name) == 0)
            return table[i].name;
    }
    return "(NONE)";
}
