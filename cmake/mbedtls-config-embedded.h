/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mbedTLS configuration for devices (Cortex-M, no operating system), used
 * as the whole configuration (MBEDTLS_CONFIG_FILE) by the embedded presets.
 *
 * What it keeps: TLS 1.2 and TLS 1.3, client and server; ECDHE with X25519
 * and P-256, ECDSA P-256 certificates; AES-GCM and ChaCha20-Poly1305;
 * SHA-256; certificates, CRLs and keys in PEM and DER from memory.
 * What it leaves out: file system, sockets, threads, RSA, SHA-384/512,
 * CBC suites, encrypted keys. What the device provides, through
 * <mbedtls-openssl-compat/platform.h>: entropy, the time of day, and
 * optionally a static memory pool.
 *
 * RAM knobs (docs/embedded.md has the measured effect of each):
 *   MBEDTLS_SSL_IN_CONTENT_LEN / MBEDTLS_SSL_OUT_CONTENT_LEN: the record
 *   buffers of every connection (16384 each by default, what any peer may
 *   send; smaller works only with peers that agree to smaller records,
 *   through max_fragment_length).
 */
#ifndef OPENSSL_COMPAT_MBEDTLS_CONFIG_EMBEDDED_H
#define OPENSSL_COMPAT_MBEDTLS_CONFIG_EMBEDDED_H

/* ---- Platform ---------------------------------------------------------------- */
#define MBEDTLS_HAVE_ASM
#define MBEDTLS_HAVE_TIME
#define MBEDTLS_HAVE_TIME_DATE
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_VERSION_C
#define MBEDTLS_PLATFORM_MEMORY
/* The time of day comes from the device (openssl_compat_set_time_source). */
#define MBEDTLS_PLATFORM_TIME_ALT
#define MBEDTLS_PLATFORM_GMTIME_R_ALT
#define MBEDTLS_PLATFORM_MS_TIME_ALT
/* Randomness comes from the device (openssl_compat_set_entropy_source). */
#define MBEDTLS_NO_PLATFORM_ENTROPY
#define MBEDTLS_ENTROPY_HARDWARE_ALT
#define MBEDTLS_ENTROPY_C
#define MBEDTLS_CTR_DRBG_C
#define MBEDTLS_HMAC_DRBG_C
/* A static pool can replace the heap (openssl_compat_use_static_pool). */
#define MBEDTLS_MEMORY_BUFFER_ALLOC_C

/* ---- Crypto ------------------------------------------------------------------ */
#define MBEDTLS_PSA_CRYPTO_C
#define MBEDTLS_AES_C
#define MBEDTLS_AES_ROM_TABLES
#define MBEDTLS_GCM_C
#define MBEDTLS_CHACHA20_C
#define MBEDTLS_POLY1305_C
#define MBEDTLS_CHACHAPOLY_C
#define MBEDTLS_CIPHER_C
#define MBEDTLS_MD_C
#define MBEDTLS_SHA224_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_HKDF_C
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_NIST_OPTIM
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_DP_CURVE25519_ENABLED
#define MBEDTLS_ECDH_C
#define MBEDTLS_ECDSA_C
#define MBEDTLS_ECDSA_DETERMINISTIC

/* ---- Keys, certificates, CRLs -------------------------------------------------- */
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C
#define MBEDTLS_OID_C
#define MBEDTLS_BASE64_C
#define MBEDTLS_PEM_PARSE_C
#define MBEDTLS_PEM_WRITE_C
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C
#define MBEDTLS_PK_WRITE_C
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_CRT_PARSE_C
#define MBEDTLS_X509_CRL_PARSE_C

/* ---- TLS --------------------------------------------------------------------- */
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_SSL_CLI_C
#define MBEDTLS_SSL_SRV_C
#define MBEDTLS_SSL_PROTO_TLS1_2
#define MBEDTLS_SSL_PROTO_TLS1_3
#define MBEDTLS_SSL_TLS1_3_COMPATIBILITY_MODE
#define MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED
#define MBEDTLS_SSL_KEEP_PEER_CERTIFICATE
#define MBEDTLS_SSL_SERVER_NAME_INDICATION
#define MBEDTLS_SSL_ALPN
#define MBEDTLS_SSL_SESSION_TICKETS
#define MBEDTLS_SSL_ENCRYPT_THEN_MAC
#define MBEDTLS_SSL_EXTENDED_MASTER_SECRET
#define MBEDTLS_SSL_MAX_FRAGMENT_LENGTH
#define MBEDTLS_SSL_KEYING_MATERIAL_EXPORT

/* Record buffers: what any TLS peer may send. */
#ifndef MBEDTLS_SSL_IN_CONTENT_LEN
#define MBEDTLS_SSL_IN_CONTENT_LEN 16384
#endif
#ifndef MBEDTLS_SSL_OUT_CONTENT_LEN
#define MBEDTLS_SSL_OUT_CONTENT_LEN 16384
#endif

#endif /* OPENSSL_COMPAT_MBEDTLS_CONFIG_EMBEDDED_H */
